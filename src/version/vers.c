/* vers: version range specifiers (see include/psirt/vers.h).
 *
 * Spec references are to package-url/vers-spec, "Core specification"
 * (specification.md) and, for the simplification and containment
 * procedures, the earlier VERSION-RANGE-SPEC.rst of the same project.
 *
 * The parser works in a small on-stack area (heap only for long ranges),
 * then copies the result into one exactly-sized block, so that a failed
 * parse leaves nothing behind in the caller's arena.
 */
#include <stdlib.h>
#include <string.h>

#include "psirt/vers.h"

static const char *const op_names[] = { "", "!=", "<", "<=", ">", ">=", "*" };
_Static_assert(sizeof op_names / sizeof op_names[0] == PSIRT_VERS_OP__MAX,
               "one name per comparator");

const char *psirt_vers_op_str(enum psirt_vers_op op)
{
	return (unsigned)op < PSIRT_VERS_OP__MAX ? op_names[op] : "?";
}

/* Working copy of one constraint while a range is being put in order. */
struct item {
	enum psirt_vers_op op;
	struct psirt_str v; /* decoded version */
	long col;           /* 1-based column of the constraint in the input, 0 if none */
	size_t pos;         /* position after sorting (simplification keeps it) */
};

/* Ranges of up to this many constraints and bytes are worked on the stack:
 * nearly every real range (two to six constraints) fits. */
#define SMALL_ITEMS 16
#define SMALL_CHARS 512

struct work {
	const struct psirt_version_scheme *scheme;
	unsigned flags;
	struct psirt_diag *diag;
	struct item *items, *tmp; /* n each; tmp is the merge sort's scratch */
	size_t n;
	char *chars; /* decoded versions (parse only) */
	size_t nchars;
	enum psirt_err sort_err;
	void *heap; /* items, tmp and chars when they do not fit below */
	struct item small_items[2 * SMALL_ITEMS];
	char small_chars[SMALL_CHARS];
};

static int is_ge(enum psirt_vers_op op) { return op == PSIRT_VERS_GT || op == PSIRT_VERS_GE; }
static int is_le(enum psirt_vers_op op) { return op == PSIRT_VERS_LT || op == PSIRT_VERS_LE; }

/* Characters a version must carry percent-encoded (vers-spec, "Normalized,
 * canonical representation": '>', '<', '=', '!', '*', '|', '%'), plus what a
 * vers may not contain raw at all: whitespace, controls, non-ASCII. */
static int must_encode(unsigned char c)
{
	if (c <= 0x20 || c >= 0x7f)
		return 1;
	switch (c) {
	case '<': case '>': case '=': case '!': case '*': case '|': case '%':
		return 1;
	default:
		return 0;
	}
}

static int hexval(int c)
{
	if (psirt_isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static enum psirt_err work_init(struct work *w, size_t n, size_t nchars)
{
	size_t isize;

	w->items = w->small_items;
	w->tmp = w->small_items + SMALL_ITEMS;
	w->chars = w->small_chars;
	w->heap = NULL;
	w->n = 0;
	w->nchars = 0;
	w->sort_err = PSIRT_OK;
	if (n <= SMALL_ITEMS && nchars <= SMALL_CHARS)
		return PSIRT_OK;
	isize = 2 * n * sizeof(struct item); /* n ≤ PSIRT_VERS_MAX: no overflow */
	w->heap = malloc(isize + nchars + 1);
	if (!w->heap)
		return psirt_diag_set(w->diag, PSIRT_ENOMEM, "out of memory for a range of %zu constraints", n);
	w->items = w->heap;
	w->tmp = w->items + n;
	w->chars = (char *)w->heap + isize;
	return PSIRT_OK;
}

static void work_release(struct work *w)
{
	free(w->heap);
	w->heap = NULL;
}

/* Orders two versions already checked by the scheme. A failure here means
 * the scheme's compare disagrees with its check; it is reported, not hidden. */
static int vcmp(struct work *w, struct psirt_str a, struct psirt_str b)
{
	int r = 0;
	enum psirt_err err = w->scheme->compare(a, b, &r, w->sort_err ? NULL : w->diag);

	if (err && !w->sort_err)
		w->sort_err = err;
	return r;
}

/* Stable bottom-up merge sort by version: the spec orders constraints by
 * version only, and stability keeps repeated constraints next to each other
 * in input order for the duplicate checks. */
static void sort_items(struct work *w)
{
	struct item *src = w->items, *dst = w->tmp, *t;
	size_t n = w->n, width, lo, mid, hi, i, j, k;

	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = lo + width < n ? lo + width : n;
			hi = lo + 2 * width < n ? lo + 2 * width : n;
			i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				if (vcmp(w, src[j].v, src[i].v) < 0)
					dst[k++] = src[j++];
				else
					dst[k++] = src[i++];
			}
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		t = src, src = dst, dst = t;
	}
	if (src != w->items)
		memcpy(w->items, src, n * sizeof *src);
}

static enum psirt_err at(struct work *w, long col, enum psirt_err err)
{
	if (col)
		psirt_diag_set_column(w->diag, col);
	return err;
}

/* vers-spec, "Normalized, canonical representation and validation": on a
 * sorted, de-duplicated list, ignoring "!=", an "=" may only be followed by
 * "=", ">" or ">="; ignoring "=" too, greater-than and less-than comparators
 * alternate. */
static enum psirt_err validate_comparators(struct work *w)
{
	const struct item *prev = NULL, *prev_range = NULL, *it;
	size_t i;

	for (i = 0; i < w->n; i++) {
		it = &w->items[i];
		if (it->op == PSIRT_VERS_NE)
			continue;
		if (prev && prev->op == PSIRT_VERS_EQ && is_le(it->op))
			return at(w, it->col, psirt_diag_set(w->diag, PSIRT_EINVAL,
				"non-canonical VERS: '%.*s' is followed by '%s%.*s' (only '=', '>' or "
				"'>=' may follow an equality)", (int)prev->v.len, prev->v.p,
				op_names[it->op], (int)it->v.len, it->v.p));
		if (it->op != PSIRT_VERS_EQ) {
			if (prev_range && is_ge(prev_range->op) == is_ge(it->op))
				return at(w, it->col, psirt_diag_set(w->diag, PSIRT_EINVAL,
					"non-canonical VERS: '%s%.*s' is followed by '%s%.*s' (greater-than "
					"and less-than comparators must alternate)", op_names[prev_range->op],
					(int)prev_range->v.len, prev_range->v.p, op_names[it->op],
					(int)it->v.len, it->v.p));
			prev_range = it;
		}
		prev = it;
	}
	return PSIRT_OK;
}

/* Drops redundant comparators, after "Version constraints simplification"
 * (VERSION-RANGE-SPEC.rst): ignoring "!=", a ">"/">=" followed by "=", ">"
 * or ">=" makes the later one redundant; an "=", "<" or "<=" followed by
 * "<" or "<=" makes the earlier one redundant. The spec's one-pass procedure
 * steps back after a removal; a stack does the same until no adjacent pair
 * is redundant, which is exactly the validity rule above. "!=" constraints
 * are kept and merged back in version order. */
static void simplify(struct work *w)
{
	struct item *stack = w->tmp;
	size_t i, top = 0, r, s, out;

	for (i = 0; i < w->n; i++)
		w->items[i].pos = i;
	for (i = 0; i < w->n; i++) {
		if (w->items[i].op == PSIRT_VERS_NE)
			continue;
		stack[top++] = w->items[i];
		while (top >= 2) {
			enum psirt_vers_op a = stack[top - 2].op, b = stack[top - 1].op;

			if (is_ge(a) && (b == PSIRT_VERS_EQ || is_ge(b))) {
				top--; /* the later one adds nothing */
			} else if ((a == PSIRT_VERS_EQ || is_le(a)) && is_le(b)) {
				stack[top - 2] = stack[top - 1]; /* the earlier one does */
				top--;
			} else {
				break;
			}
		}
	}
	/* Merge the "!=" constraints (still in items, in order) with the stack
	 * by sorted position; writing never overtakes reading since every kept
	 * constraint before a "!=" was before it in items too. */
	for (r = 0, s = 0, out = 0; r < w->n || s < top;) {
		while (r < w->n && w->items[r].op != PSIRT_VERS_NE)
			r++;
		if (r < w->n && (s >= top || w->items[r].pos < stack[s].pos))
			w->items[out++] = w->items[r++];
		else if (s < top)
			w->items[out++] = stack[s++];
	}
	w->n = out;
}

/* Sorts, checks uniqueness and comparators (strict) or normalises
 * (lenient). Versions have been checked by the scheme already. */
static enum psirt_err put_in_order(struct work *w)
{
	int strict = w->flags & PSIRT_VERS_STRICT, c;
	size_t i, out;
	enum psirt_err err;

	if (w->n == 1)
		return PSIRT_OK;
	if (strict) {
		/* vers-spec: "tools shall report an error for non-canonical
		 * ordering" and "for duplicated versions". */
		for (i = 1; i < w->n; i++) {
			c = vcmp(w, w->items[i - 1].v, w->items[i].v);
			if (w->sort_err)
				return w->sort_err;
			if (c > 0)
				return at(w, w->items[i].col, psirt_diag_set(w->diag, PSIRT_EINVAL,
					"non-canonical VERS: constraints are not sorted by version"));
			if (c == 0)
				return at(w, w->items[i].col, psirt_diag_set(w->diag, PSIRT_EINVAL,
					"non-canonical VERS: duplicate version '%.*s'", (int)w->items[i].v.len,
					w->items[i].v.p));
		}
		return validate_comparators(w);
	}
	sort_items(w);
	if (w->sort_err)
		return w->sort_err;
	for (i = 1, out = 1; i < w->n; i++) {
		c = vcmp(w, w->items[out - 1].v, w->items[i].v);
		if (w->sort_err)
			return w->sort_err;
		if (c != 0) {
			w->items[out++] = w->items[i];
			continue;
		}
		/* The same constraint twice says nothing more; the same version
		 * under two comparators has no one meaning (vers-spec: "Versions
		 * are unique"). */
		if (w->items[out - 1].op != w->items[i].op)
			return at(w, w->items[i].col, psirt_diag_set(w->diag, PSIRT_EINVAL,
				"version '%.*s' appears with two comparators ('%s' and '%s')",
				(int)w->items[i].v.len, w->items[i].v.p, op_names[w->items[out - 1].op], op_names[w->items[i].op]));
	}
	w->n = out;
	simplify(w);
	err = validate_comparators(w);
	return err;
}

/* Copies the result into one block from arena or malloc. */
static enum psirt_err emit(struct work *w, struct psirt_str type, struct psirt_arena *arena,
                           struct psirt_vers **out)
{
	struct psirt_vers *r;
	struct psirt_vers_constraint *cs;
	size_t i, size = sizeof *r + w->n * sizeof *cs + type.len + 1;
	char *p;

	for (i = 0; i < w->n; i++)
		size += w->items[i].v.len + 1;
	r = arena ? psirt_arena_alloc(arena, size) : malloc(size);
	if (!r)
		return psirt_diag_set(w->diag, PSIRT_ENOMEM, "out of memory for a version range");
	cs = (struct psirt_vers_constraint *)(r + 1);
	p = (char *)(cs + w->n);
	for (i = 0; i < type.len; i++)
		p[i] = (char)psirt_tolower((unsigned char)type.p[i]);
	p[type.len] = '\0';
	r->type = psirt_str_make(p, type.len);
	p += type.len + 1;
	for (i = 0; i < w->n; i++) {
		cs[i].op = w->items[i].op;
		if (w->items[i].v.len)
			memcpy(p, w->items[i].v.p, w->items[i].v.len);
		p[w->items[i].v.len] = '\0';
		cs[i].version = psirt_str_make(p, w->items[i].v.len);
		p += w->items[i].v.len + 1;
	}
	r->scheme = w->scheme;
	r->constraints = cs;
	r->count = w->n;
	r->owned = !arena;
	*out = r;
	return PSIRT_OK;
}

/* vers-spec, "Type": ASCII letters, digits, '.' and '-', starting with a
 * letter. base is the column of type's first byte. */
static enum psirt_err check_type(struct work *w, struct psirt_str type, long base)
{
#define TYPE_COL(i) (base ? base + (long)(i) : 0)
	size_t i;
	unsigned char c;

	if (!type.len)
		return at(w, base, psirt_diag_set(w->diag, PSIRT_EINVAL, "empty versioning scheme"));
	if (!psirt_isalpha((unsigned char)type.p[0]))
		return at(w, base, psirt_diag_set(w->diag, PSIRT_EINVAL,
			"versioning scheme must start with an ASCII letter"));
	for (i = 0; i < type.len; i++) {
		c = (unsigned char)type.p[i];
		if (!psirt_isalnum(c) && c != '.' && c != '-')
			return at(w, TYPE_COL(i), psirt_diag_set(w->diag, PSIRT_EINVAL,
				"invalid character '%c' in versioning scheme", c));
		if (psirt_isupper(c) && (w->flags & PSIRT_VERS_STRICT))
			return at(w, TYPE_COL(i), psirt_diag_set(w->diag, PSIRT_EINVAL,
				"non-canonical VERS: versioning scheme must be lowercase"));
	}
	return PSIRT_OK;
#undef TYPE_COL
}

static enum psirt_err find_scheme(struct work *w, struct psirt_str type, long base)
{
	struct psirt_buf names = PSIRT_BUF_INIT;
	const struct psirt_version_scheme *s;
	char lower[64];
	size_t i;
	enum psirt_err err;

	if (w->scheme)
		return PSIRT_OK;
	if (type.len < sizeof lower) {
		/* The type is case-insensitive (vers-spec, "Type"). */
		for (i = 0; i < type.len; i++)
			lower[i] = (char)psirt_tolower((unsigned char)type.p[i]);
		w->scheme = psirt_version_scheme_find(psirt_str_make(lower, type.len));
	}
	if (w->scheme)
		return PSIRT_OK;
	for (i = 0; (s = psirt_version_scheme_at(i)); i++)
		psirt_buf_addf(&names, "%s%s", i ? ", " : "", s->name);
	err = psirt_diag_set(w->diag, PSIRT_EUNSUPPORTED,
		"unsupported versioning scheme '%.*s' (known: %s)", (int)type.len, type.p,
		names.len ? names.p : "none registered");
	psirt_buf_release(&names);
	return at(w, base, err);
}

/* Decodes one version (raw, starting at column base) into w->chars and
 * checks it with the scheme. */
static enum psirt_err decode_version(struct work *w, struct psirt_str raw, long base,
                                     struct psirt_str *out)
{
	int strict = w->flags & PSIRT_VERS_STRICT, hi, lo;
	char *dst = w->chars + w->nchars;
	size_t i, n = 0;
	unsigned char c;
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	enum psirt_err err;

	for (i = 0; i < raw.len; i++) {
		c = (unsigned char)raw.p[i];
		if (c != '%') {
			if (must_encode(c))
				return at(w, base + (long)i, psirt_diag_set(w->diag, PSIRT_EINVAL,
					"'%c' in a version must be percent-encoded", c));
			dst[n++] = (char)c;
			continue;
		}
		hi = i + 2 < raw.len ? hexval((unsigned char)raw.p[i + 1]) : -1;
		lo = i + 2 < raw.len ? hexval((unsigned char)raw.p[i + 2]) : -1;
		if (hi < 0 || lo < 0)
			return at(w, base + (long)i, psirt_diag_set(w->diag, PSIRT_EINVAL,
				"non-canonical VERS: invalid percent-encoding in version"));
		c = (unsigned char)(hi * 16 + lo);
		/* RFC 3986 §2.1: upper-case hex digits are the normal form; and
		 * only what must be encoded is (vers-spec: "Percent-encoding in
		 * versions shall be canonical"). */
		if (strict && (psirt_islower((unsigned char)raw.p[i + 1]) ||
		               psirt_islower((unsigned char)raw.p[i + 2]) || !must_encode(c)))
			return at(w, base + (long)i, psirt_diag_set(w->diag, PSIRT_EINVAL,
				"non-canonical VERS: percent-encoding in version is not canonical"));
		dst[n++] = (char)c;
		i += 2;
	}
	dst[n] = '\0';
	*out = psirt_str_make(dst, n);
	w->nchars += n + 1;
	err = w->scheme->check(*out, &inner);
	if (err) {
		psirt_diag_set(w->diag, err, "%s version '%s': %s", w->scheme->name, dst,
		               inner.message ? inner.message : psirt_strerror(err));
		/* The scheme's column counts in the decoded version; it is the
		 * input's column only when nothing was decoded. */
		at(w, n == raw.len && inner.column ? base + inner.column - 1 : base, err);
		psirt_diag_release(&inner);
	}
	return err;
}

/* Reads one constraint (a piece between pipes, at column base). */
static enum psirt_err parse_constraint(struct work *w, struct psirt_str s, long base)
{
	struct item *it = &w->items[w->n];
	size_t skip = 0;

	it->op = PSIRT_VERS_EQ;
	if (s.len >= 2 && s.p[1] == '=') {
		skip = 2;
		switch (s.p[0]) {
		case '>': it->op = PSIRT_VERS_GE; break;
		case '<': it->op = PSIRT_VERS_LE; break;
		case '!': it->op = PSIRT_VERS_NE; break;
		default: skip = 0;
		}
	}
	if (!skip && s.len >= 1) {
		skip = 1;
		switch (s.p[0]) {
		case '>': it->op = PSIRT_VERS_GT; break;
		case '<': it->op = PSIRT_VERS_LT; break;
		case '=': it->op = PSIRT_VERS_EQ; break; /* "=" is a comparator too */
		default: skip = 0;
		}
	}
	if (s.len && s.p[0] == '*')
		return at(w, base, psirt_diag_set(w->diag, PSIRT_EINVAL,
			"'*' must be alone in a range, without any other constraint"));
	if (skip == s.len)
		return at(w, base, psirt_diag_set(w->diag, PSIRT_EINVAL, "empty version after '%.*s'",
		                                  (int)skip, s.p));
	it->col = base;
	w->n++;
	return decode_version(w, psirt_str_make(s.p + skip, s.len - skip), base + (long)skip, &it->v);
}

enum psirt_err psirt_vers_parse(struct psirt_str text, const struct psirt_version_scheme *scheme,
                                unsigned flags, struct psirt_arena *arena,
                                struct psirt_vers **out, struct psirt_diag *diag)
{
	struct work w;
	struct psirt_str type, cons;
	size_t i, colon, slash, n, start;
	unsigned char c;
	enum psirt_err err;

	w.scheme = scheme;
	w.flags = flags;
	w.diag = diag;
	if (text.len > PSIRT_VERS_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG,
			"vers string of %zu bytes is longer than the %d allowed", text.len, PSIRT_VERS_MAX);
	/* vers-spec: only printable ASCII, and no whitespace at all. */
	for (i = 0; i < text.len; i++) {
		c = (unsigned char)text.p[i];
		if (psirt_isspace(c))
			return at(&w, (long)i + 1, psirt_diag_set(diag, PSIRT_EINVAL,
				"non-canonical VERS: whitespace is not permitted"));
		if (c < 0x21 || c > 0x7e)
			return at(&w, (long)i + 1, psirt_diag_set(diag, PSIRT_EINVAL,
				"byte 0x%02x is not printable ASCII (percent-encode it)", c));
	}
	for (colon = 0; colon < text.len && text.p[colon] != ':'; colon++)
		;
	if (colon == text.len || !psirt_str_ieq(psirt_str_make(text.p, colon), "vers"))
		return at(&w, 1, psirt_diag_set(diag, PSIRT_EINVAL,
			"a version range must start with the 'vers:' URI scheme"));
	if ((flags & PSIRT_VERS_STRICT) && memcmp(text.p, "vers", 4))
		return at(&w, 1, psirt_diag_set(diag, PSIRT_EINVAL,
			"non-canonical VERS: the URI scheme must be lowercase 'vers'"));
	for (slash = colon + 1; slash < text.len && text.p[slash] != '/'; slash++)
		;
	type = psirt_str_make(text.p + colon + 1, slash - colon - 1);
	err = check_type(&w, type, (long)colon + 2);
	if (err)
		return err;
	if (slash == text.len)
		return at(&w, (long)slash + 1, psirt_diag_set(diag, PSIRT_EINVAL,
			"missing '/' after the versioning scheme"));
	err = find_scheme(&w, type, (long)colon + 2);
	if (err)
		return err;
	cons = psirt_str_make(text.p + slash + 1, text.len - slash - 1);
	if (!cons.len)
		return at(&w, (long)text.len + 1, psirt_diag_set(diag, PSIRT_EINVAL,
			"no version constraints after '/'"));

	for (i = 0, n = 1; i < cons.len; i++)
		n += cons.p[i] == '|';
	err = work_init(&w, n, cons.len + n);
	if (err)
		return err;
	if (cons.len == 1 && cons.p[0] == '*') {
		/* vers-spec: "'*' ... shall be used alone ... and shall not be
		 * followed by a version". */
		w.items[0].op = PSIRT_VERS_ANY;
		w.items[0].v = psirt_str_make("", 0);
		w.n = 1;
		goto out_emit;
	}
	for (start = 0, i = 0; i <= cons.len; i++) {
		if (i < cons.len && cons.p[i] != '|')
			continue;
		if (i == start) {
			/* vers-spec tests (vers_canonical_parse): the earlier spec
			 * ignored empty constraints, the current one rejects them. */
			const char *what = start == 0 ? "leading pipe is"
			                   : i == cons.len ? "trailing pipe is" : "consecutive pipes are";

			err = at(&w, (long)(slash + 1 + i) + (i == cons.len ? 0 : 1),
			         psirt_diag_set(diag, PSIRT_EINVAL, "non-canonical VERS: %s not permitted", what));
			goto out_release;
		}
		err = parse_constraint(&w, psirt_str_make(cons.p + start, i - start),
		                       (long)(slash + 2 + start));
		if (err)
			goto out_release;
		start = i + 1;
	}
	err = put_in_order(&w);
	if (err)
		goto out_release;
out_emit:
	err = emit(&w, type, arena, out);
out_release:
	work_release(&w);
	return err;
}

enum psirt_err psirt_vers_build(struct psirt_str type, const struct psirt_version_scheme *scheme,
                                const struct psirt_vers_constraint *constraints, size_t n,
                                struct psirt_arena *arena, struct psirt_vers **out,
                                struct psirt_diag *diag)
{
	struct work w;
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	size_t i;
	enum psirt_err err;

	w.scheme = scheme;
	w.flags = 0;
	w.diag = diag;
	err = check_type(&w, type, 0);
	if (!err)
		err = find_scheme(&w, type, 0);
	if (err)
		return err;
	if (!n)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a version range needs at least one constraint");
	if (n > PSIRT_VERS_MAX / 2)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "%zu constraints are more than the %d allowed",
		                      n, PSIRT_VERS_MAX / 2);
	err = work_init(&w, n, 0);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		if ((unsigned)constraints[i].op >= PSIRT_VERS_OP__MAX) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "constraint %zu has no valid comparator", i + 1);
			goto out_release;
		}
		if (constraints[i].op == PSIRT_VERS_ANY) {
			if (n != 1) {
				err = psirt_diag_set(diag, PSIRT_EINVAL,
					"'*' must be alone in a range, without any other constraint");
				goto out_release;
			}
			w.items[0].op = PSIRT_VERS_ANY;
			w.items[0].v = psirt_str_make("", 0);
			w.n = 1;
			goto out_emit;
		}
		err = w.scheme->check(constraints[i].version, &inner);
		if (err) {
			psirt_diag_set(diag, err, "%s version '%.*s': %s", w.scheme->name,
			               (int)constraints[i].version.len, constraints[i].version.p,
			               inner.message ? inner.message : psirt_strerror(err));
			psirt_diag_release(&inner);
			goto out_release;
		}
		w.items[i].op = constraints[i].op;
		w.items[i].v = constraints[i].version;
		w.items[i].col = 0;
		w.n++;
	}
	err = put_in_order(&w);
	if (err)
		goto out_release;
out_emit:
	err = emit(&w, type, arena, out);
out_release:
	work_release(&w);
	return err;
}

void psirt_vers_free(struct psirt_vers *range)
{
	if (range && range->owned)
		free(range);
}

/* Records an error of the tested version found by the scheme's compare
 * (constraint versions were checked at parse time, so the version is the
 * culprit): its message and column, without compare's "first version". */
static enum psirt_err version_error(struct psirt_diag *diag, enum psirt_err err,
                                    const struct psirt_diag *inner)
{
	psirt_diag_set(diag, err, "%s", inner->message ? inner->message : psirt_strerror(err));
	if (inner->column)
		psirt_diag_set_column(diag, inner->column);
	return err;
}

enum psirt_err psirt_vers_satisfies(const struct psirt_vers *range, struct psirt_str version,
                                    int *result, struct psirt_diag *diag)
{
	const struct psirt_vers_constraint *cs = range->constraints;
	const struct psirt_version_scheme *s = range->scheme;
	size_t lo = 0, hi = range->count, mid = 0, i, below, above;
	struct psirt_diag inner = PSIRT_DIAG_INIT;
	enum psirt_err err;
	int c = 1;

	if (range->count == 1 && cs[0].op == PSIRT_VERS_ANY) {
		err = s->check(version, diag);
		if (!err)
			*result = 1;
		return err;
	}
	/* Constraints are sorted with unique versions: find version's place.
	 * compare() validates the version, so no separate check(): one parse
	 * of the version fewer per call (bench_vers: ~20% less time). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		err = s->compare(version, cs[mid].version, &c, diag ? &inner : NULL);
		if (err) {
			version_error(diag, err, &inner);
			psirt_diag_release(&inner);
			return err;
		}
		if (c == 0)
			break;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (lo < hi) {
		/* Equal to a constraint's version: "=", "<=" and ">=" include it,
		 * "!=" excludes it; "<" and ">" bound an interval that cannot
		 * reach it since no other constraint has this version. */
		enum psirt_vers_op op = cs[mid].op;

		*result = op == PSIRT_VERS_EQ || op == PSIRT_VERS_LE || op == PSIRT_VERS_GE;
		return PSIRT_OK;
	}
	/* Between cs[lo-1] and cs[lo]: inside an interval when the nearest
	 * comparator below (ignoring "=" and "!=") opens one (">", ">=") or
	 * there is none, and the nearest above closes one or there is none —
	 * the spec's pairwise procedure, with its first and last cases. */
	for (below = lo; below > 0 && (cs[below - 1].op == PSIRT_VERS_EQ ||
	                               cs[below - 1].op == PSIRT_VERS_NE); below--)
		;
	for (above = lo; above < range->count && (cs[above].op == PSIRT_VERS_EQ ||
	                                          cs[above].op == PSIRT_VERS_NE); above++)
		;
	if (below == 0 && above == range->count) {
		/* No interval at all: only "=" and "!=" constraints. A range of
		 * "!=" alone means every other version (see vers.h). */
		for (i = 0; i < range->count && cs[i].op == PSIRT_VERS_NE; i++)
			;
		*result = i == range->count;
		return PSIRT_OK;
	}
	*result = (below == 0 || is_ge(cs[below - 1].op)) &&
	          (above == range->count || is_le(cs[above].op));
	return PSIRT_OK;
}

enum psirt_err psirt_vers_format(const struct psirt_vers *range, struct psirt_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, j;
	unsigned char c;

	psirt_buf_adds(out, "vers:");
	psirt_buf_add(out, range->type.p, range->type.len);
	psirt_buf_addch(out, '/');
	for (i = 0; i < range->count; i++) {
		if (i)
			psirt_buf_addch(out, '|');
		psirt_buf_adds(out, op_names[range->constraints[i].op]);
		for (j = 0; j < range->constraints[i].version.len; j++) {
			c = (unsigned char)range->constraints[i].version.p[j];
			if (must_encode(c)) {
				psirt_buf_addch(out, '%');
				psirt_buf_addch(out, hex[c >> 4]);
				psirt_buf_addch(out, hex[c & 15]);
			} else {
				psirt_buf_addch(out, (char)c);
			}
		}
	}
	return psirt_buf_error(out);
}
