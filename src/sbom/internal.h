/* src/sbom internal interface: the format table, the parse context, shared
 * tables and checks, the JSON writer. Names sbom__x. */
#ifndef PSIRT_SBOM_INTERNAL_H
#define PSIRT_SBOM_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/sbom.h"
#include "psirt/str.h"

/* What psirt_sbom_detect learnt from one pass over the input; each format's
 * sniff() decides from it. */
enum sbom__shape { SBOM__SHAPE_OTHER, SBOM__SHAPE_JSON, SBOM__SHAPE_XML, SBOM__SHAPE_TEXT };
enum sbom__json_key {
	SBOM__K_BOMFORMAT = 1 << 0,
	SBOM__K_SPECVERSION = 1 << 1,
	SBOM__K_CDX_SCHEMA = 1 << 2, /* "$schema" naming cyclonedx.org */
	SBOM__K_SPDXVERSION = 1 << 3,
	SBOM__K_SPDXID = 1 << 4,
	SBOM__K_CONTEXT_SPDX3 = 1 << 5, /* "@context" naming spdx.org/rdf/3 */
	SBOM__K_GRAPH = 1 << 6,
	SBOM__K_CONTEXT = 1 << 7,
};
struct sbom__sniff {
	enum sbom__shape shape;
	unsigned json_keys; /* enum sbom__json_key, top-level keys only */
	int xml_cyclonedx;  /* root element in a cyclonedx.org namespace */
	int tv_tags;        /* lines starting with an SPDX tag */
};

/* One parse: the document being built, the input, where we are. */
struct sbom__ctx {
	struct psirt_sbom_doc *doc;
	const char *data;
	size_t len;
	const char *name;        /* file name for messages, may be NULL */
	struct psirt_diag *diag; /* may be NULL */
	struct psirt_buf path;   /* current JSON pointer / element path */
};

struct sbom__format {
	enum psirt_sbom_format format;
	const char *name;
	int (*sniff)(const struct sbom__sniff *s);
	/* Fills ctx->doc; on error sets ctx->diag (through sbom__fail). */
	enum psirt_err (*parse)(struct sbom__ctx *ctx);
	/* NULL when psirt does not write the format. */
	enum psirt_err (*export)(const struct psirt_sbom_doc *doc, struct psirt_buf *out,
	                         struct psirt_diag *diag);
};

extern const struct sbom__format sbom__fmt_cyclonedx_json;
extern const struct sbom__format sbom__fmt_cyclonedx_xml;
extern const struct sbom__format sbom__fmt_spdx_json;
extern const struct sbom__format sbom__fmt_spdx_tv;
extern const struct sbom__format sbom__fmt_spdx3_jsonld;

/* libxml2's one-time initialisation (fmt_cyclonedx_xml.c). */
void sbom__xml_init(void);

/* The format table, indexed by enum psirt_sbom_format (UNKNOWN is NULL). */
extern const struct sbom__format *const sbom__formats[PSIRT_SBOM_FORMAT__MAX];

/* Records an error with the file, ctx->path (when not empty) as the place,
 * and line (0: none). Returns err. */
enum psirt_err sbom__fail(struct sbom__ctx *ctx, enum psirt_err err, long line, const char *fmt,
                          ...) __attribute__((format(printf, 4, 5)));
enum psirt_err sbom__failv(struct sbom__ctx *ctx, enum psirt_err err, long line, const char *fmt,
                           va_list ap) __attribute__((format(printf, 4, 0)));
/* sbom__fail with seg pushed on the path for the message (the member the
 * error is about). Returns err. */
enum psirt_err sbom__fail_in(struct sbom__ctx *ctx, const char *seg, enum psirt_err err,
                             const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Path helpers: push returns the old length for sbom__path_pop. */
size_t sbom__path_push(struct sbom__ctx *ctx, const char *seg);
size_t sbom__path_pushi(struct sbom__ctx *ctx, const char *seg, size_t i);
void sbom__path_pop(struct sbom__ctx *ctx, size_t old_len);
/* The current path as an arena string (for warnings); NULL when empty. */
const char *sbom__path_dup(struct sbom__ctx *ctx);

/* Tables. Each returns -1 when the name is unknown. */
int sbom__type_find(const char *s);
int sbom__scope_find(const char *s);
const char *sbom__scope_name(enum psirt_sbom_scope scope);
int sbom__hash_find_cdx(const char *s);                         /* "SHA-256" */
int sbom__hash_find_spdx(const char *s);                        /* "SHA256" */
int sbom__hash_find_spdx3(const char *s);                       /* "sha256" */
const char *sbom__hash_spdx_name(enum psirt_sbom_hash_alg alg); /* NULL: none */
/* Is hex a valid value? CycloneDX (cdx != 0): 32, 40, 64, 96 or 128 hex
 * digits, whatever the algorithm (the schema's hash-content pattern);
 * SPDX: one or more hex digits. */
int sbom__hash_value_ok(const char *hex, int cdx);
/* SPDX 2 primaryPackagePurpose / SPDX 3 software_primaryPurpose → type;
 * -1 when unknown. */
int sbom__spdx_purpose_find(const char *s);
const char *sbom__spdx_purpose_name(enum psirt_sbom_type type); /* "LIBRARY" */

/* RFC 3339 date-time ("2020-04-13T20:20:39+00:00", fractions allowed). */
int sbom__rfc3339_ok(const char *s);
/* Appends s (RFC 3339) as UTC "YYYY-MM-DDThh:mm:ssZ" (SPDX 2.3 §6.9);
 * returns 0, or -1 when s is not RFC 3339. */
int sbom__rfc3339_utc(const char *s, struct psirt_buf *out);
/* "urn:uuid:" and 8-4-4-4-12 hex digits (either case: psirt diverges from the
 * schema's lower-case pattern, since upper-case UUIDs are common in the wild
 * and mean the same). */
int sbom__urn_uuid_ok(const char *s);
/* Valid UTF-8 (no overlongs, no surrogates)? */
int sbom__utf8_ok(const char *s, size_t len);
/* Length of the longest valid UTF-8 prefix of s. */
size_t sbom__utf8_prefix(const char *s, size_t len);

/* Is s (len bytes) a valid purl / CPE for the ident module's parsers? Returns
 * 0 when valid; else -1 with the reason in why (may be NULL; caller-owned,
 * release with psirt_diag_release). The one place SBOM identities are judged. */
enum sbom__ident { SBOM__PURL, SBOM__CPE };
int sbom__ident_check(enum sbom__ident kind, const char *s, size_t len, struct psirt_diag *why);

/* Appends an existing arena component to doc->components (the SPDX readers
 * build packages before they know the root). PSIRT_ETOOBIG beyond
 * PSIRT_SBOM_MAX_COMPONENTS, PSIRT_ENOMEM. */
enum psirt_err sbom__component_push(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c);

/* CycloneDX property: "psirt:cpe" adds a CPE, others a property. */
enum psirt_err sbom__cdx_property_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                      const char *name, const char *value);

/* Strips SPDX's "Organization: " / "Person: " / "Tool: " prefix and a
 * trailing "(email)"; NULL for NOASSERTION / NONE. Returns a view. */
struct psirt_str sbom__spdx_agent_name(const char *s);

/* SPDX 2.3 §7.7 PackageDownloadLocation in its VCS form
 * "<vcs>+<transport>://<host>/<path>@<revision>#<sub_path>" with vcs "git"
 * and a revision of 40 or 64 hex digits (a full commit id; a tag or branch
 * is no commit): sets c->commit and c->repo ("<transport>://<host>/<path>").
 * Anything else leaves c unchanged. PSIRT_ENOMEM only. */
enum psirt_err sbom__spdx_vcs(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                              struct psirt_str loc);

/* Arena-grown arrays: returns arr with room for element n (capacity is
 * implied by n: 4, 8, 16 …), or NULL when out of memory. */
void *sbom__grow(struct psirt_sbom_doc *doc, void *arr, size_t n, size_t elem);

/* SPDX 2 / 3 common finishing: packages are collected, then relationships
 * decide root, nesting and dependencies. */
enum sbom__rel {
	SBOM__REL_OTHER,
	SBOM__REL_DESCRIBES,  /* from → to */
	SBOM__REL_CONTAINS,   /* from contains to */
	SBOM__REL_DEPENDS_ON, /* from depends on to */
};
struct sbom__spdx_rel {
	const char *from, *to; /* arena strings */
	enum sbom__rel type;
	const char *where; /* place for warnings */
	long line;
};
struct sbom__spdx_pkg {
	struct psirt_sbom_component *c; /* not yet in doc->components */
	const char *where;              /* JSON pointer or NULL */
	long line;                      /* tag-value line or 0 */
};
struct sbom__spdx {
	struct sbom__spdx_pkg *pkgs;
	size_t n_pkgs;
	struct sbom__spdx_rel *rels;
	size_t n_rels;
	const char **describes; /* ids the document describes */
	size_t n_describes;
	const char *doc_id;      /* the document's own id (SPDXRef-DOCUMENT) */
	struct psirt_map others; /* ids of files, snippets, agents …: not packages */
};
void sbom__spdx_init(struct sbom__spdx *sp);
void sbom__spdx_release(struct sbom__spdx *sp);
/* Maps an SPDX 2 relationship type ("DEPENDS_ON") or SPDX 3 one
 * ("dependsOn"); *reverse is set when from and to swap (DEPENDENCY_OF). */
enum sbom__rel sbom__spdx_rel_find(const char *type, int *reverse);
/* A package: allocated in doc's arena but not yet in the component list;
 * the current path or line is its place for messages. Errors (recorded):
 * PSIRT_ENOMEM, PSIRT_ETOOBIG beyond PSIRT_SBOM_MAX_COMPONENTS. */
enum psirt_err sbom__spdx_pkg_new(struct sbom__ctx *ctx, struct sbom__spdx *sp, long line,
                                  struct psirt_sbom_component **out);
/* Records an id that is not a package (a file, a snippet), so that
 * relationships naming it are skipped without a warning. */
enum psirt_err sbom__spdx_other_add(struct sbom__ctx *ctx, struct sbom__spdx *sp, const char *id);
enum psirt_err sbom__spdx_rel_add(struct sbom__ctx *ctx, struct sbom__spdx *sp, const char *from,
                                  const char *to, enum sbom__rel type, long line);
enum psirt_err sbom__spdx_describes_add(struct sbom__ctx *ctx, struct sbom__spdx *sp,
                                        const char *id);
/* Builds root, components (package order), nesting and dependencies;
 * refuses duplicate ids; warns about relationships naming unknown ids. */
enum psirt_err sbom__spdx_finish(struct sbom__ctx *ctx, struct sbom__spdx *sp);

/* A small JSON writer into a psirt_buf: two-space indentation, keys in
 * the order written, strings escaped (invalid UTF-8 becomes U+FFFD). */
#define SBOM__JW_MAX_DEPTH 160
struct sbom__jw {
	struct psirt_buf *b;
	int depth;
	int overflow;
	unsigned char has_items[SBOM__JW_MAX_DEPTH];
	int after_key;
};
void sbom__jw_init(struct sbom__jw *w, struct psirt_buf *b);
void sbom__jw_obj(struct sbom__jw *w);
void sbom__jw_arr(struct sbom__jw *w);
void sbom__jw_end_obj(struct sbom__jw *w);
void sbom__jw_end_arr(struct sbom__jw *w);
void sbom__jw_key(struct sbom__jw *w, const char *key);
void sbom__jw_str(struct sbom__jw *w, const char *s);
void sbom__jw_int(struct sbom__jw *w, long long v);
void sbom__jw_bool(struct sbom__jw *w, int v);
/* key: value, skipped when value is NULL. */
void sbom__jw_kv(struct sbom__jw *w, const char *key, const char *value);

/* Export helpers shared by the two writers: the document's tree in output
 * order with unique refs. Components are sorted at each level by (group,
 * name, version, purl, document position); refs are kept when the
 * format accepts them and no earlier component (in that order) holds them,
 * else generated. */
struct sbom__out {
	struct psirt_arena arena;
	struct psirt_map by_ref;                 /* model ref → output ref (first holder) */
	struct psirt_map used;                   /* output refs taken */
	const char *root_ref;                    /* NULL when the document has no root */
	const char **refs;                       /* output ref per component index */
	const struct psirt_sbom_component **top; /* top level, sorted */
	size_t n_top;
	const struct psirt_sbom_component **kids; /* grouped by parent, sorted */
	size_t *kid_first;                        /* per component index: start in kids */
	size_t *kid_n;                            /* per component index: count */
};
/* ref_ok says whether the format accepts a ref as is; make_ref writes a
 * fresh candidate for the n-th generated ref into b (attempt counts from 0:
 * a later attempt must give another string). with_group 0 leaves the group
 * out of the sort key, for a format that cannot hold it (so that writing
 * what was read back gives the same order). */
enum psirt_err sbom__out_build(struct sbom__out *o, const struct psirt_sbom_doc *doc,
                               int (*ref_ok)(const char *ref),
                               void (*make_ref)(struct psirt_buf *b, size_t n, unsigned attempt),
                               int with_group);
void sbom__out_release(struct sbom__out *o);
/* The output ref for a model ref, or NULL when it names no component. */
const char *sbom__out_ref(const struct sbom__out *o, const char *model_ref);
/* Dependencies with both ends known, as sorted unique (from, to) pairs of
 * output refs, arena-owned by o. */
struct sbom__out_edge {
	const char *from, *to;
};
enum psirt_err sbom__out_edges(struct sbom__out *o, const struct psirt_sbom_doc *doc,
                               struct sbom__out_edge **edges, size_t *n);

#endif
