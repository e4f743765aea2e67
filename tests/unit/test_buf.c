/* test_buf.c — lib/buf.c: the growable byte buffer and buf_grow's arrays. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "unit.h"

START_TEST(t_grow_doubles_from_16)
{
    size_t cap = 0;
    int *a = buf_grow(NULL, &cap, 1, sizeof *a), *same;

    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(cap, 16);
    /* room already: the same array, the same capacity */
    same = buf_grow(a, &cap, 16, sizeof *a);
    ck_assert_ptr_eq(same, a);
    ck_assert_uint_eq(cap, 16);
    for (int i = 0; i < 16; i++)
        a[i] = i;
    a = buf_grow(a, &cap, 17, sizeof *a);
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_eq(cap, 32);
    a = buf_grow(a, &cap, 100, sizeof *a);
    ck_assert_uint_eq(cap, 128);
    for (int i = 0; i < 16; i++)
        ck_assert_int_eq(a[i], i); /* kept */
    free(a);
}
END_TEST

START_TEST(t_grow_overflow_keeps_the_array)
{
    size_t cap = 16;
    char *a = malloc(16), *b;

    ck_assert_ptr_nonnull(a);
    memcpy(a, "fifteen bytes..", 16);
    b = buf_grow(a, &cap, SIZE_MAX / 4, 8);
    ck_assert_ptr_null(b);
    ck_assert_uint_eq(cap, 16);
    ck_assert_str_eq(a, "fifteen bytes.."); /* still the caller's */
    free(a);
}
END_TEST

START_TEST(t_buf_appends)
{
    struct buf b = {0};
    char *s;

    buf_adds(&b, "a");
    buf_addc(&b, 'b');
    buf_printf(&b, "%d", 42);
    buf_add(&b, "xyz", 2);
    ck_assert_int_eq(b.oom, 0);
    s = buf_take(&b);
    ck_assert_str_eq(s, "ab42xy");
    free(s);
    ck_assert_ptr_null(b.data);
    s = buf_take(&b);
    ck_assert_str_eq(s, "");
    free(s);
}
END_TEST

static Suite *
buf_suite(void)
{
    Suite *s = suite_create("buf");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_grow_doubles_from_16);
    tcase_add_test(tc, t_grow_overflow_keeps_the_array);
    tcase_add_test(tc, t_buf_appends);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(buf_suite)
