/* unit_process.h — a group's database for the unit tests of the process stage: a config
 * from INI text, a fresh database made by db_open in a temporary folder, mail stored
 * as fetch stores it (store_add) and processed as doorstep-process does
 * (proc_all), and small SQL helpers. One group at a time per test program. */
#ifndef UNIT_PROCESS_H
#define UNIT_PROCESS_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "conf.h"
#include "db.h"
#include "proc.h"
#include "store.h"
#include "unit_conf.h"

static struct {
    char dir[64];
    conf *c;
    sqlite3 *db;
    struct proc_stats stats;
} unit_group;

/* Opens the group of config INI at DOORSTEP_NOW = NOW (local time of INI's timezone,
 * Europe/London when it names none). */
static inline void
unit_group_open(const char *ini, const char *now)
{
    char path[128], err[1024];

    snprintf(unit_group.dir, sizeof unit_group.dir, "/tmp/doorstep-unit-group.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(unit_group.dir));
    setenv("DOORSTEP_NOW", now, 1);
    unit_group.c = unit_conf(ini);
    ck_assert_int_eq(clock_setup(conf_str(unit_group.c, "group", "timezone"), err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/doorstep.db", unit_group.dir);
    unit_group.db = db_open(path, err, sizeof err);
    ck_assert_msg(unit_group.db != NULL, "%s", err);
}

/* Moves the clock to NOW (DOORSTEP_NOW, read again). */
static inline void
unit_now(const char *now)
{
    char err[1024];

    setenv("DOORSTEP_NOW", now, 1);
    ck_assert_int_eq(clock_setup(conf_str(unit_group.c, "group", "timezone"), err, sizeof err), 0);
}

static inline void
unit_group_close(void)
{
    char cmd[128];

    db_close(unit_group.db);
    conf_free(unit_group.c);
    unit_group.db = NULL;
    unit_group.c = NULL;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", unit_group.dir);
    ck_assert_int_eq(system(cmd), 0);
    unsetenv("DOORSTEP_NOW");
}

/* Runs SQL, which must work. */
static inline void
unit_exec(const char *sql)
{
    char err[1024];
    ck_assert_msg(db_exec(unit_group.db, sql, err, sizeof err) == 0, "%s: %s", sql, err);
}

/* The first column of the first row of SQL (with ?1 bound to ARG when not NULL) as a
 * number; -1 when there is no row. */
static inline long
unit_long(const char *sql, const char *arg)
{
    char err[1024];
    sqlite3_stmt *s = db_prepare(unit_group.db, sql, err, sizeof err);
    long v = -1;

    ck_assert_msg(s != NULL, "%s", err);
    if (arg)
        sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The same as text, into a static buffer ("" for NULL, "(no row)" when none). */
static inline const char *
unit_text(const char *sql, const char *arg)
{
    static char out[1024];
    char err[1024];
    sqlite3_stmt *s = db_prepare(unit_group.db, sql, err, sizeof err);

    ck_assert_msg(s != NULL, "%s", err);
    if (arg)
        sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, sizeof out, "%s",
                 sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
    else
        snprintf(out, sizeof out, "(no row)");
    sqlite3_finalize(s);
    return out;
}

/* Processes every new message, which must work. */
static inline void
unit_process(void)
{
    char err[1024];
    ck_assert_msg(proc_all(unit_group.c, unit_group.db, 100, &unit_group.stats, err,
                                   sizeof err) == 0,
                  "%s", err);
}

/* Stores a message as fetch does (FROM, SUBJECT, extra header lines HDRS ending in
 * CRLF or "", BODY) with Message-ID <ID@test>, dated now; returns its id. */
static inline long
unit_store(const char *id, const char *from, const char *subject, const char *hdrs,
           const char *body)
{
    char raw[8192], err[1024], date[64], sql[160];
    struct store st;

    clock_rfc5322(clock_now(), date, sizeof date);
    snprintf(raw, sizeof raw,
             "From: %s\r\nTo: help@group.example.org\r\nSubject: %s\r\nDate: %s\r\n"
             "Message-ID: <%s@test>\r\n%sContent-Type: text/plain; charset=UTF-8\r\n\r\n%s\r\n",
             from, subject, date, id, hdrs, body);
    ck_assert_msg(store_open(&st, unit_group.db, "maildir:/test", 1 << 20, 0, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_msg(store_add(&st, raw, strlen(raw), clock_now(), 0, 0, err, sizeof err) == 1,
                  "message %s not stored: %s", id, err);
    ck_assert_msg(store_flush(&st, err, sizeof err) == 0, "%s", err);
    store_close(&st);
    snprintf(sql, sizeof sql, "SELECT id FROM messages WHERE message_id = '%s@test'", id);
    return unit_long(sql, NULL);
}

/* The state and reason of message MSG ("processed: closing: R-0001 done"), static. */
static inline const char *
unit_state(long msg)
{
    char sql[160];

    snprintf(sql, sizeof sql, "SELECT state || ': ' || coalesce(reason, '') FROM messages"
                              " WHERE id = %ld", msg);
    return unit_text(sql, NULL);
}

/* unit_store, then every new message processed; returns the message's unit_state. */
static inline const char *
unit_mail(const char *id, const char *from, const char *subject, const char *hdrs,
          const char *body)
{
    long msg = unit_store(id, from, subject, hdrs, body);

    unit_process();
    return unit_state(msg);
}

#endif
