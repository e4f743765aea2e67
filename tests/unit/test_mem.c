/* test_mem.c — lib/mem: after mem_setup the memory it touched, and what the program
 * frees later, stays with the allocator for reuse (not given back to the kernel), and
 * allocations of every size still work. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "unit.h"

START_TEST(t_kept)
{
    mem_setup((size_t)8 << 20);
    /* the warmed block, freed, is still the allocator's (with huge pages on request;
     * without them nothing was touched) */
    struct mallinfo2 before = mallinfo2();
    char *big = malloc((size_t)6 << 20), *small[100];
    ck_assert_ptr_nonnull(big);
    memset(big, 1, (size_t)6 << 20);
    for (int i = 0; i < 100; i++) {
        ck_assert_ptr_nonnull(small[i] = malloc(100 + (size_t)i * 37));
        memset(small[i], 2, 100 + (size_t)i * 37);
    }
    free(big);
    /* a large block freed at the top of the heap is not trimmed away (glibc's
     * allocator only: a sanitizer's replaces it, and mallinfo2 reports nothing then) */
    struct mallinfo2 after = mallinfo2();
    if (after.arena > 0) {
        ck_assert_uint_ge(after.fordblks, (size_t)6 << 20);
        ck_assert_uint_ge(after.arena, before.arena);
    }
    for (int i = 0; i < 100; i++)
        free(small[i]);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("mem");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_kept);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(suite)
