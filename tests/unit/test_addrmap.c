/* test_addrmap.c — process/addrmap: an address found again in any case (ASCII letters,
 * as SQLite's NOCASE), other bytes as they are; new entries start unknown; thousands
 * of addresses (the table grows); clear forgets them all. */
#include <stdio.h>
#include <string.h>

#include "addrmap.h"
#include "unit.h"

START_TEST(t_case)
{
    struct addrmap m = {0};
    struct addrmap_entry *e;

    ck_assert_ptr_nonnull(e = addrmap_get(&m, "Ann.Lee@Example.ORG"));
    ck_assert_str_eq(e->addr, "ann.lee@example.org");
    ck_assert_int_eq(e->member_id, 0);
    ck_assert_int_eq(e->replies_today, -1);
    e->member_id = 7;
    e->replies_today = 2;
    ck_assert_ptr_eq(addrmap_get(&m, "ann.lee@example.org"), e);
    ck_assert_ptr_eq(addrmap_get(&m, "ANN.LEE@EXAMPLE.ORG"), e);
    /* not the same address: another letter, or a non-ASCII one in another case */
    ck_assert_ptr_ne(addrmap_get(&m, "ann.lea@example.org"), e);
    ck_assert_ptr_ne(addrmap_get(&m, "\xc3\x89va@example.org"),
                     addrmap_get(&m, "\xc3\xa9va@example.org"));
    ck_assert_int_eq(m.n, 4);
    addrmap_free(&m);
}
END_TEST

START_TEST(t_many)
{
    struct addrmap m = {0};
    char a[64];

    for (int i = 0; i < 5000; i++) {
        snprintf(a, sizeof a, "Person%d@example.net", i);
        struct addrmap_entry *e = addrmap_get(&m, a);
        ck_assert_ptr_nonnull(e);
        e->member_id = i + 1;
    }
    ck_assert_int_eq(m.n, 5000);
    for (int i = 0; i < 5000; i++) {
        snprintf(a, sizeof a, "person%d@EXAMPLE.net", i);
        ck_assert_int_eq(addrmap_get(&m, a)->member_id, i + 1);
    }
    ck_assert_int_eq(m.n, 5000);
    addrmap_clear(&m);
    ck_assert_int_eq(m.n, 0);
    ck_assert_int_eq(addrmap_get(&m, "person1@example.net")->member_id, 0);
    addrmap_free(&m);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("addrmap");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_case);
    tcase_add_test(tc, t_many);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(suite)
