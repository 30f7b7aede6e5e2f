/* Findings: matching product versions into findings, states, listing
 * (include/psirt/findings.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "findings/internal.h"
#include "psirt/buf.h"
#include "psirt/evpack.h"
#include "psirt/map.h"
#include "psirt/findings.h"
#include "psirt/isotime.h"
#include "psirt/jsonw.h"
#include "psirt/match.h"
#include "psirt/policy.h"
#include "psirt/portfolio.h"

static const char *const state_names[PSIRT_FINDING__STATES] = {
	"in_triage", "affected", "not_affected", "fixed", "false_positive", "withdrawn",
};

const char *psirt_finding_state_name(enum psirt_finding_state s)
{
	return (unsigned)s < PSIRT_FINDING__STATES ? state_names[s] : "?";
}

int psirt_finding_state_parse(const char *s)
{
	int i;

	for (i = 0; s && i < PSIRT_FINDING__STATES; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

/* CycloneDX 1.6 impactAnalysisJustification / CSAF 2.0 flags, spelled as
 * OpenVEX writes them. */
int psirt_finding_justification_valid(const char *s)
{
	static const char *const j[] = {
		"component_not_present",
		"vulnerable_code_not_present",
		"vulnerable_code_not_in_execute_path",
		"vulnerable_code_cannot_be_controlled_by_adversary",
		"inline_mitigations_already_exist",
	};
	size_t i;

	for (i = 0; s && i < sizeof j / sizeof j[0]; i++)
		if (!strcmp(s, j[i]))
			return 1;
	return 0;
}

static const char *const phase_names[PSIRT_FINDINGS__PHASES] = {
	"index", "match", "note", "triage", "reindex", "commit",
};

const char *psirt_findings_phase_name(enum psirt_findings_phase p)
{
	return (unsigned)p < PSIRT_FINDINGS__PHASES ? phase_names[p] : "?";
}

/* Adds the time since *t to phase p and restarts *t. */
static void lap(struct psirt_findings_match_stats *stats, enum psirt_findings_phase p, double *t)
{
	double now = psirt_monotonic_s();

	stats->seconds[p] += now - *t;
	*t = now;
}

/* The caller's progress callback, throttled while versions are written. */
struct progress {
	psirt_findings_progress_fn *fn;
	void *ctx;
	double start, next;
	struct psirt_findings_progress p;
};

/* Reports phase (forced: a phase's start or the end), or the versions
 * written so far at most every PSIRT_FINDINGS_PROGRESS_MS. */
static void report(struct progress *pg, enum psirt_findings_phase phase,
                   const struct psirt_findings_match_stats *stats, int force)
{
	double now;

	if (!pg->fn)
		return;
	now = psirt_monotonic_s();
	if (!force && now < pg->next)
		return;
	pg->next = now + PSIRT_FINDINGS_PROGRESS_MS / 1000.0;
	pg->p.phase = phase;
	pg->p.created = stats->created;
	pg->p.seconds = now - pg->start;
	pg->fn(pg->ctx, &pg->p);
}

/* Matching ----------------------------------------------------------------
 *
 * A run matches each selected version in one of three ways:
 *   FULL   every component against the full index: a new or changed SBOM
 *          or product, a version never matched, --product, --all. The
 *          version's lookup keys (psirt_match_subject_keys of each
 *          component, and of the product's hardware and firmware CPEs) are
 *          stored with it (match_key).
 *   DELTA  after a feed change, a version not stale: only the components
 *          whose stored keys meet the keys of the changed vulnerabilities'
 *          index (psirt_match_index_load_scope: only their records), with
 *          the product's hardware and firmware, against that small index.
 *   DELTA_ALL  as DELTA with every component: the changed records hold a
 *          criterion without a literal vendor, which any CPE can reach.
 *
 * Why DELTA finds what a FULL match would find for the changed
 * vulnerabilities: a record's finding comes from its configurations, each
 * evaluated over the identities that satisfy its criteria (NVD AND/OR,
 * negate and platform nodes alike), or from its package statements. An
 * identity can satisfy a criterion or a package statement only through a
 * lookup key the index holds it under (include/psirt/match.h), so every
 * identity that can make any node of a changed record true or false is an
 * identity of a candidate component or of the product; the others cannot
 * change any configuration's value. Matching the candidates alone thus
 * gives each changed record the same findings and the same evidence (the
 * candidates keep their order). Criteria with no literal vendor are the
 * exception the keys cannot narrow: DELTA_ALL. Versions with an open
 * finding of a changed vulnerability and no candidate are looked at too,
 * to close it. tests/findings/test_incremental.c checks the equality with
 * `psirt match --all` on fixture data.
 *
 * Writes: a version's found (component, vulnerability) pairs are compared
 * with its stored findings (one read: all of them, or those of the changed
 * vulnerabilities): new ones are inserted, closed ones reopened, open ones
 * no longer found closed, and the others rewritten only when what was
 * found (record, evidence, confidence, component identity) differs — an
 * unchanged finding costs no write (last_seen: see findings.h). */

enum mode { FULL, DELTA, DELTA_ALL };

/* why a run decides (the audit comment of a decision: "WHY: reason") */
#define MATCH_WHY "psirt match"

/* psirt_findings_match_opts.bulk 0: versions matched for the first time
 * from which a run writes in bulk (200 first matches, 420,000 findings:
 * 34 s with the indexes kept row by row and triage rewriting each finding,
 * 19 s in bulk; psirt match --json's seconds) */
#define BULK_MIN 20

/* by component key, then vulnerability: the order of the stored findings */
static int cmp_item(const void *a, const void *b)
{
	const struct findings__group_item *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (!c)
		c = strcmp(x->vuln, y->vuln);
	if (!c)
		c = x->finding < y->finding ? -1 : x->finding > y->finding;
	return c;
}

struct key_rank {
	const char *key;
	size_t subject;
};

static int cmp_key_rank(const void *a, const void *b)
{
	const struct key_rank *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/* Is every vulnerability name at or after the one before (strcmp)? */
static int by_vuln(const struct psirt_match_results *res)
{
	size_t i;

	for (i = 1; i < res->n; i++) {
		if (res->findings[i].vuln != res->findings[i - 1].vuln &&
		    strcmp(res->findings[i - 1].vuln, res->findings[i].vuln) > 0)
			return 0;
	}
	return 1;
}

/* Results sorted by vulnerability name (psirt/match.h, checked): a
 * stable counting sort by the rank of each finding's component key (equal
 * keys one rank) compares n + 1 strings, not res->n log res->n (qsort and
 * its strcmp were 8-12 % of the match worker's time, perf). Else qsort. */
int findings__group_items(struct findings__group_item *items,
                          const struct psirt_match_results *res, const char *const *keys,
                          size_t n)
{
	struct key_rank *kr = NULL;
	size_t *rank = NULL, *pos = NULL, i, r, subj;
	int ret = -1;

	if (!by_vuln(res)) {
		for (i = 0; i < res->n; i++) {
			subj = res->findings[i].subject;
			items[i].vuln = res->findings[i].vuln;
			items[i].key = subj == PSIRT_MATCH_PRODUCT ? "" : keys[subj];
			items[i].finding = i;
		}
		qsort(items, res->n, sizeof *items, cmp_item);
		return 0;
	}
	kr = malloc((n + 1) * sizeof *kr);
	rank = malloc((n + 1) * sizeof *rank);
	pos = calloc(n + 2, sizeof *pos);
	if (!kr || !rank || !pos)
		goto out_free;
	/* subject n stands for the product (PSIRT_MATCH_PRODUCT), key "" */
	for (i = 0; i <= n; i++) {
		kr[i].key = i < n ? keys[i] : "";
		kr[i].subject = i;
	}
	qsort(kr, n + 1, sizeof *kr, cmp_key_rank);
	for (i = 0, r = 0; i <= n; i++) {
		if (i && strcmp(kr[i - 1].key, kr[i].key))
			r++;
		rank[kr[i].subject] = r;
	}
	/* pos[r + 1] counts rank r's findings; summed, pos[r] is where rank
	 * r starts */
	for (i = 0; i < res->n; i++) {
		subj = res->findings[i].subject;
		pos[rank[subj == PSIRT_MATCH_PRODUCT ? n : subj] + 1]++;
	}
	for (r = 1; r <= n + 1; r++)
		pos[r] += pos[r - 1];
	for (i = 0; i < res->n; i++) {
		struct findings__group_item *it;

		subj = res->findings[i].subject;
		if (subj == PSIRT_MATCH_PRODUCT)
			subj = n;
		it = &items[pos[rank[subj]]++];
		it->vuln = res->findings[i].vuln;
		it->key = subj == n ? "" : keys[subj];
		it->finding = i;
	}
	ret = 0;

out_free:
	free(kr);
	free(rank);
	free(pos);
	return ret;
}

/* Same vulnerability and component key? Equal pointers first: a
 * component's findings share its key, a record's its name. */
static int same_item(const struct findings__group_item *x, const struct findings__group_item *y)
{
	return (x->vuln == y->vuln || !strcmp(x->vuln, y->vuln)) &&
	       (x->key == y->key || !strcmp(x->key, y->key));
}

/* A member of an evidence object. One whose value is not UTF-8 is left out,
 * as it was when the evidence was a jansson tree (json_string refused it and
 * json_object_set_new then set nothing): the stored text stays the same. */
static void ev_member(struct psirt_buf *b, int *n, const char *key, const char *s)
{
	*n += psirt_jsonw_member_utf8(b, !*n, key, s);
}

/* Asks for the strings the evidence texts of f will read: the record id
 * and each criterion as written sit in the index's hundreds of MB, the
 * why and identity in the results, one cache miss each (strlen, the first
 * to read them, was a quarter of the worker's time, 78 % of its samples on
 * its first load: perf annotate); asked for a few findings ahead, the
 * misses overlap instead of following one another. */
static void ev_prefetch(const struct psirt_match_finding *f)
{
	size_t k;

	__builtin_prefetch(f->record);
	for (k = 0; k < f->nevidence; k++) {
		__builtin_prefetch(f->evidence[k].criteria);
		__builtin_prefetch(f->evidence[k].why);
		__builtin_prefetch(f->evidence[k].identity);
	}
}

void findings__evidence_text(struct psirt_buf *b, const struct psirt_match_finding *f,
                             const struct psirt_match_evidence *e)
{
	int n = 0;

	psirt_buf_addch(b, '{');
	ev_member(b, &n, "record", f->record);
	ev_member(b, &n, "source", psirt_vuln_source_name(f->source));
	ev_member(b, &n, "via", psirt_match_via_name(e->via));
	ev_member(b, &n, "identity", e->identity);
	ev_member(b, &n, "confidence", psirt_match_confidence_name(e->confidence));
	ev_member(b, &n, "why", e->why);
	if (e->criteria) {
		ev_member(b, &n, "criteria", e->criteria);
		psirt_jsonw_key(b, !n++, "place");
		psirt_buf_addch(b, '[');
		psirt_jsonw_int(b, e->config);
		psirt_buf_addch(b, ',');
		psirt_jsonw_int(b, e->node);
		psirt_buf_addch(b, ',');
		psirt_jsonw_int(b, e->match);
		psirt_buf_addch(b, ']');
		if (e->platform)
			ev_member(b, &n, "platform", e->platform);
	} else {
		ev_member(b, &n, "ecosystem", e->ecosystem);
		ev_member(b, &n, "package", e->package);
		ev_member(b, &n, "rangeType", e->range_type);
		ev_member(b, &n, "events", e->events);
	}
	psirt_buf_addch(b, '}');
}

/* job slots: the job the main thread writes, and up to two computed on
 * worker threads meanwhile (one per core: when the main thread has little
 * to write, a full re-match of versions whose findings did not change, the
 * matching bounds the run's time) */
#define NSLOT 3

struct run {
	struct psirt_store *store;
	const struct psirt_match_index *idx, *scope_idx;
	const char *actor;
	long long run;
	struct psirt_findings_match_stats *stats;
	struct psirt_diag *diag;
	/* one evidence packer per job slot (a job is computed on one thread
	 * at a time; the slots' jobs may be at once) */
	struct psirt_evpack *pack[NSLOT];
	/* new findings of the version being written */
	struct psirt_store_found *pending;
	size_t npending, cap_pending;
	/* a bulk run decides the findings of versions never matched as they
	 * are found: the policy, every vulnerability's triage inputs (by
	 * name, with what each gives alone, derived at its first finding), the
	 * transaction's time (their first_seen). vulns (struct triage_read's,
	 * indexed on its thread, joined before) is used by the deciding jobs'
	 * job_compute alone (J->decide), one at a time: a deciding job starts
	 * (pthread_create, or inline) only when no other deciding job is on a
	 * worker — every earlier one was joined (pthread_join; struct pipe) —
	 * so each sees every entry an earlier one made, and no two overlap.
	 * Jobs that do not decide never touch it and may overlap one deciding
	 * job and each other. The decisions copy what they take from an entry;
	 * the main thread never reads the cache and releases it after the last
	 * join. */
	int decide;
	const struct psirt_policy *pol;
	struct findings__vuln_cache *vulns;
	const char *now;
	/* a run that is not bulk decides the new findings of the versions it
	 * matches against the changed records alone (mode DELTA, DELTA_ALL)
	 * as it writes them too (decide_pending), not triage rewriting each
	 * after (its index entries moved twice): each is of a changed
	 * vulnerability, whose inputs delta_vulns holds (read before the
	 * versions; the main thread's alone); a name not in it is left to
	 * triage. pol and now as above. */
	int decide_delta;
	struct findings__vuln_cache delta_vulns;
	/* vulnerability name -> &vuln_withdrawn[0 or 1], as looked up */
	struct psirt_map withdrawn;
	/* the version being written had a finding inserted, changed or closed */
	int wrote;
	/* the main thread's buffers for the evidence texts it writes
	 * (found_text) */
	struct psirt_buf evs, packed;
};

static int cmp_pending(const void *a, const void *b)
{
	const struct psirt_store_found *x = a, *y = b;
	int c = strcmp(x->vuln, y->vuln);

	return c ? c : strcmp(x->component, y->component);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int is_open(const char *state)
{
	return !strcmp(state, "in_triage") || !strcmp(state, "affected");
}

/* fixed or withdrawn: a finding found again is reopened */
static int is_closed(const char *state)
{
	return !strcmp(state, "fixed") || !strcmp(state, "withdrawn");
}

/* Values of struct run's withdrawn map (a NULL value reads as absent). */
static char vuln_withdrawn[2];

static enum psirt_err close_one(struct run *R, const struct psirt_store_finding_row *e)
{
	size_t len = strlen(e->vuln);
	const char *known = psirt_map_get(&R->withdrawn, e->vuln, len);
	int gone = known == &vuln_withdrawn[1];
	enum psirt_err err = PSIRT_OK;

	/* once per vulnerability: a run closes thousands of findings of a few
	 * hundred (its records do not change under the run) */
	if (!known) {
		err = psirt_store_vuln_withdrawn(R->store, e->vuln, &gone, R->diag);
		if (!err && psirt_map_put(&R->withdrawn, e->vuln, len, &vuln_withdrawn[gone], NULL))
			err = psirt_diag_set(R->diag, PSIRT_ENOMEM, "out of memory");
	}
	if (!err)
		err = psirt_store_finding_close(R->store, e->id, e->state, gone, R->actor, R->diag);
	R->wrote = 1;
	if (!err) {
		if (gone)
			R->stats->withdrawn++;
		else
			R->stats->fixed++;
	}
	return err;
}

/* Does stored finding e carry f's found hash (every compared field, the
 * evidence among them, in 16 bytes)? */
static int same_hash(const struct psirt_store_finding_row *e, const struct psirt_store_found *f)
{
	return e->has_hash && !memcmp(e->found_hash, f->found_hash, sizeof f->found_hash);
}

/* Rewrites stored finding e as found f (state: the closed state it leaves,
 * NULL: kept). */
static enum psirt_err refresh(struct run *R, const struct psirt_store_finding_row *e,
                              const struct psirt_store_found *f, const char *state)
{
	R->wrote = 1;
	return psirt_store_finding_refresh(R->store, e->id, f, R->run, state, R->actor, R->diag);
}

/* What was found against what is stored (both by component, vulnerability).
 * f has its found_hash (job_compute hashes every found); e's evidence is
 * not read (psirt_store_findings_of). */
static enum psirt_err write_one(struct run *R, const struct psirt_store_found *f,
                                const struct psirt_store_finding_row *e, struct psirt_arena *arena)
{
	enum psirt_err err = PSIRT_OK;

	if (!e) {
		/* inserted after the comparison, in (vulnerability, component)
		 * order: finding ids as every earlier release numbered them */
		struct psirt_store_found *p;

		if (R->npending == R->cap_pending) {
			size_t cap = R->cap_pending ? R->cap_pending * 2 : 64;

			p = realloc(R->pending, cap * sizeof *p);
			if (!p)
				return psirt_diag_set(R->diag, PSIRT_ENOMEM, "out of memory");
			R->pending = p;
			R->cap_pending = cap;
		}
		R->pending[R->npending++] = *f; /* borrows the job's strings */
		R->stats->created++;
		R->wrote = 1;
	} else if (is_closed(e->state)) {
		err = refresh(R, e, f, e->state);
		R->stats->reopened++;
	} else if (e->has_hash) {
		if (!same_hash(e, f))
			err = refresh(R, e, f, NULL);
		R->stats->seen++;
	} else {
		/* written before found_hash: field by field, then given it */
		int differs = !same(e->record, f->record) || !same(e->source, f->source) ||
		              !same(e->confidence, f->confidence) ||
		              !same(e->component_name, f->component_name) ||
		              !same(e->component_version, f->component_version) ||
		              !same(e->component_purl, f->component_purl);
		const char *evidence = NULL;

		/* the evidence last, read only now (findings_of does not): a
		 * finding no longer found never needs it */
		if (!differs)
			err = psirt_store_finding_evidence(R->store, e->id, arena, &evidence, R->diag);
		if (!err && (differs || !same(evidence, f->evidence)))
			err = refresh(R, e, f, NULL);
		else if (!err)
			err = psirt_store_finding_hash_put(R->store, e->id, f, R->diag);
		R->stats->seen++;
	}
	return err;
}

/* One version's work, in three steps: prepare (the store: its components),
 * compute (no store: keys, the match, the evidence — a worker thread may run
 * it while the main thread writes the previous version), write (the store). */
struct job {
	const struct psirt_store_match_version *v;
	enum mode mode;
	struct psirt_arena arena;
	struct psirt_store_match_component *comps;
	size_t n;
	const struct psirt_match_index *idx;
	/* the job slot's packer (struct run), when its finds are packed here:
	 * a version never matched, all of whose finds are new (others'
	 * unchanged finds are not written: the store packs what it writes) */
	struct psirt_evpack *pack;
	struct psirt_match_results res;
	struct psirt_store_match_key *mkeys;
	size_t nmkeys, cap_mkeys;
	long long key_seq;
	int nomem;
	struct psirt_store_found *found; /* by component key, vulnerability */
	size_t nfound;
	/* the results grouped into founds (findings__group_items): found i
	 * groups matches[from[i] .. from[i + 1]), kept to write its evidence text
	 * when it is needed (found_text) */
	const struct psirt_match_finding **matches;
	size_t *from;
	/* a full match's (mode FULL): the digest of found
	 * (findings__found_digest), and whether it equals the one the
	 * version's last full match stored (its findings are then as found:
	 * nothing to compare or write) */
	unsigned char digest[PSIRT_FOUND_DIGEST_BYTES];
	int unchanged;
	/* decided as found (struct run's decide): the version's triage row
	 * (its product's attributes), a decision per found; or, decided as
	 * written (decide_pending), one per pending found */
	const struct run *R;
	int decide;
	struct psirt_store_triage_row vrow;
	struct findings__decided *decided;
	enum psirt_err err;
	struct psirt_diag diag;
};

static void add_key(void *ctx, unsigned long long key)
{
	struct job *J = ctx;

	if (J->nmkeys == J->cap_mkeys) {
		size_t cap = J->cap_mkeys ? J->cap_mkeys * 2 : 1024;
		struct psirt_store_match_key *p = realloc(J->mkeys, cap * sizeof *p);

		if (!p) {
			J->nomem = 1;
			return;
		}
		J->mkeys = p;
		J->cap_mkeys = cap;
	}
	J->mkeys[J->nmkeys].key = key;
	J->mkeys[J->nmkeys].seq = J->key_seq;
	J->nmkeys++;
}

static void job_release(struct job *J)
{
	size_t i;

	for (i = 0; J->decided && i < J->nfound; i++)
		findings__decided_release(&J->decided[i]);
	free(J->decided);
	free(J->found);
	free(J->matches);
	free(J->from);
	free(J->mkeys);
	psirt_match_results_release(&J->res);
	psirt_arena_release(&J->arena);
	psirt_diag_release(&J->diag);
	memset(J, 0, sizeof *J);
}

/* Whether the job of v in mode decides its findings (struct run's decide):
 * never matched, everything it finds is new. */
static int job_decides(const struct run *R, const struct psirt_store_match_version *v,
                       enum mode mode)
{
	return R->decide && mode == FULL && !v->matched;
}

/* Prepares J, the job of slot slot (0 .. NSLOT-1: its packer is
 * R->pack[slot], used by no other job computed meanwhile), for v. Main
 * thread only (it reads the store), before J's worker starts. */
static enum psirt_err job_prepare(struct run *R, struct job *J, int slot,
                                  const struct psirt_store_match_version *v, enum mode mode)
{
	enum psirt_err err;

	memset(J, 0, sizeof *J);
	J->pack = mode == FULL && !v->matched ? R->pack[slot] : NULL;
	J->v = v;
	J->mode = mode;
	J->idx = mode == FULL ? R->idx : R->scope_idx;
	J->R = R;
	psirt_arena_init(&J->arena, 0);
	psirt_match_results_init(&J->res);
	J->decide = job_decides(R, v, mode);
	if (J->decide) {
		err = psirt_store_triage_version(R->store, v->id, &J->arena, &J->vrow, R->diag);
		if (err)
			return err;
	}
	return mode == DELTA ? psirt_store_match_components_cand(R->store, v->id, &J->arena,
	                                                         &J->comps, &J->n, R->diag)
	                     : psirt_store_match_components(R->store, v->id, &J->arena, &J->comps,
	                                                    &J->n, R->diag);
}

/* Decides new finding f of a version whose triage row is vrow as triage
 * would once it is written (no overrides, first seen now), into *out
 * (zeroed; f's decision points into it). vt: its vulnerability's entry. */
static enum psirt_err decide_one(const struct run *R, const struct psirt_store_triage_row *vrow,
                                 const struct findings__vuln_triage *vt,
                                 struct psirt_store_found *f, struct findings__decided *out,
                                 struct psirt_diag *diag)
{
	const struct psirt_store_triage_vuln *tv = vt->tv;
	struct psirt_store_triage_row row = *vrow;
	enum psirt_err err;

	row.vuln = f->vuln;
	row.first_seen = R->now;
	row.kev_date = tv ? tv->kev_date : NULL;
	row.epss = tv ? tv->epss : -1;
	row.cvss = tv ? tv->cvss : NULL;
	err = findings__decide_new(R->pol, &row, vt, MATCH_WHY, out, diag);
	if (!err) {
		f->decision = &out->d;
		f->decision_text = out->audit_new.p;
		f->decision_comment = out->audit_comment.p;
	}
	return err;
}

/* Decides each found (all new: a version never matched). */
static enum psirt_err decide_found(struct job *J)
{
	const struct run *R = J->R;
	size_t i;

	J->decided = calloc(J->nfound, sizeof *J->decided);
	if (!J->decided)
		return psirt_diag_set(&J->diag, PSIRT_ENOMEM, "out of memory");
	for (i = 0; i < J->nfound; i++) {
		const struct findings__vuln_triage *vt =
			findings__vuln_triage_get(R->vulns, J->found[i].vuln, &J->diag);
		enum psirt_err err;

		if (!vt)
			return PSIRT_ENOMEM;
		err = decide_one(R, &J->vrow, vt, &J->found[i], &J->decided[i], &J->diag);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

/* findings asked for ahead of the one whose evidence text is written
 * (ev_prefetch) */
#define EV_AHEAD 8

/* Writes found i's evidence text (J->found[i].evidence, in J's arena) from
 * its matches, and packs it when J packs (J->pack: the worker, a version
 * never matched); evs and packed: buffers to use. On the worker for every
 * found, or on the main thread for one job_write writes (J computed). */
static enum psirt_err found_text(struct job *J, size_t i, struct psirt_buf *evs,
                                 struct psirt_buf *packed, struct psirt_diag *diag)
{
	const struct psirt_match_results *res = &J->res;
	struct psirt_store_found *f = &J->found[i];
	const char *sep = "[";
	size_t j, k, to = J->from[i + 1];
	enum psirt_err err;
	void *blob;

	psirt_buf_reset(evs);
	for (j = J->from[i]; j < to; j++) {
		const struct psirt_match_finding *mf = J->matches[j];

		if (j + EV_AHEAD < res->n)
			ev_prefetch(J->matches[j + EV_AHEAD]);
		for (k = 0; k < mf->nevidence; k++) {
			psirt_buf_addch(evs, *sep);
			sep = ",";
			findings__evidence_text(evs, mf, &mf->evidence[k]);
		}
	}
	psirt_buf_adds(evs, *sep == '[' ? "[]" : "]");
	f->evidence = psirt_buf_error(evs) ? NULL : psirt_arena_strndup(&J->arena, evs->p, evs->len);
	if (!f->evidence)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (!J->pack)
		return PSIRT_OK;
	psirt_buf_reset(packed);
	err = psirt_evpack_pack(J->pack, evs->p, evs->len, packed, diag);
	if (err)
		return err;
	blob = psirt_arena_alloc(&J->arena, packed->len);
	if (!blob)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	memcpy(blob, packed->p, packed->len);
	f->evidence_packed = blob;
	f->evidence_packed_len = packed->len;
	return PSIRT_OK;
}

static void *job_compute(void *arg)
{
	struct job *J = arg;
	const struct psirt_store_match_version *v = J->v;
	struct psirt_match_subject *subj = NULL;
	struct findings__group_item *items = NULL;
	const char **keys = NULL;
	struct psirt_match_results *res = &J->res;
	/* a found's evidence text and its stored form (packed here, off the
	 * main thread that writes: a fifth of the bytes to write) */
	struct psirt_buf evs = PSIRT_BUF_INIT, packed = PSIRT_BUF_INIT;
	size_t n = J->n, i, j;
	enum psirt_err err = PSIRT_OK;

	subj = calloc(n ? n : 1, sizeof *subj);
	keys = calloc(n ? n : 1, sizeof *keys);
	if (!subj || !keys)
		goto out_nomem;
	for (i = 0; i < n; i++) {
		const struct psirt_store_match_component *c = &J->comps[i];
		struct psirt_buf b;

		subj[i].purl = c->purl;
		subj[i].cpes = c->cpes;
		subj[i].ncpes = c->ncpes;
		subj[i].commit = c->commit; /* OSV GIT ranges */
		subj[i].repo = c->repo;
		subj[i].name = c->name;
		subj[i].version = c->version;
		psirt_buf_init(&b, 0);
		psirt_buf_addf(&b, "%s@%s", c->name ? c->name : "", c->version ? c->version : "");
		keys[i] = psirt_buf_error(&b) ? NULL : psirt_arena_strdup(&J->arena, b.p);
		psirt_buf_release(&b);
		if (!keys[i])
			goto out_nomem;
		if (J->mode == FULL) {
			J->key_seq = c->seq;
			if (psirt_match_subject_keys(&subj[i], add_key, J))
				goto out_nomem;
		}
	}
	if (J->mode == FULL) {
		J->key_seq = -1;
		for (i = 0; i < v->nhardware; i++)
			if (psirt_match_cpe_keys(v->hardware[i], add_key, J))
				goto out_nomem;
		if (v->firmware_cpe && psirt_match_cpe_keys(v->firmware_cpe, add_key, J))
			goto out_nomem;
		if (J->nomem)
			goto out_nomem;
		/* match_key's order (its primary key, one version): a version's
		 * keys are written as one sweep through that B-tree, not a
		 * random insert each */
		if (J->nmkeys)
			qsort(J->mkeys, J->nmkeys, sizeof *J->mkeys, psirt_store_match_key_cmp);
	}
	err = psirt_match_product(J->idx, subj, n, v->hardware, v->nhardware, v->firmware_cpe, res,
	                          &J->diag);
	if (err)
		goto out;
	items = calloc(res->n ? res->n : 1, sizeof *items);
	J->matches = calloc(res->n ? res->n : 1, sizeof *J->matches);
	J->found = calloc(res->n ? res->n : 1, sizeof *J->found);
	J->from = calloc(res->n + 1, sizeof *J->from);
	if (!items || !J->matches || !J->found || !J->from)
		goto out_nomem;
	if (findings__group_items(items, res, keys, n))
		goto out_nomem;
	for (i = 0; i < res->n; i++)
		J->matches[i] = &res->findings[items[i].finding];
	for (i = 0; i < res->n; i = j) {
		const struct psirt_match_finding *first = J->matches[i];
		struct psirt_store_found *f = &J->found[J->nfound];
		enum psirt_match_confidence best = PSIRT_MATCH_LOW;

		for (j = i; j < res->n && same_item(&items[j], &items[i]); j++)
			if (J->matches[j]->confidence > best)
				best = J->matches[j]->confidence;
		J->from[J->nfound] = i;
		f->version_id = v->id;
		f->component = items[i].key;
		if (first->subject != PSIRT_MATCH_PRODUCT) {
			f->component_name = J->comps[first->subject].name;
			f->component_version = J->comps[first->subject].version;
			f->component_purl = J->comps[first->subject].purl;
		}
		f->vuln = first->vuln;
		f->record = first->record;
		f->source = psirt_vuln_source_name(first->source);
		f->confidence = psirt_match_confidence_name(best);
		/* from the members of its evidence (not its text) */
		err = findings__found_hash(f, J->matches + i, j - i, &evs, &J->diag);
		if (err)
			goto out;
		f->has_hash = 1;
		J->nfound++;
	}
	J->from[J->nfound] = res->n;
	if (J->mode == FULL) {
		findings__found_digest(J->found, J->nfound, J->digest);
		J->unchanged = v->has_digest && !memcmp(J->digest, v->found_digest, sizeof J->digest);
	}
	/* the evidence texts: here, on the worker, where every found is new
	 * (a version never matched: packed here too) or few (an incremental
	 * run's); a version matched before writes few of its founds, and
	 * none when unchanged: job_write has those it writes written
	 * (found_text) */
	if (!(J->mode == FULL && v->matched)) {
		for (i = 0; i < res->n && i < EV_AHEAD; i++)
			ev_prefetch(J->matches[i]);
		for (i = 0; !err && i < J->nfound; i++)
			err = found_text(J, i, &evs, &packed, &J->diag);
		if (err)
			goto out;
	}
	if (J->decide && J->nfound)
		err = decide_found(J);
	goto out;

out_nomem:
	err = psirt_diag_set(&J->diag, PSIRT_ENOMEM, "out of memory");
out:
	psirt_buf_release(&evs);
	psirt_buf_release(&packed);
	free(items);
	free(subj);
	free(keys);
	J->err = err;
	return NULL;
}

/* Decides the pending (new) findings of J, a version matched against the
 * changed records alone, when the run decides them (struct run's
 * decide_delta): into J->decided, by pending index (as many as J's
 * founds, which job_release releases: the pending are some of them). */
static enum psirt_err decide_pending(struct run *R, struct job *J)
{
	struct psirt_store_triage_row vrow;
	enum psirt_err err;
	size_t i;

	J->decided = calloc(J->nfound, sizeof *J->decided);
	if (!J->decided)
		return psirt_diag_set(R->diag, PSIRT_ENOMEM, "out of memory");
	err = psirt_store_triage_version(R->store, J->v->id, &J->arena, &vrow, R->diag);
	for (i = 0; !err && i < R->npending; i++) {
		const struct findings__vuln_triage *vt =
			findings__vuln_triage_get(&R->delta_vulns, R->pending[i].vuln, R->diag);

		if (!vt)
			return PSIRT_ENOMEM;
		if (vt->tv)
			err = decide_one(R, &vrow, vt, &R->pending[i], &J->decided[i], R->diag);
	}
	return err;
}

/* Whether write_one writes found f (or compares its evidence text) against
 * e, the stored finding (NULL: none): all but a finding stored with the
 * same hash, open or in an analyst's state. */
static int needs_text(const struct psirt_store_found *f, const struct psirt_store_finding_row *e)
{
	return !e || is_closed(e->state) || !same_hash(e, f);
}

static enum psirt_err job_write(struct run *R, struct job *J)
{
	const struct psirt_store_match_version *v = J->v;
	struct psirt_store_finding_row *have = NULL;
	size_t nhave = 0, h = 0, i;
	enum psirt_err err = J->err;

	if (err)
		return psirt_diag_set(R->diag, err, "%s", J->diag.message ? J->diag.message
		                                                           : psirt_strerror(err));
	R->wrote = 0;
	if (J->mode == FULL)
		err = psirt_store_match_keys_put(R->store, v->id, J->mkeys, J->nmkeys, R->diag);
	/* found as its last full match left it: every found is stored as
	 * found, open or as an analyst set it (the digest is forgotten when a
	 * finding's state changes otherwise), and no other one is open */
	if (!err && J->unchanged) {
		R->stats->seen += J->nfound;
		R->stats->unchanged++;
		goto note;
	}
	if (!err)
		err = psirt_store_findings_of(R->store, v->id, J->mode != FULL, &J->arena, &have,
		                              &nhave, R->diag);
	for (i = 0; !err && i < J->nfound; i++) {
		struct psirt_store_found *f = &J->found[i];
		int c = 1;

		/* stored findings before this one are no longer found */
		while (!err && h < nhave &&
		       (c = strcmp(have[h].component, f->component) ? strcmp(have[h].component, f->component)
		                                                    : strcmp(have[h].vuln, f->vuln)) < 0) {
			if (is_open(have[h].state))
				err = close_one(R, &have[h]);
			h++;
		}
		if (!err && !f->evidence && needs_text(f, h < nhave && !c ? &have[h] : NULL))
			err = found_text(J, i, &R->evs, &R->packed, R->diag);
		if (!err)
			err = write_one(R, f, h < nhave && !c ? &have[h] : NULL, &J->arena);
		if (h < nhave && !c)
			h++;
	}
	for (; !err && h < nhave; h++)
		if (is_open(have[h].state))
			err = close_one(R, &have[h]);
	if (R->npending)
		qsort(R->pending, R->npending, sizeof *R->pending, cmp_pending);
	if (!err && R->npending && R->decide_delta && J->mode != FULL)
		err = decide_pending(R, J);
	for (i = 0; !err && i < R->npending; i++) {
		int decided = 0;

		err = psirt_store_finding_insert(R->store, &R->pending[i], R->run, R->actor, &decided,
		                                 R->diag);
		R->stats->triaged += decided;
	}
	R->npending = 0;
note:
	if (!err && J->mode == FULL)
		err = psirt_store_match_version_note(R->store, v->id, R->run, J->digest, R->diag);
	/* an incremental run's writes leave the digest of the version's last
	 * full match untrue */
	else if (!err && R->wrote)
		err = psirt_store_match_version_forget(R->store, v->id, R->diag);
	R->stats->versions++;
	return err;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

struct keyset {
	unsigned long long *k;
	size_t n, cap;
	int nomem;
};

static void keyset_add(void *ctx, unsigned long long key)
{
	struct keyset *K = ctx;

	if (K->n == K->cap) {
		size_t cap = K->cap ? K->cap * 2 : 1024;
		unsigned long long *p = realloc(K->k, cap * sizeof *p);

		if (!p) {
			K->nomem = 1;
			return;
		}
		K->k = p;
		K->cap = cap;
	}
	K->k[K->n++] = key;
}

/* The problems of the index the run used, each (record, field) once. */
static enum psirt_err report_problems(psirt_findings_problem_fn *fn, void *ctx,
                                      const struct psirt_match_index *idx,
                                      struct psirt_findings_match_stats *stats,
                                      struct psirt_diag *diag)
{
	const struct psirt_match_problem *p;
	size_t n = idx ? psirt_match_index_problems(idx, &p) : 0, i;
	struct psirt_map seen = PSIRT_MAP_INIT;
	struct psirt_buf key = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;

	for (i = 0; !err && i < n; i++) {
		psirt_buf_reset(&key);
		psirt_buf_adds(&key, p[i].record);
		psirt_buf_addch(&key, '\0');
		psirt_buf_adds(&key, p[i].field);
		if (psirt_buf_error(&key)) {
			err = PSIRT_ENOMEM;
			break;
		}
		if (psirt_map_has(&seen, key.p, key.len))
			continue;
		err = psirt_map_put(&seen, key.p, key.len, NULL, NULL);
		if (err)
			break;
		stats->problems++;
		if (fn)
			fn(ctx, &p[i]);
	}
	psirt_map_release(&seen);
	psirt_buf_release(&key);
	return err ? psirt_diag_set(diag, err, "out of memory") : PSIRT_OK;
}

/* A bulk run's triage inputs (psirt_store_triage_vulns, ~1.7 s for 320,000
 * vulnerabilities) read in a thread of their own on a second connection
 * while the main thread loads the index (~2.5 s, one thread): the run's
 * transaction has written nothing yet then (only its connection's
 * temporary tables) and holds the write lock, so the second connection
 * reads the same rows as the run's would. Into their own arena, and
 * indexed by name (vulns) there too: one thread's at a time. */
struct triage_read {
	struct psirt_store *reader; /* NULL: no second connection (":memory:") */
	struct psirt_arena arena;
	struct psirt_store_triage_vuln *tv;
	size_t ntv;
	struct findings__vuln_cache vulns;
	struct psirt_diag diag;
	enum psirt_err err;
	pthread_t th;
	int started;
};

static void *triage_read_run(void *arg)
{
	struct triage_read *T = arg;

	T->err = psirt_store_triage_vulns(T->reader, NULL, 0, &T->arena, &T->tv, &T->ntv,
	                                  &T->diag);
	if (!T->err)
		T->err = findings__vuln_cache_init(&T->vulns, T->tv, T->ntv, &T->diag);
	return NULL;
}

/* Starts the read when a second connection can be had; else it is read on
 * the run's connection after the index (triage_read_end). */
static void triage_read_start(struct triage_read *T, struct psirt_store *store)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;

	if (psirt_store_open_reader(store, &T->reader, &d)) {
		/* the read on store then says what is wrong, if anything */
		psirt_diag_release(&d);
		return;
	}
	T->started = !pthread_create(&T->th, NULL, triage_read_run, T);
	if (!T->started) {
		psirt_store_close(T->reader);
		T->reader = NULL;
	}
}

/* The inputs: the thread's, once it is done (its connection closed), or
 * read now on store. With err set (the run failed meanwhile) only waits
 * and closes. */
static enum psirt_err triage_read_end(struct triage_read *T, struct psirt_store *store,
                                      enum psirt_err err, struct psirt_diag *diag)
{
	if (T->started) {
		pthread_join(T->th, NULL);
		T->started = 0;
		if (!err && T->err)
			err = psirt_diag_set(diag, T->err, "%s",
			                     T->diag.message ? T->diag.message : psirt_strerror(T->err));
	}
	else if (!err) {
		err = psirt_store_triage_vulns(store, NULL, 0, &T->arena, &T->tv, &T->ntv, diag);
		if (!err)
			err = findings__vuln_cache_init(&T->vulns, T->tv, T->ntv, diag);
	}
	psirt_store_close(T->reader);
	T->reader = NULL;
	psirt_diag_release(&T->diag);
	return err;
}

/* The run's jobs (todo's versions, in order) in flight: job t in slot
 * t % NSLOT. The main thread prepares each (the store), starts it on a
 * worker, and joins and writes the jobs in order (the store has one
 * writer: the result is the same as one thread's), so at most NSLOT jobs
 * hold memory at once: the one written, and NSLOT - 1 computed meanwhile.
 * The index is read-only and shared; each slot has its own packer, arena
 * and diag (struct job). */
struct pipe {
	struct job jobs[NSLOT];
	pthread_t th[NSLOT];
	int running[NSLOT]; /* a worker computes the slot's job, not yet joined */
	size_t next;        /* the next job to prepare */
	size_t ntodo;
	const size_t *todo;
	const struct psirt_store_match_version *vs;
	const enum mode *mode;
};

/* Whether a deciding job is on a worker (struct run's vulns). */
static int pipe_deciding(const struct pipe *P)
{
	size_t s;

	for (s = 0; s < NSLOT; s++)
		if (P->running[s] && P->jobs[s].decide)
			return 1;
	return 0;
}

/* Prepares and starts the jobs before limit in order, stopping at a
 * deciding one while another deciding job runs (struct run's vulns): it
 * starts once that one is joined. The caller has released the slots'
 * earlier jobs (limit <= the first not released + NSLOT). */
static enum psirt_err pipe_fill(struct run *R, struct pipe *P, size_t limit)
{
	enum psirt_err err;

	if (limit > P->ntodo)
		limit = P->ntodo;
	while (P->next < limit) {
		size_t s = P->next % NSLOT, k = P->todo[P->next];
		struct job *J = &P->jobs[s];

		if (job_decides(R, &P->vs[k], P->mode[k]) && pipe_deciding(P))
			break;
		/* the slot holds a job to release from here on, even failed */
		P->next++;
		err = job_prepare(R, J, (int)s, &P->vs[k], P->mode[k]);
		if (err)
			return err;
		/* a version of an incremental run is a few components: less
		 * work than a thread's start */
		if (J->mode == FULL)
			P->running[s] = !pthread_create(&P->th[s], NULL, job_compute, J);
		if (!P->running[s])
			job_compute(J);
	}
	return PSIRT_OK;
}

/* Waits for slot s's worker, if any. */
static void pipe_join(struct pipe *P, size_t s)
{
	if (P->running[s]) {
		pthread_join(P->th[s], NULL);
		P->running[s] = 0;
	}
}

/* Joins every worker and releases every slot. */
static void pipe_release(struct pipe *P)
{
	size_t s;

	for (s = 0; s < NSLOT; s++) {
		pipe_join(P, s);
		job_release(&P->jobs[s]);
	}
}

enum psirt_err psirt_findings_match(struct psirt_store *store,
                                    const struct psirt_findings_match_opts *opts,
                                    struct psirt_findings_match_stats *stats,
                                    struct psirt_diag *diag)
{
	return psirt_findings_match_report(store, opts, NULL, NULL, stats, diag);
}

enum psirt_err psirt_findings_match_report(struct psirt_store *store,
                                           const struct psirt_findings_match_opts *opts,
                                           psirt_findings_problem_fn *problem, void *problem_ctx,
                                           struct psirt_findings_match_stats *stats,
                                           struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct psirt_store_match_version *vs;
	struct psirt_match_index *idx = NULL, *sidx = NULL;
	const struct psirt_match_index *given = NULL; /* opts->index, when current */
	struct keyset K = { NULL, 0, 0, 0 };
	const char **changed = NULL;
	long long *cand = NULL;
	size_t nv, nchanged = 0, ncand = 0, i, nfull = 0;
	enum mode *mode = NULL;
	size_t *todo = NULL, ntodo = 0, t;
	struct pipe P;
	int whole = !opts->product; /* every version considered: records can be noted */
	int wild = 0, bulk = 0;
	struct psirt_policy *pol = NULL;
	struct triage_read T;
	size_t triaged = 0;
	const char **bulk_sql = NULL;
	size_t nbulk_sql = 0, nfirst = 0;
	struct run R;
	enum psirt_err err;
	double clock = psirt_monotonic_s();
	struct progress pg;

	memset(stats, 0, sizeof *stats);
	memset(&pg, 0, sizeof pg);
	/* for the workers' digests (findings__found_digest) */
	if (sodium_init() < 0)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "cannot initialise libsodium");
	pg.fn = opts->progress;
	pg.ctx = opts->progress_ctx;
	pg.start = clock;
	memset(&R, 0, sizeof R);
	psirt_buf_init(&R.evs, 0);
	psirt_buf_init(&R.packed, 0);
	memset(&T, 0, sizeof T);
	if (!opts->actor)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a match run needs an actor");
	psirt_arena_init(&T.arena, 0);
	psirt_diag_init(&T.diag);
	report(&pg, PSIRT_FINDINGS_PHASE_INDEX, stats, 1);
	psirt_arena_init(&arena, 0);
	err = psirt_store_begin(store, diag);
	if (err)
		goto out;
	err = psirt_store_match_versions(store, opts->product, opts->version, &arena, &vs, &nv, diag);
	/* the product's firmware CPE names every release ("*"): each version is
	 * matched as its own release, or "firmware < 2.2.0" never reaches it */
	for (i = 0; !err && i < nv; i++) {
		if (!vs[i].firmware_cpe)
			continue;
		vs[i].firmware_cpe = psirt_portfolio_firmware_cpe(&arena, vs[i].firmware_cpe,
		                                                  vs[i].version);
		if (!vs[i].firmware_cpe)
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	if (!err)
		err = psirt_store_match_changed_vulns(store, &arena, &changed, &nchanged, diag);
	if (err)
		goto out_rollback;
	stats->changed_vulns = nchanged;
	memset(&P, 0, sizeof P);
	mode = calloc(nv ? nv : 1, sizeof *mode);
	todo = calloc(nv ? nv : 1, sizeof *todo);
	if (!mode || !todo) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_rollback;
	}
	for (i = 0; i < nv; i++) {
		/* an explicit --product or --all, a changed SBOM or product:
		 * every vulnerability; else only the changed ones */
		mode[i] = opts->all || opts->product || vs[i].stale ? FULL : DELTA;
		nfull += mode[i] == FULL;
		nfirst += !vs[i].matched;
	}
	/* mostly new findings: indexes built once at the end are far cheaper
	 * than kept up to date by each of a million inserts */
	bulk = opts->bulk > 0;
	if (!opts->bulk && nfirst >= BULK_MIN) {
		size_t matched = 0;

		err = psirt_store_matched_versions(store, &matched, diag);
		if (err)
			goto out_rollback;
		bulk = nfirst * 4 >= matched + nfirst;
	}
	if (nv && (nfull || nchanged)) {
		/* a bulk run decides the first matches' findings as it finds
		 * them (below): their triage inputs are read meanwhile, before
		 * the run's first write (psirt_store_match_run_begin) */
		if (bulk && nfirst)
			triage_read_start(&T, store);
		/* the indexes read the same snapshot: we hold the write lock */
		/* the caller's (the server keeps one) when the records are
		 * still those it was loaded from, else loaded here */
		if (nfull && opts->index) {
			unsigned long long gen = 0;

			err = psirt_store_records_generation(store, &gen, diag);
			if (!err && gen == opts->index_generation)
				given = opts->index;
		}
		if (!err && nfull && !given)
			err = psirt_match_index_load(store, &idx, diag);
		if (!err && nchanged && nfull < nv) {
			err = psirt_match_index_load_scope(store, &sidx, diag);
			if (!err)
				wild = psirt_match_index_keys(sidx, keyset_add, &K);
			if (!err && K.nomem)
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			if (!err)
				err = psirt_store_match_candidates(store, K.k, K.n, &arena, &cand, &ncand,
				                                   diag);
		}
		/* the full index holds every record's; else the changed ones' */
		if (!err)
			err = report_problems(problem, problem_ctx, idx ? idx : given ? given : sidx,
			                      stats, diag);
		if (!err)
			err = psirt_store_match_run_begin(store, opts->actor,
			                                  opts->all ? "all" : opts->product ? "product"
			                                                                    : "changes",
			                                  &R.run, diag);
		/* after the candidates: they are looked up by vulnerability */
		if (!err && bulk)
			err = psirt_store_findings_bulk_begin(store, &arena, &bulk_sql, &nbulk_sql, diag);
		stats->bulk = bulk;
		/* and decides the first matches' findings as it finds them: each
		 * written once, not written then rewritten by triage */
		if (!err && bulk && nfirst)
			err = findings__current_policy(store, &pol, diag);
		if (bulk && nfirst) {
			stats->triage_apart = T.started;
			err = triage_read_end(&T, store, err, diag);
			R.decide = !err;
			R.pol = pol;
			R.vulns = &T.vulns;
			R.now = psirt_store_now(store);
		}
		for (i = 0; !err && i < NSLOT; i++)
			err = psirt_evpack_new(&R.pack[i], diag);
		if (err)
			goto out_rollback;
		lap(stats, PSIRT_FINDINGS_PHASE_INDEX, &clock);
		R.store = store;
		R.idx = idx ? idx : given;
		R.scope_idx = sidx;
		R.actor = opts->actor;
		R.stats = stats;
		R.diag = diag;
		/* what each version needs: FULL, DELTA(_ALL), or nothing */
		for (i = 0; i < nv; i++) {
			if (mode[i] == FULL)
				todo[ntodo++] = i;
			else if (nchanged && wild) {
				mode[i] = DELTA_ALL;
				todo[ntodo++] = i;
			}
			else if (nchanged && ncand &&
			         bsearch(&vs[i].id, cand, ncand, sizeof *cand, cmp_ll))
				todo[ntodo++] = i;
		}
		/* versions matched against the changed records alone decide
		 * what they find as they write it (struct run's decide_delta):
		 * the changed vulnerabilities' inputs, read now */
		if (!bulk && nchanged && ntodo > nfull) {
			struct psirt_store_triage_vuln *dtv;
			size_t ndtv;

			err = findings__current_policy(store, &pol, diag);
			if (!err)
				err = psirt_store_triage_vulns(store, changed, nchanged, &arena, &dtv, &ndtv,
				                               diag);
			if (!err)
				err = findings__vuln_cache_init(&R.delta_vulns, dtv, ndtv, diag);
			if (err)
				goto out_rollback;
			R.decide_delta = 1;
			R.pol = pol;
			R.now = psirt_store_now(store);
		}
		pg.p.versions = ntodo;
		report(&pg, PSIRT_FINDINGS_PHASE_MATCH, stats, 1);
		/* up to three threads: the next two versions are matched while
		 * this one is written (the index is read-only, the store has one
		 * writer, deciding jobs one at a time: struct pipe, struct run);
		 * writes stay in version order, so the result is deterministic */
		P.ntodo = ntodo;
		P.todo = todo;
		P.vs = vs;
		P.mode = mode;
		/* jobs 0 and 1 (job 1 held back when both decide) */
		err = pipe_fill(&R, &P, NSLOT - 1);
		for (t = 0; !err && t < ntodo; t++) {
			struct job *J = &P.jobs[t % NSLOT];

			/* job t was started by now: by the fill before it, or,
			 * held back behind a deciding job t - 1, by the fill
			 * after t - 1's join */
			pipe_join(&P, t % NSLOT);
			/* job t + 2 (its slot's job t - 1 was released), and
			 * t + 1 if it was held back behind t */
			err = pipe_fill(&R, &P, t + NSLOT);
			if (!err)
				err = job_write(&R, J);
			/* the version's audit rows and day counts at once,
			 * while the next ones are matched; before triage, which
			 * audits the decisions of the undecided */
			if (!err && bulk)
				err = psirt_store_findings_bulk_flush(store, opts->actor, MATCH_WHY,
				                                      diag);
			pg.p.versions_done = t + 1;
			report(&pg, PSIRT_FINDINGS_PHASE_MATCH, stats, 0);
			job_release(J);
		}
		pipe_release(&P);
		/* every worker joined (struct run's vulns) */
		findings__vuln_cache_release(&T.vulns);
		if (!err)
			err = psirt_store_match_run_end(store, R.run, stats->versions, nchanged, diag);
		stats->run = R.run;
		/* triage needs no index: its memory goes back before */
		psirt_match_index_free(idx);
		psirt_match_index_free(sidx);
		idx = sidx = NULL;
		lap(stats, PSIRT_FINDINGS_PHASE_MATCH, &clock);
	}
	report(&pg, PSIRT_FINDINGS_PHASE_NOTE, stats, 1);
	if (!err && whole)
		err = psirt_store_match_note_records(store, diag);
	lap(stats, PSIRT_FINDINGS_PHASE_NOTE, &clock);
	report(&pg, PSIRT_FINDINGS_PHASE_TRIAGE, stats, 1);
	if (!err)
		err = findings__triage(store, 1,
		                       !bulk       ? PSIRT_STORE_TRIAGE_MARKED
		                       : R.decide ? PSIRT_STORE_TRIAGE_UNDECIDED
		                                  : PSIRT_STORE_TRIAGE_EVERY,
		                       opts->actor, MATCH_WHY, &triaged, diag);
	stats->triaged += triaged; /* and those decided as they were written */
	lap(stats, PSIRT_FINDINGS_PHASE_TRIAGE, &clock);
	if (nbulk_sql)
		report(&pg, PSIRT_FINDINGS_PHASE_REINDEX, stats, 1);
	if (!err)
		err = psirt_store_findings_bulk_end(store, bulk_sql, nbulk_sql, diag);
	lap(stats, PSIRT_FINDINGS_PHASE_REINDEX, &clock);
	report(&pg, PSIRT_FINDINGS_PHASE_COMMIT, stats, 1);
	if (err)
		goto out_rollback;
	/* the answer first: SQLite's checkpoint of the pages written (a
	 * third of a 1,000-CVE delta's time at the design's scale, mostly
	 * syncing them to disk) comes after (psirt_store_commit_deferred) */
	err = psirt_store_commit_deferred(store, diag);
	lap(stats, PSIRT_FINDINGS_PHASE_COMMIT, &clock);
	goto out;

out_rollback:
	psirt_store_rollback(store);
out:
	pg.p.last = 1;
	report(&pg, PSIRT_FINDINGS_PHASE_COMMIT, stats, 1);
	free(mode);
	free(K.k);
	free(todo);
	free(R.pending);
	findings__vuln_cache_release(&R.delta_vulns);
	psirt_map_release(&R.withdrawn);
	psirt_buf_release(&R.evs);
	psirt_buf_release(&R.packed);
	for (i = 0; i < NSLOT; i++)
		psirt_evpack_free(R.pack[i]);
	findings__vuln_cache_release(&T.vulns);
	psirt_policy_free(pol);
	psirt_match_index_free(idx);
	psirt_match_index_free(sidx);
	psirt_arena_release(&arena);
	psirt_arena_release(&T.arena);
	return err;
}

/* States ------------------------------------------------------------------*/

enum psirt_err psirt_findings_set(struct psirt_store *store, long long id, const char *state,
                                  const char *justification, const char *comment,
                                  int scope_product, const char *actor, size_t *changed,
                                  struct psirt_diag *diag)
{
	enum psirt_err err;
	int s = psirt_finding_state_parse(state);

	if (changed)
		*changed = 0;
	if (s < 0)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "unknown state '%s' (expected in_triage, affected, not_affected,"
		                      " fixed or false_positive)",
		                      state ? state : "");
	/* withdrawn closes a finding when every record of its vulnerability is
	 * withdrawn (psirt match); an analysis saying so would be reopened by
	 * the next match, so CLI and API refuse it alike */
	if (s == PSIRT_FINDING_WITHDRAWN)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "state withdrawn is set by the matcher, not by an analysis");
	if (justification && s != PSIRT_FINDING_NOT_AFFECTED)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a justification goes with not_affected");
	if (s == PSIRT_FINDING_NOT_AFFECTED && !justification)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "not_affected needs a justification (component_not_present,"
		                      " vulnerable_code_not_present, vulnerable_code_not_in_execute_path,"
		                      " vulnerable_code_cannot_be_controlled_by_adversary,"
		                      " inline_mitigations_already_exist)");
	if (justification && !psirt_finding_justification_valid(justification))
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "unknown justification '%s' (component_not_present,"
		                      " vulnerable_code_not_present, vulnerable_code_not_in_execute_path,"
		                      " vulnerable_code_cannot_be_controlled_by_adversary,"
		                      " inline_mitigations_already_exist)",
		                      justification);
	if (!actor)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a change needs an actor");
	err = psirt_store_begin(store, diag);
	if (err)
		return err;
	err = psirt_store_finding_set(store, id, state, justification, comment, scope_product, actor,
	                              changed, diag);
	/* an analyst's state takes a finding out of triage or back into it */
	if (!err)
		err = psirt_findings_triage(store, 1, actor, "state changed", NULL, diag);
	if (err) {
		psirt_store_rollback(store);
		return err;
	}
	return psirt_store_commit(store, diag);
}

/* Listing -----------------------------------------------------------------*/

enum psirt_err psirt_findings_list(struct psirt_store *store, const struct psirt_findings_filter *f,
                                   struct psirt_findings_list **out, struct psirt_diag *diag)
{
	struct psirt_findings_list *l = calloc(1, sizeof *l);
	enum psirt_err err;

	*out = NULL;
	if (!l)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&l->arena, 0);
	if (f->state && psirt_finding_state_parse(f->state) < 0) {
		psirt_findings_list_free(l);
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "unknown state '%s' (expected in_triage, affected, not_affected,"
		                      " fixed, false_positive or withdrawn)",
		                      f->state);
	}
	err = psirt_store_findings_list(store, f, &l->arena, &l->items, &l->n, diag);
	if (err) {
		psirt_findings_list_free(l);
		return err;
	}
	*out = l;
	return PSIRT_OK;
}

void psirt_findings_list_free(struct psirt_findings_list *l)
{
	if (!l)
		return;
	psirt_arena_release(&l->arena);
	free(l);
}
