/* outbox.h — queueing outgoing mail under a unique key, and delivering the queue. */
#ifndef DOORSTEP_OUTBOX_H
#define DOORSTEP_OUTBOX_H

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "conf.h"

struct smtp_session;

/* A run's outbox: what queueing and delivery work with, filled by the program that
 * sends (render/main.c); SMTP starts NULL. */
struct outbox {
    const conf *conf;
    sqlite3 *db;
    time_t now;
    const char *outdir;        /* the file transport's default folder is OUTDIR/sent */
    int resend;                /* queue again a key already sent */
    struct smtp_session *smtp; /* the run's SMTP session, opened at the first message
                                * delivered, closed by outbox_end */
};

/* A Message-ID for KEY ("digest:2026-11-25") that is the same every time: a resend
 * after a crash is recognisable as the same message. */
void outbox_message_id(const conf *c, const char *key, char *out, size_t outlen);

/* The name (without ".eml") the file transport gives the message of KEY: the key with
 * ':' and '/' as '-'; a key longer than OUTBOX_NAME_KEEP bytes (an announcement's copy
 * for a long address) is cut there and ends in '-' and 16 hex digits of its SHA-256,
 * so that the name stays under NAME_MAX and two long keys never share one. purge and
 * forget find the files of keys by it. OUT has OUTBOX_NAME_SIZE bytes. */
#define OUTBOX_NAME_KEEP 200
#define OUTBOX_NAME_SIZE (OUTBOX_NAME_KEEP + 18)
void outbox_file_name(const char *key, char out[OUTBOX_NAME_SIZE]);

/* Queues RAW for TO under KEY (KIND "digest", "coordinators", ...), replacing the text
 * of a queued or failed one; a key already sent is left alone and *ALREADY_SENT set
 * (unless OB->resend, which queues it again). Returns 0 or a sysexits code. */
int outbox_queue(struct outbox *ob, const char *kind, const char *key, const char *msgid,
                 const char *to, const char *raw, size_t len, int *already_sent, char *err,
                 size_t errlen);

/* Hands every unsent message of the outbox to the transport and marks each sent or
 * failed (attempts, last error, refused recipients). With [smtp] method = smtp, every
 * call of a run goes through one session (OB->smtp, opened at the first message): a
 * server that could not be reached, or refused the login, is not asked again in that
 * run; the messages not tried stay as they were, and a message whose login was
 * refused goes back to 'queued', its attempts not counted. Returns 0, or the first
 * failure's sysexits code (EX_TEMPFAIL: retried on the next run; EX_NOPERM: the
 * password was refused) with ERR set, saying how many messages wait; a call that
 * only found the session stopped by an earlier call (which reported it) returns 0. */
int outbox_deliver(struct outbox *ob, char *err, size_t errlen);

/* --resend: the replies and announcements that a run interrupted while sending left
 * failed ("may have arrived") are queued again, their attempts reset; a sent one is
 * never sent again. In the caller's transaction. Returns 0 or -1 with ERR set. */
int outbox_requeue_failed(struct outbox *ob, char *err, size_t errlen);

/* Ends the run's transport session (QUIT), if one was opened. */
void outbox_end(struct outbox *ob);

#endif
