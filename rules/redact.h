/* redact.h — removing private details from text that will be public (titles and
 * summaries in the digest and on leaflets). */
#ifndef DOORSTEP_REDACT_H
#define DOORSTEP_REDACT_H

#include "places.h"

/* Returns a malloc'd copy of TEXT with email addresses, phone numbers and UK postcodes
 * replaced by "[email]", "[phone]", "[postcode]", and house and flat numbers removed:
 * before a configured street however it is written ("14 Oak Rd", "No. 14 Oak Raod",
 * "Flat 2, 9 Ash Grove" all leave only the street), and before any "Name Street",
 * "Name Road"... that is not configured. NULL on OOM. */
char *redact(const struct places *pl, const char *text);
/* redact of TEXT squeezed (text_squeeze: "27 Elm\nStreet" must read as one place),
 * with TEXT's words and streets PW found already: squeezing changes white space only,
 * never a word, so they serve once moved onto the squeezed copy. NULL on OOM. */
char *redact_squeezed(const struct places *pl, const char *text, const struct placed_words *pw);

/* The same for email addresses, phone numbers and postcodes only (no house numbers):
 * what redact's result is read again with, and what the fuzzers check it with. */
char *redact_contacts(const char *text);

/* The details redact would take out of TEXT, as written there: calls FN with KIND
 * ("email", "phone", "postcode", "house": a house or flat number with the street
 * words after it) and the detail's bytes (S, N: inside TEXT, not NUL-terminated) for
 * each, in no set order. PL may be NULL (then only streets named like "Name Road"
 * are seen). For `member forget`, which removes a person's own details wherever
 * others quote them. */
typedef void (*redact_found_fn)(const char *kind, const char *s, size_t n, void *ctx);
void redact_find(const struct places *pl, const char *text, redact_found_fn fn, void *ctx);

/* TEXT with the words of a caller's NAME (as a coordinator typed it: "Ethel
 * Pargeter", "o'neill, pat") replaced by "a neighbour", in any case, with a title
 * before them ("Mrs Ethel Pargeter", "Dr. Pargeter") and a possessive kept ("a
 * neighbour's daughter"); the parts of "O'Neill" and "Smith-Jones" count too. For the
 * posts entered by hand (doorstep post). Malloc'd; NULL on OOM. */
char *redact_name(const char *text, const char *name);

#endif
