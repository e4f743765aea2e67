/* words.c — splitting text into normalised words. */
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
 * word of every message. Returns its new length (every change shortens it). */
static size_t
stem_n(char *w, size_t n)
{
    if (n <= 3 || !isalpha((unsigned char)w[n - 1]))
        return n;
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
    return n;
}

void
words_stem(char *w)
{
    (void)stem_n(w, strlen(w));
}

static size_t key_hash(const char *key);
/* FNV-1a's: words_split hashes a word's raw text as it reads it (its low 32 bits are
 * key_hash's, whose arithmetic is wider) */
#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

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

/* Appends the word at START (LEN bytes of the text) whose lower-case text is RAW (RL
 * bytes, zeroed past them, hashed RAW_HASH; HIGH: it has a byte of a non-ASCII
 * character). */
static int
push_word(struct words *w, const char *start, size_t len, const char *raw, size_t rl,
          unsigned raw_hash, int high, unsigned char flags)
{
    size_t kl;
    int folded = 0;

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
    if (*raw >= '0' && *raw <= '9')
        x->flags |= W_DIGITS;
    /* called for every word of every message: copy, do not format; whole buffers
     * (RAW is WORD_KEY bytes, zeroed past its end), which the compiler copies in a
     * few moves rather than a call for each */
    memcpy(x->raw, raw, sizeof x->raw);
    memcpy(x->key, raw, sizeof x->key);
    rl = rl < sizeof x->key - 1 ? rl : sizeof x->key - 1;
    x->key[rl] = '\0';
    for (size_t i = 0; high && i < rl; i++)
        if ((unsigned char)x->key[i] >= 0xC3 && (unsigned char)x->key[i] <= 0xC5) {
            rl = fold_key(x->key, rl);
            folded = 1;
            break;
        }
    kl = x->flags & W_DIGITS ? rl : stem_n(x->key, rl);
    /* most words are their own key: then the hash is RAW's */
    x->hash = folded || kl != rl ? (unsigned)key_hash(x->key) : raw_hash;
    x->raw_hash = raw_hash;
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
            else if (k != C_NEWLINE && !(*p == ' ' || (*p >= '\t' && *p <= '\r')))
                newlines = 0;
            p += len;
            continue;
        }
        /* a word: letters and digits, apostrophes inside dropped */
        const unsigned char *start = p;
        char raw[WORD_KEY] = {0};
        size_t rn = 0;
        unsigned rh = FNV_BASIS; /* key_hash of raw, as it grows */
        int high = 0;
        unsigned char flags = brk ? W_BREAK : 0;
        if (*p >= 'A' && *p <= 'Z')
            flags |= W_CAP;
        for (;;) {
            if (*p < 0x80 && ascii_class[*p] == C_WORD) { /* most of a word's bytes */
                if (rn + 1 < sizeof raw) {
                    raw[rn++] = (char)ascii_lower[*p];
                    rh = (rh ^ ascii_lower[*p]) * FNV_PRIME;
                }
                p++;
                continue;
            }
            k = char_class(p, &len);
            high |= *p >= 0x80;
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
                if (rn + 1 < sizeof raw) {
                    raw[rn++] = (char)tolower(p[i]);
                    rh = (rh ^ (unsigned char)raw[rn - 1]) * FNV_PRIME;
                }
            p += len;
        }
        raw[rn] = '\0';
        /* do not leave half a UTF-8 character at the end of a cut word */
        if (rn > 0 && ((unsigned char)raw[rn - 1] & 0x80) &&
            (rn + 1 >= sizeof raw || ((unsigned char)raw[rn - 1] & 0xC0) == 0xC0)) {
            while (rn > 0 && ((unsigned char)raw[rn - 1] & 0x80) &&
                   (rn + 1 >= sizeof raw || ((unsigned char)raw[rn - 1] & 0xC0) == 0xC0))
                raw[--rn] = '\0';
            rh = (unsigned)key_hash(raw);
        }
        if (push_word(w, (const char *)start, (size_t)(p - start), raw, rn, rh, high, flags) < 0)
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

/* Makes SET's table; on OOM marks it to be read as a list. */
static void
word_set_make(struct word_set *set)
{
    size_t n = 0, size = 8;

    while (set->list[n])
        n++;
    while (size < 2 * n)
        size *= 2;
    set->slot = calloc(size, sizeof *set->slot);
    set->hash = calloc(size, sizeof *set->hash);
    if (!set->slot || !set->hash) {
        free(set->slot);
        free(set->hash);
        set->slot = NULL;
        set->hash = NULL;
        set->state = -1;
        return;
    }
    set->mask = size - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned h = (unsigned)key_hash(set->list[i]);
        size_t at = h & set->mask;
        while (set->slot[at] && strcmp(set->slot[at], set->list[i]) != 0)
            at = (at + 1) & set->mask;
        set->slot[at] = set->list[i];
        set->hash[at] = h;
        set->bits |= 1ULL << (h & 63);
    }
    set->state = 1;
}

int
word_set_has(struct word_set *set, const char *raw, unsigned hash)
{
    if (set->state <= 0) {
        if (set->state == 0)
            word_set_make(set);
        if (set->state < 0)
            return word_in(raw, set->list);
    }
    if (!((set->bits >> (hash & 63)) & 1))
        return 0;
    for (size_t at = hash & set->mask; set->slot[at]; at = (at + 1) & set->mask)
        if (set->hash[at] == hash && strcmp(set->slot[at], raw) == 0)
            return 1;
    return 0;
}

int
raw_in_set(const char *raw, struct word_set *set)
{
    return word_set_has(set, raw, (unsigned)key_hash(raw));
}

void
words_free(struct words *w)
{
    free(w->w);
    memset(w, 0, sizeof *w);
}

static size_t
key_hash(const char *key)
{
    size_t h = FNV_BASIS; /* FNV-1a */

    for (; *key; key++)
        h = (h ^ (unsigned char)*key) * FNV_PRIME;
    return h;
}

size_t
words_hash(const char *key)
{
    return key_hash(key);
}
