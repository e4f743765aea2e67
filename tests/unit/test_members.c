/* test_members.c — lib/members.c: the members table's shared writes on a migrated
 * database, and the coordinator test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "members.h"
#include "unit.h"
#include "unit_conf.h"

static char dir[] = "/tmp/doorstep-test-members.XXXXXX";
static char path[600], err[1024];
static sqlite3 *db;

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
}

static void
teardown(void)
{
    char cmd[700];
    db_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* The member ADDR's column COL as text into OUT ("" when no such member). */
static const char *
column(const char *addr, const char *col, char *out, size_t len)
{
    char sql[200];
    sqlite3_stmt *s;

    snprintf(sql, sizeof sql, "SELECT %s FROM members WHERE email = ?1", col);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    *out = '\0';
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, len, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

START_TEST(t_add_and_refuse_twice)
{
    char v[64];
    sqlite3_int64 id = 0, id2 = 0;

    ck_assert_int_eq(members_add(db, "ann@example.org", "Ann", "pending", 1000, &id, err,
                                 sizeof err), 0);
    ck_assert_int_gt(id, 0);
    ck_assert_str_eq(column("ann@example.org", "status", v, sizeof v), "pending");
    ck_assert_str_eq(column("ann@example.org", "name", v, sizeof v), "Ann");
    ck_assert_str_eq(column("ann@example.org", "joined_at", v, sizeof v), "1000");
    ck_assert_int_eq(members_add(db, "bob@example.org", NULL, "member", 2000, &id2, err,
                                 sizeof err), 0);
    ck_assert_int_eq(id2, id + 1);
    ck_assert_str_eq(column("bob@example.org", "name", v, sizeof v), "");
    /* the second time: the UNIQUE constraint, in db_errmsg's words, left in DB */
    ck_assert_int_eq(members_add(db, "ann@example.org", NULL, "member", 3000, NULL, err,
                                 sizeof err), -1);
    ck_assert_msg(strncmp(err, path, strlen(path)) == 0 && strstr(err, ": UNIQUE"), "%s", err);
    ck_assert_int_eq(sqlite3_errcode(db) & 0xff, SQLITE_CONSTRAINT);
    ck_assert_str_eq(column("ann@example.org", "status", v, sizeof v), "pending");
}
END_TEST

START_TEST(t_set_status_keeps_coordinators)
{
    char v[64];

    /* unknown: added, joined now */
    ck_assert_int_eq(members_set_status(db, "cat@example.org", "member", 500, err, sizeof err), 1);
    ck_assert_str_eq(column("cat@example.org", "status", v, sizeof v), "member");
    ck_assert_str_eq(column("cat@example.org", "joined_at", v, sizeof v), "500");
    ck_assert_int_eq(members_set_status(db, "cat@example.org", "blocked", 600, err, sizeof err), 1);
    ck_assert_str_eq(column("cat@example.org", "status", v, sizeof v), "blocked");
    ck_assert_str_eq(column("cat@example.org", "joined_at", v, sizeof v), "500");
    /* a coordinator is approved as nothing else, but can be blocked */
    ck_assert_int_eq(members_add(db, "dan@example.org", NULL, "coordinator", 1, NULL, err,
                                 sizeof err), 0);
    ck_assert_int_eq(members_set_status(db, "dan@example.org", "member", 2, err, sizeof err), 0);
    ck_assert_str_eq(column("dan@example.org", "status", v, sizeof v), "coordinator");
    ck_assert_int_eq(members_set_status(db, "dan@example.org", "blocked", 2, err, sizeof err), 1);
    ck_assert_str_eq(column("dan@example.org", "status", v, sizeof v), "blocked");
}
END_TEST

START_TEST(t_digest_and_delete)
{
    char v[64];
    sqlite3_int64 id;

    ck_assert_int_eq(members_add(db, "eve@example.org", NULL, "member", 1, &id, err, sizeof err), 0);
    ck_assert_int_eq(members_set_digest(db, id, 1, err, sizeof err), 0);
    ck_assert_str_eq(column("eve@example.org", "digest", v, sizeof v), "1");
    ck_assert_int_eq(members_set_digest(db, id, 0, err, sizeof err), 0);
    ck_assert_str_eq(column("eve@example.org", "digest", v, sizeof v), "0");
    ck_assert_int_eq(members_delete(db, "eve@example.org", err, sizeof err), 1);
    ck_assert_str_eq(column("eve@example.org", "status", v, sizeof v), "");
    ck_assert_int_eq(members_delete(db, "eve@example.org", err, sizeof err), 0);
}
END_TEST

START_TEST(t_is_coordinator)
{
    conf *c = unit_conf("[group]\nname = G\naddress = g@example.org\n"
                        "coordinators = Ann@Example.org, bob@example.org\n"
                        "[fetch]\nsource = mbox:x\n");

    ck_assert(members_is_coordinator(c, "ann@example.org"));
    ck_assert(members_is_coordinator(c, "BOB@example.org"));
    ck_assert(!members_is_coordinator(c, "an@example.org"));
    ck_assert(!members_is_coordinator(c, "ann@example.org.uk"));
    ck_assert(!members_is_coordinator(c, ""));
    conf_free(c);
    c = unit_conf("[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n");
    ck_assert(!members_is_coordinator(c, "ann@example.org"));
    conf_free(c);
}
END_TEST

static Suite *
members_suite(void)
{
    Suite *s = suite_create("members");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_add_and_refuse_twice);
    tcase_add_test(tc, t_set_status_keeps_coordinators);
    tcase_add_test(tc, t_digest_and_delete);
    tcase_add_test(tc, t_is_coordinator);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(members_suite)
