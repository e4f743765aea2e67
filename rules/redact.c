/* redact.c — privacy filter for public text: emails, phones, postcodes, house numbers.
 *
 * The matchers read the text normalised (lib/norm: NFKC, one kind of space and dash,
 * no zero-width characters, ASCII digits and quotes, bad bytes dropped) when it needs
 * it, and say what to cut as spans of what they read ("cuts"); each span is mapped
 * back to the original, widened to whole characters, and cut there. Plain ASCII text
 * is read as it is. */
#include "redact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "norm.h"
#include "text.h"
#include "words.h"

static const char L_EMAIL[] = "[email]", L_PHONE[] = "[phone]", L_POSTCODE[] = "[postcode]";

/* A span of the text read, [start, end), to replace by LABEL ("": to drop). */
struct cut {
    size_t start, end;
    const char *label;
};

struct cuts {
    struct cut *c;
    size_t n, cap;
    int oom;
};

static void
cut_add(struct cuts *cs, size_t start, size_t end, const char *label)
{
    if (end <= start || cs->oom)
        return;
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 16;
        struct cut *c = realloc(cs->c, cap * sizeof *c);
        if (!c) {
            cs->oom = 1;
            return;
        }
        cs->c = c;
        cs->cap = cap;
    }
    cs->c[cs->n++] = (struct cut){start, end, label};
}

static int
word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static int
email_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || (c && strchr("._%+-'_", c));
}

/* --- email addresses ------------------------------------------------------------ */

/* A "dot" written in words at P: " dot ", "[dot]", "(dot)", "{dot}", spaces around
 * allowed. Returns its end, or NULL. */
static const char *
dot_word(const char *p)
{
    const char *q = p;
    int spaced = 0;

    while (*q == ' ' && q - p < 2)
        q++, spaced = 1;
    if (*q && strchr("[({<", *q) && strncasecmp(q + 1, "dot", 3) == 0 && q[4] &&
        strchr("])}>", q[4]))
        q += 5;
    else if (spaced && strncasecmp(q, "dot", 3) == 0 && q[3] == ' ')
        q += 3;
    else
        return NULL;
    while (*q == ' ' && q[1] != ' ')
        q++;
    return q;
}

static int
label_char(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '_';
}

/* Whether the N letters at W are a top-level domain people write: one of two letters,
 * or a common one. */
static int
known_tld(const char *w, size_t n)
{
    static const char *const list[] = {"com", "org", "net", "edu", "gov", "info", "biz", "mil",
                                       "int", "name", "email", "online", "example", "invalid",
                                       "test", "mail", "coop", "scot", "wales", "london", NULL};

    if (n == 2)
        return 1;
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

/* A domain at P: labels joined by '.' or a dot in words, at least one, the last of
 * letters only (2 to 24; when STRICT, a top-level domain people write, in one case:
 * "at home.Thanks" is not an address). Returns its end, or NULL. */
static const char *
match_domain(const char *p, int strict)
{
    const char *e = p, *last = NULL, *q;
    int dots = 0;

    for (;;) {
        const char *l = e;
        while (label_char((unsigned char)*e))
            e++;
        if (e == l)
            return NULL;
        last = l;
        if (*e == '.' && label_char((unsigned char)e[1])) {
            e++;
            dots++;
        } else if ((q = dot_word(e)) && label_char((unsigned char)*q)) {
            e = q;
            dots++;
        } else {
            break;
        }
    }
    if (!dots || e - last < 2 || e - last > 24)
        return NULL;
    for (q = last; q < e; q++)
        if (!isalpha((unsigned char)*q) ||
            (strict && q > last && !!isupper((unsigned char)*q) != !!isupper((unsigned char)*last)))
            return NULL;
    if (strict && !known_tld(last, (size_t)(e - last)))
        return NULL;
    return e;
}

/* An address around the '@' at AT, spaces around it allowed: returns its end and sets
 * *START, or NULL. */
static const char *
match_email(const char *s, const char *at, const char **start)
{
    const char *b = at, *e = at + 1, *d;

    while (b > s && b[-1] == ' ' && at - b < 2)
        b--;
    {
        const char *q = b;
        while (b > s && email_char((unsigned char)b[-1]))
            b--;
        if (b == q)
            return NULL;
    }
    while (*e == ' ' && e - at <= 2)
        e++;
    if (!(d = match_domain(e, e > at + 1))) {
        /* "jo@example.c0m", a domain without a dot: the characters of one, as before */
        d = e;
        while (email_char((unsigned char)*d))
            d++;
        while (d > e && (d[-1] == '.' || d[-1] == '\'' || d[-1] == '-'))
            d--;
        if (d == e || e > at + 1 || !memchr(e, '.', (size_t)(d - e)))
            return NULL;
    }
    *start = b;
    return d;
}

/* Words before a bare "at" that make it a place or a time, not an address: "look at
 * example.com" is kept. */
static int
at_verb(const char *w, size_t n)
{
    static const char *const list[] = {"look", "see", "be", "is", "are", "was", "were", "am",
                                       "meet", "arrive", "here", "there", "it", "us", "info",
                                       "more", "details", "online", "website", "site", "them",
                                       "me", "up", "in", "out", "back", "home", "available",
                                       "found", "get", "me", "you", "him", "her", NULL};

    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

/* An address written to dodge harvesters, around the "at" at T[A..A+2): "jo at example
 * dot com", "jo [at] example [dot] org", "jo(at)example.org", "ann dot lee at ...".
 * Returns its end and sets *START, or NULL. */
static const char *
match_at_word(const char *t, size_t a, const char **start)
{
    const char *s = t + a, *e = s + 2, *b, *q, *d;
    int bracketed = 0;

    if (a > 0 && strchr("[({<", s[-1]) && *e && strchr("])}>", *e)) {
        s--;
        e++;
        bracketed = 1;
    } else if (a == 0 || s[-1] != ' ' || *e != ' ') {
        return NULL;
    }
    /* the local part */
    b = s;
    while (b > t && b[-1] == ' ' && s - b < 2)
        b--;
    q = b;
    while (b > t && email_char((unsigned char)b[-1]) && b[-1] != '\'')
        b--;
    if (b == q)
        return NULL;
    if (!bracketed && at_verb(b, (size_t)(q - b)))
        return NULL;
    /* "ann dot lee": more of it before, joined by dots in words */
    for (;;) {
        const char *w = b, *x;
        while (w > t && w[-1] == ' ')
            w--;
        if (w - t >= 3 && strncasecmp(w - 3, "dot", 3) == 0 && w - 3 > t && w[-4] == ' ' &&
            w < b) {
            x = w - 4;
            while (x > t && x[-1] == ' ')
                x--;
            const char *y = x;
            while (y > t && email_char((unsigned char)y[-1]) && y[-1] != '\'')
                y--;
            if (y == x)
                break;
            b = y;
        } else {
            break;
        }
    }
    while (*e == ' ' && e - s < 6)
        e++;
    if (!(d = match_domain(e, 1)))
        return NULL;
    *start = b;
    return d;
}

/* --- phone numbers ---------------------------------------------------------------- */

static int
phone_sep(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

/* A phone number at P: UK and North American ("+44 (0)7700 900 123", "0161 496 0000",
 * "(212) 555-0123", "212.555.0123"), 9 to 15 digits; or a local one of 6 to 8
 * ("496 0000", "555-0123", "4960000"). Dates, times and ranges are not ("26.11
 * 10.30-12.00", "2026-11-25 10"): two groups of one or two digits beside a '.', '-'
 * or '/' rule a number out. Returns its end or NULL. */
static const char *
match_phone(const char *p)
{
    const char *e = p, *last = NULL;
    int digits = 0, groups = 0, glen = 0, shorts = 0, punct_before = 0, len[16];
    char seps[16]; /* the strongest separator after each group: '.', '-', '/', ' ' */

    if (*e == '+')
        e++;
    for (;;) {
        if (isdigit((unsigned char)*e)) {
            digits++;
            glen++;
            last = e++;
            continue;
        }
        if (glen) {
            if (groups < 16) {
                len[groups] = glen;
                seps[groups] = 0;
            }
            groups++;
            glen = 0;
        }
        if (!phone_sep(*e) || (*e == ' ' && e[1] == ' ') || digits > 15)
            break;
        if (groups && groups <= 16 && (*e == '.' || *e == '-' || *e == '/'))
            seps[groups - 1] = *e;
        e++;
    }
    if (!last || digits < 6 || digits > 15 || groups > 16 || word_char((unsigned char)last[1]))
        return NULL;
    /* '.', '-' and '/' beside a group of one or two digits: a date, a time, a range */
    for (int g = 0; g < groups; g++) {
        int punct_after = g + 1 < groups && seps[g];
        if (len[g] <= 2 && (punct_after || punct_before))
            shorts++;
        punct_before = punct_after;
    }
    if (shorts >= 2)
        return NULL;
    if (digits <= 8) {
        /* local: one group, or 3-4 digits then 4 ("496 0000", "555-0123"); not a year,
         * a date or a pair of years */
        int yearish = len[0] == 4 && (strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0);
        if (*p == '+' || *p == '(')
            return NULL;
        if (groups == 1 && (digits == 8 ? !yearish : 1))
            return last + 1;
        if (groups == 2 && (len[0] == 3 || len[0] == 4) && len[1] == 4 &&
            (seps[0] != '.' || len[0] == 3) && seps[0] != '/' && !yearish)
            return last + 1;
        return NULL;
    }
    return last + 1;
}

/* --- postcodes -------------------------------------------------------------------- */

/* A letter of a postcode, any case, not one of NOT. */
static int
pc_letter(char c, const char *not)
{
    c = (char)toupper((unsigned char)c);
    return c >= 'A' && c <= 'Z' && !strchr(not, c);
}

/* The inward part of a postcode at P ("4XY"), after a space or a hyphen or nothing,
 * its letters maybe apart ("4 XY"); never C, I, K, M, O or V ("A6 4pm" stays). */
static const char *
match_inward(const char *p)
{
    static const char *const not = "CIKMOV";

    if (*p == ' ' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return NULL;
    p++;
    if (*p == ' ' && pc_letter(p[1], not) && pc_letter(p[2], not) && !word_char((unsigned char)p[3]))
        p++;
    if (pc_letter(p[0], not) && pc_letter(p[1], not) && !word_char((unsigned char)p[2]))
        return p + 2;
    return NULL;
}

/* A UK postcode at P in any case, with a space, a hyphen or nothing between its parts
 * ("EP1 4XY", "m20 2ab", "M202AB", "SW1A 1AA", "M20-2AB"): outward code A9, A99, AA9,
 * AA99, A9A or AA9A, then the inward code 9AA. Returns its end or NULL. */
static const char *
match_postcode(const char *p)
{
    const char *e = p, *end;

    if (!pc_letter(*e, "QVX"))
        return NULL;
    e++;
    if (pc_letter(*e, "IJZ") && isdigit((unsigned char)e[1]))
        e++;
    if (!isdigit((unsigned char)*e))
        return NULL;
    e++;
    if ((isdigit((unsigned char)*e) || pc_letter(*e, "")) && (end = match_inward(e + 1)))
        return end;
    return match_inward(e);
}

/* Whether a postcode could start at P: a letter, then a digit or a second letter and a
 * digit. Most words are not: this spares them the full match. */
static int
postcode_start(const char *p)
{
    return isalpha((unsigned char)p[0]) &&
           (isdigit((unsigned char)p[1]) ||
            (isalpha((unsigned char)p[1]) && isdigit((unsigned char)p[2])));
}

/* Whether the N letters at W name a US state, as its code in capitals or in full (the
 * last word of the name), or say "zip". */
static int
state_word(const char *w, size_t n)
{
    static const char codes[] = "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD "
                                "MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD "
                                "TN TX UT VT VA WA WV WI WY PR ";
    static const char *const names[] = {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
        "delaware", "columbia", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana",
        "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
        "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
        "hampshire", "jersey", "mexico", "york", "carolina", "dakota", "ohio", "oklahoma",
        "oregon", "pennsylvania", "island", "tennessee", "texas", "utah", "vermont",
        "virginia", "washington", "wisconsin", "wyoming", "zip", "zipcode", "code", NULL};

    if (n == 2 && isupper((unsigned char)w[0]) && isupper((unsigned char)w[1])) {
        for (const char *c = codes; *c; c += 3)
            if (c[0] == w[0] && c[1] == w[1])
                return 1;
        return 0;
    }
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncasecmp(names[i], w, n) == 0)
            return 1;
    return 0;
}

/* A US ZIP code at P: ZIP+4 ("10001-1234") anywhere, five digits after a state ("NY
 * 10001", "Texas 73301", "zip 90210"). S is the start of the text. Returns its end or
 * NULL. */
static const char *
match_zip(const char *s, const char *p)
{
    const char *e = p + 5, *q = p, *w;

    for (int i = 0; i < 5; i++)
        if (!isdigit((unsigned char)p[i]))
            return NULL;
    if (*e == '-' && isdigit((unsigned char)e[1]) && isdigit((unsigned char)e[2]) &&
        isdigit((unsigned char)e[3]) && isdigit((unsigned char)e[4]) &&
        !word_char((unsigned char)e[5]))
        return e + 5;
    if (word_char((unsigned char)*e))
        return NULL;
    while (q > s && (q[-1] == ' ' || q[-1] == ',') && p - q < 3)
        q--;
    if (q == p)
        return NULL;
    w = q;
    while (w > s && isalpha((unsigned char)w[-1]))
        w--;
    if (w > s && word_char((unsigned char)w[-1]))
        return NULL;
    return state_word(w, (size_t)(q - w)) ? e : NULL;
}

/* --- the characters' pass: addresses, phones, postcodes ----------------------------- */

/* Cuts the addresses, phone numbers and postcodes of T. */
static void
contact_cuts(const char *t, struct cuts *cs)
{
    const char *p = t, *cut_end = NULL;

    while (*p) {
        const char *end, *start, *c;
        int boundary;

        /* Nothing starts before the next digit, '@', '+' or '(' (every address, phone
         * and postcode has one, a postcode from the start of its word): the bytes up
         * to there are passed in one go. */
        if (!(c = strpbrk(p, "0123456789@+(")))
            return;
        if (isdigit((unsigned char)*c))
            while (c > p && word_char((unsigned char)c[-1]))
                c--;
        p = c;
        /* a word starts after a cut: "[email](0161) 496 0000" has a phone number */
        boundary = p == t || p == cut_end || !word_char((unsigned char)p[-1]);
        if (*p == '@' && (end = match_email(t, p, &start))) {
            cut_add(cs, (size_t)(start - t), (size_t)(end - t), L_EMAIL);
            p = cut_end = end;
            continue;
        }
        if (boundary && (isdigit((unsigned char)*p) || *p == '+' || *p == '(')) {
            if ((end = match_phone(p))) {
                cut_add(cs, (size_t)(p - t), (size_t)(end - t), L_PHONE);
                p = cut_end = end;
                continue;
            }
            if ((end = match_zip(t, p))) {
                cut_add(cs, (size_t)(p - t), (size_t)(end - t), L_POSTCODE);
                p = cut_end = end;
                continue;
            }
        }
        if (boundary && postcode_start(p) && (end = match_postcode(p))) {
            cut_add(cs, (size_t)(p - t), (size_t)(end - t), L_POSTCODE);
            p = cut_end = end;
            continue;
        }
        /* this byte and, when it is a word's, the rest of its word: inside a word
         * nothing starts (an '@' ends the word), except a long number glued to letters
         * ("mob07700900123") */
        if (!word_char((unsigned char)*p)) {
            p++;
            continue;
        }
        while (*p && word_char((unsigned char)*p)) {
            if (isdigit((unsigned char)*p) && p > t && isalpha((unsigned char)p[-1]) &&
                strspn(p, "0123456789") >= 10 && (end = match_phone(p))) {
                cut_add(cs, (size_t)(p - t), (size_t)(end - t), L_PHONE);
                p = cut_end = end;
                break;
            }
            p++;
        }
    }
}

/* --- the words' pass: numbers in words, "at" addresses ------------------------------ */

/* How many digits the N letters at W say: "seven" 1, "oh" 1; "double" -2 and
 * "triple" -3 (the next one, twice or three times); 0 when none. */
static int
digit_word(const char *w, size_t n)
{
    static const struct {
        const char *s;
        size_t n;
        int d;
    } list[] = {{"zero", 4, 1},  {"oh", 2, 1},     {"o", 1, 1},      {"nought", 6, 1},
                {"nil", 3, 1},   {"one", 3, 1},    {"two", 3, 1},    {"three", 5, 1},
                {"four", 4, 1},  {"five", 4, 1},   {"six", 3, 1},    {"seven", 5, 1},
                {"eight", 5, 1}, {"nine", 4, 1},   {"double", 6, -2}, {"triple", 6, -3}};
    char c = (char)(*w | 0x20);

    /* most words are ruled out by their length or first letter */
    if (n > 6 || !strchr("zontfsed", c))
        return 0;
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i].n == n && list[i].s[0] == c && strncasecmp(list[i].s, w, n) == 0)
            return list[i].d;
    return 0;
}

/* The run of digits and numbers in words from RUN to END, when it is a phone number:
 * seven digits at least, three of them in words. */
static void
run_end_at(const char *t, const char *run, const char *end, int digits, int words,
           struct cuts *cs)
{
    if (run && digits >= 7 && words >= 3)
        cut_add(cs, (size_t)(run - t), (size_t)(end - t), L_PHONE);
}

/* Cuts the phone numbers written in words ("seven seven zero zero nine...", "oh
 * seven seven double oh", digits among them) and the addresses written around an
 * "at" of T. */
static void
word_cuts(const char *t, struct cuts *cs)
{
    const char *p = t, *run = NULL, *run_end = NULL;
    int digits = 0, words = 0, times = 1;

    for (;;) {
        const char *s = p;
        size_t n;
        int d = 0, word = 0;

        while (*s && !isalnum((unsigned char)*s))
            s++;
        /* the gap since the run's last word: spaces, commas, hyphens, a full stop */
        if (run && (s - run_end > 3 || !*s || strspn(run_end, " ,-.") < (size_t)(s - run_end))) {
            run_end_at(t, run, run_end, digits, words, cs);
            run = NULL;
        }
        if (!*s)
            return;
        p = s;
        if (isdigit((unsigned char)*p)) {
            while (isdigit((unsigned char)*p))
                p++;
            d = (int)(p - s);
        } else {
            while (isalpha((unsigned char)*p))
                p++;
            n = (size_t)(p - s);
            if (!word_char((unsigned char)*p) && n == 2 && (s[0] | 0x20) == 'a' &&
                (s[1] | 0x20) == 't') {
                const char *start, *end = match_at_word(t, (size_t)(s - t), &start);
                if (end) {
                    run_end_at(t, run, run_end, digits, words, cs);
                    run = NULL;
                    cut_add(cs, (size_t)(start - t), (size_t)(end - t), L_EMAIL);
                    p = end;
                    continue;
                }
            }
            d = word_char((unsigned char)*p) ? 0 : digit_word(s, n);
            word = 1;
        }
        if (word_char((unsigned char)*p)) { /* a word going on in digits or letters */
            while (word_char((unsigned char)*p))
                p++;
            d = 0;
        }
        if (!d) { /* not a digit: the run ends */
            run_end_at(t, run, run_end, digits, words, cs);
            run = NULL;
            times = 1;
            continue;
        }
        if (!run) {
            run = s;
            digits = words = 0;
        }
        run_end = p;
        if (d < 0) { /* "double", "triple": the next digit more times */
            times = -d;
            continue;
        }
        digits += d * (word ? times : 1);
        words += word;
        times = 1;
    }
}

/* --- house numbers ----------------------------------------------------------------- */

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

/* A number in words a house could have: 1 for "one".."nineteen", 2 for "twenty"..
 * "ninety" (which may come before a 1), 0 for none. */
static int
number_word(const char *raw)
{
    static const char *const units[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", NULL};
    static const char *const tens[] = {"twenty", "thirty", "forty", "fifty", "sixty",
                                       "seventy", "eighty", "ninety", NULL};

    return word_in(raw, units) ? 1 : word_in(raw, tens) ? 2 : 0;
}

static int
is_word(const struct word *w, const char *const *list)
{
    return word_in(w->raw, list);
}

/* The bytes between words I and I + 1 of W. */
static void
gap(const struct words *w, size_t i, const char **s, const char **e)
{
    *s = w->w[i].s + w->w[i].len;
    *e = w->w[i + 1].s;
}

static int
gap_has(const struct words *w, size_t i, const char *chars)
{
    const char *s, *e;

    gap(w, i, &s, &e);
    for (; s < e; s++)
        if (strchr(chars, *s))
            return 1;
    return 0;
}

/* Whether only spaces and commas are between words I and I + 1 of W. */
static int
gap_clean(const struct words *w, size_t i)
{
    const char *s, *e;

    gap(w, i, &s, &e);
    for (; s < e; s++)
        if (*s != ' ' && *s != ',' && *s != '\t' && *s != '\n')
            return 0;
    return 1;
}

/* Drops words W[A..B] and the commas, spaces and full stops after them. */
static void
drop(struct cuts *cs, const char *text, const struct words *w, size_t a, size_t b)
{
    const char *end = w->w[b].s + w->w[b].len;

    while (*end == ',' || *end == ' ' || *end == '.')
        end++;
    cut_add(cs, (size_t)(w->w[a].s - text), (size_t)(end - text), "");
}

/* Drops words W[A..B] and the commas and spaces before them: a number that ends
 * something ("Elm Street, 14", "the green door, 27"). */
static void
drop_tail(struct cuts *cs, const char *text, const struct words *w, size_t a, size_t b)
{
    const char *start = w->w[a].s;

    while (start > text && (start[-1] == ' ' || start[-1] == ',' || start[-1] == '#'))
        start--;
    cut_add(cs, (size_t)(start - text), (size_t)(w->w[b].s + w->w[b].len - text), "");
}

/* The characters that end a sentence or a clause. The rules look at the bytes between
 * words rather than at W_BREAK, which a blank line sets too: a summary is read with the
 * words of the text before it was squeezed (redact_squeezed), and must read as the
 * squeezed text does. */
#define BREAKS ".!?;:()[]{}<>|"

/* Whether the number W[I] ends what is said of a place: nothing after it, or a
 * sentence break, a comma, a bracket; never a time ("10:30", "10.30") nor a number
 * of something ("3 doors", "5 kids"). */
static int
ends_here(const struct words *w, size_t i)
{
    const char *after = w->w[i].s + w->w[i].len;

    if ((*after == ':' || *after == '.') && isdigit((unsigned char)after[1]))
        return 0;
    return i + 1 == w->n || gap_has(w, i, BREAKS ",");
}

/* Whether a street-like name starts at W[I]: a capitalised word (up to three) and a
 * street-type word ("Acacia Avenue", "St Johns Rd"). Sets *END past it. */
static int
street_like(const struct words *w, size_t i, size_t *end)
{
    for (size_t k = i; k < w->n && k < i + 3 && (w->w[k].flags & W_CAP); k++)
        if (k > i && places_is_suffix(&w->w[k])) {
            *end = k + 1;
            return 1;
        }
    return 0;
}

/* Before word AT (a street's first word): "14", "No. 14", "number 14", "Flat 2, 9",
 * "flat 2b", "14-16", "14 & 16", "twenty-seven". Returns the first word to drop, or
 * AT when there is no number. */
static size_t
number_before(const struct words *w, size_t at)
{
    static const char *const no[] = {"no", "number", "num", "nr", NULL};
    static const char *const flat[] = {"flat", "apartment", "apt", "unit", "room", NULL};
    static const char *const join[] = {"and", "to", NULL};
    size_t a = at;

    /* only spaces and commas between the number and the street ("14, Elm Street"):
     * what a reading took out never joins a number to a street for the next one */
    if (a == 0 || !gap_clean(w, a - 1))
        return at;
    if (house_number(&w->w[a - 1])) {
        a--;
        /* more numbers before it, as written or as a reading left them ("12 14") */
        while (a > 0 && house_number(&w->w[a - 1]) && gap_clean(w, a - 1))
            a--;
        /* a range or a pair: "14-16", "14 & 16", "14 and 16" */
        if (a > 0 && house_number(&w->w[a - 1]) && gap_has(w, a - 1, "-&/"))
            a--;
        else if (a > 1 && house_number(&w->w[a - 2]) && is_word(&w->w[a - 1], join))
            a -= 2;
    } else if (number_word(w->w[a - 1].raw)) {
        a--;
        if (number_word(w->w[a].raw) == 1 && a > 0 && number_word(w->w[a - 1].raw) == 2)
            a--;
    } else {
        return at;
    }
    if (a > 0 && is_word(&w->w[a - 1], no))
        a--;
    if (a > 1 && house_number(&w->w[a - 1]) && is_word(&w->w[a - 2], flat))
        a -= 2;
    return a;
}

/* Words after a flat's number that make it a measure: "a flat 3 mins from". */
static const char *const measures[] = {
    "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "mile", "miles", "km",
    "metres", "meters", "m", "door", "doors", "day", "days", "week", "weeks", "people",
    "times", "floor", "floors", "bed", "beds", "bedroom", "bedrooms", "storey", "stories",
    "stops", "walk", "year", "years", "month", "months", "kids", "children", NULL};

/* Words before a house number that say it is one: "no. 14", "number 14". */
static const char *const no_words[] = {"no", "number", "num", "nr", NULL};

/* Cuts the house numbers beside the streets PW found in TEXT: "14 Elm Street",
 * "Victoria Avenue, number 14", "Mill Lane no. 3". */
static void
placed_number_cuts(const char *text, const struct placed_words *pw, struct cuts *cs)
{
    const struct words w = *pw->w;

    for (size_t i = 0; i < pw->n; i++) {
        const struct place_hit *h = &pw->hits[i];
        size_t a = number_before(&w, h->at), e = h->at + h->n, k = e;
        if (a < h->at)
            drop(cs, text, &w, a, h->at - 1);
        /* "Victoria Avenue, number 14", "Mill Lane no. 3", "Elm Street, 14" */
        if (k < w.n && is_word(&w.w[k], no_words))
            k++;
        if (k < w.n && house_number(&w.w[k]) && ends_here(&w, k))
            drop_tail(cs, text, &w, e, k);
    }
}

/* Cuts the house numbers of a street we were not told about whose type is word J of
 * W: "12 Acacia Avenue", "5 St Johns Rd", "Mill Court 9", "14 acacia avenue". */
static void
unknown_street_cuts(const char *text, const struct words *wp, size_t j, struct cuts *cs)
{
    static const char *const plain_streets[] = {"street", "road", "avenue", "lane", "crescent",
                                                "terrace", "gardens", "boulevard", "rd", "ave",
                                                "blvd", NULL};
    const struct words w = *wp;

    /* "12 Acacia Avenue", "5 St Johns Rd": streets we were not told about; and
     * "Mill Court 9" */
    if (j > 0 && places_is_suffix(&w.w[j]) && (w.w[j - 1].flags & W_CAP)) {
        size_t k = j - 1;
        while (k > 0 && (w.w[k].flags & W_CAP) && j - k < 3 && !house_number(&w.w[k - 1]) &&
               !number_word(w.w[k - 1].raw))
            k--;
        if (!(w.w[k].flags & W_CAP))
            k++;
        size_t a = number_before(&w, k);
        if (a < k)
            drop(cs, text, &w, a, k - 1);
        size_t n = j + 1;
        if (n < w.n && is_word(&w.w[n], no_words))
            n++;
        if (n < w.n && house_number(&w.w[n]) && ends_here(&w, n))
            drop_tail(cs, text, &w, j + 1, n);
    }
    /* "14 acacia avenue": a street in lower case, when its type cannot be
     * anything else ("a 10 minute walk", "a 5 mile drive" stay) */
    if (j >= 2 && house_number(&w.w[j - 2]) && !(w.w[j - 1].flags & W_DIGITS) &&
        is_word(&w.w[j], plain_streets) && !is_word(&w.w[j - 1], measures))
        drop(cs, text, &w, number_before(&w, j - 1), j - 2);
}

/* Cuts the house number that is word J of PW by what is around it: "Flat 2", "#14",
 * "no. 14", "14 on Elm Street", "I'm at 317", "the green door, 319.". */
static void
number_cuts(const char *text, const struct placed_words *pw, size_t j, struct cuts *cs)
{
    static const char *const flat[] = {"flat", "apartment", "apt", "unit", NULL};
    static const char *const place_words[] = {"on", "in", "at", "of", "off", "along", "near",
                                              "opposite", "by", "next", "its", "is", NULL};
    static const char *const self[] = {"im", "i", "live", "lives", "living", "were", "we",
                                       "am", "stay", "staying", "house", "home", "its", "is",
                                       "she", "he", "theyre", "hes", "shes", NULL};
    static const char *const house[] = {"house", "door", "bungalow", "cottage", "flat", "home",
                                        "gate", "building", "block", "maisonette", "semi",
                                        "porch", "terrace", "detached", "number", NULL};
    static const char *const articles[] = {"a", "the", "one", "each", "per", NULL};
    const struct words w = *pw->w;
    size_t end;
    if (!w.w || j >= w.n)
        return;
    const struct word *prev = j > 0 ? &w.w[j - 1] : NULL;
#define next_unit (j + 1 < w.n && is_word(&w.w[j + 1], measures))
    /* "Flat 2", "Apt 4C" anywhere, but "a flat 3 mins from the station" */
    if (prev && is_word(prev, flat) && !next_unit &&
        !(j > 1 && is_word(&w.w[j - 2], articles))) {
        drop(cs, text, &w, j - 1, j);
        return;
    }
    /* "#14" */
    if (w.w[j].s > text && w.w[j].s[-1] == '#') {
        drop_tail(cs, text, &w, j, j);
        return;
    }
    /* "no. 14", "number 14 on Elm Street", "house number 14," but "the number 50
     * bus" and "no 5 kids" */
    if (prev && is_word(prev, no_words)) {
        int dotted = prev->s[prev->len] == '.' || (prev->flags & W_CAP) ||
                     strcmp(prev->raw, "number") == 0;
        int placed = ends_here(&w, j) || (j + 1 < w.n && is_word(&w.w[j + 1], place_words)) ||
                     (j + 1 < w.n && street_like(&w, j + 1, &end));
        if (dotted && placed && !next_unit) {
            drop(cs, text, &w, j - 1, j);
            return;
        }
    }
    /* "it's 14 on Station Road", "14 on Elm Street" */
    if (j + 2 < w.n && (word_is(w.w[j + 1].raw, "on") || word_is(w.w[j + 1].raw, "in")) &&
        street_like(&w, j + 2, &end)) {
        drop(cs, text, &w, j, j);
        return;
    }
    for (size_t i = 0; i < pw->n; i++)
        if (pw->hits[i].at == j + 2 &&
            (word_is(w.w[j + 1].raw, "on") || word_is(w.w[j + 1].raw, "in"))) {
            drop(cs, text, &w, j, j);
            break;
        }
    /* "I'm at 317, it's on Willow Lane" */
    if (prev && word_is(prev->raw, "at") && j > 1 && is_word(&w.w[j - 2], self) &&
        ends_here(&w, j)) {
        drop_tail(cs, text, &w, j, j);
        return;
    }
    /* "the yellow house with the green door, 319." */
    if (ends_here(&w, j) && !(prev && is_word(prev, articles))) {
        for (size_t k = j; k > 0 && j - k < 8; k--) {
            if (is_word(&w.w[k - 1], house) && (k == j || !house_number(&w.w[k - 1]))) {
                drop_tail(cs, text, &w, j, j);
                break;
            }
            if (k >= 2 && gap_has(&w, k - 2, BREAKS))
                break;
        }
    }
#undef next_unit
}

/* Cuts the house and flat numbers in TEXT, with its words and streets PW (NULL: found
 * here). */
static void
house_cuts(const struct places *pl, const char *text, const struct placed_words *pw,
           struct cuts *cs)
{
    struct words own = {0};
    struct placed_words here = {.w = &own};

    if (!pw) {
        if (words_split(text, &own) < 0) {
            words_free(&own);
            cs->oom = 1;
            return;
        }
        if (pl)
            places_in(pl, &own, &here);
        pw = &here;
    }
    placed_number_cuts(text, pw, cs);
    for (size_t j = 0; j < pw->w->n; j++) {
        unknown_street_cuts(text, pw->w, j, cs);
        if (house_number(&pw->w->w[j]))
            number_cuts(text, pw, j, cs);
    }
    words_free(&own);
}

/* Whether T has a number in words a house could have ("fourteen"), read without
 * splitting it into words. */
static int
has_number_word(const char *t)
{
    for (const char *p = t; *p;) {
        char raw[12];
        size_t n = 0;
        if (!isalpha((unsigned char)*p)) {
            p++;
            continue;
        }
        const char *s = p;
        while (isalpha((unsigned char)*p))
            p++;
        if (p - s < 3 || p - s > 9 || !strchr("otfsentOTFSENT", *s))
            continue;
        for (; s < p; s++)
            raw[n++] = (char)tolower((unsigned char)*s);
        raw[n] = '\0';
        if (number_word(raw))
            return 1;
    }
    return 0;
}

/* --- reading ----------------------------------------------------------------------- */

static int
cmp_cut(const void *x, const void *y)
{
    const struct cut *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    /* at the same place a labelled cut first: "[phone]" says more than nothing */
    return (b->label[0] != 0) - (a->label[0] != 0);
}

/* One reading of TEXT, house numbers included when HOUSES (with TEXT's words and
 * streets PW, or NULL); *DROPPED (when not NULL) says whether words were dropped
 * rather than replaced by a label. NULL on OOM. */
static char *
redact_once(const struct places *pl, const char *text, int houses, const struct placed_words *pw,
            int *dropped)
{
    struct norm nm = {0};
    const char *t = text;
    struct cuts cs = {0};
    struct buf b = {0};
    size_t pos = 0, len = strlen(text);
    int normed = 0;

    if (norm_needed(text)) {
        if (norm_text(text, len, &nm) < 0)
            return NULL;
        t = nm.text;
        normed = 1;
        pw = NULL; /* its words point into TEXT, not into what is read */
    }
    if (houses) {
        /* every house number has a digit, or is a number in words before a street */
        int any = strpbrk(t, "0123456789") != NULL;
        if (!any && pw)
            for (size_t i = 0; !any && i < pw->w->n; i++)
                any = number_word(pw->w->w[i].raw) != 0;
        else if (!any)
            any = has_number_word(t);
        if (any)
            house_cuts(pl, t, pw, &cs);
    }
    contact_cuts(t, &cs);
    word_cuts(t, &cs);
    if (cs.oom) {
        free(cs.c);
        if (normed)
            norm_free(&nm);
        return NULL;
    }
    if (cs.n > 1)
        qsort(cs.c, cs.n, sizeof *cs.c, cmp_cut);
    buf_add(&b, "", 0);
    for (size_t i = 0; i < cs.n; i++) {
        size_t s = cs.c[i].start, e = cs.c[i].end;
        if (normed) { /* the whole characters the span was read from */
            s = nm.from[s];
            e = nm.to[e - 1];
        }
        if (e <= pos)
            continue;
        if (s < pos) { /* overlaps the previous cut: widens it */
            pos = e;
            continue;
        }
        buf_add(&b, text + pos, s - pos);
        buf_adds(&b, cs.c[i].label);
        if (dropped && !cs.c[i].label[0])
            *dropped = 1;
        pos = e;
    }
    buf_add(&b, text + pos, len - pos);
    free(cs.c);
    if (normed)
        norm_free(&nm);
    return buf_take(&b);
}

/* Full readings of a text this long at most are repeated until nothing changes;
 * longer ones, this many times at most (each takes at least a number out, and a text
 * made of numbers before a street must not cost a reading a number). */
#define REREAD_ALL_BYTES 4096
#define REREAD_MAX 64

/* redact, with TEXT's words and the streets in them found already (their words
 * pointing into TEXT); NULL: found here. */
static char *
redact_placed(const struct places *pl, const char *text, const struct placed_words *pw)
{
    int dropped = 0, houses, readings = 1;
    char *out = redact_once(pl, text, 1, pw, &dropped), *again;

    /* What was taken out may bring two parts together: "0161 Flat 2, 496 0000" leaves
     * "0161 496 0000", and "--2051301190--113948900" (too many digits for a phone)
     * leaves "2051301190--[phone]". So a changed text is read again, until nothing
     * changes: then redact(redact(x)) is redact(x). Every change takes out a digit,
     * an '@', an "at" or a number in words for good, so this ends; a text with
     * nothing private takes one reading. A long text read REREAD_MAX times is read
     * again for addresses, phones and postcodes only (the cheap part; house numbers
     * again could eat "flat flat flat 1 1 1" one number a reading). */
    if (out && strcmp(out, text) != 0)
        for (;;) {
            /* house numbers again only when words were dropped: a label in the place
             * of an address, a phone or a postcode keeps a number from a street */
            houses = dropped && (readings < REREAD_MAX || strlen(out) <= REREAD_ALL_BYTES);
            dropped = 0;
            if (!(again = redact_once(pl, out, houses, NULL, &dropped))) {
                free(out);
                return NULL;
            }
            readings++;
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
    return redact_once(NULL, text, 0, NULL, NULL);
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
    /* no words (or no memory for the copy), or a text read normalised (whose words are
     * found again there): found again in the squeezed text */
    if (tw->n == 0 || norm_needed(text) || !(at = malloc(tw->n * sizeof *at)) ||
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

/* --- the details of a text, for forgetting ----------------------------------------- */

/* Calls FN for a house or flat number at [B, E) of TEXT, with the street words that
 * follow it ("14 Oak Road", "Flat 2, 9 Ash Grove"): the capitalised words after it, a
 * few at most. */
static void
house_detail(const char *b, const char *e, redact_found_fn fn, void *ctx)
{
    const char *q;
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
    struct norm nm = {0};
    const char *t = text;
    struct cuts cs = {0};
    int normed = 0;

    if (norm_needed(text)) {
        if (norm_text(text, strlen(text), &nm) < 0)
            return;
        t = nm.text;
        normed = 1;
    }
    if (strpbrk(t, "0123456789") || has_number_word(t))
        house_cuts(pl, t, NULL, &cs);
    contact_cuts(t, &cs);
    word_cuts(t, &cs);
    if (cs.n > 1 && !cs.oom)
        qsort(cs.c, cs.n, sizeof *cs.c, cmp_cut);
    for (size_t i = 0; !cs.oom && i < cs.n; i++) {
        size_t st = cs.c[i].start, en = cs.c[i].end;
        const char *label = cs.c[i].label;
        /* one detail for cuts that overlap ("Flat 2" and "2, 9 Acacia Avenue") */
        while (i + 1 < cs.n && cs.c[i + 1].start <= en &&
               (cs.c[i + 1].label == label || !label[0] || !cs.c[i + 1].label[0])) {
            if (cs.c[i + 1].end > en)
                en = cs.c[i + 1].end;
            if (!cs.c[i + 1].label[0])
                label = "";
            i++;
        }
        if (normed) { /* the whole characters the span was read from */
            st = nm.from[st];
            en = nm.to[en - 1];
        }
        if (label == L_EMAIL)
            fn("email", text + st, en - st, ctx);
        else if (label == L_PHONE)
            fn("phone", text + st, en - st, ctx);
        else if (label == L_POSTCODE)
            fn("postcode", text + st, en - st, ctx);
        else if (!label[0])
            house_detail(text + st, text + en, fn, ctx);
    }
    free(cs.c);
    if (normed)
        norm_free(&nm);
}

/* --- a caller's name ---------------------------------------------------------------- */

/* Whether the N bytes at S, any case, curly apostrophes as straight ones, are the
 * name word W (NUL-terminated, lower case, straight apostrophes). */
static int
name_word_is(const char *s, size_t n, const char *w)
{
    size_t i = 0, k = 0;

    while (i < n && w[k]) {
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            if (w[k] != '\'')
                return 0;
            i += 3;
        } else if (tolower((unsigned char)s[i]) == w[k]) {
            i++;
        } else {
            return 0;
        }
        k++;
    }
    return i == n && !w[k];
}

/* The end of a possessive "'s" (or "’s", or a bare "'") right at S, or S. */
static const char *
possessive(const char *s)
{
    if (s[0] == '\'' && (s[1] == 's' || s[1] == 'S') && !word_char((unsigned char)s[2]))
        return s + 2;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x99 &&
        (s[3] == 's' || s[3] == 'S') && !word_char((unsigned char)s[4]))
        return s + 4;
    return s;
}

/* Adds WORD (N bytes) to the list of name words W (at most 16). */
static void
name_add(char w[16][64], size_t *nw, const char *word, size_t n)
{
    if (*nw < 16 && n >= 2 && n < 64) {
        memcpy(w[*nw], word, n);
        w[(*nw)++][n] = '\0';
    }
}

/* The words of NAME into OUT (*NWORDS of them, at most 16), lower case, and the parts of
 * "O'Neill" ("neill", "oneill") and "Smith-Jones". */
static void
name_words(const char *name, char out[16][64], size_t *nwords)
{
    for (const char *q = name ? name : ""; *q;) {
        char w[64] = "", joined[64] = "";
        size_t n = 0, k = 0;
        while (*q && !word_char((unsigned char)*q))
            q++;
        while (*q && (word_char((unsigned char)*q) || *q == '\'' || *q == '-')) {
            if (n < 63)
                w[n++] = (char)tolower((unsigned char)*q);
            q++;
        }
        while (n && (w[n - 1] == '\'' || w[n - 1] == '-'))
            n--;
        name_add(out, nwords, w, n);
        for (size_t i = 0, from = 0; i <= n; i++) {
            if (i < n && w[i] != '\'' && w[i] != '-') {
                joined[k++] = w[i];
                continue;
            }
            if (i < n || from > 0)
                if (i - from >= 3)
                    name_add(out, nwords, w + from, i - from);
            from = i + 1;
        }
        if (k != n)
            name_add(out, nwords, joined, k);
    }
}

char *
redact_name(const char *text, const char *name)
{
    static const char *const titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame",
                                         "lady", "auntie", "aunty", "uncle", "nan", "grandma",
                                         "grandad", NULL};
    char words[16][64];
    size_t nwords = 0;
    struct buf b = {0};
    const char *p = text, *kept = text;

    name_words(name, words, &nwords);
    buf_add(&b, "", 0);
    while (*p) {
        const char *s = p, *q = p, *span_end = NULL;
        int possessed = 0;

        if (!word_char((unsigned char)*p) || (p > text && word_char((unsigned char)p[-1]))) {
            p++;
            continue;
        }
        /* a run of titles and name words from S: "Mrs Ethel Pargeter's", "Dr. Pargeter" */
        for (;;) {
            const char *w = q, *end, *e;
            int is_name = 0, is_title = 0;
            while (*q && (word_char((unsigned char)*q) ||
                          ((*q == '\'' || *q == '-') && word_char((unsigned char)q[1]))))
                q++;
            end = q;
            /* "Pargeter's" is "Pargeter" and its "'s" */
            if (end - w > 2 && end[-2] == '\'' && (end[-1] == 's' || end[-1] == 'S'))
                end -= 2;
            else if (end - w > 4 && (unsigned char)end[-4] == 0xE2 &&
                     (unsigned char)end[-3] == 0x80 && (unsigned char)end[-2] == 0x99 &&
                     (end[-1] == 's' || end[-1] == 'S'))
                end -= 4;
            e = possessive(end) != end ? possessive(end) : q;
            for (size_t i = 0; i < nwords && !is_name; i++)
                is_name = name_word_is(w, (size_t)(end - w), words[i]);
            for (size_t i = 0; !is_name && titles[i] && !is_title; i++)
                is_title = name_word_is(w, (size_t)(end - w), titles[i]);
            if (!is_name && !is_title)
                break;
            if (is_name) {
                span_end = e;
                possessed = e != end;
            }
            if (e != end && is_name)
                break; /* a possessive ends the name */
            const char *n = e;
            if (*n == '.')
                n++;
            if (*n != ' ')
                break;
            while (*n == ' ')
                n++;
            if (!word_char((unsigned char)*n))
                break;
            q = n;
        }
        if (!span_end) {
            while (*p && word_char((unsigned char)*p))
                p++;
            continue;
        }
        /* "a neighbour", capitalised where a sentence starts, its "'s" kept */
        const char *before = s;
        while (before > text && before[-1] == ' ')
            before--;
        buf_add(&b, kept, (size_t)(s - kept));
        buf_adds(&b, before == text || strchr(".!?\n", before[-1]) ? "A neighbour" : "a neighbour");
        if (possessed)
            buf_adds(&b, "'s");
        p = kept = span_end;
    }
    buf_add(&b, kept, (size_t)(p - kept));
    return buf_take(&b);
}
