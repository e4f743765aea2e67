/* db.h — the SQLite database every stage shares: opening, schema migrations,
 * transactions and statements. */
#ifndef DOORSTEP_DB_H
#define DOORSTEP_DB_H

#include <sqlite3.h>
#include <stddef.h>

#include "day.h" /* CODE_SIZE */

/* The schema version this build writes (PRAGMA user_version). */
int db_schema_version(void);

/* Opens (creating if missing) the database at PATH in WAL mode with a busy timeout and
 * foreign keys on, and migrates an older schema forward in one transaction per step.
 * A schema newer than this build knows is refused. Returns NULL with ERR naming PATH
 * on any failure. */
sqlite3 *db_open(const char *path, char *err, size_t errlen);

/* Closes DB (NULL is fine). */
void db_close(sqlite3 *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Return 0 or -1 with ERR set. db_commit counts
 * commits: with DOORSTEP_CRASH_AFTER_COMMITS=N in the environment the process is
 * killed (SIGKILL) right after the Nth, so that tests can prove a rerun repairs it. */
int db_begin(sqlite3 *db, char *err, size_t errlen);
int db_commit(sqlite3 *db, char *err, size_t errlen);
void db_rollback(sqlite3 *db);

/* Prepares SQL; NULL with ERR set ("SQL error: message") on failure. */
sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, char *err, size_t errlen);

/* The connection's prepared copy of SQL, kept for reuse by later calls (found again by
 * its text among the connection's statements; db_close finalizes it): for statements
 * run once per message or post. Reset it after use. NULL with ERR set on failure. */
sqlite3_stmt *db_prepare_kept(sqlite3 *db, const char *sql, char *err, size_t errlen);

/* Runs SQL that takes no parameters (schema, pragmas). 0 or -1 with ERR set. */
int db_exec(sqlite3 *db, const char *sql, char *err, size_t errlen);

/* Takes the next reference code for KIND ("offer" gives O-0001, "request" R-0001).
 * Numbers are never reused, even after posts are purged. Call inside a transaction.
 * Returns 0 or -1 with ERR set. */
int db_next_ref(sqlite3 *db, const char *kind, char out[CODE_SIZE], char *err, size_t errlen);

/* Writes reference number VALUE of KIND as db_next_ref does ("R-0042"), for a caller
 * that counts from the same counters itself. */
void db_format_ref(const char *kind, long value, char out[CODE_SIZE]);

/* DB's last error as "FILE: MESSAGE" (db_errmsg) or "FILE: SQL error: MESSAGE"
 * (db_sqlerr) into ERR; both return -1, for `return db_sqlerr(db, err, errlen);`.
 * db_log_errmsg logs the first form with log_error. */
int db_errmsg(sqlite3 *db, char *err, size_t errlen);
int db_sqlerr(sqlite3 *db, char *err, size_t errlen);
void db_log_errmsg(sqlite3 *db);

/* Copies column COL of STMT as a malloc'd string ("" for NULL); NULL only on OOM. */
char *db_column_strdup(sqlite3_stmt *stmt, int col);

#endif
