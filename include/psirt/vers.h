/* psirt — version ranges in the vers notation (package-url/vers-spec).
 *
 *     vers:<versioning-scheme>/<constraint>|<constraint>|...
 *     vers:deb/>=1.0|<2.0~     vers:npm/1.2.3|>=2.0.0|<5.0.0     vers:pypi/'*'
 *
 * A range is parsed once into a struct psirt_vers (constraints sorted by
 * version, versions percent-decoded and checked by their scheme), then tested
 * against any number of versions with psirt_vers_satisfies(), which neither
 * allocates nor re-parses the range.
 *
 * The versioning scheme of the string ("npm", "deb", "alpine") is mapped to a
 * psirt version scheme with psirt_version_scheme_find() (aliases), unless the
 * caller passes a scheme, which then orders the versions whatever the string
 * names (tests, and callers that already know the ecosystem).
 *
 * Two ways to read a range:
 * - default (lenient, for data from the outside world): constraints may come
 *   in any order; they are sorted, exact repeats dropped, and redundant
 *   comparators removed with the specification's simplification procedure
 *   ("Version constraints simplification"). The result is canonical.
 * - PSIRT_VERS_STRICT: the string must already be canonical, as the current
 *   specification requires ("Non-canonical forms are invalid and tools shall
 *   report an error"): sorted, unique versions, valid comparator sequence,
 *   canonical percent-encoding, lower-case scheme and type.
 * In both, whitespace is an error (vers-spec: "ASCII whitespace is not
 * permitted"), so are empty constraints (leading, trailing or doubled '|').
 */
#ifndef PSIRT_VERS_H
#define PSIRT_VERS_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/str.h"
#include "psirt/version.h"

/* Longest vers string accepted, in bytes; longer is PSIRT_ETOOBIG. A range
 * built from a long OSV `versions` list stays under 20 KB; this leaves room
 * and bounds the sort. */
#define PSIRT_VERS_MAX 65536

enum psirt_vers_op {
	PSIRT_VERS_EQ, /* "" in canonical form ("=" accepted on input) */
	PSIRT_VERS_NE, /* "!=" */
	PSIRT_VERS_LT, /* "<" */
	PSIRT_VERS_LE, /* "<=" */
	PSIRT_VERS_GT, /* ">" */
	PSIRT_VERS_GE, /* ">=" */
	PSIRT_VERS_ANY, /* "*": alone, without a version */
	PSIRT_VERS_OP__MAX
};

/* The comparator as written in canonical form: "" for EQ, "*" for ANY. */
const char *psirt_vers_op_str(enum psirt_vers_op op);

struct psirt_vers_constraint {
	enum psirt_vers_op op;
	struct psirt_str version; /* decoded; empty for ANY */
};

struct psirt_vers {
	/* The scheme that orders the versions (borrowed, static). */
	const struct psirt_version_scheme *scheme;
	/* The versioning scheme as written, lower-case ("npm"), NUL-terminated. */
	struct psirt_str type;
	/* Sorted by version, versions unique; one ANY constraint for "*". Each
	 * version is NUL-terminated in the range's own storage. */
	const struct psirt_vers_constraint *constraints;
	size_t count;
	int owned; /* 1 when psirt_vers_free() must free the block */
};

enum psirt_vers_flags {
	PSIRT_VERS_STRICT = 1 << 0, /* reject non-canonical input (see above) */
};

/* Parses a vers string. scheme: NULL to look the versioning scheme up in the
 * registry, else the scheme to use. flags: enum psirt_vers_flags.
 * Memory: the range is one block, from arena when arena is not NULL (freed
 * with the arena), else from malloc (free with psirt_vers_free()). It does
 * not borrow text.
 * Errors: PSIRT_EINVAL (syntax, a version its scheme rejects, a duplicate
 * version, a non-canonical form under PSIRT_VERS_STRICT) with the 1-based
 * column in text; PSIRT_EUNSUPPORTED for a versioning scheme not in the
 * registry (the message lists the known ones); PSIRT_ETOOBIG beyond
 * PSIRT_VERS_MAX; PSIRT_ENOMEM. *out is set only on success. */
enum psirt_err psirt_vers_parse(struct psirt_str text, const struct psirt_version_scheme *scheme,
                                unsigned flags, struct psirt_arena *arena,
                                struct psirt_vers **out, struct psirt_diag *diag);

/* Builds a canonical range from constraints in any order (each version
 * plain, not percent-encoded), as the lenient parser does: sorted, exact
 * repeats dropped, simplified. type is the vers versioning scheme to print
 * ("deb"); scheme NULL looks type up. Borrows the inputs (they are copied).
 * Memory and errors as psirt_vers_parse(), without columns; n == 0 is
 * PSIRT_EINVAL (vers has no empty range). */
enum psirt_err psirt_vers_build(struct psirt_str type, const struct psirt_version_scheme *scheme,
                                const struct psirt_vers_constraint *constraints, size_t n,
                                struct psirt_arena *arena, struct psirt_vers **out,
                                struct psirt_diag *diag);

/* Frees a range from psirt_vers_parse()/psirt_vers_build() made without an
 * arena; does nothing for NULL or an arena range. */
void psirt_vers_free(struct psirt_vers *range);

/* Is version inside range? Sets *result to 1 or 0, following the
 * specification's containment procedure ("Checking if a version is
 * contained within a range") with a binary search over the constraints.
 * A range made only of "!=" constraints contains every other version (the
 * procedure read literally would contain nothing; univers, the reference
 * implementation, agrees with us for a single "!="). Never allocates on
 * success. Errors: the scheme's PSIRT_EINVAL / PSIRT_ETOOBIG for a version
 * it rejects (column within version). */
enum psirt_err psirt_vers_satisfies(const struct psirt_vers *range, struct psirt_str version,
                                    int *result, struct psirt_diag *diag);

/* Appends the canonical vers string to out ("vers:deb/>=1.0|<2.0~"), with
 * the characters a version must not carry percent-encoded. Errors: the
 * buffer's sticky error (PSIRT_ENOMEM, PSIRT_ETOOBIG). */
enum psirt_err psirt_vers_format(const struct psirt_vers *range, struct psirt_buf *out);

/* ---- Native ranges: the syntax each ecosystem writes its ranges in ------
 *
 * Vulnerability sources and manifests write ranges in their ecosystem's own
 * syntax. psirt reads three (src/version/native_range.c, one small parser
 * per syntax behind a table):
 *
 *   npm     node-semver ranges: "^1.2.3", "~1.2", "1.x", "*", hyphen ranges
 *           "1.2.3 - 2.3.4", ">=1.0.0 <2.0.0 || >=3", as npm's semver@7 reads
 *           them (strict mode; its "loose" mode is not supported)
 *   pep440  PyPI version specifiers (PEP 440, as packaging 26 reads them):
 *           ">=1.0,<2.0", "~=1.4.2", "==1.*", "!=1.5", "===1.0"
 *   ghsa    GitHub security advisories' vulnerable_version_range, for every
 *           ecosystem: ">= 1.0, < 2.0", "= 1.2.3", "< 1.0" (comma = and)
 *
 * The type names the ecosystem, as for psirt_version_scheme_find() ("npm",
 * "PyPI", "maven", "Debian:12"); it selects the version scheme and the
 * syntax: "npm" reads npm ranges, "pypi" (and "PyPI", "pip") PEP 440
 * specifiers, every other type the GHSA syntax. PSIRT_NATIVE_GHSA asks for
 * the GHSA syntax whatever the type (GitHub writes npm and PyPI advisories
 * in it too).
 *
 * What a vers range cannot say, and how psirt answers it:
 * - npm's prerelease rule: by default a version with a prerelease tag
 *   satisfies a node-semver range only when some comparator of the matching
 *   set carries a prerelease on the same major.minor.patch ("1.2.3-beta" is
 *   not in "^1.0.0", "1.2.3-beta.2" is in ">=1.2.3-beta.1"). A vers range is
 *   a plain set of versions, so the vers form of an npm range is
 *   node-semver's own desugaring of it — the comparators semver.validRange()
 *   prints ("^1.2" is ">=1.2.0 <2.0.0-0", "1.2 - 2" ">=1.2.0 <3.0.0-0") —
 *   each compared plainly. It holds exactly the versions without a
 *   prerelease tag that node-semver matches, and every prerelease between
 *   the bounds as well: the reading a vulnerability range needs, since a
 *   prerelease between the bounds carries the vulnerable code.
 *   psirt_native_satisfies() applies the rule, or node-semver's
 *   includePrerelease option with PSIRT_NATIVE_INCLUDE_PRERELEASE (which also
 *   lowers a partial version's lower bound to its first prerelease: "~1.2"
 *   then takes 1.2.0-beta).
 * - PEP 440 excludes some versions no vers bound can: "<=V", "==V" and
 *   "!=V" take V's local versions (V+abc) along with V, and ">V" skips V's
 *   post-releases and local versions. The vers form keeps the plain
 *   comparison there ("<=V", "V", "!=V", ">V") and reports itself inexact;
 *   psirt_native_satisfies() is exact. Every other PEP 440 bound has an
 *   exact vers form: "<2.0" excludes 2.0's pre-releases, so it becomes
 *   "<2.0.dev0"; "==1.4.*" becomes ">=1.4.dev0|<1.5.dev0"; "~=1.4.2"
 *   ">=1.4.2|<1.5.dev0"; ">1.0.post2" ">=1.0.post3.dev0".
 * - an empty range: npm ranges that match nothing become "<0.0.0-0" (the
 *   form node-semver itself prints); in the other syntaxes an empty range
 *   is an error (PSIRT_EINVAL), as vers has no empty range.
 */

enum psirt_native_flags {
	/* npm: node-semver's includePrerelease option in
	 * psirt_native_satisfies() (see above). */
	PSIRT_NATIVE_INCLUDE_PRERELEASE = 1 << 0,
	/* Read the GHSA syntax whatever the type. */
	PSIRT_NATIVE_GHSA = 1 << 1,
};

/* Longest native range accepted, in bytes (PSIRT_ETOOBIG beyond). */
#define PSIRT_NATIVE_MAX PSIRT_VERS_MAX

/* A native range, parsed once for any number of psirt_native_satisfies()
 * calls. Opaque. */
struct psirt_native_range;

/* Parses text in the syntax of type (see above). flags: enum
 * psirt_native_flags. Returns owned memory in *out (free with
 * psirt_native_free()); does not borrow text.
 * Errors: PSIRT_EINVAL with the 1-based column in text (syntax, a version
 * the scheme rejects, a PEP 440 range that matches nothing);
 * PSIRT_EUNSUPPORTED for a type without a version scheme; PSIRT_ETOOBIG
 * beyond PSIRT_NATIVE_MAX; PSIRT_ENOMEM. *out is set only on success. */
enum psirt_err psirt_native_parse(struct psirt_str type, struct psirt_str text, unsigned flags,
                                  struct psirt_native_range **out, struct psirt_diag *diag);

/* Frees a range from psirt_native_parse(); NULL is a no-op. */
void psirt_native_free(struct psirt_native_range *range);

/* The syntax the range was read in: "npm", "pep440" or "ghsa". */
const char *psirt_native_syntax(const struct psirt_native_range *range);

/* The version scheme that orders the range's versions (static). */
const struct psirt_version_scheme *psirt_native_scheme(const struct psirt_native_range *range);

/* Is version inside the range, with the native semantics (npm's prerelease
 * rule unless the range was parsed with PSIRT_NATIVE_INCLUDE_PRERELEASE;
 * PEP 440's local and post-release rules, === string equality)? Sets
 * *result to 1 or 0. Never allocates.
 * Errors: the scheme's PSIRT_EINVAL / PSIRT_ETOOBIG for a version it
 * rejects (node-semver and packaging answer "no" there; psirt says why). */
enum psirt_err psirt_native_satisfies(const struct psirt_native_range *range,
                                      struct psirt_str version, int *result,
                                      struct psirt_diag *diag);

/* The range as a vers range (see above for what that means per syntax; the
 * flags change only *exact). *exact (may be NULL) is set to 1 when
 * psirt_vers_satisfies() on the result answers like
 * psirt_native_satisfies() for every version, else 0 (npm: 1 only with
 * PSIRT_NATIVE_INCLUDE_PRERELEASE and a range both readings desugar alike).
 * Memory as psirt_vers_build() (arena, or malloc and psirt_vers_free()).
 * Errors: PSIRT_EINVAL for a range vers cannot hold (empty outside npm, or
 * "===" with a string that is no PEP 440 version); PSIRT_ENOMEM. */
enum psirt_err psirt_native_to_vers(const struct psirt_native_range *range,
                                    struct psirt_arena *arena, struct psirt_vers **out,
                                    int *exact, struct psirt_diag *diag);

/* Convenience: psirt_native_parse() then psirt_native_to_vers(). The vers
 * versioning scheme is the type in lower case when it names the same
 * scheme ("npm", "pypi", "maven"), else the scheme's name ("Debian:12" ->
 * "deb"). */
enum psirt_err psirt_vers_from_native(struct psirt_str type, struct psirt_str text,
                                      unsigned flags, struct psirt_arena *arena,
                                      struct psirt_vers **out, struct psirt_diag *diag);

#endif
