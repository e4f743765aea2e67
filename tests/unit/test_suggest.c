/* test_suggest.c — the nearest known word to a mistyped one. */
#include <string.h>

#include "suggest.h"
#include "unit.h"

START_TEST(t_distance)
{
    ck_assert_uint_eq(suggest_distance("", ""), 0);
    ck_assert_uint_eq(suggest_distance("host", "host"), 0);
    ck_assert_uint_eq(suggest_distance("hots", "host"), 1);   /* a swap is one edit */
    ck_assert_uint_eq(suggest_distance("stauts", "status"), 1);
    ck_assert_uint_eq(suggest_distance("HOST", "host"), 0);   /* case aside */
    ck_assert_uint_eq(suggest_distance("kitten", "sitting"), 3);
    ck_assert_uint_eq(suggest_distance("", "abc"), 3);
    ck_assert_uint_eq(suggest_distance("ca", "abc"), 3); /* optimal string alignment */
}
END_TEST

START_TEST(t_nearest)
{
    static const char *const cmds[] = {"daily", "export", "rota",  "member", "purge",
                                       "status", "post",  "close", "init",   "check"};
    static const char *const keys[] = {"host", "port", "security", "ca_file", "user",
                                       "password_file", "mailbox"};
    size_t nc = sizeof cmds / sizeof cmds[0], nk = sizeof keys / sizeof keys[0];
    char hint[64];

    ck_assert_str_eq(suggest_nearest("stauts", cmds, nc), "status");
    ck_assert_str_eq(suggest_nearest("dialy", cmds, nc), "daily");
    ck_assert_str_eq(suggest_nearest("exprot", cmds, nc), "export");
    ck_assert_str_eq(suggest_nearest("memebr", cmds, nc), "member");
    ck_assert_str_eq(suggest_nearest("hots", keys, nk), "host");
    ck_assert_str_eq(suggest_nearest("pasword_file", keys, nk), "password_file");
    ck_assert_str_eq(suggest_nearest("mailbx", keys, nk), "mailbox");
    /* a unique start of three letters or more */
    ck_assert_str_eq(suggest_nearest("secur", keys, nk), "security");
    /* nothing near: no guess */
    ck_assert_ptr_null(suggest_nearest("frobnicate", cmds, nc));
    ck_assert_ptr_null(suggest_nearest("bogus", cmds, nc));
    ck_assert_ptr_null(suggest_nearest("x", cmds, nc));
    ck_assert_ptr_null(suggest_nearest("", cmds, nc));
    ck_assert_ptr_null(suggest_nearest("zzzz", keys, nk));
    /* NULL candidates are skipped */
    const char *const some[] = {NULL, "format", NULL};
    ck_assert_str_eq(suggest_nearest("fromat", some, 3), "format");
    ck_assert_str_eq(suggest_hint("formt", some, 3, "--", hint, sizeof hint),
                     " (did you mean --format?)");
    ck_assert_str_eq(suggest_hint("zebra", some, 3, "--", hint, sizeof hint), "");
}
END_TEST

static Suite *
suggest_suite(void)
{
    Suite *s = suite_create("suggest");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, t_distance);
    tcase_add_test(tc, t_nearest);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(suggest_suite)
