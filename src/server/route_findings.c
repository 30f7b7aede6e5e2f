/* API area: findings — pages of findings, one finding with its evidence,
 * scores, SSVC path and history, analysis changes, the product versions a
 * vulnerability reaches, and the dashboard's findings figures.
 *
 * Who sees what (docs/server.md): engineers only the findings of their
 * products; viewers and engineers no finding of a vulnerability under an
 * embargo in force (answered as if it did not exist). */
#include <stdio.h>
#include <string.h>

#include "psirt/embargo.h"
#include "psirt/findings.h"
#include "psirt/isotime.h"
#include "psirt/jsonw.h"
#include "psirt/str.h"
#include "psirt/vuln.h"
#include "server/internal.h"
#include "server/reason.h"
#include "server/ssvc_path.h"

static void fail(struct srv_resp *resp, struct psirt_diag *diag)
{
	srv__fail(resp, diag);
	psirt_diag_release(diag);
}

/* Viewers and engineers see no finding of an embargoed vulnerability; the
 * other roles see it marked (now: the caller's clock). */
static void embargo_scope(const struct srv_req *req, struct psirt_findings_query *q,
                          const char *now)
{
	if (!psirt_role_sees_embargoed(req->who.role))
		q->hide_embargoed_at = now;
	else
		q->mark_embargoed_at = now;
}

/* The query's role scope: engineers see their products; the embargo as
 * embargo_scope. */
static void scope(const struct srv_req *req, struct psirt_findings_query *q, const char *now)
{
	if (req->who.role == PSIRT_ROLE_ENGINEER) {
		q->owner = req->who.name;
		q->owner_id = req->who.user_id;
	}
	embargo_scope(req, q, now);
}

static int is_open(const char *state)
{
	return !strcmp(state, "in_triage") || !strcmp(state, "affected");
}

/* Open and past its deadline (a deadline is a day: overdue from the next). */
static int overdue(const struct psirt_finding *f, const char *now)
{
	return is_open(f->state) && f->deadline && strncmp(f->deadline, now, 10) < 0;
}

/* A finding as listed. */
static json_t *finding_json(const struct psirt_finding *x, const char *now)
{
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:b, s:s, s:o, s:o, s:o,"
		" s:o, s:o, s:o, s:o, s:b, s:s, s:s, s:o}",
		"id", (json_int_t)x->id, "product", x->product, "version", x->version, "units",
		x->units < 0 ? json_null() : json_integer(x->units), "component", x->component,
		"componentName", srv__jstr(x->component_name), "componentVersion",
		srv__jstr(x->component_version), "purl", srv__jstr(x->component_purl),
		"vulnerability", x->vuln, "source", x->source, "confidence", x->confidence, "kev",
		x->kev, "state", x->state, "justification", srv__jstr(x->justification), "priority",
		x->priority ? json_integer(x->priority) : json_null(), "deadline",
		srv__jstr(x->deadline), "responseClass", srv__jstr(x->response_class), "reason",
		srv__jstr(x->reason), "reasonParts", srv__reason_json(x->reason), "ssvc",
		srv__jstr(x->ssvc), "overdue", overdue(x, now),
		"firstSeen", x->first_seen, "lastSeen", x->last_seen, "closedAt",
		srv__jstr(x->closed_at));

	/* embargoed: only ever true for the roles that see embargoed findings;
	 * supportEnded: the version's end of support is before today */
	if (o && (json_object_set_new(o, "embargoed", json_boolean(x->embargoed)) ||
	          json_object_set_new(o, "eos", srv__jstr(x->eos)) ||
	          json_object_set_new(o, "supportEnded",
	                              json_boolean(x->eos && strncmp(x->eos, now, 10) < 0)))) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

/* JSON text of the members finding_json and the affected versions both
 * write (the writers are json.c's). */
static void jw_bool(struct psirt_buf *b, int v)
{
	psirt_buf_adds(b, v ? "true" : "false");
}

/* v, or null when has is 0 */
static void jw_int_or_null(struct psirt_buf *b, int has, long long v)
{
	if (has)
		psirt_jsonw_int(b, v);
	else
		psirt_buf_adds(b, "null");
}

/* "product", "version" and "units" (null when unknown) of x; first: they
 * start the object. */
static void jw_product_version(struct psirt_buf *b, int first, const struct psirt_finding *x)
{
	psirt_jsonw_key(b, first, "product");
	psirt_jsonw_str(b, x->product);
	psirt_jsonw_key(b, 0, "version");
	psirt_jsonw_str(b, x->version);
	psirt_jsonw_key(b, 0, "units");
	jw_int_or_null(b, x->units >= 0, x->units);
}

/* "priority" (null when untriaged) and "deadline" of x. */
static void jw_priority_deadline(struct psirt_buf *b, const struct psirt_finding *x)
{
	psirt_jsonw_key(b, 0, "priority");
	jw_int_or_null(b, x->priority != 0, x->priority);
	psirt_jsonw_key(b, 0, "deadline");
	psirt_jsonw_str(b, x->deadline);
}

/* "reason" and "reasonParts", the reason taken apart (server/reason.h). */
static void jw_reason(struct psirt_buf *b, const struct psirt_finding *x)
{
	psirt_jsonw_key(b, 0, "reason");
	psirt_jsonw_str(b, x->reason);
	psirt_jsonw_key(b, 0, "reasonParts");
	srv__jw_json(b, srv__reason_json(x->reason));
}

/* The same as finding_json's, as JSON text appended to b (a page of 50
 * written this way costs a fraction of the tree: see json.c). */
void srv__finding_text(struct psirt_buf *b, const struct psirt_finding *x, const char *now)
{
	psirt_buf_addch(b, '{');
	psirt_jsonw_key(b, 1, "id");
	psirt_jsonw_int(b, x->id);
	jw_product_version(b, 0, x);
	psirt_jsonw_key(b, 0, "component");
	psirt_jsonw_str(b, x->component);
	psirt_jsonw_key(b, 0, "componentName");
	psirt_jsonw_str(b, x->component_name);
	psirt_jsonw_key(b, 0, "componentVersion");
	psirt_jsonw_str(b, x->component_version);
	psirt_jsonw_key(b, 0, "purl");
	psirt_jsonw_str(b, x->component_purl);
	psirt_jsonw_key(b, 0, "vulnerability");
	psirt_jsonw_str(b, x->vuln);
	psirt_jsonw_key(b, 0, "source");
	psirt_jsonw_str(b, x->source);
	psirt_jsonw_key(b, 0, "confidence");
	psirt_jsonw_str(b, x->confidence);
	psirt_jsonw_key(b, 0, "kev");
	jw_bool(b, x->kev);
	psirt_jsonw_key(b, 0, "state");
	psirt_jsonw_str(b, x->state);
	psirt_jsonw_key(b, 0, "justification");
	psirt_jsonw_str(b, x->justification);
	jw_priority_deadline(b, x);
	psirt_jsonw_key(b, 0, "responseClass");
	psirt_jsonw_str(b, x->response_class);
	jw_reason(b, x);
	psirt_jsonw_key(b, 0, "ssvc");
	psirt_jsonw_str(b, x->ssvc);
	psirt_jsonw_key(b, 0, "overdue");
	jw_bool(b, overdue(x, now));
	psirt_jsonw_key(b, 0, "firstSeen");
	psirt_jsonw_str(b, x->first_seen);
	psirt_jsonw_key(b, 0, "lastSeen");
	psirt_jsonw_str(b, x->last_seen);
	psirt_jsonw_key(b, 0, "closedAt");
	psirt_jsonw_str(b, x->closed_at);
	psirt_jsonw_key(b, 0, "embargoed");
	jw_bool(b, x->embargoed);
	psirt_jsonw_key(b, 0, "eos");
	psirt_jsonw_str(b, x->eos);
	psirt_jsonw_key(b, 0, "supportEnded");
	jw_bool(b, x->eos && strncmp(x->eos, now, 10) < 0);
	psirt_buf_addch(b, '}');
}

json_t *srv__finding_json(const struct psirt_finding *x, const char *now)
{
	return finding_json(x, now);
}

static const char *const sort_values[] = { "priority", "deadline", "product", "vulnerability",
	                                   "first_seen", NULL };

void srv__h_findings(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_findings_query q;
	struct psirt_finding *items;
	unsigned long long total;
	char now[PSIRT_ISOTIME_LEN + 1];
	const char *sort = srv__param(req, "sort"), *kev = srv__param(req, "kev"),
	           *od = srv__param(req, "overdue");
	struct psirt_buf *b;
	size_t n, i;

	psirt_isotime_now(now);
	memset(&q, 0, sizeof q);
	q.product = srv__param(req, "product");
	q.version = srv__param(req, "version");
	q.state = srv__param(req, "state");
	q.kev = kev && !strcmp(kev, "true");
	q.priority = srv__param(req, "priority") ? (int)srv__param_int(req, "priority") : 0;
	for (i = 0; sort && sort_values[i]; i++) {
		if (!strcmp(sort, sort_values[i]))
			q.sort = (enum psirt_findings_sort)i;
	}
	q.limit = (size_t)srv__param_int(req, "limit");
	q.offset = (size_t)srv__param_int(req, "offset");
	q.after = srv__param(req, "after") ? srv__param_int(req, "after") : 0;
	if (q.version && !q.product) {
		srv__error(resp, 400, "query parameter 'version' goes with 'product'", NULL);
		return;
	}
	if (od && !strcmp(od, "true")) {
		char *today = psirt_arena_strndup(req->arena, now, 10);

		if (!today) {
			srv__json(resp, 500, NULL);
			return;
		}
		q.overdue_before = today;
	}
	scope(req, &q, now);
	q.brief = 1; /* srv__finding_text writes no long column */
	if (psirt_store_findings_page(req->store, &q, req->arena, &items, &n, &total, &diag)) {
		fail(resp, &diag);
		return;
	}
	b = &resp->body;
	psirt_buf_reset(b);
	psirt_buf_adds(b, "{\"items\":[");
	for (i = 0; i < n; i++) {
		if (i)
			psirt_buf_addch(b, ',');
		srv__finding_text(b, &items[i], now);
	}
	psirt_buf_addch(b, ']');
	psirt_jsonw_key(b, 0, "total");
	psirt_jsonw_int(b, (long long)total);
	psirt_jsonw_key(b, 0, "limit");
	psirt_jsonw_int(b, (long long)q.limit);
	psirt_jsonw_key(b, 0, "offset");
	psirt_jsonw_int(b, (long long)q.offset);
	psirt_jsonw_key(b, 0, "sort");
	psirt_jsonw_str(b, psirt_findings_sort_name(q.sort));
	psirt_jsonw_key(b, 0, "now");
	psirt_jsonw_str(b, now);
	/* the keyset sorts' next page starts after the last finding of a full one */
	psirt_jsonw_key(b, 0, "next");
	if ((q.sort == PSIRT_FINDINGS_BY_PRIORITY || q.sort == PSIRT_FINDINGS_BY_DEADLINE) && n &&
	    n == q.limit)
		psirt_jsonw_int(b, items[n - 1].id);
	else
		psirt_buf_adds(b, "null");
	psirt_buf_addch(b, '}');
	srv__json_text(resp);
}

/* The finding id as the caller may see it: 0 with *x set; else answered
 * (404 when absent or embargoed for the role, 403 for an engineer's
 * finding of another's product). */
static int visible_finding(struct srv_req *req, struct srv_resp *resp, long long id,
                           const char *now, struct psirt_finding **x)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_findings_query q;
	size_t n;

	memset(&q, 0, sizeof q);
	q.id = id;
	embargo_scope(req, &q, now);
	if (psirt_store_findings_page(req->store, &q, req->arena, x, &n, NULL, &diag)) {
		fail(resp, &diag);
		return -1;
	}
	if (!n) {
		srv__errorf(resp, 404, "no finding %lld", id);
		return -1;
	}
	if (req->who.role == PSIRT_ROLE_ENGINEER) {
		int owns;

		if (psirt_store_user_owns_product(req->store, req->who.user_id, req->who.name,
		                                  (*x)->product, &owns, &diag)) {
			fail(resp, &diag);
			return -1;
		}
		if (!owns) {
			srv__errorf(resp, 403, "engineer %s sees only the findings of their products",
			            req->who.name);
			return -1;
		}
	}
	return 0;
}

/* Every score of the vulnerability with its source, from the merged view. */
static json_t *scores_json(const struct psirt_vuln_view *v)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && v && i < v->n_records; i++) {
		const struct psirt_vuln_record *r = &v->records[i];

		for (const struct psirt_vuln_score *s = r->scores; s; s = s->next) {
			json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "record", r->id,
			                      "feed", psirt_vuln_source_name(r->source), "version",
			                      srv__jstr(s->version), "vector", srv__jstr(s->vector),
			                      "baseScore",
			                      s->has_base_score ? json_real(s->base_score) : json_null(),
			                      "severity", srv__jstr(s->severity), "source",
			                      srv__jstr(s->source), "type", srv__jstr(s->type));

			if (!o || json_array_append_new(arr, o)) {
				json_decref(arr);
				return NULL;
			}
		}
	}
	return arr;
}

static json_t *history_json(const struct psirt_audit_entry *h, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++) {
		json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "at", srv__jstr(h[i].at),
		                      "actor", srv__jstr(h[i].actor), "field", srv__jstr(h[i].field),
		                      "old", srv__jstr(h[i].old_value), "new",
		                      srv__jstr(h[i].new_value), "comment", srv__jstr(h[i].comment),
		                      "parts",
		                      srv__audit_parts(h[i].field, h[i].old_value, h[i].new_value,
		                                       h[i].comment));

		if (!o || json_array_append_new(arr, o)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* The whole finding: what the list shows, and its evidence, the record it
 * came from, every score, EPSS, the SSVC inputs and path, the policy, its
 * comment and audit history. */
static void answer_finding(struct srv_req *req, struct srv_resp *resp,
                           const struct psirt_finding *x, const char *now, long long changed)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_audit_entry *h;
	struct psirt_vuln_view *v = NULL;
	size_t nh;
	json_t *o = finding_json(x, now);
	json_t *ev = x->evidence ? json_loads(x->evidence, 0, NULL) : NULL;
	json_t *in = x->ssvc_inputs ? json_loads(x->ssvc_inputs, 0, NULL) : NULL;
	int bad = !o;

	if (psirt_store_finding_history(req->store, x->id, req->arena, &h, &nh, &diag)) {
		json_decref(o);
		json_decref(ev);
		json_decref(in);
		fail(resp, &diag);
		return;
	}
	/* a vulnerability the store no longer has leaves the scores empty */
	if (psirt_store_vuln_get(req->store, x->vuln, &v, &diag)) {
		psirt_diag_release(&diag);
		v = NULL;
	}
	bad = bad || json_object_set_new(o, "record", srv__jstr(x->record));
	bad = bad || json_object_set_new(o, "evidence", ev ? ev : json_array());
	bad = bad || json_object_set_new(o, "ssvcInputs", in ? in : json_null());
	bad = bad || json_object_set_new(o, "ssvcPath", srv__ssvc_path_json(x->ssvc_inputs));
	bad = bad || json_object_set_new(o, "ssvcInputParts", srv__ssvc_inputs_json(x->ssvc_inputs));
	bad = bad || json_object_set_new(o, "policy", srv__jstr(x->policy));
	bad = bad || json_object_set_new(o, "comment", srv__jstr(x->comment));
	bad = bad || json_object_set_new(o, "scores", scores_json(v));
	bad = bad || json_object_set_new(o, "epss",
	                                 v && v->n_epss ? json_pack("{s:f, s:f, s:o}", "score",
	                                                          v->epss->score, "percentile",
	                                                          v->epss->percentile, "date",
	                                                          srv__jstr(v->epss->score_date))
	                                              : json_null());
	bad = bad || json_object_set_new(o, "kevDateAdded",
	                                 srv__jstr(v && v->n_kev ? v->kev->date_added : NULL));
	bad = bad || json_object_set_new(o, "history", history_json(h, nh));
	if (changed >= 0)
		bad = bad || json_object_set_new(o, "changed", json_integer(changed));
	psirt_vuln_view_free(v);
	if (bad) {
		json_decref(o);
		o = NULL;
	}
	srv__json(resp, 200, o);
}

void srv__h_finding(struct srv_req *req, struct srv_resp *resp)
{
	char now[PSIRT_ISOTIME_LEN + 1];
	struct psirt_finding *x;

	psirt_isotime_now(now);
	if (visible_finding(req, resp, srv__param_int(req, "id"), now, &x))
		return;
	answer_finding(req, resp, x, now, -1);
}

void srv__h_finding_analysis(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	long long id = srv__param_int(req, "id");
	const char *state = srv__member_str(req, "state"),
	           *just = srv__member_str(req, "justification"),
	           *comment = srv__member_str(req, "comment"), *sc = srv__member_str(req, "scope");
	char now[PSIRT_ISOTIME_LEN + 1];
	struct psirt_finding *x;
	size_t changed = 0;

	psirt_isotime_now(now);
	if (visible_finding(req, resp, id, now, &x))
		return;
	if (sc && strcmp(sc, "version") && strcmp(sc, "product")) {
		srv__errorf(resp, 400, "member 'scope' must be version or product, not '%s'", sc);
		return;
	}
	if (comment && !*comment)
		comment = NULL;
	if (psirt_findings_set(req->store, id, state, just && *just ? just : NULL, comment,
	                       sc && !strcmp(sc, "product"), req->who.name, &changed, &diag)) {
		fail(resp, &diag);
		return;
	}
	srv__changed(req->srv);
	if (visible_finding(req, resp, id, now, &x))
		return;
	/* changed: findings whose state changed (scope product: all versions) */
	answer_finding(req, resp, x, now, (long long)changed);
}

/* A page of the product versions the vulnerability reaches (the caller's
 * scope), newest first, with their findings and units; the totals over
 * all of them; `next` for the page after. */
void srv__h_vuln_affected(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *id = srv__param(req, "id");
	char now[PSIRT_ISOTIME_LEN + 1];
	struct psirt_affected_query q;
	struct psirt_affected_totals t;
	struct psirt_vuln_view light, *v;
	struct psirt_finding *items;
	struct psirt_embargo e;
	struct psirt_buf *b;
	long long next;
	size_t n, i, j, k;
	int active;

	psirt_isotime_now(now);
	/* the name and ids alone (the whole merged view costs more than a page
	 * of versions); the merged view's lookup for ids written otherwise */
	memset(&light, 0, sizeof light);
	if (!psirt_store_vuln_names(req->store, id, req->arena, &light.name, &light.aliases,
	                            &diag)) {
		v = &light;
	} else if (diag.code != PSIRT_ENOTFOUND) {
		fail(resp, &diag);
		return;
	} else {
		psirt_diag_release(&diag);
		if (psirt_store_vuln_get(req->store, id, &v, &diag)) {
			fail(resp, &diag);
			return;
		}
	}
	if (psirt_embargo_of_view(req->store, v, req->arena, &active, &e, &diag)) {
		if (v != &light)
			psirt_vuln_view_free(v);
		fail(resp, &diag);
		return;
	}
	if (active && !psirt_role_sees_embargoed(req->who.role)) {
		char *upper = psirt_arena_strdup(req->arena, id);

		for (char *p = upper; p && *p; p++)
			*p = (char)psirt_toupper((unsigned char)*p);
		if (v != &light)
			psirt_vuln_view_free(v);
		srv__errorf(resp, 404, "%s: not in the store", upper ? upper : id);
		return;
	}
	memset(&q, 0, sizeof q);
	q.vuln = psirt_arena_strdup(req->arena, v->name);
	/* the embargo was decided above for the vulnerability itself */
	if (req->who.role == PSIRT_ROLE_ENGINEER) {
		q.owner = req->who.name;
		q.owner_id = req->who.user_id;
	}
	q.limit = (size_t)srv__param_int(req, "limit");
	q.after = srv__param(req, "after") ? srv__param_int(req, "after") : 0;
	if (v != &light)
		psirt_vuln_view_free(v);
	if (!q.vuln) {
		srv__json(resp, 500, NULL);
		return;
	}
	if (psirt_store_vuln_affected(req->store, &q, req->arena, &items, &n, &next, &t, &diag)) {
		fail(resp, &diag);
		return;
	}
	/* one entry per product version, its findings inside, written as text */
	b = &resp->body;
	psirt_buf_reset(b);
	psirt_buf_adds(b, "{\"vulnerability\":");
	psirt_jsonw_str(b, q.vuln);
	psirt_buf_adds(b, ",\"versions\":[");
	for (i = 0; i < n; i = j) {
		const struct psirt_finding *x = &items[i];
		int open = 0;

		for (j = i; j < n && !strcmp(items[j].product, x->product) &&
		            !strcmp(items[j].version, x->version);
		     j++)
			open |= is_open(items[j].state);
		if (i)
			psirt_buf_addch(b, ',');
		psirt_buf_addch(b, '{');
		jw_product_version(b, 1, x);
		psirt_jsonw_key(b, 0, "open");
		jw_bool(b, open);
		psirt_jsonw_key(b, 0, "findings");
		psirt_buf_addch(b, '[');
		for (k = i; k < j; k++) {
			const struct psirt_finding *y = &items[k];

			if (k > i)
				psirt_buf_addch(b, ',');
			psirt_buf_addch(b, '{');
			psirt_jsonw_key(b, 1, "id");
			psirt_jsonw_int(b, y->id);
			psirt_jsonw_key(b, 0, "component");
			psirt_jsonw_str(b, y->component);
			psirt_jsonw_key(b, 0, "state");
			psirt_jsonw_str(b, y->state);
			jw_priority_deadline(b, y);
			jw_reason(b, y);
			psirt_jsonw_key(b, 0, "overdue");
			jw_bool(b, overdue(y, now));
			psirt_buf_addch(b, '}');
		}
		psirt_buf_adds(b, "]}");
	}
	psirt_buf_addch(b, ']');
	/* over every version reached, not just this page */
	psirt_jsonw_key(b, 0, "total");
	psirt_jsonw_int(b, (long long)t.versions);
	psirt_jsonw_key(b, 0, "openVersions");
	psirt_jsonw_int(b, (long long)t.open_versions);
	psirt_jsonw_key(b, 0, "unitsAffected");
	psirt_jsonw_int(b, t.units);
	psirt_jsonw_key(b, 0, "unitsUnknown");
	psirt_jsonw_int(b, (long long)t.units_unknown);
	psirt_jsonw_key(b, 0, "limit");
	psirt_jsonw_int(b, (long long)q.limit);
	psirt_jsonw_key(b, 0, "next");
	jw_int_or_null(b, next != 0, next);
	psirt_buf_addch(b, '}');
	srv__json_text(resp);
}

/* The findings figures of the dashboard, as the role may see them. */
json_t *srv__findings_figures(struct psirt_store *store, int sees_embargoed,
                              struct psirt_arena *arena, struct psirt_diag *diag)
{
	struct psirt_findings_figures f;
	char now[PSIRT_ISOTIME_LEN + 1], today[11];
	json_t *o, *pri, *classes, *top;
	size_t i;

	psirt_isotime_now(now);
	memcpy(today, now, 10);
	today[10] = '\0';
	if (psirt_store_findings_figures(store, today, sees_embargoed ? NULL : now, 5, arena, &f,
	                                 diag))
		return NULL;
	pri = json_pack("{s:I, s:I, s:I, s:I, s:I}", "P1", (json_int_t)f.by_priority[1], "P2",
	                (json_int_t)f.by_priority[2], "P3", (json_int_t)f.by_priority[3], "P4",
	                (json_int_t)f.by_priority[4], "untriaged", (json_int_t)f.by_priority[0]);
	classes = json_array();
	for (i = 0; classes && i < f.n_classes; i++)
		json_array_append_new(classes, json_pack("{s:o, s:I}", "class",
		                                         srv__jstr(f.classes[i].name), "open",
		                                         (json_int_t)f.classes[i].open));
	top = json_array();
	for (i = 0; top && i < f.n_top; i++)
		json_array_append_new(top, json_pack("{s:s, s:I, s:I, s:o}", "product", f.top[i].name,
		                                     "open", (json_int_t)f.top[i].open, "versions",
		                                     (json_int_t)f.top[i].versions, "units",
		                                     f.top[i].units < 0 ? json_null()
		                                                        : json_integer(f.top[i].units)));
	o = json_pack("{s:I, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:o}", "open", (json_int_t)f.open,
	              "byPriority", pri, "byClass", classes, "kev", (json_int_t)f.kev, "overdue",
	              (json_int_t)f.overdue, "versionsAffected", (json_int_t)f.versions_affected,
	              "unitsAffected", (json_int_t)f.units_affected, "versionsUnitsUnknown",
	              (json_int_t)f.versions_units_unknown, "topProducts", top);
	if (!o)
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return o;
}
