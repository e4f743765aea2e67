/* report.h — the report of help given: counts over a period of days, by category, by
 * area and by week, from the database alone (pure SQL and the config's lists), shared
 * by `doorstep report` and `doorstep-render report`. Counts only: never a name, an
 * address or a title. The definitions are in doorstep(1), REPORT.
 *
 * A period is a first and a last day (YYYY-MM-DD, both included) in the group's time
 * zone: it runs from the first day's local midnight to the midnight after the last. */
#ifndef DOORSTEP_REPORT_H
#define DOORSTEP_REPORT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "conf.h"

struct report_period {
    char from[11], to[11]; /* YYYY-MM-DD, both included */
    char month[8];         /* YYYY-MM when the period is one whole month, else "" */
};

/* The calendar month before the one holding NOW (local time). This can't fail. */
void report_last_month(time_t now, struct report_period *p);

/* The month MONTH ("2026-11"). Returns 0, or -1 when it is not a month YYYY-MM with a
 * year of 2000-2099. */
int report_month(const char *month, struct report_period *p);

/* FROM to TO, each read as day_parse reads a day (relative to NOW: "2026-11-02",
 * "2 Nov", "monday"). Returns 0, or -1 with ERR saying which cannot be read, or that TO
 * comes before FROM. */
int report_days(const char *from, const char *to, time_t now, struct report_period *p, char *err,
                size_t errlen);

/* The local instants the period begins and ends (the midnight after its last day). */
void report_bounds(const struct report_period *p, time_t *begin, time_t *end);

/* The median of the N values V (sorted in place); 0 when N is 0. This can't fail. */
double report_median(double *v, size_t n);

/* The Monday (YYYY-MM-DD) on or before the day DAY (YYYY-MM-DD) into OUT. Returns 0 or
 * -1 when DAY is not a date. */
int report_week_start(const char *day, char out[11]);

/* Counts the period P in DB with the lists of C ([categories], [areas], [rota],
 * [leaflets] rota_task): a new JSON object, the shape documented in doorstep(1):
 * from, to, month, requests, offers, responses, median_days_to_met, rota, leaflets,
 * by_category, by_area, by_task, by_week. Caller decrefs. NULL with ERR set on an SQL
 * error or when out of memory. */
json_t *report_count(sqlite3 *db, const conf *c, const struct report_period *p, char *err,
                     size_t errlen);

#endif
