/* outbox.c — the outbox: messages queued under a unique key with a stable
 * Message-ID, then handed to the transport; a key once sent is never sent again. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "file.h"
#include "hash.h"
#include "log.h"
#include "message.h"
#include "outbox.h"
#include "smtp.h"

#define SEND_ATTEMPTS_MAX 10

/* A Message-ID that is the same every time the same day's digest is built, so that a
 * resend after a crash is recognisable as the same message. */
void
outbox_message_id(const conf *c, const char *key, char *out, size_t outlen)
{
    const char *addr = conf_str(c, "group", "address");
    const char *domain = strchr(addr, '@');
    char sha[65], seed[512];

    snprintf(seed, sizeof seed, "%s\n%s", addr, key);
    hash_sha256_hex(seed, strlen(seed), sha);
    snprintf(out, outlen, "doorstep.%s.%.16s@%s", key, sha, domain ? domain + 1 : "localhost");
    for (char *p = out; *p && *p != '@'; p++)
        if (*p == ':')
            *p = '-';
}

/* Puts the digest into the outbox under KEY unless that day's digest was already
 * sent; a queued one is replaced by the fresh text. */
int
outbox_queue(struct outbox *ob, const char *kind, const char *key, const char *msgid,
             const char *to, const char *raw, size_t len, int *already_sent, char *err,
             size_t errlen)
{
    sqlite3_stmt *s;
    int rc_step;

    /* kept prepared: render queues a message for each reply of the day */
    s = db_prepare_kept(ob->db,
                        "INSERT INTO outbox(kind, key, message_id, recipients, raw, created_at)"
                        " VALUES (?6, ?1, ?2, ?3, ?4, ?5)"
                        " ON CONFLICT(key) DO UPDATE SET raw = excluded.raw,"
                        " recipients = excluded.recipients,"
                        " state = CASE WHEN ?7 THEN 'queued' ELSE state END,"
                        " attempts = CASE WHEN ?7 THEN 0 ELSE attempts END"
                        " WHERE state != 'sent' OR ?7",
                        err, errlen);
    if (!s)
        return EX_SOFTWARE;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, msgid, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(s, 4, raw, len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)ob->now);
    sqlite3_bind_text(s, 6, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 7, ob->resend);
    rc_step = sqlite3_step(s);
    *already_sent = rc_step == SQLITE_DONE && sqlite3_changes(ob->db) == 0;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc_step != SQLITE_DONE) {
        snprintf(err, errlen, "%s: cannot queue %s: %s",
                 sqlite3_db_filename(ob->db, "main"), key, sqlite3_errmsg(ob->db));
        return EX_CANTCREAT;
    }
    return 0;
}

/* Sends every queued message of the outbox; each is marked sent only after the
 * transport accepted it. */
/* A message left 'sending' by a run that was killed may have arrived. Written to a
 * folder (method file) it is written again, harmlessly; given to a server or to
 * sendmail it is not sent again without a person deciding: --resend. Digests more
 * than a day old are not sent late either. Returns 0 or -1 with ERR set. */
static int
settle_interrupted(struct outbox *ob, char *err, size_t errlen)
{
    int file = strcmp(conf_str(ob->conf, "smtp", "method"), "file") == 0;
    char sql[512], day[DAY_SIZE];
    sqlite3_stmt *s;

    snprintf(sql, sizeof sql,
             "UPDATE outbox SET state = ?1, attempts = ?2, last_error = ?3"
             " WHERE state = 'sending'");
    if (!(s = db_prepare(ob->db, sql, err, errlen)))
        return -1;
    sqlite3_bind_text(s, 1, file ? "queued" : "failed", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, file ? 0 : SEND_ATTEMPTS_MAX);
    if (!file)
        sqlite3_bind_text(s, 3,
                          "interrupted while being sent: it may have arrived, so it is not "
                          "sent again by itself (doorstep-render --resend sends it)",
                          -1, SQLITE_STATIC);
    sqlite3_step(s);
    if (sqlite3_changes(ob->db) > 0)
        log_warn("%d outgoing messages were interrupted while being sent%s",
                 sqlite3_changes(ob->db),
                 file ? "; written again" : "; not sent again (see doorstep-render --resend)");
    sqlite3_finalize(s);
    /* yesterday's digest may still go out this morning; older ones are news no more */
    clock_date(clock_add_days(clock_day_start(ob->now), -1), day);
    s = db_prepare(ob->db,
                   "UPDATE outbox SET state = 'failed', attempts = ?2, last_error ="
                   " 'not sent: more than a day old' WHERE state IN ('queued', 'failed')"
                   " AND attempts < ?2 AND (kind = 'digest' OR kind = 'coordinators')"
                   " AND substr(key, instr(key, ':') + 1) < ?1",
                   err, errlen);
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, SEND_ATTEMPTS_MAX);
    sqlite3_step(s);
    sqlite3_finalize(s);
    return 0;
}

/* Claims message ID for this run: 'sending' is on disk before the transport sees it.
 * Returns 1, or 0 when another doorstep-render running at the same time claimed it
 * first, or it was sent meanwhile, or it could not be marked (then it must not be sent:
 * a crash would leave no trace of it). */
static int
claim_row(struct outbox *ob, long id)
{
    char err[256];
    sqlite3_stmt *s = db_prepare_kept(ob->db,
                                      "UPDATE outbox SET state = 'sending' WHERE id = ?1"
                                      " AND state NOT IN ('sending', 'sent')",
                                      err, sizeof err);
    int ok;

    if (!s)
        return 0;
    sqlite3_bind_int64(s, 1, id);
    ok = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(ob->db) == 1;
    sqlite3_reset(s);
    return ok;
}

static int
claim(struct outbox *ob, long id)
{
    char err[256];
    int ok;

    /* a transaction of its own, so that DOORSTEP_CRASH_AFTER_COMMITS can stop a run
     * between the claim and the transport (t_connect_smtp) */
    if (db_begin(ob->db, err, sizeof err) < 0)
        return 0;
    ok = claim_row(ob, id);
    if (db_commit(ob->db, err, sizeof err) < 0)
        return 0;
    return ok;
}

/* An outgoing message read from the outbox, to send. */
struct pending {
    long id;
    char *key, *to, *raw;
    size_t len;
};

static void
pending_free(struct pending *p)
{
    free(p->key);
    free(p->to);
    free(p->raw);
}

/* The messages to send (not sent, tried fewer than SEND_ATTEMPTS_MAX times), oldest
 * first, into the malloc'd *TODO (*NTODO of them); out of memory, the ones read so far.
 * Collected first, so that no row is written while the query reads. Returns 0, or -1
 * with ERR set. */
static int
collect_pending(struct outbox *ob, struct pending **todo, size_t *ntodo, char *err,
                size_t errlen)
{
    sqlite3_stmt *q = db_prepare(ob->db,
                                 "SELECT id, key, recipients, raw FROM outbox WHERE state != 'sent'"
                                 " AND attempts < ?1 ORDER BY id",
                                 err, errlen);
    size_t cap = 0;

    *todo = NULL;
    *ntodo = 0;
    if (!q)
        return -1;
    sqlite3_bind_int(q, 1, SEND_ATTEMPTS_MAX);
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (*ntodo == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct pending *t = realloc(*todo, ncap * sizeof *t);
            if (!t)
                break;
            *todo = t;
            cap = ncap;
        }
        struct pending *p = &(*todo)[*ntodo];
        p->id = sqlite3_column_int64(q, 0);
        p->key = db_column_strdup(q, 1);
        p->to = db_column_strdup(q, 2);
        p->len = (size_t)sqlite3_column_bytes(q, 3);
        p->raw = malloc(p->len + 1);
        if (!p->key || !p->to || !p->raw) {
            pending_free(p);
            break;
        }
        memcpy(p->raw, sqlite3_column_blob(q, 3), p->len);
        (*ntodo)++;
    }
    sqlite3_finalize(q);
    return 0;
}

void
outbox_file_name(const char *key, char out[OUTBOX_NAME_SIZE])
{
    size_t len = strlen(key);

    if (len <= OUTBOX_NAME_KEEP) {
        memcpy(out, key, len + 1);
    } else {
        char sha[65];
        hash_sha256_hex(key, len, sha);
        snprintf(out, OUTBOX_NAME_SIZE, "%.*s-%.16s", OUTBOX_NAME_KEEP, key, sha);
    }
    for (char *c = out; *c; c++)
        if (*c == ':' || *c == '/')
            *c = '-';
}

/* What became of one message handed to the transport. */
struct sent {
    int r;          /* message_send's result */
    int maybe_sent; /* it failed after the server may have taken it */
    int stop;       /* the SMTP session stopped on it */
    int refused;    /* the login was refused: no fault of the message */
    char serr[1200], rejected[1024];
};

/* Records what became of P (ST) with MARK (deliver's UPDATE). A failure is logged and
 * put in ERR (the first, or the one that stopped the session), *WORST its sysexits
 * code. */
static void
record(struct outbox *ob, const struct pending *p, sqlite3_stmt *mark, struct sent *st, int *worst,
       char *err, size_t errlen)
{
    int r = st->r;

    if (r == 0 && st->rejected[0])
        snprintf(st->serr, sizeof st->serr, "sent, but refused for %s", st->rejected);
    sqlite3_reset(mark);
    sqlite3_bind_int64(mark, 1, p->id);
    sqlite3_bind_text(mark, 2,
                      r == 0        ? "sent"
                      : st->refused ? "queued"
                                    : "failed",
                      -1, SQLITE_STATIC);
    /* (a reset keeps the bindings: a message sent after one that failed must not
     * carry its error) */
    if (st->serr[0])
        sqlite3_bind_text(mark, 3, st->serr, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(mark, 3);
    sqlite3_bind_int64(mark, 4, (sqlite3_int64)ob->now);
    /* lost after the server may have taken it: as if killed while 'sending', not
     * sent again by itself */
    sqlite3_bind_int(mark, 5, r != 0 && st->maybe_sent);
    sqlite3_bind_int(mark, 6, SEND_ATTEMPTS_MAX);
    sqlite3_bind_int(mark, 7, st->refused);
    if (sqlite3_step(mark) != SQLITE_DONE)
        log_error("%s: cannot mark %s: %s", sqlite3_db_filename(ob->db, "main"), p->key,
                  sqlite3_errmsg(ob->db));
    if (r != 0) {
        /* (what stopped the session is said once, by the caller, with the count
         * of what waits) */
        if (!st->stop)
            log_error("%s not sent: %s", p->key, st->serr);
        if (!*worst || st->stop)
            snprintf(err, errlen, "%s not sent: %s", p->key, st->serr);
        *worst = st->stop ? r : *worst ? *worst : r;
    } else {
        log_info("%s sent to %s", p->key, p->to);
    }
}

/* Hands P, claimed, to the transport (with BATCH, the file transport's batch), the
 * outcome into ST. */
static void
send_claimed(struct outbox *ob, const struct pending *p, const char *defdir,
             struct file_batch *batch, struct sent *st)
{
    char name[OUTBOX_NAME_SIZE];

    outbox_file_name(p->key, name);
    st->serr[0] = '\0';
    st->r =
        message_send(ob->conf, ob->smtp, batch, name, p->raw, p->len, p->to, defdir, st->rejected,
                     sizeof st->rejected, &st->maybe_sent, st->serr, sizeof st->serr);
    /* the session stopped on this message: it failed before the message began */
    st->stop = st->r != 0 && ob->smtp && smtp_session_stopped(ob->smtp, NULL, 0);
    /* a refused login is no fault of the message: queued again, not counted */
    st->refused = st->stop && st->r == EX_NOPERM;
}

/* Claims P (CLAIMED: P was claimed already) and hands it to the transport, the outcome
 * into ST. Returns 0 when another render claimed it (nothing to record), else 1. */
static int
claim_and_send(struct outbox *ob, const struct pending *p, const char *defdir,
               struct file_batch *batch, int claimed, struct sent *st)
{
    /* order is important: 'sending' is on disk before the transport sees the message,
     * so a crash from here on cannot lead to a blind second send; and only one of two
     * renders run at once, both having read it as queued, gets to send it */
    if (!claimed && !claim(ob, p->id)) {
        log_info("%s: sent or being sent by another doorstep-render", p->key);
        return 0;
    }
    send_claimed(ob, p, defdir, batch, st);
    return 1;
}

/* Sends P and records the outcome with MARK, unless the SMTP session stopped earlier
 * in this run (then *UNTRIED counts it) or another render claimed it. */
static void
send_pending(struct outbox *ob, const struct pending *p, sqlite3_stmt *mark, const char *defdir,
             int *worst, long *untried, char *err, size_t errlen)
{
    struct sent st;

    /* the server could not be reached, or refused the login, earlier in this run:
     * it is not asked again (a refused password, tried for every message, can
     * lock the account); the message stays as it is for the next run */
    if (ob->smtp && smtp_session_stopped(ob->smtp, NULL, 0)) {
        (*untried)++;
        return;
    }
    if (claim_and_send(ob, p, defdir, NULL, 0, &st))
        record(ob, p, mark, &st, worst, err, errlen);
}

/* The file transport writes this many messages at a time, their fsyncs made together
 * (file_batch_commit): one fsync of the file and one of its folder for each message
 * made a day's hundred replies wait about a second on the disk. */
#define FILE_BATCH 64

/* send_pending for the file transport, FILE_BATCH messages of TODO at a time: claimed
 * together (one commit), written, the batch committed, then marked together as each
 * file is (or is not) on disk under its name; a message is still claimed before it is
 * written, and marked sent only once its file is durable. */
static void
send_files(struct outbox *ob, struct pending *todo, size_t ntodo, sqlite3_stmt *mark,
           const char *defdir, int *worst, char *err, size_t errlen)
{
    struct sent *st = calloc(FILE_BATCH, sizeof *st);
    long entry[FILE_BATCH];
    int claimed[FILE_BATCH];

    for (size_t from = 0; from < ntodo; from += FILE_BATCH) {
        size_t n = ntodo - from < FILE_BATCH ? ntodo - from : FILE_BATCH;
        struct file_batch fb = {0};
        char cerr[1024];

        /* the batch's claims in one transaction: committed before any file is written */
        int together = st && db_begin(ob->db, cerr, sizeof cerr) == 0;
        for (size_t i = 0; i < n; i++) {
            claimed[i] = together && claim_row(ob, todo[from + i].id);
            if (together && !claimed[i])
                log_info("%s: sent or being sent by another doorstep-render", todo[from + i].key);
        }
        if (together && db_commit(ob->db, cerr, sizeof cerr) < 0) {
            log_error("%s", cerr);
            continue; /* nothing claimed: nothing written, the next run tries again */
        }
        for (size_t i = 0; i < n; i++) {
            entry[i] = -2; /* not claimed */
            if (!st) {     /* out of memory: one at a time */
                long untried = 0;
                send_pending(ob, &todo[from + i], mark, defdir, worst, &untried, err, errlen);
                continue;
            }
            size_t before = fb.n;
            if (together && !claimed[i])
                continue;
            if (claim_and_send(ob, &todo[from + i], defdir, &fb, together, &st[i]))
                entry[i] = fb.n > before ? (long)before : -1;
        }
        if (fb.n > 0)
            file_batch_commit(&fb, cerr, sizeof cerr);
        /* the marks in one transaction too (one at a time if it cannot begin) */
        together = st && db_begin(ob->db, cerr, sizeof cerr) == 0;
        for (size_t i = 0; st && i < n; i++) {
            if (entry[i] == -2)
                continue;
            if (entry[i] >= 0 && !fb.e[entry[i]].done) {
                st[i].r = EX_CANTCREAT;
                snprintf(st[i].serr, sizeof st[i].serr, "%s: %s", fb.e[entry[i]].path,
                         strerror(fb.e[entry[i]].error ? fb.e[entry[i]].error : EIO));
            }
            record(ob, &todo[from + i], mark, &st[i], worst, err, errlen);
        }
        if (together && db_commit(ob->db, cerr, sizeof cerr) < 0)
            log_error("%s", cerr); /* left 'sending': written again by the next run */
        file_batch_free(&fb);
    }
    free(st);
}

/* Sends what waits in the outbox: one SMTP session for the run, each message claimed
 * before it is sent and marked after. Returns 0 or the worst sysexits code, ERR set. */
static int
deliver(struct outbox *ob, char *err, size_t errlen)
{
    sqlite3_stmt *mark;
    char defdir[PATH_MAX];
    int worst = 0, stopped_before;
    long untried = 0;
    struct pending *todo;
    size_t ntodo;

    snprintf(defdir, sizeof defdir, "%s/sent", ob->outdir);
    if (settle_interrupted(ob, err, errlen) < 0)
        return EX_SOFTWARE;
    /* one SMTP session for the whole run, whichever output asked for delivery */
    if (strcmp(conf_str(ob->conf, "smtp", "method"), "smtp") == 0 && !ob->smtp &&
        !(ob->smtp = smtp_session_new(ob->conf))) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    stopped_before = ob->smtp && smtp_session_stopped(ob->smtp, NULL, 0);
    mark = db_prepare(ob->db,
                      "UPDATE outbox SET state = ?2, last_error = ?3,"
                      " attempts = CASE WHEN ?7 THEN attempts"
                      " WHEN ?5 THEN max(attempts + 1, ?6) ELSE attempts + 1 END,"
                      " sent_at = CASE WHEN ?2 = 'sent' THEN ?4 ELSE sent_at END WHERE id = ?1",
                      err, errlen);
    if (!mark)
        return EX_SOFTWARE;
    if (collect_pending(ob, &todo, &ntodo, err, errlen) < 0) {
        sqlite3_finalize(mark);
        return EX_SOFTWARE;
    }
    if (strcmp(conf_str(ob->conf, "smtp", "method"), "file") == 0)
        send_files(ob, todo, ntodo, mark, defdir, &worst, err, errlen);
    else
        for (size_t i = 0; i < ntodo; i++)
            send_pending(ob, &todo[i], mark, defdir, &worst, &untried, err, errlen);
    for (size_t i = 0; i < ntodo; i++)
        pending_free(&todo[i]);
    free(todo);
    sqlite3_finalize(mark);
    if (untried > 0 && stopped_before) {
        /* an earlier delivery of this run reported why */
        log_info("%ld outgoing messages wait in the outbox for the next run (the SMTP "
                 "session stopped above)",
                 untried);
        return 0;
    }
    if (untried > 0) {
        size_t n = strlen(err);
        snprintf(err + n, errlen - n,
                 "; %ld more outgoing messages not tried: they wait in the outbox for the "
                 "next run",
                 untried);
    }
    return worst;
}

/* One doorstep-render delivers at a time (DB.send.lock, waiting up to [database]
 * lock_wait): a 'sending' message seen by a render is then always one a killed run
 * left, never one another render is sending right now, which settle_interrupted
 * would take for interrupted (and the coordinators' digest report as failed). */
int
outbox_deliver(struct outbox *ob, char *err, size_t errlen)
{
    char lockpath[PATH_MAX];
    int fd, r;

    snprintf(lockpath, sizeof lockpath, "%s.send.lock", sqlite3_db_filename(ob->db, "main"));
    fd = file_lock(lockpath, (int)conf_int(ob->conf, "database", "lock_wait"), err, errlen);
    if (fd < 0)
        return fd == -2 ? EX_TEMPFAIL : EX_CANTCREAT;
    r = deliver(ob, err, errlen);
    close(fd);
    return r;
}

void
outbox_end(struct outbox *ob)
{
    smtp_session_free(ob->smtp);
    ob->smtp = NULL;
}

int
outbox_requeue_failed(struct outbox *ob, char *err, size_t errlen)
{
    return db_exec(ob->db,
                   "UPDATE outbox SET state = 'queued', attempts = 0 WHERE (kind = 'reply'"
                   " OR kind = 'announce') AND state = 'failed'",
                   err, errlen);
}
