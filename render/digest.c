/* digest.c — the daily digest: data from the database, words from templates, one
 * message per day in the outbox, delivered once. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "day.h"
#include "db.h"
#include "dbjson.h"
#include "file.h"
#include "announce.h"
#include "hash.h"
#include "log.h"
#include "message.h"
#include "outbox.h"
#include "privacy.h"
#include "posts.h"
#include "render.h"

/* Public fields only: ref, kind, category, area, street, title, summary, dates. Never
 * the member, the body or the message. */
#define POST_COLUMNS "ref, kind, category, area, street, title, summary, created_at, needed_by"

/* A post whose author is not held (awaiting approval) or blocked: a held post closed
 * by its author is 'done' but was never public, and stays so. */
#define PUBLIC_AUTHOR                                                                        \
    "(member_id IS NULL OR member_id IN (SELECT id FROM members WHERE status IN"             \
    " ('member', 'coordinator')))"

/* Fills O with the public fields of the post row S (POST_COLUMNS) and its age. */
static void
post_json(sqlite3_stmt *s, time_t now, json_t *o)
{
    const char *keys[] = {"ref", "kind", "category", "area", "street", "title", "summary"};
    time_t created = (time_t)sqlite3_column_int64(s, 7);
    long age = (long)((clock_day_start(now) - clock_day_start(created)) / 86400);

    /* every key present, null when unknown: templates test them with sections */
    for (int i = 0; i < 7; i++) {
        const unsigned char *v = sqlite3_column_text(s, i);
        json_t *j = v && *v ? json_string((const char *)v) : NULL;
        json_object_set_new(o, keys[i], j ? j : json_null());
    }
    const unsigned char *nb = sqlite3_column_text(s, 8);
    json_t *jnb = nb ? json_string((const char *)nb) : NULL;
    json_object_set_new(o, "needed_by", jnb ? jnb : json_null());
    json_object_set_new(o, "age_days", json_integer(age < 0 ? 0 : age));
    json_object_set_new(o, "age", json_string(age <= 0 ? "today" : age == 1 ? "yesterday" : ""));
    if (age > 1) {
        char buf[32];
        snprintf(buf, sizeof buf, "%ld days ago", age);
        json_object_set_new(o, "age", json_string(buf));
    }
}

/* The mailto: link that answers post REF (TITLE) by writing to the group ADDR with the
 * code and title as the subject (RFC 6068: the subject percent-encoded as UTF-8). */
static json_t *
answer_link(const char *addr, const char *ref, const char *title)
{
    static const char hex[] = "0123456789ABCDEF";
    char subject[600];
    size_t cap = strlen(addr) + 3 * sizeof subject + 32, n;
    char *out = malloc(cap);
    json_t *j;

    if (!out)
        return json_null();
    snprintf(subject, sizeof subject, "%s %s", ref, title ? title : "");
    n = (size_t)snprintf(out, cap, "mailto:%s?subject=", addr);
    for (const unsigned char *p = (const unsigned char *)subject; *p && n + 4 < cap; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    out[n] = '\0';
    j = json_string(out);
    free(out);
    return j ? j : json_null();
}

/* A dbjson_row_fn: a post (post_json) and how to answer it, the group's address with
 * the code in the subject. UD: the render_ctx. */
static void
post_row(sqlite3_stmt *s, json_t *o, void *ud)
{
    const struct render_ctx *rc = ud;

    post_json(s, rc->now, o);
    json_object_set_new(o, "answer",
                        answer_link(conf_str(rc->conf, "group", "address"),
                                    (const char *)sqlite3_column_text(s, 0),
                                    (const char *)sqlite3_column_text(s, 5)));
}

/* Runs SQL (with ?1 = KEY, the digest's, and ?2 = SINCE, when the previous digest was
 * made) and returns the posts as a JSON array. */
static json_t *
posts_json(struct render_ctx *rc, const char *sql, const char *key, time_t since, char *err,
           size_t errlen)
{
    sqlite3_stmt *s = db_prepare(rc->db, sql, err, errlen);
    json_t *a;

    if (!s)
        return NULL;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)since);
    if (!(a = dbjson_rows(s, post_row, rc)))
        db_sqlerr(rc->db, err, errlen);
    return a;
}

/* Groups the new requests by area, in the config's order, then those without one. */
static json_t *
by_area(const conf *c, json_t *requests)
{
    json_t *areas = json_array();
    size_t n, i;
    const struct conf_area *ca = conf_areas(c, &n);
    json_t *p;

    for (size_t k = 0; k <= n; k++) {
        const char *name = k < n ? ca[k].name : NULL;
        json_t *list = json_array();
        json_array_foreach(requests, i, p)
        {
            const char *a = json_string_value(json_object_get(p, "area"));
            if ((name && a && strcmp(a, name) == 0) || (!name && !a))
                json_array_append(list, p);
        }
        if (json_array_size(list) > 0) {
            json_t *o = json_object();
            char title[128];
            snprintf(title, sizeof title, "%s", name ? name : "Elsewhere");
            if (title[0] >= 'a' && title[0] <= 'z')
                title[0] = (char)(title[0] - 'a' + 'A');
            json_object_set_new(o, "name", json_string(title));
            json_object_set_new(o, "requests", list);
            json_array_append_new(areas, o);
        } else {
            json_decref(list);
        }
    }
    return areas;
}

/* The rota of the next [rota] days days: each task on each day it runs, its
 * volunteers' display names and how many are still needed. */
static json_t *
rota_json(struct render_ctx *rc, long *gaps_total, char *err, size_t errlen)
{
    static const char *const wdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
    size_t ntasks;
    const struct conf_task *tasks = conf_tasks(rc->conf, &ntasks);
    long days = conf_int(rc->conf, "rota", "days");
    time_t day0 = clock_day_start(rc->now);
    json_t *out = json_array();
    sqlite3_stmt *s = db_prepare(rc->db,
                                 "SELECT m.name FROM rota_slots r JOIN members m"
                                 " ON m.id = r.member_id AND m.status IN ('member', 'coordinator')"
                                 " WHERE r.task = ?1 AND r.day = ?2"
                                 " ORDER BY r.created_at",
                                 err, errlen);

    *gaps_total = 0;
    if (!s) {
        json_decref(out);
        return NULL;
    }
    for (long d = 0; d < days; d++) {
        time_t t = clock_add_days(day0, (int)d);
        struct tm tm;
        char date[DAY_SIZE], label[64];
        json_t *day_tasks = json_array();

        localtime_r(&t, &tm);
        clock_date(t, date);
        for (size_t k = 0; k < ntasks; k++) {
            if (!day_runs(tasks[k].days, t))
                continue;
            json_t *o = json_object(), *vols = json_array();
            struct buf names = {0};
            int count = 0;
            sqlite3_reset(s);
            sqlite3_bind_text(s, 1, tasks[k].name, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, date, -1, SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW) {
                char *dn = render_display_name(rc, (const char *)sqlite3_column_text(s, 0));
                json_array_append_new(vols, json_string(dn ? dn : "?"));
                buf_printf(&names, "%s%s", count ? ", " : "", dn ? dn : "?");
                free(dn);
                count++;
            }
            char when[32];
            snprintf(when, sizeof when, "%02d:%02d-%02d:%02d", tasks[k].start / 60,
                     tasks[k].start % 60, tasks[k].end / 60, tasks[k].end % 60);
            int gaps = tasks[k].needed > count ? tasks[k].needed - count : 0;
            *gaps_total += gaps;
            json_object_set_new(o, "task", json_string(tasks[k].name));
            json_object_set_new(o, "time", json_string(when));
            json_object_set_new(o, "names",
                                count && names.data ? json_string(names.data) : json_null());
            json_object_set_new(o, "volunteers", vols);
            json_object_set_new(o, "needed", json_integer(gaps));
            json_object_set_new(o, "needed_one", json_boolean(gaps == 1));
            json_object_set_new(o, "full", json_boolean(gaps == 0));
            json_object_set_new(o, "nobody", json_boolean(count == 0));
            free(buf_take(&names));
            json_array_append_new(day_tasks, o);
        }
        if (json_array_size(day_tasks) == 0) {
            json_decref(day_tasks);
            continue;
        }
        snprintf(label, sizeof label, "%s %d", wdays[tm.tm_wday], tm.tm_mday);
        json_t *day = json_object();
        json_object_set_new(day, "day", json_string(label));
        json_object_set_new(day, "date", json_string(date));
        json_object_set_new(day, "tasks", day_tasks);
        json_array_append_new(out, day);
    }
    sqlite3_finalize(s);
    return out;
}

/* Suggested matches: for each open request, up to three open offers the process
 * stage matched to it (same category, same street or area first), public fields
 * only. */
static json_t *
matches_json(struct render_ctx *rc, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(
        rc->db,
        "SELECT r.ref, r.title, o.ref, o.title FROM matches m"
        " JOIN posts r ON r.id = m.request_id AND r.status = 'open'"
        " JOIN posts o ON o.id = m.offer_id AND o.status = 'open'"
        " ORDER BY r.created_at, r.id, m.score DESC",
        err, errlen);
    json_t *out = json_array(), *cur = NULL;
    const char *last = NULL;
    char lastref[CODE_SIZE] = "";

    if (!s) {
        json_decref(out);
        return NULL;
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *rref = (const char *)sqlite3_column_text(s, 0);
        if (!rref)
            continue;
        if (!last || strcmp(lastref, rref) != 0) {
            cur = json_object();
            json_object_set_new(cur, "ref", json_string(rref));
            json_t *t = json_string((const char *)sqlite3_column_text(s, 1));
            json_object_set_new(cur, "title", t ? t : json_string(""));
            json_object_set_new(cur, "offers", json_array());
            json_array_append_new(out, cur);
            snprintf(lastref, sizeof lastref, "%s", rref);
            last = lastref;
        }
        json_t *offers = json_object_get(cur, "offers");
        if (json_array_size(offers) >= 3)
            continue;
        json_t *o = json_object(), *t = json_string((const char *)sqlite3_column_text(s, 3));
        json_object_set_new(o, "ref", json_string((const char *)sqlite3_column_text(s, 2)));
        json_object_set_new(o, "title", t ? t : json_string(""));
        json_array_append_new(offers, o);
    }
    sqlite3_finalize(s);
    return out;
}

/* When the previous digest was made: posts after it are "new". */
static time_t
previous_digest(struct render_ctx *rc, const char *key)
{
    sqlite3_stmt *s;
    char err[256];
    time_t since = 0;

    s = db_prepare(rc->db,
                   "SELECT max(created_at) FROM outbox WHERE kind = 'digest' AND key < ?1", err,
                   sizeof err);
    if (!s)
        return 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        since = (time_t)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return since;
}

/* "New" is what no earlier digest announced (posts.first_digest), however late it
 * was fetched or released by a coordinator; "done" is what was closed since the
 * previous digest was made. */
static json_t *
digest_data(struct render_ctx *rc, const char *key, time_t since, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    json_t *d = json_object(), *group = json_object();
    json_t *new_req, *new_off, *open_req, *done, *rota;
    long gaps;
    char longdate[64];
    struct tm tm;

    new_req = posts_json(rc,
                         "SELECT " POST_COLUMNS " FROM posts WHERE kind = 'request'"
                         " AND status = 'open' AND coalesce(first_digest, ?1) = ?1"
                         " ORDER BY created_at",
                         key, since, err, errlen);
    new_off = posts_json(rc,
                         "SELECT " POST_COLUMNS " FROM posts WHERE kind = 'offer'"
                         " AND status = 'open' AND coalesce(first_digest, ?1) = ?1"
                         " ORDER BY created_at",
                         key, since, err, errlen);
    /* most urgent first (a date to meet), then oldest */
    open_req = posts_json(rc,
                          "SELECT " POST_COLUMNS " FROM posts WHERE kind = 'request'"
                          " AND status = 'open' AND coalesce(first_digest, ?1) != ?1"
                          " ORDER BY needed_by IS NULL, needed_by, created_at",
                          key, since, err, errlen);
    done = posts_json(rc,
                      "SELECT " POST_COLUMNS " FROM posts WHERE status IN ('done', 'taken')"
                      " AND closed_at > ?2 AND " PUBLIC_AUTHOR " ORDER BY closed_at",
                      key, since, err, errlen);
    rota = rota_json(rc, &gaps, err, errlen);
    if (!new_req || !new_off || !open_req || !done || !rota) {
        json_decref(new_req);
        json_decref(new_off);
        json_decref(open_req);
        json_decref(done);
        json_decref(rota);
        json_decref(group);
        json_decref(d);
        return NULL;
    }
    json_object_set_new(group, "name", json_string(conf_str(c, "group", "name")));
    json_object_set_new(group, "address", json_string(conf_str(c, "group", "address")));
    json_object_set_new(group, "phone", json_string(conf_str(c, "group", "phone")));
    json_object_set_new(d, "group", group);
    /* the line about privacy that ends the digest */
    if (privacy_add(d, c) < 0) {
        snprintf(err, errlen, "out of memory");
        json_decref(new_req);
        json_decref(new_off);
        json_decref(open_req);
        json_decref(done);
        json_decref(rota);
        json_decref(d);
        return NULL;
    }
    localtime_r(&rc->now, &tm);
    strftime(longdate, sizeof longdate, "%A %-d %B %Y", &tm);
    json_object_set_new(d, "date", json_string(rc->date));
    json_object_set_new(d, "date_long", json_string(longdate));
    /* each count with its _one and _none beside it: the templates choose the words */
    render_count(d, "new_requests", (long long)json_array_size(new_req));
    render_count(d, "new_offers", (long long)json_array_size(new_off));
    render_count(d, "new", (long long)json_array_size(new_req) + (long long)json_array_size(new_off));
    render_count(d, "open_requests",
                 (long long)json_array_size(open_req) + (long long)json_array_size(new_req));
    render_count(d, "done", (long long)json_array_size(done));
    render_count(d, "rota_gaps", gaps);
    json_object_set_new(d, "has_new_requests", json_boolean(json_array_size(new_req) > 0));
    json_object_set_new(d, "has_new_offers", json_boolean(json_array_size(new_off) > 0));
    json_object_set_new(d, "has_open_requests", json_boolean(json_array_size(open_req) > 0));
    json_object_set_new(d, "has_done", json_boolean(json_array_size(done) > 0));
    json_object_set_new(d, "has_rota", json_boolean(json_array_size(rota) > 0));
    json_t *matches = matches_json(rc, err, errlen);
    json_object_set_new(d, "has_matches", json_boolean(matches && json_array_size(matches) > 0));
    json_object_set_new(d, "matches", matches ? matches : json_array());
    json_object_set_new(d, "areas", by_area(c, new_req));
    json_object_set_new(d, "new_requests", new_req);
    json_object_set_new(d, "new_offers", new_off);
    json_object_set_new(d, "open_requests", open_req);
    json_object_set_new(d, "done", done);
    json_object_set_new(d, "rota", rota);
    json_object_set_new(d, "quiet", json_boolean(json_array_size(new_req) + json_array_size(new_off) +
                                                     json_array_size(open_req) == 0));
    json_object_set_new(d, "nothing_new",
                        json_boolean(json_array_size(new_req) + json_array_size(new_off) +
                                         json_array_size(done) == 0));
    return d;
}

/* Records that the digest KEY announced its new posts, so that no later digest
 * lists them as new again. */
static int
mark_announced(struct render_ctx *rc, const char *key, const json_t *data, char *err,
               size_t errlen)
{
    static const char *const lists[] = {"new_requests", "new_offers"};
    size_t i;
    json_t *p;

    for (int l = 0; l < 2; l++)
        json_array_foreach(json_object_get(data, lists[l]), i, p)
        {
            const char *ref = json_string_value(json_object_get(p, "ref"));
            if (ref && posts_mark_announced(rc->db, ref, key, err, errlen) < 0)
                return EX_SOFTWARE;
        }
    return 0;
}

int
render_to_members(const conf *c)
{
    return strcmp(conf_str(c, "digest", "to"), "members") == 0;
}

int
render_recipients(struct render_ctx *rc, render_recipient_fn fn, void *arg, char *err,
                  size_t errlen)
{
    const conf *c = rc->conf;
    sqlite3_stmt *s;
    int r = 0, step = SQLITE_DONE;

    if (!render_to_members(c))
        return fn(arg, *conf_str(c, "digest", "to") ? conf_str(c, "digest", "to")
                                                    : conf_str(c, "group", "address"),
                  NULL, err, errlen);
    /* a member or coordinator who has not written UNSUBSCRIBE; never one awaiting
     * approval or blocked */
    s = db_prepare(rc->db,
                   "SELECT m.email, (SELECT p.area FROM posts p WHERE"
                   " p.member_id = m.id AND p.area IS NOT NULL ORDER BY p.id DESC"
                   " LIMIT 1) FROM members m WHERE m.digest = 1 AND m.status IN"
                   " ('member', 'coordinator') ORDER BY m.id",
                   err, errlen);
    if (!s)
        return EX_SOFTWARE;
    while (r == 0 && (step = sqlite3_step(s)) == SQLITE_ROW)
        r = fn(arg, (const char *)sqlite3_column_text(s, 0),
               (const char *)sqlite3_column_text(s, 1), err, errlen);
    /* a failed step must not end the list as if every member had their copy */
    if (r == 0 && step != SQLITE_DONE) {
        db_sqlerr(rc->db, err, errlen);
        r = EX_SOFTWARE;
    }
    sqlite3_finalize(s);
    return r;
}

struct member_copy {
    struct render_ctx *rc;
    const char *key;
    json_t *data;
    long sent;
};

/* One member's copy of the digest (key digest:DATE:ADDRESS), with the area of their
 * latest post first. */
static int
member_copy(void *arg, const char *addr, const char *area, char *err, size_t errlen)
{
    struct member_copy *mc = arg;
    json_t *areas = json_object_get(mc->data, "areas");
    json_t *mine = json_copy(mc->data), *ordered = json_array(), *a;
    char mkey[320];
    size_t i;
    int r;

    /* their own area first, the others in the config's order */
    for (int pass = 0; pass < 2; pass++)
        json_array_foreach(areas, i, a)
        {
            const char *name = json_string_value(json_object_get(a, "name"));
            int theirs = area && name && strcasecmp(name, area) == 0;
            if (theirs == (pass == 0))
                json_array_append(ordered, a);
        }
    json_object_set_new(mine, "areas", ordered);
    json_object_set_new(mine, "my_area", area ? json_string(area) : json_null());
    snprintf(mkey, sizeof mkey, "%s:%s", mc->key, addr);
    r = render_compose(mc->rc, "digest", mkey, "digest", "digest-subject.txt", addr, NULL, mine, err,
                    errlen);
    json_decref(mine);
    mc->sent++;
    return r;
}

/* [digest] to = members: every member who has not written UNSUBSCRIBE gets their own
 * copy (render_recipients). The output folder keeps one copy, addressed to no one. */
static int
send_to_members(struct render_ctx *rc, const char *key, const char *file, json_t *data,
                char *err, size_t errlen)
{
    struct member_copy mc = {rc, key, data, 0};
    int r;

    /* the copy kept in the output folder */
    r = render_compose(rc, "digest", key, "digest", "digest-subject.txt", "", file, data, err,
                    errlen);
    if (r == 0)
        r = render_recipients(rc, member_copy, &mc, err, errlen);
    if (r == 0)
        log_info("%s: %ld members' copies queued", key, mc.sent);
    return r;
}

int
render_digest(struct render_ctx *rc, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    char key[32], file[64];
    const char *to = *conf_str(c, "digest", "to") ? conf_str(c, "digest", "to")
                                                  : conf_str(c, "group", "address");
    json_t *data;
    int r;

    /* the replies first; a failure among them does not hold the digest back, and is
     * reported once the digest is sent */
    char rerr[512] = "";
    int rr = render_replies(rc, rerr, sizeof rerr);
    /* the announcements' templates are checked with the digest's */
    if (rc->check && rr == 0)
        rr = announce_check_templates(rc, rerr, sizeof rerr);
    snprintf(key, sizeof key, "digest:%s", rc->date);
    snprintf(file, sizeof file, "digest-%s.eml", rc->date);
    if (!(data = digest_data(rc, key, previous_digest(rc, key), err, errlen)))
        return EX_SOFTWARE;
    if (json_is_true(json_object_get(data, "nothing_new")) &&
        !conf_bool(c, "digest", "send_when_empty") && !rc->check) {
        log_info("%s: nothing new since the last digest; none is sent ([digest] "
                 "send_when_empty = yes sends one anyway)",
                 key);
        json_decref(data);
        r = outbox_deliver(&rc->outbox, err, errlen);
        if (r == 0 && rr != 0) {
            snprintf(err, errlen, "replies: %s", rerr);
            r = rr;
        }
        return r;
    }
    /* the digest is queued and its new posts marked as announced in one transaction */
    if (!rc->check && db_begin(rc->db, err, errlen) < 0) {
        json_decref(data);
        return EX_TEMPFAIL;
    }
    if (render_to_members(c))
        r = send_to_members(rc, key, file, data, err, errlen);
    else
        r = render_compose(rc, "digest", key, "digest", "digest-subject.txt", to, file, data, err,
                        errlen);
    if (r == 0 && !rc->check)
        r = mark_announced(rc, key, data, err, errlen);
    if (!rc->check) {
        if (r == 0 && db_commit(rc->db, err, errlen) < 0)
            r = EX_TEMPFAIL;
        else if (r != 0)
            db_rollback(rc->db);
    }
    json_decref(data);
    if (r == 0 && !rc->check)
        r = outbox_deliver(&rc->outbox, err, errlen);
    if (r == 0 && rr != 0) {
        snprintf(err, errlen, "replies: %s", rerr);
        r = rr;
    }
    return r;
}
