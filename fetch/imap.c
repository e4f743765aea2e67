/* imap.c — fetching new mail from an IMAP mailbox with libetpan: TLS verified before
 * login, incremental by UID, batches committed with the new last UID. */
#include <errno.h>
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "clock.h"
#include "conf.h"
#include "log.h"
#include "sources.h"
#include "tls.h"

/* A batch holds at most this many bytes of messages: libetpan keeps a whole response
 * in memory, so this bounds the memory used whatever the mailbox holds. */
#define BATCH_BYTES (16L * 1024 * 1024)

struct uidsize {
    uint32_t uid;
    uint32_t size;
};

struct session {
    mailimap *imap;
    const conf *c;
    const char *host, *user, *mailbox;
    int port;
    char *err;
    size_t errlen;
};

/* Maps a libetpan result to an exit code and a message naming host and WHAT. */
static int
fail(struct session *s, int r, const char *what)
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
        return fail(s, r, step);
    /* a cut or a silent server may be gone tomorrow; a failed handshake with a server
     * that answers is a configuration matter */
    return r == MAILIMAP_ERROR_SSL ? EX_UNAVAILABLE : EX_TEMPFAIL;
}

static int
connect_verified(struct session *s)
{
    const char *security = conf_str(s->c, "imap", "security");
    const char *ca = conf_str(s->c, "imap", "ca_file");
    int r;

    s->imap = mailimap_new(0, NULL);
    if (!s->imap)
        return fail(s, MAILIMAP_ERROR_MEMORY, "connect");
    /* before connecting: the connect itself obeys it */
    mailimap_set_timeout(s->imap, (time_t)conf_int(s->c, "imap", "timeout"));
    if (strcmp(security, "tls") == 0)
        r = mailimap_ssl_connect_with_callback(s->imap, s->host, (uint16_t)s->port,
                                               tls_connect_callback, (void *)s->host);
    else
        r = mailimap_socket_connect(s->imap, s->host, (uint16_t)s->port);
    if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_NO_ERROR_AUTHENTICATED &&
        r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
        return connect_failed(s, r, strcmp(security, "tls") == 0 ? "the TLS handshake or greeting"
                                                                 : "the greeting");
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
        return fail(s, r, "login");
    if (r == MAILIMAP_ERROR_SASL) {
        snprintf(s->err, s->errlen,
                 "%s:%d: AUTHENTICATE %s could not start (is libsasl2-modules installed? or "
                 "set [imap] auth = login)",
                 s->host, s->port, auth);
        return EX_UNAVAILABLE;
    }
    /* the server's words, never the password */
    snprintf(s->err, s->errlen, "%s:%d: login as %s refused%s%s", s->host, s->port, s->user,
             s->imap->imap_response ? ": " : "",
             s->imap->imap_response ? s->imap->imap_response : "");
    return EX_NOPERM;
}

static time_t
imap_date(const struct mailimap_date_time *d)
{
    return clock_mail_time(d->dt_year, d->dt_month, d->dt_day, d->dt_hour, d->dt_min,
                           d->dt_sec, d->dt_zone);
}

/* The attributes of one FETCH response item. */
struct item {
    uint32_t uid, size;
    time_t date;
    const char *body;
    size_t len;
};

static void
read_item(const struct mailimap_msg_att *att, struct item *it)
{
    memset(it, 0, sizeof *it);
    for (clistiter *i = clist_begin(att->att_list); i; i = clist_next(i)) {
        struct mailimap_msg_att_item *a = clist_content(i);
        if (a->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
            continue;
        struct mailimap_msg_att_static *st = a->att_data.att_static;
        switch (st->att_type) {
        case MAILIMAP_MSG_ATT_UID: it->uid = st->att_data.att_uid; break;
        case MAILIMAP_MSG_ATT_RFC822_SIZE: it->size = st->att_data.att_rfc822_size; break;
        case MAILIMAP_MSG_ATT_INTERNALDATE:
            it->date = imap_date(st->att_data.att_internal_date);
            break;
        case MAILIMAP_MSG_ATT_BODY_SECTION:
            it->body = st->att_data.att_body_section->sec_body_part;
            it->len = st->att_data.att_body_section->sec_length;
            break;
        default: break;
        }
    }
}

/* UID and size of every message above LAST_UID, in UID order. */
static int
list_new(struct session *s, uint32_t last_uid, struct uidsize **out, size_t *n)
{
    struct mailimap_set *set = mailimap_set_new_interval(last_uid + 1, 0);
    struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
    clist *result = NULL;
    size_t cap = 0;
    int r;

    *out = NULL;
    *n = 0;
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
    r = mailimap_uid_fetch(s->imap, set, ft, &result);
    mailimap_set_free(set);
    mailimap_fetch_type_free(ft);
    if (r != MAILIMAP_NO_ERROR)
        return fail(s, r, "listing new messages");
    for (clistiter *i = clist_begin(result); i; i = clist_next(i)) {
        struct item it;
        read_item(clist_content(i), &it);
        /* "N:*" also answers the highest message when N is above it (RFC 3501 6.4.8) */
        if (it.uid <= last_uid)
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct uidsize *v = realloc(*out, ncap * sizeof *v);
            if (!v) {
                mailimap_fetch_list_free(result);
                return fail(s, MAILIMAP_ERROR_MEMORY, "listing new messages");
            }
            *out = v;
            cap = ncap;
        }
        (*out)[(*n)++] = (struct uidsize){it.uid, it.size};
    }
    mailimap_fetch_list_free(result);
    return 0;
}

/* Fetches UIDS[0..N) with one UID FETCH (HEADER only when HEADERS_ONLY) and stores them.
 * Returns 0 or an exit code. */
static int
fetch_range(struct session *s, struct store *st, const struct uidsize *uids, size_t n,
            uint32_t uidvalidity, int headers_only, long *bytes_done)
{
    struct mailimap_set *set = mailimap_set_new_empty();
    struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
    clist *result = NULL;
    int r, rc = 0;

    for (size_t i = 0; i < n; i++)
        mailimap_set_add_single(set, uids[i].uid);
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_internaldate());
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
    mailimap_fetch_type_new_fetch_att_list_add(
        ft, mailimap_fetch_att_new_body_peek_section(headers_only ? mailimap_section_new_header()
                                                                  : mailimap_section_new(NULL)));
    r = mailimap_uid_fetch(s->imap, set, ft, &result);
    mailimap_set_free(set);
    mailimap_fetch_type_free(ft);
    if (r != MAILIMAP_NO_ERROR)
        return fail(s, r, "fetching messages");
    for (clistiter *i = clist_begin(result); i && rc == 0; i = clist_next(i)) {
        struct item it;
        char where[512];
        read_item(clist_content(i), &it);
        if (!it.uid || !it.body)
            continue; /* an unsolicited FETCH (flags changed by another client) */
        if (headers_only) {
            snprintf(where, sizeof where, "imap://%s@%s/%s;UID=%u (UIDVALIDITY %u)", s->user,
                     s->host, s->mailbox, it.uid, uidvalidity);
            if (store_add_oversize(st, where, it.body, it.len, it.size, it.date, uidvalidity,
                                   it.uid, s->err, s->errlen) < 0)
                rc = EX_CANTCREAT;
        } else if (store_add(st, it.body, it.len, it.date, uidvalidity, it.uid, s->err,
                             s->errlen) < 0) {
            rc = EX_CANTCREAT;
        }
        *bytes_done += (long)it.size;
    }
    mailimap_fetch_list_free(result);
    return rc;
}

/* [imap] after_fetch for UIDs FIRST..LAST, only ever after they were committed. */
static int
after_fetch(struct session *s, uint32_t first, uint32_t last)
{
    const char *what = conf_str(s->c, "imap", "after_fetch");
    struct mailimap_set *set;
    int r = MAILIMAP_NO_ERROR;

    if (strcmp(what, "keep") == 0 || last < first)
        return 0;
    set = mailimap_set_new_interval(first, last);
    if (strcmp(what, "seen") == 0) {
        struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
        mailimap_flag_list_add(fl, mailimap_flag_new_seen());
        struct mailimap_store_att_flags *sf = mailimap_store_att_flags_new_add_flags_silent(fl);
        r = mailimap_uid_store(s->imap, set, sf);
        mailimap_store_att_flags_free(sf);
    } else {
        const char *folder = what + 5;
        if (mailimap_has_extension(s->imap, "MOVE")) {
            r = mailimap_uid_move(s->imap, set, folder);
        } else {
            r = mailimap_uid_copy(s->imap, set, folder);
            if (r == MAILIMAP_NO_ERROR) {
                struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
                mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
                struct mailimap_store_att_flags *sf =
                    mailimap_store_att_flags_new_add_flags_silent(fl);
                r = mailimap_uid_store(s->imap, set, sf);
                mailimap_store_att_flags_free(sf);
                if (r == MAILIMAP_NO_ERROR)
                    r = mailimap_has_uidplus(s->imap) ? mailimap_uid_expunge(s->imap, set)
                                                      : mailimap_expunge(s->imap);
            }
        }
    }
    mailimap_set_free(set);
    if (r != MAILIMAP_NO_ERROR) {
        char what_msg[128];
        snprintf(what_msg, sizeof what_msg, "[imap] after_fetch = %s", what);
        return fail(s, r, what_msg);
    }
    return 0;
}

static int
select_mailbox(struct session *s, uint32_t *uidvalidity, uint32_t *exists)
{
    /* EXAMINE when the mailbox must stay untouched: not even \Seen changes */
    int readonly = strcmp(conf_str(s->c, "imap", "after_fetch"), "keep") == 0;
    int r = readonly ? mailimap_examine(s->imap, s->mailbox) : mailimap_select(s->imap, s->mailbox);

    if (r != MAILIMAP_NO_ERROR) {
        int code = fail(s, r, readonly ? "EXAMINE" : "SELECT");
        if (code == EX_PROTOCOL) {
            snprintf(s->err, s->errlen, "%s:%d: [imap] mailbox: cannot open \"%s\"%s%s", s->host,
                     s->port, s->mailbox, s->imap->imap_response ? ": " : "",
                     s->imap->imap_response ? s->imap->imap_response : "");
            return EX_NOINPUT;
        }
        return code;
    }
    *uidvalidity = s->imap->imap_selection_info->sel_uidvalidity;
    *exists = s->imap->imap_selection_info->sel_exists;
    return 0;
}

static int
fetch_new(struct session *s, struct store *st)
{
    uint32_t uidvalidity = 0, exists = 0;
    long known_validity, last_uid, bytes_total = 0, bytes_done = 0;
    struct uidsize *uids = NULL;
    size_t n = 0;
    int rc;

    if ((rc = select_mailbox(s, &uidvalidity, &exists)) != 0)
        return rc;
    if (store_get_mailbox(st, &known_validity, &last_uid, s->err, s->errlen) < 0)
        return EX_CANTCREAT;
    if (known_validity && known_validity != (long)uidvalidity) {
        /* every UID changed meaning: read everything again; the SHA-256 of the bytes keeps
         * what we already have from being stored twice */
        log_warn("%s: UIDVALIDITY changed (%ld to %u): fetching the whole mailbox again",
                 st->source, known_validity, uidvalidity);
        last_uid = 0;
    }
    /* catch up on an after_fetch action a crash may have left undone */
    if (known_validity == (long)uidvalidity && last_uid > 0 &&
        (rc = after_fetch(s, 1, (uint32_t)last_uid)) != 0)
        return rc;
    if (exists > 0 && (rc = list_new(s, (uint32_t)last_uid, &uids, &n)) != 0)
        return rc;
    for (size_t i = 0; i < n; i++)
        bytes_total += uids[i].size <= st->max_size ? (long)uids[i].size : 0;
    log_debug("%s: %zu new messages, %ld bytes", st->source, n, bytes_total);

    /* order is important: store a batch, record its last UID in the same transaction,
     * commit, and only then touch the server (after_fetch) */
    long batch = conf_int(s->c, "fetch", "batch");
    if (batch < 1)
        batch = 1;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i, big = 0;
        long bytes = 0;
        while (j < n && (long)(j - i) < batch &&
               (j == i || bytes + (long)uids[j].size <= BATCH_BYTES)) {
            bytes += uids[j].size <= st->max_size ? (long)uids[j].size : 0;
            j++;
        }
        /* within the batch, oversize messages are fetched apart, headers only */
        struct uidsize *small = malloc((j - i) * sizeof *small), *large = malloc((j - i) * sizeof *large);
        size_t ns = 0;
        if (!small || !large) {
            free(small);
            free(large);
            rc = fail(s, MAILIMAP_ERROR_MEMORY, "fetch");
            break;
        }
        for (size_t k = i; k < j; k++) {
            if (uids[k].size > st->max_size)
                large[big++] = uids[k];
            else
                small[ns++] = uids[k];
        }
        if (ns)
            rc = fetch_range(s, st, small, ns, uidvalidity, 0, &bytes_done);
        if (rc == 0 && big)
            rc = fetch_range(s, st, large, big, uidvalidity, 1, &bytes_done);
        free(small);
        free(large);
        if (rc == 0 && store_set_mailbox(st, uidvalidity, uids[j - 1].uid, s->err, s->errlen) < 0)
            rc = EX_CANTCREAT;
        if (rc == 0 && store_flush(st, s->err, s->errlen) < 0)
            rc = EX_CANTCREAT;
        if (rc == 0)
            rc = after_fetch(s, uids[i].uid, uids[j - 1].uid);
        if (log_progress_wanted()) {
            char label[64];
            snprintf(label, sizeof label, "fetch (%ld of %ld KB)", bytes_done / 1024,
                     bytes_total / 1024);
            log_progress(label, (long)j, (long)n);
        }
        i = j;
    }
    log_progress_end();
    /* a changed UIDVALIDITY with nothing new still has to be recorded */
    if (rc == 0 && n == 0 && known_validity != (long)uidvalidity) {
        if (store_set_mailbox(st, uidvalidity, 0, s->err, s->errlen) < 0 ||
            store_flush(st, s->err, s->errlen) < 0)
            rc = EX_CANTCREAT;
    }
    free(uids);
    return rc;
}

/* Opens the session of [imap]: connects with TLS verified and logs in. Returns 0 or an
 * exit code; session_close frees what was opened either way. */
static int
session_open(struct session *s, const conf *c, char *err, size_t errlen)
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
    int rc = connect_verified(s);
    return rc == 0 ? login(s) : rc;
}

/* Logs out when the connection is still usable after RC, and frees the session. */
static void
session_close(struct session *s, int rc)
{
    if (!s->imap)
        return;
    if (rc == 0 || rc == EX_NOPERM || rc == EX_NOINPUT)
        mailimap_logout(s->imap);
    mailimap_free(s->imap);
    s->imap = NULL;
}

int
fetch_imap_check(const conf *c, char *detail, size_t dlen, char *err, size_t errlen)
{
    struct session s;
    int rc = session_open(&s, c, err, errlen);

    if (rc == 0) {
        int r = mailimap_examine(s.imap, s.mailbox);
        if (r != MAILIMAP_NO_ERROR)
            rc = fail(&s, r, "EXAMINE");
        else
            snprintf(detail, dlen, "%s:%d as %s, %s: %u messages, UIDVALIDITY %u", s.host,
                     s.port, s.user, s.mailbox, s.imap->imap_selection_info->sel_exists,
                     s.imap->imap_selection_info->sel_uidvalidity);
    }
    session_close(&s, rc);
    return rc;
}

int
fetch_imap(struct store *st, const conf *c, char *err, size_t errlen)
{
    struct session s;
    int rc = session_open(&s, c, err, errlen);

    if (rc == 0)
        rc = fetch_new(&s, st);
    session_close(&s, rc);
    return rc;
}
