/* cmd_announce.c — doorstep announce: a coordinator's one-off message to everyone who
 * gets the digest, queued in the outbox for the next run to send once
 * (render/announce.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "announce.h"
#include "clock.h"
#include "db.h"
#include "file.h"
#include "front.h"
#include "log.h"
#include "render.h"

#define BODY_MAX (1024 * 1024)

/* The text from PATH ("-" or NULL: standard input) into *BODY, CRLF as LF and the
 * blank lines at its end gone. Returns 0, or a sysexits code (logged). */
static int
read_body(const char *path, char **body, size_t *len)
{
    char err[512];
    struct {
        char *data;
        size_t len, cap;
    } b = {0};

    *body = NULL;
    if (path && strcmp(path, "-") != 0) {
        if (file_read(path, BODY_MAX, &b.data, &b.len, err, sizeof err) < 0) {
            log_error("%s", err);
            return errno == ENOENT || errno == EACCES ? EX_NOINPUT : EX_DATAERR;
        }
    } else {
        if (isatty(STDIN_FILENO))
            fprintf(stderr, "Type the announcement, then Ctrl-D on a line of its own:\n");
        for (;;) {
            if (b.len + 4096 + 1 > b.cap) {
                size_t ncap = b.cap ? b.cap * 2 : 8192;
                char *t = realloc(b.data, ncap);
                if (!t) {
                    free(b.data);
                    log_error("out of memory");
                    return EX_OSERR;
                }
                b.data = t;
                b.cap = ncap;
            }
            size_t n = fread(b.data + b.len, 1, 4096, stdin);
            b.len += n;
            if (b.len > BODY_MAX) {
                free(b.data);
                log_error("standard input: the text is larger than %d bytes", BODY_MAX);
                return EX_DATAERR;
            }
            if (n < 4096) {
                if (ferror(stdin)) {
                    free(b.data);
                    log_error("standard input: %s", strerror(errno));
                    return EX_IOERR;
                }
                break;
            }
        }
        if (!b.data && !(b.data = malloc(1))) {
            log_error("out of memory");
            return EX_OSERR;
        }
        b.data[b.len] = '\0';
    }
    /* CRLF as LF; the lines ending it without words dropped */
    size_t w = 0;
    for (size_t r = 0; r < b.len; r++)
        if (!(b.data[r] == '\r' && r + 1 < b.len && b.data[r + 1] == '\n'))
            b.data[w++] = b.data[r];
    while (w > 0 && strchr(" \t\r\n", b.data[w - 1]))
        w--;
    b.data[w] = '\0';
    *body = b.data;
    *len = w;
    return 0;
}

static int
cmd_announce(const struct cli *cli)
{
    const char *subject = cli_value(cli, "subject");
    int preview = cli_count(cli, "dry-run") + cli_count(cli, "preview") > 0;
    struct render_ctx rc = {0};
    char err[2048], *body = NULL, *templates = NULL;
    size_t len;
    long copies = 0, fresh = 0;
    conf *c = NULL;
    sqlite3 *db = NULL;
    int r;

    if (!subject)
        return cli_usage_error(cli, "--subject TEXT is needed (what the announcement is about)");
    if ((r = read_body(cli->argc > 0 ? cli->argv[0] : NULL, &body, &len)) != 0)
        return r;
    if (announce_check(subject, body, len, err, sizeof err) < 0) {
        log_error("%s", err);
        free(body);
        return !*subject || strspn(subject, " \t") == strlen(subject) ? EX_USAGE : EX_DATAERR;
    }
    if ((r = cli_open(cli, &c, &db)) != 0) {
        free(body);
        return r;
    }
    if (!(templates = render_templates_dir(c, err, sizeof err))) {
        log_error("%s", err);
        r = EX_CONFIG;
        goto done;
    }
    rc.conf = c;
    rc.db = db;
    rc.now = clock_now();
    rc.outdir = conf_str(c, "output", "dir");
    rc.templates = templates;
    clock_date(rc.now, rc.date);
    rc.outbox = (struct outbox){.conf = c, .db = db, .now = rc.now, .outdir = rc.outdir};
    r = announce_queue(&rc, subject, body, preview ? stdout : NULL, &copies, &fresh, err,
                       sizeof err);
    if (r != 0) {
        log_error("%s", err);
    } else if (!preview && cli->verbosity >= 0) {
        if (fresh == 0)
            printf("already queued today for its %ld %s: nothing more queued\n", copies,
                   copies == 1 ? "recipient" : "recipients");
        else
            printf("queued for %ld %s%s; the next doorstep-render or doorstep daily sends it\n",
                   fresh, fresh == 1 ? "recipient" : "recipients",
                   fresh < copies ? " (the others had it already)" : "");
    }
done:
    free(templates);
    free(body);
    db_close(db);
    conf_free(c);
    return r;
}

static const struct cli_opt announce_opts[] = {
    {"subject", 's', "TEXT", "what it is about, in a few words (the subject line)"},
    {"dry-run", 'n', NULL, "print the message and its recipients; queue nothing"},
    {"preview", 0, NULL, "the same as --dry-run"},
    {NULL, 0, NULL, NULL},
};

const struct cli_cmd front_announce = {
    .name = "announce",
    .synopsis = "--subject TEXT [FILE] [--dry-run]",
    .about = "Send a one-off message (from FILE, or standard input) to everyone who gets "
             "the digest, once, with the next run.",
    .opts = announce_opts,
    .max_operands = 1,
    .run = cmd_announce,
};
