/* redact_contact.c — the contact details in public text: email addresses (also written
 * around "at" and "dot"), phone numbers (also in words), UK postcodes and US ZIP codes. */
#include "redact.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "redact_int.h"

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
    const char *e = p, *last = NULL, *ends[16];
    int digits = 0, groups = 0, glen = 0, shorts = 0, punct_before = 0, len[16], sum[16];
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
                ends[groups] = e;
                sum[groups] = digits;
            }
            groups++;
            glen = 0;
        }
        /* (" / " between two numbers ends the first: "07700 900 222 / 0113 496 0333") */
        if (!phone_sep(*e) || (*e == ' ' && e[1] == ' ') || digits > 15 ||
            (*e == ' ' && e[1] == '/' && e[2] == ' '))
            break;
        if (groups && groups <= 16 && (*e == '.' || *e == '-' || *e == '/'))
            seps[groups - 1] = *e;
        e++;
    }
    /* more digits than a number has: two numbers written one after the other
     * ("07700 900222 07700 900333"), the first of which ends at the last group that
     * leaves it a whole number (the second is read on its own) */
    while (digits > 15 && groups > 1 && groups <= 16) {
        groups--;
        digits = sum[groups - 1];
        last = ends[groups - 1] - 1;
        if (digits < 9)
            return NULL;
    }
    if (!last || digits < 6 || digits > 15 || groups > 16 ||
        redact_word_char((unsigned char)last[1]))
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
    if (*p == ' ' && pc_letter(p[1], not) && pc_letter(p[2], not) &&
        !redact_word_char((unsigned char)p[3]))
        p++;
    if (pc_letter(p[0], not) && pc_letter(p[1], not) && !redact_word_char((unsigned char)p[2]))
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
        !redact_word_char((unsigned char)e[5]))
        return e + 5;
    if (redact_word_char((unsigned char)*e))
        return NULL;
    while (q > s && (q[-1] == ' ' || q[-1] == ',') && p - q < 3)
        q--;
    if (q == p)
        return NULL;
    w = q;
    while (w > s && isalpha((unsigned char)w[-1]))
        w--;
    if (w > s && redact_word_char((unsigned char)w[-1]))
        return NULL;
    return state_word(w, (size_t)(q - w)) ? e : NULL;
}

/* --- the characters' pass: addresses, phones, postcodes ----------------------------- */

/* Cuts the addresses, phone numbers and postcodes of T. */
void
redact_contact_cuts(const char *t, struct cuts *cs)
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
            while (c > p && redact_word_char((unsigned char)c[-1]))
                c--;
        p = c;
        /* a word starts after a cut: "[email](0161) 496 0000" has a phone number */
        boundary = p == t || p == cut_end || !redact_word_char((unsigned char)p[-1]);
        if (*p == '@' && (end = match_email(t, p, &start))) {
            redact_cut_add(cs, (size_t)(start - t), (size_t)(end - t), redact_email_label);
            p = cut_end = end;
            continue;
        }
        if (boundary && (isdigit((unsigned char)*p) || *p == '+' || *p == '(')) {
            if ((end = match_phone(p))) {
                redact_cut_add(cs, (size_t)(p - t), (size_t)(end - t), redact_phone_label);
                p = cut_end = end;
                continue;
            }
            if ((end = match_zip(t, p))) {
                redact_cut_add(cs, (size_t)(p - t), (size_t)(end - t), redact_postcode_label);
                p = cut_end = end;
                continue;
            }
        }
        if (boundary && postcode_start(p) && (end = match_postcode(p))) {
            redact_cut_add(cs, (size_t)(p - t), (size_t)(end - t), redact_postcode_label);
            p = cut_end = end;
            continue;
        }
        /* this byte and, when it is a word's, the rest of its word: inside a word
         * nothing starts (an '@' ends the word), except a long number glued to letters
         * ("mob07700900123") */
        if (!redact_word_char((unsigned char)*p)) {
            p++;
            continue;
        }
        while (*p && redact_word_char((unsigned char)*p)) {
            if (isdigit((unsigned char)*p) && p > t && isalpha((unsigned char)p[-1]) &&
                strspn(p, "0123456789") >= 10 && (end = match_phone(p))) {
                redact_cut_add(cs, (size_t)(p - t), (size_t)(end - t), redact_phone_label);
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
        redact_cut_add(cs, (size_t)(run - t), (size_t)(end - t), redact_phone_label);
}

/* Cuts the phone numbers written in words ("seven seven zero zero nine...", "oh
 * seven seven double oh", digits among them) and the addresses written around an
 * "at" of T. */
void
redact_word_cuts(const char *t, struct cuts *cs)
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
            if (!redact_word_char((unsigned char)*p) && n == 2 && (s[0] | 0x20) == 'a' &&
                (s[1] | 0x20) == 't') {
                const char *start, *end = match_at_word(t, (size_t)(s - t), &start);
                if (end) {
                    run_end_at(t, run, run_end, digits, words, cs);
                    run = NULL;
                    redact_cut_add(cs, (size_t)(start - t), (size_t)(end - t), redact_email_label);
                    p = end;
                    continue;
                }
            }
            d = redact_word_char((unsigned char)*p) ? 0 : digit_word(s, n);
            word = 1;
        }
        if (redact_word_char((unsigned char)*p)) { /* a word going on in digits or letters */
            while (redact_word_char((unsigned char)*p))
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
