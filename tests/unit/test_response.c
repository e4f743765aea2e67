/* test_response.c — recognising responses (process/response.c): a post's code in the
 * subject or the new words, a reply in a post's thread or to a relay, a reply to the
 * digest (by its Message-ID or its subject), and what is never one: a closing, a new
 * post mentioning another, automatic mail, mail doorstep sent. Each message is stored
 * in a fresh database and processed as doorstep-process does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "conf.h"
#include "db.h"
#include "proc.h"
#include "unit.h"

static conf *cfg;
static sqlite3 *db;
static char dir[] = "/tmp/doorstep-response.XXXXXX";
static long serial;

static void
setup(void)
{
    char path[512], err[1024];
    const char ini[] = "[group]\nname = Larch Street Helpers\naddress = help@larch.example.org\n"
                       "timezone = Europe/London\nmoderation = none\n"
                       "coordinators = coord@larch.example.org\n"
                       "[fetch]\nsource = mbox:x\n";
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/doorstep.ini", dir);
    ck_assert_ptr_nonnull(f = fopen(path, "w"));
    fputs(ini, f);
    fclose(f);
    setenv("DOORSTEP_NOW", "2026-12-08T09:00:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    cfg = conf_load(path, err, sizeof err);
    ck_assert_msg(cfg != NULL, "%s", err);
    snprintf(path, sizeof path, "%s/doorstep.db", dir);
    db = db_open(path, err, sizeof err);
    ck_assert_msg(db != NULL, "%s", err);
}

static void
teardown(void)
{
    char cmd[600];
    db_close(db);
    conf_free(cfg);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-response.XXXXXX");
}

static void
exec_ok(const char *sql)
{
    char err[512];
    ck_assert_msg(db_exec(db, sql, err, sizeof err) == 0, "%s", err);
}

/* Stores a message (FROM, SUBJECT, extra header lines HDRS, BODY) with Message-ID
 * <ID@test>, as new; returns its id. */
static long
put(const char *id, const char *from, const char *subject, const char *hdrs, const char *body)
{
    char raw[4096], mid[128], err[1024];
    sqlite3_stmt *s;

    snprintf(mid, sizeof mid, strchr(id, '@') ? "%s" : "%s@test", id);
    snprintf(raw, sizeof raw,
             "From: %s\r\nTo: help@larch.example.org\r\nSubject: %s\r\n"
             "Date: Tue, 08 Dec 2026 08:00:00 +0000\r\nMessage-ID: <%s>\r\n%s"
             "Content-Type: text/plain; charset=UTF-8\r\n\r\n%s\r\n",
             from, subject, mid, hdrs, body);
    ck_assert_ptr_nonnull(s = db_prepare(db,
                                         "INSERT INTO messages(source, message_id, sha256,"
                                         " fetched_at, size) VALUES ('test', ?1, ?2, 0, ?3)",
                                         err, sizeof err));
    sqlite3_bind_text(s, 1, mid, -1, SQLITE_STATIC);
    char sha[32];
    snprintf(sha, sizeof sha, "sha-%ld", ++serial);
    sqlite3_bind_text(s, 2, sha, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, (int)strlen(raw));
    ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    long rowid = (long)sqlite3_last_insert_rowid(db);
    ck_assert_ptr_nonnull(s = db_prepare(db, "INSERT INTO message_raw(message, raw) VALUES (?1, ?2)",
                                         err, sizeof err));
    sqlite3_bind_int64(s, 1, rowid);
    sqlite3_bind_blob(s, 2, raw, (int)strlen(raw), SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    return rowid;
}

/* Message ROWID's state and reason ("processed: response to R-0001, relayed"), static. */
static const char *
state_of(long rowid)
{
    static char out[700];
    char err[1024];
    sqlite3_stmt *s;

    ck_assert_ptr_nonnull(s = db_prepare(db, "SELECT state || ': ' || coalesce(reason, '')"
                                             " FROM messages WHERE id = ?1",
                                         err, sizeof err));
    sqlite3_bind_int64(s, 1, rowid);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    snprintf(out, sizeof out, "%s", sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

/* put, then everything new processed: the message's state_of. */
static const char *
deliver(const char *id, const char *from, const char *subject, const char *hdrs, const char *body)
{
    long rowid = put(id, from, subject, hdrs, body);
    struct proc_stats st;
    char err[1024];

    ck_assert_msg(proc_all(cfg, db, 100, &st, err, sizeof err) == 0, "%s", err);
    return state_of(rowid);
}

static long
count(const char *sql)
{
    char err[512];
    sqlite3_stmt *s = db_prepare(db, sql, err, sizeof err);
    long n;
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    n = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

#define RELAYED(ref) "processed: response to " ref ", relayed"

/* Bob's request R-0001 and Ann's offer O-0001, then the mail under test. */
static void
two_posts(void)
{
    ck_assert_str_eq(deliver("bob1", "Bob <bob@example.net>", "REQUEST: lift to the hospital",
                             "", "I need a lift on Thursday."),
                     "processed: request R-0001");
    ck_assert_str_eq(deliver("ann1", "Ann <ann@example.net>", "OFFER: spare pram", "",
                             "A spare pram, free."),
                     "processed: offer O-0001");
}

START_TEST(t_code_in_subject)
{
    two_posts();
    ck_assert_str_eq(deliver("t1", "Tom <tom@example.net>", "R-0001", "", "I can take Bob."),
                     RELAYED("R-0001"));
    ck_assert_str_eq(deliver("t2", "Tom <tom@example.net>", "Re: r-0001", "", "Or Friday."),
                     RELAYED("R-0001"));
    ck_assert_str_eq(deliver("t3", "Tom <tom@example.net>", "R-0001: I can help", "", "Yes."),
                     RELAYED("R-0001"));
    ck_assert_str_eq(deliver("t4", "Tom <tom@example.net>", "o-1 please", "", "I'd like it."),
                     RELAYED("O-0001"));
    /* an OFFER prefix answering a request's code is still an answer, not a new post */
    ck_assert_str_eq(deliver("t5", "Kay <kay@example.net>", "OFFER: R-0001 I can drive", "",
                             "Happy to."),
                     RELAYED("R-0001"));
    ck_assert_int_eq(count("SELECT count(*) FROM posts"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM replies WHERE kind = 'relay'"), 5);
    ck_assert_int_eq(count("SELECT count(*) FROM replies WHERE kind = 'confirm'"), 5);
    /* the code in the new words of a mail without a prefix */
    ck_assert_str_eq(deliver("t6", "Lee <lee@example.net>", "Pram", "",
                             "I saw O-0001 in the digest, is it still free?"),
                     RELAYED("O-0001"));
    /* Bob has had his acknowledgement and 4 relays today: the 6th answer goes to the
     * coordinators ([replies] per_address_per_day = 5) */
    ck_assert_str_eq(deliver("t7", "Max <max@example.net>", "R-0001", "", "Me too."),
                     "processed: response to R-0001, for the coordinators: too many automatic "
                     "messages to the poster today");
}
END_TEST

/* The same mail read in one run, two messages a batch: the senders and the poster's
 * automatic messages of the day are remembered from message to message and batch to
 * batch (process/addrmap.c), with the same outcomes as one run a message. */
START_TEST(t_one_run)
{
    static const char *const m[][4] = {
        {"bob1", "Bob <bob@example.net>", "REQUEST: lift to the hospital", "I need a lift."},
        {"ann1", "Ann <ann@example.net>", "OFFER: spare pram", "A spare pram, free."},
        {"t1", "Tom <tom@example.net>", "R-0001", "I can take Bob."},
        {"t2", "TOM <Tom@Example.net>", "Re: r-0001", "Or Friday."},
        {"t3", "Tom <tom@example.net>", "R-0001: I can help", "Yes."},
        {"t4", "Kay <kay@example.net>", "R-0001", "Me too."},
        {"t5", "Kay <kay@example.net>", "R-0001", "Or Saturday."},
        {"t6", "Max <max@example.net>", "R-0001", "Me as well."},
        {"t7", "Lee <lee@example.net>", "O-0001 please", "I'd like it."},
    };
    static const char *const want[] = {
        "processed: request R-0001",
        "processed: offer O-0001",
        RELAYED("R-0001"),
        RELAYED("R-0001"),
        RELAYED("R-0001"),
        RELAYED("R-0001"),
        /* Bob's acknowledgement and 4 relays: the day's 5 ([replies] per_address_per_day) */
        "processed: response to R-0001, for the coordinators: too many automatic messages to "
        "the poster today",
        "processed: response to R-0001, for the coordinators: too many automatic messages to "
        "the poster today",
        RELAYED("O-0001"),
    };
    long id[sizeof m / sizeof m[0]];
    struct proc_stats st;
    char err[1024];

    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        id[i] = put(m[i][0], m[i][1], m[i][2], "", m[i][3]);
    ck_assert_msg(proc_all(cfg, db, 2, &st, err, sizeof err) == 0, "%s", err);
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        ck_assert_str_eq(state_of(id[i]), want[i]);
    /* one member for Tom's three mails, however he wrote his address */
    ck_assert_int_eq(count("SELECT count(*) FROM members WHERE email = 'tom@example.net'"), 1);
    ck_assert_int_eq(count("SELECT count(*) FROM members"), 6);
    ck_assert_int_eq(count("SELECT count(*) FROM replies WHERE to_addr = 'bob@example.net'"
                           " AND state != 'suppressed'"),
                     5);
}
END_TEST

START_TEST(t_not_responses)
{
    two_posts();
    /* a closing word: a closing, by its author; a helper's "done" is an answer */
    ck_assert_str_eq(deliver("c1", "Tom <tom@example.net>", "DONE R-0001", "", "done"),
                     "processed: triage: a closing R-0001: not its author");
    ck_assert_str_eq(deliver("c2", "Ann <ann@example.net>", "O-0001 all gone, thanks", "", ""),
                     "processed: closing: O-0001 taken");
    /* the author writing about their own post */
    ck_assert_str_eq(deliver("c3", "Bob <bob@example.net>", "R-0001", "", "still needed"),
                     "ignored: a reply about R-0001 (their own post)");
    /* a new post that mentions another is a new post */
    ck_assert_str_eq(deliver("c4", "Sue <sue@example.net>", "REQUEST: lift to the dentist", "",
                             "Like R-0001, I need a lift, on Friday."),
                     "processed: request R-0002");
    /* automatic mail, even naming a code */
    ck_assert_str_eq(deliver("c5", "Bob <bob@example.net>", "Re: R-0001",
                             "Auto-Submitted: auto-replied\r\n", "I am away."),
                     "ignored: an automatic reply (Auto-Submitted)");
    ck_assert_str_eq(deliver("c6", "List <news@example.org>", "R-0001",
                             "List-Id: <news.example.org>\r\n", "news"),
                     "ignored: mail from a mailing list or newsletter (List-Id)");
    ck_assert_str_eq(deliver("c7", "Promo <promo@example.org>", "R-0001",
                             "Precedence: junk\r\n", "buy"),
                     "ignored: bulk or list mail (Precedence)");
    /* a code of no post: for the coordinators, never lost */
    ck_assert_str_eq(deliver("c8", "Tom <tom@example.net>", "R-0099", "", "I can help"),
                     "processed: R-0099 (no such post); it names no post that exists, for the "
                     "coordinators");
    /* a closing naming only codes of no post (a mistyped code): a closing, for the
     * coordinators' triage, not an answer to no post; nothing closed or relayed */
    ck_assert_str_eq(deliver("c10", "Ann <ann@example.net>", "O-0040 taken", "", ""),
                     "processed: triage: a closing O-0040 does not exist");
    ck_assert_str_eq(deliver("c11", "Ann <ann@example.net>", "Pram", "",
                             "O-0041 has gone now, thanks"),
                     "processed: triage: a closing O-0041 does not exist");
    ck_assert_str_eq(deliver("c12", "Ann <ann@example.net>", "TAKEN O-0042", "", ""),
                     "processed: triage: a closing O-0042 does not exist");
    ck_assert_int_eq(count("SELECT count(*) FROM triage WHERE post IS NULL AND reason LIKE"
                           " 'ann@example.net says O-004_ is taken, but no post has that code'"),
                     3);
    ck_assert_int_eq(count("SELECT count(*) FROM posts WHERE status = 'open'"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM responses WHERE post IS NULL"), 1);
    /* a closing of a post already closed (c2) closes nothing, quietly */
    ck_assert_str_eq(deliver("c13", "Ann <ann@example.net>", "TAKEN O-0001", "", ""),
                     "ignored: a closing that closes nothing: O-0001 was already taken");
    /* Auto-Submitted: no is a person */
    ck_assert_str_eq(deliver("c9", "Jo <jo@example.net>", "R-0001", "Auto-Submitted: no\r\n",
                             "I can drive"),
                     RELAYED("R-0001"));
    ck_assert_int_eq(count("SELECT count(*) FROM replies WHERE to_addr IN ('news@example.org',"
                           " 'promo@example.org')"),
                     0);
    /* its author naming it by code, saying without a closing word that it happened:
     * closed as their reply in its thread would close it */
    ck_assert_str_eq(deliver("c14", "Bob <bob@example.net>", "R-0001", "",
                             "My neighbour collected the shopping yesterday."),
                     "processed: closing: R-0001 done (a mail naming its code)");
}
END_TEST

START_TEST(t_threads)
{
    two_posts();
    /* a reply in the offer's thread by someone else: an answer */
    ck_assert_str_eq(deliver("r1", "Lee <lee@example.net>", "Re: OFFER: spare pram",
                             "In-Reply-To: <ann1@test>\r\n",
                             "I'd love it!\r\n\r\n> A spare pram, free."),
                     RELAYED("O-0001"));
    ck_assert_int_eq(count("SELECT count(*) FROM responses WHERE words LIKE '%spare pram%'"), 0);
    /* the author's own reply in the thread: not an answer; closing words close it */
    ck_assert_str_eq(deliver("r2", "Ann <ann@example.net>", "Re: OFFER: spare pram",
                             "In-Reply-To: <r1@test>\r\nReferences: <ann1@test> <r1@test>\r\n",
                             "It's gone now, thanks everyone"),
                     "processed: closing: O-0001 taken (a reply in its thread)");
    /* an answer after that: already sorted, nothing relayed */
    ck_assert_str_eq(deliver("r3", "Kay <kay@example.net>", "Re: OFFER: spare pram",
                             "In-Reply-To: <ann1@test>\r\n", "Can I have it?"),
                     "processed: response to O-0001, already taken (not relayed)");
    ck_assert_int_eq(count("SELECT count(*) FROM replies WHERE key LIKE 'relay:%'"), 1);
    /* a reply to a relay doorstep sent is in its post's thread */
    exec_ok("INSERT INTO outbox(kind, key, message_id, recipients, raw, created_at)"
            " VALUES ('reply', 'relay:9:1', 'doorstep.relay-9-1.abc@larch.example.org',"
            " 'bob@example.net', 'x', 0)");
    exec_ok("UPDATE replies SET key = 'relay:9:1' WHERE key LIKE 'relay:%'");
    exec_ok("UPDATE replies SET post = (SELECT id FROM posts WHERE ref = 'R-0001')"
            " WHERE key = 'relay:9:1'");
    ck_assert_str_eq(deliver("r4", "Zed <zed@example.net>", "Re: something else",
                             "In-Reply-To: <doorstep.relay-9-1.abc@larch.example.org>\r\n",
                             "I can help Bob too"),
                     RELAYED("R-0001"));
    /* mail doorstep sent coming back: never read */
    exec_ok("INSERT INTO outbox(kind, key, message_id, recipients, raw, created_at)"
            " VALUES ('reply', 'confirm:77', 'doorstep.confirm-77.abc@larch.example.org',"
            " 'x@example.net', 'x', 0)");
    ck_assert_str_eq(deliver("doorstep.confirm-77.abc@larch.example.org",
                             "Someone <s@example.net>", "R-0001", "", "hi"),
                     "ignored: a message doorstep sent (its own Message-ID)");
}
END_TEST

START_TEST(t_digest_replies)
{
    two_posts();
    exec_ok("INSERT INTO outbox(kind, key, message_id, recipients, raw, created_at)"
            " VALUES ('digest', 'digest:2026-12-07',"
            " 'doorstep.digest-2026-12-07.abc@larch.example.org', 'help@larch.example.org',"
            " 'x', 0)");
    /* by its subject: the codes of the new words count, the quoted digest's do not */
    ck_assert_str_eq(deliver("d1", "Kemi <kemi@example.net>",
                             "Re: Larch Street Helpers: 1 new requests, 1 new offers (2026-12-07)",
                             "",
                             "I can help with R-0001, I'll drive Bob\r\n\r\nOn Mon, Larch wrote:\r\n"
                             "> * O-0001 spare pram\r\n"),
                     RELAYED("R-0001"));
    ck_assert_int_eq(count("SELECT count(*) FROM posts"), 2);
    /* by In-Reply-To, whatever the subject */
    ck_assert_str_eq(deliver("d2", "Kemi <kemi@example.net>", "Re: your email", 
                             "In-Reply-To: <doorstep.digest-2026-12-07.abc@larch.example.org>\r\n",
                             "O-0001 please, for my sister"),
                     RELAYED("O-0001"));
    /* several codes: one response each */
    ck_assert_str_eq(deliver("d3", "Pat <pat@example.net>", "Re: Larch Street Helpers: digest",
                             "", "I can do R-0001 and would like O-0001."),
                     "processed: response to R-0001, relayed; O-0001, relayed");
    /* no code: for the coordinators, not a new post */
    ck_assert_str_eq(deliver("d4", "Pat <pat@example.net>",
                             "Re: Larch Street Helpers: 1 new requests, 1 new offers (2026-12-07)",
                             "", "I have a spare cot if anyone needs one."),
                     "processed: a reply to the digest naming no post, for the coordinators");
    ck_assert_int_eq(count("SELECT count(*) FROM posts"), 2);
    ck_assert_int_eq(count("SELECT count(*) FROM responses WHERE post IS NULL"), 1);
    /* a reply to the digest that closes one's own post */
    ck_assert_str_eq(deliver("d5", "Bob <bob@example.net>", "Re: Larch Street Helpers: digest",
                             "", "R-0001 is sorted now, thank you"),
                     "processed: closing: R-0001 done");
}
END_TEST

static Suite *
response_suite(void)
{
    Suite *s = suite_create("response");
    TCase *tc = tcase_create("recognise");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_code_in_subject);
    tcase_add_test(tc, t_one_run);
    tcase_add_test(tc, t_not_responses);
    tcase_add_test(tc, t_threads);
    tcase_add_test(tc, t_digest_replies);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(response_suite)
