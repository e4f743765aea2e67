/* test_privacy.c — lib/privacy.c: the subjects that ask for the privacy notice, its
 * contact; and render/announce.c's check of an announcement's subject and text. */
#include <string.h>

#include "announce.h"
#include "privacy.h"
#include "unit.h"
#include "unit_conf.h"

START_TEST(t_asked)
{
    static const char *const yes[] = {
        "PRIVACY",         "privacy",        "Privacy",        "  privacy  ",     "Re: PRIVACY",
        "RE: re: Privacy", "Aw: privacy",    "[PRIVACY]",      "Re: [privacy]",   "privacy?",
        "PRIVACY.",        "Privacy notice", "privacy policy", "Privacidad",      "PRIVACIDAD",
        "prywatność",      "PRYWATNOŚĆ",     "Prywatnosc",     "Odp: prywatność", "Re:privacy",
    };
    static const char *const no[] = {
        "",
        "privacy screen for a window",
        "OFFER: privacy screen",
        "my privacy",
        "PRIVACYX",
        "Fwd: PRIVACY notice for the hall",
        "R-0042 privacy",
        "privacy please help",
        "DONE R-0001",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ck_assert_msg(privacy_asked(yes[i]), "\"%s\" should ask for the notice", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ck_assert_msg(!privacy_asked(no[i]), "\"%s\" should not ask for the notice", no[i]);
    ck_assert(!privacy_asked(NULL));
}
END_TEST

START_TEST(t_contact)
{
    conf *c = unit_conf(
        "[group]\nname = G\naddress = help@g.example.org\n[fetch]\nsource = maildir:/tmp\n");
    ck_assert_str_eq(privacy_contact(c), "help@g.example.org");
    json_t *d = privacy_data(c);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(json_integer_value(json_object_get(d, "retention_days")), 90);
    ck_assert(json_is_true(json_object_get(d, "contact_is_group")));
    ck_assert_str_eq(json_string_value(json_object_get(d, "subject")), "PRIVACY");
    ck_assert_str_eq(json_string_value(json_object_get(d, "ask")),
                     "mailto:help@g.example.org?subject=PRIVACY");
    json_decref(d);
    conf_free(c);
    c = unit_conf("[group]\nname = G\naddress = help@g.example.org\n[fetch]\n"
                  "source = maildir:/tmp\n[privacy]\n"
                  "contact = data@g.example.org\nretention_days = 30\n");
    ck_assert_str_eq(privacy_contact(c), "data@g.example.org");
    d = privacy_data(c);
    ck_assert_int_eq(json_integer_value(json_object_get(d, "retention_days")), 30);
    ck_assert(json_is_false(json_object_get(d, "contact_is_group")));
    json_decref(d);
    conf_free(c);
}
END_TEST

START_TEST(t_announce_check)
{
    char err[256];
    const char *ok = "The meeting is on Tuesday.\n";

    ck_assert_int_eq(announce_check("Meeting", ok, strlen(ok), err, sizeof err), 0);
    ck_assert_int_eq(
        announce_check("Réunion — mardi", "Café à 19 h", strlen("Café à 19 h"), err, sizeof err),
        0);
    ck_assert_int_eq(announce_check("", ok, strlen(ok), err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "subject is empty"));
    ck_assert_int_eq(announce_check(" \t", ok, strlen(ok), err, sizeof err), -1);
    ck_assert_int_eq(announce_check("a\nb", ok, strlen(ok), err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "one line"));
    ck_assert_int_eq(announce_check("bad \xff", ok, strlen(ok), err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "UTF-8"));
    ck_assert_int_eq(announce_check("Meeting", " \n\n ", 4, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "text is empty"));
    ck_assert_int_eq(announce_check("Meeting", "caf\xe9", 4, err, sizeof err), -1);
    ck_assert_int_eq(announce_check("Meeting", "a\0b", 3, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "NUL"));
    char longsub[260];
    memset(longsub, 'x', sizeof longsub - 1);
    longsub[sizeof longsub - 1] = '\0';
    ck_assert_int_eq(announce_check(longsub, ok, strlen(ok), err, sizeof err), -1);
}
END_TEST

static Suite *
privacy_suite(void)
{
    Suite *s = suite_create("privacy");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, t_asked);
    tcase_add_test(tc, t_contact);
    tcase_add_test(tc, t_announce_check);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(privacy_suite)
