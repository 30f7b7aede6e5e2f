/* CycloneDX import: the specification's own test BOMs (1.4–1.7), the
 * bom-examples, psirt's camera firmware fixture, and bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbom/sbom_test.h"

static const char *const versions[] = {"1.4", "1.5", "1.6", "1.7"};

/* The invalid-* BOMs of tools/src/test/resources. Each is either refused,
 * with a message containing `expect`, or accepted because it is invalid
 * only in a part psirt does not read (reason says which). A file missing
 * from this table fails the test, so a new upstream case is looked at. */
static const struct {
	const char *key;    /* name without "invalid-" and "-<ver>.json" */
	const char *expect; /* NULL: accepted */
	const char *reason;
} invalid_cases[] = {
    {"bomformat", "bomFormat is 'AnotherFormat', not 'CycloneDX'", NULL},
    /* 1.4: two components share bom-ref "123"; 1.5+: an empty bom-ref.
     * Dependencies are resolved by bom-ref, so both are refused. */
    {"component-ref", "bom-ref", NULL},
    {"component-type", "unknown component type 'foo'", NULL},
    {"dependency", "ref is missing", NULL},
    {"empty-component", "name is missing", NULL},
    {"hash-alg", "unknown hash algorithm 'FOO'", NULL},
    {"hash-md5", "MD5 hash 'foo' is not 32, 40, 64, 96 or 128 hex digits", NULL},
    {"hash-sha1", "SHA-1 hash 'foo' is not", NULL},
    {"hash-sha256", "SHA-256 hash 'foo' is not", NULL},
    {"hash-sha512", "SHA-512 hash 'foo' is not", NULL},
    {"license-choice", "either a license or an expression, not both", NULL},
    {"license-missing-id-and-name", "a license needs an id or a name", NULL},
    {"metadata-timestamp", "timestamp '2020-04-13' is not an RFC 3339 date-time", NULL},
    {"missing-component-type", "type is missing", NULL},
    {"properties", "name is missing (required for every property)", NULL},
    {"scope", "unknown scope 'foo'", NULL},
    {"serialnumber", "is not a urn:uuid", NULL},
    /* accepted: invalid only for a reason psirt does not check */
    {"component-swid", NULL, "swid without tagId: psirt does not read swid"},
    {"issue-type", NULL, "pedigree.patches.resolves type: psirt does not read pedigree"},
    {"patch-type", NULL, "pedigree.patches type: psirt does not read pedigree"},
    {"license-encoding", NULL, "license text encoding: psirt does not read license texts"},
    {"license-id", NULL,
     "license id outside the SPDX list: psirt keeps license ids as text, unchecked"},
    {"metadata-license", NULL, "metadata.licenses: psirt does not read the BOM's own license"},
    {"license-declared-concluded-mix", NULL,
     "license and expression entries mixed in one list: 1.6 forbids it, 1.7 allows it; "
     "psirt reads both kinds whatever the version"},
    {"service-data", NULL, "services: psirt does not read services"},
    {"citations", NULL, "citations (1.7): not read"},
    {"component-external-version-and-range", NULL, "isExternal / versionRange (1.7): not read"},
    {"component-versionRange-non-external-explicit", NULL,
     "isExternal / versionRange (1.7): not read"},
    {"component-versionRange-non-external-implicit", NULL,
     "isExternal / versionRange (1.7): not read"},
    {"metadata-distribution", NULL, "metadata.distribution (1.7): not read"},
};

static void test_spec_valid(void **state)
{
	size_t v, i, n, ok;

	for (v = 0; v < sizeof versions / sizeof versions[0]; v++) {
		char dir[64], rel[256], suite[64];
		char **names;
		struct ts_suite s = {suite, 0, 0};

		snprintf(suite, sizeof suite, "cyclonedx-%s-json-valid", versions[v]);
		snprintf(dir, sizeof dir, "cyclonedx/spec/%s", versions[v]);
		names = list_dir(dir, &n);
		ok = 0;
		for (i = 0; i < n; i++) {
			struct psirt_diag d = PSIRT_DIAG_INIT;
			struct psirt_sbom_doc *doc = NULL;
			char *path;
			enum psirt_err err;

			if (strncmp(names[i], "valid-", 6) != 0)
				continue;
			snprintf(rel, sizeof rel, "%s/%s", dir, names[i]);
			path = ts_data_path(rel);
			err = psirt_sbom_load(path, PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d);
			ts_case(&s,
			        !err && doc->format == PSIRT_SBOM_CYCLONEDX_JSON &&
			            !strcmp(doc->spec_version, versions[v]),
			        "%s: %s", rel, err ? d.message : "wrong format or version");
			ok += !err;
			psirt_sbom_free(doc);
			psirt_diag_release(&d);
			free(path);
		}
		free_list(names, n);
		ts_suite_end(&s);
		assert_int_equal(ok, s.cases);
	}
}

static void test_spec_invalid(void **state)
{
	size_t v, i, k, n, refused, accepted;

	for (v = 0; v < sizeof versions / sizeof versions[0]; v++) {
		char dir[64], rel[256], key[128], suite[64];
		char **names;
		struct ts_suite s = {suite, 0, 0};

		snprintf(suite, sizeof suite, "cyclonedx-%s-json-invalid", versions[v]);
		snprintf(dir, sizeof dir, "cyclonedx/spec/%s", versions[v]);
		names = list_dir(dir, &n);
		refused = accepted = 0;
		for (i = 0; i < n; i++) {
			struct psirt_diag d = PSIRT_DIAG_INIT;
			struct psirt_sbom_doc *doc = NULL;
			char *path, *msg = NULL, suffix[32];
			size_t len;
			enum psirt_err err;

			if (strncmp(names[i], "invalid-", 8) != 0)
				continue;
			/* key: strip "invalid-", then "-<ver>.json" or ".json" */
			snprintf(key, sizeof key, "%s", names[i] + 8);
			snprintf(suffix, sizeof suffix, "-%s.json", versions[v]);
			len = strlen(key);
			if (len > strlen(suffix) && !strcmp(key + len - strlen(suffix), suffix))
				key[len - strlen(suffix)] = '\0';
			else if (len > 5 && !strcmp(key + len - 5, ".json"))
				key[len - 5] = '\0';
			for (k = 0; k < sizeof invalid_cases / sizeof invalid_cases[0]; k++)
				if (!strcmp(key, invalid_cases[k].key))
					break;
			snprintf(rel, sizeof rel, "%s/%s", dir, names[i]);
			if (k == sizeof invalid_cases / sizeof invalid_cases[0]) {
				ts_case(&s, 0, "%s: not in the table of invalid cases", rel);
				continue;
			}
			path = ts_data_path(rel);
			err = psirt_sbom_load(path, PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d);
			if (err)
				msg = psirt_diag_format(&d);
			if (invalid_cases[k].expect) {
				ts_case(&s,
				        err == PSIRT_EINVAL && msg &&
				            strstr(msg, invalid_cases[k].expect) &&
				            strstr(msg, names[i]),
				        "%s: expected refusal with '%s', got %s", rel,
				        invalid_cases[k].expect, msg ? msg : "success");
				refused += err != PSIRT_OK;
			} else {
				ts_case(&s, !err, "%s: expected to be accepted (%s), got %s", rel,
				        invalid_cases[k].reason, msg ? msg : "");
				accepted += !err;
			}
			free(msg);
			psirt_sbom_free(doc);
			psirt_diag_release(&d);
			free(path);
		}
		printf("cyclonedx %s json invalid BOMs: %lu cases: %zu refused, %zu accepted: "
		       "invalid only for a reason psirt does not check\n",
		       versions[v], s.cases, refused, accepted);
		free_list(names, n);
		ts_suite_end(&s);
	}
}

/* Nested components and the metadata component of the spec tests. */
static void test_spec_details(void **state)
{
	struct psirt_sbom_doc *doc = load_ok("cyclonedx/spec/1.6/valid-assembly-1.6.json");
	const struct psirt_sbom_component *a, *b;

	assert_int_equal(doc->n_components, 2);
	a = find_name(doc, "acme-library-a");
	b = find_name(doc, "acme-library-b");
	assert_null(a->parent);
	assert_ptr_equal(b->parent, a);
	assert_string_equal(b->version, "2.0.0");
	assert_string_equal(doc->serial, "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
	psirt_sbom_free(doc);

	doc = load_ok("cyclonedx/spec/1.6/valid-bom-1.6.json");
	assert_non_null(doc->root);
	assert_string_equal(doc->root->name, "Acme Application");
	assert_string_equal(doc->root->version, "9.1.1");
	a = find_name(doc, "mylibrary");
	assert_string_equal(a->supplier, "Example, Inc.");
	assert_string_equal(a->group, "org.example");
	assert_int_equal(a->n_cpes, 1);
	assert_string_equal(a->cpes[0].value, "cpe:/a:example:myapplication:1.0.0");
	assert_true(a->cpes[0].valid);
	assert_int_equal(a->n_licenses, 1);
	assert_int_equal(a->licenses[0].kind, PSIRT_SBOM_LICENSE_EXPRESSION);
	assert_string_equal(a->licenses[0].value, "EPL-2.0 OR GPL-2.0-with-classpath-exception");
	assert_int_equal(a->n_hashes, 4);
	assert_int_equal(a->hashes[3].alg, PSIRT_SBOM_HASH_SHA512);
	assert_int_equal(a->scope, PSIRT_SBOM_SCOPE_REQUIRED);
	assert_string_equal(doc->created, "2020-04-13T20:20:39+00:00");
	assert_int_equal(doc->n_tools, 1);
	assert_string_equal(doc->tools[0].vendor, "Awesome Vendor");
	assert_string_equal(doc->tools[0].name, "Awesome Tool");
	assert_string_equal(doc->tools[0].version, "9.1.2");
	/* pedigree.commits[0].uid is the commit (no vcs reference: no repo) */
	a = find_name(doc, "tomcat-catalina");
	assert_string_equal(a->commit, "7638417db6d59f3c431d3e1f261cc637155684cd");
	assert_null(a->repo);
	assert_null(find_name(doc, "mylibrary")->commit);
	psirt_sbom_free(doc);
}

/* The VCS commit and repository (OSV GIT ranges) from hand-made documents. */
static void test_vcs(void **state)
{
	static const char good[] =
	    "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
	    "{\"type\":\"application\",\"name\":\"dnsmasq\",\"version\":\"2.90\","
	    "\"purl\":\"pkg:generic/dnsmasq@2.90\","
	    "\"externalReferences\":[{\"type\":\"website\",\"url\":\"https://thekelleys.org.uk\"},"
	    "{\"type\":\"vcs\",\"url\":\"git://thekelleys.org.uk/dnsmasq.git\"},"
	    "{\"type\":\"vcs\",\"url\":\"https://second.example/dnsmasq\"}],"
	    "\"pedigree\":{\"commits\":[{\"url\":\"https://x\"},"
	    "{\"uid\":\"03345ecefeb0d82e3c3a4c28f27c3554f0611b39\"},{\"uid\":\"ffff\"}]}},"
	    "{\"type\":\"library\",\"name\":\"plain\",\"externalReferences\":[],"
	    "\"pedigree\":{}}]}";
	static const char bad[] =
	    "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
	    "{\"type\":\"library\",\"name\":\"x\",\"pedigree\":{\"commits\":{}}}]}";
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	const struct psirt_sbom_component *c;

	(void)state;
	assert_int_equal(psirt_sbom_parse(good, sizeof good - 1, "vcs.json", 0, &doc, &d), PSIRT_OK);
	c = find_name(doc, "dnsmasq");
	/* the first commit with a uid, the first vcs reference */
	assert_string_equal(c->commit, "03345ecefeb0d82e3c3a4c28f27c3554f0611b39");
	assert_string_equal(c->repo, "git://thekelleys.org.uk/dnsmasq.git");
	c = find_name(doc, "plain");
	assert_null(c->commit);
	assert_null(c->repo);
	psirt_sbom_free(doc);
	doc = NULL;
	/* commits must be an array (the schema's type), as other members */
	assert_int_equal(psirt_sbom_parse(bad, sizeof bad - 1, "bad.json", 0, &doc, &d), PSIRT_EINVAL);
	assert_non_null(strstr(d.message, "commits"));
	psirt_diag_release(&d);
}

static void test_examples(void **state)
{
	struct psirt_sbom_doc *doc;
	const struct psirt_sbom_component *c;

	/* laravel 1.4: root with purl and properties, 62 components, deps */
	doc = load_ok("cyclonedx/examples/laravel-7.12.0.bom.1.4.json");
	assert_int_equal(doc->format, PSIRT_SBOM_CYCLONEDX_JSON);
	assert_string_equal(doc->spec_version, "1.4");
	assert_string_equal(doc->root->ref, "cyclonedx/cyclonedx-php-composer-demo-dev-master");
	assert_string_equal(doc->root->purl,
	                    "pkg:composer/cyclonedx/cyclonedx-php-composer-demo@dev-master");
	assert_string_equal(prop(doc->root, "cdx:composer:package:type"), "project");
	assert_int_equal(doc->n_components, 62);
	c = find_name(doc, "stack-cors");
	assert_string_equal(c->ref, "asm89/stack-cors-1.3.0.0");
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_LIBRARY);
	assert_string_equal(c->group, "asm89");
	assert_string_equal(c->version, "1.3.0");
	assert_string_equal(c->description,
	                    "Cross-origin resource sharing library and stack middleware");
	assert_string_equal(c->purl, "pkg:composer/asm89/stack-cors@1.3.0");
	assert_int_equal(c->flags, 0);
	assert_int_equal(c->n_licenses, 1);
	assert_int_equal(c->licenses[0].kind, PSIRT_SBOM_LICENSE_ID);
	assert_string_equal(c->licenses[0].value, "MIT");
	assert_int_equal(c->n_properties, 3);
	assert_string_equal(prop(c, "cdx:composer:package:distReference"),
	                    "b9c31def6a83f84b4d4a40d35996d375755f0e08");
	assert_true(depends(doc, "asm89/stack-cors-1.3.0.0", "symfony/http-foundation-5.4.16.0"));
	assert_true(depends(doc, "asm89/stack-cors-1.3.0.0", "symfony/http-kernel-5.4.16.0"));
	assert_int_equal(find_dep(doc, "asm89/stack-cors-1.3.0.0")->n_depends_on, 2);
	assert_non_null(find_dep(doc, "brick/math-0.9.3.0"));
	assert_int_equal(find_dep(doc, "brick/math-0.9.3.0")->n_depends_on, 0);
	assert_int_equal(doc->n_deps, 63);
	assert_int_equal(doc->n_warnings, 0);
	assert_int_equal(doc->n_tools, 1);
	assert_string_equal(doc->tools[0].vendor, "cyclonedx");
	psirt_sbom_free(doc);

	/* proton-bridge 1.2: Go modules with hashes and timestamp */
	doc = load_ok("cyclonedx/examples/proton-bridge-v1.8.0.bom.json");
	assert_string_equal(doc->spec_version, "1.2");
	assert_string_equal(doc->created, "2021-05-16T17:10:53+02:00");
	c = find_name(doc, "github.com/CloudyKit/jet/v3");
	assert_string_equal(c->ref, "pkg:golang/github.com/CloudyKit/jet/v3@v3.0.0");
	assert_string_equal(c->version, "v3.0.0");
	assert_int_equal(c->n_hashes, 1);
	assert_int_equal(c->hashes[0].alg, PSIRT_SBOM_HASH_SHA256);
	assert_string_equal(c->hashes[0].value,
	                    "d4fc0ee70e550ad954525f8a4ce06c4c66658635a47326ec19a01abb9dad3b2f");
	assert_string_equal(c->licenses[0].value, "Apache-2.0");
	assert_int_equal(doc->n_components, 201);
	assert_int_equal(doc->n_deps, 202);
	/* externalReferences type vcs: the repository (no commit given) */
	c = find_name(doc, "github.com/0xAX/notificator");
	assert_string_equal(c->repo, "https://github.com/0xAX/notificator");
	assert_null(c->commit);
	psirt_sbom_free(doc);

	/* a hardware BOM: devices without purl or CPE are warned about */
	doc = load_ok("cyclonedx/examples/hbom-pcie-sata-adapter.bom.json");
	assert_int_equal(doc->root->type, PSIRT_SBOM_TYPE_DEVICE);
	assert_string_equal(doc->root->group, "uk.ac.cam.cl");
	c = find_name(doc, "47155-4001");
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_DEVICE);
	assert_string_equal(c->supplier, "Molex");
	assert_null(c->version);
	assert_string_equal(prop(c, "cdx:device:gs1:gtin-12"), "822348522712");
	assert_true(c->flags & PSIRT_SBOM_C_NO_IDENTITY);
	/* the six parts and the board itself (the root is checked too) */
	assert_int_equal(doc->n_components, 6);
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_NO_IDENTITY), 7);
	psirt_sbom_free(doc);

	/* CBOM 1.6: a cryptographic asset and a dependency chain */
	doc = load_ok("cyclonedx/examples/cbom-with-dependencies.bom.json");
	c = find_name(doc, "AES");
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_CRYPTOGRAPHIC_ASSET);
	assert_true(depends(doc, "acme-application", "crypto-library"));
	assert_true(depends(doc, "crypto-library", "some-library"));
	assert_int_equal(doc->n_deps, 4);
	psirt_sbom_free(doc);

	/* 1.2 with legacy tools */
	doc = load_ok("cyclonedx/examples/cern-lhc-vdm-editor.bom.json");
	assert_int_equal(doc->n_components, 43);
	assert_string_equal(doc->root->name, "lhc-vdm-editor");
	psirt_sbom_free(doc);
}

/* psirt's camera firmware fixture: every field, nesting three deep, the
 * psirt:cpe property, identity warnings. */
static void check_camera(const struct psirt_sbom_doc *doc, int xml)
{
	const struct psirt_sbom_component *c, *webui, *jq;

	assert_string_equal(doc->spec_version, "1.6");
	assert_string_equal(doc->serial, "urn:uuid:0d1c3a6e-7b39-4c52-9a8e-1f2b3c4d5e6f");
	assert_string_equal(doc->created, "2025-11-03T08:15:00Z");
	assert_int_equal(doc->n_tools, 1);
	assert_string_equal(doc->tools[0].vendor, "ACME");
	assert_string_equal(doc->tools[0].name, "fw-sbom-gen");
	assert_string_equal(doc->tools[0].version, "0.9");
	assert_non_null(doc->root);
	assert_int_equal(doc->root->type, PSIRT_SBOM_TYPE_FIRMWARE);
	assert_string_equal(doc->root->ref, "acme-cam-fw@2.4.1");
	assert_string_equal(doc->root->supplier, "ACME Cameras");
	assert_string_equal(doc->root->cpes[0].value,
	                    "cpe:2.3:o:acme:cam_firmware:2.4.1:*:*:*:*:*:*:*");
	assert_int_equal(doc->n_components, 9);

	c = find_name(doc, "busybox");
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_APPLICATION);
	assert_string_equal(c->ref, "busybox");
	assert_string_equal(c->supplier, "BusyBox project");
	assert_string_equal(c->version, "1.36.1");
	assert_string_equal(c->purl, "pkg:generic/busybox@1.36.1");
	assert_int_equal(c->n_cpes, 1);
	assert_string_equal(c->cpes[0].value, "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*");
	assert_int_equal(c->n_hashes, 1);
	assert_int_equal(c->hashes[0].alg, PSIRT_SBOM_HASH_SHA256);
	assert_int_equal(c->licenses[0].kind, PSIRT_SBOM_LICENSE_ID);
	assert_string_equal(c->licenses[0].value, "GPL-2.0-only");
	assert_int_equal(c->flags, 0);
	assert_null(c->parent);

	c = find_name(doc, "libssl3");
	assert_string_equal(c->group, "debian");
	assert_string_equal(c->version, "3.0.11-1~deb12u2");
	assert_string_equal(c->purl, "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=armhf");
	assert_int_equal(c->n_cpes, 2); /* cpe + the psirt:cpe property */
	assert_string_equal(c->cpes[1].value, "cpe:/a:openssl:openssl:3.0.11");
	assert_true(c->cpes[1].valid);
	assert_int_equal(c->n_properties, 2);
	assert_string_equal(prop(c, "acme:build-config"), "no-ssl3 no-weak-ssl-ciphers");
	assert_string_equal(prop(c, "acme:note"), "(none)");
	assert_int_equal(c->licenses[0].kind, PSIRT_SBOM_LICENSE_EXPRESSION);

	webui = find_name(doc, "webui");
	assert_true(webui->flags & PSIRT_SBOM_C_NO_IDENTITY);
	jq = find_name(doc, "jquery");
	assert_ptr_equal(jq->parent, webui);
	c = find_name(doc, "jquery.min.js");
	assert_ptr_equal(c->parent, jq);
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_FILE);
	c = find_name(doc, "mongoose");
	assert_ptr_equal(c->parent, webui);
	assert_true(c->flags & PSIRT_SBOM_C_BAD_CPE);
	assert_false(c->cpes[0].valid);
	c = find_name(doc, "dropbear");
	assert_true(c->flags & PSIRT_SBOM_C_BAD_PURL);
	assert_string_equal(c->purl, "pkg:dropbear@2022.83"); /* kept */
	c = find_name(doc, "gdbserver");
	assert_int_equal(c->scope, PSIRT_SBOM_SCOPE_EXCLUDED);
	c = find_name(doc, "CV25");
	assert_int_equal(c->type, PSIRT_SBOM_TYPE_DEVICE);

	/* no identity: webui, jquery.min.js, CV25 */
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_NO_IDENTITY), 3);
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_BAD_PURL), 1);
	assert_int_equal(count_warnings(doc, PSIRT_SBOM_W_BAD_CPE), 1);
	if (!xml) {
		size_t i;
		for (i = 0; i < doc->n_warnings; i++)
			if (doc->warnings[i].code == PSIRT_SBOM_W_BAD_PURL) {
				assert_string_equal(doc->warnings[i].where, "/components/3");
				assert_string_equal(
				    doc->warnings[i].message,
				    "component 'dropbear': malformed purl "
				    "'pkg:dropbear@2022.83' (column 13: invalid character '@' in the type): "
				    "kept, not matched");
			}
	}

	assert_true(depends(doc, "acme-cam-fw@2.4.1", "busybox"));
	assert_true(depends(doc, "webui", "jquery"));
	assert_true(depends(doc, "webui", "libssl3"));
	assert_true(depends(doc, "dropbear", "no-such-ref")); /* kept as written */
	assert_non_null(find_dep(doc, "libssl3"));
	assert_int_equal(find_dep(doc, "libssl3")->n_depends_on, 0);
	assert_int_equal(doc->n_deps, 4);
}

static void test_camera(void **state)
{
	struct psirt_sbom_doc *doc = load_ok("sbom/camera-fw.cdx.json");

	assert_int_equal(doc->format, PSIRT_SBOM_CYCLONEDX_JSON);
	check_camera(doc, 0);
	psirt_sbom_free(doc);
}

static void test_camera_xml(void **state)
{
	struct psirt_sbom_doc *doc = load_ok("sbom/camera-fw.cdx.xml");
	size_t i;

	assert_int_equal(doc->format, PSIRT_SBOM_CYCLONEDX_XML);
	check_camera(doc, 1);
	for (i = 0; i < doc->n_warnings; i++)
		if (doc->warnings[i].code == PSIRT_SBOM_W_BAD_CPE) {
			assert_string_equal(doc->warnings[i].where,
			                    "/bom/components/component[3]/components/component[2]");
			assert_int_equal(doc->warnings[i].line, 68);
		}
	psirt_sbom_free(doc);
}

/* The same BOM in XML and JSON: the same components, field by field. */
static void test_xml_vs_json(void **state)
{
	struct psirt_sbom_doc *x = load_ok("cyclonedx/examples/laravel-7.12.0.bom.1.4.xml");
	struct psirt_sbom_doc *j = load_ok("cyclonedx/examples/laravel-7.12.0.bom.1.4.json");
	struct psirt_sbom_doc *x11 = load_ok("cyclonedx/examples/laravel-7.12.0.bom.1.1.xml");
	struct ts_suite s = {"cyclonedx-xml-vs-json", 0, 0};
	size_t i, k;

	assert_string_equal(x->spec_version, "1.4");
	assert_string_equal(x11->spec_version, "1.1");
	assert_string_equal(x->root->ref, j->root->ref);
	assert_string_equal(prop(x->root, "cdx:composer:package:type"), "project");
	assert_string_equal(x->tools[0].vendor, "cyclonedx");
	ts_case(&s, x->n_components == j->n_components && x11->n_components == j->n_components,
	        "component counts %zu (xml) %zu (1.1 xml) %zu (json)", x->n_components,
	        x11->n_components, j->n_components);
	for (i = 0; i < x->n_components && i < j->n_components; i++) {
		const struct psirt_sbom_component *a = x->components[i], *b = j->components[i];
		const struct psirt_sbom_component *c = x11->components[i];
		int same = str_eq(a->ref, b->ref) && str_eq(a->name, b->name) &&
		           str_eq(a->group, b->group) && str_eq(a->version, b->version) &&
		           str_eq(a->purl, b->purl) && str_eq(a->description, b->description) &&
		           a->type == b->type && a->n_licenses == b->n_licenses &&
		           a->n_properties == b->n_properties && a->n_hashes == b->n_hashes;
		for (k = 0; same && k < a->n_licenses; k++)
			same = str_eq(a->licenses[k].value, b->licenses[k].value) &&
			       a->licenses[k].kind == b->licenses[k].kind;
		for (k = 0; same && k < a->n_properties; k++)
			same = str_eq(a->properties[k].name, b->properties[k].name) &&
			       str_eq(a->properties[k].value, b->properties[k].value);
		ts_case(&s, same, "component %zu (%s) differs between XML and JSON", i, a->name);
		/* 1.1 has no bom-refs and no properties yet */
		ts_case(&s,
		        str_eq(c->name, b->name) && str_eq(c->version, b->version) &&
		            str_eq(c->purl, b->purl) && !c->ref,
		        "1.1 component %zu (%s) differs", i, c->name);
	}
	ts_case(&s, x->n_deps == j->n_deps, "dependency counts differ");
	for (i = 0; i < j->n_deps; i++)
		for (k = 0; k < j->deps[i].n_depends_on; k++)
			ts_case(&s, depends(x, j->deps[i].ref, j->deps[i].depends_on[k]),
			        "XML lacks %s -> %s", j->deps[i].ref, j->deps[i].depends_on[k]);
	ts_suite_end(&s);
	psirt_sbom_free(x);
	psirt_sbom_free(j);
	psirt_sbom_free(x11);
}

/* XML that must be refused: hostile DTDs first. */
static void test_bad_xml(void **state)
{
	static const struct {
		const char *doc;
		enum psirt_err err;
		const char *msg;
	} cases[] = {
	    /* billion laughs: refused at the DOCTYPE, before any expansion */
	    {"<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n <!ENTITY a \"aaaaaaaaaa\">\n"
	     " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	     " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n"
	     "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component "
	     "type=\"library\"><name>&c;</name></component></components></bom>",
	     PSIRT_EINVAL,
	     "x.xml:2: a DOCTYPE is not allowed in a CycloneDX document (no DTDs, no entities)"},
	    /* external entity (XXE) */
	    {"<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	     "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component "
	     "type=\"library\"><name>&x;</name></component></components></bom>",
	     PSIRT_EINVAL,
	     "x.xml:1: a DOCTYPE is not allowed in a CycloneDX document (no DTDs, no entities)"},
	    /* an undeclared entity cannot be expanded either */
	    {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components><component "
	     "type=\"library\"><name>&x;</name></component></components></bom>",
	     PSIRT_EINVAL, "x.xml:2:48: invalid XML: Entity 'x' not defined"},
	    {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n</bom>",
	     PSIRT_EINVAL,
	     "x.xml:3:7: invalid XML: Opening and ending tag mismatch: components line 2 and bom"},
	    {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.8\"/>", PSIRT_EUNSUPPORTED,
	     "x.xml:1: CycloneDX namespace 'http://cyclonedx.org/schema/bom/1.8' is not supported "
	     "(1.0 to 1.7)"},
	    {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>\n<component>"
	     "<name>a</name></component></components></bom>",
	     PSIRT_EINVAL,
	     "x.xml:2: /bom/components/component[1]: <component> without type attribute"},
	    {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>\n"
	     "<component type=\"library\"><name>a</name><hashes><hash alg=\"MD5\">zz</hash>"
	     "</hashes></component></components></bom>",
	     PSIRT_EINVAL,
	     "x.xml:2: /bom/components/component[1]: MD5 hash 'zz' is not 32, 40, 64, 96 or 128 "
	     "hex "
	     "digits"},
	    {"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" serialNumber=\"x\"/>",
	     PSIRT_EINVAL, "x.xml:1: serialNumber 'x' is not a urn:uuid (RFC 4122)"},
	};
	struct ts_suite s = {"cyclonedx-xml-bad-input", 0, 0};
	struct psirt_buf deep = PSIRT_BUF_INIT;
	struct psirt_sbom_doc *doc = NULL;
	char *msg = NULL;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum psirt_err err = parse_str(cases[i].doc, "x.xml", &doc, &msg);

		ts_case(&s, err == cases[i].err && msg && !strcmp(msg, cases[i].msg) && !doc,
		        "case %zu: got %s '%s', expected %s '%s'", i, psirt_errname(err),
		        msg ? msg : "", psirt_errname(cases[i].err), cases[i].msg);
		free(msg);
		psirt_sbom_free(doc);
		doc = NULL;
	}
	/* element nesting beyond libxml2's limit (256 without XML_PARSE_HUGE) */
	psirt_buf_adds(&deep, "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">");
	for (i = 0; i < 300; i++)
		psirt_buf_adds(&deep, "<x>");
	ts_case(&s,
	        parse_str(deep.p, "deep.xml", &doc, &msg) == PSIRT_EINVAL && msg &&
	            strstr(msg, "invalid XML: Excessive depth"),
	        "deep XML: %s", msg ? msg : "accepted");
	free(msg);
	psirt_sbom_free(doc);
	psirt_buf_release(&deep);
	ts_suite_end(&s);
}

/* Bad input: the exact one-line diagnostic. */
static void test_bad(void **state)
{
	static const struct {
		const char *doc;
		enum psirt_err err;
		const char *msg;
	} cases[] = {
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",", PSIRT_EINVAL,
	     "t.json:1:49: invalid JSON: unexpected end of input"},
	    {"{\"specVersion\": \"1.6\", \"components\": []}", PSIRT_EINVAL,
	     "t.json: /bomFormat: bomFormat is missing (required: \"CycloneDX\")"},
	    {"{\"bomFormat\": \"CycloneDX\", \"components\": []}", PSIRT_EINVAL,
	     "t.json: /specVersion: specVersion is missing (required, e.g. \"1.6\")"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": 1.6}", PSIRT_EINVAL,
	     "t.json: /specVersion: specVersion must be a string, not a number"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"2.0\"}", PSIRT_EUNSUPPORTED,
	     "t.json: /specVersion: CycloneDX specVersion '2.0' is not supported (1.2 to 1.7)"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": {}}",
	     PSIRT_EINVAL, "t.json: /components: components must be an array, not an object"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": "
	     "[{\"type\": \"library\", \"name\": \"a\", \"purl\": 7}]}",
	     PSIRT_EINVAL, "t.json: /components/0/purl: purl must be a string, not a number"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": "
	     "[{\"type\": \"library\", \"name\": \"a\", \"components\": [{\"type\": \"x\", "
	     "\"name\": \"b\"}]}]}",
	     PSIRT_EINVAL, "t.json: /components/0/components/0/type: unknown component type 'x'"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": "
	     "[{\"type\": \"library\", \"name\": \"a\", \"licenses\": [{}]}]}",
	     PSIRT_EINVAL,
	     "t.json: /components/0/licenses/0: a license entry needs a license or an expression"},
	    {"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"dependencies\": "
	     "[{\"ref\": \"a\", \"dependsOn\": [\"\"]}]}",
	     PSIRT_EINVAL,
	     "t.json: /dependencies/0/dependsOn/0: dependsOn entries must be non-empty bom-ref "
	     "strings"},
	    {"[1, 2]", PSIRT_EINVAL,
	     "t.json: not a CycloneDX or SPDX document: a JSON document without bomFormat, "
	     "specVersion, spdxVersion, SPDXID, @context or @graph at its top level"},
	    {"hello", PSIRT_EINVAL,
	     "t.json: not a CycloneDX or SPDX document: neither JSON, XML nor SPDX tag-value"},
	    {"", PSIRT_EINVAL, "t.json: not a CycloneDX or SPDX document: empty"},
	};
	struct ts_suite s = {"cyclonedx-bad-input", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_sbom_doc *doc = NULL;
		char *msg = NULL;
		enum psirt_err err = parse_str(cases[i].doc, "t.json", &doc, &msg);

		ts_case(&s, err == cases[i].err && msg && !strcmp(msg, cases[i].msg) && !doc,
		        "case %zu: got %s '%s', expected %s '%s'", i, psirt_errname(err),
		        msg ? msg : "", psirt_errname(cases[i].err), cases[i].msg);
		free(msg);
		psirt_sbom_free(doc);
	}
	ts_suite_end(&s);
}

/* Caps: nesting depth and the size limit. */
static void test_caps(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_sbom_doc *doc = NULL;
	int i;

	psirt_buf_adds(&b, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
	for (i = 0; i < PSIRT_SBOM_MAX_DEPTH + 1; i++)
		psirt_buf_adds(&b, "{\"type\":\"library\",\"name\":\"n\",\"components\":[");
	for (i = 0; i < PSIRT_SBOM_MAX_DEPTH + 1; i++)
		psirt_buf_adds(&b, "]}");
	psirt_buf_adds(&b, "]}");
	assert_int_equal(psirt_sbom_parse(b.p, b.len, "deep.json", 0, &doc, &d), PSIRT_ETOOBIG);
	assert_null(doc);
	assert_non_null(strstr(d.message, "nested deeper than 32 levels"));
	psirt_diag_release(&d);

	/* the size is checked before a byte is read */
	assert_int_equal(psirt_sbom_parse(b.p, PSIRT_SBOM_MAX_SIZE + 1, "huge.json", 0, &doc, &d),
	                 PSIRT_ETOOBIG);
	assert_string_equal(d.message, "SBOM of 67108865 bytes: the limit is 67108864 bytes");
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spec_valid),   cmocka_unit_test(test_spec_invalid),
	    cmocka_unit_test(test_spec_details), cmocka_unit_test(test_examples),
	    cmocka_unit_test(test_vcs),
	    cmocka_unit_test(test_camera),       cmocka_unit_test(test_bad),
	    cmocka_unit_test(test_caps),         cmocka_unit_test(test_camera_xml),
	    cmocka_unit_test(test_xml_vs_json),  cmocka_unit_test(test_bad_xml),
	};
	psirt_sbom_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
