/* mailbox.c — the queue of source copies to delete (table mailbox_deletions) and the
 * deletions that need no server: a maildir's files. */
#include "mailbox.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "file.h"
#include "hash.h"
#include "log.h"

/* The largest maildir file read to find its hash (larger ones were never stored
 * whole: [fetch] max_size is at most 1 GiB). */
#define MAILBOX_MAX_FILE (1L << 30)

long
mailbox_queue(sqlite3 *db, const char *ids_sql, char *err, size_t errlen)
{
    char sql[1024];
    sqlite3_stmt *s;
    int rc;

    snprintf(sql, sizeof sql,
             "INSERT OR IGNORE INTO mailbox_deletions(source, uidvalidity, uid, sha256, queued_at)"
             " SELECT source, uidvalidity, uid, sha256, ?1 FROM messages"
             " WHERE id IN (%s)"
             " AND (source NOT LIKE 'imap:%%' OR (uid IS NOT NULL AND uidvalidity IS NOT NULL))",
             ids_sql);
    if (!(s = db_prepare(db, sql, err, errlen)))
        return -1;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)clock_now());
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        db_errmsg(db, err, errlen);
        return -1;
    }
    return sqlite3_changes(db);
}

void
mailbox_imap_name(const conf *c, char *out, size_t outlen)
{
    snprintf(out, outlen, "imap:%s@%s/%s", conf_str(c, "imap", "user"), conf_str(c, "imap", "host"),
             conf_str(c, "imap", "mailbox"));
}

int
mailbox_queued_uids(sqlite3 *db, const char *source, struct mailbox_uid **v, size_t *n,
                    char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(db,
                                 "SELECT uidvalidity, uid FROM mailbox_deletions"
                                 " WHERE source = ?1 AND uid IS NOT NULL ORDER BY uid",
                                 err, errlen);
    size_t cap = 0;
    int step;

    *v = NULL;
    *n = 0;
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            struct mailbox_uid *nv = realloc(*v, (cap = cap ? cap * 2 : 64) * sizeof **v);
            if (!nv) {
                snprintf(err, errlen, "out of memory");
                step = SQLITE_NOMEM;
                break;
            }
            *v = nv;
        }
        (*v)[*n].uidvalidity = (uint32_t)sqlite3_column_int64(s, 0);
        (*v)[(*n)++].uid = (uint32_t)sqlite3_column_int64(s, 1);
    }
    if (step != SQLITE_DONE) {
        if (step != SQLITE_NOMEM)
            db_errmsg(db, err, errlen);
        sqlite3_finalize(s);
        free(*v);
        *v = NULL;
        *n = 0;
        return -1;
    }
    sqlite3_finalize(s);
    return 0;
}

int
mailbox_unqueue(sqlite3 *db, const char *source, char *err, size_t errlen)
{
    sqlite3_stmt *s;
    int rc;

    if (db_begin(db, err, errlen) < 0)
        return -1;
    if (!(s = db_prepare(db, "DELETE FROM mailbox_deletions WHERE source = ?1", err, errlen))) {
        db_rollback(db);
        return -1;
    }
    sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        db_errmsg(db, err, errlen);
        db_rollback(db);
        return -1;
    }
    return db_commit(db, err, errlen);
}

/* Unlinks the files of the maildir PATH (cur/ and new/) whose SHA-256 is queued for
 * SOURCE; the rest of the maildir is not touched. Returns how many, -1 on a database
 * error (ERR set). */
static long
delete_maildir(sqlite3 *db, const char *source, const char *path, char *err, size_t errlen)
{
    static const char *const subs[] = {"cur", "new"};
    sqlite3_stmt *q = db_prepare(db, "SELECT 1 FROM mailbox_deletions WHERE source = ?1"
                                     " AND sha256 = ?2", err, errlen);
    long n = 0;

    if (!q)
        return -1;
    for (size_t i = 0; i < 2; i++) {
        char dir[4200];
        DIR *d;
        struct dirent *e;

        snprintf(dir, sizeof dir, "%s/%s", path, subs[i]);
        if (!(d = opendir(dir))) {
            if (errno != ENOENT)
                log_warn("%s: %s", dir, strerror(errno));
            continue;
        }
        while ((e = readdir(d))) {
            char file[8400], ferr[512], sha[65], *data;
            size_t len;

            if (e->d_name[0] == '.')
                continue;
            snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
            if (file_read(file, MAILBOX_MAX_FILE, &data, &len, ferr, sizeof ferr) < 0)
                continue;
            hash_sha256_hex(data, len, sha);
            free(data);
            sqlite3_bind_text(q, 1, source, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 2, sha, -1, SQLITE_STATIC);
            if (sqlite3_step(q) == SQLITE_ROW) {
                if (unlink(file) == 0)
                    n++;
                else
                    log_warn("%s: cannot delete: %s", file, strerror(errno));
            }
            sqlite3_reset(q);
        }
        closedir(d);
    }
    sqlite3_finalize(q);
    return n;
}

int
mailbox_delete_pending(const conf *c, sqlite3 *db, int local_only)
{
    char err[1024], imap_name[1024];
    sqlite3_stmt *s = db_prepare(db,
                                 "SELECT source, count(*) FROM mailbox_deletions"
                                 " GROUP BY source ORDER BY source",
                                 err, sizeof err);
    char **sources = NULL;
    long *counts = NULL;
    size_t n = 0;
    int step, rc = 0;

    if (!s) {
        log_error("%s", err);
        return -1;
    }
    /* read the queue whole first: each source's deletion commits on its own */
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        char **ns = realloc(sources, (n + 1) * sizeof *sources);
        long *nc;
        if (ns)
            sources = ns;
        nc = ns ? realloc(counts, (n + 1) * sizeof *counts) : NULL;
        if (nc)
            counts = nc;
        if (!nc || !(sources[n] = strdup((const char *)sqlite3_column_text(s, 0)))) {
            step = SQLITE_NOMEM;
            break;
        }
        counts[n++] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        log_error("%s: cannot read the mailbox deletions", sqlite3_db_filename(db, "main"));
        rc = -1;
    }
    mailbox_imap_name(c, imap_name, sizeof imap_name);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *src = sources[i];
        if (strncmp(src, "maildir:", 8) == 0) {
            long done = delete_maildir(db, src, src + 8, err, sizeof err);
            if (done < 0 || mailbox_unqueue(db, src, err, sizeof err) < 0) {
                log_error("%s", err);
                rc = -1;
            } else {
                log_info("%s: %ld messages deleted from the maildir", src, done);
            }
        } else if (strncmp(src, "imap:", 5) == 0) {
            if (local_only)
                continue;
            if (strcmp(src, imap_name) != 0) {
                /* another account or mailbox than [imap] names now: its UIDs are not
                 * this one's; they wait until that mailbox is configured again */
                log_warn("%s: %ld messages to delete are left there: [imap] now reads %s", src,
                         counts[i], imap_name);
                continue;
            }
            if (fetch_imap_delete(c, db, src, err, sizeof err) != 0) {
                log_error("%s: the messages to delete stay queued for the next run: %s", src,
                          err);
                rc = -1;
            }
        } else {
            log_warn("%s: %ld messages are left there (doorstep never rewrites an mbox)", src,
                     counts[i]);
            if (mailbox_unqueue(db, src, err, sizeof err) < 0) {
                log_error("%s", err);
                rc = -1;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        free(sources[i]);
    free(sources);
    free(counts);
    return rc;
}
