/* classify.h — the rules that read a message: what kind of post it is (from its
 * subject's prefix, else from its words), whether it closes a post, its category,
 * and its new words without quotes and signatures. */
#ifndef DOORSTEP_CLASSIFY_H
#define DOORSTEP_CLASSIFY_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "conf.h"
#include "day.h" /* CODE_SIZE */
#include "places.h"

enum post_kind { KIND_NONE, KIND_OFFER, KIND_REQUEST, KIND_CLOSING, KIND_ROTA };

#define MAX_REFS 8

struct subject_info {
    enum post_kind kind;
    char title[512];    /* the subject without prefix and trailing "(place)" */
    char place[128];    /* the text of a trailing "(place)", or "" */
    char ref[CODE_SIZE];       /* KIND_CLOSING: the first reference code named, like "R-0042" */
    const char *status; /* KIND_CLOSING: the post status it leads to: done, taken, withdrawn */
    int reply;          /* the subject starts with Re: (AW:, SV:) */
    int forward;        /* ... or with Fwd: (Fw:, WG:, TR:) only: a forwarded post */
    int rota_cancel;    /* KIND_ROTA: "ROTA CANCEL ..." or "ROTA: cancel ..." */
};

/* Reads the subject's prefix: OFFER (also FREE, AVAILABLE), REQUEST (also NEED,
 * WANTED, HELP NEEDED, HELP), the closing words (DONE, TAKEN, RECEIVED, FILLED,
 * SORTED, GONE, NO LONGER NEEDED, CANCEL, WITHDRAWN) and ROTA, in any case, followed
 * by ":" or " -", or inside [...]. Never fails: no prefix gives KIND_NONE with the
 * whole subject as title. */
void classify_subject(const char *subject, struct subject_info *out);

/* Finds the reference codes (R-0042, o-17, "R 42" is not one) in S, normalised to
 * "R-0042", at most MAX into OUT. Returns how many. */
size_t classify_refs(const char *s, char out[][CODE_SIZE], size_t max);

/* Why a subject shows an automatic message ("out of office", "Automatic reply",
 * "Undeliverable: ..."), or NULL. */
const char *classify_auto_subject(const char *subject);

/* Whether a subject is chatter rather than a post ("Thank you!", "Newsletter"...). */
int classify_chatter_subject(const char *subject);

/* The rules compiled from the config once per run: phrase lists (built in, plus
 * [process] offer_phrases and request_phrases), categories and streets. C must outlive
 * them. Returns NULL on OOM. */
struct rules;
struct rules *classify_rules_new(const conf *c);
void classify_rules_free(struct rules *r);
const struct places *classify_rules_places(const struct rules *r);

/* What the words of a message without a prefix say it is. */
struct kind_guess {
    enum post_kind kind; /* KIND_OFFER, KIND_REQUEST or KIND_NONE (not a post) */
    int offer, request;  /* the scores of each */
    int sure;            /* 0: the rules disagree or the evidence is thin; triage it */
    int group;           /* how many words say the mail is about the group itself */
    int contradicted;    /* the body says the other kind than the subject's word (the
                          * kind is the body's; sure when it says it clearly) */
    /* the strongest phrase of each kind as written ("Could anyone"), or "", for the
     * notes that say in words what was unclear */
    char offer_says[64], request_says[64];
    /* ...and where each starts among the words of the text (not the title), or -1 */
    long offer_at, request_at;
};

/* Scores the offer and request phrases in TITLE (counted double) and TEXT (the new
 * words). A phrase right after a negation ("I don't need", "no necesito", "nie
 * potrzebuję") scores nothing. Never fails. */
void classify_kind(struct rules *r, const char *title, const char *text, struct kind_guess *g);
/* The same from the words of both, split already (words_split). */
void classify_kind_words(struct rules *r, const struct words *title, const struct words *text,
                         struct kind_guess *g);

/* Whether the new words W hold two posts, an offer and a request written one after the
 * other ("Pushchair free to anyone. Also, could someone give me a lift Thursday?"):
 * 1, with *AT the index of the first word of the second and KINDS their kinds in order;
 * 2 the same when no word turns to the second but each part says its kind clearly
 * (two posts for a coordinator to confirm); 0 for one post; -1 when both kinds are
 * said but not in two clear parts (for triage). Never fails. */
int classify_two_posts(struct rules *r, const struct words *w, size_t *at,
                       enum post_kind kinds[2]);

/* Whether the new words W of a post of kind K (KIND_OFFER or KIND_REQUEST) may hold a
 * second post that classify_two_posts did not find: a sentence that opens another
 * matter ("Also", "PS", "On another note", "Por cierto", "Przy okazji") whose part says
 * anything of the other kind. 1 with *AT its first word, else 0; for a note to the
 * coordinators, not a split. Never fails. */
int classify_second_part(struct rules *r, const struct words *w, enum post_kind k, size_t *at);

/* The kind of a post whose subject says K (KIND_OFFER or KIND_REQUEST) when its new
 * words TEXT say clearly the other ("OFFER: lift" over "I need a lift, could anyone
 * take me?"): the body outranks the subject, and WHY (WHYLEN bytes) says so for the
 * triage list. K itself when the words agree, are silent or unclear. Never fails. */
enum post_kind classify_subject_body(struct rules *r, enum post_kind k, const struct words *text,
                                     char *why, size_t whylen);

/* Writes to OUT (LEN bytes) a note that says in words what made the kind of G unclear:
 * "'could anyone' asks, 'happy to' offers (offer 3, request 2)". Never fails. */
void classify_unclear(const struct kind_guess *g, char *out, size_t len);

/* How many words that name something (stems; not "the", "thanks", "help"...) of A are
 * also in B: "Cats" and "the cats were fed" share one. Never fails. */
size_t classify_shared_words(const struct words *a, const struct words *b);

/* The status a reply's new words close a post with ("Sorted now, thank you!" gives
 * "done", "all gone" "taken", "no longer needed" "withdrawn"), or NULL when they do
 * not close it, or say it is still open ("still need help"). */
const char *classify_closing(struct rules *r, const char *text);
/* The words of a reply by a post's author in its own thread that say no closing word:
 * 1 when they say something happened or is settled ("Microwave picked up", "my son
 * came and filled the freezer", "ya me ayudó una vecina"), with no question, nothing
 * still open and no words of a new offer or request (words of the post's own kind OWN,
 * "gone to a good home" of an offer, do not count; KIND_NONE when its kind is not
 * known); else 0. Never fails. */
int classify_closing_event(struct rules *r, const struct words *text, enum post_kind own);
/* Whether such a reply may still say that its post is over, in words the lists do not
 * know: no question, nothing still open, no words of a new offer or request. 1 or 0;
 * never fails. */
int classify_closing_maybe(struct rules *r, const struct words *text, enum post_kind own);
const char *classify_closing_words(struct rules *r, const struct words *text);

/* The category whose keywords best match TITLE (counted three times) and TEXT,
 * matching whole words and phrases with simple stems ("walks" matches "walk");
 * "other" when none matches. Returns a string owned by the config, or "other". */
const char *classify_category(struct rules *r, const char *title, const char *text);
const char *classify_category_words(struct rules *r, const struct words *title,
                                    const struct words *text);
/* The same from words whose streets were found already (places_in). */
const char *classify_category_placed(struct rules *r, const struct placed_words *title,
                                     const struct placed_words *text);

/* Prints to OUT, for a message of SUBJECT and TEXT written at WHEN, the words and
 * phrases that decide its kind (with their weights), whether it holds two posts or
 * contradicts its subject, its closing words, its category's keywords, its place and
 * the date it is needed by (doorstep-process --explain). 0, or -1 on OOM. */
int classify_explain(struct rules *r, const char *subject, const char *text, time_t when,
                     FILE *out);

#endif
