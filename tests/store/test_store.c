/* The store: opening and migrations, records of every shape round-tripped,
 * ordering, identity across sources (aliases and merges), KEV, EPSS,
 * transactions, feed state, audit log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "psirt/isotime.h"
#include "psirt/store.h"
#include "support/store_support.h"
#include "support/support.h"

static char *temp_path(const char *name)
{
	char *p = malloc(256);

	snprintf(p, 256, "/tmp/psirt-test-store-%ld-%s", (long)getpid(), name);
	return p;
}

static void remove_db(const char *path)
{
	char side[300];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static void test_open(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	char *path = temp_path("open.db"), *line;
	FILE *f;
	sqlite3 *db;

	remove_db(path);
	/* no file, no CREATE: a mistyped --db is noticed */
	assert_int_equal(psirt_store_open(path, 0, &s, &d), PSIRT_ENOTFOUND);
	assert_null(s);
	assert_non_null(strstr(d.message, "run 'psirt init'"));
	psirt_diag_release(&d);

	assert_int_equal(psirt_store_open(path, PSIRT_STORE_CREATE, &s, &d), PSIRT_OK);
	assert_int_equal(psirt_store_schema_version(s), psirt_store_schema_latest());
	assert_int_equal(psirt_store_migrations_applied(s), psirt_store_schema_latest());
	psirt_store_close(s);
	/* again: up to date, nothing applied */
	assert_int_equal(psirt_store_open(path, 0, &s, &d), PSIRT_OK);
	assert_int_equal(psirt_store_migrations_applied(s), 0);
	psirt_store_close(s);
	/* a schema newer than this program: refused, not downgraded */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "INSERT INTO schema_version VALUES (999, 'future', 'x')", NULL,
	                              NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(psirt_store_open(path, 0, &s, &d), PSIRT_EINVAL);
	line = psirt_diag_format(&d);
	{
		/* the number follows the migration table (it grows on every branch) */
		char want[100];

		snprintf(want, sizeof want, "schema version 999 is newer than this psirt's (%d)",
		         psirt_store_schema_latest());
		assert_non_null(strstr(line, want));
	}
	free(line);
	psirt_diag_release(&d);
	remove_db(path);

	/* another program's database */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(psirt_store_open(path, 0, &s, &d), PSIRT_EINVAL);
	assert_non_null(strstr(d.message, "not a psirt store"));
	psirt_diag_release(&d);
	remove_db(path);

	/* not a database at all */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("this is a text file, not SQLite, and long enough to have a header....\n", f);
	fclose(f);
	assert_int_equal(psirt_store_open(path, 0, &s, &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	remove_db(path);
	free(path);
}

static void test_pragmas(void **state)
{
	char *path = temp_path("wal.db");
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	sqlite3 *db;
	sqlite3_stmt *st;

	remove_db(path);
	assert_int_equal(psirt_store_open(path, PSIRT_STORE_CREATE, &s, &d), PSIRT_OK);
	/* WAL is persistent: another connection sees it */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM schema_version", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "vulnerability knowledge base");
	sqlite3_finalize(st);
	sqlite3_close(db);
	psirt_store_close(s);
	remove_db(path);
	free(path);
}

/* A record with every list filled, as a JVN/OSV importer would hand it. */
struct full {
	struct psirt_vuln_record rec;
	struct psirt_vuln_str alias, alias2, related, tag1, tag2, ver1, ver2;
	struct psirt_vuln_text title, desc_en, desc_ja;
	struct psirt_vuln_score score;
	struct psirt_vuln_weakness weak;
	struct psirt_vuln_ref ref;
	struct psirt_vuln_config config;
	struct psirt_vuln_node node1, node2;
	struct psirt_vuln_cpe_match m1, m2;
	struct psirt_vuln_package pkg;
	struct psirt_vuln_range range;
	struct psirt_vuln_event ev1, ev2;
};

static void full_record(struct full *f, const char *id, const char *modified)
{
	memset(f, 0, sizeof *f);
	f->rec.source = PSIRT_VULN_SRC_OSV;
	f->rec.id = id;
	f->rec.modified = modified;
	f->rec.published = "2021-12-10T00:00:00.000Z";
	f->rec.assigner = "GitHub";
	f->alias.value = "CVE-2021-44228";
	f->alias.next = &f->alias2;
	f->alias2.value = "JVNDB-2021-005429";
	f->rec.aliases = &f->alias;
	f->related.value = "CVE-2021-45046";
	f->rec.related = &f->related;
	f->title.lang = "ja";
	f->title.value = "Apache Log4j における任意のコードを実行される脆弱性";
	f->rec.titles = &f->title;
	f->desc_en.lang = "en";
	f->desc_en.value = "Remote code injection in Log4j";
	f->desc_en.next = &f->desc_ja;
	f->desc_ja.lang = "ja";
	f->desc_ja.value = "リモートから任意のコードを実行される可能性があります。&#13;";
	f->rec.descriptions = &f->desc_en;
	f->score.kind = "CVSS_V3";
	f->score.version = "3.1";
	f->score.vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H";
	f->score.base_score = 10.0;
	f->score.has_base_score = 1;
	f->score.severity = "CRITICAL";
	f->score.source = "GitHub";
	f->score.json = "{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N\"}";
	f->rec.scores = &f->score;
	f->weak.cwe = "CWE-502";
	f->weak.source = "GitHub";
	f->rec.weaknesses = &f->weak;
	f->ref.url = "https://github.com/advisories/GHSA-jfh8-c2jp-5v3q";
	f->tag1.value = "ADVISORY";
	f->tag1.next = &f->tag2;
	f->tag2.value = "with \"quotes\" and \\ and \n";
	f->ref.tags = &f->tag1;
	f->rec.refs = &f->ref;
	f->rec.configs = &f->config;
	f->config.op = PSIRT_VULN_OP_AND;
	f->config.negate = 1;
	f->config.nodes = &f->node1;
	f->node1.op = PSIRT_VULN_OP_OR;
	f->node1.matches = &f->m1;
	f->node1.next = &f->node2;
	f->node2.op = PSIRT_VULN_OP_OR;
	f->node2.negate = 1;
	f->node2.matches = &f->m2;
	f->m1.vulnerable = 1;
	f->m1.criteria = "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*";
	f->m1.match_criteria_id = "03FA5E81-F9C0-403E-8A4B-E4284E4E7B72";
	f->m1.part = "a";
	f->m1.vendor = "apache";
	f->m1.product = "log4j";
	f->m1.version = "*";
	f->m1.update = "*";
	f->m1.version_start_including = "2.0.1";
	f->m1.version_end_excluding = "2.3.1";
	f->m1.version_text = "2.0.1 から 2.3.1 より前のバージョン";
	f->m2.criteria = "cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*";
	f->pkg.ecosystem = "Maven";
	f->pkg.name = "org.apache.logging.log4j:log4j-core";
	f->pkg.purl = "pkg:maven/org.apache.logging.log4j/log4j-core";
	f->pkg.json = "{\"ecosystem_specific\":{\"x\":1}}";
	f->pkg.purl_type = "maven";
	f->pkg.purl_namespace = "org.apache.logging.log4j";
	f->pkg.purl_name = "log4j-core";
	f->pkg.ranges = &f->range;
	f->range.type = "ECOSYSTEM";
	f->range.events = &f->ev1;
	f->ev1.kind = "introduced";
	f->ev1.value = "2.13.0";
	f->ev1.next = &f->ev2;
	f->ev2.kind = "fixed";
	f->ev2.value = "2.15.0";
	f->ver1.value = "2.13.0";
	f->ver1.next = &f->ver2;
	f->ver2.value = "2.14.1";
	f->pkg.versions = &f->ver1;
	f->rec.packages = &f->pkg;
	f->rec.extra_json = "{\"database_specific\":{\"severity\":\"CRITICAL\"}}";
}

static enum psirt_store_outcome upsert(struct psirt_store *s, const struct psirt_vuln_record *r)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_store_outcome o = PSIRT_STORE_OUTCOME__MAX;

	if (psirt_store_vuln_upsert(s, r, &o, &d))
		fail_msg("upsert %s: %s", r->id, d.message);
	return o;
}

static struct psirt_vuln_view *get(struct psirt_store *s, const char *id)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v;

	if (psirt_store_vuln_get(s, id, &v, &d))
		fail_msg("%s: %s", id, d.message);
	return v;
}

static const struct psirt_vuln_record *find_record(const struct psirt_vuln_view *v,
                                                   const char *id)
{
	size_t i;

	for (i = 0; i < v->n_records; i++) {
		if (!strcmp(v->records[i].id, id))
			return &v->records[i];
	}
	return NULL;
}

/* Every field of every list survives the store. */
static void test_full_roundtrip(void **state)
{
	struct psirt_store *s = tss_store();
	struct full f;
	struct psirt_vuln_view *v;
	struct psirt_buf want = PSIRT_BUF_INIT, got = PSIRT_BUF_INIT;

	full_record(&f, "GHSA-jfh8-c2jp-5v3q", "2024-01-01T00:00:00.000Z");
	assert_int_equal(upsert(s, &f.rec), PSIRT_STORE_ADDED);
	v = get(s, "GHSA-jfh8-c2jp-5v3q");
	assert_int_equal(v->n_records, 1);
	tss_describe(&want, &f.rec);
	tss_describe(&got, &v->records[0]);
	assert_string_equal(got.p, want.p);
	assert_string_equal(v->records[0].imported_at, TSS_NOW_CANON);
	/* the vulnerability is named by the CVE among the aliases */
	assert_string_equal(v->name, "CVE-2021-44228");
	psirt_vuln_view_free(v);
	psirt_buf_release(&want);
	psirt_buf_release(&got);
	psirt_store_close(s);
}

/* Newer replaces every child row; equal and older change nothing. */
static void test_ordering(void **state)
{
	struct psirt_store *s = tss_store();
	struct full f, g;
	struct psirt_vuln_view *v;
	char *before, *after;

	full_record(&f, "GHSA-jfh8-c2jp-5v3q", "2024-01-01T00:00:00.000Z");
	assert_int_equal(upsert(s, &f.rec), PSIRT_STORE_ADDED);
	before = tss_dump(s);
	assert_int_equal(upsert(s, &f.rec), PSIRT_STORE_UNCHANGED);
	/* equal date, other content: the first stored stays (documented) */
	full_record(&g, "GHSA-jfh8-c2jp-5v3q", "2024-01-01T00:00:00.000Z");
	g.desc_en.value = "something else";
	assert_int_equal(upsert(s, &g.rec), PSIRT_STORE_UNCHANGED);
	g.rec.modified = "2023-01-01T00:00:00.000Z";
	assert_int_equal(upsert(s, &g.rec), PSIRT_STORE_OLDER);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(after);

	/* newer, with fewer children: the old ones are gone */
	full_record(&g, "GHSA-jfh8-c2jp-5v3q", "2024-02-01T00:00:00.000Z");
	g.rec.configs = NULL;
	g.rec.packages = NULL;
	g.desc_en.next = NULL;
	g.ref.tags = NULL;
	assert_int_equal(upsert(s, &g.rec), PSIRT_STORE_UPDATED);
	v = get(s, "CVE-2021-44228");
	assert_null(v->records[0].configs);
	assert_null(v->records[0].packages);
	assert_null(v->records[0].descriptions->next);
	assert_null(v->records[0].refs->tags);
	psirt_vuln_view_free(v);
	after = tss_dump(s);
	assert_null(strstr(after, "cpe_match:"));
	assert_null(strstr(after, "range_event:"));
	assert_null(strstr(after, "package_version:"));
	free(after);

	/* withdrawn: counted as such once, then an ordinary update */
	g.rec.modified = "2024-03-01T00:00:00.000Z";
	g.rec.withdrawn = 1;
	g.rec.withdrawn_at = "2024-03-01T00:00:00.000Z";
	assert_int_equal(upsert(s, &g.rec), PSIRT_STORE_WITHDRAWN);
	g.rec.modified = "2024-04-01T00:00:00.000Z";
	assert_int_equal(upsert(s, &g.rec), PSIRT_STORE_UPDATED);
	v = get(s, "GHSA-jfh8-c2jp-5v3q");
	assert_true(v->withdrawn);
	assert_string_equal(v->records[0].withdrawn_at, "2024-03-01T00:00:00.000Z");
	psirt_vuln_view_free(v);
	free(before);
	psirt_store_close(s);
}

static void simple(struct psirt_vuln_record *r, struct psirt_vuln_str *aliases,
                   enum psirt_vuln_source src, const char *id)
{
	memset(r, 0, sizeof *r);
	r->source = src;
	r->id = id;
	r->modified = "2024-01-01T00:00:00.000Z";
	r->aliases = aliases;
}

/* Identity across sources: records join through aliases, vulnerabilities
 * that a record connects merge, and the name becomes the CVE id. */
static void test_identity(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_vuln_record ghsa, nvd, jvn, osv2;
	struct psirt_vuln_str a_jvn_cve = { NULL, "CVE-2021-44228" },
	                      a_jvn_ghsa = { NULL, "GHSA-jfh8-c2jp-5v3q" };
	struct psirt_vuln_view *v;
	struct psirt_vuln_str *a;
	struct psirt_buf names = PSIRT_BUF_INIT;

	/* a GHSA alone: its own vulnerability, named by it */
	simple(&ghsa, NULL, PSIRT_VULN_SRC_OSV, "GHSA-jfh8-c2jp-5v3q");
	assert_int_equal(upsert(s, &ghsa), PSIRT_STORE_ADDED);
	v = get(s, "GHSA-jfh8-c2jp-5v3q");
	assert_string_equal(v->name, "GHSA-jfh8-c2jp-5v3q");
	psirt_vuln_view_free(v);
	/* the CVE from NVD: a second one, for now */
	simple(&nvd, NULL, PSIRT_VULN_SRC_NVD, "CVE-2021-44228");
	assert_int_equal(upsert(s, &nvd), PSIRT_STORE_ADDED);
	v = get(s, "CVE-2021-44228");
	assert_int_equal(v->n_records, 1);
	psirt_vuln_view_free(v);
	/* a JVN record naming both: the two merge into one */
	a_jvn_cve.next = &a_jvn_ghsa;
	simple(&jvn, &a_jvn_cve, PSIRT_VULN_SRC_JVN, "JVNDB-2021-005429");
	assert_int_equal(upsert(s, &jvn), PSIRT_STORE_ADDED);
	v = get(s, "ghsa-jfh8-c2jp-5v3q"); /* any alias, any case */
	assert_string_equal(v->name, "CVE-2021-44228");
	assert_int_equal(v->n_records, 3);
	assert_non_null(find_record(v, "CVE-2021-44228"));
	assert_non_null(find_record(v, "GHSA-jfh8-c2jp-5v3q"));
	assert_non_null(find_record(v, "JVNDB-2021-005429"));
	/* records by source name: jvn, nvd, osv */
	assert_int_equal(v->records[0].source, PSIRT_VULN_SRC_JVN);
	assert_int_equal(v->records[1].source, PSIRT_VULN_SRC_NVD);
	assert_int_equal(v->records[2].source, PSIRT_VULN_SRC_OSV);
	for (a = v->aliases; a; a = a->next)
		psirt_buf_addf(&names, "%s ", a->value);
	assert_string_equal(names.p, "CVE-2021-44228 GHSA-jfh8-c2jp-5v3q JVNDB-2021-005429 ");
	psirt_buf_release(&names);
	assert_false(v->withdrawn);
	psirt_vuln_view_free(v);
	/* an OSV record whose only alias is the CVE joins too */
	simple(&osv2, &(struct psirt_vuln_str){ NULL, "CVE-2021-44228" }, PSIRT_VULN_SRC_OSV,
	       "DEBIAN-CVE-2021-44228");
	assert_int_equal(upsert(s, &osv2), PSIRT_STORE_ADDED);
	v = get(s, "JVNDB-2021-005429");
	assert_int_equal(v->n_records, 4);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

static void test_vuln_get_errors(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v = (void *)1;
	struct psirt_vuln_record r;
	enum psirt_store_outcome o;

	assert_int_equal(psirt_store_vuln_get(s, "CVE-1999-0001", &v, &d), PSIRT_ENOTFOUND);
	assert_null(v);
	assert_string_equal(d.message, "CVE-1999-0001: not in the store");
	psirt_diag_release(&d);
	simple(&r, NULL, PSIRT_VULN_SRC_NVD, "CVE-1999-0001");
	r.modified = NULL;
	assert_int_equal(psirt_store_vuln_upsert(s, &r, &o, &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	psirt_store_close(s);
}

static void test_kev(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_str cwe = { NULL, "CWE-917" };
	struct psirt_kev_entry e = {
		"CVE-2021-44228", "Apache", "Log4j2", "Apache Log4j2 RCE", "2021-12-10",
		"desc", "Apply updates", "2021-12-24", "Known", "notes", &cwe, "2025.08.25",
		"2025-08-25T17:04:19.979Z",
	};
	enum psirt_store_outcome o;
	struct psirt_vuln_view *v;

	assert_int_equal(psirt_store_kev_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_ADDED);
	assert_int_equal(psirt_store_kev_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_UNCHANGED);
	/* an older catalog with other content is ignored */
	e.notes = "older";
	e.catalog_date = "2025-01-01T00:00:00.000Z";
	assert_int_equal(psirt_store_kev_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_OLDER);
	e.catalog_date = "2025-09-01T00:00:00.000Z";
	e.notes = "newer";
	assert_int_equal(psirt_store_kev_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_UPDATED);
	/* known to KEV only: a view without records */
	v = get(s, "CVE-2021-44228");
	assert_int_equal(v->n_records, 0);
	assert_int_equal(v->n_kev, 1);
	assert_string_equal(v->kev[0].notes, "newer");
	assert_string_equal(v->kev[0].cwes->value, "CWE-917");
	assert_null(v->kev[0].cwes->next);
	assert_string_equal(v->kev[0].date_added, "2021-12-10");
	psirt_vuln_view_free(v);
	e.date_added = NULL;
	assert_int_equal(psirt_store_kev_upsert(s, &e, &o, &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	psirt_store_close(s);
}

static void test_epss(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_epss_score e = { "CVE-2020-5902", 0.97567, 0.99995, 1, "v2023.03.01",
		                      "2023-03-07T00:00:00.000Z" };
	enum psirt_store_outcome o;
	struct psirt_vuln_view *v;

	assert_int_equal(psirt_store_epss_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_ADDED);
	assert_int_equal(psirt_store_epss_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_UNCHANGED);
	e.score_date = "2022-01-01T00:00:00.000Z";
	assert_int_equal(psirt_store_epss_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_OLDER);
	e.score_date = "2023-03-07T00:00:00.000Z";
	e.score = 0.5; /* the same day again, other values: republished */
	assert_int_equal(psirt_store_epss_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_UPDATED);
	e.score_date = "2024-01-01T00:00:00.000Z";
	e.has_percentile = 0;
	e.model_version = NULL;
	assert_int_equal(psirt_store_epss_upsert(s, &e, &o, &d), PSIRT_OK);
	assert_int_equal(o, PSIRT_STORE_UPDATED);
	v = get(s, "CVE-2020-5902");
	assert_int_equal(v->n_epss, 1);
	assert_true(v->epss[0].score == 0.5);
	assert_false(v->epss[0].has_percentile);
	assert_null(v->epss[0].model_version);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* A rolled back transaction leaves no trace; begin does not nest. */
static void test_transactions(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct full f;
	char *before, *after;

	before = tss_dump(s);
	assert_int_equal(psirt_store_begin(s, &d), PSIRT_OK);
	assert_int_equal(psirt_store_begin(s, &d), PSIRT_EINTERNAL);
	psirt_diag_release(&d);
	full_record(&f, "GHSA-jfh8-c2jp-5v3q", "2024-01-01T00:00:00.000Z");
	assert_int_equal(upsert(s, &f.rec), PSIRT_STORE_ADDED);
	assert_int_equal(psirt_store_feed_note_import(s, "osv", f.rec.modified, NULL, &d), PSIRT_OK);
	psirt_store_rollback(s);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(after);
	psirt_store_rollback(s); /* harmless outside a transaction */
	assert_int_equal(psirt_store_commit(s, &d), PSIRT_EINTERNAL);
	psirt_diag_release(&d);
	free(before);
	psirt_store_close(s);
}

static void test_feed_status(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store_feed_status *fs;
	struct psirt_vuln_record r;

	simple(&r, NULL, PSIRT_VULN_SRC_NVD, "CVE-2024-0001");
	assert_int_equal(upsert(s, &r), PSIRT_STORE_ADDED);
	r.id = "CVE-2024-0002";
	r.withdrawn = 1;
	assert_int_equal(upsert(s, &r), PSIRT_STORE_WITHDRAWN);
	assert_int_equal(psirt_store_feed_note_import(s, "nvd", "2024-05-01T00:00:00.000Z", NULL, &d),
	                 PSIRT_OK);
	/* an older newest-record moves neither it nor the detail back */
	assert_int_equal(psirt_store_feed_note_import(s, "nvd", "2023-05-01T00:00:00.000Z", "x", &d),
	                 PSIRT_OK);
	assert_int_equal(psirt_store_feed_note_import(s, "nvd", NULL, NULL, &d), PSIRT_OK);
	assert_int_equal(psirt_store_feed_note_import(s, "nvd", "2024-05-01T00:00:00.000Z", "y", &d),
	                 PSIRT_OK);
	assert_int_equal(psirt_store_feed_note_sync(s, "kev", &d), PSIRT_OK);
	assert_int_equal(psirt_store_feed_status(s, &fs, &d), PSIRT_OK);
	assert_int_equal(fs->n, 6);
	assert_string_equal(fs->states[0].source, "nvd");
	assert_int_equal(fs->states[0].records, 2);
	assert_int_equal(fs->states[0].withdrawn, 1);
	assert_string_equal(fs->states[0].last_import, TSS_NOW_CANON);
	assert_null(fs->states[0].last_sync);
	assert_string_equal(fs->states[0].newest_record, "2024-05-01T00:00:00.000Z");
	assert_string_equal(fs->states[0].detail, "y"); /* of the newest import only */
	assert_string_equal(fs->states[4].source, "kev");
	assert_null(fs->states[4].last_import);
	assert_string_equal(fs->states[4].last_sync, TSS_NOW_CANON);
	assert_int_equal(fs->states[5].records, 0);
	psirt_store_feed_status_free(fs);
	psirt_store_close(s);
}

static void test_audit(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_audit_entry e = { NULL, "alice", "finding", "42", "state", "in_triage",
		                       "affected", "confirmed on the bench" };
	char *dump;

	assert_int_equal(psirt_store_audit_add(s, &e, &d), PSIRT_OK);
	e.actor = NULL;
	assert_int_equal(psirt_store_audit_add(s, &e, &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	dump = tss_dump(s);
	assert_non_null(strstr(dump, "audit_log: 1|" TSS_NOW_CANON
	                             "|alice|finding|42|state|in_triage|affected|confirmed on the bench\n"));
	free(dump);
	psirt_store_close(s);
}

static long long file_size(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return (long long)sb.st_size;
}

/* 1,200 audit rows of 8 KB in one transaction (past SQLite's automatic
 * checkpoint of 1,000 pages), committed deferred or not; the store file's
 * size after the commit. */
static long long write_pages(struct psirt_store *s, const char *path, int deferred)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_audit_entry e = { NULL, "alice", "finding", "42", "state", NULL, NULL, NULL };
	char *big = malloc(8192);
	int i;

	assert_non_null(big);
	memset(big, 'x', 8191);
	big[8191] = 0;
	e.comment = big;
	assert_int_equal(psirt_store_begin(s, &d), PSIRT_OK);
	for (i = 0; i < 1200; i++)
		assert_int_equal(psirt_store_audit_add(s, &e, &d), PSIRT_OK);
	assert_int_equal(deferred ? psirt_store_commit_deferred(s, &d) : psirt_store_commit(s, &d),
	                 PSIRT_OK);
	free(big);
	return file_size(path);
}

/* A deferred commit leaves its pages in the write-ahead log (the store file
 * keeps its size) until psirt_store_checkpoint; a plain commit checkpoints
 * them at once (SQLite's automatic checkpoint); the rows are there either
 * way, and automatic checkpoints are back after a deferred commit. */
static void test_commit_deferred(void **state)
{
	char *path = temp_path("deferred.db");
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	long long before, after;
	char *dump;

	(void)state;
	remove_db(path);
	assert_int_equal(psirt_store_open(path, PSIRT_STORE_CREATE, &s, &d), PSIRT_OK);
	before = file_size(path);
	after = write_pages(s, path, 1);
	assert_int_equal(after, before);
	dump = tss_dump(s);
	assert_non_null(strstr(dump, "audit_log: 1200|"));
	free(dump);
	assert_int_equal(psirt_store_checkpoint(s, &d), PSIRT_OK);
	after = file_size(path);
	assert_true(after >= before + 1000LL * 8192);
	/* a plain commit checkpoints at its end again */
	before = after;
	after = write_pages(s, path, 0);
	assert_true(after >= before + 1000LL * 8192);
	/* not inside a transaction */
	assert_int_equal(psirt_store_begin(s, &d), PSIRT_OK);
	assert_int_equal(psirt_store_checkpoint(s, &d), PSIRT_EINTERNAL);
	psirt_store_rollback(s);
	psirt_diag_release(&d);
	psirt_store_close(s);
	remove_db(path);
	free(path);
}

/* The JSON view: the shape `psirt vuln show --json` prints. */
static void test_view_json(void **state)
{
	struct psirt_store *s = tss_store();
	struct full f;
	struct psirt_vuln_view *v;
	json_t *j, *rec, *m;

	full_record(&f, "GHSA-jfh8-c2jp-5v3q", "2024-01-01T00:00:00.000Z");
	upsert(s, &f.rec);
	v = get(s, "CVE-2021-44228");
	j = psirt_vuln_view_to_json(v);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "id")), "CVE-2021-44228");
	rec = json_array_get(json_object_get(j, "records"), 0);
	assert_string_equal(json_string_value(json_object_get(rec, "source")), "osv");
	/* stored JSON blocks nest as JSON, not as strings */
	assert_string_equal(json_string_value(json_object_get(
		                    json_object_get(json_array_get(json_object_get(rec, "scores"), 0),
		                                    "data"),
		                    "type")),
	                    "CVSS_V3");
	m = json_array_get(
		json_object_get(
			json_array_get(
				json_object_get(json_array_get(json_object_get(rec, "configurations"), 0),
				                "nodes"),
				0),
			"cpeMatch"),
		0);
	assert_string_equal(json_string_value(json_object_get(m, "versionEndExcluding")), "2.3.1");
	assert_true(json_is_array(json_object_get(j, "kev")));
	json_decref(j);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

static void test_isotime(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2023-11-07T04:08:43.293", "2023-11-07T04:08:43.293Z" }, /* NVD: UTC, no zone */
		{ "2025-08-25T17:04:19.9796Z", "2025-08-25T17:04:19.979Z" }, /* KEV: 4 digits */
		{ "2022-02-04T00:00:00+0000", "2022-02-04T00:00:00.000Z" },  /* EPSS */
		{ "2024-01-10T08:30+09:00", "2024-01-09T23:30:00.000Z" },    /* JVN: no seconds */
		{ "2021-12-10", "2021-12-10T00:00:00.000Z" },
		{ "2020-03-01T00:30:00-01:00", "2020-03-01T01:30:00.000Z" },
		{ "2020-03-01T00:30:00+01:00", "2020-02-29T23:30:00.000Z" }, /* leap day */
		{ "1999-12-31T23:59:60Z", "2000-01-01T00:00:00.000Z" },      /* leap second */
		{ "2024-02-30", NULL },
		{ "2023-02-29T00:00:00Z", NULL },
		{ "2023-13-01", NULL },
		{ "2023-01-01T24:00:00", NULL },
		{ "2023-01-01T10:00:00.", NULL },
		{ "2023-01-01T10:00:00X", NULL },
		{ "yesterday", NULL },
		{ "", NULL },
	};
	struct ts_suite s = { "isotime", 0, 0 };
	char out[PSIRT_ISOTIME_LEN + 1];
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rc = psirt_isotime_parse(cases[i].in, strlen(cases[i].in), out);
		ts_case(&s, cases[i].out ? rc == 0 && !strcmp(out, cases[i].out) : rc == -1, "%s -> %s",
		        cases[i].in, rc ? "error" : out);
	}
	psirt_isotime_from_epoch(0, 5, out);
	ts_case(&s, !strcmp(out, "1970-01-01T00:00:00.005Z"), "epoch: %s", out);
	psirt_isotime_now(out);
	ts_case(&s, !strcmp(out, TSS_NOW_CANON), "PSIRT_NOW: %s", out);
	ts_case(&s, psirt_isotime_is_date("2024-02-29", 10) && !psirt_isotime_is_date("2023-02-29", 10),
	        "is_date");
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_full_roundtrip),
		cmocka_unit_test(test_ordering),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_vuln_get_errors),
		cmocka_unit_test(test_kev),
		cmocka_unit_test(test_epss),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_feed_status),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_commit_deferred),
		cmocka_unit_test(test_view_json),
		cmocka_unit_test(test_isotime),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
