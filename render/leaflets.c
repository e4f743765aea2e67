/* leaflets.c — the leaflets PDF: for each area (or delivery round), the help neighbours
 * offer there, how to ask without a computer, a QR code to email the group and a
 * tear-off reply slip. This file holds what each leaflet says (the open offers, read
 * once and shared out by area, in categories; the wording's data) and the document;
 * leaflets_layout.c lays each leaflet out. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "db.h"
#include "leaflets_int.h"
#include "log.h"
#include "pdf.h"
#include "privacy.h"
#include "render.h"
#include "rounds.h"

#define MAX_LOADED 100  /* titles read per category */

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

json_t *
leaflets_data(struct leaflet *l)
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
        if ((ret = leaflets_page(l, paper, err, errlen)) != 0)
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
