/* test_clock.c — lib/clock: the group's time zone, DOORSTEP_NOW, local dates. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "unit.h"

START_TEST(t_clock)
{
    char err[256], d[11], iso[26], rfc[64];
    time_t t;

    setenv("DOORSTEP_NOW", "2026-07-01T09:30:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    t = clock_now();
    clock_iso(t, iso);
    ck_assert_str_eq(iso, "2026-07-01T09:30:00+01:00"); /* summer time */
    clock_rfc5322(t, rfc, sizeof rfc);
    ck_assert_str_eq(rfc, "Wed, 1 Jul 2026 09:30:00 +0100");
    clock_date(clock_add_days(clock_day_start(t), 31), d);
    ck_assert_str_eq(d, "2026-08-01");
    ck_assert_int_eq(clock_parse_local("2026-11-31", &t), -1);
    ck_assert_int_eq(clock_parse_local("2026-11-30T25:00", &t), -1);
    setenv("DOORSTEP_NOW", "yesterday", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), -1);
    ck_assert_msg(strstr(err, "DOORSTEP_NOW"), "%s", err);
    unsetenv("DOORSTEP_NOW");
}
END_TEST

/* Whether the local midnight of T's date is one instant: mktime's answer for a time
 * the clocks show twice depends on what it guessed in earlier calls. */
static int
midnight_once(time_t t)
{
    struct tm a, b;
    localtime_r(&t, &a);
    a.tm_hour = a.tm_min = a.tm_sec = 0;
    b = a;
    a.tm_isdst = 0;
    b.tm_isdst = 1;
    time_t x = mktime(&a), y = mktime(&b);
    return x == y || a.tm_hour != 0 || b.tm_hour != 0; /* the same, or one of them moved */
}

/* The days kept answer as localtime and mktime do every time, hour after hour (and at
 * odd minutes) through years with summer time, in zones whose clocks change at 01:00,
 * at midnight (Sao Paulo 2018, Havana, Tehran 2021) and by half an hour (Lord Howe),
 * the zone changed between. */
START_TEST(t_days_kept)
{
    static const char *const zones[] = {"Europe/London", "America/Sao_Paulo",   "America/Havana",
                                        "Asia/Tehran",   "Australia/Lord_Howe", "UTC"};
    char err[256], got[11], want[11];
    long checked = 0;

    unsetenv("DOORSTEP_NOW");
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        time_t from, t;
        ck_assert_int_eq(clock_setup(zones[z], err, sizeof err), 0);
        ck_assert_int_eq(clock_parse_local("2018-01-01", &from), 0);
        long step = 0;
        for (t = from; t < from + 2L * 366 * 86400; t += 3600 + 60 * (++step % 17)) {
            time_t s = clock_day_start(t);
            struct tm tm;
            clock_date(t, got);
            localtime_r(&t, &tm);
            strftime(want, sizeof want, "%Y-%m-%d", &tm);
            ck_assert_msg(strcmp(got, want) == 0, "%s: %lld: %s, not %s", zones[z], (long long)t,
                          got, want);
            if (!midnight_once(t))
                continue;
            tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
            tm.tm_isdst = -1;
            ck_assert_msg(s == mktime(&tm), "%s: day of %lld: %lld", zones[z], (long long)t,
                          (long long)s);
            checked++;
        }
    }
    ck_assert_int_gt(checked, 6L * 2 * 365 * 19); /* every hour or so, but a few days */
}
END_TEST

static Suite *
clock_suite(void)
{
    Suite *s = suite_create("clock");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_clock);
    tcase_add_test(tc, t_days_kept);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(clock_suite)
