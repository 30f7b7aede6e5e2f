/* The search box's store functions (include/psirt/search.h): prefix
 * matching without case, purl prefixes, limits and "more", embargo hiding
 * and marking, input checks, and query plans that read an index range
 * (component rows are 25 million at design scale: no scan, no sort). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/embargo.h"
#include "psirt/portfolio.h"
#include "psirt/sbom.h"
#include "psirt/search.h"
#include "store/internal.h"
#include "support/store_support.h"
#include "support/support.h"

static char dir[64], path[128];
static struct psirt_store *store;

static const char sbom[] =
	"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
	"{\"type\":\"application\",\"name\":\"BusyBox\",\"version\":\"1.36.1\","
	"\"purl\":\"pkg:generic/busybox@1.36.1\"},"
	"{\"type\":\"application\",\"name\":\"busybox-extras\",\"version\":\"1.0\"},"
	"{\"type\":\"library\",\"name\":\"openssl\",\"version\":\"3.0.13\","
	"\"purl\":\"pkg:generic/openssl@3.0.13\"}]}";

static void import_sbom(const char *product, const char *version)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc;
	struct psirt_sbom_import_result res;
	struct psirt_sbom_source src = { "test", "import", "fw.cdx.json", NULL, 0 };

	if (psirt_sbom_parse(sbom, strlen(sbom), "fw", PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d) ||
	    psirt_portfolio_sbom_import(store, product, version, doc, &src, &res, &d))
		fail_msg("sbom: %s", d.message);
	psirt_sbom_free(doc);
}

static int setup(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_feed_stats st = { 0 };

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/psirt-test-search-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/psirt.db", dir);
	if (psirt_store_open(path, PSIRT_STORE_CREATE, &store, &d))
		fail_msg("store: %s", d.message);
	if (tss_import(store, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &st, &d))
		fail_msg("nvd: %s", d.message);
	if (psirt_portfolio_product_add(store, "cam", NULL, "test", &d) ||
	    psirt_portfolio_product_add(store, "router", NULL, "test", &d))
		fail_msg("portfolio: %s", d.message);
	import_sbom("cam", "1.0");
	import_sbom("router", "2.0");
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	psirt_store_close(store);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) ? -1 : 0;
}

/* The rows of a component search as "name product version" lines. */
static void components(const char *q, size_t limit, size_t offset, char *out, size_t cap,
                       int *more)
{
	struct psirt_search_query sq = { q, limit, offset, NULL, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena a;
	struct psirt_search_component *c;
	size_t n, i, len = 0;

	psirt_arena_init(&a, 0);
	if (psirt_search_components(store, &sq, &a, &c, &n, more, &d))
		fail_msg("search %s: %s", q, d.message);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s %s %s", i ? "; " : "", c[i].name,
		                        c[i].product, c[i].product_version);
	psirt_arena_release(&a);
}

static void test_components(void **state)
{
	char got[1024];
	int more;

	(void)state;
	/* a prefix without case; by name, version, then storage order */
	components("busy", 10, 0, got, sizeof got, &more);
	assert_string_equal(got, "BusyBox cam 1.0; BusyBox router 2.0; busybox-extras cam 1.0;"
	                         " busybox-extras router 2.0");
	assert_false(more);
	components("BUSYBOX-", 10, 0, got, sizeof got, &more);
	assert_string_equal(got, "busybox-extras cam 1.0; busybox-extras router 2.0");
	/* not a substring */
	components("ybox", 10, 0, got, sizeof got, &more);
	assert_string_equal(got, "");
	/* pages */
	components("busy", 3, 0, got, sizeof got, &more);
	assert_true(more);
	components("busy", 3, 3, got, sizeof got, &more);
	assert_string_equal(got, "busybox-extras router 2.0");
	assert_false(more);
	/* purls: a prefix, with case (package-URL types are lower case) */
	components("pkg:generic/o", 10, 0, got, sizeof got, &more);
	assert_string_equal(got, "openssl cam 1.0; openssl router 2.0");
	components("pkg:generic/busybox@1.36", 10, 0, got, sizeof got, &more);
	assert_string_equal(got, "BusyBox cam 1.0; BusyBox router 2.0");
}

static void vulns(const char *q, const char *now, int hide, char *out, size_t cap, int *more)
{
	struct psirt_search_query sq = { q, 5, 0, now, hide };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena a;
	struct psirt_search_vuln *v;
	size_t n, i, len = 0;

	psirt_arena_init(&a, 0);
	if (psirt_search_vulns(store, &sq, &a, &v, &n, more, &d))
		fail_msg("search %s: %s", q, d.message);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s", i ? " " : "", v[i].id,
		                        v[i].embargoed ? "!" : "");
	psirt_arena_release(&a);
}

static void test_vulns(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char got[1024];
	int more;

	(void)state;
	vulns("cve-2022-4817", NULL, 0, got, sizeof got, &more);
	assert_string_equal(got, "CVE-2022-48174");
	assert_false(more);
	vulns("CVE-", NULL, 0, got, sizeof got, &more);
	assert_true(more); /* the fixture has more than 5 */
	/* under embargo: marked, or left out */
	if (psirt_embargo_set(store, "CVE-2022-48174", NULL, "finder", "test", &d))
		fail_msg("embargo: %s", d.message);
	vulns("cve-2022-4817", TSS_NOW, 0, got, sizeof got, &more);
	assert_string_equal(got, "CVE-2022-48174!");
	vulns("cve-2022-4817", TSS_NOW, 1, got, sizeof got, &more);
	assert_string_equal(got, "");
	/* no instant: no embargo is judged */
	vulns("cve-2022-4817", NULL, 1, got, sizeof got, &more);
	assert_string_equal(got, "CVE-2022-48174");
	if (psirt_embargo_lift(store, "CVE-2022-48174", "test", &d))
		fail_msg("lift: %s", d.message);
	vulns("cve-2022-4817", TSS_NOW, 1, got, sizeof got, &more);
	assert_string_equal(got, "CVE-2022-48174");
}

static void test_bad_input(void **state)
{
	static const struct {
		const char *q;
		size_t limit, offset;
		enum psirt_err err;
		const char *message;
	} cases[] = {
		{ "", 10, 0, PSIRT_EINVAL, "a search needs some text" },
		{ "a\x01", 10, 0, PSIRT_EINVAL, "a search cannot hold control characters" },
		{ "a", 0, 0, PSIRT_EINVAL, "a search returns 1 to 200 rows" },
		{ "a", 201, 0, PSIRT_EINVAL, "a search returns 1 to 200 rows" },
		{ "a", 10, 10001, PSIRT_EINVAL, "a search skips at most 10000 rows" },
	};
	struct ts_suite suite = { "search input checks", 0, 0 };
	char big[PSIRT_SEARCH_MAX_QUERY + 2];
	struct psirt_arena a;

	(void)state;
	psirt_arena_init(&a, 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_search_query q = { cases[i].q, cases[i].limit, cases[i].offset, NULL, 0 };
		struct psirt_diag d1 = PSIRT_DIAG_INIT, d2 = PSIRT_DIAG_INIT;
		struct psirt_search_vuln *v;
		struct psirt_search_component *c;
		size_t n;
		int more;
		enum psirt_err e1 = psirt_search_vulns(store, &q, &a, &v, &n, &more, &d1);
		enum psirt_err e2 = psirt_search_components(store, &q, &a, &c, &n, &more, &d2);

		ts_case(&suite,
		        e1 == cases[i].err && e2 == cases[i].err && d1.message && d2.message &&
		            !strcmp(d1.message, cases[i].message) && !strcmp(d2.message, cases[i].message),
		        "case %zu: %d %d '%s'", i, e1, e2, d1.message ? d1.message : "");
		psirt_diag_release(&d1);
		psirt_diag_release(&d2);
	}
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	{
		struct psirt_search_query q = { big, 10, 0, NULL, 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_search_component *c;
		size_t n;
		int more;

		ts_case(&suite, psirt_search_components(store, &q, &a, &c, &n, &more, &d) ==
		                    PSIRT_ETOOBIG,
		        "a long query is ETOOBIG");
		psirt_diag_release(&d);
	}
	psirt_arena_release(&a);
	ts_suite_end(&suite);
}

/* Each statement's plan: index ranges (SEARCH), never a SCAN of a big
 * table, never a sort of the matches (the LIMIT must stop the reads). */
static void test_query_plans(void **state)
{
	struct ts_suite suite = { "search query plans", 0, 0 };
	sqlite3 *db;

	(void)state;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (size_t i = 0; store__search_sql[i]; i++) {
		char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", store__search_sql[i]);
		sqlite3_stmt *st;
		int index = 0, bad = 0;

		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);

			/* the embargo table is a handful of rows: scanning it is fine */
			if (!strncmp(detail, "SCAN ", 5) && strcmp(detail, "SCAN e"))
				bad = 1;
			if (strstr(detail, "TEMP B-TREE FOR ORDER BY"))
				bad = 1;
			if (strstr(detail, "component_name_nocase (name>? AND name<?)") ||
			    strstr(detail, "component_purl (purl>? AND purl<?)") ||
			    strstr(detail, "SEARCH a USING PRIMARY KEY (name>? AND name<?)"))
				index = 1;
			if (bad)
				printf("  statement %zu: %s\n", i, detail);
		}
		sqlite3_finalize(st);
		sqlite3_free(sql);
		ts_case(&suite, index && !bad, "statement %zu reads an index range, no scan or sort",
		        i);
	}
	sqlite3_close(db);
	ts_suite_end(&suite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_components),
		cmocka_unit_test(test_vulns),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_query_plans),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, setup, teardown);
}
