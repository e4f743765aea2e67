/* mimehdr.h — process's private interface between the MIME walk (mime.c) and the
 * reading of header fields (mimehdr.c). */
#ifndef DOORSTEP_MIMEHDR_H
#define DOORSTEP_MIMEHDR_H

#include "mailhdr.h"
#include "mime.h"

/* What is kept from the top message's fields until they have all been read. */
struct top_fields {
    int froms;        /* From fields seen */
    char *references; /* the first References field */
};

/* Reads the top message's current field of H into M and T (its value only when its
 * name is one that is read). */
void mimehdr_field(struct mime_msg *m, struct top_fields *t, struct mailhdr *h);
/* Adds the identifiers of a References field to M's refs, the nearest first. */
void mimehdr_references(struct mime_msg *m, const char *value);
/* Bounces and robots by their sender: MAILER-DAEMON, postmaster, no-reply. */
void mimehdr_sender_flags(struct mime_msg *m);
/* A Content-Type value (V, LEN bytes) as libetpan's parser reads it, NULL when it
 * cannot. The common shape, type "/" subtype and ";" name "=" value with plain tokens
 * and simple quoted strings, is read here without it: libetpan's parser was a
 * twentieth of process's instructions (mimehdr_content_type_simple; fuzz_ctype
 * checks that both read it alike). Free with mailmime_content_free. */
struct mailmime_content *mimehdr_content_type(const char *v, size_t len);
/* The common shape only: NULL for any other (or out of memory). */
struct mailmime_content *mimehdr_content_type_simple(const char *v, size_t len);

/* A From, Sender or Reply-To value of the common shapes (m@x, <m@x>, Maria Lopez <m@x>,
 * "Lopez, Maria" <m@x>) read as libetpan's mailbox parser reads it (fuzz_fields checks):
 * 1 with *ADDR and *DISPLAY (NULL when none) malloc'd, 0 for any other shape, -1 when
 * out of memory. */
int mimehdr_mailbox_simple(const char *v, char **addr, char **display);

/* A Date value of the common shape ("Tue, 24 Nov 2026 10:00:00 +0000", the day name
 * optional, a comment after the zone) read as libetpan's date parser reads it
 * (fuzz_fields checks): 1 with D filled in (zone as written, -0530 is -530), else 0. */
struct mimehdr_date {
    int year, month, day, hour, min, sec, zone;
};
int mimehdr_date_simple(const char *v, struct mimehdr_date *d);

/* Decodes the MIME parameter NAME from NPARAMS name/value pairs, following RFC 2231
 * (name*=charset'lang'%XX..., and continuations name*0*, name*1...), else RFC 2047
 * words in a quoted value. Returns malloc'd UTF-8, or NULL when NAME is absent. */
char *mimehdr_param_decode(const struct mime_param *params, size_t nparams, const char *name);

#endif
