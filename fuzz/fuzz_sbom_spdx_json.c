/* libFuzzer target: the SPDX 2.2/2.3 JSON reader (see fuzz_sbom.h for the
 * invariants checked on what parses). */
#include "fuzz_sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_sbom_one(data, size, PSIRT_SBOM_SPDX_JSON);
	return 0;
}
