/* mime.h — a raw message turned into what the rules read: decoded headers and the
 * message's text in UTF-8 (libetpan's MIME parser, libxml2 for HTML-only mail). */
#ifndef DOORSTEP_MIME_H
#define DOORSTEP_MIME_H

#include <stddef.h>
#include <time.h>

struct mime_msg {
    char *message_id;  /* without < >, or NULL */
    char *in_reply_to; /* first Message-ID of In-Reply-To, or NULL */
    char *subject;     /* decoded (RFC 2047) UTF-8, "" when absent */
    char *from_addr;   /* lower case, or NULL when the From field is missing or broken */
    char *from_name;   /* decoded display name, "" when absent */
    time_t date;       /* the Date field, 0 when missing or unreadable */
    char *text;        /* the best text part as UTF-8 ("" when none) */
    int html_only;     /* text came from text/html */
    int auto_reply;    /* Auto-Submitted, X-Autoreply, Precedence: bulk|junk|list */
    int bounce;        /* multipart/report or a MAILER-DAEMON sender */
    int attachments;   /* parts that are not text, counted */
};

/* Parses RAW (LEN bytes). Returns 0, or -1 with REASON set when the message cannot be
 * understood (then M holds nothing to free). Never reads past LEN; the MIME tree is
 * walked at most MIME_MAX_DEPTH levels deep. */
#define MIME_MAX_DEPTH 32
int mime_parse(const char *raw, size_t len, struct mime_msg *m, char *reason, size_t reasonlen);
void mime_free(struct mime_msg *m);

/* Plain text of an HTML document (LEN bytes, UTF-8 after conversion): block elements
 * become line breaks, script and style are dropped. Returns malloc'd text or NULL. */
char *mime_html_to_text(const char *html, size_t len);

#endif
