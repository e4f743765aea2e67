/* imap_session.h — an IMAP session of [imap] for fetch/imap.c: connected with TLS
 * verified before login, its mailbox selected, and libetpan's results turned into
 * exit codes and messages. Private to fetch/imap*.c. */
#ifndef DOORSTEP_IMAP_SESSION_H
#define DOORSTEP_IMAP_SESSION_H

#include <libetpan/libetpan.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

struct session {
    mailimap *imap;
    const conf *c;
    const char *host, *user, *mailbox; /* mailbox: as written in the config (UTF-8) */
    char *wire;                         /* and as sent: modified UTF-7 (utf7.h) */
    int port;
    char *err;
    size_t errlen;
};

/* Opens the session of [imap]: connects with TLS verified and logs in. Returns 0 or an
 * exit code; imap_session_close frees what was opened either way. */
int imap_session_open(struct session *s, const conf *c, char *err, size_t errlen);

/* Logs out when the connection is still usable after RC, and frees the session. */
void imap_session_close(struct session *s, int rc);

/* Opens [imap] mailbox: read-only with EXAMINE (doorstep check), else with SELECT,
 * even when after_fetch = keep: a server may keep no UIDs for a mailbox opened
 * read-only (Courier, mail delivered straight into the maildir, gave a new
 * UIDVALIDITY on every EXAMINE, so the whole mailbox was downloaded on every run).
 * mbsync opens with SELECT too. Nothing here changes a flag: messages are read with
 * BODY.PEEK, and only after_fetch stores \Seen. A mailbox that cannot be opened is
 * EX_NOINPUT, with the server's names when it does not exist. */
int imap_session_select(struct session *s, int readonly, uint32_t *uidvalidity, uint32_t *exists);

/* Maps a libetpan result to an exit code and a message naming host and WHAT. */
int imap_session_fail(struct session *s, int r, const char *what);

/* A mailbox name of the config as sent: modified UTF-7, unless it already is. Returns
 * a malloc'd string, or NULL when NAME is not UTF-8 (or out of memory). */
char *imap_session_wire_name(const char *name);

#endif
