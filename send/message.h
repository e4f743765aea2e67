/* message.h — composing outgoing mail (RFC 5322 + MIME, UTF-8 quoted-printable) and
 * handing it to the configured transport. */
#ifndef DOORSTEP_MESSAGE_H
#define DOORSTEP_MESSAGE_H

#include <stddef.h>
#include <time.h>

#include "conf.h"

struct message {
    const char *from_name, *from_addr;
    const char *to;       /* comma-separated addresses */
    const char *reply_to; /* or NULL */
    const char *subject;  /* UTF-8 */
    const char *message_id; /* without < > */
    time_t date;
    const char *body;     /* UTF-8 text, LF line ends; wrapped at 76 characters */
    const char *html;     /* an HTML alternative, or NULL */
    const char *list_id;  /* "Name <id>" for List-Id, or NULL (no List-* headers) */
    const char *list_address; /* the address for List-Post and List-Unsubscribe */
    const char *in_reply_to;  /* the Message-ID (no < >) answered, or NULL */
    int auto_replied;         /* an answer to someone's mail: Auto-Submitted: auto-replied
                               * (RFC 3834), else auto-generated */
};

/* The sender of the group's mail: the name and bare address of [smtp] from (written
 * "Name <address>" or as a bare address, then with [group] name), else [group] name
 * and address. The strings belong to C. The envelope sender (MAIL FROM, sendmail -f)
 * is the bare address. */
void message_from(const conf *c, const char **name, const char **addr);

/* Builds the message with CRLF line ends: headers (non-ASCII words RFC 2047-encoded,
 * lines folded under 78 characters), Auto-Submitted: auto-generated (or auto-replied),
 * In-Reply-To and References when answering, List-Id,
 * List-Post and List-Unsubscribe when asked, and the body as text/plain;
 * charset=UTF-8 in quoted-printable, in a multipart/alternative with the HTML when
 * there is one. No encoded line is longer than 76 characters. Returns malloc'd bytes (length in
 * *LEN) or NULL on OOM. */
char *message_compose(const struct message *m, size_t *len);

struct smtp_session;
struct file_batch;

/* Sends RAW to RECIPIENTS (comma-separated) with the [smtp] method: "file" writes it
 * atomically as NAME.eml into [smtp] dir (default DEFAULT_DIR), or with BATCH (not
 * NULL) adds it to BATCH, where it is written once file_batch_commit (file.h) says the
 * entry is done; "sendmail" pipes it to
 * [smtp] sendmail -oi -f FROM -- RECIPIENTS; "smtp" submits it to [smtp] host over the
 * run's session SMTP (a connection of its own when SMTP is NULL; see smtp.h), listing
 * refused recipients in REJECTED. Returns 0, or a sysexits code with ERR set:
 * EX_TEMPFAIL for what may work later. *MAYBE_SENT is set to 1 when it failed in a
 * way that may still have delivered the message (see smtp_send), else to 0. */
int message_send(const conf *c, struct smtp_session *smtp, struct file_batch *batch,
                 const char *name, const char *raw, size_t len, const char *recipients,
                 const char *default_dir, char *rejected, size_t rejlen, int *maybe_sent, char *err,
                 size_t errlen);

#endif
