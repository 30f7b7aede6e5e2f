/* psirt — SBOMs in memory: reading CycloneDX and SPDX, writing CycloneDX 1.6
 * JSON and SPDX 2.3 JSON.
 *
 * A pure library module: no database. psirt_sbom_parse() turns a document
 * into a struct psirt_sbom_doc (the model below); the portfolio store and
 * `psirt sbom import` consume the model, `psirt sbom export` and the firmware
 * scanner build one with the psirt_sbom_*_add() functions and write it with
 * psirt_sbom_export().
 *
 * Formats (one file each in src/sbom/fmt_<name>.c behind a const table):
 *   cyclonedx-json   CycloneDX 1.2–1.7 JSON (read), 1.6 (write)
 *   cyclonedx-xml    CycloneDX 1.0–1.7 XML (read; libxml2 without network,
 *                    DTD or entity expansion)
 *   spdx-json        SPDX 2.2/2.3 JSON (read), 2.3 (write)
 *   spdx-tag-value   SPDX 2.2/2.3 tag-value (read)
 *   spdx3-jsonld     SPDX 3.0 JSON-LD, software_Package elements (read)
 *
 * Memory: a document owns one arena; every string, component and array
 * reachable from it lives there and is freed by psirt_sbom_free(). Pointers
 * into a document stay valid until then. Strings are NUL-terminated UTF-8
 * (NULL when the field is absent). The JSON readers decode a copy of the
 * input in place in that arena and keep pointers into it: a document holds
 * about its input's size plus the model.
 *
 * Identities: purls and CPEs are checked by one internal function
 * (sbom__ident_check in src/sbom/idcheck.c) with the ident module's parsers
 * (psirt_purl_parse, psirt_cpe_parse; a CPE must be a 2.3 formatted string
 * or a 2.2 URI), so an identity is valid exactly when the matcher can use
 * it. A malformed purl or CPE is kept, flagged and warned about, never
 * an error: the matcher skips it, an analyst can still see it.
 */
#ifndef PSIRT_SBOM_H
#define PSIRT_SBOM_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/map.h"

/* Caps (PSIRT_ETOOBIG beyond them). */
/* 64 MiB of input: the largest public SBOMs we know are ~25 MB (an npm
 * application with every transitive package); a firmware SBOM is far below.
 * The parsed trees of jansson and libxml2 take ~10× the input in memory. */
#define PSIRT_SBOM_MAX_SIZE ((size_t)64 << 20)
/* 200,000 components: a full Debian install lists ~3,000 packages, the
 * largest container images ~20,000, npm monorepos ~50,000. */
#define PSIRT_SBOM_MAX_COMPONENTS 200000
/* 32 levels of nested components. Real BOMs nest at most ~6 (an ear holding
 * wars holding shaded jars); the walks over the tree recurse once per level,
 * so the cap also bounds stack use. Raw JSON nesting is capped separately by
 * jansson (2048) and XML element nesting by libxml2 (256). */
#define PSIRT_SBOM_MAX_DEPTH 32
/* 100,000 warnings are kept; later ones are only counted. */
#define PSIRT_SBOM_MAX_WARNINGS 100000

enum psirt_sbom_format {
	PSIRT_SBOM_FORMAT_UNKNOWN = 0,
	PSIRT_SBOM_CYCLONEDX_JSON,
	PSIRT_SBOM_CYCLONEDX_XML,
	PSIRT_SBOM_SPDX_JSON,
	PSIRT_SBOM_SPDX_TV,
	PSIRT_SBOM_SPDX3_JSONLD,
	PSIRT_SBOM_FORMAT__MAX
};

/* CycloneDX component types (1.7's list, a superset of earlier ones). SPDX
 * primary package purposes map onto them (SOURCE, ARCHIVE, INSTALL and OTHER
 * become library, the default when none is given). */
enum psirt_sbom_type {
	PSIRT_SBOM_TYPE_APPLICATION,
	PSIRT_SBOM_TYPE_FRAMEWORK,
	PSIRT_SBOM_TYPE_LIBRARY,
	PSIRT_SBOM_TYPE_CONTAINER,
	PSIRT_SBOM_TYPE_PLATFORM,
	PSIRT_SBOM_TYPE_OPERATING_SYSTEM,
	PSIRT_SBOM_TYPE_DEVICE,
	PSIRT_SBOM_TYPE_DEVICE_DRIVER,
	PSIRT_SBOM_TYPE_FIRMWARE,
	PSIRT_SBOM_TYPE_FILE,
	PSIRT_SBOM_TYPE_MACHINE_LEARNING_MODEL,
	PSIRT_SBOM_TYPE_DATA,
	PSIRT_SBOM_TYPE_CRYPTOGRAPHIC_ASSET,
	PSIRT_SBOM_TYPE__MAX
};

/* CycloneDX scope; NONE when the document says nothing. */
enum psirt_sbom_scope {
	PSIRT_SBOM_SCOPE_NONE = 0,
	PSIRT_SBOM_SCOPE_REQUIRED,
	PSIRT_SBOM_SCOPE_OPTIONAL,
	PSIRT_SBOM_SCOPE_EXCLUDED,
	PSIRT_SBOM_SCOPE__MAX
};

/* Hash algorithms of CycloneDX and SPDX 2.3 together. */
enum psirt_sbom_hash_alg {
	PSIRT_SBOM_HASH_MD5,
	PSIRT_SBOM_HASH_SHA1,
	PSIRT_SBOM_HASH_SHA256,
	PSIRT_SBOM_HASH_SHA384,
	PSIRT_SBOM_HASH_SHA512,
	PSIRT_SBOM_HASH_SHA3_256,
	PSIRT_SBOM_HASH_SHA3_384,
	PSIRT_SBOM_HASH_SHA3_512,
	PSIRT_SBOM_HASH_BLAKE2B_256,
	PSIRT_SBOM_HASH_BLAKE2B_384,
	PSIRT_SBOM_HASH_BLAKE2B_512,
	PSIRT_SBOM_HASH_BLAKE3,
	PSIRT_SBOM_HASH_STREEBOG_256, /* CycloneDX 1.7 only */
	PSIRT_SBOM_HASH_STREEBOG_512, /* CycloneDX 1.7 only */
	PSIRT_SBOM_HASH_SHA224,       /* SPDX only, from here on */
	PSIRT_SBOM_HASH_MD2,
	PSIRT_SBOM_HASH_MD4,
	PSIRT_SBOM_HASH_MD6,
	PSIRT_SBOM_HASH_ADLER32,
	PSIRT_SBOM_HASH__MAX
};

struct psirt_sbom_hash {
	enum psirt_sbom_hash_alg alg;
	const char *value; /* hex digits as given */
};

enum psirt_sbom_license_kind {
	PSIRT_SBOM_LICENSE_ID,         /* an SPDX license id ("MIT") */
	PSIRT_SBOM_LICENSE_NAME,       /* a free-text name */
	PSIRT_SBOM_LICENSE_EXPRESSION, /* an SPDX license expression */
};

/* CycloneDX 1.6 "acknowledgement"; SPDX licenseDeclared / licenseConcluded. */
enum psirt_sbom_license_ack {
	PSIRT_SBOM_ACK_NONE = 0,
	PSIRT_SBOM_ACK_DECLARED,
	PSIRT_SBOM_ACK_CONCLUDED,
};

struct psirt_sbom_license {
	enum psirt_sbom_license_kind kind;
	enum psirt_sbom_license_ack ack;
	const char *value;
};

struct psirt_sbom_property {
	const char *name;
	const char *value; /* NULL when the property has none */
};

/* A CPE as written: "cpe:2.3:…" (formatted string) or "cpe:/…" (2.2 URI). */
struct psirt_sbom_cpe {
	const char *value;
	int valid; /* passed the identity check (see the head of this file) */
};

/* Component flags. */
enum psirt_sbom_component_flags {
	PSIRT_SBOM_C_NO_IDENTITY = 1 << 0, /* neither a purl nor a CPE */
	PSIRT_SBOM_C_BAD_PURL = 1 << 1,    /* purl kept but malformed */
	PSIRT_SBOM_C_BAD_CPE = 1 << 2,     /* at least one CPE malformed */
};

/* One component. The arrays below are arena-owned and grown only by the
 * psirt_sbom_*_add() functions (their capacity is implied by the count), so
 * do not change a count or an array pointer by hand. */
struct psirt_sbom_component {
	const char *ref; /* CycloneDX bom-ref, SPDX SPDXID / spdxId */
	enum psirt_sbom_type type;
	enum psirt_sbom_scope scope;
	const char *name; /* never NULL in a parsed document */
	const char *version;
	const char *group;    /* CycloneDX group (Maven groupId, npm scope …) */
	const char *supplier; /* the supplier's name, without SPDX's
	                       * "Organization: " prefix and "(email)" */
	const char *description;
	const char *purl;            /* the first purl; later ones are warned */
	struct psirt_sbom_cpe *cpes; /* the first is the main one */
	size_t n_cpes;
	struct psirt_sbom_hash *hashes;
	size_t n_hashes;
	struct psirt_sbom_license *licenses;
	size_t n_licenses;
	struct psirt_sbom_property *properties;
	size_t n_properties;
	/* The VCS commit it was built from and that repository's URL, or NULL
	 * (matched against OSV GIT ranges): CycloneDX pedigree.commits[0].uid
	 * and the first externalReferences entry of type "vcs"; SPDX 2.x
	 * downloadLocation "git+https://host/repo@<commit>" (the repository
	 * without "git+" and the revision). */
	const char *commit;
	const char *repo;
	/* The component this one is nested in (CycloneDX nested components,
	 * SPDX CONTAINS between packages), NULL at the top. Never the root: the
	 * root's direct parts are top-level components. */
	struct psirt_sbom_component *parent;
	unsigned flags; /* enum psirt_sbom_component_flags */
	size_t index;   /* position in doc->components */
};

/* ref depends on each of depends_on (CycloneDX dependencies; SPDX
 * DEPENDS_ON, DEPENDENCY_OF reversed, STATIC_LINK, DYNAMIC_LINK). Refs are
 * bom-refs / SPDX ids as strings; one entry per ref, targets unique. */
struct psirt_sbom_dependency {
	const char *ref;
	const char **depends_on;
	size_t n_depends_on;
};

struct psirt_sbom_tool {
	const char *vendor; /* may be NULL */
	const char *name;
	const char *version; /* may be NULL */
};

enum psirt_sbom_warning_code {
	PSIRT_SBOM_W_NO_IDENTITY,  /* component without purl or CPE */
	PSIRT_SBOM_W_BAD_PURL,     /* malformed purl, kept */
	PSIRT_SBOM_W_BAD_CPE,      /* malformed CPE, kept */
	PSIRT_SBOM_W_EXTRA_PURL,   /* a second purl on one package, not kept */
	PSIRT_SBOM_W_DANGLING_REF, /* a relationship names no known element */
	PSIRT_SBOM_W_IGNORED,      /* something psirt cannot represent, skipped */
	PSIRT_SBOM_W__MAX
};

struct psirt_sbom_warning {
	enum psirt_sbom_warning_code code;
	const char *where; /* JSON pointer, XML element or NULL */
	long line;         /* 1-based line for tag-value and XML, else 0 */
	const struct psirt_sbom_component *component; /* may be NULL */
	const char *message;
};

struct psirt_sbom_doc {
	enum psirt_sbom_format format;
	const char *spec_version; /* "1.6", "2.3", "3.0.1" */
	const char *serial;       /* CycloneDX serialNumber, SPDX documentNamespace,
	                           * SPDX 3 SpdxDocument id */
	const char *name;         /* SPDX document name; NULL for CycloneDX */
	const char *created;      /* creation time as written (RFC 3339) */
	struct psirt_sbom_tool *tools;
	size_t n_tools;
	/* The product the document describes: CycloneDX metadata.component,
	 * SPDX's one DESCRIBES package (NULL when there are several or none).
	 * Not in components[]. */
	struct psirt_sbom_component *root;
	struct psirt_sbom_component **components; /* document order */
	size_t n_components;
	struct psirt_sbom_dependency *deps;
	size_t n_deps;
	struct psirt_sbom_warning *warnings;
	size_t n_warnings;
	size_t warnings_dropped; /* beyond PSIRT_SBOM_MAX_WARNINGS */
	/* Private: the arena owning everything, refs → components, the
	 * dependency index (ref → entry, edges seen) and its key buffer. */
	struct psirt_arena arena;
	struct psirt_map refs;
	struct psirt_map dep_index;
	struct psirt_buf scratch;
};

/* Initialises the XML reader's library (libxml2) once. Optional for a
 * single-threaded program; a threaded one (the server) calls it from the
 * main thread before threads parse SBOMs, as libxml2 requires. */
void psirt_sbom_init(void);

/* "cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tag-value",
 * "spdx3-jsonld", "unknown"; never NULL. */
const char *psirt_sbom_format_name(enum psirt_sbom_format format);
/* The format with that name (also "cyclonedx" and "spdx" for the JSON
 * forms), or PSIRT_SBOM_FORMAT_UNKNOWN. */
enum psirt_sbom_format psirt_sbom_format_find(const char *name);
/* "library", "operating-system" …; "unknown" when out of range. */
const char *psirt_sbom_type_name(enum psirt_sbom_type type);
/* CycloneDX names ("SHA-256"); "unknown" when out of range. */
const char *psirt_sbom_hash_name(enum psirt_sbom_hash_alg alg);

/* Guesses the format from content (never from a file name): the top-level
 * keys of a JSON object (bomFormat / specVersion → CycloneDX, spdxVersion /
 * SPDXID → SPDX 2, @context / @graph → SPDX 3), the CycloneDX namespace of
 * an XML root, an SPDX tag at the start of a line. Reads at most len bytes,
 * allocates nothing. PSIRT_SBOM_FORMAT_UNKNOWN when none fits. A document
 * missing its bomFormat or spdxVersion is still recognised, so the parser
 * can say what is missing. */
enum psirt_sbom_format psirt_sbom_detect(const char *data, size_t len);

/* Parses an SBOM. format PSIRT_SBOM_FORMAT_UNKNOWN means psirt_sbom_detect().
 * name is used in messages (a file name; may be NULL). On success *out is an
 * owned document (free with psirt_sbom_free). On failure *out is NULL and
 * diag (may be NULL) names the file, the place (a JSON pointer in where, or
 * a line) and the problem.
 * Errors: PSIRT_EINVAL (syntax, a missing bomFormat / specVersion /
 * spdxVersion, a missing or ill-typed field psirt reads, an unknown
 * component type or hash algorithm, a duplicate bom-ref …),
 * PSIRT_EUNSUPPORTED (an unknown format or spec version), PSIRT_ETOOBIG (the
 * caps above), PSIRT_ENOMEM. Nothing is half-returned. */
enum psirt_err psirt_sbom_parse(const char *data, size_t len, const char *name,
                                enum psirt_sbom_format format, struct psirt_sbom_doc **out,
                                struct psirt_diag *diag);

/* Reads the file at path (at most PSIRT_SBOM_MAX_SIZE bytes, else
 * PSIRT_ETOOBIG) and parses it as psirt_sbom_parse does; PSIRT_EIO when it
 * cannot be read. */
enum psirt_err psirt_sbom_load(const char *path, enum psirt_sbom_format format,
                               struct psirt_sbom_doc **out, struct psirt_diag *diag);

/* Writes doc to out (appended; check psirt_buf_error too) as
 *   PSIRT_SBOM_CYCLONEDX_JSON   CycloneDX 1.6 JSON, valid against the official
 *                               schema; the root becomes metadata.component
 *   PSIRT_SBOM_SPDX_JSON        SPDX 2.3 JSON; the root is the package the
 *                               document DESCRIBES, and CONTAINS each
 *                               top-level component
 * Borrows doc. The output is deterministic: components are sorted by
 * (group, name, version, purl) at each level (SPDX: without group), ties in
 * document order, dependencies by ref;
 * missing or duplicate refs are replaced by generated ones; dependencies whose
 * ends are not components of the document are left out. Values a format
 * cannot hold are left out (SPDX has no group, properties or scope; hash
 * algorithms one format lacks). SPDX needs doc->created (PSIRT_EINVAL
 * without it); its namespace is doc->serial or, when NULL, a urn:uuid derived
 * from the content. Other formats: PSIRT_EUNSUPPORTED. */
enum psirt_err psirt_sbom_export(const struct psirt_sbom_doc *doc, enum psirt_sbom_format format,
                                 struct psirt_buf *out, struct psirt_diag *diag);

/* Building a document (the parsers use these too). */

/* Returns an empty owned document (free with psirt_sbom_free), or NULL when
 * out of memory. */
struct psirt_sbom_doc *psirt_sbom_new(void);
/* Frees doc and everything it owns; NULL is allowed. */
void psirt_sbom_free(struct psirt_sbom_doc *doc);

/* Copies len bytes of s into doc's arena with a NUL; NULL when out of memory
 * or when s is NULL. */
const char *psirt_sbom_strdup(struct psirt_sbom_doc *doc, const char *s, size_t len);

/* Appends a component (zeroed, type library, name "") under parent (a
 * component of doc; NULL or the root for the top level) and returns it, or
 * NULL: PSIRT_ENOMEM, or PSIRT_ETOOBIG beyond PSIRT_SBOM_MAX_COMPONENTS
 * components or PSIRT_SBOM_MAX_DEPTH levels (*err tells which; err may be
 * NULL). Strings assigned to its fields must outlive doc: arena copies from
 * psirt_sbom_strdup, or static text. */
struct psirt_sbom_component *psirt_sbom_component_add(struct psirt_sbom_doc *doc,
                                                      struct psirt_sbom_component *parent,
                                                      enum psirt_err *err);
/* Creates doc->root (replacing none: PSIRT_EINVAL when there is one already).
 * Returns it, or NULL when out of memory or one exists. */
struct psirt_sbom_component *psirt_sbom_root_add(struct psirt_sbom_doc *doc);

/* Sets c->ref and indexes it for psirt_sbom_find. PSIRT_EINVAL when another
 * component already has that ref (the first keeps it). */
enum psirt_err psirt_sbom_set_ref(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                  const char *ref, size_t len);
/* The component (or root) with that ref, or NULL. */
struct psirt_sbom_component *psirt_sbom_find(const struct psirt_sbom_doc *doc, const char *ref,
                                             size_t len);

/* Array appenders: copy their strings into the arena; PSIRT_OK or
 * PSIRT_ENOMEM. A CPE is checked and flagged when added. */
enum psirt_err psirt_sbom_cpe_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                  const char *cpe, size_t len);
enum psirt_err psirt_sbom_hash_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                   enum psirt_sbom_hash_alg alg, const char *hex, size_t len);
enum psirt_err psirt_sbom_license_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                      enum psirt_sbom_license_kind kind,
                                      enum psirt_sbom_license_ack ack, const char *value,
                                      size_t len);
/* value may be NULL. */
enum psirt_err psirt_sbom_property_add(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                       const char *name, const char *value);
/* vendor and version may be NULL. */
enum psirt_err psirt_sbom_tool_add(struct psirt_sbom_doc *doc, const char *vendor, const char *name,
                                   const char *version);
/* Records "ref depends on on" (merged into ref's entry, duplicates ignored). */
enum psirt_err psirt_sbom_dependency_add(struct psirt_sbom_doc *doc, const char *ref,
                                         const char *on);

/* Sets c->purl (copied) and checks it: a malformed purl is kept and flagged
 * PSIRT_SBOM_C_BAD_PURL. */
enum psirt_err psirt_sbom_set_purl(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                   const char *purl, size_t len);

/* Finishes a built component: sets PSIRT_SBOM_C_NO_IDENTITY and records the
 * identity warnings (no identity, bad purl, bad CPEs) with where/line as the
 * place. The parsers call it once per component. PSIRT_ENOMEM only. */
enum psirt_err psirt_sbom_component_check(struct psirt_sbom_doc *doc,
                                          struct psirt_sbom_component *c, const char *where,
                                          long line);

/* Records a warning (message formatted into the arena). Beyond
 * PSIRT_SBOM_MAX_WARNINGS it is only counted. PSIRT_ENOMEM only. */
enum psirt_err psirt_sbom_warn(struct psirt_sbom_doc *doc, enum psirt_sbom_warning_code code,
                               const struct psirt_sbom_component *c, const char *where, long line,
                               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
