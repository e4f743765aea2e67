/* dbjson.h — the rows of an SQLite statement as jansson values: the loop that `member
 * export`, the coordinators' digest and the digest's posts share, each with its own
 * way of turning a row into an object. */
#ifndef DOORSTEP_DBJSON_H
#define DOORSTEP_DBJSON_H

#include <jansson.h>
#include <sqlite3.h>

/* Fills the object O from the row statement S is on (UD: the caller's). */
typedef void dbjson_row_fn(sqlite3_stmt *s, json_t *o, void *ud);

/* Steps S (prepared and bound) through all its rows and returns them as a new JSON
 * array of objects, each filled by ROW (NULL: dbjson_columns). Finalizes S. NULL when
 * a step fails: the error is left in S's database (sqlite3_errmsg, db_errmsg) for the
 * caller to report in its own words. */
json_t *dbjson_rows(sqlite3_stmt *s, dbjson_row_fn *row, void *ud);

/* A dbjson_row_fn: every column under its name, by its type: integers as numbers, but
 * those of a time column (named *_at, or internal_date: Unix seconds) as ISO 8601 local
 * time; reals as numbers; text and blobs as UTF-8 strings (bad bytes and NULs as
 * U+FFFD); NULL as null. UD is unused. */
void dbjson_columns(sqlite3_stmt *s, json_t *o, void *ud);

/* Whether the column NAME holds a time in Unix seconds by the schema's naming: *_at,
 * internal_date. */
int dbjson_is_time_column(const char *name);

#endif
