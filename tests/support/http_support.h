/* Test support for the server tests that talk HTTP (tests/server): reading
 * an answer's headers, and `psirt serve` run as a program. Every function
 * fails the running test (cmocka) when it cannot do its job. */
#ifndef PSIRT_TEST_HTTP_SUPPORT_H
#define PSIRT_TEST_HTTP_SUPPORT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The value of the header name (case-insensitive) in head, an answer's
 * status line and header lines separated by CRLF, copied into buf (cut to
 * size - 1 bytes; leading spaces skipped); NULL when absent. */
const char *ts_http_header(const char *head, const char *name, char *buf, size_t size);

/* The psirt program of this test's build (BUILD/psirt, from the test's own
 * path BUILD/tests/<module>/test_x) into bin; it must be executable. */
void ts_psirt_bin(char *bin, size_t size);
/* Starts psirt with args (NULL-terminated, without the program's name),
 * its standard output read through *out; returns its pid. */
pid_t ts_psirt_start(const char *const *args, FILE **out);
/* Stops psirt with SIGTERM: it must exit with 0. Closes out. */
void ts_psirt_stop(pid_t pid, FILE *out);

#endif
