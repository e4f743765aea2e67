/* addr.c — bare addresses and RFC 5322 mailboxes ("Name <address>"). */
#include "addr.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

int
addr_valid(const char *s)
{
    const char *at = strchr(s, '@');

    if (!at || at == s || at[1] == '\0' || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p) || strchr("<>,;\"()[]\\", *p) || (unsigned char)*p < 32 ||
            *p == 0x7f)
            return 0;
    return at[1] != '.' && s[strlen(s) - 1] != '.';
}

/* Whether S is valid UTF-8 throughout. */
static int
utf8_valid(const char *s)
{
    size_t n = strlen(s);

    for (size_t i = 0, k; i < n; i += k)
        if (!(k = text_utf8_seq((const unsigned char *)s + i, n - i)))
            return 0;
    return 1;
}

/* Appends the words of the display name PHRASE (LEN bytes) to B, unquoted and joined
 * by one space. Returns 0, or -1 with ERR set. */
static int
read_phrase(const char *phrase, size_t len, struct buf *b, char *err, size_t errlen)
{
    size_t i = 0;

    while (i < len) {
        if (isspace((unsigned char)phrase[i])) {
            i++;
            continue;
        }
        if (b->len)
            buf_addc(b, ' ');
        if (phrase[i] == '"') {
            for (i++; i < len && phrase[i] != '"'; i++) {
                if (phrase[i] == '\\' && i + 1 < len)
                    i++;
                buf_addc(b, phrase[i]);
            }
            if (i >= len) {
                snprintf(err, errlen, "the name's quote is not closed");
                return -1;
            }
            i++;
            continue;
        }
        for (; i < len && !isspace((unsigned char)phrase[i]) && phrase[i] != '"'; i++) {
            if (strchr(",;<>@[]:\\()", phrase[i])) {
                snprintf(err, errlen,
                         "a name with \"%c\" must be in double quotes, like \"Lopez, Maria\" "
                         "<maria@example.org>",
                         phrase[i]);
                return -1;
            }
            buf_addc(b, phrase[i]);
        }
    }
    return 0;
}

int
addr_parse_mailbox(const char *s, char **name, char **addr, char *err, size_t errlen)
{
    struct buf b = {0};
    const char *lt, *gt, *end = s + strlen(s);

    *name = *addr = NULL;
    while (isspace((unsigned char)*s))
        s++;
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    for (const char *p = s; p < end; p++)
        if (((unsigned char)*p < 32 && *p != '\t') || *p == 0x7f) {
            snprintf(err, errlen, "holds a control character");
            return -1;
        }
    if (end == s) {
        snprintf(err, errlen, "is empty");
        return -1;
    }
    /* the address is in the last <...>, which must end the text; a "<" inside a
     * quoted name does not count */
    lt = NULL;
    for (const char *p = s; p < end; p++) {
        if (*p == '"')
            for (p++; p < end && *p != '"'; p++)
                p += *p == '\\' && p + 1 < end;
        else if (*p == '<' && !lt)
            lt = p;
    }
    if (!lt) {
        if (!(*addr = strndup(s, (size_t)(end - s))) || !(*name = strdup(""))) {
            free(*addr);
            *addr = NULL;
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (addr_valid(*addr))
            return 0;
        snprintf(err, errlen, "is not an email address (like help@example.org, or "
                              "Elm Park Neighbours <help@example.org>)");
        goto fail;
    }
    gt = memchr(lt, '>', (size_t)(end - lt));
    if (!gt || gt + 1 != end) {
        snprintf(err, errlen, "%s", gt ? "has something after the address's \">\""
                                       : "has no \">\" after the address");
        return -1;
    }
    if (read_phrase(s, (size_t)(lt - s), &b, err, errlen) < 0) {
        buf_free(&b);
        return -1;
    }
    *name = buf_take(&b);
    *addr = strndup(lt + 1, (size_t)(gt - lt - 1));
    if (!*name || !*addr) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (!utf8_valid(*name)) {
        snprintf(err, errlen, "the name is not UTF-8");
        goto fail;
    }
    if (!addr_valid(*addr)) {
        snprintf(err, errlen, "\"%s\" is not an email address", *addr);
        goto fail;
    }
    return 0;
fail:
    free(*name);
    free(*addr);
    *name = *addr = NULL;
    return -1;
}
