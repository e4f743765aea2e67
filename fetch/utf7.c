/* utf7.c — modified UTF-7 (RFC 3501 5.1.3) for IMAP mailbox names, both ways. */
#include "utf7.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/* The next code point of UTF-8 text at *P (advanced past it), or -1 when invalid. */
static long
next_utf8(const unsigned char **p)
{
    const unsigned char *s = *p;
    long cp;
    int n;

    if (s[0] < 0x80) {
        *p = s + 1;
        return s[0];
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 1, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 2, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 3, cp = s[0] & 0x07;
    else
        return -1;
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return -1;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    /* overlong forms, surrogates and what lies beyond Unicode */
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return -1;
    *p = s + n + 1;
    return cp;
}

static int
printable(long c)
{
    return c >= 0x20 && c <= 0x7e;
}

char *
utf7_encode(const char *name)
{
    /* at worst 5 bytes out for a byte in: a control character alone, "&AAk-" */
    size_t cap = strlen(name) * 5 + 1, n = 0;
    char *out = malloc(cap);
    const unsigned char *p = (const unsigned char *)name;

    if (!out) {
        errno = ENOMEM;
        return NULL;
    }
    while (*p) {
        const unsigned char *q = p;
        long c = next_utf8(&q);
        if (c < 0)
            goto bad;
        if (printable(c)) {
            out[n++] = (char)c;
            if (c == '&')
                out[n++] = '-';
            p = q;
            continue;
        }
        /* one shift for the whole run: two shifts side by side are not allowed */
        uint32_t bits = 0;
        int nbits = 0;
        out[n++] = '&';
        while (*p) {
            q = p;
            if ((c = next_utf8(&q)) < 0)
                goto bad;
            if (printable(c))
                break;
            p = q;
            unsigned units[2], nu = 0;
            if (c >= 0x10000) {
                units[nu++] = 0xd800 | (unsigned)((c - 0x10000) >> 10);
                units[nu++] = 0xdc00 | (unsigned)((c - 0x10000) & 0x3ff);
            } else {
                units[nu++] = (unsigned)c;
            }
            for (unsigned u = 0; u < nu; u++) {
                bits = bits << 16 | units[u];
                nbits += 16;
                while (nbits >= 6) {
                    nbits -= 6;
                    out[n++] = b64[(bits >> nbits) & 0x3f];
                }
            }
        }
        if (nbits > 0)
            out[n++] = b64[(bits << (6 - nbits)) & 0x3f];
        out[n++] = '-';
    }
    out[n] = '\0';
    return out;
bad:
    free(out);
    errno = EILSEQ;
    return NULL;
}

static int
b64_value(char ch)
{
    const char *at = ch ? strchr(b64, ch) : NULL;
    return at ? (int)(at - b64) : -1;
}

/* Appends code point CP to OUT as UTF-8. */
static size_t
put_utf8(char *out, size_t n, uint32_t cp)
{
    if (cp < 0x80) {
        out[n++] = (char)cp;
    } else if (cp < 0x800) {
        out[n++] = (char)(0xc0 | cp >> 6);
        out[n++] = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out[n++] = (char)(0xe0 | cp >> 12);
        out[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[n++] = (char)(0x80 | (cp & 0x3f));
    } else {
        out[n++] = (char)(0xf0 | cp >> 18);
        out[n++] = (char)(0x80 | (cp >> 12 & 0x3f));
        out[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[n++] = (char)(0x80 | (cp & 0x3f));
    }
    return n;
}

char *
utf7_decode(const char *name)
{
    /* 8 base64 digits (6 bytes: 3 BMP characters, 9 bytes of UTF-8) at most grow by
     * 9/8; ASCII stays one byte */
    size_t cap = strlen(name) * 2 + 1, n = 0;
    char *out = malloc(cap);
    const char *p = name;

    if (!out) {
        errno = ENOMEM;
        return NULL;
    }
    while (*p) {
        if (!printable((unsigned char)*p))
            goto bad;
        if (*p != '&') {
            out[n++] = *p++;
            continue;
        }
        p++;
        if (*p == '-') {
            out[n++] = '&';
            p++;
            continue;
        }
        uint32_t bits = 0, high = 0;
        int nbits = 0, units = 0, v;
        while ((v = b64_value(*p)) >= 0) {
            p++;
            bits = bits << 6 | (uint32_t)v;
            nbits += 6;
            if (nbits < 16)
                continue;
            nbits -= 16;
            uint32_t u = bits >> nbits & 0xffff;
            units++;
            if (high) {
                if (u < 0xdc00 || u > 0xdfff)
                    goto bad;
                n = put_utf8(out, n, 0x10000 + ((high - 0xd800) << 10) + (u - 0xdc00));
                high = 0;
            } else if (u >= 0xd800 && u <= 0xdbff) {
                high = u;
            } else if ((u >= 0xdc00 && u <= 0xdfff) || printable(u) || u == 0) {
                /* a lone low surrogate; printable ASCII must not be encoded; NUL
                 * would end the name */
                goto bad;
            } else {
                n = put_utf8(out, n, u);
            }
        }
        /* ended by "-", at least one character, no dangling half pair, and the bits
         * left over (at most 4: padding) all zero */
        if (*p != '-' || units == 0 || high || nbits >= 6 || (bits & ((1u << nbits) - 1)))
            goto bad;
        p++;
    }
    out[n] = '\0';
    return out;
bad:
    free(out);
    errno = EILSEQ;
    return NULL;
}

int
utf7_is_encoded(const char *name)
{
    char *plain;
    int encoded = 0;

    if (!strchr(name, '&') || !(plain = utf7_decode(name)))
        return 0;
    for (const unsigned char *p = (const unsigned char *)plain; *p; p++)
        if (*p >= 0x80)
            encoded = 1;
    free(plain);
    return encoded;
}
