/* conf.c — loading, validating and reading the INI configuration (iniparser 4.1); the
 * schema of its keys is conf_schema.c's. */
#include "conf.h"
#include "conf_int.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "addr.h"
#include "text.h"

void
conf_errf(struct errbuf *e, const char *fmt, ...)
{
    va_list ap;
    int n;

    e->count++;
    if (e->cap == 0 || e->len + 1 >= e->cap)
        return;
    if (e->len > 0)
        e->buf[e->len++] = '\n';
    va_start(ap, fmt);
    n = vsnprintf(e->buf + e->len, e->cap - e->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    e->len += (size_t)n < e->cap - e->len ? (size_t)n : e->cap - e->len - 1;
}

static char *
xstrdup(const char *s)
{
    return strdup(s ? s : "");
}

char *
conf_trim(char *s)
{
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

/* iniparser reports syntax errors through a global printf-like callback. */
static struct errbuf *ini_errors;

static int ini_error_cb(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
ini_error_cb(const char *fmt, ...)
{
    char msg[512], *p;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (p = msg; *p; p++)
        if (*p == '\n')
            *p = ' ';
    if (ini_errors)
        conf_errf(ini_errors, "%s", conf_trim(msg));
    return 0;
}

/* A light second reading of the file, only to know on which line each key sits (for
 * error messages) and to catch what iniparser accepts silently: duplicate keys (the
 * last would win) and keys before any section. */
static int
scan_lines(conf *c, struct errbuf *e)
{
    FILE *f = fopen(c->file, "r");
    char line[1100], section[256] = "", name[600], *value;
    int lineno = 0, continued = 0;
    size_t cap = 0;

    if (!f) {
        conf_errf(e, "%s: %s", c->file, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *s, *eq, *end;
        int was_continued = continued;

        lineno++;
        s = conf_trim(line);
        end = s + strlen(s);
        continued = end > s && end[-1] == '\\';
        if (was_continued || *s == '\0' || *s == ';' || *s == '#')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            size_t n = close ? (size_t)(close - s - 1) : 0;
            if (n >= sizeof section)
                n = sizeof section - 1;
            char raw[sizeof section];
            snprintf(raw, sizeof raw, "%.*s", (int)n, s + 1);
            snprintf(section, sizeof section, "%s", conf_trim(raw));
            text_lower(section);
            /* remember where the section starts, under its bare name */
            snprintf(name, sizeof name, "%s", section);
            value = NULL;
            goto record;
        }
        eq = strchr(s, '=');
        if (!eq)
            continue; /* iniparser reports it */
        *eq = '\0';
        s = conf_trim(s);
        value = conf_trim(eq + 1);
        if (section[0] == '\0') {
            conf_errf(e, "%s:%d: %s: key outside any section", c->file, lineno, s);
            continue;
        }
        snprintf(name, sizeof name, "%s:%s", section, s);
        text_lower(name);
    record:
        for (size_t i = 0; i < c->nlines; i++)
            if (strcmp(c->lines[i].name, name) == 0) {
                if (strchr(name, ':')) /* a section may be opened twice */
                    conf_errf(e, "%s:%d: [%s] %s: duplicate key (first set on line %d)", c->file,
                              lineno, section, name + strlen(section) + 1, c->lines[i].line);
                goto next;
            }
        if (c->nlines == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            struct conf_line *n = realloc(c->lines, ncap * sizeof *n);
            if (!n)
                goto oom;
            c->lines = n;
            cap = ncap;
        }
        c->lines[c->nlines].value = NULL;
        if (!(c->lines[c->nlines].name = strdup(name)) ||
            (value && !(c->lines[c->nlines].value = strdup(value)))) {
            free(c->lines[c->nlines].name);
            goto oom;
        }
        c->lines[c->nlines++].line = lineno;
    next:;
    }
    fclose(f);
    return 0;
oom:
    fclose(f);
    conf_errf(e, "%s: out of memory", c->file);
    return -1;
}

static int
line_of(const conf *c, const char *section, const char *key)
{
    char name[600];

    snprintf(name, sizeof name, "%s:%s", section, key);
    for (size_t i = 0; i < c->nlines; i++)
        if (strcasecmp(c->lines[i].name, name) == 0)
            return c->lines[i].line;
    return 0;
}

/* "FILE:LINE: [section] key: " or "FILE: [section] key: " when the line is unknown. */
void
conf_keyerr(struct errbuf *e, const conf *c, const char *section, const char *key, const char *fmt,
            ...)
{
    char msg[512];
    va_list ap;
    int line = line_of(c, section, key);

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line)
        conf_errf(e, "%s:%d: [%s] %s: %s", c->file, line, section, key, msg);
    else
        conf_errf(e, "%s: [%s] %s: %s", c->file, section, key, msg);
}

int
conf_section_keys(const conf *c, const char *section, const char ***keys, int *n,
                  struct errbuf *e)
{
    *keys = NULL;
    *n = iniparser_getsecnkeys(c->ini, section);
    if (*n <= 0) {
        *n = 0;
        return 0;
    }
    if (!(*keys = calloc((size_t)*n, sizeof **keys))) {
        *n = 0;
        conf_errf(e, "%s: out of memory", c->file);
        return -1;
    }
    iniparser_getseckeys(c->ini, section, *keys);
    return 0;
}

/* Strict integer: optional sign, decimal digits only (no octal or hex surprises). */
int
conf_parse_long(const char *s, long *out)
{
    char *end;
    long v;

    if (*s == '\0' || isspace((unsigned char)*s))
        return -1;
    for (const char *p = (*s == '-' || *s == '+') ? s + 1 : s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static char *
resolve_path(const conf *c, const char *v)
{
    char *out;

    if (*v == '\0' || *v == '/')
        return xstrdup(v);
    if (asprintf(&out, "%s/%s", c->dir, v) < 0)
        return NULL;
    return out;
}

/* The value of schema key K as the program reads it, malloc'd: every relative path
 * (path and file keys, a program named by path, the file or folder of
 * maildir:PATH and mbox:PATH) resolved from the config file's folder, here and only
 * here, so that no command can forget; a mailbox's bare address, with its display
 * name in *NAME (malloc'd). NULL when out of memory. */
static char *
resolve_value(const conf *c, const struct conf_key *k, const char *v, char **name)
{
    char *out = NULL, *path, why[256];
    const char *colon;

    switch (k->type) {
    case CT_PATH:
    case CT_FILE:
        return resolve_path(c, v);
    case CT_PROGRAM:
        return strchr(v, '/') ? resolve_path(c, v) : xstrdup(v);
    case CT_SOURCE:
        if (!(colon = strchr(v, ':')))
            return xstrdup(v);
        if (!(path = resolve_path(c, colon + 1)))
            return NULL;
        if (asprintf(&out, "%.*s:%s", (int)(colon - v), v, path) < 0)
            out = NULL;
        free(path);
        return out;
    case CT_MAILBOX:
        if (!*v)
            return (*name = xstrdup("")) ? xstrdup("") : NULL;
        if (addr_parse_mailbox(v, name, &out, why, sizeof why) < 0)
            return NULL; /* checked before: only out of memory is left */
        return out;
    default:
        return xstrdup(v);
    }
}

char **
conf_list(const char *value, size_t *n)
{
    size_t cap = 1, count = 0;
    char **list, *copy, *tok, *save = NULL;

    for (const char *p = value; *p; p++)
        cap += *p == ',';
    if (!(list = calloc(cap + 1, sizeof *list)) || !(copy = xstrdup(value))) {
        free(list);
        return NULL;
    }
    for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *t = conf_trim(tok);
        if (*t && !(list[count++] = strdup(t))) {
            free(copy);
            conf_list_free(list);
            return NULL;
        }
    }
    free(copy);
    if (n)
        *n = count;
    return list;
}

void
conf_list_free(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

static void
check_requirements(conf *c, struct errbuf *e)
{
    const char *source = conf_str(c, "fetch", "source");
    const char *method = conf_str(c, "smtp", "method");

    if (strcmp(source, "imap") == 0) {
        if (!*conf_str(c, "imap", "host"))
            conf_keyerr(e, c, "imap", "host", "required when [fetch] source = imap");
        if (!*conf_str(c, "imap", "user"))
            conf_keyerr(e, c, "imap", "user", "required when [fetch] source = imap");
    }
    if (strcmp(method, "smtp") == 0 && !*conf_str(c, "smtp", "host"))
        conf_keyerr(e, c, "smtp", "host", "required when [smtp] method = smtp");
}

/* A file key set in the config (a font) must name a readable regular file; a
 * default is checked by whoever uses it, so that a missing font stops only the PDFs. */
static void
check_file(const conf *c, const struct conf_key *k, const char *path, struct errbuf *e)
{
    struct stat st;

    if (stat(path, &st) < 0 || access(path, R_OK) < 0)
        conf_keyerr(e, c, k->section, k->key, "%s: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        conf_keyerr(e, c, k->section, k->key, "%s: not a file", path);
}

/* [leaflets] rota_task, when written, must name a task of [rota]. */
static void
check_round_task(const conf *c, struct errbuf *e)
{
    const char *name = conf_str(c, "leaflets", "rota_task");
    int ambiguous = 0;

    if (conf_isset(c, "leaflets", "rota_task") && *name && !conf_task_find(c, name, &ambiguous))
        conf_keyerr(e, c, "leaflets", "rota_task", "\"%s\" %s", name,
                    ambiguous ? "matches more than one task of [rota]" : "is not a task of [rota]");
}

static const char *
raw_value(const conf *c, const struct conf_key *k)
{
    char name[256];
    const char *v;

    snprintf(name, sizeof name, "%s:%s", k->section, k->key);
    if (!iniparser_find_entry(c->ini, name))
        return NULL;
    v = iniparser_getstring(c->ini, name, NULL);
    /* iniparser keeps only the first "quoted part" of a value, so that of
     * '"Lopez, Maria" <m@x>' it would keep 'Lopez, Maria': a mailbox is read as
     * written, unless the whole value is quoted */
    if (k->type == CT_MAILBOX && v) {
        for (size_t i = 0; i < c->nlines; i++)
            if (c->lines[i].value && strcasecmp(c->lines[i].name, name) == 0) {
                const char *w = c->lines[i].value;
                if (w[0] == '"' && strchr(w + 1, '"') && strchr(w + 1, '"')[1] != '\0')
                    return w;
            }
    }
    return v;
}

conf *
conf_load(const char *path, char *err, size_t errlen)
{
    struct errbuf e = {err, 0, errlen, 0};
    conf *c;
    char *slash;

    if (errlen)
        err[0] = '\0';
    if (!(c = calloc(1, sizeof *c)) || !(c->values = calloc(conf_nschema, sizeof *c->values)) ||
        !(c->file = strdup(path)) || !(c->dir = strdup(path))) {
        conf_errf(&e, "%s: out of memory", path);
        conf_free(c);
        return NULL;
    }
    slash = strrchr(c->dir, '/');
    if (!slash)
        strcpy(c->dir, ".");
    else if (slash == c->dir)
        slash[1] = '\0';
    else
        *slash = '\0';

    if (scan_lines(c, &e) < 0)
        goto fail;
    ini_errors = &e;
    iniparser_set_error_callback(ini_error_cb);
    c->ini = iniparser_load(path);
    iniparser_set_error_callback(NULL);
    ini_errors = NULL;
    if (!c->ini) {
        if (e.count == 0)
            conf_errf(&e, "%s: cannot be read as an INI file", path);
        goto fail;
    }
    conf_check_sections(c, &e);
    for (size_t i = 0; i < conf_nschema; i++) {
        const struct conf_key *k = &conf_schema[i];
        const char *v = raw_value(c, k);
        int set = v != NULL, before;

        if (!v || (!*v && k->def && *k->def))
            v = k->def ? k->def : "";
        if (k->required && !*v) {
            conf_keyerr(&e, c, k->section, k->key,
                        set ? "must not be empty" : "required key is missing");
            continue;
        }
        before = e.count;
        conf_check_value(c, k, v, &e);
        c->values[i].line = set ? line_of(c, k->section, k->key) : 0;
        if (e.count > before)
            continue; /* the load fails: nothing will read the value */
        c->values[i].value = resolve_value(c, k, v, &c->values[i].name);
        if (!c->values[i].value) {
            conf_errf(&e, "%s: out of memory", path);
            goto fail;
        }
        if (k->type == CT_FILE && set)
            check_file(c, k, c->values[i].value, &e);
    }
    if (e.count)
        goto fail;
    check_requirements(c, &e);
    if (conf_parse_areas(c, &e) < 0 || conf_parse_categories(c, &e) < 0 ||
        conf_parse_tasks(c, &e) < 0 || e.count)
        goto fail;
    check_round_task(c, &e);
    if (e.count)
        goto fail;
    return c;
fail:
    conf_free(c);
    return NULL;
}

void
conf_free(conf *c)
{
    if (!c)
        return;
    if (c->ini)
        iniparser_freedict(c->ini);
    for (size_t i = 0; c->values && i < conf_nschema; i++) {
        free(c->values[i].value);
        free(c->values[i].name);
    }
    free(c->values);
    for (size_t i = 0; i < c->nlines; i++) {
        free(c->lines[i].name);
        free(c->lines[i].value);
    }
    free(c->lines);
    for (size_t i = 0; i < c->nareas; i++) {
        for (size_t j = 0; j < c->areas[i].nstreets; j++)
            free(c->areas[i].streets[j].name);
        free(c->areas[i].streets);
        free(c->areas[i].name);
    }
    free(c->areas);
    for (size_t i = 0; i < c->ncategories; i++) {
        free(c->categories[i].name);
        conf_list_free(c->categories[i].keywords);
    }
    free(c->categories);
    for (size_t i = 0; i < c->ntasks; i++)
        free(c->tasks[i].name);
    free(c->tasks);
    free(c->file);
    free(c->dir);
    free(c);
}

const char *
conf_file(const conf *c)
{
    return c->file;
}

const char *
conf_dir(const conf *c)
{
    return c->dir;
}

const char *
conf_str(const conf *c, const char *section, const char *key)
{
    const char *v = c->values[conf_schema_index(section, key)].value;
    return v ? v : "";
}

long
conf_int(const conf *c, const char *section, const char *key)
{
    size_t i = conf_schema_index(section, key);
    const char *s = c->values[i].value ? c->values[i].value : "";
    long v = 0;

    if (conf_schema[i].type == CT_SIZE)
        conf_parse_size(s, &v);
    else
        conf_parse_long(s, &v);
    return v;
}

int
conf_bool(const conf *c, const char *section, const char *key)
{
    int v = 0;

    conf_parse_bool(conf_str(c, section, key), &v);
    return v;
}

const char *
conf_mailbox_name(const conf *c, const char *section, const char *key)
{
    const char *name = c->values[conf_schema_index(section, key)].name;
    return name ? name : "";
}

int
conf_isset(const conf *c, const char *section, const char *key)
{
    return c->values[conf_schema_index(section, key)].line > 0;
}

const struct conf_area *
conf_areas(const conf *c, size_t *n)
{
    *n = c->nareas;
    return c->areas;
}

const struct conf_category *
conf_categories(const conf *c, size_t *n)
{
    *n = c->ncategories;
    return c->categories;
}

const struct conf_task *
conf_tasks(const conf *c, size_t *n)
{
    *n = c->ntasks;
    return c->tasks;
}
