/* compose.c — a message made from templates (text, HTML, subject) and queued in the
 * outbox: the members' digest and the coordinators' mail (render_compose). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "file.h"
#include "log.h"
#include "message.h"
#include "outbox.h"
#include "render.h"

/* The messages that carry the group's list headers (List-Id, List-Post,
 * List-Unsubscribe): what goes to every member, not a note to one person. */
static int
list_kind(const char *kind)
{
    return strcmp(kind, "digest") == 0 || strcmp(kind, "announce") == 0;
}

int
render_compose_raw(struct render_ctx *rc, const char *kind, const char *key, const char *name,
                   const char *subject_template, const char *to, const json_t *data,
                   char **raw, size_t *len, char **text, char *err, size_t errlen)
{
    const conf *c = rc->conf;
    char msgid[256], path[PATH_MAX], tname[64];
    char *body = NULL, *html = NULL, *subject = NULL;
    const char *from, *from_name;
    int r = EX_CONFIG;

    *raw = NULL;
    if (text)
        *text = NULL;
    snprintf(tname, sizeof tname, "%s.txt", name);
    if (!(body = render_template(rc, tname, data, err, errlen)) ||
        !(subject = render_template(rc, subject_template, data, err, errlen)))
        goto done;
    snprintf(tname, sizeof tname, "%s.html", name);
    snprintf(path, sizeof path, "%s/%s", rc->templates, tname);
    if (access(path, F_OK) == 0 && !(html = render_template(rc, tname, data, err, errlen)))
        goto done;
    if (rc->check) {
        r = 0;
        goto done;
    }
    subject[strcspn(subject, "\r\n")] = '\0';
    outbox_message_id(c, key, msgid, sizeof msgid);
    char list_id[512], list_host[256];
    snprintf(list_host, sizeof list_host, "%s", conf_str(c, "group", "address"));
    for (char *p = list_host; *p; p++)
        if (*p == '@')
            *p = '.';
    snprintf(list_id, sizeof list_id, "%s <%s>", conf_str(c, "group", "name"), list_host);
    message_from(c, &from_name, &from);
    struct message m = {
        .from_name = from_name,
        .from_addr = from,
        .to = to,
        .reply_to = conf_str(c, "group", "address"),
        .subject = subject,
        .message_id = msgid,
        .date = rc->now,
        .body = body,
        .html = html,
        .list_id = list_kind(kind) ? list_id : NULL,
        .list_address = conf_str(c, "group", "address"),
    };
    if (!(*raw = message_compose(&m, len))) {
        snprintf(err, errlen, "out of memory");
        r = EX_OSERR;
        goto done;
    }
    if (text) {
        *text = body;
        body = NULL;
    }
    r = 0;
done:
    free(body);
    free(html);
    free(subject);
    return r;
}

/* Composes the message KEY for TO from the templates NAME.txt (and NAME.html, when
 * the folder has one) and SUBJECT_TEMPLATE, queues it and writes it to the output
 * folder as FILE. Shared by the members' and coordinators' digests. */
int
render_compose(struct render_ctx *rc, const char *kind, const char *key, const char *name,
               const char *subject_template, const char *to, const char *file,
               const json_t *data, char *err, size_t errlen)
{
    char msgid[256], path[PATH_MAX];
    char *raw = NULL;
    size_t len;
    int r, sent_before = 0;

    if ((r = render_compose_raw(rc, kind, key, name, subject_template, to, data, &raw, &len,
                                NULL, err, errlen)) != 0 ||
        rc->check)
        goto done;
    outbox_message_id(rc->conf, key, msgid, sizeof msgid);
    if (*to && (r = outbox_queue(&rc->outbox, kind, key, msgid, to, raw, len, &sent_before,
                                 err, errlen)) != 0)
        goto done;
    if (sent_before) {
        log_info("%s was already sent; not sending it again (--resend forces it)", key);
    } else if (file) {
        snprintf(path, sizeof path, "%s/%s", rc->outdir, file);
        /* the group's digest is public; the coordinators' mail is not */
        if ((strcmp(kind, "digest") == 0 ? file_write_atomic : file_write_private)(
                path, raw, len, err, errlen) < 0) {
            r = EX_CANTCREAT;
            goto done;
        }
        log_info("wrote %s", path);
    }
    r = 0;
done:
    free(raw);
    return r;
}
