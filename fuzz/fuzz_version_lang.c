/* libFuzzer target for the semver, golang, maven, pypi and generic version
 * schemes. Input: one byte choosing the scheme, then up to three versions
 * separated by '\n'. Checks, besides not crashing under ASan/UBSan:
 * - check() and compare() agree on validity, and an error carries a message
 *   and a column within the input;
 * - compare(x, x) == 0 for a valid x; compare is antisymmetric;
 * - compare is transitive over three versions, equality included (so equal
 *   versions compare alike with a third): every scheme, maven included, must
 *   be a strict weak order, as vers and OSV ranges sort and binary-search;
 * - semver: the fused compare() (scheme_semver.c's word-at-a-time core and
 *   tail state machine) agrees with the struct parser and its precedence
 *   function, in validity and in result;
 * - where the scheme has sort keys (generic), the keys order as compare()
 *   does, and a key is refused exactly when check() refuses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/version.h"
#include "version/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { "semver", "golang", "maven", "pypi", "generic" };

static void must(int ok)
{
	if (!ok)
		abort();
}

static int check(const struct psirt_version_scheme *s, struct psirt_str v)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err e = s->check(v, &d);

	if (e) {
		must(e == PSIRT_EINVAL || e == PSIRT_ETOOBIG);
		must(d.code == e && d.message != NULL);
		must(d.column >= 0 && (size_t)d.column <= v.len + 1);
	} else {
		must(d.code == PSIRT_OK);
	}
	psirt_diag_release(&d);
	return e == PSIRT_OK;
}

/* compare() result, or 2 when it refused. */
static int compare(const struct psirt_version_scheme *s, struct psirt_str a, struct psirt_str b)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	int r = 42;
	enum psirt_err e = s->compare(a, b, &r, &d);

	if (e) {
		must(r == 42 && d.message != NULL);
		psirt_diag_release(&d);
		return 2;
	}
	must(r == -1 || r == 0 || r == 1);
	return r;
}

/* Sort-key order of a and b, or 2 when a key was refused. */
static int key_order(const struct psirt_version_scheme *s, struct psirt_str a, struct psirt_str b)
{
	struct psirt_buf ka = PSIRT_BUF_INIT, kb = PSIRT_BUF_INIT;
	int r = 2;

	if (!psirt_version_sort_key(s, a, &ka, NULL) && !psirt_version_sort_key(s, b, &kb, NULL)) {
		must(ka.len <= PSIRT_VERSION_KEY_MAX && kb.len <= PSIRT_VERSION_KEY_MAX);
		r = psirt_version_key_cmp(ka.p, ka.len, kb.p, kb.len);
	}
	psirt_buf_release(&ka);
	psirt_buf_release(&kb);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct psirt_version_scheme *s;
	struct psirt_str v[3];
	int ok[3], r[3][3], n = 0, i, j;
	size_t start = 1, k;

	if (size < 1)
		return 0;
	s = psirt_version_scheme_find(psirt_str_c(names[data[0] % 5]));
	must(s != NULL);
	for (k = 1; k <= size && n < 3; k++) {
		if (k == size || data[k] == '\n') {
			v[n++] = psirt_str_make((const char *)data + start, k - start);
			start = k + 1;
		}
	}
	for (i = 0; i < n; i++) {
		ok[i] = check(s, v[i]);
		if (ok[i])
			must(compare(s, v[i], v[i]) == 0);
		if (s->sort_key)
			must(key_order(s, v[i], v[i]) == (ok[i] ? 0 : 2));
	}
	if (!strcmp(s->name, "semver")) {
		for (i = 0; i < n; i++) {
			for (j = 0; j < n; j++) {
				struct version__semver pa, pb;
				int ok2 = !version__semver_parse(v[i], 0, "semver", &pa, NULL) &&
				          !version__semver_parse(v[j], 0, "semver", &pb, NULL);
				int got = compare(s, v[i], v[j]);

				must((got != 2) == ok2);
				if (ok2)
					must(got == version__semver_cmp(&pa, &pb));
			}
		}
	}
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			int ab = compare(s, v[i], v[j]), ba = compare(s, v[j], v[i]);

			must((ab == 2) == !(ok[i] && ok[j]));
			must((ba == 2) == (ab == 2));
			if (ab != 2)
				must(ab == -ba);
			if (s->sort_key)
				must(key_order(s, v[i], v[j]) == ab);
			r[i][j] = ab;
			r[j][i] = ba;
		}
	}
	/* every order of the three: a <= b <= c means a <= c, and a < c
	 * unless a = b = c */
	for (i = 0; n == 3 && ok[0] && ok[1] && ok[2] && i < 3; i++) {
		for (j = 0; j < 3; j++) {
			int l = 3 - i - j; /* the third one */

			if (j == i || r[i][j] > 0 || r[j][l] > 0)
				continue;
			must(r[i][l] < 0 || (r[i][l] == 0 && r[i][j] == 0 && r[j][l] == 0));
		}
	}
	return 0;
}
