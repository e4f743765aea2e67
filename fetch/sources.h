/* sources.h — where doorstep-fetch reads mail from: a maildir, an mbox file, IMAP. */
#ifndef DOORSTEP_SOURCES_H
#define DOORSTEP_SOURCES_H

#include <stddef.h>

#include "conf.h"
#include "store.h"

/* Each reads every message of its source into S and flushes S. Returns 0 or a
 * sysexits code with ERR set (EX_NOINPUT when the source is missing, EX_IOERR on a
 * read error, EX_CANTCREAT on a database error). Reading again stores nothing twice. */
int fetch_maildir(struct store *s, const char *path, char *err, size_t errlen);
int fetch_mbox(struct store *s, const char *path, char *err, size_t errlen);
int fetch_imap(struct store *s, const conf *c, char *err, size_t errlen);

/* For `doorstep check`: connects to [imap] as fetch would (TLS verified), logs in,
 * opens the mailbox read-only and logs out, fetching nothing. Returns 0 with DETAIL
 * ("host:port, N messages, UIDVALIDITY V"), or a sysexits code with ERR set. */
int fetch_imap_check(const conf *c, char *detail, size_t dlen, char *err, size_t errlen);

#endif
