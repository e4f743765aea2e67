/* redact_house.c — house and flat numbers in public text: beside the streets of
 * [areas], before any "Name Road", and by what is said around them ("Flat 2", "#14"). */
#include "redact.h"

#include <ctype.h>
#include <string.h>

#include "redact_int.h"
#include "words.h"

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

/* A house number glued to "no" or "nr": "no14", "Nr7a". */
static int
glued_number(const struct word *w)
{
    const char *r = w->raw;
    size_t n;

    if (!((r[0] == 'n' && (r[1] == 'o' || r[1] == 'r'))))
        return 0;
    n = strspn(r + 2, "0123456789");
    return n > 0 && n <= 4 && (r[2 + n] == '\0' || (isalpha((unsigned char)r[2 + n]) &&
                                                     r[3 + n] == '\0'));
}

/* A number in words a house could have: 1 for "one".."nineteen", 2 for "twenty"..
 * "ninety" (which may come before a 1), 0 for none. */
int
redact_number_word(const char *raw)
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
    redact_cut_add(cs, (size_t)(w->w[a].s - text), (size_t)(end - text), "");
}

/* Drops words W[A..B] and the commas and spaces before them: a number that ends
 * something ("Elm Street, 14", "the green door, 27"). */
static void
drop_tail(struct cuts *cs, const char *text, const struct words *w, size_t a, size_t b)
{
    const char *start = w->w[a].s;

    while (start > text && (start[-1] == ' ' || start[-1] == ',' || start[-1] == '#'))
        start--;
    redact_cut_add(cs, (size_t)(start - text), (size_t)(w->w[b].s + w->w[b].len - text), "");
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
    /* (and as the group's Spanish and Polish neighbours write them: "apartamento 3B",
     * "depto. 4", "mieszkanie 12") */
    static const char *const flat[] = {"flat", "apartment", "apt", "unit", "room",
                                       "apartamento", "apto", "depto", "departamento",
                                       "mieszkanie", "mieszkania", "lokal", NULL};
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
    } else if (redact_number_word(w->w[a - 1].raw)) {
        a--;
        if (redact_number_word(w->w[a].raw) == 1 && a > 0 &&
            redact_number_word(w->w[a - 1].raw) == 2)
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

/* Whether word I of W is a floor as Spanish addresses write it, a number and "º" or
 * "ª" ("2ºB", "3º izq", "1ª"): 2 when words_split left the sign between words, 1 when
 * the text was read with it folded to a letter ("2ob", "3o"), else 0. */
static int
floor_number(const struct words *w, size_t i)
{
    const unsigned char *after = (const unsigned char *)w->w[i].s + w->w[i].len;
    const char *raw = w->w[i].raw;
    size_t n = strspn(raw, "0123456789");

    if (!(w->w[i].flags & W_DIGITS) || n == 0 || n > 2)
        return 0;
    if (raw[n] == '\0' && after[0] == 0xC2 && (after[1] == 0xBA || after[1] == 0xAA))
        return 2;
    return (raw[n] == 'o' || raw[n] == 'a') &&
           (raw[n + 1] == '\0' || (isalpha((unsigned char)raw[n + 1]) && raw[n + 2] == '\0'));
}

/* The last word of an address whose house number is word K of W, as neighbours from
 * Poland and Spain write it: the flat after a slash ("Hill Street 7/3") and the floor
 * and door after the number ("Canal Street 12, 2ºB", "12, 3º izq."); K when it has
 * neither. */
static size_t
address_end(const struct words *w, size_t k)
{
    static const char *const side[] = {"izq", "izda", "izquierda", "dcha", "dch", "derecha",
                                       "centro", "a", "b", "c", "d", NULL};

    if (k + 1 < w->n && house_number(&w->w[k + 1]) && gap_has(w, k, "/") &&
        !gap_has(w, k, BREAKS))
        k++;
    int sign;
    if (k + 1 < w->n && gap_clean(w, k) && (sign = floor_number(w, k + 1)) != 0) {
        k++;
        /* the door: "2ºB", "3º izq" (only the sign and spaces between) */
        const char *g = w->w[k].s + w->w[k].len + (sign == 2 ? 2 : 0);
        g += strspn(g, " ");
        if (k + 1 < w->n && g == w->w[k + 1].s && is_word(&w->w[k + 1], side) &&
            ends_here(w, k + 1))
            k++;
    }
    return k;
}

/* Cuts the house numbers beside the streets PW found in TEXT: "14 Elm Street",
 * "Victoria Avenue, number 14", "Mill Lane no. 3", "Hill Street 7/3". */
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
        if (k < w.n && (house_number(&w.w[k]) || glued_number(&w.w[k]))) {
            size_t end = address_end(&w, k);
            if (ends_here(&w, end))
                drop_tail(cs, text, &w, e, end);
        }
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
               !redact_number_word(w.w[k - 1].raw))
            k--;
        if (!(w.w[k].flags & W_CAP))
            k++;
        size_t a = number_before(&w, k);
        if (a < k)
            drop(cs, text, &w, a, k - 1);
        size_t n = j + 1;
        if (n < w.n && is_word(&w.w[n], no_words))
            n++;
        if (n < w.n && (house_number(&w.w[n]) || glued_number(&w.w[n]))) {
            size_t end = address_end(&w, n);
            if (ends_here(&w, end))
                drop_tail(cs, text, &w, j + 1, end);
        }
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
    static const char *const flat[] = {"flat", "apartment", "apt", "unit", "apartamento",
                                       "apto", "depto", "departamento", "mieszkanie",
                                       "mieszkania", "lokal", NULL};
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

/* A house's number in words after "number" ("the red door, number twelve", "number
 * twenty seven on Market Street", not "the number one bus") and a flat's letter
 * ("Flat B, 3 Albert Road"): word J of W. */
static void
word_number_cuts(const char *text, const struct words *w, size_t j, struct cuts *cs)
{
    const struct word *x = &w->w[j];
    size_t e = j;

    if (j == 0)
        return;
    if (word_is(w->w[j - 1].raw, "flat") && x->len == 1 && (x->flags & W_CAP) &&
        x->raw[0] >= 'a' && x->raw[0] <= 'h') {
        drop(cs, text, w, j - 1, j);
        return;
    }
    if (!word_is(w->w[j - 1].raw, "number") || !redact_number_word(x->raw))
        return;
    if (redact_number_word(x->raw) == 2 && j + 1 < w->n &&
        redact_number_word(w->w[j + 1].raw) == 1 && !gap_has(w, j, BREAKS ","))
        e++;
    size_t end;
    if (ends_here(w, e) ||
        (e + 2 < w->n && word_is(w->w[e + 1].raw, "on") && street_like(w, e + 2, &end)))
        drop(cs, text, w, j - 1, e);
}

/* Cuts the house and flat numbers in TEXT, with its words and streets PW (NULL: found
 * here). */
void
redact_house_cuts(const struct places *pl, const char *text, const struct placed_words *pw,
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
        else
            word_number_cuts(text, pw->w, j, cs);
    }
    words_free(&own);
}

/* Whether T has a number in words a house could have ("fourteen"), read without
 * splitting it into words. */
int
redact_has_number_word(const char *t)
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
        if (redact_number_word(raw))
            return 1;
    }
    return 0;
}
