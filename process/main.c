/* doorstep-process — reads every new message in the database and turns it into a post
 * (offer or request), a closing, a rota sign-up, a note for the coordinators' triage,
 * or an ignored or quarantined message with a reason. */
#include <stdio.h>
#include <sysexits.h>

#include <stdlib.h>

#include "classify.h"
#include "cli.h"
#include "db.h"
#include "file.h"
#include "log.h"
#include "mem.h"
#include "mime.h"
#include "proc.h"

/* messages per transaction: a kill loses at most this much work (done again by the
 * next run), and a writer waiting for the lock waits about a tenth of a second */
#define PROCESS_BATCH 1000

static const struct cli_opt options[] = {
    {"reprocess", 0, NULL, "rebuild every post from the stored messages (after the rules in "
                           "the config changed), in one transaction"},
    {"explain", 0, "MESSAGE", "print the words that decide the kind, category, place and dates "
                              "of one message file (nothing is stored)"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd process_cmd = {
    .name = "doorstep-process",
    .synopsis = "[-c FILE] [-v|-q] [--reprocess | --explain MESSAGE]",
    .about = "Turn new messages in the database into offers, requests, closings and rota "
             "sign-ups.",
    .opts = options,
};

/* --explain PATH: the rules' reasons for one message file, without a database. */
static int
explain(const conf *c, const char *path)
{
    char err[1024], *raw = NULL;
    size_t len;
    struct mime_msg m;
    struct rules *r = NULL;
    int rc = EX_NOINPUT;

    if (file_read(path, (size_t)conf_int(c, "fetch", "max_size"), &raw, &len, err, sizeof err) < 0)
        log_error("%s", err);
    else if (mime_parse(raw, len, &m, err, sizeof err) < 0)
        log_error("%s: %s", path, err), rc = EX_DATAERR;
    else {
        rc = !(r = classify_rules_new(c)) ||
                     classify_explain(r, m.subject, m.text, m.date, stdout) < 0
                 ? EX_OSERR
                 : 0;
        mime_free(&m);
    }
    classify_rules_free(r);
    free(raw);
    return rc;
}

int
main(int argc, char **argv)
{
    char err[1024] = "";
    struct proc_stats st;
    conf *c = NULL;
    sqlite3 *db = NULL;
    struct cli cli;
    const char *explain_path;
    int rc;

    /* a run holds a few MiB of mail and words at once (mem.h) */
    mem_setup((size_t)4 << 20);
    if ((rc = cli_parse(&cli, &process_cmd, argc, argv)) >= 0)
        return rc;
    if ((explain_path = cli_value(&cli, "explain")) != NULL) {
        if ((rc = cli_open(&cli, &c, NULL)) == 0)
            rc = explain(c, explain_path);
        conf_free(c);
        return rc;
    }
    if ((rc = cli_open(&cli, &c, &db)) != 0)
        return rc;

    if (cli_count(&cli, "reprocess"))
        rc = proc_reprocess(c, db, &st, err, sizeof err);
    else
        rc = proc_all(c, db, PROCESS_BATCH, &st, err, sizeof err);
    if (rc != 0)
        log_error("%s", err);
    log_info("%ld posts (%ld held, %ld to triage), %ld closings, %ld rota sign-ups, %ld ignored, "
             "%ld quarantined",
             st.posts, st.held, st.triage, st.closings, st.signups, st.ignored, st.quarantined);
    db_close(db);
    conf_free(c);
    return rc;
}
