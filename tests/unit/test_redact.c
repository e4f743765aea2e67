/* test_redact.c — privacy: normalised text and its map back (lib/norm), redaction of
 * what people really write (rules/redact.c), public names (lib/names), a phone-in
 * caller's name (redact_name); with the Millbrook group's config (unit_rules.h), house
 * numbers on its streets and redact_find, the details member forget looks for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "names.h"
#include "norm.h"
#include "places.h"
#include "redact.h"
#include "unit_rules.h"
#include "unit.h"
#include "unit_conf.h"

static struct places *pl;

static void
setup(void)
{
    const char ini[] = "[group]\nname = G\naddress = g@example.org\n"
                       "[fetch]\nsource = mbox:x\n"
                       "[areas]\nnorth = Elm Street:48, Oak Road:36, Birch Close:12\n"
                       "south = Ash Grove:40, Willow Lane:28, Station Road:60\n";
    cfg = unit_conf(ini);
    pl = places_new(cfg);
    ck_assert_ptr_nonnull(pl);
}

static void
teardown(void)
{
    places_free(pl);
    conf_free(cfg);
}

/* Only the digits of S, into OUT. */
static const char *
digits_of(const char *s, char *out, size_t len)
{
    size_t n = 0;

    for (; *s && n + 1 < len; s++)
        if (*s >= '0' && *s <= '9')
            out[n++] = *s;
    out[n] = '\0';
    return out;
}

START_TEST(t_norm_maps_back)
{
    struct norm n;
    /* NBSP, en dash, zero-width space, full-width digits, curly quotes, an emoji, a
     * bad byte, an ellipsis */
    const char *in = "Mob:\xc2\xa0" "07700\xe2\x80\x93" "9\xe2\x80\x8b" "00\xef\xbc\x91\xef\xbc\x92"
                     "3 \xe2\x80\x9cx\xe2\x80\x9d \xf0\x9f\x93\x9e\xff\xe2\x80\xa6";

    ck_assert(norm_needed(in));
    ck_assert(!norm_needed("plain ASCII, 07700 900123\n"));
    ck_assert_int_eq(norm_text(in, strlen(in), &n), 0);
    ck_assert_str_eq(n.text, "Mob: 07700-900123 \"x\"  ...");
    ck_assert_uint_eq(n.len, strlen(n.text));
    /* every byte maps into the original, in order, on whole characters */
    for (size_t i = 0; i < n.len; i++) {
        ck_assert_uint_lt(n.from[i], n.to[i]);
        ck_assert_uint_le(n.to[i], strlen(in));
        if (i)
            ck_assert_uint_le(n.from[i - 1], n.from[i]);
    }
    /* the full-width "1" is three bytes of the original */
    size_t one = (size_t)(strstr(n.text, "9001") - n.text) + 3;
    ck_assert_uint_eq(n.to[one] - n.from[one], 3);
    ck_assert_uint_eq(n.from[n.len], strlen(in));
    norm_free(&n);
    /* runs of plain ASCII keep their bytes one for one; a CR is a newline, a control
     * character nothing */
    const char *ascii = "ab\r\n\x01"
                        "c\td \xc3\xa9x";
    static const size_t from[] = {0, 1, 2, 3, 5, 6, 7, 8, 9, 11};
    ck_assert_int_eq(norm_text(ascii, strlen(ascii), &n), 0);
    ck_assert_str_eq(n.text, "ab\n\nc\td \xc3\xa9x");
    ck_assert_uint_eq(n.len, 11);
    for (size_t i = 0, k = 0; i < n.len; i++) {
        if (i == 9) /* the second byte of é: its character's span */
            continue;
        ck_assert_uint_eq(n.from[i], from[k]);
        ck_assert_uint_eq(n.to[i], i == 8 ? 11 : from[k] + 1);
        k++;
    }
    ck_assert_uint_eq(n.from[n.len], strlen(ascii));
    norm_free(&n);
    ck_assert_int_eq(norm_text("", 0, &n), 0);
    ck_assert_str_eq(n.text, "");
    ck_assert_uint_eq(n.from[0], 0);
    norm_free(&n);
}
END_TEST

START_TEST(t_phones)
{
    static const char *const cases[] = {
        "Mob:\xc2\xa0" "07700 900461",        /* no-break space after Mob: */
        "07700\xc2\xa0" "900462",             /* inside */
        "07700\xe2\x80\x93" "900463",         /* en dash */
        "\xf0\x9f\x93\x9e" "07700900464",     /* glued to an emoji */
        "\xe2\x80\x9c" "07700 900465\xe2\x80\x9d",
        "me\xe2\x80\x94" "07700 900466\xe2\x80\x94" "any time",
        "07700 900467\xe2\x80\xa6",
        "\xef\xbc\x90\xef\xbc\x97\xef\xbc\x97\xef\xbc\x90\xef\xbc\x90 "
        "\xef\xbc\x99\xef\xbc\x90\xef\xbc\x90\xef\xbc\x94\xef\xbc\x96\xef\xbc\x98",
        "07700\xe2\x80\x8b" "900469",          /* zero-width space */
        "07700 90\xef\xbf\xbd" "0470",         /* a bad byte, as U+FFFD */
        "(212) 555-0171", "+1 212 555 0172", "212.555.0173", "1-212-555-0174",
        "+1 (212) 555-0175", "0161 496 0476", "+44 (0)7700 900 477", "+44 7700 900478",
        "0161-496-0479", "07700-900-480", "+44 (0) 161 496 0481", "0 7 7 0 0 9 0 0 4 8 2",
        "Tel:07700900483", "07700 900484 (evenings)", "mob07700900485", "7700 900486",
        "07700/900488", "ring 496 0501", "555-0102 after six", "4960503", "555.0104",
        /* two numbers one after the other: each whole */
        "07700 900 489 / 0113 496 0490", "07700 900491 07700 900492",
        "0113 496 0493 0113 496 0494",
    };
    char d[64];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert_msg(strstr(s, "[phone]") && strlen(digits_of(s, d, sizeof d)) < 3,
                      "%zu: %s -> %s", i, cases[i], s);
        free(s);
    }
}
END_TEST

START_TEST(t_phones_in_words)
{
    static const char *const cases[] = {
        "My number is seven seven zero zero nine zero zero four nine one if easier",
        "oh seven seven double oh, nine double oh, four nine two",
        "Seven-seven-zero-zero-nine-zero-zero-four-nine-three",
        "zero one six one four nine six zero four nine four",
        "07700 nine zero zero four nine five",
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i]);
        ck_assert_msg(strstr(s, "[phone]") && !strstr(s, "nine") && !strstr(s, "Nine"),
                      "%s -> %s", cases[i], s);
        free(s);
    }
}
END_TEST

START_TEST(t_emails)
{
    static const struct {
        const char *in, *gone;
    } cases[] = {
        {"Email maria.lopez at example dot com and", "maria"},
        {"jo.bright [at] example [dot] org", "bright"},
        {"kev.d (at) example (dot) net", "kev"},
        {"tom.h @ example.com", "tom"},
        {"ruth.p@ example.co.uk", "ruth"},
        {"anne.w AT example DOT org", "anne"},
        {"sue.m{at}example{dot}com", "sue"},
        {"pete.r at example.com", "pete"},
        {"lucy.k\xef\xbc\xa0" "example.com", "lucy"},
        {"rob.t[at]example.com", "rob"},
        {"ann dot lee at example dot co dot uk", "lee"},
        {"dev_one (at) example.org", "dev_one"},
        {"\xe2\x80\x9cgwen.b@example.org\xe2\x80\x9d", "gwen"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i].in);
        ck_assert_msg(strstr(s, "[email]") && !strstr(s, cases[i].gone) && !strstr(s, "example"),
                      "%s -> %s", cases[i].in, s);
        free(s);
    }
}
END_TEST

START_TEST(t_postcodes)
{
    static const char *const cases[] = {
        "m20 2ab", "m202ab", "M202AB", "M20 2 AB", "M20-2AB", "M20\xc2\xa0" "2AB", "'M20 2AB'",
        "\xe2\x80\x9cM20 2AB\xe2\x80\x9d", "SW1A 1AA", "sw1a1aa", "B33 8TH", "cr2 6xh",
        "DN55\xe2\x80\x89" "1PT", "Springfield, IL 62704", "New York, NY 10001-1234",
        "Beverly Hills CA 90210", "Austin, Texas 73301",
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i]);
        ck_assert_msg(strstr(s, "[postcode]") || strstr(s, "[phone]"), "%s -> %s", cases[i], s);
        ck_assert_msg(!strpbrk(s, "0123456789"), "%s -> %s", cases[i], s);
        free(s);
    }
}
END_TEST

START_TEST(t_house_numbers)
{
    static const struct {
        const char *in, *gone, *kept;
    } cases[] = {
        {"I live at twenty-seven Elm Street.", "twenty", "Elm Street"},
        {"I'm at fourteen Oak Road.", "fourteen", "Oak Road"},
        {"Elm Street, 311.", "311", "Elm Street"},
        {"311-313 Oak Road", "313", "Oak Road"},
        {"I'm number 315 on Birch Close", "315", "Birch Close"},
        {"I'm at 317, it's on Willow Lane", "317", "Willow Lane"},
        {"The yellow house with the green door, 319. Thanks", "319", "green door"},
        {"321 Acacia Avenue", "321", "Acacia Avenue"},
        {"Flat 27b, 325 Station Road", "27b", "Station Road"},
        {"I'm at no. 328, the one with the blue gate", "328", "blue gate"},
        {"Apt 4C, 331 Park Boulevard", "331", "Park Boulevard"},
        {"Apt 4C at the back", "4C", "at the back"},
        {"Oak Road no 333.", "333", "Oak Road"},
        {"335 Sunset Blvd", "335", "Sunset Blvd"},
        {"#343 Oak Road", "343", "Oak Road"},
        {"house number 345, at the end", "345", "at the end"},
        {"353 & 355 Oak Road", "35", "Oak Road"},
        {"It's 367 on Station Road", "367", "Station Road"},
        {"Mill Court 369.", "369", "Mill Court"},
        {"I'm at 371 Elm\xc2\xa0Street", "371", "Elm"},
        {"I live at 14 acacia avenue", "14", "acacia avenue"},
        {"REQUEST: lift from 375 Elm Street", "375", "lift from Elm Street"},
        /* the words for a flat of the group's Spanish and Polish neighbours */
        {"Vivo en Canal Street, apartamento 3B, segundo piso", "3B", "Canal Street"},
        {"Depto. 4C, al fondo", "4C", "al fondo"},
        {"Mieszkam na Hill Street, mieszkanie 12, drugie piętro", "12", "Hill Street"},
        /* the flat after a slash, the floor and door after the number */
        {"mieszkam Hill Street 7/3", "7", "Hill Street"},
        {"Vivo en Canal Street 12, 2\xc2\xba""B", "B", "Canal Street"},
        {"Vivo en Canal Street 12, 3\xc2\xba izq. Gracias", "izq", "Canal Street"},
        /* a number in words after "number", a flat's letter */
        {"I'm on Market Street, the house with the red door, number twelve.", "twelve",
         "red door"},
        {"number twenty seven on Oak Road", "seven", "Oak Road"},
        {"Flat B, 3 Albert Road", "Flat B", "Albert Road"},
        /* a number glued to "no"; what a cut number leaves is no joined words, no
         * empty brackets */
        {"Elm Street no14, the blue door", "14", "the blue door"},
        {"House 7, Oak Road", "7", "House Oak Road"},
        {"Oak Road (no. 7), ring twice", "()", "Oak Road, ring twice"},
        /* a known street without its type word, after the number ("40 Willow") */
        {"the lights on the front of 40 Willow, the kids love it", "40", "front of"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i].in);
        ck_assert_msg(!strstr(s, cases[i].gone) && strstr(s, cases[i].kept), "%s -> %s",
                      cases[i].in, s);
        free(s);
    }
}
END_TEST

START_TEST(t_ordinary_text_stays)
{
    static const char *const cases[] = {
        "Thu 26.11 10.30-12.00", "26/11", "\xc2\xa3" "2.50", "$20", "2 x 400g", "size 3",
        "3 mins", "A6 4pm", "2pm-4pm", "5 kids", "10:00-12:00", "1.5 litres", "age 84",
        "12 eggs", "2 bed", "\xe2\x82\xac" "10", "11am", "Tue 1 Dec", "1st December",
        "size 10 shoes", "A4 paper", "the 42 bus", "1-2 hours", "5-10 mins", "aged 7 and 9",
        "400 ml", "100 tea bags", "7.30pm", "19:30", "Sat 28 Nov", "28/11/2026", "10% off",
        "ages 4-11", "Mon-Fri", "9am-5pm", "0-3 months", "pack of 6", "3 x 500ml",
        "a 10 minute walk", "a 5 mile drive", "a flat 3 mins from the station",
        "the number 50 bus", "Elm Street, 3 doors down", "Year 6", "size 8-10", "Room for 2",
        "2026-11-25 10:00", "meet at Tesco. Then home", "look at example.com",
        "R-0042 and O-0007", "I can help at 10.30 on Thursday",
        "Ring the office on Thursday at 2.",
        "the number one bus", "I'm number one in the queue", "a flat A4 envelope",
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i]);
        ck_assert_msg(strcmp(s, cases[i]) == 0, "%s -> %s", cases[i], s);
        free(s);
    }
}
END_TEST

START_TEST(t_redact_is_stable)
{
    static const char *const cases[] = {
        "Ring 0161 Flat 2, 496 0000 or 07700 flat 3b 900123.",
        "a@b.org(0161) 496 0000 and jo at example dot com, M20 2AB",
        "seven seven 07700 zero zero nine\xc2\xa0" "0 0 1 2 3",
        "\xef\xbc\x90\xef\xbc\x97\xef\xbc\x97 0\xe2\x80\x8b" "0 900 123 @ x.com",
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i]), *t = redact(pl, s), *u = redact_contacts(s);
        ck_assert_str_eq(s, t);
        ck_assert_str_eq(s, u);
        free(s);
        free(t);
        free(u);
    }
}
END_TEST

START_TEST(t_names)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"Maria Lopez", "Maria L."},
        {"Lopez, Maria", "Maria L."},
        {"MARIA LOPEZ", "Maria L."},
        {"maria lopez", "Maria L."},
        {"Mrs Maria Lopez", "Maria L."},
        {"\"Maria Lopez (Elm Park)\"", "Maria L."},
        {"Maria from Elm Street", "Maria"},
        {"Maria", "Maria"},
        {"Jean-Luc Picard", "Jean-Luc P."},
        {"O'Neill, Pat", "Pat O."},
        {"Zo\xc3\xab \xc3\x93 Briain", "Zo\xc3\xab B."},
        {"Ludwig van Beethoven", "Ludwig B."},
        {"07700 900601", ""},
        {"+447700900602", ""},
        {"(212) 555-0108", ""},
        {"meg.ward@example.com", ""},
        {"'rita.k@example.net'", ""},
        {"user8841", ""},
        {"DARKSTAR", ""},
        {"DarkStar", ""},
        {"mlopez", ""},
        {"m.lopez", ""},
        {"iPhone", ""},
        {"The Smiths", ""},
        {"", ""},
    };
    char out[64];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int r = names_public(cases[i].in, out, sizeof out);
        ck_assert_msg(r == (cases[i].out[0] != 0) && strcmp(out, cases[i].out) == 0,
                      "%s -> %d \"%s\"", cases[i].in, r, out);
    }
    ck_assert_int_eq(names_public(NULL, out, sizeof out), 0);
}
END_TEST

START_TEST(t_caller_name)
{
    static const struct {
        const char *name, *in, *out;
    } cases[] = {
        {"Ethel Pargeter", "Lift for Mrs Ethel Pargeter to the clinic",
         "Lift for a neighbour to the clinic"},
        {"Ethel Pargeter", "Pargeter's daughter is away; ETHEL needs a lift",
         "A neighbour's daughter is away; a neighbour needs a lift"},
        {"Ethel Pargeter", "Shopping for Mrs. pargeter\xe2\x80\x99s cat",
         "Shopping for a neighbour's cat"},
        {"o'neill, pat", "Pat O'Neill offers ironing", "A neighbour offers ironing"},
        {"Pat O'Neill", "Ironing from Oneill and Neill", "Ironing from a neighbour and a neighbour"},
        {"Ethel Pargeter", "Lift to the clinic", "Lift to the clinic"},
        {"", "Lift for Mrs Smith", "Lift for Mrs Smith"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact_name(cases[i].in, cases[i].name);
        ck_assert_str_eq(s, cases[i].out);
        free(s);
    }
}
END_TEST

START_TEST(t_redact_mixed)
{
    char *s = redact(pl, "Ring me on 07700 900123 or +44 161 496 0000, email jo@example.com. "
                          "I'm at 14 Oak Road, EP1 4XY. Flat 2b, 27A Elm Street. "
                          "Thursday 26 Nov 2026 at 10:30, 3 bags.");
    ck_assert_msg(!strstr(s, "900123") && !strstr(s, "496 0000") && !strstr(s, "jo@") &&
                      !strstr(s, "14 Oak") && !strstr(s, "EP1") && !strstr(s, "27A"),
                  "leaked: %s", s);
    ck_assert_msg(strstr(s, "[phone]") && strstr(s, "[email]") && strstr(s, "[postcode]") &&
                      strstr(s, "at Oak Road") && strstr(s, "Elm Street"),
                  "%s", s);
    /* dates, times and small numbers stay */
    ck_assert_msg(strstr(s, "Thursday 26 Nov 2026 at 10:30, 3 bags."), "%s", s);
    free(s);
    /* a number taken out must not leave the two halves of a phone number together */
    s = redact(pl, "Ring 0161 Flat 2, 496 0000 or 07700 flat 3b 900123.");
    ck_assert_msg(!strstr(s, "496 0000") && !strstr(s, "900123"), "leaked: %s", s);
    free(s);
    /* and only those are read again: a time before "From Dr" loses one number, not all */
    s = redact(pl, "12:18:40 +0100 From Dr Sender, or a@b.org(0161) 496 0000");
    ck_assert_str_eq(s, "12:18:40 +From Dr Sender, or [email][phone]");
    free(s);
}
END_TEST

/* redact_find: the details redact would remove, as written, for member forget. */
struct found_list {
    char s[16][64];
    size_t n;
};

static void
on_found_detail(const char *kind, const char *s, size_t n, void *ctx)
{
    struct found_list *f = ctx;
    if (f->n < 16)
        snprintf(f->s[f->n++], sizeof f->s[0], "%s:%.*s", kind, (int)n, s);
}

static int
found_has(const struct found_list *f, const char *want)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->s[i], want) == 0)
            return 1;
    return 0;
}


START_TEST(t_redact_house_numbers)
{
    static const struct {
        const char *in, *gone, *kept;
    } cases[] = {
        {"I'm at 31 Queens Raod.", "31", "Queens Raod"},
        {"I'm on Victoria Avenue, number 14.", "14", "Victoria Avenue"},
        {"Flat 2, 9 Chapel Close", "2", "Chapel Close"},
        {"No. 7 St Johns Rd please", "7", "St Johns Rd"},
        {"at 12 Acacia Avenue, MB4 2QT", "12", "Acacia Avenue"},
        {"I'm at 5 chapel close, mb3 7hw.", "mb3", "chapel close"},
        {"Call 07700 900311 or 0161 496 0412", "900311", "Call"},
        {"Thursday 10th at 10:30, 3 bags from 2 shops", "", "Thursday 10th at 10:30, 3 bags"},
    };
    pl = places_new(cfg); /* (the file's pl: the Millbrook fixture sets none) */

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = redact(pl, cases[i].in);
        ck_assert_ptr_nonnull(s);
        if (*cases[i].gone)
            ck_assert_msg(!strstr(s, cases[i].gone), "%s -> %s", cases[i].in, s);
        ck_assert_msg(strstr(s, cases[i].kept), "%s -> %s", cases[i].in, s);
        free(s);
    }
    places_free(pl);
}
END_TEST

START_TEST(t_redact_find)
{
    struct found_list f = {0};

    redact_find(NULL,
                "I'm at 14 Oak Road, EP1 4XY. Ring 07700 900123 or (0161) 496-0000, or write to"
                " ann.q@example.net. Flat 2, 9 Acacia Avenue. See you at 10:30 on the 3rd.",
                on_found_detail, &f);
    ck_assert_msg(found_has(&f, "house:14 Oak Road"), "%zu found: %s", f.n, f.n ? f.s[0] : "");
    ck_assert(found_has(&f, "postcode:EP1 4XY"));
    ck_assert(found_has(&f, "phone:07700 900123"));
    ck_assert(found_has(&f, "phone:(0161) 496-0000"));
    ck_assert(found_has(&f, "email:ann.q@example.net"));
    ck_assert_msg(found_has(&f, "house:Flat 2, 9 Acacia Avenue") || found_has(&f, "house:9 Acacia Avenue"), "%s %s %s", f.s[f.n - 3], f.s[f.n - 2], f.s[f.n - 1]);
    for (size_t i = 0; i < f.n; i++)
        ck_assert_msg(!strstr(f.s[i], "10:30") && !strstr(f.s[i], "3rd"), "found %s", f.s[i]);
    f.n = 0;
    redact_find(NULL, "Nothing private here, just soup on Sunday.", on_found_detail, &f);
    ck_assert_uint_eq(f.n, 0);
}
END_TEST

static Suite *
redact_suite(void)
{
    Suite *s = suite_create("redact");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_norm_maps_back);
    tcase_add_test(tc, t_phones);
    tcase_add_test(tc, t_phones_in_words);
    tcase_add_test(tc, t_emails);
    tcase_add_test(tc, t_postcodes);
    tcase_add_test(tc, t_house_numbers);
    tcase_add_test(tc, t_ordinary_text_stays);
    tcase_add_test(tc, t_redact_is_stable);
    tcase_add_test(tc, t_names);
    tcase_add_test(tc, t_caller_name);
    tcase_add_test(tc, t_redact_mixed);
    suite_add_tcase(s, tc);
    tc = tcase_create("millbrook");
    tcase_add_checked_fixture(tc, millbrook_setup, millbrook_teardown);
    tcase_add_test(tc, t_redact_house_numbers);
    tcase_add_test(tc, t_redact_find);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(redact_suite)
