/* semver — Semantic Versioning 2.0.0 (https://semver.org/spec/v2.0.0.html).
 *
 * Grammar (spec §2, §9, §10, BNF at the end of the spec):
 *   version    = [ "v" ] major "." minor "." patch [ "-" pre ] [ "+" build ]
 *   major ...  = "0" | [1-9][0-9]*            no leading zeros (§2)
 *   pre        = ident *( "." ident )          numeric idents without leading
 *                                              zeros, others [0-9A-Za-z-]+ (§9)
 *   build      = [0-9A-Za-z-]+ *( "." ... )    leading zeros allowed (§10)
 * Precedence (§11): major, minor, patch numerically; a version with a
 * pre-release is lower than the same without; pre-release identifiers left to
 * right, numeric ones numerically and below alphanumeric ones, which compare
 * in ASCII order; more identifiers win when all before are equal. Build
 * metadata is ignored (§10), so "1.0.0+a" and "1.0.0+b" compare equal.
 *
 * Decisions, with the data that drove them:
 * - An optional lowercase "v" is accepted and ignored. node-semver (npm)
 *   accepts it in strict mode ("v1.2.3" is in its valid-versions fixture) and
 *   tags in GitHub-sourced OSV SEMVER ranges carry it; OSV's own SEMVER events
 *   never do ("introduced": "0" aside), so nothing valid is lost.
 * - major, minor and patch are at most 9007199254740991 (2^53 - 1), the limit
 *   node-semver enforces ("90071992547409910.0.0" is in its invalid-versions
 *   fixture). Pre-release numbers have no limit and compare exactly (by
 *   length, then digits), where node-semver falls back to floating point.
 * - No trimming, no "=" prefix, no loose forms: those are conveniences of
 *   npm's range parser, not versions. Whitespace is an error.
 *
 * Aliases — only ecosystems whose tools order by plain SemVer 2.0.0 precedence:
 *   "npm"                 node-semver; OSV ecosystem and purl type
 *   "crates.io", "cargo"  Cargo's semver crate: SemVer precedence (its Ord adds
 *                         build metadata as a last tie-break for sorting, but
 *                         requirement matching ignores it, as here)
 *   "Hex", "hex"          Elixir's Version module: SemVer 2.0.0, build ignored
 *   "SwiftURL"            OSV ecosystem for Swift packages, SEMVER ranges
 *   "Go"                  OSV's Go ecosystem: its records strip Go's "v"
 *                         ("fixed": "0.0.0-20220906165146-f3363e06e74c"), and
 *                         Go orders versions by SemVer precedence, so the
 *                         semver scheme (v optional) reads both those and
 *                         "v1.2.3" from purls. The strict Go module syntax is
 *                         the golang scheme (scheme_golang.c).
 * Not aliased: "Pub" (pub_semver orders build metadata: 1.0.0 < 1.0.0+1),
 * "NuGet" (four parts, case-insensitive pre-release), "RubyGems", "Packagist".
 */
#include <stdint.h>
#include <string.h>

#include "psirt/version.h"
#include "version/internal.h"

/* 2^53 - 1: node-semver's Number.MAX_SAFE_INTEGER limit on major/minor/patch. */
static const char max_safe[] = "9007199254740991";

static int is_ident_char(int c)
{
	return psirt_isalnum(c) || c == '-';
}

static enum psirt_err fail(struct psirt_diag *diag, const char *scheme, size_t pos,
                           const char *what)
{
	enum psirt_err err = psirt_diag_set(diag, PSIRT_EINVAL, "invalid %s version: %s",
	                                    scheme, what);

	psirt_diag_set_column(diag, (long)pos + 1);
	return err;
}

/* Reads a numeric identifier "0" | [1-9][0-9]* at *pos into *out. */
static enum psirt_err parse_num(struct psirt_str v, size_t *pos, struct psirt_str *out,
                                const char *scheme, const char *name, int limit,
                                struct psirt_diag *diag)
{
	size_t start = *pos, i = start;

	while (i < v.len && psirt_isdigit((unsigned char)v.p[i]))
		i++;
	if (i == start) {
		enum psirt_err err = psirt_diag_set(
			diag, PSIRT_EINVAL, "invalid %s version: %s %s version", scheme,
			i == v.len ? "missing" : "expected a digit for the", name);
		psirt_diag_set_column(diag, (long)i + 1);
		return err;
	}
	if (v.p[start] == '0' && i - start > 1)
		return fail(diag, scheme, start, "leading zero in a version number");
	if (limit && (i - start > sizeof max_safe - 1 ||
	              (i - start == sizeof max_safe - 1 &&
	               memcmp(v.p + start, max_safe, i - start) > 0))) {
		enum psirt_err err = psirt_diag_set(
			diag, PSIRT_EINVAL,
			"invalid %s version: %s version is larger than %s", scheme, name, max_safe);
		psirt_diag_set_column(diag, (long)start + 1);
		return err;
	}
	*out = psirt_str_make(v.p + start, i - start);
	*pos = i;
	return PSIRT_OK;
}

/* Reads dot-separated identifiers at *pos (after '-' or '+'). Pre-release
 * numeric identifiers may not have leading zeros (spec §9); build ones may. */
static enum psirt_err parse_idents(struct psirt_str v, size_t *pos, int pre,
                                   const char *scheme, struct psirt_diag *diag)
{
	size_t i = *pos;

	for (;;) {
		size_t start = i;
		int digits_only = 1;

		while (i < v.len && is_ident_char((unsigned char)v.p[i])) {
			if (!psirt_isdigit((unsigned char)v.p[i]))
				digits_only = 0;
			i++;
		}
		if (i == start)
			return fail(diag, scheme, i,
			            pre ? "empty pre-release identifier"
			                : "empty build metadata identifier");
		if (pre && digits_only && v.p[start] == '0' && i - start > 1)
			return fail(diag, scheme, start,
			            "leading zero in a numeric pre-release identifier");
		if (i < v.len && v.p[i] == '.') {
			i++;
			continue;
		}
		break;
	}
	*pos = i;
	return PSIRT_OK;
}

static unsigned long long num_value(struct psirt_str d)
{
	unsigned long long v = 0;
	size_t k;

	if (d.len > 19)
		return ~0ull;
	for (k = 0; k < d.len; k++)
		v = v * 10 + (unsigned)(d.p[k] - '0');
	return v;
}

/* The careful parser: finds the first error, its message and column. Runs
 * only when fast_parse() has rejected the input. */
static enum psirt_err slow_parse(struct psirt_str v, unsigned flags, const char *scheme,
                                 struct version__semver *out, struct psirt_diag *diag)
{
	enum psirt_err err;
	size_t i = 0;
	int limit = !(flags & VERSION__SEMVER_NO_LIMIT);

	err = version__check_length(v, scheme, diag);
	if (err)
		return err;
	memset(out, 0, sizeof *out);
	if (v.p[0] == 'v') {
		i = 1;
	} else if (flags & VERSION__SEMVER_V_REQUIRED) {
		return fail(diag, scheme, 0, "must start with 'v'");
	}
	err = parse_num(v, &i, &out->major, scheme, "major", limit, diag);
	if (err)
		return err;
	if (i >= v.len || v.p[i] != '.')
		return fail(diag, scheme, i,
		            i >= v.len ? "missing minor version" : "expected '.' after major version");
	i++;
	err = parse_num(v, &i, &out->minor, scheme, "minor", limit, diag);
	if (err)
		return err;
	if (i >= v.len || v.p[i] != '.')
		return fail(diag, scheme, i,
		            i >= v.len ? "missing patch version" : "expected '.' after minor version");
	i++;
	err = parse_num(v, &i, &out->patch, scheme, "patch", limit, diag);
	if (err)
		return err;
	if (i < v.len && v.p[i] == '-') {
		size_t start = ++i;

		err = parse_idents(v, &i, 1, scheme, diag);
		if (err)
			return err;
		out->pre = psirt_str_make(v.p + start, i - start);
		out->has_pre = 1;
	}
	if (i < v.len && v.p[i] == '+') {
		size_t start = ++i;

		err = parse_idents(v, &i, 0, scheme, diag);
		if (err)
			return err;
		out->build = psirt_str_make(v.p + start, i - start);
		out->has_build = 1;
	}
	if (i < v.len)
		return fail(diag, scheme, i,
		            psirt_isdigit((unsigned char)v.p[i]) || v.p[i] == '.'
		                    ? "unexpected character after patch version"
		                    : "unexpected character");
	out->nums[0] = num_value(out->major);
	out->nums[1] = num_value(out->minor);
	out->nums[2] = num_value(out->patch);
	return PSIRT_OK;
}

/* Fast path, no diagnostics: the same grammar as slow_parse(), tuned for the
 * common case (compare() is called millions of times while matching): no
 * diagnostic bookkeeping, and major/minor/patch kept as numbers so that
 * compare needs no digit loops. (Tried and dropped: reading digit runs 8
 * bytes at a time from a padded copy — the copy's overlapping stores defeat
 * store forwarding, 52 -> 70 ns per compare in bench_version_lang; and
 * branch-free selects for the first digits, 52 -> 70 ns too.) */
static inline int fast_num(const unsigned char *q, size_t n, size_t *pos, size_t *len,
                           unsigned long long *val, int limit)
{
	size_t s = *pos, j = s;
	unsigned long long v = 0;

	while (j < n && (unsigned)(q[j] - '0') < 10) {
		v = v * 10 + (unsigned)(q[j] - '0');
		j++;
	}
	if (j == s || (q[s] == '0' && j - s > 1))
		return 0;
	if (j - s >= sizeof max_safe - 1) {
		if (limit && (j - s > sizeof max_safe - 1 || memcmp(q + s, max_safe, j - s) > 0))
			return 0;
		if (j - s > 19)
			v = ~0ull; /* overflowed: compare the digits */
	}
	*len = j - s;
	*val = v;
	*pos = j;
	return 1;
}

static inline int fast_idents(const unsigned char *q, size_t n, size_t *pos, int pre)
{
	size_t i = *pos;

	for (;;) {
		size_t s = i;
		int digits_only = 1;

		while (i < n && is_ident_char(q[i])) {
			digits_only &= (unsigned char)(q[i] - '0') < 10;
			i++;
		}
		if (i == s || (pre && digits_only && q[s] == '0' && i - s > 1))
			return 0;
		if (i < n && q[i] == '.') {
			i++;
			continue;
		}
		*pos = i;
		return 1;
	}
}

static inline int fast_parse(struct psirt_str v, unsigned flags, struct version__semver *out)
{
	const unsigned char *q = (const unsigned char *)v.p;
	size_t n = v.len, i = 0, s;
	int limit = !(flags & VERSION__SEMVER_NO_LIMIT);

	if (!n || n > PSIRT_VERSION_MAX)
		return 0;
	if (q[0] == 'v')
		i = 1;
	else if (flags & VERSION__SEMVER_V_REQUIRED)
		return 0;
	s = i;
	if (!fast_num(q, n, &i, &out->major.len, &out->nums[0], limit) || i >= n || q[i] != '.')
		return 0;
	out->major.p = v.p + s;
	s = ++i;
	if (!fast_num(q, n, &i, &out->minor.len, &out->nums[1], limit) || i >= n || q[i] != '.')
		return 0;
	out->minor.p = v.p + s;
	s = ++i;
	if (!fast_num(q, n, &i, &out->patch.len, &out->nums[2], limit))
		return 0;
	out->patch.p = v.p + s;
	out->has_pre = out->has_build = 0;
	if (i == n)
		return 1;
	if (q[i] == '-') {
		s = ++i;
		if (!fast_idents(q, n, &i, 1))
			return 0;
		out->pre.p = v.p + s;
		out->pre.len = i - s;
		out->has_pre = 1;
	}
	if (i < n && q[i] == '+') {
		s = ++i;
		if (!fast_idents(q, n, &i, 0))
			return 0;
		out->build.p = v.p + s;
		out->build.len = i - s;
		out->has_build = 1;
	}
	return i == n;
}

enum psirt_err version__semver_parse(struct psirt_str v, unsigned flags,
                                     const char *scheme, struct version__semver *out,
                                     struct psirt_diag *diag)
{
	if (fast_parse(v, flags, out))
		return PSIRT_OK;
	return slow_parse(v, flags, scheme, out, diag);
}

/* Digit strings without leading zeros: the longer is larger, else bytewise. */
static inline int cmp_digits(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t k;

	if (alen != blen)
		return alen < blen ? -1 : 1;
	for (k = 0; k < alen; k++) {
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1; /* digits: signedness does not matter */
	}
	return 0;
}

/* Spec §11.4: identifiers left to right. */
static int cmp_pre(struct psirt_str a, struct psirt_str b)
{
	size_t i = 0, j = 0;

	for (;;) {
		size_t si = i, sj = j;
		int anum = 1, bnum = 1, c;

		if (i >= a.len || j >= b.len)
			return (i < a.len) - (j < b.len); /* §11.4.4: more fields win */
		while (i < a.len && a.p[i] != '.') {
			if (!psirt_isdigit((unsigned char)a.p[i]))
				anum = 0;
			i++;
		}
		while (j < b.len && b.p[j] != '.') {
			if (!psirt_isdigit((unsigned char)b.p[j]))
				bnum = 0;
			j++;
		}
		if (anum && bnum) {
			c = cmp_digits(a.p + si, i - si, b.p + sj, j - sj);
		} else if (anum != bnum) {
			c = anum ? -1 : 1; /* §11.4.3: numeric < alphanumeric */
		} else {
			size_t n = i - si < j - sj ? i - si : j - sj;

			c = memcmp(a.p + si, b.p + sj, n);
			c = (c > 0) - (c < 0);
			if (!c)
				c = (i - si > j - sj) - (i - si < j - sj);
		}
		if (c)
			return c;
		if (i < a.len)
			i++; /* skip '.' */
		if (j < b.len)
			j++;
		/* "a." cannot happen: parse_idents rejects empty identifiers. */
	}
}

/* One of major/minor/patch: by value, by digits when a value overflowed. */
static inline int cmp_field(const struct version__semver *a, const struct version__semver *b,
                            int k, struct psirt_str da, struct psirt_str db)
{
	unsigned long long x = a->nums[k], y = b->nums[k];

	if (x == ~0ull || y == ~0ull)
		return cmp_digits(da.p, da.len, db.p, db.len);
	return (x > y) - (x < y);
}

int version__semver_cmp(const struct version__semver *a, const struct version__semver *b)
{
	int c;

	c = cmp_field(a, b, 0, a->major, b->major);
	c = c ? c : cmp_field(a, b, 1, a->minor, b->minor);
	c = c ? c : cmp_field(a, b, 2, a->patch, b->patch);
	if (c)
		return c;
	if (a->has_pre != b->has_pre)
		return a->has_pre ? -1 : 1; /* §11.3: a pre-release is lower */
	if (!a->has_pre)
		return 0;
	return cmp_pre(a->pre, b->pre);
}

static enum psirt_err semver_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct version__semver s;

	return version__semver_parse(v, 0, "semver", &s, diag);
}

/* ---- compare ----------------------------------------------------------
 *
 * compare() is what matching calls millions of times (vers ranges, OSV
 * events), so it fills no struct version__semver: each version is checked
 * in one pass with slow_parse()'s grammar (check() and compare() must agree
 * on validity; a rejection goes to the careful parser for the message and
 * column), and only what the order needs is kept:
 * - the core "M.m.p", when it lies within the first 8 bytes (nearly every
 *   real version), is read as one 64-bit word; a mask of its non-digit
 *   bytes gives the ends of the three numbers by bit scans. The byte loop's
 *   exits at the end of each 1- or 2-digit number were the largest cost:
 *   branches the predictor cannot guess. Two such cores then compare as
 *   big-endian integers over their bytes, lengths first (numbers have no
 *   leading zeros, so a longer number is larger);
 * - the rest ("-pre+build") runs through a state machine, one table step
 *   per byte instead of a loop per identifier;
 * - anything else (a "v" prefix, a number of 8 digits or more, a core past
 *   byte 8) takes the byte loop core(), with values instead of bytes.
 * The pre-release is read again only when both cores are equal and both
 * have one. bench_version_lang (semver, 1 M pairs, CPU time): 51 -> 34 ns
 * per compare; callgrind: 487 -> 355 instructions per compare. Tried and
 * dropped: the byte loop alone, fused (43 ns); SSE2 classification of 16
 * bytes into bit masks for the whole grammar (44 ns: ~210 instructions per
 * version). */

/* A number "0" | [1-9][0-9]* of at most 2^53 - 1 at *pos, its value to *out.
 * Returns 0 when invalid. 16 digits hold any value up to the limit without
 * overflowing 64 bits; a 17th digit is over the limit anyway. */
static inline int core_num(const unsigned char *q, size_t n, size_t *pos, uint64_t *out)
{
	size_t i = *pos, s = i;
	uint64_t v;
	unsigned d;

	if (i >= n)
		return 0;
	d = (unsigned)q[i] - '0';
	if (d > 9)
		return 0;
	v = d;
	i++;
	if (d == 0) {
		if (i < n && (unsigned)q[i] - '0' <= 9)
			return 0; /* §2: no leading zeros */
	} else {
		for (; i < n; i++) {
			d = (unsigned)q[i] - '0';
			if (d > 9)
				break;
			v = v * 10 + d;
		}
		if (i - s >= sizeof max_safe - 1 &&
		    (i - s > sizeof max_safe - 1 || v > 9007199254740991ull))
			return 0;
	}
	*out = v;
	*pos = i;
	return 1;
}

/* ["v"] major "." minor "." patch; returns the position after patch, or 0. */
static inline size_t core(const unsigned char *q, size_t n, uint64_t num[3])
{
	size_t i = n && q[0] == 'v';

	if (!core_num(q, n, &i, &num[0]) || i >= n || q[i] != '.')
		return 0;
	i++;
	if (!core_num(q, n, &i, &num[1]) || i >= n || q[i] != '.')
		return 0;
	i++;
	if (!core_num(q, n, &i, &num[2]))
		return 0;
	return i;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR_CORE 1
#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull

/* 0x80 in each byte of v that is zero (exact: the low 7 bits are added
 * alone, so no carry crosses into the next byte). */
static inline uint64_t zero_bytes(uint64_t v)
{
	return ~(((v & ~HIGH) + ~HIGH) | v) & HIGH;
}

/* The core in the first 8 bytes: w holds them (zero past n), b1, b2 and b3
 * mark the byte after major, minor and patch (0x80 of that byte; b3 is 0
 * when patch ends at byte 8). */
struct core8 {
	uint64_t w, b1, b2, b3;
};

static inline size_t swar_core(const unsigned char *q, size_t n, struct core8 *c)
{
	uint64_t w, x, nd, r, b1, b2, b3, bad;
	uint32_t lo, hi;
	size_t k = n < 8 ? n : 8;

	if (n < 5) /* "1.2.3" is the shortest valid core */
		return 0;
	/* The first min(n, 8) bytes, from two 4-byte loads that overlap when
	 * n < 8 (the bytes past n stay zero): no branch on the length. */
	memcpy(&lo, q, 4);
	memcpy(&hi, q + k - 4, 4);
	w = (uint64_t)lo | ((uint64_t)hi << (8 * (k - 4)));
	/* Non-digit bytes (a zero byte past n is one), and the lowest three. */
	x = w ^ (ONES * '0');
	nd = (((x & ~HIGH) + ONES * (0x80 - 10)) | x) & HIGH;
	b1 = nd & -nd;
	r = nd ^ b1;
	b2 = r & -r;
	r ^= b2;
	b3 = r & -r;
	/* Every test at once, so that valid input takes one predictable branch:
	 * a digit first; the first two non-digits are dots; no empty minor
	 * (b2 == b1 << 8) or patch (b3 == b2 << 8, which also catches a dot at
	 * byte 7: b3 == 0 == b2 << 8); no number starts with '0' and goes on
	 * with a digit (§2); patch does not go on past the word. */
	bad = (nd & 0x80) | ((b1 | b2) & ~zero_bytes(w ^ (ONES * '.')));
	bad |= (uint64_t)(b2 == b1 << 8) | (uint64_t)(b3 == b2 << 8);
	bad |= (((0x80 | b1 << 8 | b2 << 8) & zero_bytes(x)) << 8) & ~nd;
	bad |= (uint64_t)(!b3 & (n > 8) & ((unsigned)q[n > 8 ? 8 : 0] - '0' <= 9));
	if (bad)
		return 0;
	c->w = w;
	c->b1 = b1;
	c->b2 = b2;
	c->b3 = b3;
	return b3 ? (size_t)__builtin_ctzll(b3) >> 3 : 8;
}

/* Orders two cores: the first number whose length differs decides by
 * length, unless the bytes before it (the equal-length numbers and their
 * dots) already differ; with all lengths equal, the bytes of the cores
 * decide. Bytes compare in reading order as big-endian integers. */
static inline int cmp_core8(const struct core8 *a, const struct core8 *b)
{
	uint64_t m, x, y;
	int t;

	if (a->b1 != b->b1)
		return a->b1 > b->b1 ? 1 : -1;
	if (a->b2 != b->b2) {
		m = (a->b1 << 1) - 1;
		t = a->b2 > b->b2 ? 1 : -1;
	} else if (a->b3 != b->b3) {
		m = (a->b2 << 1) - 1;
		t = a->b3 - 1 > b->b3 - 1 ? 1 : -1; /* b3 == 0: the longest */
	} else {
		m = (a->b3 >> 7) - 1;
		t = 0;
	}
	x = __builtin_bswap64(a->w & m);
	y = __builtin_bswap64(b->w & m);
	return x != y ? (x > y ? 1 : -1) : t;
}
#endif

/* What follows patch, as a state machine: one table step per byte, and no
 * branch but the loop's (spec §9, §10). Byte classes: */
enum { TC_OTHER, TC_ZERO, TC_DIGIT, TC_LETTER, TC_HYPHEN, TC_DOT, TC_PLUS };
/* States: */
enum {
	TS_ERR,       /* sink */
	TS_START,     /* after patch; accepting (nothing follows) */
	TS_PRE,       /* after '-' or a '.' of the pre-release: an identifier must follow */
	TS_PRE_0,     /* "0": accepting */
	TS_PRE_0N,    /* "0" and digits: valid only if a letter or '-' follows (§9) */
	TS_PRE_NUM,   /* numeric, no leading zero: accepting */
	TS_PRE_ALNUM, /* alphanumeric: accepting */
	TS_BUILD,     /* after '+' or a '.' of the build metadata */
	TS_BUILD_ID,  /* accepting */
	TS__MAX
};
static const unsigned char tail_class[256] = {
	['0'] = TC_ZERO, ['1'] = TC_DIGIT, ['2'] = TC_DIGIT, ['3'] = TC_DIGIT,
	['4'] = TC_DIGIT, ['5'] = TC_DIGIT, ['6'] = TC_DIGIT, ['7'] = TC_DIGIT,
	['8'] = TC_DIGIT, ['9'] = TC_DIGIT, ['-'] = TC_HYPHEN, ['.'] = TC_DOT, ['+'] = TC_PLUS,
	['A'] = TC_LETTER, ['B'] = TC_LETTER, ['C'] = TC_LETTER, ['D'] = TC_LETTER,
	['E'] = TC_LETTER, ['F'] = TC_LETTER, ['G'] = TC_LETTER, ['H'] = TC_LETTER,
	['I'] = TC_LETTER, ['J'] = TC_LETTER, ['K'] = TC_LETTER, ['L'] = TC_LETTER,
	['M'] = TC_LETTER, ['N'] = TC_LETTER, ['O'] = TC_LETTER, ['P'] = TC_LETTER,
	['Q'] = TC_LETTER, ['R'] = TC_LETTER, ['S'] = TC_LETTER, ['T'] = TC_LETTER,
	['U'] = TC_LETTER, ['V'] = TC_LETTER, ['W'] = TC_LETTER, ['X'] = TC_LETTER,
	['Y'] = TC_LETTER, ['Z'] = TC_LETTER,
	['a'] = TC_LETTER, ['b'] = TC_LETTER, ['c'] = TC_LETTER, ['d'] = TC_LETTER,
	['e'] = TC_LETTER, ['f'] = TC_LETTER, ['g'] = TC_LETTER, ['h'] = TC_LETTER,
	['i'] = TC_LETTER, ['j'] = TC_LETTER, ['k'] = TC_LETTER, ['l'] = TC_LETTER,
	['m'] = TC_LETTER, ['n'] = TC_LETTER, ['o'] = TC_LETTER, ['p'] = TC_LETTER,
	['q'] = TC_LETTER, ['r'] = TC_LETTER, ['s'] = TC_LETTER, ['t'] = TC_LETTER,
	['u'] = TC_LETTER, ['v'] = TC_LETTER, ['w'] = TC_LETTER, ['x'] = TC_LETTER,
	['y'] = TC_LETTER, ['z'] = TC_LETTER,
};
static const unsigned char tail_next[TS__MAX][8] = {
	/*               OTHER   ZERO          DIGIT         LETTER        HYPHEN        DOT       PLUS */
	[TS_ERR]       = { 0 },
	[TS_START]     = { 0, 0,            0,            0,            TS_PRE,       0,        TS_BUILD },
	[TS_PRE]       = { 0, TS_PRE_0,     TS_PRE_NUM,   TS_PRE_ALNUM, TS_PRE_ALNUM, 0,        0 },
	[TS_PRE_0]     = { 0, TS_PRE_0N,    TS_PRE_0N,    TS_PRE_ALNUM, TS_PRE_ALNUM, TS_PRE,   TS_BUILD },
	[TS_PRE_0N]    = { 0, TS_PRE_0N,    TS_PRE_0N,    TS_PRE_ALNUM, TS_PRE_ALNUM, 0,        0 },
	[TS_PRE_NUM]   = { 0, TS_PRE_NUM,   TS_PRE_NUM,   TS_PRE_ALNUM, TS_PRE_ALNUM, TS_PRE,   TS_BUILD },
	[TS_PRE_ALNUM] = { 0, TS_PRE_ALNUM, TS_PRE_ALNUM, TS_PRE_ALNUM, TS_PRE_ALNUM, TS_PRE,   TS_BUILD },
	[TS_BUILD]     = { 0, TS_BUILD_ID,  TS_BUILD_ID,  TS_BUILD_ID,  TS_BUILD_ID,  0,        0 },
	[TS_BUILD_ID]  = { 0, TS_BUILD_ID,  TS_BUILD_ID,  TS_BUILD_ID,  TS_BUILD_ID,  TS_BUILD, 0 },
};
#define TS_ACCEPT (1u << TS_START | 1u << TS_PRE_0 | 1u << TS_PRE_NUM | 1u << TS_PRE_ALNUM | \
                   1u << TS_BUILD_ID)

/* Validates what follows the patch number: ["-" pre] ["+" build]. Sets
 * *pre_end to the end of the pre-release (== i when there is none). */
static inline int tail(const unsigned char *q, size_t n, size_t i, size_t *pre_end)
{
	unsigned st = TS_START;
	size_t j;

	*pre_end = i;
	for (j = i; j < n; j++)
		st = tail_next[st][tail_class[q[j]]];
	if (!(TS_ACCEPT >> st & 1))
		return 0;
	if (i < n && q[i] == '-') {
		const void *plus = memchr(q + i, '+', n - i);

		*pre_end = plus ? (size_t)((const unsigned char *)plus - q) : n;
	}
	return 1;
}

/* -1, 0 or 1 for two cores read by core(). */
static inline int cmp3(const uint64_t x[3], const uint64_t y[3])
{
	int c0 = (x[0] > y[0]) - (x[0] < y[0]);
	int c1 = (x[1] > y[1]) - (x[1] < y[1]);
	int c2 = (x[2] > y[2]) - (x[2] < y[2]);

	return c0 ? c0 : c1 ? c1 : c2;
}

/* The rest of the order once the cores are equal: §11.3, §11.4. The
 * pre-release of a is [ia + 1, ea) when ea > ia, else none. */
static inline int cmp_rest(struct psirt_str a, size_t ia, size_t ea, struct psirt_str b,
                           size_t ib, size_t eb)
{
	if (ea == ia || eb == ib)
		return (ea == ia) - (eb == ib); /* a pre-release is lower */
	return cmp_pre(psirt_str_make(a.p + ia + 1, ea - ia - 1),
	               psirt_str_make(b.p + ib + 1, eb - ib - 1));
}

static enum psirt_err semver_compare(struct psirt_str a, struct psirt_str b, int *result,
                                     struct psirt_diag *diag)
{
	const unsigned char *qa = (const unsigned char *)a.p, *qb = (const unsigned char *)b.p;
	uint64_t x[3], y[3];
	struct version__semver sa, sb;
	size_t ia, ib, ea, eb;
	enum psirt_err err;
	int c;
#ifdef SWAR_CORE
	struct core8 ca, cb;
#endif

	if (a.len > PSIRT_VERSION_MAX || b.len > PSIRT_VERSION_MAX)
		goto careful;
#ifdef SWAR_CORE
	ia = swar_core(qa, a.len, &ca);
	ib = ia ? swar_core(qb, b.len, &cb) : 0;
	if (ib && tail(qa, a.len, ia, &ea) && tail(qb, b.len, ib, &eb)) {
		c = cmp_core8(&ca, &cb);
		if (!c && (ea > ia || eb > ib))
			c = cmp_rest(a, ia, ea, b, ib, eb);
		*result = c;
		return PSIRT_OK;
	}
#endif
	ia = core(qa, a.len, x);
	ib = ia ? core(qb, b.len, y) : 0;
	if (ib && tail(qa, a.len, ia, &ea) && tail(qb, b.len, ib, &eb)) {
		c = cmp3(x, y);
		if (!c && (ea > ia || eb > ib))
			c = cmp_rest(a, ia, ea, b, ib, eb);
		*result = c;
		return PSIRT_OK;
	}
careful:
	err = version__semver_parse(a, 0, "semver", &sa, diag);
	if (err) {
		psirt_diag_set_where(diag, "first version");
		return err;
	}
	err = version__semver_parse(b, 0, "semver", &sb, diag);
	if (err) {
		psirt_diag_set_where(diag, "second version");
		return err;
	}
	*result = version__semver_cmp(&sa, &sb);
	return PSIRT_OK;
}

static const char *const semver_aliases[] = {
	"npm", "crates.io", "cargo", "Hex", "hex", "SwiftURL", "Go", NULL
};

const struct psirt_version_scheme psirt_scheme_semver = {
	.name = "semver",
	.aliases = semver_aliases,
	.summary = "Semantic Versioning 2.0.0 (npm, Cargo, Hex, OSV SEMVER ranges)",
	.check = semver_check,
	.compare = semver_compare,
};
