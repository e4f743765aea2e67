/* dates.c — relative and written dates in mail, resolved in the group's time zone. */
#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

static const char *const weekdays[7][4] = {
    /* Monday = 0; full name, then abbreviations */
    {"monday", "mon", NULL},           {"tuesday", "tue", "tues", NULL},
    {"wednesday", "wed", "weds", NULL}, {"thursday", "thu", "thur", "thurs"},
    {"friday", "fri", NULL},           {"saturday", "sat", NULL},
    {"sunday", "sun", NULL},
};

static const char *const months[12][3] = {
    {"january", "jan", NULL}, {"february", "feb", NULL}, {"march", "mar", NULL},
    {"april", "apr", NULL},   {"may", NULL, NULL},       {"june", "jun", NULL},
    {"july", "jul", NULL},    {"august", "aug", NULL},   {"september", "sep", "sept"},
    {"october", "oct", NULL}, {"november", "nov", NULL}, {"december", "dec", NULL},
};

/* Whether S starts with the first three letters of NAME: every spelling of a weekday
 * or a month does, and most words are ruled out by it (these run on every word). */
static inline int
same3(const char *s, const char *name)
{
    return s[0] == name[0] && s[1] == name[1] && s[2] == name[2];
}

/* Weekday of the word (Monday = 0), or -1. *ABBREV is set for a short form. The plural
 * "Tuesdays" counts too. */
static int
weekday_of(const struct word *w, int *abbrev)
{
    char s[WORD_KEY];
    size_t n = strlen(w->raw);

    if (n >= sizeof s)
        return -1;
    memcpy(s, w->raw, n + 1);
    if (n > 6 && s[n - 1] == 's')
        s[n - 1] = '\0';
    for (int d = 0; d < 7; d++)
        for (int k = 0; k < 4 && weekdays[d][k] && same3(s, weekdays[d][0]); k++)
            if (word_is(s, weekdays[d][k])) {
                *abbrev = k > 0;
                return d;
            }
    return -1;
}

static int
month_of(const struct word *w)
{
    for (int m = 0; m < 12; m++)
        for (int k = 0; k < 3 && months[m][k] && same3(w->raw, months[m][0]); k++)
            if (word_is(w->raw, months[m][k]))
                return m;
    return -1;
}

/* A day of the month: "27", "27th", "1st", "2nd", "3rd". Returns 1..31 or 0. *ORD is set
 * when it had an ordinal ending. */
static int
mday_of(const struct word *w, int *ord)
{
    const char *r = w->raw;
    int d = 0, digits = 0;

    while (isdigit((unsigned char)*r) && digits < 3) {
        d = d * 10 + (*r++ - '0');
        digits++;
    }
    if (digits == 0 || digits > 2 || d < 1 || d > 31)
        return 0;
    *ord = 0;
    if (*r) {
        if (strcmp(r, "st") != 0 && strcmp(r, "nd") != 0 && strcmp(r, "rd") != 0 &&
            strcmp(r, "th") != 0)
            return 0;
        *ord = 1;
    }
    return d;
}

static int
is(const struct word *w, const char *s)
{
    return word_is(w->raw, s);
}

/* The local midnight of Y-M-D, or -1 when there is no such day. */
static time_t
make_day(int y, int m, int d)
{
    struct tm tm = {0};
    time_t t;

    tm.tm_year = y - 1900;
    tm.tm_mon = m;
    tm.tm_mday = d;
    tm.tm_hour = 12; /* noon: safe across daylight-saving changes */
    tm.tm_isdst = -1;
    t = mktime(&tm);
    if (t == (time_t)-1 || tm.tm_mday != d || tm.tm_mon != m)
        return (time_t)-1;
    return clock_day_start(t);
}

/* A day and month without a year: the year that puts it nearest to DAY0; with WD (a
 * weekday written beside it, Monday = 0, or -1), the nearest year where it is that
 * weekday ("Thu 8 Oct"). */
static time_t
nearest_year_wd(time_t day0, int m, int d, int wd)
{
    struct tm now, tm;
    time_t best = (time_t)-1;
    double best_gap = 0;

    localtime_r(&day0, &now);
    for (int y = now.tm_year + 1900 - 1; y <= now.tm_year + 1900 + 6; y++) {
        time_t t = make_day(y, m, d);
        double gap = t == (time_t)-1 ? 0 : difftime(t, day0);
        if (t == (time_t)-1)
            continue;
        localtime_r(&t, &tm);
        if (wd >= 0 && (tm.tm_wday + 6) % 7 != wd)
            continue;
        if (wd < 0 && y > now.tm_year + 1900 + 1)
            break;
        if (gap < 0)
            gap = -gap * 1.5; /* a little more likely to mean the future */
        if (best == (time_t)-1 || gap < best_gap) {
            best = t;
            best_gap = gap;
        }
    }
    return best;
}

static time_t
nearest_year(time_t day0, int m, int d)
{
    return nearest_year_wd(day0, m, d, -1);
}

static int
year_of(const struct word *w, int *year)
{
    char *end;
    long y = strtol(w->raw, &end, 10);

    if (*end || !(w->flags & W_DIGITS))
        return 0;
    if (strlen(w->raw) == 4 && day_year_ok(y))
        return *year = (int)y, 1;
    return 0;
}

/* A date in numbers starting at W[I] (day_numeric: "27/11", "27/11/2026", "2026-11-27"):
 * its words must touch through one kind of separator, '/' or '-'. Returns the number
 * of words used, 0 when it is not such a date. */
static size_t
numeric_date(const struct words *w, size_t i, time_t day0, time_t *out)
{
    const struct word *a = &w->w[i];
    char sep = a->s[a->len], buf[3 * WORD_KEY];
    size_t n = 1, len;
    int y, m, d;

    if (i + 1 >= w->n || (sep != '/' && sep != '-'))
        return 0;
    len = (size_t)snprintf(buf, sizeof buf, "%s", a->raw);
    for (; n < 3 && i + n < w->n; n++) {
        const struct word *p = &w->w[i + n - 1], *q = &w->w[i + n];
        if (p->s[p->len] != sep || q->s != p->s + p->len + 1)
            break;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%c%s", sep, q->raw);
    }
    if (n < 2 || day_numeric(buf, &y, &m, &d) != DAY_OK)
        return 0;
    *out = y ? make_day(y, m - 1, d) : nearest_year(day0, m - 1, d);
    return *out == (time_t)-1 ? 0 : n;
}

/* Days from DAY0 to the weekday WD (Monday = 0): the next one, a week on for today;
 * NEXT: the one in the next calendar week. */
static int
days_to(time_t day0, int wd, int next, int this_one)
{
    struct tm tm;
    int today, delta;

    localtime_r(&day0, &tm);
    today = (tm.tm_wday + 6) % 7;
    delta = (wd - today + 7) % 7;
    if (delta == 0 && !this_one)
        delta = 7;
    if (next && today + delta <= 6)
        delta += 7;
    return delta;
}

/* Whether the words from PEND (the one after a day) to START (the next day's first)
 * join the two days into a range: "to", "until", "till", "through", or a dash. */
static int
in_range(const struct words *w, size_t pend, size_t start)
{
    static const char *const joins[] = {"to", "until", "till", "til", "through", "thru"};

    if (pend == 0 || start < pend)
        return 0;
    /* "until the 18th", "to next Friday"? only the article and "on" */
    if (start >= pend + 2 && (word_is(w->w[start - 1].raw, "the") || word_is(w->w[start - 1].raw, "on")))
        start--;
    if (start == pend + 1) {
        for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++)
            if (word_is(w->w[pend].raw, joins[k]))
                return 1;
        return 0;
    }
    if (start != pend)
        return 0;
    /* the text between the two words: white space and one dash (-, en dash, em dash) */
    const struct word *a = &w->w[pend - 1], *b = &w->w[start];
    const char *p = a->s + a->len;
    int dash = 0;
    while (p < b->s) {
        if (*p == '-') {
            dash++;
            p++;
        } else if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0) {
            dash++;
            p += 3;
        } else if (*p == ' ' || *p == '\t') {
            p++;
        } else {
            return 0;
        }
    }
    return dash == 1;
}

size_t
dates_all(const struct words *w, time_t when, time_t *days, size_t max)
{
    time_t day0 = clock_day_start(when);
    size_t n = 0, pend = 0; /* the word after the last day found */

    for (size_t i = 0; i < w->n && n < max; i++) {
        size_t start = i;
        const struct word *x = &w->w[i], *prev = i > 0 ? &w->w[i - 1] : NULL;
        const struct word *next = i + 1 < w->n ? &w->w[i + 1] : NULL;
        int wd, abbrev = 0, ord, d, m, y;
        time_t t = (time_t)-1;
        size_t used;

        if (is(x, "today") || is(x, "tonight") || is(x, "asap") ||
            (prev && is(prev, "this") &&
             (is(x, "morning") || is(x, "afternoon") || is(x, "evening")))) {
            t = day0;
        } else if (is(x, "tomorrow") || is(x, "tmrw") || is(x, "tmw")) {
            t = clock_add_days(day0, 1);
        } else if (is(x, "weekend") && prev &&
                   (is(prev, "this") || is(prev, "the") || is(prev, "next"))) {
            t = clock_add_days(day0, days_to(day0, 5, is(prev, "next"), 1));
        } else if (is(x, "week") && prev && is(prev, "next")) {
            t = clock_add_days(day0, days_to(day0, 0, 0, 0));
        } else if ((wd = weekday_of(x, &abbrev)) >= 0) {
            /* "Sat", "Sun" and "Wed" are words too: short forms need a capital and a
             * date or a preposition beside them */
            int dated = next && (next->flags & W_DIGITS);
            if (abbrev && (!(x->flags & W_CAP) ||
                           ((wd >= 5 || wd == 2) && !dated &&
                            !(prev && (is(prev, "on") || is(prev, "by") || is(prev, "next"))))))
                continue;
            if (dated && mday_of(next, &ord))
                continue; /* "Thursday 26th": the date decides */
            int nx = prev && is(prev, "next");
            int this_one = prev && is(prev, "this");
            t = clock_add_days(day0, days_to(day0, wd, nx, this_one));
        } else if ((x->flags & W_DIGITS) && (used = numeric_date(w, i, day0, &t)) > 0) {
            i += used - 1;
        } else if ((d = mday_of(x, &ord)) > 0) {
            /* "27 Nov", "27th of November", "Thursday 26th", "the 3rd" */
            size_t j = i + 1;
            if (j < w->n && is(&w->w[j], "of"))
                j++;
            if (j < w->n && (m = month_of(&w->w[j])) >= 0) {
                int pwd = prev ? weekday_of(prev, &abbrev) : -1;
                if (j + 1 < w->n && year_of(&w->w[j + 1], &y)) {
                    t = make_day(y, m, d);
                    j++;
                } else {
                    t = nearest_year_wd(day0, m, d, pwd);
                    if (t == (time_t)-1)
                        t = nearest_year(day0, m, d);
                }
                i = j;
            } else if (ord && prev && (is(prev, "the") || weekday_of(prev, &abbrev) >= 0)) {
                struct tm tm;
                localtime_r(&day0, &tm);
                t = make_day(tm.tm_year + 1900, tm.tm_mon, d);
                if (t != (time_t)-1 && t < day0)
                    t = make_day(tm.tm_year + 1900 + (tm.tm_mon == 11), (tm.tm_mon + 1) % 12, d);
            }
        } else if ((m = month_of(x)) >= 0 && next && (d = mday_of(next, &ord)) > 0) {
            /* "November 27th", "Nov 27" */
            t = nearest_year(day0, m, d);
            i++;
        }
        if (t == (time_t)-1)
            continue;
        /* a range ("14 to 18 December", "Monday - Friday", "from the 14th until
         * the 18th") is its last day: until then it is needed */
        if (n > 0 && t >= days[n - 1] && in_range(w, pend, start))
            days[n - 1] = t;
        else
            days[n++] = t;
        pend = i + 1;
    }
    return n;
}

/* The earliest day in the words W not before DAY0 (FIRST: the first one written
 * instead). */
static time_t
pick(const struct words *w, time_t when, int first)
{
    time_t days[32], day0 = clock_day_start(when), best = (time_t)-1;
    size_t n = dates_all(w, when, days, sizeof days / sizeof days[0]);

    for (size_t i = 0; i < n; i++)
        if (days[i] >= day0 && (best == (time_t)-1 || (!first && days[i] < best))) {
            best = days[i];
            if (first)
                break;
        }
    return best;
}

int
dates_needed_by_words(const struct words *subject, const struct words *text, time_t when,
                      char out[DAY_SIZE])
{
    /* The subject says when it is needed far more often than it says anything else;
     * in the text the first day named is the need, later ones are details ("I can
     * drop a key round on Sunday"). */
    time_t t = pick(subject, when, 0);

    if (t == (time_t)-1)
        t = pick(text, when, 1);
    if (t == (time_t)-1)
        return 0;
    clock_date(t, out);
    return 1;
}

int
dates_needed_by(const char *subject, const char *text, time_t when, char out[DAY_SIZE])
{
    struct words s = {0}, x = {0};
    int r;

    if (words_split(subject, &s) < 0)
        words_free(&s); /* (out of memory: read as no words, as before) */
    if (words_split(text, &x) < 0)
        words_free(&x);
    r = dates_needed_by_words(&s, &x, when, out);
    words_free(&s);
    words_free(&x);
    return r;
}
