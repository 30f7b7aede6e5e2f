/* Unit tests of src/util: diagnostic, string builder, arena, map, views. */
#include <stdlib.h>
#include <string.h>

#include "support/support.h"
#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/map.h"
#include "psirt/str.h"

static void test_errnames(void **state)
{
	assert_string_equal(psirt_errname(PSIRT_EINVAL), "INVAL");
	assert_string_equal(psirt_strerror(PSIRT_ENOMEM), "out of memory");
	assert_string_equal(psirt_errname((enum psirt_err)999), "UNKNOWN");
}

static void test_diag_first_error_wins(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char *line;

	assert_int_equal(psirt_diag_set(&d, PSIRT_EINVAL, "bad %s", "thing"), PSIRT_EINVAL);
	psirt_diag_set_column(&d, 7);
	assert_int_equal(psirt_diag_set(&d, PSIRT_ENOMEM, "later"), PSIRT_ENOMEM);
	psirt_diag_set_column(&d, 9); /* inner place kept */
	psirt_diag_set_file(&d, "a.json");
	psirt_diag_set_line(&d, 3, 0);
	assert_int_equal(d.code, PSIRT_EINVAL);
	assert_string_equal(d.message, "bad thing");
	line = psirt_diag_format(&d);
	assert_string_equal(line, "a.json:3:7: bad thing");
	free(line);
	psirt_diag_release(&d);
	assert_int_equal(d.code, PSIRT_OK);
	assert_null(d.message);
	/* a success leaves it untouched; place setters do nothing without error */
	psirt_diag_set_column(&d, 4);
	assert_int_equal(d.column, 0);
	assert_int_equal(psirt_diag_set(NULL, PSIRT_EIO, "x"), PSIRT_EIO);
}

static void test_diag_format_variants(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char *line;

	psirt_diag_set(&d, PSIRT_EINVAL, "unexpected end");
	psirt_diag_set_where(&d, "CVE-2021-44228");
	psirt_diag_set_offset(&d, 11);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "byte 10: CVE-2021-44228: unexpected end");
	free(line);
	psirt_diag_release(&d);
	psirt_diag_set(&d, PSIRT_EINVAL, "bad char");
	psirt_diag_set_column(&d, 5);
	line = psirt_diag_format(&d);
	assert_string_equal(line, "column 5: bad char");
	free(line);
	psirt_diag_release(&d);
}

static void test_buf(void **state)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	char *s;
	size_t len;
	int i;

	assert_string_equal(b.p, "");
	psirt_buf_adds(&b, "abc");
	psirt_buf_addch(&b, '-');
	psirt_buf_addf(&b, "%d/%s", 42, "x");
	assert_string_equal(b.p, "abc-42/x");
	for (i = 0; i < 1000; i++)
		psirt_buf_addf(&b, "%04d", i);
	assert_int_equal(b.len, 8 + 4000);
	psirt_buf_truncate(&b, 3);
	assert_string_equal(b.p, "abc");
	s = psirt_buf_detach(&b, &len);
	assert_string_equal(s, "abc");
	assert_int_equal(len, 3);
	assert_string_equal(b.p, "");
	free(s);
	/* detaching an empty buffer gives an owned empty string */
	s = psirt_buf_detach(&b, NULL);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void test_buf_cap_is_sticky(void **state)
{
	struct psirt_buf b;

	psirt_buf_init(&b, 8);
	psirt_buf_adds(&b, "12345678");
	assert_int_equal(psirt_buf_error(&b), PSIRT_OK);
	psirt_buf_adds(&b, "9");
	assert_int_equal(psirt_buf_error(&b), PSIRT_ETOOBIG);
	assert_string_equal(b.p, "12345678"); /* content as before the failed call */
	psirt_buf_adds(&b, "");
	psirt_buf_addf(&b, "%s", "more");
	assert_int_equal(b.len, 8);
	assert_null(psirt_buf_detach(&b, NULL));
	psirt_buf_init(&b, 4);
	psirt_buf_addf(&b, "%s", "toolong");
	assert_int_equal(psirt_buf_error(&b), PSIRT_ETOOBIG);
	psirt_buf_release(&b);
}

static void test_arena(void **state)
{
	struct psirt_arena a;
	char *s, *big;
	int i;

	psirt_arena_init(&a, 256);
	for (i = 0; i < 1000; i++) {
		s = psirt_arena_strdup(&a, "hello");
		assert_string_equal(s, "hello");
		assert_int_equal((uintptr_t)s % 16, 0);
	}
	big = psirt_arena_alloc(&a, 10000);
	assert_non_null(big);
	memset(big, 'x', 10000);
	s = psirt_arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	assert_null(psirt_arena_alloc(&a, SIZE_MAX));
	assert_null(psirt_arena_calloc(&a, SIZE_MAX / 2, 4));
	psirt_arena_release(&a);
	assert_null(a.head);
}

static void test_map(void **state)
{
	struct psirt_map m = PSIRT_MAP_INIT;
	char key[32];
	void *old;
	size_t pos = 0, seen = 0;
	int i, vals[5000];

	for (i = 0; i < 5000; i++) {
		vals[i] = i;
		snprintf(key, sizeof key, "pkg:npm/k%d", i);
		assert_int_equal(psirt_map_put(&m, key, strlen(key), &vals[i], &old), PSIRT_OK);
		assert_null(old);
	}
	assert_int_equal(m.count, 5000);
	for (i = 0; i < 5000; i += 2) {
		snprintf(key, sizeof key, "pkg:npm/k%d", i);
		assert_ptr_equal(psirt_map_del(&m, key, strlen(key)), &vals[i]);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "pkg:npm/k%d", i);
		if (i % 2)
			assert_ptr_equal(psirt_map_get(&m, key, strlen(key)), &vals[i]);
		else
			assert_false(psirt_map_has(&m, key, strlen(key)));
	}
	assert_int_equal(psirt_map_put(&m, "pkg:npm/k1", 10, &vals[7], &old), PSIRT_OK);
	assert_ptr_equal(old, &vals[1]);
	while (psirt_map_next(&m, &pos, NULL, NULL, NULL))
		seen++;
	assert_int_equal(seen, 2500);
	/* keys are byte strings: embedded NUL and empty keys are distinct keys */
	assert_int_equal(psirt_map_put(&m, "a\0b", 3, &vals[0], NULL), PSIRT_OK);
	assert_int_equal(psirt_map_put(&m, "", 0, &vals[2], NULL), PSIRT_OK);
	assert_ptr_equal(psirt_map_get(&m, "a\0b", 3), &vals[0]);
	assert_null(psirt_map_get(&m, "a", 1));
	assert_ptr_equal(psirt_map_get(&m, "", 0), &vals[2]);
	psirt_map_release(&m);
}

static void test_str(void **state)
{
	unsigned long long v;

	assert_true(psirt_str_eq(psirt_str_make("abcd", 3), "abc"));
	assert_false(psirt_str_eq(psirt_str_make("abcd", 3), "abcd"));
	assert_true(psirt_str_ieq(psirt_str_c("OpenSSL"), "openssl"));
	assert_false(psirt_str_ieq(psirt_str_c("OpenSS"), "openssl"));
	assert_true(psirt_str_startswith(psirt_str_c("pkg:deb"), "pkg:"));
	assert_int_equal(psirt_strcasecmp("ABC", "abd") < 0, 1);
	assert_int_equal(psirt_str_to_u64(psirt_str_c("18446744073709551615"), ~0ull, &v), 0);
	assert_true(v == ~0ull);
	assert_int_equal(psirt_str_to_u64(psirt_str_c("18446744073709551616"), ~0ull, &v), -1);
	assert_int_equal(psirt_str_to_u64(psirt_str_c("12a"), ~0ull, &v), -1);
	/* a one-digit value above a one-digit max (max - d used to wrap) */
	assert_int_equal(psirt_str_to_u64(psirt_str_c("5"), 4, &v), -1);
	assert_int_equal(psirt_str_to_u64(psirt_str_c("4"), 4, &v), 0);
	assert_int_equal(psirt_str_to_u64(psirt_str_c("15"), 14, &v), -1);
	assert_int_equal(psirt_str_to_u64(psirt_str_c(""), ~0ull, &v), -1);
	assert_int_equal(psirt_str_to_u64(psirt_str_c("300"), 255, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errnames),
		cmocka_unit_test(test_diag_first_error_wins),
		cmocka_unit_test(test_diag_format_variants),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_buf_cap_is_sticky),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_str),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
