/* conf.c — loading, validating and reading the INI configuration (iniparser 4.1). */
#include "conf.h"

#include <assert.h>
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

enum conf_type {
    CT_STR,
    CT_INT,
    CT_BOOL,
    CT_ENUM,
    CT_PATH,
    CT_EMAIL,
    CT_EMAILS,
    CT_RECIPIENTS, /* addresses, or the word "members" */
    CT_TZ,
    CT_SOURCE,
    CT_HOST,
    CT_PORT,
    CT_SIZE,
    CT_AFTER,
    CT_FILE, /* a path to a file that must exist and be readable, checked when set */
};

struct conf_key {
    const char *section;
    const char *key;
    enum conf_type type;
    const char *def;     /* default, NULL for none */
    const char *choices; /* CT_ENUM: "a|b|c" */
    long min, max;       /* CT_INT */
    int required;
};

/* The schema: every key doorstep reads. config/example.ini documents each of them and
 * a unit test checks that it does. Sections with free keys (areas, categories, rota
 * tasks) are handled by their own parsers below. */
static const struct conf_key schema[] = {
    {"group", "name", CT_STR, NULL, NULL, 0, 0, 1},
    {"group", "address", CT_EMAIL, NULL, NULL, 0, 0, 1},
    {"group", "phone", CT_STR, "", NULL, 0, 0, 0},
    {"group", "timezone", CT_TZ, "Europe/London", NULL, 0, 0, 0},
    {"group", "moderation", CT_ENUM, "unknown", "unknown|none", 0, 0, 0},
    {"group", "coordinators", CT_EMAILS, "", NULL, 0, 0, 0},
    {"database", "path", CT_PATH, "doorstep.db", NULL, 0, 0, 0},
    {"database", "lock_wait", CT_INT, "60", NULL, 0, 86400, 0},
    {"fetch", "source", CT_SOURCE, "imap", NULL, 0, 0, 0},
    {"fetch", "max_size", CT_SIZE, "25M", NULL, 1024, 1L << 30, 0},
    {"fetch", "batch", CT_INT, "1000", NULL, 1, 10000, 0},
    {"imap", "host", CT_HOST, "", NULL, 0, 0, 0},
    {"imap", "port", CT_PORT, "", NULL, 0, 0, 0},
    {"imap", "security", CT_ENUM, "tls", "tls|starttls|none", 0, 0, 0},
    {"imap", "ca_file", CT_PATH, "", NULL, 0, 0, 0},
    {"imap", "user", CT_STR, "", NULL, 0, 0, 0},
    {"imap", "password_file", CT_PATH, "", NULL, 0, 0, 0},
    {"imap", "mailbox", CT_STR, "INBOX", NULL, 0, 0, 0},
    {"imap", "auth", CT_ENUM, "auto", "auto|login|plain|xoauth2", 0, 0, 0},
    {"imap", "password_command", CT_STR, "", NULL, 0, 0, 0},
    {"imap", "after_fetch", CT_AFTER, "keep", NULL, 0, 0, 0},
    {"imap", "timeout", CT_INT, "60", NULL, 1, 3600, 0},
    {"process", "request_days", CT_INT, "7", NULL, 1, 365, 0},
    {"process", "offer_days", CT_INT, "30", NULL, 1, 365, 0},
    {"process", "offer_phrases", CT_STR, "", NULL, 0, 0, 0},
    {"process", "request_phrases", CT_STR, "", NULL, 0, 0, 0},
    {"smtp", "method", CT_ENUM, "file", "smtp|sendmail|file", 0, 0, 0},
    {"smtp", "host", CT_HOST, "", NULL, 0, 0, 0},
    {"smtp", "port", CT_PORT, "", NULL, 0, 0, 0},
    {"smtp", "security", CT_ENUM, "starttls", "tls|starttls|none", 0, 0, 0},
    {"smtp", "ca_file", CT_PATH, "", NULL, 0, 0, 0},
    {"smtp", "user", CT_STR, "", NULL, 0, 0, 0},
    {"smtp", "password_file", CT_PATH, "", NULL, 0, 0, 0},
    {"smtp", "password_command", CT_STR, "", NULL, 0, 0, 0},
    {"smtp", "timeout", CT_INT, "60", NULL, 1, 3600, 0},
    {"smtp", "from", CT_EMAIL, "", NULL, 0, 0, 0},
    {"smtp", "sendmail", CT_STR, "/usr/sbin/sendmail", NULL, 0, 0, 0},
    {"smtp", "dir", CT_PATH, "", NULL, 0, 0, 0},
    {"digest", "to", CT_RECIPIENTS, "", NULL, 0, 0, 0},
    {"digest", "send_when_empty", CT_BOOL, "no", NULL, 0, 0, 0},
    {"output", "dir", CT_PATH, "out", NULL, 0, 0, 0},
    {"output", "templates", CT_PATH, "", NULL, 0, 0, 0},
    {"output", "font", CT_FILE, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", NULL, 0, 0, 0},
    {"output", "font_bold", CT_FILE, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", NULL,
     0, 0, 0},
    {"rota", "days", CT_INT, "7", NULL, 1, 62, 0},
    {"rota", "paper", CT_ENUM, "a4", "a4|letter", 0, 0, 0},
    {"leaflets", "paper", CT_ENUM, "a4", "a4|a5|letter", 0, 0, 0},
    {"leaflets", "large_print", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"leaflets", "per", CT_ENUM, "area", "area|round", 0, 0, 0},
    {"leaflets", "round_doors", CT_INT, "120", NULL, 10, 10000, 0},
    {"leaflets", "rota_task", CT_STR, "leaflets", NULL, 0, 0, 0},
    {"privacy", "retention_days", CT_INT, "90", NULL, 1, 36500, 0},
    {"privacy", "outbox_days", CT_INT, "30", NULL, 1, 36500, 0},
};
#define NSCHEMA (sizeof(schema) / sizeof(schema[0]))

/* Sections whose keys are free (names chosen by the group). [rota] mixes both: its
 * schema keys above, every other key a task. */
static const char *const free_sections[] = {"areas", "categories", "rota"};

static const char *const default_categories[][2] = {
    {"food", "food, shop, shopping, groceries, grocery, supermarket, meal, meals, soup, cooking, "
             "cook, bread, milk, eggs, food bank, foodbank, dinner, lunch, breakfast, supper, "
             "casserole, stew, cake, baking, bake, mince pies, biscuits, veg, vegetables, fruit, "
             "tins, tinned, pasta, rice, cereal, hot meal, ready meals, leftovers, curry, "
             "sandwiches, portions, batch cook, shopping list, big shop, weekly shop"},
    {"medicine", "prescription, prescriptions, pharmacy, chemist, medicine, medication, meds, "
                 "pills, my tablets, inhaler, insulin, antibiotics, painkillers, paracetamol, gp, "
                 "doctor, surgery, dispensary, thermometer, blood test, repeat prescription, "
                 "lateral flow, hearing aid"},
    {"transport", "lift, lifts, drive, driving, driver, ride, hospital, appointment, "
                  "appointments, taxi, car, station, airport, bus, train, journey, transport, "
                  "run me, drop me, pick me up, clinic, dentist, the tip, lift to, a lift, "
                  "lift there, lift home, lift back, drive me, take me to"},
    {"childcare", "childcare, babysit, babysitting, babysitter, school run, kids, children, "
                  "child, nursery, toddler, school, after-school, nappies, homework, "
                  "childminder, school uniform, look after my son, look after my daughter"},
    {"pets", "dog, dogs, cat, cats, pet, pets, dog walk, dog walks, walkies, vet, puppy, "
             "kitten, cat food, dog food, litter tray, rabbit, hamster, budgie, pet sitting"},
    {"befriending", "chat, phone call, phone calls, company, befriend, befriending, lonely, "
                    "loneliness, isolated, check-in, check in, check on, visit, cuppa, tea, "
                    "coffee, natter, someone to talk to, friendly voice, sit with, on her own, "
                    "on his own, on their own"},
    {"household", "repair, repairs, fix, garden, gardening, bins, wheelie bin, shelf, shelves, "
                  "ladder, drill, cleaning, cleaner, window cleaner, carpet, hoovering, ironing, laundry, furniture, table, chairs, "
                  "cot, high chair, pram, buggy, pushchair, car seat, booster seat, "
                  "desk, bed, sofa, wardrobe, bookcase, drawers, bulb, light bulb, diy, flat-pack, "
                  "wheelchair, mattress, radiator, radiators, lawn, hedge, mow, leaves, gutters, "
                  "fence, boiler, tap, taps, leak, plumbing, plumber, handyman, odd jobs, loft, "
                  "attic, paint, painting, decorating, curtains, washing machine, fridge, "
                  "freezer, microwave, kettle, hoover, vacuum, tools, blanket, blankets, duvet, "
                  "heater, heating, walking frame, grab rail, snow, rubbish, tidying"},
    {"money", "money, loan, cash, pay, bill, bills, electricity, electric, gas, top-up, top up, "
              "rent, debt, universal credit, benefits, voucher, vouchers, emergency credit, "
              "meter, council tax, fund, pension, budget, payday, bank card"},
    {"other", ""},
};

struct conf_value {
    char *value; /* final value: from the file or the default, paths resolved */
    int line;    /* line in the file, 0 when defaulted */
};

struct conf_line {
    char *name; /* "section:key" */
    int line;
};

struct conf {
    char *file;
    char *dir;
    dictionary *ini;
    struct conf_value values[NSCHEMA];
    struct conf_line *lines;
    size_t nlines;
    struct conf_area *areas;
    size_t nareas;
    struct conf_category *categories;
    size_t ncategories;
    struct conf_task *tasks;
    size_t ntasks;
};

/* Errors are collected in a caller buffer, one line each, so that a user sees every
 * problem of a file at once. */
struct errbuf {
    char *buf;
    size_t len, cap;
    int count;
};

static void errf(struct errbuf *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
errf(struct errbuf *e, const char *fmt, ...)
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

static char *
trim(char *s)
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
        errf(ini_errors, "%s", trim(msg));
    return 0;
}

/* A light second reading of the file, only to know on which line each key sits (for
 * error messages) and to catch what iniparser accepts silently: duplicate keys (the
 * last would win) and keys before any section. */
static int
scan_lines(conf *c, struct errbuf *e)
{
    FILE *f = fopen(c->file, "r");
    char line[1100], section[256] = "", name[600];
    int lineno = 0, continued = 0;
    size_t cap = 0;

    if (!f) {
        errf(e, "%s: %s", c->file, strerror(errno));
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        char *s, *eq, *end;
        int was_continued = continued;

        lineno++;
        s = trim(line);
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
            snprintf(section, sizeof section, "%s", trim(raw));
            for (char *p = section; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            /* remember where the section starts, under its bare name */
            snprintf(name, sizeof name, "%s", section);
            goto record;
        }
        eq = strchr(s, '=');
        if (!eq)
            continue; /* iniparser reports it */
        *eq = '\0';
        s = trim(s);
        if (section[0] == '\0') {
            errf(e, "%s:%d: %s: key outside any section", c->file, lineno, s);
            continue;
        }
        snprintf(name, sizeof name, "%s:%s", section, s);
        for (char *p = name; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    record:
        for (size_t i = 0; i < c->nlines; i++)
            if (strcmp(c->lines[i].name, name) == 0) {
                if (strchr(name, ':')) /* a section may be opened twice */
                    errf(e, "%s:%d: [%s] %s: duplicate key (first set on line %d)", c->file,
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
        if (!(c->lines[c->nlines].name = strdup(name)))
            goto oom;
        c->lines[c->nlines++].line = lineno;
    next:;
    }
    fclose(f);
    return 0;
oom:
    fclose(f);
    errf(e, "%s: out of memory", c->file);
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
static void keyerr(struct errbuf *e, const conf *c, const char *section, const char *key,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
keyerr(struct errbuf *e, const conf *c, const char *section, const char *key, const char *fmt,
       ...)
{
    char msg[512];
    va_list ap;
    int line = line_of(c, section, key);

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line)
        errf(e, "%s:%d: [%s] %s: %s", c->file, line, section, key, msg);
    else
        errf(e, "%s: [%s] %s: %s", c->file, section, key, msg);
}

static const struct conf_key *
schema_find(const char *section, const char *key)
{
    for (size_t i = 0; i < NSCHEMA; i++)
        if (strcmp(schema[i].section, section) == 0 && strcmp(schema[i].key, key) == 0)
            return &schema[i];
    return NULL;
}

static int
section_known(const char *section)
{
    for (size_t i = 0; i < NSCHEMA; i++)
        if (strcmp(schema[i].section, section) == 0)
            return 1;
    for (size_t i = 0; i < sizeof free_sections / sizeof free_sections[0]; i++)
        if (strcmp(free_sections[i], section) == 0)
            return 1;
    return 0;
}

/* Strict integer: optional sign, decimal digits only (no octal or hex surprises). */
static int
parse_long(const char *s, long *out)
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

static int
parse_size(const char *s, long *out)
{
    char num[32];
    size_t n = strlen(s);
    long mult = 1, v;

    if (n == 0 || n >= sizeof num)
        return -1;
    memcpy(num, s, n + 1);
    switch (toupper((unsigned char)num[n - 1])) {
    case 'K': mult = 1024L; break;
    case 'M': mult = 1024L * 1024; break;
    case 'G': mult = 1024L * 1024 * 1024; break;
    default: break;
    }
    if (mult != 1)
        num[n - 1] = '\0';
    if (parse_long(num, &v) < 0 || v < 0 || v > LONG_MAX / mult)
        return -1;
    *out = v * mult;
    return 0;
}

static int
parse_bool(const char *s, int *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};

    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return *out = 1, 0;
        if (strcasecmp(s, no[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

static int
valid_email(const char *s)
{
    const char *at = strchr(s, '@');

    if (!at || at == s || at[1] == '\0' || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p) || strchr("<>,;\"()[]\\", *p) || (unsigned char)*p < 32)
            return 0;
    return at[1] != '.' && s[strlen(s) - 1] != '.';
}

static int
valid_host(const char *s)
{
    if (strlen(s) > 253)
        return 0;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr(".-:_[]", *p))
            return 0;
    return 1;
}

static int
valid_tz(const char *s)
{
    const char *dir = getenv("TZDIR");
    char path[PATH_MAX];
    struct stat st;

    if (*s == '\0' || *s == '/' || strstr(s, "..") || strlen(s) > 100)
        return 0;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_-+", *p))
            return 0;
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", s);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
enum_has(const char *choices, const char *v)
{
    size_t n = strlen(v);

    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0)
            return 1;
        p += len + (bar ? 1 : 0);
        if (!bar)
            break;
    }
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
        char *t = trim(tok);
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
check_value(const conf *c, const struct conf_key *k, const char *v, struct errbuf *e)
{
    long n;
    int b;

    switch (k->type) {
    case CT_STR:
    case CT_PATH:
    case CT_FILE: /* checked once resolved, see check_file */
        break;
    case CT_INT:
        if (parse_long(v, &n) < 0)
            keyerr(e, c, k->section, k->key, "\"%s\" is not a whole number", v);
        else if (n < k->min || n > k->max)
            keyerr(e, c, k->section, k->key, "%ld is out of range (%ld to %ld)", n, k->min,
                   k->max);
        break;
    case CT_SIZE:
        if (parse_size(v, &n) < 0)
            keyerr(e, c, k->section, k->key,
                   "\"%s\" is not a size (bytes, or a number with K, M or G)", v);
        else if (n < k->min || n > k->max)
            keyerr(e, c, k->section, k->key, "%s is out of range (1K to 1G)", v);
        break;
    case CT_BOOL:
        if (parse_bool(v, &b) < 0)
            keyerr(e, c, k->section, k->key, "\"%s\" is not yes or no", v);
        break;
    case CT_ENUM:
        if (!enum_has(k->choices, v))
            keyerr(e, c, k->section, k->key, "\"%s\" is not one of %s", v, k->choices);
        break;
    case CT_EMAIL:
        if (*v && !valid_email(v))
            keyerr(e, c, k->section, k->key, "\"%s\" is not an email address", v);
        break;
    case CT_RECIPIENTS:
        if (strcmp(v, "members") == 0)
            break;
        /* fall through */
    case CT_EMAILS: {
        char **list = conf_list(v, NULL);
        for (char **p = list; p && *p; p++)
            if (!valid_email(*p))
                keyerr(e, c, k->section, k->key, "\"%s\" is not an email address", *p);
        conf_list_free(list);
        break;
    }
    case CT_TZ:
        if (!valid_tz(v))
            keyerr(e, c, k->section, k->key,
                   "\"%s\" is not a known time zone (like Europe/London)", v);
        break;
    case CT_SOURCE:
        if (strcmp(v, "imap") != 0 &&
            !((strncmp(v, "maildir:", 8) == 0 && v[8]) || (strncmp(v, "mbox:", 5) == 0 && v[5])))
            keyerr(e, c, k->section, k->key, "\"%s\" is not imap, maildir:PATH or mbox:PATH", v);
        break;
    case CT_HOST:
        if (*v && !valid_host(v))
            keyerr(e, c, k->section, k->key, "\"%s\" is not a host name or address", v);
        break;
    case CT_AFTER:
        if (strcmp(v, "keep") != 0 && strcmp(v, "seen") != 0 &&
            !(strncmp(v, "move:", 5) == 0 && v[5]))
            keyerr(e, c, k->section, k->key, "\"%s\" is not keep, seen or move:FOLDER", v);
        break;
    case CT_PORT:
        if (*v && (parse_long(v, &n) < 0 || n < 1 || n > 65535))
            keyerr(e, c, k->section, k->key, "\"%s\" is not a port number (1 to 65535)", v);
        break;
    }
}

static int
parse_areas(conf *c, struct errbuf *e)
{
    int nkeys = iniparser_getsecnkeys(c->ini, "areas");
    const char **keys;

    if (nkeys <= 0)
        return 0;
    if (!(keys = calloc((size_t)nkeys, sizeof *keys)) ||
        !(c->areas = calloc((size_t)nkeys, sizeof *c->areas)))
        goto oom;
    iniparser_getseckeys(c->ini, "areas", keys);
    for (int i = 0; i < nkeys; i++) {
        const char *key = strchr(keys[i], ':') + 1;
        const char *v = iniparser_getstring(c->ini, keys[i], "");
        struct conf_area *a = &c->areas[c->nareas++];
        size_t n;
        char **items;

        if (!(a->name = strdup(key)) || !(items = conf_list(v ? v : "", &n)))
            goto oom;
        if (n == 0)
            keyerr(e, c, "areas", key, "no streets listed (expected \"Street name:doors, ...\")");
        if (!(a->streets = calloc(n ? n : 1, sizeof *a->streets))) {
            conf_list_free(items);
            goto oom;
        }
        for (size_t j = 0; j < n; j++) {
            char *colon = strrchr(items[j], ':');
            long doors = 0;
            if (colon) {
                *colon = '\0';
                if (parse_long(trim(colon + 1), &doors) < 0 || doors < 0 || doors > 100000) {
                    keyerr(e, c, "areas", key, "\"%s\": doors must be a whole number",
                           trim(colon + 1));
                    doors = 0;
                }
            }
            const char *street = trim(items[j]);
            const char *other;
            if (!*street)
                keyerr(e, c, "areas", key, "empty street name");
            else if (conf_street_area(c, street, &other))
                keyerr(e, c, "areas", key, "street \"%s\" is listed twice", street);
            a->streets[a->nstreets].doors = (int)doors;
            if (!(a->streets[a->nstreets++].name = strdup(street))) {
                conf_list_free(items);
                goto oom;
            }
        }
        conf_list_free(items);
    }
    free(keys);
    return 0;
oom:
    free(keys);
    errf(e, "%s: out of memory", c->file);
    return -1;
}

static int
add_category(conf *c, const char *name, const char *words)
{
    struct conf_category *cat = &c->categories[c->ncategories++];

    if (!(cat->name = strdup(name)) || !(cat->keywords = conf_list(words, &cat->nkeywords)))
        return -1;
    for (size_t i = 0; i < cat->nkeywords; i++)
        for (char *p = cat->keywords[i]; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    return 0;
}

static int
parse_categories(conf *c, struct errbuf *e)
{
    int nkeys = iniparser_getsecnkeys(c->ini, "categories");
    const char **keys = NULL;
    size_t ndef = sizeof default_categories / sizeof default_categories[0];

    if (nkeys <= 0) {
        if (!(c->categories = calloc(ndef, sizeof *c->categories)))
            goto oom;
        for (size_t i = 0; i < ndef; i++)
            if (add_category(c, default_categories[i][0], default_categories[i][1]) < 0)
                goto oom;
        return 0;
    }
    if (!(keys = calloc((size_t)nkeys, sizeof *keys)) ||
        !(c->categories = calloc((size_t)nkeys, sizeof *c->categories)))
        goto oom;
    iniparser_getseckeys(c->ini, "categories", keys);
    for (int i = 0; i < nkeys; i++) {
        const char *key = strchr(keys[i], ':') + 1;
        const char *v = iniparser_getstring(c->ini, keys[i], "");
        for (const char *p = key; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
                keyerr(e, c, "categories", key,
                       "a category name may use only letters, digits, - and _");
                break;
            }
        if (add_category(c, key, v ? v : "") < 0)
            goto oom;
    }
    free(keys);
    return 0;
oom:
    free(keys);
    errf(e, "%s: out of memory", c->file);
    return -1;
}

static int
parse_days(const char *s, unsigned *mask)
{
    static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    char buf[128], *tok, *save = NULL;

    if (strcasecmp(s, "daily") == 0)
        return *mask = 0x7f, 0;
    if (strcasecmp(s, "weekdays") == 0)
        return *mask = 0x1f, 0;
    if (strcasecmp(s, "weekends") == 0)
        return *mask = 0x60, 0;
    if (strlen(s) >= sizeof buf)
        return -1;
    strcpy(buf, s);
    *mask = 0;
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int i = 0; i < 7; i++)
            if (strncasecmp(tok, names[i], 3) == 0 && strlen(tok) >= 3)
                found = i;
        if (found < 0)
            return -1;
        *mask |= 1u << found;
    }
    return *mask ? 0 : -1;
}

static int
parse_hhmm(const char *s, int *minutes)
{
    int h, m, n = 0;

    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' || h < 0 || h > 24 || m < 0 ||
        m > 59 || (h == 24 && m != 0))
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

/* "[rota] NAME = DAYS HH:MM-HH:MM [xN]" */
static int
parse_task(const char *v, struct conf_task *t)
{
    char buf[256], *days, *times, *count, *dash, *save = NULL;

    if (strlen(v) >= sizeof buf)
        return -1;
    strcpy(buf, v);
    days = strtok_r(buf, " \t", &save);
    times = strtok_r(NULL, " \t", &save);
    count = strtok_r(NULL, " \t", &save);
    if (!days || !times || strtok_r(NULL, " \t", &save))
        return -1;
    if (parse_days(days, &t->days) < 0 || !(dash = strchr(times, '-')))
        return -1;
    *dash = '\0';
    if (parse_hhmm(times, &t->start) < 0 || parse_hhmm(dash + 1, &t->end) < 0 ||
        t->end <= t->start)
        return -1;
    t->needed = 1;
    if (count) {
        long n;
        if ((count[0] != 'x' && count[0] != 'X') || parse_long(count + 1, &n) < 0 || n < 1 ||
            n > 50)
            return -1;
        t->needed = (int)n;
    }
    return 0;
}

static int
parse_tasks(conf *c, struct errbuf *e)
{
    int nkeys = iniparser_getsecnkeys(c->ini, "rota");
    const char **keys;

    if (nkeys <= 0)
        return 0;
    if (!(keys = calloc((size_t)nkeys, sizeof *keys)) ||
        !(c->tasks = calloc((size_t)nkeys, sizeof *c->tasks))) {
        free(keys);
        errf(e, "%s: out of memory", c->file);
        return -1;
    }
    iniparser_getseckeys(c->ini, "rota", keys);
    for (int i = 0; i < nkeys; i++) {
        const char *key = strchr(keys[i], ':') + 1;
        const char *v = iniparser_getstring(c->ini, keys[i], "");
        struct conf_task t = {0};

        if (schema_find("rota", key))
            continue;
        if (parse_task(v ? v : "", &t) < 0) {
            keyerr(e, c, "rota", key,
                   "\"%s\" is not a task (expected DAYS HH:MM-HH:MM [xN], e.g. "
                   "\"thu 10:00-12:00 x2\"; DAYS is daily, weekdays, weekends or mon,tue,...)",
                   v ? v : "");
            continue;
        }
        if (!(t.name = strdup(key))) {
            free(keys);
            errf(e, "%s: out of memory", c->file);
            return -1;
        }
        c->tasks[c->ntasks++] = t;
    }
    free(keys);
    return 0;
}

static void
check_sections(conf *c, struct errbuf *e)
{
    int nsec = iniparser_getnsec(c->ini);

    for (int i = 0; i < nsec; i++) {
        const char *sec = iniparser_getsecname(c->ini, i);
        int nkeys;
        const char **keys;
        int free_keys = 0;

        if (!sec)
            continue;
        if (!section_known(sec)) {
            int line = 0;
            for (size_t j = 0; j < c->nlines && !line; j++)
                if (strcmp(c->lines[j].name, sec) == 0)
                    line = c->lines[j].line;
            if (line)
                errf(e, "%s:%d: [%s]: unknown section", c->file, line, sec);
            else
                errf(e, "%s: [%s]: unknown section", c->file, sec);
            continue;
        }
        for (size_t j = 0; j < sizeof free_sections / sizeof free_sections[0]; j++)
            free_keys |= strcmp(free_sections[j], sec) == 0;
        if (free_keys)
            continue;
        nkeys = iniparser_getsecnkeys(c->ini, sec);
        if (nkeys <= 0 || !(keys = calloc((size_t)nkeys, sizeof *keys)))
            continue;
        iniparser_getseckeys(c->ini, sec, keys);
        for (int j = 0; j < nkeys; j++) {
            const char *key = strchr(keys[j], ':') + 1;
            if (schema_find(sec, key))
                continue;
            if (strcmp(key, "password") == 0 || strcmp(key, "pass") == 0)
                keyerr(e, c, sec, key,
                       "passwords are never read from the config; use password_file or the "
                       "environment variable DOORSTEP_%s_PASSWORD",
                       strcmp(sec, "smtp") == 0 ? "SMTP" : "IMAP");
            else
                keyerr(e, c, sec, key, "unknown key");
        }
        free(keys);
    }
}

static void
check_requirements(conf *c, struct errbuf *e)
{
    const char *source = conf_str(c, "fetch", "source");
    const char *method = conf_str(c, "smtp", "method");

    if (strcmp(source, "imap") == 0) {
        if (!*conf_str(c, "imap", "host"))
            keyerr(e, c, "imap", "host", "required when [fetch] source = imap");
        if (!*conf_str(c, "imap", "user"))
            keyerr(e, c, "imap", "user", "required when [fetch] source = imap");
    }
    if (strcmp(method, "smtp") == 0 && !*conf_str(c, "smtp", "host"))
        keyerr(e, c, "smtp", "host", "required when [smtp] method = smtp");
}

/* A file key set in the config (a font) must name a readable regular file; a
 * default is checked by whoever uses it, so that a missing font stops only the PDFs. */
static void
check_file(const conf *c, const struct conf_key *k, const char *path, struct errbuf *e)
{
    struct stat st;

    if (stat(path, &st) < 0 || access(path, R_OK) < 0)
        keyerr(e, c, k->section, k->key, "%s: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        keyerr(e, c, k->section, k->key, "%s: not a file", path);
}

/* [leaflets] rota_task, when written, must name a task of [rota]. */
static void
check_round_task(const conf *c, struct errbuf *e)
{
    const char *name = conf_str(c, "leaflets", "rota_task");
    int ambiguous = 0;

    if (conf_isset(c, "leaflets", "rota_task") && *name &&
        !conf_task_find(c, name, &ambiguous))
        keyerr(e, c, "leaflets", "rota_task", "\"%s\" %s", name,
               ambiguous ? "matches more than one task of [rota]" : "is not a task of [rota]");
}

static const char *
raw_value(const conf *c, const char *section, const char *key)
{
    char name[256];

    snprintf(name, sizeof name, "%s:%s", section, key);
    return iniparser_find_entry(c->ini, name) ? iniparser_getstring(c->ini, name, NULL) : NULL;
}

conf *
conf_load(const char *path, char *err, size_t errlen)
{
    struct errbuf e = {err, 0, errlen, 0};
    conf *c;
    char *slash;

    if (errlen)
        err[0] = '\0';
    if (!(c = calloc(1, sizeof *c)) || !(c->file = strdup(path)) || !(c->dir = strdup(path))) {
        errf(&e, "%s: out of memory", path);
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
            errf(&e, "%s: cannot be read as an INI file", path);
        goto fail;
    }
    check_sections(c, &e);
    for (size_t i = 0; i < NSCHEMA; i++) {
        const struct conf_key *k = &schema[i];
        const char *v = raw_value(c, k->section, k->key);
        int set = v != NULL;

        if (!v || (!*v && k->def && *k->def))
            v = k->def ? k->def : "";
        if (k->required && !*v) {
            keyerr(&e, c, k->section, k->key, set ? "must not be empty" : "required key is missing");
            continue;
        }
        check_value(c, k, v, &e);
        c->values[i].line = set ? line_of(c, k->section, k->key) : 0;
        c->values[i].value =
            k->type == CT_PATH || k->type == CT_FILE ? resolve_path(c, v) : xstrdup(v);
        if (!c->values[i].value) {
            errf(&e, "%s: out of memory", path);
            goto fail;
        }
        if (k->type == CT_FILE && set)
            check_file(c, k, c->values[i].value, &e);
    }
    if (e.count)
        goto fail;
    check_requirements(c, &e);
    if (parse_areas(c, &e) < 0 || parse_categories(c, &e) < 0 || parse_tasks(c, &e) < 0 ||
        e.count)
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
    for (size_t i = 0; i < NSCHEMA; i++)
        free(c->values[i].value);
    for (size_t i = 0; i < c->nlines; i++)
        free(c->lines[i].name);
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

static size_t
schema_index(const char *section, const char *key)
{
    const struct conf_key *k = schema_find(section, key);

    assert(k != NULL && "key not in the config schema");
    if (!k)
        abort();
    return (size_t)(k - schema);
}

const char *
conf_str(const conf *c, const char *section, const char *key)
{
    const char *v = c->values[schema_index(section, key)].value;
    return v ? v : "";
}

long
conf_int(const conf *c, const char *section, const char *key)
{
    size_t i = schema_index(section, key);
    long v = 0;

    if (schema[i].type == CT_SIZE)
        parse_size(conf_str(c, section, key), &v);
    else
        parse_long(conf_str(c, section, key), &v);
    return v;
}

int
conf_bool(const conf *c, const char *section, const char *key)
{
    int v = 0;

    parse_bool(conf_str(c, section, key), &v);
    return v;
}

int
conf_isset(const conf *c, const char *section, const char *key)
{
    return c->values[schema_index(section, key)].line > 0;
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

char *
conf_schema_keys(void)
{
    size_t cap = 64;
    char *out;

    for (size_t i = 0; i < NSCHEMA; i++)
        cap += strlen(schema[i].section) + strlen(schema[i].key) + 2;
    if (!(out = malloc(cap)))
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < NSCHEMA; i++) {
        strcat(out, schema[i].section);
        strcat(out, ".");
        strcat(out, schema[i].key);
        strcat(out, "\n");
    }
    return out;
}
