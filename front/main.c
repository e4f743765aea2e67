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
             "  member block ADDRESS...          ignore a sender; withdraws their posts\n"
             "  member export ADDRESS            everything held about a person, as JSON\n"
             "  member forget ADDRESS            erase a person's mail, posts and details\n"
             "  purge                            delete what [privacy] says is no longer needed\n"
             "  status                           what waits, what is open, what to do next\n"
             "  post request|offer [--title TEXT] [--street NAME] [--category NAME]\n"
             "       [--needed-by DATE] [--name TEXT] [--phone TEXT] [--address TEXT]\n"
             "       [--notes TEXT]              record a phone-in or paper post by hand\n"
             "  close REF [done|withdrawn|taken] close a post\n"
             "  init DIR [--name TEXT] [--address EMAIL] [--phone TEXT] [--imap-host HOST]\n"
             "       [--imap-user NAME] [--streets \"AREA: Street:doors, ...; ...\"]\n"
             "                                   make a working folder, asking on a terminal\n"
             "  check                            is the config ready: passwords, templates, fonts",
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
    {"purge", cmd_purge},
    {"status", cmd_status},
    {"post", cmd_post},
    {"close", cmd_close},
    {"init", cmd_init},
    {"check", cmd_check},
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
