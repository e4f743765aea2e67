/* mailhdr.c — a small scanner for the header fields of raw RFC 5322 messages and MIME
 * entities: one pass, no allocation per field. */
#include "mailhdr.h"

#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

void
mailhdr_init(struct mailhdr *h, const char *raw, size_t len)
{
    memset(h, 0, sizeof *h);
    h->raw = raw;
    h->len = len;
}

void
mailhdr_done(struct mailhdr *h)
{
    buf_free(&h->value);
}

/* The end of the line at I: the index of its '\n', or LEN. */
static size_t
line_end(const char *raw, size_t len, size_t i)
{
    const char *nl = memchr(raw + i, '\n', len - i);
    return nl ? (size_t)(nl - raw) : len;
}

/* The length of the field name at the start of LINE (N bytes), up to its colon, or 0
 * when the line is no field: a name is printable ASCII without spaces or colons. */
static size_t
field_name(const char *line, size_t n)
{
    size_t i = 0;

    while (i < n && line[i] > ' ' && line[i] < 0x7f && line[i] != ':')
        i++;
    if (i == 0)
        return 0;
    size_t colon = i;
    while (colon < n && (line[colon] == ' ' || line[colon] == '\t'))
        colon++; /* "Subject :" is obsolete syntax, still met */
    return colon < n && line[colon] == ':' ? i : 0;
}

int
mailhdr_next(struct mailhdr *h)
{
    const char *raw = h->raw;

    while (h->pos < h->len) {
        size_t i = h->pos, eol = line_end(raw, h->len, i), n = eol - i, name, total = 0;

        if (n == 0 || (n == 1 && raw[i] == '\r')) { /* the empty line */
            h->body = eol < h->len ? eol + 1 : h->len;
            h->pos = h->len;
            return 0;
        }
        if (raw[i] == ' ' || raw[i] == '\t') { /* a continuation with no field */
            h->pos = eol + 1;
            continue;
        }
        if (!(name = field_name(raw + i, n))) { /* a body line: no empty line first */
            h->body = i;
            h->pos = h->len;
            return 0;
        }
        memcpy(h->name, raw + i, name < sizeof h->name ? name : sizeof h->name - 1);
        h->name[name < sizeof h->name ? name : sizeof h->name - 1] = '\0';
        i += name;
        i = (size_t)((const char *)memchr(raw + i, ':', eol - i) - raw) + 1;
        /* this line and its continuation lines: only measured here, unfolded when
         * asked for (most fields are not: Received, DKIM-Signature...) */
        h->vstart = i;
        for (;;) {
            size_t e = eol;
            if (e > i && raw[e - 1] == '\r')
                e--;
            total += e - i;
            if (eol + 1 >= h->len || (raw[eol + 1] != ' ' && raw[eol + 1] != '\t'))
                break;
            i = eol + 1;
            eol = line_end(raw, h->len, i);
        }
        h->vend = eol;
        h->pos = eol + 1;
        h->unfolded = 0;
        if (total > h->longest)
            h->longest = total;
        h->fields++;
        return 1;
    }
    h->body = h->len;
    return 0;
}

const char *
mailhdr_value(struct mailhdr *h)
{
    const char *raw = h->raw;
    size_t i = h->vstart, eol;

    if (h->unfolded)
        return h->value.oom ? NULL : h->value.data;
    h->unfolded = 1;
    h->value.len = 0;
    buf_add(&h->value, "", 0);
    for (;;) {
        eol = line_end(raw, h->vend, i);
        size_t e = eol;
        if (e > i && raw[e - 1] == '\r')
            e--;
        if (h->value.len < MAILHDR_VALUE_MAX)
            buf_add(&h->value, raw + i,
                    e - i < MAILHDR_VALUE_MAX - h->value.len ? e - i
                                                             : MAILHDR_VALUE_MAX - h->value.len);
        if (eol >= h->vend)
            break;
        i = eol + 1;
    }
    if (h->value.oom)
        return NULL;
    /* tabs as spaces, trimmed */
    char *v = h->value.data;
    size_t len = h->value.len, start = 0;
    for (size_t k = 0; k < len; k++)
        if (v[k] == '\t' || v[k] == '\r' || v[k] == '\n')
            v[k] = ' ';
    while (start < len && v[start] == ' ')
        start++;
    while (len > start && v[len - 1] == ' ')
        len--;
    memmove(v, v + start, len - start);
    h->value.len = len - start;
    v[h->value.len] = '\0';
    return v;
}

char *
mailhdr_get(const char *raw, size_t len, const char *name)
{
    struct mailhdr h;
    char *out = NULL;
    const char *v;

    mailhdr_init(&h, raw, len);
    while (mailhdr_next(&h))
        if (strcasecmp(h.name, name) == 0) {
            if ((v = mailhdr_value(&h)))
                out = strdup(v);
            break;
        }
    mailhdr_done(&h);
    return out;
}

char *
mailhdr_message_id(const char *raw, size_t len)
{
    char *v = mailhdr_get(raw, len, "Message-ID");
    char *lt, *gt;

    if (!v)
        return NULL;
    lt = strchr(v, '<');
    gt = lt ? strchr(lt, '>') : NULL;
    if (lt && gt && gt > lt + 1) {
        *gt = '\0';
        memmove(v, lt + 1, (size_t)(gt - lt));
    } else {
        v[strcspn(v, " ")] = '\0';
    }
    if (!*v) {
        free(v);
        return NULL;
    }
    return v;
}

/* Turns control characters (C0, DEL, and C1 as UTF-8) into spaces and squeezes: a
 * name or subject is one line of text, never terminal escapes or header breaks. */
static char *
one_line(char *s)
{
    unsigned char *p = (unsigned char *)s;

    for (; p && *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
        else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            p[0] = p[1] = ' ';
            p++;
        }
    }
    if (s)
        text_squeeze(s);
    return s;
}

char *
mailhdr_decode_words(const char *s)
{
    size_t idx = 0;
    char *out = NULL, *fixed;

    if (!s)
        return strdup("");
    /* no encoded word: libetpan would still convert each word from UTF-8 to UTF-8 */
    if (!strstr(s, "=?"))
        return one_line(text_to_utf8(s, strlen(s), "utf-8", NULL));
    /* Undeclared 8-bit bytes in headers are UTF-8 far more often than anything else
     * today; text_to_utf8 then repairs whatever is not. */
    if (mailmime_encoded_phrase_parse("utf-8", s, strlen(s), &idx, "utf-8", &out) !=
            MAILIMF_NO_ERROR ||
        !out)
        return one_line(text_to_utf8(s, strlen(s), "utf-8", NULL));
    fixed = text_to_utf8(out, strlen(out), "utf-8", NULL);
    free(out);
    return one_line(fixed);
}

char *
mailhdr_sender(const char *v)
{
    struct mailimf_mailbox_list *mbl = NULL;
    size_t idx = 0;
    char *out = NULL;

    if (!v)
        return NULL;
    if (mailimf_mailbox_list_parse(v, strlen(v), &idx, &mbl) == MAILIMF_NO_ERROR && mbl) {
        clistiter *it = clist_begin(mbl->mb_list);
        struct mailimf_mailbox *mb = it ? clist_content(it) : NULL;
        if (mb && mb->mb_addr_spec && strchr(mb->mb_addr_spec, '@')) {
            char *name = mb->mb_display_name ? mailhdr_decode_words(mb->mb_display_name) : NULL;
            char *addr = one_line(text_lower(strdup(mb->mb_addr_spec)));
            if (addr && asprintf(&out, "%s%s<%s>", name && *name ? name : "",
                                 name && *name ? " " : "", addr) < 0)
                out = NULL;
            free(name);
            free(addr);
        }
        mailimf_mailbox_list_free(mbl);
    }
    return out ? out : mailhdr_decode_words(v);
}
