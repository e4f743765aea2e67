/* imap_session.c — the IMAP session fetch/imap.c works in: connecting (TLS verified
 * before login, STARTTLS or implicit TLS as the server does it), logging in, selecting
 * the mailbox, and saying what went wrong. */
#include <errno.h>
#include <libetpan/libetpan.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "conf.h"
#include "log.h"
#include "mailbox.h"
#include "sources.h"
#include "tls.h"
#include "imap_session.h"
#include "utf7.h"

/* Maps a libetpan result to an exit code and a message naming host and WHAT. */
int
imap_session_fail(struct session *s, int r, const char *what)
{
    const char *resp = s->imap && s->imap->imap_response ? s->imap->imap_response : "";

    switch (r) {
    case MAILIMAP_ERROR_STREAM:
    case MAILIMAP_ERROR_CONNECTION_REFUSED:
        snprintf(s->err, s->errlen, "%s:%d: %s: the connection was lost or refused", s->host,
                 s->port, what);
        return EX_TEMPFAIL;
    case MAILIMAP_ERROR_SSL:
        snprintf(s->err, s->errlen, "%s:%d: %s: the TLS handshake failed", s->host, s->port,
                 what);
        return EX_UNAVAILABLE;
    case MAILIMAP_ERROR_PARSE:
        snprintf(s->err, s->errlen, "%s:%d: %s: the server's answer cannot be read", s->host,
                 s->port, what);
        return EX_PROTOCOL;
    case MAILIMAP_ERROR_MEMORY:
        snprintf(s->err, s->errlen, "%s: out of memory", what);
        return EX_OSERR;
    default:
        snprintf(s->err, s->errlen, "%s:%d: %s failed%s%s", s->host, s->port, what,
                 *resp ? ": " : "", resp);
        return EX_PROTOCOL;
    }
}

/* Debian's libetpan 1.9.4 reads an IMAP literal until read() returns -1, so a plain
 * connection that ends inside a message (read() returning 0) spins for ever (fixed
 * upstream in 68de795, "Handle EOF while reading IMAP literals"). Plain sockets are
 * therefore read through this wrapper, which reports the end of the stream as an
 * error. TLS streams already do. */
static mailstream_low_driver eof_driver;
static ssize_t (*plain_read)(mailstream_low *, void *, size_t);

static ssize_t
read_eof_is_error(mailstream_low *low, void *buf, size_t len)
{
    ssize_t r = plain_read(low, buf, len);
    return r == 0 ? -1 : r;
}

static void
guard_eof(mailstream *stream)
{
    mailstream_low *low = stream ? mailstream_get_low(stream) : NULL;

    if (!low || low->driver == &eof_driver)
        return;
    plain_read = low->driver->mailstream_read;
    eof_driver = *low->driver;
    eof_driver.mailstream_read = read_eof_is_error;
    low->driver = &eof_driver;
}

/* What a failed connect means to the person reading the message. */
static int
connect_failed(struct session *s, int r, const char *step)
{
    if (r == MAILIMAP_ERROR_CONNECTION_REFUSED)
        snprintf(s->err, s->errlen, "%s:%d: cannot connect (server down or unreachable?)",
                 s->host, s->port);
    else if (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE)
        snprintf(s->err, s->errlen,
                 "%s:%d: the connection was cut, or the server did not answer in time, "
                 "during %s",
                 s->host, s->port, step);
    else if (r == MAILIMAP_ERROR_SSL)
        snprintf(s->err, s->errlen, "%s:%d: the TLS handshake failed during %s", s->host,
                 s->port, step);
    else
        return imap_session_fail(s, r, step);
    /* a cut or a silent server may be gone tomorrow; a failed handshake with a server
     * that answers is a configuration matter */
    return r == MAILIMAP_ERROR_SSL ? EX_UNAVAILABLE : EX_TEMPFAIL;
}

/* How long a server may take to greet before we ask whether it wants TLS from the
 * start (a server of implicit TLS says nothing until the client's hello), and how long
 * a server on a port of implicit TLS is given to show it speaks plain text instead
 * (every TLS connection waits that long). */
#define GREETING_WAIT 5
#define PLAIN_WAIT_MS 1000

/* The wrong [imap] security for this port, in words naming what to set. */
static int
wrong_mode(struct session *s, int want_tls)
{
    if (want_tls)
        snprintf(s->err, s->errlen,
                 "%s:%d wants TLS from the start (implicit TLS, usually port 993): set "
                 "[imap] security = tls for this port, or use the port of STARTTLS (143)",
                 s->host, s->port);
    else
        snprintf(s->err, s->errlen,
                 "%s:%d answered in plain text, not TLS: it wants [imap] security = "
                 "starttls (usually port 143), or use the port of implicit TLS (993)",
                 s->host, s->port);
    return EX_CONFIG;
}

/* A connection to the server, over TLS from the start when TLS is set, its greeting
 * not read yet, in *STREAM. The server's first bytes are looked at before ours leave,
 * so that a port of the other mode is told apart from a server down or broken. */
static int
open_stream(struct session *s, int tls, mailstream **stream)
{
    int timeout = (int)conf_int(s->c, "imap", "timeout");
    int wait = timeout < GREETING_WAIT ? timeout : GREETING_WAIT;
    int fd = tls_tcp_connect(s->host, s->port, timeout);
    enum tls_hello h;

    *stream = NULL;
    if (fd < 0)
        return connect_failed(s, MAILIMAP_ERROR_CONNECTION_REFUSED, "connect");
    if (tls) {
        if (tls_peek_hello(fd, PLAIN_WAIT_MS) == TLS_HELLO_TEXT) {
            close(fd);
            return wrong_mode(s, 0);
        }
        time_t t0 = time(NULL);
        *stream = mailstream_ssl_open_with_callback_timeout(fd, timeout, tls_connect_callback,
                                                            (void *)s->host);
        if (*stream)
            return 0;
        /* cut, or silent: maybe gone tomorrow; still there, having answered something
         * that is no TLS: a configuration matter */
        struct pollfd p = {.fd = fd, .events = POLLRDHUP};
        int silent = time(NULL) - t0 >= timeout, cut = silent || poll(&p, 1, 0) != 0;
        close(fd);
        /* a plain greeting slower than PLAIN_WAIT_MS (the server may then have closed
         * on our hello): ask a second connection, unless it was silent all along */
        if (!silent) {
            fd = tls_tcp_connect(s->host, s->port, timeout);
            h = fd >= 0 ? tls_peek_hello(fd, wait * 1000) : TLS_HELLO_CLOSED;
            if (fd >= 0)
                close(fd);
            if (h == TLS_HELLO_TEXT)
                return wrong_mode(s, 0);
        }
        return connect_failed(s, cut ? MAILIMAP_ERROR_STREAM : MAILIMAP_ERROR_SSL,
                              "the TLS handshake");
    }
    h = tls_peek_hello(fd, wait * 1000);
    if (h == TLS_HELLO_TLS ||
        (h == TLS_HELLO_NONE && tls_probe_implicit(s->host, s->port, wait))) {
        close(fd);
        return wrong_mode(s, 1);
    }
    if (!(*stream = mailstream_socket_open_timeout(fd, timeout))) {
        close(fd);
        return imap_session_fail(s, MAILIMAP_ERROR_MEMORY, "connect");
    }
    return 0;
}

static int
connect_verified(struct session *s)
{
    const char *security = conf_str(s->c, "imap", "security");
    const char *ca = conf_str(s->c, "imap", "ca_file");
    int tls = strcmp(security, "tls") == 0;
    mailstream *stream;
    int r;

    s->imap = mailimap_new(0, NULL);
    if (!s->imap)
        return imap_session_fail(s, MAILIMAP_ERROR_MEMORY, "connect");
    mailimap_set_timeout(s->imap, (time_t)conf_int(s->c, "imap", "timeout"));
    if ((r = open_stream(s, tls, &stream)) != 0)
        return r;
    /* (the session owns the stream from here, even when this fails) */
    r = mailimap_connect(s->imap, stream);
    if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_NO_ERROR_AUTHENTICATED &&
        r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
        return connect_failed(s, r, tls ? "the TLS handshake or greeting" : "the greeting");
    if (strcmp(security, "tls") != 0)
        guard_eof(s->imap->imap_stream);
    if (strcmp(security, "starttls") == 0) {
        /* never fall back to plain text: no STARTTLS, no login */
        struct mailimap_capability_data *before = NULL;
        if (mailimap_capability(s->imap, &before) == MAILIMAP_NO_ERROR)
            mailimap_capability_data_free(before);
        if (!mailimap_has_extension(s->imap, "STARTTLS")) {
            snprintf(s->err, s->errlen,
                     "%s:%d: the server does not offer STARTTLS; refusing to log in without "
                     "TLS",
                     s->host, s->port);
            return EX_UNAVAILABLE;
        }
        r = mailimap_socket_starttls_with_callback(s->imap, tls_connect_callback,
                                                   (void *)s->host);
        if (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE)
            return connect_failed(s, r, "STARTTLS");
        if (r != MAILIMAP_NO_ERROR) {
            snprintf(s->err, s->errlen, "%s:%d: STARTTLS failed; refusing to go on without TLS",
                     s->host, s->port);
            return EX_UNAVAILABLE;
        }
    }
    if (strcmp(security, "none") != 0 &&
        tls_verify(s->imap->imap_stream, s->host, ca, s->err, s->errlen) < 0)
        return EX_UNAVAILABLE;
    if (strcmp(security, "none") == 0 && !tls_is_loopback(s->host))
        log_warn("%s: [imap] security = none: the password and the mail cross the network "
                 "unencrypted",
                 s->host);
    /* capabilities learnt before TLS cannot be trusted; ask again */
    struct mailimap_capability_data *caps = NULL;
    if (mailimap_capability(s->imap, &caps) == MAILIMAP_NO_ERROR)
        mailimap_capability_data_free(caps);
    return 0;
}

static int
login(struct session *s)
{
    const char *auth = conf_str(s->c, "imap", "auth");
    char *secret = conf_password(s->c, "imap", s->err, s->errlen);
    int r;

    if (!secret)
        return EX_CONFIG;
    if (strcmp(auth, "xoauth2") == 0)
        r = mailimap_oauth2_authenticate(s->imap, s->user, secret);
    else if (strcmp(auth, "plain") == 0 ||
             (strcmp(auth, "auto") == 0 && mailimap_has_authentication(s->imap, "PLAIN")))
        r = mailimap_authenticate(s->imap, "PLAIN", s->host, NULL, NULL, s->user, s->user,
                                  secret, NULL);
    else
        r = mailimap_login(s->imap, s->user, secret);
    explicit_bzero(secret, strlen(secret));
    free(secret);
    if (r == MAILIMAP_NO_ERROR)
        return 0;
    if (r == MAILIMAP_ERROR_STREAM)
        return imap_session_fail(s, r, "login");
    if (r == MAILIMAP_ERROR_SASL) {
        snprintf(s->err, s->errlen,
                 "%s:%d: AUTHENTICATE %s could not start (is libsasl2-modules installed? or "
                 "set [imap] auth = login)",
                 s->host, s->port, auth);
        return EX_UNAVAILABLE;
    }
    /* the server's words, never the password; one login a run (a server counts the
     * failed ones, and may lock the account) */
    char source[320];
    conf_password_source(s->c, "imap", source, sizeof source);
    snprintf(s->err, s->errlen, "%s:%d: login as %s refused: check the password (%s)%s%s",
             s->host, s->port, s->user, source,
             s->imap->imap_response ? "; the server said: " : "",
             s->imap->imap_response ? s->imap->imap_response : "");
    return EX_NOPERM;
}

/* A mailbox name of the config as sent: modified UTF-7, unless it already is. Returns
 * a malloc'd string, or NULL when NAME is not UTF-8 (or out of memory). */
char *
imap_session_wire_name(const char *name)
{
    return utf7_is_encoded(name) ? strdup(name) : utf7_encode(name);
}

/* The mailbox for messages: "NAME" as written, and the name sent when it differs. */
static void
mailbox_words(const struct session *s, char *out, size_t outlen)
{
    if (strcmp(s->mailbox, s->wire) == 0)
        snprintf(out, outlen, "\"%s\"", s->mailbox);
    else
        snprintf(out, outlen, "\"%s\" (sent as \"%s\")", s->mailbox, s->wire);
}

/* Puts the server's mailbox names (LIST "" "*", in UTF-8, at most 20) into OUT, as
 * " (the server has: ...)". Returns 1 when [imap] mailbox is among them, 0 when it
 * is not, -1 when the server did not list them. */
static int
list_mailboxes(struct session *s, char *out, size_t outlen)
{
    clist *list = NULL;
    size_t n = 0;
    int shown = 0, total = 0, found = 0;

    out[0] = '\0';
    if (mailimap_list(s->imap, "", "*", &list) != MAILIMAP_NO_ERROR || !list) {
        if (list)
            mailimap_list_result_free(list);
        return -1;
    }
    for (clistiter *i = clist_begin(list); i; i = clist_next(i)) {
        struct mailimap_mailbox_list *mb = clist_content(i);
        total++;
        /* (INBOX is INBOX in any case: RFC 3501 5.1) */
        if (strcmp(mb->mb_name, s->wire) == 0 ||
            (strcasecmp(mb->mb_name, "INBOX") == 0 && strcasecmp(s->wire, "INBOX") == 0))
            found = 1;
        if (shown >= 20 || n + 4 >= outlen)
            continue;
        char *name = utf7_decode(mb->mb_name);
        int w = snprintf(out + n, outlen - n, "%s\"%s\"", shown ? ", " : " (the server has: ",
                         name ? name : mb->mb_name);
        free(name);
        if (w < 0 || (size_t)w >= outlen - n) {
            out[n] = '\0';
            break;
        }
        /* a server's name may hold anything: no control characters in a log line */
        for (char *p = out + n; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7f)
                *p = '?';
        n += (size_t)w;
        shown++;
    }
    mailimap_list_result_free(list);
    if (shown > 0 && n + 2 < outlen) {
        if (total > shown)
            snprintf(out + n, outlen - n, " and %d more)", total - shown);
        else
            snprintf(out + n, outlen - n, ")");
    }
    return found;
}

/* Opens [imap] mailbox: read-only with EXAMINE (doorstep check), else with SELECT,
 * even when after_fetch = keep: a server may keep no UIDs for a mailbox opened
 * read-only (Courier, mail delivered straight into the maildir, gave a new
 * UIDVALIDITY on every EXAMINE, so the whole mailbox was downloaded on every run).
 * mbsync opens with SELECT too. Nothing here changes a flag: messages are read with
 * BODY.PEEK, and only after_fetch stores \Seen. A mailbox that cannot be opened is
 * EX_NOINPUT, with the server's names when it does not exist. */
int
imap_session_select(struct session *s, int readonly, uint32_t *uidvalidity, uint32_t *exists)
{
    int r = readonly ? mailimap_examine(s->imap, s->wire) : mailimap_select(s->imap, s->wire);

    if (r != MAILIMAP_NO_ERROR) {
        int code = imap_session_fail(s, r, readonly ? "EXAMINE" : "SELECT");
        if (code != EX_PROTOCOL)
            return code;
        char name[600], said[300], names[1500];
        mailbox_words(s, name, sizeof name);
        snprintf(said, sizeof said, "%s", s->imap->imap_response ? s->imap->imap_response : "");
        if (list_mailboxes(s, names, sizeof names) == 0)
            snprintf(s->err, s->errlen, "%s:%d: [imap] mailbox = %s: no such mailbox%s",
                     s->host, s->port, name, names);
        else
            snprintf(s->err, s->errlen, "%s:%d: [imap] mailbox = %s: the server cannot open it%s%s",
                     s->host, s->port, name, *said ? ": " : "", said);
        return EX_NOINPUT;
    }
    *uidvalidity = s->imap->imap_selection_info->sel_uidvalidity;
    *exists = s->imap->imap_selection_info->sel_exists;
    return 0;
}

/* Opens the session of [imap]: connects with TLS verified and logs in. Returns 0 or an
 * exit code; imap_session_close frees what was opened either way. */
int
imap_session_open(struct session *s, const conf *c, char *err, size_t errlen)
{
    const char *port = conf_str(c, "imap", "port");

    *s = (struct session){
        .c = c,
        .host = conf_str(c, "imap", "host"),
        .user = conf_str(c, "imap", "user"),
        .mailbox = conf_str(c, "imap", "mailbox"),
        .err = err,
        .errlen = errlen,
    };
    s->port = *port ? atoi(port) : strcmp(conf_str(c, "imap", "security"), "tls") == 0 ? 993 : 143;
    /* a name already in modified UTF-7 (a config written for the server) goes as it is */
    if (!(s->wire = imap_session_wire_name(s->mailbox))) {
        if (errno == ENOMEM)
            return imap_session_fail(s, MAILIMAP_ERROR_MEMORY, "[imap] mailbox");
        snprintf(err, errlen, "%s: [imap] mailbox = \"%s\": not valid UTF-8", conf_file(c),
                 s->mailbox);
        return EX_CONFIG;
    }
    int rc = connect_verified(s);
    return rc == 0 ? login(s) : rc;
}

/* Logs out when the connection is still usable after RC, and frees the session. */
void
imap_session_close(struct session *s, int rc)
{
    free(s->wire);
    s->wire = NULL;
    if (!s->imap)
        return;
    if (rc == 0 || rc == EX_NOPERM || rc == EX_NOINPUT)
        mailimap_logout(s->imap);
    mailimap_free(s->imap);
    s->imap = NULL;
}
