/* test_dates.c — process/dates: the day a post is needed by, read from its subject
 * and text at the moment it was written, and ranges to their last day (moved from
 * test_process.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dates.h"
#include "unit.h"
#include "unit_rules.h"

static const char *
needed(const char *subject, const char *text, const char *sent)
{
    static char out[11];
    time_t t;

    ck_assert_int_eq(clock_parse_local(sent, &t), 0);
    if (!dates_needed_by(subject, text, t, out))
        return "";
    return out;
}


START_TEST(t_dates)
{
    /* Thursday 3 December 2026, 11:00 */
    const char *at = "2026-12-03T11:00";
    ck_assert_str_eq(needed("", "Could someone help today?", at), "2026-12-03");
    ck_assert_str_eq(needed("", "tonight if possible", at), "2026-12-03");
    ck_assert_str_eq(needed("", "Needed tomorrow morning", at), "2026-12-04");
    ck_assert_str_eq(needed("lift Tuesday", "", at), "2026-12-08");
    ck_assert_str_eq(needed("", "by Friday please", at), "2026-12-04");
    ck_assert_str_eq(needed("", "on Thursday", at), "2026-12-10"); /* not today: a week on */
    ck_assert_str_eq(needed("", "this weekend", at), "2026-12-05");
    ck_assert_str_eq(needed("", "some time next week", at), "2026-12-07");
    ck_assert_str_eq(needed("", "next Friday", at), "2026-12-11");
    ck_assert_str_eq(needed("", "next Monday", at), "2026-12-07");
    ck_assert_str_eq(needed("", "on 27/12", at), "2026-12-27");
    ck_assert_str_eq(needed("", "on 2/1/27", at), "2027-01-02");
    ck_assert_str_eq(needed("", "on 27 Dec", at), "2026-12-27");
    ck_assert_str_eq(needed("", "the 27th of December", at), "2026-12-27");
    ck_assert_str_eq(needed("", "December 27th", at), "2026-12-27");
    ck_assert_str_eq(needed("", "Monday 14th", at), "2026-12-14");
    ck_assert_str_eq(needed("", "on 5 January", at), "2027-01-05"); /* the next one */
    /* a weekday beside a date picks the year where they agree */
    ck_assert_str_eq(needed("", "check-in calls Thu 8 Oct", "2025-01-18T07:00"), "2026-10-08");
    ck_assert_str_eq(needed("lift Tues 8th", "I can drop a key round on Sunday", at),
                     "2026-12-08");
    /* times, amounts and verbs are no dates */
    ck_assert_str_eq(needed("", "at 10.40, 3 bags, 50/50, I sat down, may I", at), "");
    /* the group's time zone: 23:30 UTC on 3 December is 4 December in Berlin */
    char err[128];
    ck_assert_int_eq(clock_setup("Europe/Berlin", err, sizeof err), 0);
    ck_assert_str_eq(needed("", "today", "2026-12-04T00:30"), "2026-12-04");
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
}
END_TEST

/* A range is needed until its last day (issue 16: "away 14-18 December" expired on
 * the 13th). */
START_TEST(t_date_ranges)
{
    const char *at = "2026-12-07T11:00"; /* a Monday */
    ck_assert_str_eq(needed("", "I'm away 14-18 December, could someone feed the cat", at),
                     "2026-12-18");
    ck_assert_str_eq(needed("", "away 14 December to 18 December", at), "2026-12-18");
    ck_assert_str_eq(needed("", "from the 14th until the 18th", at), "2026-12-18");
    ck_assert_str_eq(needed("", "Tuesday - Friday", at), "2026-12-11");
    ck_assert_str_eq(needed("", "14/12 \xe2\x80\x93 18/12", at), "2026-12-18");
    /* two days that are not a range: the first is the need */
    ck_assert_str_eq(needed("", "on Tuesday, and a key round on Friday", at), "2026-12-08");
    ck_assert_str_eq(needed("", "Friday to Tuesday", at), "2026-12-11");
}
END_TEST

static Suite *
dates_suite(void)
{
    Suite *s = suite_create("dates");
    TCase *tc;

    tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_dates);
    tcase_add_test(tc, t_date_ranges);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(dates_suite)
