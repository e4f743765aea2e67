/* classify_category.c — the category whose keywords best match a post's title and
 * text, streets' words left out. */
#include "classify.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify_int.h"
#include "dates.h"
#include "phrases.h"
#include "quote.h"
#include "text.h"
#include "words.h"

struct cat_score {
    int *score, *title_score;
    unsigned char *seen; /* keyword phrases counted once per field */
    const struct phrases *ps;
    int weight, in_title;
    const struct words *w; /* the words being scanned, or NULL */
};

static void
add_cat(const struct phrase *p, size_t at, void *ud)
{
    struct cat_score *k = ud;
    size_t idx = (size_t)(p - k->ps->p);

    /* "no charge", "not the shopping": a thing said not to be it */
    if (k->w && classify_negated(k->w, at))
        return;
    if (k->seen[idx])
        return;
    k->seen[idx] = 1;
    k->score[p->tag] += k->weight * (p->n > 1 ? 2 : 1);
    if (k->in_title)
        k->title_score[p->tag] += 1;
}

/* Blanks the sentence of W (a words copy) holding a phrase that declines. */
static void
drop_declined(const struct phrase *p, size_t at, void *ud)
{
    struct words *w = ud;
    size_t a = at, b = at + 1;

    if (p->tag != CL_WITHDRAWN)
        return;
    while (a > 0 && !(w->w[a].flags & W_BREAK))
        a--;
    while (b < w->n && !(w->w[b].flags & W_BREAK))
        b++;
    for (size_t i = a; i < b; i++)
        w->w[i].key[0] = '\0';
}

const char *
classify_category_placed(struct rules *r, const struct placed_words *title,
                         const struct placed_words *text)
{
    size_t ncats;
    const struct conf_category *cats = conf_categories(r->c, &ncats);
    struct words w = {0};
    struct cat_score k = {0};
    const char *best = "other";
    int best_score = 0, best_title = 0;

    if (ncats == 0)
        return best;
    k.ps = &r->cats;
    k.score = calloc(ncats, sizeof *k.score);
    k.title_score = calloc(ncats, sizeof *k.title_score);
    k.seen = calloc(r->cats.n + 1, 1);
    if (!k.score || !k.title_score || !k.seen)
        goto done;
    /* sort first: the scan sorts the list, and SEEN indexes it */
    phrases_scan(&r->cats, &w, 0, 0, add_cat, &k);
    /* "I don't need shopping any more, what I need is a lift": a sentence that says a
     * thing is not needed says nothing of the post's category, unless nothing else
     * does ("we don't need the heater now we have a boiler. Free.": an offer's) */
    for (int drop = 1; drop >= 0 && best_score == 0; drop--) {
        memset(k.score, 0, ncats * sizeof *k.score);
        memset(k.title_score, 0, ncats * sizeof *k.title_score);
        for (int in_title = 1; in_title >= 0; in_title--) {
            memset(k.seen, 0, r->cats.n + 1);
            k.weight = in_title ? 3 : 1;
            k.in_title = in_title;
            k.w = &w;
            if (places_strip(in_title ? title : text, &w) == 0) {
                if (drop)
                    phrases_scan(&r->closing, &w, 0, w.n, drop_declined, &w);
                phrases_scan(&r->cats, &w, 0, w.n, add_cat, &k);
            }
            words_free(&w);
        }
        for (size_t i = 0; i < ncats; i++)
            if (k.score[i] > best_score || (k.score[i] == best_score && k.score[i] > 0 &&
                                            k.title_score[i] > best_title)) {
                best_score = k.score[i];
                best_title = k.title_score[i];
                best = cats[i].name;
            }
    }
done:
    free(k.score);
    free(k.title_score);
    free(k.seen);
    return best;
}

const char *
classify_category_words(struct rules *r, const struct words *title, const struct words *text)
{
    struct placed_words t, x;

    places_in(r->places, title, &t);
    places_in(r->places, text, &x);
    return classify_category_placed(r, &t, &x);
}

const char *
classify_category(struct rules *r, const char *title, const char *text)
{
    struct words t = {0}, x = {0};
    const char *best;

    if (words_split(title, &t) < 0)
        words_free(&t);
    if (words_split(text, &x) < 0)
        words_free(&x);
    best = classify_category_words(r, &t, &x);
    words_free(&t);
    words_free(&x);
    return best;
}
