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

/* Versions of the input's constraints, decoded (as the parser does) into
 * buf; at most max. Returns the count, or max + 1 when there are more. */
static size_t input_versions(struct psirt_str in, struct psirt_str *v, size_t max, char *buf)
{
	const char *p = memchr(in.p, '/', in.len), *end = in.p + in.len, *q;
	size_t n = 0;

	if (!p)
		return 0;
	for (p++; p < end; p = q + 1) {
		for (q = p; q < end && *q != '|'; q++)
			;
		while (p < q && (*p == '<' || *p == '>' || *p == '=' || *p == '!'))
			p++;
		if (n == max)
			return max + 1;
		v[n].p = buf;
		for (; p < q; p++) {
			static const char hex[] = "0123456789ABCDEF0123456789abcdef";
			const char *h1, *h2;

			if (*p == '%' && q - p >= 3 && (h1 = memchr(hex, p[1], 32)) &&
			    (h2 = memchr(hex, p[2], 32))) {
				*buf++ = (char)(((h1 - hex) % 16) * 16 + (h2 - hex) % 16);
				p += 2;
			} else {
				*buf++ = *p;
			}
		}
		v[n].len = (size_t)(buf - v[n].p);
		n++;
	}
	return n;
}

/* Is the scheme's order, on the input's versions, the probes and extra,
 * the same as a linear order? Sorting (and so everything after it) needs
 * that. Sorts them, groups equal neighbours, and checks every pair against
 * the groups: O(n^2) compares, n <= 76. */
static int consistent(const struct psirt_vers *r, struct psirt_str in, struct psirt_str extra)
{
	struct psirt_str v[64 + 12], t;
	char buf[4096];
	int group[64 + 12], c;
	size_t n, i, j;

	if (in.len > sizeof buf)
		return 0;
	n = input_versions(in, v, 64, buf);
	if (n > 64)
		return 0;
	for (i = 0; i <= sizeof probes / sizeof probes[0]; i++) {
		t = i ? psirt_str_c(probes[i - 1]) : extra;
		if (!r->scheme->check(t, NULL))
			v[n++] = t;
	}
	for (i = 1; i < n; i++) { /* insertion sort */
		t = v[i];
		for (j = i; j > 0; j--) {
			if (r->scheme->compare(v[j - 1], t, &c, NULL) || c <= 0)
				break;
			v[j] = v[j - 1];
		}
		v[j] = t;
	}
	for (i = 0; i < n; i++) {
		group[i] = 0;
		if (i && (r->scheme->compare(v[i - 1], v[i], &c, NULL) || c > 0))
			return 0;
		if (i)
			group[i] = group[i - 1] + (c != 0);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			if (r->scheme->compare(v[i], v[j], &c, NULL))
				return 0;
			if (c != (group[i] > group[j]) - (group[i] < group[j]))
				return 0;
		}
	}
	return 1;
}

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
	/* The invariants below need the scheme's order to be a total order on
	 * the versions involved. A scheme whose compare is not transitive
	 * (found: maven, "7.obeta1" < "7.0.0-0.0-M1" < "7." < "7.obeta1")
	 * cannot give a sorted range; that is the scheme's defect, reported to
	 * its owners, not this code's. */
	if (!consistent(r, in, extra))
		goto out;
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
