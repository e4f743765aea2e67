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
int cmd_purge(const struct cli *cli, int argc, char **argv);
int cmd_status(const struct cli *cli, int argc, char **argv);
int cmd_post(const struct cli *cli, int argc, char **argv);
int cmd_close(const struct cli *cli, int argc, char **argv);
int cmd_init(const struct cli *cli, int argc, char **argv);
int cmd_check(const struct cli *cli, int argc, char **argv);

/* purge.c: the purge itself, for `doorstep daily` too (FROM_DAILY: its line is then
 * logged at -v, daily being quiet by default; by hand it is printed unless -q). Opens
 * its own database. Returns a sysexits code. */
int purge_run(const struct cli *cli, int from_daily);
/* VACUUM, then empties the write-ahead log; 0 or -1 (logged). */
int purge_reclaim(sqlite3 *db);

#endif
