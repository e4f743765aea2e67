/* match.c — the end of every run: posts past their time expire, and each open request
 * gets its best open offers of the same category (same street, then same area, then
 * anywhere; the newest first), stored in matches for the digest. */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "log.h"
#include "posts.h"
#include "proc.h"

#define MATCHES_PER_REQUEST 5

int
match_expired(const char *status, const char *expires, const char *today)
{
    return (strcmp(status, "open") == 0 || strcmp(status, "triage") == 0) && expires &&
           *expires && strcmp(expires, today) < 0;
}

int
match_expire(struct proc *p)
{
    char today[DAY_SIZE];
    long n = 0, settled = 0;

    clock_date(clock_now(), today);
    if (posts_expire(p->db, today, clock_now(), &n, p->err, p->errlen) < 0)
        return -1;
    if (n + p->expired > 0)
        log_info("%ld posts expired", n + p->expired);
    /* the coordinators' notes about posts now closed, expired or withdrawn are moot */
    if (posts_triage_settle(p->db, clock_now(), &settled, p->err, p->errlen) < 0)
        return -1;
    if (settled > 0)
        log_info("%ld triage notes settled: their posts are closed", settled);
    return 0;
}

/* Adds the offers look-up Q (bound, its limit included) finds as matches of request
 * RID, each scored SCORE less a little by its rank among the request's matches (*FOUND
 * before it, counted here). 0 or -1. */
static int
add_found(sqlite3_stmt *q, sqlite3_stmt *add, sqlite3_int64 rid, double score, int *found)
{
    while (sqlite3_step(q) == SQLITE_ROW) {
        sqlite3_reset(add);
        sqlite3_bind_int64(add, 1, sqlite3_column_int64(q, 0));
        sqlite3_bind_int64(add, 2, rid);
        sqlite3_bind_double(add, 3, score - 0.01 * *found);
        if (sqlite3_step(add) != SQLITE_DONE)
            return -1;
        ++*found;
    }
    return 0;
}

int
match_rebuild(struct proc *p)
{
    /* The open offers, with what the look-ups below read of them, copied once into a
     * temporary table whose indexes hold it all: each request read every open offer of
     * its category from its row in posts, a look-up by id each, and sorted them (79 of
     * process's 143 million instructions in a group's day). Each index is in the order
     * its look-ups want, so that they stop at the fifth offer and sort nothing. */
    static const char *const snapshot =
        "DROP TABLE IF EXISTS temp.match_offers;"
        "CREATE TEMP TABLE match_offers(category TEXT, created_at INTEGER, id INTEGER,"
        " area TEXT, street TEXT);"
        "INSERT INTO temp.match_offers SELECT category, created_at, id, area, street"
        " FROM posts WHERE kind = 'offer' AND status = 'open';"
        "CREATE INDEX temp.match_offers_near ON match_offers(category, created_at DESC, id,"
        " area, street);"
        "CREATE INDEX temp.match_offers_far ON match_offers(category, created_at, id, area,"
        " street);";
    /* Offers of the request's category (?1): the same street (?3) first, then the rest
     * of the same area (?2), then the others; newest first. Among offers of the same
     * second, the oldest post first near and the newest first far, as the queries
     * before these (one sorted, one read posts_open backwards) picked them. A request
     * without a street (?3 NULL) has the area's offers without one first, scored as
     * the area's. */
    static const char *const sql[] = {
        "SELECT id FROM temp.match_offers WHERE category = ?1 AND area IS ?2 AND ?2 IS NOT NULL"
        " AND street IS ?3 ORDER BY created_at DESC, id LIMIT ?4",
        "SELECT id FROM temp.match_offers WHERE category = ?1 AND area IS ?2 AND ?2 IS NOT NULL"
        " AND street IS NOT ?3 ORDER BY created_at DESC, id LIMIT ?4",
        "SELECT id FROM temp.match_offers WHERE category = ?1 AND (area IS NOT ?2 OR ?2 IS NULL)"
        " ORDER BY created_at DESC, id DESC LIMIT ?4",
    };
    sqlite3_stmt *req = NULL, *q[3] = {NULL, NULL, NULL}, *add = NULL;
    int rc = -1, step;
    long pairs = 0;

    if (db_exec(p->db, "DELETE FROM matches", p->err, p->errlen) < 0 ||
        db_exec(p->db, snapshot, p->err, p->errlen) < 0)
        return -1;
    req = db_prepare(p->db,
                     "SELECT id, category, area, street FROM posts WHERE kind = 'request'"
                     " AND status = 'open' AND category <> 'other' ORDER BY id",
                     p->err, p->errlen);
    for (int k = 0; k < 3 && req && (k == 0 || q[k - 1]); k++)
        q[k] = db_prepare(p->db, sql[k], p->err, p->errlen);
    add = q[2] ? db_prepare(p->db,
                            "INSERT OR IGNORE INTO matches(offer_id, request_id, score)"
                            " VALUES (?1, ?2, ?3)",
                            p->err, p->errlen)
               : NULL;
    if (!add)
        goto out;
    while ((step = sqlite3_step(req)) == SQLITE_ROW) {
        sqlite3_int64 rid = sqlite3_column_int64(req, 0);
        /* score: 3 same street, 2 same area, 1 elsewhere; minus a little by rank */
        double score[3] = {sqlite3_column_type(req, 3) != SQLITE_NULL ? 3.0 : 2.0, 2.0, 1.0};
        int found = 0;

        for (int k = 0; k < 3 && found < MATCHES_PER_REQUEST; k++) {
            sqlite3_reset(q[k]);
            sqlite3_bind_value(q[k], 1, sqlite3_column_value(req, 1));
            sqlite3_bind_value(q[k], 2, sqlite3_column_value(req, 2));
            sqlite3_bind_value(q[k], 3, sqlite3_column_value(req, 3));
            sqlite3_bind_int(q[k], 4, MATCHES_PER_REQUEST - found);
            if (add_found(q[k], add, rid, score[k], &found) < 0)
                goto fail;
        }
        pairs += found;
    }
    if (step != SQLITE_DONE)
        goto fail;
    log_debug("%ld matches", pairs);
    rc = 0;
    goto out;
fail:
    proc_sql_fail(p);
out:
    sqlite3_finalize(req);
    for (int k = 0; k < 3; k++)
        sqlite3_finalize(q[k]);
    sqlite3_finalize(add);
    if (db_exec(p->db, "DROP TABLE temp.match_offers", rc < 0 ? NULL : p->err,
                rc < 0 ? 0 : p->errlen) < 0)
        rc = -1;
    return rc;
}
