/* Tests of the language-ecosystem and generic version schemes: semver,
 * golang, maven, pypi, generic (src/version/scheme_*.c). Public suites are
 * read from tests/data/versions/ (see its PROVENANCE.md); golang and generic
 * have no public suite and use hand-written case files there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/error.h"
#include "psirt/version.h"
#include "version/internal.h"

static const struct psirt_version_scheme *scheme(const char *name)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(name));

	if (!s)
		fail_msg("version scheme %s is not registered", name);
	return s;
}

static enum psirt_err cmp(const struct psirt_version_scheme *s, const char *a, const char *b,
                          int *r)
{
	*r = 99;
	return s->compare(psirt_str_c(a), psirt_str_c(b), r, NULL);
}

static int valid(const struct psirt_version_scheme *s, const char *v)
{
	return s->check(psirt_str_c(v), NULL) == PSIRT_OK;
}

/* Checks a op b both ways (and a == a); op is -1, 0 or 1. */
static void expect_order(struct ts_suite *st, const struct psirt_version_scheme *s,
                         const char *a, const char *b, int op, const char *where)
{
	int r1, r2, r3;
	enum psirt_err e1 = cmp(s, a, b, &r1), e2 = cmp(s, b, a, &r2), e3 = cmp(s, a, a, &r3);

	ts_case(st, !e1 && !e2 && !e3 && r1 == op && r2 == -op && r3 == 0,
	        "%s: %s %s %s: got %d/%d/%d (errors %s/%s/%s)", where, a,
	        op < 0 ? "<" : op > 0 ? ">" : "=", b, r1, r2, r3, psirt_errname(e1),
	        psirt_errname(e2), psirt_errname(e3));
}

/* Skipped public cases are counted and shown, never silently dropped. */
struct skips {
	const char *suite, *why;
	unsigned long n;
};

static void count_skip(struct skips *k, const char *what)
{
	if (k->n++ < 10)
		printf("%s: skipped %s\n", k->suite, what);
}

static void skips_end(const struct skips *k)
{
	printf("%s: %lu skipped (%s)\n", k->suite, k->n, k->why);
}

/* A suite line this scheme deliberately answers the other way: the line as
 * written, and why. Such a case checks the reverse order (so it can still
 * fail), is printed and counted; an entry no line matched fails the suite. */
struct diverge {
	const char *line, *why;
	int seen;
};

static struct diverge *find_diverge(struct diverge *dv, const char *line)
{
	for (; dv && dv->line; dv++) {
		if (!strcmp(dv->line, line))
			return dv;
	}
	return NULL;
}

static void diverge_end(struct ts_suite *st, const char *suite, struct diverge *dv)
{
	unsigned long n = 0;

	for (; dv && dv->line; dv++, n++) {
		ts_case(st, dv->seen, "%s: diverging case '%s' not found", suite, dv->line);
		if (dv->seen)
			printf("%s: diverges on '%s' (reversed: %s)\n", suite, dv->line, dv->why);
	}
	if (n)
		printf("%s: %lu cases reversed deliberately\n", suite, n);
}

/* Lines "A < B", "A = B", "A > B" (and "A != B"); '#' and '//' comments. With
 * skip_invalid, a pair where a version fails the scheme's check is counted
 * in k instead of failing (used where the suite's tool is looser). Lines in
 * dv (NULL-terminated, or NULL) are checked reversed. */
static void run_pairs_file(struct ts_suite *st, const struct psirt_version_scheme *s,
                           const char *file, struct skips *k, struct diverge *dv)
{
	char *text = ts_read_file(file, NULL), *cur = text, *line;
	unsigned long lineno = 0;

	while ((line = ts_next_line(&cur))) {
		char a[512], op[4], b[512], where[600];
		int o;

		lineno++;
		if (!*line || line[0] == '#' || (line[0] == '/' && line[1] == '/'))
			continue;
		if (sscanf(line, "%511s %3s %511s", a, op, b) != 3) {
			ts_case(st, 0, "%s:%lu: unreadable line '%s'", file, lineno, line);
			continue;
		}
		snprintf(where, sizeof where, "%s:%lu", file, lineno);
		if (k && (!valid(s, a) || !valid(s, b))) {
			count_skip(k, line);
			continue;
		}
		if (!strcmp(op, "!=")) {
			int r;
			enum psirt_err e = cmp(s, a, b, &r);

			ts_case(st, !e && r != 0, "%s: %s != %s: got %d", where, a, b, r);
			continue;
		}
		o = !strcmp(op, "<") ? -1 : !strcmp(op, "=") ? 0 : !strcmp(op, ">") ? 1 : 2;
		if (o == 2) {
			ts_case(st, 0, "%s: unknown operator '%s'", where, op);
			continue;
		}
		{
			struct diverge *d = find_diverge(dv, line);

			if (d) {
				d->seen = 1;
				o = -o;
			}
		}
		expect_order(st, s, a, b, o, where);
	}
	free(text);
}

/* Case files of our own: the pairs format plus "valid V" and "invalid V
 * COLUMN" lines (the column the diagnostic must name). */
static void run_case_file(struct ts_suite *st, const struct psirt_version_scheme *s,
                          const char *file)
{
	char *text = ts_read_file(file, NULL), *cur = text, *line;
	unsigned long lineno = 0;

	while ((line = ts_next_line(&cur))) {
		char a[512], op[8], b[512], where[600];
		int o;

		lineno++;
		if (!*line || line[0] == '#')
			continue;
		snprintf(where, sizeof where, "%s:%lu", file, lineno);
		if (!strncmp(line, "valid ", 6)) {
			ts_case(st, valid(s, line + 6), "%s: '%s' should be valid", where, line + 6);
			continue;
		}
		if (!strncmp(line, "invalid ", 8)) {
			struct psirt_diag d = PSIRT_DIAG_INIT;
			char *sp = strrchr(line, ' ');
			long col = strtol(sp + 1, NULL, 10);
			enum psirt_err e;

			*sp = '\0';
			e = s->check(psirt_str_c(line + 8), &d);
			ts_case(st, e == PSIRT_EINVAL && d.column == col,
			        "%s: '%s' should be invalid at column %ld: got %s, column %ld (%s)",
			        where, line + 8, col, psirt_errname(e), d.column,
			        d.message ? d.message : "");
			psirt_diag_release(&d);
			continue;
		}
		if (sscanf(line, "%511s %7s %511s", a, op, b) != 3) {
			ts_case(st, 0, "%s: unreadable line '%s'", where, line);
			continue;
		}
		o = !strcmp(op, "<") ? -1 : !strcmp(op, "=") ? 0 : !strcmp(op, ">") ? 1 : 2;
		if (o == 2) {
			ts_case(st, 0, "%s: unknown operator '%s'", where, op);
			continue;
		}
		expect_order(st, s, a, b, o, where);
	}
	free(text);
}

/* node-semver's options argument: true or {"loose": true} means loose mode. */
static int is_loose(json_t *opt)
{
	return json_is_true(opt) || json_is_true(json_object_get(opt, "loose")) ||
	       json_is_true(json_object_get(opt, "includePrerelease"));
}

/* ---- semver ---------------------------------------------------------- */

/* comparisons.json: [a, b, options?] with a > b. Cases run in node-semver's
 * loose mode still run here whenever both versions are strict SemVer (they
 * all are: the loose cases only add a leading "v", which strict node-semver
 * and this scheme accept too). */
static void test_node_semver_comparisons(void **state)
{
	const struct psirt_version_scheme *s = scheme("semver");
	struct ts_suite st = { "node-semver comparisons", 0, 0 };
	struct skips k = { "node-semver comparisons", "loose-only versions", 0 };
	json_t *all = ts_load_json("versions/node-semver/comparisons.json"), *c;
	size_t i;

	json_array_foreach(all, i, c) {
		const char *a = json_string_value(json_array_get(c, 0));
		const char *b = json_string_value(json_array_get(c, 1));

		if (is_loose(json_array_get(c, 2)) && (!valid(s, a) || !valid(s, b))) {
			count_skip(&k, a);
			continue;
		}
		expect_order(&st, s, a, b, 1, "comparisons.json");
	}
	json_decref(all);
	skips_end(&k);
	ts_suite_end(&st);
}

/* equality.json: [a, b, loose?] with a == b. The loose cases that write
 * "=1.2.3", "v 1.2.3" or surround the version with spaces are npm's range
 * syntax, not versions: strict node-semver rejects them too, and so do we —
 * each is checked to be rejected and counted as skipped. */
static void test_node_semver_equality(void **state)
{
	const struct psirt_version_scheme *s = scheme("semver");
	struct ts_suite st = { "node-semver equality", 0, 0 };
	struct skips k = { "node-semver equality", "loose mode only: '=', spaces", 0 };
	json_t *all = ts_load_json("versions/node-semver/equality.json"), *c;
	size_t i;

	json_array_foreach(all, i, c) {
		const char *a = json_string_value(json_array_get(c, 0));
		const char *b = json_string_value(json_array_get(c, 1));

		if (!valid(s, a) || !valid(s, b)) {
			/* node-semver trims, so even its strict mode takes "  v1.2.3+build"
			 * (the one unmarked case); we take no whitespace. */
			ts_case(&st, is_loose(json_array_get(c, 2)) || strchr(a, ' ') || strchr(b, ' '),
			        "equality.json: %s = %s rejected in strict mode", a, b);
			count_skip(&k, b);
			continue;
		}
		expect_order(&st, s, a, b, 0, "equality.json");
	}
	json_decref(all);
	skips_end(&k);
	ts_suite_end(&st);
}

static void join_json_idents(json_t *arr, char *out, size_t size)
{
	size_t i, n = 0;
	json_t *x;

	out[0] = '\0';
	json_array_foreach(arr, i, x) {
		char one[128];

		if (json_is_integer(x))
			snprintf(one, sizeof one, "%lld", (long long)json_integer_value(x));
		else
			snprintf(one, sizeof one, "%s", json_string_value(x));
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "." : "", one);
	}
}

/* valid-versions.json: [version, major, minor, patch, [pre...], [build...]] */
static void test_node_semver_valid(void **state)
{
	struct ts_suite st = { "node-semver valid-versions", 0, 0 };
	json_t *all = ts_load_json("versions/node-semver/valid-versions.json"), *c;
	size_t i;

	json_array_foreach(all, i, c) {
		const char *v = json_string_value(json_array_get(c, 0));
		struct version__semver p;
		char want[1024], pre[256], build[256], got[1024];
		enum psirt_err e;

		e = version__semver_parse(psirt_str_c(v), 0, "semver", &p, NULL);
		join_json_idents(json_array_get(c, 4), pre, sizeof pre);
		join_json_idents(json_array_get(c, 5), build, sizeof build);
		snprintf(want, sizeof want, "%lld.%lld.%lld|%s|%s",
		         (long long)json_integer_value(json_array_get(c, 1)),
		         (long long)json_integer_value(json_array_get(c, 2)),
		         (long long)json_integer_value(json_array_get(c, 3)), pre, build);
		if (e) {
			ts_case(&st, 0, "valid-versions.json: %s rejected", v);
			continue;
		}
		snprintf(got, sizeof got, "%.*s.%.*s.%.*s|%.*s|%.*s", (int)p.major.len, p.major.p,
		         (int)p.minor.len, p.minor.p, (int)p.patch.len, p.patch.p, (int)p.pre.len,
		         p.has_pre ? p.pre.p : "", (int)p.build.len, p.has_build ? p.build.p : "");
		ts_case(&st, !strcmp(want, got), "valid-versions.json: %s parsed as %s, want %s", v,
		        got, want);
	}
	json_decref(all);
	ts_suite_end(&st);
}

/* invalid-versions.json: [value, reason, options?]. The values that are not
 * strings (a RegExp, an object) test JavaScript typing: not applicable to a
 * C string API, counted as skipped. */
static void test_node_semver_invalid(void **state)
{
	const struct psirt_version_scheme *s = scheme("semver");
	struct ts_suite st = { "node-semver invalid-versions", 0, 0 };
	struct skips k = { "node-semver invalid-versions", "not a string in JavaScript", 0 };
	json_t *all = ts_load_json("versions/node-semver/invalid-versions.json"), *c;
	size_t i;

	json_array_foreach(all, i, c) {
		const char *v = json_string_value(json_array_get(c, 0));
		enum psirt_err e;

		if (!v) {
			count_skip(&k, json_string_value(json_array_get(c, 1)));
			continue;
		}
		e = s->check(psirt_str_c(v), NULL);
		ts_case(&st, e == PSIRT_EINVAL || e == PSIRT_ETOOBIG,
		        "invalid-versions.json: '%.40s' (%s) accepted", v,
		        json_string_value(json_array_get(c, 1)));
	}
	json_decref(all);
	skips_end(&k);
	ts_suite_end(&st);
}

/* osv-scalibr parses SemVer loosely (missing minor/patch are 0, a fourth
 * number is allowed, numbers beyond 2^53-1): those pairs are not SemVer
 * 2.0.0 and are counted as skipped. */
static void test_osv_semver(void **state)
{
	struct ts_suite st = { "osv-scalibr semver", 0, 0 };
	struct skips k = { "osv-scalibr semver", "not strict SemVer 2.0.0", 0 };

	run_pairs_file(&st, scheme("semver"), "versions/osv-scalibr/semver-versions.txt", &k, NULL);
	skips_end(&k);
	ts_suite_end(&st);
}

/* ---- maven ----------------------------------------------------------- */

static void test_osv_maven(void **state)
{
	struct ts_suite st = { "osv-scalibr maven", 0, 0 };

	run_pairs_file(&st, scheme("maven"), "versions/osv-scalibr/maven-versions.txt", NULL, NULL);
	ts_suite_end(&st);
}

/* The generated file lists each package's versions as sorted by Maven's
 * ComparableVersion, one neighbouring pair a line. That order has cycles
 * (see src/version/scheme_maven.c), and sorting with it left three pairs
 * that no transitive order can give together with their neighbours; this
 * scheme answers them the other way. Each chain is the suite's own lines. */
static struct diverge maven_generated_diverge[] = {
	{ "2.9.0-1 < 2.9.0.RC1",
	  "lines 5774-5776 say 2.9.0.RC3 < 2.9.0 < 2.9.0-1 < 2.9.0.RC1, so RC3 < RC1", 0 },
	{ "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3",
	  "lines 2782-2786 say 1.0.0.RC8-beta < 1.0.0 < 1.0.0-gradle-rework-beta1 < ... < "
	  "1.0.0.RC7-3, so RC8-beta < RC7-3",
	  0 },
	{ "1.1.0-01-glassfish < 1.1.0.Beta1",
	  "lines 12643-12647 put 1.1.0.Beta2 below 1.1.0.Final, and 1.1 < 1.1-1 (POM "
	  "example 1 < 1-1) < 1.1.0-01-glassfish, so Beta1 would be above Beta2",
	  0 },
	{ NULL, NULL, 0 },
};

static void test_osv_maven_generated(void **state)
{
	struct ts_suite st = { "osv-scalibr maven-generated", 0, 0 };

	run_pairs_file(&st, scheme("Maven"), "versions/osv-scalibr/maven-versions-generated.txt",
	               NULL, maven_generated_diverge);
	diverge_end(&st, "osv-scalibr maven-generated", maven_generated_diverge);
	ts_suite_end(&st);
}

static void test_vers_maven(void **state)
{
	struct ts_suite st = { "vers-spec maven_version_cmp", 0, 0 };

	run_pairs_file(&st, scheme("maven"), "versions/vers-spec/maven_version_cmp_test.txt",
	               NULL, NULL);
	ts_suite_end(&st);
}

/* Is compare a strict weak order on v[0..n)? Checks every pair (reflexive,
 * antisymmetric), every triple when n <= 200 (transitive, equality
 * consistent: a <= b <= c means a <= c, strictly unless a = b = c), and for
 * any n that the order is the one of a key: the number of versions below
 * each, which is equivalent. The first failures are shown, then a count. */
#define ORDER_MAX 2000
static void expect_total_order(struct ts_suite *st, const struct psirt_version_scheme *s,
                               const char *const *v, size_t n, const char *where)
{
	static signed char r[ORDER_MAX][ORDER_MAX];
	static size_t below[ORDER_MAX];
	unsigned long pairs = 0, triples = 0, keys = 0;
	size_t i, j, l;

	assert_true(n <= ORDER_MAX);
	for (i = 0; i < n; i++) {
		below[i] = 0;
		for (j = 0; j < n; j++) {
			int c;

			if (cmp(s, v[i], v[j], &c)) {
				ts_case(st, 0, "%s: %s vs %s refused", where, v[i], v[j]);
				return;
			}
			r[i][j] = (signed char)c;
			below[i] += c > 0;
		}
	}
	for (i = 0; i < n; i++) {
		for (j = i; j < n; j++) {
			if (r[i][j] == -r[j][i] && (i != j || r[i][j] == 0))
				continue;
			if (pairs++ < 5)
				ts_case(st, 0, "%s: %s vs %s: %d, reversed %d", where, v[i], v[j],
				        r[i][j], r[j][i]);
		}
	}
	for (i = 0; n <= 200 && i < n; i++) {
		for (j = 0; j < n; j++) {
			for (l = 0; r[i][j] <= 0 && l < n; l++) {
				if (r[j][l] > 0 || r[i][l] < 0 ||
				    (r[i][l] == 0 && r[i][j] == 0 && r[j][l] == 0))
					continue;
				if (triples++ < 5)
					ts_case(st, 0, "%s: not transitive: %s %s %s %s %s, but %s %s %s",
					        where, v[i], r[i][j] ? "<" : "=", v[j],
					        r[j][l] ? "<" : "=", v[l], v[i], r[i][l] ? ">" : "=",
					        v[l]);
			}
		}
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			if (r[i][j] == (below[i] > below[j]) - (below[i] < below[j]))
				continue;
			if (keys++ < 5)
				ts_case(st, 0, "%s: %s vs %s: %d, but %zu and %zu versions below them",
				        where, v[i], v[j], r[i][j], below[i], below[j]);
		}
	}
	ts_case(st, !pairs, "%s: %lu pairs not antisymmetric", where, pairs);
	ts_case(st, !triples, "%s: %lu triples not transitive", where, triples);
	ts_case(st, !keys, "%s: %lu pairs not ordered by a key", where, keys);
}

/* The cycles the fuzzer found in the old token order (".obeta" was below
 * any '-' token yet above the end, a kept first 0 was compared as a number),
 * and ComparableVersion's own cycles on real versions: each chain must now
 * be ascending, and all of them together a total order. */
static void test_maven_cycles(void **state)
{
	static const char *const chains[][5] = {
		{ "7.0.0-0.0-M1", "7.", "7.obeta1", NULL },
		{ "0.0-M1", "0", "0.c0.4", NULL },
		{ "2.9.0.RC1", "2.9.0.RC3", "2.9.0", "2.9.0-1", NULL },
		{ "1.0.0.RC7-3", "1.0.0.RC8-beta", "1.0.0", "1.0.0-gradle-rework-beta3", NULL },
		{ "1.0.alpha", "1", "1-1", "1.0.1", NULL },
		{ "1-alpha", "1", "1.sp", "1-sp", NULL },
		{ "1.0.0.CR4", "1.0", "1.0-pre33", NULL },
	};
	const char *all[64];
	struct ts_suite st = { "maven cycles", 0, 0 };
	size_t i, j, k, n = 0;

	for (i = 0; i < sizeof chains / sizeof chains[0]; i++) {
		for (j = 0; chains[i][j]; j++) {
			for (k = j + 1; chains[i][k]; k++)
				expect_order(&st, scheme("maven"), chains[i][j], chains[i][k], -1,
				             "chain");
			all[n++] = chains[i][j];
		}
	}
	expect_total_order(&st, scheme("maven"), all, n, "cycles");
	ts_suite_end(&st);
}

/* Maven-like versions from a fixed generator: numbers (with leading zeros),
 * every kind of qualifier, empty tokens, '.', '-' and transitions. */
static uint64_t gen_state = 0x2545f4914f6cdd1dull;

static unsigned gen_rnd(unsigned n)
{
	gen_state ^= gen_state >> 12;
	gen_state ^= gen_state << 25;
	gen_state ^= gen_state >> 27;
	return (unsigned)((gen_state * 0x2545f4914f6cdd1dull) >> 33) % n;
}

static void gen_maven(char *out, size_t size)
{
	static const char *const parts[] = {
		"0",  "1",   "2",     "00",   "10",  "alpha", "a",  "b",        "m",  "beta",
		"rc", "cr",  "CR",    "snapshot", "SNAPSHOT", "ga", "final", "Final", "release",
		"sp", "SP",  "foo",   "xyz",  "M",   "RC",    "obeta", "c", "",   "+",  "_x",
	};
	static const char *const seps[] = { ".", "-", "" };
	static const char *const firsts[] = { "0", "1", "2", "7", "", "ga" };
	size_t len;
	unsigned i, n = gen_rnd(6);

	len = (size_t)snprintf(out, size, "%s", firsts[gen_rnd(6)]);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s", seps[gen_rnd(3)],
		                        parts[gen_rnd(sizeof parts / sizeof parts[0])]);
	if (!len)
		snprintf(out, size, "0");
}

/* Property: compare is a strict weak order. All triples of 150 generated
 * versions, and all pairs of 2000. The old order failed both (tens of
 * thousands of cycles among 600 such versions). */
static void test_maven_total_order(void **state)
{
	static char text[ORDER_MAX][64];
	static const char *v[ORDER_MAX];
	const struct psirt_version_scheme *s = scheme("maven");
	struct ts_suite st = { "maven total order", 0, 0 };
	size_t i;

	for (i = 0; i < ORDER_MAX; i++) {
		gen_maven(text[i], sizeof text[i]);
		v[i] = text[i];
		ts_case(&st, valid(s, v[i]), "generated version '%s' is invalid", v[i]);
	}
	expect_total_order(&st, s, v, 150, "150 generated");
	expect_total_order(&st, s, v, ORDER_MAX, "2000 generated");
	ts_suite_end(&st);
}

/* ---- pypi ------------------------------------------------------------ */

/* osv-scalibr keeps packaging's old LegacyVersion ("0.1-bulbasaur" sorts
 * before every PEP 440 version); packaging 22+ and pip reject such strings,
 * and so does this scheme: pairs with one are counted as skipped, and each
 * skipped version is checked to be rejected. */
static void test_osv_pypi(void **state)
{
	struct ts_suite st = { "osv-scalibr pypi", 0, 0 };
	struct skips k = { "osv-scalibr pypi", "legacy, not PEP 440", 0 };

	run_pairs_file(&st, scheme("PyPI"), "versions/osv-scalibr/pypi-versions.txt", &k, NULL);
	skips_end(&k);
	ts_suite_end(&st);
}

static void test_osv_pypi_generated(void **state)
{
	struct ts_suite st = { "osv-scalibr pypi-generated", 0, 0 };
	struct skips k = { "osv-scalibr pypi-generated", "legacy, not PEP 440", 0 };

	run_pairs_file(&st, scheme("pypi"), "versions/osv-scalibr/pypi-versions-generated.txt",
	               &k, NULL);
	skips_end(&k);
	ts_suite_end(&st);
}

/* ---- golang, generic: our own cases ------------------------------------ */

static void test_golang_cases(void **state)
{
	struct ts_suite st = { "golang cases", 0, 0 };

	run_case_file(&st, scheme("golang"), "versions/golang-cases.txt");
	ts_suite_end(&st);
}

static void test_generic_cases(void **state)
{
	struct ts_suite st = { "generic cases", 0, 0 };

	run_case_file(&st, scheme("generic"), "versions/generic-cases.txt");
	ts_suite_end(&st);
}

static void test_semver_cases(void **state)
{
	struct ts_suite st = { "semver cases", 0, 0 };

	run_case_file(&st, scheme("semver"), "versions/semver-cases.txt");
	ts_suite_end(&st);
}

static void test_pypi_cases(void **state)
{
	struct ts_suite st = { "pypi cases", 0, 0 };

	run_case_file(&st, scheme("pypi"), "versions/pypi-cases.txt");
	ts_suite_end(&st);
}

static void test_maven_cases(void **state)
{
	struct ts_suite st = { "maven cases", 0, 0 };

	run_case_file(&st, scheme("maven"), "versions/maven-cases.txt");
	ts_suite_end(&st);
}

/* ---- registry, diagnostics, limits ----------------------------------- */

static void test_registry_names(void **state)
{
	static const struct {
		const char *name, *scheme;
	} rows[] = {
		{ "semver", "semver" },   { "SEMVER", "semver" }, { "npm", "semver" },
		{ "crates.io", "semver" }, { "cargo", "semver" }, { "Hex", "semver" },
		{ "hex", "semver" },      { "SwiftURL", "semver" }, { "Go", "semver" },
		{ "golang", "golang" },   { "maven", "maven" },   { "Maven", "maven" },
		{ "pypi", "pypi" },       { "PyPI", "pypi" },     { "generic", "generic" },
		{ "Maven:central", "maven" },
	};
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(rows[i].name));

		assert_non_null(s);
		assert_string_equal(s->name, rows[i].scheme);
		assert_non_null(s->summary);
	}
	assert_null(psirt_version_scheme_find(psirt_str_c("Pub")));
}

/* The message names which version is wrong, the column where. */
static void test_diagnostics(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char *line;
	int r = 7;

	assert_int_equal(psirt_version_compare(psirt_str_c("npm"), psirt_str_c("1.2.3"),
	                                       psirt_str_c("1.02.3"), &r, &d),
	                 PSIRT_EINVAL);
	assert_int_equal(r, 7);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "column 3: second version: invalid semver version: leading "
	                          "zero in a version number");
	free(line);
	psirt_diag_release(&d);

	assert_int_equal(psirt_version_compare(psirt_str_c("pypi"), psirt_str_c("1.0+"),
	                                       psirt_str_c("1.0"), &r, &d),
	                 PSIRT_EINVAL);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "column 5: first version: invalid PEP 440 version: expected a "
	                          "local version segment at the end");
	free(line);
	psirt_diag_release(&d);

	assert_int_equal(psirt_version_compare(psirt_str_c("golang"), psirt_str_c("1.0.0"),
	                                       psirt_str_c("v1.0.0"), &r, &d),
	                 PSIRT_EINVAL);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "column 1: first version: invalid golang version: must start "
	                          "with 'v'");
	free(line);
	psirt_diag_release(&d);

	assert_int_equal(psirt_version_compare(psirt_str_c("maven"), psirt_str_c("1.0"),
	                                       psirt_str_c("1.0 beta"), &r, &d),
	                 PSIRT_EINVAL);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "column 4: second version: invalid maven version: byte 0x20 is "
	                          "not allowed");
	free(line);
	psirt_diag_release(&d);

	assert_int_equal(psirt_version_compare(psirt_str_c("generic"), psirt_str_c("*"),
	                                       psirt_str_c("1.0"), &r, &d),
	                 PSIRT_EINVAL);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "first version: invalid generic version: '*' is CPE's ANY, not a "
	                          "version");
	free(line);
	psirt_diag_release(&d);

	assert_int_equal(psirt_version_compare(psirt_str_c("nope"), psirt_str_c("1"),
	                                       psirt_str_c("1"), &r, &d),
	                 PSIRT_ENOTFOUND);
	psirt_diag_release(&d);
}

/* Every scheme: empty is EINVAL, longer than PSIRT_VERSION_MAX is ETOOBIG,
 * exactly PSIRT_VERSION_MAX is fine where the scheme allows it. */
static void test_limits(void **state)
{
	static const struct {
		const char *name, *prefix; /* the prefix is padded with 'a' */
	} rows[] = {
		{ "semver", "1.0.0-" }, { "golang", "v1.0.0-" }, { "maven", "1.0-" },
		{ "pypi", "1.0+" },     { "generic", "1.0-" },
	};
	char big[PSIRT_VERSION_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct psirt_version_scheme *s = scheme(rows[i].name);
		struct psirt_diag d = PSIRT_DIAG_INIT;
		int r;

		assert_int_equal(s->check(psirt_str_make("", 0), NULL), PSIRT_EINVAL);
		memset(big, 'a', sizeof big);
		memcpy(big, rows[i].prefix, strlen(rows[i].prefix));
		assert_int_equal(s->check(psirt_str_make(big, PSIRT_VERSION_MAX + 1), &d),
		                 PSIRT_ETOOBIG);
		assert_non_null(d.message);
		psirt_diag_release(&d);
		assert_int_equal(s->check(psirt_str_make(big, PSIRT_VERSION_MAX), NULL), PSIRT_OK);
		assert_int_equal(s->compare(psirt_str_make(big, PSIRT_VERSION_MAX),
		                            psirt_str_make(big, PSIRT_VERSION_MAX), &r, NULL),
		                 PSIRT_OK);
		assert_int_equal(r, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_names),
		cmocka_unit_test(test_diagnostics),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_node_semver_comparisons),
		cmocka_unit_test(test_node_semver_equality),
		cmocka_unit_test(test_node_semver_valid),
		cmocka_unit_test(test_node_semver_invalid),
		cmocka_unit_test(test_osv_semver),
		cmocka_unit_test(test_semver_cases),
		cmocka_unit_test(test_golang_cases),
		cmocka_unit_test(test_osv_maven),
		cmocka_unit_test(test_osv_maven_generated),
		cmocka_unit_test(test_vers_maven),
		cmocka_unit_test(test_maven_cases),
		cmocka_unit_test(test_maven_cycles),
		cmocka_unit_test(test_maven_total_order),
		cmocka_unit_test(test_osv_pypi),
		cmocka_unit_test(test_osv_pypi_generated),
		cmocka_unit_test(test_pypi_cases),
		cmocka_unit_test(test_generic_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
