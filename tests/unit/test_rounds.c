/* test_rounds.c — delivery rounds cut from the streets, days read as people write them,
 * rota tasks found loosely, and the new print keys of the config checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "conf.h"
#include "day.h"
#include "rounds.h"
#include "unit.h"

static char dir[] = "/tmp/doorstep-test-rounds.XXXXXX";
static char err[4096];

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1), 0);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
}

static void
teardown(void)
{
    char cmd[600];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-rounds.XXXXXX");
}

/* Loads a minimal config followed by EXTRA; NULL with err set on error. */
static conf *
load_with(const char *extra)
{
    char path[600];
    FILE *f;

    snprintf(path, sizeof path, "%s/t.ini", dir);
    ck_assert_ptr_nonnull(f = fopen(path, "w"));
    fprintf(f,
            "[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
            "[fetch]\nsource = maildir:Maildir\n%s",
            extra);
    fclose(f);
    return conf_load(path, err, sizeof err);
}

/* Checks round R: its area, doors and streets as "Name:doors" or "Name:doors:part/of". */
static void
check_round(const struct round *r, const char *area, int doors, const char *streets)
{
    char got[1024] = "";
    size_t o = 0;

    for (size_t i = 0; i < r->nstreets; i++) {
        const struct round_street *s = &r->streets[i];
        if (s->parts > 1)
            o += (size_t)snprintf(got + o, sizeof got - o, "%s%s:%d:%d/%d", i ? ", " : "", s->name,
                                  s->doors, s->part, s->parts);
        else
            o += (size_t)snprintf(got + o, sizeof got - o, "%s%s:%d", i ? ", " : "", s->name,
                                  s->doors);
    }
    ck_assert_str_eq(r->area->name, area);
    ck_assert_int_eq(r->doors, doors);
    ck_assert_str_eq(got, streets);
}

START_TEST(t_rounds_whole_streets_areas_apart)
{
    conf *c = load_with("[areas]\n"
                        "north = Elm Street:48, Oak Road:36, Birch Close:12, Lime Walk:30\n"
                        "south = Ash Grove:40, Willow Lane:28\n");
    struct round_plan plan;
    size_t n;
    const struct conf_area *areas;

    ck_assert_msg(c != NULL, "%s", err);
    areas = conf_areas(c, &n);
    ck_assert_int_eq(rounds_plan(areas, n, 100, &plan), 0);
    ck_assert_uint_eq(plan.n, 3);
    /* 48 + 36 + 12 = 96 fit; 30 more would pass 100: a new round */
    check_round(&plan.rounds[0], "north", 96, "Elm Street:48, Oak Road:36, Birch Close:12");
    check_round(&plan.rounds[1], "north", 30, "Lime Walk:30");
    /* south never shares a round with north, even with room left */
    check_round(&plan.rounds[2], "south", 68, "Ash Grove:40, Willow Lane:28");
    for (size_t i = 0; i < plan.n; i++)
        ck_assert_int_eq(plan.rounds[i].number, (int)i + 1);
    rounds_free(&plan);
    conf_free(c);
}
END_TEST

START_TEST(t_rounds_long_street_split)
{
    conf *c = load_with("[areas]\n"
                        "south = Ash Grove:40, Station Road:250, Mill Lane:20, Quay:120\n");
    struct round_plan plan;
    size_t n;
    const struct conf_area *areas;

    ck_assert_msg(c != NULL, "%s", err);
    areas = conf_areas(c, &n); /* n is set by the call: not in the same expression */
    ck_assert_int_eq(rounds_plan(areas, n, 120, &plan), 0);
    ck_assert_uint_eq(plan.n, 5);
    check_round(&plan.rounds[0], "south", 40, "Ash Grove:40");
    /* 250 doors: three parts of nearly equal size, each starting a round */
    check_round(&plan.rounds[1], "south", 84, "Station Road:84:1/3");
    check_round(&plan.rounds[2], "south", 83, "Station Road:83:2/3");
    /* the last part takes the streets after it while they fit */
    check_round(&plan.rounds[3], "south", 103, "Station Road:83:3/3, Mill Lane:20");
    /* exactly the limit is whole */
    check_round(&plan.rounds[4], "south", 120, "Quay:120");
    rounds_free(&plan);
    conf_free(c);
}
END_TEST

START_TEST(t_rounds_no_doors_no_areas)
{
    conf *c = load_with("[areas]\nnorth = Elm Street, Oak Road:10\n");
    struct round_plan plan;
    size_t n;
    const struct conf_area *areas;

    ck_assert_msg(c != NULL, "%s", err);
    areas = conf_areas(c, &n); /* n is set by the call: not in the same expression */
    ck_assert_int_eq(rounds_plan(areas, n, 120, &plan), 0);
    ck_assert_uint_eq(plan.n, 1);
    check_round(&plan.rounds[0], "north", 10, "Elm Street:0, Oak Road:10");
    rounds_free(&plan);
    ck_assert_int_eq(rounds_plan(NULL, 0, 120, &plan), 0);
    ck_assert_uint_eq(plan.n, 0);
    rounds_free(&plan);
    conf_free(c);
}
END_TEST

/* DAY read relative to 2026-11-25 (a Wednesday) must give WANT (YYYY-MM-DD). */
static void
day_is(const char *day, const char *want)
{
    time_t t = 0;
    char got[DAY_SIZE];

    ck_assert_msg(day_parse(day, clock_now(), &t) == DAY_OK, "\"%s\" not read", day);
    clock_date(t, got);
    ck_assert_msg(strcmp(got, want) == 0, "\"%s\": %s, expected %s", day, got, want);
}

START_TEST(t_days)
{
    time_t t = 0;

    day_is("2026-12-24", "2026-12-24");
    day_is("today", "2026-11-25");
    day_is("Tomorrow", "2026-11-26");
    day_is("wednesday", "2026-11-25"); /* today counts */
    day_is("thu", "2026-11-26");
    day_is("Thurs", "2026-11-26");
    day_is("tuesday", "2026-12-01");
    day_is("Mon 30 Nov", "2026-11-30");
    day_is("Monday, 30th November", "2026-11-30");
    day_is("Nov 30", "2026-11-30");
    day_is("5 Jan", "2027-01-05");  /* long past this year: next year */
    day_is("20 Nov", "2026-11-20"); /* days ago: this year (the caller refuses it) */
    day_is("1 March 2027", "2027-03-01");
    ck_assert_int_eq(day_parse("Tue 30 Nov", clock_now(), &t), DAY_MISMATCH);
    ck_assert_int_eq(day_parse("31 Nov", clock_now(), &t), DAY_UNREADABLE);
    ck_assert_int_eq(day_parse("2026-02-30", clock_now(), &t), DAY_UNREADABLE);
    ck_assert_int_eq(day_parse("someday", clock_now(), &t), DAY_UNREADABLE);
    ck_assert_int_eq(day_parse("th", clock_now(), &t), DAY_UNREADABLE);
    ck_assert_int_eq(day_parse("", clock_now(), &t), DAY_UNREADABLE);
    ck_assert_int_eq(day_weekday(clock_now()), 2);
}
END_TEST

START_TEST(t_tasks_found_loosely)
{
    conf *c = load_with("[rota]\nfood bank = thu 10:00-12:00 x2\ncheck-in calls = daily "
                        "18:00-19:00\nchecking stock = mon 09:00-10:00\nleaflets = sat "
                        "10:00-12:00\n");
    int ambiguous = 0;

    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_str_eq(conf_task_find(c, "Food Bank", NULL)->name, "food bank");
    ck_assert_str_eq(conf_task_find(c, "food-bank", NULL)->name, "food bank");
    ck_assert_str_eq(conf_task_find(c, "foodbank", NULL)->name, "food bank");
    ck_assert_str_eq(conf_task_find(c, "Check In Calls", NULL)->name, "check-in calls");
    ck_assert_str_eq(conf_task_find(c, "checkin_calls", NULL)->name, "check-in calls");
    ck_assert_str_eq(conf_task_find(c, "food", NULL)->name, "food bank");
    ck_assert_str_eq(conf_task_find(c, "leaflet", NULL)->name, "leaflets");
    ck_assert_ptr_null(conf_task_find(c, "check", &ambiguous)); /* check-in or checking */
    ck_assert_int_eq(ambiguous, 1);
    ck_assert_ptr_null(conf_task_find(c, "cooking", &ambiguous));
    ck_assert_int_eq(ambiguous, 0);
    ck_assert_ptr_null(conf_task_find(c, "fo", NULL)); /* too short to guess */
    conf_free(c);
}
END_TEST

START_TEST(t_print_keys)
{
    conf *c = load_with("[rota]\nleaflets = sat 10:00-12:00\n");

    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_int_eq(conf_int(c, "leaflets", "round_doors"), 120);
    ck_assert_str_eq(conf_str(c, "leaflets", "per"), "area");
    ck_assert_str_eq(conf_str(c, "leaflets", "rota_task"), "leaflets");
    ck_assert_str_eq(conf_str(c, "output", "font"),
                     "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    conf_free(c);
    /* the default task need not exist; a task named on purpose must */
    ck_assert_ptr_nonnull(c = load_with(""));
    conf_free(c);
    ck_assert_ptr_null(load_with("[leaflets]\nrota_task = rounds\n"));
    ck_assert_msg(strstr(err, "[leaflets] rota_task: \"rounds\" is not a task of [rota]"), "%s",
                  err);
    ck_assert_ptr_null(load_with("[leaflets]\nper = street\nround_doors = 5\n"));
    ck_assert_msg(strstr(err, "[leaflets] per: \"street\" is not one of area|round"), "%s", err);
    ck_assert_msg(strstr(err, "[leaflets] round_doors: 5 is out of range"), "%s", err);
    /* fonts: relative to the config's folder, checked when set */
    ck_assert_ptr_null(load_with("[output]\nfont = missing.ttf\n"));
    ck_assert_msg(strstr(err, ":7: [output] font: ") && strstr(err, "missing.ttf: No such file"),
                  "%s", err);
    ck_assert_ptr_null(load_with("[output]\nfont_bold = /tmp\n"));
    ck_assert_msg(strstr(err, "[output] font_bold: /tmp: not a file"), "%s", err);
}
END_TEST

static Suite *
rounds_suite(void)
{
    Suite *s = suite_create("rounds");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_rounds_whole_streets_areas_apart);
    tcase_add_test(tc, t_rounds_long_street_split);
    tcase_add_test(tc, t_rounds_no_doors_no_areas);
    tcase_add_test(tc, t_days);
    tcase_add_test(tc, t_tasks_found_loosely);
    tcase_add_test(tc, t_print_keys);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(rounds_suite)
