/* mime.c — from raw RFC 5322 bytes to the message's text and a list of attachments:
 * the MIME structure (entities, multipart delimiters, depth and size limits) and the
 * single parts decoded to UTF-8. The header fields are read in mimehdr.c, HTML in
 * html.c. */
#include "html.h"
#include "mime.h"

#include <ctype.h>
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mailhdr.h"
#include "mimehdr.h"
#include "text.h"

static const char *
type_name(const struct mailmime_content *ct)
{
    static const char *const discrete[] = {"", "text", "image", "audio", "video", "application"};
    const struct mailmime_type *t = ct ? ct->ct_type : NULL;

    if (!t)
        return "text";
    if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE && t->tp_data.tp_discrete_type) {
        int k = t->tp_data.tp_discrete_type->dt_type;
        if (k > 0 && k < (int)(sizeof discrete / sizeof discrete[0]))
            return discrete[k];
        return t->tp_data.tp_discrete_type->dt_extension ? t->tp_data.tp_discrete_type->dt_extension
                                                         : "application";
    }
    if (t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE && t->tp_data.tp_composite_type) {
        int k = t->tp_data.tp_composite_type->ct_type;
        if (k == MAILMIME_COMPOSITE_TYPE_MESSAGE)
            return "message";
        if (k == MAILMIME_COMPOSITE_TYPE_MULTIPART)
            return "multipart";
        return t->tp_data.tp_composite_type->ct_token ? t->tp_data.tp_composite_type->ct_token
                                                      : "application";
    }
    return "application";
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

/* One MIME entity as it is in the raw bytes: its Content-* fields read, its body not
 * yet decoded. */
struct part {
    struct mailmime_content *ct;      /* NULL: text/plain (or message/rfc822 in a digest) */
    struct mailmime_disposition *dsp; /* NULL when none */
    int encoding;                     /* MAILMIME_MECHANISM_*, 7bit when none */
    const char *body;
    size_t blen;
};

static int
is_attachment(const struct part *pt)
{
    const struct mailmime_disposition *d = pt->dsp;
    return d && d->dsp_type && d->dsp_type->dsp_type == MAILMIME_DISPOSITION_TYPE_ATTACHMENT;
}

/* The parameters of a part: its Content-Type's, then its Content-Disposition's. */
#define MAX_PARAMS 64
static size_t
part_params(const struct part *pt, struct mime_param *out)
{
    const struct mailmime_content *ct = pt->ct;
    const struct mailmime_disposition *d = pt->dsp;
    size_t n = 0;

    if (ct && ct->ct_parameters)
        for (clistiter *it = clist_begin(ct->ct_parameters); it && n < MAX_PARAMS;
             it = clist_next(it)) {
            struct mailmime_parameter *p = clist_content(it);
            if (p->pa_name && p->pa_value)
                out[n++] = (struct mime_param){p->pa_name, p->pa_value};
        }
    if (d && d->dsp_parms)
        for (clistiter *it = clist_begin(d->dsp_parms); it && n < MAX_PARAMS; it = clist_next(it)) {
            struct mailmime_disposition_parm *p = clist_content(it);
            if (p->pa_type == MAILMIME_DISPOSITION_PARM_FILENAME && p->pa_data.pa_filename)
                out[n++] = (struct mime_param){"filename", p->pa_data.pa_filename};
            else if (p->pa_type == MAILMIME_DISPOSITION_PARM_PARAMETER && p->pa_data.pa_parameter &&
                     p->pa_data.pa_parameter->pa_name && p->pa_data.pa_parameter->pa_value)
                out[n++] = (struct mime_param){p->pa_data.pa_parameter->pa_name,
                                               p->pa_data.pa_parameter->pa_value};
        }
    return n;
}

static char *
part_charset(const struct part *pt)
{
    struct mime_param p[MAX_PARAMS];
    size_t n = part_params(pt, p);
    return mimehdr_param_decode(p, n, "charset");
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
        if (*r == '\n' && r > s && r[-1] == ' ' &&
            !(r - s >= 3 && strncmp(r - 3, "-- ", 3) == 0 && (r - 3 == s || r[-4] == '\n'))) {
            if (delsp && w > s)
                w--;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* The decoded bytes of a single part (*LEN set); malloc'd, NULL when out of memory. */
static char *
part_bytes(const struct part *pt, size_t *len)
{
    char *decoded = NULL, *out, *padded;
    size_t idx = 0, outlen = 0;
    int r;

    if (pt->encoding != MAILMIME_MECHANISM_7BIT && pt->encoding != MAILMIME_MECHANISM_8BIT &&
        pt->encoding != MAILMIME_MECHANISM_BINARY) {
        /* libetpan's quoted-printable decoder reads two bytes past the end it is given
         * after a last '=' (found by fuzz_mime, AddressSanitizer): it gets a copy with
         * zeros after it, since the part may end where the message's bytes end */
        if (!(padded = malloc(pt->blen + 4)))
            return NULL;
        memcpy(padded, pt->body, pt->blen);
        memset(padded + pt->blen, 0, 4);
        r = mailmime_part_parse(padded, pt->blen, &idx, pt->encoding, &decoded, &outlen);
        free(padded);
        if (r == MAILIMF_NO_ERROR) {
            out = malloc(outlen + 1);
            if (out) {
                memcpy(out, decoded, outlen);
                out[outlen] = '\0';
            }
            mmap_string_unref(decoded);
            *len = outlen;
            return out;
        }
    }
    /* undecodable base64 or QP: the bytes as they are, rather than nothing */
    *len = pt->blen;
    out = malloc(*len + 1);
    if (out) {
        memcpy(out, pt->body, *len);
        out[*len] = '\0';
    }
    return out;
}

/* The decoded, UTF-8 text of a single part. */
static char *
part_text(const struct part *pt)
{
    char *charset = part_charset(pt), *bytes, *text;
    size_t len = 0;

    bytes = part_bytes(pt, &len);
    text = bytes ? text_to_utf8(bytes, len, charset, NULL) : NULL;
    free(bytes);
    free(charset);
    if (text) {
        /* CRLF to LF: the rules and the templates work on LF text (the runs between
         * found with strchr, a line at a time) */
        char *w = text, *r = text, *cr;
        while ((cr = strchr(r, '\r'))) {
            size_t n = (size_t)(cr - r) + (cr[1] != '\n'); /* a lone CR stays */
            memmove(w, r, n);
            w += n;
            r = cr + 1;
        }
        memmove(w, r, strlen(r) + 1);
        const char *format = param(pt->ct, "format");
        const char *delsp = param(pt->ct, "delsp");
        if (format && strcasecmp(format, "flowed") == 0)
            unflow(text, delsp && strcasecmp(delsp, "yes") == 0);
    }
    return text;
}

/* The decoded size of a base64 part without decoding it (attachments can be megabytes),
 * or (size_t)-1 for other encodings. */
static size_t
base64_size(const struct part *pt)
{
    const char *p = pt->body, *end = pt->body + pt->blen, *nl;
    size_t chars = pt->blen;

    if (pt->encoding != MAILMIME_MECHANISM_BASE64)
        return (size_t)-1;
    /* every 4 characters are 3 bytes: the characters are the bytes less the line
     * breaks (found with memchr, fast on megabytes) and the '=' padding at the end */
    for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1) {
        chars--;
        if (nl > pt->body && nl[-1] == '\r')
            chars--;
    }
    for (p = end; p > pt->body && (p[-1] == '=' || isspace((unsigned char)p[-1])); p--)
        if (p[-1] == '=' || p[-1] == ' ' || p[-1] == '\t')
            chars--;
    return chars * 3 / 4;
}

static void
note_attachment(struct mime_msg *m, const struct part *pt)
{
    struct mime_param p[MAX_PARAMS];
    struct mime_attachment *a;
    size_t n, len = 0;
    char *bytes;

    m->attachments++;
    if (m->natt >= MIME_MAX_ATTACHMENTS)
        return;
    a = &m->att[m->natt];
    n = part_params(pt, p);
    a->name = mimehdr_param_decode(p, n, "filename");
    if (!a->name || !*a->name) {
        free(a->name);
        a->name = mimehdr_param_decode(p, n, "name");
    }
    if (!a->name)
        a->name = strdup("");
    const char *sub = pt->ct && pt->ct->ct_subtype ? pt->ct->ct_subtype : "plain";
    size_t tlen = strlen(type_name(pt->ct)) + strlen(sub) + 2;
    if ((a->type = malloc(tlen))) {
        snprintf(a->type, tlen, "%s/%s", type_name(pt->ct), sub);
        for (char *q = a->type; *q; q++)
            *q = (char)tolower((unsigned char)*q);
    }
    if ((len = base64_size(pt)) == (size_t)-1) {
        len = 0;
        if ((bytes = part_bytes(pt, &len)))
            free(bytes);
    }
    a->size = len;
    if (!a->name || !a->type) {
        free(a->name);
        free(a->type);
        return;
    }
    m->natt++;
}

struct walk {
    char *plain, *html; /* the text of the first text/plain and text/html parts */
    int depth_exceeded;
    const char *limit; /* why the message was not read to the end, or NULL */
    struct top_fields top;
    struct mime_msg *m;
};

static int
is_composite(const struct mailmime_content *ct, int type)
{
    return ct && ct->ct_type && ct->ct_type->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
           ct->ct_type->tp_data.tp_composite_type &&
           ct->ct_type->tp_data.tp_composite_type->ct_type == type;
}

static int
subtype_is(const struct mailmime_content *ct, const char *subtype)
{
    return ct && ct->ct_subtype && strcasecmp(ct->ct_subtype, subtype) == 0;
}

static void entity(const char *p, size_t len, int depth, int in_digest, struct walk *w);

/* The parts of a multipart body (RFC 2046 section 5.1.1): the text between lines
 * "--BOUNDARY" (white space may follow), up to "--BOUNDARY--"; the line break before
 * each delimiter belongs to it. An unclosed last part runs to the end. Broken mail
 * that nests multiparts with the same boundary is read as one flat list: after a
 * closing delimiter, a further delimiter starts another part. */
static void
multipart(const struct part *pt, int depth, struct walk *w)
{
    const char *b = param(pt->ct, "boundary"), *p = pt->body, *end = pt->body + pt->blen;
    const char *start = NULL;
    int digest = subtype_is(pt->ct, "digest");
    size_t bl = b ? strlen(b) : 0;

    /* no boundary parameter (a cut header): the first line that looks like one */
    for (const char *q = p; bl == 0 && q < end;) {
        const char *nl = memchr(q, '\n', (size_t)(end - q)), *eol = nl ? nl : end;
        if (eol - q > 2 && q[0] == '-' && q[1] == '-') {
            b = q + 2;
            for (bl = (size_t)(eol - b); bl > 0 && isspace((unsigned char)b[bl - 1]);)
                bl--;
        }
        q = nl ? nl + 1 : end;
    }
    if (bl == 0)
        return;
    while (p < end && !w->limit) {
        /* to the next line that starts with "--BOUNDARY", found by memmem rather than
         * line by line (parts are mostly lines that are not delimiters) */
        const char *q = p, *nl, *eol;
        while ((q = memmem(q, (size_t)(end - q), b, bl)) &&
               !(q - p >= 2 && q[-1] == '-' && q[-2] == '-' && (q - 2 == p || q[-3] == '\n')))
            q++;
        if (!q)
            break;
        p = q - 2;
        nl = memchr(p, '\n', (size_t)(end - p));
        eol = nl ? nl : end;
        {
            const char *after = p + 2 + bl;
            int close = eol - after >= 2 && after[0] == '-' && after[1] == '-';
            if (close)
                after += 2;
            while (after < eol && (*after == ' ' || *after == '\t' || *after == '\r'))
                after++;
            if (after == eol) {
                if (start) {
                    const char *e = p;
                    if (e > start && e[-1] == '\n')
                        e--;
                    if (e > start && e[-1] == '\r')
                        e--;
                    entity(start, (size_t)(e - start), depth + 1, digest, w);
                }
                start = close ? NULL : nl ? nl + 1 : end;
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (start && start < end && !w->limit)
        entity(start, (size_t)(end - start), depth + 1, digest, w);
}

static int
blank(const char *s)
{
    return s[strspn(s, " \t\r\n")] == '\0';
}

/* A single part: the message's text, its HTML, or an attachment. */
static void
single(const struct part *pt, struct walk *w)
{
    if (is_attachment(pt))
        note_attachment(w->m, pt);
    else if (is_type(pt->ct, MAILMIME_DISCRETE_TYPE_TEXT, "plain")) {
        if (!w->plain)
            w->plain = part_text(pt);
        else
            note_attachment(w->m, pt);
    } else if (is_type(pt->ct, MAILMIME_DISCRETE_TYPE_TEXT, "html")) {
        /* needed only when there is no plain text: most mail has both */
        if (!w->html && (!w->plain || blank(w->plain)))
            w->html = part_text(pt);
    } else {
        if (subtype_is(pt->ct, "delivery-status"))
            w->m->bounce = 1;
        note_attachment(w->m, pt);
    }
}

/* One MIME entity, P (LEN bytes): its header fields (the top message's also give the
 * sender, subject, references...), then its body by its type. */
static void
entity(const char *p, size_t len, int depth, int in_digest, struct walk *w)
{
    struct part pt = {NULL, NULL, MAILMIME_MECHANISM_7BIT, NULL, 0};
    struct mailhdr h;

    if (depth > MIME_MAX_DEPTH) {
        w->depth_exceeded = 1;
        return;
    }
    mailhdr_init(&h, p, len);
    while (mailhdr_next(&h)) {
        const char *n = h.name, *v;
        size_t idx = 0;

        if (h.fields > MIME_MAX_FIELDS) {
            w->limit = "more than " MIME_STR(MIME_MAX_FIELDS) " header fields";
            break;
        }
        if (depth == 0)
            mimehdr_field(w->m, &w->top, &h);
        if (strncasecmp(n, "Content-", 8) != 0 || !(v = mailhdr_value(&h)))
            continue;
        if (!pt.ct && strcasecmp(n + 8, "Type") == 0) {
            pt.ct = mimehdr_content_type(v, h.value.len);
        } else if (strcasecmp(n + 8, "Transfer-Encoding") == 0) {
            struct mailmime_mechanism *mech = NULL;
            if (mailmime_encoding_parse(v, h.value.len, &idx, &mech) == MAILIMF_NO_ERROR && mech) {
                pt.encoding = mech->enc_type;
                mailmime_mechanism_free(mech);
            }
        } else if (!pt.dsp && strcasecmp(n + 8, "Disposition") == 0) {
            if (mailmime_disposition_parse(v, h.value.len, &idx, &pt.dsp) != MAILIMF_NO_ERROR)
                pt.dsp = NULL;
        }
    }
    if (!w->limit && h.longest > MIME_MAX_FIELD)
        w->limit = "a header field longer than " MIME_STR(MIME_MAX_FIELD) " bytes";
    pt.body = p + h.body;
    pt.blen = len - h.body;
    mailhdr_done(&h);
    if (w->limit)
        goto done;
    if (is_composite(pt.ct, MAILMIME_COMPOSITE_TYPE_MULTIPART)) {
        if (subtype_is(pt.ct, "report"))
            w->m->bounce = 1;
        multipart(&pt, depth, w);
    } else if ((!pt.ct && in_digest) || (is_composite(pt.ct, MAILMIME_COMPOSITE_TYPE_MESSAGE) &&
                                         subtype_is(pt.ct, "rfc822"))) {
        /* a forwarded message: its text too, but only when nothing better came first */
        entity(pt.body, pt.blen, depth + 1, 0, w);
    } else {
        single(&pt, w);
    }
done:
    if (pt.ct)
        mailmime_content_free(pt.ct);
    if (pt.dsp)
        mailmime_disposition_free(pt.dsp);
}

int
mime_parse(const char *raw, size_t len, struct mime_msg *m, char *reason, size_t reasonlen)
{
    struct walk w = {0};

    memset(m, 0, sizeof *m);
    w.m = m;
    /* an mbox separator line left at the top ("From a@b Tue Nov 24 ...") is no header */
    if (len > 5 && strncmp(raw, "From ", 5) == 0) {
        const char *nl = memchr(raw, '\n', len);
        if (nl) {
            len -= (size_t)(nl + 1 - raw);
            raw = nl + 1;
        }
    }
    /* a byte order mark some tools write before the first header */
    if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
        raw += 3;
        len -= 3;
    }
    entity(raw, len, 0, 0, &w);
    if (!w.top.froms)
        m->from_problem = "no From field";
    if (m->from_problem) {
        free(m->from_addr);
        m->from_addr = NULL;
    }
    if (w.top.references)
        mimehdr_references(m, w.top.references);
    free(w.top.references);
    if (w.limit || (w.depth_exceeded && !w.plain && !w.html)) {
        if (w.limit)
            snprintf(reason, reasonlen, "%s", w.limit);
        else
            snprintf(reason, reasonlen, "MIME parts nested deeper than %d levels", MIME_MAX_DEPTH);
        free(w.plain);
        free(w.html);
        mime_free(m);
        return -1;
    }
    m->text = w.plain;
    if (w.html && (!m->text || blank(m->text))) {
        free(m->text);
        m->text = html_to_text(w.html, strlen(w.html));
        m->html_only = 1;
    }
    free(w.html);
    if (!m->subject)
        m->subject = strdup("");
    if (!m->from_name)
        m->from_name = strdup("");
    if (!m->text)
        m->text = strdup("");
    if (!m->subject || !m->from_name || !m->text) {
        snprintf(reason, reasonlen, "out of memory");
        mime_free(m);
        return -1;
    }
    /* the rules read the first MIME_MAX_TEXT bytes: enough for any post, and a
     * megabyte of pasted text costs no more than a page */
    if (strlen(m->text) > MIME_MAX_TEXT) {
        size_t cut = MIME_MAX_TEXT;
        while (cut > 0 && ((unsigned char)m->text[cut] & 0xC0) == 0x80)
            cut--;
        m->text[cut] = '\0';
        m->text_cut = 1;
    }
    mimehdr_sender_flags(m);
    return 0;
}

void
mime_free(struct mime_msg *m)
{
    free(m->message_id);
    for (size_t i = 0; i < m->nrefs; i++)
        free(m->refs[i]);
    free(m->subject);
    free(m->from_addr);
    free(m->from_name);
    free(m->text);
    for (size_t i = 0; i < m->natt; i++) {
        free(m->att[i].name);
        free(m->att[i].type);
    }
    memset(m, 0, sizeof *m);
}
