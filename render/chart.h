/* chart.h — bar charts drawn with the PDF's own vector operators (rectangles and
 * lines, no images), for the report of help given: a few groups of two bars each
 * (made and met), with a title, a legend, a scale with ticks and a label per group. */
#ifndef DOORSTEP_CHART_H
#define DOORSTEP_CHART_H

#include <stddef.h>

#include "pdf.h"

#define CHART_SERIES 2 /* bars per group: "made" and "met" */

struct chart {
    const char *title;                       /* above the chart */
    const char *series[CHART_SERIES];        /* the legend's words, one per bar of a group */
    const char *empty;                       /* said in the chart's place when it has no group */
    size_t n;                                /* groups */
    const char *const *labels;               /* N labels, one per group */
    const long long (*values)[CHART_SERIES]; /* N rows of values */
    int vertical;                            /* bars up from a baseline, labels below them;
                                              * else bars to the right, labels on the left */
};

/* Draws chart C in BOX of PAGE (BOX.top is its top edge, BOX.h its height), its words
 * in P's fonts, each within the box (labels too long are cut with "…"). The scale
 * starts at 0 and ends at a round number at or above the largest value; each bar is
 * labelled with its value. With PAGE NULL nothing is drawn. This can't fail (libharu
 * errors go to P's handler). */
void chart_bars(struct pdf *p, HPDF_Page page, struct pdf_box box, const struct chart *c);

/* The step of a scale from 0 to at least MAX in at most TICKS steps: 1, 2 or 5 times a
 * power of ten (1 when MAX is 0). This can't fail. */
long long chart_step(long long max, int ticks);

#endif
