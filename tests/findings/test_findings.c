/* Unit tests of src/findings: the built-in policy matches the shipped file,
 * state and justification vocabularies. The end-to-end scenario over real
 * records (match, upgrade -> fixed, rejected -> withdrawn, scope product,
 * policy change with audit) is tests/cli/findings.t. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "psirt/findings.h"
#include "psirt/policy.h"

/* The compiled-in default has the shipped file's canonical text: the same
 * fingerprint (run from the repository root, as make check does). */
static void test_default_policy_is_the_file(void **state)
{
	struct psirt_policy *file = NULL, *builtin = NULL;
	size_t len;
	const char *text = psirt_findings_default_policy(&len);

	(void)state;
	assert_int_equal(psirt_policy_load("data/policy/default.policy", &file, NULL), PSIRT_OK);
	assert_int_equal(psirt_policy_parse(text, len, "builtin", &builtin, NULL), PSIRT_OK);
	assert_string_equal(psirt_policy_fingerprint(file), psirt_policy_fingerprint(builtin));
	psirt_policy_free(file);
	psirt_policy_free(builtin);
}

static void test_states(void **state)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "in_triage", PSIRT_FINDING_IN_TRIAGE },
		{ "affected", PSIRT_FINDING_AFFECTED },
		{ "not_affected", PSIRT_FINDING_NOT_AFFECTED },
		{ "fixed", PSIRT_FINDING_FIXED },
		{ "false_positive", PSIRT_FINDING_FALSE_POSITIVE },
		{ "withdrawn", PSIRT_FINDING_WITHDRAWN },
		{ "Fixed", -1 },
		{ "", -1 },
		{ "under_investigation", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(psirt_finding_state_parse(cases[i].text), cases[i].want);
		if (cases[i].want >= 0)
			assert_string_equal(psirt_finding_state_name(cases[i].want), cases[i].text);
	}
	assert_string_equal(psirt_finding_state_name(PSIRT_FINDING__STATES), "?");
}

static void test_justifications(void **state)
{
	(void)state;
	assert_true(psirt_finding_justification_valid("component_not_present"));
	assert_true(psirt_finding_justification_valid("vulnerable_code_not_present"));
	assert_true(psirt_finding_justification_valid("vulnerable_code_not_in_execute_path"));
	assert_true(
		psirt_finding_justification_valid("vulnerable_code_cannot_be_controlled_by_adversary"));
	assert_true(psirt_finding_justification_valid("inline_mitigations_already_exist"));
	assert_false(psirt_finding_justification_valid("code_not_reachable")); /* CycloneDX's own */
	assert_false(psirt_finding_justification_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_policy_is_the_file),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_justifications),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
