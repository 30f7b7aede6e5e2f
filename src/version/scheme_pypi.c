/* pypi — Python package versions, PEP 440 (packaging.python.org, "Version
 * specifiers"), with the normalisation rules of the spec's appendix, as
 * packaging.version.Version implements them.
 *
 *   [ws] [v] [N!] N(.N)* [{a|b|rc}N] [.postN] [.devN] [+local] [ws]
 *
 * Accepted spellings (all case-insensitive, PEP 440 "Normalization"):
 * - leading/trailing whitespace and a leading "v" are ignored;
 * - pre-release: "a", "alpha"; "b", "beta"; "rc", "c", "pre", "preview" —
 *   with an optional separator (. - _) before and after the label, and an
 *   implicit number 0 ("1.0a" == "1.0a0");
 * - post-release: "post", "rev", "r" the same way, or the implicit "-N"
 *   ("1.0-1" == "1.0.post1");
 * - development release: "dev" the same way ("1.0-dev" == "1.0.dev0");
 * - local version: "+" then alphanumeric segments joined by . - or _
 *   (all equivalent); numbers anywhere may have leading zeros ("1.01" == "1.1").
 * Anything else is invalid (PSIRT_EINVAL with the column): the "legacy"
 * versions that packaging < 22 accepted ("0.1-bulbasaur") are no longer
 * versions for pip, and are not here either.
 *
 * Order (PEP 440 "Summary of permitted suffixes and relative ordering", as
 * packaging's _cmpkey): epoch; release with trailing zeros ignored ("1.0" ==
 * "1.0.0"); then dev-only releases (1.0.dev1) < pre-releases (a < b < rc, by
 * number; a pre's own .devN sorts before it) < the release < post-releases
 * (by number, .devN of a post before it); finally no local < local, local
 * segments compared left to right, numeric ones numerically and above
 * alphanumeric ones, alphanumeric ones case-insensitively, more segments win.
 * Numbers have no size limit (compared by length, then digits).
 *
 * Aliases: "PyPI" (OSV ecosystem); "pypi" (purl and vers type) is the name.
 */
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

enum { PRE_A = VERSION__PEP440_A, PRE_B = VERSION__PEP440_B, PRE_RC = VERSION__PEP440_RC,
       PRE_NONE = VERSION__PEP440_NONE };

static int is_sep(int c)
{
	return c == '.' || c == '-' || c == '_';
}

/* Case-insensitive match of the lower-case word w, n bytes, at s + i. */
static int word_at(const char *s, size_t i, size_t n, const char *w)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (psirt_tolower((unsigned char)s[i + k]) != w[k])
			return 0;
	}
	return 1;
}

static struct psirt_str strip_zeros(const char *p, size_t len)
{
	while (len && *p == '0') {
		p++;
		len--;
	}
	return psirt_str_make(p, len);
}

static size_t digits_at(const char *s, size_t i, size_t end)
{
	size_t j = i;

	while (j < end && psirt_isdigit((unsigned char)s[j]))
		j++;
	return j - i;
}

/* Reads "[sep] label [sep] [N]" for one of the labels (longest first); on a
 * match sets *kind to the label's value and *num to N (empty = 0) and moves
 * *pos past it. Returns 0 when no label is there (nothing consumed). */
struct label {
	const char *word;
	size_t len;
	int value;
};

static int read_labelled(const char *s, size_t *pos, size_t end, const struct label *labels,
                         int *kind, struct psirt_str *num)
{
	size_t i = *pos, j, n;
	const struct label *l;

	if (i >= end)
		return 0;
	if (is_sep((unsigned char)s[i]))
		i++;
	for (l = labels; l->word; l++) {
		if (end - i >= l->len && word_at(s, i, l->len, l->word))
			break;
	}
	if (!l->word)
		return 0;
	j = i + l->len;
	/* PEP 440: an optional separator after the label, even without a number
	 * ("1.0a." is 1.0a0 for packaging). */
	if (j < end && is_sep((unsigned char)s[j]))
		j++;
	n = digits_at(s, j, end);
	*num = strip_zeros(s + j, n);
	*kind = l->value;
	*pos = j + n;
	return 1;
}

#define LABEL(w, v) { w, sizeof w - 1, v }
static const struct label pre_labels[] = {
	LABEL("alpha", PRE_A),    LABEL("a", PRE_A),    LABEL("beta", PRE_B), LABEL("b", PRE_B),
	LABEL("preview", PRE_RC), LABEL("pre", PRE_RC), LABEL("rc", PRE_RC),  LABEL("c", PRE_RC),
	{ NULL, 0, 0 },
};
static const struct label post_labels[] = {
	LABEL("post", 1), LABEL("rev", 1), LABEL("r", 1), { NULL, 0, 0 },
};
static const struct label dev_labels[] = { LABEL("dev", 1), { NULL, 0, 0 } };

/* "expected X at 'c'" with the column of i (end = end of the trimmed text). */
static enum psirt_err fail_at(struct psirt_diag *diag, const char *s, size_t i, size_t end,
                              const char *what)
{
	enum psirt_err err;
	unsigned char c = i < end ? (unsigned char)s[i] : 0;

	if (i >= end)
		err = psirt_diag_set(diag, PSIRT_EINVAL, "invalid PEP 440 version: %s at the end",
		                     what);
	else if (c >= 0x21 && c < 0x7f)
		err = psirt_diag_set(diag, PSIRT_EINVAL, "invalid PEP 440 version: %s at '%c'",
		                     what, c);
	else
		err = psirt_diag_set(diag, PSIRT_EINVAL,
		                     "invalid PEP 440 version: %s at byte 0x%02x", what, c);
	psirt_diag_set_column(diag, (long)i + 1);
	return err;
}

enum psirt_err version__pep440_parse(struct psirt_str v, struct version__pep440 *out,
                                    struct psirt_diag *diag)
{
	enum psirt_err err;
	size_t i = 0, end = v.len, n, rel_start;
	const char *s = v.p;
	int kind;

	err = version__check_length(v, "PEP 440", diag);
	if (err)
		return err;
	memset(out, 0, sizeof *out);
	out->pre = PRE_NONE;
	while (i < end && psirt_isspace((unsigned char)s[i]))
		i++;
	while (end > i && psirt_isspace((unsigned char)s[end - 1]))
		end--;
	if (i < end && (s[i] == 'v' || s[i] == 'V'))
		i++;
	n = digits_at(s, i, end);
	if (!n)
		return fail_at(diag, s, i, end, "expected a release number");
	if (i + n < end && s[i + n] == '!') {
		out->epoch = strip_zeros(s + i, n);
		i += n + 1;
		n = digits_at(s, i, end);
		if (!n)
			return fail_at(diag, s, i, end, "expected a release number after the epoch");
	}
	rel_start = i;
	i += n;
	while (i + 1 < end && s[i] == '.' && psirt_isdigit((unsigned char)s[i + 1]))
		i += 1 + digits_at(s, i + 1, end);
	out->release = psirt_str_make(s + rel_start, i - rel_start);
	if (i == end)
		return PSIRT_OK; /* the common case: a release and nothing else */

	if (read_labelled(s, &i, end, pre_labels, &kind, &out->pre_n))
		out->pre = kind;
	if (i + 1 < end && s[i] == '-' && psirt_isdigit((unsigned char)s[i + 1])) {
		/* the implicit post-release "1.0-1" */
		n = digits_at(s, i + 1, end);
		out->post_n = strip_zeros(s + i + 1, n);
		out->has_post = 1;
		i += 1 + n;
	} else if (read_labelled(s, &i, end, post_labels, &kind, &out->post_n)) {
		out->has_post = 1;
	}
	if (read_labelled(s, &i, end, dev_labels, &kind, &out->dev_n))
		out->has_dev = 1;
	if (i < end && s[i] == '+') {
		size_t start = ++i;

		for (;;) {
			size_t seg = i;

			while (i < end && psirt_isalnum((unsigned char)s[i]))
				i++;
			if (i == seg)
				return fail_at(diag, s, i, end, "expected a local version segment");
			if (i < end && is_sep((unsigned char)s[i])) {
				i++;
				continue;
			}
			break;
		}
		out->local = psirt_str_make(s + start, i - start);
		out->has_local = 1;
	}
	if (i < end)
		return fail_at(diag, s, i, end, "unexpected character");
	return PSIRT_OK;
}

/* Digit strings without leading zeros. Absent numbers (len 0) may have a
 * NULL pointer, which memcmp must not see: compared byte by byte. */
static inline int cmp_digits(struct psirt_str a, struct psirt_str b)
{
	size_t k;

	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	for (k = 0; k < a.len; k++) {
		if (a.p[k] != b.p[k])
			return a.p[k] < b.p[k] ? -1 : 1;
	}
	return 0;
}

/* Release components left to right, a missing one counting as 0. */
static int cmp_release(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;

	while (i < a.len || j < b.len) {
		size_t si = i, sj = j;
		int c;

		while (i < a.len && a.p[i] != '.')
			i++;
		while (j < b.len && b.p[j] != '.')
			j++;
		c = cmp_digits(strip_zeros(a.p + si, i - si), strip_zeros(b.p + sj, j - sj));
		if (c)
			return c;
		if (i < a.len)
			i++;
		if (j < b.len)
			j++;
	}
	return 0;
}

/* packaging: numeric local segments compare as integers and above strings,
 * strings case-insensitively; the longer list wins on a common prefix. */
static int cmp_local(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;

	for (;;) {
		size_t si = i, sj = j;
		int anum = 1, bnum = 1, c = 0;

		if (i >= a.len || j >= b.len)
			return (i < a.len) - (j < b.len);
		while (i < a.len && !is_sep((unsigned char)a.p[i])) {
			if (!psirt_isdigit((unsigned char)a.p[i]))
				anum = 0;
			i++;
		}
		while (j < b.len && !is_sep((unsigned char)b.p[j])) {
			if (!psirt_isdigit((unsigned char)b.p[j]))
				bnum = 0;
			j++;
		}
		if (anum && bnum) {
			c = cmp_digits(strip_zeros(a.p + si, i - si), strip_zeros(b.p + sj, j - sj));
		} else if (anum != bnum) {
			c = anum ? 1 : -1;
		} else {
			size_t k, la = i - si, lb = j - sj;

			for (k = 0; k < la && k < lb && !c; k++) {
				int x = psirt_tolower((unsigned char)a.p[si + k]);
				int y = psirt_tolower((unsigned char)b.p[sj + k]);

				c = (x > y) - (x < y);
			}
			if (!c)
				c = (la > lb) - (la < lb);
		}
		if (c)
			return c;
		if (i < a.len)
			i++;
		if (j < b.len)
			j++;
	}
}

int version__pep440_cmp(const struct version__pep440 *a, const struct version__pep440 *b)
{
	int c, ka, kb;

	c = cmp_digits(a->epoch, b->epoch);
	if (c)
		return c;
	c = cmp_release(a->release, b->release);
	if (c)
		return c;
	/* packaging _cmpkey: a dev release without pre or post sorts before any
	 * pre-release of the same release; no pre-release sorts after them all. */
	ka = (a->pre == PRE_NONE && !a->has_post && a->has_dev) ? -1 : a->pre;
	kb = (b->pre == PRE_NONE && !b->has_post && b->has_dev) ? -1 : b->pre;
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (ka >= PRE_A && ka <= PRE_RC) {
		c = cmp_digits(a->pre_n, b->pre_n);
		if (c)
			return c;
	}
	if (a->has_post != b->has_post)
		return a->has_post ? 1 : -1;
	if (a->has_post) {
		c = cmp_digits(a->post_n, b->post_n);
		if (c)
			return c;
	}
	if (a->has_dev != b->has_dev)
		return a->has_dev ? -1 : 1;
	if (a->has_dev) {
		c = cmp_digits(a->dev_n, b->dev_n);
		if (c)
			return c;
	}
	if (a->has_local != b->has_local)
		return a->has_local ? 1 : -1;
	return a->has_local ? cmp_local(a->local, b->local) : 0;
}

static enum psirt_err pypi_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__pep440 p;

	return version__pep440_parse(v, &p, diag);
}

static enum psirt_err pypi_compare(struct psirt_str a, struct psirt_str b, int *result,
                                   struct psirt_diag *diag)
{
	struct version__pep440 pa, pb;
	enum psirt_err err;

	err = version__pep440_parse(a, &pa, diag);
	if (err) {
		psirt_diag_set_where(diag, "first version");
		return err;
	}
	err = version__pep440_parse(b, &pb, diag);
	if (err) {
		psirt_diag_set_where(diag, "second version");
		return err;
	}
	*result = version__pep440_cmp(&pa, &pb);
	return PSIRT_OK;
}

static const char *const pypi_aliases[] = { "PyPI", NULL };

const struct psirt_version_scheme psirt_scheme_pypi = {
	.name = "pypi",
	.aliases = pypi_aliases,
	.summary = "Python package versions (PEP 440)",
	.check = pypi_check,
	.compare = pypi_compare,
};
