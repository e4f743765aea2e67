/* buf.h — a growable byte buffer, always NUL-terminated. */
#ifndef DOORSTEP_BUF_H
#define DOORSTEP_BUF_H

#include <stddef.h>

struct buf {
    char *data; /* NULL until the first append */
    size_t len, cap;
    int oom;    /* set once an allocation failed; later appends do nothing */
};

/* Append bytes, a string, a character or formatted text. On OOM they set B->oom and
 * return -1; callers may check once at the end. */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Makes room for EXTRA more bytes at once (a known size: one allocation, not a series
 * of doublings); 0, or -1 on OOM. */
int buf_reserve(struct buf *b, size_t extra);

/* Returns the contents as a malloc'd string (never NULL unless OOM; "" when empty) and
 * resets B. */
char *buf_take(struct buf *b);

void buf_free(struct buf *b);

/* Returns the array P (elements of SZ bytes, room for *CAP of them) grown by doubling,
 * from 16, to hold at least NEED >= 1 elements, and updates *CAP; P itself when it has
 * room already. NULL on OOM or overflow: P is then unchanged and still the caller's. */
void *buf_grow(void *p, size_t *cap, size_t need, size_t sz);

#endif
