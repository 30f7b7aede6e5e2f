/* Incremental psirt match (src/findings/findings.c): after a feed delta, the
 * run that re-matches only the changed vulnerabilities' candidate components
 * against their records must leave the store exactly as a full re-match
 * (`psirt match --all`) of the same store does — every finding, state,
 * evidence, triage decision and id.
 *
 * Data: the real NVD records of tests/data/nvd (113 IoT CVEs) and a
 * portfolio built from their criteria: for each vendor:product a criterion
 * names, one component at the bottom of its range and one at its end (outside
 * an "Excluding" range), by CPE; a dnsmasq known by name only (the
 * low-confidence name guess, CVE-2023-28450); a product whose firmware runs
 * on TP-Link Archer AX21 hardware (CVE-2023-1389: firmware AND hardware
 * configuration, found through the product itself). The delta rewrites every
 * other record with a newer lastModified (2027: every fixture is older): a third of them with their range
 * ends widened to 99.0.0 (findings open, and CVE-2023-1389's evidence
 * changes), a third narrowed to 0.0.1 (findings close; the dnsmasq guess
 * among them), a third unchanged (findings kept); CVE-2022-48174
 * (busybox) is rejected (findings withdrawn); and the OSV record
 * GHSA-jfh8-c2jp-5v3q (log4j-core, tests/data/osv) moves its fix from 2.15.0
 * to 2.17.0, so that a component known by purl is found; OSS-Fuzz's OSV-2022-312
 * (dnsmasq) and OSV-2017-79 (curl, without purl; both tests/data/osv/match)
 * arrive, found by a generic purl's version
 * among its tags and by a component's own commit (CycloneDX pedigree) — the
 * lookup keys of both paths are tested here. The incremental run must do
 * each of these things at least once, or the test proves nothing. Then a
 * hand-made record whose criterion has no literal vendor (the case the keys
 * cannot narrow) is added to both stores, and the two runs compared again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "psirt/evpack.h"
#include "psirt/findings.h"
#include "psirt/match.h"
#include "psirt/portfolio.h"
#include "psirt/sbom.h"
#include "support/store_support.h"
#include "support/support.h"

#define ACTOR "tester"

static char tmpdir[] = "/tmp/psirt-incr-XXXXXX";

static char *path_in(const char *name)
{
	struct psirt_buf b = PSIRT_BUF_INIT;

	psirt_buf_addf(&b, "%s/%s", tmpdir, name);
	return psirt_buf_detach(&b, NULL);
}

static struct psirt_store *open_store(const char *name)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = NULL;
	char *p = path_in(name);

	if (psirt_store_open(p, PSIRT_STORE_CREATE, &s, &d))
		fail_msg("cannot open %s: %s", p, d.message);
	free(p);
	return s;
}

/* A connection of its own to the store file name in the test's directory
 * (sqlite3_close it). */
static sqlite3 *db_in(const char *name)
{
	char *p = path_in(name);
	sqlite3 *db = tss_sqlite_open(p);

	free(p);
	return db;
}

static void copy_file(const char *from, const char *to)
{
	char *a = path_in(from), *b = path_in(to), buf[65536];
	FILE *in = fopen(a, "rb"), *out = fopen(b, "wb");
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	assert_int_equal(fclose(in), 0);
	assert_int_equal(fclose(out), 0);
	free(a);
	free(b);
}

static json_t *load_fixture(const char *relative)
{
	size_t len;
	char *text = tss_read_any(relative, &len);
	json_error_t e;
	json_t *j = json_loadb(text, len, 0, &e);

	if (!j)
		fail_msg("%s: %s", relative, e.text);
	free(text);
	return j;
}

/* Components for one criterion: at versionStartIncluding (or 0.9), and at
 * its end bound when it has one. */
static void add_components(json_t *comps, json_t *seen, const char *criteria, json_t *m)
{
	const char *ends[] = { "versionEndExcluding", "versionEndIncluding" };
	const char *start = json_string_value(json_object_get(m, "versionStartIncluding"));
	char vp[512], cpe[600];
	const char *p = criteria;
	int field = 0, i;
	size_t k = 0;

	/* vendor:product of cpe:2.3:a:VENDOR:PRODUCT:... (literal ones only) */
	for (; *p && field < 5; p++) {
		if (*p == ':') {
			field++;
			if (field == 5)
				break;
			if (field == 4 && k < sizeof vp - 1)
				vp[k++] = ':';
			continue;
		}
		if ((field == 3 || field == 4) && k < sizeof vp - 1)
			vp[k++] = *p;
	}
	vp[k] = 0;
	if (strncmp(criteria, "cpe:2.3:a:", 10) || strchr(vp, '*') || strchr(vp, '\\') ||
	    json_object_get(seen, vp))
		return;
	json_object_set_new(seen, vp, json_true());
	for (i = -1; i < 2; i++) {
		const char *v = i < 0 ? (start ? start : "0.9")
		                      : json_string_value(json_object_get(m, ends[i]));
		char name[600];

		if (!v)
			continue;
		snprintf(cpe, sizeof cpe, "cpe:2.3:a:%s:%s:*:*:*:*:*:*:*", vp, v);
		snprintf(name, sizeof name, "%s", strchr(vp, ':') + 1);
		json_array_append_new(comps, json_pack("{s:s, s:s, s:s, s:s}", "type", "library", "name",
		                                       name, "version", v, "cpe", cpe));
	}
}

/* The cpeMatch objects of the record v (an item of an NVD 2.0 feed's
 * "vulnerabilities"), over its configurations' nodes: a new array holding
 * references to them (changing one changes the record), free with json_decref. */
static json_t *cpe_matches(json_t *v)
{
	json_t *configs = json_object_get(json_object_get(v, "cve"), "configurations"), *c;
	json_t *all = json_array();
	size_t ci;

	assert_non_null(all);
	json_array_foreach (configs, ci, c) {
		json_t *nodes = json_object_get(c, "nodes"), *n;
		size_t ni;

		json_array_foreach (nodes, ni, n) {
			json_t *ms = json_object_get(n, "cpeMatch");

			if (json_is_array(ms))
				assert_int_equal(json_array_extend(all, ms), 0);
		}
	}
	return all;
}

/* The criteria of every record of doc, as components, into two lists. */
static void portfolio_components(json_t *doc, json_t *a, json_t *b, json_t *seen)
{
	json_t *vulns = json_object_get(doc, "vulnerabilities"), *v;
	size_t i;

	json_array_foreach (vulns, i, v) {
		json_t *ms = cpe_matches(v), *m;
		size_t mi;

		json_array_foreach (ms, mi, m) {
			const char *crit = json_string_value(json_object_get(m, "criteria"));

			if (crit)
				add_components(i % 2 ? b : a, seen, crit, m);
		}
		json_decref(ms);
	}
}

/* comps: borrowed (steal: taken) */
static void import_sbom_x(struct psirt_store *s, const char *product, const char *version,
                          json_t *comps, int steal)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_source src = { ACTOR, NULL, "test.cdx.json", NULL, 0 };
	json_t *bom = json_pack("{s:s, s:s, s:i, s:O}", "bomFormat", "CycloneDX", "specVersion", "1.6",
	                        "version", 1, "components", comps);
	char *text = json_dumps(bom, JSON_COMPACT);
	struct psirt_sbom_doc *doc = NULL;

	assert_non_null(text);
	if (psirt_sbom_parse(text, strlen(text), "test.cdx.json", PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d))
		fail_msg("sbom: %s", d.message);
	if (psirt_portfolio_sbom_import(s, product, version, doc, &src, NULL, &d))
		fail_msg("sbom import: %s", d.message);
	psirt_sbom_free(doc);
	free(text);
	json_decref(bom);
	if (steal)
		json_decref(comps);
}

#define import_sbom(s, p, v, c) import_sbom_x(s, p, v, c, 0)
#define import_sbom_new(s, p, v, c) import_sbom_x(s, p, v, c, 1)

static void build_portfolio(struct psirt_store *s, json_t *docs[2])
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	const char *hw[] = { "Archer AX21=cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*" };
	struct psirt_product_edit router, camera;
	json_t *a = json_array(), *b = json_array(), *seen = json_object();
	json_t *a1, *b1;

	portfolio_components(docs[0], a, b, seen);
	portfolio_components(docs[1], a, b, seen);
	/* known by name only, not in the guess table: criteria whose product is
	 * the name (the first components of the camera's list, without CPE) */
	for (size_t i = 0; i < 12 && i < json_array_size(b); i += 2) {
		json_t *c = json_array_get(b, i);

		json_array_append_new(b, json_pack("{s:s, s:O, s:O}", "type", "library", "name",
		                                   json_object_get(c, "name"), "version",
		                                   json_object_get(c, "version")));
	}
	/* by purl: log4j-core, inside and outside GHSA-jfh8-c2jp-5v3q's
	 * [2.13.0, 2.15.0) (OSV, Maven) */
	json_array_append_new(b, json_pack("{s:s, s:s, s:s, s:s}", "type", "library", "name",
	                                   "log4j-core", "version", "2.14.1", "purl",
	                                   "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"));
	json_array_append_new(b, json_pack("{s:s, s:s, s:s, s:s}", "type", "library", "name",
	                                   "log4j-core", "version", "2.16.0", "purl",
	                                   "pkg:maven/org.apache.logging.log4j/log4j-core@2.16.0"));
	/* OSS-Fuzz's OSV-2022-312 (dnsmasq, imported with the delta) reaches
	 * these only through the keys added for it: a generic purl's name (its
	 * tag v2.90) and a component's own commit and repository (its GIT
	 * range's introduced commit, from CycloneDX pedigree) */
	json_array_append_new(b, json_pack("{s:s, s:s, s:s, s:s}", "type", "application", "name",
	                                   "dnsmasq", "version", "2.90", "purl",
	                                   "pkg:generic/dnsmasq@2.90"));
	/* OSV-2017-79 (curl) has no purl: only the tag-list key reaches it */
	json_array_append_new(b, json_pack("{s:s, s:s, s:s, s:s}", "type", "application", "name",
	                                   "curl", "version", "7.64.0", "purl",
	                                   "pkg:generic/curl@7.64.0"));
	json_array_append_new(
		b, json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}], s:{s:[{s:s}]}}", "type", "application",
	                     "name", "dnsmasq-fork", "version", "2.91", "externalReferences", "type",
	                     "vcs", "url", "git://thekelleys.org.uk/dnsmasq.git", "pedigree", "commits",
	                     "uid", "03345ecefeb0d82e3c3a4c28f27c3554f0611b39"));
	/* known by name only: the name guess thekelleys:dnsmasq */
	json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "type", "library", "name", "dnsmasq",
	                                   "version", "2.89"));
	memset(&router, 0, sizeof router);
	router.vendor = "tp-link";
	router.cpe = "cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:*:*:*:*:*:*:*";
	router.add_hardware = hw;
	router.n_add_hardware = 1;
	router.safety = "marginal";
	router.exposure = "internet";
	memset(&camera, 0, sizeof camera);
	camera.vendor = "acme";
	camera.safety = "negligible";
	if (psirt_portfolio_product_add(s, "router", &router, ACTOR, &d) ||
	    psirt_portfolio_product_add(s, "camera", &camera, ACTOR, &d))
		fail_msg("product add: %s", d.message);
	/* the second versions: the first ones minus their first components */
	a1 = json_array_size(a) > 10 ? json_array() : NULL;
	b1 = json_array();
	for (size_t i = 10; a1 && i < json_array_size(a); i++)
		json_array_append(a1, json_array_get(a, i));
	for (size_t i = 5; i < json_array_size(b); i++)
		json_array_append(b1, json_array_get(b, i));
	assert_non_null(a1);
	/* a version reached only through its firmware on its hardware (1.1.5:
	 * not vulnerable until the delta widens CVE-2023-1389), and one only
	 * through busybox, whose CVE the delta rejects (and no other busybox
	 * record changes): candidates by their product keys, and by their open
	 * finding */
	router.cpe = "cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.5:*:*:*:*:*:*:*";
	if (psirt_portfolio_product_add(s, "extender", &router, ACTOR, &d) ||
	    psirt_portfolio_product_add(s, "gateway", &camera, ACTOR, &d))
		fail_msg("product add: %s", d.message);
	/* the firmware CPE of every release (version *), no SBOM: each version
	 * is matched as its own release — 1.1.3 < 1.1.4 before the delta, 1.1.5
	 * only after it widens CVE-2023-1389 (incrementally, by product keys) */
	router.cpe = "cpe:2.3:o:tp-link:archer_ax21_firmware:*:*:*:*:*:*:*:*";
	if (psirt_portfolio_product_add(s, "ax21", &router, ACTOR, &d) ||
	    psirt_portfolio_version_add(s, "ax21", "1.1.3", NULL, ACTOR, &d) ||
	    psirt_portfolio_version_add(s, "ax21", "1.1.5", NULL, ACTOR, &d))
		fail_msg("product add: %s", d.message);
	import_sbom_new(s, "extender", "1.0",
	            json_pack("[{s:s, s:s, s:s}]", "type", "library", "name", "zz-unknown", "version",
	                      "1.0"));
	import_sbom_new(s, "gateway", "1.0",
	            json_pack("[{s:s, s:s, s:s, s:s}]", "type", "library", "name", "busybox",
	                      "version", "1.36.1", "cpe",
	                      "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*"));
	import_sbom(s, "router", "1.0", a);
	import_sbom(s, "router", "1.1", a1);
	import_sbom(s, "camera", "2.0", b);
	import_sbom(s, "camera", "2.1", b1);
	json_decref(a);
	json_decref(b);
	json_decref(a1);
	json_decref(b1);
	json_decref(seen);
}

/* mode 0: ends widened to 99.0.0, 1: narrowed to 0.0.1, 2: unchanged; a
 * newer lastModified (revert: newer still) */
static void rewrite_ends(json_t *v, int mode, int revert)
{
	json_t *cve = json_object_get(v, "cve"), *ms, *m;
	const char *to = mode ? "0.0.1" : "99.0.0";
	size_t mi;

	json_object_set_new(cve, "lastModified", json_string(revert ? "2028-01-01T00:00:00.000"
	                                                            : "2027-01-01T00:00:00.000"));
	if (mode == 2)
		return;
	ms = cpe_matches(v);
	json_array_foreach (ms, mi, m) {
		if (json_object_get(m, "versionEndExcluding"))
			json_object_set_new(m, "versionEndExcluding", json_string(to));
		if (json_object_get(m, "versionEndIncluding"))
			json_object_set_new(m, "versionEndIncluding", json_string(to));
	}
	json_decref(ms);
}

/* v as text, for a substring test (kept until the next call) */
static const char *json_dumps_tmp(json_t *v)
{
	static char *last;

	free(last);
	last = v ? json_dumps(v, JSON_COMPACT) : NULL;
	assert_true(!v || last);
	return last;
}

static const char *cve_id(json_t *v)
{
	return json_string_value(json_object_get(json_object_get(v, "cve"), "id"));
}

/* Every other record, rewritten; CVE-2023-1389 widened, CVE-2023-28450
 * (the dnsmasq guess) narrowed whatever their place. revert: the same
 * records as the fixtures have them, newer than the delta's (the delta
 * undone). */
static void write_records(json_t *docs[2], const char *file, int revert)
{
	json_t *out = json_pack("{s:i, s:i, s:i, s:s, s:s, s:s, s:[]}", "resultsPerPage", 200,
	                        "startIndex", 0, "totalResults", 0, "format", "NVD_CVE", "version",
	                        "2.0", "timestamp", "2027-01-01T00:00:00.000", "vulnerabilities");
	json_t *list = json_object_get(out, "vulnerabilities");
	size_t k = 0, i;
	int f;
	char *p = path_in(file);

	for (f = 0; f < 2; f++) {
		json_t *v;

		json_array_foreach (json_object_get(docs[f], "vulnerabilities"), i, v) {
			const char *id = cve_id(v);
			int mode = -1;

			if (!strcmp(id, "CVE-2022-48174"))
				continue; /* rejected by update/3-rejected.json */
			if (strstr(json_dumps_tmp(v), "busybox:busybox"))
				continue; /* the gateway's busybox: reached by its open finding only */
			if (!strcmp(id, "CVE-2023-1389"))
				mode = 0;
			else if (!strcmp(id, "CVE-2023-28450"))
				mode = 1;
			else if (k++ % 2 == 0)
				mode = (int)(k / 2 % 3);
			if (mode < 0)
				continue;
			v = json_deep_copy(v);
			rewrite_ends(v, revert ? 2 : mode, revert);
			json_array_append_new(list, v);
		}
	}
	json_dumps_tmp(NULL);
	json_object_set_new(out, "totalResults", json_integer((json_int_t)json_array_size(list)));
	assert_int_equal(json_dump_file(out, p, JSON_COMPACT), 0);
	json_decref(out);
	free(p);
}

static void write_delta(json_t *docs[2], const char *file)
{
	write_records(docs, file, 0);
}

/* CVE-2023-28450 as a new CVE-2099-0001 whose criterion names any vendor's
 * dnsmasq before 99.0.0 (no NVD record does; JVN's and hand-made ones may). */
static void write_wild(json_t *doc, const char *file)
{
	json_t *list = json_object_get(doc, "vulnerabilities"), *v = NULL, *out, *cve, *m;
	size_t i;
	char *p = path_in(file);

	for (i = 0; !v && i < json_array_size(list); i++)
		if (!strcmp(cve_id(json_array_get(list, i)), "CVE-2023-28450"))
			v = json_deep_copy(json_array_get(list, i));
	assert_non_null(v);
	cve = json_object_get(v, "cve");
	json_object_set_new(cve, "id", json_string("CVE-2099-0001"));
	json_object_set_new(cve, "lastModified", json_string("2027-01-01T00:00:00.000"));
	m = json_array_get(json_object_get(json_array_get(json_object_get(json_array_get(
	                                                      json_object_get(cve, "configurations"),
	                                                      0),
	                                                  "nodes"),
	                                  0),
	                   "cpeMatch"),
	                   0);
	assert_non_null(m);
	json_object_set_new(m, "criteria", json_string("cpe:2.3:a:*:dnsmasq:*:*:*:*:*:*:*:*"));
	json_object_set_new(m, "versionEndExcluding", json_string("99.0.0"));
	json_object_del(m, "matchCriteriaId");
	out = json_pack("{s:i, s:i, s:i, s:s, s:s, s:s, s:[o]}", "resultsPerPage", 1, "startIndex", 0,
	                "totalResults", 1, "format", "NVD_CVE", "version", "2.0", "timestamp",
	                "2027-01-01T00:00:00.000", "vulnerabilities", v);
	assert_int_equal(json_dump_file(out, p, JSON_COMPACT), 0);
	json_decref(out);
	free(p);
}

/* GHSA-jfh8-c2jp-5v3q modified: its first range fixed in 2.17.0, not 2.15.0 */
static void write_osv(const char *file)
{
	json_t *r = load_fixture("osv/records/GHSA-jfh8-c2jp-5v3q.json");
	json_t *ev = json_object_get(
		json_array_get(json_object_get(json_array_get(json_object_get(r, "affected"), 0),
		                               "ranges"),
		               0),
		"events");
	char *p = path_in(file);

	assert_non_null(json_object_get(json_array_get(ev, 1), "fixed"));
	json_object_set_new(json_array_get(ev, 1), "fixed", json_string("2.17.0"));
	json_object_set_new(r, "modified", json_string("2027-01-01T00:00:00Z"));
	assert_int_equal(json_dump_file(r, p, JSON_COMPACT), 0);
	json_decref(r);
	free(p);
}

static void import_nvd(struct psirt_store *s, const char *path)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_feed_stats st;
	const char *paths[1] = { path };

	memset(&st, 0, sizeof st);
	if (psirt_feed_import(s, PSIRT_FEED_NVD, paths, 1, NULL, &st, &d))
		fail_msg("import %s: %s", path, d.message);
}

/* What a run reported of its progress. */
struct progress_log {
	int phase;        /* the last one; -1 before the first report */
	int out_of_order; /* a phase before the one reported last */
	int lasts;        /* reports with last set */
	size_t done, versions, created;
};

static void log_progress(void *ctx, const struct psirt_findings_progress *p)
{
	struct progress_log *l = ctx;

	if ((int)p->phase < l->phase || l->lasts)
		l->out_of_order = 1;
	l->phase = (int)p->phase;
	l->lasts += p->last;
	l->done = p->versions_done;
	l->versions = p->versions;
	l->created = p->created;
}

/* bulk: psirt_findings_match_opts.bulk (1: indexes dropped and rebuilt);
 * the run's progress reports are checked too: phases in order, one last
 * report, every version written, the new findings counted */
static void match_bulk(struct psirt_store *s, int all, int bulk,
                       struct psirt_findings_match_stats *st)
{
	struct progress_log log = { -1, 0, 0, 0, 0, 0 };
	struct psirt_findings_match_opts o = { NULL,         NULL, all,  ACTOR, bulk,
		                               log_progress, &log, NULL, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (psirt_findings_match(s, &o, st, &d))
		fail_msg("match: %s", d.message);
	assert_int_equal(st->bulk, bulk > 0);
	assert_false(log.out_of_order);
	assert_int_equal(log.lasts, 1);
	assert_int_equal(log.phase, PSIRT_FINDINGS_PHASE_COMMIT);
	assert_int_equal(log.done, st->versions);
	assert_int_equal(log.versions, st->versions);
	assert_int_equal(log.created, st->created);
}

static void match(struct psirt_store *s, int all, struct psirt_findings_match_stats *st)
{
	match_bulk(s, all, -1, st);
}

#define S(x) ((x) ? (x) : "(null)")

/* Every finding, every field the API shows, one line each. */
static char *findings_text(struct psirt_store *s, size_t *open)
{
	struct psirt_findings_filter f;
	struct psirt_findings_list *l = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i;

	memset(&f, 0, sizeof f);
	if (psirt_findings_list(s, &f, &l, &d))
		fail_msg("list: %s", d.message);
	*open = 0;
	for (i = 0; i < l->n; i++) {
		const struct psirt_finding *x = &l->items[i];

		*open += !strcmp(x->state, "in_triage") || !strcmp(x->state, "affected");
		psirt_buf_addf(&b,
		               "%lld %s %s %s %s %s %s %s %s %s first=%s last=%s kev=%d %s %s %s %s"
		               " P%d %s %s %s %s\n  %s\n  %s\n",
		               x->id, x->product, x->version, x->component, S(x->component_purl),
		               x->vuln, x->record, x->source, x->confidence, S(x->closed_at),
		               x->first_seen, x->last_seen, x->kev, x->state, S(x->justification),
		               S(x->ssvc), S(x->policy), x->priority, S(x->deadline),
		               S(x->response_class), S(x->reason), S(x->ssvc_inputs), x->evidence,
		               S(x->comment));
	}
	psirt_findings_list_free(l);
	return psirt_buf_detach(&b, NULL);
}

/* The indexes and triggers of finding, with their SQL, one per line
 * (owned). */
static char *finding_schema(const char *name)
{
	sqlite3 *db = db_in(name);
	sqlite3_stmt *st;
	char *text;

	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT group_concat(name || ': ' || coalesce(sql, ''),"
	                                    " char(10)) FROM (SELECT name, sql FROM sqlite_schema"
	                                    " WHERE type IN ('index', 'trigger')"
	                                    " AND tbl_name = 'finding'"
	                                    " ORDER BY name)",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	text = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_non_null(text);
	return text;
}

/* The text of each row of sql's result, columns separated by " | ", one
 * row a line, NULL as "(null)" (owned). */
static char *rows_text(const char *name, const char *sql)
{
	sqlite3 *db = db_in(name);
	struct psirt_buf b = PSIRT_BUF_INIT;
	sqlite3_stmt *st;
	int rc, i;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);

			psirt_buf_addf(&b, "%s%s", i ? " | " : "", v ? v : "(null)");
		}
		psirt_buf_addch(&b, '\n');
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_false(psirt_buf_error(&b));
	return psirt_buf_detach(&b, NULL);
}

/* Every finding's audit rows, by finding, each finding's in the order
 * they were written (their order among findings is not kept: a bulk run
 * audits a decision as it writes the finding, a run row by row in its
 * triage after every version). */
static char *audit_text(const char *name)
{
	return rows_text(name, "SELECT entity_id, field, old_value, new_value, comment, actor, at"
	                       " FROM audit_log WHERE entity = 'finding'"
	                       " ORDER BY CAST(entity_id AS INTEGER), id");
}

static char *finding_day_text(const char *name)
{
	return rows_text(name, "SELECT day, opened, closed FROM finding_day ORDER BY day");
}

/* Fails, printing both, unless text a (of the run called la) equals text
 * b (of lb's). */
static void same_texts(const char *what, const char *la, const char *a, const char *lb,
                       const char *b)
{
	if (strcmp(a, b)) {
		fprintf(stderr, "%s:\n%s\n%s:\n%s\n", la, a, lb, b);
		fail_msg("%s: the %s differs from the %s", what, la, lb);
	}
}

static void same_text(const char *what, const char *bulk, const char *want)
{
	same_texts(what, "bulk run", bulk, "run row by row", want);
}

/* The records (NVD, KEV, EPSS, OSV) and the portfolio every run here
 * matches, into a new store a. */
static void fill(struct psirt_store *a, json_t *docs[2])
{
	struct psirt_feed_stats fst;

	memset(&fst, 0, sizeof fst);
	assert_int_equal(tss_import(a, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &fst, NULL), 0);
	assert_int_equal(tss_import(a, PSIRT_FEED_NVD, "nvd/nvd-cves-iot-2.json.xz", &fst, NULL), 0);
	assert_int_equal(tss_import(a, PSIRT_FEED_KEV, "kev/kev-subset.json", &fst, NULL), 0);
	/* EPSS (a triage input: exploitation when not KEV-listed): hand-made
	 * scores for two CVEs the portfolio has, one past SSVC's threshold */
	{
		char *p = path_in("epss.csv");
		FILE *f = fopen(p, "w");
		struct psirt_diag d = PSIRT_DIAG_INIT;
		const char *paths[1] = { p };

		assert_non_null(f);
		fputs("#model_version:v2025.03.14,score_date:2026-01-10T12:55:00Z\n"
		      "cve,epss,percentile\n"
		      "CVE-2023-28450,0.51234,0.97100\n"
		      "CVE-2022-48174,0.00012,0.05000\n",
		      f);
		assert_int_equal(fclose(f), 0);
		memset(&fst, 0, sizeof fst);
		if (psirt_feed_import(a, PSIRT_FEED_EPSS, paths, 1, NULL, &fst, &d))
			fail_msg("import %s: %s", p, d.message);
		free(p);
	}
	assert_int_equal(tss_import(a, PSIRT_FEED_OSV, "osv/records/GHSA-jfh8-c2jp-5v3q.json", &fst,
	                            NULL),
	                 0);
	build_portfolio(a, docs);
}

/* A bulk run writes what a run row by row writes (the findings, their
 * audit rows, the findings per day), and puts every index back: name the
 * store (closed) to copy, whether the run has first matches (it reads
 * their triage inputs apart: stats.triage_apart), the findings text to
 * expect and the store the run row by row wrote (its audit rows and
 * findings per day). */
static void check_bulk(const char *from, int all, int apart, const char *want, const char *ref)
{
	struct psirt_findings_match_stats st;
	struct psirt_store *s;
	char *idx_before, *idx_after, *text, *audit, *want_audit, *days, *want_days;
	size_t open;

	want_audit = audit_text(ref);
	want_days = finding_day_text(ref);
	/* what the comparison is about is there */
	assert_non_null(strstr(want_audit, " | state | (null) | in_triage | found by psirt match | "));
	assert_non_null(strstr(want_audit, " | priority | (null) | P"));
	assert_non_null(strstr(want_days, "2026-01-15 | ")); /* TSS_NOW's day */
	/* decisions of several response classes (their audit text is
	 * rebuilt from the finding's row by a bulk run) */
	{
		const char *classes[] = { " recall due ", " improvement due ", " campaign due ",
			                  " routine due " };
		int seen = 0;

		for (size_t i = 0; i < 4; i++)
			seen += strstr(want_audit, classes[i]) != NULL;
		assert_true(seen >= 3);
	}
	copy_file(from, "bulk.db");
	idx_before = finding_schema("bulk.db");
	assert_non_null(strstr(idx_before, "finding_page_open_priority: CREATE INDEX"));
	assert_non_null(strstr(idx_before, "finding_day_insert: CREATE TRIGGER"));
	assert_non_null(strstr(idx_before, "triage_finding_ins: CREATE TRIGGER"));
	s = open_store("bulk.db");
	match_bulk(s, all, 1, &st);
	/* a file: the first matches' triage inputs were read on a second
	 * connection while the index loaded */
	assert_int_equal(st.triage_apart, apart);
	text = findings_text(s, &open);
	same_text("findings", text, want);
	psirt_store_close(s);
	idx_after = finding_schema("bulk.db");
	assert_string_equal(idx_after, idx_before);
	audit = audit_text("bulk.db");
	same_text("audit rows", audit, want_audit);
	days = finding_day_text("bulk.db");
	same_text("findings per day", days, want_days);
	free(idx_before);
	free(idx_after);
	free(text);
	free(audit);
	free(want_audit);
	free(days);
	free(want_days);
}

/* Without a file (":memory:") a bulk run reads the triage inputs on its
 * own connection, after the index: the same findings and decisions as the
 * run row by row (want) and as the bulk run on a file (check_bulk). */
static void check_serial(json_t *docs[2], const char *want)
{
	struct psirt_findings_match_stats st;
	struct psirt_store *s = tss_store();
	char *text;
	size_t open;

	fill(s, docs);
	match_bulk(s, 0, 1, &st);
	assert_int_equal(st.triage_apart, 0);
	assert_true(st.created > 50);
	text = findings_text(s, &open);
	same_text("findings (in memory)", text, want);
	free(text);
	psirt_store_close(s);
}

/* psirt_store_triage_vulns into a fresh arena (released by the caller) */
static struct psirt_store_triage_vuln *triage_vulns(struct psirt_store *s, struct psirt_arena *a,
                                                    size_t *n)
{
	struct psirt_store_triage_vuln *v = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	psirt_arena_init(a, 0);
	if (psirt_store_triage_vulns(s, NULL, 0, a, &v, n, &d))
		fail_msg("triage inputs: %s", d.message);
	return v;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* the first difference of two lists of triage inputs, or -1 */
static long first_difference(const struct psirt_store_triage_vuln *a, size_t na,
                             const struct psirt_store_triage_vuln *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na && i < nb; i++) {
		if (strcmp(a[i].name, b[i].name) || !same_str(a[i].kev_date, b[i].kev_date) ||
		    !same_str(a[i].cvss, b[i].cvss) || a[i].epss != b[i].epss)
			return (long)i;
	}
	return na == nb ? -1 : (long)i;
}

/* A second connection (psirt_store_open_reader, what a bulk run reads its
 * triage inputs on while the index loads) reads the triage inputs the
 * store's own reads in its transaction before a write, and the last
 * commit's still once that transaction has written: it is a connection of
 * its own, which cannot write; a store without a file has none. */
static void check_reader(const char *from)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s, *r = NULL, *mem = tss_store();
	struct psirt_arena am, ar, am2, ar2;
	struct psirt_store_triage_vuln *tm, *tr, *tm2, *tr2;
	size_t nm, nr, nm2, nr2, i, kev = 0, epss = 0, cvss = 0;
	struct psirt_epss_score e = { NULL, 0.75, 0.99, 1, "v2025.03.14",
		                      "2026-01-11T00:00:00.000Z" };
	enum psirt_store_outcome outcome;
	long at = -1;

	assert_int_equal(psirt_store_open_reader(mem, &r, &d), PSIRT_EUNSUPPORTED);
	assert_null(r);
	psirt_diag_release(&d);
	psirt_store_close(mem);

	copy_file(from, "reader.db");
	s = open_store("reader.db");
	if (psirt_store_begin(s, &d) || psirt_store_open_reader(s, &r, &d))
		fail_msg("reader: %s", d.message);
	tm = triage_vulns(s, &am, &nm);
	tr = triage_vulns(r, &ar, &nr);
	assert_int_equal(first_difference(tm, nm, tr, nr), -1);
	/* what is compared is there: KEV dates, EPSS scores, CVSS vectors */
	for (i = 0; i < nm; i++) {
		kev += tm[i].kev_date != NULL;
		epss += tm[i].epss >= 0;
		cvss += tm[i].cvss != NULL;
		if (at < 0 && tm[i].epss < 0 && !strncmp(tm[i].name, "CVE-", 4))
			at = (long)i;
	}
	assert_true(nm > 100);
	assert_true(kev > 0);
	assert_int_equal(epss, 2);
	assert_true(cvss > 100);
	assert_true(at >= 0);
	e.cve = tm[at].name;
	/* read-only */
	assert_int_equal(psirt_store_epss_upsert(r, &e, &outcome, &d), PSIRT_ESTORE);
	psirt_diag_release(&d);
	/* the store's transaction writes: its own reads see it, the second
	 * connection's do not */
	if (psirt_store_epss_upsert(s, &e, &outcome, &d))
		fail_msg("epss: %s", d.message);
	assert_int_equal(outcome, PSIRT_STORE_ADDED);
	tm2 = triage_vulns(s, &am2, &nm2);
	tr2 = triage_vulns(r, &ar2, &nr2);
	assert_int_equal(first_difference(tm, nm, tr2, nr2), -1);
	assert_int_equal(first_difference(tm, nm, tm2, nm2), at);
	assert_true(tm2[at].epss == 0.75);
	psirt_store_close(r);
	psirt_store_rollback(s);
	psirt_store_close(s);
	psirt_arena_release(&am);
	psirt_arena_release(&ar);
	psirt_arena_release(&am2);
	psirt_arena_release(&ar2);
}

/* Every finding's evidence of store name is stored packed and unpacks to
 * the text the page reader (psirt_findings_list) and the incremental
 * reader (psirt_store_findings_of) give; each of these texts (every
 * evidence the fixtures produce) packs and unpacks to itself. */
static void check_packed(const char *name)
{
	struct ts_suite t = { "evidence stored packed", 0, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = open_store(name);
	sqlite3 *db = db_in(name);
	struct psirt_findings_filter f;
	struct psirt_findings_list *l = NULL;
	struct psirt_evpack *p;
	struct psirt_buf raw = PSIRT_BUF_INIT, back = PSIRT_BUF_INIT, again = PSIRT_BUF_INIT;
	struct psirt_arena a;
	sqlite3_stmt *one, *vers;
	size_t i, packed = 0, text = 0;

	psirt_arena_init(&a, 0);
	memset(&f, 0, sizeof f);
	if (psirt_evpack_new(&p, &d) || psirt_findings_list(s, &f, &l, &d))
		fail_msg("list: %s", d.message);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT evidence FROM finding_evidence WHERE finding = ?1",
	                                    -1, &one, NULL),
	                 SQLITE_OK);
	for (i = 0; i < l->n; i++) {
		const struct psirt_finding *x = &l->items[i];
		int blob;

		sqlite3_bind_int64(one, 1, x->id);
		assert_int_equal(sqlite3_step(one), SQLITE_ROW);
		blob = sqlite3_column_type(one, 0) == SQLITE_BLOB;
		psirt_buf_reset(&raw);
		psirt_buf_reset(&back);
		psirt_buf_reset(&again);
		if (blob)
			psirt_evpack_unpack(p, sqlite3_column_blob(one, 0),
			                    (size_t)sqlite3_column_bytes(one, 0), &raw, &d);
		sqlite3_reset(one);
		ts_case(&t, blob && !d.code && !strcmp(raw.p, x->evidence),
		        "finding %lld: stored %s, %s", x->id, blob ? "packed" : "as text",
		        d.message ? d.message : "");
		psirt_diag_release(&d);
		psirt_evpack_pack(p, x->evidence, strlen(x->evidence), &again, &d);
		psirt_evpack_unpack(p, again.p, again.len, &back, &d);
		ts_case(&t, !d.code && !strcmp(back.p, x->evidence), "finding %lld round trip: %s",
		        x->id, d.message ? d.message : "");
		psirt_diag_release(&d);
		packed += again.len;
		text += strlen(x->evidence);
	}
	assert_true(l->n > 50);
	/* the incremental reader, version by version */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT DISTINCT version_id FROM finding", -1, &vers,
	                                    NULL),
	                 SQLITE_OK);
	while (sqlite3_step(vers) == SQLITE_ROW) {
		struct psirt_store_finding_row *rows;
		size_t n, j;

		if (psirt_store_findings_of(s, sqlite3_column_int64(vers, 0), 0, &a, &rows, &n, &d))
			fail_msg("findings_of: %s", d.message);
		for (j = 0; j < n; j++) {
			const char *ev = NULL;

			for (i = 0; i < l->n && l->items[i].id != rows[j].id; i++)
				;
			ts_case(&t, i < l->n, "findings_of, finding %lld: listed", rows[j].id);
			/* read on its own, as a run reads it without a hash */
			if (psirt_store_finding_evidence(s, rows[j].id, &a, &ev, &d))
				fail_msg("finding_evidence: %s", d.message);
			ts_case(&t, ev && i < l->n && !strcmp(ev, l->items[i].evidence),
			        "finding_evidence, finding %lld", rows[j].id);
			/* its hash, as the run found it */
			ts_case(&t, rows[j].has_hash, "finding %lld has its found_hash", rows[j].id);
		}
	}
	fprintf(stderr, "  %zu findings' evidence: %zu bytes of text, %zu packed\n", l->n, text,
	        packed);
	ts_suite_end(&t);
	sqlite3_finalize(vers);
	sqlite3_finalize(one);
	sqlite3_close(db);
	psirt_findings_list_free(l);
	psirt_evpack_free(p);
	psirt_buf_release(&raw);
	psirt_buf_release(&back);
	psirt_buf_release(&again);
	psirt_arena_release(&a);
	psirt_store_close(s);
}

/* A run with the caller's index (psirt_findings_match_opts.index, as the
 * server keeps one) on a copy of store from: with the generation it was
 * loaded at; the run's stats. */
static void match_given(const char *from, const struct psirt_match_index *idx,
                        unsigned long long gen, struct psirt_findings_match_stats *st,
                        char **text)
{
	struct psirt_findings_match_opts o = { NULL, NULL, 0, ACTOR, -1, NULL, NULL, idx, gen };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	size_t open;

	copy_file(from, "given.db");
	s = open_store("given.db");
	if (psirt_findings_match(s, &o, st, &d))
		fail_msg("match: %s", d.message);
	*text = findings_text(s, &open);
	psirt_store_close(s);
}

/* The caller's index is used while the records' generation is the one it
 * was loaded at, and ignored (the run loads its own) once it is not: an
 * empty index from an empty store stands for one that no longer fits. */
static void check_given_index(const char *from, const char *want)
{
	struct psirt_store *s = open_store(from), *empty = tss_store();
	struct psirt_match_index *full = NULL, *none = NULL;
	struct psirt_findings_match_stats st;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	unsigned long long gen = 0;
	char *text;

	assert_int_equal(psirt_store_records_generation(s, &gen, &d), PSIRT_OK);
	assert_true(gen > 0); /* every record imported counted */
	if (psirt_match_index_load(s, &full, &d) || psirt_match_index_load(empty, &none, &d))
		fail_msg("index: %s", d.message);
	psirt_store_close(s);
	psirt_store_close(empty);
	/* the right index, current: the same findings */
	match_given(from, full, gen, &st, &text);
	assert_string_equal(text, want);
	free(text);
	/* an index of other records, said to be current: used (nothing found) */
	match_given(from, none, gen, &st, &text);
	assert_int_equal(st.created, 0);
	free(text);
	/* the same, from another generation: ignored */
	match_given(from, none, gen - 1, &st, &text);
	assert_string_equal(text, want);
	free(text);
	psirt_match_index_free(full);
	psirt_match_index_free(none);
}

static long long ax21_rule;

/* The one finding of product/version/vuln (kept until the next call). */
static const struct psirt_finding *one_finding(struct psirt_store *s, const char *product,
                                               const char *version, const char *vuln)
{
	static struct psirt_findings_list *l;
	struct psirt_findings_filter f;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	psirt_findings_list_free(l);
	l = NULL;
	if (!s)
		return NULL;
	memset(&f, 0, sizeof f);
	f.product = product;
	f.version = version;
	f.vuln = vuln;
	if (psirt_findings_list(s, &f, &l, &d))
		fail_msg("list: %s", d.message);
	assert_int_equal(l->n, 1);
	return &l->items[0];
}

static int has_finding(const char *text, const char *needle)
{
	return strstr(text, needle) != NULL;
}

/* How many new findings the rows of audit_log above id after (one run's)
 * decide (their "priority" row from nothing), and how many of those have
 * it next to their own earlier rows, no other finding's row between: all
 * of them when the run decided each as it wrote it, none but the last
 * (row by row) when its triage decided them after every version. */
static void decided_as_written(const char *name, long long after, long long *decided,
                               long long *next_to)
{
	sqlite3 *db = db_in(name);
	char *sql = sqlite3_mprintf("SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM audit_log o"
	                            " WHERE o.id > %lld AND o.id < p.id AND o.entity_id <> p.entity_id"
	                            " AND o.id > (SELECT min(s.id) FROM audit_log s"
	                            "  WHERE s.entity = 'finding' AND s.entity_id = p.entity_id"
	                            "  AND s.id > %lld))), 0)"
	                            " FROM audit_log p WHERE p.id > %lld AND p.entity = 'finding'"
	                            " AND p.field = 'priority' AND p.old_value IS NULL",
	                            after, after, after);
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*decided = sqlite3_column_int64(st, 0);
	*next_to = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	sqlite3_free(sql);
}

/* Versions whose found digest is known (match_version.found_digest), in
 * the store file name. */
static long long digests_known(const char *name)
{
	sqlite3 *db = db_in(name);
	long long n = tss_sqlite_int(db, "SELECT count(*) FROM match_version"
	                                 " WHERE found_digest IS NOT NULL");

	sqlite3_close(db);
	return n;
}

/* A full re-match (psirt match --all) skips the versions whose findings are
 * found as their last full match left them (the found digest, migration
 * 19), and only those: after a first match, every version; after an
 * analyst's state change, all but that finding's version, where the
 * finding is reopened as before digests; after a delta that an incremental
 * run wrote and its revert, the versions that run wrote are compared again
 * — the re-match then equals an incremental run after the revert (kept
 * digests of the first match would leave the delta's findings as they
 * were). from: a store filled, never matched (closed). */
static void check_digest(const char *from, json_t *docs[2])
{
	struct psirt_findings_match_stats st, s2;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s, *s2tore;
	char *first, *text, *text2, *file;
	size_t open, versions, changed = 0;
	const struct psirt_finding *f;

	copy_file(from, "digest.db");
	s = open_store("digest.db");
	match(s, 0, &st);
	versions = st.versions;
	assert_true(versions > 2);
	assert_int_equal(st.unchanged, 0);
	assert_int_equal(digests_known("digest.db"), (long long)versions);
	first = findings_text(s, &open);

	match(s, 1, &st);
	assert_int_equal(st.versions, versions);
	assert_int_equal(st.unchanged, versions);
	assert_int_equal(st.created + st.reopened + st.fixed + st.withdrawn, 0);
	text = findings_text(s, &open);
	assert_string_equal(text, first);
	free(text);

	/* findings written before found_hash (as a migrated store has them):
	 * compared field by field and given their hash, nothing else written;
	 * one whose stored record differs is refreshed */
	{
		sqlite3 *db = db_in("digest.db");
		long long total = tss_sqlite_int(db, "SELECT count(*) FROM finding");

		tss_sqlite_exec(db, "UPDATE finding SET found_hash = NULL;"
		                    " UPDATE finding SET record = 'stale' WHERE id = 1;"
		                    " UPDATE match_version SET found_digest = NULL");
		match(s, 1, &st);
		assert_int_equal(st.unchanged, 0);
		assert_int_equal(st.created + st.reopened + st.fixed + st.withdrawn, 0);
		assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding"
		                                    " WHERE found_hash IS NOT NULL"),
		                 total);
		assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding"
		                                    " WHERE record = 'stale'"),
		                 0);
		sqlite3_close(db);
		text = findings_text(s, &open);
		assert_string_equal(text, first);
		free(text);
	}

	/* an analyst's "fixed" on a finding still found */
	f = one_finding(s, "ax21", "1.1.3", "CVE-2023-1389");
	assert_string_equal(f->state, "in_triage");
	if (psirt_findings_set(s, f->id, "fixed", NULL, "patched in the field", 0, "analyst",
	                       &changed, &d))
		fail_msg("set: %s", d.message);
	assert_int_equal(changed, 1);
	assert_int_equal(digests_known("digest.db"), (long long)versions - 1);
	match(s, 1, &st);
	assert_int_equal(st.unchanged, versions - 1);
	assert_int_equal(st.reopened, 1);
	assert_string_equal(one_finding(s, "ax21", "1.1.3", "CVE-2023-1389")->state, "in_triage");
	assert_int_equal(digests_known("digest.db"), (long long)versions);

	/* a delta written by an incremental run, then undone */
	write_delta(docs, "digest-delta.json");
	file = path_in("digest-delta.json");
	import_nvd(s, file);
	free(file);
	match(s, 0, &st);
	assert_true(st.created > 0 && st.fixed > 0);
	assert_true(digests_known("digest.db") < (long long)versions);
	write_records(docs, "digest-revert.json", 1);
	file = path_in("digest-revert.json");
	import_nvd(s, file);
	free(file);
	psirt_store_close(s);
	copy_file("digest.db", "digest2.db");
	s = open_store("digest.db");
	s2tore = open_store("digest2.db");
	match(s, 0, &st);     /* incremental */
	match(s2tore, 1, &s2); /* psirt match --all */
	assert_true(st.reopened > 0 || st.fixed > 0);
	assert_true(s2.unchanged < versions);
	text = findings_text(s, &open);
	text2 = findings_text(s2tore, &open);
	same_texts("after a delta and its revert", "incremental run", text, "full re-match", text2);
	one_finding(NULL, NULL, NULL, NULL);
	psirt_store_close(s);
	psirt_store_close(s2tore);
	free(text);
	free(text2);
	free(first);
	psirt_diag_release(&d);
}

static void test_incremental_equals_full(void **state)
{
	json_t *docs[2];
	struct psirt_store *a, *b;
	struct psirt_findings_match_stats sa, sb, s0;
	char *delta, *wild, *rejected = ts_data_path("nvd/update/3-rejected.json");
	char *before, *ta, *tb;
	size_t open0, open_a, open_b;
	struct psirt_feed_stats fst;
	long long audit_before;

	(void)state;
	assert_non_null(mkdtemp(tmpdir));
	delta = path_in("delta.json");
	wild = path_in("wild.json");
	docs[0] = load_fixture("nvd/nvd-cves-iot.json");
	docs[1] = load_fixture("nvd/nvd-cves-iot-2.json.xz");
	a = open_store("a.db");
	fill(a, docs);
	psirt_store_close(a);
	copy_file("a.db", "first.db");
	a = open_store("a.db");
	match(a, 0, &s0);
	before = findings_text(a, &open0);
	check_packed("a.db");
	check_bulk("first.db", 0, 1, before, "a.db");
	check_serial(docs, before);
	check_reader("first.db");
	check_given_index("first.db", before);
	check_digest("first.db", docs);
	/* the cases the delta is about are there before it */
	assert_true(has_finding(before, " router 1.0  (null) CVE-2023-1389 CVE-2023-1389 nvd"));
	assert_true(has_finding(before, "dnsmasq@2.89 (null) CVE-2023-28450 CVE-2023-28450 nvd low"));
	assert_true(has_finding(before, "CVE-2022-48174"));
	assert_true(has_finding(before, " log4j-core@2.14.1 pkg:maven/"));
	assert_false(has_finding(before, " log4j-core@2.16.0 pkg:maven/"));
	assert_true(s0.created > 50);
	assert_true(has_finding(before, " ax21 1.1.3  (null) CVE-2023-1389 CVE-2023-1389 nvd high"));
	assert_true(has_finding(before, "EPSS 0.512 >= "));
	assert_true(has_finding(before, "\"identity\":\"cpe:2.3:o:tp-link:archer_ax21_firmware:1.1.3:"));
	assert_false(has_finding(before, " ax21 1.1.5 "));

	/* a product-wide analysis of ax21 1.1.3's CVE-2023-1389: carried to
	 * 1.1.5 when the delta makes it vulnerable, by either run */
	{
		struct psirt_diag d = PSIRT_DIAG_INIT;
		const struct psirt_finding *f = one_finding(a, "ax21", "1.1.3", "CVE-2023-1389");
		size_t changed = 0;

		if (psirt_findings_set(a, f->id, "not_affected", "vulnerable_code_not_present",
		                       "the web UI is not built", 1, "analyst", &changed, &d))
			fail_msg("set: %s", d.message);
		assert_int_equal(changed, 1);
		ax21_rule = f->id;
	}
	write_delta(docs, "delta.json");
	import_nvd(a, delta);
	import_nvd(a, rejected);
	write_osv("osv.json");
	{
		struct psirt_diag d = PSIRT_DIAG_INIT;
		char *p = path_in("osv.json");
		const char *paths[1] = { p };

		memset(&fst, 0, sizeof fst);
		if (psirt_feed_import(a, PSIRT_FEED_OSV, paths, 1, NULL, &fst, &d))
			fail_msg("import %s: %s", p, d.message);
		free(p);
	}
	assert_false(has_finding(before, "OSV-2022-312"));
	assert_int_equal(tss_import(a, PSIRT_FEED_OSV, "osv/match/OSV-2022-312.json", &fst, NULL), 0);
	assert_int_equal(tss_import(a, PSIRT_FEED_OSV, "osv/match/OSV-2017-79.json", &fst, NULL), 0);
	psirt_store_close(a);
	copy_file("a.db", "b.db");
	copy_file("a.db", "pre.db");
	a = open_store("a.db");
	b = open_store("b.db");

	{
		sqlite3 *db = db_in("a.db");

		audit_before = tss_sqlite_int(db, "SELECT coalesce(max(id), 0) FROM audit_log");
		sqlite3_close(db);
	}
	match(a, 0, &sa); /* incremental */
	match(b, 1, &sb); /* psirt match --all */
	/* the incremental run decided its new findings as it wrote them
	 * (struct run's decide_delta), the full re-match in its triage: the
	 * same rows (below), written in another order */
	{
		long long decided_a, next_a, decided_b, next_b;

		decided_as_written("a.db", audit_before, &decided_a, &next_a);
		decided_as_written("b.db", audit_before, &decided_b, &next_b);
		assert_true(decided_a > 1);
		assert_int_equal(next_a, decided_a);
		assert_int_equal(decided_b, decided_a);
		assert_true(next_b < decided_b);
	}
	ta = findings_text(a, &open_a);
	tb = findings_text(b, &open_b);
	same_texts("findings", "incremental run", ta, "full re-match", tb);
	/* the same audit rows (each finding's, in order: closed, found and
	 * decided, withdrawn) and findings per day */
	{
		char *aa = audit_text("a.db"), *ab = audit_text("b.db");
		char *da = finding_day_text("a.db"), *db = finding_day_text("b.db");

		same_texts("audit rows", "incremental run", aa, "full re-match", ab);
		same_texts("findings per day", "incremental run", da, "full re-match", db);
		assert_non_null(strstr(aa, " | state | in_triage | withdrawn | vulnerability withdrawn"));
		assert_non_null(strstr(aa, " | state | in_triage | fixed | no longer matches"));
		free(aa);
		free(ab);
		free(da);
		free(db);
	}
	/* the incremental run's rewritten evidence too */
	check_packed("a.db");
	/* and in bulk (which a first match of many versions is) */
	check_bulk("pre.db", 1, 0, tb, "b.db");
	/* every version as if never matched: the bulk run decides what it
	 * finds as it writes it, but not ax21 1.1.5's CVE-2023-1389, which
	 * the product-wide analysis closes (triage never decides a closed
	 * finding) */
	{
		sqlite3 *db = db_in("pre.db");

		tss_sqlite_exec(db, "DELETE FROM match_version");
		sqlite3_close(db);
	}
	check_bulk("pre.db", 0, 1, tb, "b.db");
	print_message("  incremental: %zu versions, %zu changed vulns: %zu new, %zu reopened,"
	              " %zu kept, %zu fixed, %zu withdrawn; full: %zu versions\n",
	              sa.versions, sa.changed_vulns, sa.created, sa.reopened, sa.seen, sa.fixed,
	              sa.withdrawn, sb.versions);
	/* it did open, close, keep and withdraw, and it was incremental */
	assert_true(sa.created > 0);
	assert_true(sa.fixed > 0);
	assert_true(sa.withdrawn > 0);
	assert_true(sa.seen > 0);
	assert_int_equal(sb.versions, 8);
	assert_false(has_finding(before, " extender 1.0  (null) CVE-2023-1389"));
	assert_true(has_finding(ta, " extender 1.0  (null) CVE-2023-1389 CVE-2023-1389 nvd high (null)"));
	{
		const struct psirt_finding *f = one_finding(a, "ax21", "1.1.5", "CVE-2023-1389");
		struct psirt_audit_entry *h;
		struct psirt_arena ar;
		size_t nh, i, carried = 0;
		char want[128];

		assert_string_equal(f->state, "not_affected");
		assert_string_equal(f->justification, "vulnerable_code_not_present");
		assert_string_equal(f->comment, "the web UI is not built");
		snprintf(want, sizeof want, "carried from the product-wide analysis of finding %lld by analyst",
		         ax21_rule);
		psirt_arena_init(&ar, 0);
		assert_int_equal(psirt_store_finding_history(a, f->id, &ar, &h, &nh, NULL), PSIRT_OK);
		for (i = 0; i < nh; i++)
			carried += h[i].comment && !strcmp(h[i].comment, want) &&
			           !strcmp(h[i].actor, ACTOR);
		assert_int_equal(carried, 2); /* state and justification */
		psirt_arena_release(&ar);
	}
	assert_true(has_finding(before, " gateway 1.0 busybox@1.36.1 (null) CVE-2022-48174"));
	assert_true(sa.changed_vulns > 30 && sa.changed_vulns < 113);
	assert_int_equal(sa.created, sb.created);
	assert_int_equal(sa.fixed, sb.fixed);
	assert_int_equal(sa.withdrawn, sb.withdrawn);
	/* the firmware-on-hardware finding is still there, with the widened
	 * range as its evidence; the name guess is closed */
	assert_true(has_finding(ta, " router 1.0  (null) CVE-2023-1389 CVE-2023-1389 nvd high (null)"));
	assert_true(has_finding(ta, " gateway 1.0 busybox@1.36.1 (null) CVE-2022-48174 CVE-2022-48174"
	                            " nvd high 2026"));
	assert_true(has_finding(ta, "< 99.0.0"));
	assert_true(has_finding(ta, " log4j-core@2.16.0 pkg:maven/"));
	/* the OSS-Fuzz record: by tag and by commit (both versions of camera) */
	assert_true(has_finding(ta, " camera 2.0 dnsmasq@2.90 pkg:generic/dnsmasq@2.90 OSV-2022-312"
	                            " OSV-2022-312 osv medium"));
	assert_true(has_finding(ta, "version 2.90 listed as tag v2.90"));
	assert_true(has_finding(ta, " camera 2.0 curl@7.64.0 pkg:generic/curl@7.64.0 OSV-2017-79"
	                            " OSV-2017-79 osv medium"));
	assert_true(has_finding(ta, " camera 2.0 dnsmasq-fork@2.91 (null) OSV-2022-312 OSV-2022-312"
	                            " osv medium"));
	assert_true(has_finding(ta, "commit 03345ecefeb0d82e3c3a4c28f27c3554f0611b39 is an affected"));
	assert_true(has_finding(ta, "dnsmasq@2.89 (null) CVE-2023-28450 CVE-2023-28450 nvd low"));
	assert_true(strstr(ta, "CVE-2023-28450 CVE-2023-28450 nvd low 2026") != NULL);

	/* nothing changed since: both stay equal */
	match(a, 0, &sa);
	assert_int_equal(sa.run, 0);
	free(ta);
	ta = findings_text(a, &open_a);
	assert_string_equal(ta, tb);

	/* a record whose criterion has no literal vendor (cpe:2.3:a:*:dnsmasq):
	 * any CPE can reach it, the keys cannot narrow the candidates, every
	 * component of every version is matched against it (DELTA_ALL) */
	write_wild(docs[1], "wild.json");
	import_nvd(a, wild);
	import_nvd(b, wild);
	match(a, 0, &sa);
	match(b, 1, &sb);
	free(ta);
	free(tb);
	ta = findings_text(a, &open_a);
	tb = findings_text(b, &open_b);
	same_texts("findings (wild criterion)", "incremental run", ta, "full re-match", tb);
	assert_int_equal(sa.changed_vulns, 1);
	assert_int_equal(sa.versions, 8);
	assert_true(sa.created > 0);
	assert_true(has_finding(ta, " camera 2.0 dnsmasq@0.9 (null) CVE-2099-0001 CVE-2099-0001 nvd high"));

	one_finding(NULL, NULL, NULL, NULL);
	psirt_store_close(a);
	psirt_store_close(b);
	json_decref(docs[0]);
	json_decref(docs[1]);
	free(before);
	free(ta);
	free(tb);
	free(delta);
	free(wild);
	free(rejected);
	{
		char *p;
		const char *names[] = { "a.db", "b.db", "a.db-wal", "b.db-wal", "a.db-shm", "b.db-shm",
			                "first.db", "pre.db", "bulk.db", "bulk.db-wal", "bulk.db-shm",
			                "given.db", "given.db-wal", "given.db-shm", "reader.db",
			                "digest.db", "digest.db-wal", "digest.db-shm", "digest2.db",
			                "digest2.db-wal", "digest2.db-shm", "digest-delta.json",
			                "digest-revert.json",
			                "reader.db-wal", "reader.db-shm",
			                "delta.json", "wild.json", "osv.json", "epss.csv" };

		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			p = path_in(names[i]);
			unlink(p);
			free(p);
		}
		rmdir(tmpdir);
	}
}

/* Versions a run matches one at a time ------------------------------------
 *
 * A run computes up to two versions on worker threads while it writes a
 * third (findings.c, struct pipe), deciding jobs (first matches of a bulk
 * run) one at a time; it writes in version order. So it must leave the
 * store as runs of one version each (nothing in flight beside it), in that
 * order, do: the same findings, evidence, decisions and ids (new findings
 * take their ids in the order they are written). */

/* The portfolio of fill() with 24 more versions of router and camera, each
 * a different part of the components of build_portfolio's lists, so that
 * consecutive versions find different things. */
static void fill_many(struct psirt_store *s, json_t *docs[2])
{
	json_t *a = json_array(), *b = json_array(), *seen = json_object();
	char version[32];
	int k;

	fill(s, docs);
	portfolio_components(docs[0], a, b, seen);
	portfolio_components(docs[1], a, b, seen);
	for (k = 0; k < 12; k++) {
		json_t *ca = json_array(), *cb = json_array();

		for (size_t i = 0; i < json_array_size(a); i++)
			if ((i + (size_t)k) % 4)
				json_array_append(ca, json_array_get(a, i));
		for (size_t i = 0; i < json_array_size(b); i++)
			if ((i + (size_t)k) % 3 && i % 13 != (size_t)k)
				json_array_append(cb, json_array_get(b, i));
		snprintf(version, sizeof version, "1.%d", k + 2);
		import_sbom(s, "router", version, ca);
		snprintf(version, sizeof version, "3.%d", k);
		import_sbom(s, "camera", version, cb);
		json_decref(ca);
		json_decref(cb);
	}
	json_decref(a);
	json_decref(b);
	json_decref(seen);
}

/* Every version in the order a run writes them (psirt_store_match_versions:
 * by product name, then id), into arena a; *n of them. */
static struct psirt_store_match_version *run_order(struct psirt_store *s, struct psirt_arena *a,
                                                   size_t *n)
{
	struct psirt_store_match_version *v = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (psirt_store_match_versions(s, NULL, NULL, a, &v, n, &d))
		fail_msg("versions: %s", d.message);
	return v;
}

/* One run of one version (bulk: psirt_findings_match_opts.bulk). */
static void match_version(struct psirt_store *s, const struct psirt_store_match_version *v,
                          int bulk, struct psirt_findings_match_stats *st)
{
	struct psirt_findings_match_opts o = { .product = v->product, .version = v->version,
		                               .actor = ACTOR, .bulk = bulk };
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (psirt_findings_match(s, &o, st, &d))
		fail_msg("match %s %s: %s", v->product, v->version, d.message);
	assert_int_equal(st->versions, 1);
}

/* Two stores with the same portfolio, every third version already matched
 * alone (the others never: a bulk run decides theirs as it finds them, and
 * they alternate with versions that do not decide); then store p matched
 * by one run of every version (psirt match --all; bulk as given), store r
 * version by version. Returns p's findings text (owned); *st: p's run. */
static char *check_pipeline(json_t *docs[2], int bulk, struct psirt_findings_match_stats *st)
{
	struct psirt_store *p = tss_store(), *r = tss_store();
	struct psirt_findings_match_stats one;
	struct psirt_store_match_version *v, *vr;
	struct psirt_arena a;
	size_t n, nr, i, open;
	char *tp, *tr, *tv;

	psirt_arena_init(&a, 0);
	fill_many(p, docs);
	fill_many(r, docs);
	v = run_order(p, &a, &n);
	vr = run_order(r, &a, &nr);
	assert_int_equal(nr, n);
	assert_true(n >= 32);
	for (i = 0; i < n; i++)
		assert_int_equal(vr[i].id, v[i].id);
	for (i = 0; i < n; i += 3) {
		match_version(p, &v[i], -1, &one);
		match_version(r, &v[i], -1, &one);
	}
	match_bulk(p, 1, bulk, st);
	assert_int_equal(st->versions, n);
	assert_true(st->created > 200);
	for (i = 0; i < n; i++)
		match_version(r, &v[i], -1, &one);
	tp = findings_text(p, &open);
	tr = findings_text(r, &open);
	same_texts(bulk > 0 ? "bulk" : "row by row", "one run of every version", tp,
	           "runs of one version each", tr);
	/* and a re-match with nothing changed (the versions' jobs all at once,
	 * none deciding) keeps every finding as it is */
	match_bulk(r, 1, 0, &one);
	assert_int_equal(one.versions, n);
	assert_int_equal(one.created + one.reopened + one.fixed + one.withdrawn, 0);
	tv = findings_text(r, &open);
	same_texts("findings", "re-match with nothing changed", tv, "runs of one version each", tr);
	free(tr);
	free(tv);
	psirt_arena_release(&a);
	psirt_store_close(p);
	psirt_store_close(r);
	return tp;
}

static void test_pipeline_equals_one_by_one(void **state)
{
	json_t *docs[2];
	struct psirt_findings_match_stats sa, sb;
	char *ta, *tb;

	(void)state;
	/* a directory of its own (fill writes epss.csv there): the template
	 * again, the test before removed its directory */
	memcpy(tmpdir + sizeof tmpdir - 7, "XXXXXX", 6);
	assert_non_null(mkdtemp(tmpdir));
	docs[0] = load_fixture("nvd/nvd-cves-iot.json");
	docs[1] = load_fixture("nvd/nvd-cves-iot-2.json.xz");
	/* row by row: no job decides, two computed at a time throughout */
	ta = check_pipeline(docs, -1, &sa);
	/* bulk: the first matches decide, one at a time */
	tb = check_pipeline(docs, 1, &sb);
	same_text("findings (one run, bulk)", tb, ta);
	assert_int_equal(sb.created, sa.created);
	free(ta);
	free(tb);
	json_decref(docs[0]);
	json_decref(docs[1]);
	{
		char *p = path_in("epss.csv");

		unlink(p);
		free(p);
		rmdir(tmpdir);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_incremental_equals_full),
		cmocka_unit_test(test_pipeline_equals_one_by_one),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
