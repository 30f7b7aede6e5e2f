/* Names shared between the files of src/version/ (not part of the API). */
#ifndef PSIRT_VERSION_INTERNAL_H
#define PSIRT_VERSION_INTERNAL_H

#include "psirt/version.h"

/* One per scheme file; registry.c lists them. */
extern const struct psirt_version_scheme psirt_scheme_semver;
extern const struct psirt_version_scheme psirt_scheme_deb;
extern const struct psirt_version_scheme psirt_scheme_rpm;
extern const struct psirt_version_scheme psirt_scheme_apk;
extern const struct psirt_version_scheme psirt_scheme_maven;
extern const struct psirt_version_scheme psirt_scheme_pypi;
extern const struct psirt_version_scheme psirt_scheme_opkg;
extern const struct psirt_version_scheme psirt_scheme_golang;
extern const struct psirt_version_scheme psirt_scheme_generic;

/* Shared by the schemes' compare functions: validates a and b with check,
 * naming "first"/"second" version in the message, then calls cmp. Saves each
 * scheme from writing the same validation preamble. */
enum psirt_err version__compare_checked(
	enum psirt_err (*check)(struct psirt_str, struct psirt_diag *),
	int (*cmp)(struct psirt_str, struct psirt_str), struct psirt_str a,
	struct psirt_str b, int *result, struct psirt_diag *diag);

/* Returns PSIRT_ETOOBIG (with a message) when v is longer than
 * PSIRT_VERSION_MAX, PSIRT_EINVAL when empty, else PSIRT_OK. */
enum psirt_err version__check_length(struct psirt_str v, const char *scheme,
                                     struct psirt_diag *diag);

/* --- Linux-distribution schemes (deb, rpm, apk, opkg): src/version/distro.c --- */

/* Records PSIRT_EINVAL with a formatted message and the 1-based column
 * at0 + 1 in diag (which may be NULL). Returns PSIRT_EINVAL. */
enum psirt_err version__invalid(struct psirt_diag *diag, size_t at0, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records "invalid character 'c' in SCHEME PART" (or "invalid byte 0xNN"
 * for a byte that is not printable ASCII) at offset at0 of v. */
enum psirt_err version__bad_char(struct psirt_diag *diag, struct psirt_str v, size_t at0,
                                 const char *scheme, const char *part);

/* Byte classes for the schemes' checks, one table lookup per byte:
 * version__ctype[c] & VERSION__C_x. */
enum {
	VERSION__C_DIGIT = 0x01,   /* 0-9 */
	VERSION__C_ALPHA = 0x02,   /* A-Z a-z */
	VERSION__C_LOWER = 0x04,   /* a-z */
	VERSION__C_DEB_UP = 0x08,  /* dpkg upstream: alnum . + - ~ : */
	VERSION__C_DEB_REV = 0x10, /* dpkg revision: alnum . + ~ */
	VERSION__C_RPM = 0x20,     /* rpm version/release: alnum . _ + ~ ^ */
	VERSION__C_PRINT = 0x40,   /* printable ASCII but space: 0x21-0x7e */
	VERSION__C_HEX = 0x80,     /* apk hash: 0-9 a-f */
};
extern const unsigned char version__ctype[256];

/* Names the side of a failed compare ("first version" / "second version")
 * in diag and returns err. */
enum psirt_err version__side(struct psirt_diag *diag, enum psirt_err err, int second);

/* Numeric order of two runs of ASCII digits of any length (leading zeros
 * ignored, an empty run is 0): -1, 0 or 1. Never overflows. */
int version__digits_cmp(struct psirt_str a, struct psirt_str b);

/* dpkg's and opkg's split of a version without surrounding blanks:
 * [epoch ':'] upstream ['-' revision]. The epoch ends at the first ':', the
 * revision starts after the last '-' (dpkg's parseversion). */
struct version__dpkg {
	struct psirt_str epoch;    /* empty when there is no ':' */
	struct psirt_str upstream;
	struct psirt_str revision; /* empty when there is no '-' */
	int has_epoch, has_revision;
};
void version__dpkg_split(struct psirt_str v, struct version__dpkg *out);

/* Drops leading and trailing blanks (space, tab), as dpkg's parseversion
 * does; *off receives the number of leading bytes dropped. */
struct psirt_str version__dpkg_trim(struct psirt_str v, size_t *off);

/* dpkg's verrevcmp (lib/dpkg/version.c), the order of one upstream version
 * or revision: '~' before the end, the end before letters, letters before
 * other characters; digit runs compare as numbers. opkg uses the same. */
int version__dpkg_verrevcmp(struct psirt_str a, struct psirt_str b);

/* Orders two split dpkg/opkg versions (the epochs digits only): epoch
 * numerically, then upstream, then revision, each with verrevcmp. */
int version__dpkg_order(const struct version__dpkg *a, const struct version__dpkg *b);

/* The same on two valid version strings (blanks allowed around them). */
int version__dpkg_cmp(struct psirt_str a, struct psirt_str b);

/* SemVer 2.0.0 parsed as views into the input (scheme_semver.c); shared by
 * the semver and golang schemes. Numbers have no leading zeros. */
struct version__semver {
	struct psirt_str major, minor, patch;
	struct psirt_str pre;   /* after '-', valid when has_pre */
	struct psirt_str build; /* after '+', valid when has_build */
	int has_pre, has_build;
	/* major, minor, patch as numbers; ~0 when longer than 19 digits */
	unsigned long long nums[3];
};
#define VERSION__SEMVER_V_REQUIRED 1u /* Go: "v1.2.3" only */
#define VERSION__SEMVER_NO_LIMIT 2u   /* no 2^53-1 cap on major/minor/patch */

/* Parses v strictly (see scheme_semver.c); scheme names the scheme in
 * messages. PSIRT_EINVAL / PSIRT_ETOOBIG with the column in diag. */
enum psirt_err version__semver_parse(struct psirt_str v, unsigned flags,
                                     const char *scheme, struct version__semver *out,
                                     struct psirt_diag *diag);
/* SemVer 2.0.0 §11 precedence of two parsed versions: -1, 0 or 1. */
int version__semver_cmp(const struct version__semver *a, const struct version__semver *b);

/* PEP 440 versions parsed as views into the input (scheme_pypi.c), for the
 * PEP 440 specifier reader of native_pep440.c. */
enum {
	VERSION__PEP440_A,
	VERSION__PEP440_B,
	VERSION__PEP440_RC,
	VERSION__PEP440_NONE /* no pre-release */
};
struct version__pep440 {
	struct psirt_str epoch;   /* digits without leading zeros; empty = 0 */
	struct psirt_str release; /* "1.02.3" as written */
	int pre;                  /* VERSION__PEP440_* */
	struct psirt_str pre_n, post_n, dev_n, local; /* numbers without leading zeros */
	int has_post, has_dev, has_local;
};
/* Parses v (surrounding whitespace and a leading "v" allowed, as packaging
 * does). PSIRT_EINVAL / PSIRT_ETOOBIG with the column in diag. */
enum psirt_err version__pep440_parse(struct psirt_str v, struct version__pep440 *out,
                                     struct psirt_diag *diag);
/* PEP 440 order of two parsed versions: -1, 0 or 1. */
int version__pep440_cmp(const struct version__pep440 *a, const struct version__pep440 *b);

/* --- native ranges: native_range.c (engine, GHSA syntax, API), ---------
 * native_npm.c (node-semver ranges), native_pep440.c (PEP 440 specifiers).
 *
 * A range is kept as sorted, disjoint intervals of versions. An interval's
 * ends are cuts: the point just before or just after a version, or one of
 * PEP 440's two points that no version names (just after V and all its
 * local versions; just after V and all its post-releases). */
#include "psirt/arena.h"
#include "psirt/vers.h"

enum version__cut_side {
	VERSION__CUT_NEG_INF,      /* below every version */
	VERSION__CUT_BEFORE,       /* just below v */
	VERSION__CUT_AT,           /* v itself: only to place a tested version */
	VERSION__CUT_AFTER,        /* just above v */
	VERSION__CUT_AFTER_LOCALS, /* PEP 440: above v and every v+local */
	VERSION__CUT_AFTER_POSTS,  /* PEP 440: above v, its post-releases and locals */
	VERSION__CUT_POS_INF,      /* above every version */
};
struct version__cut {
	struct psirt_str v; /* empty for the infinities */
	int side;           /* enum version__cut_side */
};
struct version__ivl {
	struct version__cut lo, hi; /* versions x with lo < x < hi */
};

/* One npm comparator, for node-semver's own test (its prerelease rule). */
struct version__npm_comp {
	enum psirt_vers_op op;      /* EQ, LT, LE, GT, GE, or ANY */
	struct psirt_str v;         /* canonical "M.m.p[-pre]"; empty for ANY */
	struct version__semver sv;  /* v parsed */
};

struct version__native_syntax;

struct psirt_native_range {
	const struct version__native_syntax *syntax;
	const struct psirt_version_scheme *scheme;
	unsigned flags;
	struct psirt_arena arena; /* everything below */
	char *vers_type;          /* the vers versioning scheme ("npm") */
	struct version__ivl *iv;  /* the range: sorted, disjoint */
	size_t niv;
	int inexact;              /* the vers form loses a native rule */
	/* npm: node-semver's sets of comparators, desugared as the flags say
	 * (set i is comps[set_end[i-1] .. set_end[i]) ) */
	struct version__npm_comp *comps;
	size_t ncomps;
	size_t *set_end;
	size_t nsets;
	/* PEP 440 "===": strings a version must equal (ASCII case-insensitive) */
	struct psirt_str *arbitrary;
	size_t narbitrary;
	int arbitrary_only; /* no other specifier: the version need not parse */
	/* building: scratch interval lists (malloc'd), sticky error */
	struct version__ivl *cur, *tmp, *all;
	size_t ncur, ntmp, nall, capcur, captmp, capall;
	size_t terms; /* clauses read, against PSIRT_NATIVE_MAX_TERMS */
	struct psirt_diag *diag;
	enum psirt_err err;
};

/* Most comparators or specifiers in one native range; more is
 * PSIRT_ETOOBIG. Real ranges have a handful (the longest in GitHub's
 * advisory database about 40); the cap bounds the interval arithmetic. */
#define VERSION__NATIVE_MAX_TERMS 1024

struct version__native_syntax {
	const char *name; /* "npm" */
	/* Reads text into r (r->scheme, r->flags, r->arena set): for each set
	 * of clauses, version__native_set_begin(), one version__native_clause()
	 * per clause, version__native_set_end(). Errors with a column. */
	enum psirt_err (*parse)(struct psirt_native_range *r, struct psirt_str text);
};
extern const struct version__native_syntax version__native_npm;
extern const struct version__native_syntax version__native_pep440;

/* Interval building (native_range.c). Each returns r->err (sticky). */
enum psirt_err version__native_set_begin(struct psirt_native_range *r);
/* Intersects the current set with the union of the n intervals (sorted,
 * disjoint); counts one term. */
enum psirt_err version__native_clause(struct psirt_native_range *r,
                                      const struct version__ivl *iv, size_t n);
enum psirt_err version__native_set_end(struct psirt_native_range *r);
/* Copies len bytes into the range's arena (NUL-terminated). */
struct psirt_str version__native_strdup(struct psirt_native_range *r, const char *p, size_t len);
/* Records an error at column col0 + 1 of the text (col0 < 0: none). */
enum psirt_err version__native_fail(struct psirt_native_range *r, enum psirt_err err, long col0,
                                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Orders two cuts of r's scheme (0 on a compare error, recorded in r). */
int version__native_cut_cmp(struct psirt_native_range *r, const struct version__cut *a,
                            const struct version__cut *b);
/* PEP 440 (native_pep440.c): is w in the family that the cut side
 * (AFTER_LOCALS or AFTER_POSTS) of base v stands above? Both valid. */
int version__pep440_in_family(int side, struct psirt_str v, struct psirt_str w);

#endif
