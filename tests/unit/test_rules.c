/* test_rules.c — the text rules: UTF-8 repair, subject prefixes, places, categories,
 * quote stripping, redaction, header scanning, MIME decoding and dates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "clock.h"
#include "conf.h"
#include "hash.h"
#include "mailhdr.h"
#include "mime.h"
#include "places.h"
#include "quote.h"
#include "redact.h"
#include "text.h"
#include "unit.h"

static conf *cfg;

static void
setup(void)
{
    char path[] = "/tmp/doorstep-rules.XXXXXX", err[1024];
    int fd = mkstemp(path);
    const char ini[] = "[group]\nname = G\naddress = g@example.org\n"
                       "[fetch]\nsource = mbox:x\n"
                       "[areas]\nnorth = Elm Street:48, Oak Road:36\nsouth = Ash Grove:40\n";
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, ini, sizeof ini - 1), (ssize_t)(sizeof ini - 1));
    close(fd);
    cfg = conf_load(path, err, sizeof err);
    unlink(path);
    ck_assert_msg(cfg != NULL, "%s", err);
}

static void
teardown(void)
{
    conf_free(cfg);
}

START_TEST(t_utf8_repair_and_charsets)
{
    char *s = text_to_utf8("caf\xe9 \xc3\xa9", 7, "utf-8", NULL);
    ck_assert_str_eq(s, "caf\xEF\xBF\xBD \xc3\xa9"); /* bad byte -> U+FFFD, good kept */
    free(s);
    s = text_to_utf8("\x93quoted\x94 \xa3" "5", 11, "windows-1252", NULL);
    ck_assert_str_eq(s, "\xE2\x80\x9Cquoted\xE2\x80\x9D \xC2\xA3" "5");
    free(s);
    s = text_to_utf8("\x93hi\x94", 4, "iso-8859-1", NULL); /* read as windows-1252 */
    ck_assert_str_eq(s, "\xE2\x80\x9Chi\xE2\x80\x9D");
    free(s);
    int unknown = 0;
    s = text_to_utf8("abc", 3, "x-klingon", &unknown);
    ck_assert_str_eq(s, "abc");
    ck_assert_int_eq(unknown, 1);
    free(s);
    s = text_to_utf8("a\0b", 3, NULL, NULL); /* a NUL is not a terminator */
    ck_assert_str_eq(s, "a\xEF\xBF\xBD" "b");
    free(s);
}
END_TEST

START_TEST(t_truncate_keeps_utf8)
{
    char s[64] = "\xC5\xBC\xC5\xBC\xC5\xBC\xC5\xBC\xC5\xBC"; /* żżżżż, 10 bytes */
    text_truncate(s, 5);
    ck_assert_str_eq(s, "\xC5\xBC\xC5\xBC\xE2\x80\xA6");
}
END_TEST

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

START_TEST(t_new_text)
{
    char *s = quote_new_text("Sorted now, thanks!\n\nOn Tue, 24 Nov 2026, Priya wrote:\n> old\n");
    ck_assert_str_eq(s, "Sorted now, thanks!");
    free(s);
    s = quote_new_text("Can help.\n-- \nJo Bloggs\n07700 900123\n");
    ck_assert_str_eq(s, "Can help.");
    free(s);
    s = quote_new_text("Yes\n\nSent from my iPhone\n");
    ck_assert_str_eq(s, "Yes");
    free(s);
}
END_TEST

START_TEST(t_redact)
{
    struct places *pl = places_new(cfg);
    char *s = redact(pl, "Ring me on 07700 900123 or +44 161 496 0000, email jo@example.com. "
                          "I'm at 14 Oak Road, EP1 4XY. Flat 2b, 27A Elm Street. "
                          "Thursday 26 Nov 2026 at 10:30, 3 bags.");
    ck_assert_msg(!strstr(s, "900123") && !strstr(s, "496 0000") && !strstr(s, "jo@") &&
                      !strstr(s, "14 Oak") && !strstr(s, "EP1") && !strstr(s, "27A"),
                  "leaked: %s", s);
    ck_assert_msg(strstr(s, "[phone]") && strstr(s, "[email]") && strstr(s, "[postcode]") &&
                      strstr(s, "at Oak Road") && strstr(s, "Elm Street"),
                  "%s", s);
    /* dates, times and small numbers stay */
    ck_assert_msg(strstr(s, "Thursday 26 Nov 2026 at 10:30, 3 bags."), "%s", s);
    free(s);
    /* a number taken out must not leave the two halves of a phone number together */
    s = redact(pl, "Ring 0161 Flat 2, 496 0000 or 07700 flat 3b 900123.");
    ck_assert_msg(!strstr(s, "496 0000") && !strstr(s, "900123"), "leaked: %s", s);
    free(s);
    /* and only those are read again: a time before "From Dr" loses one number, not all */
    s = redact(pl, "12:18:40 +0100 From Dr Sender, or a@b.org(0161) 496 0000");
    ck_assert_str_eq(s, "12:18:40 +From Dr Sender, or [email][phone]");
    free(s);
    places_free(pl);
}
END_TEST

START_TEST(t_sha256_hex)
{
    char hex[65];

    ck_assert_int_eq(hash_sha256_hex("abc", 3, hex), 0);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_int_eq(hash_sha256_hex("", 0, hex), 0);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(t_mailhdr)
{
    const char raw[] = "From: a@b\r\nMessage-ID:\r\n <abc@example.org>\r\nSubject: one\r\n two\r\n"
                       "\r\nMessage-ID: <body@x>\r\n";
    char *v = mailhdr_message_id(raw, sizeof raw - 1);
    ck_assert_str_eq(v, "abc@example.org");
    free(v);
    v = mailhdr_get(raw, sizeof raw - 1, "subject");
    ck_assert_str_eq(v, "one two");
    free(v);
    ck_assert_ptr_null(mailhdr_get(raw, sizeof raw - 1, "To"));
    ck_assert_ptr_null(mailhdr_message_id("Subject: x\n\nbody", 17));
}
END_TEST

START_TEST(t_mime_decodes)
{
    const char raw[] =
        "From: =?UTF-8?B?Wm/Dqw==?= <Zoe@Example.ORG>\n"
        "Subject: =?UTF-8?Q?OFFER:_homemade_=C5=BCurek?= (Ash Grove)\n"
        "Message-ID: <m1@example.org>\n"
        "Date: Tue, 24 Nov 2026 09:00:00 +0100\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/alternative; boundary=\"b\"\n\n"
        "--b\nContent-Type: text/plain; charset=windows-1252\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        "Costs =A35, =93lovely=94.\n"
        "--b\nContent-Type: text/html\n\n<p>ignored</p>\n--b--\n";
    struct mime_msg m;
    char reason[256];

    ck_assert_int_eq(mime_parse(raw, sizeof raw - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.from_addr, "zoe@example.org");
    ck_assert_str_eq(m.from_name, "Zo\xC3\xAB");
    ck_assert_str_eq(m.subject, "OFFER: homemade \xC5\xBCurek (Ash Grove)");
    ck_assert_str_eq(m.message_id, "m1@example.org");
    ck_assert_int_eq(m.date, 1795507200); /* 08:00 UTC */
    ck_assert_str_eq(m.text, "Costs \xC2\xA3" "5, \xE2\x80\x9Clovely\xE2\x80\x9D.");
    ck_assert_int_eq(m.html_only, 0);
    mime_free(&m);
}
END_TEST

START_TEST(t_mime_html_only_and_flags)
{
    const char raw[] = "From: a@b.org\nSubject: x\nAuto-Submitted: auto-replied\n"
                       "Content-Type: text/html; charset=utf-8\n\n"
                       "<html><head><style>p{}</style></head><body><p>Could  anyone</p>"
                       "<p>help &amp; <b>feed</b> my cat?</p><script>x()</script></body></html>";
    struct mime_msg m;
    char reason[256];

    ck_assert_int_eq(mime_parse(raw, sizeof raw - 1, &m, reason, sizeof reason), 0);
    ck_assert_ptr_nonnull(m.automatic);
    ck_assert_int_eq(m.html_only, 1);
    ck_assert_msg(strstr(m.text, "Could anyone\nhelp & feed my cat?"), "%s", m.text);
    ck_assert_msg(!strstr(m.text, "x()") && !strstr(m.text, "p{}"), "%s", m.text);
    mime_free(&m);
}
END_TEST

START_TEST(t_clock)
{
    char err[256], d[DAY_SIZE], iso[26], rfc[64];
    time_t t;

    setenv("DOORSTEP_NOW", "2026-07-01T09:30:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    t = clock_now();
    clock_iso(t, iso);
    ck_assert_str_eq(iso, "2026-07-01T09:30:00+01:00"); /* summer time */
    clock_rfc5322(t, rfc, sizeof rfc);
    ck_assert_str_eq(rfc, "Wed, 1 Jul 2026 09:30:00 +0100");
    clock_date(clock_add_days(clock_day_start(t), 31), d);
    ck_assert_str_eq(d, "2026-08-01");
    ck_assert_int_eq(clock_parse_local("2026-11-31", &t), -1);
    ck_assert_int_eq(clock_parse_local("2026-11-30T25:00", &t), -1);
    setenv("DOORSTEP_NOW", "yesterday", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), -1);
    ck_assert_msg(strstr(err, "DOORSTEP_NOW"), "%s", err);
    unsetenv("DOORSTEP_NOW");
}
END_TEST

static Suite *
rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_utf8_repair_and_charsets);
    tcase_add_test(tc, t_truncate_keeps_utf8);
    tcase_add_test(tc, t_subject_prefixes);
    tcase_add_test(tc, t_closings_and_replies);
    tcase_add_test(tc, t_places_and_categories);
    tcase_add_test(tc, t_new_text);
    tcase_add_test(tc, t_redact);
    tcase_add_test(tc, t_sha256_hex);
    tcase_add_test(tc, t_mailhdr);
    tcase_add_test(tc, t_mime_decodes);
    tcase_add_test(tc, t_mime_html_only_and_flags);
    tcase_add_test(tc, t_clock);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(rules_suite)
