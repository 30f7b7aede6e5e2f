/* A found finding's hash (findings__found_hash) and a version's digest of
 * them (findings__found_digest). The hash: the same fields and evidence
 * members at other addresses give the same hash; any change a run would
 * write gives another — each field of the found, each member its evidence
 * text is written from (findings__evidence_text), NULL for "", text moved
 * from one field to the next, an evidence entry more or less, the two
 * kinds of entry (CPE criterion, package). The digest: the same list gives
 * the same digest; two founds swapped, one left out or added give another,
 * as does an empty list against a list of one found. Both pinned to the
 * values stored hashes were made with. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "findings/internal.h"
#include "psirt/findings.h"
#include "psirt/match.h"

/* a CPE criterion's entry and a package's */
static const struct psirt_match_evidence ev_cpe = {
	PSIRT_MATCH_VIA_CPE, "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*", PSIRT_MATCH_HIGH,
	"version 1.36.1: < 1.37.0", "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", NULL, NULL, 0, 1, 2,
	"cpe:2.3:h:acme:box:-:*:*:*:*:*:*:* by hardware", NULL, NULL, NULL, NULL, NULL, 0, 0
};
static const struct psirt_match_evidence ev_pkg = {
	PSIRT_MATCH_VIA_PURL, "pkg:deb/debian/openssl@3.0.7", PSIRT_MATCH_HIGH, "3.0.7 in range",
	NULL, NULL, NULL, 0, 0, 0, NULL, "Debian:12", "openssl", "pkg:deb/debian/openssl", "ECOSYSTEM",
	"introduced 0, fixed 3.0.8", 0, 0
};

/* a found with its matches (one or two), as the run's worker has them */
struct case_ {
	struct psirt_store_found f;
	struct psirt_match_evidence e[2];
	struct psirt_match_finding m[2];
	size_t nm;
};

static void init_case(struct case_ *c)
{
	memset(c, 0, sizeof *c);
	c->f.component = "busybox@1.36.1";
	c->f.component_name = "busybox";
	c->f.component_version = "1.36.1";
	c->f.vuln = "CVE-2022-48174";
	c->f.record = "CVE-2022-48174";
	c->f.source = "nvd";
	c->f.confidence = "high";
	c->e[0] = ev_cpe;
	c->e[1] = ev_pkg;
	c->m[0].vuln = c->m[1].vuln = "CVE-2022-48174";
	c->m[0].record = "CVE-2022-48174";
	c->m[1].record = "DEBIAN-CVE-2022-48174";
	c->m[0].evidence = &c->e[0];
	c->m[1].evidence = &c->e[1];
	c->m[0].nevidence = c->m[1].nevidence = 1;
	c->nm = 2;
}

static void hash_case(struct case_ *c, unsigned char *out)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf scratch = PSIRT_BUF_INIT;
	const struct psirt_match_finding *mfs[2] = { &c->m[0], &c->m[1] };

	assert_int_equal(findings__found_hash(&c->f, mfs, c->nm, &scratch, &d), PSIRT_OK);
	memcpy(out, c->f.found_hash, PSIRT_FOUND_DIGEST_BYTES);
	psirt_buf_release(&scratch);
	psirt_diag_release(&d);
}

static unsigned char base_hash[PSIRT_FOUND_DIGEST_BYTES];

static void expect_differs(struct case_ *c, const char *what)
{
	unsigned char h[PSIRT_FOUND_DIGEST_BYTES];

	hash_case(c, h);
	if (!memcmp(h, base_hash, sizeof h))
		fail_msg("the same found hash with %s", what);
}

static void test_hash_same(void **state)
{
	struct case_ a, b;
	unsigned char ha[PSIRT_FOUND_DIGEST_BYTES], hb[PSIRT_FOUND_DIGEST_BYTES];
	char why[64];

	(void)state;
	init_case(&a);
	init_case(&b);
	/* equal texts at other addresses; what a run does not compare or
	 * the evidence text does not hold */
	memcpy(why, ev_cpe.why, strlen(ev_cpe.why) + 1);
	b.e[0].why = why;
	b.e[0].match_criteria_id = "AB12";
	b.e[1].package_seq = 7;
	b.f.version_id = 9;
	b.f.evidence = "[]";
	b.f.decision_text = "P2 routine due 2026-12-10";
	hash_case(&a, ha);
	hash_case(&b, hb);
	assert_memory_equal(ha, hb, sizeof ha);
}

/* the found's string fields and the entries' members, by place */
static const char **string_at(struct case_ *c, int i)
{
	const char **v[] = { &c->f.component,    &c->f.component_name, &c->f.component_version,
		             &c->f.component_purl, &c->f.vuln,           &c->f.record,
		             &c->f.source,         &c->f.confidence,     &c->m[0].record,
		             &c->e[0].identity,    &c->e[0].why,         &c->e[0].criteria,
		             &c->e[0].platform,    &c->e[1].ecosystem,   &c->e[1].package,
		             &c->e[1].range_type,  &c->e[1].events,      &c->m[1].record };

	return i < (int)(sizeof v / sizeof v[0]) ? v[i] : NULL;
}

static void test_hash_differs(void **state)
{
	struct case_ c;
	const char **p;
	int i;

	(void)state;
	init_case(&c);
	hash_case(&c, base_hash);
	for (i = 0; (init_case(&c), p = string_at(&c, i)) != NULL; i++) {
		const char *was = *p;

		*p = "other";
		expect_differs(&c, "a string changed");
		*p = was ? NULL : "";
		expect_differs(&c, was ? "a string NULL" : "a NULL string \"\"");
		if (was && *was) {
			*p = "";
			expect_differs(&c, "a string emptied");
		}
	}
	init_case(&c);
	c.f.component_name = "busybox1";
	c.f.component_version = ".36.1";
	expect_differs(&c, "text moved between fields");
	init_case(&c);
	c.e[0].node = 2;
	expect_differs(&c, "another place in the record");
	init_case(&c);
	c.e[0].via = PSIRT_MATCH_VIA_PURL;
	expect_differs(&c, "another way matched");
	init_case(&c);
	c.e[1].confidence = PSIRT_MATCH_LOW;
	expect_differs(&c, "another confidence of an entry");
	init_case(&c);
	c.m[1].source = PSIRT_VULN_SRC_OSV;
	expect_differs(&c, "another source of a match");
	init_case(&c);
	c.nm = 1;
	expect_differs(&c, "one match less");
	init_case(&c);
	c.m[0].nevidence = 2; /* e[0], then e[1] as a second entry of it */
	expect_differs(&c, "one entry more");
	init_case(&c);
	c.e[1] = ev_cpe;
	expect_differs(&c, "a package entry as a criterion's");
}

static void test_digest(void **state)
{
	struct case_ c[3];
	struct psirt_store_found f[4];
	unsigned char a[PSIRT_FOUND_DIGEST_BYTES], b[PSIRT_FOUND_DIGEST_BYTES];
	unsigned char h[PSIRT_FOUND_DIGEST_BYTES];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		init_case(&c[i]);
		c[i].f.vuln = i == 0 ? "CVE-1" : i == 1 ? "CVE-2" : "CVE-3";
		hash_case(&c[i], h);
		f[i] = c[i].f;
	}
	findings__found_digest(f, 3, a);
	findings__found_digest(f, 3, b);
	assert_memory_equal(a, b, sizeof a);
	f[3] = f[0];
	f[0] = f[1];
	f[1] = f[3];
	findings__found_digest(f, 3, b);
	assert_true(memcmp(a, b, sizeof a) != 0); /* swapped */
	f[1] = f[0];
	f[0] = f[3];
	findings__found_digest(f, 2, b);
	assert_true(memcmp(a, b, sizeof a) != 0); /* one left out */
	f[3] = f[2];
	findings__found_digest(f, 4, b);
	assert_true(memcmp(a, b, sizeof a) != 0); /* one twice */
	findings__found_digest(NULL, 0, a);
	findings__found_digest(f, 1, b);
	assert_true(memcmp(a, b, sizeof a) != 0); /* none against one */
}

static void hex(char *out, const unsigned char *h)
{
	size_t i;

	for (i = 0; i < PSIRT_FOUND_DIGEST_BYTES; i++)
		snprintf(out + 2 * i, 3, "%02x", (unsigned)h[i]);
}

/* The bytes hashed, pinned: finding.found_hash and
 * match_version.found_digest are stored, and a store's hashes stay valid
 * only while the same founds hash the same. A change to what is hashed, or
 * how, changes hash_rule or digest_rule (digest.c) and these values. */
static void test_pinned(void **state)
{
	struct case_ c;
	struct psirt_store_found f[2];
	unsigned char h[PSIRT_FOUND_DIGEST_BYTES];
	char x[2 * PSIRT_FOUND_DIGEST_BYTES + 1];

	(void)state;
	init_case(&c);
	hash_case(&c, h);
	hex(x, h);
	assert_string_equal(x, "4dac902bfbd5575e18636c3d08ae308d");
	f[0] = f[1] = c.f;
	findings__found_digest(f, 2, h);
	hex(x, h);
	assert_string_equal(x, "7f3eeee68f24b210f1382e0a205785b8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_same),
		cmocka_unit_test(test_hash_differs),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_pinned),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
