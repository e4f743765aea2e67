/* fuzz_mailhdr.c — the header scanner (lib/mailhdr.c) on any bytes: fetch's Message-ID,
 * and every field as process walks them, each value unfolded when asked for (every
 * other field here, some twice): unfolded, it holds no line break or tab, is trimmed,
 * and is no longer than the field's bytes nor than MAILHDR_VALUE_MAX. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mailhdr.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mailhdr h;
    size_t k = 0;

    free(mailhdr_message_id((const char *)data, size));
    free(mailhdr_get((const char *)data, size, "Subject"));
    mailhdr_init(&h, (const char *)data, size);
    while (mailhdr_next(&h)) {
        const char *v;
        if (k++ % 2 || !(v = mailhdr_value(&h)))
            continue;
        if (k % 3 == 0 && mailhdr_value(&h) != v)
            abort(); /* the second call gives the same */
        size_t n = h.value.len;
        if (n > MAILHDR_VALUE_MAX || n > h.vend - h.vstart || v[n] != '\0' ||
            memchr(v, '\t', n) || memchr(v, '\r', n) || memchr(v, '\n', n) ||
            (n && (v[0] == ' ' || v[n - 1] == ' ')))
            abort();
    }
    if (h.body > size)
        abort();
    mailhdr_done(&h);
    return 0;
}
