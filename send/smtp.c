/* smtp.c — SMTP submission with libetpan: TLS or STARTTLS, verified, then AUTH. */
#include "smtp.h"

#include <errno.h>
#include <fcntl.h>
#include <libetpan/libetpan.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "tls.h"

struct smtp {
    mailsmtp *s;
    const char *host;
    int port;
    int timeout;
    char *err;
    size_t errlen;
    char clean[160]; /* reply()'s */
};

/* The server's last reply, for messages: never our own input. Control characters
 * become '?' and it is cut short, since a broken server may send anything. */
static const char *
reply(struct smtp *m)
{
    const char *r = m->s && m->s->response ? m->s->response : "";
    size_t n = 0;

    for (; *r && n < sizeof m->clean - 4; r++)
        m->clean[n++] = *r == '\n'                              ? ' '
                        : (unsigned char)*r < 0x20 || *r == 0x7f ? '?'
                                                                 : *r;
    if (*r) {
        memcpy(m->clean + n, "...", 3);
        n += 3;
    }
    while (n && m->clean[n - 1] == ' ')
        n--;
    m->clean[n] = '\0';
    return m->clean;
}

/* Whether the last reply was cut short rather than answered: libetpan reports a reply
 * without a code (code 0) like a lost connection, and keeps only the text of the lines
 * it read. One line of text is an answer that is not SMTP; none (or a code cut short,
 * "25"), or several (a reply of many lines cut off), a cut. */
static int
reply_cut(struct smtp *m)
{
    const char *nl;

    if (!*reply(m))
        return 1;
    nl = strchr(m->s->response, '\n');
    return nl && nl[1];
}

static int
fail(struct smtp *m, int r, const char *what)
{
    int code = EX_PROTOCOL;

    if (r == MAILSMTP_ERROR_UNEXPECTED_CODE && m->s && m->s->response_code < 100)
        r = MAILSMTP_ERROR_STREAM;
    /* a 4xx reply libetpan did not expect is still temporary (a 421 greeting: too busy) */
    if (r == MAILSMTP_ERROR_UNEXPECTED_CODE && m->s && m->s->response_code / 100 == 4)
        code = EX_TEMPFAIL;
    switch (r) {
    case MAILSMTP_ERROR_STREAM:
    case MAILSMTP_ERROR_CONNECTION_REFUSED:
        if (!reply_cut(m)) {
            snprintf(m->err, m->errlen, "%s:%d: %s: the server's answer is not SMTP: %s",
                     m->host, m->port, what, reply(m));
            return EX_PROTOCOL;
        }
        snprintf(m->err, m->errlen,
                 "%s:%d: %s: the connection was cut, or the server did not answer within "
                 "%d s ([smtp] timeout)",
                 m->host, m->port, what, m->timeout);
        return EX_TEMPFAIL;
    case MAILSMTP_ERROR_SERVICE_NOT_AVAILABLE:
    case MAILSMTP_ERROR_IN_PROCESSING:
    case MAILSMTP_ERROR_INSUFFICIENT_SYSTEM_STORAGE:
    case MAILSMTP_ERROR_MAILBOX_UNAVAILABLE:
    case MAILSMTP_ERROR_AUTH_TEMPORARY_FAILTURE:
    case MAILSMTP_ERROR_STARTTLS_TEMPORARY_FAILURE:
        code = EX_TEMPFAIL;
        break;
    case MAILSMTP_ERROR_AUTH_LOGIN:
    case MAILSMTP_ERROR_AUTH_AUTHENTICATION_FAILED:
    case MAILSMTP_ERROR_AUTH_REQUIRED:
        code = EX_NOPERM;
        break;
    case MAILSMTP_ERROR_SSL:
    case MAILSMTP_ERROR_AUTH_NOT_SUPPORTED:
    case MAILSMTP_ERROR_AUTH_ENCRYPTION_REQUIRED:
        code = EX_UNAVAILABLE;
        break;
    default:
        break;
    }
    snprintf(m->err, m->errlen, "%s:%d: %s: %s%s%s", m->host, m->port, what,
             mailsmtp_strerror(r), *reply(m) ? ": " : "", reply(m));
    return code;
}

static int
hello(struct smtp *m)
{
    int r = mailesmtp_ehlo(m->s);

    if (r == MAILSMTP_ERROR_NOT_IMPLEMENTED)
        r = mailsmtp_helo(m->s);
    return r == MAILSMTP_NO_ERROR ? 0 : fail(m, r, "EHLO");
}

static double
now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Why the TLS handshake on FD (begun at T0) failed, which libetpan does not say: the
 * connection was cut (closed or reset: whatever was read before) or the server fell
 * silent (EX_TEMPFAIL), or it is still there, having answered something that is no
 * TLS we accept (EX_UNAVAILABLE). */
static int
handshake_failed(struct smtp *m, int fd, double t0, const char *step)
{
    struct pollfd p = {.fd = fd, .events = POLLRDHUP};

    if (poll(&p, 1, 0) != 0 || now_seconds() - t0 >= m->timeout) {
        snprintf(m->err, m->errlen,
                 "%s:%d: %s: the connection was cut, or the server did not answer within %d s "
                 "([smtp] timeout), during the TLS handshake",
                 m->host, m->port, step, m->timeout);
        return EX_TEMPFAIL;
    }
    snprintf(m->err, m->errlen,
             "%s:%d: %s: the TLS handshake failed (does the server speak TLS on this port?); "
             "refusing to go on without TLS",
             m->host, m->port, step);
    return EX_UNAVAILABLE;
}

/* How long a server may take to greet before we ask whether it wants TLS from the
 * start: a server of implicit TLS says nothing until the client's hello. */
#define GREETING_WAIT 5
/* How long a server of implicit TLS is given to show it speaks plain text instead: a
 * plain greeting comes at once, TLS servers say nothing (so every TLS connection waits
 * this long). */
#define PLAIN_WAIT_MS 1000

/* The wrong [smtp] security for this port, in words naming what to set. */
static int
wrong_mode(struct smtp *m, int want_tls)
{
    if (want_tls)
        snprintf(m->err, m->errlen,
                 "%s:%d wants TLS from the start (implicit TLS, usually port 465): set "
                 "[smtp] security = tls for this port, or use the port of STARTTLS (587)",
                 m->host, m->port);
    else
        snprintf(m->err, m->errlen,
                 "%s:%d answered in plain text, not TLS: it wants [smtp] security = "
                 "starttls (usually port 587), or use the port of implicit TLS (465)",
                 m->host, m->port);
    return EX_CONFIG;
}

/* Before a plain greeting is read (STARTTLS or none): a server that sends a TLS
 * record, or says nothing for GREETING_WAIT seconds and then completes a TLS
 * handshake on a second connection, wants security = tls. Returns 0 to go on
 * reading the greeting, or an exit code. */
static int
expect_plain(struct smtp *m, int fd)
{
    int wait = m->timeout < GREETING_WAIT ? m->timeout : GREETING_WAIT;
    double t0 = now_seconds();
    enum tls_hello h = tls_peek_hello(fd, wait * 1000);

    if (h == TLS_HELLO_TLS)
        return wrong_mode(m, 1);
    if (h != TLS_HELLO_NONE)
        return 0;
    if (tls_probe_implicit(m->host, m->port, wait))
        return wrong_mode(m, 1);
    /* only slow: wait for the greeting for the rest of [smtp] timeout */
    int left = (int)((m->timeout - (now_seconds() - t0)) * 1000);
    if (left > 0 && tls_peek_hello(fd, left) != TLS_HELLO_NONE)
        return 0;
    snprintf(m->err, m->errlen,
             "%s:%d: the greeting: the connection was cut, or the server did not answer "
             "within %d s ([smtp] timeout)",
             m->host, m->port, m->timeout);
    return EX_TEMPFAIL;
}

/* Connects and reads the greeting, over TLS from the start when TLS is set; each read
 * and the handshake wait at most [smtp] timeout. A server that wants the other mode
 * is told apart from one that is down or broken (wrong_mode). */
static int
connect_greeting(struct smtp *m, int tls)
{
    double t0 = now_seconds();
    mailstream *stream;
    int fd, r;

    if ((fd = tls_tcp_connect(m->host, m->port, m->timeout)) < 0) {
        snprintf(m->err, m->errlen, "%s:%d: cannot connect (server down or unreachable?)",
                 m->host, m->port);
        return EX_TEMPFAIL;
    }
    /* order is important: the server's first bytes are looked at before ours leave */
    if (tls && tls_peek_hello(fd, PLAIN_WAIT_MS) == TLS_HELLO_TEXT) {
        close(fd);
        return wrong_mode(m, 0);
    }
    if (!tls && (r = expect_plain(m, fd)) != 0) {
        close(fd);
        return r;
    }
    stream = tls ? mailstream_ssl_open_with_callback_timeout(fd, m->timeout, tls_connect_callback,
                                                             (void *)m->host)
                 : mailstream_socket_open_timeout(fd, m->timeout);
    if (!stream) {
        r = tls ? handshake_failed(m, fd, t0, "connect") : EX_OSERR;
        if (!tls)
            snprintf(m->err, m->errlen, "out of memory");
        close(fd);
        /* a plain greeting slower than PLAIN_WAIT_MS (the server may then have closed
         * on our hello, taken for a bad command): ask a second connection, unless the
         * server was silent all along */
        if (tls && now_seconds() - t0 < m->timeout) {
            int wait = m->timeout < GREETING_WAIT ? m->timeout : GREETING_WAIT;
            int fd2 = tls_tcp_connect(m->host, m->port, m->timeout);
            if (fd2 >= 0 && tls_peek_hello(fd2, wait * 1000) == TLS_HELLO_TEXT)
                r = wrong_mode(m, 0);
            if (fd2 >= 0)
                close(fd2);
        }
        return r;
    }
    /* (on failure, libetpan closes the stream and its socket) */
    if ((r = mailsmtp_connect(m->s, stream)) != MAILSMTP_NO_ERROR)
        return fail(m, r, "the greeting");
    return 0;
}

static int
open_verified(struct smtp *m, const conf *c)
{
    const char *security = conf_str(c, "smtp", "security");
    int r;

    if ((r = connect_greeting(m, strcmp(security, "tls") == 0)) != 0)
        return r;
    if ((r = hello(m)) != 0)
        return r;
    if (strcmp(security, "starttls") == 0) {
        if (!(m->s->esmtp & MAILSMTP_ESMTP_STARTTLS)) {
            snprintf(m->err, m->errlen,
                     "%s:%d: the server does not offer STARTTLS; refusing to send without TLS",
                     m->host, m->port);
            return EX_UNAVAILABLE;
        }
        double t0 = now_seconds();
        r = mailsmtp_socket_starttls_with_callback(m->s, tls_connect_callback, (void *)m->host);
        if (r == MAILSMTP_ERROR_SSL)
            return handshake_failed(m, mailstream_low_get_fd(mailstream_get_low(m->s->stream)),
                                    t0, "STARTTLS");
        if (r == MAILSMTP_ERROR_STREAM || r == MAILSMTP_ERROR_STARTTLS_TEMPORARY_FAILURE)
            return fail(m, r, "STARTTLS");
        if (r != MAILSMTP_NO_ERROR) {
            snprintf(m->err, m->errlen, "%s:%d: STARTTLS failed; refusing to go on without TLS",
                     m->host, m->port);
            return EX_UNAVAILABLE;
        }
        /* what the server offered before TLS cannot be trusted */
        if ((r = hello(m)) != 0)
            return r;
    }
    if (strcmp(security, "none") != 0 &&
        tls_verify(m->s->stream, m->host, conf_str(c, "smtp", "ca_file"), m->err, m->errlen) < 0)
        return EX_UNAVAILABLE;
    if (strcmp(security, "none") == 0 && !tls_is_loopback(m->host))
        log_warn("%s: [smtp] security = none: the password and the digest cross the network "
                 "unencrypted",
                 m->host);
    return 0;
}

static int
authenticate(struct smtp *m, const conf *c)
{
    const char *user = conf_str(c, "smtp", "user");
    char *secret;
    int r, type;

    if (!*user)
        return 0;
    if (!(secret = conf_password(c, "smtp", m->err, m->errlen)))
        return EX_CONFIG;
    type = (m->s->auth & MAILSMTP_AUTH_PLAIN) ? MAILSMTP_AUTH_PLAIN
           : (m->s->auth & MAILSMTP_AUTH_LOGIN) ? MAILSMTP_AUTH_LOGIN
                                                 : 0;
    if (!type) {
        explicit_bzero(secret, strlen(secret));
        free(secret);
        snprintf(m->err, m->errlen, "%s:%d: the server offers neither AUTH PLAIN nor LOGIN",
                 m->host, m->port);
        return EX_UNAVAILABLE;
    }
    r = mailsmtp_auth_type(m->s, user, secret, type);
    explicit_bzero(secret, strlen(secret));
    free(secret);
    /* libetpan takes an answer without a code for a success */
    if (r == MAILSMTP_NO_ERROR && m->s->response_code / 100 != 2)
        r = MAILSMTP_ERROR_STREAM;
    if (r == MAILSMTP_NO_ERROR)
        return 0;
    r = fail(m, r, "AUTH");
    if (r == EX_NOPERM || r == EX_PROTOCOL) {
        char source[320];
        conf_password_source(c, "smtp", source, sizeof source);
        snprintf(m->err, m->errlen, "%s:%d: login as %s refused: check the password (%s)%s%s",
                 m->host, m->port, user, source, *reply(m) ? "; the server said: " : "",
                 reply(m));
    }
    return r == EX_PROTOCOL ? EX_NOPERM : r;
}

/* Connects to [smtp] host with TLS verified and logs in (when [smtp] user is set).
 * Returns 0 or an exit code; M->s is to be freed either way. */
static int
smtp_open(struct smtp *m, const conf *c, char *err, size_t errlen)
{
    const char *port = conf_str(c, "smtp", "port");
    const char *security = conf_str(c, "smtp", "security");
    int rc;

    *m = (struct smtp){.host = conf_str(c, "smtp", "host"),
                       .timeout = (int)conf_int(c, "smtp", "timeout"),
                       .err = err,
                       .errlen = errlen};
    m->port = *port                             ? atoi(port)
              : strcmp(security, "tls") == 0   ? 465
              : strcmp(security, "none") == 0  ? 25
                                               : 587;
    if (!(m->s = mailsmtp_new(0, NULL))) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    mailsmtp_set_timeout(m->s, (time_t)m->timeout);
    if ((rc = open_verified(m, c)) != 0)
        return rc;
    return authenticate(m, c);
}

/* Reads a reply as libetpan does ("250-" lines go on, "250 " ends it) into the
 * session's response. Returns its code, or 0 when the connection ended, the time ran
 * out, or the reply has no code. */
static int
read_reply(mailsmtp *s)
{
    char *line, *rest;
    int code = 0, lines = 0;

    mmap_string_assign(s->response_buffer, "");
    /* (a server that never ends its reply is not listened to for ever) */
    while (lines++ < 100 && (line = mailstream_read_line_remove_eol(s->stream, s->line_buffer))) {
        long n = strtol(line, &rest, 10);
        mmap_string_append(s->response_buffer, *rest == ' ' || *rest == '-' ? rest + 1 : rest);
        mmap_string_append_c(s->response_buffer, '\n');
        if (*rest != '-') {
            code = rest - line == 3 && n >= 100 && n <= 599 ? (int)n : 0;
            break;
        }
    }
    s->response = s->response_buffer->str;
    s->response_code = code;
    return code;
}

/* Sends the message after DATA and reads the server's verdict. libetpan's
 * mailsmtp_data_message does both but cannot tell a message that never left from one
 * whose reply was lost; here, once the final "." has left, the server may have taken
 * the message, and a failure sets *MAYBE_SENT. */
static int
send_message(struct smtp *m, const char *raw, size_t len, int *maybe_sent)
{
    int code;

    /* libetpan adds the dot-stuffing and CRLF "." CRLF itself: the message's own last
     * line end would otherwise arrive as an extra empty line */
    if (len >= 2 && raw[len - 2] == '\r' && raw[len - 1] == '\n')
        len -= 2;
    if (mailstream_send_data(m->s->stream, raw, len, 0, NULL) < 0 ||
        mailstream_flush(m->s->stream) < 0) {
        mmap_string_assign(m->s->response_buffer, "");
        m->s->response = m->s->response_buffer->str;
        return fail(m, MAILSMTP_ERROR_STREAM, "sending the message");
    }
    /* order is important: from here on a failure may hide a message that arrived */
    code = read_reply(m->s);
    if (code / 100 == 2)
        return 0;
    if (code / 100 == 4 || code / 100 == 5)
        return fail(m, code == 552   ? MAILSMTP_ERROR_EXCEED_STORAGE_ALLOCATION
                       : code == 554 ? MAILSMTP_ERROR_TRANSACTION_FAILED
                       : code == 452 ? MAILSMTP_ERROR_INSUFFICIENT_SYSTEM_STORAGE
                       : code / 100 == 4 ? MAILSMTP_ERROR_IN_PROCESSING
                                         : MAILSMTP_ERROR_UNEXPECTED_CODE,
                    "the end of the message");
    *maybe_sent = 1;
    snprintf(m->err, m->errlen,
             "%s:%d: the whole message had left, but %s: it may have arrived, so it is not "
             "sent again by itself (doorstep-render --resend sends it)",
             m->host, m->port,
             reply_cut(m) ? "the connection was cut, or the server did not answer in time, "
                            "before it confirmed it"
                          : "the server's answer is not SMTP");
    return EX_TEMPFAIL;
}

/* One run's connection to [smtp] host: opened at the first message, kept for the
 * next ones, and stopped for the rest of the run by a failure to open it. */
struct smtp_session {
    const conf *c;
    struct smtp m;   /* m.s is NULL while not connected */
    long sent;       /* messages sent over the current connection */
    int stopped;     /* the exit code that stopped the session, or 0 */
    char why[1024];  /* and its error */
};

struct smtp_session *
smtp_session_new(const conf *c)
{
    struct smtp_session *ss = calloc(1, sizeof *ss);

    if (ss)
        ss->c = c;
    return ss;
}

/* Drops the connection, saying QUIT when it is still in step with the server. */
static void
disconnect(struct smtp_session *ss, int polite)
{
    if (!ss->m.s)
        return;
    if (polite)
        mailsmtp_quit(ss->m.s);
    mailsmtp_free(ss->m.s);
    ss->m.s = NULL;
    ss->sent = 0;
}

/* Connects and logs in when not connected; a failure stops the session. */
static int
session_connect(struct smtp_session *ss, char *err, size_t errlen)
{
    int rc;

    if (ss->m.s)
        return 0;
    if ((rc = smtp_open(&ss->m, ss->c, err, errlen)) != 0) {
        disconnect(ss, 0);
        ss->stopped = rc;
        snprintf(ss->why, sizeof ss->why, "%s", err);
    }
    return rc;
}

int
smtp_session_stopped(const struct smtp_session *ss, char *err, size_t errlen)
{
    if (ss->stopped && errlen)
        snprintf(err, errlen, "%s", ss->why);
    return ss->stopped;
}

void
smtp_session_free(struct smtp_session *ss)
{
    if (!ss)
        return;
    disconnect(ss, 1);
    free(ss);
}

int
smtp_check(const conf *c, char *err, size_t errlen)
{
    struct smtp m;
    int rc = smtp_open(&m, c, err, errlen);

    if (rc == 0)
        mailsmtp_quit(m.s);
    if (m.s)
        mailsmtp_free(m.s);
    return rc;
}

int
smtp_session_send(struct smtp_session *ss, const char *from, char *const *recipients,
                  const char *raw, size_t len, char *rejected, size_t rejlen, int *maybe_sent,
                  char *err, size_t errlen)
{
    struct smtp *m = &ss->m;
    size_t accepted = 0, rlen = 0;
    int rc, r;

    *maybe_sent = 0;
    if (rejlen)
        rejected[0] = '\0';
    if (ss->stopped)
        return smtp_session_stopped(ss, err, errlen);
    /* a connection kept from the last message may have been closed by the server
     * meanwhile (or it allows so many messages a connection: 421): nothing of this
     * message has left, so it is tried once more on a new one */
    for (int again = 1;; again = 0) {
        if ((rc = session_connect(ss, err, errlen)) != 0)
            return rc;
        m->err = err;
        m->errlen = errlen;
        if ((r = mailsmtp_mail(m->s, from)) == MAILSMTP_NO_ERROR)
            break;
        if (again && ss->sent > 0 &&
            (r == MAILSMTP_ERROR_STREAM || m->s->response_code == 421)) {
            disconnect(ss, 0);
            continue;
        }
        rc = fail(m, r, "MAIL FROM");
        goto failed;
    }
    for (char *const *to = recipients; *to; to++) {
        if ((r = mailsmtp_rcpt(m->s, *to)) == MAILSMTP_NO_ERROR) {
            accepted++;
            continue;
        }
        if (r == MAILSMTP_ERROR_STREAM) {
            rc = fail(m, r, "RCPT TO");
            goto failed;
        }
        int n = snprintf(rejected + rlen, rlen < rejlen ? rejlen - rlen : 0, "%s%s: %s",
                         rlen ? "; " : "", *to, *reply(m) ? reply(m) : mailsmtp_strerror(r));
        if (n > 0)
            rlen += (size_t)n;
        log_warn("%s:%d: recipient %s refused: %s", m->host, m->port, *to, reply(m));
    }
    if (accepted == 0) {
        snprintf(err, errlen, "%s:%d: every recipient was refused (%s)", m->host, m->port,
                 rejlen ? rejected : "");
        /* the session is still in step: RSET ends the transaction for the next one */
        if (mailsmtp_reset(m->s) == MAILSMTP_NO_ERROR)
            return EX_UNAVAILABLE;
        disconnect(ss, 0);
        return EX_UNAVAILABLE;
    }
    if ((r = mailsmtp_data(m->s)) != MAILSMTP_NO_ERROR) {
        rc = fail(m, r, "DATA");
        goto failed;
    }
    if ((rc = send_message(m, raw, len, maybe_sent)) == 0) {
        ss->sent++;
        return 0;
    }
failed:
    /* whatever the failure left of the conversation, the next message starts afresh */
    disconnect(ss, 0);
    return rc;
}

int
smtp_send(const conf *c, const char *from, char *const *recipients, const char *raw, size_t len,
          char *rejected, size_t rejlen, int *maybe_sent, char *err, size_t errlen)
{
    struct smtp_session *ss = smtp_session_new(c);
    int rc;

    if (!ss) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    rc = smtp_session_send(ss, from, recipients, raw, len, rejected, rejlen, maybe_sent, err,
                           errlen);
    smtp_session_free(ss);
    return rc;
}
