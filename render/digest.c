/* digest.c — the daily digest: data from the database, words from templates, one
 * message per day in the outbox, delivered once. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "file.h"
#include "hash.h"
#include "log.h"
#include "mail.h"
#include "render.h"

#define SEND_ATTEMPTS_MAX 10

/* Public fields only: ref, kind, category, area, street, title, summary, dates. Never
 * the member, the body or the message. */
#define POST_COLUMNS "ref, kind, category, area, street, title, summary, created_at, needed_by"

static json_t *
post_json(sqlite3_stmt *s, time_t now)
{
    json_t *o = json_object();
    const char *keys[] = {"ref", "kind", "category", "area", "street", "title", "summary"};
    time_t created = (time_t)sqlite3_column_int64(s, 7);
    long age = (long)((clock_day_start(now) - clock_day_start(created)) / 86400);

    for (int i = 0; i < 7; i++) {
        const unsigned char *v = sqlite3_column_text(s, i);
        if (v && *v)
            json_object_set_new(o, keys[i], json_string((const char *)v));
    }
    if (sqlite3_column_text(s, 8))
        json_object_set_new(o, "needed_by", json_string((const char *)sqlite3_column_text(s, 8)));
    json_object_set_new(o, "age_days", json_integer(age < 0 ? 0 : age));
    json_object_set_new(o, "age", json_string(age <= 0 ? "today" : age == 1 ? "yesterday" : ""));
    if (age > 1) {
        char buf[32];
        snprintf(buf, sizeof buf, "%ld days ago", age);
        json_object_set_new(o, "age", json_string(buf));
    }
    return o;
}

/* Runs SQL (with ?1 = SINCE) and returns the posts as a JSON array. */
static json_t *
posts_json(struct render_ctx *rc, const char *sql, time_t since, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(rc->db, sql, err, errlen);
    json_t *a;
    int step;

    if (!s)
        return NULL;
    a = json_array();
    sqlite3_bind_int64(s, 1, (sqlite3_int64)since);
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        json_array_append_new(a, post_json(s, rc->now));
    if (step != SQLITE_DONE) {
        snprintf(err, errlen, "%s: SQL error: %s", sqlite3_db_filename(rc->db, "main"),
                 sqlite3_errmsg(rc->db));
        json_decref(a);
        a = NULL;
    }
    sqlite3_finalize(s);
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
                                 "SELECT m.name, m.email FROM rota_slots r JOIN members m"
                                 " ON m.id = r.member_id WHERE r.task = ?1 AND r.day = ?2"
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
        char date[11], label[64];
        json_t *day_tasks = json_array();

        localtime_r(&t, &tm);
        clock_date(t, date);
        for (size_t k = 0; k < ntasks; k++) {
            int wd = (tm.tm_wday + 6) % 7; /* Monday = 0 */
            if (!(tasks[k].days & (1u << wd)))
                continue;
            json_t *o = json_object(), *vols = json_array();
            int count = 0;
            sqlite3_reset(s);
            sqlite3_bind_text(s, 1, tasks[k].name, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, date, -1, SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW) {
                char *dn = render_display_name((const char *)sqlite3_column_text(s, 0),
                                               (const char *)sqlite3_column_text(s, 1));
                json_array_append_new(vols, json_string(dn ? dn : "?"));
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
            json_object_set_new(o, "volunteers", vols);
            json_object_set_new(o, "needed", json_integer(gaps));
            json_object_set_new(o, "full", json_boolean(gaps == 0));
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

static json_t *
digest_data(struct render_ctx *rc, time_t since, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    json_t *d = json_object(), *group = json_object();
    json_t *new_req, *new_off, *open_req, *done, *rota;
    long gaps;
    char longdate[64];
    struct tm tm;

    new_req = posts_json(rc,
                         "SELECT " POST_COLUMNS " FROM posts WHERE kind = 'request'"
                         " AND status = 'open' AND created_at > ?1 ORDER BY created_at",
                         since, err, errlen);
    new_off = posts_json(rc,
                         "SELECT " POST_COLUMNS " FROM posts WHERE kind = 'offer'"
                         " AND status = 'open' AND created_at > ?1 ORDER BY created_at",
                         since, err, errlen);
    /* most urgent first (a date to meet), then oldest */
    open_req = posts_json(rc,
                          "SELECT " POST_COLUMNS " FROM posts WHERE kind = 'request'"
                          " AND status = 'open' AND created_at <= ?1"
                          " ORDER BY needed_by IS NULL, needed_by, created_at",
                          since, err, errlen);
    done = posts_json(rc,
                      "SELECT " POST_COLUMNS " FROM posts WHERE status IN ('done', 'taken')"
                      " AND closed_at > ?1 ORDER BY closed_at",
                      since, err, errlen);
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
    localtime_r(&rc->now, &tm);
    strftime(longdate, sizeof longdate, "%A %-d %B %Y", &tm);
    json_object_set_new(d, "date", json_string(rc->date));
    json_object_set_new(d, "date_long", json_string(longdate));
    json_object_set_new(d, "new_requests_count", json_integer((json_int_t)json_array_size(new_req)));
    json_object_set_new(d, "new_offers_count", json_integer((json_int_t)json_array_size(new_off)));
    json_object_set_new(d, "open_requests_count",
                        json_integer((json_int_t)(json_array_size(open_req) + json_array_size(new_req))));
    json_object_set_new(d, "done_count", json_integer((json_int_t)json_array_size(done)));
    json_object_set_new(d, "rota_gaps_count", json_integer(gaps));
    json_object_set_new(d, "has_new_requests", json_boolean(json_array_size(new_req) > 0));
    json_object_set_new(d, "has_new_offers", json_boolean(json_array_size(new_off) > 0));
    json_object_set_new(d, "has_open_requests", json_boolean(json_array_size(open_req) > 0));
    json_object_set_new(d, "has_done", json_boolean(json_array_size(done) > 0));
    json_object_set_new(d, "has_rota", json_boolean(json_array_size(rota) > 0));
    json_object_set_new(d, "areas", by_area(c, new_req));
    json_object_set_new(d, "new_requests", new_req);
    json_object_set_new(d, "new_offers", new_off);
    json_object_set_new(d, "open_requests", open_req);
    json_object_set_new(d, "done", done);
    json_object_set_new(d, "rota", rota);
    json_object_set_new(d, "quiet", json_boolean(json_array_size(new_req) + json_array_size(new_off) +
                                                     json_array_size(open_req) == 0));
    return d;
}

/* A Message-ID that is the same every time the same day's digest is built, so that a
 * resend after a crash is recognisable as the same message. */
static void
stable_message_id(const conf *c, const char *key, char *out, size_t outlen)
{
    const char *addr = conf_str(c, "group", "address");
    const char *domain = strchr(addr, '@');
    char sha[65], seed[512];

    snprintf(seed, sizeof seed, "%s\n%s", addr, key);
    hash_sha256_hex(seed, strlen(seed), sha);
    snprintf(out, outlen, "doorstep.%s.%.16s@%s", key, sha, domain ? domain + 1 : "localhost");
    for (char *p = out; *p && *p != '@'; p++)
        if (*p == ':')
            *p = '-';
}

/* Puts the digest into the outbox under KEY unless that day's digest was already
 * sent; a queued one is replaced by the fresh text. */
static int
queue_digest(struct render_ctx *rc, const char *key, const char *msgid, const char *to,
             const char *raw, size_t len, int *already_sent, char *err, size_t errlen)
{
    sqlite3_stmt *s;
    int rc_step;

    s = db_prepare(rc->db,
                   "INSERT INTO outbox(kind, key, message_id, recipients, raw, created_at)"
                   " VALUES ('digest', ?1, ?2, ?3, ?4, ?5)"
                   " ON CONFLICT(key) DO UPDATE SET raw = excluded.raw,"
                   " recipients = excluded.recipients WHERE state != 'sent'",
                   err, errlen);
    if (!s)
        return EX_SOFTWARE;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, msgid, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, to, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(s, 4, raw, len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)rc->now);
    rc_step = sqlite3_step(s);
    *already_sent = rc_step == SQLITE_DONE && sqlite3_changes(rc->db) == 0;
    sqlite3_finalize(s);
    if (rc_step != SQLITE_DONE) {
        snprintf(err, errlen, "%s: cannot queue the digest: %s",
                 sqlite3_db_filename(rc->db, "main"), sqlite3_errmsg(rc->db));
        return EX_CANTCREAT;
    }
    return 0;
}

/* Sends every queued message of the outbox; each is marked sent only after the
 * transport accepted it. */
static int
deliver_outbox(struct render_ctx *rc, char *err, size_t errlen)
{
    sqlite3_stmt *q, *mark;
    char defdir[PATH_MAX];
    int worst = 0;

    snprintf(defdir, sizeof defdir, "%s/sent", rc->outdir);
    q = db_prepare(rc->db,
                   "SELECT id, key, recipients, raw FROM outbox WHERE state != 'sent'"
                   " AND attempts < ?1 ORDER BY id",
                   err, errlen);
    mark = db_prepare(rc->db,
                      "UPDATE outbox SET state = ?2, attempts = attempts + 1, last_error = ?3,"
                      " sent_at = CASE WHEN ?2 = 'sent' THEN ?4 ELSE sent_at END WHERE id = ?1",
                      err, errlen);
    if (!q || !mark) {
        sqlite3_finalize(q);
        sqlite3_finalize(mark);
        return EX_SOFTWARE;
    }
    sqlite3_bind_int(q, 1, SEND_ATTEMPTS_MAX);
    /* Collect first, then send and mark: no row is written while the query reads. */
    struct pending {
        long id;
        char *key, *to, *raw;
        size_t len;
    } *todo = NULL;
    size_t ntodo = 0, cap = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (ntodo == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            struct pending *t = realloc(todo, ncap * sizeof *t);
            if (!t)
                break;
            todo = t;
            cap = ncap;
        }
        struct pending *p = &todo[ntodo];
        p->id = sqlite3_column_int64(q, 0);
        p->key = db_column_strdup(q, 1);
        p->to = db_column_strdup(q, 2);
        p->len = (size_t)sqlite3_column_bytes(q, 3);
        p->raw = malloc(p->len + 1);
        if (!p->key || !p->to || !p->raw) {
            free(p->key);
            free(p->to);
            free(p->raw);
            break;
        }
        memcpy(p->raw, sqlite3_column_blob(q, 3), p->len);
        ntodo++;
    }
    sqlite3_finalize(q);
    for (size_t i = 0; i < ntodo; i++) {
        struct pending *p = &todo[i];
        char name[128], serr[1200] = "";
        snprintf(name, sizeof name, "%s", p->key);
        for (char *c = name; *c; c++)
            if (*c == ':' || *c == '/')
                *c = '-';
        char rejected[1024];
        int r = mail_send(rc->conf, name, p->raw, p->len, p->to, defdir, rejected,
                          sizeof rejected, serr, sizeof serr);
        if (r == 0 && rejected[0])
            snprintf(serr, sizeof serr, "sent, but refused for %s", rejected);
        sqlite3_reset(mark);
        sqlite3_bind_int64(mark, 1, p->id);
        sqlite3_bind_text(mark, 2, r == 0 ? "sent" : "failed", -1, SQLITE_STATIC);
        if (serr[0])
            sqlite3_bind_text(mark, 3, serr, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(mark, 4, (sqlite3_int64)rc->now);
        if (sqlite3_step(mark) != SQLITE_DONE)
            log_error("%s: cannot mark %s: %s", sqlite3_db_filename(rc->db, "main"), p->key,
                      sqlite3_errmsg(rc->db));
        if (r != 0) {
            log_error("%s not sent: %s", p->key, serr);
            snprintf(err, errlen, "%s not sent: %s", p->key, serr);
            worst = worst ? worst : r;
        } else {
            log_info("%s sent to %s", p->key, p->to);
        }
        free(p->key);
        free(p->to);
        free(p->raw);
    }
    free(todo);
    sqlite3_finalize(mark);
    return worst;
}

int
render_digest(struct render_ctx *rc, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    char key[32], msgid[256], path[PATH_MAX];
    char *body = NULL, *subject = NULL, *raw = NULL;
    const char *to = *conf_str(c, "digest", "to") ? conf_str(c, "digest", "to")
                                                  : conf_str(c, "group", "address");
    const char *from = *conf_str(c, "smtp", "from") ? conf_str(c, "smtp", "from")
                                                    : conf_str(c, "group", "address");
    json_t *data;
    size_t len;
    int r = EX_SOFTWARE, sent_before = 0;

    snprintf(key, sizeof key, "digest:%s", rc->date);
    if (!(data = digest_data(rc, previous_digest(rc, key), err, errlen)))
        return EX_SOFTWARE;
    if (!(body = render_template(rc, "digest.txt", data, err, errlen)) ||
        !(subject = render_template(rc, "digest-subject.txt", data, err, errlen))) {
        r = EX_CONFIG;
        goto done;
    }
    subject[strcspn(subject, "\r\n")] = '\0';
    stable_message_id(c, key, msgid, sizeof msgid);
    struct mail m = {
        .from_name = conf_str(c, "group", "name"),
        .from_addr = from,
        .to = to,
        .reply_to = conf_str(c, "group", "address"),
        .subject = subject,
        .message_id = msgid,
        .date = rc->now,
        .body = body,
    };
    if (!(raw = mail_compose(&m, &len))) {
        snprintf(err, errlen, "out of memory");
        r = EX_OSERR;
        goto done;
    }
    if ((r = queue_digest(rc, key, msgid, to, raw, len, &sent_before, err, errlen)) != 0)
        goto done;
    if (sent_before) {
        log_info("%s was already sent; not sending it again", key);
    } else {
        snprintf(path, sizeof path, "%s/digest-%s.eml", rc->outdir, rc->date);
        if (file_write_atomic(path, raw, len, err, errlen) < 0) {
            r = EX_CANTCREAT;
            goto done;
        }
        log_info("wrote %s", path);
    }
    r = deliver_outbox(rc, err, errlen);
done:
    json_decref(data);
    free(body);
    free(subject);
    free(raw);
    return r;
}
