/* The server's findings as JSON text (route_findings.c, written with
 * psirt/jsonw.h, tested byte for byte in tests/util/test_jsonw.c) against
 * jansson: a finding written as text must parse to the very object
 * finding_json builds, whatever its strings hold (quotes, control
 * characters, other scripts, bytes that are not UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "psirt/findings.h"
#include "server/internal.h"
#include "support/support.h"

static const char now[] = "2026-01-15T09:00:00.000Z";

static void test_findings(void **state)
{
	static const struct psirt_finding cases[] = {
		{ .id = 1, .product = "cam", .version = "1.0", .units = -1, .component = "busybox@1.36.1",
		  .component_name = "busybox", .component_version = "1.36.1",
		  .component_purl = "pkg:generic/busybox@1.36.1", .vuln = "CVE-2022-48174",
		  .source = "nvd", .confidence = "high", .first_seen = now, .last_seen = now,
		  .kev = 1, .state = "in_triage", .priority = 1, .deadline = "2026-01-01",
		  .response_class = "recall", .reason = "P1 recall: KEV-listed", .ssvc = "Immediate" },
		{ .id = 9007199254740993LL, .product = "Hearth \"HR\" \\ 3000", .version = "1.0\n\t\r",
		  .units = 0, .component = "", .vuln = "GHSA-x/y", .source = "osv", .confidence = "low",
		  .first_seen = now, .last_seen = now, .state = "not_affected",
		  .justification = "component_not_present", .closed_at = now },
		{ .id = 3, .product = "ルーター \x01\x1f\x7f", .version = "é", .units = 410000,
		  .component = "x@1", .vuln = "CVE-1", .source = "nvd", .confidence = "medium",
		  .first_seen = now, .last_seen = now, .state = "affected", .priority = 4,
		  .deadline = "2099-01-01", .reason = "\xe2\x80\xa8 line separator" },
		/* not UTF-8 (in the fields the tree writes with psirt_json_str):
		 * Latin-1, a lone continuation byte, an overlong '/', a surrogate,
		 * past U+10FFFF, a cut sequence */
		{ .id = 4, .product = "p", .version = "v", .units = 1, .component = "c@1",
		  .component_name = "caf\xe9", .component_version = "\x80", .component_purl = "\xc0\xaf",
		  .vuln = "CVE-2", .source = "nvd", .confidence = "high", .justification = "\xed\xa0\x80",
		  .deadline = "\xf4\x90\x80\x80", .reason = "ok \xe3\x81", .ssvc = "\xe3\x81\x82",
		  .first_seen = now, .last_seen = now, .state = "in_triage" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct psirt_buf b = PSIRT_BUF_INIT;
		json_t *want = srv__finding_json(&cases[i], now), *got;
		json_error_t e;

		assert_non_null(want);
		srv__finding_text(&b, &cases[i], now);
		assert_false(psirt_buf_error(&b));
		got = json_loadb(b.p, b.len, 0, &e);
		if (!got)
			fail_msg("case %zu: %s in %s", i, e.text, b.p);
		if (!json_equal(want, got)) {
			char *w = json_dumps(want, JSON_COMPACT);

			fail_msg("case %zu:\n text %s\n tree %s", i, b.p, w);
		}
		json_decref(want);
		json_decref(got);
		psirt_buf_release(&b);
	}
}

/* Where the tree fails (jansson takes no text that is not UTF-8 for the
 * fields it packs as plain strings), the text answers with the bytes as
 * psirt_json_str writes them. */
static void test_not_utf8(void **state)
{
	struct psirt_finding x = { .id = 5, .product = "caf\xe9 \xc3\xa9", .version = "1",
		                   .units = -1, .component = "", .vuln = "CVE-3", .source = "nvd",
		                   .confidence = "high", .first_seen = now, .last_seen = now,
		                   .state = "in_triage" };
	struct psirt_buf b = PSIRT_BUF_INIT;
	json_t *got;

	(void)state;
	srv__finding_text(&b, &x, now);
	got = json_loadb(b.p, b.len, 0, NULL);
	assert_non_null(got);
	/* every byte past ASCII as \xNN, as psirt_json_str does */
	assert_string_equal(json_string_value(json_object_get(got, "product")), "caf\\xE9 \\xC3\\xA9");
	json_decref(got);
	psirt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_not_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
