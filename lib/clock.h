/* clock.h — the group's time: its time zone, "now" (fixable for tests), dates. */
#ifndef DOORSTEP_CLOCK_H
#define DOORSTEP_CLOCK_H

#include <stddef.h>
#include <time.h>

#include "day.h" /* DAY_SIZE */

/* Makes TZ (a zone name like "Europe/London") the process time zone, then reads
 * DOORSTEP_NOW if set ("2026-11-25T08:00:00", local time of TZ) as the fixed current
 * time. Returns 0, or -1 with ERR set when DOORSTEP_NOW cannot be read. */
int clock_setup(const char *tz, char *err, size_t errlen);

/* The current time: DOORSTEP_NOW when set at clock_setup, else time(). */
time_t clock_now(void);

/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" as local time. Returns 0 or -1. */
int clock_parse_local(const char *s, time_t *out);

/* Formats T in local time: "YYYY-MM-DD" (11 bytes) and ISO 8601 with the UTC offset,
 * "2026-11-25T08:00:00+00:00" (26 bytes). */
void clock_date(time_t t, char out[DAY_SIZE]);
void clock_iso(time_t t, char out[26]);

/* RFC 5322 date for mail headers: "Wed, 25 Nov 2026 08:00:00 +0000". */
void clock_rfc5322(time_t t, char *out, size_t outlen);

/* The instant of a date and time written in mail (a Date field, an IMAP
 * INTERNALDATE) with its zone as +HHMM read as a number (+0130 is 130, -0500 is
 * -500). Returns 0 for a date that cannot be (before 1970, month 13...). */
time_t clock_mail_time(int year, int month, int day, int hour, int min, int sec, int zone);

/* Midnight (local) of the day containing T, and that day plus DAYS days. */
time_t clock_day_start(time_t t);
time_t clock_add_days(time_t day_start, int days);

#endif
