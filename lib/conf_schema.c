/* conf_schema.c — the config's schema: every key doorstep reads, with its type and
 * default; the unknown sections and keys of a file, with a "did you mean". */
#include "conf.h"
#include "conf_int.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

/* The schema: every key doorstep reads. config/example.ini documents each of them and
 * a unit test checks that it does. Sections with free keys (areas, categories, rota
 * tasks) are handled by their own parsers (conf_sections.c). */
const struct conf_key conf_schema[] = {
    {"group", "name", CT_STR, NULL, NULL, 0, 0, 1},
    {"group", "address", CT_EMAIL, NULL, NULL, 0, 0, 1},
    {"group", "phone", CT_STR, "", NULL, 0, 0, 0},
    {"group", "timezone", CT_TZ, "Europe/London", NULL, 0, 0, 0},
    {"group", "moderation", CT_ENUM, "unknown", "unknown|none", 0, 0, 0},
    {"group", "languages", CT_STR, "en", NULL, 0, 0, 0},
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
    {"process", "closing_phrases", CT_STR, "", NULL, 0, 0, 0},
    {"process", "event_phrases", CT_STR, "", NULL, 0, 0, 0},
    {"process", "group_phrases", CT_STR, "", NULL, 0, 0, 0},
    {"smtp", "method", CT_ENUM, "file", "smtp|sendmail|file", 0, 0, 0},
    {"smtp", "host", CT_HOST, "", NULL, 0, 0, 0},
    {"smtp", "port", CT_PORT, "", NULL, 0, 0, 0},
    {"smtp", "security", CT_ENUM, "starttls", "tls|starttls|none", 0, 0, 0},
    {"smtp", "ca_file", CT_PATH, "", NULL, 0, 0, 0},
    {"smtp", "user", CT_STR, "", NULL, 0, 0, 0},
    {"smtp", "password_file", CT_PATH, "", NULL, 0, 0, 0},
    {"smtp", "password_command", CT_STR, "", NULL, 0, 0, 0},
    {"smtp", "timeout", CT_INT, "60", NULL, 1, 3600, 0},
    {"smtp", "from", CT_MAILBOX, "", NULL, 0, 0, 0},
    {"smtp", "sendmail", CT_PROGRAM, "/usr/sbin/sendmail", NULL, 0, 0, 0},
    {"smtp", "dir", CT_PATH, "", NULL, 0, 0, 0},
    {"digest", "to", CT_RECIPIENTS, "", NULL, 0, 0, 0},
    {"digest", "send_when_empty", CT_BOOL, "no", NULL, 0, 0, 0},
    {"replies", "new_post", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "held", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "triage", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "expiring", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "closed", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "recoded", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "renewed", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "privacy", CT_BOOL, "yes", NULL, 0, 0, 0},
    {"replies", "per_address_per_day", CT_INT, "5", NULL, 0, 1000, 0},
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
    {"privacy", "delete_from_mailbox", CT_BOOL, "no", NULL, 0, 0, 0},
    {"privacy", "contact", CT_EMAIL, "", NULL, 0, 0, 0},
};
#define NSCHEMA (sizeof(conf_schema) / sizeof(conf_schema[0]))
const size_t conf_nschema = NSCHEMA;

/* Sections whose keys are free (names chosen by the group). [rota] mixes both: its
 * schema keys above, every other key a task. */
static const char *const free_sections[] = {"areas", "categories", "rota"};

static const struct conf_key *
schema_find(const char *section, const char *key)
{
    /* (first letters first: the stages ask for values while they work) */
    for (size_t i = 0; i < NSCHEMA; i++)
        if (conf_schema[i].key[0] == key[0] && conf_schema[i].section[0] == section[0] &&
            strcmp(conf_schema[i].key, key) == 0 && strcmp(conf_schema[i].section, section) == 0)
            return &conf_schema[i];
    return NULL;
}

int
conf_schema_has(const char *section, const char *key)
{
    return schema_find(section, key) != NULL;
}

static int
section_known(const char *section)
{
    for (size_t i = 0; i < NSCHEMA; i++)
        if (strcmp(conf_schema[i].section, section) == 0)
            return 1;
    for (size_t i = 0; i < sizeof free_sections / sizeof free_sections[0]; i++)
        if (strcmp(free_sections[i], section) == 0)
            return 1;
    return 0;
}

/* " (did you mean [SECTION]?)" for an unknown section, or "". */
static const char *
section_hint(const char *section, char *out, size_t size)
{
    const char *names[NSCHEMA + sizeof free_sections / sizeof free_sections[0]];
    const char *near;
    size_t n = 0;

    for (size_t i = 0; i < NSCHEMA; i++)
        if (i == 0 || strcmp(conf_schema[i].section, conf_schema[i - 1].section) != 0)
            names[n++] = conf_schema[i].section;
    for (size_t i = 0; i < sizeof free_sections / sizeof free_sections[0]; i++)
        names[n++] = free_sections[i];
    if ((near = suggest_nearest(section, names, n)))
        snprintf(out, size, " (did you mean [%s]?)", near);
    else if (size)
        out[0] = '\0';
    return out;
}

/* " (did you mean KEY?)" for an unknown key of SECTION: a key of the section near it,
 * else the section where a key of that name belongs; or "". */
static const char *
key_hint(const char *section, const char *key, char *out, size_t size)
{
    const char *names[NSCHEMA];
    size_t n = 0;

    for (size_t i = 0; i < NSCHEMA; i++)
        if (strcmp(conf_schema[i].section, section) == 0)
            names[n++] = conf_schema[i].key;
    if (*suggest_hint(key, names, n, "", out, size))
        return out;
    for (size_t i = 0; i < NSCHEMA; i++)
        if (strcmp(conf_schema[i].key, key) == 0) {
            snprintf(out, size, " (it belongs in [%s])", conf_schema[i].section);
            return out;
        }
    return out;
}

void
conf_check_sections(conf *c, struct errbuf *e)
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
            char hint[128];
            int line = 0;
            for (size_t j = 0; j < c->nlines && !line; j++)
                if (strcmp(c->lines[j].name, sec) == 0)
                    line = c->lines[j].line;
            section_hint(sec, hint, sizeof hint);
            if (line)
                conf_errf(e, "%s:%d: [%s]: unknown section%s", c->file, line, sec, hint);
            else
                conf_errf(e, "%s: [%s]: unknown section%s", c->file, sec, hint);
            continue;
        }
        for (size_t j = 0; j < sizeof free_sections / sizeof free_sections[0]; j++)
            free_keys |= strcmp(free_sections[j], sec) == 0;
        if (free_keys)
            continue;
        if (conf_section_keys(c, sec, &keys, &nkeys, e) < 0)
            return;
        for (int j = 0; j < nkeys; j++) {
            const char *key = strchr(keys[j], ':') + 1;
            if (schema_find(sec, key))
                continue;
            if (strcmp(key, "password") == 0 || strcmp(key, "pass") == 0)
                conf_keyerr(e, c, sec, key,
                            "passwords are never read from the config; use password_file or the "
                            "environment variable DOORSTEP_%s_PASSWORD",
                            strcmp(sec, "smtp") == 0 ? "SMTP" : "IMAP");
            else {
                char hint[128];
                conf_keyerr(e, c, sec, key, "unknown key%s", key_hint(sec, key, hint, sizeof hint));
            }
        }
        free(keys);
    }
}

size_t
conf_schema_index(const char *section, const char *key)
{
    const struct conf_key *k = schema_find(section, key);

    assert(k != NULL && "key not in the config schema");
    if (!k)
        abort();
    return (size_t)(k - conf_schema);
}

char *
conf_schema_keys(void)
{
    size_t cap = 64;
    char *out;

    for (size_t i = 0; i < NSCHEMA; i++)
        cap += strlen(conf_schema[i].section) + strlen(conf_schema[i].key) + 2;
    if (!(out = malloc(cap)))
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < NSCHEMA; i++) {
        strcat(out, conf_schema[i].section);
        strcat(out, ".");
        strcat(out, conf_schema[i].key);
        strcat(out, "\n");
    }
    return out;
}
