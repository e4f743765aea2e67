/* test_text.c — the plain-text wrapper of mail parts: breaks only at spaces, never
 * inside a code, an address or a URL, short bracketed groups kept whole, widths in
 * columns (not bytes), indentation and "* " items. */
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "unit.h"

/* Wraps S at WIDTH and compares with WANT. */
static void
wraps_to(const char *s, size_t width, const char *want)
{
    char *got = text_wrap(s, width);

    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strcmp(got, want) == 0, "wrap(%zu) of\n%s\ngave\n%s\nwanted\n%s", width, s, got,
                  want);
    free(got);
}

/* Every line of the wrapped S is at most WIDTH columns unless it is a single word. */
static void
lines_fit(const char *s, size_t width)
{
    char *got = text_wrap(s, width);

    ck_assert_ptr_nonnull(got);
    for (char *line = got; *line;) {
        size_t len = strcspn(line, "\n");
        size_t lead = strspn(line, " *");
        int one_word = memchr(line + lead, ' ', len - lead) == NULL;
        ck_assert_msg(text_columns(line, len) <= width || one_word, "line too long: %.*s",
                      (int)len, line);
        ck_assert_msg(len == 0 || line[len - 1] != ' ', "trailing space: %.*s", (int)len, line);
        line += len + (line[len] == '\n');
    }
    free(got);
}

START_TEST(t_columns)
{
    ck_assert_uint_eq(text_columns("abc", 3), 3);
    ck_assert_uint_eq(text_columns("caf\xc3\xa9", 5), 4);                /* café: 4 */
    ck_assert_uint_eq(text_columns("cafe\xcc\x81", 6), 4);               /* e + combining acute */
    ck_assert_uint_eq(text_columns("\xe2\x80\x94\xc2\xa3", 5), 2);       /* — £ */
    ck_assert_uint_eq(text_columns("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);   /* 日本: wide */
    ck_assert_uint_eq(text_columns("\xf0\x9f\x98\x80", 4), 2);           /* emoji */
    ck_assert_uint_eq(text_columns("a\xff" "b", 3), 3);                  /* stray byte: one */
}
END_TEST

START_TEST(t_wrap_at_spaces)
{
    wraps_to("one two three four", 9, "one two\nthree\nfour");
    wraps_to("short line\n\nnext", 72, "short line\n\nnext");
    /* spaces at a break and at the end of a line are dropped, inner ones kept */
    wraps_to("aaa  bbb   ", 72, "aaa  bbb");
    wraps_to("aaa bbb ccc", 7, "aaa bbb\nccc");
    /* exactly WIDTH fits */
    wraps_to("abcd efgh", 9, "abcd efgh");
    wraps_to("abcd efghi", 9, "abcd\nefghi");
}
END_TEST

START_TEST(t_wrap_never_splits_words)
{
    /* an address, a URL, a code: whole, alone when longer than the line */
    wraps_to("write to neighbours.help@elmpark.example.org today", 20,
             "write to\nneighbours.help@elmpark.example.org\ntoday");
    wraps_to("see https://example.org/a/very/long/path/that/goes/on?and=on now", 24,
             "see\nhttps://example.org/a/very/long/path/that/goes/on?and=on\nnow");
    wraps_to("codes R-0012, O-0004 and R-0100.", 14, "codes R-0012,\nO-0004 and\nR-0100.");
    lines_fit("Elm Park Neighbours <help@elmpark.example.org> asks R-0012 O-0004 "
              "https://example.org/x and more words to wrap here and there",
              30);
}
END_TEST

START_TEST(t_wrap_brackets_and_dashes)
{
    /* the case: "(like" never ends a line with "R-0012)" on the next */
    const char *s = "To help, reply to neighbours.help@elmpark.example.org with the reference "
                    "code (like R-0012) in the subject.";
    char *got = text_wrap(s, 72);
    ck_assert_ptr_nonnull(got);
    ck_assert_msg(strstr(got, "(like R-0012)"), "%s", got);
    ck_assert_msg(!strstr(got, "(like\n"), "%s", got);
    free(got);
    wraps_to("reply with the code (like R-0012) in", 24,
             "reply with the code\n(like R-0012) in");
    /* a lone dash stays with the word before it */
    wraps_to("free help \xe2\x80\x94 never money", 11,
             "free help \xe2\x80\x94\nnever money");
    wraps_to("free help \xe2\x80\x94 never money", 10,
             "free\nhelp \xe2\x80\x94\nnever\nmoney");
    /* a phone number stays whole */
    wraps_to("or ring 0161 496 0000. Thanks", 14, "or ring\n0161 496 0000.\nThanks");
    wraps_to("ring +44 (0)161 496-0000 now", 20, "ring\n+44 (0)161 496-0000\nnow");
    ck_assert(text_no_break("0161", 4, "496", 3));
    ck_assert(!text_no_break("0161.", 5, "496", 3));
    ck_assert(!text_no_break("R-0012", 6, "496", 3));
    ck_assert(!text_no_break("Thursday", 8, "26", 2));
    /* a bracketed group too long to glue goes word by word */
    lines_fit("a (very long aside that goes on and on and on and on) end", 20);
}
END_TEST

START_TEST(t_wrap_columns_not_bytes)
{
    /* 10 columns of accented letters fit a 10-column line although they take 20 bytes */
    wraps_to("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 x", 10,
             "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\nx");
    /* wide characters count two */
    wraps_to("\xe6\x97\xa5\xe6\x97\xa5 \xe6\x97\xa5\xe6\x97\xa5 x", 9,
             "\xe6\x97\xa5\xe6\x97\xa5 \xe6\x97\xa5\xe6\x97\xa5\nx");
    lines_fit("Łódź, São Paulo, Zürich — “quoted” words £5 niño café façade naïve", 16);
}
END_TEST

START_TEST(t_wrap_indent_and_items)
{
    wraps_to("* R-0001 Prescription pick-up on Thursday", 20,
             "* R-0001\n  Prescription\n  pick-up on\n  Thursday");
    wraps_to("  indented text goes on", 12, "  indented\n  text goes\n  on");
    wraps_to("    * deep item words", 14, "    * deep\n      item\n      words");
    /* the signature separator keeps its space */
    wraps_to("text\n-- \nsig", 72, "text\n-- \nsig");
    wraps_to("--  \n", 72, "--\n");
    /* empty input */
    wraps_to("", 72, "");
    wraps_to("\n", 72, "\n");
}
END_TEST

START_TEST(t_utf8_repair_and_charsets)
{
    char *s = text_to_utf8("caf\xe9 \xc3\xa9", 7, "utf-8", NULL);
    ck_assert_str_eq(s, "caf\xEF\xBF\xBD \xc3\xa9"); /* bad byte -> U+FFFD, good kept */
    free(s);
    s = text_to_utf8("\x93quoted\x94 \xa3" "5", 11, "windows-1252", NULL);
    ck_assert_str_eq(s, "\xE2\x80\x9Cquoted\xE2\x80\x9D \xC2\xA3" "5");
    free(s);
    s = text_to_utf8("\x93hi\x94", 4, "iso-8859-1", NULL); /* read as windows-1252 */
    ck_assert_str_eq(s, "\xE2\x80\x9Chi\xE2\x80\x9D");
    free(s);
    int unknown = 0;
    s = text_to_utf8("abc", 3, "x-klingon", &unknown);
    ck_assert_str_eq(s, "abc");
    ck_assert_int_eq(unknown, 1);
    free(s);
    s = text_to_utf8("a\0b", 3, NULL, NULL); /* a NUL is not a terminator */
    ck_assert_str_eq(s, "a\xEF\xBF\xBD" "b");
    free(s);
}
END_TEST

/* CSV fields (RFC 4180): plain text as it is; a comma, quote or line break quoted,
 * quotes doubled */
static char *
csv_of(const char *in)
{
    static char out[128];
    FILE *f;

    memset(out, 0, sizeof out);
    f = fmemopen(out, sizeof out, "w");

    ck_assert_ptr_nonnull(f);
    text_csv_field(f, in);
    fclose(f);
    return out;
}

START_TEST(t_csv_field)
{
    ck_assert_str_eq(csv_of("Elm Street"), "Elm Street");
    ck_assert_str_eq(csv_of(""), "");
    ck_assert_str_eq(csv_of("a,b"), "\"a,b\"");
    ck_assert_str_eq(csv_of("say \"hi\""), "\"say \"\"hi\"\"\"");
    ck_assert_str_eq(csv_of("two\nlines"), "\"two\nlines\"");
}
END_TEST

START_TEST(t_truncate_keeps_utf8)
{
    char s[64] = "\xC5\xBC\xC5\xBC\xC5\xBC\xC5\xBC\xC5\xBC"; /* żżżżż, 10 bytes */
    text_truncate(s, 5);
    ck_assert_str_eq(s, "\xC5\xBC\xC5\xBC\xE2\x80\xA6");
}
END_TEST

/* whole words in any case (ASCII), found in the text or in its lowered copy alike */
START_TEST(t_find_word)
{
    static const struct {
        const char *text, *word;
        long at; /* -1: not found */
    } cases[] = {
        {"Monthly NEWSLETTER: December", "newsletter", 8},
        {"the newsletters are out", "newsletter", -1},
        {"renewsletter", "newsletter", -1},
        {"news, news", "news", 0},
        {"good-news day", "news", 5},
        {"a Coffee Morning on Friday", "coffee morning", 2},
        {"coffee  morning", "coffee morning", -1},
        {"na\xc3\xafve news", "news", 7},
        {"\xc3\xa9news", "news", -1}, /* a letter of a word, not ASCII */
        {"get-together!", "get-together", 0},
        {"", "news", -1},
    };
    char low[64];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text, *a = text_find_word(t, cases[i].word);
        text_lower_copy(low, sizeof low, t);
        const char *b = text_find_word_lower(low, cases[i].word);
        ck_assert_msg((a ? a - t : -1) == cases[i].at, "%s in %s", cases[i].word, t);
        ck_assert_msg((b ? b - low : -1) == cases[i].at, "%s in lowered %s", cases[i].word, t);
    }
}
END_TEST

static Suite *
text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("wrap");

    tcase_add_test(tc, t_columns);
    tcase_add_test(tc, t_wrap_at_spaces);
    tcase_add_test(tc, t_wrap_never_splits_words);
    tcase_add_test(tc, t_wrap_brackets_and_dashes);
    tcase_add_test(tc, t_wrap_columns_not_bytes);
    tcase_add_test(tc, t_wrap_indent_and_items);
    tcase_add_test(tc, t_utf8_repair_and_charsets);
    tcase_add_test(tc, t_truncate_keeps_utf8);
    tcase_add_test(tc, t_csv_field);
    tcase_add_test(tc, t_find_word);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(text_suite)
