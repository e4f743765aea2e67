/* leaflets_int.h — what render/leaflets.c (what a leaflet says) and leaflets_layout.c
 * (how it is laid out) share; nothing else includes it. */
#ifndef DOORSTEP_LEAFLETS_INT_H
#define DOORSTEP_LEAFLETS_INT_H

#include <jansson.h>
#include <stddef.h>

#include "pdf.h"
#include "render.h"
#include "rounds.h"

struct category {
    char *key; /* posts.category */
    int order; /* its place in the config, unknown ones last */
    int count; /* open offers */
    char **titles;
    int ntitles, shown;
};

/* An open offer, as read from the database. */
struct offer {
    char *area, *category, *title; /* "" when NULL */
    long where;                    /* the index of its area in [areas]; NO_AREA, or UNKNOWN_AREA */
};
#define NO_AREA (-1)      /* an offer without an area: on every leaflet */
#define UNKNOWN_AREA (-2) /* an area the config no longer has: on none but the group's */

struct leaflet {
    const struct render_ctx *rc;
    struct offer *offers; /* every open offer, newest first */
    size_t noffers;
    struct pdf pdf;
    struct pdf_labels words;
    char printed[128], mailto[512];
    const struct conf_area *area; /* NULL: the whole group */
    const struct round *round;    /* with [leaflets] per = round */
    size_t nrounds;
    const char *volunteer; /* the first name of who delivers the round, or NULL */
    struct category *cats;
    size_t ncats;
    size_t listed; /* categories named when no titles fit; the others are counted */
    /* sizes for the paper */
    float body, headline, phone, qr, margin;
    int compact; /* no spare writing lines on the slip */
};

/* leaflets.c: the data the wording of leaflet.txt is rendered with: the group, the area
 * or round and its streets, the categories with the titles chosen and the counts of
 * the others. A new reference, or NULL when out of memory. */
json_t *leaflets_data(struct leaflet *l);

/* leaflets_layout.c: the leaflet of the current area or round on a page of its own: as
 * many titles as fit, else the categories that fit and a count of the others; two
 * copies side by side on A5. 0 or a sysexits code (of the wording). */
int leaflets_page(struct leaflet *l, const char *paper, char *err, size_t errlen);

#endif
