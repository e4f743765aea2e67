/* post.h — turning stored messages into posts, closings and ignored or quarantined
 * messages, batch by batch, in the database. */
#ifndef DOORSTEP_POST_H
#define DOORSTEP_POST_H

#include <sqlite3.h>
#include <stddef.h>

#include "conf.h"

struct post_stats {
    long posts, held, closings, ignored, quarantined;
};

/* Processes every message in state 'new', in arrival order, one transaction per batch
 * of BATCH messages: each ends 'processed' (a post or a closing), 'ignored' (not a
 * post, with the reason) or 'quarantined' (not understood, with the reason). A kill at
 * any moment leaves whole batches only; a rerun goes on where it stopped. Returns 0 or
 * a sysexits code with ERR set. */
int post_process_all(const conf *c, sqlite3 *db, long batch, struct post_stats *stats,
                     char *err, size_t errlen);

#endif
