/* cmd_forget_details.c — for `member forget`: the details collected about the person
 * (their names, and what redact's detectors find in their own mail), and finding and
 * replacing each wherever others' text quotes it (SQL has_details, redact_details). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cmd_forget_int.h"
#include "db.h"
#include "front.h"
#include "log.h"
#include "mime.h"
#include "places.h"
#include "quote.h"
#include "redact.h"

/* What replaces a detail (the same as a forgotten address). */
#define FORGOTTEN "[forgotten]"

/* ---- finding a detail in text ---------------------------------------------------- */

static int
word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static int
phone_sep(unsigned char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

/* Whether DETAIL of KIND starts at S[I] (N bytes in all); sets *END past it. Phones
 * match by their digits whatever the spaces, dashes and brackets between them;
 * postcodes by their letters and digits, case and space aside; everything else case
 * aside, a run of white space matching any run. Always on word boundaries; a "name"
 * word only where it is written with a capital, so that "May" the name leaves "may"
 * the verb alone. */
static int
detail_at(const unsigned char *s, size_t n, size_t i, const char *kind, const char *detail,
          size_t *end)
{
    const unsigned char *d = (const unsigned char *)detail;
    size_t k = i;

    if (i > 0 && word_byte(s[i - 1]))
        return 0;
    if (strcmp(kind, "email") == 0 && i > 0 && strchr("._%+-'", s[i - 1]) && s[i - 1])
        return 0;
    if (strcmp(kind, "phone") == 0) {
        int seen = 0;
        while (*d && !isdigit(*d))
            d++;
        if (k < n && s[k] == '+' && detail[0] == '+')
            k++;
        while (*d) {
            if (!isdigit(*d)) {
                d++;
                continue;
            }
            while (seen && k < n && phone_sep(s[k]))
                k++;
            if (k >= n || s[k] != *d)
                return 0;
            k++, d++, seen = 1;
        }
    } else if (strcmp(kind, "postcode") == 0) {
        for (; *d; d++) {
            if (*d == ' ')
                continue;
            while (k < n && s[k] == ' ' && k > i)
                k++;
            if (k >= n || toupper(s[k]) != toupper(*d))
                return 0;
            k++;
        }
    } else {
        if (strcmp(kind, "name") == 0 && !isupper(s[i]))
            return 0;
        for (; *d; d++) {
            if (isspace(*d)) {
                if (k >= n || !isspace(s[k]))
                    return 0;
                while (k < n && isspace(s[k]))
                    k++;
                while (isspace(d[1]))
                    d++;
                continue;
            }
            if (k >= n || tolower(s[k]) != tolower(*d))
                return 0;
            k++;
        }
    }
    if (k == i || (k < n && word_byte(s[k])))
        return 0;
    /* "ann@x.org." ends a sentence; "ann@x.org.uk" is another address */
    if (strcmp(kind, "email") == 0 && k + 1 < n && (s[k] == '-' || s[k] == '@' ||
                                                    (s[k] == '.' && word_byte(s[k + 1]))))
        return 0;
    *end = k;
    return 1;
}

/* S (N bytes) with every DETAIL of KIND replaced by FORGOTTEN into B (when B is not
 * NULL). Returns how many were found, -1 when out of memory. */
static long
detail_replace(const unsigned char *s, size_t n, const char *kind, const char *detail,
               struct buf *b)
{
    size_t i = 0, kept = 0, end;
    long found = 0;
    unsigned char first = (unsigned char)tolower((unsigned char)detail[0]);
    int any_first = strcmp(kind, "phone") == 0 || strcmp(kind, "postcode") == 0;

    while (i < n) {
        if ((any_first || tolower(s[i]) == first) && detail_at(s, n, i, kind, detail, &end)) {
            found++;
            if (b && (buf_add(b, s + kept, i - kept) < 0 || buf_adds(b, FORGOTTEN) < 0))
                return -1;
            i = kept = end;
            continue;
        }
        i++;
    }
    if (b && found && buf_add(b, s + kept, n - kept) < 0)
        return -1;
    return found;
}

void
forget_details_free(struct detail_set *ds)
{
    for (size_t i = 0; i < ds->n; i++) {
        free(ds->kind[i]);
        free(ds->detail[i]);
    }
    free(ds->kind);
    free(ds->detail);
    ds->n = 0;
    ds->kind = ds->detail = NULL;
}

/* S (N bytes) with the address and every detail of DS replaced by FORGOTTEN: a
 * malloc'd copy in *OUT and *OUTLEN, or *OUT NULL when there was none. Returns 0, or
 * -1 when out of memory. */
int
forget_details_redact(const struct detail_set *ds, const void *s, size_t n, char **out,
                      size_t *outlen)
{
    const unsigned char *cur = s;
    char *owned = NULL;
    size_t len = n;

    *out = NULL;
    for (size_t i = 0; i <= ds->n; i++) {
        const char *kind = i == 0 ? "email" : ds->kind[i - 1];
        const char *detail = i == 0 ? ds->addr : ds->detail[i - 1];
        struct buf b = {0};
        long found;

        if (!detail || !*detail)
            continue;
        if ((found = detail_replace(cur, len, kind, detail, &b)) < 0 || b.oom) {
            buf_free(&b);
            free(owned);
            return -1;
        }
        if (found > 0) {
            size_t blen = b.len;
            char *next = buf_take(&b);
            if (!next) {
                free(owned);
                return -1;
            }
            free(owned);
            owned = next;
            cur = (const unsigned char *)owned;
            len = blen;
        }
        buf_free(&b);
    }
    *out = owned;
    *outlen = len;
    return 0;
}

/* SQL has_details(X): 1 when X holds the address or a detail of the set (the
 * function's user data). */
static void
sql_has_details(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const struct detail_set *ds = sqlite3_user_data(ctx);
    const unsigned char *s = sqlite3_value_blob(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    int found = 0;

    (void)argc;
    for (size_t i = 0; s && !found && i <= ds->n; i++) {
        const char *detail = i == 0 ? ds->addr : ds->detail[i - 1];
        found = detail && *detail &&
                detail_replace(s, n, i == 0 ? "email" : ds->kind[i - 1], detail, NULL) > 0;
    }
    sqlite3_result_int(ctx, found);
}

/* SQL redact_details(X): X with the address and every detail of the set replaced,
 * of X's type. */
static void
sql_redact_details(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const struct detail_set *ds = sqlite3_user_data(ctx);
    int type = sqlite3_value_type(argv[0]);
    const void *s = sqlite3_value_blob(argv[0]);
    char *out = NULL;
    size_t len = 0;

    (void)argc;
    if (!s || (type != SQLITE_TEXT && type != SQLITE_BLOB)) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    if (forget_details_redact(ds, s, (size_t)sqlite3_value_bytes(argv[0]), &out, &len) < 0) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (!out)
        sqlite3_result_value(ctx, argv[0]);
    else if (type == SQLITE_TEXT)
        sqlite3_result_text64(ctx, out, len, free, SQLITE_UTF8);
    else
        sqlite3_result_blob64(ctx, out, len, free);
}

/* Loads temp.who_details into DS (for ADDR) and registers has_details and
 * redact_details on DB with it. Returns 0 or -1 (logged). */
int
forget_details_load(sqlite3 *db, const char *addr, struct detail_set *ds)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db,
                                 "SELECT kind, detail FROM temp.who_details"
                                 " ORDER BY length(detail) DESC, detail",
                                 err, sizeof err);
    size_t cap = 0;
    int step;

    *ds = (struct detail_set){.addr = addr};
    if (!s) {
        log_error("%s", err);
        return -1;
    }
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (ds->n == cap) {
            char **k = realloc(ds->kind, (cap = cap ? cap * 2 : 16) * sizeof *k);
            char **d = k ? realloc(ds->detail, cap * sizeof *d) : NULL;
            if (k)
                ds->kind = k;
            if (!d)
                break;
            ds->detail = d;
        }
        ds->kind[ds->n] = strdup((const char *)sqlite3_column_text(s, 0));
        ds->detail[ds->n] = strdup((const char *)sqlite3_column_text(s, 1));
        if (!ds->kind[ds->n] || !ds->detail[ds->n]) {
            free(ds->kind[ds->n]);
            free(ds->detail[ds->n]);
            break;
        }
        ds->n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        log_error("%s: cannot read the details to forget", sqlite3_db_filename(db, "main"));
        forget_details_free(ds);
        return -1;
    }
    if (sqlite3_create_function(db, "has_details", 1, SQLITE_UTF8, ds, sql_has_details, NULL,
                                NULL) != SQLITE_OK ||
        sqlite3_create_function(db, "redact_details", 1, SQLITE_UTF8, ds, sql_redact_details,
                                NULL, NULL) != SQLITE_OK) {
        db_log_errmsg(db);
        forget_details_free(ds);
        return -1;
    }
    return 0;
}

/* ---- collecting the person's details --------------------------------------------- */

struct collect {
    sqlite3 *db;
    sqlite3_stmt *ins;  /* INSERT INTO temp.who_details(kind, detail) */
    sqlite3_stmt *keep; /* 1 when an address or phone is someone else's to keep */
    const conf *c;
    int failed;
};

/* Adds DETAIL (N bytes) of KIND, and its quoted-printable spelling when it has bytes
 * that outgoing mail encodes (a name with an accent in a stored digest). */
static void
add_detail(struct collect *co, const char *kind, const char *s, size_t n)
{
    char *d = strndup(s, n), *qp;
    size_t len;

    if (!d) {
        co->failed = 1;
        return;
    }
    /* as written, without the spaces and commas around it */
    len = strlen(d);
    while (len > 0 && (isspace((unsigned char)d[len - 1]) || d[len - 1] == ','))
        d[--len] = '\0';
    while (*d && isspace((unsigned char)*d)) {
        memmove(d, d + 1, len);
        len--;
    }
    /* too short to be anyone's own: "Jo" stays a word of others' text */
    if (len >= 2) {
        sqlite3_bind_text(co->ins, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(co->ins, 2, d, -1, SQLITE_STATIC);
        if (sqlite3_step(co->ins) != SQLITE_DONE)
            co->failed = 1;
        sqlite3_reset(co->ins);
    }
    if (len >= 2 && (qp = malloc(len * 3 + 1))) {
        size_t k = 0;
        int encoded = 0;
        for (const unsigned char *p = (const unsigned char *)d; *p; p++) {
            if (*p >= 0x80 || *p == '=') {
                k += (size_t)sprintf(qp + k, "=%02X", *p);
                encoded = 1;
            } else {
                qp[k++] = (char)*p;
            }
        }
        qp[k] = '\0';
        if (encoded) {
            sqlite3_bind_text(co->ins, 1, "text", -1, SQLITE_STATIC);
            sqlite3_bind_text(co->ins, 2, qp, -1, SQLITE_STATIC);
            if (sqlite3_step(co->ins) != SQLITE_DONE)
                co->failed = 1;
            sqlite3_reset(co->ins);
        }
        free(qp);
    }
    free(d);
}

/* A detail redact's detectors found in the person's own text: kept unless it is the
 * group's (its address, its phone) or another member's address. */
static void
on_found(const char *kind, const char *s, size_t n, void *ctx)
{
    struct collect *co = ctx;
    char *d = strndup(s, n);
    int others = 0;

    if (!d) {
        co->failed = 1;
        return;
    }
    if (strcmp(kind, "email") == 0) {
        others = strcasecmp(d, conf_str(co->c, "group", "address")) == 0 ||
                 strcasecmp(d, conf_str(co->c, "smtp", "from")) == 0 ||
                 strcasestr(conf_str(co->c, "group", "coordinators"), d) != NULL;
        sqlite3_bind_text(co->keep, 1, d, -1, SQLITE_STATIC);
        if (!others && sqlite3_step(co->keep) == SQLITE_ROW)
            others = 1;
        sqlite3_reset(co->keep);
    } else if (strcmp(kind, "phone") == 0 && *conf_str(co->c, "group", "phone")) {
        size_t end;
        const char *g = conf_str(co->c, "group", "phone");
        others = detail_at((const unsigned char *)g, strlen(g), 0, "phone", d, &end);
    }
    if (!others)
        add_detail(co, kind, s, n);
    free(d);
}

/* The words of a display name NAME as details: the whole name, and each of its words
 * but titles and initials. */
static void
add_name(struct collect *co, const char *name)
{
    static const char *const titles[] = {"mr", "mrs", "ms", "miss", "dr", "mx", "prof", NULL};
    char *copy, *w, *save = NULL;

    if (!name || !*name || strchr(name, '@'))
        return;
    add_detail(co, "text", name, strlen(name));
    if (!(copy = strdup(name))) {
        co->failed = 1;
        return;
    }
    for (w = strtok_r(copy, " \t,.\"'()", &save); w; w = strtok_r(NULL, " \t,.\"'()", &save)) {
        int title = 0;
        for (const char *const *t = titles; *t; t++)
            title |= strcasecmp(w, *t) == 0;
        if (!title && strlen(w) >= 2 && isupper((unsigned char)w[0]))
            add_detail(co, "name", w, strlen(w));
    }
    free(copy);
}

/* Reads one of the person's messages (RAW, LEN bytes): their display name, and what
 * redact's detectors find in their subject and their own words (not what they quote
 * of others). */
static void
collect_message(struct collect *co, const char *addr, const char *raw, size_t len,
                const struct places *pl)
{
    struct mime_msg m;
    char reason[256], *own;

    if (mime_parse(raw, len, &m, reason, sizeof reason) < 0)
        return;
    if (m.from_addr && strcmp(m.from_addr, addr) == 0)
        add_name(co, m.from_name);
    if (m.subject)
        redact_find(pl, m.subject, on_found, co);
    if ((own = quote_own_text(m.text ? m.text : ""))) {
        redact_find(pl, own, on_found, co);
        free(own);
    } else {
        co->failed = 1;
    }
    mime_free(&m);
}

/* Collects into temp.who_details the person's details: their member row's name, and
 * from each of their messages (temp.who_msgs) their display name and the details of
 * their own words. Returns 0 or -1 (logged). */
int
forget_collect_details(const conf *c, sqlite3 *db, const char *addr)
{
    char err[512];
    struct collect co = {.db = db, .c = c};
    struct places *pl = places_new(c);
    sqlite3_stmt *s = NULL;
    int step = SQLITE_DONE;

    if (db_exec(db,
                "CREATE TEMP TABLE IF NOT EXISTS who_details (kind TEXT, detail TEXT,"
                " PRIMARY KEY (kind, detail));"
                "DELETE FROM temp.who_details",
                err, sizeof err) < 0) {
        log_error("%s", *err ? err : sqlite3_errmsg(db));
        places_free(pl);
        return -1;
    }
    co.ins = db_prepare(db, "INSERT OR IGNORE INTO temp.who_details VALUES (?1, ?2)", err,
                        sizeof err);
    co.keep = co.ins ? db_prepare(db, "SELECT 1 FROM members WHERE email = ?1", err, sizeof err)
                     : NULL;
    s = co.keep ? db_prepare(db,
                             "SELECT r.raw, 0 FROM message_raw r"
                             " WHERE r.message IN (SELECT id FROM temp.who_msgs)"
                             " UNION ALL SELECT name, 1 FROM members WHERE email = ?1",
                             err, sizeof err)
                : NULL;
    if (!s) {
        log_error("%s", err);
        co.failed = 1;
        goto done;
    }
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    while (!co.failed && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *raw = sqlite3_column_blob(s, 0);
        size_t len = (size_t)sqlite3_column_bytes(s, 0);
        if (!raw)
            continue;
        if (sqlite3_column_int(s, 1))
            add_name(&co, (const char *)sqlite3_column_text(s, 0)); /* the member's name */
        else
            collect_message(&co, addr, raw, len, pl);
    }
    if (!co.failed && step != SQLITE_DONE)
        co.failed = 1;
    if (co.failed)
        db_log_errmsg(db);
    /* their own address is redact_addr's (whole addresses, any case) */
    if (!co.failed && forget_run(db, "DELETE FROM temp.who_details WHERE kind = 'email'"
                              " AND lower(detail) = ?1", addr) < 0)
        co.failed = 1;
done:
    sqlite3_finalize(s);
    sqlite3_finalize(co.ins);
    sqlite3_finalize(co.keep);
    places_free(pl);
    return co.failed ? -1 : 0;
}
