/* coord.c — the coordinators' digest: what needs a coordinator (held posts and
 * members, quarantined messages, failed sends), with the full details to act on,
 * sent to [group] coordinators only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "dbjson.h"
#include "log.h"
#include "mailhdr.h"
#include "outbox.h"
#include "render.h"

/* A dbjson_row_fn: the columns by name, NULLs left out, times (*_at) in ISO 8601, the
 * rest as text with a "NAME_one" for a count of 1; a column named "raw" is replaced by
 * the message's From and Subject fields, decoded (mailhdr_sender, mailhdr_decode_words). */
static void
coord_row(sqlite3_stmt *s, json_t *o, void *ud)
{
    (void)ud;
    for (int i = 0; i < sqlite3_column_count(s); i++) {
        const char *col = sqlite3_column_name(s, i);
        if (sqlite3_column_type(s, i) == SQLITE_NULL)
            continue;
        if (strcmp(col, "raw") == 0) {
            const char *raw = sqlite3_column_blob(s, i);
            size_t len = (size_t)sqlite3_column_bytes(s, i);
            const char *fields[] = {"From", "Subject"};
            for (int f = 0; f < 2; f++) {
                char *v = raw ? mailhdr_get(raw, len, fields[f]) : NULL;
                /* decoded as `doorstep triage list` shows them (RFC 2047, UTF-8) */
                char *d = v ? (f ? mailhdr_decode_words(v) : mailhdr_sender(v)) : NULL;
                json_t *j = d ? json_string(d) : NULL; /* NULL unless valid UTF-8 */
                json_object_set_new(o, f ? "subject" : "from", j ? j : json_string("?"));
                free(d);
                free(v);
            }
        } else if (strstr(col, "_at")) {
            char iso[26];
            clock_iso((time_t)sqlite3_column_int64(s, i), iso);
            json_object_set_new(o, col, json_string(iso));
        } else {
            json_t *j = json_string((const char *)sqlite3_column_text(s, i));
            json_object_set_new(o, col, j ? j : json_string("?"));
            if (sqlite3_column_type(s, i) == SQLITE_INTEGER) {
                /* "after 1 attempt": the template's choice (render_count) */
                char one[64];
                snprintf(one, sizeof one, "%s_one", col);
                json_object_set_new(o, one, json_boolean(sqlite3_column_int64(s, i) == 1));
            }
        }
    }
}

/* Runs SQL (?1 = KEY when it has a parameter) and returns its rows (coord_row). NULL
 * with ERR set on error. */
static json_t *
rows_json(struct render_ctx *rc, const char *sql, const char *key, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(rc->db, sql, err, errlen);
    json_t *a;

    if (!s)
        return NULL;
    if (sqlite3_bind_parameter_count(s) > 0)
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (!(a = dbjson_rows(s, coord_row, NULL)))
        db_sqlerr(rc->db, err, errlen);
    return a;
}

/* Whether the message KEY was sent already. */
static int
outbox_sent(struct render_ctx *rc, const char *key)
{
    char err[256];
    sqlite3_stmt *s = db_prepare(rc->db, "SELECT 1 FROM outbox WHERE key = ?1 AND state = 'sent'",
                                 err, sizeof err);
    int sent;

    if (!s)
        return 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sent = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return sent;
}

/* The responses listed in the coordinators' digest KEY (LISTED) are not listed again. */
static int
mark_listed(struct render_ctx *rc, const char *key, const json_t *listed, char *err,
            size_t errlen)
{
    sqlite3_stmt *s = db_prepare(rc->db,
                                 "UPDATE responses SET coord_digest = ?1, relayed_at = ?2"
                                 " WHERE id = ?3 AND coord_digest IS NULL",
                                 err, errlen);
    int ok = 1;
    size_t i;
    json_t *o;

    if (!s)
        return EX_SOFTWARE;
    json_array_foreach(listed, i, o)
    {
        const char *id = json_string_value(json_object_get(o, "response"));
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)rc->now);
        sqlite3_bind_int64(s, 3, id ? atol(id) : 0);
        ok = ok && sqlite3_step(s) == SQLITE_DONE;
    }
    sqlite3_finalize(s);
    if (!ok) {
        db_sqlerr(rc->db, err, errlen);
        return EX_SOFTWARE;
    }
    return 0;
}

int
render_coordinators(struct render_ctx *rc, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    const char *to = conf_str(c, "group", "coordinators");
    static const struct {
        const char *name, *sql;
    } parts[] = {
        {"held", "SELECT p.ref, p.kind, p.title, p.body, p.street, p.created_at, m.email,"
                 " m.name FROM posts p LEFT JOIN members m ON m.id = p.member_id"
                 " WHERE p.status = 'held' ORDER BY p.id"},
        {"pending", "SELECT email, name, joined_at FROM members WHERE status = 'pending'"
                    " ORDER BY id"},
        /* the lines of `doorstep triage list`: the note's number, its post's code,
         * the message's sender and subject (from its raw header), why; never a note
         * whose post is closed (posts_triage_settle settles those) */
        {"triage", "SELECT t.id AS note, p.ref, p.kind, p.title, p.body, m.email, r.raw,"
                   " t.reason, t.created_at"
                   " FROM triage t LEFT JOIN posts p ON p.id = t.post"
                   " LEFT JOIN message_raw r ON r.message = t.message"
                   " LEFT JOIN members m ON m.id = p.member_id"
                   " WHERE t.resolved_at IS NULL"
                   " AND (p.id IS NULL OR p.status IN ('open', 'held', 'triage'))"
                   " ORDER BY t.id LIMIT 50"},
        {"quarantined", "SELECT id, message_id, reason, r.raw, fetched_at FROM messages g"
                        " LEFT JOIN message_raw r ON r.message = g.id"
                        " WHERE state = 'quarantined' ORDER BY id DESC LIMIT 50"},
        {"failed", "SELECT key, attempts, last_error FROM outbox WHERE state = 'failed'"
                   " ORDER BY id"},
        /* responses for a coordinator to pass on (a post taken by phone: its private
         * details, the name and phone, are in its body, and go nowhere but here),
         * each listed in one coordinators' digest (?1, its key) */
        {"responses", "SELECT s.id AS response, p.ref, p.kind, p.title, p.body AS details, m.email AS poster,"
                      " s.responder, s.name, s.words, s.why, s.created_at FROM responses s"
                      " LEFT JOIN posts p ON p.id = s.post"
                      " LEFT JOIN members m ON m.id = p.member_id"
                      " WHERE s.how = 'coordinators' AND coalesce(s.coord_digest, ?1) = ?1"
                      " ORDER BY s.id"},
    };
    char key[40], file[64];
    json_t *d = json_object(), *group = json_object();
    size_t total = 0;
    int r = 0;

    if (!*to) {
        log_debug("no [group] coordinators: no coordinators' digest");
        json_decref(d);
        json_decref(group);
        return 0;
    }
    snprintf(key, sizeof key, "coordinators:%s", rc->date);
    int sent_already = outbox_sent(rc, key);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        json_t *a = rows_json(rc, parts[i].sql, key, err, errlen);
        char has[32];
        if (!a) {
            json_decref(d);
            json_decref(group);
            return EX_SOFTWARE;
        }
        total += json_array_size(a);
        snprintf(has, sizeof has, "has_%s", parts[i].name);
        json_object_set_new(d, has, json_boolean(json_array_size(a) > 0));
        json_object_set_new(d, parts[i].name, a);
    }
    json_object_set_new(group, "name", json_string(conf_str(c, "group", "name")));
    json_object_set_new(group, "address", json_string(conf_str(c, "group", "address")));
    json_object_set_new(d, "group", group);
    json_object_set_new(d, "date", json_string(rc->date));
    render_count(d, "", (long long)total);
    snprintf(key, sizeof key, "coordinators:%s", rc->date);
    snprintf(file, sizeof file, "coordinators-%s.eml", rc->date);
    if (total == 0 && !conf_bool(c, "digest", "send_when_empty") && !rc->check)
        log_info("%s: nothing needs a coordinator today", key);
    else
        r = render_compose(rc, "coordinators", key, "coordinators", "coordinators-subject.txt", to,
                        file, d, err, errlen);
    /* once today's was sent, later responses wait for tomorrow's */
    if (r == 0 && !rc->check && (!sent_already || rc->resend))
        r = mark_listed(rc, key, json_object_get(d, "responses"), err, errlen);
    json_decref(d);
    if (r == 0 && !rc->check)
        r = outbox_deliver(&rc->outbox, err, errlen);
    return r;
}
