/* String views (see include/psirt/str.h). */
#include "psirt/str.h"

int psirt_str_eq(struct psirt_str s, const char *c)
{
	size_t n = strlen(c);
	return s.len == n && (n == 0 || !memcmp(s.p, c, n));
}

int psirt_str_ieq(struct psirt_str s, const char *c)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!c[i] || psirt_tolower((unsigned char)s.p[i]) != psirt_tolower((unsigned char)c[i]))
			return 0;
	}
	return c[i] == '\0';
}

int psirt_str_startswith(struct psirt_str s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.len >= n && (n == 0 || !memcmp(s.p, prefix, n));
}

int psirt_strcasecmp(const char *a, const char *b)
{
	int ca, cb;

	do {
		ca = psirt_tolower((unsigned char)*a++);
		cb = psirt_tolower((unsigned char)*b++);
	} while (ca && ca == cb);
	return ca - cb;
}

int psirt_str_to_u64(struct psirt_str s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (!s.len)
		return -1;
	for (i = 0; i < s.len; i++) {
		unsigned d;
		if (!psirt_isdigit((unsigned char)s.p[i]))
			return -1;
		d = (unsigned)(s.p[i] - '0');
		/* d > max first: max - d would wrap for a small max */
		if (d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}
