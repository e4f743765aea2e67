/* test_mimehdr.c — process/mimehdr: what the header fields say (addresses, dates,
 * content types, RFC 2047 and 2231), read without libetpan for the common shapes and
 * as libetpan reads them (moved from test_process.c). */
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mime.h"
#include "mimehdr.h"
#include "unit.h"
#include "unit_rules.h"

START_TEST(t_header_readers)
{
    /* the common shapes are read without libetpan (fuzz_ctype checks that they are
     * read as it would); the others are left to it */
    static const char *const simple[] = {
        "text/plain; charset=\"utf-8\"; format=flowed",
        "multipart/alternative; boundary=\"----=_Part_1.16\"",
        "TEXT/Html;charset=iso-8859-1;", "message/rfc822", "application/pdf; name=\"\"",
    };
    static const char *const other[] = {
        "text/plain (comment)", "text /plain", "x-foo/bar", "textual/plain",
        "text/plain; name=\"a b\"", "text/plain; charset=", "text/plain; a=\"\\\"\"",
        "text/plain; charset=utf-8 x", "text/plain; charset = utf-8",
    };
    struct mailmime_content *c;

    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        c = mimehdr_content_type_simple(simple[i], strlen(simple[i]));
        ck_assert_msg(c != NULL, "%s", simple[i]);
        mailmime_content_free(c);
    }
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        ck_assert_msg(!mimehdr_content_type_simple(other[i], strlen(other[i])), "%s", other[i]);
    c = mimehdr_content_type_simple(simple[2], strlen(simple[2]));
    ck_assert_int_eq(c->ct_type->tp_type, MAILMIME_TYPE_DISCRETE_TYPE);
    ck_assert_int_eq(c->ct_type->tp_data.tp_discrete_type->dt_type, MAILMIME_DISCRETE_TYPE_TEXT);
    ck_assert_str_eq(c->ct_subtype, "Html");
    ck_assert_int_eq(clist_count(c->ct_parameters), 1);
    struct mailmime_parameter *p = clist_content(clist_begin(c->ct_parameters));
    ck_assert_str_eq(p->pa_name, "charset");
    ck_assert_str_eq(p->pa_value, "iso-8859-1");
    mailmime_content_free(c);
    /* the others still read, by libetpan */
    c = mimehdr_content_type(other[0], strlen(other[0]));
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(c->ct_subtype, "plain");
    mailmime_content_free(c);

    /* senders and dates, likewise (fuzz_fields compares them with libetpan's) */
    char *addr, *name;
    ck_assert_int_eq(mimehdr_mailbox_simple("Maria Lopez <M.Lopez@x.org>", &addr, &name), 1);
    ck_assert_str_eq(addr, "M.Lopez@x.org");
    ck_assert_str_eq(name, "Maria Lopez");
    free(addr);
    free(name);
    ck_assert_int_eq(mimehdr_mailbox_simple("\"Lopez, Maria\" <m@x.org>", &addr, &name), 1);
    ck_assert_str_eq(name, "Lopez, Maria");
    free(addr);
    free(name);
    ck_assert_int_eq(mimehdr_mailbox_simple("m@x.org", &addr, &name), 1);
    ck_assert_ptr_null(name);
    free(addr);
    ck_assert_int_eq(mimehdr_mailbox_simple("=?UTF-8?Q?Zo=C3=AB?= <z@x.org>", &addr, &name), 0);
    ck_assert_int_eq(mimehdr_mailbox_simple("m@x.org (Maria)", &addr, &name), 0);
    ck_assert_int_eq(mimehdr_mailbox_simple("A <a@b>, B <b@c>", &addr, &name), 0);
    struct mimehdr_date d;
    ck_assert_int_eq(mimehdr_date_simple("Tue, 4 Nov 2026 10:20:30 -0530 (EST)", &d), 1);
    ck_assert_int_eq(d.year * 10000 + d.month * 100 + d.day, 20261104);
    ck_assert_int_eq(d.hour * 10000 + d.min * 100 + d.sec, 102030);
    ck_assert_int_eq(d.zone, -530);
    ck_assert_int_eq(mimehdr_date_simple("Tue, 24 nov 2026 10:00:00 +0000", &d), 0);
    ck_assert_int_eq(mimehdr_date_simple("Tue, 24 Nov 26 10:00 +0000", &d), 0);
}
END_TEST

static Suite *
mimehdr_suite(void)
{
    Suite *s = suite_create("mimehdr");
    TCase *tc;

    tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_header_readers);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(mimehdr_suite)
