/* test_mime.c — process/mime: a message's MIME structure to UTF-8 text and header
 * fields (RFC 2047, charsets, quoted-printable, HTML-only mail, automatic mail). */
#include <string.h>

#include "mime.h"
#include "unit.h"

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

static Suite *
mime_suite(void)
{
    Suite *s = suite_create("mime");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_mime_decodes);
    tcase_add_test(tc, t_mime_html_only_and_flags);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(mime_suite)
