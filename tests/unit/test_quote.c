/* test_quote.c — process/quote: the new words of a message (quotes, attributions,
 * signatures and "Sent from my" lines taken off). */
#include <stdlib.h>

#include "classify.h"
#include "unit.h"

START_TEST(t_new_text)
{
    char *s = classify_new_text("Sorted now, thanks!\n\nOn Tue, 24 Nov 2026, Priya wrote:\n> old\n");
    ck_assert_str_eq(s, "Sorted now, thanks!");
    free(s);
    s = classify_new_text("Can help.\n-- \nJo Bloggs\n07700 900123\n");
    ck_assert_str_eq(s, "Can help.");
    free(s);
    s = classify_new_text("Yes\n\nSent from my iPhone\n");
    ck_assert_str_eq(s, "Yes");
    free(s);
}
END_TEST

static Suite *
quote_suite(void)
{
    Suite *s = suite_create("quote");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_new_text);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(quote_suite)
