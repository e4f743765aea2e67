/* test_hash.c — lib/hash: SHA-256 in hex. */
#include "hash.h"
#include "unit.h"

START_TEST(t_sha256_hex)
{
    char hex[65];

    ck_assert_int_eq(hash_sha256_hex("abc", 3, hex), 0);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_int_eq(hash_sha256_hex("", 0, hex), 0);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

static Suite *
hash_suite(void)
{
    Suite *s = suite_create("hash");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_sha256_hex);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(hash_suite)
