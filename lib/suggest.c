/* suggest.c — the nearest known word to a mistyped one (Damerau-Levenshtein). */
#include "suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define SUGGEST_MAX 64

size_t
suggest_distance(const char *a, const char *b)
{
    /* three rows of the dynamic programme are enough for one swap back */
    size_t d[3][SUGGEST_MAX + 1];
    size_t la = strlen(a), lb = strlen(b);

    if (la > SUGGEST_MAX)
        la = SUGGEST_MAX;
    if (lb > SUGGEST_MAX)
        lb = SUGGEST_MAX;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t *row = d[i % 3], *prev = d[(i + 2) % 3], *prev2 = d[(i + 1) % 3];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t cost = ca != cb, best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            row[j] = best;
        }
    }
    return d[la % 3][lb];
}

const char *
suggest_nearest(const char *word, const char *const *candidates, size_t n)
{
    size_t len = strlen(word), limit = len <= 4 ? 1 : len <= 8 ? 2 : 3, best = limit + 1;
    const char *nearest = NULL, *start = NULL;
    int starts = 0;

    if (len == 0)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *c = candidates[i];
        size_t dist;
        if (!c || !*c)
            continue;
        if (len >= 3 && strncasecmp(c, word, len) == 0 && (!start || strcmp(start, c) != 0)) {
            starts++;
            start = c;
        }
        /* a candidate much shorter or longer cannot be within the limit */
        if ((strlen(c) > len ? strlen(c) - len : len - strlen(c)) > limit)
            continue;
        if ((dist = suggest_distance(word, c)) < best) {
            best = dist;
            nearest = c;
        }
    }
    if (!nearest && starts == 1)
        return start;
    return nearest;
}

const char *
suggest_hint(const char *word, const char *const *candidates, size_t n, const char *prefix,
             char *out, size_t size)
{
    const char *near = suggest_nearest(word, candidates, n);

    if (size == 0)
        return out;
    if (near)
        snprintf(out, size, " (did you mean %s%s?)", prefix ? prefix : "", near);
    else
        out[0] = '\0';
    return out;
}
