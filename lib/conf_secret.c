/* conf_secret.c — the secrets a configuration names: from the environment, from a
 * command run without a shell, or from a file only its owner may read. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"

/* Splits CMD into words at spaces; "double quotes" group words (no escapes, no shell).
 * Returns a NULL-terminated array in the malloc'd COPY, or NULL when unbalanced. */
static char **
split_command(char *copy, size_t *n)
{
    size_t cap = strlen(copy) / 2 + 2;
    char **argv = calloc(cap, sizeof *argv), *p = copy;

    *n = 0;
    if (!argv)
        return NULL;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        char *w = p, *o = p;
        int quoted = 0;
        for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++) {
            if (*p == '"')
                quoted = !quoted;
            else
                *o++ = *p;
        }
        if (quoted) {
            free(argv);
            return NULL;
        }
        if (*p)
            p++;
        *o = '\0';
        argv[(*n)++] = w;
    }
    return argv;
}

/* Runs [SECTION] password_command without a shell (as mbsync's PassCmd) and returns
 * the first line it prints, or NULL with ERR set. */
static char *
run_password_command(const conf *c, const char *section, const char *cmd, char *err,
                     size_t errlen)
{
    char *copy = strdup(cmd), **argv = NULL, *line = NULL;
    size_t n, cap = 0;
    int fds[2], status;
    pid_t pid;

    if (!copy || !(argv = split_command(copy, &n)) || n == 0) {
        snprintf(err, errlen, "%s: [%s] password_command: cannot be read as a command", conf_file(c),
                 section);
        free(argv);
        free(copy);
        return NULL;
    }
    /* a program named by a relative path is found from the config file's folder, as
     * every other path of the config is */
    char *program = NULL;
    if (strchr(argv[0], '/') && argv[0][0] != '/') {
        if (asprintf(&program, "%s/%s", conf_dir(c), argv[0]) < 0) {
            snprintf(err, errlen, "out of memory");
            free(argv);
            free(copy);
            return NULL;
        }
        argv[0] = program;
    }
    if (pipe(fds) < 0 || (pid = fork()) < 0) {
        snprintf(err, errlen, "%s: [%s] password_command: %s", conf_file(c), section, strerror(errno));
        free(program);
        free(argv);
        free(copy);
        return NULL;
    }
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    ssize_t got = f ? getline(&line, &cap, f) : -1;
    if (f) {
        /* read the rest so that the command never blocks on a full pipe */
        char sink[512];
        while (fread(sink, 1, sizeof sink, f) > 0)
            ;
        fclose(f);
    } else {
        close(fds[0]);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got <= 0) {
        snprintf(err, errlen, "%s: [%s] password_command: %s %s", conf_file(c), section, argv[0],
                 !WIFEXITED(status)          ? "was killed"
                 : WEXITSTATUS(status) == 127 ? "could not be run"
                 : WEXITSTATUS(status) != 0   ? "failed"
                                              : "printed nothing");
        if (line)
            explicit_bzero(line, cap);
        free(line);
        line = NULL;
    } else {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
    }
    free(program);
    free(argv);
    free(copy);
    return line;
}

void
conf_password_source(const conf *c, const char *section, char *out, size_t outlen)
{
    char env[64];
    const char *v;

    snprintf(env, sizeof env, "DOORSTEP_%s_PASSWORD", section);
    for (char *p = env; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    if ((v = getenv(env)) && *v)
        snprintf(out, outlen, "the environment's %s", env);
    else if (*conf_str(c, section, "password_command"))
        snprintf(out, outlen, "[%s] password_command", section);
    else
        snprintf(out, outlen, "%s", conf_str(c, section, "password_file"));
}

char *
conf_password(const conf *c, const char *section, char *err, size_t errlen)
{
    char env[64], *line = NULL;
    const char *v, *file;
    struct stat st;
    size_t cap = 0;
    ssize_t n;
    FILE *f;

    snprintf(env, sizeof env, "DOORSTEP_%s_PASSWORD", section);
    for (char *p = env; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    if ((v = getenv(env)) && *v)
        return strdup(v);
    if (*conf_str(c, section, "password_command"))
        return run_password_command(c, section, conf_str(c, section, "password_command"), err,
                                    errlen);
    file = conf_str(c, section, "password_file");
    if (!*file) {
        snprintf(err, errlen,
                 "%s: [%s] password_file: not set, nor password_command, and %s is not in the "
                 "environment",
                 conf_file(c), section, env);
        return NULL;
    }
    if (!(f = fopen(file, "r"))) {
        snprintf(err, errlen, "%s: [%s] password_file: %s: %s", conf_file(c), section, file,
                 strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
        snprintf(err, errlen,
                 "%s: [%s] password_file: %s may be read by others (mode %04o); refusing it, "
                 "run: chmod 600 %s",
                 conf_file(c), section, file, (unsigned)(st.st_mode & 07777), file);
        fclose(f);
        return NULL;
    }
    n = getline(&line, &cap, f);
    fclose(f);
    if (n <= 0) {
        snprintf(err, errlen, "%s: [%s] password_file: %s is empty", conf_file(c), section, file);
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    return line;
}

