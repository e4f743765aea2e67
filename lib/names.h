/* names.h — how people are named in public (the digest, the rota, the rounds): first
 * name and the initial of the last, from a display name that looks like a person's;
 * never an address, a number or a handle. */
#ifndef DOORSTEP_NAMES_H
#define DOORSTEP_NAMES_H

#include <stddef.h>

/* Writes into OUT (OUTLEN bytes) the public form of the display name DISPLAY: "Maria
 * L." for "Maria Lopez", "Lopez, Maria", "MARIA LOPEZ", "maria lopez", "Mrs Maria
 * Lopez", "\"Maria Lopez (Elm Park)\""; "Maria" for "Maria". Returns 1, or 0 (OUT
 * empty) when DISPLAY is not a name: NULL or empty, an address, anything with a digit
 * (a phone number, "user123"), one word in capitals ("DARKSTAR") or in lower case
 * ("mlopez"), a word with dots or underscores ("m.lopez"), more than five words,
 * characters that are not letters. The caller says "a volunteer" or "a neighbour"
 * then, in the templates' words. */
int names_public(const char *display, char *out, size_t outlen);

#endif
