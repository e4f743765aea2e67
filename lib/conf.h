/* conf.h — the doorstep INI configuration: loaded with iniparser, validated against one
 * schema (every section and key, its type and default), read through typed getters. */
#ifndef DOORSTEP_CONF_H
#define DOORSTEP_CONF_H

#include <stddef.h>

typedef struct conf conf;

/* A street of an area, from "[areas] NAME = Street name:doors, ...". */
struct conf_street {
    char *name;
    int doors; /* 0 when not given */
};

struct conf_area {
    char *name; /* the key, lower case as iniparser gives it */
    struct conf_street *streets;
    size_t nstreets;
};

/* A category and its keywords ("[categories] NAME = word, word"); built-in defaults
 * apply when the section is absent. */
struct conf_category {
    char *name;
    char **keywords;
    size_t nkeywords;
};

/* A rota task, "[rota] NAME = DAYS HH:MM-HH:MM [xN]". */
struct conf_task {
    char *name;
    unsigned days;  /* bit 0 = Monday ... bit 6 = Sunday */
    int start, end; /* minutes after midnight */
    int needed;     /* volunteers needed per slot */
};

/* Loads PATH and validates it: unknown sections and keys, duplicate keys, wrong types
 * and missing required keys are errors. Returns NULL with ERR set to lines of the form
 * "PATH:LINE: [section] key: problem" (several, newline-separated, when there are
 * several problems). Relative paths in the file are resolved against its folder. */
conf *conf_load(const char *path, char *err, size_t errlen);
void conf_free(conf *c);

/* The path of the file loaded, and its folder. */
const char *conf_file(const conf *c);
const char *conf_dir(const conf *c);

/* Typed getters for schema keys (a key outside the schema is a programming error and
 * aborts). Values are validated at load, so these cannot fail. Strings are owned by C;
 * an unset key without default gives "". Every relative path comes back resolved from
 * the config file's folder (path keys, [smtp] sendmail when it names a path, the PATH
 * of [fetch] source = maildir:PATH or mbox:PATH). A mailbox key ([smtp] from, which
 * may be "Name <address>") gives its bare address; conf_mailbox_name its name. */
const char *conf_str(const conf *c, const char *section, const char *key);
long conf_int(const conf *c, const char *section, const char *key);
int conf_bool(const conf *c, const char *section, const char *key);
/* The display name of a mailbox key ("Elm Park Neighbours" of "Elm Park Neighbours
 * <help@elmpark.example.org>"), UTF-8, unquoted; "" when it has none. */
const char *conf_mailbox_name(const conf *c, const char *section, const char *key);

/* Whether KEY was written in the file (rather than coming from its default). */
int conf_isset(const conf *c, const char *section, const char *key);

/* Splits a comma-separated list value into trimmed, non-empty items. Returns a
 * NULL-terminated malloc'd array (free with conf_list_free), NULL only on OOM. */
char **conf_list(const char *value, size_t *n);
void conf_list_free(char **list);

/* Parsed dynamic sections; arrays owned by C. */
const struct conf_area *conf_areas(const conf *c, size_t *n);
const struct conf_category *conf_categories(const conf *c, size_t *n);
const struct conf_task *conf_tasks(const conf *c, size_t *n);

/* Finds the task NAME loosely: case, spaces, hyphens, underscores and dots do not
 * count ("Check-in calls" = "checkin calls"), and a unique start of at least three
 * letters will do ("food" for "food bank"). Returns NULL when no task or several match
 * (then *AMBIGUOUS, if not NULL, is set to 1). */
const struct conf_task *conf_task_find(const conf *c, const char *name, int *ambiguous);

/* Finds the area of STREET (case-insensitive); returns NULL when unknown. Sets
 * *canonical to the street name as configured when found. */
const struct conf_area *conf_street_area(const conf *c, const char *street,
                                         const char **canonical);

/* Reads the secret for SECTION ("imap" or "smtp"): the environment variable
 * DOORSTEP_<SECTION>_PASSWORD if set, else the first line printed by password_command
 * (run without a shell), else the first line of password_file, which is refused when
 * group or others may read it. Returns a malloc'd string (caller wipes
 * and frees) or NULL with ERR naming the file, section and key, never the secret. */
char *conf_password(const conf *c, const char *section, char *err, size_t errlen);

/* Where conf_password takes [SECTION]'s password from, for a message asking a person
 * to check it: "the environment's DOORSTEP_SMTP_PASSWORD", "[smtp] password_command"
 * or the password file's path. Never the password. */
void conf_password_source(const conf *c, const char *section, char *out, size_t outlen);

/* Writes the documented schema (every section and key with type and default) to a
 * string: used by tests to check config/example.ini documents every key. Caller frees. */
char *conf_schema_keys(void);

#endif
