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

#endif
