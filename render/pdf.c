/* pdf.c — libharu behind a few helpers: documents with an embedded TrueType font, wrapped
 * text, a margin check, lines, QR codes, saving through memory to an atomically written
 * file, and template wording. */
#include "pdf.h"

#include <errno.h>
#include <limits.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "file.h"
#include "log.h"
#include "pdf_glyph.h"
#include "text.h"

#define LINE_MAX_BYTES 1024 /* one drawn line; far wider than any page */
#define LEAD 1.25f          /* line height as a multiple of the font size */
#define ELLIPSIS "\u2026"
#define MAX_WARNINGS 5 /* layout warnings logged per document */

/* Names of the libharu errors a render can meet (hpdf_error.h), for messages. */
static const struct {
    HPDF_STATUS code;
    const char *name;
} hpdf_errors[] = {
    {HPDF_FAILD_TO_ALLOC_MEM, "out of memory"},
    {HPDF_FILE_IO_ERROR, "file I/O error"},
    {HPDF_FILE_OPEN_ERROR, "cannot open file"},
    {HPDF_INVALID_DOCUMENT_STATE, "invalid document state"},
    {HPDF_INVALID_FONT, "invalid font"},
    {HPDF_INVALID_FONTDEF_DATA, "invalid font data"},
    {HPDF_INVALID_PARAMETER, "invalid parameter"},
    {HPDF_PAGE_CANNOT_RESTORE_GSTATE, "graphics state underflow"},
    {HPDF_EXCEED_GSTATE_LIMIT, "graphics state overflow"},
    {HPDF_PAGE_FONT_NOT_FOUND, "no font set"},
    {HPDF_PAGE_INVALID_FONT, "invalid font on the page"},
    {HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size"},
    {HPDF_PAGE_INVALID_GMODE, "drawing call out of order"},
    {HPDF_PAGE_INVALID_SIZE, "invalid page size"},
    {HPDF_PAGE_OUT_OF_RANGE, "value out of the page's range"},
    {HPDF_REAL_OUT_OF_RANGE, "number out of range"},
    {HPDF_STRING_OUT_OF_RANGE, "text too long"},
    {HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font may not be embedded"},
    {HPDF_TTF_INVALID_CMAP, "the font has no usable character map"},
    {HPDF_TTF_INVALID_FOMAT, "not a TrueType font"},
    {HPDF_TTF_MISSING_TABLE, "the font lacks a TrueType table"},
    {HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font type"},
    {HPDF_ZLIB_ERROR, "compression error"},
};

/* The libharu error handler: remember the error, then jump to the armed setjmp. */
static void
on_error(HPDF_STATUS status, HPDF_STATUS detail, void *user)
{
    struct pdf *p = user;

    p->status = status;
    p->detail = detail;
    if (p->jmp)
        longjmp(*p->jmp, 1);
}

/* Length of the valid UTF-8 sequence at S, or 0 when S does not start one. */
static size_t
u8valid(const unsigned char *s)
{
    unsigned c = s[0], cp;
    size_t n;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Bytes of the character at S (a stray byte counts as one). */
static size_t
u8len(const char *s)
{
    size_t n = 1;

    while (((unsigned char)s[n] & 0xC0) == 0x80)
        n++;
    return n;
}

/* Finds the next line of S (which starts at a non-space): the bytes that fit in W
 * points, whole words when possible, else as many characters as fit (at least one).
 * Sets *NEXT to where the following line starts. */
static size_t
line_break(HPDF_Font font, float size, const char *s, float w, size_t *next)
{
    size_t fit = 0, j = 0, end;
    float fit_w = 0, more;

    for (;;) {
        while (s[j] == ' ')
            j++;
        if (s[j] == '\0' || s[j] == '\n')
            break;
        while (s[j] && s[j] != ' ' && s[j] != '\n')
            j++;
        /* a phone number's groups stay on one line: "0161 496 0000" */
        for (;;) {
            size_t w0 = j;
            while (w0 > 0 && s[w0 - 1] != ' ' && s[w0 - 1] != '\n')
                w0--;
            size_t k = j + 1, e = k;
            if (s[j] != ' ')
                break;
            while (s[e] && s[e] != ' ' && s[e] != '\n')
                e++;
            if (e == k || !text_no_break(s + w0, j - w0, s + k, e - k))
                break;
            j = e;
        }
        /* widths add up (libharu applies no kerning): measure only the new word */
        more = pdf_width(font, size, s + fit, j - fit);
        if (j >= LINE_MAX_BYTES || fit_w + more > w)
            break;
        fit = j;
        fit_w += more;
    }
    if (fit == 0 && s[0] != '\0' && s[0] != '\n') {
        /* The first word alone is too wide: break it between characters. */
        fit = u8len(s);
        while (s[fit] && s[fit] != ' ' && s[fit] != '\n') {
            size_t n = u8len(s + fit);
            if (fit + n >= LINE_MAX_BYTES || pdf_width(font, size, s, fit + n) > w)
                break;
            fit += n;
        }
    }
    end = fit;
    while (s[end] == ' ')
        end++;
    if (s[end] == '\n')
        end++;
    *next = end;
    return fit;
}

/* Sets the fill and stroke gray for what follows (inside GSave/GRestore). */
static void
set_gray(HPDF_Page page, float gray)
{
    HPDF_Page_SetGrayFill(page, gray);
    HPDF_Page_SetGrayStroke(page, gray);
}

/* Replaces the ToUnicode CMap libharu 2.3.0 writes for a UTF-8 font. Its UTF-8
 * encoder draws text as two-byte codes equal to the characters' code points (BMP only,
 * Identity-H), but the CMap it attaches is an encoding CMap: "begincidrange" lines,
 * which a ToUnicode CMap may not hold (PDF 32000 9.10.3 allows bfchar and bfrange), so
 * poppler warns and copy-paste and screen readers rely on guesses. This writes the
 * identity as 248 "bfrange" lines, one per high byte (a range may not cross one),
 * surrogates (D800-DFFF, never characters) left out. The stream is the font's own
 * (HPDF_FontAttr in hpdf_font.h); libharu compresses it at saving like the others. */
static void
tounicode_fix(HPDF_Font font)
{
    HPDF_FontAttr attr = font ? (HPDF_FontAttr)font->attr : NULL;
    HPDF_Stream s;
    char line[64];
    int rows[256], n = 0;

    if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream ||
        attr->cmap_stream->stream->type != HPDF_STREAM_MEMORY)
        return;
    s = attr->cmap_stream->stream;
    HPDF_MemStream_FreeData(s);
    for (int hi = 0; hi < 256; hi++)
        if (hi < 0xD8 || hi > 0xDF)
            rows[n++] = hi;
    HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n"
                            "12 dict begin\n"
                            "begincmap\n"
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                            "/CMapName /Adobe-Identity-UCS def\n"
                            "/CMapType 2 def\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* at most 100 entries between beginbfrange and endbfrange */
    for (int i = 0; i < n; i += 100) {
        int m = n - i < 100 ? n - i : 100;
        snprintf(line, sizeof line, "%d beginbfrange\n", m);
        HPDF_Stream_WriteStr(s, line);
        for (int k = i; k < i + m; k++) {
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", rows[k], rows[k], rows[k]);
            HPDF_Stream_WriteStr(s, line);
        }
        HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(s, "endcmap\n"
                            "CMapName currentdict /CMap defineresource pop\n"
                            "end\n"
                            "end\n");
}

/* Checks the font file of key KEY: readable, and TrueType by its first four bytes
 * (libharu reads no OpenType CFF or collections). */
static int
font_check(const conf *c, const char *key, const char *path, char *err, size_t errlen)
{
    unsigned char magic[4] = {0};
    FILE *f = fopen(path, "rb");
    size_t got;

    if (!f) {
        snprintf(err, errlen, "[output] %s: %s: %s%s", key, path, strerror(errno),
                 conf_isset(c, "output", key) ? ""
                                              : " (the default font comes with fonts-dejavu-core)");
        return conf_isset(c, "output", key) ? EX_CONFIG : EX_OSFILE;
    }
    got = fread(magic, 1, sizeof magic, f);
    fclose(f);
    if (got != 4 || !((magic[0] == 0 && magic[1] == 1 && magic[2] == 0 && magic[3] == 0) ||
                      memcmp(magic, "true", 4) == 0)) {
        snprintf(err, errlen, "[output] %s: %s: not a TrueType font (.ttf)", key, path);
        return EX_CONFIG;
    }
    return 0;
}

int
pdf_new(struct pdf *p, const struct render_ctx *rc, const char *path, const char *title, char *err,
        size_t errlen)
{
    const char *const keys[] = {"font", "font_bold"};
    const char *files[2];
    const char *hook = getenv("DOORSTEP_PDF_FAIL_PAGE");
    char doing[PATH_MAX + 16];
    jmp_buf jb;
    struct tm tm;
    HPDF_Date date = {0};
    const char *name;
    int rc_font;

    memset(p, 0, sizeof *p);
    p->path = path;
    p->margin = 0;
    p->fail_page = hook && *hook ? atoi(hook) : 0;
    for (size_t i = 0; i < 2; i++) {
        files[i] = conf_str(rc->conf, "output", keys[i]);
        if ((rc_font = font_check(rc->conf, keys[i], files[i], err, errlen)) != 0)
            return rc_font;
    }
    if (!(p->doc = HPDF_New(on_error, p))) {
        snprintf(err, errlen, "%s: cannot start a PDF document: out of memory", path);
        return EX_SOFTWARE;
    }
    if (setjmp(jb)) {
        int ret = pdf_error(p, err, errlen);
        pdf_free(p);
        return ret;
    }
    p->jmp = &jb;
    p->doing = "starting the document";
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "doorstep");
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
    localtime_r(&rc->now, &tm);
    date.year = tm.tm_year + 1900;
    date.month = tm.tm_mon + 1;
    date.day = tm.tm_mday;
    date.hour = tm.tm_hour;
    date.minutes = tm.tm_min;
    date.seconds = tm.tm_sec;
    date.ind = tm.tm_gmtoff < 0 ? '-' : tm.tm_gmtoff > 0 ? '+' : 'Z';
    date.off_hour = (HPDF_INT)(labs(tm.tm_gmtoff) / 3600);
    date.off_minutes = (HPDF_INT)(labs(tm.tm_gmtoff) / 60 % 60);
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date);
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    for (size_t i = 0; i < 2; i++) {
        snprintf(doing, sizeof doing, "loading [output] %s %s", keys[i], files[i]);
        p->doing = doing;
        name = HPDF_LoadTTFontFromFile(p->doc, files[i], HPDF_TRUE);
        /* before the font is made: making it asks the glyph of every code */
        p->fontdef[i] = HPDF_GetFontDef(p->doc, name);
        pdf_glyph_table(p->fontdef[i]);
        if (i == 0)
            p->regular = HPDF_GetFont(p->doc, name, "UTF-8");
        else
            p->bold = HPDF_GetFont(p->doc, name, "UTF-8");
    }
    tounicode_fix(p->regular);
    tounicode_fix(p->bold);
    p->doing = NULL;
    p->jmp = NULL;
    return 0;
}

int
pdf_error(const struct pdf *p, char *err, size_t errlen)
{
    const char *what = "unknown error";
    char where[PATH_MAX + 64];

    for (size_t i = 0; i < sizeof hpdf_errors / sizeof hpdf_errors[0]; i++)
        if (hpdf_errors[i].code == p->status)
            what = hpdf_errors[i].name;
    if (p->doing)
        snprintf(where, sizeof where, "%s", p->doing);
    else
        snprintf(where, sizeof where, "page %d", p->page_no);
    snprintf(err, errlen, "%s: %s: PDF library error 0x%04X (%s, detail %d)",
             p->path ? p->path : "PDF", where, (unsigned)p->status, what, (int)p->detail);
    return EX_SOFTWARE;
}

int
pdf_check(const struct pdf *p, char *err, size_t errlen)
{
    const char *strict = getenv("DOORSTEP_PDF_STRICT");

    if ((p->outside == 0 && p->cut == 0) || !strict || strcmp(strict, "1") != 0)
        return 0;
    snprintf(err, errlen, "%s: layout: %d text(s) outside the margins, %d cut short", p->path,
             p->outside, p->cut);
    return EX_SOFTWARE;
}

void
pdf_free(struct pdf *p)
{
    pdf_glyph_forget(p->fontdef[0]);
    pdf_glyph_forget(p->fontdef[1]);
    p->fontdef[0] = p->fontdef[1] = NULL;
    if (p->doc)
        HPDF_Free(p->doc);
    free(p->qr_text);
    free(p->qr_bits);
    p->qr_image = NULL;
    p->qr_text = NULL;
    p->qr_bits = NULL;
    p->doc = NULL;
    p->jmp = NULL;
}

HPDF_Page
pdf_page(struct pdf *p, float w, float h)
{
    HPDF_Page page = HPDF_AddPage(p->doc);

    p->page_no++;
    p->page_w = w;
    p->page_h = h;
    HPDF_Page_SetWidth(page, w);
    HPDF_Page_SetHeight(page, h);
    if (p->page_no == p->fail_page)
        HPDF_Page_SetFontAndSize(page, p->regular, -1); /* a real libharu error, for tests */
    return page;
}

float
pdf_width(HPDF_Font font, float size, const char *s, size_t len)
{
    HPDF_TextWidth tw;

    if (len == 0)
        return 0;
    tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return (float)tw.width * size / 1000.0f;
}

void
pdf_text(struct pdf *p, HPDF_Page page, HPDF_Font font, float size, float x, float y, const char *s)
{
    float w = pdf_width(font, size, s, strlen(s));
    float top = y + (float)HPDF_Font_GetAscent(font) * size / 1000.0f;
    float bottom = y + (float)HPDF_Font_GetDescent(font) * size / 1000.0f;
    const float slack = 0.01f;

    /* the layout check: every text within the margins of its page */
    if (x < p->margin - slack || x + w > p->page_w - p->margin + slack ||
        bottom < p->margin - slack || top > p->page_h - p->margin + slack) {
        if (p->outside++ < MAX_WARNINGS)
            log_warn("%s: page %d: \"%.60s\" lies outside the %.0f pt margins (x %.1f-%.1f, "
                     "y %.1f-%.1f)",
                     p->path, p->page_no, s, (double)p->margin, (double)x, (double)(x + w),
                     (double)bottom, (double)top);
    }
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, size);
    HPDF_Page_TextOut(page, x, y, s);
    HPDF_Page_EndText(page);
}

float
pdf_lines(int n, float size)
{
    return (float)n * size * LEAD;
}

/* Shortens the line of N bytes in LINE so that it and "…" fit in W points, and appends
 * the "…". LINE has room for LINE_MAX_BYTES bytes. */
static void
ellipsize(HPDF_Font font, float size, char *line, size_t n, float w)
{
    float ew = pdf_width(font, size, ELLIPSIS, strlen(ELLIPSIS));

    while (n > 0 && pdf_width(font, size, line, n) + ew > w) {
        n--;
        while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80)
            n--;
    }
    while (n > 0 && line[n - 1] == ' ')
        n--;
    if (n + sizeof ELLIPSIS > LINE_MAX_BYTES)
        n = LINE_MAX_BYTES - sizeof ELLIPSIS;
    memcpy(line + n, ELLIPSIS, sizeof ELLIPSIS);
}

float
pdf_wrap(struct pdf *p, HPDF_Page page, HPDF_Font font, float size, struct pdf_box box,
         const char *s, int flags, int *cut)
{
    float lead = size * LEAD, used = 0;
    char line[LINE_MAX_BYTES];
    const char *text = s;

    while (*s) {
        size_t n, next;
        int last;

        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        n = line_break(font, size, s, box.w, &next);
        if (used + lead > box.h + 0.01f) {
            if (cut)
                *cut = 1;
            else if (page && !(flags & PDF_ELLIPSIS) && p->cut++ < MAX_WARNINGS)
                log_warn("%s: page %d: text cut to fit its box: \"%.60s\"", p->path, p->page_no,
                         text);
            break;
        }
        /* the last line that fits, with more to come: it ends in "…" when asked */
        last = (flags & PDF_ELLIPSIS) && used + 2 * lead > box.h + 0.01f &&
               s[next + strspn(s + next, " \n")] != '\0';
        if (page && n > 0) {
            float x = box.x;
            memcpy(line, s, n);
            line[n] = '\0';
            if (last)
                ellipsize(font, size, line, n, box.w);
            if (flags & PDF_CENTER)
                x += (box.w - pdf_width(font, size, line, strlen(line))) / 2;
            /* the baseline one size below the line's top leaves room for accents above
             * and descenders below within the 1.25 x size line */
            pdf_text(p, page, font, size, x, box.top - used - size, line);
        }
        used += lead;
        s += next;
        if (last) {
            if (cut)
                *cut = 1;
            break;
        }
    }
    return used;
}

void
pdf_line(HPDF_Page page, float x1, float y1, float x2, float y2, float width, int dashed)
{
    static const HPDF_UINT16 dash[] = {6, 4};

    HPDF_Page_GSave(page);
    HPDF_Page_SetLineWidth(page, width);
    if (dashed)
        HPDF_Page_SetDash(page, dash, 2, 0);
    HPDF_Page_MoveTo(page, x1, y1);
    HPDF_Page_LineTo(page, x2, y2);
    HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);
}

void
pdf_rect(HPDF_Page page, float x, float y, float w, float h, float gray, float stroke, int dashed)
{
    static const HPDF_UINT16 dash[] = {3, 2};

    if (gray < 0 && stroke <= 0)
        return;
    HPDF_Page_GSave(page);
    if (gray >= 0) {
        set_gray(page, gray);
        HPDF_Page_Rectangle(page, x, y, w, h);
        HPDF_Page_Fill(page);
    }
    if (stroke > 0) {
        set_gray(page, 0);
        HPDF_Page_SetLineWidth(page, stroke);
        if (dashed)
            HPDF_Page_SetDash(page, dash, 2, 0);
        HPDF_Page_Rectangle(page, x, y, w, h);
        HPDF_Page_Stroke(page);
    }
    HPDF_Page_GRestore(page);
}

/* Encodes TEXT and makes it the document's QR image, 8 x 8 pixels a module (so that
 * rows of 1-bit pixels end on whole bytes), quiet zone included. Returns 0, or -1 with
 * errno set. */
static int
qr_image(struct pdf *p, const char *text)
{
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    size_t w, n, side;

    if (!q)
        return -1;
    w = (size_t)q->width;
    n = w + 8;
    side = n * 8;
    free(p->qr_text);
    p->qr_text = strdup(text);
    p->qr_bits = malloc(n * side);
    if (!p->qr_text || !p->qr_bits) {
        QRcode_free(q);
        errno = ENOMEM;
        return -1;
    }
    for (size_t r = 0; r < side; r++) {
        size_t mr = r / 8 - 4; /* wraps around in the quiet zone: then >= w */
        for (size_t b = 0; b < n; b++) {
            size_t mc = b - 4;
            int dark = mr < w && mc < w && (q->data[mr * w + mc] & 1);
            p->qr_bits[r * n + b] = dark ? 0x00 : 0xFF; /* DeviceGray: 0 is black */
        }
    }
    QRcode_free(q);
    /* the bits belong to P while libharu may jump: pdf_free frees them */
    p->qr_image = HPDF_LoadRawImageFromMem(p->doc, p->qr_bits, (HPDF_UINT)side, (HPDF_UINT)side,
                                           HPDF_CS_DEVICE_GRAY, 1);
    free(p->qr_bits);
    p->qr_bits = NULL;
    return 0;
}

int
pdf_qr(struct pdf *p, HPDF_Page page, const char *text, float x, float y, float size)
{
    /* every leaflet has the same code: one image in the document, drawn on each page
     * (a thousand leaflets took a third of their time drawing it module by module) */
    if ((!p->qr_image || strcmp(p->qr_text, text) != 0) && qr_image(p, text) < 0)
        return -1;
    HPDF_Page_DrawImage(page, p->qr_image, x, y, size, size);
    return 0;
}

int
pdf_save(struct pdf *p, const char *path, char *err, size_t errlen)
{
    jmp_buf jb, *outer = p->jmp;
    HPDF_BYTE *volatile buf = NULL;
    HPDF_UINT32 size, got;
    int saved;

    if (setjmp(jb)) {
        p->jmp = outer;
        free(buf);
        return pdf_error(p, err, errlen);
    }
    p->jmp = &jb;
    p->doing = "saving";
    /* order is important: the whole document is built in memory before the file is
     * touched, so a libharu failure never leaves a half-written PDF behind */
    HPDF_SaveToStream(p->doc);
    size = HPDF_GetStreamSize(p->doc);
    if (!(buf = malloc(size ? size : 1))) {
        p->jmp = outer;
        snprintf(err, errlen, "%s: out of memory", path);
        return EX_OSERR;
    }
    /* Ask for exactly the size: reading past the end is reported as an error. */
    got = size;
    HPDF_ReadFromStream(p->doc, buf, &got);
    p->jmp = outer;
    p->doing = NULL;
    if (got != size) {
        free(buf);
        snprintf(err, errlen, "%s: PDF library returned %u of %u bytes", path, (unsigned)got,
                 (unsigned)size);
        return EX_SOFTWARE;
    }
    if (file_write_atomic(path, buf, got, err, errlen) < 0) {
        saved = errno;
        free(buf);
        return saved == ENOSPC || saved == EIO || saved == EDQUOT ? EX_IOERR : EX_CANTCREAT;
    }
    free(buf);
    return 0;
}

char *
pdf_clean(const char *s)
{
    size_t len = strlen(s), o = 0;
    char *out = malloc(len + 1);

    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t n = u8valid((const unsigned char *)s + i);
        if (n == 0) {
            out[o++] = '?';
            i++;
        } else if (n == 1 && ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)) {
            out[o++] = ' ';
            i++;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    return out;
}

json_t *
pdf_jstr(const char *s)
{
    char *clean = pdf_clean(s ? s : "");
    json_t *j;

    if (!clean)
        return NULL;
    j = json_string(clean);
    free(clean);
    return j;
}

/* Labels in case-blind order, then in the order of their lines (their keys point
 * into one text, so that is the order of the pointers). */
static int
by_label(const void *a, const void *b)
{
    const struct pdf_label *x = a, *y = b;
    int c = strcasecmp(x->key, y->key);

    return c ? c : x->key < y->key ? -1 : x->key > y->key;
}

int
pdf_labels_load(const struct render_ctx *rc, const char *name, const json_t *data,
                struct pdf_labels *l, char *err, size_t errlen)
{
    size_t lines = 1;
    char *s;

    memset(l, 0, sizeof *l);
    if (asprintf(&l->file, "%s/%s", rc->templates, name) < 0) {
        l->file = NULL;
        snprintf(err, errlen, "%s: out of memory", name);
        return EX_OSERR;
    }
    if (!(l->text = render_template(rc, name, data, err, errlen)))
        return EX_CONFIG;
    for (s = l->text; *s; s++)
        lines += *s == '\n';
    if (!(l->items = calloc(lines, sizeof *l->items))) {
        snprintf(err, errlen, "%s: out of memory", l->file);
        return EX_OSERR;
    }
    for (s = l->text; s;) {
        char *nl = strchr(s, '\n'), *colon, *key, *value, *end;

        if (nl)
            *nl++ = '\0';
        if ((colon = strchr(s, ':'))) {
            *colon = '\0';
            key = s + strspn(s, " \t");
            end = colon;
            while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
                *--end = '\0';
            value = colon + 1 + strspn(colon + 1, " \t");
            end = value + strlen(value);
            while (end > value && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
                *--end = '\0';
            if (*key) {
                l->items[l->n].key = key;
                l->items[l->n++].value = value;
            }
        }
        s = nl;
    }
    /* sorted for pdf_label's binary search; equal labels stay in line order */
    qsort(l->items, l->n, sizeof *l->items, by_label);
    return 0;
}

void
pdf_labels_free(struct pdf_labels *l)
{
    free(l->file);
    free(l->text);
    free(l->items);
    memset(l, 0, sizeof *l);
}

const char *
pdf_label(struct pdf_labels *l, const char *key, const char *fallback)
{
    size_t lo = 0, hi = l->n;

    /* the first of the labels equal to KEY: the first line wins */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcasecmp(l->items[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < l->n && strcasecmp(l->items[lo].key, key) == 0)
        return l->items[lo].value;
    if (l->warned++ < 3)
        log_warn("%s: no \"%s:\" line; using the built-in wording", l->file, key);
    return fallback;
}

void
pdf_label_item(struct pdf_labels *l, const char *key, const char *fallback, size_t i, char *out,
               size_t outlen)
{
    const char *s = pdf_label(l, key, fallback);
    size_t n;

    for (; i > 0 && s; i--)
        if ((s = strchr(s, ',')))
            s++;
    if (!s) {
        snprintf(out, outlen, "%s", "");
        return;
    }
    s += strspn(s, " \t");
    n = strcspn(s, ",");
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    snprintf(out, outlen, "%.*s", (int)n, s);
}

void
pdf_label_date(struct pdf_labels *l, time_t t, int weekday, char *out, size_t outlen)
{
    char month[64], day[64] = "";
    struct tm tm;

    localtime_r(&t, &tm);
    pdf_label_item(l, "months", PDF_MONTHS, (size_t)tm.tm_mon, month, sizeof month);
    if (weekday) {
        pdf_label_item(l, "weekdays", PDF_WEEKDAYS, (size_t)(tm.tm_wday + 6) % 7, day,
                       sizeof day - 1);
        strcat(day, " ");
    }
    snprintf(out, outlen, "%s%d %s %d", day, tm.tm_mday, month, tm.tm_year + 1900);
}
