/* test_words.c — process/words: words and stems on realistic text (moved from
 * test_process.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "unit_rules.h"
#include "words.h"

START_TEST(t_words_and_stems)
{
    static const char *const same[][2] = {
        {"shopping", "shop"}, {"groceries", "grocery"}, {"walks", "walking"},
        {"prescriptions", "prescription"}, {"babysitting", "babysit"}, {"drives", "driving"},
        {"needed", "need"}, {"boxes", "box"}, {"dogs", "dog"}, {"bills", "bill"},
    };
    struct words w = {0};

    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        char a[WORD_KEY], b[WORD_KEY];
        snprintf(a, sizeof a, "%s", same[i][0]);
        snprintf(b, sizeof b, "%s", same[i][1]);
        words_stem(a);
        words_stem(b);
        ck_assert_msg(strcmp(a, b) == 0, "%s -> %s, %s -> %s", same[i][0], a, same[i][1], b);
    }
    /* apostrophes (curly too) stay inside words; hyphens split; breaks are marked */
    ck_assert_int_eq(words_split("I can\xE2\x80\x99t make check-in. Sorry", &w), 0);
    ck_assert_int_eq(w.n, 6);
    ck_assert_str_eq(w.w[1].raw, "cant");
    ck_assert_str_eq(w.w[3].raw, "check");
    ck_assert_int_eq(w.w[5].flags & W_BREAK, W_BREAK);
    ck_assert_int_eq(w.w[0].flags & W_CAP, W_CAP);
    words_free(&w);
}
END_TEST

static Suite *
words_suite(void)
{
    Suite *s = suite_create("words");
    TCase *tc;

    tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_words_and_stems);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(words_suite)
