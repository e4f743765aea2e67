/* phrases.c — lists of phrases found in words: adding, sorting and finding them
 * (phrases_add, phrases_scan). The built-in lists are in phrases_en.c and
 * phrases_langs.c. */
#include "phrases.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"


int
phrases_add(struct phrases *ps, const char *text, int tag, int weight)
{
    struct words w = {0};
    struct phrase *p;

    if (words_split(text, &w) < 0)
        return -1;
    if (w.n == 0) {
        words_free(&w);
        return 0;
    }
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 32;
        struct phrase *np = realloc(ps->p, cap * sizeof *np);
        if (!np)
            goto oom;
        ps->p = np;
        ps->cap = cap;
    }
    p = &ps->p[ps->n];
    p->keys = malloc(w.n * sizeof *p->keys);
    p->text = strdup(text);
    if (!p->keys || !p->text) {
        free(p->keys);
        free(p->text);
        goto oom;
    }
    for (size_t i = 0; i < w.n; i++)
        memcpy(p->keys[i], w.w[i].key, WORD_KEY);
    p->n = w.n;
    p->tag = tag;
    p->weight = weight;
    p->order = ps->added++;
    p->hash[0] = (unsigned)words_hash(p->keys[0]);
    p->hash[1] = w.n > 1 ? (unsigned)words_hash(p->keys[1]) : 0;
    ps->n++;
    ps->sorted = 0;
    words_free(&w);
    return 0;
oom:
    words_free(&w);
    return -1;
}

int
phrases_add_list(struct phrases *ps, const char *list, int tag, int weight)
{
    struct buf b = {0};
    const char *p = list;

    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        b.len = 0;
        if (buf_add(&b, p, n) < 0 || phrases_add(ps, b.data, tag, weight) < 0) {
            buf_free(&b);
            return -1;
        }
        p += n + (comma ? 1 : 0);
    }
    buf_free(&b);
    return 0;
}

void
phrases_free(struct phrases *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->p[i].keys);
        free(ps->p[i].text);
    }
    free(ps->p);
    free(ps->first);
    free(ps->pairs);
    memset(ps, 0, sizeof *ps);
}

/* A bit for the first letter of KEY: a to z, a digit, or anything else. */
static unsigned
key_bit(const char *key)
{
    unsigned char c = (unsigned char)key[0];

    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : c >= '0' && c <= '9' ? 1u << 26 : 1u << 27;
}

/* Whether phrases X and Y begin with the same key, or (PAIR) the same two keys. */
static int
same_start(const struct phrase *x, const struct phrase *y, int pair)
{
    if (x->hash[0] != y->hash[0] || strcmp(x->keys[0], y->keys[0]) != 0)
        return 0;
    return !pair || (x->n > 1 && y->n > 1 && x->hash[1] == y->hash[1] &&
                     strcmp(x->keys[1], y->keys[1]) == 0);
}

/* The slot of the pair of first keys hashed H0, H1. */
static size_t
pair_hash(unsigned h0, unsigned h1)
{
    return (size_t)h0 * 31u + h1 * 0x9E3779B1u;
}

/* The hash tables of PS's first keys and first pairs of keys, PS being sorted; on OOM
 * none (PS->first NULL: the sorted list is walked instead). */
static void
index_first_keys(struct phrases *ps)
{
    size_t size = 16;

    free(ps->first);
    free(ps->pairs);
    ps->first = ps->pairs = NULL;
    while (size < 2 * ps->n)
        size *= 2;
    ps->first = calloc(size, sizeof *ps->first);
    ps->pairs = calloc(size, sizeof *ps->pairs);
    if (!ps->first || !ps->pairs) {
        free(ps->first);
        free(ps->pairs);
        ps->first = ps->pairs = NULL;
    }
    ps->mask = ps->pair_mask = size - 1;
    /* each phrase knows where its first key's group ends, where its phrases of one
     * word end (they come first), and where the phrases with its first two keys end:
     * a scan looks a word's group up once, then the pair it makes with the next word */
    for (size_t j = ps->n; j-- > 0;) {
        struct phrase *p = &ps->p[j], *q = j + 1 < ps->n ? p + 1 : NULL;
        int same = q && same_start(p, q, 0);
        p->group_end = same ? q->group_end : j + 1;
        p->pair_end = q && p->n > 1 && same_start(p, q, 1) ? q->pair_end : j + 1;
        p->next = (same ? q->next : 0) | (p->n > 1 ? key_bit(p->keys[1]) : 0);
    }
    for (size_t j = 0; j < ps->n; j++) {
        struct phrase *p = &ps->p[j];
        int same = j > 0 && same_start(p, p - 1, 0);
        if (same) { /* every phrase of a group holds the group's: the first is read */
            p->group_one = p[-1].group_one;
            p->next = p[-1].next;
        } else {
            size_t k = j;
            while (k < p->group_end && ps->p[k].n <= 1)
                k++;
            p->group_one = k;
        }
        if (!ps->first)
            continue;
        if (!same) {
            size_t h = p->hash[0] & ps->mask;
            while (ps->first[h])
                h = (h + 1) & ps->mask;
            ps->first[h] = j + 1;
        }
        if (p->n > 1 && !(j > 0 && same_start(p, p - 1, 1))) {
            size_t h = pair_hash(p->hash[0], p->hash[1]) & ps->pair_mask;
            while (ps->pairs[h])
                h = (h + 1) & ps->pair_mask;
            ps->pairs[h] = j + 1;
        }
    }
}

/* The first phrase of PS (sorted) whose first key is KEY (of HASH, words_hash's), or
 * PS->n when there is none. */
static size_t
first_with(const struct phrases *ps, const char *key, unsigned hash)
{
    size_t lo;

    if (ps->first) {
        for (size_t h = hash & ps->mask; ps->first[h]; h = (h + 1) & ps->mask) {
            const struct phrase *p = &ps->p[ps->first[h] - 1];
            if (p->hash[0] == hash && strcmp(p->keys[0], key) == 0)
                return ps->first[h] - 1;
        }
        return ps->n;
    }
    /* without the table (out of memory): a slower walk of the sorted list */
    for (lo = 0; lo < ps->n && strcmp(ps->p[lo].keys[0], key) < 0; lo++)
        ;
    return lo;
}

/* The first phrase of PS (sorted, with its tables) of more than one word whose first
 * two keys are those of words A and B, or PS->n when there is none. */
static size_t
pair_with(const struct phrases *ps, const struct word *a, const struct word *b)
{
    for (size_t h = pair_hash(a->hash, b->hash) & ps->pair_mask; ps->pairs[h];
         h = (h + 1) & ps->pair_mask) {
        const struct phrase *p = &ps->p[ps->pairs[h] - 1];
        if (p->hash[0] == a->hash && p->hash[1] == b->hash && strcmp(p->keys[0], a->key) == 0 &&
            strcmp(p->keys[1], b->key) == 0)
            return ps->pairs[h] - 1;
    }
    return ps->n;
}

/* By first word, then the phrases of one word, then by second word, then longest
 * first (so that a scan tries "could anyone use" before "could anyone"), then in the
 * order they were added. */
static int
cmp_phrase(const void *a, const void *b)
{
    const struct phrase *x = a, *y = b;
    int c = strcmp(x->keys[0], y->keys[0]);

    if (c)
        return c;
    if ((x->n > 1) != (y->n > 1))
        return x->n > 1 ? 1 : -1;
    if (x->n > 1 && (c = strcmp(x->keys[1], y->keys[1])) != 0)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order ? 1 : 0;
}

/* Whether phrase P matches W at word I (P's first two keys known to match) with no
 * sentence break inside and its end before TO. */
static int
rest_matches(const struct phrase *p, const struct words *w, size_t i, size_t to)
{
    if (i + p->n > to)
        return 0;
    for (size_t k = 2; k < p->n; k++) {
        const struct word *x = &w->w[i + k];
        if (p->keys[k][0] != x->key[0] || (x->flags & W_BREAK) || strcmp(p->keys[k], x->key) != 0)
            return 0;
    }
    return 1;
}

int
phrase_at(const struct phrase *p, const struct words *w, size_t at)
{
    if (at + p->n > w->n)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->keys[i], w->w[at + i].key) != 0)
            return 0;
    return 1;
}

/* The phrase of PS that starts at word I of W (before word TO), the longest of those
 * that start there; PS->n for none. PS is sorted. */
static size_t
match_at(struct phrases *ps, const struct words *w, size_t i, size_t to)
{
    const struct word *x = &w->w[i];
    size_t lo = first_with(ps, x->key, x->hash), end, hit = ps->n;
    int next = i + 1 < to && !(w->w[i + 1].flags & W_BREAK);

    if (lo >= ps->n)
        return ps->n;
    end = ps->first ? ps->p[lo].group_end : ps->n;
    if (ps->first) {
        const struct phrase *g = &ps->p[lo];
        /* the phrases of more than one word that begin with this word and the next
         * (most words begin some, "i", "the", but not with the next word: its first
         * letter tells most of them apart); then those of one word */
        if (next && g->group_one < end && (g->next & key_bit(w->w[i + 1].key))) {
            size_t j = pair_with(ps, x, &w->w[i + 1]);
            for (size_t pe = j < ps->n ? ps->p[j].pair_end : j; j < pe && hit == ps->n; j++)
                if (rest_matches(&ps->p[j], w, i, to))
                    hit = j;
        }
        if (hit == ps->n && lo < g->group_one)
            hit = lo;
    } else {
        /* without the tables: each phrase of the group, those of more than one word
         * first */
        for (int pass = 0; pass < 2 && hit == ps->n; pass++)
            for (size_t j = lo;
                 j < end && hit == ps->n && strcmp(ps->p[j].keys[0], x->key) == 0; j++) {
                const struct phrase *p = &ps->p[j];
                if ((p->n > 1) == pass)
                    continue;
                if (p->n == 1 || (next && strcmp(p->keys[1], w->w[i + 1].key) == 0 &&
                                  rest_matches(p, w, i, to)))
                    hit = j;
            }
    }
    return hit;
}

/* Whether a longer phrase than P, at word I, of as much weight or more, starts inside
 * it and ends after it ("ya se la llevaron" holds "ya se" and, one word later, "se la
 * llevaron": the longer is what was said; "tempt anyone with a" holds "tempt anyone"
 * and the weaker "anyone with a"). A phrase of weight 0, one that hides others, is
 * never hidden. */
static int
overlapped(struct phrases *ps, const struct words *w, size_t i, const struct phrase *p,
           size_t to)
{
    for (size_t k = i + 1; k < i + p->n && k < to; k++) {
        size_t hit = match_at(ps, w, k, to);
        const struct phrase *q = hit < ps->n ? &ps->p[hit] : NULL;
        if (q && k + q->n > i + p->n && q->n > p->n && q->weight >= p->weight &&
            p->weight > 0)
            return 1;
    }
    return 0;
}

size_t
phrases_scan(struct phrases *ps, const struct words *w, size_t from, size_t to, phrase_fn fn,
             void *ud)
{
    size_t found = 0;

    if (!ps->sorted) {
        if (ps->n > 1)
            qsort(ps->p, ps->n, sizeof *ps->p, cmp_phrase);
        index_first_keys(ps);
        ps->sorted = 1;
    }
    if (to > w->n)
        to = w->n;
    for (size_t i = from; i < to;) {
        size_t hit = match_at(ps, w, i, to);

        /* of two phrases that overlap, the first, unless the other is longer and weighs
         * as much */
        if (hit == ps->n || (ps->p[hit].n > 1 && overlapped(ps, w, i, &ps->p[hit], to))) {
            i++;
            continue;
        }
        fn(&ps->p[hit], i, ud);
        found++;
        i += ps->p[hit].n;
    }
    return found;
}

