/* cmd_forget.c — `doorstep member forget ADDRESS`: erases a person, and their details
 * (address, name, phones, emails, house numbers, postcodes found in their own mail)
 * wherever others quote them: the database, the outbox and the output folder; with
 * [privacy] delete_from_mailbox, their messages leave the mailbox too. This file holds
 * the erasure, step by step; the details are collected and matched in
 * cmd_forget_details.c. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "clock.h"
#include "cmd_forget_int.h"
#include "db.h"
#include "file.h"
#include "front.h"
#include "log.h"
#include "members.h"
#include "mailbox.h"
#include "posts.h"

/* The largest output file read for details (a digest is tens of kilobytes). */
#define FORGET_MAX_FILE (64L * 1024 * 1024)

/* Runs SQL with ?1 = ADDR and ?2 = now; returns the rows changed, -1 on error (logged). */
int
forget_run(sqlite3 *db, const char *sql, const char *addr)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    int rc;

    if (!s) {
        log_error("%s", err);
        return -1;
    }
    if (sqlite3_bind_parameter_count(s) >= 1)
        sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(s) >= 2)
        sqlite3_bind_int64(s, 2, (sqlite3_int64)clock_now());
    rc = sqlite3_step(s) == SQLITE_DONE ? sqlite3_changes(db) : -1;
    if (rc < 0)
        db_log_errmsg(db);
    sqlite3_finalize(s);
    return rc;
}

/* ---- the steps of forgetting ---------------------------------------------------- */

/* Their posts of temp.who_posts, through the posts module: those others depend on
 * (KEEP) keep their public text, withdrawn; the others go; the corrections recorded
 * of either (post_edits) go. Returns how many, or -1 (logged). */
static int
erase_posts(sqlite3 *db)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, "SELECT id, keep FROM temp.who_posts ORDER BY id", err,
                                 sizeof err);
    struct {
        long id;
        int keep;
    } *ids = NULL;
    size_t n = 0, cap = 0;
    long count = 0;
    int step, rc = -1;

    if (!s) {
        log_error("%s", err);
        return -1;
    }
    /* collected first: no table is written while a statement reads */
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            void *grown = realloc(ids, ncap * sizeof *ids);
            if (!grown) {
                log_error("out of memory");
                goto done;
            }
            ids = grown;
            cap = ncap;
        }
        ids[n].id = (long)sqlite3_column_int64(s, 0);
        ids[n++].keep = sqlite3_column_int(s, 1);
    }
    if (step != SQLITE_DONE) {
        log_error("%s: %s", sqlite3_db_filename(db, "main"), sqlite3_errmsg(db));
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (posts_forget(db, ids[i].id, ids[i].keep, clock_now(), &count, err, sizeof err) < 0) {
            log_error("%s", err);
            goto done;
        }
    rc = (int)count;
done:
    sqlite3_finalize(s);
    free(ids);
    return rc;
}

/* Deletes what is theirs: messages (their hashes kept in `forgotten`), posts (those
 * others depend on keep their public text, withdrawn; erase_posts), rota places,
 * outbox mail to them alone and their member row. COUNTS: posts, messages, member
 * rows. */
static int
erase_own(sqlite3 *db, const char *addr, int counts[3])
{
    /* ?1 = the address, ?2 = now; COUNTED: index into COUNTS, or -1 */
    static const struct {
        const char *sql;
        int counted;
    } steps[] = {
        {"CREATE TEMP TABLE IF NOT EXISTS who_posts (id INTEGER PRIMARY KEY, keep INTEGER)", -1},
        {"DELETE FROM temp.who_posts", -1},
        {"INSERT INTO temp.who_posts SELECT p.id,"
         " EXISTS (SELECT 1 FROM matches x WHERE x.offer_id = p.id OR x.request_id = p.id)"
         " OR EXISTS (SELECT 1 FROM triage t WHERE t.post = p.id AND t.message IS NOT NULL"
         "   AND t.message NOT IN (SELECT id FROM temp.who_msgs))"
         " FROM posts p WHERE p.member_id = (SELECT id FROM members WHERE email = ?1)"
         " OR p.message IN (SELECT id FROM temp.who_msgs)",
         -1},
        /* here erase_posts: their posts, through lib/posts */
        /* attachments and triage notes about the messages go with them; the hashes
         * stay, so that a maildir or mbox read whole does not bring them back */
        {"INSERT OR IGNORE INTO forgotten SELECT sha256 FROM messages"
         " WHERE id IN (SELECT id FROM temp.who_msgs)",
         -1},
        {"DELETE FROM messages WHERE id IN (SELECT id FROM temp.who_msgs)", 1},
        {"DELETE FROM rota_slots WHERE member_id = (SELECT id FROM members WHERE email = ?1)", -1},
        /* their answers to posts (most went with their messages) and what was due to
         * them; others' answers that quote them are redacted with the rest */
        {"DELETE FROM responses WHERE responder = ?1", -1},
        {"DELETE FROM replies WHERE to_addr = ?1", -1},
        {"DELETE FROM outbox WHERE has_addr(recipients, ?1)"
         " AND instr(redact_addr(recipients, ?1), '@') = 0",
         -1},
        {"DROP TABLE temp.who_posts", -1},
    };
    char err[512];
    int n;

    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (i == 3) { /* temp.who_posts is filled */
            int erased = erase_posts(db);
            if (erased < 0)
                return -1;
            counts[0] += erased;
        }
        n = forget_run(db, steps[i].sql, addr);
        if (n < 0)
            return -1;
        if (steps[i].counted >= 0)
            counts[steps[i].counted] += n;
    }
    /* the member row last, when nothing refers to it any more */
    if ((n = members_delete(db, addr, err, sizeof err)) < 0) {
        log_error("%s", err);
        return -1;
    }
    counts[2] += n;
    return 0;
}

/* Every stored text a detail can be in: others' messages (raw copies included: their
 * messages.sha256 stays the hash of what was fetched, for de-duplication), posts,
 * triage notes, attachment names, members' names, the outbox (raw mail already sent
 * included: it stays, rewritten, because its key is what stops a digest being sent
 * twice) and the runs' summaries. */
static const struct {
    const char *table, *cols[4];
} stored_text[] = {
    {"message_raw", {"raw"}},
    {"messages", {"message_id", "reason"}},
    {"posts", {"title", "summary", "body", "street"}},
    {"triage", {"reason"}},
    {"attachments", {"name"}},
    {"members", {"name"}},
    {"outbox", {"recipients", "raw", "message_id", "last_error"}},
    {"runs", {"summary"}},
    {"responses", {"words", "name"}},
    {"post_edits", {"old", "new"}},
};

/* Replaces the address and every collected detail (redact_details) wherever others'
 * stored text holds them: one pass over each table. */
static int
redact_everywhere(sqlite3 *db, const char *addr)
{
    char sql[1200], set[512], where[512];

    for (size_t t = 0; t < sizeof stored_text / sizeof stored_text[0]; t++) {
        size_t sl = 0, wl = 0;
        for (size_t k = 0; k < 4 && stored_text[t].cols[k]; k++) {
            const char *col = stored_text[t].cols[k];
            sl += (size_t)snprintf(set + sl, sizeof set - sl, "%s%s = redact_details(%s)",
                                   k ? ", " : "", col, col);
            wl += (size_t)snprintf(where + wl, sizeof where - wl, "%shas_details(%s)",
                                   k ? " OR " : "", col);
        }
        snprintf(sql, sizeof sql, "UPDATE %s SET %s WHERE %s", stored_text[t].table, set, where);
        if (forget_run(db, sql, addr) < 0)
            return -1;
    }
    return 0;
}

/* ---- the output folder ---------------------------------------------------------- */

/* Rewrites every mail file (.eml) of DIR that holds the address or a detail, keeping
 * its mode (a public digest stays public, a private copy private). Returns how many. */
static long
rewrite_mail_files(const struct detail_set *ds, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    long n = 0;

    if (!d)
        return 0;
    while ((e = readdir(d))) {
        char path[4096], err[512], *data, *out;
        size_t len, olen, nl = strlen(e->d_name);
        struct stat st;

        if (nl < 5 || strcmp(e->d_name + nl - 4, ".eml") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
            continue;
        if (file_read(path, FORGET_MAX_FILE, &data, &len, err, sizeof err) < 0) {
            log_warn("%s", err);
            continue;
        }
        if (forget_details_redact(ds, data, len, &out, &olen) < 0) {
            log_warn("%s: out of memory", path);
        } else if (out) {
            if (((st.st_mode & 077) ? file_write_atomic : file_write_private)(path, out, olen, err,
                                                                             sizeof err) < 0)
                log_warn("%s", err);
            else
                n++;
        }
        free(out);
        free(data);
    }
    closedir(d);
    return n;
}

/* The output files: those that name people by their names and dates (coordinators'
 * digests, rotas, rounds, leaflets) written since JOINED are deleted, and so are the
 * member's own copies (render writes today's again); every other mail file that
 * quotes them is rewritten. Returns how many files were deleted or rewritten. */
static long
forget_outputs(const conf *c, const struct detail_set *ds, const char *joined)
{
    static const char *const named[] = {"coordinators", "rota", "rounds", "leaflets", NULL};
    static const char *const digests[] = {"digest", NULL};
    char sent[4096];
    const char *out = conf_str(c, "output", "dir");
    long files = 0;

    purge_sent_dir(c, sent, sizeof sent);
    if (*joined)
        files = purge_outputs(out, named, joined, "", NULL) +
                purge_outputs(sent, named, joined, "", NULL);
    files += purge_outputs(sent, digests, "", "", ds->addr);
    files += rewrite_mail_files(ds, out);
    if (strcmp(sent, out) != 0)
        files += rewrite_mail_files(ds, sent);
    return files;
}

/* The day ADDR joined (their member row), else of their first message fetched, as
 * YYYY-MM-DD in JOINED; "" when neither is known. */
static void
joined_day(sqlite3 *db, const char *addr, char joined[DAY_SIZE])
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db,
                                 "SELECT min(t) FROM (SELECT joined_at AS t FROM members"
                                 " WHERE email = ?1 UNION ALL SELECT fetched_at FROM messages"
                                 " WHERE id IN (SELECT id FROM temp.who_msgs))",
                                 err, sizeof err);

    *joined = '\0';
    if (!s)
        return;
    sqlite3_bind_text(s, 1, addr, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
        clock_date((time_t)sqlite3_column_int64(s, 0), joined);
    sqlite3_finalize(s);
}

int
forget_member(const conf *c, sqlite3 *db, const char *addr)
{
    char err[512], joined[DAY_SIZE] = "";
    int counts[3] = {0, 0, 0};
    long files, queued = 0;
    int delete_from_mailbox = conf_bool(c, "privacy", "delete_from_mailbox");
    struct detail_set ds = {.addr = addr};

    if (db_begin(db, err, sizeof err) < 0) {
        log_error("%s", err);
        return EX_TEMPFAIL;
    }
    /* order is important: the details are read from their messages before these go,
     * and the mailbox's copies are queued for deletion in the same transaction */
    if (member_collect(db, addr) < 0 || forget_collect_details(c, db, addr) < 0 ||
        forget_details_load(db, addr, &ds) < 0)
        goto fail;
    joined_day(db, addr, joined);
    /* the file transport's copies of automatic replies to them or naming them (a relay
     * names its responder), found by their outbox keys: before those rows change */
    char sentdir[4096];
    purge_sent_dir(c, sentdir, sizeof sentdir);
    long replies = purge_reply_files(db, sentdir,
                                     "SELECT key FROM outbox WHERE kind IN ('reply', 'announce')"
                                     " AND (has_addr(recipients, ?1) OR has_addr(raw, ?1))",
                                     addr);
    if (replies < 0)
        goto fail;
    if (delete_from_mailbox &&
        (queued = mailbox_queue(db, "SELECT id FROM temp.who_msgs", err, sizeof err)) < 0) {
        log_error("%s", err);
        goto fail;
    }
    if (erase_own(db, addr, counts) < 0 || redact_everywhere(db, addr) < 0 ||
        forget_run(db, "DROP TABLE temp.who_msgs", addr) < 0 ||
        forget_run(db, "DROP TABLE temp.who_details", addr) < 0)
        goto fail;
    if (db_commit(db, err, sizeof err) < 0) {
        log_error("%s", err);
        forget_details_free(&ds);
        return EX_TEMPFAIL;
    }
    if (purge_reclaim(db) < 0) {
        forget_details_free(&ds);
        return EX_TEMPFAIL;
    }
    files = forget_outputs(c, &ds, joined) + replies;
    printf("%s forgotten: %d messages, %d posts, %ld output files, %zu details%s\n", addr,
           counts[1], counts[0], files, ds.n, counts[2] ? "" : " (no member row)");
    forget_details_free(&ds);
    if (delete_from_mailbox) {
        log_info("%s: %ld messages queued for deletion from the mailbox", addr, queued);
        return mailbox_delete_pending(c, db, 0) < 0 ? EX_TEMPFAIL : 0;
    }
    return 0;
fail:
    db_rollback(db);
    forget_details_free(&ds);
    return EX_SOFTWARE;
}
