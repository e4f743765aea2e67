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
    size_t group_end; /* once sorted: past the last phrase of the same first key, */
    size_t group_one; /* its first phrase of one word (or group_end), */
    unsigned next;    /* and the first letters of its phrases' second words (key_bit) */
};

struct phrases {
    struct phrase *p;
    size_t n, cap;
    int sorted;
    size_t *first, mask; /* once sorted: a hash table of the first keys, each slot the
                          * first phrase with it plus one (0: empty); NULL when it
                          * could not be had (the sorted list is walked instead) */
};

/* The hash (FNV-1a) of a word's KEY, as words_split stores it in struct word. */
size_t words_hash(const char *key);

#endif
