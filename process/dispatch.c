/* dispatch.c — one message read for what it is: a subscription command, a request for
 * the privacy notice, a response, a closing, a rota sign-up, a new post by its subject
 * word, or by its words when it has none (by_words); every path ends it with a state. */
#include <stdio.h>
#include <string.h>

#include "classify.h"
#include "db.h"
#include "members.h"
#include "privacy.h"
#include "proc.h"
#include "text.h"

/* A reply to the group's digest: its subject names the group or the digest. */
static int
digest_reply(const struct proc *p, const struct msg *x)
{
    const char *name = conf_str(p->c, "group", "name");
    return (*name && text_casestr(x->m.subject, name)) || text_find_word(x->m.subject, "digest");
}

/* A message whose words say neither an offer nor a request (G): ignored, unless it is
 * a new mail by a person that may still be a post or a closing in words the rules do
 * not know, which a coordinator reads rather than it being dropped in silence: one
 * that shares words with the sender's own open post (is it over?, even in news or
 * thanks to the group), or one not about the group signed with a street of the group
 * ("car's in the garage till thursday and the school run is 8.15 ... hill st"), kept
 * as a request in triage. */
static int
no_kind_words(struct proc *p, struct msg *x, const struct kind_guess *g)
{
    char why[300];
    struct post_ref own;
    int found;

    if (x->si.reply)
        return proc_set_state(p, x->id, "ignored", "a reply in a thread (not about a post)");
    /* (news or thanks to the group by the author of an open post it shares words with,
     * "Lift for my wife: good news, a neighbour drives her now, thank you all", may
     * close it too) */
    if ((found = close_find_own(p, x, &own, 2)) < 0)
        return -1;
    if (found) {
        snprintf(why, sizeof why,
                 "a mail by the author of %s about the same things, in words the rules do not "
                 "know: is %s over? '%.80s'",
                 own.ref, own.ref, x->newtext);
        if (proc_triage(p, x->id, own.id, why) < 0)
            return -1;
        return proc_set_state(p, x->id, "processed", "triage: a mail that may close a post");
    }
    if (g->group || classify_chatter_subject(x->m.subject) || !places_signed(msg_new_placed(p, x)))
        return proc_set_state(p, x->id, "ignored",
                              "no OFFER or REQUEST in the subject, and no words of an offer "
                              "or a request");
    snprintf(why, sizeof why,
             "no words of an offer or a request, but signed with a street of the group: a "
             "need in words the rules do not know? (read as a request)");
    return newpost_add(p, x, KIND_REQUEST, why);
}

/* A message without a prefix, or a reply outside any post's thread: its words decide. */
static int
by_words(struct proc *p, struct msg *x)
{
    struct kind_guess g;
    char why[200], refs[MAX_REFS][CODE_SIZE];
    size_t nrefs;
    const char *status = NULL;

    /* "R-0004 is sorted, thanks": a reference code and closing words (in the words of
     * a notice or a newsletter, codes are examples) */
    nrefs = classify_refs(x->si.title, refs, MAX_REFS);
    if (nrefs == 0 && !x->si.reply && !classify_chatter_subject(x->m.subject))
        nrefs = classify_refs(x->newtext, refs, MAX_REFS);
    if (nrefs > 0 && !(status = classify_closing_words(p->rules, msg_title_words(x))))
        status = classify_closing_words(p->rules, msg_new_words(x));
    if (nrefs > 0 && status)
        return close_refs(p, x, refs, nrefs, status);
    if (nrefs > 0 && classify_refs(x->si.title, refs, 1)) {
        snprintf(why, sizeof why, "a reply about %s", refs[0]);
        return proc_set_state(p, x->id, "ignored", why);
    }
    if (signup_looks_like(p, x))
        return signup_rota(p, x);
    classify_kind_words(p->rules, msg_title_words(x), msg_new_words(x), &g);
    /* "the cats were fed, thank you" in a new mail: the sender's own post it closes */
    if (!x->si.reply && (g.kind == KIND_NONE || (!g.sure && g.offer < 3 && g.request < 3)) &&
        ((status = classify_closing_words(p->rules, msg_new_words(x))) ||
         (g.kind == KIND_NONE && !g.group && !g.offer && !g.request &&
          classify_closing_event(p->rules, msg_new_words(x), KIND_NONE)))) {
        struct post_ref own;
        /* words that only say something happened need a post that shares more */
        int found = close_find_own(p, x, &own, status ? 1 : 2);
        /* "the fire service came and fitted a new alarm": it happened, as a request is
         * done and an offer taken */
        if (found > 0 && !status)
            status = strcmp(own.kind, "offer") == 0 ? "taken" : "done";
        if (found > 0 && strchr(x->newtext, '?')) { /* "how do I mark it done?" */
            snprintf(why, sizeof why, "closing words in a question, outside any thread: "
                                      "does it close %s?", own.ref);
            if (proc_triage(p, x->id, own.id, why) < 0)
                return -1;
            return proc_set_state(p, x->id, "processed", "triage: a question that may close a post");
        }
        if (found)
            return found < 0 ? -1 : close_refs(p, x, &own.ref, 1, status);
    }
    if (g.kind == KIND_NONE)
        return no_kind_words(p, x, &g);
    /* thanks, news and replies need clearer words than a new message does; a reply
     * to the digest is a new message in all but its subject */
    if ((classify_chatter_subject(x->m.subject) || (x->si.reply && !digest_reply(p, x))) &&
        !(g.sure && (g.kind == KIND_OFFER ? g.offer : g.request) >= 4))
        return proc_set_state(p, x->id, "ignored",
                              x->si.reply ? "a reply in a thread (not about a post)"
                                          : "chatter (thanks, news or a notice), not a post");
    if (!g.sure) {
        char unclear[160];
        classify_unclear(&g, unclear, sizeof unclear);
        snprintf(why, sizeof why, "no prefix, and %s", unclear);
    }
    /* a subject's word the body overrules clearly: as the body says, with a note */
    if (g.contradicted && g.sure) {
        char unclear[160];
        classify_unclear(&g, unclear, sizeof unclear);
        snprintf(why, sizeof why, "no prefix, and %s", unclear);
        return newpost_add_noted(p, x, g.kind, why);
    }
    /* two posts in one mail say something of both kinds */
    return g.offer && g.request ? newpost_add_words(p, x, g.kind, g.sure ? NULL : why)
                                : newpost_add(p, x, g.kind, g.sure ? NULL : why);
}

/* A digest subscription command in SUBJECT: 1 to receive the digest, 0 to stop it,
 * -1 when it is none. */
static int
subscription(const char *subject)
{
    static const struct {
        const char *cmd;
        int on;
    } cmds[] = {{"subscribe", 1},   {"digest on", 1},  {"unsubscribe", 0},
                {"digest off", 0},  {"stop", 0},       {"stop digest", 0}};
    char s[64];

    snprintf(s, sizeof s, "%s", subject);
    text_squeeze(s);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcasecmp(s, cmds[i].cmd) == 0)
            return cmds[i].on;
    return -1;
}

/* SUBSCRIBE / UNSUBSCRIBE / DIGEST ON|OFF from a member: their own digest, with
 * [digest] to = members. */
static int
set_subscription(struct proc *p, const struct msg *x, int on)
{
    if (members_set_digest(p->db, x->mb.id, on, p->err, p->errlen) < 0)
        return proc_sql_fail(p);
    return proc_set_state(p, x->id, "processed",
                          on ? "subscription: gets the digest" : "subscription: no digest");
}

/* Whether a privacy notice was already due to ADDR today: one a day is enough. */
static int
privacy_sent_today(struct proc *p, const char *addr)
{
    sqlite3_stmt *s = db_prepare(p->db,
                                 "SELECT 1 FROM replies WHERE to_addr = ?1 AND day = ?2"
                                 " AND kind = 'privacy' AND state != 'suppressed'",
                                 p->err, p->errlen);
    int step;

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, p->today, -1, SQLITE_STATIC);
    step = sqlite3_step(s);
    sqlite3_finalize(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return proc_sql_fail(p);
    return step == SQLITE_ROW;
}

/* PRIVACY: the privacy notice by mail, an automatic reply under the rules of every
 * other (response_reply_due: the day's limit, never the group itself); automatic mail never
 * gets here (not_from_a_person), nor blocked senders. Not to a sender awaiting
 * approval, and once a day to one address. Never a post. */
static int
privacy_request(struct proc *p, const struct msg *x)
{
    char key[64];
    int r;

    if (strcmp(x->mb.status, "pending") == 0)
        return proc_set_state(p, x->id, "ignored",
                              "asked for the privacy notice: not answered, the sender awaits "
                              "a coordinator's approval");
    if (!conf_bool(p->c, "replies", "privacy"))
        return proc_set_state(p, x->id, "processed",
                              "asked for the privacy notice: not answered ([replies] privacy = no)");
    if ((r = privacy_sent_today(p, x->m.from_addr)) < 0)
        return -1;
    if (r)
        return proc_set_state(p, x->id, "processed",
                              "asked for the privacy notice: already sent to this address today");
    snprintf(key, sizeof key, "privacy:%ld", x->id);
    if ((r = response_reply_due(p, "privacy", key, x->m.from_addr, 0, 0, x->id)) < 0)
        return -1;
    return proc_set_state(p, x->id, "processed",
                          r == 0 ? "asked for the privacy notice: sent by mail"
                                 : "asked for the privacy notice: not sent (see replies)");
}

int
dispatch(struct proc *p, struct msg *x)
{
    struct post_ref thread;
    char refs[MAX_REFS][CODE_SIZE];
    size_t nrefs;
    int found;

    int sub = subscription(x->m.subject);
    if (sub >= 0)
        return set_subscription(p, x, sub);
    if (privacy_asked(x->m.subject))
        return privacy_request(p, x);
    /* a response to a post (its code, its thread, the digest) before anything else
     * but a closing prefix or a rota sign-up: never a new post */
    if (x->si.kind != KIND_CLOSING && x->si.kind != KIND_ROTA &&
        (found = response_dispatch(p, x)) != 0)
        return found < 0 ? -1 : 0;
    switch (x->si.kind) {
    case KIND_CLOSING:
        nrefs = classify_refs(x->si.title, refs, MAX_REFS);
        if (nrefs > 0)
            return close_refs(p, x, refs, nrefs, x->si.status);
        if ((found = close_find_thread(p, x, &thread)) < 0)
            return -1;
        if (found)
            return close_refs(p, x, &thread.ref, 1, x->si.status);
        if (proc_triage(p, x->id, 0, "a closing word without a reference code, in no post's thread") < 0)
            return -1;
        return proc_set_state(p, x->id, "processed",
                              "triage: a closing word without a reference code");
    case KIND_ROTA:
        return signup_rota(p, x);
    case KIND_OFFER:
    case KIND_REQUEST:
        if (!x->si.reply) {
            /* the body outranks a subject word it contradicts (said clearly: three
             * and twice the other), published as the body says with a note for the
             * coordinators */
            char why[200];
            enum post_kind k = classify_subject_body(p->rules, x->si.kind, msg_new_words(x),
                                                     why, sizeof why);
            return k != x->si.kind ? newpost_add_noted(p, x, k, why)
                                   : newpost_add_words(p, x, k, NULL);
        }
        break;
    default:
        break;
    }
    /* a reply: in a post's thread it may close the post; else it is read like any mail */
    if ((found = close_find_thread(p, x, &thread)) < 0)
        return -1;
    if (found)
        return close_thread(p, x, &thread);
    if (x->si.reply && x->si.kind != KIND_NONE)
        return proc_set_state(p, x->id, "ignored",
                              "a reply to an offer or request that is not in the database");
    return by_words(p, x);
}
