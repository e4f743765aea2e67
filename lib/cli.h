/* cli.h — what every doorstep program does before its real work: reading its command
 * line (shared options anywhere, commands and sub-commands each with their own options
 * and help), loading the config, the clock and the database. */
#ifndef DOORSTEP_CLI_H
#define DOORSTEP_CLI_H

#include <sqlite3.h>

#include "conf.h"

#define CLI_MAX_OPTS 24     /* options of one command path, shared ones included */
#define CLI_MAX_OPERANDS 64

/* An option of a program, command or sub-command. */
struct cli_opt {
    const char *name; /* long name without "--": "format" */
    int letter;       /* short letter, or 0 */
    const char *arg;  /* name of its value in help ("jsonl|csv"), or NULL for a flag */
    const char *help; /* one line */
};

struct cli;

/* A program, a command of `doorstep`, or a sub-command of one ("member list"). */
struct cli_cmd {
    const char *name;     /* "export"; the program's name for the program itself */
    const char *synopsis; /* what follows the name in usage: "posts|messages [--format F]" */
    const char *about;    /* one line on what it does */
    const struct cli_opt *opts;  /* its own options, ending with {NULL}, or NULL */
    const struct cli_cmd *const *subs; /* its sub-commands, ending with NULL, or NULL */
    int min_operands, max_operands;    /* after the command words; max -1: no limit */
    /* Runs it with the parsed command line; returns a sysexits code. The deepest
     * command of the path that has one is run. */
    int (*run)(const struct cli *cli);
};

/* The parsed command line. */
struct cli {
    const struct cli_cmd *prog; /* the program's own command (with its commands as subs) */
    /* filled by cli_parse */
    const struct cli_cmd *path[3]; /* prog, command, sub-command; NULL past the last */
    int depth;                     /* how many of path are set */
    const char *config_path;
    int verbosity;  /* -1 with -q, else the number of -v */
    int use_syslog; /* --syslog */
    int argc;       /* the operands, after the command words and without the options */
    char *argv[CLI_MAX_OPERANDS + 1];
    /* the values of the path's own options, by the index into their tables */
    struct {
        const struct cli_opt *opt;
        const char *value; /* the last value given ("" for a flag) */
        int count;
    } given[CLI_MAX_OPTS];
    int ngiven;
};

/* Parses ARGV for the program PROG: shared options (-c/--config FILE, -v, -q,
 * --syslog, -h/--help, -V/--version) and the options of every command on the path go
 * anywhere (before or after the command words, with "--" ending them; "--opt=value",
 * "--opt value", "-xVALUE", "-x VALUE", flags grouped "-vv"; a value may start with
 * "-"; a long option may be shortened to a unique start). Unknown options, commands
 * and sub-commands are refused with the nearest known one suggested. The config path
 * is -c, else $DOORSTEP_CONFIG, else ./doorstep.ini. Returns -1 to go on, or an exit
 * code: 0 after --help (the help of the deepest command named) or --version,
 * EX_USAGE after a bad command line (message and usage printed). Sets up logging. */
int cli_parse(struct cli *cli, const struct cli_cmd *prog, int argc, char **argv);

/* Runs the command cli_parse chose (the deepest on the path with a run function). */
int cli_run(const struct cli *cli);

/* The value of the option NAME (one of the path's own) when given, else NULL; a flag
 * given gives "". */
const char *cli_value(const struct cli *cli, const char *name);

/* How many times the option NAME was given. */
int cli_count(const struct cli *cli, const char *name);

/* "doorstep member list" — the command path as typed in usage and messages, in OUT. */
const char *cli_name(const struct cli *cli, char *out, size_t size);

/* Prints "PATH: MESSAGE", the usage of the command reached and a pointer to --help on
 * stderr; returns EX_USAGE. */
int cli_usage_error(const struct cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Checks WORD against the NULL-terminated CHOICES; when it is none of them, prints a
 * usage error naming WHAT, the choices and the nearest one, and returns EX_USAGE; else
 * 0. */
int cli_choice(const struct cli *cli, const char *what, const char *word,
               const char *const *choices);

/* Loads the config (EX_CONFIG on error), sets the clock to the group's time zone
 * (EX_CONFIG if DOORSTEP_NOW is malformed) and, when DB is not NULL, opens the database
 * (EX_CANTCREAT when it cannot be opened or created, EX_DATAERR when its schema is
 * newer). Errors are logged. Returns 0 or the exit code. */
int cli_open(const struct cli *cli, conf **c, sqlite3 **db);

/* Who runs the command, for the records of a coordinator's changes (post_edits,
 * triage): $SUDO_USER when set and the effective user is someone else (a coordinator
 * running `sudo -u doorstep doorstep ...`: the service account is shared, the person
 * is the one who ran sudo), else the effective user's login name (getpwuid(geteuid)),
 * else "uid N". Written into OUT (SIZE bytes). Never fails. */
void cli_user(char *out, size_t size);

/* Maps the outcome of a stage: the worse of two exit codes (0 < EX_TEMPFAIL < others). */
int cli_worse(int a, int b);

#endif
