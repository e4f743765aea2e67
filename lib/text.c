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
        unsigned char c = (unsigned char)*r;
        if (r == mark) {
            at[k++] = (size_t)(w - s);
            mark = k < n ? s + at[k] : NULL;
        }
        /* isspace's six in the C locale, compared here: every byte of every post's
         * text comes through (redaction reads the text squeezed) */
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = (char)c;
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
text_find_word_lower(const char *low, const char *word)
{
    size_t n = strlen(word);

    if (n == 0)
        return NULL;
    for (const char *p = low; (p = strstr(p, word)); p++)
        if ((p == low || !word_char((unsigned char)p[-1])) && !word_char((unsigned char)p[n]))
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

/* The code point of the valid UTF-8 sequence of N bytes at S. */
static uint32_t
utf8_cp(const unsigned char *s, size_t n)
{
    uint32_t cp = n == 1 ? s[0] : n == 2 ? s[0] & 0x1Fu : n == 3 ? s[0] & 0x0Fu : s[0] & 0x07u;

    for (size_t i = 1; i < n; i++)
        cp = cp << 6 | (s[i] & 0x3Fu);
    return cp;
}

/* Columns a terminal or a mail reader's fixed font gives the code point CP: 0 for
 * combining marks and invisible joiners, 2 for East Asian wide and most emoji, else 1
 * (a small table of the blocks that matter, not all of Unicode's EastAsianWidth). */
static size_t
cp_columns(uint32_t cp)
{
    static const uint32_t zero[][2] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
        {0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
        {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
        {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
    };
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
        {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},
        {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
        {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
    };

    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (cp >= zero[i][0] && cp <= zero[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1])
            return 2;
    return 1;
}

size_t
text_columns(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t c = 0;

    for (size_t i = 0; i < n;) {
        size_t k = u[i] < 0x80 ? 1 : text_utf8_seq(u + i, n - i);
        if (k <= 1) {
            c += k == 1 || u[i] >= 0x80; /* a stray byte shows as one replacement */
            i++;
            continue;
        }
        c += cp_columns(utf8_cp(u + i, k));
        i += k;
    }
    return c;
}

/* Whether the LEN bytes at S are a group of a number: digits and + ( ) -, at least one
 * digit, with perhaps one stop, comma, colon or semicolon at the end. */
static int
number_group(const char *s, size_t len)
{
    size_t digits = 0;

    if (len > 0 && strchr(".,;:", s[len - 1]))
        len--;
    if (len == 0 || len > 8)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        else if (!strchr("+()-", s[i]))
            return 0;
    }
    return digits > 0;
}

int
text_no_break(const char *a, size_t alen, const char *b, size_t blen)
{
    /* the first group carries no stop: "ring 0161. 496" is two sentences */
    return alen > 0 && !strchr(".,;:", a[alen - 1]) && number_group(a, alen) &&
           number_group(b, blen);
}

/* A word of one input line: its bytes, its columns and the spaces before it. */
struct wword {
    size_t at, len, cols, gap;
};

/* Whether the word W is only punctuation that must not begin a line: a dash, a
 * closing bracket or quote, or a stop (" — ", " :", " !" as some write them). */
static int
wrap_trailing(const char *p, const struct wword *w)
{
    static const char *const marks[] = {"\xE2\x80\x94", "\xE2\x80\x93", "-", "--", ":",
                                        ";", "!", "?", ")", "]", "\xC2\xBB", "\xE2\x80\x9D",
                                        "\xE2\x80\xA6", "...", "&", "|", "/", "=", "+"};

    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (w->len == strlen(marks[i]) && memcmp(p + w->at, marks[i], w->len) == 0)
            return 1;
    return 0;
}

/* How many words, from word I of the N in W, move as one unit: a short bracketed
 * group ("(like R-0012)", "[see O-0004]") stays on one line, and a lone dash or stop
 * stays with the word before it. */
static size_t
wrap_unit(const char *p, const struct wword *w, size_t i, size_t n, size_t width)
{
    size_t end = i + 1;
    const char *s = p + w[i].at;
    char open = s[0], close = open == '(' ? ')' : open == '[' ? ']' : 0;

    if (close && !memchr(s, close, w[i].len)) {
        size_t cols = w[i].cols, limit = width / 3 > 24 ? width / 3 : 24;
        for (size_t j = i + 1; j < n && j <= i + 3; j++) {
            cols += w[j].gap + w[j].cols;
            if (cols > limit)
                break;
            if (memchr(p + w[j].at, close, w[j].len)) {
                end = j + 1;
                break;
            }
        }
    }
    for (;;) {
        /* a trailing word, or the next group of a phone number, goes with this one */
        if (end < n && (wrap_trailing(p, &w[end]) ||
                        (w[end].gap == 1 && text_no_break(p + w[end - 1].at, w[end - 1].len,
                                                          p + w[end].at, w[end].len))))
            end++;
        else
            break;
    }
    return end - i;
}

char *
text_wrap(const char *text, size_t width)
{
    struct buf b = {0};
    struct wword *w = NULL;
    size_t cap = 0;
    const char *p = text;

    buf_add(&b, "", 0);
    while (*p && !b.oom) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p), indent = 0, n = 0;

        if (len == 3 && memcmp(p, "-- ", 3) == 0) {
            /* the signature separator keeps its space (RFC 3676 4.3) */
            buf_add(&b, p, eol ? 4 : 3);
            p += eol ? 4 : 3;
            continue;
        }
        while (indent < len && p[indent] == ' ')
            indent++;
        size_t hang = indent + (len >= indent + 2 && p[indent] == '*' && p[indent + 1] == ' ' ? 2 : 0);
        if (hang >= width / 2)
            hang = 0;
        /* the line's words; the indentation is the first word's gap */
        for (size_t i = 0; i < len;) {
            size_t sp = i;
            while (sp < len && p[sp] == ' ')
                sp++;
            if (sp == len)
                break; /* spaces at the end of a line are dropped */
            size_t e = sp;
            while (e < len && p[e] != ' ')
                e++;
            if (n == cap) {
                size_t ncap = cap ? 2 * cap : 32;
                struct wword *nw = realloc(w, ncap * sizeof *w);
                if (!nw) {
                    free(w);
                    free(buf_take(&b));
                    return NULL;
                }
                w = nw;
                cap = ncap;
            }
            w[n++] = (struct wword){sp, e - sp, text_columns(p + sp, e - sp), sp - i};
            i = e;
        }
        size_t col = 0;
        for (size_t i = 0; i < n;) {
            size_t k = wrap_unit(p, w, i, n, width), cols = w[i].cols;
            for (size_t j = i + 1; j < i + k; j++)
                cols += w[j].gap + w[j].cols;
            /* a glued group wider than a whole line goes word by word after all */
            if (k > 1 && cols > width - hang)
                k = 1, cols = w[i].cols;
            if (i > 0 && col > hang && col + w[i].gap + cols > width) {
                buf_addc(&b, '\n');
                for (size_t s = 0; s < hang; s++)
                    buf_addc(&b, ' ');
                col = hang;
            } else {
                buf_add(&b, p + w[i].at - w[i].gap, w[i].gap);
                col += w[i].gap;
            }
            /* the unit: its first word, then the others with their own spaces */
            buf_add(&b, p + w[i].at, w[i + k - 1].at + w[i + k - 1].len - w[i].at);
            col += cols;
            i += k;
        }
        if (eol)
            buf_addc(&b, '\n');
        p += len + (eol ? 1 : 0);
    }
    free(w);
    return buf_take(&b);
}

void
text_csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    putc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', out);
        putc(*s, out);
    }
    putc('"', out);
}
