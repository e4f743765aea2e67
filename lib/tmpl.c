/* tmpl.c — Mustache template parser (standalone lines, set delimiters), tmpl_names, tmpl_load. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tmpl.h"
#include "tmpl_priv.h"

#define NAME_SHOWN 40 /* at most this many bytes of a tag name are quoted in messages */

struct parser {
    tmpl *t;
    const char *s; /* t->src */
    size_t n;
    const char *otag, *ctag; /* current delimiters, slices of s or static */
    size_t olen, clen;
    size_t cap_nodes, cap_names;
    size_t *open; /* node indices of the open sections, innermost last */
    size_t nopen, cap_open;
    size_t cur_pos; /* line/col cursor, only moves forward */
    int cur_line, cur_col;
    char *err;
    size_t errlen;
};

__attribute__((format(printf, 4, 5))) static void
seterr(struct parser *p, int line, int col, const char *fmt, ...)
{
    if (!p->err || p->errlen == 0)
        return;
    int k = snprintf(p->err, p->errlen, "%s:%d:%d: ", p->t->name ? p->t->name : "?", line, col);
    if (k < 0 || (size_t)k >= p->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + k, p->errlen - (size_t)k, fmt, ap);
    va_end(ap);
}

static void
seterr_oom(char *err, size_t errlen, const char *name)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: out of memory", name ? name : "?");
}

/* Moves the line/col cursor forward to byte POS (columns count UTF-8 characters). */
static void
advance(struct parser *p, size_t pos)
{
    for (; p->cur_pos < pos && p->cur_pos < p->n; p->cur_pos++) {
        unsigned char c = (unsigned char)p->s[p->cur_pos];
        if (c == '\n') {
            if (p->cur_line < INT32_MAX)
                p->cur_line++;
            p->cur_col = 1;
        } else if ((c & 0xC0) != 0x80 && p->cur_col < INT32_MAX) {
            p->cur_col++;
        }
    }
}

static int
is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Finds the first NEEDLE in s[from, n) that is directly preceded by the byte PRE (PRE < 0: no
   requirement) at or after FROM; returns the position of PRE (or of NEEDLE), or SIZE_MAX. */
static size_t
find_close(const struct parser *p, size_t from, int pre, const char *needle, size_t nlen)
{
    size_t at = pre >= 0 ? from + 2 : from; /* PRE must come after the sigil at FROM */
    while (at <= p->n && p->n - at >= nlen) {
        const char *hit = memmem(p->s + at, p->n - at, needle, nlen);
        if (!hit)
            return SIZE_MAX;
        size_t q = (size_t)(hit - p->s);
        if (pre < 0)
            return q;
        if ((unsigned char)p->s[q - 1] == pre)
            return q - 1;
        at = q + 1;
    }
    return SIZE_MAX;
}

static struct tmpl_node *
add_node(struct parser *p, int kind)
{
    tmpl *t = p->t;
    void *np = buf_grow(t->nodes, &p->cap_nodes, t->nnodes + 1, sizeof *t->nodes);
    if (!np)
        return NULL;
    t->nodes = np;
    struct tmpl_node *nd = &t->nodes[t->nnodes++];
    memset(nd, 0, sizeof *nd);
    nd->kind = (unsigned char)kind;
    nd->line = p->cur_line;
    nd->col = p->cur_col;
    return nd;
}

/* Appends the text node s[from, to) unless empty. */
static int
add_text(struct parser *p, size_t from, size_t to)
{
    if (to <= from)
        return 0;
    advance(p, from);
    struct tmpl_node *nd = add_node(p, TN_TEXT);
    if (!nd)
        return -1;
    nd->off = from;
    nd->len = to - from;
    return 0;
}

/* Copies NAME (LEN bytes) into the names arena; returns its offset or SIZE_MAX on OOM. */
static size_t
add_name(struct parser *p, const char *name, size_t len)
{
    tmpl *t = p->t;
    char *np = len < SIZE_MAX - 1 - t->names_len
                   ? buf_grow(t->names, &p->cap_names, t->names_len + len + 1, 1)
                   : NULL;
    if (!np)
        return SIZE_MAX;
    t->names = np;
    size_t off = t->names_len;
    memcpy(t->names + off, name, len);
    t->names[off + len] = '\0';
    t->names_len += len + 1;
    return off;
}

/* Parses the set-delimiter content s[a, b) ("<% %>") into new delimiters. */
static int
set_delims(struct parser *p, size_t a, size_t b)
{
    while (a < b && is_ws(p->s[a]))
        a++;
    while (b > a && is_ws(p->s[b - 1]))
        b--;
    size_t m = a;
    while (m < b && !is_ws(p->s[m]))
        m++;
    size_t c = m;
    while (c < b && is_ws(p->s[c]))
        c++;
    if (m == a || c == b)
        return -1;
    for (size_t i = a; i < b; i++)
        if (p->s[i] == '=' || p->s[i] == '\0' || (i >= c && is_ws(p->s[i])))
            return -1;
    p->otag = p->s + a;
    p->olen = m - a;
    p->ctag = p->s + c;
    p->clen = b - c;
    return 0;
}

/* Checks the standalone-line rule for a tag at [start, end) whose text run began at TEXT_START
   (LINE_OK: TEXT_START is the start of a line). On success sets *LINE_START and *AFTER (just past
   the line's newline, or n). */
static int
standalone(const struct parser *p, size_t text_start, int line_ok, size_t start, size_t end,
           size_t *line_start, size_t *after)
{
    size_t ls = start;
    while (ls > text_start && p->s[ls - 1] != '\n')
        ls--;
    if (ls == text_start && !line_ok && !(ls > 0 && p->s[ls - 1] == '\n'))
        return 0;
    for (size_t i = ls; i < start; i++)
        if (p->s[i] != ' ' && p->s[i] != '\t')
            return 0;
    size_t q = end;
    while (q < p->n && (p->s[q] == ' ' || p->s[q] == '\t'))
        q++;
    if (q < p->n && p->s[q] == '\n')
        q++;
    else if (q + 1 < p->n && p->s[q] == '\r' && p->s[q + 1] == '\n')
        q += 2;
    else if (q != p->n)
        return 0;
    *line_start = ls;
    *after = q;
    return 1;
}

/* A tag as read: where it starts (START, its sigil at C) and ends (its closing
 * delimiter at CLOSE, past it at END), its kind and its name s[A, B). */
struct tag {
    size_t start, c, close, end, a, b;
    char sigil;
    int kind; /* TN_*, -1: a comment or delimiters (no node), -2: a section's close */
    int line, col;
};

/* The node kind of SIGIL (-1: none, -2: a close), with *A stepped past the sigil. */
static int
tag_kind(char sigil, size_t *a)
{
    switch (sigil) {
    case '!':
    case '=':
        return -1;
    case '#':
        ++*a;
        return TN_SECTION;
    case '^':
        ++*a;
        return TN_INVERTED;
    case '/':
        ++*a;
        return -2;
    case '>':
        ++*a;
        return TN_PARTIAL;
    case '{':
    case '&':
        ++*a;
        return TN_RAW;
    default:
        return TN_VAR;
    }
}

/* Reads the tag whose opening delimiter is at START into TG: its end, kind and name,
 * checked. 0, or -1 with the error set. */
static int
tag_read(struct parser *p, size_t start, struct tag *tg)
{
    size_t c = start + p->olen, close;
    char sigil = c < p->n ? p->s[c] : '\0';

    advance(p, start);
    int line = p->cur_line, col = p->cur_col;
    if (sigil == '{' || sigil == '=') {
        close = find_close(p, c, sigil == '{' ? '}' : '=', p->ctag, p->clen);
    } else {
        close = find_close(p, c, -1, p->ctag, p->clen);
    }
    if (close == SIZE_MAX && sigil == '=' && find_close(p, c, -1, p->ctag, p->clen) != SIZE_MAX) {
        seterr(p, line, col, "bad set-delimiter tag (expected {{=OPEN CLOSE=}})");
        return -1;
    }
    if (close == SIZE_MAX) {
        seterr(p, line, col, "unclosed tag (no matching '%.*s%.*s')",
               sigil == '{' || sigil == '=' ? 1 : 0, sigil == '{' ? "}" : "=",
               (int)(p->clen > NAME_SHOWN ? NAME_SHOWN : p->clen), p->ctag);
        return -1;
    }
    *tg = (struct tag){.start = start, .c = c, .close = close, .a = c, .b = close,
                       .sigil = sigil, .line = line, .col = col};
    tg->end = close + p->clen + (sigil == '{' || sigil == '=' ? 1 : 0);
    tg->kind = tag_kind(sigil, &tg->a);
    if (sigil == '=' || tg->kind == -1)
        return 0; /* a set-delimiter tag's content is checked after the standalone test */
    size_t a = tg->a, b = tg->b;
    while (a < b && is_ws(p->s[a]))
        a++;
    while (b > a && is_ws(p->s[b - 1]))
        b--;
    tg->a = a;
    tg->b = b;
    if (a == b) {
        seterr(p, line, col, "empty tag name");
        return -1;
    }
    for (size_t i = a; i < b; i++) {
        if (is_ws(p->s[i]) || p->s[i] == '\0') {
            seterr(p, line, col, "invalid tag name '%.*s' (contains whitespace or NUL)",
                   (int)(b - a > NAME_SHOWN ? NAME_SHOWN : b - a), p->s + a);
            return -1;
        }
    }
    return 0;
}

/* A close tag TG: ends the innermost open section, which must have its name. 0, or -1
 * with the error set. */
static int
close_section(struct parser *p, const struct tag *tg)
{
    tmpl *t = p->t;
    size_t a = tg->a, b = tg->b;

    if (p->nopen == 0) {
        seterr(p, tg->line, tg->col, "close tag '%.*s' without an open section",
               (int)(b - a > NAME_SHOWN ? NAME_SHOWN : b - a), p->s + a);
        return -1;
    }
    struct tmpl_node *op = &t->nodes[p->open[p->nopen - 1]];
    const char *oname = t->names + op->off;
    if (op->len != b - a || memcmp(oname, p->s + a, b - a) != 0) {
        seterr(p, tg->line, tg->col,
               "close tag '%.*s' does not match open section '%.*s' (opened at %d:%d)",
               (int)(b - a > NAME_SHOWN ? NAME_SHOWN : b - a), p->s + a,
               (int)(op->len > NAME_SHOWN ? NAME_SHOWN : op->len), oname, op->line, op->col);
        return -1;
    }
    op->end = t->nnodes;
    p->nopen--;
    return 0;
}

/* The node of tag TG (ALONE on its line, which starts at LS), and the section it
 * opens. 0, or -1 with the error set (OOM: *OOM = 1). */
static int
add_tag_node(struct parser *p, const struct tag *tg, int alone, size_t ls, int *oom)
{
    tmpl *t = p->t;
    struct tmpl_node *nd = add_node(p, tg->kind);
    size_t off;

    if (!nd || (off = add_name(p, p->s + tg->a, tg->b - tg->a)) == SIZE_MAX)
        goto oom;
    nd->off = off;
    nd->len = tg->b - tg->a;
    if (tg->kind == TN_PARTIAL && alone) {
        nd->ind_off = ls;
        nd->ind_len = tg->start - ls;
    }
    if (tg->kind == TN_SECTION || tg->kind == TN_INVERTED) {
        if (p->nopen >= TMPL_MAX_NESTING) {
            seterr(p, tg->line, tg->col, "sections nested deeper than %d", TMPL_MAX_NESTING);
            return -1;
        }
        size_t *no = buf_grow(p->open, &p->cap_open, p->nopen + 1, sizeof *p->open);
        if (!no)
            goto oom;
        p->open = no;
        p->open[p->nopen++] = t->nnodes - 1;
        if (p->nopen > t->max_depth)
            t->max_depth = p->nopen;
    }
    return 0;
oom:
    *oom = 1;
    return -1;
}

/* Parses the whole source: the text up to each tag, then the tag. Returns 0, or -1
 * with the error set (OOM: *OOM = 1). */
static int
parse_all(struct parser *p, int *oom)
{
    tmpl *t = p->t;
    size_t pos = 0;
    int line_ok = 1; /* pos is at the start of a line */
    for (;;) {
        const char *hit = pos < p->n ? memmem(p->s + pos, p->n - pos, p->otag, p->olen) : NULL;
        struct tag tg;
        if (!hit)
            break;
        if (tag_read(p, (size_t)(hit - p->s), &tg) < 0)
            return -1;

        size_t ls = tg.start, after = tg.end;
        int alone = tg.kind != TN_VAR && tg.kind != TN_RAW &&
                    standalone(p, pos, line_ok, tg.start, tg.end, &ls, &after);
        if (add_text(p, pos, alone ? ls : tg.start) < 0)
            goto oom;
        advance(p, tg.start);

        if (tg.sigil == '=') {
            if (set_delims(p, tg.c + 1, tg.close) < 0) {
                seterr(p, tg.line, tg.col, "bad set-delimiter tag (expected {{=OPEN CLOSE=}})");
                return -1;
            }
        } else if (tg.kind == -2) {
            if (close_section(p, &tg) < 0)
                return -1;
        } else if (tg.kind >= 0) {
            if (add_tag_node(p, &tg, alone, ls, oom) < 0)
                return -1;
        }
        pos = after;
        line_ok = alone;
    }
    if (add_text(p, pos, p->n) < 0)
        goto oom;
    if (p->nopen > 0) {
        const struct tmpl_node *op = &t->nodes[p->open[p->nopen - 1]];
        seterr(p, op->line, op->col, "unclosed section '%.*s'",
               (int)(op->len > NAME_SHOWN ? NAME_SHOWN : op->len), t->names + op->off);
        return -1;
    }
    return 0;
oom:
    *oom = 1;
    return -1;
}

tmpl *
tmpl_parse(const char *src, size_t len, const char *name, char *err, size_t errlen)
{
    if (!name)
        name = "<template>";
    if (!src)
        len = 0;
    tmpl *t = calloc(1, sizeof *t);
    if (!t) {
        seterr_oom(err, errlen, name);
        return NULL;
    }
    t->name = strdup(name);
    t->src = len < SIZE_MAX ? malloc(len + 1) : NULL;
    t->names = malloc(16); /* never NULL, so names + off is always valid */
    if (!t->name || !t->src || !t->names) {
        tmpl_free(t);
        seterr_oom(err, errlen, name);
        return NULL;
    }
    if (len)
        memcpy(t->src, src, len);
    t->src[len] = '\0';
    t->srclen = len;

    struct parser p = {
        .t = t,
        .s = t->src,
        .n = len,
        .otag = "{{",
        .olen = 2,
        .ctag = "}}",
        .clen = 2,
        .cur_line = 1,
        .cur_col = 1,
        .cap_names = 16,
        .err = err,
        .errlen = errlen,
    };
    int oom = 0;
    int rc = parse_all(&p, &oom);
    free(p.open);
    if (rc < 0) {
        if (oom)
            seterr_oom(err, errlen, name);
        tmpl_free(t);
        return NULL;
    }
    return t;
}

void
tmpl_free(tmpl *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->src);
    free(t->names);
    free(t->nodes);
    free(t);
}

void
tmpl_names(const tmpl *t, tmpl_name_fn fn, void *ud)
{
    if (!t || !fn)
        return;
    const char **names = malloc((t->max_depth ? t->max_depth : 1) * sizeof *names);
    size_t *ends = malloc((t->max_depth ? t->max_depth : 1) * sizeof *ends);
    size_t n = 0;
    if (!names || !ends)
        goto out;
    for (size_t i = 0; i < t->nnodes; i++) {
        const struct tmpl_node *nd = &t->nodes[i];
        while (n > 0 && ends[n - 1] <= i)
            n--;
        const char *name = t->names + nd->off;
        switch (nd->kind) {
        case TN_VAR:
        case TN_RAW:
            fn(TMPL_VAR, name, names, n, nd->line, ud);
            break;
        case TN_SECTION:
            fn(TMPL_SECTION, name, names, n, nd->line, ud);
            names[n] = name;
            ends[n++] = nd->end;
            break;
        case TN_INVERTED:
            fn(TMPL_INVERTED, name, names, n, nd->line, ud);
            break;
        case TN_PARTIAL:
            fn(TMPL_PARTIAL, name, names, n, nd->line, ud);
            break;
        default:
            break;
        }
    }
out:
    free(names);
    free(ends);
}

tmpl *
tmpl_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        char *nd = len < SIZE_MAX - 4096 ? buf_grow(data, &cap, len + 4096, 1) : NULL;
        if (!nd) {
            free(data);
            fclose(f);
            seterr_oom(err, errlen, path);
            return NULL;
        }
        data = nd;
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(data);
        fclose(f);
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(e ? e : EIO));
        return NULL;
    }
    fclose(f);
    tmpl *t = tmpl_parse(data, len, path, err, errlen);
    free(data);
    return t;
}
