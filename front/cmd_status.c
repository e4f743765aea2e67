/* cmd_status.c — `doorstep status`: what the group's database holds and what waits for a
 * coordinator, as plain text, with the commands to run next. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "day.h"
#include "db.h"
#include "front.h"
#include "log.h"

#define MAX_TODO 12

/* The state of one status run: the database, the first SQL error, what to do next. */
struct status {
    sqlite3 *db;
    const conf *c;
    int failed;
    char todo[MAX_TODO][256];
    int ntodo;
};

static void
todo(struct status *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
todo(struct status *s, const char *fmt, ...)
{
    va_list ap;

    if (s->ntodo >= MAX_TODO)
        return;
    va_start(ap, fmt);
    vsnprintf(s->todo[s->ntodo++], sizeof s->todo[0], fmt, ap);
    va_end(ap);
}

/* Prepares SQL, logging a failure (once) in S. */
static sqlite3_stmt *
prepare(struct status *s, const char *sql)
{
    char err[512];
    sqlite3_stmt *st = db_prepare(s->db, sql, err, sizeof err);

    if (!st && !s->failed++)
        log_error("%s", err);
    return st;
}

/* Steps ST once more; SQLITE_ROW or 0 (done or failed, the failure logged). */
static int
step(struct status *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);

    if (rc == SQLITE_ROW)
        return rc;
    if (rc != SQLITE_DONE && !s->failed++)
        db_log_errmsg(s->db);
    return 0;
}

/* The first column of the first row of SQL as an integer (0 when none or on error). */
static long long
number(struct status *s, const char *sql)
{
    sqlite3_stmt *st = prepare(s, sql);
    long long n = 0;

    if (st && step(s, st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static const char *
plural(long long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "2026-11-25 08:00" */
static void
short_time(time_t t, char out[32])
{
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

static void
mail_in(struct status *s)
{
    long long fetched = number(s, "SELECT max(fetched_at) FROM messages");
    long long mailbox = number(s, "SELECT max(updated_at) FROM mailbox_state");
    long long waiting = number(s, "SELECT count(*) FROM messages WHERE state = 'new'");
    long long total = number(s, "SELECT count(*) FROM messages");
    long long last = fetched > mailbox ? fetched : mailbox;
    char when[32];

    printf("Mail\n");
    if (last) {
        short_time((time_t)last, when);
        printf("  last fetch: %s (%lld %s in the database)\n", when, total,
               plural(total, "message", "messages"));
    } else {
        printf("  last fetch: never\n");
        todo(s, "no mail fetched yet: doorstep daily");
    }
    printf("  waiting to be read: %lld\n", waiting);
    if (waiting)
        todo(s, "%lld %s not read yet: doorstep daily", waiting,
             plural(waiting, "message is", "messages are"));
}

static void
posts_by_area(struct status *s)
{
    sqlite3_stmt *st = prepare(s, "SELECT coalesce(area, '(no area)'), "
                                  "sum(kind = 'request'), sum(kind = 'offer') FROM posts"
                                  " WHERE status = 'open' GROUP BY area ORDER BY area IS NULL, area");
    long long req = 0, off = 0;

    printf("\nOpen posts\n");
    while (st && step(s, st) == SQLITE_ROW) {
        long long r = sqlite3_column_int64(st, 1), o = sqlite3_column_int64(st, 2);
        printf("  %-16s %lld %s, %lld %s\n", (const char *)sqlite3_column_text(st, 0), r,
               plural(r, "request", "requests"), o, plural(o, "offer", "offers"));
        req += r, off += o;
    }
    sqlite3_finalize(st);
    printf("  %-16s %lld %s, %lld %s\n", "all", req, plural(req, "request", "requests"), off,
           plural(off, "offer", "offers"));
}

static void
waiting_on_coordinators(struct status *s)
{
    long long members = number(s, "SELECT count(*) FROM members WHERE status = 'pending'");
    long long held = number(s, "SELECT count(*) FROM posts WHERE status = 'held'");
    long long triage = number(s, "SELECT count(*) FROM posts WHERE status = 'triage'");
    /* as triage list counts them: a note whose post is closed is settled */
    long long notes = number(s, "SELECT count(*) FROM triage t LEFT JOIN posts p ON p.id = t.post"
                                " WHERE t.resolved_at IS NULL"
                                " AND (p.id IS NULL OR p.status IN ('open', 'held', 'triage'))");
    long long quarantined =
        number(s, "SELECT count(*) FROM messages WHERE state = 'quarantined'");
    sqlite3_stmt *st;

    printf("\nWaiting for a coordinator\n");
    printf("  members held: %lld (with %lld held %s)\n", members, held,
           plural(held, "post", "posts"));
    if ((st = prepare(s, "SELECT email FROM members WHERE status = 'pending'"
                         " ORDER BY joined_at, id LIMIT 5")))
        while (step(s, st) == SQLITE_ROW)
            printf("    %s\n", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (members > 5)
        printf("    and %lld more (doorstep member list pending)\n", members - 5);
    if (members)
        todo(s, "%lld %s: doorstep member approve ADDRESS (or member block ADDRESS)", members,
             plural(members, "member waits", "members wait"));
    printf("  triage: %lld %s, %lld open %s\n", triage, plural(triage, "post", "posts"), notes,
           plural(notes, "note", "notes"));
    if ((st = prepare(s, "SELECT t.reason FROM triage t LEFT JOIN posts p ON p.id = t.post"
                         " WHERE t.resolved_at IS NULL"
                         " AND (p.id IS NULL OR p.status IN ('open', 'held', 'triage'))"
                         " ORDER BY t.id DESC LIMIT 5")))
        while (step(s, st) == SQLITE_ROW)
            printf("    %s\n", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (notes || triage)
        todo(s, "%lld triage %s: doorstep triage list, then doorstep triage resolve N "
                "[--as request|offer|none|closing]",
             notes ? notes : triage, plural(notes ? notes : triage, "note", "notes"));
    printf("  quarantined messages: %lld\n", quarantined);
    if ((st = prepare(s, "SELECT id, coalesce(reason, '') FROM messages"
                         " WHERE state = 'quarantined' ORDER BY id DESC LIMIT 5")))
        while (step(s, st) == SQLITE_ROW)
            printf("    message %lld: %s\n", (long long)sqlite3_column_int64(st, 0),
                   (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    if (quarantined)
        todo(s, "%lld quarantined %s: read them in the mailbox (doorstep export messages "
                "lists the reasons)",
             quarantined, plural(quarantined, "message", "messages"));
}

static void
mail_out(struct status *s)
{
    long long queued =
        number(s, "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')");
    long long failed = number(s, "SELECT count(*) FROM outbox WHERE state = 'failed'");
    long long sent = number(s, "SELECT count(*) FROM outbox WHERE state = 'sent'");
    sqlite3_stmt *st;

    printf("\nMail out\n");
    printf("  queued: %lld, failed: %lld, sent: %lld\n", queued, failed, sent);
    if ((st = prepare(s, "SELECT key, state, coalesce(last_error, '') FROM outbox"
                         " WHERE state <> 'sent' ORDER BY id DESC LIMIT 5")))
        while (step(s, st) == SQLITE_ROW) {
            const char *e = (const char *)sqlite3_column_text(st, 2);
            printf("    %s: %s%s%s\n", (const char *)sqlite3_column_text(st, 0),
                   (const char *)sqlite3_column_text(st, 1), *e ? ": " : "", e);
        }
    sqlite3_finalize(st);
    if (queued || failed)
        todo(s, "%lld %s not sent: fix what the error says ([smtp] in %s), then doorstep daily",
             queued + failed, plural(queued + failed, "message", "messages"), conf_file(s->c));
}

/* The places of this week (today and the six days after) still needed. */
static void
rota_gaps(struct status *s)
{
    size_t ntasks;
    const struct conf_task *tasks = conf_tasks(s->c, &ntasks);
    time_t today = clock_day_start(clock_now());
    sqlite3_stmt *st = prepare(s, "SELECT r.task FROM rota_slots r JOIN members m"
                                  " ON m.id = r.member_id WHERE r.day = ?1"
                                  " AND m.status <> 'blocked'");
    long long gaps = 0;
    char date[DAY_SIZE];

    printf("\nRota gaps this week\n");
    for (int d = 0; st && d < 7; d++) {
        time_t day = clock_add_days(today, d);
        int wd = day_weekday(day);

        clock_date(day, date);
        for (size_t t = 0; t < ntasks; t++) {
            int have = 0;
            if (!day_in(tasks[t].days, wd))
                continue;
            sqlite3_reset(st);
            sqlite3_bind_text(st, 1, date, -1, SQLITE_STATIC);
            while (step(s, st) == SQLITE_ROW) {
                const char *name = (const char *)sqlite3_column_text(st, 0);
                if (name && conf_task_find(s->c, name, NULL) == &tasks[t])
                    have++;
            }
            if (have < tasks[t].needed) {
                printf("  %s  %s: %d of %d\n", date, tasks[t].name, have, tasks[t].needed);
                gaps += tasks[t].needed - have;
            }
        }
    }
    sqlite3_finalize(st);
    if (!ntasks)
        printf("  no tasks in [rota]\n");
    else if (!gaps)
        printf("  none\n");
    else
        todo(s, "%lld rota %s this week: doorstep rota assign TASK DATE ADDRESS", gaps,
             plural(gaps, "place is free", "places are free"));
}

static int
cmd_status(const struct cli *cli)
{
    struct status s = {0};
    conf *c;
    int rc;

    if ((rc = cli_open(cli, &c, &s.db)) != 0)
        return rc;
    s.c = c;
    printf("%s (%s)\n\n", conf_str(c, "group", "name"), conf_file(c));
    mail_in(&s);
    posts_by_area(&s);
    waiting_on_coordinators(&s);
    mail_out(&s);
    rota_gaps(&s);
    printf("\nNext\n");
    for (int i = 0; i < s.ntodo; i++)
        printf("  %s\n", s.todo[i]);
    if (!s.ntodo)
        printf("  nothing waits\n");
    db_close(s.db);
    conf_free(c);
    if (s.failed)
        return EX_SOFTWARE;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        log_error("cannot write the status to standard output");
        return EX_IOERR;
    }
    return 0;
}

const struct cli_cmd front_status = {
    .name = "status",
    .synopsis = "",
    .about = "What waits for a coordinator, what is open, and what to do next.",
    .run = cmd_status,
};
