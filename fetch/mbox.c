/* mbox.c — reading an mbox file (mboxrd or mboxo) message by message, streaming. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "log.h"
#include "sources.h"

struct msgbuf {
    char *data;
    size_t len, cap;
    size_t total;   /* bytes of the message, also those not kept */
    int oversize;   /* stopped keeping bytes: over max_size */
    time_t date;    /* from the From_ line */
    long number;    /* 1-based position in the file */
};

/* "From sender@example.org Wed Nov 25 08:00:00 2026": the date after the address. */
static time_t
from_line_date(const char *line)
{
    const char *p = strchr(line + 5, ' ');
    struct tm tm = {0};

    if (!p || !strptime(p + 1, "%a %b %d %H:%M:%S %Y", &tm))
        return 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static int
append(struct msgbuf *m, const char *s, size_t n, size_t max)
{
    m->total += n;
    if (m->oversize)
        return 0;
    if (m->len + n > max) {
        m->oversize = 1;
        return 0;
    }
    if (m->len + n + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->len + n + 1)
            cap *= 2;
        char *d = realloc(m->data, cap);
        if (!d)
            return -1;
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, s, n);
    m->len += n;
    return 0;
}

static int
flush_message(struct store *s, const char *path, struct msgbuf *m, char *err, size_t errlen)
{
    char where[4200];
    int rc;

    if (m->number == 0)
        return 0;
    /* The blank line before the next From_ line belongs to the mbox, not the message. */
    if (m->len > 0 && m->data[m->len - 1] == '\n') {
        if (m->len > 1 && m->data[m->len - 2] == '\n')
            m->len--;
        else if (m->len > 2 && m->data[m->len - 2] == '\r' && m->data[m->len - 3] == '\n')
            m->len -= 2;
    }
    if (m->oversize) {
        snprintf(where, sizeof where, "%s, message %ld", path, m->number);
        /* the headers were kept while the message was within the limit */
        size_t hlen = 0;
        const char *end = m->data ? memmem(m->data, m->len, "\n\n", 2) : NULL;
        if (end)
            hlen = (size_t)(end - m->data) + 2;
        rc = store_add_oversize(s, where, hlen ? m->data : NULL, hlen, m->total, m->date, 0, 0,
                                err, errlen);
    } else {
        rc = store_add(s, m->data ? m->data : "", m->len, m->date, 0, 0, err, errlen);
    }
    m->len = m->total = 0;
    m->oversize = 0;
    return rc < 0 ? -1 : 0;
}

int
fetch_mbox(struct store *s, const char *path, char *err, size_t errlen)
{
    struct msgbuf m = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0, prev_blank = 1;
    FILE *f = fopen(path, "r");

    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        if (prev_blank && strncmp(line, "From ", 5) == 0) {
            if (flush_message(s, path, &m, err, errlen) < 0) {
                rc = EX_CANTCREAT;
                goto done;
            }
            m.number++;
            m.date = from_line_date(line);
            prev_blank = 0;
            log_progress("fetch", m.number, 0);
            continue;
        }
        prev_blank = (n == 1 && line[0] == '\n') || (n == 2 && line[0] == '\r');
        if (m.number == 0) {
            if (!prev_blank) {
                snprintf(err, errlen, "%s: not an mbox file (it does not start with \"From \")",
                         path);
                rc = EX_DATAERR;
                goto done;
            }
            continue;
        }
        /* mboxrd: ">From " (and ">>From ", ...) lost one '>' when written. */
        const char *p = line;
        size_t gt = 0;
        while ((size_t)n > gt && p[gt] == '>')
            gt++;
        if (gt > 0 && (size_t)n - gt >= 5 && strncmp(p + gt, "From ", 5) == 0) {
            p++;
            n--;
        }
        if (append(&m, p, (size_t)n, s->max_size) < 0) {
            snprintf(err, errlen, "%s: out of memory", path);
            rc = EX_OSERR;
            goto done;
        }
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        rc = EX_IOERR;
        goto done;
    }
    if (flush_message(s, path, &m, err, errlen) < 0 || store_flush(s, err, errlen) < 0)
        rc = EX_CANTCREAT;
done:
    log_progress_end();
    free(line);
    free(m.data);
    fclose(f);
    return rc;
}
