/* test_utf7.c — IMAP mailbox names, UTF-8 <-> modified UTF-7 (RFC 3501 5.1.3): the
 * RFC's example, "&", runs, astral characters, names ending in non-ASCII, and what a
 * decoder must refuse. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "utf7.h"

static const struct {
    const char *utf8, *wire;
} pairs[] = {
    {"INBOX", "INBOX"},
    {"", ""},
    /* RFC 3501 5.1.3's example */
    {"~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
     "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
    /* the mailbox: a run of two, ASCII after it */
    {"INBOX.Gr\xc3\xbc\xc3\x9f" "e Nachbarn", "INBOX.Gr&APwA3w-e Nachbarn"},
    {"&", "&-"},
    {"Tom & Jerry", "Tom &- Jerry"},
    {"&&", "&-&-"},
    /* names ending in non-ASCII: the shift is still closed */
    {"Stra\xc3\x9f" "e", "Stra&AN8-e"},
    {"INBOX.\xc3\x84\xc3\x96\xc3\x9c", "INBOX.&AMQA1gDc-"},
    {"\xe2\x82\xac", "&IKw-"},
    {"\xe2\x98\xba!", "&Jjo-!"},
    /* astral characters as surrogate pairs, alone and in a run */
    {"\xf0\x9f\x98\x80", "&2D3eAA-"},
    {"Ab\xf0\x9f\x98\x80" "c", "Ab&2D3eAA-c"},
    {"x\xf0\x9f\x98\x80\xf0\x9f\x98\x80y", "x&2D3eANg93gA-y"},
    /* controls are not printable: encoded too */
    {"a\tb", "a&AAk-b"},
    /* "&" next to a run: the run's own shift, then "&-" */
    {"\xc3\xa9&", "&AOk-&-"},
    /* "," and "/" stay themselves outside a shift; "+" too */
    {"a,b/c+d-", "a,b/c+d-"},
};

START_TEST(t_encode_decode_pairs)
{
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        char *w = utf7_encode(pairs[i].utf8);
        ck_assert_msg(w != NULL, "encode %zu", i);
        ck_assert_str_eq(w, pairs[i].wire);
        char *u = utf7_decode(w);
        ck_assert_msg(u != NULL, "decode %s", w);
        ck_assert_str_eq(u, pairs[i].utf8);
        free(w);
        free(u);
    }
}
END_TEST

START_TEST(t_encode_refuses_bad_utf8)
{
    static const char *const bad[] = {
        "\xff", "a\xc3", "\xc0\xaf" /* overlong "/" */, "\xed\xa0\x80" /* a surrogate */,
        "\xf4\x90\x80\x80" /* beyond U+10FFFF */, "\xe2\x82" "x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        errno = 0;
        ck_assert_msg(utf7_encode(bad[i]) == NULL, "encoded bad UTF-8 %zu", i);
        ck_assert_int_eq(errno, EILSEQ);
    }
}
END_TEST

START_TEST(t_decode_refuses_bad_utf7)
{
    static const char *const bad[] = {
        "&U,BTFw",     /* no "-" */
        "&-&",         /* a shift cut at the end */
        "&&-",         /* "&" is not base64 */
        "&U/BTFw-",    /* "/" is ordinary base64, not modified */
        "&AGE-",       /* "a" encoded: printable ASCII must not be */
        "&2D0-",       /* a high surrogate alone */
        "&3gA-",       /* a low surrogate alone */
        "&2D0AYQ-",    /* a high surrogate then no low one */
        "&AP1-",       /* leftover bits not zero (U+00FD then 01) */
        "&AAA-",       /* NUL */
        "Gr\xc3\xbc" "e", /* 8-bit bytes are not modified UTF-7 */
        "a\tb",        /* nor are controls */
        "&APwA-",      /* a unit and two digits: a half character */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        errno = 0;
        char *u = utf7_decode(bad[i]);
        ck_assert_msg(u == NULL, "decoded bad \"%s\" as \"%s\"", bad[i], u ? u : "");
        ck_assert_int_eq(errno, EILSEQ);
    }
}
END_TEST

START_TEST(t_is_encoded)
{
    ck_assert(utf7_is_encoded("INBOX.Gr&APwA3w-e Nachbarn"));
    ck_assert(utf7_is_encoded("&2D3eAA-"));
    ck_assert(!utf7_is_encoded("INBOX"));
    ck_assert(!utf7_is_encoded("Tom &- Jerry")); /* "&" alone: nothing to say it was */
    ck_assert(!utf7_is_encoded("R&D"));
    ck_assert(!utf7_is_encoded("INBOX.Gr\xc3\xbc\xc3\x9f" "e"));
}
END_TEST

/* every BMP character outside the surrogates, and a sample of the astral planes, go
 * there and back */
START_TEST(t_round_trip_everything)
{
    char in[16], *w, *u;

    for (long cp = 1; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 97) {
        if (cp >= 0xd800 && cp <= 0xdfff)
            continue;
        size_t n = 0;
        in[n++] = 'a';
        if (cp < 0x80) {
            in[n++] = (char)cp;
        } else if (cp < 0x800) {
            in[n++] = (char)(0xc0 | cp >> 6);
            in[n++] = (char)(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            in[n++] = (char)(0xe0 | cp >> 12);
            in[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
            in[n++] = (char)(0x80 | (cp & 0x3f));
        } else {
            in[n++] = (char)(0xf0 | cp >> 18);
            in[n++] = (char)(0x80 | (cp >> 12 & 0x3f));
            in[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
            in[n++] = (char)(0x80 | (cp & 0x3f));
        }
        in[n] = '\0';
        ck_assert_msg((w = utf7_encode(in)) != NULL, "U+%04lX", cp);
        for (const char *p = w; *p; p++)
            ck_assert_msg(*p >= 0x20 && *p <= 0x7e, "U+%04lX: %s", cp, w);
        ck_assert_msg((u = utf7_decode(w)) != NULL, "U+%04lX: %s", cp, w);
        ck_assert_msg(strcmp(u, in) == 0, "U+%04lX: %s", cp, w);
        free(w);
        free(u);
    }
}
END_TEST

static Suite *
utf7_suite(void)
{
    Suite *s = suite_create("utf7");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_encode_decode_pairs);
    tcase_add_test(tc, t_encode_refuses_bad_utf8);
    tcase_add_test(tc, t_decode_refuses_bad_utf7);
    tcase_add_test(tc, t_is_encoded);
    tcase_add_test(tc, t_round_trip_everything);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(utf7_suite)
