/* phrases.h — lists of phrases found in text by whole words (phrases_add,
 * phrases_scan), and the built-in lists the rules read mail with: what people write
 * when they offer or ask for help, and when they say a post is over. The config adds
 * to the first two ([process] offer_phrases, request_phrases). */
#ifndef DOORSTEP_PHRASES_H
#define DOORSTEP_PHRASES_H

#include "words.h"

/* Adds TEXT ("could anyone", "i'm happy to") with TAG and WEIGHT. Returns 0, or -1 on
 * OOM; a phrase without words is skipped. */
int phrases_add(struct phrases *ps, const char *text, int tag, int weight);

/* Adds each item of a comma-separated LIST. Returns 0 or -1 on OOM. */
int phrases_add_list(struct phrases *ps, const char *list, int tag, int weight);
void phrases_free(struct phrases *ps);

/* Finds the phrases of PS in W[FROM..TO) left to right, the longest at each word,
 * without overlaps and without crossing a sentence break; of two that overlap, the
 * first counts unless the other is longer and of as much weight ("ya se" gives way to
 * "se la llevaron" in "ya se la llevaron"; a phrase of weight 0 to none); calls FN for each match with
 * the index of its first word. Sorts PS on first use. Returns the number of matches. */
typedef void (*phrase_fn)(const struct phrase *p, size_t at, void *ud);
size_t phrases_scan(struct phrases *ps, const struct words *w, size_t from, size_t to,
                    phrase_fn fn, void *ud);

/* Whether the phrase P matches W at word AT (ignoring breaks). */
int phrase_at(const struct phrase *p, const struct words *w, size_t at);

/* Tags of the kind list. NEUTRAL phrases score nothing: they are there to hide a
 * shorter phrase that would mislead ("happy to pay" is not "happy to"). GROUP phrases
 * say a mail is about the group itself ("the digest", "who runs"): not a post unless
 * its words say one strongly. */
enum { PH_OFFER = 1, PH_REQUEST, PH_NEUTRAL, PH_GROUP };

/* Tags of the closing list. STILL says the post is not over ("still need"). EVENT
 * says that something happened or is settled ("came in the end", "picked up", "don't
 * worry about me") without saying which post: it closes a post only in the post's own
 * thread, written by its author, and not in a question; outside a thread, the
 * sender's own open post that shares words with it. NONE phrases say nothing: they
 * hide a shorter phrase that would mislead ("gone off" is not "gone"). */
enum { CL_DONE = 1, CL_TAKEN, CL_WITHDRAWN, CL_STILL, CL_EVENT, CL_NONE };

/* Add the built-in lists to PS. Return 0, or -1 on OOM. */
int phrases_builtin_kind(struct phrases *ps);
int phrases_builtin_closing(struct phrases *ps);

/* Adds the built-in lists of the language CODE ("es", "pl") to KIND and CLOSING;
 * English is always read and adds nothing here. Returns 0, 1 for a language without
 * built-in lists (the group gives its own phrases), or -1 on OOM. */
int phrases_builtin_lang(const char *code, struct phrases *kind, struct phrases *closing);

/* The built-in keywords, comma-separated, of the language CODE for the category
 * named CATEGORY ("food", "transport"...), or NULL. */
const char *phrases_builtin_category(const char *code, const char *category);

/* For a subject's first word ("Offering ...", "Wanted ..."): PH_OFFER, PH_REQUEST or
 * 0, with *WEIGHT set to how much it counts. */
int phrases_first_word(const char *raw, int *weight);

#endif
