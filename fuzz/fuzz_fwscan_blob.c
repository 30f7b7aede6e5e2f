/* libFuzzer target: the signature scanner over a blob. The first byte picks
 * a file name (so that named signatures run too), the rest is the file.
 * Never crash; both engines (vectorscan in one pass, PCRE2 per signature)
 * find the same components; every version is short and printable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/fwscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"blob", "libxml2.so.2", "libjansson.so.4", "libjson-c.so.5", "dummy.ko",
	"libc.musl-x86_64.so.1", "lib/ld-uClibc-1.0.45.so", "libcrypto.so.3",
};

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *a = NULL, *b = NULL;
	struct psirt_fwscan_options opt;
	const char *name;
	size_t i;

	if (size < 1)
		return 0;
	name = names[data[0] % (sizeof names / sizeof names[0])];
	memset(&opt, 0, sizeof opt);
	check(psirt_fwscan_blob(data + 1, size - 1, name, &opt, &a, &diag) == PSIRT_OK);
	opt.engine = PSIRT_FWSCAN_ENGINE_PCRE2;
	check(psirt_fwscan_blob(data + 1, size - 1, name, &opt, &b, &diag) == PSIRT_OK);
	check(a->n_components == b->n_components);
	for (i = 0; i < a->n_components; i++) {
		const struct psirt_sbom_component *c = a->components[i];
		const char *v;

		check(!strcmp(c->name, b->components[i]->name));
		check(!strcmp(c->version, b->components[i]->version));
		check(c->purl && !(c->flags & PSIRT_SBOM_C_BAD_PURL));
		check(strlen(c->version) <= 64);
		for (v = c->version; *v; v++)
			check(*v > 0x20 && *v < 0x7f);
	}
	psirt_sbom_free(a);
	psirt_sbom_free(b);
	psirt_diag_release(&diag);
	return 0;
}
