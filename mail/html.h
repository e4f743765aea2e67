/* html.h — the text of HTML-only mail. */
#ifndef DOORSTEP_HTML_H
#define DOORSTEP_HTML_H

#include <stddef.h>

/* Plain text of an HTML document (LEN bytes, UTF-8 after conversion): block elements
 * become line breaks, script and style are dropped. Returns malloc'd text or NULL. */
char *html_to_text(const char *html, size_t len);

#endif
