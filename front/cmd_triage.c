/* cmd_triage.c — `doorstep triage list|resolve`: the coordinators' notes about mail
 * the rules could not settle (a kind they were unsure of, a closing by someone other
 * than the poster, a closing naming no post, a rota sign-up with no day or task), one
 * line each, and a coordinator's answer to one: as it is, or as a request, an offer,
 * not a post, or a closing. Notes whose post is closed settle themselves
 * (posts_triage_settle). Post changes go through lib/posts, recorded under the Unix
 * user who ran the command. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "classify.h"
#include "clock.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "mime.h"
#include "proc.h"
#include "posts.h"
#include "text.h"

/* A note, with what its message says. */
struct note {
    long id, message, post;
    char ref[24], kind[16], status[16];
    long post_message; /* the message the post came from: the note's own, or another's */
    char *reason;
    time_t created, resolved;
    char *resolution;
    struct mime_msg m; /* parsed when HAVE_MSG */
    int have_msg;
};

static void
note_free(struct note *n)
{
    free(n->reason);
    free(n->resolution);
    if (n->have_msg)
        mime_free(&n->m);
    memset(n, 0, sizeof *n);
}

static const char note_sql[] =
    "SELECT t.id, t.message, t.post, p.ref, p.kind, p.status, p.message, t.reason, t.created_at,"
    " t.resolved_at, t.resolution, r.raw FROM triage t"
    " LEFT JOIN posts p ON p.id = t.post LEFT JOIN message_raw r ON r.message = t.message";

/* Reads the row of note_sql stepped in S into N (its message parsed when kept). */
static int
note_read(sqlite3_stmt *s, struct note *n)
{
    const char *raw = sqlite3_column_blob(s, 11);
    char why[256];

    memset(n, 0, sizeof *n);
    n->id = (long)sqlite3_column_int64(s, 0);
    n->message = (long)sqlite3_column_int64(s, 1);
    n->post = (long)sqlite3_column_int64(s, 2);
    snprintf(n->ref, sizeof n->ref, "%s", sqlite3_column_text(s, 3) ? (const char *)sqlite3_column_text(s, 3) : "");
    snprintf(n->kind, sizeof n->kind, "%s", sqlite3_column_text(s, 4) ? (const char *)sqlite3_column_text(s, 4) : "");
    snprintf(n->status, sizeof n->status, "%s", sqlite3_column_text(s, 5) ? (const char *)sqlite3_column_text(s, 5) : "");
    n->post_message = (long)sqlite3_column_int64(s, 6);
    n->created = (time_t)sqlite3_column_int64(s, 8);
    n->resolved = (time_t)sqlite3_column_int64(s, 9);
    if (!(n->reason = db_column_strdup(s, 7)) ||
        (sqlite3_column_type(s, 10) != SQLITE_NULL && !(n->resolution = db_column_strdup(s, 10))))
        return -1;
    if (raw && mime_parse(raw, (size_t)sqlite3_column_bytes(s, 11), &n->m, why, sizeof why) == 0)
        n->have_msg = 1;
    return 0;
}

/* "Maria Lopez <maria@example.org>", or "<maria@...>", or "?" into OUT. */
static void
note_sender(const struct note *n, char *out, size_t len)
{
    if (!n->have_msg || !n->m.from_addr)
        snprintf(out, len, "?");
    else if (*n->m.from_name)
        snprintf(out, len, "%s <%s>", n->m.from_name, n->m.from_addr);
    else
        snprintf(out, len, "<%s>", n->m.from_addr);
    /* one line, whatever the header said */
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
}

static void
note_subject(const struct note *n, char *out, size_t len)
{
    snprintf(out, len, "%s", n->have_msg ? n->m.subject : "");
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
}

/* Settles the notes whose posts are closed (in a transaction of its own); 0 or a
 * sysexits code (logged). */
static int
settle(sqlite3 *db)
{
    char err[512];
    long n = 0;

    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if (posts_triage_settle(db, clock_now(), &n, err, sizeof err) < 0) {
        log_error("%s", err);
        db_rollback(db);
        return EX_SOFTWARE;
    }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if (n > 0)
        log_info("%ld triage notes settled: their posts are closed", n);
    return 0;
}

static void
print_note(const struct note *n, int json)
{
    char from[512], subject[512], when[26];

    note_sender(n, from, sizeof from);
    note_subject(n, subject, sizeof subject);
    if (!json) {
        printf("%ld  %s  %s  \"%s\"  why: %s\n", n->id, *n->ref ? n->ref : "-", from, subject,
               n->reason);
        return;
    }
    json_t *o = json_object();
    clock_iso(n->created, when);
    json_object_set_new(o, "id", json_integer(n->id));
    json_object_set_new(o, "ref", *n->ref ? json_string(n->ref) : json_null());
    json_object_set_new(o, "kind", *n->kind ? json_string(n->kind) : json_null());
    json_object_set_new(o, "post_status", *n->status ? json_string(n->status) : json_null());
    json_object_set_new(o, "from", n->have_msg && n->m.from_addr ? json_string(from) : json_null());
    json_object_set_new(o, "subject", n->have_msg ? json_string(subject) : json_null());
    json_object_set_new(o, "reason", json_string(n->reason));
    json_object_set_new(o, "created_at", json_string(when));
    json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(o);
}

static int
list_notes(sqlite3 *db, int json)
{
    char err[512], sql[sizeof note_sql + 200];
    sqlite3_stmt *s;
    int step, rc;

    if ((rc = settle(db)) != 0)
        return rc;
    snprintf(sql, sizeof sql,
             "%s WHERE t.resolved_at IS NULL AND (p.id IS NULL OR p.status IN"
             " ('open', 'held', 'triage')) ORDER BY t.id",
             note_sql);
    if (!(s = db_prepare(db, sql, err, sizeof err))) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct note n;
        if (note_read(s, &n) < 0) {
            note_free(&n);
            log_error("out of memory");
            sqlite3_finalize(s);
            return EX_OSERR;
        }
        print_note(&n, json);
        note_free(&n);
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
        return EX_SOFTWARE;
    }
    return 0;
}

/* ---- resolve ------------------------------------------------------------------------ */

/* Closes the post REF with STATUS as a coordinator (post_note tells its author);
 * prints what happened. 0 or -1 (logged). */
static int
close_ref(const conf *c, sqlite3 *db, const char *ref, const char *status, const char *who)
{
    char err[512];
    struct posts_row p;
    int found = posts_find(db, ref, &p, err, sizeof err);

    if (found < 0) {
        log_error("%s", err);
        return -1;
    }
    if (found == 0) {
        log_error("triage resolve: there is no post %s", ref);
        return -1;
    }
    if (posts_closed_status(p.status)) {
        printf("%s was already %s\n", p.ref, p.status);
        return 0;
    }
    if (posts_set_status(db, p.id, status, clock_now(), who, err, sizeof err) < 0) {
        log_error("%s", err);
        return -1;
    }
    if (post_note(c, db, "closed", p.ref) < 0)
        return -1;
    printf("%s closed: %s (was %s)\n", p.ref, status, p.status);
    return 0;
}

/* The codes the note's message names, for --as closing: the note's post when it is
 * another's than the message's own (a closing by a helper), else the codes in the
 * subject, then in the text, then the post whose thread it replies in. How many in
 * REFS (at most MAX_REFS); -1 on error. */
static int
closing_refs(sqlite3 *db, const struct note *n, char refs[][24])
{
    char err[512];
    size_t k = 0;

    if (n->post && n->post_message != n->message) {
        snprintf(refs[0], 24, "%s", n->ref);
        return 1;
    }
    if (!n->have_msg)
        return 0;
    char found[MAX_REFS][24];
    size_t nf = classify_refs(n->m.subject, found, MAX_REFS);
    if (nf == 0)
        nf = classify_refs(n->m.text, found, MAX_REFS);
    for (size_t i = 0; i < nf; i++)
        if (strcmp(found[i], n->ref) != 0) /* never the post the message itself made */
            memcpy(refs[k++], found[i], 24);
    if (k > 0)
        return (int)k;
    sqlite3_stmt *s = db_prepare(db,
                                 "SELECT p.ref FROM messages g JOIN posts p ON p.message = g.id"
                                 " WHERE g.message_id = ?1 ORDER BY p.id LIMIT 1",
                                 err, sizeof err);
    if (!s) {
        log_error("%s", err);
        return -1;
    }
    for (size_t i = 0; i < n->m.nrefs && k == 0; i++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, n->m.refs[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            snprintf(refs[k++], 24, "%s", sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    return (int)k;
}

/* --as closing: closes what the message names (or REF), with the status its closing
 * words say (done when they say none); a post the message itself made is withdrawn. */
static int
resolve_closing(const conf *c, sqlite3 *db, const struct note *n, const char *ref,
                const char *who)
{
    char refs[MAX_REFS][24], err[512];
    const char *status = NULL;
    struct rules *r = NULL;
    int nrefs;

    if (ref) {
        if (classify_refs(ref, refs, 1) != 1) {
            log_error("triage resolve: --ref \"%s\" is not a reference code (like R-0042)", ref);
            return EX_DATAERR;
        }
        nrefs = 1;
    } else if ((nrefs = closing_refs(db, n, refs)) < 0) {
        return EX_SOFTWARE;
    }
    if (nrefs == 0) {
        log_error("triage resolve: note %ld's message names no post to close: say which with "
                  "--ref CODE",
                  n->id);
        return EX_DATAERR;
    }
    if (n->have_msg && (r = classify_rules_new(c))) {
        status = classify_closing(r, n->m.subject);
        if (!status)
            status = classify_closing(r, n->m.text);
    }
    if (!status || strcmp(status, "expired") == 0)
        status = "done";
    for (int i = 0; i < nrefs; i++)
        if (close_ref(c, db, refs[i], status, who) < 0) {
            classify_rules_free(r);
            return EX_DATAERR;
        }
    classify_rules_free(r);
    /* a closing the rules took for a post: that post is no post */
    if (n->post && n->post_message == n->message && !posts_closed_status(n->status)) {
        if (posts_set_status(db, n->post, "withdrawn", clock_now(), who, err, sizeof err) < 0) {
            log_error("%s", err);
            return EX_SOFTWARE;
        }
        printf("%s withdrawn: it was a closing, not a post\n", n->ref);
    }
    return 0;
}

/* --as request|offer: the message's own post made that kind and open (held while its
 * author waits for approval), or a new post made from the message. */
static int
resolve_kind(const conf *c, sqlite3 *db, const struct note *n, const char *kind, const char *who)
{
    char err[512], ref[24];

    if (!n->post || n->post_message != n->message) {
        if (!n->message) {
            log_error("triage resolve: note %ld has no message to make a post of", n->id);
            return EX_DATAERR;
        }
        if (proc_from_message(c, db, n->message, kind, ref, err, sizeof err) < 0) {
            log_error("triage resolve: %s", err);
            return EX_DATAERR;
        }
        printf("%s: a new %s from the message\n", ref, kind);
        return 0;
    }
    if (posts_set_kind(db, n->post, kind, who, clock_now(), ref, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    if (strcmp(ref, n->ref) != 0) {
        printf("%s is now %s (a %s)\n", n->ref, ref, kind);
        /* its author heard the old code (ack:triage): the new one too */
        if (post_note(c, db, "recoded", ref) < 0)
            return EX_SOFTWARE;
    }
    if (strcmp(n->status, "triage") == 0) {
        if (posts_set_status(db, n->post, "open", 0, who, err, sizeof err) < 0) {
            log_error("%s", err);
            return EX_SOFTWARE;
        }
        printf("%s open: a %s\n", ref, kind);
    } else if (strcmp(n->status, "held") == 0) {
        printf("%s stays held until its author is approved (doorstep member approve)\n", ref);
    }
    return 0;
}

/* --as none: the message is no post; the post it made, if any, withdrawn. */
static int
resolve_none(sqlite3 *db, const struct note *n, const char *who)
{
    char err[512];

    if (!n->post || n->post_message != n->message || posts_closed_status(n->status))
        return 0;
    if (posts_set_status(db, n->post, "withdrawn", clock_now(), who, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    printf("%s withdrawn: not a post\n", n->ref);
    return 0;
}

/* No --as: what doorstep did stands; a post waiting in triage opens. */
static int
resolve_accept(sqlite3 *db, const struct note *n, const char *who)
{
    char err[512];

    if (!n->post || strcmp(n->status, "triage") != 0)
        return 0;
    if (posts_set_status(db, n->post, "open", 0, who, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    printf("%s open: a %s\n", n->ref, n->kind);
    return 0;
}

/* Note ID read in the transaction begun; 0 with N filled, or a sysexits code (logged). */
static int
find_note(sqlite3 *db, long id, struct note *n)
{
    char err[512], sql[sizeof note_sql + 40], when[26];
    sqlite3_stmt *s;
    int step;

    snprintf(sql, sizeof sql, "%s WHERE t.id = ?1", note_sql);
    if (!(s = db_prepare(db, sql, err, sizeof err))) {
        log_error("%s", err);
        return EX_SOFTWARE;
    }
    sqlite3_bind_int64(s, 1, id);
    step = sqlite3_step(s);
    if (step == SQLITE_ROW && note_read(s, n) < 0) {
        sqlite3_finalize(s);
        log_error("out of memory");
        return EX_OSERR;
    }
    sqlite3_finalize(s);
    if (step == SQLITE_DONE) {
        log_error("triage resolve: there is no triage note %ld (see doorstep triage list)", id);
        return EX_DATAERR;
    }
    if (step != SQLITE_ROW) {
        log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
        return EX_SOFTWARE;
    }
    if (n->resolved) {
        clock_iso(n->resolved, when);
        log_error("triage resolve: note %ld was settled already (%s, %s)", id,
                  n->resolution ? n->resolution : "resolved", when);
        return EX_DATAERR;
    }
    return 0;
}

static int
resolve(const conf *c, sqlite3 *db, long id, const char *as, const char *ref)
{
    char err[512], who[64];
    struct note n = {0};
    int rc;

    cli_user(who, sizeof who);
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if ((rc = find_note(db, id, &n)) != 0)
        goto fail;
    if (!as)
        rc = resolve_accept(db, &n, who);
    else if (strcmp(as, "closing") == 0)
        rc = resolve_closing(c, db, &n, ref, who);
    else if (strcmp(as, "none") == 0)
        rc = resolve_none(db, &n, who);
    else
        rc = resolve_kind(c, db, &n, as, who);
    if (rc != 0)
        goto fail;
    if (posts_triage_resolve(db, id, as ? as : "accepted", who, clock_now(), err, sizeof err) != 1) {
        log_error("%s", err);
        rc = EX_SOFTWARE;
        goto fail;
    }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        note_free(&n);
        return EX_TEMPFAIL;
    }
    printf("triage note %ld resolved (%s)\n", id, as ? as : "as it is");
    note_free(&n);
    return 0;
fail:
    db_rollback(db);
    note_free(&n);
    return rc;
}

static int
cmd_triage(const struct cli *cli)
{
    static const char *const formats[] = {"text", "json", "jsonl", NULL};
    static const char *const kinds[] = {"request", "offer", "none", "closing", NULL};
    const char *what = cli->path[cli->depth - 1]->name;
    const char *format = cli_value(cli, "format"), *as = cli_value(cli, "as");
    const char *ref = cli_value(cli, "ref");
    long id = 0;
    conf *c;
    sqlite3 *db;
    int rc;

    if (strcmp(what, "list") == 0) {
        if (format && (rc = cli_choice(cli, "format", format, formats)) != 0)
            return rc;
    } else {
        char *end;
        id = strtol(cli->argv[0], &end, 10);
        if (*end || id <= 0 || !isdigit((unsigned char)cli->argv[0][0]))
            return cli_usage_error(cli, "\"%s\" is not a note's number (see doorstep triage "
                                        "list)",
                                   cli->argv[0]);
        if (as && (rc = cli_choice(cli, "kind", as, kinds)) != 0)
            return rc;
        if (ref && (!as || strcmp(as, "closing") != 0))
            return cli_usage_error(cli, "--ref goes with --as closing");
    }
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (strcmp(what, "list") == 0)
        rc = list_notes(db, format && strcmp(format, "text") != 0);
    else
        rc = resolve(c, db, id, as, ref);
    db_close(db);
    conf_free(c);
    return rc;
}

static const struct cli_opt list_opts[] = {
    {"format", 0, "text|json", "one line a note (the default), or JSON Lines"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_opt resolve_opts[] = {
    {"as", 0, "request|offer|none|closing",
     "what the message is: a post of that kind, not a post, or a closing (default: as "
     "doorstep read it)"},
    {"ref", 0, "CODE", "with --as closing: the post it closes, when the message does not say"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd triage_list = {
    .name = "list",
    .synopsis = "[--format text|json]",
    .about = "The open notes, one a line: number, post code, sender, subject, why.",
    .opts = list_opts,
    .run = cmd_triage,
};

static const struct cli_cmd triage_resolve = {
    .name = "resolve",
    .synopsis = "N [--as request|offer|none|closing] [--ref CODE]",
    .about = "Settle note N: as doorstep read it, or as a request or offer (stored as an "
             "open post), as no post (its post withdrawn), or as a closing of the post it "
             "names.",
    .opts = resolve_opts,
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_triage,
};

static const struct cli_cmd *const triage_subs[] = {&triage_list, &triage_resolve, NULL};

const struct cli_cmd front_triage = {
    .name = "triage",
    .synopsis = "list [--format text|json] | resolve N [--as request|offer|none|closing]",
    .about = "The coordinators' notes about mail the rules could not settle, and their "
             "answers to them.",
    .subs = triage_subs,
};
