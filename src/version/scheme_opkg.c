/* opkg: OpenWrt (and Yocto/OpenEmbedded) package versions, ordered as
 * opkg orders them.
 *
 * What opkg does (opkg-lede, OpenWrt's fork, libopkg/pkg_parse.c
 * parse_version() and libopkg/pkg.c pkg_compare_versions()): leading
 * white space is skipped; if the string holds a ':', the epoch is
 * strtoul() of what precedes the first one and the version is what
 * follows it; the revision is what follows the last '-'. Versions compare
 * as dpkg's do: epoch as a number, then upstream and revision with
 * verrevcmp, the very function dpkg uses (src/version/distro.c).
 *
 * opkg validates nothing: "1a:2" gets epoch 1, "a:2" epoch 0, "-1:2" a
 * huge one, "1:" an empty version, any byte is a version character. We
 * keep opkg's order and refuse what it would read by accident:
 *   - the epoch, when there is a ':', must be decimal digits, at most
 *     INT_MAX (opkg keeps it in an int), and not empty;
 *   - the upstream version must not be empty ("1:", "-1", "1:-1");
 *   - every character must be printable ASCII other than a blank: opkg's
 *     isdigit()/isalpha() on a byte above 0x7f depends on the signedness
 *     of char, so such a version has no portable order.
 * Blanks around the version are dropped, as dpkg does (opkg drops only
 * the leading ones; a trailing blank would be part of its revision).
 *
 * Differences from deb (dpkg), all because opkg checks nothing:
 *   - the upstream version may start with a non-digit: OpenWrt's LuCI
 *     packages are versioned "git-23.093.57360-e98243e";
 *   - any printable character is allowed ('_', '#', '%', ...), in the
 *     upstream version and in the revision; they sort after letters;
 *   - an empty revision ("1.0-") is allowed (dpkg's test suite allows it
 *     too) and equals no revision.
 * OpenWrt moved from opkg to apk-tools after 24.10; use apk for those.
 */
#include <limits.h>

#include "version/internal.h"

/* Checks v (see the top) and splits it. */
static enum psirt_err opkg_parse(struct psirt_str v, struct version__dpkg *d,
                                 struct psirt_diag *diag)
{
	unsigned long long epoch;
	struct psirt_str t;
	size_t off, i, base;
	enum psirt_err err;

	err = version__check_length(v, "opkg", diag);
	if (err)
		return err;
	t = version__dpkg_trim(v, &off);
	if (!t.len)
		return version__invalid(diag, 0, "empty opkg version (only blanks)");
	for (i = 0; i < t.len; i++) {
		if (!(version__ctype[(unsigned char)t.p[i]] & VERSION__C_PRINT)) {
			if (t.p[i] == ' ' || t.p[i] == '\t')
				return version__invalid(diag, off + i, "blank inside opkg version");
			return version__bad_char(diag, v, off + i, "opkg", "version");
		}
	}
	version__dpkg_split(t, d);
	if (d->has_epoch) {
		if (!d->epoch.len)
			return version__invalid(diag, off, "empty epoch before ':' in opkg version");
		for (i = 0; i < d->epoch.len; i++) {
			if (!psirt_isdigit(d->epoch.p[i]))
				return version__invalid(
					diag, off + i,
					"epoch of opkg version is not a number (digits before the first ':')");
		}
		if (psirt_str_to_u64(d->epoch, INT_MAX, &epoch))
			return version__invalid(diag, off, "epoch of opkg version is above %d",
			                        INT_MAX);
	}
	base = off + (size_t)(d->upstream.p - t.p);
	if (!d->upstream.len)
		return version__invalid(diag, base, "empty upstream version in opkg version");
	return PSIRT_OK;
}

static enum psirt_err opkg_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__dpkg d;

	return opkg_parse(v, &d, diag);
}

static enum psirt_err opkg_compare(struct psirt_str a, struct psirt_str b, int *result,
                                   struct psirt_diag *diag)
{
	struct version__dpkg pa, pb;
	enum psirt_err err;

	err = opkg_parse(a, &pa, diag);
	if (err)
		return version__side(diag, err, 0);
	err = opkg_parse(b, &pb, diag);
	if (err)
		return version__side(diag, err, 1);
	*result = version__dpkg_order(&pa, &pb);
	return PSIRT_OK;
}

static const char *const opkg_aliases[] = { "OpenWrt", "ipk", NULL };

const struct psirt_version_scheme psirt_scheme_opkg = {
	.name = "opkg",
	.aliases = opkg_aliases,
	.summary = "OpenWrt/Yocto opkg versions: [epoch:]upstream[-revision], dpkg order",
	.check = opkg_check,
	.compare = opkg_compare,
};
