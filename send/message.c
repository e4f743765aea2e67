/* message.c — RFC 5322 composition with RFC 2047 and quoted-printable, and delivery. */
#include "message.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "clock.h"
#include "file.h"
#include "hash.h"
#include "smtp.h"
#include "text.h"

static int
is_ascii_printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return 0;
    return 1;
}

/* RFC 2047 "B" encoding of S as UTF-8 words of at most 75 characters on lines of at
 * most 76 (RFC 2047 section 2), never splitting a UTF-8 sequence; words are separated
 * by CRLF SP (folding). COL is the column the first word starts at; returns the
 * column after the last. */
static size_t
add_encoded_words(struct buf *b, const char *s, size_t col)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    int first = 1;

    while (i < n) {
        /* "=?UTF-8?B?" + "?=" is 12 characters, and every 3 bytes 4 more: 45 bytes on a
         * line of their own, fewer on the first line after the field's name */
        size_t take = 0, room;
        if (!first || col + 12 + 8 > 76) {
            buf_adds(b, "\r\n ");
            col = 1;
        }
        room = (76 - col - 12) / 4 * 3;
        if (room > 45)
            room = 45;
        while (i + take < n) {
            size_t seq = text_utf8_seq(p + i + take, n - i - take);
            if (seq == 0)
                seq = 1;
            if (take + seq > room)
                break;
            take += seq;
        }
        if (take == 0) /* (a 4-byte character always fits 45) */
            take = 1;
        buf_adds(b, "=?UTF-8?B?");
        for (size_t k = 0; k < take; k += 3) {
            unsigned v = (unsigned)p[i + k] << 16;
            if (k + 1 < take)
                v |= (unsigned)p[i + k + 1] << 8;
            if (k + 2 < take)
                v |= p[i + k + 2];
            buf_addc(b, b64[(v >> 18) & 63]);
            buf_addc(b, b64[(v >> 12) & 63]);
            buf_addc(b, k + 1 < take ? b64[(v >> 6) & 63] : '=');
            buf_addc(b, k + 2 < take ? b64[v & 63] : '=');
        }
        buf_adds(b, "?=");
        col += 12 + (take + 2) / 3 * 4;
        i += take;
        first = 0;
    }
    return col;
}

/* A header whose value is text: printable ASCII as it is, folded at spaces before 78
 * characters where it can be (unfolding gives the value back), else encoded words. */
static void
add_text_header(struct buf *b, const char *name, const char *value)
{
    size_t col = strlen(name) + 2;

    buf_printf(b, "%s: ", name);
    if (is_ascii_printable(value) && strlen(name) + 2 + strlen(value) <= 998) {
        /* each piece is a word with the spaces before it; a fold goes before a space
         * that has a word after it, never leaving a line of spaces only */
        for (const char *p = value; *p;) {
            size_t len = strspn(p, " ");
            len += strcspn(p + len, " ");
            if (col + len > 78 && col > strlen(name) + 2 && *p == ' ' && p[strspn(p, " ")]) {
                buf_adds(b, "\r\n");
                col = 0;
            }
            buf_add(b, p, len);
            col += len;
            p += len;
        }
    } else
        add_encoded_words(b, value, col);
    buf_adds(b, "\r\n");
}

/* "Name" <addr> (RFC 5322 3.4): an ASCII name as a quoted string (quotes and
 * backslashes escaped), any other as RFC 2047 encoded words, which may not be quoted;
 * the address alone when there is no name. */
static void
add_address_header(struct buf *b, const char *hname, const char *name, const char *addr)
{
    buf_printf(b, "%s: ", hname);
    if (name && *name) {
        if (is_ascii_printable(name) && strlen(name) < 900) {
            buf_addc(b, '"');
            for (const char *p = name; *p; p++) {
                if (*p == '"' || *p == '\\')
                    buf_addc(b, '\\');
                buf_addc(b, *p);
            }
            buf_addc(b, '"');
            buf_adds(b, " ");
        } else {
            /* the address on a line of its own when it would make the last encoded
             * word's line longer than 76 */
            size_t col = add_encoded_words(b, name, strlen(hname) + 2);
            buf_adds(b, col + 1 + strlen(addr) + 2 > 76 ? "\r\n " : " ");
        }
    }
    buf_printf(b, "<%s>\r\n", addr);
}

/* Quoted-printable (RFC 2045 6.7) of UTF-8 text with LF line ends, output with CRLF,
 * lines of at most 76 characters with soft breaks. Written through a small buffer of
 * its own, a byte at a time: a day's digest and replies are a few hundred kilobytes. */
static void
add_qp(struct buf *b, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    char out[512];
    size_t col = 0, n = 0;

    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        char enc[3];
        size_t w;

        if (n > sizeof out - 16) { /* room for a soft break, an encoded byte, the end */
            buf_add(b, out, n);
            n = 0;
        }
        if (*p == '\n') {
            out[n++] = '\r';
            out[n++] = '\n';
            col = 0;
            continue;
        }
        if (*p == '\r')
            continue;
        int trailing_space = (*p == ' ' || *p == '\t') && (p[1] == '\n' || p[1] == '\0');
        int leading_dot = *p == '.' && col == 0; /* some SMTP paths mangle these */
        if ((*p >= 33 && *p <= 126 && *p != '=' && !leading_dot) ||
            ((*p == ' ' || *p == '\t') && !trailing_space)) {
            enc[0] = (char)*p;
            w = 1;
        } else {
            enc[0] = '=';
            enc[1] = hex[*p >> 4];
            enc[2] = hex[*p & 15];
            w = 3;
        }
        if (col + w > 75) {
            out[n++] = '=';
            out[n++] = '\r';
            out[n++] = '\n';
            col = 0;
        }
        memcpy(out + n, enc, w);
        n += w;
        col += w;
    }
    if (col > 0) {
        out[n++] = '\r';
        out[n++] = '\n';
    }
    buf_add(b, out, n);
}

void
message_from(const conf *c, const char **name, const char **addr)
{
    int set = *conf_str(c, "smtp", "from") != '\0';

    *addr = set ? conf_str(c, "smtp", "from") : conf_str(c, "group", "address");
    *name = set && *conf_mailbox_name(c, "smtp", "from") ? conf_mailbox_name(c, "smtp", "from")
                                                         : conf_str(c, "group", "name");
}

char *
message_compose(const struct message *m, size_t *len)
{
    struct buf b = {0};
    char date[64], sha[65], boundary[64];
    char *text, *out;

    clock_rfc5322(m->date, date, sizeof date);
    add_address_header(&b, "From", m->from_name, m->from_addr);
    buf_printf(&b, "To: %s\r\n", *m->to ? m->to : "undisclosed-recipients:;");
    if (m->reply_to)
        buf_printf(&b, "Reply-To: %s\r\n", m->reply_to);
    add_text_header(&b, "Subject", m->subject);
    buf_printf(&b, "Date: %s\r\n", date);
    buf_printf(&b, "Message-ID: <%s>\r\n", m->message_id);
    if (m->in_reply_to && *m->in_reply_to && !strpbrk(m->in_reply_to, "<>\r\n"))
        buf_printf(&b, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", m->in_reply_to,
                   m->in_reply_to);
    if (m->list_id && m->list_address) {
        buf_adds(&b, "List-Id: ");
        const char *lt = strrchr(m->list_id, '<');
        size_t nlen = lt ? (size_t)(lt - m->list_id) : 0;
        while (nlen > 0 && m->list_id[nlen - 1] == ' ')
            nlen--;
        char *name = strndup(m->list_id, nlen);
        if (name && *name && is_ascii_printable(name) && !strpbrk(name, "\"\\"))
            buf_printf(&b, "\"%s\" ", name);
        else if (name && *name) {
            size_t col = add_encoded_words(&b, name, 9);
            const char *id = lt ? lt : m->list_id;
            buf_adds(&b, col + 1 + strlen(id) > 76 ? "\r\n " : " ");
        }
        free(name);
        buf_printf(&b, "%s\r\n", lt ? lt : m->list_id);
        buf_printf(&b, "List-Post: <mailto:%s>\r\n", m->list_address);
        buf_printf(&b, "List-Unsubscribe: <mailto:%s?subject=UNSUBSCRIBE>\r\n", m->list_address);
    }
    buf_printf(&b, "MIME-Version: 1.0\r\n"
                   "Auto-Submitted: %s\r\n"
                   "Precedence: bulk\r\n",
               m->auto_replied ? "auto-replied" : "auto-generated");
    /* "=_" can never appear in quoted-printable text, so the boundary is safe */
    hash_sha256_hex(m->message_id, strlen(m->message_id), sha);
    snprintf(boundary, sizeof boundary, "=_doorstep_%.24s", sha);
    if (m->html)
        buf_printf(&b,
                   "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n"
                   "This is a message in two forms, plain text and HTML.\r\n\r\n--%s\r\n",
                   boundary, boundary);
    buf_adds(&b, "Content-Type: text/plain; charset=UTF-8\r\n"
                 "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    text = text_wrap(m->body, 72); /* room for "> " quoting within 78 */
    add_qp(&b, text ? text : m->body);
    free(text);
    if (m->html) {
        buf_printf(&b, "\r\n--%s\r\n"
                       "Content-Type: text/html; charset=UTF-8\r\n"
                       "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
                   boundary);
        add_qp(&b, m->html);
        buf_printf(&b, "\r\n--%s--\r\n", boundary);
    }
    *len = b.len;
    out = buf_take(&b);
    return out;
}

static int
send_file(const conf *c, const char *name, const char *raw, size_t len, const char *default_dir,
          struct file_batch *batch, char *err, size_t errlen)
{
    const char *dir = *conf_str(c, "smtp", "dir") ? conf_str(c, "smtp", "dir") : default_dir;
    char path[PATH_MAX];

    /* every copy names its recipients, and a member's digest is theirs alone */
    if (file_mkdir_private(dir, err, errlen) < 0)
        return EX_CANTCREAT;
    snprintf(path, sizeof path, "%s/%s.eml", dir, name);
    if (batch ? file_batch_add(batch, path, raw, len, 1, err, errlen) < 0
              : file_write_private(path, raw, len, err, errlen) < 0)
        return EX_CANTCREAT;
    return 0;
}

static int
send_sendmail(const conf *c, const char *raw, size_t len, const char *recipients, char *err,
              size_t errlen)
{
    const char *prog = conf_str(c, "smtp", "sendmail");
    const char *from = *conf_str(c, "smtp", "from") ? conf_str(c, "smtp", "from")
                                                     : conf_str(c, "group", "address");
    char **rcpt = conf_list(recipients, NULL);
    size_t n = 0;
    int fds[2], status;
    pid_t pid;

    if (!rcpt)
        return EX_OSERR;
    while (rcpt[n])
        n++;
    char **argv = calloc(n + 6, sizeof *argv);
    if (!argv || pipe(fds) < 0) {
        free(argv);
        conf_list_free(rcpt);
        snprintf(err, errlen, "%s: %s", prog, strerror(errno));
        return EX_OSERR;
    }
    argv[0] = (char *)prog;
    argv[1] = "-oi";
    argv[2] = "-f";
    argv[3] = (char *)from;
    argv[4] = "--";
    memcpy(argv + 5, rcpt, n * sizeof *argv);
    if ((pid = fork()) < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        free(argv);
        conf_list_free(rcpt);
        return EX_OSERR;
    }
    if (pid == 0) {
        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        close(fds[1]);
        execvp(prog, argv); /* a bare name is looked up in PATH */
        _exit(127);
    }
    close(fds[0]);
    free(argv);
    conf_list_free(rcpt);
    /* sendmail wants LF line ends on its input */
    int werr = 0;
    for (size_t i = 0; i < len && !werr;) {
        size_t j = i;
        while (j < len && raw[j] != '\r')
            j++;
        for (size_t k = i; k < j && !werr;) {
            ssize_t w = write(fds[1], raw + k, j - k);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                werr = errno;
            else
                k += (size_t)w;
        }
        i = j + 1;
    }
    close(fds[1]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !werr)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        snprintf(err, errlen, "%s: [smtp] sendmail: cannot run %s", conf_file(c), prog);
    else if (WIFEXITED(status))
        snprintf(err, errlen, "%s exited with status %d", prog, WEXITSTATUS(status));
    else
        snprintf(err, errlen, "%s was killed by signal %d", prog,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return EX_TEMPFAIL;
}

int
message_send(const conf *c, struct smtp_session *smtp, struct file_batch *batch, const char *name,
             const char *raw, size_t len, const char *recipients, const char *default_dir,
             char *rejected, size_t rejlen, int *maybe_sent, char *err, size_t errlen)
{
    const char *method = conf_str(c, "smtp", "method");
    const char *from = *conf_str(c, "smtp", "from") ? conf_str(c, "smtp", "from")
                                                     : conf_str(c, "group", "address");

    *maybe_sent = 0;
    if (rejlen)
        rejected[0] = '\0';
    if (strcmp(method, "file") == 0)
        return send_file(c, name, raw, len, default_dir, batch, err, errlen);
    if (strcmp(method, "sendmail") == 0)
        return send_sendmail(c, raw, len, recipients, err, errlen);
    char **rcpt = conf_list(recipients, NULL);
    if (!rcpt) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    int rc = smtp ? smtp_session_send(smtp, from, rcpt, raw, len, rejected, rejlen, maybe_sent,
                                      err, errlen)
                  : smtp_send(c, from, rcpt, raw, len, rejected, rejlen, maybe_sent, err, errlen);
    conf_list_free(rcpt);
    return rc;
}
