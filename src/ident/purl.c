/* package-URL parsing, building and validation (see include/psirt/purl.h).
 *
 * Parsing works on views of the input and writes the decoded components into
 * one allocation sized from the input (decoding never grows a component),
 * so a purl costs one malloc whatever its shape. Clause numbers below are
 * those of the purl specification ("5 Package-URL specification", ECMA-427).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ident/internal.h"
#include "psirt/purl.h"

/* ---- the type table ---- */

/* An 8-byte word of a NUL-padded name, most significant byte first, so that
 * integer order is byte order (the generator's sort). */
static uint64_t name_word(const char *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x;

	memcpy(&x, p, 8);
	return __builtin_bswap64(x);
#else
	uint64_t x = 0;
	int i;

	for (i = 0; i < 8; i++)
		x = x << 8 | (unsigned char)p[i];
	return x;
#endif
}

/* Compares a 16-byte NUL-padded key with a table name: two word compares
 * instead of a byte loop whose exit the branch predictor missed about once
 * per lookup (callgrind --branch-sim). */
static int type_cmp(const void *key, const void *elem)
{
	const char *k = key;
	const struct psirt_purl_type *t = elem;
	uint64_t a = name_word(k), b = name_word(t->name);

	if (a == b) {
		a = name_word(k + 8);
		b = name_word(t->name + 8);
	}
	return (a > b) - (a < b);
}

/* Looks up a lower-case name NUL-padded to 16 bytes. */
static const struct psirt_purl_type *type_find_key(const char key[IDENT__TYPE_MAX])
{
	unsigned first;

	/* The generated index narrows the search to the names with the same
	 * first letter (at most a handful), then bsearch. */
	if (key[0] < 'a' || key[0] > 'z')
		return NULL;
	first = (unsigned)(key[0] - 'a');
	return bsearch(key, ident__purl_types + ident__purl_type_first[first],
	               ident__purl_type_first[first + 1] - ident__purl_type_first[first],
	               sizeof ident__purl_types[0], type_cmp);
}

const struct psirt_purl_type *ident__purl_type_find(const char *name, size_t len)
{
	char key[IDENT__TYPE_MAX] = { 0 };

	if (!len || len > IDENT__TYPE_MAX)
		return NULL;
	memcpy(key, name, len);
	return type_find_key(key);
}

int psirt_purl_type_registered(struct psirt_str type)
{
	char low[32];
	size_t i;

	/* Registered names are short; a longer one cannot be registered. */
	if (!type.p || type.len == 0 || type.len > sizeof low)
		return 0;
	for (i = 0; i < type.len; i++)
		low[i] = (char)psirt_tolower((unsigned char)type.p[i]);
	return ident__purl_type_find(low, type.len) != NULL;
}

/* ---- the work state ---- */

static const struct psirt_purl zero_purl;

struct pctx {
	const char *in; /* the input string (parse), NULL when building */
	unsigned flags;
	struct psirt_diag *diag;
	char *w; /* next free byte of the output memory */
	const struct psirt_purl_type *def;
	struct psirt_purl *out;
	int plain; /* the input has no '%' and no byte above 0x7f */
};

/* One component as given: encoded (from a purl string) or decoded (build). */
struct piece {
	const char *p;
	size_t len;
	int encoded;
};

/* Records an error; at is the place in the input (NULL: no column). */
__attribute__((format(printf, 4, 5)))
static enum psirt_err fail(struct pctx *c, enum psirt_err err, const char *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_diag_setv(c->diag, err, fmt, ap);
	va_end(ap);
	if (at && c->in)
		psirt_diag_set_column(c->diag, (long)(at - c->in) + 1);
	return err;
}

/* A byte for a message: 'x' when printable ASCII, else its hex value. */
static const char *show(unsigned char ch, char tmp[8])
{
	static const char hex[] = "0123456789ABCDEF";

	if (ch > 0x20 && ch < 0x7f) {
		tmp[0] = '\'';
		tmp[1] = (char)ch;
		tmp[2] = '\'';
		tmp[3] = '\0';
	} else {
		memcpy(tmp, "0x", 2);
		tmp[2] = hex[ch >> 4];
		tmp[3] = hex[ch & 15];
		tmp[4] = '\0';
	}
	return tmp;
}

static int hexval(unsigned char ch)
{
	if (ch <= '9')
		return ch - '0';
	return (ch | 0x20) - 'a' + 10;
}

/* Word-at-a-time test for the UTF-8 check: a decoded component is mostly
 * ASCII, and 8 bytes with no high bit are skipped in one step. */
#define HIGHS ((uint64_t)0x8080808080808080ull)

static uint64_t load8(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/* RFC 3629 well-formed UTF-8 (no overlong forms, surrogates or values above
 * U+10FFFF): the ABNF of the spec requires percent-decoded octets to form
 * valid UTF-8. Returns the offset of the first bad byte, or n when valid. */
static size_t utf8_check(const unsigned char *s, size_t n)
{
	size_t i = 0, k, need;
	unsigned lo, hi;

	while (i < n) {
		unsigned char b = s[i];

		if (i + 8 <= n && !(load8(s + i) & HIGHS)) {
			i += 8;
			continue;
		}
		if (b < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xBF;
		if (b >= 0xC2 && b <= 0xDF) {
			need = 1;
		} else if (b >= 0xE0 && b <= 0xEF) {
			need = 2;
			if (b == 0xE0)
				lo = 0xA0;
			else if (b == 0xED)
				hi = 0x9F;
		} else if (b >= 0xF0 && b <= 0xF4) {
			need = 3;
			if (b == 0xF0)
				lo = 0x90;
			else if (b == 0xF4)
				hi = 0x8F;
		} else {
			return i;
		}
		if (n - i <= need)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (k = 2; k <= need; k++) {
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return i;
		}
		i += need + 1;
	}
	return n;
}

/* Copies src to the output, percent-decoding it when it is encoded. */
static enum psirt_err put_decoded(struct pctx *c, struct piece src, const char *what)
{
	const char *s = src.p, *end, *pct;
	char *w = c->w, *start = c->w;
	size_t run, bad;

	if (!src.p)
		return PSIRT_OK; /* absent */
	if (src.encoded && c->plain) {
		/* nothing to decode, and ASCII is valid UTF-8 */
		ident__copy(w, s, src.len);
		c->w = w + src.len;
		return PSIRT_OK;
	}
	end = src.p + src.len;
	if (!src.encoded) {
		if (src.len)
			memcpy(w, s, src.len);
		c->w = w + src.len;
	} else {
		while (s < end) {
			pct = memchr(s, '%', (size_t)(end - s));
			run = (size_t)((pct ? pct : end) - s);
			memcpy(w, s, run);
			w += run;
			s += run;
			if (!pct)
				break;
			if (end - s < 3 || !psirt_isxdigit((unsigned char)s[1]) ||
			    !psirt_isxdigit((unsigned char)s[2]))
				return fail(c, PSIRT_EINVAL, s,
				            "bad percent-encoding in the %s: '%%' must start %%XX", what);
			*w++ = (char)(hexval((unsigned char)s[1]) << 4 | hexval((unsigned char)s[2]));
			s += 3;
		}
		c->w = w;
	}
	bad = utf8_check((const unsigned char *)start, (size_t)(c->w - start));
	if (bad != (size_t)(c->w - start))
		return fail(c, PSIRT_EINVAL, src.p, "the %s does not decode to valid UTF-8 (decoded byte %zu)", what,
		            bad + 1);
	return PSIRT_OK;
}

/* Ends a component at the write position: NUL-terminates it and sets *out
 * (absent when empty). */
static void finish(struct pctx *c, char *start, struct psirt_str *out)
{
	size_t len = (size_t)(c->w - start);

	*out = len ? psirt_str_make(start, len) : PSIRT_STR_NULL;
	*c->w++ = '\0';
}

/* Emits the '/'-separated segments of src, joined by '/': empty segments
 * are dropped (5.6.3, 5.6.7), and "." and ".." when dots is set (5.6.7);
 * a segment that decodes to something containing '/' is an error. */
static enum psirt_err put_segments(struct pctx *c, struct piece src, int dots, const char *what,
                                   struct psirt_str *out)
{
	const char *s = src.p, *end = src.p ? src.p + src.len : NULL, *slash, *seg_end;
	char *start = c->w, *mark, *seg;
	size_t len;
	enum psirt_err err;

	while (s && s < end) {
		slash = memchr(s, '/', (size_t)(end - s));
		seg_end = slash ? slash : end;
		if (seg_end > s) {
			mark = c->w;
			if (c->w != start)
				*c->w++ = '/';
			seg = c->w;
			err = put_decoded(c, (struct piece){ s, (size_t)(seg_end - s), src.encoded }, what);
			if (err)
				return err;
			len = (size_t)(c->w - seg);
			if (dots && (len == 1 || len == 2) && seg[0] == '.' && seg[len - 1] == '.') {
				c->w = mark;
			} else if (!c->plain && memchr(seg, '/', len)) {
				return fail(c, PSIRT_EINVAL, s, "a %s segment must not contain '/'", what);
			}
		}
		s = seg_end + 1;
	}
	finish(c, start, out);
	return PSIRT_OK;
}

static void lower(struct psirt_str s)
{
	char *p = (char *)(uintptr_t)s.p; /* our own output memory */
	size_t i;

	for (i = 0; i < s.len; i++)
		p[i] = (char)psirt_tolower((unsigned char)p[i]);
}

static void upper(struct psirt_str s)
{
	char *p = (char *)(uintptr_t)s.p;
	size_t i;

	for (i = 0; i < s.len; i++)
		p[i] = (char)psirt_toupper((unsigned char)p[i]);
}

static int key_cmp(struct psirt_str a, struct psirt_str b)
{
	size_t n = a.len < b.len ? a.len : b.len, i;

	/* keys are short and differ early: no call to memcmp */
	for (i = 0; i < n; i++) {
		if (a.p[i] != b.p[i])
			return (unsigned char)a.p[i] - (unsigned char)b.p[i];
	}
	return (a.len > b.len) - (a.len < b.len);
}

/* ASCII case-insensitive substring search. */
static int contains_ci(struct psirt_str hay, const char *needle)
{
	size_t n = strlen(needle), i, j;

	for (i = 0; i + n <= hay.len; i++) {
		for (j = 0; j < n; j++) {
			if (psirt_tolower((unsigned char)hay.p[i + j]) != needle[j])
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

/* Byte classes for the scan of a purl string: 0 for the bytes that need no
 * attention (most of them), controls (rejected), '%' and non-ASCII bytes
 * (which need decoding or a UTF-8 check), and the separators # ? & / @. */
enum { SCAN_CONTROL = 1, SCAN_SPECIAL = 2, SCAN_SEPARATOR = 3 };
static const unsigned char scan_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 3, 0, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3,
	3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* The scan looks at the input 16 bytes at a time: block_mask sets, in the
 * two words *lo and *hi, the byte 0xff for each byte of [u, u + 16) that
 * needs attention (its class is not 0) and returns how many bytes the block
 * covers (16, or fewer at the end). Each such byte is then taken from the
 * mask, lowest first, with next_special. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* GCC and Clang vector extensions: compiled to SSE2 or NEON where there is
 * one and to plain code elsewhere. A purl has a separator every few bytes;
 * testing 16 at a time and walking the mask costs about a third of a
 * byte-by-byte table loop (callgrind). */
typedef unsigned char scan_v16 __attribute__((vector_size(16)));

static void special16(const unsigned char *p, uint64_t *lo, uint64_t *hi)
{
	scan_v16 v, m;

	memcpy(&v, p, 16);
	m = (scan_v16)((v < 0x20) | (v >= 0x7f) | (v == '#') | (v == '%') | (v == '&') |
	               (v == '/') | (v == '?') | (v == '@'));
	memcpy(lo, &m, 8);
	memcpy(hi, (const unsigned char *)&m + 8, 8);
}

static size_t block_mask(const unsigned char *u, const unsigned char *end,
                         const unsigned char *begin, uint64_t *lo, uint64_t *hi)
{
	unsigned char tail[16];
	size_t n = (size_t)(end - u), skip;

	if (n >= 16) {
		special16(u, lo, hi);
		return 16;
	}
	if (end - begin >= 16) {
		/* the last 16 bytes of the input, shifted so that u is byte 0:
		 * no copy, whose variable length mispredicted */
		special16(end - 16, lo, hi);
		skip = 16 - n;
		if (skip >= 8) {
			*lo = *hi >> (8 * (skip - 8));
			*hi = 0;
		} else {
			*lo = (*lo >> (8 * skip)) | (*hi << (64 - 8 * skip));
			*hi >>= 8 * skip;
		}
		return n;
	}
	/* a short input: its bytes padded with a letter (class 0) */
	memset(tail, 'a', sizeof tail);
	memcpy(tail, u, n);
	special16(tail, lo, hi);
	return n;
}

static size_t next_special(uint64_t *lo, uint64_t *hi)
{
	size_t j;

	if (*lo) {
		j = (size_t)__builtin_ctzll(*lo) >> 3;
		*lo &= ~((uint64_t)0xff << (8 * j));
		return j;
	}
	j = (size_t)__builtin_ctzll(*hi) >> 3;
	*hi &= ~((uint64_t)0xff << (8 * j));
	return 8 + j;
}
#else
static size_t block_mask(const unsigned char *u, const unsigned char *end,
                         const unsigned char *begin, uint64_t *lo, uint64_t *hi)
{
	size_t n = (size_t)(end - u), i;

	if (n > 16)
		n = 16;
	*lo = *hi = 0;
	for (i = 0; i < n; i++) {
		if (scan_class[u[i]]) {
			if (i < 8)
				*lo |= (uint64_t)1 << i;
			else
				*hi |= (uint64_t)1 << (i - 8);
		}
	}
	return n;
}

static size_t next_special(uint64_t *lo, uint64_t *hi)
{
	size_t j;

	for (j = 0; j < 8; j++) {
		if (*lo & ((uint64_t)1 << j)) {
			*lo &= ~((uint64_t)1 << j);
			return j;
		}
	}
	for (j = 0; j < 8; j++) {
		if (*hi & ((uint64_t)1 << j)) {
			*hi &= ~((uint64_t)1 << j);
			return 8 + j;
		}
	}
	return 16;
}
#endif

/* Characters of a type (5.6.2): ASCII letters, digits, '.', '-'. */
static const unsigned char type_chars[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

/* Characters of a qualifier key (5.6.6): 1 for a-z 0-9 '.' '-' '_', 2 for
 * A-Z (lower-cased in lenient mode, an error otherwise). */
static const unsigned char key_chars[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

/* Type (5.6.2): ASCII letters, digits, '.', '-', starting with a letter, not
 * percent-encoded. Writes it lower-cased and looks up its definition. */
static enum psirt_err put_type(struct pctx *c, const char *t, size_t len)
{
	char tmp[8], *start = c->w, key[IDENT__TYPE_MAX] = { 0 };
	size_t i;
	unsigned char ch;

	if (len == 0)
		return fail(c, PSIRT_EINVAL, t, "missing the type");
	if (!psirt_isalpha((unsigned char)t[0]))
		return fail(c, PSIRT_EINVAL, t, "the type must start with a letter, not %s",
		            show((unsigned char)t[0], tmp));
	for (i = 0; i < len; i++) {
		ch = (unsigned char)t[i];
		if (!type_chars[ch]) {
			if (ch == '%')
				return fail(c, PSIRT_EINVAL, t + i, "the type must not be percent-encoded");
			return fail(c, PSIRT_EINVAL, t + i, "invalid character %s in the type",
			            show(ch, tmp));
		}
		start[i] = (char)(ch | (psirt_isupper(ch) ? 0x20 : 0));
		if (i < IDENT__TYPE_MAX)
			key[i] = start[i];
	}
	c->w += len;
	finish(c, start, &c->out->type);
	c->def = len <= IDENT__TYPE_MAX ? type_find_key(key) : NULL;
	c->out->def = c->def;
	c->out->registered = c->def != NULL;
	return PSIRT_OK;
}

/* Adds one qualifier (5.6.6): checks the key, writes key and value, drops
 * it when the value is empty, keeps the array sorted by key (insertion:
 * at most PSIRT_PURL_MAX_QUALIFIERS) and rejects a repeated key. */
static enum psirt_err put_qualifier(struct pctx *c, const char *k, size_t klen, struct piece v)
{
	struct psirt_purl *out = c->out;
	struct psirt_purl_qualifier q;
	char tmp[8], *mark = c->w;
	size_t i, j;
	unsigned char ch;
	enum psirt_err err;
	int r;

	if (klen == 0)
		return fail(c, PSIRT_EINVAL, k, "a qualifier has no key");
	if (!psirt_isalpha((unsigned char)k[0]) && key_chars[(unsigned char)k[0]])
		return fail(c, PSIRT_EINVAL, k, "a qualifier key must start with a letter, not %s",
		            show((unsigned char)k[0], tmp));
	for (i = 0; i < klen; i++) {
		ch = (unsigned char)k[i];
		switch (key_chars[ch]) {
		case 1:
			break;
		case 2:
			if (!(c->flags & PSIRT_PURL_LENIENT))
				return fail(c, PSIRT_EINVAL, k + i,
				            "qualifier keys must be lower case (%.*s)", (int)klen, k);
			ch |= 0x20;
			break;
		default:
			if (i == 0)
				return fail(c, PSIRT_EINVAL, k,
				            "a qualifier key must start with a letter, not %s", show(ch, tmp));
			return fail(c, PSIRT_EINVAL, k + i, "invalid character %s in qualifier key '%.*s'",
			            show(ch, tmp), (int)klen, k);
		}
		c->w[i] = (char)ch;
	}
	c->w += klen;
	q.key = psirt_str_make(mark, klen);
	*c->w++ = '\0';
	q.value.p = c->w;
	err = put_decoded(c, v, "qualifier value");
	if (err)
		return err;
	q.value.len = (size_t)(c->w - q.value.p);
	if (q.value.len == 0) {
		/* 5.6.6: an empty value is the same as no pair at all. */
		c->w = mark;
		return PSIRT_OK;
	}
	*c->w++ = '\0';
	if (out->nqualifiers >= PSIRT_PURL_MAX_QUALIFIERS)
		return fail(c, PSIRT_ETOOBIG, k, "more than %d qualifiers", PSIRT_PURL_MAX_QUALIFIERS);
	for (i = out->nqualifiers; i > 0; i--) {
		r = key_cmp(out->qualifiers[i - 1].key, q.key);
		if (r == 0)
			return fail(c, PSIRT_EINVAL, k, "qualifier key '%.*s' is repeated",
			            (int)q.key.len, q.key.p);
		if (r < 0)
			break;
	}
	for (j = out->nqualifiers; j > i; j--)
		out->qualifiers[j] = out->qualifiers[j - 1];
	out->qualifiers[i] = q;
	out->nqualifiers++;
	return PSIRT_OK;
}

static int chars_ok(enum ident__purl_chars chars, struct psirt_str s)
{
	size_t i, digits = 0, dots = 0;
	unsigned char ch;

	switch (chars) {
	case IDENT__CHARS_ANY:
		return 1;
	case IDENT__CHARS_CHROME_ID:
		if (s.len != 32)
			return 0;
		for (i = 0; i < s.len; i++) {
			if (s.p[i] < 'a' || s.p[i] > 'p')
				return 0;
		}
		return 1;
	case IDENT__CHARS_DOTTED4:
		for (i = 0; i < s.len; i++) {
			ch = (unsigned char)s.p[i];
			if (psirt_isdigit(ch)) {
				digits++;
			} else if (ch == '.' && digits && dots < 3) {
				dots++;
				digits = 0;
			} else {
				return 0;
			}
		}
		return digits > 0;
	case IDENT__CHARS_PUB:
		for (i = 0; i < s.len; i++) {
			ch = (unsigned char)s.p[i];
			if (!psirt_islower(ch) && !psirt_isdigit(ch) && ch != '_')
				return 0;
		}
		return s.len > 0;
	}
	return 0;
}

static const char *const chars_text[] = {
	[IDENT__CHARS_ANY] = "",
	[IDENT__CHARS_CHROME_ID] = "32 letters a to p",
	[IDENT__CHARS_DOTTED4] = "one to four dot-separated numbers",
	[IDENT__CHARS_PUB] = "only a-z, 0-9 and '_'",
};

/* The rules of the type definition, on the decoded components. name_at and
 * ns_at place errors in the input (ignored when building). */
static enum psirt_err apply_type_rules(struct pctx *c, const char *ns_at, const char *name_at,
                                       const char *version_at)
{
	const struct psirt_purl_type *d = c->def;
	struct psirt_purl *out = c->out;
	const char *const *key;
	size_t i, nseg;
	int found;

	if (!out->name.len)
		return fail(c, PSIRT_EINVAL, name_at, "the name is required");
	if (!d)
		return PSIRT_OK; /* 5.7: an unregistered type has the generic rules only */
	if (d->ns == IDENT__REQ_REQUIRED && !out->ns.len)
		return fail(c, PSIRT_EINVAL, ns_at, "a '%s' purl requires a namespace", d->name);
	if (d->ns == IDENT__REQ_PROHIBITED && out->ns.len)
		return fail(c, PSIRT_EINVAL, ns_at, "a '%s' purl must not have a namespace", d->name);
	if (d->ns_max) {
		/* segments cannot contain '/': the joins count them */
		for (nseg = out->ns.len > 0, i = 0; i < out->ns.len; i++)
			nseg += out->ns.p[i] == '/';
	}
	if (d->ns_max && nseg > d->ns_max)
		return fail(c, PSIRT_EINVAL, ns_at, "a '%s' namespace has at most %u segment%s",
		            d->name, d->ns_max, d->ns_max == 1 ? "" : "s");
	if (d->rules & IDENT__NS_LOWER)
		lower(out->ns);
	if (d->rules & IDENT__NS_UPPER)
		upper(out->ns);
	if (d->rules & IDENT__NAME_LOWER)
		lower(out->name);
	if (d->rules & IDENT__NAME_LOWER_DATABRICKS) {
		for (i = 0; i < out->nqualifiers; i++) {
			if (psirt_str_eq(out->qualifiers[i].key, "repository_url") &&
			    contains_ci(out->qualifiers[i].value, "databricks"))
				lower(out->name);
		}
	}
	if (d->rules & IDENT__NAME_DASH) {
		char *p = (char *)(uintptr_t)out->name.p;

		for (i = 0; i < out->name.len; i++) {
			if (p[i] == '_')
				p[i] = '-';
		}
	}
	if ((d->rules & IDENT__NAME_NO_DCOLON) && out->name.len >= 2) {
		for (i = 0; i + 1 < out->name.len; i++) {
			if (out->name.p[i] == ':' && out->name.p[i + 1] == ':')
				return fail(c, PSIRT_EINVAL, name_at,
				            "a '%s' name must not contain '::' (use the distribution name)",
				            d->name);
		}
	}
	if (!chars_ok(d->name_chars, out->name))
		return fail(c, PSIRT_EINVAL, name_at, "a '%s' name must be %s", d->name,
		            chars_text[d->name_chars]);
	if (d->rules & IDENT__VERSION_LOWER)
		lower(out->version);
	if (out->version.len && !chars_ok(d->version_chars, out->version))
		return fail(c, PSIRT_EINVAL, version_at, "a '%s' version must be %s", d->name,
		            chars_text[d->version_chars]);
	if (d->rules & IDENT__SUBPATH_LOWER)
		lower(out->subpath);
	for (key = d->required_keys; key && *key; key++) {
		found = 0;
		for (i = 0; i < out->nqualifiers && !found; i++)
			found = psirt_str_eq(out->qualifiers[i].key, *key);
		if (!found)
			return fail(c, PSIRT_EINVAL, NULL, "a '%s' purl requires the qualifier '%s'",
			            d->name, *key);
	}
	return PSIRT_OK;
}

/* Where a parse puts its output: malloc (owned by the purl), an arena, or
 * the unused tail of a string buffer, after room for the canonical form
 * (psirt_purl_canonicalize: no allocation once the buffer has grown). */
struct dest {
	struct psirt_arena *arena;
	struct psirt_buf *buf;
};

/* The most bytes the canonical form of an input of len bytes with nq
 * qualifiers can take (psirt_purl_format's estimate, from the encoded
 * lengths, which bound the decoded ones), plus its NUL. */
static size_t canon_room(size_t len, size_t nq)
{
	return 3 * len + 2 * nq + 16 + IDENT__SLACK;
}

static size_t buf_room(const struct psirt_buf *b)
{
	return (b->max ? b->max : PSIRT_BUF_DEFAULT_MAX) - b->len;
}

/* Output memory: the qualifier array, then the component bytes. */
static enum psirt_err alloc_out(struct pctx *c, struct dest dest, size_t nq, size_t bytes,
                                size_t len)
{
	size_t head = nq * sizeof(struct psirt_purl_qualifier), off;
	char *mem;

	bytes += IDENT__SLACK;
	if (dest.buf) {
		/* 16-byte aligned for the qualifier array, as malloc's */
		off = (dest.buf->len + canon_room(len, nq) + 15) & ~(size_t)15;
		psirt_buf_grow(dest.buf, off - dest.buf->len + head + bytes);
		if (psirt_buf_error(dest.buf))
			return fail(c, psirt_buf_error(dest.buf), NULL, "%s",
			            psirt_strerror(psirt_buf_error(dest.buf)));
		mem = dest.buf->p + off;
	} else if (dest.arena) {
		mem = psirt_arena_alloc(dest.arena, head + bytes);
	} else {
		mem = malloc(head + bytes);
	}
	if (!mem)
		return fail(c, PSIRT_ENOMEM, NULL, "out of memory");
	c->out->mem = dest.arena || dest.buf ? NULL : mem;
	c->out->qualifiers = nq ? (struct psirt_purl_qualifier *)(void *)mem : NULL;
	c->w = mem + head;
	return PSIRT_OK;
}

static const char *find_last(const char *s, const char *end, char ch)
{
	while (end > s) {
		if (*--end == ch)
			return end;
	}
	return NULL;
}

static enum psirt_err parse(struct psirt_str s, unsigned flags, struct dest dest,
                            struct psirt_purl *out, struct psirt_diag *diag)
{
	struct pctx c = { s.p, flags, diag, NULL, NULL, out, 1 };
	const char *in = s.p, *end = s.p + s.len, *hash, *main_end, *q, *path_end;
	const char *t, *t_end, *r, *r_end, *at, *slash, *at_slash, *name_p, *p, *eq, *pair_end;
	struct piece ns = { NULL, 0, 1 }, name, version = { NULL, 0, 1 };
	size_t i, nq = 0;
	char tmp[8];
	int dslash; /* "//" in the path before the qualifiers */
	const unsigned char *u;
	size_t blk;
	enum psirt_err err;

	*out = zero_purl; /* fixed stores; a memset call here mispredicted */
	if (!in && s.len)
		return fail(&c, PSIRT_EINVAL, NULL, "no input");
	if (s.len > PSIRT_PURL_MAX_LEN)
		return fail(&c, PSIRT_ETOOBIG, NULL, "a purl is at most %d bytes", PSIRT_PURL_MAX_LEN);
	/* 5.6.1: the scheme "pkg" followed by an unencoded ':' (case folded as
	 * the parsing guide does). */
	if (s.len < 4 || psirt_tolower((unsigned char)in[0]) != 'p' ||
	    psirt_tolower((unsigned char)in[1]) != 'k' ||
	    psirt_tolower((unsigned char)in[2]) != 'g' || in[3] != ':') {
		for (i = 0; i < s.len; i++) {
			if ((unsigned char)in[i] < 0x20 || in[i] == 0x7f)
				return fail(&c, PSIRT_EINVAL, in + i, "control character %s in the purl",
				            show((unsigned char)in[i], tmp));
		}
		if (s.len && memchr(in, ':', s.len))
			return fail(&c, PSIRT_EINVAL, in, "the scheme must be 'pkg:'");
		return fail(&c, PSIRT_EINVAL, in, "missing the scheme 'pkg:'");
	}
	/* 5.6.1: slashes after the scheme are not significant. */
	t = in + 4;
	while (t < end && *t == '/')
		t++;

	/* One pass over the rest finds the separators, 16 bytes at a time
	 * (block_mask), and checks for control bytes and for '%' or non-ASCII
	 * bytes (without any, nothing needs decoding: c.plain).
	 * The subpath follows the first '#', the qualifiers the first '?' before
	 * it, as in any URL. The parsing guide splits from the right instead;
	 * both agree on every purl whose separator characters inside components
	 * are encoded, and the inputs on which they differ (a second '#', a
	 * second '?' before the '#') are rejected. In the path: the type ends at
	 * the first '/' after t; the last '@', the last '/' and the last '/'
	 * before that '@' place version, name and namespace. */
	hash = q = t_end = at = slash = at_slash = NULL;
	dslash = 0;
	nq = 1;
	for (u = (const unsigned char *)in + 4; u < (const unsigned char *)end; u += blk) {
		uint64_t lo, hi;

		blk = block_mask(u, (const unsigned char *)end, (const unsigned char *)in, &lo, &hi);
		while (lo | hi) {
			unsigned char ch, k;

			p = (const char *)u + next_special(&lo, &hi);
			ch = (unsigned char)*p;
			k = scan_class[ch];
			if (k == SCAN_CONTROL)
				return fail(&c, PSIRT_EINVAL, p, "control character %s in the purl",
				            show(ch, tmp));
			if (k == SCAN_SPECIAL) {
				c.plain = 0;
				continue;
			}
			if (hash) {
				if (ch == '#')
					return fail(&c, PSIRT_EINVAL, p,
					            "'#' in the subpath must be percent-encoded");
				continue;
			}
			/* An if-chain, most frequent first: a switch here became
			 * an indirect jump that the branch predictor missed on
			 * one separator in three (callgrind --branch-sim). */
			if (ch == '/') {
				if (!q) {
					if (!t_end && p > t)
						t_end = p;
					dslash |= p[-1] == '/';
					slash = p;
				}
			} else if (ch == '@') {
				if (!q) {
					at = p;
					at_slash = slash;
				}
			} else if (ch == '&') {
				nq += q != NULL;
			} else if (ch == '?') {
				if (q)
					return fail(&c, PSIRT_EINVAL, p,
					            "'?' in the qualifiers must be percent-encoded");
				q = p;
			} else {
				hash = p; /* '#' */
			}
		}
	}
	main_end = hash ? hash : end;
	path_end = q ? q : main_end;
	if (!q)
		nq = 0;
	else if (nq > PSIRT_PURL_MAX_QUALIFIERS)
		nq = PSIRT_PURL_MAX_QUALIFIERS; /* put_qualifier stops at that many */

	/* Decoded components are never longer than their encoded form; each
	 * qualifier needs one more byte (the key's NUL takes the '=''s place,
	 * the value's NUL is extra), plus NULs for five components.
	 * In a buffer: the canonical form's room, alignment, the qualifier
	 * array and the bytes (see alloc_out). A buffer whose cap leaves no
	 * room for that gets plain malloc, rather than a "too big" error for a
	 * canonical form that fits. */
	if (dest.buf && canon_room(s.len, nq) + 15 + nq * sizeof(struct psirt_purl_qualifier) +
	                        s.len + nq + 8 + IDENT__SLACK + 1 > buf_room(dest.buf))
		dest.buf = NULL;
	err = alloc_out(&c, dest, nq, s.len + nq + 8, s.len);
	if (err)
		return err;

	err = put_type(&c, t, (size_t)((t_end ? t_end : path_end) - t));
	if (err)
		goto out_release;
	if (!t_end) {
		err = fail(&c, PSIRT_EINVAL, path_end, "missing '/' and the name after the type");
		goto out_release;
	}

	/* The version follows the last '@' of the path (parsing guide: split
	 * once from the right on '@'; "pkg:opam/git@3/16.1", an example of the
	 * opam definition, has version "3/16.1"). One exception: an '@' that
	 * starts a segment with a '/' after it is an unencoded npm scope
	 * ("pkg:npm/@babel/core", a "recommended" case of the purl-spec tests),
	 * not a version. The name must end right before the '@': "pkg:swift/
	 * github.com/Alamofire/@5.4.3" has no name (a "required" case). */
	r = t_end + 1;
	r_end = path_end;
	if (at && at < r)
		at = NULL; /* in the type: reported by put_type already */
	if (at && (at > r && at[-1] != '/' ? 1 : slash < at)) {
		version = (struct piece){ at + 1, (size_t)(r_end - at - 1), 1 };
		r_end = at;
		if (r_end == r || r_end[-1] == '/') {
			err = fail(&c, PSIRT_EINVAL, at, "the name is required before '@'");
			goto out_release;
		}
		slash = at_slash;
	} else {
		while (r_end > r && r_end[-1] == '/')
			r_end--;
		if (slash && slash >= r_end)
			slash = find_last(r, r_end, '/');
	}
	while (r < r_end && *r == '/')
		r++;
	if (slash && slash < r)
		slash = NULL;
	if (c.def && (c.def->rules & IDENT__NAME_PATH))
		slash = memchr(r, '/', (size_t)(r_end - r));
	if (slash) {
		ns = (struct piece){ r, (size_t)(slash - r), 1 };
		name_p = slash + 1;
	} else {
		name_p = r;
	}
	name = (struct piece){ name_p, (size_t)(r_end - name_p), 1 };

	if (q) {
		for (p = q + 1; p < main_end; p = pair_end + 1) {
			pair_end = memchr(p, '&', (size_t)(main_end - p));
			if (!pair_end)
				pair_end = main_end;
			if (pair_end == p)
				continue;
			eq = memchr(p, '=', (size_t)(pair_end - p));
			if (!eq)
				eq = pair_end;
			err = put_qualifier(&c, p, (size_t)(eq - p),
			                    (struct piece){ eq + (eq < pair_end),
			                                    (size_t)(pair_end - eq - (eq < pair_end)), 1 });
			if (err)
				goto out_release;
		}
	}
	if (c.plain && !dslash && ns.p) {
		/* nothing to decode and no empty segment: one copy (r and
		 * slash were moved past leading and onto the last '/') */
		char *start = c.w;

		ident__copy(c.w, ns.p, ns.len);
		c.w += ns.len;
		finish(&c, start, &out->ns);
	} else {
		err = put_segments(&c, ns, 0, "namespace", &out->ns);
		if (err)
			goto out_release;
	}
	if (c.def && (c.def->rules & IDENT__NAME_PATH)) {
		err = put_segments(&c, name, 0, "name", &out->name);
	} else {
		char *start = c.w;

		err = put_decoded(&c, name, "name");
		if (!err)
			finish(&c, start, &out->name);
	}
	if (err)
		goto out_release;
	{
		char *start = c.w;

		err = put_decoded(&c, version, "version");
		if (err)
			goto out_release;
		finish(&c, start, &out->version);
	}
	if (hash) {
		err = put_segments(&c, (struct piece){ hash + 1, (size_t)(end - hash - 1), 1 }, 1,
		                   "subpath", &out->subpath);
		if (err)
			goto out_release;
	}
	err = apply_type_rules(&c, ns.p ? ns.p : name.p, name.p, version.p);
	if (err)
		goto out_release;
	memset(c.w, 0, IDENT__SLACK); /* defined bytes for the encoder's loads */
	return PSIRT_OK;

out_release:
	psirt_purl_release(out);
	return err;
}

enum psirt_err psirt_purl_parse(struct psirt_str s, unsigned flags, struct psirt_purl *out,
                                struct psirt_diag *diag)
{
	struct dest dest = { NULL, NULL };

	return parse(s, flags, dest, out, diag);
}

enum psirt_err psirt_purl_parse_arena(struct psirt_str s, unsigned flags,
                                      struct psirt_arena *arena, struct psirt_purl *out,
                                      struct psirt_diag *diag)
{
	struct dest dest = { arena, NULL };

	return parse(s, flags, dest, out, diag);
}

enum psirt_err psirt_purl_canonicalize(struct psirt_str s, unsigned flags,
                                       struct psirt_buf *out, struct psirt_diag *diag)
{
	struct dest dest = { NULL, out };
	struct psirt_purl p;
	enum psirt_err err;

	if (psirt_buf_error(out))
		return psirt_diag_set(diag, psirt_buf_error(out), "the output buffer holds an error");
	err = parse(s, flags, dest, &p, diag);
	if (err)
		return err;
	/* The parse left room for the canonical form before its data, so the
	 * format does not move the buffer under the components it reads. */
	err = psirt_purl_format(&p, out);
	if (err)
		psirt_diag_set(diag, err, "cannot write the canonical purl: %s", psirt_strerror(err));
	psirt_purl_release(&p);
	return err;
}

enum psirt_err psirt_purl_build(const struct psirt_purl *parts, unsigned flags,
                                struct psirt_purl *out, struct psirt_diag *diag)
{
	struct pctx c = { NULL, flags, diag, NULL, NULL, out, 0 };
	size_t bytes, i;
	enum psirt_err err;
	char *start;

	memset(out, 0, sizeof *out);
	if (!parts->type.p || !parts->type.len)
		return fail(&c, PSIRT_EINVAL, NULL, "the type is required");
	if (parts->nqualifiers > PSIRT_PURL_MAX_QUALIFIERS)
		return fail(&c, PSIRT_ETOOBIG, NULL, "more than %d qualifiers",
		            PSIRT_PURL_MAX_QUALIFIERS);
	bytes = parts->type.len + parts->ns.len + parts->name.len + parts->version.len +
	        parts->subpath.len + 8;
	for (i = 0; i < parts->nqualifiers; i++)
		bytes += parts->qualifiers[i].key.len + parts->qualifiers[i].value.len + 2;
	if (bytes > PSIRT_PURL_MAX_LEN)
		return fail(&c, PSIRT_ETOOBIG, NULL, "a purl is at most %d bytes", PSIRT_PURL_MAX_LEN);
	err = alloc_out(&c, (struct dest){ NULL, NULL }, parts->nqualifiers, bytes, 0);
	if (err)
		return err;
	err = put_type(&c, parts->type.p, parts->type.len);
	if (err)
		goto out_release;
	for (i = 0; i < parts->nqualifiers; i++) {
		const struct psirt_purl_qualifier *pq = &parts->qualifiers[i];

		err = put_qualifier(&c, pq->key.p, pq->key.len,
		                    (struct piece){ pq->value.p, pq->value.len, 0 });
		if (err)
			goto out_release;
	}
	err = put_segments(&c, (struct piece){ parts->ns.p, parts->ns.len, 0 }, 0, "namespace",
	                   &out->ns);
	if (err)
		goto out_release;
	if (c.def && (c.def->rules & IDENT__NAME_PATH)) {
		err = put_segments(&c, (struct piece){ parts->name.p, parts->name.len, 0 }, 0, "name",
		                   &out->name);
		if (err)
			goto out_release;
	} else {
		start = c.w;
		err = put_decoded(&c, (struct piece){ parts->name.p, parts->name.len, 0 }, "name");
		if (err)
			goto out_release;
		finish(&c, start, &out->name);
	}
	start = c.w;
	err = put_decoded(&c, (struct piece){ parts->version.p, parts->version.len, 0 }, "version");
	if (err)
		goto out_release;
	finish(&c, start, &out->version);
	err = put_segments(&c, (struct piece){ parts->subpath.p, parts->subpath.len, 0 }, 1,
	                   "subpath", &out->subpath);
	if (err)
		goto out_release;
	err = apply_type_rules(&c, NULL, NULL, NULL);
	if (err)
		goto out_release;
	memset(c.w, 0, IDENT__SLACK); /* defined bytes for the encoder's loads */
	return PSIRT_OK;

out_release:
	psirt_purl_release(out);
	return err;
}

void psirt_purl_release(struct psirt_purl *p)
{
	free(p->mem);
	memset(p, 0, sizeof *p);
}
