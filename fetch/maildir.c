/* maildir.c — reading every message of a maildir (new/ and cur/) in name order. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "file.h"
#include "log.h"
#include "sources.h"

struct names {
    char **v;
    size_t n, cap;
};

static int
cmp_names(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int c = strcmp(x + 4, y + 4); /* after "new/" or "cur/" */
    return c ? c : strcmp(x, y);
}

/* Collects "sub/name" for each message file of PATH/SUB. A missing sub-folder is
 * fine (git keeps no empty folders; some tools omit new/). */
static int
list_sub(const char *path, const char *sub, struct names *names, char *err, size_t errlen)
{
    char dir[PATH_MAX];
    struct dirent *de;
    DIR *d;

    snprintf(dir, sizeof dir, "%s/%s", path, sub);
    if (!(d = opendir(dir)))
        return errno == ENOENT ? 0 : (snprintf(err, errlen, "%s: %s", dir, strerror(errno)), -1);
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (names->n == names->cap) {
            size_t cap = names->cap ? names->cap * 2 : 256;
            char **v = realloc(names->v, cap * sizeof *v);
            if (!v)
                goto oom;
            names->v = v;
            names->cap = cap;
        }
        if (asprintf(&names->v[names->n], "%s/%s", sub, de->d_name) < 0)
            goto oom;
        names->n++;
    }
    closedir(d);
    return 0;
oom:
    closedir(d);
    snprintf(err, errlen, "%s: out of memory", dir);
    return -1;
}

/* The header block of an oversize file (up to 256 KiB), for the record that keeps its
 * place. Returns its length and sets *OUT (malloc'd), or 0 with *OUT NULL. */
static size_t
read_headers(const char *path, char **out)
{
    const size_t max = 256 * 1024;
    FILE *f = fopen(path, "r");
    char *buf = f ? malloc(max + 1) : NULL;
    size_t n = 0;

    *out = NULL;
    if (buf) {
        n = fread(buf, 1, max, f);
        buf[n] = '\0';
        char *end = strstr(buf, "\n\n");
        char *crlf = strstr(buf, "\r\n\r\n");
        if (crlf && (!end || crlf < end))
            n = (size_t)(crlf - buf) + 4;
        else if (end)
            n = (size_t)(end - buf) + 2;
        *out = buf;
    }
    if (f)
        fclose(f);
    return *out ? n : 0;
}

int
fetch_maildir(struct store *s, const char *path, char *err, size_t errlen)
{
    struct names names = {0};
    struct stat st;
    int rc = 0;

    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "%s: not a maildir folder: %s", path,
                 errno ? strerror(errno) : "not a folder");
        return EX_NOINPUT;
    }
    if (list_sub(path, "new", &names, err, errlen) < 0 ||
        list_sub(path, "cur", &names, err, errlen) < 0) {
        rc = EX_IOERR;
        goto done;
    }
    /* Maildir names start with the delivery time: sorting them by the part after
     * "new/" or "cur/" keeps arrival order, which reference codes follow. */
    if (names.n > 0)
        qsort(names.v, names.n, sizeof *names.v, cmp_names);
    for (size_t i = 0; i < names.n; i++) {
        char file[PATH_MAX], *raw;
        size_t len;
        struct stat fst;

        snprintf(file, sizeof file, "%s/%s", path, names.v[i]);
        log_progress("fetch", (long)i + 1, (long)names.n);
        if (stat(file, &fst) < 0)
            continue; /* moved away by a mail client since listed */
        if (file_read(file, s->max_size, &raw, &len, err, errlen) < 0) {
            if (errno == EFBIG) {
                char *hdr = NULL;
                size_t hlen = read_headers(file, &hdr);
                int r = store_add_oversize(s, file, hdr, hlen, len, fst.st_mtime, 0, 0, err,
                                           errlen);
                free(hdr);
                if (r < 0) {
                    rc = EX_CANTCREAT;
                    break;
                }
                continue;
            }
            /* One unreadable file must not stop the others: say so, go on, and
             * exit non-zero at the end so that cron reports it. */
            log_error("%s", err);
            rc = EX_IOERR;
            continue;
        }
        int added = store_add(s, raw, len, fst.st_mtime, 0, 0, err, errlen);
        free(raw);
        if (added < 0) {
            rc = EX_CANTCREAT;
            break;
        }
    }
    log_progress_end();
    if (rc != EX_CANTCREAT && store_flush(s, err, errlen) < 0)
        rc = EX_CANTCREAT;
    else if (rc == EX_IOERR)
        snprintf(err, errlen, "%s: some messages could not be read (see above)", path);
done:
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    free(names.v);
    return rc;
}
