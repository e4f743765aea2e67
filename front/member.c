/* member.c — `doorstep member list|approve|block`: the coordinators' say over who may
 * post. With [group] moderation = unknown, a new sender's posts are held until an
 * approval releases them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "front.h"
#include "log.h"

static int
is_coordinator(const conf *c, const char *addr)
{
    char **list = conf_list(conf_str(c, "group", "coordinators"), NULL);
    int found = 0;

    for (char **q = list; q && *q && !found; q++)
        found = strcasecmp(*q, addr) == 0;
    conf_list_free(list);
    return found;
}

static int
list_members(sqlite3 *db, const char *status)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db,
                                 "SELECT m.email, coalesce(m.name, ''), m.status,"
                                 " (SELECT count(*) FROM posts p WHERE p.member_id = m.id"
                                 "   AND p.status = 'held'),"
                                 " (SELECT count(*) FROM posts p WHERE p.member_id = m.id)"
                                 " FROM members m WHERE ?1 IS NULL OR m.status = ?1"
                                 " ORDER BY m.status = 'pending' DESC, m.email",
                                 err, sizeof err);
    int step;

    if (!s) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    if (status)
        sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        printf("%-12s %-40s %s", sqlite3_column_text(s, 2), sqlite3_column_text(s, 0),
               sqlite3_column_text(s, 1));
        if (sqlite3_column_int(s, 3) > 0)
            printf("  (%d held of %d posts)", sqlite3_column_int(s, 3), sqlite3_column_int(s, 4));
        else if (sqlite3_column_int(s, 4) > 0)
            printf("  (%d posts)", sqlite3_column_int(s, 4));
        putchar('\n');
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
        return EX_SOFTWARE;
    }
    return 0;
}

/* Runs SQL with ?1 = ADDR (and ?2 = now); returns the rows changed, -1 on error. */
static int
run(sqlite3 *db, const char *sql, const char *addr, const char *status)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    int rc;

    if (!s) {
        log_error("%s", err);
        return -1;
    }
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)clock_now());
    if (status)
        sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    rc = sqlite3_step(s) == SQLITE_DONE ? sqlite3_changes(db) : -1;
    if (rc < 0)
        log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return rc;
}

/* Sets ADDR's status (adding the member when unknown, so that an address can be
 * approved before it writes), then releases or withdraws its posts. */
static int
set_status(const conf *c, sqlite3 *db, const char *addr, const char *status)
{
    char err[512];
    int n, rc = EX_SOFTWARE;

    if (strcmp(status, "blocked") == 0 && is_coordinator(c, addr)) {
        log_error("%s is a coordinator in %s; remove it from [group] coordinators first", addr,
                  conf_file(c));
        return EX_DATAERR;
    }
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    /* a configured coordinator stays one when approved */
    if (strcmp(status, "member") == 0 && is_coordinator(c, addr))
        status = "coordinator";
    if (run(db,
            "INSERT INTO members(email, status, joined_at) VALUES (?1, ?3, ?2)"
            " ON CONFLICT(email) DO UPDATE SET status = ?3"
            " WHERE status <> 'coordinator' OR ?3 = 'blocked'",
            addr, status) < 0)
        goto fail;
    if (strcmp(status, "blocked") == 0)
        n = run(db,
                "UPDATE posts SET status = 'withdrawn', closed_at = ?2"
                " WHERE status IN ('held', 'open', 'triage')"
                " AND member_id = (SELECT id FROM members WHERE email = ?1)",
                addr, NULL);
    else
        /* held posts go where they would have gone: open, or triage when the rules
         * were unsure of them */
        n = run(db,
                "UPDATE posts SET status = CASE WHEN EXISTS (SELECT 1 FROM triage t"
                "   WHERE t.post = posts.id AND t.resolved_at IS NULL) THEN 'triage' ELSE 'open' END"
                " WHERE status = 'held' AND member_id = (SELECT id FROM members WHERE email = ?1)",
                addr, NULL);
    if (n < 0)
        goto fail;
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if (strcmp(status, "blocked") == 0)
        printf("%s blocked; %d posts withdrawn\n", addr, n);
    else
        printf("%s approved; %d held posts released\n", addr, n);
    return 0;
fail:
    db_rollback(db);
    return rc;
}

int
cmd_member(const struct cli *cli, int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : NULL;
    conf *c;
    sqlite3 *db;
    int rc = 0;

    if (!what || (strcmp(what, "list") != 0 && strcmp(what, "approve") != 0 &&
                  strcmp(what, "block") != 0))
        return cli_usage_error(cli, "member list [pending|member|coordinator|blocked] | "
                                    "member approve ADDRESS... | member block ADDRESS...");
    if (strcmp(what, "list") == 0 && argc > 3)
        return cli_usage_error(cli, "member list takes one status at most");
    if (strcmp(what, "list") != 0 && argc < 3)
        return cli_usage_error(cli, "member %s needs an address", what);
    for (int i = 2; strcmp(what, "list") != 0 && i < argc; i++)
        if (!strchr(argv[i], '@') || strchr(argv[i], ' '))
            return cli_usage_error(cli, "\"%s\" is not an email address", argv[i]);
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (strcmp(what, "list") == 0) {
        rc = list_members(db, argc > 2 ? argv[2] : NULL);
    } else {
        for (int i = 2; i < argc && rc == 0; i++) {
            for (char *p = argv[i]; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            rc = set_status(c, db, argv[i], strcmp(what, "approve") == 0 ? "member" : "blocked");
        }
    }
    db_close(db);
    conf_free(c);
    return rc;
}
