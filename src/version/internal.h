/* Names shared between the files of src/version/ (not part of the API). */
#ifndef PSIRT_VERSION_INTERNAL_H
#define PSIRT_VERSION_INTERNAL_H

#include "psirt/version.h"

/* One per scheme file; registry.c lists them. */
extern const struct psirt_version_scheme psirt_scheme_semver;
extern const struct psirt_version_scheme psirt_scheme_deb;
extern const struct psirt_version_scheme psirt_scheme_rpm;
extern const struct psirt_version_scheme psirt_scheme_apk;
extern const struct psirt_version_scheme psirt_scheme_maven;
extern const struct psirt_version_scheme psirt_scheme_pypi;
extern const struct psirt_version_scheme psirt_scheme_opkg;
extern const struct psirt_version_scheme psirt_scheme_golang;
extern const struct psirt_version_scheme psirt_scheme_generic;

/* Shared by the schemes' compare functions: validates a and b with check,
 * naming "first"/"second" version in the message, then calls cmp. Saves each
 * scheme from writing the same validation preamble. */
enum psirt_err version__compare_checked(
	enum psirt_err (*check)(struct psirt_str, struct psirt_diag *),
	int (*cmp)(struct psirt_str, struct psirt_str), struct psirt_str a,
	struct psirt_str b, int *result, struct psirt_diag *diag);

/* Returns PSIRT_ETOOBIG (with a message) when v is longer than
 * PSIRT_VERSION_MAX, PSIRT_EINVAL when empty, else PSIRT_OK. */
enum psirt_err version__check_length(struct psirt_str v, const char *scheme,
                                     struct psirt_diag *diag);

/* SemVer 2.0.0 parsed as views into the input (scheme_semver.c); shared by
 * the semver and golang schemes. Numbers have no leading zeros. */
struct version__semver {
	struct psirt_str major, minor, patch;
	struct psirt_str pre;   /* after '-', valid when has_pre */
	struct psirt_str build; /* after '+', valid when has_build */
	int has_pre, has_build;
	/* major, minor, patch as numbers; ~0 when longer than 19 digits */
	unsigned long long nums[3];
};
#define VERSION__SEMVER_V_REQUIRED 1u /* Go: "v1.2.3" only */
#define VERSION__SEMVER_NO_LIMIT 2u   /* no 2^53-1 cap on major/minor/patch */

/* Parses v strictly (see scheme_semver.c); scheme names the scheme in
 * messages. PSIRT_EINVAL / PSIRT_ETOOBIG with the column in diag. */
enum psirt_err version__semver_parse(struct psirt_str v, unsigned flags,
                                     const char *scheme, struct version__semver *out,
                                     struct psirt_diag *diag);
/* SemVer 2.0.0 §11 precedence of two parsed versions: -1, 0 or 1. */
int version__semver_cmp(const struct version__semver *a, const struct version__semver *b);

#endif
