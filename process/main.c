/* doorstep-process — reads every new message in the database and turns it into a post
 * (offer or request), a closing, a rota sign-up, a note for the coordinators' triage,
 * or an ignored or quarantined message with a reason. */
#include <stdio.h>
#include <sysexits.h>

#include "cli.h"
#include "db.h"
#include "log.h"
#include "post.h"

/* messages per transaction: a kill loses at most this much work (done again by the
 * next run), and a writer waiting for the lock waits about a tenth of a second */
#define PROCESS_BATCH 1000

static const struct cli_opt options[] = {
    {"reprocess", 0, NULL, "rebuild every post from the stored messages (after the rules in "
                           "the config changed), in one transaction"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd process_cmd = {
    .name = "doorstep-process",
    .synopsis = "[-c FILE] [-v|-q] [--reprocess]",
    .about = "Turn new messages in the database into offers, requests, closings and rota "
             "sign-ups.",
    .opts = options,
};

int
main(int argc, char **argv)
{
    char err[1024] = "";
    struct post_stats st;
    conf *c = NULL;
    sqlite3 *db = NULL;
    struct cli cli;
    int rc;

    if ((rc = cli_parse(&cli, &process_cmd, argc, argv)) >= 0)
        return rc;
    if ((rc = cli_open(&cli, &c, &db)) != 0)
        return rc;

    if (cli_count(&cli, "reprocess"))
        rc = post_reprocess(c, db, &st, err, sizeof err);
    else
        rc = post_process_all(c, db, PROCESS_BATCH, &st, err, sizeof err);
    if (rc != 0)
        log_error("%s", err);
    log_info("%ld posts (%ld held, %ld to triage), %ld closings, %ld rota sign-ups, %ld ignored, "
             "%ld quarantined",
             st.posts, st.held, st.triage, st.closings, st.signups, st.ignored, st.quarantined);
    db_close(db);
    conf_free(c);
    return rc;
}
