/* Helpers shared by the Linux-distribution version schemes: deb, rpm, apk
 * and opkg (see src/version/internal.h). Nothing here allocates. */
#include <stdarg.h>
#include <string.h>

#include "version/internal.h"

/* Generated from the definitions in internal.h; tests/version/test_vdist.c
 * checks every byte against them. Bytes 0x80-0xff are in no class. */
const unsigned char version__ctype[256] = {
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* 0x00 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, /* 0x20  !"#$%&' */
	0x40, 0x40, 0x40, 0x78, 0x40, 0x48, 0x78, 0x40, /* ()*+,-./ */
	0xf9, 0xf9, 0xf9, 0xf9, 0xf9, 0xf9, 0xf9, 0xf9, /* 01234567 */
	0xf9, 0xf9, 0x48, 0x40, 0x40, 0x40, 0x40, 0x40, /* 89:;<=>? */
	0x40, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, /* @A-G */
	0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, /* H-O */
	0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, 0x7a, /* P-W */
	0x7a, 0x7a, 0x7a, 0x40, 0x40, 0x40, 0x60, 0x60, /* XYZ[\]^_ */
	0x40, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0x7e, /* `a-g */
	0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0x7e, /* h-o */
	0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0x7e, /* p-w */
	0x7e, 0x7e, 0x7e, 0x40, 0x40, 0x40, 0x78, 0x00, /* xyz{|}~ DEL */
};

enum psirt_err version__side(struct psirt_diag *diag, enum psirt_err err, int second)
{
	psirt_diag_set_where(diag, second ? "second version" : "first version");
	return err;
}

enum psirt_err version__invalid(struct psirt_diag *diag, size_t at0, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_diag_setv(diag, PSIRT_EINVAL, fmt, ap);
	va_end(ap);
	psirt_diag_set_column(diag, (long)at0 + 1);
	return PSIRT_EINVAL;
}

enum psirt_err version__bad_char(struct psirt_diag *diag, struct psirt_str v, size_t at0,
                                 const char *scheme, const char *part)
{
	unsigned char c = (unsigned char)v.p[at0];

	if (c > 0x20 && c < 0x7f)
		return version__invalid(diag, at0, "invalid character '%c' in %s %s", c, scheme,
		                        part);
	return version__invalid(diag, at0, "invalid byte 0x%02x in %s %s", c, scheme, part);
}

int version__digits_cmp(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;
	int c;

	while (i < a.len && a.p[i] == '0')
		i++;
	while (j < b.len && b.p[j] == '0')
		j++;
	/* More significant digits is the larger number; equal lengths compare
	 * byte-wise, which for digits is numeric order. */
	if (a.len - i != b.len - j)
		return a.len - i < b.len - j ? -1 : 1;
	c = a.len - i ? memcmp(a.p + i, b.p + j, a.len - i) : 0;
	return (c > 0) - (c < 0);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

struct psirt_str version__dpkg_trim(struct psirt_str v, size_t *off)
{
	size_t s = 0, e = v.len;

	while (s < e && is_blank(v.p[s]))
		s++;
	while (e > s && is_blank(v.p[e - 1]))
		e--;
	*off = s;
	return psirt_str_make(v.p + s, e - s);
}

void version__dpkg_split(struct psirt_str v, struct version__dpkg *out)
{
	const char *colon = v.len ? memchr(v.p, ':', v.len) : NULL;
	struct psirt_str rest = v;
	size_t h;

	memset(out, 0, sizeof(*out));
	out->epoch = psirt_str_make(v.p, 0);
	if (colon) {
		out->has_epoch = 1;
		out->epoch.len = (size_t)(colon - v.p);
		rest = psirt_str_make(colon + 1, v.len - out->epoch.len - 1);
	}
	out->upstream = rest;
	out->revision = psirt_str_make(rest.p + rest.len, 0);
	for (h = rest.len; h > 0; h--) {
		if (rest.p[h - 1] == '-') {
			out->has_revision = 1;
			out->upstream.len = h - 1;
			out->revision = psirt_str_make(rest.p + h, rest.len - h);
			break;
		}
	}
}

/* dpkg's order(): '~' sorts before everything, even the end of the part;
 * the end and digits weigh 0; letters their ASCII code; every other
 * character after all letters. */
static int dpkg_order(struct psirt_str s, size_t i)
{
	unsigned char c;

	if (i >= s.len)
		return 0;
	c = (unsigned char)s.p[i];
	if (psirt_isdigit(c))
		return 0;
	if (psirt_isalpha(c))
		return c;
	if (c == '~')
		return -1;
	return c + 256;
}

int version__dpkg_verrevcmp(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;

	while (i < a.len || j < b.len) {
		int first_diff = 0;

		/* The non-digit prefixes, character by character. Equal weights
		 * mean both sides hold the same non-digit, so both advance. */
		while ((i < a.len && !psirt_isdigit(a.p[i])) ||
		       (j < b.len && !psirt_isdigit(b.p[j]))) {
			int ac = dpkg_order(a, i), bc = dpkg_order(b, j);

			if (ac != bc)
				return ac - bc;
			i++;
			j++;
		}
		/* Then the digit runs as numbers: zeros dropped, the longer run
		 * wins, else the first differing digit. */
		while (i < a.len && a.p[i] == '0')
			i++;
		while (j < b.len && b.p[j] == '0')
			j++;
		while (i < a.len && j < b.len && psirt_isdigit(a.p[i]) && psirt_isdigit(b.p[j])) {
			if (!first_diff)
				first_diff = a.p[i] - b.p[j];
			i++;
			j++;
		}
		if (i < a.len && psirt_isdigit(a.p[i]))
			return 1;
		if (j < b.len && psirt_isdigit(b.p[j]))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

int version__dpkg_order(const struct version__dpkg *a, const struct version__dpkg *b)
{
	int c = version__digits_cmp(a->epoch, b->epoch);

	if (!c)
		c = version__dpkg_verrevcmp(a->upstream, b->upstream);
	if (!c)
		c = version__dpkg_verrevcmp(a->revision, b->revision);
	return (c > 0) - (c < 0);
}

int version__dpkg_cmp(struct psirt_str a, struct psirt_str b)
{
	struct version__dpkg pa, pb;
	size_t off;

	version__dpkg_split(version__dpkg_trim(a, &off), &pa);
	version__dpkg_split(version__dpkg_trim(b, &off), &pb);
	return version__dpkg_order(&pa, &pb);
}
