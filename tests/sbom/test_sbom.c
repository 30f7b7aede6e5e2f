/* The SBOM model and export: detection, the interim identity check, dates,
 * building a document, deterministic CycloneDX 1.6 / SPDX 2.3 output,
 * round trips, and validation of exports against the official schemas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sbom/internal.h"
#include "sbom/sbom_test.h"

static void test_detect(void **state)
{
	static const struct {
		const char *text;
		enum psirt_sbom_format format;
	} cases[] = {
	    {"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}", PSIRT_SBOM_CYCLONEDX_JSON},
	    /* bomFormat after a large value: the scan skips values */
	    {"{\"components\":[{\"name\":\"spdxVersion\",\"x\":\"}\\\"{\"}],\"bomFormat\":\"x\"}",
	     PSIRT_SBOM_CYCLONEDX_JSON},
	    {"\xef\xbb\xbf  {\"specVersion\":\"1.5\"}", PSIRT_SBOM_CYCLONEDX_JSON},
	    {"{\"$schema\":\"http://cyclonedx.org/schema/bom-1.6.schema.json\"}",
	     PSIRT_SBOM_CYCLONEDX_JSON},
	    {"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\"}",
	     PSIRT_SBOM_SPDX_JSON},
	    {"{\"SPDXID\":\"SPDXRef-DOCUMENT\",\"packages\":[]}", PSIRT_SBOM_SPDX_JSON},
	    {"{\"@context\":\"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\",\"@graph\":[]}",
	     PSIRT_SBOM_SPDX3_JSONLD},
	    {"{\"@graph\":[]}", PSIRT_SBOM_SPDX3_JSONLD},
	    /* a key nested deeper does not count */
	    {"{\"x\":{\"bomFormat\":\"CycloneDX\"}}", PSIRT_SBOM_FORMAT_UNKNOWN},
	    {"<?xml version=\"1.0\"?>\n<!-- c > d -->\n<bom xmlns=\"http://cyclonedx.org/schema/"
	     "bom/1.4\" version=\"1\"/>",
	     PSIRT_SBOM_CYCLONEDX_XML},
	    {"<!DOCTYPE bom [<!ENTITY a \"b>\">]><bom "
	     "xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>",
	     PSIRT_SBOM_CYCLONEDX_XML},
	    {"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>",
	     PSIRT_SBOM_FORMAT_UNKNOWN},
	    {"# comment\n\nSPDXVersion: SPDX-2.3\n", PSIRT_SBOM_SPDX_TV},
	    {"PackageName: x\n", PSIRT_SBOM_SPDX_TV},
	    {"Name: x\n", PSIRT_SBOM_FORMAT_UNKNOWN},
	    {"", PSIRT_SBOM_FORMAT_UNKNOWN},
	    {"{", PSIRT_SBOM_FORMAT_UNKNOWN},
	    {"{\"bomFormat\"", PSIRT_SBOM_FORMAT_UNKNOWN}, /* no value yet: nothing known */
	    {"{\"bomFormat\":", PSIRT_SBOM_CYCLONEDX_JSON},
	};
	struct ts_suite s = {"sbom-detect", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum psirt_sbom_format f = psirt_sbom_detect(cases[i].text, strlen(cases[i].text));
		ts_case(&s, f == cases[i].format, "case %zu: %s, expected %s", i,
		        psirt_sbom_format_name(f), psirt_sbom_format_name(cases[i].format));
	}
	ts_suite_end(&s);
	assert_int_equal(psirt_sbom_format_find("cyclonedx"), PSIRT_SBOM_CYCLONEDX_JSON);
	assert_int_equal(psirt_sbom_format_find("spdx-tag-value"), PSIRT_SBOM_SPDX_TV);
	assert_int_equal(psirt_sbom_format_find("nope"), PSIRT_SBOM_FORMAT_UNKNOWN);
	assert_string_equal(psirt_sbom_format_name(PSIRT_SBOM_FORMAT__MAX), "unknown");
}

/* The identity check (src/sbom/idcheck.c): the ident module's parsers, so
 * the reasons are theirs; each invalid case names a fragment of its reason. */
static void test_ident_check(void **state)
{
	static const struct {
		enum sbom__ident kind;
		const char *s;
		const char *why; /* NULL: valid; else a fragment of the reason */
	} cases[] = {
	    {SBOM__PURL, "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=armhf", NULL},
	    {SBOM__PURL, "pkg:generic/busybox@1.36.1", NULL},
	    {SBOM__PURL, "pkg:npm/%40angular/core@16.0.0", NULL},
	    {SBOM__PURL, "pkg:npm/@angular/core", NULL}, /* unencoded scope, no version */
	    {SBOM__PURL, "pkg:maven/org.apache.jena/apache-jena@3.12.0#sub/path", NULL},
	    {SBOM__PURL, "PKG:golang/github.com/a/b@v1.0.0", NULL},
	    {SBOM__PURL, "pkg://pypi/django@4.2", NULL},
	    /* the purl spec drops an empty version and an empty qualifier */
	    {SBOM__PURL, "pkg:generic/a@", NULL},
	    {SBOM__PURL, "pkg:deb/debian/a@1?arch", NULL},
	    {SBOM__PURL, "pkg:dropbear@2022.83", "in the type"},
	    {SBOM__PURL, "pkg:generic/", "name is required"},
	    {SBOM__PURL, "npm/left-pad@1.0", "missing the scheme 'pkg:'"},
	    {SBOM__PURL, "pkg:1npm/x", "must start with a letter"},
	    {SBOM__PURL, "pkg:npm/a%2", "percent-encoding"},
	    {SBOM__PURL, "pkg:deb/debian/a@1?1x=y", "qualifier key must start with a letter"},
	    {SBOM__CPE, "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*", NULL},
	    {SBOM__CPE, "cpe:2.3:o:acme:cam\\:fw:2.4:-:*:*:*:*:*:*", NULL},
	    {SBOM__CPE, "cpe:2.3:a:cesanta:mongoose", "ends after 3 of 11 attributes"},
	    {SBOM__CPE, "cpe:2.3:x:a:b:1:*:*:*:*:*:*:*", "part must be a, o or h"},
	    {SBOM__CPE, "cpe:2.3:a:a b:b:1:*:*:*:*:*:*:*", "space is not allowed"},
	    {SBOM__CPE, "cpe:2.3:a::b:1:*:*:*:*:*:*:*", "empty vendor"},
	    {SBOM__CPE, "cpe:/a:openssl:openssl:3.0.11", NULL},
	    {SBOM__CPE, "cpe:/o:linux:linux_kernel:5.10~", NULL},
	    {SBOM__CPE, "cpe:/q:x", "part must be a, o or h"},
	    {SBOM__CPE, "cpe:/a:a:b:c:d:e:f:g", "more than 7 components"},
	    {SBOM__CPE, "cpe:/a:x%zz", "percent-encoding"},
	    {SBOM__CPE, "openssl 3.0", "neither 'cpe:2.3:' nor 'cpe:/'"},
	    /* the WFN notation is psirt's, not an SBOM identity */
	    {SBOM__CPE, "wfn:[part=\"a\",vendor=\"x\"]", "neither 'cpe:2.3:' nor 'cpe:/'"},
	};
	struct ts_suite s = {"sbom-ident-check", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_diag why = PSIRT_DIAG_INIT;
		int rc = sbom__ident_check(cases[i].kind, cases[i].s, strlen(cases[i].s), &why);
		int ok = cases[i].why ? rc != 0 && why.message && strstr(why.message, cases[i].why)
		                      : rc == 0 && why.code == PSIRT_OK;
		ts_case(&s, ok, "%s: got %s, expected %s", cases[i].s,
		        rc ? (why.message ? why.message : "invalid, no reason") : "valid",
		        cases[i].why ? cases[i].why : "valid");
		psirt_diag_release(&why);
	}
	ts_suite_end(&s);
}

static void test_dates(void **state)
{
	static const struct {
		const char *in, *utc; /* utc NULL: invalid */
	} cases[] = {
	    {"2020-04-13T20:20:39+00:00", "2020-04-13T20:20:39Z"},
	    {"2021-05-16T17:10:53+02:00", "2021-05-16T15:10:53Z"},
	    {"2024-02-29T23:30:00-01:00", "2024-03-01T00:30:00Z"},
	    {"2000-01-01T00:00:00.123456Z", "2000-01-01T00:00:00Z"},
	    {"1999-12-31t23:59:59z", "1999-12-31T23:59:59Z"},
	    {"2023-02-29T00:00:00Z", NULL}, /* not a leap year */
	    {"2020-04-13", NULL},
	    {"2020-13-01T00:00:00Z", NULL},
	    {"2020-04-13T24:00:00Z", NULL},
	    {"2020-04-13T20:20:39", NULL}, /* no offset */
	    {"2020-04-13T20:20:39+0200", NULL},
	    {"2020-04-13T20:20:39.Z", NULL},
	};
	struct ts_suite s = {"sbom-rfc3339", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_buf b = PSIRT_BUF_INIT;
		int r = sbom__rfc3339_utc(cases[i].in, &b);
		ts_case(&s, cases[i].utc ? r == 0 && !strcmp(b.p, cases[i].utc) : r == -1,
		        "%s: got %s", cases[i].in, r ? "invalid" : b.p);
		ts_case(&s, sbom__rfc3339_ok(cases[i].in) == (cases[i].utc != NULL), "%s: ok",
		        cases[i].in);
		psirt_buf_release(&b);
	}
	ts_suite_end(&s);
}

/* A document built with the API, in two insertion orders: the exports are
 * byte-identical, and this one is checked whole. */
static struct psirt_sbom_doc *build(int reverse)
{
	struct psirt_sbom_doc *doc = psirt_sbom_new();
	struct psirt_sbom_component *r, *c[3] = {NULL, NULL, NULL}, *k;
	int i, order[3] = {0, 1, 2};

	assert_non_null(doc);
	doc->created = "2026-01-15T09:00:00+01:00";
	doc->serial = "urn:uuid:6F1A1B2C-3D4E-4F50-8A6B-7C8D9E0F1A2B";
	assert_int_equal(psirt_sbom_tool_add(doc, "ACME", "psirt", "0.1.0"), PSIRT_OK);
	r = psirt_sbom_root_add(doc);
	r->type = PSIRT_SBOM_TYPE_FIRMWARE;
	r->name = "cam-fw";
	r->version = "2.4.1";
	r->supplier = "ACME";
	assert_int_equal(psirt_sbom_set_ref(doc, r, "fw", 2), PSIRT_OK);
	if (reverse) {
		order[0] = 2;
		order[2] = 0;
	}
	for (i = 0; i < 3; i++) {
		int n = order[i];
		c[n] = psirt_sbom_component_add(doc, NULL, NULL);
		assert_non_null(c[n]);
		switch (n) {
		case 0:
			c[n]->name = "zlib";
			c[n]->version = "1.3";
			assert_int_equal(psirt_sbom_set_purl(doc, c[n], "pkg:generic/zlib@1.3", 20),
			                 0);
			assert_int_equal(
			    psirt_sbom_hash_add(doc, c[n], PSIRT_SBOM_HASH_SHA1,
			                        "0123456789abcdef0123456789abcdef01234567", 40),
			    0);
			assert_int_equal(
			    psirt_sbom_hash_add(doc, c[n], PSIRT_SBOM_HASH_SHA224, "abcd", 4), 0);
			break;
		case 1:
			c[n]->name = "busybox";
			c[n]->version = "1.36.1";
			c[n]->scope = PSIRT_SBOM_SCOPE_REQUIRED;
			assert_int_equal(
			    psirt_sbom_cpe_add(
			        doc, c[n], "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*", 46),
			    0);
			assert_int_equal(
			    psirt_sbom_cpe_add(doc, c[n], "cpe:/a:busybox:busybox:1.36.1", 29), 0);
			assert_int_equal(psirt_sbom_license_add(doc, c[n], PSIRT_SBOM_LICENSE_ID,
			                                        PSIRT_SBOM_ACK_NONE, "GPL-2.0-only",
			                                        12),
			                 0);
			break;
		default:
			c[n]->name = "webui \"admin\"";
			c[n]->description = "line\nbreak";
			assert_int_equal(psirt_sbom_set_ref(doc, c[n], "urn:cdx:bad", 11), 0);
			assert_int_equal(psirt_sbom_property_add(doc, c[n], "acme:team", "web"), 0);
			break;
		}
	}
	k = psirt_sbom_component_add(doc, c[2], NULL);
	k->name = "jquery";
	k->version = "3.5.1";
	k->type = PSIRT_SBOM_TYPE_FRAMEWORK;
	assert_int_equal(psirt_sbom_set_ref(doc, k, "jquery", 6), 0);
	assert_int_equal(psirt_sbom_set_ref(doc, c[0], "jquery", 6), PSIRT_EINVAL); /* taken */
	assert_int_equal(psirt_sbom_dependency_add(doc, "fw", "jquery"), 0);
	assert_int_equal(psirt_sbom_dependency_add(doc, "fw", "urn:cdx:bad"), 0);
	assert_int_equal(psirt_sbom_dependency_add(doc, "fw", "jquery"), 0); /* duplicate */
	assert_int_equal(psirt_sbom_dependency_add(doc, "jquery", "nowhere"), 0);
	assert_int_equal(doc->n_deps, 2);
	assert_int_equal(doc->deps[0].n_depends_on, 2);
	return doc;
}

static const char expected_cdx[] =
    "{\n"
    "  \"bomFormat\": \"CycloneDX\",\n"
    "  \"specVersion\": \"1.6\",\n"
    "  \"serialNumber\": \"urn:uuid:6f1a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b\",\n"
    "  \"version\": 1,\n"
    "  \"metadata\": {\n"
    "    \"timestamp\": \"2026-01-15T09:00:00+01:00\",\n"
    "    \"tools\": {\n"
    "      \"components\": [\n"
    "        {\n"
    "          \"type\": \"application\",\n"
    "          \"group\": \"ACME\",\n"
    "          \"name\": \"psirt\",\n"
    "          \"version\": \"0.1.0\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    \"component\": {\n"
    "      \"type\": \"firmware\",\n"
    "      \"bom-ref\": \"fw\",\n"
    "      \"supplier\": {\n"
    "        \"name\": \"ACME\"\n"
    "      },\n"
    "      \"name\": \"cam-fw\",\n"
    "      \"version\": \"2.4.1\"\n"
    "    }\n"
    "  },\n"
    "  \"components\": [\n"
    "    {\n"
    "      \"type\": \"library\",\n"
    "      \"bom-ref\": \"psirt-component-1\",\n"
    "      \"name\": \"busybox\",\n"
    "      \"version\": \"1.36.1\",\n"
    "      \"scope\": \"required\",\n"
    "      \"licenses\": [\n"
    "        {\n"
    "          \"license\": {\n"
    "            \"id\": \"GPL-2.0-only\"\n"
    "          }\n"
    "        }\n"
    "      ],\n"
    "      \"cpe\": \"cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*\",\n"
    "      \"properties\": [\n"
    "        {\n"
    "          \"name\": \"psirt:cpe\",\n"
    "          \"value\": \"cpe:/a:busybox:busybox:1.36.1\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"type\": \"library\",\n"
    "      \"bom-ref\": \"psirt-component-2\",\n"
    "      \"name\": \"webui \\\"admin\\\"\",\n"
    "      \"description\": \"line\\nbreak\",\n"
    "      \"properties\": [\n"
    "        {\n"
    "          \"name\": \"acme:team\",\n"
    "          \"value\": \"web\"\n"
    "        }\n"
    "      ],\n"
    "      \"components\": [\n"
    "        {\n"
    "          \"type\": \"framework\",\n"
    "          \"bom-ref\": \"jquery\",\n"
    "          \"name\": \"jquery\",\n"
    "          \"version\": \"3.5.1\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"type\": \"library\",\n"
    "      \"bom-ref\": \"psirt-component-3\",\n"
    "      \"name\": \"zlib\",\n"
    "      \"version\": \"1.3\",\n"
    "      \"hashes\": [\n"
    "        {\n"
    "          \"alg\": \"SHA-1\",\n"
    "          \"content\": \"0123456789abcdef0123456789abcdef01234567\"\n"
    "        }\n"
    "      ],\n"
    "      \"purl\": \"pkg:generic/zlib@1.3\"\n"
    "    }\n"
    "  ],\n"
    "  \"dependencies\": [\n"
    "    {\n"
    "      \"ref\": \"fw\",\n"
    "      \"dependsOn\": [\n"
    "        \"jquery\",\n"
    "        \"psirt-component-2\"\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"ref\": \"jquery\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void test_build_and_export(void **state)
{
	struct psirt_sbom_doc *a = build(0), *b = build(1), *back = NULL;
	struct psirt_buf ca = PSIRT_BUF_INIT, cb = PSIRT_BUF_INIT, sa = PSIRT_BUF_INIT,
	                 sb = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_int_equal(psirt_sbom_export(a, PSIRT_SBOM_CYCLONEDX_JSON, &ca, &d), PSIRT_OK);
	assert_int_equal(psirt_sbom_export(b, PSIRT_SBOM_CYCLONEDX_JSON, &cb, &d), PSIRT_OK);
	assert_string_equal(ca.p, expected_cdx);
	assert_string_equal(cb.p, ca.p); /* insertion order does not matter */
	assert_int_equal(psirt_sbom_export(a, PSIRT_SBOM_SPDX_JSON, &sa, &d), PSIRT_OK);
	assert_int_equal(psirt_sbom_export(b, PSIRT_SBOM_SPDX_JSON, &sb, &d), PSIRT_OK);
	assert_string_equal(sb.p, sa.p);
	/* SPDX: UTC creation time, the serial as namespace, generated ids,
	 * SHA224 kept (SPDX has it), the root CONTAINS each top-level part */
	assert_non_null(strstr(sa.p, "\"created\": \"2026-01-15T08:00:00Z\""));
	assert_non_null(strstr(sa.p, "\"documentNamespace\": "
	                             "\"urn:uuid:6F1A1B2C-3D4E-4F50-8A6B-7C8D9E0F1A2B\""));
	assert_non_null(strstr(sa.p, "\"SPDXID\": \"SPDXRef-Package-1\""));
	assert_non_null(strstr(sa.p, "\"algorithm\": \"SHA224\""));
	assert_non_null(strstr(sa.p, "\"creators\": [\n      \"Tool: psirt-0.1.0\"\n    ]"));
	assert_non_null(strstr(sa.p, "\"primaryPackagePurpose\": \"FIRMWARE\""));
	assert_non_null(strstr(sa.p, "\"licenseDeclared\": \"GPL-2.0-only\""));
	assert_non_null(strstr(sa.p, "\"referenceType\": \"cpe22Type\""));
	assert_int_equal(psirt_sbom_parse(sa.p, sa.len, "out.spdx.json", 0, &back, &d), PSIRT_OK);
	assert_string_equal(back->root->name, "cam-fw");
	assert_int_equal(back->n_components, 4);
	assert_string_equal(find_name(back, "jquery")->parent->name, "webui \"admin\"");
	assert_null(find_name(back, "busybox")->parent);
	psirt_sbom_free(back);

	/* no creation time: SPDX cannot be written */
	a->created = NULL;
	psirt_buf_reset(&sa);
	assert_int_equal(psirt_sbom_export(a, PSIRT_SBOM_SPDX_JSON, &sa, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "an SPDX document needs a creation time: set the document's "
	                               "created field");
	psirt_diag_release(&d);
	assert_int_equal(psirt_sbom_export(a, PSIRT_SBOM_SPDX_TV, &sa, &d), PSIRT_EUNSUPPORTED);
	psirt_diag_release(&d);
	/* the caps of the builder */
	{
		struct psirt_sbom_component *p = NULL, *q;
		enum psirt_err err = PSIRT_OK;
		int i;
		for (i = 0; i < PSIRT_SBOM_MAX_DEPTH; i++) {
			q = psirt_sbom_component_add(b, p, &err);
			assert_non_null(q);
			p = q;
		}
		assert_null(psirt_sbom_component_add(b, p, &err));
		assert_int_equal(err, PSIRT_ETOOBIG);
	}
	psirt_buf_release(&ca);
	psirt_buf_release(&cb);
	psirt_buf_release(&sa);
	psirt_buf_release(&sb);
	psirt_sbom_free(a);
	psirt_sbom_free(b);
}

/* Round trips -------------------------------------------------------------*/

/* The fixtures that go through import → export → import. */
static const char *const roundtrip_files[] = {
    "sbom/camera-fw.cdx.json",
    "sbom/camera-fw.cdx.xml",
    "sbom/camera-fw.spdx",
    "cyclonedx/examples/laravel-7.12.0.bom.1.4.json",
    "cyclonedx/examples/laravel-7.12.0.bom.1.1.xml",
    "cyclonedx/examples/proton-bridge-v1.8.0.bom.json",
    "cyclonedx/examples/hbom-pcie-sata-adapter.bom.json",
    "cyclonedx/examples/cbom-with-dependencies.bom.json",
    "cyclonedx/spec/1.6/valid-bom-1.6.json",
    "cyclonedx/spec/1.6/valid-assembly-1.6.json",
    "cyclonedx/spec/1.7/valid-component-types-1.7.json",
    "spdx/spec/SPDXJSONExample-v2.3.spdx.json",
    "spdx/spec/SPDXTagExample-v2.3.spdx",
    "spdx/examples/appbomination.spdx.json",
    "spdx/examples/example7-third-party-modules.spdx.json",
    "spdx/examples/example13.spdx3.json",
    "spdx/examples/example11-sbom.spdx3.json",
    /* regression, fuzz_sbom_cdx_json: two components alike but for a
     * missing bom-ref re-exported in another order (the ref was part of the
     * sort key) */
    "sbom/regress/cdx-noref-twin.json",
};

/* CycloneDX can hold: an element's hash / CPE is written when that format
 * has a place for it (see psirt_sbom_export). */
static int cdx_hash(const struct psirt_sbom_hash *h)
{
	return h->alg <= PSIRT_SBOM_HASH_BLAKE3 && sbom__hash_value_ok(h->value, 1);
}

static int spdx_hash(const struct psirt_sbom_hash *h)
{
	return sbom__hash_spdx_name(h->alg) && sbom__hash_value_ok(h->value, 0);
}

static int spdx_cpe(const char *v)
{
	return !strncmp(v, "cpe:2.3:", 8) || !strncmp(v, "cpe:/", 5);
}

static const char *label(const struct psirt_sbom_component *c)
{
	return c ? c->name : "-";
}

/* One line per component (and the root), with what the format keeps. The
 * parent is the effective one: a top-level component's is the root. */
static char *signature(const struct psirt_sbom_doc *doc, const struct psirt_sbom_component *c,
                       int spdx)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	const struct psirt_sbom_component *p = c->parent        ? c->parent
	                                       : c == doc->root ? NULL
	                                                        : doc->root;
	size_t i;

	/* SPDX has fewer purposes than CycloneDX has types: compare through
	 * the mapping both ways */
	psirt_buf_addf(&b, "%s|%s|%s|%s|%s|%s|parent=%s|flags=%u",
	               spdx ? sbom__spdx_purpose_name((enum psirt_sbom_type)sbom__spdx_purpose_find(
	                          sbom__spdx_purpose_name(c->type)))
	                    : psirt_sbom_type_name(c->type),
	               c->name, c->version ? c->version : "", c->purl ? c->purl : "",
	               c->supplier ? c->supplier : "", c->description ? c->description : "",
	               label(p), c->flags);
	if (!spdx)
		psirt_buf_addf(&b, "|group=%s|scope=%d", c->group ? c->group : "", (int)c->scope);
	for (i = 0; i < c->n_cpes; i++)
		if (!spdx || spdx_cpe(c->cpes[i].value))
			psirt_buf_addf(&b, "|cpe=%s", c->cpes[i].value);
	for (i = 0; i < c->n_hashes; i++)
		if (spdx ? spdx_hash(&c->hashes[i]) : cdx_hash(&c->hashes[i]))
			psirt_buf_addf(&b, "|%s=%s", psirt_sbom_hash_name(c->hashes[i].alg),
			               c->hashes[i].value);
	if (!spdx) {
		for (i = 0; i < c->n_properties; i++)
			psirt_buf_addf(&b, "|prop=%s:%s", c->properties[i].name,
			               c->properties[i].value ? c->properties[i].value : "(none)");
		/* 1.6 licenseChoice: one expression (the declared one first), or
		 * the ids and names */
		const struct psirt_sbom_license *expr = NULL;
		for (i = 0; i < c->n_licenses; i++)
			if (c->licenses[i].kind == PSIRT_SBOM_LICENSE_EXPRESSION &&
			    (!expr || (c->licenses[i].ack == PSIRT_SBOM_ACK_DECLARED &&
			               expr->ack != PSIRT_SBOM_ACK_DECLARED)))
				expr = &c->licenses[i];
		for (i = 0; i < c->n_licenses; i++)
			if (expr ? &c->licenses[i] == expr
			         : c->licenses[i].kind != PSIRT_SBOM_LICENSE_EXPRESSION)
				psirt_buf_addf(&b, "|lic=%d:%s", (int)c->licenses[i].kind,
				               c->licenses[i].value);
	}
	return psirt_buf_detach(&b, NULL);
}

/* Dependencies as "from → to" lines between known components. */
static void edges(const struct psirt_sbom_doc *doc, char ***out, size_t *n)
{
	size_t i, k, cap = 16;
	char **e = malloc(cap * sizeof *e);

	*n = 0;
	for (i = 0; i < doc->n_deps; i++) {
		const struct psirt_sbom_component *f =
		    psirt_sbom_find(doc, doc->deps[i].ref, strlen(doc->deps[i].ref));
		for (k = 0; f && k < doc->deps[i].n_depends_on; k++) {
			const char *on = doc->deps[i].depends_on[k];
			const struct psirt_sbom_component *t = psirt_sbom_find(doc, on, strlen(on));
			struct psirt_buf b = PSIRT_BUF_INIT;
			if (!t || t == f)
				continue;
			psirt_buf_addf(&b, "%s@%s -> %s@%s", f->name, f->version ? f->version : "",
			               t->name, t->version ? t->version : "");
			if (*n == cap) {
				cap *= 2;
				e = realloc(e, cap * sizeof *e);
			}
			e[(*n)++] = psirt_buf_detach(&b, NULL);
		}
	}
	qsort(e, *n, sizeof *e, cmp_names);
	*out = e;
}

static void signatures(const struct psirt_sbom_doc *doc, int spdx, char ***out, size_t *n)
{
	char **s = malloc((doc->n_components + 1) * sizeof *s);
	size_t i;

	*n = 0;
	if (doc->root)
		s[(*n)++] = signature(doc, doc->root, spdx);
	for (i = 0; i < doc->n_components; i++)
		s[(*n)++] = signature(doc, doc->components[i], spdx);
	qsort(s, *n, sizeof *s, cmp_names);
	*out = s;
}

static void compare_lists(struct ts_suite *s, const char *what, const char *file, char **a,
                          size_t na, char **b, size_t nb)
{
	size_t i;

	ts_case(s, na == nb, "%s %s: %zu before, %zu after", file, what, na, nb);
	for (i = 0; i < na && i < nb; i++)
		ts_case(s, !strcmp(a[i], b[i]), "%s %s differ:\n  before %s\n  after  %s", file,
		        what, a[i], b[i]);
	free_list(a, na);
	free_list(b, nb);
}

static struct psirt_sbom_doc *reimport(struct ts_suite *s, const struct psirt_sbom_doc *doc,
                                       enum psirt_sbom_format f, const char *file,
                                       struct psirt_buf *out)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *back = NULL;
	enum psirt_err err;

	psirt_buf_reset(out);
	err = psirt_sbom_export(doc, f, out, &d);
	if (!err)
		err = psirt_sbom_parse(out->p, out->len, "export", f, &back, &d);
	ts_case(s, !err, "%s: %s round trip: %s", file, psirt_sbom_format_name(f),
	        err ? d.message : "");
	psirt_diag_release(&d);
	return back;
}

static void roundtrip_one(struct ts_suite *s, const char *file, enum psirt_sbom_format f)
{
	struct psirt_sbom_doc *doc = load_ok(file), *back, *again;
	struct psirt_buf out1 = PSIRT_BUF_INIT, out2 = PSIRT_BUF_INIT;
	int spdx = f == PSIRT_SBOM_SPDX_JSON;
	char **a, **b;
	size_t na, nb, i;

	if (!doc->created) /* as the CLI will: the export's own time */
		doc->created = "2026-01-15T09:00:00Z";
	back = reimport(s, doc, f, file, &out1);
	if (back) {
		signatures(doc, spdx, &a, &na);
		signatures(back, spdx, &b, &nb);
		compare_lists(s, "components", file, a, na, b, nb);
		edges(doc, &a, &na);
		edges(back, &b, &nb);
		compare_lists(s, "dependencies", file, a, na, b, nb);
		if (!spdx) /* CycloneDX keeps every bom-ref that was there */
			for (i = 0; i < doc->n_components; i++)
				if (doc->components[i]->ref)
					ts_case(s,
					        psirt_sbom_find(back, doc->components[i]->ref,
					                        strlen(doc->components[i]->ref)) !=
					            NULL,
					        "%s: bom-ref %s lost", file,
					        doc->components[i]->ref);
		/* the export of what was read back is byte for byte the export.
		 * CycloneDX at once; SPDX after one pass, since types without an
		 * SPDX purpose are written OTHER and read back as library */
		again = reimport(s, back, f, file, &out2);
		if (spdx && again) {
			struct psirt_sbom_doc *third = reimport(s, again, f, file, &out1);
			psirt_sbom_free(third);
		}
		ts_case(s, again && !strcmp(out1.p, out2.p), "%s: %s export is not stable", file,
		        psirt_sbom_format_name(f));
		psirt_sbom_free(again);
	}
	psirt_sbom_free(back);
	psirt_sbom_free(doc);
	psirt_buf_release(&out1);
	psirt_buf_release(&out2);
}

static void test_roundtrip(void **state)
{
	struct ts_suite cdx = {"sbom-roundtrip-cyclonedx", 0, 0};
	struct ts_suite spdx = {"sbom-roundtrip-spdx", 0, 0};
	size_t i;

	for (i = 0; i < sizeof roundtrip_files / sizeof roundtrip_files[0]; i++) {
		roundtrip_one(&cdx, roundtrip_files[i], PSIRT_SBOM_CYCLONEDX_JSON);
		roundtrip_one(&spdx, roundtrip_files[i], PSIRT_SBOM_SPDX_JSON);
	}
	ts_suite_end(&cdx);
	ts_suite_end(&spdx);
}

/* Schema validation -------------------------------------------------------*/

static int have_validator(void)
{
	struct stat st;

	if (system("command -v node >/dev/null 2>&1") != 0) {
		printf("sbom-schema: SKIPPED: node is not installed; exports were not validated\n");
		return 0;
	}
	if (stat("tests/tools/node_modules/ajv/package.json", &st) != 0 &&
	    system("command -v npm >/dev/null 2>&1 && npm ci --prefix tests/tools --no-audit "
	           "--no-fund >/dev/null 2>&1") != 0) {
		printf("sbom-schema: SKIPPED: ajv is missing and 'npm ci --prefix tests/tools' "
		       "failed (offline?); exports were not validated\n");
		return 0;
	}
	return 1;
}

/* Exports every fixture to CycloneDX 1.6 and SPDX 2.3 in a temporary folder
 * and runs tests/tools/validate.js over each set. */
static void test_schema(void **state)
{
	static const char *const dirs[] = {
	    "cyclonedx/spec/1.4", "cyclonedx/spec/1.5", "cyclonedx/spec/1.6", "cyclonedx/spec/1.7",
	    "cyclonedx/examples", "spdx/spec",          "spdx/examples",      "sbom"};
	struct ts_suite s = {"sbom-schema", 0, 0};
	char tmpl[] = "/tmp/psirt-sbom-XXXXXX", *tmp;
	struct psirt_buf cmd = PSIRT_BUF_INIT, path = PSIRT_BUF_INIT, out = PSIRT_BUF_INIT;
	size_t i, k, n, exported = 0;
	int f;

	if (!have_validator())
		return;
	tmp = mkdtemp(tmpl);
	assert_non_null(tmp);
	psirt_buf_addf(&cmd, "mkdir -p %s/cdx %s/spdx", tmp, tmp);
	assert_int_equal(system(cmd.p), 0);
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		char **names = list_dir(dirs[i], &n);
		for (k = 0; k < n; k++) {
			struct psirt_sbom_doc *doc = NULL;
			struct psirt_diag d = PSIRT_DIAG_INIT;
			char *p;

			if (strstr(names[k], "invalid-") || !strcmp(names[k], "PROVENANCE.md"))
				continue;
			psirt_buf_reset(&path);
			psirt_buf_addf(&path, "%s/%s", dirs[i], names[k]);
			p = ts_data_path(path.p);
			if (psirt_sbom_load(p, 0, &doc, &d)) {
				free(p);
				psirt_diag_release(&d);
				continue; /* not an SBOM (a README): the import tests judge */
			}
			free(p);
			if (!doc->created)
				doc->created = "2026-01-15T09:00:00Z";
			for (f = 0; f < 2; f++) {
				FILE *fp;
				enum psirt_sbom_format fmt =
				    f ? PSIRT_SBOM_SPDX_JSON : PSIRT_SBOM_CYCLONEDX_JSON;
				psirt_buf_reset(&out);
				ts_case(&s, psirt_sbom_export(doc, fmt, &out, &d) == PSIRT_OK,
				        "%s: export %s", path.p, d.message ? d.message : "");
				psirt_buf_reset(&path);
				psirt_buf_addf(&path, "%s/%s/%zu-%s.json", tmp, f ? "spdx" : "cdx",
				               exported, names[k]);
				fp = fopen(path.p, "wb");
				assert_non_null(fp);
				fwrite(out.p, 1, out.len, fp);
				fclose(fp);
				psirt_buf_reset(&path);
				psirt_buf_addf(&path, "%s/%s", dirs[i], names[k]);
			}
			exported++;
			psirt_diag_release(&d);
			psirt_sbom_free(doc);
		}
		free_list(names, n);
	}
	for (f = 0; f < 2; f++) {
		FILE *pp;
		char line[4096];
		unsigned long validated = 0, failed = 0, ok_lines = 0;

		psirt_buf_reset(&cmd);
		psirt_buf_addf(&cmd, "node tests/tools/validate.js %s tests/data %s/%s/*.json 2>&1",
		               f ? "spdx" : "cdx", tmp, f ? "spdx" : "cdx");
		pp = popen(cmd.p, "r");
		assert_non_null(pp);
		while (fgets(line, sizeof line, pp)) {
			if (!strncmp(line, "ok ", 3))
				ok_lines++;
			else if (sscanf(line, "validated %lu, failed %lu", &validated, &failed) ==
			         2)
				continue;
			else
				ts_case(&s, 0, "%s", line);
		}
		ts_case(&s, pclose(pp) == 0, "validator exit status (%s)", f ? "spdx" : "cdx");
		ts_case(&s, validated == exported && ok_lines == exported && failed == 0,
		        "%s: %lu of %zu exports valid", f ? "SPDX 2.3" : "CycloneDX 1.6", ok_lines,
		        exported);
		printf("sbom-schema %s: %lu cases: exports valid against the official schema\n",
		       f ? "spdx-2.3" : "cyclonedx-1.6", ok_lines);
	}
	/* the validator can fail: a spec test BOM that is invalid for 1.6 */
	psirt_buf_reset(&cmd);
	psirt_buf_adds(&cmd, "node tests/tools/validate.js cdx tests/data "
	                     "tests/data/cyclonedx/spec/1.6/invalid-component-type-1.6.json "
	                     ">/dev/null 2>&1");
	ts_case(&s, system(cmd.p) != 0, "the validator accepts an invalid BOM");
	psirt_buf_reset(&cmd);
	psirt_buf_addf(&cmd, "rm -rf %s", tmp);
	assert_int_equal(system(cmd.p), 0);
	psirt_buf_release(&cmd);
	psirt_buf_release(&path);
	psirt_buf_release(&out);
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_detect),    cmocka_unit_test(test_ident_check),
	    cmocka_unit_test(test_dates),     cmocka_unit_test(test_build_and_export),
	    cmocka_unit_test(test_roundtrip), cmocka_unit_test(test_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
