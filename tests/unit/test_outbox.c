/* test_outbox.c — send/outbox: queueing under a unique key with a stable Message-ID,
 * delivery through the file and sendmail transports (a stub sendmail that records its
 * arguments and input and exits with a chosen status), exactly once (a key sent is
 * never sent again unless --resend; 'sending' left by a killed run), retries and
 * their limit, digests too old to send. No SMTP server: t_smtp and t_connect_smtp
 * cover that transport. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "file.h"
#include "outbox.h"
#include "unit.h"
#include "unit_conf.h"

static char dir[] = "/tmp/doorstep-test-outbox.XXXXXX";
static char err[2048], path[700];
static struct outbox rc; /* as render fills its rc.outbox */

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    /* as render's main(): a sendmail that exits without reading must not kill us */
    signal(SIGPIPE, SIG_IGN);
    setenv("DOORSTEP_NOW", "2026-11-25T08:00:00", 1);
    ck_assert_int_eq(clock_setup("Europe/London", err, sizeof err), 0);
    memset(&rc, 0, sizeof rc);
}

static void
teardown(void)
{
    char cmd[700];

    outbox_end(&rc);
    db_close(rc.db);
    conf_free((conf *)rc.conf);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-outbox.XXXXXX");
    unsetenv("DOORSTEP_NOW");
}

/* A render context for [smtp] method METHOD: the file transport writes to DIR/sent,
 * the sendmail one runs DIR/sendmail, a stub that keeps its arguments in DIR/args and
 * its input in DIR/stdin (appended: one "--- message" line before each), and exits
 * with the status written in DIR/status (0 when there is none). */
static void
open_ctx(const char *method)
{
    char ini[2048], stub[700];
    static char outdir[700];
    FILE *f;

    snprintf(stub, sizeof stub, "%s/sendmail", dir);
    f = fopen(stub, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f,
            "#!/bin/sh\n"
            "d='%s'\n"
            "printf '%%s\\n' \"$@\" >\"$d/args\"\n"
            "echo '--- message' >>\"$d/stdin\"\n"
            "cat >>\"$d/stdin\"\n"
            /* a recipient named in fail-for fails (75), the others as status says */
            "f=$(cat \"$d/fail-for\" 2>/dev/null)\n"
            "case \" $* \" in *\" $f \"*) [ -n \"$f\" ] && exit 75 ;; esac\n"
            "exit $(cat \"$d/status\" 2>/dev/null || echo 0)\n",
            dir);
    fclose(f);
    ck_assert_int_eq(chmod(stub, 0755), 0);
    snprintf(ini, sizeof ini,
             "[group]\nname = Elm Park\naddress = help@elmpark.example.org\n"
             "timezone = Europe/London\n"
             "[database]\npath = %s/t.db\n"
             "[fetch]\nsource = mbox:x\n"
             "[smtp]\nmethod = %s\nsendmail = %s\ndir = %s/sent\n"
             "from = Elm Park Digest <digest@elmpark.example.org>\n",
             dir, method, stub, dir);
    rc.conf = unit_conf(ini);
    snprintf(path, sizeof path, "%s/t.db", dir);
    rc.db = db_open(path, err, sizeof err);
    ck_assert_msg(rc.db != NULL, "%s", err);
    rc.now = clock_now();
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    rc.outdir = outdir;
}

/* Queues a small message KEY of KIND for TO; returns *already_sent. */
static int
queue(const char *kind, const char *key, const char *to, const char *body)
{
    char msgid[256], raw[1024];
    int already = -1;
    int n;

    outbox_message_id(rc.conf, key, msgid, sizeof msgid);
    n = snprintf(raw, sizeof raw, "Message-ID: <%s>\r\nSubject: %s\r\n\r\n%s\r\n", msgid, key,
                 body);
    ck_assert_int_eq(outbox_queue(&rc, kind, key, msgid, to, raw, (size_t)n, &already, err,
                                  sizeof err),
                     0);
    ck_assert_int_ne(already, -1);
    return already;
}

static long
query_long(const char *sql, const char *arg)
{
    sqlite3_stmt *s = db_prepare(rc.db, sql, err, sizeof err);
    long v = -1;

    ck_assert_msg(s != NULL, "%s", err);
    if (arg)
        sqlite3_bind_text(s, 1, arg, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* column COL ("state", "last_error"...) of the outbox row KEY, into OUT */
static const char *
row(const char *col, const char *key, char *out, size_t len)
{
    char sql[256];
    sqlite3_stmt *s;

    snprintf(sql, sizeof sql, "SELECT coalesce(%s, '') FROM outbox WHERE key = ?1", col);
    s = db_prepare(rc.db, sql, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    ck_assert_msg(sqlite3_step(s) == SQLITE_ROW, "no outbox row %s", key);
    snprintf(out, len, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return out;
}

/* The contents of DIR/NAME ("" when missing), malloc'd. */
static char *
slurp(const char *name)
{
    char p[800], *data = NULL;
    size_t len;

    snprintf(p, sizeof p, "%s/%s", dir, name);
    if (access(p, F_OK) != 0)
        return strdup("");
    ck_assert_msg(file_read(p, 1 << 20, &data, &len, err, sizeof err) == 0, "%s", err);
    return data;
}

static int
exists(const char *name)
{
    char p[800];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, F_OK) == 0;
}

static void
set_status(const char *code)
{
    char p[800];
    snprintf(p, sizeof p, "%s/status", dir);
    ck_assert_int_eq(file_write_atomic(p, code, strlen(code), err, sizeof err), 0);
}

/* how many messages the stub sendmail was given */
static int
sendmail_runs(void)
{
    char *s = slurp("stdin");
    int n = 0;

    for (const char *p = s; (p = strstr(p, "--- message")); p++)
        n++;
    free(s);
    return n;
}

START_TEST(t_message_id_is_stable)
{
    char a[256], b[256], c[256];

    open_ctx("file");
    outbox_message_id(rc.conf, "digest:2026-11-25", a, sizeof a);
    outbox_message_id(rc.conf, "digest:2026-11-25", b, sizeof b);
    outbox_message_id(rc.conf, "digest:2026-11-26", c, sizeof c);
    ck_assert_str_eq(a, b);
    ck_assert_str_ne(a, c);
    /* the key readable in it, no ':' before the domain, the group's domain after */
    ck_assert_msg(strncmp(a, "doorstep.digest-2026-11-25.", 27) == 0, "%s", a);
    ck_assert_msg(strlen(a) == 27 + 16 + strlen("@elmpark.example.org"), "%s", a);
    ck_assert_msg(strcmp(strchr(a, '@'), "@elmpark.example.org") == 0, "%s", a);
}
END_TEST

/* the file transport: one private file per key, named after it; sent once */
START_TEST(t_file_sent_once)
{
    char buf[256], *eml;
    struct stat st;

    open_ctx("file");
    ck_assert_int_eq(queue("digest", "digest:2026-11-25", "all@example.org", "first"), 0);
    /* queued again before delivery: the fresh text replaces the old, one row */
    ck_assert_int_eq(queue("digest", "digest:2026-11-25", "all@example.org", "second"), 0);
    ck_assert_int_eq(query_long("SELECT count(*) FROM outbox", NULL), 1);
    ck_assert_str_eq(row("state", "digest:2026-11-25", buf, sizeof buf), "queued");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(row("state", "digest:2026-11-25", buf, sizeof buf), "sent");
    ck_assert_str_eq(row("attempts", "digest:2026-11-25", buf, sizeof buf), "1");
    ck_assert_int_eq(query_long("SELECT sent_at FROM outbox WHERE key = ?1", "digest:2026-11-25"),
                     (long)rc.now);
    eml = slurp("sent/digest-2026-11-25.eml");
    ck_assert_msg(strstr(eml, "\r\nsecond\r\n") && !strstr(eml, "first"), "%s", eml);
    free(eml);
    snprintf(buf, sizeof buf, "%s/sent/digest-2026-11-25.eml", dir);
    ck_assert_int_eq(stat(buf, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);

    /* sent: queueing it again changes nothing, delivering again sends nothing */
    ck_assert_int_eq(unlink(buf), 0);
    ck_assert_int_eq(queue("digest", "digest:2026-11-25", "all@example.org", "third"), 1);
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(exists("sent/digest-2026-11-25.eml"), 0);
    ck_assert_str_eq(row("attempts", "digest:2026-11-25", buf, sizeof buf), "1");
    ck_assert_int_eq(query_long("SELECT count(*) FROM outbox WHERE key = ?1 AND"
                                " instr(CAST(raw AS TEXT), 'second') > 0",
                                "digest:2026-11-25"),
                     1);

    /* --resend: queued again with the new text, and sent */
    rc.resend = 1;
    ck_assert_int_eq(queue("digest", "digest:2026-11-25", "all@example.org", "fourth"), 0);
    ck_assert_str_eq(row("state", "digest:2026-11-25", buf, sizeof buf), "queued");
    ck_assert_str_eq(row("attempts", "digest:2026-11-25", buf, sizeof buf), "0");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    eml = slurp("sent/digest-2026-11-25.eml");
    ck_assert_msg(strstr(eml, "fourth"), "%s", eml);
    free(eml);
}
END_TEST

/* sendmail: -oi -f with the bare sender, every recipient after --, LF line ends */
START_TEST(t_sendmail_arguments_and_input)
{
    char *args, *in, buf[256];

    open_ctx("sendmail");
    queue("relay", "relay:7:3", "jo@example.org, sam@example.net", "line one\r\n.line two");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    args = slurp("args");
    ck_assert_str_eq(args, "-oi\n-f\ndigest@elmpark.example.org\n--\njo@example.org\n"
                           "sam@example.net\n");
    in = slurp("stdin");
    ck_assert_msg(strstr(in, "\nSubject: relay:7:3\n\nline one\n.line two\n"), "%s", in);
    ck_assert_msg(!strchr(in, '\r'), "CR given to sendmail: %s", in);
    ck_assert_str_eq(row("state", "relay:7:3", buf, sizeof buf), "sent");
    free(args);
    free(in);
}
END_TEST

/* a message sent after one that failed in the same run does not carry its error */
START_TEST(t_error_not_carried)
{
    char buf[512], p[800];

    open_ctx("sendmail");
    snprintf(p, sizeof p, "%s/fail-for", dir);
    ck_assert_int_eq(file_write_atomic(p, "bad@example.org", 15, err, sizeof err), 0);
    queue("relay", "relay:8:1", "bad@example.org", "hello");
    queue("relay", "relay:8:2", "jo@example.org", "hello");
    ck_assert_int_eq(outbox_deliver(&rc, err, sizeof err), EX_TEMPFAIL);
    ck_assert_str_eq(row("state", "relay:8:1", buf, sizeof buf), "failed");
    ck_assert_msg(strstr(row("last_error", "relay:8:1", buf, sizeof buf), "status 75"), "%s",
                  buf);
    ck_assert_str_eq(row("state", "relay:8:2", buf, sizeof buf), "sent");
    ck_assert_str_eq(row("last_error", "relay:8:2", buf, sizeof buf), "");
}
END_TEST

/* a transport that fails: failed with its reason, tried again on the next run, and no
 * more after the tenth attempt */
START_TEST(t_sendmail_failure_retried)
{
    char buf[512];

    open_ctx("sendmail");
    set_status("75");
    queue("relay", "relay:1:1", "jo@example.org", "hello");
    ck_assert_int_eq(outbox_deliver(&rc, err, sizeof err), EX_TEMPFAIL);
    ck_assert_msg(strstr(err, "relay:1:1 not sent") && strstr(err, "status 75"), "%s", err);
    ck_assert_str_eq(row("state", "relay:1:1", buf, sizeof buf), "failed");
    ck_assert_str_eq(row("attempts", "relay:1:1", buf, sizeof buf), "1");
    ck_assert_msg(strstr(row("last_error", "relay:1:1", buf, sizeof buf), "exited with status 75"),
                  "%s", buf);
    ck_assert_int_eq(sendmail_runs(), 1);

    /* the next run: sent */
    set_status("0");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(row("state", "relay:1:1", buf, sizeof buf), "sent");
    ck_assert_str_eq(row("attempts", "relay:1:1", buf, sizeof buf), "2");
    ck_assert_int_eq(sendmail_runs(), 2);

    /* one that failed ten times is left for a person */
    set_status("1");
    queue("relay", "relay:2:2", "jo@example.org", "hello");
    ck_assert_int_eq(db_exec(rc.db, "UPDATE outbox SET attempts = 9 WHERE key = 'relay:2:2'", err,
                             sizeof err),
                     0);
    ck_assert_int_eq(outbox_deliver(&rc, err, sizeof err), EX_TEMPFAIL);
    ck_assert_str_eq(row("attempts", "relay:2:2", buf, sizeof buf), "10");
    ck_assert_int_eq(sendmail_runs(), 3);
    set_status("0");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(sendmail_runs(), 3);
    ck_assert_str_eq(row("state", "relay:2:2", buf, sizeof buf), "failed");
}
END_TEST

START_TEST(t_sendmail_missing)
{
    char buf[512], stub[800];

    open_ctx("sendmail");
    snprintf(stub, sizeof stub, "%s/sendmail", dir);
    ck_assert_int_eq(unlink(stub), 0);
    queue("relay", "relay:1:1", "jo@example.org", "hello");
    ck_assert_int_eq(outbox_deliver(&rc, err, sizeof err), EX_TEMPFAIL);
    ck_assert_msg(strstr(row("last_error", "relay:1:1", buf, sizeof buf), "cannot run"), "%s",
                  buf);
}
END_TEST

/* a run killed while handing a message over left it 'sending': sendmail (or a server)
 * may have taken it, so it is failed for a person to resend, not sent again */
START_TEST(t_interrupted_not_sent_twice)
{
    char buf[512];

    open_ctx("sendmail");
    queue("relay", "relay:1:1", "jo@example.org", "hello");
    ck_assert_int_eq(db_exec(rc.db, "UPDATE outbox SET state = 'sending'", err, sizeof err), 0);
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(sendmail_runs(), 0);
    ck_assert_str_eq(row("state", "relay:1:1", buf, sizeof buf), "failed");
    ck_assert_msg(strstr(row("last_error", "relay:1:1", buf, sizeof buf), "--resend"), "%s", buf);
    /* and stays so on the next run */
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(sendmail_runs(), 0);
    /* --resend queues it again */
    rc.resend = 1;
    queue("relay", "relay:1:1", "jo@example.org", "hello");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(sendmail_runs(), 1);
    ck_assert_str_eq(row("state", "relay:1:1", buf, sizeof buf), "sent");
}
END_TEST

/* with the file transport a second write is harmless: written again */
START_TEST(t_interrupted_file_written_again)
{
    char buf[64];

    open_ctx("file");
    queue("digest", "digest:2026-11-25", "all@example.org", "hello");
    ck_assert_int_eq(db_exec(rc.db, "UPDATE outbox SET state = 'sending'", err, sizeof err), 0);
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_int_eq(exists("sent/digest-2026-11-25.eml"), 1);
    ck_assert_str_eq(row("state", "digest:2026-11-25", buf, sizeof buf), "sent");
}
END_TEST

/* yesterday's digest still goes out; an older one is news no more; other kinds are
 * sent however old */
START_TEST(t_old_digests_not_sent)
{
    char buf[512];

    open_ctx("file");
    queue("digest", "digest:2026-11-24", "all@example.org", "yesterday");
    queue("digest", "digest:2026-11-23", "all@example.org", "two days ago");
    queue("coordinators", "coordinators:2026-11-20", "c@example.org", "last week");
    queue("relay", "relay:1:1", "jo@example.org", "a relay");
    ck_assert_int_eq(db_exec(rc.db, "UPDATE outbox SET created_at = created_at - 5 * 86400", err,
                             sizeof err),
                     0);
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(row("state", "digest:2026-11-24", buf, sizeof buf), "sent");
    ck_assert_str_eq(row("state", "relay:1:1", buf, sizeof buf), "sent");
    ck_assert_str_eq(row("state", "digest:2026-11-23", buf, sizeof buf), "failed");
    ck_assert_msg(strstr(row("last_error", "digest:2026-11-23", buf, sizeof buf), "a day old"),
                  "%s", buf);
    ck_assert_str_eq(row("state", "coordinators:2026-11-20", buf, sizeof buf), "failed");
    ck_assert_int_eq(exists("sent/digest-2026-11-23.eml"), 0);
    ck_assert_int_eq(exists("sent/relay-1-1.eml"), 1);
}
END_TEST

/* the messages are handed over in the order they were queued */
START_TEST(t_delivery_in_queue_order)
{
    char *in;

    open_ctx("sendmail");
    queue("relay", "relay:9:9", "a@example.org", "BODY-A");
    queue("relay", "relay:1:1", "b@example.org", "BODY-B");
    queue("relay", "ack:new:R-0001", "c@example.org", "BODY-C");
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    in = slurp("stdin");
    ck_assert_msg(strstr(in, "BODY-A") < strstr(in, "BODY-B") &&
                      strstr(in, "BODY-B") < strstr(in, "BODY-C") && strstr(in, "BODY-A"),
                  "%s", in);
    ck_assert_int_eq(sendmail_runs(), 3);
    free(in);
}
END_TEST

/* the file transport writes in batches (their fsyncs together): across batches every
 * message is written once and marked sent, and one whose file cannot be named is
 * failed, naming its path, while the others of its batch are sent */
START_TEST(t_file_batches)
{
    char key[64], body[64], buf[256], *eml;

    open_ctx("file");
    for (int i = 0; i < 150; i++) {
        snprintf(key, sizeof key, "relay:%d:%d", i, i);
        snprintf(body, sizeof body, "BODY-%d-END", i);
        ck_assert_int_eq(queue("relay", key, "a@example.org", body), 0);
    }
    snprintf(path, sizeof path, "%s/sent/relay-70-70.eml", dir);
    ck_assert_int_eq(file_mkdirs(path, 0700, err, sizeof err), 0); /* a folder: no file there */
    ck_assert_int_eq(outbox_deliver(&rc, err, sizeof err), EX_CANTCREAT);
    ck_assert_msg(strstr(err, "relay:70:70 not sent") && strstr(err, "relay-70-70.eml"), "%s", err);
    ck_assert_int_eq(query_long("SELECT count(*) FROM outbox WHERE state = 'sent'", NULL), 149);
    ck_assert_str_eq(row("state", "relay:70:70", buf, sizeof buf), "failed");
    ck_assert_str_eq(row("attempts", "relay:70:70", buf, sizeof buf), "1");
    for (int i = 0; i < 150; i++) {
        if (i == 70)
            continue;
        snprintf(key, sizeof key, "sent/relay-%d-%d.eml", i, i);
        snprintf(body, sizeof body, "\r\nBODY-%d-END\r\n", i);
        eml = slurp(key);
        ck_assert_msg(strstr(eml, body), "%s: %s", key, eml);
        free(eml);
    }
    snprintf(path, sizeof path, "test -z \"$(ls '%s/sent' | grep tmp)\"", dir);
    ck_assert_int_eq(system(path), 0);
    /* the folder gone, the next run writes it */
    snprintf(path, sizeof path, "%s/sent/relay-70-70.eml", dir);
    ck_assert_int_eq(rmdir(path), 0);
    ck_assert_msg(outbox_deliver(&rc, err, sizeof err) == 0, "%s", err);
    ck_assert_str_eq(row("state", "relay:70:70", buf, sizeof buf), "sent");
    ck_assert_int_eq(exists("sent/relay-70-70.eml"), 1);
}
END_TEST

static Suite *
outbox_suite(void)
{
    Suite *s = suite_create("outbox");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_message_id_is_stable);
    tcase_add_test(tc, t_file_sent_once);
    tcase_add_test(tc, t_sendmail_arguments_and_input);
    tcase_add_test(tc, t_sendmail_failure_retried);
    tcase_add_test(tc, t_error_not_carried);
    tcase_add_test(tc, t_sendmail_missing);
    tcase_add_test(tc, t_interrupted_not_sent_twice);
    tcase_add_test(tc, t_interrupted_file_written_again);
    tcase_add_test(tc, t_old_digests_not_sent);
    tcase_add_test(tc, t_delivery_in_queue_order);
    tcase_add_test(tc, t_file_batches);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(outbox_suite)
