/* psirt — OSV affected ranges: is a version inside an OSV `affected` entry?
 *
 * The OSV schema (ossf/osv-schema, docs/schema.md) describes affected
 * versions as `ranges` of `events` — introduced, fixed, last_affected, limit
 * — on a timeline ordered by the range type (SEMVER, ECOSYSTEM, GIT), plus an
 * optional `versions` list of exact affected versions. This module evaluates
 * them with the schema's "Evaluation" pseudocode (IsVulnerable), using the
 * psirt version scheme of the ecosystem, and converts a range to a vers
 * string for display.
 *
 * The structures below are views: the caller (an OSV reader) owns every
 * string and array; nothing here copies or keeps them.
 *
 * GIT ranges need the repository's commit graph (which commits are reachable
 * from which). psirt does not have it yet: a GIT range is answered with
 * PSIRT_EUNSUPPORTED by the range functions and with the verdict
 * PSIRT_OSV_UNKNOWN by psirt_osv_affected_check() (when nothing else in the
 * entry says "affected"). A later version will take the caller's list of
 * commits reachable from the tested one.
 */
#ifndef PSIRT_OSV_RANGE_H
#define PSIRT_OSV_RANGE_H

#include <stddef.h>

#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/str.h"
#include "psirt/version.h"

enum psirt_osv_range_type {
	PSIRT_OSV_SEMVER,
	PSIRT_OSV_ECOSYSTEM,
	PSIRT_OSV_GIT,
	PSIRT_OSV_RANGE_TYPE__MAX
};

enum psirt_osv_event_kind {
	PSIRT_OSV_INTRODUCED,    /* "0" means before every version */
	PSIRT_OSV_FIXED,
	PSIRT_OSV_LAST_AFFECTED,
	PSIRT_OSV_LIMIT,         /* a version containing '*' means infinity */
	PSIRT_OSV_EVENT__MAX
};

struct psirt_osv_event {
	enum psirt_osv_event_kind kind;
	struct psirt_str version;
};

struct psirt_osv_range {
	enum psirt_osv_range_type type;
	const struct psirt_osv_event *events; /* in any order */
	size_t count;
};

/* One element of an OSV record's `affected` array. */
struct psirt_osv_affected {
	struct psirt_str ecosystem; /* "Debian:12", "PyPI", "npm"; release suffix ignored */
	const struct psirt_osv_range *ranges;
	size_t nranges;
	const struct psirt_str *versions; /* exact affected versions */
	size_t nversions;
};

enum psirt_osv_verdict {
	PSIRT_OSV_NOT_AFFECTED = 0,
	PSIRT_OSV_AFFECTED = 1,
	PSIRT_OSV_UNKNOWN = 2, /* only GIT ranges could tell (see above) */
};

/* The schema's spellings: "SEMVER", "introduced", ... ("?" when out of range). */
const char *psirt_osv_range_type_name(enum psirt_osv_range_type type);
const char *psirt_osv_event_name(enum psirt_osv_event_kind kind);
/* Parse those spellings (exact, as the schema writes them). PSIRT_EINVAL for
 * anything else. */
enum psirt_err psirt_osv_range_type_parse(struct psirt_str name, enum psirt_osv_range_type *out,
                                          struct psirt_diag *diag);
enum psirt_err psirt_osv_event_kind_parse(struct psirt_str name, enum psirt_osv_event_kind *out,
                                          struct psirt_diag *diag);

/* The scheme that orders a range's versions: "semver" for SEMVER, the
 * ecosystem's scheme (psirt_version_scheme_find) for ECOSYSTEM.
 * PSIRT_EUNSUPPORTED for GIT, an ecosystem no scheme knows, or SEMVER
 * before the semver scheme is registered. */
enum psirt_err psirt_osv_range_scheme(enum psirt_osv_range_type type, struct psirt_str ecosystem,
                                      const struct psirt_version_scheme **out,
                                      struct psirt_diag *diag);

/* Is version inside one SEMVER or ECOSYSTEM range? IncludedInRanges and
 * BeforeLimits of the schema's pseudocode, for one range: the version is
 * affected when, of the events it has reached in version order, the last is
 * an `introduced` (reached: v >= introduced, v >= fixed, v > last_affected),
 * and it is below some `limit` when there are limits. Events at equal
 * versions sort `introduced` first, so a version that is both introduced and
 * fixed is not affected. Needs no sorting: one pass, no allocation.
 * Errors: PSIRT_EINVAL for a range without an `introduced` event (the
 * schema requires one; reporting it beats a silent "not affected"), for a
 * version or an event version the scheme rejects (the diagnostic's where
 * names the event, "events[2].fixed"); PSIRT_EUNSUPPORTED for GIT. */
enum psirt_err psirt_osv_range_contains(const struct psirt_osv_range *range,
                                        const struct psirt_version_scheme *scheme,
                                        struct psirt_str version, int *result,
                                        struct psirt_diag *diag);

/* IsVulnerable for one `affected` entry: affected when version is in the
 * `versions` list (the same string, or equal in the scheme when there is
 * one) or inside any SEMVER/ECOSYSTEM range. Else PSIRT_OSV_UNKNOWN when the
 * entry has GIT ranges, PSIRT_OSV_NOT_AFFECTED otherwise.
 * Errors: those of psirt_osv_range_contains(); PSIRT_EUNSUPPORTED when an
 * ECOSYSTEM range's ecosystem has no scheme (and the list did not match). */
enum psirt_err psirt_osv_affected_check(const struct psirt_osv_affected *affected,
                                        struct psirt_str version,
                                        enum psirt_osv_verdict *verdict,
                                        struct psirt_diag *diag);

/* Appends the range as a canonical vers string to out, e.g. events
 * introduced 0, fixed 1.0.2 → "vers:semver/<1.0.2"; introduced 2.0,
 * last_affected 2.4 → ">=2.0|<=2.4"; a limit L clips the range to "<L".
 * vers_type is the versioning scheme to print ("deb", "pypi"); empty means
 * the scheme's name. Allocates temporary memory.
 * Errors: as psirt_osv_range_contains(); PSIRT_EINVAL when the range
 * affects no version at all (vers cannot say "nothing"); the buffer's
 * sticky error. */
enum psirt_err psirt_osv_range_to_vers(const struct psirt_osv_range *range,
                                       const struct psirt_version_scheme *scheme,
                                       struct psirt_str vers_type, struct psirt_buf *out,
                                       struct psirt_diag *diag);

#endif
