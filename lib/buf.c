/* buf.c — growable byte buffers. */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
reserve(struct buf *b, size_t extra)
{
    size_t cap;
    char *d;

    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    if (!(d = realloc(b->data, cap))) {
        b->oom = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

int
buf_reserve(struct buf *b, size_t extra)
{
    return reserve(b, extra);
}

int
buf_add(struct buf *b, const void *data, size_t len)
{
    if (reserve(b, len) < 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
    return buf_add(b, &c, 1);
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *
buf_take(struct buf *b)
{
    char *d;

    if (b->oom) {
        buf_free(b);
        return NULL;
    }
    d = b->data ? b->data : strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void
buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void *
buf_grow(void *p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / sz)
            return NULL;
        nc *= 2;
    }
    void *np = realloc(p, nc * sz);
    if (np)
        *cap = nc;
    return np;
}
