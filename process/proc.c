/* proc.c — the processing loop: message in, post or reason out, in transactions; and
 * --reprocess, the same from scratch in one transaction. What a message is, is
 * dispatch.c's; what a message is a post of is stored by newpost.c; the message's
 * words, read once, are msg.c's. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "buf.h"
#include "checkpoint.h"
#include "classify.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "members.h"
#include "mime.h"
#include "privacy.h"
#include "proc.h"
#include "text.h"
#include "words.h"

#define BATCH_MAX 10000

static const char *const sql[S_COUNT] = {
    [S_NEXT] = "SELECT id, internal_date, fetched_at FROM messages WHERE state = 'new'"
              " AND id > ?1 ORDER BY id LIMIT ?2",
    [S_SET_STATE] = "UPDATE messages SET state = ?2, reason = ?3, processed_at = ?4 WHERE id = ?1",
    [S_MEMBER_GET] = "SELECT id, status FROM members WHERE email = ?1",
    /* no RETURNING: SQLite keeps RETURNING rows in a temporary B-tree; the new id is
     * sqlite3_last_insert_rowid() */
    /* a code the post had before `post edit --kind` gave it a new one (post_edits)
     * still finds it, as posts_find does: "R-0012 is done" after R-0012 became O-0005 */
    [S_POST_BY_REF] = "SELECT p.id, p.ref, p.status, p.kind, m.email, m.status FROM posts p"
                      " LEFT JOIN members m ON m.id = p.member_id WHERE p.ref = ?1 UNION ALL"
                      " SELECT p.id, p.ref, p.status, p.kind, m.email, m.status"
                      " FROM post_edits e JOIN posts p ON p.id = e.post"
                      " LEFT JOIN members m ON m.id = p.member_id"
                      " WHERE e.field = 'ref' AND e.old = ?1 LIMIT 1",
    /* min() rather than ORDER BY ... LIMIT 1, which sorts in a temporary B-tree */
    [S_POST_BY_MSGID] = "SELECT p.id, p.ref, p.status, p.kind, m.email, m.status FROM posts p"
                        " LEFT JOIN members m ON m.id = p.member_id"
                        " WHERE p.id = (SELECT min(q.id) FROM messages g"
                        " JOIN posts q ON q.message = g.id WHERE g.message_id = ?1)",
    [S_POST_BY_TITLE] = "SELECT p.id, p.ref, p.status, p.kind, m.email, m.status FROM posts p"
                        " JOIN members m ON m.id = p.member_id"
                        " WHERE m.email = ?1 AND p.title = ?2 AND p.kind = ?3"
                        " ORDER BY p.id DESC LIMIT 1",
    [S_TRIAGE_ADD] = "INSERT INTO triage(message, post, reason, created_at)"
                     " VALUES (?1, ?2, ?3, ?4)",
    [S_ATT_ADD] = "INSERT INTO attachments(message, name, type, size) VALUES (?1, ?2, ?3, ?4)",
    [S_ROTA_ADD] = "INSERT OR IGNORE INTO rota_slots(task, day, member_id, message, created_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_ROTA_DEL] = "DELETE FROM rota_slots WHERE task = ?1 AND day = ?2 AND member_id = ?3",
    [S_COUNTER_GET] = "SELECT value FROM counters WHERE name = ?1",
    [S_COUNTER_PUT] = "INSERT INTO counters(name, value) VALUES (?1, ?2)"
                      " ON CONFLICT(name) DO UPDATE SET value = excluded.value",
    [S_OLD_REF] = "SELECT ref FROM old_refs WHERE message = ?1 AND kind = ?2",
    /* a message doorstep sent (a digest, a relay, an acknowledgement) and the post it
     * was about */
    [S_OUTBOX_BY_MSGID] = "SELECT o.kind, o.key, r.post FROM outbox o"
                          " LEFT JOIN replies r ON r.key = o.key WHERE o.message_id = ?1",
    [S_POST_BY_ID] = "SELECT p.id, p.ref, p.status, p.kind, m.email, m.status FROM posts p"
                     " LEFT JOIN members m ON m.id = p.member_id WHERE p.id = ?1",
    [S_RESPONSE_ADD] = "INSERT INTO responses(post, message, responder, name, words, how, why,"
                       " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_RESPONSE_HOW] = "UPDATE responses SET how = ?2, why = ?3 WHERE id = ?1",
    /* counted up to the limit only: a busy address's day is not read again whole for
     * each of its replies */
    [S_REPLY_COUNT] = "SELECT count(*) FROM (SELECT 1 FROM replies WHERE to_addr = ?1"
                      " AND day = ?2 AND state != 'suppressed' LIMIT ?3)",
    [S_REPLY_ADD] = "INSERT OR IGNORE INTO replies(key, kind, to_addr, day, post, response,"
                    " message, state, reason, created_at)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
};

sqlite3_stmt *
proc_stmt(struct proc *p, enum stmt_id id)
{
    sqlite3_reset(p->st[id]);
    sqlite3_clear_bindings(p->st[id]);
    return p->st[id];
}

int
proc_sql_fail(struct proc *p)
{
    db_sqlerr(p->db, p->err, p->errlen);
    return -1;
}

int
proc_set_state(struct proc *p, long id, const char *state, const char *reason)
{
    sqlite3_stmt *s = proc_stmt(p, S_SET_STATE);

    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
    if (reason)
        sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return proc_sql_fail(p);
    if (strcmp(state, "ignored") == 0)
        p->stats->ignored++;
    else if (strcmp(state, "quarantined") == 0) {
        p->stats->quarantined++;
        log_warn("message %ld quarantined: %s", id, reason);
    }
    log_debug("message %ld: %s%s%s", id, state, reason ? ": " : "", reason ? reason : "");
    return 0;
}

int
proc_triage(struct proc *p, long msg_id, long post_id, const char *reason)
{
    sqlite3_stmt *s = proc_stmt(p, S_TRIAGE_ADD);

    sqlite3_bind_int64(s, 1, msg_id);
    if (post_id > 0)
        sqlite3_bind_int64(s, 2, post_id);
    sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return proc_sql_fail(p);
    p->stats->triage++;
    log_info("triage: message %ld: %s", msg_id, reason);
    return 0;
}

void
proc_read_post(sqlite3_stmt *s, struct post_ref *out)
{
    const unsigned char *t;

    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(s, 0);
    if ((t = sqlite3_column_text(s, 1)))
        snprintf(out->ref, sizeof out->ref, "%s", t);
    if ((t = sqlite3_column_text(s, 2)))
        snprintf(out->status, sizeof out->status, "%s", t);
    if ((t = sqlite3_column_text(s, 3)))
        snprintf(out->kind, sizeof out->kind, "%s", t);
    if ((t = sqlite3_column_text(s, 4)))
        snprintf(out->author, sizeof out->author, "%s", t);
    if ((t = sqlite3_column_text(s, 5)))
        snprintf(out->author_status, sizeof out->author_status, "%s", t);
}

/* Finds or adds the sender. New senders are members at once without moderation, and
 * 'pending' (their posts held for a coordinator) with [group] moderation = unknown. */
static int
get_member(struct proc *p, const struct mime_msg *m, struct member *out)
{
    struct addrmap_entry *known = addrmap_get(&p->addrs, m->from_addr);
    sqlite3_stmt *s;
    const char *status;
    sqlite3_int64 id;

    if (known && known->member_id > 0) {
        out->id = known->member_id;
        memcpy(out->status, known->status, sizeof out->status);
        return 0;
    }
    s = proc_stmt(p, S_MEMBER_GET);
    sqlite3_bind_text(s, 1, m->from_addr, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        out->id = sqlite3_column_int64(s, 0);
        snprintf(out->status, sizeof out->status, "%s", sqlite3_column_text(s, 1));
        goto known;
    }
    if (members_is_coordinator(p->c, m->from_addr))
        status = "coordinator";
    else if (strcmp(conf_str(p->c, "group", "moderation"), "none") == 0)
        status = "member";
    else
        status = "pending";
    if (members_add(p->db, m->from_addr, m->from_name, status, clock_now(), &id, p->err,
                    p->errlen) < 0)
        return proc_sql_fail(p);
    out->id = id;
    snprintf(out->status, sizeof out->status, "%s", status);
known:
    if (known) {
        known->member_id = out->id;
        memcpy(known->status, out->status, sizeof known->status);
    }
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

/* An out-of-office text that came without the headers that say so. */
static int
auto_text(const char *text)
{
    /* each phrase under a word it has, looked for first: most texts have none */
    static const struct {
        const char *word, *says[5];
    } groups[] = {
        {"office",
         {"i am currently out of the office", "i am out of the office until",
          "i'm out of the office until", "will be back in the office on", NULL}},
        {"leave", {"on annual leave until", NULL}},
        {"desk", {"away from my desk until", NULL}},
        {"access", {"limited access to email", "limited access to my email", NULL}},
        {"automat", {"this is an automatic reply", "this is an automated reply", NULL}},
        {"return",
         {"will respond to your email when i return", "will reply to your email when i return",
          NULL}},
    };
    char head[400];

    /* lowered once, then searched with strstr (fast in glibc) */
    text_lower_copy(head, sizeof head, text);
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strstr(head, groups[i].word))
            for (size_t k = 0; groups[i].says[k]; k++)
                if (strstr(head, groups[i].says[k]))
                    return 1;
    return 0;
}

/* Not a post, whatever it says: automatic mail, bounces, spam, the group itself. */
static const char *
not_from_a_person(const struct proc *p, const struct mime_msg *m)
{
    const char *why;

    if (m->bounce)
        return "a bounce (delivery status report)";
    if (m->automatic)
        return m->automatic;
    if ((why = classify_auto_subject(m->subject)))
        return why;
    if (m->spam)
        return "marked as spam (X-Spam-Flag)";
    if (auto_text(m->text))
        return "an automatic reply (the text says out of office)";
    if (m->from_addr && (strcasecmp(m->from_addr, conf_str(p->c, "group", "address")) == 0 ||
                         strcasecmp(m->from_addr, conf_str(p->c, "smtp", "from")) == 0))
        return "sent from the group's own address (a digest or a copy)";
    return NULL;
}

static int
store_attachments(struct proc *p, const struct msg *x)
{
    for (size_t i = 0; i < x->m.natt; i++) {
        sqlite3_stmt *s = proc_stmt(p, S_ATT_ADD);
        sqlite3_bind_int64(s, 1, x->id);
        sqlite3_bind_text(s, 2, x->m.att[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, x->m.att[i].type, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)x->m.att[i].size);
        if (sqlite3_step(s) != SQLITE_DONE)
            return proc_sql_fail(p);
    }
    return 0;
}

static int
process_one(struct proc *p, long id, const char *raw, size_t len, time_t internal,
            time_t fetched)
{
    struct msg x = {.id = id};
    char reason[256];
    const char *why;
    int rc;

    if ((long)len > conf_int(p->c, "fetch", "max_size")) {
        snprintf(reason, sizeof reason, "too large: %zu bytes, more than [fetch] max_size",
                 len);
        return proc_set_state(p, id, "quarantined", reason);
    }
    if (mime_parse(raw, len, &x.m, reason, sizeof reason) < 0)
        return proc_set_state(p, id, "quarantined", reason);
    x.when = post_time(&x.m, internal, fetched);
    if (store_attachments(p, &x) < 0)
        rc = -1; /* NOLINT(bugprone-branch-clone): every failed step ends alike */
    else if ((why = not_from_a_person(p, &x.m)))
        rc = proc_set_state(p, id, "ignored", why);
    else if (response_sent_by_us(p, &x.m))
        rc = proc_set_state(p, id, "ignored", "a message doorstep sent (its own Message-ID)");
    else if (!x.m.from_addr) {
        snprintf(reason, sizeof reason, "no sender address: %s",
                 x.m.from_problem ? x.m.from_problem : "no From field");
        rc = proc_set_state(p, id, "quarantined", reason);
    }
    else if (get_member(p, &x.m, &x.mb) < 0)
        rc = -1;
    else if (strcmp(x.mb.status, "blocked") == 0)
        rc = proc_set_state(p, id, "ignored", "the sender is blocked");
    else if (msg_read_text(&x) < 0) {
        snprintf(p->err, p->errlen, "message %ld: out of memory", id);
        rc = -1;
    } else
        rc = dispatch(p, &x);
    free(x.newtext);
    free(x.owntext);
    words_free(&x.title_w);
    words_free(&x.new_w);
    mime_free(&x.m);
    return rc;
}

static int
prepare(struct proc *p)
{
    for (int i = 0; i < S_COUNT; i++) {
        if (i == S_OLD_REF && !p->reprocess)
            continue;
        if (!(p->st[i] = db_prepare(p->db, sql[i], p->err, p->errlen)))
            return -1;
    }
    return 0;
}

static void
finalize(struct proc *p)
{
    for (int i = 0; i < S_COUNT; i++) {
        sqlite3_finalize(p->st[i]);
        p->st[i] = NULL;
    }
    addrmap_free(&p->addrs);
}

/* Keeps what the run knows of addresses for the batch just begun only when no other
 * connection has committed since the last batch began: PRAGMA data_version changes
 * with another connection's commits, never with this one's (and, within a batch's
 * transaction, nothing else writes). 0 or -1. */
static int
addrs_check(struct proc *p)
{
    sqlite3_stmt *s = db_prepare_kept(p->db, "PRAGMA data_version", p->err, p->errlen);
    long long version;

    if (!s)
        return -1;
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return proc_sql_fail(p);
    }
    version = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (version != p->data_version)
        addrmap_clear(&p->addrs);
    p->data_version = version;
    return 0;
}

/* The bytes of message ID into RAW (NUL-ended; none: empty), through *BLOB, opened at
 * the first message and moved to each next one: a blob handle reads a row's bytes
 * without running a statement for each. 0, or -1 with P->err set. */
static int
read_raw(struct proc *p, sqlite3_blob **blob, long id, struct buf *raw)
{
    int rc = *blob ? sqlite3_blob_reopen(*blob, id)
                   : sqlite3_blob_open(p->db, "main", "message_raw", "raw", id, 0, blob);

    raw->len = 0;
    if (rc != SQLITE_OK) {
        /* no bytes kept for it (or a handle that failed: it cannot be moved again) */
        sqlite3_blob_close(*blob);
        *blob = NULL;
        if ((rc & 0xff) != SQLITE_ERROR)
            return proc_sql_fail(p);
        return buf_add(raw, "", 0) < 0 ? -1 : 0;
    }
    size_t n = (size_t)sqlite3_blob_bytes(*blob);
    if (buf_reserve(raw, n + 1) < 0) {
        snprintf(p->err, p->errlen, "message %ld: out of memory (%zu bytes)", id, n);
        return -1;
    }
    if (sqlite3_blob_read(*blob, raw->data, (int)n, 0) != SQLITE_OK)
        return proc_sql_fail(p);
    raw->len = n;
    raw->data[n] = '\0';
    return 0;
}

/* Processes the messages in state 'new', BATCH at a time; with COMMIT, each batch in
 * its own transaction, else inside the caller's. 0 or -1 (the batch rolled back). */
static int
run_batches(struct proc *p, long batch, int commit, int *tempfail)
{
    long last = 0, done = 0;
    sqlite3_blob *blob = NULL; /* the batch's reader of raw bytes (read_raw) */
    struct buf raw = {0};

    if (batch < 1 || batch > BATCH_MAX)
        batch = BATCH_MAX;
    for (;;) {
        static struct { /* static: 240 KB is more than a stack frame should hold */
            long id;
            time_t internal, fetched;
        } next[BATCH_MAX];
        long n = 0;
        sqlite3_stmt *s;
        int step = SQLITE_DONE;

        /* order is important: the batch's posts and the messages' new states commit
         * together, so a kill between batches loses nothing and doubles nothing */
        if (commit && db_begin(p->db, p->err, p->errlen) < 0) {
            *tempfail = 1;
            buf_free(&raw);
            return -1;
        }
        if (commit && addrs_check(p) < 0)
            goto fail;
        /* The ids (and dates) first, then one message at a time: bounded memory, and
         * no table is written while a statement still reads it. */
        s = proc_stmt(p, S_NEXT);
        sqlite3_bind_int64(s, 1, last);
        sqlite3_bind_int64(s, 2, batch);
        while (n < batch && (step = sqlite3_step(s)) == SQLITE_ROW) {
            next[n].id = (long)sqlite3_column_int64(s, 0);
            next[n].internal = (time_t)sqlite3_column_int64(s, 1);
            next[n++].fetched = (time_t)sqlite3_column_int64(s, 2);
        }
        if (n < batch && step != SQLITE_DONE)
            goto fail_sql;
        sqlite3_reset(s);
        for (long i = 0; i < n; i++) {
            if (read_raw(p, &blob, next[i].id, &raw) < 0)
                goto fail;
            last = next[i].id;
            log_progress("process", ++done, 0);
            if (process_one(p, next[i].id, raw.data, raw.len, next[i].internal,
                            next[i].fetched) < 0)
                goto fail;
        }
        sqlite3_blob_close(blob);
        blob = NULL;
        if (newpost_refs_flush(p) < 0)
            goto fail;
        for (int i = 0; i < S_COUNT; i++)
            if (p->st[i])
                sqlite3_reset(p->st[i]);
        if (commit && db_commit(p->db, p->err, p->errlen) < 0) {
            *tempfail = 1;
            buf_free(&raw);
            return -1;
        }
        if (n < batch) {
            buf_free(&raw);
            return 0;
        }
    }
fail_sql:
    proc_sql_fail(p);
fail:
    sqlite3_blob_close(blob);
    buf_free(&raw);
    p->ref_loaded[0] = p->ref_loaded[1] = p->ref_changed[0] = p->ref_changed[1] = 0;
    addrmap_clear(&p->addrs); /* (what the batch rolled back) */
    if (commit)
        db_rollback(p->db);
    return -1;
}

static int
finish(struct proc *p)
{
    for (int i = 0; i < S_COUNT; i++)
        if (p->st[i])
            sqlite3_reset(p->st[i]);
    return match_expire(p) < 0 || match_rebuild(p) < 0 || response_reply_expiring(p) < 0 ? -1 : 0;
}

int
proc_all(const conf *c, sqlite3 *db, long batch, struct proc_stats *stats, char *err,
                 size_t errlen)
{
    struct proc p = {
        .c = c, .db = db, .stats = stats, .err = err, .errlen = errlen, .data_version = -1};
    struct checkpointer *ckpt = NULL;
    int rc = EX_SOFTWARE, tempfail = 0;

    memset(stats, 0, sizeof *stats);
    clock_date(clock_now(), p.today);
    if (!(p.rules = classify_rules_new(c))) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    if (prepare(&p) < 0)
        goto out;
    ckpt = checkpoint_start(db, CHECKPOINT_PAGES, 8 * CHECKPOINT_PAGES);
    if (run_batches(&p, batch, 1, &tempfail) < 0) {
        rc = tempfail ? EX_TEMPFAIL : EX_SOFTWARE;
        goto out;
    }
    /* the last batch's pages copied while finish works, not when the database closes */
    checkpoint_now(ckpt);
    if (db_begin(db, err, errlen) < 0) {
        rc = EX_TEMPFAIL;
        goto out;
    }
    if (finish(&p) < 0) {
        db_rollback(db);
        goto out;
    }
    rc = db_commit(db, err, errlen) < 0 ? EX_TEMPFAIL : 0;
out:
    checkpoint_stop(ckpt);
    log_progress_end();
    finalize(&p);
    classify_rules_free(p.rules);
    return rc;
}

int
proc_reprocess(const conf *c, sqlite3 *db, struct proc_stats *stats, char *err, size_t errlen)
{
    /* Order is important: the old codes are kept aside before the posts go, and all
     * of it happens in one transaction, so a failure leaves the old posts in place. */
    static const char *const reset =
        "CREATE TEMP TABLE old_refs(message INTEGER NOT NULL, ref TEXT NOT NULL,"
        "  kind TEXT NOT NULL, PRIMARY KEY(message, kind));" /* two posts of one mail */
        "INSERT INTO old_refs SELECT message, ref, kind FROM posts WHERE message IS NOT NULL;"
        "DELETE FROM triage WHERE message IS NOT NULL;"
        "DELETE FROM responses WHERE message IS NOT NULL;"
        "DELETE FROM attachments;"
        "DELETE FROM rota_slots WHERE message IS NOT NULL;"
        "DELETE FROM matches;"
        "DELETE FROM posts WHERE message IS NOT NULL;"
        "UPDATE messages SET state = 'new', reason = NULL, processed_at = NULL"
        "  WHERE id IN (SELECT message FROM message_raw);";
    struct proc p = {.c = c,
                     .db = db,
                     .stats = stats,
                     .reprocess = 1,
                     .err = err,
                     .errlen = errlen,
                     .data_version = -1};
    int rc = EX_SOFTWARE, tempfail = 0;

    memset(stats, 0, sizeof *stats);
    clock_date(clock_now(), p.today);
    if (!(p.rules = classify_rules_new(c))) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    if (db_begin(db, err, errlen) < 0) {
        classify_rules_free(p.rules);
        return EX_TEMPFAIL;
    }
    if (db_exec(db, reset, err, errlen) < 0 || prepare(&p) < 0 ||
        run_batches(&p, BATCH_MAX, 0, &tempfail) < 0 || finish(&p) < 0) {
        finalize(&p);
        db_rollback(db);
        db_exec(db, "DROP TABLE IF EXISTS temp.old_refs", NULL, 0);
        goto out;
    }
    finalize(&p);
    if (db_exec(db, "DROP TABLE temp.old_refs", err, errlen) < 0) {
        db_rollback(db);
        goto out;
    }
    rc = db_commit(db, err, errlen) < 0 ? EX_TEMPFAIL : 0;
out:
    log_progress_end();
    classify_rules_free(p.rules);
    return rc;
}

int
proc_from_message(const conf *c, sqlite3 *db, long msg_id, const char *kind, char ref[24],
                  char *err, size_t errlen)
{
    struct proc_stats stats = {0};
    struct proc p = {
        .c = c, .db = db, .stats = &stats, .err = err, .errlen = errlen, .data_version = -1};
    struct msg x = {.id = msg_id};
    sqlite3_blob *blob = NULL;
    struct buf raw = {0};
    sqlite3_stmt *s;
    int rc = -1, parsed = 0;

    ref[0] = '\0';
    clock_date(clock_now(), p.today);
    if (!(p.rules = classify_rules_new(c))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (prepare(&p) < 0 || read_raw(&p, &blob, msg_id, &raw) < 0)
        goto out;
    if (raw.len == 0) {
        snprintf(err, errlen, "message %ld: its mail is no longer kept", msg_id);
        goto out;
    }
    if (mime_parse(raw.data, raw.len, &x.m, err, errlen) < 0)
        goto out;
    parsed = 1;
    if (!x.m.from_addr) {
        snprintf(err, errlen, "message %ld: no sender address", msg_id);
        goto out;
    }
    /* when it was written, as process_one reads it (the server's date unknown here) */
    x.when = x.m.date > 946684800 && x.m.date < clock_now() + 86400 ? x.m.date : clock_now();
    if (get_member(&p, &x.m, &x.mb) < 0)
        goto out;
    if (msg_read_text(&x) < 0) {
        snprintf(err, errlen, "message %ld: out of memory", msg_id);
        goto out;
    }
    if (newpost_add(&p, &x, strcmp(kind, "offer") == 0 ? KIND_OFFER : KIND_REQUEST, NULL) < 0 ||
        newpost_refs_flush(&p) < 0)
        goto out;
    s = db_prepare(db, "SELECT ref FROM posts WHERE message = ?1 ORDER BY id DESC LIMIT 1", err,
                   errlen);
    if (s) {
        sqlite3_bind_int64(s, 1, msg_id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            snprintf(ref, 24, "%s", sqlite3_column_text(s, 0));
            rc = 0;
        } else {
            proc_sql_fail(&p);
        }
        sqlite3_finalize(s);
    }
out:
    sqlite3_blob_close(blob);
    buf_free(&raw);
    free(x.newtext);
    free(x.owntext);
    words_free(&x.title_w);
    words_free(&x.new_w);
    if (parsed)
        mime_free(&x.m);
    finalize(&p);
    classify_rules_free(p.rules);
    return rc;
}
