/* cmd_post.c — `doorstep post request|offer` and `doorstep close REF`: a coordinator records
 * a phone-in or paper post by hand, shown in the digest like any other, and closes one. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "classify.h"
#include "clock.h"
#include "day.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "posts.h"
#include "text.h"
#include "redact.h"

#define FIELD_MAX 512

/* What the coordinator said, by flag or answer; "" when not given. */
struct hand_post {
    const char *kind; /* "request" or "offer" */
    char title[FIELD_MAX], street[FIELD_MAX], category[FIELD_MAX], needed[FIELD_MAX];
    char name[FIELD_MAX], phone[FIELD_MAX], address[FIELD_MAX], notes[FIELD_MAX];
};

static const struct {
    const char *flag;
    size_t off;
    const char *question; /* asked on a terminal when the flag is missing */
} fields[] = {
    {"title", offsetof(struct hand_post, title), "What is needed or offered (a short title, public)"},
    {"street", offsetof(struct hand_post, street), "Street (public; empty: none)"},
    {"category", offsetof(struct hand_post, category), "Category (empty: from the title)"},
    {"needed-by", offsetof(struct hand_post, needed), "Needed by (YYYY-MM-DD, a weekday, "
                                                      "today, tomorrow; empty: no date)"},
    {"name", offsetof(struct hand_post, name), "Their name (private)"},
    {"phone", offsetof(struct hand_post, phone), "Their phone (private)"},
    {"address", offsetof(struct hand_post, address), "Their address (private)"},
    {"notes", offsetof(struct hand_post, notes), "Notes for coordinators (private)"},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

/* Copies the options given into P (and marks them in GIVEN). */
static void
read_flags(const struct cli *cli, struct hand_post *p, int *given)
{
    for (size_t k = 0; k < NFIELDS; k++) {
        const char *v = cli_value(cli, fields[k].flag);
        if (!v)
            continue;
        text_copy_line((char *)p + fields[k].off, FIELD_MAX, v);
        given[k] = 1;
    }
}

/* Asks the questions whose flags were not given, reading lines from standard input. */
static void
ask(struct hand_post *p, const int *given)
{
    char line[FIELD_MAX * 2];

    for (size_t k = 0; k < NFIELDS; k++) {
        if (given[k] ||
            (strcmp(fields[k].flag, "needed-by") == 0 && strcmp(p->kind, "offer") == 0))
            continue;
        fprintf(stderr, "%s: ", fields[k].question);
        fflush(stderr);
        if (!fgets(line, sizeof line, stdin))
            break;
        text_copy_line((char *)p + fields[k].off, FIELD_MAX, line);
    }
}

/* The private body: everything said, for the coordinators only. Malloc'd. */
static char *
private_body(const struct hand_post *p)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);

    if (!f)
        return NULL;
    fprintf(f, "Recorded by hand (doorstep post %s).\n%s\n", p->kind, p->title);
    if (*p->name)
        fprintf(f, "Name: %s\n", p->name);
    if (*p->phone)
        fprintf(f, "Phone: %s\n", p->phone);
    if (*p->address)
        fprintf(f, "Address: %s\n", p->address);
    if (*p->notes)
        fprintf(f, "Notes: %s\n", p->notes);
    if (fclose(f) != 0) {
        free(body);
        return NULL;
    }
    return body;
}

/* The category named NAME (case-insensitive), or NULL. */
static const char *
find_category(const conf *c, const char *name)
{
    size_t n;
    const struct conf_category *cats = conf_categories(c, &n);

    for (size_t i = 0; i < n; i++)
        if (strcasecmp(cats[i].name, name) == 0)
            return cats[i].name;
    return strcasecmp(name, "other") == 0 ? "other" : NULL;
}

/* Inserts P as an open post, in one transaction; prints its reference code. */
static int
insert(sqlite3 *db, const conf *c, struct rules *r, const struct hand_post *p)
{
    const char *area = NULL, *street = NULL, *category = "other";
    char ref[CODE_SIZE], expires[DAY_SIZE], needed[DAY_SIZE] = "", err[512];
    char *title = NULL, *summary = NULL, *body = NULL;
    time_t now = clock_now(), day;
    int rc = EX_SOFTWARE;

    if (*p->needed) {
        int why = day_parse(p->needed, now, &day);
        if (why != DAY_OK) {
            log_error("post %s: \"%s\" %s", p->kind, p->needed,
                      why == DAY_MISMATCH ? "has a weekday that does not match the date"
                                          : "is not a date (YYYY-MM-DD, today, tomorrow, "
                                            "a weekday, or a day like \"30 Nov\")");
            return EX_DATAERR;
        }
        if (day < clock_day_start(now)) {
            log_error("post %s: --needed-by %s is in the past", p->kind, p->needed);
            return EX_DATAERR;
        }
        clock_date(day, needed);
    }
    if (*p->category && !(category = find_category(c, p->category))) {
        log_error("post %s: \"%s\" is not a category of [categories] in %s", p->kind,
                  p->category, conf_file(c));
        return EX_DATAERR;
    }
    if (!*p->category)
        category = classify_category(r, p->title, "");
    if (*p->street) {
        area = places_find(classify_rules_places(r), p->street, "", "", &street);
        if (!area)
            log_warn("post %s: \"%s\" is not a street or area of [areas] in %s: the post has "
                     "no area",
                     p->kind, p->street, conf_file(c));
    }
    /* the title is public: the caller's name and its words leave it too */
    if ((summary = redact_name(p->title, p->name))) {
        title = redact(classify_rules_places(r), summary);
        free(summary);
        summary = title ? strdup(title) : NULL;
    }
    body = private_body(p);
    if (!title || !summary || !body) {
        log_error("out of memory");
        rc = EX_OSERR;
        goto done;
    }
    clock_date(clock_add_days(clock_day_start(now),
                              (int)conf_int(c, "process",
                                            strcmp(p->kind, "offer") == 0 ? "offer_days"
                                                                          : "request_days")),
               expires);
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        rc = EX_TEMPFAIL;
        goto done;
    }
    struct posts_new row = {
        .ref = ref, .kind = p->kind, .category = category, .area = area, .street = street,
        .title = title, .body = body, .summary = summary, .created = now,
        .needed_by = *needed ? needed : NULL, .expires = expires, .status = "open",
    };
    if (db_next_ref(db, p->kind, ref, err, sizeof err) < 0 ||
        posts_insert(db, &row, NULL, err, sizeof err) < 0) {
        log_error("%s", err);
        db_rollback(db);
        goto done;
    }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        rc = EX_TEMPFAIL;
        goto done;
    }
    printf("%s %s: %s (%s, %s%s%s)%s%s\n", ref, p->kind, title, category,
           street ? street : "", street ? ", " : "", area ? area : "no area",
           *needed ? ", needed by " : "", needed);
    rc = 0;
done:
    free(title);
    free(summary);
    free(body);
    return rc;
}

static int
cmd_post(const struct cli *cli)
{
    struct hand_post p = {0};
    int given[NFIELDS] = {0}, rc;
    struct rules *r;
    conf *c;
    sqlite3 *db;

    p.kind = cli->path[cli->depth - 1]->name;
    read_flags(cli, &p, given);
    if (!*p.title && isatty(STDIN_FILENO))
        ask(&p, given);
    if (!*p.title)
        return cli_usage_error(cli, "--title TEXT is needed (what is %s)",
                               strcmp(p.kind, "offer") == 0 ? "offered" : "needed");
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (!(r = classify_rules_new(c))) {
        log_error("out of memory");
        rc = EX_OSERR;
    } else {
        rc = insert(db, c, r, &p);
    }
    classify_rules_free(r);
    db_close(db);
    conf_free(c);
    return rc;
}

static const struct cli_opt post_opts[] = {
    {"title", 0, "TEXT", "what is needed or offered, in a few words (public)"},
    {"street", 0, "NAME", "the street (public; its area is found from [areas])"},
    {"category", 0, "NAME", "a category of [categories] (default: from the title)"},
    {"needed-by", 0, "DATE", "2026-11-30, today, tomorrow, thu, \"Mon 30 Nov\" (requests)"},
    {NULL, 0, NULL, NULL},
};

/* a new post's private details (not `post edit`'s) */
static const struct cli_opt new_opts[] = {
    {"name", 0, "TEXT", "their name (private)"},
    {"phone", 0, "TEXT", "their phone number (private)"},
    {"address", 0, "TEXT", "their address (private)"},
    {"notes", 0, "TEXT", "notes for the coordinators (private)"},
    {NULL, 0, NULL, NULL},
};

static const struct cli_cmd post_request = {
    .name = "request",
    .synopsis = "--title TEXT [--street NAME] [--category NAME] [--needed-by DATE] "
                "[--name TEXT] [--phone TEXT] [--address TEXT] [--notes TEXT]",
    .about = "Record a request made by phone or on paper; asks for what is missing on a "
             "terminal. Prints its code.",
    .opts = new_opts,
    .run = cmd_post,
};

static const struct cli_cmd post_offer = {
    .name = "offer",
    .synopsis = "--title TEXT [--street NAME] [--category NAME] [--name TEXT] "
                "[--phone TEXT] [--address TEXT] [--notes TEXT]",
    .about = "Record an offer made by phone or on paper; asks for what is missing on a "
             "terminal. Prints its code.",
    .opts = new_opts,
    .run = cmd_post,
};

static const struct cli_cmd *const post_subs[] = {&post_request, &post_offer, &front_post_edit,
                                                   NULL};

const struct cli_cmd front_post = {
    .name = "post",
    .synopsis = "request|offer --title TEXT [--street NAME] ... | edit REF ...",
    .about = "Record a phone-in or paper post by hand (contact details stay private), or "
             "correct one.",
    .opts = post_opts,
    .subs = post_subs,
};
/* The author's note KIND about REF ([replies] KIND: closed, recoded), due for render
 * to send under the key ack:KIND:REF, in the caller's transaction; within [replies]
 * per_address_per_day, never to the group's own address. 0 or -1 (logged). */
int
post_note(const conf *c, sqlite3 *db, const char *kind, const char *ref)
{
    char err[512], today[DAY_SIZE];
    sqlite3_stmt *st;
    int step;

    if (!conf_bool(c, "replies", kind))
        return 0;
    clock_date(clock_now(), today);
    if (!(st = db_prepare(db,
                          "INSERT OR IGNORE INTO replies(key, kind, to_addr, day, post, state,"
                          " reason, created_at)"
                          " SELECT 'ack:' || ?7 || ':' || p.ref, ?7, m.email, ?2, p.id,"
                          " CASE WHEN (SELECT count(*) FROM replies r WHERE r.to_addr = m.email"
                          "   AND r.day = ?2 AND r.state != 'suppressed') >= ?3"
                          "   THEN 'suppressed' ELSE 'due' END,"
                          " NULL, ?4 FROM posts p JOIN members m ON m.id = p.member_id"
                          " AND m.status IN ('member', 'coordinator')"
                          " WHERE p.ref = ?1 AND m.email NOT IN (?5, ?6)",
                          err, sizeof err))) {
        log_error("%s", err);
        return -1;
    }
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, conf_int(c, "replies", "per_address_per_day"));
    sqlite3_bind_int64(st, 4, (sqlite3_int64)clock_now());
    sqlite3_bind_text(st, 5, conf_str(c, "group", "address"), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, conf_str(c, "smtp", "from"), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, kind, -1, SQLITE_STATIC);
    step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        db_log_errmsg(db);
        return -1;
    }
    return 0;
}

/* Closes the post REF with STATUS; an unknown REF is EX_DATAERR. The change is
 * recorded under the Unix user who ran the command (post_edits). */
static int
close_post(const conf *c, sqlite3 *db, const char *ref, const char *status)
{
    char err[512], who[64];
    struct posts_row post;
    int found;

    cli_user(who, sizeof who);
    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if ((found = posts_find(db, ref, &post, err, sizeof err)) <= 0) {
        if (found == 0)
            log_error("close: there is no post %s (see doorstep export posts)", ref);
        else
            log_error("%s", err);
        db_rollback(db);
        return found == 0 ? EX_DATAERR : EX_SOFTWARE;
    }
    if (strcmp(post.status, "open") != 0 && strcmp(post.status, "held") != 0 &&
        strcmp(post.status, "triage") != 0) {
        printf("%s is already closed (%s)\n", post.ref, post.status);
        db_rollback(db);
        return 0;
    }
    if (posts_set_status(db, post.id, status, clock_now(), who, err, sizeof err) < 0) {
        log_error("%s", err);
        db_rollback(db);
        return EX_SOFTWARE;
    }
    if (post_note(c, db, "closed", post.ref) < 0) {
        db_rollback(db);
        return EX_SOFTWARE;
    }
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    printf("%s closed: %s (was %s)\n", post.ref, status, post.status);
    return 0;
}

static int
cmd_close(const struct cli *cli)
{
    static const char *const closings[] = {"done", "withdrawn", "taken", NULL};
    const char *status = cli->argc > 1 ? cli->argv[1] : "done";
    char refs[1][CODE_SIZE];
    conf *c;
    sqlite3 *db;
    int rc;

    if ((rc = cli_choice(cli, "closing", status, closings)) != 0)
        return rc;
    if (classify_refs(cli->argv[0], refs, 1) != 1) {
        log_error("close: \"%s\" is not a reference code (like R-0042 or O-0007)", cli->argv[0]);
        return EX_DATAERR;
    }
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    rc = close_post(c, db, refs[0], status);
    db_close(db);
    conf_free(c);
    return rc;
}

const struct cli_cmd front_close = {
    .name = "close",
    .synopsis = "REF [done|withdrawn|taken]",
    .about = "Close a post by its code (R-0042, O-0007); done unless said otherwise.",
    .min_operands = 1,
    .max_operands = 2,
    .run = cmd_close,
};
