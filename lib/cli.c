/* cli.c — shared option parsing and program start-up. */
#include "cli.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "log.h"

#ifndef DOORSTEP_VERSION
#define DOORSTEP_VERSION "0.0.0"
#endif

#define MAX_OPTIONS 40

static void
print_help(const struct cli *cli)
{
    printf("usage: %s %s\n%s\n\n", cli->prog, cli->synopsis, cli->about);
    if (cli->options)
        fputs(cli->options, stdout);
    printf("  -c, --config FILE   the configuration (default $DOORSTEP_CONFIG, else "
           "./doorstep.ini)\n"
           "  -v, --verbose       say more (twice for debug)\n"
           "  -q, --quiet         print errors only\n"
           "      --syslog        log to syslog (facility mail) instead of stderr\n"
           "  -h, --help          print this help\n"
           "  -V, --version       print the version\n\n"
           "See %s(1). Exit status follows sysexits(3).\n",
           cli->prog);
}

int
cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", cli->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s %s\n(see %s --help)\n", cli->prog, cli->synopsis, cli->prog);
    return EX_USAGE;
}

int
cli_parse(struct cli *cli, int argc, char **argv, const struct option *extra,
          cli_option_fn fn, void *ud)
{
    static const struct option common[] = {
        {"config", required_argument, NULL, 'c'}, {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"syslog", no_argument, NULL, 'S'},
    };
    struct option longopts[MAX_OPTIONS];
    char shortopts[3 * MAX_OPTIONS + 2] = "";
    size_t n = 0, s = 0;
    int opt, quiet = 0, use_syslog = 0;
    const char *env = getenv("DOORSTEP_CONFIG");

    cli->config_path = env && *env ? env : "./doorstep.ini";
    cli->verbosity = 0;
    if (cli->stop_at_operand)
        shortopts[s++] = '+';
    shortopts[s++] = ':';
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        longopts[n++] = common[i];
    s += (size_t)sprintf(shortopts + s, "c:vqhV");
    for (const struct option *o = extra; o && o->name && n < MAX_OPTIONS - 1; o++) {
        longopts[n++] = *o;
        if (o->val > 0 && o->val < 128 && isalnum(o->val)) {
            shortopts[s++] = (char)o->val;
            if (o->has_arg == required_argument)
                shortopts[s++] = ':';
            else if (o->has_arg == optional_argument)
                s += (size_t)sprintf(shortopts + s, "::");
        }
    }
    memset(&longopts[n], 0, sizeof longopts[n]);
    shortopts[s] = '\0';

    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        int rc;
        switch (opt) {
        case 'c': cli->config_path = optarg; break;
        case 'v': cli->verbosity++; break;
        case 'q': quiet = 1; break;
        case 'S': use_syslog = 1; break;
        case 'h': print_help(cli); return 0;
        case 'V': printf("%s (doorstep) %s\n", cli->prog, DOORSTEP_VERSION); return 0;
        case ':':
            return cli_usage_error(cli, "option %s needs a value", argv[optind - 1]);
        case '?':
            if (optopt)
                return cli_usage_error(cli, "unknown option -%c", optopt);
            return cli_usage_error(cli, "unknown option %s", argv[optind - 1]);
        default:
            if (!fn)
                return cli_usage_error(cli, "unknown option");
            if ((rc = fn(opt, optarg, ud)) != 0)
                return rc;
        }
    }
    if (quiet)
        cli->verbosity = -1;
    log_init(cli->prog, cli->verbosity);
    if (use_syslog)
        log_to_syslog();
    cli->use_syslog = use_syslog;
    return -1;
}

int
cli_open(const struct cli *cli, conf **c, sqlite3 **db)
{
    char err[4096];

    (void)cli;
    *c = conf_load(cli->config_path, err, sizeof err);
    if (!*c) {
        /* One line per problem, each already naming file, section and key. */
        for (char *line = strtok(err, "\n"); line; line = strtok(NULL, "\n"))
            log_error("%s", line);
        return EX_CONFIG;
    }
    if (clock_setup(conf_str(*c, "group", "timezone"), err, sizeof err) < 0) {
        log_error("%s", err);
        goto fail;
    }
    if (!db)
        return 0;
    *db = db_open(conf_str(*c, "database", "path"), err, sizeof err);
    if (!*db) {
        log_error("%s", err);
        conf_free(*c);
        *c = NULL;
        return strstr(err, "newer than this doorstep") ? EX_DATAERR : EX_CANTCREAT;
    }
    return 0;
fail:
    conf_free(*c);
    *c = NULL;
    return EX_CONFIG;
}

int
cli_worse(int a, int b)
{
    if (a == 0)
        return b;
    if (b == 0)
        return a;
    if (a == EX_TEMPFAIL)
        return b;
    return a;
}
