/* front.h — the subcommands of the front command `doorstep`. */
#ifndef DOORSTEP_FRONT_H
#define DOORSTEP_FRONT_H

#include "cli.h"

/* Each takes the operands after the subcommand's name (ARGV[0] is that name) and the
 * parsed global options, and returns a sysexits code. */
int cmd_daily(const struct cli *cli, int argc, char **argv);
int cmd_export(const struct cli *cli, int argc, char **argv);
int cmd_rota(const struct cli *cli, int argc, char **argv);
int cmd_member(const struct cli *cli, int argc, char **argv);

#endif
