/* close.c — closing posts: by reference code ("DONE R-0042") or by a reply in a post's
 * thread ("Sorted now, thank you!"); only the author or a coordinator may close. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "members.h"
#include "posts.h"
#include "proc.h"
#include "redact.h"

static int
may_close(const struct proc *p, const struct msg *x, const struct post_ref *post)
{
    return strcasecmp(post->author, x->m.from_addr) == 0 ||
           strcmp(x->mb.status, "coordinator") == 0 || members_is_coordinator(p->c, x->m.from_addr);
}

static int
is_closed(const struct post_ref *post)
{
    return strcmp(post->status, "done") == 0 || strcmp(post->status, "taken") == 0 ||
           strcmp(post->status, "withdrawn") == 0;
}

static int
apply(struct proc *p, const struct post_ref *post, const char *status)
{
    if (posts_set_status(p->db, post->id, status, clock_now(), NULL, p->err, p->errlen) < 0)
        return -1;
    p->stats->closings++;
    log_info("%s: %s", post->ref, status);
    return 0;
}

/* One post named by a closing: applied (1), noted for triage (2), nothing to do (0),
 * or an error (-1). NOTE gets a line on what happened. */
static int
close_one(struct proc *p, struct msg *x, const struct post_ref *post, const char *status,
          const char *how, char *note, size_t notelen)
{
    char reason[300];

    if (!may_close(p, x, post)) {
        snprintf(reason, sizeof reason,
                 "%s says %s is %s (%s), but only its author or a coordinator can close it",
                 x->m.from_addr, post->ref, status, how);
        snprintf(note, notelen, "%s: not its author", post->ref);
        return proc_triage(p, x->id, post->id, reason) < 0 ? -1 : 2;
    }
    if (is_closed(post)) {
        snprintf(note, notelen, "%s was already %s", post->ref, post->status);
        return 0;
    }
    snprintf(note, notelen, "%s %s", post->ref, status);
    return apply(p, post, status) < 0 ? -1 : 1;
}

int
close_refs(struct proc *p, struct msg *x, char refs[][CODE_SIZE], size_t nrefs, const char *status)
{
    char reason[512] = "", note[160], missing[200] = "";
    int applied = 0, noted = 0;

    for (size_t i = 0; i < nrefs; i++) {
        struct post_ref post;
        sqlite3_stmt *s = proc_stmt(p, S_POST_BY_REF);
        int r;

        sqlite3_bind_text(s, 1, refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_reset(s);
            snprintf(note, sizeof note, "%s does not exist", refs[i]);
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                     missing[0] ? ", " : "", refs[i]);
        } else {
            proc_read_post(s, &post);
            sqlite3_reset(s);
            if ((r = close_one(p, x, &post, status, "by its reference code", note, sizeof note)) < 0)
                return -1;
            applied += r == 1;
            noted += r == 2;
        }
        snprintf(reason + strlen(reason), sizeof reason - strlen(reason), "%s%s",
                 reason[0] ? ", " : "", note);
    }
    if (applied) {
        char out[560];
        snprintf(out, sizeof out, "closing: %s", reason);
        return proc_set_state(p, x->id, "processed", out);
    }
    /* a code of no post closed nothing the sender meant to close (a mistyped code,
     * most often: their post stays open): the coordinators see it, never lost */
    if (!noted && missing[0]) {
        char why[400];
        snprintf(why, sizeof why, "%s says %s is %s, but no post has that code",
                 x->m.from_addr, missing, status);
        if (proc_triage(p, x->id, 0, why) < 0)
            return -1;
        noted = 1;
    }
    if (noted) {
        char out[560];
        snprintf(out, sizeof out, "triage: a closing %s", reason);
        return proc_set_state(p, x->id, "processed", out);
    }
    char out[560];
    snprintf(out, sizeof out, "a closing that closes nothing: %s", reason);
    return proc_set_state(p, x->id, "ignored", out);
}

/* "Re: OFFER: cot (Willow Lane) - TAKEN": a closing word in capitals at the end; *AT
 * (when not NULL) is set to where it starts. */
static const char *
closing_at_end(struct proc *p, const char *title, const char **at)
{
    const char *end = title + strlen(title), *w = end;

    while (w > title && !isspace((unsigned char)w[-1]) && w[-1] != '-')
        w--;
    for (const char *q = w; q < end; q++)
        if (islower((unsigned char)*q))
            return NULL;
    if (at)
        *at = w;
    return w < end ? classify_closing(p->rules, w) : NULL;
}

/* The posts made from the message of POST, when it made two (an offer and a request in
 * one mail): their refs and words, into OUT (at most 2). Returns how many, -1 on error. */
static int
posts_of_message(struct proc *p, const struct post_ref *post, struct post_ref out[2],
                 struct words wout[2])
{
    /* only for replies in a thread that say no closing word of the whole: rare */
    static const char q[] =
        "SELECT p.id, p.ref, p.status, p.kind, m.email, m.status,"
        " p.title || '. ' || coalesce(p.summary, '') FROM posts p"
        " LEFT JOIN members m ON m.id = p.member_id"
        " WHERE p.message = (SELECT message FROM posts WHERE id = ?1) ORDER BY p.id LIMIT 3";
    sqlite3_stmt *s = db_prepare(p->db, q, p->err, p->errlen);
    int n = 0, step;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, post->id);
    while ((step = sqlite3_step(s)) == SQLITE_ROW && n < 3) {
        if (n < 2) {
            proc_read_post(s, &out[n]);
            if (words_split((const char *)sqlite3_column_text(s, 6), &wout[n]) < 0) {
                sqlite3_finalize(s);
                snprintf(p->err, p->errlen, "out of memory");
                return -1;
            }
        }
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        snprintf(p->err, p->errlen, "%s: SQL error: %s", sqlite3_db_filename(p->db, "main"),
                 sqlite3_errmsg(p->db));
        return -1;
    }
    return n == 2 ? 2 : 0;
}

/* A reply in the thread of a mail that made two posts, saying one is over and maybe
 * the other still open ("The pushchair's gone. Still need the lift though!"): each
 * sentence with closing words closes the one of the two whose words it shares (the
 * other's, or a tie, closes nothing). 1 when it closed one (NOTE says which), 0 when
 * not, 2 noted for triage, -1 on error. */
static int
close_part(struct proc *p, struct msg *x, const struct post_ref *post, char *note, size_t len)
{
    struct post_ref two[2];
    struct words pw[2] = {{0}, {0}};
    const struct words *w = msg_new_words(x);
    int n, r = 0;

    if ((n = posts_of_message(p, post, two, pw)) <= 0)
        goto done;
    for (size_t a = 0; a < w->n && r == 0;) {
        size_t b = a + 1;
        while (b < w->n && !(w->w[b].flags & W_BREAK))
            b++;
        struct words sentence = {.w = w->w + a, .n = b - a};
        const char *status = classify_closing_words(p->rules, &sentence);
        int event = !status && classify_closing_event(p->rules, &sentence, KIND_NONE);
        if (status || event) {
            size_t s0 = classify_shared_words(&sentence, &pw[0]);
            size_t s1 = classify_shared_words(&sentence, &pw[1]);
            if (s0 != s1) {
                const struct post_ref *it = &two[s0 > s1 ? 0 : 1];
                if (!status)
                    status = strcmp(it->kind, "offer") == 0 ? "taken" : "done";
                r = close_one(p, x, it, status, "in a reply in its thread", note, len);
            }
        }
        a = b;
    }
done:
    words_free(&pw[0]);
    words_free(&pw[1]);
    return n < 0 ? -1 : r;
}

/* The kind of POST, for the words of its author's replies. */
static enum post_kind
own_kind(const struct post_ref *post)
{
    return strcmp(post->kind, "offer") == 0     ? KIND_OFFER
           : strcmp(post->kind, "request") == 0 ? KIND_REQUEST
                                                : KIND_NONE;
}

/* Its author's reply in POST's thread, or (BY_CODE) a mail of theirs naming its code. */
static int
close_reply(struct proc *p, struct msg *x, const struct post_ref *post, int by_code)
{
    const char *in = by_code ? "in a mail naming its code" : "in a reply in its thread";
    const char *status = classify_closing_words(p->rules, msg_new_words(x));
    char note[160], reason[256];
    int r;

    if (!status)
        status = closing_at_end(p, x->si.title, NULL);
    /* its author saying, in its thread, that the thing happened ("Mum's prescription
     * came in the end"): over, as a request is done and an offer taken */
    if (!status && strcasecmp(post->author, x->m.from_addr) == 0 &&
        classify_closing_event(p->rules, msg_new_words(x), own_kind(post)))
        status = strcmp(post->kind, "offer") == 0 ? "taken" : "done";
    if (!status) {
        if (strcasecmp(post->author, x->m.from_addr) == 0 &&
            (r = close_part(p, x, post, note, sizeof note)) != 0) {
            if (r < 0)
                return -1;
            snprintf(reason, sizeof reason, "%s: %s (%s, one of two posts)",
                     r == 2 ? "triage: a closing" : "closing", note, in + 3);
            return proc_set_state(p, x->id, "processed", reason);
        }
        /* its author, neither asking nor saying it is still open: perhaps over, in
         * words the rules do not know; the coordinators read it */
        if (strcasecmp(post->author, x->m.from_addr) == 0 && !is_closed(post) &&
            classify_closing_maybe(p->rules, msg_new_words(x), own_kind(post))) {
            char why[300];
            snprintf(why, sizeof why,
                     "%s by its author %s %s that may say it is over, in words the rules do "
                     "not know: '%.80s'",
                     by_code ? "a mail" : "a reply", by_code ? "naming" : "in the thread of",
                     post->ref, x->newtext);
            if (proc_triage(p, x->id, post->id, why) < 0)
                return -1;
            snprintf(reason, sizeof reason, "triage: a reply that may close %s", post->ref);
            return proc_set_state(p, x->id, "processed", reason);
        }
        if (by_code)
            snprintf(reason, sizeof reason, "a reply about %s (their own post)", post->ref);
        else
            snprintf(reason, sizeof reason, "a reply in the thread of %s", post->ref);
        return proc_set_state(p, x->id, "ignored", reason);
    }
    if ((r = close_one(p, x, post, status, in, note, sizeof note)) < 0)
        return -1;
    snprintf(reason, sizeof reason, "%s: %s (%s)",
             r == 2 ? "triage: a closing" : r == 1 ? "closing" : "a closing that closes nothing",
             note, in + 3);
    return proc_set_state(p, x->id, r == 0 ? "ignored" : "processed", reason);
}

int
close_thread(struct proc *p, struct msg *x, const struct post_ref *post)
{
    return close_reply(p, x, post, 0);
}

int
close_own_code(struct proc *p, struct msg *x, const struct post_ref *post)
{
    return close_reply(p, x, post, 1);
}

int
close_find_thread(struct proc *p, struct msg *x, struct post_ref *out)
{
    static const char *const kinds[] = {"request", "offer"};
    char *title;
    int found = 0;

    for (size_t i = 0; i < x->m.nrefs; i++) {
        sqlite3_stmt *s = proc_stmt(p, S_POST_BY_MSGID);
        sqlite3_bind_text(s, 1, x->m.refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) {
            proc_read_post(s, out);
            sqlite3_reset(s);
            return 1;
        }
    }
    /* A reply whose app dropped In-Reply-To: the sender's own post of that title, also
     * when the sender added a closing word to the subject ("Re: OFFER: cot (Oak Road) -
     * TAKEN"): the title is then read again from the subject without it, as it was
     * read when the post was stored. */
    if (!x->si.reply || !x->si.title[0])
        return 0;
    for (int pass = 0; pass < 2 && !found; pass++) {
        struct subject_info bare;
        const char *at = NULL, *subject = x->m.subject;
        char *cut;
        size_t n;

        if (pass == 1) {
            if (!closing_at_end(p, subject, &at))
                break;
            for (n = (size_t)(at - subject);
                 n > 0 && (isspace((unsigned char)subject[n - 1]) || subject[n - 1] == '-'); n--)
                ;
            if (!(cut = strndup(subject, n))) {
                snprintf(p->err, p->errlen, "message %ld: out of memory", x->id);
                return -1;
            }
            classify_subject(cut, &bare);
            free(cut);
            if (!bare.title[0])
                break;
        }
        if (!(title = redact(classify_rules_places(p->rules), pass ? bare.title : x->si.title))) {
            snprintf(p->err, p->errlen, "message %ld: out of memory", x->id);
            return -1;
        }
        for (size_t k = 0; k < 2 && !found; k++) {
            if ((x->si.kind == KIND_OFFER && k == 0) || (x->si.kind == KIND_REQUEST && k == 1))
                continue;
            sqlite3_stmt *s = proc_stmt(p, S_POST_BY_TITLE);
            sqlite3_bind_text(s, 1, x->m.from_addr, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, title, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, kinds[k], -1, SQLITE_STATIC);
            if (sqlite3_step(s) == SQLITE_ROW) {
                proc_read_post(s, out);
                found = 1;
            }
            sqlite3_reset(s);
        }
        free(title);
    }
    return found;
}

int
close_find_own(struct proc *p, struct msg *x, struct post_ref *out, size_t min_shared)
{
    /* kept prepared: asked of every new mail without words of a kind (no_kind_words),
     * and preparing it cost more than running it */
    static const char q[] =
        "SELECT p.id, p.ref, p.status, p.kind, m.email, p.title || '. ' || coalesce(p.summary, '')"
        " FROM posts p JOIN members m ON m.id = p.member_id"
        " WHERE p.member_id = ?1 AND p.status IN ('open', 'triage') ORDER BY p.id DESC LIMIT 20";
    sqlite3_stmt *s = db_prepare_kept(p->db, q, p->err, p->errlen);
    struct words w = {0}, title = {0}, text = {0};
    size_t best = 0;
    int ties = 0, step;

    if (!s)
        return -1;
    /* the streets a sender signs both mails with say nothing of what they are about */
    if (places_strip(msg_title_placed(p, x), &title) < 0 ||
        places_strip(msg_new_placed(p, x), &text) < 0) {
        words_free(&title);
        snprintf(p->err, p->errlen, "message %ld: out of memory", x->id);
        return -1;
    }
    sqlite3_bind_int64(s, 1, x->mb.id);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        w.n = 0;
        if (words_split((const char *)sqlite3_column_text(s, 5), &w) < 0)
            break;
        size_t n = classify_shared_words(&title, &w) + classify_shared_words(&text, &w);
        if (n > best) {
            best = n;
            ties = 0;
            proc_read_post(s, out);
        } else if (n == best && n > 0) {
            ties++;
        }
    }
    words_free(&w);
    words_free(&title);
    words_free(&text);
    if (step != SQLITE_DONE && step != SQLITE_ROW) {
        proc_sql_fail(p);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    /* two posts that fit as well: which one is over is not for us to guess */
    return best > 0 && best >= min_shared && ties == 0;
}
