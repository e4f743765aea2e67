/* cmd_rota.c — `doorstep rota assign|unassign|list`: a coordinator puts a volunteer on the
 * rota or takes one off by command, and sees the coming days' places and gaps. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "day.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "members.h"

#define MAX_WORDS 32
#define MAX_AHEAD 366 /* days ahead a place may be given */

static const char *const weekday_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
static const char *const month_names[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

/* What one assign or unassign is about, once read. */
struct slot {
    const struct conf_task *task;
    time_t day;
    char date[DAY_SIZE]; /* YYYY-MM-DD, as stored */
    char when[64]; /* "Thursday 26 November 2026", for messages */
    char address[256];
};

/* "Thursday 26 November 2026" */
static void
long_date(time_t t, char *out, size_t outlen)
{
    struct tm tm;

    localtime_r(&t, &tm);
    snprintf(out, outlen, "%s %d %s %d", weekday_names[(tm.tm_wday + 6) % 7], tm.tm_mday,
             month_names[tm.tm_mon], tm.tm_year + 1900);
}

/* The days a task runs, as the config says them: "thu", "mon, wed" or "every day". */
static void
task_days(const struct conf_task *t, char *out, size_t outlen)
{
    size_t o = 0;

    if (t->days == 0x7f) {
        snprintf(out, outlen, "every day");
        return;
    }
    out[0] = '\0';
    for (int d = 0; d < 7 && o < outlen; d++)
        if (day_in(t->days, d))
            o += (size_t)snprintf(out + o, outlen - o, "%s%s", o ? ", " : "", weekday_names[d]);
}

static int
valid_address(const char *s)
{
    const char *at = strchr(s, '@');

    if (!at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(s) > 254)
        return 0;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("<>,;\"()[]\\", *p))
            return 0;
    return at[1] != '.' && s[strlen(s) - 1] != '.';
}

/* Reads "TASK... DATE... ADDRESS" from the words of ARGV: the address is the last
 * word, the date the longest run of words before it (up to four) that reads as a day,
 * and the task the words before that. Returns 0, EX_USAGE or EX_DATAERR (with the
 * reason logged). */
static int
read_slot(const struct cli *cli, const conf *c, const char *verb, int argc, char *const *argv,
          struct slot *s)
{
    char buf[1024], *w[MAX_WORDS], *save = NULL, task[512], date[256], bad[256], days[128];
    time_t today = clock_day_start(clock_now());
    int n = 0, ambiguous = 0, k, why = DAY_UNREADABLE;
    size_t o = 0;

    for (int i = 0; i < argc && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? " " : "", argv[i]);
    for (char *t = strtok_r(buf, " \t", &save); t && n < MAX_WORDS;
         t = strtok_r(NULL, " \t", &save))
        w[n++] = t;
    /* EX_USAGE spelt out, not cli_usage_error's value: the analyzer cannot see into
     * cli.c and would follow a 0 that leaves S->task NULL into change() */
    if (n < 3) {
        cli_usage_error(cli, "rota %s TASK DATE ADDRESS", verb);
        return EX_USAGE;
    }
    if (!valid_address(w[n - 1]) || strlen(w[n - 1]) >= sizeof s->address) {
        log_error("rota %s: \"%s\" is not an email address", verb, w[n - 1]);
        return EX_DATAERR;
    }
    snprintf(s->address, sizeof s->address, "%s", w[n - 1]);
    snprintf(bad, sizeof bad, "%s", w[n - 2]);
    for (k = n - 2 < 4 ? n - 2 : 4; k >= 1; k--) {
        int r;
        o = 0;
        for (int i = n - 1 - k; i < n - 1; i++)
            o += (size_t)snprintf(date + o, sizeof date - o, "%s%s", o ? " " : "", w[i]);
        if ((r = day_parse(date, clock_now(), &s->day)) == DAY_OK)
            break;
        if (r == DAY_MISMATCH) { /* "Fri 26 Nov" when the 26th is a Thursday */
            why = r, snprintf(bad, sizeof bad, "%s", date);
            k = 0;
            break;
        }
    }
    if (k < 1) {
        if (why == DAY_MISMATCH)
            log_error("rota %s: \"%s\": the weekday does not match the date", verb, bad);
        else
            log_error("rota %s: \"%s\" is not a date (YYYY-MM-DD, today, tomorrow, a weekday, "
                      "or a day like \"30 Nov\")",
                      verb, bad);
        return EX_DATAERR;
    }
    n -= k;
    o = 0;
    for (int i = 0; i < n - 1; i++)
        o += (size_t)snprintf(task + o, sizeof task - o, "%s%s", i ? " " : "", w[i]);
    if (!(s->task = conf_task_find(c, task, &ambiguous))) {
        size_t ntasks;
        const struct conf_task *tasks = conf_tasks(c, &ntasks);
        o = 0;
        days[0] = '\0';
        for (size_t i = 0; i < ntasks && o < sizeof days; i++)
            o += (size_t)snprintf(days + o, sizeof days - o, "%s%s", i ? ", " : "", tasks[i].name);
        log_error("rota %s: \"%s\" %s of [rota] in %s (%s: %s)", verb, task,
                  ambiguous ? "matches more than one task" : "is not a task", conf_file(c),
                  ntasks ? "tasks" : "there are no tasks", ntasks ? days : "add one");
        return EX_DATAERR;
    }
    clock_date(s->day, s->date);
    long_date(s->day, s->when, sizeof s->when);
    if (s->day < today) {
        log_error("rota %s: %s is in the past", verb, s->when);
        return EX_DATAERR;
    }
    if (s->day > clock_add_days(today, MAX_AHEAD)) {
        log_error("rota %s: %s is more than a year ahead", verb, s->when);
        return EX_DATAERR;
    }
    if (!day_runs(s->task->days, s->day)) {
        task_days(s->task, days, sizeof days);
        log_error("rota %s: %s does not run on %s (it runs on %s)", verb, s->task->name, s->when,
                  days);
        return EX_DATAERR;
    }
    return 0;
}

/* The sysexits code of a failed SQLite call, logged. */
static int
db_failed(sqlite3 *db, int rc)
{
    db_log_errmsg(db);
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? EX_TEMPFAIL : EX_SOFTWARE;
}

/* The sign-ups of S's day whose task is S's task (matched as loosely as ever): their
 * count, and in *MINE the row of MEMBER (0 when none). Returns 0 or a sysexits code. */
static int
count_slot(sqlite3 *db, const conf *c, const struct slot *s, long long member, int *count,
           long long *mine)
{
    char err[512];
    sqlite3_stmt *st = db_prepare(db,
                                  "SELECT r.id, r.task, r.member_id FROM rota_slots r"
                                  " JOIN members m ON m.id = r.member_id"
                                  " WHERE r.day = ?1 AND m.status <> 'blocked'",
                                  err, sizeof err);
    int rc;

    *count = 0;
    *mine = 0;
    if (!st) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    sqlite3_bind_text(st, 1, s->date, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *task = (const char *)sqlite3_column_text(st, 1);
        if (!task || conf_task_find(c, task, NULL) != s->task)
            continue;
        (*count)++;
        if (sqlite3_column_int64(st, 2) == member)
            *mine = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_failed(db, rc);
}

/* The member of ADDRESS: *ID, *STATUS (a copy, caller frees); *ID 0 when unknown. */
static int
find_member(sqlite3 *db, const char *address, long long *id, char **status)
{
    char err[512];
    sqlite3_stmt *st =
        db_prepare(db, "SELECT id, status FROM members WHERE email = ?1", err, sizeof err);
    int rc;

    *id = 0;
    *status = NULL;
    if (!st) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    sqlite3_bind_text(st, 1, address, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *status = db_column_strdup(st, 1);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_failed(db, rc);
    if (*id && !*status) {
        log_error("out of memory");
        return EX_OSERR;
    }
    return 0;
}

/* Runs SQL with the text parameters A (?1) and B (?2) and the integers X (?3) and Y
 * (?4); *ROWID (may be NULL) gets the row inserted. Returns 0 or a sysexits code. */
static int
run(sqlite3 *db, const char *sql, const char *a, const char *b, long long x, long long y,
    long long *rowid)
{
    char err[512];
    sqlite3_stmt *st = db_prepare(db, sql, err, sizeof err);
    int rc;

    if (!st) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, x);
    sqlite3_bind_int64(st, 4, y);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_failed(db, rc);
    if (rowid)
        *rowid = sqlite3_last_insert_rowid(db);
    return 0;
}

/* Assign (ON) or unassign S.address, in one transaction. */
static int
change(sqlite3 *db, const conf *c, const struct slot *s, int on)
{
    char err[512], *status = NULL;
    long long member, mine;
    int count, rc;

    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if ((rc = find_member(db, s->address, &member, &status)) != 0)
        goto fail;
    if (member && strcmp(status, "blocked") == 0) {
        log_error("rota %s: %s is blocked", on ? "assign" : "unassign", s->address);
        rc = EX_DATAERR;
        goto fail;
    }
    if (!member && !on) {
        log_error("rota unassign: %s is not a member", s->address);
        rc = EX_DATAERR;
        goto fail;
    }
    /* order is important: the member exists before the place that refers to it */
    if (!member) {
        sqlite3_int64 id;
        if (members_add(db, s->address, NULL, "member", clock_now(), &id, err, sizeof err) < 0) {
            rc = db_failed(db, sqlite3_extended_errcode(db));
            goto fail;
        }
        member = id;
    }
    if ((rc = count_slot(db, c, s, member, &count, &mine)) != 0)
        goto fail;
    if (on && mine) {
        printf("%s is already on %s on %s (%d of %d)\n", s->address, s->task->name, s->when, count,
               s->task->needed);
    } else if (on) {
        if ((rc = run(db,
                      "INSERT INTO rota_slots (task, day, member_id, created_at)"
                      " VALUES (?1, ?2, ?3, ?4)",
                      s->task->name, s->date, member, (long long)clock_now(), NULL)) != 0)
            goto fail;
        count++;
        printf("%s assigned to %s on %s (%d of %d)\n", s->address, s->task->name, s->when, count,
               s->task->needed);
        if (count > s->task->needed)
            log_warn("%s on %s now has %d volunteers for %d places", s->task->name, s->when, count,
                     s->task->needed);
    } else if (!mine) {
        log_error("rota unassign: %s is not on %s on %s", s->address, s->task->name, s->when);
        rc = EX_DATAERR;
        goto fail;
    } else {
        if ((rc = run(db, "DELETE FROM rota_slots WHERE id = ?3", NULL, NULL, mine, 0, NULL)) != 0)
            goto fail;
        count--;
        printf("%s taken off %s on %s (%d of %d)\n", s->address, s->task->name, s->when, count,
               s->task->needed);
    }
    free(status);
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    return 0;
fail:
    free(status);
    db_rollback(db);
    return rc;
}

/* Prints the coming DAYS days: a line per place, filled or needed, and the sign-ups for
 * days or tasks the config no longer has. */
static int
list(sqlite3 *db, const conf *c, int days)
{
    char err[512], from[DAY_SIZE], to[DAY_SIZE], date[DAY_SIZE], when[64];
    size_t ntasks, width = 4;
    const struct conf_task *tasks = conf_tasks(c, &ntasks);
    time_t today = clock_day_start(clock_now());
    sqlite3_stmt *st;
    int filled = 0, needed = 0, rc = SQLITE_DONE;

    for (size_t t = 0; t < ntasks; t++)
        if (strlen(tasks[t].name) > width)
            width = strlen(tasks[t].name);
    clock_date(today, from);
    clock_date(clock_add_days(today, days - 1), to);
    if (!(st = db_prepare(db,
                          "SELECT r.task, m.email, m.name, m.status FROM rota_slots r"
                          " JOIN members m ON m.id = r.member_id WHERE r.day = ?1"
                          " ORDER BY r.created_at, r.id",
                          err, sizeof err))) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    for (int d = 0; d < days && rc == SQLITE_DONE; d++) {
        time_t day = clock_add_days(today, d);
        int wd = day_weekday(day);

        clock_date(day, date);
        snprintf(when, sizeof when, "%.3s %s", weekday_names[wd], date);
        /* each task of the day, then what matches no task of the day */
        for (size_t t = 0; t <= ntasks && rc == SQLITE_DONE; t++) {
            const struct conf_task *task = t < ntasks ? &tasks[t] : NULL;
            int have = 0;
            if (task && !day_in(task->days, wd))
                continue;
            sqlite3_reset(st);
            sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                const char *name = (const char *)sqlite3_column_text(st, 0);
                const char *email = (const char *)sqlite3_column_text(st, 1);
                const char *real = (const char *)sqlite3_column_text(st, 2);
                const char *status = (const char *)sqlite3_column_text(st, 3);
                const struct conf_task *match = name ? conf_task_find(c, name, NULL) : NULL;
                const char *note = "";
                if (task ? match != task : match && day_in(match->days, wd))
                    continue;
                if (!task)
                    note =
                        match ? "  (the task does not run this day)" : "  (not a task of [rota])";
                else if (status && strcmp(status, "blocked") == 0)
                    note = "  (blocked: not counted)";
                else if (status && strcmp(status, "pending") == 0)
                    note = "  (pending)";
                if (task && (!status || strcmp(status, "blocked") != 0))
                    have++, filled++;
                printf("%s  %-*s  ", when, (int)width, task ? task->name : name ? name : "?");
                if (task)
                    printf("%02d:%02d-%02d:%02d  ", task->start / 60, task->start % 60,
                           task->end / 60, task->end % 60);
                else
                    printf("%-11s  ", "");
                if (real && *real)
                    printf("%s <%s>%s\n", real, email ? email : "", note);
                else
                    printf("%s%s\n", email ? email : "", note);
            }
            if (rc != SQLITE_DONE)
                break;
            for (int k = have; task && k < task->needed; k++, needed++)
                printf("%s  %-*s  %02d:%02d-%02d:%02d  -- needed --\n", when, (int)width,
                       task->name, task->start / 60, task->start % 60, task->end / 60,
                       task->end % 60);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_failed(db, rc);
    printf("%s to %s: %d %s filled, %d still needed\n", from, to, filled,
           filled == 1 ? "place" : "places", needed);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        log_error("cannot write the rota to standard output");
        return EX_IOERR;
    }
    return 0;
}

static int
cmd_rota(const struct cli *cli)
{
    const char *verb = cli->path[cli->depth - 1]->name;
    struct slot s = {0};
    int days = 0, rc;
    conf *c;
    sqlite3 *db;

    if (cli_value(cli, "days")) {
        const char *v = cli_value(cli, "days");
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 1 || n > 62)
            return cli_usage_error(cli, "--days is a number of days from 1 to 62, not \"%s\"",
                                   v);
        days = (int)n;
    }
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (strcmp(verb, "list") == 0)
        rc = list(db, c, days ? days : (int)conf_int(c, "rota", "days"));
    else if ((rc = read_slot(cli, c, verb, cli->argc, cli->argv, &s)) == 0)
        rc = change(db, c, &s, strcmp(verb, "assign") == 0);
    db_close(db);
    conf_free(c);
    return rc;
}

static const struct cli_cmd rota_assign = {
    .name = "assign",
    .synopsis = "TASK DATE ADDRESS",
    .about = "Put a volunteer on the rota (DATE: 2026-11-26, tomorrow, thu, \"Thu 26 Nov\").",
    .min_operands = 3,
    .max_operands = -1,
    .run = cmd_rota,
};

static const struct cli_cmd rota_unassign = {
    .name = "unassign",
    .synopsis = "TASK DATE ADDRESS",
    .about = "Take a volunteer off the rota.",
    .min_operands = 3,
    .max_operands = -1,
    .run = cmd_rota,
};

static const struct cli_opt rota_list_opts[] = {
    {"days", 0, "N", "how many days ahead, 1 to 62 (default [rota] days)"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd rota_list = {
    .name = "list",
    .synopsis = "[--days N]",
    .about = "The coming days' places: who is on, and how many are still needed.",
    .opts = rota_list_opts,
    .run = cmd_rota,
};

static const struct cli_cmd *const rota_subs[] = {&rota_assign, &rota_unassign, &rota_list,
                                                  NULL};

const struct cli_cmd front_rota = {
    .name = "rota",
    .synopsis = "assign|unassign TASK DATE ADDRESS | list [--days N]",
    .about = "Fill the rota for volunteers who ring rather than write, and see its gaps.",
    .subs = rota_subs,
};
