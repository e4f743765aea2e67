/* smtp.c — SMTP submission with libetpan: TLS or STARTTLS, verified, then AUTH. */
#include "smtp.h"

#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "log.h"
#include "tls.h"

struct smtp {
    mailsmtp *s;
    const char *host;
    int port;
    char *err;
    size_t errlen;
};

/* The server's last reply, for messages: never our own input. */
static const char *
reply(const struct smtp *m)
{
    return m->s && m->s->response ? m->s->response : "";
}

static int
fail(struct smtp *m, int r, const char *what)
{
    int code = EX_PROTOCOL;

    switch (r) {
    case MAILSMTP_ERROR_STREAM:
    case MAILSMTP_ERROR_CONNECTION_REFUSED:
        snprintf(m->err, m->errlen, "%s:%d: %s: the connection was lost or refused", m->host,
                 m->port, what);
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

static int
open_verified(struct smtp *m, const conf *c)
{
    const char *security = conf_str(c, "smtp", "security");
    int r;

    if (strcmp(security, "tls") == 0)
        r = mailsmtp_ssl_connect_with_callback(m->s, m->host, (uint16_t)m->port,
                                               tls_connect_callback, (void *)m->host);
    else
        r = mailsmtp_socket_connect(m->s, m->host, (uint16_t)m->port);
    if (r != MAILSMTP_NO_ERROR) {
        if (r == MAILSMTP_ERROR_CONNECTION_REFUSED || r == MAILSMTP_ERROR_STREAM) {
            snprintf(m->err, m->errlen, "%s:%d: cannot connect (server down or unreachable?)",
                     m->host, m->port);
            return EX_TEMPFAIL;
        }
        return fail(m, r, "connect");
    }
    if ((r = hello(m)) != 0)
        return r;
    if (strcmp(security, "starttls") == 0) {
        if (!(m->s->esmtp & MAILSMTP_ESMTP_STARTTLS)) {
            snprintf(m->err, m->errlen,
                     "%s:%d: the server does not offer STARTTLS; refusing to send without TLS",
                     m->host, m->port);
            return EX_UNAVAILABLE;
        }
        r = mailsmtp_socket_starttls_with_callback(m->s, tls_connect_callback, (void *)m->host);
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

    *m = (struct smtp){.host = conf_str(c, "smtp", "host"), .err = err, .errlen = errlen};
    m->port = *port                             ? atoi(port)
              : strcmp(security, "tls") == 0   ? 465
              : strcmp(security, "none") == 0  ? 25
                                               : 587;
    if (!(m->s = mailsmtp_new(0, NULL))) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    mailsmtp_set_timeout(m->s, (time_t)conf_int(c, "smtp", "timeout"));
    if ((rc = open_verified(m, c)) != 0)
        return rc;
    return authenticate(m, c);
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
          char *rejected, size_t rejlen, char *err, size_t errlen)
{
    struct smtp m;
    size_t accepted = 0, rlen = 0;
    int rc, r;

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
    /* libetpan adds the dot-stuffing and CRLF "." CRLF itself: the message's own last
     * line end would otherwise arrive as an extra empty line */
    if (len >= 2 && raw[len - 2] == '\r' && raw[len - 1] == '\n')
        len -= 2;
    if ((r = mailsmtp_data_message(m.s, raw, len)) != MAILSMTP_NO_ERROR) {
        rc = fail(&m, r, "sending the message");
        goto done;
    }
    rc = 0;
    mailsmtp_quit(m.s);
done:
    if (m.s)
        mailsmtp_free(m.s);
    return rc;
}
