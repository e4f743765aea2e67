/* words.c — splitting text into normalised words, and finding phrases among them. */
#include "words.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* What the bytes at S are: a letter or digit of a word, an apostrophe, a sentence
 * break, or a separator. *LEN is set to the number of bytes of that character. */
enum cclass { C_WORD, C_APOS, C_BREAK, C_SEP, C_NEWLINE };

/* The classes of the ASCII bytes, and their lower case: words_split looks at every
 * byte of every message through these. */
static unsigned char ascii_class[128], ascii_lower[128];

static void
ascii_tables(void)
{
    static int ready;

    if (ready)
        return;
    for (int c = 0; c < 128; c++) {
        ascii_class[c] = (unsigned char)(isalnum(c)                         ? C_WORD
                                         : c == '\''                        ? C_APOS
                                         : c == '\n'                        ? C_NEWLINE
                                         : c && strchr(".!?;:()[]{}<>|", c) ? C_BREAK
                                                                            : C_SEP);
        ascii_lower[c] = (unsigned char)tolower(c);
    }
    ready = 1;
}

static enum cclass
char_class(const unsigned char *s, size_t *len)
{
    *len = 1;
    if (*s < 0x80)
        return (enum cclass)ascii_class[*s];
    if (s[0] == 0xE2 && s[1] == 0x80 && s[2]) {
        *len = 3;
        if (s[2] == 0x98 || s[2] == 0x99) /* ‘ ’ */
            return C_APOS;
        if (s[2] == 0xA6) /* … */
            return C_BREAK;
        return C_SEP; /* dashes, quotes, bullets, special spaces */
    }
    if (s[0] == 0xC2 && s[1]) { /* NBSP, £, «, » and the other Latin-1 signs */
        *len = 2;
        return C_SEP;
    }
    if (s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xBD) { /* U+FFFD */
        *len = 3;
        return C_SEP;
    }
    if (s[0] >= 0xC0) { /* the first byte of another letter: keep it whole */
        size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
        for (*len = 1; *len < n && (s[*len] & 0xC0) == 0x80; (*len)++)
            ;
        return C_WORD;
    }
    return C_WORD; /* a stray continuation byte */
}

static int
is_vowel(char c)
{
    return c && strchr("aeiouy", c) != NULL;
}

/* The stem of W, N bytes long: the endings compared by hand, since this runs on every
 * word of every message. */
static void
stem_n(char *w, size_t n)
{
    if (n <= 3 || !isalpha((unsigned char)w[n - 1]))
        return;
    if (n > 4 && w[n - 3] == 'i' && w[n - 2] == 'e' && w[n - 1] == 's') {
        w[n - 3] = 'y';
        w[n - 2] = '\0';
        n -= 2;
    } else if (n >= 4 && w[n - 4] == 's' && w[n - 3] == 's' && w[n - 2] == 'e' && w[n - 1] == 's') {
        w[n -= 2] = '\0';
    } else if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
               w[n - 2] != '\'') {
        w[--n] = '\0';
    }
    if (n > 5 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'g') {
        w[n -= 3] = '\0';
    } else if (n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd' && w[n - 3] != 'e') {
        w[n -= 2] = '\0';
    } else {
        goto final_e;
    }
    /* "shopp" -> "shop", "sitt" -> "sit"; "fill", "dress" and "buzz" stay */
    if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && !strchr("lsz", w[n - 1]))
        w[--n] = '\0';
final_e:
    if (n > 3 && w[n - 1] == 'e')
        w[--n] = '\0';
}

void
words_stem(char *w)
{
    stem_n(w, strlen(w));
}

static size_t key_hash(const char *key);

/* The letters of U+00C0..U+00FF and U+0100..U+017F without their accents, lower case
 * ('.' for a character kept as it is): "potrzebuję" and "potrzebuje", "podría" and
 * "podria" are one word, as people type them either way. */
static const char fold_latin1[] = "aaaaaa.ceeeeiiiidnooooo.ouuuuy.."
                                  "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
static const char fold_ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggg"
                                 "gggghhhhiiiiiiiiii..jjkkklllllll"
                                 "lllnnnnnnnnnoooooo..rrrrrrssssss"
                                 "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Folds the accented Latin letters of the key K (N bytes) to plain ones, in place;
 * returns its new length. */
static size_t
fold_key(char *k, size_t n)
{
    size_t i = 0, o = 0;

    while (i < n) {
        unsigned char c = (unsigned char)k[i], d = i + 1 < n ? (unsigned char)k[i + 1] : 0;
        char f = '.';
        if (c == 0xC3 && d >= 0x80 && d <= 0xBF)
            f = fold_latin1[d - 0x80];
        else if ((c == 0xC4 || c == 0xC5) && d >= 0x80 && d <= 0xBF)
            f = fold_ext_a[(c - 0xC4) * 64 + (d - 0x80)];
        if (f != '.') {
            k[o++] = f;
            i += 2;
        } else {
            k[o++] = k[i++];
        }
    }
    k[o] = '\0';
    return o;
}

static int
push_word(struct words *w, const char *start, size_t len, const char *raw, size_t rl,
          unsigned char flags)
{
    struct word *x;

    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        struct word *nw = realloc(w->w, cap * sizeof *nw);
        if (!nw)
            return -1;
        w->w = nw;
        w->cap = cap;
    }
    x = &w->w[w->n++];
    x->s = start;
    x->len = (unsigned)len;
    x->flags = flags;
    if (isdigit((unsigned char)*raw))
        x->flags |= W_DIGITS;
    /* called for every word of every message: copy, do not format; whole buffers
     * (RAW is WORD_KEY bytes, zeroed past its end), which the compiler copies in a
     * few moves rather than a call for each */
    memcpy(x->raw, raw, sizeof x->raw);
    memcpy(x->key, raw, sizeof x->key);
    rl = rl < sizeof x->key - 1 ? rl : sizeof x->key - 1;
    x->key[rl] = '\0';
    for (size_t i = 0; i < rl; i++)
        if ((unsigned char)x->key[i] >= 0xC3 && (unsigned char)x->key[i] <= 0xC5) {
            rl = fold_key(x->key, rl);
            break;
        }
    if (!(x->flags & W_DIGITS))
        stem_n(x->key, rl);
    x->hash = (unsigned)key_hash(x->key);
    return 0;
}

int
words_split(const char *text, struct words *w)
{
    const unsigned char *p = (const unsigned char *)text;
    int brk = 1, newlines = 0;

    ascii_tables();
    /* room for about a word in six bytes (8 to 64, doubled as needed): a title's words
     * fit in a small block that malloc keeps at hand */
    if (w->cap == 0 && *p) {
        size_t guess = strlen(text) / 6 + 1;
        guess = guess < 8 ? 8 : guess > 64 ? 64 : guess;
        if (!(w->w = malloc(guess * sizeof *w->w)))
            return -1;
        w->cap = guess;
    }
    while (*p) {
        size_t len;
        enum cclass k;

        /* between words: ASCII separators at once, the rest by char_class */
        if (*p < 0x80 && ascii_class[*p] != C_WORD) {
            k = (enum cclass)ascii_class[*p];
            len = 1;
        } else {
            k = char_class(p, &len);
        }
        if (k != C_WORD) {
            if (k == C_BREAK || (k == C_NEWLINE && ++newlines >= 2))
                brk = 1;
            else if (k != C_NEWLINE && !isspace(*p))
                newlines = 0;
            p += len;
            continue;
        }
        /* a word: letters and digits, apostrophes inside dropped */
        const unsigned char *start = p;
        char raw[WORD_KEY] = {0};
        size_t rn = 0;
        unsigned char flags = brk ? W_BREAK : 0;
        if (isupper(*p))
            flags |= W_CAP;
        for (;;) {
            if (*p < 0x80 && ascii_class[*p] == C_WORD) { /* most of a word's bytes */
                if (rn + 1 < sizeof raw)
                    raw[rn++] = (char)ascii_lower[*p];
                p++;
                continue;
            }
            k = char_class(p, &len);
            if (k == C_APOS) {
                size_t l2;
                if (p[len] && char_class(p + len, &l2) == C_WORD) {
                    p += len;
                    continue;
                }
                break;
            }
            if (k != C_WORD)
                break;
            for (size_t i = 0; i < len; i++)
                if (rn + 1 < sizeof raw)
                    raw[rn++] = (char)tolower(p[i]);
            p += len;
        }
        raw[rn] = '\0';
        /* do not leave half a UTF-8 character at the end of a cut word */
        while (rn > 0 && ((unsigned char)raw[rn - 1] & 0x80) &&
               (rn + 1 >= sizeof raw || ((unsigned char)raw[rn - 1] & 0xC0) == 0xC0))
            raw[--rn] = '\0';
        if (push_word(w, (const char *)start, (size_t)(p - start), raw, rn, flags) < 0)
            return -1;
        brk = 0;
        newlines = 0;
    }
    return 0;
}

int
word_in(const char *raw, const char *const *list)
{
    for (; *list; list++)
        if (word_is(raw, *list))
            return 1;
    return 0;
}

void
words_free(struct words *w)
{
    free(w->w);
    memset(w, 0, sizeof *w);
}

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
    memset(ps, 0, sizeof *ps);
}

static size_t
key_hash(const char *key)
{
    size_t h = 2166136261u; /* FNV-1a */

    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * 16777619u;
    return h;
}

/* A bit for the first letter of KEY: a to z, a digit, or anything else. */
static unsigned
key_bit(const char *key)
{
    unsigned char c = (unsigned char)key[0];

    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : c >= '0' && c <= '9' ? 1u << 26 : 1u << 27;
}

/* The hash table of PS's first keys, PS being sorted; on OOM none (PS->first NULL). */
static void
index_first_keys(struct phrases *ps)
{
    size_t size = 16;

    free(ps->first);
    while (size < 2 * ps->n)
        size *= 2;
    if (!(ps->first = calloc(size, sizeof *ps->first)))
        return;
    ps->mask = size - 1;
    /* each phrase knows where its first key's group ends: a scan compares the first
     * key once per word, not once per phrase */
    for (size_t j = ps->n; j-- > 0;) {
        struct phrase *p = &ps->p[j], *q = j + 1 < ps->n ? p + 1 : NULL;
        int same = q && strcmp(p->keys[0], q->keys[0]) == 0;
        p->group_end = same ? q->group_end : j + 1;
        p->group_one = p->n <= 1 ? j : same ? q->group_one : j + 1;
        p->next = (same ? q->next : 0) | (p->n > 1 ? key_bit(p->keys[1]) : 0);
    }
    /* every phrase of a group holds the group's: the first one is the one read */
    for (size_t j = 1; j < ps->n; j++)
        if (ps->p[j].group_end == ps->p[j - 1].group_end) {
            ps->p[j].group_one = ps->p[j - 1].group_one;
            ps->p[j].next = ps->p[j - 1].next;
        }
    for (size_t j = 0; j < ps->n; j++) {
        if (j > 0 && strcmp(ps->p[j].keys[0], ps->p[j - 1].keys[0]) == 0)
            continue;
        size_t h = (unsigned)key_hash(ps->p[j].keys[0]) & ps->mask;
        while (ps->first[h])
            h = (h + 1) & ps->mask;
        ps->first[h] = j + 1;
    }
}

/* The first phrase of PS (sorted) whose first key is KEY (of HASH, key_hash's), or
 * PS->n when there is none. */
static size_t
first_with(const struct phrases *ps, const char *key, unsigned hash)
{
    size_t lo;

    if (ps->first) {
        for (size_t h = hash & ps->mask; ps->first[h]; h = (h + 1) & ps->mask)
            if (strcmp(ps->p[ps->first[h] - 1].keys[0], key) == 0)
                return ps->first[h] - 1;
        return ps->n;
    }
    /* without the table (out of memory): a slower walk of the sorted list */
    for (lo = 0; lo < ps->n && strcmp(ps->p[lo].keys[0], key) < 0; lo++)
        ;
    return lo;
}

/* By first word, then longest first, so that a scan tries "could anyone use" before
 * "could anyone". */
static int
cmp_phrase(const void *a, const void *b)
{
    const struct phrase *x = a, *y = b;
    int c = strcmp(x->keys[0], y->keys[0]);

    if (c)
        return c;
    return x->n < y->n ? 1 : x->n > y->n ? -1 : 0;
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
        const char *key = w->w[i].key;
        size_t lo = first_with(ps, key, w->w[i].hash), step = 1;

        /* the table gives the group of KEY (its end known); the walk without it
         * compares each first key */
        size_t end = lo < ps->n ? (ps->first ? ps->p[lo].group_end : ps->n) : lo;
        /* most words begin phrases of several words ("i", "the") whose second word is
         * not the next one: then only the group's one-word phrases are tried */
        if (ps->first && lo < end &&
            (i + 1 >= to || (w->w[i + 1].flags & W_BREAK) ||
             !(ps->p[lo].next & key_bit(w->w[i + 1].key))))
            lo = ps->p[lo].group_one;
        for (size_t j = lo; j < end && (ps->first || strcmp(ps->p[j].keys[0], key) == 0); j++) {
            const struct phrase *p = &ps->p[j];
            size_t k = 1;
            if (i + p->n > to)
                continue;
            /* the other words, the first letters compared before strcmp, and no
             * sentence break inside */
            for (; k < p->n; k++) {
                const struct word *x = &w->w[i + k];
                if (p->keys[k][0] != x->key[0] || (x->flags & W_BREAK) ||
                    strcmp(p->keys[k], x->key) != 0)
                    break;
            }
            if (k < p->n)
                continue;
            fn(p, i, ud);
            found++;
            step = p->n;
            break;
        }
        i += step;
    }
    return found;
}
