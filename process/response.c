/* response.c — connecting people: a mail that answers a post (its code in the subject
 * or the new words, a reply in its thread, a reply to the digest) is stored as a
 * response and passed on to the person who asked (or listed for the coordinators),
 * and the automatic messages that are due are recorded in replies under stable keys
 * for render to send exactly once. RENEW extends a request. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "db.h"
#include "log.h"
#include "members.h"
#include "posts.h"
#include "proc.h"
#include "text.h"

#define REASON_MAX 600

/* What a message's responses came to, for its reason. */
struct outcome {
    int stored;     /* responses stored (any how) */
    int own;        /* posts of the sender's own, named without closing them */
    long one_post;  /* the post, when the message answered exactly one */
    int nposts;
    int triaged;    /* a helper's closing words, noted for the coordinators */
    char reason[REASON_MAX];
};

static void
note(struct outcome *o, const char *a, const char *b)
{
    size_t n = strlen(o->reason);

    snprintf(o->reason + n, sizeof o->reason - n, "%s%s%s", n ? "; " : "", a, b ? b : "");
}

static int
same_addr(const char *a, const char *b)
{
    return a && b && *a && strcasecmp(a, b) == 0;
}

/* The group's own addresses: nothing automatic is ever sent to them. */
static int
group_addr(const struct proc *p, const char *addr)
{
    return same_addr(addr, conf_str(p->c, "group", "address")) ||
           same_addr(addr, conf_str(p->c, "smtp", "from"));
}

int
response_reply_due(struct proc *p, const char *kind, const char *key, const char *to, long post,
          long response, long msg)
{
    long limit = conf_int(p->c, "replies", "per_address_per_day"), today_n = 0;
    const char *state = "due";
    char reason[128] = "";
    sqlite3_stmt *s;

    /* --reprocess reads old mail again: what was due then was sent then */
    if (p->reprocess || !to || !*to || group_addr(p, to))
        return 1;
    /* counted once a run (p->today is the run's), then as they are added */
    struct addrmap_entry *known = addrmap_get(&p->addrs, to);
    if (known && known->replies_today >= 0) {
        today_n = known->replies_today;
    } else {
        s = proc_stmt(p, S_REPLY_COUNT);
        sqlite3_bind_text(s, 1, to, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, p->today, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, limit);
        if (sqlite3_step(s) != SQLITE_ROW)
            return proc_sql_fail(p);
        today_n = (long)sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if (known)
            known->replies_today = today_n;
    }
    if (today_n >= limit) {
        state = "suppressed";
        snprintf(reason, sizeof reason,
                 "%ld automatic messages to this address today ([replies] per_address_per_day)",
                 today_n);
    }
    s = proc_stmt(p, S_REPLY_ADD);
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, p->today, -1, SQLITE_STATIC);
    if (post > 0)
        sqlite3_bind_int64(s, 5, post);
    if (response > 0)
        sqlite3_bind_int64(s, 6, response);
    if (msg > 0)
        sqlite3_bind_int64(s, 7, msg);
    sqlite3_bind_text(s, 8, state, -1, SQLITE_STATIC);
    if (*reason)
        sqlite3_bind_text(s, 9, reason, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 10, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return proc_sql_fail(p);
    sqlite3_reset(s);
    /* (S_REPLY_COUNT counts up to the limit, and a due one is added only below it) */
    if (known && !*reason && sqlite3_changes(p->db) == 1)
        known->replies_today++;
    if (*reason)
        log_info("%s not sent: %s", key, reason);
    return *reason ? 1 : 0;
}

/* The thread message X replies in: 1 a post's (OUT), 2 a digest's, 3 another message
 * doorstep sent (about no post), 0 none. */
static int
find_thread(struct proc *p, struct msg *x, struct post_ref *out)
{
    for (size_t i = 0; i < x->m.nrefs; i++) {
        sqlite3_stmt *s = proc_stmt(p, S_POST_BY_MSGID);
        sqlite3_bind_text(s, 1, x->m.refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) {
            proc_read_post(s, out);
            sqlite3_reset(s);
            return 1;
        }
        sqlite3_reset(s);
        /* doorstep's own Message-IDs all start so (outbox_message_id) */
        if (strncmp(x->m.refs[i], "doorstep.", 9) != 0)
            continue;
        s = proc_stmt(p, S_OUTBOX_BY_MSGID);
        sqlite3_bind_text(s, 1, x->m.refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_reset(s);
            continue;
        }
        const char *kind = (const char *)sqlite3_column_text(s, 0);
        /* an announcement goes to everyone, as the digest: answers to the coordinators */
        int digest = kind && (strcmp(kind, "digest") == 0 || strcmp(kind, "announce") == 0);
        long post = sqlite3_column_type(s, 2) == SQLITE_NULL ? 0 : (long)sqlite3_column_int64(s, 2);
        sqlite3_reset(s);
        if (digest)
            return 2;
        if (post > 0) {
            s = proc_stmt(p, S_POST_BY_ID);
            sqlite3_bind_int64(s, 1, post);
            if (sqlite3_step(s) == SQLITE_ROW) {
                proc_read_post(s, out);
                sqlite3_reset(s);
                return 1;
            }
            sqlite3_reset(s);
        }
        return 3;
    }
    return 0;
}

int
response_to_digest(struct proc *p, struct msg *x)
{
    const char *name = conf_str(p->c, "group", "name");
    size_t n = strlen(name);

    /* "Re: Larch Street Helpers: 4 new requests, ..." (the digest's subject starts with
     * the group's name and a colon; "Re: Larch Street bins" is someone's own thread) */
    return x->si.reply && n > 0 && strncasecmp(x->si.title, name, n) == 0 &&
           (x->si.title[n] == ':' || x->si.title[n] == '\0');
}

/* Whether X's sender may close POST: its author or a coordinator. */
static int
may_close(const struct proc *p, const struct msg *x, const struct post_ref *post)
{
    return same_addr(post->author, x->m.from_addr) || strcmp(x->mb.status, "coordinator") == 0 ||
           members_is_coordinator(p->c, x->m.from_addr);
}

static int
closed_status(const char *status)
{
    return strcmp(status, "done") == 0 || strcmp(status, "taken") == 0 ||
           strcmp(status, "withdrawn") == 0 || strcmp(status, "expired") == 0;
}

/* Stores a response of X to POST (NULL: none named, for the coordinators) going HOW,
 * and its relay when it goes to the poster. */
static int
store(struct proc *p, struct msg *x, const struct post_ref *post, const char *how,
      const char *why, struct outcome *o)
{
    sqlite3_stmt *s = proc_stmt(p, S_RESPONSE_ADD);
    long rid;
    char key[96];

    if (post)
        sqlite3_bind_int64(s, 1, post->id);
    sqlite3_bind_int64(s, 2, x->id);
    sqlite3_bind_text(s, 3, x->m.from_addr, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, x->m.from_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, x->newtext, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, how, -1, SQLITE_STATIC);
    if (why)
        sqlite3_bind_text(s, 7, why, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 8, (sqlite3_int64)clock_now());
    if (sqlite3_step(s) != SQLITE_DONE)
        return proc_sql_fail(p);
    rid = sqlite3_last_insert_rowid(p->db);
    sqlite3_reset(s);
    o->stored++;
    o->nposts += post != NULL;
    if (post && o->nposts == 1)
        o->one_post = post->id;
    if (strcmp(how, "relay") == 0) {
        /* keyed by message and post, which --reprocess keeps, not by the row's id */
        snprintf(key, sizeof key, "relay:%ld:%ld", x->id, post->id);
        int r = response_reply_due(p, "relay", key, post->author, post->id, rid, x->id);
        if (r < 0)
            return -1;
        if (r == 1 && !p->reprocess) {
            why = "too many automatic messages to the poster today";
            how = "coordinators";
            s = proc_stmt(p, S_RESPONSE_HOW);
            sqlite3_bind_int64(s, 1, rid);
            sqlite3_bind_text(s, 2, how, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, why, -1, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE)
                return proc_sql_fail(p);
            sqlite3_reset(s);
        }
    }
    p->stats->responses++;
    if (!post)
        note(o, why, ", for the coordinators");
    else if (strcmp(how, "relay") == 0)
        note(o, post->ref, ", relayed");
    else if (strcmp(how, "sorted") == 0)
        {
        char t[64];
        snprintf(t, sizeof t, ", already %s (not relayed)", post->status);
        note(o, post->ref, t);
    }
    else
        {
        char t[160];
        snprintf(t, sizeof t, ", for the coordinators: %s", why);
        note(o, post->ref, t);
    }
    log_info("response from %s: %s", x->m.from_addr, o->reason);
    return 0;
}

/* One post answered by X; CLOSING, when not NULL, is the status its words would close
 * it with: a helper saying it is done is passed on (the poster closes it) and noted
 * for the coordinators. */
static int
respond_one(struct proc *p, struct msg *x, const struct post_ref *post, const char *closing,
            struct outcome *o)
{
    if (closing && !same_addr(post->author, x->m.from_addr) && !closed_status(post->status)) {
        char why[400];
        snprintf(why, sizeof why,
                 "%s says %s is %s, but only its author or a coordinator can close it (passed "
                 "on to the poster)",
                 x->m.from_addr, post->ref, closing);
        if (proc_triage(p, x->id, post->id, why) < 0)
            return -1;
        o->triaged++;
    }
    if (same_addr(post->author, x->m.from_addr)) {
        o->own++;
        note(o, post->ref, " (their own post)");
        return 0;
    }
    if (closed_status(post->status))
        return store(p, x, post, "sorted", NULL, o);
    if (strcmp(x->mb.status, "pending") == 0)
        return store(p, x, post, "coordinators", "the sender awaits approval", o);
    if (strcmp(post->status, "held") == 0 || strcmp(post->status, "triage") == 0)
        return store(p, x, post, "coordinators", "the post is not public yet", o);
    if (!post->author[0])
        return store(p, x, post, "coordinators", "a post taken by phone or on paper", o);
    if (strcmp(post->author_status, "blocked") == 0)
        return store(p, x, post, "coordinators", "the poster is blocked", o);
    return store(p, x, post, "relay", NULL, o);
}

/* The confirmation to the responder (a held sender: only the note that their mail is
 * held), then the message's state. */
static int
finish(struct proc *p, struct msg *x, struct outcome *o)
{
    char key[64], reason[REASON_MAX + 80];

    if (o->stored == 0) {
        snprintf(reason, sizeof reason, "a reply about %s", o->reason);
        return proc_set_state(p, x->id, "ignored", reason);
    }
    if (strcmp(x->mb.status, "pending") == 0) {
        if (conf_bool(p->c, "replies", "held")) {
            snprintf(key, sizeof key, "ack:held:%ld", x->id);
            if (response_reply_due(p, "held", key, x->m.from_addr, 0, 0, x->id) < 0)
                return -1;
        }
    } else {
        snprintf(key, sizeof key, "confirm:%ld", x->id);
        if (response_reply_due(p, "confirm", key, x->m.from_addr, o->nposts == 1 ? o->one_post : 0, 0,
                      x->id) < 0)
            return -1;
    }
    snprintf(reason, sizeof reason, "%s%s%s", o->triaged ? "triage: a closing by a helper; " : "",
             o->nposts ? "response to " : "", o->reason);
    return proc_set_state(p, x->id, "processed", reason);
}

/* Responses to the posts whose codes are REFS; a code of no post, or none at all in
 * a reply to the digest (DIGEST), goes to the coordinators. */
static int
respond_refs(struct proc *p, struct msg *x, char refs[][CODE_SIZE], size_t nrefs, int digest,
             const char *closing)
{
    struct outcome o = {0};
    int found = 0;

    for (size_t i = 0; i < nrefs; i++) {
        struct post_ref post;
        sqlite3_stmt *s = proc_stmt(p, S_POST_BY_REF);
        sqlite3_bind_text(s, 1, refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_reset(s);
            note(&o, refs[i], " (no such post)");
            continue;
        }
        proc_read_post(s, &post);
        sqlite3_reset(s);
        found++;
        if (respond_one(p, x, &post, closing, &o) < 0)
            return -1;
    }
    if (!found && (digest || nrefs > 0) && o.own == 0 &&
        store(p, x, NULL, "coordinators",
              digest ? "a reply to the digest naming no post" : "it names no post that exists",
              &o) < 0)
        return -1;
    return finish(p, x, &o);
}

/* The note to the sender of X that the request POST was renewed, under the key
 * ack:renewed:REF:EXPIRES (the request's code and new end as stored). 0 or -1. */
static int
renewed_note(struct proc *p, const struct msg *x, long post)
{
    char key[96];
    sqlite3_stmt *s = db_prepare(p->db, "SELECT ref, expires_at FROM posts WHERE id = ?1", p->err,
                                 p->errlen);
    int step;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, post);
    if ((step = sqlite3_step(s)) == SQLITE_ROW)
        snprintf(key, sizeof key, "ack:renewed:%s:%s", sqlite3_column_text(s, 0),
                 sqlite3_column_text(s, 1) ? (const char *)sqlite3_column_text(s, 1) : "");
    sqlite3_finalize(s);
    if (step != SQLITE_ROW)
        return step == SQLITE_DONE ? 0 : proc_sql_fail(p);
    return response_reply_due(p, "renewed", key, x->m.from_addr, post, 0, x->id) < 0 ? -1 : 0;
}

/* RENEW R-0042: the author (or a coordinator) keeps a request open for [process]
 * request_days more, from its expiry or from today, whichever is later. */
static int
renew(struct proc *p, struct msg *x, char refs[][CODE_SIZE], size_t nrefs)
{
    char reason[REASON_MAX] = "";
    int done = 0;

    for (size_t i = 0; i < nrefs; i++) {
        struct post_ref post;
        sqlite3_stmt *s = proc_stmt(p, S_POST_BY_REF);
        const char *what = "does not exist";
        sqlite3_bind_text(s, 1, refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) {
            proc_read_post(s, &post);
            sqlite3_reset(s);
            what = "not theirs to renew";
            if (may_close(p, x, &post)) {
                int renewed;
                if (posts_renew(p->db, post.id, p->today, conf_int(p->c, "process", "request_days"),
                                NULL, &renewed, p->err, p->errlen) < 0)
                    return -1;
                what = renewed ? "renewed" : "closed, not renewed";
                done += renewed;
                /* the sender hears the new date ([replies] renewed): one note a
                 * renewal, keyed by the post and the day its request now ends */
                if (renewed && conf_bool(p->c, "replies", "renewed") &&
                    renewed_note(p, x, post.id) < 0)
                    return -1;
            }
        }
        size_t n = strlen(reason);
        snprintf(reason + n, sizeof reason - n, "%s%s %s", n ? ", " : "", refs[i], what);
    }
    char out[REASON_MAX + 16];
    snprintf(out, sizeof out, "renew: %s", reason);
    return proc_set_state(p, x->id, done ? "processed" : "ignored", out);
}

/* Whether a mail with closing words and the codes REFS is a closing (close.c) rather
 * than an answer: when the sender may close one of the posts named, or when no code
 * names a post at all. "O-0040 taken" with a mistyped code is its sender closing a post
 * of theirs, not a helper's word on someone else's: as a closing it goes to triage
 * ("does not exist"), with the closing it was, instead of a response to no post. */
static int
closing_by_code(struct proc *p, const struct msg *x, char refs[][CODE_SIZE], size_t nrefs)
{
    int exists = 0;

    for (size_t i = 0; i < nrefs; i++) {
        struct post_ref q;
        sqlite3_stmt *s = proc_stmt(p, S_POST_BY_REF);
        sqlite3_bind_text(s, 1, refs[i], -1, SQLITE_STATIC);
        int row = sqlite3_step(s) == SQLITE_ROW;
        if (row)
            proc_read_post(s, &q);
        sqlite3_reset(s);
        if (row && may_close(p, x, &q))
            return 1;
        exists += row;
    }
    return !exists;
}

/* Whether REF is a post of the sender of X, read into *POST. */
static int
own_post(struct proc *p, const struct msg *x, const char *ref, struct post_ref *post)
{
    sqlite3_stmt *s = proc_stmt(p, S_POST_BY_REF);
    int row;

    sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
    if ((row = sqlite3_step(s) == SQLITE_ROW))
        proc_read_post(s, post);
    sqlite3_reset(s);
    return row && same_addr(post->author, x->m.from_addr);
}

/* "RENEW R-0042", "Re: RENEW R-0042" */
static int
is_renew(const struct msg *x)
{
    return strncasecmp(x->si.title, "renew", 5) == 0 &&
           !isalnum((unsigned char)x->si.title[5]);
}

int
response_dispatch(struct proc *p, struct msg *x)
{
    char refs[MAX_REFS][CODE_SIZE];
    size_t nrefs = classify_refs(x->si.title, refs, MAX_REFS);
    struct post_ref post;
    const char *closing = NULL;
    int thread, digest;

    if (nrefs > 0 && is_renew(x))
        return renew(p, x, refs, nrefs) < 0 ? -1 : 1;
    if ((thread = find_thread(p, x, &post)) < 0)
        return -1;
    /* a code in the subject says which post, whatever the thread */
    if (nrefs > 0) {
        closing = classify_closing_words(p->rules, msg_title_words(x));
        if (!closing)
            closing = classify_closing_words(p->rules, msg_new_words(x));
        /* "R-0004 is sorted, thanks" from its author, or naming no post: a closing
         * (by_words) */
        if (closing && closing_by_code(p, x, refs, nrefs))
            return 0;
        /* "O-0036" from its author, without a closing word ("Somebody took the
         * microwave"): read as their reply in its thread would be */
        if (nrefs == 1 && own_post(p, x, refs[0], &post))
            return close_own_code(p, x, &post) < 0 ? -1 : 1;
        return respond_refs(p, x, refs, nrefs, 0, closing) < 0 ? -1 : 1;
    }
    if (thread == 1) {
        /* the author's own reply, or a coordinator's closing: close.c reads it */
        closing = classify_closing_words(p->rules, msg_new_words(x));
        if (may_close(p, x, &post) && (same_addr(post.author, x->m.from_addr) || closing))
            return close_thread(p, x, &post) < 0 ? -1 : 1;
        if (!*x->newtext) {
            char why[96];
            snprintf(why, sizeof why, "a reply in the thread of %s with no words of its own",
                     post.ref);
            return proc_set_state(p, x->id, "ignored", why) < 0 ? -1 : 1;
        }
        struct outcome o = {0};
        if (respond_one(p, x, &post, closing, &o) < 0)
            return -1;
        return finish(p, x, &o) < 0 ? -1 : 1;
    }
    digest = thread == 2 || response_to_digest(p, x);
    if (thread == 3 && !digest)
        return proc_set_state(p, x->id, "ignored",
                              "a reply to a message doorstep sent, about no post") < 0
                   ? -1
                   : 1;
    /* the new words' codes: quoted text (the digest's own list) never counts; a
     * new post's text may mention other posts ("like R-0004"), so not there */
    if (!digest && ((x->si.kind != KIND_NONE && !x->si.reply) ||
                    classify_chatter_subject(x->m.subject)))
        return 0;
    nrefs = classify_refs(x->newtext, refs, MAX_REFS);
    if (nrefs == 0 && !digest)
        return 0;
    if (nrefs > 0 && (closing = classify_closing_words(p->rules, msg_new_words(x))) &&
        closing_by_code(p, x, refs, nrefs))
        return close_refs(p, x, refs, nrefs, closing) < 0 ? -1 : 1;
    if (nrefs == 0 && !*x->newtext)
        return proc_set_state(p, x->id, "ignored", "a reply to the digest with no words of its own") < 0 ? -1 : 1;
    /* "(That was my post R-0044.)": its author's words about it, as for a code in
     * the subject */
    if (nrefs == 1 && own_post(p, x, refs[0], &post))
        return close_own_code(p, x, &post) < 0 ? -1 : 1;
    return respond_refs(p, x, refs, nrefs, digest, nrefs > 0 ? closing : NULL) < 0 ? -1 : 1;
}

int
response_sent_by_us(struct proc *p, const struct mime_msg *m)
{
    sqlite3_stmt *s;
    int found;

    if (!m->message_id || strncmp(m->message_id, "doorstep.", 9) != 0)
        return 0;
    s = proc_stmt(p, S_OUTBOX_BY_MSGID);
    sqlite3_bind_text(s, 1, m->message_id, -1, SQLITE_STATIC);
    found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_reset(s);
    return found;
}

int
response_reply_expiring(struct proc *p)
{
    sqlite3_stmt *s;
    char tomorrow[DAY_SIZE];
    struct due {
        long post;
        char key[96], to[256];
    } *due = NULL;
    size_t n = 0, cap = 0;
    int rc = 0, step;

    if (p->reprocess || !conf_bool(p->c, "replies", "expiring"))
        return 0;
    clock_date(clock_add_days(clock_day_start(clock_now()), 1), tomorrow);
    /* collected first: response_reply_due writes while this reads */
    s = db_prepare(p->db,
                   "SELECT p.id, p.ref, p.expires_at, m.email FROM posts p"
                   " JOIN members m ON m.id = p.member_id AND m.status IN ('member', 'coordinator')"
                   " WHERE p.status = 'open' AND p.kind = 'request' AND p.expires_at = ?1",
                   p->err, p->errlen);
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, tomorrow, -1, SQLITE_STATIC);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct due *d = realloc(due, ncap * sizeof *d);
            if (!d) {
                snprintf(p->err, p->errlen, "out of memory");
                rc = -1;
                break;
            }
            due = d;
            cap = ncap;
        }
        due[n].post = (long)sqlite3_column_int64(s, 0);
        snprintf(due[n].key, sizeof due[n].key, "ack:expiring:%s:%s", sqlite3_column_text(s, 1),
                 sqlite3_column_text(s, 2));
        snprintf(due[n].to, sizeof due[n].to, "%s", sqlite3_column_text(s, 3));
        n++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = proc_sql_fail(p);
    sqlite3_finalize(s);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (response_reply_due(p, "expiring", due[i].key, due[i].to, due[i].post, 0, 0) < 0)
            rc = -1;
    free(due);
    return rc;
}
