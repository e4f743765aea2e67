/* conf_int.h — private to lib/conf*.c: the loaded configuration and the helpers the
 * parsers of its sections share. Nothing outside lib/conf*.c includes it. */
#ifndef DOORSTEP_CONF_INT_H
#define DOORSTEP_CONF_INT_H

#include <iniparser.h>
#include <stddef.h>

#include "conf.h"

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
    CT_MAILBOX, /* an address with or without a display name: "Name <addr>" */
    CT_PROGRAM, /* a program: a bare name is looked up in PATH, a path is resolved */
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

struct conf_value {
    char *value; /* final value: from the file or the default, paths resolved; the
                  * bare address of a mailbox */
    char *name;  /* CT_MAILBOX: the display name ("" when none); else NULL */
    int line;    /* line in the file, 0 when defaulted */
};

struct conf_line {
    char *name;  /* "section:key" */
    char *value; /* the value as written (trimmed), NULL for a section */
    int line;
};

struct conf {
    char *file;
    char *dir;
    dictionary *ini;
    struct conf_value *values; /* one per schema key */
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

void conf_errf(struct errbuf *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "FILE:LINE: [section] key: MESSAGE" (or without the line when it is unknown). */
void conf_keyerr(struct errbuf *e, const conf *c, const char *section, const char *key,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* S without its surrounding white space (trimmed in place at the end). */
char *conf_trim(char *s);
/* Strict integer: optional sign, decimal digits only. 0, or -1. */
int conf_parse_long(const char *s, long *out);
/* Sizes in bytes with an optional K, M or G; booleans as yes/no/true/false/on/off/1/0.
 * 0, or -1. */
int conf_parse_size(const char *s, long *out);
int conf_parse_bool(const char *s, int *out);
/* Checks V, the value of schema key K, against its type; problems go to E. */
void conf_check_value(const conf *c, const struct conf_key *k, const char *v, struct errbuf *e);
/* Whether [SECTION] KEY is a key of the schema (not a free one). */
int conf_schema_has(const char *section, const char *key);
/* The keys of [SECTION] as iniparser names them ("section:key"; the key is after the
 * colon) into *KEYS, a malloc'd array of *N (NULL and 0 when it has none). 0, or -1
 * when out of memory (said in E). */
int conf_section_keys(const conf *c, const char *section, const char ***keys, int *n,
                      struct errbuf *e);

/* conf_schema.c: the schema, every key doorstep reads: conf_nschema of them, in the
 * order of struct conf's values. */
extern const struct conf_key conf_schema[];
extern const size_t conf_nschema;
/* conf_schema.c: the index in conf_schema of [SECTION] KEY, which must be there (asked
 * for by the getters; a key not in the schema is a programming error and aborts). */
size_t conf_schema_index(const char *section, const char *key);
/* conf_schema.c: every unknown section and key of C's file, with a "did you mean", and
 * every password written in it; problems go to E. */
void conf_check_sections(conf *c, struct errbuf *e);

/* conf_sections.c: the sections whose keys the group names ([areas], [categories],
 * the tasks of [rota]). 0, or -1 when out of memory; problems go to E. */
int conf_parse_areas(conf *c, struct errbuf *e);
int conf_parse_categories(conf *c, struct errbuf *e);
int conf_parse_tasks(conf *c, struct errbuf *e);

#endif
