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
/* Deletes the files render wrote in DIR, named KIND-YYYY-MM-DD.eml or .pdf (or
 * KIND-YYYY-MM-DD-WHO.eml, a member's copy) for a KIND of the NULL-terminated KINDS,
 * dated FROM (YYYY-MM-DD, "" for any) to before BEFORE ("" for no end); with WHO, only
 * the copies for WHO. Returns how many were deleted; failures are logged and skipped. */
long purge_outputs(const char *dir, const char *const *kinds, const char *from,
                   const char *before, const char *who);
/* The folder where the file transport writes mail ([smtp] dir, else OUTPUT/sent). */
void purge_sent_dir(const conf *c, char *out, size_t outlen);
/* Deletes the files the file transport wrote into DIR for the automatic replies
 * (outbox kind 'reply', named after their keys) that SQL selects the keys of (?1 =
 * ARG); to be run before those rows go. Returns how many were deleted, or -1. */
long purge_reply_files(sqlite3 *db, const char *dir, const char *sql, const char *arg);
/* The outputs that name people: the coordinators' digest (held posts, new members),
 * rotas and delivery rounds (volunteers). */
extern const char *const purge_outputs_with_names[];

#endif
