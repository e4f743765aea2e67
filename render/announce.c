/* announce.c — a coordinator's one-off message to the group (doorstep announce):
 * composed from templates/announce.txt and announce-subject.txt like the digest,
 * queued in the outbox for each of the digest's recipients, and sent exactly once
 * by the outbox (outbox.c) on the next run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "announce.h"
#include "db.h"
#include "hash.h"
#include "log.h"
#include "outbox.h"
#include "privacy.h"
#include "text.h"

#define SUBJECT_MAX 200

/* Whether S (N bytes) is valid UTF-8 without NUL. */
static int
utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;

    for (size_t i = 0; i < n;) {
        size_t k = p[i] ? text_utf8_seq(p + i, n - i) : 0;
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

static int
blank(const char *s)
{
    for (; *s; s++)
        if (!strchr(" \t\r\n\f\v", *s))
            return 0;
    return 1;
}

int
announce_check(const char *subject, const char *body, size_t len, char *err, size_t errlen)
{
    if (!subject || blank(subject)) {
        snprintf(err, errlen, "the subject is empty: say in a few words what it is about");
        return -1;
    }
    if (!utf8_ok(subject, strlen(subject))) {
        snprintf(err, errlen, "the subject is not valid UTF-8 text");
        return -1;
    }
    if (strpbrk(subject, "\r\n")) {
        snprintf(err, errlen, "the subject must be one line");
        return -1;
    }
    if (strlen(subject) > SUBJECT_MAX) {
        snprintf(err, errlen, "the subject is longer than %d bytes: put the rest in the text",
                 SUBJECT_MAX);
        return -1;
    }
    if (memchr(body, '\0', len)) {
        snprintf(err, errlen, "the text has a NUL byte: is it a binary file?");
        return -1;
    }
    if (!utf8_ok(body, len)) {
        snprintf(err, errlen, "the text is not valid UTF-8 (save it as UTF-8 and try again)");
        return -1;
    }
    if (blank(body)) {
        snprintf(err, errlen, "the text is empty: nothing to announce");
        return -1;
    }
    return 0;
}

struct announce {
    struct render_ctx *rc;
    const json_t *data;
    const char *key; /* announce:DATE:HASH */
    FILE *preview;
    long copies, fresh;
    char *to_list; /* PREVIEW: the recipients, comma-separated */
    size_t to_len;
};

/* Whether KEY is in the outbox already (queued, being sent, sent or failed). */
static int
known(struct render_ctx *rc, const char *key)
{
    char err[256];
    sqlite3_stmt *s = db_prepare(rc->db, "SELECT 1 FROM outbox WHERE key = ?1", err, sizeof err);
    int found;

    if (!s)
        return 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

/* Writes the first copy to PREVIEW: its header as composed, then its text as
 * the recipient reads it (the body is quoted-printable in RAW). */
static void
preview_write(FILE *f, const char *raw, size_t len, const char *text)
{
    const char *end = NULL;

    for (size_t i = 0; i + 3 < len; i++)
        if (memcmp(raw + i, "\r\n\r\n", 4) == 0) {
            end = raw + i;
            break;
        }
    for (const char *p = raw; p < (end ? end : raw + len); p++)
        if (*p != '\r')
            fputc(*p, f);
    fprintf(f, "\n\n%s", text);
    if (*text && text[strlen(text) - 1] != '\n')
        fputc('\n', f);
}

static int
one_copy(void *arg, const char *to, const char *area, char *err, size_t errlen)
{
    struct announce *a = arg;
    struct render_ctx *rc = a->rc;
    char key[400], msgid[256];
    char *raw = NULL, *text = NULL;
    json_t *mine;
    size_t len;
    int r, sent_before = 0;

    (void)area;
    a->copies++;
    if (render_to_members(rc->conf))
        snprintf(key, sizeof key, "%s:%s", a->key, to);
    else
        snprintf(key, sizeof key, "%s", a->key);
    if (a->preview) {
        size_t n = strlen(to);
        char *t = realloc(a->to_list, a->to_len + n + 3);
        if (!t) {
            snprintf(err, errlen, "out of memory");
            return EX_OSERR;
        }
        a->to_list = t;
        a->to_len += (size_t)sprintf(t + a->to_len, "%s%s", a->to_len ? ", " : "", to);
        if (a->copies > 1)
            return 0;
    } else if (known(rc, key)) {
        log_info("%s is in the outbox already; not queued again", key);
        return 0;
    }
    if (!(mine = json_copy((json_t *)a->data)))
        goto oom;
    json_object_set_new(mine, "to", json_string(to));
    r = render_compose_raw(rc, "announce", key, "announce", "announce-subject.txt", to, mine, &raw,
                       &len, &text, err, errlen);
    json_decref(mine);
    if (r != 0)
        return r;
    if (a->preview) {
        preview_write(a->preview, raw, len, text);
    } else {
        outbox_message_id(rc->conf, key, msgid, sizeof msgid);
        r = outbox_queue(&rc->outbox, "announce", key, msgid, to, raw, len, &sent_before, err, errlen);
        if (r == 0 && !sent_before)
            a->fresh++;
    }
    free(raw);
    free(text);
    return r;
oom:
    snprintf(err, errlen, "out of memory");
    return EX_OSERR;
}

/* The template data of an announcement (announce.txt), without "to". NULL on OOM. */
static json_t *
announce_data(struct render_ctx *rc, const char *subject, const char *body)
{
    json_t *data = json_object(), *group = json_object();

    if (!data || !group) {
        json_decref(data);
        json_decref(group);
        return NULL;
    }
    json_object_set_new(group, "name", json_string(conf_str(rc->conf, "group", "name")));
    json_object_set_new(group, "address", json_string(conf_str(rc->conf, "group", "address")));
    json_object_set_new(group, "phone", json_string(conf_str(rc->conf, "group", "phone")));
    json_object_set_new(data, "group", group);
    json_object_set_new(data, "subject", json_string(subject));
    json_object_set_new(data, "body", json_string(body));
    json_object_set_new(data, "date", json_string(rc->date));
    json_object_set_new(data, "personal", json_boolean(render_to_members(rc->conf)));
    if (privacy_add(data, rc->conf) < 0 || !json_object_get(data, "body") ||
        !json_object_get(data, "subject")) {
        json_decref(data);
        return NULL;
    }
    return data;
}

int
announce_check_templates(struct render_ctx *rc, char *err, size_t errlen)
{
    json_t *data = announce_data(rc, "a subject", "a text");
    char *raw = NULL;
    size_t len = 0;
    int r;

    if (!data) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    json_object_set_new(data, "to", json_string("someone@example.org"));
    r = render_compose_raw(rc, "announce", "announce:check", "announce", "announce-subject.txt",
                       "someone@example.org", data, &raw, &len, NULL, err, errlen);
    free(raw);
    json_decref(data);
    return r;
}

int
announce_queue(struct render_ctx *rc, const char *subject, const char *body, FILE *preview,
               long *copies, long *fresh, char *err, size_t errlen)
{
    json_t *data = announce_data(rc, subject, body);
    char sha[65], key[128];
    struct announce a = {.rc = rc, .preview = preview};
    char *seed;
    int r;

    *copies = *fresh = 0;
    if (!data || !(seed = malloc(strlen(subject) + strlen(body) + 2))) {
        json_decref(data);
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    sprintf(seed, "%s\n%s", subject, body);
    hash_sha256_hex(seed, strlen(seed), sha);
    free(seed);
    snprintf(key, sizeof key, "announce:%s:%.12s", rc->date, sha);
    a.data = data;
    a.key = key;
    /* every copy or none: a failure half-way leaves nothing queued */
    if (!preview && db_begin(rc->db, err, errlen) < 0) {
        json_decref(data);
        return EX_TEMPFAIL;
    }
    r = render_recipients(rc, one_copy, &a, err, errlen);
    if (r == 0 && a.copies == 0) {
        snprintf(err, errlen,
                 "nobody gets the digest ([digest] to = members, and no member is subscribed): "
                 "nothing queued");
        r = EX_UNAVAILABLE;
    }
    if (!preview) {
        if (r == 0 && db_commit(rc->db, err, errlen) < 0)
            r = EX_TEMPFAIL;
        else if (r != 0)
            db_rollback(rc->db);
    } else if (r == 0) {
        fprintf(preview, "\n(not queued: --preview; %ld %s: %s)\n", a.copies,
                a.copies == 1 ? "recipient" : "recipients", a.to_list ? a.to_list : "");
    }
    free(a.to_list);
    json_decref(data);
    *copies = a.copies;
    *fresh = r == 0 && !preview ? a.fresh : 0;
    return r;
}
