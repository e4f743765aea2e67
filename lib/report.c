/* report.c — the report of help given: what the group did in a period, counted from the
 * database by SQL, by category, area, rota task and week (see report.h). */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "day.h"
#include "db.h"

/* A post counts once it is public: a post still held for moderation or waiting in
 * triage is not yet a request or an offer of the group. */
#define COUNTED "status <> 'held' AND status <> 'triage'"

/* ?1 = the period's first instant, ?2 the instant after it. Met, withdrawn and
 * expired are closings in the period, whenever the post was made; open is the state at
 * the end of the period, rebuilt from created_at and closed_at. */
static const char posts_sql[] =
    "SELECT kind, category, coalesce(area, ''),"
    " sum(created_at >= ?1 AND created_at < ?2),"
    " sum((status = 'done' OR status = 'taken') AND closed_at >= ?1 AND closed_at < ?2),"
    " sum(status = 'withdrawn' AND closed_at >= ?1 AND closed_at < ?2),"
    " sum(status = 'expired' AND closed_at >= ?1 AND closed_at < ?2),"
    " sum(created_at < ?2 AND (status = 'open' OR closed_at >= ?2))"
    " FROM posts WHERE " COUNTED " GROUP BY 1, 2, 3 ORDER BY 2, 3";

static const char met_days_sql[] =
    "SELECT category, coalesce(area, ''), (closed_at - created_at) / 86400.0 FROM posts"
    " WHERE kind = 'request' AND (status = 'done' OR status = 'taken')"
    " AND closed_at >= ?1 AND closed_at < ?2";

/* responses to posts passed on in the period (relayed_at: when render queued them):
 * by mail to the poster ('relay'), or to the coordinators in their digest, who pass
 * them on by phone (a post taken by phone or on paper, a held sender) */
static const char relayed_sql[] =
    "SELECT p.category, coalesce(p.area, ''), sum(r.how = 'relay'),"
    " sum(r.how = 'coordinators') FROM responses r"
    " JOIN posts p ON p.id = r.post WHERE (r.how = 'relay' OR r.how = 'coordinators')"
    " AND r.relayed_at >= ?1 AND r.relayed_at < ?2 GROUP BY 1, 2";

static const char week_sql[] =
    "SELECT sum(kind = 'request' AND created_at >= ?1 AND created_at < ?2),"
    " sum(kind = 'request' AND (status = 'done' OR status = 'taken')"
    "     AND closed_at >= ?1 AND closed_at < ?2),"
    " sum(kind = 'offer' AND created_at >= ?1 AND created_at < ?2)"
    " FROM posts WHERE " COUNTED;

/* ?1, ?2: the first and last day, YYYY-MM-DD */
static const char signups_sql[] = "SELECT task, day, count(*) FROM rota_slots"
                                  " WHERE day >= ?1 AND day <= ?2 GROUP BY 1, 2";

/* a leaflet is one per area or round of a day's PDF; a street's doors count once in
 * the period however often it was on a leaflet */
static const char leaflets_sql[] =
    "SELECT area, count(DISTINCT day || '/' || leaflet), 0, count(DISTINCT day)"
    " FROM leaflet_prints WHERE day >= ?1 AND day <= ?2 GROUP BY 1"
    " UNION ALL SELECT area, 0, sum(d), 0 FROM (SELECT area, street, part, max(doors) AS d"
    " FROM leaflet_prints WHERE day >= ?1 AND day <= ?2 AND street <> ''"
    " GROUP BY 1, 2, 3) GROUP BY 1";
static const char leaflet_days_sql[] =
    "SELECT count(DISTINCT day) FROM leaflet_prints WHERE day >= ?1 AND day <= ?2";

/* The group's first day: its first run, post or rota sign-up (?1 unused). Rota places
 * are needed from then on, not before the group began. */
static const char first_day_sql[] = "SELECT min(t) FROM (SELECT min(started_at) AS t FROM runs"
                                    " UNION ALL SELECT min(created_at) FROM posts UNION ALL SELECT "
                                    "min(created_at) FROM rota_slots)";

void
report_last_month(time_t now, struct report_period *p)
{
    struct tm tm;
    char ym[16];
    int y, m;

    localtime_r(&now, &tm);
    y = tm.tm_year + 1900;
    m = tm.tm_mon; /* 0-based this month = 1-based last month */
    if (m == 0)
        y--, m = 12;
    /* report_month reads 2000-2099, as every date of the group is */
    y = y < 2000 ? 2000 : y > 2099 ? 2099 : y;
    snprintf(ym, sizeof ym, "%04d-%02d", y, m);
    (void)report_month(ym, p);
}

static int
month_days(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int
report_month(const char *month, struct report_period *p)
{
    int y, m, n = 0;

    if (sscanf(month, "%4d-%2d%n", &y, &m, &n) != 2 || n != 7 || month[n] != '\0' ||
        month[4] != '-' || y < 2000 || y > 2099 || m < 1 || m > 12)
        return -1;
    snprintf(p->month, sizeof p->month, "%04d-%02d", y, m);
    snprintf(p->from, sizeof p->from, "%04d-%02d-01", y, m);
    snprintf(p->to, sizeof p->to, "%04d-%02d-%02d", y, m, month_days(y, m));
    return 0;
}

int
report_days(const char *from, const char *to, time_t now, struct report_period *p, char *err,
            size_t errlen)
{
    time_t a, b;

    if (day_parse(from, now, &a) != DAY_OK) {
        snprintf(err, errlen, "--from: \"%s\" is not a day (e.g. 2026-11-02, 2 Nov)", from);
        return -1;
    }
    if (day_parse(to, now, &b) != DAY_OK) {
        snprintf(err, errlen, "--to: \"%s\" is not a day (e.g. 2026-11-30, 30 Nov)", to);
        return -1;
    }
    clock_date(a, p->from);
    clock_date(b, p->to);
    if (strcmp(p->to, p->from) < 0) {
        snprintf(err, errlen, "--to %s comes before --from %s", p->to, p->from);
        return -1;
    }
    p->month[0] = '\0';
    /* a whole month given by its days is that month */
    if (strncmp(p->from, p->to, 8) == 0 && strcmp(p->from + 8, "01") == 0) {
        struct report_period m;
        char ym[8];
        snprintf(ym, sizeof ym, "%.7s", p->from);
        if (report_month(ym, &m) == 0 && strcmp(m.to, p->to) == 0)
            memcpy(p->month, ym, sizeof ym);
    }
    return 0;
}

void
report_bounds(const struct report_period *p, time_t *begin, time_t *end)
{
    time_t last = 0;

    if (clock_parse_local(p->from, begin) < 0)
        *begin = 0;
    if (clock_parse_local(p->to, &last) < 0)
        last = *begin;
    *end = clock_add_days(last, 1);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

double
report_median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
report_week_start(const char *day, char out[11])
{
    time_t t;

    if (clock_parse_local(day, &t) < 0)
        return -1;
    clock_date(clock_add_days(t, -day_weekday(t)), out);
    return 0;
}

/* ---- building the JSON ---- */

static json_t *
counts(const char *const *names)
{
    json_t *o = json_object();

    for (size_t i = 0; o && names[i]; i++)
        json_object_set_new(o, names[i], json_integer(0));
    return o;
}

static const char *const request_keys[] = {"made", "met", "withdrawn", "expired", "open", NULL};
static const char *const offer_keys[] = {"made", "taken", "open", NULL};
static const char *const relayed_keys[] = {"relayed", "to_coordinators", NULL};
static const char *const rota_keys[] = {"needed", "filled", NULL};
static const char *const leaflet_keys[] = {"printed", "doors", "days", NULL};

/* The figures of a whole period, a category or an area (with its leaflets). */
static json_t *
figures(int leaflets)
{
    json_t *o = json_object();

    if (!o)
        return NULL;
    json_object_set_new(o, "requests", counts(request_keys));
    json_object_set_new(o, "offers", counts(offer_keys));
    json_object_set_new(o, "responses", counts(relayed_keys));
    json_object_set_new(o, "median_days_to_met", json_null());
    if (leaflets)
        json_object_set_new(o, "leaflets", counts(leaflet_keys));
    return o;
}

/* The figures of KEY in BY, made (zero) when new. */
static json_t *
bucket(json_t *by, const char *key, int leaflets)
{
    json_t *o = json_object_get(by, key);

    if (!o && (o = figures(leaflets)))
        json_object_set_new(by, key, o);
    return o;
}

static void
add(json_t *o, const char *group, const char *key, long long n)
{
    json_t *g = group ? json_object_get(o, group) : o;
    json_t *v = json_object_get(g, key);

    if (v)
        json_integer_set(v, json_integer_value(v) + n);
}

/* Values gathered for the medians: one list per category, per area, and in all. */
struct samples {
    char *key;
    double *v;
    size_t n, cap;
};
struct sampling {
    struct samples *s;
    size_t n;
};

static int
sample(struct sampling *all, const char *key, double days)
{
    struct samples *s = NULL;

    for (size_t i = 0; i < all->n && !s; i++)
        if (strcmp(all->s[i].key, key) == 0)
            s = &all->s[i];
    if (!s) {
        struct samples *more = realloc(all->s, (all->n + 1) * sizeof *more);
        if (!more)
            return -1;
        all->s = more;
        s = &all->s[all->n];
        memset(s, 0, sizeof *s);
        if (!(s->key = strdup(key)))
            return -1;
        all->n++;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        double *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = days;
    return 0;
}

/* Writes each list's median, to a tenth of a day, into the figures it belongs to:
 * keys "c:NAME" into BY_CATEGORY, "a:NAME" into BY_AREA, "" into TOTAL. */
static void
medians(struct sampling *all, json_t *total, json_t *by_category, json_t *by_area)
{
    for (size_t i = 0; i < all->n; i++) {
        struct samples *s = &all->s[i];
        double m = round(report_median(s->v, s->n) * 10) / 10;
        json_t *o = s->key[0] == 'c'   ? json_object_get(by_category, s->key + 2)
                    : s->key[0] == 'a' ? json_object_get(by_area, s->key + 2)
                                       : total;
        if (o)
            json_object_set_new(o, "median_days_to_met", json_real(m));
    }
}

static void
sampling_free(struct sampling *all)
{
    for (size_t i = 0; i < all->n; i++) {
        free(all->s[i].key);
        free(all->s[i].v);
    }
    free(all->s);
}

/* ---- the counting ---- */

struct run {
    sqlite3 *db;
    const conf *c;
    const struct report_period *p;
    time_t begin, end;
    json_t *out, *by_category, *by_area;
    char *err;
    size_t errlen;
};

static sqlite3_stmt *
prepare(struct run *r, const char *sql, int by_day)
{
    sqlite3_stmt *s = db_prepare(r->db, sql, r->err, r->errlen);

    if (!s)
        return NULL;
    if (by_day) {
        sqlite3_bind_text(s, 1, r->p->from, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, r->p->to, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_int64(s, 1, (sqlite3_int64)r->begin);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)r->end);
    }
    return s;
}

/* Finishes S after its last step: 0, or -1 with the error when it failed. */
static int
finish(struct run *r, sqlite3_stmt *s, int step)
{
    if (step != SQLITE_DONE) {
        snprintf(r->err, r->errlen, "%s: %s", sqlite3_db_filename(r->db, "main"),
                 sqlite3_errmsg(r->db));
        sqlite3_finalize(s);
        return -1;
    }
    sqlite3_finalize(s);
    return 0;
}

static const char *
col(sqlite3_stmt *s, int i)
{
    const char *v = (const char *)sqlite3_column_text(s, i);

    return v ? v : "";
}

static int
count_posts(struct run *r)
{
    sqlite3_stmt *s = prepare(r, posts_sql, 0);
    json_t *targets[3];
    int step;

    if (!s)
        return -1;
    targets[0] = r->out;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        int request = strcmp(col(s, 0), "request") == 0;
        targets[1] = bucket(r->by_category, col(s, 1), 0);
        targets[2] = bucket(r->by_area, col(s, 2), 1);
        for (int t = 0; t < 3; t++) {
            json_t *o = targets[t];
            if (request) {
                for (int k = 0; request_keys[k]; k++)
                    add(o, "requests", request_keys[k], sqlite3_column_int64(s, 3 + k));
            } else {
                add(o, "offers", "made", sqlite3_column_int64(s, 3));
                add(o, "offers", "taken", sqlite3_column_int64(s, 4));
                add(o, "offers", "open", sqlite3_column_int64(s, 7));
            }
        }
    }
    return finish(r, s, step);
}

static int
count_met_days(struct run *r)
{
    sqlite3_stmt *s = prepare(r, met_days_sql, 0);
    struct sampling all = {0};
    char key[512];
    int step, rc;

    if (!s)
        return -1;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        double days = sqlite3_column_double(s, 2);
        int bad = sample(&all, "", days) < 0;
        snprintf(key, sizeof key, "c:%s", col(s, 0));
        bad |= sample(&all, key, days) < 0;
        snprintf(key, sizeof key, "a:%s", col(s, 1));
        bad |= sample(&all, key, days) < 0;
        if (bad) {
            snprintf(r->err, r->errlen, "report: out of memory");
            sampling_free(&all);
            sqlite3_finalize(s);
            return -1;
        }
    }
    if ((rc = finish(r, s, step)) == 0)
        medians(&all, r->out, r->by_category, r->by_area);
    sampling_free(&all);
    return rc;
}

static int
count_relayed(struct run *r)
{
    sqlite3_stmt *s = prepare(r, relayed_sql, 0);
    int step;

    if (!s)
        return -1;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *to[3] = {r->out, bucket(r->by_category, col(s, 0), 0),
                         bucket(r->by_area, col(s, 1), 1)};
        for (int t = 0; t < 3; t++)
            for (int k = 0; k < 2; k++)
                add(to[t], "responses", relayed_keys[k], sqlite3_column_int64(s, 2 + k));
    }
    return finish(r, s, step);
}

/* By week, Monday to Sunday, the first and last cut to the period. */
static int
count_weeks(struct run *r)
{
    json_t *weeks = json_array();
    sqlite3_stmt *s = prepare(r, week_sql, 0);
    char monday[11];
    time_t day;

    json_object_set_new(r->out, "by_week", weeks);
    if (!s)
        return -1;
    if (report_week_start(r->p->from, monday) < 0 || clock_parse_local(monday, &day) < 0) {
        sqlite3_finalize(s);
        snprintf(r->err, r->errlen, "report: %s is not a date", r->p->from);
        return -1;
    }
    for (; day < r->end; day = clock_add_days(day, 7)) {
        time_t a = day < r->begin ? r->begin : day, b = clock_add_days(day, 7);
        char from[11], to[11];
        json_t *w = json_object(), *req = json_object(), *off = json_object();
        int step;
        if (b > r->end)
            b = r->end;
        clock_date(a, from);
        clock_date(clock_add_days(b, -1), to);
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, (sqlite3_int64)a);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)b);
        if ((step = sqlite3_step(s)) != SQLITE_ROW) {
            json_decref(w), json_decref(req), json_decref(off);
            return finish(r, s, step);
        }
        json_object_set_new(w, "from", json_string(from));
        json_object_set_new(w, "to", json_string(to));
        json_object_set_new(req, "made", json_integer(sqlite3_column_int64(s, 0)));
        json_object_set_new(req, "met", json_integer(sqlite3_column_int64(s, 1)));
        json_object_set_new(off, "made", json_integer(sqlite3_column_int64(s, 2)));
        json_object_set_new(w, "requests", req);
        json_object_set_new(w, "offers", off);
        json_array_append_new(weeks, w);
    }
    sqlite3_finalize(s);
    return 0;
}

/* Rota places: each task of [rota] on each day of the period it runs, from the group's
 * first day on, needs its number of volunteers; a place is filled by a sign-up, and
 * sign-ups past the number needed fill nothing more. */
static int
count_rota(struct run *r)
{
    size_t ntasks;
    const struct conf_task *tasks = conf_tasks(r->c, &ntasks);
    json_t *by_task = json_object(), *total = counts(rota_keys);
    sqlite3_stmt *s = prepare(r, signups_sql, 1);
    int step;

    json_object_set_new(r->out, "rota", total);
    json_object_set_new(r->out, "by_task", by_task);
    if (!s)
        return -1;
    for (size_t i = 0; i < ntasks; i++)
        json_object_set_new(by_task, tasks[i].name, counts(rota_keys));
    time_t first = r->begin;
    sqlite3_stmt *f = prepare(r, first_day_sql, 0);
    int fstep;
    if (!f) {
        sqlite3_finalize(s);
        return -1;
    }
    if ((fstep = sqlite3_step(f)) == SQLITE_ROW) {
        if (sqlite3_column_type(f, 0) != SQLITE_NULL) {
            time_t t = clock_day_start((time_t)sqlite3_column_int64(f, 0));
            if (t > first)
                first = t;
        } else {
            first = r->end; /* a group that has done nothing yet needs no one */
        }
        fstep = sqlite3_step(f);
    }
    if (finish(r, f, fstep) < 0) {
        sqlite3_finalize(s);
        return -1;
    }
    for (time_t day = first; day < r->end; day = clock_add_days(day, 1)) {
        int wd = day_weekday(day);
        for (size_t i = 0; i < ntasks; i++)
            if (tasks[i].days & (1u << wd)) {
                add(json_object_get(by_task, tasks[i].name), NULL, "needed", tasks[i].needed);
                add(total, NULL, "needed", tasks[i].needed);
            }
    }
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *task = col(s, 0);
        time_t day;
        long long n = sqlite3_column_int64(s, 2);
        for (size_t i = 0; i < ntasks; i++) {
            if (strcmp(tasks[i].name, task) != 0 || clock_parse_local(col(s, 1), &day) < 0 ||
                day < first || !(tasks[i].days & (1u << day_weekday(day))))
                continue;
            if (n > tasks[i].needed)
                n = tasks[i].needed;
            add(json_object_get(by_task, tasks[i].name), NULL, "filled", n);
            add(total, NULL, "filled", n);
            break;
        }
    }
    return finish(r, s, step);
}

static int
count_leaflets(struct run *r)
{
    json_t *total = counts(leaflet_keys);
    sqlite3_stmt *s = prepare(r, leaflets_sql, 1);
    int step;

    json_object_set_new(r->out, "leaflets", total);
    if (!s)
        return -1;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *area = bucket(r->by_area, col(s, 0), 1);
        for (int k = 0; k < 3; k++) {
            if (k < 2)
                add(total, NULL, leaflet_keys[k], sqlite3_column_int64(s, 1 + k));
            add(area, "leaflets", leaflet_keys[k], sqlite3_column_int64(s, 1 + k));
        }
    }
    if (finish(r, s, step) < 0 || !(s = prepare(r, leaflet_days_sql, 1)))
        return -1;
    if ((step = sqlite3_step(s)) == SQLITE_ROW) {
        add(total, NULL, "days", sqlite3_column_int64(s, 0));
        step = sqlite3_step(s);
    }
    return finish(r, s, step);
}

json_t *
report_count(sqlite3 *db, const conf *c, const struct report_period *p, char *err, size_t errlen)
{
    struct run r = {.db = db, .c = c, .p = p, .err = err, .errlen = errlen};
    size_t n;
    const struct conf_category *cats = conf_categories(c, &n);
    const struct conf_area *areas;
    json_t *tmp;

    report_bounds(p, &r.begin, &r.end);
    if (!(r.out = json_object()) || !(r.by_category = json_object()) ||
        !(r.by_area = json_object()) || !(tmp = figures(0))) {
        json_decref(r.out), json_decref(r.by_category), json_decref(r.by_area);
        snprintf(err, errlen, "report: out of memory");
        return NULL;
    }
    json_object_set_new(r.out, "from", json_string(p->from));
    json_object_set_new(r.out, "to", json_string(p->to));
    json_object_set_new(r.out, "month", p->month[0] ? json_string(p->month) : json_null());
    json_object_update(r.out, tmp);
    json_decref(tmp);
    /* the config's categories and areas first, in its order, zero or not */
    for (size_t i = 0; i < n; i++)
        bucket(r.by_category, cats[i].name, 0);
    areas = conf_areas(c, &n);
    for (size_t i = 0; i < n; i++)
        bucket(r.by_area, areas[i].name, 1);
    json_object_set_new(r.out, "by_category", r.by_category);
    json_object_set_new(r.out, "by_area", r.by_area);
    if (count_posts(&r) < 0 || count_met_days(&r) < 0 || count_relayed(&r) < 0 ||
        count_rota(&r) < 0 || count_leaflets(&r) < 0 || count_weeks(&r) < 0) {
        json_decref(r.out);
        return NULL;
    }
    return r.out;
}
