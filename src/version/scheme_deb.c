/* deb: Debian package versions, ordered as dpkg orders them.
 *
 * Syntax (Debian Policy §5.6.12, and dpkg's parseversion() in
 * lib/dpkg/parsehelp.c, which is what we check against):
 *     [epoch ':'] upstream_version ['-' debian_revision]
 * The epoch is everything before the first ':', the revision everything
 * after the last '-'. Blanks around the version are ignored, as dpkg does.
 *
 * dpkg splits its complaints into errors and warnings. Errors: empty
 * version, embedded blank, epoch empty / not a number / negative / above
 * INT_MAX, nothing after the ':', empty upstream version. Warnings (dpkg
 * --compare-versions goes on, dpkg-deb --build and the archive refuse):
 * upstream not starting with a digit, a character other than
 * [A-Za-z0-9.+~:-] in the upstream version or other than [A-Za-z0-9.+~] in
 * the revision. We treat both kinds as errors (PSIRT_EINVAL): a version
 * dpkg warns about cannot be in a Debian or Ubuntu archive, so an advisory
 * naming one is wrong, and guessing an order for it would hide that.
 *
 * Deliberate differences from dpkg (1.22): a sign before the epoch
 * ("+1:2", which strtol accepts) is refused; an empty revision ("1.0-") is
 * accepted, as dpkg's own test suite expects (t-version.c, 0:0-).
 *
 * Order: epoch numerically, then upstream, then revision, each with dpkg's
 * verrevcmp (src/version/distro.c). A missing revision equals "0".
 */
#include <limits.h>

#include "version/internal.h"

static int deb_upstream_char(char c)
{
	return psirt_isalnum(c) || c == '.' || c == '+' || c == '-' || c == '~' || c == ':';
}

static int deb_revision_char(char c)
{
	return psirt_isalnum(c) || c == '.' || c == '+' || c == '~';
}

static enum psirt_err deb_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__dpkg d;
	struct psirt_str t;
	unsigned long long epoch;
	size_t off, i, base;
	enum psirt_err err;

	err = version__check_length(v, "deb", diag);
	if (err)
		return err;
	t = version__dpkg_trim(v, &off);
	if (!t.len)
		return version__invalid(diag, 0, "empty deb version (only blanks)");
	for (i = 0; i < t.len; i++) {
		if (t.p[i] == ' ' || t.p[i] == '\t')
			return version__invalid(diag, off + i, "blank inside deb version");
	}
	version__dpkg_split(t, &d);
	if (d.has_epoch) {
		if (!d.epoch.len)
			return version__invalid(diag, off, "empty epoch before ':' in deb version");
		for (i = 0; i < d.epoch.len; i++) {
			if (!psirt_isdigit(d.epoch.p[i]))
				return version__invalid(
					diag, off + i,
					"epoch of deb version is not a number (digits before the first ':')");
		}
		/* dpkg stores the epoch in an int and refuses larger ones. */
		if (psirt_str_to_u64(d.epoch, INT_MAX, &epoch))
			return version__invalid(diag, off, "epoch of deb version is above %d",
			                        INT_MAX);
		if (!d.upstream.len && !d.has_revision)
			return version__invalid(diag, off + d.epoch.len + 1,
			                        "nothing after ':' in deb version");
	}
	base = off + (size_t)(d.upstream.p - t.p);
	if (!d.upstream.len)
		return version__invalid(diag, base, "empty upstream version in deb version");
	/* dpkg: warning "version number does not start with digit". */
	if (!psirt_isdigit(d.upstream.p[0]))
		return version__invalid(diag, base,
		                        "deb upstream version must start with a digit");
	for (i = 0; i < d.upstream.len; i++) {
		if (!deb_upstream_char(d.upstream.p[i]))
			return version__bad_char(diag, v, base + i, "deb", "upstream version");
	}
	base = off + (size_t)(d.revision.p - t.p);
	for (i = 0; i < d.revision.len; i++) {
		if (!deb_revision_char(d.revision.p[i]))
			return version__bad_char(diag, v, base + i, "deb", "revision");
	}
	return PSIRT_OK;
}

static enum psirt_err deb_compare(struct psirt_str a, struct psirt_str b, int *result,
                                  struct psirt_diag *diag)
{
	return version__compare_checked(deb_check, version__dpkg_cmp, a, b, result, diag);
}

/* OSV ecosystems ordered by dpkg (osv.dev's ecosystems map: Debian, Ubuntu,
 * Echo); "dpkg" for people who think of the tool. */
static const char *const deb_aliases[] = { "Debian", "Ubuntu", "Echo", "dpkg", NULL };

const struct psirt_version_scheme psirt_scheme_deb = {
	.name = "deb",
	.aliases = deb_aliases,
	.summary = "Debian/Ubuntu dpkg versions: [epoch:]upstream[-revision]",
	.check = deb_check,
	.compare = deb_compare,
};
