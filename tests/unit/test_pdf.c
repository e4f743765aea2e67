/* test_pdf.c — render/pdf: a document made, saved and read back with poppler's
 * pdftotext (the text and non-ASCII characters come back, wrapped lines in order),
 * wrapping into a box (cut, "…"), the layout check (margins, strict mode), libharu
 * errors reported with the page, saving atomically, clean strings, and the "label:
 * text" wording of a template. Without pdftotext the read-back cases say SKIP and
 * check only what they can without it. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "clock.h"
#include "file.h"
#include "pdf.h"
#include "unit.h"
#include "unit_conf.h"

static char dir[] = "/tmp/doorstep-test-pdf.XXXXXX";
static char err[2048], path[700];
static struct render_ctx rc;
static conf *cfg;

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    cfg = unit_conf("[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n");
    memset(&rc, 0, sizeof rc);
    rc.conf = cfg;
    rc.now = clock_now();
    rc.templates = dir;
    rc.outdir = dir;
    snprintf(path, sizeof path, "%s/t.pdf", dir);
    unsetenv("DOORSTEP_PDF_STRICT");
    unsetenv("DOORSTEP_PDF_FAIL_PAGE");
}

static void
teardown(void)
{
    char cmd[700];

    conf_free(cfg);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-pdf.XXXXXX");
    unsetenv("DOORSTEP_NOW");
    unsetenv("DOORSTEP_PDF_STRICT");
    unsetenv("DOORSTEP_PDF_FAIL_PAGE");
}

static int
have_pdftotext(void)
{
    if (system("command -v pdftotext >/dev/null 2>&1") == 0)
        return 1;
    printf("SKIP: pdftotext (poppler-utils) missing: the PDF is not read back\n");
    return 0;
}

/* The text of PATH as pdftotext gives it (no layout: lines in reading order); poppler
 * must have had no complaint about the file (a ToUnicode map it cannot use, say). */
static char *
text_of(const char *file)
{
    char cmd[1600], chunk[4096], errfile[800], *complaints = NULL;
    struct buf_s {
        char *data;
        size_t len;
    } b = {NULL, 0};
    FILE *f;
    size_t n;

    snprintf(errfile, sizeof errfile, "%s/pdftotext.err", dir);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>'%s'", file, errfile);
    f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        b.data = realloc(b.data, b.len + n + 1);
        ck_assert_ptr_nonnull(b.data);
        memcpy(b.data + b.len, chunk, n);
        b.len += n;
        b.data[b.len] = '\0';
    }
    ck_assert_int_eq(pclose(f), 0);
    ck_assert_int_eq(file_read(errfile, 1 << 20, &complaints, &n, err, sizeof err), 0);
    ck_assert_msg(n == 0, "pdftotext: %s", complaints);
    free(complaints);
    return b.data ? b.data : strdup("");
}

static const char polish[] = "Za\xC5\xBC\xC3\xB3\xC5\x82\xC4\x87 g\xC4\x99\xC5\x9Bl\xC4\x85 "
                             "ja\xC5\xBA\xC5\x84";                  /* Zażółć gęślą jaźń */
static const char greek[] = "\xCE\x93\xCE\xB5\xCE\xB9\xCE\xB1 \xCF\x83\xCE\xBF\xCF\x85"; /* Γεια σου */
static const char cyrillic[] = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"; /* Привет */

START_TEST(t_text_comes_back)
{
    struct pdf p;
    HPDF_Page page;
    jmp_buf jb;
    char line[256], *t;
    struct stat st;
    float used;
    int cut = 0;

    ck_assert_msg(pdf_new(&p, &rc, path, "Test", err, sizeof err) == 0, "%s", err);
    p.jmp = &jb;
    if (setjmp(jb)) {
        pdf_error(&p, err, sizeof err);
        pdf_free(&p);
        ck_abort_msg("%s", err);
    }
    p.margin = 36;
    page = pdf_page(&p, PDF_A4_W, PDF_A4_H);
    snprintf(line, sizeof line, "%s \xE2\x80\x94 caf\xC3\xA9 %s %s", polish, greek, cyrillic);
    pdf_text(&p, page, p.bold, 14, 40, 780, line);
    used = pdf_wrap(&p, page, p.regular, 11, (struct pdf_box){40, 760, 200, 400},
                    "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima "
                    "mike november oscar papa quebec romeo sierra tango",
                    0, &cut);
    ck_assert_int_eq(cut, 0);
    ck_assert_msg(used > pdf_lines(2, 11) - 0.01f, "%f: not wrapped", (double)used);
    p.jmp = NULL;
    ck_assert_int_eq(p.outside, 0);
    ck_assert_int_eq(p.page_no, 1);
    ck_assert_msg(pdf_save(&p, path, err, sizeof err) == 0, "%s", err);
    pdf_free(&p);
    pdf_free(&p); /* twice is fine */
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_gt(st.st_size, 1000);
    if (!have_pdftotext())
        return;
    t = text_of(path);
    ck_assert_msg(strstr(t, polish) && strstr(t, greek) && strstr(t, cyrillic) &&
                      strstr(t, "\xE2\x80\x94 caf\xC3\xA9"),
                  "not read back: %s", t);
    /* wrapped in order, every word kept */
    ck_assert_msg(strstr(t, "alpha") && strstr(t, "tango") && strstr(t, "alpha") < strstr(t, "mike") &&
                      strstr(t, "mike") < strstr(t, "tango"),
                  "%s", t);
    free(t);
}
END_TEST

/* a box too small: cut and said so, or ended with "…"; measuring draws nothing */
START_TEST(t_wrap_cut_and_ellipsis)
{
    struct pdf p;
    HPDF_Page page;
    const char *long_text = "one two three four five six seven eight nine ten eleven twelve "
                            "thirteen fourteen fifteen sixteen seventeen eighteen nineteen";
    struct pdf_box box = {40, 760, 120, 0};
    float used, measured;
    int cut = 0;
    char *t;

    ck_assert_msg(pdf_new(&p, &rc, path, "Test", err, sizeof err) == 0, "%s", err);
    p.margin = 36;
    page = pdf_page(&p, PDF_A4_W, PDF_A4_H);
    box.h = pdf_lines(2, 10);
    measured = pdf_wrap(&p, NULL, p.regular, 10, box, long_text, 0, &cut);
    ck_assert_int_eq(cut, 1);
    cut = 0;
    used = pdf_wrap(&p, page, p.regular, 10, box, long_text, PDF_ELLIPSIS, &cut);
    ck_assert_int_eq(cut, 1);
    ck_assert_msg(used <= box.h + 0.01f && used == measured, "%f %f", (double)used,
                  (double)measured);
    ck_assert_int_eq(p.cut, 0); /* the caller was told */
    /* cut without anyone told: counted, and an error in strict mode */
    box.top = 600;
    pdf_wrap(&p, page, p.regular, 10, box, long_text, 0, NULL);
    ck_assert_int_eq(p.cut, 1);
    ck_assert_int_eq(pdf_check(&p, err, sizeof err), 0);
    setenv("DOORSTEP_PDF_STRICT", "1", 1);
    ck_assert_int_eq(pdf_check(&p, err, sizeof err), EX_SOFTWARE);
    ck_assert_msg(strstr(err, path) && strstr(err, "1 cut short"), "%s", err);
    ck_assert_msg(pdf_save(&p, path, err, sizeof err) == 0, "%s", err);
    pdf_free(&p);
    if (!have_pdftotext())
        return;
    t = text_of(path);
    /* the ellipsis ends the last line drawn, and nothing past it was drawn there */
    ck_assert_msg(strstr(t, "\xE2\x80\xA6"), "no ellipsis: %s", t);
    ck_assert_msg(!strstr(t, "nineteen"), "%s", t);
    free(t);
}
END_TEST

/* text outside the margins is counted and, strict, an error */
START_TEST(t_margins_checked)
{
    struct pdf p;
    HPDF_Page page;

    ck_assert_msg(pdf_new(&p, &rc, path, "Test", err, sizeof err) == 0, "%s", err);
    p.margin = 36;
    page = pdf_page(&p, PDF_A5_W, PDF_A5_H);
    pdf_text(&p, page, p.regular, 10, 36, 300, "inside");
    ck_assert_int_eq(p.outside, 0);
    pdf_text(&p, page, p.regular, 10, 20, 300, "too far left");
    pdf_text(&p, page, p.regular, 10, PDF_A5_W - 60, 300, "too far right, far too far");
    pdf_text(&p, page, p.regular, 10, 100, PDF_A5_H - 30, "too high");
    pdf_text(&p, page, p.regular, 10, 100, 30, "too low");
    ck_assert_int_eq(p.outside, 4);
    setenv("DOORSTEP_PDF_STRICT", "1", 1);
    ck_assert_int_eq(pdf_check(&p, err, sizeof err), EX_SOFTWARE);
    ck_assert_msg(strstr(err, "4 text(s) outside the margins"), "%s", err);
    pdf_free(&p);
}
END_TEST

/* a libharu error names the file and the page; nothing is written */
START_TEST(t_library_error_names_the_page)
{
    struct pdf p;
    jmp_buf jb;
    volatile int reached = 0;

    setenv("DOORSTEP_PDF_FAIL_PAGE", "2", 1);
    ck_assert_msg(pdf_new(&p, &rc, path, "Test", err, sizeof err) == 0, "%s", err);
    p.jmp = &jb;
    if (setjmp(jb) == 0) {
        pdf_page(&p, PDF_A4_W, PDF_A4_H);
        reached = 1;
        pdf_page(&p, PDF_A4_W, PDF_A4_H);
        reached = 2;
    } else {
        ck_assert_int_eq(pdf_error(&p, err, sizeof err), EX_SOFTWARE);
    }
    pdf_free(&p);
    ck_assert_int_eq(reached, 1);
    ck_assert_msg(strstr(err, path) && strstr(err, "page 2: PDF library error 0x"), "%s", err);
    ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

START_TEST(t_save_where_it_cannot)
{
    struct pdf p;
    char bad[800];

    snprintf(bad, sizeof bad, "%s/missing/t.pdf", dir);
    ck_assert_msg(pdf_new(&p, &rc, bad, "Test", err, sizeof err) == 0, "%s", err);
    pdf_page(&p, PDF_A4_W, PDF_A4_H);
    ck_assert_int_eq(pdf_save(&p, bad, err, sizeof err), EX_CANTCREAT);
    ck_assert_msg(strstr(err, "missing/t.pdf"), "%s", err);
    pdf_free(&p);
}
END_TEST

/* a font that is not TrueType is a configuration error naming the key */
START_TEST(t_bad_font)
{
    struct pdf p;
    char ini[1024], font[800];

    snprintf(font, sizeof font, "%s/font.ttf", dir);
    ck_assert_int_eq(file_write_atomic(font, "not a font", 10, err, sizeof err), 0);
    snprintf(ini, sizeof ini,
             "[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n"
             "[output]\nfont = %s\n",
             font);
    conf_free(cfg);
    rc.conf = cfg = unit_conf(ini);
    ck_assert_int_eq(pdf_new(&p, &rc, path, "Test", err, sizeof err), EX_CONFIG);
    ck_assert_msg(strstr(err, "font"), "%s", err);
}
END_TEST

START_TEST(t_clean)
{
    char *s = pdf_clean("tab\there\x01 bad \xC3 byte \xE2\x82\xAC ok\x7F");
    json_t *j;

    ck_assert_str_eq(s, "tab here  bad ? byte \xE2\x82\xAC ok ");
    free(s);
    j = pdf_jstr(NULL);
    ck_assert_str_eq(json_string_value(j), "");
    json_decref(j);
    j = pdf_jstr("\xFF");
    ck_assert_str_eq(json_string_value(j), "?");
    json_decref(j);
}
END_TEST

/* the wording: "label: text" lines of a rendered template, the first of a label wins,
 * case-blind; a missing label falls back; lists and dates from the labels */
START_TEST(t_labels)
{
    struct pdf_labels l;
    char tmpl[800], item[64], date[128];
    const char text[] = "{{! a comment }}\n"
                        "title: Rota for {{group}}\n"
                        "Title: not this one\n"
                        "no colon on this line\n"
                        "  needs N :  needs {{n}}  \n"
                        "months: stycze\xC5\x84, luty, marzec, kwiecie\xC5\x84, maj, czerwiec, "
                        "lipiec, sierpie\xC5\x84, wrzesie\xC5\x84, pa\xC5\xBA" "dziernik, "
                        "listopad, grudzie\xC5\x84\n"
                        "weekdays: pon, wt, \xC5\x9Br, czw, pt, sob, nie\n";
    json_t *data = json_pack("{s:s, s:i}", "group", "Elm & Park", "n", 3);

    snprintf(tmpl, sizeof tmpl, "%s/wording.txt", dir);
    ck_assert_int_eq(file_write_atomic(tmpl, text, sizeof text - 1, err, sizeof err), 0);
    ck_assert_msg(pdf_labels_load(&rc, "wording.txt", data, &l, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(pdf_label(&l, "title", "x"), "Rota for Elm & Park");
    ck_assert_str_eq(pdf_label(&l, "TITLE", "x"), "Rota for Elm & Park");
    ck_assert_str_eq(pdf_label(&l, "needs N", "x"), "needs 3");
    ck_assert_str_eq(pdf_label(&l, "missing", "fallback"), "fallback");
    pdf_label_item(&l, "weekdays", PDF_WEEKDAYS, 2, item, sizeof item);
    ck_assert_str_eq(item, "\xC5\x9Br");
    pdf_label_item(&l, "weekdays", PDF_WEEKDAYS, 7, item, sizeof item);
    ck_assert_str_eq(item, "");
    pdf_label_item(&l, "nothing", PDF_WEEKDAYS, 6, item, sizeof item);
    ck_assert_str_eq(item, "Sunday");
    pdf_label_date(&l, rc.now, 1, date, sizeof date);
    ck_assert_str_eq(date, "\xC5\x9Br 25 listopad 2026");
    pdf_label_date(&l, rc.now, 0, date, sizeof date);
    ck_assert_str_eq(date, "25 listopad 2026");
    pdf_labels_free(&l);
    /* a template that is not there */
    ck_assert_int_eq(pdf_labels_load(&rc, "nope.txt", data, &l, err, sizeof err), EX_CONFIG);
    ck_assert_msg(strstr(err, "nope.txt"), "%s", err);
    pdf_labels_free(&l);
    json_decref(data);
}
END_TEST

static Suite *
pdf_suite(void)
{
    Suite *s = suite_create("pdf");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_text_comes_back);
    tcase_add_test(tc, t_wrap_cut_and_ellipsis);
    tcase_add_test(tc, t_margins_checked);
    tcase_add_test(tc, t_library_error_names_the_page);
    tcase_add_test(tc, t_save_where_it_cannot);
    tcase_add_test(tc, t_bad_font);
    tcase_add_test(tc, t_clean);
    tcase_add_test(tc, t_labels);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(pdf_suite)
