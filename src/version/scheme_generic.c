/* generic — the versions found in NVD CPE names and CVE configurations
 * (versionStartIncluding, versionEndExcluding, ...), which follow no one
 * scheme: 1.0.2k (OpenSSL), 8.0p1 (OpenSSH), 2016.74 (Dropbear), v1.24.1,
 * 5.4.0-rc1, 4.19.0_p1, 2.90 (dnsmasq), 20230101, 11.5\(1\)su8 (Cisco, CPE
 * escaped), 8u401 (Java). psirt's own rules, chosen so that each of those
 * families orders the way its project numbers releases:
 *
 * 1. Tokens. Runs of digits are numbers, runs of ASCII letters are words
 *    (case-insensitive); every other printable ASCII character separates
 *    tokens, and all separators are equal ("1.0-1" == "1.0.1"). A backslash
 *    quotes the punctuation after it, as CPE 2.3 formatted strings write
 *    "11.5\(1\)" (NISTIR 7695 §6.2), and is a separator too. A "v" or "V"
 *    before the first digit is ignored: v1.24.1 == 1.24.1.
 * 2. The release is the leading run of numbers; the rest starts at the first
 *    word. Releases compare number by number, numerically (leading zeros and
 *    length do not matter: 20230101, 01.03.00), a missing number counting as
 *    0, so 1.0 == 1.0.0 and 1.0.1 > 1.0.
 * 3. With equal releases the rests compare token by token, a missing token
 *    counting as the end. At one position:
 *        pre-release word < end == 0 < other word < number >= 1
 *    - pre-release words: dev < alpha < beta < pre == preview < rc, so
 *      5.4.0-rc1 < 5.4.0 and 1.0-beta2 < 1.0-rc1;
 *    - any other word is a sub-release, after the release and before the
 *      next one: 1.0.2 < 1.0.2j < 1.0.2k < 1.0.3, 8.0 < 8.0p1 < 8.1,
 *      4.19.0 < 4.19.0_p1; words compare in ASCII order, a longer word after
 *      its prefix (1.0.2z < 1.0.2za, OpenSSL's 0.9.8za);
 *    - numbers numerically (rc1 < rc2 < rc10).
 *    Single letters are sub-releases too (OpenSSL's 1.1.1a), never alpha or
 *    beta; only the whole words above are pre-releases.
 *
 * Rejected (PSIRT_EINVAL with the column): empty text, text without a digit
 * or letter ("-", CPE's NA), an unquoted "*" or "?" (CPE wildcards: ANY is not
 * a version), whitespace, control and non-ASCII bytes, a trailing backslash
 * or one before a letter or digit.
 */
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

enum tok_kind { TOK_END, TOK_NUM, TOK_WORD };

struct gtok {
	enum tok_kind kind;
	const char *p; /* NUM: digits without leading zeros (len 0 = 0); WORD: letters */
	size_t len;
};

struct gcur {
	const char *s;
	size_t i, len;
	struct gtok t; /* the current token */
};

static int is_sep_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !psirt_isalnum(c);
}

static enum psirt_err generic_check(struct psirt_str v, struct psirt_diag *diag)
{
	enum psirt_err err;
	size_t i;
	int alnum = 0;

	err = version__check_length(v, "generic", diag);
	if (err)
		return err;
	if (v.len == 1 && (v.p[0] == '*' || v.p[0] == '-'))
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "invalid generic version: '%c' is CPE's %s, not a version",
		                      v.p[0], v.p[0] == '*' ? "ANY" : "NA");
	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.p[i];
		const char *what = NULL;

		if (psirt_isalnum(c)) {
			alnum = 1;
		} else if (c == '\\') {
			if (i + 1 >= v.len || !is_sep_char((unsigned char)v.p[i + 1]))
				what = "a backslash must quote a punctuation character";
			else
				i++;
		} else if (c == '*' || c == '?') {
			what = "a CPE wildcard ('*' or '?') is not part of a version";
		} else if (!is_sep_char(c)) {
			what = "whitespace, control and non-ASCII characters are not allowed";
		}
		if (what) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "invalid generic version: %s", what);
			psirt_diag_set_column(diag, (long)i + 1);
			return err;
		}
	}
	if (!alnum)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "invalid generic version: no digit or letter");
	return PSIRT_OK;
}

/* Moves to the next token (the text was checked). */
static void gnext(struct gcur *c)
{
	const char *s = c->s;
	size_t i = c->i, start;

	while (i < c->len && !psirt_isalnum((unsigned char)s[i]))
		i++; /* separators, backslashes included */
	if (i >= c->len) {
		c->t.kind = TOK_END;
		c->t.len = 0;
		c->i = i;
		return;
	}
	start = i;
	if (psirt_isdigit((unsigned char)s[i])) {
		while (i < c->len && s[i] == '0')
			i++;
		start = i;
		while (i < c->len && psirt_isdigit((unsigned char)s[i]))
			i++;
		c->t.kind = TOK_NUM;
	} else {
		while (i < c->len && psirt_isalpha((unsigned char)s[i]))
			i++;
		c->t.kind = TOK_WORD;
	}
	c->t.p = s + start;
	c->t.len = i - start;
	c->i = i;
}

static void gstart(struct gcur *c, struct psirt_str v)
{
	c->s = v.p;
	c->len = v.len;
	c->i = 0;
	if (v.len > 1 && (v.p[0] == 'v' || v.p[0] == 'V') && psirt_isdigit((unsigned char)v.p[1]))
		c->i = 1;
	gnext(c);
}

static int cmp_num(const struct gtok *a, const struct gtok *b)
{
	int c;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	c = memcmp(a->p, b->p, a->len);
	return (c > 0) - (c < 0);
}

/* Pre-release rank of a word, or -1 for any other word. */
static int pre_rank(const struct gtok *t)
{
	static const struct {
		const char *word;
		int rank;
	} pre[] = {
		{ "dev", 0 }, { "alpha", 1 }, { "beta", 2 }, { "pre", 3 }, { "preview", 3 }, { "rc", 4 },
	};
	size_t i, k;

	for (i = 0; i < sizeof pre / sizeof pre[0]; i++) {
		const char *w = pre[i].word;

		for (k = 0; k < t->len && w[k] && psirt_tolower((unsigned char)t->p[k]) == w[k]; k++)
			;
		if (k == t->len && !w[k])
			return pre[i].rank;
	}
	return -1;
}

/* pre-release word < end == 0 < other word < number >= 1 */
static int tok_class(const struct gtok *t, int *pre)
{
	*pre = -1;
	if (t->kind == TOK_END || (t->kind == TOK_NUM && t->len == 0))
		return 1;
	if (t->kind == TOK_NUM)
		return 3;
	*pre = pre_rank(t);
	return *pre >= 0 ? 0 : 2;
}

static int cmp_rest_tok(const struct gtok *a, const struct gtok *b)
{
	int pa, pb, ca = tok_class(a, &pa), cb = tok_class(b, &pb);
	size_t k;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	switch (ca) {
	case 0:
		return (pa > pb) - (pa < pb);
	case 2:
		for (k = 0; k < a->len && k < b->len; k++) {
			int x = psirt_tolower((unsigned char)a->p[k]);
			int y = psirt_tolower((unsigned char)b->p[k]);

			if (x != y)
				return x < y ? -1 : 1;
		}
		return (a->len > b->len) - (a->len < b->len);
	case 3:
		return cmp_num(a, b);
	default:
		return 0;
	}
}

static int generic_cmp(struct psirt_str a, struct psirt_str b)
{
	static const struct gtok zero = { TOK_NUM, "", 0 };
	struct gcur ca, cb;
	int c;

	gstart(&ca, a);
	gstart(&cb, b);
	/* The releases: leading numbers, a missing one counting as 0. */
	while (ca.t.kind == TOK_NUM || cb.t.kind == TOK_NUM) {
		c = cmp_num(ca.t.kind == TOK_NUM ? &ca.t : &zero, cb.t.kind == TOK_NUM ? &cb.t : &zero);
		if (c)
			return c;
		if (ca.t.kind == TOK_NUM)
			gnext(&ca);
		if (cb.t.kind == TOK_NUM)
			gnext(&cb);
	}
	/* The rests, from the first word on. */
	while (ca.t.kind != TOK_END || cb.t.kind != TOK_END) {
		c = cmp_rest_tok(&ca.t, &cb.t);
		if (c)
			return c;
		if (ca.t.kind != TOK_END)
			gnext(&ca);
		if (cb.t.kind != TOK_END)
			gnext(&cb);
	}
	return 0;
}

static enum psirt_err generic_compare(struct psirt_str a, struct psirt_str b, int *result,
                                      struct psirt_diag *diag)
{
	return version__compare_checked(generic_check, generic_cmp, a, b, result, diag);
}

/* Sort key (psirt/version.h), the order of generic_cmp as bytes:
 *
 *   release  one entry per number, trailing zeros dropped (a missing
 *            number counts as 0, and every number is >= 0, so a release
 *            that is a proper prefix of another after dropping is smaller):
 *            a number is its digit count + 1 as one byte (0x01 for 0; 0xff
 *            then two bytes of count for 255 digits and more), then the
 *            digits; then 0x00, below every number.
 *   rest     zero numbers are equal to the end, so each other token is
 *            written with k, the zeros right before it:
 *              pre-release word  0x10, k, rank
 *              other word        0x30, 0xff - k, 0x01, letters (lower case), 0x00
 *              number >= 1       0x30, 0xff - k, 0x02, number as above
 *            and the end is 0x20. Comparing "k zeros then t" with "j zeros
 *            then u": when k < j the first decides with t against a zero:
 *            a pre-release word is below (0x10 < 0x30 or a smaller k), any
 *            other token above (0xff - k is larger); the end sits between
 *            the two, as it equals an endless run of zeros.
 * A key is never a proper prefix of another (every token is self-delimiting
 * and the end marker is no token's first byte). At most five bytes are
 * written per byte of version. */
_Static_assert(PSIRT_VERSION_MAX / 2 <= 0xff, "a zero count fits in one byte");

static unsigned char *put_num(unsigned char *w, const struct gtok *t)
{
	if (t->len < 0xfe) {
		*w++ = (unsigned char)(t->len + 1);
	} else {
		*w++ = 0xff;
		*w++ = (unsigned char)(t->len >> 8);
		*w++ = (unsigned char)(t->len & 0xff);
	}
	memcpy(w, t->p, t->len);
	return w + t->len;
}

static enum psirt_err generic_sort_key(struct psirt_str v, struct psirt_buf *out,
                                       struct psirt_diag *diag)
{
	struct gcur c;
	size_t zeros = 0, k;
	enum psirt_err err;
	unsigned char *w;
	int pre;

	err = generic_check(v, diag);
	if (err)
		return err;
	/* one growth, then plain stores (at most five bytes a byte of version,
	 * see above; two more for the markers) */
	psirt_buf_grow(out, 5 * v.len + 2);
	if (psirt_buf_error(out))
		return psirt_buf_error(out);
	w = (unsigned char *)out->p + out->len;
	gstart(&c, v);
	for (; c.t.kind == TOK_NUM; gnext(&c)) {
		if (!c.t.len) {
			zeros++;
			continue;
		}
		for (; zeros; zeros--)
			*w++ = 0x01;
		w = put_num(w, &c.t);
	}
	*w++ = 0x00;
	for (zeros = 0; c.t.kind != TOK_END; gnext(&c)) {
		switch (tok_class(&c.t, &pre)) {
		case 1:
			zeros++;
			continue;
		case 0:
			*w++ = 0x10;
			*w++ = (unsigned char)zeros;
			*w++ = (unsigned char)pre;
			break;
		case 2:
			*w++ = 0x30;
			*w++ = (unsigned char)(0xff - zeros);
			*w++ = 0x01;
			for (k = 0; k < c.t.len; k++)
				*w++ = (unsigned char)psirt_tolower((unsigned char)c.t.p[k]);
			*w++ = 0x00;
			break;
		default:
			*w++ = 0x30;
			*w++ = (unsigned char)(0xff - zeros);
			*w++ = 0x02;
			w = put_num(w, &c.t);
			break;
		}
		zeros = 0;
	}
	*w++ = 0x20;
	out->len = (size_t)((char *)w - out->p);
	out->p[out->len] = '\0';
	return PSIRT_OK;
}

const struct psirt_version_scheme psirt_scheme_generic = {
	.name = "generic",
	.aliases = NULL,
	.summary = "NVD/CPE versions: 1.0.2k, 8.0p1, v1.24.1, 5.4.0-rc1, 2016.74",
	.check = generic_check,
	.compare = generic_compare,
	.sort_key = generic_sort_key,
};
