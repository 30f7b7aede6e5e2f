/* The match worker's JSON text (findings__evidence_text, findings__inputs_text)
 * byte for byte against what it replaced: json_dumps of the jansson trees
 * findings.c's evidence_json (JSON_COMPACT) and triage.c's inputs_json
 * (JSON_COMPACT | JSON_SORT_KEYS) built, kept here as they were. The stored
 * text must not change: incremental runs compare it, and the findings of a
 * first match must equal those written row by row before.
 *
 * Every member is tried with awkward strings (quotes, backslashes, control
 * characters, other scripts, bytes that are not UTF-8), NULL and absent,
 * each enumeration over its range and past it, then many random mixes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "findings/internal.h"
#include "psirt/match.h"
#include "psirt/ssvc.h"
#include "psirt/vuln.h"
#include "support/support.h"

/* ---- The trees as they were built before the text writer. */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *evidence_json(const struct psirt_match_finding *f,
                             const struct psirt_match_evidence *e)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "record", jstr(f->record));
	json_object_set_new(o, "source", jstr(psirt_vuln_source_name(f->source)));
	json_object_set_new(o, "via", jstr(psirt_match_via_name(e->via)));
	json_object_set_new(o, "identity", jstr(e->identity));
	json_object_set_new(o, "confidence", jstr(psirt_match_confidence_name(e->confidence)));
	json_object_set_new(o, "why", jstr(e->why));
	if (e->criteria) {
		json_object_set_new(o, "criteria", jstr(e->criteria));
		json_object_set_new(o, "place", json_pack("[iii]", e->config, e->node, e->match));
		if (e->platform)
			json_object_set_new(o, "platform", jstr(e->platform));
	} else {
		json_object_set_new(o, "ecosystem", jstr(e->ecosystem));
		json_object_set_new(o, "package", jstr(e->package));
		json_object_set_new(o, "rangeType", jstr(e->range_type));
		json_object_set_new(o, "events", jstr(e->events));
	}
	return o;
}

static json_t *inputs_json(const struct psirt_ssvc_inputs *in)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; o && psirt_ssvc_point_at(i); i++) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_at(i);
		const struct psirt_ssvc_input *x = &in->in[p->index];
		json_t *v;

		if (x->value < 0)
			continue;
		v = json_pack("{s:s, s:s, s:s}", "value", p->values[x->value].name, "origin",
		              psirt_ssvc_origin_name((enum psirt_ssvc_origin)x->origin), "source",
		              x->source ? x->source : "");
		if (v)
			json_object_set_new(o, p->name, v);
	}
	return o;
}

/* ---- Inputs. */

static const char *const awkward[] = {
	"", "plain", "CVSS 3.1 AV:N/AC:L/PR:N/UI:N", "quote \" and backslash \\ and /",
	"\\", "\"", "\b\f\n\r\t", "\x01\x1f\x7f", "tab\tend\n", "日本語 ルーター", "caf\xc3\xa9",
	"\xf0\x9f\x94\x92", "\xe2\x80\xa8 separator", "\xef\xbf\xbf",
	/* not UTF-8: Latin-1, a lone continuation byte, an overlong '/', a
	 * surrogate, past U+10FFFF, a cut sequence, a byte never valid */
	"caf\xe9", "\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "cut \xe3\x81",
	"\xff", "\"\x01\xe9\\",
};
#define N_AWKWARD (sizeof awkward / sizeof awkward[0])

/* xorshift64: the same mixes on every run */
static unsigned long long rnd_state = 0x9E3779B97F4A7C15ULL;

static unsigned rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

/* An awkward string or, one time in (N_AWKWARD + 1), NULL. */
static const char *rnd_str(void)
{
	unsigned k = rnd(N_AWKWARD + 1);

	return k < N_AWKWARD ? awkward[k] : NULL;
}

static int check_evidence(struct ts_suite *s, const char *what,
                          const struct psirt_match_finding *f,
                          const struct psirt_match_evidence *e)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	json_t *o = evidence_json(f, e);
	char *want = o ? json_dumps(o, JSON_COMPACT) : NULL;
	int ok;

	if (!want)
		fail_msg("%s: no tree", what);
	findings__evidence_text(&b, f, e);
	ok = !psirt_buf_error(&b) && !strcmp(b.p, want);
	ts_case(s, ok, "%s:\n text %s\n tree %s", what, b.p, want);
	free(want);
	json_decref(o);
	psirt_buf_release(&b);
	return ok;
}

static void test_evidence(void **state)
{
	struct ts_suite s = { "findings evidence text", 0, 0 };
	const struct psirt_match_finding f0 = { .vuln = "CVE-2022-48174", .record = "CVE-2022-48174",
		                                .source = PSIRT_VULN_SRC_NVD };
	const struct psirt_match_evidence cpe = {
		.via = PSIRT_MATCH_VIA_CPE,
		.identity = "cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*",
		.confidence = PSIRT_MATCH_HIGH,
		.why = "1.36.1 in [1.36.0, 1.36.2)",
		.criteria = "cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*",
		.config = 1, .node = 0, .match = 12,
		.platform = "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:* by hardware x",
	};
	const struct psirt_match_evidence pkg = {
		.via = PSIRT_MATCH_VIA_PURL, .identity = "pkg:npm/lodash@4.17.20",
		.confidence = PSIRT_MATCH_MEDIUM, .why = "4.17.20 in [0, 4.17.21)", .ecosystem = "npm",
		.package = "lodash", .range_type = "SEMVER", .events = "introduced 0, fixed 4.17.21",
	};
	char what[96];
	size_t i, k;

	(void)state;
	check_evidence(&s, "cpe", &f0, &cpe);
	check_evidence(&s, "package", &f0, &pkg);
	/* every string member with every awkward string and NULL */
	for (k = 0; k <= N_AWKWARD; k++) {
		const char *v = k < N_AWKWARD ? awkward[k] : NULL;

		for (i = 0; i < 11; i++) {
			struct psirt_match_finding f = f0;
			struct psirt_match_evidence e = i < 7 ? cpe : pkg;

			switch (i) {
			case 0: f.record = v; break;
			case 1: e.identity = v; break;
			case 2: e.why = v; break;
			case 3: e.criteria = v ? v : "x"; e.platform = v; break;
			case 4: e.platform = v; break;
			case 5: e.identity = v; e.platform = NULL; break;
			case 6: e.why = v; e.criteria = v ? v : "x"; break;
			case 7: e.ecosystem = v; break;
			case 8: e.package = v; break;
			case 9: e.range_type = v; break;
			case 10: e.events = v; e.package = v; break;
			}
			snprintf(what, sizeof what, "member %zu, string %zu", i, k);
			check_evidence(&s, what, &f, &e);
		}
	}
	/* the enumerations over their ranges and one past (a name of NULL or
	 * "?"); places at the int limits */
	for (i = 0; i <= PSIRT_VULN_SRC__MAX; i++) {
		struct psirt_match_finding f = f0;

		f.source = (enum psirt_vuln_source)i;
		snprintf(what, sizeof what, "source %zu", i);
		check_evidence(&s, what, &f, &cpe);
	}
	for (i = 0; i <= PSIRT_MATCH_VIA__MAX; i++) {
		struct psirt_match_evidence e = pkg;

		e.via = (enum psirt_match_via)i;
		snprintf(what, sizeof what, "via %zu", i);
		check_evidence(&s, what, &f0, &e);
	}
	for (i = 0; i <= PSIRT_MATCH_HIGH + 1; i++) {
		struct psirt_match_evidence e = cpe;

		e.confidence = (enum psirt_match_confidence)i;
		e.config = i & 1 ? INT32_MAX : INT32_MIN;
		e.node = -(int)i;
		snprintf(what, sizeof what, "confidence %zu", i);
		check_evidence(&s, what, &f0, &e);
	}
	/* random mixes: each member awkward, NULL or absent */
	for (i = 0; i < 3000; i++) {
		struct psirt_match_finding f = f0;
		struct psirt_match_evidence e;

		memset(&e, 0, sizeof e);
		f.record = rnd_str();
		f.source = (enum psirt_vuln_source)rnd(PSIRT_VULN_SRC__MAX + 1);
		e.via = (enum psirt_match_via)rnd(PSIRT_MATCH_VIA__MAX + 1);
		e.identity = rnd_str();
		e.confidence = (enum psirt_match_confidence)rnd(5);
		e.why = rnd_str();
		if (rnd(2)) {
			e.criteria = awkward[rnd(N_AWKWARD)];
			e.config = (int)rnd(1000) - 500;
			e.node = (int)rnd(10);
			e.match = (int)rnd(100000);
			e.platform = rnd_str();
		} else {
			e.ecosystem = rnd_str();
			e.package = rnd_str();
			e.range_type = rnd_str();
			e.events = rnd_str();
		}
		snprintf(what, sizeof what, "mix %zu", i);
		check_evidence(&s, what, &f, &e);
	}
	ts_suite_end(&s);
}

static void check_inputs(struct ts_suite *s, const char *what, const struct psirt_ssvc_inputs *in)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	json_t *o = inputs_json(in);
	char *want = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

	if (!want)
		fail_msg("%s: no tree", what);
	findings__inputs_text(&b, in);
	ts_case(s, !psirt_buf_error(&b) && !strcmp(b.p, want), "%s:\n text %s\n tree %s", what,
	        b.p, want);
	free(want);
	json_decref(o);
	psirt_buf_release(&b);
}

static size_t npoints(void)
{
	size_t n = 0;

	while (psirt_ssvc_point_at(n))
		n++;
	return n;
}

static void test_inputs(void **state)
{
	struct ts_suite s = { "findings inputs text", 0, 0 };
	struct psirt_ssvc_inputs in;
	size_t n = npoints(), i, k;
	char what[96];

	(void)state;
	/* The text writes points in name order, one per name: jansson kept the
	 * last of two with one name. The data has none. */
	assert_true(n > 8);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			assert_string_not_equal(psirt_ssvc_point_at(i)->name, psirt_ssvc_point_at(k)->name);

	psirt_ssvc_inputs_init(&in);
	check_inputs(&s, "none set", &in);
	/* every point alone, with each of its values and origins, and every
	 * awkward source (or none) */
	for (i = 0; i < n; i++) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_at(i);

		for (k = 0; k < p->nvalues; k++) {
			unsigned o;

			for (o = PSIRT_SSVC_DERIVED; o <= PSIRT_SSVC_COMPUTED; o++) {
				in.in[p->index].value = (signed char)k;
				in.in[p->index].origin = (unsigned char)o;
				in.in[p->index].source = awkward[(k + o) % N_AWKWARD];
				snprintf(what, sizeof what, "point %s value %zu origin %u", p->key, k, o);
				check_inputs(&s, what, &in);
			}
		}
		for (k = 0; k <= N_AWKWARD; k++) {
			in.in[p->index].value = 0;
			in.in[p->index].origin = PSIRT_SSVC_OVERRIDDEN;
			in.in[p->index].source = k < N_AWKWARD ? awkward[k] : NULL;
			snprintf(what, sizeof what, "point %s source %zu", p->key, k);
			check_inputs(&s, what, &in);
		}
		in.in[p->index].value = -1;
		in.in[p->index].source = NULL;
	}
	/* all set, then random mixes of set and unset points */
	for (i = 0; i < n; i++) {
		in.in[i].value = 0;
		in.in[i].origin = PSIRT_SSVC_DERIVED;
		in.in[i].source = awkward[i % 14]; /* the UTF-8 ones */
	}
	check_inputs(&s, "all set", &in);
	for (k = 0; k < 3000; k++) {
		for (i = 0; i < n; i++) {
			const struct psirt_ssvc_point *p = psirt_ssvc_point_at(i);
			int v = (int)rnd(p->nvalues + 2u) - 2;

			in.in[p->index].value = (signed char)(v < 0 ? -1 : v);
			in.in[p->index].origin = (unsigned char)(1 + rnd(4));
			in.in[p->index].source = rnd_str();
		}
		snprintf(what, sizeof what, "mix %zu", k);
		check_inputs(&s, what, &in);
	}
	psirt_ssvc_inputs_release(&in);
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_inputs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
