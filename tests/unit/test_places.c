/* test_places.c — process/places: forgiving street names (typos, abbreviations,
 * possessives) in the Millbrook group's [areas] (moved from test_process.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "places.h"
#include "unit.h"
#include "unit_rules.h"

START_TEST(t_streets)
{
    const struct places *pl = classify_rules_places(rules);
    const char *street, *area;
    static const struct {
        const char *place, *title, *text, *street, *area;
    } cases[] = {
        {"St Johns Rd", "", "", "St John's Road", "north"},
        {"st. john's road", "", "", "St John's Road", "north"},
        {"Hawthorne Grove", "", "", "Hawthorn Grove", "south"},
        {"Victoria Ave", "", "", "Victoria Avenue", "south"},
        {"Mill Ln", "", "", "Mill Lane", "north"},
        {"Chapel Cl", "", "", "Chapel Close", "south"},
        {"Queens Raod", "", "", "Queens Road", "east"},
        {"EAST", "", "", NULL, "east"},
        {"", "Free firewood on Orchard Way", "", "Orchard Way", "east"},
        {"", "Prescription", "Could someone collect it from the chemist on Bridge Street? I live "
                             "on St John's Road.", "St John's Road", "north"},
        {"", "Lift", "I need a lift to Bridge Street.\n\nDan\nChapel Close\n", "Chapel Close",
         "south"},
        {"", "Mill", "The mill is closed and the lane is muddy.", NULL, NULL},
        /* no street, but an area named: only when its name is no everyday word */
        {"", "Logs", "We're down in Riverside, bring a bag.", NULL, "riverside"},
        {"", "Logs", "I'm on the east side of town.", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        area = places_find(pl, cases[i].place, cases[i].title, cases[i].text, &street);
        if (cases[i].area)
            ck_assert_msg(area && strcmp(area, cases[i].area) == 0, "%zu: area %s", i,
                          area ? area : "(none)");
        else
            ck_assert_msg(!area, "%zu: area %s", i, area);
        if (cases[i].street)
            ck_assert_msg(street && strcmp(street, cases[i].street) == 0, "%zu: street %s", i,
                          street ? street : "(none)");
        else
            ck_assert_msg(!street, "%zu: street %s", i, street);
    }
}
END_TEST

static Suite *
places_suite(void)
{
    Suite *s = suite_create("places");
    TCase *tc;

    tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_streets);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(places_suite)
