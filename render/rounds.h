/* rounds.h — delivery rounds: the streets of [areas] cut into rounds of at most
 * [leaflets] round_doors doors, for the rounds PDF and for leaflets per round. */
#ifndef DOORSTEP_ROUNDS_H
#define DOORSTEP_ROUNDS_H

#include <stddef.h>
#include <time.h>

#include "conf.h"

struct render_ctx;

/* A street of a round: the whole street, or part PART of PARTS of a long one. */
struct round_street {
    const char *name; /* as configured; owned by the conf */
    int doors;        /* doors of this street or part; 0 when [areas] gives none */
    int part, parts;  /* 1 and 1 for a whole street */
};

struct round {
    const struct conf_area *area;
    int number; /* 1, 2, ... across all areas */
    int doors;  /* the sum of its streets' */
    struct round_street *streets;
    size_t nstreets;
};

struct round_plan {
    struct round *rounds;
    size_t n;
    struct round_street *streets; /* the storage the rounds point into */
};

/* Cuts the streets of AREAS into rounds of at most MAX_DOORS doors, in the order
 * listed: each area's streets together, a street whole while it fits in the round
 * being filled (else it starts the next round), and a street longer than MAX_DOORS in
 * the fewest parts of nearly equal size, each part a round of its own, the last one
 * open to the streets after it. Fills PLAN (free with rounds_free). Returns 0, or -1
 * when out of memory (PLAN is then empty). */
int rounds_plan(const struct conf_area *areas, size_t nareas, int max_doors,
                struct round_plan *plan);
void rounds_free(struct round_plan *plan);

/* Who delivers: the volunteers signed up for the rota task [leaflets] rota_task on the
 * next day it runs (today included), in the order they signed up; the Nth takes round
 * N. NAMES holds display names ("Maria L."), FIRST their first names ("Maria"; "" when
 * the member gave no name). Empty when the task is not in [rota] or does not run
 * within a week. NROUNDS is for the note when more signed up than there are rounds.
 * Returns 0 or a sysexits code with ERR set; free with rounds_crew_free. */
struct round_crew {
    const struct conf_task *task; /* NULL when not in [rota] */
    time_t day;                   /* the next day the task runs, when HAS_DAY */
    int has_day;
    char **names, **first;
    size_t n;
};
int rounds_crew(const struct render_ctx *ctx, struct round_crew *crew, size_t nrounds, char *err,
                size_t errlen);
void rounds_crew_free(struct round_crew *crew);

#endif
