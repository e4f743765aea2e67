/* report_pdf.c — the report of help given on paper: one A4 page with the period's
 * totals in words (templates/report.txt) and bar charts of requests made and met by
 * category, by area and by week; its words for `doorstep report` too; and the record of
 * what each day's leaflets PDF covered, which the report counts. The counting itself is
 * lib/report.c's. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "chart.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "pdf.h"
#include "render.h"
#include "report.h"
#include "rounds.h"

#define MARGIN 40.0f
#define TITLE_PT 20.0f
#define PERIOD_PT 13.0f
#define BODY_PT 10.5f
#define SMALL_PT 8.0f
#define MAX_BARS 10 /* groups in a chart; the rest are summed as "others" */

/* the sentences of report.txt, in the order they are said */
static const char *const sentences[] = {"requests",  "met",  "closed",   "open", "offers",
                                        "responses", "rota", "leaflets", NULL};

static long long
figure(const json_t *o, const char *group, const char *key)
{
    return json_integer_value(json_object_get(json_object_get(o, group), key));
}

/* "north" -> "North", "food_bank" -> "Food bank" (config keys are lower case, their
 * words joined). Caller frees. */
static char *
capital(const char *s)
{
    char *c = pdf_clean(s);

    for (char *p = c; p && *p; p++)
        if (*p == '_' || *p == '-')
            *p = ' ';
    if (c && c[0] && !(c[0] & 0x80))
        c[0] = (char)toupper((unsigned char)c[0]);
    return c;
}

/* The template data: the group, the period written out (with LABELS' month names
 * when given), and every figure as NAME_count, NAME_one and NAME_none. */
static json_t *
words_data(const struct render_ctx *rc, const json_t *r, struct pdf_labels *labels)
{
    json_t *d = json_object();
    char text[128];
    time_t t;
    const json_t *median = json_object_get(r, "median_days_to_met");
    static const struct {
        const char *group, *key;
    } figures[] = {
        {"requests", "made"},      {"requests", "met"},
        {"requests", "withdrawn"}, {"requests", "expired"},
        {"requests", "open"},      {"offers", "made"},
        {"offers", "taken"},       {"offers", "open"},
        {"responses", "relayed"},  {"responses", "to_coordinators"},
        {"rota", "needed"},        {"rota", "filled"},
        {"leaflets", "printed"},   {"leaflets", "doors"},
        {"leaflets", "days"},
    };

    if (!d)
        return NULL;
    json_object_set_new(d, "group", pdf_jstr(conf_str(rc->conf, "group", "name")));
    json_object_set(d, "from", json_object_get(r, "from"));
    json_object_set(d, "to", json_object_get(r, "to"));
    if (labels) {
        const char *month = json_string_value(json_object_get(r, "month"));
        if (month && clock_parse_local(json_string_value(json_object_get(r, "from")), &t) == 0) {
            struct tm tm;
            char name[64];
            localtime_r(&t, &tm);
            pdf_label_item(labels, "months", PDF_MONTHS, (size_t)tm.tm_mon, name, sizeof name);
            snprintf(text, sizeof text, "%s %d", name, tm.tm_year + 1900);
            json_object_set_new(d, "period_month", json_string(text));
        }
        if (clock_parse_local(json_string_value(json_object_get(r, "from")), &t) == 0) {
            pdf_label_date(labels, t, 0, text, sizeof text);
            json_object_set_new(d, "from_text", json_string(text));
        }
        if (clock_parse_local(json_string_value(json_object_get(r, "to")), &t) == 0) {
            pdf_label_date(labels, t, 0, text, sizeof text);
            json_object_set_new(d, "to_text", json_string(text));
        }
        pdf_label_date(labels, rc->now, 0, text, sizeof text);
        json_object_set_new(d, "printed", json_string(text));
    }
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s_%s", figures[i].group, figures[i].key);
        render_count(d, prefix, figure(r, figures[i].group, figures[i].key));
    }
    if (json_is_number(median)) {
        snprintf(text, sizeof text, "%.1f", json_number_value(median));
        json_object_set_new(d, "median_days", json_string(text));
    }
    return d;
}

int
render_report_words(const struct render_ctx *rc, const json_t *report, struct pdf_labels *l,
                    char *err, size_t errlen)
{
    json_t *data;
    int ret;

    /* a first rendering gives the month names for the period's dates */
    if ((ret = pdf_labels_load(rc, "report.txt", NULL, l, err, errlen)) != 0)
        return ret;
    data = words_data(rc, report, l);
    pdf_labels_free(l);
    if (!data) {
        snprintf(err, errlen, "report: out of memory");
        return EX_OSERR;
    }
    ret = pdf_labels_load(rc, "report.txt", data, l, err, errlen);
    json_decref(data);
    return ret;
}

char *
render_report_text(const struct render_ctx *rc, const json_t *report, char *err, size_t errlen)
{
    struct pdf_labels l;
    char *out = NULL;
    size_t len = 0;
    FILE *f;
    int ret = render_report_words(rc, report, &l, err, errlen);

    if (ret != 0 || !(f = open_memstream(&out, &len))) {
        if (ret == 0)
            snprintf(err, errlen, "report: out of memory");
        pdf_labels_free(&l);
        return NULL;
    }
    fprintf(f, "%s\n%s\n\n", pdf_label(&l, "title", "Help given"), pdf_label(&l, "period", ""));
    for (size_t i = 0; sentences[i]; i++) {
        const char *s = pdf_label(&l, sentences[i], "");
        if (*s)
            fprintf(f, "%s\n", s);
    }
    fprintf(f, "\n%s\n", pdf_label(&l, "definitions", ""));
    pdf_labels_free(&l);
    if (fclose(f) != 0) {
        free(out);
        snprintf(err, errlen, "report: out of memory");
        return NULL;
    }
    return out;
}

/* ---- the PDF ---- */

struct bars {
    char **labels;
    long long (*values)[CHART_SERIES];
    size_t n;
};

static void
bars_free(struct bars *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->labels[i]);
    free(b->labels);
    free(b->values);
    memset(b, 0, sizeof *b);
}

/* Requests made and met of each key of BY (an object of figures), in its order, the
 * keys with neither left out; past MAX_BARS, the MAX_BARS - 1 largest are kept and the
 * others summed in a last bar OTHERS. NONE names the key "". Returns 0 or -1 when out
 * of memory. */
static int
bars_of(const json_t *by, const char *none, const char *others, struct bars *b)
{
    const char *key;
    json_t *v;
    size_t n = json_object_size(by) + 1, keep = 0;
    long long(*all)[CHART_SERIES];
    char **names;
    int *kept;

    memset(b, 0, sizeof *b);
    if (!(b->labels = calloc(n, sizeof *b->labels)) || !(b->values = calloc(n, sizeof *b->values)))
        return -1;
    /* gathered in B, then cut down in place */
    all = b->values;
    names = b->labels;
    json_object_foreach((json_t *)by, key, v)
    {
        long long made = figure(v, "requests", "made"), met = figure(v, "requests", "met");
        if (!made && !met)
            continue;
        if (!(names[b->n] = *key ? capital(key) : strdup(none)))
            return -1;
        all[b->n][0] = made;
        all[b->n][1] = met;
        b->n++;
    }
    if (b->n <= MAX_BARS)
        return 0;
    if (!(kept = calloc(b->n, sizeof *kept)))
        return -1;
    /* the largest first, by made then met, the earlier on a tie */
    for (keep = 0; keep < MAX_BARS - 1; keep++) {
        size_t best = b->n;
        for (size_t i = 0; i < b->n; i++)
            if (!kept[i] && (best == b->n || all[i][0] > all[best][0] ||
                             (all[i][0] == all[best][0] && all[i][1] > all[best][1])))
                best = i;
        kept[best] = 1;
    }
    long long rest[CHART_SERIES] = {0, 0};
    size_t o = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (!kept[i]) {
            rest[0] += all[i][0];
            rest[1] += all[i][1];
            free(names[i]);
            continue;
        }
        names[o] = names[i];
        all[o][0] = all[i][0];
        all[o][1] = all[i][1];
        o++;
    }
    free(kept);
    b->n = o;
    all[o][0] = rest[0];
    all[o][1] = rest[1];
    b->n = o + 1;
    for (size_t i = o + 1; i < n; i++)
        names[i] = NULL;
    return (names[o] = strdup(others)) ? 0 : -1;
}

static int
bars_of_weeks(const json_t *weeks, struct pdf_labels *l, struct bars *b)
{
    size_t n = json_array_size(weeks), i;
    json_t *w;

    memset(b, 0, sizeof *b);
    if (!(b->labels = calloc(n + 1, sizeof *b->labels)) ||
        !(b->values = calloc(n + 1, sizeof *b->values)))
        return -1;
    json_array_foreach(weeks, i, w)
    {
        char month[64], text[96];
        time_t t;
        struct tm tm;
        if (clock_parse_local(json_string_value(json_object_get(w, "from")), &t) < 0)
            continue;
        localtime_r(&t, &tm);
        pdf_label_item(l, "months short",
                       "Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec",
                       (size_t)tm.tm_mon, month, sizeof month);
        snprintf(text, sizeof text, "%d %s", tm.tm_mday, month);
        if (!(b->labels[b->n] = strdup(text)))
            return -1;
        b->values[b->n][0] = figure(w, "requests", "made");
        b->values[b->n][1] = figure(w, "requests", "met");
        b->n++;
    }
    return 0;
}

struct sheet {
    const struct render_ctx *rc;
    const json_t *report;
    struct pdf pdf;
    struct pdf_labels words;
    struct bars cat, area, week;
};

static void
chart(struct sheet *s, HPDF_Page page, struct pdf_box box, const char *title, struct bars *b,
      int vertical)
{
    struct chart c = {
        .title = title,
        .series = {pdf_label(&s->words, "made", "made"), pdf_label(&s->words, "met bar", "met")},
        .empty = pdf_label(&s->words, "no data", "No requests in this period."),
        .n = b->n,
        .labels = (const char *const *)b->labels,
        .values = (const long long(*)[CHART_SERIES])b->values,
        .vertical = vertical,
    };

    chart_bars(&s->pdf, page, box, &c);
}

static void
draw(struct sheet *s)
{
    struct pdf *p = &s->pdf;
    HPDF_Page page = pdf_page(p, PDF_A4_W, PDF_A4_H);
    float w = PDF_A4_W - 2 * MARGIN, y = PDF_A4_H - MARGIN, gap = 24;
    struct pdf_box b = {MARGIN, y, w, 0};
    const char *foot;

    const char *title = pdf_label(&s->words, "title", "Help given");
    float size = TITLE_PT;
    int cut = 1;
    /* a long name: smaller, down to 14 points, before anything is cut */
    for (int pt = (int)TITLE_PT; pt >= 14; pt -= 2) {
        size = (float)pt;
        b.h = pdf_lines(2, size);
        cut = 0;
        pdf_wrap(p, NULL, p->bold, size, b, title, 0, &cut);
        if (!cut)
            break;
    }
    if (cut)
        size = 14;
    b.h = pdf_lines(2, size);
    y -= pdf_wrap(p, page, p->bold, size, b, title, PDF_ELLIPSIS, NULL);
    b.top = y, b.h = pdf_lines(1, PERIOD_PT);
    y -= pdf_wrap(p, page, p->regular, PERIOD_PT, b, pdf_label(&s->words, "period", ""),
                  PDF_ELLIPSIS, NULL);
    y -= 8;
    pdf_line(page, MARGIN, y, PDF_A4_W - MARGIN, y, 0.6f, 0);
    y -= 10;
    for (size_t i = 0; sentences[i]; i++) {
        const char *t = pdf_label(&s->words, sentences[i], "");
        if (!*t)
            continue;
        b.top = y, b.h = pdf_lines(2, BODY_PT);
        y -= pdf_wrap(p, page, p->regular, BODY_PT, b, t, PDF_ELLIPSIS, NULL) + 3;
    }
    y -= 12;
    /* the charts: category and area side by side, the weeks under them */
    float half = (w - gap) / 2, ch = 215, foot_h = pdf_lines(4, SMALL_PT) + 6;
    chart(s, page, (struct pdf_box){MARGIN, y, half, ch},
          pdf_label(&s->words, "chart category", "Requests by kind of help"), &s->cat, 0);
    chart(s, page, (struct pdf_box){MARGIN + half + gap, y, half, ch},
          pdf_label(&s->words, "chart area", "Requests by area"), &s->area, 0);
    y -= ch + 18;
    float wh = y - (MARGIN + foot_h + 8);
    if (wh > 230)
        wh = 230;
    chart(s, page, (struct pdf_box){MARGIN, y, w, wh},
          pdf_label(&s->words, "chart week", "Requests by week"), &s->week, 1);
    /* the footer: what the numbers mean, and the date */
    foot = pdf_label(&s->words, "definitions", "");
    b = (struct pdf_box){MARGIN, MARGIN + foot_h, w, pdf_lines(3, SMALL_PT)};
    pdf_line(page, MARGIN, MARGIN + foot_h + 4, PDF_A4_W - MARGIN, MARGIN + foot_h + 4, 0.4f, 0);
    pdf_wrap(p, page, p->regular, SMALL_PT, b, foot, PDF_ELLIPSIS, NULL);
    b.top = MARGIN + pdf_lines(1, SMALL_PT), b.h = pdf_lines(1, SMALL_PT);
    pdf_wrap(p, page, p->regular, SMALL_PT, b, pdf_label(&s->words, "printed", ""), PDF_ELLIPSIS,
             NULL);
}

int
render_report(struct render_ctx *rc, const struct report_period *period, char *err, size_t errlen)
{
    /* On the heap: the libharu handler writes into it before jumping to the setjmp. */
    struct sheet *s = calloc(1, sizeof *s);
    char path[PATH_MAX], title[64];
    jmp_buf jb;
    int ret;

    if (!s) {
        snprintf(err, errlen, "report: out of memory");
        return EX_OSERR;
    }
    s->rc = rc;
    if (period->month[0])
        snprintf(path, sizeof path, "%s/report-%s.pdf", rc->outdir, period->month);
    else
        snprintf(path, sizeof path, "%s/report-%s-to-%s.pdf", rc->outdir, period->from, period->to);
    snprintf(title, sizeof title, "Help given %s to %s", period->from, period->to);
    if (!(s->report = report_count(rc->db, rc->conf, period, err, errlen))) {
        ret = EX_SOFTWARE;
        goto done;
    }
    if ((ret = render_report_words(rc, s->report, &s->words, err, errlen)) != 0)
        goto done;
    if (bars_of(json_object_get(s->report, "by_category"), "",
                pdf_label(&s->words, "others", "others"), &s->cat) < 0 ||
        bars_of(json_object_get(s->report, "by_area"), pdf_label(&s->words, "no area", "no area"),
                pdf_label(&s->words, "others", "others"), &s->area) < 0 ||
        bars_of_weeks(json_object_get(s->report, "by_week"), &s->words, &s->week) < 0) {
        snprintf(err, errlen, "report: out of memory");
        ret = EX_OSERR;
        goto done;
    }
    if ((ret = pdf_new(&s->pdf, rc, path, title, err, errlen)) != 0)
        goto done;
    s->pdf.margin = MARGIN;
    if (setjmp(jb)) {
        ret = pdf_error(&s->pdf, err, errlen);
        goto done;
    }
    s->pdf.jmp = &jb;
    draw(s);
    s->pdf.jmp = NULL;
    if ((ret = pdf_check(&s->pdf, err, errlen)) == 0 && !rc->check)
        ret = pdf_save(&s->pdf, path, err, errlen);
done:
    pdf_free(&s->pdf);
    pdf_labels_free(&s->words);
    bars_free(&s->cat);
    bars_free(&s->area);
    bars_free(&s->week);
    json_decref((json_t *)s->report);
    free(s);
    return ret;
}

/* ---- what the leaflets covered ---- */

static int
print_row(sqlite3_stmt *s, const char *day, long leaflet, const char *area, const char *street,
          int part, int doors, time_t now)
{
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, leaflet);
    sqlite3_bind_text(s, 3, area, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, street, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, part);
    sqlite3_bind_int(s, 6, doors);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)now);
    return sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
}

int
render_report_leaflets(const struct render_ctx *rc, const struct round_plan *plan,
                       const struct conf_area *areas, size_t nareas, char *err, size_t errlen)
{
    sqlite3_stmt *del = NULL, *ins = NULL;
    int bad = 0;

    if (rc->check)
        return 0;
    if (db_begin(rc->db, err, errlen) < 0)
        return -1;
    if (!(del = db_prepare(rc->db, "DELETE FROM leaflet_prints WHERE day = ?1", err, errlen)) ||
        !(ins = db_prepare(rc->db,
                           "INSERT OR REPLACE INTO leaflet_prints (day, leaflet, area, street,"
                           " part, doors, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           err, errlen)))
        goto fail;
    sqlite3_bind_text(del, 1, rc->date, -1, SQLITE_STATIC);
    if (sqlite3_step(del) != SQLITE_DONE)
        goto sqlerr;
    if (plan && plan->n) {
        for (size_t i = 0; i < plan->n && !bad; i++) {
            const struct round *r = &plan->rounds[i];
            for (size_t j = 0; j < r->nstreets && !bad; j++)
                bad = print_row(ins, rc->date, (long)i + 1, r->area->name, r->streets[j].name,
                                r->streets[j].part, r->streets[j].doors, rc->now);
            if (!r->nstreets && !bad)
                bad = print_row(ins, rc->date, (long)i + 1, r->area->name, "", 0, 0, rc->now);
        }
    } else if (nareas) {
        for (size_t i = 0; i < nareas && !bad; i++) {
            for (size_t j = 0; j < areas[i].nstreets && !bad; j++)
                bad = print_row(ins, rc->date, (long)i + 1, areas[i].name, areas[i].streets[j].name,
                                1, areas[i].streets[j].doors, rc->now);
            if (!areas[i].nstreets && !bad)
                bad = print_row(ins, rc->date, (long)i + 1, areas[i].name, "", 0, 0, rc->now);
        }
    } else {
        bad = print_row(ins, rc->date, 1, "", "", 0, 0, rc->now);
    }
    if (bad)
        goto sqlerr;
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    return db_commit(rc->db, err, errlen);
sqlerr:
    snprintf(err, errlen, "%s: %s", sqlite3_db_filename(rc->db, "main"), sqlite3_errmsg(rc->db));
fail:
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    db_rollback(rc->db);
    return -1;
}
