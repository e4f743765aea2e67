/* text.c — charset conversion to UTF-8 with U+FFFD for bad bytes, and text helpers. */
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

size_t
text_utf8_seq(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return s[0] ? 1 : 0;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))
            return 0; /* overlong, or a UTF-16 surrogate */
        return 3;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

static char *
repair_utf8(const char *in, size_t len)
{
    struct buf b = {0};
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, run = 0;

    /* valid runs are copied whole: most text is valid, and most of that is ASCII */
    buf_reserve(&b, len + 1);
    buf_add(&b, "", 0);
    while (i < len) {
        uint64_t v;
        /* eight ASCII bytes at a time (no high bit, no NUL) */
        if (len - i >= 8) {
            memcpy(&v, s + i, 8);
            if (!((v | ((v - 0x0101010101010101u) & ~v)) & 0x8080808080808080u)) {
                i += 8;
                continue;
            }
        }
        size_t n = s[i] >= 0x01 && s[i] < 0x80 ? 1 : text_utf8_seq(s + i, len - i);
        if (n == 0) {
            buf_add(&b, s + run, i - run);
            buf_adds(&b, replacement);
            run = ++i;
        } else {
            i += n;
        }
    }
    buf_add(&b, s + run, i - run);
    return buf_take(&b);
}

static int
is_utf8_name(const char *cs)
{
    return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
           strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

char *
text_to_utf8(const char *in, size_t len, const char *charset, int *unknown)
{
    struct buf b = {0};
    iconv_t cd;
    char *src = (char *)in;
    size_t left = len;

    if (!charset || !*charset || is_utf8_name(charset))
        return repair_utf8(in, len);
    /* latin-1 labels mean windows-1252 in practice (as WHATWG says): the C1 range is
     * curly quotes and the euro, not control characters. */
    if (strcasecmp(charset, "iso-8859-1") == 0 || strcasecmp(charset, "latin1") == 0 ||
        strcasecmp(charset, "us-ascii") == 0)
        charset = "WINDOWS-1252";
    cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1) {
        if (unknown)
            *unknown = 1;
        cd = iconv_open("UTF-8", "WINDOWS-1252");
        if (cd == (iconv_t)-1)
            return repair_utf8(in, len);
    }
    buf_add(&b, "", 0);
    while (left > 0 && !b.oom) {
        char out[4096], *dst = out;
        size_t room = sizeof out;
        size_t rc = iconv(cd, &src, &left, &dst, &room);
        buf_add(&b, out, (size_t)(dst - out));
        if (rc == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ, or EINVAL for a cut sequence at the end: one bad byte */
            buf_adds(&b, replacement);
            src++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    /* windows-1252 leaves 5 bytes undefined, and some converters emit NUL: repair */
    char *once = buf_take(&b);
    if (!once)
        return NULL;
    char *fixed = repair_utf8(once, strlen(once));
    free(once);
    return fixed;
}

void
text_squeeze(char *s)
{
    text_squeeze_at(s, NULL, 0);
}

void
text_squeeze_at(char *s, size_t *at, size_t n)
{
    char *w = s;
    const char *mark = n ? s + at[0] : NULL; /* where the next offset is */
    int space = 1;
    size_t k = 0;

    for (char *r = s; *r; r++) {
        if (r == mark) {
            at[k++] = (size_t)(w - s);
            mark = k < n ? s + at[k] : NULL;
        }
        if (isspace((unsigned char)*r)) {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *r;
            space = 0;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
}

void
text_copy_line(char *out, size_t size, const char *s)
{
    size_t o = 0;

    if (size == 0)
        return;
    while (isspace((unsigned char)*s))
        s++;
    for (; *s && o < size - 1; s++)
        out[o++] = *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s;
    while (o > 0 && isspace((unsigned char)out[o - 1]))
        o--;
    out[o] = '\0';
}

void
text_truncate(char *s, size_t max)
{
    size_t len = strlen(s), cut = max, space;

    if (len <= max)
        return;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    for (space = cut; space > max / 2 && s[space] != ' '; space--)
        ;
    if (space > max / 2)
        cut = space;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == '.'))
        cut--;
    memcpy(s + cut, "\xE2\x80\xA6", 4); /* … */
}

static int
word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

const char *
text_find_word(const char *s, const char *word)
{
    size_t n = strlen(word);

    if (n == 0)
        return NULL;
    for (const char *p = s; (p = text_casestr(p, word)); p++)
        if ((p == s || !word_char((unsigned char)p[-1])) && !word_char((unsigned char)p[n]))
            return p;
    return NULL;
}

const char *
text_casestr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    int c0;

    if (n == 0)
        return hay;
    /* the first letter in either case found by strpbrk, many bytes at a time: the
     * rules look for phrases in every message's text this way */
    c0 = (unsigned char)needle[0];
    const char first[3] = {(char)tolower(c0), (char)toupper(c0), '\0'};
    for (const char *p = hay; (p = strpbrk(p, first)); p++)
        if (strncasecmp(p + 1, needle + 1, n - 1) == 0)
            return p;
    return NULL;
}

char *
text_lower(char *s)
{
    for (char *p = s; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

size_t
text_lower_copy(char *dst, size_t size, const char *src)
{
    size_t n = 0, len = size ? strnlen(src, size - 1) : 0;

    /* eight bytes at a time: the capitals (ASCII, as tolower in the C locale) found by
     * adding to each byte without carries between them; the rules lower every
     * subject and the head of every text */
    for (; n + 8 <= len; n += 8) {
        uint64_t v, h, upper;
        memcpy(&v, src + n, 8);
        h = v & 0x7f7f7f7f7f7f7f7fu;
        upper = (h + 0x3f3f3f3f3f3f3f3fu) & ~(h + 0x2525252525252525u) & ~v &
                0x8080808080808080u; /* 'A' <= byte <= 'Z' */
        v |= upper >> 2;
        memcpy(dst + n, &v, 8);
    }
    for (; n < len; n++)
        dst[n] = (char)tolower((unsigned char)src[n]);
    if (size)
        dst[n] = '\0';
    return n;
}

/* Characters (not bytes) in S[0..N). */
static size_t
utf8_chars(const char *s, size_t n)
{
    size_t c = 0;

    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

char *
text_wrap(const char *text, size_t width)
{
    struct buf b = {0};
    const char *p = text;

    buf_add(&b, "", 0);
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p), indent = 0;

        while (indent < len && p[indent] == ' ')
            indent++;
        size_t hang = indent + (len >= indent + 2 && p[indent] == '*' && p[indent + 1] == ' ' ? 2 : 0);
        if (hang >= width / 2)
            hang = 0;
        size_t col = 0, i = 0;
        while (i < len) {
            /* the next word and the spaces before it */
            size_t sp = i, w;
            while (sp < len && p[sp] == ' ')
                sp++;
            w = sp;
            while (w < len && p[w] != ' ')
                w++;
            size_t wchars = utf8_chars(p + sp, w - sp);
            if (col > hang && col + utf8_chars(p + i, sp - i) + wchars > width) {
                buf_addc(&b, '\n');
                for (size_t k = 0; k < hang; k++)
                    buf_addc(&b, ' ');
                col = hang;
                i = sp; /* the spaces at the break are dropped */
            }
            col += utf8_chars(p + i, w - i);
            buf_add(&b, p + i, w - i);
            i = w;
        }
        if (eol)
            buf_addc(&b, '\n');
        p += len + (eol ? 1 : 0);
    }
    return buf_take(&b);
}
