/* The SBOM readers' JSON parser (see json.h). */
#include <stdlib.h>
#include <string.h>

#include "psirt/str.h"
#include "sbom/json.h"

struct jp {
	struct sbom__json *j;
	char *p, *end; /* cursor in j->buf; *end is a NUL sentinel */
};

static enum psirt_err fail(struct jp *x, const char *at, const char *what)
{
	x->j->error = what;
	x->j->error_offset = (size_t)(at - x->j->buf);
	return PSIRT_EINVAL;
}

/* Appends a token; returns its index, or -1 (the error is recorded). */
static long push(struct jp *x, enum sbom__jtype type, const char *s)
{
	struct sbom__json *j = x->j;
	struct sbom__jtok *t;

	if (j->n == j->cap) {
		size_t cap = j->cap * 2;
		if (cap > UINT32_MAX) {
			j->error = "more than 2^32 JSON values";
			j->error_offset = (size_t)(x->p - j->buf);
			return -1;
		}
		t = realloc(j->tok, cap * sizeof *t);
		if (!t) {
			j->error = NULL;
			return -2;
		}
		j->tok = t;
		j->cap = cap;
	}
	t = &j->tok[j->n];
	t->s = s;
	t->len = 0;
	t->skip = 1;
	t->type = (uint8_t)type;
	return (long)j->n++;
}

static void ws(struct jp *x)
{
	while (*x->p == ' ' || *x->p == '\n' || *x->p == '\r' || *x->p == '\t')
		x->p++;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Length of the valid UTF-8 sequence at s (2–4 bytes), 0 when invalid
 * (overlong, surrogate, beyond U+10FFFF or cut). */
static size_t utf8_seq(const unsigned char *s, const unsigned char *end)
{
	unsigned c = s[0], cp;
	size_t n, i;

	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - s) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

static char *put_utf8(char *w, unsigned cp)
{
	if (cp < 0x80) {
		*w++ = (char)cp;
	} else if (cp < 0x800) {
		*w++ = (char)(0xc0 | (cp >> 6));
		*w++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*w++ = (char)(0xe0 | (cp >> 12));
		*w++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*w++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*w++ = (char)(0xf0 | (cp >> 18));
		*w++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*w++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*w++ = (char)(0x80 | (cp & 0x3f));
	}
	return w;
}

/* A string at x->p (the opening quote): decoded in place. The decoded form
 * is never longer than the escaped one, so the writer trails the reader. */
static enum psirt_err string(struct jp *x)
{
	char *start = x->p + 1, *r = start, *w;
	long t;

	/* the common case: plain ASCII up to the closing quote, nothing moves */
	while ((unsigned char)*r >= 0x20 && (unsigned char)*r < 0x80 && *r != '"' && *r != '\\')
		r++;
	w = r;
	for (;;) {
		unsigned char c = (unsigned char)*r;

		if (c == '"')
			break;
		if (c == '\\') {
			unsigned cp, lo;
			switch (r[1]) {
			case '"':
				*w++ = '"';
				break;
			case '\\':
				*w++ = '\\';
				break;
			case '/':
				*w++ = '/';
				break;
			case 'b':
				*w++ = '\b';
				break;
			case 'f':
				*w++ = '\f';
				break;
			case 'n':
				*w++ = '\n';
				break;
			case 'r':
				*w++ = '\r';
				break;
			case 't':
				*w++ = '\t';
				break;
			case 'u':
				if (hex4(r + 2, &cp))
					return fail(x, r, "bad \\u escape in a string");
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return fail(x, r, "lone low surrogate in a string");
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (r[6] != '\\' || r[7] != 'u' || hex4(r + 8, &lo) ||
					    lo < 0xdc00 || lo > 0xdfff)
						return fail(x, r,
						            "lone high surrogate in a string");
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					r += 6;
				}
				if (!cp)
					return fail(x, r, "\\u0000 in a string is not supported");
				w = put_utf8(w, cp);
				r += 6;
				continue;
			default:
				return fail(x, r, "bad escape in a string");
			}
			r += 2;
			continue;
		}
		if (c < 0x20) {
			if (r >= x->end)
				return fail(x, x->p, "unterminated string");
			return fail(x, r, "control character in a string (escape it)");
		}
		if (c < 0x80) {
			*w++ = *r++;
			continue;
		}
		{
			size_t n =
			    utf8_seq((const unsigned char *)r, (const unsigned char *)x->end);
			if (!n)
				return fail(x, r, "invalid UTF-8 in a string");
			memmove(w, r, n);
			w += n;
			r += n;
		}
	}
	*w = '\0';
	if ((size_t)(w - start) > UINT32_MAX)
		return fail(x, x->p, "string longer than 4 GiB");
	t = push(x, SBOM__J_STRING, start);
	if (t < 0)
		return t == -2 ? PSIRT_ENOMEM : PSIRT_ETOOBIG;
	x->j->tok[t].len = (uint32_t)(w - start);
	x->p = r + 1;
	return PSIRT_OK;
}

/* RFC 8259 §6: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
static enum psirt_err number(struct jp *x)
{
	char *s = x->p, *p = s;
	long t;

	if (*p == '-')
		p++;
	if (*p == '0') {
		p++;
	} else if (*p >= '1' && *p <= '9') {
		while (psirt_isdigit((unsigned char)*p))
			p++;
	} else {
		return fail(x, p, "bad number");
	}
	if (*p == '.') {
		p++;
		if (!psirt_isdigit((unsigned char)*p))
			return fail(x, p, "bad number: a digit must follow '.'");
		while (psirt_isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!psirt_isdigit((unsigned char)*p))
			return fail(x, p, "bad number: a digit must follow the exponent");
		while (psirt_isdigit((unsigned char)*p))
			p++;
	}
	t = push(x, SBOM__J_NUMBER, s);
	if (t < 0)
		return t == -2 ? PSIRT_ENOMEM : PSIRT_ETOOBIG;
	x->j->tok[t].len = (uint32_t)(p - s);
	x->p = p;
	return PSIRT_OK;
}

static enum psirt_err literal(struct jp *x)
{
	static const struct {
		const char *word;
		size_t len;
		enum sbom__jtype type;
	} words[] = {
	    {"true", 4, SBOM__J_TRUE}, {"false", 5, SBOM__J_FALSE}, {"null", 4, SBOM__J_NULL}};
	size_t i;
	long t;

	for (i = 0; i < 3; i++) {
		if ((size_t)(x->end - x->p) >= words[i].len &&
		    !memcmp(x->p, words[i].word, words[i].len)) {
			t = push(x, words[i].type, x->p);
			if (t < 0)
				return t == -2 ? PSIRT_ENOMEM : PSIRT_ETOOBIG;
			x->p += words[i].len;
			return PSIRT_OK;
		}
	}
	return fail(x, x->p, "unexpected character: a value was expected");
}

enum psirt_err sbom__json_parse(struct sbom__json *j, const char *data, size_t len,
                                struct psirt_arena *arena)
{
	uint32_t stack[SBOM__JSON_MAX_DEPTH];
	size_t depth = 0;
	struct jp x;
	enum psirt_err err;
	long t;

	memset(j, 0, sizeof *j);
	j->buf = psirt_arena_alloc(arena, len + 1);
	j->cap = len / 16 + 16;
	j->tok = malloc(j->cap * sizeof *j->tok);
	if (!j->buf || !j->tok)
		return PSIRT_ENOMEM;
	memcpy(j->buf, data, len);
	j->buf[len] = '\0';
	x.j = j;
	x.p = j->buf;
	x.end = j->buf + len;
	if (len >= 3 && !memcmp(x.p, "\xef\xbb\xbf", 3))
		x.p += 3;

	for (;;) {
		/* a value */
		ws(&x);
		switch (*x.p) {
		case '{':
		case '[':
			if (depth == SBOM__JSON_MAX_DEPTH) {
				fail(&x, x.p, "JSON nested deeper than 512 levels");
				return PSIRT_ETOOBIG;
			}
			t = push(&x, *x.p == '{' ? SBOM__J_OBJECT : SBOM__J_ARRAY, x.p);
			if (t < 0)
				return t == -2 ? PSIRT_ENOMEM : PSIRT_ETOOBIG;
			stack[depth++] = (uint32_t)t;
			x.p++;
			ws(&x);
			if (*x.p == (j->tok[t].type == SBOM__J_OBJECT ? '}' : ']')) {
				x.p++;
				depth--;
				goto after_value;
			}
			j->tok[t].len = 1;
			if (j->tok[t].type == SBOM__J_OBJECT)
				goto key;
			continue;
		case '"':
			err = string(&x);
			break;
		case '-':
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
		case '8':
		case '9':
			err = number(&x);
			break;
		case '\0':
			if (x.p >= x.end)
				return fail(&x, x.p,
				            depth ? "unexpected end of input" : "empty input");
			/* fall through */
		default:
			err = literal(&x);
			break;
		}
		if (err)
			return err;
	after_value:
		ws(&x);
		if (!depth) {
			if (x.p != x.end)
				return fail(&x, x.p, "text after the end of the JSON document");
			return PSIRT_OK;
		}
		t = stack[depth - 1];
		if (*x.p == ',') {
			x.p++;
			j->tok[t].len++;
			if (j->tok[t].type == SBOM__J_ARRAY)
				continue;
		key:
			ws(&x);
			if (*x.p != '"')
				return fail(&x, x.p,
				            x.p >= x.end ? "unexpected end of input"
				                         : "a string key was expected");
			err = string(&x);
			if (err)
				return err;
			ws(&x);
			if (*x.p != ':')
				return fail(&x, x.p, "':' was expected after a key");
			x.p++;
			continue;
		}
		if (*x.p == (j->tok[t].type == SBOM__J_OBJECT ? '}' : ']')) {
			x.p++;
			j->tok[t].skip = (uint32_t)(j->n - (size_t)t);
			depth--;
			goto after_value;
		}
		if (x.p >= x.end)
			return fail(&x, x.p, "unexpected end of input");
		return fail(&x, x.p,
		            j->tok[t].type == SBOM__J_OBJECT ? "',' or '}' was expected"
		                                             : "',' or ']' was expected");
	}
}

void sbom__json_release(struct sbom__json *j)
{
	free(j->tok);
	j->tok = NULL;
	j->n = j->cap = 0;
}

const struct sbom__jtok *sbom__json_get(const struct sbom__jtok *obj, const char *key)
{
	const struct sbom__jtok *k, *v, *found = NULL;
	uint32_t i;

	if (!obj || obj->type != SBOM__J_OBJECT)
		return NULL;
	for (i = 0, k = obj + 1; i < obj->len; i++, k = v + v->skip) {
		v = k + 1;
		if (!strcmp(k->s, key))
			found = v;
	}
	return found;
}
