/* test_report.c — the report's arithmetic: medians, months, periods of days, weeks
 * from Monday, and the charts' scales. */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "clock.h"
#include "report.h"
#include "unit.h"

static char err[512];

static void
setup(void)
{
    ck_assert_int_eq(setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1), 0);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
}

START_TEST(median_odd_even_unsorted)
{
    double none[1] = {0}, one[] = {4.5}, odd[] = {9, 1, 5}, even[] = {10, 2, 4, 1},
           same[] = {3, 3, 3, 3};

    ck_assert(report_median(none, 0) == 0);
    ck_assert(report_median(one, 1) == 4.5);
    ck_assert(report_median(odd, 3) == 5);
    ck_assert(report_median(even, 4) == 3); /* (2 + 4) / 2, after sorting */
    ck_assert(report_median(same, 4) == 3);
}
END_TEST

START_TEST(months)
{
    struct report_period p;

    ck_assert_int_eq(report_month("2026-11", &p), 0);
    ck_assert_str_eq(p.from, "2026-11-01");
    ck_assert_str_eq(p.to, "2026-11-30");
    ck_assert_str_eq(p.month, "2026-11");
    ck_assert_int_eq(report_month("2028-02", &p), 0);
    ck_assert_str_eq(p.to, "2028-02-29"); /* a leap year */
    ck_assert_int_eq(report_month("2100-02", &p), -1);
    ck_assert_int_eq(report_month("2026-02", &p), 0);
    ck_assert_str_eq(p.to, "2026-02-28");
    ck_assert_int_eq(report_month("2026-12", &p), 0);
    ck_assert_str_eq(p.to, "2026-12-31");
    static const char *const bad[] = {"2026-13",    "2026-00", "2026-1", "26-11",   "2026/11",
                                      "2026-11-01", "1999-12", "",       "2026-1x", NULL};
    for (int i = 0; bad[i]; i++)
        ck_assert_msg(report_month(bad[i], &p) == -1, "%s accepted", bad[i]);
}
END_TEST

START_TEST(last_month)
{
    struct report_period p;
    time_t t;

    report_last_month(clock_now(), &p);
    ck_assert_str_eq(p.month, "2026-10");
    ck_assert_str_eq(p.from, "2026-10-01");
    ck_assert_str_eq(p.to, "2026-10-31");
    /* in January, last month is last year's December */
    ck_assert_int_eq(clock_parse_local("2027-01-01T00:30", &t), 0);
    report_last_month(t, &p);
    ck_assert_str_eq(p.month, "2026-12");
    ck_assert_str_eq(p.to, "2026-12-31");
    /* the group's clock, not UTC: 00:30 on 1 July in London is still 30 June in UTC */
    ck_assert_int_eq(clock_parse_local("2026-07-01T00:30", &t), 0);
    report_last_month(t, &p);
    ck_assert_str_eq(p.month, "2026-06");
}
END_TEST

START_TEST(days)
{
    struct report_period p;

    ck_assert_int_eq(report_days("2026-11-02", "2026-11-08", clock_now(), &p, err, sizeof err), 0);
    ck_assert_str_eq(p.from, "2026-11-02");
    ck_assert_str_eq(p.to, "2026-11-08");
    ck_assert_str_eq(p.month, "");
    /* the days people write, relative to today (Wednesday 25 November 2026) */
    ck_assert_int_eq(report_days("2 Nov", "today", clock_now(), &p, err, sizeof err), 0);
    ck_assert_str_eq(p.from, "2026-11-02");
    ck_assert_str_eq(p.to, "2026-11-25");
    /* a whole month by its days is that month */
    ck_assert_int_eq(report_days("2026-02-01", "28 Feb 2026", clock_now(), &p, err, sizeof err), 0);
    ck_assert_str_eq(p.month, "2026-02");
    ck_assert_int_eq(report_days("2026-11-25", "2026-11-25", clock_now(), &p, err, sizeof err), 0);
    ck_assert_int_eq(report_days("2026-11-10", "2026-11-01", clock_now(), &p, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "comes before"));
    ck_assert_int_eq(report_days("someday", "2026-11-01", clock_now(), &p, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "--from"));
    ck_assert_int_eq(report_days("2026-11-01", "2026-11-31", clock_now(), &p, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "--to"));
}
END_TEST

START_TEST(bounds_across_summer_time)
{
    struct report_period p;
    time_t a, b;

    /* October 2026 ends the summer time: the month is 31 days and one hour long */
    ck_assert_int_eq(report_month("2026-10", &p), 0);
    report_bounds(&p, &a, &b);
    ck_assert_int_eq((long)(b - a), 31L * 86400 + 3600);
    ck_assert_int_eq(report_month("2026-03", &p), 0);
    report_bounds(&p, &a, &b);
    ck_assert_int_eq((long)(b - a), 31L * 86400 - 3600);
}
END_TEST

START_TEST(weeks_from_monday)
{
    char out[11];

    ck_assert_int_eq(report_week_start("2026-11-25", out), 0); /* a Wednesday */
    ck_assert_str_eq(out, "2026-11-23");
    ck_assert_int_eq(report_week_start("2026-11-23", out), 0); /* a Monday */
    ck_assert_str_eq(out, "2026-11-23");
    ck_assert_int_eq(report_week_start("2026-11-01", out), 0); /* a Sunday */
    ck_assert_str_eq(out, "2026-10-26");
    ck_assert_int_eq(report_week_start("2027-01-01", out), 0); /* across the year */
    ck_assert_str_eq(out, "2026-12-28");
    ck_assert_int_eq(report_week_start("2026-13-01", out), -1);
}
END_TEST

START_TEST(chart_scale)
{
    ck_assert_int_eq(chart_step(0, 5), 1);
    ck_assert_int_eq(chart_step(3, 5), 1);
    ck_assert_int_eq(chart_step(5, 5), 1);
    ck_assert_int_eq(chart_step(6, 5), 2);
    ck_assert_int_eq(chart_step(17, 5), 5);
    ck_assert_int_eq(chart_step(26, 5), 10);
    ck_assert_int_eq(chart_step(100, 5), 20);
    ck_assert_int_eq(chart_step(1234, 5), 500);
}
END_TEST

static Suite *
report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, median_odd_even_unsorted);
    tcase_add_test(tc, months);
    tcase_add_test(tc, last_month);
    tcase_add_test(tc, days);
    tcase_add_test(tc, bounds_across_summer_time);
    tcase_add_test(tc, weeks_from_monday);
    tcase_add_test(tc, chart_scale);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(report_suite)
