/* places.h — the configured streets found in what people write: any case, with or
 * without apostrophes, abbreviated (St, Rd, Ln, Ave, Cl, Gr...) or with one letter
 * wrong; and the house numbers written in front of streets, for privacy. */
#ifndef DOORSTEP_PLACES_H
#define DOORSTEP_PLACES_H

#include <stddef.h>

#include "conf.h"
#include "words.h"

struct places;

/* Compiles the streets of the config's [areas]. C must outlive the result. Returns
 * NULL on OOM. */
struct places *places_new(const conf *c);
void places_free(struct places *pl);

/* A street match: its configured name and area, and the words it covers. */
struct place_hit {
    const char *street; /* as configured */
    const char *area;   /* the area's name */
    size_t at, n;       /* words W[at .. at+n) */
};

/* Finds the configured streets named in W, left to right without overlaps, at most
 * MAX of them into HITS. Returns how many were found. */
size_t places_all(const struct places *pl, const struct words *w, struct place_hit *hits,
                  size_t max);

/* A text's words with the streets found in them (places_all, at most 32), for the
 * rules that read both: the category (streets' words do not count), where a post is,
 * and the house numbers before streets (redact_squeezed). */
#define PLACED_MAX 32
struct placed_words {
    const struct words *w;
    struct place_hit hits[PLACED_MAX];
    size_t n;
};
void places_in(const struct places *pl, const struct words *w, struct placed_words *out);
/* Whether a street found in PW ends a line, as a sender signs where they are ("... onto
 * the road. Kingsway", "Canal Street\nAmira"), rather than one named in passing ("a grey
 * cat around Park Avenue?"). */
int places_signed(const struct placed_words *pw);
/* Into W, a copy of the words of SRC without its streets (their keys emptied): "Station
 * Road" says nothing about a lift, nor a shared street that two mails are about the same
 * thing. Free W with words_free. 0, or -1 on OOM. */
int places_strip(const struct placed_words *src, struct words *w);

/* Where a post is: the "(place)" of its subject first (a street, or an area's name),
 * then a street named in TITLE, then in TEXT (the first one a sender says they are
 * on or at, else the first one). Sets *STREET (NULL when none) and returns the area's
 * name, or NULL when nothing matched. */
const char *places_find(const struct places *pl, const char *place, const char *title,
                        const char *text, const char **street);
/* The same, with the words and streets of TITLE and TEXT when the caller has them
 * (NULL: split and found here). */
const char *places_find_words(const struct places *pl, const char *place, const char *title,
                              const struct placed_words *title_w, const char *text,
                              const struct placed_words *text_w, const char **street);

/* Whether the word at W[I] is a street-type word: Street, St, Road, Rd, Lane, Close,
 * Avenue... (used to spot house numbers before streets not in the config). */
int places_is_suffix(const struct word *w);

#endif
