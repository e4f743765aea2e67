/* post.c — the processing loop: message in, post or reason out, in transactions. */
#include "post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "classify.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "mime.h"
#include "redact.h"
#include "text.h"

#define SUMMARY_MAX 240
#define BATCH_MAX 10000

enum stmt_id {
    S_NEXT,
    S_GET,
    S_SET_STATE,
    S_MEMBER_GET,
    S_MEMBER_ADD,
    S_POST_ADD,
    S_POST_BY_REF,
    S_POST_CLOSE,
    S_COUNT
};

static const char *const sql[S_COUNT] = {
    [S_NEXT] = "SELECT id FROM messages WHERE state = 'new' AND id > ?1 ORDER BY id LIMIT ?2",
    [S_GET] = "SELECT raw, internal_date, fetched_at FROM messages WHERE id = ?1",
    [S_SET_STATE] = "UPDATE messages SET state = ?2, reason = ?3, processed_at = ?4 WHERE id = ?1",
    [S_MEMBER_GET] = "SELECT id, status FROM members WHERE email = ?1",
    [S_MEMBER_ADD] = "INSERT INTO members(email, name, status, joined_at) VALUES (?1, ?2, ?3, ?4)"
                     " RETURNING id, status",
    [S_POST_ADD] = "INSERT INTO posts(ref, message, kind, category, area, street, title, body,"
                   " summary, member_id, created_at, expires_at, status)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [S_POST_BY_REF] = "SELECT p.id, p.status, p.member_id, m.email FROM posts p"
                      " LEFT JOIN members m ON m.id = p.member_id WHERE p.ref = ?1",
    [S_POST_CLOSE] = "UPDATE posts SET status = ?2, closed_at = ?3 WHERE id = ?1",
};

struct proc {
    const conf *c;
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    struct post_stats *stats;
    char *err;
    size_t errlen;
};

struct member {
    long id;
    char status[16];
};

static int
sql_fail(struct proc *p)
{
    snprintf(p->err, p->errlen, "%s: SQL error: %s", sqlite3_db_filename(p->db, "main"),
             sqlite3_errmsg(p->db));
    return -1;
}

static sqlite3_stmt *
stmt(struct proc *p, enum stmt_id id)
{
    sqlite3_reset(p->st[id]);
    sqlite3_clear_bindings(p->st[id]);
    return p->st[id];
}

static int
set_state(struct proc *p, long id, const char *state, const char *reason)
{
    sqlite3_stmt *s = stmt(p, S_SET_STATE);

    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
    if (reason)
        sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return sql_fail(p);
    if (strcmp(state, "ignored") == 0)
        p->stats->ignored++;
    else if (strcmp(state, "quarantined") == 0) {
        p->stats->quarantined++;
        log_warn("message %ld quarantined: %s", id, reason);
    }
    log_debug("message %ld: %s%s%s", id, state, reason ? ": " : "", reason ? reason : "");
    return 0;
}

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

/* Finds or adds the sender. New senders are members at once without moderation, and
 * 'pending' (their posts held for a coordinator) with [group] moderation = unknown. */
static int
get_member(struct proc *p, const struct mime_msg *m, struct member *out)
{
    sqlite3_stmt *s = stmt(p, S_MEMBER_GET);
    const char *status;

    sqlite3_bind_text(s, 1, m->from_addr, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        out->id = sqlite3_column_int64(s, 0);
        snprintf(out->status, sizeof out->status, "%s", sqlite3_column_text(s, 1));
        return 0;
    }
    if (is_coordinator(p->c, m->from_addr))
        status = "coordinator";
    else if (strcmp(conf_str(p->c, "group", "moderation"), "none") == 0)
        status = "member";
    else
        status = "pending";
    s = stmt(p, S_MEMBER_ADD);
    sqlite3_bind_text(s, 1, m->from_addr, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, m->from_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_ROW)
        return sql_fail(p);
    out->id = sqlite3_column_int64(s, 0);
    snprintf(out->status, sizeof out->status, "%s", sqlite3_column_text(s, 1));
    return 0;
}

/* When the post was made: the Date field when it is believable, else when the server
 * got it, else when we fetched it. */
static time_t
post_time(const struct mime_msg *m, time_t internal, time_t fetched)
{
    time_t now = clock_now();

    if (m->date > 946684800 && m->date < now + 86400)
        return m->date;
    return internal ? internal : fetched;
}

static int
add_post(struct proc *p, long msg_id, const struct mime_msg *m, const struct subject_info *si,
         const struct member *mb, time_t when)
{
    const char *kind = si->kind == KIND_OFFER ? "offer" : "request";
    const char *street = NULL, *area, *category;
    char ref[24], expires[11], *newtext, *title, *summary = NULL;
    int held = strcmp(mb->status, "pending") == 0, rc = -1;
    sqlite3_stmt *s;

    newtext = classify_new_text(m->text);
    title = redact(p->c, si->title[0] ? si->title : "(no title)");
    if (!newtext || !title) {
        snprintf(p->err, p->errlen, "out of memory");
        goto done;
    }
    /* squeeze first: "27 Elm\nStreet" must read as one place to be redacted */
    char *flat = strdup(newtext);
    if (flat)
        text_squeeze(flat);
    summary = flat ? redact(p->c, flat) : NULL;
    free(flat);
    if (!summary) {
        snprintf(p->err, p->errlen, "out of memory");
        goto done;
    }
    if (strlen(summary) > SUMMARY_MAX)
        text_truncate(summary, SUMMARY_MAX);
    area = classify_place(p->c, si->place, si->title, newtext, &street);
    category = classify_category(p->c, si->title, newtext);
    clock_date(clock_add_days(clock_day_start(when), (int)conf_int(p->c, "process", "expire_days")),
               expires);
    if (db_next_ref(p->db, kind, ref, p->err, p->errlen) < 0)
        goto done;
    s = stmt(p, S_POST_ADD);
    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, msg_id);
    sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, category, -1, SQLITE_STATIC);
    if (area)
        sqlite3_bind_text(s, 5, area, -1, SQLITE_STATIC);
    if (street)
        sqlite3_bind_text(s, 6, street, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, m->text, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, summary, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 10, mb->id);
    sqlite3_bind_int64(s, 11, (sqlite3_int64)when);
    sqlite3_bind_text(s, 12, expires, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 13, held ? "held" : "open", -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        sql_fail(p);
        goto done;
    }
    p->stats->posts++;
    p->stats->held += held;
    log_info("%s: %s %s (%s, %s)%s", ref, kind, title, category, area ? area : "no area",
             held ? ", held for a coordinator" : "");
    rc = set_state(p, msg_id, "processed", NULL);
done:
    free(newtext);
    free(title);
    free(summary);
    return rc;
}

/* "DONE R-0042": closes the post when the sender wrote it or is a coordinator. */
static int
close_post(struct proc *p, long msg_id, const struct mime_msg *m, const struct subject_info *si,
           const struct member *mb)
{
    char reason[160];
    sqlite3_stmt *s;
    long post_id;

    if (!si->ref[0])
        return set_state(p, msg_id, "ignored", "a closing word without a reference code");
    s = stmt(p, S_POST_BY_REF);
    sqlite3_bind_text(s, 1, si->ref, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        snprintf(reason, sizeof reason, "closes %s, which does not exist", si->ref);
        return set_state(p, msg_id, "ignored", reason);
    }
    post_id = sqlite3_column_int64(s, 0);
    const char *author = (const char *)sqlite3_column_text(s, 3);
    if (!(author && strcasecmp(author, m->from_addr) == 0) && strcmp(mb->status, "coordinator")) {
        snprintf(reason, sizeof reason, "closes %s, which another member posted", si->ref);
        return set_state(p, msg_id, "ignored", reason);
    }
    s = stmt(p, S_POST_CLOSE);
    sqlite3_bind_int64(s, 1, post_id);
    sqlite3_bind_text(s, 2, si->status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return sql_fail(p);
    p->stats->closings++;
    log_info("%s: %s", si->ref, si->status);
    return set_state(p, msg_id, "processed", NULL);
}

static int
process_one(struct proc *p, long id, const char *raw, size_t len, time_t internal,
            time_t fetched)
{
    struct mime_msg m;
    struct subject_info si;
    struct member mb;
    char reason[256];
    int rc;

    if ((long)len > conf_int(p->c, "fetch", "max_size")) {
        snprintf(reason, sizeof reason, "too large: %zu bytes, more than [fetch] max_size",
                 len);
        return set_state(p, id, "quarantined", reason);
    }
    if (mime_parse(raw, len, &m, reason, sizeof reason) < 0)
        return set_state(p, id, "quarantined", reason);
    if (m.bounce)
        rc = set_state(p, id, "ignored", "a bounce (delivery status report)");
    else if (m.auto_reply)
        rc = set_state(p, id, "ignored", "an automatic reply or bulk mail");
    else if (!m.from_addr)
        rc = set_state(p, id, "quarantined", "no sender address (From field missing or unreadable)");
    else if (get_member(p, &m, &mb) < 0)
        rc = -1;
    else if (strcmp(mb.status, "blocked") == 0)
        rc = set_state(p, id, "ignored", "the sender is blocked");
    else {
        classify_subject(m.subject, &si);
        if (si.kind == KIND_CLOSING)
            rc = close_post(p, id, &m, &si, &mb);
        else if (si.reply)
            rc = set_state(p, id, "ignored", "a reply in a thread");
        else if (si.kind == KIND_OFFER || si.kind == KIND_REQUEST)
            rc = add_post(p, id, &m, &si, &mb, post_time(&m, internal, fetched));
        else if (si.kind == KIND_ROTA)
            rc = set_state(p, id, "ignored", "a rota sign-up (not understood by this version)");
        else
            rc = set_state(p, id, "ignored", "no OFFER or REQUEST in the subject");
    }
    mime_free(&m);
    return rc;
}

int
post_process_all(const conf *c, sqlite3 *db, long batch, struct post_stats *stats, char *err,
                 size_t errlen)
{
    struct proc p = {c, db, {0}, stats, err, errlen};
    long last = 0, done = 0;
    int rc = EX_SOFTWARE;

    memset(stats, 0, sizeof *stats);
    if (batch < 1 || batch > BATCH_MAX)
        batch = BATCH_MAX;
    for (int i = 0; i < S_COUNT; i++)
        if (!(p.st[i] = db_prepare(db, sql[i], err, errlen)))
            goto out;
    for (;;) {
        long n = 0;
        sqlite3_stmt *s;

        /* order is important: the batch's posts and the messages' new states commit
         * together, so a kill between batches loses nothing and doubles nothing */
        if (db_begin(db, err, errlen) < 0) {
            rc = EX_TEMPFAIL;
            goto out;
        }
        /* The ids first, then one message at a time: bounded memory, and no table is
         * written while a statement still reads it. */
        long ids[BATCH_MAX];
        int step;
        s = stmt(&p, S_NEXT);
        sqlite3_bind_int64(s, 1, last);
        sqlite3_bind_int64(s, 2, batch);
        while (n < batch && (step = sqlite3_step(s)) == SQLITE_ROW)
            ids[n++] = sqlite3_column_int64(s, 0);
        if (n < batch && step != SQLITE_DONE) {
            sql_fail(&p);
            db_rollback(db);
            goto out;
        }
        sqlite3_reset(s);
        for (long i = 0; i < n; i++) {
            s = stmt(&p, S_GET);
            sqlite3_bind_int64(s, 1, ids[i]);
            if (sqlite3_step(s) != SQLITE_ROW) {
                sql_fail(&p);
                db_rollback(db);
                goto out;
            }
            const char *raw = sqlite3_column_blob(s, 0);
            size_t len = (size_t)sqlite3_column_bytes(s, 0);
            last = ids[i];
            log_progress("process", ++done, 0);
            if (process_one(&p, ids[i], raw ? raw : "", len, (time_t)sqlite3_column_int64(s, 1),
                            (time_t)sqlite3_column_int64(s, 2)) < 0) {
                db_rollback(db);
                goto out;
            }
            sqlite3_reset(s);
        }
        for (int i = 0; i < S_COUNT; i++)
            sqlite3_reset(p.st[i]);
        if (db_commit(db, err, errlen) < 0) {
            rc = EX_TEMPFAIL;
            goto out;
        }
        if (n < batch)
            break;
    }
    rc = 0;
out:
    log_progress_end();
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(p.st[i]);
    return rc;
}
