/* Unit tests of src/version/osv_range.c: OSV range events.
 *
 * The event logic runs against the test-local dotted scheme; the realistic
 * cases (Debian, PyPI, npm) need the registered schemes and are counted as
 * skipped when a scheme is missing. Events are written compactly:
 * "i:1.0 f:1.5 la:2.0 l:3" = introduced 1.0, fixed 1.5, last_affected 2.0,
 * limit 3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/buf.h"
#include "psirt/osv_range.h"
#include "version/test_schemes.h"

#define MAX_EVENTS 16

struct events {
	struct psirt_osv_event ev[MAX_EVENTS];
	char text[256];
	size_t n;
};

/* Splits "i:1 f:2" into events (views into e->text). */
static void parse_events(struct events *e, const char *spec)
{
	char *p, *colon;
	size_t len = strlen(spec);

	assert_true(len < sizeof e->text);
	memcpy(e->text, spec, len + 1);
	e->n = 0;
	for (p = e->text; *p;) {
		char *end = strchr(p, ' ');
		size_t kl;

		if (!end)
			end = p + strlen(p);
		colon = strchr(p, ':');
		assert_non_null(colon);
		kl = (size_t)(colon - p);
		assert_true(e->n < MAX_EVENTS);
		e->ev[e->n].kind = kl == 1 && *p == 'i' ? PSIRT_OSV_INTRODUCED
		                   : kl == 1 && *p == 'f' ? PSIRT_OSV_FIXED
		                   : kl == 2 && !memcmp(p, "la", 2) ? PSIRT_OSV_LAST_AFFECTED
		                                                    : PSIRT_OSV_LIMIT;
		e->ev[e->n].version = psirt_str_make(colon + 1, (size_t)(end - colon - 1));
		e->n++;
		p = *end ? end + 1 : end;
	}
}

/* One range, several versions tried: "v=1" affected, "v=0" not. */
struct range_case {
	const char *events;
	const char *vers; /* expected psirt_osv_range_to_vers, or "!message" */
	const char *checks[8];
};

static const struct range_case dotted_cases[] = {
	/* schema examples: "Unfixed", "Fixed", "Multiple range" */
	{ "i:0", "vers:dotted/*", { "0=1", "5=1", "1.2.3=1" } },
	{ "i:0 f:1.0.2", "vers:dotted/<1.0.2", { "1.0.1=1", "1.0.2=0", "2=0", "0=1" } },
	{ "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "vers:dotted/>=1.0.0|<1.0.2|>=3.0.0|<3.2.5",
	  { "0.9=0", "1.0.0=1", "1.0.2=0", "2=0", "3.0.0=1", "3.2.4=1", "3.2.5=0" } },
	/* the same events out of order (the schema only recommends sorting) */
	{ "f:3.2.5 i:3.0.0 f:1.0.2 i:1.0.0", "vers:dotted/>=1.0.0|<1.0.2|>=3.0.0|<3.2.5",
	  { "1.0.1=1", "2=0", "3.1=1", "3.2.5=0" } },
	/* "last_affected vs fixed" example */
	{ "i:0 la:2.1.214", "vers:dotted/<=2.1.214", { "2.1.214=1", "2.1.215=0", "1=1" } },
	{ "i:2.0 la:2.4", "vers:dotted/>=2.0|<=2.4", { "2.4=1", "2.4.1=0", "1.9=0", "2.0=1" } },
	/* limits: below any one limit; the greatest clips */
	{ "i:1.0 l:2.0", "vers:dotted/>=1.0|<2.0", { "1.5=1", "2.0=0", "3=0", "0.5=0" } },
	{ "i:1.0 f:1.5 i:1.7 l:2.0", "vers:dotted/>=1.0|<1.5|>=1.7|<2.0",
	  { "1.6=0", "1.8=1", "2.0=0", "1.2=1" } },
	{ "i:1 l:2 l:3", "vers:dotted/>=1|<3", { "2.5=1", "3=0", "1=1" } },
	{ "i:1 l:*", "vers:dotted/>=1", { "100=1", "0.5=0" } },
	{ "i:1 f:5 l:3", "vers:dotted/>=1|<3", { "2=1", "3=0", "4=0" } },
	{ "i:1 la:5 l:3", "vers:dotted/>=1|<3", { "2=1", "3=0", "4=0" } },
	{ "i:0 l:3", "vers:dotted/<3", { "2=1", "3=0" } },
	{ "i:3 l:2", "!OSV range affects no version", { "3=0", "1=0" } },
	{ "i:2 l:2", "!OSV range affects no version", { "2=0" } },
	/* introduced and fixed at once: nothing; introduced and last at once */
	{ "i:1 f:1", "!OSV range affects no version", { "1=0", "0.5=0" } },
	{ "i:1 la:1", "vers:dotted/1", { "1=1", "1.1=0", "0.9=0" } },
	{ "i:0 f:1 i:2", "vers:dotted/<1|>=2", { "1.5=0", "3=1", "0.5=1", "2=1" } },
	/* a second introduced inside an open interval changes nothing */
	{ "i:1 i:2 f:3", "vers:dotted/>=1|<3", { "1.5=1", "2.5=1", "3=0" } },
	/* a second fix after the first changes nothing either */
	{ "i:0 f:1 f:2", "vers:dotted/<1", { "0.5=1", "1.5=0", "2.5=0" } },
	/* scheme equality: "1" is "1.0" */
	{ "i:1.0 f:2", "vers:dotted/>=1.0|<2", { "1=1", "2.0=0" } },
};

static void run_range_case(struct ts_suite *s, const struct psirt_version_scheme *scheme,
                           const struct range_case *c)
{
	struct events e;
	struct psirt_osv_range r;
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err;
	size_t i;

	parse_events(&e, c->events);
	r.type = PSIRT_OSV_ECOSYSTEM;
	r.events = e.ev;
	r.count = e.n;
	for (i = 0; i < 8 && c->checks[i]; i++) {
		const char *eq = strrchr(c->checks[i], '=');
		int got = -1;

		err = psirt_osv_range_contains(&r, scheme, psirt_str_make(c->checks[i],
		                               (size_t)(eq - c->checks[i])), &got, &d);
		ts_case(s, !err && got == (eq[1] == '1'), "[%s] %s: got %d (%s)", c->events,
		        c->checks[i], got, d.message ? d.message : "ok");
		psirt_diag_release(&d);
	}
	err = psirt_osv_range_to_vers(&r, scheme, psirt_str_make(NULL, 0), &b, &d);
	if (c->vers[0] == '!')
		ts_case(s, err == PSIRT_EINVAL && d.message && !strcmp(d.message, c->vers + 1),
		        "[%s] to vers: expected error %s, got %s", c->events, c->vers + 1,
		        err ? d.message : b.p);
	else
		ts_case(s, !err && !strcmp(b.p, c->vers), "[%s] to vers: expected %s, got %s",
		        c->events, c->vers, err ? d.message : b.p);
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

static void test_events_dotted(void **state)
{
	struct ts_suite s = { "osv-events", 0, 0 };
	size_t i;

	for (i = 0; i < sizeof dotted_cases / sizeof dotted_cases[0]; i++)
		run_range_case(&s, &test_scheme_dotted, &dotted_cases[i]);
	ts_suite_end(&s);
}

static void test_event_errors(void **state)
{
	struct events e;
	struct psirt_osv_range r = { PSIRT_OSV_ECOSYSTEM, NULL, 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	int got = 7;

	/* the schema requires an introduced event */
	parse_events(&e, "f:1");
	r.events = e.ev, r.count = e.n;
	assert_int_equal(psirt_osv_range_contains(&r, &test_scheme_dotted, psirt_str_c("0.5"), &got,
	                                          &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "OSV range has no 'introduced' event");
	assert_int_equal(got, 7);
	psirt_diag_release(&d);
	/* an event version its scheme rejects is named */
	parse_events(&e, "i:1 f:1.x");
	r.events = e.ev, r.count = e.n;
	assert_int_equal(psirt_osv_range_contains(&r, &test_scheme_dotted, psirt_str_c("1"), &got,
	                                          &d), PSIRT_EINVAL);
	assert_string_equal(d.where, "events[1].fixed");
	psirt_diag_release(&d);
	assert_int_equal(psirt_osv_range_to_vers(&r, &test_scheme_dotted, psirt_str_c("x"), &b, &d),
	                 PSIRT_EINVAL);
	psirt_diag_release(&d);
	/* so is the tested version */
	parse_events(&e, "i:1");
	r.events = e.ev, r.count = e.n;
	assert_int_equal(psirt_osv_range_contains(&r, &test_scheme_dotted, psirt_str_c("v1"), &got,
	                                          &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	/* GIT: needs the commit graph */
	r.type = PSIRT_OSV_GIT;
	assert_int_equal(psirt_osv_range_contains(&r, &test_scheme_dotted, psirt_str_c("1"), &got,
	                                          &d), PSIRT_EUNSUPPORTED);
	psirt_diag_release(&d);
	assert_int_equal(psirt_osv_range_to_vers(&r, &test_scheme_dotted, psirt_str_c(""), &b, &d),
	                 PSIRT_EUNSUPPORTED);
	psirt_diag_release(&d);
	/* the vers type given is the one printed */
	r.type = PSIRT_OSV_ECOSYSTEM;
	assert_int_equal(psirt_osv_range_to_vers(&r, &test_scheme_dotted, psirt_str_c("generic"), &b,
	                                         &d), PSIRT_OK);
	assert_string_equal(b.p, "vers:generic/>=1");
	psirt_buf_release(&b);
}

static void test_names(void **state)
{
	enum psirt_osv_range_type t;
	enum psirt_osv_event_kind k;
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_int_equal(psirt_osv_range_type_parse(psirt_str_c("ECOSYSTEM"), &t, &d), PSIRT_OK);
	assert_int_equal(t, PSIRT_OSV_ECOSYSTEM);
	assert_int_equal(psirt_osv_range_type_parse(psirt_str_c("semver"), &t, &d), PSIRT_EINVAL);
	psirt_diag_release(&d);
	assert_int_equal(psirt_osv_event_kind_parse(psirt_str_c("last_affected"), &k, &d), PSIRT_OK);
	assert_int_equal(k, PSIRT_OSV_LAST_AFFECTED);
	assert_int_equal(psirt_osv_event_kind_parse(psirt_str_c("lastAffected"), &k, &d),
	                 PSIRT_EINVAL);
	psirt_diag_release(&d);
	assert_string_equal(psirt_osv_range_type_name(PSIRT_OSV_GIT), "GIT");
	assert_string_equal(psirt_osv_event_name(PSIRT_OSV_LIMIT), "limit");
	assert_string_equal(psirt_osv_event_name(PSIRT_OSV_EVENT__MAX), "?");
}

/* affected entries without a scheme: the versions list and GIT ranges. */
static void test_affected_without_scheme(void **state)
{
	static const struct psirt_osv_event git_ev[] = {
		{ PSIRT_OSV_INTRODUCED, { "0", 1 } },
		{ PSIRT_OSV_FIXED, { "4d5d3e6f0b0e4e8b9f8cbd2c5e1a7f7d7e3c2b1a", 40 } },
	};
	static const struct psirt_osv_range git = { PSIRT_OSV_GIT, git_ev, 2 };
	static const struct psirt_osv_range eco = { PSIRT_OSV_ECOSYSTEM, git_ev, 1 };
	static const struct psirt_str versions[] = { { "curl-7_61_0", 11 }, { "curl-7_62_0", 11 } };
	struct psirt_osv_affected a = { { "OSS-Fuzz", 8 }, &git, 1, versions, 2 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_osv_verdict v = 9;

	assert_int_equal(psirt_osv_affected_check(&a, psirt_str_c("curl-7_62_0"), &v, &d), PSIRT_OK);
	assert_int_equal(v, PSIRT_OSV_AFFECTED);
	assert_int_equal(psirt_osv_affected_check(&a, psirt_str_c("curl-7_63_0"), &v, &d), PSIRT_OK);
	assert_int_equal(v, PSIRT_OSV_UNKNOWN);
	a.nranges = 0;
	assert_int_equal(psirt_osv_affected_check(&a, psirt_str_c("curl-7_63_0"), &v, &d), PSIRT_OK);
	assert_int_equal(v, PSIRT_OSV_NOT_AFFECTED);
	/* an ECOSYSTEM range of an ecosystem no scheme knows */
	a.ranges = &eco;
	a.nranges = 1;
	assert_int_equal(psirt_osv_affected_check(&a, psirt_str_c("curl-7_63_0"), &v, &d),
	                 PSIRT_EUNSUPPORTED);
	assert_string_equal(d.message, "no version scheme for the OSV ecosystem 'OSS-Fuzz'");
	psirt_diag_release(&d);
}

/* ---- realistic entries with the registered schemes ---- */

struct affected_case {
	const char *what;     /* the record it is modelled on */
	const char *ecosystem;
	const char *type;     /* "SEMVER" or "ECOSYSTEM" */
	const char *ranges[3]; /* one event string per range */
	const char *versions; /* space-separated versions list, or NULL */
	const char *vers[3];  /* expected vers of each range */
	const char *checks[10];
};

static const struct affected_case affected_cases[] = {
	/* DSA-5474-1 intel-microcode, Debian 12: fixed in a stable update.
	 * "~deb12u1" sorts before the plain Debian revision. */
	{ "DSA-5474-1", "Debian:12", "ECOSYSTEM", { "i:0 f:3.20230808.1~deb12u1" }, NULL,
	  { "vers:deb/<3.20230808.1~deb12u1" },
	  { "3.20230512.1=1", "3.20230808.1~deb12u1=0", "3.20230808.1~deb12u0=1", "3.20230808.1=0",
	    "3.20231114.1~deb12u1=0", "3.20230214.1~deb12u1=1" } },
	/* DLA-0001-1 gnutls26, Debian 6.0: range and versions list */
	{ "DLA-0001-1", "Debian:6.0", "ECOSYSTEM", { "i:0 f:2.8.6-1+squeeze4" },
	  "2.8.6-1 2.8.6-1+squeeze1 2.8.6-1+squeeze2 2.8.6-1+squeeze3",
	  { "vers:deb/<2.8.6-1+squeeze4" },
	  { "2.8.6-1+squeeze3=1", "2.8.6-1+squeeze4=0", "2.8.6-1+squeeze10=0", "2.8.5-2=1",
	    "1:2.8.6-1=0" } },
	/* PYSEC-124 grpcio: last_affected */
	{ "PYSEC-124", "PyPI", "ECOSYSTEM", { "i:1.14.2 la:1.31.0" }, NULL,
	  { "vers:pypi/>=1.14.2|<=1.31.0" },
	  { "1.14.1=0", "1.14.2=1", "1.31.0=1", "1.31=1", "1.31.0.post1=0", "1.31.1=0",
	    "1.20.0rc1=1", "1.14.2rc1=0" } },
	/* a PyPI range clipped by a limit (hand-made: limits are rare outside
	 * GIT), and a pre-release below the limit */
	{ "limit", "PyPI", "ECOSYSTEM", { "i:2.0 l:2.2" }, NULL, { "vers:pypi/>=2.0|<2.2" },
	  { "2.1.9=1", "2.2=0", "2.2rc1=1", "2.2.0=0", "1.9=0" } },
	/* GHSA-c2qf-rxjj-qqgw semver (npm), three SEMVER ranges */
	{ "GHSA-c2qf-rxjj-qqgw", "npm", "SEMVER",
	  { "i:0 f:5.7.2", "i:6.0.0 f:6.3.1", "i:7.0.0 f:7.5.2" }, NULL,
	  { "vers:semver/<5.7.2", "vers:semver/>=6.0.0|<6.3.1", "vers:semver/>=7.0.0|<7.5.2" },
	  { "5.7.1=1", "5.7.2=0", "6.2.0=1", "6.3.1=0", "7.5.1=1", "7.5.2=0", "7.0.0-rc.1=0",
	    "5.7.2-beta=1" } },
	/* "introduced: 0" alone: every version (Alpine, unfixed) */
	{ "unfixed", "Alpine:v3.18", "ECOSYSTEM", { "i:0" }, NULL, { "vers:apk/*" },
	  { "1.0-r0=1", "99.1_p3-r12=1" } },
};

static void test_affected_realistic(void **state)
{
	struct ts_suite s = { "osv-affected", 0, 0 };
	unsigned long skipped = 0;
	size_t i, j;

	for (i = 0; i < sizeof affected_cases / sizeof affected_cases[0]; i++) {
		const struct affected_case *c = &affected_cases[i];
		struct events ev[3];
		struct psirt_osv_range r[3];
		struct psirt_str list[8];
		char listbuf[256];
		struct psirt_osv_affected a = { psirt_str_c(c->ecosystem), r, 0, list, 0 };
		const struct psirt_version_scheme *sch;
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_osv_range_type t = !strcmp(c->type, "SEMVER") ? PSIRT_OSV_SEMVER
		                                                          : PSIRT_OSV_ECOSYSTEM;

		if (psirt_osv_range_scheme(t, a.ecosystem, &sch, &d)) {
			for (j = 0; j < 10 && c->checks[j]; j++)
				;
			skipped += j;
			printf("osv-affected: skipped %s (%zu checks): %s\n", c->what, j, d.message);
			psirt_diag_release(&d);
			continue;
		}
		for (j = 0; j < 3 && c->ranges[j]; j++) {
			struct psirt_buf b = PSIRT_BUF_INIT;

			parse_events(&ev[j], c->ranges[j]);
			r[j].type = t;
			r[j].events = ev[j].ev;
			r[j].count = ev[j].n;
			a.nranges++;
			psirt_osv_range_to_vers(&r[j], sch, psirt_str_c(""), &b, &d);
			ts_case(&s, !strcmp(b.p, c->vers[j]), "%s range %zu: vers %s, expected %s (%s)",
			        c->what, j, b.p, c->vers[j], d.message ? d.message : "");
			psirt_diag_release(&d);
			psirt_buf_release(&b);
		}
		if (c->versions) {
			char *p, *sp;

			assert_true(strlen(c->versions) < sizeof listbuf);
			memcpy(listbuf, c->versions, strlen(c->versions) + 1);
			for (p = listbuf; *p && a.nversions < 8; p = sp ? sp + 1 : p + strlen(p)) {
				sp = strchr(p, ' ');
				list[a.nversions++] = psirt_str_make(p, sp ? (size_t)(sp - p) : strlen(p));
			}
		}
		for (j = 0; j < 10 && c->checks[j]; j++) {
			const char *eq = strrchr(c->checks[j], '=');
			enum psirt_osv_verdict v = 9;
			enum psirt_err err = psirt_osv_affected_check(
				&a, psirt_str_make(c->checks[j], (size_t)(eq - c->checks[j])), &v, &d);

			ts_case(&s, !err && (int)v == (eq[1] == '1'), "%s: %s: verdict %d (%s)", c->what,
			        c->checks[j], (int)v, d.message ? d.message : "ok");
			psirt_diag_release(&d);
		}
	}
	if (skipped)
		printf("osv-affected: %lu cases, skipped %lu: scheme not registered\n", skipped, skipped);
	if (s.cases)
		ts_suite_end(&s);
	else
		printf("osv-affected: 0 cases run, all skipped\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events_dotted),
		cmocka_unit_test(test_event_errors),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_affected_without_scheme),
		cmocka_unit_test(test_affected_realistic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
