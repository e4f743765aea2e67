/* test_signup.c — process/signup: rota sign-ups by mail on a database db_open made,
 * processed as doorstep-process does: "ROTA: food bank Thursday" (the task matched
 * loosely, the day in the group's time zone), several days, a task of one weekday
 * with no day named, cancelling, signing up twice, a day the task does not run, an
 * unknown or ambiguous task (triage), and a sign-up in plain words without the
 * prefix. Today is Tuesday 24 November 2026. */
#include <string.h>

#include "unit.h"
#include "unit_process.h"

static void
setup(void)
{
    unit_group_open("[group]\nname = Elm Park\naddress = help@group.example.org\n"
                    "timezone = Europe/London\nmoderation = none\n"
                    "[fetch]\nsource = mbox:x\n"
                    "[rota]\nfood bank = thu 10:00-12:00 x2\n"
                    "check-in calls = daily 18:00-19:00\n"
                    "delivery round = sat 10:00-12:00 x3\n"
                    "food delivery = mon,wed 14:00-16:00\n",
                    "2026-11-24T09:00:00");
}

static void
teardown(void)
{
    unit_group_close();
}

/* the sign-ups, "task day" one a line, in order */
static const char *
slots(void)
{
    return unit_text("SELECT coalesce(group_concat(task || ' ' || day, '\n'), '') FROM"
                     " (SELECT task, day FROM rota_slots ORDER BY day, task)",
                     NULL);
}

START_TEST(t_sign_up_and_cancel)
{
    const char *r;

    r = unit_mail("s1", "Jo <jo@example.org>", "ROTA: food bank Thursday", "", "");
    ck_assert_str_eq(r, "processed: rota: signs up for food bank on 2026-11-26");
    ck_assert_str_eq(slots(), "food bank 2026-11-26");
    ck_assert_int_eq(unit_long("SELECT count(*) FROM rota_slots s JOIN members m ON"
                               " m.id = s.member_id JOIN messages g ON g.id = s.message"
                               " WHERE m.email = 'jo@example.org' AND g.message_id = 's1@test'",
                               NULL),
                     1);
    ck_assert_int_eq(unit_group.stats.signups, 1);
    /* twice: nothing changes */
    r = unit_mail("s2", "jo@example.org", "ROTA: food bank thu", "", "");
    ck_assert_str_eq(r, "ignored: rota: signs up for food bank on 2026-11-26 (nothing to change)");
    ck_assert_str_eq(slots(), "food bank 2026-11-26");
    /* cancelled */
    r = unit_mail("s3", "jo@example.org", "ROTA CANCEL food bank Thursday", "", "");
    ck_assert_str_eq(r, "processed: rota: cancels food bank on 2026-11-26");
    ck_assert_str_eq(slots(), "");
}
END_TEST

/* the task's name loosely: another case, one word ("foodbank"), a day written as a date */
START_TEST(t_task_and_day_forms)
{
    const char *r;

    r = unit_mail("s1", "jo@example.org", "ROTA: Foodbank Thursday 3 December", "", "");
    ck_assert_str_eq(r, "processed: rota: signs up for food bank on 2026-12-03");
    r = unit_mail("s2", "jo@example.org", "rota: CHECK-IN CALLS Mon 30 Nov", "", "");
    ck_assert_str_eq(r, "processed: rota: signs up for check-in calls on 2026-11-30");
    r = unit_mail("s3", "jo@example.org", "ROTA: check-in calls tomorrow and Friday", "", "");
    ck_assert_str_eq(r, "processed: rota: signs up for check-in calls on 2026-11-25, 2026-11-27");
    ck_assert_str_eq(slots(), "check-in calls 2026-11-25\ncheck-in calls 2026-11-27\n"
                              "check-in calls 2026-11-30\nfood bank 2026-12-03");
}
END_TEST

/* a task of one weekday needs no day: the next one; a task of several does */
START_TEST(t_no_day_named)
{
    const char *r;

    r = unit_mail("s1", "jo@example.org", "ROTA: delivery round", "", "");
    ck_assert_str_eq(r, "processed: rota: signs up for delivery round on 2026-11-28");
    r = unit_mail("s2", "jo@example.org", "ROTA: check-in calls", "", "");
    ck_assert_str_eq(r, "processed: triage: a rota sign-up: no day named for check-in calls");
    ck_assert_str_eq(unit_text("SELECT reason FROM triage", NULL),
                     "no day named for check-in calls");
    ck_assert_str_eq(slots(), "delivery round 2026-11-28");
}
END_TEST

/* the day named is not one the task runs on, or is past */
START_TEST(t_wrong_day)
{
    const char *r;

    r = unit_mail("s1", "jo@example.org", "ROTA: food bank Friday", "", "");
    ck_assert_str_eq(r, "processed: triage: a rota sign-up: food bank does not run on the day named");
    r = unit_mail("s2", "jo@example.org", "ROTA: food bank Thursday 19 November", "", "");
    ck_assert_str_eq(r, "processed: triage: a rota sign-up: the day named for food bank has passed");
    ck_assert_str_eq(slots(), "");
}
END_TEST

/* no task, or two named as well: for the coordinators */
START_TEST(t_unknown_or_ambiguous_task)
{
    const char *r;

    r = unit_mail("s1", "jo@example.org", "ROTA: knitting circle Thursday", "", "");
    ck_assert_str_eq(r, "processed: triage: a rota sign-up for no task of the rota");
    r = unit_mail("s2", "jo@example.org", "ROTA: food Monday", "", "");
    ck_assert_str_eq(r, "processed: triage: a rota sign-up for more than one task");
    ck_assert_int_eq(unit_long("SELECT count(*) FROM triage", NULL), 2);
    ck_assert_str_eq(slots(), "");
}
END_TEST

/* the task in the text when the subject after ROTA names none */
START_TEST(t_task_in_the_text)
{
    const char *r;

    r = unit_mail("s1", "jo@example.org", "ROTA: Thursday", "",
                  "I can do the food bank this week.");
    ck_assert_str_eq(r, "processed: rota: signs up for food bank on 2026-11-26");
}
END_TEST

/* without the prefix: "put me down for ..." with a task is a sign-up; without a task
 * it is not */
START_TEST(t_plain_words)
{
    const char *r;

    r = unit_mail("s1", "jo@example.org", "Thursday", "",
                  "Hi, please put me down for the food bank on Thursday. Jo");
    ck_assert_str_eq(r, "processed: rota: signs up for food bank on 2026-11-26");
    r = unit_mail("s2", "sam@example.org", "Helping", "",
                  "Put me down for anything you need, I am free most days.");
    ck_assert_msg(!strstr(r, "rota"), "%s", r);
    ck_assert_str_eq(slots(), "food bank 2026-11-26");
}
END_TEST

static Suite *
signup_suite(void)
{
    Suite *s = suite_create("signup");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_sign_up_and_cancel);
    tcase_add_test(tc, t_task_and_day_forms);
    tcase_add_test(tc, t_no_day_named);
    tcase_add_test(tc, t_wrong_day);
    tcase_add_test(tc, t_unknown_or_ambiguous_task);
    tcase_add_test(tc, t_task_in_the_text);
    tcase_add_test(tc, t_plain_words);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(signup_suite)
