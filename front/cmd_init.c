/* cmd_init.c — `doorstep init DIR` makes a group's working folder (config, password file,
 * database, output folder), and `doorstep check` says whether a config is ready to run. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "db.h"
#include "file.h"
#include "front.h"
#include "log.h"
#include "text.h"
#include "render.h"
#include "smtp.h"
#include "sources.h"

#define ANSWER_MAX 1024

/* The answers that make a config; "" when not given. */
struct setup {
    char name[ANSWER_MAX], address[ANSWER_MAX], phone[ANSWER_MAX];
    char imap_host[ANSWER_MAX], imap_user[ANSWER_MAX], streets[ANSWER_MAX * 4];
};

static const struct {
    const char *flag;
    size_t off, size;
    int required;
    const char *question;
} answers[] = {
    {"name", offsetof(struct setup, name), ANSWER_MAX, 1, "The group's name"},
    {"address", offsetof(struct setup, address), ANSWER_MAX, 1,
     "The group's email address (members write to it)"},
    {"phone", offsetof(struct setup, phone), ANSWER_MAX, 0,
     "A phone number for neighbours who are offline (empty: none)"},
    {"imap-host", offsetof(struct setup, imap_host), ANSWER_MAX, 1,
     "The IMAP server of that address (like imap.example.org)"},
    {"imap-user", offsetof(struct setup, imap_user), ANSWER_MAX, 0,
     "The IMAP login (empty: the group's address)"},
    {"streets", offsetof(struct setup, streets), ANSWER_MAX * 4, 0,
     "Streets by area, like \"north: Elm Street:48, Oak Road; south: Ash Grove\""},
};
#define NANSWERS (sizeof answers / sizeof answers[0])

/* Reads DIR and the options; asks what is missing on a terminal. Returns 0 or
 * EX_USAGE. */
static int
read_setup(const struct cli *cli, const char **dir, struct setup *s)
{
    char line[ANSWER_MAX * 4];

    *dir = cli->argv[0];
    for (size_t k = 0; k < NANSWERS; k++)
        if (cli_value(cli, answers[k].flag))
            text_copy_line((char *)s + answers[k].off, answers[k].size,
                           cli_value(cli, answers[k].flag));
    for (size_t k = 0; k < NANSWERS && isatty(STDIN_FILENO); k++) {
        char *field = (char *)s + answers[k].off;
        if (*field)
            continue;
        fprintf(stderr, "%s: ", answers[k].question);
        fflush(stderr);
        if (!fgets(line, sizeof line, stdin))
            break;
        text_copy_line(field, answers[k].size, line);
    }
    for (size_t k = 0; k < NANSWERS; k++)
        if (answers[k].required && !*((char *)s + answers[k].off))
            return cli_usage_error(cli, "--%s is needed (%s)", answers[k].flag,
                                   answers[k].question);
    if (!*s->imap_user)
        snprintf(s->imap_user, sizeof s->imap_user, "%s", s->address);
    return 0;
}

/* Writes "KEY = VALUE", quoting a value with ";" or "#" (comments otherwise). A value
 * with a double quote cannot be written: -1. */
static int
ini_line(FILE *f, const char *key, const char *value)
{
    if (strchr(value, '"'))
        return -1;
    fprintf(f, strpbrk(value, ";#") ? "%s = \"%s\"\n" : "%s = %s\n", key, value);
    return 0;
}

/* The [areas] lines of "north: Elm Street:48, Oak Road; south: Ash Grove". Returns 0 or
 * -1 (with the reason in ERR). */
static int
write_areas(FILE *f, const char *streets, char *err, size_t errlen)
{
    char *copy = strdup(streets), *save = NULL;
    int n = 0;

    if (!copy) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (char *a = strtok_r(copy, ";", &save); a; a = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(a, ':'), name[128], list[ANSWER_MAX * 4];
        if (!colon) {
            snprintf(err, errlen, "--streets: \"%s\" has no area name (like \"north: Elm "
                                  "Street, Oak Road\")",
                     a);
            free(copy);
            return -1;
        }
        *colon = '\0';
        text_copy_line(name, sizeof name, a);
        text_copy_line(list, sizeof list, colon + 1);
        if (!*name || !*list || strpbrk(name, "=[]\"") || strchr(list, '"')) {
            snprintf(err, errlen, "--streets: \"%s\" needs an area name and its streets", a);
            free(copy);
            return -1;
        }
        for (char *p = name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        ini_line(f, name, list);
        n++;
    }
    free(copy);
    if (!n)
        fprintf(f, "; north = Elm Street:48, Oak Road:36\n");
    return 0;
}

/* The config text of S; malloc'd in *TEXT. Returns 0 or -1 with ERR set. */
static int
config_text(const struct setup *s, char **text, char *err, size_t errlen)
{
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    int bad = 0;

    if (!f) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    fprintf(f, "; doorstep configuration, made by doorstep init. Every key is described in\n"
               "; doorstep.ini(5) and in the example config. Passwords are never written here.\n"
               "\n[group]\n");
    bad |= ini_line(f, "name", s->name);
    bad |= ini_line(f, "address", s->address);
    bad |= ini_line(f, "phone", s->phone);
    fprintf(f, "timezone = Europe/London\n"
               "; unknown: a new sender's first posts wait for doorstep member approve\n"
               "moderation = unknown\n"
               "coordinators =\n"
               "\n[database]\npath = doorstep.db\n"
               "\n[fetch]\nsource = imap\n"
               "\n[imap]\n");
    bad |= ini_line(f, "host", s->imap_host);
    bad |= ini_line(f, "user", s->imap_user);
    fprintf(f, "; the password on the first line; readable by its owner only (chmod 600)\n"
               "password_file = imap.password\n"
               "\n[smtp]\n"
               "; file: the digest is only written to out/sent/ until you set method = smtp\n"
               "; (host, user, password_file) or sendmail\n"
               "method = file\n"
               "\n[digest]\n");
    bad |= ini_line(f, "to", s->address);
    fprintf(f, "\n[output]\ndir = out\n"
               "\n[areas]\n"
               "; AREA = Street:doors, Street:doors, ...\n");
    if (bad) {
        fclose(f);
        free(*text);
        snprintf(err, errlen, "an answer holds a double quote, which a config cannot");
        return -1;
    }
    if (write_areas(f, s->streets, err, errlen) < 0) {
        fclose(f);
        free(*text);
        return -1;
    }
    fprintf(f, "\n[rota]\ndays = 7\n; TASK = DAYS HH:MM-HH:MM xPEOPLE, like:\n"
               "; food bank = thu 10:00-12:00 x2\n");
    if (fclose(f) != 0) {
        free(*text);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

/* Makes the working folder DIR for S. Returns 0 or a sysexits code (logged). */
static int
make_folder(const char *dir, const struct setup *s)
{
    char err[1024], path[4096], *text = NULL;
    struct stat st;
    conf *c;
    sqlite3 *db;
    int fd;

    snprintf(path, sizeof path, "%s/doorstep.ini", dir);
    if (stat(path, &st) == 0) {
        log_error("init: %s already exists; it is left as it is (remove it to start again)",
                  path);
        return EX_CANTCREAT;
    }
    if (config_text(s, &text, err, sizeof err) < 0) {
        log_error("init: %s", err);
        return EX_DATAERR;
    }
    if (file_mkdirs(dir, 0700, err, sizeof err) < 0 ||
        file_write_private(path, text, strlen(text), err, sizeof err) < 0) {
        free(text);
        log_error("init: %s", err);
        return EX_CANTCREAT;
    }
    free(text);
    if (!(c = conf_load(path, err, sizeof err))) {
        log_error("init: the config made from the answers is not valid:\n%s", err);
        unlink(path);
        return EX_DATAERR;
    }
    snprintf(path, sizeof path, "%s/imap.password", dir);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        log_error("init: %s: %s", path, strerror(errno));
        conf_free(c);
        return EX_CANTCREAT;
    }
    if (fd >= 0)
        close(fd);
    if (chmod(path, 0600) < 0) {
        log_error("init: %s: %s", path, strerror(errno));
        conf_free(c);
        return EX_CANTCREAT;
    }
    if (file_mkdirs(conf_str(c, "output", "dir"), 0755, err, sizeof err) < 0 ||
        !(db = db_open(conf_str(c, "database", "path"), err, sizeof err))) {
        log_error("init: %s", err);
        conf_free(c);
        return EX_CANTCREAT;
    }
    db_close(db);
    /* the instance name of doorstep-daily@.service: the folder's last part */
    const char *base = strrchr(dir, '/');
    base = base && base[1] ? base + 1 : dir;
    printf("Made %s: doorstep.ini, imap.password (empty, mode 600), doorstep.db, out/\n"
           "Next:\n"
           "  1. Put the mailbox's password on the first line of %s/imap.password\n"
           "  2. Read %s/doorstep.ini: add the streets of [areas], the tasks of [rota],\n"
           "     the coordinators; the digest goes to out/sent/ until [smtp] method = smtp\n"
           "  3. doorstep -c %s/doorstep.ini check\n"
           "  4. doorstep -c %s/doorstep.ini -v daily, then doorstep -c %s/doorstep.ini status\n"
           "  5. Every morning: systemctl enable --now doorstep-daily@%s.timer (a folder in\n"
           "     /var/lib/doorstep), or a cron line (README)\n",
           dir, dir, dir, dir, dir, dir, base);
    conf_free(c);
    return 0;
}

static int
cmd_init(const struct cli *cli)
{
    struct setup s = {0};
    const char *dir;
    int rc;

    if ((rc = read_setup(cli, &dir, &s)) != 0)
        return rc;
    return make_folder(dir, &s);
}

static const struct cli_opt init_opts[] = {
    {"name", 0, "TEXT", "the group's name"},
    {"address", 0, "EMAIL", "the group's email address (members write to it)"},
    {"phone", 0, "TEXT", "a phone number for neighbours who are offline"},
    {"imap-host", 0, "HOST", "the IMAP server of that address"},
    {"imap-user", 0, "NAME", "the IMAP login (default: the group's address)"},
    {"streets", 0, "LIST", "streets by area: \"north: Elm Street:48, Oak Road; south: ...\""},
    {NULL, 0, NULL, NULL},
};

const struct cli_cmd front_init = {
    .name = "init",
    .synopsis = "DIR [--name TEXT] [--address EMAIL] [--phone TEXT] [--imap-host HOST] "
                "[--imap-user NAME] [--streets LIST]",
    .about = "Make a group's working folder (config, password file, database, out/), asking "
             "on a terminal for what is missing.",
    .opts = init_opts,
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_init,
};

/* One line of the check: "ok", "FAILED" or "not tested", what, and detail. */
static void
report(int ok, const char *what, const char *detail)
{
    printf("%-10s %s%s%s\n", ok > 0 ? "ok" : ok == 0 ? "FAILED" : "not tested", what,
           *detail ? ": " : "", detail);
}

/* A password of SECTION can be read (never printed). Returns 1 or 0. */
static int
check_password(const conf *c, const char *section)
{
    char err[1024], what[64];
    char *pw = conf_password(c, section, err, sizeof err);

    snprintf(what, sizeof what, "%s password", section);
    if (!pw) {
        report(0, what, err);
        return 0;
    }
    explicit_bzero(pw, strlen(pw));
    free(pw);
    report(1, what, "can be read");
    return 1;
}

/* Whether the file PATH can be read, reported as WHAT. Returns 1 or 0. */
static int
check_readable(const char *what, const char *path)
{
    char detail[4200];
    int ok = access(path, R_OK) == 0;

    snprintf(detail, sizeof detail, "%s%s%s", path, ok ? "" : ": ", ok ? "" : strerror(errno));
    report(ok, what, detail);
    return ok;
}

/* Warns when others may read PATH (mode & 077), naming the chmod that stops it, for
 * the group folder (DIR), the database and the folder of the mail copies. */
static void
check_private(const char *what, const char *path, int dir)
{
    struct stat st;
    char detail[4300];

    if (stat(path, &st) < 0)
        return;
    if ((st.st_mode & 077) == 0) {
        snprintf(detail, sizeof detail, "%s (mode %03o)", path, (unsigned)(st.st_mode & 0777));
        report(1, what, detail);
        return;
    }
    snprintf(detail, sizeof detail, "%s is mode %03o: others can read it; run: chmod %s %s", path,
             (unsigned)(st.st_mode & 0777), dir ? "700" : "600", path);
    printf("%-10s %s: %s\n", "warning", what, detail);
}

/* The privacy lines: who can read the files, and what forgetting does to the mailbox. */
static void
check_privacy(const conf *c)
{
    char path[4200], *slash;
    const char *db = conf_str(c, "database", "path");

    snprintf(path, sizeof path, "%s", conf_file(c));
    if ((slash = strrchr(path, '/')))
        *(slash == path ? slash + 1 : slash) = '\0';
    else
        snprintf(path, sizeof path, ".");
    check_private("group folder", path, 1);
    check_private("database file", db, 0);
    snprintf(path, sizeof path, "%s-wal", db);
    check_private("database log", path, 0);
    purge_sent_dir(c, path, sizeof path);
    check_private("sent mail folder", path, 1);
    report(1, "privacy",
           conf_bool(c, "privacy", "delete_from_mailbox")
               ? "delete_from_mailbox = yes: purge and member forget also delete those "
                 "messages from the mailbox (IMAP with UIDPLUS, maildir; never an mbox)"
               : "delete_from_mailbox = no: purge and member forget leave the mailbox as it "
                 "is; its messages stay there until someone deletes them");
}

static int
cmd_check(const struct cli *cli)
{
    char err[1024], detail[4200];
    const char *source, *method;
    char *templates;
    conf *c;
    sqlite3 *db;
    int good = 1, rc;

    if ((rc = cli_open(cli, &c, &db)) != 0) {
        report(0, "config", "see above");
        return rc;
    }
    report(1, "config", conf_file(c));
    snprintf(detail, sizeof detail, "%s (schema version %d)", conf_str(c, "database", "path"),
             db_schema_version());
    report(1, "database", detail);
    db_close(db);
    source = conf_str(c, "fetch", "source");
    if (strcmp(source, "imap") == 0) {
        if (check_password(c, "imap")) {
            signal(SIGPIPE, SIG_IGN);
            rc = fetch_imap_check(c, detail, sizeof detail, err, sizeof err) == 0;
            report(rc, "imap login and certificate", rc ? detail : err);
            good &= rc;
        } else {
            good = 0;
        }
    } else {
        const char *path = strchr(source, ':') ? strchr(source, ':') + 1 : source;
        good &= check_readable("mail source", path);
    }
    method = conf_str(c, "smtp", "method");
    if (strcmp(method, "smtp") == 0) {
        if (!*conf_str(c, "smtp", "user") || check_password(c, "smtp")) {
            signal(SIGPIPE, SIG_IGN);
            rc = smtp_check(c, err, sizeof err) == 0;
            snprintf(detail, sizeof detail, "%s%s%s", conf_str(c, "smtp", "host"),
                     *conf_str(c, "smtp", "user") ? " as " : "", conf_str(c, "smtp", "user"));
            report(rc, "smtp login and certificate", rc ? detail : err);
            good &= rc;
        } else {
            good = 0;
        }
    } else if (strcmp(method, "sendmail") == 0) {
        snprintf(detail, sizeof detail, "%s", conf_str(c, "smtp", "sendmail"));
        rc = access(detail, X_OK) == 0;
        report(rc, "sendmail", detail);
        good &= rc;
    } else {
        report(1, "smtp", "method = file: digests are written to a folder, not sent");
    }
    if ((templates = render_templates_dir(c, err, sizeof err))) {
        snprintf(detail, sizeof detail, "%s/digest.txt", templates);
        good &= check_readable("templates", detail);
        free(templates);
    } else {
        report(0, "templates", err);
        good = 0;
    }
    good &= check_readable("font", conf_str(c, "output", "font"));
    good &= check_readable("bold font", conf_str(c, "output", "font_bold"));
    check_privacy(c);
    conf_free(c);
    printf(good ? "Ready: doorstep daily can run.\n"
                : "Not ready: fix the FAILED lines above.\n");
    return good ? 0 : EX_CONFIG;
}

const struct cli_cmd front_check = {
    .name = "check",
    .synopsis = "",
    .about = "Is the config ready: passwords, the IMAP and SMTP logins and certificates "
             "(nothing fetched or sent), the mail source, templates, fonts.",
    .run = cmd_check,
};
