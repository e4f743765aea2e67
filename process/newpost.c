/* newpost.c — a new offer or request stored: its title and redacted summary, category,
 * place and dates, its reference code (counted in memory through a batch), the row and
 * the message's state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "clock.h"
#include "dates.h"
#include "db.h"
#include "log.h"
#include "posts.h"
#include "proc.h"
#include "redact.h"
#include "text.h"

#define SUMMARY_MAX 240
#define TITLE_MAX 90

/* Whether a subject says nothing a title could use: "Hello", "Help!", "Request". */
static int
generic_title(const char *title)
{
    static const char *const filler[] = {
        "hi", "hello", "hey", "all", "everyone", "help", "please", "request", "offer",
        "question", "query", "favour", "favor", "a", "small", "big", "quick", "urgent", "can",
        "could", "anyone", "anybody", "someone", "you", "no", "subject", "needed", "wanted",
        "neighbours", "neighbors", "there", "folks", "the", "group", "elm", "help!"};
    struct words w = {0};
    int generic = 1;

    if (words_split(title, &w) < 0)
        return 0;
    for (size_t i = 0; i < w.n && generic; i++) {
        generic = 0;
        for (size_t k = 0; k < sizeof filler / sizeof filler[0] && !generic; k++)
            generic = strcmp(w.w[i].raw, filler[k]) == 0;
    }
    words_free(&w);
    return generic;
}

/* The first sentence of TEXT after any greeting line ("Hi all,"), cut at about MAX
 * bytes, into OUT (OUTLEN bytes, more than MAX + 8). */
static void
first_sentence(const char *text, char *out, size_t outlen, size_t max)
{
    static const char *const hello[] = {"hi", "hello", "hey", "dear", "morning", "good ",
                                        "evening", "afternoon", "hiya", "greetings"};
    const char *p = text;

    for (;;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        int greeting = len == 0;
        for (size_t i = 0; i < sizeof hello / sizeof hello[0] && !greeting; i++)
            greeting = strncasecmp(p, hello[i], strlen(hello[i])) == 0 && len < 40;
        if (!greeting || !eol)
            break;
        p = eol + 1;
    }
    size_t n = strcspn(p, ".!?");
    const char *para = strstr(p, "\n\n");
    if (para && (size_t)(para - p) < n)
        n = (size_t)(para - p);
    if (n > outlen - 8)
        n = outlen - 8;
    snprintf(out, outlen, "%.*s", (int)n, p);
    text_squeeze(out);
    text_truncate(out, max);
}

static const char *const ref_kinds[2] = {"offer", "request"};

/* The reference code for a new post: on --reprocess the one its message had, when it
 * is still the same kind; else the next one. The batch counts in memory what
 * db_next_ref counts in the database (three statements a post were a tenth of storing
 * it); refs_flush writes the counters back in the same transaction. */
static int
post_ref(struct proc *p, long msg_id, enum post_kind k, char ref[CODE_SIZE])
{
    int i = k == KIND_OFFER ? 0 : 1;

    if (p->reprocess) {
        sqlite3_stmt *s = proc_stmt(p, S_OLD_REF);
        sqlite3_bind_int64(s, 1, msg_id);
        sqlite3_bind_text(s, 2, ref_kinds[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) {
            snprintf(ref, 24, "%s", sqlite3_column_text(s, 0));
            return 0;
        }
    }
    if (!p->ref_loaded[i]) {
        sqlite3_stmt *s = proc_stmt(p, S_COUNTER_GET);
        int step;
        sqlite3_bind_text(s, 1, ref_kinds[i], -1, SQLITE_STATIC);
        if ((step = sqlite3_step(s)) != SQLITE_ROW && step != SQLITE_DONE)
            return proc_sql_fail(p);
        p->ref_value[i] = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
        p->ref_loaded[i] = 1;
        sqlite3_reset(s);
    }
    p->ref_changed[i] = 1;
    db_format_ref(ref_kinds[i], ++p->ref_value[i], ref);
    return 0;
}

/* Writes back the counters post_ref moved; each is read again in the next batch
 * (or after a rollback). 0 or -1. */
int
newpost_refs_flush(struct proc *p)
{
    for (int i = 0; i < 2; i++) {
        if (p->ref_changed[i]) {
            sqlite3_stmt *s = proc_stmt(p, S_COUNTER_PUT);
            sqlite3_bind_text(s, 1, ref_kinds[i], -1, SQLITE_STATIC);
            sqlite3_bind_int64(s, 2, p->ref_value[i]);
            if (sqlite3_step(s) != SQLITE_DONE)
                return proc_sql_fail(p);
            sqlite3_reset(s);
        }
        p->ref_loaded[i] = p->ref_changed[i] = 0;
    }
    return 0;
}

/* The author's acknowledgement of a new post ([replies]): its code and how to close
 * it; that it is held for a coordinator; that a coordinator will look at it. Keyed by
 * the code (kept by --reprocess) or, when held, by the message. */
static int
ack_new(struct proc *p, const struct msg *x, const char *ref, long post_id, int held,
        const char *unsure, int expired)
{
    char key[64];

    if (expired)
        return 0;
    if (held) {
        if (!conf_bool(p->c, "replies", "held"))
            return 0;
        snprintf(key, sizeof key, "ack:held:%ld", x->id);
        return response_reply_due(p, "held", key, x->m.from_addr, post_id, 0, x->id) < 0 ? -1 : 0;
    }
    if (!conf_bool(p->c, "replies", unsure ? "triage" : "new_post"))
        return 0;
    snprintf(key, sizeof key, "ack:%s:%s", unsure ? "triage" : "new", ref);
    return response_reply_due(p, unsure ? "triage" : "new", key, x->m.from_addr, post_id, 0, x->id) < 0
               ? -1
               : 0;
}

/* A new offer or request from message X. UNSURE, when not NULL, says why the rules
 * could not settle it: the post then waits in triage. */
int
newpost_add(struct proc *p, struct msg *x, enum post_kind k, const char *unsure)
{
    const char *kind = k == KIND_OFFER ? "offer" : "request";
    const char *street = NULL, *area, *category, *status;
    char ref[CODE_SIZE], expires[DAY_SIZE], needed[DAY_SIZE] = "", raw_title[sizeof x->si.title], reason[320];
    char *title = NULL, *summary = NULL;
    int held = strcmp(x->mb.status, "pending") == 0, rc = -1, has_needed = 0, expired;
    long post_id;

    /* a title from the subject, or from the first sentence when the subject is empty
     * or says nothing ("Hello", "Help!") */
    if (!generic_title(x->si.title))
        snprintf(raw_title, sizeof raw_title, "%s", x->si.title);
    else
        first_sentence(x->newtext, raw_title, sizeof raw_title, TITLE_MAX);
    title = redact(classify_rules_places(p->rules), raw_title[0] ? raw_title : "(no title)");
    summary = redact_squeezed(classify_rules_places(p->rules), x->newtext, msg_new_placed(p, x));
    if (!title || !summary)
        goto oom;
    text_truncate(summary, SUMMARY_MAX);
    /* the new text's words serve for the sender's own text when no signature was cut */
    area = places_find_words(classify_rules_places(p->rules), x->si.place, x->si.title,
                             msg_title_placed(p, x), x->owntext,
                             strcmp(x->owntext, x->newtext) == 0 ? msg_new_placed(p, x) : NULL,
                             &street);
    category = classify_category_placed(p->rules, msg_title_placed(p, x), msg_new_placed(p, x));
    if (k == KIND_REQUEST)
        has_needed = dates_needed_by_words(msg_title_words(x), msg_new_words(x), x->when, needed);
    clock_date(clock_add_days(clock_day_start(x->when),
                              (int)conf_int(p->c, "process", k == KIND_OFFER ? "offer_days"
                                                                            : "request_days")),
               expires);
    /* a request lasts at least to the end of the day it is needed by */
    if (has_needed && strcmp(needed, expires) > 0)
        memcpy(expires, needed, sizeof expires);
    if (post_ref(p, x->id, k, ref) < 0)
        goto done;
    status = held ? "held" : unsure ? "triage" : "open";
    /* from a backlog, a post already past its date: stored as match_expire would
     * leave it at the end of the run, rather than written twice */
    if ((expired = match_expired(status, expires, p->today))) {
        status = "expired";
        p->expired++;
    }
    struct posts_new row = {
        .ref = ref, .kind = kind, .category = category, .area = area, .street = street,
        .title = title, .body = x->m.text, .summary = summary, .message = x->id,
        .member = x->mb.id, .created = x->when, .needed_by = has_needed ? needed : NULL,
        .expires = expires, .status = status, .closed = expired ? clock_now() : 0,
    };
    if (posts_insert(p->db, &row, &post_id, p->err, p->errlen) < 0)
        goto done;
    p->stats->posts++;
    p->stats->held += held;
    log_info("%s: %s %s (%s, %s)%s%s", ref, kind, title, category, area ? area : "no area",
             held ? ", held for a coordinator" : "", unsure ? ", to triage" : "");
    if (unsure) {
        snprintf(reason, sizeof reason, "%s: %s", ref, unsure);
        if (proc_triage(p, x->id, post_id, reason) < 0)
            goto done;
    }
    snprintf(reason, sizeof reason, "%s %s%s%s%s", kind, ref,
             held ? " (held until a coordinator approves the sender)" : "",
             unsure ? " (triage: " : "", unsure ? unsure : "");
    if (unsure)
        strncat(reason, ")", sizeof reason - strlen(reason) - 1);
    if (ack_new(p, x, ref, post_id, held, unsure, expired) < 0)
        goto done;
    rc = proc_set_state(p, x->id, "processed", reason);
    goto done;
oom:
    snprintf(p->err, p->errlen, "message %ld: out of memory", x->id);
done:
    free(title);
    free(summary);
    return rc;
}

/* A note for the coordinators' triage list about the post just made from X (open, not
 * held back), saying WHY. 0 or -1. */
static int
note_post(struct proc *p, struct msg *x, const char *why)
{
    /* kept prepared: run for every post published over its subject word, hundreds a run */
    sqlite3_stmt *s = db_prepare_kept(p->db,
                                      "SELECT id, ref FROM posts WHERE message = ?1"
                                      " ORDER BY id DESC LIMIT 1",
                                      p->err, p->errlen);
    char reason[320];
    int rc = -1;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, x->id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(reason, sizeof reason, "%s: %s", sqlite3_column_text(s, 1), why);
        rc = proc_triage(p, x->id, sqlite3_column_int64(s, 0), reason);
    } else {
        rc = 0; /* (held as a duplicate, or no post made: nothing to note) */
    }
    sqlite3_reset(s);
    return rc;
}

int
newpost_add_noted(struct proc *p, struct msg *x, enum post_kind k, const char *why)
{
    return newpost_add(p, x, k, NULL) < 0 ? -1 : note_post(p, x, why);
}

/* Whether words A and B of W are on one line. */
static int
same_line(const struct words *w, size_t a, size_t b)
{
    const char *from = w->w[a < b ? a : b].s, *to = w->w[a < b ? b : a].s;

    return memchr(from, '\n', (size_t)(to - from)) == NULL;
}

/* The posts of X's new words NEWTEXT cut at byte OFF, each with its own kind, code,
 * title (its first sentence) and category; the place is the message's; both in triage
 * with the note UNSURE when it is not NULL. 0 or -1. */
static int
post_add_two(struct proc *p, struct msg *x, size_t off, const enum post_kind kinds[2],
             const char *unsure)
{
    char *whole = x->newtext, title[sizeof x->si.title];
    char *part[2] = {strndup(whole, off), strdup(whole + off)};
    int rc = -1;

    memcpy(title, x->si.title, sizeof title);
    for (int i = 0; i < 2 && part[0] && part[1]; i++) {
        /* the message's words are read again from the part (msg_new_words) */
        words_free(&x->new_w);
        words_free(&x->title_w);
        x->new_split = x->new_placed = x->title_split = x->title_placed = 0;
        x->newtext = part[i];
        x->si.title[0] = '\0';
        if ((rc = newpost_add(p, x, kinds[i], unsure)) < 0)
            break;
    }
    if (!part[0] || !part[1])
        snprintf(p->err, p->errlen, "message %ld: out of memory", x->id);
    words_free(&x->new_w);
    words_free(&x->title_w);
    x->new_split = x->new_placed = x->title_split = x->title_placed = 0;
    x->newtext = whole;
    memcpy(x->si.title, title, sizeof title);
    free(part[0]);
    free(part[1]);
    return rc;
}

int
newpost_add_words(struct proc *p, struct msg *x, enum post_kind k, const char *unsure)
{
    const struct words *w = msg_new_words(x);
    enum post_kind kinds[2];
    size_t at;
    int two = classify_two_posts(p->rules, w, &at, kinds);

    /* a subject's OFFER or REQUEST says one post: a second only when a word turns to it
     * ("REQUEST: a chat now and then ... I am happy to talk about anything" is one) */
    if (two == 2 && x->si.kind != KIND_NONE)
        two = 0;

    /* two clear parts explain words that looked unclear as one post */
    if (two == 1)
        return post_add_two(p, x, (size_t)(w->w[at].s - x->newtext), kinds, NULL);
    if (two == 2) {
        char why[240];
        snprintf(why, sizeof why,
                 "perhaps two posts in one mail: %s, then %s from '%.*s...' (each said "
                 "clearly, nothing says the second is another matter)",
                 kinds[0] == KIND_OFFER ? "an offer" : "a request",
                 kinds[1] == KIND_OFFER ? "an offer" : "a request",
                 (int)(w->w[at].len > 40 ? 40 : w->w[at].len), w->w[at].s);
        return post_add_two(p, x, (size_t)(w->w[at].s - x->newtext), kinds, why);
    }
    if (!unsure) {
        /* the words that said each kind: for the note, and for one clear post with
         * clear words of the other kind in another paragraph ("Cot free to a good
         * home.\n\nI'm also after a lift..."), perhaps a second post not set apart */
        struct kind_guess g;
        struct words none = {0};
        char why[240];
        classify_kind_words(p->rules, &none, w, &g);
        /* both said clearly (2 or more each), on lines of their own: whether there are
         * two posts, a coordinator says (weaker signs fire on plain mail: "going free
         * ... no need to ring first") */
        if (two == 0 && !(g.offer >= 2 && g.request >= 2 && g.offer_at >= 0 &&
                          g.request_at >= 0 &&
                          !same_line(w, (size_t)g.offer_at, (size_t)g.request_at))) {
            /* "...PS could anyone lend me a drill": published, and a coordinator sees
             * whether the part after the turn is a second post */
            if (classify_second_part(p->rules, w, k, &at)) {
                snprintf(why, sizeof why,
                         "perhaps a second post from '%.*s...', which says something of %s",
                         (int)(w->w[at].len > 40 ? 40 : w->w[at].len), w->w[at].s,
                         k == KIND_OFFER ? "a request" : "an offer");
                return newpost_add_noted(p, x, k, why);
            }
            return newpost_add(p, x, k, NULL);
        }
        snprintf(why, sizeof why,
                 "the words offer something ('%s') and ask for something ('%s'), not in two "
                 "clear parts: perhaps two posts in one mail",
                 g.offer_says[0] ? g.offer_says : "?", g.request_says[0] ? g.request_says : "?");
        return newpost_add(p, x, k, why);
    }
    return newpost_add(p, x, k, unsure);
}
