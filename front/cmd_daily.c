/* cmd_daily.c — `doorstep daily`: fetch, process and render in order, under one lock, each
 * stage a separate program so that one crashing cannot take the others down (render as
 * two at once: its digests, and its PDFs). */
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "conf.h"
#include "file.h"
#include "front.h"
#include "log.h"

/* Starts the program STAGE from our own folder with the same config and verbosity and
 * the operands ARGS (ended by NULL). Its process id into *PID, or a sysexits code. */
static int
start_stage(const struct cli *cli, const char *stage, const char *const *args, pid_t *pid)
{
    char exe[PATH_MAX], path[PATH_MAX + 32], verbosity[8] = "-q";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *argv[12];
    int argc = 0, err;

    if (n <= 0) {
        log_error("cannot find my own folder: %s", strerror(errno));
        return EX_OSERR;
    }
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';
    snprintf(path, sizeof path, "%s/%s", exe, stage);
    if (cli->verbosity > 0)
        snprintf(verbosity, sizeof verbosity, "-%.*s", cli->verbosity > 4 ? 4 : cli->verbosity,
                 "vvvv");
    argv[argc++] = path;
    argv[argc++] = "-c";
    argv[argc++] = (char *)cli->config_path;
    if (cli->verbosity != 0)
        argv[argc++] = verbosity;
    if (cli->use_syslog)
        argv[argc++] = "--syslog";
    char what[256];
    size_t wl = (size_t)snprintf(what, sizeof what, "%s", stage);
    for (size_t i = 0; args[i] && argc < 11; i++) {
        argv[argc++] = (char *)args[i];
        if (wl < sizeof what)
            wl += (size_t)snprintf(what + wl, sizeof what - wl, " %s", args[i]);
    }
    argv[argc] = NULL;
    log_info("running %s", what);
    /* posix_spawn rather than fork and exec: no copy of this process's page tables,
     * and none of its pages to copy on write afterwards (on a virtual machine a page
     * fault costs about 15 us, and doorstep maps thirty libraries) */
    if ((err = posix_spawn(pid, path, NULL, NULL, argv, environ)) != 0) {
        log_error("cannot run %s: %s", path, strerror(err));
        return err == ENOENT || err == EACCES ? EX_UNAVAILABLE : EX_OSERR;
    }
    return 0;
}

/* The exit code of STAGE, started as PID. */
static int
wait_stage(const char *stage, pid_t pid)
{
    int status;

    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return EX_OSERR;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    log_error("%s was killed by signal %d", stage, WTERMSIG(status));
    return EX_SOFTWARE;
}

static int
cmd_daily(const struct cli *cli)
{
    /* One step after another, each on what the one before stored; render's outputs
     * in two programs at once: the digests and their mail, and the PDFs, which read
     * nothing the digests write (on two cores a day's render takes the longer of the
     * two rather than their sum). */
    static const struct {
        const char *prog, *args[4];
        int step; /* the stages of a step run at once */
    } stages[] = {
        {"doorstep-fetch", {NULL}, 0},
        {"doorstep-process", {NULL}, 1},
        {"doorstep-render", {"digest", "coordinators", NULL}, 2},
        {"doorstep-render", {"rota", "leaflets", "rounds", NULL}, 2},
    };
    enum { NSTAGES = sizeof stages / sizeof stages[0] };
    char err[1024], lockpath[PATH_MAX];
    conf *c;
    int fd, rc = 0;

    if ((rc = cli_open(cli, &c, NULL)) != 0)
        return rc;
    snprintf(lockpath, sizeof lockpath, "%s.lock", conf_str(c, "database", "path"));
    fd = file_lock(lockpath, (int)conf_int(c, "database", "lock_wait"), err, sizeof err);
    conf_free(c);
    if (fd == -2) {
        log_error("another doorstep daily is running: %s", err);
        return EX_TEMPFAIL;
    }
    if (fd < 0) {
        log_error("%s", err);
        return EX_CANTCREAT;
    }
    /* A stage that fails does not stop the next: the database is consistent after each,
     * and yesterday's posts still deserve today's digest if the mailbox is down. Only a
     * configuration error stops the day, since every stage would fail the same way. */
    for (size_t i = 0, next; i < NSTAGES; i = next) {
        pid_t pid[NSTAGES];
        int r[NSTAGES], config = 0;
        for (next = i; next < NSTAGES && stages[next].step == stages[i].step; next++)
            r[next] = start_stage(cli, stages[next].prog, stages[next].args, &pid[next]);
        for (size_t k = i; k < next; k++) {
            if (r[k] == 0)
                r[k] = wait_stage(stages[k].prog, pid[k]);
            if (r[k] != 0)
                log_error("%s failed (exit %d)", stages[k].prog, r[k]);
            rc = cli_worse(rc, r[k]);
            config |= r[k] == EX_CONFIG;
        }
        if (config)
            break;
    }
    /* then forget what [privacy] says is no longer needed, still under the lock */
    if (rc != EX_CONFIG) {
        int r = purge_run(cli, 1);
        if (r != 0)
            log_error("purge failed (exit %d)", r);
        rc = cli_worse(rc, r);
    }
    close(fd);
    return rc;
}

const struct cli_cmd front_daily = {
    .name = "daily",
    .synopsis = "",
    .about = "Fetch, process and render (each a program of its own, in order, under one "
             "lock; render's digests and its PDFs at once), then purge.",
    .run = cmd_daily,
};
