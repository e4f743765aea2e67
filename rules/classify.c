/* classify.c — subject prefixes, what the words of a message say it is, closings and
 * categories. */
#include "classify.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "phrases.h"
#include "quote.h"
#include "text.h"
#include "words.h"

struct prefix {
    const char *word;
    enum post_kind kind;
    const char *status; /* closings */
};

/* Longer words first, so that "HELP NEEDED" wins over a shorter match. */
static const struct prefix prefixes[] = {
    {"NO LONGER NEEDED", KIND_CLOSING, "withdrawn"},
    {"HELP NEEDED", KIND_REQUEST, NULL}, {"HELP WANTED", KIND_REQUEST, NULL},
    {"REQUESTING", KIND_REQUEST, NULL},  {"REQUEST", KIND_REQUEST, NULL},
    {"OFFERING", KIND_OFFER, NULL},      {"OFFERED", KIND_OFFER, NULL},
    {"OFFER", KIND_OFFER, NULL},         {"AVAILABLE", KIND_OFFER, NULL},
    {"FREE", KIND_OFFER, NULL},          {"WANTED", KIND_REQUEST, NULL},
    {"NEEDED", KIND_REQUEST, NULL},      {"NEED", KIND_REQUEST, NULL},
    {"HELP", KIND_REQUEST, NULL},        {"WITHDRAWN", KIND_CLOSING, "withdrawn"},
    {"CANCELLED", KIND_CLOSING, "withdrawn"}, {"CANCELED", KIND_CLOSING, "withdrawn"},
    {"CANCEL", KIND_CLOSING, "withdrawn"}, {"RECEIVED", KIND_CLOSING, "done"},
    {"COMPLETED", KIND_CLOSING, "done"}, {"FILLED", KIND_CLOSING, "done"},
    {"SORTED", KIND_CLOSING, "done"},    {"CLOSED", KIND_CLOSING, "done"},
    {"TAKEN", KIND_CLOSING, "taken"},    {"GONE", KIND_CLOSING, "taken"},
    {"DONE", KIND_CLOSING, "done"},      {"ROTA", KIND_ROTA, NULL},
    /* Spanish and Polish, read whatever [group] languages says: a subject word is
     * unambiguous. Polish capitals outside ASCII are written in both cases, since
     * strncasecmp folds ASCII only. */
    {"SE NECESITA", KIND_REQUEST, NULL}, {"NECESITO", KIND_REQUEST, NULL},
    {"NECESITAMOS", KIND_REQUEST, NULL}, {"PEDIDO", KIND_REQUEST, NULL},
    {"BUSCO", KIND_REQUEST, NULL},       {"OFERTA", KIND_OFFER, NULL},
    {"OFREZCO", KIND_OFFER, NULL},       {"REGALO", KIND_OFFER, NULL},
    {"ENTREGADO", KIND_CLOSING, "taken"}, {"RESUELTO", KIND_CLOSING, "done"},
    {"CANCELADO", KIND_CLOSING, "withdrawn"},
    {"POTRZEBUJĘ", KIND_REQUEST, NULL},  {"POTRZEBUJę", KIND_REQUEST, NULL},
    {"PROŚBA", KIND_REQUEST, NULL},      {"PROśBA", KIND_REQUEST, NULL},
    {"SZUKAM", KIND_REQUEST, NULL},      {"OFERUJĘ", KIND_OFFER, NULL},
    {"OFERUJę", KIND_OFFER, NULL},       {"ODDAM", KIND_OFFER, NULL},
    {"ODDANE", KIND_CLOSING, "taken"},   {"ZAŁATWIONE", KIND_CLOSING, "done"},
    {"ZAłATWIONE", KIND_CLOSING, "done"}, {"NIEAKTUALNE", KIND_CLOSING, "withdrawn"},
};

static const char *
skip_space(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* Strips "Re:", "RE:", "Fwd:", "Fw:", "AW:" (any number of them). */
static const char *
skip_reply_prefixes(const char *s, int *reply)
{
    static const char *const tags[] = {"re:", "fwd:", "fw:", "aw:", "sv:", "re :", "wg:", "tr:"};

    for (;;) {
        int found = 0;
        s = skip_space(s);
        for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
            if (strncasecmp(s, tags[i], strlen(tags[i])) == 0) {
                s += strlen(tags[i]);
                /* 1 a reply, 2 a forward (only when nothing says reply) */
                if (*reply != 1)
                    *reply = tags[i][0] == 'f' || tags[i][0] == 'w' || tags[i][0] == 't' ? 2 : 1;
                found = 1;
            }
        if (!found)
            return s;
    }
}

/* Matches WORD at S as a prefix: "WORD:", "WORD -", "[WORD]" or, for closings and
 * ROTA, "WORD " followed by more text. Returns the text after it, or NULL. */
static const char *
match_prefix(const char *s, const struct prefix *p)
{
    size_t n = strlen(p->word);
    int bracket = *s == '[';
    const char *q = bracket ? skip_space(s + 1) : s;

    if (strncasecmp(q, p->word, n) != 0)
        return NULL;
    q += n;
    if (bracket) {
        q = skip_space(q);
        return *q == ']' ? q + 1 : NULL;
    }
    if (*q == ':')
        return q + 1;
    const char *r = skip_space(q);
    if (r > q && (*r == '-' || *r == ':') && (r[1] == ' ' || r[1] == '\0'))
        return r + 1;
    if (*q == '-' && q[1] == ' ')
        return q + 1;
    /* "DONE R-0042", "ROTA CANCEL food bank": a bare word is enough for these */
    if ((p->kind == KIND_CLOSING || p->kind == KIND_ROTA) && r > q && *r)
        return r;
    if ((p->kind == KIND_CLOSING) && *q == '\0')
        return q;
    return NULL;
}

size_t
classify_refs(const char *s, char out[][CODE_SIZE], size_t max)
{
    size_t n = 0;

    for (const char *p = s; *p && n < max; p++) {
        char k = (char)toupper((unsigned char)*p);
        if ((k != 'R' && k != 'O') || (p > s && isalnum((unsigned char)p[-1])) || p[1] != '-' ||
            !isdigit((unsigned char)p[2]))
            continue;
        const char *e = p + 2;
        long v = 0;
        while (isdigit((unsigned char)*e) && v < 100000000)
            v = v * 10 + (*e++ - '0');
        if (isalnum((unsigned char)*e) || v <= 0 || v > 99999999)
            continue;
        snprintf(out[n], 24, "%c-%04ld", k, v);
        /* the same code twice counts once */
        int dup = 0;
        for (size_t i = 0; i < n; i++)
            dup |= strcmp(out[i], out[n]) == 0;
        n += !dup;
    }
    return n;
}

void
classify_subject(const char *subject, struct subject_info *out)
{
    const char *s, *rest = NULL;
    const struct prefix *p = NULL;

    memset(out, 0, sizeof *out);
    s = skip_reply_prefixes(subject, &out->reply);
    out->forward = out->reply == 2;
    out->reply = out->reply == 1;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0] && !rest; i++)
        if ((rest = match_prefix(s, &prefixes[i])))
            p = &prefixes[i];
    out->kind = p ? p->kind : KIND_NONE;
    snprintf(out->title, sizeof out->title, "%s", skip_space(rest ? rest : s));
    text_truncate(out->title, sizeof out->title - 4); /* cut between characters, "…" */
    text_squeeze(out->title);
    if (p && p->kind == KIND_CLOSING) {
        char refs[1][CODE_SIZE];
        out->status = p->status;
        if (classify_refs(out->title, refs, 1))
            snprintf(out->ref, sizeof out->ref, "%s", refs[0]);
    }
    if (p && p->kind == KIND_ROTA) {
        const char *t = out->title;
        if (strncasecmp(t, "cancel", 6) == 0 || strncasecmp(t, "withdraw", 8) == 0 ||
            strncasecmp(t, "remove", 6) == 0) {
            out->rota_cancel = 1;
            while (*t && !isspace((unsigned char)*t))
                t++;
            memmove(out->title, t, strlen(t) + 1);
            text_squeeze(out->title);
        }
    }
    /* A trailing "(Oak Road)" names the place; keep the title without it. */
    size_t len = strlen(out->title);
    if (len > 2 && out->title[len - 1] == ')') {
        char *open = strrchr(out->title, '(');
        if (open && open[1] != ')') {
            snprintf(out->place, sizeof out->place, "%.*s", (int)(out->title + len - 1 - open - 1),
                     open + 1);
            text_squeeze(out->place);
            *open = '\0';
            text_squeeze(out->title);
        }
    }
    /* Trailing separators left by "OFFER: soup - (Ash Grove)" */
    len = strlen(out->title);
    while (len > 0 && strchr("-,;:", out->title[len - 1]))
        out->title[--len] = '\0';
    text_squeeze(out->title);
}


const char *
classify_auto_subject(const char *subject)
{
    static const char *const anywhere[] = {
        "out of office", "out of the office", "automatic reply", "auto reply", "auto-reply",
        "autoreply", "auto response", "autoresponse", "away from my desk", "away from the office",
        "abwesenheit", "réponse automatique", "respuesta automática", "risposta automatica"};
    static const char *const bounces[] = {
        "undeliverable", "undelivered mail", "delivery status notification", "mail delivery failed",
        "delivery failure", "returned mail", "failure notice", "mail delivery failure",
        "delivery has failed", "message not delivered"};
    /* not "On holiday ...": "On holiday next week - could someone feed my cat?" */
    static const char *const starts[] = {"out of office", "ooo:", "ooo ", "auto:"};
    int reply = 0;
    const char *s = skip_reply_prefixes(subject, &reply);
    char low[256];

    /* lowered once (ASCII: the phrases' accented letters are matched as they are
     * written), then plain strstr for each phrase */
    text_lower_copy(low, sizeof low, s);
    for (size_t i = 0; i < sizeof bounces / sizeof bounces[0]; i++)
        if (strncmp(low, bounces[i], strlen(bounces[i])) == 0)
            return "a bounce (the subject says the mail was not delivered)";
    for (size_t i = 0; i < sizeof anywhere / sizeof anywhere[0]; i++)
        if (strstr(low, anywhere[i]))
            return "an automatic reply (the subject says out of office)";
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
        if (strncasecmp(s, starts[i], strlen(starts[i])) == 0)
            return "an automatic reply (the subject says out of office)";
    return NULL;
}

int
classify_chatter_subject(const char *subject)
{
    /* first words of thanks; words anywhere of notices and news */
    static const char *const first[] = {"thank", "thanks", "thankyou", "cheers", "a big thank",
                                        "a huge thank", "huge thanks", "big thanks",
                                        "many thanks", "hello from", "well done", "merry",
                                        "happy christmas", "happy new year", "a note"};
    static const char *const anywhere[] = {"newsletter", "news", "reminder", "minutes", "agenda",
                                           "meeting", "welcome", "introduction", "introducing",
                                           "fyi", "notice", "announcement", "social",
                                           "party", "get-together", "coffee morning", "event",
                                           "agm", "invitation", "invite"};
    int reply = 0;
    const char *s = skip_reply_prefixes(subject, &reply);

    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
        size_t n = strlen(first[i]);
        if (strncasecmp(s, first[i], n) == 0 && !isalpha((unsigned char)s[n]))
            return 1;
    }
    for (size_t i = 0; i < sizeof anywhere / sizeof anywhere[0]; i++)
        if (text_find_word(s, anywhere[i]))
            return 1;
    return 0;
}

struct rules {
    const conf *c;
    struct phrases kind, closing, cats;
    struct places *places;
};

struct rules *
classify_rules_new(const conf *c)
{
    struct rules *r = calloc(1, sizeof *r);
    size_t ncats;
    const struct conf_category *cats = conf_categories(c, &ncats);
    char **langs = NULL;

    if (!r)
        return NULL;
    r->c = c;
    if (!(langs = conf_list(conf_str(c, "group", "languages"), NULL)) ||
        phrases_builtin_kind(&r->kind) < 0 || phrases_builtin_closing(&r->closing) < 0 ||
        phrases_add_list(&r->kind, conf_str(c, "process", "offer_phrases"), PH_OFFER, 3) < 0 ||
        phrases_add_list(&r->kind, conf_str(c, "process", "request_phrases"), PH_REQUEST, 3) < 0 ||
        phrases_add_list(&r->closing, conf_str(c, "process", "closing_phrases"), CL_DONE, 1) < 0 ||
        phrases_add_list(&r->closing, conf_str(c, "process", "event_phrases"), CL_EVENT, 1) < 0 ||
        phrases_add_list(&r->kind, conf_str(c, "process", "group_phrases"), PH_GROUP, 1) < 0 ||
        !(r->places = places_new(c)))
        goto oom;
    /* another language than en, es and pl has no built-in lists: the group's phrases
     * and [categories] keywords are its words */
    for (char **l = langs; *l; l++)
        if (phrases_builtin_lang(*l, &r->kind, &r->closing) < 0)
            goto oom;
    for (size_t i = 0; i < ncats; i++) {
        for (size_t k = 0; k < cats[i].nkeywords; k++)
            if (phrases_add(&r->cats, cats[i].keywords[k], (int)i, 1) < 0)
                goto oom;
        /* English is read always, as its phrases are */
        if (phrases_add_list(&r->cats, phrases_builtin_category("en", cats[i].name), (int)i, 1) <
            0)
            goto oom;
        for (char **l = langs; *l; l++)
            if (strcmp(*l, "en") != 0 &&
                phrases_add_list(&r->cats, phrases_builtin_category(*l, cats[i].name), (int)i,
                                 1) < 0)
                goto oom;
    }
    conf_list_free(langs);
    return r;
oom:
    conf_list_free(langs);
    classify_rules_free(r);
    return NULL;
}

void
classify_rules_free(struct rules *r)
{
    if (!r)
        return;
    phrases_free(&r->kind);
    phrases_free(&r->closing);
    phrases_free(&r->cats);
    places_free(r->places);
    free(r);
}

const struct places *
classify_rules_places(const struct rules *r)
{
    return r->places;
}

struct kind_score {
    int offer, request, factor, group;
    int first;             /* the tag of the first clear phrase */
    unsigned char *neutral; /* words where a neutral phrase starts, or NULL */
    const struct words *w;  /* the words being scanned */
    int best[3];            /* the weight of the strongest phrase of each tag... */
    char says[3][64];       /* ...its words as written */
    long at[3];             /* ...and its first word in the text, or -1 (the title) */
};

/* Whether the phrase at word AT of W follows a negation in its sentence: "don't need",
 * "not really need", "no necesito", "nie potrzebuję". (A phrase that starts with one,
 * "no one to", is a phrase of its own.) */
static int
negated(const struct words *w, size_t at)
{
    static const char *const no[] = {"not", "dont", "doesnt", "didnt", "never", "no", "nie",
                                     "nor", "isnt", "arent", "wasnt", "wont", "havent",
                                     "hasnt", "nunca", "ni", "ya", NULL};
    static const char *const softly[] = {"really", "actually", "even", "longer", "yet", "so",
                                         "too", "exactly", "już", "juz", NULL};

    for (size_t back = 1; back <= 2 && back <= at; back++) {
        const struct word *b = &w->w[at - back];
        if (w->w[at - back + 1].flags & W_BREAK)
            return 0;
        /* "ya" only as "ya no": "ya necesito" is not said */
        if (word_in(b->raw, no) && !word_is(b->raw, "ya"))
            return 1;
        if (!word_in(b->raw, softly))
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
    /* "if someone could help me" asks all the same */
    static const char *const asking[] = {"could", "can", "would", "will", "might", NULL};

    for (size_t back = 1; back <= 3 && back <= at; back++) {
        if (w->w[at - back + 1].flags & W_BREAK)
            return 0;
        if (word_in(w->w[at - back].raw, asking))
            return 0;
        if (word_in(w->w[at - back].raw, cond))
            return 1;
    }
    return 0;
}

/* Why phrase P at word AT of W does not count: "a negation", "if", or NULL (it counts). */
static const char *
discounted(const struct phrase *p, const struct words *w, size_t at)
{
    if ((p->tag != PH_OFFER && p->tag != PH_REQUEST) || !w)
        return NULL;
    if (negated(w, at))
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

static void
add_kind(const struct phrase *p, size_t at, void *ud)
{
    struct kind_score *k = ud;

    if (discounted(p, k->w, at))
        return;
    if (p->tag == PH_OFFER || p->tag == PH_REQUEST)
        note_phrase(k, p, at);
    if (p->tag == PH_OFFER)
        k->offer += p->weight * k->factor;
    else if (p->tag == PH_REQUEST)
        k->request += p->weight * k->factor;
    else if (p->tag == PH_GROUP)
        k->group++;
    if (!k->first && p->weight >= 2 && p->tag != PH_NEUTRAL)
        k->first = p->tag;
    if (p->tag == PH_NEUTRAL && k->neutral)
        k->neutral[at] = 1;
}

/* The words of a question to anyone that offers: "Would anyone like / want / use /
 * fancy / need ...?", when it is not about the asker. */
static const char *const wanting[] = {"like", "want", "wants", "use", "need", "needs", "fancy",
                                      "fancies", "interested", "takers", NULL};

/* "my" and "our" only: a question to anyone that wants the writer's thing ("Would
 * anyone like my old cot?") offers it, unlike one about "me" ("...like to help me?"). */
static const char *const owning[] = {"my", "our", NULL};

/* Whether word J of W (before END) is a word of wanting that takes a thing ("want my
 * cot", "use some apples"), not a deed ("like to walk my dog" asks). */
static int
wants_thing(const struct words *w, size_t j, size_t end)
{
    return word_in(w->w[j].raw, wanting) && !(j + 1 < end && word_is(w->w[j + 1].raw, "to"));
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

/* Whether the sentence W[START..END) starts with an elided "I" that needs: "Need a
 * lift Friday", "Looking for a babysitter", "Wanted: a cot". */
static int
starts_need(const struct words *w, size_t start, size_t end)
{
    static const char *const need[] = {"need", "needed", "needing", "wanted", "seeking",
                                       "looking", "asking", NULL};

    return word_in(w->w[start].raw, need) && start + 1 < end &&
           !word_is(w->w[start + 1].raw, "to") && !word_is(w->w[start + 1].raw, "forward");
}

/* What the shape of the sentence W[START..END) says, without neutral phrases: 2 for
 * one that starts "Offering ..." or "Can put up shelves" (an elided "I"); minus 1, or
 * minus 2 when it is about "me" or "my", for a question to "anyone" or "someone"; else
 * 0. (For the two posts' scan; sentence_hints reads the same with neutral phrases.) */
static int
sentence_shape(const struct words *w, size_t start, size_t end)
{
    static const char *const who[] = {"anyone", "anybody", "someone", "somebody", "any",
                                      "neighbour", "neighbours", NULL};
    static const char *const self[] = {"me", "my", "us", "our", "i", "we", "im", NULL};
    static const char *const asker[] = {"anyone", "anybody", "someone", "somebody", "you",
                                        "i", "we", "u", NULL};
    int asks = 0, mine = 0;

    if (start >= end || end > w->n)
        return 0;
    if (starts_need(w, start, end))
        return -2;
    if (end == start + 1)
        return label_kind(w->w[start].raw);
    if (word_is(w->w[start].raw, "offering") ||
        (word_is(w->w[start].raw, "can") && start + 1 < end &&
         !word_in(w->w[start + 1].raw, asker)))
        return 2;
    int wants = 0, me = 0;
    for (size_t j = start; j < end; j++) {
        asks |= word_in(w->w[j].raw, who);
        mine |= word_in(w->w[j].raw, self);
        me |= word_in(w->w[j].raw, self) && !word_in(w->w[j].raw, owning);
        wants |= wants_thing(w, j, end);
    }
    const char *q = w->w[end - 1].s + w->w[end - 1].len;
    while (*q == ' ' || *q == ')' || *q == '"' || *q == '\'')
        q++;
    if (*q != '?' || !asks)
        return 0;
    return wants && !me ? 2 : -(1 + mine);
}

/* What the shape of a sentence says: one that starts "Offering ..." or "Can put up
 * shelves" (an elided "I") offers; a question to "anyone" or "someone", all the more
 * one about "me" or "my", asks. */
static void
sentence_hints(const struct words *w, struct kind_score *k)
{
    static const char *const who[] = {"anyone", "anybody", "someone", "somebody", "any",
                                      "neighbour", "neighbours", NULL};
    static const char *const self[] = {"me", "my", "us", "our", "i", "we", "im", NULL};
    static const char *const asker[] = {"anyone", "anybody", "someone", "somebody", "you",
                                        "i", "we", "u", NULL};

    for (size_t i = 0; i < w->n;) {
        size_t end = i + 1;
        int asks = 0, mine = 0;
        while (end < w->n && !(w->w[end].flags & W_BREAK))
            end++;
        if (word_is(w->w[i].raw, "offering") ||
            (word_is(w->w[i].raw, "can") && i + 1 < end &&
             !word_in(w->w[i + 1].raw, asker))) {
            k->offer += 2;
            if (!k->first)
                k->first = PH_OFFER;
        } else if (starts_need(w, i, end)) {
            k->request += 1;
            if (!k->first)
                k->first = PH_REQUEST;
        } else if (end == i + 1 && label_kind(w->w[i].raw)) {
            int l = label_kind(w->w[i].raw);
            if (l > 0)
                k->offer += l;
            else
                k->request -= l;
            if (!k->first)
                k->first = l > 0 ? PH_OFFER : PH_REQUEST;
        }
        int wants = 0, me = 0;
        for (size_t j = i; j < end; j++) {
            asks |= word_in(w->w[j].raw, who);
            mine |= word_in(w->w[j].raw, self);
            me |= word_in(w->w[j].raw, self) && !word_in(w->w[j].raw, owning);
            wants |= wants_thing(w, j, end);
            /* "Does anyone know if the bins...?" asks for news, not help */
            if (k->neutral && k->neutral[j])
                asks = -100;
        }
        /* the sentence's end: a question mark after its last word? */
        const char *q = w->w[end - 1].s + w->w[end - 1].len;
        while (*q == ' ' || *q == ')' || *q == '"' || *q == '\'')
            q++;
        /* "Would anyone like some apples?" offers; "...lend me a drill?" asks */
        if (*q == '?' && asks > 0 && wants && !me)
            k->offer += 2;
        else if (*q == '?' && asks > 0)
            k->request += 1 + mine;
        i = end;
    }
}

void
classify_kind_words(struct rules *r, const struct words *title, const struct words *text,
                    struct kind_guess *g)
{
    struct kind_score k = {.factor = 2, .at = {-1, -1, -1}};
    int weight, tag, hi, lo;

    memset(g, 0, sizeof *g);
    k.w = title;
    if (title->n > 0) {
        tag = phrases_first_word(title->w[0].raw, &weight);
        if (tag == PH_OFFER)
            k.offer += weight;
        else if (tag == PH_REQUEST)
            k.request += weight;
        if (weight >= 2)
            k.first = tag;
        phrases_scan(&r->kind, title, 0, title->n, add_kind, &k);
        k.group = 0; /* "Fwd: a message for the group": the body says what it is about */
    }
    k.factor = 1;
    k.w = text;
    int title_score = k.offer + k.request;
    k.neutral = calloc(text->n + 1, 1); /* (NULL on OOM: no neutral phrases then) */
    phrases_scan(&r->kind, text, 0, text->n, add_kind, &k);
    sentence_hints(text, &k);
    free(k.neutral);
    k.neutral = NULL;
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
}

/* Whether a second post may start at word AT of W: after a blank line, or at a word
 * that turns to another matter ("Also", "Separately", "In return", "Por otro lado",
 * "Poza tym"). "...just for a chat? I am happy to talk about anything" is one post. */
static int
part_starts(const struct words *w, size_t at)
{
    static const char *const turn[] = {
        "also", "secondly", "second", "separately", "separate", "unrelated", "and", "plus",
        "ps", "another", "but", "what", "sam", "además", "también", "oraz", "poza", "też",
        "por", "otro", "return", "other", "alternatively", "meanwhile", NULL};
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
        int list = 0;
        for (q++; q < w->w[at].s; q++) {
            if (*q == '\n')
                return 1;
            list |= *q == '-' || *q == '*' || (unsigned char)*q == 0xE2; /* - * • */
        }
        /* a new line that is an item of a list ("2) ...", "- ...") or starts with a
         * label ("Asking: ...") */
        if (list || (w->w[at].flags & W_DIGITS) || word_in(w->w[at].raw, label))
            return 1;
    }
    /* the turning word, or the one after "In" / "On the" ("In return", "On the other
     * hand") */
    for (size_t i = at; i < at + 3 && i < w->n; i++)
        if (word_in(w->w[i].raw, turn))
            return 1;
    return 0;
}

/* classify_two_posts in one scan of the phrases: the sentence being scored, and the
 * runs of sentences of one kind so far. */
struct two_scan {
    const struct words *w;
    size_t start, end; /* the sentence being scored: W[START..END) */
    int offer, request;
    enum post_kind run, *kinds;
    size_t runs, last_end, split;
    int best[2]; /* the strongest sentence of each run */
};

/* Ends the sentence being scored: one that says a kind clearly (2 or more, three times
 * the other) continues its run or starts the next. */
static void
two_sentence_end(struct two_scan *t)
{
    int score, shape = sentence_shape(t->w, t->start, t->end);
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

/* Moves the sentence being scored on to the one holding word AT. */
static void
two_advance(struct two_scan *t, size_t at)
{
    while (at >= t->end && t->start < t->w->n) {
        two_sentence_end(t);
        t->start = t->end;
        t->end = t->start + 1;
        while (t->end < t->w->n && !(t->w->w[t->end].flags & W_BREAK))
            t->end++;
    }
}

static void
add_two(const struct phrase *p, size_t at, void *ud)
{
    struct two_scan *t = ud;

    two_advance(t, at);
    if (discounted(p, t->w, at))
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

/* The kind the words W[A..B) say clearly (phrases, then the shape of each sentence),
 * or KIND_NONE; *SCORE its score. */
static enum post_kind
part_kind(struct rules *r, const struct words *w, size_t a, size_t b, int *score)
{
    struct kind_score k = {.factor = 1, .w = w};

    phrases_scan(&r->kind, w, a, b, add_kind, &k);
    for (size_t i = a; i < b;) {
        size_t end = i + 1;
        while (end < b && !(w->w[end].flags & W_BREAK))
            end++;
        int shape = sentence_shape(w, i, end);
        if (shape > 0)
            k.offer += shape;
        else
            k.request -= shape;
        i = end;
    }
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
two_paragraphs(struct rules *r, const struct words *w, size_t *at, enum post_kind kinds[2])
{
    size_t a = 0, second = 0;
    int best = 0, n = 0;

    for (size_t b = 1; b <= w->n; b++) {
        if (b < w->n && !blank_before(w, b))
            continue;
        int score;
        enum post_kind k = part_kind(r, w, a, b, &score);
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
    t.end = 1;
    while (t.end < w->n && !(w->w[t.end].flags & W_BREAK))
        t.end++;
    phrases_scan(&r->kind, w, 0, w->n, add_two, &t);
    two_advance(&t, w->n); /* the last sentences */
    if (t.runs > 2)
        return -1;
    if (t.runs < 2)
        return two_paragraphs(r, w, at, kinds);
    /* "I'm moving my mum in and I also need a hand": a sentence of the second kind
     * that says "also" starts the second post; else it is one post that offers
     * something back in the same breath ("...for a chat? I'm happy to talk") */
    if (!part_starts(w, t.split)) {
        static const char *const also[] = {"also", "too", "separately", "además", "ademas",
                                           "también", "tambien", "też", "tez", "również",
                                           "rowniez", NULL};
        size_t j = t.split;
        do {
            if (word_in(w->w[j].raw, also))
                break;
        } while (++j < w->n && !(w->w[j].flags & W_BREAK));
        if (j >= w->n || (w->w[j].flags & W_BREAK) || !word_in(w->w[j].raw, also))
            return 0;
    }
    /* both must be said clearly, one of them with a phrase that settles it */
    if (t.best[0] < 3 && t.best[1] < 3)
        return -1;
    *at = t.split;
    return 1;
}

enum post_kind
classify_subject_body(struct rules *r, enum post_kind k, const struct words *text, char *why,
                      size_t whylen)
{
    /* the phrases of the words alone: what classify_kind_words reads, without the
     * shape of the sentences (a question to "anyone"), which costs a walk of every
     * word for every prefixed post and a contradiction is said in phrases anyway */
    struct kind_score s = {.factor = 1, .w = text};
    enum post_kind says;
    int hi, lo;

    if (k != KIND_OFFER && k != KIND_REQUEST)
        return k;
    phrases_scan(&r->kind, text, 0, text->n, add_kind, &s);
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

    if (g->offer && g->request)
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
    size_t n = 0;

    for (size_t i = 0; i < a->n; i++) {
        const char *k = a->w[i].key;
        if (strlen(k) < 3 || (a->w[i].flags & W_DIGITS) || word_in(k, empty))
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

/* The reply W of a post's author: 1 when it may say the post is over (no question,
 * nothing still open, no words of a new post), with *EVENT set when it says something
 * happened. */
static int
closing_reply(struct rules *r, const struct words *w, int *event)
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
    return g.offer < 2 && g.request < 2;
}

int
classify_closing_event(struct rules *r, const struct words *w)
{
    int event;
    return closing_reply(r, w, &event) && event;
}

int
classify_closing_maybe(struct rules *r, const struct words *w)
{
    int event;
    return closing_reply(r, w, &event);
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
    if (k->w && negated(k->w, at))
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

/* A copy of the words of SRC without the configured streets in them: "Station Road"
 * says nothing about a lift, nor "Church Street" about a church. 0, or -1 on OOM. */
static int
words_without_streets(const struct placed_words *src, struct words *w)
{
    size_t n = src->w->n;

    w->n = w->cap = 0;
    if (n && !(w->w = malloc(n * sizeof *w->w)))
        return -1;
    if (n)
        memcpy(w->w, src->w->w, n * sizeof *w->w);
    w->n = w->cap = n;
    for (size_t i = 0; i < src->n; i++)
        for (size_t j = src->hits[i].at; j < src->hits[i].at + src->hits[i].n; j++)
            w->w[j].key[0] = '\0';
    return 0;
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
    k.weight = 3;
    k.in_title = 1;
    k.w = &w;
    if (words_without_streets(title, &w) == 0) {
        phrases_scan(&r->closing, &w, 0, w.n, drop_declined, &w);
        phrases_scan(&r->cats, &w, 0, w.n, add_cat, &k);
    }
    words_free(&w);
    memset(k.seen, 0, r->cats.n + 1);
    k.weight = 1;
    k.in_title = 0;
    if (words_without_streets(text, &w) == 0) {
        /* "I don't need shopping any more, what I need is a lift": a sentence that
         * says a thing is not needed says nothing of the post's category */
        phrases_scan(&r->closing, &w, 0, w.n, drop_declined, &w);
        phrases_scan(&r->cats, &w, 0, w.n, add_cat, &k);
    }
    words_free(&w);
    for (size_t i = 0; i < ncats; i++)
        if (k.score[i] > best_score || (k.score[i] == best_score && k.score[i] > 0 &&
                                        k.title_score[i] > best_title)) {
            best_score = k.score[i];
            best_title = k.title_score[i];
            best = cats[i].name;
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

struct explain {
    FILE *out;
    const char *where;
    const struct conf_category *cats;
    const struct words *w; /* the words being scanned, or NULL */
};

static void
explain_kind(const struct phrase *p, size_t at, void *ud)
{
    static const char *const tags[] = {"", "offer", "request", "neutral: hides a shorter phrase",
                                       "about the group"};
    struct explain *e = ud;

    fprintf(e->out, "  %s: \"%s\" (%s", e->where, p->text + strspn(p->text, " "), tags[p->tag]);
    if (p->tag == PH_OFFER || p->tag == PH_REQUEST)
        fprintf(e->out, " %d", p->weight);
    if (discounted(p, e->w, at))
        fprintf(e->out, ", after %s: not counted", discounted(p, e->w, at));
    fputs(")\n", e->out);
}

static void
explain_closing(const struct phrase *p, size_t at, void *ud)
{
    static const char *const tags[] = {"", "done", "taken", "withdrawn", "still open",
                                       "it happened: closes in its thread",
                                       "neutral: hides a shorter phrase"};
    struct explain *e = ud;

    (void)at;
    fprintf(e->out, "  %s: \"%s\" (%s)\n", e->where, p->text + strspn(p->text, " "),
            tags[p->tag]);
}

static void
explain_category(const struct phrase *p, size_t at, void *ud)
{
    struct explain *e = ud;

    (void)at;
    fprintf(e->out, "  %s: \"%s\" (%s)\n", e->where, p->text + strspn(p->text, " "),
            e->cats[p->tag].name);
}

static const char *
kind_name(enum post_kind k)
{
    return k == KIND_OFFER     ? "offer"
           : k == KIND_REQUEST ? "request"
           : k == KIND_CLOSING ? "closing"
           : k == KIND_ROTA    ? "rota"
                               : "not a post";
}

int
classify_explain(struct rules *r, const char *subject, const char *text, time_t when, FILE *out)
{
    struct subject_info si;
    struct words tw = {0}, nw = {0};
    struct kind_guess g;
    struct explain e = {out, "", NULL, NULL};
    char *newtext = NULL, *owntext = NULL, why[200], needed[DAY_SIZE];
    const char *street = NULL, *area, *status;
    enum post_kind kinds[2];
    size_t ncats, at;
    int two;

    classify_subject(subject, &si);
    if (quote_texts(text, &newtext, &owntext) < 0 || words_split(si.title, &tw) < 0 ||
        words_split(newtext, &nw) < 0) {
        free(newtext);
        free(owntext);
        words_free(&tw);
        words_free(&nw);
        return -1;
    }
    e.cats = conf_categories(r->c, &ncats);
    fprintf(out, "subject: %s\n", subject);
    fprintf(out, "  prefix: %s%s%s\n", si.kind == KIND_NONE ? "none" : kind_name(si.kind),
            si.reply ? ", a reply" : "", si.forward ? ", a forward" : "");
    fprintf(out, "  title: %s\n", si.title);
    fprintf(out, "new words (%zu, quotes and signature cut):\n  ", nw.n);
    for (size_t i = 0; i < 300 && newtext[i]; i++)
        fputc(newtext[i] == '\n' ? ' ' : newtext[i], out);
    fputs(strlen(newtext) > 300 ? "...\n" : "\n", out);

    fputs("kind:\n", out);
    e.where = "subject";
    e.w = &tw;
    phrases_scan(&r->kind, &tw, 0, tw.n, explain_kind, &e);
    e.where = "text";
    e.w = &nw;
    phrases_scan(&r->kind, &nw, 0, nw.n, explain_kind, &e);
    e.w = NULL;
    classify_kind_words(r, &tw, &nw, &g);
    fprintf(out, "  the words say: %s (offer %d, request %d, with the shape of the sentences)%s\n",
            kind_name(g.kind), g.offer, g.request,
            g.kind == KIND_NONE || g.sure ? "" : ": unclear, to triage");
    if (g.kind != KIND_NONE && !g.sure) {
        classify_unclear(&g, why, sizeof why);
        fprintf(out, "  triage note: %s\n", why);
    }
    if (si.kind == KIND_OFFER || si.kind == KIND_REQUEST) {
        if (classify_subject_body(r, si.kind, &nw, why, sizeof why) != si.kind)
            fprintf(out, "  %s\n", why);
        else
            fprintf(out, "  the subject's %s stands\n", kind_name(si.kind));
    }
    two = classify_two_posts(r, &nw, &at, kinds);
    if (two > 0)
        fprintf(out, "  two posts: %s, then %s from \"%.*s...\"\n", kind_name(kinds[0]),
                kind_name(kinds[1]), (int)(nw.w[at].len), nw.w[at].s);
    else if (two < 0)
        fputs("  both an offer and a request, not in two clear parts: to triage\n", out);

    fputs("closing words:\n", out);
    e.where = "text";
    phrases_scan(&r->closing, &nw, 0, nw.n, explain_closing, &e);
    status = classify_closing_words(r, &nw);
    fprintf(out, "  closes a post: %s\n",
            status                             ? status
            : classify_closing_event(r, &nw) ? "in its thread, by its author"
                                             : "no");

    fputs("category:\n", out);
    e.where = "subject (x3)";
    phrases_scan(&r->cats, &tw, 0, tw.n, explain_category, &e);
    e.where = "text";
    phrases_scan(&r->cats, &nw, 0, nw.n, explain_category, &e);
    fprintf(out, "  category: %s\n", classify_category_words(r, &tw, &nw));

    area = places_find(r->places, si.place, si.title, owntext, &street);
    fprintf(out, "place:\n  %s%s%s%s%s\n", si.place[0] ? "the subject's (" : "",
            si.place, si.place[0] ? ") " : "", street ? street : "no street",
            area ? "" : ", no area");
    if (area)
        fprintf(out, "  area: %s\n", area);
    fprintf(out, "dates:\n  needed by: %s\n",
            dates_needed_by_words(&tw, &nw, when, needed) ? needed : "no date named");
    free(newtext);
    free(owntext);
    words_free(&tw);
    words_free(&nw);
    return 0;
}
