/* imap.c — fetching new mail from an IMAP mailbox with libetpan: TLS verified before
 * login, incremental by UID, batches committed with the new last UID. */
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

struct uidsize {
    uint32_t uid;
    uint32_t size;
};

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

/* One window of new messages: listed (UID and size) with one UID FETCH, then fetched
 * with one or two more, each message stored as its response arrives. */
struct window {
    struct uidsize *v;     /* listed, by ascending UID */
    unsigned char *done;   /* v[k] is stored (or recorded as too large) */
    size_t n, cap, prefix; /* v[0..prefix) are all done */
};

/* Where the FETCH responses go while they arrive (mailimap_set_msg_att_handler): libetpan
 * hands each message over as soon as it is parsed and frees it after, so neither a
 * whole response nor a whole batch is ever held in memory, and storing a message
 * overlaps the server's sending the next ones. */
struct receiver {
    struct session *s;
    struct store *st;
    struct window w;
    enum { RECV_LIST, RECV_BODY, RECV_HEADER } mode;
    uint32_t lo;          /* listing: the first new UID */
    uint32_t uidvalidity;
    long last_uid;        /* recorded (or to record): every UID up to it is stored */
    long batch, pending;  /* [fetch] batch; messages stored since the last commit */
    long done, total;     /* messages, for the progress line (total 0: unknown) */
    long bytes_done;
    int recorded;         /* the mailbox state was written at least once */
    int rc;               /* the first failure; the rest of the response is dropped */
};

static void
show_progress(struct receiver *r)
{
    if (log_progress_wanted()) {
        char label[64];
        snprintf(label, sizeof label, "fetch (%ld KB)", r->bytes_done / 1024);
        log_progress(label, r->done, r->total);
    }
}

/* Records that every UID up to the end of the done prefix (or, with ALL, up to the
 * last one listed: the window's fetches have completed, so what was listed and not
 * received has been expunged meanwhile) is stored, and commits: the batch and its
 * last UID in one transaction. Returns 0 or an exit code. */
static int
commit(struct receiver *r, int all)
{
    struct window *w = &r->w;
    size_t k = all ? w->n : w->prefix;

    if (k > 0 && (long)w->v[k - 1].uid > r->last_uid)
        r->last_uid = w->v[k - 1].uid;
    else if (r->pending == 0)
        return 0;
    if (store_set_mailbox(r->st, r->uidvalidity, r->last_uid, r->s->err, r->s->errlen) < 0 ||
        store_flush(r->st, r->s->err, r->s->errlen) < 0)
        return EX_CANTCREAT;
    r->pending = 0;
    r->recorded = 1;
    show_progress(r);
    return 0;
}

static int
by_uid(const void *a, const void *b)
{
    uint32_t x = ((const struct uidsize *)a)->uid, y = ((const struct uidsize *)b)->uid;
    return x < y ? -1 : x > y;
}

static void
listed(struct receiver *r, const struct item *it)
{
    struct window *w = &r->w;

    /* "N:*" also answers the highest message when N is above it (RFC 3501 6.4.8) */
    if (it->uid < r->lo)
        return;
    if (w->n == w->cap) {
        size_t ncap = w->cap ? w->cap * 2 : 1024;
        struct uidsize *v = realloc(w->v, ncap * sizeof *v);
        if (!v) {
            r->rc = imap_session_fail(r->s, MAILIMAP_ERROR_MEMORY, "listing new messages");
            return;
        }
        w->v = v;
        w->cap = ncap;
    }
    w->v[w->n++] = (struct uidsize){it->uid, it->size};
}

static void
received(struct receiver *r, const struct item *it)
{
    struct window *w = &r->w;
    struct uidsize key = {it->uid, 0}, *u;
    int stored;

    /* only what was asked for: not an unsolicited FETCH (flags changed by another
     * client), nor a message twice */
    if (!it->uid || !it->body || w->n == 0 ||
        !(u = bsearch(&key, w->v, w->n, sizeof key, by_uid)) ||
        w->done[u - w->v])
        return;
    if (r->mode == RECV_HEADER) {
        char where[512];
        snprintf(where, sizeof where, "imap://%s@%s/%s;UID=%u (UIDVALIDITY %u)", r->s->user,
                 r->s->host, r->s->mailbox, it->uid, r->uidvalidity);
        stored = store_add_oversize(r->st, where, it->body, it->len, u->size, it->date,
                                    r->uidvalidity, it->uid, r->s->err, r->s->errlen);
    } else {
        stored = store_add(r->st, it->body, it->len, it->date, r->uidvalidity, it->uid,
                           r->s->err, r->s->errlen);
    }
    if (stored < 0) {
        r->rc = EX_CANTCREAT;
        return;
    }
    w->done[u - w->v] = 1;
    while (w->prefix < w->n && w->done[w->prefix])
        w->prefix++;
    r->done++;
    r->bytes_done += (long)u->size;
    if (++r->pending >= r->batch)
        r->rc = commit(r, 0);
}

static void
on_fetch(struct mailimap_msg_att *att, void *ctx)
{
    struct receiver *r = ctx;
    struct item it;

    if (r->rc != 0)
        return;
    read_item(att, &it);
    if (r->mode == RECV_LIST)
        listed(r, &it);
    else
        received(r, &it);
}

/* libetpan calls the FETCH handler only while a progress callback is set */
static void
no_progress(size_t current, size_t maximum, void *ctx)
{
    (void)current, (void)maximum, (void)ctx;
}

/* Sends one UID FETCH of SET for the UID, with INTERNALDATE, RFC822.SIZE and
 * BODY.PEEK[SECTION] as asked, and hands each message's response to R in MODE as it
 * arrives. Returns 0 or an exit code (R's own failure first). */
static int
fetch_into(struct receiver *r, int mode, struct mailimap_set *set, int with_date,
           int with_size, struct mailimap_section *section, const char *what)
{
    struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
    clist *result = NULL;
    int ret;

    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
    if (with_date)
        mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_internaldate());
    if (with_size)
        mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
    if (section)
        mailimap_fetch_type_new_fetch_att_list_add(
            ft, mailimap_fetch_att_new_body_peek_section(section));
    r->mode = mode;
    mailimap_set_progress_callback(r->s->imap, NULL, no_progress, NULL);
    mailimap_set_msg_att_handler(r->s->imap, on_fetch, r);
    ret = mailimap_uid_fetch(r->s->imap, set, ft, &result);
    mailimap_set_msg_att_handler(r->s->imap, NULL, NULL);
    mailimap_set_progress_callback(r->s->imap, NULL, NULL, NULL);
    mailimap_fetch_type_free(ft);
    if (result)
        mailimap_fetch_list_free(result); /* empty: every response went to the handler */
    if (r->rc != 0)
        return r->rc;
    return ret == MAILIMAP_NO_ERROR ? 0 : imap_session_fail(r->s, ret, what);
}

/* Lists the messages with UIDs LO..HI (HI 0: to the last) into R's window, by UID. */
static int
list_window(struct receiver *r, uint32_t lo, uint32_t hi)
{
    struct mailimap_set *set = mailimap_set_new_interval(lo, hi);
    int rc;

    r->w.n = r->w.prefix = 0;
    r->lo = lo;
    if (!set)
        return imap_session_fail(r->s, MAILIMAP_ERROR_MEMORY, "listing new messages");
    rc = fetch_into(r, RECV_LIST, set, 0, 1, NULL, "listing new messages");
    mailimap_set_free(set);
    if (rc != 0)
        return rc;
    /* by UID (servers answer in that order, but need not), each once */
    if (r->w.n > 1) /* qsort's array may not be NULL, even with nothing to sort */
        qsort(r->w.v, r->w.n, sizeof *r->w.v, by_uid);
    size_t m = 0;
    for (size_t k = 0; k < r->w.n; k++)
        if (m == 0 || r->w.v[k].uid != r->w.v[m - 1].uid)
            r->w.v[m++] = r->w.v[k];
    r->w.n = m;
    free(r->w.done);
    r->w.done = calloc(r->w.n ? r->w.n : 1, 1);
    return r->w.done ? 0 : imap_session_fail(r->s, MAILIMAP_ERROR_MEMORY, "listing new messages");
}

/* Puts into *SET the window entries FROM..TO-1 that are (LARGE) or are not above
 * max_size, as ranges of consecutive entries: a UID between two listed ones does not
 * exist (UIDs only grow), so "first:last" asks for exactly those. *SET stays NULL when
 * there are none. Returns 0, or -1 when out of memory. */
static int
window_set(const struct receiver *r, size_t from, size_t to, int large,
           struct mailimap_set **set)
{
    *set = NULL;
    for (size_t k = from; k < to;) {
        if ((r->w.v[k].size > r->st->max_size) != large) {
            k++;
            continue;
        }
        size_t e = k;
        while (e + 1 < to && (r->w.v[e + 1].size > r->st->max_size) == large)
            e++;
        if ((!*set && !(*set = mailimap_set_new_empty())) ||
            mailimap_set_add_interval(*set, r->w.v[k].uid, r->w.v[e].uid) != MAILIMAP_NO_ERROR) {
            if (*set)
                mailimap_set_free(*set);
            *set = NULL;
            return -1;
        }
        k = e + 1;
    }
    return 0;
}

/* Fetches and stores window entries FROM..TO-1: those above max_size first, headers
 * only, then the others whole. */
static int
fetch_part(struct receiver *r, size_t from, size_t to)
{
    int rc = 0;

    for (int large = 1; large >= 0 && rc == 0; large--) {
        struct mailimap_set *set;
        if (window_set(r, from, to, large, &set) < 0)
            return imap_session_fail(r->s, MAILIMAP_ERROR_MEMORY, "fetching messages");
        if (!set)
            continue;
        rc = fetch_into(r, large ? RECV_HEADER : RECV_BODY, set, 1, 0,
                        large ? mailimap_section_new_header() : mailimap_section_new(NULL),
                        "fetching messages");
        mailimap_set_free(set);
    }
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
        char *folder = imap_session_wire_name(what + 5);
        if (!folder) {
            mailimap_set_free(set);
            snprintf(s->err, s->errlen, "%s: [imap] after_fetch = %s: not valid UTF-8",
                     conf_file(s->c), what);
            return EX_CONFIG;
        }
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
        free(folder);
    }
    mailimap_set_free(set);
    if (r != MAILIMAP_NO_ERROR) {
        char what_msg[128];
        snprintf(what_msg, sizeof what_msg, "[imap] after_fetch = %s", what);
        return imap_session_fail(s, r, what_msg);
    }
    return 0;
}

/* Messages listed at once, and fetched with one command: bounds the memory used (the
 * listing, and libetpan's copy of a response's lines without the messages) whatever
 * the mailbox holds; large enough that round trips are few. Tests make it smaller with
 * DOORSTEP_FETCH_WINDOW. */
#define WINDOW 5000

static int
fetch_new(struct session *s, struct store *st)
{
    uint32_t uidvalidity = 0, exists = 0, uidnext;
    long known_validity, last_uid;
    int rc;

    if ((rc = imap_session_select(s, 0, &uidvalidity, &exists)) != 0)
        return rc;
    uidnext = s->imap->imap_selection_info->sel_uidnext;
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

    struct receiver r = {
        .s = s,
        .st = st,
        .uidvalidity = uidvalidity,
        .last_uid = last_uid,
        .batch = conf_int(s->c, "fetch", "batch"),
        .total = last_uid == 0 ? (long)exists : 0,
    };
    if (r.batch < 1)
        r.batch = 1;
    /* Window after window of UIDs, from the first new one: a window that holds few
     * messages (UIDs left unused by mail deleted or moved away) doubles the next; the
     * last one, reaching UIDNEXT, is open ("N:*") so that nothing is missed. Order is
     * important: messages are committed in batches of [fetch] batch, each with the last
     * UID below which everything is stored, while the fetch goes on; after_fetch
     * touches the server only after the window's last commit. */
    const char *hook = getenv("DOORSTEP_FETCH_WINDOW");
    uint32_t wsize =
        hook && atoi(hook) > 0 && atoi(hook) <= WINDOW ? (uint32_t)atoi(hook) : WINDOW;
    uint32_t lo = (uint32_t)last_uid + 1, span = wsize;
    int last = exists == 0;
    while (rc == 0 && !last) {
        uint64_t hi = (uint64_t)lo + span - 1;
        last = !uidnext || hi + 1 >= uidnext;
        if ((rc = list_window(&r, lo, last ? 0 : (uint32_t)hi)) != 0)
            break;
        if (last)
            log_debug("%s: UIDs %u:*: %zu new messages", st->source, lo, r.w.n);
        else
            log_debug("%s: UIDs %u:%u: %zu new messages", st->source, lo, (uint32_t)hi, r.w.n);
        for (size_t k = 0; k < r.w.n && rc == 0; k += wsize)
            rc = fetch_part(&r, k, k + wsize < r.w.n ? k + wsize : r.w.n);
        if (rc == 0)
            rc = commit(&r, 1);
        if (rc == 0 && r.w.n > 0)
            rc = after_fetch(s, r.w.v[0].uid, r.w.v[r.w.n - 1].uid);
        if (!last) {
            lo = (uint32_t)hi + 1;
            if (r.w.n < wsize / 2 && span < 8 * wsize)
                span *= 2;
        }
    }
    log_progress_end();
    /* a changed UIDVALIDITY with nothing new still has to be recorded */
    if (rc == 0 && !r.recorded && known_validity != (long)uidvalidity) {
        if (store_set_mailbox(st, uidvalidity, 0, s->err, s->errlen) < 0 ||
            store_flush(st, s->err, s->errlen) < 0)
            rc = EX_CANTCREAT;
    }
    free(r.w.v);
    free(r.w.done);
    return rc;
}

int
fetch_imap_check(const conf *c, char *detail, size_t dlen, char *err, size_t errlen)
{
    struct session s;
    int rc = imap_session_open(&s, c, err, errlen);

    if (rc == 0) {
        uint32_t uidvalidity = 0, exists = 0;
        if ((rc = imap_session_select(&s, 1, &uidvalidity, &exists)) == 0)
            snprintf(detail, dlen, "%s:%d as %s, %s: %u messages, UIDVALIDITY %u", s.host,
                     s.port, s.user, s.mailbox, exists, uidvalidity);
    }
    imap_session_close(&s, rc);
    return rc;
}

/* [privacy] delete_from_mailbox: deletes from the open session's mailbox the UIDs
 * queued for SOURCE, only those fetched under the UIDVALIDITY it has now, with UID
 * STORE +FLAGS.SILENT (\Deleted) then UID EXPUNGE of exactly those UIDs (UIDPLUS:
 * a plain EXPUNGE would also remove what others marked \Deleted, so without UIDPLUS
 * nothing is deleted, and that is said). A kill at any point leaves the queue, and the
 * next run does it again: flagging and expunging the same UIDs twice is harmless. */
static int
delete_queued(struct session *s, sqlite3 *db, const char *source)
{
    struct mailbox_uid *v = NULL;
    struct mailimap_set *set = NULL;
    size_t n = 0, now = 0, other = 0;
    uint32_t validity;
    int r, rc = 0;

    if (mailbox_queued_uids(db, source, &v, &n, s->err, s->errlen) < 0)
        return EX_CANTCREAT;
    if (n == 0)
        return 0;
    if ((r = mailimap_select(s->imap, s->mailbox)) != MAILIMAP_NO_ERROR) {
        free(v);
        return imap_session_fail(s, r, "SELECT");
    }
    validity = s->imap->imap_selection_info->sel_uidvalidity;
    set = mailimap_set_new_empty();
    for (size_t i = 0; set && i < n; i++) {
        if (v[i].uidvalidity != validity)
            other++;
        else if (mailimap_set_add_single(set, v[i].uid) == MAILIMAP_NO_ERROR)
            now++;
    }
    free(v);
    if (!set)
        return imap_session_fail(s, MAILIMAP_ERROR_MEMORY, "UID STORE");
    if (other)
        log_warn("%s: %zu messages to delete are left in the mailbox: its UIDVALIDITY changed"
                 " since they were fetched, so their UIDs may now name other messages",
                 source, other);
    if (now && !mailimap_has_uidplus(s->imap)) {
        log_warn("%s: %zu messages to delete are left in the mailbox: the server has no"
                 " UIDPLUS (UID EXPUNGE), and a plain EXPUNGE would remove others' too",
                 source, now);
    } else if (now) {
        struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
        struct mailimap_store_att_flags *sf;
        mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
        sf = mailimap_store_att_flags_new_add_flags_silent(fl);
        /* order is important: flagged first, then exactly those expunged */
        r = mailimap_uid_store(s->imap, set, sf);
        mailimap_store_att_flags_free(sf);
        if (r == MAILIMAP_NO_ERROR)
            r = mailimap_uid_expunge(s->imap, set);
        if (r != MAILIMAP_NO_ERROR)
            rc = imap_session_fail(s, r, "UID STORE/UID EXPUNGE of the messages to delete");
        else
            log_info("%s: %zu messages deleted from the mailbox", source, now);
    }
    mailimap_set_free(set);
    if (rc == 0 && mailbox_unqueue(db, source, s->err, s->errlen) < 0)
        rc = EX_CANTCREAT;
    return rc;
}

int
fetch_imap_delete(const conf *c, sqlite3 *db, const char *source, char *err, size_t errlen)
{
    struct session s;
    int rc = imap_session_open(&s, c, err, errlen);

    if (rc == 0)
        rc = delete_queued(&s, db, source);
    imap_session_close(&s, rc);
    return rc;
}

int
fetch_imap(struct store *st, const conf *c, char *err, size_t errlen)
{
    struct session s;
    int rc = imap_session_open(&s, c, err, errlen);

    if (rc == 0)
        rc = fetch_new(&s, st);
    /* what purge or member forget queued and could not finish */
    if (rc == 0 && conf_bool(c, "privacy", "delete_from_mailbox"))
        rc = delete_queued(&s, st->db, st->source);
    imap_session_close(&s, rc);
    return rc;
}
