/* checkpoint.c — WAL checkpoints in a second thread while fetch or process writes.
 *
 * In WAL mode every page is written twice: to the log at each commit, and from the
 * log into the database at each checkpoint, which also waits for both files to reach
 * the disk (fdatasync). SQLite does this in the committing thread, every 1000 pages by
 * default, so fetch stopped receiving for a few milliseconds every 4 MB: about a third
 * of the wall time of a large first fetch. Here a thread does it instead, with its own
 * connection, while the main thread keeps parsing and storing. A PASSIVE checkpoint
 * copies only committed pages and takes no lock that the writer needs, and a kill at
 * any moment leaves the database as consistent as SQLite's own checkpoint would.
 *
 * The log starts again from its beginning only when a transaction begins with every
 * page of it copied, which a checkpoint running beside the writer never sees: so once
 * the log holds LIMIT pages, the writer copies what is left itself, between two
 * transactions (a short pause: the thread has copied and synced nearly everything),
 * and the log's file stays within LIMIT pages instead of growing with the mailbox. */
#include "checkpoint.h"

#include <pthread.h>
#include <stdlib.h>

#include "log.h"

struct checkpointer {
    sqlite3 *writer; /* the connection whose log is copied */
    sqlite3 *db;     /* the thread's own connection */
    int pages;       /* new frames that start a checkpoint in the thread */
    int limit;       /* frames at which the writer finishes the copy itself */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int wanted, stop, busy; /* under mu: asked for, to end, under way */
    int copied;             /* under mu: frames copied by the last checkpoint */
};

/* SQLite calls this in the writer's thread after each commit, with the number of
 * frames in the log, copied or not (fewer than before: the log was started again from
 * its beginning, everything in it having been copied). */
static int
on_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
    struct checkpointer *c = arg;
    int finish = 0;

    pthread_mutex_lock(&c->mu);
    if (frames < c->copied)
        c->copied = 0;
    if (frames >= c->limit)
        finish = !c->busy; /* else at a later commit: the thread is not asked again */
    else if (frames - c->copied >= c->pages) {
        c->wanted = 1;
        pthread_cond_signal(&c->cv);
    }
    pthread_mutex_unlock(&c->mu);
    /* what SQLite's automatic checkpoint does from here: a failure (a reader of an
     * older snapshot) only means the log goes on growing until a later try */
    if (finish)
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return SQLITE_OK;
}

static void *
run(void *arg)
{
    struct checkpointer *c = arg;

    for (;;) {
        pthread_mutex_lock(&c->mu);
        while (!c->wanted && !c->stop)
            pthread_cond_wait(&c->cv, &c->mu);
        int go = c->wanted && !c->stop;
        c->wanted = 0;
        c->busy = go;
        pthread_mutex_unlock(&c->mu);
        if (!go)
            return NULL;
        /* a failure is harmless: the next checkpoint, or the one at close, copies
         * the same pages */
        int frames = 0, copied = 0;
        int rc = sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, &frames,
                                           &copied);
        pthread_mutex_lock(&c->mu);
        if (rc == SQLITE_OK && copied > c->copied)
            c->copied = copied;
        c->busy = 0;
        pthread_mutex_unlock(&c->mu);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            log_debug("%s: background checkpoint: %s", sqlite3_db_filename(c->db, "main"),
                      sqlite3_errmsg(c->db));
    }
}

struct checkpointer *
checkpoint_start(sqlite3 *db, int pages, int limit)
{
    struct checkpointer *c = calloc(1, sizeof *c);
    const char *path = sqlite3_db_filename(db, "main");

    if (!c || !path || !*path)
        goto fail;
    c->writer = db;
    /* PAGES and LIMIT count 4 KB pages: a database of larger pages (new ones have 16
     * KB, db_open) is checkpointed after as many bytes */
    c->pages = pages;
    c->limit = limit;
    {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 4096) {
            int scale = sqlite3_column_int(st, 0) / 4096;
            c->pages = pages / scale > 0 ? pages / scale : 1;
            c->limit = limit / scale > c->pages ? limit / scale : c->pages;
        }
        sqlite3_finalize(st);
    }
    if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    if (pthread_mutex_init(&c->mu, NULL) != 0)
        goto fail;
    if (pthread_cond_init(&c->cv, NULL) != 0) {
        pthread_mutex_destroy(&c->mu);
        goto fail;
    }
    if (pthread_create(&c->thread, NULL, run, c) != 0) {
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        goto fail;
    }
    sqlite3_wal_hook(db, on_commit, c); /* replaces the automatic checkpoints */
    return c;
fail:
    log_debug("%s: no background checkpoints; SQLite's own instead", path ? path : "?");
    if (c)
        sqlite3_close(c->db);
    free(c);
    return NULL;
}

void
checkpoint_now(struct checkpointer *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->wanted = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

void
checkpoint_stop(struct checkpointer *c)
{
    if (!c)
        return;
    sqlite3_wal_autocheckpoint(c->writer, 1000); /* SQLite's default, and its hook */
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    sqlite3_close(c->db);
    free(c);
}
