/* clock.c — time zone setup, the fixable "now", and local date formatting. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static time_t fixed_now = (time_t)-1;

/* The last local day asked about: [DAY_LO, DAY_HI) are the instants of the local date
 * DAY_STR, from its midnight to the next; DAY_HI 0: none. Kept only for a day whose
 * UTC offset is the same from two hours before its midnight to the next midnight:
 * then its midnight is one instant, which mktime finds whatever it guessed before
 * (the zone changing its clocks at most once in a day and by two hours at most). The
 * rules ask the day of every message and post several times, and mail comes a day at
 * a time: localtime and mktime cost thousands of instructions each. */
static time_t day_lo, day_hi;
static char day_str[DAY_SIZE];

/* Keeps the local day starting at S, the midnight of Y-M-D, when it may be (above). */
static void
keep_day(time_t s, int y, int m, int d)
{
    struct tm a, b, before;
    time_t e = s + 86400, early = s - 7200;

    if (s == (time_t)-1 || !localtime_r(&s, &a) || !localtime_r(&e, &b) ||
        !localtime_r(&early, &before) || a.tm_year != y || a.tm_mon != m || a.tm_mday != d ||
        a.tm_hour || a.tm_min || a.tm_sec || b.tm_hour || b.tm_min || b.tm_sec ||
        a.tm_gmtoff != b.tm_gmtoff || a.tm_gmtoff != before.tm_gmtoff)
        return;
    day_lo = s;
    day_hi = e;
    strftime(day_str, sizeof day_str, "%Y-%m-%d", &a);
}

int
clock_parse_local(const char *s, time_t *out)
{
    struct tm tm = {0};
    int n = 0;

    if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 || n != 10)
        return -1;
    if (s[n] == 'T' || s[n] == ' ') {
        int m = 0;
        if (sscanf(s + n + 1, "%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &m) != 2)
            return -1;
        n += 1 + m;
        if (s[n] == ':') {
            m = 0;
            if (sscanf(s + n + 1, "%2d%n", &tm.tm_sec, &m) != 1)
                return -1;
            n += 1 + m;
        }
    }
    if (s[n] != '\0' || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 || tm.tm_year < 1970)
        return -1;
    int year = tm.tm_year, mon = tm.tm_mon, mday = tm.tm_mday;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    *out = mktime(&tm);
    /* mktime normalises 31 November into 1 December: refuse such dates. */
    if (*out == (time_t)-1 || tm.tm_year != year - 1900 || tm.tm_mon != mon - 1 ||
        tm.tm_mday != mday)
        return -1;
    return 0;
}

int
clock_setup(const char *tz, char *err, size_t errlen)
{
    const char *now = getenv("DOORSTEP_NOW");

    if (tz && *tz)
        setenv("TZ", tz, 1);
    tzset();
    day_lo = day_hi = 0;
    fixed_now = (time_t)-1;
    if (now && *now && clock_parse_local(now, &fixed_now) < 0) {
        snprintf(err, errlen,
                 "DOORSTEP_NOW: \"%s\" is not a local time like 2026-11-25T08:00:00", now);
        fixed_now = (time_t)-1;
        return -1;
    }
    return 0;
}

time_t
clock_now(void)
{
    return fixed_now != (time_t)-1 ? fixed_now : time(NULL);
}

void
clock_date(time_t t, char out[DAY_SIZE])
{
    struct tm tm;

    if (t >= day_lo && t < day_hi) {
        memcpy(out, day_str, DAY_SIZE);
        return;
    }
    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void
clock_iso(time_t t, char out[26])
{
    struct tm tm;
    char z[8];

    localtime_r(&t, &tm);
    strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(z, sizeof z, "%z", &tm); /* +0000 -> +00:00 */
    snprintf(out + 19, 7, "%.3s:%.2s", z, z + 3);
}

void
clock_rfc5322(time_t t, char *out, size_t outlen)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    char z[8];

    /* Built by hand: strftime's %a and %b follow the locale, mail headers must not. */
    localtime_r(&t, &tm);
    strftime(z, sizeof z, "%z", &tm);
    snprintf(out, outlen, "%s, %d %s %d %02d:%02d:%02d %s", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, z);
}

time_t
clock_mail_time(int year, int month, int day, int hour, int min, int sec, int zone)
{
    struct tm tm = {0};

    if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
        hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 60)
        return 0;
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    return timegm(&tm) - ((zone / 100) * 3600 + (zone % 100) * 60);
}

time_t
clock_day_start(time_t t)
{
    struct tm tm;
    time_t s;

    if (t >= day_lo && t < day_hi)
        return day_lo;
    localtime_r(&t, &tm);
    int y = tm.tm_year, m = tm.tm_mon, d = tm.tm_mday;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    s = mktime(&tm);
    keep_day(s, y, m, d);
    return s;
}

time_t
clock_add_days(time_t day_start, int days)
{
    struct tm tm;

    /* Through struct tm, so that days across a DST change stay at midnight. */
    localtime_r(&day_start, &tm);
    tm.tm_mday += days;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}
