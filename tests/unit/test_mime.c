/* test_mime.c — process/mime: a message's MIME structure to UTF-8 text and header
 * fields (RFC 2047, charsets, quoted-printable, HTML-only mail, automatic mail), RFC
 * 2231 names and attachments, the one From, broken structure and the limits. */
#include <string.h>

#include "buf.h"
#include "mime.h"
#include "mimehdr.h"
#include "unit_rules.h"
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

START_TEST(t_mime_rfc2231_and_attachments)
{
    const char raw[] =
        "From mo@example.org Mon Dec  7 10:00:00 2026\n"
        "From: Mo <mo@example.org>\nSubject: =?UTF-8?Q?OFFER:_table?=\n"
        "In-Reply-To: <a@example.org>\nReferences: <root@example.org> <a@example.org>\n"
        "Content-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain; charset*=us-ascii'en'utf-8\n\nPhoto attached.\n"
        "--b\nContent-Type: image/jpeg; name*=UTF-8''K%C3%BCche.jpg\n"
        "Content-Disposition: attachment;\n filename*0*=UTF-8''K%C3%BCchen;\n filename*1=tisch.jpg\n"
        "Content-Transfer-Encoding: base64\n\nAAECAwQFBgc=\n"
        "--b\nContent-Type: application/pdf\nContent-Disposition: attachment;"
        " filename=\"=?UTF-8?B?UHLDtmZ1bmcucGRm?=\"\n\n%PDF\n--b--\n";
    struct mime_msg m;
    char reason[256];

    ck_assert_int_eq(mime_parse(raw, sizeof raw - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.from_addr, "mo@example.org"); /* the mbox line was skipped */
    ck_assert_str_eq(m.text, "Photo attached.");
    ck_assert_uint_eq(m.natt, 2);
    ck_assert_str_eq(m.att[0].name, "K\xC3\xBC" "chentisch.jpg");
    ck_assert_str_eq(m.att[0].type, "image/jpeg");
    ck_assert_uint_eq(m.att[0].size, 8);
    ck_assert_str_eq(m.att[1].name, "Pr\xC3\xB6" "fung.pdf");
    ck_assert_uint_eq(m.nrefs, 2);
    ck_assert_str_eq(m.refs[0], "a@example.org");
    ck_assert_str_eq(m.refs[1], "root@example.org");
    mime_free(&m);

    struct mime_param p[] = {{"title*0*", "utf-8''caf%C3%A9%20"}, {"title*1", "au lait"}};
    char *v = mimehdr_param_decode(p, 2, "title");
    ck_assert_str_eq(v, "caf\xC3\xA9 au lait");
    free(v);
}
END_TEST

/* Only From says who wrote: Sender and Reply-To never stand in for it, and a message
 * without one usable From has no sender (and says why). */
START_TEST(t_mime_from_only)
{
    static const struct {
        const char *fields, *addr, *problem;
    } cases[] = {
        {"From: Mallory <mallory@example.net>\nReply-To: Ann <ann@example.com>\n",
         "mallory@example.net", NULL},
        {"Sender: ann@example.com\nFrom: mallory@example.net\n", "mallory@example.net", NULL},
        {"Reply-To: Ann <ann@example.com>\n", NULL, "no From field"},
        {"Sender: Ann <ann@example.com>\n", NULL, "no From field"},
        {"From:\nSender: ann@example.com\n", NULL, "an empty From field"},
        {"From:   \nReply-To: ann@example.com\n", NULL, "an empty From field"},
        {"From: undisclosed-recipients:;\nReply-To: ann@example.com\n", NULL,
         "a From field with a group and no address"},
        {"From: Ann Lee\nSender: ann@example.com\n", NULL,
         "a From field with no readable address"},
        {"From: <>\nReply-To: ann@example.com\n", NULL, "a From field with no readable address"},
        {"From: Mallory <mallory@example.net>\nFrom: Ann <ann@example.com>\n", NULL,
         "more than one From field"},
        {"From: Ann Lee\nFrom: ann@example.com\n", NULL, "more than one From field"},
        {"Reply-To: x@example.org\nFROM: Ann <Ann@Example.COM>\n", "ann@example.com", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char raw[512], reason[256];
        struct mime_msg m;
        int n = snprintf(raw, sizeof raw, "%sSubject: DONE R-0001\n\nDone.\n", cases[i].fields);

        ck_assert_int_eq(mime_parse(raw, (size_t)n, &m, reason, sizeof reason), 0);
        if (cases[i].addr) {
            ck_assert_msg(m.from_addr && strcmp(m.from_addr, cases[i].addr) == 0,
                          "case %zu: %s", i, m.from_addr ? m.from_addr : "(none)");
            ck_assert_ptr_null(m.from_problem);
        } else {
            ck_assert_msg(!m.from_addr, "case %zu: sender %s", i, m.from_addr);
            ck_assert_msg(m.from_problem && strcmp(m.from_problem, cases[i].problem) == 0,
                          "case %zu: %s", i, m.from_problem ? m.from_problem : "(no problem)");
        }
        mime_free(&m);
    }
}
END_TEST

START_TEST(t_mime_automatic_mail)
{
    static const char *const raws[] = {
        "From: Council <noreply@council.example.gov.uk>\nSubject: bins\n\nhello\n",
        "From: a@example.org\nSubject: news\nList-Unsubscribe: <mailto:x@example.org>\n\nhi\n",
        "From: a@example.org\nSubject: x\nPrecedence: bulk\n\nhi\n",
        "From: a@example.org\nSubject: x\nX-Autoreply: yes\n\nhi\n",
    };
    struct mime_msg m;
    char reason[256];

    for (size_t i = 0; i < sizeof raws / sizeof raws[0]; i++) {
        ck_assert_int_eq(mime_parse(raws[i], strlen(raws[i]), &m, reason, sizeof reason), 0);
        ck_assert_msg(m.automatic != NULL, "%zu", i);
        mime_free(&m);
    }
    const char bounce[] = "From: MAILER DAEMON <>\nSubject: failure\n"
                          "Content-Type: multipart/mixed; boundary=x\n\n--x\n\ntext\n--x\n"
                          "Content-Type: message/delivery-status\n\nAction: failed\n--x--\n";
    ck_assert_int_eq(mime_parse(bounce, sizeof bounce - 1, &m, reason, sizeof reason), 0);
    ck_assert_int_eq(m.bounce, 1);
    mime_free(&m);
    const char spam[] = "From: a@example.com\nX-Spam-Flag: YES\nSubject: win\n\nwin\n";
    ck_assert_int_eq(mime_parse(spam, sizeof spam - 1, &m, reason, sizeof reason), 0);
    ck_assert_int_eq(m.spam, 1);
    mime_free(&m);
}
END_TEST

/* The structure scanner: broken mail read leniently, and the limits that refuse or
 * cut without a crash. */
START_TEST(t_mime_structure_and_limits)
{
    struct mime_msg m;
    char reason[256];
    struct buf b = {0};

    /* a byte order mark, a stray continuation line, a folded Subject, a body with no
     * empty line before it */
    const char odd[] = "\xEF\xBB\xBF \r\nFrom: Ann <ann@example.org>\r\nSubject: lift\r\n"
                       " to the clinic\r\nplease, Thursday\r\n";
    ck_assert_int_eq(mime_parse(odd, sizeof odd - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.from_addr, "ann@example.org");
    ck_assert_str_eq(m.from_name, "Ann");
    ck_assert_str_eq(m.subject, "lift to the clinic");
    ck_assert_str_eq(m.text, "please, Thursday\n");
    mime_free(&m);

    /* multiparts nested with the same boundary, a preamble, padding after delimiters,
     * text after the closing one */
    const char nested[] = "From: a@example.org\nContent-Type: multipart/mixed; boundary=\"B\"\n\n"
                          "preamble\n--B \nContent-Type: multipart/alternative; boundary=B\n\n"
                          "--B\nContent-Type: text/plain\n\nthe text\n--B\n"
                          "Content-Type: text/html\n\n<p>html</p>\n--B--\n"
                          "--B\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\n"
                          "R0lGODlh\n--B--\nepilogue\n";
    ck_assert_int_eq(mime_parse(nested, sizeof nested - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.text, "the text");
    ck_assert_uint_eq(m.natt, 1);
    ck_assert_str_eq(m.att[0].type, "image/gif");
    ck_assert_uint_eq(m.att[0].size, 6);
    mime_free(&m);

    /* a cut Content-Type without its boundary: the first delimiter-like line */
    const char nob[] = "From: a@example.org\nContent-Type: multipart/mixed;\n\n--zz\n\nhello\n--zz--\n";
    ck_assert_int_eq(mime_parse(nob, sizeof nob - 1, &m, reason, sizeof reason), 0);
    ck_assert_str_eq(m.text, "hello");
    mime_free(&m);

    /* too many header fields: refused with a reason */
    buf_adds(&b, "From: a@example.org\n");
    for (int i = 0; i < MIME_MAX_FIELDS + 1; i++)
        buf_adds(&b, "X-Pad: x\n");
    buf_adds(&b, "\nbody\n");
    ck_assert_int_eq(mime_parse(b.data, b.len, &m, reason, sizeof reason), -1);
    ck_assert_msg(strstr(reason, "more than 1000 header fields"), "%s", reason);
    buf_free(&b);

    /* a field longer than the limit: refused */
    buf_adds(&b, "From: a@example.org\nSubject: ");
    for (int i = 0; i < MIME_MAX_FIELD / 8 + 1; i++)
        buf_adds(&b, "abcdefg\n ");
    buf_adds(&b, "\n\nbody\n");
    ck_assert_int_eq(mime_parse(b.data, b.len, &m, reason, sizeof reason), -1);
    ck_assert_msg(strstr(reason, "a header field longer than 65536 bytes"), "%s", reason);
    buf_free(&b);

    /* a very long text: cut for the rules, on a character boundary */
    buf_adds(&b, "From: a@example.org\nContent-Type: text/plain; charset=utf-8\n\n");
    for (int i = 0; i < MIME_MAX_TEXT / 3 + 10; i++)
        buf_adds(&b, "\xE2\x82\xAC"); /* the euro sign: 3 bytes */
    ck_assert_int_eq(mime_parse(b.data, b.len, &m, reason, sizeof reason), 0);
    ck_assert_int_eq(m.text_cut, 1);
    ck_assert_uint_le(strlen(m.text), MIME_MAX_TEXT);
    ck_assert_uint_eq(strlen(m.text) % 3, 0);
    mime_free(&m);
    buf_free(&b);
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
    tc = tcase_create("millbrook");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_mime_rfc2231_and_attachments);
    tcase_add_test(tc, t_mime_from_only);
    tcase_add_test(tc, t_mime_automatic_mail);
    tcase_add_test(tc, t_mime_structure_and_limits);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(mime_suite)
