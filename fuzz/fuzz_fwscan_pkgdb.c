/* libFuzzer target: the package database readers (dpkg status, opkg status,
 * apk installed). The first byte picks the kind, the rest is the text.
 * Never crash; every component has a name and a version; a purl, when
 * there is one, is valid (built through psirt_purl_build). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/fwscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;
	enum psirt_fwscan_pkgdb kind;
	size_t i;

	if (size < 1)
		return 0;
	kind = (enum psirt_fwscan_pkgdb)(data[0] % 3);
	if (psirt_fwscan_pkgdb(kind, (const char *)data + 1, size - 1, "status", &doc, &diag) !=
	    PSIRT_OK) {
		check(diag.message != NULL && doc == NULL);
		psirt_diag_release(&diag);
		return 0;
	}
	for (i = 0; i < doc->n_components; i++) {
		const struct psirt_sbom_component *c = doc->components[i];

		check(c->name && *c->name && c->version && *c->version);
		check(!(c->flags & PSIRT_SBOM_C_BAD_PURL));
	}
	psirt_sbom_free(doc);
	psirt_diag_release(&diag);
	return 0;
}
