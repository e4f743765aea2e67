/* classify.c — subject prefixes, places, categories and the new words of a message. */
#include "classify.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"

struct prefix {
    const char *word;
    enum post_kind kind;
    const char *status; /* closings */
};

/* Longer words first, so that "HELP NEEDED" wins over a shorter match. */
static const struct prefix prefixes[] = {
    {"HELP NEEDED", KIND_REQUEST, NULL}, {"REQUESTING", KIND_REQUEST, NULL},
    {"REQUEST", KIND_REQUEST, NULL},     {"OFFERING", KIND_OFFER, NULL},
    {"OFFERED", KIND_OFFER, NULL},       {"OFFER", KIND_OFFER, NULL},
    {"WANTED", KIND_REQUEST, NULL},      {"NEEDED", KIND_REQUEST, NULL},
    {"NEED", KIND_REQUEST, NULL},        {"WITHDRAWN", KIND_CLOSING, "withdrawn"},
    {"CANCELLED", KIND_CLOSING, "withdrawn"}, {"CANCELED", KIND_CLOSING, "withdrawn"},
    {"CANCEL", KIND_CLOSING, "withdrawn"}, {"RECEIVED", KIND_CLOSING, "done"},
    {"FILLED", KIND_CLOSING, "done"},    {"TAKEN", KIND_CLOSING, "taken"},
    {"DONE", KIND_CLOSING, "done"},      {"ROTA", KIND_ROTA, NULL},
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
    static const char *const tags[] = {"re:", "fwd:", "fw:", "aw:", "sv:", "re :"};

    for (;;) {
        int found = 0;
        s = skip_space(s);
        for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
            if (strncasecmp(s, tags[i], strlen(tags[i])) == 0) {
                s += strlen(tags[i]);
                *reply = found = 1;
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

/* Finds a reference code like R-0042 or O-17 (any case) in S. */
static int
find_ref(const char *s, char out[24])
{
    for (const char *p = s; *p; p++) {
        char k = (char)toupper((unsigned char)*p);
        if ((k != 'R' && k != 'O') || (p > s && isalnum((unsigned char)p[-1])) || p[1] != '-' ||
            !isdigit((unsigned char)p[2]))
            continue;
        long n = strtol(p + 2, NULL, 10);
        const char *e = p + 2;
        while (isdigit((unsigned char)*e))
            e++;
        if (isalnum((unsigned char)*e) || n <= 0 || n > 99999999)
            continue;
        snprintf(out, 24, "%c-%04ld", k, n);
        return 1;
    }
    return 0;
}

void
classify_subject(const char *subject, struct subject_info *out)
{
    const char *s, *rest = NULL;
    const struct prefix *p = NULL;

    memset(out, 0, sizeof *out);
    s = skip_reply_prefixes(subject, &out->reply);
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0] && !rest; i++)
        if ((rest = match_prefix(s, &prefixes[i])))
            p = &prefixes[i];
    out->kind = p ? p->kind : KIND_NONE;
    snprintf(out->title, sizeof out->title, "%s", skip_space(rest ? rest : s));
    text_squeeze(out->title);
    if (p && p->kind == KIND_CLOSING) {
        out->status = p->status;
        find_ref(out->title, out->ref);
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
classify_place(const conf *c, const char *place, const char *title, const char *text,
               const char **street)
{
    const struct conf_area *areas, *a;
    size_t n;

    *street = NULL;
    if (place && *place && (a = conf_street_area(c, place, street)))
        return a->name;
    areas = conf_areas(c, &n);
    if (place && *place)
        for (size_t i = 0; i < n; i++)
            if (strcasecmp(areas[i].name, place) == 0)
                return areas[i].name;
    /* Then any configured street named in the title, then in the text. */
    const char *where[] = {place, title, text};
    for (size_t w = 0; w < 3; w++) {
        if (!where[w] || !*where[w])
            continue;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < areas[i].nstreets; j++)
                if (text_find_word(where[w], areas[i].streets[j].name)) {
                    *street = areas[i].streets[j].name;
                    return areas[i].name;
                }
    }
    return NULL;
}

static int
count_hits(const char *s, char *const *words, size_t n)
{
    int hits = 0;

    for (size_t i = 0; i < n; i++)
        if (text_find_word(s, words[i]))
            hits++;
    return hits;
}

const char *
classify_category(const conf *c, const char *title, const char *text)
{
    size_t n;
    const struct conf_category *cats = conf_categories(c, &n);
    const char *best = "other";
    int best_score = 0;

    for (size_t i = 0; i < n; i++) {
        int score = 2 * count_hits(title, cats[i].keywords, cats[i].nkeywords) +
                    count_hits(text, cats[i].keywords, cats[i].nkeywords);
        if (score > best_score) {
            best_score = score;
            best = cats[i].name;
        }
    }
    return best;
}

static int
starts_quote(const char *line, size_t len)
{
    if (len > 0 && line[0] == '>')
        return 1;
    if (len >= 5 && strncmp(line, "-----", 5) == 0 && memmem(line, len, "Original", 8))
        return 1;
    /* "On Tue, 24 Nov 2026 at 09:12, Priya <...> wrote:" */
    if (len >= 3 && strncmp(line, "On ", 3) == 0) {
        const char *w = memmem(line, len, "wrote:", 6);
        if (w)
            return 1;
    }
    if (len >= 5 && strncmp(line, "From:", 5) == 0)
        return 1;
    return 0;
}

static int
starts_signature(const char *line, size_t len)
{
    if ((len == 3 && strncmp(line, "-- ", 3) == 0) || (len == 2 && strncmp(line, "--", 2) == 0))
        return 1;
    return len >= 12 && (strncasecmp(line, "Sent from my", 12) == 0 ||
                         strncasecmp(line, "Get Outlook for", 15) == 0);
}

char *
classify_new_text(const char *text)
{
    struct buf b = {0};
    const char *p = text;

    buf_add(&b, "", 0);
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (starts_quote(p, len) || starts_signature(p, len))
            break;
        buf_add(&b, p, len);
        buf_addc(&b, '\n');
        p += len + (eol ? 1 : 0);
    }
    /* drop the trailing blank lines */
    while (b.len > 0 && isspace((unsigned char)b.data[b.len - 1]))
        b.data[--b.len] = '\0';
    return buf_take(&b);
}
