/* test_classify.c — process/classify: subject prefixes and titles, closings and
 * replies, categories, and the places a post names (process/places), with a small
 * config; then, with the Millbrook group's (unit_rules.h), kind by words, closing
 * words, categories and subjects with reference codes on realistic text. */
#include <stdlib.h>

#include "classify.h"
#include "conf.h"
#include "places.h"
#include "unit_rules.h"
#include "unit.h"
#include "unit_conf.h"


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
    struct rules *r = classify_rules_new(cfg);
    const struct places *pl;

    ck_assert_ptr_nonnull(r);
    pl = classify_rules_places(r);
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
    classify_rules_free(r);
}
END_TEST

static enum post_kind
kind_of(const char *title, const char *text, int *sure)
{
    struct kind_guess g;
    classify_kind(rules, title, text, &g);
    if (sure)
        *sure = g.sure;
    return g.kind;
}


START_TEST(t_kind_by_words)
{
    static const struct {
        const char *title, *text;
        enum post_kind kind;
    } cases[] = {
        {"Hospital appointment on Thursday",
         "Could anyone help me get to my hospital appointment at the General on Thursday 26th? "
         "I can get a taxi back.", KIND_REQUEST},
        {"Dog walks - mornings", "I'm working from home so I can help with dog walks most "
                                 "mornings.", KIND_OFFER},
        {"Soup!", "I've got a huge pot on the go and I'm happy to do a batch of soup for anyone "
                  "who'd like some.", KIND_OFFER},
        {"Mattress on Saturday - could someone give me a hand?",
         "The delivery men will only leave it at the door. I will pay you in cake!", KIND_REQUEST},
        {"Spare sofa bed", "I have a spare sofa bed free to anyone who can collect it.", KIND_OFFER},
        {"Help!!", "My boiler has packed in. Does anyone have a spare electric heater I could "
                   "borrow?", KIND_REQUEST},
        {"Lifts", "Would anyone like a lift to the Christmas market? I've got two seats.",
         KIND_OFFER},
        {"Pram", "Could anyone use a pram? Ours is in the shed doing nothing.", KIND_OFFER},
        {"Shelves", "Would anyone be happy to help me put up two shelves? Happy to pay for your "
                    "time.", KIND_REQUEST},
        {"Thank you!", "Thank you all so much, you have been wonderful.", KIND_NONE},
        {"Freezer", "My freezer is empty and payday is a week off.", KIND_REQUEST},
        {"Apples", "Bags of apples going begging by the gate.", KIND_OFFER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum post_kind k = kind_of(cases[i].title, cases[i].text, NULL);
        ck_assert_msg(k == cases[i].kind, "%s: %d, expected %d", cases[i].title, k,
                      cases[i].kind);
    }
    /* both, evenly: a guess for triage */
    int sure = 1;
    kind_of("Car seat", "Our toddler has outgrown his car seat, it's yours if you want it. "
                        "Also I'm looking for a booster seat if anyone has one.",
            &sure);
    ck_assert_int_eq(sure, 0);
}
END_TEST

START_TEST(t_closing_words)
{
    ck_assert_str_eq(classify_closing(rules, "Sorted now, thank you Priya!"), "done");
    ck_assert_str_eq(classify_closing(rules, "All sorted now - we don't need one any more."),
                     "done");
    ck_assert_str_eq(classify_closing(rules, "All gone, thanks everyone"), "taken");
    ck_assert_str_eq(classify_closing(rules, "No longer needed, my son came home early."),
                     "withdrawn");
    ck_assert_str_eq(classify_closing(rules, "This has been collected now, thank you."), "done");
    ck_assert_ptr_null(classify_closing(rules, "Still need someone for Thursday please!"));
    ck_assert_ptr_null(classify_closing(rules, "Is this still available?"));
    ck_assert_ptr_null(classify_closing(rules, "I could do it on Thursday."));
    ck_assert_ptr_null(classify_closing(rules, "When it's sorted send DONE, e.g. DONE R-0003."));
}
END_TEST

START_TEST(t_categories)
{
    ck_assert_str_eq(classify_category(rules, "Dog walks", ""), "pets");
    ck_assert_str_eq(classify_category(rules, "x", "could someone pick up my prescriptions"),
                     "medicine");
    ck_assert_str_eq(classify_category(rules, "Lift to the station",
                                       "I need to be at the station by 7"), "transport");
    /* the street's words are no keywords: "Church Street" is not about a church, nor
     * "Mill Lane" about anything; "food bank" is a phrase */
    ck_assert_str_eq(classify_category(rules, "Food bank parcel", "I'm on Queens Road"), "food");
    ck_assert_str_eq(classify_category(rules, "Knitting", "hats and scarves"), "other");
    /* things for a baby are household; looking after children is childcare */
    ck_assert_str_eq(classify_category(rules, "Loan of a pushchair", "for my grandson"),
                     "household");
    ck_assert_str_eq(classify_category(rules, "babysitter Saturday", "our two are 4 and 7"),
                     "childcare");
    ck_assert_str_eq(classify_category(rules, "help with electricity top-up",
                                       "my meter is on emergency credit"), "money");
}
END_TEST

START_TEST(t_subjects_and_refs)
{
    struct subject_info si;
    char refs[4][24];

    classify_subject("SORTED R-12", &si);
    ck_assert_int_eq(si.kind, KIND_CLOSING);
    ck_assert_str_eq(si.ref, "R-0012");
    classify_subject("No longer needed R-0004", &si);
    ck_assert_str_eq(si.status, "withdrawn");
    classify_subject("FREE: firewood (Queens Road)", &si);
    ck_assert_int_eq(si.kind, KIND_OFFER);
    ck_assert_str_eq(si.place, "Queens Road");
    classify_subject("ROTA CANCEL food bank Thursday", &si);
    ck_assert_int_eq(si.kind, KIND_ROTA);
    ck_assert_int_eq(si.rota_cancel, 1);
    ck_assert_str_eq(si.title, "food bank Thursday");
    classify_subject("Free sofa", &si); /* no colon: read by its words */
    ck_assert_int_eq(si.kind, KIND_NONE);
    ck_assert_uint_eq(classify_refs("DONE R-0002, r-3 and O-0010 (not XR-1, R-12a)", refs, 4), 3);
    ck_assert_str_eq(refs[1], "R-0003");
    ck_assert_str_eq(refs[2], "O-0010");
    ck_assert_ptr_nonnull(classify_auto_subject("Out of Office: Millbrook digest"));
    ck_assert_ptr_nonnull(classify_auto_subject("Automatic reply: hello"));
    ck_assert_ptr_nonnull(classify_auto_subject("Undeliverable: digest"));
    ck_assert_ptr_null(classify_auto_subject("OFFER: cat sitting while you're on holiday"));
    ck_assert_ptr_null(classify_auto_subject("On holiday next week - could someone feed my cat?"));
    ck_assert_ptr_nonnull(classify_auto_subject("Auto: I am away until Monday"));
    ck_assert_int_eq(classify_chatter_subject("Thank you all!"), 1);
    ck_assert_int_eq(classify_chatter_subject("Christmas social - Saturday 12th"), 1);
    ck_assert_int_eq(classify_chatter_subject("Thanksgiving leftovers"), 0);
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
    tc = tcase_create("millbrook");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_kind_by_words);
    tcase_add_test(tc, t_closing_words);
    tcase_add_test(tc, t_categories);
    tcase_add_test(tc, t_subjects_and_refs);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(classify_suite)
