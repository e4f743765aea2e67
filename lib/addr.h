/* addr.h — email addresses as people write them in the config: a bare address
 * ("help@elmpark.example.org"), or an RFC 5322 mailbox with a display name
 * ("Elm Park Neighbours <help@elmpark.example.org>"). */
#ifndef DOORSTEP_ADDR_H
#define DOORSTEP_ADDR_H

#include <stddef.h>

/* Whether S is a bare address: LOCAL@DOMAIN, no white space, control characters,
 * brackets, quotes, commas or semicolons, neither part empty, one "@", the domain
 * neither starting nor ending with a dot. */
int addr_valid(const char *s);

/* Reads S as one mailbox: a bare address, "<address>", or a display name before
 * "<address>": words and "quoted strings" (backslash escapes), UTF-8 allowed; a
 * comma, semicolon, "<", ">", "@", "[" or "]" in the name must be quoted. Returns 0
 * with *NAME (the name unquoted, words joined by one space; "" when none) and *ADDR
 * malloc'd (the caller frees both), or -1 with ERR saying what is wrong (and *NAME,
 * *ADDR NULL). */
int addr_parse_mailbox(const char *s, char **name, char **addr, char *err, size_t errlen);

#endif
