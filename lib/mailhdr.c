/* mailhdr.c — a small scanner for single header fields of raw RFC 5322 messages. */
#include "mailhdr.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEADER_VALUE_MAX 4096

char *
mailhdr_get(const char *raw, size_t len, const char *name)
{
    size_t nlen = strlen(name), i = 0;

    while (i < len) {
        size_t eol = i;
        while (eol < len && raw[eol] != '\n')
            eol++;
        /* an empty line ends the header block */
        if (eol == i || (eol == i + 1 && raw[i] == '\r'))
            return NULL;
        if (eol - i > nlen && strncasecmp(raw + i, name, nlen) == 0 && raw[i + nlen] == ':') {
            char *out = malloc(HEADER_VALUE_MAX);
            size_t o = 0;
            size_t p = i + nlen + 1;
            if (!out)
                return NULL;
            /* copy this line and its continuation lines, folding to one space */
            for (;;) {
                for (; p < eol && o < HEADER_VALUE_MAX - 1; p++)
                    if (raw[p] != '\r')
                        out[o++] = raw[p] == '\t' ? ' ' : raw[p];
                if (eol + 1 >= len || (raw[eol + 1] != ' ' && raw[eol + 1] != '\t'))
                    break;
                p = eol + 1;
                eol = p;
                while (eol < len && raw[eol] != '\n')
                    eol++;
            }
            out[o] = '\0';
            char *s = out;
            while (*s == ' ')
                s++;
            while (o > 0 && (out[o - 1] == ' '))
                out[--o] = '\0';
            memmove(out, s, strlen(s) + 1);
            return out;
        }
        i = eol + 1;
    }
    return NULL;
}

char *
mailhdr_message_id(const char *raw, size_t len)
{
    char *v = mailhdr_get(raw, len, "Message-ID");
    char *lt, *gt;

    if (!v)
        return NULL;
    lt = strchr(v, '<');
    gt = lt ? strchr(lt, '>') : NULL;
    if (lt && gt && gt > lt + 1) {
        *gt = '\0';
        memmove(v, lt + 1, (size_t)(gt - lt));
    } else {
        v[strcspn(v, " ")] = '\0';
    }
    if (!*v) {
        free(v);
        return NULL;
    }
    return v;
}
