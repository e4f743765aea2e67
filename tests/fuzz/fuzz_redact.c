/* fuzz_redact.c — privacy on any text (rules/redact.c, lib/norm.c, lib/names.c):
 * redaction is stable and leaves nothing for its detectors (redact(redact(x)) is
 * redact(x), and a reading for addresses, phones and postcodes changes nothing), its
 * result is still UTF-8; the normalised text maps back inside the original, in order;
 * a public name has no digit, '@' or handle in it; a caller's name is taken out of a
 * title, however it is written. The input is a text, read as UTF-8 (as the rules
 * get it) and as the raw bytes (as a test of the normaliser's bad bytes). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fuzz.h"
#include "input.h"
#include "names.h"
#include "norm.h"
#include "redact.h"

static void
stable(const struct places *pl, const char *text, int utf8)
{
    char *a = redact(pl, text), *b, *c;

    if (!a)
        abort();
    if (utf8)
        fuzz_check_utf8(a);
    if (!(b = redact(pl, a)) || strcmp(a, b) != 0)
        abort(); /* a second reading found more */
    if (!(c = redact_contacts(a)) || strcmp(a, c) != 0)
        abort(); /* an address, a phone or a postcode is left */
    free(a);
    free(b);
    free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct places *pl = classify_rules_places(fuzz_rules());
    char *text = fuzz_utf8(data, size), *raw = malloc(size + 1), *t;
    struct norm n;
    char name[64];

    if (!raw)
        abort();
    memcpy(raw, data, size);
    raw[size] = '\0';
    stable(pl, text, 1);
    stable(pl, raw, 0);
    /* the map back: every byte from a character of the original, in order */
    if (norm_text(raw, strlen(raw), &n) < 0)
        abort();
    if (strlen(n.text) != n.len || n.from[n.len] != strlen(raw))
        abort();
    for (size_t i = 0; i < n.len; i++)
        if (n.from[i] >= n.to[i] || n.to[i] > strlen(raw) || (i && n.from[i] < n.from[i - 1]))
            abort();
    if (norm_needed(n.text) && strpbrk(n.text, "\x01\x02\x03\x7f"))
        abort(); /* no control character is left */
    norm_free(&n);
    /* a public name: letters, spaces, '.', '\'' and '-' only; never a digit or an '@' */
    if (names_public(text, name, sizeof name)) {
        fuzz_check_utf8(name);
        if (strpbrk(name, "0123456789@_") || !*name)
            abort();
    } else if (*name) {
        abort();
    }
    /* a caller's name: the first line is the name, the rest the title */
    char *nl = strchr(text, '\n');
    if (nl) {
        *nl = '\0';
        if (!(t = redact_name(nl + 1, text)))
            abort();
        fuzz_check_utf8(t);
        free(t);
    }
    free(raw);
    free(text);
    return 0;
}
