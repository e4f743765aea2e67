/* conf_value.c — one value of the configuration against its type in the schema:
 * strict numbers and sizes, booleans, addresses, host names, time zones, choices. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addr.h"
#include "conf_int.h"

int
conf_parse_size(const char *s, long *out)
{
    char num[32];
    size_t n = strlen(s);
    long mult = 1, v;

    if (n == 0 || n >= sizeof num)
        return -1;
    memcpy(num, s, n + 1);
    switch (toupper((unsigned char)num[n - 1])) {
    case 'K':
        mult = 1024L;
        break;
    case 'M':
        mult = 1024L * 1024;
        break;
    case 'G':
        mult = 1024L * 1024 * 1024;
        break;
    default:
        break;
    }
    if (mult != 1)
        num[n - 1] = '\0';
    if (conf_parse_long(num, &v) < 0 || v < 0 || v > LONG_MAX / mult)
        return -1;
    *out = v * mult;
    return 0;
}

int
conf_parse_bool(const char *s, int *out)
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

void
conf_check_value(const conf *c, const struct conf_key *k, const char *v, struct errbuf *e)
{
    long n;
    int b;

    switch (k->type) {
    case CT_STR:
    case CT_PROGRAM:
    case CT_PATH:
    case CT_FILE: /* checked once resolved, see check_file */
        break;
    case CT_INT:
        if (conf_parse_long(v, &n) < 0)
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not a whole number", v);
        else if (n < k->min || n > k->max)
            conf_keyerr(e, c, k->section, k->key, "%ld is out of range (%ld to %ld)", n, k->min,
                        k->max);
        break;
    case CT_SIZE:
        if (conf_parse_size(v, &n) < 0)
            conf_keyerr(e, c, k->section, k->key,
                        "\"%s\" is not a size (bytes, or a number with K, M or G)", v);
        else if (n < k->min || n > k->max)
            conf_keyerr(e, c, k->section, k->key, "%s is out of range (1K to 1G)", v);
        break;
    case CT_BOOL:
        if (conf_parse_bool(v, &b) < 0)
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not yes or no", v);
        break;
    case CT_ENUM:
        if (!enum_has(k->choices, v))
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not one of %s", v, k->choices);
        break;
    case CT_EMAIL:
        if (*v && !addr_valid(v))
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not an email address%s", v,
                        strchr(v, '<') ? " (a bare address here, like help@example.org; a "
                                         "name for the From line goes in [smtp] from)"
                                       : "");
        break;
    case CT_MAILBOX: {
        char *name, *addr, why[256];
        if (*v && addr_parse_mailbox(v, &name, &addr, why, sizeof why) < 0)
            conf_keyerr(e, c, k->section, k->key, "\"%s\": %s", v, why);
        else if (*v)
            free(name), free(addr);
        break;
    }
    case CT_RECIPIENTS:
        if (strcmp(v, "members") == 0)
            break;
        /* fall through */
    case CT_EMAILS: {
        char **list = conf_list(v, NULL);
        for (char **p = list; p && *p; p++)
            if (!addr_valid(*p))
                conf_keyerr(e, c, k->section, k->key, "\"%s\" is not an email address", *p);
        conf_list_free(list);
        break;
    }
    case CT_TZ:
        if (!valid_tz(v))
            conf_keyerr(e, c, k->section, k->key,
                        "\"%s\" is not a known time zone (like Europe/London)", v);
        break;
    case CT_SOURCE:
        if (strcmp(v, "imap") != 0 &&
            !((strncmp(v, "maildir:", 8) == 0 && v[8]) || (strncmp(v, "mbox:", 5) == 0 && v[5])))
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not imap, maildir:PATH or mbox:PATH",
                        v);
        break;
    case CT_HOST:
        if (*v && !valid_host(v))
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not a host name or address", v);
        break;
    case CT_AFTER:
        if (strcmp(v, "keep") != 0 && strcmp(v, "seen") != 0 &&
            !(strncmp(v, "move:", 5) == 0 && v[5]))
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not keep, seen or move:FOLDER", v);
        break;
    case CT_PORT:
        if (*v && (conf_parse_long(v, &n) < 0 || n < 1 || n > 65535))
            conf_keyerr(e, c, k->section, k->key, "\"%s\" is not a port number (1 to 65535)", v);
        break;
    }
}
