/* mime.c — from raw RFC 5322 bytes to decoded headers and UTF-8 text. */
#include "mime.h"

#include <ctype.h>
#include <libetpan/libetpan.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"

static char *
decode_words(const char *s)
{
    size_t idx = 0;
    char *out = NULL, *fixed;

    if (!s)
        return strdup("");
    /* Undeclared 8-bit bytes in headers are UTF-8 far more often than anything else
     * today; text_to_utf8 then repairs whatever is not. */
    if (mailmime_encoded_phrase_parse("utf-8", s, strlen(s), &idx, "utf-8", &out) !=
            MAILIMF_NO_ERROR ||
        !out)
        return text_to_utf8(s, strlen(s), "utf-8", NULL);
    fixed = text_to_utf8(out, strlen(out), "utf-8", NULL);
    free(out);
    if (fixed)
        text_squeeze(fixed);
    return fixed;
}

static char *
lower_dup(const char *s)
{
    char *d = strdup(s);
    for (char *p = d; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

static void
read_optional(struct mime_msg *m, const struct mailimf_optional_field *f)
{
    const char *v = f->fld_value ? f->fld_value : "";

    if (strcasecmp(f->fld_name, "Auto-Submitted") == 0 && strncasecmp(v, "no", 2) != 0)
        m->auto_reply = 1;
    else if (strcasecmp(f->fld_name, "X-Autoreply") == 0 ||
             strcasecmp(f->fld_name, "X-Autorespond") == 0)
        m->auto_reply = 1;
    else if (strcasecmp(f->fld_name, "Precedence") == 0 &&
             (strstr(v, "bulk") || strstr(v, "junk") || strstr(v, "list")))
        m->auto_reply = 1;
}

static time_t
field_date(const struct mailimf_date_time *d)
{
    struct tm tm = {0};
    int zone = d->dt_zone, offset;

    tm.tm_year = d->dt_year - 1900;
    tm.tm_mon = d->dt_month - 1;
    tm.tm_mday = d->dt_day;
    tm.tm_hour = d->dt_hour;
    tm.tm_min = d->dt_min;
    tm.tm_sec = d->dt_sec;
    if (d->dt_year < 1970 || d->dt_month < 1 || d->dt_month > 12 || d->dt_day < 1)
        return 0;
    /* dt_zone is +HHMM as a number: +0130 is 130 */
    offset = (zone / 100) * 3600 + (zone % 100) * 60;
    return timegm(&tm) - offset;
}

static void
read_fields(struct mime_msg *m, struct mailimf_fields *fields)
{
    for (clistiter *it = clist_begin(fields->fld_list); it; it = clist_next(it)) {
        struct mailimf_field *f = clist_content(it);
        switch (f->fld_type) {
        case MAILIMF_FIELD_MESSAGE_ID:
            if (!m->message_id && f->fld_data.fld_message_id->mid_value)
                m->message_id = strdup(f->fld_data.fld_message_id->mid_value);
            break;
        case MAILIMF_FIELD_IN_REPLY_TO: {
            clist *l = f->fld_data.fld_in_reply_to->mid_list;
            const char *first = l && clist_begin(l) ? clist_content(clist_begin(l)) : NULL;
            if (!m->in_reply_to && first)
                m->in_reply_to = strdup(first);
            break;
        }
        case MAILIMF_FIELD_SUBJECT:
            if (!m->subject)
                m->subject = decode_words(f->fld_data.fld_subject->sbj_value);
            break;
        case MAILIMF_FIELD_FROM: {
            struct mailimf_mailbox_list *mbl = f->fld_data.fld_from->frm_mb_list;
            if (!m->from_addr && mbl && clist_begin(mbl->mb_list)) {
                struct mailimf_mailbox *mb = clist_content(clist_begin(mbl->mb_list));
                if (mb->mb_addr_spec)
                    m->from_addr = lower_dup(mb->mb_addr_spec);
                m->from_name = decode_words(mb->mb_display_name);
            }
            break;
        }
        case MAILIMF_FIELD_ORIG_DATE:
            if (!m->date)
                m->date = field_date(f->fld_data.fld_orig_date->dt_date_time);
            break;
        case MAILIMF_FIELD_OPTIONAL_FIELD:
            read_optional(m, f->fld_data.fld_optional_field);
            break;
        default:
            break;
        }
    }
}

static int
is_type(const struct mailmime_content *ct, int discrete, const char *subtype)
{
    if (!ct || !ct->ct_type)
        return discrete == MAILMIME_DISCRETE_TYPE_TEXT && strcmp(subtype, "plain") == 0;
    if (ct->ct_type->tp_type != MAILMIME_TYPE_DISCRETE_TYPE ||
        ct->ct_type->tp_data.tp_discrete_type->dt_type != discrete)
        return 0;
    return ct->ct_subtype && strcasecmp(ct->ct_subtype, subtype) == 0;
}

static int
is_attachment(const struct mailmime *mm)
{
    if (!mm->mm_mime_fields)
        return 0;
    for (clistiter *it = clist_begin(mm->mm_mime_fields->fld_list); it; it = clist_next(it)) {
        struct mailmime_field *f = clist_content(it);
        if (f->fld_type == MAILMIME_FIELD_DISPOSITION && f->fld_data.fld_disposition->dsp_type &&
            f->fld_data.fld_disposition->dsp_type->dsp_type == MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
            return 1;
    }
    return 0;
}

static const char *
param(const struct mailmime_content *ct, const char *name)
{
    if (!ct || !ct->ct_parameters)
        return NULL;
    for (clistiter *it = clist_begin(ct->ct_parameters); it; it = clist_next(it)) {
        struct mailmime_parameter *p = clist_content(it);
        if (p->pa_name && strcasecmp(p->pa_name, name) == 0)
            return p->pa_value;
    }
    return NULL;
}

/* Undoes format=flowed (RFC 3676): a line ending in a space continues on the next. */
static void
unflow(char *s, int delsp)
{
    char *w = s;

    for (char *r = s; *r; r++) {
        if (*r == '\n' && r > s && r[-1] == ' ' && !(r - s >= 3 && strncmp(r - 3, "-- ", 3) == 0 &&
                                                      (r - 3 == s || r[-4] == '\n'))) {
            if (delsp && w > s)
                w--;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* The decoded, UTF-8 text of a single part. */
static char *
part_text(const struct mailmime *mm)
{
    const struct mailmime_data *d = mm->mm_data.mm_single;
    const char *charset = param(mm->mm_content_type, "charset");
    char *decoded = NULL, *text;
    size_t idx = 0, outlen = 0;

    if (!d || d->dt_type != MAILMIME_DATA_TEXT)
        return NULL;
    if (d->dt_encoded && d->dt_encoding != MAILMIME_MECHANISM_7BIT &&
        d->dt_encoding != MAILMIME_MECHANISM_8BIT && d->dt_encoding != MAILMIME_MECHANISM_BINARY) {
        if (mailmime_part_parse(d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length, &idx,
                                d->dt_encoding, &decoded, &outlen) != MAILIMF_NO_ERROR)
            return NULL;
        text = text_to_utf8(decoded, outlen, charset, NULL);
        mmap_string_unref(decoded);
    } else {
        text = text_to_utf8(d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length, charset,
                            NULL);
    }
    if (text) {
        /* CRLF to LF: the rules and the templates work on LF text */
        char *w = text;
        for (char *r = text; *r; r++)
            if (!(*r == '\r' && r[1] == '\n'))
                *w++ = *r;
        *w = '\0';
        const char *format = param(mm->mm_content_type, "format");
        const char *delsp = param(mm->mm_content_type, "delsp");
        if (format && strcasecmp(format, "flowed") == 0)
            unflow(text, delsp && strcasecmp(delsp, "yes") == 0);
    }
    return text;
}

struct walk {
    const struct mailmime *plain, *html;
    int depth_exceeded;
    int attachments;
};

static void
walk(const struct mailmime *mm, int depth, struct walk *w)
{
    if (depth > MIME_MAX_DEPTH) {
        w->depth_exceeded = 1;
        return;
    }
    switch (mm->mm_type) {
    case MAILMIME_SINGLE:
        if (is_attachment(mm))
            w->attachments++;
        else if (is_type(mm->mm_content_type, MAILMIME_DISCRETE_TYPE_TEXT, "plain")) {
            if (!w->plain)
                w->plain = mm;
        } else if (is_type(mm->mm_content_type, MAILMIME_DISCRETE_TYPE_TEXT, "html")) {
            if (!w->html)
                w->html = mm;
        } else
            w->attachments++;
        break;
    case MAILMIME_MULTIPLE:
        for (clistiter *it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list); it;
             it = clist_next(it))
            walk(clist_content(it), depth + 1, w);
        break;
    case MAILMIME_MESSAGE:
        /* the top message: its body; a forwarded message/rfc822 part: its text too,
         * but only when nothing better was found first */
        if (mm->mm_data.mm_message.mm_msg_mime)
            walk(mm->mm_data.mm_message.mm_msg_mime, depth + 1, w);
        break;
    }
}

int
mime_parse(const char *raw, size_t len, struct mime_msg *m, char *reason, size_t reasonlen)
{
    struct mailmime *root = NULL;
    struct walk w = {0};
    size_t idx = 0;
    int r;

    memset(m, 0, sizeof *m);
    r = mailmime_parse(raw, len, &idx, &root);
    if (r != MAILIMF_NO_ERROR || !root) {
        snprintf(reason, reasonlen, "cannot parse the message (MIME error %d)", r);
        return -1;
    }
    if (root->mm_type == MAILMIME_MESSAGE && root->mm_data.mm_message.mm_fields)
        read_fields(m, root->mm_data.mm_message.mm_fields);
    walk(root, 0, &w);
    if (w.depth_exceeded && !w.plain && !w.html) {
        snprintf(reason, reasonlen, "MIME parts nested deeper than %d levels", MIME_MAX_DEPTH);
        mailmime_free(root);
        mime_free(m);
        return -1;
    }
    if (root->mm_type == MAILMIME_MESSAGE && root->mm_data.mm_message.mm_msg_mime) {
        const struct mailmime *body = root->mm_data.mm_message.mm_msg_mime;
        if (body->mm_content_type && body->mm_content_type->ct_subtype &&
            strcasecmp(body->mm_content_type->ct_subtype, "report") == 0)
            m->bounce = 1;
    }
    m->attachments = w.attachments;
    if (w.plain)
        m->text = part_text(w.plain);
    if ((!m->text || !*m->text) && w.html) {
        char *html = part_text(w.html);
        if (html) {
            free(m->text);
            m->text = mime_html_to_text(html, strlen(html));
            m->html_only = 1;
            free(html);
        }
    }
    mailmime_free(root);
    if (!m->subject)
        m->subject = strdup("");
    if (!m->from_name)
        m->from_name = strdup("");
    if (!m->text)
        m->text = strdup("");
    if (m->from_addr && (strncasecmp(m->from_addr, "mailer-daemon@", 14) == 0 ||
                         strncasecmp(m->from_addr, "postmaster@", 11) == 0))
        m->bounce = 1;
    if (!m->subject || !m->from_name || !m->text) {
        snprintf(reason, reasonlen, "out of memory");
        mime_free(m);
        return -1;
    }
    return 0;
}

void
mime_free(struct mime_msg *m)
{
    free(m->message_id);
    free(m->in_reply_to);
    free(m->subject);
    free(m->from_addr);
    free(m->from_name);
    free(m->text);
    memset(m, 0, sizeof *m);
}

static int
is_block(const char *name)
{
    static const char *const blocks[] = {"p",  "div", "br", "li", "tr", "h1", "h2", "h3",
                                         "h4", "h5",  "h6", "ul", "ol", "table", "blockquote",
                                         "hr", "pre", "section", "article", "header", "footer"};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strcasecmp(name, blocks[i]) == 0)
            return 1;
    return 0;
}

static void
html_walk(xmlNode *n, struct buf *b, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            /* collapse white space as a browser would */
            int space = b->len > 0 && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n');
            for (const xmlChar *c = n->content; *c; c++) {
                if (isspace(*c)) {
                    if (!space)
                        buf_addc(b, ' ');
                    space = 1;
                } else {
                    buf_addc(b, (char)*c);
                    space = 0;
                }
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (strcasecmp(name, "script") == 0 || strcasecmp(name, "style") == 0 ||
                strcasecmp(name, "head") == 0 || depth > 200)
                continue;
            int block = is_block(name);
            if (block && b->len > 0 && b->data[b->len - 1] != '\n')
                buf_addc(b, '\n');
            html_walk(n->children, b, depth + 1);
            if (block && b->len > 0 && b->data[b->len - 1] != '\n')
                buf_addc(b, '\n');
        }
    }
}

char *
mime_html_to_text(const char *html, size_t len)
{
    struct buf b = {0};
    htmlDocPtr doc;

    if (len > (size_t)1 << 30)
        return NULL;
    doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
    buf_add(&b, "", 0);
    if (doc) {
        html_walk(xmlDocGetRootElement(doc), &b, 0);
        xmlFreeDoc(doc);
    }
    return buf_take(&b);
}
