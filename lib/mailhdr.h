/* mailhdr.h — reading one header field from raw message bytes, without a full parse
 * (what fetch needs to store a message: its Message-ID). */
#ifndef DOORSTEP_MAILHDR_H
#define DOORSTEP_MAILHDR_H

#include <stddef.h>

/* Returns the unfolded value of the first header field NAME (case-insensitive) in the
 * header block of RAW (LEN bytes; the block ends at the first empty line), with
 * surrounding white space removed, as a malloc'd string; NULL when absent or on OOM.
 * Bytes are returned as they are (no RFC 2047 decoding). */
char *mailhdr_get(const char *raw, size_t len, const char *name);

/* Returns the Message-ID of RAW without its angle brackets (malloc'd), or NULL. */
char *mailhdr_message_id(const char *raw, size_t len);

#endif
