/* fuzz_fields.c — process's own readers of common header shapes against libetpan's
 * parsers, which they stand in for, on any bytes as a value and on the fields of a
 * message (the seeds): whatever mimehdr_content_type_simple reads, libetpan must read
 * the same way (type, subtype, parameters in order); whatever mimehdr_mailbox_simple
 * reads, libetpan's mailbox list parser must give as its first mailbox (address and
 * display name); whatever mimehdr_date_simple reads, libetpan's date parser must read
 * alike. */
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
check_mailbox(const char *v)
{
    struct mailimf_mailbox_list *l = NULL;
    struct mailimf_mailbox *mb;
    char *addr, *display;
    size_t idx = 0;

    if (mimehdr_mailbox_simple(v, &addr, &display) != 1)
        return;
    if (mailimf_mailbox_list_parse(v, strlen(v), &idx, &l) != MAILIMF_NO_ERROR || !l ||
        !clist_begin(l->mb_list))
        abort(); /* read here, not by libetpan */
    mb = clist_content(clist_begin(l->mb_list));
    if (!same_str(addr, mb->mb_addr_spec) || !same_str(display, mb->mb_display_name))
        abort();
    mailimf_mailbox_list_free(l);
    free(addr);
    free(display);
}

static void
check_date(const char *v)
{
    struct mimehdr_date d;
    struct mailimf_date_time *t = NULL;
    size_t idx = 0;

    if (!mimehdr_date_simple(v, &d))
        return;
    if (mailimf_date_time_parse(v, strlen(v), &idx, &t) != MAILIMF_NO_ERROR || !t)
        abort(); /* read here, not by libetpan */
    if (d.year != t->dt_year || d.month != t->dt_month || d.day != t->dt_day ||
        d.hour != t->dt_hour || d.min != t->dt_min || d.sec != t->dt_sec || d.zone != t->dt_zone)
        abort();
    mailimf_date_time_free(t);
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
    check_mailbox(v);
    check_date(v);
    free(v);
    /* the bytes as a message: each Content-Type field's value */
    mailhdr_init(&h, (const char *)data, size);
    while (mailhdr_next(&h)) {
        const char *cv;
        if (strcasecmp(h.name, "Content-Type") == 0 && (cv = mailhdr_value(&h)))
            check(cv, h.value.len);
        else if ((strcasecmp(h.name, "From") == 0 || strcasecmp(h.name, "Sender") == 0 ||
                  strcasecmp(h.name, "Reply-To") == 0) &&
                 (cv = mailhdr_value(&h)))
            check_mailbox(cv);
        else if (strcasecmp(h.name, "Date") == 0 && (cv = mailhdr_value(&h)))
            check_date(cv);
    }
    mailhdr_done(&h);
    return 0;
}
