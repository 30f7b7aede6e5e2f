/* Tests of version sort keys (psirt_version_sort_key): for every scheme that
 * has them, the byte order of two keys must be the order compare() gives,
 * equality included. Checked on the scheme's case file and on generated
 * versions built from the tokens that matter to the order (numbers with
 * leading zeros, zero runs, pre-release words, other words, separators). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/version.h"
#include "support/support.h"

static const struct psirt_version_scheme *scheme(const char *name)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(name));

	assert_non_null(s);
	return s;
}

/* The key order of a and b, or 2 when either has no key. */
static int key_order(const struct psirt_version_scheme *s, const char *a, const char *b)
{
	struct psirt_buf ka = PSIRT_BUF_INIT, kb = PSIRT_BUF_INIT;
	int r = 2;

	if (!psirt_version_sort_key(s, psirt_str_c(a), &ka, NULL) &&
	    !psirt_version_sort_key(s, psirt_str_c(b), &kb, NULL)) {
		r = psirt_version_key_cmp(ka.p, ka.len, kb.p, kb.len);
		if (ka.len > PSIRT_VERSION_KEY_MAX || kb.len > PSIRT_VERSION_KEY_MAX)
			r = 3;
	}
	psirt_buf_release(&ka);
	psirt_buf_release(&kb);
	return r;
}

/* One pair: the key order must equal compare()'s, both ways round. */
static void expect_same(struct ts_suite *st, const struct psirt_version_scheme *s, const char *a,
                        const char *b, const char *where)
{
	int r = 99, k1 = key_order(s, a, b), k2 = key_order(s, b, a);
	enum psirt_err e = s->compare(psirt_str_c(a), psirt_str_c(b), &r, NULL);

	ts_case(st, !e && k1 == r && k2 == -r, "%s: %s vs %s: compare %d, keys %d/%d", where, a, b,
	        e ? 99 : r, k1, k2);
}

/* The generic scheme's own case file: every ordered pair. */
static void test_generic_case_file(void **state)
{
	const struct psirt_version_scheme *s = scheme("generic");
	struct ts_suite st = { "generic sort keys, case file", 0, 0 };
	char *text = ts_read_file("versions/generic-cases.txt", NULL), *cur = text, *line;
	unsigned long lineno = 0;

	(void)state;
	while ((line = ts_next_line(&cur))) {
		char a[512], op[8], b[512], where[64];

		lineno++;
		if (!*line || line[0] == '#' || !strncmp(line, "valid ", 6) ||
		    !strncmp(line, "invalid ", 8))
			continue;
		if (sscanf(line, "%511s %7s %511s", a, op, b) != 3)
			continue;
		snprintf(where, sizeof where, "generic-cases.txt:%lu", lineno);
		expect_same(&st, s, a, b, where);
	}
	free(text);
	ts_suite_end(&st);
}

static unsigned long long rng = 0x243f6a8885a308d3ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random generic version from order-relevant pieces. */
static void random_version(char *out, size_t cap)
{
	static const char *const pieces[] = {
		"0",  "00", "1",   "01",   "2",    "9",    "10",   "20230101", "a",       "b",
		"k",  "z",  "za",  "p",    "rc",   "beta", "alpha", "dev",     "pre",     "preview",
		"RC", "Beta", ".", "-",    "_",    "+",    "~",    "\\(",      "\\)",     "r",
	};
	size_t len = 0, n = 1 + rnd(7), i;

	if (rnd(8) == 0)
		out[len++] = 'v';
	for (i = 0; i < n; i++) {
		const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
		size_t pl = strlen(p);

		if (len + pl + 1 >= cap)
			break;
		memcpy(out + len, p, pl);
		len += pl;
	}
	out[len] = '\0';
}

static void test_generic_generated(void **state)
{
	const struct psirt_version_scheme *s = scheme("generic");
	struct ts_suite st = { "generic sort keys, generated pairs", 0, 0 };
	char a[128], b[128];
	unsigned long skipped = 0;
	int i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		random_version(a, sizeof a);
		random_version(b, sizeof b);
		if (s->check(psirt_str_c(a), NULL) || s->check(psirt_str_c(b), NULL)) {
			skipped++; /* no digit or letter: not a version (both must say so) */
			ts_case(&st, key_order(s, a, b) == 2, "'%s' or '%s' invalid but keyed", a, b);
			continue;
		}
		expect_same(&st, s, a, b, "generated");
	}
	printf("generic sort keys, generated pairs: %lu pairs with an invalid version\n", skipped);
	ts_suite_end(&st);
}

/* The longest valid versions stay within PSIRT_VERSION_KEY_MAX. */
static void test_key_size(void **state)
{
	const struct psirt_version_scheme *s = scheme("generic");
	struct psirt_buf k = PSIRT_BUF_INIT;
	char v[PSIRT_VERSION_MAX + 1];
	static const char *const fill[] = { "a1", "0.", "9", "a.", "rc" };
	size_t i, f;

	(void)state;
	for (f = 0; f < sizeof fill / sizeof fill[0]; f++) {
		for (i = 0; i < PSIRT_VERSION_MAX; i++)
			v[i] = fill[f][i % strlen(fill[f])];
		v[PSIRT_VERSION_MAX] = '\0';
		psirt_buf_reset(&k);
		assert_int_equal(psirt_version_sort_key(s, psirt_str_c(v), &k, NULL), PSIRT_OK);
		assert_true(k.len <= PSIRT_VERSION_KEY_MAX);
	}
	/* a key is refused exactly where check refuses */
	psirt_buf_reset(&k);
	assert_int_equal(psirt_version_sort_key(s, psirt_str_c("*"), &k, NULL), PSIRT_EINVAL);
	psirt_buf_release(&k);
}

/* Schemes without keys say so. */
static void test_unsupported(void **state)
{
	struct psirt_buf k = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i;
	const struct psirt_version_scheme *s;

	(void)state;
	for (i = 0; (s = psirt_version_scheme_at(i)); i++) {
		if (s->sort_key)
			continue;
		assert_int_equal(psirt_version_sort_key(s, psirt_str_c("1.0"), &k, &d),
		                 PSIRT_EUNSUPPORTED);
		assert_non_null(d.message);
		psirt_diag_release(&d);
	}
	psirt_buf_release(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generic_case_file),
		cmocka_unit_test(test_generic_generated),
		cmocka_unit_test(test_key_size),
		cmocka_unit_test(test_unsupported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
