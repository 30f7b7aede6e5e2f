/* The identity check for purls and CPEs found in SBOMs: the ident module's
 * own parsers, so an SBOM identity is valid exactly when the matcher can use
 * it. A CPE must be a 2.3 formatted string or a 2.2 URI (the two forms SBOM
 * formats allow); the WFN notation psirt_cpe_parse also reads is not one. */
#include <stdlib.h>
#include <string.h>

#include "psirt/cpe.h"
#include "psirt/purl.h"
#include "sbom/internal.h"

int sbom__ident_check(enum sbom__ident kind, const char *s, size_t len, struct psirt_diag *why)
{
	struct psirt_str in = psirt_str_make(s, len);
	struct psirt_purl purl;
	struct psirt_cpe *cpe;

	if (kind == SBOM__PURL) {
		if (psirt_purl_parse(in, 0, &purl, why))
			return -1;
		psirt_purl_release(&purl);
		return 0;
	}
	if (!psirt_str_startswith(in, "cpe:2.3:") && !psirt_str_startswith(in, "cpe:/")) {
		psirt_diag_set(why, PSIRT_EINVAL, "neither 'cpe:2.3:' nor 'cpe:/'");
		return -1;
	}
	if (psirt_cpe_parse(in, &cpe, why))
		return -1;
	psirt_cpe_free(cpe);
	return 0;
}
