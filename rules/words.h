/* words.h — text as a list of normalised words (lower case, apostrophes dropped,
 * simple English stems), and the lists of phrases found in it by whole words
 * (phrases.h: phrases_add, phrases_scan). */
#ifndef DOORSTEP_WORDS_H
#define DOORSTEP_WORDS_H

#include <stddef.h>
#include <string.h>

#define WORD_KEY 24

enum {
    W_BREAK = 1, /* a sentence break (. ! ? ; : a blank line, a bracket) comes before it */
    W_CAP = 2,   /* written with a capital first letter */
    W_DIGITS = 4 /* starts with a digit */
};

struct word {
    const char *s;       /* where it starts in the text that was split */
    unsigned len;        /* its length there, in bytes */
    unsigned char flags; /* W_* */
    char raw[WORD_KEY];  /* lower case, apostrophes dropped, not stemmed */
    char key[WORD_KEY];  /* raw, stemmed: "shopping" and "shops" both give "shop" */
    unsigned hash;       /* of key as words_split made it, for the phrase lists' tables
                          * (a key changed afterwards simply finds nothing) */
    unsigned raw_hash;   /* of raw, the same way, for the word sets (word_in_set) */
};

struct words {
    struct word *w;
    size_t n, cap;
};

/* Whether the text RAW of a word is S, or one of LIST (ended by NULL). The first
 * letters are compared before strcmp is called: the rules ask this of every word of
 * every message, and most differ at once. */
static inline int
word_is(const char *raw, const char *s)
{
    return raw[0] == s[0] && strcmp(raw, s) == 0;
}
int word_in(const char *raw, const char *const *list);

/* A list of words (ended by NULL) read as a set: what word_in answers, from a hash
 * table made at the first look-up, in a few instructions where word_in compares with
 * every word of the list (the rules ask several lists of every word of every message).
 * Declared static beside its list, which must not change afterwards:
 *
 *     static const char *const who[] = {"anyone", "someone", NULL};
 *     static struct word_set who_set = WORD_SET(who);
 *     ... word_in_set(&w->w[j], &who_set) ...   (word_in(w->w[j].raw, who))
 *
 * Out of memory the list is read as word_in reads it. Not for two threads at once. */
struct word_set {
    const char *const *list;
    int state;               /* 0: not made yet; 1: made; -1: could not be (out of memory) */
    unsigned long long bits; /* bit (hash % 64) of every word's hash: most words are
                              * found not to be in the set by this bit alone */
    size_t mask;             /* slots - 1 */
    const char **slot;       /* the words, NULL for an empty slot */
    unsigned *hash;          /* and their hashes (words_hash's, as unsigned) */
};
#define WORD_SET(list) {(list), 0, 0, 0, NULL, NULL}

/* Whether RAW (whose hash, words_hash's as unsigned, is HASH) is a word of SET. */
int word_set_has(struct word_set *set, const char *raw, unsigned hash);

/* word_in(W->raw, SET's list). */
static inline int
word_in_set(const struct word *w, struct word_set *set)
{
    if (set->state > 0 && !((set->bits >> (w->raw_hash & 63)) & 1))
        return 0;
    return word_set_has(set, w->raw, w->raw_hash);
}

/* word_in(RAW, SET's list), for a word that is not in a struct word. */
int raw_in_set(const char *raw, struct word_set *set);

/* Appends the words of TEXT (UTF-8) to W. Letters, digits and bytes of non-ASCII
 * characters make words; an apostrophe inside a word is dropped ("can't" is "cant");
 * hyphens separate words. W keeps pointers into TEXT. Returns 0, or -1 on OOM. */
int words_split(const char *text, struct words *w);
void words_free(struct words *w);

/* Reduces a lower-case word to its simple stem in place ("groceries" -> "grocery",
 * "walking" -> "walk", "drives" -> "driv"). Stems only need to agree with each other. */
void words_stem(char *key);

/* One phrase of a list: its words' stems, a tag and a weight chosen by the caller. */
struct phrase {
    char (*keys)[WORD_KEY];
    size_t n;
    int tag, weight;
    char *text;       /* as given */
    size_t order;     /* the how-manieth added: phrases alike are tried in that order */
    unsigned hash[2]; /* of its first two keys (words_hash's, as unsigned; 0 for none) */
    size_t group_end; /* once sorted: past the last phrase of the same first key, */
    size_t group_one; /* past its phrases of one word (they come first), */
    size_t pair_end;  /* past the last phrase of the same first two keys, */
    unsigned next;    /* and the first letters of its group's second words (key_bit) */
};

struct phrases {
    struct phrase *p;
    size_t n, cap;
    int sorted;
    size_t added;        /* phrases added so far (their order) */
    size_t *first, mask; /* once sorted: a hash table of the first keys, each slot the
                          * first phrase with it plus one (0: empty); NULL when it
                          * could not be had (the sorted list is walked instead) */
    size_t *pairs, pair_mask; /* and one of the first two keys of the phrases of more
                               * than one word, each slot the first phrase with them
                               * plus one */
};

/* The hash (FNV-1a) of a word's KEY, as words_split stores it in struct word. */
size_t words_hash(const char *key);

#endif
