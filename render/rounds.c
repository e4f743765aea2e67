/* rounds.c — delivery rounds: the plan (streets cut into rounds of a few doors) and the
 * rounds PDF, a page per round with its streets, doors, leaflets, tick boxes and the
 * volunteer who signed up for it through the rota. */
#include "rounds.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "day.h"
#include "db.h"
#include "log.h"
#include "names.h"
#include "pdf.h"
#include "render.h"

#define MARGIN 40.0f
#define BODY 14.0f  /* the street rows: legible in the street, on a clipboard */
#define SMALL 11.0f /* headings of the table, the footer */
#define ROW_PAD 5.0f
#define TICK 14.0f                 /* the side of a tick box */
#define NUM_W 70.0f                /* the doors and leaflets columns */
#define TICK_W 30.0f               /* the tick box column */
#define FOOT_H (3 * SMALL * 1.25f) /* the footer: contact, two lines, and the date */

int
rounds_plan(const struct conf_area *areas, size_t nareas, int max_doors, struct round_plan *plan)
{
    size_t nparts = 0, s = 0;
    struct round *cur;

    memset(plan, 0, sizeof *plan);
    if (max_doors < 1)
        max_doors = 1;
    for (size_t a = 0; a < nareas; a++)
        for (size_t i = 0; i < areas[a].nstreets; i++)
            nparts += (size_t)(areas[a].streets[i].doors + max_doors - 1) / (size_t)max_doors + 1;
    if (nparts == 0)
        return 0;
    /* at most a round per street part: both arrays are sized once, so that the rounds
     * may point into the streets */
    if (!(plan->streets = calloc(nparts, sizeof *plan->streets)) ||
        !(plan->rounds = calloc(nparts, sizeof *plan->rounds))) {
        rounds_free(plan);
        return -1;
    }
    for (size_t a = 0; a < nareas; a++) {
        cur = NULL;
        for (size_t i = 0; i < areas[a].nstreets; i++) {
            const struct conf_street *st = &areas[a].streets[i];
            int parts = st->doors > max_doors ? (st->doors + max_doors - 1) / max_doors : 1;

            for (int part = 1; part <= parts; part++) {
                int doors = st->doors / parts + (part <= st->doors % parts ? 1 : 0);
                /* a long street starts a round of its own; a whole one joins the round
                 * being filled when it fits */
                if (!cur || (parts > 1 && part == 1 && cur->doors > 0) || part > 1 ||
                    cur->doors + doors > max_doors) {
                    cur = &plan->rounds[plan->n++];
                    cur->area = &areas[a];
                    cur->number = (int)plan->n;
                    cur->streets = &plan->streets[s];
                }
                plan->streets[s++] = (struct round_street){st->name, doors, part, parts};
                cur->nstreets++;
                cur->doors += doors;
            }
        }
    }
    return 0;
}

void
rounds_free(struct round_plan *plan)
{
    free(plan->rounds);
    free(plan->streets);
    memset(plan, 0, sizeof *plan);
}

/* The rounds document. */
struct rounds {
    const struct render_ctx *rc;
    struct pdf pdf;
    struct pdf_labels words;
    struct round_plan plan;
    struct round_crew crew; /* who takes which round */
    char printed[128], day_text[128], weekday[64];
    float pw, ph;
};

/* The first word of NAME, the volunteer's first name (malloc'd), "" without a name. */
static char *
first_name(const char *name)
{
    char pub[256];

    /* only a display name that looks like a person's (names_public): never an
     * address, a number or a handle; "" when there is none */
    if (!names_public(name, pub, sizeof pub))
        return strdup("");
    return strndup(pub, strcspn(pub, " "));
}

int
rounds_crew(const struct render_ctx *ctx, struct round_crew *crew, size_t nrounds, char *err,
            size_t errlen)
{
    const conf *c = ctx->conf;
    struct round_crew *r = crew;
    sqlite3_stmt *st;
    char date[DAY_SIZE];
    time_t today = clock_day_start(ctx->now);
    int rc;

    r->task = conf_task_find(c, conf_str(c, "leaflets", "rota_task"), NULL);
    if (!r->task)
        return 0;
    for (int d = 0; d < 7 && !r->has_day; d++) {
        time_t day = clock_add_days(today, d);
        if (day_runs(r->task->days, day))
            r->day = day, r->has_day = 1;
    }
    if (!r->has_day)
        return 0;
    clock_date(r->day, date);
    st = db_prepare(ctx->db,
                    "SELECT s.task, m.name FROM rota_slots s"
                    " JOIN members m ON m.id = s.member_id"
                    " WHERE s.day = ?1 AND m.status IN ('member', 'coordinator')"
                    " ORDER BY s.created_at, s.id",
                    err, errlen);
    if (!st)
        return EX_SOFTWARE;
    sqlite3_bind_text(st, 1, date, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *task = (const char *)sqlite3_column_text(st, 0);
        char *name, *clean, *first, **more, **more_first;

        if (!task || conf_task_find(c, task, NULL) != r->task)
            continue;
        name = render_display_name(ctx, (const char *)sqlite3_column_text(st, 1));
        clean = name ? pdf_clean(name) : NULL;
        free(name);
        name = first_name((const char *)sqlite3_column_text(st, 1));
        first = name ? pdf_clean(name) : NULL;
        free(name);
        more = clean && first ? realloc(r->names, (r->n + 1) * sizeof *more) : NULL;
        if (more)
            r->names = more;
        more_first = more ? realloc(r->first, (r->n + 1) * sizeof *more_first) : NULL;
        if (!more_first) {
            free(clean);
            free(first);
            sqlite3_finalize(st);
            snprintf(err, errlen, "rounds: out of memory");
            return EX_OSERR;
        }
        r->first = more_first;
        r->names[r->n] = clean;
        r->first[r->n++] = first;
    }
    if (rc != SQLITE_DONE) {
        db_errmsg(ctx->db, err, errlen);
        sqlite3_finalize(st);
        return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? EX_TEMPFAIL : EX_IOERR;
    }
    sqlite3_finalize(st);
    if (r->n > nrounds)
        log_info("rounds: %zu volunteers signed up for %s on %s, for %zu rounds", r->n,
                 r->task->name, date, nrounds);
    return 0;
}

void
rounds_crew_free(struct round_crew *crew)
{
    for (size_t i = 0; i < crew->n; i++) {
        free(crew->names[i]);
        free(crew->first[i]);
    }
    free(crew->names);
    free(crew->first);
    memset(crew, 0, sizeof *crew);
}

/* The template data of round RD (NULL: the document as a whole). */
static json_t *
rounds_data(struct rounds *r, const struct round *rd)
{
    const conf *c = r->rc->conf;
    json_t *d = json_object(), *parts;
    int doors = 0;
    char *area;

    if (!d)
        return NULL;
    for (size_t i = 0; i < r->plan.n; i++)
        doors += r->plan.rounds[i].doors;
    json_object_set_new(d, "group", pdf_jstr(conf_str(c, "group", "name")));
    json_object_set_new(d, "address", pdf_jstr(conf_str(c, "group", "address")));
    json_object_set_new(d, "phone", pdf_jstr(conf_str(c, "group", "phone")));
    json_object_set_new(d, "date", json_string(r->rc->date));
    json_object_set_new(d, "printed", pdf_jstr(r->printed));
    json_object_set_new(d, "rounds", json_integer((json_int_t)r->plan.n));
    json_object_set_new(d, "all_doors", json_integer(doors));
    /* absent values are empty strings, so that --check-templates knows the names */
    json_object_set_new(d, "task", pdf_jstr(r->crew.task ? r->crew.task->name : ""));
    json_object_set_new(d, "day", pdf_jstr(r->crew.has_day ? r->day_text : ""));
    json_object_set_new(d, "weekday", pdf_jstr(r->crew.has_day ? r->weekday : ""));
    if (rd) {
        size_t n = (size_t)rd->number - 1;
        if (!(area = strdup(rd->area->name))) {
            json_decref(d);
            return NULL;
        }
        area[0] = (char)toupper((unsigned char)area[0]);
        json_object_set_new(d, "number", json_integer(rd->number));
        json_object_set_new(d, "area", pdf_jstr(area));
        json_object_set_new(d, "area_key", pdf_jstr(rd->area->name));
        json_object_set_new(d, "doors", json_integer(rd->doors));
        json_object_set_new(d, "streets", json_integer((json_int_t)rd->nstreets));
        json_object_set_new(d, "parts", parts = json_array());
        for (size_t i = 0; parts && i < rd->nstreets; i++)
            if (rd->streets[i].parts > 1)
                json_array_append_new(parts, json_pack("{s:i, s:i}", "n", rd->streets[i].part, "of",
                                                       rd->streets[i].parts));
        json_object_set_new(d, "volunteer", pdf_jstr(n < r->crew.n ? r->crew.names[n] : ""));
        free(area);
    }
    return d;
}

static int
load_words(struct rounds *r, const struct round *rd, char *err, size_t errlen)
{
    json_t *data = rounds_data(r, rd);
    int rc;

    if (!data) {
        snprintf(err, errlen, "rounds: out of memory");
        return EX_OSERR;
    }
    pdf_labels_free(&r->words);
    rc = pdf_labels_load(r->rc, "rounds.txt", data, &r->words, err, errlen);
    json_decref(data);
    return rc;
}

/* The footer of every page: how to reach the group (two lines at most), then the date
 * printed. */
static void
draw_foot(struct rounds *r, HPDF_Page page)
{
    struct pdf *p = &r->pdf;
    const char *contact = pdf_label(&r->words, "contact", "");
    struct pdf_box b = {MARGIN, MARGIN + FOOT_H, r->pw - 2 * MARGIN, pdf_lines(2, SMALL)};
    float h = pdf_wrap(p, NULL, p->regular, SMALL, b, contact, PDF_ELLIPSIS, NULL);

    b.top = MARGIN + pdf_lines(1, SMALL) + h; /* close above the printed line */
    pdf_wrap(p, page, p->regular, SMALL, b, contact, PDF_ELLIPSIS, NULL);
    b.top = MARGIN + pdf_lines(1, SMALL);
    pdf_wrap(p, page, p->regular, SMALL, b, pdf_label(&r->words, "printed", r->printed),
             PDF_ELLIPSIS, NULL);
}

/* The head of a page of round RD: its number, area, day and volunteer (on the first
 * page) or "(continued)"; returns the top of the table. */
static float
draw_head(struct rounds *r, HPDF_Page page, const struct round *rd, int continued)
{
    struct pdf *p = &r->pdf;
    struct pdf_box b = {MARGIN, r->ph - MARGIN, r->pw - 2 * MARGIN, pdf_lines(2, 24)};
    char title[512], fallback[64];
    const char *vol;
    float y, h;

    snprintf(fallback, sizeof fallback, "Round %d", rd->number);
    snprintf(title, sizeof title, "%s%s%s", pdf_label(&r->words, "title", fallback),
             continued ? " " : "",
             continued ? pdf_label(&r->words, "continued", "(continued)") : "");
    y = b.top - pdf_wrap(p, page, p->bold, 24, b, title, PDF_ELLIPSIS, NULL);
    b.top = y, b.h = pdf_lines(2, 18);
    y -= pdf_wrap(p, page, p->bold, 18, b, pdf_label(&r->words, "area", rd->area->name),
                  PDF_ELLIPSIS, NULL);
    if (continued)
        return y - BODY;
    if (r->crew.has_day) {
        b.top = y, b.h = pdf_lines(2, BODY);
        y -= pdf_wrap(p, page, p->regular, BODY, b, pdf_label(&r->words, "day", r->day_text),
                      PDF_ELLIPSIS, NULL);
    }
    y -= BODY * 0.6f;
    /* the volunteer, or a box that asks for one */
    vol = (size_t)rd->number <= r->crew.n
              ? pdf_label(&r->words, "volunteer", r->crew.names[rd->number - 1])
              : pdf_label(&r->words, "volunteer needed", "Volunteer needed");
    b = (struct pdf_box){MARGIN + 10, y - 8, r->pw - 2 * MARGIN - 20, pdf_lines(2, 16)};
    h = pdf_wrap(p, NULL, p->bold, 16, b, vol, PDF_ELLIPSIS, NULL);
    if ((size_t)rd->number > r->crew.n) {
        const char *hint = pdf_label(&r->words, "needed hint", "");
        struct pdf_box hb = {b.x, b.top - h, b.w, pdf_lines(2, SMALL)};
        float hh = *hint ? pdf_wrap(p, NULL, p->regular, SMALL, hb, hint, PDF_ELLIPSIS, NULL) : 0;
        pdf_rect(page, MARGIN, y - h - hh - 16, r->pw - 2 * MARGIN, h + hh + 16, 0.9f, 1.2f, 1);
        if (*hint)
            pdf_wrap(p, page, p->regular, SMALL, hb, hint, PDF_ELLIPSIS, NULL);
        h += hh;
    } else {
        pdf_rect(page, MARGIN, y - h - 16, r->pw - 2 * MARGIN, h + 16, 0.92f, 0, 0);
    }
    pdf_wrap(p, page, p->bold, 16, b, vol, PDF_ELLIPSIS, NULL);
    return y - h - 16 - BODY;
}

/* The table's column headings at TOP; returns the top of the first row. */
static float
table_head(struct rounds *r, HPDF_Page page, float top)
{
    struct pdf *p = &r->pdf;
    float x_num = r->pw - MARGIN - 2 * NUM_W, lh = pdf_lines(2, SMALL);
    const char *heads[] = {pdf_label(&r->words, "street", "Street"),
                           pdf_label(&r->words, "doors", "Doors"),
                           pdf_label(&r->words, "leaflets", "Leaflets")};
    float xs[] = {MARGIN + TICK_W, x_num, x_num + NUM_W};
    float ws[] = {x_num - MARGIN - TICK_W - 6, NUM_W - 6, NUM_W - 6};

    for (int i = 0; i < 3; i++) {
        float w = pdf_width(p->bold, SMALL, heads[i], strlen(heads[i]));
        if (i > 0 && w <= NUM_W - 10) /* over the numbers, right-aligned as they are */
            pdf_text(p, page, p->bold, SMALL, xs[i] + NUM_W - 10 - w, top - SMALL, heads[i]);
        else
            pdf_wrap(p, page, p->bold, SMALL, (struct pdf_box){xs[i], top, ws[i], lh}, heads[i],
                     PDF_ELLIPSIS, NULL);
    }
    pdf_line(page, MARGIN, top - lh - 2, r->pw - MARGIN, top - lh - 2, 1.2f, 0);
    return top - lh - 2;
}

/* A right-aligned number N in the column at X (width NUM_W) on the baseline Y. */
static void
number(struct rounds *r, HPDF_Page page, HPDF_Font font, float x, float y, int n)
{
    char s[32];

    if (n > 0)
        snprintf(s, sizeof s, "%d", n);
    else
        snprintf(s, sizeof s, "?"); /* [areas] gives no doors for this street */
    pdf_text(&r->pdf, page, font, BODY, x + NUM_W - 10 - pdf_width(font, BODY, s, strlen(s)), y, s);
}

/* One street row at TOP: tick box, name ("Station Road (1 of 2)"), doors, leaflets.
 * With PAGE NULL only measures. Returns its height. */
static float
street_row(struct rounds *r, HPDF_Page page, const struct round_street *st, float top)
{
    struct pdf *p = &r->pdf;
    float x_num = r->pw - MARGIN - 2 * NUM_W, h;
    struct pdf_box b = {MARGIN + TICK_W, top - ROW_PAD, x_num - MARGIN - TICK_W - 6,
                        pdf_lines(3, BODY)};
    char name[512], part[128], fallback[64];

    if (st->parts > 1) {
        char key[64];
        snprintf(key, sizeof key, "part %d of %d", st->part, st->parts);
        snprintf(fallback, sizeof fallback, "(%d of %d)", st->part, st->parts);
        snprintf(part, sizeof part, " %s", pdf_label(&r->words, key, fallback));
    } else {
        part[0] = '\0';
    }
    snprintf(name, sizeof name, "%s%s", st->name, part);
    h = pdf_wrap(p, page, p->regular, BODY, b, name, PDF_ELLIPSIS, NULL) + 2 * ROW_PAD;
    if (h < TICK + 2 * ROW_PAD + 4)
        h = TICK + 2 * ROW_PAD + 4;
    if (page) {
        pdf_rect(page, MARGIN + 4, top - ROW_PAD - TICK - 1, TICK, TICK, -1, 1.2f, 0);
        number(r, page, p->regular, x_num, top - ROW_PAD - BODY, st->doors);
        number(r, page, p->regular, x_num + NUM_W, top - ROW_PAD - BODY, st->doors);
        pdf_line(page, MARGIN, top - h, r->pw - MARGIN, top - h, 0.5f, 0);
    }
    return h;
}

/* The pages of round RD: head, table (continued on more pages when long), total and
 * notes. */
static void
draw_round(struct rounds *r, const struct round *rd)
{
    struct pdf *p = &r->pdf;
    float bottom = MARGIN + FOOT_H + 10, y, x_num = r->pw - MARGIN - 2 * NUM_W;
    const char *notes = pdf_label(&r->words, "notes", "");
    struct pdf_box nb;
    HPDF_Page page = pdf_page(p, r->pw, r->ph);

    draw_foot(r, page);
    y = table_head(r, page, draw_head(r, page, rd, 0));
    for (size_t i = 0; i < rd->nstreets; i++) {
        float h = street_row(r, NULL, &rd->streets[i], y);
        if (y - h < bottom + pdf_lines(1, BODY) + 2 * ROW_PAD) {
            page = pdf_page(p, r->pw, r->ph);
            draw_foot(r, page);
            y = table_head(r, page, draw_head(r, page, rd, 1));
        }
        y -= street_row(r, page, &rd->streets[i], y);
    }
    /* the total, kept on the page of the last street */
    pdf_text(p, page, p->bold, BODY, MARGIN + TICK_W, y - ROW_PAD - BODY,
             pdf_label(&r->words, "total", "Total"));
    number(r, page, p->bold, x_num, y - ROW_PAD - BODY, rd->doors);
    number(r, page, p->bold, x_num + NUM_W, y - ROW_PAD - BODY, rd->doors);
    y -= pdf_lines(1, BODY) + 2 * ROW_PAD + BODY * 0.6f;
    if (!*notes)
        return;
    nb = (struct pdf_box){MARGIN, y, r->pw - 2 * MARGIN, y - bottom};
    if (pdf_wrap(p, NULL, p->regular, BODY, nb, notes, 0, NULL) > nb.h) {
        page = pdf_page(p, r->pw, r->ph);
        draw_foot(r, page);
        nb.top = draw_head(r, page, rd, 1);
        nb.h = nb.top - bottom;
    }
    pdf_wrap(p, page, p->regular, BODY, nb, notes, 0, NULL);
}

/* Every page; returns 0 or the sysexits code of a template error. */
static int
draw(struct rounds *r, char *err, size_t errlen)
{
    int ret = 0;

    if (r->plan.n == 0) {
        HPDF_Page page = pdf_page(&r->pdf, r->pw, r->ph);
        draw_foot(r, page);
        pdf_wrap(&r->pdf, page, r->pdf.regular, BODY,
                 (struct pdf_box){MARGIN, r->ph - MARGIN, r->pw - 2 * MARGIN, 300},
                 pdf_label(&r->words, "no rounds", "No streets are set up for delivery rounds."), 0,
                 NULL);
        return 0;
    }
    for (size_t i = 0; i < r->plan.n && ret == 0; i++)
        if ((ret = load_words(r, &r->plan.rounds[i], err, errlen)) == 0)
            draw_round(r, &r->plan.rounds[i]);
    return ret;
}

int
render_rounds(struct render_ctx *rc, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    /* On the heap: the libharu handler writes into it before jumping to the setjmp. */
    struct rounds *r = calloc(1, sizeof *r);
    const struct conf_area *areas;
    size_t nareas;
    char path[PATH_MAX], title[64];
    jmp_buf jb;
    int ret = 0;

    if (!r) {
        snprintf(err, errlen, "rounds: out of memory");
        return EX_OSERR;
    }
    r->rc = rc;
    if (strcmp(conf_str(c, "leaflets", "paper"), "letter") == 0)
        r->pw = PDF_LETTER_W, r->ph = PDF_LETTER_H;
    else
        r->pw = PDF_A4_W, r->ph = PDF_A4_H;
    snprintf(path, sizeof path, "%s/rounds-%s.pdf", rc->outdir, rc->date);
    snprintf(title, sizeof title, "Delivery rounds %s", rc->date);
    areas = conf_areas(c, &nareas);
    if (rounds_plan(areas, nareas, (int)conf_int(c, "leaflets", "round_doors"), &r->plan) < 0) {
        snprintf(err, errlen, "rounds: out of memory");
        ret = EX_OSERR;
        goto done;
    }
    /* a first rendering of the wording gives the month names for the dates */
    if ((ret = rounds_crew(rc, &r->crew, r->plan.n, err, errlen)) != 0 ||
        (ret = load_words(r, NULL, err, errlen)) != 0)
        goto done;
    pdf_label_date(&r->words, rc->now, 0, r->printed, sizeof r->printed);
    if (r->crew.has_day) {
        pdf_label_date(&r->words, r->crew.day, 1, r->day_text, sizeof r->day_text);
        pdf_label_item(&r->words, "weekdays", PDF_WEEKDAYS, (size_t)day_weekday(r->crew.day), r->weekday,
                       sizeof r->weekday);
    }
    if ((ret = load_words(r, NULL, err, errlen)) != 0 ||
        (ret = pdf_new(&r->pdf, rc, path, title, err, errlen)) != 0)
        goto done;
    r->pdf.margin = MARGIN;
    if (setjmp(jb)) {
        ret = pdf_error(&r->pdf, err, errlen);
        goto done;
    }
    r->pdf.jmp = &jb;
    ret = draw(r, err, errlen);
    r->pdf.jmp = NULL;
    if (ret == 0 && (ret = pdf_check(&r->pdf, err, errlen)) == 0)
        ret = pdf_save(&r->pdf, path, err, errlen);
done:
    pdf_free(&r->pdf);
    pdf_labels_free(&r->words);
    rounds_crew_free(&r->crew);
    rounds_free(&r->plan);
    free(r);
    return ret;
}
