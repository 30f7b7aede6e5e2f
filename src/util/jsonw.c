/* JSON text straight into a buffer (see include/psirt/jsonw.h). */
#include <stdint.h>
#include <string.h>

#include "psirt/jsonw.h"

/* Length of the UTF-8 sequence at p (strict as jansson: no overlong form,
 * no surrogate, nothing past U+10FFFF), 0 when invalid. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned cp;
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2, cp = p[0] & 0x1Fu;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, cp = p[0] & 0x0Fu;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, cp = p[0] & 0x07u;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3Fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

int psirt_jsonw_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	for (;;) {
		while (*p && *p < 0x80) /* most text is ASCII: no call per byte */
			p++;
		if (!*p)
			return 1;
		if (!(n = utf8_len(p)))
			return 0;
		p += n;
	}
}

/* Bytes a JSON string holds as they are (RFC 8259 section 7): printable
 * ASCII but the quote and the backslash. */
static const unsigned char plain[256] = {
	/* 0x00-0x7F; the rest 0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The first byte from p (before end) that a JSON string cannot hold as it
 * is, or end: eight bytes at a time while none of them is a control
 * character, '"', '\\' or past ASCII (each test is exact about whether
 * any byte of the word is one: "Bit Twiddling Hacks", haszero/hasless),
 * then byte by byte. */
static const unsigned char *skip_plain(const unsigned char *p, const unsigned char *end)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t w, q, k;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		q = w ^ (ones * '"');
		k = w ^ (ones * '\\');
		if ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((k - ones) & ~k) | w) & high)
			break;
		p += 8;
	}
	while (p < end && plain[*p])
		p++;
	return p;
}

/* Byte c escaped: a control character or one of '"' and '\\' as jansson
 * escapes it, a byte >= 0x80 (of a text that is not UTF-8) as \\xNN. */
static void add_escape(struct psirt_buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char esc[8];
	size_t n = 2;

	esc[0] = '\\';
	switch (c) {
	case '"': esc[1] = '"'; break;
	case '\\': esc[1] = '\\'; break;
	case '\b': esc[1] = 'b'; break;
	case '\f': esc[1] = 'f'; break;
	case '\n': esc[1] = 'n'; break;
	case '\r': esc[1] = 'r'; break;
	case '\t': esc[1] = 't'; break;
	default:
		if (c < 0x20) {
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			n = 6;
		} else { /* not UTF-8: the byte as the text \xNN */
			memcpy(esc + 1, "\\x", 2);
			esc[3] = hex[c >> 4];
			esc[4] = hex[c & 15];
			n = 5;
		}
	}
	psirt_buf_add(b, esc, n);
}

/* s (not NULL, len bytes) as a JSON string when it is UTF-8, in one pass:
 * runs that need no escape are copied whole, a sequence past ASCII is
 * checked where it stands. Returns 1; 0 when s is not UTF-8, b left as it
 * was. */
static int str_utf8(struct psirt_buf *b, const char *s, size_t len)
{
	size_t at = b->len, n;
	const unsigned char *p, *run, *end;

	psirt_buf_addch(b, '"');
	p = run = (const unsigned char *)s;
	for (end = p + len;;) {
		p = skip_plain(p, end);
		if (p == end)
			break;
		if (*p >= 0x80) {
			if (!(n = utf8_len(p))) {
				psirt_buf_truncate(b, at);
				return 0;
			}
			p += n;
			continue;
		}
		psirt_buf_add(b, (const char *)run, (size_t)(p - run));
		add_escape(b, *p);
		run = ++p;
	}
	psirt_buf_add(b, (const char *)run, (size_t)(p - run));
	psirt_buf_addch(b, '"');
	return 1;
}

void psirt_jsonw_str(struct psirt_buf *b, const char *s)
{
	const unsigned char *p, *run;

	if (!s) {
		psirt_buf_add(b, "null", 4);
		return;
	}
	if (str_utf8(b, s, strlen(s)))
		return;
	/* not UTF-8 (rare): every byte past ASCII escaped as \\xNN */
	psirt_buf_addch(b, '"');
	for (p = run = (const unsigned char *)s; *p; p++) {
		if (plain[*p])
			continue;
		psirt_buf_add(b, (const char *)run, (size_t)(p - run));
		run = p + 1;
		add_escape(b, *p);
	}
	psirt_buf_add(b, (const char *)run, (size_t)(p - run));
	psirt_buf_addch(b, '"');
}

int psirt_jsonw_member_utf8(struct psirt_buf *b, int first, const char *key, const char *s)
{
	size_t at = b->len, klen, len;
	char *q;

	if (!s) {
		psirt_jsonw_key(b, first, key);
		psirt_buf_add(b, "null", 4);
		return 1;
	}
	klen = strlen(key);
	len = strlen(s);
	if (skip_plain((const unsigned char *)s, (const unsigned char *)s + len) ==
	    (const unsigned char *)s + len) {
		/* nothing to escape nor to check (most values): one reserve,
		 * then copies; six appends, each checking the buffer, were a
		 * third of the match worker's evidence text (perf, psirt match
		 * --all, 200 versions) */
		psirt_buf_grow(b, klen + len + 5 + !first);
		if (psirt_buf_error(b))
			return 1;
		q = b->p + b->len;
		if (!first)
			*q++ = ',';
		*q++ = '"';
		memcpy(q, key, klen);
		q += klen;
		memcpy(q, "\":\"", 3);
		q += 3;
		memcpy(q, s, len);
		q += len;
		*q++ = '"';
		*q = '\0';
		b->len = (size_t)(q - b->p);
		return 1;
	}
	psirt_jsonw_key(b, first, key);
	if (str_utf8(b, s, len))
		return 1;
	psirt_buf_truncate(b, at);
	return 0;
}

void psirt_jsonw_key(struct psirt_buf *b, int first, const char *key)
{
	if (!first)
		psirt_buf_addch(b, ',');
	psirt_buf_addch(b, '"');
	psirt_buf_adds(b, key);
	psirt_buf_add(b, "\":", 2);
}

void psirt_jsonw_int(struct psirt_buf *b, long long v)
{
	char t[24];
	size_t i = sizeof t;
	/* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		t[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		t[--i] = '-';
	psirt_buf_add(b, t + i, sizeof t - i);
}
