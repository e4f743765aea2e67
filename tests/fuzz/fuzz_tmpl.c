/* fuzz_tmpl.c — the Mustache parser and renderer on any template text. */
#include <jansson.h>
#include <stdlib.h>

#include "fuzz.h"
#include "tmpl.h"

static const char *
partial(const char *name, void *ud)
{
    (void)name;
    return ud; /* every partial is the template itself: recursion must stay bounded */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static json_t *ctx;
    char err[256], *src, *out;
    tmpl *t;

    if (!ctx)
        ctx = json_loads("{\"a\":[{\"b\":1},{\"b\":\"<x>\"}],\"c\":{\"d\":true},\"e\":\"\"}", 0,
                         NULL);
    if (!(t = tmpl_parse((const char *)data, size, "fuzz", err, sizeof err)))
        return 0;
    if ((src = malloc(size + 1))) {
        for (size_t i = 0; i < size; i++)
            src[i] = data[i] ? (char)data[i] : ' ';
        src[size] = '\0';
        if ((out = tmpl_render(t, ctx, partial, src, err, sizeof err)))
            free(out);
        if ((out = tmpl_render_text(t, ctx, NULL, NULL, err, sizeof err)))
            free(out);
        free(src);
    }
    tmpl_free(t);
    return 0;
}
