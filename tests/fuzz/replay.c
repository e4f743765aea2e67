/* replay.c — runs a fuzz harness over files and folders of inputs (the seeds and the
 * crashes found so far), so that make check keeps every fixed crash fixed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"
#include "fuzz.h"

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
        if (replay(argv[i], &count) < 0)
            return 1;
    printf("%s: %ld inputs replayed\n", argv[0], count);
    return 0;
}
