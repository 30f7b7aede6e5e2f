/* psirt — the matching engine: which vulnerabilities reach a component or a
 * product, and why.
 *
 * An index is built from the store in one read pass (psirt_match_index_load)
 * and answers any number of questions afterwards without the store; it is
 * read-only then, so threads may share it. It holds:
 *   - every CPE match criterion of every record that is not withdrawn (NVD
 *     configurations; JVN's CPE 2.2 names, read by the same CPE module), keyed
 *     by part:vendor:product (formatted-string spelling, lower case — the
 *     store's part/vendor/product columns joined by ':'); criteria whose
 *     part, vendor or product hold a wildcard sit in a short side list keyed
 *     by vendor, or, without a vendor, in one list tried for every name.
 *     Versions are pre-encoded once as generic-scheme sort keys
 *     (psirt_version_sort_key): the exact version, versionStart/End
 *     Including/Excluding;
 *   - the configuration trees: configuration (AND/OR, negate) → nodes (AND/OR,
 *     negate) → criteria (vulnerable or platform);
 *   - every OSV-style package statement of those records, keyed by
 *     ecosystem+name and by purl type/namespace/name, GIT ranges also by
 *     repository URL; its ranges' versions checked once by the ecosystem's
 *     scheme;
 *   - each record's source, id and vulnerability name; and the problems met:
 *     a criterion or range that cannot be used (no CPE name, a version its
 *     scheme cannot read, an ecosystem without a scheme) is reported once
 *     (record, field, value) and left out, never matched by accident.
 *
 * Matching rules (the details, and where psirt departs from other tools, are
 * in the head comments of src/match/cpe.c and src/match/osv.c):
 *   - A subject (component) matches by every identity it has: its purl
 *     (against package statements), each CPE (against criteria), and — only
 *     when it has neither — a guess from name+version: a table of common
 *     embedded components (busybox → busybox:busybox, dnsmasq →
 *     thekelleys:dnsmasq, …) or else criteria whose product is the name;
 *     a guess is low confidence.
 *   - A criterion matches a CPE when, per NISTIR 7696, it is a superset of it
 *     in every attribute but the version, and the version satisfies the
 *     criterion: its exact version (equal in the generic scheme), `*` (any)
 *     and the versionStart/End bounds, compared with the generic scheme —
 *     or, for a criterion whose target_sw names a packaging world with a
 *     scheme (node.js → semver, python → pypi, rust → semver), with that
 *     scheme when the version and the bounds are valid in it. A criterion
 *     version `-` (NA) matches a CPE version `-` with high confidence and
 *     any other version with medium confidence (sources write `-` for "no
 *     version given"). A CPE whose update is `*` names the release itself
 *     (NVD's `-`), not one of its candidates (rc3). Where the criterion is
 *     narrower than the CPE in another attribute (it names a sw_edition,
 *     target_sw … that the CPE leaves `*`), the match is medium confidence.
 *   - NVD configurations are evaluated with full semantics against the whole
 *     set of identities at hand: for psirt_match_product every identity of
 *     every subject plus the product's hardware CPEs (part h) and firmware
 *     CPE (part o); for psirt_match_component the subject's identities plus
 *     its hardware and firmware. Nodes combine their criteria by AND/OR,
 *     configurations their nodes, `negate` inverts. A finding comes from a
 *     vulnerable criterion that an identity satisfies inside a node that
 *     holds (and is not negated) of a configuration that holds (and is not
 *     negated): "firmware X on hardware Y" is found only when a hardware CPE
 *     satisfies the platform node, and a CVE filed against the maker's own
 *     device is found through the firmware CPE with no component at all.
 *   - Package statements: SEMVER and ECOSYSTEM ranges (OSV "Evaluation")
 *     and the `versions` list, with the ecosystem's scheme; GIT ranges only
 *     when the subject carries a commit (and a repository to find them by).
 *     A statement whose ecosystem has no scheme (OSS-Fuzz) lists its
 *     repository's tags: a pkg:generic purl reaches it by its package name
 *     or its GIT repository's last path segment, and matches when its
 *     version equals a normalised tag ("v2.90", "curl-7_88_1" → 7.88.1),
 *     with medium confidence (src/match/osv.c, "Tag lists").
 *
 * Output is deterministic: the same index and subjects give the same
 * findings in the same order, whatever the order of rows in the store.
 */
#ifndef PSIRT_MATCH_H
#define PSIRT_MATCH_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/store.h"
#include "psirt/vuln.h"

struct psirt_match_index;

/* Builds the index from every record of the store (psirt_store_scan: one
 * read transaction). On success *out is owned: free with
 * psirt_match_index_free(). Unusable criteria and ranges are not errors:
 * they are listed by psirt_match_index_problems(). Errors: ESTORE, ENOMEM. */
enum psirt_err psirt_match_index_load(struct psirt_store *store, struct psirt_match_index **out,
                                      struct psirt_diag *diag);
/* The same index as psirt_match_index_load, which steps the store on a
 * second thread (psirt_store_scan_piped), built on this thread alone. */
enum psirt_err psirt_match_index_load_direct(struct psirt_store *store,
                                             struct psirt_match_index **out,
                                             struct psirt_diag *diag);
/* As psirt_match_index_load, but only the records of the vulnerabilities in
 * the store connection's match scope (psirt_store_match_changed_vulns fills
 * it; psirt_store_scan_scope): what an incremental run matches after a feed
 * delta. */
enum psirt_err psirt_match_index_load_scope(struct psirt_store *store,
                                            struct psirt_match_index **out,
                                            struct psirt_diag *diag);
void psirt_match_index_free(struct psirt_match_index *idx);


struct psirt_match_index_stats {
	size_t records;    /* records indexed (not withdrawn) */
	size_t withdrawn;  /* records left out as withdrawn or rejected */
	size_t configs, nodes, criteria;
	size_t keys;       /* distinct part:vendor:product */
	size_t packages, ranges;
	size_t problems;   /* criteria and ranges left out */
	size_t bytes;      /* memory the index holds */
};
void psirt_match_index_stats(const struct psirt_match_index *idx,
                             struct psirt_match_index_stats *out);

/* A criterion or range the index left out, and why. */
struct psirt_match_problem {
	const char *record;  /* source record id: "CVE-2024-0001" */
	const char *field;   /* "configurations[0].nodes[1].cpeMatch[2].versionEndExcluding",
	                        "affected[0].ranges[0].events[1].fixed" */
	const char *value;   /* the value as stored */
	const char *message; /* what is wrong with it */
};
/* The problems met while loading, in store order; borrowed from the index. */
size_t psirt_match_index_problems(const struct psirt_match_index *idx,
                                  const struct psirt_match_problem **out);

/* A component's identities. Every pointer is borrowed for the call; NULL or
 * 0 means absent. */
struct psirt_match_subject {
	const char *ref;              /* the caller's name for it, echoed in findings */
	const char *purl;             /* "pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12" */
	const char *const *cpes;      /* CPE names in any spelling psirt/cpe.h reads */
	size_t ncpes;
	const char *name, *version;   /* used only without purl and CPEs: a low-confidence guess */
	const char *commit;           /* VCS commit it was built from (OSV GIT ranges) */
	const char *repo;             /* its repository URL; else taken from the purl (a vcs_url
	                                 qualifier, or the github/gitlab/bitbucket types) */
	/* The product context, for psirt_match_component only: */
	const char *const *hardware;  /* the product's hardware CPEs (part h) */
	size_t nhardware;
	const char *firmware;         /* the product's own firmware CPE (part o) */
};

/* Lookup keys: the places in an index where a criterion or package
 * statement can sit, as 64-bit hashes of their texts — a CPE's
 * part:vendor:product, its vendor (the criteria with a wildcard product), a
 * name guess's product name, a purl's package, its OSV ecosystem+name, a
 * repository (a repository purl's, or the subject's own with its commit), a
 * generic purl's name (OSV tag lists). A subject (or a product's hardware or
 * firmware CPE) can reach a criterion or package statement of any index only
 * through one of the
 * keys psirt_match_subject_keys gives for it, and an index holds a criterion
 * or statement only under a key psirt_match_index_keys gives — except the
 * criteria without a literal vendor, which every CPE identity reaches (the
 * index's "wild" list; psirt_match_index_keys returns 1 when it has any).
 * So a subject with no key in common with an index has no finding in it,
 * and the identities that can satisfy any criterion of a record all share
 * a key with the record: the incremental run's completeness argument
 * (src/findings/findings.c). A hash collision only adds a candidate. */
typedef void psirt_match_key_fn(void *ctx, unsigned long long key);
/* Calls fn for every key of idx; returns 1 when idx has wild criteria. */
int psirt_match_index_keys(const struct psirt_match_index *idx, psirt_match_key_fn *fn, void *ctx);
/* Calls fn for every key of subject s (purl, cpes, and — only without both —
 * the name guess) as psirt_match_product would look it up; a purl or CPE
 * that does not parse gives no key (the match refuses it). ENOMEM. */
enum psirt_err psirt_match_subject_keys(const struct psirt_match_subject *s,
                                        psirt_match_key_fn *fn, void *ctx);
/* The keys of one CPE identity (a product's hardware or firmware CPE). */
enum psirt_err psirt_match_cpe_keys(const char *cpe, psirt_match_key_fn *fn, void *ctx);

enum psirt_match_confidence {
	PSIRT_MATCH_LOW = 1,    /* a guess from name+version, or a vendor-wide criterion */
	PSIRT_MATCH_MEDIUM = 2, /* the source says less than the identity needs (see above) */
	PSIRT_MATCH_HIGH = 3,   /* the purl's package or the CPE name, and the version, match */
};
/* "low", "medium", "high" ("?" out of range). */
const char *psirt_match_confidence_name(enum psirt_match_confidence c);

enum psirt_match_via {
	PSIRT_MATCH_VIA_PURL,
	PSIRT_MATCH_VIA_CPE,
	PSIRT_MATCH_VIA_NAME,     /* the name+version guess */
	PSIRT_MATCH_VIA_HARDWARE, /* the product's hardware CPE */
	PSIRT_MATCH_VIA_FIRMWARE, /* the product's firmware CPE */
	PSIRT_MATCH_VIA__MAX
};
/* "purl", "cpe", "name", "hardware", "firmware" ("?" out of range). */
const char *psirt_match_via_name(enum psirt_match_via via);

/* Why one identity matched: a CPE criterion or a package statement. */
struct psirt_match_evidence {
	enum psirt_match_via via;
	const char *identity; /* as the subject gave it; "busybox 1.36.1" for a guess */
	enum psirt_match_confidence confidence;
	const char *why;      /* one line: "1.1.1s in [1.1.1, 1.1.1t)", "listed in versions" */
	/* a CPE criterion (criteria != NULL) */
	const char *criteria;          /* as the source wrote it */
	const char *match_criteria_id; /* NVD matchCriteriaId, or NULL */
	const char *guess;             /* the CPE name a name guess tried, or NULL */
	int config, node, match;       /* its place in the record, from 0 */
	/* the platform criteria (vulnerable: false) that held in the other nodes
	 * of an AND configuration, with the identities that satisfied them:
	 * "cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:* by hardware
	 * cpe:2.3:h:tp-link:archer_ax21:-:*:*:*:*:*:*:*"; NULL when none */
	const char *platform;
	/* a package statement (ecosystem != NULL) */
	const char *ecosystem, *package, *purl; /* as the source wrote them */
	const char *range_type;  /* "SEMVER", "ECOSYSTEM", "GIT"; NULL: the versions list */
	const char *events;      /* "introduced 0, fixed 1.2.3" */
	int package_seq, range_seq;
};

/* subject of a finding that only the product's hardware or firmware CPE
 * reached */
#define PSIRT_MATCH_PRODUCT ((size_t)-1)

/* One source record reaching one subject (or the product itself). */
struct psirt_match_finding {
	const char *vuln;   /* the vulnerability's name (its CVE id when it has one) */
	const char *record; /* the source record's id */
	enum psirt_vuln_source source;
	size_t subject;     /* index into the subjects, or PSIRT_MATCH_PRODUCT */
	const char *ref;    /* that subject's ref, or NULL */
	enum psirt_match_confidence confidence; /* the best of the evidence */
	const struct psirt_match_evidence *evidence; /* at least one */
	size_t nevidence;
};

/* Caller-owned results: initialise with PSIRT_MATCH_RESULTS_INIT or
 * psirt_match_results_init(); each match call replaces the content; release
 * with psirt_match_results_release(). Findings are sorted by vulnerability
 * name, record id, source, subject (PSIRT_MATCH_PRODUCT last); evidence by
 * via, the order the identities were given, then place in the record.
 * Strings point into the results or into the index: valid until both are
 * released. */
struct psirt_match_results {
	struct psirt_match_finding *findings;
	size_t n;
	struct psirt_arena arena; /* owns findings and their strings */
};
#define PSIRT_MATCH_RESULTS_INIT { NULL, 0, { NULL, 0, 0 } }
void psirt_match_results_init(struct psirt_match_results *r);
void psirt_match_results_release(struct psirt_match_results *r);

/* Most identities one call takes (PSIRT_ETOOBIG above): a 100,000-component
 * product with a few CPEs each. */
#define PSIRT_MATCH_MAX_IDENTITIES 1000000

/* Matches one subject, with its product context (hardware, firmware) as the
 * rest of the product. Findings reached only through the hardware or the
 * firmware have subject PSIRT_MATCH_PRODUCT. Errors: EINVAL for a purl or
 * CPE that does not parse (diag's where names it: "cpes[1]"), ETOOBIG,
 * ENOMEM; results are then empty. */
enum psirt_err psirt_match_component(const struct psirt_match_index *idx,
                                     const struct psirt_match_subject *s,
                                     struct psirt_match_results *results,
                                     struct psirt_diag *diag);

/* Matches every subject of one product version at once: configurations are
 * evaluated against all identities together, with the product's hardware
 * CPEs and firmware CPE (each may be absent); the subjects' own hardware and
 * firmware fields are not read. Errors as psirt_match_component, where
 * naming the subject ("subjects[12].purl"). */
enum psirt_err psirt_match_product(const struct psirt_match_index *idx,
                                   const struct psirt_match_subject *subjects, size_t n,
                                   const char *const *hardware, size_t nhardware,
                                   const char *firmware, struct psirt_match_results *results,
                                   struct psirt_diag *diag);

#endif
