/* fuzz_dates.c — the days people name in mail (rules/dates.c) on any text, written
 * at one of several moments (the first byte picks it, without being taken from the
 * text): clock changes, year ends, a leap day, the demo's week. The input is a subject
 * line and a text (or a message). */
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "fuzz.h"
#include "input.h"
#include "words.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const time_t moments[] = {
        946684801,  /* 2000-01-01 00:00:01, the first date process believes */
        1795593600, /* 2026-11-25 08:00, the demo's DOORSTEP_NOW */
        1774744200, /* 2026-03-29 00:30 UTC, just before the clocks go forward */
        1792890000, /* 2026-10-25 01:00 UTC, the hour that happens twice */
        1798761599, /* 2026-12-31 23:59:59 */
        1835438400, /* 2028-02-29 12:00 */
        2147483647, /* 2038-01-19 03:14:07 */
        4102444799, /* 2099-12-31 23:59:59 */
    };
    char *text = fuzz_utf8(data, size), *subject, *body, out[DAY_SIZE], today[DAY_SIZE];
    time_t when = moments[size ? data[0] % 8 : 0], days[16];
    struct words w = {0};

    (void)fuzz_rules(); /* the group's time zone */
    fuzz_split(text, &subject, &body);
    if (words_split(body, &w) < 0)
        abort();
    if (dates_all(&w, when, days, 16) > 16)
        abort();
    words_free(&w);
    clock_date(when, today);
    if (dates_needed_by(subject, body, when, out)) {
        /* "YYYY-MM-DD", and never a day before the message was written */
        for (int i = 0; i < 10; i++)
            if (i == 4 || i == 7 ? out[i] != '-' : (out[i] < '0' || out[i] > '9'))
                abort();
        if (out[10] != '\0' || strcmp(out, today) < 0)
            abort();
    }
    free(text);
    return 0;
}
