/* libFuzzer target: arbitrary bytes as a CVSS vector. Never crash; when the
 * bytes parse, the canonical form must parse to the same vector and the same
 * scores, be its own canonical form, and every score must lie in 0..10. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/cvss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static int in_range(int tenths)
{
	return tenths >= 0 && tenths <= 100;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_cvss c, again;
	struct psirt_cvss_scores sc, sc2;
	char canon[PSIRT_CVSS_FORMAT_MAX], canon2[PSIRT_CVSS_FORMAT_MAX];
	size_t n, n2;
	enum psirt_err err;

	err = psirt_cvss_parse(&c, (const char *)data, size, &diag);
	if (err != PSIRT_OK) {
		/* a failure always says where and what */
		check(diag.code == err && diag.message && diag.column > 0);
		psirt_diag_release(&diag);
		return 0;
	}
	psirt_cvss_score(&c, &sc);
	check(in_range(sc.base) && in_range(sc.temporal) && in_range(sc.environmental) &&
	      in_range(sc.overall));
	n = psirt_cvss_format(&c, canon, sizeof canon);
	check(n < sizeof canon && strlen(canon) == n);
	check(psirt_cvss_parse(&again, canon, n, NULL) == PSIRT_OK);
	psirt_cvss_score(&again, &sc2);
	check(!memcmp(&sc, &sc2, sizeof sc));
	n2 = psirt_cvss_format(&again, canon2, sizeof canon2);
	check(n2 == n && !memcmp(canon, canon2, n));
	return 0;
}
