/* members.c — the members table's shared writes, and the coordinator test. */
#include "members.h"

#include <strings.h>

#include "db.h"

int
members_is_coordinator(const conf *c, const char *addr)
{
    char **list = conf_list(conf_str(c, "group", "coordinators"), NULL);
    int found = 0;

    for (char **q = list; q && *q && !found; q++)
        found = strcasecmp(*q, addr) == 0;
    conf_list_free(list);
    return found;
}

/* Steps S (prepared, bound) once and finalizes it: the rows changed, or -1 with ERR
 * set and the error left in DB. */
static int
step_once(sqlite3 *db, sqlite3_stmt *s, char *err, size_t errlen)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? sqlite3_changes(db) : -1;

    if (rc < 0)
        db_errmsg(db, err, errlen);
    /* after the message: finalize keeps the step's error in DB for the caller */
    sqlite3_finalize(s);
    return rc;
}

int
members_add(sqlite3 *db, const char *addr, const char *name, const char *status, time_t when,
            sqlite3_int64 *id, char *err, size_t errlen)
{
    /* kept prepared: process adds every new sender, and preparing the statement cost
     * more than running it */
    sqlite3_stmt *s = db_prepare_kept(db,
                                      "INSERT INTO members(email, name, status, joined_at)"
                                      " VALUES (?1, ?2, ?3, ?4)",
                                      err, errlen);
    int rc;

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)when);
    if ((rc = sqlite3_step(s)) != SQLITE_DONE)
        db_errmsg(db, err, errlen);
    else if (id)
        *id = sqlite3_last_insert_rowid(db);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int
members_set_status(sqlite3 *db, const char *addr, const char *status, time_t when, char *err,
                   size_t errlen)
{
    sqlite3_stmt *s = db_prepare(db,
                                 "INSERT INTO members(email, status, joined_at) VALUES (?1, ?3, ?2)"
                                 " ON CONFLICT(email) DO UPDATE SET status = ?3"
                                 " WHERE status <> 'coordinator' OR ?3 = 'blocked'",
                                 err, errlen);

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)when);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    return step_once(db, s, err, errlen);
}

int
members_set_digest(sqlite3 *db, sqlite3_int64 id, int on, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(db, "UPDATE members SET digest = ?2 WHERE id = ?1", err, errlen);

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, on);
    return step_once(db, s, err, errlen) < 0 ? -1 : 0;
}

int
members_delete(sqlite3 *db, const char *addr, char *err, size_t errlen)
{
    sqlite3_stmt *s = db_prepare(db, "DELETE FROM members WHERE email = ?1", err, errlen);

    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    return step_once(db, s, err, errlen);
}
