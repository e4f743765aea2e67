/* classify_int.h — what the rules/classify*.c files share and nothing else sees: the
 * compiled rules and the scoring of the kind phrases. */
#ifndef DOORSTEP_CLASSIFY_INT_H
#define DOORSTEP_CLASSIFY_INT_H

#include "classify.h"
#include "phrases.h"
#include "words.h"

struct rules {
    const conf *c;
    struct phrases kind, closing, cats;
    struct places *places;
};

struct kind_score {
    int offer, request, factor, group;
    int first;             /* the tag of the first clear phrase */
    unsigned char *neutral; /* words where a neutral phrase starts, or NULL */
    unsigned char *asked;   /* the weight of the request phrase starting at each word
                             * of the text, or NULL */
    const struct words *w;  /* the words being scanned */
    int best[3];            /* the weight of the strongest phrase of each tag... */
    char says[3][64];       /* ...its words as written */
    long at[3];             /* ...and its first word in the text, or -1 (the title) */
};

/* Whether the phrase at word AT of W follows a negation in its sentence: "don't need",
 * "not really need", "no necesito", "nie potrzebuję". (A phrase that starts with one,
 * "no one to", is a phrase of its own.) */
int classify_negated(const struct words *w, size_t at);
/* Why phrase P at word AT of W does not count: "a negation", "if", or NULL (it counts). */
const char *classify_discounted(const struct phrase *p, const struct words *w, size_t at);
/* What the shape of the sentence W[START..END) says, without neutral phrases: 2 for
 * one that starts "Offering ..." or "Can put up shelves" (an elided "I"); minus 1, or
 * minus 2 when it is about "me" or "my", for a question to "anyone" or "someone"; else
 * 0. (For the two posts' scan; sentence_hints reads the same sentence_read with
 * neutral phrases.) */
int classify_sentence_shape(const struct words *w, size_t start, size_t end);
/* A phrases_scan callback: adds phrase P at word AT to the struct kind_score UD. */
void classify_add_kind(const struct phrase *p, size_t at, void *ud);

#endif
