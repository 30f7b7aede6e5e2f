/* Cross-file names of the ident module (purl; CPE later). */
#ifndef PSIRT_IDENT_INTERNAL_H
#define PSIRT_IDENT_INTERNAL_H

#include <stddef.h>
#include <string.h>

/* Namespace requirement of a purl type (type definition schema). */
enum ident__purl_req {
	IDENT__REQ_OPTIONAL,
	IDENT__REQ_REQUIRED,
	IDENT__REQ_PROHIBITED,
};

/* Rules of a purl type: the case_sensitive=false components and the rules
 * that scripts/gen-purl-types.py maps from prose (see there for the text
 * each one implements). */
enum ident__purl_rule {
	IDENT__NS_LOWER = 1 << 0,
	IDENT__NAME_LOWER = 1 << 1,
	IDENT__VERSION_LOWER = 1 << 2,
	IDENT__SUBPATH_LOWER = 1 << 3,
	IDENT__NS_UPPER = 1 << 4,              /* cpan: CPAN IDs are upper case */
	IDENT__NAME_DASH = 1 << 5,             /* pypi: '_' -> '-' in the name */
	IDENT__NAME_PATH = 1 << 6,             /* git: namespace is the first segment,
	                                        * the name is the rest, '/' kept */
	IDENT__NAME_NO_DCOLON = 1 << 7,        /* cpan: no "::" in the name */
	IDENT__NAME_LOWER_DATABRICKS = 1 << 8, /* mlflow: lower-case the name when
	                                        * repository_url is Databricks */
};

/* Validators for the permitted_characters regexes we know. */
enum ident__purl_chars {
	IDENT__CHARS_ANY,
	IDENT__CHARS_CHROME_ID, /* ^[a-p]{32}$ */
	IDENT__CHARS_DOTTED4,   /* ^\d+(\.\d+){0,3}$ */
	IDENT__CHARS_PUB,       /* [a-z0-9_]+ */
};

/* Longest registered type name ("chrome-extension", "vscode-extension");
 * the generator refuses longer ones. */
#define IDENT__TYPE_MAX 16

/* A registered type (opaque in include/psirt/purl.h). */
struct psirt_purl_type {
	/* NUL-padded to 16 bytes: the lookup compares two 8-byte words */
	char name[IDENT__TYPE_MAX + 1];
	unsigned char name_len;
	unsigned char ns;           /* enum ident__purl_req */
	unsigned char ns_max;       /* most namespace segments; 0: no limit */
	unsigned char name_chars;   /* enum ident__purl_chars */
	unsigned char version_chars;
	unsigned rules;             /* enum ident__purl_rule */
	const char *const *required_keys; /* NULL-terminated, or NULL */
};

/* The generated table (src/ident/purl_types.c), sorted by name. */
extern const struct psirt_purl_type ident__purl_types[];
extern const size_t ident__purl_types_count;
/* ident__purl_type_first[c - 'a'] is the index of the first name starting
 * with letter c or later; [26] is the count. */
extern const unsigned char ident__purl_type_first[27];

/* Spare bytes: the memory of every parsed or built purl has at least this
 * many initialised bytes after the start of its last component's end, and
 * the canonical output reserves as many after its end, so that the encoder
 * may load and store 16 bytes at a time (src/ident/purl_fmt.c). */
#define IDENT__SLACK 16

/* Copies n bytes between regions that do not overlap. Purl components are
 * short: fixed-size moves that the compiler inlines beat a call to memcpy,
 * whose size dispatch costs more than the copy (callgrind: ~25 against ~6
 * instructions for a 10-byte name). */
static inline void ident__copy(char *dst, const char *src, size_t n)
{
	size_t i;

	if (n >= 8 && n <= 16) {
		memcpy(dst, src, 8);
		memcpy(dst + n - 8, src + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(dst, src, 4);
		memcpy(dst + n - 4, src + n - 4, 4);
	} else if (n < 4) {
		for (i = 0; i < n; i++)
			dst[i] = src[i];
	} else {
		memcpy(dst, src, n);
	}
}

/* Finds a type by its lower-case name; NULL when not registered. */
const struct psirt_purl_type *ident__purl_type_find(const char *name, size_t len);

#endif
