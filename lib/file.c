/* file.c — atomic writes, capped reads, mkdir -p and flock-based locks. */
#include "file.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int
write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void
sync_dir_of(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int fd;

    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
    if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* The temporary files of earlier writes ("NAME.tmp.PID", PID not this process's) found
 * in one folder, which is listed once per process: listing it for every write made
 * writing N files into a folder of M files cost N * M (the sent copies of a day's
 * replies in a folder holding every earlier day's). A writer killed while this process
 * runs leaves its temporary file to the next process's listing. */
struct stale_dir {
    dev_t dev;
    ino_t ino;
    char **names; /* the temporaries found, NULL once removed */
    size_t n;
    struct stale_dir *next;
};

static struct stale_dir *stale_dirs;

/* Whether NAME is "SOMETHING.tmp.PID" with PID another process's; *BASE_LEN is set to
 * the length of SOMETHING. */
static int
stale_name(const char *name, size_t *base_len)
{
    const char *t = NULL, *end;

    for (const char *p = strstr(name, ".tmp."); p; p = strstr(p + 1, ".tmp."))
        t = p;
    if (!t || t == name || !t[5])
        return 0;
    long pid = strtol(t + 5, (char **)&end, 10);
    if (*end || pid <= 0 || pid == (long)getpid())
        return 0;
    *base_len = (size_t)(t - name);
    return 1;
}

/* The temporaries of the folder DIR, listed on the first call for it; NULL when it
 * cannot be read (or out of memory: nothing is removed then, as before a listing). */
static struct stale_dir *
stale_in(const char *dir)
{
    struct stat st;
    struct stale_dir *sd;
    struct dirent *de;
    DIR *d;

    if (stat(dir, &st) < 0)
        return NULL;
    for (sd = stale_dirs; sd; sd = sd->next)
        if (sd->dev == st.st_dev && sd->ino == st.st_ino)
            return sd;
    if (!(d = opendir(dir)))
        return NULL;
    if (!(sd = calloc(1, sizeof *sd))) {
        closedir(d);
        return NULL;
    }
    sd->dev = st.st_dev;
    sd->ino = st.st_ino;
    while ((de = readdir(d))) {
        size_t base;
        char **t;
        if (!stale_name(de->d_name, &base))
            continue;
        if (!(t = realloc(sd->names, (sd->n + 1) * sizeof *t)))
            break;
        sd->names = t;
        if (!(sd->names[sd->n] = strdup(de->d_name)))
            break;
        sd->n++;
    }
    closedir(d);
    sd->next = stale_dirs;
    stale_dirs = sd;
    return sd;
}

/* Removes the temporary files of earlier writes to PATH whose process is gone (killed
 * while writing): "PATH.tmp.PID". */
static void
remove_stale_temporaries(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
    size_t name_len = strlen(name);
    struct stale_dir *sd;

    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    if (!(sd = stale_in(dir)))
        return;
    for (size_t i = 0; i < sd->n; i++) {
        char *tmp = sd->names[i];
        size_t base;
        if (!tmp || !stale_name(tmp, &base) || base != name_len || memcmp(tmp, name, name_len) != 0)
            continue;
        long pid = strtol(tmp + base + 5, NULL, 10);
        if (kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
            char stale[PATH_MAX * 2];
            snprintf(stale, sizeof stale, "%s/%s", dir, tmp);
            unlink(stale);
            free(tmp);
            sd->names[i] = NULL;
        }
    }
}

/* Opens PATH's temporary file "PATH.tmp.PID" with MODE (given at creation and again
 * with fchmod, which the umask does not narrow, so that no one else can open the
 * temporary file of a private one even for a moment) and writes DATA into it. Returns
 * its descriptor, or -1 with ERR set (nothing left behind); TMP receives its name. */
static int
write_temporary(const char *path, const void *data, size_t len, mode_t mode, char tmp[PATH_MAX],
                char *err, size_t errlen)
{
    int fd, saved;

    remove_stale_temporaries(path);
    if (snprintf(tmp, PATH_MAX, "%s.tmp.%ld", path, (long)getpid()) >= PATH_MAX) {
        snprintf(err, errlen, "%s: path too long", path);
        return -1;
    }
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)) < 0) {
        snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
        return -1;
    }
    if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0) {
        saved = errno;
        close(fd);
        unlink(tmp);
        snprintf(err, errlen, "%s: %s", path, strerror(saved));
        return -1;
    }
    return fd;
}

/* Gives the temporary file TMP (open as FD, its data on disk) the name PATH; FD is
 * closed. Returns 0, or -1 with ERR set and TMP removed. */
static int
rename_temporary(int fd, const char *tmp, const char *path, char *err, size_t errlen)
{
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        int saved = errno;
        unlink(tmp);
        snprintf(err, errlen, "%s: %s", path, strerror(saved));
        errno = saved;
        return -1;
    }
    return 0;
}

/* The atomic write with the new file's MODE. */
static int
write_atomic_mode(const char *path, const void *data, size_t len, mode_t mode, char *err,
                  size_t errlen)
{
    char tmp[PATH_MAX];
    int fd;

    if ((fd = write_temporary(path, data, len, mode, tmp, err, errlen)) < 0)
        return -1;
    /* order is important: data reaches the disk before the name points to it */
    if (fsync(fd) < 0) {
        int saved = errno;
        close(fd);
        unlink(tmp);
        snprintf(err, errlen, "%s: %s", path, strerror(saved));
        return -1;
    }
    if (rename_temporary(fd, tmp, path, err, errlen) < 0)
        return -1;
    sync_dir_of(path);
    return 0;
}

int
file_batch_add(struct file_batch *b, const char *path, const void *data, size_t len,
               int private_file, char *err, size_t errlen)
{
    struct file_batch_entry *e;
    char tmp[PATH_MAX];
    int fd;

    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->e[i].path, path) == 0) {
            snprintf(err, errlen, "%s: written twice in one batch", path);
            return -1;
        }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        if (!(e = realloc(b->e, cap * sizeof *e))) {
            snprintf(err, errlen, "%s: out of memory", path);
            return -1;
        }
        b->e = e;
        b->cap = cap;
    }
    e = &b->e[b->n];
    if (!(e->path = strdup(path))) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    fd = write_temporary(path, data, len, private_file ? FILE_MODE_PRIVATE : FILE_MODE_PUBLIC, tmp,
                         err, errlen);
    if (fd < 0) {
        free(e->path);
        return -1;
    }
    e->fd = fd;
    e->error = 0;
    e->done = 0;
    b->n++;
    return 0;
}

/* The files of a batch are synced by this many threads at once: the file system joins
 * fsyncs that wait at the same time into one journal commit and one flush of the
 * disk's cache, where fsyncs one after another cost a flush each (110 files: 0.03 to
 * 0.09 s instead of 0.3 to 0.7 s on the project's machine). */
#define BATCH_SYNC_THREADS 8

struct sync_share {
    struct file_batch *b;
    size_t first, step;
};

static void *
sync_some(void *arg)
{
    struct sync_share *sh = arg;

    for (size_t i = sh->first; i < sh->b->n; i += sh->step)
        if (sh->b->e[i].fd >= 0 && fsync(sh->b->e[i].fd) < 0)
            sh->b->e[i].error = errno ? errno : EIO;
    return NULL;
}

int
file_batch_commit(struct file_batch *b, char *err, size_t errlen)
{
    size_t nthreads = b->n < BATCH_SYNC_THREADS ? b->n : BATCH_SYNC_THREADS;
    pthread_t th[BATCH_SYNC_THREADS];
    struct sync_share sh[BATCH_SYNC_THREADS];
    size_t started = 0;
    int failed = 0;
    const char *synced_dir = NULL;
    size_t synced_len = 0;

    /* every file's data on disk before any name points to it */
    for (size_t t = 0; t < nthreads; t++)
        sh[t] = (struct sync_share){b, t, nthreads};
    for (size_t t = 1; t < nthreads; t++, started++)
        if (pthread_create(&th[t - 1], NULL, sync_some, &sh[t]) != 0)
            break;
    if (nthreads > 0)
        sync_some(&sh[0]);
    for (size_t t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t t = started + 1; t < nthreads; t++) /* threads that could not start */
        sync_some(&sh[t]);
    for (size_t i = 0; i < b->n; i++) {
        struct file_batch_entry *e = &b->e[i];
        char tmp[PATH_MAX], one[PATH_MAX + 64];
        if (e->fd < 0 || e->done)
            continue;
        snprintf(tmp, sizeof tmp, "%s.tmp.%ld", e->path, (long)getpid());
        if (e->error) {
            close(e->fd);
            unlink(tmp);
            snprintf(one, sizeof one, "%s: %s", e->path, strerror(e->error));
        } else if (rename_temporary(e->fd, tmp, e->path, one, sizeof one) == 0) {
            e->done = 1;
        } else {
            e->error = errno ? errno : EIO;
        }
        e->fd = -1;
        if (!e->done && !failed++)
            snprintf(err, errlen, "%s", one);
    }
    /* then the names: each folder once (a batch is mostly one folder) */
    for (size_t i = 0; i < b->n; i++) {
        const char *slash = strrchr(b->e[i].path, '/');
        size_t dl = slash ? (size_t)(slash - b->e[i].path) : 0;
        if (!b->e[i].done ||
            (synced_dir && dl == synced_len && memcmp(synced_dir, b->e[i].path, dl) == 0))
            continue;
        sync_dir_of(b->e[i].path);
        synced_dir = b->e[i].path;
        synced_len = dl;
    }
    return failed ? -1 : 0;
}

void
file_batch_free(struct file_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->e[i].fd >= 0) { /* added, never committed: the temporary goes */
            char tmp[PATH_MAX];
            close(b->e[i].fd);
            snprintf(tmp, sizeof tmp, "%s.tmp.%ld", b->e[i].path, (long)getpid());
            unlink(tmp);
        }
        free(b->e[i].path);
    }
    free(b->e);
    memset(b, 0, sizeof *b);
}

int
file_write_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    return write_atomic_mode(path, data, len, FILE_MODE_PUBLIC, err, errlen);
}

int
file_write_private(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
    return write_atomic_mode(path, data, len, FILE_MODE_PRIVATE, err, errlen);
}

int
file_mkdir_private(const char *path, char *err, size_t errlen)
{
    struct stat st;

    if (stat(path, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: not a folder", path);
            return -1;
        }
        return 0;
    }
    if (file_mkdirs(path, FILE_MODE_PRIVATE_DIR, err, errlen) < 0)
        return -1;
    /* mkdir's mode is narrowed by the umask, never widened: one more chmod makes it
     * exactly 0700 whatever the umask was */
    if (chmod(path, FILE_MODE_PRIVATE_DIR) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int
file_read(const char *path, size_t max, char **data, size_t *len, char *err, size_t errlen)
{
    struct stat st;
    char *buf = NULL;
    size_t got = 0;
    int fd;

    *data = NULL;
    *len = 0;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        goto fail;
    }
    if ((size_t)st.st_size > max) {
        *len = (size_t)st.st_size;
        snprintf(err, errlen, "%s: %lld bytes, more than the limit of %zu", path,
                 (long long)st.st_size, max);
        errno = EFBIG;
        close(fd);
        return -1;
    }
    if (!(buf = malloc((size_t)st.st_size + 1))) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            goto fail;
        }
        if (n == 0)
            break; /* shrank while reading: keep what is there */
        got += (size_t)n;
    }
    buf[got] = '\0';
    close(fd);
    *data = buf;
    *len = got;
    return 0;
fail:
    free(buf);
    close(fd);
    return -1;
}

int
file_mkdirs(const char *path, unsigned mode, char *err, size_t errlen)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);

    if (n == 0 || n >= sizeof buf) {
        snprintf(err, errlen, "%s: bad folder name", path);
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(buf, mode) < 0 && errno != EEXIST) {
                snprintf(err, errlen, "%s: %s", buf, strerror(errno));
                return -1;
            }
            *p = c;
            if (c == '\0')
                break;
        }
    }
    return 0;
}

int
file_lock(const char *path, int wait, char *err, size_t errlen)
{
    struct timespec pause = {0, 100 * 1000 * 1000};
    time_t deadline = time(NULL) + wait;
    int fd;

    if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        if (time(NULL) >= deadline) {
            char holder[32] = "";
            ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
            holder[n > 0 ? n : 0] = '\0';
            holder[strcspn(holder, "\n")] = '\0';
            snprintf(err, errlen, "%s: still locked after %d s%s%s", path, wait,
                     *holder ? " by process " : "", holder);
            close(fd);
            return -2;
        }
        nanosleep(&pause, NULL);
    }
    /* Record who holds it, for the message another waiter prints. */
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)len, 0) < 0) {
        /* only informative */
    }
    return fd;
}
