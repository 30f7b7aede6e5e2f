/* The parts the server sends beside its English text (server/reason.h,
 * server/ssvc_path.h, srv__error_code): every fact the policy writes into a
 * reason comes back as {fact, value} (the reason made by psirt_policy_eval
 * itself, so a change of its wording fails here), the audit rows psirt
 * writes, the SSVC sources triage writes, and the error codes. */
#include <stdlib.h>
#include <string.h>

#include "psirt/policy.h"
#include "server/internal.h"
#include "server/reason.h"
#include "server/ssvc_path.h"
#include "support/support.h"

static const char policy_text[] =
	"name = parts\n"
	"[rule quiet]\n"
	"when = units >= 1000000000\n"
	"priority = P2\n"
	"deadline = 30\n"
	"class = campaign\n"
	"explain = safety\n"
	"[rule all]\n"
	"when = kev or not kev\n"
	"priority = P1\n"
	"deadline = 14\n"
	"class = recall\n"
	"explain = ssvc, exploitation, safety, nonconformity, exposure, weight, kev, epss, units,"
	" controlled\n"
	"[default]\n"
	"priority = P4\n"
	"deadline = 180\n"
	"class = routine\n";

static const struct {
	const char *args; /* FIELD=VALUE separated by spaces */
	const char *parts; /* the expected reasonParts, JSON */
} cases[] = {
	{ "", "{\"priority\":1,\"class\":\"recall\",\"default\":false,\"rule\":null,\"facts\":"
	      "[{\"fact\":\"controlled\",\"value\":false}]}" },
	{ "kev=2025-03-04 exploitation=active safety=critical exposure=internet units=12400",
	  "{\"priority\":1,\"class\":\"recall\",\"default\":false,\"rule\":null,\"facts\":["
	  "{\"fact\":\"safety\",\"value\":\"critical\"},"
	  "{\"fact\":\"exposure\",\"value\":\"internet\"},"
	  "{\"fact\":\"kev\",\"value\":\"2025-03-04\"},"
	  "{\"fact\":\"units\",\"value\":12400},"
	  "{\"fact\":\"controlled\",\"value\":false}]}" },
	{ "ssvc=out-of-cycle exploitation=public-poc safety=negligible nonconformity=yes"
	  " exposure=local-network weight=high kev=yes epss=0.1234 units=1 controlled=yes",
	  "{\"priority\":1,\"class\":\"recall\",\"default\":false,\"rule\":null,\"facts\":["
	  "{\"fact\":\"ssvc\",\"value\":\"out-of-cycle\"},"
	  "{\"fact\":\"exploitation\",\"value\":\"public-poc\"},"
	  "{\"fact\":\"safety\",\"value\":\"negligible\"},"
	  "{\"fact\":\"nonconformity\",\"value\":true},"
	  "{\"fact\":\"exposure\",\"value\":\"local-network\"},"
	  "{\"fact\":\"weight\",\"value\":\"high\"},"
	  "{\"fact\":\"kev\",\"value\":null},"
	  "{\"fact\":\"epss\",\"value\":0.123},"
	  "{\"fact\":\"units\",\"value\":1},"
	  "{\"fact\":\"controlled\",\"value\":true}]}" },
	{ "ssvc=immediate exploitation=none exposure=physical weight=critical epss=0 units=0",
	  "{\"priority\":1,\"class\":\"recall\",\"default\":false,\"rule\":null,\"facts\":["
	  "{\"fact\":\"ssvc\",\"value\":\"immediate\"},"
	  "{\"fact\":\"exploitation\",\"value\":\"none\"},"
	  "{\"fact\":\"exposure\",\"value\":\"physical\"},"
	  "{\"fact\":\"weight\",\"value\":\"critical\"},"
	  "{\"fact\":\"epss\",\"value\":0.0},"
	  "{\"fact\":\"units\",\"value\":0},"
	  "{\"fact\":\"controlled\",\"value\":false}]}" },
	{ "ssvc=defer exposure=adjacent safety=catastrophic weight=low",
	  "{\"priority\":1,\"class\":\"recall\",\"default\":false,\"rule\":null,\"facts\":["
	  "{\"fact\":\"ssvc\",\"value\":\"defer\"},"
	  "{\"fact\":\"safety\",\"value\":\"catastrophic\"},"
	  "{\"fact\":\"exposure\",\"value\":\"adjacent\"},"
	  "{\"fact\":\"weight\",\"value\":\"low\"},"
	  "{\"fact\":\"controlled\",\"value\":false}]}" },
	/* the only explain fact unknown: "rule quiet" */
	{ "units=2000000000",
	  "{\"priority\":2,\"class\":\"campaign\",\"default\":false,\"rule\":\"quiet\",\"facts\":[]}" },
};

static void test_policy_reasons(void **state)
{
	struct ts_suite suite = { "reason parts", 0, 0 };
	struct psirt_policy *pol;
	size_t i;

	(void)state;
	assert_int_equal(psirt_policy_parse(policy_text, strlen(policy_text), "parts.policy", &pol,
	                                    NULL),
	                 PSIRT_OK);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_policy_input in;
		struct psirt_policy_decision dec;
		struct psirt_buf reason = PSIRT_BUF_INIT;
		char *args = strdup(cases[i].args), *p = args, *sp;
		json_t *got, *want = json_loads(cases[i].parts, 0, NULL);
		char *dump;

		assert_non_null(want);
		psirt_policy_input_init(&in);
		while (p && *p) {
			sp = strchr(p, ' ');
			if (sp)
				*sp = '\0';
			assert_int_equal(psirt_policy_input_set(&in, psirt_str_c(p), NULL), PSIRT_OK);
			p = sp ? sp + 1 : NULL;
		}
		assert_int_equal(psirt_policy_eval(pol, &in, &dec, &reason), PSIRT_OK);
		got = srv__reason_json(reason.p);
		dump = json_dumps(got, JSON_COMPACT);
		ts_case(&suite, json_equal(got, want), "%s: %s -> %s", cases[i].args, reason.p, dump);
		free(dump);
		json_decref(got);
		json_decref(want);
		psirt_buf_release(&reason);
		free(args);
	}
	psirt_policy_free(pol);
	ts_suite_end(&suite);
}

/* Texts that are not a reason, or pieces of another psirt's. */
static void test_not_reasons(void **state)
{
	static const char *const nulls[] = { "", "P5 routine: x", "P1", "P1 : x", "recall: x",
		                             "P1 recall no colon" };
	json_t *j;
	size_t i;

	(void)state;
	assert_true(json_is_null(srv__reason_json(NULL)));
	for (i = 0; i < sizeof nulls / sizeof nulls[0]; i++) {
		j = srv__reason_json(nulls[i]);
		if (!json_is_null(j))
			fail_msg("'%s' taken for a reason", nulls[i]);
	}
	j = srv__reason_json("P4 routine: no rule matched");
	assert_true(json_is_true(json_object_get(j, "default")));
	assert_int_equal(json_array_size(json_object_get(j, "facts")), 0);
	json_decref(j);
	j = srv__reason_json("P3 routine: SSVC scheduled, moon phase full, 3 units");
	assert_int_equal(json_array_size(json_object_get(j, "facts")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "facts"), 1), "fact")), "text");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "facts"), 1), "text")), "moon phase full");
	json_decref(j);
	/* not UTF-8: that piece is left out, the rest stays */
	j = srv__reason_json("P3 routine: SSVC scheduled, \xff\xfe");
	assert_int_equal(json_array_size(json_object_get(j, "facts")), 1);
	json_decref(j);
}

static void test_audit_parts(void **state)
{
	json_t *j, *c;

	(void)state;
	j = srv__audit_parts("priority", "P2 campaign due 2026-02-01", "P4 routine due 2026-07-14",
	                     "state changed: P4 routine: no rule matched");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "old"), "priority")), 2);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "old"), "class")), "campaign");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "new"), "deadline")), "2026-07-14");
	c = json_object_get(j, "comment");
	assert_string_equal(json_string_value(json_object_get(c, "code")), "triage");
	assert_string_equal(json_string_value(json_object_get(c, "why")), "stateChanged");
	assert_true(json_is_true(json_object_get(json_object_get(c, "reason"), "default")));
	json_decref(j);
	/* an analyst's override reason may hold ": P" itself */
	j = srv__audit_parts("priority", NULL, "P1 recall due 2026-02-01",
	                     "SSVC override: see ticket: P1-42: P1 recall: KEV-listed");
	c = json_object_get(j, "comment");
	assert_true(json_is_null(json_object_get(j, "old")));
	assert_string_equal(json_string_value(json_object_get(c, "why")), "override");
	assert_string_equal(json_string_value(json_object_get(c, "arg")), "see ticket: P1-42");
	json_decref(j);
	j = srv__audit_parts("state", "in_triage", "fixed",
	                     "no longer matches: component changed or range corrected");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "comment"), "code")), "noLongerMatches");
	assert_true(json_is_null(json_object_get(j, "new")));
	json_decref(j);
	/* fuzz: the reason right after "SSVC override: " (an empty why) */
	j = srv__audit_parts("priority", NULL, NULL, "SSVC override: P3 routine: SSVC scheduled");
	c = json_object_get(j, "comment");
	assert_string_equal(json_string_value(json_object_get(c, "why")), "text");
	assert_string_equal(json_string_value(json_object_get(c, "arg")), "SSVC override");
	json_decref(j);
	/* an SSVC override row */
	j = srv__audit_parts("ssvc:E", "None (derived)", "Public PoC (overridden)", "seen on a forum");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "old"), "valueKey")), "N");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "new"), "valueKey")), "P");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "new"), "origin")), "overridden");
	assert_true(json_is_null(json_object_get(j, "comment")));
	json_decref(j);
	j = srv__audit_parts("ssvc:E", "Sometimes (derived)", "(x)", NULL);
	assert_true(json_is_null(json_object_get(j, "old")) && json_is_null(json_object_get(j, "new")));
	json_decref(j);
	/* an analyst's comment: nothing to take apart */
	j = srv__audit_parts("state", "in_triage", "affected", "ash is built in");
	assert_true(json_is_null(json_object_get(j, "comment")));
	json_decref(j);
}

static void test_ssvc_inputs(void **state)
{
	json_t *j, *k;
	size_t i;
	int saw_si = 0;

	(void)state;
	j = srv__ssvc_inputs_json(
		"{\"Exploitation\":{\"origin\":\"derived\",\"source\":\"KEV-listed since 2025-03-04\","
		"\"value\":\"Active\"},\"Safety Impact\":{\"origin\":\"derived\",\"source\":"
		"\"product safety class critical\",\"value\":\"Critical\"},\"Automatable\":{\"origin\":"
		"\"overridden\",\"source\":\"checked by hand\",\"value\":\"No\"}}");
	k = json_object_get(j, "known");
	assert_int_equal(json_array_size(k), 3);
	for (i = 0; i < json_array_size(k); i++) {
		json_t *x = json_array_get(k, i);
		const char *key = json_string_value(json_object_get(x, "key"));

		if (!strcmp(key, "E")) {
			assert_string_equal(json_string_value(json_object_get(x, "valueKey")), "A");
			assert_string_equal(json_string_value(json_object_get(json_object_get(x, "sourceInfo"), "code")), "kev");
			assert_string_equal(json_string_value(json_object_get(json_object_get(x, "sourceInfo"), "arg")), "2025-03-04");
		} else if (!strcmp(key, "SI")) {
			saw_si = 1;
			assert_string_equal(json_string_value(json_object_get(x, "valueKey")), "R");
			assert_string_equal(json_string_value(json_object_get(json_object_get(x, "sourceInfo"), "code")), "safety");
			assert_string_equal(json_string_value(json_object_get(json_object_get(x, "sourceInfo"), "arg")), "critical");
		} else {
			assert_string_equal(key, "A");
			assert_string_equal(json_string_value(json_object_get(x, "origin")), "overridden");
			assert_true(json_is_null(json_object_get(x, "sourceInfo")));
		}
	}
	assert_true(saw_si);
	/* Technical Impact and Value Density are not known: the tree lacks them */
	k = json_object_get(j, "missing");
	assert_true(json_array_size(k) >= 2);
	for (i = 0; i < json_array_size(k); i++) {
		const char *key = json_string_value(json_object_get(json_array_get(k, i), "key"));

		assert_true(!strcmp(key, "TI") || !strcmp(key, "VD"));
	}
	json_decref(j);
	/* nothing stored: every leaf of the supplier tree is missing */
	j = srv__ssvc_inputs_json(NULL);
	assert_int_equal(json_array_size(json_object_get(j, "known")), 0);
	assert_true(json_array_size(json_object_get(j, "missing")) >= 4);
	json_decref(j);
}

static void test_error_codes(void **state)
{
	static const struct {
		int status;
		const char *message, *code;
	} t[] = {
		{ 401, "wrong user name or password", "login.failed" },
		{ 429, "too many failed logins: try again later", "login.rateLimited" },
		{ 403, "wrong CSRF token", "csrf" },
		{ 403, "role viewer may not call POST /api/x", "forbidden.role" },
		{ 403, "engineer erin sees only the findings of their products", "forbidden.product" },
		{ 403, "analyst al may not change product 'cam'", "forbidden" },
		{ 400, "not_affected needs a justification (x)", "analysis.needsJustification" },
		{ 400, "the body is empty: send the SBOM", "upload.empty" },
		{ 415, "send a Content-Type", "upload.unsupportedType" },
		{ 404, "no finding 9", "notFound.finding" },
		{ 404, "CVE-2099-1: not in the store", "notFound.vulnerability" },
		{ 404, "no such API resource", "notFound" },
		{ 400, "line 3: expected a value", "badRequest" },
		/* the status decides when the words are alike */
		{ 400, "wrong user name or password", "badRequest" },
		{ 500, "internal error", "internal" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *got = srv__error_code(t[i].status, t[i].message);

		if (strcmp(got, t[i].code))
			fail_msg("%d %s: %s, expected %s", t[i].status, t[i].message, got, t[i].code);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_reasons), cmocka_unit_test(test_not_reasons),
		cmocka_unit_test(test_audit_parts),    cmocka_unit_test(test_ssvc_inputs),
		cmocka_unit_test(test_error_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
