/* leaflets.c — the leaflets PDF: for each area (or delivery round), the help neighbours
 * offer there, how to ask without a computer, a QR code to email the group and a
 * tear-off reply slip. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "db.h"
#include "log.h"
#include "pdf.h"
#include "privacy.h"
#include "render.h"
#include "rounds.h"

#define MAX_TITLES 6    /* offer titles shown on one leaflet */
#define MAX_LOADED 100  /* titles read per category */
#define BULLET "\u2022" /* • */
#define SCISSORS "\u2702"

struct category {
    char *key; /* posts.category */
    int order; /* its place in the config, unknown ones last */
    int count; /* open offers */
    char **titles;
    int ntitles, shown;
};

/* An open offer, as read from the database. */
struct offer {
    char *area, *category, *title; /* "" when NULL */
    long where;                    /* the index of its area in [areas]; NO_AREA, or UNKNOWN_AREA */
};
#define NO_AREA (-1)      /* an offer without an area: on every leaflet */
#define UNKNOWN_AREA (-2) /* an area the config no longer has: on none but the group's */

struct leaflet {
    const struct render_ctx *rc;
    struct offer *offers; /* every open offer, newest first */
    size_t noffers;
    struct pdf pdf;
    struct pdf_labels words;
    char printed[128], mailto[512];
    const struct conf_area *area; /* NULL: the whole group */
    const struct round *round;    /* with [leaflets] per = round */
    size_t nrounds;
    const char *volunteer; /* the first name of who delivers the round, or NULL */
    struct category *cats;
    size_t ncats;
    size_t listed; /* categories named when no titles fit; the others are counted */
    /* sizes for the paper */
    float body, headline, phone, qr, margin;
    int compact; /* no spare writing lines on the slip */
};

/* A copy of TITLE with anything that looks like an email address or a phone number
 * replaced by "…". Titles are redacted when posts are made; this is a second guard. */
static char *
public_title(const char *title)
{
    char *clean = pdf_clean(title), *out;
    size_t o = 0;

    if (!clean || !(out = malloc(strlen(clean) * 3 + 1))) {
        free(clean);
        return NULL;
    }
    for (size_t i = 0; clean[i];) {
        size_t end = i, digits = 0, last = i;

        if (i == 0 || clean[i - 1] == ' ') {
            size_t tok = strcspn(clean + i, " ");
            if (memchr(clean + i, '@', tok)) {
                memcpy(out + o, "\u2026", 3), o += 3;
                i += tok;
                continue;
            }
        }
        if (isdigit((unsigned char)clean[i]) || clean[i] == '+' || clean[i] == '(') {
            while (clean[end] && strchr("0123456789 +-().", clean[end])) {
                if (isdigit((unsigned char)clean[end])) {
                    digits++;
                    last = end + 1;
                }
                end++;
            }
            if (digits >= 7) {
                memcpy(out + o, "\u2026", 3), o += 3;
                i = last;
                continue;
            }
        }
        out[o++] = clean[i++];
    }
    out[o] = '\0';
    free(clean);
    return out;
}

static void
free_categories(struct leaflet *l)
{
    for (size_t i = 0; i < l->ncats; i++) {
        for (int j = 0; j < l->cats[i].ntitles; j++)
            free(l->cats[i].titles[j]);
        free(l->cats[i].titles);
        free(l->cats[i].key);
    }
    free(l->cats);
    l->cats = NULL;
    l->ncats = 0;
}

static int
by_order(const void *a, const void *b)
{
    const struct category *x = a, *y = b;

    return x->order != y->order ? x->order - y->order : strcmp(x->key, y->key);
}

/* Adds a title of category KEY; returns 0 or -1 when out of memory. */
static int
add_offer(struct leaflet *l, const char *key, const char *title)
{
    const conf *c = l->rc->conf;
    struct category *cat = NULL, *more;
    const struct conf_category *known;
    size_t nknown;
    char **titles;

    for (size_t i = 0; i < l->ncats && !cat; i++)
        if (strcmp(l->cats[i].key, key) == 0)
            cat = &l->cats[i];
    if (!cat) {
        if (!(more = realloc(l->cats, (l->ncats + 1) * sizeof *l->cats)))
            return -1;
        l->cats = more;
        cat = memset(&l->cats[l->ncats], 0, sizeof *cat);
        if (!(cat->key = pdf_clean(key)))
            return -1;
        l->ncats++;
        known = conf_categories(c, &nknown);
        cat->order = (int)nknown;
        for (size_t i = 0; i < nknown; i++)
            if (strcasecmp(known[i].name, key) == 0)
                cat->order = (int)i;
    }
    cat->count++;
    if (cat->ntitles == MAX_LOADED)
        return 0;
    if (!(titles = realloc(cat->titles, (size_t)(cat->ntitles + 1) * sizeof *titles)))
        return -1;
    cat->titles = titles;
    if (!(titles[cat->ntitles] = public_title(title)))
        return -1;
    cat->ntitles++;
    return 0;
}

/* A hash of S in lower case (FNV-1a), for matching area names as SQL's NOCASE does. */
static size_t
hash_nocase(const char *s)
{
    size_t h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 16777619u;
    return h;
}

/* Sets each offer's WHERE through a hash table of the areas' names, so that a thousand
 * leaflets do not compare every offer with every area. Returns 0, or -1 on OOM. */
static int
place_offers(struct leaflet *l)
{
    size_t nareas, size = 16;
    const struct conf_area *areas = conf_areas(l->rc->conf, &nareas);
    long *table;

    while (size < 2 * nareas)
        size *= 2;
    if (!(table = malloc(size * sizeof *table)))
        return -1;
    for (size_t i = 0; i < size; i++)
        table[i] = -1;
    for (size_t a = 0; a < nareas; a++) {
        size_t h = hash_nocase(areas[a].name) & (size - 1);
        while (table[h] >= 0)
            h = (h + 1) & (size - 1);
        table[h] = (long)a;
    }
    for (size_t i = 0; i < l->noffers; i++) {
        struct offer *o = &l->offers[i];
        size_t h = hash_nocase(o->area) & (size - 1);
        o->where = *o->area ? UNKNOWN_AREA : NO_AREA;
        for (; *o->area && table[h] >= 0; h = (h + 1) & (size - 1))
            if (strcasecmp(areas[table[h]].name, o->area) == 0) {
                o->where = table[h];
                break;
            }
    }
    free(table);
    return 0;
}

/* Reads every open offer that has not expired, newest first, into L->offers: read
 * once, then shared out between the leaflets (one query per area was the slowest part
 * of a thousand leaflets). */
static int
load_all_offers(struct leaflet *l, char *err, size_t errlen)
{
    sqlite3 *db = l->rc->db;
    sqlite3_stmt *st;
    int rc;

    st = db_prepare(db,
                    "SELECT area, category, title FROM posts WHERE kind = 'offer'"
                    " AND status = 'open'"
                    " AND (expires_at IS NULL OR expires_at = '' OR expires_at >= ?1)"
                    " ORDER BY created_at DESC, id DESC",
                    err, errlen);
    if (!st)
        return EX_SOFTWARE;
    sqlite3_bind_text(st, 1, l->rc->date, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct offer *more = realloc(l->offers, (l->noffers + 1) * sizeof *more), *o;
        if (!more) {
            rc = SQLITE_NOMEM;
            break;
        }
        l->offers = more;
        o = &l->offers[l->noffers];
        o->area = db_column_strdup(st, 0);
        o->category = db_column_strdup(st, 1);
        o->title = db_column_strdup(st, 2);
        l->noffers++;
        if (!o->area || !o->category || !o->title) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_NOMEM || (rc == SQLITE_DONE && place_offers(l) < 0)) {
        snprintf(err, errlen, "leaflets: out of memory");
        return EX_OSERR;
    }
    if (rc != SQLITE_DONE) {
        db_errmsg(db, err, errlen);
        return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? EX_TEMPFAIL : EX_IOERR;
    }
    return 0;
}

/* The offers of the leaflet's area (offers without an area count for every area) into
 * its categories. Returns 0 or EX_OSERR. */
static int
load_offers(struct leaflet *l, char *err, size_t errlen)
{
    size_t nareas;
    long here = l->area ? (long)(l->area - conf_areas(l->rc->conf, &nareas)) : NO_AREA;

    free_categories(l);
    for (size_t i = 0; i < l->noffers; i++) {
        const struct offer *o = &l->offers[i];
        if (l->area && o->where != NO_AREA && o->where != here)
            continue;
        if (add_offer(l, o->category, o->title) < 0) {
            snprintf(err, errlen, "leaflets: out of memory");
            return EX_OSERR;
        }
    }
    if (l->ncats > 1)
        qsort(l->cats, l->ncats, sizeof *l->cats, by_order);
    return 0;
}

/* Chooses which titles to show: up to N in all, taken in turn from each category. */
static void
choose_titles(struct leaflet *l, int n)
{
    int progress = 1;

    for (size_t i = 0; i < l->ncats; i++)
        l->cats[i].shown = 0;
    while (n > 0 && progress) {
        progress = 0;
        for (size_t i = 0; i < l->ncats && n > 0; i++)
            if (l->cats[i].shown < l->cats[i].ntitles) {
                l->cats[i].shown++;
                n--;
                progress = 1;
            }
    }
}

static json_t *
leaflet_data(struct leaflet *l)
{
    const conf *c = l->rc->conf;
    json_t *d = json_object(), *cats = json_array();
    char *name = NULL, *streets = NULL;
    size_t len = 0;
    int total = 0, hidden = 0, hidden_offers = 0;

    if (!d || !cats)
        goto oom;
    json_object_set_new(d, "group", pdf_jstr(conf_str(c, "group", "name")));
    json_object_set_new(d, "address", pdf_jstr(conf_str(c, "group", "address")));
    json_object_set_new(d, "phone", pdf_jstr(conf_str(c, "group", "phone")));
    if (privacy_add(d, c) < 0)
        goto oom;
    json_object_set_new(d, "date", json_string(l->rc->date));
    json_object_set_new(d, "printed", pdf_jstr(l->printed));
    json_object_set_new(d, "round", json_false()); /* a number with per = round */
    json_object_set_new(d, "volunteer", l->volunteer ? pdf_jstr(l->volunteer) : json_null());
    if (l->area) {
        if (!(name = strdup(l->area->name)))
            goto oom;
        name[0] = (char)toupper((unsigned char)name[0]);
        json_object_set_new(d, "area", pdf_jstr(name));
        json_object_set_new(d, "area_key", pdf_jstr(l->area->name));
        if (l->round) {
            for (size_t i = 0; i < l->round->nstreets; i++)
                len += strlen(l->round->streets[i].name) + 2;
        } else {
            for (size_t i = 0; i < l->area->nstreets; i++)
                len += strlen(l->area->streets[i].name) + 2;
        }
        if (!(streets = calloc(1, len + 1)))
            goto oom;
        if (l->round) {
            for (size_t i = 0; i < l->round->nstreets; i++)
                strcat(strcat(streets, i ? ", " : ""), l->round->streets[i].name);
            json_object_set_new(d, "round", json_integer(l->round->number));
            json_object_set_new(d, "rounds", json_integer((json_int_t)l->nrounds));
        } else {
            for (size_t i = 0; i < l->area->nstreets; i++)
                strcat(strcat(streets, i ? ", " : ""), l->area->streets[i].name);
        }
        json_object_set_new(d, "streets", pdf_jstr(streets));
    }
    for (size_t i = 0; i < l->ncats; i++) {
        struct category *cat = &l->cats[i];
        json_t *titles = json_array();
        json_t *o =
            json_pack("{s:o, s:i, s:b, s:i, s:o}", "key", pdf_jstr(cat->key), "count", cat->count,
                      "one", cat->count == 1, "more", cat->count - cat->shown, "titles", titles);
        if (!o || json_array_append_new(cats, o) < 0)
            goto oom;
        free(name);
        if (!(name = strdup(cat->key)))
            goto oom;
        name[0] = (char)toupper((unsigned char)name[0]);
        json_object_set_new(o, "name", pdf_jstr(name));
        for (int j = 0; j < cat->shown; j++)
            json_array_append_new(titles, pdf_jstr(cat->titles[j]));
        total += cat->count;
        if (i >= l->listed)
            hidden++, hidden_offers += cat->count;
    }
    /* counts with _one beside them, so the words agree (render_count) */
    render_count(d, "hidden", hidden);
    json_object_set_new(d, "hidden", json_integer(hidden));
    render_count(d, "hidden_offers", hidden_offers);
    json_object_set_new(d, "hidden_offers", json_integer(hidden_offers));
    json_object_set_new(d, "offers", json_integer(total));
    json_object_set_new(d, "categories", cats);
    free(name);
    free(streets);
    return d;
oom:
    free(name);
    free(streets);
    json_decref(cats);
    json_decref(d);
    return NULL;
}

/* The list of offers in box B; returns the height it needs, more than B.h when it
 * does not fit (it is then drawn only as far as it fits). */
static float
offers(struct leaflet *l, HPDF_Page page, struct pdf_box b)
{
    struct pdf *p = &l->pdf;
    float used = 0, indent = l->body * 1.2f;
    char key[160], text[256];
    int cut = 0;

#define PUT(font, dx, s)                                                                           \
    used +=                                                                                        \
        pdf_wrap(p, cut ? NULL : page, font, l->body,                                              \
                 (struct pdf_box){b.x + (dx), b.top - used, b.w - (dx), cut ? 1e9f : b.h - used},  \
                 s, 0, &cut)
    if (l->ncats == 0) {
        PUT(p->regular, 0, pdf_label(&l->words, "none", "Nobody has offered help here just now."));
        goto done;
    }
    PUT(p->bold, 0, pdf_label(&l->words, "offers", "Neighbours near you are offering:"));
    if (l->cats[0].shown == 0) {
        /* no room for titles: the headings run on in one paragraph */
        char list[2048];
        size_t o = 0;
        for (size_t i = 0; i < l->listed && o < sizeof list; i++) {
            snprintf(key, sizeof key, "category %s", l->cats[i].key);
            snprintf(text, sizeof text, "%s (%d)", l->cats[i].key, l->cats[i].count);
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? " \u00b7 " : "",
                                  pdf_label(&l->words, key, text));
        }
        /* the categories that did not fit are counted, never dropped without a word */
        if (l->listed < l->ncats && o < sizeof list)
            snprintf(list + o, sizeof list - o, "%s%s", l->listed ? " \u00b7 " : "",
                     pdf_label(&l->words, "others", "and more"));
        used += l->body * 0.3f;
        PUT(p->regular, 0, list);
        goto done;
    }
    for (size_t i = 0; i < l->ncats; i++) {
        struct category *cat = &l->cats[i];
        used += l->body * 0.3f;
        snprintf(key, sizeof key, "category %s", cat->key);
        snprintf(text, sizeof text, "%s (%d)", cat->key, cat->count);
        PUT(p->bold, 0, pdf_label(&l->words, key, text));
        for (int j = 0; j < cat->shown; j++) {
            /* a title gets two lines at most */
            struct pdf_box tb = {b.x + indent, b.top - used, b.w - indent, 1e9f};
            float th = pdf_wrap(p, NULL, p->regular, l->body, tb, cat->titles[j], 0, NULL);
            tb.h = th < pdf_lines(2, l->body) ? th : pdf_lines(2, l->body);
            if (used + tb.h > b.h)
                cut = 1;
            if (page && !cut) {
                pdf_text(p, page, p->regular, l->body, b.x + l->body * 0.3f, b.top - used - l->body,
                         BULLET);
                pdf_wrap(p, page, p->regular, l->body, tb, cat->titles[j], 0, NULL);
            }
            used += tb.h;
        }
        if (cat->shown > 0 && cat->count > cat->shown) {
            snprintf(key, sizeof key, "more %s", cat->key);
            snprintf(text, sizeof text, "and %d more", cat->count - cat->shown);
            PUT(p->regular, indent, pdf_label(&l->words, key, text));
        }
    }
done:
#undef PUT
    /* a cut line measured nothing: report the overflow all the same */
    return cut && used <= b.h ? b.h + 1 : used;
}

/* "Ring us", the phone number, the email address, and the QR code to its right. */
static float
ask(struct leaflet *l, HPDF_Page page, struct pdf_box b)
{
    struct pdf *p = &l->pdf;
    const char *phone = conf_str(l->rc->conf, "group", "phone");
    float gap = l->body * 0.8f, used = 0, qrh = l->qr + gap;

    b.w -= qrh;
    used += pdf_wrap(p, page, p->bold, l->body, (struct pdf_box){b.x, b.top, b.w, b.h},
                     pdf_label(&l->words, "ask", "No computer? Ring us:"), 0, NULL);
    if (*phone)
        used += pdf_wrap(p, page, p->bold, l->phone,
                         (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                         pdf_label(&l->words, "phone", phone), 0, NULL);
    used +=
        pdf_wrap(p, page, p->regular, l->body, (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                 pdf_label(&l->words, "email", ""), 0, NULL);
    used +=
        pdf_wrap(p, page, p->regular, l->body, (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                 pdf_label(&l->words, "qr", ""), 0, NULL);
    if (page && b.h >= l->qr)
        pdf_qr(p, page, l->mailto, b.x + b.w + gap, b.top - l->qr, l->qr);
    return used > l->qr ? used : l->qr;
}

/* One field of the slip: its label and a line to write on, from X to X + W. */
static void
field(struct leaflet *l, HPDF_Page page, float x, float y, float w, const char *label)
{
    float lw = *label ? pdf_width(l->pdf.regular, l->body, label, strlen(label)) + 6 : 0;

    if (lw > w - 30)
        lw = w - 30;
    if (*label)
        pdf_wrap(&l->pdf, page, l->pdf.regular, l->body,
                 (struct pdf_box){x, y + l->body * 1.05f, lw, pdf_lines(1, l->body)}, label,
                 PDF_ELLIPSIS, NULL);
    pdf_line(page, x + lw, y, x + w, y, 0.7f, 0);
}

/* The reply slip, below the cut line; returns its height. Lines to write on for the
 * name and phone, the address, what is needed and the best time to call; then that the
 * help is free (a leaflet through the door must not look like a scam), where the
 * slip goes, and how what is written on it is used and kept. */
static float
slip(struct leaflet *l, HPDF_Page page, struct pdf_box b)
{
    struct pdf *p = &l->pdf;
    const char *name = pdf_label(&l->words, "name", "Name");
    const char *phone = pdf_label(&l->words, "your phone", "Phone");
    /* room to write by hand (1.8 lines: room for the privacy line below); a little
     * less on a half sheet */
    float row = l->body * (l->compact ? 1.55f : 1.8f), used, half = (b.w - l->body) / 2;
    int pair = pdf_width(p->regular, l->body, name, strlen(name)) < half - 60 &&
               pdf_width(p->regular, l->body, phone, strlen(phone)) < half - 100;
    struct {
        const char *label;
        int right; /* beside the previous field */
    } rows[] = {
        {name, 0},
        {phone, pair},
        {pdf_label(&l->words, "address", "Address"), 0},
        {"", 0},
        {pdf_label(&l->words, "need", "What do you need?"), 0},
        {"", 0},
        {pdf_label(&l->words, "time", "Best time to call"), 0},
    };

    used =
        pdf_wrap(p, page, p->bold, l->body, b, pdf_label(&l->words, "slip", "Reply slip"), 0, NULL);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (!*rows[i].label && l->compact)
            continue;
        if (rows[i].right) {
            if (page)
                field(l, page, b.x + half + l->body, b.top - used, half, rows[i].label);
            continue;
        }
        used += row;
        if (page)
            field(l, page, b.x, b.top - used,
                  i + 1 < sizeof rows / sizeof rows[0] && rows[i + 1].right ? half : b.w,
                  rows[i].label);
    }
    used += l->body * (l->compact ? 0.4f : 0.8f);
    used += pdf_wrap(p, page, p->bold, l->body,
                     (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                     pdf_label(&l->words, "free",
                               "Help is free: volunteers never ask for money, bank cards "
                               "or PINs."),
                     0, NULL);
    /* then how the details on the slip are used and kept, in one line; on a half
     * sheet in the same paragraph, where every line counts */
    const char *hand_in = pdf_label(&l->words, "hand in", "");
    const char *privacy = pdf_label(&l->words, "privacy",
                                    "Used only to arrange your help, never passed on, deleted "
                                    "when no longer needed.");
    char *both = NULL;
    if (l->compact && *hand_in && *privacy && asprintf(&both, "%s %s", hand_in, privacy) < 0)
        both = NULL;
    used += pdf_wrap(p, page, p->regular, l->body,
                     (struct pdf_box){b.x, b.top - used, b.w, b.h - used}, both ? both : hand_in,
                     0, NULL);
    if (!both)
        used += pdf_wrap(p, page, p->regular, l->body,
                         (struct pdf_box){b.x, b.top - used, b.w, b.h - used}, privacy, 0, NULL);
    free(both);
    return used;
}

/* Lays one leaflet out in the W x H box at (X, Y), its lower left corner. With PAGE
 * NULL only measures. Returns 1 when the offers fit. */
static int
layout(struct leaflet *l, HPDF_Page page, float x, float y, float w, float h)
{
    struct pdf *p = &l->pdf;
    struct pdf_box b = {x + l->margin, y + h - l->margin, w - 2 * l->margin, h - 2 * l->margin};
    float gap = l->body * 0.8f, above = l->body * 1.3f, bottom = y + l->margin;
    float top, slip_h, ask_h, printed_h, cut_y;
    const char *cut = pdf_label(&l->words, "cut", "");
    char scissors[256];

    /* the headline and the streets get three lines each at most */
    top =
        b.top - pdf_wrap(p, page, p->bold, l->headline,
                         (struct pdf_box){b.x, b.top, b.w, pdf_lines(3, l->headline)},
                         pdf_label(&l->words, "headline", "Need a hand? Your neighbours can help"),
                         PDF_CENTER | PDF_ELLIPSIS, NULL);
    top -= gap;
    top -= pdf_wrap(p, page, p->regular, l->body,
                    (struct pdf_box){b.x, top, b.w, pdf_lines(3, l->body)},
                    pdf_label(&l->words, "area", ""), PDF_ELLIPSIS, NULL);
    top -= gap;
    /* from the bottom up: the slip, the cut line, the printed line, how to ask */
    slip_h = slip(l, NULL, b);
    cut_y = bottom + slip_h + l->body * 0.9f;
    printed_h =
        pdf_wrap(p, NULL, p->regular, l->body, b, pdf_label(&l->words, "printed", ""), 0, NULL);
    ask_h = ask(l, NULL, b);
    if (page) {
        struct pdf_box sb = {b.x, bottom + slip_h, b.w, slip_h};
        float tw;

        slip(l, page, sb);
        snprintf(scissors, sizeof scissors, SCISSORS " %s", cut);
        tw = pdf_width(p->regular, l->body, scissors, strlen(scissors));
        if (tw > b.w / 2)
            snprintf(scissors, sizeof scissors, SCISSORS), tw = l->body;
        pdf_text(p, page, p->regular, l->body, b.x, cut_y - l->body * 0.35f, scissors);
        pdf_line(page, b.x + tw + 4, cut_y, b.x + b.w, cut_y, 0.8f, 1);
        pdf_wrap(p, page, p->regular, l->body,
                 (struct pdf_box){b.x, cut_y + above + printed_h, b.w, printed_h},
                 pdf_label(&l->words, "printed", ""), 0, NULL);
        ask(l, page, (struct pdf_box){b.x, cut_y + above + printed_h + gap + ask_h, b.w, ask_h});
    }
    b.top = top;
    b.h = top - (cut_y + above + printed_h + 2 * gap + ask_h);
    if (b.h < 0)
        b.h = 0;
    return offers(l, page, b) <= b.h;
}

/* Renders the wording for the titles and categories chosen; 0 or a sysexits code. */
static int
words(struct leaflet *l, char *err, size_t errlen)
{
    json_t *data = leaflet_data(l);
    int rc;

    if (!data) {
        snprintf(err, errlen, "leaflets: out of memory");
        return EX_OSERR;
    }
    pdf_labels_free(&l->words);
    rc = pdf_labels_load(l->rc, "leaflet.txt", data, &l->words, err, errlen);
    json_decref(data);
    return rc;
}

/* Lays the leaflet out (measuring only, on paper W x H) with N titles, or with the
 * first LISTED categories named when N is 0 and LISTED is below their number; sets
 * *FITS. Returns 0 or the sysexits code of the wording. */
static int
attempt(struct leaflet *l, int n, size_t listed, float w, float h, int *fits, char *err,
        size_t errlen)
{
    int rc;

    choose_titles(l, n);
    l->listed = listed;
    if ((rc = words(l, err, errlen)) != 0)
        return rc;
    *fits = layout(l, NULL, 0, 0, w, h);
    return 0;
}

/* The largest K in 0..MAX whose attempt fits (titles when TITLES, else categories
 * named), found by halving: more titles or categories never take less room. Leaves
 * the leaflet laid out for it; returns 0 (*K -1 when none fits) or a sysexits code. */
static int
most_that_fit(struct leaflet *l, int titles, int max, float w, float h, int *k, char *err,
              size_t errlen)
{
    int lo = 0, hi = max, last = -1, fits, rc;

    *k = -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (hi == max && last < 0)
            mid = max; /* most leaflets fit whole at the first try */
        if ((rc = attempt(l, titles ? mid : 0, titles ? l->ncats : (size_t)mid, w, h, &fits, err,
                          errlen)) != 0)
            return rc;
        last = mid;
        if (fits) {
            *k = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (*k >= 0 && last != *k)
        return attempt(l, titles ? *k : 0, titles ? l->ncats : (size_t)*k, w, h, &fits, err,
                       errlen);
    return 0;
}

/* The leaflet of the current area or round: as many titles as fit, else the categories
 * that fit and a count of the others; drawn once or twice. */
static int
leaflet(struct leaflet *l, const char *paper, char *err, size_t errlen)
{
    float pw = PDF_A4_W, ph = PDF_A4_H, w = pw;
    int n = 0, rc, k;
    HPDF_Page page;

    if (strcmp(paper, "letter") == 0)
        pw = w = PDF_LETTER_W, ph = PDF_LETTER_H;
    else if (strcmp(paper, "a5") == 0)
        pw = PDF_A4_H, ph = PDF_A4_W, w = pw / 2;
    for (size_t i = 0; i < l->ncats; i++)
        n += l->cats[i].ntitles;
    if ((rc = most_that_fit(l, 1, n < MAX_TITLES ? n : MAX_TITLES, w, ph, &k, err, errlen)) != 0)
        return rc;
    /* no title fits: the categories in one paragraph, as many as fit, the rest counted */
    if (k < 0 && (rc = most_that_fit(l, 0, (int)l->ncats - 1, w, ph, &k, err, errlen)) != 0)
        return rc;
    if (k < 0) {
        if ((rc = attempt(l, 0, 0, w, ph, &k, err, errlen)) != 0)
            return rc;
        l->pdf.cut++;
        log_warn("%s: the leaflet of %s has no room for its offers; shorten the wording of "
                 "leaflet.txt",
                 l->pdf.path, l->area ? l->area->name : "the group");
    }
    page = pdf_page(&l->pdf, pw, ph);
    layout(l, page, 0, 0, w, ph);
    if (w < pw) {
        /* two copies side by side, cut marks between them */
        layout(l, page, w, 0, w, ph);
        pdf_line(page, w, 0, w, 14, 0.8f, 0);
        pdf_line(page, w, ph - 14, w, ph, 0.8f, 0);
        pdf_line(page, w, 18, w, ph - 18, 0.4f, 1);
    }
    return 0;
}

int
render_leaflets(struct render_ctx *rc, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    const char *paper = conf_str(c, "leaflets", "paper");
    const char *addr = conf_str(c, "group", "address");
    /* On the heap: the libharu handler writes into it before jumping to the setjmp. */
    struct leaflet *l = calloc(1, sizeof *l);
    const struct conf_area *areas;
    struct round_plan plan = {0};
    struct round_crew crew = {0};
    char path[PATH_MAX], title[64];
    size_t nareas, o, n;
    jmp_buf jb;
    int ret;

    if (!l) {
        snprintf(err, errlen, "leaflets: out of memory");
        return EX_OSERR;
    }
    l->rc = rc;
    l->body = conf_bool(c, "leaflets", "large_print") ? 14 : 12;
    l->headline = strcmp(paper, "a5") == 0 ? 24 : 30;
    l->phone = strcmp(paper, "a5") == 0 ? 26 : 32;
    l->qr = strcmp(paper, "a5") == 0 ? 72 : 100;
    l->margin = strcmp(paper, "a5") == 0 ? 24 : 40;
    l->compact = strcmp(paper, "a5") == 0;
    o = (size_t)snprintf(l->mailto, sizeof l->mailto, "mailto:");
    for (const char *s = addr; *s && o + 4 < sizeof l->mailto; s++)
        o += (size_t)(isalnum((unsigned char)*s) || strchr("@.-_+", *s)
                          ? snprintf(l->mailto + o, sizeof l->mailto - o, "%c", *s)
                          : snprintf(l->mailto + o, sizeof l->mailto - o, "%%%02X",
                                     (unsigned char)*s));
    snprintf(l->mailto + o, sizeof l->mailto - o, "?subject=REQUEST");
    areas = conf_areas(c, &nareas);
    snprintf(path, sizeof path, "%s/leaflets-%s.pdf", rc->outdir, rc->date);
    snprintf(title, sizeof title, "Leaflets %s", rc->date);
    if ((ret = load_all_offers(l, err, errlen)) != 0)
        goto done;
    /* a first rendering of the wording gives the month names for the date */
    if ((ret = pdf_labels_load(rc, "leaflet.txt", NULL, &l->words, err, errlen)) != 0)
        goto done;
    pdf_label_date(&l->words, rc->now, 0, l->printed, sizeof l->printed);
    if (strcmp(conf_str(c, "leaflets", "per"), "round") == 0 &&
        rounds_plan(areas, nareas, (int)conf_int(c, "leaflets", "round_doors"), &plan) < 0) {
        snprintf(err, errlen, "leaflets: out of memory");
        ret = EX_OSERR;
        goto done;
    }
    if ((ret = pdf_new(&l->pdf, rc, path, title, err, errlen)) != 0)
        goto done;
    l->pdf.margin = l->margin;
    l->nrounds = plan.n;
    /* the slip says whom to give it to: the round's volunteer, by first name */
    if (plan.n && (ret = rounds_crew(rc, &crew, plan.n, err, errlen)) != 0)
        goto done;
    /* Data owned by L is freed after "done", so a libharu error may jump out of the
     * drawing without leaking; the plan is outside too. */
    if (setjmp(jb)) {
        ret = pdf_error(&l->pdf, err, errlen);
        goto done;
    }
    l->pdf.jmp = &jb;
    /* a leaflet per round, per area, or one for the whole group */
    n = plan.n ? plan.n : nareas ? nareas : 1;
    for (size_t i = 0; i < n; i++) {
        const struct conf_area *area = l->area;
        l->round = plan.n ? &plan.rounds[i] : NULL;
        l->volunteer = l->round && crew.first && i < crew.n && *crew.first[i] ? crew.first[i] : NULL;
        l->area = l->round ? l->round->area : nareas ? &areas[i] : NULL;
        /* the offers of an area are read once for all its rounds */
        if ((i == 0 || l->area != area) && (ret = load_offers(l, err, errlen)) != 0)
            break;
        if ((ret = leaflet(l, paper, err, errlen)) != 0)
            break;
    }
    l->pdf.jmp = NULL;
    if (ret == 0 && (ret = pdf_check(&l->pdf, err, errlen)) == 0)
        ret = pdf_save(&l->pdf, path, err, errlen);
    /* for the report of help given: what the leaflets covered (the PDF stands either way) */
    if (ret == 0 && render_report_leaflets(rc, &plan, areas, nareas, err, errlen) < 0) {
        log_warn("leaflets: not recorded for the report: %s", err);
        err[0] = '\0';
    }
done:
    rounds_crew_free(&crew);
    rounds_free(&plan);
    for (size_t i = 0; i < l->noffers; i++) {
        free(l->offers[i].area);
        free(l->offers[i].category);
        free(l->offers[i].title);
    }
    free(l->offers);
    pdf_free(&l->pdf);
    pdf_labels_free(&l->words);
    free_categories(l);
    free(l);
    return ret;
}
