/* announce.h — a coordinator's one-off message to everyone who gets the digest. */
#ifndef DOORSTEP_ANNOUNCE_H
#define DOORSTEP_ANNOUNCE_H

#include <stdio.h>

#include "render.h"

/* Checks an announcement's SUBJECT and BODY before anything is composed: both
 * valid UTF-8, the subject one line of at most 200 bytes, neither empty nor only
 * white space, no NUL in the body (LEN bytes). Returns 0, or -1 with ERR saying what
 * is wrong (in words for whoever typed it). */
int announce_check(const char *subject, const char *body, size_t len, char *err, size_t errlen);

/* Queues the announcement SUBJECT with BODY (UTF-8, checked) to the digest's
 * recipients (render_recipients): one outbox message (kind "announce") per copy, with
 * the digest's list headers, under the key announce:DATE:HASH (a member's copy
 * announce:DATE:HASH:ADDRESS; HASH: of the subject and the body), all in one
 * transaction; the outbox sends each once (outbox_deliver, by the next
 * doorstep-render or daily). A copy whose key is already in the outbox (the same
 * announcement queued again the same day) is left as it is. With PREVIEW, nothing
 * is queued: the first copy is written to PREVIEW (its header and its text) and the
 * recipients listed. *COPIES: how many recipients; *FRESH: how many copies queued
 * now. Returns 0, EX_UNAVAILABLE when nobody gets the digest, or another sysexits
 * code, with ERR set. */
int announce_queue(struct render_ctx *rc, const char *subject, const char *body, FILE *preview,
                   long *copies, long *fresh, char *err, size_t errlen);

/* --check-templates: renders announce.txt and announce-subject.txt with every name
 * their data has (render_template reports the others). 0 or a sysexits code. */
int announce_check_templates(struct render_ctx *rc, char *err, size_t errlen);

#endif
