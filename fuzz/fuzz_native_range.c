/* libFuzzer target for native ranges (npm, PEP 440, GitHub-advisory syntax).
 * Input: one byte choosing the type and flags, then the range, then
 * optionally '\n' and a version. Checks, besides not crashing under
 * ASan/UBSan:
 * - an error carries a message, and a column within the range;
 * - the vers form, when there is one, is canonical: it parses strictly and
 *   formats to itself;
 * - where the vers form is exact, psirt_vers_satisfies() agrees with
 *   psirt_native_satisfies() on the version and on every version the vers
 *   form names; for npm without includePrerelease it agrees on versions
 *   without a prerelease tag (the documented difference is that rule). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/vers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
	const char *type;
	unsigned flags;
} kinds[] = {
	{ "npm", 0 },
	{ "npm", PSIRT_NATIVE_INCLUDE_PRERELEASE },
	{ "pypi", 0 },
	{ "maven", 0 },
	{ "Debian", 0 },
	{ "npm", PSIRT_NATIVE_GHSA },
	{ "golang", 0 },
	{ "pypi", PSIRT_NATIVE_GHSA },
};

static void must(int ok)
{
	if (!ok)
		abort();
}

/* Compares the two answers for v when the native one is defined. */
static void agree(const struct psirt_native_range *r, const struct psirt_vers *v,
                  struct psirt_str version, int exact, int npm_default)
{
	int a = -1, b = -1;

	if (psirt_native_satisfies(r, version, &a, NULL))
		return;
	must(a == 0 || a == 1);
	if (psirt_vers_satisfies(v, version, &b, NULL)) {
		/* Only PEP 440 "===" accepts a string that is no version. */
		must(!exact);
		return;
	}
	if (exact || (npm_default && !memchr(version.p, '-', version.len)))
		must(a == b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct psirt_native_range *r = NULL;
	struct psirt_vers *v = NULL, *again = NULL;
	struct psirt_buf out = PSIRT_BUF_INIT, out2 = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_str range, version = PSIRT_STR_NULL;
	const char *nl;
	size_t k, i;
	int exact = -1, npm_default;
	enum psirt_err e;

	if (size < 1)
		return 0;
	k = data[0] % (sizeof kinds / sizeof kinds[0]);
	range = psirt_str_make((const char *)data + 1, size - 1);
	nl = memchr(range.p, '\n', range.len);
	if (nl) {
		version = psirt_str_make(nl + 1, range.len - (size_t)(nl + 1 - range.p));
		range.len = (size_t)(nl - range.p);
	}
	e = psirt_native_parse(psirt_str_c(kinds[k].type), range, kinds[k].flags, &r, &d);
	if (e) {
		must(e == PSIRT_EINVAL || e == PSIRT_ETOOBIG);
		must(d.code == e && d.message != NULL);
		must(d.column >= 0 && (size_t)d.column <= range.len + 1);
		must(r == NULL);
		goto out;
	}
	must(r != NULL);
	e = psirt_native_to_vers(r, NULL, &v, &exact, &d);
	if (e) {
		must(e == PSIRT_EINVAL && d.message != NULL);
		goto out;
	}
	must(exact == 0 || exact == 1);
	must(psirt_vers_format(v, &out) == PSIRT_OK);
	must(psirt_vers_parse(psirt_str_make(out.p, out.len), NULL, PSIRT_VERS_STRICT, NULL, &again,
	                      NULL) == PSIRT_OK);
	must(psirt_vers_format(again, &out2) == PSIRT_OK);
	must(out.len == out2.len && !memcmp(out.p, out2.p, out.len));
	npm_default = !strcmp(psirt_native_syntax(r), "npm") &&
	              !(kinds[k].flags & PSIRT_NATIVE_INCLUDE_PRERELEASE);
	if (version.p)
		agree(r, v, version, exact, npm_default);
	for (i = 0; i < v->count; i++) {
		if (v->constraints[i].op != PSIRT_VERS_ANY)
			agree(r, v, v->constraints[i].version, exact, npm_default);
	}
out:
	psirt_vers_free(v);
	psirt_vers_free(again);
	psirt_native_free(r);
	psirt_buf_release(&out);
	psirt_buf_release(&out2);
	psirt_diag_release(&d);
	return 0;
}
