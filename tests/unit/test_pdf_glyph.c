/* test_pdf_glyph.c — render/pdf_glyph: the glyph tables give, for every code from 0
 * to 65,535, what libharu's own HPDF_TTFontDef_GetGlyphid gives (found past this
 * program's definition with dlsym(RTLD_NEXT)): for the fonts DejaVu comes with, and
 * for a made-up character map whose segments are out of order (the library takes the
 * first that ends at the code or after, and so must the table); without a table the
 * replacement searches as the library does; tables are dropped with their font. */
#include <dlfcn.h>
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pdf_glyph.h"
#include "unit.h"

typedef HPDF_UINT16 (*glyph_fn)(HPDF_FontDef, HPDF_UINT16);

/* libharu's own function, and ours (this program's, which the library calls too) */
static glyph_fn
library_fn(void)
{
    return (glyph_fn)dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
}

/* The codes where DEF's answers differ from the library's: 0 when none. */
static long
differences(HPDF_FontDef def)
{
    glyph_fn lib = library_fn();
    long n = 0;

    ck_assert_ptr_nonnull(lib);
    for (unsigned u = 0; u < 65536; u++)
        n += HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)u) != lib(def, (HPDF_UINT16)u);
    return n;
}

static void
check_font(const char *file)
{
    HPDF_Doc doc;
    HPDF_FontDef def;
    const char *name;

    if (access(file, R_OK) != 0) {
        printf("SKIP: %s is not installed (fonts-dejavu-core)\n", file);
        return;
    }
    ck_assert_ptr_nonnull(doc = HPDF_New(NULL, NULL));
    ck_assert_ptr_nonnull(name = HPDF_LoadTTFontFromFile(doc, file, HPDF_TRUE));
    ck_assert_ptr_nonnull(def = HPDF_GetFontDef(doc, name));
    ck_assert_int_eq(differences(def), 0); /* searched as the library does */
    pdf_glyph_table(def);
    ck_assert_int_eq(differences(def), 0); /* from the table */
    /* a glyph there is: 'A' is not glyph 0 */
    ck_assert_uint_ne(HPDF_TTFontDef_GetGlyphid(def, 'A'), 0);
    pdf_glyph_forget(def);
    ck_assert_int_eq(differences(def), 0);
    HPDF_Free(doc);
}

START_TEST(t_dejavu)
{
    check_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    check_font("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
}
END_TEST

/* Segments out of order (the format asks for them sorted; a font may not be), one
 * read through the glyph array, and the last ending at 0xFFFF as the format asks (the
 * library reads past the map for a code after the last segment). */
START_TEST(t_unsorted_map)
{
    static HPDF_UINT16 end[] = {500, 100, 1000, 0x4E00, 0xFFFF};
    static HPDF_UINT16 start[] = {400, 50, 900, 0x4000, 0xFFFF};
    static HPDF_INT16 delta[] = {-390, 7, 0, -0x3F00, 1};
    static HPDF_UINT16 range[] = {0, 0, 6, 0, 0};
    static HPDF_UINT16 glyphs[101];
    struct _HPDF_TTFontDefAttr_Rec attr;
    struct _HPDF_FontDef_Rec def;

    for (size_t i = 0; i < sizeof glyphs / sizeof glyphs[0]; i++)
        glyphs[i] = (HPDF_UINT16)(i * 3 + 1);
    memset(&attr, 0, sizeof attr);
    memset(&def, 0, sizeof def);
    def.type = HPDF_FONTDEF_TYPE_TRUETYPE;
    def.attr = &attr;
    attr.cmap.format = 4;
    attr.cmap.seg_count_x2 = 2 * (sizeof end / sizeof end[0]);
    attr.cmap.end_count = end;
    attr.cmap.start_count = start;
    attr.cmap.id_delta = delta;
    attr.cmap.id_range_offset = range;
    attr.cmap.glyph_id_array = glyphs;
    attr.cmap.glyph_id_array_count = sizeof glyphs / sizeof glyphs[0];
    ck_assert_int_eq(differences(&def), 0);
    pdf_glyph_table(&def);
    ck_assert_int_eq(differences(&def), 0);
    /* 80 is in the second segment, which the first (ending at 500) hides */
    ck_assert_uint_eq(HPDF_TTFontDef_GetGlyphid(&def, 80), 0);
    ck_assert_uint_eq(HPDF_TTFontDef_GetGlyphid(&def, 450), 60);
    pdf_glyph_forget(&def);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("pdf_glyph");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_dejavu);
    tcase_add_test(tc, t_unsorted_map);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(suite)
