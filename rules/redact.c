/* redact.c — privacy filter for public text: the reading that cuts what the matchers
 * (redact_contact.c: emails, phones, postcodes; redact_house.c: house numbers) find, read
 * again until nothing changes; and the details of a text, for forgetting.
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

#include "buf.h"
#include "norm.h"
#include "redact_int.h"
#include "text.h"
#include "words.h"

const char redact_email_label[] = "[email]", redact_phone_label[] = "[phone]",
           redact_postcode_label[] = "[postcode]";

void
redact_cut_add(struct cuts *cs, size_t start, size_t end, const char *label)
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

/* Appends to B the text S (N bytes) kept between two cuts: a space when a dropped
 * number would leave two words joined ("House 7, Cedar Drive" is "House Cedar Drive",
 * not "HouseCedar Drive"), and without the brackets a number leaves empty ("Hill
 * Street (no. 7)" is "Hill Street"). */
static void
add_between(struct buf *b, const char *s, size_t n)
{
    if (b->len > 0 && n > 0 && redact_word_char((unsigned char)b->data[b->len - 1]) &&
        redact_word_char((unsigned char)s[0]))
        buf_addc(b, ' ');
    if (b->len > 0 && n > 0 && b->data[b->len - 1] == '(' && s[0] == ')') {
        b->len--;
        while (b->len > 0 && b->data[b->len - 1] == ' ')
            b->len--;
        s++;
        n--;
    }
    buf_add(b, s, n);
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
                any = redact_number_word(pw->w->w[i].raw) != 0;
        else if (!any)
            any = redact_has_number_word(t);
        if (any)
            redact_house_cuts(pl, t, pw, &cs);
    }
    redact_contact_cuts(t, &cs);
    redact_word_cuts(t, &cs);
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
        add_between(&b, text + pos, s - pos);
        buf_adds(&b, cs.c[i].label);
        if (dropped && !cs.c[i].label[0])
            *dropped = 1;
        pos = e;
    }
    add_between(&b, text + pos, len - pos);
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
    if (strpbrk(t, "0123456789") || redact_has_number_word(t))
        redact_house_cuts(pl, t, NULL, &cs);
    redact_contact_cuts(t, &cs);
    redact_word_cuts(t, &cs);
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
        if (label == redact_email_label)
            fn("email", text + st, en - st, ctx);
        else if (label == redact_phone_label)
            fn("phone", text + st, en - st, ctx);
        else if (label == redact_postcode_label)
            fn("postcode", text + st, en - st, ctx);
        else if (!label[0])
            house_detail(text + st, text + en, fn, ctx);
    }
    free(cs.c);
    if (normed)
        norm_free(&nm);
}
