/* psirt — findings: which vulnerability reaches which component of which
 * product version, what the PSIRT decided about it, and how urgent it is.
 *
 * A finding is one (product version, component, vulnerability): the
 * component is keyed "NAME@VERSION" ("" for the product itself, reached
 * through its hardware or firmware CPE), so an upgraded component is a new
 * key and the old finding no longer matches. Findings are never deleted: a
 * run of psirt_findings_match closes an open finding it no longer finds as
 * `fixed` (the component changed, or the source corrected its range) or
 * `withdrawn` (every record of the vulnerability is withdrawn/rejected), and
 * reopens one it finds again (`in_triage`). first_seen is when a run first
 * found it; last_seen when a run last wrote it: created or reopened it, or
 * found it with another record, evidence, confidence or component identity.
 * A run writes nothing for a finding it finds again unchanged (a 2 M-finding
 * portfolio would otherwise rewrite every row on every run): an open
 * finding is one the latest run that looked at it still finds. An analyst's `not_affected` and
 * `false_positive` stand and are not closed. Every state change, automatic
 * or not, is an audit_log row (entity "finding", entity id the finding id).
 *
 * Triage (psirt_findings_triage) computes for each open finding the SSVC
 * inputs (derived from KEV, EPSS, CVSS and the product's attributes, each
 * with its origin), the supplier tree's outcome and the policy's decision
 * (priority, deadline = first seen + days, response class, one-line
 * reason), and stores them on the finding; a changed priority is audited
 * with the reason. The policy is the one last stored with
 * psirt_findings_policy_set, else data/policy/default.policy's text
 * (compiled in).
 *
 * Memory: list functions return one owned object with an arena; inputs are
 * borrowed. Errors: enum psirt_err with details in diag.
 */
#ifndef PSIRT_FINDINGS_H
#define PSIRT_FINDINGS_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/store.h"

enum psirt_finding_state {
	PSIRT_FINDING_IN_TRIAGE,
	PSIRT_FINDING_AFFECTED,
	PSIRT_FINDING_NOT_AFFECTED,
	PSIRT_FINDING_FIXED,
	PSIRT_FINDING_FALSE_POSITIVE,
	PSIRT_FINDING_WITHDRAWN,
	PSIRT_FINDING__STATES
};

/* "in_triage", "affected", "not_affected", "fixed", "false_positive",
 * "withdrawn"; "?" out of range. parse: the value, or -1. */
const char *psirt_finding_state_name(enum psirt_finding_state s);
int psirt_finding_state_parse(const char *s);
/* Is s one of the five CycloneDX/CSAF VEX justifications
 * (component_not_present, vulnerable_code_not_present,
 * vulnerable_code_not_in_execute_path,
 * vulnerable_code_cannot_be_controlled_by_adversary,
 * inline_mitigations_already_exist)? 1 or 0. */
int psirt_finding_justification_valid(const char *s);

/* What psirt_findings_match does. product NULL: every product; version
 * needs product. all: match every selected version against every
 * vulnerability; else only what changed since the last run: versions whose
 * SBOM or product changed (or that were never matched) fully, the others
 * only against the vulnerabilities whose records changed (when product is
 * NULL) — and of those only the components that can reach a changed record
 * (their lookup keys, stored at the last full match, meet the records'), and
 * the versions with an open finding of a changed vulnerability. The result
 * is the one a full re-match gives (tests/findings/test_incremental.c). */
struct psirt_match_problem; /* psirt/match.h */
/* Called once per unusable criterion or range (record, field) of the
 * records the run loaded (psirt/match.h, psirt_match_index_problems): every
 * record's when a version is matched fully (--all, --product, a changed
 * SBOM), else only the changed records' — an unchanged record's problem is
 * not seen again until a full run. p and its strings are borrowed for the
 * call. Such entries are skipped by the matcher, never matched. */
typedef void psirt_findings_problem_fn(void *ctx, const struct psirt_match_problem *p);

enum psirt_findings_phase {
	PSIRT_FINDINGS_PHASE_INDEX,
	PSIRT_FINDINGS_PHASE_MATCH,
	PSIRT_FINDINGS_PHASE_NOTE,
	PSIRT_FINDINGS_PHASE_TRIAGE,
	PSIRT_FINDINGS_PHASE_REINDEX,
	PSIRT_FINDINGS_PHASE_COMMIT,
	PSIRT_FINDINGS__PHASES
};

/* Where a run is: its phase, the versions it has written of those it
 * matches (the match phase), the new findings so far, seconds since it
 * began. last: the run is over (the caller clears what it drew). */
struct psirt_findings_progress {
	enum psirt_findings_phase phase;
	size_t versions_done, versions;
	size_t created;
	double seconds;
	int last;
};
/* Called at each phase's start (reindex only in a bulk run), every
 * PSIRT_FINDINGS_PROGRESS_MS while versions are written, and once with last
 * set, after the commit or the failure. */
typedef void psirt_findings_progress_fn(void *ctx, const struct psirt_findings_progress *p);
#define PSIRT_FINDINGS_PROGRESS_MS 500

struct psirt_findings_match_opts {
	const char *product, *version;
	int all;
	const char *actor; /* required: the audit rows' actor */
	/* writing with the secondary indexes and insert triggers of finding
	 * dropped and put back before the commit, the new findings audited at
	 * once (psirt_store_findings_bulk_begin): 0 when at least
	 * BULK_MIN versions are matched for the first time and they are at
	 * least a quarter of the portfolio's matched versions with them (the
	 * rebuild reads every finding: most must be the run's), 1 always, -1
	 * never */
	int bulk;
	psirt_findings_progress_fn *progress; /* NULL: none */
	void *progress_ctx;
	/* a full index (psirt_match_index_load) the caller keeps, loaded at
	 * the records' generation index_generation
	 * (psirt_store_records_generation): full matches use it when that is
	 * still the generation inside the run's transaction, else load one;
	 * NULL: loaded here when needed */
	const struct psirt_match_index *index;
	unsigned long long index_generation;
};


struct psirt_findings_match_stats {
	long long run;          /* the match run's id; 0 when nothing was to do */
	size_t versions;        /* versions matched (fully, or against changed vulns) */
	size_t changed_vulns;   /* vulnerabilities whose records changed */
	size_t created, reopened;
	size_t seen;            /* found again (the changed vulnerabilities' only, for
	                           a version matched against them) */
	size_t fixed, withdrawn;
	size_t unchanged;       /* versions matched fully whose findings were found as
	                           their last full match left them (the same found
	                           digest): none of theirs read or written */
	size_t triaged;         /* open findings whose decision changed */
	size_t problems;        /* unusable criteria and ranges met (as reported) */
	/* where the run's time went, in seconds (wall clock): see
	 * psirt_findings_phase_name */
	double seconds[PSIRT_FINDINGS__PHASES];
	int bulk;               /* written with the indexes dropped, then rebuilt */
	int triage_apart;       /* a bulk run's triage inputs read on a second
	                           connection while the index loaded (0: on the
	                           run's own, after it; or none read) */
};

/* "index" (loading the matcher's index, finding the candidates), "match"
 * (matching and writing the findings), "note" (noting the records), "triage",
 * "reindex" (building the indexes a bulk run dropped), "commit"; "?" out of
 * range. */
const char *psirt_findings_phase_name(enum psirt_findings_phase p);

/* Matches and writes findings in one transaction (opened here), then
 * triages the open findings. Deterministic: same store, same result.
 * Commits with psirt_store_commit_deferred: the caller runs
 * psirt_store_checkpoint once the answer is out (or leaves it to SQLite).
 * A bulk run with first matches opens a second, read-only connection to the
 * store's file (psirt_store_open_reader) and a thread for the time of its
 * index load, and closes them before it goes on.
 * Errors: ENOTFOUND (no such product/version), ESTORE, ENOMEM, and the
 * matcher's. */
enum psirt_err psirt_findings_match(struct psirt_store *store,
                                    const struct psirt_findings_match_opts *opts,
                                    struct psirt_findings_match_stats *stats,
                                    struct psirt_diag *diag);
/* As psirt_findings_match, calling problem(ctx, p) (problem may be NULL)
 * for each unusable criterion or range the run met (see
 * psirt_findings_problem_fn); stats->problems counts them either way. */
enum psirt_err psirt_findings_match_report(struct psirt_store *store,
                                           const struct psirt_findings_match_opts *opts,
                                           psirt_findings_problem_fn *problem, void *ctx,
                                           struct psirt_findings_match_stats *stats,
                                           struct psirt_diag *diag);

/* Sets finding id's state (justification only with not_affected, where it
 * is required; comment optional). scope_product: also every other finding
 * of the same product, vulnerability and component name+version, in any
 * version, and stores the product-wide analysis (migration 11: affected,
 * not_affected, false_positive; another state removes it) that
 * psirt_findings_match applies to the findings it creates or reopens
 * later for that product, component and vulnerability (audited "carried
 * from the product-wide analysis of finding N by USER"). One transaction;
 * an audit row per changed finding; *changed
 * (may be NULL) counts them. Errors: ENOTFOUND "no finding N", EINVAL (bad
 * state or justification), ESTORE. */
enum psirt_err psirt_findings_set(struct psirt_store *store, long long id, const char *state,
                                  const char *justification, const char *comment,
                                  int scope_product, const char *actor, size_t *changed,
                                  struct psirt_diag *diag);

/* Recomputes the decision of the open findings (in_triage, affected) that
 * may have changed since the last triage — new, reopened or re-stated
 * findings, SSVC overrides, a changed KEV entry, EPSS score or record
 * (CVSS) of their vulnerability, changed product attributes, regimes or
 * units (the change marks of migration 7) — or of every open finding when
 * the policy differs from the last triage's, with the current policy,
 * inside the caller's transaction (store_tx 1) or its own (0). why goes
 * into the audit rows of changed priorities. */
enum psirt_err psirt_findings_triage(struct psirt_store *store, int store_tx, const char *actor,
                                     const char *why, size_t *changed, struct psirt_diag *diag);

/* An analyst's override of SSVC inputs of finding id: set holds nset
 * "POINT=VALUE" texts (point and value as psirt_ssvc_point_find and
 * psirt_ssvc_value_find take them; the points triage derives only: E, A,
 * TI, SI, PWI, EXP, VD, MI, MP), clear nclear point names whose override is
 * dropped (the derived value applies again). reason is required. Stores
 * them, re-triages (the override wins over the derived value, origin
 * "overridden" with the reason as its source; the policy still reads KEV,
 * the product's exposure and weight as they are, and an overridden SI as
 * the safety class) and audits each point (field "ssvc:KEY", old -> new
 * value with origin, the reason) after the priority change, in one
 * transaction. Errors: ENOTFOUND "no finding N"; EINVAL (unknown point or
 * value, with the allowed ones; no reason; clearing a point that has no
 * override; nothing to do); ESTORE; ENOMEM. */
enum psirt_err psirt_findings_ssvc_override(struct psirt_store *store, long long id,
                                            const char *const *set, size_t nset,
                                            const char *const *clear, size_t nclear,
                                            const char *reason, const char *actor,
                                            struct psirt_diag *diag);

/* Stores text (len bytes; file names it) as the current policy after
 * parsing it (EINVAL with line and column when it does not parse), audits
 * it and re-triages every open finding, in one transaction. *fingerprint
 * (may be NULL) receives the policy's fingerprint (owned: free()). */
enum psirt_err psirt_findings_policy_set(struct psirt_store *store, const char *text, size_t len,
                                         const char *file, const char *actor, char **fingerprint,
                                         size_t *changed, struct psirt_diag *diag);

/* A stored policy version. */
struct psirt_policy_version {
	long long id; /* 0: the built-in default */
	const char *at, *actor, *name, *fingerprint, *file_name, *text;
};
struct psirt_policy_versions {
	struct psirt_policy_version *items; /* oldest first */
	size_t n;
	struct psirt_arena arena;
};
/* The current policy (current 1: one item, the built-in default when none
 * is stored) or every stored one. Owned: psirt_policy_versions_free. */
enum psirt_err psirt_findings_policies(struct psirt_store *store, int current,
                                       struct psirt_policy_versions **out,
                                       struct psirt_diag *diag);
void psirt_policy_versions_free(struct psirt_policy_versions *v);
/* The built-in default policy's text (static). */
const char *psirt_findings_default_policy(size_t *len);

/* A finding as listed. */
struct psirt_finding {
	long long id;
	const char *product, *version;
	long long units; /* -1: unknown */
	const char *component; /* "NAME@VERSION"; "" for the product itself */
	const char *component_name, *component_version, *component_purl;
	const char *vuln, *record, *source, *confidence;
	const char *evidence; /* JSON array */
	const char *first_seen, *last_seen;
	int kev;
	const char *state, *justification, *comment, *closed_at;
	const char *ssvc, *ssvc_inputs; /* outcome; JSON object of inputs */
	int priority;                   /* 1..4; 0: not triaged */
	const char *deadline;           /* YYYY-MM-DD, or NULL */
	const char *response_class, *reason, *policy;
	/* set by psirt_store_findings_page only: the version's end of support
	 * (YYYY-MM-DD or NULL), and 1 when the vulnerability is under an
	 * embargo in force at the query's mark_embargoed_at */
	const char *eos;
	int embargoed;
};

struct psirt_findings_filter {
	const char *product, *version, *state, *vuln;
	int kev; /* 1: KEV-listed only */
	long long id; /* 0: any */
};

struct psirt_findings_list {
	struct psirt_finding *items; /* by priority (untriaged last), deadline, id */
	size_t n;
	struct psirt_arena arena;
};
/* Every finding matching f (psirt_store_findings_page without a limit).
 * ENOTFOUND when f names a product or version the store does not have;
 * EINVAL for an unknown state. *out owned: free with
 * psirt_findings_list_free(). */
enum psirt_err psirt_findings_list(struct psirt_store *store, const struct psirt_findings_filter *f,
                                   struct psirt_findings_list **out, struct psirt_diag *diag);
void psirt_findings_list_free(struct psirt_findings_list *l);

/* Store layer (src/store/findings.c): typed SQL for the functions above,
 * inside the caller's transaction. ---------------------------------------*/

/* Size of a version's found digest (match_version.found_digest). */
#define PSIRT_FOUND_DIGEST_BYTES 16
struct psirt_store_match_version {
	long long id;
	const char *product, *version;
	const char *firmware_cpe;  /* the product's, as stored (psirt_findings_match
	                              fills in the version: psirt_portfolio_firmware_cpe);
	                              NULL: none */
	const char **hardware;     /* CPEs */
	size_t nhardware;
	int stale;                 /* SBOM or product changed since its last match, or never */
	int matched;               /* matched before (stale or not) */
	/* what its findings were as its last full match wrote them
	 * (findings__found_digest), when still true; has_digest 0: unknown */
	int has_digest;
	unsigned char found_digest[PSIRT_FOUND_DIGEST_BYTES];
};
/* The versions of product (NULL: all) / version (NULL: all), by product
 * name then version id. ENOTFOUND when product or version is named and
 * absent. */
enum psirt_err psirt_store_match_versions(struct psirt_store *store, const char *product,
                                          const char *version, struct psirt_arena *arena,
                                          struct psirt_store_match_version **items, size_t *n,
                                          struct psirt_diag *diag);

struct psirt_store_match_component {
	long long seq; /* its place in the version's component list */
	const char *name, *version, *purl;
	const char *commit, *repo; /* VCS commit and repository, or NULL (migration 12) */
	const char **cpes; /* valid ones */
	size_t ncpes;
};
enum psirt_err psirt_store_match_components(struct psirt_store *store, long long version_id,
                                            struct psirt_arena *arena,
                                            struct psirt_store_match_component **items,
                                            size_t *n, struct psirt_diag *diag);
/* Only the components of version_id that psirt_store_match_candidates
 * chose (temp.match_cand), by seq. */
enum psirt_err psirt_store_match_components_cand(struct psirt_store *store, long long version_id,
                                                 struct psirt_arena *arena,
                                                 struct psirt_store_match_component **items,
                                                 size_t *n, struct psirt_diag *diag);

/* Vulnerability names whose records changed since psirt_store_match_note_records,
 * sorted; also fills the temp table the scoped close reads. */
enum psirt_err psirt_store_match_changed_vulns(struct psirt_store *store,
                                               struct psirt_arena *arena, const char ***names,
                                               size_t *n, struct psirt_diag *diag);
enum psirt_err psirt_store_match_note_records(struct psirt_store *store, struct psirt_diag *diag);
/* Starts a run: *run its id. */
enum psirt_err psirt_store_match_run_begin(struct psirt_store *store, const char *actor,
                                           const char *kind, long long *run,
                                           struct psirt_diag *diag);
enum psirt_err psirt_store_match_run_end(struct psirt_store *store, long long run,
                                         size_t versions, size_t vulns, struct psirt_diag *diag);
/* The generation of the source records (migration 17): it changes with
 * every record added, changed or removed, so an index loaded at generation
 * g still holds every record while it is g. */
enum psirt_err psirt_store_records_generation(struct psirt_store *store,
                                              unsigned long long *n, struct psirt_diag *diag);
/* How many versions of the whole portfolio were matched before (*n). */
enum psirt_err psirt_store_matched_versions(struct psirt_store *store, size_t *n,
                                            struct psirt_diag *diag);
/* Notes version_id as fully matched by run, with the digest of the findings
 * the run left it (PSIRT_FOUND_DIGEST_BYTES; NULL: unknown). */
enum psirt_err psirt_store_match_version_note(struct psirt_store *store, long long version_id,
                                              long long run, const unsigned char *digest,
                                              struct psirt_diag *diag);
/* Forgets version_id's found digest: its findings were written by a run
 * that did not match it fully (an incremental one). */
enum psirt_err psirt_store_match_version_forget(struct psirt_store *store, long long version_id,
                                                struct psirt_diag *diag);

/* What one run found for one (component, vulnerability). */
struct psirt_store_found {
	long long version_id;
	const char *component, *component_name, *component_version, *component_purl;
	const char *vuln, *record, *source, *confidence, *evidence;
	/* evidence's stored form (psirt_evpack_pack: a match run packs it on
	 * its worker thread), packed_len bytes; NULL: the store packs evidence
	 * as it writes it. Either way the store writes the packed form. */
	const void *evidence_packed;
	size_t evidence_packed_len;
	/* decided before it is written (a bulk run), or NULL: the decision and
	 * its audit row's new value and comment (as triage writes them) */
	const struct psirt_store_triage_decision *decision;
	const char *decision_text, *decision_comment;
	/* has_hash: found_hash is findings__found_hash's (what a run compares,
	 * finding.found_hash); 0: none (written as NULL) */
	int has_hash;
	unsigned char found_hash[PSIRT_FOUND_DIGEST_BYTES];
};
/* Incremental runs (migration 7) ------------------------------------------*/

/* One lookup key (psirt_match_subject_keys) of a component (seq; -1: the
 * product's hardware or firmware CPE). */
struct psirt_store_match_key {
	unsigned long long key;
	long long seq;
};
/* match_key's order, for qsort of struct psirt_store_match_key: key as
 * SQLite's signed 64-bit integer, then seq. */
int psirt_store_match_key_cmp(const void *a, const void *b);
/* Replaces the keys of version_id with keys[0..n) (after a full match),
 * writing only the difference from the stored ones. keys must be sorted by
 * psirt_store_match_key_cmp (repeats allowed); PSIRT_EINVAL when they are
 * not. */
enum psirt_err psirt_store_match_keys_put(struct psirt_store *store, long long version_id,
                                          const struct psirt_store_match_key *keys, size_t n,
                                          struct psirt_diag *diag);
/* The candidates of an incremental run: fills temp.match_cand with every
 * (version, component seq) one of keys[0..n) reaches (seq -1: the product's
 * hardware or firmware), and returns the versions, sorted, that either have
 * a candidate or an open finding of a vulnerability in the match scope
 * (psirt_store_match_changed_vulns) — those must be looked at to close it.
 * versions in arena. */
enum psirt_err psirt_store_match_candidates(struct psirt_store *store,
                                            const unsigned long long *keys, size_t n,
                                            struct psirt_arena *arena, long long **versions,
                                            size_t *nversions, struct psirt_diag *diag);

/* A stored finding as a match run compares it with what it found. */
struct psirt_store_finding_row {
	long long id;
	const char *component, *vuln, *state, *record, *source, *confidence;
	const char *component_name, *component_version, *component_purl;
	/* has_hash: found_hash is finding.found_hash (every compared field as
	 * last written: findings__found_hash); 0: NULL, written before it */
	int has_hash;
	unsigned char found_hash[PSIRT_FOUND_DIGEST_BYTES];
};
/* The findings of version_id (scoped: only those of the match scope's
 * vulnerabilities, as listed by the last psirt_store_match_candidates), in
 * any state, sorted by component then vulnerability
 * (byte order, as strcmp). Strings in arena. The evidence is not read:
 * found_hash stands for it (and every other compared
 * field) where a run wrote one, a finding no longer found is closed without
 * it, and it is a row of another table (finding_evidence), packed;
 * psirt_store_finding_evidence reads it for a finding written before
 * found_hash. */
enum psirt_err psirt_store_findings_of(struct psirt_store *store, long long version_id,
                                       int scoped, struct psirt_arena *arena,
                                       struct psirt_store_finding_row **items, size_t *n,
                                       struct psirt_diag *diag);
/* Writes f's found_hash (NULL without one) as finding id's: a finding
 * written before found_hash, found with the same fields and evidence. */
enum psirt_err psirt_store_finding_hash_put(struct psirt_store *store, long long id,
                                            const struct psirt_store_found *f,
                                            struct psirt_diag *diag);
/* *evidence: finding id's stored evidence (NULL: none), in arena. */
enum psirt_err psirt_store_finding_evidence(struct psirt_store *store, long long id,
                                            struct psirt_arena *arena, const char **evidence,
                                            struct psirt_diag *diag);
/* Bulk writing: drops the secondary indexes of finding (every index with
 * SQL in the schema: not the UNIQUE key, which the run's lookups use) and
 * the insert triggers (finding_day's, migration 8; triage_finding_ins,
 * migration 10, whose marks the run's triage empties), and gives their CREATE
 * statements (in arena) to put back with psirt_store_findings_bulk_end
 * before the commit; the findings inserted since are counted in
 * finding_day set-wise (psirt_store_findings_bulk_flush, _end) as those
 * triggers would have (exactly: every finding psirt_store_finding_insert
 * writes is inserted open). Notes the
 * greatest finding id (the run's new findings are above it:
 * PSIRT_STORE_TRIAGE_UNDECIDED). Inside the caller's transaction: a
 * rollback restores them. Building an index from the rows costs a fifth
 * of keeping it up to date row by row when a run writes as many findings
 * as the store holds (bench_findings). */
enum psirt_err psirt_store_findings_bulk_begin(struct psirt_store *store, struct psirt_arena *arena,
                                               const char ***sql, size_t *n,
                                               struct psirt_diag *diag);
/* Writes what the bulk run under way left since the last call, at once:
 * the audit rows psirt_store_finding_insert left (see there) and the new
 * findings' counts in finding_day. To call after each version's findings
 * are written (or at least after the last), before triage (a finding's
 * decision audited by triage comes after the row that found it); why as
 * psirt_store_found.decision_comment begins ("WHY: reason").
 * psirt_store_findings_bulk_end refuses to end a run with findings left
 * unaudited (and counts those not counted). */
enum psirt_err psirt_store_findings_bulk_flush(struct psirt_store *store, const char *actor,
                                               const char *why, struct psirt_diag *diag);
enum psirt_err psirt_store_findings_bulk_end(struct psirt_store *store, const char *const *sql,
                                             size_t n, struct psirt_diag *diag);
/* A new finding (first_seen = last_seen = now), with its audit row "found by
 * psirt match" (state: (none) -> in_triage); then the product-wide analysis
 * of its product, component and vulnerability, if any, applied and audited
 * (as refresh does for a reopened finding). With f->decision, unless that
 * analysis closes it: the decision written with it and its audit row
 * (priority); *decided 1. decided may be NULL. In a bulk run
 * (psirt_store_findings_bulk_begin), a finding of a version whose product
 * has no product-wide analysis gets the same audit rows from
 * psirt_store_findings_bulk_flush (f->decision_text and decision_comment
 * unused). */
enum psirt_err psirt_store_finding_insert(struct psirt_store *store,
                                          const struct psirt_store_found *f, long long run,
                                          const char *actor, int *decided,
                                          struct psirt_diag *diag);
/* Rewrites what a run found of finding id (record, source, confidence,
 * evidence, the component's name, version and purl; last_seen = now).
 * reopen_from: the closed state (fixed, withdrawn) it is reopened from as
 * in_triage, audited; NULL: the state stays. */
enum psirt_err psirt_store_finding_refresh(struct psirt_store *store, long long id,
                                           const struct psirt_store_found *f, long long run,
                                           const char *reopen_from, const char *actor,
                                           struct psirt_diag *diag);
/* *withdrawn: 1 when vuln has records and every one is withdrawn (or
 * rejected), else 0 — what a finding of it no longer found closes as. */
enum psirt_err psirt_store_vuln_withdrawn(struct psirt_store *store, const char *vuln,
                                          int *withdrawn, struct psirt_diag *diag);
/* Closes open finding id (state: its state now) as withdrawn (withdrawn:
 * psirt_store_vuln_withdrawn of its vulnerability, which a run looks up
 * once per vulnerability) or else fixed, audited. */
enum psirt_err psirt_store_finding_close(struct psirt_store *store, long long id,
                                         const char *state, int withdrawn, const char *actor,
                                         struct psirt_diag *diag);
/* The policy fingerprint of the last triage (NULL: none yet), in arena. */
enum psirt_err psirt_store_triage_policy(struct psirt_store *store, struct psirt_arena *arena,
                                         const char **fingerprint, struct psirt_diag *diag);
/* After a triage with policy fingerprint: empties the change marks. */
enum psirt_err psirt_store_triage_done(struct psirt_store *store, const char *fingerprint,
                                       struct psirt_diag *diag);

/* Sets one finding's state (as psirt_findings_set, validated already). */
enum psirt_err psirt_store_finding_set(struct psirt_store *store, long long id, const char *state,
                                       const char *justification, const char *comment,
                                       int scope_product, const char *actor, size_t *changed,
                                       struct psirt_diag *diag);

/* What triage reads of one open finding. */
struct psirt_store_triage_row {
	long long id;
	const char *vuln;
	const char *safety, *exposure, *weight; /* product attributes as stored, or NULL */
	long long units;                        /* -1 unknown */
	int regimes;                            /* regulatory regimes the product is under */
	const char *kev_date;                   /* NULL: not KEV-listed */
	double epss;                            /* -1 unknown */
	const char *cvss;                       /* the preferred CVSS vector, or NULL */
	const char *first_seen;
	int priority;                           /* stored; 0 none */
	const char *deadline, *response_class, *reason, *ssvc, *policy;
	const char *ssvc_inputs;                /* stored JSON, or NULL */
};
/* Which open findings triage reads. */
enum psirt_store_triage_scope {
	PSIRT_STORE_TRIAGE_EVERY,     /* every one */
	PSIRT_STORE_TRIAGE_MARKED,    /* those the change marks name (migration 7) */
	PSIRT_STORE_TRIAGE_UNDECIDED, /* every one but those the bulk run under
	                                 way (psirt_store_findings_bulk_begin)
	                                 decided as it wrote them */
};
/* Chooses the open findings to triage (temporary table), and each one's
 * preferred CVSS vector, once per vulnerability. */
enum psirt_err psirt_store_triage_select(struct psirt_store *store,
                                         enum psirt_store_triage_scope scope,
                                         struct psirt_diag *diag);
/* What triage reads of a vulnerability. */
struct psirt_store_triage_vuln {
	const char *name, *kev_date, *cvss; /* as psirt_store_triage_row */
	double epss;
};
/* The triage inputs of names[0..nnames) (those with a row in vuln), or
 * with names NULL of every vulnerability, by name (byte order), for
 * deciding findings before they are written. Strings in arena. */
enum psirt_err psirt_store_triage_vulns(struct psirt_store *store, const char *const *names,
                                        size_t nnames, struct psirt_arena *arena,
                                        struct psirt_store_triage_vuln **items, size_t *n,
                                        struct psirt_diag *diag);
/* A version's product attributes as triage reads them: row's safety,
 * exposure, weight, units and regimes (the rest zeroed; strings in arena). */
enum psirt_err psirt_store_triage_version(struct psirt_store *store, long long version_id,
                                          struct psirt_arena *arena,
                                          struct psirt_store_triage_row *row,
                                          struct psirt_diag *diag);
/* The next at most limit chosen findings with an id above after, by id. */
enum psirt_err psirt_store_triage_rows(struct psirt_store *store, long long after, size_t limit,
                                       struct psirt_arena *arena,
                                       struct psirt_store_triage_row **items, size_t *n,
                                       struct psirt_diag *diag);
struct psirt_store_triage_decision {
	const char *ssvc, *ssvc_inputs, *deadline, *response_class, *reason, *policy;
	int priority, kev;
};
enum psirt_err psirt_store_triage_save(struct psirt_store *store, long long id,
                                       const struct psirt_store_triage_decision *d,
                                       struct psirt_diag *diag);

enum psirt_err psirt_store_policy_add(struct psirt_store *store, const char *name,
                                      const char *fingerprint, const char *file_name,
                                      const char *text, const char *actor,
                                      struct psirt_diag *diag);
/* Every stored policy (current: the newest only), oldest first. */
enum psirt_err psirt_store_policies(struct psirt_store *store, int current,
                                    struct psirt_arena *arena,
                                    struct psirt_policy_version **items, size_t *n,
                                    struct psirt_diag *diag);

/* Per-finding SSVC overrides (src/store/finding_override.c): point and
 * value are the decision point's and the value's keys ("E", "A"). put
 * replaces an existing override of the same point; del sets *deleted to 1
 * when there was one. overrides: those of finding id (0: of every finding),
 * by finding then point, strings in arena. */
struct psirt_store_ssvc_override {
	long long finding;
	const char *point, *value, *reason, *actor, *at;
};
enum psirt_err psirt_store_ssvc_override_put(struct psirt_store *store, long long id,
                                             const char *point, const char *value,
                                             const char *reason, const char *actor,
                                             struct psirt_diag *diag);
enum psirt_err psirt_store_ssvc_override_del(struct psirt_store *store, long long id,
                                             const char *point, int *deleted,
                                             struct psirt_diag *diag);
enum psirt_err psirt_store_ssvc_overrides(struct psirt_store *store, long long id,
                                          struct psirt_arena *arena,
                                          struct psirt_store_ssvc_override **items, size_t *n,
                                          struct psirt_diag *diag);

/* The audit rows of finding id, oldest first (strings in arena). */
enum psirt_err psirt_store_finding_history(struct psirt_store *store, long long id,
                                           struct psirt_arena *arena,
                                           struct psirt_audit_entry **items, size_t *n,
                                           struct psirt_diag *diag);

enum psirt_err psirt_store_findings_list(struct psirt_store *store,
                                         const struct psirt_findings_filter *f,
                                         struct psirt_arena *arena, struct psirt_finding **items,
                                         size_t *n, struct psirt_diag *diag);

/* Pages of findings for the server (src/store/findings_page.c) -----------*/

enum psirt_findings_sort {
	PSIRT_FINDINGS_BY_PRIORITY, /* priority (untriaged last), deadline, id */
	PSIRT_FINDINGS_BY_DEADLINE, /* deadline (none last), priority, id */
	PSIRT_FINDINGS_BY_PRODUCT,  /* product, version, priority, id */
	PSIRT_FINDINGS_BY_VULN,     /* vulnerability, product, version, id */
	PSIRT_FINDINGS_BY_FIRST_SEEN, /* newest first, then id */
	PSIRT_FINDINGS_SORT__MAX
};
/* "priority", "deadline", "product", "vulnerability", "first_seen"; NULL
 * out of range. */
const char *psirt_findings_sort_name(enum psirt_findings_sort s);

/* A page query. Every pointer may be NULL (no condition). */
struct psirt_findings_query {
	const char *product, *version;
	const char *state;      /* a state name, or "open" (in_triage or affected) */
	const char *vuln;       /* the vulnerability's name (as findings store it) */
	int kev;                /* 1: KEV-listed only */
	int priority;           /* 1..4; 0: any */
	long long id;           /* 0: any */
	const char *overdue_before; /* YYYY-MM-DD: only open findings due before it */
	/* scope: when owner is set, only products whose owner is owner or that
	 * user owner_id was given (user_product) — an engineer's view */
	const char *owner;
	long long owner_id;
	/* when set (an ISO instant, "now"), findings of vulnerabilities under an
	 * embargo in force at that instant (by any alias) are left out */
	const char *hide_embargoed_at;
	/* 1: a list's columns only — evidence, ssvc_inputs, record, comment
	 * and policy are left NULL (they are most of a finding's bytes) */
	int brief;
	/* when set (an ISO instant), each item's embargoed says whether its
	 * vulnerability is under an embargo in force then (by any alias) */
	const char *mark_embargoed_at;
	enum psirt_findings_sort sort;
	size_t limit, offset; /* limit 0: no limit */
	/* keyset paging (sorts priority and deadline only; else ignored): not 0,
	 * the page starts after finding `after` in the sort's order (offset
	 * ignored), reading only the page's rows at any depth. ENOTFOUND "no
	 * finding N" when it does not exist. */
	long long after;
};

/* A page of findings matching q (strings in arena) and the number matching
 * in all (*total, may be NULL). ENOTFOUND ("no product 'P'", "product 'P'
 * has no version 'V'") when q names a product or version the store does
 * not have; ESTORE, ENOMEM. */
enum psirt_err psirt_store_findings_page(struct psirt_store *store,
                                         const struct psirt_findings_query *q,
                                         struct psirt_arena *arena, struct psirt_finding **items,
                                         size_t *n, unsigned long long *total,
                                         struct psirt_diag *diag);

/* Dashboard figures over the open findings (in_triage, affected). */
struct psirt_findings_class_count {
	const char *name; /* the response class; NULL: not triaged */
	unsigned long long open;
};
struct psirt_findings_top_product {
	const char *name;
	unsigned long long open, versions;
	long long units; /* of its versions with an open finding; -1: none known */
};
struct psirt_findings_figures {
	unsigned long long open;
	unsigned long long by_priority[5]; /* [0] not triaged, [1..4] P1..P4 */
	struct psirt_findings_class_count *classes; /* most open first */
	size_t n_classes;
	unsigned long long kev;     /* KEV-listed open findings */
	unsigned long long overdue; /* open findings past their deadline */
	unsigned long long versions_affected; /* versions with an open finding */
	long long units_affected;   /* their units in the field (unknown ones count 0) */
	unsigned long long versions_units_unknown;
	struct psirt_findings_top_product *top; /* at most top_n, most open first */
	size_t n_top;
};
/* Counts the figures; today (YYYY-MM-DD) decides overdue; hide_embargoed_at
 * as in the query. Strings in arena. ESTORE, ENOMEM. */
enum psirt_err psirt_store_findings_figures(struct psirt_store *store, const char *today,
                                            const char *hide_embargoed_at, size_t top_n,
                                            struct psirt_arena *arena,
                                            struct psirt_findings_figures *out,
                                            struct psirt_diag *diag);

/* The product versions a vulnerability reaches, a page at a time
 * (src/store/affected.c), for GET /api/vulns/{id}/affected: newest version
 * first (by version id, descending: the order versions were added), read
 * from index finding_vuln_version (migration 11) so that a page reads only
 * its own versions' findings at any depth. */
struct psirt_affected_query {
	const char *vuln;  /* the vulnerability's name (as findings store it) */
	const char *owner; /* engineer scope, as in psirt_findings_query */
	long long owner_id;
	size_t limit;      /* versions per page; 0: all */
	long long after;   /* 0: from the newest; else the versions after (older
	                      than) version id `after`: a page's `next` */
};
/* Over every version reached in the query's scope, not just the page. */
struct psirt_affected_totals {
	unsigned long long versions;      /* versions reached */
	unsigned long long open_versions; /* of those, with an open finding */
	long long units;                  /* the units in the field of those */
	unsigned long long units_unknown; /* open versions whose units are unknown */
};
/* The findings of a page of versions (brief columns; those of one version
 * next to each other, by priority then id; strings in arena), the version
 * id to pass as `after` for the next page (*next; 0 on the last page) and
 * the totals (kept per connection until the store changes: counting them
 * reads every version the vulnerability reaches). ESTORE, ENOMEM. */
enum psirt_err psirt_store_vuln_affected(struct psirt_store *store,
                                         const struct psirt_affected_query *q,
                                         struct psirt_arena *arena, struct psirt_finding **items,
                                         size_t *n, long long *next,
                                         struct psirt_affected_totals *totals,
                                         struct psirt_diag *diag);

/* A vulnerability's name and every id joined to it (aliases, name
 * included, sorted; in arena) by an id exactly as stored — what
 * psirt_store_vuln_get reads first, without its records. ENOTFOUND when
 * no vulnerability has that id as written (psirt_store_vuln_get also
 * tries it without case, and knows CVEs only KEV or EPSS name). */
struct psirt_vuln_str;
enum psirt_err psirt_store_vuln_names(struct psirt_store *store, const char *id,
                                      struct psirt_arena *arena, const char **name,
                                      struct psirt_vuln_str **aliases, struct psirt_diag *diag);

#endif
