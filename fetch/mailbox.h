/* mailbox.h — deleting from the group's mailbox the messages doorstep deleted from its
 * database ([privacy] delete_from_mailbox = yes): queued in the transaction that
 * deletes them, carried out by the next connection to the source. */
#ifndef DOORSTEP_MAILBOX_H
#define DOORSTEP_MAILBOX_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

/* Queues, inside the caller's open transaction, the source copies of the messages
 * whose ids IDS_SQL (a SELECT of message ids) lists, before the caller deletes them:
 * IMAP ones by source, UIDVALIDITY and UID, maildir ones by SHA-256 (mbox ones too,
 * only to be said to stay: an mbox is never rewritten). Returns how many, or -1 with
 * ERR set. */
long mailbox_queue(sqlite3 *db, const char *ids_sql, char *err, size_t errlen);

/* Carries out the queued deletions: a maildir's files are unlinked (found by the
 * SHA-256 of their bytes), an IMAP mailbox's through fetch_imap_delete (skipped when
 * LOCAL_ONLY: fetch does them in its own session). What cannot be deleted is said
 * (log_warn) and left. Done deletions leave the queue. Returns 0, or -1 (logged) when
 * the queue could not be read or the server not reached (the queue stays for the next
 * run). */
int mailbox_delete_pending(const conf *c, sqlite3 *db, int local_only);

/* The source name fetch records for [imap] ("imap:USER@HOST/MAILBOX"). */
void mailbox_imap_name(const conf *c, char *out, size_t outlen);

/* The queued UIDs of SOURCE: *N entries of UIDVALIDITY and UID, malloc'd in *V (NULL
 * when none). Returns 0 or -1 with ERR set. */
struct mailbox_uid {
    uint32_t uidvalidity, uid;
};
int mailbox_queued_uids(sqlite3 *db, const char *source, struct mailbox_uid **v, size_t *n,
                        char *err, size_t errlen);

/* Takes SOURCE's entries off the queue (done, or never to be done). Returns 0 or -1
 * with ERR set. */
int mailbox_unqueue(sqlite3 *db, const char *source, char *err, size_t errlen);

/* imap.c: deletes SOURCE's queued UIDs from [imap] mailbox in a session of its own
 * (see there). Returns 0 or a sysexits code with ERR set. */
int fetch_imap_delete(const conf *c, sqlite3 *db, const char *source, char *err, size_t errlen);

#endif
