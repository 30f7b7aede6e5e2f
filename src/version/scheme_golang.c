/* golang — Go module versions (https://go.dev/ref/mod#versions).
 *
 * A module version is a canonical semantic version with a "v" in front:
 *   "v" major "." minor "." patch [ "-" pre ] [ "+incompatible" ]
 * with SemVer 2.0.0 syntax for the numbers and the pre-release (no leading
 * zeros). Ordering is SemVer precedence, as golang.org/x/mod/semver.Compare:
 * - pseudo-versions are pre-releases and need no special case. The three
 *   forms (Go reference, "Pseudo-versions")
 *     v0.0.0-20191109021931-daa7c04131f5        no tag before the commit
 *     v1.2.4-0.20191109021931-daa7c04131f5      after release v1.2.3
 *     v1.2.3-pre.0.20191109021931-daa7c04131f5  after pre-release v1.2.3-pre
 *   sort below the release they precede, above the tag they derive from, and
 *   among themselves by their 14-digit UTC timestamp (one alphanumeric
 *   identifier "20191109021931-daa7c04131f5", compared in ASCII order, or a
 *   numeric one after "0.", compared numerically — same digits count).
 * - "+incompatible" (a v2+ module without go.mod) is build metadata and does
 *   not change the order: v2.0.0+incompatible == v2.0.0.
 *
 * Stricter than x/mod/semver.IsValid, as `go` itself is for module versions
 * (module.Check requires the canonical form):
 * - the shorthands "v1" and "v1.2" are rejected (they are queries, which the
 *   go command canonicalises to v1.0.0 / v1.2.0 before recording them);
 * - build metadata other than "+incompatible" is rejected, and so is
 *   "+incompatible" on major version 0 or 1 (it only exists for v2 and up).
 * Numbers have no size limit (compared by length, then digits).
 *
 * Aliases: none ("golang" is the purl and vers type). OSV's "Go" ecosystem is an alias of
 * the semver scheme instead, because OSV Go records carry versions without
 * the "v" (see scheme_semver.c).
 */
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

static enum psirt_err golang_parse(struct psirt_str v, struct version__semver *s,
                                   struct psirt_diag *diag)
{
	enum psirt_err err;

	err = version__semver_parse(v, VERSION__SEMVER_V_REQUIRED | VERSION__SEMVER_NO_LIMIT,
	                            "golang", s, diag);
	if (err)
		return err;
	if (s->has_build) {
		long col = (long)(s->build.p - v.p); /* column of the '+' */

		if (!psirt_str_eq(s->build, "incompatible")) {
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "invalid golang version: build metadata other than "
			                     "+incompatible is not part of a module version");
			psirt_diag_set_column(diag, col);
			return err;
		}
		if (s->major.len == 1 && s->major.p[0] <= '1') {
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "invalid golang version: +incompatible needs major "
			                     "version 2 or higher");
			psirt_diag_set_column(diag, col);
			return err;
		}
	}
	return PSIRT_OK;
}

static enum psirt_err golang_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__semver s;

	return golang_parse(v, &s, diag);
}

static enum psirt_err golang_compare(struct psirt_str a, struct psirt_str b, int *result,
                                     struct psirt_diag *diag)
{
	struct version__semver sa, sb;
	enum psirt_err err;

	err = golang_parse(a, &sa, diag);
	if (err) {
		psirt_diag_set_where(diag, "first version");
		return err;
	}
	err = golang_parse(b, &sb, diag);
	if (err) {
		psirt_diag_set_where(diag, "second version");
		return err;
	}
	*result = version__semver_cmp(&sa, &sb);
	return PSIRT_OK;
}

static const char *const golang_aliases[] = { NULL };

const struct psirt_version_scheme psirt_scheme_golang = {
	.name = "golang",
	.aliases = golang_aliases,
	.summary = "Go module versions: v1.2.3, pseudo-versions, +incompatible",
	.check = golang_check,
	.compare = golang_compare,
};
