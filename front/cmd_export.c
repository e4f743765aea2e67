/* cmd_export.c — `doorstep export posts|messages`: the database as JSON Lines or CSV, the
 * stable interface for spreadsheets and for outside checks. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "clock.h"
#include "db.h"
#include "front.h"
#include "text.h"
#include "log.h"

enum field_type { F_TEXT, F_INT, F_TIME };

struct field {
    const char *name;
    enum field_type type;
};

/* Column order of each SELECT below matches its field list. */
static const struct field post_fields[] = {
    {"ref", F_TEXT},        {"message_id", F_TEXT}, {"kind", F_TEXT},
    {"category", F_TEXT},   {"area", F_TEXT},       {"street", F_TEXT},
    {"status", F_TEXT},     {"title", F_TEXT},      {"member", F_TEXT},
    {"created_at", F_TIME}, {"needed_by", F_TEXT},  {"expires_at", F_TEXT},
    {"closed_at", F_TIME},  {"summary", F_TEXT},     {"edited_at", F_TIME},
    {"edited_by", F_TEXT},
};
static const char post_sql[] =
    "SELECT p.ref, msg.message_id, p.kind, p.category, p.area, p.street, p.status, p.title,"
    " mem.email, p.created_at, p.needed_by, p.expires_at, p.closed_at, p.summary,"
    /* a coordinator's last correction (post edit, reopen, renew, close, triage) */
    " (SELECT e.at FROM post_edits e WHERE e.post = p.id ORDER BY e.id DESC LIMIT 1),"
    " (SELECT e.who FROM post_edits e WHERE e.post = p.id ORDER BY e.id DESC LIMIT 1)"
    " FROM posts p LEFT JOIN messages msg ON msg.id = p.message"
    " LEFT JOIN members mem ON mem.id = p.member_id ORDER BY p.id";

static const struct field message_fields[] = {
    {"id", F_INT},     {"message_id", F_TEXT}, {"sha256", F_TEXT},
    {"state", F_TEXT}, {"reason", F_TEXT},     {"source", F_TEXT},
    {"uid", F_INT},    {"size", F_INT},        {"internal_date", F_TIME},
    {"fetched_at", F_TIME},
};
static const char message_sql[] =
    "SELECT id, message_id, sha256, state, reason, source, uid, size, internal_date,"
    " fetched_at FROM messages ORDER BY id";

/* The coordinators' triage list: posts the rules were unsure of, closings by someone
 * other than the author, rota sign-ups that could not be placed. */
static const struct field triage_fields[] = {
    {"id", F_INT},         {"message_id", F_TEXT}, {"ref", F_TEXT},
    {"reason", F_TEXT},    {"created_at", F_TIME}, {"resolved_at", F_TIME},
    {"resolution", F_TEXT}, {"resolved_by", F_TEXT},
};
static const char triage_sql[] =
    "SELECT t.id, msg.message_id, p.ref, t.reason, t.created_at, t.resolved_at, t.resolution,"
    " t.resolved_by FROM triage t"
    " LEFT JOIN messages msg ON msg.id = t.message LEFT JOIN posts p ON p.id = t.post"
    " ORDER BY t.id";

/* One CSV field, after a comma unless FIRST. */
static void
csv_field(const char *s, int first)
{
    if (!first)
        putchar(',');
    text_csv_field(stdout, s);
}

static int
export_rows(sqlite3 *db, const char *sql, const struct field *fields, size_t nfields, int csv)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    int step;

    if (!s) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    if (csv) {
        for (size_t i = 0; i < nfields; i++)
            csv_field(fields[i].name, i == 0);
        fputs("\r\n", stdout);
    }
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *o = csv ? NULL : json_object();
        for (size_t i = 0; i < nfields; i++) {
            int null = sqlite3_column_type(s, (int)i) == SQLITE_NULL;
            char text[32];
            const char *v = NULL;
            json_t *j = json_null();
            if (!null && fields[i].type == F_TIME) {
                clock_iso((time_t)sqlite3_column_int64(s, (int)i), text);
                v = text;
                j = json_string(text);
            } else if (!null && fields[i].type == F_INT) {
                snprintf(text, sizeof text, "%lld", (long long)sqlite3_column_int64(s, (int)i));
                v = text;
                j = json_integer(sqlite3_column_int64(s, (int)i));
            } else if (!null) {
                v = (const char *)sqlite3_column_text(s, (int)i);
                /* text from mail was repaired to UTF-8; fall back to null rather than
                 * print broken JSON should anything else slip in */
                j = json_string(v);
                if (!j)
                    j = json_null();
            }
            if (csv) {
                csv_field(v ? v : "", i == 0);
                json_decref(j);
            } else {
                json_object_set_new(o, fields[i].name, j);
            }
        }
        if (csv) {
            fputs("\r\n", stdout);
        } else {
            char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (line)
                puts(line);
            free(line);
            json_decref(o);
        }
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        db_log_errmsg(db);
        return EX_SOFTWARE;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        log_error("cannot write the export to standard output");
        return EX_IOERR;
    }
    return 0;
}

static int
cmd_export(const struct cli *cli)
{
    static const char *const formats[] = {"jsonl", "csv", "json", NULL};
    const char *what = cli->path[cli->depth - 1]->name;
    const char *format = cli_value(cli, "format") ? cli_value(cli, "format") : "jsonl";
    int csv = strcmp(format, "csv") == 0;
    conf *c;
    sqlite3 *db;
    int rc;

    if ((rc = cli_choice(cli, "format", format, formats)) != 0)
        return rc;
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (strcmp(what, "posts") == 0)
        rc = export_rows(db, post_sql, post_fields, sizeof post_fields / sizeof post_fields[0],
                         csv);
    else if (strcmp(what, "triage") == 0)
        rc = export_rows(db, triage_sql, triage_fields,
                         sizeof triage_fields / sizeof triage_fields[0], csv);
    else
        rc = export_rows(db, message_sql, message_fields,
                         sizeof message_fields / sizeof message_fields[0], csv);
    db_close(db);
    conf_free(c);
    return rc;
}

static const struct cli_opt export_opts[] = {
    {"format", 0, "jsonl|csv", "JSON Lines, one object a line (the default), or CSV"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd export_posts = {
    .name = "posts",
    .synopsis = "[--format jsonl|csv]",
    .about = "Every post: code, kind, category, area, street, status, title, dates, summary.",
    .run = cmd_export,
};

static const struct cli_cmd export_messages = {
    .name = "messages",
    .synopsis = "[--format jsonl|csv]",
    .about = "Every message: its state and reason (what became of it), source and dates.",
    .run = cmd_export,
};

static const struct cli_cmd export_triage = {
    .name = "triage",
    .synopsis = "[--format jsonl|csv]",
    .about = "The coordinators' triage notes: posts the rules were unsure of, and why.",
    .run = cmd_export,
};

static const struct cli_cmd *const export_subs[] = {&export_posts, &export_messages,
                                                    &export_triage, NULL};

const struct cli_cmd front_export = {
    .name = "export",
    .synopsis = "posts|messages|triage [--format jsonl|csv]",
    .about = "Print the database as JSON Lines or CSV (times in ISO 8601 with the group's "
             "UTC offset, dates YYYY-MM-DD).",
    .opts = export_opts,
    .subs = export_subs,
};
