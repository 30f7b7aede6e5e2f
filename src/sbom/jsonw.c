/* A small streaming JSON writer for the exporters (see internal.h). Writing
 * straight into a psirt_buf avoids building a jansson tree of the whole
 * document only to serialise it once. */
#include <stdio.h>
#include <string.h>

#include "sbom/internal.h"

void sbom__jw_init(struct sbom__jw *w, struct psirt_buf *b)
{
	w->b = b;
	w->depth = 0;
	w->overflow = 0;
	w->has_items[0] = 0;
	w->after_key = 0;
}

static void indent(struct sbom__jw *w)
{
	/* a newline and two spaces per level, in one append */
	static const char spaces[] =
	    "\n                                                                "
	    "                                                                ";
	int d = w->depth;

	if ((size_t)(1 + 2 * d) < sizeof spaces) {
		psirt_buf_add(w->b, spaces, (size_t)(1 + 2 * d));
		return;
	}
	psirt_buf_addch(w->b, '\n');
	while (d--)
		psirt_buf_add(w->b, "  ", 2);
}

/* Before a value or a key: separator and indentation. */
static void item(struct sbom__jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->has_items[w->depth])
			psirt_buf_addch(w->b, ',');
		w->has_items[w->depth] = 1;
		indent(w);
	}
}

static void jw_open(struct sbom__jw *w, char c)
{
	item(w);
	psirt_buf_addch(w->b, c);
	if (w->depth + 1 >= SBOM__JW_MAX_DEPTH) {
		w->overflow = 1;
		return;
	}
	w->depth++;
	w->has_items[w->depth] = 0;
}

static void jw_close(struct sbom__jw *w, char c)
{
	int had = w->has_items[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (had)
		indent(w);
	psirt_buf_addch(w->b, c);
	if (w->depth == 0)
		psirt_buf_addch(w->b, '\n');
}

void sbom__jw_obj(struct sbom__jw *w)
{
	jw_open(w, '{');
}
void sbom__jw_arr(struct sbom__jw *w)
{
	jw_open(w, '[');
}
void sbom__jw_end_obj(struct sbom__jw *w)
{
	jw_close(w, '}');
}
void sbom__jw_end_arr(struct sbom__jw *w)
{
	jw_close(w, ']');
}

/* RFC 8259 §7: quote, backslash and control characters escaped; other
 * bytes pass when they form valid UTF-8, else U+FFFD replaces them. */
static void string(struct psirt_buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *run = s;

	psirt_buf_addch(b, '"');
	while (*s) {
		unsigned char c = *s;
		size_t n;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			s++;
			continue;
		}
		psirt_buf_add(b, run, (size_t)(s - run));
		if (c < 0x80) {
			switch (c) {
			case '"':
				psirt_buf_add(b, "\\\"", 2);
				break;
			case '\\':
				psirt_buf_add(b, "\\\\", 2);
				break;
			case '\n':
				psirt_buf_add(b, "\\n", 2);
				break;
			case '\r':
				psirt_buf_add(b, "\\r", 2);
				break;
			case '\t':
				psirt_buf_add(b, "\\t", 2);
				break;
			default:
				psirt_buf_addf(b, "\\u%04x", c);
				break;
			}
			s++;
		} else {
			n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (sbom__utf8_ok((const char *)s, strnlen((const char *)s, n)) &&
			    strnlen((const char *)s, n) == n) {
				psirt_buf_add(b, s, n);
				s += n;
			} else {
				psirt_buf_add(b, "\xef\xbf\xbd", 3);
				s++;
			}
		}
		run = s;
	}
	psirt_buf_add(b, run, (size_t)(s - run));
	psirt_buf_addch(b, '"');
}

void sbom__jw_key(struct sbom__jw *w, const char *key)
{
	item(w);
	string(w->b, key);
	psirt_buf_add(w->b, ": ", 2);
	w->after_key = 1;
}

void sbom__jw_str(struct sbom__jw *w, const char *s)
{
	item(w);
	string(w->b, s ? s : "");
}

void sbom__jw_int(struct sbom__jw *w, long long v)
{
	item(w);
	psirt_buf_addf(w->b, "%lld", v);
}

void sbom__jw_bool(struct sbom__jw *w, int v)
{
	item(w);
	psirt_buf_adds(w->b, v ? "true" : "false");
}

void sbom__jw_kv(struct sbom__jw *w, const char *key, const char *value)
{
	if (!value)
		return;
	sbom__jw_key(w, key);
	sbom__jw_str(w, value);
}
