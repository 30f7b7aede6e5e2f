/* stub */
#include "sbom/internal.h"
static int sniff(const struct sbom__sniff *s) { (void)s; return 0; }
static enum psirt_err parse(struct sbom__ctx *ctx) { return sbom__fail(ctx, PSIRT_EUNSUPPORTED, 0, "not yet"); }
const struct sbom__format sbom__fmt_spdx3_jsonld = { .format = PSIRT_SBOM_SPDX3_JSONLD, .name = "spdx3-jsonld", .sniff = sniff, .parse = parse, .export = NULL };
