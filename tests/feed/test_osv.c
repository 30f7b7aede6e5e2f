/* OSV importer: the parser on real records, chunking, the store round
 * trip, field by field checks, package-URL identities, folders and zips,
 * withdrawn records, re-import, update ordering, the Log4Shell alias join
 * and bad files that must leave the store as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/feed.h"
#include "psirt/map.h"
#include "psirt/str.h"
#include "support/store_support.h"
#include "support/support.h"

/* The real records of tests/data/osv/records (see its PROVENANCE.md). */
static const char *const record_files[] = {
	"osv/records/CVE-2018-5407.json",       "osv/records/DSA-135.json",
	"osv/records/GHSA-2c3p-9j5f-33g3.json", "osv/records/GHSA-2c7x-w3mx-h7p6.json",
	"osv/records/GHSA-35c4-f3rq-f9g3.json", "osv/records/GHSA-jfh8-c2jp-5v3q.json",
	"osv/records/GHSA-xxxq-chmp-67g4.json", "osv/records/GO-2020-0001.json",
	"osv/records/OSV-128.json",             "osv/records/OSV-2017-1.json",
	"osv/records/PYSEC-2021-852.json",      "osv/records/RHSA-2022_0216.json",
	"osv/records/UBUNTU-CVE-2025-38094.json",
};
#define N_RECORDS (sizeof record_files / sizeof record_files[0])

#define parse_chunked(...) tss_parse_chunked(PSIRT_FEED_OSV, __VA_ARGS__)

/* DSA-135: a Debian advisory, every field checked by hand against the file
 * (related, not aliases: Debian's DSA names the CVE it fixes as related). */
static const char golden_dsa_135[] =
	"source=osv\n"
	"id=DSA-135\n"
	"modified=2023-10-16T00:05:19.431Z\n"
	"published=2002-07-02T00:00:00.000Z\n"
	"assigner=(null)\n"
	"status=(null)\n"
	"withdrawn=0\n"
	"withdrawn_at=(null)\n"
	"aliases=[]\n"
	"related=[CVE-2002-0653]\n"
	"title : libapache-mod-ssl -- buffer overflow / DoS\n"
	"description : \n"
	"The libapache-mod-ssl package provides SSL capability to the apache\n"
	"webserver.\n"
	"Recently, a problem has been found in the handling of .htaccess files,\n"
	"allowing arbitrary code execution as the web server user (regardless of\n"
	"ExecCGI / suexec settings), DoS attacks (killing off apache children), and\n"
	"allowing someone to take control of apache child processes - all through\n"
	"specially crafted .htaccess files.\n"
	"\n"
	"\n"
	"This has been fixed in the libapache-mod-ssl\\_2.4.10-1.3.9-1potato2 package\n"
	"(for potato), and the libapache-mod-ssl\\_2.8.9-2 package (for woody).\n"
	"We recommend you upgrade as soon as possible.\n"
	"\n"
	"\n"
	"\n"
	"ref https://www.debian.org/security/2002/dsa-135 - tags=[ADVISORY]\n"
	"package Debian:3.0 libapache-mod-ssl pkg:deb/debian/libapache-mod-ssl?arch=source "
	"{\"database_specific\":{\"source\":\"https://storage.googleapis.com/debian-osv/dsa-osv/"
	"DSA-135.json\"}}\n"
	" purl-id deb|debian|libapache-mod-ssl\n"
	" range ECOSYSTEM - -\n"
	"  event introduced 0\n"
	"  event fixed 2.8.9-2\n"
	" versions=[2.4.10-1.3.9-1potato2|2.4.10-1.3.9-1potato4|2.8.7-1]\n"
	"extra={\"schema_version\":\"1.6.0\"}\n";

static void test_parse_golden(void **state)
{
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t len;
	char *data = ts_read_file("osv/records/DSA-135.json", &len);

	assert_int_equal(parse_chunked(&c, data, len, 0, &d), PSIRT_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.all.p, golden_dsa_135);
	tss_collect_release(&c);
	free(data);
}

/* Streaming must not depend on where chunks end. */
static void test_chunking(void **state)
{
	static const size_t chunks[] = { 1, 2, 7, 64, 1000 };
	struct ts_suite s = { "osv chunking", 0, 0 };
	size_t i, k, len;

	for (i = 0; i < N_RECORDS; i++) {
		struct tss_collect whole = TSS_COLLECT_INIT;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		char *data = ts_read_file(record_files[i], &len);

		assert_int_equal(parse_chunked(&whole, data, len, 0, &d), PSIRT_OK);
		for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
			struct tss_collect c = TSS_COLLECT_INIT;

			ts_case(&s,
			        parse_chunked(&c, data, len, chunks[k], &d) == PSIRT_OK && c.n == 1 &&
			                whole.n == 1 && !strcmp(c.all.p, whole.all.p),
			        "%s in chunks of %zu", record_files[i], chunks[k]);
			tss_collect_release(&c);
		}
		tss_collect_release(&whole);
		psirt_diag_release(&d);
		free(data);
	}
	ts_suite_end(&s);
}

static struct psirt_store *store_with_records(void)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };

	assert_int_equal(tss_import(s, PSIRT_FEED_OSV, "osv/records", &st, NULL), PSIRT_OK);
	assert_int_equal(st.files, N_RECORDS);
	assert_int_equal(st.records, N_RECORDS);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], N_RECORDS - 1);
	assert_int_equal(st.counts[PSIRT_STORE_WITHDRAWN], 1);
	return s;
}

/* What the parser produced is what the store gives back, record by record. */
static void test_store_roundtrip(void **state)
{
	struct psirt_store *s = store_with_records();
	struct ts_suite suite = { "osv store round trip", 0, 0 };
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_feed_sink sink = { tss_collect_vuln, NULL, NULL, &c, NULL };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_vuln_view *v;
	const char *key;
	size_t pos = 0, klen, i, k;
	void *digest;

	for (i = 0; i < N_RECORDS; i++) {
		size_t len;
		char *data = ts_read_file(record_files[i], &len);

		assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_OSV, &sink, record_files[i], data,
		                                         len, &d),
		                 PSIRT_OK);
		free(data);
	}
	assert_int_equal(c.n, N_RECORDS);
	while (psirt_map_next(&c.by_id, &pos, &key, &klen, &digest)) {
		char id[64];
		int found = 0;

		snprintf(id, sizeof id, "%.*s", (int)klen, key);
		assert_int_equal(psirt_store_vuln_get(s, id, &v, &d), PSIRT_OK);
		for (k = 0; k < v->n_records; k++) {
			if (strcmp(v->records[k].id, id))
				continue;
			psirt_buf_reset(&b);
			tss_describe(&b, &v->records[k]);
			found = !strcmp(b.p, digest);
			if (!found)
				printf("stored:\n%s\nparsed:\n%s\n", b.p, (const char *)digest);
		}
		ts_case(&suite, found, "%s", id);
		psirt_vuln_view_free(v);
	}
	ts_suite_end(&suite);
	psirt_buf_release(&b);
	tss_collect_release(&c);
	psirt_store_close(s);
}

/* The one record of a source in a view. */
static const struct psirt_vuln_record *record_of(const struct psirt_vuln_view *v,
                                                 enum psirt_vuln_source src, const char *id)
{
	size_t i;

	for (i = 0; i < v->n_records; i++) {
		if (v->records[i].source == src && (!id || !strcmp(v->records[i].id, id)))
			return &v->records[i];
	}
	fail_msg("%s: no %s record %s", v->name, psirt_vuln_source_name(src), id ? id : "");
	return NULL;
}

static struct psirt_vuln_view *get(struct psirt_store *s, const char *id)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_view *v = NULL;

	if (psirt_store_vuln_get(s, id, &v, &d))
		fail_msg("%s: %s", id, d.message);
	return v;
}

static size_t count_strs(const struct psirt_vuln_str *s)
{
	size_t n = 0;

	for (; s; s = s->next)
		n++;
	return n;
}

static size_t count_packages(const struct psirt_vuln_record *r)
{
	const struct psirt_vuln_package *p;
	size_t n = 0;

	for (p = r->packages; p; p = p->next)
		n++;
	return n;
}

/* Chosen records, field by field, read back from the store. */
static void test_fields(void **state)
{
	struct psirt_store *s = store_with_records();
	struct psirt_vuln_view *v;
	const struct psirt_vuln_record *r;
	const struct psirt_vuln_package *p;
	const struct psirt_vuln_range *rg;
	const struct psirt_vuln_score *sc;

	/* Log4Shell as GitHub writes it: three affected entries of one Maven
	 * package, a CVSS 3.1 vector scored here, database_specific kept */
	v = get(s, "GHSA-jfh8-c2jp-5v3q");
	assert_string_equal(v->name, "CVE-2021-44228");
	r = record_of(v, PSIRT_VULN_SRC_OSV, "GHSA-jfh8-c2jp-5v3q");
	assert_string_equal(r->modified, "2022-03-25T20:56:18.000Z");
	assert_string_equal(r->published, "2021-12-10T00:40:56.000Z");
	assert_string_equal(r->aliases->value, "CVE-2021-44228");
	assert_null(r->aliases->next);
	assert_string_equal(r->titles->value, "Remote code injection in Log4j");
	assert_string_equal(r->titles->lang, "");
	assert_non_null(strstr(r->descriptions->value, "the ldap JNDI parser.\nAs per"));
	sc = r->scores;
	assert_string_equal(sc->kind, "CVSS_V3");
	assert_string_equal(sc->version, "3.1");
	assert_string_equal(sc->vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
	assert_true(sc->has_base_score && sc->base_score == 10.0);
	assert_string_equal(sc->severity, "CRITICAL");
	assert_string_equal(sc->source, "GHSA");
	assert_string_equal(sc->json, "{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/"
	                              "S:C/C:H/I:H/A:H\"}");
	assert_int_equal(count_packages(r), 3);
	p = r->packages->next;
	assert_string_equal(p->ecosystem, "Maven");
	assert_string_equal(p->name, "org.apache.logging.log4j:log4j-core");
	assert_null(p->purl);
	assert_string_equal(p->purl_type, "maven");
	assert_string_equal(p->purl_namespace, "org.apache.logging.log4j");
	assert_string_equal(p->purl_name, "log4j-core");
	assert_string_equal(p->ranges->type, "ECOSYSTEM");
	assert_string_equal(p->ranges->events->kind, "introduced");
	assert_string_equal(p->ranges->events->value, "0");
	assert_string_equal(p->ranges->events->next->kind, "fixed");
	assert_string_equal(p->ranges->events->next->value, "2.3.1");
	assert_null(p->versions);
	assert_string_equal(r->refs->url, "https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
	assert_string_equal(r->refs->tags->value, "ADVISORY");
	assert_non_null(strstr(r->extra_json, "\"cwe_ids\":[\"CWE-20\",\"CWE-400\""));
	assert_non_null(strstr(r->extra_json, "\"schema_version\":\"1.3.0\""));
	psirt_vuln_view_free(v);

	/* PyPI: the purl given, GIT ranges with their repo beside the
	 * ECOSYSTEM one, the enumerated versions, two aliases */
	v = get(s, "PYSEC-2021-852");
	assert_string_equal(v->name, "CVE-2021-43818");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	assert_int_equal(count_strs(r->aliases), 2);
	assert_string_equal(r->aliases->next->value, "GHSA-55x5-fj6c-h6m8");
	assert_string_equal(r->modified, "2021-12-16T19:24:01.272Z");
	assert_null(r->titles);
	p = r->packages;
	assert_string_equal(p->purl, "pkg:pypi/lxml");
	assert_string_equal(p->purl_type, "pypi");
	assert_string_equal(p->purl_namespace, "");
	assert_string_equal(p->purl_name, "lxml");
	rg = p->ranges;
	assert_string_equal(rg->type, "GIT");
	assert_string_equal(rg->repo, "https://github.com/lxml/lxml");
	assert_string_equal(rg->events->next->next->value, "12fa9669007180a7bb87d990c375cf91ca5b664a");
	rg = rg->next->next;
	assert_string_equal(rg->type, "ECOSYSTEM");
	assert_null(rg->repo);
	assert_null(rg->next);
	assert_int_equal(count_strs(p->versions), 148);
	assert_string_equal(p->versions->value, "0.9");
	assert_null(p->json);
	psirt_vuln_view_free(v);

	/* Go: the zero modified time of the vulndb tree, an identity derived
	 * from the module path, ecosystem_specific with the package,
	 * credits and database_specific with the record */
	v = get(s, "GO-2020-0001");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	assert_string_equal(r->modified, "0001-01-01T00:00:00.000Z");
	assert_string_equal(r->published, "2021-04-14T20:04:52.000Z");
	p = r->packages;
	assert_string_equal(p->purl_type, "golang");
	assert_string_equal(p->purl_namespace, "github.com/gin-gonic");
	assert_string_equal(p->purl_name, "gin");
	assert_string_equal(p->ranges->type, "SEMVER");
	assert_non_null(strstr(p->json, "{\"ecosystem_specific\":{\"imports\":[{\"path\":"));
	assert_string_equal(r->extra_json,
	                    "{\"schema_version\":\"1.3.1\",\"credits\":[{\"name\":\"@thinkerou "
	                    "<thinkerou@gmail.com>\"}],\"database_specific\":{\"url\":"
	                    "\"https://pkg.go.dev/vuln/GO-2020-0001\",\"review_status\":\"REVIEWED\"}}");
	psirt_vuln_view_free(v);

	/* limit events (GIT and ECOSYSTEM), no purl: pypi identity derived */
	v = get(s, "OSV-128");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	rg = r->packages->ranges;
	assert_string_equal(rg->repo, "https://osv-test/repo/url");
	assert_string_equal(rg->events->next->kind, "limit");
	assert_string_equal(rg->next->events->next->kind, "limit");
	assert_string_equal(rg->next->events->next->value, "1.14.2");
	assert_string_equal(r->packages->purl_type, "pypi");
	assert_string_equal(r->packages->purl_name, "grpcio");
	assert_null(r->extra_json);
	psirt_vuln_view_free(v);

	/* last_affected; composer purl */
	v = get(s, "CVE-2023-49052");
	r = record_of(v, PSIRT_VULN_SRC_OSV, "GHSA-2c7x-w3mx-h7p6");
	assert_string_equal(r->packages->ranges->events->next->kind, "last_affected");
	assert_string_equal(r->packages->ranges->events->next->value, "2.0.4");
	assert_string_equal(r->packages->purl_type, "composer");
	assert_string_equal(r->packages->purl_namespace, "microweber");
	assert_string_equal(r->scores->severity, "HIGH");
	assert_true(r->scores->base_score == 8.8);
	psirt_vuln_view_free(v);

	/* Ubuntu: a priority word as severity, not a vector; the purl's
	 * version and qualifiers kept in its canonical form, not in the
	 * identity; "upstream" kept with the record */
	v = get(s, "UBUNTU-CVE-2025-38094");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	sc = r->scores;
	assert_string_equal(sc->kind, "Ubuntu");
	assert_null(sc->vector);
	assert_null(sc->version);
	assert_false(sc->has_base_score);
	assert_string_equal(sc->severity, "medium");
	assert_string_equal(sc->source, "UBUNTU");
	p = r->packages;
	assert_string_equal(p->ecosystem, "Ubuntu:Pro:14.04:LTS");
	assert_string_equal(
	    p->purl,
	    "pkg:deb/ubuntu/linux@3.13.0-206.257?arch=source&distro=esm-infra-legacy%2Ftrusty");
	assert_string_equal(p->purl_type, "deb");
	assert_string_equal(p->purl_namespace, "ubuntu");
	assert_string_equal(p->purl_name, "linux");
	assert_non_null(strstr(r->extra_json, "\"upstream\":[\"CVE-2025-38094\"]"));
	psirt_vuln_view_free(v);

	/* OSS-Fuzz: GIT range, no purl type for the ecosystem */
	v = get(s, "OSV-2017-1");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	p = r->packages;
	assert_string_equal(p->ecosystem, "OSS-Fuzz");
	assert_null(p->purl_type);
	assert_null(p->purl_name);
	assert_string_equal(p->ranges->repo, "https://github.com/curl/curl.git");
	assert_non_null(strstr(p->json, "\"fixed_range\":"));
	psirt_vuln_view_free(v);

	/* npm and Maven purls as given; the CVE id record of the linter
	 * testdata: an affected entry without a package */
	v = get(s, "GHSA-xxxq-chmp-67g4");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	assert_string_equal(r->packages->purl, "pkg:npm/jsrsasign");
	assert_string_equal(r->packages->ranges->type, "SEMVER");
	psirt_vuln_view_free(v);
	v = get(s, "GHSA-2c3p-9j5f-33g3");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	assert_string_equal(r->packages->purl_namespace, "org.apache.openmeetings");
	assert_string_equal(r->scores->version, "3.0");
	psirt_vuln_view_free(v);
	v = get(s, "CVE-2018-5407");
	r = record_of(v, PSIRT_VULN_SRC_OSV, NULL);
	assert_int_equal(count_packages(r), 7);
	for (p = r->packages; p->next; p = p->next)
		;
	assert_null(p->ecosystem);
	assert_string_equal(p->ranges->repo, "https://github.com/nodejs/node");
	psirt_vuln_view_free(v);

	/* related ids do not join: RHSA-2022:0216 names three Log4j CVEs;
	 * each of them shows it as a related record */
	v = get(s, "RHSA-2022:0216");
	assert_string_equal(v->name, "RHSA-2022:0216");
	assert_int_equal(count_strs(v->aliases), 1);
	assert_int_equal(count_strs(v->records[0].related), 3);
	psirt_vuln_view_free(v);
	v = get(s, "CVE-2021-45046");
	assert_int_equal(v->n_records, 0);
	assert_int_equal(v->n_related_records, 1);
	assert_string_equal(v->related_records[0].id, "RHSA-2022:0216");
	psirt_vuln_view_free(v);
	/* Log4Shell itself is not named by it */
	v = get(s, "CVE-2021-44228");
	assert_int_equal(v->n_records, 1);
	assert_int_equal(v->n_related_records, 0);
	psirt_vuln_view_free(v);
	/* a Debian advisory names the CVE it fixes as related */
	v = get(s, "CVE-2002-0653");
	assert_int_equal(v->n_related_records, 1);
	assert_string_equal(v->related_records[0].id, "DSA-135");
	assert_string_equal(v->related_records[0].packages->ranges->events->next->value, "2.8.9-2");
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* The package-URL identity for each kind of ecosystem, from a purl or
 * derived from the name. */
static void test_identity(void **state)
{
	static const struct {
		const char *ecosystem, *name, *purl;
		const char *type, *ns, *pname; /* NULL type: none */
		const char *canonical;         /* NULL: purl unchanged */
	} cases[] = {
		{ "PyPI", "Flask_Login", NULL, "pypi", "", "flask-login", NULL },
		{ "npm", "@babel/core", NULL, "npm", "@babel", "core", NULL },
		{ "npm", "left-pad", NULL, "npm", "", "left-pad", NULL },
		{ "Maven", "org.apache.logging.log4j:log4j-core", NULL, "maven",
		  "org.apache.logging.log4j", "log4j-core", NULL },
		{ "Go", "golang.org/x/net", NULL, "golang", "golang.org/x", "net", NULL },
		{ "crates.io", "smallvec", NULL, "cargo", "", "smallvec", NULL },
		{ "RubyGems", "activesupport", NULL, "gem", "", "activesupport", NULL },
		{ "Packagist", "symfony/http-kernel", NULL, "composer", "symfony", "http-kernel", NULL },
		{ "Debian:12", "openssl", NULL, "deb", "debian", "openssl", NULL },
		{ "Alpine:v3.18", "busybox", NULL, "apk", "alpine", "busybox", NULL },
		{ "Ubuntu:22.04:LTS", "linux", NULL, "deb", "ubuntu", "linux", NULL },
		{ "Red Hat", "openssl", NULL, "rpm", "redhat", "openssl", NULL },
		{ "NuGet", "Newtonsoft.Json", NULL, "nuget", "", "Newtonsoft.Json", NULL },
		{ "OSS-Fuzz", "curl", NULL, NULL, NULL, NULL, NULL },
		{ "Linux", "Kernel", NULL, NULL, NULL, NULL, NULL },
		/* the purl wins over the name, and is canonicalised */
		{ "PyPI", "lxml", "pkg:PyPI/LXML@4.6.4", "pypi", "", "lxml", "pkg:pypi/lxml@4.6.4" },
		{ "Debian:11", "curl", "pkg:deb/debian/curl?distro=bullseye&arch=source", "deb",
		  "debian", "curl", "pkg:deb/debian/curl?arch=source&distro=bullseye" },
		/* a purl that does not parse is kept as given; the identity is
		 * derived from the name instead */
		{ "npm", "lodash", "npm:lodash", "npm", "", "lodash", "npm:lodash" },
		/* Maven without a group is no valid maven purl: no identity */
		{ "Maven", "log4j", NULL, NULL, NULL, NULL, NULL },
	};
	struct ts_suite suite = { "osv purl identity", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tss_collect c = TSS_COLLECT_INIT;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_buf doc = PSIRT_BUF_INIT, want = PSIRT_BUF_INIT;
		enum psirt_err err;

		psirt_buf_addf(&doc,
		               "{\"id\":\"X-%zu\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{"
		               "\"package\":{\"ecosystem\":\"%s\",\"name\":\"%s\"%s%s%s}}]}",
		               i, cases[i].ecosystem, cases[i].name, cases[i].purl ? ",\"purl\":\"" : "",
		               cases[i].purl ? cases[i].purl : "", cases[i].purl ? "\"" : "");
		err = parse_chunked(&c, doc.p, doc.len, 0, &d);
		psirt_buf_addf(&want, "package %s %s %s -\n", cases[i].ecosystem, cases[i].name,
		               cases[i].canonical ? cases[i].canonical : "-");
		if (cases[i].type)
			psirt_buf_addf(&want, " purl-id %s|%s|%s\n", cases[i].type, cases[i].ns,
			               cases[i].pname);
		psirt_buf_adds(&want, " versions=[]\n");
		ts_case(&suite, err == PSIRT_OK && c.n == 1 && strstr(c.all.p, want.p),
		        "%s %s: want\n%s got\n%s", cases[i].ecosystem, cases[i].name, want.p,
		        c.all.p ? c.all.p : "");
		tss_collect_release(&c);
		psirt_buf_release(&doc);
		psirt_buf_release(&want);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
}

/* A withdrawn record is stored, counted as withdrawn, and withdraws the
 * vulnerability when it is its only record. */
static void test_withdrawn(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	struct psirt_vuln_view *v;

	assert_int_equal(
	    tss_import(s, PSIRT_FEED_OSV, "osv/records/GHSA-35c4-f3rq-f9g3.json", &st, NULL),
	    PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_WITHDRAWN], 1);
	v = get(s, "CVE-2015-3227");
	assert_true(v->withdrawn);
	assert_true(v->records[0].withdrawn);
	assert_string_equal(v->records[0].withdrawn_at, "2018-10-11T17:29:49.000Z");
	assert_string_equal(v->records[0].id, "GHSA-35c4-f3rq-f9g3");
	/* "\r\n" in details is kept: it is the text as written */
	assert_non_null(strstr(v->records[0].descriptions->value, "publish.\r\n\r\nThe (1)"));
	assert_int_equal(count_strs(v->records[0].packages->versions), 0);
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* Importing the same data again changes nothing at all. */
static void test_reimport_idempotent(void **state)
{
	struct psirt_store *s = store_with_records();
	struct psirt_feed_stats again = { 0 };
	char *before = tss_dump(s), *after;

	assert_int_equal(tss_import(s, PSIRT_FEED_OSV, "osv/records", &again, NULL), PSIRT_OK);
	assert_int_equal(tss_import(s, PSIRT_FEED_OSV, "osv/zip/all.zip", &again, NULL), PSIRT_OK);
	assert_int_equal(again.records, N_RECORDS + 5);
	assert_int_equal(again.counts[PSIRT_STORE_UNCHANGED], N_RECORDS + 5);
	after = tss_dump(s);
	assert_string_equal(before, after); /* the clock is fixed (PSIRT_NOW) */
	free(before);
	free(after);
	psirt_store_close(s);
}

static void import_expect(struct psirt_store *s, const char *file, enum psirt_store_outcome o)
{
	struct psirt_feed_stats st = { 0 };

	assert_int_equal(tss_import(s, PSIRT_FEED_OSV, file, &st, NULL), PSIRT_OK);
	assert_int_equal(st.records, 1);
	assert_int_equal(st.counts[o], 1);
}

/* A newer modified replaces the record and all its rows; an older one is
 * ignored; equal is unchanged; a withdrawn version withdraws it. */
static void test_update_ordering(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_vuln_view *v;
	const struct psirt_vuln_record *r;
	char *before, *after;

	import_expect(s, "osv/records/PYSEC-2021-852.json", PSIRT_STORE_ADDED);
	before = tss_dump(s);
	import_expect(s, "osv/update/1-older.json", PSIRT_STORE_OLDER);
	after = tss_dump(s);
	assert_string_equal(before, after);
	free(before);
	free(after);

	import_expect(s, "osv/update/2-newer.json", PSIRT_STORE_UPDATED);
	v = get(s, "PYSEC-2021-852");
	r = &v->records[0];
	assert_string_equal(r->modified, "2022-06-01T12:00:00.000Z");
	assert_string_equal(r->descriptions->value,
	                    "HAND-MADE NEWER COPY: lxml before 4.6.5 lets script content through "
	                    "the HTML Cleaner.");
	assert_string_equal(r->packages->ranges->type, "ECOSYSTEM");
	assert_null(r->packages->ranges->next);
	assert_int_equal(count_strs(r->packages->versions), 2);
	psirt_vuln_view_free(v);

	import_expect(s, "osv/update/1-older.json", PSIRT_STORE_OLDER);
	import_expect(s, "osv/update/2-newer.json", PSIRT_STORE_UNCHANGED);
	import_expect(s, "osv/records/PYSEC-2021-852.json", PSIRT_STORE_OLDER);
	import_expect(s, "osv/update/3-withdrawn.json", PSIRT_STORE_WITHDRAWN);
	v = get(s, "CVE-2021-43818");
	assert_true(v->withdrawn);
	assert_string_equal(v->records[0].withdrawn_at, "2022-07-01T12:00:00.000Z");
	psirt_vuln_view_free(v);
	psirt_store_close(s);
}

/* Log4Shell from four feeds: one vulnerability, named by its CVE, with
 * the NVD and OSV (GitHub) records, the KEV entry and the EPSS score;
 * reached by either id, whichever feed came first. */
static void test_log4shell_join(void **state)
{
	static const struct {
		enum psirt_feed_kind kind;
		const char *file;
	} feeds[] = {
		{ PSIRT_FEED_OSV, "osv/records/GHSA-jfh8-c2jp-5v3q.json" },
		{ PSIRT_FEED_NVD, "nvd/nvd-cves-fixtures.json.gz" },
		{ PSIRT_FEED_KEV, "kev/kev-subset.json" },
		{ PSIRT_FEED_EPSS, "epss/handmade" },
	};
	static const char *const ids[] = { "CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q",
		                           "ghsa-jfh8-c2jp-5v3q" };
	int order;
	size_t i, k;

	for (order = 0; order < 2; order++) {
		struct psirt_store *s = tss_store();

		for (i = 0; i < 4; i++) {
			struct psirt_feed_stats st = { 0 };

			k = order ? 3 - i : i;
			assert_int_equal(tss_import(s, feeds[k].kind, feeds[k].file, &st, NULL),
			                 PSIRT_OK);
		}
		for (i = 0; i < 3; i++) {
			struct psirt_vuln_view *v = get(s, ids[i]);

			assert_string_equal(v->name, "CVE-2021-44228");
			assert_int_equal(v->n_records, 2);
			assert_int_equal(v->records[0].source, PSIRT_VULN_SRC_NVD);
			assert_int_equal(v->records[1].source, PSIRT_VULN_SRC_OSV);
			assert_string_equal(v->records[1].id, "GHSA-jfh8-c2jp-5v3q");
			assert_string_equal(v->aliases->value, "CVE-2021-44228");
			assert_string_equal(v->aliases->next->value, "GHSA-jfh8-c2jp-5v3q");
			assert_null(v->aliases->next->next);
			assert_int_equal(v->n_kev, 1);
			assert_string_equal(v->kev[0].date_added, "2021-12-10");
			assert_int_equal(v->n_epss, 1);
			psirt_vuln_view_free(v);
		}
		psirt_store_close(s);
	}
}

/* A zip of records (OSV's all.zip) is one file: the same rows as the
 * records imported one by one in the zip's member order. */
static void test_zip(void **state)
{
	static const char *const members[] = {
		"osv/records/GHSA-2c3p-9j5f-33g3.json", "osv/records/GHSA-xxxq-chmp-67g4.json",
		"osv/records/GO-2020-0001.json", "osv/records/PYSEC-2021-852.json",
		"osv/records/DSA-135.json",
	};
	struct psirt_store *a = tss_store(), *b = tss_store();
	struct psirt_feed_stats st = { 0 }, one = { 0 };
	char *da, *db;
	size_t i;

	assert_int_equal(tss_import(a, PSIRT_FEED_OSV, "osv/zip/all.zip", &st, NULL), PSIRT_OK);
	assert_int_equal(st.files, 1);
	assert_int_equal(st.records, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(tss_import(b, PSIRT_FEED_OSV, members[i], &one, NULL), PSIRT_OK);
	da = tss_dump(a);
	db = tss_dump(b);
	assert_string_equal(da, db);
	free(da);
	free(db);
	psirt_store_close(a);
	psirt_store_close(b);
}

/* A folder's XML files are JVN's: an OSV import passes them by; a file
 * given by name is read whatever its name. */
static void test_folder_filter(void **state)
{
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };

	assert_int_equal(tss_import(s, PSIRT_FEED_OSV, "jvn/rss", &st, NULL), PSIRT_OK);
	assert_int_equal(st.files, 0);
	assert_int_equal(st.errors, 0);
	assert_int_equal(tss_import(s, PSIRT_FEED_OSV, "jvn/rss/jvndb.rdf", &st, NULL),
	                 PSIRT_EINVAL);
	assert_int_equal(st.errors, 1);
	psirt_store_close(s);
}

/* Bad files: one clear error naming the file (and member), the record and
 * the byte, and the store exactly as before. */
static void test_bad_files(void **state)
{
	static const struct {
		const char *file;
		enum psirt_err err;
		const char *line;
	} cases[] = {
		{ "osv/bad/truncated.json", PSIRT_EINVAL,
		  "osv/bad/truncated.json: byte 1500: GHSA-jfh8-c2jp-5v3q: invalid JSON: parse error: "
		  "premature EOF" },
		{ "osv/bad/wrong-type.json", PSIRT_EINVAL,
		  "osv/bad/wrong-type.json: byte 4809: PYSEC-2021-852: \"aliases\" must be an array" },
		/* a real record of a scraper that saved an HTTP error as an id */
		{ "osv/bad/SUSE-SU-403_Forbidden-1.json", PSIRT_EINVAL,
		  "osv/bad/SUSE-SU-403_Forbidden-1.json: byte 0: SUSE-SU-403 Forbidden-1: malformed "
		  "OSV id" },
		/* a hand-made test input of Dependency-Track: modified is
		 * required by the schema */
		{ "osv/bad/MAL-2023-995.json", PSIRT_EINVAL,
		  "osv/bad/MAL-2023-995.json: byte 0: MAL-2023-995: record without \"modified\"" },
		/* the two good members before the bad one are rolled back too */
		{ "osv/bad/bad-member.zip", PSIRT_EINVAL,
		  "osv/bad/bad-member.zip:GHSA-jfh8-c2jp-5v3q.json: byte 1500: GHSA-jfh8-c2jp-5v3q: "
		  "invalid JSON: parse error: premature EOF" },
		{ "osv/bad/corrupt.zip", PSIRT_EINVAL,
		  "osv/bad/corrupt.zip:GHSA-xxxq-chmp-67g4.json: ZIP bad CRC: " },
		{ "osv/no-such-file.json", PSIRT_ENOTFOUND,
		  "osv/no-such-file.json: No such file or directory" },
	};
	struct ts_suite suite = { "osv bad files", 0, 0 };
	struct psirt_store *s = store_with_records();
	char *before = tss_dump(s), *after, *line;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = tss_import(s, PSIRT_FEED_OSV, cases[i].file, &st, &d);

		line = tss_diag_line(&d);
		after = tss_dump(s);
		ts_case(&suite, err == cases[i].err && st.errors == 1 && st.records == 0,
		        "%s: error %s", cases[i].file, psirt_errname(err));
		ts_case(&suite, line && strstr(line, cases[i].line) == line,
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

static enum psirt_err count_only(void *ctx, const struct psirt_vuln_record *r,
                                 struct psirt_diag *d)
{
	(*(unsigned long *)ctx)++;
	return PSIRT_OK;
}

#define REC(extra) "{\"id\":\"GHSA-1\",\"modified\":\"2024-01-01T00:00:00Z\"" extra "}"

/* Shapes, required fields and types on small hand-made inputs. */
static void test_parser_cases(void **state)
{
	static const struct {
		const char *json;
		enum psirt_err err;
		unsigned long records;
		const char *message; /* the formatted diagnostic */
	} cases[] = {
		{ REC(""), PSIRT_OK, 1, NULL },
		/* an array of records, and the OSV API's answer */
		{ "[" REC("") "," REC("") "]", PSIRT_OK, 2, NULL },
		{ "{\"vulns\":[" REC("") "," REC("") "],\"next_page_token\":\"x\"}", PSIRT_OK, 2, NULL },
		{ "{\"vulns\":[]}", PSIRT_OK, 0, NULL },
		{ "[]", PSIRT_OK, 0, NULL },
		/* null is absent; unknown members of every kind are fine */
		{ REC(",\"aliases\":null,\"affected\":null,\"severity\":null,\"withdrawn\":null"),
		  PSIRT_OK, 1, NULL },
		{ REC(",\"x\":{\"y\":[1,{\"z\":null}]},\"affected\":[{\"ranges\":[{\"type\":\"GIT\","
		      "\"events\":[{\"introduced\":\"0\",\"future_kind\":\"1\"}],\"w\":[[]]}]}]"),
		  PSIRT_OK, 1, NULL },
		{ "\xEF\xBB\xBF" REC(""), PSIRT_OK, 1, NULL },
		{ REC(",\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/"
		      "UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"},{\"type\":\"CVSS_V2\",\"score\":"
		      "\"AV:N/AC:L/Au:N/C:P/I:P/A:P\"},{\"type\":\"CVSS_V3\",\"score\":\"nonsense\"}]"),
		  PSIRT_OK, 1, NULL },
		/* required fields */
		{ "{\"modified\":\"2024-01-01T00:00:00Z\"}", PSIRT_EINVAL, 0,
		  "byte 0: record without \"id\"" },
		{ "{\"id\":\"GHSA-1\"}", PSIRT_EINVAL, 0, "byte 0: GHSA-1: record without \"modified\"" },
		{ "[" REC("") ",{\"id\":\"GHSA-2\"}]", PSIRT_EINVAL, 1,
		  "byte 51: GHSA-2: record without \"modified\"" },
		{ "[" REC("") ",{}]", PSIRT_EINVAL, 1, "byte 51: record 2: record without \"id\"" },
		{ "{\"id\":\"\",\"modified\":\"2024-01-01T00:00:00Z\"}", PSIRT_EINVAL, 0,
		  "byte 0: malformed OSV id" },
		{ REC(",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\"}}]"), PSIRT_EINVAL, 0,
		  "byte 91: GHSA-1: package without \"name\"" },
		{ REC(",\"affected\":[{\"ranges\":[{\"events\":[]}]}]"), PSIRT_EINVAL, 0,
		  "byte 84: GHSA-1: range without \"type\"" },
		{ REC(",\"references\":[{\"type\":\"WEB\"}]"), PSIRT_EINVAL, 0,
		  "byte 76: GHSA-1: reference without \"url\"" },
		{ REC(",\"severity\":[{\"type\":\"CVSS_V3\"}]"), PSIRT_EINVAL, 0,
		  "byte 78: GHSA-1: severity without \"score\"" },
		/* types */
		{ "{\"id\":\"GHSA-1\",\"modified\":\"yesterday\"}", PSIRT_EINVAL, 0,
		  "byte 36: GHSA-1: \"modified\" is not an RFC 3339 timestamp: \"yesterday\"" },
		{ "{\"id\":7,\"modified\":\"2024-01-01T00:00:00Z\"}", PSIRT_EINVAL, 0,
		  "byte 6: \"id\" must be a string" },
		{ REC(",\"aliases\":[\"A\",3]"), PSIRT_EINVAL, 0,
		  "byte 64: GHSA-1: \"aliases\" must hold strings" },
		{ REC(",\"related\":[[]]"), PSIRT_EINVAL, 0,
		  "byte 60: GHSA-1: \"related\" must hold strings" },
		{ REC(",\"affected\":{}"), PSIRT_EINVAL, 0,
		  "byte 60: GHSA-1: \"affected\" must be an array" },
		{ REC(",\"affected\":[{\"package\":[]}]"), PSIRT_EINVAL, 0,
		  "byte 72: GHSA-1: \"package\" must be an object" },
		{ REC(",\"affected\":[{\"versions\":[1]}]"), PSIRT_EINVAL, 0,
		  "byte 74: GHSA-1: \"versions\" must hold strings" },
		{ REC(",\"affected\":[3]"), PSIRT_EINVAL, 0,
		  "byte 61: GHSA-1: an array of objects holds a scalar" },
		{ REC(",\"summary\":true"), PSIRT_EINVAL, 0,
		  "byte 62: GHSA-1: \"summary\" must be a string" },
		{ REC(",\"affected\":[{\"ranges\":[{\"type\":\"GIT\",\"events\":[{\"fixed\":1}]}]}]"),
		  PSIRT_EINVAL, 0, "byte 105: GHSA-1: \"fixed\" must be a string" },
		/* documents that are no OSV */
		{ "\"GHSA-1\"", PSIRT_EINVAL, 0, "byte 7: not an OSV document (no object or array)" },
		{ "", PSIRT_EINVAL, 0, "byte 0: empty document" },
		{ REC("") " {}", PSIRT_EINVAL, 1, "byte 50: GHSA-1: invalid JSON: parse error: trailing garbage" },
		{ "{\"id\":\"GHSA-1\"", PSIRT_EINVAL, 0,
		  "byte 14: GHSA-1: invalid JSON: parse error: premature EOF" },
	};
	struct ts_suite suite = { "osv parser cases", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long n = 0;
		struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = psirt_feed_parse_buffer(PSIRT_FEED_OSV, &sink, NULL, cases[i].json,
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

/* Scores of every CVSS version computed from the vector; a vector that does
 * not parse is kept with the version its prefix names. */
static void test_scores(void **state)
{
	static const char doc[] =
	    REC(",\"severity\":[{\"type\":\"CVSS_V4\",\"score\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/"
	        "VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"},{\"type\":\"CVSS_V2\",\"score\":"
	        "\"AV:N/AC:L/Au:N/C:P/I:P/A:P\"},{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.0/AV:N\"},"
	        "{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N\","
	        "\"x\":{\"y\":[true]}}]");
	struct tss_collect c = TSS_COLLECT_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_int_equal(parse_chunked(&c, doc, strlen(doc), 0, &d), PSIRT_OK);
	assert_non_null(strstr(c.all.p, "score CVSS_V4 4.0 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
	                                "VA:H/SC:N/SI:N/SA:N 9.3 CRITICAL GHSA "));
	assert_non_null(strstr(c.all.p, "score CVSS_V2 2.0 AV:N/AC:L/Au:N/C:P/I:P/A:P 7.5 HIGH GHSA"));
	assert_non_null(strstr(c.all.p, "score CVSS_V3 3.0 CVSS:3.0/AV:N - - GHSA"));
	/* 0.0 is NONE in v3.1; the unknown member stays in the block's JSON */
	assert_non_null(strstr(c.all.p, "A:N 0.0 NONE GHSA - {\"type\":\"CVSS_V3\",\"score\":"
	                                "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N\","
	                                "\"x\":{\"y\":[true]}}\n"));
	tss_collect_release(&c);
}

/* Limits: nesting depth. */
static void test_limits(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	unsigned long n = 0;
	struct psirt_feed_sink sink = { count_only, NULL, NULL, &n, NULL };
	int i;

	psirt_buf_adds(&b, "{\"id\":\"GHSA-1\",\"database_specific\":");
	for (i = 0; i < 100; i++)
		psirt_buf_addch(&b, '[');
	assert_int_equal(psirt_feed_parse_buffer(PSIRT_FEED_OSV, &sink, NULL, b.p, b.len, &d),
	                 PSIRT_ETOOBIG);
	assert_string_equal(d.message, "nesting deeper than 64 levels");
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_golden),
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_store_roundtrip),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_withdrawn),
		cmocka_unit_test(test_reimport_idempotent),
		cmocka_unit_test(test_update_ordering),
		cmocka_unit_test(test_log4shell_join),
		cmocka_unit_test(test_zip),
		cmocka_unit_test(test_folder_filter),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_parser_cases),
		cmocka_unit_test(test_scores),
		cmocka_unit_test(test_limits),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
