/* Unit tests of src/triage/policy.c: the default policy on realistic
 * findings (one per response class and more), condition semantics, exact
 * syntax errors with file:line:column, the canonical form and fingerprint,
 * FIELD=VALUE inputs, limits. */
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/buf.h"
#include "psirt/policy.h"
#include "psirt/sha256.h"

#define DEFAULT_POLICY "data/policy/default.policy"

static struct psirt_policy *parse_ok(const char *text)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_policy *p = NULL;

	if (psirt_policy_parse(text, strlen(text), "t.policy", &p, &d) != PSIRT_OK) {
		char *line = psirt_diag_format(&d);

		fail_msg("policy does not parse: %s\n%s", line, text);
	}
	psirt_diag_release(&d);
	return p;
}

static void set(struct psirt_policy_input *in, const char *arg)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (psirt_policy_input_set(in, psirt_str_c(arg), &d) != PSIRT_OK)
		fail_msg("input %s: %s", arg, d.message);
}

/* Findings on products of a maker's portfolio, through the default policy. */
static void test_default_policy_findings(void **state)
{
	static const struct {
		const char *what;
		const char *inputs[10];
		const char *rule;
		int priority, deadline;
		enum psirt_response_class cls;
		const char *reason;
	} cases[] = {
	    {"EV charger: safety critical, exploited, fails its safety standard",
	     {"safety=critical", "kev=2025-03-04", "exploitation=active", "nonconformity=yes",
	      "exposure=internet", "units=12400", "ssvc=immediate", "weight=high", NULL},
	     "recall",
	     1,
	     14,
	     PSIRT_RESPONSE_RECALL,
	     "P1 recall: KEV-listed since 2025-03-04, safety impact critical, regulatory "
	     "nonconformity, internet-exposed, 12,400 units"},
	    {"infusion-pump-like: marginal safety, risk uncontrolled, no exploitation",
	     {"safety=marginal", "controlled=no", "exploitation=none", "ssvc=scheduled",
	      "exposure=local-network", "units=3200", NULL},
	     "improvement",
	     2,
	     60,
	     PSIRT_RESPONSE_IMPROVEMENT,
	     "P2 improvement: safety impact marginal, risk uncontrolled, no known exploitation, "
	     "SSVC scheduled, 3,200 units"},
	    {"home router: negligible safety, in KEV",
	     {"safety=negligible", "kev=yes", "exploitation=active", "ssvc=immediate",
	      "exposure=internet", "units=250000", NULL},
	     "campaign-urgent",
	     1,
	     14,
	     PSIRT_RESPONSE_CAMPAIGN,
	     "P1 campaign: KEV-listed, SSVC immediate, internet-exposed, 250,000 units"},
	    {"smart plug: no exploitation, SSVC scheduled",
	     {"safety=negligible", "exploitation=none", "ssvc=scheduled", "exposure=local-network",
	      "units=80000", NULL},
	     "routine",
	     3,
	     90,
	     PSIRT_RESPONSE_ROUTINE,
	     "P3 routine: SSVC scheduled, no known exploitation"},
	    {"insulin pen reader: marginal safety, uncontrolled, public PoC, SSVC immediate",
	     {"safety=marginal", "exploitation=public-poc", "ssvc=immediate", "units=1", NULL},
	     "improvement-urgent",
	     1,
	     30,
	     PSIRT_RESPONSE_IMPROVEMENT,
	     "P1 improvement: public PoC, safety impact marginal, risk uncontrolled, SSVC "
	     "immediate, 1 unit"},
	    {"e-bike controller: critical safety but risk controlled, exploited",
	     {"safety=critical", "controlled=yes", "exploitation=active", "ssvc=out-of-cycle",
	      "exposure=adjacent", NULL},
	     "campaign-urgent",
	     1,
	     14,
	     PSIRT_RESPONSE_CAMPAIGN,
	     "P1 campaign: active exploitation, SSVC out-of-cycle, adjacent exposure"},
	    {"camera: SSVC out-of-cycle",
	     {"safety=negligible", "exploitation=public-poc", "ssvc=out-of-cycle",
	      "exposure=internet", NULL},
	     "campaign",
	     2,
	     30,
	     PSIRT_RESPONSE_CAMPAIGN,
	     "P2 campaign: SSVC out-of-cycle, public PoC, internet-exposed"},
	    {"radio module: nonconformity without safety impact",
	     {"safety=negligible", "nonconformity=yes", "ssvc=defer", NULL},
	     "campaign",
	     2,
	     30,
	     PSIRT_RESPONSE_CAMPAIGN,
	     "P2 campaign: SSVC defer, regulatory nonconformity"},
	    {"thermostat: SSVC defer",
	     {"safety=negligible", "ssvc=defer", "exploitation=none", NULL},
	     "default",
	     4,
	     180,
	     PSIRT_RESPONSE_ROUTINE,
	     "P4 routine: SSVC defer"},
	    {"nothing known",
	     {NULL},
	     "default",
	     4,
	     180,
	     PSIRT_RESPONSE_ROUTINE,
	     "P4 routine: no rule matched"},
	};
	struct ts_suite s = {"policy default: findings", 0, 0};
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_policy *p = NULL;
	size_t i, j;

	assert_int_equal(psirt_policy_load(DEFAULT_POLICY, &p, &d), PSIRT_OK);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_policy_input in;
		struct psirt_policy_decision dec;
		struct psirt_buf reason = PSIRT_BUF_INIT;
		int ok;

		psirt_policy_input_init(&in);
		for (j = 0; cases[i].inputs[j]; j++)
			set(&in, cases[i].inputs[j]);
		ok = psirt_policy_eval(p, &in, &dec, &reason) == PSIRT_OK;
		ts_case(
		    &s,
		    ok && !strcmp(dec.rule->name, cases[i].rule) &&
		        dec.priority == cases[i].priority &&
		        dec.deadline_days == cases[i].deadline &&
		        dec.response_class == cases[i].cls && !strcmp(reason.p, cases[i].reason),
		    "%s: rule %s P%d %dd %s \"%s\"", cases[i].what, dec.rule->name, dec.priority,
		    dec.deadline_days, psirt_response_class_name(dec.response_class), reason.p);
		psirt_buf_release(&reason);
	}
	ts_suite_end(&s);
	psirt_policy_free(p);
}

static void test_default_policy_loads(void **state)
{
	static const char *const names[] = {"recall",          "improvement-urgent", "improvement",
	                                    "campaign-urgent", "campaign",           "routine",
	                                    "default"};
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_policy *p = NULL, *again;
	const char *canon;
	size_t i, len;

	assert_int_equal(psirt_policy_load(DEFAULT_POLICY, &p, &d), PSIRT_OK);
	assert_string_equal(psirt_policy_name(p), "psirt default");
	assert_int_equal(psirt_policy_rule_count(p), 6);
	for (i = 0; i <= 6; i++)
		assert_string_equal(psirt_policy_rule_at(p, i)->name, names[i]);
	assert_null(psirt_policy_rule_at(p, 7));
	assert_true(psirt_policy_rule_at(p, 6)->is_default);
	assert_null(psirt_policy_rule_at(p, 6)->condition);
	assert_string_equal(psirt_policy_rule_at(p, 1)->condition,
	                    "safety >= marginal and not controlled and (kev or exploitation = "
	                    "active or ssvc = immediate)");
	assert_int_equal(psirt_policy_rule_at(p, 0)->line, 23);
	assert_int_equal(strlen(psirt_policy_fingerprint(p)), 7 + 64);
	assert_memory_equal(psirt_policy_fingerprint(p), "sha256:", 7);
	/* the canonical text is a policy with the same canonical text */
	canon = psirt_policy_canonical(p, &len);
	assert_int_equal(psirt_policy_parse(canon, len, NULL, &again, &d), PSIRT_OK);
	assert_string_equal(psirt_policy_canonical(again, NULL), canon);
	assert_string_equal(psirt_policy_fingerprint(again), psirt_policy_fingerprint(p));
	psirt_policy_free(again);
	psirt_policy_free(p);
	assert_int_equal(psirt_policy_load("tests/data/no-such.policy", &p, &d), PSIRT_EIO);
	assert_null(p);
	assert_string_equal(d.file, "tests/data/no-such.policy");
	psirt_diag_release(&d);
}

/* One rule with condition cond, then the default: does cond hold? */
static int holds(const char *cond, const char *const *inputs)
{
	struct psirt_buf text = PSIRT_BUF_INIT;
	struct psirt_policy_input in;
	struct psirt_policy_decision dec;
	struct psirt_policy *p;
	int r;

	psirt_buf_addf(&text,
	               "[rule r]\nwhen = %s\npriority = P1\ndeadline = 1\nclass = recall\n"
	               "[default]\npriority = P4\ndeadline = 2\nclass = routine\n",
	               cond);
	p = parse_ok(text.p);
	psirt_policy_input_init(&in);
	for (; *inputs; inputs++)
		set(&in, *inputs);
	psirt_policy_eval(p, &in, &dec, NULL);
	r = !dec.rule->is_default;
	psirt_policy_free(p);
	psirt_buf_release(&text);
	return r;
}

static void test_conditions(void **state)
{
	static const struct {
		const char *cond, *inputs[4];
		int want;
	} cases[] = {
	    {"safety >= marginal", {"safety=marginal"}, 1},
	    {"safety >= marginal", {"safety=negligible"}, 0},
	    {"safety > marginal", {"safety=catastrophic"}, 1},
	    {"safety < critical", {"safety=negligible"}, 1},
	    {"safety <= critical", {"safety=critical"}, 1},
	    {"safety != critical", {"safety=marginal"}, 1},
	    {"safety == critical", {"safety=critical"}, 1},
	    /* unknown values fail every comparison, != and not-less included */
	    {"safety >= negligible", {NULL}, 0},
	    {"safety != critical", {NULL}, 0},
	    {"not safety >= marginal", {NULL}, 1},
	    {"epss >= 0", {NULL}, 0},
	    {"units >= 0", {NULL}, 0},
	    {"ssvc in (out-of-cycle, immediate)", {"ssvc=immediate"}, 1},
	    {"ssvc in (out_of_cycle, IMMEDIATE)", {"ssvc=scheduled"}, 0},
	    {"ssvc in (defer)", {NULL}, 0},
	    {"kev", {"kev=yes"}, 1},
	    {"kev", {NULL}, 0},
	    {"not kev", {NULL}, 1},
	    {"kev = no", {"kev=2024-01-02"}, 0},
	    {"kev != yes", {NULL}, 1},
	    {"controlled = false", {NULL}, 1},
	    {"epss >= 0.1", {"epss=0.1"}, 1},
	    {"epss >= 0.1", {"epss=0.099999"}, 0},
	    {"epss > 0.5", {"epss=1"}, 1},
	    {"epss < 0.000001", {"epss=0"}, 1},
	    {"units >= 10000", {"units=10000"}, 1},
	    {"units > 10000", {"units=10000"}, 0},
	    {"exposure >= local-network", {"exposure=internet"}, 1},
	    {"exposure >= local-network", {"exposure=adjacent"}, 0},
	    {"weight = critical", {"weight=critical"}, 1},
	    {"exploitation = public-poc", {"exploitation=public_poc"}, 1},
	    /* and binds tighter than or; not tighter than and */
	    {"kev or safety >= marginal and nonconformity", {"kev=yes"}, 1},
	    {"(kev or safety >= marginal) and nonconformity", {"kev=yes"}, 0},
	    {"not kev and nonconformity", {"nonconformity=yes"}, 1},
	    {"not (kev or nonconformity)", {"nonconformity=yes"}, 0},
	    {"not not kev", {"kev=yes"}, 1},
	    {"((((kev))))", {"kev=yes"}, 1},
	    {"safety>=marginal and(kev)", {"safety=critical", "kev=yes"}, 1},
	};
	struct ts_suite s = {"policy conditions", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = holds(cases[i].cond, cases[i].inputs);

		ts_case(&s, got == cases[i].want, "%s: %d", cases[i].cond, got);
	}
	ts_suite_end(&s);
}

#define HEAD "[rule r]\nwhen = kev\npriority = P1\ndeadline = 1\nclass = recall\n"
#define TAIL "[default]\npriority = P4\ndeadline = 2\nclass = routine\n"

/* Bad policies: nothing is returned and the one-line error is exact. */
static void test_syntax_errors(void **state)
{
	static const struct {
		const char *text, *error;
	} cases[] = {
	    {"", "t.policy: no [default] section: a policy must say what applies when no rule "
	         "matches"},
	    {HEAD, "t.policy: no [default] section: a policy must say what applies when no rule "
	           "matches"},
	    {"[rule r]\nwhen = kev\nprio = P1\n" TAIL,
	     "t.policy:3:1: unknown key 'prio' (expected when, priority, deadline, class or "
	     "explain)"},
	    {TAIL "  Deadline = 3\n",
	     "t.policy:5:3: unknown key 'Deadline' (expected priority, deadline, class or "
	     "explain)"},
	    {"version = 2\n" TAIL,
	     "t.policy:1:1: unknown key 'version' before the first section (expected name)"},
	    {"name = a\nname = b\n" TAIL, "t.policy:2:1: duplicate key 'name'"},
	    {"[rule r]\nwhen = safty >= marginal\n" TAIL,
	     "t.policy:2:8: unknown field 'safty' (expected ssvc, exploitation, safety, "
	     "nonconformity, exposure, weight, kev, epss, units or controlled)"},
	    {"[rule r]\nwhen  =  weight = hgh\n" TAIL,
	     "t.policy:2:19: unknown value 'hgh' for weight (expected low, medium, high or "
	     "critical)"},
	    {"[rule r]\nwhen = ssvc in (defer, later)\n" TAIL,
	     "t.policy:2:24: unknown value 'later' for ssvc (expected defer, scheduled, "
	     "out-of-cycle or immediate)"},
	    {HEAD "[rule r]\n" TAIL, "t.policy:6:7: duplicate rule name 'r' (first on line 1)"},
	    {"[rule r]\nwhen = kev\npriority = P1\npriority = P2\n" TAIL,
	     "t.policy:4:1: duplicate key 'priority' (first on line 3)"},
	    {TAIL HEAD, "t.policy:5:1: rule 'r' follows [default] and would never be reached"},
	    {TAIL "\n[default]\n", "t.policy:6:1: second [default] (first on line 1)"},
	    {"[default]\nwhen = kev\n", "t.policy:2:1: [default] takes no 'when': it applies when "
	                                "no rule matches"},
	    {"[rule r]\nwhen = kev\ndeadline = 1\nclass = recall\n" TAIL,
	     "t.policy:1:1: [rule r] has no 'priority'"},
	    {"[rule r]\npriority = P1\n" TAIL, "t.policy:1:1: [rule r] has no 'when'"},
	    {HEAD "[default]\npriority = P4\nclass = routine\n",
	     "t.policy:6:1: [default] has no 'deadline'"},
	    {"[rule r]\nwhen = kev\npriority = P5\n" TAIL,
	     "t.policy:3:12: unknown priority 'P5' (expected P1, P2, P3 or P4)"},
	    {"[rule r]\nwhen = kev\ndeadline = 14d\n" TAIL,
	     "t.policy:3:12: deadline is a whole number of days from 0 to 3650, not '14d'"},
	    {"[rule r]\nwhen = kev\ndeadline = 3651\n" TAIL,
	     "t.policy:3:12: deadline is a whole number of days from 0 to 3650, not '3651'"},
	    {"[rule r]\nwhen = kev\nclass = recal\n" TAIL,
	     "t.policy:3:9: unknown response class 'recal' (expected recall, improvement, "
	     "campaign or routine)"},
	    {"[rules r]\n" TAIL,
	     "t.policy:1:1: unknown section '[rules r]' (expected [rule NAME] or [default])"},
	    {"[rule r\n" TAIL, "t.policy:1:8: expected ']'"},
	    {"[rule]\n" TAIL,
	     "t.policy:1:6: expected a rule name (letters, digits, '-', '_', '.')"},
	    {"[default] x\n", "t.policy:1:11: unexpected text after ']'"},
	    {"priority P1\n", "t.policy:1:1: expected 'key = value' or a [section]"},
	    {"[default]\npriority =   # none\n", "t.policy:2:11: 'priority' has no value"},
	    {"[default]\npriority = P1\x01\n", "t.policy:2:14: control character 0x01"},
	    {"[rule r]\nwhen = (kev\n" TAIL, "t.policy:2:12: expected ')'"},
	    {"[rule r]\nwhen = safety\n" TAIL,
	     "t.policy:2:14: expected a comparison after 'safety' (=, !=, <, <=, >, >= or in)"},
	    {"[rule r]\nwhen = kev >= yes\n" TAIL,
	     "t.policy:2:12: '>=' does not apply to kev (yes or no)"},
	    {"[rule r]\nwhen = kev = maybe\n" TAIL,
	     "t.policy:2:14: expected yes or no for kev, not 'maybe'"},
	    {"[rule r]\nwhen = units in (1, 2)\n" TAIL,
	     "t.policy:2:14: 'in' needs a field with named values, not units"},
	    {"[rule r]\nwhen = ssvc in defer\n" TAIL, "t.policy:2:16: expected '(' after 'in'"},
	    {"[rule r]\nwhen = ssvc in (defer scheduled)\n" TAIL,
	     "t.policy:2:23: expected ',' or ')' in the list"},
	    {"[rule r]\nwhen = epss >= 1.5\n" TAIL,
	     "t.policy:2:16: epss is a probability from 0 to 1 with at most 6 decimals, not '1.5'"},
	    {"[rule r]\nwhen = epss >= 0.1234567\n" TAIL,
	     "t.policy:2:16: epss is a probability from 0 to 1 with at most 6 decimals, not "
	     "'0.1234567'"},
	    {"[rule r]\nwhen = units > 1.5\n" TAIL,
	     "t.policy:2:16: units is a whole number, not '1.5'"},
	    {"[rule r]\nwhen = kev nonconformity\n" TAIL,
	     "t.policy:2:12: expected 'and', 'or' or the end of the condition, not "
	     "'nonconformity'"},
	    {"[rule r]\nwhen = kev and\n" TAIL, "t.policy:2:15: expected a field at the end of the "
	                                        "condition"},
	    {"[rule r]\nwhen = kev ! nonconformity\n" TAIL,
	     "t.policy:2:12: '!' must be followed by '='"},
	    {"[rule r]\nwhen = kev & nonconformity\n" TAIL,
	     "t.policy:2:12: unexpected character '&' in the condition"},
	    {"[rule r]\nwhen = safety >= \"marginal\"\n" TAIL,
	     "t.policy:2:18: unexpected character '\"' in the condition"},
	    {"[rule r]\nwhen = kev\nexplain = kev, safty\n" HEAD,
	     "t.policy:3:16: unknown field 'safty' in explain (expected ssvc, exploitation, "
	     "safety, "
	     "nonconformity, exposure, weight, kev, epss, units or controlled)"},
	    {"[rule r]\nwhen = kev\nexplain = kev, kev\n" TAIL,
	     "t.policy:3:16: 'kev' is listed twice in explain"},
	    {"[rule r]\nwhen = kev\nexplain = kev safety\n" TAIL,
	     "t.policy:3:15: expected ',' between the fields of explain"},
	    {"[default]\nexplain = kev,\n",
	     "t.policy:2:15: expected a field name in explain (ssvc, "
	     "exploitation, safety, nonconformity, exposure, weight, "
	     "kev, epss, units or controlled)"},
	};
	struct ts_suite s = {"policy syntax errors", 0, 0};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_policy *p = (struct psirt_policy *)&s; /* must be reset to NULL */
		enum psirt_err err;
		char *line;

		err = psirt_policy_parse(cases[i].text, strlen(cases[i].text), "t.policy", &p, &d);
		line = psirt_diag_format(&d);
		ts_case(&s, err == PSIRT_EINVAL && !p && line && !strcmp(line, cases[i].error),
		        "case %zu: got \"%s\"", i, line ? line : "(none)");
		free(line);
		psirt_diag_release(&d);
	}
	ts_suite_end(&s);
}

/* Comments, spacing, key order, spelling variants and redundant parentheses
 * do not change the canonical text nor the fingerprint; decisions do. */
static void test_canonical(void **state)
{
	const char *messy = "\xef\xbb\xbf# a policy\r\n"
	                    "name =   acme 2026   # named\r\n"
	                    "\r\n"
	                    "[ rule  urgent ]\r\n"
	                    "  class=campaign\r\n"
	                    "  when = (kev) or ((safety >= marginal and not controlled)) or "
	                    "not (epss < 0.50) or ssvc in (immediate, out_of_cycle, immediate) "
	                    "or kev != yes and units >= 0010\r\n"
	                    "  priority = p1\r\n"
	                    "  deadline = 007\r\n"
	                    "[default]\r\n"
	                    "deadline = 180\r\n"
	                    "class = Routine\r\n"
	                    "priority = P4";
	const char *canon =
	    "name = acme 2026\n"
	    "\n"
	    "[rule urgent]\n"
	    "when = kev or safety >= marginal and not controlled or not (epss < 0.5) "
	    "or ssvc in (out-of-cycle, immediate) or kev = no and units >= 10\n"
	    "priority = P1\n"
	    "deadline = 7\n"
	    "class = campaign\n"
	    "explain = ssvc, safety, kev, epss, units, controlled\n"
	    "\n"
	    "[default]\n"
	    "priority = P4\n"
	    "deadline = 180\n"
	    "class = routine\n";
	struct psirt_policy *a = parse_ok(messy), *b = parse_ok(canon), *c;
	struct psirt_buf changed = PSIRT_BUF_INIT;

	assert_string_equal(psirt_policy_canonical(a, NULL), canon);
	assert_string_equal(psirt_policy_canonical(b, NULL), canon);
	assert_string_equal(psirt_policy_fingerprint(a), psirt_policy_fingerprint(b));
	/* one deadline changed: another version */
	psirt_buf_adds(&changed, canon);
	memcpy(strstr(changed.p, "deadline = 7"), "deadline = 8", 12);
	c = parse_ok(changed.p);
	assert_string_not_equal(psirt_policy_fingerprint(c), psirt_policy_fingerprint(a));
	psirt_policy_free(c);
	/* the SHA-256 of the canonical text, nothing else */
	{
		char hex[PSIRT_SHA256_HEX_SIZE];

		psirt_sha256_hex(canon, strlen(canon), hex);
		assert_string_equal(psirt_policy_fingerprint(a) + 7, hex);
	}
	psirt_buf_release(&changed);
	psirt_policy_free(a);
	psirt_policy_free(b);
}

static void test_input_set(void **state)
{
	static const struct {
		const char *arg, *error;
		long column;
	} bad[] = {
	    {"safety", "expected FIELD=VALUE", 1},
	    {"=x", "expected FIELD=VALUE", 1},
	    {"safty=critical",
	     "unknown field 'safty' (expected ssvc, exploitation, safety, "
	     "nonconformity, exposure, weight, kev, epss, units or controlled)",
	     1},
	    {"weight=hgh",
	     "unknown value 'hgh' for weight (expected low, medium, high or critical)", 8},
	    {"kev=2025-13-01",
	     "expected yes, no or the date it was listed for kev, not '2025-13-01'", 5},
	    {"controlled=maybe", "expected yes or no for controlled, not 'maybe'", 12},
	    {"epss=.5", "epss is a probability from 0 to 1 with at most 6 decimals, not '.5'", 6},
	    {"epss=1.01", "epss is a probability from 0 to 1 with at most 6 decimals, not '1.01'",
	     6},
	    {"units=-1", "units is a whole number, not '-1'", 7},
	    {"units=12,400", "units is a whole number, not '12,400'", 7},
	};
	struct psirt_policy_input in;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i;

	psirt_policy_input_init(&in);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(psirt_policy_input_set(&in, psirt_str_c(bad[i].arg), &d),
		                 PSIRT_EINVAL);
		assert_string_equal(d.message, bad[i].error);
		assert_int_equal(d.column, bad[i].column);
		psirt_diag_release(&d);
	}
	set(&in, "kev=2025-03-04");
	assert_int_equal(in.kev, 1);
	assert_memory_equal(in.kev_date, "2025-03-04", 10);
	set(&in, "kev=no");
	assert_int_equal(in.kev, 0);
	assert_null(in.kev_date);
	set(&in, "epss=0.00043");
	assert_true(in.epss > 0.000429 && in.epss < 0.000431);
	set(&in, "units=1000000000000");
	assert_true(in.units == 1000000000000LL);
	assert_int_equal(psirt_policy_input_set(&in, psirt_str_c("units=1000000000001"), &d),
	                 PSIRT_EINVAL);
	psirt_diag_release(&d);
	set(&in, "exposure=Local_Network");
	assert_int_equal(in.exposure, PSIRT_EXPOSURE_LOCAL_NETWORK);
}

/* The policy's spellings are SSVC's value names and psirt's product scales. */
static void test_spellings(void **state)
{
	static const struct {
		const char *point, *field;
	} map[] = {{"DSOI", "ssvc"}, {"E", "exploitation"}, {"SI", "safety"}};
	struct psirt_policy_input in;
	size_t i;
	unsigned v;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_find(psirt_str_c(map[i].point));

		assert_non_null(p);
		for (v = 0; v < p->nvalues; v++) {
			char arg[64];
			int got;

			snprintf(arg, sizeof arg, "%s=%s", map[i].field, p->values[v].name);
			psirt_policy_input_init(&in);
			set(&in, arg);
			got = i == 0 ? in.ssvc : i == 1 ? in.exploitation : in.safety;
			assert_int_equal(got, v);
		}
	}
	for (v = 0; v < PSIRT_EXPOSURE__MAX; v++) {
		char arg[64];

		snprintf(arg, sizeof arg, "exposure=%s",
		         psirt_exposure_name((enum psirt_exposure)v));
		psirt_policy_input_init(&in);
		set(&in, arg);
		assert_int_equal(in.exposure, v);
		snprintf(arg, sizeof arg, "weight=%s", psirt_ssvc_weight_name((enum psirt_ssvc_weight)v));
		set(&in, arg);
		assert_int_equal(in.weight, v);
	}
	assert_string_equal(psirt_response_class_name(PSIRT_RESPONSE_IMPROVEMENT), "improvement");
	assert_int_equal(psirt_response_class_parse(psirt_str_c("Campaign")),
	                 PSIRT_RESPONSE_CAMPAIGN);
	assert_string_equal(psirt_policy_field_name(PSIRT_POLICY__FIELDS), "?");
}

static void test_limits(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_policy *p;
	char *line;
	int i;

	/* 1000 rules and the default are a policy; 1001 are not */
	for (i = 0; i < 1000; i++)
		psirt_buf_addf(
		    &b, "[rule r%d]\nwhen = kev\npriority = P1\ndeadline = 1\nclass = recall\n", i);
	psirt_buf_adds(&b, TAIL);
	assert_int_equal(psirt_policy_parse(b.p, b.len, NULL, &p, &d), PSIRT_OK);
	assert_int_equal(psirt_policy_rule_count(p), 1000);
	psirt_policy_free(p);
	psirt_buf_reset(&b);
	for (i = 0; i < 1001; i++)
		psirt_buf_addf(
		    &b, "[rule r%d]\nwhen = kev\npriority = P1\ndeadline = 1\nclass = recall\n", i);
	psirt_buf_adds(&b, TAIL);
	assert_int_equal(psirt_policy_parse(b.p, b.len, NULL, &p, &d), PSIRT_ETOOBIG);
	assert_string_equal(d.message, "more than 1000 rules");
	psirt_diag_release(&d);

	psirt_buf_reset(&b);
	psirt_buf_adds(&b, "[rule r]\nwhen = ");
	for (i = 0; i < 33; i++)
		psirt_buf_addch(&b, '(');
	psirt_buf_adds(&b, "kev");
	for (i = 0; i < 33; i++)
		psirt_buf_addch(&b, ')');
	psirt_buf_adds(&b, "\npriority = P1\ndeadline = 1\nclass = recall\n" TAIL);
	assert_int_equal(psirt_policy_parse(b.p, b.len, "t.policy", &p, &d), PSIRT_ETOOBIG);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "t.policy:2:40: condition nested deeper than 32");
	free(line);
	psirt_diag_release(&d);

	psirt_buf_reset(&b);
	psirt_buf_adds(&b, "[rule r]\nwhen = kev");
	for (i = 0; i < 256; i++)
		psirt_buf_adds(&b, " or kev");
	psirt_buf_adds(&b, "\npriority = P1\ndeadline = 1\nclass = recall\n" TAIL);
	assert_int_equal(psirt_policy_parse(b.p, b.len, NULL, &p, &d), PSIRT_ETOOBIG);
	assert_string_equal(d.message, "more than 256 comparisons in one condition");
	psirt_diag_release(&d);

	psirt_buf_reset(&b);
	psirt_buf_grow(&b, PSIRT_POLICY_MAX_SIZE + 1);
	memset(b.p, '#', PSIRT_POLICY_MAX_SIZE + 1);
	assert_int_equal(psirt_policy_parse(b.p, PSIRT_POLICY_MAX_SIZE + 1, NULL, &p, &d),
	                 PSIRT_ETOOBIG);
	assert_string_equal(d.message, "policy larger than 1048576 bytes");
	psirt_diag_release(&d);
	psirt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_default_policy_findings),
	    cmocka_unit_test(test_default_policy_loads),
	    cmocka_unit_test(test_conditions),
	    cmocka_unit_test(test_syntax_errors),
	    cmocka_unit_test(test_canonical),
	    cmocka_unit_test(test_input_set),
	    cmocka_unit_test(test_spellings),
	    cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
