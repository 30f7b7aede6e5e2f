/* psirt — SHA-256 (FIPS 180-4).
 *
 * For fingerprints of what psirt versions (policies now; advisories' .sha256
 * files later, CSAF provider requirement 18). Incremental: init, update any
 * number of times, final. No allocation; the context is caller-owned.
 */
#ifndef PSIRT_SHA256_H
#define PSIRT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define PSIRT_SHA256_SIZE 32
/* Hex digest and its NUL. */
#define PSIRT_SHA256_HEX_SIZE 65

struct psirt_sha256 {
	uint32_t h[8];
	uint64_t bytes;          /* message length so far */
	unsigned char block[64]; /* pending input, bytes % 64 of it */
};

void psirt_sha256_init(struct psirt_sha256 *ctx);
/* Adds len bytes at data (borrowed). */
void psirt_sha256_update(struct psirt_sha256 *ctx, const void *data, size_t len);
/* Writes the digest; the context must be initialised again to be reused. */
void psirt_sha256_final(struct psirt_sha256 *ctx, unsigned char out[PSIRT_SHA256_SIZE]);
/* One call: the lower-case hex digest of len bytes at data into hex. */
void psirt_sha256_hex(const void *data, size_t len, char hex[PSIRT_SHA256_HEX_SIZE]);

#endif
