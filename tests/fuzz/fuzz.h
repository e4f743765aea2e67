/* fuzz.h — what every fuzz harness defines: libFuzzer's entry point. The same file is
 * built with clang and libFuzzer by `make fuzz`, and with the replay driver (replay.c)
 * by `make check`, which runs it over the seeds and every crash ever found. */
#ifndef DOORSTEP_FUZZ_H
#define DOORSTEP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
