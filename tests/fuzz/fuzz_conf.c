/* fuzz_conf.c — the config loader (iniparser plus our checks) on any file. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    char err[4096];
    FILE *f;
    conf *c;

    if (!path[0])
        snprintf(path, sizeof path, "/tmp/doorstep-fuzz-conf.%ld.ini", (long)getpid());
    if (!(f = fopen(path, "wb")))
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    if ((c = conf_load(path, err, sizeof err))) {
        size_t n;
        conf_areas(c, &n);
        conf_tasks(c, &n);
        conf_str(c, "group", "name");
        conf_str(c, "fetch", "source");
        conf_mailbox_name(c, "smtp", "from");
        conf_free(c);
    }
    unlink(path);
    return 0;
}
