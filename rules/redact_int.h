/* redact_int.h — what the rules/redact*.c files share and nothing else sees: the cuts
 * a reading collects, the labels, and the passes that find what to cut. */
#ifndef DOORSTEP_REDACT_INT_H
#define DOORSTEP_REDACT_INT_H

#include <ctype.h>
#include <stddef.h>

#include "places.h"
#include "redact.h"

/* A span of the text read, [start, end), to replace by LABEL ("": to drop). */
struct cut {
    size_t start, end;
    const char *label;
};

struct cuts {
    struct cut *c;
    size_t n, cap;
    int oom;
};

/* What a cut replaces an address, a phone number, a postcode with: "[email]",
 * "[phone]", "[postcode]". redact_find tells the kinds apart by these addresses, so
 * each is one object (redact.c). */
extern const char redact_email_label[], redact_phone_label[], redact_postcode_label[];

/* redact.c: adds the span [START, END) of the text read to CS, to be replaced by LABEL
 * ("": dropped); nothing when it is empty; CS->oom set when out of memory. */
void redact_cut_add(struct cuts *cs, size_t start, size_t end, const char *label);

/* A byte of a word: a letter, a digit or a byte of a non-ASCII character. Inline: the
 * characters' pass asks it of nearly every byte of the text. */
static inline int
redact_word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* redact_contact.c: the characters' pass, the addresses, phone numbers and postcodes of
 * T; and the words' pass, the phone numbers written in words ("seven seven zero zero
 * nine...") and the addresses written around an "at". Both add to CS. */
void redact_contact_cuts(const char *t, struct cuts *cs);
void redact_word_cuts(const char *t, struct cuts *cs);

/* redact_house.c: the house and flat numbers of TEXT (with its words and streets PW,
 * or NULL: found here) into CS. */
void redact_house_cuts(const struct places *pl, const char *text, const struct placed_words *pw,
                       struct cuts *cs);
/* redact_house.c: a number in words a house could have: 1 for "one".."nineteen", 2 for
 * "twenty".."ninety", 0 for none; whether T has one anywhere (read without splitting
 * it into words). */
int redact_number_word(const char *raw);
int redact_has_number_word(const char *t);

#endif
