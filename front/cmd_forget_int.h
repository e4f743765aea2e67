/* cmd_forget_int.h — what front/cmd_forget.c (the erasure) and cmd_forget_details.c (the
 * details collected about the person) share; nothing else includes it. */
#ifndef DOORSTEP_CMD_FORGET_INT_H
#define DOORSTEP_CMD_FORGET_INT_H

#include <stddef.h>

#include "front.h"

/* The details to forget, the longest first (so that "Ann Lee" goes whole before
 * "Lee" alone), loaded from temp.who_details once they are all collected; ADDR, the
 * address itself, is applied first (an "email" detail). */
struct detail_set {
    const char *addr;
    size_t n;
    char **kind, **detail;
};

/* cmd_forget.c: runs SQL with ?1 = ADDR and ?2 = now; returns the rows changed, -1 on
 * error (logged). */
int forget_run(sqlite3 *db, const char *sql, const char *addr);

/* cmd_forget_details.c: collects into temp.who_details the person's details: their
 * member row's name, and from each of their messages (temp.who_msgs) their display name
 * and the details of their own words. Returns 0 or -1 (logged). */
int forget_collect_details(const conf *c, sqlite3 *db, const char *addr);
/* cmd_forget_details.c: loads temp.who_details into DS (for ADDR) and registers the SQL
 * functions has_details and redact_details on DB with it. Returns 0 or -1 (logged);
 * forget_details_free frees what it loaded. */
int forget_details_load(sqlite3 *db, const char *addr, struct detail_set *ds);
void forget_details_free(struct detail_set *ds);
/* cmd_forget_details.c: S (N bytes) with the address and every detail of DS replaced by
 * "[forgotten]": a malloc'd copy in *OUT and *OUTLEN, or *OUT NULL when there was none.
 * Returns 0, or -1 when out of memory. */
int forget_details_redact(const struct detail_set *ds, const void *s, size_t n, char **out,
                          size_t *outlen);

#endif
