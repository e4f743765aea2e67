/* pdf.c — libharu behind a few helpers: documents with DejaVu Sans, wrapped text, lines,
 * QR codes, saving through memory to an atomically written file, and template wording. */
#include "pdf.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>

#include "file.h"
#include "log.h"

#ifndef PDF_FONT_DIR
#define PDF_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif

#define LINE_MAX_BYTES 1024 /* one drawn line; far wider than any page */
#define LEAD 1.25f          /* line height as a multiple of the font size */

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

    for (;;) {
        while (s[j] == ' ')
            j++;
        if (s[j] == '\0' || s[j] == '\n')
            break;
        while (s[j] && s[j] != ' ' && s[j] != '\n')
            j++;
        if (j >= LINE_MAX_BYTES || pdf_width(font, size, s, j) > w)
            break;
        fit = j;
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

int
pdf_new(struct pdf *p, const char *title, time_t now, char *err, size_t errlen)
{
    static const char *const files[] = {PDF_FONT_DIR "/DejaVuSans.ttf",
                                        PDF_FONT_DIR "/DejaVuSans-Bold.ttf"};
    const char *volatile loading = NULL;
    jmp_buf jb;
    struct tm tm;
    HPDF_Date date = {0};
    const char *name;

    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < 2; i++)
        if (access(files[i], R_OK) < 0) {
            snprintf(err, errlen, "%s: %s (the font comes with fonts-dejavu-core)", files[i],
                     strerror(errno));
            return EX_OSFILE;
        }
    if (!(p->doc = HPDF_New(on_error, p))) {
        snprintf(err, errlen, "cannot start a PDF document: out of memory");
        return EX_SOFTWARE;
    }
    if (setjmp(jb)) {
        snprintf(err, errlen, "%s: PDF library error 0x%04X (detail %u)",
                 loading ? loading : "PDF document", (unsigned)p->status, (unsigned)p->detail);
        pdf_free(p);
        return EX_SOFTWARE;
    }
    p->jmp = &jb;
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "doorstep");
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
    localtime_r(&now, &tm);
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
    loading = files[0];
    name = HPDF_LoadTTFontFromFile(p->doc, files[0], HPDF_TRUE);
    p->regular = HPDF_GetFont(p->doc, name, "UTF-8");
    loading = files[1];
    name = HPDF_LoadTTFontFromFile(p->doc, files[1], HPDF_TRUE);
    p->bold = HPDF_GetFont(p->doc, name, "UTF-8");
    p->jmp = NULL;
    return 0;
}

void
pdf_free(struct pdf *p)
{
    if (p->doc)
        HPDF_Free(p->doc);
    p->doc = NULL;
    p->jmp = NULL;
}

HPDF_Page
pdf_page(struct pdf *p, float w, float h)
{
    HPDF_Page page = HPDF_AddPage(p->doc);

    HPDF_Page_SetWidth(page, w);
    HPDF_Page_SetHeight(page, h);
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
pdf_text(HPDF_Page page, HPDF_Font font, float size, float x, float y, const char *s)
{
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

float
pdf_wrap(HPDF_Page page, HPDF_Font font, float size, struct pdf_box box, const char *s, int flags,
         int *cut)
{
    float lead = size * LEAD, used = 0;
    char line[LINE_MAX_BYTES];

    while (*s) {
        size_t n, next;

        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        n = line_break(font, size, s, box.w, &next);
        if (used + lead > box.h + 0.01f) {
            if (cut)
                *cut = 1;
            break;
        }
        if (page && n > 0) {
            float x = box.x;
            memcpy(line, s, n);
            line[n] = '\0';
            if (flags & PDF_CENTER)
                x += (box.w - pdf_width(font, size, line, n)) / 2;
            /* the baseline one size below the line's top leaves room for accents above
             * and descenders below within the 1.25 x size line */
            pdf_text(page, font, size, x, box.top - used - size, line);
        }
        used += lead;
        s += next;
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

int
pdf_qr(struct pdf *p, HPDF_Page page, const char *text, float x, float y, float size)
{
    jmp_buf jb, *outer = p->jmp;
    QRcode *q;
    float m;
    int w;

    if (!(q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)))
        return -1;
    /* Free the code on a libharu error, then pass the error on to the caller's handler. */
    if (setjmp(jb)) {
        QRcode_free(q);
        p->jmp = outer;
        if (outer)
            longjmp(*outer, 1);
        errno = EIO;
        return -1;
    }
    p->jmp = &jb;
    w = q->width;
    m = size / (float)(w + 8);
    pdf_rect(page, x, y, size, size, 1, 0, 0);
    HPDF_Page_GSave(page);
    set_gray(page, 0);
    for (int row = 0; row < w; row++) {
        const unsigned char *d = q->data + (size_t)row * (size_t)w;
        /* One rectangle per run of dark modules: fewer objects, no hairline seams. */
        for (int col = 0; col < w;) {
            int run = 0;
            while (col + run < w && (d[col + run] & 1))
                run++;
            if (run > 0)
                HPDF_Page_Rectangle(page, x + (float)(4 + col) * m,
                                    y + (float)(4 + w - 1 - row) * m, (float)run * m, m);
            col += run > 0 ? run : 1;
        }
    }
    HPDF_Page_Fill(page);
    HPDF_Page_GRestore(page);
    p->jmp = outer;
    QRcode_free(q);
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
        snprintf(err, errlen, "%s: PDF library error 0x%04X (detail %u)", path, (unsigned)p->status,
                 (unsigned)p->detail);
        return EX_SOFTWARE;
    }
    p->jmp = &jb;
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
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->items[i].key, key) == 0)
            return l->items[i].value;
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
