/* chart.c — bar charts in PDF vector operators for the report of help given. */
#include "chart.h"

#include <stdio.h>
#include <string.h>

#define TITLE_PT 12.0f
#define LABEL_PT 9.0f
#define VALUE_PT 8.0f
#define TICKS 5

/* The bars' colours: a dark blue and a green that stay apart in grey print too. */
static const float colour[CHART_SERIES][3] = {{0.16f, 0.32f, 0.58f}, {0.42f, 0.74f, 0.45f}};

long long
chart_step(long long max, int ticks)
{
    long long power = 1;

    if (max <= 0 || ticks < 1)
        return 1;
    for (;;) {
        static const int mult[] = {1, 2, 5};
        for (int i = 0; i < 3; i++)
            if (power * mult[i] * ticks >= max)
                return power * mult[i];
        power *= 10;
    }
}

static void
bar(HPDF_Page page, int series, float x, float y, float w, float h)
{
    if (w <= 0 || h <= 0)
        return;
    HPDF_Page_GSave(page);
    HPDF_Page_SetRGBFill(page, colour[series][0], colour[series][1], colour[series][2]);
    HPDF_Page_Rectangle(page, x, y, w, h);
    HPDF_Page_Fill(page);
    HPDF_Page_GRestore(page);
}

static void
grey_line(HPDF_Page page, float x1, float y1, float x2, float y2, float gray)
{
    HPDF_Page_GSave(page);
    HPDF_Page_SetGrayStroke(page, gray);
    pdf_line(page, x1, y1, x2, y2, 0.5f, 0);
    HPDF_Page_GRestore(page);
}

/* One line of text cut to W points with "…", its left edge at X (or centred on X when
 * CENTRE, or ending at X when RIGHT < 0) and its baseline at Y. */
static void
label(struct pdf *p, HPDF_Page page, HPDF_Font font, float size, float x, float y, float w,
      int align, const char *s)
{
    char buf[64];
    float tw;
    struct pdf_box b;

    if (!page)
        return;
    tw = pdf_width(font, size, s, strlen(s));
    if (tw > w)
        tw = w;
    b.x = align == 0 ? x : align > 0 ? x - tw / 2 : x - tw;
    b.w = w;
    b.h = pdf_lines(1, size);
    /* pdf_wrap's box top sits a line's ascent above the baseline */
    b.top = y + size * 0.93f;
    if (tw < w && !strchr(s, '\n')) {
        pdf_text(p, page, font, size, b.x, y, s);
        return;
    }
    snprintf(buf, sizeof buf, "%s", s);
    pdf_wrap(p, page, font, size, b, buf, PDF_ELLIPSIS, NULL);
}

static void
number(char *out, size_t len, long long n)
{
    snprintf(out, len, "%lld", n);
}

/* the legend, right-aligned on the title's line */
static void
legend(struct pdf *p, HPDF_Page page, const struct chart *c, float right, float y)
{
    float x = right;

    for (int s = CHART_SERIES - 1; s >= 0; s--) {
        float w = pdf_width(p->regular, LABEL_PT, c->series[s], strlen(c->series[s]));
        x -= w;
        pdf_text(p, page, p->regular, LABEL_PT, x, y, c->series[s]);
        x -= 12;
        bar(page, s, x, y - 1, 9, 9);
        x -= 10;
    }
}

void
chart_bars(struct pdf *p, HPDF_Page page, struct pdf_box box, const struct chart *c)
{
    long long max = 0, step;
    float y0, x0, plot_w, plot_h, label_w = 0, unit;
    char num[32];

    if (!page)
        return;
    pdf_text(p, page, p->bold, TITLE_PT, box.x, box.top - TITLE_PT, c->title);
    legend(p, page, c, box.x + box.w, box.top - TITLE_PT - pdf_lines(1, TITLE_PT));
    if (c->n == 0) {
        label(p, page, p->regular, LABEL_PT, box.x, box.top - 3 * TITLE_PT, box.w, 0, c->empty);
        return;
    }
    for (size_t i = 0; i < c->n; i++)
        for (int s = 0; s < CHART_SERIES; s++)
            if (c->values[i][s] > max)
                max = c->values[i][s];
    step = chart_step(max, TICKS);
    if (max == 0)
        max = 1;
    max = (max + step - 1) / step * step;
    /* the plot: below the title and legend, above the scale's numbers */
    float top = box.top - TITLE_PT - 2 * pdf_lines(1, LABEL_PT) - 4;
    float bottom = box.top - box.h + pdf_lines(1, LABEL_PT) + 2;
    if (c->vertical) {
        x0 = box.x + pdf_width(p->regular, VALUE_PT, "00000", 5);
        y0 = bottom + pdf_lines(1, LABEL_PT); /* room for the groups' labels */
        plot_w = box.x + box.w - x0;
        plot_h = top - y0;
        unit = plot_h / (float)max;
        for (long long v = 0; v <= max; v += step) {
            float y = y0 + unit * (float)v;
            if (v)
                grey_line(page, x0, y, x0 + plot_w, y, 0.82f);
            number(num, sizeof num, v);
            pdf_text(p, page, p->regular, VALUE_PT,
                     x0 - 3 - pdf_width(p->regular, VALUE_PT, num, strlen(num)), y - 3, num);
        }
        float gw = plot_w / (float)c->n, bw = gw * 0.32f;
        if (bw > 22)
            bw = 22;
        for (size_t i = 0; i < c->n; i++) {
            float cx = x0 + gw * ((float)i + 0.5f);
            for (int s = 0; s < CHART_SERIES; s++) {
                float x = cx - bw * CHART_SERIES / 2 + bw * (float)s,
                      h = unit * (float)c->values[i][s];
                bar(page, s, x, y0, bw - 1, h);
                number(num, sizeof num, c->values[i][s]);
                label(p, page, p->regular, VALUE_PT, x + bw / 2, y0 + h + 2, bw + 8, 1, num);
            }
            label(p, page, p->regular, LABEL_PT, cx, y0 - LABEL_PT - 3, gw - 2, 1, c->labels[i]);
        }
        pdf_line(page, x0, y0, x0 + plot_w, y0, 0.8f, 0);
        return;
    }
    /* horizontal: the labels on the left, at most 40% of the width */
    for (size_t i = 0; i < c->n; i++) {
        float w = pdf_width(p->regular, LABEL_PT, c->labels[i], strlen(c->labels[i]));
        if (w > label_w)
            label_w = w;
    }
    if (label_w > box.w * 0.4f)
        label_w = box.w * 0.4f;
    x0 = box.x + label_w + 6;
    y0 = bottom;
    plot_w = box.x + box.w - x0 - pdf_width(p->regular, VALUE_PT, "0000", 4);
    plot_h = top - y0;
    unit = plot_w / (float)max;
    for (long long v = 0; v <= max; v += step) {
        float x = x0 + unit * (float)v;
        if (v)
            grey_line(page, x, y0, x, top, 0.82f);
        number(num, sizeof num, v);
        label(p, page, p->regular, VALUE_PT, x, y0 - VALUE_PT - 2, 30, 1, num);
    }
    float gh = plot_h / (float)c->n, bh = gh * 0.36f;
    if (bh > 11)
        bh = 11;
    for (size_t i = 0; i < c->n; i++) {
        float cy = top - gh * ((float)i + 0.5f);
        for (int s = 0; s < CHART_SERIES; s++) {
            float y = cy + bh * CHART_SERIES / 2 - bh * (float)(s + 1),
                  w = unit * (float)c->values[i][s];
            bar(page, s, x0, y + 0.5f, w, bh - 1);
            number(num, sizeof num, c->values[i][s]);
            pdf_text(p, page, p->regular, VALUE_PT, x0 + w + 2, y + (bh - VALUE_PT) / 2 + 1.5f,
                     num);
        }
        label(p, page, p->regular, LABEL_PT, x0 - 6, cy - LABEL_PT / 3, label_w, -1, c->labels[i]);
    }
    pdf_line(page, x0, y0, x0, top, 0.8f, 0);
}
