/* libFuzzer target for a finding's stored evidence (src/store/evpack.c):
 * the bytes psirt_evpack_unpack reads come from a store file, which may be
 * handed over from elsewhere.
 *
 * Input: a stored blob (format byte, zstd frame). Checks:
 * - unpack never crashes, and either refuses (EINVAL, ETOOBIG, appending
 *   nothing) or gives at most PSIRT_EVPACK_MAX bytes;
 * - what it gives packs and unpacks to itself;
 * - the input taken as a text packs and unpacks to itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/evpack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                 \
	do {                            \
		if (!(cond))                \
			__builtin_trap();       \
	} while (0)

/* packs text and checks it comes back as it was */
static void round_trip(struct psirt_evpack *p, const char *text, size_t len)
{
	struct psirt_buf packed = PSIRT_BUF_INIT, back = PSIRT_BUF_INIT;

	CHECK(psirt_evpack_pack(p, text, len, &packed, NULL) == PSIRT_OK);
	CHECK(packed.len > 1 && (unsigned char)packed.p[0] == PSIRT_EVPACK_ZSTD_V1);
	CHECK(psirt_evpack_unpack(p, packed.p, packed.len, &back, NULL) == PSIRT_OK);
	CHECK(back.len == len && !memcmp(back.p, text, len));
	psirt_buf_release(&packed);
	psirt_buf_release(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct psirt_evpack *p;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf out = PSIRT_BUF_INIT;
	enum psirt_err err;

	if (!p && psirt_evpack_new(&p, NULL))
		abort();
	err = psirt_evpack_unpack(p, data, size, &out, &d);
	if (err) {
		CHECK(err == PSIRT_EINVAL || err == PSIRT_ETOOBIG);
		CHECK(out.len == 0 && d.message != NULL);
	} else {
		CHECK(out.len <= PSIRT_EVPACK_MAX && out.p[out.len] == 0);
		round_trip(p, out.p, out.len);
	}
	round_trip(p, (const char *)data, size);
	psirt_buf_release(&out);
	psirt_diag_release(&d);
	return 0;
}
