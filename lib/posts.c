/* posts.c — the one writer of the posts table: insert, status, corrections with their
 * audit rows, erasure, and the triage notes that settle with their post. */
#include "posts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"

/* The statements run once per post or message (insert, close) are kept prepared on the
 * connection (db_prepare_kept): process stores thousands of posts a run. */
static const char insert_sql[] =
    "INSERT INTO posts(ref, message, kind, category, area, street, title, body,"
    " summary, member_id, created_at, needed_by, expires_at, status, closed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
static const char status_sql[] = "UPDATE posts SET status = ?2, closed_at = ?3 WHERE id = ?1";
static const char audit_sql[] =
    "INSERT INTO post_edits(post, at, who, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* The fields posts_edit may change, spelled as the column. */
static const char *const editable[] = {"title",     "summary",    "street", "area",
                                       "category",  "needed_by",  "expires_at"};

static int
sql_fail(sqlite3 *db, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: SQL error: %s", sqlite3_db_filename(db, "main"),
             sqlite3_errmsg(db));
    return -1;
}

static void
bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Runs kept statement S (bound) to its end and resets it. 0 or -1. */
static int
step_done(sqlite3 *db, sqlite3_stmt *s, char *err, size_t errlen)
{
    int rc = sqlite3_step(s);

    if (rc != SQLITE_DONE)
        sql_fail(db, err, errlen);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* One post_edits row (nothing when WHO is NULL or the value did not change). */
static int
audit(sqlite3 *db, long id, const char *field, const char *old, const char *new_value,
      const char *who, time_t when, char *err, size_t errlen)
{
    sqlite3_stmt *s;

    if (!who)
        return 0;
    if ((old && new_value && strcmp(old, new_value) == 0) || (!old && !new_value))
        return 0;
    if (!(s = db_prepare_kept(db, audit_sql, err, errlen)))
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)when);
    sqlite3_bind_text(s, 3, who, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, field, -1, SQLITE_STATIC);
    bind_text_or_null(s, 5, old);
    bind_text_or_null(s, 6, new_value);
    return step_done(db, s, err, errlen);
}

/* Column COL (a name of this file's, never outside input) of post ID as a malloc'd
 * string in *OUT (NULL for SQL NULL). 1 found, 0 no such post, -1 error. */
static int
column(sqlite3 *db, long id, const char *col, char **out, char *err, size_t errlen)
{
    char sql[96];
    sqlite3_stmt *s;
    int rc;

    *out = NULL;
    snprintf(sql, sizeof sql, "SELECT %s FROM posts WHERE id = ?1", col);
    if (!(s = db_prepare(db, sql, err, errlen)))
        return -1;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL &&
        !(*out = db_column_strdup(s, 0))) {
        snprintf(err, errlen, "out of memory");
        sqlite3_finalize(s);
        return -1;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        sql_fail(db, err, errlen);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int
no_post(long id, char *err, size_t errlen)
{
    snprintf(err, errlen, "no post with id %ld", id);
    return -1;
}

int
posts_insert(sqlite3 *db, const struct posts_new *p, long *id, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare_kept(db, insert_sql, err, errlen);

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, p->ref, -1, SQLITE_STATIC);
    if (p->message > 0)
        sqlite3_bind_int64(s, 2, p->message);
    sqlite3_bind_text(s, 3, p->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, p->category, -1, SQLITE_STATIC);
    bind_text_or_null(s, 5, p->area);
    bind_text_or_null(s, 6, p->street);
    sqlite3_bind_text(s, 7, p->title, -1, SQLITE_STATIC);
    bind_text_or_null(s, 8, p->body);
    bind_text_or_null(s, 9, p->summary);
    if (p->member > 0)
        sqlite3_bind_int64(s, 10, p->member);
    sqlite3_bind_int64(s, 11, (sqlite3_int64)p->created);
    bind_text_or_null(s, 12, p->needed_by);
    bind_text_or_null(s, 13, p->expires);
    sqlite3_bind_text(s, 14, p->status ? p->status : "open", -1, SQLITE_STATIC);
    if (p->closed)
        sqlite3_bind_int64(s, 15, (sqlite3_int64)p->closed);
    if (step_done(db, s, err, errlen) < 0)
        return -1;
    if (id)
        *id = (long)sqlite3_last_insert_rowid(db);
    return 0;
}

static void
copy_col(sqlite3_stmt *s, int col, char *out, size_t len)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    snprintf(out, len, "%s", t ? (const char *)t : "");
}

int
posts_find(sqlite3 *db, const char *ref, struct posts_row *out, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(
        db,
        "SELECT id, ref, kind, status, category, expires_at, needed_by, member_id, message"
        " FROM posts WHERE ref = ?1 UNION ALL"
        " SELECT p.id, p.ref, p.kind, p.status, p.category, p.expires_at, p.needed_by,"
        " p.member_id, p.message FROM post_edits e JOIN posts p ON p.id = e.post"
        " WHERE e.field = 'ref' AND e.old = ?1 LIMIT 1",
        err, errlen);
    int rc;

    if (!s)
        return -1;
    memset(out, 0, sizeof *out);
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->id = (long)sqlite3_column_int64(s, 0);
        copy_col(s, 1, out->ref, sizeof out->ref);
        copy_col(s, 2, out->kind, sizeof out->kind);
        copy_col(s, 3, out->status, sizeof out->status);
        copy_col(s, 4, out->category, sizeof out->category);
        copy_col(s, 5, out->expires, sizeof out->expires);
        copy_col(s, 6, out->needed, sizeof out->needed);
        out->member = (long)sqlite3_column_int64(s, 7);
        out->message = (long)sqlite3_column_int64(s, 8);
    } else if (rc != SQLITE_DONE) {
        sql_fail(db, err, errlen);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
posts_closed_status(const char *status)
{
    return strcmp(status, "taken") == 0 || strcmp(status, "done") == 0 ||
           strcmp(status, "withdrawn") == 0 || strcmp(status, "expired") == 0;
}

int
posts_set_status(sqlite3 *db, long id, const char *status, time_t when, const char *who,
                 char *err, size_t errlen)
{
    char *old = NULL;
    sqlite3_stmt *s;
    int rc = -1, found;

    if (who && (found = column(db, id, "status", &old, err, errlen)) != 1)
        return found < 0 ? -1 : no_post(id, err, errlen);
    if (!(s = db_prepare_kept(db, status_sql, err, errlen)))
        goto done;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, status, -1, SQLITE_STATIC);
    if (when)
        sqlite3_bind_int64(s, 3, (sqlite3_int64)when);
    if (step_done(db, s, err, errlen) < 0)
        goto done;
    rc = audit(db, id, "status", old, status, who, when ? when : clock_now(), err, errlen);
done:
    free(old);
    return rc;
}

int
posts_reopen(sqlite3 *db, long id, const char *expires, const char *who, char *err,
             size_t errlen)
{
    char *old = NULL;
    time_t now = clock_now();
    int rc = -1, found;
    sqlite3_stmt *s;

    if ((found = column(db, id, "expires_at", &old, err, errlen)) != 1)
        return found < 0 ? -1 : no_post(id, err, errlen);
    if (posts_set_status(db, id, "open", 0, who, err, errlen) < 0)
        goto done;
    if (!(s = db_prepare(db, "UPDATE posts SET expires_at = ?2 WHERE id = ?1", err, errlen)))
        goto done;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, expires, -1, SQLITE_STATIC);
    found = sqlite3_step(s);
    sqlite3_finalize(s);
    if (found != SQLITE_DONE) {
        sql_fail(db, err, errlen);
        goto done;
    }
    rc = audit(db, id, "expires_at", old, expires, who, now, err, errlen);
done:
    free(old);
    return rc;
}

int
posts_renew(sqlite3 *db, long id, const char *today, long days, const char *who, int *renewed,
            char *err, size_t errlen)
{
    char *old_status = NULL, *old_expires = NULL, *new_expires = NULL;
    sqlite3_stmt *s = db_prepare(db,
                                 "UPDATE posts SET status = 'open', closed_at = NULL,"
                                 " expires_at = date(max(coalesce(expires_at, ?2), ?2),"
                                 " '+' || ?3 || ' days') WHERE id = ?1"
                                 " AND (status = 'open' OR status = 'expired')",
                                 err, errlen);
    int rc = -1;

    *renewed = 0;
    if (!s)
        return -1;
    if (who && (column(db, id, "status", &old_status, err, errlen) < 0 ||
                column(db, id, "expires_at", &old_expires, err, errlen) < 0))
        goto done;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, days);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sql_fail(db, err, errlen);
        goto done;
    }
    *renewed = sqlite3_changes(db) > 0;
    rc = 0;
    if (*renewed && who) {
        time_t now = clock_now();
        if (column(db, id, "expires_at", &new_expires, err, errlen) < 0 ||
            audit(db, id, "status", old_status, "open", who, now, err, errlen) < 0 ||
            audit(db, id, "expires_at", old_expires, new_expires, who, now, err, errlen) < 0)
            rc = -1;
    }
done:
    sqlite3_finalize(s);
    free(old_status);
    free(old_expires);
    free(new_expires);
    return rc;
}

/* Runs SQL with the text ?1 and the time ?2 (when not 0); the rows changed in *N. */
static int
run_changes(sqlite3 *db, const char *sql, const char *text, time_t when, long *n, char *err,
            size_t errlen)
{
    sqlite3_stmt *s = db_prepare(db, sql, err, errlen);
    int rc;

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    if (when)
        sqlite3_bind_int64(s, 2, (sqlite3_int64)when);
    rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        sql_fail(db, err, errlen);
    else if (n)
        *n = sqlite3_changes(db);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int
posts_expire(sqlite3 *db, const char *today, time_t now, long *n, char *err, size_t errlen)
{
    /* the same rule as match_expired (process/match.c), which new posts met when they
     * were stored */
    return run_changes(db,
                       "UPDATE posts SET status = 'expired', closed_at = ?2"
                       " WHERE status IN ('open', 'triage') AND expires_at IS NOT NULL"
                       " AND expires_at <> '' AND expires_at < ?1"
                       " AND (needed_by IS NULL OR needed_by = '' OR needed_by < ?1)",
                       today, now, n, err, errlen);
}

int
posts_withdraw_member(sqlite3 *db, const char *email, time_t now, long *n, char *err,
                      size_t errlen)
{
    return run_changes(db,
                       "UPDATE posts SET status = 'withdrawn', closed_at = ?2"
                       " WHERE status IN ('held', 'open', 'triage')"
                       " AND member_id = (SELECT id FROM members WHERE email = ?1)",
                       email, now, n, err, errlen);
}

int
posts_release_member(sqlite3 *db, const char *email, long *n, char *err, size_t errlen)
{
    /* held posts go where they would have gone: open, or triage when the rules were
     * unsure of them */
    return run_changes(db,
                       "UPDATE posts SET status = CASE WHEN EXISTS (SELECT 1 FROM triage t"
                       "   WHERE t.post = posts.id AND t.resolved_at IS NULL) THEN 'triage'"
                       " ELSE 'open' END"
                       " WHERE status = 'held' AND member_id ="
                       " (SELECT id FROM members WHERE email = ?1)",
                       email, 0, n, err, errlen);
}

int
posts_mark_announced(sqlite3 *db, const char *ref, const char *key, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare_kept(db,
                                      "UPDATE posts SET first_digest = ?1 WHERE ref = ?2"
                                      " AND first_digest IS NULL",
                                      err, errlen);

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, ref, -1, SQLITE_STATIC);
    return step_done(db, s, err, errlen);
}

int
posts_edit(sqlite3 *db, long id, const char *field, const char *value, const char *who,
           time_t when, int *changed, char *err, size_t errlen)
{
    const char *col = NULL;
    char *old = NULL, sql[96];
    sqlite3_stmt *s;
    int rc = -1, found, same;

    if (changed)
        *changed = 0;
    for (size_t i = 0; i < sizeof editable / sizeof editable[0] && !col; i++)
        if (strcmp(editable[i], field) == 0)
            col = editable[i];
    if (!col) {
        snprintf(err, errlen, "posts_edit: %s is not a field that can be edited", field);
        return -1;
    }
    if ((found = column(db, id, col, &old, err, errlen)) != 1)
        return found < 0 ? -1 : no_post(id, err, errlen);
    same = old && value ? strcmp(old, value) == 0 : !old && !value;
    if (same) {
        free(old);
        return 0;
    }
    snprintf(sql, sizeof sql, "UPDATE posts SET %s = ?2 WHERE id = ?1", col);
    if (!(s = db_prepare(db, sql, err, errlen)))
        goto done;
    sqlite3_bind_int64(s, 1, id);
    bind_text_or_null(s, 2, value);
    found = sqlite3_step(s);
    sqlite3_finalize(s);
    if (found != SQLITE_DONE) {
        sql_fail(db, err, errlen);
        goto done;
    }
    if (changed)
        *changed = 1;
    rc = audit(db, id, col, old, value, who, when, err, errlen);
done:
    free(old);
    return rc;
}

int
posts_set_kind(sqlite3 *db, long id, const char *kind, const char *who, time_t when,
               char newref[24], char *err, size_t errlen)
{
    char *old_kind = NULL, *old_ref = NULL;
    sqlite3_stmt *s = NULL;
    int rc = -1, found;

    if (strcmp(kind, "offer") != 0 && strcmp(kind, "request") != 0) {
        snprintf(err, errlen, "posts_set_kind: %s is not a kind of post", kind);
        return -1;
    }
    if ((found = column(db, id, "kind", &old_kind, err, errlen)) != 1 ||
        column(db, id, "ref", &old_ref, err, errlen) != 1 || !old_kind || !old_ref) {
        if (found == 0)
            no_post(id, err, errlen);
        goto done;
    }
    if (strcmp(old_kind, kind) == 0) {
        snprintf(newref, 24, "%s", old_ref);
        rc = 0;
        goto done;
    }
    /* the code says the kind (O- an offer, R- a request): a new one, the old kept in
     * post_edits where posts_find looks too */
    if (db_next_ref(db, kind, newref, err, errlen) < 0 ||
        !(s = db_prepare(db, "UPDATE posts SET kind = ?2, ref = ?3 WHERE id = ?1", err, errlen)))
        goto done;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, newref, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sql_fail(db, err, errlen);
        goto done;
    }
    /* the old code is kept even without WHO: posts_find needs it */
    if (audit(db, id, "kind", old_kind, kind, who ? who : "doorstep", when, err, errlen) < 0 ||
        audit(db, id, "ref", old_ref, newref, who ? who : "doorstep", when, err, errlen) < 0)
        goto done;
    rc = 0;
done:
    sqlite3_finalize(s);
    free(old_kind);
    free(old_ref);
    return rc;
}

int
posts_forget(sqlite3 *db, long id, int keep, time_t now, long *n, char *err, size_t errlen)
{
    static const char *const steps[] = {
        "DELETE FROM post_edits WHERE post = ?1",
        ("UPDATE posts SET body = NULL, member_id = NULL, message = NULL, status = 'withdrawn',"
         " closed_at = coalesce(closed_at, ?2) WHERE id = ?1"),
        "DELETE FROM posts WHERE id = ?1",
    };

    for (size_t i = 0; i < 3; i++) {
        if ((i == 1 && !keep) || (i == 2 && keep))
            continue;
        sqlite3_stmt *s = db_prepare(db, steps[i], err, errlen);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, id);
        if (i == 1)
            sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
        int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE && i > 0 && n)
            *n += sqlite3_changes(db);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return sql_fail(db, err, errlen);
    }
    return 0;
}

int
posts_triage_settle(sqlite3 *db, time_t now, long *n, char *err, size_t errlen)
{
    /* each open note's post looked up by its id, rather than a list of every closed
     * post ever (most of the table) built to test the few open notes against */
    sqlite3_stmt *s = db_prepare(db,
                                 "UPDATE triage SET resolved_at = ?1, resolution = 'closed'"
                                 " WHERE resolved_at IS NULL AND EXISTS (SELECT 1 FROM posts p"
                                 " WHERE p.id = triage.post"
                                 " AND p.status IN ('taken', 'done', 'withdrawn', 'expired'))",
                                 err, errlen);
    int rc;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
    rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        sql_fail(db, err, errlen);
    else if (n)
        *n = sqlite3_changes(db);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int
posts_triage_resolve(sqlite3 *db, long note, const char *resolution, const char *who,
                     time_t now, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(db,
                                 "UPDATE triage SET resolved_at = ?2, resolution = ?3,"
                                 " resolved_by = ?4 WHERE id = ?1 AND resolved_at IS NULL",
                                 err, errlen);
    int rc;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, note);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
    sqlite3_bind_text(s, 3, resolution, -1, SQLITE_STATIC);
    bind_text_or_null(s, 4, who);
    rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        sqlite3_finalize(s);
        return sql_fail(db, err, errlen);
    }
    rc = sqlite3_changes(db) > 0;
    sqlite3_finalize(s);
    return rc;
}
