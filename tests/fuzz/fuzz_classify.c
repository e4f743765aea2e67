/* fuzz_classify.c — the classifier on any text, with rules compiled from a config as
 * doorstep-process compiles them: the subject's prefix, reference codes, automatic and
 * chatter subjects, then kind, closing and category on the words. The input is a
 * subject line and a text (or a message: its Subject field and body; see input.h). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fuzz.h"
#include "input.h"

static int
is_status(const char *s)
{
    return strcmp(s, "done") == 0 || strcmp(s, "taken") == 0 || strcmp(s, "withdrawn") == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rules *r = fuzz_rules();
    char *text = fuzz_utf8(data, size), *subject, *body, refs[MAX_REFS][CODE_SIZE];
    struct subject_info si;
    struct kind_guess g;
    const char *s;
    size_t n;

    fuzz_split(text, &subject, &body);
    classify_subject(subject, &si);
    /* the title is stored and shown: text, whole characters (the place is only
     * matched against the streets, never kept) */
    fuzz_check_utf8(si.title);
    if (si.kind == KIND_CLOSING && si.status && !is_status(si.status))
        abort();
    n = classify_refs(subject, refs, MAX_REFS);
    n += classify_refs(body, refs, MAX_REFS);
    if (n > 2 * MAX_REFS)
        abort();
    classify_auto_subject(subject);
    classify_chatter_subject(subject);
    classify_kind(r, si.title, body, &g);
    if (g.kind != KIND_NONE && g.kind != KIND_OFFER && g.kind != KIND_REQUEST)
        abort();
    if ((s = classify_closing(r, si.title)) && !is_status(s))
        abort();
    if ((s = classify_closing(r, body)) && !is_status(s))
        abort();
    if (!classify_category(r, si.title, body))
        abort();
    free(text);
    return 0;
}
