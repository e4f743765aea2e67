/* test_db.c — lib/db: the database (open, migrate, refuse newer schemas, references,
 * foreign keys). lib/file's tests are in test_file.c. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "unit.h"

static char dir[] = "/tmp/doorstep-test-db.XXXXXX";
static char path[600], err[1024];

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
}

static void
teardown(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-db.XXXXXX");
}

static long
query_long(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    long v = -1;
    ck_assert_msg(s != NULL, "%s", err);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* db_errmsg and db_sqlerr: "FILE: MESSAGE", "FILE: SQL error: MESSAGE", -1 */
START_TEST(t_errmsg_forms)
{
    sqlite3 *db = db_open(path, err, sizeof err);
    char want[1200], small[8];

    ck_assert_msg(db != NULL, "%s", err);
    ck_assert_int_ne(sqlite3_exec(db, "SELECT * FROM no_such_table", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(db_errmsg(db, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: no such table: no_such_table", path);
    ck_assert_str_eq(err, want);
    ck_assert_int_eq(db_sqlerr(db, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: SQL error: no such table: no_such_table", path);
    ck_assert_str_eq(err, want);
    ck_assert_int_eq(db_errmsg(db, small, sizeof small), -1); /* cut, ended */
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
    db_close(db);
}
END_TEST

START_TEST(t_open_creates_and_migrates)
{
    sqlite3 *db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
    ck_assert_int_eq(query_long(db, "PRAGMA user_version"), db_schema_version());
    /* people's details: for its owner only */
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);
    ck_assert_int_eq(query_long(db, "PRAGMA foreign_keys"), 1);
    ck_assert_int_ge(query_long(db, "PRAGMA busy_timeout"), 1000);
    sqlite3_stmt *s = db_prepare(db, "PRAGMA journal_mode", err, sizeof err);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
    sqlite3_finalize(s);
    db_close(db);
    /* opening again is a no-op */
    db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
    db_close(db);
}
END_TEST

/* 5 -> 6 moved the raw bytes out of messages into message_raw; 6 -> 7 rebuilt
 * messages and posts: nothing lost, posts still point at their messages */
START_TEST(t_migrations_6_7_keep_rows)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(
        db_exec(db,
                "CREATE TABLE members (id INTEGER PRIMARY KEY, email TEXT);"
                "CREATE TABLE messages (id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
                " uidvalidity INTEGER, uid INTEGER, message_id TEXT, sha256 TEXT NOT NULL UNIQUE,"
                " internal_date INTEGER, fetched_at INTEGER NOT NULL, size INTEGER NOT NULL,"
                " raw BLOB, state TEXT NOT NULL DEFAULT 'new', reason TEXT, processed_at INTEGER);"
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE,"
                " message INTEGER REFERENCES messages(id) ON DELETE SET NULL, kind TEXT NOT NULL,"
                " category TEXT NOT NULL, area TEXT, street TEXT, title TEXT NOT NULL, body TEXT,"
                " summary TEXT, member_id INTEGER REFERENCES members(id),"
                " created_at INTEGER NOT NULL, needed_by TEXT, expires_at TEXT,"
                " status TEXT NOT NULL DEFAULT 'open', closed_at INTEGER, first_digest TEXT);"
                /* schema 10 indexes the outbox's Message-IDs */
                "CREATE TABLE outbox (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
                " key TEXT NOT NULL UNIQUE, message_id TEXT NOT NULL, recipients TEXT NOT NULL,"
                " raw BLOB NOT NULL, state TEXT NOT NULL DEFAULT 'queued', attempts INTEGER"
                " NOT NULL DEFAULT 0, last_error TEXT, created_at INTEGER NOT NULL, sent_at INTEGER);"
                /* schema 12 records how triage notes are settled */
                "CREATE TABLE triage (id INTEGER PRIMARY KEY, message INTEGER, post INTEGER,"
                " reason TEXT NOT NULL, created_at INTEGER NOT NULL, resolved_at INTEGER);"
                "INSERT INTO messages(id, source, sha256, fetched_at, size, raw, state) VALUES"
                " (1, 'm', 'a', 1, 2, X'4672', 'processed'), (2, 'm', 'b', 1, 0, NULL, 'new'),"
                " (3, 'm', 'c', 1, 10, 'Subject: x', 'new');"
                "INSERT INTO posts(ref, message, kind, category, title, created_at) VALUES"
                " ('R-0001', 1, 'request', 'shopping', 'milk', 1);"
                "PRAGMA user_version = 5",
                err, sizeof err),
        0);
    sqlite3_close(db);
    db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
    ck_assert_int_eq(query_long(db, "SELECT count(*) FROM message_raw"), 2);
    ck_assert_int_eq(query_long(db, "SELECT count(*) FROM message_raw WHERE message = 1"
                                    " AND raw = X'4672'"),
                     1);
    ck_assert_int_eq(query_long(db, "SELECT count(*) FROM pragma_table_info('messages')"
                                    " WHERE name = 'raw'"),
                     0);
    ck_assert_int_eq(query_long(db, "SELECT message FROM posts WHERE ref = 'R-0001'"), 1);
    ck_assert_int_eq(query_long(db, "SELECT count(*) FROM messages"), 3);
    /* the CHECKs still hold */
    ck_assert_int_eq(db_exec(db, "UPDATE messages SET state = 'lost' WHERE id = 2", err, sizeof err),
                     -1);
    ck_assert_int_eq(db_exec(db, "UPDATE posts SET status = 'gone'", err, sizeof err), -1);
    /* a message deleted takes its bytes with it */
    ck_assert_int_eq(db_exec(db, "DELETE FROM messages WHERE id = 3", err, sizeof err), 0);
    ck_assert_int_eq(query_long(db, "SELECT count(*) FROM message_raw"), 1);
    db_close(db);
}
END_TEST

START_TEST(t_newer_schema_refused)
{
    sqlite3 *db = db_open(path, err, sizeof err);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_version() + 1);
    ck_assert_int_eq(db_exec(db, sql, err, sizeof err), 0);
    db_close(db);
    db = db_open(path, err, sizeof err);
    ck_assert_ptr_null(db);
    ck_assert_msg(strstr(err, "newer than this doorstep knows"), "%s", err);
    ck_assert_msg(strstr(err, path), "%s", err);
}
END_TEST

START_TEST(t_unopenable_path)
{
    sqlite3 *db = db_open("/nonexistent/dir/t.db", err, sizeof err);
    ck_assert_ptr_null(db);
    ck_assert_msg(strstr(err, "/nonexistent/dir/t.db"), "%s", err);
}
END_TEST

START_TEST(t_refs_never_reused)
{
    sqlite3 *db = db_open(path, err, sizeof err);
    char ref[CODE_SIZE];
    ck_assert_int_eq(db_begin(db, err, sizeof err), 0);
    ck_assert_int_eq(db_next_ref(db, "request", ref, err, sizeof err), 0);
    ck_assert_str_eq(ref, "R-0001");
    ck_assert_int_eq(db_next_ref(db, "offer", ref, err, sizeof err), 0);
    ck_assert_str_eq(ref, "O-0001");
    ck_assert_int_eq(db_next_ref(db, "request", ref, err, sizeof err), 0);
    ck_assert_str_eq(ref, "R-0002");
    ck_assert_int_eq(db_commit(db, err, sizeof err), 0);
    /* a rolled-back reference is not lost nor doubled: it is simply taken again */
    ck_assert_int_eq(db_begin(db, err, sizeof err), 0);
    ck_assert_int_eq(db_next_ref(db, "request", ref, err, sizeof err), 0);
    db_rollback(db);
    ck_assert_int_eq(db_begin(db, err, sizeof err), 0);
    ck_assert_int_eq(db_next_ref(db, "request", ref, err, sizeof err), 0);
    ck_assert_str_eq(ref, "R-0003");
    ck_assert_int_eq(db_commit(db, err, sizeof err), 0);
    db_close(db);
}
END_TEST

START_TEST(t_foreign_keys_enforced)
{
    sqlite3 *db = db_open(path, err, sizeof err);
    ck_assert_int_eq(db_exec(db,
                             "INSERT INTO rota_slots(task, day, member_id, created_at)"
                             " VALUES ('x', '2026-11-26', 42, 0)",
                             err, sizeof err),
                     -1);
    ck_assert_msg(strstr(err, "FOREIGN KEY"), "%s", err);
    db_close(db);
}
END_TEST

static Suite *
db_suite(void)
{
    Suite *s = suite_create("db");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_open_creates_and_migrates);
    tcase_add_test(tc, t_errmsg_forms);
    tcase_add_test(tc, t_migrations_6_7_keep_rows);
    tcase_add_test(tc, t_newer_schema_refused);
    tcase_add_test(tc, t_unopenable_path);
    tcase_add_test(tc, t_refs_never_reused);
    tcase_add_test(tc, t_foreign_keys_enforced);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(db_suite)
