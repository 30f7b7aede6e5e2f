/* libFuzzer target: package-URL parsing (src/ident/purl*.c).
 *
 * Invariants checked on every input that parses:
 *   - the canonical form parses again, to the identical canonical form;
 *   - the reparsed purl compares equal to the first (and compare is
 *     antisymmetric against a fixed other purl);
 *   - building from the parsed components gives the same canonical form;
 *   - the lenient mode accepts it too, with the same canonical form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/purl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_str in = psirt_str_make((const char *)data, size);
	struct psirt_buf c1 = PSIRT_BUF_INIT, c2 = PSIRT_BUF_INIT, c3 = PSIRT_BUF_INIT;
	struct psirt_purl p, q, r, other;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	int cmp;

	if (psirt_purl_parse(in, 0, &p, &d) != PSIRT_OK) {
		/* a failure always says why */
		check(d.code != PSIRT_OK && d.message != NULL);
		psirt_diag_release(&d);
		return 0;
	}
	check(psirt_purl_format(&p, &c1) == PSIRT_OK);
	check(psirt_purl_parse(psirt_str_make(c1.p, c1.len), 0, &q, NULL) == PSIRT_OK);
	check(psirt_purl_format(&q, &c2) == PSIRT_OK);
	check(c1.len == c2.len && !memcmp(c1.p, c2.p, c1.len));
	check(psirt_purl_compare(&p, &q) == 0 && psirt_purl_equal(&q, &p));

	check(psirt_purl_parse(psirt_str_c("pkg:npm/left-pad@1.3.0"), 0, &other, NULL) == PSIRT_OK);
	cmp = psirt_purl_compare(&p, &other);
	check(psirt_purl_compare(&other, &p) == -cmp);
	check((cmp == 0) == (c1.len == 22 && !memcmp(c1.p, "pkg:npm/left-pad@1.3.0", 22)));
	psirt_purl_release(&other);

	check(psirt_purl_build(&p, 0, &r, NULL) == PSIRT_OK);
	psirt_buf_reset(&c2);
	check(psirt_purl_format(&r, &c2) == PSIRT_OK);
	check(c1.len == c2.len && !memcmp(c1.p, c2.p, c1.len));
	psirt_purl_release(&r);

	check(psirt_purl_canonicalize(in, PSIRT_PURL_LENIENT, &c3, NULL) == PSIRT_OK);
	check(c1.len == c3.len && !memcmp(c1.p, c3.p, c1.len));

	psirt_purl_release(&p);
	psirt_purl_release(&q);
	psirt_buf_release(&c1);
	psirt_buf_release(&c2);
	psirt_buf_release(&c3);
	return 0;
}
