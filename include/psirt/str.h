/* psirt — string views and small text helpers for parsers.
 *
 * Parsers take views and move a cursor forward (curl's strparse): nothing is
 * copied until it must be kept. A view does not own its bytes and need not be
 * NUL-terminated.
 */
#ifndef PSIRT_STR_H
#define PSIRT_STR_H

#include <stddef.h>
#include <string.h>

struct psirt_str {
	const char *p;
	size_t len;
};

#define PSIRT_STR_NULL ((struct psirt_str){ NULL, 0 })

static inline struct psirt_str psirt_str_make(const char *p, size_t len)
{
	struct psirt_str s = { p, len };
	return s;
}

static inline struct psirt_str psirt_str_c(const char *s)
{
	return psirt_str_make(s, s ? strlen(s) : 0);
}

/* Locale-independent ASCII classification: the C library's versions depend
 * on the locale, and none of our formats do. */
static inline int psirt_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int psirt_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int psirt_isalnum(int c) { return psirt_isdigit(c) || psirt_isalpha(c); }
static inline int psirt_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int psirt_islower(int c) { return c >= 'a' && c <= 'z'; }
static inline int psirt_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline int psirt_isxdigit(int c)
{
	return psirt_isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline int psirt_tolower(int c) { return psirt_isupper(c) ? c + 32 : c; }
static inline int psirt_toupper(int c) { return psirt_islower(c) ? c - 32 : c; }

/* Byte-wise equality of a view with a C string. */
int psirt_str_eq(struct psirt_str s, const char *c);
/* ASCII case-insensitive equality of a view with a C string. */
int psirt_str_ieq(struct psirt_str s, const char *c);
/* Does the view start with prefix (byte-wise)? */
int psirt_str_startswith(struct psirt_str s, const char *prefix);
/* ASCII case-insensitive comparison of NUL-terminated strings, like
 * strcasecmp but locale-independent. */
int psirt_strcasecmp(const char *a, const char *b);

/* Parses a decimal number of at most max without sign or spaces, consuming
 * all of s. Returns 0 on success, -1 on empty input, a non-digit or overflow. */
int psirt_str_to_u64(struct psirt_str s, unsigned long long max,
                     unsigned long long *out);

#endif
