/* test_clock.c — lib/clock: the group's time zone, DOORSTEP_NOW, local dates. */
#include <stdlib.h>
#include <string.h>

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

static Suite *
clock_suite(void)
{
    Suite *s = suite_create("clock");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_clock);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(clock_suite)
