/* log.c — stderr logging with levels, and terminal progress lines. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <unistd.h>

static const char *log_prog = "doorstep";
static int log_verbosity = 0;
static int log_progress_open = 0;
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
    return log_verbosity >= 0 && !log_syslog && isatty(STDERR_FILENO);
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
    if (!log_progress_wanted())
        return;
    if (total > 0)
        fprintf(stderr, "\r%s: %ld/%ld", label, done, total);
    else
        fprintf(stderr, "\r%s: %ld", label, done);
    log_progress_open = 1;
}

void
log_progress_end(void)
{
    if (log_progress_open) {
        fputc('\n', stderr);
        log_progress_open = 0;
    }
}
