/* leaflets.c — the leaflets PDF: for each area, the help neighbours offer there, how to
 * ask without a computer, a QR code to email the group and a tear-off reply slip. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "db.h"
#include "pdf.h"
#include "render.h"

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

struct leaflet {
    const struct render_ctx *rc;
    struct pdf pdf;
    struct pdf_labels words;
    char printed[128], mailto[512];
    const struct conf_area *area; /* NULL: the whole group */
    struct category *cats;
    size_t ncats;
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

/* Reads the open offers of the leaflet's area (offers without an area count for every
 * area), newest first. */
static int
load_offers(struct leaflet *l, sqlite3_stmt *st, char *err, size_t errlen)
{
    int rc;

    free_categories(l);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (l->area)
        sqlite3_bind_text(st, 1, l->area->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, l->rc->date, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (add_offer(l, (const char *)sqlite3_column_text(st, 0),
                      (const char *)sqlite3_column_text(st, 1)) < 0) {
            snprintf(err, errlen, "leaflets: out of memory");
            return EX_OSERR;
        }
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "%s: %s", sqlite3_db_filename(l->rc->db, "main"),
                 sqlite3_errmsg(l->rc->db));
        return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? EX_TEMPFAIL : EX_IOERR;
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
    int total = 0;

    if (!d || !cats)
        goto oom;
    json_object_set_new(d, "group", pdf_jstr(conf_str(c, "group", "name")));
    json_object_set_new(d, "address", pdf_jstr(conf_str(c, "group", "address")));
    json_object_set_new(d, "phone", pdf_jstr(conf_str(c, "group", "phone")));
    json_object_set_new(d, "date", json_string(l->rc->date));
    json_object_set_new(d, "printed", pdf_jstr(l->printed));
    if (l->area) {
        if (!(name = strdup(l->area->name)))
            goto oom;
        name[0] = (char)toupper((unsigned char)name[0]);
        json_object_set_new(d, "area", pdf_jstr(name));
        json_object_set_new(d, "area_key", pdf_jstr(l->area->name));
        for (size_t i = 0; i < l->area->nstreets; i++)
            len += strlen(l->area->streets[i].name) + 2;
        if (!(streets = calloc(1, len + 1)))
            goto oom;
        for (size_t i = 0; i < l->area->nstreets; i++)
            strcat(strcat(streets, i ? ", " : ""), l->area->streets[i].name);
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
    }
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
        pdf_wrap(cut ? NULL : page, font, l->body,                                                 \
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
        for (size_t i = 0; i < l->ncats && o < sizeof list; i++) {
            snprintf(key, sizeof key, "category %s", l->cats[i].key);
            snprintf(text, sizeof text, "%s (%d)", l->cats[i].key, l->cats[i].count);
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? " \u00b7 " : "",
                                  pdf_label(&l->words, key, text));
        }
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
            float th = pdf_wrap(NULL, p->regular, l->body, tb, cat->titles[j], 0, NULL);
            tb.h = th < pdf_lines(2, l->body) ? th : pdf_lines(2, l->body);
            if (used + tb.h > b.h)
                cut = 1;
            if (page && !cut) {
                pdf_text(page, p->regular, l->body, b.x + l->body * 0.3f, b.top - used - l->body,
                         BULLET);
                pdf_wrap(page, p->regular, l->body, tb, cat->titles[j], 0, NULL);
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
    used += pdf_wrap(page, p->bold, l->body, (struct pdf_box){b.x, b.top, b.w, b.h},
                     pdf_label(&l->words, "ask", "No computer? Ring us:"), 0, NULL);
    if (*phone)
        used +=
            pdf_wrap(page, p->bold, l->phone, (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                     pdf_label(&l->words, "phone", phone), 0, NULL);
    used +=
        pdf_wrap(page, p->regular, l->body, (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                 pdf_label(&l->words, "email", ""), 0, NULL);
    used +=
        pdf_wrap(page, p->regular, l->body, (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
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
        pdf_wrap(page, l->pdf.regular, l->body,
                 (struct pdf_box){x, y + l->body * 1.05f, lw, pdf_lines(1, l->body)}, label, 0,
                 NULL);
    pdf_line(page, x + lw, y, x + w, y, 0.7f, 0);
}

/* The reply slip, below the cut line; returns its height. */
static float
slip(struct leaflet *l, HPDF_Page page, struct pdf_box b)
{
    struct pdf *p = &l->pdf;
    const char *name = pdf_label(&l->words, "name", "Name");
    const char *when = pdf_label(&l->words, "time", "Best time to call");
    float row = l->body * 2.0f, used, half = (b.w - l->body) / 2;
    int pair = pdf_width(p->regular, l->body, name, strlen(name)) < half - 60 &&
               pdf_width(p->regular, l->body, when, strlen(when)) < half - 60;
    struct {
        const char *label;
        int right; /* beside the previous field */
    } rows[] = {
        {name, 0},
        {when, pair},
        {pdf_label(&l->words, "address", "Address"), 0},
        {"", 0},
        {pdf_label(&l->words, "need", "What do you need?"), 0},
        {"", 0},
    };

    used = pdf_wrap(page, p->bold, l->body, b, pdf_label(&l->words, "slip", "Reply slip"), 0, NULL);
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
    used += l->body * 0.8f;
    used +=
        pdf_wrap(page, p->regular, l->body, (struct pdf_box){b.x, b.top - used, b.w, b.h - used},
                 pdf_label(&l->words, "hand in", ""), 0, NULL);
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

    top =
        b.top - pdf_wrap(page, p->bold, l->headline, b,
                         pdf_label(&l->words, "headline", "Need a hand? Your neighbours can help"),
                         PDF_CENTER, NULL);
    top -= gap;
    top -= pdf_wrap(page, p->regular, l->body, (struct pdf_box){b.x, top, b.w, b.h},
                    pdf_label(&l->words, "area", ""), 0, NULL);
    top -= gap;
    /* from the bottom up: the slip, the cut line, the printed line, how to ask */
    slip_h = slip(l, NULL, b);
    cut_y = bottom + slip_h + l->body * 0.9f;
    printed_h =
        pdf_wrap(NULL, p->regular, l->body, b, pdf_label(&l->words, "printed", ""), 0, NULL);
    ask_h = ask(l, NULL, b);
    if (page) {
        struct pdf_box sb = {b.x, bottom + slip_h, b.w, slip_h};
        float tw;

        slip(l, page, sb);
        snprintf(scissors, sizeof scissors, SCISSORS " %s", cut);
        tw = pdf_width(p->regular, l->body, scissors, strlen(scissors));
        if (tw > b.w / 2)
            snprintf(scissors, sizeof scissors, SCISSORS), tw = l->body;
        pdf_text(page, p->regular, l->body, b.x, cut_y - l->body * 0.35f, scissors);
        pdf_line(page, b.x + tw + 4, cut_y, b.x + b.w, cut_y, 0.8f, 1);
        pdf_wrap(page, p->regular, l->body,
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

/* The leaflet of the current area: as many titles as fit, drawn once or twice. */
static int
leaflet(struct leaflet *l, const char *paper, char *err, size_t errlen)
{
    float pw = PDF_A4_W, ph = PDF_A4_H, w = pw;
    int n = 0, rc;
    HPDF_Page page;

    if (strcmp(paper, "letter") == 0)
        pw = w = PDF_LETTER_W, ph = PDF_LETTER_H;
    else if (strcmp(paper, "a5") == 0)
        pw = PDF_A4_H, ph = PDF_A4_W, w = pw / 2;
    for (size_t i = 0; i < l->ncats; i++)
        n += l->cats[i].ntitles;
    for (n = n < MAX_TITLES ? n : MAX_TITLES;; n--) {
        json_t *data;

        choose_titles(l, n);
        if (!(data = leaflet_data(l))) {
            snprintf(err, errlen, "leaflets: out of memory");
            return EX_OSERR;
        }
        pdf_labels_free(&l->words);
        rc = pdf_labels_load(l->rc, "leaflet.txt", data, &l->words, err, errlen);
        json_decref(data);
        if (rc != 0)
            return rc;
        if (n == 0 || layout(l, NULL, 0, 0, w, ph))
            break;
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
    sqlite3_stmt *st = NULL;
    char path[PATH_MAX], title[64];
    size_t nareas, o;
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
    st = db_prepare(rc->db,
                    "SELECT category, title FROM posts WHERE kind = 'offer' AND status = 'open'"
                    " AND (?1 IS NULL OR area IS NULL OR area = '' OR area = ?1 COLLATE NOCASE)"
                    " AND (expires_at IS NULL OR expires_at = '' OR expires_at >= ?2)"
                    " ORDER BY created_at DESC, id DESC",
                    err, errlen);
    if (!st) {
        ret = EX_SOFTWARE;
        goto done;
    }
    /* a first rendering of the wording gives the month names for the date */
    if ((ret = pdf_labels_load(rc, "leaflet.txt", NULL, &l->words, err, errlen)) != 0)
        goto done;
    pdf_label_date(&l->words, rc->now, 0, l->printed, sizeof l->printed);
    if ((ret = pdf_new(&l->pdf, title, rc->now, err, errlen)) != 0)
        goto done;
    /* Data owned by L is freed after "done", so a libharu error may jump out of the
     * drawing without leaking; the statement is outside too. */
    if (setjmp(jb)) {
        snprintf(err, errlen, "%s: PDF library error 0x%04X (detail %u)", path,
                 (unsigned)l->pdf.status, (unsigned)l->pdf.detail);
        ret = EX_SOFTWARE;
        goto done;
    }
    l->pdf.jmp = &jb;
    for (size_t i = 0; i < (nareas ? nareas : 1); i++) {
        l->area = nareas ? &areas[i] : NULL;
        if ((ret = load_offers(l, st, err, errlen)) != 0 ||
            (ret = leaflet(l, paper, err, errlen)) != 0)
            break;
    }
    l->pdf.jmp = NULL;
    if (ret == 0)
        ret = pdf_save(&l->pdf, path, err, errlen);
done:
    sqlite3_finalize(st);
    pdf_free(&l->pdf);
    pdf_labels_free(&l->words);
    free_categories(l);
    free(l);
    return ret;
}
