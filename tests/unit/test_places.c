/* test_places.c — process/places: forgiving street names (typos, abbreviations,
 * possessives) in the Millbrook group's [areas] (moved from test_process.c), and a
 * street a sender signs with (places_signed). */
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
        /* a street's name without its type after a house number, as New Yorkers write
         * "40 Canal"; a capitalised name alone or before a number is no street */
        {"", "Lights", "Every year I put the lights on the front of 40 Church, the kids love "
                       "it.", "Church Street", "north"},
        {"", "Lights", "The Mill was lovely and 3 Mill Lane is ours.", "Mill Lane", "north"},
        {"", "Walk", "Up to the Mill and back, 3 miles.", NULL, NULL},
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

/* A street a sender signs with ends a line; one named in passing does not. */
START_TEST(t_signed)
{
    const struct places *pl = classify_rules_places(rules);
    static const struct {
        const char *text;
        int signed_;
    } cases[] = {
        {"The wind took the fence panel last night. Chapel Close", 1},
        {"car's in the garage till thursday 😫 mill ln", 1},
        {"Our boiler is broken.\nDan, Orchard Way\n07700 900123", 1},
        {"I live on Queens Road.\nThanks, Dan", 1},
        {"Has anyone seen a grey cat around Mill Lane? She's not ours.", 0},
        {"The library on Bridge Street has free advice on Tuesdays.", 0},
        {"Nothing about any street at all.", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct words w = {0};
        struct placed_words pw;
        ck_assert_int_eq(words_split(cases[i].text, &w), 0);
        places_in(pl, &w, &pw);
        ck_assert_msg(places_signed(&pw) == cases[i].signed_, "%zu: %s", i, cases[i].text);
        words_free(&w);
    }
}
END_TEST

/* Street-type words, every spelling of them, and words that are none (a typo is not
 * one: it is forgiven only where a configured street ends). */
START_TEST(t_street_type_words)
{
    struct words w = {0};
    static const char *const text =
        "Street st STR road Rd lane ln avenue ave av avn close cl grove gr gro grv crescent "
        "cres cresc cr drive dr drv place pl terrace terr ter tce square sq gardens gdns gdn "
        "gardns court ct park pk parade pde green grn mews way walk row hill rise gate view "
        "yard boulevard blvd highway hwy parkway pkwy circle cir "
        "stret streets s roads the a mill lanes avenues 14 sts";
    size_t yes = 61;

    ck_assert_int_eq(words_split(text, &w), 0);
    for (size_t i = 0; i < w.n; i++)
        ck_assert_msg(places_is_suffix(&w.w[i]) == (i < yes), "%s", w.w[i].raw);
    words_free(&w);
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
    tcase_add_test(tc, t_signed);
    tcase_add_test(tc, t_street_type_words);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(places_suite)
