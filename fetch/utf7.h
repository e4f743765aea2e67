/* utf7.h — IMAP mailbox names: UTF-8 as written in the config, modified UTF-7 on the
 * wire (RFC 3501 5.1.3). */
#ifndef DOORSTEP_UTF7_H
#define DOORSTEP_UTF7_H

/* The modified UTF-7 form of the UTF-8 mailbox name NAME: printable ASCII but "&"
 * stays, "&" becomes "&-", every run of other characters (controls too) becomes "&",
 * their UTF-16 (astral characters as surrogate pairs) in base64 with "," for "/" and
 * no padding, then "-". Returns a malloc'd string, or NULL when NAME is not valid
 * UTF-8 (errno EILSEQ: overlong forms, surrogates, beyond U+10FFFF) or out of memory
 * (ENOMEM). */
char *utf7_encode(const char *name);

/* The UTF-8 form of the modified UTF-7 mailbox name NAME (as a server sends it in
 * LIST). Returns a malloc'd string, or NULL when NAME is not valid modified UTF-7
 * (errno EILSEQ: a byte outside printable ASCII, a shift not ended by "-", a bad
 * base64 character, leftover bits that are not zero, an unpaired surrogate, a NUL, or
 * printable ASCII encoded) or out of memory (ENOMEM). */
char *utf7_decode(const char *name);

/* True when NAME already is modified UTF-7 with at least one encoded non-ASCII
 * character ("INBOX.Gr&APwA3w-e"): a config written before UTF-8 names were
 * understood, to be sent as it is rather than encoded again. */
int utf7_is_encoded(const char *name);

#endif
