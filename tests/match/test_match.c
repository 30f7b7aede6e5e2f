/* Accuracy tests of the matching engine on real records.
 *
 * The knowledge base: the NVD records of tests/data/nvd (113 IoT CVEs and 84
 * from other tools' fixtures, imported with the NVD importer), the OSV
 * records of tests/data/osv/match (stored through psirt_store_vuln_upsert:
 * the OSV importer lives on another branch), and a few records made by hand
 * where real data has no example (each says so). Every case names the
 * component, the expected set of vulnerabilities, and why each answer is
 * right, with the bounds the records give; the edges of each bound kind are
 * tried from both sides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "match/internal.h"
#include "psirt/isotime.h"
#include "psirt/match.h"
#include "support/store_support.h"
#include "support/support.h"

/* ---- building the knowledge base --------------------------------------- */

static struct psirt_arena osv_arena;

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? psirt_arena_strdup(&osv_arena, json_string_value(v)) : NULL;
}

static const char *canon(const char *t)
{
	char out[PSIRT_ISOTIME_LEN + 1];

	if (!t || psirt_isotime_parse(t, strlen(t), out))
		fail_msg("bad timestamp %s", t ? t : "(none)");
	return psirt_arena_strdup(&osv_arena, out);
}

static struct psirt_vuln_str *strs(json_t *arr)
{
	struct psirt_vuln_str *head = NULL, **tail = &head, *s;
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		s = psirt_arena_calloc(&osv_arena, 1, sizeof *s);
		s->value = psirt_arena_strdup(&osv_arena, json_string_value(v));
		*tail = s;
		tail = &s->next;
	}
	return head;
}

/* An OSV record (schema 1.x) as the store's model: what the matcher reads. */
static void store_osv(struct psirt_store *st, const char *file)
{
	json_t *doc = ts_load_json(file), *aff, *a, *r, *ev, *kv;
	struct psirt_vuln_record rec;
	struct psirt_vuln_package **ptail;
	enum psirt_store_outcome out;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i, j, k;
	const char *key;

	memset(&rec, 0, sizeof rec);
	rec.source = PSIRT_VULN_SRC_OSV;
	rec.id = jstr(doc, "id");
	/* golang/vulndb writes the zero time "0001-01-01T00:00:00Z" as modified,
	 * which psirt's clock cannot hold: the published date stands in */
	if (!strncmp(jstr(doc, "modified"), "0001-", 5))
		rec.modified = canon(jstr(doc, "published"));
	else
		rec.modified = canon(jstr(doc, "modified"));
	rec.aliases = strs(json_object_get(doc, "aliases"));
	if (jstr(doc, "withdrawn")) {
		rec.withdrawn = 1;
		rec.withdrawn_at = canon(jstr(doc, "withdrawn"));
	}
	ptail = &rec.packages;
	aff = json_object_get(doc, "affected");
	json_array_foreach(aff, i, a) {
		struct psirt_vuln_package *p = psirt_arena_calloc(&osv_arena, 1, sizeof *p);
		struct psirt_vuln_range **rtail = &p->ranges;
		json_t *pkg = json_object_get(a, "package");

		p->ecosystem = jstr(pkg, "ecosystem");
		p->name = jstr(pkg, "name");
		p->purl = jstr(pkg, "purl");
		p->versions = strs(json_object_get(a, "versions"));
		json_array_foreach(json_object_get(a, "ranges"), j, r) {
			struct psirt_vuln_range *rg = psirt_arena_calloc(&osv_arena, 1, sizeof *rg);
			struct psirt_vuln_event **etail = &rg->events;

			rg->type = jstr(r, "type");
			rg->repo = jstr(r, "repo");
			json_array_foreach(json_object_get(r, "events"), k, ev) {
				json_object_foreach(ev, key, kv) {
					struct psirt_vuln_event *e = psirt_arena_calloc(&osv_arena, 1, sizeof *e);

					e->kind = psirt_arena_strdup(&osv_arena, key);
					e->value = psirt_arena_strdup(&osv_arena, json_string_value(kv));
					*etail = e;
					etail = &e->next;
				}
			}
			*rtail = rg;
			rtail = &rg->next;
		}
		*ptail = p;
		ptail = &p->next;
	}
	if (psirt_store_vuln_upsert(st, &rec, &out, &d))
		fail_msg("%s: %s", file, d.message);
	json_decref(doc);
}

/* A hand-made NVD-style record: one configuration. */
struct hm_match {
	int vulnerable;
	const char *criteria, *start_incl, *end_excl, *end_incl;
};

static void store_handmade(struct psirt_store *st, enum psirt_vuln_source src, const char *id,
                           int withdrawn, enum psirt_vuln_op op, const struct hm_match *m1,
                           size_t n1, int negate1, const struct hm_match *m2, size_t n2,
                           int negate2)
{
	struct psirt_vuln_record rec;
	struct psirt_vuln_config *cfg = psirt_arena_calloc(&osv_arena, 1, sizeof *cfg);
	struct psirt_vuln_node *nodes = psirt_arena_calloc(&osv_arena, 2, sizeof *nodes);
	const struct hm_match *lists[2] = { m1, m2 };
	size_t counts[2] = { n1, n2 }, i, k;
	enum psirt_store_outcome out;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	memset(&rec, 0, sizeof rec);
	rec.source = src;
	rec.id = id;
	rec.modified = "2026-01-01T00:00:00.000Z";
	rec.withdrawn = withdrawn;
	rec.status = withdrawn ? "Rejected" : "Analyzed";
	rec.configs = cfg;
	cfg->op = m2 ? op : PSIRT_VULN_OP_NONE;
	cfg->nodes = &nodes[0];
	nodes[0].op = PSIRT_VULN_OP_OR;
	nodes[0].negate = negate1;
	if (m2) {
		nodes[0].next = &nodes[1];
		nodes[1].op = PSIRT_VULN_OP_OR;
		nodes[1].negate = negate2;
	}
	for (k = 0; k < 2; k++) {
		struct psirt_vuln_cpe_match **tail = &nodes[k].matches;

		for (i = 0; lists[k] && i < counts[k]; i++) {
			struct psirt_vuln_cpe_match *m = psirt_arena_calloc(&osv_arena, 1, sizeof *m);

			m->vulnerable = lists[k][i].vulnerable;
			m->criteria = lists[k][i].criteria;
			m->version_start_including = lists[k][i].start_incl;
			m->version_end_excluding = lists[k][i].end_excl;
			m->version_end_including = lists[k][i].end_incl;
			*tail = m;
			tail = &m->next;
		}
	}
	if (psirt_store_vuln_upsert(st, &rec, &out, &d))
		fail_msg("%s: %s", id, d.message);
}

static void import_nvd(struct psirt_store *st, const char *file)
{
	struct psirt_feed_stats fs = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (tss_import(st, PSIRT_FEED_NVD, file, &fs, &d))
		fail_msg("%s: %s", file, d.message);
}

/* A vuls-data-update edge fixture of tests/data/nvd/edge by its tail. */
#define EDGE(tail) \
	("nvd/edge/MaineK00n+vuls-data-update_pkg_extract_nvd_feed_cve_v2_testdata_fixtures_" tail)

static const char *const nvd_files[] = {
	"nvd/nvd-cves-iot.json",
	"nvd/nvd-cves-iot-2.json.xz",
	"nvd/nvd-cves-fixtures.json.gz",
	"nvd/rejected/CVE-2021-29633.json",
	/* firmware with sw_edition "standard" on hardware (hand-edited by
	 * vuls-data-update's authors from the real CVE-2024-2049) */
	EDGE("and-vulnerable-mixed_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-2049.json"),
	/* a criteria that is no CPE name: must be reported, never matched */
	"nvd/edge/anchore+grype_grype_db_v6_build_transformers_nvd_testdata_invalid_cpe.json",
};

static const char *const osv_files[] = {
	"osv/match/DSA-5474-1.json",   "osv/match/CVE-2024-10524.json", "osv/match/OSV-2021-1807.json",
	"osv/match/OSV-2018-13.json",  "osv/match/PYSEC-2021-59.json",  "osv/match/GO-2020-0001.json",
	/* OSS-Fuzz tag lists, and a Linux record reached by its repository */
	"osv/match/OSV-2022-312.json",  "osv/match/OSV-2017-79.json",   "osv/match/OSV-2018-153.json",
	"osv/match/OSV-2020-2134.json", "osv/match/GSD-2023-1002422.json",
};

static void handmade(struct psirt_store *st)
{
	/* HAND-MADE: "netlib before 2.0 is vulnerable, except on gateway_x" —
	 * an AND of a vulnerable node and a negated platform node (NVD has
	 * such configurations only in its old data; none is in our samples) */
	static const struct hm_match lib[] = {
		{ 1, "cpe:2.3:a:acme:netlib:*:*:*:*:*:*:*:*", NULL, "2.0", NULL },
	};
	static const struct hm_match gw[] = {
		{ 0, "cpe:2.3:h:acme:gateway_x:-:*:*:*:*:*:*:*", NULL, NULL, NULL },
	};
	/* HAND-MADE: a rejected CVE that still carries a configuration (NVD
	 * empties them on rejection; a source may not) */
	static const struct hm_match rej[] = {
		{ 1, "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*", NULL, NULL, "1.99.0" },
	};
	/* HAND-MADE: unusable versions, reported once and never matched */
	static const struct hm_match bad[] = {
		{ 1, "cpe:2.3:a:acme:badlib:*:*:*:*:*:*:*:*", NULL, "1.0 beta", NULL },
		{ 1, "cpe:2.3:a:acme:badlib:1.\\*x:*:*:*:*:*:*:*", NULL, NULL, NULL },
		{ 1, "cpe:2.3:a:acme:goodlib:*:*:*:*:*:*:*:*", NULL, "3.0", NULL },
	};
	/* HAND-MADE: JVN-style CPE 2.2 names without versions: one for a
	 * product, one for a whole vendor */
	static const struct hm_match jvn[] = {
		{ 1, "cpe:/a:acme:webcam_viewer", NULL, NULL, NULL },
		{ 1, "cpe:/:acmecorp", NULL, NULL, NULL },
	};
	/* HAND-MADE: a node.js package's criterion: bounds in SemVer order */
	static const struct hm_match node[] = {
		{ 1, "cpe:2.3:a:acme:widget:*:*:*:*:*:node.js:*:*", NULL, "1.0.0", NULL },
		{ 1, "cpe:2.3:a:acme:gadget:*:*:*:*:*:*:*:*", NULL, "1.0.0", NULL },
	};

	store_handmade(st, PSIRT_VULN_SRC_NVD, "CVE-2099-0001", 0, PSIRT_VULN_OP_AND, lib, 1, 0, gw,
	               1, 1);
	store_handmade(st, PSIRT_VULN_SRC_NVD, "CVE-2099-0002", 1, PSIRT_VULN_OP_NONE, rej, 1, 0,
	               NULL, 0, 0);
	store_handmade(st, PSIRT_VULN_SRC_NVD, "CVE-2099-0003", 0, PSIRT_VULN_OP_NONE, bad, 3, 0,
	               NULL, 0, 0);
	store_handmade(st, PSIRT_VULN_SRC_JVN, "JVNDB-2099-000001", 0, PSIRT_VULN_OP_NONE, jvn, 2, 0,
	               NULL, 0, 0);
	store_handmade(st, PSIRT_VULN_SRC_NVD, "CVE-2099-0004", 0, PSIRT_VULN_OP_NONE, node, 2, 0,
	               NULL, 0, 0);
}

/* The knowledge base, with files in the given order (forward or backward:
 * the determinism test builds both). */
static struct psirt_store *build_store(int backward)
{
	struct psirt_store *st = tss_store();
	size_t n = sizeof nvd_files / sizeof nvd_files[0], m = sizeof osv_files / sizeof osv_files[0];
	size_t i;

	if (backward)
		handmade(st);
	for (i = 0; i < m; i++)
		store_osv(st, osv_files[backward ? m - 1 - i : i]);
	for (i = 0; i < n; i++)
		import_nvd(st, nvd_files[backward ? n - 1 - i : i]);
	if (!backward)
		handmade(st);
	return st;
}

static struct psirt_match_index *load(struct psirt_store *st)
{
	struct psirt_match_index *idx = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (psirt_match_index_load(st, &idx, &d))
		fail_msg("index: %s", d.message);
	return idx;
}

static struct psirt_store *kb;
static struct psirt_match_index *kbx;

static int setup(void **state)
{
	(void)state;
	psirt_arena_init(&osv_arena, 0);
	kb = build_store(0);
	kbx = load(kb);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	psirt_match_index_free(kbx);
	psirt_store_close(kb);
	psirt_arena_release(&osv_arena);
	return 0;
}

/* ---- cases ------------------------------------------------------------- */

struct mcase {
	const char *why;      /* why the answer is right */
	const char *purl;
	const char *cpe;
	const char *name, *version;
	const char *commit, *repo;
	const char *hardware, *firmware;
	const char *want;     /* the vulnerabilities, sorted, space-separated ("" none) */
	const char *conf;     /* each finding's confidence in order, or NULL: not checked */
};

/* "CVE-a CVE-b" and "high medium" of the results. */
static void summarise(const struct psirt_match_results *res, struct psirt_buf *vulns,
                      struct psirt_buf *confs)
{
	size_t i;

	psirt_buf_reset(vulns);
	psirt_buf_reset(confs);
	for (i = 0; i < res->n; i++) {
		if (!i || strcmp(res->findings[i].vuln, res->findings[i - 1].vuln))
			psirt_buf_addf(vulns, "%s%s", vulns->len ? " " : "", res->findings[i].vuln);
		psirt_buf_addf(confs, "%s%s", i ? " " : "",
		               psirt_match_confidence_name(res->findings[i].confidence));
	}
}

static void run_cases(const char *suite, const struct mcase *cases, size_t n)
{
	struct ts_suite st = { suite, 0, 0 };
	struct psirt_buf vulns = PSIRT_BUF_INIT, confs = PSIRT_BUF_INIT;
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct mcase *c = &cases[i];
		struct psirt_match_subject s;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		const char *cpes[1] = { c->cpe }, *hw[1] = { c->hardware };
		enum psirt_err err;

		memset(&s, 0, sizeof s);
		s.purl = c->purl;
		s.cpes = cpes;
		s.ncpes = c->cpe ? 1 : 0;
		s.name = c->name;
		s.version = c->version;
		s.commit = c->commit;
		s.repo = c->repo;
		s.hardware = hw;
		s.nhardware = c->hardware ? 1 : 0;
		s.firmware = c->firmware;
		err = psirt_match_component(kbx, &s, &res, &d);
		summarise(&res, &vulns, &confs);
		ts_case(&st,
		        !err && !strcmp(vulns.p, c->want) && (!c->conf || !strcmp(confs.p, c->conf)),
		        "%s: %s %s %s %s %s: got [%s] (%s), want [%s] (%s)%s%s", c->why,
		        c->purl ? c->purl : "", c->cpe ? c->cpe : "", c->name ? c->name : "",
		        c->version ? c->version : "", c->firmware ? c->firmware : "", vulns.p, confs.p,
		        c->want, c->conf ? c->conf : "-", err ? ": " : "", err ? d.message : "");
		psirt_diag_release(&d);
	}
	psirt_match_results_release(&res);
	psirt_buf_release(&vulns);
	psirt_buf_release(&confs);
	ts_suite_end(&st);
}

#define RUN(suite, cases) run_cases(suite, cases, sizeof cases / sizeof cases[0])
#define OSSL(v) "cpe:2.3:a:openssl:openssl:" v ":*:*:*:*:*:*:*"

/* OpenSSL's criteria in the records (all `*` with bounds):
 *   CVE-2014-0224  < 0.9.8za; [1.0.0, 1.0.0m); [1.0.1, 1.0.1h)
 *   CVE-2022-0778  [1.0.2, 1.0.2zd); [1.1.0, 1.1.1n); [3.0.0, 3.0.2)
 *   CVE-2022-3602  [3.0.0, 3.0.7)
 *   CVE-2023-0286  [1.0.2, 1.0.2zg); [1.1.1, 1.1.1t); [3.0.0, 3.0.8)
 *   CVE-2024-0727  [1.0.2, 1.0.2zj); [1.1.1, 1.1.1x); [3.0.0, 3.0.13); [3.1.0, 3.1.5);
 *                  and exactly 3.2.0 with update "-"
 * OpenSSL's letter releases order as the project numbers them: 1.0.2z <
 * 1.0.2za < ... (generic scheme: a longer word after its prefix). */
static void test_openssl(void **state)
{
	static const struct mcase cases[] = {
		{ "1.1.1s: inside [1.1.1, 1.1.1t) of CVE-2023-0286 and [1.1.1, 1.1.1x) of "
		  "CVE-2024-0727; above 1.1.1n, the end of CVE-2022-0778",
		  NULL, OSSL("1.1.1s"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2023-0286 CVE-2024-0727", "high high" },
		{ "1.1.1t: the versionEndExcluding of CVE-2023-0286 itself is fixed",
		  NULL, OSSL("1.1.1t"), NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2024-0727", "high" },
		{ "1.1.1m: just below CVE-2022-0778's 1.1.1n, so all three",
		  NULL, OSSL("1.1.1m"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2022-0778 CVE-2023-0286 CVE-2024-0727", NULL },
		{ "1.1.1n: CVE-2022-0778's end excluding, fixed there",
		  NULL, OSSL("1.1.1n"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2023-0286 CVE-2024-0727", NULL },
		{ "1.0.2zf: two letters, below 1.0.2zg (CVE-2023-0286) and 1.0.2zj (CVE-2024-0727), "
		  "above 1.0.2zd (CVE-2022-0778)",
		  NULL, OSSL("1.0.2zf"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2023-0286 CVE-2024-0727", NULL },
		{ "1.0.2zg: CVE-2023-0286's end excluding",
		  NULL, OSSL("1.0.2zg"), NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2024-0727", NULL },
		{ "1.0.2: the versionStartIncluding of three records is included",
		  NULL, OSSL("1.0.2"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2022-0778 CVE-2023-0286 CVE-2024-0727", NULL },
		{ "1.0.1z: below every start 1.0.2 and above 1.0.1h",
		  NULL, OSSL("1.0.1z"), NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "0.9.8y: below 0.9.8za (y < za), CVE-2014-0224",
		  NULL, OSSL("0.9.8y"), NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2014-0224", NULL },
		{ "0.9.8za: the fix", NULL, OSSL("0.9.8za"), NULL, NULL, NULL, NULL, NULL, NULL, "",
		  NULL },
		{ "3.0.6: below CVE-2022-3602's 3.0.7", NULL, OSSL("3.0.6"), NULL, NULL, NULL, NULL, NULL,
		  NULL, "CVE-2022-3602 CVE-2023-0286 CVE-2024-0727", NULL },
		{ "3.0.7: CVE-2022-3602 fixed, 3.0.7 < 3.0.8 and < 3.0.13", NULL, OSSL("3.0.7"), NULL,
		  NULL, NULL, NULL, NULL, NULL, "CVE-2023-0286 CVE-2024-0727", NULL },
		{ "3.0.13: no longer below CVE-2024-0727's 3.0.13 (a two-digit number after 8)",
		  NULL, OSSL("3.0.13"), NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "3.2.0 with update '-': exactly CVE-2024-0727's criterion 3.2.0:-",
		  NULL, "cpe:2.3:a:openssl:openssl:3.2.0:-:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "CVE-2024-0727", "high" },
		{ "3.2.0 with update '*': an SBOM's way of naming the 3.2.0 release, which NVD "
		  "writes 3.2.0:- (src/match/cpe.c)",
		  NULL, OSSL("3.2.0"), NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2024-0727", "high" },
		{ "3.2.0 with update 'alpha1': DISJOINT from '-'",
		  NULL, "cpe:2.3:a:openssl:openssl:3.2.0:alpha1:*:*:*:*:*:*", NULL, NULL, NULL, NULL,
		  NULL, NULL, "", NULL },
		{ "3.2.1: no criterion", NULL, OSSL("3.2.1"), NULL, NULL, NULL, NULL, NULL, NULL, "",
		  NULL },
		{ "a CPE 2.2 URI is the same name", NULL, "cpe:/a:openssl:openssl:1.1.1t", NULL, NULL,
		  NULL, NULL, NULL, NULL, "CVE-2024-0727", "high" },
		{ "name guess 'OpenSSL' 1.1.1s: the table maps it to openssl:openssl; low confidence",
		  NULL, NULL, "OpenSSL", "1.1.1s", NULL, NULL, NULL, NULL,
		  "CVE-2023-0286 CVE-2024-0727", "low low" },
		{ "a CPE without a version matches no bounded criterion",
		  NULL, OSSL("*"), NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
	};

	(void)state;
	RUN("openssl", cases);
}

#define BB(v) "cpe:2.3:a:busybox:busybox:" v ":*:*:*:*:*:*:*"

/* BusyBox's criteria:
 *   CVE-2018-1000500  < 1.32.0        CVE-2018-1000517  < 1.29.0
 *   CVE-2019-5747     <= 1.30.0       CVE-2021-42374    [1.27.0, 1.33.1]
 *   CVE-2021-42376    [1.16.0, 1.34.0) CVE-2021-42378/42386 [1.16.0, 1.33.1]
 *   CVE-2022-28391    <= 1.35.0       CVE-2022-48174    <= 1.36.1
 * BusyBox tags its releases 1_36_1; the generic scheme reads that as 1.36.1. */
static void test_busybox(void **state)
{
	static const struct mcase cases[] = {
		{ "1.33.1: the versionEndIncluding of three records is included; below 1.34.0, "
		  "1.35.0, 1.36.1; above 1.32.0, 1.29.0, 1.30.0",
		  NULL, BB("1.33.1"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2021-42374 CVE-2021-42376 CVE-2021-42378 CVE-2021-42386 CVE-2022-28391 "
		  "CVE-2022-48174",
		  NULL },
		{ "1.33.2: just past the inclusive 1.33.1", NULL, BB("1.33.2"), NULL, NULL, NULL, NULL,
		  NULL, NULL, "CVE-2021-42376 CVE-2022-28391 CVE-2022-48174", NULL },
		{ "1.26.2: below CVE-2021-42374's start 1.27.0, inside the others",
		  NULL, BB("1.26.2"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2018-1000500 CVE-2018-1000517 CVE-2019-5747 CVE-2021-42376 CVE-2021-42378 "
		  "CVE-2021-42386 CVE-2022-28391 CVE-2022-48174",
		  NULL },
		{ "1.27.0: CVE-2021-42374's versionStartIncluding", NULL, BB("1.27.0"), NULL, NULL, NULL,
		  NULL, NULL, NULL,
		  "CVE-2018-1000500 CVE-2018-1000517 CVE-2019-5747 CVE-2021-42374 CVE-2021-42376 "
		  "CVE-2021-42378 CVE-2021-42386 CVE-2022-28391 CVE-2022-48174",
		  NULL },
		{ "1.36.1: CVE-2022-48174's inclusive end only", NULL, BB("1.36.1"), NULL, NULL, NULL,
		  NULL, NULL, NULL, "CVE-2022-48174", "high" },
		{ "1.36.2: after every bound", NULL, BB("1.36.2"), NULL, NULL, NULL, NULL, NULL, NULL, "",
		  NULL },
		{ "the release tag 1_33_1 is release 1.33.1", NULL, BB("1_33_1"), NULL, NULL, NULL, NULL,
		  NULL, NULL,
		  "CVE-2021-42374 CVE-2021-42376 CVE-2021-42378 CVE-2021-42386 CVE-2022-28391 "
		  "CVE-2022-48174",
		  NULL },
		{ "v1.36.1 is 1.36.1", NULL, BB("v1.36.1"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2022-48174", NULL },
		{ "name guess busybox 1.36.1: the same records, low confidence; the rejected "
		  "CVE-2099-0002 (<= 1.99.0, HAND-MADE) is not among them",
		  NULL, NULL, "busybox", "1.36.1", NULL, NULL, NULL, NULL, "CVE-2022-48174", "low" },
		{ "a purl stops the name guess: busybox has no package statement",
		  "pkg:generic/busybox@1.36.1", NULL, "busybox", "1.36.1", NULL, NULL, NULL, NULL, "",
		  NULL },
	};

	(void)state;
	RUN("busybox", cases);
}

#define DM(v) "cpe:2.3:a:thekelleys:dnsmasq:" v ":*:*:*:*:*:*:*"

/* dnsmasq's criteria:
 *   CVE-2017-14491 <= 2.77; CVE-2020-25681/25682/25683/25684/25687 < 2.83;
 *   CVE-2021-3448 < 2.85; CVE-2022-0934 < 2.87; CVE-2023-28450 < 2.90
 * 2.9 would be 2.90's neighbour if read as a decimal; it is 2.9 < 2.10. */
static void test_dnsmasq(void **state)
{
	static const struct mcase cases[] = {
		{ "2.82: below every excluding end but 2.77", NULL, DM("2.82"), NULL, NULL, NULL, NULL,
		  NULL, NULL,
		  "CVE-2020-25681 CVE-2020-25682 CVE-2020-25683 CVE-2020-25684 CVE-2020-25687 "
		  "CVE-2021-3448 CVE-2022-0934 CVE-2023-28450",
		  NULL },
		{ "2.83: the DNSpooq fix", NULL, DM("2.83"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2021-3448 CVE-2022-0934 CVE-2023-28450", NULL },
		{ "2.77: CVE-2017-14491's inclusive end too", NULL, DM("2.77"), NULL, NULL, NULL, NULL,
		  NULL, NULL,
		  "CVE-2017-14491 CVE-2020-25681 CVE-2020-25682 CVE-2020-25683 CVE-2020-25684 "
		  "CVE-2020-25687 CVE-2021-3448 CVE-2022-0934 CVE-2023-28450",
		  NULL },
		{ "2.89: only below 2.90", NULL, DM("2.89"), NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2023-28450", NULL },
		{ "2.90: fixed everywhere", NULL, DM("2.90"), NULL, NULL, NULL, NULL, NULL, NULL, "",
		  NULL },
		{ "name guess dnsmasq 2.86: table maps it to thekelleys:dnsmasq",
		  NULL, NULL, "dnsmasq", "2.86", NULL, NULL, NULL, NULL, "CVE-2022-0934 CVE-2023-28450",
		  "low low" },
		{ "name guess without table entry: 'lighttpd' is a product name of the NVD; 1.4.63 is "
		  "CVE-2022-22707's inclusive end [1.4.46, 1.4.63] and inside CVE-2022-41556's "
		  "[1.4.56, 1.4.67), above CVE-2019-11072's 1.4.53 and CVE-2018-19052's 1.4.50",
		  NULL, NULL, "lighttpd", "1.4.63", NULL, NULL, NULL, NULL, "CVE-2022-22707 CVE-2022-41556",
		  "low low" },
	};

	(void)state;
	RUN("dnsmasq and name guesses", cases);
}

/* Configurations with platforms. */
static void test_platforms(void **state)
{
	static const struct mcase cases[] = {
		{ "CVE-2017-14491 configuration 11: ruggedcom_rm1224_firmware < 5.0 AND hardware "
		  "ruggedcom_rm1224: the product's firmware 4.3 on that hardware",
		  NULL, NULL, NULL, NULL, NULL, NULL, "cpe:2.3:h:siemens:ruggedcom_rm1224:-:*:*:*:*:*:*:*",
		  "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:4.3:*:*:*:*:*:*:*", "CVE-2017-14491",
		  "high" },
		{ "the same firmware without the hardware: the platform node fails",
		  NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:4.3:*:*:*:*:*:*:*", "", NULL },
		{ "firmware 5.0 on the hardware: the excluding end", NULL, NULL, NULL, NULL, NULL, NULL,
		  "cpe:2.3:h:siemens:ruggedcom_rm1224:-:*:*:*:*:*:*:*",
		  "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:5.0:*:*:*:*:*:*:*", "", NULL },
		{ "CVE-2023-1389: Archer AX21 firmware 1.1.3 < 1.1.4 on its hardware",
		  NULL, NULL, NULL, NULL, NULL, NULL, "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*",
		  "cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*", "CVE-2023-1389", "high" },
		{ "hardware named with a revision 'v1' where NVD says '-': medium",
		  NULL, NULL, NULL, NULL, NULL, NULL, "cpe:2.3:h:tp-link:archer_ax21:v1:*:*:*:*:*:*:*",
		  "cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*", "CVE-2023-1389",
		  "medium" },
		{ "CVE-2017-17215: hg532_firmware '-' (no versions given) on hg532: any firmware "
		  "version, medium",
		  NULL, NULL, NULL, NULL, NULL, NULL, "cpe:2.3:h:huawei:hg532:-:*:*:*:*:*:*:*",
		  "cpe:2.3:o:huawei:hg532_firmware:v100r001c01b016:*:*:*:*:*:*:*", "CVE-2017-17215",
		  "medium" },
		{ "CVE-2024-2049 (hand-edited fixture): firmware criterion names sw_edition "
		  "'standard', the product's CPE leaves it open: medium",
		  NULL, NULL, NULL, NULL, NULL, NULL, "cpe:2.3:h:citrix:sd-wan_1000:-:*:*:*:*:*:*:*",
		  "cpe:2.3:o:citrix:sd-wan_1000_firmware:11.4.1:*:*:*:*:*:*:*", "CVE-2024-2049",
		  "medium" },
		{ "the same with sw_edition 'standard' on both: high", NULL, NULL, NULL, NULL, NULL, NULL,
		  "cpe:2.3:h:citrix:sd-wan_1000:-:*:*:*:standard:*:*:*",
		  "cpe:2.3:o:citrix:sd-wan_1000_firmware:11.4.1:*:*:*:standard:*:*:*", "CVE-2024-2049",
		  "high" },
		{ "sw_edition 'enterprise': DISJOINT", NULL, NULL, NULL, NULL, NULL, NULL,
		  "cpe:2.3:h:citrix:sd-wan_1000:-:*:*:*:standard:*:*:*",
		  "cpe:2.3:o:citrix:sd-wan_1000_firmware:11.4.1:*:*:*:enterprise:*:*:*", "", NULL },
		{ "negate (HAND-MADE CVE-2099-0001): netlib 1.5 < 2.0, not on gateway_x: affected",
		  NULL, "cpe:2.3:a:acme:netlib:1.5:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2099-0001", "high" },
		{ "negate: the same netlib on gateway_x: the negated node fails, not affected",
		  NULL, "cpe:2.3:a:acme:netlib:1.5:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL,
		  "cpe:2.3:h:acme:gateway_x:-:*:*:*:*:*:*:*", NULL, "", NULL },
		{ "negate: on another gateway: affected", NULL, "cpe:2.3:a:acme:netlib:1.5:*:*:*:*:*:*:*",
		  NULL, NULL, NULL, NULL, "cpe:2.3:h:acme:gateway_y:-:*:*:*:*:*:*:*", NULL,
		  "CVE-2099-0001", NULL },
		{ "negate: netlib 2.0 is fixed", NULL, "cpe:2.3:a:acme:netlib:2.0:*:*:*:*:*:*:*", NULL,
		  NULL, NULL, NULL, NULL, NULL, "", NULL },
	};

	(void)state;
	RUN("platforms and negate", cases);
}

/* Package statements (OSV) with the ecosystems' schemes. */
static void test_packages(void **state)
{
	static const struct mcase cases[] = {
		{ "DSA-5474-1, Debian:11 fixed 3.20230808.1~deb11u1: 3.20230512.1~deb11u1 is older "
		  "(dpkg order)",
		  "pkg:deb/debian/intel-microcode@3.20230512.1~deb11u1?distro=debian-11", NULL, NULL,
		  NULL, NULL, NULL, NULL, NULL, "DSA-5474-1", "high" },
		{ "the fixed version itself", "pkg:deb/debian/intel-microcode@3.20230808.1~deb11u1?distro=debian-11",
		  NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "the Debian 11 fix on Debian 12: below 3.20230808.1~deb12u1 ('~deb11u1' < "
		  "'~deb12u1'), affected",
		  "pkg:deb/debian/intel-microcode@3.20230808.1~deb11u1?distro=debian-12", NULL, NULL,
		  NULL, NULL, NULL, NULL, NULL, "DSA-5474-1", "high" },
		{ "distro as a code name: bookworm is Debian 12",
		  "pkg:deb/debian/intel-microcode@3.20230808.1~deb11u1?distro=bookworm", NULL, NULL, NULL,
		  NULL, NULL, NULL, NULL, "DSA-5474-1", "high" },
		{ "no distro: the Debian 12 statement matches, release unknown: medium",
		  "pkg:deb/debian/intel-microcode@3.20230808.1~deb11u1", NULL, NULL, NULL, NULL, NULL,
		  NULL, NULL, "DSA-5474-1", "medium" },
		{ "an Ubuntu package is not a Debian one", "pkg:deb/ubuntu/intel-microcode@3.20230512.1",
		  NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "CVE-2024-10524 Debian:11 wget: introduced 0 and no fix, and listed",
		  "pkg:deb/debian/wget@1.21-1+deb11u1?distro=debian-11", NULL, NULL, NULL, NULL, NULL,
		  NULL, NULL, "CVE-2024-10524", "high" },
		{ "Debian:13 wget fixed in 1.25.0-1", "pkg:deb/debian/wget@1.25.0-1?distro=debian-13",
		  NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "Debian:13 wget 1.24.5-2 < 1.25.0-1", "pkg:deb/debian/wget@1.24.5-2?distro=debian-13",
		  NULL, NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2024-10524", "high" },
		{ "Alpine v3.21 wget 1.24.5-r0 < 1.25.0-r0 (apk order), distro alpine-3.21.2",
		  "pkg:apk/alpine/wget@1.24.5-r0?distro=alpine-3.21.2", NULL, NULL, NULL, NULL, NULL,
		  NULL, NULL, "CVE-2024-10524", "high" },
		{ "Alpine wget 1.25.0-r0: fixed", "pkg:apk/alpine/wget@1.25.0-r0?distro=alpine-3.22",
		  NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "PYSEC-2021-59 urllib3 [1.26.0, 1.26.4): 1.26.3, named under its CVE alias",
		  "pkg:pypi/urllib3@1.26.3", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2021-28363",
		  "high" },
		{ "urllib3 1.26.4: the fix", "pkg:pypi/urllib3@1.26.4", NULL, NULL, NULL, NULL, NULL,
		  NULL, NULL, "", NULL },
		{ "urllib3 1.25.11 < 1.26.0: before introduced", "pkg:pypi/urllib3@1.25.11", NULL, NULL,
		  NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "PyPI names normalise (PEP 503): URLLib3 1.26.0 is urllib3's introduced",
		  "pkg:pypi/URLLib3@1.26.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2021-28363",
		  NULL },
		{ "GO-2020-0001 gin SEMVER < 1.6.0: Go's v1.5.0 is 1.5.0",
		  "pkg:golang/github.com/gin-gonic/gin@v1.5.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2020-36567", "high" },
		{ "gin v1.6.0: fixed", "pkg:golang/github.com/gin-gonic/gin@v1.6.0", NULL, NULL, NULL,
		  NULL, NULL, NULL, NULL, "", NULL },
		{ "OSV-2021-1807 dnsmasq (OSS-Fuzz): tag v2.86 is in its versions list",
		  "pkg:generic/dnsmasq@v2.86", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2021-1807",
		  "high" },
		{ "OSS-Fuzz has no scheme: 2.86 is the listed tag v2.86 after normalisation "
		  "(test_tags), medium",
		  "pkg:generic/dnsmasq@2.86", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2021-1807",
		  "medium" },
		{ "GIT range: the commit is the range's introduced one (medium: no commit graph)",
		  "pkg:generic/dnsmasq", NULL, NULL, NULL, "96f6444958c29a670f4254722d787f328153605c",
		  "git://thekelleys.org.uk/dnsmasq.git", NULL, NULL, "OSV-2021-1807", "medium" },
		{ "GIT range: an abbreviated commit, repository spelt with https and .git",
		  NULL, NULL, NULL, NULL, "96f6444", "https://thekelleys.org.uk/dnsmasq", NULL, NULL,
		  "OSV-2021-1807", "medium" },
		{ "GIT range: OSV-2021-1807's fixed commit, which is OSV-2022-312's introduced one "
		  "(the fix brought the next bug, as the records say)",
		  "pkg:generic/dnsmasq", NULL, NULL, NULL,
		  "03345ecefeb0d82e3c3a4c28f27c3554f0611b39", "git://thekelleys.org.uk/dnsmasq.git",
		  NULL, NULL, "OSV-2022-312", "medium" },
		{ "GIT range: a commit but no repository to find the range by",
		  "pkg:generic/dnsmasq", NULL, NULL, NULL, "96f6444958c29a670f4254722d787f328153605c",
		  NULL, NULL, NULL, "", NULL },
		{ "withdrawn OSV-2018-13 (boringssl): its introduced commit matches nothing",
		  NULL, NULL, NULL, NULL, "81a6f6d8de908e27901f5c968c576fbb9c3f35d0",
		  "https://boringssl.googlesource.com/boringssl", NULL, NULL, "", NULL },
	};

	(void)state;
	RUN("package statements", cases);
}

/* Tag lists of OSS-Fuzz style records (src/match/osv.c, "Tag lists"): a
 * generic purl reaches a statement of an ecosystem without a scheme by the
 * statement's package.name or its GIT repository's last path segment, and
 * its version is compared with each listed tag after normalisation. The
 * lists, as in the records:
 *   OSV-2021-1807 dnsmasq   v2.86 … (no v2.90)
 *   OSV-2022-312  dnsmasq   v2.87test9 … v2.90 … v2.93 (purl pkg:generic/dnsmasq)
 *   OSV-2017-79   curl      curl-7_57_0 … curl-7_74_0, tiny-curl-7_72_0 (no purl)
 *   OSV-2018-153  openssl   OpenSSL_1_1_1-pre1 … -pre7 (no purl)
 *   OSV-2020-2134 hostap    aosp-*, hostap-1-bp, hostap_2_0 … hostap_2_9
 *   GSD-2023-1002422 Linux "Kernel", repo …/stable/linux.git/, v4.10 … v4.14.98 … */
static void test_tags(void **state)
{
	static const struct mcase cases[] = {
		{ "dnsmasq 2.90 is OSV-2022-312's tag v2.90 (strip 'v'); not in OSV-2021-1807's list",
		  "pkg:generic/dnsmasq@2.90", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2022-312",
		  "medium" },
		{ "2.87: OSV-2022-312 lists v2.87; OSV-2021-1807 only v2.87test1..8, other versions",
		  "pkg:generic/dnsmasq@2.87", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2022-312",
		  "medium" },
		{ "2.9 is not 2.90 (numbers compare numerically), and no list has v2.9",
		  "pkg:generic/dnsmasq@2.9", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "2.90rc1: the list has v2.90 and v2.90test1..4, no release candidate of 2.90",
		  "pkg:generic/dnsmasq@2.90rc1", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "names compare in any case: DNSmasq is dnsmasq",
		  "pkg:generic/DNSmasq@2.90", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2022-312",
		  "medium" },
		{ "negative: another package with dnsmasq's version (curl 2.90 is no curl tag)",
		  "pkg:generic/curl@2.90", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "negative: dnsmasq at a curl tag's version: curl's list is not dnsmasq's",
		  "pkg:generic/dnsmasq@7.64.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "curl 7.64.0 is OSV-2017-79's curl-7_64_0 ('curl-' stripped, '_' as '.'); the "
		  "record has no purl: reached by package.name",
		  "pkg:generic/curl@7.64.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2017-79",
		  "medium" },
		{ "curl 7.75.0: after the list's last tag curl-7_74_0",
		  "pkg:generic/curl@7.75.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "curl 7.72.0: curl-7_72_0 (tiny-curl-7_72_0 is not read: no version after "
		  "normalisation), one finding",
		  "pkg:generic/curl@7.72.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2017-79",
		  "medium" },
		{ "negative: libcurl is another name (psirt does not guess that libcurl is curl)",
		  "pkg:generic/libcurl@7.64.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "negative: a purl of another type is not read as a tag (its ecosystem speaks)",
		  "pkg:deb/debian/curl@7.64.0", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "openssl 1.1.1-pre7 is OpenSSL_1_1_1-pre7 ('OpenSSL_' stripped in any case)",
		  "pkg:generic/openssl@1.1.1-pre7", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "OSV-2018-153", "medium" },
		{ "openssl 1.1.1 (the release) is after every pre-release listed",
		  "pkg:generic/openssl@1.1.1", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "hostap 2.9 is hostap_2_9 ('hostap_' stripped)",
		  "pkg:generic/hostap@2.9", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "OSV-2020-2134",
		  "medium" },
		{ "negative: hostapd is not hostap (neither the name nor the repository's segment)",
		  "pkg:generic/hostapd@2.9", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "linux 4.14.98 is GSD-2023-1002422's v4.14.98: package.name is 'Kernel', reached "
		  "by the repository's last segment linux(.git)",
		  "pkg:generic/linux@4.14.98", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  "GSD-2023-1002422", "medium" },
		{ "negative: 'kernel' reaches it by name, but 4.9.118 is no listed tag",
		  "pkg:generic/kernel@4.9.118", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
		{ "a generic purl without a version: nothing to compare",
		  "pkg:generic/dnsmasq", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "", NULL },
	};
	static const struct {
		const char *tag, *name, *want; /* want NULL: no version */
	} norm[] = {
		{ "curl-7_88_1", "curl", "7.88.1" },   { "OpenSSL_1_1_1t", "openssl", "1.1.1t" },
		{ "v2.90", "dnsmasq", "2.90" },        { "release-1.2.3", "x", "1.2.3" },
		{ "hostap_2_9", "hostap", "2.9" },     { "V1.0", "x", "1.0" },
		{ "aosp-jb-start", "hostap", NULL },   { "rc-8_15_0-2", "curl", NULL },
		{ "tiny-curl-7_72_0", "curl", NULL },  { "curl-", "curl", NULL },
		{ "2.90", "", "2.90" },                { "v", "x", NULL },
	};
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_match_subject s;
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i;

	(void)state;
	RUN("tag lists", cases);
	for (i = 0; i < sizeof norm / sizeof norm[0]; i++) {
		int ok = match__tag_norm(psirt_str_c(norm[i].tag), psirt_str_c(norm[i].name), &b);

		if (!norm[i].want)
			assert_int_equal(ok, 0);
		else
			assert_true(ok && b.len == strlen(norm[i].want) && !memcmp(b.p, norm[i].want, b.len));
	}
	/* the evidence says which tag */
	memset(&s, 0, sizeof s);
	s.purl = "pkg:generic/dnsmasq@2.90";
	assert_int_equal(psirt_match_component(kbx, &s, &res, NULL), PSIRT_OK);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.findings[0].nevidence, 1);
	assert_string_equal(res.findings[0].evidence[0].why, "version 2.90 listed as tag v2.90");
	assert_null(res.findings[0].evidence[0].range_type);
	psirt_match_results_release(&res);
	psirt_buf_release(&b);
}

/* What the sources say little about, and what they say wrong. */
static void test_sources(void **state)
{
	static const struct mcase cases[] = {
		{ "JVN (HAND-MADE) CPE 2.2 name without versions: any webcam_viewer, medium",
		  NULL, "cpe:2.3:a:acme:webcam_viewer:3.1:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "JVNDB-2099-000001", "medium" },
		{ "JVN vendor-wide name cpe:/:acmecorp: any of its products, low",
		  NULL, "cpe:2.3:o:acmecorp:camera_firmware:1.0:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL,
		  NULL, NULL, "JVNDB-2099-000001", "low" },
		{ "unusable bound '1.0 beta' (HAND-MADE): the criterion is skipped, 0.1 not matched "
		  "by accident",
		  NULL, "cpe:2.3:a:acme:badlib:0.1:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL, NULL, "",
		  NULL },
		{ "the usable criterion of the same record still matches",
		  NULL, "cpe:2.3:a:acme:goodlib:2.9:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2099-0003", "high" },
		{ "node.js criterion: bounds in SemVer order, 1.0.0-foo is a pre-release of 1.0.0",
		  NULL, "cpe:2.3:a:acme:widget:1.0.0-foo:*:*:*:*:node.js:*:*", NULL, NULL, NULL, NULL,
		  NULL, NULL, "CVE-2099-0004", "high" },
		{ "without target_sw the generic scheme reads 'foo' as a sub-release after 1.0.0",
		  NULL, "cpe:2.3:a:acme:gadget:1.0.0-foo:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "", NULL },
		{ "lwip '-' (CVE-2020-22283: NVD knows no versions): any lwip, medium",
		  NULL, "cpe:2.3:a:lwip_project:lwip:2.1.2:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "CVE-2020-22283", "medium" },
		{ "lwip with version '-' too: high", NULL, "cpe:2.3:a:lwip_project:lwip:-:*:*:*:*:*:*:*",
		  NULL, NULL, NULL, NULL, NULL, NULL, "CVE-2020-22283", "high" },
		{ "u-boot 2022.1: equal to CVE-2022-30790's exact 2022.01 in the generic scheme, and "
		  "below CVE-2022-34835's 2022.07",
		  NULL, "cpe:2.3:a:denx:u-boot:2022.1:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2022-30790 CVE-2022-34835", NULL },
		{ "u-boot 2022.04 is not the exact 2022.01", NULL,
		  "cpe:2.3:a:denx:u-boot:2022.04:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL, NULL,
		  "CVE-2022-34835", NULL },
		{ "u-boot 2022.07 update rc3: CVE-2022-34835 lists 2022.07:rc1..rc5 besides < 2022.07",
		  NULL, "cpe:2.3:a:denx:u-boot:2022.07:rc3:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "CVE-2022-34835", "high" },
		{ "u-boot 2022.07 (update '*', the release): the fix, not one of its candidates",
		  NULL, "cpe:2.3:a:denx:u-boot:2022.07:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "", NULL },
		{ "u-boot 2022.07-rc3 written in the version: below 2022.07 in the generic scheme",
		  NULL, "cpe:2.3:a:denx:u-boot:2022.07-rc3:*:*:*:*:*:*:*", NULL, NULL, NULL, NULL, NULL,
		  NULL, "CVE-2022-34835", "high" },
	};

	(void)state;
	RUN("sources", cases);
}

/* Rejected: a CVE known to match is not found once NVD rejects it. */
static void test_rejected(void **state)
{
	struct psirt_store *st = tss_store();
	struct psirt_match_index *idx;
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_match_index_stats stats;
	const char *cpes[1] = { BB("1.36.1") };
	struct psirt_match_subject s;

	(void)state;
	memset(&s, 0, sizeof s);
	s.cpes = cpes;
	s.ncpes = 1;
	import_nvd(st, "nvd/nvd-cves-iot.json");
	/* update/2-newer.json: CVE-2022-48174 now < 1.37.0 */
	import_nvd(st, "nvd/update/2-newer.json");
	idx = load(st);
	assert_int_equal(psirt_match_component(idx, &s, &res, NULL), PSIRT_OK);
	assert_int_equal(res.n, 1);
	assert_string_equal(res.findings[0].vuln, "CVE-2022-48174");
	assert_string_equal(res.findings[0].evidence[0].why, "version 1.36.1: < 1.37.0");
	psirt_match_index_free(idx);
	/* update/3-rejected.json: Rejected */
	import_nvd(st, "nvd/update/3-rejected.json");
	idx = load(st);
	psirt_match_index_stats(idx, &stats);
	assert_int_equal(stats.withdrawn, 1);
	assert_int_equal(psirt_match_component(idx, &s, &res, NULL), PSIRT_OK);
	assert_int_equal(res.n, 0);
	psirt_match_index_free(idx);
	psirt_match_results_release(&res);
	psirt_store_close(st);
}

/* The real negate fixtures of vuls-data-update (CVE-2024-0028 hand-edited by
 * its authors): a negated node or configuration names no vulnerable
 * identity, so test:product 1.0 — the only product it names — is never
 * reported from it. */
static void test_negate_fixtures(void **state)
{
	static const char *const files[] = {
		EDGE("node-negate_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-0028.json"),
		EDGE("config-negate_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-0028.json"),
		/* the same record without negate: test:product 1.0 is affected */
		EDGE("exact-match_vuls-data-raw-nvd-feed-cve-v2_2024_CVE-2024-0028.json"),
	};
	static const size_t want[] = { 0, 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct psirt_store *st = tss_store();
		struct psirt_match_index *idx;
		struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
		const char *cpes[2] = { "cpe:2.3:a:test:product:1.0:*:*:*:*:*:*:*",
			                "cpe:2.3:o:google:android:16.0:*:*:*:*:*:*:*" };
		struct psirt_match_subject s;

		memset(&s, 0, sizeof s);
		s.cpes = cpes;
		s.ncpes = 2;
		import_nvd(st, files[i]);
		idx = load(st);
		assert_int_equal(psirt_match_component(idx, &s, &res, NULL), PSIRT_OK);
		/* the exact-match fixture names android 16.0, not test:product */
		if (i == 2) {
			assert_int_equal(res.n, 1);
			assert_string_equal(res.findings[0].evidence[0].identity, cpes[1]);
		} else {
			assert_int_equal(res.n, want[i]);
		}
		psirt_match_index_free(idx);
		psirt_match_results_release(&res);
		psirt_store_close(st);
	}
}

/* Problems: reported once each, with record, field and value. */
static void test_problems(void **state)
{
	const struct psirt_match_problem *p;
	size_t n = psirt_match_index_problems(kbx, &p), i, found = 0;
	struct psirt_match_index_stats stats;

	(void)state;
	for (i = 0; i < n; i++) {
		if (!strcmp(p[i].record, "CVE-2099-0003") &&
		    !strcmp(p[i].field, "configurations[0].nodes[0].cpeMatch[0].versionEndExcluding") &&
		    !strcmp(p[i].value, "1.0 beta"))
			found |= 1;
		if (!strcmp(p[i].record, "CVE-2099-0003") &&
		    !strcmp(p[i].field, "configurations[0].nodes[0].cpeMatch[1].criteria") &&
		    !strcmp(p[i].value, "cpe:2.3:a:acme:badlib:1.\\*x:*:*:*:*:*:*:*"))
			found |= 2;
		if (!strcmp(p[i].record, "CVE-2015-8978") && strstr(p[i].field, ".criteria"))
			found |= 4;
		assert_non_null(p[i].message);
		assert_true(p[i].message[0] != '\0');
	}
	assert_int_equal(found, 7);
	assert_int_equal(n, 3);
	psirt_match_index_stats(kbx, &stats);
	assert_int_equal(stats.problems, 3);
	/* CVE-2021-29633, CVE-2099-0002 and OSV-2018-13 are withdrawn */
	assert_int_equal(stats.withdrawn, 3);
	assert_true(stats.criteria > 1000);
	assert_true(stats.packages >= 9);
}

/* One product version: configurations see every identity at once. */
static void test_product(void **state)
{
	struct psirt_match_subject subj[4];
	const char *geforce[1] = { "cpe:2.3:a:nvidia:geforce_experience:3.5:*:*:*:*:*:*:*" };
	const char *windows[1] = { "cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*" };
	const char *ossl[1] = { OSSL("3.0.7") };
	const char *hw[1] = { "cpe:2.3:h:siemens:ruggedcom_rm1224:-:*:*:*:*:*:*:*" };
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_buf v = PSIRT_BUF_INIT, c = PSIRT_BUF_INIT;
	size_t i, geforce_findings = 0, product_findings = 0;

	(void)state;
	memset(subj, 0, sizeof subj);
	subj[0].ref = "geforce";
	subj[0].cpes = geforce;
	subj[0].ncpes = 1;
	subj[1].ref = "windows";
	subj[1].cpes = windows;
	subj[1].ncpes = 1;
	subj[2].ref = "openssl";
	subj[2].cpes = ossl;
	subj[2].ncpes = 1;
	subj[3].ref = "busybox";
	subj[3].name = "busybox";
	subj[3].version = "1.36.1";
	/* CVE-2017-14491 configuration 8: geforce_experience [3.0, 3.10.0.55) AND
	 * windows '-' (platform): with both components the GeForce one is
	 * affected, by a criterion another component satisfies */
	assert_int_equal(psirt_match_product(kbx, subj, 4, hw, 1,
	                                     "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:4.3:*:*:*:*:*:*:*",
	                                     &res, NULL),
	                 PSIRT_OK);
	for (i = 0; i < res.n; i++) {
		const struct psirt_match_finding *f = &res.findings[i];

		if (!strcmp(f->vuln, "CVE-2017-14491") && f->subject == 0) {
			geforce_findings++;
			assert_string_equal(f->ref, "geforce");
			assert_non_null(f->evidence[0].platform);
			assert_non_null(strstr(f->evidence[0].platform, "by cpe " "cpe:2.3:o:microsoft:windows"));
		}
		if (!strcmp(f->vuln, "CVE-2017-14491") && f->subject == PSIRT_MATCH_PRODUCT) {
			product_findings++;
			assert_null(f->ref);
			assert_int_equal(f->evidence[0].via, PSIRT_MATCH_VIA_FIRMWARE);
		}
		if (i)
			assert_true(strcmp(res.findings[i - 1].vuln, f->vuln) <= 0);
	}
	assert_int_equal(geforce_findings, 1);
	assert_int_equal(product_findings, 1);
	summarise(&res, &v, &c);
	assert_string_equal(v.p, "CVE-2017-14491 CVE-2022-48174 CVE-2023-0286 CVE-2024-0727");
	/* without windows, GeForce is not affected; the firmware still is */
	assert_int_equal(psirt_match_product(kbx, subj, 1, hw, 1,
	                                     "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:4.3:*:*:*:*:*:*:*",
	                                     &res, NULL),
	                 PSIRT_OK);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.findings[0].subject, PSIRT_MATCH_PRODUCT);
	/* a product with no component at all: its own firmware is found */
	assert_int_equal(psirt_match_product(kbx, NULL, 0, hw, 1,
	                                     "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:4.3:*:*:*:*:*:*:*",
	                                     &res, NULL),
	                 PSIRT_OK);
	assert_int_equal(res.n, 1);
	psirt_match_results_release(&res);
	psirt_buf_release(&v);
	psirt_buf_release(&c);
}

/* Bad identities are errors naming the identity; results are empty. */
static void test_bad_input(void **state)
{
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_match_subject s[2];
	const char *good[1] = { OSSL("1.1.1s") };
	const char *bad[2] = { OSSL("1.1.1s"), "cpe:2.3:a:x" };
	struct psirt_diag d = PSIRT_DIAG_INIT;

	(void)state;
	memset(s, 0, sizeof s);
	s[0].cpes = good;
	s[0].ncpes = 1;
	s[1].cpes = bad;
	s[1].ncpes = 2;
	assert_int_equal(psirt_match_product(kbx, s, 2, NULL, 0, NULL, &res, &d), PSIRT_EINVAL);
	assert_string_equal(d.where, "subjects[1].cpes[1]");
	assert_int_equal(res.n, 0);
	psirt_diag_release(&d);
	s[0].cpes = NULL;
	s[0].ncpes = 0;
	s[0].purl = "pkg:/nope";
	assert_int_equal(psirt_match_component(kbx, &s[0], &res, &d), PSIRT_EINVAL);
	assert_string_equal(d.where, "purl");
	psirt_diag_release(&d);
	psirt_match_results_release(&res);
}

/* The rendered results: every field an analyst or the findings store sees. */
static void render(const struct psirt_match_results *res, struct psirt_buf *b)
{
	size_t i, k;

	for (i = 0; i < res->n; i++) {
		const struct psirt_match_finding *f = &res->findings[i];

		psirt_buf_addf(b, "%s %s %s %zu %s %s\n", f->vuln, f->record,
		               psirt_vuln_source_name(f->source), f->subject, f->ref ? f->ref : "-",
		               psirt_match_confidence_name(f->confidence));
		for (k = 0; k < f->nevidence; k++) {
			const struct psirt_match_evidence *e = &f->evidence[k];

			psirt_buf_addf(b, "  %s %s %s | %s | %s %s %d.%d.%d | %s | %s %s %s %s %s %d %d\n",
			               psirt_match_via_name(e->via), e->identity,
			               psirt_match_confidence_name(e->confidence), e->why,
			               e->criteria ? e->criteria : "-",
			               e->match_criteria_id ? e->match_criteria_id : "-", e->config,
			               e->node, e->match, e->platform ? e->platform : "-",
			               e->ecosystem ? e->ecosystem : "-", e->package ? e->package : "-",
			               e->purl ? e->purl : "-", e->range_type ? e->range_type : "-",
			               e->events ? e->events : "-", e->package_seq, e->range_seq);
		}
	}
}

/* The findings (rendered into out) of a product of the n components cpes
 * (at most 9) and one of each other kind the knowledge base has records for
 * (a Debian package, a name and version only, a PyPI package), on two
 * hardware models, with its firmware CPE. */
static void findings_of(const struct psirt_match_index *idx, const char *const *cpes, size_t n,
                        struct psirt_buf *out)
{
	static const char *const hw[] = { "cpe:2.3:h:siemens:ruggedcom_rm1224:-:*:*:*:*:*:*:*",
		                          "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*" };
	struct psirt_match_subject subj[12];
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	size_t i;

	assert_true(n + 3 <= sizeof subj / sizeof subj[0]);
	memset(subj, 0, sizeof subj);
	for (i = 0; i < n; i++) {
		subj[i].cpes = &cpes[i];
		subj[i].ncpes = 1;
	}
	subj[n].purl = "pkg:deb/debian/wget@1.21-1+deb11u1";
	subj[n + 1].name = "dropbear";
	subj[n + 1].version = "2016.73";
	subj[n + 2].purl = "pkg:pypi/urllib3@1.26.3";
	assert_int_equal(psirt_match_product(idx, subj, n + 3, hw, 2,
	                                     "cpe:2.3:o:siemens:ruggedcom_rm1224_firmware:4.3:*:*:*:*:*:*:*",
	                                     &res, NULL),
	                 PSIRT_OK);
	assert_true(res.n > 20);
	render(&res, out);
	psirt_match_results_release(&res);
}

/* Same inputs, same findings: twice in a row, and from a store built in
 * the opposite order (other row ids, other map layouts). */
static void test_determinism(void **state)
{
	static const char *const cpes[] = {
		OSSL("1.0.2"), BB("1.26.2"), DM("2.77"), "cpe:2.3:a:acme:netlib:1.5:*:*:*:*:*:*:*",
		"cpe:2.3:a:nvidia:geforce_experience:3.5:*:*:*:*:*:*:*",
		"cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*", "cpe:2.3:a:lwip_project:lwip:2.1.2:*:*:*:*:*:*:*",
	};
	const size_t n = sizeof cpes / sizeof cpes[0];
	struct psirt_buf a = PSIRT_BUF_INIT, b = PSIRT_BUF_INIT, c = PSIRT_BUF_INIT;
	struct psirt_store *st2;
	struct psirt_match_index *idx2;

	(void)state;
	findings_of(kbx, cpes, n, &a);
	findings_of(kbx, cpes, n, &b);
	assert_string_equal(a.p, b.p);
	st2 = build_store(1);
	idx2 = load(st2);
	findings_of(idx2, cpes, n, &c);
	assert_string_equal(a.p, c.p);
	psirt_match_index_free(idx2);
	psirt_store_close(st2);
	psirt_buf_release(&a);
	psirt_buf_release(&b);
	psirt_buf_release(&c);
}

/* ---- the piped load (psirt_store_scan_piped) --------------------------- */

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

static void key_text(void *ctx, unsigned long long key)
{
	struct psirt_buf *b = ctx;

	psirt_buf_add(b, &key, sizeof key);
}

/* What an index shows of itself: its stats, its keys (sorted: the map
 * order is not part of the contract), its problems in order. */
static void observe(const struct psirt_match_index *idx, struct psirt_buf *out)
{
	struct psirt_match_index_stats st;
	const struct psirt_match_problem *pr;
	struct psirt_buf keys = PSIRT_BUF_INIT;
	size_t i, n;
	int wild;

	psirt_match_index_stats(idx, &st);
	psirt_buf_addf(out, "records %zu withdrawn %zu configs %zu nodes %zu criteria %zu keys %zu "
	                    "packages %zu ranges %zu problems %zu bytes %zu\n",
	               st.records, st.withdrawn, st.configs, st.nodes, st.criteria, st.keys,
	               st.packages, st.ranges, st.problems, st.bytes);
	wild = psirt_match_index_keys(idx, key_text, &keys);
	n = keys.len / sizeof(unsigned long long);
	qsort(keys.p, n, sizeof(unsigned long long), cmp_ull);
	psirt_buf_addf(out, "wild %d, %zu keys:", wild, n);
	for (i = 0; i < n; i++)
		psirt_buf_addf(out, " %llx", ((unsigned long long *)(void *)keys.p)[i]);
	psirt_buf_addf(out, "\n");
	n = psirt_match_index_problems(idx, &pr);
	for (i = 0; i < n; i++)
		psirt_buf_addf(out, "%s %s %s %s\n", pr[i].record, pr[i].field,
		               pr[i].value ? pr[i].value : "-", pr[i].message);
	psirt_buf_release(&keys);
}

/* The piped load (the default) builds the same index as the direct one. */
static const char *const piped_cpes[] = {
	OSSL("1.0.2"), OSSL("1.1.1k"), BB("1.26.2"), DM("2.77"),
	"cpe:2.3:a:acme:netlib:1.5:*:*:*:*:*:*:*",
	"cpe:2.3:o:microsoft:windows:-:*:*:*:*:*:*:*",
	"cpe:2.3:a:lwip_project:lwip:2.1.2:*:*:*:*:*:*:*",
};

static void test_piped_same(void **state)
{
	struct psirt_match_index *direct = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf a = PSIRT_BUF_INIT, b = PSIRT_BUF_INIT;

	(void)state;
	assert_int_equal(psirt_match_index_load_direct(kb, &direct, &d), PSIRT_OK);
	observe(kbx, &a);
	observe(direct, &b);
	assert_true(strstr(a.p, "records ") && !strstr(a.p, "records 0 "));
	assert_string_equal(a.p, b.p);
	psirt_buf_reset(&a);
	psirt_buf_reset(&b);
	findings_of(kbx, piped_cpes, sizeof piped_cpes / sizeof piped_cpes[0], &a);
	findings_of(direct, piped_cpes, sizeof piped_cpes / sizeof piped_cpes[0], &b);
	assert_string_equal(a.p, b.p);
	psirt_match_index_free(direct);
	psirt_buf_release(&a);
	psirt_buf_release(&b);
}

/* A sink that writes every row it sees as a line, and fails at row fail_at
 * (0: never). */
struct row_log {
	struct psirt_buf b;
	size_t rows, fail_at;
};

static enum psirt_err row_seen(struct row_log *L, struct psirt_diag *diag)
{
	if (++L->rows == L->fail_at)
		return psirt_diag_set(diag, PSIRT_EINVAL, "row %zu refused", L->rows);
	return PSIRT_OK;
}

static enum psirt_err log_record(void *ctx, const struct psirt_store_scan_record *r,
                                 struct psirt_diag *diag)
{
	struct row_log *L = ctx;

	psirt_buf_addf(&L->b, "R %lld %d %s %s %d\n", r->key, (int)r->source, r->id,
	               r->vuln ? r->vuln : "-", r->withdrawn);
	return row_seen(L, diag);
}

static enum psirt_err log_config(void *ctx, const struct psirt_store_scan_config *c,
                                 struct psirt_diag *diag)
{
	struct row_log *L = ctx;

	psirt_buf_addf(&L->b, "C %lld %d %d %d\n", c->record, c->seq, (int)c->op, c->negate);
	return row_seen(L, diag);
}

static enum psirt_err log_node(void *ctx, const struct psirt_store_scan_node *n,
                               struct psirt_diag *diag)
{
	struct row_log *L = ctx;

	psirt_buf_addf(&L->b, "N %lld %d %d %d %d\n", n->record, n->config_seq, n->seq, (int)n->op,
	               n->negate);
	return row_seen(L, diag);
}

#define OR_DASH(s) ((s) ? (s) : "-")

static enum psirt_err log_match(void *ctx, const struct psirt_store_scan_match *m,
                                struct psirt_diag *diag)
{
	struct row_log *L = ctx;
	const struct psirt_vuln_cpe_match *c = m->m;

	psirt_buf_addf(&L->b, "M %lld %d %d %d %d %s %s %s %s %s %s %s %s %s %s %s %s\n", m->record,
	               m->config_seq, m->node_seq, m->seq, c->vulnerable, OR_DASH(c->criteria),
	               OR_DASH(c->match_criteria_id), OR_DASH(c->part), OR_DASH(c->vendor),
	               OR_DASH(c->product), OR_DASH(c->version), OR_DASH(c->update),
	               OR_DASH(c->version_start_including), OR_DASH(c->version_start_excluding),
	               OR_DASH(c->version_end_including), OR_DASH(c->version_end_excluding),
	               OR_DASH(c->version_text));
	return row_seen(L, diag);
}

static enum psirt_err log_package(void *ctx, const struct psirt_store_scan_package *pk,
                                  struct psirt_diag *diag)
{
	struct row_log *L = ctx;
	const struct psirt_vuln_package *p = pk->p;
	const struct psirt_vuln_range *r;
	const struct psirt_vuln_event *e;
	const struct psirt_vuln_str *v;

	psirt_buf_addf(&L->b, "P %lld %d %s %s %s %s %s %s %s\n", pk->record, pk->seq,
	               OR_DASH(p->ecosystem), OR_DASH(p->name), OR_DASH(p->purl),
	               OR_DASH(p->purl_type), OR_DASH(p->purl_namespace), OR_DASH(p->purl_name),
	               OR_DASH(p->json));
	for (r = p->ranges; r; r = r->next) {
		psirt_buf_addf(&L->b, "  r %s %s %s:", OR_DASH(r->type), OR_DASH(r->repo),
		               OR_DASH(r->json));
		for (e = r->events; e; e = e->next)
			psirt_buf_addf(&L->b, " %s=%s", e->kind, e->value);
		psirt_buf_addf(&L->b, "\n");
	}
	for (v = p->versions; v; v = v->next)
		psirt_buf_addf(&L->b, "  v %s\n", v->value);
	return row_seen(L, diag);
}

/* The piped scan hands the sink the same rows in the same order as the
 * direct one; a sink's error in the middle stops the scan at once and is
 * returned with the sink's diagnostic (ASan: no batch or thread left). */
static void test_piped_rows(void **state)
{
	struct psirt_store_scan_sink sink = { log_record, log_config, log_node,
		                              log_match,  log_package, NULL };
	struct row_log direct, piped;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t fail_at[3], i;

	(void)state;
	memset(&direct, 0, sizeof direct);
	memset(&piped, 0, sizeof piped);
	sink.ctx = &direct;
	assert_int_equal(psirt_store_scan(kb, &sink, &d), PSIRT_OK);
	sink.ctx = &piped;
	assert_int_equal(psirt_store_scan_piped(kb, 0, &sink, &d), PSIRT_OK);
	assert_true(direct.rows > 1000);
	assert_int_equal(piped.rows, direct.rows);
	assert_string_equal(piped.b.p, direct.b.p);

	/* the first row, the middle, the last */
	fail_at[0] = 1;
	fail_at[1] = direct.rows / 2;
	fail_at[2] = direct.rows;
	for (i = 0; i < 3; i++) {
		char want[64];

		psirt_buf_reset(&piped.b);
		piped.rows = 0;
		piped.fail_at = fail_at[i];
		assert_int_equal(psirt_store_scan_piped(kb, 0, &sink, &d), PSIRT_EINVAL);
		assert_int_equal(piped.rows, fail_at[i]);
		assert_int_equal(d.code, PSIRT_EINVAL);
		snprintf(want, sizeof want, "row %zu refused", fail_at[i]);
		assert_string_equal(d.message, want);
		assert_memory_equal(piped.b.p, direct.b.p, piped.b.len);
		psirt_diag_release(&d);
	}
	psirt_buf_release(&direct.b);
	psirt_buf_release(&piped.b);
}

/* The guess table is sorted for bsearch and every entry is findable. */
static void test_guess_table(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 1; i < match__nguesses; i++)
		assert_true(strcmp(match__guesses[i - 1].name, match__guesses[i].name) <= 0);
	for (i = 0; i < match__nguesses; i++) {
		const struct match__guess *g = match__guess_find(match__guesses[i].name, &n);

		assert_non_null(g);
		assert_true(n >= 1);
		assert_true(g <= &match__guesses[i] && &match__guesses[i] < g + n);
	}
	assert_null(match__guess_find("no-such-component", &n));
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_openssl),      cmocka_unit_test(test_busybox),
		cmocka_unit_test(test_dnsmasq),      cmocka_unit_test(test_platforms),
		cmocka_unit_test(test_packages),     cmocka_unit_test(test_tags),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_rejected),     cmocka_unit_test(test_negate_fixtures),
		cmocka_unit_test(test_problems),     cmocka_unit_test(test_product),
		cmocka_unit_test(test_bad_input),    cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_guess_table),
		cmocka_unit_test(test_piped_same),   cmocka_unit_test(test_piped_rows),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, setup, teardown);
}
