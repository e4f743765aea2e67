/* dbjson.c — statement rows as JSON arrays of objects. */
#include "dbjson.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "text.h"

json_t *
dbjson_rows(sqlite3_stmt *s, dbjson_row_fn *row, void *ud)
{
    json_t *a = json_array();
    int step;

    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *o = json_object();
        (row ? row : dbjson_columns)(s, o, ud);
        json_array_append_new(a, o);
    }
    /* finalize keeps a failed step's error in the database handle */
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        json_decref(a);
        return NULL;
    }
    return a;
}

int
dbjson_is_time_column(const char *name)
{
    size_t n = name ? strlen(name) : 0;

    return (n > 3 && strcmp(name + n - 3, "_at") == 0) ||
           (name && strcmp(name, "internal_date") == 0);
}

void
dbjson_columns(sqlite3_stmt *s, json_t *o, void *ud)
{
    (void)ud;
    for (int i = 0; i < sqlite3_column_count(s); i++) {
        json_t *v;
        switch (sqlite3_column_type(s, i)) {
        case SQLITE_INTEGER:
            if (dbjson_is_time_column(sqlite3_column_name(s, i))) {
                char iso[26];
                clock_iso((time_t)sqlite3_column_int64(s, i), iso);
                v = json_string(iso);
            } else {
                v = json_integer(sqlite3_column_int64(s, i));
            }
            break;
        case SQLITE_FLOAT: v = json_real(sqlite3_column_double(s, i)); break;
        case SQLITE_NULL: v = json_null(); break;
        default: {
            const char *b = sqlite3_column_blob(s, i);
            char *u = text_to_utf8(b ? b : "", (size_t)sqlite3_column_bytes(s, i), NULL, NULL);
            v = u ? json_string(u) : json_null();
            free(u);
        }
        }
        json_object_set_new(o, sqlite3_column_name(s, i), v ? v : json_null());
    }
}
