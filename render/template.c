/* template.c — finding the templates folder and rendering its files. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "render.h"
#include "tmpl.h"

#ifndef DOORSTEP_DATADIR
#define DOORSTEP_DATADIR "/usr/local/share/doorstep"
#endif

#define TEMPLATE_MAX (1024 * 1024)
#define PARTIALS_MAX 32

static int
is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
render_templates_dir(const conf *c, char *err, size_t errlen)
{
    const char *set = conf_str(c, "output", "templates");
    char exe[PATH_MAX], path[PATH_MAX + 32];
    ssize_t n;

    if (*set) {
        if (!is_dir(set)) {
            snprintf(err, errlen, "%s: [output] templates: %s is not a folder", conf_file(c), set);
            return NULL;
        }
        return strdup(set);
    }
    if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(path, sizeof path, "%s/../templates", exe);
            if (is_dir(path))
                return realpath(path, NULL);
            snprintf(path, sizeof path, "%s/../share/doorstep/templates", exe);
            if (is_dir(path))
                return realpath(path, NULL);
        }
    }
    if (is_dir(DOORSTEP_DATADIR "/templates"))
        return strdup(DOORSTEP_DATADIR "/templates");
    snprintf(err, errlen, "no templates folder found; set [output] templates in %s",
             conf_file(c));
    return NULL;
}

struct partials {
    const char *dir;
    char *texts[PARTIALS_MAX];
    size_t n;
};

static const char *
load_partial(const char *name, void *ud)
{
    struct partials *p = ud;
    char path[PATH_MAX], err[256];
    size_t len;

    /* Partial names become file names: keep them to a safe alphabet. */
    for (const char *s = name; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return NULL;
    if (*name == '\0' || *name == '.' || p->n == PARTIALS_MAX)
        return NULL;
    snprintf(path, sizeof path, "%s/_%s.txt", p->dir, name);
    if (file_read(path, TEMPLATE_MAX, &p->texts[p->n], &len, err, sizeof err) < 0)
        return NULL;
    return p->texts[p->n++];
}

char *
render_template(const struct render_ctx *rc, const char *name, const json_t *data, char *err,
                size_t errlen)
{
    struct partials parts = {.dir = rc->templates};
    char path[PATH_MAX];
    char *out;
    tmpl *t;

    snprintf(path, sizeof path, "%s/%s", rc->templates, name);
    if (!(t = tmpl_load(path, err, errlen)))
        return NULL;
    /* .html templates escape for HTML; every other one is plain text */
    size_t n = strlen(name);
    if (n > 5 && strcmp(name + n - 5, ".html") == 0)
        out = tmpl_render(t, data, load_partial, &parts, err, errlen);
    else
        out = tmpl_render_text(t, data, load_partial, &parts, err, errlen);
    for (size_t i = 0; i < parts.n; i++)
        free(parts.texts[i]);
    tmpl_free(t);
    return out;
}

char *
render_display_name(const char *name, const char *email)
{
    char *out;

    if (name && *name) {
        const char *first_end = name, *last = NULL;
        while (*first_end && !isspace((unsigned char)*first_end))
            first_end++;
        for (const char *s = first_end; *s; s++)
            if (!isspace((unsigned char)*s) && isspace((unsigned char)s[-1]))
                last = s;
        if (last) {
            int ilen = 1; /* the initial is one UTF-8 character, not one byte */
            while (((unsigned char)last[ilen] & 0xC0) == 0x80)
                ilen++;
            if (asprintf(&out, "%.*s %.*s.", (int)(first_end - name), name, ilen, last) >= 0)
                return out;
        }
        return strndup(name, (size_t)(first_end - name));
    }
    if (email && *email)
        return strndup(email, strcspn(email, "@"));
    return strdup("?");
}
