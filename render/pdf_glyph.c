/* pdf_glyph.c — HPDF_TTFontDef_GetGlyphid of libharu 2.3.0, defined here with a table
 * for the fonts pdf.c loads. The library's own walks the font's character map (a format
 * 4 "cmap": segments of codes, sorted by their last code) from the first segment to the
 * code's, about 900 instructions a code with DejaVu Sans; making a font with the UTF-8
 * encoder asks it of every code from 0 to 65,535 (CIDFontType2_New, for the font's
 * CIDToGIDMap and widths), so three documents of two fonts were 370 million of a
 * group's day of 1,270 million.
 *
 * A program's own definition of a function comes before a shared library's, also for
 * the library's calls to it, which go through its procedure linkage table (as a
 * program's malloc replaces the C library's): libharu's font code calls this one.
 * Built only against libharu 2.3.0, whose structures (hpdf_fontdef.h) and search it
 * repeats; with any other version the library's own is used. */
#include "pdf_glyph.h"

#include <hpdf_fontdef.h>
#include <hpdf_version.h>
#include <stdlib.h>

#if HPDF_VERSION_ID == 20300

#define CODES 65536

/* The fonts with a table: a document has two, and render makes one at a time. */
static struct {
    HPDF_FontDef def;
    HPDF_UINT16 *gid; /* CODES glyphs */
} tables[8];

/* The glyph of UNICODE in segment I of ATTR's map, as libharu 2.3.0 reads it (the same
 * arithmetic, in the same types); I is the first segment whose last code is UNICODE or
 * more (SEG_COUNT when none: no glyph, where the library read past the map). */
static HPDF_UINT16
glyph_in(const HPDF_TTFontDefAttr attr, HPDF_UINT seg_count, HPDF_UINT i, HPDF_UINT16 unicode)
{
    if (i >= seg_count || attr->cmap.start_count[i] > unicode)
        return 0;
    if (attr->cmap.id_range_offset[i] == 0)
        return (HPDF_UINT16)(unicode + attr->cmap.id_delta[i]);
    HPDF_UINT idx =
        attr->cmap.id_range_offset[i] / 2 + (unicode - attr->cmap.start_count[i]) - (seg_count - i);
    /* (the library tests idx > count, and reads one past the array at count) */
    if (idx >= attr->cmap.glyph_id_array_count)
        return 0;
    return (HPDF_UINT16)(attr->cmap.glyph_id_array[idx] + attr->cmap.id_delta[i]);
}

/* Whether DEF is a TrueType font with a format 4 map this file can read. */
static int
format4(HPDF_FontDef def)
{
    HPDF_TTFontDefAttr attr;

    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !(attr = def->attr))
        return 0;
    return attr->cmap.format == 4 && attr->cmap.seg_count_x2 > 0 && attr->cmap.end_count &&
           attr->cmap.start_count && attr->cmap.id_delta && attr->cmap.id_range_offset;
}

void
pdf_glyph_table(HPDF_FontDef def)
{
    size_t slot = 0;

    if (!format4(def))
        return;
    while (slot < sizeof tables / sizeof tables[0] && tables[slot].def && tables[slot].def != def)
        slot++;
    if (slot == sizeof tables / sizeof tables[0] || tables[slot].def)
        return;
    HPDF_TTFontDefAttr attr = def->attr;
    HPDF_UINT seg_count = attr->cmap.seg_count_x2 / 2, i = 0;
    HPDF_UINT16 *gid = malloc(CODES * sizeof *gid);
    if (!gid)
        return;
    /* The first segment whose last code is U or more never moves back as U grows (the
     * segments that qualify only become fewer), so one pass over the codes and the
     * segments finds it for every code, in the library's order whatever the map's. */
    for (HPDF_UINT u = 0; u < CODES; u++) {
        while (i < seg_count && attr->cmap.end_count[i] < u)
            i++;
        gid[u] = glyph_in(attr, seg_count, i, (HPDF_UINT16)u);
    }
    tables[slot].def = def;
    tables[slot].gid = gid;
}

void
pdf_glyph_forget(HPDF_FontDef def)
{
    for (size_t k = 0; def && k < sizeof tables / sizeof tables[0]; k++)
        if (tables[k].def == def) {
            free(tables[k].gid);
            tables[k].def = NULL;
            tables[k].gid = NULL;
        }
}

/* libharu's function (hpdf_fontdef.h), answering from the table of a font that has
 * one, else searching as the library does. */
HPDF_UINT16
HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)fontdef->attr;
    HPDF_UINT seg_count = attr->cmap.seg_count_x2 / 2, i = 0;

    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++)
        if (tables[k].def == fontdef)
            return tables[k].gid[unicode];
    if (attr->cmap.format == 0)
        return attr->cmap.glyph_id_array[unicode & 0xFF];
    if (attr->cmap.seg_count_x2 == 0) {
        HPDF_SetError(fontdef->error, HPDF_TTF_INVALID_CMAP, 0);
        return 0;
    }
    while (i < seg_count && unicode > attr->cmap.end_count[i])
        i++;
    return glyph_in(attr, seg_count, i, unicode);
}

#else /* another libharu: its own search */

void
pdf_glyph_table(HPDF_FontDef def)
{
    (void)def;
}

void
pdf_glyph_forget(HPDF_FontDef def)
{
    (void)def;
}

#endif
