/* log.h — one line per event on stderr (or syslog), never secrets, quiet by default. */
#ifndef DOORSTEP_LOG_H
#define DOORSTEP_LOG_H

enum log_level { LOGL_ERROR = 0, LOGL_WARN = 1, LOGL_INFO = 2, LOGL_DEBUG = 3 };

/* Sets the program name used as prefix and the verbosity: -1 (errors only, -q),
 * 0 (warnings and errors, the default), 1 (info, -v), 2 and more (debug, -vv). */
void log_init(const char *prog, int verbosity);

/* Sends messages to syslog(3) (facility mail) instead of stderr, from now on. */
void log_to_syslog(void);

/* True when messages of LEVEL are printed: lets callers skip costly formatting. */
int log_enabled(enum log_level level);

/* True when stderr is a terminal and not quiet: progress lines may be drawn. */
int log_progress_wanted(void);

/* Prints "PROG: LEVEL: message" on stderr when LEVEL is enabled. Never pass secrets. */
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOGL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOGL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOGL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOGL_DEBUG, __VA_ARGS__)

/* Draws "\rLABEL: DONE/TOTAL" on a terminal (no-op otherwise); log_progress_end()
 * finishes the line. */
void log_progress(const char *label, long done, long total);
void log_progress_end(void);

#endif
