/* test_day.c — lib/day.c: day_numeric, the one reader of dates in numbers that
 * commands (day_parse) and mail (dates_needed_by) share, with one range of years; and
 * the weekday-mask test of the rota's days (day_in, day_runs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dates.h"
#include "day.h"
#include "unit.h"

static void
setup(void)
{
    char err[256];

    /* Wednesday 25 November 2026 */
    ck_assert_int_eq(setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1), 0);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
}

/* S read by day_numeric as "Y M D", or "-" when unreadable. */
static const char *
numeric(const char *s)
{
    static char out[64];
    int y = -1, m = -1, d = -1;

    if (day_numeric(s, &y, &m, &d) != DAY_OK)
        return "-";
    snprintf(out, sizeof out, "%d %d %d", y, m, d);
    return out;
}

START_TEST(t_numeric_forms)
{
    ck_assert_str_eq(numeric("2026-11-30"), "2026 11 30");
    ck_assert_str_eq(numeric("30/11/2026"), "2026 11 30");
    ck_assert_str_eq(numeric("30/11/26"), "2026 11 30");
    ck_assert_str_eq(numeric("2/1/7"), "2007 1 2");
    ck_assert_str_eq(numeric("02/01/027"), "2027 1 2"); /* a value under 100 is 20YY */
    ck_assert_str_eq(numeric("30/11"), "0 11 30");
    ck_assert_str_eq(numeric("31/2"), "0 2 31"); /* the month's days: the caller's */
    /* one range of years, 2000-2099, whatever the form */
    ck_assert_str_eq(numeric("2000-01-01"), "2000 1 1");
    ck_assert_str_eq(numeric("2099-12-31"), "2099 12 31");
    ck_assert_str_eq(numeric("1999-12-31"), "-");
    ck_assert_str_eq(numeric("2100-01-01"), "-");
    ck_assert_str_eq(numeric("31/12/1999"), "-");
    ck_assert_str_eq(numeric("31/12/2100"), "-");
    ck_assert_str_eq(numeric("31/12/2022026"), "-");
    ck_assert_str_eq(numeric("1/1/99999999999999999999999"), "-");
    /* not dates */
    const char *bad[] = {"", "30", "30/", "/11", "30/11/", "30/11/x", "32/11", "0/11", "30/13",
                         "30/0", "2026-1-30", "2026-01-3", "26-11-30", "30-11-2026",
                         "2026-11-30x", "2026-11-30-", "2026/11/30", "+026-11-30",
                         "2026-+1-30", "30/11 ", " 30/11", "3O/11", "30/11/26/1", "10-12",
                         "99999999999999999999/1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(strcmp(numeric(bad[i]), "-") == 0, "\"%s\" read as %s", bad[i],
                      numeric(bad[i]));
}
END_TEST

/* S read by the command reader, as YYYY-MM-DD, or "-". */
static const char *
command(const char *s)
{
    static char out[DAY_SIZE];
    time_t t;

    if (day_parse(s, clock_now(), &t) != DAY_OK)
        return "-";
    clock_date(t, out);
    return out;
}

/* S as the mail rules read it, as YYYY-MM-DD, or "-". */
static const char *
mail(const char *s)
{
    static char out[DAY_SIZE];

    if (!dates_needed_by(s, "", clock_now(), out))
        return "-";
    return out;
}

START_TEST(t_commands_and_mail_agree)
{
    /* dates with a year: the same day for both, or refused by both */
    const char *same[] = {"2026-11-30", "30/11/2026", "30/11/26", "1/3/2027", "2027-03-01",
                          "30 Nov 2026", "1 March 2027"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        ck_assert_msg(strcmp(command(same[i]), mail(same[i])) == 0 &&
                          strcmp(command(same[i]), "-") != 0,
                      "\"%s\": command %s, mail %s", same[i], command(same[i]), mail(same[i]));
    ck_assert_str_eq(command("30/11/2026"), "2026-11-30");
    ck_assert_str_eq(mail("needed 2026-11-30"), "2026-11-30");
    const char *neither[] = {"1999-11-30", "30/11/1999", "2100-11-30", "31/12/2022026",
                             "2026-02-30", "30/2/2027", "30/11/2100"};
    for (size_t i = 0; i < sizeof neither / sizeof neither[0]; i++)
        ck_assert_msg(strcmp(command(neither[i]), "-") == 0 && strcmp(mail(neither[i]), "-") == 0,
                      "\"%s\": command %s, mail %s", neither[i], command(neither[i]),
                      mail(neither[i]));
    /* in words, a year out of range: commands refuse the date, mail reads the day and
     * month and leaves the number (it may be anything: "30 Nov 1999 pence") */
    ck_assert_str_eq(command("30 Nov 1999"), "-");
    ck_assert_str_eq(mail("30 Nov 1999"), "2026-11-30");
    /* without a year each keeps its own choice of year: commands this year's unless long
     * past, mail the nearest */
    ck_assert_str_eq(command("30/11"), "2026-11-30");
    ck_assert_str_eq(command("5/1"), "2027-01-05");
    ck_assert_str_eq(mail("on 5/1"), "2027-01-05");
}
END_TEST

START_TEST(t_task_days)
{
    time_t wed = clock_now(), sun = clock_add_days(clock_day_start(wed), 4);
    unsigned weekdays = 0x1f, weekends = 0x60, thursday = 1u << 3;

    ck_assert(day_in(weekdays, 0));
    ck_assert(day_in(weekdays, 4));
    ck_assert(!day_in(weekdays, 5));
    ck_assert(day_in(weekends, 6));
    ck_assert(!day_in(0x7f, 7));
    ck_assert(!day_in(0x7f, -1));
    ck_assert(day_runs(weekdays, wed));
    ck_assert(!day_runs(weekends, wed));
    ck_assert(day_runs(weekends, sun));
    ck_assert(!day_runs(thursday, wed));
    ck_assert(day_runs(thursday, clock_add_days(clock_day_start(wed), 1)));
}
END_TEST

static Suite *
day_suite(void)
{
    Suite *s = suite_create("day");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, t_numeric_forms);
    tcase_add_test(tc, t_commands_and_mail_agree);
    tcase_add_test(tc, t_task_days);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(day_suite)
