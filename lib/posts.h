/* posts.h — the one writer of the posts table (issue 15): a new post, its status
 * (closed, reopened, renewed, expired, withdrawn, held and released), a coordinator's
 * corrections with their audit rows (post_edits), the digest that announced it, its
 * erasure; and the triage notes that settle with their post. Every program that
 * changes a post calls this module, so that a rule about posts lives in one place.
 *
 * Every function works inside the caller's transaction (none begins or commits), and
 * returns 0 or -1 with ERR set ("FILE: SQL error: ...") unless it says otherwise.
 * WHO, where a function takes it, is the Unix user of a coordinator's command: with
 * WHO each field changed is recorded in post_edits (post, at, who, field, old, new);
 * NULL is a change by the mail pipeline itself (the message is its record). */
#ifndef DOORSTEP_POSTS_H
#define DOORSTEP_POSTS_H

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

/* A post to insert; NULL strings and 0 numbers are stored as NULL. */
struct posts_new {
    const char *ref;      /* "R-0042" (db_next_ref) */
    const char *kind;     /* "offer" or "request" */
    const char *category; /* never NULL */
    const char *area, *street;
    const char *title; /* public, redacted by the caller; never NULL */
    const char *body;  /* private: the message's text, or a by-hand post's details */
    const char *summary;
    long message;   /* the message it came from; 0 for a post entered by hand */
    long member;    /* the poster's members.id; 0 for none */
    time_t created; /* created_at */
    const char *needed_by, *expires; /* "YYYY-MM-DD" */
    const char *status; /* open, held, triage, expired... */
    time_t closed;      /* closed_at; 0 for none */
};

/* A stored post, as commands find it. */
struct posts_row {
    long id, member, message;
    char ref[24], kind[16], status[16], category[64];
    char expires[11], needed[11];
};

/* Inserts P; its new id in *ID when ID is not NULL. */
int posts_insert(sqlite3 *db, const struct posts_new *p, long *id, char *err, size_t errlen);

/* The post whose code is REF (exact, upper case: "R-0042"), or whose code was REF
 * before a coordinator changed its kind (the code changed with it). 1 found (OUT
 * filled), 0 none, -1 error. */
int posts_find(sqlite3 *db, const char *ref, struct posts_row *out, char *err, size_t errlen);

/* Whether STATUS is a closed one (taken, done, withdrawn, expired). Never fails. */
int posts_closed_status(const char *status);

/* Sets post ID's status to STATUS and closed_at to WHEN (0: NULL), whatever it was:
 * a closing (taken, done, withdrawn), an expiry, or back to open (then expires_at is
 * left alone: posts_reopen sets it too). Audited with WHO. */
int posts_set_status(sqlite3 *db, long id, const char *status, time_t when, const char *who,
                     char *err, size_t errlen);

/* A closed, expired or withdrawn post open again until EXPIRES ("YYYY-MM-DD"):
 * status open, closed_at NULL. Audited with WHO (status and expires_at). */
int posts_reopen(sqlite3 *db, long id, const char *expires, const char *who, char *err,
                 size_t errlen);

/* RENEW: an open or expired post kept DAYS more days from its expiry or from TODAY,
 * whichever is later, and open; *RENEWED is 1 when it was, 0 when its status is
 * another (closed, held, triage: nothing changes). Audited with WHO. */
int posts_renew(sqlite3 *db, long id, const char *today, long days, const char *who,
                int *renewed, char *err, size_t errlen);

/* Open and triage posts whose expires_at (and needed_by) are before TODAY become
 * expired, closed at NOW; how many in *N. */
int posts_expire(sqlite3 *db, const char *today, time_t now, long *n, char *err,
                 size_t errlen);

/* The held, open and triage posts of the member EMAIL withdrawn (a blocked sender),
 * closed at NOW; how many in *N. */
int posts_withdraw_member(sqlite3 *db, const char *email, time_t now, long *n, char *err,
                          size_t errlen);

/* The held posts of the member EMAIL released (an approved sender): triage when an
 * unresolved triage note is about them, else open; how many in *N. */
int posts_release_member(sqlite3 *db, const char *email, long *n, char *err, size_t errlen);

/* Records that the digest KEY first announced the post REF (kept when one did already). */
int posts_mark_announced(sqlite3 *db, const char *ref, const char *key, char *err,
                         size_t errlen);

/* Sets FIELD of post ID to VALUE (NULL: none), with its post_edits row by WHO at WHEN
 * when it changed; *CHANGED (may be NULL) says whether it did. FIELD is one of title,
 * summary, street, area, category, needed_by, expires_at; anything else is an error. */
int posts_edit(sqlite3 *db, long id, const char *field, const char *value, const char *who,
               time_t when, int *changed, char *err, size_t errlen);

/* Makes post ID a KIND ("offer" or "request"): the kind and a new code of that kind
 * (O-.../R-..., into NEWREF; posts_find still finds the old one), audited. When it is
 * that kind already nothing changes and NEWREF is its code. */
int posts_set_kind(sqlite3 *db, long id, const char *kind, const char *who, time_t when,
                   char newref[24], char *err, size_t errlen);

/* A forgotten member's post ID: with KEEP (others' matches or notes need it) it stays
 * withdrawn without its body, poster or message; else it is deleted. Its post_edits
 * rows are deleted either way. *N (may be NULL) counts the post. */
int posts_forget(sqlite3 *db, long id, int keep, time_t now, long *n, char *err,
                 size_t errlen);

/* Triage notes whose post is closed, expired or withdrawn are settled (resolution
 * "closed") at NOW; how many in *N (may be NULL). */
int posts_triage_settle(sqlite3 *db, time_t now, long *n, char *err, size_t errlen);

/* Settles the open triage note NOTE as RESOLUTION by WHO at NOW. 1 settled, 0 when it
 * does not exist or was settled already, -1 error. */
int posts_triage_resolve(sqlite3 *db, long note, const char *resolution, const char *who,
                         time_t now, char *err, size_t errlen);

#endif
