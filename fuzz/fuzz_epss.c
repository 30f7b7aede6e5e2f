/* libFuzzer target: the FIRST EPSS CSV parser, no store. */
#include <string.h>

#include "fuzz_common.h"
#include "psirt/isotime.h"

static enum psirt_err on_epss(void *ctx, const struct psirt_epss_score *s, struct psirt_diag *d)
{
	(void)ctx;
	(void)d;
	fuzz_check(s->cve && !strncmp(s->cve, "CVE-", 4));
	fuzz_check(s->score >= 0 && s->score <= 1);
	fuzz_check(!s->has_percentile || (s->percentile >= 0 && s->percentile <= 1));
	fuzz_check(s->score_date && strlen(s->score_date) == PSIRT_ISOTIME_LEN);
	return PSIRT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_feed_sink sink = { NULL, NULL, on_epss, NULL, NULL };

	/* a name with a date, so that files without the comment line parse */
	fuzz_twice(PSIRT_FEED_EPSS, &sink, "epss_scores-2021-04-14.csv", data, size);
	return 0;
}
