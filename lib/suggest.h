/* suggest.h — "did you mean ...?": the nearest of a few known words to a mistyped one,
 * for commands, options, config sections and keys, and other closed lists. */
#ifndef DOORSTEP_SUGGEST_H
#define DOORSTEP_SUGGEST_H

#include <stddef.h>

/* The Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
 * substitutions and swaps of two neighbours, each 1) between A and B, ASCII case
 * aside. Words longer than 64 bytes are compared on their first 64. Cannot fail. */
size_t suggest_distance(const char *a, const char *b);

/* The one of the N CANDIDATES (NULL entries skipped) nearest to WORD, or NULL when
 * none is near enough to be a likely slip: at most 1 edit for words of up to 4
 * letters, 2 up to 8, 3 beyond; or WORD (3 letters or more) is the start of exactly
 * one candidate. Of equally near candidates the first wins. A candidate equal to WORD
 * is returned as such. */
const char *suggest_nearest(const char *word, const char *const *candidates, size_t n);

/* Writes " (did you mean PREFIX NEAREST?)" to OUT (SIZE bytes), or "" when no
 * candidate is near; PREFIX is put before the word ("--" for options, "" else).
 * Returns OUT, so that it can be given to printf directly. */
const char *suggest_hint(const char *word, const char *const *candidates, size_t n,
                         const char *prefix, char *out, size_t size);

#endif
