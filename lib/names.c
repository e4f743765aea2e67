/* names.c — public names: first name and initial, or nothing. */
#include "names.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define NAME_MAX_WORDS 6
#define NAME_MAX_LEN 200

struct nword {
    const char *s;
    size_t len;
};

/* Whether W is a title or a suffix, not a name: "Mrs", "Dr.", "Jr". */
static int
title_word(const struct nword *w)
{
    static const char *const titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev",
                                         "sir", "dame", "lady", "lord", "fr", "jr", "sr", "ii",
                                         "iii", "mister", "madam", "cllr", NULL};
    size_t n = w->len;

    if (n && w->s[n - 1] == '.')
        n--;
    for (size_t i = 0; titles[i]; i++)
        if (strlen(titles[i]) == n && strncasecmp(titles[i], w->s, n) == 0)
            return 1;
    return 0;
}

/* Reads word W: its letters' cases into *UPPER and *LOWER (counts); 0 when it has
 * anything but letters and, inside, an apostrophe or a hyphen ("O'Neill",
 * "Smith-Jones"), or a full stop at the end of a one-letter word ("J."). */
static int
word_ok(const struct nword *w, int *upper, int *lower)
{
    const uint8_t *s = (const uint8_t *)w->s;
    int32_t i = 0, n = (int32_t)w->len, letters = 0;

    *upper = *lower = 0;
    while (i < n) {
        UChar32 c;
        int32_t at = i;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return 0;
        if (u_isalpha(c)) {
            letters++;
            *upper += u_isupper(c) || u_istitle(c);
            *lower += u_islower(c);
        } else if (c == '\'' || c == 0x2019 || c == '-') {
            if (at == 0 || i == n)
                return 0;
        } else if (c == '.') {
            if (i != n || letters != 1)
                return 0;
        } else if (u_charType(c) != U_NON_SPACING_MARK) {
            return 0;
        }
    }
    return letters > 0;
}

/* Appends to OUT (at *LEN, OUTLEN bytes) the word W with its first letter in capitals
 * and, when FIX (the word was all capitals or all lower case), the others in lower
 * case; or only its first letter, in capitals, when INITIAL. */
static void
put_word(char *out, size_t outlen, size_t *len, const struct nword *w, int fix, int initial)
{
    const uint8_t *s = (const uint8_t *)w->s;
    int32_t i = 0, n = (int32_t)w->len;
    int first = 1;

    while (i < n) {
        UChar32 c;
        uint8_t buf[4];
        int32_t k = 0;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            break;
        if (first && u_isalpha(c))
            c = u_totitle(c);
        else if (fix && u_isalpha(c))
            c = u_tolower(c);
        U8_APPEND_UNSAFE(buf, k, c);
        if (*len + (size_t)k + 1 >= outlen)
            break;
        memcpy(out + *len, buf, (size_t)k);
        *len += (size_t)k;
        if (initial && u_isalpha(c))
            break;
        if (u_isalpha(c))
            first = 0;
        else if (c == '-' || c == '\'' || c == 0x2019)
            first = 1; /* "Smith-Jones", "O'Neill" */
    }
    out[*len] = '\0';
}

/* Whether W's first letter is a capital. */
static int
is_upper_start(const struct nword *w)
{
    int32_t i = 0;
    UChar32 c;

    U8_NEXT((const uint8_t *)w->s, i, (int32_t)w->len, c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

/* Whether W is written as a name is: a capital, then lower case only (after an
 * apostrophe or a hyphen a capital again: "O'Neill", "Smith-Jones"). */
static int
title_case(const struct nword *w)
{
    const uint8_t *s = (const uint8_t *)w->s;
    int32_t i = 0, n = (int32_t)w->len;
    int start = 1, letters = 0;

    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return 0;
        if (c == '\'' || c == 0x2019 || c == '-') {
            start = 1;
            continue;
        }
        if (!u_isalpha(c))
            continue;
        letters++;
        if (letters == 1 && !(u_isupper(c) || u_istitle(c)))
            return 0;
        if (!start && u_isupper(c))
            return 0;
        start = 0;
    }
    return letters >= 2;
}

static int
word_is_ci(const struct nword *w, const char *s)
{
    return strlen(s) == w->len && strncasecmp(s, w->s, w->len) == 0;
}

/* Whether W is a particle of surnames: "de", "van", "bin". */
static int
particle(const struct nword *w)
{
    static const char *const list[] = {"de", "da", "di", "du", "del", "della", "der", "den",
                                       "van", "von", "le", "la", "bin", "bint", "ibn", "al",
                                       "el", "dos", "das", "do", "ter", "ten", "y", "e", NULL};

    for (size_t i = 0; list[i]; i++)
        if (word_is_ci(w, list[i]))
            return 1;
    return 0;
}

int
names_public(const char *display, char *out, size_t outlen)
{
    char buf[NAME_MAX_LEN + 1];
    struct nword w[NAME_MAX_WORDS], first_part[NAME_MAX_WORDS];
    size_t nw = 0, nfirst = 0, len = 0, dl;
    int comma = 0, up, low, all_upper = 1, all_lower = 1;
    char *p, *cut;

    if (outlen)
        out[0] = '\0';
    if (!display || outlen < 8)
        return 0;
    dl = strlen(display);
    if (dl == 0 || dl > NAME_MAX_LEN || strchr(display, '@') || strpbrk(display, "0123456789_"))
        return 0;
    memcpy(buf, display, dl + 1);
    /* what people add after their name: "(Elm Park)", "| Neighbours", " via Group" */
    if ((cut = strpbrk(buf, "([<|/")))
        *cut = '\0';
    if ((cut = strstr(buf, " via ")) || (cut = strstr(buf, " - ")) ||
        (cut = strstr(buf, " \xe2\x80\x93 ")))
        *cut = '\0';
    /* the words, quotes around them dropped, "Last, First" turned round */
    for (p = buf; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
            p++;
        if (*p == ',') {
            if (comma++ || nw == 0)
                return 0;
            nfirst = nw;
            memcpy(first_part, w, nw * sizeof *w);
            nw = 0;
            p++;
            continue;
        }
        if (!*p)
            break;
        char *s = p;
        while (*p && *p != ' ' && *p != '\t' && *p != ',' && *p != '"')
            p++;
        struct nword x = {s, (size_t)(p - s)};
        while (x.len && x.s[x.len - 1] == '\'')
            x.len--;
        if (x.len == 0 || title_word(&x))
            continue;
        if (nw == NAME_MAX_WORDS)
            return 0;
        w[nw++] = x;
    }
    if (comma) { /* "Lopez, Maria": the words after the comma come first */
        if (nw == 0 || nw + nfirst > NAME_MAX_WORDS)
            return 0;
        memcpy(w + nw, first_part, nfirst * sizeof *w);
        nw += nfirst;
    }
    if (nw == 0 || nw > 5)
        return 0;
    for (size_t i = 0; i < nw; i++) {
        if (!word_ok(&w[i], &up, &low))
            return 0;
        all_upper &= low == 0;
        all_lower &= up == 0;
    }
    /* "Maria from Elm Street": the name ends at a word in lower case that is not a
     * particle of one ("de", "van") */
    for (size_t i = 1; i < nw && !all_lower; i++) {
        int u, l;
        word_ok(&w[i], &u, &l);
        if (!is_upper_start(&w[i]) && !particle(&w[i])) {
            nw = i;
            break;
        }
        (void)u;
        (void)l;
    }
    /* one word: a first name as names are written ("Maria"), not a handle ("DARKSTAR",
     * "mlopez", "DarkStar", "iPhone") */
    if (nw == 1 && !title_case(&w[0]))
        return 0;
    if (!all_lower && !all_upper && !is_upper_start(&w[0]))
        return 0;
    if (word_is_ci(&w[0], "the"))
        return 0;
    put_word(out, outlen, &len, &w[0], all_upper || all_lower, 0);
    if (nw > 1 && len + 4 < outlen) {
        out[len++] = ' ';
        put_word(out, outlen, &len, &w[nw - 1], 0, 1);
        out[len++] = '.';
        out[len] = '\0';
    }
    return len > 0;
}
