/* doorstep-render — builds the group's outputs from the database: the daily digest
 * (queued and sent once), the volunteers' rota PDF, the doorstep leaflets PDF and the
 * delivery rounds PDF. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "db.h"
#include "file.h"
#include "log.h"
#include "mem.h"
#include "outbox.h"
#include "render.h"
#include "report.h"

static const struct cli_opt options[] = {
    {"resend", 0, NULL, "send today's digests again, even if already sent"},
    {"check-templates", 0, NULL,
     "report names the templates use that the data never provides; writes and sends nothing"},
    {"month", 0, "YYYY-MM", "the month of `report` (default: last month)"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd render_cmd = {
    .name = "doorstep-render",
    .synopsis = "[-c FILE] [-v|-q] [--resend] [--check-templates] "
                "[all|digest|coordinators|rota|leaflets|rounds|report ...] [--month YYYY-MM]",
    .about = "Write the digests (and send them), the rota PDF, the leaflets PDF and the "
             "delivery rounds PDF into [output] dir; `report` (never part of all) writes "
             "the report of help given of a month.",
    .opts = options,
    .max_operands = -1,
};

/* what makes each of render_outputs, in the same order */
static int (*const output_fn[])(struct render_ctx *, char *, size_t) = {
    render_digest, render_coordinators, render_rota, render_leaflets, render_rounds,
};
#define NOUTPUTS (sizeof output_fn / sizeof output_fn[0])
_Static_assert(NOUTPUTS == RENDER_NOUTPUTS, "one function for each of render_outputs");

/* Marks in WANT which outputs the operands name; "all" (or none) names every one;
 * *REPORT is set when "report" is named (made on demand only, never by "all"). */
static int
choose(const struct cli *cli, int want[NOUTPUTS], int *report)
{
    const char *names[NOUTPUTS + 3];

    memset(want, 0, NOUTPUTS * sizeof *want);
    for (size_t k = 0; k < NOUTPUTS; k++)
        names[k] = render_outputs[k];
    names[NOUTPUTS] = "all";
    names[NOUTPUTS + 1] = "report";
    names[NOUTPUTS + 2] = NULL;
    *report = 0;
    for (int i = 0; i <= cli->argc; i++) {
        const char *word = i < cli->argc ? cli->argv[i] : cli->argc ? NULL : "all";
        size_t k;
        if (!word)
            break;
        for (k = 0; k < NOUTPUTS + 2 && strcmp(word, names[k]) != 0; k++)
            ;
        if (k == NOUTPUTS + 2)
            return cli_choice(cli, "output", word, names);
        if (k == NOUTPUTS + 1) {
            *report = 1;
            continue;
        }
        for (size_t j = 0; j < NOUTPUTS; j++)
            want[j] |= k == NOUTPUTS ? 1 : j == k;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    char err[2048];
    struct render_ctx rc = {0};
    int want[NOUTPUTS], rc_exit = 0, r, report;
    struct report_period period;
    const char *month;
    conf *c = NULL;
    sqlite3 *db = NULL;
    char *templates = NULL;
    struct cli cli;

    /* each PDF's fonts and compressed streams (zlib takes 256 KiB a stream) came back
     * as fresh pages, 600 faults of a day's render; it holds a few MiB at once */
    mem_setup((size_t)4 << 20);
    if ((r = cli_parse(&cli, &render_cmd, argc, argv)) >= 0)
        return r;
    rc.resend = cli_count(&cli, "resend") > 0;
    rc.check = cli_count(&cli, "check-templates") > 0;
    if ((r = choose(&cli, want, &report)) != 0)
        return r;
    month = cli_value(&cli, "month");
    if (month && !report)
        return cli_usage_error(&cli, "--month is for the report: doorstep-render report --month %s",
                               month);
    if (month && report_month(month, &period) < 0)
        return cli_usage_error(&cli, "--month: \"%s\" is not a month YYYY-MM", month);
    if ((r = cli_open(&cli, &c, &db)) != 0)
        return r;
    signal(SIGPIPE, SIG_IGN);

    rc.conf = c;
    rc.db = db;
    rc.now = clock_now();
    rc.outdir = conf_str(c, "output", "dir");
    clock_date(rc.now, rc.date);
    if (!(templates = render_templates_dir(c, err, sizeof err))) {
        log_error("%s", err);
        rc_exit = EX_CONFIG;
        goto done;
    }
    rc.templates = templates;
    if (report && !month)
        report_last_month(rc.now, &period);
    /* the check renders everything but keeps nothing: files go to a scratch folder */
    char scratch[] = "/tmp/doorstep-check.XXXXXX";
    if (rc.check) {
        if (!mkdtemp(scratch)) {
            log_error("%s: %s", scratch, strerror(errno));
            rc_exit = EX_CANTCREAT;
            goto done;
        }
        rc.outdir = scratch;
    }
    if (file_mkdirs(rc.outdir, 0755, err, sizeof err) < 0) {
        log_error("[output] dir: %s", err);
        rc_exit = EX_CANTCREAT;
        goto done;
    }
    rc.outbox = (struct outbox){.conf = c, .db = db, .now = rc.now, .outdir = rc.outdir,
                                .resend = rc.resend};
    /* Each output on its own: a failed digest must not stop the rota being printed. */
    for (size_t k = 0; k < NOUTPUTS; k++) {
        if (!want[k])
            continue;
        err[0] = '\0';
        if ((r = output_fn[k](&rc, err, sizeof err)) != 0) {
            log_error("%s: %s", render_outputs[k], err);
            rc_exit = cli_worse(rc_exit, r);
        }
    }
    if (report) {
        err[0] = '\0';
        if ((r = render_report(&rc, &period, err, sizeof err)) != 0) {
            log_error("report: %s", err);
            rc_exit = cli_worse(rc_exit, r);
        }
    }
    if (rc.check) {
        char cmd[64];
        int problems = render_check_problems();
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
        if (system(cmd) != 0)
            log_warn("%s: could not be removed", scratch);
        if (problems > 0) {
            log_error("%d template names are never provided by the data", problems);
            rc_exit = cli_worse(rc_exit, EX_DATAERR);
        } else if (rc_exit == 0) {
            printf("templates: every name is provided\n");
        }
    }
done:
    outbox_end(&rc.outbox);
    free(templates);
    db_close(db);
    conf_free(c);
    return rc_exit;
}
