/* The match worker's grouping of a version's results (findings__group_items)
 * against the way it replaced: every finding with its vulnerability and
 * component key, sorted by qsort on (key, vulnerability, index) with strcmp.
 * Random results, sorted by vulnerability name as psirt_match_product gives
 * them and, for the way kept for the rest, not; keys repeated by two
 * components (equal text at another address) and the product's "". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings/internal.h"
#include "psirt/match.h"
#include "support/support.h"

/* xorshift64: the same results on every run */
static unsigned long long rnd_state = 0x2545F4914F6CDD1DULL;

static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

static int cmp_want(const void *a, const void *b)
{
	const struct findings__group_item *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (!c)
		c = strcmp(x->vuln, y->vuln);
	if (!c)
		c = x->finding < y->finding ? -1 : x->finding > y->finding;
	return c;
}

static int cmp_vuln(const void *a, const void *b)
{
	const struct psirt_match_finding *x = a, *y = b;

	return strcmp(x->vuln, y->vuln);
}

/* vulnerability names, two of them twice at other addresses */
static char vulns[12][24];
/* component keys: 7 texts, each given to two subjects, one of them a copy */
static char keytext[14][24];

static void check(struct ts_suite *s, const char *what, struct psirt_match_finding *f, size_t nf,
                  const char *const *keys, size_t n)
{
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct findings__group_item *got = calloc(nf + 1, sizeof *got);
	struct findings__group_item *want = calloc(nf + 1, sizeof *want);
	size_t i;
	int ok;

	assert_non_null(got);
	assert_non_null(want);
	res.findings = f;
	res.n = nf;
	for (i = 0; i < nf; i++) {
		want[i].vuln = f[i].vuln;
		want[i].key = f[i].subject == PSIRT_MATCH_PRODUCT ? "" : keys[f[i].subject];
		want[i].finding = i;
	}
	qsort(want, nf, sizeof *want, cmp_want);
	ok = !findings__group_items(got, &res, keys, n);
	/* the product's "" is a literal of each file's: equal text, maybe not
	 * one address (clang's ASan keeps them apart) */
	for (i = 0; ok && i < nf; i++)
		ok = got[i].finding == want[i].finding && got[i].vuln == want[i].vuln &&
		     (got[i].key == want[i].key || (!*want[i].key && !*got[i].key));
	ts_case(s, ok, "%s: %zu findings, %zu keys", what, nf, n);
	free(got);
	free(want);
}

static void test_group_items(void **state)
{
	struct ts_suite s = { "findings group items", 0, 0 };
	struct psirt_match_finding f[300];
	const char *keys[14];
	char what[64];
	size_t round, i, nf, n;

	(void)state;
	for (i = 0; i < 12; i++)
		snprintf(vulns[i], sizeof vulns[i], "CVE-2024-%zu",
		         i < 10 ? 1000 + i * 7 % 10 : 1003);
	for (i = 0; i < 14; i++) /* "" never: a key is "name@version" */
		snprintf(keytext[i], sizeof keytext[i], "%s@%zu", i % 7 ? "lib" : "a", i % 7);
	for (round = 0; round < 400; round++) {
		n = round % 15; /* no component at all too */
		for (i = 0; i < n; i++)
			keys[i] = keytext[(i * 5 + round) % 14];
		nf = round < 3 ? round : rnd(300);
		memset(f, 0, sizeof f);
		for (i = 0; i < nf; i++) {
			f[i].vuln = vulns[rnd(12)];
			f[i].subject = !n || !rnd(6) ? PSIRT_MATCH_PRODUCT : rnd((unsigned)n);
		}
		if (round % 4) /* as the matcher gives them; else not */
			qsort(f, nf, sizeof *f, cmp_vuln);
		snprintf(what, sizeof what, "round %zu%s", round, round % 4 ? "" : " (unsorted)");
		check(&s, what, f, nf, keys, n);
	}
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
