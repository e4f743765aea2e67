/* tmpl_render.c — renders parsed Mustache templates against jansson data without recursion. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tmpl.h"
#include "tmpl_priv.h"

struct out {
    char *p;
    size_t len, cap;
};

/* One parsed partial, per (name, indentation); t == NULL caches "no such partial". */
struct pcache {
    struct pcache *next;
    char *name;
    char *indent;
    size_t ind_len;
    const char *src; /* as returned by the partial callback (indent "" entries only) */
    tmpl *t;
};

enum { FR_TEMPLATE, FR_SECTION, FR_INVERTED };

struct frame {
    const tmpl *t;
    size_t pc, end;     /* next node, end of this frame's node range */
    size_t body;        /* FR_SECTION over a list: first body node */
    const json_t *list; /* FR_SECTION over a list, else NULL */
    size_t idx;         /* current list element */
    unsigned char kind;
    unsigned char pushed; /* pushed one context */
};

struct render {
    struct out out;
    const json_t **ctx;
    size_t nctx, cap_ctx;
    struct frame *fr;
    size_t nfr, cap_fr;
    int depth; /* partial nesting */
    struct pcache *cache;
    tmpl_partial_fn pfn;
    void *ud;
    int escape; /* 0 for plain-text output: {{x}} then behaves as {{{x}}} */
    char *err;
    size_t errlen;
};

static int
out_add(struct out *b, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    char *np = n < SIZE_MAX - 1 - b->len ? buf_grow(b->p, &b->cap, b->len + n + 1, 1) : NULL;
    if (!np)
        return -1;
    b->p = np;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

/* Appends S[0, N) escaping & " < > for HTML. */
static int
out_add_escaped(struct out *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        default:
            continue;
        }
        if (out_add(b, s + run, i - run) < 0 || out_add(b, rep, strlen(rep)) < 0)
            return -1;
        run = i + 1;
    }
    return out_add(b, s + run, n - run);
}

__attribute__((format(printf, 2, 3))) static void
rerr(struct render *r, const char *fmt, ...)
{
    if (!r->err || r->errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
}

/* Shortest "%g" form of D that reads back as D (1.21 -> "1.21", 1e21 -> "1e+21"). */
static void
fmt_real(double d, char *out, size_t outlen)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, outlen, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            break;
    }
}

/* Falsey: missing, null, false, empty list, empty string. */
static int
truthy(const json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    return 1;
}

/* Resolves NAME (LEN bytes; "." or dotted) against the context stack; NULL when missing. */
static const json_t *
resolve(const struct render *r, const char *name, size_t len)
{
    if (len == 1 && name[0] == '.')
        return r->nctx ? r->ctx[r->nctx - 1] : NULL;
    const char *dot = memchr(name, '.', len);
    size_t k = dot ? (size_t)(dot - name) : len;
    const json_t *v = NULL;
    for (size_t i = r->nctx; i-- > 0;) {
        if (json_is_object(r->ctx[i]) && (v = json_object_getn(r->ctx[i], name, k)) != NULL)
            break;
    }
    while (v && dot) {
        name = dot + 1;
        len -= k + 1;
        dot = memchr(name, '.', len);
        k = dot ? (size_t)(dot - name) : len;
        v = json_is_object(v) ? json_object_getn(v, name, k) : NULL;
    }
    return v;
}

static int
emit_value(struct out *b, const json_t *v, int escape)
{
    char num[64];
    const char *s = NULL;
    size_t n = 0;
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_STRING:
        s = json_string_value(v);
        n = json_string_length(v);
        break;
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = num;
        n = strlen(num);
        break;
    case JSON_REAL:
        fmt_real(json_real_value(v), num, sizeof num);
        s = num;
        n = strlen(num);
        break;
    case JSON_TRUE:
        s = "true";
        n = 4;
        break;
    case JSON_FALSE:
        s = "false";
        n = 5;
        break;
    default: /* null, objects and arrays render empty */
        return 0;
    }
    return escape ? out_add_escaped(b, s, n) : out_add(b, s, n);
}

/* Returns SRC with INDENT inserted at the start of every line that has content; NULL on OOM. */
static char *
indent_source(const char *src, const char *indent, size_t ind_len, size_t *outlen)
{
    size_t n = strlen(src), lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += src[i] == '\n';
    if (ind_len && lines > (SIZE_MAX - n - 1) / ind_len)
        return NULL;
    char *out = malloc(n + lines * ind_len + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || src[i - 1] == '\n') {
            memcpy(o, indent, ind_len);
            o += ind_len;
        }
        *o++ = src[i];
    }
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

static struct pcache *
cache_add(struct render *r, const char *name, const char *indent, size_t ind_len)
{
    struct pcache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = strdup(name);
    c->indent = malloc(ind_len + 1);
    if (!c->name || !c->indent) {
        free(c->name);
        free(c->indent);
        free(c);
        return NULL;
    }
    memcpy(c->indent, indent, ind_len);
    c->indent[ind_len] = '\0';
    c->ind_len = ind_len;
    c->next = r->cache;
    r->cache = c;
    return c;
}

static struct pcache *
cache_find(const struct render *r, const char *name, const char *indent, size_t ind_len)
{
    for (struct pcache *c = r->cache; c; c = c->next)
        if (c->ind_len == ind_len && strcmp(c->name, name) == 0 &&
            memcmp(c->indent, indent, ind_len) == 0)
            return c;
    return NULL;
}

/* Looks up partial node ND of template FROM; *OUT = parsed partial or NULL if none. */
static int
get_partial(struct render *r, const tmpl *from, const struct tmpl_node *nd, const tmpl **out)
{
    const char *name = from->names + nd->off;
    const char *indent = from->src + nd->ind_off;
    struct pcache *c = cache_find(r, name, indent, nd->ind_len);
    if (c) {
        *out = c->t;
        return 0;
    }
    struct pcache *base = cache_find(r, name, "", 0);
    char perr[512];
    if (!base) {
        if (!(base = cache_add(r, name, "", 0)))
            goto oom;
        base->src = r->pfn ? r->pfn(name, r->ud) : NULL;
        if (base->src) {
            base->t = tmpl_parse(base->src, strlen(base->src), name, perr, sizeof perr);
            if (!base->t) {
                base->src = NULL; /* reported once; the render stops here */
                rerr(r, "%s (partial included from %s:%d)", perr, from->name, nd->line);
                return -1;
            }
        }
    }
    if (nd->ind_len == 0 || !base->t) {
        *out = base->t;
        return 0;
    }
    size_t len;
    char *isrc = indent_source(base->src, indent, nd->ind_len, &len);
    if (!isrc || !(c = cache_add(r, name, indent, nd->ind_len))) {
        free(isrc);
        goto oom;
    }
    c->t = tmpl_parse(isrc, len, name, perr, sizeof perr);
    free(isrc);
    if (!c->t) {
        rerr(r, "%s (partial included from %s:%d)", perr, from->name, nd->line);
        return -1;
    }
    *out = c->t;
    return 0;
oom:
    rerr(r, "%s: out of memory", from->name);
    return -1;
}

static int
push_ctx(struct render *r, const json_t *v)
{
    const json_t **nc = buf_grow(r->ctx, &r->cap_ctx, r->nctx + 1, sizeof *r->ctx);
    if (!nc)
        return -1;
    r->ctx = nc;
    r->ctx[r->nctx++] = v;
    return 0;
}

static int
push_frame(struct render *r, const struct frame *f)
{
    struct frame *nf = buf_grow(r->fr, &r->cap_fr, r->nfr + 1, sizeof *r->fr);
    if (!nf)
        return -1;
    r->fr = nf;
    r->fr[r->nfr++] = *f;
    return 0;
}

/* Executes one step of the top frame. Returns 0 or -1 (error set). */
static int
step(struct render *r)
{
    struct frame *f = &r->fr[r->nfr - 1];
    const tmpl *t = f->t;
    if (f->pc >= f->end) {
        if (f->pushed)
            r->nctx--;
        if (f->list && ++f->idx < json_array_size(f->list)) {
            f->pc = f->body;
            if (push_ctx(r, json_array_get(f->list, f->idx)) < 0)
                goto oom;
            return 0;
        }
        if (f->kind == FR_TEMPLATE)
            r->depth--;
        r->nfr--;
        return 0;
    }
    const struct tmpl_node *nd = &t->nodes[f->pc];
    const char *name = t->names + nd->off;
    const json_t *v;
    struct frame nf = {.t = t, .pc = f->pc + 1, .end = nd->end};
    switch (nd->kind) {
    case TN_TEXT:
        f->pc++;
        if (out_add(&r->out, t->src + nd->off, nd->len) < 0)
            goto oom;
        return 0;
    case TN_VAR:
    case TN_RAW:
        f->pc++;
        if (emit_value(&r->out, resolve(r, name, nd->len), r->escape && nd->kind == TN_VAR) < 0)
            goto oom;
        return 0;
    case TN_SECTION:
        f->pc = nd->end;
        v = resolve(r, name, nd->len);
        if (!truthy(v))
            return 0;
        nf.kind = FR_SECTION;
        nf.pushed = 1;
        if (json_is_array(v)) {
            nf.list = v;
            nf.body = nf.pc;
            v = json_array_get(v, 0);
        }
        if (push_frame(r, &nf) < 0 || push_ctx(r, v) < 0)
            goto oom;
        return 0;
    case TN_INVERTED:
        f->pc = nd->end;
        if (truthy(resolve(r, name, nd->len)))
            return 0;
        nf.kind = FR_INVERTED;
        if (push_frame(r, &nf) < 0)
            goto oom;
        return 0;
    case TN_PARTIAL: {
        f->pc++;
        const tmpl *pt;
        if (get_partial(r, t, nd, &pt) < 0)
            return -1;
        if (!pt)
            return 0;
        if (r->depth >= TMPL_MAX_PARTIAL_DEPTH) {
            rerr(r, "%s:%d:%d: partial '%s' nested deeper than %d (recursive partial?)", t->name,
                 nd->line, nd->col, name, TMPL_MAX_PARTIAL_DEPTH);
            return -1;
        }
        nf = (struct frame){.t = pt, .pc = 0, .end = pt->nnodes, .kind = FR_TEMPLATE};
        if (push_frame(r, &nf) < 0)
            goto oom;
        r->depth++;
        return 0;
    }
    default:
        f->pc++;
        return 0;
    }
oom:
    rerr(r, "%s: out of memory", t->name);
    return -1;
}

static char *
render_impl(const tmpl *t, const json_t *data, tmpl_partial_fn partials, void *ud, int escape,
            char *err, size_t errlen)
{
    if (!t) {
        if (err && errlen)
            snprintf(err, errlen, "tmpl_render: no template");
        return NULL;
    }
    struct render r = {.pfn = partials, .ud = ud, .escape = escape, .err = err, .errlen = errlen};
    struct frame root = {.t = t, .pc = 0, .end = t->nnodes, .kind = FR_TEMPLATE};
    int rc = 0;
    if (push_frame(&r, &root) < 0 || (data && push_ctx(&r, data) < 0) ||
        !(r.out.p = buf_grow(NULL, &r.out.cap, 1, 1))) {
        rerr(&r, "%s: out of memory", t->name);
        rc = -1;
    }
    for (unsigned long steps = 0; rc == 0 && r.nfr > 0; steps++) {
        if (steps == TMPL_MAX_STEPS) {
            rerr(&r, "%s: render stopped after %lu steps (sections nested over long lists?)",
                 t->name, TMPL_MAX_STEPS);
            rc = -1;
            break;
        }
        rc = step(&r);
    }
    while (r.cache) {
        struct pcache *c = r.cache;
        r.cache = c->next;
        tmpl_free(c->t);
        free(c->name);
        free(c->indent);
        free(c);
    }
    free(r.ctx);
    free(r.fr);
    if (rc < 0) {
        free(r.out.p);
        return NULL;
    }
    r.out.p[r.out.len] = '\0';
    return r.out.p;
}

char *
tmpl_render(const tmpl *t, const json_t *data, tmpl_partial_fn partials, void *ud, char *err,
            size_t errlen)
{
    return render_impl(t, data, partials, ud, 1, err, errlen);
}

char *
tmpl_render_text(const tmpl *t, const json_t *data, tmpl_partial_fn partials, void *ud,
                 char *err, size_t errlen)
{
    return render_impl(t, data, partials, ud, 0, err, errlen);
}
