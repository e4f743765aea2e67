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

int
match_rebuild(struct proc *p)
{
    /* The open offers, with what the look-ups below read of them, copied once into a
     * temporary table whose index holds it all: each request read every open offer of
     * its category from its row in posts, a look-up by id each (79 of process's 143
     * million instructions in a group's day). The index keeps posts_open's order
     * (created_at, then id) so that each look-up meets the offers in the order it met
     * them in posts, and picks the same ones among offers of the same second. */
    static const char *const snapshot =
        "DROP TABLE IF EXISTS temp.match_offers;"
        "CREATE TEMP TABLE match_offers(category TEXT, created_at INTEGER, id INTEGER,"
        " area TEXT, street TEXT);"
        "INSERT INTO temp.match_offers SELECT category, created_at, id, area, street"
        " FROM posts WHERE kind = 'offer' AND status = 'open';"
        "CREATE INDEX temp.match_offers_by ON match_offers(category, created_at, id, area,"
        " street);";
    /* Offers of the request's category: the same area first (the same street first
     * among those), then the others; newest first. */
    static const char *const q_near =
        "SELECT id, street IS ?3 AND ?3 IS NOT NULL FROM temp.match_offers"
        " WHERE category = ?1 AND area IS ?2 AND ?2 IS NOT NULL"
        " ORDER BY street IS ?3 DESC, created_at DESC LIMIT ?4";
    static const char *const q_far =
        "SELECT id FROM temp.match_offers WHERE category = ?1"
        " AND (area IS NOT ?2 OR ?2 IS NULL) ORDER BY created_at DESC LIMIT ?3";
    sqlite3_stmt *req = NULL, *near = NULL, *far = NULL, *add = NULL;
    int rc = -1, step;
    long pairs = 0;

    if (db_exec(p->db, "DELETE FROM matches", p->err, p->errlen) < 0 ||
        db_exec(p->db, snapshot, p->err, p->errlen) < 0)
        return -1;
    req = db_prepare(p->db,
                     "SELECT id, category, area, street FROM posts WHERE kind = 'request'"
                     " AND status = 'open' AND category <> 'other' ORDER BY id",
                     p->err, p->errlen);
    near = req ? db_prepare(p->db, q_near, p->err, p->errlen) : NULL;
    far = near ? db_prepare(p->db, q_far, p->err, p->errlen) : NULL;
    add = far ? db_prepare(p->db,
                           "INSERT OR IGNORE INTO matches(offer_id, request_id, score)"
                           " VALUES (?1, ?2, ?3)",
                           p->err, p->errlen)
              : NULL;
    if (!add)
        goto out;
    while ((step = sqlite3_step(req)) == SQLITE_ROW) {
        sqlite3_int64 rid = sqlite3_column_int64(req, 0);
        int found = 0;

        sqlite3_reset(near);
        sqlite3_bind_value(near, 1, sqlite3_column_value(req, 1));
        sqlite3_bind_value(near, 2, sqlite3_column_value(req, 2));
        sqlite3_bind_value(near, 3, sqlite3_column_value(req, 3));
        sqlite3_bind_int(near, 4, MATCHES_PER_REQUEST);
        while (sqlite3_step(near) == SQLITE_ROW) {
            /* score: 3 same street, 2 same area, 1 elsewhere; minus a little by rank */
            double score = (sqlite3_column_int(near, 1) ? 3.0 : 2.0) - 0.01 * found;
            sqlite3_reset(add);
            sqlite3_bind_int64(add, 1, sqlite3_column_int64(near, 0));
            sqlite3_bind_int64(add, 2, rid);
            sqlite3_bind_double(add, 3, score);
            if (sqlite3_step(add) != SQLITE_DONE)
                goto fail;
            found++;
        }
        if (found < MATCHES_PER_REQUEST) {
            sqlite3_reset(far);
            sqlite3_bind_value(far, 1, sqlite3_column_value(req, 1));
            sqlite3_bind_value(far, 2, sqlite3_column_value(req, 2));
            sqlite3_bind_int(far, 3, MATCHES_PER_REQUEST - found);
            while (sqlite3_step(far) == SQLITE_ROW) {
                sqlite3_reset(add);
                sqlite3_bind_int64(add, 1, sqlite3_column_int64(far, 0));
                sqlite3_bind_int64(add, 2, rid);
                sqlite3_bind_double(add, 3, 1.0 - 0.01 * found);
                if (sqlite3_step(add) != SQLITE_DONE)
                    goto fail;
                found++;
            }
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
    sqlite3_finalize(near);
    sqlite3_finalize(far);
    sqlite3_finalize(add);
    if (db_exec(p->db, "DROP TABLE temp.match_offers", rc < 0 ? NULL : p->err,
                rc < 0 ? 0 : p->errlen) < 0)
        rc = -1;
    return rc;
}
