/* A bulk run's vulnerability cache (findings__vuln_cache, triage.c): a
 * finding decided with its vulnerability's points derived once
 * (findings__decide_new with the cache's entry) must equal the decision
 * made for it alone (the entry NULL: everything derived from the row),
 * field by field and in its audit texts, for every vulnerability seen by
 * many findings of products with different attributes; and every name must
 * find its own entry, by another copy of the name as by the same address,
 * also among many names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "findings/internal.h"
#include "psirt/findings.h"
#include "psirt/policy.h"
#include "support/support.h"

/* By name (byte order), as psirt_store_triage_vulns returns them. */
static const struct psirt_store_triage_vuln vulns[] = {
	{ "CVE-2020-0001", NULL, "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L",
	  0.02 },
	{ "CVE-2021-0002", "2023-05-01", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0.97 },
	{ "CVE-2021-0003", NULL, "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N", -1 },
	{ "CVE-2022-0004", NULL, "CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:N/I:N/A:H/E:P", 0.4 },
	{ "CVE-2023-0005", "2024-12-31", NULL, -1 },
	{ "CVE-2023-0006", NULL, "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N",
	  0.001 },
	{ "CVE-2024-0007", NULL, "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A",
	  0.5 },
	{ "CVE-2024-0008", NULL, "not a vector", 0.1 },
	{ "GHSA-aaaa-bbbb-cccc", NULL, NULL, 0.3 },
	{ "OSV-2025-9", "2025-01-02", "CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", -1 },
};
#define NVULNS (sizeof vulns / sizeof vulns[0])

/* Product attributes of the versions whose findings are decided. */
static const struct product {
	const char *safety, *exposure, *weight;
	long long units;
	int regimes;
} products[] = {
	{ NULL, NULL, NULL, -1, 0 },
	{ "catastrophic", "internet", "flagship", 100000, 1 },
	{ "negligible", "physical", "legacy", 10, 0 },
	{ "critical", "local-network", "standard", -1, 2 },
	{ "marginal", "adjacent", NULL, 5000, 1 },
	{ "bogus", "internet", "nonsense", 0, 0 },
};
#define NPRODUCTS (sizeof products / sizeof products[0])

static void expect_same_text(const char *a, const char *b, const char *what, const char *vuln)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
		fail_msg("%s of %s: \"%s\" alone, \"%s\" with the cache", what, vuln, a ? a : "(null)",
		         b ? b : "(null)");
}

static void expect_same(const struct findings__decided *a, const struct findings__decided *b,
                        const char *vuln)
{
	expect_same_text(a->d.ssvc, b->d.ssvc, "ssvc", vuln);
	expect_same_text(a->d.ssvc_inputs, b->d.ssvc_inputs, "ssvc inputs", vuln);
	assert_int_equal(a->d.priority, b->d.priority);
	expect_same_text(a->d.deadline, b->d.deadline, "deadline", vuln);
	expect_same_text(a->d.response_class, b->d.response_class, "response class", vuln);
	expect_same_text(a->d.reason, b->d.reason, "reason", vuln);
	expect_same_text(a->d.policy, b->d.policy, "policy", vuln);
	assert_int_equal(a->d.kev, b->d.kev);
	expect_same_text(a->audit_new.p, b->audit_new.p, "audit text", vuln);
	expect_same_text(a->audit_comment.p, b->audit_comment.p, "audit comment", vuln);
}

static struct psirt_policy *default_policy(void)
{
	struct psirt_policy *pol = NULL;
	size_t len;
	const char *text = psirt_findings_default_policy(&len);

	assert_int_equal(psirt_policy_parse(text, len, "default.policy", &pol, NULL), PSIRT_OK);
	return pol;
}

/* As decide_found builds a new finding's row. */
static void fill_row(struct psirt_store_triage_row *row, const struct product *p,
                     const char *vuln, const struct psirt_store_triage_vuln *tv)
{
	memset(row, 0, sizeof *row);
	row->vuln = vuln;
	row->safety = p->safety;
	row->exposure = p->exposure;
	row->weight = p->weight;
	row->units = p->units;
	row->regimes = p->regimes;
	row->first_seen = "2026-11-26T14:00:00Z";
	row->kev_date = tv ? tv->kev_date : NULL;
	row->epss = tv ? tv->epss : -1;
	row->cvss = tv ? tv->cvss : NULL;
}

/* Each vulnerability (and one not in the list) seen by a finding of every
 * product, three rounds: the first derives the entry, the others reuse it,
 * by the same name's address and by a copy of it. */
static void test_cached_equals_alone(void **state)
{
	struct psirt_policy *pol = default_policy();
	struct findings__vuln_cache c;
	const char *names[NVULNS + 1];
	/* the third round asks by copies: a name is found by its text (the
	 * cache keeps no address of it) */
	char copies[NVULNS + 1][32];
	size_t round, i, p, cached = 0;

	(void)state;
	assert_int_equal(findings__vuln_cache_init(&c, vulns, NVULNS, NULL), PSIRT_OK);
	for (i = 0; i < NVULNS; i++)
		names[i] = vulns[i].name;
	names[NVULNS] = "CVE-1999-9999"; /* not in the list */
	for (round = 0; round < 3; round++) {
		for (i = 0; i <= NVULNS; i++) {
			const char *name = names[i];
			const struct findings__vuln_triage *vt;

			if (round == 2) {
				snprintf(copies[i], sizeof copies[i], "%s", names[i]);
				name = copies[i];
			}
			vt = findings__vuln_triage_get(&c, name, NULL);
			assert_non_null(vt);
			if (i < NVULNS) {
				if (vt->tv != &vulns[i])
					fail_msg("round %zu: %s found %s", round, name, vt->tv ? vt->tv->name : "none");
			}
			else {
				assert_null(vt->tv);
			}
			cached += vt->derived;
			for (p = 0; p < NPRODUCTS; p++) {
				struct psirt_store_triage_row row;
				struct findings__decided alone, with;

				memset(&alone, 0, sizeof alone);
				memset(&with, 0, sizeof with);
				fill_row(&row, &products[p], name, vt->tv);
				assert_int_equal(findings__decide_new(pol, &row, NULL, "match", &alone, NULL),
				                 PSIRT_OK);
				assert_int_equal(findings__decide_new(pol, &row, vt, "match", &with, NULL),
				                 PSIRT_OK);
				expect_same(&alone, &with, name);
				findings__decided_release(&alone);
				findings__decided_release(&with);
			}
		}
	}
	/* the cached path was taken, not only the fallback */
	assert_int_equal(cached, 3 * (NVULNS + 1));
	findings__vuln_cache_release(&c);
	psirt_policy_free(pol);
}

/* Many names (150,000), in one buffer: each name must get its own entry,
 * asked forwards, backwards and by copies. */
#define MANY 150000
#define STRIDE 16

static void test_many_names(void **state)
{
	struct psirt_store_triage_vuln *tv = calloc(MANY, sizeof *tv);
	char *buf = malloc((size_t)MANY * STRIDE), *copy = malloc((size_t)MANY * STRIDE);
	struct findings__vuln_cache c;
	size_t round, i;

	(void)state;
	assert_non_null(tv);
	assert_non_null(buf);
	assert_non_null(copy);
	for (i = 0; i < MANY; i++) {
		/* zero-padded: byte order is index order */
		snprintf(buf + i * STRIDE, STRIDE, "CVE-9-%07zu", i);
		tv[i].name = buf + i * STRIDE;
		tv[i].epss = -1;
		tv[i].cvss = i % 3 ? NULL : "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
	}
	memcpy(copy, buf, (size_t)MANY * STRIDE);
	assert_int_equal(findings__vuln_cache_init(&c, tv, MANY, NULL), PSIRT_OK);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < MANY; i++) {
			/* backwards in the second round: other slot owners */
			size_t k = round == 1 ? MANY - 1 - i : i;
			const char *name = round == 2 ? copy + k * STRIDE : buf + k * STRIDE;
			const struct findings__vuln_triage *vt = findings__vuln_triage_get(&c, name, NULL);

			assert_non_null(vt);
			if (vt->tv != &tv[k])
				fail_msg("%s found %s", name, vt->tv ? vt->tv->name : "no entry");
		}
	}
	findings__vuln_cache_release(&c);
	free(copy);
	free(buf);
	free(tv);
}

/* An empty list: every name is absent and shares the one entry. */
static void test_empty_list(void **state)
{
	struct findings__vuln_cache c;
	const struct findings__vuln_triage *a, *b;

	(void)state;
	assert_int_equal(findings__vuln_cache_init(&c, NULL, 0, NULL), PSIRT_OK);
	a = findings__vuln_triage_get(&c, "CVE-2024-1", NULL);
	b = findings__vuln_triage_get(&c, "CVE-2024-2", NULL);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_null(a->tv);
	assert_true(a->derived);
	findings__vuln_cache_release(&c);
}

/* The deadline text (first seen + the policy's days, written without
 * vsnprintf for years 0-9999) as "%04lld-%02u-%02u" writes the date one
 * day at a time further on: across leap days, at the ends of the range and
 * past them. */
static int leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void next_day(long long *y, unsigned *m, unsigned *d)
{
	static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (*d < mdays[*m - 1] + (*m == 2 && leap(*y))) {
		++*d;
		return;
	}
	*d = 1;
	if (++*m > 12) {
		*m = 1;
		++*y;
	}
}

static void deadline_of(const struct psirt_policy *pol, const char *first, char *out, size_t cap)
{
	struct psirt_store_triage_row row;
	struct findings__decided dd;

	memset(&dd, 0, sizeof dd);
	fill_row(&row, &products[1], vulns[1].name, &vulns[1]);
	row.first_seen = first;
	assert_int_equal(findings__decide_new(pol, &row, NULL, "match", &dd, NULL), PSIRT_OK);
	assert_non_null(dd.d.deadline);
	snprintf(out, cap, "%s", dd.d.deadline);
	findings__decided_release(&dd);
}

static void test_deadline_text(void **state)
{
	static const struct {
		const char *first;
		long long y;
		unsigned m, d;
	} firsts[] = {
		{ "2026-11-26T14:00:00Z", 2026, 11, 26 }, { "2024-02-28", 2024, 2, 28 },
		{ "2023-12-31", 2023, 12, 31 },           { "2000-02-29", 2000, 2, 29 },
		{ "0001-01-01", 1, 1, 1 },                { "0999-12-25", 999, 12, 25 },
		{ "9999-12-31", 9999, 12, 31 },           { "9999-01-01", 9999, 1, 1 },
	};
	struct psirt_policy *pol = default_policy();
	char got[48], want[48], epoch[48];
	long long y = 1970, days = 0, k;
	unsigned m = 1, d = 1;
	size_t i;

	(void)state;
	/* the policy's days for this row: from 1970-01-01 to its deadline */
	deadline_of(pol, "1970-01-01", epoch, sizeof epoch);
	for (;;) {
		snprintf(want, sizeof want, "%04lld-%02u-%02u", y, m, d);
		if (!strcmp(want, epoch))
			break;
		next_day(&y, &m, &d);
		assert_true(++days < 100000);
	}
	assert_true(days > 0);
	for (i = 0; i < sizeof firsts / sizeof firsts[0]; i++) {
		y = firsts[i].y;
		m = firsts[i].m;
		d = firsts[i].d;
		for (k = 0; k < days; k++)
			next_day(&y, &m, &d);
		snprintf(want, sizeof want, "%04lld-%02u-%02u", y, m, d);
		deadline_of(pol, firsts[i].first, got, sizeof got);
		assert_string_equal(got, want);
	}
	psirt_policy_free(pol);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cached_equals_alone),
		cmocka_unit_test(test_many_names),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_deadline_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
