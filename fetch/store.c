/* store.c — inserting fetched messages into the database, batch by batch. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "clock.h"
#include "db.h"
#include "hash.h"
#include "log.h"
#include "mailhdr.h"


int
store_open(struct store *s, sqlite3 *db, const char *source, size_t max_size, long batch,
           char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->db = db;
    s->source = source;
    s->max_size = max_size;
    s->batch = batch;
    /* Every INSERT may fail on a constraint, so SQLite keeps a statement journal for it
     * (the pages it changes that the batch had already changed): in memory, not in a
     * temporary file created, written and deleted again every few messages. */
    if (db_exec(db, "PRAGMA temp_store = MEMORY", err, errlen) < 0)
        return -1;
    /* (each message goes into two indexes in random order, sha256 and Message-ID: the
     * 8 MB of cache that db_open gives hold them; 16 would save fetch only 0.06 GB of
     * reads more at 100,000 messages) */
    /* ON CONFLICT DO NOTHING: the same bytes fetched twice (a rerun, a changed
     * UIDVALIDITY, a message in two folders) are stored once; and mail purged or
     * forgotten (table forgotten) is not stored again. */
    s->insert = db_prepare(db,
                           "INSERT INTO messages(source, uidvalidity, uid, message_id, sha256,"
                           " internal_date, fetched_at, size, state, reason)"
                           " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11"
                           " WHERE NOT EXISTS (SELECT 1 FROM forgotten WHERE sha256 = ?5)"
                           " ON CONFLICT(sha256) DO NOTHING",
                           err, errlen);
    if (s->insert)
        s->insert_raw = db_prepare(db, "INSERT INTO message_raw(message, raw) VALUES (?1, ?2)",
                                   err, errlen);
    if (!s->insert || !s->insert_raw)
        return -1;
    /* tests make checkpoints small with DOORSTEP_FETCH_CHECKPOINT=PAGES */
    const char *hook = getenv("DOORSTEP_FETCH_CHECKPOINT");
    int pages = hook && atoi(hook) > 0 && atoi(hook) <= CHECKPOINT_PAGES ? atoi(hook)
                                                                         : CHECKPOINT_PAGES;
    s->ckpt = checkpoint_start(db, pages, 8 * pages);
    return 0;
}

static int
begin_if_needed(struct store *s, char *err, size_t errlen)
{
    if (s->pending == 0 && sqlite3_get_autocommit(s->db))
        return db_begin(s->db, err, errlen);
    return 0;
}

static int
insert(struct store *s, const char *raw, size_t len, size_t size, const char *sha,
       const char *msgid, time_t internal_date, long uidvalidity, long uid, const char *reason,
       char *err, size_t errlen)
{
    sqlite3_stmt *st = s->insert;
    int rc, changed;

    if (begin_if_needed(s, err, errlen) < 0)
        return -1;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_text(st, 1, s->source, -1, SQLITE_STATIC);
    if (uidvalidity)
        sqlite3_bind_int64(st, 2, uidvalidity);
    if (uid)
        sqlite3_bind_int64(st, 3, uid);
    if (msgid)
        sqlite3_bind_text(st, 4, msgid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, sha, -1, SQLITE_STATIC);
    if (internal_date)
        sqlite3_bind_int64(st, 6, (sqlite3_int64)internal_date);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)clock_now());
    sqlite3_bind_int64(st, 8, (sqlite3_int64)size);
    sqlite3_bind_text(st, 10, reason ? "quarantined" : "new", -1, SQLITE_STATIC);
    if (reason)
        sqlite3_bind_text(st, 11, reason, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    changed = sqlite3_changes(s->db);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE && changed > 0 && raw) {
        st = s->insert_raw;
        sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(s->db));
        sqlite3_bind_blob64(st, 2, raw, len, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "%s: cannot store a message: %s", sqlite3_db_filename(s->db, "main"),
                 sqlite3_errmsg(s->db));
        db_rollback(s->db);
        s->pending = 0;
        return -1;
    }
    s->pending++;
    if (s->batch > 0 && s->pending >= s->batch && store_flush(s, err, errlen) < 0)
        return -1;
    return changed > 0;
}

int
store_add(struct store *s, const char *raw, size_t len, time_t internal_date, long uidvalidity,
          long uid, char *err, size_t errlen)
{
    char sha[65], *msgid;
    int rc;

    if (hash_sha256_hex(raw, len, sha) < 0) {
        snprintf(err, errlen, "cannot compute SHA-256");
        return -1;
    }
    msgid = mailhdr_message_id(raw, len);
    rc = insert(s, raw, len, len, sha, msgid, internal_date, uidvalidity, uid, NULL, err, errlen);
    free(msgid);
    if (rc == 1)
        s->stored++;
    else if (rc == 0)
        s->duplicates++;
    return rc;
}

int
store_add_oversize(struct store *s, const char *where, const char *headers, size_t hlen,
                   size_t len, time_t internal_date, long uidvalidity, long uid, char *err,
                   size_t errlen)
{
    char sha[65], reason[512], *key = NULL, *msgid = NULL;
    int rc, n;

    /* Keyed apart from whole messages ("oversize" first), so that the full message,
     * fetched once the limit is raised, is stored as well. */
    if (headers)
        n = asprintf(&key, "oversize\n%.*s", (int)hlen, headers);
    else
        n = asprintf(&key, "oversize\n%s\n%s\n%zu", s->source, where, len);
    if (n < 0 || hash_sha256_hex(key, (size_t)n, sha) < 0) {
        free(key);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    free(key);
    if (headers)
        msgid = mailhdr_message_id(headers, hlen);
    snprintf(reason, sizeof reason,
             "too large: %zu bytes, more than [fetch] max_size (%zu); only its headers are "
             "stored, the message is left at %s",
             len, s->max_size, where);
    rc = insert(s, headers, headers ? hlen : 0, len, sha, msgid, internal_date, uidvalidity, uid,
                reason, err, errlen);
    free(msgid);
    if (rc == 1) {
        s->oversize++;
        log_warn("%s: message of %zu bytes is over [fetch] max_size; recorded as "
                 "quarantined with its headers only",
                 where, len);
    }
    return rc;
}

int
store_set_mailbox(struct store *s, long uidvalidity, long last_uid, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc;

    if (begin_if_needed(s, err, errlen) < 0)
        return -1;
    st = db_prepare(s->db,
                    "INSERT INTO mailbox_state(source, uidvalidity, last_uid, updated_at)"
                    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(source) DO UPDATE SET"
                    " uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,"
                    " updated_at = excluded.updated_at",
                    err, errlen);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, s->source, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, uidvalidity);
    sqlite3_bind_int64(st, 3, last_uid);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)clock_now());
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "%s: cannot record the mailbox state: %s",
                 sqlite3_db_filename(s->db, "main"), sqlite3_errmsg(s->db));
        return -1;
    }
    /* counts as pending work, so that store_flush commits it */
    s->pending++;
    return 0;
}

int
store_get_mailbox(struct store *s, long *uidvalidity, long *last_uid, char *err, size_t errlen)
{
    sqlite3_stmt *st = db_prepare(
        s->db, "SELECT uidvalidity, last_uid FROM mailbox_state WHERE source = ?1", err, errlen);
    int rc;

    *uidvalidity = *last_uid = 0;
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, s->source, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *uidvalidity = sqlite3_column_int64(st, 0);
        *last_uid = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        db_errmsg(s->db, err, errlen);
        return -1;
    }
    return 0;
}

int
store_flush(struct store *s, char *err, size_t errlen)
{
    if (s->pending == 0 || sqlite3_get_autocommit(s->db))
        return 0;
    s->pending = 0;
    return db_commit(s->db, err, errlen);
}

void
store_close(struct store *s)
{
    checkpoint_stop(s->ckpt);
    s->ckpt = NULL;
    if (s->db && !sqlite3_get_autocommit(s->db))
        db_rollback(s->db);
    sqlite3_finalize(s->insert);
    sqlite3_finalize(s->insert_raw);
    s->insert = s->insert_raw = NULL;
}
