/* Fuzz target: vers ranges and OSV range events.
 *
 * Input: a vers string, optionally followed by '\n' and a version to test.
 * "vers:dotted/..." uses the tests' dotted scheme (a total order by
 * construction), any other type the registry's scheme.
 * Invariants checked (abort on violation):
 * - a range that parses prints a canonical form that parses again, strictly,
 *   to the same text, and psirt_vers_build() of its constraints agrees;
 * - each constraint's own version is inside the range exactly when its
 *   comparator includes it ("=", "<=", ">=");
 * - the constraints read as OSV events (>= introduced, < fixed, <= last
 *   affected, = introduced, != limit) give the same answer through
 *   psirt_osv_range_contains() as through the vers form that
 *   psirt_osv_range_to_vers() prints.
 * These rely on every scheme's compare being a strict weak order (ranges
 * are sorted and binary-searched); fuzz_version_lang and fuzz_version_dist
 * check that of each scheme.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/osv_range.h"
#include "psirt/vers.h"
#include "../tests/version/test_schemes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x) do { if (!(x)) abort(); } while (0)

static const char *const probes[] = { "0", "1", "1.0", "1.0.0", "1.5", "2.0~rc1", "2.0", "3.0.0-rc.1",
                                      "1:1.0-1", "10" };

/* Compares satisfies with the OSV reading of the same constraints. */
static void check_osv(const struct psirt_vers *r, struct psirt_str extra)
{
	struct psirt_osv_event ev[64];
	struct psirt_osv_range osv = { PSIRT_OSV_ECOSYSTEM, ev, 0 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_vers *back = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i;
	int in_osv, in_vers;

	if (r->count > 64 || r->constraints[0].op == PSIRT_VERS_ANY)
		return;
	for (i = 0; i < r->count; i++) {
		static const enum psirt_osv_event_kind kinds[] = {
			[PSIRT_VERS_EQ] = PSIRT_OSV_INTRODUCED, [PSIRT_VERS_NE] = PSIRT_OSV_LIMIT,
			[PSIRT_VERS_LT] = PSIRT_OSV_FIXED,      [PSIRT_VERS_LE] = PSIRT_OSV_LAST_AFFECTED,
			[PSIRT_VERS_GT] = PSIRT_OSV_INTRODUCED, [PSIRT_VERS_GE] = PSIRT_OSV_INTRODUCED,
		};
		ev[i].kind = kinds[r->constraints[i].op];
		ev[i].version = r->constraints[i].version;
	}
	osv.count = r->count;
	if (psirt_osv_range_to_vers(&osv, r->scheme, r->type, &b, &d)) {
		/* the only refusals: nothing affected, or no introduced event */
		CHECK(d.code == PSIRT_EINVAL &&
		      (!strcmp(d.message, "OSV range affects no version") ||
		       !strcmp(d.message, "OSV range has no 'introduced' event")));
		psirt_diag_release(&d);
		psirt_buf_release(&b);
		return;
	}
	CHECK(!psirt_vers_parse(psirt_str_make(b.p, b.len), r->scheme, PSIRT_VERS_STRICT, NULL, &back,
	                        NULL));
	for (i = 0; i <= sizeof probes / sizeof probes[0] + r->count; i++) {
		struct psirt_str v = i < r->count ? r->constraints[i].version
		                     : i == r->count ? extra
		                                     : psirt_str_c(probes[i - r->count - 1]);

		if (psirt_osv_range_contains(&osv, r->scheme, v, &in_osv, NULL))
			continue;
		CHECK(!psirt_vers_satisfies(back, v, &in_vers, NULL));
		CHECK(in_osv == in_vers);
	}
	psirt_vers_free(back);
	psirt_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(data, '\n', size);
	struct psirt_str in = psirt_str_make(text, nl ? (size_t)(nl - text) : size);
	struct psirt_str extra = nl ? psirt_str_make(nl + 1, size - in.len - 1) : psirt_str_c("1.0");
	struct psirt_vers *r = NULL, *again = NULL, *built = NULL;
	struct psirt_buf b1 = PSIRT_BUF_INIT, b2 = PSIRT_BUF_INIT, b3 = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i;
	int inside;

	const struct psirt_version_scheme *scheme =
		psirt_str_startswith(in, "vers:dotted/") ? &test_scheme_dotted : NULL;

	/* strict and lenient both must never crash; strict success implies
	 * lenient success */
	if (!psirt_vers_parse(in, scheme, PSIRT_VERS_STRICT, NULL, &r, &d)) {
		psirt_vers_free(r);
		r = NULL;
		CHECK(!psirt_vers_parse(in, scheme, 0, NULL, &r, NULL));
	} else if (psirt_vers_parse(in, scheme, 0, NULL, &r, NULL)) {
		goto out;
	}
	psirt_diag_release(&d);
	CHECK(!psirt_vers_format(r, &b1));
	CHECK(!psirt_vers_parse(psirt_str_make(b1.p, b1.len), scheme, PSIRT_VERS_STRICT, NULL, &again,
	                        &d));
	CHECK(!psirt_vers_format(again, &b2));
	CHECK(b1.len == b2.len && !memcmp(b1.p, b2.p, b1.len));
	CHECK(!psirt_vers_build(r->type, r->scheme, r->constraints, r->count, NULL, &built, NULL));
	CHECK(!psirt_vers_format(built, &b3));
	CHECK(b1.len == b3.len && !memcmp(b1.p, b3.p, b1.len));
	for (i = 0; i < r->count; i++) {
		enum psirt_vers_op op = r->constraints[i].op;

		if (op == PSIRT_VERS_ANY)
			continue;
		CHECK(!psirt_vers_satisfies(r, r->constraints[i].version, &inside, NULL));
		CHECK(inside == (op == PSIRT_VERS_EQ || op == PSIRT_VERS_LE || op == PSIRT_VERS_GE));
	}
	psirt_vers_satisfies(r, extra, &inside, NULL);
	check_osv(r, extra);
out:
	psirt_diag_release(&d);
	psirt_buf_release(&b1);
	psirt_buf_release(&b2);
	psirt_buf_release(&b3);
	psirt_vers_free(r);
	psirt_vers_free(again);
	psirt_vers_free(built);
	return 0;
}
