/* post.h — turning stored messages into posts, closings, rota sign-ups and ignored or
 * quarantined messages, batch by batch, in the database. */
#ifndef DOORSTEP_POST_H
#define DOORSTEP_POST_H

#include <sqlite3.h>
#include <stddef.h>

#include "conf.h"

struct post_stats {
    long posts, held, triage, closings, signups, ignored, quarantined, responses;
};

/* Processes every message in state 'new', in arrival order, one transaction per batch
 * of BATCH messages: each ends 'processed' (a post, a closing, a rota sign-up or a
 * note for the coordinators' triage), 'ignored' (not a post, with the reason) or
 * 'quarantined' (not understood, with the reason). A kill at any moment leaves whole
 * batches only; a rerun goes on where it stopped. Then expired posts change status and
 * matches are rebuilt. Returns 0 or a sysexits code with ERR set. */
int post_process_all(const conf *c, sqlite3 *db, long batch, struct post_stats *stats,
                     char *err, size_t errlen);

/* Rebuilds every post, closing and sign-up from the raw messages in one transaction
 * (after the config's rules changed): posts entered by hand (no message) are left
 * alone, and a message keeps its reference code when it is still the same kind.
 * Returns 0 or a sysexits code with ERR set; on error nothing has changed. */
int post_reprocess(const conf *c, sqlite3 *db, struct post_stats *stats, char *err,
                   size_t errlen);

/* A coordinator's answer to a triage note (doorstep triage resolve --as request|offer):
 * the message MSG_ID stored as a new post of KIND ("request" or "offer") as the mail
 * pipeline stores one (title, place, category, dates, code, the author's
 * acknowledgement), inside the caller's transaction; its code in REF. 0 or -1 with
 * ERR set. */
int post_from_message(const conf *c, sqlite3 *db, long msg_id, const char *kind, char ref[24],
                      char *err, size_t errlen);

#endif
