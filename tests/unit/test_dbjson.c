/* test_dbjson.c — lib/dbjson.c: a statement's rows as a JSON array, by type or by the
 * caller's row function, and a failed step left for the caller to report. */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "dbjson.h"
#include "unit.h"

static sqlite3 *db;

static void
setup(void)
{
    char err[256];

    ck_assert_int_eq(clock_setup("UTC", err, sizeof err), 0);
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
}

static void
teardown(void)
{
    sqlite3_close(db);
}

/* The JSON of SQL's rows by ROW, compact, keys in order; "(null)" for NULL. */
static char *
rows(const char *sql, dbjson_row_fn *row, void *ud)
{
    sqlite3_stmt *s;
    json_t *a;
    char *out;

    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    if (!(a = dbjson_rows(s, row, ud)))
        return strdup("(null)");
    out = json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(a);
    return out;
}

START_TEST(t_columns_by_type)
{
    char *j = rows("SELECT 1 AS n, 2.5 AS r, 'caf\xc3\xa9' AS t, NULL AS z, x'61ff62' AS b,"
                   " 0 AS created_at, 86400 AS internal_date, 'x' AS sent_at, 7 AS at",
                   NULL, NULL);

    ck_assert_str_eq(j, "[{\"n\":1,\"r\":2.5,\"t\":\"caf\xc3\xa9\",\"z\":null,"
                        "\"b\":\"a\xef\xbf\xbd" "b\",\"created_at\":\"1970-01-01T00:00:00+00:00\","
                        "\"internal_date\":\"1970-01-02T00:00:00+00:00\",\"sent_at\":\"x\","
                        "\"at\":7}]");
    free(j);
    j = rows("SELECT 1 AS a WHERE 0", NULL, NULL);
    ck_assert_str_eq(j, "[]");
    free(j);
}
END_TEST

static void
count_row(sqlite3_stmt *s, json_t *o, void *ud)
{
    int *calls = ud;
    (*calls)++;
    json_object_set_new(o, "twice", json_integer(2 * sqlite3_column_int64(s, 0)));
}

START_TEST(t_row_function)
{
    int calls = 0;
    char *j = rows("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3", count_row, &calls);

    ck_assert_str_eq(j, "[{\"twice\":2},{\"twice\":4},{\"twice\":6}]");
    ck_assert_int_eq(calls, 3);
    free(j);
}
END_TEST

START_TEST(t_failed_step_left_in_db)
{
    /* a row, then an error at the second */
    char *j = rows("SELECT 1 UNION ALL SELECT abs(-9223372036854775807 - 1)", NULL, NULL);

    ck_assert_str_eq(j, "(null)");
    ck_assert_str_eq(sqlite3_errmsg(db), "integer overflow");
    free(j);
}
END_TEST

START_TEST(t_time_columns)
{
    ck_assert(dbjson_is_time_column("created_at"));
    ck_assert(dbjson_is_time_column("internal_date"));
    ck_assert(!dbjson_is_time_column("_at"));
    ck_assert(!dbjson_is_time_column("attempts"));
    ck_assert(!dbjson_is_time_column("at_home"));
    ck_assert(!dbjson_is_time_column(NULL));
}
END_TEST

static Suite *
dbjson_suite(void)
{
    Suite *s = suite_create("dbjson");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_columns_by_type);
    tcase_add_test(tc, t_row_function);
    tcase_add_test(tc, t_failed_step_left_in_db);
    tcase_add_test(tc, t_time_columns);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(dbjson_suite)
