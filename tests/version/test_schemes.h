/* Test-only version schemes, so that the range logic (vers, OSV events) is
 * tested whatever schemes the registry holds. Included by the test programs
 * of tests/version/; never part of the library.
 *
 * dotted: numbers separated by single dots ("1.10.2"); compared number by
 *         number, missing numbers count as 0, so "1.0" == "1" (this makes
 *         scheme equality differ from string equality, as in PEP 440).
 * anystr: any non-empty string, compared byte-wise (for percent-encoding).
 */
#ifndef PSIRT_TEST_SCHEMES_H
#define PSIRT_TEST_SCHEMES_H

#include <string.h>

#include "psirt/version.h"

static enum psirt_err dotted_check(struct psirt_str v, struct psirt_diag *diag)
{
	size_t i, digits = 0;

	if (!v.len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "empty dotted version");
	if (v.len > PSIRT_VERSION_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "dotted version too long");
	for (i = 0; i < v.len; i++) {
		if (psirt_isdigit((unsigned char)v.p[i])) {
			if (++digits > 9)
				goto bad;
			continue;
		}
		if (v.p[i] == '.' && digits) {
			digits = 0;
			continue;
		}
		goto bad;
	}
	if (digits)
		return PSIRT_OK;
bad:
	psirt_diag_set(diag, PSIRT_EINVAL, "not a dotted number");
	psirt_diag_set_column(diag, (long)i + 1);
	return PSIRT_EINVAL;
}

/* Next number of v from *i (0 past the end). */
static unsigned long dotted_next(struct psirt_str v, size_t *i)
{
	unsigned long n = 0;

	while (*i < v.len && v.p[*i] != '.')
		n = n * 10 + (unsigned long)(v.p[(*i)++] - '0');
	if (*i < v.len)
		(*i)++;
	return n;
}

static enum psirt_err dotted_compare(struct psirt_str a, struct psirt_str b, int *result,
                                     struct psirt_diag *diag)
{
	size_t i = 0, j = 0;
	unsigned long x, y;
	enum psirt_err err = dotted_check(a, diag);

	if (!err)
		err = dotted_check(b, diag);
	if (err)
		return err;
	while (i < a.len || j < b.len) {
		x = dotted_next(a, &i);
		y = dotted_next(b, &j);
		if (x != y) {
			*result = x < y ? -1 : 1;
			return PSIRT_OK;
		}
	}
	*result = 0;
	return PSIRT_OK;
}

static const char *const dotted_aliases[] = { "dotted-alias", NULL };

__attribute__((unused)) static const struct psirt_version_scheme test_scheme_dotted = {
	.name = "dotted",
	.aliases = dotted_aliases,
	.summary = "test scheme: dotted numbers",
	.check = dotted_check,
	.compare = dotted_compare,
};

static enum psirt_err anystr_check(struct psirt_str v, struct psirt_diag *diag)
{
	if (!v.len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "empty version");
	return PSIRT_OK;
}

static enum psirt_err anystr_compare(struct psirt_str a, struct psirt_str b, int *result,
                                     struct psirt_diag *diag)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c;

	if (!a.len || !b.len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "empty version");
	c = memcmp(a.p, b.p, n);
	if (!c)
		c = (a.len > b.len) - (a.len < b.len);
	*result = (c > 0) - (c < 0);
	return PSIRT_OK;
}

__attribute__((unused)) static const struct psirt_version_scheme test_scheme_anystr = {
	.name = "anystr",
	.aliases = NULL,
	.summary = "test scheme: byte strings",
	.check = anystr_check,
	.compare = anystr_compare,
};

#endif
