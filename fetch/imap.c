/* imap.c — fetching from an IMAP mailbox with libetpan (issue 3 fills this in). */
#include <stdio.h>
#include <sysexits.h>

#include "sources.h"

int
fetch_imap(struct store *s, const conf *c, char *err, size_t errlen)
{
    (void)s;
    snprintf(err, errlen,
             "%s: [fetch] source = imap: IMAP fetching is not in this version yet; use "
             "maildir:PATH or mbox:PATH",
             conf_file(c));
    return EX_UNAVAILABLE;
}
