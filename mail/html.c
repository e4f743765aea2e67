/* html.c — the text of HTML-only mail, with libxml2's forgiving HTML parser: block
 * elements become line breaks, white space collapses, script and style go. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <strings.h>

#include "buf.h"
#include "html.h"
#include "mime.h"

static int
is_block(const char *name)
{
    static const char *const blocks[] = {"p",       "div",    "br",         "li", "tr",  "h1",
                                         "h2",      "h3",     "h4",         "h5", "h6",  "ul",
                                         "ol",      "table",  "blockquote", "hr", "pre", "section",
                                         "article", "header", "footer"};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (strcasecmp(name, blocks[i]) == 0)
            return 1;
    return 0;
}

static void
html_walk(xmlNode *n, struct buf *b, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            /* collapse white space as a browser would */
            int space = b->len > 0 && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n');
            for (const xmlChar *c = n->content; *c; c++) {
                if (isspace(*c)) {
                    if (!space)
                        buf_addc(b, ' ');
                    space = 1;
                } else {
                    buf_addc(b, (char)*c);
                    space = 0;
                }
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (strcasecmp(name, "script") == 0 || strcasecmp(name, "style") == 0 ||
                strcasecmp(name, "head") == 0 || depth > 200)
                continue;
            int block = is_block(name);
            if (block && b->len > 0 && b->data[b->len - 1] != '\n')
                buf_addc(b, '\n');
            html_walk(n->children, b, depth + 1);
            if (block && b->len > 0 && b->data[b->len - 1] != '\n')
                buf_addc(b, '\n');
        }
    }
}

char *
html_to_text(const char *html, size_t len)
{
    struct buf b = {0};
    htmlDocPtr doc;

    if (len > (size_t)1 << 30)
        return NULL;
    doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
    buf_add(&b, "", 0);
    if (doc) {
        html_walk(xmlDocGetRootElement(doc), &b, 0);
        xmlFreeDoc(doc);
    }
    return buf_take(&b);
}
