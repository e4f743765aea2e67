/* classify_two.c — whether the new words of a mail hold two posts, an offer and a
 * request written one after the other, and where the second starts. */
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

/* Whether a second post may start at word AT of W: after a blank line, or at a word
 * that turns to another matter ("Also", "Separately", "In return", "Por otro lado",
 * "Poza tym"). "...just for a chat? I am happy to talk about anything" is one post. */
static int
part_starts(const struct words *w, size_t at)
{
    static const char *const turn[] = {
        "also", "secondly", "second", "separately", "separate", "unrelated", "and", "plus",
        "ps", "another", "but", "what", "sam", "además", "también", "oraz", "poza", "też",
        "por", "otro", "return", "other", "alternatively", "meanwhile", "flip", "btw", "cierto", NULL};
    static struct word_set turn_set = WORD_SET(turn);
    const char *q;

    if (at == 0 || at >= w->n)
        return 0;
    for (q = w->w[at - 1].s + w->w[at - 1].len; q < w->w[at].s && *q != '\n'; q++)
        ;
    if (q < w->w[at].s) {
        static const char *const label[] = {"offering", "offer", "offers", "asking", "request",
                                            "have", "first", "second", "secondly", "1", "2",
                                            "need", "needed", "needs", "wanted", "giving",
                                            "free", "oferta", "ofrezco", "pido", "busco",
                                            "oddam", "szukam", "prośba", "prosba", NULL};
        static struct word_set label_set = WORD_SET(label);
        int list = 0;
        for (q++; q < w->w[at].s; q++) {
            if (*q == '\n')
                return 1;
            list |= *q == '-' || *q == '*' || (unsigned char)*q == 0xE2; /* - * • */
        }
        /* a new line that is an item of a list ("2) ...", "- ...") or starts with a
         * label ("Asking: ...") */
        if (list || (w->w[at].flags & W_DIGITS) || word_in_set(&w->w[at], &label_set))
            return 1;
    }
    /* the turning word, or the one after "In" / "On the" ("In return", "On the other
     * hand") */
    for (size_t i = at; i < at + 3 && i < w->n; i++)
        if (word_in_set(&w->w[i], &turn_set))
            return 1;
    return 0;
}

/* classify_two_posts in one scan of the phrases: the sentence being scored, and the
 * runs of sentences of one kind so far. */
#define TWO_HITS 128
struct two_scan {
    const struct words *w;
    size_t start, end; /* the sentence being scored: W[START..END) */
    int offer, request;
    enum post_kind run, *kinds;
    size_t runs, last_end, split;
    int best[2]; /* the strongest sentence of each run */
    /* every phrase found, in order, for two_paragraphs (nhits past TWO_HITS: too many
     * kept, it scans the words again) */
    struct two_hit {
        const struct phrase *p;
        size_t at;
    } hits[TWO_HITS];
    size_t nhits;
};

/* Ends the sentence being scored: one that says a kind clearly (2 or more, three times
 * the other) continues its run or starts the next. */
static void
two_sentence_end(struct two_scan *t)
{
    int score, shape = classify_sentence_shape(t->w, t->start, t->end);
    enum post_kind k;

    /* the shape of the sentence, as classify_kind_words reads it */
    if (shape > 0)
        t->offer += shape;
    else
        t->request -= shape;
    score = t->offer > t->request ? t->offer : t->request;
    k = t->offer >= 2 && t->offer >= 2 * t->request       ? KIND_OFFER
        : t->request >= 2 && t->request >= 2 * t->offer ? KIND_REQUEST
                                                        : KIND_NONE;

    t->offer = t->request = 0;
    if (k == KIND_NONE || t->runs > 2) /* (more than two runs: not two posts) */
        return;
    if (k != t->run) {
        if (++t->runs > 2)
            return;
        t->kinds[t->runs - 1] = t->run = k;
        /* the sentences between two runs go with the second, from the first place a
         * new matter may start */
        if (t->runs == 2) {
            t->split = t->start;
            for (size_t j = t->last_end; j < t->start; j++)
                if ((j == t->last_end || (t->w->w[j].flags & W_BREAK)) && part_starts(t->w, j)) {
                    t->split = j;
                    break;
                }
        }
    }
    if (score > t->best[t->runs - 1])
        t->best[t->runs - 1] = score;
    t->last_end = t->end;
}

/* Where the sentence of W that starts at word START ends: at the next sentence break,
 * or at a word that turns to another matter in the middle of it ("...the library
 * printer is broken btw i have a mini fridge if anyone wants it"). */
static size_t
sentence_end(const struct words *w, size_t start)
{
    static const char *const aside[] = {"btw", "ps", "pd", NULL};
    static struct word_set aside_set = WORD_SET(aside);
    size_t end = start + 1;

    while (end < w->n && !(w->w[end].flags & W_BREAK) && !word_in_set(&w->w[end], &aside_set))
        end++;
    return end;
}

/* Moves the sentence being scored on to the one holding word AT. */
static void
two_advance(struct two_scan *t, size_t at)
{
    while (at >= t->end && t->start < t->w->n) {
        two_sentence_end(t);
        t->start = t->end;
        t->end = sentence_end(t->w, t->start);
    }
}

static void
add_two(const struct phrase *p, size_t at, void *ud)
{
    struct two_scan *t = ud;

    if (t->nhits < TWO_HITS)
        t->hits[t->nhits] = (struct two_hit){p, at};
    t->nhits++;
    two_advance(t, at);
    if (classify_discounted(p, t->w, at))
        return;
    if (p->tag == PH_OFFER)
        t->offer += p->weight;
    else if (p->tag == PH_REQUEST)
        t->request += p->weight;
}

/* Whether a blank line comes before word AT of W. */
static int
blank_before(const struct words *w, size_t at)
{
    const char *q = w->w[at - 1].s + w->w[at - 1].len;
    int lines = 0;

    for (; q < w->w[at].s; q++)
        lines += *q == '\n';
    return lines >= 2;
}

/* Adds to K what the words W[A..B) say of each kind: their phrases (those T's scan
 * found there when T is not NULL, else found here) and the shape of each sentence. */
static void
part_score(struct rules *r, const struct words *w, size_t a, size_t b, const struct two_scan *t,
           struct kind_score *k)
{
    if (t) {
        for (size_t i = 0; i < t->nhits; i++)
            if (t->hits[i].at >= a && t->hits[i].at < b)
                classify_add_kind(t->hits[i].p, t->hits[i].at, k);
    } else {
        phrases_scan(&r->kind, w, a, b, classify_add_kind, k);
    }
    for (size_t i = a; i < b;) {
        size_t end = i + 1;
        while (end < b && !(w->w[end].flags & W_BREAK))
            end++;
        int shape = classify_sentence_shape(w, i, end);
        if (shape > 0)
            k->offer += shape;
        else
            k->request -= shape;
        i = end;
    }
}

/* The kind the words W[A..B) say clearly (phrases, then the shape of each sentence),
 * or KIND_NONE; *SCORE its score. The phrases are those T's scan found there when T is
 * not NULL, else found here. */
static enum post_kind
part_kind(struct rules *r, const struct words *w, size_t a, size_t b, const struct two_scan *t,
          int *score)
{
    struct kind_score k = {.factor = 1, .w = w};

    part_score(r, w, a, b, t, &k);
    *score = k.offer > k.request ? k.offer : k.request;
    if (k.offer >= 2 && k.offer >= 2 * k.request)
        return KIND_OFFER;
    if (k.request >= 2 && k.request >= 2 * k.offer)
        return KIND_REQUEST;
    return KIND_NONE;
}

/* Two posts in two paragraphs, when no sentence alone said its kind clearly enough:
 * a paragraph that offers and a later one that asks (or the other way round), one of
 * them clearly. 1 with *AT and KINDS set, -1 when the paragraphs go back and forth, 0
 * when they do not say two kinds. */
static int
two_paragraphs(struct rules *r, const struct words *w, const struct two_scan *t, size_t *at,
               enum post_kind kinds[2])
{
    size_t a = 0, second = 0;
    int best = 0, n = 0;

    /* The phrases of each paragraph are those the whole text's scan found in it when
     * each paragraph starts a sentence (a blank line makes one, unless other marks
     * come between its line breaks): no phrase runs over a sentence break, so the
     * scan reaches each paragraph's first word and finds in it what a scan of it
     * alone would. Else each paragraph is scanned. */
    for (size_t b = 1; b < w->n && t; b++)
        if (!(w->w[b].flags & W_BREAK) && blank_before(w, b))
            t = NULL;
    if (t && t->nhits > TWO_HITS)
        t = NULL;
    for (size_t b = 1; b <= w->n; b++) {
        if (b < w->n && !blank_before(w, b))
            continue;
        int score;
        enum post_kind k = part_kind(r, w, a, b, t, &score);
        if (k != KIND_NONE) {
            if (n == 0 || k != kinds[n - 1]) {
                if (n == 2)
                    return -1;
                kinds[n++] = k;
                if (n == 2)
                    second = a;
            }
            best = score > best ? score : best;
        }
        a = b;
    }
    if (n < 2 || best < 3)
        return 0;
    *at = second;
    return 1;
}

int
classify_two_posts(struct rules *r, const struct words *w, size_t *at, enum post_kind kinds[2])
{
    struct two_scan t = {.w = w, .kinds = kinds};

    if (w->n == 0)
        return 0;
    t.end = sentence_end(w, 0);
    phrases_scan(&r->kind, w, 0, w->n, add_two, &t);
    two_advance(&t, w->n); /* the last sentences */
    if (t.runs > 2)
        return -1;
    if (t.runs < 2)
        return two_paragraphs(r, w, &t, at, kinds);
    /* "I'm moving my mum in and I also need a hand": a sentence of the second kind
     * that says "also" starts the second post; else it is one post that offers
     * something back in the same breath ("...for a chat? I'm happy to talk") */
    if (!part_starts(w, t.split)) {
        static const char *const also[] = {"also", "too", "separately", "además", "ademas",
                                           "también", "tambien", "też", "tez", "również",
                                           "rowniez", NULL};
        static struct word_set also_set = WORD_SET(also);
        size_t j = t.split;
        do {
            if (word_in_set(&w->w[j], &also_set))
                break;
        } while (++j < w->n && !(w->w[j].flags & W_BREAK));
        if (j >= w->n || (w->w[j].flags & W_BREAK) || !word_in_set(&w->w[j], &also_set)) {
            /* no word turns to another matter, but each part says its kind with a
             * phrase that settles it ("Pram free, collect from Elm Terrace. Could
             * anyone lend me a drill?"): two posts, perhaps; a coordinator says */
            if (t.best[0] >= 3 && t.best[1] >= 3) {
                *at = t.split;
                return 2;
            }
            return 0;
        }
    }
    /* both must be said clearly, one of them with a phrase that settles it */
    if (t.best[0] < 3 && t.best[1] < 3)
        return -1;
    *at = t.split;
    return 1;
}

int
classify_second_part(struct rules *r, const struct words *w, enum post_kind k, size_t *at)
{
    /* the words that open another matter at the start of a sentence (not "and" or
     * "but", which go on with the same one) */
    static const char *const turn[] = {"also", "ps", "pps", "separately", "unrelated",
                                       "btw", "additionally", "another", "oh", "además",
                                       "ademas", "aparte", "cierto", "poza", "okazji",
                                       "oprócz", "oprocz", NULL};
    static struct word_set turn_set = WORD_SET(turn);

    if (k != KIND_OFFER && k != KIND_REQUEST)
        return 0;
    for (size_t i = 1; i < w->n; i++) {
        if (!(w->w[i].flags & W_BREAK))
            continue;
        /* the marker, or the one after "On" / "Por" / "Przy" ("On another note",
         * "Por cierto", "Przy okazji"); "Oh" only as "Oh and" */
        size_t m = i;
        if (!word_in_set(&w->w[m], &turn_set) && m + 1 < w->n &&
            !(w->w[m + 1].flags & W_BREAK) && word_in_set(&w->w[m + 1], &turn_set))
            m++;
        if (!word_in_set(&w->w[m], &turn_set) ||
            (word_is(w->w[m].raw, "oh") && !(m + 1 < w->n && word_is(w->w[m + 1].raw, "and"))))
            continue;
        /* the part it opens, to the end of its paragraph: any phrase or shape of the
         * other kind (a question to the reader among them) */
        size_t end = i + 1;
        while (end < w->n && !blank_before(w, end))
            end++;
        struct kind_score s = {.factor = 1, .w = w};
        part_score(r, w, i, end, NULL, &s);
        if ((k == KIND_OFFER ? s.request : s.offer) >= 1) {
            *at = i;
            return 1;
        }
    }
    return 0;
}
