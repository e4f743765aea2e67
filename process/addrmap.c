/* addrmap.c — addresses to what a run has read about them, in a hash table keyed by
 * the address in lower case. */
#include "addrmap.h"

#include <stdlib.h>
#include <string.h>

/* ASCII letters only, as SQLite's NOCASE folds them */
static char
lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static size_t
addr_hash(const char *s)
{
    size_t h = 2166136261u;

    for (; *s; s++)
        h = (h ^ (unsigned char)lower(*s)) * 16777619u;
    return h;
}

static int
same(const char *key, const char *addr)
{
    for (; *key && *key == lower(*addr); key++, addr++)
        ;
    return *key == '\0' && *addr == '\0';
}

/* Doubles the table (or makes it). 0 or -1. */
static int
grow(struct addrmap *m)
{
    size_t cap = m->slot ? (m->mask + 1) * 2 : 256;
    struct addrmap_entry *slot = calloc(cap, sizeof *slot);

    if (!slot)
        return -1;
    for (size_t i = 0; m->slot && i <= m->mask; i++) {
        if (!m->slot[i].addr)
            continue;
        size_t k = addr_hash(m->slot[i].addr) & (cap - 1);
        while (slot[k].addr)
            k = (k + 1) & (cap - 1);
        slot[k] = m->slot[i];
    }
    free(m->slot);
    m->slot = slot;
    m->mask = cap - 1;
    return 0;
}

struct addrmap_entry *
addrmap_get(struct addrmap *m, const char *addr)
{
    size_t k;

    /* at most half full: probes stay short */
    if ((!m->slot || 2 * (m->n + 1) > m->mask + 1) && grow(m) < 0)
        return NULL;
    for (k = addr_hash(addr) & m->mask; m->slot[k].addr; k = (k + 1) & m->mask)
        if (same(m->slot[k].addr, addr))
            return &m->slot[k];
    struct addrmap_entry *e = &m->slot[k];
    size_t len = strlen(addr);
    if (!(e->addr = malloc(len + 1)))
        return NULL;
    for (size_t i = 0; i <= len; i++)
        e->addr[i] = lower(addr[i]);
    e->member_id = 0;
    e->status[0] = '\0';
    e->replies_today = -1;
    m->n++;
    return e;
}

void
addrmap_clear(struct addrmap *m)
{
    for (size_t i = 0; m->slot && i <= m->mask; i++) {
        free(m->slot[i].addr);
        m->slot[i].addr = NULL;
    }
    m->n = 0;
}

void
addrmap_free(struct addrmap *m)
{
    addrmap_clear(m);
    free(m->slot);
    m->slot = NULL;
    m->mask = 0;
}
