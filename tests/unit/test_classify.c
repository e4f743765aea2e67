/* test_classify.c — process/classify: subject prefixes and titles, closings and
 * replies, categories, and the places a post names (process/places). */
#include <stdlib.h>

#include "classify.h"
#include "conf.h"
#include "places.h"
#include "unit.h"
#include "unit_conf.h"

static conf *cfg;

static void
setup(void)
{
    cfg = unit_conf("[group]\nname = G\naddress = g@example.org\n"
                    "[fetch]\nsource = mbox:x\n"
                    "[areas]\nnorth = Elm Street:48, Oak Road:36\nsouth = Ash Grove:40\n");
}

static void
teardown(void)
{
    conf_free(cfg);
}

START_TEST(t_subject_prefixes)
{
    struct subject_info si;
    static const struct {
        const char *subject;
        enum post_kind kind;
        const char *title, *place;
    } cases[] = {
        {"OFFER: shopping runs on Tuesdays (Elm Street)", KIND_OFFER, "shopping runs on Tuesdays",
         "Elm Street"},
        {"request: prescription pick-up", KIND_REQUEST, "prescription pick-up", ""},
        {"[OFFER] free cot (Willow Lane)", KIND_OFFER, "free cot", "Willow Lane"},
        {"[ Request ] lift", KIND_REQUEST, "lift", ""},
        {"NEED: help", KIND_REQUEST, "help", ""},
        {"Wanted: ladder", KIND_REQUEST, "ladder", ""},
        {"HELP NEEDED: weekly shop (Ash Grove)", KIND_REQUEST, "weekly shop", "Ash Grove"},
        {"offer - help with small jobs", KIND_OFFER, "help with small jobs", ""},
        {"Offering a hand", KIND_NONE, "Offering a hand", ""},
        {"Needle and thread", KIND_NONE, "Needle and thread", ""},
        {"Thank you!", KIND_NONE, "Thank you!", ""},
        {"ROTA: food bank Thursday", KIND_ROTA, "food bank Thursday", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        classify_subject(cases[i].subject, &si);
        ck_assert_msg(si.kind == cases[i].kind, "%s: kind %d", cases[i].subject, si.kind);
        ck_assert_str_eq(si.title, cases[i].title);
        ck_assert_str_eq(si.place, cases[i].place);
    }
}
END_TEST

START_TEST(t_closings_and_replies)
{
    struct subject_info si;

    classify_subject("DONE R-0002", &si);
    ck_assert_int_eq(si.kind, KIND_CLOSING);
    ck_assert_str_eq(si.ref, "R-0002");
    ck_assert_str_eq(si.status, "done");
    classify_subject("withdrawn o-3", &si);
    ck_assert_str_eq(si.ref, "O-0003");
    ck_assert_str_eq(si.status, "withdrawn");
    classify_subject("Re: TAKEN: R-0010 thanks", &si);
    ck_assert_int_eq(si.kind, KIND_CLOSING);
    ck_assert_str_eq(si.status, "taken");
    ck_assert_str_eq(si.ref, "R-0010");
    classify_subject("Re: Fwd: REQUEST: lift (Oak Road)", &si);
    ck_assert_int_eq(si.reply, 1);
    ck_assert_int_eq(si.kind, KIND_REQUEST);
    classify_subject("DONE", &si);
    ck_assert_int_eq(si.kind, KIND_CLOSING);
    ck_assert_str_eq(si.ref, "");
}
END_TEST

START_TEST(t_places_and_categories)
{
    const char *street;
    struct rules *r = rules_new(cfg);
    const struct places *pl;

    ck_assert_ptr_nonnull(r);
    pl = rules_places(r);
    ck_assert_str_eq(places_find(pl, "oak road", "x", "", &street), "north");
    ck_assert_str_eq(street, "Oak Road");
    ck_assert_str_eq(places_find(pl, "South", "x", "", &street), "south");
    ck_assert_ptr_null(street);
    ck_assert_str_eq(places_find(pl, "", "soup", "I live on Ash Grove.", &street), "south");
    ck_assert_str_eq(street, "Ash Grove");
    ck_assert_ptr_null(places_find(pl, "Mars", "x", "nowhere", &street));
    ck_assert_str_eq(classify_category(r, "prescription pick-up", ""), "medicine");
    ck_assert_str_eq(classify_category(r, "someone to walk my dog", ""), "pets");
    ck_assert_str_eq(classify_category(r, "a favour", "could you pick up my shopping"), "food");
    ck_assert_str_eq(classify_category(r, "a favour", "nothing matches here"), "other");
    rules_free(r);
}
END_TEST

static Suite *
classify_suite(void)
{
    Suite *s = suite_create("classify");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_subject_prefixes);
    tcase_add_test(tc, t_closings_and_replies);
    tcase_add_test(tc, t_places_and_categories);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(classify_suite)
