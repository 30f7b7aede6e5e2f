/* The API's JSON shapes of library objects. The portfolio's shapes are the
 * library's (psirt/portfolio.h), shared with the CLI's --json output. */
#include <stdio.h>
#include <string.h>

#include "psirt/portfolio.h"
#include "server/internal.h"

json_t *srv__jstr(const char *s)
{
	return psirt_json_str(s);
}

/* Adds key → value to o, taking the reference; remembers a failure. */
static void put(json_t *o, const char *key, json_t *value, int *bad)
{
	if (!value || json_object_set_new(o, key, value))
		*bad = 1;
}

static json_t *finish(json_t *o, int bad)
{
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *srv__audit_json(const struct psirt_audit_row *a)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	put(o, "id", json_integer(a->id), &bad);
	put(o, "at", srv__jstr(a->e.at), &bad);
	put(o, "actor", srv__jstr(a->e.actor), &bad);
	put(o, "entity", srv__jstr(a->e.entity), &bad);
	put(o, "entityId", srv__jstr(a->e.entity_id), &bad);
	put(o, "field", srv__jstr(a->e.field), &bad);
	put(o, "old", srv__jstr(a->e.old_value), &bad);
	put(o, "new", srv__jstr(a->e.new_value), &bad);
	put(o, "comment", srv__jstr(a->e.comment), &bad);
	return finish(o, bad);
}

/* Writing JSON text straight into a buffer ------------------------------
 * For the answers the server sends most (a page of findings): building a
 * jansson tree of 50 objects and dumping it took most of the request's
 * time. The text is what jansson's JSON_COMPACT writes for the same values
 * (RFC 8259 §7 escapes: '"', '\\' and control characters; other text as
 * is), strings not in UTF-8 as psirt_json_str writes them. */

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

static int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p) {
		if (!(n = utf8_len(p)))
			return 0;
		p += n;
	}
	return 1;
}

void srv__jw_str(struct psirt_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p, *run;
	int valid;

	if (!s) {
		psirt_buf_add(b, "null", 4);
		return;
	}
	valid = utf8_valid(s);
	psirt_buf_addch(b, '"');
	for (p = run = (const unsigned char *)s; *p; p++) {
		char esc[8];
		size_t n = 2;

		if (*p >= 0x20 && *p != '"' && *p != '\\' && (*p < 0x80 || valid))
			continue;
		psirt_buf_add(b, (const char *)run, (size_t)(p - run));
		run = p + 1;
		esc[0] = '\\';
		switch (*p) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			if (*p < 0x20) {
				memcpy(esc + 1, "u00", 3);
				esc[4] = hex[*p >> 4];
				esc[5] = hex[*p & 15];
				n = 6;
			} else { /* not UTF-8: the byte as the text \xNN */
				memcpy(esc + 1, "\\x", 2);
				esc[3] = hex[*p >> 4];
				esc[4] = hex[*p & 15];
				n = 5;
			}
		}
		psirt_buf_add(b, esc, n);
	}
	psirt_buf_add(b, (const char *)run, (size_t)(p - run));
	psirt_buf_addch(b, '"');
}

void srv__jw_key(struct psirt_buf *b, int first, const char *key)
{
	if (!first)
		psirt_buf_addch(b, ',');
	psirt_buf_addch(b, '"');
	psirt_buf_adds(b, key); /* keys are ours: plain ASCII */
	psirt_buf_add(b, "\":", 2);
}

void srv__jw_int(struct psirt_buf *b, long long v)
{
	char t[24];
	int n = snprintf(t, sizeof t, "%lld", v);

	psirt_buf_add(b, t, (size_t)n);
}

void srv__jw_json(struct psirt_buf *b, json_t *v)
{
	char *t = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

	psirt_buf_adds(b, t ? t : "null");
	free(t);
	json_decref(v);
}
