/* Test support: fixture loading for the cmocka programs.
 *
 * Tests run from the repository root (the Makefile's scripts do so); fixture
 * paths are relative to tests/data/ unless PSIRT_TEST_DATA names another
 * folder. Every function fails the running test (cmocka's fail_msg) when a
 * fixture is missing, so a test can never pass by not reading its data.
 */
#ifndef PSIRT_TEST_SUPPORT_H
#define PSIRT_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

/* Full path of a fixture; returns owned memory (free with free()). */
char *ts_data_path(const char *relative);
/* Whole file, NUL-terminated; returns owned memory (free with free()). */
char *ts_read_file(const char *relative, size_t *len);
/* Parsed JSON document; returns a new reference (json_decref). */
json_t *ts_load_json(const char *relative);

/* Iterates the lines of a text buffer in place: returns the next line with
 * its '\n' (and a '\r' before it) replaced by NUL, or NULL at the end.
 * *cursor starts at the buffer and is advanced. */
char *ts_next_line(char **cursor);

/* Counts cases of a table-driven suite and prints "NAME: N cases, F failed"
 * (scripts/run-tests.sh shows these lines). A failure message is printed for
 * each of the first 50 failures; ts_suite_end fails the test if any failed. */
struct ts_suite {
	const char *name;
	unsigned long cases, failed;
};
void ts_case(struct ts_suite *s, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ts_suite_end(struct ts_suite *s);

#endif
