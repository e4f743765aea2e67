/* cmd_purge.c — `doorstep purge` (also the end of `doorstep daily`): forgets what the group
 * no longer needs after [privacy] retention_days and outbox_days, then reclaims the
 * space so that the deleted bytes are gone from the database file too. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "mailbox.h"
#include "render.h"

/* A post is old enough to go when it was closed (or, never closed, created) before ?1. */
#define OLD_CLOSED                                                                         \
    "status IN ('done','taken','withdrawn','expired')"                                     \
    " AND coalesce(closed_at, created_at) < ?1"

/* A step's COUNTED that queues the messages of temp.purge_gone for deletion from the
 * mailbox ([privacy] delete_from_mailbox) once it has run. */
#define QUEUE_GONE (-2)

static const struct {
    const char *sql; /* ?1 = retention cut-off, ?2 = outbox cut-off */
    int counted;     /* index into the counts, -1, or QUEUE_GONE */
} steps[] = {
    /* The posts old enough to go and the messages old enough (quarantined, ignored or
     * processed before the cut-off), each table read once: the steps below find them
     * by id, where each read the whole table again (four times the messages) */
    {"CREATE TEMP TABLE IF NOT EXISTS purge_posts (id INTEGER PRIMARY KEY, message INTEGER)",
     -1},
    {"DELETE FROM temp.purge_posts", -1},
    {"INSERT INTO temp.purge_posts SELECT id, message FROM posts WHERE " OLD_CLOSED, -1},
    {"CREATE TEMP TABLE IF NOT EXISTS purge_old (id INTEGER PRIMARY KEY)", -1},
    {"DELETE FROM temp.purge_old", -1},
    {"INSERT INTO temp.purge_old SELECT id FROM messages"
     " WHERE state IN ('quarantined','ignored','processed') AND fetched_at < ?1", -1},
    {"CREATE TEMP TABLE IF NOT EXISTS purge_msgs (id INTEGER PRIMARY KEY)", -1},
    {"DELETE FROM temp.purge_msgs", -1},
    {"INSERT OR IGNORE INTO temp.purge_msgs SELECT message FROM temp.purge_posts"
     " WHERE message IS NOT NULL", -1},
    /* matches and triage notes of the posts go with them (ON DELETE CASCADE) */
    {"DELETE FROM posts WHERE id IN (SELECT id FROM temp.purge_posts)", 0},
    /* their messages, unless a post still kept came from the same one; attachments and
     * triage notes follow, rota sign-ups keep their place without the message */
    /* remembered by hash, so that a maildir or mbox read whole does not bring them back */
    {"INSERT OR IGNORE INTO forgotten SELECT sha256 FROM messages"
     " WHERE id IN (SELECT id FROM temp.purge_msgs)"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", -1},
    {"INSERT OR IGNORE INTO forgotten SELECT sha256 FROM messages"
     " WHERE id IN (SELECT id FROM temp.purge_old)"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", -1},
    /* every message the three deletions below delete, for the mailbox's copies */
    {"CREATE TEMP TABLE IF NOT EXISTS purge_gone (id INTEGER PRIMARY KEY)", -1},
    {"DELETE FROM temp.purge_gone", -1},
    {"INSERT INTO temp.purge_gone SELECT id FROM messages"
     " WHERE id IN (SELECT id FROM temp.purge_msgs UNION SELECT id FROM temp.purge_old)"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", QUEUE_GONE},
    {"DELETE FROM messages WHERE id IN (SELECT id FROM temp.purge_msgs)"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", 1},
    /* quarantined and ignored mail, and processed mail that made no post (closings,
     * chatter, rota sign-ups), after the same time */
    {"DELETE FROM messages WHERE id IN (SELECT id FROM temp.purge_old)"
     " AND state IN ('quarantined','ignored')"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", 2},
    {"DELETE FROM messages WHERE id IN (SELECT id FROM temp.purge_old) AND state = 'processed'"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", 1},
    {"DELETE FROM outbox WHERE state = 'sent' AND coalesce(sent_at, created_at) < ?2", 3},
    /* the record of automatic replies due, once their mail is gone from the outbox;
     * responses go with their messages and posts (ON DELETE CASCADE) */
    {"DELETE FROM replies WHERE state != 'due' AND created_at < ?2", -1},
    {"DELETE FROM temp.purge_posts", -1},
    {"DELETE FROM temp.purge_old", -1},
    {"DELETE FROM temp.purge_msgs", -1},
    {"DELETE FROM temp.purge_gone", -1},
};

const char *const purge_outputs_with_names[] = {"coordinators", "rota", "rounds", NULL};

/* The date of an output file's NAME when it is KIND-YYYY-MM-DD.eml or .pdf, or
 * KIND-YYYY-MM-DD-WHO.eml (a copy for one member, as the file transport names it), for
 * a KIND of KINDS; else NULL. *SUFFIX is set to WHO, or NULL. */
static const char *
output_date(const char *name, const char *const *kinds, char day[DAY_SIZE], const char **suffix)
{
    for (const char *const *k = kinds; *k; k++) {
        size_t n = strlen(*k), len;
        const char *d = name + n + 1;
        if (strncmp(name, *k, n) != 0 || name[n] != '-' || (len = strlen(d)) < 14)
            continue;
        for (int i = 0; i < 10; i++)
            if (i == 4 || i == 7 ? d[i] != '-' : d[i] < '0' || d[i] > '9')
                return NULL;
        if (len == 14 && (strcmp(d + 10, ".eml") == 0 || strcmp(d + 10, ".pdf") == 0))
            *suffix = NULL;
        else if (d[10] == '-' && len > 15 && strcmp(d + len - 4, ".eml") == 0)
            *suffix = d + 11;
        else
            return NULL;
        memcpy(day, d, 10);
        day[10] = '\0';
        return day;
    }
    return NULL;
}

long
purge_outputs(const char *dir, const char *const *kinds, const char *from, const char *before,
              const char *who)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char day[DAY_SIZE], path[4096];
    const char *suffix;
    long n = 0;

    if (!d) {
        if (errno != ENOENT)
            log_warn("%s: cannot read the output folder: %s", dir, strerror(errno));
        return 0;
    }
    while ((e = readdir(d))) {
        if (!output_date(e->d_name, kinds, day, &suffix) || (*from && strcmp(day, from) < 0) ||
            (*before && strcmp(day, before) >= 0))
            continue;
        /* WHO: only that member's copies ("KIND-DATE-WHO.eml") */
        if (who && (!suffix || strlen(suffix) != strlen(who) + 4 ||
                    strncasecmp(suffix, who, strlen(who)) != 0))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) == 0)
            n++;
        else
            log_warn("%s: cannot delete: %s", path, strerror(errno));
    }
    closedir(d);
    return n;
}

void
purge_sent_dir(const conf *c, char *out, size_t outlen)
{
    if (*conf_str(c, "smtp", "dir"))
        snprintf(out, outlen, "%s", conf_str(c, "smtp", "dir"));
    else
        snprintf(out, outlen, "%s/sent", conf_str(c, "output", "dir"));
}

long
purge_reply_files(sqlite3 *db, const char *dir, const char *sql, const char *arg)
{
    char err[512], path[4096], name[OUTBOX_NAME_SIZE];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    long n = 0;

    if (!s) {
        log_error("%s", err);
        return -1;
    }
    sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        /* the name the outbox gave the file transport */
        outbox_file_name((const char *)sqlite3_column_text(s, 0), name);
        snprintf(path, sizeof path, "%s/%s.eml", dir, name);
        if (unlink(path) == 0)
            n++;
    }
    sqlite3_finalize(s);
    return n;
}

static int
step_sql(sqlite3 *db, const char *sql, sqlite3_int64 cut, sqlite3_int64 outcut, long *count)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    int rc;

    if (!s) {
        log_error("%s", err);
        return -1;
    }
    if (sqlite3_bind_parameter_count(s) >= 1)
        sqlite3_bind_int64(s, 1, cut);
    if (sqlite3_bind_parameter_count(s) >= 2)
        sqlite3_bind_int64(s, 2, outcut);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        db_log_errmsg(db);
        return -1;
    }
    if (count)
        *count += sqlite3_changes(db);
    return 0;
}

int
purge_reclaim(sqlite3 *db)
{
    char err[512];

    /* VACUUM rewrites the file without the free pages; the checkpoint then empties the
     * write-ahead log, which still holds the old pages until then */
    if (db_exec(db, "VACUUM", err, sizeof err) < 0 ||
        db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", err, sizeof err) < 0) {
        log_error("%s", err);
        return -1;
    }
    return 0;
}

int
purge_run(const struct cli *cli, int from_daily)
{
    char err[512];
    conf *c;
    sqlite3 *db;
    long counts[4] = {0, 0, 0, 0}, files, queued = 0;
    sqlite3_int64 now, cut, outcut;
    char cutday[DAY_SIZE], sent[4096];
    int rc;

    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    now = (sqlite3_int64)clock_now();
    cut = now - (sqlite3_int64)conf_int(c, "privacy", "retention_days") * 86400;
    outcut = now - (sqlite3_int64)conf_int(c, "privacy", "outbox_days") * 86400;
    /* the files written from what is purged: digests, rotas, leaflets... older than
     * retention_days, by the date in their names */
    clock_date((time_t)cut, cutday);
    files = purge_outputs(conf_str(c, "output", "dir"), render_outputs, "", cutday, NULL);
    /* and the mail the file transport wrote, after outbox_days like sent mail */
    clock_date((time_t)outcut, cutday);
    purge_sent_dir(c, sent, sizeof sent);
    files += purge_outputs(sent, render_outputs, "", cutday, NULL);
    int delete_from_mailbox = conf_bool(c, "privacy", "delete_from_mailbox");
    /* the automatic replies and announcements, named by key (no date): those the
     * outbox forgets below */
    char outcut_s[32];
    snprintf(outcut_s, sizeof outcut_s, "%lld", (long long)outcut);
    long replies = purge_reply_files(db, sent,
                                     "SELECT key FROM outbox WHERE kind IN ('reply', 'announce')"
                                     " AND state = 'sent'"
                                     " AND coalesce(sent_at, created_at) < CAST(?1 AS INTEGER)",
                                     outcut_s);
    files += replies > 0 ? replies : 0;
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        goto fail;
    }
    /* order is important: the mailbox's copies are queued in the transaction that
     * deletes the messages, and deleted from the mailbox only once it is committed */
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (step_sql(db, steps[i].sql, cut, outcut,
                     steps[i].counted >= 0 ? &counts[steps[i].counted] : NULL) < 0 ||
            (steps[i].counted == QUEUE_GONE && delete_from_mailbox &&
             (queued = mailbox_queue(db, "SELECT id FROM temp.purge_gone", err, sizeof err)) < 0)) {
            if (queued < 0)
                log_error("%s", err);
            db_rollback(db);
            goto fail;
        }
    }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        goto fail;
    }
    /* a day that removed nothing need not rewrite the whole file */
    rc = counts[0] + counts[1] + counts[2] + counts[3] > 0 && purge_reclaim(db) < 0 ? EX_TEMPFAIL
                                                                                    : 0;
    /* this run's, and any a kill or an unreachable server left queued */
    if (rc == 0 && delete_from_mailbox && mailbox_delete_pending(c, db, 0) < 0)
        rc = EX_TEMPFAIL;
    conf_free(c);
    db_close(db);
    /* by hand it reports (unless -q); inside daily, quiet by default, it logs (-v) */
    if (!from_daily && cli->verbosity >= 0)
        printf("purged %ld posts, %ld messages, %ld quarantined or ignored messages, "
               "%ld sent mails, %ld output files\n",
               counts[0], counts[1], counts[2], counts[3], files);
    else
        log_info("purged %ld posts, %ld messages, %ld quarantined or ignored messages, "
                 "%ld sent mails, %ld output files",
                 counts[0], counts[1], counts[2], counts[3], files);
    return rc;
fail:
    conf_free(c);
    db_close(db);
    return EX_TEMPFAIL;
}

static int
cmd_purge(const struct cli *cli)
{
    return purge_run(cli, 0);
}

const struct cli_cmd front_purge = {
    .name = "purge",
    .synopsis = "",
    .about = "Delete what [privacy] no longer keeps: closed posts after retention_days, "
             "sent mail after outbox_days.",
    .run = cmd_purge,
};
