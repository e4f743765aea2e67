/* cmd_daily.c — `doorstep daily`: fetch, process and render in order, under one lock, each
 * stage a separate program so that one crashing cannot take the others down. */
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

/* Runs the program STAGE from our own folder with the same config and verbosity. */
static int
run_stage(const struct cli *cli, const char *stage, const char *arg)
{
    char exe[PATH_MAX], path[PATH_MAX + 32], verbosity[8] = "-q";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *argv[8];
    int argc = 0, status, err;
    pid_t pid;

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
    if (arg)
        argv[argc++] = (char *)arg;
    argv[argc] = NULL;
    log_info("running %s", stage);
    /* posix_spawn rather than fork and exec: no copy of this process's page tables,
     * and none of its pages to copy on write afterwards (on a virtual machine a page
     * fault costs about 15 us, and doorstep maps thirty libraries) */
    if ((err = posix_spawn(&pid, path, NULL, NULL, argv, environ)) != 0) {
        log_error("cannot run %s: %s", path, strerror(err));
        return err == ENOENT || err == EACCES ? EX_UNAVAILABLE : EX_OSERR;
    }
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
    static const char *const stages[][2] = {
        {"doorstep-fetch", NULL},
        {"doorstep-process", NULL},
        {"doorstep-render", "all"},
    };
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
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        int r = run_stage(cli, stages[i][0], stages[i][1]);
        if (r != 0)
            log_error("%s failed (exit %d)", stages[i][0], r);
        rc = cli_worse(rc, r);
        if (r == EX_CONFIG)
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
             "lock), then purge.",
    .run = cmd_daily,
};
