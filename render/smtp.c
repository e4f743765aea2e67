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

/* A TCP connection to the server within [smtp] timeout: libetpan 1.9.4 connects for
 * implicit TLS with no timeout at all. Returns a blocking socket, or -1. */
static int
tcp_connect(const struct smtp *m)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res, *ai;
    char service[16];
    int fd = -1;

    snprintf(service, sizeof service, "%d", m->port);
    if (getaddrinfo(m->host, service, &hints, &res) != 0)
        return -1;
    for (ai = res; ai; ai = ai->ai_next) {
        struct pollfd p = {.events = POLLOUT};
        int soerr = 0;
        socklen_t solen = sizeof soerr;

        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    ai->ai_protocol);
        if (fd < 0)
            continue;
        p.fd = fd;
        if ((connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
             (errno == EINPROGRESS && poll(&p, 1, m->timeout * 1000) == 1 &&
              getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &solen) == 0 && soerr == 0)) &&
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
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

/* Connects and reads the greeting, over TLS from the start when TLS is set; each read
 * and the handshake wait at most [smtp] timeout. */
static int
connect_greeting(struct smtp *m, int tls)
{
    double t0 = now_seconds();
    mailstream *stream;
    int fd, r;

    if ((fd = tcp_connect(m)) < 0) {
        snprintf(m->err, m->errlen, "%s:%d: cannot connect (server down or unreachable?)",
                 m->host, m->port);
        return EX_TEMPFAIL;
    }
    stream = tls ? mailstream_ssl_open_with_callback_timeout(fd, m->timeout, tls_connect_callback,
                                                             (void *)m->host)
                 : mailstream_socket_open_timeout(fd, m->timeout);
    if (!stream) {
        r = tls ? handshake_failed(m, fd, t0, "connect") : EX_OSERR;
        if (!tls)
            snprintf(m->err, m->errlen, "out of memory");
        close(fd);
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
    if (r == EX_NOPERM || r == EX_PROTOCOL)
        snprintf(m->err, m->errlen, "%s:%d: login as %s refused%s%s", m->host, m->port, user,
                 *reply(m) ? ": " : "", reply(m));
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
smtp_send(const conf *c, const char *from, char *const *recipients, const char *raw, size_t len,
          char *rejected, size_t rejlen, int *maybe_sent, char *err, size_t errlen)
{
    struct smtp m;
    size_t accepted = 0, rlen = 0;
    int rc, r;

    *maybe_sent = 0;
    if (rejlen)
        rejected[0] = '\0';
    if ((rc = smtp_open(&m, c, err, errlen)) != 0)
        goto done;
    if ((r = mailsmtp_mail(m.s, from)) != MAILSMTP_NO_ERROR) {
        rc = fail(&m, r, "MAIL FROM");
        goto done;
    }
    for (char *const *to = recipients; *to; to++) {
        if ((r = mailsmtp_rcpt(m.s, *to)) == MAILSMTP_NO_ERROR) {
            accepted++;
            continue;
        }
        if (r == MAILSMTP_ERROR_STREAM) {
            rc = fail(&m, r, "RCPT TO");
            goto done;
        }
        int n = snprintf(rejected + rlen, rlen < rejlen ? rejlen - rlen : 0, "%s%s: %s",
                         rlen ? "; " : "", *to, *reply(&m) ? reply(&m) : mailsmtp_strerror(r));
        if (n > 0)
            rlen += (size_t)n;
        log_warn("%s:%d: recipient %s refused: %s", m.host, m.port, *to, reply(&m));
    }
    if (accepted == 0) {
        snprintf(err, errlen, "%s:%d: every recipient was refused (%s)", m.host, m.port,
                 rejlen ? rejected : "");
        rc = EX_UNAVAILABLE;
        goto done;
    }
    if ((r = mailsmtp_data(m.s)) != MAILSMTP_NO_ERROR) {
        rc = fail(&m, r, "DATA");
        goto done;
    }
    if ((rc = send_message(&m, raw, len, maybe_sent)) == 0)
        mailsmtp_quit(m.s);
done:
    if (m.s)
        mailsmtp_free(m.s);
    return rc;
}
