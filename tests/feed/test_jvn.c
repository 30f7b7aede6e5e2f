/* JVN iPedia importer: MyJVN RSS (jvndb*.rdf, getVulnOverviewList) and
 * VULDEF (getVulnDetailInfo) on real entries, chunking, the store round
 * trip, field by field checks, the quirks of the real data (dates without
 * seconds, "&#13;" line ends, vendor-only CPEs), version text read into
 * bounds, update ordering between the feeds, the Log4Shell join across
 * every source, and bad files that must leave the store as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/feed.h"
#include "psirt/map.h"
#include "psirt/str.h"
#include "support/store_support.h"
#include "support/support.h"

static const char *const jvn_files[] = {
	"jvn/rss/jvndb.rdf",
	"jvn/rss/jvndb_2007.rdf",
	"jvn/rss/jvndb_2011.rdf",
	"jvn/rss/jvndb_2021.rdf",
	"jvn/rss/jvndb_2022.rdf",
	"jvn/rss/jvndb_2023.rdf",
	"jvn/rss/jvndb_new.rdf",
	"jvn/detail/jvndb_detail_2021.rdf",
	"jvn/detail/jvndb_detail_2022.rdf",
	"jvn/detail/jvndb_detail_2023.rdf",
};
#define N_FILES (sizeof jvn_files / sizeof jvn_files[0])

#define parse_chunked(...) tss_parse_chunked(PSIRT_FEED_JVN, __VA_ARGS__)

/* Log4Shell in the 2021 year feed, every field checked by hand against
 * the file: "+09:00" minutes-only dates in UTC, the "&#13;" line ends gone,
 * the CVE named twice (sources CVE and NVD) one alias, the CWE reference a
 * weakness too, the CPE 2.2 URI as a CPE 2.3 criteria. */
static const char golden_rss_005429[] =
	"source=jvn\n"
	"id=JVNDB-2021-005429\n"
	"modified=2022-12-15T01:24:00.000Z\n"
	"published=2021-12-14T07:37:00.000Z\n"
	"assigner=(null)\n"
	"status=(null)\n"
	"withdrawn=0\n"
	"withdrawn_at=(null)\n"
	"aliases=[CVE-2021-44228]\n"
	"related=[]\n"
	"title ja: Apache Log4j における任意のコードが実行可能な脆弱性\n"
	"description ja: Log4j には JNDI Lookup 機能による外部入力値の検証不備に起因して任意の "
	"Java コードを実行可能な脆弱性が存在します。\n"
	"\n"
	"The Apache Software Foundation が提供する Log4j は、Java ベースのロギングライブラリです。"
	"Log4j には、ログに記載された文字列から一部の値を変数として評価する Lookup "
	"機能が実装されています。\n"
	"その Lookup 機能の内、JNDI Lookup 機能を悪用することにより、ログに含まれる外部の URL "
	"もしくは内部パスから Java のクラス情報をデシリアライズして実行してしまう問題（CWE-20, "
	"CVE-2021-44228）が発見されました。\n"
	"これにより、遠隔の攻撃者が細工した文字列を脆弱なシステムのログに記載させ、結果として任意の "
	"Java コードをシステムに実行させることが可能です。\n"
	"score jvnCvssV2 2.0 AV:N/AC:M/Au:N/C:C/I:C/A:C 9.3 High jvn - {\"version\":\"2.0\","
	"\"score\":\"9.3\",\"type\":\"Base\",\"severity\":\"High\",\"vector\":\"AV:N/AC:M/Au:N/C:C/"
	"I:C/A:C\"}\n"
	"score jvnCvssV3 3.0 CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H 10.0 Critical jvn - "
	"{\"version\":\"3.0\",\"score\":\"10.0\",\"type\":\"Base\",\"severity\":\"Critical\","
	"\"vector\":\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}\n"
	"weakness CWE-20 jvn -\n"
	"ref https://jvn.jp/vu/JVNVU96768815/ JVN tags=[JVNVU#96768815]\n"
	"ref https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2021-44228 CVE tags=[CVE-2021-44228]\n"
	"ref https://nvd.nist.gov/vuln/detail/CVE-2021-44228 NVD tags=[CVE-2021-44228]\n"
	"ref https://www.jpcert.or.jp/at/2021/at210050.html JPCERT-AT tags=[JPCERT-AT-2021-0050]\n"
	"ref https://jvndb.jvn.jp/ja/cwe/CWE-20.html - tags=[CWE-20]\n"
	"config op=0 negate=0\n"
	" node op=1 negate=0\n"
	"  match 1 cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:* - [a|apache|log4j|*|*] - - - -\n"
	"extra={\"link\":\"https://jvndb.jvn.jp/ja/contents/2021/JVNDB-2021-005429.html\","
	"\"affected\":[{\"vendor\":\"Apache Software Foundation\",\"product\":\"Apache Log4j\","
	"\"cpe\":\"cpe:/a:apache:log4j\"}]}\n";

static void test_rss_golden(void **state)
{
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t len;
	char *data = ts_read_file("jvn/rss/jvndb_2021.rdf", &len);

	assert_int_equal(parse_chunked(&c, data, len, 0, &d), PSIRT_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.all.p, golden_rss_005429);
	assert_null(strchr(c.all.p, '\r'));
	tss_collect_release(&c);
	free(data);
}

/* Streaming must not depend on where chunks end (a UTF-8 character split
 * across pushes included). */
static void test_chunking(void **state)
{
	static const size_t chunks[] = { 1, 2, 3, 17, 256, 4096 };
	struct ts_suite s = { "jvn chunking", 0, 0 };
	size_t i, k, len;

	for (i = 0; i < N_FILES; i++) {
		struct tss_collect whole = TSS_COLLECT_INIT;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		char *data = ts_read_file(jvn_files[i], &len);

		assert_int_equal(parse_chunked(&whole, data, len, 0, &d), PSIRT_OK);
		assert_true(whole.n > 0);
		for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
			struct tss_collect c = TSS_COLLECT_INIT;

			ts_case(&s,
			        parse_chunked(&c, data, len, chunks[k], &d) == PSIRT_OK &&
			            c.n == whole.n && !strcmp(c.all.p, whole.all.p),
			        "%s in chunks of %zu", jvn_files[i], chunks[k]);
			tss_collect_release(&c);
		}
		tss_collect_release(&whole);
		psirt_diag_release(&d);
		free(data);
	}
	ts_suite_end(&s);
}

static struct psirt_store *store_with(const char *const *files, size_t n)
{
	struct psirt_store *s = tss_store();
	size_t i;

	for (i = 0; i < n; i++) {
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;

		if (tss_import(s, PSIRT_FEED_JVN, files[i], &st, &d))
			fail_msg("%s: %s", files[i], d.message);
	}
	return s;
}

static struct psirt_vuln_view *get(struct psirt_store *s, const char *id)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v = NULL;

	if (psirt_store_vuln_get(s, id, &v, &d))
		fail_msg("%s: %s", id, d.message);
	return v;
}

static const struct psirt_vuln_record *record_of(const struct psirt_vuln_view *v,
                                                 enum psirt_vuln_source src)
{
	size_t i;

	for (i = 0; i < v->n_records; i++) {
		if (v->records[i].source == src)
			return &v->records[i];
	}
	fail_msg("%s: no %s record", v->name, psirt_vuln_source_name(src));
	return NULL;
}

/* What the parser hands over is what the store gives back: the last
 * version of each entry in document order, which is what the store keeps
 * when every file is imported in that order. */
static void test_store_roundtrip(void **state)
{
	/* the detail files after the feeds: their versions are newer */
	struct psirt_store *s = store_with(jvn_files, N_FILES);
	struct ts_suite suite = { "jvn store round trip", 0, 0 };
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_feed_sink sink = { tss_collect_vuln, NULL, NULL, &c, NULL };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_vuln_view *v;
	const char *key;
	size_t pos = 0, klen, i;
	void *digest;

	for (i = 0; i < N_FILES; i++) {
		size_t len;
		char *data = ts_read_file(jvn_files[i], &len);

		assert_int_equal(
		    psirt_feed_parse_buffer(PSIRT_FEED_JVN, &sink, jvn_files[i], data, len, &d),
		    PSIRT_OK);
		free(data);
	}
	/* 16 entries in the files, 13 JVNDB ids */
	assert_int_equal(c.n, 16);
	while (psirt_map_next(&c.by_id, &pos, &key, &klen, &digest)) {
		char id[64];

		snprintf(id, sizeof id, "%.*s", (int)klen, key);
		/* JVNDB-2023-000001: jvndb.rdf (modified 2023-11-03) comes
		 * before jvndb_2023.rdf's older copy, so the store keeps the
		 * newer one and the last parsed is the older */
		if (!strcmp(id, "JVNDB-2023-000001"))
			continue;
		v = get(s, id);
		psirt_buf_reset(&b);
		tss_describe(&b, record_of(v, PSIRT_VULN_SRC_JVN));
		ts_case(&suite, !strcmp(b.p, digest), "%s", id);
		if (strcmp(b.p, digest))
			printf("stored:\n%s\nparsed:\n%s\n", b.p, (const char *)digest);
		psirt_vuln_view_free(v);
	}
	ts_suite_end(&suite);
	psirt_buf_release(&b);
	tss_collect_release(&c);
	psirt_store_close(s);
}

static size_t count_matches(const struct psirt_vuln_record *r)
{
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	size_t k = 0;

	for (c = r->configs; c; c = c->next)
		for (n = c->nodes; n; n = n->next)
			for (m = n->matches; m; m = m->next)
				k++;
	return k;
}

/* The VULDEF detail of Log4Shell, field by field: it replaces the RSS
 * version (its DateLastUpdated has seconds, 10:24:36 after 10:24), keeps
 * the vulnerability the RSS joined to the CVE, and brings the version text
 * read into bounds. */
static void test_detail_fields(void **state)
{
	static const char *const files[] = { "jvn/rss/jvndb_2021.rdf",
	                                    "jvn/detail/jvndb_detail_2021.rdf" };
	struct psirt_store *s = store_with(files, 2);
	struct psirt_vuln_view *v = get(s, "JVNDB-2021-005429");
	const struct psirt_vuln_record *r = record_of(v, PSIRT_VULN_SRC_JVN);
	const struct psirt_vuln_cpe_match *m;
	const struct psirt_vuln_score *sc;
	const struct psirt_vuln_ref *ref;

	assert_string_equal(v->name, "CVE-2021-44228");
	assert_string_equal(r->modified, "2022-12-15T01:24:36.000Z");
	assert_string_equal(r->published, "2021-12-14T07:37:27.000Z");
	/* this trimmed detail names no CVE in <Related> */
	assert_null(r->aliases);
	assert_string_equal(r->titles->lang, "ja");
	assert_string_equal(r->titles->value,
	                    "Apache Log4j における任意のコードが実行可能な脆弱性");
	assert_string_equal(r->descriptions->lang, "ja");
	assert_true(!strncmp(r->descriptions->value, "Log4j には JNDI Lookup 機能", 31));
	sc = r->scores;
	assert_string_equal(sc->kind, "jvnCvssV2");
	assert_string_equal(sc->version, "2.0");
	assert_string_equal(sc->vector, "AV:N/AC:M/Au:N/C:C/I:C/A:C");
	assert_true(sc->has_base_score && sc->base_score == 9.3);
	assert_string_equal(sc->severity, "High");
	sc = sc->next;
	assert_string_equal(sc->kind, "jvnCvssV3");
	assert_true(sc->base_score == 10.0);
	assert_string_equal(sc->json, "{\"version\":\"3.0\",\"score\":\"10\",\"type\":\"Base\","
	                              "\"severity\":\"Critical\",\"vector\":\"CVSS:3.0/AV:N/AC:L/"
	                              "PR:N/UI:N/S:C/C:H/I:H/A:H\"}");
	ref = r->refs;
	assert_string_equal(ref->url, "https://logging.apache.org/log4j/2.x/security.html");
	assert_string_equal(ref->source, "Apache");
	assert_string_equal(ref->tags->value, "vendor");
	assert_string_equal(ref->tags->next->value,
	                    "Apache Log4j Security Vulnerabilities - Fixed in Log4j 2.15.0");
	while (ref->next)
		ref = ref->next;
	assert_string_equal(ref->source, "JPCERT 緊急報告");
	assert_string_equal(ref->tags->value, "advisory");
	/* two version texts of Log4j, read; NEC's product without versions */
	assert_int_equal(count_matches(r), 3);
	m = r->configs->nodes->matches;
	assert_string_equal(m->criteria, "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*");
	assert_string_equal(m->vendor, "apache");
	assert_string_equal(m->product, "log4j");
	assert_string_equal(m->version_start_including, "2.13.0");
	assert_string_equal(m->version_end_excluding, "2.15.0");
	assert_string_equal(m->version_text, "2.13.0 から 2.15.0 より前のバージョン");
	m = m->next;
	assert_string_equal(m->version_start_including, "2.0-beta9");
	assert_string_equal(m->version_end_excluding, "2.12.1");
	assert_string_equal(m->version_text, "core 2.0-beta9 から 2.12.1 より前のバージョン");
	m = m->next;
	assert_string_equal(m->vendor, "nec");
	assert_string_equal(m->product, "acos_access_toolkit");
	assert_null(m->version_text);
	assert_null(m->version_end_excluding);
	assert_true(m->vulnerable);
	/* what JVN says beyond the common fields */
	assert_non_null(strstr(r->extra_json,
	                       "\"affected\":[{\"vendor\":\"Apache Software "
	                       "Foundation\",\"product\":\"Apache Log4j\",\"cpe\":"
	                       "\"cpe:/a:apache:log4j\",\"versions\":[\"2.13.0 から"));
	assert_non_null(strstr(r->extra_json,
	                       "{\"vendor\":\"日本電気\",\"product\":\"ACOS Access "
	                       "Toolkit\",\"cpe\":\"cpe:/a:nec:acos_access_toolkit\"}"));
	assert_non_null(strstr(r->extra_json, "\"impact\":[\"遠隔の攻撃者により"));
	assert_non_null(strstr(r->extra_json, "\"solution\":[\"[アップデートする]"));
	assert_non_null(strstr(r->extra_json, "\"history\":[{\"no\":\"1\",\"dateTime\":"
	                                      "\"2021-12-14T07:37:27.000Z\",\"description\":"
	                                      "\"[2021年12月14日]\\\\n  掲載\"}"));
	assert_non_null(strstr(r->extra_json, "\"datePublic\":\"2021-12-13T00:00:00+09:00\"}"));
	psirt_vuln_view_free(v);

	psirt_store_close(s);
	{
		static const char *const f2[] = { "jvn/detail/jvndb_detail_2022.rdf" };

		s = store_with(f2, 1);
	}
	/* an entry of three CVEs is none of them: related, not aliases, so
	 * the three stay three vulnerabilities; each shows the entry */
	v = get(s, "JVNDB-2022-000002");
	assert_string_equal(v->name, "JVNDB-2022-000002");
	assert_null(v->aliases->next);
	r = record_of(v, PSIRT_VULN_SRC_JVN);
	assert_null(r->aliases);
	assert_string_equal(r->related->value, "CVE-2022-0180");
	assert_string_equal(r->related->next->value, "CVE-2022-0181");
	assert_string_equal(r->related->next->next->value, "CVE-2022-0182");
	assert_null(r->related->next->next->next);
	assert_string_equal(r->weaknesses->cwe, "CWE-79");
	assert_string_equal(r->weaknesses->next->cwe, "CWE-352");
	assert_string_equal(r->configs->nodes->matches->version_end_excluding, "7.3.7");
	psirt_vuln_view_free(v);
	v = get(s, "CVE-2022-0181");
	assert_string_equal(v->name, "CVE-2022-0181");
	assert_int_equal(v->n_records, 0);
	assert_int_equal(v->n_related_records, 1);
	assert_string_equal(v->related_records[0].id, "JVNDB-2022-000002");
	assert_string_equal(v->related_records[0].titles->lang, "ja");
	psirt_vuln_view_free(v);
	/* one CVE in <Related>: an alias */
	v = get(s, "CVE-2021-20877");
	assert_string_equal(record_of(v, PSIRT_VULN_SRC_JVN)->id, "JVNDB-2022-000001");
	assert_int_equal(v->n_related_records, 0);
	psirt_vuln_view_free(v);
	/* an item without a CPE gives no criteria: nothing to index */
	v = get(s, "JVNDB-2022-000001");
	r = record_of(v, PSIRT_VULN_SRC_JVN);
	assert_null(r->configs);
	assert_non_null(strstr(r->extra_json, "\"product\":\"(複数の製品)\""));
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* The real feeds' quirks. */
static void test_quirks(void **state)
{
	static const char *const files[] = { "jvn/rss/jvndb_2007.rdf", "jvn/rss/jvndb_2023.rdf",
	                                    "jvn/rss/jvndb_new.rdf" };
	struct psirt_store *s = store_with(files, 3);
	struct psirt_vuln_view *v;
	const struct psirt_vuln_record *r;

	/* "2007-04-01T00:00+09:00": no seconds, a day earlier in UTC */
	v = get(s, "JVNDB-2007-000127");
	r = record_of(v, PSIRT_VULN_SRC_JVN);
	assert_string_equal(r->modified, "2007-03-31T15:00:00.000Z");
	assert_string_equal(r->published, "2007-03-31T15:00:00.000Z");
	/* a Japanese vendor name in the CPE's attributes, kept with it */
	assert_non_null(strstr(r->extra_json, "\"vendor\":\"トレンドマイクロ\""));
	psirt_vuln_view_free(v);
	/* "&#13;\n" line ends, a lone one at the end */
	v = get(s, "CVE-2023-23006");
	r = record_of(v, PSIRT_VULN_SRC_JVN);
	assert_string_equal(
	    r->descriptions->value,
		"Linux の Linux Kernel には、NULL ポインタデリファレンスに関する脆弱性が"
		"存在します。");
	psirt_vuln_view_free(v);
	/* JVN's catch-all vendor "misc" with vendor and product joined */
	v = get(s, "JVNDB-2023-000001");
	r = record_of(v, PSIRT_VULN_SRC_JVN);
	assert_string_equal(r->configs->nodes->matches->vendor, "misc");
	assert_string_equal(r->configs->nodes->matches->product, "ruby-git_ruby-git");
	/* JVN's own "CWE-noinfo" is kept as JVN writes it */
	psirt_vuln_view_free(v);
	v = get(s, "JVNDB-2022-020469");
	assert_string_equal(record_of(v, PSIRT_VULN_SRC_JVN)->weaknesses->cwe, "CWE-noinfo");
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* A VULDEF document with one affected product and its version text. */
static void vuldef_doc(struct psirt_buf *b, const char *cpe, const char *version)
{
	psirt_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<VULDEF-Document xmlns=\"http://jvn.jp/vuldef/\" xml:lang=\"ja\">"
	                  "<Vulinfo><VulinfoID>JVNDB-2024-000001</VulinfoID><VulinfoData>"
	                  "<Affected><AffectedItem><Name>V</Name><ProductName>P</ProductName>");
	psirt_buf_addf(b, "<Cpe version=\"2.2\">%s</Cpe>", cpe);
	if (version)
		psirt_buf_addf(b, "<VersionNumber>%s</VersionNumber>", version);
	psirt_buf_adds(b, "</AffectedItem></Affected>"
	                  "<DateLastUpdated>2024-01-10T12:00+09:00</DateLastUpdated>"
	                  "</VulinfoData></Vulinfo></VULDEF-Document>\n");
}

struct one_match {
	char *criteria, *part, *vendor, *product, *version;
	char *si, *se, *ei, *ee, *text;
	unsigned long matches;
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static enum psirt_err keep_match(void *ctx, const struct psirt_vuln_record *r, struct psirt_diag *d)
{
	struct one_match *o = ctx;
	const struct psirt_vuln_cpe_match *m;

	o->matches = 0;
	if (!r->configs)
		return PSIRT_OK;
	for (m = r->configs->nodes->matches; m; m = m->next)
		o->matches++;
	m = r->configs->nodes->matches;
	o->criteria = dup_or_null(m->criteria);
	o->part = dup_or_null(m->part);
	o->vendor = dup_or_null(m->vendor);
	o->product = dup_or_null(m->product);
	o->version = dup_or_null(m->version);
	o->si = dup_or_null(m->version_start_including);
	o->se = dup_or_null(m->version_start_excluding);
	o->ei = dup_or_null(m->version_end_including);
	o->ee = dup_or_null(m->version_end_excluding);
	o->text = dup_or_null(m->version_text);
	return PSIRT_OK;
}

static void one_match_free(struct one_match *o)
{
	free(o->criteria);
	free(o->part);
	free(o->vendor);
	free(o->product);
	free(o->version);
	free(o->si);
	free(o->se);
	free(o->ei);
	free(o->ee);
	free(o->text);
	memset(o, 0, sizeof *o);
}

static int same(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : !a && !b;
}

/* JVN's version text as bounds: the shapes of the real data and of the
 * JVN iPedia site, Japanese and English; anything else keeps only its
 * text. "-" in the table: no bound. */
static void test_version_text(void **state)
{
	static const struct {
		const char *text;
		const char *si, *se, *ei, *ee;
		const char *version; /* the criteria's version component */
	} cases[] = {
		/* the real data */
		{ "5.16.3 未満", NULL, NULL, NULL, "5.16.3", "*" },
		{ "7.3.7 より前のバージョン", NULL, NULL, NULL, "7.3.7", "*" },
		{ "2.13.0 から 2.15.0 より前のバージョン", "2.13.0", NULL, NULL, "2.15.0", "*" },
		{ "core 2.0-beta9 から 2.12.1 より前のバージョン", "2.0-beta9", NULL, NULL, "2.12.1",
		 "*" },
		/* other shapes JVN iPedia writes */
		{ "Ver.3.1.0 およびそれ以前", NULL, NULL, "3.1.0", NULL, "*" },
		{ "v1.2.3 以前のバージョン", NULL, NULL, "v1.2.3", NULL, "*" },
		{ "ファームウェア 1.0.3 以前", NULL, NULL, "1.0.3", NULL, "*" },
		{ "2.0 以降", "2.0", NULL, NULL, NULL, "*" },
		{ "1.0 以上 2.0 未満", "1.0", NULL, NULL, "2.0", "*" },
		{ "1.0 から 1.4 まで", "1.0", NULL, "1.4", NULL, "*" },
		{ "1.0〜1.4", "1.0", NULL, "1.4", NULL, "*" },
		{ "4.0 より後", NULL, "4.0", NULL, NULL, "*" },
		{ "5.16.3未満", NULL, NULL, NULL, "5.16.3", "*" },
		{ "1.2　以前", NULL, NULL, "1.2", NULL, "*" }, /* ideographic space */
		/* English (the jvndb.jvn.jp/en/ feeds) */
		{ "1.2 and earlier", NULL, NULL, "1.2", NULL, "*" },
		{ "versions prior to 7.3.7", NULL, NULL, NULL, "7.3.7", "*" },
		{ "2.4 and later", "2.4", NULL, NULL, NULL, "*" },
		{ "1.0 through 1.4", "1.0", NULL, "1.4", NULL, "*" },
		/* one version: in the criteria, FS-quoted where it must be */
		{ "3.2.1", NULL, NULL, NULL, NULL, "3.2.1" },
		{ "3.2.1+build.7", NULL, NULL, NULL, NULL, "3.2.1\\+build.7" },
		{ "バージョン 10.2 のみ", NULL, NULL, NULL, NULL, "10.2" },
		/* not read: only the text is kept */
		{ "全てのバージョン", NULL, NULL, NULL, NULL, "*" },
		{ "1.1, 1.2", NULL, NULL, NULL, NULL, "*" },
		{ "1.2 系", NULL, NULL, NULL, NULL, "*" },
		{ "Windows 10 版の 1.2 未満", NULL, NULL, NULL, NULL, "*" },
		{ "1.0 から 2.0 から 3.0", NULL, NULL, NULL, NULL, "*" },
		{ "2.0 以降 3.0 以前 4.0", NULL, NULL, NULL, NULL, "*" },
		{ "10.0.1 (Build 1234) 未満", NULL, NULL, NULL, NULL, "*" },
		{ "1.2 未満 以降", NULL, NULL, NULL, NULL, "*" },
	};
	struct ts_suite suite = { "jvn version text", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct one_match o = { 0 };
		struct psirt_feed_sink sink = { keep_match, NULL, NULL, &o, NULL };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_buf doc = PSIRT_BUF_INIT;
		char want[128];
		enum psirt_err err;

		vuldef_doc(&doc, "cpe:/a:vendor:product", cases[i].text);
		err = psirt_feed_parse_buffer(PSIRT_FEED_JVN, &sink, NULL, doc.p, doc.len, &d);
		snprintf(want, sizeof want, "cpe:2.3:a:vendor:product:%s:*:*:*:*:*:*:*",
		         cases[i].version);
		ts_case(&suite,
		        err == PSIRT_OK && o.matches == 1 && same(o.criteria, want) &&
		            same(o.si, cases[i].si) && same(o.se, cases[i].se) &&
		            same(o.ei, cases[i].ei) && same(o.ee, cases[i].ee) &&
		            same(o.text, cases[i].text) && same(o.product, "product"),
		        "'%s': %s %s [%s %s %s %s]", cases[i].text, psirt_errname(err),
		        o.criteria ? o.criteria : "-", o.si ? o.si : "-", o.se ? o.se : "-",
		        o.ei ? o.ei : "-", o.ee ? o.ee : "-");
		one_match_free(&o);
		psirt_buf_release(&doc);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
}

/* CPE 2.2 URIs as JVN writes them, to criteria the matcher indexes. */
static void test_cpe_uris(void **state)
{
	static const struct {
		const char *uri, *version_text;
		const char *criteria;
		const char *part, *vendor, *product, *version; /* NULL part: not split */
		const char *si, *ei;
	} cases[] = {
		{ "cpe:/a:apache:log4j", NULL, "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", "a", "apache",
		 "log4j", "*", NULL, NULL },
		/* vendor only (MyJVN's vendor list writes these): part and
	     * product ANY */
		{ "cpe:/:sun", NULL, "cpe:2.3:*:sun:*:*:*:*:*:*:*:*:*", "*", "sun", "*", "*", NULL,
		 NULL },
		/* a version in the URI; an exact version text then gives
	     * bounds, as the criteria has its version already */
		{ "cpe:/a:apache:log4j:2.14.1", NULL, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", "a",
		 "apache", "log4j", "2.14.1", NULL, NULL },
		{ "cpe:/a:apache:log4j:2.14.1", "2.14.1", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
		 "a", "apache", "log4j", "2.14.1", "2.14.1", "2.14.1" },
		/* URI unbinding folds case and decodes (NISTIR 7695 §6.1.3) */
		{ "cpe:/o:Linux:Linux_Kernel", NULL, "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*", "o",
		 "linux", "linux_kernel", "*", NULL, NULL },
		{ "cpe:/a:foo%21:bar", NULL, "cpe:2.3:a:foo\\!:bar:*:*:*:*:*:*:*:*", "a", "foo\\!",
		 "bar", "*", NULL, NULL },
		/* not a CPE name: kept as given, not split, not indexed */
		{ "cpe:/a:foo bar:baz", NULL, "cpe:/a:foo bar:baz", NULL, NULL, NULL, NULL, NULL, NULL },
		{ "apache log4j", "2.0 未満", "apache log4j", NULL, NULL, NULL, NULL, NULL, NULL },
	};
	struct ts_suite suite = { "jvn cpe uris", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct one_match o = { 0 };
		struct psirt_feed_sink sink = { keep_match, NULL, NULL, &o, NULL };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_buf doc = PSIRT_BUF_INIT;
		enum psirt_err err;

		vuldef_doc(&doc, cases[i].uri, cases[i].version_text);
		err = psirt_feed_parse_buffer(PSIRT_FEED_JVN, &sink, NULL, doc.p, doc.len, &d);
		ts_case(&suite,
		        err == PSIRT_OK && o.matches == 1 && same(o.criteria, cases[i].criteria) &&
		            same(o.part, cases[i].part) && same(o.vendor, cases[i].vendor) &&
		            same(o.product, cases[i].product) &&
		            same(o.version, cases[i].version) && same(o.si, cases[i].si) &&
		            same(o.ei, cases[i].ei) && same(o.text, cases[i].version_text),
		        "%s: %s %s [%s|%s|%s|%s]", cases[i].uri, psirt_errname(err),
		        o.criteria ? o.criteria : "-", o.part ? o.part : "-",
		        o.vendor ? o.vendor : "-", o.product ? o.product : "-",
		        o.version ? o.version : "-");
		one_match_free(&o);
		psirt_buf_release(&doc);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
}

static void import_expect(struct psirt_store *s, const char *file, const char *id,
                          enum psirt_store_outcome o)
{
	struct psirt_feed_stats st = { 0 };
	struct psirt_vuln_view *v;
	size_t i;

	assert_int_equal(tss_import(s, PSIRT_FEED_JVN, file, &st, NULL), PSIRT_OK);
	assert_true(st.counts[o] >= 1);
	v = get(s, id);
	for (i = 0; i < v->n_records; i++)
		assert_string_not_equal(v->records[i].imported_at, "");
	psirt_vuln_view_free(v);
}

/* Update ordering between the real feeds: JVNDB-2023-000001 is in the
 * 2023 year feed (modified 2023-01-05) and in the update feed jvndb.rdf
 * (modified 2023-11-03); Log4Shell in the year feed and the detail
 * document. */
static void test_update_ordering(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_vuln_view *v;
	struct psirt_feed_stats st = { 0 };
	char *before, *after;

	import_expect(s, "jvn/rss/jvndb_2023.rdf", "JVNDB-2023-000001", PSIRT_STORE_ADDED);
	v = get(s, "JVNDB-2023-000001");
	assert_string_equal(v->records[0].modified, "2023-01-05T03:02:00.000Z");
	psirt_vuln_view_free(v);
	import_expect(s, "jvn/rss/jvndb.rdf", "JVNDB-2023-000001", PSIRT_STORE_UPDATED);
	v = get(s, "JVNDB-2023-000001");
	assert_string_equal(v->records[0].modified, "2023-11-03T03:02:00.000Z");
	psirt_vuln_view_free(v);
	before = tss_dump(s);
	assert_int_equal(tss_import(s, PSIRT_FEED_JVN, "jvn/rss/jvndb_2023.rdf", &st, NULL),
	                 PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_OLDER], 1);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 1);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* the overview, then the detail of the same version: the detail wins;
	 * the overview again is older */
	import_expect(s, "jvn/rss/jvndb_2021.rdf", "JVNDB-2021-005429", PSIRT_STORE_ADDED);
	import_expect(s, "jvn/detail/jvndb_detail_2021.rdf", "JVNDB-2021-005429",
	              PSIRT_STORE_UPDATED);
	import_expect(s, "jvn/rss/jvndb_2021.rdf", "JVNDB-2021-005429", PSIRT_STORE_OLDER);
	v = get(s, "CVE-2021-44228");
	assert_string_equal(v->records[0].modified, "2022-12-15T01:24:36.000Z");
	assert_non_null(v->records[0].configs->nodes->matches->version_text);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* Importing the same data again changes nothing at all. */
static void test_reimport_idempotent(void **state)
{
	struct psirt_store *s = store_with(jvn_files, N_FILES);
	char *before = tss_dump(s), *after;
	struct psirt_feed_stats again = { 0 };
	size_t i;

	for (i = 0; i < N_FILES; i++)
		assert_int_equal(tss_import(s, PSIRT_FEED_JVN, jvn_files[i], &again, NULL),
		                 PSIRT_OK);
	assert_int_equal(again.records, 16);
	assert_int_equal(again.counts[PSIRT_STORE_ADDED] + again.counts[PSIRT_STORE_UPDATED], 0);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(before);
	free(after);
	psirt_store_close(s);
}

/* Log4Shell across every source: NVD, JVN (overview and detail), CISA KEV,
 * FIRST EPSS and OSV (GitHub's GHSA): one vulnerability named by its CVE,
 * with its three source records, the KEV entry and the EPSS score, reached
 * by any of its ids, whatever the order of the imports (the JVN detail
 * after the overview: this trimmed detail names no CVE itself). */
static void test_log4shell_join(void **state)
{
	static const struct {
		enum psirt_feed_kind kind;
		const char *file;
	} feeds[] = {
		{ PSIRT_FEED_NVD, "nvd/nvd-cves-fixtures.json.gz" },
		{ PSIRT_FEED_JVN, "jvn/rss/jvndb_2021.rdf" },
		{ PSIRT_FEED_KEV, "kev/kev-subset.json" },
		{ PSIRT_FEED_EPSS, "epss/handmade" },
		{ PSIRT_FEED_OSV, "osv/records/GHSA-jfh8-c2jp-5v3q.json" },
		{ PSIRT_FEED_JVN, "jvn/detail/jvndb_detail_2021.rdf" },
	};
	static const int orders[][6] = {
		{ 0, 1, 2, 3, 4, 5 },
		{ 4, 3, 2, 1, 5, 0 },
		{ 1, 5, 4, 0, 3, 2 },
	};
	static const char *const ids[] = { "CVE-2021-44228", "JVNDB-2021-005429",
	                                  "GHSA-jfh8-c2jp-5v3q", "jvndb-2021-005429" };
	struct ts_suite suite = { "jvn log4shell join", 0, 0 };
	size_t o, i;

	for (o = 0; o < sizeof orders / sizeof orders[0]; o++) {
		struct psirt_store *s = tss_store();

		for (i = 0; i < 6; i++) {
			struct psirt_feed_stats st = { 0 };
			int k = orders[o][i];

			assert_int_equal(tss_import(s, feeds[k].kind, feeds[k].file, &st, NULL),
			                 PSIRT_OK);
		}
		for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
			struct psirt_vuln_view *v = get(s, ids[i]);
			const struct psirt_vuln_str *a = v->aliases;
			int ok = !strcmp(v->name, "CVE-2021-44228") && v->n_records == 3 &&
			         v->records[0].source == PSIRT_VULN_SRC_JVN &&
			         v->records[1].source == PSIRT_VULN_SRC_NVD &&
			         v->records[2].source == PSIRT_VULN_SRC_OSV &&
			         !strcmp(v->records[0].id, "JVNDB-2021-005429") &&
			         !strcmp(v->records[0].modified, "2022-12-15T01:24:36.000Z") &&
			         v->n_kev == 1 && v->n_epss == 1 && a &&
			         !strcmp(a->value, "CVE-2021-44228") && a->next &&
			         !strcmp(a->next->value, "GHSA-jfh8-c2jp-5v3q") && a->next->next &&
			         !strcmp(a->next->next->value, "JVNDB-2021-005429") &&
			         !a->next->next->next && !v->withdrawn;

			ts_case(&suite, ok, "order %zu, %s: %s with %zu records", o, ids[i],
			        v->name, v->n_records);
			psirt_vuln_view_free(v);
		}
		psirt_store_close(s);
	}
	ts_suite_end(&suite);
}

/* Bad files: one clear error naming the file, the line and byte, the
 * record where known, and the store exactly as before. */
static void test_bad_files(void **state)
{
	static const struct {
		const char *file;
		enum psirt_err err;
		const char *line;
	} cases[] = {
		{ "jvn/bad/truncated.rdf", PSIRT_EINVAL,
		 "jvn/bad/truncated.rdf:28: byte 2600: JVNDB-2021-005429: invalid XML: premature end "
		 "of the document inside <references>" },
		{ "jvn/bad/missing-identifier.rdf", PSIRT_EINVAL,
		 "jvn/bad/missing-identifier.rdf:16: byte 1088: item 1: item without "
		 "<sec:identifier>" },
		{ "jvn/bad/bad-date.rdf", PSIRT_EINVAL,
		 "jvn/bad/bad-date.rdf:36: byte 3408: JVNDB-2021-005429: <dcterms:modified> is not an "
		 "ISO 8601 timestamp: \"2022-12-15 午前10時24分\"" },
		{ "jvn/bad/doctype.rdf", PSIRT_EINVAL,
		 "jvn/bad/doctype.rdf:2: byte 57: a DOCTYPE is not allowed in a JVN document (no DTDs, "
		 "no entities)" },
		{ "jvn/bad/api-error.rdf", PSIRT_EINVAL,
		 "jvn/bad/api-error.rdf:6: byte 492: the MyJVN API answered with an error: MYJVN_999 "
		 "Invalid parameter (rangeDatePublic)" },
		/* bytes that are no UTF-8 in a document that says it is */
		{ "jvn/bad/bad-utf8.rdf", PSIRT_EINVAL,
		  "jvn/bad/bad-utf8.rdf:17:25: byte 1114: item 1: invalid XML: Input is not proper "
		  "UTF-8, indicate encoding ! Bytes: 0xE3 0x80 0x20 0xFF" },
		/* MyJVN's product list: real JVN data, but no vulnerabilities */
		{ "jvn/bad/not-vulnerability-data.rdf", PSIRT_EINVAL,
		 "jvn/bad/not-vulnerability-data.rdf:8: byte 361: not a JVN iPedia document: the root "
		 "element is <Result>, not <rdf:RDF> or <VULDEF-Document>" },
		{ "jvn/no-such-file.rdf", PSIRT_ENOTFOUND,
		 "jvn/no-such-file.rdf: No such file or directory" },
	};
	struct ts_suite suite = { "jvn bad files", 0, 0 };
	struct psirt_store *s = store_with(jvn_files, 4);
	char *before = tss_dump(s), *after, *line;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = tss_import(s, PSIRT_FEED_JVN, cases[i].file, &st, &d);

		line = tss_diag_line(&d);
		after = tss_dump(s);
		ts_case(&suite, err == cases[i].err && st.errors == 1 && st.records == 0,
		        "%s: error %s", cases[i].file, psirt_errname(err));
		ts_case(&suite, line && strstr(line, cases[i].line) == line, "%s: got '%s'",
		        cases[i].file, line ? line : "(null)");
		ts_case(&suite, !strcmp(before, after), "%s: store changed", cases[i].file);
		free(line);
		free(after);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
	free(before);
	psirt_store_close(s);
}

static enum psirt_err count_only(void *ctx, const struct psirt_vuln_record *r, struct psirt_diag *d)
{
	(*(unsigned long *)ctx)++;
	return PSIRT_OK;
}

#define RSS_HEAD                                                                                   \
	"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "                      \
	"xmlns=\"http://purl.org/rss/1.0/\" xmlns:sec=\"http://jvn.jp/rss/mod_sec/\" "             \
	"xmlns:dcterms=\"http://purl.org/dc/terms/\" "                                             \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
#define ITEM(body) "<item><sec:identifier>JVNDB-2024-000001</sec:identifier>" body "</item>"
#define MODIFIED "<dcterms:modified>2024-01-10T12:00+09:00</dcterms:modified>"

/* Shapes, required fields and hardening on small hand-made inputs. */
static void test_parser_cases(void **state)
{
	static const struct {
		const char *xml;
		enum psirt_err err;
		unsigned long records;
		const char *message; /* prefix of the formatted diagnostic */
	} cases[] = {
		{ RSS_HEAD ITEM(MODIFIED) "</rdf:RDF>", PSIRT_OK, 1, NULL },
		{ RSS_HEAD "</rdf:RDF>", PSIRT_OK, 0, NULL },
		/* dc:date stands in for a missing dcterms:modified */
		{ RSS_HEAD ITEM("<dc:date>2024-01-10T12:00+09:00</dc:date>") "</rdf:RDF>", PSIRT_OK, 1,
		 NULL },
		/* unknown elements and namespaces, CDATA, comments, a BOM */
		{ "\xEF\xBB\xBF" RSS_HEAD "<!-- x --><foo><item/></foo>" ITEM(
			  MODIFIED "<title><![CDATA[a <b>]]></title><x:y xmlns:x=\"urn:x\">z</x:y>")
			  "</rdf:RDF>",
		  PSIRT_OK, 1, NULL },
		{ RSS_HEAD ITEM("") "</rdf:RDF>", PSIRT_EINVAL, 0,
		 "line 1: byte 228: JVNDB-2024-000001: item without <dcterms:modified>" },
		{ RSS_HEAD "<item>" MODIFIED "</item></rdf:RDF>", PSIRT_EINVAL, 0,
		 "line 1: byte 228: item 1: item without <sec:identifier>" },
		{ RSS_HEAD "<item><sec:identifier>CVE-2024-0001</sec:identifier>" MODIFIED
	              "</item></rdf:RDF>",
		 PSIRT_EINVAL, 0, "line 1: byte 228: CVE-2024-0001: malformed JVNDB id" },
		{ RSS_HEAD ITEM(MODIFIED "<sec:cvss version=\"3.0\" score=\"high\"/>") "</rdf:RDF>",
		 PSIRT_EINVAL, 0,
		 "line 1: byte 374: JVNDB-2024-000001: CVSS score \"high\" is not a number from 0 to 10" },
		{ "<html><body/></html>", PSIRT_EINVAL, 0,
		 "line 1: byte 5: not a JVN iPedia document: the root element is <html>" },
		{ "", PSIRT_EINVAL, 0, "byte 0: empty document" },
		{ "  \n\t", PSIRT_EINVAL, 0, "byte 0: empty document" },
		{ "\n {\"id\":\"JVNDB-2024-000001\"}", PSIRT_EINVAL, 0,
		  "byte 2: not an XML document (JVN iPedia feeds are XML)" },
		{ "not xml", PSIRT_EINVAL, 0, "byte 0: not an XML document (JVN iPedia feeds are XML)" },
		{ RSS_HEAD ITEM(MODIFIED "<title>&undefined;</title>") "</rdf:RDF>", PSIRT_EINVAL, 0,
		 "line 1, column 357: byte 356: JVNDB-2024-000001: invalid XML: Entity 'undefined' "
		 "not defined" },
		{ RSS_HEAD ITEM(MODIFIED) "</rdf:RDF><extra/>", PSIRT_EINVAL, 1,
		 "line 1, column 356: byte 355: invalid XML: Extra content at the end of the document" },
		/* external entities are never fetched: the DOCTYPE stops first */
		{ "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" RSS_HEAD ITEM(
	         MODIFIED "<title>&x;</title>") "</rdf:RDF>",
		 PSIRT_EINVAL, 0, "line 1: byte 12: a DOCTYPE is not allowed" },
	};
	struct ts_suite suite = { "jvn parser cases", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long n = 0;
		struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = psirt_feed_parse_buffer(
		    PSIRT_FEED_JVN, &sink, NULL, cases[i].xml, strlen(cases[i].xml), &d);
		char *line = err ? psirt_diag_format(&d) : NULL;

		ts_case(&suite,
		        err == cases[i].err && n == cases[i].records &&
		            (!cases[i].message ||
		             (line && !strncmp(line, cases[i].message, strlen(cases[i].message)))),
		        "case %zu: %s, %lu records: %s", i, psirt_errname(err), n,
		        line ? line : "");
		free(line);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
}

/* Regressions found by fuzz_jvn (2026-01), each parsed whole and in
 * chunks of many sizes:
 * - an invalid namespace URI is an error libxml2 goes on after; records
 *   after it came out when the whole document was pushed at once, not when
 *   it was split before the error. The first error now ends the records,
 *   wherever the chunks end.
 * - a sec:cvss score that is no number: the error halted libxml2 inside
 *   the element's callback, which freed the input its attributes point
 *   into, and the next attribute was read from freed memory. Errors no
 *   longer halt libxml2 from inside a callback. */
static void test_fuzz_regressions(void **state)
{
	static const struct {
		const char *file, *message;
		long line;
	} cases[] = {
		{ "jvn/fuzz/invalid-namespace-uri.rdf",
		  "invalid XML: xmlns:xsi: ')ttp://www.w3.org/2001/XMLSchema-instance' is not a valid "
		  "URI",
		  2 },
		{ "jvn/fuzz/bad-cvss-score.rdf", "CVSS score \":.5\" is not a number from 0 to 10", 27 },
	};
	struct ts_suite suite = { "jvn fuzz regressions", 0, 0 };
	size_t len, split, i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *data = ts_read_file(cases[i].file, &len);

		for (split = 0; split <= len; split += 37) {
			struct tss_collect c = TSS_COLLECT_INIT;
			struct psirt_diag d = PSIRT_DIAG_INIT;
			enum psirt_err err = parse_chunked(&c, data, len, split ? split : len, &d);

			ts_case(&suite,
			        err == PSIRT_EINVAL && c.n == 0 && d.message &&
			                !strcmp(d.message, cases[i].message) && d.line == cases[i].line,
			        "%s in chunks of %zu: %s, %lu records: %s", cases[i].file, split,
			        psirt_errname(err), c.n, d.message ? d.message : "");
			tss_collect_release(&c);
			psirt_diag_release(&d);
		}
		free(data);
	}
	ts_suite_end(&suite);
}

/* Limits: element nesting. */
static void test_limits(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	unsigned long n = 0;
	struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
	int i;

	psirt_buf_adds(&b, RSS_HEAD);
	for (i = 0; i < 100; i++)
		psirt_buf_adds(&b, "<a>");
	assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_JVN, &sink, NULL, b.p, b.len, &d),
	                 PSIRT_ETOOBIG);
	assert_string_equal(d.message, "elements nested deeper than 64 levels");
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

/* MyJVN's status element gives the page facts (totalRes, totalResRet,
 * firstRes) that a sync pages by; the detail fixtures carry real ones,
 * one with an empty firstRes. */
static void test_status_page(void **state)
{
	static const struct {
		const char *file;
		long long start, per_page, total;
	} cases[] = {
		{ "jvn/detail/jvndb_detail_2021.rdf", 0, 1, 1 },
		{ "jvn/detail/jvndb_detail_2022.rdf", -1, 1406, 1406 },
		{ "jvn/rss/jvndb_2021.rdf", -1, -1, -1 }, /* a feed file: no status */
		{ "sync/myjvn/getVulnOverviewList-2.rdf", 1, 1, 2 },
	};
	struct ts_suite suite = { "jvn status page facts", 0, 0 };
	size_t c, len;

	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		unsigned long n = 0;
		struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
		struct psirt_feed_parser *p = NULL;
		struct psirt_feed_page page = { 0, 0, 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		char *data = ts_read_file(cases[c].file, &len);
		int ok = psirt_feed_parser_new(PSIRT_FEED_JVN, &sink, NULL, &p, &d) == PSIRT_OK &&
		         psirt_feed_parser_push(p, data, len, &d) == PSIRT_OK &&
		         psirt_feed_parser_finish(p, &d) == PSIRT_OK;

		if (p)
			psirt_feed_parser_page(p, &page);
		ts_case(&suite,
		        ok && page.start_index == cases[c].start &&
		                page.results_per_page == cases[c].per_page &&
		                page.total_results == cases[c].total,
		        "%s: start %lld, per page %lld, total %lld", cases[c].file, page.start_index,
		        page.results_per_page, page.total_results);
		psirt_feed_parser_free(p);
		psirt_diag_release(&d);
		free(data);
	}
	ts_suite_end(&suite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss_golden),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_store_roundtrip),
		cmocka_unit_test(test_detail_fields),
		cmocka_unit_test(test_quirks),
		cmocka_unit_test(test_version_text),
		cmocka_unit_test(test_cpe_uris),
		cmocka_unit_test(test_update_ordering),
		cmocka_unit_test(test_reimport_idempotent),
		cmocka_unit_test(test_log4shell_join),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_parser_cases),
		cmocka_unit_test(test_fuzz_regressions),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_status_page),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
