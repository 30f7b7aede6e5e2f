/* package-URL canonical output and comparison (see include/psirt/purl.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ident/internal.h"
#include "psirt/purl.h"

/* 5.4: characters never percent-encoded: the alphanumerics, the punctuation
 * ".-_~" and the colon ':'. Everything else is a "data octet" and is
 * encoded, upper-case hex as RFC 3986 2.1 recommends. '/' is kept where it
 * separates segments: namespaces, git names and subpaths. */
static char *encode_byte(char *w, unsigned char ch)
{
	static const char hex[] = "0123456789ABCDEF";

	w[0] = '%';
	w[1] = hex[ch >> 4];
	w[2] = hex[ch & 15];
	return w + 3;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* GCC and Clang vector extensions (SSE2, NEON, or plain code). Components
 * are short and mostly need no encoding: one 16-byte test and one 16-byte
 * copy per component instead of a loop whose exit the branch predictor
 * missed once per component (callgrind --branch-sim). The loads and stores
 * of 16 bytes past a component's end stay inside the purl's memory and the
 * reserved output (IDENT__SLACK). */
typedef unsigned char enc_v16 __attribute__((vector_size(16)));

/* Writes s percent-encoded at w, keeping '/' when slash is set; returns the
 * end. */
static char *encode(char *w, struct psirt_str s, int slash)
{
	const unsigned char *p = (const unsigned char *)s.p;
	size_t n = s.len, k, j, prev;
	enc_v16 v, low, kept, sl = (enc_v16){ 0 } + (unsigned char)(slash ? 0xff : 0);
	uint64_t lo, hi;

	while (n) {
		memcpy(&v, p, 16);
		low = v | 0x20;
		kept = (enc_v16)((enc_v16)(v - '0') < 10) | (enc_v16)((enc_v16)(low - 'a') < 26) |
		       (enc_v16)(v == '.') | (enc_v16)(v == '-') | (enc_v16)(v == '_') |
		       (enc_v16)(v == '~') | (enc_v16)(v == ':') | ((enc_v16)(v == '/') & sl);
		memcpy(&lo, &kept, 8);
		memcpy(&hi, (const unsigned char *)&kept + 8, 8);
		lo = ~lo;
		hi = ~hi;
		k = n < 16 ? n : 16;
		/* only the first k bytes count */
		if (k < 8) {
			lo &= ((uint64_t)1 << (8 * k)) - 1;
			hi = 0;
		} else if (k < 16) {
			hi &= ((uint64_t)1 << (8 * (k - 8))) - 1;
		}
		/* each byte to encode: the run before it moved as 16 bytes,
		 * then its %XX; no reload of the block */
		prev = 0;
		while (lo | hi) {
			if (lo) {
				j = (size_t)__builtin_ctzll(lo) >> 3;
				lo &= ~((uint64_t)0xff << (8 * j));
			} else {
				j = 8 + ((size_t)__builtin_ctzll(hi) >> 3);
				hi &= ~((uint64_t)0xff << (8 * (j - 8)));
			}
			memcpy(w, p + prev, 16);
			w = encode_byte(w + (j - prev), p[j]);
			prev = j + 1;
		}
		memcpy(w, p + prev, 16);
		w += k - prev;
		p += k;
		n -= k;
	}
	return w;
}
#else
#define KEEP_ALNUM                                                                   \
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,     \
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,     \
	['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1,     \
	['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,     \
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1,     \
	['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,     \
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1,     \
	['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,     \
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['.'] = 1,     \
	['-'] = 1, ['_'] = 1, ['~'] = 1, [':'] = 1
static const unsigned char keep[256] = { KEEP_ALNUM };
static const unsigned char keep_slash[256] = { KEEP_ALNUM, ['/'] = 1 };


/* Writes s percent-encoded at w (room for 3 bytes per input byte), keeping
 * '/' when slash is set; returns the end. */
static char *encode(char *w, struct psirt_str s, int slash)
{
	const unsigned char *p = (const unsigned char *)s.p, *end = p + s.len;
	const unsigned char *tab = slash ? keep_slash : keep;

	for (; p < end; p++) {
		if (tab[*p])
			*w++ = (char)*p;
		else
			w = encode_byte(w, *p);
	}
	return w;
}
#endif

static char *put(char *w, const char *s, size_t n)
{
	ident__copy(w, s, n);
	return w + n;
}

enum psirt_err psirt_purl_format(const struct psirt_purl *p, struct psirt_buf *out)
{
	const struct psirt_purl_type *def = p->def;
	size_t need, i;
	char *w;

	/* One growth for the worst case (every byte encoded), then plain
	 * writes: the buffer's appenders cost more than the encoding. */
	need = 4 + p->type.len + 1 + 3 * (p->ns.len + p->name.len + p->version.len +
	                                  p->subpath.len) + 3 + IDENT__SLACK;
	for (i = 0; i < p->nqualifiers; i++)
		need += p->qualifiers[i].key.len + 3 * p->qualifiers[i].value.len + 2;
	/* psirt_purl_canonicalize left the room already: skip the call */
	if (out->err || out->cap <= out->len || out->cap - out->len <= need) {
		psirt_buf_grow(out, need);
		if (psirt_buf_error(out))
			return psirt_buf_error(out);
	}
	w = out->p + out->len;
	w = put(w, "pkg:", 4);
	w = put(w, p->type.p, p->type.len);
	*w++ = '/';
	if (p->ns.len) {
		w = encode(w, p->ns, 1);
		*w++ = '/';
	}
	w = encode(w, p->name, def && (def->rules & IDENT__NAME_PATH));
	if (p->version.len) {
		*w++ = '@';
		w = encode(w, p->version, 0);
	}
	for (i = 0; i < p->nqualifiers; i++) {
		*w++ = i ? '&' : '?';
		/* 5.6.6: keys are never encoded (they are [a-z0-9._-] only). */
		w = put(w, p->qualifiers[i].key.p, p->qualifiers[i].key.len);
		*w++ = '=';
		w = encode(w, p->qualifiers[i].value, 0);
	}
	if (p->subpath.len) {
		*w++ = '#';
		w = encode(w, p->subpath, 1);
	}
	out->len = (size_t)(w - out->p);
	out->p[out->len] = '\0';
	return PSIRT_OK;
}

static int str_cmp(struct psirt_str a, struct psirt_str b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int r = n ? memcmp(a.p, b.p, n) : 0;

	if (r)
		return r;
	return (a.len > b.len) - (a.len < b.len);
}

int psirt_purl_compare(const struct psirt_purl *a, const struct psirt_purl *b)
{
	size_t i;
	int r;

	r = str_cmp(a->type, b->type);
	if (!r)
		r = str_cmp(a->ns, b->ns);
	if (!r)
		r = str_cmp(a->name, b->name);
	if (!r)
		r = str_cmp(a->version, b->version);
	for (i = 0; !r && i < a->nqualifiers && i < b->nqualifiers; i++) {
		r = str_cmp(a->qualifiers[i].key, b->qualifiers[i].key);
		if (!r)
			r = str_cmp(a->qualifiers[i].value, b->qualifiers[i].value);
	}
	if (!r)
		r = (a->nqualifiers > b->nqualifiers) - (a->nqualifiers < b->nqualifiers);
	if (!r)
		r = str_cmp(a->subpath, b->subpath);
	return r < 0 ? -1 : r > 0;
}

int psirt_purl_equal(const struct psirt_purl *a, const struct psirt_purl *b)
{
	return psirt_purl_compare(a, b) == 0;
}
