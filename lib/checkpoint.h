/* checkpoint.h — copying the write-ahead log into the database file in a thread of its
 * own, while fetch goes on receiving and writing messages. */
#ifndef DOORSTEP_CHECKPOINT_H
#define DOORSTEP_CHECKPOINT_H

#include <sqlite3.h>

struct checkpointer;

/* Takes over DB's checkpoints: whenever a commit leaves PAGES pages or more in the WAL
 * that no checkpoint has copied, a thread with its own connection to the same file
 * copies them into the database (PASSIVE: it never waits for, nor holds up, the writer
 * or any reader); once the WAL holds LIMIT pages, the committing thread copies the
 * rest itself so that the WAL starts over. Returns NULL when the thread or its
 * connection cannot be had; SQLite's own automatic checkpoints, in the committing
 * thread, then stay in place. */
struct checkpointer *checkpointer_start(sqlite3 *db, int pages, int limit);

/* Waits for the checkpoint under way, if any, ends the thread and gives DB back its
 * automatic checkpoints (the last one is done when DB is closed). C may be NULL. */
void checkpointer_stop(struct checkpointer *c);

#endif
