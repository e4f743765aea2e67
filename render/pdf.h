/* pdf.h — small helpers over libharu for the printed outputs (rota, leaflets, rounds): a
 * UTF-8 document with a TrueType font embedded ([output] font, DejaVu Sans by default),
 * wrapped text, lines, QR codes, a margin check, atomic saving, and the "label: text"
 * wording lines read from a template. */
#ifndef DOORSTEP_PDF_H
#define DOORSTEP_PDF_H

#include <hpdf.h>
#include <jansson.h>
#include <setjmp.h>
#include <stddef.h>
#include <time.h>

#include "render.h"

/* Page sizes in points (1/72 inch), portrait. */
#define PDF_A4_W 595.28f
#define PDF_A4_H 841.89f
#define PDF_A5_W 419.53f
#define PDF_A5_H 595.28f
#define PDF_LETTER_W 612.0f
#define PDF_LETTER_H 792.0f

/* One document. The libharu error handler records the error in STATUS/DETAIL and, when
 * JMP is set, longjmps there. The caller arms it before drawing:
 *     p.jmp = &jb;  if (setjmp(jb)) { pdf_error(...); only pdf_free() may follow }
 * Locals changed between setjmp and the jump must be volatile; set JMP back to NULL
 * before that function returns. */
struct pdf {
    HPDF_Doc doc;
    HPDF_Font regular, bold;
    HPDF_FontDef fontdef[2]; /* theirs, with glyph tables (pdf_glyph.h) until pdf_free */
    jmp_buf *jmp;
    HPDF_STATUS status, detail;
    const char *path;  /* the file being made, for messages */
    const char *doing; /* what libharu was doing outside a page ("loading FONT") */
    int page_no;       /* pages added so far: the one being drawn */
    float page_w, page_h;
    float margin;           /* no text nearer the page's edge than this (set by the caller) */
    int outside;            /* texts drawn (partly) outside the margins */
    int cut;                /* texts cut short without the caller handling it */
    int fail_page;          /* test hook: DOORSTEP_PDF_FAIL_PAGE=N fails on page N */
    HPDF_Image qr_image;    /* the last QR code drawn, an image of the document */
    char *qr_text;          /* its text */
    unsigned char *qr_bits; /* its pixels while libharu takes them */
};

/* A text box: left edge X, top edge TOP, width W, and at most H points tall. */
struct pdf_box {
    float x, top, w, h;
};

#define PDF_CENTER 1 /* pdf_wrap flag: centre each line in the box */

/* Starts the document PATH (kept for messages) titled TITLE, dated RC->now, with the
 * fonts [output] font and font_bold embedded (subset), UTF-8 text and compression on.
 * Returns 0, or with ERR naming the key and file: EX_OSFILE when a default font is
 * missing (fonts-dejavu-core), EX_CONFIG when a configured one is not a TrueType file,
 * EX_SOFTWARE on a libharu error; P is then already freed. */
int pdf_new(struct pdf *p, const struct render_ctx *rc, const char *path, const char *title,
            char *err, size_t errlen);

/* After a libharu error (the longjmp): writes "PATH: page N: PDF library error 0xCODE
 * (NAME, detail D)" into ERR and returns EX_SOFTWARE. */
int pdf_error(const struct pdf *p, char *err, size_t errlen);

/* After drawing: 0 when every text lay within the margins and none was cut short
 * silently; otherwise the problems were logged as warnings, and with
 * DOORSTEP_PDF_STRICT=1 in the environment (tests) this returns EX_SOFTWARE with ERR
 * set. */
int pdf_check(const struct pdf *p, char *err, size_t errlen);

/* Frees the document (after success or after a longjmp). Safe to call twice. */
void pdf_free(struct pdf *p);

/* Adds a page W x H points and counts it. libharu errors go to the handler. */
HPDF_Page pdf_page(struct pdf *p, float w, float h);

/* The width in points of the LEN bytes of UTF-8 at S in FONT at SIZE. */
float pdf_width(HPDF_Font font, float size, const char *s, size_t len);

/* Writes the single line S with its baseline at (X, Y), and checks it lies within the
 * page's margins (P->outside counts those that do not, with a warning). */
void pdf_text(struct pdf *p, HPDF_Page page, HPDF_Font font, float size, float x, float y,
              const char *s);

#define PDF_ELLIPSIS 2 /* pdf_wrap flag: a cut text ends its last line with "…" */

/* Lays S out in the box in lines of at most BOX.w points (1.25 x SIZE apart), breaking at
 * spaces and at "\n"; a word wider than the box is broken between characters. Lines
 * that would pass BOX.h are left out and *CUT is set to 1; when CUT is NULL and the text
 * is drawn without PDF_ELLIPSIS, the loss is logged and counted (pdf_check). With PAGE
 * NULL nothing is drawn: a measurement. Returns the height used. */
float pdf_wrap(struct pdf *p, HPDF_Page page, HPDF_Font font, float size, struct pdf_box box,
               const char *s, int flags, int *cut);

/* The height pdf_wrap gives to N lines of text of SIZE. */
float pdf_lines(int n, float size);

/* Draws a line of WIDTH, dashed when DASHED; a rectangle filled with GRAY (0 black ..
 * 1 white; < 0 for no fill) and outlined with STROKE points (0 for none). */
void pdf_line(HPDF_Page page, float x1, float y1, float x2, float y2, float width, int dashed);
void pdf_rect(HPDF_Page page, float x, float y, float w, float h, float gray, float stroke,
              int dashed);

/* Draws TEXT as a QR code (error correction M) in the SIZE x SIZE square whose lower
 * left corner is (X, Y), a 4-module white quiet zone included: an image made once per
 * document and text. Returns 0, or -1 with errno set (ERANGE: TEXT too long) when it
 * cannot be encoded; nothing is drawn then. */
int pdf_qr(struct pdf *p, HPDF_Page page, const char *text, float x, float y, float size);

/* Writes the document to PATH atomically (built in memory, then file_write_atomic).
 * Returns 0, or EX_SOFTWARE (libharu), EX_CANTCREAT or EX_IOERR (disk full, I/O error)
 * with ERR naming PATH. */
int pdf_save(struct pdf *p, const char *path, char *err, size_t errlen);

/* The wording of a document: template NAME rendered with DATA, read as lines
 * "label: text". The first line with a label wins; other lines are ignored. */
struct pdf_label {
    const char *key, *value;
};
struct pdf_labels {
    char *file; /* NAME, for messages */
    char *text; /* the rendered template, cut into labels and values */
    struct pdf_label *items;
    size_t n;
    int warned; /* missing labels reported so far */
};

/* Renders template NAME of RC's templates folder with DATA into L (caller frees with
 * pdf_labels_free, also after an error). Returns 0, or EX_CONFIG when the template
 * cannot be read or parsed, EX_OSERR when out of memory, with ERR set. */
int pdf_labels_load(const struct render_ctx *rc, const char *name, const json_t *data,
                    struct pdf_labels *l, char *err, size_t errlen);
void pdf_labels_free(struct pdf_labels *l);

/* The text of label KEY, or FALLBACK (with a warning naming the template) when the
 * template has no such line. Valid until pdf_labels_free. */
const char *pdf_label(struct pdf_labels *l, const char *key, const char *fallback);

/* The English names used when a template has no "weekdays" or "months" line. */
#define PDF_WEEKDAYS "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday"
#define PDF_MONTHS                                                                                 \
    "January, February, March, April, May, June, July, August, September, October, "               \
    "November, December"

/* The Ith (0-based) comma-separated item of label KEY (FALLBACK when there is no such
 * label), trimmed, into OUT; "" when the list is shorter. */
void pdf_label_item(struct pdf_labels *l, const char *key, const char *fallback, size_t i,
                    char *out, size_t outlen);

/* Writes the date of T as "25 November 2026" into OUT, with the month names of label
 * "months"; with WEEKDAY, the day's name from "weekdays" (Monday first) comes first. */
void pdf_label_date(struct pdf_labels *l, time_t t, int weekday, char *out, size_t outlen);

/* A copy of S fit for a PDF line or template data: control characters become spaces and
 * bytes that are not UTF-8 become "?". pdf_clean returns a malloc'd string (caller
 * frees), pdf_jstr a new JSON string; both NULL only when out of memory. */
char *pdf_clean(const char *s);
json_t *pdf_jstr(const char *s);

#endif
