/* cmd_report.c — `doorstep report`: the report of help given in a period, as words and
 * tables, CSV or JSON; the counting is lib/report.c's, the words render/report_pdf.c's
 * (templates/report.txt), the same as the PDF of `doorstep-render report`. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "render.h"
#include "report.h"
#include "text.h"

/* the columns of the CSV and of the text tables: a figure's group and key */
static const struct {
    const char *group, *key, *heading; /* HEADING: the text table's */
} columns[] = {
    {"requests", "made", "requests"},
    {"requests", "met", "met"},
    {"requests", "withdrawn", "withdrawn"},
    {"requests", "expired", "expired"},
    {"requests", "open", "open"},
    {"offers", "made", "offers"},
    {"offers", "taken", "taken"},
    {"offers", "open", "offers open"},
    {"responses", "relayed", "relayed"},
    {"responses", "to_coordinators", "to coord."},
    {NULL, "median_days_to_met", "median days"},
    {"leaflets", "printed", "leaflets"},
    {"leaflets", "doors", "doors"},
    {"leaflets", "days", "days"},
    {"rota", "needed", "needed"},
    {"rota", "filled", "filled"},
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* The value of column K in O as text: "" when O has no such figure. */
static void
cell(const json_t *o, size_t k, char *out, size_t len)
{
    const json_t *v = columns[k].group
                          ? json_object_get(json_object_get(o, columns[k].group), columns[k].key)
                          : json_object_get(o, columns[k].key);

    if (json_is_integer(v))
        snprintf(out, len, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(out, len, "%.1f", json_real_value(v));
    else
        snprintf(out, len, "%s", "");
}

static void
csv_row(const char *section, const char *name, const char *from, const char *to, const json_t *o)
{
    char v[32];

    text_csv_field(stdout, section), putchar(','), text_csv_field(stdout, name);
    printf(",%s,%s", from, to);
    for (size_t k = 0; k < NCOLUMNS; k++) {
        cell(o, k, v, sizeof v);
        printf(",%s", v);
    }
    fputs("\r\n", stdout);
}

/* One row for the whole period, then one per category, area, rota task and week. */
static void
print_csv(const json_t *r)
{
    const char *from = json_string_value(json_object_get(r, "from"));
    const char *to = json_string_value(json_object_get(r, "to"));
    static const char *const by[][2] = {
        {"category", "by_category"}, {"area", "by_area"}, {"task", "by_task"}};
    const char *key;
    json_t *v;
    size_t i;

    fputs("section,name,from,to", stdout);
    for (size_t k = 0; k < NCOLUMNS; k++)
        printf(",%s%s%s", columns[k].group ? columns[k].group : "", columns[k].group ? "_" : "",
               columns[k].key);
    fputs("\r\n", stdout);
    csv_row("total", "", from, to, r);
    for (size_t b = 0; b < 3; b++)
        json_object_foreach(json_object_get(r, by[b][1]), key, v)
        {
            /* a task's figures are the rota's own */
            json_t *row = b == 2 ? json_pack("{sO}", "rota", v) : json_incref(v);
            csv_row(by[b][0], key, from, to, row);
            json_decref(row);
        }
    json_array_foreach(json_object_get(r, "by_week"), i, v)
    {
        const char *wf = json_string_value(json_object_get(v, "from"));
        csv_row("week", wf, wf, json_string_value(json_object_get(v, "to")), v);
    }
}

/* A table of the figures of each key of BY, titled TITLE, in the columns K of KS. */
static void
table(const char *title, const json_t *by, const size_t *ks, size_t nks, const char *none)
{
    const char *key;
    json_t *v;
    int width = (int)strlen(none);
    char val[32];

    json_object_foreach((json_t *)by, key, v)
    {
        if ((int)strlen(key) > width)
            width = (int)strlen(key);
    }
    printf("\n%s\n%-*s", title, width + 2, "");
    for (size_t i = 0; i < nks; i++)
        printf(" %11s", columns[ks[i]].heading);
    putchar('\n');
    json_object_foreach((json_t *)by, key, v)
    {
        const json_t *row =
            json_object_get(v, "needed") ? json_pack("{sO}", "rota", v) : json_incref(v);
        printf("  %-*s", width, *key ? key : none);
        for (size_t i = 0; i < nks; i++) {
            cell(row, ks[i], val, sizeof val);
            printf(" %11s", *val ? val : "-");
        }
        putchar('\n');
        json_decref((json_t *)row);
    }
}

static void
print_tables(const json_t *r)
{
    static const size_t posts[] = {0, 1, 2, 3, 4, 5, 6, 8, 9, 10},
                        area[] = {0, 1, 4, 5, 8, 9, 11, 12}, rota[] = {14, 15};
    json_t *weeks = json_object(), *w;
    size_t i;

    table("By category:", json_object_get(r, "by_category"), posts, sizeof posts / sizeof posts[0],
          "");
    table("By area:", json_object_get(r, "by_area"), area, sizeof area / sizeof area[0],
          "(no area)");
    table("Rota places by task:", json_object_get(r, "by_task"), rota, 2, "");
    json_array_foreach(json_object_get(r, "by_week"), i, w)
    {
        char name[32];
        snprintf(name, sizeof name, "%s..%s", json_string_value(json_object_get(w, "from")),
                 json_string_value(json_object_get(w, "to")) + 8);
        json_object_set(weeks, name, w);
    }
    table("By week:", weeks, (const size_t[]){0, 1, 5}, 3, "");
    json_decref(weeks);
}

/* The period the options name; returns 0 or EX_USAGE (said). */
static int
period_of(const struct cli *cli, struct report_period *p)
{
    const char *month = cli_value(cli, "month"), *from = cli_value(cli, "from"),
               *to = cli_value(cli, "to");
    char err[256];

    if (month && (from || to))
        return cli_usage_error(cli, "--month or --from/--to, not both");
    if (to && !from)
        return cli_usage_error(cli, "--to needs --from");
    if (month && report_month(month, p) < 0)
        return cli_usage_error(cli, "--month: \"%s\" is not a month YYYY-MM (e.g. 2026-11)", month);
    if (from && report_days(from, to ? to : "today", clock_now(), p, err, sizeof err) < 0)
        return cli_usage_error(cli, "%s", err);
    if (!month && !from)
        report_last_month(clock_now(), p);
    return 0;
}

static int
cmd_report(const struct cli *cli)
{
    static const char *const formats[] = {"text", "csv", "json", NULL};
    const char *format = cli_value(cli, "format") ? cli_value(cli, "format") : "text";
    struct report_period p;
    struct render_ctx rc = {0};
    char err[1024], *text = NULL, *templates = NULL;
    json_t *r = NULL;
    conf *c = NULL;
    sqlite3 *db = NULL;
    int ret;

    if ((ret = cli_choice(cli, "format", format, formats)) != 0)
        return ret;
    /* the clock (DOORSTEP_NOW, the group's zone) comes with the config */
    if ((ret = cli_open(cli, &c, &db)) != 0)
        return ret;
    if ((ret = period_of(cli, &p)) != 0)
        goto done;
    if (!(r = report_count(db, c, &p, err, sizeof err))) {
        log_error("%s", err);
        ret = EX_SOFTWARE;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        char *s = json_dumps(r, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        if (s)
            puts(s);
        free(s);
    } else if (strcmp(format, "csv") == 0) {
        print_csv(r);
    } else {
        rc.conf = c;
        rc.db = db;
        rc.now = clock_now();
        clock_date(rc.now, rc.date);
        if (!(templates = render_templates_dir(c, err, sizeof err))) {
            log_error("%s", err);
            ret = EX_CONFIG;
            goto done;
        }
        rc.templates = templates;
        if (!(text = render_report_text(&rc, r, err, sizeof err))) {
            log_error("%s", err);
            ret = EX_CONFIG;
            goto done;
        }
        fputs(text, stdout);
        print_tables(r);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        log_error("cannot write the report to standard output");
        ret = EX_IOERR;
    }
done:
    free(text);
    free(templates);
    json_decref(r);
    db_close(db);
    conf_free(c);
    return ret;
}

static const struct cli_opt report_opts[] = {
    {"month", 0, "YYYY-MM", "a calendar month (default: last month)"},
    {"from", 0, "DAY", "the first day (2026-11-02, \"2 Nov\", monday...)"},
    {"to", 0, "DAY", "the last day, included (default: today)"},
    {"format", 0, "text|csv|json", "words and tables (the default), CSV or JSON"},
    {NULL, 0, NULL, NULL},
};

const struct cli_cmd front_report = {
    .name = "report",
    .synopsis = "[--month YYYY-MM | --from DAY [--to DAY]] [--format text|csv|json]",
    .about = "The report of help given: requests made, met, withdrawn, expired and open, "
             "offers, responses relayed, rota places, leaflets; by category, area and week. "
             "Counts only.",
    .opts = report_opts,
    .run = cmd_report,
};
