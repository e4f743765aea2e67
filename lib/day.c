/* day.c — reading the days people write into local dates. */
#include "day.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"

#define MAX_WORDS 6

static const char *const weekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const months[] = {"january",   "february", "march",    "april",
                                     "may",       "june",     "july",     "august",
                                     "september", "october",  "november", "december"};

/* The index of W in NAMES when W is a name or its start of at least three letters. */
static int
name_index(const char *w, const char *const *names, int n)
{
    size_t len = strlen(w);

    if (len < 3)
        return -1;
    for (int i = 0; i < n; i++)
        if (strncmp(names[i], w, len) == 0)
            return i;
    return -1;
}

/* A day of the month: 1 to 31, maybe followed by st, nd, rd or th. */
static int
month_day(const char *w)
{
    int d = 0, n = 0;

    if (sscanf(w, "%2d%n", &d, &n) != 1 || !isdigit((unsigned char)w[0]) || d < 1 || d > 31)
        return -1;
    if (w[n] && strcmp(w + n, "st") != 0 && strcmp(w + n, "nd") != 0 && strcmp(w + n, "rd") != 0 &&
        strcmp(w + n, "th") != 0)
        return -1;
    return d;
}

static int
year_of(const char *w)
{
    int y = 0, n = 0;

    if (strlen(w) != 4 || sscanf(w, "%4d%n", &y, &n) != 1 || n != 4 || !day_year_ok(y))
        return -1;
    return y;
}

int
day_year_ok(long year)
{
    return year >= DAY_YEAR_MIN && year <= DAY_YEAR_MAX;
}

/* Reads the digits at *P (at least one, else -1), stepping past them; their value, or
 * 100000 for anything larger (no field of a date is). */
static long
number_at(const char **p)
{
    long v = 0;
    const char *q = *p;

    if (!isdigit((unsigned char)*q))
        return -1;
    for (; isdigit((unsigned char)*q); q++)
        v = v >= 100000 ? 100000 : v * 10 + (*q - '0');
    *p = q;
    return v;
}

int
day_numeric(const char *s, int *year, int *mon, int *mday)
{
    const char *p = s;
    long a = number_at(&p), b, c = 0;

    if (a < 0)
        return DAY_UNREADABLE;
    if (*p == '-') {
        /* YYYY-MM-DD: exactly so many digits */
        const char *m = ++p;
        if (p - s != 5 || (b = number_at(&p)) < 0 || p - m != 2 || *p != '-')
            return DAY_UNREADABLE;
        const char *d = ++p;
        if ((c = number_at(&p)) < 0 || p - d != 2 || *p || !day_year_ok(a) || b < 1 || b > 12 ||
            c < 1 || c > 31)
            return DAY_UNREADABLE;
        *year = (int)a, *mon = (int)b, *mday = (int)c;
        return DAY_OK;
    }
    /* D/M, D/M/YY, D/M/YYYY */
    if (*p++ != '/' || (b = number_at(&p)) < 0 || a < 1 || a > 31 || b < 1 || b > 12)
        return DAY_UNREADABLE;
    if (*p == '/') {
        p++;
        if ((c = number_at(&p)) < 0)
            return DAY_UNREADABLE;
        if (c < 100)
            c += 2000;
        if (!day_year_ok(c))
            return DAY_UNREADABLE;
    }
    if (*p)
        return DAY_UNREADABLE;
    *year = (int)c, *mon = (int)b, *mday = (int)a;
    return DAY_OK;
}

/* Local midnight of YEAR-MON-MDAY (MON 0-based), or -1 for a day that does not exist. */
static time_t
make_day(int year, int mon, int mday)
{
    struct tm tm = {0};
    time_t t;

    tm.tm_year = year - 1900;
    tm.tm_mon = mon;
    tm.tm_mday = mday;
    tm.tm_isdst = -1;
    t = mktime(&tm);
    if (t == (time_t)-1 || tm.tm_mon != mon || tm.tm_mday != mday)
        return (time_t)-1;
    return t;
}

int
day_weekday(time_t t)
{
    struct tm tm;

    localtime_r(&t, &tm);
    return (tm.tm_wday + 6) % 7;
}

int
day_in(unsigned days, int weekday)
{
    return weekday >= 0 && weekday < 7 && ((days >> weekday) & 1);
}

int
day_runs(unsigned days, time_t t)
{
    return day_in(days, day_weekday(t));
}

int
day_parse(const char *s, time_t now, time_t *day)
{
    char buf[128], *w[MAX_WORDS], *save = NULL, *tok;
    time_t today = clock_day_start(now), t;
    int n = 0, wd = -1, mon = -1, mday = -1, year = -1, first = 0;
    struct tm tm;

    if (strlen(s) >= sizeof buf)
        return DAY_UNREADABLE;
    for (size_t i = 0;; i++) {
        buf[i] = (char)tolower((unsigned char)s[i]);
        if (buf[i] == ',' || buf[i] == '.')
            buf[i] = ' ';
        if (!s[i])
            break;
    }
    for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        if (n == MAX_WORDS)
            return DAY_UNREADABLE;
        w[n++] = tok;
    }
    if (n == 0)
        return DAY_UNREADABLE;
    if (n == 1) {
        if (strcmp(w[0], "today") == 0) {
            *day = today;
            return DAY_OK;
        }
        if (strcmp(w[0], "tomorrow") == 0) {
            *day = clock_add_days(today, 1);
            return DAY_OK;
        }
        if (day_numeric(w[0], &year, &mon, &mday) == DAY_OK) {
            mon--; /* to the date below */
            goto dated;
        }
        if ((wd = name_index(w[0], weekdays, 7)) >= 0) {
            *day = clock_add_days(today, (wd - day_weekday(today) + 7) % 7);
            return DAY_OK;
        }
        return DAY_UNREADABLE;
    }
    if ((wd = name_index(w[0], weekdays, 7)) >= 0)
        first = 1;
    for (int i = first; i < n; i++) {
        int v;
        if (mday < 0 && (v = month_day(w[i])) > 0)
            mday = v;
        else if (mon < 0 && (v = name_index(w[i], months, 12)) >= 0)
            mon = v;
        else if (year < 0 && mday > 0 && mon >= 0 && (v = year_of(w[i])) > 0)
            year = v;
        else
            return DAY_UNREADABLE;
    }
    if (mday < 0 || mon < 0)
        return DAY_UNREADABLE;
dated:
    localtime_r(&today, &tm);
    if (year > 0) {
        t = make_day(year, mon, mday);
    } else {
        /* the nearest: this year's, unless it is long gone */
        t = make_day(tm.tm_year + 1900, mon, mday);
        if (t == (time_t)-1 || t < clock_add_days(today, -183)) {
            time_t next = make_day(tm.tm_year + 1901, mon, mday);
            if (next != (time_t)-1)
                t = next;
        }
    }
    if (t == (time_t)-1)
        return DAY_UNREADABLE;
    if (wd >= 0 && day_weekday(t) != wd)
        return DAY_MISMATCH;
    *day = t;
    return DAY_OK;
}
