/* redact.c — privacy filter for public text: emails, phones, postcodes, house numbers. */
#include "redact.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

static int
word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static int
email_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || strchr("._%+-'", c);
}

/* An address around the '@' at AT: returns its end and sets *start, or NULL. */
static const char *
match_email(const char *s, const char *at, const char **start)
{
    const char *b = at, *e = at + 1;

    while (b > s && email_char((unsigned char)b[-1]))
        b--;
    while (email_char((unsigned char)*e))
        e++;
    while (e > at + 1 && e[-1] == '.')
        e--;
    if (b == at || e == at + 1 || !memchr(at, '.', (size_t)(e - at)))
        return NULL;
    *start = b;
    return e;
}

/* A phone number at P: "+44 161 496 0000", "07700 900123", "(0161) 496-0000". At least
 * nine digits, so that dates and times stay. Returns its end or NULL. */
static const char *
match_phone(const char *p)
{
    const char *e = p, *last_digit = NULL;
    int digits = 0;

    if (*e == '+')
        e++;
    while (*e && (isdigit((unsigned char)*e) || *e == ' ' || *e == '-' || *e == '(' ||
                  *e == ')' || *e == '.')) {
        if (isdigit((unsigned char)*e)) {
            digits++;
            last_digit = e;
        } else if (*e == ' ' && e[1] == ' ')
            break;
        e++;
    }
    if (digits < 9 || digits > 15 || !last_digit || word_char((unsigned char)last_digit[1]))
        return NULL;
    return last_digit + 1;
}

/* The inward part of a postcode at P ("4XY"), optionally after one space. */
static const char *
match_inward(const char *p)
{
    if (*p == ' ')
        p++;
    if (isdigit((unsigned char)p[0]) && isupper((unsigned char)p[1]) &&
        isupper((unsigned char)p[2]) && !word_char((unsigned char)p[3]))
        return p + 3;
    return NULL;
}

/* A UK postcode at P, in capitals as written ("EP1 4XY", "M20 2AB", "SW1A 1AA"):
 * outward code A9, A99, AA9, AA99, A9A or AA9A, then the inward code 9AA. Returns its
 * end or NULL. */
static const char *
match_postcode(const char *p)
{
    const char *e = p, *end;

    if (!isupper((unsigned char)*e))
        return NULL;
    e++;
    if (isupper((unsigned char)*e))
        e++;
    if (!isdigit((unsigned char)*e))
        return NULL;
    e++;
    if ((isdigit((unsigned char)*e) || isupper((unsigned char)*e)) && (end = match_inward(e + 1)))
        return end;
    return match_inward(e);
}

/* A house number before a configured street: "14 Oak Road", "14a Oak Road", "No. 14
 * Oak Road". Returns the start of the street name, or NULL. */
static const char *
match_house(const conf *c, const char *p)
{
    const char *e = p;
    size_t n;
    const struct conf_area *areas = conf_areas(c, &n);

    if (strncasecmp(e, "no. ", 4) == 0)
        e += 4;
    if (!isdigit((unsigned char)*e))
        return NULL;
    while (isdigit((unsigned char)*e))
        e++;
    if (isalpha((unsigned char)*e) && !word_char((unsigned char)e[1]))
        e++;
    if (*e == ',')
        e++;
    if (*e != ' ' && *e != '\n')
        return NULL;
    while (*e == ' ' || *e == '\n')
        e++;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < areas[i].nstreets; j++) {
            size_t len = strlen(areas[i].streets[j].name);
            if (strncasecmp(e, areas[i].streets[j].name, len) == 0 &&
                !word_char((unsigned char)e[len]))
                return e;
        }
    return NULL;
}

char *
redact(const conf *c, const char *text)
{
    struct buf b = {0};
    const char *p = text;

    buf_add(&b, "", 0);
    while (*p) {
        int boundary = p == text || !word_char((unsigned char)p[-1]);
        const char *end, *start;

        if (*p == '@' && (end = match_email(text, p, &start)) && start >= text) {
            /* the local part was already copied: take it back */
            size_t back = (size_t)(p - start);
            if (back <= b.len)
                b.len -= back;
            b.data[b.len] = '\0';
            buf_adds(&b, "[email]");
            p = end;
            continue;
        }
        if (boundary && (end = match_house(c, p))) {
            p = end;
            continue;
        }
        if (boundary && (isdigit((unsigned char)*p) || *p == '+' || *p == '(') &&
            (end = match_phone(p))) {
            buf_adds(&b, "[phone]");
            p = end;
            continue;
        }
        if (boundary && isupper((unsigned char)*p) && (end = match_postcode(p))) {
            buf_adds(&b, "[postcode]");
            p = end;
            continue;
        }
        buf_addc(&b, *p++);
    }
    return buf_take(&b);
}
