/* replay.c — runs a fuzz harness over files and folders of inputs (the seeds and the
 * crashes found so far), so that make check keeps every fixed crash fixed.
 *   replay_NAME PATH... [--open PATH...]
 * Inputs after --open are crashes found but not fixed yet (tests/fuzz/open/NAME/):
 * each runs in a child process of its own and must still crash; one that no longer
 * does fails the run until it is moved to tests/fuzz/regress/NAME/, where it is kept
 * fixed from then on. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file.h"
#include "fuzz.h"

static int open_crashes;  /* the inputs now are known crashes (after --open) */
static long still_open;   /* how many of them still crash */

/* Runs the known crash DATA in a child: 0 when it still crashes, -1 when it does not. */
static int
replay_open(const char *path, const char *data, size_t len)
{
    int status;
    pid_t pid = fork();

    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2); /* the sanitizer's report is the harness's to show, not ours */
        LLVMFuzzerTestOneInput((const uint8_t *)data, len);
        _exit(0);
    }
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        fprintf(stderr, "%s no longer crashes: move it to tests/fuzz/regress/\n", path);
        return -1;
    }
    printf("open: %s still crashes (a known bug, not fixed yet)\n", path);
    still_open++;
    return 0;
}

static int
replay(const char *path, long *count)
{
    struct stat st;
    char err[512], *data;
    size_t len;

    if (stat(path, &st) < 0)
        return 0; /* a seed folder that does not exist (no ../shared): nothing to do */
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        if (!d)
            return -1;
        while ((de = readdir(d))) {
            char sub[4096];
            if (de->d_name[0] == '.')
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
            if (replay(sub, count) < 0) {
                closedir(d);
                return -1;
            }
        }
        closedir(d);
        return 0;
    }
    if (file_read(path, (size_t)64 << 20, &data, &len, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    if (open_crashes) {
        int rc = replay_open(path, data, len);
        free(data);
        return rc;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)data, len);
    free(data);
    (*count)++;
    return 0;
}

int
main(int argc, char **argv)
{
    long count = 0;

    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--open") == 0)
            open_crashes = 1;
        else if (replay(argv[i], &count) < 0)
            return 1;
    printf("%s: %ld inputs replayed", argv[0], count);
    if (still_open)
        printf(", %ld known crashes still open (tests/fuzz/open/)", still_open);
    printf("\n");
    return 0;
}
