/* mime.h — a raw message turned into what the rules read: decoded headers, the
 * message's text in UTF-8 (libetpan's MIME parser, libxml2 for HTML-only mail), and
 * a note of each attachment. */
#ifndef DOORSTEP_MIME_H
#define DOORSTEP_MIME_H

#include <stddef.h>
#include <time.h>

#define MIME_MAX_REFS 20
#define MIME_MAX_ATTACHMENTS 50

struct mime_attachment {
    char *name; /* decoded file name (RFC 2231 or RFC 2047), "" when none */
    char *type; /* "image/png", lower case */
    size_t size; /* decoded bytes */
};

struct mime_msg {
    char *message_id;  /* without < >, or NULL */
    char *refs[MIME_MAX_REFS]; /* In-Reply-To, then References newest first, no < > */
    size_t nrefs;
    char *subject;     /* decoded (RFC 2047) UTF-8, "" when absent */
    char *from_addr;   /* lower case, from the one From field only (never Sender or
                        * Reply-To), or NULL with from_problem set */
    const char *from_problem; /* why there is no from_addr ("no From field", "an empty
                               * From field"...), or NULL */
    char *from_name;   /* decoded display name, "" when absent */
    time_t date;       /* the Date field, 0 when missing or unreadable */
    char *text;        /* the best text part as UTF-8 ("" when none) */
    int html_only;     /* text came from text/html */
    const char *automatic; /* why it is an automatic message (auto-reply, list, no-reply
                            * sender...), or NULL */
    int bounce;        /* multipart/report, message/delivery-status, MAILER-DAEMON */
    int spam;          /* X-Spam-Flag: YES */
    struct mime_attachment att[MIME_MAX_ATTACHMENTS];
    size_t natt;       /* attachments noted (at most MIME_MAX_ATTACHMENTS) */
    size_t attachments; /* attachments seen, all of them */
    int text_cut;      /* TEXT was longer than MIME_MAX_TEXT and is cut there */
};

/* Parses RAW (LEN bytes). Returns 0, or -1 with REASON set when the message cannot be
 * understood (then M holds nothing to free). Never reads past LEN; the MIME tree is
 * walked at most MIME_MAX_DEPTH levels deep. A leading mbox "From " line is skipped.
 * The limits below give a reason, never a crash or a hang: more header fields in one
 * entity than MIME_MAX_FIELDS, or a field longer than MIME_MAX_FIELD, is refused; a
 * text longer than MIME_MAX_TEXT is cut there (text_cut). */
#define MIME_MAX_DEPTH 32
#define MIME_MAX_FIELDS 1000
#define MIME_MAX_FIELD 65536
#define MIME_MAX_TEXT (256 * 1024)
#define MIME_STR(x) MIME_STR_(x)
#define MIME_STR_(x) #x
int mime_parse(const char *raw, size_t len, struct mime_msg *m, char *reason, size_t reasonlen);
void mime_free(struct mime_msg *m);

struct mime_param {
    const char *name, *value;
};

#endif
