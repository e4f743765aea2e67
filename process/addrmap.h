/* addrmap.h — what a run of doorstep-process has read about the addresses that write
 * to the group (their member row, how many automatic messages they are due today), so
 * that the next mail from the same address does not read it again: a busy group's
 * mail comes from a few hundred people. Addresses in any case are one, as the
 * database's NOCASE columns compare them (ASCII letters). */
#ifndef DOORSTEP_ADDRMAP_H
#define DOORSTEP_ADDRMAP_H

#include <stddef.h>

struct addrmap_entry {
    char *addr;         /* lower case */
    long member_id;     /* the members row, 0 while not read */
    char status[16];    /* its status then */
    long replies_today; /* replies counted as response_reply_due counts them, -1: not read */
};

struct addrmap {
    struct addrmap_entry *slot; /* open addressing; addr NULL: empty */
    size_t mask, n;
};

/* The entry of ADDR, added (member_id 0, replies_today -1) when it has none. NULL when
 * out of memory. */
struct addrmap_entry *addrmap_get(struct addrmap *m, const char *addr);

/* Forgets every address (the database may have changed under the run). */
void addrmap_clear(struct addrmap *m);
void addrmap_free(struct addrmap *m);

#endif
