/* hpdf-floor.c — the floor for render: the same text as a doorstep PDF, written with
 * libharu alone. Reads a text file whose pages are separated by form feeds (what
 * pdftotext -layout writes), and puts each page's lines on a page of its own with
 * DejaVu Sans and Sans Bold embedded once each (as doorstep does: TrueType subsets,
 * UTF-8, compressed streams); the first line of a page is bold, the rest regular.
 * No layout, no wrapping, no drawing, no database, no templates.
 *
 *   hpdf-floor TEXT OUT.pdf portrait|landscape */
#include <hpdf.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf jb;
static char *text; /* static: kept across the longjmp */

static void
on_error(HPDF_STATUS status, HPDF_STATUS detail, void *user)
{
    (void)user;
    fprintf(stderr, "hpdf-floor: libharu error 0x%04X (detail %u)\n", (unsigned)status,
            (unsigned)detail);
    longjmp(jb, 1);
}

int
main(int argc, char **argv)
{
    const char *font_dir = "/usr/share/fonts/truetype/dejavu";
    char path[512];
    HPDF_Doc doc;
    HPDF_Font font, bold;
    size_t len = 0, cap = 0, n;
    FILE *f;
    int landscape;

    if (argc != 4) {
        fprintf(stderr, "usage: hpdf-floor TEXT OUT.pdf portrait|landscape\n");
        return 64;
    }
    landscape = strcmp(argv[3], "landscape") == 0;
    if (!(f = fopen(argv[1], "rb"))) {
        perror(argv[1]);
        return 66;
    }
    do {
        if (len + 65536 > cap && !(text = realloc(text, cap = cap * 2 + 65536)))
            return 71;
        n = fread(text + len, 1, 65536, f);
        len += n;
    } while (n > 0);
    fclose(f);
    text[len] = '\0';

    if (!(doc = HPDF_New(on_error, NULL)))
        return 71;
    if (setjmp(jb)) {
        HPDF_Free(doc);
        return 70;
    }
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    snprintf(path, sizeof path, "%s/DejaVuSans.ttf", font_dir);
    font = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE), "UTF-8");
    snprintf(path, sizeof path, "%s/DejaVuSans-Bold.ttf", font_dir);
    bold = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE), "UTF-8");

    for (char *page = text, *ff; page && *page; page = ff ? ff + 1 : NULL) {
        if ((ff = strchr(page, '\f')))
            *ff = '\0';
        if (!*page && !ff)
            break;
        HPDF_Page p = HPDF_AddPage(doc);
        HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4,
                          landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
        float y = HPDF_Page_GetHeight(p) - 40, size = 11;
        HPDF_Page_BeginText(p);
        for (char *line = page, *nl; line && *line; line = nl ? nl + 1 : NULL) {
            if ((nl = strchr(line, '\n')))
                *nl = '\0';
            /* collapse the layout's runs of spaces: the same words, not the same places */
            char *w = line;
            for (char *r = line; *r; r++)
                if (!(*r == ' ' && (r == line || r[-1] == ' ')))
                    *w++ = *r;
            *w = '\0';
            if (*line && y > 20) {
                HPDF_Page_SetFontAndSize(p, line == page ? bold : font, size);
                HPDF_Page_TextOut(p, 40, y, line);
            }
            y -= size * 1.2f;
        }
        HPDF_Page_EndText(p);
    }
    HPDF_SaveToFile(doc, argv[2]);
    HPDF_Free(doc);
    free(text);
    return 0;
}
