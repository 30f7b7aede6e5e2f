/* semver — Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html).
 *
 * Grammar (spec §2, §9, §10, BNF at the end of the spec):
 *   version    = [ "v" ] major "." minor "." patch [ "-" pre ] [ "+" build ]
 *   major ...  = "0" | [1-9][0-9]*            no leading zeros (§2)
 *   pre        = ident *( "." ident )          numeric idents without leading
 *                                              zeros, others [0-9A-Za-z-]+ (§9)
 *   build      = [0-9A-Za-z-]+ *( "." ... )    leading zeros allowed (§10)
 * Precedence (§11): major, minor, patch numerically; a version with a
 * pre-release is lower than the same without; pre-release identifiers left to
 * right, numeric ones numerically and below alphanumeric ones, which compare
 * in ASCII order; more identifiers win when all before are equal. Build
 * metadata is ignored (§10), so "1.0.0+a" and "1.0.0+b" compare equal.
 *
 * Decisions, with the data that drove them:
 * - An optional lowercase "v" is accepted and ignored. node-semver (npm)
 *   accepts it in strict mode ("v1.2.3" is in its valid-versions fixture) and
 *   tags in GitHub-sourced OSV SEMVER ranges carry it; OSV's own SEMVER events
 *   never do ("introduced": "0" aside), so nothing valid is lost.
 * - major, minor and patch are at most 9007199254740991 (2^53 - 1), the limit
 *   node-semver enforces ("90071992547409910.0.0" is in its invalid-versions
 *   fixture). Pre-release numbers have no limit and compare exactly (by
 *   length, then digits), where node-semver falls back to floating point.
 * - No trimming, no "=" prefix, no loose forms: those are conveniences of
 *   npm's range parser, not versions. Whitespace is an error.
 *
 * Aliases — only ecosystems whose tools order by plain SemVer 2.0.0 precedence:
 *   "npm"                 node-semver; OSV ecosystem and purl type
 *   "crates.io", "cargo"  Cargo's semver crate: SemVer precedence (its Ord adds
 *                         build metadata as a last tie-break for sorting, but
 *                         requirement matching ignores it, as here)
 *   "Hex", "hex"          Elixir's Version module: SemVer 2.0.0, build ignored
 *   "SwiftURL"            OSV ecosystem for Swift packages, SEMVER ranges
 *   "Go"                  OSV's Go ecosystem: its records strip Go's "v"
 *                         ("fixed": "0.0.0-20220906165146-f3363e06e74c"), and
 *                         Go orders versions by SemVer precedence, so the
 *                         semver scheme (v optional) reads both those and
 *                         "v1.2.3" from purls. The strict Go module syntax is
 *                         the golang scheme (scheme_golang.c).
 * Not aliased: "Pub" (pub_semver orders build metadata: 1.0.0 < 1.0.0+1),
 * "NuGet" (four parts, case-insensitive pre-release), "RubyGems", "Packagist".
 */
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

/* 2^53 - 1: node-semver's Number.MAX_SAFE_INTEGER limit on major/minor/patch. */
static const char max_safe[] = "9007199254740991";

static int is_ident_char(int c)
{
	return psirt_isalnum(c) || c == '-';
}

static enum psirt_err fail(struct psirt_diag *diag, const char *scheme, size_t pos,
                           const char *what)
{
	enum psirt_err err = psirt_diag_set(diag, PSIRT_EINVAL, "invalid %s version: %s",
	                                    scheme, what);

	psirt_diag_set_column(diag, (long)pos + 1);
	return err;
}

/* Reads a numeric identifier "0" | [1-9][0-9]* at *pos into *out. */
static enum psirt_err parse_num(struct psirt_str v, size_t *pos, struct psirt_str *out,
                                const char *scheme, const char *name, int limit,
                                struct psirt_diag *diag)
{
	size_t start = *pos, i = start;

	while (i < v.len && psirt_isdigit((unsigned char)v.p[i]))
		i++;
	if (i == start) {
		enum psirt_err err = psirt_diag_set(
			diag, PSIRT_EINVAL, "invalid %s version: %s %s version", scheme,
			i == v.len ? "missing" : "expected a digit for the", name);
		psirt_diag_set_column(diag, (long)i + 1);
		return err;
	}
	if (v.p[start] == '0' && i - start > 1)
		return fail(diag, scheme, start, "leading zero in a version number");
	if (limit && (i - start > sizeof max_safe - 1 ||
	              (i - start == sizeof max_safe - 1 &&
	               memcmp(v.p + start, max_safe, i - start) > 0))) {
		enum psirt_err err = psirt_diag_set(
			diag, PSIRT_EINVAL,
			"invalid %s version: %s version is larger than %s", scheme, name, max_safe);
		psirt_diag_set_column(diag, (long)start + 1);
		return err;
	}
	*out = psirt_str_make(v.p + start, i - start);
	*pos = i;
	return PSIRT_OK;
}

/* Reads dot-separated identifiers at *pos (after '-' or '+'). Pre-release
 * numeric identifiers may not have leading zeros (spec §9); build ones may. */
static enum psirt_err parse_idents(struct psirt_str v, size_t *pos, int pre,
                                   const char *scheme, struct psirt_diag *diag)
{
	size_t i = *pos;

	for (;;) {
		size_t start = i;
		int digits_only = 1;

		while (i < v.len && is_ident_char((unsigned char)v.p[i])) {
			if (!psirt_isdigit((unsigned char)v.p[i]))
				digits_only = 0;
			i++;
		}
		if (i == start)
			return fail(diag, scheme, i,
			            pre ? "empty pre-release identifier"
			                : "empty build metadata identifier");
		if (pre && digits_only && v.p[start] == '0' && i - start > 1)
			return fail(diag, scheme, start,
			            "leading zero in a numeric pre-release identifier");
		if (i < v.len && v.p[i] == '.') {
			i++;
			continue;
		}
		break;
	}
	*pos = i;
	return PSIRT_OK;
}

enum psirt_err version__semver_parse(struct psirt_str v, unsigned flags,
                                     const char *scheme, struct version__semver *out,
                                     struct psirt_diag *diag)
{
	enum psirt_err err;
	size_t i = 0;
	int limit = !(flags & VERSION__SEMVER_NO_LIMIT);

	err = version__check_length(v, scheme, diag);
	if (err)
		return err;
	memset(out, 0, sizeof *out);
	if (v.p[0] == 'v') {
		i = 1;
	} else if (flags & VERSION__SEMVER_V_REQUIRED) {
		return fail(diag, scheme, 0, "must start with 'v'");
	}
	err = parse_num(v, &i, &out->major, scheme, "major", limit, diag);
	if (err)
		return err;
	if (i >= v.len || v.p[i] != '.')
		return fail(diag, scheme, i,
		            i >= v.len ? "missing minor version" : "expected '.' after major version");
	i++;
	err = parse_num(v, &i, &out->minor, scheme, "minor", limit, diag);
	if (err)
		return err;
	if (i >= v.len || v.p[i] != '.')
		return fail(diag, scheme, i,
		            i >= v.len ? "missing patch version" : "expected '.' after minor version");
	i++;
	err = parse_num(v, &i, &out->patch, scheme, "patch", limit, diag);
	if (err)
		return err;
	if (i < v.len && v.p[i] == '-') {
		size_t start = ++i;

		err = parse_idents(v, &i, 1, scheme, diag);
		if (err)
			return err;
		out->pre = psirt_str_make(v.p + start, i - start);
		out->has_pre = 1;
	}
	if (i < v.len && v.p[i] == '+') {
		size_t start = ++i;

		err = parse_idents(v, &i, 0, scheme, diag);
		if (err)
			return err;
		out->build = psirt_str_make(v.p + start, i - start);
		out->has_build = 1;
	}
	if (i < v.len)
		return fail(diag, scheme, i,
		            psirt_isdigit((unsigned char)v.p[i]) || v.p[i] == '.'
		                    ? "unexpected character after patch version"
		                    : "unexpected character");
	return PSIRT_OK;
}

/* Digit strings without leading zeros: the longer is larger, else bytewise. */
static int cmp_digits(const char *a, size_t alen, const char *b, size_t blen)
{
	int c;

	if (alen != blen)
		return alen < blen ? -1 : 1;
	c = memcmp(a, b, alen);
	return (c > 0) - (c < 0);
}

/* Spec §11.4: identifiers left to right. */
static int cmp_pre(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;

	for (;;) {
		size_t si = i, sj = j;
		int anum = 1, bnum = 1, c;

		if (i >= a.len || j >= b.len)
			return (i < a.len) - (j < b.len); /* §11.4.4: more fields win */
		while (i < a.len && a.p[i] != '.') {
			if (!psirt_isdigit((unsigned char)a.p[i]))
				anum = 0;
			i++;
		}
		while (j < b.len && b.p[j] != '.') {
			if (!psirt_isdigit((unsigned char)b.p[j]))
				bnum = 0;
			j++;
		}
		if (anum && bnum) {
			c = cmp_digits(a.p + si, i - si, b.p + sj, j - sj);
		} else if (anum != bnum) {
			c = anum ? -1 : 1; /* §11.4.3: numeric < alphanumeric */
		} else {
			size_t n = i - si < j - sj ? i - si : j - sj;

			c = memcmp(a.p + si, b.p + sj, n);
			c = (c > 0) - (c < 0);
			if (!c)
				c = (i - si > j - sj) - (i - si < j - sj);
		}
		if (c)
			return c;
		if (i < a.len)
			i++; /* skip '.' */
		if (j < b.len)
			j++;
		/* "a." cannot happen: parse_idents rejects empty identifiers. */
	}
}

int version__semver_cmp(const struct version__semver *a, const struct version__semver *b)
{
	int c;

	c = cmp_digits(a->major.p, a->major.len, b->major.p, b->major.len);
	if (c)
		return c;
	c = cmp_digits(a->minor.p, a->minor.len, b->minor.p, b->minor.len);
	if (c)
		return c;
	c = cmp_digits(a->patch.p, a->patch.len, b->patch.p, b->patch.len);
	if (c)
		return c;
	if (a->has_pre != b->has_pre)
		return a->has_pre ? -1 : 1; /* §11.3: a pre-release is lower */
	if (!a->has_pre)
		return 0;
	return cmp_pre(a->pre, b->pre);
}

static enum psirt_err semver_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__semver s;

	return version__semver_parse(v, 0, "semver", &s, diag);
}

static enum psirt_err semver_compare(struct psirt_str a, struct psirt_str b, int *result,
                                     struct psirt_diag *diag)
{
	struct version__semver sa, sb;
	enum psirt_err err;

	err = version__semver_parse(a, 0, "semver", &sa, diag);
	if (err) {
		psirt_diag_set_where(diag, "first version");
		return err;
	}
	err = version__semver_parse(b, 0, "semver", &sb, diag);
	if (err) {
		psirt_diag_set_where(diag, "second version");
		return err;
	}
	*result = version__semver_cmp(&sa, &sb);
	return PSIRT_OK;
}

static const char *const semver_aliases[] = {
	"npm", "crates.io", "cargo", "Hex", "hex", "SwiftURL", "Go", NULL
};

const struct psirt_version_scheme psirt_scheme_semver = {
	.name = "semver",
	.aliases = semver_aliases,
	.summary = "Semantic Versioning 2.0.0 (npm, Cargo, Hex, OSV SEMVER ranges)",
	.check = semver_check,
	.compare = semver_compare,
};
