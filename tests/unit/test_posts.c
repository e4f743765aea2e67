/* test_posts.c — lib/posts, the one writer of the posts table, on a temporary
 * database: insert, find (also by a code changed with the kind), status changes with
 * and without their audit rows, reopen, renew, expiry, block and approve, edits,
 * erasure, and the triage notes that settle with their post. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "posts.h"
#include "unit.h"

static char dir[] = "/tmp/doorstep-test-posts.XXXXXX";
static char path[600], err[1024];
static sqlite3 *db;

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1);
    ck_assert_int_eq(clock_setup("UTC", err, sizeof err), 0);
    db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
    ck_assert_int_eq(db_exec(db,
                             "INSERT INTO members(id, email, status, joined_at) VALUES"
                             " (1, 'ann@example.com', 'member', 0),"
                             " (2, 'bob@example.net', 'pending', 0)",
                             err, sizeof err),
                     0);
}

static void
teardown(void)
{
    char cmd[700];
    db_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-posts.XXXXXX");
}

static long
query_long(const char *sql)
{
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    long v = -1;
    ck_assert_msg(s != NULL, "%s", err);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static const char *
query_text(const char *sql)
{
    static char out[256];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    out[0] = '\0';
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, sizeof out, "%s", sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

/* A post REF of KIND by MEMBER with STATUS, expiring EXPIRES; its id. */
static long
add(const char *ref, const char *kind, long member, const char *status, const char *expires)
{
    struct posts_new p = {.ref = ref, .kind = kind, .category = "food", .area = "north",
                          .street = "Elm Street", .title = "soup", .member = member,
                          .created = clock_now(), .expires = expires, .status = status};
    long id = 0;
    ck_assert_msg(posts_insert(db, &p, &id, err, sizeof err) == 0, "%s", err);
    ck_assert_int_gt(id, 0);
    return id;
}

START_TEST(t_insert_and_find)
{
    struct posts_row r;
    long id = add("R-0001", "request", 1, "open", "2026-12-02");

    ck_assert_int_eq(posts_find(db, "R-0001", &r, err, sizeof err), 1);
    ck_assert_int_eq(r.id, id);
    ck_assert_str_eq(r.kind, "request");
    ck_assert_str_eq(r.status, "open");
    ck_assert_str_eq(r.expires, "2026-12-02");
    ck_assert_str_eq(r.needed, "");
    ck_assert_int_eq(r.member, 1);
    ck_assert_int_eq(posts_find(db, "R-0002", &r, err, sizeof err), 0);
    /* NULL message and member stay NULL; a second insert reuses the kept statement */
    add("O-0001", "offer", 0, "open", NULL);
    ck_assert_int_eq(query_long("SELECT count(*) FROM posts WHERE member_id IS NULL"
                                " AND message IS NULL AND expires_at IS NULL"),
                     1);
    /* a duplicate code is the database's error, reported */
    struct posts_new dup = {.ref = "R-0001", .kind = "request", .category = "food",
                            .title = "x", .created = 1};
    ck_assert_int_eq(posts_insert(db, &dup, NULL, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "UNIQUE"));
}
END_TEST

START_TEST(t_status_audited_only_with_who)
{
    long id = add("R-0001", "request", 1, "open", "2026-12-02");

    ck_assert_int_eq(posts_set_status(db, id, "done", 100, NULL, err, sizeof err), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM post_edits"), 0);
    ck_assert_int_eq(query_long("SELECT closed_at FROM posts"), 100);
    ck_assert_int_eq(posts_set_status(db, id, "withdrawn", 200, "maria", err, sizeof err), 0);
    ck_assert_str_eq(query_text("SELECT who || ' ' || field || ' ' || old || ' ' || new || ' ' || at"
                                " FROM post_edits"),
                     "maria status done withdrawn 200");
    /* an unknown post, with WHO, is an error; the same status is no audit row */
    ck_assert_int_eq(posts_set_status(db, 999, "done", 1, "maria", err, sizeof err), -1);
    ck_assert_int_eq(posts_set_status(db, id, "withdrawn", 300, "maria", err, sizeof err), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM post_edits"), 1);
}
END_TEST

START_TEST(t_reopen_and_renew)
{
    long id = add("R-0001", "request", 1, "done", "2026-11-20");
    int renewed = -1;

    ck_assert_int_eq(posts_renew(db, id, "2026-11-25", 7, "maria", &renewed, err, sizeof err), 0);
    ck_assert_int_eq(renewed, 0); /* a closed post is not renewed */
    ck_assert_int_eq(posts_reopen(db, id, "2026-12-02", "maria", err, sizeof err), 0);
    ck_assert_str_eq(query_text("SELECT status || ' ' || expires_at || ' ' ||"
                                " coalesce(closed_at, 'null') FROM posts"),
                     "open 2026-12-02 null");
    /* from its expiry when later than today */
    ck_assert_int_eq(posts_renew(db, id, "2026-11-25", 7, "maria", &renewed, err, sizeof err), 0);
    ck_assert_int_eq(renewed, 1);
    ck_assert_str_eq(query_text("SELECT expires_at FROM posts"), "2026-12-09");
    ck_assert_int_eq(query_long("SELECT count(*) FROM post_edits WHERE field = 'expires_at'"), 2);
    /* an expired one from today, and open again */
    ck_assert_int_eq(posts_set_status(db, id, "expired", 5, NULL, err, sizeof err), 0);
    ck_assert_int_eq(posts_renew(db, id, "2026-12-20", 7, NULL, &renewed, err, sizeof err), 0);
    ck_assert_int_eq(renewed, 1);
    ck_assert_str_eq(query_text("SELECT status || ' ' || expires_at FROM posts"), "open 2026-12-27");
}
END_TEST

START_TEST(t_expire_block_approve)
{
    long n = -1;

    add("R-0001", "request", 1, "open", "2026-11-20");
    add("R-0002", "request", 1, "triage", "2026-11-30");
    add("O-0001", "offer", 2, "held", "2026-12-20");
    add("O-0002", "offer", 2, "held", "2026-12-20");
    ck_assert_int_eq(posts_expire(db, "2026-11-25", 77, &n, err, sizeof err), 0);
    ck_assert_int_eq(n, 1);
    ck_assert_str_eq(query_text("SELECT status || closed_at FROM posts WHERE ref = 'R-0001'"),
                     "expired77");
    /* approve: held posts open, or go to triage when a note about them is open */
    ck_assert_int_eq(db_exec(db,
                             "INSERT INTO triage(post, reason, created_at)"
                             " SELECT id, 'unsure', 0 FROM posts WHERE ref = 'O-0002'",
                             err, sizeof err),
                     0);
    ck_assert_int_eq(posts_release_member(db, "bob@example.net", &n, err, sizeof err), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(query_text("SELECT group_concat(status, ',') FROM posts WHERE member_id = 2"),
                     "open,triage");
    ck_assert_int_eq(posts_withdraw_member(db, "bob@example.net", 88, &n, err, sizeof err), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(query_long("SELECT count(*) FROM posts WHERE status = 'withdrawn'"), 2);
}
END_TEST

START_TEST(t_edit_and_kind)
{
    long id = add("R-0001", "request", 1, "open", "2026-12-02");
    char newref[24];
    struct posts_row r;
    int changed = -1;

    ck_assert_int_eq(posts_edit(db, id, "street", "Beech Avenue", "maria", 9, &changed, err,
                                sizeof err),
                     0);
    ck_assert_int_eq(changed, 1);
    ck_assert_int_eq(posts_edit(db, id, "street", "Beech Avenue", "maria", 9, &changed, err,
                                sizeof err),
                     0);
    ck_assert_int_eq(changed, 0);
    ck_assert_int_eq(posts_edit(db, id, "needed_by", NULL, "maria", 9, &changed, err, sizeof err), 0);
    ck_assert_int_eq(changed, 0); /* NULL to NULL */
    /* only the fields a coordinator corrects, never a column named by outside text */
    ck_assert_int_eq(posts_edit(db, id, "body", "x", "maria", 9, NULL, err, sizeof err), -1);
    ck_assert_int_eq(posts_edit(db, id, "title = 'x' --", "x", "maria", 9, NULL, err, sizeof err), -1);
    ck_assert_int_eq(posts_edit(db, 999, "title", "x", "maria", 9, NULL, err, sizeof err), -1);
    ck_assert_str_eq(query_text("SELECT old || ' > ' || new FROM post_edits"), "Elm Street > Beech Avenue");
    /* the kind: a new code of that kind; the old code still finds it */
    ck_assert_int_eq(posts_set_kind(db, id, "offer", "maria", 9, newref, err, sizeof err), 0);
    ck_assert_str_eq(newref, "O-0001");
    ck_assert_int_eq(posts_find(db, "R-0001", &r, err, sizeof err), 1);
    ck_assert_str_eq(r.ref, "O-0001");
    ck_assert_str_eq(r.kind, "offer");
    ck_assert_int_eq(posts_set_kind(db, id, "offer", "maria", 9, newref, err, sizeof err), 0);
    ck_assert_str_eq(newref, "O-0001");
    ck_assert_int_eq(posts_set_kind(db, id, "gift", "maria", 9, newref, err, sizeof err), -1);
    ck_assert_int_eq(query_long("SELECT count(*) FROM post_edits"), 3);
}
END_TEST

START_TEST(t_forget_takes_the_audit_rows)
{
    long kept = add("R-0001", "request", 1, "open", "2026-12-02");
    long gone = add("R-0002", "request", 1, "open", "2026-12-02");
    long n = 0;

    ck_assert_int_eq(posts_edit(db, kept, "title", "soup!", "maria", 9, NULL, err, sizeof err), 0);
    ck_assert_int_eq(posts_edit(db, gone, "title", "soup?", "maria", 9, NULL, err, sizeof err), 0);
    ck_assert_int_eq(posts_forget(db, kept, 1, 50, &n, err, sizeof err), 0);
    ck_assert_int_eq(posts_forget(db, gone, 0, 50, &n, err, sizeof err), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(query_long("SELECT count(*) FROM post_edits"), 0);
    ck_assert_str_eq(query_text("SELECT ref || status || coalesce(member_id, 'none') FROM posts"),
                     "R-0001withdrawnnone");
}
END_TEST

START_TEST(t_triage_settle_and_resolve)
{
    long open = add("R-0001", "request", 1, "open", "2026-12-02");
    long done = add("R-0002", "request", 1, "done", "2026-12-02");
    long n = -1;
    char sql[200];

    snprintf(sql, sizeof sql,
             "INSERT INTO triage(post, reason, created_at) VALUES (%ld, 'a', 0), (%ld, 'b', 0),"
             " (NULL, 'c', 0)",
             open, done);
    ck_assert_int_eq(db_exec(db, sql, err, sizeof err), 0);
    ck_assert_int_eq(posts_triage_settle(db, 60, &n, err, sizeof err), 0);
    ck_assert_int_eq(n, 1);
    ck_assert_str_eq(query_text("SELECT reason || resolution || resolved_at FROM triage"
                                " WHERE resolved_at IS NOT NULL"),
                     "bclosed60");
    ck_assert_int_eq(posts_triage_resolve(db, 3, "none", "maria", 70, err, sizeof err), 1);
    ck_assert_int_eq(posts_triage_resolve(db, 3, "none", "maria", 70, err, sizeof err), 0);
    ck_assert_int_eq(posts_triage_resolve(db, 99, "none", "maria", 70, err, sizeof err), 0);
    ck_assert_str_eq(query_text("SELECT resolved_by FROM triage WHERE id = 3"), "maria");
    ck_assert_int_eq(posts_closed_status("expired"), 1);
    ck_assert_int_eq(posts_closed_status("triage"), 0);
}
END_TEST

START_TEST(t_mark_announced_once)
{
    add("R-0001", "request", 1, "open", "2026-12-02");
    ck_assert_int_eq(posts_mark_announced(db, "R-0001", "digest:2026-11-25", err, sizeof err), 0);
    ck_assert_int_eq(posts_mark_announced(db, "R-0001", "digest:2026-11-26", err, sizeof err), 0);
    ck_assert_str_eq(query_text("SELECT first_digest FROM posts"), "digest:2026-11-25");
}
END_TEST

static Suite *
posts_suite(void)
{
    Suite *s = suite_create("posts");
    TCase *tc = tcase_create("posts");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_insert_and_find);
    tcase_add_test(tc, t_status_audited_only_with_who);
    tcase_add_test(tc, t_reopen_and_renew);
    tcase_add_test(tc, t_expire_block_approve);
    tcase_add_test(tc, t_edit_and_kind);
    tcase_add_test(tc, t_forget_takes_the_audit_rows);
    tcase_add_test(tc, t_triage_settle_and_resolve);
    tcase_add_test(tc, t_mark_announced_once);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(posts_suite)
