/* dates.h — the days people name in mail ("tomorrow", "by Friday", "this weekend",
 * "27/11", "27th November"), resolved against the day a message was written, in the
 * group's time zone (the process time zone, see clock.h). */
#ifndef DOORSTEP_DATES_H
#define DOORSTEP_DATES_H

#include <stddef.h>
#include <time.h>

#include "day.h" /* DAY_SIZE */
#include "words.h"

/* Every day named in W, in the order written, as local midnights, at most MAX into
 * DAYS. WHEN is the time the message was written: "today" is its day, a weekday
 * name is the next such day after it (a week on when it is that day), "next Monday"
 * the Monday of next week, dates without a year the nearest one. Returns the count. */
size_t dates_all(const struct words *w, time_t when, time_t *days, size_t max);

/* The date a request is needed by: the earliest day named in SUBJECT that is not
 * before the day of WHEN, else the first such day named in TEXT. Returns 1 with OUT
 * set to "YYYY-MM-DD", or 0 when neither names one. */
int dates_needed_by(const char *subject, const char *text, time_t when, char out[DAY_SIZE]);
/* The same from the words of both, split already. */
int dates_needed_by_words(const struct words *subject, const struct words *text, time_t when,
                          char out[DAY_SIZE]);

#endif
