/* places.c — forgiving street matching against the config's [areas]. */
#include "places.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* Street-type words and their abbreviations: each row's first entry is the canonical
 * form; any entry of a row matches any other. */
static const char *const suffixes[][6] = {
    {"street", "st", "str", NULL},
    {"road", "rd", NULL},
    {"lane", "ln", NULL},
    {"avenue", "ave", "av", "avn", NULL},
    {"close", "cl", NULL},
    {"grove", "gr", "gro", "grv", NULL},
    {"crescent", "cres", "cresc", "cr", NULL},
    {"drive", "dr", "drv", NULL},
    {"place", "pl", NULL},
    {"terrace", "terr", "ter", "tce", NULL},
    {"square", "sq", NULL},
    {"gardens", "gdns", "gdn", "gardns", NULL},
    {"court", "ct", NULL},
    {"park", "pk", NULL},
    {"parade", "pde", NULL},
    {"green", "grn", NULL},
    {"mews", NULL},
    {"way", NULL},
    {"walk", NULL},
    {"row", NULL},
    {"hill", NULL},
    {"rise", NULL},
    {"gate", NULL},
    {"view", NULL},
    {"yard", NULL},
    {"boulevard", "blvd", NULL},
    {"highway", "hwy", NULL},
    {"parkway", "pkwy", NULL},
    {"circle", "cir", NULL},
};
#define NSUFFIXES (sizeof suffixes / sizeof suffixes[0])
_Static_assert(NSUFFIXES <= 32, "typo_rows holds a bit per row");

struct pstreet {
    const char *name, *area;
    struct words w; /* the name's words */
    int suffix;     /* row in suffixes[] of its last word, -1 when it has none */
};

struct places {
    struct pstreet *s;
    size_t n;
    const struct conf_area *areas;
    size_t nareas;
    /* the streets by the row of their last word, in config order within each group:
     * group 0 has no street-type word, group R + 1 ends in row R; ORDER[START[G] ..
     * START[G + 1]) are group G's indexes into S */
    size_t *order, start[NSUFFIXES + 2];
    unsigned char rows[NSUFFIXES]; /* the rows that streets end in */
    size_t row_len[NSUFFIXES];     /* the length of each row's first word */
    size_t nrows;
    /* of those rows, the ones whose first word has byte C as its first or second
     * letter (bit R for row R): one edit leaves a word's first or second letter in
     * place or shifts it by one, so only these can be a typo of it ("Stret") */
    uint32_t typo_rows[256];
};

static int suffix_row_word(const struct word *w);

int
places_is_suffix(const struct word *w)
{
    return suffix_row_word(w) >= 0;
}

/* Whether A and B differ by at most one edit: a letter added, dropped, changed, or
 * two neighbours swapped. */
static int
within_one_n(const char *a, size_t la, const char *b, size_t lb)
{
    size_t i = 0;

    if (la > lb + 1 || lb > la + 1)
        return 0;
    /* one edit leaves the first or the second letter in place, or shifts one of them
     * by one: most words are ruled out here, before any comparing */
    if (la >= 2 && lb >= 2 && a[0] != b[0] && a[1] != b[1] && a[1] != b[0] && a[0] != b[1])
        return 0;
    while (i < la && i < lb && a[i] == b[i])
        i++;
    if (i == la && i == lb)
        return 1;
    if (la == lb) {
        if (strcmp(a + i + 1, b + i + 1) == 0)
            return 1; /* changed */
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               strcmp(a + i + 2, b + i + 2) == 0; /* swapped */
    }
    return la > lb ? strcmp(a + i + 1, b + i) == 0 : strcmp(a + i, b + i + 1) == 0;
}

static int
within_one(const char *a, const char *b)
{
    return within_one_n(a, strlen(a), b, strlen(b));
}

struct places *
places_new(const conf *c)
{
    struct places *pl = calloc(1, sizeof *pl);
    size_t total = 0;

    if (!pl)
        return NULL;
    pl->areas = conf_areas(c, &pl->nareas);
    for (size_t i = 0; i < pl->nareas; i++)
        total += pl->areas[i].nstreets;
    if (total && !(pl->s = calloc(total, sizeof *pl->s))) {
        free(pl);
        return NULL;
    }
    for (size_t i = 0; i < pl->nareas; i++)
        for (size_t j = 0; j < pl->areas[i].nstreets; j++) {
            struct pstreet *s = &pl->s[pl->n];
            s->name = pl->areas[i].streets[j].name;
            s->area = pl->areas[i].name;
            if (words_split(s->name, &s->w) < 0) {
                places_free(pl);
                return NULL;
            }
            if (s->w.n == 0) {
                words_free(&s->w);
                continue;
            }
            s->suffix = s->w.n > 1 ? suffix_row_word(&s->w.w[s->w.n - 1]) : -1;
            pl->n++;
        }
    if (pl->n && !(pl->order = malloc(pl->n * sizeof *pl->order))) {
        places_free(pl);
        return NULL;
    }
    for (size_t k = 0; k < pl->n; k++)
        pl->start[pl->s[k].suffix + 2]++;
    for (size_t g = 1; g < NSUFFIXES + 2; g++)
        pl->start[g] += pl->start[g - 1];
    for (size_t k = 0; k < pl->n; k++) /* (START[G + 1] counts G's streets placed) */
        pl->order[pl->start[pl->s[k].suffix + 1]++] = k;
    for (size_t g = NSUFFIXES + 1; g > 0; g--)
        pl->start[g] = pl->start[g - 1];
    pl->start[0] = 0;
    for (size_t r = 0; r < NSUFFIXES; r++)
        pl->row_len[r] = strlen(suffixes[r][0]);
    for (size_t r = 0; r < NSUFFIXES; r++)
        if (pl->start[r + 1] < pl->start[r + 2]) {
            pl->rows[pl->nrows++] = (unsigned char)r;
            pl->typo_rows[(unsigned char)suffixes[r][0][0]] |= (uint32_t)1 << r;
            pl->typo_rows[(unsigned char)suffixes[r][0][1]] |= (uint32_t)1 << r;
        }
    return pl;
}

void
places_free(struct places *pl)
{
    if (!pl)
        return;
    for (size_t i = 0; i < pl->n; i++)
        words_free(&pl->s[i].w);
    free(pl->s);
    free(pl->order);
    free(pl);
}

/* One word of a street name against one written word; *TYPOS counts the letters
 * forgiven so far (one per street). */
static int
word_matches(const char *want, const struct word *got_w, int last_suffix, int first, int *typos)
{
    const char *got = got_w->raw;

    if (strcmp(want, got) == 0)
        return 1;
    if (last_suffix >= 0) {
        int row = suffix_row_word(got_w);
        if (row == last_suffix)
            return 1;
        /* "Stret", "Raod": a typo of the full word */
        if (row < 0 && strlen(got) >= 4 && *typos == 0 && within_one(suffixes[last_suffix][0], got))
            return ++*typos;
        return 0;
    }
    if (first && ((strcmp(want, "st") == 0 && strcmp(got, "saint") == 0) ||
                  (strcmp(want, "saint") == 0 && strcmp(got, "st") == 0)))
        return 1;
    if (*typos == 0 && strlen(want) >= 4 && strlen(got) >= 3 && within_one(want, got))
        return ++*typos;
    return 0;
}

static int
street_at(const struct pstreet *s, const struct words *w, size_t at)
{
    int typos = 0;

    if (at + s->w.n > w->n)
        return 0;
    for (size_t i = 0; i < s->w.n; i++) {
        int last = i + 1 == s->w.n;
        if (!word_matches(s->w.w[i].raw, &w->w[at + i], last ? s->suffix : -1, i == 0, &typos))
            return 0;
    }
    /* "Elm Street" must not match inside "Elm Streetcar"; words already end there */
    return 1;
}

/* All spellings of street-type words in a hash table by their hash (words_hash's, as
 * unsigned): asked of every word of every text, which mostly finds an empty slot at
 * once, the word's hash being words_split's. */
#define SPELLING_SLOTS 256
struct spelling {
    const char *s; /* NULL: an empty slot */
    unsigned hash;
    int row;
};
static struct spelling spellings[SPELLING_SLOTS];

static void
spellings_init(void)
{
    for (size_t i = 0; i < NSUFFIXES; i++)
        for (size_t j = 0; suffixes[i][j]; j++) {
            unsigned h = (unsigned)words_hash(suffixes[i][j]);
            size_t at = h % SPELLING_SLOTS;
            while (spellings[at].s)
                at = (at + 1) % SPELLING_SLOTS;
            spellings[at] = (struct spelling){suffixes[i][j], h, (int)i};
        }
}

/* The row of suffixes[] that RAW (of HASH) is a spelling of, or -1. */
static int
suffix_row_hashed(const char *raw, unsigned hash)
{
    static int ready;

    if (!ready) {
        spellings_init();
        ready = 1;
    }
    for (size_t at = hash % SPELLING_SLOTS; spellings[at].s; at = (at + 1) % SPELLING_SLOTS)
        if (spellings[at].hash == hash && strcmp(spellings[at].s, raw) == 0)
            return spellings[at].row;
    return -1;
}

/* The row of suffixes[] that word W is a spelling of, or -1. */
static int
suffix_row_word(const struct word *w)
{
    return suffix_row_hashed(w->raw, w->raw_hash);
}

/* Street K of PL ending at word J of W, if it is there and longer than *BEST (or as
 * long and earlier in the config): then it becomes *BEST. */
static void
try_street(const struct places *pl, size_t k, const struct words *w, size_t j, size_t next_free,
           const struct pstreet **best, size_t *best_k, size_t *best_at)
{
    const struct pstreet *s = &pl->s[k];
    size_t n = s->w.n, at;

    if (j + 1 < n)
        return;
    at = j + 1 - n;
    if (at < next_free || !street_at(s, w, at))
        return;
    if (!*best || n > (*best)->w.n || (n == (*best)->w.n && k < *best_k)) {
        *best = s;
        *best_k = k;
        *best_at = at;
    }
}

/* try_street for each street of group G (see struct places). */
static void
try_group(const struct places *pl, size_t g, const struct words *w, size_t j, size_t next_free,
          const struct pstreet **best, size_t *best_k, size_t *best_at)
{
    for (size_t i = pl->start[g]; i < pl->start[g + 1]; i++)
        try_street(pl, pl->order[i], w, j, next_free, best, best_k, best_at);
}

/* The street whose name without its street-type word is W[J], after a house number
 * and before no street-type word: "40 Canal" is 40 Canal Street, as New Yorkers write
 * it ("the party at 12 Hill" too; "Hill" alone, a common word, is no street). NULL
 * for none. */
static const struct pstreet *
bare_name(const struct places *pl, const struct words *w, size_t j)
{
    const struct word *x = &w->w[j], *num = j > 0 ? &w->w[j - 1] : NULL;
    size_t digits = num ? strspn(num->raw, "0123456789") : 0;

    if (!num || !(x->flags & W_CAP) || !(num->flags & W_DIGITS) || digits == 0 ||
        digits > 4 || (num->raw[digits] && num->raw[digits + 1]) ||
        (j + 1 < w->n && suffix_row_word(&w->w[j + 1]) >= 0))
        return NULL;
    for (size_t i = 0; i < pl->n; i++)
        if (pl->s[i].suffix >= 0 && pl->s[i].w.n == 2 &&
            strcmp(pl->s[i].w.w[0].key, x->key) == 0)
            return &pl->s[i];
    return NULL;
}

size_t
places_all(const struct places *pl, const struct words *w, struct place_hit *hits, size_t max)
{
    size_t nh = 0, next_free = 0;

    /* Streets are anchored on their last word when it is a street-type word (exact,
     * abbreviated or one letter off), so that most words cost one look-up. */
    for (size_t j = 0; j < w->n && nh < max; j++) {
        const char *raw = w->w[j].raw;
        int row = suffix_row_word(&w->w[j]);
        size_t len = row < 0 ? strlen(raw) : 0;
        const struct pstreet *best = NULL;
        size_t best_k = 0, best_at = 0;

        /* the streets without a street-type word; those ending in the word's row or,
         * for a longer word of no row, in a row one letter off ("Stret") */
        try_group(pl, 0, w, j, next_free, &best, &best_k, &best_at);
        if (row >= 0)
            try_group(pl, (size_t)row + 1, w, j, next_free, &best, &best_k, &best_at);
        else if (len >= 4)
            for (uint32_t m = pl->typo_rows[(unsigned char)raw[0]] |
                              pl->typo_rows[(unsigned char)raw[1]];
                 m; m &= m - 1) {
                size_t r = (size_t)__builtin_ctz(m);
                if (within_one_n(suffixes[r][0], pl->row_len[r], raw, len))
                    try_group(pl, r + 1, w, j, next_free, &best, &best_k, &best_at);
            }
        const struct pstreet *bare = !best && j >= next_free ? bare_name(pl, w, j) : NULL;
        if (bare) { /* a name without its street-type word */
            hits[nh++] = (struct place_hit){bare->name, bare->area, j, 1};
            next_free = j + 1;
        } else if (best) {
            hits[nh++] = (struct place_hit){best->name, best->area, best_at, best->w.n};
            next_free = j + 1;
        }
    }
    return nh;
}

/* How sure we are that a street named at W[AT] is where the sender is: "I live on Oak
 * Road", "14 Oak Road" and a street alone on a line (a signature) beat "the chemist on
 * Bridge Street", which beats "a lift to Station Road". */
static int
home_score(const struct words *w, size_t at)
{
    static const char *const self[] = {"live", "living", "lives", "im", "am", "were", "we",
                                       "based", "stay", "staying", "moved", "address", "is"};
    static const char *const near[] = {"on", "in", "at", "of", "from", "round", "near"};
    static const char *const away[] = {"to", "toward", "towards", "past", "via", "down", "up"};

    if (at == 0 || (w->w[at].flags & W_BREAK))
        return 2; /* a street alone, as in a signature or "(Oak Road)" */
    const struct word *prev = &w->w[at - 1];
    if (prev->flags & W_DIGITS)
        return 3;
    for (size_t i = 0; i < sizeof near / sizeof near[0]; i++)
        if (word_is(prev->raw, near[i])) {
            if (at >= 2)
                for (size_t k = 0; k < sizeof self / sizeof self[0]; k++)
                    if (word_is(w->w[at - 2].raw, self[k]))
                        return 3;
            return 1;
        }
    for (size_t i = 0; i < sizeof away / sizeof away[0]; i++)
        if (word_is(prev->raw, away[i]))
            return -1;
    return 0;
}

void
places_in(const struct places *pl, const struct words *w, struct placed_words *out)
{
    out->w = w;
    out->n = places_all(pl, w, out->hits, PLACED_MAX);
}

/* The area of the street the sender most likely is on, of those found in P (see
 * home_score). */
static const char *
find_in_placed(const struct placed_words *p, const char **street)
{
    const char *area = NULL;
    int best = -2;

    for (size_t i = 0; i < p->n; i++) {
        int score = home_score(p->w, p->hits[i].at);
        if (score > best) {
            best = score;
            *street = p->hits[i].street;
            area = p->hits[i].area;
        }
    }
    return area;
}

/* find_in_placed on TEXT: its words and streets as given in P, else found here. */
static const char *
find_in(const struct places *pl, const char *text, const struct placed_words *p,
        const char **street)
{
    struct words own = {0};
    struct placed_words here;
    const char *area;

    if (!text || !*text)
        return NULL;
    if (p)
        return find_in_placed(p, street);
    if (words_split(text, &own) < 0) {
        words_free(&own);
        return NULL;
    }
    places_in(pl, &own, &here);
    area = find_in_placed(&here, street);
    words_free(&own);
    return area;
}

static const char *
area_named(const struct places *pl, const char *text)
{
    static const char *const everyday[] = {"north", "south", "east", "west", "central",
                                           "centre", "center", "middle", "top", "bottom",
                                           "upper", "lower", "old", "new", "other", NULL};

    if (!text || !*text)
        return NULL;
    for (size_t i = 0; i < pl->nareas; i++) {
        const char *name = pl->areas[i].name;
        int common = strlen(name) < 4;
        for (size_t k = 0; everyday[k] && !common; k++)
            common = strcasecmp(name, everyday[k]) == 0 ||
                     (strncasecmp(name, everyday[k], strlen(everyday[k])) == 0 &&
                      !name[strlen(everyday[k])]);
        if (!common && text_find_word(text, name))
            return name;
    }
    return NULL;
}

const char *
places_find_words(const struct places *pl, const char *place, const char *title,
                  const struct placed_words *title_w, const char *text,
                  const struct placed_words *text_w, const char **street)
{
    const char *area;

    *street = NULL;
    if (place && *place) {
        if ((area = find_in(pl, place, NULL, street)))
            return area;
        for (size_t i = 0; i < pl->nareas; i++)
            if (strcasecmp(pl->areas[i].name, place) == 0)
                return pl->areas[i].name;
    }
    if ((area = find_in(pl, title, title_w, street)) || (area = find_in(pl, text, text_w, street)))
        return area;
    /* no street: an area named in so many words ("we're in Riverside"), unless its
     * name is an everyday word like "north" */
    if ((area = area_named(pl, title)) || (area = area_named(pl, text)))
        return area;
    return NULL;
}

const char *
places_find(const struct places *pl, const char *place, const char *title, const char *text,
            const char **street)
{
    return places_find_words(pl, place, title, NULL, text, NULL, street);
}

int
places_signed(const struct placed_words *pw)
{
    for (size_t i = 0; i < pw->n; i++) {
        const struct word *last = &pw->w->w[pw->hits[i].at + pw->hits[i].n - 1];
        const char *q = last->s + last->len;
        while (*q == ' ' || *q == '.' || *q == ',' || *q == '!' || *q == '\r')
            q++;
        if (*q == '\n' || *q == '\0')
            return 1;
    }
    return 0;
}

int
places_strip(const struct placed_words *src, struct words *w)
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
