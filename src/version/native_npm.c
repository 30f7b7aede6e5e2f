/* npm ranges, read as npm's node-semver 7 reads them (strict mode): its
 * README ("Ranges", "Advanced Range Syntax") and the behaviour of semver@7's
 * classes/range.js, which desugars every form into plain comparators:
 *
 *   a || b          either set; a set is comparators separated by spaces,
 *                   all of which must hold ("" and "*" are any version)
 *   1.2.3 - 2.3.4   >=1.2.3 <=2.3.4   (a partial upper end rounds up:
 *   1.2 - 2.3       >=1.2.0 <2.4.0-0   every 2.3.x is included)
 *   1.x  1.2.*  1   >=1.0.0 <2.0.0-0, >=1.2.0 <1.3.0-0, >=1.0.0 <2.0.0-0
 *   ~1.2.3          >=1.2.3 <1.3.0-0  (~1: >=1.0.0 <2.0.0-0)
 *   ^1.2.3 ^0.2.3   >=1.2.3 <2.0.0-0, >=0.2.3 <0.3.0-0, ^0.0.3: <0.0.4-0
 *   >1 >1.2  <=1.2  >=2.0.0, >=1.3.0, <1.3.0-0
 *   "-0" bounds keep the prereleases of the next version out. With
 *   includePrerelease the lower end of a partial version gets "-0" too
 *   ("~1.2": >=1.2.0-0), so that 1.2.0-beta is in.
 * Build metadata is removed first ("1.2.3+build" is 1.2.3); whitespace
 * between an operator and its version is allowed ("> = 1" is not).
 *
 * Differences from node-semver, on purpose:
 * - loose mode (leading zeros, "1.2.3beta", "=v1.2.3" prefixes) is not read;
 *   vulnerability data writes strict ranges;
 * - only ASCII whitespace separates (JavaScript's \s also matches U+00A0
 *   and other Unicode spaces);
 * - a hyphen range's ends are single words ("1.2.3 - = 2.3.4", where
 *   node-semver's pattern lets a prefix be followed by spaces, is an error),
 *   and an end with a prefix other than "v" is an error in both modes
 *   (node-semver pastes it back as written, ">==1.2.3", which fails, except
 *   for an upper end under includePrerelease, which it rebuilds);
 * - an error is an error: node-semver also throws on every invalid range
 *   in strict mode, but its satisfies() answers false for an invalid
 *   version where psirt reports it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/vers.h"
#include "version/internal.h"

#define MAX_SAFE 9007199254740991ull /* Number.MAX_SAFE_INTEGER, node-semver's cap */

/* A partial version, XRANGEPLAIN in node-semver's terms:
 * [v=]* id [. id [. id [-pre]]] with id a number or a wildcard. */
struct partial {
	int n;               /* identifiers given: 1 to 3 */
	int x[3];            /* identifier k is a wildcard (x, X, *) or absent */
	uint64_t num[3];     /* its value otherwise */
	struct psirt_str pre; /* after '-' (only after three identifiers) */
	int plain_prefix;    /* nothing or one 'v' before the numbers: what a
	                      * comparator left as written may carry */
	int toobig;          /* a number above MAX_SAFE */
};

/* One comparator while a range is read. */
struct comp {
	enum psirt_vers_op op; /* EQ, LT, LE, GT, GE; ANY */
	struct psirt_str v;    /* canonical "M.m.p[-pre]" in the arena */
};

struct reader {
	struct psirt_native_range *r;
	struct psirt_str text;
	int incpr;               /* desugar as with includePrerelease */
	struct comp *comps;      /* every set's comparators, malloc'd */
	size_t ncomps, cap;
	size_t *set_end;         /* end of each set in comps, malloc'd */
	size_t nsets, capsets;
};

/* A word of a set: its text with build metadata removed (in the arena),
 * and its column in the range. */
struct word {
	const char *p;
	size_t len;
	long col0;
};

static int is_ident(unsigned char c)
{
	return psirt_isalnum(c) || c == '-';
}

/* Reads a number at s[*i]: "0" | [1-9][0-9]*, as node-semver's strict
 * NUMERICIDENTIFIER. Returns 0 if none (a leading zero reads "0" only). */
static int read_num(const char *s, size_t n, size_t *i, uint64_t *out, int *toobig)
{
	size_t j = *i, start = j;
	uint64_t v = 0;

	if (j >= n || !psirt_isdigit((unsigned char)s[j]))
		return 0;
	if (s[j] == '0') {
		*out = 0;
		*i = j + 1;
		return 1;
	}
	for (; j < n && psirt_isdigit((unsigned char)s[j]); j++) {
		if (j - start < 17)
			v = v * 10 + (uint64_t)(s[j] - '0');
	}
	if (j - start > 16 || v > MAX_SAFE)
		*toobig = 1;
	*out = v;
	*i = j;
	return 1;
}

/* SemVer 2.0.0 §9 pre-release identifiers at s[*i] (after '-'): numeric
 * ones without leading zeros. Returns 0 if invalid. */
static int read_pre(const char *s, size_t n, size_t *i)
{
	size_t j = *i;

	for (;;) {
		size_t start = j;
		int digits = 1;

		for (; j < n && is_ident((unsigned char)s[j]); j++)
			digits &= psirt_isdigit((unsigned char)s[j]);
		if (j == start || (digits && s[start] == '0' && j - start > 1))
			return 0;
		if (j < n && s[j] == '.') {
			j++;
			continue;
		}
		*i = j;
		return 1;
	}
}

/* The whole of s[i, n) as a partial version. Returns 0 if it is not one. */
static int read_partial(const char *s, size_t n, size_t i, struct partial *p)
{
	size_t start = i;

	memset(p, 0, sizeof *p);
	while (i < n && (s[i] == 'v' || s[i] == '='))
		i++;
	p->plain_prefix = i == start || (i == start + 1 && s[start] == 'v');
	for (p->n = 0; p->n < 3;) {
		if (i < n && (s[i] == 'x' || s[i] == 'X' || s[i] == '*')) {
			p->x[p->n] = 1;
			i++;
		} else if (!read_num(s, n, &i, &p->num[p->n], &p->toobig)) {
			return 0;
		}
		p->n++;
		if (p->n == 3 || i >= n || s[i] != '.')
			break;
		i++;
	}
	for (int k = p->n; k < 3; k++)
		p->x[k] = 1; /* an absent identifier is a wildcard */
	if (p->n == 3 && i < n && s[i] == '-') {
		size_t pre = ++i;

		if (!read_pre(s, n, &i))
			return 0;
		p->pre = psirt_str_make(s + pre, i - pre);
	}
	return i == n;
}

static enum psirt_err grow_comps(struct reader *rd)
{
	struct comp *c;
	size_t cap = rd->cap ? rd->cap * 2 : 16;

	if (rd->ncomps < rd->cap)
		return PSIRT_OK;
	c = realloc(rd->comps, cap * sizeof *c);
	if (!c)
		return version__native_fail(rd->r, PSIRT_ENOMEM, -1, "out of memory for a version range");
	rd->comps = c;
	rd->cap = cap;
	return PSIRT_OK;
}

static enum psirt_err check_version(struct psirt_native_range *r, struct psirt_str v,
                                                long col0);

/* Appends "op M.m.p[pre]"; pre is "" or includes its '-'. col0 places an
 * error: a number over node-semver's cap once incremented. */
static enum psirt_err emit(struct reader *rd, enum psirt_vers_op op, uint64_t M, uint64_t m,
                           uint64_t p, struct psirt_str pre, long col0)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct comp *c;

	if (M > MAX_SAFE || m > MAX_SAFE || p > MAX_SAFE)
		return version__native_fail(rd->r, PSIRT_EINVAL, col0,
		                            "invalid npm range: a version number above %llu",
		                            (unsigned long long)MAX_SAFE);
	if (grow_comps(rd))
		return rd->r->err;
	psirt_buf_addf(&b, "%llu.%llu.%llu%.*s", (unsigned long long)M, (unsigned long long)m,
	               (unsigned long long)p, (int)pre.len, pre.p ? pre.p : "");
	if (psirt_buf_error(&b)) {
		psirt_buf_release(&b);
		return version__native_fail(rd->r, PSIRT_ENOMEM, -1, "out of memory for a version range");
	}
	c = &rd->comps[rd->ncomps];
	c->op = op;
	c->v = version__native_strdup(rd->r, b.p, b.len);
	psirt_buf_release(&b);
	/* node-semver's SemVer checks the comparator's version: at most 256
	 * bytes. */
	if (!rd->r->err && check_version(rd->r, c->v, col0))
		return rd->r->err;
	/* node-semver: ">=0.0.0" (">=0.0.0-0" with includePrerelease) is "*". */
	if (op == PSIRT_VERS_GE && psirt_str_eq(c->v, rd->incpr ? "0.0.0-0" : "0.0.0")) {
		c->op = PSIRT_VERS_ANY;
		c->v = psirt_str_make("", 0);
	}
	rd->ncomps++;
	return rd->r->err;
}

static enum psirt_err check_version(struct psirt_native_range *r, struct psirt_str v,
                                                long col0)
{
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	enum psirt_err err = r->scheme->check(v, &inner);

	if (err) {
		version__native_fail(r, err, col0, "invalid npm range: %s",
		                     inner.message ? inner.message : psirt_strerror(err));
		psirt_diag_release(&inner);
	}
	return err;
}

static enum psirt_err emit_any(struct reader *rd)
{
	if (grow_comps(rd))
		return rd->r->err;
	rd->comps[rd->ncomps].op = PSIRT_VERS_ANY;
	rd->comps[rd->ncomps].v = psirt_str_make("", 0);
	rd->ncomps++;
	return PSIRT_OK;
}

static const struct psirt_str no_pre = { "", 0 }, pre0 = { "-0", 2 };

/* The pre-release of p with its '-' (p->pre points just after it in the
 * word), or nothing. */
static struct psirt_str dash_pre(const struct partial *p)
{
	return p->pre.len ? psirt_str_make(p->pre.p - 1, p->pre.len + 1) : no_pre;
}

/* "^" (replaceCaret): changes allowed that do not modify the left-most
 * non-zero number. */
static enum psirt_err caret(struct reader *rd, const struct partial *p, long col0)
{
	uint64_t M = p->num[0], m = p->num[1], pt = p->num[2];
	struct psirt_str z = rd->incpr ? pre0 : no_pre, pr = dash_pre(p);

	if (p->x[0])
		return emit_any(rd);
	if (p->x[1]) {
		emit(rd, PSIRT_VERS_GE, M, 0, 0, z, col0);
		return emit(rd, PSIRT_VERS_LT, M + 1, 0, 0, pre0, col0);
	}
	if (p->x[2]) {
		emit(rd, PSIRT_VERS_GE, M, m, 0, z, col0);
		return M == 0 ? emit(rd, PSIRT_VERS_LT, M, m + 1, 0, pre0, col0)
		              : emit(rd, PSIRT_VERS_LT, M + 1, 0, 0, pre0, col0);
	}
	emit(rd, PSIRT_VERS_GE, M, m, pt, pr, col0);
	if (M == 0 && m == 0)
		return emit(rd, PSIRT_VERS_LT, M, m, pt + 1, pre0, col0);
	if (M == 0)
		return emit(rd, PSIRT_VERS_LT, M, m + 1, 0, pre0, col0);
	return emit(rd, PSIRT_VERS_LT, M + 1, 0, 0, pre0, col0);
}

/* "~" (replaceTilde): patch-level changes if a minor version is given,
 * minor-level changes if not. */
static enum psirt_err tilde(struct reader *rd, const struct partial *p, long col0)
{
	uint64_t M = p->num[0], m = p->num[1];
	struct psirt_str z = rd->incpr ? pre0 : no_pre;

	if (p->x[0])
		return emit_any(rd);
	if (p->x[1]) {
		emit(rd, PSIRT_VERS_GE, M, 0, 0, z, col0);
		return emit(rd, PSIRT_VERS_LT, M + 1, 0, 0, pre0, col0);
	}
	if (p->x[2])
		emit(rd, PSIRT_VERS_GE, M, m, 0, z, col0);
	else
		emit(rd, PSIRT_VERS_GE, M, m, p->num[2], dash_pre(p), col0);
	return emit(rd, PSIRT_VERS_LT, M, m + 1, 0, pre0, col0);
}

/* An operator (one of "", "=", "<", "<=", ">", ">=") and a partial version
 * with at least one wildcard (replaceXRange). */
static enum psirt_err xrange(struct reader *rd, const char *gtlt, const struct partial *p,
                             long col0)
{
	int xM = p->x[0], xm = xM || p->x[1];
	uint64_t M = p->num[0], m = p->num[1], pt = 0;
	struct psirt_str pr = rd->incpr ? pre0 : no_pre;
	enum psirt_vers_op op;

	if (!strcmp(gtlt, "="))
		gtlt = "";
	if (xM) {
		if (!strcmp(gtlt, ">") || !strcmp(gtlt, "<"))
			return emit(rd, PSIRT_VERS_LT, 0, 0, 0, pre0, col0); /* nothing */
		return emit_any(rd);
	}
	if (*gtlt) {
		if (xm)
			m = 0;
		op = !strcmp(gtlt, ">=") ? PSIRT_VERS_GE : PSIRT_VERS_LT;
		if (!strcmp(gtlt, ">")) {
			/* >1 is >=2.0.0, >1.2 is >=1.3.0 */
			op = PSIRT_VERS_GE;
			if (xm)
				M++;
			else
				m++;
		} else if (!strcmp(gtlt, "<=")) {
			/* <=1.2 is <1.3.0-0: every 1.2.x is in */
			if (xm)
				M++;
			else
				m++;
		}
		if (op == PSIRT_VERS_LT)
			pr = pre0;
		return emit(rd, op, M, m, pt, pr, col0);
	}
	if (xm) {
		emit(rd, PSIRT_VERS_GE, M, 0, 0, pr, col0);
		return emit(rd, PSIRT_VERS_LT, M + 1, 0, 0, pre0, col0);
	}
	emit(rd, PSIRT_VERS_GE, M, m, 0, pr, col0);
	return emit(rd, PSIRT_VERS_LT, M, m + 1, 0, pre0, col0);
}

static enum psirt_err bad_token(struct reader *rd, const char *tok, size_t len, long col0)
{
	return version__native_fail(rd->r, PSIRT_EINVAL, col0,
	                            "invalid npm range: '%.*s' is not a comparator", (int)len, tok);
}

static enum psirt_err too_big(struct reader *rd, long col0)
{
	return version__native_fail(rd->r, PSIRT_EINVAL, col0,
	                            "invalid npm range: a version number above %llu",
	                            (unsigned long long)MAX_SAFE);
}

/* One comparator word (parseComparator: caret, tilde, x-range, star). */
static enum psirt_err comparator(struct reader *rd, const char *t, size_t n, long col0)
{
	struct partial p;
	char gtlt[3] = { 0 };
	size_t i = 0, k = 0;
	enum psirt_vers_op op;

	if (n && (t[0] == '^' || t[0] == '~')) {
		i = 1 + (t[0] == '~' && n > 1 && t[1] == '>');
		if (!read_partial(t, n, i, &p))
			return bad_token(rd, t, n, col0);
		if (p.toobig)
			return too_big(rd, col0);
		return t[0] == '^' ? caret(rd, &p, col0) : tilde(rd, &p, col0);
	}
	if (i < n && (t[i] == '<' || t[i] == '>'))
		gtlt[k++] = t[i++];
	if (i < n && t[i] == '=')
		gtlt[k++] = t[i++];
	if (!read_partial(t, n, i, &p))
		return bad_token(rd, t, n, col0);
	/* node-semver leaves "x.1" and "1.x.2" as they are, and then rejects
	 * them as comparators. */
	if ((p.x[0] && !p.x[1]) || (p.x[1] && p.n == 3 && !p.x[2]))
		return bad_token(rd, t, n, col0);
	if (p.toobig)
		return too_big(rd, col0);
	if (p.x[0] || p.x[1] || p.x[2])
		return xrange(rd, gtlt, &p, col0);
	/* A full version stays as written: a comparator, "v" prefix at most. */
	if (!p.plain_prefix)
		return bad_token(rd, t, n, col0);
	op = !strcmp(gtlt, "<") ? PSIRT_VERS_LT : !strcmp(gtlt, "<=") ? PSIRT_VERS_LE
	     : !strcmp(gtlt, ">") ? PSIRT_VERS_GT : !strcmp(gtlt, ">=") ? PSIRT_VERS_GE
	                                                                : PSIRT_VERS_EQ;
	return emit(rd, op, p.num[0], p.num[1], p.num[2], dash_pre(&p), col0);
}

/* The hyphen range "a - b" (hyphenReplace): raw ends, build removed. */
static enum psirt_err hyphen(struct reader *rd, const char *a, size_t alen, long acol,
                             const char *b, size_t blen, long bcol)
{
	struct partial f, t;
	struct psirt_str z = rd->incpr ? pre0 : no_pre;

	if (!read_partial(a, alen, 0, &f))
		return bad_token(rd, a, alen, acol);
	if (!read_partial(b, blen, 0, &t))
		return bad_token(rd, b, blen, bcol);
	if (f.toobig || t.toobig)
		return too_big(rd, f.toobig ? acol : bcol);
	/* node-semver pastes a full end back as written: only a plain prefix
	 * makes a comparator of it. */
	if (!f.x[0] && !f.x[1] && !f.x[2] && !f.plain_prefix)
		return bad_token(rd, a, alen, acol);
	if (!t.x[0] && !t.x[1] && !t.x[2] && !t.pre.len && !rd->incpr && !t.plain_prefix)
		return bad_token(rd, b, blen, bcol);
	if (!f.x[0]) {
		if (f.x[1])
			emit(rd, PSIRT_VERS_GE, f.num[0], 0, 0, z, acol);
		else if (f.x[2])
			emit(rd, PSIRT_VERS_GE, f.num[0], f.num[1], 0, z, acol);
		else
			emit(rd, PSIRT_VERS_GE, f.num[0], f.num[1], f.num[2],
			     f.pre.len ? dash_pre(&f) : z, acol);
	}
	if (t.x[0]) /* "* - *" is "" in node-semver: any version */
		return f.x[0] ? emit_any(rd) : rd->r->err;
	if (t.x[1])
		return emit(rd, PSIRT_VERS_LT, t.num[0] + 1, 0, 0, pre0, bcol);
	if (t.x[2])
		return emit(rd, PSIRT_VERS_LT, t.num[0], t.num[1] + 1, 0, pre0, bcol);
	if (t.pre.len)
		return emit(rd, PSIRT_VERS_LE, t.num[0], t.num[1], t.num[2], dash_pre(&t), bcol);
	if (rd->incpr)
		return emit(rd, PSIRT_VERS_LT, t.num[0], t.num[1], t.num[2] + 1, pre0, bcol);
	return emit(rd, PSIRT_VERS_LE, t.num[0], t.num[1], t.num[2], no_pre, bcol);
}

/* Copies s[0, n) without build metadata ("+" and dot-separated identifiers
 * of [0-9A-Za-z-], node-semver's BUILDSTRIPRE) into out; returns the new
 * length. */
static size_t strip_build(const char *s, size_t n, char *out)
{
	size_t i = 0, o = 0, j;

	while (i < n) {
		if (s[i] == '+' && i + 1 < n && is_ident((unsigned char)s[i + 1])) {
			for (j = i + 1; j < n && is_ident((unsigned char)s[j]); j++)
				;
			while (j + 1 < n && s[j] == '.' && is_ident((unsigned char)s[j + 1])) {
				for (j++; j < n && is_ident((unsigned char)s[j]); j++)
					;
			}
			i = j;
			continue;
		}
		out[o++] = s[i++];
	}
	return o;
}

/* Does the word start like a version (node-semver's prefix run of 'v' and
 * '=', then a digit or a wildcard)? Then an operator before it joins it. */
static int starts_version(const struct word *w)
{
	size_t i = 0;

	while (i < w->len && (w->p[i] == 'v' || w->p[i] == '='))
		i++;
	return i < w->len && (psirt_isdigit((unsigned char)w->p[i]) || w->p[i] == 'x' ||
	                      w->p[i] == 'X' || w->p[i] == '*');
}

static int word_is(const struct word *w, const char *s)
{
	return w->len == strlen(s) && !memcmp(w->p, s, w->len);
}

/* An operator alone, which joins the version after it ("> 1.2.3" is
 * ">1.2.3", "~ 1.2" "~1.2", "^ 1" "^1": node-semver's comparator, tilde
 * and caret trims). */
static int joins_next(const struct word *w, const struct word *next)
{
	if (word_is(w, "~") || word_is(w, "~>") || word_is(w, "^"))
		return 1;
	return (word_is(w, "<") || word_is(w, ">") || word_is(w, "<=") || word_is(w, ">=") ||
	        word_is(w, "=")) &&
	       starts_version(next);
}

/* One set, text[start, end): its words, then its comparators. */
static enum psirt_err read_set(struct reader *rd, size_t start, size_t end)
{
	const char *s = rd->text.p;
	struct word *w;
	size_t nw = 0, i, j;
	char *copy;

	w = psirt_arena_alloc(&rd->r->arena, ((end - start) / 2 + 1) * sizeof *w);
	copy = psirt_arena_alloc(&rd->r->arena, end - start + 1);
	if (!w || !copy)
		return version__native_fail(rd->r, PSIRT_ENOMEM, -1, "out of memory for a version range");
	for (i = start; i < end;) {
		if (psirt_isspace((unsigned char)s[i])) {
			i++;
			continue;
		}
		for (j = i; j < end && !psirt_isspace((unsigned char)s[j]); j++)
			;
		w[nw].p = copy;
		w[nw].len = strip_build(s + i, j - i, copy);
		w[nw].col0 = (long)i;
		copy += w[nw].len;
		nw++;
		i = j;
	}
	if (nw == 0)
		return emit_any(rd); /* "" is any version */
	if (nw == 3 && word_is(&w[1], "-"))
		return hyphen(rd, w[0].p, w[0].len, w[0].col0, w[2].p, w[2].len, w[2].col0);
	for (i = 0; i < nw && !rd->r->err; i++) {
		if (i + 1 < nw && joins_next(&w[i], &w[i + 1])) {
			size_t oplen = w[i].p[0] == '~' ? 1 : w[i].len;
			char *glued = psirt_arena_alloc(&rd->r->arena, oplen + w[i + 1].len + 1);

			if (!glued)
				return version__native_fail(rd->r, PSIRT_ENOMEM, -1,
				                            "out of memory for a version range");
			memcpy(glued, w[i].p, oplen);
			memcpy(glued + oplen, w[i + 1].p, w[i + 1].len);
			comparator(rd, glued, oplen + w[i + 1].len, w[i].col0);
			i++;
			continue;
		}
		comparator(rd, w[i].p, w[i].len, w[i].col0);
	}
	return rd->r->err;
}

static int is_null(const struct comp *c)
{
	return c->op == PSIRT_VERS_LT && psirt_str_eq(c->v, "0.0.0-0");
}

/* node-semver's clean-up of a set [first, rd->ncomps): a set with the null
 * comparator "<0.0.0-0" is that alone; repeats go; "*" goes when there is
 * anything else. */
static void tidy_set(struct reader *rd, size_t first)
{
	size_t i, j, out = first;

	for (i = first; i < rd->ncomps; i++) {
		if (is_null(&rd->comps[i])) {
			rd->comps[first] = rd->comps[i];
			rd->ncomps = first + 1;
			return;
		}
	}
	for (i = first; i < rd->ncomps; i++) {
		for (j = first; j < out; j++) {
			if (rd->comps[j].op == rd->comps[i].op &&
			    rd->comps[j].v.len == rd->comps[i].v.len &&
			    !memcmp(rd->comps[j].v.p, rd->comps[i].v.p, rd->comps[i].v.len))
				break;
		}
		if (j == out)
			rd->comps[out++] = rd->comps[i];
	}
	rd->ncomps = out;
	if (out - first > 1) {
		for (i = first, out = first; i < rd->ncomps; i++) {
			if (rd->comps[i].op != PSIRT_VERS_ANY)
				rd->comps[out++] = rd->comps[i];
		}
		rd->ncomps = out;
	}
}

static enum psirt_err end_set(struct reader *rd)
{
	size_t *e;

	if (rd->nsets == rd->capsets) {
		size_t cap = rd->capsets ? rd->capsets * 2 : 8;

		e = realloc(rd->set_end, cap * sizeof *e);
		if (!e)
			return version__native_fail(rd->r, PSIRT_ENOMEM, -1,
			                            "out of memory for a version range");
		rd->set_end = e;
		rd->capsets = cap;
	}
	rd->set_end[rd->nsets++] = rd->ncomps;
	return PSIRT_OK;
}

static size_t set_begin(const struct reader *rd, size_t k)
{
	return k ? rd->set_end[k - 1] : 0;
}

/* With more than one set (Range's constructor): null sets go, unless all
 * are (the first stays); a set that is just "*" is the whole range. */
static void tidy_range(struct reader *rd)
{
	size_t k, b, e, out = 0, sets = 0;

	if (rd->nsets < 2)
		return;
	for (k = 0; k < rd->nsets; k++) {
		b = set_begin(rd, k);
		if (rd->set_end[k] - b == 1 && rd->comps[b].op == PSIRT_VERS_ANY) {
			rd->comps[0] = rd->comps[b];
			rd->ncomps = rd->nsets = rd->set_end[0] = 1;
			return;
		}
	}
	for (k = 0; k < rd->nsets; k++) {
		b = set_begin(rd, k);
		e = rd->set_end[k];
		if (is_null(&rd->comps[b]))
			continue;
		memmove(rd->comps + out, rd->comps + b, (e - b) * sizeof *rd->comps);
		out += e - b;
		rd->set_end[sets++] = out;
	}
	if (!sets) /* all null */
		out = sets = rd->set_end[0] = 1;
	rd->ncomps = out;
	rd->nsets = sets;
}

/* The sets of the range, split at "||". */
static enum psirt_err read_range(struct reader *rd)
{
	const char *s = rd->text.p;
	size_t n = rd->text.len, start = 0, i, first;

	for (i = 0; i <= n; i++) {
		if (i < n && !(s[i] == '|' && i + 1 < n && s[i + 1] == '|'))
			continue;
		first = rd->ncomps;
		if (read_set(rd, start, i))
			return rd->r->err;
		tidy_set(rd, first);
		if (end_set(rd))
			return rd->r->err;
		if (rd->ncomps > VERSION__NATIVE_MAX_TERMS)
			return version__native_fail(rd->r, PSIRT_ETOOBIG, -1,
			                            "more than %d comparators in one version range",
			                            VERSION__NATIVE_MAX_TERMS);
		start = i + 2;
		i++;
	}
	tidy_range(rd);
	return PSIRT_OK;
}

/* The interval of versions one comparator admits, compared plainly. */
static size_t comp_interval(const struct comp *c, struct version__ivl *iv)
{
	struct version__cut neg = { { "", 0 }, VERSION__CUT_NEG_INF };
	struct version__cut pos = { { "", 0 }, VERSION__CUT_POS_INF };
	struct version__cut before = { c->v, VERSION__CUT_BEFORE };
	struct version__cut after = { c->v, VERSION__CUT_AFTER };

	iv->lo = c->op == PSIRT_VERS_EQ || c->op == PSIRT_VERS_GE ? before
	         : c->op == PSIRT_VERS_GT ? after : neg;
	iv->hi = c->op == PSIRT_VERS_EQ || c->op == PSIRT_VERS_LE ? after
	         : c->op == PSIRT_VERS_LT ? before : pos;
	return 1;
}

/* The includePrerelease reading as intervals: the range's set of versions. */
static void to_intervals(struct reader *rd)
{
	struct version__ivl iv;
	size_t k, i = 0;

	for (k = 0; k < rd->nsets && !rd->r->err; k++) {
		version__native_set_begin(rd->r);
		for (; i < rd->set_end[k]; i++)
			version__native_clause(rd->r, &iv, comp_interval(&rd->comps[i], &iv));
		version__native_set_end(rd->r);
	}
}

/* The sets of comparators, kept for node-semver's own test (testSet(),
 * with its prerelease rule unless includePrerelease). */
static void keep_sets(struct reader *rd)
{
	struct psirt_native_range *r = rd->r;
	size_t i;

	r->comps = psirt_arena_calloc(&r->arena, rd->ncomps ? rd->ncomps : 1, sizeof *r->comps);
	r->set_end = psirt_arena_calloc(&r->arena, rd->nsets ? rd->nsets : 1, sizeof *r->set_end);
	if (!r->comps || !r->set_end) {
		version__native_fail(r, PSIRT_ENOMEM, -1, "out of memory for a version range");
		return;
	}
	for (i = 0; i < rd->ncomps && !r->err; i++) {
		r->comps[i].op = rd->comps[i].op;
		r->comps[i].v = rd->comps[i].v;
		if (rd->comps[i].op != PSIRT_VERS_ANY &&
		    version__semver_parse(rd->comps[i].v, 0, "semver", &r->comps[i].sv, NULL))
			version__native_fail(r, PSIRT_EINTERNAL, -1,
			                     "npm range: '%.*s' came out of desugaring as no version",
			                     (int)rd->comps[i].v.len, rd->comps[i].v.p);
	}
	if (rd->nsets)
		memcpy(r->set_end, rd->set_end, rd->nsets * sizeof *rd->set_end);
	r->ncomps = rd->ncomps;
	r->nsets = rd->nsets;
}

/* Do two readings give the same comparators? */
static int same_sets(const struct reader *a, const struct reader *b)
{
	size_t i;

	if (a->ncomps != b->ncomps || a->nsets != b->nsets)
		return 0;
	for (i = 0; i < a->nsets; i++) {
		if (a->set_end[i] != b->set_end[i])
			return 0;
	}
	for (i = 0; i < a->ncomps; i++) {
		if (a->comps[i].op != b->comps[i].op || a->comps[i].v.len != b->comps[i].v.len ||
		    memcmp(a->comps[i].v.p, b->comps[i].v.p, a->comps[i].v.len))
			return 0;
	}
	return 1;
}

static enum psirt_err npm_parse(struct psirt_native_range *r, struct psirt_str text)
{
	struct reader d, p;
	int incpr = !!(r->flags & PSIRT_NATIVE_INCLUDE_PRERELEASE);

	/* node-semver's own desugaring (semver.validRange()) is the vers form;
	 * with includePrerelease the test uses that option's desugaring. */
	memset(&d, 0, sizeof d);
	memset(&p, 0, sizeof p);
	d.r = p.r = r;
	d.text = p.text = text;
	p.incpr = 1;
	if (!read_range(&d)) {
		to_intervals(&d);
		if (!incpr)
			keep_sets(&d);
		else if (!read_range(&p))
			keep_sets(&p);
		/* The vers form keeps prereleases inside the bounds in; the
		 * includePrerelease test agrees whenever both readings do. */
		r->inexact = !incpr || r->err || !same_sets(&d, &p);
	}
	free(d.comps);
	free(d.set_end);
	free(p.comps);
	free(p.set_end);
	return r->err;
}

const struct version__native_syntax version__native_npm = { "npm", npm_parse };
