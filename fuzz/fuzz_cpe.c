/* libFuzzer target for CPE names (src/ident/cpe_*.c).
 *
 * Input: one name, or two names separated by the first newline. Checks:
 * - an error carries a column inside the input (or just past it);
 * - binding to FS and re-parsing gives the same FS (NISTIR 7695 §6.2);
 * - WFN notation round-trips exactly, and gives the same FS;
 * - the URI round-trips but for letter case (§6.1.3.2 folds it; §7);
 * - compare(x, x) is EQUAL without wildcards, UNDEFINED with (NISTIR 7696
 *   Table 6-2 lines 9 and 17), and the attribute relations combine to it;
 * - for two wildcard-free names, compare is antisymmetric: a ⊃ b iff b ⊂ a.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/cpe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                 \
	do {                            \
		if (!(cond))                \
			__builtin_trap();       \
	} while (0)

typedef enum psirt_err (*fmt_fn)(const struct psirt_cpe *, struct psirt_buf *);

static char *fmt(const struct psirt_cpe *cpe, fmt_fn f)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	char *s;

	CHECK(f(cpe, &b) == PSIRT_OK);
	s = psirt_buf_detach(&b, NULL);
	CHECK(s != NULL);
	return s;
}

static int eq_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		if (psirt_tolower((unsigned char)*a) != psirt_tolower((unsigned char)*b))
			return 0;
	}
	return *a == *b;
}

static enum psirt_cpe_rel mirror(enum psirt_cpe_rel r)
{
	if (r == PSIRT_CPE_REL_SUBSET)
		return PSIRT_CPE_REL_SUPERSET;
	if (r == PSIRT_CPE_REL_SUPERSET)
		return PSIRT_CPE_REL_SUBSET;
	return r;
}

/* Re-parses a binding of x and checks it; a binding may be up to 1.5 times
 * longer than its input (a quoted "\$" becomes "%24"), so one past
 * PSIRT_CPE_MAX is refused with PSIRT_ETOOBIG and not checked further. */
static struct psirt_cpe *reparse(const char *s)
{
	struct psirt_cpe *cpe = NULL;
	enum psirt_err err = psirt_cpe_parse(psirt_str_c(s), &cpe, NULL);

	if (strlen(s) > PSIRT_CPE_MAX) {
		CHECK(err == PSIRT_ETOOBIG);
		return NULL;
	}
	CHECK(err == PSIRT_OK);
	return cpe;
}

static void check_bindings(const struct psirt_cpe *x, enum psirt_cpe_rel self)
{
	struct psirt_cpe *y, *w, *z;
	char *fs, *s;
	size_t i;

	fs = fmt(x, psirt_cpe_format_fs);
	y = reparse(fs);
	if (y) {
		s = fmt(y, psirt_cpe_format_fs);
		CHECK(!strcmp(fs, s));
		free(s);
		CHECK(psirt_cpe_compare(x, y) == self);
		psirt_cpe_free(y);
	}

	s = fmt(x, psirt_cpe_format_wfn);
	w = reparse(s);
	if (w) {
		char *wfn2 = fmt(w, psirt_cpe_format_wfn), *fs_w = fmt(w, psirt_cpe_format_fs);

		CHECK(!strcmp(s, wfn2));
		CHECK(!strcmp(fs, fs_w));
		free(wfn2);
		free(fs_w);
		psirt_cpe_free(w);
	}
	free(s);

	s = fmt(x, psirt_cpe_format_uri);
	z = reparse(s);
	if (z) {
		char *fs_u = fmt(z, psirt_cpe_format_fs), *uri2 = fmt(z, psirt_cpe_format_uri);

		CHECK(eq_ci(fs, fs_u));
		CHECK(eq_ci(s, uri2));
		for (i = 0; uri2[i]; i++)
			CHECK(!psirt_isupper((unsigned char)uri2[i]));
		CHECK(psirt_cpe_compare(x, z) == self); /* case does not matter */
		free(fs_u);
		free(uri2);
		psirt_cpe_free(z);
	}
	free(s);
	free(fs);
}

/* Parses [p, p+n); on success checks it and returns the name. */
static struct psirt_cpe *check_one(const char *p, size_t n)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_cpe *x = NULL;
	enum psirt_cpe_rel rels[PSIRT_CPE_ATTR__MAX], r;
	enum psirt_err err;

	err = psirt_cpe_parse(psirt_str_make(p, n), &x, &d);
	if (err) {
		CHECK(x == NULL);
		CHECK(err == PSIRT_EINVAL || err == PSIRT_ETOOBIG);
		CHECK(d.code == err && d.message != NULL);
		if (err == PSIRT_EINVAL)
			CHECK(d.column >= 1 && (size_t)d.column <= n + 1);
		psirt_diag_release(&d);
		return NULL;
	}
	r = psirt_cpe_compare_attrs(x, x, rels);
	CHECK(r == (psirt_cpe_has_wildcards(x) ? PSIRT_CPE_REL_UNDEFINED : PSIRT_CPE_REL_EQUAL));
	CHECK(psirt_cpe_relation_of(rels, PSIRT_CPE_ALL_ATTRS) == r);
	check_bindings(x, r);
	return x;
}

/* psirt_cpe_set_string: a's version set to the literal v binds (FS) to a
 * name that parses back with exactly v as its version, no wildcard, and
 * every other attribute as before; a refusal is for a byte no value holds,
 * or "-" alone. */
static void check_set(const struct psirt_cpe *a, const char *v, size_t len)
{
	struct psirt_arena arena;
	struct psirt_cpe *c = NULL, *back = NULL;
	enum psirt_cpe_rel rels[PSIRT_CPE_ATTR__MAX];
	enum psirt_err err;
	struct psirt_str body;
	size_t i;
	int bad = !len || (len == 1 && v[0] == '-');
	char *fs;

	for (i = 0; i < len; i++)
		bad |= (unsigned char)v[i] <= 0x20 || (unsigned char)v[i] >= 0x7f;
	psirt_arena_init(&arena, 0);
	err = psirt_cpe_set_string(&arena, a, PSIRT_CPE_VERSION, psirt_str_make(v, len), &c, NULL);
	if (len > PSIRT_CPE_MAX) {
		CHECK(err != PSIRT_OK);
	} else if (bad) {
		CHECK(err == PSIRT_EINVAL);
	} else if (err == PSIRT_OK) {
		fs = fmt(c, psirt_cpe_format_fs);
		if (strlen(fs) <= PSIRT_CPE_MAX) {
			CHECK(psirt_cpe_parse(psirt_str_c(fs), &back, NULL) == PSIRT_OK);
			CHECK(psirt_cpe_get(back, PSIRT_CPE_VERSION)->kind == PSIRT_CPE_STRING);
			CHECK(!psirt_cpe_value_has_wildcards(psirt_cpe_get(back, PSIRT_CPE_VERSION)));
			body = psirt_cpe_body(back, PSIRT_CPE_VERSION);
			CHECK(body.len == len && !memcmp(body.p, v, len));
			psirt_cpe_compare_attrs(a, back, rels);
			for (i = 0; i < PSIRT_CPE_ATTR__MAX; i++)
				if (i != PSIRT_CPE_VERSION && !psirt_cpe_has_wildcards(a))
					CHECK(rels[i] == PSIRT_CPE_REL_EQUAL);
			psirt_cpe_free(back);
		}
		free(fs);
	} else {
		CHECK(err == PSIRT_ETOOBIG);
	}
	psirt_arena_release(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *nl = memchr(p, '\n', size);
	struct psirt_cpe *a, *b;
	enum psirt_cpe_rel ab, ba;

	if (!nl) {
		psirt_cpe_free(check_one(p, size));
		return 0;
	}
	a = check_one(p, (size_t)(nl - p));
	b = check_one(nl + 1, size - (size_t)(nl - p) - 1);
	if (a && b) {
		ab = psirt_cpe_compare(a, b);
		ba = psirt_cpe_compare(b, a);
		if (!psirt_cpe_has_wildcards(a) && !psirt_cpe_has_wildcards(b))
			CHECK(ba == mirror(ab));
		CHECK(psirt_cpe_superset(a, b) == (ab == PSIRT_CPE_REL_SUPERSET ||
		                                   ab == PSIRT_CPE_REL_EQUAL));
		CHECK(psirt_cpe_disjoint(a, b) == (ab == PSIRT_CPE_REL_DISJOINT));
	}
	if (a)
		check_set(a, nl + 1, size - (size_t)(nl - p) - 1);
	psirt_cpe_free(a);
	psirt_cpe_free(b);
	return 0;
}
