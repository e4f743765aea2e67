/* doorstep — the front command: runs the day's pipeline under one lock, and the
 * coordinators' commands (export, rota, ...). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "front.h"

static struct cli cli = {
    .prog = "doorstep",
    .synopsis = "[-c FILE] [-v|-q] COMMAND [ARGS]",
    .about = "Run the group's day, or a coordinator's command. Commands:\n"
             "  daily                            fetch, process and render, under one lock\n"
             "  export posts|messages|triage     print as JSON Lines (--format csv: a spreadsheet)\n"
             "  rota assign TASK DATE ADDRESS    put a volunteer on the rota\n"
             "  rota unassign TASK DATE ADDRESS  take a volunteer off it\n"
             "  rota list [--days N]             the coming days' places, filled and needed\n"
             "  member list [STATUS]             members: pending, member, coordinator, blocked\n"
             "  member approve ADDRESS...        let a sender post; releases their held posts\n"
             "  member block ADDRESS...          ignore a sender; withdraws their posts",
    .stop_at_operand = 1,
};

static const struct {
    const char *name;
    int (*fn)(const struct cli *, int, char **);
} commands[] = {
    {"daily", cmd_daily},
    {"export", cmd_export},
    {"rota", cmd_rota},
    {"member", cmd_member},
};

int
main(int argc, char **argv)
{
    int rc;

    if ((rc = cli_parse(&cli, argc, argv, NULL, NULL, NULL)) >= 0)
        return rc;
    if (optind >= argc)
        return cli_usage_error(&cli, "no command given");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[optind], commands[i].name) == 0)
            return commands[i].fn(&cli, argc - optind, argv + optind);
    return cli_usage_error(&cli, "unknown command \"%s\"", argv[optind]);
}
