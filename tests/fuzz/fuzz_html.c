/* fuzz_html.c — HTML mail to text (html_to_text: libxml2's HTML parser and our
 * walk over its tree) on any text, converted to UTF-8 first as doorstep-process
 * converts a text/html part. A message (the seeds) gives its body. The text must come
 * out UTF-8, whole characters, whatever entities and broken markup went in. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "input.h"
#include "html.h"
#include "mime.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *all = fuzz_utf8(data, size), *html = fuzz_body(all), *text;

    text = html_to_text(html, strlen(html));
    if (text) {
        fuzz_check_utf8(text);
        free(text);
    }
    free(all);
    return 0;
}
