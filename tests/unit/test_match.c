/* test_match.c — process/match, the end of every process run, on a database db_open
 * made with posts inserted: open posts past their expiry expire (not before the day
 * they are needed by; held ones wait for a coordinator), and each open request gets
 * at most five open offers of its category, the same street first (score 3), then
 * the same area (2), then anywhere (1), newest first within each; matches are rebuilt
 * on every run. Today is Tuesday 24 November 2026. */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "unit_process.h"

static void
setup(void)
{
    unit_group_open("[group]\nname = Elm Park\naddress = help@group.example.org\n"
                    "timezone = Europe/London\nmoderation = none\n"
                    "[fetch]\nsource = mbox:x\n"
                    "[areas]\nnorth = Elm Street, Oak Road\nsouth = Ash Grove\n",
                    "2026-11-24T09:00:00");
}

static void
teardown(void)
{
    unit_group_close();
}

/* Inserts post REF (kind from its letter) of CATEGORY, AREA and STREET (NULL for
 * none), STATUS, created AGE days ago, expiring on EXPIRES, needed by NEEDED (NULL). */
static void
post(const char *ref, const char *category, const char *area, const char *street,
     const char *status, int age, const char *expires, const char *needed)
{
    char sql[1024];

    snprintf(sql, sizeof sql,
             "INSERT INTO posts(ref, kind, category, area, street, title, created_at, expires_at,"
             " needed_by, status) VALUES ('%s', '%s', '%s', %s%s%s, %s%s%s, 'title of %s', %ld,"
             " '%s', %s%s%s, '%s')",
             ref, ref[0] == 'O' ? "offer" : "request", category, area ? "'" : "",
             area ? area : "NULL", area ? "'" : "", street ? "'" : "", street ? street : "NULL",
             street ? "'" : "", ref, (long)clock_now() - age * 86400L, expires, needed ? "'" : "",
             needed ? needed : "NULL", needed ? "'" : "", status);
    unit_exec(sql);
}

/* The matches of request REF: "O-0001 3.00, O-0002 2.00", best first. */
static const char *
matches_of(const char *ref)
{
    return unit_text("SELECT coalesce(group_concat(o, ', '), '') FROM (SELECT o.ref ||"
                     " printf(' %.2f', m.score) AS o FROM matches m"
                     " JOIN posts o ON o.id = m.offer_id JOIN posts r ON r.id = m.request_id"
                     " WHERE r.ref = ?1 ORDER BY m.score DESC, o.ref)",
                     ref);
}

static const char *
status_of(const char *ref)
{
    return unit_text("SELECT status FROM posts WHERE ref = ?1", ref);
}

START_TEST(t_street_then_area_then_anywhere)
{
    post("R-0001", "food", "north", "Elm Street", "open", 1, "2026-12-01", NULL);
    post("O-0001", "food", "south", "Ash Grove", "open", 1, "2026-12-20", NULL);   /* elsewhere */
    post("O-0002", "food", "north", "Oak Road", "open", 2, "2026-12-20", NULL);    /* same area */
    post("O-0003", "food", "north", "Elm Street", "open", 3, "2026-12-20", NULL);  /* same street */
    post("O-0004", "pets", "north", "Elm Street", "open", 1, "2026-12-20", NULL);  /* other kind */
    post("O-0005", "food", "north", "Elm Street", "taken", 1, "2026-12-20", NULL); /* closed */
    post("O-0006", "food", "north", "Elm Street", "held", 1, "2026-12-20", NULL);  /* held */
    post("O-0007", "food", NULL, NULL, "open", 4, "2026-12-20", NULL);             /* no area */
    unit_process();
    ck_assert_str_eq(matches_of("R-0001"), "O-0003 3.00, O-0002 1.99, O-0001 0.98, O-0007 0.97");
}
END_TEST

/* a request with no area: every offer of its category is "anywhere"; a request of
 * category other gets none */
START_TEST(t_no_area_and_other)
{
    post("R-0001", "food", NULL, NULL, "open", 1, "2026-12-01", NULL);
    post("R-0002", "other", "north", "Elm Street", "open", 1, "2026-12-01", NULL);
    post("O-0001", "food", "north", "Elm Street", "open", 2, "2026-12-20", NULL);
    post("O-0002", "food", NULL, NULL, "open", 1, "2026-12-20", NULL);
    post("O-0003", "other", "north", "Elm Street", "open", 1, "2026-12-20", NULL);
    unit_process();
    ck_assert_str_eq(matches_of("R-0001"), "O-0002 1.00, O-0001 0.99");
    ck_assert_str_eq(matches_of("R-0002"), "");
}
END_TEST

/* at most five, newest first */
START_TEST(t_five_at_most)
{
    char ref[16];

    post("R-0001", "food", "north", "Elm Street", "open", 1, "2026-12-01", NULL);
    for (int i = 1; i <= 8; i++) {
        snprintf(ref, sizeof ref, "O-%04d", i);
        post(ref, "food", "north", "Oak Road", "open", 10 - i, "2026-12-20", NULL);
    }
    unit_process();
    ck_assert_str_eq(matches_of("R-0001"),
                     "O-0008 2.00, O-0007 1.99, O-0006 1.98, O-0005 1.97, O-0004 1.96");
    ck_assert_int_eq(unit_long("SELECT count(*) FROM matches", NULL), 5);
}
END_TEST

/* Offers posted in the same second: the matches are those the queries on posts picked
 * before the temporary table (the area's sorted, the oldest post first among equals;
 * the others read backwards, the newest post first), for requests with a street,
 * without one, and without an area: the figures below are what they gave. */
START_TEST(t_same_second)
{
    char ref[16];

    post("R-0001", "food", "north", "Elm Street", "open", 1, "2026-12-01", NULL);
    post("R-0002", "food", "north", NULL, "open", 1, "2026-12-01", NULL);
    post("R-0003", "food", NULL, NULL, "open", 1, "2026-12-01", NULL);
    /* twelve offers, four at each of three moments, in both areas, with and without
     * streets, the ids in no order of the moments */
    static const struct {
        const char *area, *street;
        int age;
    } o[] = {{"north", "Oak Road", 2}, {"north", "Elm Street", 2}, {"south", "Ash Grove", 3},
             {"north", NULL, 2},       {"north", "Elm Street", 3}, {"south", NULL, 2},
             {"north", "Oak Road", 3}, {"north", "Elm Street", 2}, {"south", "Ash Grove", 2},
             {"north", NULL, 3},       {"north", "Oak Road", 2},   {"south", "Ash Grove", 3}};
    for (size_t i = 0; i < sizeof o / sizeof o[0]; i++) {
        snprintf(ref, sizeof ref, "O-%04zu", i + 1);
        post(ref, "food", o[i].area, o[i].street, "open", o[i].age, "2026-12-20", NULL);
    }
    unit_process();
    /* R-0001: Elm Street's (O-0002, O-0008: 2 days; O-0005: 3 days), then the area's
     * newest, the oldest post first (O-0001, O-0004 of 2 days) */
    ck_assert_str_eq(matches_of("R-0001"),
                     "O-0002 3.00, O-0008 2.99, O-0005 2.98, O-0001 1.97, O-0004 1.96");
    /* R-0002 (no street): the area's offers without a street first (O-0004, O-0010),
     * then the rest of the area, newest first, the oldest post first among equals */
    ck_assert_str_eq(matches_of("R-0002"),
                     "O-0004 2.00, O-0010 1.99, O-0001 1.98, O-0002 1.97, O-0008 1.96");
    /* R-0003 (no area): every offer is elsewhere, newest first, the newest post first
     * among equals */
    ck_assert_str_eq(matches_of("R-0003"),
                     "O-0011 1.00, O-0009 0.99, O-0008 0.98, O-0006 0.97, O-0004 0.96");
}
END_TEST

/* past their day: expired (open and triage posts); not before their needed-by day;
 * held posts wait; then they match no more */
START_TEST(t_expiry)
{
    post("R-0001", "food", "north", "Elm Street", "open", 9, "2026-11-23", NULL);
    post("R-0002", "food", "north", "Elm Street", "open", 9, "2026-11-24", NULL);
    post("R-0003", "food", "north", "Elm Street", "open", 9, "2026-11-23", "2026-11-25");
    post("R-0004", "food", "north", "Elm Street", "triage", 9, "2026-11-20", NULL);
    post("R-0005", "food", "north", "Elm Street", "held", 9, "2026-11-20", NULL);
    post("R-0006", "food", "north", "Elm Street", "done", 9, "2026-11-20", NULL);
    post("O-0001", "food", "north", "Elm Street", "open", 40, "2026-11-01", NULL);
    post("O-0002", "food", "north", "Elm Street", "open", 1, "2026-12-20", NULL);
    unit_process();
    ck_assert_str_eq(status_of("R-0001"), "expired");
    ck_assert_int_eq(unit_long("SELECT closed_at FROM posts WHERE ref = 'R-0001'", NULL),
                     (long)clock_now());
    ck_assert_str_eq(status_of("R-0002"), "open"); /* its last day is today */
    ck_assert_str_eq(status_of("R-0003"), "open"); /* needed tomorrow */
    ck_assert_str_eq(status_of("R-0004"), "expired");
    ck_assert_str_eq(status_of("R-0005"), "held");
    ck_assert_str_eq(status_of("R-0006"), "done");
    ck_assert_str_eq(status_of("O-0001"), "expired");
    ck_assert_str_eq(matches_of("R-0001"), "");
    ck_assert_str_eq(matches_of("R-0002"), "O-0002 3.00");
    ck_assert_str_eq(matches_of("R-0003"), "O-0002 3.00");

    /* the next day R-0002 and R-0003 expire too */
    unit_now("2026-11-26T09:00:00");
    unit_process();
    ck_assert_str_eq(status_of("R-0002"), "expired");
    ck_assert_str_eq(status_of("R-0003"), "expired");
    ck_assert_int_eq(unit_long("SELECT count(*) FROM matches", NULL), 0);
}
END_TEST

/* rebuilt on every run: an offer taken since is no longer matched, a new one is */
START_TEST(t_rebuilt_every_run)
{
    post("R-0001", "food", "north", "Elm Street", "open", 1, "2026-12-01", NULL);
    post("O-0001", "food", "north", "Elm Street", "open", 2, "2026-12-20", NULL);
    unit_process();
    ck_assert_str_eq(matches_of("R-0001"), "O-0001 3.00");
    unit_exec("UPDATE posts SET status = 'taken' WHERE ref = 'O-0001'");
    post("O-0002", "food", "south", "Ash Grove", "open", 1, "2026-12-20", NULL);
    unit_process();
    ck_assert_str_eq(matches_of("R-0001"), "O-0002 1.00");
    /* a request closed: its matches go */
    unit_exec("UPDATE posts SET status = 'done' WHERE ref = 'R-0001'");
    unit_process();
    ck_assert_int_eq(unit_long("SELECT count(*) FROM matches", NULL), 0);
}
END_TEST

/* a post whose mail is read late, already past its expiry, is stored as expired: the
 * same rule as for the posts stored before (match_expired) */
START_TEST(t_new_post_already_expired)
{
    long fresh, old;

    unit_now("2026-10-10T09:00:00"); /* an offer lasts 30 days */
    old = unit_store("old", "jo@example.org", "OFFER: a bag of apples", "",
                     "Free apples from our tree.");
    unit_now("2026-11-10T09:00:00");
    fresh = unit_store("new", "sam@example.org", "OFFER: a bag of pears", "",
                       "Free pears from our tree.");
    unit_now("2026-11-24T09:00:00");
    unit_process();
    ck_assert_msg(strstr(unit_state(old), "O-0001"), "%s", unit_state(old));
    ck_assert_msg(strstr(unit_state(fresh), "O-0002"), "%s", unit_state(fresh));
    ck_assert_str_eq(status_of("O-0001"), "expired");
    ck_assert_str_eq(unit_text("SELECT expires_at FROM posts WHERE ref = 'O-0001'", NULL),
                     "2026-11-09");
    ck_assert_str_eq(status_of("O-0002"), "open");
}
END_TEST

static Suite *
match_suite(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_street_then_area_then_anywhere);
    tcase_add_test(tc, t_no_area_and_other);
    tcase_add_test(tc, t_five_at_most);
    tcase_add_test(tc, t_same_second);
    tcase_add_test(tc, t_expiry);
    tcase_add_test(tc, t_rebuilt_every_run);
    tcase_add_test(tc, t_new_post_already_expired);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(match_suite)
