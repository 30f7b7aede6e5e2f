/* PyPI version specifiers (PEP 440, "Version specifiers"), read as
 * packaging 26 reads them: comma-separated clauses, all of which must hold
 * (an empty one is skipped, an empty text matches every version):
 *
 *   ~=V     compatible release: >=V and ==P.* where P is V's release without
 *           its last number (~=1.4.2 is >=1.4.2, ==1.4.*); V has two numbers
 *           or more
 *   ==V     V, and V's local versions when V has no local label (1.0+abc)
 *   ==V.*   every version whose release starts with V (pre- and
 *           post-releases included): [V.dev0, W.dev0) with W = V's last
 *           number + 1
 *   !=V, !=V.*   everything else
 *   <=V, >=V     inclusive, local versions of V included in <=V
 *   <V      exclusive; and not V's pre-releases unless V is one:
 *           below V.dev0 (keeping V's post-release, as packaging does)
 *   >V      exclusive; and not V's post-releases or local versions unless
 *           V is a post-release (>V.postN is >=V.post(N+1).dev0, >V.devN
 *           >=V.dev(N+1))
 *   ===S    the string S, ASCII case-insensitively
 * Versions in specifiers: "V.*" only after == and != and only on a bare
 * release; no local label except after == and !=.
 *
 * packaging's own model is the same intervals (its _ranges.py): the two
 * points no version names — just after V and its local versions, just after
 * V and its post-releases — are the cut sides AFTER_LOCALS and AFTER_POSTS
 * of internal.h; this file says which versions those stand above.
 *
 * Pre-releases: packaging's SpecifierSet.contains() with its default
 * (prereleases=None) accepts a pre-release inside the range when asked
 * about that one version ("as there are no other versions"); so does
 * psirt_native_satisfies(). Filtering a list of candidates is the
 * caller's business.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/vers.h"
#include "version/internal.h"

/* Is w in the family above which the cut (side, v) stands? v has no local
 * label. AFTER_LOCALS: w is v with some local label. AFTER_POSTS (v has no
 * dev and no post part): w is v or v's post-release, local labels allowed
 * (packaging's _BoundaryVersion._is_family). */
int version__pep440_in_family(int side, struct psirt_str v, struct psirt_str w)
{
	struct version__pep440 a, b;

	if (version__pep440_parse(v, &a, NULL) || version__pep440_parse(w, &b, NULL))
		return 0;
	b.has_local = 0;
	if (side == VERSION__CUT_AFTER_LOCALS)
		return version__pep440_cmp(&a, &b) == 0;
	if (b.has_dev && !b.has_post)
		return 0;
	b.has_post = b.has_dev = 0;
	return version__pep440_cmp(&a, &b) == 0;
}

/* Decimal digits of d (no leading zeros; empty is 0) plus one, into b. */
static void add_inc(struct psirt_buf *b, struct psirt_str d)
{
	size_t i, start = b->len;
	int carry = 1;

	if (!d.len) {
		psirt_buf_addch(b, '1');
		return;
	}
	psirt_buf_add(b, d.p, d.len);
	if (psirt_buf_error(b))
		return;
	for (i = b->len; i > start && carry; i--) {
		if (b->p[i - 1] == '9') {
			b->p[i - 1] = '0';
		} else {
			b->p[i - 1]++;
			carry = 0;
		}
	}
	if (carry) {
		psirt_buf_addch(b, '0');
		if (!psirt_buf_error(b)) {
			memmove(b->p + start + 1, b->p + start, b->len - start - 1);
			b->p[start] = '1';
		}
	}
}

static void add_num(struct psirt_buf *b, struct psirt_str d)
{
	if (d.len)
		psirt_buf_add(b, d.p, d.len);
	else
		psirt_buf_addch(b, '0');
}

/* Writes the epoch and the first keep release numbers of p (normalised),
 * the last of them plus one when inc. */
static void add_release(struct psirt_buf *b, const struct version__pep440 *p, size_t keep, int inc)
{
	size_t i = 0, k = 0, s;

	if (p->epoch.len) {
		psirt_buf_add(b, p->epoch.p, p->epoch.len);
		psirt_buf_addch(b, '!');
	}
	while (i < p->release.len && k < keep) {
		struct psirt_str d;

		for (s = i; i < p->release.len && p->release.p[i] != '.'; i++)
			;
		d = psirt_str_make(p->release.p + s, i - s);
		while (d.len && d.p[0] == '0') {
			d.p++;
			d.len--;
		}
		if (k)
			psirt_buf_addch(b, '.');
		if (inc && k + 1 == keep)
			add_inc(b, d);
		else
			add_num(b, d);
		k++;
		i++; /* '.' */
	}
}

static const char *const pre_label[] = { "a", "b", "rc" };

/* Builds a normalised version from p's parts: the epoch and keep release
 * numbers (the last one plus one when inc_release); then the pre-release,
 * post-release and development parts, each NONE (left out), SAME (p's),
 * ZERO (number 0) or INC (p's number plus one). */
enum { NONE, SAME, ZERO, INC };
static struct psirt_str make(struct psirt_native_range *r, const struct version__pep440 *p,
                             size_t keep, int inc_release, int pre, int post, int dev)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_str out;

	add_release(&b, p, keep, inc_release);
	if (pre == SAME && p->pre != VERSION__PEP440_NONE) {
		psirt_buf_adds(&b, pre_label[p->pre]);
		add_num(&b, p->pre_n);
	}
	if (post != NONE) {
		psirt_buf_adds(&b, ".post");
		if (post == INC)
			add_inc(&b, p->post_n);
		else
			add_num(&b, post == ZERO ? psirt_str_make("", 0) : p->post_n);
	}
	if (dev != NONE) {
		psirt_buf_adds(&b, ".dev");
		if (dev == INC)
			add_inc(&b, p->dev_n);
		else
			add_num(&b, dev == ZERO ? psirt_str_make("", 0) : p->dev_n);
	}
	if (psirt_buf_error(&b)) {
		psirt_buf_release(&b);
		version__native_fail(r, PSIRT_ENOMEM, -1, "out of memory for a version range");
		return psirt_str_make("", 0);
	}
	out = version__native_strdup(r, b.p, b.len);
	psirt_buf_release(&b);
	return out;
}

static size_t release_count(const struct version__pep440 *p)
{
	size_t i, n = 1;

	for (i = 0; i < p->release.len; i++)
		n += p->release.p[i] == '.';
	return n;
}

static int is_prerelease(const struct version__pep440 *p)
{
	return p->pre != VERSION__PEP440_NONE || p->has_dev;
}

static struct version__cut cut(struct psirt_str v, int side)
{
	struct version__cut c;

	c.v = v;
	c.side = side;
	return c;
}

static const struct version__cut neg_inf = { { "", 0 }, VERSION__CUT_NEG_INF };
static const struct version__cut pos_inf = { { "", 0 }, VERSION__CUT_POS_INF };

/* One specifier at text[start, end) (trimmed, not empty). */
static enum psirt_err specifier(struct psirt_native_range *r, struct psirt_str text, size_t start,
                                size_t end)
{
	static const char *const ops[] = { "===", "~=", "==", "!=", "<=", ">=", "<", ">" };
	const char *s = text.p;
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	struct version__ivl iv[2];
	struct version__pep440 p;
	struct psirt_str v, bound;
	size_t k, i = start, vs, n = 1;
	int wildcard = 0, c = 0;
	const char *op = NULL;
	enum psirt_err err;

	for (k = 0; k < sizeof ops / sizeof ops[0] && !op; k++) {
		size_t l = strlen(ops[k]);

		if (end - start >= l && !memcmp(s + start, ops[k], l)) {
			op = ops[k];
			i += l;
		}
	}
	if (!op)
		return version__native_fail(r, PSIRT_EINVAL, (long)start,
		                            "invalid PEP 440 specifier: expected one of ~= == != <= >= "
		                            "< > === at '%.*s'", (int)(end - start), s + start);
	while (i < end && psirt_isspace((unsigned char)s[i]))
		i++;
	vs = i;
	if (!strcmp(op, "===")) {
		/* Anything but whitespace (and packaging's ';' and ')'). */
		for (; i < end; i++) {
			if (psirt_isspace((unsigned char)s[i]) || s[i] == ';' || s[i] == ')')
				return version__native_fail(r, PSIRT_EINVAL, (long)i,
				                            "invalid PEP 440 specifier: '%c' after '==='", s[i]);
		}
		if (r->narbitrary % 8 == 0) {
			struct psirt_str *a = psirt_arena_alloc(&r->arena,
			                                        (r->narbitrary + 8) * sizeof *a);

			if (!a)
				return version__native_fail(r, PSIRT_ENOMEM, -1,
				                            "out of memory for a version range");
			if (r->narbitrary)
				memcpy(a, r->arbitrary, r->narbitrary * sizeof *a);
			r->arbitrary = a;
		}
		r->arbitrary[r->narbitrary++] = version__native_strdup(r, s + vs, end - vs);
		/* Its interval is every version; the string test is separate. */
		iv[0].lo = neg_inf;
		iv[0].hi = pos_inf;
		return version__native_clause(r, iv, 1);
	}
	if (end - vs >= 2 && s[end - 2] == '.' && s[end - 1] == '*' &&
	    (!strcmp(op, "==") || !strcmp(op, "!="))) {
		wildcard = 1;
		end -= 2;
	}
	v = psirt_str_make(s + vs, end - vs);
	if (!v.len)
		return version__native_fail(r, PSIRT_EINVAL, (long)vs,
		                            "invalid PEP 440 specifier: missing version after '%s'", op);
	err = version__pep440_parse(v, &p, &inner);
	if (err) {
		version__native_fail(r, err, (long)vs + (inner.column ? inner.column - 1 : 0),
		                     "invalid PEP 440 specifier: %s",
		                     inner.message ? inner.message : psirt_strerror(err));
		psirt_diag_release(&inner);
		return err;
	}
	for (k = 0; k < v.len; k++) {
		if (psirt_isspace((unsigned char)v.p[k]))
			return version__native_fail(r, PSIRT_EINVAL, (long)(vs + k),
			                            "invalid PEP 440 specifier: space inside the version");
	}
	if (wildcard && (p.pre != VERSION__PEP440_NONE || p.has_post || p.has_dev || p.has_local))
		return version__native_fail(r, PSIRT_EINVAL, (long)vs,
		                            "invalid PEP 440 specifier: '.*' only follows a release "
		                            "(1.2.*)");
	if (p.has_local && strcmp(op, "==") && strcmp(op, "!="))
		return version__native_fail(r, PSIRT_EINVAL, (long)vs,
		                            "invalid PEP 440 specifier: a local version only after == "
		                            "or !=");
	if (!strcmp(op, "~=") && release_count(&p) < 2)
		return version__native_fail(r, PSIRT_EINVAL, (long)vs,
		                            "invalid PEP 440 specifier: ~= needs a release of two "
		                            "numbers or more");
	v = version__native_strdup(r, v.p, v.len);
	if (version__pep440_parse(v, &p, NULL)) /* views into the kept copy */
		return version__native_fail(r, PSIRT_EINTERNAL, -1, "PEP 440 version changed");
	iv[0].lo = neg_inf;
	iv[0].hi = pos_inf;
	if (wildcard) {
		/* packaging's wildcard_ranges: [V.dev0, next prefix .dev0) */
		struct version__cut lo = cut(make(r, &p, SIZE_MAX, 0, NONE, NONE, ZERO),
		                             VERSION__CUT_BEFORE);
		struct version__cut hi = cut(make(r, &p, release_count(&p), 1, NONE, NONE, ZERO),
		                             VERSION__CUT_BEFORE);

		if (op[0] == '=') {
			iv[0].lo = lo;
			iv[0].hi = hi;
		} else {
			iv[0].hi = lo;
			iv[1].lo = hi;
			iv[1].hi = pos_inf;
			n = 2;
		}
	} else if (!strcmp(op, ">=")) {
		iv[0].lo = cut(v, VERSION__CUT_BEFORE);
	} else if (!strcmp(op, "<=")) {
		iv[0].hi = cut(v, VERSION__CUT_AFTER_LOCALS);
	} else if (!strcmp(op, ">")) {
		if (p.has_dev) /* >V.devN: the next version is V.dev(N+1) */
			iv[0].lo = cut(make(r, &p, SIZE_MAX, 0, SAME, p.has_post ? SAME : NONE, INC),
			               VERSION__CUT_BEFORE);
		else if (p.has_post) /* >V.postN: V.post(N+1).dev0 */
			iv[0].lo = cut(make(r, &p, SIZE_MAX, 0, SAME, INC, ZERO), VERSION__CUT_BEFORE);
		else
			iv[0].lo = cut(v, VERSION__CUT_AFTER_POSTS);
	} else if (!strcmp(op, "<")) {
		/* V's pre-releases are out unless V is one: the bound is V.dev0. */
		bound = is_prerelease(&p) ? v
		        : make(r, &p, SIZE_MAX, 0, SAME, p.has_post ? SAME : NONE, ZERO);
		if (!r->err && r->scheme->compare(bound, psirt_str_c("0.dev0"), &c, NULL) == PSIRT_OK &&
		    c <= 0)
			return version__native_clause(r, iv, 0); /* nothing is below */
		iv[0].hi = cut(bound, VERSION__CUT_BEFORE);
	} else if (!strcmp(op, "~=")) {
		iv[0].lo = cut(v, VERSION__CUT_BEFORE);
		iv[0].hi = cut(make(r, &p, release_count(&p) - 1, 1, NONE, NONE, ZERO),
		               VERSION__CUT_BEFORE);
	} else {
		/* == and !=: with a local label, that version only; without, V's
		 * local versions too. */
		int upper = p.has_local ? VERSION__CUT_AFTER : VERSION__CUT_AFTER_LOCALS;

		if (op[0] == '=') {
			iv[0].lo = cut(v, VERSION__CUT_BEFORE);
			iv[0].hi = cut(v, upper);
		} else {
			iv[0].hi = cut(v, VERSION__CUT_BEFORE);
			iv[1].lo = cut(v, upper);
			iv[1].hi = pos_inf;
			n = 2;
		}
	}
	return version__native_clause(r, iv, n);
}

static enum psirt_err pep440_parse(struct psirt_native_range *r, struct psirt_str text)
{
	size_t i = 0, start, end, clauses = 0;

	version__native_set_begin(r);
	while (i <= text.len && !r->err) {
		for (start = i; start < text.len && psirt_isspace((unsigned char)text.p[start]); start++)
			;
		for (i = start; i < text.len && text.p[i] != ','; i++)
			;
		for (end = i; end > start && psirt_isspace((unsigned char)text.p[end - 1]); end--)
			;
		if (end > start) { /* packaging skips empty clauses */
			specifier(r, text, start, end);
			clauses++;
		}
		i++;
	}
	r->arbitrary_only = clauses && clauses == r->narbitrary;
	return version__native_set_end(r);
}

const struct version__native_syntax version__native_pep440 = { "pep440", pep440_parse };
