/* The SBOM readers' JSON parser (src/sbom/json.c): RFC 8259 conformance,
 * decoding, the token layout, errors with their offsets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbom/json.h"
#include "psirt/buf.h"
#include "support/support.h"

/* Valid documents and the string value at the first string token (or
 * NULL), to check decoding. */
static const struct {
	const char *json;
	const char *first_string;
} valid[] = {
    {"{}", NULL},
    {"[]", NULL},
    {"  \n\t\r[ ]  ", NULL},
    {"\"a\"", "a"},
    {"0", NULL},
    {"-0.5e+10", NULL},
    {"[1, -1, 1.25, 1E3, 0e0, true, false, null]", NULL},
    {"{\"a\": {\"b\": [1, {\"c\": []}]}}", "a"},
    {"\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t"},
    {"\"\\u00e9\\u20AC\"", "\xc3\xa9\xe2\x82\xac"},
    {"\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80"}, /* a surrogate pair */
    {"\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"},
    {"\xef\xbb\xbf{\"bom\": 1}", "bom"}, /* RFC 8259 §8.1: a BOM may be ignored */
    {"{\"k\": 1, \"k\": 2}", "k"},
};

/* Invalid documents: the message and the byte offset of the error. */
static const struct {
	const char *json;
	const char *error;
	size_t offset;
} invalid[] = {
    {"", "empty input", 0},
    {"   ", "empty input", 3},
    {"{", "unexpected end of input", 1},
    {"[1,", "unexpected end of input", 3},
    {"[1 2]", "',' or ']' was expected", 3},
    {"{\"a\" 1}", "':' was expected after a key", 5},
    {"{\"a\":1,}", "a string key was expected", 7},
    {"{1:2}", "a string key was expected", 1},
    {"[1,]", "unexpected character: a value was expected", 3},
    {"{} {}", "text after the end of the JSON document", 3},
    {"01", "text after the end of the JSON document", 1},
    {"-", "bad number", 1},
    {"1.", "bad number: a digit must follow '.'", 2},
    {"1e+", "bad number: a digit must follow the exponent", 3},
    {"tru", "unexpected character: a value was expected", 0},
    {"nul1", "unexpected character: a value was expected", 0},
    {"\"abc", "unterminated string", 0},
    {"\"a\tb\"", "control character in a string (escape it)", 2},
    {"\"\\x\"", "bad escape in a string", 1},
    {"\"\\u12G4\"", "bad \\u escape in a string", 1},
    {"\"\\ud800\"", "lone high surrogate in a string", 1},
    {"\"\\udc00\"", "lone low surrogate in a string", 1},
    {"\"\\ud800\\u0041\"", "lone high surrogate in a string", 1},
    {"\"\\u0000\"", "\\u0000 in a string is not supported", 1},
    {"\"\xc3\x28\"", "invalid UTF-8 in a string", 1},
    {"\"\xe0\x80\x80\"", "invalid UTF-8 in a string", 1},     /* overlong */
    {"\"\xed\xa0\x80\"", "invalid UTF-8 in a string", 1},     /* a UTF-16 surrogate */
    {"\"\xf4\x90\x80\x80\"", "invalid UTF-8 in a string", 1}, /* beyond U+10FFFF */
    {"\"\xe2\x82", "invalid UTF-8 in a string", 1},           /* cut */
    {"[\"a\", 'b']", "unexpected character: a value was expected", 6},
};

static void test_valid(void **state)
{
	struct ts_suite s = {"json-valid", 0, 0};
	size_t i, k;

	for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		struct psirt_arena a;
		struct sbom__json j;
		enum psirt_err err;
		const char *first = NULL;

		psirt_arena_init(&a, 0);
		err = sbom__json_parse(&j, valid[i].json, strlen(valid[i].json), &a);
		for (k = 0; !err && k < j.n && !first; k++)
			if (j.tok[k].type == SBOM__J_STRING)
				first = j.tok[k].s;
		ts_case(&s,
		        !err && j.tok[0].skip == j.n &&
		            (valid[i].first_string ? first && !strcmp(first, valid[i].first_string)
		                                   : 1),
		        "%s: %s", valid[i].json, err ? j.error : "wrong value");
		sbom__json_release(&j);
		psirt_arena_release(&a);
	}
	ts_suite_end(&s);
}

static void test_invalid(void **state)
{
	struct ts_suite s = {"json-invalid", 0, 0};
	size_t i;

	for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		struct psirt_arena a;
		struct sbom__json j;
		enum psirt_err err;

		psirt_arena_init(&a, 0);
		err = sbom__json_parse(&j, invalid[i].json, strlen(invalid[i].json), &a);
		ts_case(&s,
		        err == PSIRT_EINVAL && j.error && !strcmp(j.error, invalid[i].error) &&
		            j.error_offset == invalid[i].offset,
		        "%s: got %s at %zu, expected %s at %zu", invalid[i].json,
		        err ? j.error : "success", err ? j.error_offset : 0, invalid[i].error,
		        invalid[i].offset);
		sbom__json_release(&j);
		psirt_arena_release(&a);
	}
	ts_suite_end(&s);
}

/* The token layout: sizes, skips, lookups (the last duplicate wins). */
static void test_layout(void **state)
{
	static const char doc[] = "{\"a\": [1, {\"x\": \"y\"}, []], \"b\": \"c\", \"a\": \"last\"}";
	struct psirt_arena a;
	struct sbom__json j;
	const struct sbom__jtok *root, *v, *e;
	size_t i, n = 0;

	psirt_arena_init(&a, 0);
	assert_int_equal(sbom__json_parse(&j, doc, strlen(doc), &a), PSIRT_OK);
	root = j.tok;
	assert_int_equal(root->type, SBOM__J_OBJECT);
	assert_int_equal(root->len, 3);
	assert_int_equal(root->skip, j.n);
	assert_string_equal(sbom__jstr(sbom__json_get(root, "a")), "last");
	assert_string_equal(sbom__jstr(sbom__json_get(root, "b")), "c");
	assert_null(sbom__json_get(root, "z"));
	assert_null(sbom__json_get(sbom__json_get(root, "b"), "b")); /* not an object */
	v = root + 2;                                                /* the first "a" */
	assert_int_equal(v->type, SBOM__J_ARRAY);
	assert_int_equal(v->len, 3);
	sbom__json_foreach(v, i, e) n++;
	assert_int_equal(n, 3);
	assert_string_equal(sbom__jstr(sbom__json_get(v + 2, "x")), "y");
	n = 0;
	sbom__json_foreach(root, i, e) n++; /* not an array: nothing */
	assert_int_equal(n, 0);
	sbom__json_release(&j);

	/* depth cap */
	{
		struct psirt_buf b = PSIRT_BUF_INIT;
		for (i = 0; i < SBOM__JSON_MAX_DEPTH; i++)
			psirt_buf_addch(&b, '[');
		for (i = 0; i < SBOM__JSON_MAX_DEPTH; i++)
			psirt_buf_addch(&b, ']');
		assert_int_equal(sbom__json_parse(&j, b.p, b.len, &a), PSIRT_OK);
		sbom__json_release(&j);
		psirt_buf_reset(&b);
		for (i = 0; i <= SBOM__JSON_MAX_DEPTH; i++)
			psirt_buf_addch(&b, '[');
		assert_int_equal(sbom__json_parse(&j, b.p, b.len, &a), PSIRT_ETOOBIG);
		assert_string_equal(j.error, "JSON nested deeper than 512 levels");
		sbom__json_release(&j);
		psirt_buf_release(&b);
	}
	psirt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid),
	    cmocka_unit_test(test_invalid),
	    cmocka_unit_test(test_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
