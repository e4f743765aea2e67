/* cli.h — what every doorstep program does before its real work: the shared options
 * (-c, -v, -q, --help, --version), loading the config, the clock and the database. */
#ifndef DOORSTEP_CLI_H
#define DOORSTEP_CLI_H

#include <getopt.h>
#include <sqlite3.h>

#include "conf.h"

struct cli {
    const char *prog;     /* "doorstep-fetch" */
    const char *synopsis; /* after the program name in usage, e.g. "[options] digest|all" */
    const char *about;    /* one line on what the program does */
    const char *options;  /* help lines for the program's own options, or NULL */
    int stop_at_operand;  /* stop at the first operand (for subcommands) */
    /* filled by cli_parse */
    const char *config_path;
    int verbosity;
    int use_syslog; /* --syslog */
};

/* Called for each option of the program's own (from EXTRA). Returns 0, or an exit code
 * (after printing why) to stop. */
typedef int (*cli_option_fn)(int opt, const char *arg, void *ud);

/* Parses ARGV with the shared options plus EXTRA (NULL-terminated, may be NULL). The
 * config path is -c/--config, else $DOORSTEP_CONFIG, else ./doorstep.ini. Returns -1 to
 * go on (operands start at optind), or an exit code: 0 after --help or --version,
 * EX_USAGE after a bad option (message printed). Also sets up logging. */
int cli_parse(struct cli *cli, int argc, char **argv, const struct option *extra,
              cli_option_fn fn, void *ud);

/* Prints "usage: PROG SYNOPSIS" and a pointer to --help on stderr; returns EX_USAGE. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Loads the config (EX_CONFIG on error), sets the clock to the group's time zone
 * (EX_CONFIG if DOORSTEP_NOW is malformed) and, when DB is not NULL, opens the database
 * (EX_CANTCREAT when it cannot be opened or created, EX_DATAERR when its schema is
 * newer). Errors are logged. Returns 0 or the exit code. */
int cli_open(const struct cli *cli, conf **c, sqlite3 **db);

/* Maps the outcome of a stage: the worse of two exit codes (0 < EX_TEMPFAIL < others). */
int cli_worse(int a, int b);

#endif
