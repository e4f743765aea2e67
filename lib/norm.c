/* norm.c — normalised text with a map back to the original (ICU: NFKC, character
 * properties). */
#include "norm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

int
norm_needed(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + strlen(text);
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

    while (p < end) {
        /* eight bytes at a time when none is above 0x7e or below 0x20 (a newline is:
         * such a word is looked at byte by byte) */
        if (end - p >= 8) {
            uint64_t v;
            memcpy(&v, p, sizeof v);
            if (!(v & highs) && !((v - 0x20 * ones) & ~v & highs) && !((v + ones) & highs)) {
                p += 8;
                continue;
            }
        }
        for (const unsigned char *e = end - p >= 8 ? p + 8 : end; p < e; p++)
            if (*p >= 0x7f || (*p < 0x20 && *p != '\n' && *p != '\t'))
                return 1;
    }
    return 0;
}

struct out {
    struct norm *n;
    size_t cap;
};

/* Room for LEN more bytes (and the end). Returns 0 or -1 on OOM. */
static int
reserve(struct out *o, size_t len)
{
    struct norm *n = o->n;

    if (n->len + len + 1 > o->cap) {
        size_t cap = (o->cap ? o->cap * 2 : 64) + len;
        char *t = realloc(n->text, cap);
        size_t *f, *e;
        if (!t)
            return -1;
        n->text = t;
        if (!(f = realloc(n->from, cap * sizeof *f)))
            return -1;
        n->from = f;
        if (!(e = realloc(n->to, cap * sizeof *e)))
            return -1;
        n->to = e;
        o->cap = cap;
    }
    return 0;
}

/* Appends LEN bytes S, all from the original's [FROM, TO). */
static int
put(struct out *o, const char *s, size_t len, size_t from, size_t to)
{
    struct norm *n = o->n;

    if (reserve(o, len) < 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        n->text[n->len] = s[i];
        n->from[n->len] = from;
        n->to[n->len] = to;
        n->len++;
    }
    return 0;
}

/* Whether the ASCII byte C is kept as it is: printable, a newline or a tab. */
static int
plain(unsigned char c)
{
    return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t';
}

/* Appends the bytes S[FROM..END), each kept as it is and from itself: most text is
 * runs of plain ASCII, copied at once rather than a byte at a time. */
static int
put_plain(struct out *o, const uint8_t *s, size_t from, size_t end)
{
    struct norm *n = o->n;
    size_t len = end - from;

    if (reserve(o, len) < 0)
        return -1;
    memcpy(n->text + n->len, s + from, len);
    for (size_t i = 0; i < len; i++) {
        n->from[n->len + i] = from + i;
        n->to[n->len + i] = from + i + 1;
    }
    n->len += len;
    return 0;
}

/* The ASCII stand-in of C when it has a simple one; 0 when not. */
static char
simple(UChar32 c)
{
    switch (c) {
    case 0x2028: case 0x2029: case 0x85:
        return '\n';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
    case 0x02BC: case 0xFF07:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB: case 0x2039: case 0x203A: case 0x301D: case 0x301E: case 0xFF02:
        return '"';
    case 0x2212: case 0x2043: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        break;
    }
    switch (u_charType(c)) {
    case U_SPACE_SEPARATOR:
        return ' ';
    case U_DASH_PUNCTUATION:
        return '-';
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return '"';
    case U_DECIMAL_DIGIT_NUMBER:
        return (char)('0' + u_charDigitValue(c));
    default:
        return u_isUWhiteSpace(c) ? ' ' : 0;
    }
}

/* Whether C leaves nothing: zero-width, format, combining, control characters, the
 * replacement character. */
static int
vanishes(UChar32 c)
{
    int8_t t = u_charType(c);

    return c == 0xFFFD || t == U_FORMAT_CHAR || t == U_NON_SPACING_MARK ||
           t == U_ENCLOSING_MARK || t == U_CONTROL_CHAR || t == U_UNASSIGNED ||
           t == U_PRIVATE_USE_CHAR || t == U_SURROGATE;
}

/* C as NFKC gives it, when that is different and takes at most 32 UTF-8 bytes, into
 * BUF; returns its length, or 0 to keep C as it is. */
static size_t
nfkc(const UNormalizer2 *nf, UChar32 c, char *buf)
{
    UChar in[2], res[16], dec[16];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = 0, m, k = 0;
    size_t len = 0;

    if (!nf || unorm2_getDecomposition(nf, c, dec, 16, &err) < 0 || U_FAILURE(err))
        return 0;
    U16_APPEND_UNSAFE(in, n, c);
    err = U_ZERO_ERROR;
    m = unorm2_normalize(nf, in, n, res, 16, &err);
    if (U_FAILURE(err) || m <= 0)
        return 0;
    while (k < m) {
        UChar32 d;
        U16_NEXT(res, k, m, d);
        if (len + 4 > 32)
            return 0;
        U8_APPEND_UNSAFE(buf, len, d);
    }
    return len;
}

int
norm_text(const char *text, size_t len, struct norm *out)
{
    static const UNormalizer2 *nf;
    static int nf_ready;
    struct out o = {out, 0};
    const uint8_t *s = (const uint8_t *)text;
    int32_t i = 0, n = (int32_t)len;

    memset(out, 0, sizeof *out);
    if (!nf_ready) {
        UErrorCode err = U_ZERO_ERROR;
        nf = unorm2_getNFKCInstance(&err);
        if (U_FAILURE(err))
            nf = NULL;
        nf_ready = 1;
    }
    if (len > INT32_MAX)
        n = INT32_MAX;
    /* mostly as long as the original: grown only by what NFKC writes longer */
    if (reserve(&o, (size_t)n) < 0)
        goto oom;
    while (i < n) {
        size_t from = (size_t)i;
        UChar32 c;
        char buf[32], ch;
        size_t blen;
        int rc = 0;

        if (plain(s[i])) {
            while (i < n && plain(s[i]))
                i++;
            if (put_plain(&o, s, from, (size_t)i) < 0)
                goto oom;
            continue;
        }
        if (s[i] < 0x80) {
            c = s[i++];
            if (c == '\r')
                rc = put(&o, "\n", 1, from, from + 1);
            if (rc < 0)
                goto oom;
            continue;
        }
        U8_NEXT(s, i, n, c);
        if (c < 0 || vanishes(c))
            continue; /* a bad byte or a character of no width: nothing */
        if ((ch = simple(c)))
            rc = put(&o, &ch, 1, from, (size_t)i);
        else if ((blen = nfkc(nf, c, buf)) > 0) {
            /* a character NFKC writes otherwise: read again as the characters it
             * gives ("…" is "...", "①" "1"), those that are not letters or digits
             * a space */
            int32_t k = 0;
            while (k < (int32_t)blen && rc == 0) {
                int32_t at = k;
                UChar32 d;
                U8_NEXT((const uint8_t *)buf, k, (int32_t)blen, d);
                if (d < 0 || vanishes(d))
                    continue;
                if (d < 0x80)
                    rc = put(&o, &buf[at], 1, from, (size_t)i);
                else if ((ch = simple(d)))
                    rc = put(&o, &ch, 1, from, (size_t)i);
                else if (u_isalnum(d))
                    rc = put(&o, &buf[at], (size_t)(k - at), from, (size_t)i);
                else
                    rc = put(&o, " ", 1, from, (size_t)i);
            }
        } else if (u_isalnum(c))
            rc = put(&o, (const char *)&s[from], (size_t)i - from, from, (size_t)i);
        else
            rc = put(&o, " ", 1, from, (size_t)i); /* emoji, symbols, other punctuation */
        if (rc < 0)
            goto oom;
    }
    if (put(&o, "", 0, len, len) < 0) /* room for the end, even for no text */
        goto oom;
    out->text[out->len] = '\0';
    out->from[out->len] = out->to[out->len] = len;
    return 0;
oom:
    norm_free(out);
    return -1;
}

void
norm_free(struct norm *n)
{
    free(n->text);
    free(n->from);
    free(n->to);
    memset(n, 0, sizeof *n);
}
