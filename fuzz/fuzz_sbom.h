/* Shared body of the SBOM fuzz targets: parse the input as one format and,
 * when it parses, check invariants that are cheap to check:
 *  - both exports succeed (CycloneDX 1.6, SPDX 2.3);
 *  - the CycloneDX export parses again, with as many components, a root
 *    when there was one, and exports to the very same bytes (a fixed point);
 *  - the SPDX export parses again with as many packages.
 * A failed invariant aborts, which libFuzzer reports as a crash. */
#ifndef PSIRT_FUZZ_SBOM_H
#define PSIRT_FUZZ_SBOM_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/sbom.h"

static void fuzz_sbom_fail(const char *what, const struct psirt_diag *d)
{
	fprintf(stderr, "invariant broken: %s: %s\n", what, d && d->message ? d->message : "");
	abort();
}

static void fuzz_sbom_one(const uint8_t *data, size_t size, enum psirt_sbom_format format)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL, *back = NULL;
	struct psirt_buf cdx = PSIRT_BUF_INIT, cdx2 = PSIRT_BUF_INIT, spdx = PSIRT_BUF_INIT;

	/* detection must never crash on anything */
	(void)psirt_sbom_detect((const char *)data, size);
	if (psirt_sbom_parse((const char *)data, size, "fuzz", format, &doc, &d)) {
		if (!d.message || doc)
			fuzz_sbom_fail("an error without a message, or a half document", &d);
		goto out;
	}
	if (!doc->created)
		doc->created = "2026-01-15T09:00:00Z";
	if (psirt_sbom_export(doc, PSIRT_SBOM_CYCLONEDX_JSON, &cdx, &d))
		fuzz_sbom_fail("CycloneDX export", &d);
	if (psirt_sbom_export(doc, PSIRT_SBOM_SPDX_JSON, &spdx, &d))
		fuzz_sbom_fail("SPDX export", &d);
	if (psirt_sbom_parse(cdx.p, cdx.len, "cdx", PSIRT_SBOM_CYCLONEDX_JSON, &back, &d))
		fuzz_sbom_fail("CycloneDX export does not parse", &d);
	if (back->n_components != doc->n_components || !back->root != !doc->root)
		fuzz_sbom_fail("CycloneDX export lost components", NULL);
	if (!back->created)
		back->created = doc->created;
	if (psirt_sbom_export(back, PSIRT_SBOM_CYCLONEDX_JSON, &cdx2, &d) ||
	    strcmp(cdx.p, cdx2.p) != 0)
		fuzz_sbom_fail("CycloneDX export is not a fixed point", &d);
	psirt_sbom_free(back);
	back = NULL;
	if (psirt_sbom_parse(spdx.p, spdx.len, "spdx", PSIRT_SBOM_SPDX_JSON, &back, &d))
		fuzz_sbom_fail("SPDX export does not parse", &d);
	if (back->n_components + (back->root != NULL) != doc->n_components + (doc->root != NULL))
		fuzz_sbom_fail("SPDX export lost packages", NULL);
out:
	psirt_sbom_free(back);
	psirt_sbom_free(doc);
	psirt_buf_release(&cdx);
	psirt_buf_release(&cdx2);
	psirt_buf_release(&spdx);
	psirt_diag_release(&d);
}

#endif
