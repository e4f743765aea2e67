/* members.h — the members table's writes that more than one program makes: a sender
 * added by the process stage or by a command, a status set by a coordinator, a digest
 * turned on or off, a member forgotten; and who the configured coordinators are. */
#ifndef DOORSTEP_MEMBERS_H
#define DOORSTEP_MEMBERS_H

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "conf.h"

/* Whether ADDR is one of the config's [group] coordinators (case aside). */
int members_is_coordinator(const conf *c, const char *addr);

/* Each of these returns -1 on failure with ERR set: db_prepare's message, or
 * "FILE: MESSAGE" (db_errmsg) for a failed step, whose error DB still holds
 * (sqlite3_errcode, sqlite3_errmsg) for a caller that reports it in its own words. */

/* Adds the member ADDR (NAME may be NULL) with STATUS ("pending", "member",
 * "coordinator", "blocked"), joined at WHEN; *ID (may be NULL) gets its row id.
 * An address that is a member already is an error (the UNIQUE constraint). 0 or -1. */
int members_add(sqlite3 *db, const char *addr, const char *name, const char *status, time_t when,
                sqlite3_int64 *id, char *err, size_t errlen);

/* Sets ADDR's STATUS, adding the member (joined at WHEN) when unknown. A coordinator
 * stays one unless STATUS is "blocked". Returns the rows written (0 or 1), or -1. */
int members_set_status(sqlite3 *db, const char *addr, const char *status, time_t when,
                       char *err, size_t errlen);

/* Whether member ID gets the digest ([digest] to = members): ON 1 or 0. 0 or -1. */
int members_set_digest(sqlite3 *db, sqlite3_int64 id, int on, char *err, size_t errlen);

/* Deletes the member row of ADDR (what refers to it is the caller's to remove first).
 * Returns the rows deleted (0 or 1), or -1. */
int members_delete(sqlite3 *db, const char *addr, char *err, size_t errlen);

#endif
