/* libFuzzer target for the Linux-distribution version schemes.
 *
 * Input: the first byte picks the scheme (deb, rpm, apk, opkg by its low two
 * bits); the rest is split at '\n' into up to three versions ('\n' is
 * invalid in every one of them, so nothing is lost), or, without a '\n',
 * into two halves. Invariants checked:
 *   - compare fails exactly when check refuses one side, and then leaves
 *     the result alone and names the side;
 *   - a refusal has a column inside the input (or none);
 *   - compare(x, x) == 0, compare(a, b) == -compare(b, a), results in
 *     {-1, 0, 1};
 *   - with three valid versions, the order is transitive.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct psirt_version_scheme *const dist_schemes[] = {
	&psirt_scheme_deb,
	&psirt_scheme_rpm,
	&psirt_scheme_apk,
	&psirt_scheme_opkg,
};

static int order(const struct psirt_version_scheme *s, struct psirt_str a, struct psirt_str b)
{
	int r = 7;

	if (s->compare(a, b, &r, NULL) || r < -1 || r > 1)
		abort();
	return r;
}

static int checked(const struct psirt_version_scheme *s, struct psirt_str v)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err = s->check(v, &d);

	if (err != PSIRT_OK) {
		if ((err != PSIRT_EINVAL && err != PSIRT_ETOOBIG) || !d.message)
			abort();
		if (d.column < 0 || (size_t)d.column > v.len + 1)
			abort();
	} else if (d.code != PSIRT_OK) {
		abort();
	}
	psirt_diag_release(&d);
	return err == PSIRT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct psirt_version_scheme *s;
	struct psirt_str v[3];
	const char *p, *end, *nl;
	int ok[3], n = 0, i, r;

	if (size < 1)
		return 0;
	s = dist_schemes[data[0] & 3];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	nl = memchr(p, '\n', (size_t)(end - p));
	if (!nl) {
		size_t half = (size_t)(end - p) / 2;

		v[0] = psirt_str_make(p, half);
		v[1] = psirt_str_make(p + half, (size_t)(end - p) - half);
		n = 2;
	} else {
		while (n < 3) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl || n == 2)
				nl = end;
			v[n++] = psirt_str_make(p, (size_t)(nl - p));
			if (nl == end)
				break;
			p = nl + 1;
		}
	}
	for (i = 0; i < n; i++) {
		ok[i] = checked(s, v[i]);
		if (ok[i] && order(s, v[i], v[i]) != 0)
			abort();
	}
	if (n < 2)
		return 0;
	if (!ok[0] || !ok[1]) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		const char *want = !ok[0] ? "first version" : "second version";

		r = 7;
		if (s->compare(v[0], v[1], &r, &d) == PSIRT_OK || r != 7 || !d.where ||
		    strcmp(d.where, want))
			abort();
		psirt_diag_release(&d);
		return 0;
	}
	r = order(s, v[0], v[1]);
	if (order(s, v[1], v[0]) != -r)
		abort();
	if (n == 3 && ok[2]) {
		int bc = order(s, v[1], v[2]), ac = order(s, v[0], v[2]);

		/* a <= b <= c implies a <= c, with = only if both are = */
		if (r <= 0 && bc <= 0 && (ac > 0 || (ac == 0 && (r || bc))))
			abort();
		if (r >= 0 && bc >= 0 && (ac < 0 || (ac == 0 && (r || bc))))
			abort();
	}
	return 0;
}
