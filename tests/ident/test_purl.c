/* Tests of src/ident/purl*.c: the purl-spec test suite (schema 0.2), the
 * legacy purl-spec suite, the type definitions' examples, and our own cases
 * (errors with columns, build, compare, caps). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "ident/internal.h"
#include "psirt/purl.h"

/* ---- helpers ---- */

/* Canonical string of a purl string; owned (free), NULL when it fails to
 * parse (the message then goes to *err when err is not NULL, owned). */
static char *canon(const char *s, unsigned flags, char **err)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	char *out = NULL;

	if (psirt_purl_canonicalize(psirt_str_c(s), flags, &b, &d) == PSIRT_OK)
		out = psirt_buf_detach(&b, NULL);
	else if (err)
		*err = psirt_diag_format(&d);
	psirt_buf_release(&b);
	psirt_diag_release(&d);
	return out;
}

static struct psirt_str jview(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		return PSIRT_STR_NULL;
	return psirt_str_make(json_string_value(v), json_string_length(v));
}

static int view_eq(struct psirt_str a, struct psirt_str b)
{
	if (!a.p || !b.p)
		return !a.p && !b.p;
	return a.len == b.len && !memcmp(a.p, b.p, a.len);
}

/* Does the parsed purl have the components of the expected JSON object
 * (schema 0.2 purl_components; null or missing means absent)? On a
 * mismatch names the component in *what. */
static int components_match(const struct psirt_purl *p, json_t *exp, const char **what)
{
	json_t *q = json_object_get(exp, "qualifiers"), *v;
	const char *key;
	size_t i, n = 0;

	*what = "type";
	if (!view_eq(p->type, jview(exp, "type")))
		return 0;
	*what = "namespace";
	if (!view_eq(p->ns, jview(exp, "namespace")))
		return 0;
	*what = "name";
	if (!view_eq(p->name, jview(exp, "name")))
		return 0;
	*what = "version";
	if (!view_eq(p->version, jview(exp, "version")))
		return 0;
	*what = "subpath";
	if (!view_eq(p->subpath, jview(exp, "subpath")))
		return 0;
	*what = "qualifiers";
	if (json_is_object(q)) {
		json_object_foreach(q, key, v) {
			if (!json_is_string(v) || !json_string_length(v))
				continue; /* empty values are no qualifier */
			n++;
			for (i = 0; i < p->nqualifiers; i++) {
				if (psirt_str_eq(p->qualifiers[i].key, key))
					break;
			}
			if (i == p->nqualifiers ||
			    !view_eq(p->qualifiers[i].value,
			             psirt_str_make(json_string_value(v), json_string_length(v))))
				return 0;
		}
	}
	return n == p->nqualifiers;
}

/* Builds from a schema 0.2 purl_components object; returns the canonical
 * string (owned) or NULL with the message in *err (owned). */
static char *build(json_t *in, unsigned flags, char **err)
{
	struct psirt_purl parts, out;
	struct psirt_purl_qualifier qs[64];
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	json_t *q = json_object_get(in, "qualifiers"), *v;
	const char *key;
	char *res = NULL;

	memset(&parts, 0, sizeof parts);
	parts.type = jview(in, "type");
	parts.ns = jview(in, "namespace");
	parts.name = jview(in, "name");
	parts.version = jview(in, "version");
	parts.subpath = jview(in, "subpath");
	parts.qualifiers = qs;
	if (json_is_object(q)) {
		json_object_foreach(q, key, v) {
			if (parts.nqualifiers == sizeof qs / sizeof qs[0])
				fail_msg("too many qualifiers in a fixture");
			qs[parts.nqualifiers].key = psirt_str_c(key);
			qs[parts.nqualifiers].value = json_is_string(v)
				? psirt_str_make(json_string_value(v), json_string_length(v))
				: PSIRT_STR_NULL;
			parts.nqualifiers++;
		}
	}
	if (psirt_purl_build(&parts, flags, &out, &d) == PSIRT_OK) {
		if (psirt_purl_format(&out, &b) == PSIRT_OK)
			res = psirt_buf_detach(&b, NULL);
		psirt_purl_release(&out);
	} else {
		*err = psirt_diag_format(&d);
	}
	psirt_buf_release(&b);
	psirt_diag_release(&d);
	return res;
}

/* ---- the purl-spec suite (schema 0.2) ---- */

/* Cases we deliberately do not pass: the input, the test type, and what we
 * give instead (canonical form, or NULL when we reject it), and why. Each is
 * still run and must give that result (so a change of behaviour shows); it
 * is printed and counted. */
static const struct {
	const char *input;
	const char *test_type;
	const char *got;
	const char *why;
} divergent[] = {
	/* tests/types/maven-test.json, required parse: expects the key
	 * "repositorY_url" to be accepted and lower-cased. Clause 5.6.6 says
	 * "The key shall be composed only of lowercase ASCII letters ..." and
	 * the required parse cases of gem-test.json ("Platform=java") and
	 * rpm-test.json ("Arch=i386") expect such keys to be rejected: the
	 * suite contradicts itself, we follow the clause and the two cases.
	 * (With PSIRT_PURL_LENIENT, as for the recommended group, the key is
	 * lower-cased and this case would pass.) */
	{ "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?type=pom&repositorY_url=repo.spring.io/release",
	  "parse", NULL, "5.6.6: upper-case qualifier key (gem and rpm required cases reject it)" },
	/* tests/types/git-test.json, recommended validate: the test expects
	 * namespace and name lower-cased, but types/git-definition.json says
	 * both are case_sensitive (true); the definition is the normative
	 * text (5.7), and the test's description is copied from the github
	 * type's. */
	{ "pkg:git/github/Package-url/purl-Spec@244fd47e07d1004f0aed9c", "validate",
	  "pkg:git/github/Package-url/purl-Spec@244fd47e07d1004f0aed9c",
	  "git-definition.json: namespace and name are case sensitive" },
};

static int divergent_index(const char *input, const char *test_type)
{
	size_t i;

	for (i = 0; i < sizeof divergent / sizeof divergent[0]; i++) {
		if (!strcmp(divergent[i].input, input) && !strcmp(divergent[i].test_type, test_type))
			return (int)i;
	}
	return -1;
}

enum { T_PARSE, T_BUILD, T_VALIDATE, T_ROUNDTRIP, T__MAX };
enum { G_REQUIRED, G_RECOMMENDED, G__MAX };
static const char *const type_names[T__MAX] = { "parse", "build", "validate", "roundtrip" };
static const char *const group_names[G__MAX] = { "required", "recommended" };

struct spec_run {
	struct ts_suite suites[T__MAX][G__MAX];
	unsigned long diverged[T__MAX][G__MAX];
	char names[T__MAX][G__MAX][64];
};

static void run_spec_case(struct spec_run *run, const char *file, json_t *t)
{
	const char *type = json_string_value(json_object_get(t, "test_type"));
	const char *group = json_string_value(json_object_get(t, "test_group"));
	const char *desc = json_string_value(json_object_get(t, "description"));
	int fails = json_is_true(json_object_get(t, "expected_failure"));
	json_t *in = json_object_get(t, "input"), *exp = json_object_get(t, "expected_output");
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_purl p;
	struct ts_suite *s;
	unsigned flags;
	const char *what = "";
	char *got = NULL, *err = NULL;
	int ti, gi, ok, div = -1;

	for (ti = 0; ti < T__MAX && (!type || strcmp(type, type_names[ti])); ti++)
		;
	for (gi = 0; gi < G__MAX && (!group || strcmp(group, group_names[gi])); gi++)
		;
	if (ti == T__MAX || gi == G__MAX)
		fail_msg("%s: unknown test_type %s or test_group %s", file, type, group);
	s = &run->suites[ti][gi];
	/* The "recommended" cases show how a tool should repair common faults
	 * (schema 0.2, test_group): run them with the repairs enabled. The
	 * "required" ones run strictly. */
	flags = gi == G_RECOMMENDED ? PSIRT_PURL_LENIENT : 0;
	if (json_is_string(in))
		div = divergent_index(json_string_value(in), type_names[ti]);

	if (ti == T_BUILD) {
		got = build(in, flags, &err);
		ok = fails ? got == NULL
		           : got && json_is_string(exp) && !strcmp(got, json_string_value(exp));
		ts_case(s, ok, "%s: %s: build -> %s (%s), expected %s", file, desc,
		        got ? got : "error", err ? err : "", fails ? "failure" : json_string_value(exp));
	} else if (ti == T_PARSE) {
		if (psirt_purl_parse(psirt_str_c(json_string_value(in)), flags, &p, &d) == PSIRT_OK) {
			ok = !fails && components_match(&p, exp, &what);
			psirt_purl_release(&p);
			got = div >= 0 ? canon(json_string_value(in), flags, NULL) : NULL;
		} else {
			err = psirt_diag_format(&d);
			ok = fails;
			what = err;
		}
		if (div >= 0) {
			ok = divergent[div].got ? got && !strcmp(got, divergent[div].got) : !got;
			run->diverged[ti][gi]++;
			printf("%s: diverges (as listed): %s -> %s, the suite expects %s: %s\n", s->name,
			       json_string_value(in), got ? got : err,
			       fails ? "a failure" : "success", divergent[div].why);
		}
		ts_case(s, ok, "%s: %s: parse %s: %s %s", file, desc, json_string_value(in),
		        fails ? "expected a failure" : "mismatch in", what);
	} else {
		/* validate and roundtrip: the canonical form of the input */
		got = canon(json_string_value(in), flags, &err);
		if (div >= 0) {
			ok = divergent[div].got ? got && !strcmp(got, divergent[div].got) : !got;
			run->diverged[ti][gi]++;
			printf("%s: diverges (as listed): %s -> %s, the suite expects %s: %s\n", s->name,
			       json_string_value(in), got ? got : "error",
			       json_is_string(exp) ? json_string_value(exp) : "a failure", divergent[div].why);
		} else if (fails) {
			ok = got == NULL;
		} else {
			ok = got && json_is_string(exp) && !strcmp(got, json_string_value(exp));
		}
		ts_case(s, ok, "%s: %s: %s -> %s (%s), expected %s", file, desc,
		        json_string_value(in), got ? got : "error", err ? err : "",
		        json_is_string(exp) ? json_string_value(exp) : "failure");
	}
	free(got);
	free(err);
	psirt_diag_release(&d);
}

static void run_spec_file(struct spec_run *run, const char *rel)
{
	json_t *doc = ts_load_json(rel), *tests = json_object_get(doc, "tests"), *t;
	size_t i;

	if (!json_is_array(tests) || !json_array_size(tests))
		fail_msg("%s: no tests", rel);
	json_array_foreach(tests, i, t)
		run_spec_case(run, rel, t);
	json_decref(doc);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the files in a fixture folder ending in suffix; owned
 * array of owned strings, NULL-terminated. */
static char **list_files(const char *rel, const char *suffix)
{
	char *path = ts_data_path(rel), **names = NULL;
	DIR *dir = opendir(path);
	struct dirent *e;
	size_t n = 0, len, slen = strlen(suffix);

	if (!dir)
		fail_msg("fixture folder %s cannot be opened", path);
	for (e = readdir(dir); e; e = readdir(dir)) {
		len = strlen(e->d_name);
		if (len <= slen || strcmp(e->d_name + len - slen, suffix))
			continue;
		names = realloc(names, (n + 2) * sizeof *names);
		assert_non_null(names);
		names[n++] = strdup(e->d_name);
	}
	closedir(dir);
	free(path);
	if (!n)
		fail_msg("no %s files in %s", suffix, rel);
	qsort(names, n, sizeof *names, cmp_names);
	names[n] = NULL;
	return names;
}

static void test_spec_suite(void **state)
{
	struct spec_run run;
	char **files, rel[512];
	int ti, gi;
	size_t i;

	memset(&run, 0, sizeof run);
	for (ti = 0; ti < T__MAX; ti++) {
		for (gi = 0; gi < G__MAX; gi++) {
			snprintf(run.names[ti][gi], sizeof run.names[ti][gi], "purl-spec %s %s",
			         type_names[ti], group_names[gi]);
			run.suites[ti][gi].name = run.names[ti][gi];
		}
	}
	run_spec_file(&run, "purl/tests/spec/specification-test.json");
	files = list_files("purl/tests/types", "-test.json");
	for (i = 0; files[i]; i++) {
		snprintf(rel, sizeof rel, "purl/tests/types/%s", files[i]);
		run_spec_file(&run, rel);
		free(files[i]);
	}
	free(files);
	printf("purl-spec: %zu type test files and the specification tests\n", i);
	for (ti = 0; ti < T__MAX; ti++) {
		for (gi = 0; gi < G__MAX; gi++) {
			if (run.diverged[ti][gi])
				printf("%s: %lu cases diverge deliberately (listed above)\n",
				       run.names[ti][gi], run.diverged[ti][gi]);
			/* schema 0.2 has no roundtrip type yet: report, do not demand */
			if (!run.suites[ti][gi].cases) {
				printf("%s: 0 cases in the suite\n", run.names[ti][gi]);
				continue;
			}
			ts_suite_end(&run.suites[ti][gi]);
		}
	}
}

/* ---- the legacy suite (test-suite-data.json) ---- */

/* Where the legacy suite and the current specification disagree, the
 * current specification wins: the input, what we give instead (canonical
 * form, or NULL for a rejection) and the clause or test that says so. */
static const struct {
	const char *purl;
	const char *current;
	const char *why;
} legacy_changed[] = {
	/* 5.6.6: "The key shall be composed only of lowercase ASCII letters";
	 * the current gem-test.json and rpm-test.json expect these to fail
	 * (required group); the legacy suite lower-cased the keys. */
	{ "pkg:gem/jruby-launcher@1.1.2?Platform=java", NULL, "5.6.6 upper-case key" },
	{ "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repositorY_url=repo.spring.io/release",
	  NULL, "5.6.6 upper-case key" },
	{ "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?extension=pom&repositorY_url=repo.spring.io/release",
	  NULL, "5.6.6 upper-case key" },
	{ "pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25", NULL, "5.6.6 upper-case key" },
	/* 5.4: '/' in a qualifier value is a data octet and is encoded (the
	 * current tests expect https:%2F%2F...); the legacy canonical forms
	 * kept it. */
	{ "pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https://hub-ci.huggingface.co",
	  "pkg:huggingface/microsoft/deberta-v3-base@559062ad13d311b87b2c455e67dcd5f1c8f65111?repository_url=https:%2F%2Fhub-ci.huggingface.co",
	  "5.4 '/' encoded in qualifier values" },
	{ "pkg:mlflow/CreditFraud@3?repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow",
	  "pkg:mlflow/creditfraud@3?repository_url=https:%2F%2Fadb-5245952564735461.0.azuredatabricks.net%2Fapi%2F2.0%2Fmlflow",
	  "5.4 '/' encoded in qualifier values" },
	{ "pkg:mlflow/CreditFraud@3?repository_url=https://westus2.api.azureml.ms/mlflow/v1.0/subscriptions/a50f2011-fab8-4164-af23-c62881ef8c95/resourceGroups/TestResourceGroup/providers/Microsoft.MachineLearningServices/workspaces/TestWorkspace",
	  "pkg:mlflow/CreditFraud@3?repository_url=https:%2F%2Fwestus2.api.azureml.ms%2Fmlflow%2Fv1.0%2Fsubscriptions%2Fa50f2011-fab8-4164-af23-c62881ef8c95%2FresourceGroups%2FTestResourceGroup%2Fproviders%2FMicrosoft.MachineLearningServices%2Fworkspaces%2FTestWorkspace",
	  "5.4 '/' encoded in qualifier values" },
	{ "pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&run_id=410a3121-2709-4f88-98dd-dba0ef056b0a&repository_url=https://adb-5245952564735461.0.azuredatabricks.net/api/2.0/mlflow",
	  "pkg:mlflow/trafficsigns@10?model_uuid=36233173b22f4c89b451f1228d700d49&repository_url=https:%2F%2Fadb-5245952564735461.0.azuredatabricks.net%2Fapi%2F2.0%2Fmlflow&run_id=410a3121-2709-4f88-98dd-dba0ef056b0a",
	  "5.4 '/' encoded in qualifier values" },
	/* huggingface-definition.json: the namespace is now required. */
	{ "pkg:huggingface/distilbert-base-uncased@043235d6088ecd3dd5fb5ca3592b6913fd516027", NULL,
	  "huggingface namespace required" },
	/* conan-definition.json: namespace, user and channel are each optional
	 * (the current conan-test.json has pkg:conan/cctz@2.3 and namespace
	 * with channel); the legacy pairing rule is gone. */
	{ "pkg:conan/bincrafters/cctz@2.3", "pkg:conan/bincrafters/cctz@2.3",
	  "conan namespace without channel is valid" },
	{ "pkg:conan/cctz@2.3?channel=stable", "pkg:conan/cctz@2.3?channel=stable",
	  "conan channel without namespace is valid" },
	/* cran-definition.json and swift-definition.json: the version is
	 * optional. */
	{ "pkg:cran/A3", "pkg:cran/A3", "cran version optional" },
	{ "pkg:swift/github.com/Alamofire/Alamofire", "pkg:swift/github.com/Alamofire/Alamofire",
	  "swift version optional" },
	/* cpan-definition.json: the name is the distribution name and "shall
	 * not contain the string '::'" (current cpan-test.json agrees). */
	{ "pkg:cpan/URI::PackageURL@2.11", NULL, "cpan '::' in the name" },
	{ "pkg:cpan/Perl-Version@1.013", "pkg:cpan/Perl-Version@1.013",
	  "cpan distribution name is valid" },
	{ "pkg:cpan/GDT/URI::PackageURL@2.11", NULL, "cpan '::' in the name" },
};

static int legacy_index(const char *purl)
{
	size_t i;

	for (i = 0; i < sizeof legacy_changed / sizeof legacy_changed[0]; i++) {
		if (!strcmp(legacy_changed[i].purl, purl))
			return (int)i;
	}
	return -1;
}

static void test_legacy_suite(void **state)
{
	json_t *doc = ts_load_json("purl/legacy/test-suite-data.json"), *t;
	struct ts_suite s = { "purl-spec legacy", 0, 0 };
	unsigned long changed = 0;
	size_t i;

	if (!json_is_array(doc) || !json_array_size(doc))
		fail_msg("legacy suite: not an array of cases");
	json_array_foreach(doc, i, t) {
		const char *purl = json_string_value(json_object_get(t, "purl"));
		const char *expc = json_string_value(json_object_get(t, "canonical_purl"));
		const char *desc = json_string_value(json_object_get(t, "description"));
		int invalid = json_is_true(json_object_get(t, "is_invalid"));
		int li = legacy_index(purl);
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_purl p;
		const char *what = "";
		char *got, *err = NULL, *again;
		int ok;

		got = canon(purl, 0, &err);
		if (li >= 0) {
			changed++;
			ok = legacy_changed[li].current ? got && !strcmp(got, legacy_changed[li].current)
			                                : !got;
			printf("purl-spec legacy: current spec wins (%s): %s -> %s\n",
			       legacy_changed[li].why, purl, got ? got : "rejected");
		} else if (invalid) {
			ok = got == NULL;
		} else {
			ok = got && expc && !strcmp(got, expc);
			/* the components too, and the canonical form re-parses to itself */
			if (ok && psirt_purl_parse(psirt_str_c(purl), 0, &p, &d) == PSIRT_OK) {
				json_t *exp = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}",
				                        "type", json_object_get(t, "type"),
				                        "namespace", json_object_get(t, "namespace"),
				                        "name", json_object_get(t, "name"),
				                        "version", json_object_get(t, "version"),
				                        "qualifiers", json_object_get(t, "qualifiers"),
				                        "subpath", json_object_get(t, "subpath"));

				/* The legacy subpath of the two "%2E" cases keeps the
				 * dot segments its own canonical form drops; the current
				 * parsing guide drops them when parsing. */
				if (strstr(purl, "%2E"))
					json_object_set_new(exp, "subpath", json_string("googleapis/api/annotations"));
				ok = components_match(&p, exp, &what);
				json_decref(exp);
				psirt_purl_release(&p);
				again = canon(got, 0, NULL);
				ok = ok && again && !strcmp(again, got);
				free(again);
			}
		}
		ts_case(&s, ok, "%s: %s -> %s (%s %s), expected %s", desc, purl, got ? got : "error",
		        err ? err : "", what, invalid ? "failure" : expc);
		free(got);
		free(err);
		psirt_diag_release(&d);
	}
	printf("purl-spec legacy: %lu cases where the current spec wins (listed above)\n", changed);
	json_decref(doc);
	ts_suite_end(&s);
}

/* ---- the type definitions ---- */

static void test_type_definitions(void **state)
{
	struct ts_suite s = { "purl type definition examples", 0, 0 };
	char **files, rel[512], *got, *err, *again;
	json_t *doc, *ex;
	const char *type;
	size_t i, j;

	files = list_files("purl/types", "-definition.json");
	for (i = 0; files[i]; i++) {
		snprintf(rel, sizeof rel, "purl/types/%s", files[i]);
		doc = ts_load_json(rel);
		type = json_string_value(json_object_get(doc, "type"));
		ts_case(&s, type && ident__purl_type_find(type, strlen(type)) != NULL,
		        "%s: type %s is not in the generated table (run scripts/gen-purl-types.py)",
		        files[i], type ? type : "?");
		json_array_foreach(json_object_get(doc, "examples"), j, ex) {
			/* The examples are valid purls, not all canonical (some
			 * list qualifiers unsorted): each must parse, and its
			 * canonical form must be canonical. */
			err = NULL;
			got = canon(json_string_value(ex), 0, &err);
			again = got ? canon(got, 0, NULL) : NULL;
			ts_case(&s, got && again && !strcmp(got, again), "%s: example %s -> %s (%s)",
			        files[i], json_string_value(ex), got ? got : "error", err ? err : "");
			free(again);
			free(got);
			free(err);
		}
		json_decref(doc);
		free(files[i]);
	}
	free(files);
	ts_case(&s, i == ident__purl_types_count, "%zu definitions but %zu types in the table", i,
	        ident__purl_types_count);
	for (i = 1; i < ident__purl_types_count; i++)
		ts_case(&s, strcmp(ident__purl_types[i - 1].name, ident__purl_types[i].name) < 0,
		        "table not sorted at %s", ident__purl_types[i].name);
	ts_suite_end(&s);
}

/* ---- our own cases ---- */

/* Inputs and their canonical form: normalisation rules one by one. */
static const struct {
	const char *in, *out;
} good[] = {
	/* 5.6.1/5.6.2: scheme and type case-folded, slashes after "pkg:" */
	{ "PKG:NPM/a", "pkg:npm/a" },
	{ "pkg:///npm/a", "pkg:npm/a" },
	/* 5.4: only A-Z a-z 0-9 . - _ ~ : stay unencoded; hex upper-case */
	{ "pkg:generic/a%7eb%3a%2b", "pkg:generic/a~b:%2B" },
	{ "pkg:npm/a b@1 0?k=a b#s t", "pkg:npm/a%20b@1%200?k=a%20b#s%20t" },
	{ "pkg:generic/x?k=%26%3D%23%3F%40%2F%25", "pkg:generic/x?k=%26%3D%23%3F%40%2F%25" },
	{ "pkg:npm/caf%C3%A9", "pkg:npm/caf%C3%A9" },
	{ "pkg:npm/caf\xC3\xA9", "pkg:npm/caf%C3%A9" },
	{ "pkg:generic/a%00b", "pkg:generic/a%00b" },
	/* name and version are one component each: '/' and '@' encoded */
	{ "pkg:generic/a%2Fb@1%2F2", "pkg:generic/a%2Fb@1%2F2" },
	{ "pkg:brew/node@20@20.10.0", "pkg:brew/node%4020@20.10.0" },
	{ "pkg:opam/git@3/16.1", "pkg:opam/git@3%2F16.1" },
	{ "pkg:npm/@babel/core", "pkg:npm/%40babel/core" },
	{ "pkg:npm/@babel/core@7.0.0", "pkg:npm/%40babel/core@7.0.0" },
	/* empty segments, trailing slashes, empty version */
	{ "pkg:maven//org.apache//io/", "pkg:maven/org.apache/io" },
	{ "pkg:generic/a@", "pkg:generic/a" },
	/* qualifiers: sorted, empty values and empty pairs dropped */
	{ "pkg:npm/a?b=2&&a=1&c=&d", "pkg:npm/a?a=1&b=2" },
	{ "pkg:npm/a?", "pkg:npm/a" },
	{ "pkg:generic/a?k=1=2", "pkg:generic/a?k=1%3D2" },
	/* subpath: '.', '..' and empty segments dropped */
	{ "pkg:npm/a#/./b/../c//d/", "pkg:npm/a#b/c/d" },
	{ "pkg:npm/a#%2E/%2E%2E", "pkg:npm/a" },
	{ "pkg:npm/a#x?y", "pkg:npm/a#x%3Fy" },
	/* type rules */
	{ "pkg:pypi/Django_Allauth@1.0RC1", "pkg:pypi/django-allauth@1.0rc1" },
	{ "pkg:github/Package-URL/Purl-Spec", "pkg:github/package-url/purl-spec" },
	{ "pkg:cpan/drolsky/DateTime", "pkg:cpan/DROLSKY/DateTime" },
	{ "pkg:git/Host.example/a/B.git", "pkg:git/Host.example/a/B.git" },
	{ "pkg:mlflow/M?repository_url=https://x.cloud.databricks.com", "pkg:mlflow/m?repository_url=https:%2F%2Fx.cloud.databricks.com" },
	{ "pkg:mlflow/M?repository_url=https://x.example", "pkg:mlflow/M?repository_url=https:%2F%2Fx.example" },
	{ "pkg:huggingface/A/B@ABC", "pkg:huggingface/A/B@abc" },
	/* the 16-byte scanner and encoder at chunk edges; inputs shorter
	 * than 16 bytes */
	{ "pkg:a/b", "pkg:a/b" },
	{ "pkg:a/b@c#d", "pkg:a/b@c#d" },
	{ "pkg:generic/abcdefghijklmno+", "pkg:generic/abcdefghijklmno%2B" },
	{ "pkg:generic/abcdefghijklmnop+q", "pkg:generic/abcdefghijklmnop%2Bq" },
	{ "pkg:generic/abcdefg+ijklmnop+qrstuvwxyzabcdef+", "pkg:generic/abcdefg%2Bijklmnop%2Bqrstuvwxyzabcdef%2B" },
	{ "pkg:generic/x?k=0123456789abcde/0123456789abcde/", "pkg:generic/x?k=0123456789abcde%2F0123456789abcde%2F" },
	{ "pkg:generic/x#0123456789abcdef/0123456789abcdef/+", "pkg:generic/x#0123456789abcdef/0123456789abcdef/%2B" },
	{ "pkg:generic/0123456789abcdef@", "pkg:generic/0123456789abcdef" },
	{ "pkg:generic/0123456789abcd@e", "pkg:generic/0123456789abcd@e" },
	/* an unregistered type has the generic rules only (5.7) */
	{ "pkg:bintray/Apache/CouchDB/couchdb-mac@2.3.0", "pkg:bintray/Apache/CouchDB/couchdb-mac@2.3.0" },
	{ "pkg:a.b-c/x", "pkg:a.b-c/x" },
};

/* Inputs that must fail: the exact message with its column. */
static const struct {
	const char *in, *msg;
	enum psirt_err err;
} bad[] = {
	{ "", "column 1: missing the scheme 'pkg:'", PSIRT_EINVAL },
	{ "EnterpriseLibrary.Common@6.0.1304", "column 1: missing the scheme 'pkg:'", PSIRT_EINVAL },
	{ "npm:foo", "column 1: the scheme must be 'pkg:'", PSIRT_EINVAL },
	{ "pkg%3Amaven/org.apache.commons/io", "column 1: missing the scheme 'pkg:'", PSIRT_EINVAL },
	{ "pkg:", "column 5: missing the type", PSIRT_EINVAL },
	{ "pkg:3nginx/nginx", "column 5: the type must start with a letter, not '3'", PSIRT_EINVAL },
	{ "pkg:nginx:a/nginx", "column 10: invalid character ':' in the type", PSIRT_EINVAL },
	{ "pkg:t%41/a", "column 6: the type must not be percent-encoded", PSIRT_EINVAL },
	{ "pkg:a+b/c", "column 6: invalid character '+' in the type", PSIRT_EINVAL },
	{ "pkg:hackage", "column 12: missing '/' and the name after the type", PSIRT_EINVAL },
	{ "pkg:npm/", "column 9: the name is required", PSIRT_EINVAL },
	{ "pkg:maven/@1.3.4", "column 11: the name is required before '@'", PSIRT_EINVAL },
	{ "pkg:swift/github.com/Alamofire/@5.4.3", "column 32: the name is required before '@'", PSIRT_EINVAL },
	{ "pkg:npm/a%zz", "column 10: bad percent-encoding in the name: '%' must start %XX", PSIRT_EINVAL },
	{ "pkg:npm/a%4", "column 10: bad percent-encoding in the name: '%' must start %XX", PSIRT_EINVAL },
	{ "pkg:npm/a%C3%28", "column 9: the name does not decode to valid UTF-8 (decoded byte 2)", PSIRT_EINVAL },
	{ "pkg:npm/a@%ED%A0%80", "column 11: the version does not decode to valid UTF-8 (decoded byte 1)", PSIRT_EINVAL },
	{ "pkg:npm/\xFF", "column 9: the name does not decode to valid UTF-8 (decoded byte 1)", PSIRT_EINVAL },
	{ "pkg:npm/a\tb", "column 10: control character 0x09 in the purl", PSIRT_EINVAL },
	{ "pkg:npm/a#b#c", "column 12: '#' in the subpath must be percent-encoded", PSIRT_EINVAL },
	{ "pkg:npm/a?x=1?y=2", "column 14: '?' in the qualifiers must be percent-encoded", PSIRT_EINVAL },
	{ "pkg:npm/%2Fa/b", "column 9: a namespace segment must not contain '/'", PSIRT_EINVAL },
	{ "pkg:npm/a#x%2Fy", "column 11: a subpath segment must not contain '/'", PSIRT_EINVAL },
	{ "pkg:npm/a?=b", "column 11: a qualifier has no key", PSIRT_EINVAL },
	{ "pkg:npm/a?1a=b", "column 11: a qualifier key must start with a letter, not '1'", PSIRT_EINVAL },
	{ "pkg:npm/myartifact@1.0.0?in%20production=true", "column 28: invalid character '%' in qualifier key 'in%20production'", PSIRT_EINVAL },
	{ "pkg:npm/a?Key=b", "column 11: qualifier keys must be lower case (Key)", PSIRT_EINVAL },
	{ "pkg:npm/a?a=1&a=2", "column 15: qualifier key 'a' is repeated", PSIRT_EINVAL },
	{ "pkg:deb/curl", "column 9: a 'deb' purl requires a namespace", PSIRT_EINVAL },
	/* regression (fuzz_purl, first run): pointer arithmetic on the absent
	 * namespace was undefined behaviour (UBSan) */
	{ "pkg:Maven/1", "column 11: a 'maven' purl requires a namespace", PSIRT_EINVAL },
	{ "pkg:pypi/a/b", "column 10: a 'pypi' purl must not have a namespace", PSIRT_EINVAL },
	{ "pkg:julia/Dates", "a 'julia' purl requires the qualifier 'uuid'", PSIRT_EINVAL },
	{ "pkg:swid/a/b/c/d?tag_id=x", "column 10: a 'swid' namespace has at most 2 segments", PSIRT_EINVAL },
	{ "pkg:chrome-extension/abc", "column 22: a 'chrome-extension' name must be 32 letters a to p", PSIRT_EINVAL },
	{ "pkg:cpan/a::b", "column 10: a 'cpan' name must not contain '::' (use the distribution name)", PSIRT_EINVAL },
	{ "pkg:pub/Foo-bar", "column 9: a 'pub' name must be only a-z, 0-9 and '_'", PSIRT_EINVAL },
};

static void test_good_and_bad(void **state)
{
	struct ts_suite sg = { "purl own canonical cases", 0, 0 };
	struct ts_suite sb = { "purl own error cases", 0, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_purl p;
	char *got, *again, *msg;
	enum psirt_err err;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		got = canon(good[i].in, 0, &msg);
		again = got ? canon(got, 0, NULL) : NULL;
		ts_case(&sg, got && !strcmp(got, good[i].out) && again && !strcmp(again, got),
		        "%s -> %s, expected %s", good[i].in, got ? got : msg, good[i].out);
		if (!got)
			free(msg);
		free(got);
		free(again);
	}
	ts_suite_end(&sg);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = psirt_purl_parse(psirt_str_c(bad[i].in), 0, &p, &d);
		msg = err ? psirt_diag_format(&d) : NULL;
		ts_case(&sb, err == bad[i].err && msg && !strcmp(msg, bad[i].msg) && !p.mem,
		        "%s -> %s (%s), expected %s", bad[i].in, msg ? msg : "success",
		        psirt_errname(err), bad[i].msg);
		free(msg);
		psirt_diag_release(&d);
		psirt_purl_release(&p);
	}
	ts_suite_end(&sb);
	psirt_buf_release(&b);
}

static void test_lenient(void **state)
{
	char *got = canon("pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25",
	                  PSIRT_PURL_LENIENT, NULL);

	assert_non_null(got);
	assert_string_equal(got, "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25");
	free(got);
	/* a repeated key stays an error once lower-cased */
	assert_null(canon("pkg:npm/a?a=1&A=2", PSIRT_PURL_LENIENT, NULL));
}

static void test_components_and_arena(void **state)
{
	struct psirt_arena a;
	struct psirt_purl p;
	const char *in = "pkg:deb/debian/curl@7.50.3-1?distro=jessie&arch=i386#usr/bin";

	psirt_arena_init(&a, 0);
	assert_int_equal(psirt_purl_parse_arena(psirt_str_c(in), 0, &a, &p, NULL), PSIRT_OK);
	assert_null(p.mem);
	assert_true(p.registered);
	assert_non_null(p.def);
	assert_string_equal(p.type.p, "deb");
	assert_string_equal(p.ns.p, "debian");
	assert_string_equal(p.name.p, "curl");
	assert_string_equal(p.version.p, "7.50.3-1");
	assert_int_equal(p.nqualifiers, 2);
	assert_string_equal(p.qualifiers[0].key.p, "arch");
	assert_string_equal(p.qualifiers[0].value.p, "i386");
	assert_string_equal(p.qualifiers[1].key.p, "distro");
	assert_string_equal(p.subpath.p, "usr/bin");
	psirt_purl_release(&p); /* no-op for arena memory */
	psirt_arena_release(&a);

	assert_int_equal(psirt_purl_parse(psirt_str_c("pkg:x/y"), 0, &p, NULL), PSIRT_OK);
	assert_false(p.registered);
	assert_null(p.ns.p);
	assert_null(p.version.p);
	assert_null(p.subpath.p);
	assert_null(p.qualifiers);
	psirt_purl_release(&p);
	assert_true(psirt_purl_type_registered(psirt_str_c("NPM")));
	assert_false(psirt_purl_type_registered(psirt_str_c("bintray")));
	assert_false(psirt_purl_type_registered(psirt_str_c("")));
}

static void test_build(void **state)
{
	struct psirt_purl_qualifier q[3] = {
		{ PSIRT_STR_NULL, PSIRT_STR_NULL },
		{ PSIRT_STR_NULL, PSIRT_STR_NULL },
		{ PSIRT_STR_NULL, PSIRT_STR_NULL },
	};
	struct psirt_purl parts, p;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;

	memset(&parts, 0, sizeof parts);
	parts.type = psirt_str_c("NPM");
	parts.ns = psirt_str_c("/@angular//");
	parts.name = psirt_str_c("core/x");
	parts.version = psirt_str_c("1.0 beta");
	parts.subpath = psirt_str_c("/a/./b/");
	q[0].key = psirt_str_c("vcs_url");
	q[0].value = psirt_str_c("git+https://h/p.git@1");
	q[1].key = psirt_str_c("arch");
	q[1].value = psirt_str_c("x86");
	q[2].key = psirt_str_c("empty");
	q[2].value = psirt_str_c("");
	parts.qualifiers = q;
	parts.nqualifiers = 3;
	assert_int_equal(psirt_purl_build(&parts, 0, &p, &d), PSIRT_OK);
	assert_int_equal(psirt_purl_format(&p, &b), PSIRT_OK);
	assert_string_equal(b.p, "pkg:npm/%40angular/core%2Fx@1.0%20beta?arch=x86&"
	                         "vcs_url=git%2Bhttps:%2F%2Fh%2Fp.git%401#a/b");
	psirt_purl_release(&p);

	/* errors carry no column */
	parts.type = psirt_str_c("pypi");
	assert_int_equal(psirt_purl_build(&parts, 0, &p, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "a 'pypi' purl must not have a namespace");
	assert_int_equal(d.column, 0);
	assert_null(p.mem);
	psirt_diag_release(&d);
	parts.type = PSIRT_STR_NULL;
	assert_int_equal(psirt_purl_build(&parts, 0, &p, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "the type is required");
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

static void test_compare(void **state)
{
	/* in increasing order */
	static const char *const order[] = {
		"pkg:deb/debian/curl",
		"pkg:deb/debian/curl@7.0",
		"pkg:deb/debian/curl@7.0?arch=amd64",
		"pkg:deb/debian/curl@7.0?arch=amd64#a",
		"pkg:deb/debian/curl@7.0?arch=amd64&distro=bookworm",
		"pkg:deb/debian/curl@7.0?arch=i386",
		"pkg:deb/debian/curl@8.0",
		"pkg:deb/ubuntu/curl",
		"pkg:npm/a",
	};
	struct psirt_purl p[sizeof order / sizeof order[0]], x;
	size_t i, j, n = sizeof order / sizeof order[0];

	for (i = 0; i < n; i++)
		assert_int_equal(psirt_purl_parse(psirt_str_c(order[i]), 0, &p[i], NULL), PSIRT_OK);
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			int r = psirt_purl_compare(&p[i], &p[j]);

			assert_int_equal(r, i < j ? -1 : i > j ? 1 : 0);
			assert_int_equal(psirt_purl_equal(&p[i], &p[j]), i == j);
		}
	}
	/* equal on canonical form, whatever the spelling */
	assert_int_equal(psirt_purl_parse(psirt_str_c("PKG:DEB/Debian/CURL@7.0?arch=i386&"), 0,
	                                  &x, NULL),
	                 PSIRT_OK);
	assert_true(psirt_purl_equal(&x, &p[5]));
	psirt_purl_release(&x);
	for (i = 0; i < n; i++)
		psirt_purl_release(&p[i]);
}

static void test_caps(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_purl p;
	int i;

	/* PSIRT_PURL_MAX_LEN */
	psirt_buf_adds(&b, "pkg:generic/");
	while (b.len <= PSIRT_PURL_MAX_LEN)
		psirt_buf_adds(&b, "aaaaaaaaaaaaaaaa");
	assert_int_equal(psirt_purl_parse(psirt_str_make(b.p, b.len), 0, &p, &d), PSIRT_ETOOBIG);
	psirt_diag_release(&d);
	psirt_buf_truncate(&b, PSIRT_PURL_MAX_LEN);
	assert_int_equal(psirt_purl_parse(psirt_str_make(b.p, b.len), 0, &p, &d), PSIRT_OK);
	psirt_purl_release(&p);
	/* PSIRT_PURL_MAX_QUALIFIERS */
	psirt_buf_reset(&b);
	psirt_buf_adds(&b, "pkg:generic/a?");
	for (i = 0; i < PSIRT_PURL_MAX_QUALIFIERS; i++)
		psirt_buf_addf(&b, "k%d=v&", i);
	assert_int_equal(psirt_purl_parse(psirt_str_make(b.p, b.len), 0, &p, &d), PSIRT_OK);
	assert_int_equal(p.nqualifiers, PSIRT_PURL_MAX_QUALIFIERS);
	psirt_purl_release(&p);
	psirt_buf_adds(&b, "z=1");
	assert_int_equal(psirt_purl_parse(psirt_str_make(b.p, b.len), 0, &p, &d), PSIRT_ETOOBIG);
	psirt_diag_release(&d);
	/* the canonical output honours the buffer's cap */
	psirt_buf_release(&b);
	psirt_buf_init(&b, 10);
	assert_int_equal(psirt_purl_canonicalize(psirt_str_c("pkg:npm/abcdefgh"), 0, &b, &d),
	                 PSIRT_ETOOBIG);
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_suite),
		cmocka_unit_test(test_legacy_suite),
		cmocka_unit_test(test_type_definitions),
		cmocka_unit_test(test_good_and_bad),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_components_and_arena),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_caps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
