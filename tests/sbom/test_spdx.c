/* SPDX import: 2.2/2.3 JSON, tag-value, 3.0 JSON-LD — the spec's examples,
 * spdx-examples, psirt's camera fixture, bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbom/sbom_test.h"

static const char *license_of(const struct psirt_sbom_component *c, enum psirt_sbom_license_ack ack)
{
	size_t i;

	for (i = 0; i < c->n_licenses; i++)
		if (c->licenses[i].ack == ack)
			return c->licenses[i].value;
	return NULL;
}

/* The fields SPDX carries, compared between two imports of one product. */
static int same_component(const struct psirt_sbom_component *a,
                          const struct psirt_sbom_component *b, int refs)
{
	size_t i;

	if (!str_eq(a->name, b->name) || !str_eq(a->version, b->version) ||
	    !str_eq(a->purl, b->purl) || !str_eq(a->supplier, b->supplier) ||
	    !str_eq(a->description, b->description) || a->type != b->type ||
	    a->n_cpes != b->n_cpes || a->n_hashes != b->n_hashes ||
	    a->n_licenses != b->n_licenses || a->flags != b->flags ||
	    (refs && !str_eq(a->ref, b->ref)) || (!a->parent) != (!b->parent))
		return 0;
	if (a->parent && !str_eq(a->parent->name, b->parent->name))
		return 0;
	for (i = 0; i < a->n_cpes; i++)
		if (!str_eq(a->cpes[i].value, b->cpes[i].value))
			return 0;
	for (i = 0; i < a->n_hashes; i++)
		if (a->hashes[i].alg != b->hashes[i].alg ||
		    !str_eq(a->hashes[i].value, b->hashes[i].value))
			return 0;
	/* licenses by role: tag-value lists them in document order */
	return str_eq(license_of(a, PSIRT_SBOM_ACK_DECLARED),
	              license_of(b, PSIRT_SBOM_ACK_DECLARED)) &&
	       str_eq(license_of(a, PSIRT_SBOM_ACK_CONCLUDED),
	              license_of(b, PSIRT_SBOM_ACK_CONCLUDED));
}

static void check_spec_example(const struct psirt_sbom_doc *doc)
{
	const struct psirt_sbom_component *r = doc->root, *c;

	assert_string_equal(doc->name, "SPDX-Tools-v2.0");
	assert_string_equal(
	    doc->serial,
	    "http://spdx.org/spdxdocs/spdx-example-444504E0-4F89-41D3-9A0C-0305E82C3301");
	assert_string_equal(doc->created, "2010-01-29T18:30:22Z");
	assert_int_equal(doc->n_tools, 1);
	assert_string_equal(doc->tools[0].name, "LicenseFind-1.0");
	/* the document DESCRIBES a file and one package: the package is the root */
	assert_non_null(r);
	assert_string_equal(r->ref, "SPDXRef-Package");
	assert_string_equal(r->name, "glibc");
	assert_string_equal(r->version, "2.11.1");
	assert_string_equal(r->supplier, "Jane Doe");
	assert_int_equal(r->type, PSIRT_SBOM_TYPE_LIBRARY); /* SOURCE */
	assert_int_equal(r->n_hashes, 4);
	assert_int_equal(r->hashes[0].alg, PSIRT_SBOM_HASH_MD5);
	assert_string_equal(r->hashes[0].value, "624c1abb3664f4b35547e7c73864ad24");
	assert_int_equal(r->hashes[3].alg, PSIRT_SBOM_HASH_BLAKE2B_384);
	assert_int_equal(r->n_licenses, 2);
	assert_string_equal(license_of(r, PSIRT_SBOM_ACK_DECLARED),
	                    "(LGPL-2.0-only AND LicenseRef-3)");
	assert_string_equal(license_of(r, PSIRT_SBOM_ACK_CONCLUDED),
	                    "(LGPL-2.0-only OR LicenseRef-3)");
	assert_int_equal(r->licenses[0].kind, PSIRT_SBOM_LICENSE_EXPRESSION);
	assert_int_equal(r->n_cpes, 1);
	assert_string_equal(r->cpes[0].value,
	                    "cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*");
	assert_non_null(strstr(r->description, "The GNU C Library defines functions"));

	assert_int_equal(doc->n_components, 3);
	c = find_name(doc, "Apache Commons Lang");
	assert_string_equal(c->ref, "SPDXRef-fromDoap-1");
	assert_null(c->version);
	assert_int_equal(c->n_licenses, 0); /* NOASSERTION */
	assert_true(c->flags & PSIRT_SBOM_C_NO_IDENTITY);
	c = find_name(doc, "Jena");
	assert_string_equal(c->version, "3.12.0");
	assert_string_equal(c->purl, "pkg:maven/org.apache.jena/apache-jena@3.12.0");
	c = find_name(doc, "Saxon");
	assert_string_equal(c->licenses[0].value, "MPL-1.0");
	assert_int_equal(c->hashes[0].alg, PSIRT_SBOM_HASH_SHA1);
	assert_string_equal(c->description,
	                    "The Saxon package is a collection of tools for processing XML "
	                    "documents.");
	/* SPDXRef-Package DYNAMIC_LINK SPDXRef-Saxon */
	assert_true(depends(doc, "SPDXRef-Package", "SPDXRef-Saxon"));
	assert_int_equal(doc->n_deps, 1);
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_NO_IDENTITY), 2);
}

/* The spec's 2.3 example in JSON and tag-value, and its 2.2 JSON: one
 * model. */
static void test_spec_examples(void **state)
{
	struct psirt_sbom_doc *json = load_ok("spdx/spec/SPDXJSONExample-v2.3.spdx.json");
	struct psirt_sbom_doc *tv = load_ok("spdx/spec/SPDXTagExample-v2.3.spdx");
	struct psirt_sbom_doc *j22 = load_ok("spdx/spec/SPDXJSONExample-v2.2.spdx.json");
	struct ts_suite s = {"spdx-spec-json-vs-tag-value", 0, 0};
	size_t i;

	assert_int_equal(json->format, PSIRT_SBOM_SPDX_JSON);
	assert_int_equal(tv->format, PSIRT_SBOM_SPDX_TV);
	assert_string_equal(json->spec_version, "2.3");
	assert_string_equal(tv->spec_version, "2.3");
	assert_string_equal(j22->spec_version, "2.2");
	check_spec_example(json);
	check_spec_example(tv);
	ts_case(&s, same_component(json->root, tv->root, 1), "root differs");
	ts_case(&s, json->n_components == tv->n_components, "component counts differ");
	for (i = 0; i < json->n_components && i < tv->n_components; i++)
		ts_case(&s, same_component(json->components[i], tv->components[i], 1),
		        "component %zu (%s) differs", i, json->components[i]->name);
	ts_suite_end(&s);
	assert_string_equal(j22->root->name, "glibc");
	assert_int_equal(j22->n_components, 3);
	assert_string_equal(find_name(j22, "Jena")->purl,
	                    "pkg:maven/org.apache.jena/apache-jena@3.12.0");
	psirt_sbom_free(json);
	psirt_sbom_free(tv);
	psirt_sbom_free(j22);
}

static void test_examples(void **state)
{
	struct psirt_sbom_doc *doc, *doc3;
	const struct psirt_sbom_component *c;
	size_t i;

	doc = load_ok("spdx/examples/04-SBOMwSecurity.json");
	assert_string_equal(doc->root->name, "tools-java");
	assert_string_equal(doc->root->supplier, "SPDX");
	assert_string_equal(doc->root->purl,
	                    "pkg:github/spdx/tools-java@2235d5d7f7fe46ce1e0d54b7831c5681633b25cc");
	c = find_name(doc, "xlsx");
	assert_string_equal(c->supplier, "Webjar");
	assert_string_equal(c->purl, "pkg:maven/org.webjars.npm/xlsx@0.16.6");
	assert_int_equal(c->n_cpes, 0); /* the SECURITY advisory ref is not a CPE */
	assert_true(depends(doc, "SPDXRef-Package", "SPDXRef-xlsx"));
	psirt_sbom_free(doc);

	/* three described packages: no root, all components */
	doc = load_ok("spdx/examples/example7-third-party-modules.spdx.json");
	assert_string_equal(doc->spec_version, "2.2");
	assert_null(doc->root);
	assert_int_equal(doc->n_components, 3);
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_IGNORED), 1);
	psirt_sbom_free(doc);

	/* DEPENDENCY_OF reversed, TEST_DEPENDENCY_OF left out, files skipped */
	doc = load_ok("spdx/examples/appbomination.spdx.json");
	assert_string_equal(doc->root->name, "App-BOM-ination");
	assert_string_equal(doc->root->supplier, "ACT Project");
	assert_int_equal(doc->n_components, 6);
	assert_true(depends(doc, "SPDXRef-1", "SPDXRef-21"));
	assert_true(depends(doc, "SPDXRef-1", "SPDXRef-20"));
	assert_false(depends(doc, "SPDXRef-1", "SPDXRef-22"));
	assert_true(depends(doc, "SPDXRef-22", "SPDXRef-23"));
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_DANGLING_REF), 0);
	psirt_sbom_free(doc);

	/* example11: the same SBOM in SPDX 2.3 and 3.0 */
	doc = load_ok("spdx/examples/example11-sbom.spdx.json");
	doc3 = load_ok("spdx/examples/example11-sbom.spdx3.json");
	assert_int_equal(doc3->format, PSIRT_SBOM_SPDX3_JSONLD);
	assert_string_equal(doc3->spec_version, "3.0.1");
	assert_string_equal(doc3->created, "2022-11-03T07:10:10Z");
	assert_string_equal(doc3->tools[0].name, "sigs.k8s.io/bom/pkg/spdx");
	assert_string_equal(doc->root->name, "hello-server-src");
	assert_string_equal(doc3->root->name, "hello-server-src");
	assert_string_equal(doc3->root->purl, "pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x");
	assert_int_equal(doc->n_components, doc3->n_components);
	for (i = 0; i < doc->n_components; i++) {
		const struct psirt_sbom_component *c2 = find_name(doc3, doc->components[i]->name);
		assert_true(str_eq(doc->components[i]->version, c2->version));
		assert_true(str_eq(doc->components[i]->purl, c2->purl));
	}
	c = find_name(doc3, "tokio");
	assert_string_equal(c->version, "1.19.2");
	assert_string_equal(c->purl, "pkg:cargo/tokio@1.19.2");
	assert_int_equal(c->n_licenses, 1); /* hasDeclaredLicense → LicenseExpression */
	psirt_sbom_free(doc);
	psirt_sbom_free(doc3);

	/* SPDX 3: the root through a software_Sbom, nesting by contains,
	 * suppliers through agents, dependsOn */
	doc = load_ok("spdx/examples/example13.spdx3.json");
	assert_string_equal(doc->root->name, "Acme Application");
	assert_int_equal(doc->root->type, PSIRT_SBOM_TYPE_APPLICATION);
	c = find_name(doc, "npm-elliptic");
	assert_string_equal(c->supplier, "Fedor Indutny");
	assert_null(c->parent); /* contained by the root: top level */
	c = find_name(doc, "openssl");
	assert_string_equal(c->parent->name, "alpine:latest");
	assert_int_equal(c->parent->type, PSIRT_SBOM_TYPE_CONTAINER);
	assert_true(depends(doc, doc->root->ref, c->parent->ref));
	psirt_sbom_free(doc);

	/* example6: tag-value 2.2 and SPDX 3 name the same packages */
	doc = load_ok("spdx/examples/example6-lib.spdx");
	doc3 = load_ok("spdx/examples/example6-lib.spdx3.json");
	assert_string_equal(doc->root->name, "go-1.15");
	assert_string_equal(doc3->root->name, "go-1.15");
	assert_int_equal(doc->n_components, 4);
	assert_int_equal(doc3->n_components, 4);
	for (i = 0; i < doc->n_components; i++)
		assert_string_equal(find_name(doc3, doc->components[i]->name)->version, "1.15.4");
	psirt_sbom_free(doc);
	psirt_sbom_free(doc3);

	/* examplemaven 3.0: "X hasDynamicLink examplemaven" as written (the
	 * 2.3 original says the reverse; psirt follows each document) */
	doc = load_ok("spdx/examples/examplemaven-0.0.1-enriched.spdx.json");
	assert_true(depends(doc, "SPDXRef-example", "SPDXRef-log4jApi"));
	assert_int_equal(find_dep(doc, "SPDXRef-example")->n_depends_on, 4);
	assert_int_equal(doc->n_components, 5);
	psirt_sbom_free(doc);
	doc = load_ok("spdx/examples/examplemaven-0.0.1-enriched.spdx3.json");
	assert_string_equal(doc->root->name, "examplemaven");
	assert_string_equal(find_name(doc, "JUnit")->version, "3.8.1");
	psirt_sbom_free(doc);

	for (i = 0; i < 3; i++) {
		static const char *const more[] = {"spdx/examples/example2-bin.spdx",
		                                   "spdx/examples/example6-bin.spdx",
		                                   "spdx/examples/03-SBOMwDependency.json"};
		doc = load_ok(more[i]);
		assert_non_null(doc->root);
		psirt_sbom_free(doc);
	}
}

/* psirt's camera fixture in tag-value against the CycloneDX one. */
static void test_camera(void **state)
{
	struct psirt_sbom_doc *doc = load_ok("sbom/camera-fw.spdx");
	struct psirt_sbom_doc *cdx = load_ok("sbom/camera-fw.cdx.json");
	const struct psirt_sbom_component *c, *k;
	static const char *const shared[] = {"busybox", "libssl3", "jquery", "mongoose"};
	size_t i;

	assert_string_equal(doc->name, "acme-cam-fw-2.4.1");
	assert_string_equal(doc->serial, "https://acme.example/spdx/acme-cam-fw-2.4.1-0d1c3a6e");
	assert_string_equal(doc->tools[0].name, "fw-sbom-gen-0.9");
	assert_int_equal(doc->n_tools, 1); /* the Organization creator is not a tool */
	assert_string_equal(doc->root->name, "acme-cam-fw");
	assert_int_equal(doc->root->type, PSIRT_SBOM_TYPE_FIRMWARE);
	assert_string_equal(doc->root->supplier, "ACME Cameras");
	assert_int_equal(doc->n_components, 5);

	c = find_name(doc, "busybox");
	assert_string_equal(c->description, "The Swiss Army Knife of Embedded Linux:\nmany common "
	                                    "UNIX utilities in one small executable.");
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_APPLICATION);
	c = find_name(doc, "libssl3");
	assert_null(c->supplier); /* NOASSERTION */
	assert_string_equal(c->description, "Secure Sockets Layer toolkit - shared libraries");
	assert_int_equal(c->n_cpes, 2);
	assert_string_equal(c->cpes[1].value, "cpe:/a:openssl:openssl:3.0.11");
	assert_string_equal(find_name(doc, "jquery")->parent->name, "webui");
	assert_string_equal(find_name(doc, "mongoose")->parent->name, "webui");
	assert_true(find_name(doc, "mongoose")->flags & PSIRT_SBOM_C_BAD_CPE);
	assert_true(find_name(doc, "webui")->flags & PSIRT_SBOM_C_NO_IDENTITY);

	assert_true(depends(doc, "SPDXRef-fw", "SPDXRef-busybox"));
	assert_true(depends(doc, "SPDXRef-webui", "SPDXRef-libssl3"));  /* DEPENDENCY_OF */
	assert_true(depends(doc, "SPDXRef-webui", "SPDXRef-mongoose")); /* DYNAMIC_LINK */
	assert_false(depends(doc, "SPDXRef-fw", "SPDXRef-jquery"));     /* BUILD_DEPENDENCY_OF */
	assert_int_equal(find_dep(doc, "SPDXRef-fw")->n_depends_on, 1);
	assert_false(depends(doc, "SPDXRef-webui", "SPDXRef-gone"));

	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_EXTRA_PURL), 1);
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_DANGLING_REF), 1);
	for (i = 0; i < doc->n_warnings; i++) {
		const struct psirt_sbom_warning *w = &doc->warnings[i];
		if (w->code == PSIRT_SBOM_W_DANGLING_REF) {
			assert_int_equal(w->line, 81);
			assert_string_equal(w->message,
			                    "relationship 'SPDXRef-webui' → 'SPDXRef-gone' "
			                    "names an element the document does not have");
		}
		if (w->code == PSIRT_SBOM_W_EXTRA_PURL)
			assert_int_equal(w->line, 46);
		if (w->code == PSIRT_SBOM_W_NO_IDENTITY) {
			assert_int_equal(w->line, 51); /* webui's PackageName line */
			assert_ptr_equal(w->component, find_name(doc, "webui"));
		}
	}

	for (i = 0; i < sizeof shared / sizeof shared[0]; i++) {
		c = find_name(doc, shared[i]);
		k = find_name(cdx, shared[i]);
		assert_true(str_eq(c->version, k->version));
		assert_true(str_eq(c->purl, k->purl));
		assert_string_equal(c->cpes ? c->cpes[0].value : "",
		                    k->cpes ? k->cpes[0].value : "");
	}
	psirt_sbom_free(doc);
	psirt_sbom_free(cdx);
}

static void test_bad(void **state)
{
	static const struct {
		const char *name, *doc;
		enum psirt_err err;
		const char *msg;
	} cases[] = {
	    /* SPDX 2 JSON */
	    {"a.json", "{\"SPDXID\": \"SPDXRef-DOCUMENT\", \"packages\": []}", PSIRT_EINVAL,
	     "a.json: /spdxVersion: spdxVersion is missing (required, e.g. \"SPDX-2.3\")"},
	    {"a.json", "{\"spdxVersion\": \"SPDX-2.1\"}", PSIRT_EUNSUPPORTED,
	     "a.json: /spdxVersion: spdxVersion 'SPDX-2.1' is not supported (SPDX-2.2 or "
	     "SPDX-2.3)"},
	    {"a.json", "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"name\": \"x\"}]}",
	     PSIRT_EINVAL,
	     "a.json: /packages/0/SPDXID: SPDXID is missing (required for every package)"},
	    {"a.json",
	     "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"SPDXRef-a\", "
	     "\"name\": \"x\", \"checksums\": [{\"algorithm\": \"SHA1\", \"checksumValue\": "
	     "\"xyz\"}]}]}",
	     PSIRT_EINVAL,
	     "a.json: /packages/0/checksums/0: SHA1 checksum 'xyz' is not hex digits"},
	    {"a.json",
	     "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"SPDXID\": \"SPDXRef-a\", "
	     "\"name\": \"x\"}, {\"SPDXID\": \"SPDXRef-a\", \"name\": \"y\"}]}",
	     PSIRT_EINVAL,
	     "a.json: /packages/1: SPDXID 'SPDXRef-a' is used by an earlier package too (ids "
	     "must be unique)"},
	    {"a.json",
	     "{\"spdxVersion\": \"SPDX-2.3\", \"relationships\": [{\"spdxElementId\": \"a\", "
	     "\"relationshipType\": \"DESCRIBES\"}]}",
	     PSIRT_EINVAL,
	     "a.json: /relationships/0/relatedSpdxElement: relatedSpdxElement is missing "
	     "(required for every relationship)"},
	    {"a.json",
	     "{\"spdxVersion\": \"SPDX-2.3\", \"creationInfo\": {\"created\": \"yesterday\"}}",
	     PSIRT_EINVAL,
	     "a.json: /creationInfo/created: created 'yesterday' is not a date-time like "
	     "2010-01-29T18:30:22Z"},
	    /* tag-value */
	    {"b.spdx", "DataLicense: CC0-1.0\nPackageName: x\nSPDXID: SPDXRef-x\n", PSIRT_EINVAL,
	     "b.spdx: SPDXVersion is missing (required, e.g. \"SPDXVersion: SPDX-2.3\")"},
	    {"b.spdx", "SPDXVersion: SPDX-2.3\n# fine\n\nthis line has no tag\n", PSIRT_EINVAL,
	     "b.spdx:4: expected 'Tag: value', got 'this line has no tag'"},
	    {"b.spdx", "SPDXVersion: SPDX-2.3\nDocumentComment: <text>never closed\n\n",
	     PSIRT_EINVAL, "b.spdx:2: <text> without </text>"},
	    {"b.spdx",
	     "SPDXVersion: SPDX-2.3\nDocumentComment: <text>two\nlines</text>\n"
	     "PackageName: nameless\nPackageVersion: 1\nPackageName: y\nSPDXID: SPDXRef-y\n",
	     PSIRT_EINVAL, "b.spdx:4: package 'nameless' has no SPDXID"},
	    {"b.spdx", "SPDXVersion: SPDX-2.3\nDocumentName: caf\xe9\n", PSIRT_EINVAL,
	     "b.spdx:2: not UTF-8 text"},
	    {"b.spdx",
	     "SPDXVersion: SPDX-2.3\nPackageName: x\nSPDXID: SPDXRef-x\nPackageChecksum: "
	     "SHA999: 00\n",
	     PSIRT_EINVAL, "b.spdx:4: unknown checksum algorithm 'SHA999'"},
	    {"b.spdx", "SPDXVersion: SPDX-2.3\nRelationship: SPDXRef-a DEPENDS_ON\n", PSIRT_EINVAL,
	     "b.spdx:2: Relationship needs 'ELEMENT TYPE ELEMENT'"},
	    /* SPDX 3 */
	    {"c.json", "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}",
	     PSIRT_EINVAL,
	     "c.json: /@graph: @graph is missing (required: the elements of the document)"},
	    {"c.json",
	     "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": "
	     "[{\"type\": \"software_Package\", \"spdxId\": \"urn:a\", \"name\": \"a\"}]}",
	     PSIRT_EINVAL, "c.json: specVersion is missing: no CreationInfo in @graph gives one"},
	    {"c.json", "{\"@context\": \"https://example.com/ctx\", \"@graph\": []}",
	     PSIRT_EUNSUPPORTED,
	     "c.json: /@context: @context is not SPDX 3's (https://spdx.org/rdf/3.0.x/...)"},
	    {"c.json", "{\"@graph\": [{\"spdxId\": \"urn:a\"}]}", PSIRT_EINVAL,
	     "c.json: /@graph/0/type: type is missing (required for every element)"},
	    {"c.json",
	     "{\"@graph\": [{\"type\": \"CreationInfo\", \"@id\": \"_:c\", \"specVersion\": "
	     "\"3.0.1\"}, {\"type\": \"software_Package\", \"spdxId\": \"urn:a\"}]}",
	     PSIRT_EINVAL,
	     "c.json: /@graph/1/name: name is missing (psirt needs a name for every "
	     "software_Package)"},
	};
	struct ts_suite s = {"spdx-bad-input", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_sbom_doc *doc = NULL;
		char *msg = NULL;
		enum psirt_err err = parse_str(cases[i].doc, cases[i].name, &doc, &msg);

		ts_case(&s, err == cases[i].err && msg && !strcmp(msg, cases[i].msg) && !doc,
		        "case %zu: got %s '%s', expected %s '%s'", i, psirt_errname(err),
		        msg ? msg : "", psirt_errname(cases[i].err), cases[i].msg);
		free(msg);
		psirt_sbom_free(doc);
	}
	ts_suite_end(&s);
}

/* A CONTAINS cycle and a chain deeper than the cap: kept flat, warned. */
static void test_contains_guards(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_sbom_doc *doc = NULL;
	char *msg = NULL;
	int i;

	psirt_buf_adds(&b, "SPDXVersion: SPDX-2.3\n");
	for (i = 0; i < PSIRT_SBOM_MAX_DEPTH + 5; i++)
		psirt_buf_addf(&b, "PackageName: p%d\nSPDXID: SPDXRef-p%d\n", i, i);
	for (i = 0; i + 1 < PSIRT_SBOM_MAX_DEPTH + 5; i++)
		psirt_buf_addf(&b, "Relationship: SPDXRef-p%d CONTAINS SPDXRef-p%d\n", i, i + 1);
	psirt_buf_adds(&b, "Relationship: SPDXRef-p3 CONTAINS SPDXRef-p0\n");
	assert_int_equal(parse_str(b.p, "deep.spdx", &doc, &msg), PSIRT_OK);
	assert_int_equal(doc->n_components, PSIRT_SBOM_MAX_DEPTH + 5);
	assert_null(find_name(doc, "p0")->parent);
	assert_string_equal(find_name(doc, "p31")->parent->name, "p30");
	assert_null(find_name(doc, "p32")->parent); /* would be level 33 */
	assert_string_equal(find_name(doc, "p33")->parent->name, "p32");
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_IGNORED), 2);
	psirt_sbom_free(doc);
	psirt_buf_release(&b);
}

/* SPDX 2.3 §7.7 downloadLocation, VCS form: a git one with a full commit id
 * gives the component's commit and repository (OSV GIT ranges). */
static void test_vcs(void **state)
{
	static const struct {
		const char *loc, *commit, *repo; /* NULL: none */
	} cases[] = {
		{ "git+https://github.com/curl/curl.git@7ee59512f875604eb468fb6f3d26e39290f781c9",
		  "7ee59512f875604eb468fb6f3d26e39290f781c9", "https://github.com/curl/curl.git" },
		{ "git+git://thekelleys.org.uk/dnsmasq.git@03345ecefeb0d82e3c3a4c28f27c3554f0611b39"
		  "#src",
		  "03345ecefeb0d82e3c3a4c28f27c3554f0611b39", "git://thekelleys.org.uk/dnsmasq.git" },
		{ "git+ssh://git@github.com/o/r@03345ecefeb0d82e3c3a4c28f27c3554f0611b39",
		  "03345ecefeb0d82e3c3a4c28f27c3554f0611b39", "ssh://git@github.com/o/r" },
		/* a tag or branch is no commit; an abbreviation neither (a date-like
		 * 8-digit tag would read as hex) */
		{ "git+https://github.com/curl/curl.git@curl-7_88_1", NULL, NULL },
		{ "git+https://github.com/curl/curl.git@20230101", NULL, NULL },
		{ "git+https://github.com/curl/curl.git", NULL, NULL },
		{ "https://github.com/curl/curl/archive/7ee59512f875604eb468fb6f3d26e39290f781c9.zip",
		  NULL, NULL },
		{ "hg+https://hg.example/r@7ee59512f875604eb468fb6f3d26e39290f781c9", NULL, NULL },
		{ "NOASSERTION", NULL, NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_buf b = PSIRT_BUF_INIT;
		struct psirt_sbom_doc *doc = NULL;
		const struct psirt_sbom_component *c;
		char *msg = NULL;
		int pass;

		/* the same location in SPDX 2.3 JSON and in tag-value */
		for (pass = 0; pass < 2; pass++) {
			psirt_buf_reset(&b);
			if (!pass)
				psirt_buf_addf(&b,
				               "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": "
				               "\"SPDXRef-DOCUMENT\", \"packages\": [{\"SPDXID\": "
				               "\"SPDXRef-a\", \"name\": \"a\", \"downloadLocation\": "
				               "\"%s\"}]}",
				               cases[i].loc);
			else
				psirt_buf_addf(&b,
				               "SPDXVersion: SPDX-2.3\nPackageName: a\nSPDXID: SPDXRef-a\n"
				               "PackageDownloadLocation: %s\n",
				               cases[i].loc);
			assert_int_equal(parse_str(b.p, pass ? "a.spdx" : "a.spdx.json", &doc, &msg),
			                 PSIRT_OK);
			c = find_name(doc, "a");
			if (cases[i].commit) {
				assert_non_null(c->commit);
				assert_string_equal(c->commit, cases[i].commit);
				assert_string_equal(c->repo, cases[i].repo);
			} else {
				assert_null(c->commit);
				assert_null(c->repo);
			}
			psirt_sbom_free(doc);
			doc = NULL;
		}
		psirt_buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spec_examples),   cmocka_unit_test(test_examples),
	    cmocka_unit_test(test_camera),          cmocka_unit_test(test_bad),
	    cmocka_unit_test(test_contains_guards), cmocka_unit_test(test_vcs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
