/* apk: Alpine (and Wolfi, Chainguard, ...) package versions, checked and
 * ordered as apk-tools 3 does (src/version.c there):
 *
 *     digits {'.' digits} [letter] {'_' suffix [digits]} ['~' hash] ['-r' digits]
 *
 * where letter is one of a-z; suffix one of alpha beta pre rc (before the
 * release) or cvs svn git hg p (after it); hash is lower-case hex (for
 * snapshot builds: 1.2_git20240101~1a2b3c). Anything else is invalid, as
 * apk_version_validate() says: upper case, a second letter, a '.' after
 * the letter, an unknown suffix, "-r" without digits, any other byte. One
 * extension, from apk-tools 2: digits after the letter (see below).
 *
 * Order: apk cuts a version into tokens (first number, .number, letter,
 * suffix, suffix number, hash, revision) and compares them pairwise while
 * both sides have a token of the same kind: numbers by value -- except a
 * .number with a leading zero on either side, which compares as a string
 * ("Gentoo's rule": 1.01 < 1.1, 1.0 < 1.00) -- letters and hashes
 * byte-wise, suffixes by rank (alpha < beta < pre < rc < cvs < svn < git <
 * hg < p). When one side ends or switches to another kind of token first,
 * a pre-release suffix there loses (1.0_rc1 < 1.0); otherwise the side
 * whose next token comes later in the list above is the smaller one
 * (1.0 < 1.0a < 1.0.1; 1.0-r1 < 1.0_p1; 1.0 < 1.0-r0).
 *
 * Differences from apk-tools 3: digits straight after the letter
 * ("6.6.2p1", "5.7.1p1-r0") are accepted, as apk-tools 2 did (a letter
 * could be followed by a number, compared as one more number): Alpine's
 * security database names such versions of its older releases (OpenSSH
 * "portable" versions), so refusing them would make those advisories
 * unusable. Numbers of any length compare by value (apk reads them into
 * 64 bits and wraps past 2^64). Invalid versions are refused (apk compares
 * them up to the first bad token).
 */
#include <string.h>

#include "version/internal.h"

/* Token kinds, in apk's order: that order is the grammar (a token may only
 * follow one of a lower kind) and decides the tail of a comparison. */
enum apk_tok {
	TOK_INITIAL_DIGIT,
	TOK_DIGIT,
	TOK_LETTER,
	TOK_SUFFIX,
	TOK_SUFFIX_NO,
	TOK_COMMIT_HASH,
	TOK_REVISION_NO,
	TOK_END,
	TOK_INVALID,
};

/* Suffix ranks; NONE (no suffix) is the pivot between pre- and post-release. */
enum apk_suffix {
	SUF_INVALID,
	SUF_ALPHA,
	SUF_BETA,
	SUF_PRE,
	SUF_RC,
	SUF_NONE,
	SUF_CVS,
	SUF_SVN,
	SUF_GIT,
	SUF_HG,
	SUF_P,
};

struct apk_state {
	struct psirt_str v;
	size_t pos;          /* next byte to read */
	size_t start;        /* where the current token began (for columns) */
	enum apk_tok tok;
	enum apk_suffix suffix;
	struct psirt_str val; /* the token's bytes (digits, letter, suffix, hash) */
	const char *why;      /* reason when tok is TOK_INVALID */
};

/* The suffix named by s, as apk's suffix_value(): dispatch on the first
 * letter, then the whole name must match. */
static enum apk_suffix apk_suffix_rank(struct psirt_str s)
{
	const char *name;
	enum apk_suffix r;

	if (!s.len)
		return SUF_INVALID;
	switch (s.p[0]) {
	case 'a': name = "alpha", r = SUF_ALPHA; break;
	case 'b': name = "beta", r = SUF_BETA; break;
	case 'c': name = "cvs", r = SUF_CVS; break;
	case 'g': name = "git", r = SUF_GIT; break;
	case 'h': name = "hg", r = SUF_HG; break;
	case 'p':
		if (s.len == 1)
			return SUF_P;
		name = "pre", r = SUF_PRE;
		break;
	case 'r': name = "rc", r = SUF_RC; break;
	case 's': name = "svn", r = SUF_SVN; break;
	default: return SUF_INVALID;
	}
	return strlen(name) == s.len && !memcmp(name, s.p, s.len) ? r : SUF_INVALID;
}

static void apk_invalid(struct apk_state *t, const char *why)
{
	t->tok = TOK_INVALID;
	t->why = why;
}

static void apk_digits(struct apk_state *t, const char *why_empty)
{
	size_t s = t->pos;

	while (t->pos < t->v.len && psirt_isdigit(t->v.p[t->pos]))
		t->pos++;
	t->val = psirt_str_make(t->v.p + s, t->pos - s);
	if (!t->val.len)
		apk_invalid(t, why_empty);
}

static void apk_first(struct apk_state *t, struct psirt_str v)
{
	memset(t, 0, sizeof(*t));
	t->v = v;
	t->tok = TOK_INITIAL_DIGIT;
	apk_digits(t, "apk version must start with a digit");
}

static void apk_next(struct apk_state *t)
{
	const char *why = NULL;
	size_t s;
	char c;

	t->start = t->pos;
	if (t->pos >= t->v.len) {
		t->tok = TOK_END;
		return;
	}
	c = t->v.p[t->pos];
	if (c >= 'a' && c <= 'z') {
		if (t->tok > TOK_DIGIT) {
			why = "a letter may only follow a number";
			goto invalid;
		}
		t->val = psirt_str_make(t->v.p + t->pos, 1);
		t->tok = TOK_LETTER;
		t->pos++;
	} else if (c == '.' || psirt_isdigit(c)) {
		if (c == '.') {
			if (t->tok > TOK_DIGIT) {
				why = "'.' may only follow a number";
				goto invalid;
			}
			t->pos++;
		}
		if (t->tok == TOK_INITIAL_DIGIT || t->tok == TOK_DIGIT) {
			t->tok = TOK_DIGIT;
		} else if (t->tok == TOK_LETTER) {
			/* apk 2's "6.6.2p1" (see the top of the file) */
			t->tok = TOK_DIGIT;
		} else if (t->tok == TOK_SUFFIX) {
			t->tok = TOK_SUFFIX_NO;
		} else {
			why = "digits may only follow '.' or a suffix";
			goto invalid;
		}
		apk_digits(t, "'.' must be followed by digits");
	} else if (c == '_') {
		if (t->tok > TOK_SUFFIX_NO) {
			why = "'_' suffix after a hash or revision";
			goto invalid;
		}
		s = ++t->pos;
		while (t->pos < t->v.len && t->v.p[t->pos] >= 'a' && t->v.p[t->pos] <= 'z')
			t->pos++;
		t->val = psirt_str_make(t->v.p + s, t->pos - s);
		t->suffix = apk_suffix_rank(t->val);
		if (t->suffix == SUF_INVALID) {
			why = "unknown suffix (alpha, beta, pre, rc, cvs, svn, git, hg or p)";
			goto invalid;
		}
		t->tok = TOK_SUFFIX;
	} else if (c == '~') {
		if (t->tok >= TOK_COMMIT_HASH) {
			why = "'~' hash after a hash or revision";
			goto invalid;
		}
		s = ++t->pos;
		while (t->pos < t->v.len && (version__ctype[(unsigned char)t->v.p[t->pos]] & VERSION__C_HEX))
			t->pos++;
		t->val = psirt_str_make(t->v.p + s, t->pos - s);
		if (!t->val.len) {
			why = "'~' must be followed by a lower-case hex hash";
			goto invalid;
		}
		t->tok = TOK_COMMIT_HASH;
	} else if (c == '-') {
		if (t->tok >= TOK_REVISION_NO) {
			why = "second revision";
			goto invalid;
		}
		if (t->pos + 1 >= t->v.len || t->v.p[t->pos + 1] != 'r') {
			why = "'-' must start a revision \"-r<digits>\"";
			goto invalid;
		}
		t->pos += 2;
		t->tok = TOK_REVISION_NO;
		apk_digits(t, "\"-r\" must be followed by digits");
	} else {
		goto invalid; /* a character apk never accepts: reported as such */
	}
	return;
invalid:
	apk_invalid(t, why);
}

static enum psirt_err apk_check(struct psirt_str v, struct psirt_diag *diag)
{
	struct apk_state t;
	enum psirt_err err;

	err = version__check_length(v, "apk", diag);
	if (err)
		return err;
	for (apk_first(&t, v); t.tok < TOK_END; apk_next(&t))
		;
	if (t.tok == TOK_END)
		return PSIRT_OK;
	if (!t.why)
		return version__bad_char(diag, v, t.start, "apk", "version");
	return version__invalid(diag, t.start, "invalid apk version: %s", t.why);
}

static int apk_token_cmp(const struct apk_state *a, const struct apk_state *b)
{
	size_t n;
	int c;

	switch (a->tok) {
	case TOK_DIGIT:
		/* A leading zero on either side: string order (Gentoo's rule). */
		if (a->val.p[0] == '0' || b->val.p[0] == '0')
			break;
		/* fall through */
	case TOK_INITIAL_DIGIT:
	case TOK_SUFFIX_NO:
	case TOK_REVISION_NO:
		return version__digits_cmp(a->val, b->val);
	case TOK_LETTER:
		return (a->val.p[0] > b->val.p[0]) - (a->val.p[0] < b->val.p[0]);
	case TOK_SUFFIX:
		return (a->suffix > b->suffix) - (a->suffix < b->suffix);
	default: /* TOK_COMMIT_HASH */
		break;
	}
	n = a->val.len < b->val.len ? a->val.len : b->val.len;
	c = memcmp(a->val.p, b->val.p, n);
	if (!c)
		c = (a->val.len > b->val.len) - (a->val.len < b->val.len);
	return (c > 0) - (c < 0);
}

/* Tokenizes both sides once: in step while the kinds match and the values
 * tie, then each tail alone, which is needed anyway to know they are valid.
 * Only a refusal goes through apk_check again, for its message. */
static enum psirt_err apk_compare(struct psirt_str a, struct psirt_str b, int *result,
                                  struct psirt_diag *diag)
{
	struct apk_state ta, tb;
	enum psirt_err err;
	int c = 0;

	if (!a.len || a.len > PSIRT_VERSION_MAX)
		return version__side(diag, apk_check(a, diag), 0);
	if (!b.len || b.len > PSIRT_VERSION_MAX) {
		/* the first version's fault is reported first */
		err = apk_check(a, diag);
		if (err)
			return version__side(diag, err, 0);
		return version__side(diag, apk_check(b, diag), 1);
	}
	apk_first(&ta, a);
	apk_first(&tb, b);
	while (ta.tok == tb.tok && ta.tok < TOK_END) {
		c = apk_token_cmp(&ta, &tb);
		if (c)
			break;
		apk_next(&ta);
		apk_next(&tb);
	}
	if (!c && ta.tok != tb.tok) {
		/* One side ended or moved on to another kind of token: a
		 * pre-release suffix loses, else the side with the later kind
		 * is older. */
		if (ta.tok == TOK_SUFFIX && ta.suffix < SUF_NONE)
			c = -1;
		else if (tb.tok == TOK_SUFFIX && tb.suffix < SUF_NONE)
			c = 1;
		else
			c = ta.tok > tb.tok ? -1 : 1;
	}
	while (ta.tok < TOK_END)
		apk_next(&ta);
	while (tb.tok < TOK_END)
		apk_next(&tb);
	if (ta.tok == TOK_INVALID)
		return version__side(diag, apk_check(a, diag), 0);
	if (tb.tok == TOK_INVALID)
		return version__side(diag, apk_check(b, diag), 1);
	*result = c;
	return PSIRT_OK;
}

/* OSV ecosystems ordered by apk-tools (osv.dev's ecosystem map). */
static const char *const apk_aliases[] = {
	"Alpine", "alpine", "Wolfi", "Chainguard", "MinimOS", "Alpaquita",
	"BellSoft Hardened Containers", NULL
};

const struct psirt_version_scheme psirt_scheme_apk = {
	.name = "apk",
	.aliases = apk_aliases,
	.summary = "Alpine apk versions: 1.2.3a_rc1_p2~hash-r4",
	.check = apk_check,
	.compare = apk_compare,
};
