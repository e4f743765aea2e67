/* mem.c — the allocator set up for a batch program (mem.h). */
#include "mem.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Whether the kernel gives transparent huge pages to memory that asks for them
 * ("always" or "madvise" chosen in /sys). */
static int
huge_pages_on_request(void)
{
    char line[128] = "";
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");

    if (!f)
        return 0;
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    return strstr(line, "[always]") || strstr(line, "[madvise]");
}

void
mem_setup(size_t warm)
{
    char *p;

    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    if (warm < 2 * HUGE_PAGE || !huge_pages_on_request() || !(p = malloc(warm)))
        return;
    /* the whole huge pages inside the block (the heap is not aligned to them) */
    uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t to = ((uintptr_t)p + warm) & ~(HUGE_PAGE - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE);
    memset(p, 0, warm);
    free(p); /* (kept: no trimming) */
}
