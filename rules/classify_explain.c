/* classify_explain.c — doorstep-process --explain: the words and phrases that decided a
 * message's kind, category, place and dates. */
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
    if (classify_discounted(p, e->w, at))
        fprintf(e->out, ", after %s: not counted", classify_discounted(p, e->w, at));
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
    if (g.kind == KIND_NONE && !si.reply && !g.group && !classify_chatter_subject(subject)) {
        struct placed_words pw;
        places_in(r->places, &nw, &pw);
        fprintf(out, "  not a post, unless it shares words with an open post of the sender's "
                     "(triage: is it over?)%s\n",
                places_signed(&pw) ? ", and signed with a street: a request in triage" : "");
    }
    if (g.kind != KIND_NONE && (!g.sure || g.contradicted)) {
        classify_unclear(&g, why, sizeof why);
        fprintf(out, "  triage note%s: %s\n", g.sure ? " (the post published)" : "", why);
    }
    if (si.kind == KIND_OFFER || si.kind == KIND_REQUEST) {
        if (classify_subject_body(r, si.kind, &nw, why, sizeof why) != si.kind)
            fprintf(out, "  %s\n", why);
        else
            fprintf(out, "  the subject's %s stands\n", kind_name(si.kind));
    }
    two = classify_two_posts(r, &nw, &at, kinds);
    if (two > 0)
        fprintf(out, "  two posts%s: %s, then %s from \"%.*s...\"\n",
                two == 2 ? " (no word turns to the second: both to triage)" : "",
                kind_name(kinds[0]), kind_name(kinds[1]), (int)(nw.w[at].len), nw.w[at].s);
    else if (two < 0)
        fputs("  both an offer and a request, not in two clear parts: to triage\n", out);

    fputs("closing words:\n", out);
    e.where = "text";
    phrases_scan(&r->closing, &nw, 0, nw.n, explain_closing, &e);
    status = classify_closing_words(r, &nw);
    fprintf(out, "  closes a post: %s\n",
            status                             ? status
            : classify_closing_event(r, &nw, KIND_NONE) ? "in its thread, by its author"
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
