/* cli.c — the command line of every doorstep program (shared options anywhere, a
 * table of commands and sub-commands, each with its options and help) and start-up. */
#include "cli.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "log.h"
#include "suggest.h"

#ifndef DOORSTEP_VERSION
#define DOORSTEP_VERSION "0.0.0"
#endif

#define MAX_CANDIDATES 64

/* The options every program and command takes. */
static const struct cli_opt shared_opts[] = {
    {"config", 'c', "FILE", "the configuration (default $DOORSTEP_CONFIG, else ./doorstep.ini)"},
    {"verbose", 'v', NULL, "say more (twice for debug)"},
    {"quiet", 'q', NULL, "print errors only"},
    {"syslog", 0, NULL, "log to syslog (facility mail) instead of standard error"},
    {"help", 'h', NULL, "print this help"},
    {"version", 'V', NULL, "print the version"},
    {NULL, 0, NULL, NULL},
};

/* The state of one parse, beside what goes into struct cli. */
struct parse {
    int help, version, quiet;
    char error[512]; /* the first problem; parsing goes on only to find --help */
    /* options given before the command that owns them was named */
    struct {
        const struct cli_opt *opt; /* as found in some command below */
        const char *name, *value;
    } pending[8];
    int npending;
};

const char *
cli_name(const struct cli *cli, char *out, size_t size)
{
    size_t o = 0;

    out[0] = '\0';
    for (int i = 0; i < cli->depth && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%s%s", i ? " " : "", cli->path[i]->name);
    return out;
}

static const struct cli_cmd *
deepest(const struct cli *cli)
{
    return cli->path[cli->depth - 1];
}

/* Prints TEXT from column COL, wrapped at 79 columns onto lines indented by INDENT. */
static void
put_wrapped(FILE *f, const char *text, size_t col, size_t indent)
{
    for (int first = 1; *text; first = 0) {
        size_t n = strcspn(text, " ");
        if (!first && col + 1 + n > 79) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(text, 1, n, f);
        col += n;
        text += n;
        text += strspn(text, " ");
    }
    fputc('\n', f);
}

/* "  LEFT  help text", the help under LEFT when LEFT is too wide. */
static void
print_item(FILE *f, const char *left, const char *help)
{
    if (strlen(left) <= 24)
        fprintf(f, "  %-24s ", left);
    else
        fprintf(f, "  %s\n%27s", left, "");
    put_wrapped(f, help, 27, 27);
}

static void
print_opt(FILE *f, const struct cli_opt *o)
{
    char left[64];

    snprintf(left, sizeof left, "%s%c%s--%s%s%s", o->letter ? "-" : " ", o->letter ? o->letter : ' ',
             o->letter ? ", " : "  ", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    print_item(f, left, o->help);
}

static void
print_help(const struct cli *cli)
{
    const struct cli_cmd *cmd = deepest(cli);
    char name[128], usage[512];
    int own = 0;

    cli_name(cli, name, sizeof name);
    snprintf(usage, sizeof usage, "%s%s%s", name, *cmd->synopsis ? " " : "", cmd->synopsis);
    printf("usage: ");
    put_wrapped(stdout, usage, 7, 8 + strlen(name));
    put_wrapped(stdout, cmd->about, 0, 0);
    if (cmd->subs) {
        printf("\n%s:\n", cli->depth == 1 ? "Commands" : "Sub-commands");
        for (const struct cli_cmd *const *s = cmd->subs; *s; s++) {
            char left[512];
            snprintf(left, sizeof left, "%s %s", (*s)->name, (*s)->synopsis);
            if (strlen(left) <= 24) {
                print_item(stdout, left, (*s)->about);
                continue;
            }
            printf("  ");
            put_wrapped(stdout, left, 2, 4 + strlen((*s)->name));
            printf("%27s", "");
            put_wrapped(stdout, (*s)->about, 27, 27);
        }
        printf("'%s %s --help' says more of each.\n", name,
               cli->depth == 1 ? "COMMAND" : "SUB-COMMAND");
    }
    for (int d = cli->depth - 1; d >= 0; d--)
        for (const struct cli_opt *o = cli->path[d]->opts; o && o->name; o++) {
            if (!own++)
                printf("\nOptions:\n");
            print_opt(stdout, o);
        }
    printf("\nShared options (before or after the command):\n");
    for (const struct cli_opt *o = shared_opts; o->name; o++)
        print_opt(stdout, o);
    printf("\nSee %s(1). Exit status follows sysexits(3).\n", cli->prog->name);
}

static void
print_usage(const struct cli *cli, FILE *f)
{
    char name[128];

    cli_name(cli, name, sizeof name);
    fprintf(f, "usage: %s%s%s\n(see %s --help)\n", name, *deepest(cli)->synopsis ? " " : "",
            deepest(cli)->synopsis, name);
}

int
cli_usage_error(const struct cli *cli, const char *fmt, ...)
{
    char name[128];
    va_list ap;

    fprintf(stderr, "%s: ", cli_name(cli, name, sizeof name));
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    print_usage(cli, stderr);
    return EX_USAGE;
}

int
cli_choice(const struct cli *cli, const char *what, const char *word, const char *const *choices)
{
    char list[256] = "", hint[128];
    size_t n = 0, o = 0;

    for (; choices[n]; n++) {
        if (strcmp(choices[n], word) == 0)
            return 0;
        o += (size_t)snprintf(list + o, o < sizeof list ? sizeof list - o : 0, "%s%s",
                              n ? ", " : "", choices[n]);
    }
    return cli_usage_error(cli, "unknown %s \"%s\"%s; one of %s", what, word,
                           suggest_hint(word, choices, n, "", hint, sizeof hint), list);
}

/* The first problem is kept; later ones are consequences more often than not. */
static int
problem(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
problem(struct parse *p, const char *fmt, ...)
{
    va_list ap;

    if (p->error[0])
        return -1;
    va_start(ap, fmt);
    vsnprintf(p->error, sizeof p->error, fmt, ap);
    va_end(ap);
    return -1;
}

/* The options valid now: the shared ones, then those of each command on the path. */
static size_t
valid_opts(const struct cli *cli, const struct cli_opt **out, size_t max)
{
    size_t n = 0;

    for (const struct cli_opt *o = shared_opts; o->name && n < max; o++)
        out[n++] = o;
    for (int d = 0; d < cli->depth; d++)
        for (const struct cli_opt *o = cli->path[d]->opts; o && o->name && n < max; o++)
            out[n++] = o;
    return n;
}

/* The option called NAME (LEN bytes) among OPTS: exactly, else the one it is the start
 * of. NULL when none or several (then *AMBIGUOUS is set). */
static const struct cli_opt *
find_long(const struct cli_opt **opts, size_t n, const char *name, size_t len, int *ambiguous)
{
    const struct cli_opt *start = NULL;
    int starts = 0;

    *ambiguous = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(opts[i]->name, name, len) != 0)
            continue;
        if (opts[i]->name[len] == '\0')
            return opts[i];
        if (!start || strcmp(start->name, opts[i]->name) != 0)
            starts++;
        start = opts[i];
    }
    *ambiguous = starts > 1;
    return starts == 1 ? start : NULL;
}

/* An option named exactly NAME of a command below CMD (for an option given before the
 * command that owns it), or NULL. */
static const struct cli_opt *
find_below(const struct cli_cmd *cmd, const char *name, size_t len)
{
    for (const struct cli_cmd *const *s = cmd->subs; s && *s; s++) {
        const struct cli_opt *o;
        for (o = (*s)->opts; o && o->name; o++)
            if (strncmp(o->name, name, len) == 0 && o->name[len] == '\0')
                return o;
        if ((o = find_below(*s, name, len)))
            return o;
    }
    return NULL;
}

static int
apply(struct cli *cli, struct parse *p, const struct cli_opt *o, const char *value)
{
    if (o >= shared_opts && o < shared_opts + sizeof shared_opts / sizeof shared_opts[0]) {
        switch (o->letter ? o->letter : 'S') {
        case 'c': cli->config_path = value; break;
        case 'v': cli->verbosity++; break;
        case 'q': p->quiet = 1; break;
        case 'S': cli->use_syslog = 1; break;
        case 'h': p->help = 1; break;
        case 'V': p->version = 1; break;
        default: break;
        }
        return 0;
    }
    for (int i = 0; i < cli->ngiven; i++)
        if (cli->given[i].opt == o) {
            cli->given[i].value = value;
            cli->given[i].count++;
            return 0;
        }
    if (cli->ngiven < CLI_MAX_OPTS) {
        cli->given[cli->ngiven].opt = o;
        cli->given[cli->ngiven].value = value;
        cli->given[cli->ngiven++].count = 1;
    }
    return 0;
}

/* Reads the long option ARGV[*I] ("--name" or "--name=value"). */
static int
long_option(struct cli *cli, struct parse *p, int argc, char **argv, int *i)
{
    const struct cli_opt *opts[CLI_MAX_OPTS + 8], *o;
    const char *name = argv[*i] + 2, *eq = strchr(name, '='), *value = "";
    size_t len = eq ? (size_t)(eq - name) : strlen(name), n = valid_opts(cli, opts, CLI_MAX_OPTS + 8);
    int ambiguous, pending = 0;

    if (!(o = find_long(opts, n, name, len, &ambiguous)) && !ambiguous &&
        (o = find_below(deepest(cli), name, len)))
        pending = 1;
    if (!o) {
        const char *names[CLI_MAX_OPTS + 8];
        char word[64], hint[128];
        for (size_t k = 0; k < n; k++)
            names[k] = opts[k]->name;
        snprintf(word, sizeof word, "%.*s", (int)len, name);
        if (ambiguous)
            problem(p, "option --%s is ambiguous (the start of more than one option)", word);
        else
            problem(p, "unknown option --%s%s", word,
                    suggest_hint(word, names, n, "--", hint, sizeof hint));
        return 0;
    }
    if (o->arg && eq)
        value = eq + 1;
    else if (o->arg && *i + 1 < argc)
        value = argv[++*i];
    else if (o->arg)
        return problem(p, "option --%s needs a value (%s)", o->name, o->arg);
    else if (eq)
        return problem(p, "option --%s takes no value", o->name);
    if (!pending)
        return apply(cli, p, o, value);
    if (p->npending == (int)(sizeof p->pending / sizeof p->pending[0]))
        return problem(p, "too many options before the command");
    p->pending[p->npending].opt = o;
    p->pending[p->npending].name = o->name;
    p->pending[p->npending++].value = value;
    return 0;
}

/* Reads the short options of ARGV[*I] ("-v", "-vq", "-cFILE", "-c FILE"). */
static int
short_options(struct cli *cli, struct parse *p, int argc, char **argv, int *i)
{
    const struct cli_opt *opts[CLI_MAX_OPTS + 8];
    size_t n = valid_opts(cli, opts, CLI_MAX_OPTS + 8);

    for (const char *c = argv[*i] + 1; *c; c++) {
        const struct cli_opt *o = NULL;
        for (size_t k = 0; k < n && !o; k++)
            if (opts[k]->letter == *c)
                o = opts[k];
        if (!o)
            return problem(p, "unknown option -%c", *c);
        if (!o->arg) {
            apply(cli, p, o, "");
            continue;
        }
        if (c[1])
            return apply(cli, p, o, c + 1);
        if (*i + 1 >= argc)
            return problem(p, "option -%c needs a value (%s)", *c, o->arg);
        return apply(cli, p, o, argv[++*i]);
    }
    return 0;
}

/* A word that is not an option: the next command word, or an operand. */
static int
operand(struct cli *cli, struct parse *p, char *word)
{
    const struct cli_cmd *cmd = deepest(cli);

    if (cmd->subs && cli->argc == 0 && cli->depth < 3) {
        const char *names[MAX_CANDIDATES];
        size_t n = 0;
        char hint[128];
        for (const struct cli_cmd *const *s = cmd->subs; *s; s++) {
            if (strcmp((*s)->name, word) == 0) {
                cli->path[cli->depth++] = *s;
                return 0;
            }
            if (n < MAX_CANDIDATES)
                names[n++] = (*s)->name;
        }
        return problem(p, "unknown command \"%s\"%s", word,
                       suggest_hint(word, names, n, "", hint, sizeof hint));
    }
    if (cli->argc == CLI_MAX_OPERANDS)
        return problem(p, "too many operands");
    cli->argv[cli->argc++] = word;
    return 0;
}

/* The names of the operands SYNOPSIS shows outside brackets ("REF", "ADDRESS..."),
 * after the first SKIP, into OUT: "missing ADDRESS", said when too few are given. */
static void
missing_operands(const char *synopsis, int skip, char *out, size_t size)
{
    int depth = 0, after_option = 0, n = 0;
    size_t o = 0;

    out[0] = '\0';
    for (const char *p = synopsis; *p;) {
        size_t len = strcspn(p, " ");
        int top = depth == 0 && *p != '[';
        for (size_t k = 0; k < len; k++)
            depth += (p[k] == '[') - (p[k] == ']');
        if (top && !after_option && *p >= 'A' && *p <= 'Z' && n++ >= skip && o < size)
            o += (size_t)snprintf(out + o, size - o, " %.*s", (int)len, p);
        after_option = top && *p == '-';
        p += len;
        p += strspn(p, " ");
    }
}

/* What the whole command line says once read: options given early, operand counts. */
static int
finish(struct cli *cli, struct parse *p)
{
    const struct cli_cmd *cmd = deepest(cli);
    const struct cli_opt *opts[CLI_MAX_OPTS + 8];
    size_t n = valid_opts(cli, opts, CLI_MAX_OPTS + 8);
    char name[128];

    for (int k = 0; k < p->npending; k++) {
        int ambiguous;
        const struct cli_opt *o =
            find_long(opts, n, p->pending[k].name, strlen(p->pending[k].name), &ambiguous);
        if (!o || !o->arg != !p->pending[k].opt->arg)
            return problem(p, "unknown option --%s (not an option of %s)", p->pending[k].name,
                           cli_name(cli, name, sizeof name));
        apply(cli, p, o, p->pending[k].value);
    }
    if (cmd->subs) {
        char list[512] = "";
        size_t o = 0;
        for (const struct cli_cmd *const *s = cmd->subs; *s && o < sizeof list; s++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "", (*s)->name);
        return problem(p, "no command given (one of %s)", list);
    }
    if (cli->argc < cmd->min_operands) {
        char words[256];
        missing_operands(cmd->synopsis, cli->argc, words, sizeof words);
        return problem(p, "missing%s", *words ? words : " operands");
    }
    if (cmd->max_operands >= 0 && cli->argc > cmd->max_operands) {
        if (cmd->max_operands == 0)
            return problem(p, "takes no operands, not \"%s\"", cli->argv[0]);
        return problem(p, "unexpected operand \"%s\"", cli->argv[cmd->max_operands]);
    }
    return 0;
}

int
cli_parse(struct cli *cli, const struct cli_cmd *prog, int argc, char **argv)
{
    struct parse p = {0};
    const char *env = getenv("DOORSTEP_CONFIG");
    int ended = 0;

    memset(cli, 0, sizeof *cli);
    cli->prog = prog;
    cli->path[0] = prog;
    cli->depth = 1;
    cli->config_path = env && *env ? env : "./doorstep.ini";
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (!ended && p.error[0]) {
            /* after a mistake only --help still counts (and "--" still ends options) */
            p.help |= strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
            ended = strcmp(a, "--") == 0;
        } else if (!ended && strcmp(a, "--") == 0) {
            ended = 1;
        } else if (!ended && a[0] == '-' && a[1] == '-') {
            long_option(cli, &p, argc, argv, &i);
        } else if (!ended && a[0] == '-' && a[1]) {
            short_options(cli, &p, argc, argv, &i);
        } else if (!p.error[0]) {
            operand(cli, &p, a);
        }
    }
    if (p.help) {
        print_help(cli);
        return fflush(stdout) == 0 ? 0 : EX_IOERR;
    }
    if (p.version && !p.error[0]) {
        printf("%s (doorstep) %s\n", prog->name, DOORSTEP_VERSION);
        return 0;
    }
    if (!p.error[0])
        finish(cli, &p);
    if (p.error[0])
        return cli_usage_error(cli, "%s", p.error);
    if (p.quiet)
        cli->verbosity = -1;
    log_init(prog->name, cli->verbosity);
    if (cli->use_syslog)
        log_to_syslog();
    return -1;
}

int
cli_run(const struct cli *cli)
{
    for (int d = cli->depth - 1; d >= 0; d--)
        if (cli->path[d]->run)
            return cli->path[d]->run(cli);
    return EX_SOFTWARE;
}

const char *
cli_value(const struct cli *cli, const char *name)
{
    for (int i = 0; i < cli->ngiven; i++)
        if (strcmp(cli->given[i].opt->name, name) == 0)
            return cli->given[i].value;
    return NULL;
}

int
cli_count(const struct cli *cli, const char *name)
{
    for (int i = 0; i < cli->ngiven; i++)
        if (strcmp(cli->given[i].opt->name, name) == 0)
            return cli->given[i].count;
    return 0;
}

int
cli_open(const struct cli *cli, conf **c, sqlite3 **db)
{
    char err[4096];

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

void
cli_user(char *out, size_t size)
{
    const struct passwd *pw = getpwuid(geteuid());
    const char *sudo = getenv("SUDO_USER");

    if (sudo && *sudo && (!pw || strcmp(sudo, pw->pw_name) != 0))
        snprintf(out, size, "%s", sudo);
    else if (pw && pw->pw_name && *pw->pw_name)
        snprintf(out, size, "%s", pw->pw_name);
    else
        snprintf(out, size, "uid %ld", (long)geteuid());
}
