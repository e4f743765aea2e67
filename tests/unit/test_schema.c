/* test_schema.c — lib/schema.sql, the schema written out in one file, is what the
 * migrations of lib/db.c build: a database opened by db_open (every migration) and one
 * made from the file are described item by item (tables and their columns, indexes,
 * foreign keys, CHECKs, triggers, views) and the descriptions must be equal. When they
 * differ, the items in only one of them are listed. After a new migration, `make
 * schema-draft` writes build/schema-draft.sql from a migrated database to copy from. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "db.h"
#include "file.h"
#include "unit.h"

#define SCHEMA_SQL "lib/schema.sql"

static char err[1024];

/* SQL text in one canonical form: comments gone, whitespace runs one space (none next
 * to brackets, commas and '='), keywords and names lower case (string literals kept),
 * double-quoted and bracketed names unquoted (ALTER TABLE RENAME quotes them). */
static void
canon(const char *sql, struct buf *out)
{
    const char *p = sql;
    int space = 0;

    while (*p) {
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            space = 1;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
            space = 1;
        } else if (isspace((unsigned char)*p)) {
            p++;
            space = 1;
        } else {
            char last = out->len ? out->data[out->len - 1] : '(';
            if (space && !strchr("(,=", last) && !strchr("(),=", *p))
                buf_addc(out, ' ');
            space = 0;
            if (*p == '\'') { /* a string literal, '' inside it */
                const char *q = p + 1;
                while (*q && !(q[0] == '\'' && q[1] != '\''))
                    q += q[0] == '\'' ? 2 : 1;
                if (*q)
                    q++;
                buf_add(out, p, (size_t)(q - p));
                p = q;
            } else if (*p == '"' || *p == '[' || *p == '`') {
                char close = *p == '[' ? ']' : *p;
                for (p++; *p && *p != close; p++)
                    buf_addc(out, (char)tolower((unsigned char)*p));
                if (*p)
                    p++;
            } else
                buf_addc(out, (char)tolower((unsigned char)*p++));
        }
    }
}

static const char *
col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "NULL";
}

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    return s;
}

/* The CHECK constraints of a table's CREATE statement (canonical), a line each. */
static void
describe_checks(const char *table, const char *canonical, struct buf *out)
{
    const char *p = canonical;

    while ((p = strstr(p, "check("))) {
        const char *q = p + 6;
        int depth = 1;
        while (*q && depth > 0) {
            if (*q == '\'') {
                for (q++; *q && *q != '\''; q++)
                    ;
            } else if (*q == '(')
                depth++;
            else if (*q == ')')
                depth--;
            if (*q)
                q++;
        }
        buf_printf(out, "table %s: check (%.*s\n", table, (int)(q - p - 6), p + 6);
        p = q;
    }
}

/* One index of TABLE: its columns (with collation and order), uniqueness, where it
 * comes from, and the WHERE of a partial index. The automatic indexes of UNIQUE and
 * PRIMARY KEY constraints are named by their columns: their numbers follow the order
 * the constraints are written in. */
static void
describe_index(sqlite3 *db, const char *table, sqlite3_stmt *l, struct buf *out)
{
    const char *name = col_text(l, 0), *origin = col_text(l, 2);
    struct buf cols = {0};
    sqlite3_stmt *ix = prep(db, "SELECT name, desc, coll FROM pragma_index_xinfo(?1)"
                                " WHERE key ORDER BY seqno");

    sqlite3_bind_text(ix, 1, name, -1, SQLITE_STATIC);
    while (sqlite3_step(ix) == SQLITE_ROW)
        buf_printf(&cols, "%s%s %s%s", cols.len ? ", " : "", col_text(ix, 0), col_text(ix, 2),
                   sqlite3_column_int(ix, 1) ? " desc" : "");
    sqlite3_finalize(ix);
    buf_printf(out, "table %s: index %s (%s)%s%s", table,
               strncmp(name, "sqlite_autoindex_", 17) == 0 ? "(automatic)" : name,
               cols.data ? cols.data : "", sqlite3_column_int(l, 1) ? " unique" : "",
               strcmp(origin, "u") == 0    ? " from a UNIQUE constraint"
               : strcmp(origin, "pk") == 0 ? " from the PRIMARY KEY"
                                           : "");
    if (sqlite3_column_int(l, 3)) {
        struct buf c = {0};
        const char *w;
        canon(col_text(l, 4), &c);
        w = c.data ? strstr(c.data, " where ") : NULL;
        ck_assert_msg(w != NULL, "index %s is partial, but no WHERE in %s", name, col_text(l, 4));
        buf_printf(out, " where %s", w + 7);
        buf_free(&c);
    }
    buf_addc(out, '\n');
    buf_free(&cols);
}

/* One table: its kind, then each column (position, name, declared type, NOT NULL,
 * default, place in the primary key, collation, hidden), its indexes, its foreign keys
 * and its CHECKs. */
static void
describe_table(sqlite3 *db, const char *table, const char *sql, struct buf *out)
{
    sqlite3_stmt *s;
    struct buf c = {0};

    s = prep(db, "SELECT type, wr, strict FROM pragma_table_list"
                 " WHERE schema = 'main' AND name = ?1");
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    buf_printf(out, "table %s: %s%s%s\n", table, col_text(s, 0),
               sqlite3_column_int(s, 1) ? " without rowid" : "",
               sqlite3_column_int(s, 2) ? " strict" : "");
    sqlite3_finalize(s);

    s = prep(db, "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden"
                 " FROM pragma_table_xinfo(?1) ORDER BY cid");
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *name = col_text(s, 1), *coll = NULL, *type = NULL;
        int notnull = 0, pk = 0, autoinc = 0;
        ck_assert_int_eq(sqlite3_table_column_metadata(db, "main", table, name, &type, &coll,
                                                       &notnull, &pk, &autoinc),
                         SQLITE_OK);
        buf_printf(out,
                   "table %s: column %d %s type=%s notnull=%d default=%s pk=%d collate=%s%s%s\n",
                   table, sqlite3_column_int(s, 0), name, col_text(s, 2),
                   sqlite3_column_int(s, 3), col_text(s, 4), sqlite3_column_int(s, 5),
                   coll ? coll : "BINARY", autoinc ? " autoincrement" : "",
                   sqlite3_column_int(s, 6) ? " hidden" : "");
    }
    sqlite3_finalize(s);

    s = prep(db, "SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql"
                 " FROM pragma_index_list(?1) l"
                 " LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name");
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW)
        describe_index(db, table, s, out);
    sqlite3_finalize(s);

    s = prep(db, "SELECT \"table\", \"from\", \"to\", on_update, on_delete, match"
                 " FROM pragma_foreign_key_list(?1) ORDER BY id, seq");
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW)
        buf_printf(out, "table %s: foreign key %s -> %s(%s) on update %s on delete %s match %s\n",
                   table, col_text(s, 1), col_text(s, 0), col_text(s, 2), col_text(s, 3),
                   col_text(s, 4), col_text(s, 5));
    sqlite3_finalize(s);

    canon(sql, &c);
    if (c.data)
        describe_checks(table, c.data, out);
    buf_free(&c);
}

static int
cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DB's schema as lines of text, sorted (the order of the statements does not
 * matter); the caller frees the result. */
static char *
describe(sqlite3 *db)
{
    struct buf lines = {0}, out = {0};
    sqlite3_stmt *s = prep(db, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                               " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    char **v, *save = NULL, *tok;
    size_t n = 0;

    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *type = col_text(s, 0), *name = col_text(s, 1);
        if (strcmp(type, "table") == 0)
            describe_table(db, name, col_text(s, 3), &lines);
        else if (strcmp(type, "index") != 0) { /* (indexes: with their table) */
            struct buf c = {0};
            canon(col_text(s, 3), &c);
            buf_printf(&lines, "%s %s on %s: %s\n", type, name, col_text(s, 2),
                       c.data ? c.data : "");
            buf_free(&c);
        }
    }
    sqlite3_finalize(s);
    ck_assert_int_eq(lines.oom, 0);
    v = calloc(lines.len + 1, sizeof *v);
    ck_assert_ptr_nonnull(v);
    for (tok = strtok_r(lines.data, "\n", &save); tok; tok = strtok_r(NULL, "\n", &save))
        v[n++] = tok;
    qsort(v, n, sizeof *v, cmp_line);
    for (size_t i = 0; i < n; i++)
        buf_printf(&out, "%s\n", v[i]);
    free(v);
    buf_free(&lines);
    return buf_take(&out);
}

/* The lines of A that are not in B (both sorted), each after PREFIX, into OUT. */
static void
only_in(const char *a, const char *b, const char *prefix, struct buf *out)
{
    const char *p = a;

    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int found = 0;
        for (const char *q = b; *q && !found;) {
            const char *f = strchr(q, '\n');
            size_t qlen = f ? (size_t)(f - q) : strlen(q);
            found = qlen == len && memcmp(p, q, len) == 0;
            q += qlen + (f != NULL);
        }
        if (!found)
            buf_printf(out, "  %s %.*s\n", prefix, (int)len, p);
        p += len + (e != NULL);
    }
}

/* A database made from lib/schema.sql, in memory. */
static sqlite3 *
from_file(const char *path)
{
    sqlite3 *db = NULL;
    char *sql = NULL;
    size_t len;

    ck_assert_msg(file_read(path, 1 << 20, &sql, &len, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
    ck_assert_msg(db_exec(db, sql, err, sizeof err) == 0, "%s: %s", path, err);
    free(sql);
    return db;
}

/* What differs between the migrated database and the one from PATH, "" when nothing;
 * the caller frees it. */
static char *
differences(const char *path)
{
    sqlite3 *migrated = db_open(":memory:", err, sizeof err), *file;
    char *a, *b;
    struct buf out = {0};

    ck_assert_msg(migrated != NULL, "%s", err);
    file = from_file(path);
    a = describe(migrated);
    b = describe(file);
    only_in(a, b, "migrations only:", &out);
    only_in(b, a, "schema.sql only:", &out);
    free(a);
    free(b);
    db_close(migrated);
    sqlite3_close(file);
    return buf_take(&out);
}

START_TEST(t_schema_file_is_the_migrated_schema)
{
    char *diff = differences(SCHEMA_SQL);

    ck_assert_msg(*diff == '\0',
                  SCHEMA_SQL " and the migrations of lib/db.c differ (`make schema-draft` writes "
                             "the migrated schema to build/schema-draft.sql):\n%s",
                  diff);
    free(diff);
}
END_TEST

/* the file names the version it describes, so a reader knows which migration it is at */
START_TEST(t_schema_file_names_its_version)
{
    char *sql = NULL, want[64];
    size_t len;

    ck_assert_msg(file_read(SCHEMA_SQL, 1 << 20, &sql, &len, err, sizeof err) == 0, "%s", err);
    snprintf(want, sizeof want, "(schema version %d)", db_schema_version());
    ck_assert_msg(strstr(sql, want), SCHEMA_SQL " does not say \"%s\" in its first line", want);
    free(sql);
}
END_TEST

/* Differences planted in a copy of the file: each must be reported, naming what it
 * changed. FROM is replaced by TO once; SEEN is a word of the report. */
static const struct {
    const char *from, *to, *seen;
} planted[] = {
    {"email TEXT NOT NULL UNIQUE COLLATE NOCASE", "email TEXT NOT NULL UNIQUE", "collate=NOCASE"},
    {"DEFAULT 'due'", "DEFAULT 'queued'", "default='due'"},
    {"last_uid INTEGER NOT NULL DEFAULT 0", "last_uid INTEGER DEFAULT 0", "last_uid"},
    {"score REAL NOT NULL", "score INTEGER NOT NULL", "type=REAL"},
    {"  summary TEXT, -- the public", "  summery TEXT, -- the public", "summary"},
    {" WHERE state = 'quarantined'", " WHERE state = 'new'", "messages_quarantined"},
    {"CREATE INDEX posts_member ON posts(member_id, kind, title)",
     "CREATE INDEX posts_member ON posts(member_id, title, kind)", "posts_member"},
    {"CREATE INDEX triage_open ON", "CREATE UNIQUE INDEX triage_open ON", "triage_open"},
    {"UNIQUE (source, sha256)", "UNIQUE (source, uid)", "mailbox_deletions"},
    {" OR how = 'sorted'", "", "how='sorted'"},
    {"message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE",
     "message INTEGER NOT NULL REFERENCES messages(id) ON DELETE SET NULL", "attachments"},
    {") WITHOUT ROWID;", ");", "without rowid"},
    {"CREATE INDEX outbox_message_id ON outbox(message_id);", "", "outbox_message_id"},
    {"CREATE TABLE runs (", "CREATE TABLE run_log (", "runs"},
    {"CREATE INDEX replies_to ON replies(to_addr, day);",
     "CREATE INDEX replies_to ON replies(to_addr, day);"
     "CREATE TRIGGER replies_gone AFTER DELETE ON replies BEGIN SELECT 1; END;",
     "trigger replies_gone"},
};

START_TEST(t_planted_difference_is_seen)
{
    char *sql = NULL, *changed, *at, *diff, path[] = "/tmp/doorstep-schema.XXXXXX";
    size_t len, flen = strlen(planted[_i].from), tlen = strlen(planted[_i].to);
    int fd;

    ck_assert_msg(file_read(SCHEMA_SQL, 1 << 20, &sql, &len, err, sizeof err) == 0, "%s", err);
    at = strstr(sql, planted[_i].from);
    ck_assert_msg(at != NULL, "\"%s\" is no longer in " SCHEMA_SQL ": change this test",
                  planted[_i].from);
    changed = malloc(len - flen + tlen + 1);
    ck_assert_ptr_nonnull(changed);
    memcpy(changed, sql, (size_t)(at - sql));
    memcpy(changed + (at - sql), planted[_i].to, tlen);
    strcpy(changed + (at - sql) + tlen, at + flen);
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_msg(file_write_atomic(path, changed, strlen(changed), err, sizeof err) == 0, "%s",
                  err);
    diff = differences(path);
    unlink(path);
    ck_assert_msg(*diff != '\0', "\"%s\" -> \"%s\" was not seen", planted[_i].from,
                  planted[_i].to);
    ck_assert_msg(strstr(diff, planted[_i].seen), "\"%s\" -> \"%s\": no \"%s\" in\n%s",
                  planted[_i].from, planted[_i].to, planted[_i].seen, diff);
    free(diff);
    free(changed);
    free(sql);
}
END_TEST

static Suite *
schema_suite(void)
{
    Suite *s = suite_create("schema");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, t_schema_file_is_the_migrated_schema);
    tcase_add_test(tc, t_schema_file_names_its_version);
    tcase_add_loop_test(tc, t_planted_difference_is_seen, 0,
                        (int)(sizeof planted / sizeof planted[0]));
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(schema_suite)
