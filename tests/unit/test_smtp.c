/* test_smtp.c — render/smtp without a real server: the exit codes and errors of each
 * way a conversation can go wrong, the session (one connection for many messages, a
 * kept connection the server closed opened again once, a failed connection stopping
 * the session for the run), refused recipients, and a message whose reply was lost
 * after the final "." (maybe sent). The peer is a scripted fake on 127.0.0.1 in a
 * child process (security = none); TLS, AUTH and real servers are t_smtp's,
 * t_connect_smtp's and t_smtp_faults'. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "conf.h"
#include "file.h"
#include "smtp.h"
#include "unit.h"
#include "unit_conf.h"

enum peer {
    PEER_SMTP,          /* a plain server: refuses recipients whose address has "refuse" */
    PEER_NOT_SMTP,      /* answers with HTTP */
    PEER_BUSY,          /* greets with 421 */
    PEER_LOST_AT_DOT,   /* takes the message, then closes without a reply */
    PEER_LATER_AT_DOT,  /* takes the message, then 451 */
    PEER_CLOSE_AFTER_ONE, /* closes the connection after each message it took */
};

static char dir[] = "/tmp/doorstep-test-smtp.XXXXXX";
static char err[2048], transcript[700];
static int port;
static pid_t child;
static conf *cfg;

static void
setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(transcript, sizeof transcript, "%s/transcript", dir);
    signal(SIGPIPE, SIG_IGN);
    child = 0;
    cfg = NULL;
}

static void
teardown(void)
{
    char cmd[700];

    if (child > 0) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
    }
    conf_free(cfg);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    strcpy(dir, "/tmp/doorstep-test-smtp.XXXXXX");
}

/* A listening socket on 127.0.0.1 with a free port, in PORT. */
static int
listen_loopback(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

    ck_assert_int_ge(fd, 0);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(fd, 8), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
    port = ntohs(a.sin_port);
    return fd;
}

/* one line from FD (CRLF kept) into LINE; 0 at the end of the connection */
static int
read_line(int fd, char *line, size_t len)
{
    size_t n = 0;

    while (n + 1 < len) {
        ssize_t r = read(fd, line + n, 1);
        if (r <= 0)
            return 0;
        if (line[n++] == '\n')
            break;
    }
    line[n] = '\0';
    return 1;
}

static void
say(int fd, const char *s)
{
    if (write(fd, s, strlen(s)) < 0)
        _exit(2);
}

/* The fake server's side of one connection; everything it reads is appended to the
 * transcript. Returns 0 when the client said QUIT or went away. */
static void
converse(int c, enum peer how, FILE *log)
{
    char line[2048];

    if (how == PEER_NOT_SMTP) {
        say(c, "HTTP/1.0 400 Bad Request\r\n");
        return;
    }
    if (how == PEER_BUSY) {
        say(c, "421 4.3.2 too busy, come back later\r\n");
        return;
    }
    say(c, "220 fake.example.org ESMTP\r\n");
    while (read_line(c, line, sizeof line)) {
        fputs(line, log);
        fflush(log);
        if (strncmp(line, "EHLO", 4) == 0)
            say(c, "250-fake.example.org\r\n250 8BITMIME\r\n");
        else if (strncmp(line, "MAIL", 4) == 0 || strncmp(line, "RSET", 4) == 0)
            say(c, "250 2.1.0 ok\r\n");
        else if (strncmp(line, "RCPT", 4) == 0)
            say(c, strstr(line, "refuse") ? "550 5.1.1 no such user here\r\n" : "250 2.1.5 ok\r\n");
        else if (strncmp(line, "DATA", 4) == 0) {
            say(c, "354 go ahead\r\n");
            while (read_line(c, line, sizeof line) && strcmp(line, ".\r\n") != 0)
                fputs(line, log);
            fputs("<end of data>\n", log);
            fflush(log);
            if (how == PEER_LOST_AT_DOT)
                return;
            say(c, how == PEER_LATER_AT_DOT ? "451 4.3.0 try again later\r\n"
                                            : "250 2.0.0 queued as 1234\r\n");
            if (how == PEER_CLOSE_AFTER_ONE)
                return;
        } else if (strncmp(line, "QUIT", 4) == 0) {
            say(c, "221 bye\r\n");
            return;
        } else
            say(c, "500 5.5.1 what?\r\n");
    }
}

/* Starts the fake server HOW in a child, answering up to CONNECTIONS connections one
 * after the other, and loads a config that sends to it. */
static void
start_peer(enum peer how, int connections)
{
    char ini[1024];
    int fd = listen_loopback();

    child = fork();
    ck_assert_int_ge(child, 0);
    if (child == 0) {
        FILE *log = fopen(transcript, "a");
        alarm(20);
        for (int i = 0; i < connections && log; i++) {
            int c = accept(fd, NULL, NULL);
            if (c < 0)
                _exit(1);
            fprintf(log, "<connection %d>\n", i + 1);
            fflush(log);
            converse(c, how, log);
            close(c);
        }
        _exit(0);
    }
    close(fd);
    snprintf(ini, sizeof ini,
             "[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n"
             "[smtp]\nmethod = smtp\nhost = 127.0.0.1\nport = %d\nsecurity = none\ntimeout = 5\n",
             port);
    cfg = unit_conf(ini);
}

static char *
slurp_transcript(void)
{
    char *data = NULL;
    size_t len;

    if (access(transcript, F_OK) != 0)
        return strdup("");
    ck_assert_int_eq(file_read(transcript, 1 << 20, &data, &len, err, sizeof err), 0);
    return data;
}

static int
count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static const char msg[] = "From: g@example.org\r\nSubject: hi\r\n\r\nline one\r\n.a dot first\r\n";

static int
send_to(struct smtp_session *ss, char *const *rcpt, char *rejected, size_t rejlen,
        int *maybe_sent)
{
    if (ss)
        return smtp_session_send(ss, "g@example.org", rcpt, msg, sizeof msg - 1, rejected, rejlen,
                                 maybe_sent, err, sizeof err);
    return smtp_send(cfg, "g@example.org", rcpt, msg, sizeof msg - 1, rejected, rejlen,
                     maybe_sent, err, sizeof err);
}

START_TEST(t_sent_with_a_refused_recipient)
{
    char *rcpt[] = {"jo@example.org", "refuse-me@example.org", NULL};
    char rejected[512], *t;
    int maybe = -1;

    start_peer(PEER_SMTP, 1);
    ck_assert_msg(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe) == 0, "%s", err);
    ck_assert_int_eq(maybe, 0);
    ck_assert_msg(strstr(rejected, "refuse-me@example.org: ") && strstr(rejected, "no such user"),
                  "%s", rejected);
    ck_assert_msg(!strstr(rejected, "jo@"), "%s", rejected);
    waitpid(child, NULL, 0);
    child = 0;
    t = slurp_transcript();
    ck_assert_msg(strstr(t, "MAIL FROM:<g@example.org>") && strstr(t, "RCPT TO:<jo@example.org>"),
                  "%s", t);
    /* the message whole, its leading dot stuffed, no empty line added, then QUIT */
    ck_assert_msg(strstr(t, "DATA\r\nFrom: g@example.org\r\nSubject: hi\r\n\r\nline one\r\n"
                            "..a dot first\r\n<end of data>\nQUIT"),
                  "%s", t);
    free(t);
}
END_TEST

START_TEST(t_every_recipient_refused)
{
    char *rcpt[] = {"refuse-1@example.org", "refuse-2@example.org", NULL};
    char rejected[512];
    int maybe = -1;

    start_peer(PEER_SMTP, 1);
    ck_assert_int_eq(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe), EX_UNAVAILABLE);
    ck_assert_msg(strstr(err, "every recipient was refused") && strstr(err, "refuse-2@"), "%s",
                  err);
    ck_assert_int_eq(maybe, 0);
}
END_TEST

START_TEST(t_not_smtp)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512];
    int maybe = -1;

    start_peer(PEER_NOT_SMTP, 1);
    ck_assert_int_eq(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe), EX_PROTOCOL);
    ck_assert_msg(strstr(err, "not SMTP") && strstr(err, "HTTP/1.0 400"), "%s", err);
}
END_TEST

START_TEST(t_busy_is_temporary)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512], where[64];
    int maybe = -1;

    start_peer(PEER_BUSY, 1);
    ck_assert_int_eq(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe), EX_TEMPFAIL);
    snprintf(where, sizeof where, "127.0.0.1:%d", port);
    ck_assert_msg(strstr(err, where) && strstr(err, "too busy"), "%s", err);
}
END_TEST

/* the final "." left and no answer came: it may have arrived */
START_TEST(t_lost_after_the_dot_may_have_arrived)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512];
    int maybe = -1;

    start_peer(PEER_LOST_AT_DOT, 1);
    ck_assert_int_eq(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe), EX_TEMPFAIL);
    ck_assert_int_eq(maybe, 1);
    ck_assert_msg(strstr(err, "may have arrived") && strstr(err, "--resend"), "%s", err);
}
END_TEST

/* a 4xx after the message: not taken, so not "maybe sent" */
START_TEST(t_refused_after_the_dot)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512];
    int maybe = -1;

    start_peer(PEER_LATER_AT_DOT, 1);
    ck_assert_int_eq(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe), EX_TEMPFAIL);
    ck_assert_int_eq(maybe, 0);
    ck_assert_msg(strstr(err, "try again later"), "%s", err);
}
END_TEST

/* nobody listening: temporary, and the session stops: the next send in the run does
 * not try again (it would not connect to a server started meanwhile) */
START_TEST(t_unreachable_stops_the_session)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512], first[2048], why[2048];
    int maybe = -1, fd = listen_loopback(), r;
    struct smtp_session *ss;
    char ini[512];

    close(fd); /* a free port, nobody there */
    snprintf(ini, sizeof ini,
             "[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n"
             "[smtp]\nmethod = smtp\nhost = 127.0.0.1\nport = %d\nsecurity = none\ntimeout = 5\n",
             port);
    cfg = unit_conf(ini);
    ss = smtp_session_new(cfg);
    ck_assert_ptr_nonnull(ss);
    ck_assert_int_eq(smtp_session_stopped(ss, why, sizeof why), 0);
    ck_assert_int_eq(send_to(ss, rcpt, rejected, sizeof rejected, &maybe), EX_TEMPFAIL);
    ck_assert_msg(strstr(err, "cannot connect"), "%s", err);
    snprintf(first, sizeof first, "%s", err);
    ck_assert_int_eq(smtp_session_stopped(ss, why, sizeof why), EX_TEMPFAIL);
    ck_assert_str_eq(why, first);

    /* a server there now is not asked */
    {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        int one = 1;
        fd = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
        ck_assert_int_eq(listen(fd, 8), 0);
    }
    err[0] = '\0';
    r = send_to(ss, rcpt, rejected, sizeof rejected, &maybe);
    ck_assert_int_eq(r, EX_TEMPFAIL);
    ck_assert_str_eq(err, first);
    {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        ck_assert_int_eq(poll(&p, 1, 100), 0); /* no connection waiting */
    }
    close(fd);
    smtp_session_free(ss);
}
END_TEST

/* one connection, one EHLO, for two messages; QUIT at the end */
START_TEST(t_session_keeps_its_connection)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512], *t;
    int maybe = -1;
    struct smtp_session *ss;

    start_peer(PEER_SMTP, 1);
    ss = smtp_session_new(cfg);
    ck_assert_msg(send_to(ss, rcpt, rejected, sizeof rejected, &maybe) == 0, "%s", err);
    ck_assert_msg(send_to(ss, rcpt, rejected, sizeof rejected, &maybe) == 0, "%s", err);
    smtp_session_free(ss);
    waitpid(child, NULL, 0);
    child = 0;
    t = slurp_transcript();
    ck_assert_int_eq(count(t, "<connection"), 1);
    ck_assert_int_eq(count(t, "EHLO"), 1);
    ck_assert_int_eq(count(t, "<end of data>"), 2);
    ck_assert_int_eq(count(t, "QUIT"), 1);
    free(t);
}
END_TEST

/* the server closed the kept connection meanwhile: opened again, the message sent */
START_TEST(t_closed_connection_opened_again)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512], *t;
    int maybe = -1;
    struct smtp_session *ss;

    start_peer(PEER_CLOSE_AFTER_ONE, 2);
    ss = smtp_session_new(cfg);
    ck_assert_msg(send_to(ss, rcpt, rejected, sizeof rejected, &maybe) == 0, "%s", err);
    usleep(50 * 1000); /* let the close arrive */
    ck_assert_msg(send_to(ss, rcpt, rejected, sizeof rejected, &maybe) == 0, "%s", err);
    ck_assert_int_eq(smtp_session_stopped(ss, NULL, 0), 0);
    smtp_session_free(ss);
    waitpid(child, NULL, 0);
    child = 0;
    t = slurp_transcript();
    ck_assert_int_eq(count(t, "<connection"), 2);
    ck_assert_int_eq(count(t, "<end of data>"), 2);
    free(t);
}
END_TEST

/* a login without a password is a configuration error, found before connecting */
START_TEST(t_user_without_password)
{
    char *rcpt[] = {"jo@example.org", NULL};
    char rejected[512], *t;
    int maybe = -1;
    conf *plain;
    char ini[512];

    start_peer(PEER_SMTP, 1);
    plain = cfg;
    snprintf(ini, sizeof ini,
             "[group]\nname = G\naddress = g@example.org\n[fetch]\nsource = mbox:x\n"
             "[smtp]\nmethod = smtp\nhost = 127.0.0.1\nport = %d\nsecurity = none\ntimeout = 5\n"
             "user = g@example.org\n",
             port);
    cfg = unit_conf(ini);
    conf_free(plain);
    ck_assert_int_eq(send_to(NULL, rcpt, rejected, sizeof rejected, &maybe), EX_CONFIG);
    ck_assert_msg(strstr(err, "password"), "%s", err);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    child = 0;
    t = slurp_transcript();
    ck_assert_msg(!strstr(t, "MAIL"), "%s", t);
    free(t);
}
END_TEST

static Suite *
smtp_suite(void)
{
    Suite *s = suite_create("smtp");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_sent_with_a_refused_recipient);
    tcase_add_test(tc, t_every_recipient_refused);
    tcase_add_test(tc, t_not_smtp);
    tcase_add_test(tc, t_busy_is_temporary);
    tcase_add_test(tc, t_lost_after_the_dot_may_have_arrived);
    tcase_add_test(tc, t_refused_after_the_dot);
    tcase_add_test(tc, t_unreachable_stops_the_session);
    tcase_add_test(tc, t_session_keeps_its_connection);
    tcase_add_test(tc, t_closed_connection_opened_again);
    tcase_add_test(tc, t_user_without_password);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(smtp_suite)
