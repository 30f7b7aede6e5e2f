/* NVD CVE API 2.0 importer: the parser on real records, chunking, the
 * store round trip, field by field checks, re-import, update ordering and
 * bad files that must leave the store as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "feed/internal.h"
#include "psirt/feed.h"
#include "psirt/map.h"
#include "psirt/str.h"
#include "support/store_support.h"
#include "support/support.h"

#define parse_chunked(...) tss_parse_chunked(PSIRT_FEED_NVD, __VA_ARGS__)

static const char golden_48174[] =
	"source=nvd\n"
	"id=CVE-2022-48174\n"
	"modified=2025-06-25T14:24:41.033Z\n"
	"published=2023-08-22T19:16:31.080Z\n"
	"assigner=cve@mitre.org\n"
	"status=Analyzed\n"
	"withdrawn=0\n"
	"withdrawn_at=(null)\n"
	"aliases=[]\n"
	"related=[]\n"
	"description en: There is a stack overflow vulnerability in ash.c:6030 in busybox before "
	"1.35. In the environment of Internet of Vehicles, this vulnerability can be executed from "
	"command to arbitrary code execution.\n"
	"score cvssMetricV31 3.1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H 9.8 CRITICAL "
	"nvd@nist.gov Primary {\"source\":\"nvd@nist.gov\",\"type\":\"Primary\",\"cvssData\":"
	"{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
	"\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\",\"attackVector\":\"NETWORK\","
	"\"attackComplexity\":\"LOW\",\"privilegesRequired\":\"NONE\",\"userInteraction\":\"NONE\","
	"\"scope\":\"UNCHANGED\",\"confidentialityImpact\":\"HIGH\",\"integrityImpact\":\"HIGH\","
	"\"availabilityImpact\":\"HIGH\"},\"exploitabilityScore\":3.9,\"impactScore\":5.9}\n"
	"weakness CWE-787 nvd@nist.gov Primary\n"
	"ref https://bugs.busybox.net/show_bug.cgi?id=15216 cve@mitre.org tags=[Issue Tracking|"
	"Vendor Advisory]\n"
	"ref https://bugs.busybox.net/show_bug.cgi?id=15216 af854a3a-2127-422b-91ae-364da2661108 "
	"tags=[Issue Tracking|Vendor Advisory]\n"
	"ref https://security.netapp.com/advisory/ntap-20241129-0001/ "
	"af854a3a-2127-422b-91ae-364da2661108 tags=[Third Party Advisory]\n"
	"config op=0 negate=0\n"
	" node op=1 negate=0\n"
	"  match 1 cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:* 82CC192B-C581-4846-AB6D-107055763145 "
	"[a|busybox|busybox|*|*] - - 1.36.1 -\n"
	"extra={\"cveTags\":[]}\n";

/* A real record, every field, against a digest checked by hand. */
static void test_parse_golden(void **state)
{
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t len;
	char *data = ts_read_file("nvd/nvd-cves-iot.json", &len);
	const char *got;

	assert_int_equal(parse_chunked(&c, data, len, 0, &d), PSIRT_OK);
	assert_int_equal(c.n, 13);
	got = psirt_map_get(&c.by_id, "CVE-2022-48174", 14);
	assert_non_null(got);
	assert_string_equal(got, golden_48174);
	tss_collect_release(&c);
	free(data);
}

/* Streaming must not depend on where chunks end: every chunk size gives
 * the same records as one push. */
static void test_chunking(void **state)
{
	static const struct {
		const char *file;
		size_t chunks[6];
	} files[] = {
		{ "nvd/nvd-cves-iot.json", { 1, 2, 3, 7, 100, 4096 } },
		{ "nvd/edge/anchore+grype_grype_db_v6_build_transformers_nvd_testdata_cve-2021-1566.json",
		  { 1, 5, 64, 0, 0, 0 } },
		/* a byte order mark split across pushes (found by fuzz_kev, 2026-01) */
		{ "nvd/bom/CVE-2022-29899-bom.json", { 1, 2, 4, 0, 0, 0 } },
	};
	struct ts_suite s = { "nvd chunking", 0, 0 };
	size_t i, k, len;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct tss_collect whole = TSS_COLLECT_INIT;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		char *data = ts_read_file(files[i].file, &len);

		assert_int_equal(parse_chunked(&whole, data, len, 0, &d), PSIRT_OK);
		for (k = 0; k < 6 && files[i].chunks[k]; k++) {
			struct tss_collect c = TSS_COLLECT_INIT;

			ts_case(&s,
			        parse_chunked(&c, data, len, files[i].chunks[k], &d) == PSIRT_OK &&
			                c.n == whole.n && !strcmp(c.all.p, whole.all.p),
			        "%s in chunks of %zu", files[i].file, files[i].chunks[k]);
			tss_collect_release(&c);
		}
		tss_collect_release(&whole);
		psirt_diag_release(&d);
		free(data);
	}
	ts_suite_end(&s);
}

static struct psirt_store *store_with_all(struct psirt_feed_stats *st)
{
	struct psirt_store *s = tss_store();
	static const char *const files[] = { "nvd/nvd-cves-iot.json", "nvd/nvd-cves-fixtures.json.gz",
		                             "nvd/nvd-cves-iot-2.json.xz" };
	size_t i;

	for (i = 0; i < 3; i++)
		assert_int_equal(tss_import(s, PSIRT_FEED_NVD, files[i], st, NULL), PSIRT_OK);
	return s;
}

/* What the parser produced is what the store gives back, for every real
 * record (plain, .gz and .xz files). */
static void test_store_roundtrip(void **state)
{
	static const char *const files[] = { "nvd/nvd-cves-iot.json", "nvd/nvd-cves-fixtures.json.gz",
		                             "nvd/nvd-cves-iot-2.json.xz" };
	struct psirt_feed_stats st = { 0 };
	struct psirt_store *s = store_with_all(&st);
	struct ts_suite suite = { "nvd store round trip", 0, 0 };
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_feed_sink sink = { tss_collect_vuln, NULL, NULL, &c, NULL };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v;
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *key;
	size_t pos = 0, klen, i;
	void *digest;

	assert_int_equal(st.files, 3);
	assert_int_equal(st.records, 197);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 197);
	/* parse the same files without the store */
	for (i = 0; i < 3; i++) {
		size_t len;
		char *data = tss_read_any(files[i], &len);

		assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_NVD, &sink, files[i], data, len, &d),
		                 PSIRT_OK);
		free(data);
	}
	while (psirt_map_next(&c.by_id, &pos, &key, &klen, &digest)) {
		char id[64];

		snprintf(id, sizeof id, "%.*s", (int)klen, key);
		assert_int_equal(psirt_store_vuln_get(s, id, &v, &d), PSIRT_OK);
		psirt_buf_reset(&b);
		if (v->n_records == 1)
			tss_describe(&b, &v->records[0]);
		ts_case(&suite, v->n_records == 1 && !strcmp(b.p, digest), "%s", id);
		if (strcmp(b.p, digest))
			printf("stored:\n%s\nparsed:\n%s\n", b.p, (const char *)digest);
		psirt_vuln_view_free(v);
	}
	ts_suite_end(&suite);
	psirt_buf_release(&b);
	tss_collect_release(&c);
	psirt_store_close(s);
}

static const struct psirt_vuln_score *nth_score(const struct psirt_vuln_record *r, int n)
{
	const struct psirt_vuln_score *s = r->scores;

	while (s && n--)
		s = s->next;
	return s;
}

static size_t count_matches(const struct psirt_vuln_record *r, size_t *configs)
{
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	size_t k = 0;

	*configs = 0;
	for (c = r->configs; c; c = c->next) {
		(*configs)++;
		for (n = c->nodes; n; n = n->next)
			for (m = n->matches; m; m = m->next)
				k++;
	}
	return k;
}

static struct psirt_vuln_view *get(struct psirt_store *s, const char *id)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v = NULL;

	if (psirt_store_vuln_get(s, id, &v, &d))
		fail_msg("%s: %s", id, d.message);
	assert_int_equal(v->n_records, 1);
	return v;
}

/* Chosen records, field by field, read back from the store. */
static void test_fields(void **state)
{
	struct psirt_feed_stats st = { 0 };
	struct psirt_store *s = store_with_all(&st);
	struct psirt_vuln_view *v;
	const struct psirt_vuln_record *r;
	const struct psirt_vuln_score *sc;
	const struct psirt_vuln_weakness *w;
	const struct psirt_vuln_ref *ref;
	size_t configs, refs;

	/* V2 + V3.1 + V4.0, all by the CNA, in document order */
	v = get(s, "CVE-2023-7259");
	r = &v->records[0];
	assert_string_equal(r->status, "Awaiting Analysis");
	sc = nth_score(r, 0);
	assert_string_equal(sc->kind, "cvssMetricV2");
	assert_string_equal(sc->version, "2.0");
	assert_string_equal(sc->vector, "AV:N/AC:L/Au:M/C:N/I:P/A:N");
	assert_true(sc->has_base_score && sc->base_score == 3.3);
	assert_string_equal(sc->severity, "LOW"); /* v2: outside cvssData */
	assert_string_equal(sc->source, "cna@vuldb.com");
	assert_string_equal(sc->type, "Secondary");
	assert_non_null(strstr(sc->json, "\"impactScore\":2.9"));
	sc = nth_score(r, 1);
	assert_string_equal(sc->kind, "cvssMetricV31");
	assert_string_equal(sc->vector, "CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:U/C:N/I:L/A:N");
	assert_true(sc->base_score == 2.4);
	assert_string_equal(sc->severity, "LOW");
	sc = nth_score(r, 2);
	assert_string_equal(sc->kind, "cvssMetricV40");
	assert_string_equal(sc->version, "4.0");
	assert_true(sc->base_score == 5.1);
	assert_string_equal(sc->severity, "MEDIUM");
	assert_non_null(strstr(sc->json, "\"valueDensity\":\"NOT_DEFINED\""));
	assert_null(nth_score(r, 3));
	assert_string_equal(r->weaknesses->cwe, "CWE-79");
	assert_string_equal(r->weaknesses->type, "Primary");
	psirt_vuln_view_free(v);

	/* Log4Shell: two languages, four metric blocks (one SSVC), four CWEs
	 * from two sources, 103 references, 20 configurations, unknown members
	 * (affected, cisa*) kept */
	v = get(s, "CVE-2021-44228");
	r = &v->records[0];
	assert_string_equal(r->descriptions->lang, "en");
	assert_string_equal(r->descriptions->next->lang, "es");
	assert_null(r->descriptions->next->next);
	assert_string_equal(nth_score(r, 0)->kind, "cvssMetricV31");
	assert_string_equal(nth_score(r, 1)->kind, "cvssMetricV31");
	assert_string_equal(nth_score(r, 1)->type, "Secondary");
	assert_string_equal(nth_score(r, 2)->kind, "cvssMetricV2");
	sc = nth_score(r, 3);
	assert_string_equal(sc->kind, "ssvcV203");
	assert_null(sc->version);
	assert_false(sc->has_base_score);
	assert_null(nth_score(r, 4));
	w = r->weaknesses;
	assert_string_equal(w->cwe, "CWE-20");
	assert_string_equal(w->source, "security@apache.org");
	assert_string_equal(w->next->next->cwe, "CWE-502");
	w = w->next->next->next;
	assert_string_equal(w->cwe, "CWE-917");
	assert_string_equal(w->source, "nvd@nist.gov");
	assert_string_equal(w->type, "Secondary");
	assert_null(w->next);
	for (refs = 0, ref = r->refs; ref; ref = ref->next)
		refs++;
	assert_int_equal(refs, 103);
	assert_int_equal(count_matches(r, &configs), 396);
	assert_int_equal(configs, 20);
	assert_non_null(strstr(r->extra_json, "\"cisaExploitAdd\":\"2021-12-10\""));
	assert_non_null(strstr(r->extra_json, "\"affected\":"));
	psirt_vuln_view_free(v);

	/* CPE components: an escaped slash stays escaped, in product */
	v = get(s, "CVE-2020-11896");
	r = &v->records[0];
	assert_string_equal(r->configs->nodes->matches->vendor, "treck");
	assert_string_equal(r->configs->nodes->matches->product, "tcp\\/ip");
	assert_string_equal(r->configs->nodes->matches->version_end_excluding, "6.0.1.66");
	/* two CWEs in one weakness entry: two rows, same source */
	assert_string_equal(r->weaknesses->cwe, "CWE-119");
	assert_string_equal(r->weaknesses->next->cwe, "CWE-787");
	assert_string_equal(r->weaknesses->next->source, "nvd@nist.gov");
	psirt_vuln_view_free(v);

	/* cveTags: kept in the extra members */
	v = get(s, "CVE-2019-11072");
	assert_non_null(strstr(v->records[0].extra_json, "\"disputed\""));
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

static struct psirt_store *store_with(const char *file, enum psirt_err want)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };

	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, file, &st, NULL), want);
	return s;
}

/* The hand-edited edge cases of other tools' test suites. */
static void test_edge_cases(void **state)
{
	struct psirt_store *s;
	struct psirt_vuln_view *v;
	const struct psirt_vuln_cpe_match *m;

	s = store_with("nvd/edge/MaineK00n+vuls-data-update_pkg_extract_nvd_feed_cve_v2_testdata_"
	               "fixtures_node-negate_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-0028.json",
	               PSIRT_OK);
	v = get(s, "CVE-2024-0028");
	assert_int_equal(v->records[0].configs->negate, 0);
	assert_int_equal(v->records[0].configs->nodes->negate, 1);
	assert_int_equal(v->records[0].configs->nodes->op, PSIRT_VULN_OP_OR);
	psirt_vuln_view_free(v);
	psirt_store_close(s);

	s = store_with("nvd/edge/MaineK00n+vuls-data-update_pkg_extract_nvd_feed_cve_v2_testdata_"
	               "fixtures_config-negate_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-0028.json",
	               PSIRT_OK);
	v = get(s, "CVE-2024-0028");
	assert_int_equal(v->records[0].configs->negate, 1);
	assert_int_equal(v->records[0].configs->nodes->negate, 0);
	psirt_vuln_view_free(v);
	psirt_store_close(s);

	/* " 5.10.35": white space around a version bound is not part of it */
	s = store_with("nvd/edge/MaineK00n+vuls-data-update_pkg_extract_nvd_feed_cve_v2_testdata_"
	               "fixtures_whitespace-range_vuls-data-raw-nvd-feed-cve-v2_2021_CVE-2021-46973.json",
	               PSIRT_OK);
	v = get(s, "CVE-2021-46973");
	m = v->records[0].configs->nodes->matches;
	assert_string_equal(m->version_start_including, "5.8");
	assert_string_equal(m->version_end_including, "5.10.35");
	assert_string_equal(m->part, "o");
	psirt_vuln_view_free(v);
	psirt_store_close(s);

	/* a criteria that is no CPE 2.3 name (15 components): kept, not split */
	s = store_with("nvd/edge/anchore+grype_grype_db_v6_build_transformers_nvd_testdata_"
	               "invalid_cpe.json",
	               PSIRT_OK);
	v = get(s, "CVE-2015-8978");
	m = v->records[0].configs->nodes->matches;
	assert_string_equal(m->criteria,
	                    "cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*");
	assert_null(m->part);
	assert_null(m->vendor);
	assert_null(m->product);
	psirt_vuln_view_free(v);
	psirt_store_close(s);

	/* AND of a vulnerable application on a platform: both nodes kept */
	s = store_with("nvd/edge/MaineK00n+vuls-data-update_pkg_extract_nvd_feed_cve_v2_testdata_"
	               "fixtures_and-vulnerable-mixed_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-2049.json",
	               PSIRT_OK);
	v = get(s, "CVE-2024-2049");
	assert_int_equal(v->records[0].configs->op, PSIRT_VULN_OP_AND);
	assert_non_null(v->records[0].configs->nodes->next);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* The whole edge folder: two malformed ids fail (a path-traversal id and
 * grype's "CVE-2023-JVM-TEST"; NVD ids are CVE-YYYY-NNNN+), the other 36
 * files are imported; several files share CVE-2024-0028 with the same
 * lastModified, so the first one (in name order) stays. */
static void test_edge_folder(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char *line;

	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/edge", &st, &d), PSIRT_EINVAL);
	assert_int_equal(st.files, 36);
	assert_int_equal(st.errors, 2);
	assert_int_equal(st.records, 36);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED] + st.counts[PSIRT_STORE_UNCHANGED], 36);
	line = tss_diag_line(&d);
	assert_string_equal(line,
	                    "nvd/edge/MaineK00n+vuls-data-update_pkg_extract_nvd_feed_cve_v2_testdata_"
	                    "fixtures_malformed-id_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-0028.json:"
	                    " byte 0: CVE-2024/../../x-0001: malformed CVE id");
	free(line);
	psirt_diag_release(&d);
	psirt_store_close(s);
}

/* Real Rejected records withdraw the CVE. */
static void test_rejected(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	struct psirt_vuln_view *v;

	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/rejected", &st, NULL), PSIRT_OK);
	assert_int_equal(st.records, 2);
	assert_int_equal(st.counts[PSIRT_STORE_WITHDRAWN], 2);
	v = get(s, "CVE-2021-29633");
	assert_true(v->withdrawn);
	assert_true(v->records[0].withdrawn);
	assert_string_equal(v->records[0].status, "Rejected");
	assert_string_equal(v->records[0].descriptions->value,
	                    "Rejected reason: This candidate was in a CNA pool that was not assigned"
	                    " to any issues during 2021.");
	assert_null(v->records[0].configs);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* Importing the same data again changes nothing at all. */
static void test_reimport_idempotent(void **state)
{
	struct psirt_feed_stats st = { 0 }, again = { 0 };
	struct psirt_store *s = store_with_all(&st);
	char *before, *after;

	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/rejected", &st, NULL), PSIRT_OK);
	before = tss_dump(s);
	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &again, NULL),
	                 PSIRT_OK);
	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/nvd-cves-fixtures.json.gz", &again, NULL),
	                 PSIRT_OK);
	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/nvd-cves-iot-2.json.xz", &again, NULL),
	                 PSIRT_OK);
	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/rejected", &again, NULL), PSIRT_OK);
	assert_int_equal(again.records, 199);
	assert_int_equal(again.counts[PSIRT_STORE_UNCHANGED], 199);
	after = tss_dump(s);
	assert_string_equal(before, after); /* the clock is fixed (PSIRT_NOW) */
	free(before);
	free(after);
	psirt_store_close(s);
}

static void import_expect(struct psirt_store *s, const char *file, enum psirt_store_outcome o)
{
	struct psirt_feed_stats st = { 0 };

	assert_int_equal(tss_import(s, PSIRT_FEED_NVD, file, &st, NULL), PSIRT_OK);
	assert_int_equal(st.records, 1);
	assert_int_equal(st.counts[o], 1);
}

/* A newer lastModified replaces the record and all its rows; an older one
 * is ignored; equal is unchanged; a Rejected version withdraws it. */
static void test_update_ordering(void **state)
{
	struct psirt_store *s = store_with("nvd/nvd-cves-iot.json", PSIRT_OK);
	struct psirt_vuln_view *v;
	struct psirt_buf first = PSIRT_BUF_INIT, b = PSIRT_BUF_INIT;
	const struct psirt_vuln_ref *ref;
	size_t refs, configs;
	char *before, *after;

	v = get(s, "CVE-2022-48174");
	tss_describe(&first, &v->records[0]);
	psirt_vuln_view_free(v);

	before = tss_dump(s);
	import_expect(s, "nvd/update/1-older.json", PSIRT_STORE_OLDER);
	after = tss_dump(s);
	/* only the feed's last-import note may change, and the clock is fixed */
	assert_string_equal(before, after);
	free(before);
	free(after);

	import_expect(s, "nvd/update/2-newer.json", PSIRT_STORE_UPDATED);
	v = get(s, "CVE-2022-48174");
	assert_string_equal(v->records[0].modified, "2025-07-01T10:00:00.000Z");
	assert_string_equal(v->records[0].status, "Modified");
	assert_string_equal(v->records[0].descriptions->value,
	                    "HAND-MADE NEWER COPY: stack overflow in ash.c in busybox before 1.37.");
	assert_null(v->records[0].descriptions->next);
	assert_null(v->records[0].configs->nodes->matches->version_end_including);
	assert_string_equal(v->records[0].configs->nodes->matches->version_end_excluding, "1.37.0");
	for (refs = 0, ref = v->records[0].refs; ref; ref = ref->next)
		refs++;
	assert_int_equal(refs, 4);
	assert_int_equal(count_matches(&v->records[0], &configs), 1);
	psirt_vuln_view_free(v);

	import_expect(s, "nvd/update/1-older.json", PSIRT_STORE_OLDER);
	import_expect(s, "nvd/update/2-newer.json", PSIRT_STORE_UNCHANGED);
	{
		struct psirt_feed_stats st = { 0 };

		/* the original is older than the stored newer copy now */
		assert_int_equal(tss_import(s, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &st, NULL),
		                 PSIRT_OK);
		assert_int_equal(st.counts[PSIRT_STORE_OLDER], 1);
		assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 12);
	}
	import_expect(s, "nvd/update/3-rejected.json", PSIRT_STORE_WITHDRAWN);
	v = get(s, "CVE-2022-48174");
	assert_true(v->withdrawn);
	assert_string_equal(v->records[0].status, "Rejected");
	assert_null(v->records[0].configs);
	assert_null(v->records[0].scores);
	assert_null(v->records[0].refs);
	psirt_vuln_view_free(v);
	psirt_buf_release(&first);
	psirt_buf_release(&b);
	psirt_store_close(s);
}

/* Bad files: one clear error naming the file, the record and the byte,
 * and the store exactly as before. */
static void test_bad_files(void **state)
{
	static const struct {
		const char *file;
		enum psirt_err err;
		const char *line;
	} cases[] = {
		{ "nvd/bad/truncated.json", PSIRT_EINVAL,
		  "nvd/bad/truncated.json: byte 18568: CVE-2022-22707: invalid JSON: parse error: "
		  "premature EOF" },
		{ "nvd/bad/invalid.json", PSIRT_EINVAL,
		  "nvd/bad/invalid.json: byte 12349: CVE-2016-7406: invalid JSON: parse error: invalid "
		  "object key (must be a string)" },
		{ "nvd/bad/missing-lastmodified.json", PSIRT_EINVAL,
		  "nvd/bad/missing-lastmodified.json: byte 3170: CVE-2020-25681: CVE without "
		  "\"lastModified\"" },
		{ "nvd/bad/wrong-type.json", PSIRT_EINVAL,
		  "nvd/bad/wrong-type.json: byte 1834: CVE-2022-48174: \"negate\" must be true or false" },
		{ "nvd/bad/truncated.json.gz", PSIRT_EINVAL,
		  "nvd/bad/truncated.json.gz: truncated gzip input" },
		{ "nvd/bad/empty.json", PSIRT_EINVAL, "nvd/bad/empty.json: byte 0: empty document" },
		{ "nvd/bad/not-nvd.json", PSIRT_EINVAL,
		  "nvd/bad/not-nvd.json: byte 166: vulnerabilities[] item without a \"cve\" object" },
		{ "nvd/no-such-file.json", PSIRT_ENOTFOUND,
		  "nvd/no-such-file.json: No such file or directory" },
	};
	struct ts_suite suite = { "nvd bad files", 0, 0 };
	struct psirt_store *s = store_with("nvd/nvd-cves-iot.json", PSIRT_OK);
	char *before = tss_dump(s), *after, *line;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = tss_import(s, PSIRT_FEED_NVD, cases[i].file, &st, &d);

		line = tss_diag_line(&d);
		after = tss_dump(s);
		/* the message of a missing file names it twice: strip the path */
		ts_case(&suite, err == cases[i].err && st.errors == 1 && st.records == 0,
		        "%s: error %s", cases[i].file, psirt_errname(err));
		ts_case(&suite, line && strstr(line, cases[i].line) == line &&
		                        (cases[i].err != PSIRT_ENOTFOUND || strstr(line, "No such")),
		        "%s: got '%s'", cases[i].file, line ? line : "(null)");
		ts_case(&suite, !strcmp(before, after), "%s: store changed", cases[i].file);
		free(line);
		free(after);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
	free(before);
	psirt_store_close(s);
}

/* A .zip holding the same file gives the same store. */
static void test_zip(void **state)
{
	struct psirt_store *a = store_with("nvd/nvd-cves-iot.json", PSIRT_OK);
	struct psirt_store *b = store_with("nvd/nvd-cves-iot.zip", PSIRT_OK);
	char *da = tss_dump(a), *db = tss_dump(b);

	assert_string_equal(da, db);
	free(da);
	free(db);
	psirt_store_close(a);
	psirt_store_close(b);
}

static enum psirt_err count_only(void *ctx, const struct psirt_vuln_record *r,
                                 struct psirt_diag *d)
{
	(*(unsigned long *)ctx)++;
	return PSIRT_OK;
}

/* Shapes and limits of the parser on small hand-made inputs. */
static void test_parser_cases(void **state)
{
	static const struct {
		const char *json;
		enum psirt_err err;
		unsigned long records;
		const char *message; /* prefix of the formatted diagnostic */
	} cases[] = {
		{ "{\"id\":\"CVE-2020-0001\",\"lastModified\":\"2020-01-01T00:00:00.000\"}", PSIRT_OK, 1,
		  NULL },
		{ "{\"cve\":{\"id\":\"CVE-2020-0001\",\"lastModified\":\"2020-01-01\"}}", PSIRT_OK, 1,
		  NULL },
		{ "\xEF\xBB\xBF{\"vulnerabilities\":[]}", PSIRT_OK, 0, NULL },
		{ "{\"resultsPerPage\":0,\"vulnerabilities\":[],\"x\":{\"y\":[1,2]}}", PSIRT_OK, 0, NULL },
		{ "[]", PSIRT_EINVAL, 0,
		  "byte 0: not an NVD CVE API 2.0 document (an array, not an object)" },
		{ "{}", PSIRT_EINVAL, 0,
		  "byte 1: not an NVD CVE API 2.0 document (no \"vulnerabilities\", \"cve\" or \"id\")" },
		{ "{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-2020-0001\"}}]}", PSIRT_EINVAL, 0,
		  "byte 27: CVE-2020-0001: CVE without \"lastModified\"" },
		{ "{\"vulnerabilities\":[{\"cve\":{\"lastModified\":\"2020-01-01\"}}]}", PSIRT_EINVAL, 0,
		  "byte 27: record 1: CVE without \"id\"" },
		{ "{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-2020-0001\",\"lastModified\":"
		  "\"yesterday\"}}]}",
		  PSIRT_EINVAL, 0,
		  "byte 74: CVE-2020-0001: \"lastModified\" is not an ISO 8601 timestamp: \"yesterday\"" },
		{ "{\"vulnerabilities\":{}}", PSIRT_EINVAL, 0, "byte 19: \"vulnerabilities\" must be an array" },
		{ "{\"vulnerabilities\":[1]}", PSIRT_EINVAL, 0,
		  "byte 20: an array of objects holds a scalar" },
		{ "{\"id\":\"CVE-2020-0001\",\"lastModified\":\"2020-01-01\",\"metrics\":{\"cvssMetricV31\""
		  ":[{\"cvssData\":{\"baseScore\":\"9.8\"}}]}}",
		  PSIRT_EINVAL, 0, "byte 107: CVE-2020-0001: \"baseScore\" must be a number" },
		{ "{\"id\":\"CVE-2020-0001\",\"lastModified\":\"2020-01-01\",\"configurations\":[{\"nodes\""
		  ":[{\"cpeMatch\":[]}]}]}",
		  PSIRT_EINVAL, 0, "byte 92: CVE-2020-0001: configuration node without \"operator\"" },
		{ "{\"id\":\"CVE-2020-0001\",\"lastModified\":\"2020-01-01\",\"references\":[{\"tags\":[]}]}",
		  PSIRT_EINVAL, 0, "byte 74: CVE-2020-0001: reference without \"url\"" },
		{ "{\"id\":\"CVE-2020-0001\",\"lastModified\":\"2020-01-01\",\"descriptions\":"
		  "[{\"lang\":\"en\"}]}",
		  PSIRT_EINVAL, 0, "byte 78: CVE-2020-0001: description without \"value\"" },
		{ "{\"id\":\"CVE-2020-0001\"", PSIRT_EINVAL, 0,
		  "byte 21: CVE-2020-0001: invalid JSON: parse error: premature EOF" },
		{ "{\"vulnerabilities\":[]} {}", PSIRT_EINVAL, 0,
		  "byte 23: invalid JSON: parse error: trailing garbage" },
		{ "", PSIRT_EINVAL, 0, "byte 0: empty document" },
		{ "\xEF\xBB", PSIRT_EINVAL, 0,
		  "byte 0: invalid JSON: lexical error: invalid char in json text." },
		{ "\xEF\xBB\xBF[", PSIRT_EINVAL, 0,
		  "byte 3: not an NVD CVE API 2.0 document (an array, not an object)" },
	};
	struct ts_suite suite = { "nvd parser cases", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long n = 0;
		struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = psirt_feed_parse_buffer(PSIRT_FEED_NVD, &sink, NULL, cases[i].json,
		                                             strlen(cases[i].json), &d);
		char *line = err ? psirt_diag_format(&d) : NULL;

		ts_case(&suite,
		        err == cases[i].err && n == cases[i].records &&
		                (!cases[i].message || (line && !strcmp(line, cases[i].message))),
		        "case %zu: %s, %lu records: %s", i, psirt_errname(err), n, line ? line : "");
		free(line);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
}

/* Limits: nesting depth, one huge token. */
static void test_limits(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	unsigned long n = 0;
	struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
	int i;

	psirt_buf_adds(&b, "{\"x\":");
	for (i = 0; i < 100; i++)
		psirt_buf_addch(&b, '[');
	assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_NVD, &sink, NULL, b.p, b.len, &d),
	                 PSIRT_ETOOBIG);
	assert_string_equal(d.message, "nesting deeper than 64 levels");
	psirt_diag_release(&d);

	psirt_buf_release(&b);
	psirt_buf_adds(&b, "{\"vulnerabilities\":[],\"x\":\"");
	psirt_buf_grow(&b, (size_t)PSIRT_FEED_MAX_TOKEN + 100);
	memset(b.p + b.len, 'a', (size_t)PSIRT_FEED_MAX_TOKEN + 10);
	b.len += (size_t)PSIRT_FEED_MAX_TOKEN + 10;
	{
		struct psirt_feed_parser *p;
		size_t off;

		assert_int_equal(psirt_feed_parser_new(PSIRT_FEED_NVD, &sink, NULL, &p, &d), PSIRT_OK);
		for (off = 0; off < b.len; off += 1 << 20) {
			if (psirt_feed_parser_push(p, b.p + off, b.len - off < (1u << 20) ? b.len - off
			                                                                    : 1u << 20,
			                           &d))
				break;
		}
		assert_int_equal(d.code, PSIRT_ETOOBIG);
		psirt_feed_parser_free(p);
	}
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

/* A callback's error stops the parse and comes back unchanged. */
static void test_callback_error(void **state)
{
	struct tss_collect c = { PSIRT_BUF_INIT, PSIRT_MAP_INIT, 0, PSIRT_ESTORE, "CVE-2016-7406" };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t len;
	char *data = ts_read_file("nvd/nvd-cves-iot.json", &len);

	assert_int_equal(parse_chunked(&c, data, len, 4096, &d), PSIRT_ESTORE);
	assert_string_equal(d.message, "callback refused CVE-2016-7406");
	assert_int_equal(c.n, 2);
	psirt_diag_release(&d);
	tss_collect_release(&c);
	free(data);
}

/* A store error on the store thread (a trigger refuses one record, in the
 * middle of the file and at its end) stops the import with that error and
 * leaves the store as it was. */
static void test_store_error(void **state)
{
	static const char *const victims[] = { "CVE-2016-7406", "CVE-2023-38545" };
	struct ts_suite suite = { "nvd store errors", 0, 0 };
	size_t i;

	for (i = 0; i < 2; i++) {
		char path[128], sql[256], *before, *after, *line;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_feed_stats st = { 0 };
		struct psirt_store *s;
		sqlite3 *db;
		enum psirt_err err;

		snprintf(path, sizeof path, "/tmp/psirt-test-nvd-%ld-%zu.db", (long)getpid(), i);
		unlink(path);
		assert_int_equal(psirt_store_open(path, PSIRT_STORE_CREATE, &s, &d), PSIRT_OK);
		psirt_store_close(s);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		snprintf(sql, sizeof sql,
		         "CREATE TRIGGER refuse BEFORE INSERT ON source_record"
		         " WHEN NEW.record_id = '%s' BEGIN SELECT RAISE(ABORT, 'refused by the test');"
		         " END",
		         victims[i]);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		assert_int_equal(psirt_store_open(path, 0, &s, &d), PSIRT_OK);
		before = tss_dump(s);
		err = tss_import(s, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &st, &d);
		line = tss_diag_line(&d);
		after = tss_dump(s);
		ts_case(&suite, err == PSIRT_ESTORE && st.errors == 1 && st.records == 0, "%s: %s",
		        victims[i], psirt_errname(err));
		ts_case(&suite, line && strstr(line, "refused by the test") && d.where &&
		                        !strcmp(d.where, victims[i]),
		        "%s: got '%s'", victims[i], line ? line : "");
		ts_case(&suite, !strcmp(before, after), "%s: store changed", victims[i]);
		free(line);
		free(before);
		free(after);
		psirt_diag_release(&d);
		psirt_store_close(s);
		unlink(path);
		snprintf(sql, sizeof sql, "%s-wal", path);
		unlink(sql);
		snprintf(sql, sizeof sql, "%s-shm", path);
		unlink(sql);
	}
	ts_suite_end(&suite);
}

/* The criteria columns come from the CPE module: every spelling of a name
 * gives the same formatted-string columns, and what is no CPE name none. */
static void test_cpe_split(void **state)
{
	static const struct {
		const char *criteria;
		const char *part, *vendor, *product, *version, *update;
	} rows[] = {
		{ "cpe:2.3:a:treck:tcp\\/ip:*:*:*:*:*:*:*:*", "a", "treck", "tcp\\/ip", "*", "*" },
		{ "cpe:2.3:a:openssl:openssl:3.2.0:-:*:*:*:*:*:*", "a", "openssl", "openssl", "3.2.0", "-" },
		{ "cpe:2.3:a:cisco:ios:15.1\\(4\\)m3:*:*:*:*:*:*:*", "a", "cisco", "ios", "15.1\\(4\\)m3",
		  "*" },
		/* JVN writes CPE 2.2 URIs: the same columns as the 2.3 name */
		{ "cpe:/a:cybozu:garoon:4.0", "a", "cybozu", "garoon", "4.0", "*" },
		{ "cpe:/o:tp-link:archer_ax21_firmware", "o", "tp-link", "archer_ax21_firmware", "*", "*" },
		{ "cpe:/:sun", "*", "sun", "*", "*", "*" },
		{ "wfn:[part=\"h\",vendor=\"tp\\-link\",product=\"archer_ax21\",version=NA]", "h",
		  "tp-link", "archer_ax21", "-", "*" },
		/* not CPE names */
		{ "cpe:2.3:a:soap::lite_project:soap::lite:*:*:*:*:*:perl:*:*", NULL, NULL, NULL, NULL, NULL },
		{ "cpe:2.3:a:x", NULL, NULL, NULL, NULL, NULL },
		{ "", NULL, NULL, NULL, NULL, NULL },
	};
	struct psirt_arena a;
	size_t i;

	(void)state;
	psirt_arena_init(&a, 0);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct psirt_vuln_cpe_match m = { 0 };
		const char *want[5] = { rows[i].part, rows[i].vendor, rows[i].product, rows[i].version,
			                rows[i].update };
		const char *got[5];
		int k;

		assert_int_equal(feed__cpe_split(&a, rows[i].criteria, &m), PSIRT_OK);
		got[0] = m.part;
		got[1] = m.vendor;
		got[2] = m.product;
		got[3] = m.version;
		got[4] = m.update;
		for (k = 0; k < 5; k++) {
			if (!want[k]) {
				assert_null(got[k]);
			} else {
				assert_non_null(got[k]);
				assert_string_equal(got[k], want[k]);
			}
		}
	}
	psirt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_golden),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_store_roundtrip),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test(test_edge_folder),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_reimport_idempotent),
		cmocka_unit_test(test_update_ordering),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_zip),
		cmocka_unit_test(test_parser_cases),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_callback_error),
		cmocka_unit_test(test_store_error),
		cmocka_unit_test(test_cpe_split),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
