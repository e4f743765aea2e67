/* store.h — putting fetched messages into table messages: exactly the bytes received,
 * deduplicated by SHA-256, in batches of one transaction each. */
#ifndef DOORSTEP_STORE_H
#define DOORSTEP_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

struct checkpointer;

struct store {
    sqlite3 *db;
    sqlite3_stmt *insert, *insert_raw;
    const char *source; /* "maildir:/path", "mbox:/path", "imap:user@host/INBOX" */
    size_t max_size;    /* [fetch] max_size */
    long batch;         /* messages per transaction (0: only store_flush commits) */
    long pending;       /* messages in the open transaction */
    long stored, duplicates, oversize;
    struct checkpointer *ckpt; /* WAL checkpoints in a thread of their own, or NULL */
};

/* Prepares S on DB for SOURCE, and sets DB up for a stream of inserts (statement
 * journals in memory, WAL checkpoints in a second thread) until store_close. Returns 0
 * or -1 with ERR set. */
int store_open(struct store *s, sqlite3 *db, const char *source, size_t max_size, long batch,
               char *err, size_t errlen);

/* Adds one message (RAW, LEN bytes, kept exactly). UIDVALIDITY and UID are 0 for
 * sources without them. Opens a transaction when none is open and commits every
 * S->batch messages. Returns 1 when stored, 0 when the same bytes were already there,
 * -1 with ERR set on a database error (the open batch is rolled back). */
int store_add(struct store *s, const char *raw, size_t len, time_t internal_date,
              long uidvalidity, long uid, char *err, size_t errlen);

/* Records a message too large to keep ([fetch] max_size): a quarantined row holding
 * only its header block HEADERS (HLEN bytes; may be NULL) and the reason, keyed by the
 * headers (or by WHERE, the source's name for it, when there are none) so that it is
 * recorded once. The message stays at its source. Returns as store_add. */
int store_add_oversize(struct store *s, const char *where, const char *headers, size_t hlen,
                       size_t len, time_t internal_date, long uidvalidity, long uid, char *err,
                       size_t errlen);

/* Records, in the open batch, that the mailbox SOURCE has UIDVALIDITY and that every
 * UID up to LAST_UID is stored: committed together with the batch's messages. Returns
 * 0 or -1 with ERR set. */
int store_set_mailbox(struct store *s, long uidvalidity, long last_uid, char *err, size_t errlen);

/* Reads the recorded UIDVALIDITY and last UID of the source (0 and 0 when none). */
int store_get_mailbox(struct store *s, long *uidvalidity, long *last_uid, char *err,
                      size_t errlen);

/* Commits the open batch, if any. Returns 0 or -1 with ERR set. */
int store_flush(struct store *s, char *err, size_t errlen);

/* Rolls back an open batch, frees the statements and gives DB back its automatic
 * checkpoints. */
void store_close(struct store *s);

#endif
