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

#endif
