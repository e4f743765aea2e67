/* privacy.c — the privacy notice's contact, data and the subject that asks for it. */
#include "privacy.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text.h"

const char *
privacy_contact(const conf *c)
{
    const char *v = conf_str(c, "privacy", "contact");

    return v && *v ? v : conf_str(c, "group", "address");
}

static int
set(json_t *o, const char *key, json_t *v)
{
    return v ? json_object_set_new(o, key, v) : -1;
}

json_t *
privacy_data(const conf *c)
{
    json_t *o = json_object(), *group = json_object();
    char ask[512];
    int bad = !o || !group;

    snprintf(ask, sizeof ask, "mailto:%s?subject=%s", conf_str(c, "group", "address"),
             PRIVACY_SUBJECT);
    if (!bad) {
        bad |= set(group, "name", json_string(conf_str(c, "group", "name")));
        bad |= set(group, "address", json_string(conf_str(c, "group", "address")));
        bad |= set(group, "phone", json_string(conf_str(c, "group", "phone")));
        bad |= json_object_set(o, "group", group);
        bad |= set(o, "contact", json_string(privacy_contact(c)));
        bad |=
            set(o, "contact_is_group",
                json_boolean(strcasecmp(privacy_contact(c), conf_str(c, "group", "address")) == 0));
        bad |= set(o, "subject", json_string(PRIVACY_SUBJECT));
        bad |= set(o, "ask", json_string(ask));
        bad |= set(o, "retention_days",
                   json_integer((json_int_t)conf_int(c, "privacy", "retention_days")));
        bad |=
            set(o, "outbox_days", json_integer((json_int_t)conf_int(c, "privacy", "outbox_days")));
        bad |= set(o, "request_days",
                   json_integer((json_int_t)conf_int(c, "process", "request_days")));
        bad |= set(o, "offer_days", json_integer((json_int_t)conf_int(c, "process", "offer_days")));
        bad |= set(o, "delete_from_mailbox",
                   json_boolean(conf_bool(c, "privacy", "delete_from_mailbox")));
        bad |= set(o, "members_digest",
                   json_boolean(strcmp(conf_str(c, "digest", "to"), "members") == 0));
        bad |= set(o, "moderation",
                   json_boolean(strcmp(conf_str(c, "group", "moderation"), "unknown") == 0));
    }
    json_decref(group);
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

int
privacy_add(json_t *obj, const conf *c)
{
    json_t *p = privacy_data(c);

    return p ? json_object_set_new(obj, "privacy", p) : -1;
}

/* The words that ask, in lower case (ASCII letters only are folded: the Polish
 * forms are listed as written in either case). */
static const char *const asks[] = {
    "privacy",
    "privacy notice",
    "privacy policy",
    "privacidad",
    "aviso de privacidad",
    "prywatność",
    "prywatnosc",
    "PRYWATNOŚĆ",
    "polityka prywatności",
    "POLITYKA PRYWATNOŚCI",
};

int
privacy_asked(const char *subject)
{
    char s[128];
    char *p, *end;
    int again = 1;

    if (!subject || strlen(subject) >= sizeof s)
        return 0;
    snprintf(s, sizeof s, "%s", subject);
    text_squeeze(s);
    p = s;
    while (again) {
        static const char *const prefixes[] = {"re:", "aw:", "sv:", "odp:", "re :"};
        again = 0;
        for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
            if (strncasecmp(p, prefixes[i], strlen(prefixes[i])) == 0) {
                p += strlen(prefixes[i]);
                while (*p == ' ')
                    p++;
                again = 1;
            }
    }
    end = p + strlen(p);
    while (end > p && strchr(".!?: ", end[-1]))
        *--end = '\0';
    if (*p == '[' && end > p + 1 && end[-1] == ']') {
        *--end = '\0';
        p++;
    }
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++)
        if (strcasecmp(p, asks[i]) == 0)
            return 1;
    return 0;
}
