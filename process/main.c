/* doorstep-process — reads every new message in the database and turns it into a post
 * (offer or request), a closing, or an ignored or quarantined message with a reason. */
#include <stdio.h>
#include <sysexits.h>

#include "cli.h"
#include "db.h"
#include "log.h"
#include "post.h"

#define PROCESS_BATCH 200

static struct cli cli = {
    .prog = "doorstep-process",
    .synopsis = "[-c FILE] [-v|-q]",
    .about = "Turn new messages in the database into offers, requests and closings.",
};

int
main(int argc, char **argv)
{
    char err[1024] = "";
    struct post_stats st;
    conf *c = NULL;
    sqlite3 *db = NULL;
    int rc;

    if ((rc = cli_parse(&cli, argc, argv, NULL, NULL, NULL)) >= 0)
        return rc;
    if (optind < argc)
        return cli_usage_error(&cli, "unexpected argument \"%s\"", argv[optind]);
    if ((rc = cli_open(&cli, &c, &db)) != 0)
        return rc;

    rc = post_process_all(c, db, PROCESS_BATCH, &st, err, sizeof err);
    if (rc != 0)
        log_error("%s", err);
    log_info("%ld posts (%ld held), %ld closings, %ld ignored, %ld quarantined", st.posts,
             st.held, st.closings, st.ignored, st.quarantined);
    db_close(db);
    conf_free(c);
    return rc;
}
