/* maven — Maven artifact versions, ordered by the POM reference's "Version
 * Order Specification" (maven.apache.org/pom.html), which is what Maven's
 * ComparableVersion implemented up to 3.8.6 and what OSV tooling (osv.dev,
 * osv-scalibr) and its test data follow.
 *
 * Tokens: the version is split at '.' and '-' and at every transition
 * between a digit and a non-digit; a token remembers the separator before
 * it ('.' or '-'; a transition counts as '-'; the first token has none).
 * An empty token ("1..2", "1-") is "0". Numbers drop leading zeros.
 * Qualifiers are lower-cased; "cr" is "rc"; "ga", "final" and "release" are
 * the empty qualifier; "a", "b", "m" directly followed by a digit are
 * "alpha", "beta", "milestone".
 *
 * Normalisation: tokens form segments, each starting at a '-' token; in every
 * segment the trailing "null" tokens (0 and the empty qualifier) are removed,
 * as ComparableVersion's ListItem.normalize() does for each nested list. So
 * 1 == 1.0 == 1.0.0 == 1-0 == 1-ga, 0 == ga == "", and 0-1 == -1.
 *
 * Order: each token has a sign, its place against the end of a version
 * (where ComparableVersion compares an item with null): a qualifier before
 * the empty one is below the end (1-rc < 1), any other qualifier or number
 * above it (1 < 1.sp, 1 < 1-foo, 1 < 1-1); a null token that normalisation
 * kept (0 or the empty qualifier with more after it) takes the sign of the
 * first non-null token after it (1.0.0.RC1 < 1 < 1.0.1). Tokens are ordered
 * by (sign, kind, value): below-end tokens < the end < above-end tokens;
 * within one sign ".qualifier" < "-qualifier" < "-number" < ".number" (the
 * first token's kind is its own, as after a '.'); then numbers numerically
 * and qualifiers as alpha < beta < milestone < rc < snapshot < "" < sp <
 * unknown ones in case-insensitive lexical order. Versions compare token by
 * token, a missing token being the end.
 *
 * Why a sign: a lexicographic order over a totally ordered set of tokens is
 * a strict weak order, which sorted and binary-searched version ranges need.
 * ComparableVersion's item rules are not one: a string is below any list
 * and any number, a list below any number, yet null (the end) sits between
 * the strings and equals the number 0. Its order has cycles on real
 * versions — 2.9.0.RC1 < 2.9.0 < 2.9.0-1 < 2.9.0.RC1, 1-alpha < 1 < 1.sp <
 * 1-alpha, 7.obeta1 < 7.0.0-0.0-M1 < 7. < 7.obeta1 (3.8.6; 3.8.7 reads
 * 2.0.RC1 as 2-RC1, which removes the first cycle but not the others).
 * Where it is cyclic this scheme keeps its comparison with the end, which
 * the POM examples and every "X.RC1 < X < X-1" rely on, and differs on the
 * pair across: a kept 0 or "" before a lower qualifier against a '-' token
 * (2.9.0.RC1 < 2.9.0-1), a higher '.' qualifier against a lower '-' one
 * (1-alpha < 1.sp). Three pairs of the osv-scalibr suite, made by sorting
 * with that order, are such pairs (see tests/version/test_vlang.c).
 * Like MNG-6964's fix (and unlike 3.8.6, where 1-0.1 == 1), the tokens after
 * a '-' all count against the end. Unlike ComparableVersion, nesting depth is
 * not kept: 1-ga-1 == 1-1, as the POM reference's examples say.
 *
 * Deliberately not Maven 3.8.7+ (MNG-7644 treats ".X1" as "-X1", so
 * 2.0.a == 2.0.0.a there) nor Maven 4's combination items ("X-1" as "X1"):
 * the vers-spec and osv-scalibr suites, and OSV's own matching, are the older
 * rule, and a vulnerability range is only as right as the ordering its
 * publisher used. Non-ASCII bytes are compared as they are (no Unicode case
 * folding).
 *
 * Validation: Maven accepts almost any string; rejected here are control
 * characters, whitespace and the characters Maven's model validator forbids
 * in versions: \ / : " < > | ? *.
 *
 * Aliases: "Maven" (OSV ecosystem); "maven" (purl and vers type) is the name.
 */
#include <stdint.h>
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

/* Known qualifiers in order; QUAL_RELEASE is the empty one. */
enum { QUAL_ALPHA, QUAL_BETA, QUAL_MILESTONE, QUAL_RC, QUAL_SNAPSHOT, QUAL_RELEASE,
       QUAL_SP, QUAL_UNKNOWN };

struct mvn_tok {
	uint16_t start, len; /* digits without leading zeros (len 0 = zero), or text */
	uint8_t sep;         /* '.', '-' or 0 for the first token */
	uint8_t num;         /* a number? */
	uint8_t qual;        /* QUAL_* for qualifiers */
	int8_t sign;         /* -1 below the end of a version, 1 above, 0 the end */
};

/* Every byte starts at most one token, and each separator may add an empty
 * one: len + 1 tokens at most. */
#define MVN_MAX_TOKENS (PSIRT_VERSION_MAX + 2)

struct mvn {
	const char *s;
	size_t n;
	struct mvn_tok t[MVN_MAX_TOKENS];
};

static int ieq(const char *p, size_t len, const char *w)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (!w[i] || psirt_tolower((unsigned char)p[i]) != w[i])
			return 0;
	}
	return w[len] == '\0';
}

static uint8_t qualifier(const char *p, size_t len, int before_digit)
{
	static const struct {
		const char *word;
		uint8_t qual;
	} words[] = {
		{ "alpha", QUAL_ALPHA },     { "beta", QUAL_BETA }, { "milestone", QUAL_MILESTONE },
		{ "rc", QUAL_RC },           { "cr", QUAL_RC },     { "snapshot", QUAL_SNAPSHOT },
		{ "ga", QUAL_RELEASE },      { "final", QUAL_RELEASE },
		{ "release", QUAL_RELEASE }, { "sp", QUAL_SP },
	};
	size_t i;

	if (len == 1 && before_digit) {
		switch (psirt_tolower((unsigned char)p[0])) {
		case 'a':
			return QUAL_ALPHA;
		case 'b':
			return QUAL_BETA;
		case 'm':
			return QUAL_MILESTONE;
		default:
			break;
		}
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (ieq(p, len, words[i].word))
			return words[i].qual;
	}
	return QUAL_UNKNOWN;
}

static int is_null(const struct mvn_tok *t)
{
	return t->num ? t->len == 0 : t->qual == QUAL_RELEASE;
}

static enum psirt_err mvn_check(struct psirt_str v, struct psirt_diag *diag)
{
	enum psirt_err err;
	size_t i;

	err = version__check_length(v, "maven", diag);
	if (err)
		return err;
	for (i = 0; i < v.len; i++) {
		unsigned char c = (unsigned char)v.p[i];

		if (c <= 0x20 || c == 0x7f || strchr("\\/:\"<>|?*", c)) {
			if (c > 0x20 && c < 0x7f)
				err = psirt_diag_set(diag, PSIRT_EINVAL,
				                     "invalid maven version: '%c' is not allowed", c);
			else
				err = psirt_diag_set(diag, PSIRT_EINVAL,
				                     "invalid maven version: byte 0x%02x is not allowed",
				                     c);
			psirt_diag_set_column(diag, (long)i + 1);
			return err;
		}
	}
	return PSIRT_OK;
}

/* Appends a token, first trimming the current segment when a new one starts. */
static void push(struct mvn *m, size_t *seg, size_t start, size_t len, uint8_t sep,
                 int num, int before_digit)
{
	struct mvn_tok *t;

	if (sep == '-') {
		while (m->n > *seg && is_null(&m->t[m->n - 1]))
			m->n--;
		*seg = m->n;
	}
	t = &m->t[m->n++];
	t->sep = sep;
	t->num = (uint8_t)num;
	if (num) {
		while (len && m->s[start] == '0') {
			start++;
			len--;
		}
		t->qual = QUAL_UNKNOWN;
	} else {
		t->qual = qualifier(m->s + start, len, before_digit);
	}
	t->start = (uint16_t)start;
	t->len = (uint16_t)len;
}

/* A token's place against the end of a version: qualifiers before the empty
 * one are below it, other qualifiers and numbers above; a null token (0, the
 * empty qualifier) that normalisation kept takes the place of the first
 * non-null token after it. Normalisation keeps a null token only before a
 * non-null one in its segment, so no kept token gets 0 (the end's sign). */
static void mvn_signs(struct mvn *m)
{
	int8_t next = 0;
	size_t i;

	for (i = m->n; i-- > 0;) {
		struct mvn_tok *t = &m->t[i];

		if (is_null(t))
			t->sign = next;
		else if (t->num)
			t->sign = 1;
		else
			t->sign = t->qual < QUAL_RELEASE ? -1 : 1;
		next = t->sign;
	}
}

/* v has been checked (length within PSIRT_VERSION_MAX). */
static void mvn_tokenize(struct psirt_str v, struct mvn *m)
{
	size_t i = 0, seg = 0;
	uint8_t sep = 0;

	m->s = v.p;
	m->n = 0;
	for (;;) {
		size_t end = i;

		while (end < v.len && v.p[end] != '.' && v.p[end] != '-')
			end++;
		if (end == i) {
			push(m, &seg, i, 0, sep, 1, 0); /* empty token: "0" */
		} else {
			size_t k = i;
			uint8_t s = sep;

			while (k < end) {
				size_t j = k;
				int digit = psirt_isdigit((unsigned char)v.p[k]);

				while (j < end && psirt_isdigit((unsigned char)v.p[j]) == digit)
					j++;
				push(m, &seg, k, j - k, s, digit, j < end);
				s = '-'; /* a transition separates like a hyphen */
				k = j;
			}
		}
		if (end >= v.len)
			break;
		sep = (uint8_t)v.p[end];
		i = end + 1;
	}
	while (m->n > seg && is_null(&m->t[m->n - 1]))
		m->n--;
	mvn_signs(m);
}

static int cmp_bytes_lower(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t k;

	for (k = 0; k < alen && k < blen; k++) {
		int x = psirt_tolower((unsigned char)a[k]), y = psirt_tolower((unsigned char)b[k]);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return (alen > blen) - (alen < blen);
}

/* ".qualifier" < "-qualifier" < "-number" < ".number" (the first token's
 * missing separator counts as '.') */
static int sep_rank(const struct mvn_tok *t)
{
	if (t->num)
		return t->sep == '-' ? 2 : 3;
	return t->sep == '-' ? 1 : 0;
}

/* Order of two tokens, -1, 0 or 1; NULL is the end of a version. The key is
 * (sign, separator rank, value): a total order, so the lexicographic order
 * of token sequences built on it is one too. */
static int tok_cmp(const struct mvn *ma, const struct mvn_tok *a, const struct mvn *mb,
                   const struct mvn_tok *b)
{
	int sa = a ? a->sign : 0, sb = b ? b->sign : 0, ra, rb;

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (sa == 0)
		return 0;
	ra = sep_rank(a);
	rb = sep_rank(b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->num) {
		int c;

		if (a->len != b->len)
			return a->len < b->len ? -1 : 1;
		c = memcmp(ma->s + a->start, mb->s + b->start, a->len);
		return (c > 0) - (c < 0);
	}
	if (a->qual != b->qual)
		return a->qual < b->qual ? -1 : 1;
	if (a->qual != QUAL_UNKNOWN)
		return 0;
	return cmp_bytes_lower(ma->s + a->start, a->len, mb->s + b->start, b->len);
}

static int mvn_cmp(const struct mvn *a, const struct mvn *b)
{
	size_t i, n = a->n > b->n ? a->n : b->n;

	for (i = 0; i < n; i++) {
		int c = tok_cmp(a, i < a->n ? &a->t[i] : NULL, b, i < b->n ? &b->t[i] : NULL);

		if (c)
			return c;
	}
	return 0;
}

static enum psirt_err mvn_compare(struct psirt_str a, struct psirt_str b, int *result,
                                  struct psirt_diag *diag)
{
	struct mvn ma, mb;
	enum psirt_err err;

	err = mvn_check(a, diag);
	if (err) {
		psirt_diag_set_where(diag, "first version");
		return err;
	}
	err = mvn_check(b, diag);
	if (err) {
		psirt_diag_set_where(diag, "second version");
		return err;
	}
	mvn_tokenize(a, &ma);
	mvn_tokenize(b, &mb);
	*result = mvn_cmp(&ma, &mb);
	return PSIRT_OK;
}

static const char *const maven_aliases[] = { "Maven", NULL };

const struct psirt_version_scheme psirt_scheme_maven = {
	.name = "maven",
	.aliases = maven_aliases,
	.summary = "Maven artifact versions (POM version order specification)",
	.check = mvn_check,
	.compare = mvn_compare,
};
