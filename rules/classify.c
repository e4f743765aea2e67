/* classify.c — subject prefixes, reference codes, automatic and chatter subjects, and
 * the rules compiled from the config (the rest of what the words say is in
 * classify_kind.c, classify_two.c, classify_closing.c, classify_category.c and
 * classify_explain.c). */
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
    char low[256];
    /* lowered once, then strstr for each word (asked of most mail, up to four times) */
    int lowered = text_lower_copy(low, sizeof low, s) == strlen(s);

    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
        size_t n = strlen(first[i]);
        if (strncasecmp(s, first[i], n) == 0 && !isalpha((unsigned char)s[n]))
            return 1;
    }
    for (size_t i = 0; i < sizeof anywhere / sizeof anywhere[0]; i++)
        if (lowered ? text_find_word_lower(low, anywhere[i]) != NULL
                    : text_find_word(s, anywhere[i]) != NULL)
            return 1;
    return 0;
}

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
