/* redact_int.h — what the parts of the privacy filter share (redact.c, the reading;
 * redact_contacts.c, addresses, phones and postcodes; redact_houses.c, house
 * numbers): the spans to cut. Private to rules/redact*.c. */
#ifndef DOORSTEP_REDACT_INT_H
#define DOORSTEP_REDACT_INT_H

#include <ctype.h>
#include <stddef.h>

#include "redact.h"

/* The labels a cut puts in the text's place; compared by address. */
extern const char redact_label_email[], redact_label_phone[], redact_label_postcode[];
#define L_EMAIL redact_label_email
#define L_PHONE redact_label_phone
#define L_POSTCODE redact_label_postcode

/* A span of the text read, [start, end), to replace by LABEL ("": to drop). */
struct cut {
    size_t start, end;
    const char *label;
};

struct cuts {
    struct cut *c;
    size_t n, cap;
    int oom; /* a cut could not be added: the reading fails */
};

/* Adds the span [START, END) to CS, unless empty; sets CS->oom on OOM. */
void redact_cut_add(struct cuts *cs, size_t start, size_t end, const char *label);

/* A byte of a word: a letter or digit, or part of a non-ASCII character. */
static inline int
word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* redact_contacts.c: the cuts of T's email addresses, phone numbers and postcodes
 * (the characters' pass), and of its phone numbers and addresses written in words
 * ("seven seven zero...", "jo at example dot com"). */
void redact_contact_cuts(const char *t, struct cuts *cs);
void redact_word_cuts(const char *t, struct cuts *cs);

/* redact_houses.c: the cuts of the house and flat numbers in TEXT, with its words and
 * streets PW (NULL: found here); and whether T has a number in words a house could
 * have ("fourteen"). */
void redact_house_cuts(const struct places *pl, const char *text, const struct placed_words *pw,
                       struct cuts *cs);
int redact_has_number_word(const char *t);
/* A number in words a house could have: 1 for "one".."nineteen", 2 for "twenty"..
 * "ninety" (which may come before a 1), 0 for none. */
int redact_number_word(const char *raw);

#endif
