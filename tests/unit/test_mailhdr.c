/* test_mailhdr.c — lib/mailhdr: header fields of raw bytes (unfolded values, the
 * Message-ID, never a field of the body). */
#include <stdlib.h>

#include "mailhdr.h"
#include "unit.h"

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

/* RFC 2047 words and From values as the coordinators' digest shows them (render may
 * not include mail/: the decoder is lib's) */
START_TEST(t_mailhdr_decode)
{
    static const struct {
        const char *in, *words, *sender;
    } cases[] = {
        {"=?UTF-8?B?R8O8bCDDlno=?= <Gul@Example.org>", NULL, "G\xc3\xbcl \xc3\x96z <gul@example.org>"},
        {"\"Lopez, Maria\" <m@x.org>", NULL, "Lopez, Maria <m@x.org>"},
        {"m@x.org", NULL, "<m@x.org>"},
        {"=?iso-8859-1?Q?Andr=E9?= <a@x.org>", NULL, "Andr\xc3\xa9 <a@x.org>"},
        {"no address here", NULL, "no address here"},
        {"=?UTF-8?Q?caf=C3=A9_=3F?=", "caf\xc3\xa9 ?", NULL},
        {"=?UTF-8?B?RE9ORQ==?= =?UTF-8?B?IFItMDAwMQ==?=", "DONE R-0001", NULL},
        {"plain\r\n\tfolded", "plain folded", NULL},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *w = mailhdr_decode_words(cases[i].in), *f = mailhdr_sender(cases[i].in);
        ck_assert_ptr_nonnull(w);
        ck_assert_ptr_nonnull(f);
        if (cases[i].words)
            ck_assert_str_eq(w, cases[i].words);
        if (cases[i].sender)
            ck_assert_str_eq(f, cases[i].sender);
        free(w);
        free(f);
    }
    ck_assert_ptr_null(mailhdr_sender(NULL));
    char *e = mailhdr_decode_words(NULL);
    ck_assert_str_eq(e, "");
    free(e);
}
END_TEST

static Suite *
mailhdr_suite(void)
{
    Suite *s = suite_create("mailhdr");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_mailhdr);
    tcase_add_test(tc, t_mailhdr_decode);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(mailhdr_suite)
