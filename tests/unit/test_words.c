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

/* A word set answers what word_in answers, for words of a text (their raw hash from
 * words_split: accents, apostrophes, a word cut at WORD_KEY bytes) and for bare
 * strings; a list of many words, and duplicates in it. */
START_TEST(t_word_sets)
{
    static const char *const list[] = {
        "cant", "potrzebuję", "i", "we", "i", "anyone", "abcdefghijklmnopqrstuvw", "1", NULL};
    static struct word_set set = WORD_SET(list);
    static const char *const many[] = {
        "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b0", "b1", "b2", "b3",
        "b4", "b5", "b6", "b7", "b8", "b9", "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7",
        "c8", "c9", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", NULL};
    static struct word_set many_set = WORD_SET(many);
    static const char *const none[] = {NULL};
    static struct word_set none_set = WORD_SET(none);
    struct words w = {0};

    ck_assert_int_eq(
        words_split("I can\xE2\x80\x99t, we POTRZEBUJĘ anyone? Anyone-else 1 12 "
                    "abcdefghijklmnopqrstuvwxyz0 weed i's abcdefghijklmnopqrstuvęę shopping "
                    "potrzebuję",
                    &w),
        0);
    ck_assert_int_eq(w.n, 15);
    ck_assert_str_eq(w.w[13].key, "shop");
    ck_assert_str_eq(w.w[14].key, "potrzebuj");
    ck_assert_str_eq(w.w[12].raw, "abcdefghijklmnopqrstuv"); /* half a letter cut off */
    for (size_t i = 0; i < w.n; i++) {
        ck_assert_uint_eq(w.w[i].raw_hash, (unsigned)words_hash(w.w[i].raw));
        ck_assert_uint_eq(w.w[i].hash, (unsigned)words_hash(w.w[i].key));
        ck_assert_msg(word_in_set(&w.w[i], &set) == word_in(w.w[i].raw, list), "%s", w.w[i].raw);
        ck_assert_int_eq(word_in_set(&w.w[i], &many_set), 0);
        ck_assert_int_eq(word_in_set(&w.w[i], &none_set), 0);
    }
    ck_assert_int_eq(word_in_set(&w.w[0], &set), 1);  /* i */
    ck_assert_int_eq(word_in_set(&w.w[1], &set), 1);  /* cant */
    ck_assert_int_eq(word_in_set(&w.w[3], &set), 0);  /* potrzebuję, upper case: not lowered */
    ck_assert_int_eq(word_in_set(&w.w[9], &set), 1);  /* cut to 23 bytes */
    ck_assert_int_eq(word_in_set(&w.w[10], &set), 0); /* weed */
    for (size_t i = 0; many[i]; i++) {
        ck_assert_int_eq(raw_in_set(many[i], &many_set), 1);
        ck_assert_int_eq(raw_in_set(many[i], &set), 0);
    }
    ck_assert_int_eq(raw_in_set("e0", &many_set), 0);
    ck_assert_int_eq(raw_in_set("", &many_set), 0);
    ck_assert_int_eq(raw_in_set("potrzebuję", &set), 1);
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
    tcase_add_test(tc, t_word_sets);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(words_suite)
