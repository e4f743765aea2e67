/* classify_closing.c — the status a reply's words close a post with: the closing
 * phrases, events ("came in the end") and what still keeps a post open. */
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

struct close_score {
    int done, taken, withdrawn, still, event;
};

static void
add_close(const struct phrase *p, size_t at, void *ud)
{
    struct close_score *k = ud;

    (void)at;
    k->done += p->tag == CL_DONE;
    k->taken += p->tag == CL_TAKEN;
    k->withdrawn += p->tag == CL_WITHDRAWN;
    k->still += p->tag == CL_STILL;
    k->event += p->tag == CL_EVENT;
}

const char *
classify_closing_words(struct rules *r, const struct words *w)
{
    struct close_score k = {0};

    phrases_scan(&r->closing, w, 0, w->n, add_close, &k);
    if (k.still)
        return NULL;
    if (k.done)
        return "done";
    if (k.taken)
        return "taken";
    if (k.withdrawn)
        return "withdrawn";
    return NULL;
}

/* The reply W of the author of a post of kind OWN (KIND_NONE when not known): 1 when it
 * may say the post is over (no question, nothing still open, no words of a new post:
 * words of the post's own kind, "gone to a good home" of an offer, are its words
 * again), with *EVENT set when it says something happened. */
static int
closing_reply(struct rules *r, const struct words *w, enum post_kind own, int *event)
{
    struct close_score k = {0};
    struct kind_guess g;
    struct words none = {0};

    phrases_scan(&r->closing, w, 0, w->n, add_close, &k);
    *event = k.event > 0;
    if (k.still || w->n == 0)
        return 0;
    for (size_t i = 0; i < w->n; i++) {
        const char *q = w->w[i].s + w->w[i].len;
        while (*q == ' ' || *q == ')' || *q == '"' || *q == '\'')
            q++;
        if (*q == '?')
            return 0;
    }
    classify_kind_words(r, &none, w, &g);
    return (own == KIND_OFFER || g.offer < 2) && (own == KIND_REQUEST || g.request < 2);
}

int
classify_closing_event(struct rules *r, const struct words *w, enum post_kind own)
{
    int event;
    return closing_reply(r, w, own, &event) && event;
}

int
classify_closing_maybe(struct rules *r, const struct words *w, enum post_kind own)
{
    int event;
    return closing_reply(r, w, own, &event);
}

const char *
classify_closing(struct rules *r, const char *text)
{
    struct words w = {0};
    const char *status;

    if (words_split(text, &w) < 0)
        words_free(&w);
    status = classify_closing_words(r, &w);
    words_free(&w);
    return status;
}
