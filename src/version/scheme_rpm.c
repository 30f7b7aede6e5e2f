/* rpm: RPM package versions, [epoch ':'] version ['-' release], ordered as
 * rpm orders them.
 *
 * Syntax: rpm splits an EVR as parseEVR() does (lib/rpmds.c): the epoch is
 * a run of digits at the start followed by ':', the release follows the
 * last '-'. rpmbuild allows in Version and Release only letters, digits
 * and "._+%{}~^" (ALLOWED_CHARS_VERREL in build/parsePreamble.c), and no
 * ".." (rpmCharCheck). We check the same, except that '%', '{' and '}'
 * (for which rpmbuild warns "Possible unexpanded macro") are refused: a
 * built package's version never holds a macro. Also refused: an empty
 * epoch (":1", which parseEVR reads as 0), an epoch above 2^32-1 (the
 * header stores 32 bits), an empty version or release ("1-").
 *
 * Order: epochs as numbers (none is 0), then versions with rpmvercmp(),
 * then releases with rpmvercmp(). rpm's own rpmverCmp() skips the release
 * when either side has none, which is right for "Requires: foo >= 1.0"
 * but is not an order (1.0-1 = 1.0 = 1.0-2 > 1.0-1); here a missing
 * release compares as an empty one, so 1.0 < 1.0-0 (as OSV-Scalibr does).
 *
 * rpmvercmp (rpmio/rpmvercmp.c) cuts each string into runs of digits and
 * runs of ASCII letters, skipping every other byte as a separator, except
 * '~' (sorts before anything, even the end: 1.0~rc1 < 1.0) and '^' (sorts
 * after the end but before anything else: 1.0 < 1.0^git1 < 1.0.1). A
 * numeric run beats a letter run; numbers compare by value, letter runs
 * byte-wise; whoever has runs left over wins. Separators themselves do not
 * count: 2.0 = 2_0 and 1-1. = 1-1.
 */
#include <string.h>

#include "version/internal.h"

/* 2^32-1: the Epoch header tag is a 32-bit integer. */
#define RPM_EPOCH_MAX 4294967295ULL

struct rpm_evr {
	struct psirt_str epoch, version, release;
	int has_epoch, has_release;
};

static void rpm_split(struct psirt_str s, struct rpm_evr *o)
{
	size_t i = 0, start = 0, h;

	memset(o, 0, sizeof(*o));
	while (i < s.len && psirt_isdigit(s.p[i]))
		i++;
	o->epoch = psirt_str_make(s.p, 0);
	if (i < s.len && s.p[i] == ':') {
		o->has_epoch = 1;
		o->epoch.len = i;
		start = i + 1;
	}
	o->version = psirt_str_make(s.p + start, s.len - start);
	o->release = psirt_str_make(s.p + s.len, 0);
	for (h = s.len; h > start; h--) {
		if (s.p[h - 1] == '-') {
			o->has_release = 1;
			o->version.len = h - 1 - start;
			o->release = psirt_str_make(s.p + h, s.len - h);
			break;
		}
	}
}

static enum psirt_err rpm_check_part(struct psirt_str v, struct psirt_str part, const char *what,
                                     struct psirt_diag *diag)
{
	size_t base = (size_t)(part.p - v.p), i;

	if (!part.len)
		return version__invalid(diag, base, "empty %s in rpm version", what);
	for (i = 0; i < part.len; i++) {
		char c = part.p[i];

		if (version__ctype[(unsigned char)c] & VERSION__C_RPM) {
			/* rpmCharCheck: Illegal sequence ".." */
			if (c == '.' && i + 1 < part.len && part.p[i + 1] == '.')
				return version__invalid(diag, base + i, "\"..\" in rpm %s", what);
			continue;
		}
		if (c == '%' || c == '{' || c == '}')
			return version__invalid(diag, base + i,
			                        "unexpanded macro character '%c' in rpm %s", c, what);
		if (c == '-')
			return version__invalid(diag, base + i,
			                        "'-' in rpm version (only one '-', before the release)");
		if (c == ':')
			return version__invalid(diag, base + i,
			                        "':' in rpm %s (only after a numeric epoch)", what);
		return version__bad_char(diag, v, base + i, "rpm", what);
	}
	return PSIRT_OK;
}

/* Checks v (see the top) and splits it. */
static enum psirt_err rpm_parse(struct psirt_str v, struct rpm_evr *e, struct psirt_diag *diag)
{
	unsigned long long epoch;
	enum psirt_err err;

	err = version__check_length(v, "rpm", diag);
	if (err)
		return err;
	rpm_split(v, e);
	if (e->has_epoch) {
		if (!e->epoch.len)
			return version__invalid(diag, 0, "empty epoch before ':' in rpm version");
		if (psirt_str_to_u64(e->epoch, RPM_EPOCH_MAX, &epoch))
			return version__invalid(diag, 0, "epoch of rpm version is above %llu",
			                        RPM_EPOCH_MAX);
	}
	err = rpm_check_part(v, e->version, "version", diag);
	if (!err && e->has_release)
		err = rpm_check_part(v, e->release, "release", diag);
	return err;
}

static enum psirt_err rpm_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct rpm_evr e;

	return rpm_parse(v, &e, diag);
}

/* rpmvercmp() on views, returning -1, 0 or 1. */
static int rpmvercmp(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;

	if (a.len == b.len && (!a.len || !memcmp(a.p, b.p, a.len)))
		return 0;
	while (i < a.len || j < b.len) {
		size_t si, sj;
		int ca, cb, isnum, c;

		while (i < a.len && !psirt_isalnum(a.p[i]) && a.p[i] != '~' && a.p[i] != '^')
			i++;
		while (j < b.len && !psirt_isalnum(b.p[j]) && b.p[j] != '~' && b.p[j] != '^')
			j++;
		ca = i < a.len ? (unsigned char)a.p[i] : 0;
		cb = j < b.len ? (unsigned char)b.p[j] : 0;
		/* '~' sorts before everything else, the end included. */
		if (ca == '~' || cb == '~') {
			if (ca != '~')
				return 1;
			if (cb != '~')
				return -1;
			i++;
			j++;
			continue;
		}
		/* '^' is like '~' except that the end sorts before it. */
		if (ca == '^' || cb == '^') {
			if (!ca)
				return -1;
			if (!cb)
				return 1;
			if (ca != '^')
				return 1;
			if (cb != '^')
				return -1;
			i++;
			j++;
			continue;
		}
		if (!ca || !cb)
			break;
		si = i;
		sj = j;
		isnum = psirt_isdigit(ca);
		if (isnum) {
			while (i < a.len && psirt_isdigit(a.p[i]))
				i++;
			while (j < b.len && psirt_isdigit(b.p[j]))
				j++;
		} else {
			while (i < a.len && psirt_isalpha(a.p[i]))
				i++;
			while (j < b.len && psirt_isalpha(b.p[j]))
				j++;
		}
		/* Different kinds of run: the numeric one is newer. */
		if (sj == j)
			return isnum ? 1 : -1;
		if (isnum) {
			c = version__digits_cmp(psirt_str_make(a.p + si, i - si),
			                        psirt_str_make(b.p + sj, j - sj));
		} else {
			size_t la = i - si, lb = j - sj;

			c = memcmp(a.p + si, b.p + sj, la < lb ? la : lb);
			if (!c)
				c = (la > lb) - (la < lb);
		}
		if (c)
			return c < 0 ? -1 : 1;
	}
	if (i >= a.len && j >= b.len)
		return 0;
	return i >= a.len ? -1 : 1;
}

/* Each side is checked and split once, then ordered from the parts: epoch
 * (none is 0), version, release (none is empty). */
static enum psirt_err rpm_compare(struct psirt_str a, struct psirt_str b, int *result,
                                  struct psirt_diag *diag)
{
	struct rpm_evr ea, eb;
	enum psirt_err err;
	int c;

	err = rpm_parse(a, &ea, diag);
	if (err)
		return version__side(diag, err, 0);
	err = rpm_parse(b, &eb, diag);
	if (err)
		return version__side(diag, err, 1);
	c = version__digits_cmp(ea.epoch, eb.epoch);
	if (!c)
		c = rpmvercmp(ea.version, eb.version);
	if (!c)
		c = rpmvercmp(ea.release, eb.release);
	*result = c;
	return PSIRT_OK;
}

/* OSV ecosystems whose versions are RPM EVRs (osv.dev's ecosystem map, plus
 * the RPM-based Photon OS and Azure Linux), and "redhat". */
static const char *const rpm_aliases[] = {
	"Red Hat", "AlmaLinux", "Rocky Linux", "openSUSE", "SUSE",  "Mageia",
	"openEuler", "Photon OS", "Azure Linux", "redhat", NULL
};

const struct psirt_version_scheme psirt_scheme_rpm = {
	.name = "rpm",
	.aliases = rpm_aliases,
	.summary = "RPM versions: [epoch:]version[-release], rpmvercmp order with ~ and ^",
	.check = rpm_check,
	.compare = rpm_compare,
};
