/* fuzz_text.c — charset conversion, UTF-8 repair and wrapping on any bytes: the first
 * byte picks the charset. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const charsets[] = {"utf-8", "windows-1252", "iso-8859-2", "koi8-r",
                                           "utf-16", "shift_jis", "x-unknown", ""};
    char *s, *w;

    if (size == 0)
        return 0;
    s = text_to_utf8((const char *)data + 1, size - 1, charsets[data[0] % 8], NULL);
    if (!s)
        return 0;
    /* the result must be valid UTF-8 */
    for (size_t i = 0, n = strlen(s); i < n;) {
        size_t k = text_utf8_seq((const unsigned char *)s + i, n - i);
        if (k == 0)
            abort();
        i += k;
    }
    if ((w = text_wrap(s, 1 + data[0] % 80)))
        free(w);
    text_squeeze(s);
    char *t = malloc(strlen(s) + 4);
    if (t) {
        strcpy(t, s);
        text_truncate(t, data[0] % 40);
        free(t);
    }
    free(s);
    return 0;
}
