/* fuzz_mailhdr.c — fetch's header scanner (Message-ID) on any bytes. */
#include <stdlib.h>

#include "fuzz.h"
#include "mailhdr.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    free(mailhdr_message_id((const char *)data, size));
    free(mailhdr_get((const char *)data, size, "Subject"));
    return 0;
}
