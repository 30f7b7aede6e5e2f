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

#endif
