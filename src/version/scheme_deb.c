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

/* A byte outside its part's class: a blank gets its own message. */
static enum psirt_err deb_bad(struct psirt_str v, size_t at, const char *part,
                              struct psirt_diag *diag)
{
	if (v.p[at] == ' ' || v.p[at] == '\t')
		return version__invalid(diag, at, "blank inside deb version");
	return version__bad_char(diag, v, at, "deb", part);
}

/* Checks v as dpkg's parseversion does (see the top) and splits it. */
static enum psirt_err deb_parse(struct psirt_str v, struct version__dpkg *d,
                                struct psirt_diag *diag)
{
	unsigned long long epoch;
	struct psirt_str t;
	size_t off, i, base;
	enum psirt_err err;

	err = version__check_length(v, "deb", diag);
	if (err)
		return err;
	t = version__dpkg_trim(v, &off);
	if (!t.len)
		return version__invalid(diag, 0, "empty deb version (only blanks)");
	version__dpkg_split(t, d);
	if (d->has_epoch) {
		if (!d->epoch.len)
			return version__invalid(diag, off, "empty epoch before ':' in deb version");
		for (i = 0; i < d->epoch.len; i++) {
			if (!(version__ctype[(unsigned char)d->epoch.p[i]] & VERSION__C_DIGIT)) {
				if (d->epoch.p[i] == ' ' || d->epoch.p[i] == '\t')
					return deb_bad(v, off + i, "epoch", diag);
				return version__invalid(
					diag, off + i,
					"epoch of deb version is not a number (digits before the first ':')");
			}
		}
		/* dpkg stores the epoch in an int and refuses larger ones. */
		if (psirt_str_to_u64(d->epoch, INT_MAX, &epoch))
			return version__invalid(diag, off, "epoch of deb version is above %d",
			                        INT_MAX);
		if (!d->upstream.len && !d->has_revision)
			return version__invalid(diag, off + d->epoch.len + 1,
			                        "nothing after ':' in deb version");
	}
	base = off + (size_t)(d->upstream.p - t.p);
	if (!d->upstream.len)
		return version__invalid(diag, base, "empty upstream version in deb version");
	/* dpkg: warning "version number does not start with digit". */
	if (!psirt_isdigit(d->upstream.p[0]))
		return version__invalid(diag, base,
		                        "deb upstream version must start with a digit");
	for (i = 1; i < d->upstream.len; i++) {
		if (!(version__ctype[(unsigned char)d->upstream.p[i]] & VERSION__C_DEB_UP))
			return deb_bad(v, base + i, "upstream version", diag);
	}
	base = off + (size_t)(d->revision.p - t.p);
	for (i = 0; i < d->revision.len; i++) {
		if (!(version__ctype[(unsigned char)d->revision.p[i]] & VERSION__C_DEB_REV))
			return deb_bad(v, base + i, "revision", diag);
	}
	return PSIRT_OK;
}

static enum psirt_err deb_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__dpkg d;

	return deb_parse(v, &d, diag);
}

/* Each side is checked and split once, then ordered from the parts. */
static enum psirt_err deb_compare(struct psirt_str a, struct psirt_str b, int *result,
                                  struct psirt_diag *diag)
{
	struct version__dpkg pa, pb;
	enum psirt_err err;

	err = deb_parse(a, &pa, diag);
	if (err)
		return version__side(diag, err, 0);
	err = deb_parse(b, &pb, diag);
	if (err)
		return version__side(diag, err, 1);
	*result = version__dpkg_order(&pa, &pb);
	return PSIRT_OK;
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
