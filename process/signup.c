/* signup.c — rota sign-ups by mail: "ROTA: food bank Thursday", "ROTA: check-in calls
 * Mon 30 Nov", "ROTA CANCEL food bank Thursday"; the task is matched loosely against
 * the config's [rota] tasks and the day resolved in the group's time zone. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "day.h"
#include "dates.h"
#include "log.h"
#include "proc.h"
#include "text.h"
#include "words.h"

#define MAX_DAYS 14

/* How well task T is named in W: 2 all its words (or its name written as one word,
 * "foodbank"), 1 all but one of two or more, 0 not. */
static int
task_score(const struct conf_task *t, const struct words *w)
{
    struct words tw = {0};
    char joined[WORD_KEY * 2] = "";
    size_t found = 0;
    int score = 0;

    if (words_split(t->name, &tw) < 0 || tw.n == 0) {
        words_free(&tw);
        return 0;
    }
    for (size_t i = 0; i < tw.n; i++) {
        int here = 0;
        for (size_t j = 0; j < w->n && !here; j++)
            here = strcmp(tw.w[i].key, w->w[j].key) == 0;
        found += here;
        strncat(joined, tw.w[i].raw, sizeof joined - strlen(joined) - 1);
    }
    for (size_t j = 0; j < w->n && found < tw.n; j++)
        if (tw.n > 1 && strcmp(w->w[j].raw, joined) == 0)
            found = tw.n;
    if (found == tw.n)
        score = 2;
    else if (tw.n >= 2 && found + 1 == tw.n)
        score = 1;
    words_free(&tw);
    return score;
}

/* The task W names best, or NULL; *TIE is set when two tasks are named as well. */
static const struct conf_task *
find_task(const conf *c, const struct words *w, int *tie)
{
    size_t n;
    const struct conf_task *tasks = conf_tasks(c, &n), *best = NULL;
    int best_score = 0;

    *tie = 0;
    for (size_t i = 0; i < n; i++) {
        int s = task_score(&tasks[i], w);
        if (s > best_score) {
            best = &tasks[i];
            best_score = s;
            *tie = 0;
        } else if (s > 0 && s == best_score) {
            *tie = 1;
        }
    }
    return best;
}

/* The days of the sign-up: those named in the subject, else in the text; none named
 * and the task runs on one weekday only: the next such day. Returns the count (0 with
 * WHY set when there is none). */
static size_t
signup_days(const struct msg *x, const struct conf_task *t, const struct words *subj,
            time_t *days, char *why, size_t whylen)
{
    struct words body = {0};
    time_t named[MAX_DAYS], day0 = clock_day_start(x->when);
    size_t n = dates_all(subj, x->when, named, MAX_DAYS), out = 0, wrong = 0, past = 0;
    unsigned weekdays = t->days;

    if (n == 0 && words_split(x->newtext, &body) == 0)
        n = dates_all(&body, x->when, named, MAX_DAYS);
    words_free(&body);
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t k = 0; k < out; k++)
            dup |= days[k] == named[i];
        if (dup)
            continue;
        if (named[i] < day0) {
            past++;
            continue;
        }
        if (!day_runs(t->days, named[i])) {
            wrong++;
            continue;
        }
        days[out++] = named[i];
    }
    if (out == 0 && n == 0 && (weekdays & (weekdays - 1)) == 0) {
        for (int d = 1; d <= 7; d++) {
            time_t day = clock_add_days(day0, d);
            if (day_runs(t->days, day)) {
                days[out++] = day;
                break;
            }
        }
    }
    if (out == 0)
        snprintf(why, whylen,
                 wrong  ? "%s does not run on the day named"
                 : past ? "the day named for %s has passed"
                        : "no day named for %s",
                 t->name);
    return out;
}

int
signup_rota(struct proc *p, struct msg *x)
{
    struct words w = {0};
    const struct conf_task *t;
    time_t days[MAX_DAYS];
    char why[200], reason[400] = "", dates[200] = "", date[DAY_SIZE];
    size_t n;
    int tie, changed = 0, rc;

    /* the subject after ROTA names the task; without a prefix the text does too */
    if (words_split(x->si.title, &w) < 0 ||
        (x->si.kind != KIND_ROTA && words_split(x->newtext, &w) < 0))
        goto oom;
    t = find_task(p->c, &w, &tie);
    if (!t && x->si.kind == KIND_ROTA && words_split(x->newtext, &w) < 0)
        goto oom;
    if (!t)
        t = find_task(p->c, &w, &tie);
    if (!t || tie) {
        snprintf(why, sizeof why, "a rota %s for %s", x->si.rota_cancel ? "cancellation" : "sign-up",
                 t ? "more than one task" : "no task of the rota");
        words_free(&w);
        if (proc_triage(p, x->id, 0, why) < 0)
            return -1;
        snprintf(reason, sizeof reason, "triage: %s", why);
        return proc_set_state(p, x->id, "processed", reason);
    }
    words_free(&w);
    if (words_split(x->si.kind == KIND_ROTA ? x->si.title : "", &w) < 0)
        goto oom;
    n = signup_days(x, t, &w, days, why, sizeof why);
    words_free(&w);
    if (n == 0) {
        if (proc_triage(p, x->id, 0, why) < 0)
            return -1;
        snprintf(reason, sizeof reason, "triage: a rota sign-up: %s", why);
        return proc_set_state(p, x->id, "processed", reason);
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s = proc_stmt(p, x->si.rota_cancel ? S_ROTA_DEL : S_ROTA_ADD);
        clock_date(days[i], date);
        sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, date, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, x->mb.id);
        if (!x->si.rota_cancel) {
            sqlite3_bind_int64(s, 4, x->id);
            sqlite3_bind_int64(s, 5, (sqlite3_int64)clock_now());
        }
        if (sqlite3_step(s) != SQLITE_DONE)
            return proc_sql_fail(p);
        changed += sqlite3_changes(p->db) > 0;
        snprintf(dates + strlen(dates), sizeof dates - strlen(dates), "%s%s", i ? ", " : "",
                 date);
        log_info("rota: %s %s %s on %s", x->m.from_addr,
                 x->si.rota_cancel ? "cancels" : "signs up for", t->name, date);
    }
    p->stats->signups++;
    snprintf(reason, sizeof reason, "rota: %s %s on %s%s",
             x->si.rota_cancel ? "cancels" : "signs up for", t->name, dates,
             changed ? "" : " (nothing to change)");
    rc = proc_set_state(p, x->id, changed ? "processed" : "ignored", reason);
    return rc;
oom:
    words_free(&w);
    snprintf(p->err, p->errlen, "message %ld: out of memory", x->id);
    return -1;
}

int
signup_looks_like(struct proc *p, const struct msg *x)
{
    static const char *const asks[] = {"put me down", "sign me up", "count me in",
                                       "add me to the rota", "put my name down"};
    struct words w = {0};
    int tie, found = 0, asked = text_find_word(x->si.title, "rota") != NULL;
    size_t ntasks;

    conf_tasks(p->c, &ntasks);
    if (ntasks == 0)
        return 0;
    for (size_t i = 0; i < sizeof asks / sizeof asks[0] && !asked; i++)
        asked = text_find_word(x->newtext, asks[i]) != NULL;
    if (!asked)
        return 0;
    if (words_split(x->si.title, &w) == 0 && words_split(x->newtext, &w) == 0)
        found = find_task(p->c, &w, &tie) != NULL;
    words_free(&w);
    return found;
}
