/* Native version ranges: the syntax each ecosystem writes, read into sets of
 * versions and written out as vers ranges (see include/psirt/vers.h).
 *
 * Every syntax is one small parser behind a table (struct
 * version__native_syntax): npm ranges in native_npm.c, PEP 440 specifiers in
 * native_pep440.c, the GitHub-advisory syntax here. A parser hands each
 * comparator over as the interval(s) of versions it admits; this file
 * intersects the comparators of a set, unites the sets, and keeps the result
 * as sorted, disjoint intervals. Those give both psirt_native_satisfies()
 * (a binary search) and the vers form (one or two constraints per interval,
 * "!=" where two intervals leave out a single version).
 *
 * An interval's ends are cuts between versions (internal.h): just before or
 * just after a version, or — PEP 440 only — just after a version and all
 * its local versions or post-releases, points that no vers bound can name.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/vers.h"
#include "version/internal.h"

static enum psirt_err ghsa_parse(struct psirt_native_range *r, struct psirt_str text);

static const struct version__native_syntax native_ghsa = { "ghsa", ghsa_parse };

/* The syntax a type reads unless PSIRT_NATIVE_GHSA says otherwise; every
 * type not listed reads the GHSA syntax. scheme: the registry name when it
 * is not the type itself. */
static const struct {
	const char *type;
	const char *scheme;
	const struct version__native_syntax *syntax;
} own_syntax[] = {
	{ "npm", NULL, &version__native_npm },
	{ "pypi", NULL, &version__native_pep440 },
	{ "pip", "pypi", &version__native_pep440 },
};

/* ---- errors and memory ---------------------------------------------------- */

enum psirt_err version__native_fail(struct psirt_native_range *r, enum psirt_err err, long col0,
                                    const char *fmt, ...)
{
	va_list ap;

	if (r->err)
		return r->err;
	va_start(ap, fmt);
	psirt_diag_setv(r->diag, err, fmt, ap);
	va_end(ap);
	if (col0 >= 0)
		psirt_diag_set_column(r->diag, col0 + 1);
	r->err = err;
	return err;
}

static enum psirt_err nomem(struct psirt_native_range *r)
{
	return version__native_fail(r, PSIRT_ENOMEM, -1, "out of memory for a version range");
}

struct psirt_str version__native_strdup(struct psirt_native_range *r, const char *p, size_t len)
{
	char *s = psirt_arena_strndup(&r->arena, p, len);

	if (!s) {
		nomem(r);
		return psirt_str_make("", 0);
	}
	return psirt_str_make(s, len);
}

/* Grows a malloc'd interval list to hold need entries. */
static int reserve(struct psirt_native_range *r, struct version__ivl **list, size_t *cap,
                   size_t need)
{
	struct version__ivl *p;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return 1;
	while (n < need)
		n *= 2;
	p = realloc(*list, n * sizeof *p);
	if (!p) {
		nomem(r);
		return 0;
	}
	*list = p;
	*cap = n;
	return 1;
}

/* ---- cuts and intervals --------------------------------------------------- */

int version__native_cut_cmp(struct psirt_native_range *r, const struct version__cut *a,
                            const struct version__cut *b)
{
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	enum psirt_err err;
	int c = 0;

	if (a->side == VERSION__CUT_NEG_INF || b->side == VERSION__CUT_POS_INF)
		return a->side == b->side ? 0 : -1;
	if (a->side == VERSION__CUT_POS_INF || b->side == VERSION__CUT_NEG_INF)
		return 1;
	err = r->scheme->compare(a->v, b->v, &c, &inner);
	if (err) {
		/* Every version was checked before it became a cut: a failure
		 * here is the scheme's check and compare disagreeing. */
		version__native_fail(r, PSIRT_EINTERNAL, -1, "%s compare failed on checked versions: %s",
		                     r->scheme->name, inner.message ? inner.message : "?");
		psirt_diag_release(&inner);
		return 0;
	}
	if (c == 0)
		return (a->side > b->side) - (a->side < b->side);
	/* A family cut of v stands above versions greater than v too. */
	if (c < 0 && a->side >= VERSION__CUT_AFTER_LOCALS &&
	    version__pep440_in_family(a->side, a->v, b->v))
		return 1;
	if (c > 0 && b->side >= VERSION__CUT_AFTER_LOCALS &&
	    version__pep440_in_family(b->side, b->v, a->v))
		return -1;
	return c;
}

enum psirt_err version__native_set_begin(struct psirt_native_range *r)
{
	if (r->err || !reserve(r, &r->cur, &r->capcur, 1))
		return r->err;
	r->cur[0].lo.side = VERSION__CUT_NEG_INF;
	r->cur[0].lo.v = psirt_str_make("", 0);
	r->cur[0].hi.side = VERSION__CUT_POS_INF;
	r->cur[0].hi.v = psirt_str_make("", 0);
	r->ncur = 1;
	return PSIRT_OK;
}

enum psirt_err version__native_clause(struct psirt_native_range *r,
                                      const struct version__ivl *iv, size_t n)
{
	size_t i = 0, j = 0;
	struct version__ivl *t;

	if (r->err)
		return r->err;
	if (++r->terms > VERSION__NATIVE_MAX_TERMS)
		return version__native_fail(r, PSIRT_ETOOBIG, -1,
		                            "more than %d comparators in one version range",
		                            VERSION__NATIVE_MAX_TERMS);
	if (!reserve(r, &r->tmp, &r->captmp, r->ncur + n))
		return r->err;
	r->ntmp = 0;
	/* Two sorted, disjoint lists: the overlap of the current pair, then
	 * move past whichever ends first. */
	while (i < r->ncur && j < n) {
		const struct version__cut *lo, *hi;

		lo = version__native_cut_cmp(r, &r->cur[i].lo, &iv[j].lo) >= 0 ? &r->cur[i].lo
		                                                                : &iv[j].lo;
		hi = version__native_cut_cmp(r, &r->cur[i].hi, &iv[j].hi) <= 0 ? &r->cur[i].hi
		                                                                : &iv[j].hi;
		if (version__native_cut_cmp(r, lo, hi) < 0) {
			r->tmp[r->ntmp].lo = *lo;
			r->tmp[r->ntmp].hi = *hi;
			r->ntmp++;
		}
		if (version__native_cut_cmp(r, &r->cur[i].hi, &iv[j].hi) < 0)
			i++;
		else
			j++;
	}
	t = r->cur, r->cur = r->tmp, r->tmp = t;
	i = r->capcur, r->capcur = r->captmp, r->captmp = i;
	r->ncur = r->ntmp;
	return r->err;
}

enum psirt_err version__native_set_end(struct psirt_native_range *r)
{
	if (r->err || !reserve(r, &r->all, &r->capall, r->nall + r->ncur))
		return r->err;
	if (r->ncur)
		memcpy(r->all + r->nall, r->cur, r->ncur * sizeof *r->cur);
	r->nall += r->ncur;
	return PSIRT_OK;
}

/* The union of all sets: sorted by lower end (stable bottom-up merge sort,
 * r->tmp as scratch), overlapping or touching intervals merged, copied into
 * the arena as r->iv. */
static enum psirt_err finish_union(struct psirt_native_range *r)
{
	struct version__ivl *src = r->all, *dst, *t;
	size_t n = r->nall, width, lo, mid, hi, i, j, k, out;

	if (r->err || !reserve(r, &r->tmp, &r->captmp, n ? n : 1))
		return r->err;
	dst = r->tmp;
	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = lo + width < n ? lo + width : n;
			hi = lo + 2 * width < n ? lo + 2 * width : n;
			for (i = lo, j = mid, k = lo; i < mid || j < hi;) {
				if (i < mid && (j >= hi || version__native_cut_cmp(r, &src[j].lo,
				                                                  &src[i].lo) >= 0))
					dst[k++] = src[i++];
				else
					dst[k++] = src[j++];
			}
		}
		t = src, src = dst, dst = t;
	}
	for (i = 0, out = 0; i < n; i++) {
		if (out && version__native_cut_cmp(r, &src[i].lo, &src[out - 1].hi) <= 0) {
			if (version__native_cut_cmp(r, &src[i].hi, &src[out - 1].hi) > 0)
				src[out - 1].hi = src[i].hi;
			continue;
		}
		src[out++] = src[i];
	}
	if (r->err)
		return r->err;
	r->iv = psirt_arena_alloc(&r->arena, (out ? out : 1) * sizeof *r->iv);
	if (!r->iv)
		return nomem(r);
	if (out)
		memcpy(r->iv, src, out * sizeof *src);
	r->niv = out;
	return PSIRT_OK;
}

/* ---- the GHSA syntax -------------------------------------------------------
 *
 * GitHub's advisory database writes vulnerable_version_range for every
 * ecosystem as comparators joined by commas, all of which must hold:
 * "< 1.0.4", ">= 2.0.0, < 2.3.1", "= 0.2.0". Versions are the ecosystem's
 * own, checked by its scheme and compared plainly. Also read: "==", "!=",
 * and a bare version for "=".
 */

/* The interval(s) of "op v" under plain comparison; returns how many. */
static size_t plain_intervals(enum psirt_vers_op op, struct psirt_str v, struct version__ivl iv[2])
{
	struct version__cut neg = { { "", 0 }, VERSION__CUT_NEG_INF };
	struct version__cut pos = { { "", 0 }, VERSION__CUT_POS_INF };
	struct version__cut before = { v, VERSION__CUT_BEFORE }, after = { v, VERSION__CUT_AFTER };

	iv[0].lo = neg;
	iv[0].hi = pos;
	switch (op) {
	case PSIRT_VERS_EQ:
		iv[0].lo = before;
		iv[0].hi = after;
		break;
	case PSIRT_VERS_NE:
		iv[0].hi = before;
		iv[1].lo = after;
		iv[1].hi = pos;
		return 2;
	case PSIRT_VERS_LT:
		iv[0].hi = before;
		break;
	case PSIRT_VERS_LE:
		iv[0].hi = after;
		break;
	case PSIRT_VERS_GT:
		iv[0].lo = after;
		break;
	case PSIRT_VERS_GE:
		iv[0].lo = before;
		break;
	default:
		break;
	}
	return 1;
}

static enum psirt_err ghsa_parse(struct psirt_native_range *r, struct psirt_str text)
{
	struct version__ivl iv[2];
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	size_t i = 0, start, end, vs;
	enum psirt_vers_op op;
	enum psirt_err err;
	struct psirt_str v;
	char c;

	version__native_set_begin(r);
	for (;;) {
		while (i < text.len && psirt_isspace((unsigned char)text.p[i]))
			i++;
		start = i;
		op = PSIRT_VERS_EQ;
		c = i < text.len ? text.p[i] : 0;
		if ((c == '<' || c == '>' || c == '!' || c == '=') && i + 1 < text.len &&
		    text.p[i + 1] == '=') {
			op = c == '<' ? PSIRT_VERS_LE : c == '>' ? PSIRT_VERS_GE
			     : c == '!' ? PSIRT_VERS_NE : PSIRT_VERS_EQ;
			i += 2;
		} else if (c == '<' || c == '>' || c == '=') {
			op = c == '<' ? PSIRT_VERS_LT : c == '>' ? PSIRT_VERS_GT : PSIRT_VERS_EQ;
			i++;
		}
		while (i < text.len && psirt_isspace((unsigned char)text.p[i]))
			i++;
		vs = i;
		while (i < text.len && text.p[i] != ',')
			i++;
		for (end = i; end > vs && psirt_isspace((unsigned char)text.p[end - 1]); end--)
			;
		if (end == vs)
			return version__native_fail(r, PSIRT_EINVAL, (long)vs,
				vs == start ? "empty comparator in a GitHub-advisory range"
				            : "missing version after the comparator");
		v = psirt_str_make(text.p + vs, end - vs);
		err = r->scheme->check(v, &inner);
		if (err) {
			version__native_fail(r, err, (long)vs + (inner.column ? inner.column - 1 : 0),
			                     "%s version '%.*s': %s", r->scheme->name, (int)v.len, v.p,
			                     inner.message ? inner.message : psirt_strerror(err));
			psirt_diag_release(&inner);
			return err;
		}
		v = version__native_strdup(r, v.p, v.len);
		if (version__native_clause(r, iv, plain_intervals(op, v, iv)))
			return r->err;
		if (i == text.len)
			break;
		i++; /* ',' */
	}
	return version__native_set_end(r);
}

/* ---- the API -------------------------------------------------------------- */

/* The vers type: the given type in lower case when it is a valid vers type
 * naming the same scheme ("npm", "PyPI" -> "pypi"), else the scheme's name. */
static enum psirt_err set_vers_type(struct psirt_native_range *r, struct psirt_str type)
{
	char lower[64];
	size_t i;
	int ok = type.len > 0 && type.len < sizeof lower && psirt_isalpha((unsigned char)type.p[0]);

	for (i = 0; ok && i < type.len; i++) {
		unsigned char c = (unsigned char)type.p[i];

		ok = psirt_isalnum(c) || c == '.' || c == '-';
		lower[i] = (char)psirt_tolower(c);
	}
	if (ok)
		ok = psirt_version_scheme_find(psirt_str_make(lower, type.len)) == r->scheme;
	r->vers_type = ok ? psirt_arena_strndup(&r->arena, lower, type.len)
	                  : psirt_arena_strdup(&r->arena, r->scheme->name);
	return r->vers_type ? PSIRT_OK : nomem(r);
}

static enum psirt_err find_syntax(struct psirt_native_range *r, struct psirt_str type)
{
	struct psirt_buf names = PSIRT_BUF_INIT;
	const struct psirt_version_scheme *s;
	size_t i;

	r->syntax = &native_ghsa;
	r->scheme = NULL;
	for (i = 0; i < sizeof own_syntax / sizeof own_syntax[0]; i++) {
		if (psirt_str_ieq(type, own_syntax[i].type)) {
			if (!(r->flags & PSIRT_NATIVE_GHSA))
				r->syntax = own_syntax[i].syntax;
			if (own_syntax[i].scheme)
				r->scheme = psirt_version_scheme_find(psirt_str_c(own_syntax[i].scheme));
			break;
		}
	}
	if (!r->scheme)
		r->scheme = psirt_version_scheme_find(type);
	if (r->scheme)
		return set_vers_type(r, type);
	for (i = 0; (s = psirt_version_scheme_at(i)); i++)
		psirt_buf_addf(&names, "%s%s", i ? ", " : "", s->name);
	version__native_fail(r, PSIRT_EUNSUPPORTED, -1,
	                     "no version scheme for '%.*s' (known: %s)", (int)type.len,
	                     type.p ? type.p : "", names.len ? names.p : "none registered");
	psirt_buf_release(&names);
	return r->err;
}

static void release_scratch(struct psirt_native_range *r)
{
	free(r->cur);
	free(r->tmp);
	free(r->all);
	r->cur = r->tmp = r->all = NULL;
	r->capcur = r->captmp = r->capall = 0;
	r->ncur = r->ntmp = r->nall = 0;
}

void psirt_native_free(struct psirt_native_range *range)
{
	if (!range)
		return;
	release_scratch(range);
	psirt_arena_release(&range->arena);
	free(range);
}

enum psirt_err psirt_native_parse(struct psirt_str type, struct psirt_str text, unsigned flags,
                                  struct psirt_native_range **out,
                                  struct psirt_diag *diag)
{
	struct psirt_native_range *r = calloc(1, sizeof *r);
	enum psirt_err err;

	if (!r)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory for a version range");
	psirt_arena_init(&r->arena, 4096);
	r->flags = flags;
	r->diag = diag;
	if (text.len > PSIRT_NATIVE_MAX) {
		version__native_fail(r, PSIRT_ETOOBIG, -1,
		                     "version range of %zu bytes is longer than the %d allowed",
		                     text.len, PSIRT_NATIVE_MAX);
		goto out_free;
	}
	if (find_syntax(r, type) || r->syntax->parse(r, text) || finish_union(r))
		goto out_free;
	release_scratch(r);
	r->diag = NULL;
	*out = r;
	return PSIRT_OK;
out_free:
	err = r->err;
	psirt_native_free(r);
	return err;
}

const char *psirt_native_syntax(const struct psirt_native_range *range)
{
	return range->syntax->name;
}

const struct psirt_version_scheme *psirt_native_scheme(const struct psirt_native_range *range)
{
	return range->scheme;
}

/* ASCII case-insensitive equality of two views (PEP 440 "===" compares
 * str.lower() of both). */
static int str_ieq(struct psirt_str a, struct psirt_str b)
{
	size_t i;

	if (a.len != b.len)
		return 0;
	for (i = 0; i < a.len; i++) {
		if (psirt_tolower((unsigned char)a.p[i]) != psirt_tolower((unsigned char)b.p[i]))
			return 0;
	}
	return 1;
}

/* node-semver's testSet() for set [first, end): every comparator holds;
 * and, unless include_prerelease, a version with a prerelease tag only
 * where a comparator of the set has one on the same major.minor.patch. */
static int npm_test_set(const struct psirt_native_range *r, size_t first, size_t end,
                        const struct version__semver *x, int include_prerelease)
{
	size_t i;
	int c;

	for (i = first; i < end; i++) {
		const struct version__npm_comp *k = &r->comps[i];

		if (k->op == PSIRT_VERS_ANY)
			continue;
		c = version__semver_cmp(x, &k->sv);
		if (!(k->op == PSIRT_VERS_EQ ? c == 0 : k->op == PSIRT_VERS_LT ? c < 0
		      : k->op == PSIRT_VERS_LE ? c <= 0 : k->op == PSIRT_VERS_GT ? c > 0 : c >= 0))
			return 0;
	}
	if (!x->has_pre || include_prerelease)
		return 1;
	for (i = first; i < end; i++) {
		const struct version__npm_comp *k = &r->comps[i];

		if (k->op != PSIRT_VERS_ANY && k->sv.has_pre && k->sv.nums[0] == x->nums[0] &&
		    k->sv.nums[1] == x->nums[1] && k->sv.nums[2] == x->nums[2])
			return 1;
	}
	return 0;
}

enum psirt_err psirt_native_satisfies(const struct psirt_native_range *range,
                                      struct psirt_str version, int *result,
                                      struct psirt_diag *diag)
{
	/* The cut comparisons record errors in the range; a copy keeps the
	 * caller's range const (the versions were all checked: none occurs). */
	struct psirt_native_range r = *range;
	struct version__cut at = { version, VERSION__CUT_AT };
	struct version__semver x;
	size_t i, lo = 0, hi, mid;
	enum psirt_err err;
	int in = 1;

	if (range->arbitrary_only) {
		for (i = 0; i < range->narbitrary && in; i++)
			in = str_ieq(version, range->arbitrary[i]);
		*result = in;
		return PSIRT_OK;
	}
	if (range->comps) {
		err = version__semver_parse(version, 0, range->scheme->name, &x, diag);
		if (err)
			return err;
		for (i = 0, in = 0; i < range->nsets && !in; i++)
			in = npm_test_set(range, i ? range->set_end[i - 1] : 0, range->set_end[i], &x,
			                  range->flags & PSIRT_NATIVE_INCLUDE_PRERELEASE);
		*result = in;
		return PSIRT_OK;
	}
	err = range->scheme->check(version, diag);
	if (err)
		return err;
	r.diag = diag;
	r.err = PSIRT_OK;
	/* The first interval whose upper end is above the version. */
	for (hi = range->niv; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (version__native_cut_cmp(&r, &range->iv[mid].hi, &at) > 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	in = lo < range->niv && version__native_cut_cmp(&r, &range->iv[lo].lo, &at) < 0;
	for (i = 0; i < range->narbitrary && in; i++)
		in = str_ieq(version, range->arbitrary[i]);
	if (r.err)
		return r.err;
	*result = in;
	return PSIRT_OK;
}

/* Appends one constraint to cs (room for 2 per interval + 1 is reserved). */
static void add(struct psirt_vers_constraint *cs, size_t *n, enum psirt_vers_op op,
                struct psirt_str v)
{
	cs[*n].op = op;
	cs[*n].version = v;
	(*n)++;
}

enum psirt_err psirt_native_to_vers(const struct psirt_native_range *range,
                                    struct psirt_arena *arena, struct psirt_vers **out,
                                    int *exact, struct psirt_diag *diag)
{
	struct psirt_native_range r = *range;
	struct psirt_vers_constraint *cs;
	struct psirt_vers_constraint null_set = { PSIRT_VERS_LT, { "0.0.0-0", 7 } };
	struct version__pep440 pv;
	size_t k, n = 0;
	int inexact = range->inexact, skip_lo = 0;
	enum psirt_err err;

	r.diag = diag;
	r.err = PSIRT_OK;
	for (k = 0; k < range->narbitrary; k++) {
		/* "===V" is string equality; as a vers range, V's equals. */
		if (version__pep440_parse(range->arbitrary[k], &pv, NULL))
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "'===%.*s' matches a string that is no PEP 440 version: "
			                      "vers cannot express it",
			                      (int)range->arbitrary[k].len, range->arbitrary[k].p);
		inexact = 1;
	}
	if (!range->niv) {
		if (range->syntax != &version__native_npm)
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "the range matches no version (vers has no empty range)");
		/* node-semver's own form of the empty range. */
		err = psirt_vers_build(psirt_str_c(range->vers_type), range->scheme, &null_set, 1,
		                       arena, out, diag);
		goto out_exact;
	}
	cs = malloc((2 * range->niv + 1) * sizeof *cs);
	if (!cs)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory for a version range");
	for (k = 0; k < range->niv; k++) {
		const struct version__ivl *iv = &range->iv[k];
		const struct version__ivl *next = k + 1 < range->niv ? &range->iv[k + 1] : NULL;
		struct version__cut lo_at = { iv->lo.v, VERSION__CUT_AT };
		struct version__cut hi_at = { iv->hi.v, VERSION__CUT_AT };

		if (iv->lo.side == VERSION__CUT_NEG_INF && iv->hi.side == VERSION__CUT_POS_INF) {
			add(cs, &n, PSIRT_VERS_ANY, psirt_str_make("", 0));
			break;
		}
		/* A single version: [v, v], or PEP 440's "==v" (v and its locals). */
		if (iv->lo.side == VERSION__CUT_BEFORE &&
		    (iv->hi.side == VERSION__CUT_AFTER || iv->hi.side == VERSION__CUT_AFTER_LOCALS) &&
		    version__native_cut_cmp(&r, &lo_at, &hi_at) == 0) {
			inexact |= iv->hi.side == VERSION__CUT_AFTER_LOCALS;
			add(cs, &n, PSIRT_VERS_EQ, iv->lo.v);
			skip_lo = 0;
			continue;
		}
		if (!skip_lo && iv->lo.side != VERSION__CUT_NEG_INF) {
			inexact |= iv->lo.side > VERSION__CUT_AFTER;
			add(cs, &n, iv->lo.side == VERSION__CUT_BEFORE ? PSIRT_VERS_GE : PSIRT_VERS_GT,
			    iv->lo.v);
		}
		skip_lo = 0;
		if (iv->hi.side == VERSION__CUT_POS_INF)
			continue;
		if (next && iv->hi.side == VERSION__CUT_BEFORE && next->lo.side > VERSION__CUT_AT) {
			struct version__cut next_at = { next->lo.v, VERSION__CUT_AT };

			if (version__native_cut_cmp(&r, &hi_at, &next_at) == 0) {
				/* Two intervals around one version: "!=". */
				inexact |= next->lo.side > VERSION__CUT_AFTER;
				add(cs, &n, PSIRT_VERS_NE, iv->hi.v);
				skip_lo = 1;
				continue;
			}
		}
		inexact |= iv->hi.side > VERSION__CUT_AFTER;
		add(cs, &n, iv->hi.side == VERSION__CUT_BEFORE ? PSIRT_VERS_LT : PSIRT_VERS_LE, iv->hi.v);
	}
	err = r.err ? r.err
	            : psirt_vers_build(psirt_str_c(range->vers_type), range->scheme, cs, n, arena,
	                               out, diag);
	free(cs);
out_exact:
	if (!err && exact)
		*exact = !inexact;
	return err;
}

enum psirt_err psirt_vers_from_native(struct psirt_str type, struct psirt_str text,
                                      unsigned flags, struct psirt_arena *arena,
                                      struct psirt_vers **out, struct psirt_diag *diag)
{
	struct psirt_native_range *r = NULL;
	enum psirt_err err;

	err = psirt_native_parse(type, text, flags, &r, diag);
	if (!err)
		err = psirt_native_to_vers(r, arena, out, NULL, diag);
	psirt_native_free(r);
	return err;
}
