/* classify_kind.c — what the words of a message without a subject word say it is: the
 * offer and request phrases scored, negations, the shapes of sentences, a subject word
 * the body contradicts, and the notes that say why a kind is unclear. */
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

/* Whether the phrase at word AT of W follows a negation in its sentence: "don't need",
 * "not really need", "no necesito", "nie potrzebuję". (A phrase that starts with one,
 * "no one to", is a phrase of its own.) */
int
classify_negated(const struct words *w, size_t at)
{
    static const char *const no[] = {"not", "dont", "doesnt", "didnt", "never", "no", "nie",
                                     "nor", "isnt", "arent", "wasnt", "wont", "havent",
                                     "hasnt", "nunca", "ni", "ya", NULL};
    static struct word_set no_set = WORD_SET(no);
    static const char *const softly[] = {"really", "actually", "even", "longer", "yet", "so",
                                         "too", "exactly", "już", "juz", NULL};
    static struct word_set softly_set = WORD_SET(softly);

    /* "no lift needed", "no help required": a thing between "no" and its need */
    static const char *const needed[] = {"needed", "required", "wanted", NULL};

    if (at >= 2 && word_is(w->w[at - 2].raw, "no") && word_in(w->w[at].raw, needed) &&
        !(w->w[at - 1].flags & W_BREAK) && !(w->w[at].flags & W_BREAK))
        return 1;
    for (size_t back = 1; back <= 2 && back <= at; back++) {
        const struct word *b = &w->w[at - back];
        if (w->w[at - back + 1].flags & W_BREAK)
            return 0;
        /* "ya" only as "ya no": "ya necesito" is not said */
        if (word_in_set(b, &no_set) && !word_is(b->raw, "ya"))
            return 1;
        if (!word_in_set(b, &softly_set))
            return 0;
    }
    return 0;
}

/* Whether a request's phrase at word AT of W is said of a case, not of the writer: one
 * of the three words before it in its sentence is "if" ("here if anyone's car won't
 * start", "if you can't get out, I can shop"), with no "could" or "can" between ("if
 * someone could help me" asks). (A phrase that starts with "if", "if anyone could", is
 * a phrase of its own; an offer after "if", "if I can help", still offers.) */
static int
supposed(const struct words *w, size_t at)
{
    static const char *const cond[] = {"if", "jeśli", "jesli", "jeżeli", "jezeli", NULL};
    static struct word_set cond_set = WORD_SET(cond);
    /* "if someone could help me" asks all the same */
    static const char *const asking[] = {"could", "can", "would", "will", "might", NULL};
    static struct word_set asking_set = WORD_SET(asking);

    for (size_t back = 1; back <= 3 && back <= at; back++) {
        if (w->w[at - back + 1].flags & W_BREAK)
            return 0;
        if (word_in_set(&w->w[at - back], &asking_set))
            return 0;
        if (word_in_set(&w->w[at - back], &cond_set))
            return 1;
    }
    return 0;
}

/* Why phrase P at word AT of W does not count: "a negation", "if", or NULL (it counts). */
const char *
classify_discounted(const struct phrase *p, const struct words *w, size_t at)
{
    if ((p->tag != PH_OFFER && p->tag != PH_REQUEST) || !w)
        return NULL;
    if (classify_negated(w, at))
        return "a negation";
    if (p->tag == PH_REQUEST && supposed(w, at))
        return "'if'";
    return NULL;
}

/* Keeps the words of phrase P at AT when it is the strongest of its kind so far. */
static void
note_phrase(struct kind_score *k, const struct phrase *p, size_t at)
{
    const struct word *a, *b;

    if (!k->w || p->weight * k->factor <= k->best[p->tag] || at + p->n > k->w->n)
        return;
    k->best[p->tag] = p->weight * k->factor;
    k->at[p->tag] = k->factor == 1 ? (long)at : -1;
    a = &k->w->w[at];
    b = &k->w->w[at + p->n - 1];
    snprintf(k->says[p->tag], sizeof k->says[p->tag], "%.*s",
             (int)(b->s + b->len - a->s), a->s);
}

void
classify_add_kind(const struct phrase *p, size_t at, void *ud)
{
    struct kind_score *k = ud;

    if (classify_discounted(p, k->w, at))
        return;
    if (p->tag == PH_OFFER || p->tag == PH_REQUEST)
        note_phrase(k, p, at);
    if (p->tag == PH_OFFER)
        k->offer += p->weight * k->factor;
    else if (p->tag == PH_REQUEST) {
        k->request += p->weight * k->factor;
        if (k->asked)
            k->asked[at] = (unsigned char)(p->weight * k->factor);
    } else if (p->tag == PH_GROUP)
        k->group += p->weight > 1 ? p->weight : 1;
    if (!k->first && p->weight >= 2 && p->tag != PH_NEUTRAL && p->tag != PH_GROUP)
        k->first = p->tag;
    if (p->tag == PH_NEUTRAL && k->neutral)
        k->neutral[at] = 1;
}

/* The words of a question to anyone that offers: "Would anyone like / want / use /
 * fancy / need ...?", when it is not about the asker. */
static const char *const wanting[] = {"like", "want", "wants", "use", "need", "needs", "fancy",
                                      "fancies", "interested", "takers", NULL};
static struct word_set wanting_set = WORD_SET(wanting);

/* "my" and "our" only: a question to anyone that wants the writer's thing ("Would
 * anyone like my old cot?") offers it, unlike one about "me" ("...like to help me?"). */
static const char *const owning[] = {"my", "our", NULL};
static struct word_set owning_set = WORD_SET(owning);

/* Whether word J of W (before END) is a word of wanting that takes a thing ("want my
 * cot", "use some apples"), not a deed ("like to walk my dog" asks). */
static int
wants_thing(const struct words *w, size_t j, size_t end)
{
    return word_in_set(&w->w[j], &wanting_set) && !(j + 1 < end && word_is(w->w[j + 1].raw, "to"));
}

/* A word that labels what follows it ("Have: a buggy", "Need: a lift"): 2 for an
 * offer, -2 for a request, else 0. */
static int
label_kind(const char *raw)
{
    static const char *const offers[] = {"have", "offering", "offer", "giving", "free",
                                         "available", "ofrezco", "oddam", NULL};
    static const char *const asks[] = {"need", "needed", "wanted", "asking", "request",
                                       "necesito", "busco", "szukam", "potrzebuję", NULL};

    return word_in(raw, offers) ? 2 : word_in(raw, asks) ? -2 : 0;
}

/* The words of need that start a question to the reader ("Need a lift?"). */
static const char *const needing[] = {"need", "needing", NULL};

/* Whether the sentence W[START..END) starts with an elided "I" that needs: "Need a
 * lift Friday", "Looking for a babysitter", "Wanted: a cot". */
static int
starts_need(const struct words *w, size_t start, size_t end)
{
    static const char *const need[] = {"need", "needed", "needing", "wanted", "seeking",
                                       "looking", "asking", NULL};
    static struct word_set need_set = WORD_SET(need);

    return word_in_set(&w->w[start], &need_set) && start + 1 < end &&
           !word_is(w->w[start + 1].raw, "to") && !word_is(w->w[start + 1].raw, "forward");
}

/* What the shape of one sentence says, read once for both of its readers. */
struct sentence {
    int opens;    /* 1: starts "Offering ..." or "Can put up shelves" (an elided "I");
                   * -1: starts "Need a lift", "Looking for ..."; else 0 */
    int label;    /* a sentence of one word that labels what follows ("Have:"): 2, -2 */
    int question; /* a question to "anyone" or "someone": 1 when it wants the writer's
                   * thing ("Would anyone like some apples?"), -1 when it asks, -2 when
                   * it asks about "me" or "my"; else 0 */
    int free_end; /* a statement that ends on "free" ("clothes for a baby girl, free.") */
};

/* The words before a sentence's last "free" that do not make it a gift ("I'm free",
 * "feel free", "for free" is one already, "gluten free"). */
static const char *const not_given[] = {"im", "i'm", "am", "are", "is", "feel", "for", "gluten",
                                        "dairy", "nut", "sugar", "be", "get", "set", NULL};

/* Reads the sentence W[START..END) (START < END <= W->n) into S; a word where NEUTRAL
 * marks a neutral phrase ("Does anyone know if the bins...?" asks for news, not help)
 * makes it no question. */
static void
sentence_read(const struct words *w, size_t start, size_t end, const unsigned char *neutral,
              struct sentence *s)
{
    static const char *const who[] = {"anyone", "anybody", "someone", "somebody", "any",
                                      "anyones", "anybodys",
                                      "neighbour", "neighbours", "volunteer", "volunteers",
                                      "person", NULL};
    static struct word_set who_set = WORD_SET(who);
    static const char *const self[] = {"me", "my", "us", "our", "i", "we", "im", NULL};
    static struct word_set self_set = WORD_SET(self);
    static const char *const asker[] = {"anyone", "anybody", "someone", "somebody", "you",
                                        "i", "we", "u", NULL};
    static struct word_set asker_set = WORD_SET(asker);
    int asks = 0, mine = 0, wants = 0, me = 0;

    memset(s, 0, sizeof *s);
    if (word_is(w->w[start].raw, "offering") ||
        (word_is(w->w[start].raw, "can") && start + 1 < end &&
         !word_in_set(&w->w[start + 1], &asker_set)))
        s->opens = 1;
    else if (starts_need(w, start, end))
        s->opens = -1;
    if (end == start + 1)
        s->label = label_kind(w->w[start].raw);
    for (size_t j = start; j < end; j++) {
        asks |= word_in_set(&w->w[j], &who_set);
        /* "is there a mother or a grandmother who ...?" asks as "is anyone" does */
        asks |= j + 1 < end && (word_is(w->w[j].raw, "is") || word_is(w->w[j].raw, "are")) &&
                word_is(w->w[j + 1].raw, "there") && j <= start + 1;
        mine |= word_in_set(&w->w[j], &self_set);
        me |= word_in_set(&w->w[j], &self_set) && !word_in_set(&w->w[j], &owning_set);
        /* "...a high chair they don't need?" wants nothing */
        wants |= wants_thing(w, j, end) && !classify_negated(w, j);
        if (neutral && neutral[j])
            return;
    }
    /* the sentence's end: a question mark after its last word? */
    const char *q = w->w[end - 1].s + w->w[end - 1].len;
    while (*q == ' ' || *q == ')' || *q == '"' || *q == '\'')
        q++;
    if (*q != '?' && end > start + 2 && word_is(w->w[end - 1].raw, "free") &&
        !word_in(w->w[end - 2].raw, not_given))
        s->free_end = 1;
    if (*q == '?' && asks)
        s->question = wants && !me ? 1 : -(1 + mine);
    /* "Need a hand?", "Need anything from the shops?": the reader is asked what they
     * need, which offers (not "Need someone to ...?", a question to anyone) */
    else if (*q == '?' && s->opens < 0 && word_in(w->w[start].raw, needing) && !mine)
        s->opens = 1;
}

int
classify_sentence_shape(const struct words *w, size_t start, size_t end)
{
    struct sentence s;

    if (start >= end || end > w->n)
        return 0;
    sentence_read(w, start, end, NULL, &s);
    if (s.opens < 0)
        return -2;
    if (end == start + 1)
        return s.label;
    if (s.opens > 0 || s.free_end)
        return 2;
    return s.question > 0 ? 2 : s.question;
}

/* What the shape of each sentence of W says: one that starts "Offering ..." or "Can
 * put up shelves" (an elided "I") offers; a question to "anyone" or "someone", all the
 * more one about "me" or "my", asks. */
static void
sentence_hints(const struct words *w, struct kind_score *k)
{
    for (size_t i = 0; i < w->n;) {
        size_t end = i + 1;
        struct sentence s;
        while (end < w->n && !(w->w[end].flags & W_BREAK))
            end++;
        sentence_read(w, i, end, k->neutral, &s);
        int says = s.opens > 0 ? 2 : s.opens < 0 ? -1 : s.label;
        if (says > 0)
            k->offer += says;
        else
            k->request -= says;
        if (says && !k->first)
            k->first = says > 0 ? PH_OFFER : PH_REQUEST;
        if (s.question > 0) {
            /* "Does anyone need help with their shopping?": the need is the reader's */
            k->offer += 2;
            for (size_t j = i; k->asked && j < end; j++)
                k->request -= k->asked[j];
        } else
            k->request -= s.question;
        k->offer += s.free_end; /* with the phrase "free", a clear offer */
        i = end;
    }
}

/* The body says KIND (2 or more, twice the other kind's) against the subject's word:
 * KIND it is, published, and the coordinators are told (a mail about the group stays
 * unsure). */
static void
contradicted(struct kind_guess *g, enum post_kind kind)
{
    g->contradicted = 1;
    g->sure = !g->group;
    g->kind = kind;
}

void
classify_kind_words(struct rules *r, const struct words *title, const struct words *text,
                    struct kind_guess *g)
{
    struct kind_score k = {.factor = 2, .at = {-1, -1, -1}};
    int weight, tag, hi, lo;

    memset(g, 0, sizeof *g);
    k.w = title;
    struct sentence ts;
    if (title->n > 0)
        sentence_read(title, 0, title->n, NULL, &ts);
    if (title->n > 0 && ts.opens > 0 && word_in(title->w[0].raw, needing)) {
        /* "NEED A HAND?": a subject that asks the reader what they need offers */
        k.offer += 2 * k.factor;
        k.first = PH_OFFER;
    } else if (title->n > 0) {
        tag = phrases_first_word(title->w[0].raw, &weight);
        if (tag == PH_OFFER)
            k.offer += weight;
        else if (tag == PH_REQUEST)
            k.request += weight;
        if (weight >= 2)
            k.first = tag;
        phrases_scan(&r->kind, title, 0, title->n, classify_add_kind, &k);
        k.group = 0; /* "Fwd: a message for the group": the body says what it is about */
    }
    k.factor = 1;
    k.w = text;
    int title_score = k.offer + k.request, title_offer = k.offer, title_request = k.request;
    /* (NULL on OOM: no neutral phrases then, nor needs of the reader's) */
    k.neutral = calloc(text->n + 1, 1);
    k.asked = calloc(text->n + 1, 1);
    phrases_scan(&r->kind, text, 0, text->n, classify_add_kind, &k);
    sentence_hints(text, &k);
    free(k.neutral);
    free(k.asked);
    k.neutral = k.asked = NULL;
    g->offer = k.offer;
    g->request = k.request;
    g->group = k.group;
    snprintf(g->offer_says, sizeof g->offer_says, "%s", k.says[PH_OFFER]);
    snprintf(g->request_says, sizeof g->request_says, "%s", k.says[PH_REQUEST]);
    g->offer_at = k.at[PH_OFFER];
    g->request_at = k.at[PH_REQUEST];
    hi = k.offer > k.request ? k.offer : k.request;
    /* mail about the group (its digest, how it works, an idea for it) is not a post
     * unless its words say one strongly */
    if (k.offer + k.request == 0 || (k.group >= 2 && hi < 5) || (k.group == 1 && hi < 2)) {
        g->kind = KIND_NONE;
        return;
    }
    /* a tie goes to what was said first (a subject's word first); failing that, to a
     * request: a need read as an offer would go unanswered */
    if (k.offer == k.request)
        g->kind = k.first == PH_OFFER ? KIND_OFFER : KIND_REQUEST;
    else
        g->kind = k.offer > k.request ? KIND_OFFER : KIND_REQUEST;
    hi = k.offer > k.request ? k.offer : k.request;
    lo = k.offer > k.request ? k.request : k.offer;
    /* one kind only, even said weakly in the words ("pram free"), is that kind (a
     * subject's weak word alone, "help with it", is not); both, the stronger twice over */
    g->sure = (lo == 0 && (hi >= 2 || k.offer + k.request > title_score)) ||
              (hi >= 2 && hi >= 2 * lo);
    /* a mail about the group with words of a post: which it is, a coordinator says */
    if (k.group && hi < 6)
        g->sure = 0;
    /* the body outranks a word of its subject that it contradicts ("OFFER lift" over
     * "I need a lift for my son"), and a coordinator is told */
    int says_offer = k.offer - title_offer, says_request = k.request - title_request;
    if (title_offer && !title_request && says_request >= 2 && says_request >= 2 * says_offer)
        contradicted(g, KIND_REQUEST);
    else if (title_request && !title_offer && says_offer >= 2 && says_offer >= 2 * says_request)
        contradicted(g, KIND_OFFER);
}

enum post_kind
classify_subject_body(struct rules *r, enum post_kind k, const struct words *text, char *why,
                      size_t whylen)
{
    /* the phrases of the words and the shape of their sentences, as
     * classify_kind_words reads them ("somebody can feed my cat ...?" under
     * "OFFER: cat sitting" asks) */
    struct kind_score s = {.factor = 1, .w = text};
    enum post_kind says;
    int hi, lo;

    if (k != KIND_OFFER && k != KIND_REQUEST)
        return k;
    phrases_scan(&r->kind, text, 0, text->n, classify_add_kind, &s);
    sentence_hints(text, &s);
    says = s.offer > s.request ? KIND_OFFER : s.request > s.offer ? KIND_REQUEST : KIND_NONE;
    hi = s.offer > s.request ? s.offer : s.request;
    lo = s.offer > s.request ? s.request : s.offer;
    if (says == KIND_NONE || says == k || hi < 3 || hi < 2 * lo)
        return k;
    snprintf(why, whylen,
             "the subject says %s but the body %s: '%s' (offer %d, request %d): read as %s",
             k == KIND_OFFER ? "OFFER" : "REQUEST",
             says == KIND_OFFER ? "offers something" : "asks for something",
             s.says[says == KIND_OFFER ? PH_OFFER : PH_REQUEST], s.offer, s.request,
             says == KIND_OFFER ? "an offer" : "a request");
    return says;
}

void
classify_unclear(const struct kind_guess *g, char *out, size_t len)
{
    const char *o = g->offer_says[0] ? g->offer_says : "the shape of a sentence";
    const char *q = g->request_says[0] ? g->request_says : "a question to anyone";

    if (g->contradicted)
        snprintf(out, len, "the subject's words %s but the body %s ('%s'): read as %s",
                 g->kind == KIND_OFFER ? "ask" : "offer",
                 g->kind == KIND_OFFER ? "offers something" : "asks for something",
                 g->kind == KIND_OFFER ? o : q, g->kind == KIND_OFFER ? "an offer" : "a request");
    else if (g->offer && g->request)
        snprintf(out, len, "the words both offer ('%s') and ask ('%s') (offer %d, request %d)",
                 o, q, g->offer, g->request);
    else
        snprintf(out, len, "only a weak sign that it %s: '%s' (%s %d)",
                 g->offer ? "offers something" : "asks for something", g->offer ? o : q,
                 g->offer ? "offer" : "request", g->offer ? g->offer : g->request);
    if (g->group)
        snprintf(out + strlen(out), len - strlen(out), "%s", ", in a mail about the group");
}

size_t
classify_shared_words(const struct words *a, const struct words *b)
{
    /* words that name nothing: a closing and a post share them by chance */
    static const char *const empty[] = {
        "the", "and", "for", "you", "your", "with", "this", "that", "thank", "thanks", "have",
        "has", "was", "were", "all", "now", "our", "anyone", "someone", "somebody", "please",
        "help", "need", "free", "offer", "request", "just", "some", "will", "can", "could",
        "would", "week", "weekend", "today", "from", "very", "much", "again", "back", "any",
        "who", "out", "but", "not", "get", "got", "its", "into", "them", "they", "she", "her",
        "his", "him", "everyone", "lovely", "kind", "kindly", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon",
        "evening", "night", "tomorrow", "yesterday", "next", "last", "time", NULL};
    static struct word_set empty_set = WORD_SET(empty);
    size_t n = 0;

    for (size_t i = 0; i < a->n; i++) {
        const char *k = a->w[i].key;
        if (strlen(k) < 3 || (a->w[i].flags & W_DIGITS) || raw_in_set(k, &empty_set))
            continue;
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(a->w[j].key, k) == 0;
        for (size_t j = 0; j < b->n && !dup; j++)
            if (strcmp(b->w[j].key, k) == 0) {
                n++;
                break;
            }
    }
    return n;
}

void
classify_kind(struct rules *r, const char *title, const char *text, struct kind_guess *g)
{
    struct words t = {0}, x = {0};

    if (words_split(title, &t) < 0)
        words_free(&t); /* (out of memory: read as no words, as before) */
    if (words_split(text, &x) < 0)
        words_free(&x);
    classify_kind_words(r, &t, &x, g);
    words_free(&t);
    words_free(&x);
}
