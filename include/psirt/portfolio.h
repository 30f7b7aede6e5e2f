/* psirt — the portfolio: vendors, products, firmware versions and what is
 * inside each version (its components, from an imported or scanned SBOM).
 *
 * A product is what a PSIRT triages for: its safety class (SSVC's safety
 * impact scale, after IEC 61508: PSIRT-PROCESS.md §5.1), its weight in the
 * portfolio, its exposure, how it is updated, the hardware models it runs on
 * (each with a CPE, part h, for the matcher), its own firmware CPE (part o),
 * the engineering owner and the regulatory regimes that apply (free tags:
 * CRA, FDA, UN-R155 …). A product version is a firmware release: release
 * date, end of support, units in the field, and its components.
 *
 * Two layers, one header:
 *   psirt_portfolio_*   what front doors call: validates text input with
 *                       clear errors, runs each change in one transaction,
 *                       writes the audit log (src/portfolio/)
 *   psirt_store_*       the typed SQL underneath (src/store/portfolio.c);
 *                       they run inside the caller's transaction and do not
 *                       validate beyond what SQL enforces
 *
 * Audit (DESIGN.md "Storage"): every change a person makes to a product or
 * version is a row of the store's audit_log — entity "product" (entity id:
 * the product name) or "product_version" (entity id: "PRODUCT@VERSION"),
 * field, old → new, actor. Creating writes one row with comment "created"
 * and one per attribute given; an SBOM import writes field "sbom".
 *
 * Memory: read functions return one owned object holding an arena; every
 * string and array reachable from it lives there (free with the matching
 * _free function). Inputs are borrowed.
 */
#ifndef PSIRT_PORTFOLIO_H
#define PSIRT_PORTFOLIO_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/product_attr.h"
#include "psirt/sbom.h"
#include "psirt/store.h"

/* Caps on what a person types (PSIRT_ETOOBIG beyond them): names of
 * products, vendors, owners, versions, models and tags. Real model numbers
 * and version strings are under 64 bytes. */
#define PSIRT_PORTFOLIO_MAX_NAME 256
/* Hardware models and regimes per product. */
#define PSIRT_PORTFOLIO_MAX_LIST 1000
/* Units in the field: ten thousand billion is beyond any fleet. */
#define PSIRT_PORTFOLIO_MAX_UNITS 10000000000000ULL

/* The product attributes with a fixed vocabulary. Not set is -1 (the
 * *_UNSET enumerator) in each, as in psirt/product_attr.h, whose safety
 * class and exposure scales the portfolio stores. */
enum psirt_product_attr {
	PSIRT_ATTR_SAFETY,   /* enum psirt_safety_class */
	PSIRT_ATTR_WEIGHT,   /* enum psirt_business_weight */
	PSIRT_ATTR_EXPOSURE, /* enum psirt_exposure */
	PSIRT_ATTR_UPDATE,   /* enum psirt_update_mechanism */
	PSIRT_ATTR__MAX
};

/* The product's weight in the maker's portfolio. Not SSVC's value weight
 * (enum psirt_ssvc_weight, low..critical): findings triage maps flagship,
 * standard and legacy onto high, medium and low (docs/ssvc.md). */
enum psirt_business_weight {
	PSIRT_WEIGHT_UNSET = -1,
	PSIRT_WEIGHT_FLAGSHIP,
	PSIRT_WEIGHT_STANDARD,
	PSIRT_WEIGHT_LEGACY,
	PSIRT_WEIGHT__MAX
};

enum psirt_update_mechanism {
	PSIRT_UPDATE_UNSET = -1,
	PSIRT_UPDATE_OTA,
	PSIRT_UPDATE_USER,
	PSIRT_UPDATE_DEALER,
	PSIRT_UPDATE_NONE,
	PSIRT_UPDATE__MAX
};

/* "safety", "weight", "exposure", "update"; NULL out of range. */
const char *psirt_product_attr_name(enum psirt_product_attr attr);
/* The value's name ("critical", "local-network"); NULL for -1 (unset) and
 * out of range. */
const char *psirt_product_attr_value(enum psirt_product_attr attr, int value);
/* Parses a value name (exact, lower case) into *value (never unset). Errors:
 * PSIRT_EINVAL "unknown safety class 'x' (negligible, marginal, critical,
 * catastrophic)" — the message lists the allowed values. */
enum psirt_err psirt_product_attr_parse(enum psirt_product_attr attr, const char *text,
                                        int *value, struct psirt_diag *diag);
/* The allowed values joined by ", " (static text). */
const char *psirt_product_attr_values(enum psirt_product_attr attr);

struct psirt_hw_model {
	const char *model; /* the model number as the maker writes it */
	const char *cpe;   /* CPE 2.3 formatted string, part h; NULL without vendor */
};

/* A product as stored. */
struct psirt_product {
	long long id; /* 0 before it is stored */
	const char *name;
	const char *vendor; /* NULL: none */
	enum psirt_safety_class safety;
	enum psirt_business_weight weight;
	enum psirt_exposure exposure;
	enum psirt_update_mechanism update;
	const char *cpe;   /* the firmware's CPE (part o), NULL: none */
	const char *owner; /* engineering owner, NULL: none */
	struct psirt_hw_model *hardware; /* sorted by model (byte order) */
	size_t n_hardware;
	const char **regimes; /* sorted, unique */
	size_t n_regimes;
	/* read back only: */
	const char *created_at, *updated_at;
	size_t n_versions;
};

/* A change to a product, as text a person typed. NULL leaves a field as it
 * is; "" clears it (not for add, where "" is the same as NULL).
 *   safety, weight, exposure, update  a value of the attribute's vocabulary
 *   vendor, owner                     free text, no control characters
 *   cpe    the firmware's CPE: 2.3 formatted string or 2.2 URI, part o
 *          (stored as a 2.3 formatted string)
 *   add_hardware  "MODEL" or "MODEL=CPE" (CPE part h); without a CPE one is
 *          derived from the vendor: cpe:2.3:h:VENDOR:MODEL:-:*:*:*:*:*:*:*
 *          (lower case, spaces as '_'; version NA since a model number names
 *          every revision — NVD writes hardware the same way). Adding a
 *          model that is there replaces its CPE.
 *   remove_hardware  model numbers (PSIRT_ENOTFOUND when absent)
 *   add_regimes, remove_regimes  tags (removing an absent one: ENOTFOUND)
 * A changed vendor re-derives the CPEs of hardware models that had a
 * derived one. */
struct psirt_product_edit {
	const char *vendor, *safety, *weight, *exposure, *update, *cpe, *owner;
	const char *const *add_hardware;
	size_t n_add_hardware;
	const char *const *remove_hardware;
	size_t n_remove_hardware;
	const char *const *add_regimes;
	size_t n_add_regimes;
	const char *const *remove_regimes;
	size_t n_remove_regimes;
};

/* A firmware release as stored. */
struct psirt_product_version {
	long long id;
	const char *product;
	const char *version;
	const char *released; /* YYYY-MM-DD or NULL */
	const char *eos;      /* end of support, YYYY-MM-DD or NULL */
	long long units;      /* units in the field; -1: not known */
	size_t n_components;
	long long sbom_import; /* the current SBOM's import id; 0: none */
	const char *created_at, *updated_at;
};

/* A change to a version, as text: NULL unchanged, "" clears. released and
 * eos are calendar dates YYYY-MM-DD (eos not before released); units a
 * decimal count ≤ PSIRT_PORTFOLIO_MAX_UNITS. */
struct psirt_version_edit {
	const char *released, *eos, *units;
};

/* One SBOM stored into a version (the import history). */
struct psirt_sbom_import_record {
	long long id;
	const char *at;    /* canonical instant */
	const char *actor;
	const char *kind;  /* "import" or "scan" */
	const char *format; /* psirt_sbom_format_name() */
	const char *spec_version, *serial, *file_name, *sha256, *created;
	long long size;    /* bytes; -1 unknown */
	size_t components, warnings, replaced;
	int current;       /* the version's current component list */
};

struct psirt_portfolio_products {
	struct psirt_product *items; /* by name */
	size_t n;
	struct psirt_arena arena;
};

struct psirt_portfolio_versions {
	struct psirt_product_version *items; /* by release date, then version */
	size_t n;
	struct psirt_arena arena;
};

struct psirt_portfolio_imports {
	struct psirt_sbom_import_record *items; /* oldest first */
	size_t n;
	struct psirt_arena arena;
};

/* Who is making a change: $PSIRT_USER when set and not empty, else the login
 * name, else "uid N". Returns owned memory (free with free()), NULL when out
 * of memory. */
char *psirt_portfolio_actor(void);

/* The CPE of one firmware release: the product's firmware CPE product_cpe
 * (2.3 formatted string or 2.2 URI, part o, as stored) with its version
 * attribute set to version when the stored one is ANY ("*": the usual
 * entry, one CPE for every release), as a 2.3 formatted string. The version
 * is set through the CPE binding (psirt_cpe_set_string), so characters a
 * formatted string quotes are quoted ("1:2.3" → 1\:2.3); white space runs
 * become '_' first (the CPE dictionary's convention: "2.1.4 build 7" →
 * 2.1.4_build_7). What the matcher and SBOM export both use: a record "firmware
 * < 2.2.0" must reach release 2.1.4, and the product's root component names
 * it. Returns product_cpe itself (borrowed) when its version is not ANY,
 * when it does not parse, or when version cannot be a CPE value (empty,
 * "-", non-ASCII or control bytes): the stored CPE, as before; NULL only
 * when product_cpe is NULL or out of memory. Else the text is in arena. */
const char *psirt_portfolio_firmware_cpe(struct psirt_arena *arena, const char *product_cpe,
                                         const char *version);

/* Products ---------------------------------------------------------------*/

/* Adds a product named name (1..PSIRT_PORTFOLIO_MAX_NAME bytes, no control
 * characters, no leading '-' or white space at either end) with the
 * attributes of edit (may be NULL; its remove_* lists must be empty). The
 * vendor is created when new. actor is required. One transaction, audit
 * rows included. Errors: EINVAL (a bad name or value; the message says
 * which and lists allowed values), ETOOBIG, EINVAL "product 'x' exists",
 * ESTORE. */
enum psirt_err psirt_portfolio_product_add(struct psirt_store *store, const char *name,
                                           const struct psirt_product_edit *edit,
                                           const char *actor, struct psirt_diag *diag);
/* Applies edit to the product. Fields whose value does not change write no
 * audit row; *changed (may be NULL) receives the number of audit rows.
 * Errors: ENOTFOUND "no product 'x'", as product_add. */
enum psirt_err psirt_portfolio_product_set(struct psirt_store *store, const char *name,
                                           const struct psirt_product_edit *edit,
                                           const char *actor, size_t *changed,
                                           struct psirt_diag *diag);
/* Every product (name NULL) or one (ENOTFOUND when absent), as owned memory:
 * free with psirt_portfolio_products_free. */
enum psirt_err psirt_portfolio_products(struct psirt_store *store, const char *name,
                                        struct psirt_portfolio_products **out,
                                        struct psirt_diag *diag);
void psirt_portfolio_products_free(struct psirt_portfolio_products *p);

/* Versions ---------------------------------------------------------------*/

/* Adds version (same rules as a product name) to product. Errors:
 * ENOTFOUND (no product), EINVAL (exists; bad dates or units), ESTORE. */
enum psirt_err psirt_portfolio_version_add(struct psirt_store *store, const char *product,
                                           const char *version,
                                           const struct psirt_version_edit *edit,
                                           const char *actor, struct psirt_diag *diag);
enum psirt_err psirt_portfolio_version_set(struct psirt_store *store, const char *product,
                                           const char *version,
                                           const struct psirt_version_edit *edit,
                                           const char *actor, size_t *changed,
                                           struct psirt_diag *diag);
/* The versions of product (version NULL: all; else that one, ENOTFOUND when
 * absent), owned: free with psirt_portfolio_versions_free. */
enum psirt_err psirt_portfolio_versions(struct psirt_store *store, const char *product,
                                        const char *version,
                                        struct psirt_portfolio_versions **out,
                                        struct psirt_diag *diag);
void psirt_portfolio_versions_free(struct psirt_portfolio_versions *v);

/* The SBOM import history of a version, owned: free with
 * psirt_portfolio_imports_free. */
enum psirt_err psirt_portfolio_imports(struct psirt_store *store, const char *product,
                                       const char *version,
                                       struct psirt_portfolio_imports **out,
                                       struct psirt_diag *diag);
void psirt_portfolio_imports_free(struct psirt_portfolio_imports *h);

/* The audit rows of a product and of its versions, oldest first. */
struct psirt_portfolio_history {
	struct psirt_audit_entry *items;
	size_t n;
	struct psirt_arena arena;
};
/* Owned: free with psirt_portfolio_history_free. ENOTFOUND when there is
 * no such product. */
enum psirt_err psirt_portfolio_history(struct psirt_store *store, const char *product,
                                       struct psirt_portfolio_history **out,
                                       struct psirt_diag *diag);
void psirt_portfolio_history_free(struct psirt_portfolio_history *h);

/* SBOMs ------------------------------------------------------------------*/

/* Where an SBOM came from, for the import history. All may be NULL but
 * actor. */
struct psirt_sbom_source {
	const char *actor;     /* required: who imports */
	const char *kind;      /* "import" (NULL) or "scan" */
	const char *file_name; /* as the person named it */
	const char *sha256;    /* of the file's bytes, lower-case hex */
	long long size;        /* bytes; 0 and below: unknown */
};

struct psirt_sbom_import_result {
	long long import_id;
	size_t components;    /* stored */
	size_t replaced;      /* the version's components before */
	size_t no_identity;   /* without purl or CPE: kept, the matcher can only guess */
	size_t bad_purl;      /* malformed purl: kept, flagged, not matched */
	size_t bad_cpe;       /* with a malformed CPE: kept, flagged */
	int version_created;  /* the version did not exist and was added */
};

/* Replaces the components of product's version with doc's (borrowed) in
 * ONE transaction (opened here: no transaction may be open), and records
 * the import (format, spec version, serial, file name, sha256, when, who,
 * counts) in the version's history; the history is kept across imports.
 * The version is added when it does not exist (audit "created"). Components
 * without identity and with malformed identities are kept, with their
 * flags; doc->warnings lists them for the caller. On any error nothing is
 * changed. Errors: ENOTFOUND (no product), EINVAL (a component without a
 * name, a bad version name), ESTORE. result may be NULL. */
enum psirt_err psirt_portfolio_sbom_import(struct psirt_store *store, const char *product,
                                           const char *version,
                                           const struct psirt_sbom_doc *doc,
                                           const struct psirt_sbom_source *source,
                                           struct psirt_sbom_import_result *result,
                                           struct psirt_diag *diag);

/* The version as an SBOM document (owned: psirt_sbom_free): the product as
 * the root component (type firmware, name and version, the vendor as
 * supplier, the firmware CPE with this version filled in when its version
 * is ANY, hardware models and regimes as psirt: properties), the stored
 * components with their nesting, and the dependencies. created is the
 * store's clock; serial a urn:uuid derived from product, version, current
 * import and time, so the same export twice is the same document. Errors:
 * ENOTFOUND, ESTORE, ENOMEM. */
enum psirt_err psirt_portfolio_sbom_doc(struct psirt_store *store, const char *product,
                                        const char *version, struct psirt_sbom_doc **out,
                                        struct psirt_diag *diag);
/* psirt_portfolio_sbom_doc() written with psirt_sbom_export() (format
 * PSIRT_SBOM_CYCLONEDX_JSON or PSIRT_SBOM_SPDX_JSON) and appended to out. */
enum psirt_err psirt_portfolio_sbom_export(struct psirt_store *store, const char *product,
                                           const char *version, enum psirt_sbom_format format,
                                           struct psirt_buf *out, struct psirt_diag *diag);

/* Release diff ----------------------------------------------------------*/

enum psirt_sbom_change {
	PSIRT_SBOM_ADDED,   /* in the new version only */
	PSIRT_SBOM_REMOVED, /* in the old version only */
	PSIRT_SBOM_CHANGED, /* in both, another version */
};

struct psirt_sbom_diff_entry {
	enum psirt_sbom_change change;
	const char *key;          /* what pairs components: "pkg:TYPE/NS/NAME" from
	                           * the purl, else "name:GROUP/NAME" */
	const char *name;
	const char *group;        /* may be NULL */
	const char *old_version;  /* NULL for ADDED (or a component without one) */
	const char *new_version;  /* NULL for REMOVED */
	const char *old_purl, *new_purl;
};

struct psirt_sbom_diff {
	const char *product, *old_version, *new_version;
	struct psirt_sbom_diff_entry *entries; /* by key, then change */
	size_t n;
	size_t added, removed, changed, unchanged;
	struct psirt_arena arena;
};

/* Compares the components of two versions of product. Components pair by
 * key (above); among those with one key, equal versions pair first (they
 * are unchanged), the rest pair in document order (changed), what is left is
 * added or removed. Owned result: free with psirt_sbom_diff_free. Errors:
 * ENOTFOUND, ESTORE, ENOMEM. */
enum psirt_err psirt_portfolio_sbom_diff(struct psirt_store *store, const char *product,
                                         const char *old_version, const char *new_version,
                                         struct psirt_sbom_diff **out, struct psirt_diag *diag);
/* The same for two documents (borrowed: the entries' strings but key point
 * into them, so keep both until the diff is freed; product and the
 * version fields of the result are NULL). */
enum psirt_err psirt_sbom_diff_docs(const struct psirt_sbom_doc *old_doc,
                                    const struct psirt_sbom_doc *new_doc,
                                    struct psirt_sbom_diff **out, struct psirt_diag *diag);
void psirt_sbom_diff_free(struct psirt_sbom_diff *d);
/* "added", "removed", "changed". */
const char *psirt_sbom_change_name(enum psirt_sbom_change c);

/* Store layer (src/store/portfolio.c) ------------------------------------
 * Typed SQL for the functions above. Each runs inside the caller's
 * transaction (psirt_store_begin), validates nothing the library validates,
 * and allocates what it returns from the caller's arena. */

/* Reads the product named name into *out (strings in arena). ENOTFOUND. */
enum psirt_err psirt_store_product_get(struct psirt_store *store, const char *name,
                                       struct psirt_arena *arena, struct psirt_product *out,
                                       struct psirt_diag *diag);
/* Every product by name: *items from arena. */
enum psirt_err psirt_store_product_list(struct psirt_store *store, struct psirt_arena *arena,
                                        struct psirt_product **items, size_t *n,
                                        struct psirt_diag *diag);
/* Writes p (old NULL: a new product; else the stored state p replaces, as
 * read by psirt_store_product_get) and one audit row per difference.
 * *changed (may be NULL) receives the number of audit rows. */
enum psirt_err psirt_store_product_save(struct psirt_store *store,
                                        const struct psirt_product *old,
                                        const struct psirt_product *p, const char *actor,
                                        size_t *changed, struct psirt_diag *diag);

enum psirt_err psirt_store_version_get(struct psirt_store *store, const char *product,
                                       const char *version, struct psirt_arena *arena,
                                       struct psirt_product_version *out,
                                       struct psirt_diag *diag);
enum psirt_err psirt_store_version_list(struct psirt_store *store, const char *product,
                                        struct psirt_arena *arena,
                                        struct psirt_product_version **items, size_t *n,
                                        struct psirt_diag *diag);
/* As psirt_store_product_save, for a version of product_id. A new version
 * gets its id in *id_out (may be NULL). comment goes on the audit rows. */
enum psirt_err psirt_store_version_save(struct psirt_store *store, long long product_id,
                                        const struct psirt_product_version *old,
                                        const struct psirt_product_version *v,
                                        const char *actor, const char *comment,
                                        long long *id_out, size_t *changed,
                                        struct psirt_diag *diag);

/* Replaces the components and dependencies of version v (as read back) with
 * doc's, records the import and its audit row, and points the version at
 * it. Fills result's import_id, components, replaced. */
enum psirt_err psirt_store_sbom_replace(struct psirt_store *store,
                                        const struct psirt_product_version *v,
                                        const struct psirt_sbom_doc *doc,
                                        const struct psirt_sbom_source *source,
                                        struct psirt_sbom_import_result *result,
                                        struct psirt_diag *diag);
/* Adds the stored components and dependencies of version_id to doc (built
 * by the caller; empty but for its root, if any). A root without a ref gets
 * the ref the current SBOM gave its root, so that the root's dependencies
 * still name it. */
enum psirt_err psirt_store_sbom_read(struct psirt_store *store, long long version_id,
                                     struct psirt_sbom_doc *doc, struct psirt_diag *diag);
/* The audit rows of entity "product" with id product and of entity
 * "product_version" with ids "PRODUCT@…", oldest first. */
enum psirt_err psirt_store_product_history(struct psirt_store *store, const char *product,
                                           struct psirt_arena *arena,
                                           struct psirt_audit_entry **items, size_t *n,
                                           struct psirt_diag *diag);
/* The import history of version_id, oldest first. */
enum psirt_err psirt_store_sbom_history(struct psirt_store *store, long long version_id,
                                        struct psirt_arena *arena,
                                        struct psirt_sbom_import_record **items, size_t *n,
                                        struct psirt_diag *diag);

/* JSON shapes ------------------------------------------------------------
 * The portfolio objects as JSON, one shape for the CLI's --json output and
 * the API's answers (src/portfolio/json.c). Each returns a new reference
 * (json_decref), NULL when out of memory; the object is borrowed. Strings
 * that are not UTF-8 (an SPDX tag-value file may hold Latin-1) come out
 * with each byte >= 0x80 as \xNN text, not as a failure. */

/* s as a JSON string (\xNN text where it is not UTF-8), null when s is
 * NULL. */
struct json_t *psirt_json_str(const char *s);
/* A product; full adds its "hardware" (model, cpe) and "regimes" arrays
 * (the API's list leaves them out). */
struct json_t *psirt_product_json(const struct psirt_product *p, int full);
struct json_t *psirt_product_version_json(const struct psirt_product_version *v);
struct json_t *psirt_sbom_import_json(const struct psirt_sbom_import_record *h);
/* A component; the firmware scanner's "psirt:fwscan:evidence" properties
 * (psirt/fwscan.h) are its "evidence" array, not in "properties". */
struct json_t *psirt_component_json(const struct psirt_sbom_component *c);

#endif
