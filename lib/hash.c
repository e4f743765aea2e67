/* hash.c — SHA-256 of message bytes, by GnuTLS. */
#include "hash.h"

#include <gnutls/crypto.h>
#include <stdio.h>

int
hash_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char d[32];

    if (gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, d) < 0)
        return -1;
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
    return 0;
}
