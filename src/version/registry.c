/* The version-scheme registry (see include/psirt/version.h). */
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

/* One line per scheme; keep in the order `psirt version --help` lists them. */
static const struct psirt_version_scheme *const schemes[] = {
	&psirt_scheme_semver,
	&psirt_scheme_deb,
	&psirt_scheme_rpm,
	&psirt_scheme_apk,
	&psirt_scheme_maven,
	&psirt_scheme_pypi,
	&psirt_scheme_opkg,
	&psirt_scheme_golang,
	&psirt_scheme_generic,
	NULL /* end marker */
};

const struct psirt_version_scheme *psirt_version_scheme_at(size_t i)
{
	size_t n = 0;

	while (schemes[n])
		n++;
	return i < n ? schemes[i] : NULL;
}

static int name_is(const struct psirt_version_scheme *s, struct psirt_str name)
{
	const char *const *a;

	if (psirt_str_eq(name, s->name))
		return 1;
	for (a = s->aliases; a && *a; a++) {
		if (psirt_str_eq(name, *a))
			return 1;
	}
	return 0;
}

static int name_is_ci(const struct psirt_version_scheme *s, struct psirt_str name)
{
	const char *const *a;

	if (psirt_str_ieq(name, s->name))
		return 1;
	for (a = s->aliases; a && *a; a++) {
		if (psirt_str_ieq(name, *a))
			return 1;
	}
	return 0;
}

const struct psirt_version_scheme *psirt_version_scheme_find(struct psirt_str name)
{
	const struct psirt_version_scheme *s;
	size_t i, colon;

	for (colon = 0; colon < name.len && name.p[colon] != ':'; colon++)
		;
	name.len = colon; /* "Debian:12" → "Debian" */
	for (i = 0; (s = schemes[i]); i++) {
		if (name_is(s, name))
			return s;
	}
	for (i = 0; (s = schemes[i]); i++) {
		if (name_is_ci(s, name))
			return s;
	}
	return NULL;
}

enum psirt_err psirt_version_compare(struct psirt_str scheme, struct psirt_str a,
                                     struct psirt_str b, int *result,
                                     struct psirt_diag *diag)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(scheme);

	if (!s)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "unknown version scheme '%.*s'",
		                      (int)scheme.len, scheme.p ? scheme.p : "");
	return s->compare(a, b, result, diag);
}

enum psirt_err version__check_length(struct psirt_str v, const char *scheme,
                                     struct psirt_diag *diag)
{
	if (!v.len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "empty %s version", scheme);
	if (v.len > PSIRT_VERSION_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG,
		                      "%s version of %zu bytes is longer than the %d allowed",
		                      scheme, v.len, PSIRT_VERSION_MAX);
	return PSIRT_OK;
}

enum psirt_err version__compare_checked(
	enum psirt_err (*check)(struct psirt_str, struct psirt_diag *),
	int (*cmp)(struct psirt_str, struct psirt_str), struct psirt_str a,
	struct psirt_str b, int *result, struct psirt_diag *diag)
{
	enum psirt_err err;
	int c;

	err = check(a, diag);
	if (err) {
		psirt_diag_set_where(diag, "first version");
		return err;
	}
	err = check(b, diag);
	if (err) {
		psirt_diag_set_where(diag, "second version");
		return err;
	}
	c = cmp(a, b);
	*result = (c > 0) - (c < 0);
	return PSIRT_OK;
}

enum psirt_err psirt_version_sort_key(const struct psirt_version_scheme *scheme,
                                      struct psirt_str v, struct psirt_buf *out,
                                      struct psirt_diag *diag)
{
	if (!scheme->sort_key)
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED, "the %s scheme has no sort keys",
		                      scheme->name);
	return scheme->sort_key(v, out, diag);
}

int psirt_version_key_cmp(const void *a, size_t alen, const void *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c < 0 ? -1 : 1;
	return (alen > blen) - (alen < blen);
}
