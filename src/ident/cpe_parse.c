/* CPE name parsing: formatted string, URI and WFN notation (see
 * include/psirt/cpe.h).
 *
 * One pass over the input per binding; each binding's tokenizer feeds
 * literal characters and unquoted wildcards to one value builder, which
 * writes bodies straight into the name's text area and enforces NISTIR 7695
 * §5.3.2 (wildcards only at the start and end of a value).
 *
 * Where NISTIR 7695's grammars and its pseudocode disagree we chose, and say
 * so here once:
 * - A value of '?'s alone ("?", "???") is accepted: §5.3.2 rule 4 allows "a
 *   single question mark ... by itself" and both unbinding pseudocodes accept
 *   it, although the ABNF of Figures 6-2 and 6-3 wants one other character.
 * - '*' never stands next to '?' or another '*' ("*?foo", "foo?*", "**",
 *   "?*"): §5.3.2 and NISTIR 7696 §5.2; the FS pseudocode would take "**".
 * - An empty FS field is an error (Figure 6-3); an empty URI component is ANY
 *   (Figure 6-1), including the part (JVN writes "cpe:/:sun").
 * - URI percent-encodings: any printable character (%21-%7e) decodes, as
 *   Figure 6-1 allows; %01/%02 are the wildcards; everything else (%07,
 *   %20, %80) is an error, as §6.1.3.3 Example 6 requires. Characters
 *   outside Figure 6-1's unreserved set must be encoded (§6.1.3: "A fully
 *   robust implementation ... SHOULD").
 * - A backslash quotes punctuation only ("\a" is an error, Figure 5-1).
 * - The language is a language tag: subtags of 1-8 letters or digits joined
 *   by '-', the first 2-8 letters. That is RFC 5646's shape, looser than the
 *   LANGTAG of Figures 6-2/6-3, so that every URI Figure 6-1 admits converts.
 * - "cpe" and "wfn" prefixes are taken in any case; the part is folded to
 *   lower case.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident/cpe_internal.h"
#include "psirt/cpe.h"

const unsigned char ident__cpe_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 7, 7, 4,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 4, 4, 4, 4, 4,
	4, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 4, 4, 4, 7,
	4, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 4, 4, 4, 6, 0,
	/* 0x80-0xff: not ASCII */
};

struct builder {
	struct psirt_cpe *cpe;
	char *w;                 /* write cursor in cpe->text */
	const char *in;          /* start of the input, for columns */
	struct psirt_diag *diag;
	/* the value being built */
	struct psirt_cpe_value *v;
	const char *v_start;     /* its first input byte */
	const char *trail_at;    /* first trailing wildcard */
	char trail_wc;           /* and which one it is */
	int have_body, in_trail;
};

static enum psirt_err fail_at(struct builder *b, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum psirt_err fail_at(struct builder *b, const char *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	psirt_diag_setv(b->diag, PSIRT_EINVAL, fmt, ap);
	va_end(ap);
	psirt_diag_set_column(b->diag, (long)(at - b->in) + 1);
	return PSIRT_EINVAL;
}

/* Names a byte for a message: "'$'" or "byte 0x07". */
static const char *byte_name(int c, char *tmp, size_t n)
{
	if (ident__cpe_printable(c))
		snprintf(tmp, n, "'%c'", c);
	else if (c == ' ')
		snprintf(tmp, n, "a space");
	else
		snprintf(tmp, n, "byte 0x%02x", (unsigned)c & 0xff);
	return tmp;
}

static void set_logical(struct builder *b, enum psirt_cpe_attr a, enum psirt_cpe_kind kind)
{
	struct psirt_cpe_value *v = &b->cpe->attr[a];

	v->kind = (uint8_t)kind;
	v->lead = v->trail = 0;
	v->off = 0;
	v->len = 0;
}

static void value_begin(struct builder *b, enum psirt_cpe_attr a, const char *start)
{
	b->v = &b->cpe->attr[a];
	b->v->kind = PSIRT_CPE_STRING;
	b->v->lead = b->v->trail = 0;
	b->v->off = (uint16_t)(b->w - b->cpe->text);
	b->v_start = start;
	b->have_body = b->in_trail = 0;
	b->trail_at = NULL;
	b->trail_wc = 0;
}

static inline enum psirt_err value_literal(struct builder *b, char c)
{
	if (b->in_trail)
		return fail_at(b, b->trail_at,
		               "wildcard '%c' inside a value; wildcards may only begin or end one "
		               "(NISTIR 7695 §5.3.2)", b->trail_wc);
	*b->w++ = c;
	b->have_body = 1;
	return PSIRT_OK;
}

/* An unquoted '*' or '?' at input position at. A run of '?' or one '*' may
 * lead the value, and another may trail it; NISTIR 7695 §5.3.2. */
static enum psirt_err value_wild(struct builder *b, char wc, const char *at)
{
	struct psirt_cpe_value *v = b->v;

	if (!b->have_body && !b->in_trail) {
		if (wc == '*' && v->lead == 0) {
			v->lead = PSIRT_CPE_STAR;
			return PSIRT_OK;
		}
		if (wc == '?' && v->lead >= 0) {
			v->lead++;
			return PSIRT_OK;
		}
		/* "*?", "?*", "**": the second starts the trailing wildcards */
	}
	if (!b->in_trail) {
		b->in_trail = 1;
		b->trail_at = at;
		b->trail_wc = wc;
	}
	if (wc == '*') {
		if (v->trail != 0)
			return fail_at(b, at, "'*' cannot follow another wildcard (NISTIR 7695 §5.3.2)");
		v->trail = PSIRT_CPE_STAR;
	} else {
		if (v->trail == PSIRT_CPE_STAR)
			return fail_at(b, at, "'?' cannot follow '*' (NISTIR 7695 §5.3.2)");
		v->trail++;
	}
	return PSIRT_OK;
}

static inline enum psirt_err value_end(struct builder *b)
{
	struct psirt_cpe_value *v = b->v;
	size_t len = (size_t)(b->w - (b->cpe->text + v->off));

	if (!b->have_body) {
		if (v->lead == 0 && v->trail == 0)
			return fail_at(b, b->v_start, "empty value");
		/* §5.3.2: a single '?' (or a run) may stand alone; '*' may not */
		if (v->lead < 0 || v->trail != 0)
			return fail_at(b, b->v_start,
			               "'*' needs other characters beside it (NISTIR 7695 §5.3.2)");
	}
	if (len == 1 && b->cpe->text[v->off] == '-' && v->lead == 0 && v->trail == 0)
		return fail_at(b, b->v_start,
		               "a quoted hyphen alone is not a value (NISTIR 7695 §5.3.2 rule 6)");
	v->len = (uint16_t)len;
	*b->w++ = '\0';
	return PSIRT_OK;
}

/* NISTIR 7695 §5.3.3.1: a, o or h (or a logical value). */
static enum psirt_err check_part(struct builder *b, const char *start)
{
	struct psirt_cpe_value *v = &b->cpe->attr[PSIRT_CPE_PART];
	char *body = b->cpe->text + v->off;
	int c;

	if (v->kind != PSIRT_CPE_STRING)
		return PSIRT_OK;
	c = psirt_tolower((unsigned char)body[0]);
	if (v->len != 1 || v->lead || v->trail || (c != 'a' && c != 'o' && c != 'h'))
		return fail_at(b, start, "part must be a, o or h (NISTIR 7695 §5.3.3.1)");
	body[0] = (char)c;
	return PSIRT_OK;
}

/* NISTIR 7695 §5.3.3.10: a language tag (see the head of this file). */
static int language_ok(const char *s, size_t len)
{
	size_t i, sub = 0, nsub = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '-') {
			if (sub < 1 || sub > 8 || (nsub == 0 && sub < 2))
				return 0;
			sub = 0;
			nsub++;
		} else if (nsub == 0 ? psirt_isalpha((unsigned char)s[i])
		                     : psirt_isalnum((unsigned char)s[i])) {
			sub++;
		} else {
			return 0;
		}
	}
	return 1;
}

static enum psirt_err check_language(struct builder *b, const char *start)
{
	struct psirt_cpe_value *v = &b->cpe->attr[PSIRT_CPE_LANGUAGE];

	if (v->kind != PSIRT_CPE_STRING)
		return PSIRT_OK;
	if (v->lead || v->trail || !language_ok(b->cpe->text + v->off, v->len))
		return fail_at(b, start,
		               "language must be a language tag such as en or en-us "
		               "(NISTIR 7695 §5.3.3.10)");
	return PSIRT_OK;
}

/* ---- formatted string (NISTIR 7695 §6.2.3) ---------------------------- */

/* Parses one field at *pp up to an unquoted ':' or end. */
static enum psirt_err fs_value(struct builder *b, enum psirt_cpe_attr a, const char **pp,
                               const char *end)
{
	const char *p = *pp, *start = p;
	char tmp[16];
	enum psirt_err err;

	if (p == end || *p == ':')
		return fail_at(b, p, "empty %s (write * for ANY)", psirt_cpe_attr_name(a));
	if ((*p == '*' || *p == '-') && (p + 1 == end || p[1] == ':')) {
		/* the name starts zeroed, which is ANY */
		if (*p == '-')
			set_logical(b, a, PSIRT_CPE_NA);
		*pp = p + 1;
		return PSIRT_OK;
	}
	value_begin(b, a, start);
	for (;;) {
		const char *q = p;
		char *w = b->w;
		int c;

		/* a run of plain characters, copied as it is scanned: most values
		 * are one run (the copy past a trailing wildcard is harmless, the
		 * value is rejected) */
		/* four bytes a step while they are all plain: independent loads
		 * and one branch instead of four (parsing NVD names 8% faster) */
		while (end - q >= 4 &&
		       (ident__cpe_class[(unsigned char)q[0]] & ident__cpe_class[(unsigned char)q[1]] &
		        ident__cpe_class[(unsigned char)q[2]] & ident__cpe_class[(unsigned char)q[3]] &
		        IDENT__CPE_FS_PLAIN)) {
			memcpy(w, q, 4);
			w += 4;
			q += 4;
		}
		while (q < end && (ident__cpe_class[(unsigned char)*q] & IDENT__CPE_FS_PLAIN))
			*w++ = *q++;
		if (q > p) {
			if (b->in_trail)
				return value_literal(b, *p); /* reports the wildcard */
			b->w = w;
			b->have_body = 1;
			p = q;
		}
		if (p == end || *p == ':')
			break;
		c = (unsigned char)*p;
		if (c == '\\') {
			if (p + 1 == end)
				return fail_at(b, p, "backslash at the end of the name");
			c = (unsigned char)*++p;
			if (!ident__cpe_printable(c) || psirt_isalnum(c))
				return fail_at(b, p, "a backslash must quote punctuation, not %s",
				               byte_name(c, tmp, sizeof tmp));
			err = value_literal(b, (char)c);
		} else if (c == '*' || c == '?') {
			err = value_wild(b, (char)c, p);
		} else if (!ident__cpe_printable(c)) {
			return fail_at(b, p, "%s is not allowed in a CPE name",
			               byte_name(c, tmp, sizeof tmp));
		} else {
			return fail_at(b, p, "'%c' must be quoted with a backslash in a formatted string",
			               c);
		}
		if (err)
			return err;
		p++;
	}
	*pp = p;
	return value_end(b);
}

static enum psirt_err parse_fs(struct builder *b, const char *p, const char *end)
{
	const char *starts[PSIRT_CPE_ATTR__MAX];
	enum psirt_err err;
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		starts[a] = p;
		if (p < end && *p == '*' && (p + 1 == end || p[1] == ':')) {
			p++; /* ANY, which the name starts as: most fields */
		} else {
			err = fs_value(b, (enum psirt_cpe_attr)a, &p, end);
			if (err)
				return err;
		}
		if (a + 1 < PSIRT_CPE_ATTR__MAX) {
			if (p == end)
				return fail_at(b, p,
				               "formatted string ends after %d of 11 attributes "
				               "(missing %s)", a + 1,
				               psirt_cpe_attr_name((enum psirt_cpe_attr)(a + 1)));
			p++; /* ':' */
		}
	}
	if (p != end)
		return fail_at(b, p, "more than 11 attributes (a ':' in a value must be quoted "
		                     "as \\:)");
	err = check_part(b, starts[PSIRT_CPE_PART]);
	if (!err)
		err = check_language(b, starts[PSIRT_CPE_LANGUAGE]);
	return err;
}

/* ---- URI (NISTIR 7695 §6.1.3) ----------------------------------------- */

static int hexval(int c)
{
	if (psirt_isdigit(c))
		return c - '0';
	c = psirt_tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* decode(): one component from *pp up to the next ':' or the end (and, in
 * the first four fields of a packed edition, tilde_ends, up to a '~'), into
 * attribute a, letters folded. Leaves *pp at the byte that ended it. */
static enum psirt_err uri_value(struct builder *b, enum psirt_cpe_attr a, const char **pp,
                                const char *e, int tilde_ends)
{
	/* '~' is unreserved in Figure 6-1 (§6.1.3.3 Example 7), but delimits the
	 * packed fields */
	const unsigned plain = tilde_ends ? IDENT__CPE_FS_PLAIN : IDENT__CPE_URI_PLAIN;
	const char *p = *pp, *s = p;
	char tmp[16];
	enum psirt_err err;

#define URI_STOP(q) ((q) == e || *(q) == ':' || (tilde_ends && *(q) == '~'))
	if (URI_STOP(p)) /* blank: ANY, which the name starts as */
		return PSIRT_OK;
	if (*p == '-' && URI_STOP(p + 1)) {
		set_logical(b, a, PSIRT_CPE_NA);
		*pp = p + 1;
		return PSIRT_OK;
	}
	value_begin(b, a, s);
	for (;;) {
		const char *q = p;
		char *w = b->w;
		int c, hi, lo;

		/* a run of unencoded characters, folded as it is copied */
		while (q < e && (ident__cpe_class[(unsigned char)*q] & plain))
			*w++ = (char)psirt_tolower((unsigned char)*q++);
		if (q > p) {
			if (b->in_trail)
				return value_literal(b, *p); /* reports the wildcard */
			b->w = w;
			b->have_body = 1;
			p = q;
		}
		if (URI_STOP(p))
			break;
		c = (unsigned char)*p;
		if (c == '%') {
			hi = p + 1 < e ? hexval((unsigned char)p[1]) : -1;
			lo = p + 2 < e ? hexval((unsigned char)p[2]) : -1;
			if (hi < 0 || lo < 0)
				return fail_at(b, p, "'%%' must start a percent-encoding %%XX");
			c = hi * 16 + lo;
			if (c == 0x01 || c == 0x02)
				err = value_wild(b, c == 0x01 ? '?' : '*', p);
			else if (ident__cpe_printable(c))
				err = value_literal(b, (char)psirt_tolower(c));
			else
				return fail_at(b, p, "illegal percent-encoding %%%c%c (NISTIR 7695 §6.1.3.2)",
				               p[1], p[2]);
			if (err)
				return err;
			p += 3;
		} else if (!ident__cpe_printable(c)) {
			return fail_at(b, p, "%s is not allowed in a CPE name",
			               byte_name(c, tmp, sizeof tmp));
		} else {
			return fail_at(b, p, "'%c' must be percent-encoded in a CPE URI", c);
		}
	}
#undef URI_STOP
	*pp = p;
	return value_end(b);
}

/* unpack(): "~edition~sw_edition~target_sw~target_hw~other" at *pp. The
 * first four fields end at a '~'; other is the rest, tildes and all. */
static enum psirt_err uri_unpack(struct builder *b, const char **pp, const char *e)
{
	static const enum psirt_cpe_attr order[] = {
		PSIRT_CPE_EDITION, PSIRT_CPE_SW_EDITION, PSIRT_CPE_TARGET_SW,
		PSIRT_CPE_TARGET_HW, PSIRT_CPE_OTHER,
	};
	const char *start = *pp, *p = start + 1;
	enum psirt_err err;
	size_t i;

	for (i = 0; i < 5; i++) {
		err = uri_value(b, order[i], &p, e, i < 4);
		if (err)
			return err;
		if (i < 4) {
			if (p == e || *p != '~')
				return fail_at(b, start, "a packed edition needs five fields: "
				                         "~edition~sw_edition~target_sw~target_hw~other");
			p++;
		}
	}
	*pp = p;
	return PSIRT_OK;
}

static enum psirt_err parse_uri(struct builder *b, const char *p, const char *end)
{
	static const enum psirt_cpe_attr order[] = {
		PSIRT_CPE_PART, PSIRT_CPE_VENDOR, PSIRT_CPE_PRODUCT, PSIRT_CPE_VERSION,
		PSIRT_CPE_UPDATE, PSIRT_CPE_EDITION, PSIRT_CPE_LANGUAGE,
	};
	const char *starts[PSIRT_CPE_ATTR__MAX] = { NULL };
	enum psirt_err err;
	size_t i;

	for (i = 0; i < 7; i++) {
		starts[order[i]] = p;
		if (order[i] == PSIRT_CPE_EDITION && p < end && *p == '~')
			err = uri_unpack(b, &p, end);
		else
			err = uri_value(b, order[i], &p, end, 0);
		if (err)
			return err;
		if (p == end)
			break;
		if (i == 6)
			return fail_at(b, p, "more than 7 components in a CPE URI");
		p++; /* ':' */
	}
	err = check_part(b, starts[PSIRT_CPE_PART]);
	if (!err && starts[PSIRT_CPE_LANGUAGE])
		err = check_language(b, starts[PSIRT_CPE_LANGUAGE]);
	return err;
}

/* ---- WFN notation (NISTIR 7695 §5) ------------------------------------ */

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && psirt_isspace((unsigned char)*p))
		p++;
	return p;
}

/* A quoted value string at *pp (just after its opening '"'). */
static enum psirt_err wfn_string(struct builder *b, enum psirt_cpe_attr a, const char **pp,
                                 const char *end)
{
	const char *p = *pp;
	char tmp[16];
	enum psirt_err err;

	value_begin(b, a, p);
	for (;; p++) {
		int c;

		if (p == end)
			return fail_at(b, p, "unterminated value (missing '\"')");
		c = (unsigned char)*p;
		if (c == '"')
			break;
		if (psirt_isalnum(c) || c == '_') {
			err = value_literal(b, (char)c);
		} else if (c == '\\') {
			if (p + 1 == end)
				return fail_at(b, p, "backslash at the end of the name");
			c = (unsigned char)*++p;
			if (!ident__cpe_printable(c) || psirt_isalnum(c))
				return fail_at(b, p, "a backslash must quote punctuation, not %s",
				               byte_name(c, tmp, sizeof tmp));
			err = value_literal(b, (char)c);
		} else if (c == '*' || c == '?') {
			err = value_wild(b, (char)c, p);
		} else if (!ident__cpe_printable(c)) {
			return fail_at(b, p, "%s is not allowed in a CPE name",
			               byte_name(c, tmp, sizeof tmp));
		} else {
			return fail_at(b, p, "'%c' must be quoted with a backslash in a WFN "
			                     "(NISTIR 7695 §5.3.2)", c);
		}
		if (err)
			return err;
	}
	*pp = p + 1;
	return value_end(b);
}

static int attr_by_name(const char *s, size_t n)
{
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (psirt_str_ieq(psirt_str_make(s, n), psirt_cpe_attr_name((enum psirt_cpe_attr)a)))
			return a;
	}
	return -1;
}

static enum psirt_err parse_wfn(struct builder *b, const char *p, const char *end)
{
	const char *starts[PSIRT_CPE_ATTR__MAX] = { NULL };
	enum psirt_err err;

	p = skip_space(p, end);
	if (p < end && *p == ']')
		goto close;
	for (;;) {
		const char *name = p;
		int a;

		while (p < end && (psirt_isalpha((unsigned char)*p) || *p == '_'))
			p++;
		if (p == name)
			return fail_at(b, p, "expected an attribute name");
		a = attr_by_name(name, (size_t)(p - name));
		if (a < 0)
			return fail_at(b, name, "unknown attribute '%.*s' (NISTIR 7695 §5.2)",
			               (int)(p - name), name);
		if (starts[a])
			return fail_at(b, name, "%s given twice (NISTIR 7695 §5.2)",
			               psirt_cpe_attr_name((enum psirt_cpe_attr)a));
		p = skip_space(p, end);
		if (p == end || *p != '=')
			return fail_at(b, p, "expected '=' after %s",
			               psirt_cpe_attr_name((enum psirt_cpe_attr)a));
		p = skip_space(p + 1, end);
		starts[a] = p;
		if (end - p >= 3 && !memcmp(p, "ANY", 3) &&
		    (end - p == 3 || !psirt_isalnum((unsigned char)p[3]))) {
			set_logical(b, (enum psirt_cpe_attr)a, PSIRT_CPE_ANY);
			p += 3;
		} else if (end - p >= 2 && !memcmp(p, "NA", 2) &&
		           (end - p == 2 || !psirt_isalnum((unsigned char)p[2]))) {
			set_logical(b, (enum psirt_cpe_attr)a, PSIRT_CPE_NA);
			p += 2;
		} else if (p < end && *p == '"') {
			p++;
			err = wfn_string(b, (enum psirt_cpe_attr)a, &p, end);
			if (err)
				return err;
		} else {
			return fail_at(b, p, "expected ANY, NA or a quoted value");
		}
		p = skip_space(p, end);
		if (p < end && *p == ',') {
			p = skip_space(p + 1, end);
			continue;
		}
		if (p < end && *p == ']')
			break;
		return fail_at(b, p, "expected ',' or ']'");
	}
close:
	if (p + 1 != end)
		return fail_at(b, p + 1, "unexpected text after ']'");
	err = starts[PSIRT_CPE_PART] ? check_part(b, starts[PSIRT_CPE_PART]) : PSIRT_OK;
	if (!err && starts[PSIRT_CPE_LANGUAGE])
		err = check_language(b, starts[PSIRT_CPE_LANGUAGE]);
	return err;
}

/* ---- entry points ----------------------------------------------------- */

/* Does in start with prefix, the letters of prefix in any case? */
static int prefix_ci(struct psirt_str in, const char *prefix, size_t n)
{
	size_t i;

	if (in.len < n)
		return 0;
	for (i = 0; i < n; i++) {
		if (psirt_tolower((unsigned char)in.p[i]) != prefix[i])
			return 0;
	}
	return 1;
}

enum psirt_err psirt_cpe_parse_into(struct psirt_cpe *dst, size_t dst_size,
                                    struct psirt_str in, struct psirt_diag *diag)
{
	struct builder b;
	const char *end;
	enum psirt_err err;

	if (in.len > PSIRT_CPE_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "CPE name longer than %d bytes",
		                      PSIRT_CPE_MAX);
	if (dst_size < PSIRT_CPE_SIZE(in.len))
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "buffer too small for this CPE name");
	/* all attributes start as ANY: unspecified ones stay so (§5.2 rule 2) */
	memset(dst, 0, sizeof *dst);
	b.cpe = dst;
	b.w = dst->text;
	b.in = in.p;
	b.diag = diag;
	b.v = NULL;
	end = in.p + in.len;
	if (prefix_ci(in, "cpe:2.3:", 8)) {
		err = parse_fs(&b, in.p + 8, end);
	} else if (prefix_ci(in, "cpe:/", 5)) {
		err = parse_uri(&b, in.p + 5, end);
	} else if (prefix_ci(in, "wfn:[", 5)) {
		err = parse_wfn(&b, in.p + 5, end);
	} else if (prefix_ci(in, "cpe:", 4)) {
		b.in = in.p;
		err = fail_at(&b, in.p + 4, "unknown CPE binding: expected cpe:2.3: or cpe:/");
	} else {
		err = fail_at(&b, in.p, "not a CPE name: expected cpe:2.3:, cpe:/ or wfn:[");
	}
	if (err)
		return err;
	dst->text_len = (uint16_t)(b.w - dst->text);
	*b.w = '\0';
	return PSIRT_OK;
}

enum psirt_err psirt_cpe_parse(struct psirt_str in, struct psirt_cpe **out,
                               struct psirt_diag *diag)
{
	struct psirt_cpe *cpe;
	enum psirt_err err;
	size_t size;

	*out = NULL;
	if (in.len > PSIRT_CPE_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "CPE name longer than %d bytes",
		                      PSIRT_CPE_MAX);
	size = PSIRT_CPE_SIZE(in.len);
	cpe = malloc(size);
	if (!cpe)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	err = psirt_cpe_parse_into(cpe, size, in, diag);
	if (err) {
		free(cpe);
		return err;
	}
	*out = cpe;
	return PSIRT_OK;
}

enum psirt_err psirt_cpe_parse_arena(struct psirt_arena *arena, struct psirt_str in,
                                     struct psirt_cpe **out, struct psirt_diag *diag)
{
	struct psirt_cpe *cpe;
	enum psirt_err err;
	size_t size;

	*out = NULL;
	if (in.len > PSIRT_CPE_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "CPE name longer than %d bytes",
		                      PSIRT_CPE_MAX);
	size = PSIRT_CPE_SIZE(in.len);
	cpe = psirt_arena_alloc(arena, size);
	if (!cpe)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	err = psirt_cpe_parse_into(cpe, size, in, diag);
	if (!err)
		*out = cpe;
	return err;
}

void psirt_cpe_free(struct psirt_cpe *cpe)
{
	free(cpe);
}

char psirt_cpe_part(const struct psirt_cpe *cpe)
{
	const struct psirt_cpe_value *v = &cpe->attr[PSIRT_CPE_PART];

	if (v->kind == PSIRT_CPE_ANY)
		return '*';
	if (v->kind == PSIRT_CPE_NA)
		return '-';
	return cpe->text[v->off];
}

int psirt_cpe_has_wildcards(const struct psirt_cpe *cpe)
{
	int a;

	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (psirt_cpe_value_has_wildcards(&cpe->attr[a]))
			return 1;
	}
	return 0;
}

int psirt_cpe_attr_is(const struct psirt_cpe *cpe, enum psirt_cpe_attr a, struct psirt_str s)
{
	const struct psirt_cpe_value *v = &cpe->attr[a];
	size_t i;

	if (v->kind != PSIRT_CPE_STRING || v->lead || v->trail || v->len != s.len)
		return 0;
	for (i = 0; i < s.len; i++) {
		if (psirt_tolower((unsigned char)cpe->text[v->off + i]) !=
		    psirt_tolower((unsigned char)s.p[i]))
			return 0;
	}
	return 1;
}
