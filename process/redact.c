/* redact.c — privacy filter for public text: emails, phones, postcodes, house numbers. */
#include "redact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "words.h"

static int
word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static int
email_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || (c && strchr("._%+-'", c));
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

/* A house number: "14", "14a", "27A" (not "10:30", "3pm" or "2nd"). */
static int
house_number(const struct word *w)
{
    size_t n = 0;

    if (!(w->flags & W_DIGITS))
        return 0;
    while (isdigit((unsigned char)w->raw[n]))
        n++;
    if (n > 4)
        return 0;
    return w->raw[n] == '\0' || (isalpha((unsigned char)w->raw[n]) && w->raw[n + 1] == '\0');
}

static int
is_word(const struct word *w, const char *const *list)
{
    return word_in(w->raw, list);
}

/* Spans of TEXT to drop: [start, end) byte offsets. */
struct span {
    size_t start, end;
};

struct spans {
    struct span s[64];
    size_t n;
};

/* Drops words W[A..B] and the commas and spaces after them. */
static void
drop(struct spans *sp, const char *text, const struct words *w, size_t a, size_t b)
{
    const char *end = w->w[b].s + w->w[b].len;

    while (*end == ',' || *end == ' ' || *end == '.')
        end++;
    if (sp->n < sizeof sp->s / sizeof sp->s[0])
        sp->s[sp->n++] = (struct span){(size_t)(w->w[a].s - text), (size_t)(end - text)};
}

/* Before word AT (a street's first word): "14", "No. 14", "number 14", "Flat 2, 9",
 * "flat 2b". Returns the first word to drop, or AT when there is no number. */
static size_t
number_before(const struct words *w, size_t at)
{
    static const char *const no[] = {"no", "number", "num", "nr", NULL};
    static const char *const flat[] = {"flat", "apartment", "apt", "unit", "room", NULL};
    size_t a = at;

    if (a == 0 || !house_number(&w->w[a - 1]))
        return at;
    a--;
    if (a > 0 && is_word(&w->w[a - 1], no))
        a--;
    if (a > 1 && house_number(&w->w[a - 1]) && is_word(&w->w[a - 2], flat))
        a -= 2;
    return a;
}

static int
cmp_span(const void *x, const void *y)
{
    const struct span *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* Where house and flat numbers are in TEXT, with its words and streets PW (NULL:
 * found here). */
static void
house_spans(const struct places *pl, const char *text, const struct placed_words *pw,
            struct spans *sp)
{
    static const char *const flat[] = {"flat", "apartment", "apt", NULL};
    static const char *const after[] = {"no", "number", "num", "nr", NULL};
    struct words own = {0};
    struct placed_words here = {.w = &own};
    const struct words *wp;

    sp->n = 0;
    /* every span is a number's: no digit, nothing to look for */
    if (!strpbrk(text, "0123456789"))
        return;
    if (!pw) {
        if (words_split(text, &own) < 0) {
            words_free(&own);
            return;
        }
        if (pl)
            places_in(pl, &own, &here);
        pw = &here;
    }
    wp = pw->w;
    const struct words w = *wp;
    for (size_t i = 0; i < pw->n; i++) {
        const struct place_hit *h = &pw->hits[i];
        size_t a = number_before(&w, h->at), e = h->at + h->n;
        if (a < h->at)
            drop(sp, text, &w, a, h->at - 1);
        /* "Victoria Avenue, number 14", "Mill Lane no. 3" */
        if (e + 1 < w.n && is_word(&w.w[e], after) && house_number(&w.w[e + 1]))
            drop(sp, text, &w, e, e + 1);
    }
    for (size_t j = 1; j < w.n; j++) {
        /* "12 Acacia Avenue", "5 St Johns Rd": streets we were not told about */
        if (places_is_suffix(&w.w[j]) && (w.w[j - 1].flags & W_CAP)) {
            size_t k = j - 1;
            while (k > 0 && (w.w[k].flags & W_CAP) && j - k < 3 && !house_number(&w.w[k - 1]))
                k--;
            size_t a = number_before(&w, k);
            if (a < k && (w.w[k].flags & W_CAP))
                drop(sp, text, &w, a, k - 1);
        }
        /* "Flat 2" anywhere */
        if (is_word(&w.w[j - 1], flat) && house_number(&w.w[j]))
            drop(sp, text, &w, j - 1, j);
    }
    words_free(&own);
    qsort(sp->s, sp->n, sizeof sp->s[0], cmp_span);
}

/* A postcode written in lower case, "ep1 4xy": only with its space, to be sure. */
static const char *
match_postcode_lower(const char *p)
{
    char up[12] = "";
    size_t n = 0;
    const char *end;

    while (n < 9 && p[n] && (isalnum((unsigned char)p[n]) || p[n] == ' ')) {
        up[n] = (char)toupper((unsigned char)p[n]);
        n++;
    }
    up[n] = '\0';
    if (!strchr(up, ' ') || !(end = match_postcode(up)))
        return NULL;
    return p + (end - up);
}

/* Whether a postcode could start at P, in capitals or not: a letter, then a digit or a
 * second letter and a digit. Most words are not: this spares them the full match. */
static int
postcode_start(const char *p)
{
    return isalpha((unsigned char)p[0]) &&
           (isdigit((unsigned char)p[1]) ||
            (isalpha((unsigned char)p[1]) && isdigit((unsigned char)p[2])));
}

/* One reading of TEXT, house numbers included when HOUSES (with TEXT's words and
 * streets PW, or NULL). */
static char *
redact_once(const struct places *pl, const char *text, int houses, const struct placed_words *pw)
{
    struct buf b = {0};
    /* the text read so far is B, then the bytes from KEPT to P as they are written
     * (copied in one go when something is taken out, not a word at a time) */
    const char *p = text, *kept = text;
    struct spans sp;
    size_t next = 0;

    sp.n = 0;
    if (houses)
        house_spans(pl, text, pw, &sp);
    buf_add(&b, "", 0);
    while (*p) {
        const char *end, *start, *q, *c;
        size_t off = (size_t)(p - text), limit;
        int boundary;

        while (next < sp.n && sp.s[next].end <= off)
            next++;
        if (next < sp.n && sp.s[next].start <= off) {
            buf_add(&b, kept, (size_t)(p - kept));
            p = kept = text + sp.s[next].end;
            continue;
        }
        /* Nothing starts before the next digit, '@', '+' or '(' (every address, phone
         * and postcode has one, a postcode from the start of its word) nor before the
         * next span: the bytes up to there are read as written, in one go. */
        if (!(c = strpbrk(p, "0123456789@+(")))
            c = p + strlen(p);
        else if (isdigit((unsigned char)*c))
            while (c > p && word_char((unsigned char)c[-1]))
                c--;
        if (next < sp.n && text + sp.s[next].start < c)
            c = text + sp.s[next].start;
        if (c > p) {
            p = c;
            continue;
        }
        /* a word starts after what the reader sees: "[email](0161) 496 0000" has a
         * phone number */
        boundary = p > kept ? !word_char((unsigned char)p[-1])
                            : b.len == 0 || !word_char((unsigned char)b.data[b.len - 1]);

        if (*p == '@' && (end = match_email(kept, p, &start))) {
            /* the local part, read as written, is not kept */
            buf_add(&b, kept, (size_t)(start - kept));
            buf_adds(&b, "[email]");
            p = kept = end;
            continue;
        }
        if (boundary && (isdigit((unsigned char)*p) || *p == '+' || *p == '(') &&
            (end = match_phone(p))) {
            buf_add(&b, kept, (size_t)(p - kept));
            buf_adds(&b, "[phone]");
            p = kept = end;
            continue;
        }
        if (boundary && postcode_start(p) &&
            ((end = match_postcode(p)) || (end = match_postcode_lower(p)))) {
            buf_add(&b, kept, (size_t)(p - kept));
            buf_adds(&b, "[postcode]");
            p = kept = end;
            continue;
        }
        /* this byte as written and, when it is a word's, the rest of its word with it:
         * inside a word nothing starts (an '@' ends the word), up to where a span
         * starts */
        limit = next < sp.n ? sp.s[next].start : (size_t)-1;
        q = p + 1;
        if (word_char((unsigned char)*p))
            while (*q && word_char((unsigned char)*q) && (size_t)(q - text) < limit)
                q++;
        p = q;
    }
    buf_add(&b, kept, (size_t)(p - kept));
    return buf_take(&b);
}

/* redact, with TEXT's words and the streets in them found already (their words
 * pointing into TEXT); NULL: found here. */
static char *
redact_placed(const struct places *pl, const char *text, const struct placed_words *pw)
{
    char *out = redact_once(pl, text, 1, pw), *again;

    /* What was taken out may bring two parts together: "0161 Flat 2, 496 0000" leaves
     * "0161 496 0000", and "--2051301190--113948900" (too many digits for a phone)
     * leaves "2051301190--[phone]". So a changed text is read again for addresses,
     * phones and postcodes only (house numbers again would eat "12:18:40 +0100 From
     * Dr" one number a reading), until nothing changes: every change takes out a
     * digit or an '@' for good, so this ends. A text with nothing private takes one
     * reading, and the next readings skip house numbers, the costly part. */
    if (out && strcmp(out, text) != 0)
        for (;;) {
            if (!(again = redact_once(pl, out, 0, NULL))) {
                free(out);
                return NULL;
            }
            if (strcmp(again, out) == 0) {
                free(again);
                break;
            }
            free(out);
            out = again;
        }
    return out;
}

char *
redact(const struct places *pl, const char *text)
{
    return redact_placed(pl, text, NULL);
}

char *
redact_contacts(const char *text)
{
    return redact_once(NULL, text, 0, NULL);
}

char *
redact_squeezed(const struct places *pl, const char *text, const struct placed_words *pw)
{
    const struct words *tw = pw->w;
    struct words w = {0};
    struct placed_words moved = *pw;
    char *flat = strdup(text), *out;
    size_t *at = NULL;

    if (!flat)
        return NULL;
    /* no words (or no memory for the copy): found again in the squeezed text */
    if (tw->n == 0 || !(at = malloc(tw->n * sizeof *at)) ||
        !(w.w = malloc(tw->n * sizeof *w.w))) {
        free(at);
        text_squeeze(flat);
        out = redact(pl, flat);
        free(flat);
        return out;
    }
    for (size_t i = 0; i < tw->n; i++)
        at[i] = (size_t)(tw->w[i].s - text);
    text_squeeze_at(flat, at, tw->n);
    memcpy(w.w, tw->w, tw->n * sizeof *w.w);
    w.n = w.cap = tw->n;
    for (size_t i = 0; i < tw->n; i++)
        w.w[i].s = flat + at[i];
    moved.w = &w;
    out = redact_placed(pl, flat, &moved);
    free(at);
    words_free(&w);
    free(flat);
    return out;
}

/* Calls FN for a house or flat number span of TEXT, [S, E), with the street words that
 * follow it ("14 Oak Road", "Flat 2, 9 Ash Grove"): the capitalised words after it, a
 * few at most. */
static void
house_detail(const char *text, const struct span *s, redact_found_fn fn, void *ctx)
{
    const char *b = text + s->start, *e = text + s->end, *q;
    int words = 0;

    while (e > b && (e[-1] == ' ' || e[-1] == ',' || e[-1] == '.'))
        e--;
    q = e;
    /* the street's words only: a comma or a word with a digit ("EP1") ends it */
    while (words < 4) {
        const char *w = q;
        while (*w == ' ')
            w++;
        if (!isupper((unsigned char)*w))
            break;
        while (isalpha((unsigned char)*w) || (unsigned char)*w >= 0x80 || *w == '\'')
            w++;
        if (isdigit((unsigned char)*w))
            break;
        q = e = w;
        words++;
    }
    if (e > b)
        fn("house", b, (size_t)(e - b), ctx);
}

void
redact_find(const struct places *pl, const char *text, redact_found_fn fn, void *ctx)
{
    const char *p = text, *end, *start;
    struct spans sp;

    house_spans(pl, text, NULL, &sp);
    for (size_t i = 0; i < sp.n; i++)
        house_detail(text, &sp.s[i], fn, ctx);
    while (*p) {
        int boundary = p == text || !word_char((unsigned char)p[-1]);

        if (*p == '@' && (end = match_email(text, p, &start))) {
            fn("email", start, (size_t)(end - start), ctx);
            p = end;
        } else if (boundary && (isdigit((unsigned char)*p) || *p == '+' || *p == '(') &&
                   (end = match_phone(p))) {
            fn("phone", p, (size_t)(end - p), ctx);
            p = end;
        } else if (boundary && postcode_start(p) &&
                   ((end = match_postcode(p)) || (end = match_postcode_lower(p)))) {
            fn("postcode", p, (size_t)(end - p), ctx);
            p = end;
        } else {
            p++;
        }
    }
}
