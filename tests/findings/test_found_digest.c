/* A found finding's hash (findings__found_hash) and a version's digest of
 * them (findings__found_digest): the same list gives the same digest; any
 * change a run would write gives another found hash and digest — each
 * field changed, NULL for "", text moved from one field to the next — and
 * two founds swapped, one left out or added give another digest, as does
 * an empty list against a list of one empty found. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "findings/internal.h"
#include "psirt/findings.h"

static const struct psirt_store_found base[] = {
	{ 1, "busybox@1.36.1", "busybox", "1.36.1", NULL, "CVE-2022-48174", "CVE-2022-48174", "nvd",
	  "high", "[{\"record\":\"CVE-2022-48174\"}]", NULL, 0, NULL, NULL, NULL, 0, { 0 } },
	{ 1, "openssl@3.0.7", "openssl", "3.0.7", "pkg:generic/openssl@3.0.7", "CVE-2023-0286",
	  "CVE-2023-0286", "nvd", "high", "[]", NULL, 0, NULL, NULL, NULL, 0, { 0 } },
};
#define NBASE (sizeof base / sizeof base[0])

/* the founds' hashes, then their digest */
static void digest_of(const struct psirt_store_found *f, size_t n, unsigned char *out)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store_found copy[4];
	struct psirt_buf scratch = PSIRT_BUF_INIT;
	size_t i;

	assert_true(n <= sizeof copy / sizeof copy[0]);
	for (i = 0; i < n; i++) {
		copy[i] = f[i];
		assert_int_equal(findings__found_hash(&copy[i], &scratch, &d), PSIRT_OK);
	}
	findings__found_digest(copy, n, out);
	psirt_buf_release(&scratch);
	psirt_diag_release(&d);
}

/* one found's hash */
static void hash_of(const struct psirt_store_found *f, unsigned char *out)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store_found copy = *f;
	struct psirt_buf scratch = PSIRT_BUF_INIT;

	assert_int_equal(findings__found_hash(&copy, &scratch, &d), PSIRT_OK);
	memcpy(out, copy.found_hash, PSIRT_FOUND_DIGEST_BYTES);
	psirt_buf_release(&scratch);
	psirt_diag_release(&d);
}

static void expect_differs(const struct psirt_store_found *f, size_t n, const char *what)
{
	unsigned char a[PSIRT_FOUND_DIGEST_BYTES], b[PSIRT_FOUND_DIGEST_BYTES];

	digest_of(base, NBASE, a);
	digest_of(f, n, b);
	if (!memcmp(a, b, sizeof a))
		fail_msg("the same digest with %s", what);
}

/* found f's hash differs from base[i]'s */
static void expect_hash_differs(const struct psirt_store_found *f, size_t i, const char *what)
{
	unsigned char a[PSIRT_FOUND_DIGEST_BYTES], b[PSIRT_FOUND_DIGEST_BYTES];

	hash_of(&base[i], a);
	hash_of(f, b);
	if (!memcmp(a, b, sizeof a))
		fail_msg("the same found hash with %s", what);
}

/* the string fields of a found, by place, for changing one at a time */
static const char **field_at(struct psirt_store_found *f, int i)
{
	const char **v[] = { &f->component,  &f->component_name, &f->component_version,
		             &f->component_purl, &f->vuln,           &f->record,
		             &f->source,         &f->confidence,     &f->evidence };

	return i < (int)(sizeof v / sizeof v[0]) ? v[i] : NULL;
}

static void test_same(void **state)
{
	struct psirt_store_found copy[NBASE];
	unsigned char a[PSIRT_FOUND_DIGEST_BYTES], b[PSIRT_FOUND_DIGEST_BYTES];
	char evidence[64];

	(void)state;
	memcpy(copy, base, sizeof copy);
	/* equal texts at other addresses; what a run does not compare */
	memcpy(evidence, base[0].evidence, strlen(base[0].evidence) + 1);
	copy[0].evidence = evidence;
	copy[0].version_id = 9;
	copy[1].decision_text = "P2 routine due 2026-12-10";
	digest_of(base, NBASE, a);
	digest_of(copy, NBASE, b);
	assert_memory_equal(a, b, sizeof a);
}

static void test_differs(void **state)
{
	struct psirt_store_found copy[NBASE + 1];
	const char **p;
	int i;

	(void)state;
	for (i = 0; (p = field_at(&copy[1], i)) != NULL; i++) {
		const char *was;

		memcpy(copy, base, sizeof base);
		was = *p;
		*p = "other";
		expect_differs(copy, NBASE, "a field changed");
		expect_hash_differs(&copy[1], 1, "a field changed");
		*p = was ? NULL : "";
		expect_differs(copy, NBASE, was ? "a field NULL" : "a NULL field \"\"");
		expect_hash_differs(&copy[1], 1, was ? "a field NULL" : "a NULL field \"\"");
		if (was && *was) {
			*p = "";
			expect_differs(copy, NBASE, "a field emptied");
			expect_hash_differs(&copy[1], 1, "a field emptied");
		}
	}
	/* text moved across a field boundary */
	memcpy(copy, base, sizeof base);
	copy[0].component_name = "busybox1";
	copy[0].component_version = ".36.1";
	expect_differs(copy, NBASE, "text moved between fields");
	expect_hash_differs(&copy[0], 0, "text moved between fields");
	/* order, count */
	copy[0] = base[1];
	copy[1] = base[0];
	expect_differs(copy, NBASE, "two founds swapped");
	expect_differs(base, 1, "one found left out");
	memcpy(copy, base, sizeof base);
	copy[NBASE] = base[1];
	expect_differs(copy, NBASE + 1, "one found added twice");
	{
		unsigned char a[PSIRT_FOUND_DIGEST_BYTES], b[PSIRT_FOUND_DIGEST_BYTES];
		struct psirt_store_found empty;

		memset(&empty, 0, sizeof empty);
		digest_of(NULL, 0, a);
		digest_of(&empty, 1, b);
		assert_true(memcmp(a, b, sizeof a) != 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_differs),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
