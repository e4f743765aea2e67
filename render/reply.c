/* reply.c — the automatic messages process found due (replies): a response relayed
 * to the person who asked, the responder's confirmation, the acknowledgements of new,
 * held and unsure posts, the reminder before a request expires, the note of a post
 * closed by a coordinator, the privacy notice asked for. Each is composed from
 * templates/reply-KIND.txt and queued in the outbox under the reply's own key, in one
 * transaction with the reply marked queued: a kill before the commit leaves it due,
 * after it the outbox sends it once (outbox.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "db.h"
#include "log.h"
#include "message.h"
#include "mailhdr.h"
#include "outbox.h"
#include "privacy.h"
#include "render.h"

struct due {
    long id, post, response, message;
    char *key, *kind, *to;
};

static void
set_str(json_t *o, const char *k, const unsigned char *v)
{
    json_t *j = v ? json_string((const char *)v) : NULL;
    json_object_set_new(o, k, j ? j : json_null());
}

/* Done with a statement of db_prepare_kept's, for the next reply: the statements run
 * for each reply are prepared once a run. */
static void
kept_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

/* Runs SQL with ?1 = ID and returns its first row's columns into O by name (NULL
 * when none). 0, or -1 with ERR set. */
static int
row_into(struct render_ctx *rc, const char *sql, long id, json_t *o, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare_kept(rc->db, sql, err, errlen);
    int step;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((step = sqlite3_step(s)) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count(s); i++)
            set_str(o, sqlite3_column_name(s, i), sqlite3_column_text(s, i));
    kept_done(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        db_sqlerr(rc->db, err, errlen);
        return -1;
    }
    return 0;
}

/* The posts a confirmation speaks of: each response of the message, how it went. */
static json_t *
confirm_posts(struct render_ctx *rc, long message, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare_kept(rc->db,
                                      "SELECT p.ref, p.title, p.kind, s.how, p.member_id IS NULL"
                                      " FROM responses s LEFT JOIN posts p ON p.id = s.post"
                                      " WHERE s.message = ?1 ORDER BY s.id",
                                      err, errlen);
    json_t *a = json_array();

    if (!s) {
        json_decref(a);
        return NULL;
    }
    sqlite3_bind_int64(s, 1, message);
    while (sqlite3_step(s) == SQLITE_ROW) {
        json_t *o = json_object();
        const char *how = (const char *)sqlite3_column_text(s, 3);
        int hand = sqlite3_column_int(s, 4);
        set_str(o, "ref", sqlite3_column_text(s, 0));
        set_str(o, "title", sqlite3_column_text(s, 1));
        set_str(o, "kind", sqlite3_column_text(s, 2));
        json_object_set_new(o, "is_request",
                            json_boolean(sqlite3_column_text(s, 2) &&
                                         strcmp((const char *)sqlite3_column_text(s, 2),
                                                "request") == 0));
        json_object_set_new(o, "no_post", json_boolean(sqlite3_column_type(s, 0) == SQLITE_NULL));
        json_object_set_new(o, "relayed", json_boolean(how && strcmp(how, "relay") == 0));
        json_object_set_new(o, "sorted", json_boolean(how && strcmp(how, "sorted") == 0));
        json_object_set_new(o, "ring", json_boolean(how && strcmp(how, "coordinators") == 0 &&
                                                    hand && sqlite3_column_type(s, 0) != SQLITE_NULL));
        json_object_set_new(o, "coordinators",
                            json_boolean(how && strcmp(how, "coordinators") == 0 &&
                                         !(hand && sqlite3_column_type(s, 0) != SQLITE_NULL)));
        json_array_append_new(a, o);
    }
    kept_done(s);
    return a;
}

/* The template data of reply D. NULL with ERR set on error. */
static json_t *
reply_data(struct render_ctx *rc, const struct due *d, char **their_msgid, char **their_subject,
           char *err, size_t errlen)
{
    const conf *c = rc->conf;
    json_t *o = json_object(), *group = json_object();
    char flag[32];

    json_object_set_new(group, "name", json_string(conf_str(c, "group", "name")));
    json_object_set_new(group, "address", json_string(conf_str(c, "group", "address")));
    json_object_set_new(group, "phone", json_string(conf_str(c, "group", "phone")));
    json_object_set_new(o, "group", group);
    snprintf(flag, sizeof flag, "is_%s", d->kind);
    json_object_set_new(o, flag, json_true());
    json_object_set_new(o, "request_days",
                        json_integer((json_int_t)conf_int(c, "process", "request_days")));
    /* public fields of the post only: never its author's address or body */
    if (d->post > 0 &&
        row_into(rc,
                 "SELECT ref, title, kind, status, expires_at, needed_by, kind = 'request'"
                 " AS is_request FROM posts WHERE id = ?1",
                 d->post, o, err, errlen) < 0)
        goto fail;
    if (json_is_string(json_object_get(o, "is_request")))
        json_object_set_new(o, "is_request",
                            json_boolean(strcmp(json_string_value(json_object_get(o, "is_request")),
                                                "1") == 0));
    /* a new code: the one it had before (post edit --kind keeps it in post_edits) */
    if (strcmp(d->kind, "recoded") == 0 && d->post > 0 &&
        row_into(rc,
                 "SELECT old AS old_ref FROM post_edits WHERE post = ?1 AND field = 'ref'"
                 " ORDER BY id DESC LIMIT 1",
                 d->post, o, err, errlen) < 0)
        goto fail;
    if (d->response > 0 &&
        row_into(rc, "SELECT responder, name AS responder_name, words FROM responses WHERE id = ?1",
                 d->response, o, err, errlen) < 0)
        goto fail;
    /* the privacy notice asked for by mail: templates/privacy.txt, as doorstep
     * privacy prints it */
    if (strcmp(d->kind, "privacy") == 0) {
        char *notice;
        if (privacy_add(o, c) < 0) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
        if (!(notice = render_template(rc, "privacy.txt", json_object_get(o, "privacy"), err,
                                       errlen)))
            goto fail;
        json_object_set_new(o, "notice", json_string(notice));
        free(notice);
    }
    if (strcmp(d->kind, "confirm") == 0) {
        json_t *posts = confirm_posts(rc, d->message, err, errlen);
        if (!posts)
            goto fail;
        json_object_set_new(o, "posts", posts);
    }
    /* the mail answered, for In-Reply-To and "Re:" (not for a relay: that is a new
     * message to someone else) */
    if (d->message > 0 && strcmp(d->kind, "relay") != 0) {
        sqlite3_stmt *s = db_prepare_kept(rc->db,
                                          "SELECT g.message_id, r.raw FROM messages g LEFT JOIN"
                                          " message_raw r ON r.message = g.id WHERE g.id = ?1",
                                          err, errlen);
        if (!s)
            goto fail;
        sqlite3_bind_int64(s, 1, d->message);
        if (sqlite3_step(s) == SQLITE_ROW) {
            *their_msgid = db_column_strdup(s, 0);
            const char *raw = sqlite3_column_blob(s, 1);
            char *field = raw ? mailhdr_get(raw, (size_t)sqlite3_column_bytes(s, 1), "Subject")
                              : NULL;
            /* decoded ("=?UTF-8?Q?caf=C3=A9?=" is "café"): the reply's subject is
             * encoded again as a whole when it is composed */
            if (field) {
                *their_subject = mailhdr_decode_words(field);
                free(field);
            }
        }
        kept_done(s);
    }
    if (*their_subject) {
        /* "Re: " once, however many the subject had */
        const char *t = *their_subject;
        while ((strncasecmp(t, "re:", 3) == 0 || strncasecmp(t, "aw:", 3) == 0))
            for (t += 3; *t == ' ';)
                t++;
        json_t *j = json_string(t);
        json_object_set_new(o, "their_subject", j ? j : json_null());
    }
    return o;
fail:
    json_decref(o);
    return NULL;
}

/* Composes reply D and queues it under its key. 0, or a sysexits code with ERR set. */
static int
compose(struct render_ctx *rc, const struct due *d, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    char tname[64], msgid[256];
    char *their_msgid = NULL, *their_subject = NULL, *body = NULL, *subject = NULL, *raw = NULL;
    const char *from = *conf_str(c, "smtp", "from") ? conf_str(c, "smtp", "from")
                                                    : conf_str(c, "group", "address");
    json_t *data = reply_data(rc, d, &their_msgid, &their_subject, err, errlen);
    size_t len;
    int r = EX_CONFIG, sent_before = 0;

    if (!data)
        return EX_SOFTWARE;
    snprintf(tname, sizeof tname, "reply-%s.txt", d->kind);
    if (!(body = render_template(rc, tname, data, err, errlen)) ||
        !(subject = render_template(rc, "reply-subject.txt", data, err, errlen)))
        goto done;
    subject[strcspn(subject, "\r\n")] = '\0';
    outbox_message_id(c, d->key, msgid, sizeof msgid);
    const char *responder = json_string_value(json_object_get(data, "responder"));
    struct message m = {
        .from_name = conf_str(c, "group", "name"),
        .from_addr = from,
        .to = d->to,
        /* a relay is answered straight to the responder: doorstep never gives the
         * poster's address to them, the poster chooses to write */
        .reply_to = strcmp(d->kind, "relay") == 0 && responder ? responder
                                                                : conf_str(c, "group", "address"),
        .subject = subject,
        .message_id = msgid,
        .date = rc->now,
        .body = body,
        .in_reply_to = their_msgid,
        .auto_replied = their_msgid != NULL,
    };
    if (!(raw = message_compose(&m, &len))) {
        snprintf(err, errlen, "out of memory");
        r = EX_OSERR;
        goto done;
    }
    r = outbox_queue(&rc->outbox, "reply", d->key, msgid, d->to, raw, len, &sent_before, err, errlen);
    if (r == 0 && sent_before)
        log_info("%s was already sent; not sending it again", d->key);
done:
    json_decref(data);
    free(their_msgid);
    free(their_subject);
    free(body);
    free(subject);
    free(raw);
    return r;
}

static int
mark(struct render_ctx *rc, const struct due *d, const char *state, const char *reason,
     char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare_kept(rc->db,
                                      "UPDATE replies SET state = ?2, reason = coalesce(?3, reason)"
                                      " WHERE id = ?1",
                                      err, errlen);
    int ok;

    if (!s)
        return EX_SOFTWARE;
    sqlite3_bind_int64(s, 1, d->id);
    sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
    if (reason)
        sqlite3_bind_text(s, 3, reason, -1, SQLITE_STATIC);
    ok = sqlite3_step(s) == SQLITE_DONE;
    kept_done(s);
    if (ok && d->response > 0 && strcmp(state, "queued") == 0) {
        s = db_prepare_kept(rc->db, "UPDATE responses SET relayed_at = ?2 WHERE id = ?1", err,
                            errlen);
        if (!s)
            return EX_SOFTWARE;
        sqlite3_bind_int64(s, 1, d->response);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)rc->now);
        ok = sqlite3_step(s) == SQLITE_DONE;
        kept_done(s);
    }
    if (!ok) {
        db_sqlerr(rc->db, err, errlen);
        return EX_SOFTWARE;
    }
    return 0;
}

/* Whether ADDR may get automatic mail now: not a blocked member. */
static int
blocked(struct render_ctx *rc, const char *addr)
{
    char err[256];
    sqlite3_stmt *s = db_prepare_kept(
        rc->db, "SELECT 1 FROM members WHERE email = ?1 AND status = 'blocked'", err, sizeof err);
    int b;

    if (!s)
        return 0;
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    b = sqlite3_step(s) == SQLITE_ROW;
    kept_done(s);
    return b;
}

/* --check-templates: every reply template rendered with all the data it can be given
 * (render_template reports the names it is not). 0 or a sysexits code. */
static int
check_templates(struct render_ctx *rc, char *err, size_t errlen)
{
    static const char *const kinds[] = {"relay",  "confirm", "new",     "held",    "triage",
                                        "expiring", "closed", "recoded", "renewed", "privacy"};
    const conf *c = rc->conf;

    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char tname[64], flag[32];
        json_t *d = json_pack("{s:{s:s,s:s,s:s},s:s,s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,"
                              "s:[{s:s,s:s,s:s,s:b,s:b,s:b,s:b,s:b,s:b}]}",
                              "group", "name", conf_str(c, "group", "name"), "address",
                              conf_str(c, "group", "address"), "phone",
                              conf_str(c, "group", "phone"), "ref", "R-0001", "old_ref", "O-0001",
                              "title", "a title",
                              "kind", "request", "is_request", 1, "status", "done", "expires_at",
                              rc->date, "needed_by", rc->date, "responder", "a@example.org",
                              "responder_name", "A", "words", "words", "their_subject", "subject",
                              "request_days", 7, "posts", "ref", "R-0001", "title", "a title",
                              "kind", "request", "is_request", 1, "relayed", 1, "ring", 1,
                              "sorted", 1, "coordinators", 1, "no_post", 1);
        char *body, *subject;
        if (!d) {
            snprintf(err, errlen, "out of memory");
            return EX_OSERR;
        }
        snprintf(flag, sizeof flag, "is_%s", kinds[k]);
        json_object_set_new(d, flag, json_true());
        if (strcmp(kinds[k], "privacy") == 0) {
            char *notice;
            if (privacy_add(d, c) < 0 ||
                !(notice = render_template(rc, "privacy.txt", json_object_get(d, "privacy"), err,
                                           errlen))) {
                json_decref(d);
                return EX_CONFIG;
            }
            json_object_set_new(d, "notice", json_string(notice));
            free(notice);
        }
        snprintf(tname, sizeof tname, "reply-%s.txt", kinds[k]);
        body = render_template(rc, tname, d, err, errlen);
        subject = body ? render_template(rc, "reply-subject.txt", d, err, errlen) : NULL;
        json_decref(d);
        free(body);
        if (!subject)
            return EX_CONFIG;
        free(subject);
    }
    return 0;
}

int
render_replies(struct render_ctx *rc, char *err, size_t errlen)
{
    sqlite3_stmt *s;
    struct due *due = NULL;
    size_t n = 0, cap = 0;
    int r = 0, step;

    if (rc->check)
        return check_templates(rc, err, errlen);
    if (db_begin(rc->db, err, errlen) < 0)
        return EX_TEMPFAIL;
    /* --resend: the replies (and announcements) a run interrupted while sending left
     * failed ("may have arrived") go again; one sent is never sent again */
    if (rc->resend && outbox_requeue_failed(&rc->outbox, err, errlen) < 0) {
        db_rollback(rc->db);
        return EX_SOFTWARE;
    }
    s = db_prepare(rc->db,
                   "SELECT id, key, kind, to_addr, post, response, message FROM replies"
                   " WHERE state = 'due' ORDER BY id",
                   err, errlen);
    if (!s) {
        db_rollback(rc->db);
        return EX_SOFTWARE;
    }
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct due *t = realloc(due, ncap * sizeof *t);
            if (!t)
                break;
            due = t;
            cap = ncap;
        }
        struct due *d = &due[n++];
        d->id = (long)sqlite3_column_int64(s, 0);
        d->key = db_column_strdup(s, 1);
        d->kind = db_column_strdup(s, 2);
        d->to = db_column_strdup(s, 3);
        d->post = (long)sqlite3_column_int64(s, 4);
        d->response = (long)sqlite3_column_int64(s, 5);
        d->message = (long)sqlite3_column_int64(s, 6);
        if (!d->key || !d->kind || !d->to) {
            r = EX_OSERR;
            snprintf(err, errlen, "out of memory");
        }
    }
    if (r == 0 && step != SQLITE_DONE && step != SQLITE_ROW) {
        db_sqlerr(rc->db, err, errlen);
        r = EX_SOFTWARE;
    }
    sqlite3_finalize(s);
    for (size_t i = 0; i < n && r == 0; i++) {
        if (blocked(rc, due[i].to))
            r = mark(rc, &due[i], "suppressed", "the recipient is blocked", err, errlen);
        else if ((r = compose(rc, &due[i], err, errlen)) == 0)
            r = mark(rc, &due[i], "queued", NULL, err, errlen);
    }
    if (r == 0 && db_commit(rc->db, err, errlen) < 0)
        r = EX_TEMPFAIL;
    else if (r != 0)
        db_rollback(rc->db);
    if (r == 0 && n > 0)
        log_info("%zu automatic replies queued", n);
    for (size_t i = 0; i < n; i++) {
        free(due[i].key);
        free(due[i].kind);
        free(due[i].to);
    }
    free(due);
    return r;
}
