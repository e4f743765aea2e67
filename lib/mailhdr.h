/* mailhdr.h — reading the header fields of raw message bytes without a full parse:
 * fetch needs a message's Message-ID, process every field of every MIME entity. */
#ifndef DOORSTEP_MAILHDR_H
#define DOORSTEP_MAILHDR_H

#include <stddef.h>

#include "buf.h"

/* The field scanner. A header block is a run of "Name: value" lines and their
 * continuation lines; it ends at an empty line (the body starts after it) or at a
 * line that is neither (the body starts with that line: broken mail is read, not
 * refused). A continuation line with no field before it is skipped. */
struct mailhdr {
    const char *raw;
    size_t len, pos;
    size_t body;       /* once mailhdr_next returned 0: where the body starts */
    size_t fields;     /* fields read so far */
    size_t longest;    /* the longest field value seen, in bytes (before any cut) */
    char name[80];     /* the current field's name (longer names are cut) */
    size_t vstart;     /* the current field's value in RAW: after the colon ... */
    size_t vend;       /* ... to the end of its last line */
    int unfolded;      /* whether VALUE holds it yet */
    struct buf value;  /* see mailhdr_value */
};

void mailhdr_init(struct mailhdr *h, const char *raw, size_t len);
/* 1 with the next field's name in NAME; 0 at the end of the header block. */
int mailhdr_next(struct mailhdr *h);
/* The current field's value, unfolded, tabs as spaces, trimmed (in VALUE: VALUE.len is
 * its length); NULL when it cannot be stored (out of memory). Values over
 * MAILHDR_VALUE_MAX bytes are cut there (LONGEST says how long they were). Unfolded
 * on the first call for the field only: the fields nobody asks for cost no copy. */
#define MAILHDR_VALUE_MAX (256 * 1024)
const char *mailhdr_value(struct mailhdr *h);
void mailhdr_done(struct mailhdr *h);

/* Returns the unfolded value of the first header field NAME (case-insensitive) in the
 * header block of RAW (LEN bytes), as a malloc'd string; NULL when absent or on OOM.
 * Bytes are returned as they are (no RFC 2047 decoding). */
char *mailhdr_get(const char *raw, size_t len, const char *name);

/* RFC 2047 words of S decoded to UTF-8 on one line (controls as spaces, squeezed);
 * malloc'd, "" for NULL, NULL when out of memory. Undeclared 8-bit bytes are read as
 * UTF-8 and repaired (text_to_utf8). */
char *mailhdr_decode_words(const char *s);

/* A From value V as a person reads it: "Maria Lopez <maria@example.org>" (the name
 * decoded, the address lower-cased) or "<maria@example.org>", as `doorstep triage list`
 * shows it; V decoded (mailhdr_decode_words) when it names no address. malloc'd; NULL
 * for NULL or out of memory. */
char *mailhdr_sender(const char *v);

/* Returns the Message-ID of RAW without its angle brackets (malloc'd), or NULL. */
char *mailhdr_message_id(const char *raw, size_t len);

#endif
