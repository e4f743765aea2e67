/* cmd_edit.c — a coordinator's corrections of a post: `doorstep post edit REF` (title,
 * street, category, kind, needed-by), `doorstep reopen REF` and `doorstep renew REF`.
 * Every change goes through lib/posts, which records it in post_edits under the Unix
 * user who ran the command (cli_user); the next digest shows the post as corrected. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "classify.h"
#include "clock.h"
#include "day.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "places.h"
#include "posts.h"
#include "redact.h"
#include "suggest.h"
#include "text.h"

#define EDIT_MAX 512

/* The post code of operand TEXT ("r-42", "R-0042") into REF; 0, or EX_DATAERR
 * (logged) when it is none. */
static int
edit_ref(const char *cmd, const char *text, char ref[24])
{
    char refs[1][24];

    if (classify_refs(text, refs, 1) != 1) {
        log_error("%s: \"%s\" is not a reference code (like R-0042 or O-0007)", cmd, text);
        return EX_DATAERR;
    }
    memcpy(ref, refs[0], 24);
    return 0;
}

/* Finds REF in a transaction just begun: 0 with OUT filled, or a sysexits code
 * (logged, rolled back). */
static int
edit_begin(sqlite3 *db, const char *cmd, const char *ref, struct posts_row *out)
{
    char err[512];
    int found;

    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    if ((found = posts_find(db, ref, out, err, sizeof err)) == 1)
        return 0;
    if (found == 0)
        log_error("%s: there is no post %s (see doorstep export posts)", cmd, ref);
    else
        log_error("%s", err);
    db_rollback(db);
    return found == 0 ? EX_DATAERR : EX_SOFTWARE;
}

static int
edit_commit(sqlite3 *db)
{
    char err[512];

    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    return 0;
}

/* The category named NAME (case aside) into *OUT, or EX_DATAERR with the nearest one
 * suggested (logged). */
static int
edit_category(const conf *c, const char *name, const char **out)
{
    size_t n;
    const struct conf_category *cats = conf_categories(c, &n);
    const char **names = calloc(n + 1, sizeof *names);
    char hint[128];

    if (!names) {
        log_error("out of memory");
        return EX_OSERR;
    }
    for (size_t i = 0; i < n; i++) {
        names[i] = cats[i].name;
        if (strcasecmp(cats[i].name, name) == 0)
            *out = cats[i].name;
    }
    names[n] = "other";
    if (!*out && strcasecmp(name, "other") == 0)
        *out = "other";
    if (!*out)
        log_error("post edit: \"%s\" is not a category of [categories] in %s%s", name,
                  conf_file(c), suggest_hint(name, names, n + 1, "", hint, sizeof hint));
    free(names);
    return *out ? 0 : EX_DATAERR;
}

/* The street NAME as mail finds it (places_find), or the one street whose name starts
 * with NAME's words ("beech" is Beech Avenue), its area in
 * *AREA and the street as the config spells it in *STREET (NULL when NAME is an area);
 * "" or "none" clears both. EX_DATAERR with the nearest street suggested when none
 * matches (logged). */
static int
edit_street(const conf *c, const struct rules *r, const char *name, const char **area,
            const char **street)
{
    size_t na, ns = 0, k = 0;
    const struct conf_area *areas;
    const char **names;
    char hint[160];

    *area = *street = NULL;
    if (!*name || strcasecmp(name, "none") == 0)
        return 0;
    if ((*area = places_find(classify_rules_places(r), name, "", "", street)))
        return 0;
    areas = conf_areas(c, &na);
    /* the street's name without its type, as people say it ("beech" for Beech
     * Avenue), when one street only starts so */
    const char *only = NULL;
    size_t len = strlen(name), starts = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < areas[i].nstreets; j++) {
            const char *sn = areas[i].streets[j].name;
            if (strncasecmp(sn, name, len) == 0 && sn[len] == ' ') {
                only = sn;
                starts++;
            }
        }
    if (starts == 1 && (*area = places_find(classify_rules_places(r), only, "", "", street)))
        return 0;
    for (size_t i = 0; i < na; i++)
        ns += areas[i].nstreets + 1;
    if (!(names = calloc(ns + 1, sizeof *names))) {
        log_error("out of memory");
        return EX_OSERR;
    }
    for (size_t i = 0; i < na; i++) {
        names[k++] = areas[i].name;
        for (size_t j = 0; j < areas[i].nstreets; j++)
            names[k++] = areas[i].streets[j].name;
    }
    log_error("post edit: \"%s\" is not a street or area of [areas] in %s%s", name, conf_file(c),
              suggest_hint(name, names, k, "", hint, sizeof hint));
    free(names);
    return EX_DATAERR;
}

/* What `post edit` was asked to set; NULL: left alone. */
struct edit_want {
    const char *title, *street, *category, *kind, *needed;
};

/* Reads and checks the options into W; 0 or a sysexits code. (A post's private
 * details, --name and the like, are a new post's options only.) */
static int
edit_options(const struct cli *cli, struct edit_want *w)
{
    static const char *const kinds[] = {"request", "offer", NULL};
    w->title = cli_value(cli, "title");
    w->street = cli_value(cli, "street");
    w->category = cli_value(cli, "category");
    w->kind = cli_value(cli, "kind");
    w->needed = cli_value(cli, "needed-by");
    if (w->kind && cli_choice(cli, "kind", w->kind, kinds) != 0)
        return EX_USAGE;
    if (w->title && !*w->title)
        return cli_usage_error(cli, "--title cannot be empty");
    if (!w->title && !w->street && !w->category && !w->kind && !w->needed)
        return cli_usage_error(cli, "nothing to change: give --title, --street, --category, "
                                    "--kind or --needed-by");
    return 0;
}

/* One field set, with its line of output when it changed. */
static int
edit_field(sqlite3 *db, const struct posts_row *p, const char *field, const char *value,
           const char *who, time_t now)
{
    char err[512];
    int changed;

    if (posts_edit(db, p->id, field, value, who, now, &changed, err, sizeof err) < 0) {
        log_error("%s", err);
        return -1;
    }
    if (changed)
        printf("%s %s: %s\n", p->ref, field, value ? value : "(none)");
    return 0;
}

/* The needed-by day TEXT ("" or "none": no date) into OUT; EX_DATAERR (logged) when
 * it is no day or a past one. */
static int
edit_needed(const char *text, char out[11])
{
    time_t day, now = clock_now();
    int why;

    out[0] = '\0';
    if (!*text || strcasecmp(text, "none") == 0)
        return 0;
    if ((why = day_parse(text, now, &day)) != DAY_OK) {
        log_error("post edit: \"%s\" %s", text,
                  why == DAY_MISMATCH ? "has a weekday that does not match the date"
                                      : "is not a date (YYYY-MM-DD, today, tomorrow, a "
                                        "weekday, or a day like \"30 Nov\")");
        return EX_DATAERR;
    }
    if (day < clock_day_start(now)) {
        log_error("post edit: --needed-by %s is in the past", text);
        return EX_DATAERR;
    }
    clock_date(day, out);
    return 0;
}

/* Applies W to post P (in the caller's transaction); 0 or a sysexits code. */
static int
edit_apply(const conf *c, const struct rules *r, sqlite3 *db, struct posts_row *p,
           const struct edit_want *w)
{
    const char *area = NULL, *street = NULL, *category = NULL;
    char who[64], err[512], needed[11] = "", newref[24], *title = NULL;
    time_t now = clock_now();
    int rc;

    cli_user(who, sizeof who);
    if ((w->street && (rc = edit_street(c, r, w->street, &area, &street)) != 0) ||
        (w->category && (rc = edit_category(c, w->category, &category)) != 0) ||
        (w->needed && (rc = edit_needed(w->needed, needed)) != 0))
        return rc;
    if (w->title) {
        char line[EDIT_MAX];
        text_copy_line(line, sizeof line, w->title);
        /* the title is public: the redaction rules of every title */
        if (!(title = redact(classify_rules_places(r), line))) {
            log_error("out of memory");
            return EX_OSERR;
        }
    }
    rc = EX_SOFTWARE;
    if (w->kind) {
        if (posts_set_kind(db, p->id, w->kind, who, now, newref, err, sizeof err) < 0) {
            log_error("%s", err);
            goto done;
        }
        if (strcmp(newref, p->ref) != 0) {
            printf("%s kind: %s, now %s\n", p->ref, w->kind, newref);
            snprintf(p->ref, sizeof p->ref, "%s", newref);
            /* its author learns the new code ([replies] recoded); the old one still
             * finds the post (posts_find, process's S_POST_BY_REF) */
            if (post_note(c, db, "recoded", newref) < 0)
                goto done;
        }
        snprintf(p->kind, sizeof p->kind, "%s", w->kind);
    }
    if ((title && edit_field(db, p, "title", title, who, now) < 0) ||
        (w->street && (edit_field(db, p, "street", street, who, now) < 0 ||
                       edit_field(db, p, "area", area, who, now) < 0)) ||
        (category && edit_field(db, p, "category", category, who, now) < 0) ||
        (w->needed && edit_field(db, p, "needed_by", *needed ? needed : NULL, who, now) < 0))
        goto done;
    /* a request lasts at least to the end of the day it is needed by (as from mail) */
    if (*needed && strcmp(p->kind, "request") == 0 && strcmp(needed, p->expires) > 0 &&
        edit_field(db, p, "expires_at", needed, who, now) < 0)
        goto done;
    rc = 0;
done:
    free(title);
    return rc;
}

static int
cmd_post_edit(const struct cli *cli)
{
    struct edit_want w = {0};
    struct posts_row p;
    struct rules *r = NULL;
    char ref[24];
    conf *c;
    sqlite3 *db;
    int rc;

    if ((rc = edit_options(cli, &w)) != 0 || (rc = edit_ref("post edit", cli->argv[0], ref)) != 0)
        return rc;
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if (!(r = classify_rules_new(c))) {
        log_error("out of memory");
        rc = EX_OSERR;
    } else if ((rc = edit_begin(db, "post edit", ref, &p)) == 0) {
        if ((rc = edit_apply(c, r, db, &p, &w)) == 0)
            rc = edit_commit(db);
        else
            db_rollback(db);
    }
    classify_rules_free(r);
    db_close(db);
    conf_free(c);
    return rc;
}

/* The days a post of KIND lives ([process] offer_days or request_days). */
static long
edit_days(const conf *c, const char *kind)
{
    return conf_int(c, "process", strcmp(kind, "offer") == 0 ? "offer_days" : "request_days");
}

/* `reopen REF`: a closed, expired or withdrawn post open again, for its kind's days
 * from today (to its needed-by day when that is later). */
static int
reopen(const conf *c, sqlite3 *db, struct posts_row *p)
{
    char who[64], err[512], expires[11];

    if (!posts_closed_status(p->status)) {
        db_rollback(db);
        if (strcmp(p->status, "open") == 0) {
            printf("%s is open already (until %s)\n", p->ref, p->expires);
            return 0;
        }
        log_error("reopen: %s is %s, not closed (%s)", p->ref, p->status,
                  strcmp(p->status, "held") == 0 ? "doorstep member approve releases it"
                                                 : "doorstep triage resolve settles it");
        return EX_DATAERR;
    }
    cli_user(who, sizeof who);
    clock_date(clock_add_days(clock_day_start(clock_now()), (int)edit_days(c, p->kind)),
               expires);
    if (*p->needed && strcmp(p->needed, expires) > 0)
        snprintf(expires, sizeof expires, "%s", p->needed);
    if (posts_reopen(db, p->id, expires, who, err, sizeof err) < 0) {
        log_error("%s", err);
        db_rollback(db);
        return EX_SOFTWARE;
    }
    if (edit_commit(db) != 0)
        return EX_TEMPFAIL;
    printf("%s reopened: open until %s (was %s)\n", p->ref, expires, p->status);
    return 0;
}

/* `renew REF`: as the RENEW mail does (posts_renew), for the post's kind's days. */
static int
renew(const conf *c, sqlite3 *db, struct posts_row *p)
{
    char who[64], err[512], today[11];
    struct posts_row now;
    int renewed;

    cli_user(who, sizeof who);
    clock_date(clock_now(), today);
    if (posts_renew(db, p->id, today, edit_days(c, p->kind), who, &renewed, err, sizeof err) < 0 ||
        (renewed && posts_find(db, p->ref, &now, err, sizeof err) != 1)) {
        log_error("%s", err);
        db_rollback(db);
        return EX_SOFTWARE;
    }
    if (!renewed) {
        db_rollback(db);
        log_error("renew: %s is %s: only an open or expired post is renewed%s", p->ref, p->status,
                  posts_closed_status(p->status) ? " (doorstep reopen opens a closed one)" : "");
        return EX_DATAERR;
    }
    if (edit_commit(db) != 0)
        return EX_TEMPFAIL;
    printf("%s renewed: open until %s\n", p->ref, now.expires);
    return 0;
}

static int
cmd_reopen_renew(const struct cli *cli)
{
    const char *what = cli->path[cli->depth - 1]->name;
    struct posts_row p;
    char ref[24];
    conf *c;
    sqlite3 *db;
    int rc;

    if ((rc = edit_ref(what, cli->argv[0], ref)) != 0)
        return rc;
    if ((rc = cli_open(cli, &c, &db)) != 0)
        return rc;
    if ((rc = edit_begin(db, what, ref, &p)) == 0)
        rc = strcmp(what, "reopen") == 0 ? reopen(c, db, &p) : renew(c, db, &p);
    db_close(db);
    conf_free(c);
    return rc;
}

static const struct cli_opt edit_opts[] = {
    {"kind", 0, "request|offer", "make it the other kind (it gets a code of that kind)"},
    {NULL, 0, NULL, NULL},
};

const struct cli_cmd front_post_edit = {
    .name = "edit",
    .synopsis = "REF [--title TEXT] [--street NAME] [--category NAME] [--kind request|offer] "
                "[--needed-by DATE]",
    .about = "Correct a post (its code in any case): the street as mail names it (\"beech\" "
             "is Beech Avenue; its area follows), the category, the kind. Each change is "
             "recorded with the Unix user who made it.",
    .opts = edit_opts,
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_post_edit,
};

const struct cli_cmd front_reopen = {
    .name = "reopen",
    .synopsis = "REF",
    .about = "Open a closed, expired or withdrawn post again, for [process] request_days or "
             "offer_days from today.",
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_reopen_renew,
};

const struct cli_cmd front_renew = {
    .name = "renew",
    .synopsis = "REF",
    .about = "Keep an open (or expired) post open longer, as a RENEW mail does: its kind's "
             "days from its expiry or today, whichever is later.",
    .min_operands = 1,
    .max_operands = 1,
    .run = cmd_reopen_renew,
};
