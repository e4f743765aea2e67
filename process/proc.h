/* proc.h — doorstep-process: turning stored messages into posts, closings, rota
 * sign-ups and ignored or quarantined messages, batch by batch, in the database
 * (proc_all, proc_reprocess: main.c's); and what the parts of the stage share during
 * a run: the config, the compiled rules, the database with its prepared statements,
 * and the message being read (proc.c, dispatch.c, newpost.c, msg.c, close.c, signup.c,
 * match.c, response.c). */
#ifndef DOORSTEP_PROC_H
#define DOORSTEP_PROC_H

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "addrmap.h"
#include "classify.h"
#include "conf.h"
#include "day.h" /* CODE_SIZE, DAY_SIZE */
#include "mime.h"
#include "places.h"
#include "words.h"

/* The stage's entry points (main.c). */
struct proc_stats {
    long posts, held, triage, closings, signups, ignored, quarantined, responses;
};

/* Processes every message in state 'new', in arrival order, one transaction per batch
 * of BATCH messages: each ends 'processed' (a post, a closing, a rota sign-up or a
 * note for the coordinators' triage), 'ignored' (not a post, with the reason) or
 * 'quarantined' (not understood, with the reason). A kill at any moment leaves whole
 * batches only; a rerun goes on where it stopped. Then expired posts change status and
 * matches are rebuilt. Returns 0 or a sysexits code with ERR set. */
int proc_all(const conf *c, sqlite3 *db, long batch, struct proc_stats *stats,
                     char *err, size_t errlen);

/* Rebuilds every post, closing and sign-up from the raw messages in one transaction
 * (after the config's rules changed): posts entered by hand (no message) are left
 * alone, and a message keeps its reference code when it is still the same kind.
 * Returns 0 or a sysexits code with ERR set; on error nothing has changed. */
int proc_reprocess(const conf *c, sqlite3 *db, struct proc_stats *stats, char *err,
                   size_t errlen);

/* A coordinator's answer to a triage note (doorstep triage resolve --as request|offer):
 * the message MSG_ID stored as a new post of KIND ("request" or "offer") as the mail
 * pipeline stores one (title, place, category, dates, code, the author's
 * acknowledgement), inside the caller's transaction; its code in REF. 0 or -1 with
 * ERR set. */
int proc_from_message(const conf *c, sqlite3 *db, long msg_id, const char *kind,
                      char ref[CODE_SIZE], char *err, size_t errlen);

/* What the parts share. */
enum stmt_id {
    S_NEXT,
    S_SET_STATE,
    S_MEMBER_GET,
    S_POST_BY_REF,
    S_POST_BY_MSGID,
    S_POST_BY_TITLE,
    S_TRIAGE_ADD,
    S_ATT_ADD,
    S_ROTA_ADD,
    S_ROTA_DEL,
    S_COUNTER_GET,
    S_COUNTER_PUT,
    S_OLD_REF,
    S_OUTBOX_BY_MSGID,
    S_POST_BY_ID,
    S_RESPONSE_ADD,
    S_RESPONSE_HOW,
    S_REPLY_COUNT,
    S_REPLY_ADD,
    S_COUNT
};

struct proc {
    const conf *c;
    struct rules *rules;
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    struct proc_stats *stats;
    int reprocess; /* S_OLD_REF is there: keep each message's reference code */
    char *err;
    size_t errlen;
    /* the run's first day ("YYYY-MM-DD"): a post that expires before it is stored
     * as expired (match_expired) */
    char today[DAY_SIZE];
    long expired; /* posts stored as expired this run */
    /* the reference counters of offers [0] and requests [1] while a batch runs:
     * read at the first post, written back before the batch commits */
    long ref_value[2];
    unsigned char ref_loaded[2], ref_changed[2];
    /* the member rows and the day's reply counts read so far (get_member,
     * response_reply_due), kept from batch to batch while no other connection writes
     * the database (PRAGMA data_version, read at each batch's start) */
    struct addrmap addrs;
    long long data_version; /* -1: not read yet */
};

struct member {
    long id;
    char status[16]; /* pending, member, coordinator, blocked */
};

/* The message being read. */
struct msg {
    long id;
    struct mime_msg m;
    struct subject_info si;
    struct member mb;
    time_t when;   /* when it was written (its Date, else when the server got it) */
    char *newtext; /* its new words: no quotes, no signature */
    char *owntext; /* its new words with the signature */
    /* the words of si.title and of newtext, split once for every rule that reads
     * them (msg_title_words, msg_new_words) */
    struct words title_w, new_w;
    int title_split, new_split;
    /* the same words with the streets found in them (msg_title_placed, msg_new_placed) */
    struct placed_words title_p, new_p;
    int title_placed, new_placed;
};

/* The words of X's title and of its new text, split on first use. Out of memory, no
 * words (as each rule did when its own split failed). */
const struct words *msg_title_words(struct msg *x);
const struct words *msg_new_words(struct msg *x);
/* Those words with the streets of the config's [areas] found in them, on first use. */
const struct placed_words *msg_title_placed(struct proc *p, struct msg *x);
const struct placed_words *msg_new_placed(struct proc *p, struct msg *x);

/* msg.c: X's subject read (X->si) and its new and own words cut from its text.
 * 0, or -1 when out of memory. */
int msg_read_text(struct msg *x);

/* newpost.c: a new offer or request from message X, stored with the message's state.
 * UNSURE, when not NULL, says why the rules could not settle it: the post then waits
 * in triage. 0 or -1. */
int newpost_add(struct proc *p, struct msg *x, enum post_kind k, const char *unsure);
/* The same, published (not held in triage), with a note for the coordinators' triage
 * list saying WHY a coordinator should look at it. 0 or -1. */
int newpost_add_noted(struct proc *p, struct msg *x, enum post_kind k, const char *why);
/* newpost.c: the same, or two posts when X's new words hold an offer and a request one
 * after the other (classify_two_posts), or the one post in triage when they hold both
 * but not in two clear parts. 0 or -1. */
int newpost_add_words(struct proc *p, struct msg *x, enum post_kind k, const char *unsure);
/* newpost.c: writes back the reference counters the batch moved (before it commits;
 * they are read again in the next batch, or after a rollback). 0 or -1. */
int newpost_refs_flush(struct proc *p);

/* A post as the closing rules see it. */
struct post_ref {
    long id;
    char ref[CODE_SIZE];
    char status[16];
    char kind[16];
    char author[256]; /* the member's address, "" when entered by hand */
    char author_status[16]; /* the member's status (pending, blocked...), "" when none */
};

/* The statement ID, reset and with no bindings. */
sqlite3_stmt *proc_stmt(struct proc *p, enum stmt_id id);

/* Fills P->err with the database's message; returns -1. */
int proc_sql_fail(struct proc *p);

/* Sets the message's state ("processed", "ignored", "quarantined") and its reason
 * (copied; NULL for none), counting it in the stats. 0 or -1. */
int proc_set_state(struct proc *p, long msg_id, const char *state, const char *reason);

/* Adds a note for the coordinators' triage list about message MSG_ID and post POST_ID
 * (0 for none). 0 or -1. */
int proc_triage(struct proc *p, long msg_id, long post_id, const char *reason);

/* Reads the row of S_POST_BY_* just stepped into OUT. */
void proc_read_post(sqlite3_stmt *s, struct post_ref *out);

/* dispatch.c: what message X (read, from a member who is not blocked) is, done: a
 * subscription command, a request for the privacy notice, a response to a post, a
 * closing, a rota sign-up, a new post, or ignored with the reason. Each ends the
 * message with a state. 0 or -1. */
int dispatch(struct proc *p, struct msg *x);

/* close.c: a closing by reference code (a "DONE R-0042" subject, or a code with
 * closing words in the text) with STATUS; a reply in a post's thread. Each ends the
 * message with a state. 0 or -1. */
int close_refs(struct proc *p, struct msg *x, char refs[][CODE_SIZE], size_t nrefs, const char *status);
int close_thread(struct proc *p, struct msg *x, const struct post_ref *post);
/* The same for a mail of its author naming POST by its code, outside its thread. */
int close_own_code(struct proc *p, struct msg *x, const struct post_ref *post);

/* close.c: the post a reply belongs to: through In-Reply-To and References, else by
 * the sender and the title of a "Re: OFFER: ..." subject. 1 found, 0 not, -1 error. */
int close_find_thread(struct proc *p, struct msg *x, struct post_ref *out);

/* close.c: the sender's own open post that a message outside any thread closes
 * ("Cats" / "the cats were fed, thank you"): the one whose title and summary share the
 * most words with the message's subject and new words (at least MIN_SHARED), none
 * when two share as many. 1 found, 0 not, -1 error. */
int close_find_own(struct proc *p, struct msg *x, struct post_ref *out, size_t min_shared);
/* response.c: a response to posts (a mail naming a post's code, a reply in a post's
 * thread by someone other than its author, a reply to the digest): stored, relayed or
 * listed for the coordinators, the responder's confirmation due; also RENEW. Returns
 * 1 when it ended the message with a state, 0 when the message is none of these (the
 * caller reads it on), -1 on error. */
int response_dispatch(struct proc *p, struct msg *x);

/* response.c: whether M is a message doorstep itself sent (its Message-ID is in the
 * outbox): never answered, never read as a post. */
int response_sent_by_us(struct proc *p, const struct mime_msg *m);

/* response.c: whether message X is a reply to the group's digest (In-Reply-To or
 * References name a digest doorstep sent, or "Re: " and a digest's subject). */
int response_to_digest(struct proc *p, struct msg *x);

/* response.c: records that the automatic message KIND is due to TO under the outbox
 * key KEY (stable: the same on every run, so never two), about POST, RESPONSE and
 * MSG (0 for none). Nothing during --reprocess, nothing to the group's own address;
 * beyond [replies] per_address_per_day today it is recorded as suppressed. Returns 0
 * (due, or already recorded), 1 (suppressed or not sent) or -1 on error. */
int response_reply_due(struct proc *p, const char *kind, const char *key, const char *to, long post,
              long response, long msg);

/* response.c: the day-before-expiry reminders of open requests whose authors have an
 * address ([replies] expiring). 0 or -1. */
int response_reply_expiring(struct proc *p);

/* signup.c: a rota sign-up or cancellation ("ROTA: food bank Thursday"). 0 or -1. */
int signup_rota(struct proc *p, struct msg *x);

/* signup.c: whether the words of a message without a prefix sign up for a rota task
 * ("put me down for the food bank on Thursday"). */
int signup_looks_like(struct proc *p, const struct msg *x);

/* match.c: whether a post of STATUS that expires on EXPIRES ("YYYY-MM-DD") has
 * expired by TODAY: what match_expire does to stored posts, for a new one. */
int match_expired(const char *status, const char *expires, const char *today);

/* match.c: posts past their expires_at become 'expired' (and the triage notes of
 * closed posts settle: posts_triage_settle); then the matches of every
 * open request are rebuilt. 0 or -1. */
int match_expire(struct proc *p);
int match_rebuild(struct proc *p);

#endif
