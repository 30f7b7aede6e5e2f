/* Internal interface of the findings module. */
#ifndef PSIRT_FINDINGS_INTERNAL_H
#define PSIRT_FINDINGS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/ssvc.h"

/* data/policy/default.policy without comments (default_policy.c). */
extern const char findings__default_policy[];

/* psirt_findings_triage over the open findings scope names (as
 * psirt_findings_triage: MARKED, or EVERY when the policy changed); a bulk
 * run passes EVERY or UNDECIDED (the marks' lookups by vulnerability need
 * the index it dropped, and most findings are new anyway). */
enum psirt_err findings__triage(struct psirt_store *store, int store_tx,
                                enum psirt_store_triage_scope scope, const char *actor,
                                const char *why, size_t *changed, struct psirt_diag *diag);

/* A triage decision with the memory behind it (findings__decide fills it;
 * findings__decided_release frees it). */
struct findings__decided {
	struct psirt_buf reason, deadline;
	char *inputs;
	const char *ssvc;
	struct psirt_store_triage_decision d;
	/* the audit row's new value and comment (findings__decided_audit) */
	struct psirt_buf audit_new, audit_comment;
};

struct psirt_match_finding;
/* f->found_hash: BLAKE2b-128 over every field a run compares with a stored
 * finding — component key, vulnerability, record, source, confidence,
 * component name, version and purl — and every member its evidence text
 * is written from (findings__evidence_text) of each evidence entry of
 * mfs[0..n), the matches it groups, in the text's order; NULL told apart
 * from "" (digest.c); scratch: a buffer to use. Equal hashes: equal fields
 * and equal evidence text (a function of those members), short of a
 * BLAKE2b collision; f->evidence is not read (it need not be built yet).
 * psirt_findings_match calls sodium_init() first (safe from any thread
 * after). */
enum psirt_err findings__found_hash(struct psirt_store_found *f,
                                    const struct psirt_match_finding *const *mfs, size_t n,
                                    struct psirt_buf *scratch, struct psirt_diag *diag);
/* out: the digest of found[0..n)'s found_hash, in their order, and their
 * count (BLAKE2b-128). */
void findings__found_digest(const struct psirt_store_found *found, size_t n,
                            unsigned char out[PSIRT_FOUND_DIGEST_BYTES]);

struct psirt_match_results;
/* A found of the match worker's (findings.c): a finding of the results,
 * with its vulnerability name and its component's key. */
struct findings__group_item {
	const char *vuln;
	const char *key; /* "name@version", "" for the product */
	size_t finding;  /* index into the results */
};
/* Fills items (res->n of them) with res's findings in the order of the
 * stored findings: by component key (keys[subject], "" for
 * PSIRT_MATCH_PRODUCT; borrowed), then vulnerability name (strcmp), then
 * index, so that the findings of one found are next to each other. n is
 * the number of keys. Returns 0, -1 out of memory. */
int findings__group_items(struct findings__group_item *items,
                          const struct psirt_match_results *res, const char *const *keys,
                          size_t n);

struct psirt_match_evidence;
/* One evidence entry of a found (findings.c) as the JSON object text stored
 * in its evidence array, appended to b: record, source, via, identity,
 * confidence, why, then criteria, place [config,node,match] and platform
 * (when set) for a CPE criterion, else ecosystem, package, rangeType and
 * events; NULL as null, a member whose text is not UTF-8 left out (as the
 * jansson tree it replaces left it out). Errors: b's sticky error. */
void findings__evidence_text(struct psirt_buf *b, const struct psirt_match_finding *f,
                             const struct psirt_match_evidence *e);

struct psirt_ssvc_inputs;
/* The SSVC inputs of a decision (triage.c) as the JSON object text stored
 * in a finding's ssvc_inputs, appended to b: each point with a value, by
 * name in strcmp order, as "Name":{"origin":...,"source":...,"value":...}
 * (a NULL source as ""; a point whose source is not UTF-8 left out, as the
 * jansson tree it replaces left it out). Thread-safe. Errors: b's sticky
 * error. */
void findings__inputs_text(struct psirt_buf *b, const struct psirt_ssvc_inputs *in);

struct psirt_policy;
/* The current policy, parsed: the newest stored one, else the default
 * (*out: psirt_policy_free). */
enum psirt_err findings__current_policy(struct psirt_store *store, struct psirt_policy **out,
                                        struct psirt_diag *diag);
/* What triage derives from a vulnerability alone (its CVSS vector, KEV
 * date, EPSS score: the points E, A and TI with their sources), derived
 * once per run for all its new findings (findings__vuln_triage_get). */
struct findings__vuln_triage {
	const struct psirt_store_triage_vuln *tv; /* NULL: not in the list */
	int derived; /* 0: the derivation failed; each finding derives again */
	/* the points derived (most often 3): ~100 bytes an entry, not 32
	 * inputs' 512; in the cache's arena, their sources too */
	size_t nset;
	struct findings__vuln_point {
		unsigned index; /* psirt_ssvc_point.index */
		struct psirt_ssvc_input in;
	} *set;
};

/* Vulnerability name -> struct findings__vuln_triage, derived as names are
 * first looked up. Not thread-safe: one thread at a time uses a cache
 * (findings.c says how the match workers hand it on). */
struct findings__vuln_cache {
	const struct psirt_store_triage_vuln *tv; /* borrowed */
	size_t ntv;
	/* open addressing over tv by name (psirt_hash): an index + 1, 0 empty;
	 * the names stay tv's (psirt_map would copy each of ~320,000) */
	uint32_t *slot;
	size_t mask;
	struct findings__vuln_triage **ent, *absent; /* by tv index; a name not in tv */
	struct psirt_arena arena; /* the entries and their sources */
};

/* Indexes tv (ntv of them, names unique; borrowed until the release).
 * Errors: PSIRT_ENOMEM, PSIRT_ETOOBIG; release c even then. */
enum psirt_err findings__vuln_cache_init(struct findings__vuln_cache *c,
                                        const struct psirt_store_triage_vuln *tv, size_t ntv,
                                        struct psirt_diag *diag);
void findings__vuln_cache_release(struct findings__vuln_cache *c);
/* name's entry (borrowed from c, valid until its release), derived now
 * when first asked for; NULL on PSIRT_ENOMEM (diag set). c: one whose
 * findings__vuln_cache_init returned PSIRT_OK. */
const struct findings__vuln_triage *findings__vuln_triage_get(struct findings__vuln_cache *c,
                                                              const char *name,
                                                              struct psirt_diag *diag);

/* Decides row r (no overrides: a finding not yet written) into *out
 * (zeroed by the caller); thread-safe (reads r, vt, pol and static
 * tables). vt: r's vulnerability's entry (r's cvss, kev_date and epss are
 * its tv's), or NULL: derived from r. Also formats the audit row triage
 * writes for it (why: its cause). */
enum psirt_err findings__decide_new(const struct psirt_policy *pol,
                                    const struct psirt_store_triage_row *r,
                                    const struct findings__vuln_triage *vt, const char *why,
                                    struct findings__decided *out, struct psirt_diag *diag);
void findings__decided_release(struct findings__decided *d);

#endif
