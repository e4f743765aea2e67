/* leaflets_layout.c — a leaflet laid out on its page: the offers listed, how to ask,
 * the cut line and the reply slip, with as many titles as the paper takes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "leaflets_int.h"
#include "log.h"
#include "pdf.h"

#define MAX_TITLES 6    /* offer titles shown on one leaflet */
#define BULLET "\u2022" /* • */
#define SCISSORS "\u2702"

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
    json_t *data = leaflets_data(l);
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
int
leaflets_page(struct leaflet *l, const char *paper, char *err, size_t errlen)
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
