/* psirt — version schemes: validating and ordering versions the way each
 * packaging world does.
 *
 * A scheme is a small const table of functions (curl's protocol vtables),
 * one file per scheme: src/version/scheme_<name>.c exports
 *     const struct psirt_version_scheme psirt_scheme_<name>;
 * and src/version/registry.c lists them. Schemes: semver, deb, rpm, apk,
 * maven, pypi, opkg, golang, generic (NVD's dotted versions with letters).
 *
 * Versions are views (struct psirt_str): nothing is allocated to compare.
 * A version a scheme cannot parse is an error (PSIRT_EINVAL with the column
 * in the diagnostic), never silently treated as zero.
 */
#ifndef PSIRT_VERSION_H
#define PSIRT_VERSION_H

#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/str.h"

/* Longest version any scheme accepts, in bytes. Real versions stay under
 * 100 bytes (the longest in Debian's archive is about 90); the cap keeps
 * hostile input from costing time, and a longer one is PSIRT_ETOOBIG. */
#define PSIRT_VERSION_MAX 256

struct psirt_version_scheme {
	const char *name; /* "deb" */
	/* Other names that select this scheme, NULL-terminated: vers and purl
	 * types ("npm", "alpine"), OSV ecosystems without their ":release"
	 * suffix ("Debian", "Alpine", "crates.io"). Matched case-sensitively,
	 * except that lookups also try an ASCII lower-case form of the name. */
	const char *const *aliases;
	const char *summary; /* one line, for help texts */
	/* Validates v. PSIRT_OK, or PSIRT_EINVAL / PSIRT_ETOOBIG with a message
	 * and 1-based column in diag (which may be NULL). */
	enum psirt_err (*check)(struct psirt_str v, struct psirt_diag *diag);
	/* Orders a and b: sets *result to -1, 0 or 1. Validates both first; on an
	 * invalid one returns its error (the message names which of the two) and
	 * leaves *result alone. */
	enum psirt_err (*compare)(struct psirt_str a, struct psirt_str b, int *result,
	                          struct psirt_diag *diag);
	/* Optional, NULL when the scheme has none: validates v as check does,
	 * then appends to out a sort key — a byte string whose order under
	 * psirt_version_key_cmp() is the order of compare(), equal keys exactly
	 * for versions compare() finds equal. A caller that tests one version
	 * against many bounds (the matcher) encodes each version once and then
	 * compares bytes instead of re-validating and re-tokenising. Keys are
	 * at most PSIRT_VERSION_KEY_MAX bytes. Errors: those of check, or the
	 * buffer's sticky error. */
	enum psirt_err (*sort_key)(struct psirt_str v, struct psirt_buf *out,
	                           struct psirt_diag *diag);
};

/* Longest sort key a scheme writes: no scheme spends more than six bytes
 * per byte of version. */
#define PSIRT_VERSION_KEY_MAX (6 * PSIRT_VERSION_MAX + 8)

/* The scheme's sort key of v appended to out (see sort_key above).
 * PSIRT_EUNSUPPORTED when the scheme has no sort keys. */
enum psirt_err psirt_version_sort_key(const struct psirt_version_scheme *scheme,
                                      struct psirt_str v, struct psirt_buf *out,
                                      struct psirt_diag *diag);

/* Orders two sort keys of one scheme: -1, 0 or 1 (bytes as unsigned, a
 * key that is a prefix of the other first). */
int psirt_version_key_cmp(const void *a, size_t alen, const void *b, size_t blen);

/* Finds a scheme by name or alias (see aliases above). An OSV ecosystem with
 * a release suffix ("Debian:12", "Alpine:v3.18") is looked up without it.
 * Returns NULL when unknown. */
const struct psirt_version_scheme *psirt_version_scheme_find(struct psirt_str name);

/* The registry, for listings: returns the i-th scheme, or NULL past the end. */
const struct psirt_version_scheme *psirt_version_scheme_at(size_t i);

/* Convenience: finds the scheme and compares; PSIRT_ENOTFOUND for an
 * unknown scheme name. */
enum psirt_err psirt_version_compare(struct psirt_str scheme, struct psirt_str a,
                                     struct psirt_str b, int *result,
                                     struct psirt_diag *diag);

#endif
