/* mem.h — the C library's allocator set for a short batch program on a machine where
 * a page's first touch is dear: on the project's virtual machine a fault of a 4 KiB
 * page cost about 15 us, and a stage of a group's day took a thousand or more. */
#ifndef DOORSTEP_MEM_H
#define DOORSTEP_MEM_H

#include <stddef.h>

/* Keeps freed memory for reuse instead of giving it back to the kernel (no trimming,
 * no separate mapping for large blocks: a render's fonts and compressed streams came
 * back as fresh pages for each document), and, when the kernel gives transparent huge
 * pages on request, touches WARM bytes of the heap in pages of 2 MiB first and frees
 * them for the program's own allocations: a few faults where it would take 256 a
 * MiB. WARM should be no more than the program comes to use: where huge pages are
 * refused it is touched 4 KiB at a time, which the program would have done anyway.
 * Call it first thing in main(). */
void mem_setup(size_t warm);

#endif
