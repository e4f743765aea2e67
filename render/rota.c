/* rota.c — the volunteer rota PDF: one row per task, one column per day, who signed up
 * and which places are still needed, seven days to a page, long rows continued. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "clock.h"
#include "day.h"
#include "db.h"
#include "pdf.h"
#include "render.h"

#define MAX_DAYS 62
#define DAYS_PER_PAGE 7
#define MARGIN 28.0f
#define TASK_W 150.0f /* the first column */
#define PAD 4.0f
#define IPAD 2.0f /* inside the box of an unfilled place */
/* Type sizes: names from NAME_PT_MAX down to NAME_PT_MIN, as large as lets the rows of the
 * busiest run of days fit one page (below the floor, rows go on to the next page); the
 * other words a step smaller, never below SMALL_MIN. */
#define NAME_PT_MAX 18.0f
#define NAME_PT_MIN 12.0f
#define SMALL_MIN 11.0f
#define HEAD_MIN 9.0f /* a day's heading in a narrow column (no more than a week a page) */
#define WRITE_MIN 1.7f  /* a row's height per volunteer needed, in name sizes... */
#define WRITE_MAX 5.0f  /* ...up to this, when the page has room to write in by hand */
#define MIN_SLICE 60.0f /* the least room worth starting a split row in */

/* How far the drawing of one cell has gone: names drawn, and how much of the box of
 * places still needed. */
struct cellpos {
    size_t names;
    float box;
    int done;
};

/* How far the drawing of one row has gone, when it is split between pages. */
struct cursor {
    struct cellpos cell[DAYS_PER_PAGE];
    int started; /* a first part is drawn: the rest says "(continued)" */
    int done;
};

struct signup {
    size_t task;
    int day;
    char *name; /* display name, never the address */
};

struct rota {
    const struct render_ctx *rc;
    const struct conf_task *tasks;
    size_t ntasks;
    int ndays;
    time_t day[MAX_DAYS];
    char date[MAX_DAYS][DAY_SIZE];
    struct signup *su;
    size_t nsu;
    struct pdf_labels words;
    char dates[320], printed[128];
    /* the document and the page */
    struct pdf pdf;
    float pw, ph, colw, grid_top, bottom;
    float name_pt, small_pt, title_pt, write_h; /* chosen by fit_sizes */
    float head_pt; /* the days' headings: small_pt, or less when a name is too wide */
};

/* The task's name as the group wrote it, from the template ("task KEY: Name"). */
static const char *
task_name(struct rota *r, size_t t, char *buf, size_t len)
{
    char key[160];

    snprintf(key, sizeof key, "task %s", r->tasks[t].name);
    snprintf(buf, len, "%s", pdf_label(&r->words, key, r->tasks[t].name));
    return buf;
}

/* The label KIND N ("needs 2", "needed 1", "more 2"), or its English wording. */
static const char *
count_label(struct rota *r, const char *kind, int n, char *buf, size_t len)
{
    char key[64], fallback[64];

    snprintf(key, sizeof key, "%s %d", kind, n);
    if (strcmp(kind, "needs") == 0)
        snprintf(fallback, sizeof fallback, "needs %d", n);
    else if (strcmp(kind, "more") == 0)
        snprintf(fallback, sizeof fallback, "%d more needed", n);
    else if (n == 1)
        snprintf(fallback, sizeof fallback, "needed");
    else
        snprintf(fallback, sizeof fallback, "%d needed", n);
    snprintf(buf, len, "%s", pdf_label(&r->words, key, fallback));
    return buf;
}

static int
load_signups(struct rota *r, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc;

    st = db_prepare(r->rc->db,
                    "SELECT s.task, s.day, m.name FROM rota_slots s"
                    " JOIN members m ON m.id = s.member_id"
                    " WHERE s.day >= ?1 AND s.day <= ?2 AND m.status IN ('member', 'coordinator')"
                    " ORDER BY s.created_at, s.id",
                    err, errlen);
    if (!st)
        return EX_SOFTWARE;
    sqlite3_bind_text(st, 1, r->date[0], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->date[r->ndays - 1], -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *task = (const char *)sqlite3_column_text(st, 0);
        const char *day = (const char *)sqlite3_column_text(st, 1);
        const struct conf_task *t = task ? conf_task_find(r->rc->conf, task, NULL) : NULL;
        struct signup s = {.day = -1};
        struct signup *more;
        char *name;

        /* matched as loosely as sign-ups are made */
        s.task = t ? (size_t)(t - r->tasks) : r->ntasks;
        for (int d = 0; day && d < r->ndays && s.day < 0; d++)
            if (strcmp(day, r->date[d]) == 0)
                s.day = d;
        if (!task || s.task == r->ntasks || s.day < 0)
            continue; /* a task no longer in the config */
        name = render_display_name(r->rc, (const char *)sqlite3_column_text(st, 2));
        s.name = name ? pdf_clean(name) : NULL;
        free(name);
        if (!s.name || !(more = realloc(r->su, (r->nsu + 1) * sizeof *r->su))) {
            free(s.name);
            sqlite3_finalize(st);
            snprintf(err, errlen, "rota: out of memory");
            return EX_OSERR;
        }
        r->su = more;
        r->su[r->nsu++] = s;
    }
    if (rc != SQLITE_DONE) {
        db_errmsg(r->rc->db, err, errlen);
        sqlite3_finalize(st);
        return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? EX_TEMPFAIL : EX_IOERR;
    }
    sqlite3_finalize(st);
    return 0;
}

/* The template data: the group, the dates (once the month names are known), the counts
 * a task may need and the tasks. */
static json_t *
rota_data(struct rota *r)
{
    const conf *c = r->rc->conf;
    json_t *d = json_object(), *counts = json_array(), *tasks = json_array();
    int most = 0;

    if (!d || !counts || !tasks)
        goto oom;
    json_object_set_new(d, "group", pdf_jstr(conf_str(c, "group", "name")));
    json_object_set_new(d, "address", pdf_jstr(conf_str(c, "group", "address")));
    json_object_set_new(d, "phone", pdf_jstr(conf_str(c, "group", "phone")));
    json_object_set_new(d, "days", json_integer(r->ndays));
    json_object_set_new(d, "date", json_string(r->rc->date));
    json_object_set_new(d, "from_date", json_string(r->date[0]));
    json_object_set_new(d, "to_date", json_string(r->date[r->ndays - 1]));
    json_object_set_new(d, "dates", pdf_jstr(r->dates));
    json_object_set_new(d, "printed", pdf_jstr(r->printed));
    for (size_t t = 0; t < r->ntasks; t++) {
        json_t *task = json_object();
        char *name = strdup(r->tasks[t].name);
        if (!task || !name || json_array_append_new(tasks, task) < 0) {
            free(name);
            goto oom;
        }
        name[0] = (char)toupper((unsigned char)name[0]);
        json_object_set_new(task, "key", pdf_jstr(r->tasks[t].name));
        json_object_set_new(task, "name", pdf_jstr(name));
        free(name);
        if (r->tasks[t].needed > most)
            most = r->tasks[t].needed;
    }
    for (int n = 1; n <= most; n++) {
        json_t *count = json_pack("{s:i, s:b}", "n", n, "one", n == 1);
        if (!count || json_array_append_new(counts, count) < 0)
            goto oom;
    }
    json_object_set_new(d, "counts", counts);
    json_object_set_new(d, "tasks", tasks);
    /* a sign-up to show how: the first task on the first day it runs, once the
     * weekday names are known (the second pass) */
    for (int i = 0; i < r->ndays && r->ntasks > 0 && r->words.n > 0; i++) {
        char wd[64], example[256];
        if (!day_runs(r->tasks[0].days, r->day[i]))
            continue;
        struct tm tm;
        localtime_r(&r->day[i], &tm);
        pdf_label_item(&r->words, "weekdays", PDF_WEEKDAYS, (size_t)(tm.tm_wday + 6) % 7, wd,
                       sizeof wd);
        snprintf(example, sizeof example, "%s %s", r->tasks[0].name, wd);
        json_object_set_new(d, "example", pdf_jstr(example));
        break;
    }
    return d;
oom:
    json_decref(counts);
    json_decref(tasks);
    json_decref(d);
    return NULL;
}

/* Title, dates and the day headings; sets the top of the first row. */
static void
draw_head(struct rota *r, HPDF_Page page, int first, int ncols)
{
    struct pdf *p = &r->pdf;
    struct pdf_box b = {MARGIN, r->ph - MARGIN, r->pw - 2 * MARGIN, 0};
    char title[512], wd[64], month[64], date[80];
    float y, hh = pdf_lines(2, r->head_pt) + 2 * PAD;

    b.h = pdf_lines(2, r->title_pt);
    snprintf(title, sizeof title, "%s", pdf_label(&r->words, "title", "Volunteer rota"));
    y = b.top - pdf_wrap(p, page, p->bold, r->title_pt, b, title, PDF_ELLIPSIS, NULL);
    b.top = y;
    /* the dates, and on the same line at the right when it was printed */
    const char *printed = pdf_label(&r->words, "printed", r->printed);
    float pw = pdf_width(p->regular, r->small_pt, printed, strlen(printed));
    b.h = pdf_lines(1, r->small_pt + 1);
    b.w -= pw + MARGIN;
    if (page)
        pdf_text(p, page, p->regular, r->small_pt, r->pw - MARGIN - pw, y - r->small_pt - 1,
                 printed);
    y -= pdf_wrap(p, page, p->regular, r->small_pt + 1, b, pdf_label(&r->words, "dates", r->dates),
                  PDF_ELLIPSIS, NULL);
    y -= 8;
    r->grid_top = y - hh;
    if (r->ntasks == 0 || !page)
        return;
    pdf_rect(page, MARGIN, y - hh, TASK_W + (float)ncols * r->colw, hh, 0.88f, 0.8f, 0);
    b = (struct pdf_box){MARGIN + PAD, y - PAD, TASK_W - 2 * PAD, hh};
    pdf_wrap(p, page, p->bold, r->head_pt, b, pdf_label(&r->words, "task column", "Task"),
             PDF_ELLIPSIS, NULL);
    for (int i = 0; i < ncols; i++) {
        struct tm tm;
        float x = MARGIN + TASK_W + (float)i * r->colw;

        localtime_r(&r->day[first + i], &tm);
        pdf_label_item(&r->words, "weekdays", PDF_WEEKDAYS, (size_t)(tm.tm_wday + 6) % 7, wd,
                       sizeof wd);
        pdf_label_item(&r->words, "months", PDF_MONTHS, (size_t)tm.tm_mon, month, sizeof month);
        snprintf(date, sizeof date, "%d %s", tm.tm_mday, month);
        b = (struct pdf_box){x + PAD, y - PAD, r->colw - 2 * PAD, pdf_lines(1, r->head_pt)};
        pdf_wrap(p, page, p->bold, r->head_pt, b, wd, PDF_ELLIPSIS, NULL);
        b.top -= pdf_lines(1, r->head_pt);
        pdf_wrap(p, page, p->regular, r->head_pt, b, date, PDF_ELLIPSIS, NULL);
        pdf_line(page, x, y, x, y - hh, 0.8f, 0);
    }
}

/* Lays out (PAGE NULL: measures) what is left of the cell of task T on day D, from
 * *POS on, in the box B; advances *POS and returns the height used. A cell is its
 * names (three lines at most each), then one box for the places still needed, which
 * may be split between pages. */
static float
cell(struct rota *r, HPDF_Page page, size_t t, int d, struct pdf_box b, struct cellpos *pos)
{
    struct pdf *p = &r->pdf;
    const struct conf_task *task = &r->tasks[t];
    int have = 0, missing;
    float used = 0, h, text_h, slice;
    char text[128];

    for (size_t i = 0; i < r->nsu; i++) {
        struct pdf_box nb = {b.x, b.top - used, b.w, pdf_lines(3, r->name_pt)};
        if (r->su[i].task != t || r->su[i].day != d)
            continue;
        if ((size_t)have++ < pos->names)
            continue;
        h = pdf_wrap(p, NULL, p->regular, r->name_pt, nb, r->su[i].name, PDF_ELLIPSIS, NULL);
        if (used + h > b.h + 0.01f)
            return used; /* the rest on the next page */
        pdf_wrap(p, page, p->regular, r->name_pt, nb, r->su[i].name, PDF_ELLIPSIS, NULL);
        used += h;
        pos->names++;
    }
    missing = day_runs(task->days, r->day[d]) ? task->needed - have : 0;
    if (missing <= 0) {
        pos->done = 1;
        return used;
    }
    if (have == 0)
        count_label(r, "needed", missing, text, sizeof text);
    else
        count_label(r, "more", missing, text, sizeof text);
    text_h = pdf_wrap(p, NULL, p->regular, r->small_pt,
                      (struct pdf_box){0, 0, b.w - 2 * IPAD, pdf_lines(3, r->small_pt)}, text,
                      PDF_ELLIPSIS, NULL) +
             2 * IPAD;
    h = text_h;
    if (h < r->write_h * (float)missing - PAD)
        h = r->write_h * (float)missing - PAD; /* as much room as the names will need */
    used += used > 0 && pos->box == 0 ? PAD : 0;
    slice = h - pos->box;
    if (slice > b.h - used)
        slice = b.h - used;
    if (pos->box == 0 && slice < text_h) {
        /* not even the words fit here: the box starts on the next page */
        return used;
    }
    if (page && slice > 0) {
        /* the unfilled place: a light box with a dashed edge and, at its start, the words */
        pdf_rect(page, b.x, b.top - used - slice, b.w, slice, 0.9f, 0.6f, 1);
        if (pos->box == 0)
            pdf_wrap(p, page, p->regular, r->small_pt,
                     (struct pdf_box){b.x + IPAD, b.top - used - IPAD, b.w - 2 * IPAD,
                                      text_h - 2 * IPAD},
                     text, PDF_ELLIPSIS, NULL);
    }
    pos->box += slice > 0 ? slice : 0;
    if (pos->box >= h - 0.01f)
        pos->done = 1;
    return used + (slice > 0 ? slice : 0);
}

/* Lays out (PAGE NULL: measures) what is left of the row of task T for the days
 * FIRST.. from *CUR on, at the top TOP and at most AVAIL tall; advances *CUR (done when
 * every cell is) and returns the height used. A row continued from the page before
 * shows the task's name and "(continued)". */
static float
row(struct rota *r, HPDF_Page page, size_t t, int first, int ncols, float top, float avail,
    struct cursor *cur)
{
    struct pdf *p = &r->pdf;
    const struct conf_task *task = &r->tasks[t];
    struct pdf_box b = {MARGIN + PAD, top - PAD, TASK_W - 2 * PAD, avail - 2 * PAD};
    char name[160], when[64], needs[64];
    float h, used;
    int done = 1;

    if (page) {
        struct cursor probe = *cur;
        h = row(r, NULL, t, first, ncols, top, avail, &probe);
        pdf_rect(page, MARGIN, top - h, TASK_W, h, 0.96f, 0, 0);
        for (int i = 0; i < ncols; i++) {
            struct cellpos pos = {0};
            struct pdf_box cb = {0, 0, r->colw - 2 * PAD, 1e9f};
            if (!day_runs(task->days, r->day[first + i]) && cell(r, NULL, t, first + i, cb, &pos) == 0)
                pdf_rect(page, MARGIN + TASK_W + (float)i * r->colw, top - h, r->colw, h, 0.8f, 0,
                         0);
        }
    }
    task_name(r, t, name, sizeof name);
    b.h = pdf_lines(3, r->name_pt) < b.h ? pdf_lines(3, r->name_pt) : b.h;
    used = pdf_wrap(p, page, p->bold, r->name_pt, b, name, PDF_ELLIPSIS, NULL);
    b.top -= used;
    b.h = avail - 2 * PAD - used;
    if (cur->started) {
        used += pdf_wrap(p, page, p->regular, r->small_pt, b,
                         pdf_label(&r->words, "continued", "(continued)"), PDF_ELLIPSIS, NULL);
    } else {
        snprintf(when, sizeof when, "%02d:%02d\u2013%02d:%02d", task->start / 60, task->start % 60,
                 task->end / 60, task->end % 60);
        count_label(r, "needs", task->needed, needs, sizeof needs);
        used += pdf_wrap(p, page, p->regular, r->small_pt, b, when, PDF_ELLIPSIS, NULL);
        b.top = top - PAD - used, b.h = avail - 2 * PAD - used;
        used += pdf_wrap(p, page, p->regular, r->small_pt, b, needs, PDF_ELLIPSIS, NULL);
    }
    h = used;
    for (int i = 0; i < ncols; i++) {
        struct pdf_box cb = {MARGIN + TASK_W + (float)i * r->colw + PAD, top - PAD,
                             r->colw - 2 * PAD, avail - 2 * PAD};
        float ch = cur->cell[i].done ? 0 : cell(r, page, t, first + i, cb, &cur->cell[i]);
        if (ch > h)
            h = ch;
        done &= cur->cell[i].done;
    }
    /* room to write names in by hand on the printed sheet */
    if (!cur->started && h < r->write_h * (float)task->needed)
        h = r->write_h * (float)task->needed;
    h += 2 * PAD;
    if (h > avail)
        h = avail;
    cur->started = 1;
    cur->done = done;
    if (page) {
        pdf_rect(page, MARGIN, top - h, TASK_W + (float)ncols * r->colw, h, -1, 0.8f, 0);
        for (int i = 1; i <= ncols; i++) {
            float x = MARGIN + TASK_W + (float)(i - 1) * r->colw;
            pdf_line(page, x, top, x, top - h, 0.8f, 0);
        }
    }
    return h;
}

/* The foot of a page (PAGE NULL: measures): how to sign up and how to swap, in full
 * (a quarter of the page at most). Sets R->bottom, the lowest a row may reach. */
static void
draw_foot(struct rota *r, HPDF_Page page)
{
    struct pdf *p = &r->pdf;
    float h = 0;
    const char *lines[2] = {
        pdf_label(&r->words, "signup", ""),
        pdf_label(&r->words, "contact", ""),
    };
    struct pdf_box b = {MARGIN, 0, r->pw - 2 * MARGIN, r->ph / 4};

    for (int i = 0; i < 2; i++)
        h += pdf_wrap(p, NULL, p->regular, r->small_pt, b, lines[i], 0, NULL);
    b.top = MARGIN + h;
    for (int i = 0; i < 2 && page; i++)
        b.top -= pdf_wrap(p, page, p->regular, r->small_pt, b, lines[i], 0, NULL);
    r->bottom = MARGIN + h + 8;
}

static HPDF_Page
new_page(struct rota *r, int first, int ncols)
{
    HPDF_Page page = pdf_page(&r->pdf, r->pw, r->ph);

    draw_head(r, page, first, ncols);
    draw_foot(r, page);
    return page;
}

/* Sets the type sizes for names R->name_pt (and the others from it) and the room to
 * write by hand: the largest names whose rows, for the busiest run of PER days, fit
 * one page, then as much writing room as still fits; at the floor, rows that do not
 * fit go on to the next page as before. */
static void
set_sizes(struct rota *r, float name, float write)
{
    r->name_pt = name;
    r->small_pt = name * 0.85f > SMALL_MIN ? name * 0.85f : SMALL_MIN;
    r->title_pt = name * 1.5f;
    r->write_h = name * write;
    /* the days' headings fit their columns: the widest weekday and date */
    r->head_pt = r->small_pt;
    for (int d = 0; d < 7 && d < r->ndays; d++) {
        char wd[64], month[64], date[80];
        struct tm tm;
        localtime_r(&r->day[d], &tm);
        pdf_label_item(&r->words, "weekdays", PDF_WEEKDAYS, (size_t)(tm.tm_wday + 6) % 7, wd,
                       sizeof wd);
        pdf_label_item(&r->words, "months", PDF_MONTHS, 8 /* September */, month, sizeof month);
        snprintf(date, sizeof date, "30 %s", month);
        while (r->head_pt > HEAD_MIN &&
               (pdf_width(r->pdf.bold, r->head_pt, wd, strlen(wd)) > r->colw - 2 * PAD ||
                pdf_width(r->pdf.regular, r->head_pt, date, strlen(date)) > r->colw - 2 * PAD))
            r->head_pt -= 0.5f;
    }
}

/* The height of every row of the run of days from FIRST (NCOLS days), unsplit. */
static float
rows_height(struct rota *r, int first, int ncols)
{
    float total = 0;

    for (size_t t = 0; t < r->ntasks; t++) {
        struct cursor cur = {0};
        total += row(r, NULL, t, first, ncols, 0, 1e9f, &cur);
    }
    return total;
}

/* Whether every volunteer's name fits its column on one line at R->name_pt: a name is
 * better smaller than broken (at the floor, a long one wraps all the same). */
static int
names_fit(struct rota *r)
{
    for (size_t i = 0; i < r->nsu; i++)
        if (pdf_width(r->pdf.regular, r->name_pt, r->su[i].name, strlen(r->su[i].name)) >
            r->colw - 2 * PAD)
            return 0;
    return 1;
}

static int
sizes_fit(struct rota *r, int per)
{
    /* the head and the foot first: they set where rows may go (also at the floor) */
    draw_head(r, NULL, 0, per);
    draw_foot(r, NULL);
    if (!names_fit(r))
        return 0;
    for (int first = 0; first < r->ndays; first += per) {
        int ncols = r->ndays - first < per ? r->ndays - first : per;
        if (rows_height(r, first, ncols) > r->grid_top - r->bottom + 0.01f)
            return 0;
    }
    return 1;
}

static void
fit_sizes(struct rota *r, int per)
{
    /* in half points down from the largest (integer steps: a float counter drifts) */
    int steps = (int)ceilf((NAME_PT_MAX - NAME_PT_MIN) * 2.0f), k;
    float name = NAME_PT_MAX, write;

    for (k = 0; k < steps; k++) {
        name = NAME_PT_MAX - 0.5f * (float)k;
        set_sizes(r, name, WRITE_MIN);
        if (sizes_fit(r, per))
            break;
    }
    if (k == steps) {
        set_sizes(r, NAME_PT_MIN, WRITE_MIN);
        sizes_fit(r, per);
        return;
    }
    int wsteps = (int)ceilf((WRITE_MAX - WRITE_MIN) * 4.0f);
    for (k = 0; k < wsteps; k++) {
        write = WRITE_MAX - 0.25f * (float)k;
        set_sizes(r, name, write);
        if (sizes_fit(r, per))
            return;
    }
    set_sizes(r, name, WRITE_MIN);
    sizes_fit(r, per);
}

/* Every page of the rota: per run of seven days, rows until the page is full. A row
 * that does not fit starts on the next page; one taller than a page is split. */
static void
draw(struct rota *r)
{
    int per = r->ndays < DAYS_PER_PAGE ? r->ndays : DAYS_PER_PAGE;
    float bottom;
    HPDF_Page page;

    r->colw = (r->pw - 2 * MARGIN - TASK_W) / (float)per;
    fit_sizes(r, per);
    bottom = r->bottom;
    if (r->ntasks == 0) {
        page = new_page(r, 0, 0);
        pdf_wrap(&r->pdf, page, r->pdf.regular, 14,
                 (struct pdf_box){MARGIN, r->grid_top - 20, r->pw - 2 * MARGIN, 200},
                 pdf_label(&r->words, "no tasks", "No rota tasks are set up yet."), 0, NULL);
        return;
    }
    for (int first = 0; first < r->ndays; first += per) {
        int ncols = r->ndays - first < per ? r->ndays - first : per;
        float y;

        page = new_page(r, first, ncols);
        y = r->grid_top;
        for (size_t t = 0; t < r->ntasks; t++) {
            struct cursor cur = {0};
            for (;;) {
                struct cursor probe = cur;
                float need = row(r, NULL, t, first, ncols, y, 1e9f, &probe);
                float avail = y - bottom, full = r->grid_top - bottom;
                /* order is important: a row that fits a fresh page goes there whole;
                 * only a row taller than a page is split, from where it stands */
                if (need > avail + 0.01f && y < r->grid_top &&
                    (need <= full + 0.01f || avail < MIN_SLICE)) {
                    page = new_page(r, first, ncols);
                    y = r->grid_top;
                    continue;
                }
                y -= row(r, page, t, first, ncols, y, avail, &cur);
                if (cur.done)
                    break;
                page = new_page(r, first, ncols);
                y = r->grid_top;
            }
        }
    }
}

/* The wording, in two passes: the first gives the month names the dates are written
 * with, the second has the dates. */
static int
load_words(struct rota *r, char *err, size_t errlen)
{
    json_t *data;
    int rc;
    char from[128], to[128];

    for (int pass = 0; pass < 2; pass++) {
        if (!(data = rota_data(r))) {
            snprintf(err, errlen, "rota: out of memory");
            return EX_OSERR;
        }
        pdf_labels_free(&r->words);
        rc = pdf_labels_load(r->rc, "rota.txt", data, &r->words, err, errlen);
        json_decref(data);
        if (rc != 0)
            return rc;
        pdf_label_date(&r->words, r->day[0], 1, from, sizeof from);
        pdf_label_date(&r->words, r->day[r->ndays - 1], 1, to, sizeof to);
        snprintf(r->dates, sizeof r->dates, "%s \u2013 %s", from, to);
        pdf_label_date(&r->words, r->rc->now, 0, r->printed, sizeof r->printed);
    }
    return 0;
}

int
render_rota(struct render_ctx *rc, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    /* On the heap, not a local: the libharu handler writes into it before jumping back
     * to the setjmp below, and the drawing changes it. */
    struct rota *r = calloc(1, sizeof *r);
    char path[PATH_MAX], title[64];
    jmp_buf jb;
    int ret;

    if (!r) {
        snprintf(err, errlen, "rota: out of memory");
        return EX_OSERR;
    }
    r->rc = rc;
    r->tasks = conf_tasks(c, &r->ntasks);
    r->ndays = (int)conf_int(c, "rota", "days");
    if (r->ndays < 1 || r->ndays > MAX_DAYS)
        r->ndays = r->ndays < 1 ? 1 : MAX_DAYS;
    r->day[0] = clock_day_start(rc->now);
    for (int d = 0; d < r->ndays; d++) {
        r->day[d] = clock_add_days(r->day[0], d);
        clock_date(r->day[d], r->date[d]);
    }
    if (strcmp(conf_str(c, "rota", "paper"), "letter") == 0)
        r->pw = PDF_LETTER_H, r->ph = PDF_LETTER_W;
    else
        r->pw = PDF_A4_H, r->ph = PDF_A4_W;
    snprintf(path, sizeof path, "%s/rota-%s.pdf", rc->outdir, rc->date);
    snprintf(title, sizeof title, "Rota %s", rc->date);
    if ((ret = load_signups(r, err, errlen)) != 0 || (ret = load_words(r, err, errlen)) != 0)
        goto done;
    if ((ret = pdf_new(&r->pdf, rc, path, title, err, errlen)) != 0)
        goto done;
    r->pdf.margin = MARGIN;
    /* Everything the drawing needs is loaded before this point and freed after "done",
     * so a libharu error can jump out of the drawing without leaking. */
    if (setjmp(jb)) {
        ret = pdf_error(&r->pdf, err, errlen);
        goto done;
    }
    r->pdf.jmp = &jb;
    draw(r);
    r->pdf.jmp = NULL;
    if ((ret = pdf_check(&r->pdf, err, errlen)) == 0)
        ret = pdf_save(&r->pdf, path, err, errlen);
done:
    pdf_free(&r->pdf);
    pdf_labels_free(&r->words);
    for (size_t i = 0; i < r->nsu; i++)
        free(r->su[i].name);
    free(r->su);
    free(r);
    return ret;
}
