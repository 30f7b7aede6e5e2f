/* psirt — SHA-256 (FIPS 180-4), for the fingerprints psirt keeps of what it
 * imported (an SBOM file's sha256 in the store's import history) and for
 * ids derived from content.
 *
 * Streaming: init, update any number of times, final. No allocation; the
 * context is caller-owned storage.
 */
#ifndef PSIRT_SHA256_H
#define PSIRT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define PSIRT_SHA256_LEN 32
/* Lower-case hex digest, without the NUL. */
#define PSIRT_SHA256_HEX_LEN 64

struct psirt_sha256 {
	uint32_t h[8];
	uint64_t bytes;         /* message length so far */
	unsigned char block[64];
	size_t used;            /* bytes waiting in block */
};

void psirt_sha256_init(struct psirt_sha256 *c);
void psirt_sha256_update(struct psirt_sha256 *c, const void *data, size_t len);
/* Writes the digest; the context must be initialised again before reuse. */
void psirt_sha256_final(struct psirt_sha256 *c, unsigned char out[PSIRT_SHA256_LEN]);
/* One-shot digest of data as lower-case hex plus a NUL. */
void psirt_sha256_hex(const void *data, size_t len, char out[PSIRT_SHA256_HEX_LEN + 1]);

#endif
