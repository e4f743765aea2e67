/* doorstep — the front command: runs the day's pipeline under one lock, and the
 * coordinators' commands (export, rota, ...). Each command is declared, with its
 * options and help, in its own file; lib/cli.c reads the command line. */
#include "cli.h"
#include "front.h"

static const struct cli_cmd *const commands[] = {
    &front_daily, &front_export, &front_rota, &front_member, &front_purge, &front_status,
    &front_post,  &front_close,  &front_init, &front_check,  &front_announce, &front_privacy,
    &front_report, &front_triage, &front_reopen, &front_renew, NULL,
};

static const struct cli_cmd doorstep = {
    .name = "doorstep",
    .synopsis = "COMMAND [ARGS] [options]",
    .about = "Run the group's day, or a coordinator's command.",
    .subs = commands,
};

int
main(int argc, char **argv)
{
    struct cli cli;
    int rc;

    if ((rc = cli_parse(&cli, &doorstep, argc, argv)) >= 0)
        return rc;
    return cli_run(&cli);
}
