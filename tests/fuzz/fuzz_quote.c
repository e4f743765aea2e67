/* fuzz_quote.c — the new words of a message on any text (mail/quote.c): quotes,
 * "On ... wrote:", Outlook blocks, quoted digests, forwards and signatures cut. A
 * message (the seeds) gives its body; anything else is the text. What is left must
 * still be UTF-8, whole characters: it is stored and rendered. And quote_texts,
 * which reads the text once for both, must give what the two readings give. */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fuzz.h"
#include "input.h"
#include "quote.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *all = fuzz_utf8(data, size), *text = fuzz_body(all), *t[3];

    t[0] = quote_new_text(text);
    t[1] = quote_own_text(text);
    t[2] = quote_forwarded_text(text);
    char *both[2];
    if (quote_texts(text, &both[0], &both[1]) < 0 || !t[0] || !t[1] ||
        strcmp(both[0], t[0]) != 0 || strcmp(both[1], t[1]) != 0)
        abort();
    free(both[0]);
    free(both[1]);
    for (int i = 0; i < 3; i++) {
        if (!t[i])
            abort(); /* NULL is for OOM only */
        fuzz_check_utf8(t[i]);
        free(t[i]);
    }
    free(all);
    return 0;
}
