/* doorstep-fetch — copies new mail from the group's mailbox (IMAP, a maildir or an
 * mbox) into the database, exactly as received, each message once. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "mailbox.h"
#include "sources.h"
#include "store.h"

static const struct cli_cmd fetch_cmd = {
    .name = "doorstep-fetch",
    .synopsis = "[-c FILE] [-v|-q]",
    .about = "Copy new messages from the group's mailbox ([fetch] source) into the database.",
};

static int
fetch_source(const conf *c, sqlite3 *db, char *err, size_t errlen)
{
    const char *source = conf_str(c, "fetch", "source");
    char name[4200];
    struct store s;
    int rc;

    /* maildir: and mbox: paths come resolved from the config file's folder */
    const char *colon = strchr(source, ':');
    char *path = NULL;
    if (colon && !(path = strdup(colon + 1)))
        return EX_OSERR;
    if (strncmp(source, "maildir:", 8) == 0 || strncmp(source, "mbox:", 5) == 0)
        snprintf(name, sizeof name, "%.*s:%s", (int)(colon - source), source, path);
    else
        snprintf(name, sizeof name, "imap:%s@%s/%s", conf_str(c, "imap", "user"),
                 conf_str(c, "imap", "host"), conf_str(c, "imap", "mailbox"));

    /* IMAP commits its batches itself, together with the last UID */
    long batch = strcmp(source, "imap") == 0 ? 0 : conf_int(c, "fetch", "batch");
    if (store_open(&s, db, name, (size_t)conf_int(c, "fetch", "max_size"), batch, err,
                   errlen) < 0) {
        free(path);
        return EX_SOFTWARE;
    }
    if (strncmp(source, "maildir:", 8) == 0)
        rc = fetch_maildir(&s, path, err, errlen);
    else if (strncmp(source, "mbox:", 5) == 0)
        rc = fetch_mbox(&s, path, err, errlen);
    else
        rc = fetch_imap(&s, c, err, errlen);
    /* (a failure before any message says nothing of what is new: its error does) */
    if (rc == 0 || s.stored || s.duplicates || s.oversize)
        log_info("%s: %ld new, %ld already stored, %ld too large", name, s.stored,
                 s.duplicates, s.oversize);
    store_close(&s);
    free(path);
    return rc;
}

int
main(int argc, char **argv)
{
    char err[1024] = "";
    struct cli cli;
    conf *c = NULL;
    sqlite3 *db = NULL;
    int rc;

    if ((rc = cli_parse(&cli, &fetch_cmd, argc, argv)) >= 0)
        return rc;
    if ((rc = cli_open(&cli, &c, &db)) != 0)
        return rc;
    /* a server that closes the connection must give an error, not kill us */
    signal(SIGPIPE, SIG_IGN);

    rc = fetch_source(c, db, err, sizeof err);
    if (rc != 0)
        log_error("%s", err);
    /* a maildir's copies that purge or member forget queued and a kill left (IMAP's
     * are deleted inside its session) */
    if (rc == 0 && conf_bool(c, "privacy", "delete_from_mailbox") &&
        mailbox_delete_pending(c, db, 1) < 0)
        rc = EX_TEMPFAIL;
    db_close(db);
    conf_free(c);
    return rc;
}
