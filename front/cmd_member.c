/* cmd_member.c — `doorstep member list|approve|block|export|forget`: the coordinators' say
 * over who may post (with [group] moderation = unknown, a new sender's posts are held
 * until an approval releases them), and a person's right to see and erase what the
 * group holds about them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include <jansson.h>

#include "clock.h"
#include "db.h"
#include "dbjson.h"
#include "buf.h"
#include "front.h"
#include "log.h"
#include "mailhdr.h"
#include "members.h"
#include "posts.h"
#include "text.h"

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
        db_log_errmsg(db);
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
        db_log_errmsg(db);
    sqlite3_finalize(s);
    return rc;
}

/* Sets ADDR's status (adding the member when unknown, so that an address can be
 * approved before it writes), then releases or withdraws its posts. */
static int
set_status(const conf *c, sqlite3 *db, const char *addr, const char *status)
{
    char err[512];
    long n = 0;
    int rc = EX_SOFTWARE, r;

    if (strcmp(status, "blocked") == 0 && members_is_coordinator(c, addr)) {
        log_error("%s is a coordinator in %s; remove it from [group] coordinators first", addr,
                  conf_file(c));
        return EX_DATAERR;
    }
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    /* a configured coordinator stays one when approved */
    if (strcmp(status, "member") == 0 && members_is_coordinator(c, addr))
        status = "coordinator";
    if (members_set_status(db, addr, status, clock_now(), err, sizeof err) < 0) {
        log_error("%s", err);
        goto fail;
    }
    if (strcmp(status, "blocked") == 0)
        r = posts_withdraw_member(db, addr, clock_now(), &n, err, sizeof err);
    else
        r = posts_release_member(db, addr, &n, err, sizeof err);
    if (r < 0) {
        log_error("%s", err);
        goto fail;
    }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if (strcmp(status, "blocked") == 0)
        printf("%s blocked; %ld posts withdrawn\n", addr, n);
    else
        printf("%s approved; %ld held posts released\n", addr, n);
    return 0;
fail:
    db_rollback(db);
    return rc;
}

/* The text that replaces a forgotten address wherever it is quoted (no '@', so that an
 * outbox row left without an address is seen to be addressed to no one). */
#define FORGOTTEN "[forgotten]"

static int
addr_char(unsigned char ch)
{
    return isalnum(ch) || ch >= 0x80 || strchr("!#$%&'*+-/=?^_`{|}~.", ch);
}

/* Where ADDR (lower case, ALEN bytes) occurs in S (N bytes) as a whole address, case
 * aside: not inside a longer one ("mary.jane@x" does not hold "jane@x"). */
static const unsigned char *
find_addr(const unsigned char *s, size_t n, const char *addr, size_t alen)
{
    for (size_t i = 0; alen > 0 && i + alen <= n; i++) {
        size_t k = 0;
        while (k < alen && tolower(s[i + k]) == (unsigned char)addr[k])
            k++;
        if (k < alen || (i > 0 && addr_char(s[i - 1])))
            continue;
        if (i + alen < n) {
            unsigned char next = s[i + alen];
            /* "jane@x.org." ends a sentence; "jane@x.org.uk" is another address */
            if (isalnum(next) || next == '-' ||
                (next == '.' && i + alen + 1 < n && isalnum(s[i + alen + 1])))
                continue;
        }
        return s + i;
    }
    return NULL;
}

/* SQL has_addr(X, ADDR): 1 when X (text or blob) holds ADDR, else 0. */
static void
sql_has_addr(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *s = sqlite3_value_blob(argv[0]);
    const char *addr = (const char *)sqlite3_value_text(argv[1]);

    (void)argc;
    sqlite3_result_int(ctx, s && addr &&
                                find_addr(s, (size_t)sqlite3_value_bytes(argv[0]), addr,
                                          strlen(addr)) != NULL);
}

/* SQL redact_addr(X, ADDR): X with every ADDR replaced by FORGOTTEN, of X's type. */
static void
sql_redact_addr(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int type = sqlite3_value_type(argv[0]);
    const unsigned char *s = sqlite3_value_blob(argv[0]), *hit;
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    const char *addr = (const char *)sqlite3_value_text(argv[1]);
    size_t alen = addr ? strlen(addr) : 0;
    struct buf b = {0};

    (void)argc;
    if (!s || !addr || (type != SQLITE_TEXT && type != SQLITE_BLOB)) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    while ((hit = find_addr(s, n, addr, alen))) {
        if (buf_add(&b, s, (size_t)(hit - s)) < 0 || buf_adds(&b, FORGOTTEN) < 0)
            goto oom;
        n -= (size_t)(hit - s) + alen;
        s = hit + alen;
    }
    if (buf_add(&b, s, n) < 0)
        goto oom;
    if (type == SQLITE_TEXT)
        sqlite3_result_text64(ctx, b.data ? b.data : "", b.len, SQLITE_TRANSIENT, SQLITE_UTF8);
    else
        sqlite3_result_blob64(ctx, b.data ? b.data : "", b.len, SQLITE_TRANSIENT);
    buf_free(&b);
    return;
oom:
    buf_free(&b);
    sqlite3_result_error_nomem(ctx);
}

int
member_collect(sqlite3 *db, const char *addr)
{
    char err[512];
    sqlite3_stmt *s, *ins;
    int step, rc = 0;

    if (sqlite3_create_function(db, "has_addr", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                sql_has_addr, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db, "redact_addr", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                sql_redact_addr, NULL, NULL) != SQLITE_OK) {
        db_log_errmsg(db);
        return -1;
    }
    if (db_exec(db,
                "CREATE TEMP TABLE IF NOT EXISTS who_msgs (id INTEGER PRIMARY KEY);"
                "DELETE FROM temp.who_msgs",
                err, sizeof err) < 0) {
        log_error("%s", err);
        return -1;
    }
    s = db_prepare(db, "SELECT message, raw FROM message_raw WHERE has_addr(raw, ?1)", err, sizeof err);
    ins = s ? db_prepare(db, "INSERT OR IGNORE INTO temp.who_msgs VALUES (?1)", err, sizeof err)
            : NULL;
    if (!ins) {
        log_error("%s", err);
        sqlite3_finalize(s);
        return -1;
    }
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *raw = sqlite3_column_blob(s, 1);
        char *from = raw ? mailhdr_get(raw, (size_t)sqlite3_column_bytes(s, 1), "From") : NULL;

        if (from && find_addr((const unsigned char *)from, strlen(from), addr, strlen(addr))) {
            sqlite3_bind_int64(ins, 1, sqlite3_column_int64(s, 0));
            if (sqlite3_step(ins) != SQLITE_DONE)
                rc = -1;
            sqlite3_reset(ins);
        }
        free(from);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = -1;
    sqlite3_finalize(s);
    sqlite3_finalize(ins);
    if (rc == 0 &&
        run(db,
            "INSERT OR IGNORE INTO temp.who_msgs SELECT message FROM posts WHERE message IS NOT"
            " NULL AND member_id = (SELECT id FROM members WHERE email = ?1)"
            " UNION SELECT message FROM rota_slots WHERE message IS NOT NULL"
            " AND member_id = (SELECT id FROM members WHERE email = ?1)",
            addr, NULL) < 0)
        return -1;
    if (rc < 0)
        db_log_errmsg(db);
    return rc;
}

/* The rows of SQL (?1 = ADDR) as a JSON array of objects named by the columns
 * (dbjson_columns: times in ISO 8601, as `doorstep export` gives them). NULL on error
 * (logged). */
static json_t *
rows_json(sqlite3 *db, const char *sql, const char *addr)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    json_t *arr;

    if (!s) {
        log_error("%s", err);
        return NULL;
    }
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    if (!(arr = dbjson_rows(s, NULL, NULL)))
        db_log_errmsg(db);
    return arr;
}

/* `member export ADDR`: everything held about ADDR, as one JSON object on stdout. */
static int
export_member(sqlite3 *db, const char *addr)
{
    static const struct {
        const char *name, *sql;
    } parts[] = {
        {"member", "SELECT id, email, name, status, joined_at, digest FROM members"
                   " WHERE email = ?1"},
        {"messages", "SELECT id, source, message_id, sha256, internal_date, fetched_at, size,"
                     " state, reason, processed_at, r.raw FROM messages g"
                     " LEFT JOIN message_raw r ON r.message = g.id"
                     " WHERE id IN (SELECT id FROM temp.who_msgs) ORDER BY id"},
        {"attachments", "SELECT message, name, type, size FROM attachments"
                        " WHERE message IN (SELECT id FROM temp.who_msgs) ORDER BY id"},
        {"posts", "SELECT ref, kind, category, area, street, title, summary, body, status,"
                  " created_at, needed_by, expires_at, closed_at, first_digest FROM posts"
                  " WHERE member_id = (SELECT id FROM members WHERE email = ?1)"
                  " OR message IN (SELECT id FROM temp.who_msgs) ORDER BY id"},
        /* the coordinators' corrections of their posts (post edit, reopen, renew,
         * close, triage resolve): who ran the command, when, what changed */
        {"post_edits", "SELECT p.ref, e.field, e.old, e.new, e.who, e.at AS edited_at"
                       " FROM post_edits e JOIN posts p ON p.id = e.post"
                       " WHERE p.member_id = (SELECT id FROM members WHERE email = ?1)"
                       " OR p.message IN (SELECT id FROM temp.who_msgs) ORDER BY e.id"},
        {"rota_slots", "SELECT task, day, created_at FROM rota_slots"
                       " WHERE member_id = (SELECT id FROM members WHERE email = ?1)"
                       " ORDER BY day, task"},
        {"triage", "SELECT t.id, p.ref, t.reason, t.created_at, t.resolved_at FROM triage t"
                   " LEFT JOIN posts p ON p.id = t.post"
                   " WHERE t.message IN (SELECT id FROM temp.who_msgs)"
                   " OR p.member_id = (SELECT id FROM members WHERE email = ?1) ORDER BY t.id"},
        {"outbox", "SELECT kind, key, message_id, recipients, state, created_at, sent_at, raw"
                   " FROM outbox WHERE has_addr(recipients, ?1) ORDER BY id"},
        /* their answers to posts, and the automatic messages due to them */
        {"responses", "SELECT p.ref, s.words, s.how, s.created_at, s.relayed_at FROM responses s"
                      " LEFT JOIN posts p ON p.id = s.post WHERE s.responder = ?1 ORDER BY s.id"},
        {"replies", "SELECT key, kind, state, reason, created_at FROM replies"
                    " WHERE to_addr = ?1 ORDER BY id"},
    };
    json_t *out = json_object();
    int rc = 0;

    if (member_collect(db, addr) < 0)
        rc = EX_SOFTWARE;
    for (size_t i = 0; rc == 0 && i < sizeof parts / sizeof parts[0]; i++) {
        json_t *rows = rows_json(db, parts[i].sql, addr);
        if (!rows) {
            rc = EX_SOFTWARE;
        } else if (i == 0) {
            json_object_set_new(out, "address", json_string(addr));
            json_object_set(out, parts[i].name,
                            json_array_size(rows) ? json_array_get(rows, 0) : json_null());
            json_decref(rows);
        } else {
            json_object_set_new(out, parts[i].name, rows);
        }
    }
    if (rc == 0) {
        json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        putchar('\n');
    }
    json_decref(out);
    return rc;
}

/* The statuses a member can have, as `member list` takes them. */
static const char *const statuses[] = {"pending", "member", "coordinator", "blocked", NULL};

static int
cmd_member(const struct cli *cli)
{
    const char *what = cli->path[cli->depth - 1]->name;
    int list = strcmp(what, "list") == 0;
    conf *c;
    sqlite3 *db;
    int rc = 0;

    if (list && cli->argc == 1 && (rc = cli_choice(cli, "status", cli->argv[0], statuses)) != 0)
        return rc;
    for (int i = 0; !list && i < cli->argc; i++) {
        if (!strchr(cli->argv[i], '@') || strpbrk(cli->argv[i], " <>,;"))
            return cli_usage_error(cli, "\"%s\" is not an email address", cli->argv[i]);
        text_lower(cli->argv[i]);
    }
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (list)
        rc = list_members(db, cli->argc ? cli->argv[0] : NULL);
    else if (strcmp(what, "export") == 0)
        rc = export_member(db, cli->argv[0]);
    else if (strcmp(what, "forget") == 0)
        rc = forget_member(c, db, cli->argv[0]);
    else
        for (int i = 0; i < cli->argc && rc == 0; i++)
            rc = set_status(c, db, cli->argv[i], strcmp(what, "approve") == 0 ? "member" : "blocked");
    db_close(db);
    conf_free(c);
    return rc;
}

static const struct cli_cmd member_list = {
    .name = "list",
    .synopsis = "[pending|member|coordinator|blocked]",
    .about = "The members (of one status), those waiting for approval first.",
    .max_operands = 1,
    .run = cmd_member,
};

static const struct cli_cmd member_approve = {
    .name = "approve",
    .synopsis = "ADDRESS...",
    .about = "Let senders post; releases their held posts.",
    .min_operands = 1,
    .max_operands = -1,
    .run = cmd_member,
};

static const struct cli_cmd member_block = {
    .name = "block",
    .synopsis = "ADDRESS...",
    .about = "Ignore senders from now on; withdraws their open posts.",
    .min_operands = 1,
    .max_operands = -1,
    .run = cmd_member,
};

static const struct cli_cmd member_export = {
    .name = "export",
    .synopsis = "ADDRESS",
    .about = "Everything held about a person, as one JSON object (times in ISO 8601).",
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_member,
};

static const struct cli_cmd member_forget = {
    .name = "forget",
    .synopsis = "ADDRESS",
    .about = "Erase a person's mail, posts and details, and the output files that name them.",
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_member,
};

static const struct cli_cmd *const member_subs[] = {
    &member_list, &member_approve, &member_block, &member_export, &member_forget, NULL,
};

const struct cli_cmd front_member = {
    .name = "member",
    .synopsis = "list [STATUS] | approve|block ADDRESS... | export|forget ADDRESS",
    .about = "Who may post, and a person's right to see and erase what the group holds.",
    .subs = member_subs,
};
