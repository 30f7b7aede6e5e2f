/* The JSON text writer (psirt/jsonw.h) byte for byte against jansson's
 * json_dumps(JSON_COMPACT) of the same values: strings (escapes, other
 * scripts, bytes that are not UTF-8 as psirt_json_str makes them), null,
 * keys, integers at their limits; and the UTF-8 check against what
 * json_string takes. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/jsonw.h"
#include "psirt/portfolio.h"
#include "support/support.h"

/* Valid UTF-8 and not; each as the writer sees it and as jansson does. */
static const char *const strings[] = {
	"", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t\x01\x1f", "\x7f", "\"\"\\\\",
	"日本語", "\xf0\x9f\x94\x92 lock", "\xe2\x80\xa8", "\xc2\x80", "\xef\xbf\xbf",
	"\xf4\x8f\xbf\xbf", "end \\", "\xc3\xa9\n\"\xc3\xa9",
	/* not UTF-8: Latin-1, a lone continuation byte, an overlong '/', an
	 * overlong 3-byte form, a surrogate, past U+10FFFF, a cut sequence, a
	 * lead byte never valid, and control characters beside them */
	"caf\xe9", "\x80", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	"ok \xe3\x81", "\xf5\x80\x80\x80", "\xff", "\"\x01\xe9\n\\", "\xe3\x81\x82\xe3",
};

static void test_strings(void **state)
{
	struct ts_suite s = { "jsonw strings", 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		struct psirt_buf b = PSIRT_BUF_INIT;
		json_t *v = psirt_json_str(strings[i]);
		char *want = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

		if (!want)
			fail_msg("string %zu: no tree", i);
		psirt_jsonw_str(&b, strings[i]);
		ts_case(&s, !psirt_buf_error(&b) && !strcmp(b.p, want), "string %zu: %s, want %s", i,
		        b.p, want);
		free(want);
		json_decref(v);
		psirt_buf_release(&b);
	}
	ts_suite_end(&s);
}

static void test_utf8_valid(void **state)
{
	struct ts_suite s = { "jsonw utf8", 0, 0 };
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		json_t *v = json_string(strings[i]);

		bad += !v;
		ts_case(&s, psirt_jsonw_utf8_valid(strings[i]) == (v != NULL), "string %zu", i);
		json_decref(v);
	}
	ts_suite_end(&s);
	/* both kinds were tried */
	assert_int_equal(bad, 11);
}

/* A member written only when its value is UTF-8, in one pass: after a
 * member already written ("{\"a\":1,...}") and as the first one, against
 * jansson's object where json_string refused what is not UTF-8 (so
 * json_object_set_new set nothing), and against the two-pass way
 * (psirt_jsonw_utf8_valid, then key and psirt_jsonw_str). */
static void check_member(struct ts_suite *s, const char *label, size_t i, const char *str)
{
	size_t first;

	for (first = 0; first < 2; first++) {
		struct psirt_buf b = PSIRT_BUF_INIT, two = PSIRT_BUF_INIT;
		json_t *o = json_object();
		char *want;
		int put;

		if (!first)
			json_object_set_new(o, "a", json_integer(1));
		json_object_set_new(o, "k", str ? json_string(str) : json_null());
		want = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		psirt_buf_addch(&b, '{');
		psirt_buf_addch(&two, '{');
		if (!first) {
			psirt_jsonw_key(&b, 1, "a");
			psirt_jsonw_int(&b, 1);
			psirt_jsonw_key(&two, 1, "a");
			psirt_jsonw_int(&two, 1);
		}
		put = psirt_jsonw_member_utf8(&b, (int)first, "k", str);
		psirt_buf_addch(&b, '}');
		if (!str || psirt_jsonw_utf8_valid(str)) {
			psirt_jsonw_key(&two, (int)first, "k");
			psirt_jsonw_str(&two, str);
		}
		psirt_buf_addch(&two, '}');
		ts_case(s,
		        want && !psirt_buf_error(&b) && !strcmp(b.p, want) && !strcmp(b.p, two.p) &&
		            put == (!str || json_object_get(o, "k") != NULL),
		        "%s %zu, first %zu: %s, want %s (put %d)", label, i, first, b.p,
		        want ? want : "?", put);
		free(want);
		json_decref(o);
		psirt_buf_release(&b);
		psirt_buf_release(&two);
	}
}

static void test_member_utf8(void **state)
{
	/* each put at every place of a 3-word text: the writer skips runs a
	 * word (8 bytes) at a time */
	static const char *const odd[] = { "\x01", "\x1f", "\"", "\\", "\x7f", " ", "\xc3\xa9",
		                           "\xe2\x80\xa8", "\xf0\x9f\x94\x92", "\xff", "\xc3",
		                           "\xed\xa0\x80", "\x21", "\x23", "\x5b", "\x5d" };
	struct ts_suite s = { "jsonw member", 0, 0 };
	char text[64];
	size_t i, at, k;

	(void)state;
	for (i = 0; i < sizeof strings / sizeof strings[0]; i++)
		check_member(&s, "string", i, strings[i]);
	check_member(&s, "null", 0, NULL);
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		for (at = 0; at <= 24; at++) {
			size_t n = strlen(odd[i]);

			for (k = 0; k < at; k++)
				text[k] = (char)('a' + k % 26);
			memcpy(text + at, odd[i], n);
			for (k = at + n; k < 24 + n; k++)
				text[k] = (char)('A' + k % 26);
			text[24 + n] = '\0';
			check_member(&s, "odd byte at", i * 100 + at, text);
		}
	}
	ts_suite_end(&s);
}

/* Members one after another into one buffer, which grows many times on
 * the way (the writer reserves once per plain member and writes in
 * place), against the two-pass way; keys of every length to 40. */
static void test_member_run(void **state)
{
	static const char keys[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
	struct psirt_buf b = PSIRT_BUF_INIT, two = PSIRT_BUF_INIT;
	char key[sizeof keys];
	size_t i, n = sizeof strings / sizeof strings[0], put = 0, want = 0;
	int first = 1;

	(void)state;
	for (i = 0; i < 400; i++) {
		const char *str = i % (n + 1) < n ? strings[i % (n + 1)] : NULL;
		size_t klen = i % sizeof keys;

		memcpy(key, keys, klen);
		key[klen] = '\0';
		if (psirt_jsonw_member_utf8(&b, first, key, str)) {
			psirt_jsonw_key(&two, first, key);
			psirt_jsonw_str(&two, str);
			first = 0;
			put++;
		}
	}
	assert_false(psirt_buf_error(&b));
	assert_false(psirt_buf_error(&two));
	assert_true(b.len > 4096);
	assert_int_equal(b.len, strlen(b.p));
	assert_string_equal(b.p, two.p);
	/* the UTF-8 strings and NULL were put, the others left out */
	for (i = 0; i < 400; i++) /* the last 11 strings are not UTF-8 */
		want += i % (n + 1) == n || i % (n + 1) < n - 11;
	assert_int_equal(put, want);
	psirt_buf_release(&b);
	psirt_buf_release(&two);
}

static void test_null_key_int(void **state)
{
	static const long long ints[] = { 0, 1, -1, 9, 10, -10, 42, 9007199254740993LL,
		                          LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
	struct psirt_buf b = PSIRT_BUF_INIT;
	size_t i;

	(void)state;
	psirt_jsonw_str(&b, NULL);
	psirt_jsonw_key(&b, 0, "k");
	psirt_jsonw_int(&b, LLONG_MIN);
	assert_false(psirt_buf_error(&b));
	assert_string_equal(b.p, "null,\"k\":-9223372036854775808");
	psirt_buf_reset(&b);
	psirt_buf_addch(&b, '{');
	psirt_jsonw_key(&b, 1, "a");
	psirt_jsonw_int(&b, 1);
	psirt_jsonw_key(&b, 0, "b");
	psirt_jsonw_str(&b, "x");
	psirt_buf_addch(&b, '}');
	assert_string_equal(b.p, "{\"a\":1,\"b\":\"x\"}");
	for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		json_t *v = json_integer(ints[i]);
		char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		psirt_buf_reset(&b);
		psirt_jsonw_int(&b, ints[i]);
		assert_string_equal(b.p, want);
		free(want);
		json_decref(v);
	}
	psirt_buf_release(&b);
}

/* The buffer's sticky error stops the writer: a cap too small. */
static void test_too_big(void **state)
{
	struct psirt_buf b;

	(void)state;
	psirt_buf_init(&b, 8);
	psirt_jsonw_str(&b, "a \"quoted\" text");
	assert_int_equal(psirt_buf_error(&b), PSIRT_ETOOBIG);
	psirt_jsonw_int(&b, 1);
	psirt_jsonw_key(&b, 0, "k");
	assert_int_equal(psirt_buf_error(&b), PSIRT_ETOOBIG);
	assert_true(b.len <= 8);
	psirt_buf_release(&b);
	/* a plain member that does not fit: the error, nothing of it written;
	 * one that fits after it: nothing either */
	psirt_buf_init(&b, 16);
	psirt_buf_addch(&b, '{');
	assert_int_equal(psirt_jsonw_member_utf8(&b, 1, "key", "a plain value"), 1);
	assert_int_equal(psirt_buf_error(&b), PSIRT_ETOOBIG);
	assert_string_equal(b.p, "{");
	psirt_jsonw_member_utf8(&b, 1, "k", "v");
	assert_string_equal(b.p, "{");
	psirt_buf_release(&b);
	/* exactly at the cap, with the comma and without: written */
	psirt_buf_init(&b, 9);
	assert_int_equal(psirt_jsonw_member_utf8(&b, 0, "k", "ab"), 1);
	assert_false(psirt_buf_error(&b));
	assert_string_equal(b.p, ",\"k\":\"ab\"");
	psirt_buf_release(&b);
	psirt_buf_init(&b, 8);
	assert_int_equal(psirt_jsonw_member_utf8(&b, 1, "k", "ab"), 1);
	assert_false(psirt_buf_error(&b));
	assert_string_equal(b.p, "\"k\":\"ab\"");
	psirt_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_member_utf8),
		cmocka_unit_test(test_member_run),
		cmocka_unit_test(test_null_key_int),
		cmocka_unit_test(test_too_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
