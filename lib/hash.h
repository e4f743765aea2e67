/* hash.h — content hashes (SHA-256 through GnuTLS, which doorstep links for TLS). */
#ifndef DOORSTEP_HASH_H
#define DOORSTEP_HASH_H

#include <stddef.h>

/* Writes the lower-case hex SHA-256 of DATA into OUT (65 bytes). Returns 0 or -1. */
int hash_sha256_hex(const void *data, size_t len, char out[65]);

#endif
