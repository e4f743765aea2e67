/* pdf_glyph.h — the glyph of each character of a TrueType font in one look-up, for
 * libharu 2.3.0, whose own search walks the font's character map a segment at a time:
 * making a UTF-8 font asks it of all 65,536 codes (pdf.c's fonts, three documents a day
 * with two fonts each, were two fifths of a group's day in render). */
#ifndef DOORSTEP_PDF_GLYPH_H
#define DOORSTEP_PDF_GLYPH_H

#include <hpdf.h>

/* Makes DEF's table of glyphs, the answers libharu's HPDF_TTFontDef_GetGlyphid gives,
 * which from then on answers from it (pdf_glyph.c replaces that function of the
 * library). Call it before HPDF_GetFont makes a font of DEF. Nothing is done (the
 * library's search is used) for a font without a format 4 character map, when out of
 * memory, or with libharu other than 2.3.0. */
void pdf_glyph_table(HPDF_FontDef def);

/* Drops DEF's table, before the document that holds DEF is freed. DEF may be NULL or
 * have no table. */
void pdf_glyph_forget(HPDF_FontDef def);

#endif
