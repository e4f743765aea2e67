/* redact_name.c — a caller's name taken out of the text of a post entered by hand. */
#include "redact.h"

#include <ctype.h>
#include <string.h>

#include "buf.h"
#include "redact_int.h"

/* Whether the N bytes at S, any case, curly apostrophes as straight ones, are the
 * name word W (NUL-terminated, lower case, straight apostrophes). */
static int
name_word_is(const char *s, size_t n, const char *w)
{
    size_t i = 0, k = 0;

    while (i < n && w[k]) {
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            if (w[k] != '\'')
                return 0;
            i += 3;
        } else if (tolower((unsigned char)s[i]) == w[k]) {
            i++;
        } else {
            return 0;
        }
        k++;
    }
    return i == n && !w[k];
}

/* The end of a possessive "'s" (or "’s", or a bare "'") right at S, or S. */
static const char *
possessive(const char *s)
{
    if (s[0] == '\'' && (s[1] == 's' || s[1] == 'S') && !redact_word_char((unsigned char)s[2]))
        return s + 2;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x99 &&
        (s[3] == 's' || s[3] == 'S') && !redact_word_char((unsigned char)s[4]))
        return s + 4;
    return s;
}

/* Adds WORD (N bytes) to the list of name words W (at most 16). */
static void
name_add(char w[16][64], size_t *nw, const char *word, size_t n)
{
    if (*nw < 16 && n >= 2 && n < 64) {
        memcpy(w[*nw], word, n);
        w[(*nw)++][n] = '\0';
    }
}

/* The words of NAME into OUT (*NWORDS of them, at most 16), lower case, and the parts of
 * "O'Neill" ("neill", "oneill") and "Smith-Jones". */
static void
name_words(const char *name, char out[16][64], size_t *nwords)
{
    for (const char *q = name ? name : ""; *q;) {
        char w[64] = "", joined[64] = "";
        size_t n = 0, k = 0;
        while (*q && !redact_word_char((unsigned char)*q))
            q++;
        while (*q && (redact_word_char((unsigned char)*q) || *q == '\'' || *q == '-')) {
            if (n < 63)
                w[n++] = (char)tolower((unsigned char)*q);
            q++;
        }
        while (n && (w[n - 1] == '\'' || w[n - 1] == '-'))
            n--;
        name_add(out, nwords, w, n);
        for (size_t i = 0, from = 0; i <= n; i++) {
            if (i < n && w[i] != '\'' && w[i] != '-') {
                joined[k++] = w[i];
                continue;
            }
            if (i < n || from > 0)
                if (i - from >= 3)
                    name_add(out, nwords, w + from, i - from);
            from = i + 1;
        }
        if (k != n)
            name_add(out, nwords, joined, k);
    }
}

char *
redact_name(const char *text, const char *name)
{
    static const char *const titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame",
                                         "lady", "auntie", "aunty", "uncle", "nan", "grandma",
                                         "grandad", NULL};
    char words[16][64];
    size_t nwords = 0;
    struct buf b = {0};
    const char *p = text, *kept = text;

    name_words(name, words, &nwords);
    buf_add(&b, "", 0);
    while (*p) {
        const char *s = p, *q = p, *span_end = NULL;
        int possessed = 0;

        if (!redact_word_char((unsigned char)*p) ||
            (p > text && redact_word_char((unsigned char)p[-1]))) {
            p++;
            continue;
        }
        /* a run of titles and name words from S: "Mrs Ethel Pargeter's", "Dr. Pargeter" */
        for (;;) {
            const char *w = q, *end, *e;
            int is_name = 0, is_title = 0;
            while (*q && (redact_word_char((unsigned char)*q) ||
                          ((*q == '\'' || *q == '-') && redact_word_char((unsigned char)q[1]))))
                q++;
            end = q;
            /* "Pargeter's" is "Pargeter" and its "'s" */
            if (end - w > 2 && end[-2] == '\'' && (end[-1] == 's' || end[-1] == 'S'))
                end -= 2;
            else if (end - w > 4 && (unsigned char)end[-4] == 0xE2 &&
                     (unsigned char)end[-3] == 0x80 && (unsigned char)end[-2] == 0x99 &&
                     (end[-1] == 's' || end[-1] == 'S'))
                end -= 4;
            e = possessive(end) != end ? possessive(end) : q;
            for (size_t i = 0; i < nwords && !is_name; i++)
                is_name = name_word_is(w, (size_t)(end - w), words[i]);
            for (size_t i = 0; !is_name && titles[i] && !is_title; i++)
                is_title = name_word_is(w, (size_t)(end - w), titles[i]);
            if (!is_name && !is_title)
                break;
            if (is_name) {
                span_end = e;
                possessed = e != end;
            }
            if (e != end && is_name)
                break; /* a possessive ends the name */
            const char *n = e;
            if (*n == '.')
                n++;
            if (*n != ' ')
                break;
            while (*n == ' ')
                n++;
            if (!redact_word_char((unsigned char)*n))
                break;
            q = n;
        }
        if (!span_end) {
            while (*p && redact_word_char((unsigned char)*p))
                p++;
            continue;
        }
        /* "a neighbour", capitalised where a sentence starts, its "'s" kept */
        const char *before = s;
        while (before > text && before[-1] == ' ')
            before--;
        buf_add(&b, kept, (size_t)(s - kept));
        buf_adds(&b, before == text || strchr(".!?\n", before[-1]) ? "A neighbour" : "a neighbour");
        if (possessed)
            buf_adds(&b, "'s");
        p = kept = span_end;
    }
    buf_add(&b, kept, (size_t)(p - kept));
    return buf_take(&b);
}
