/* day.h — the days people write ("2026-11-30", "tomorrow", "thursday", "Mon 30 Nov"),
 * resolved to a local date in the group's time zone (see clock_setup). */
#ifndef DOORSTEP_DAY_H
#define DOORSTEP_DAY_H

#include <time.h>

/* The sizes, NUL included, of the two short strings every stage passes around: a day
 * as YYYY-MM-DD ("2026-11-30", clock_date) and a post's reference code ("R-0042",
 * "O-123456": db_next_ref, classify_refs; up to 23 bytes). */
#define DAY_SIZE 11
#define CODE_SIZE 24

/* The years a date written with one may have, in commands and in mail alike (a
 * longer range let typing slips through: "31/12/2022026"). */
#define DAY_YEAR_MIN 2000
#define DAY_YEAR_MAX 2099

enum {
    DAY_OK = 0,
    DAY_UNREADABLE = -1, /* not a day this module knows how to read */
    DAY_MISMATCH = -2,   /* a weekday and a date that disagree ("Tue 30 Nov 2026") */
};

/* Whether YEAR is one a written date may have: DAY_YEAR_MIN to DAY_YEAR_MAX. */
int day_year_ok(long year);

/* Reads all of S as a date written in numbers alone, the one reader of those for
 * commands and mail: YYYY-MM-DD (ISO 8601), or day first as in Britain, D/M/YYYY,
 * D/M/YY (20YY) or D/M (no year: *YEAR = 0, the caller picks it). A year must pass
 * day_year_ok. Sets *YEAR, *MON (1-12) and *MDAY (1-31; whether the month has that
 * day is the caller's to check) and returns DAY_OK, else DAY_UNREADABLE. */
int day_numeric(const char *s, int *year, int *mon, int *mday);

/* Reads S, case-insensitively, relative to the day of NOW: a date in numbers
 * (day_numeric: 2026-11-30, 30/11/2026, 30/11/26, 30/11); today, tomorrow; a weekday
 * (monday, mon, tues, ...: the next such day, today included); a date "30 Nov",
 * "Nov 30", "30th November 2026", with an optional weekday before it. A date without
 * a year is the one this year, or next year when this year's is more than six months
 * past; a year must pass day_year_ok. Commas and full stops are ignored. Sets *DAY to
 * local midnight and returns DAY_OK, else DAY_UNREADABLE or DAY_MISMATCH (*DAY
 * untouched). */
int day_parse(const char *s, time_t now, time_t *day);

/* The weekday of T in local time, Monday 0 to Sunday 6 (the bit of conf_task.days). */
int day_weekday(time_t t);

/* Whether the weekday mask DAYS (conf_task.days: bit 0 Monday ... bit 6 Sunday) has
 * WEEKDAY (Monday 0 to Sunday 6), and whether it has the weekday of T (local time):
 * the one test of "does this task run that day". */
int day_in(unsigned days, int weekday);
int day_runs(unsigned days, time_t t);

#endif
