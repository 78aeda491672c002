/* sha256.h - SHA-256 (FIPS 180-4) of a byte string, for automatic persisted queries,
 * whose clients name a query by the hex SHA-256 of its text. */
#ifndef RELATA_BASE_SHA256_H
#define RELATA_BASE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The digest of `len` bytes at `data`. */
void sha256(const void *data, size_t len, uint8_t out[32]);

/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
