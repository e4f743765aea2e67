/* checkpoint.h — copying the write-ahead log into the database file in a thread of its
 * own, while the program goes on writing: fetch receiving messages, process reading
 * them. */
#ifndef DOORSTEP_CHECKPOINT_H
#define DOORSTEP_CHECKPOINT_H

#include <sqlite3.h>

struct checkpointer;

/* New pages in the WAL (counted in 4 KB: a database of larger pages is checkpointed
 * after as many bytes) that start a checkpoint in the second thread: few
 * enough that the last one, when the database is closed, is short; enough that each
 * one's two fdatasync calls come seldom. The writer finishes the copy itself at 8
 * times as many, so that the WAL starts over: its file stays within 64 MB. */
#define CHECKPOINT_PAGES 2048

/* Takes over DB's checkpoints: whenever a commit leaves PAGES pages or more in the WAL
 * that no checkpoint has copied, a thread with its own connection to the same file
 * copies them into the database (PASSIVE: it never waits for, nor holds up, the writer
 * or any reader); once the WAL holds LIMIT pages, the committing thread copies the
 * rest itself so that the WAL starts over. Returns NULL when the thread or its
 * connection cannot be had; SQLite's own automatic checkpoints, in the committing
 * thread, then stay in place. */
struct checkpointer *checkpoint_start(sqlite3 *db, int pages, int limit);

/* Asks the thread for a checkpoint of what the WAL holds now, however little, when the
 * writer is about to work a while before its next commit (process's end of run: the
 * last batch's pages are then copied beside that work rather than when DB is closed,
 * where the program waits for them). C may be NULL. */
void checkpoint_now(struct checkpointer *c);

/* Waits for the checkpoint under way, if any, ends the thread and gives DB back its
 * automatic checkpoints (the last one is done when DB is closed). C may be NULL. */
void checkpoint_stop(struct checkpointer *c);

#endif
