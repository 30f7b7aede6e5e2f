/* Findings: matching product versions into findings, states, listing
 * (include/psirt/findings.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/match.h"

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

/* Matching ----------------------------------------------------------------*/

struct group_item {
	const char *vuln;
	const char *key; /* component key */
	size_t finding;  /* index into the results */
};

static int cmp_item(const void *a, const void *b)
{
	const struct group_item *x = a, *y = b;
	int c = strcmp(x->vuln, y->vuln);

	if (!c)
		c = strcmp(x->key, y->key);
	if (!c)
		c = x->finding < y->finding ? -1 : x->finding > y->finding;
	return c;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *evidence_json(const struct psirt_match_finding *f,
                             const struct psirt_match_evidence *e)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "record", jstr(f->record));
	json_object_set_new(o, "source", jstr(psirt_vuln_source_name(f->source)));
	json_object_set_new(o, "via", jstr(psirt_match_via_name(e->via)));
	json_object_set_new(o, "identity", jstr(e->identity));
	json_object_set_new(o, "confidence", jstr(psirt_match_confidence_name(e->confidence)));
	json_object_set_new(o, "why", jstr(e->why));
	if (e->criteria) {
		json_object_set_new(o, "criteria", jstr(e->criteria));
		json_object_set_new(o, "place", json_pack("[iii]", e->config, e->node, e->match));
		if (e->platform)
			json_object_set_new(o, "platform", jstr(e->platform));
	} else {
		json_object_set_new(o, "ecosystem", jstr(e->ecosystem));
		json_object_set_new(o, "package", jstr(e->package));
		json_object_set_new(o, "rangeType", jstr(e->range_type));
		json_object_set_new(o, "events", jstr(e->events));
	}
	return o;
}

struct run {
	struct psirt_store *store;
	const struct psirt_match_index *idx;
	const char *actor;
	long long run;
	struct psirt_findings_match_stats *stats;
	struct psirt_diag *diag;
};

static enum psirt_err match_version(struct run *R, const struct psirt_store_match_version *v,
                                    int scoped)
{
	struct psirt_arena arena;
	struct psirt_store_match_component *comps;
	struct psirt_match_subject *subj = NULL;
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct group_item *items = NULL;
	const char **keys = NULL;
	size_t n, i, j, k;
	enum psirt_err err;

	psirt_arena_init(&arena, 0);
	err = psirt_store_match_components(R->store, v->id, &arena, &comps, &n, R->diag);
	if (err)
		goto out;
	subj = calloc(n ? n : 1, sizeof *subj);
	keys = calloc(n ? n : 1, sizeof *keys);
	if (!subj || !keys)
		goto out_nomem;
	for (i = 0; i < n; i++) {
		struct psirt_buf b;

		subj[i].purl = comps[i].purl;
		subj[i].cpes = comps[i].cpes;
		subj[i].ncpes = comps[i].ncpes;
		subj[i].name = comps[i].name;
		subj[i].version = comps[i].version;
		psirt_buf_init(&b, 0);
		psirt_buf_addf(&b, "%s@%s", comps[i].name ? comps[i].name : "",
		               comps[i].version ? comps[i].version : "");
		keys[i] = psirt_buf_error(&b) ? NULL : psirt_arena_strdup(&arena, b.p);
		psirt_buf_release(&b);
		if (!keys[i])
			goto out_nomem;
	}
	err = psirt_match_product(R->idx, subj, n, v->hardware, v->nhardware, v->firmware_cpe, &res,
	                          R->diag);
	if (err)
		goto out;
	items = calloc(res.n ? res.n : 1, sizeof *items);
	if (!items)
		goto out_nomem;
	for (i = 0; i < res.n; i++) {
		items[i].vuln = res.findings[i].vuln;
		items[i].key = res.findings[i].subject == PSIRT_MATCH_PRODUCT
		                   ? ""
		                   : keys[res.findings[i].subject];
		items[i].finding = i;
	}
	if (res.n)
		qsort(items, res.n, sizeof *items, cmp_item);
	for (i = 0; i < res.n; i = j) {
		const struct psirt_match_finding *first = &res.findings[items[i].finding];
		struct psirt_store_found f;
		enum psirt_store_found_outcome outcome;
		enum psirt_match_confidence best = PSIRT_MATCH_LOW;
		json_t *ev = json_array();
		char *evs;

		if (!ev)
			goto out_nomem;
		for (j = i; j < res.n && !strcmp(items[j].vuln, items[i].vuln) &&
		            !strcmp(items[j].key, items[i].key);
		     j++) {
			const struct psirt_match_finding *mf = &res.findings[items[j].finding];

			if (mf->confidence > best)
				best = mf->confidence;
			for (k = 0; k < mf->nevidence; k++)
				json_array_append_new(ev, evidence_json(mf, &mf->evidence[k]));
		}
		evs = json_dumps(ev, JSON_COMPACT);
		json_decref(ev);
		if (!evs)
			goto out_nomem;
		memset(&f, 0, sizeof f);
		f.version_id = v->id;
		f.component = items[i].key;
		if (first->subject != PSIRT_MATCH_PRODUCT) {
			f.component_name = comps[first->subject].name;
			f.component_version = comps[first->subject].version;
			f.component_purl = comps[first->subject].purl;
		}
		f.vuln = first->vuln;
		f.record = first->record;
		f.source = psirt_vuln_source_name(first->source);
		f.confidence = psirt_match_confidence_name(best);
		f.evidence = evs;
		err = psirt_store_finding_found(R->store, &f, R->run, R->actor, &outcome, R->diag);
		free(evs);
		if (err)
			goto out;
		if (outcome == PSIRT_STORE_FOUND_NEW)
			R->stats->created++;
		else if (outcome == PSIRT_STORE_FOUND_REOPENED)
			R->stats->reopened++;
		else
			R->stats->seen++;
	}
	err = psirt_store_findings_close_unseen(R->store, v->id, R->run, scoped, R->actor,
	                                        &R->stats->fixed, &R->stats->withdrawn, R->diag);
	if (!err && !scoped)
		err = psirt_store_match_version_note(R->store, v->id, R->run, R->diag);
	R->stats->versions++;
	goto out;

out_nomem:
	err = psirt_diag_set(R->diag, PSIRT_ENOMEM, "out of memory");
out:
	free(items);
	free(subj);
	free(keys);
	psirt_match_results_release(&res);
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_findings_match(struct psirt_store *store,
                                    const struct psirt_findings_match_opts *opts,
                                    struct psirt_findings_match_stats *stats,
                                    struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct psirt_store_match_version *vs;
	struct psirt_match_index *idx = NULL;
	const char **changed = NULL;
	size_t nv, nchanged = 0, i, todo = 0;
	int whole = !opts->product; /* every version considered: records can be noted */
	struct run R;
	enum psirt_err err;

	memset(stats, 0, sizeof *stats);
	if (!opts->actor)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a match run needs an actor");
	psirt_arena_init(&arena, 0);
	err = psirt_store_begin(store, diag);
	if (err)
		goto out;
	err = psirt_store_match_versions(store, opts->product, opts->version, &arena, &vs, &nv, diag);
	if (!err)
		err = psirt_store_match_changed_vulns(store, &arena, &changed, &nchanged, diag);
	if (err)
		goto out_rollback;
	stats->changed_vulns = nchanged;
	for (i = 0; i < nv; i++)
		if (opts->all || opts->product || vs[i].stale || nchanged)
			todo++;
	if (todo) {
		/* the index reads the same snapshot: we hold the write lock */
		err = psirt_match_index_load(store, &idx, diag);
		if (!err)
			err = psirt_store_match_run_begin(store, opts->actor,
			                                  opts->all ? "all" : opts->product ? "product"
			                                                                    : "changes",
			                                  &R.run, diag);
		if (err)
			goto out_rollback;
		R.store = store;
		R.idx = idx;
		R.actor = opts->actor;
		R.stats = stats;
		R.diag = diag;
		for (i = 0; !err && i < nv; i++) {
			/* an explicit --product or --all, a changed SBOM or product:
			 * every vulnerability; else only the changed ones */
			if (opts->all || opts->product || vs[i].stale)
				err = match_version(&R, &vs[i], 0);
			else if (nchanged)
				err = match_version(&R, &vs[i], 1);
		}
		if (!err)
			err = psirt_store_match_run_end(store, R.run, stats->versions, nchanged, diag);
		stats->run = R.run;
	}
	if (!err && whole)
		err = psirt_store_match_note_records(store, diag);
	if (!err)
		err = psirt_findings_triage(store, 1, opts->actor, "psirt match", &stats->triaged, diag);
	if (err)
		goto out_rollback;
	err = psirt_store_commit(store, diag);
	goto out;

out_rollback:
	psirt_store_rollback(store);
out:
	psirt_match_index_free(idx);
	psirt_arena_release(&arena);
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
