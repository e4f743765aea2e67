/* conf_find.c — looking things up in a loaded configuration: a rota task by a loose
 * name, the area of a street. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "conf.h"

/* Writes NAME in lower case without spaces, hyphens, underscores or dots into OUT, so
 * that "Check-in calls", "checkin calls" and "check_in_calls" compare equal. */
static void
task_key(const char *name, char *out, size_t outlen)
{
    size_t o = 0;

    for (; *name && o + 1 < outlen; name++)
        if (!strchr(" \t-_.", *name))
            out[o++] = (char)tolower((unsigned char)*name);
    out[o] = '\0';
}

const struct conf_task *
conf_task_find(const conf *c, const char *name, int *ambiguous)
{
    const struct conf_task *prefix = NULL;
    char want[256], have[256];
    size_t len, nprefix = 0;

    size_t ntasks;
    const struct conf_task *tasks = conf_tasks(c, &ntasks);

    if (ambiguous)
        *ambiguous = 0;
    task_key(name, want, sizeof want);
    if ((len = strlen(want)) == 0)
        return NULL;
    for (size_t i = 0; i < ntasks; i++) {
        task_key(tasks[i].name, have, sizeof have);
        if (strcmp(have, want) == 0)
            return &tasks[i];
        if (len >= 3 && strncmp(have, want, len) == 0)
            prefix = &tasks[i], nprefix++;
    }
    if (nprefix > 1 && ambiguous)
        *ambiguous = 1;
    return nprefix == 1 ? prefix : NULL;
}

const struct conf_area *
conf_street_area(const conf *c, const char *street, const char **canonical)
{
    size_t nareas;
    const struct conf_area *areas = conf_areas(c, &nareas);

    for (size_t i = 0; i < nareas; i++)
        for (size_t j = 0; j < areas[i].nstreets; j++)
            if (areas[i].streets[j].name && strcasecmp(areas[i].streets[j].name, street) == 0) {
                if (canonical)
                    *canonical = areas[i].streets[j].name;
                return &areas[i];
            }
    return NULL;
}

