/* fuzz_ctype.c — process's own Content-Type reader against libetpan's parser, on any
 * bytes as a value and on every Content-Type field of a message (the seeds): whatever
 * mimehdr_content_type_simple reads, libetpan must read the same way (type, subtype,
 * parameters in order), since it stands in for it. */
#include <libetpan/libetpan.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "mailhdr.h"
#include "mimehdr.h"

static int
same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void
check(const char *v, size_t len)
{
    struct mailmime_content *mine = mimehdr_content_type_simple(v, len), *theirs = NULL;
    size_t idx = 0;
    clistiter *a, *b;

    if (!mine)
        return;
    if (mailmime_content_parse(v, len, &idx, &theirs) != MAILIMF_NO_ERROR || !theirs)
        abort(); /* read here, not by libetpan */
    struct mailmime_type *x = mine->ct_type, *y = theirs->ct_type;
    if (x->tp_type != y->tp_type || !same_str(mine->ct_subtype, theirs->ct_subtype))
        abort();
    if (x->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
        (x->tp_data.tp_discrete_type->dt_type != y->tp_data.tp_discrete_type->dt_type ||
         !same_str(x->tp_data.tp_discrete_type->dt_extension,
                   y->tp_data.tp_discrete_type->dt_extension)))
        abort();
    if (x->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
        (x->tp_data.tp_composite_type->ct_type != y->tp_data.tp_composite_type->ct_type ||
         !same_str(x->tp_data.tp_composite_type->ct_token,
                   y->tp_data.tp_composite_type->ct_token)))
        abort();
    for (a = clist_begin(mine->ct_parameters), b = clist_begin(theirs->ct_parameters); a && b;
         a = clist_next(a), b = clist_next(b)) {
        struct mailmime_parameter *p = clist_content(a), *q = clist_content(b);
        if (!same_str(p->pa_name, q->pa_name) || !same_str(p->pa_value, q->pa_value))
            abort();
    }
    if (a || b)
        abort(); /* not as many parameters */
    mailmime_content_free(mine);
    mailmime_content_free(theirs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mailhdr h;
    char *v = malloc(size + 1);

    /* the bytes as a value (a C string, as mailhdr_value gives) */
    if (!v)
        return 0;
    memcpy(v, data, size);
    v[size] = '\0';
    check(v, strlen(v));
    free(v);
    /* the bytes as a message: each Content-Type field's value */
    mailhdr_init(&h, (const char *)data, size);
    while (mailhdr_next(&h)) {
        const char *cv;
        if (strcasecmp(h.name, "Content-Type") == 0 && (cv = mailhdr_value(&h)))
            check(cv, h.value.len);
    }
    mailhdr_done(&h);
    return 0;
}
