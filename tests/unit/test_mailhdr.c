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

static Suite *
mailhdr_suite(void)
{
    Suite *s = suite_create("mailhdr");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_mailhdr);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(mailhdr_suite)
