/* log.c — stderr logging with levels, and terminal progress lines. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static const char *log_prog = "doorstep";
static int log_verbosity = 0;
static int log_progress_open = 0;
static const char *pending_label; /* a count not shown yet, and its figures */
static long pending_done, pending_total;
static int log_syslog = 0;

static const char *const level_names[] = {"error", "warning", "info", "debug"};

void
log_init(const char *prog, int verbosity)
{
    log_prog = prog;
    log_verbosity = verbosity;
}

void
log_to_syslog(void)
{
    openlog(log_prog, LOG_PID, LOG_MAIL);
    log_syslog = 1;
}

int
log_enabled(enum log_level level)
{
    /* -q prints errors only; default adds warnings; each -v adds one level. */
    return (int)level <= log_verbosity + 1;
}

int
log_progress_wanted(void)
{
    static int tty = -1; /* asked once: stages call this for every message */

    if (tty < 0)
        tty = isatty(STDERR_FILENO);
    return log_verbosity >= 0 && !log_syslog && tty;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
    va_list ap;

    if (!log_enabled(level))
        return;
    if (log_syslog) {
        static const int prio[] = {LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG};
        va_start(ap, fmt);
        vsyslog(prio[level], fmt, ap);
        va_end(ap);
        return;
    }
    if (log_progress_open) {
        fputc('\n', stderr);
        log_progress_open = 0;
    }
    fprintf(stderr, "%s: %s: ", log_prog, level_names[level]);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void
log_progress(const char *label, long done, long total)
{
    static struct timespec last;
    struct timespec now;

    if (!log_progress_wanted())
        return;
    /* ten lines a second are enough for a person, and cost nothing per message; the
     * last count is shown by log_progress_end */
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    pending_label = label;
    pending_done = done;
    pending_total = total;
    if (log_progress_open && done != total &&
        (now.tv_sec - last.tv_sec) * 1000000000L + (now.tv_nsec - last.tv_nsec) < 100000000L)
        return;
    last = now;
    pending_label = NULL;
    if (total > 0)
        fprintf(stderr, "\r%s: %ld/%ld", label, done, total);
    else
        fprintf(stderr, "\r%s: %ld", label, done);
    log_progress_open = 1;
}

void
log_progress_end(void)
{
    if (pending_label && log_progress_open) {
        if (pending_total > 0)
            fprintf(stderr, "\r%s: %ld/%ld", pending_label, pending_done, pending_total);
        else
            fprintf(stderr, "\r%s: %ld", pending_label, pending_done);
    }
    pending_label = NULL;
    if (log_progress_open) {
        fputc('\n', stderr);
        log_progress_open = 0;
    }
}
