/* classify.h — the rules that read a message: what kind of post its subject says it
 * is, where (street and area), which category, and its public summary. */
#ifndef DOORSTEP_CLASSIFY_H
#define DOORSTEP_CLASSIFY_H

#include <stddef.h>

#include "conf.h"

enum post_kind { KIND_NONE, KIND_OFFER, KIND_REQUEST, KIND_CLOSING, KIND_ROTA };

struct subject_info {
    enum post_kind kind;
    char title[512];    /* the subject without prefix and trailing "(place)" */
    char place[128];    /* the text of a trailing "(place)", or "" */
    char ref[24];       /* KIND_CLOSING: the reference code named, like "R-0042", or "" */
    const char *status; /* KIND_CLOSING: the post status it leads to: done, taken, withdrawn */
    int reply;          /* the subject starts with Re: (or Fwd:) */
};

/* Reads the subject's prefix: OFFER, REQUEST (also NEED, WANTED, HELP NEEDED), the
 * closing words (DONE, TAKEN, RECEIVED, FILLED, CANCEL, WITHDRAWN) and ROTA, in any
 * case, followed by ":" or " -", or inside [...]. Never fails: no prefix gives
 * KIND_NONE with the whole subject as title. */
void classify_subject(const char *subject, struct subject_info *out);

/* Finds the street (as configured) the post is about: the "(place)" of the subject
 * first, then any configured street named in the title or TEXT. Sets *street (NULL
 * when none) and returns its area's name, or the area named by PLACE, or NULL. */
const char *classify_place(const conf *c, const char *place, const char *title,
                           const char *text, const char **street);

/* The category whose keywords best match TITLE (counted twice) and TEXT; "other" when
 * none matches. Returns a string owned by the config, or "other". */
const char *classify_category(const conf *c, const char *title, const char *text);

/* The new words of a message: TEXT up to the first quoted reply ("> ", "On ... wrote:",
 * "-----Original Message-----") or signature ("-- ", "Sent from my ..."). Returns a
 * malloc'd string, NULL on OOM. */
char *classify_new_text(const char *text);

#endif
