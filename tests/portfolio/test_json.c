/* The portfolio's JSON shapes (src/portfolio/json.c): what the API's tests
 * do not reach — text that is not UTF-8, the evidence split, full. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "psirt/portfolio.h"
#include "support/support.h"

/* o serialised compactly with keys in insertion order; freed by the
 * caller. */
static char *dump(json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) : NULL;

	json_decref(o);
	return s;
}

static void check(struct ts_suite *s, const char *what, json_t *o, const char *want)
{
	char *got = dump(o);

	ts_case(s, got && !strcmp(got, want), "%s: got %s, want %s", what, got ? got : "(null)",
	        want);
	free(got);
}

static void test_strings(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ NULL, "null" },
		{ "", "\"\"" },
		{ "abc", "\"abc\"" },
		{ "caf\xC3\xA9", "\"caf\xC3\xA9\"" },        /* UTF-8 kept */
		{ "caf\xE9", "\"caf\\\\xE9\"" },             /* Latin-1: \xNN text */
		{ "\xFF\xFE x", "\"\\\\xFF\\\\xFE x\"" },
	};
	struct ts_suite s = { .name = "json strings" };

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check(&s, cases[i].in ? cases[i].in : "NULL", psirt_json_str(cases[i].in),
		      cases[i].want);
	ts_suite_end(&s);
}

static void test_component(void **state)
{
	struct psirt_sbom_property props[] = {
		{ "psirt:fwscan:source", "signature" },
		{ "psirt:fwscan:evidence", "/bin/busybox@0x10: BusyBox v1.36.1" },
		{ "psirt:fwscan:evidence", NULL }, /* no value: stays a property */
		{ "note", "caf\xE9" },
	};
	struct psirt_sbom_component c = {
		.ref = "r1", .type = PSIRT_SBOM_TYPE_LIBRARY, .name = "busybox",
		.version = "1.36.1", .properties = props, .n_properties = 4,
		.flags = PSIRT_SBOM_C_NO_IDENTITY, .index = 3,
	};
	struct ts_suite s = { .name = "json component" };

	(void)state;
	check(&s, "component", psirt_component_json(&c),
	      "{\"index\":3,\"ref\":\"r1\",\"parent\":null,\"type\":\"library\",\"scope\":null,"
	      "\"group\":null,\"name\":\"busybox\",\"version\":\"1.36.1\",\"supplier\":null,"
	      "\"description\":null,\"purl\":null,\"cpes\":[],\"flags\":[\"no-identity\"],"
	      "\"evidence\":[\"/bin/busybox@0x10: BusyBox v1.36.1\"],\"hashes\":[],"
	      "\"licenses\":[],\"properties\":[{\"name\":\"psirt:fwscan:source\",\"value\":"
	      "\"signature\"},{\"name\":\"psirt:fwscan:evidence\",\"value\":null},{\"name\":"
	      "\"note\",\"value\":\"caf\\\\xE9\"}]}");
	ts_suite_end(&s);
}

static void test_product(void **state)
{
	struct psirt_hw_model hw[] = { { .model = "CV25", .cpe = NULL } };
	const char *regimes[] = { "CRA" };
	struct psirt_product p = {
		.name = "cam", .hardware = hw, .n_hardware = 1, .regimes = regimes,
		.n_regimes = 1, .n_versions = 2,
	};
	struct ts_suite s = { .name = "json product" };
	char *brief = dump(psirt_product_json(&p, 0)), *full = dump(psirt_product_json(&p, 1));

	(void)state;
	ts_case(&s, brief && !strstr(brief, "hardware") && !strstr(brief, "regimes"),
	        "full=0 leaves hardware and regimes out: %s", brief ? brief : "(null)");
	ts_case(&s,
	        full && strstr(full, ",\"hardware\":[{\"model\":\"CV25\",\"cpe\":null}],"
	                             "\"regimes\":[\"CRA\"],\"versionCount\":2,"),
	        "full=1 adds them before versionCount: %s", full ? full : "(null)");
	free(brief);
	free(full);
	ts_suite_end(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_component),
		cmocka_unit_test(test_product),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
