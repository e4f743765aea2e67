/* purge.c — `doorstep purge` (also the end of `doorstep daily`): forgets what the group
 * no longer needs after [privacy] retention_days and outbox_days, then reclaims the
 * space so that the deleted bytes are gone from the database file too. */
#include <stdio.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "front.h"
#include "log.h"

/* A post is old enough to go when it was closed (or, never closed, created) before ?1. */
#define OLD_CLOSED                                                                         \
    "status IN ('done','taken','withdrawn','expired')"                                     \
    " AND coalesce(closed_at, created_at) < ?1"

static const struct {
    const char *sql; /* ?1 = retention cut-off, ?2 = outbox cut-off */
    int counted;     /* index into the counts, or -1 */
} steps[] = {
    {"CREATE TEMP TABLE IF NOT EXISTS purge_msgs (id INTEGER PRIMARY KEY)", -1},
    {"DELETE FROM temp.purge_msgs", -1},
    {"INSERT OR IGNORE INTO temp.purge_msgs SELECT message FROM posts"
     " WHERE message IS NOT NULL AND " OLD_CLOSED, -1},
    /* matches and triage notes of the posts go with them (ON DELETE CASCADE) */
    {"DELETE FROM posts WHERE " OLD_CLOSED, 0},
    /* their messages, unless a post still kept came from the same one; attachments and
     * triage notes follow, rota sign-ups keep their place without the message */
    /* remembered by hash, so that a maildir or mbox read whole does not bring them back */
    {"INSERT OR IGNORE INTO forgotten SELECT sha256 FROM messages"
     " WHERE id IN (SELECT id FROM temp.purge_msgs)"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", -1},
    {"INSERT OR IGNORE INTO forgotten SELECT sha256 FROM messages"
     " WHERE state IN ('quarantined','ignored','processed') AND fetched_at < ?1"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", -1},
    {"DELETE FROM messages WHERE id IN (SELECT id FROM temp.purge_msgs)"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", 1},
    /* quarantined and ignored mail, and processed mail that made no post (closings,
     * chatter, rota sign-ups), after the same time */
    {"DELETE FROM messages WHERE state IN ('quarantined','ignored') AND fetched_at < ?1"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", 2},
    {"DELETE FROM messages WHERE state = 'processed' AND fetched_at < ?1"
     " AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.message = messages.id)", 1},
    {"DELETE FROM outbox WHERE state = 'sent' AND coalesce(sent_at, created_at) < ?2", 3},
    {"DELETE FROM temp.purge_msgs", -1},
};

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
        log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
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
    long counts[4] = {0, 0, 0, 0};
    sqlite3_int64 now, cut, outcut;
    int rc;

    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    now = (sqlite3_int64)clock_now();
    cut = now - (sqlite3_int64)conf_int(c, "privacy", "retention_days") * 86400;
    outcut = now - (sqlite3_int64)conf_int(c, "privacy", "outbox_days") * 86400;
    conf_free(c);
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        db_close(db);
        return EX_TEMPFAIL;
    }
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (step_sql(db, steps[i].sql, cut, outcut,
                     steps[i].counted >= 0 ? &counts[steps[i].counted] : NULL) < 0) {
            db_rollback(db);
            db_close(db);
            return EX_TEMPFAIL;
        }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        db_close(db);
        return EX_TEMPFAIL;
    }
    /* a day that removed nothing need not rewrite the whole file */
    rc = counts[0] + counts[1] + counts[2] + counts[3] > 0 && purge_reclaim(db) < 0 ? EX_TEMPFAIL
                                                                                    : 0;
    db_close(db);
    /* by hand it reports (unless -q); inside daily, quiet by default, it logs (-v) */
    if (!from_daily && cli->verbosity >= 0)
        printf("purged %ld posts, %ld messages, %ld quarantined or ignored messages, "
               "%ld sent mails\n",
               counts[0], counts[1], counts[2], counts[3]);
    else
        log_info("purged %ld posts, %ld messages, %ld quarantined or ignored messages, "
                 "%ld sent mails",
                 counts[0], counts[1], counts[2], counts[3]);
    return rc;
}

int
cmd_purge(const struct cli *cli, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage_error(cli, "purge takes no arguments");
    return purge_run(cli, 0);
}
