/* test_store.c — fetch/store: messages put into a database db_open made, exactly the
 * bytes received, once each (by SHA-256; forgotten mail never again), in batches of one
 * transaction (seen by another connection only once committed; an open batch rolled
 * back at close), messages over [fetch] max_size recorded as quarantined with their
 * headers only and once, and the IMAP folder's state committed with its batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "hash.h"
#include "store.h"
#include "unit.h"

static char dir[] = "/tmp/doorstep-test-store.XXXXXX";
static char err[1024], path[700];
static sqlite3 *db;
static struct store st;

static const char msg1[] = "From: jo@example.org\r\nSubject: one\r\nMessage-ID: <one@example.org>\r\n"
                           "\r\nbody one\r\n";
static const char msg2[] = "From: jo@example.org\r\nSubject: two\r\n\r\nbody two, no Message-ID\r\n";

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    setenv("DOORSTEP_NOW", "2026-11-24T09:00:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/t.db", dir);
    db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
    memset(&st, 0, sizeof st);
}

static void
teardown(void)
{
    char cmd[700];

    store_close(&st);
    db_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-store.XXXXXX");
    unsetenv("DOORSTEP_NOW");
}

static void
open_store(const char *source, size_t max_size, long batch)
{
    ck_assert_msg(store_open(&st, db, source, max_size, batch, err, sizeof err) == 0, "%s", err);
}

/* a number from another connection: what is committed */
static long
committed(const char *sql)
{
    sqlite3 *other;
    sqlite3_stmt *s;
    long v = -1;

    ck_assert_int_eq(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(other, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(other);
    return v;
}

static long
query_long(const char *sql)
{
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    long v = -1;

    ck_assert_msg(s != NULL, "%s", err);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static const char *
query_text(const char *sql)
{
    static char out[1024];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);

    ck_assert_msg(s != NULL, "%s", err);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, sizeof out, "%s",
                 sqlite3_column_type(s, 0) == SQLITE_NULL ? "NULL"
                                                          : (const char *)sqlite3_column_text(s, 0));
    else
        snprintf(out, sizeof out, "(no row)");
    sqlite3_finalize(s);
    return out;
}

START_TEST(t_stored_as_received)
{
    char sha[65];
    sqlite3_stmt *s;

    open_store("maildir:/home/jo/Maildir", 1 << 20, 0);
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 1795000000, 0, 0, err, sizeof err), 1);
    ck_assert_int_eq(store_add(&st, msg2, sizeof msg2 - 1, 0, 0, 0, err, sizeof err), 1);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(st.stored, 2);
    hash_sha256_hex(msg1, sizeof msg1 - 1, sha);
    ck_assert_str_eq(query_text("SELECT sha256 FROM messages WHERE id = 1"), sha);
    ck_assert_str_eq(query_text("SELECT source || ' ' || message_id || ' ' || size || ' ' ||"
                                " state || ' ' || internal_date || ' ' || fetched_at"
                                " FROM messages WHERE id = 1"),
                     "maildir:/home/jo/Maildir one@example.org 79 new 1795000000 1795510800");
    ck_assert_int_eq((long)(sizeof msg1 - 1), 79);
    /* what is not there is NULL, not 0 or "" */
    ck_assert_str_eq(query_text("SELECT message_id FROM messages WHERE id = 2"), "NULL");
    ck_assert_str_eq(query_text("SELECT internal_date FROM messages WHERE id = 2"), "NULL");
    ck_assert_str_eq(query_text("SELECT uid FROM messages WHERE id = 2"), "NULL");
    ck_assert_str_eq(query_text("SELECT uidvalidity FROM messages WHERE id = 2"), "NULL");
    ck_assert_str_eq(query_text("SELECT reason FROM messages WHERE id = 2"), "NULL");
    /* the bytes exactly */
    ck_assert_ptr_nonnull(s = db_prepare(db, "SELECT raw FROM message_raw WHERE message = 1", err,
                                         sizeof err));
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_bytes(s, 0), (int)(sizeof msg1 - 1));
    ck_assert_int_eq(memcmp(sqlite3_column_blob(s, 0), msg1, sizeof msg1 - 1), 0);
    sqlite3_finalize(s);
}
END_TEST

/* the same bytes again (a rerun, another folder, a new UIDVALIDITY): once */
START_TEST(t_duplicates_once)
{
    open_store("imap:jo@example.org/INBOX", 1 << 20, 0);
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 0, 7, 1, err, sizeof err), 1);
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 0, 8, 5, err, sizeof err), 0);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    store_close(&st);
    open_store("maildir:/x", 1 << 20, 0);
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 0, 0, 0, err, sizeof err), 0);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM messages"), 1);
    ck_assert_int_eq(query_long("SELECT count(*) FROM message_raw"), 1);
    ck_assert_str_eq(query_text("SELECT uidvalidity || ' ' || uid FROM messages"), "7 1");
    ck_assert_int_eq(st.duplicates, 1);
    /* one byte more is another message */
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1, 0, 0, 0, err, sizeof err), 1);
}
END_TEST

/* mail deleted on purpose (purge, member forget) never comes back */
START_TEST(t_forgotten_not_stored)
{
    char sha[65], sql[200];

    hash_sha256_hex(msg1, sizeof msg1 - 1, sha);
    snprintf(sql, sizeof sql, "INSERT INTO forgotten(sha256) VALUES ('%s')", sha);
    ck_assert_int_eq(db_exec(db, sql, err, sizeof err), 0);
    open_store("maildir:/x", 1 << 20, 0);
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 0, 0, 0, err, sizeof err), 0);
    ck_assert_int_eq(store_add(&st, msg2, sizeof msg2 - 1, 0, 0, 0, err, sizeof err), 1);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM messages"), 1);
    ck_assert_int_eq(query_long("SELECT count(*) FROM message_raw"), 1);
}
END_TEST

/* a batch is one transaction: others see it whole once committed; an open batch is
 * rolled back at close */
START_TEST(t_batches)
{
    char m[128];

    open_store("maildir:/x", 1 << 20, 3);
    for (int i = 0; i < 5; i++) {
        int n = snprintf(m, sizeof m, "Subject: %d\r\n\r\nbody %d\r\n", i, i);
        ck_assert_int_eq(store_add(&st, m, (size_t)n, 0, 0, 0, err, sizeof err), 1);
        ck_assert_int_eq(committed("SELECT count(*) FROM messages"), i < 2 ? 0 : 3);
    }
    ck_assert_int_eq(st.pending, 2);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(committed("SELECT count(*) FROM messages"), 5);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0); /* nothing open: fine */
    /* a batch left open is not committed by closing */
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 0, 0, 0, err, sizeof err), 1);
    store_close(&st);
    ck_assert_int_eq(committed("SELECT count(*) FROM messages"), 5);
    ck_assert_int_eq(query_long("SELECT count(*) FROM messages"), 5);
}
END_TEST

/* over [fetch] max_size: a quarantined row with the headers only, its size and where
 * it was left; recorded once; the whole message once the limit is raised */
START_TEST(t_oversize)
{
    static const char hdr[] = "From: jo@example.org\r\nSubject: big\r\nMessage-ID: <big@x>\r\n\r\n";
    const char *reason;

    open_store("maildir:/x", 1000, 0);
    ck_assert_int_eq(store_add_oversize(&st, "/x/cur/123:2,S", hdr, sizeof hdr - 1, 5000000, 0, 0,
                                        0, err, sizeof err),
                     1);
    ck_assert_int_eq(store_add_oversize(&st, "/x/cur/123:2,S", hdr, sizeof hdr - 1, 5000000, 0, 0,
                                        0, err, sizeof err),
                     0);
    ck_assert_int_eq(st.oversize, 1);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_str_eq(query_text("SELECT state || ' ' || size || ' ' || message_id FROM messages"),
                     "quarantined 5000000 big@x");
    reason = query_text("SELECT reason FROM messages");
    ck_assert_msg(strstr(reason, "5000000 bytes") && strstr(reason, "max_size (1000)") &&
                      strstr(reason, "/x/cur/123:2,S"),
                  "%s", reason);
    ck_assert_int_eq(query_long("SELECT length(raw) FROM message_raw"), (long)(sizeof hdr - 1));
    /* no headers at all: keyed by where it is, once */
    ck_assert_int_eq(store_add_oversize(&st, "mbox:/x#7", NULL, 0, 4000, 0, 0, 0, err, sizeof err),
                     1);
    ck_assert_int_eq(store_add_oversize(&st, "mbox:/x#7", NULL, 0, 4000, 0, 0, 0, err, sizeof err),
                     0);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM messages WHERE state = 'quarantined'"), 2);
    ck_assert_int_eq(query_long("SELECT count(*) FROM message_raw"), 1);
    /* the same headers stored whole later: a message of its own */
    ck_assert_int_eq(store_add(&st, hdr, sizeof hdr - 1, 0, 0, 0, err, sizeof err), 1);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM messages"), 3);
}
END_TEST

/* the IMAP folder's state: none at first; committed with the batch it belongs to */
START_TEST(t_mailbox_state)
{
    long v = -1, last = -1;

    open_store("imap:jo@example.org/INBOX", 1 << 20, 0);
    ck_assert_int_eq(store_get_mailbox(&st, &v, &last, err, sizeof err), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(last, 0);
    ck_assert_int_eq(store_add(&st, msg1, sizeof msg1 - 1, 0, 42, 17, err, sizeof err), 1);
    ck_assert_int_eq(store_set_mailbox(&st, 42, 17, err, sizeof err), 0);
    ck_assert_int_eq(committed("SELECT count(*) FROM mailbox_state"), 0);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(committed("SELECT last_uid FROM mailbox_state"), 17);
    ck_assert_int_eq(store_get_mailbox(&st, &v, &last, err, sizeof err), 0);
    ck_assert_int_eq(v, 42);
    ck_assert_int_eq(last, 17);
    /* a new UIDVALIDITY replaces the old one */
    ck_assert_int_eq(store_set_mailbox(&st, 43, 2, err, sizeof err), 0);
    ck_assert_int_eq(store_flush(&st, err, sizeof err), 0);
    ck_assert_int_eq(committed("SELECT count(*) FROM mailbox_state"), 1);
    ck_assert_int_eq(store_get_mailbox(&st, &v, &last, err, sizeof err), 0);
    ck_assert_int_eq(v, 43);
    ck_assert_int_eq(last, 2);
    store_close(&st);
    /* another source has its own */
    open_store("imap:jo@example.org/Other", 1 << 20, 0);
    ck_assert_int_eq(store_get_mailbox(&st, &v, &last, err, sizeof err), 0);
    ck_assert_int_eq(v, 0);
}
END_TEST

static Suite *
store_suite(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_stored_as_received);
    tcase_add_test(tc, t_duplicates_once);
    tcase_add_test(tc, t_forgotten_not_stored);
    tcase_add_test(tc, t_batches);
    tcase_add_test(tc, t_oversize);
    tcase_add_test(tc, t_mailbox_state);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(store_suite)
