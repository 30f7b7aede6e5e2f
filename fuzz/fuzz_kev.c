/* libFuzzer target: the CISA KEV catalog parser, no store. */
#include <string.h>

#include "fuzz_common.h"
#include "psirt/isotime.h"

static enum psirt_err on_kev(void *ctx, const struct psirt_kev_entry *e, struct psirt_diag *d)
{
	const struct psirt_vuln_str *c;

	(void)ctx;
	(void)d;
	fuzz_check(e->cve && !strncmp(e->cve, "CVE-", 4));
	fuzz_check(e->date_added && psirt_isotime_is_date(e->date_added, strlen(e->date_added)));
	fuzz_check(!e->catalog_date || strlen(e->catalog_date) == PSIRT_ISOTIME_LEN);
	for (c = e->cwes; c; c = c->next)
		fuzz_check(c->value != NULL);
	return PSIRT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_feed_sink sink = { NULL, on_kev, NULL, NULL, NULL };

	fuzz_twice(PSIRT_FEED_KEV, &sink, NULL, data, size);
	return 0;
}
