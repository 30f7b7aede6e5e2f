/* psirt — CPE 2.3 names: parsing, binding and comparison.
 *
 * A CPE name is a well-formed name (WFN, NISTIR 7695 §5): eleven attributes,
 * each the logical value ANY or NA or a string value. psirt reads and writes
 * its three spellings:
 *   formatted string (FS)  cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*
 *   URI (CPE 2.2)          cpe:/a:microsoft:internet_explorer:8.%02:sp%01
 *   WFN notation           wfn:[part="a",vendor="microsoft",version="8\.*"]
 * and compares names per NISTIR 7696 (attribute relations, then the name
 * relation).
 *
 * A parsed name is one block of memory: a fixed table of eleven values and,
 * after it, the string bodies they point into. Nothing else is allocated, so
 * a matcher can parse millions of NVD criteria into an arena or a reused
 * buffer. A string value is stored unquoted ("8.0.6001", not "8\.0\.6001")
 * with its unquoted wildcards kept apart: NISTIR 7695 §5.3.2 allows them only
 * at the start and the end of a value, so a value is
 *     lead wildcards · literal body · trail wildcards
 * and the body can be handed as is to a version comparator or a hash key.
 *
 * Case: URI unbinding folds letters to lower case (NISTIR 7695 §6.1.3.2
 * decode); FS and WFN parsing keep case. Comparisons ignore ASCII case
 * (NISTIR 7696 §6.1).
 */
#ifndef PSIRT_CPE_H
#define PSIRT_CPE_H

#include <stddef.h>
#include <stdint.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/str.h"

/* Longest CPE name accepted, in bytes (PSIRT_ETOOBIG above). NVD's longest
 * names are under 300 bytes; the cap keeps offsets in 16 bits. */
#define PSIRT_CPE_MAX 4096

/* The attributes in formatted-string order (NISTIR 7695 §6.2). */
enum psirt_cpe_attr {
	PSIRT_CPE_PART,
	PSIRT_CPE_VENDOR,
	PSIRT_CPE_PRODUCT,
	PSIRT_CPE_VERSION,
	PSIRT_CPE_UPDATE,
	PSIRT_CPE_EDITION,
	PSIRT_CPE_LANGUAGE,
	PSIRT_CPE_SW_EDITION,
	PSIRT_CPE_TARGET_SW,
	PSIRT_CPE_TARGET_HW,
	PSIRT_CPE_OTHER,
	PSIRT_CPE_ATTR__MAX
};

enum psirt_cpe_kind {
	PSIRT_CPE_ANY = 0, /* logical ANY; also every unspecified attribute */
	PSIRT_CPE_NA,      /* logical NA (not applicable) */
	PSIRT_CPE_STRING,  /* a string value */
};

/* lead/trail of a string value: 0 for none, PSIRT_CPE_STAR for one unquoted
 * '*', n > 0 for a run of n unquoted '?'. */
#define PSIRT_CPE_STAR (-1)

struct psirt_cpe_value {
	uint8_t kind;   /* enum psirt_cpe_kind */
	int16_t lead;   /* wildcards before the body (see PSIRT_CPE_STAR) */
	int16_t trail;  /* wildcards after the body */
	uint16_t off;   /* body: cpe->text + off, NUL-terminated */
	uint16_t len;   /* body length; 0 only for a value of '?'s alone */
};

struct psirt_cpe {
	struct psirt_cpe_value attr[PSIRT_CPE_ATTR__MAX];
	uint16_t text_len; /* bytes of text in use */
	char text[];       /* the bodies, each followed by a NUL */
};

/* Bytes a name parsed from an input of input_len bytes needs at most; for
 * psirt_cpe_parse_into. The fixed part is 124 bytes on x86-64, so an NVD
 * criterion of 55 bytes takes about 180 bytes of arena. */
#define PSIRT_CPE_SIZE(input_len) \
	(sizeof(struct psirt_cpe) + (size_t)(input_len) + PSIRT_CPE_ATTR__MAX + 1)

/* Parses a CPE name in any of the three spellings, chosen by its prefix:
 * "cpe:2.3:" formatted string, "cpe:/" URI, "wfn:[" WFN notation ("cpe" and
 * "wfn" in any case). The input is a view (need not be NUL-terminated).
 *
 * Accepted as NISTIR 7695 defines; where its grammar and its pseudocode
 * differ, the choice is documented in src/ident/cpe_parse.c. Errors:
 * PSIRT_EINVAL with a message and the 1-based column of the offending byte
 * in diag; PSIRT_ETOOBIG beyond PSIRT_CPE_MAX bytes; PSIRT_ENOMEM.
 *
 * psirt_cpe_parse returns owned memory in *out (free with psirt_cpe_free);
 * psirt_cpe_parse_arena allocates it from the arena (freed with the arena);
 * psirt_cpe_parse_into writes into caller memory dst of dst_size bytes, which
 * must be at least PSIRT_CPE_SIZE(in.len) (PSIRT_ETOOBIG otherwise) and
 * aligned like struct psirt_cpe; nothing is allocated. On error *out is NULL
 * and dst holds garbage. */
enum psirt_err psirt_cpe_parse(struct psirt_str in, struct psirt_cpe **out,
                               struct psirt_diag *diag);
enum psirt_err psirt_cpe_parse_arena(struct psirt_arena *arena, struct psirt_str in,
                                     struct psirt_cpe **out, struct psirt_diag *diag);
enum psirt_err psirt_cpe_parse_into(struct psirt_cpe *dst, size_t dst_size,
                                    struct psirt_str in, struct psirt_diag *diag);
void psirt_cpe_free(struct psirt_cpe *cpe);

/* Bindings, appended to out (the buffer's sticky error is returned:
 * PSIRT_OK, PSIRT_ENOMEM or PSIRT_ETOOBIG).
 * _fs:  cpe:2.3:... with all eleven attributes (NISTIR 7695 §6.2.2).
 * _uri: cpe:/... (NISTIR 7695 §6.1.2): sw_edition, target_sw, target_hw and
 *       other packed into the edition component when any is not ANY,
 *       wildcards as %01/%02, trailing empty components trimmed. The URI is
 *       lossless but for letter case, which URI unbinding folds.
 * _wfn: wfn:[part="a",vendor=...] listing all eleven attributes in FS order,
 *       string values quoted as NISTIR 7695 §5.3.2 requires.
 * A binding may be longer than the input the name came from, by up to half
 * (a quoted "\$" becomes "%24"): one longer than PSIRT_CPE_MAX does not
 * parse back (PSIRT_ETOOBIG). Real names are far below the cap. */
enum psirt_err psirt_cpe_format_fs(const struct psirt_cpe *cpe, struct psirt_buf *out);
enum psirt_err psirt_cpe_format_uri(const struct psirt_cpe *cpe, struct psirt_buf *out);
enum psirt_err psirt_cpe_format_wfn(const struct psirt_cpe *cpe, struct psirt_buf *out);
/* One attribute in its formatted-string form ("*", "-", "8.0.6001",
 * "foo\\bar"), appended to out. */
enum psirt_err psirt_cpe_format_attr_fs(const struct psirt_cpe *cpe, enum psirt_cpe_attr a,
                                        struct psirt_buf *out);

/* A copy of cpe (borrowed) with attribute a set to the string value whose
 * characters are exactly value's (a WFN value with every non-alphanumeric
 * character quoted: '*', '?', ':', '\\' are literal, never wildcards or
 * separators); the bindings quote them as their spelling needs — "1:2.3+b"
 * binds as 1\:2.3\+b in a formatted string. *out is allocated from arena
 * (no other allocation). Errors: EINVAL for an empty value, a byte that is
 * not printable ASCII or is white space (NISTIR 7695 §5.3.2 — callers map
 * spaces first, e.g. to '_' as the CPE dictionary does), or "-" alone (it
 * would bind as NA); ETOOBIG beyond PSIRT_CPE_MAX; ENOMEM. */
enum psirt_err psirt_cpe_set_string(struct psirt_arena *arena, const struct psirt_cpe *cpe,
                                    enum psirt_cpe_attr a, struct psirt_str value,
                                    struct psirt_cpe **out, struct psirt_diag *diag);

/* Attribute names as NISTIR 7695 §5.2 spells them ("sw_edition"); NULL out
 * of range. */
const char *psirt_cpe_attr_name(enum psirt_cpe_attr a);

/* Accessors (cpe borrowed; results point into it). */
static inline const struct psirt_cpe_value *psirt_cpe_get(const struct psirt_cpe *cpe,
                                                          enum psirt_cpe_attr a)
{
	return &cpe->attr[a];
}
/* The literal body of a string value without its wildcards; an empty view
 * for ANY and NA. */
static inline struct psirt_str psirt_cpe_body(const struct psirt_cpe *cpe, enum psirt_cpe_attr a)
{
	const struct psirt_cpe_value *v = &cpe->attr[a];

	return v->kind == PSIRT_CPE_STRING ? psirt_str_make(cpe->text + v->off, v->len)
	                                   : psirt_str_make(cpe->text + cpe->text_len, 0);
}
/* Is the attribute the literal string (no wildcards) s, ignoring case? */
int psirt_cpe_attr_is(const struct psirt_cpe *cpe, enum psirt_cpe_attr a, struct psirt_str s);
/* 'a', 'o' or 'h'; '*' for ANY, '-' for NA. */
char psirt_cpe_part(const struct psirt_cpe *cpe);
static inline int psirt_cpe_value_has_wildcards(const struct psirt_cpe_value *v)
{
	return v->kind == PSIRT_CPE_STRING && (v->lead != 0 || v->trail != 0);
}
/* Does any attribute hold an unquoted wildcard? */
int psirt_cpe_has_wildcards(const struct psirt_cpe *cpe);

/* NISTIR 7696 set relations. Attribute comparisons give one of the first
 * five; a name comparison may also give OVERLAP. */
enum psirt_cpe_rel {
	PSIRT_CPE_REL_DISJOINT,  /* ≠ */
	PSIRT_CPE_REL_SUBSET,    /* ⊂ source is a subset of the target */
	PSIRT_CPE_REL_SUPERSET,  /* ⊃ source is a superset of the target */
	PSIRT_CPE_REL_EQUAL,     /* = */
	/* NISTIR 7696 Table 6-2 lines 4, 8, 11, 17: the target holds a wildcard.
	 * For names: some attribute is UNDEFINED and none is DISJOINT. */
	PSIRT_CPE_REL_UNDEFINED,
	/* Names only, not one of NISTIR 7696's four: no attribute is DISJOINT or
	 * UNDEFINED, but some are SUBSET and others SUPERSET, so the names'
	 * extensions intersect without either containing the other. */
	PSIRT_CPE_REL_OVERLAP,
	PSIRT_CPE_REL__MAX
};

/* "DISJOINT", "SUBSET", "SUPERSET", "EQUAL", "UNDEFINED", "OVERLAP"; NULL out
 * of range. */
const char *psirt_cpe_relation_name(enum psirt_cpe_rel rel);

/* NISTIR 7696 §7.3 compare(): the relation of one source attribute to the
 * same target attribute, case-insensitively; wildcards in the source match
 * per §6.3 ('*' any run, each '?' zero or one character). */
enum psirt_cpe_rel psirt_cpe_compare_attr(const struct psirt_cpe *source,
                                          const struct psirt_cpe *target,
                                          enum psirt_cpe_attr a);

/* Name comparison (NISTIR 7696 §6.2, Table 6-4): DISJOINT if any attribute
 * is, else UNDEFINED if any is, else EQUAL if all are, else SUBSET if all are
 * SUBSET or EQUAL, else SUPERSET if all are SUPERSET or EQUAL, else OVERLAP.
 * psirt_cpe_compare_attrs also fills rels[PSIRT_CPE_ATTR__MAX] (may be NULL)
 * with each attribute's relation (NISTIR 7696 §5.2 constraint 4 asks for
 * both). */
enum psirt_cpe_rel psirt_cpe_compare(const struct psirt_cpe *source,
                                     const struct psirt_cpe *target);
enum psirt_cpe_rel psirt_cpe_compare_attrs(const struct psirt_cpe *source,
                                           const struct psirt_cpe *target,
                                           enum psirt_cpe_rel *rels);
/* Combines attribute relations into a name relation as above, considering
 * only attributes whose bit (1u << attr) is set in mask: a matcher that
 * compares versions by a version scheme leaves PSIRT_CPE_VERSION out. */
enum psirt_cpe_rel psirt_cpe_relation_of(const enum psirt_cpe_rel *rels, unsigned mask);
#define PSIRT_CPE_ALL_ATTRS ((1u << PSIRT_CPE_ATTR__MAX) - 1)

/* NISTIR 7696 §7.2 core functions: CPE_DISJOINT, CPE_EQUAL, CPE_SUBSET,
 * CPE_SUPERSET (SUBSET and SUPERSET are non-proper: EQUAL counts). An NVD
 * match criterion matches a product's name when
 * psirt_cpe_superset(criterion, name). */
int psirt_cpe_disjoint(const struct psirt_cpe *source, const struct psirt_cpe *target);
int psirt_cpe_equal(const struct psirt_cpe *source, const struct psirt_cpe *target);
int psirt_cpe_subset(const struct psirt_cpe *source, const struct psirt_cpe *target);
int psirt_cpe_superset(const struct psirt_cpe *source, const struct psirt_cpe *target);

#endif
