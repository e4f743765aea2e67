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
#include "log.h"
#include "names.h"
#include "render.h"
#include "text.h"
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

const char *const render_outputs[RENDER_NOUTPUTS + 1] = {"digest", "coordinators", "rota", "leaflets", "rounds",
                                      NULL};

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
    size_t n;                  /* partials given to this render */
    char *texts[PARTIALS_MAX]; /* read for it only (the cache being full) */
    size_t nown;
};

/* The templates and partials read so far, by path, kept for the run: render composes
 * a message from the same few templates for each reply of the day, and read and
 * parsed them again each time. A full cache reads the others every time. */
#define CACHE_MAX 64
static struct {
    char *path;
    tmpl *t;
} parsed[CACHE_MAX];
static size_t nparsed;
static struct {
    char *path, *text;
} partial_texts[CACHE_MAX];
static size_t npartials;

/* The parsed template at PATH, from the cache or read now; *OWN is set when it is not
 * kept (the caller frees it). NULL with ERR set. */
static tmpl *
template_at(const char *path, int *own, char *err, size_t errlen)
{
    tmpl *t;

    *own = 0;
    for (size_t i = 0; i < nparsed; i++)
        if (strcmp(parsed[i].path, path) == 0)
            return parsed[i].t;
    if (!(t = tmpl_load(path, err, errlen)))
        return NULL;
    if (nparsed < CACHE_MAX && (parsed[nparsed].path = strdup(path)))
        parsed[nparsed++].t = t;
    else
        *own = 1;
    return t;
}

static const char *
load_partial(const char *name, void *ud)
{
    struct partials *p = ud;
    char path[PATH_MAX], err[256], *text;
    size_t len;

    /* Partial names become file names: keep them to a safe alphabet. */
    for (const char *s = name; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return NULL;
    if (*name == '\0' || *name == '.' || p->n == PARTIALS_MAX)
        return NULL;
    snprintf(path, sizeof path, "%s/_%s.txt", p->dir, name);
    for (size_t i = 0; i < npartials; i++)
        if (strcmp(partial_texts[i].path, path) == 0) {
            p->n++;
            return partial_texts[i].text;
        }
    if (file_read(path, TEMPLATE_MAX, &text, &len, err, sizeof err) < 0)
        return NULL;
    p->n++;
    if (npartials < CACHE_MAX && (partial_texts[npartials].path = strdup(path))) {
        partial_texts[npartials].text = text;
        return partial_texts[npartials++].text;
    }
    p->texts[p->nown++] = text;
    return text;
}

/* --check-templates: a name is reported when it was missing in every render of its
 * template (some templates are rendered twice, once with partial data). */
struct check {
    const char *file;
    const json_t *data;
};

struct missing {
    char *file, *name;
    int line, times; /* in how many renders of FILE it was missing */
    long last;       /* the render that last counted it */
};

static long render_serial;

static struct missing *missing;
static size_t nmissing;
static struct {
    char *file;
    int renders;
} *rendered;
static size_t nrendered;

/* Mustache's lookup of NAME (dotted) in the context stack STACK[0..N), innermost last.
 * Returns the value, or NULL when no context provides it. */
static const json_t *
lookup(const json_t *const *stack, size_t n, const char *name)
{
    size_t len = strcspn(name, ".");
    const json_t *v = NULL;

    for (size_t i = n; i-- > 0 && !v;) {
        if (!json_is_object(stack[i]))
            continue;
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)len, name);
        v = json_object_get(stack[i], key);
    }
    for (const char *p = name + len; v && *p == '.';) {
        p++;
        len = strcspn(p, ".");
        char key[256];
        snprintf(key, sizeof key, "%.*s", (int)len, p);
        v = json_is_object(v) ? json_object_get(v, key) : NULL;
        p += len;
    }
    return v;
}

/* Whether NAME, inside SECTIONS, is provided by the data on the stack: 1 yes, 0 no, -1
 * cannot tell (a section it sits in is empty or false in today's data). */
static int
provided(const json_t **stack, size_t n, const char *const *sections, size_t nsec,
         const char *name, int depth)
{
    const json_t *v;
    int unknown = 0;

    if (nsec == 0)
        return lookup(stack, n, name) != NULL;
    if (depth > 64 || !(v = lookup(stack, n, sections[0])))
        return -1; /* the section's own tag is reported if it is never provided */
    if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        if (json_array_size(v) == 0)
            return -1;
        json_array_foreach((json_t *)v, i, e)
        {
            stack[n] = e;
            int r = provided(stack, n + 1, sections + 1, nsec - 1, name, depth + 1);
            if (r == 1)
                return 1;
            unknown |= r < 0;
            if (i >= 20)
                break;
        }
        return unknown ? -1 : 0;
    }
    if (json_is_false(v) || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
        return -1;
    stack[n] = v;
    return provided(stack, n + 1, sections + 1, nsec - 1, name, depth + 1);
}

static void
check_name(tmpl_tag_kind kind, const char *name, const char *const *sections, size_t nsections,
           int line, void *ud)
{
    const struct check *ck = ud;
    const json_t **stack;
    int r;

    if (kind == TMPL_PARTIAL || strcmp(name, ".") == 0)
        return;
    if (!(stack = calloc(nsections + 2, sizeof *stack)))
        return;
    stack[0] = ck->data;
    r = provided(stack, 1, sections, nsections, name, 0);
    free(stack);
    if (r != 0)
        return;
    for (size_t i = 0; i < nmissing; i++)
        if (strcmp(missing[i].file, ck->file) == 0 && strcmp(missing[i].name, name) == 0) {
            if (missing[i].last != render_serial)
                missing[i].times++;
            missing[i].last = render_serial;
            return;
        }
    struct missing *m = realloc(missing, (nmissing + 1) * sizeof *m);
    if (!m)
        return;
    missing = m;
    m[nmissing] = (struct missing){strdup(ck->file), strdup(name), line, 1, render_serial};
    if (m[nmissing].file && m[nmissing].name)
        nmissing++;
}

/* Counts one render of FILE, so that names missing every time can be told apart. */
static void
count_render(const char *file)
{
    render_serial++;
    for (size_t i = 0; i < nrendered; i++)
        if (strcmp(rendered[i].file, file) == 0) {
            rendered[i].renders++;
            return;
        }
    void *r = realloc(rendered, (nrendered + 1) * sizeof *rendered);
    if (!r)
        return;
    rendered = r;
    if ((rendered[nrendered].file = strdup(file)))
        rendered[nrendered++].renders = 1;
}

int
render_check_problems(void)
{
    int problems = 0;

    for (size_t i = 0; i < nmissing; i++) {
        int renders = 0;
        for (size_t j = 0; j < nrendered; j++)
            if (strcmp(rendered[j].file, missing[i].file) == 0)
                renders = rendered[j].renders;
        if (missing[i].times >= renders) {
            log_error("%s:%d: {{%s}} is never provided by the data", missing[i].file,
                      missing[i].line, missing[i].name);
            problems++;
        }
        free(missing[i].file);
        free(missing[i].name);
    }
    for (size_t j = 0; j < nrendered; j++)
        free(rendered[j].file);
    free(missing);
    free(rendered);
    missing = NULL;
    rendered = NULL;
    nmissing = nrendered = 0;
    return problems;
}

char *
render_template(const struct render_ctx *rc, const char *name, const json_t *data, char *err,
                size_t errlen)
{
    struct partials parts = {.dir = rc->templates};
    char path[PATH_MAX];
    char *out;
    tmpl *t;
    int own;

    snprintf(path, sizeof path, "%s/%s", rc->templates, name);
    if (!(t = template_at(path, &own, err, errlen)))
        return NULL;
    /* .html templates escape for HTML; every other one is plain text */
    size_t n = strlen(name);
    if (n > 5 && strcmp(name + n - 5, ".html") == 0)
        out = tmpl_render(t, data, load_partial, &parts, err, errlen);
    else
        out = tmpl_render_text(t, data, load_partial, &parts, err, errlen);
    if (rc->check && out) {
        struct check ck = {path, data};
        count_render(path);
        tmpl_names(t, check_name, &ck);
    }
    for (size_t i = 0; i < parts.nown; i++)
        free(parts.texts[i]);
    if (own)
        tmpl_free(t);
    return out;
}

char *
render_display_name(const struct render_ctx *rc, const char *name)
{
    char out[256], err[256], *who;
    json_t *data;

    if (names_public(name, out, sizeof out))
        return strdup(out);
    /* not a name (an address, a number, a handle): the templates' word for someone */
    data = json_object();
    who = data ? render_template(rc, "_someone.txt", data, err, sizeof err) : NULL;
    json_decref(data);
    if (who) {
        text_squeeze(who);
        if (*who)
            return who;
        free(who);
    }
    return strdup("a volunteer");
}

void
render_count(json_t *obj, const char *prefix, long long n)
{
    char key[128];
    const char *sep = *prefix ? "_" : "";

    snprintf(key, sizeof key, "%s%scount", prefix, sep);
    json_object_set_new(obj, key, json_integer((json_int_t)n));
    snprintf(key, sizeof key, "%s%sone", prefix, sep);
    json_object_set_new(obj, key, json_boolean(n == 1));
    snprintf(key, sizeof key, "%s%snone", prefix, sep);
    json_object_set_new(obj, key, json_boolean(n == 0));
}
