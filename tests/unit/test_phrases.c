/* test_phrases.c — rules/phrases: phrase lists found in words by phrases_scan, held
 * against a plain reading of its contract (the longest phrase at each word, without
 * overlaps or crossing a sentence break; of two alike, the one added first; a phrase
 * gives way to a longer one of as much weight that overlaps its end), on the
 * built-in lists and on lists and texts made at random. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phrases.h"
#include "unit.h"
#include "words.h"

struct hit {
    const struct phrase *p;
    size_t at;
};

struct hits {
    struct hit h[4096];
    size_t n;
};

static void
keep(const struct phrase *p, size_t at, void *ud)
{
    struct hits *hs = ud;
    ck_assert_uint_lt(hs->n, 4096);
    hs->h[hs->n++] = (struct hit){p, at};
}

/* Whether phrase P (of PS) is said at word AT of W, before TO, no break inside. */
static int
said_at(const struct phrase *p, const struct words *w, size_t at, size_t to)
{
    if (at + p->n > to)
        return 0;
    for (size_t k = 0; k < p->n; k++)
        if (strcmp(p->keys[k], w->w[at + k].key) != 0 || (k > 0 && (w->w[at + k].flags & W_BREAK)))
            return 0;
    return 1;
}

/* The longest phrase said at word I (of two alike, the one added first), or NULL. */
static const struct phrase *
longest_at(const struct phrases *ps, const struct words *w, size_t i, size_t to)
{
    const struct phrase *best = NULL;
    for (size_t j = 0; j < ps->n; j++) {
        const struct phrase *p = &ps->p[j];
        if (said_at(p, w, i, to) &&
            (!best || p->n > best->n || (p->n == best->n && p->order < best->order)))
            best = p;
    }
    return best;
}

/* phrases_scan's contract read plainly: every phrase tried at every word; a phrase
 * gives way to a longer one of as much weight that starts inside it and ends after it
 * (never one of weight 0). */
static void
reference(const struct phrases *ps, const struct words *w, size_t from, size_t to, struct hits *out)
{
    out->n = 0;
    if (to > w->n)
        to = w->n;
    for (size_t i = from; i < to;) {
        const struct phrase *best = longest_at(ps, w, i, to);
        for (size_t k = i + 1; best && best->weight > 0 && k < i + best->n && k < to; k++) {
            const struct phrase *q = longest_at(ps, w, k, to);
            if (q && q->n > best->n && q->weight >= best->weight && k + q->n > i + best->n)
                best = NULL;
        }
        if (best) {
            out->h[out->n++] = (struct hit){best, i};
            i += best->n;
        } else {
            i++;
        }
    }
}

static void
same_hits(struct phrases *ps, const struct words *w, size_t from, size_t to, const char *text)
{
    static struct hits got, want;

    got.n = 0;
    size_t n = phrases_scan(ps, w, from, to, keep, &got);
    reference(ps, w, from, to, &want);
    ck_assert_uint_eq(n, got.n);
    ck_assert_msg(got.n == want.n, "%zu phrases found, %zu said, in: %s", got.n, want.n, text);
    for (size_t i = 0; i < got.n; i++)
        ck_assert_msg(got.h[i].p == want.h[i].p && got.h[i].at == want.h[i].at,
                      "at word %zu: '%s' (added %zu) found, '%s' (added %zu) said at %zu, in: %s",
                      got.h[i].at, got.h[i].p->text, got.h[i].p->order, want.h[i].p->text,
                      want.h[i].p->order, want.h[i].at, text);
}

START_TEST(t_longest_first_added)
{
    struct phrases ps = {0};
    struct words w = {0};
    struct hits got = {0};

    ck_assert_int_eq(phrases_add(&ps, "could anyone", 1, 1), 0);
    ck_assert_int_eq(phrases_add(&ps, "could anyone use", 2, 1), 0);
    ck_assert_int_eq(phrases_add(&ps, "anyone", 3, 1), 0);
    ck_assert_int_eq(phrases_add(&ps, "could anyone use", 4, 1), 0); /* alike: later */
    ck_assert_int_eq(phrases_add(&ps, "could", 5, 1), 0);
    ck_assert_int_eq(words_split("Could anyone use a pram? Could anyone. Could. Anyone use", &w),
                     0);
    phrases_scan(&ps, &w, 0, w.n, keep, &got);
    ck_assert_uint_eq(got.n, 4);
    ck_assert_int_eq(got.h[0].p->tag, 2);
    ck_assert_int_eq(got.h[1].p->tag, 1);
    ck_assert_int_eq(got.h[2].p->tag, 5);
    ck_assert_int_eq(got.h[3].p->tag, 3); /* "anyone use" is no phrase: "anyone" */
    /* a phrase added after a scan is found by the next */
    ck_assert_int_eq(phrases_add(&ps, "anyone use", 6, 1), 0);
    got.n = 0;
    phrases_scan(&ps, &w, 0, w.n, keep, &got);
    ck_assert_int_eq(got.h[got.n - 1].p->tag, 6);
    /* within FROM..TO only: "could anyone use" does not fit before word 2 */
    got.n = 0;
    phrases_scan(&ps, &w, 0, 2, keep, &got);
    ck_assert_uint_eq(got.n, 1);
    ck_assert_int_eq(got.h[0].p->tag, 1);
    same_hits(&ps, &w, 0, w.n, "the pram");
    words_free(&w);
    phrases_free(&ps);
}
END_TEST

/* Of two phrases that overlap, the first gives way to a longer one of as much weight:
 * "ya se la llevaron" is "se la llevaron" (taken), not "ya se" (something happened);
 * "tempt anyone with a" keeps "tempt anyone" over the weaker "anyone with a"; and a
 * phrase of weight 0 (one that hides shorter ones) is never hidden. */
START_TEST(t_overlap_longer_wins)
{
    struct phrases ps = {0};
    struct words w = {0};
    struct hits got = {0};

    ck_assert_int_eq(phrases_add(&ps, "ya se", 1, 1), 0);
    ck_assert_int_eq(phrases_add(&ps, "se la llevaron", 2, 1), 0);
    ck_assert_int_eq(phrases_add(&ps, "tempt anyone", 3, 3), 0);
    ck_assert_int_eq(phrases_add(&ps, "anyone with a", 4, 2), 0);
    ck_assert_int_eq(phrases_add(&ps, "does anyone know", 5, 0), 0);
    ck_assert_int_eq(phrases_add(&ps, "know where i can", 6, 1), 0);
    ck_assert_int_eq(words_split("Ya se la llevaron. Can I tempt anyone with a cake? Does anyone "
                                 "know where I can park",
                                 &w),
                     0);
    phrases_scan(&ps, &w, 0, w.n, keep, &got);
    ck_assert_uint_eq(got.n, 3);
    ck_assert_int_eq(got.h[0].p->tag, 2);
    ck_assert_uint_eq(got.h[0].at, 1);
    ck_assert_int_eq(got.h[1].p->tag, 3);
    ck_assert_int_eq(got.h[2].p->tag, 5);
    same_hits(&ps, &w, 0, w.n, "overlaps");
    words_free(&w);
    phrases_free(&ps);
}
END_TEST

/* The built-in lists on realistic mail, every span of words. */
START_TEST(t_builtin_lists)
{
    static const char *const texts[] = {
        "Hi all, could anyone help with a lift to the hospital on Friday? I can offer a lift "
        "back if anyone needs one. Happy to help with shopping too. Thanks so much!",
        "I'm happy to pick up prescriptions for anyone who can't get out. No longer need the "
        "pram, if anyone would like it. Still need a hand with the garden, though.",
        "Ya no necesito la silla, gracias. ¿Alguien puede ayudar? Potrzebuję pomocy z zakupami.",
        "DONE R-0012 - all sorted, thank you! It came in the end. Don't worry about me.",
    };
    struct phrases kind = {0}, closing = {0};
    struct words w = {0};

    ck_assert_int_eq(phrases_builtin_kind(&kind), 0);
    ck_assert_int_eq(phrases_builtin_closing(&closing), 0);
    ck_assert_int_ge(phrases_builtin_lang("es", &kind, &closing), 0);
    ck_assert_int_ge(phrases_builtin_lang("pl", &kind, &closing), 0);
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        w.n = 0;
        ck_assert_int_eq(words_split(texts[t], &w), 0);
        for (size_t from = 0; from < w.n; from += 3)
            for (size_t to = from; to <= w.n + 1; to += 5) {
                same_hits(&kind, &w, from, to, texts[t]);
                same_hits(&closing, &w, from, to, texts[t]);
            }
    }
    words_free(&w);
    phrases_free(&kind);
    phrases_free(&closing);
}
END_TEST

static unsigned seed = 12345;

static unsigned
next_random(void)
{
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7fff;
}

/* Lists and texts of a few words at random: phrases sharing first and second words,
 * alike phrases, breaks anywhere. */
START_TEST(t_random_lists)
{
    static const char *const vocab[] = {"i",    "can",  "could",  "need", "a",
                                        "lift", "help", "anyone", "the",  "shop"};

    for (int round = 0; round < 200; round++) {
        struct phrases ps = {0};
        struct words w = {0};
        char text[2048], phrase[256];
        size_t nphrases = 1 + next_random() % 40, len = 0;

        for (size_t k = 0; k < nphrases; k++) {
            size_t n = 1 + next_random() % 4, pl = 0;
            for (size_t j = 0; j < n; j++)
                pl += (size_t)snprintf(phrase + pl, sizeof phrase - pl, "%s%s", j ? " " : "",
                                       vocab[next_random() % 10]);
            ck_assert_int_eq(phrases_add(&ps, phrase, (int)k, (int)(k % 4)), 0);
        }
        for (size_t j = 0, n = next_random() % 60; j < n; j++) {
            const char *word = vocab[next_random() % 10];
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", word,
                                    next_random() % 7 ? " " : ". ");
        }
        ck_assert_int_eq(words_split(text, &w), 0);
        same_hits(&ps, &w, 0, w.n, text);
        if (w.n > 2)
            same_hits(&ps, &w, 1, w.n - 1, text);
        words_free(&w);
        phrases_free(&ps);
    }
}
END_TEST

static Suite *
phrases_suite(void)
{
    Suite *s = suite_create("phrases");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_longest_first_added);
    tcase_add_test(tc, t_overlap_longer_wins);
    tcase_add_test(tc, t_builtin_lists);
    tcase_add_test(tc, t_random_lists);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(phrases_suite)
