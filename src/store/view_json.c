/* The merged view of a vulnerability as JSON (psirt vuln show --json). */
#include <jansson.h>

#include "psirt/store.h"

static const char *op_text(enum psirt_vuln_op op)
{
	return op == PSIRT_VULN_OP_AND ? "AND" : op == PSIRT_VULN_OP_OR ? "OR" : NULL;
}

/* Sets key to a string, or leaves it out when v is NULL. Returns -1 when
 * out of memory. */
static int set_str(json_t *o, const char *key, const char *v)
{
	return v ? json_object_set_new(o, key, json_string(v)) : 0;
}

static json_t *strings(const struct psirt_vuln_str *s)
{
	json_t *a = json_array();

	for (; a && s; s = s->next) {
		if (json_array_append_new(a, json_string(s->value))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* jansson's _new functions take the reference even when they fail, so each
 * element is built whole by one function and then appended: no path frees
 * twice or leaks. */
#define ARRAY_OF(fn, type, elem)                                            \
	static json_t *fn##_array(const type *x)                            \
	{                                                                   \
		json_t *a = json_array();                                   \
		for (; a && x; x = x->next) {                               \
			if (json_array_append_new(a, elem(x))) {            \
				json_decref(a);                             \
				return NULL;                                \
			}                                                   \
		}                                                           \
		return a;                                                   \
	}

static json_t *text(const struct psirt_vuln_text *t)
{
	json_t *o = json_object();

	if (!o || set_str(o, "lang", t->lang) || set_str(o, "value", t->value)) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(texts, struct psirt_vuln_text, text)

/* The stored block, parsed back so that it nests as JSON, not as a string. */
static json_t *raw(const char *json)
{
	return json ? json_loads(json, JSON_DECODE_ANY, NULL) : json_null();
}

static json_t *score(const struct psirt_vuln_score *sc)
{
	json_t *o = json_object();

	if (!o || set_str(o, "kind", sc->kind) || set_str(o, "version", sc->version) ||
	    set_str(o, "vector", sc->vector) ||
	    (sc->has_base_score && json_object_set_new(o, "baseScore", json_real(sc->base_score))) ||
	    set_str(o, "severity", sc->severity) || set_str(o, "source", sc->source) ||
	    set_str(o, "type", sc->type) || json_object_set_new(o, "data", raw(sc->json))) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(scores, struct psirt_vuln_score, score)

static json_t *weakness(const struct psirt_vuln_weakness *w)
{
	json_t *o = json_object();

	if (!o || set_str(o, "cwe", w->cwe) || set_str(o, "source", w->source) ||
	    set_str(o, "type", w->type)) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(weaknesses, struct psirt_vuln_weakness, weakness)

static json_t *ref(const struct psirt_vuln_ref *r)
{
	json_t *o = json_object();

	if (!o || set_str(o, "url", r->url) || set_str(o, "source", r->source) ||
	    json_object_set_new(o, "tags", strings(r->tags))) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(refs, struct psirt_vuln_ref, ref)

static json_t *match(const struct psirt_vuln_cpe_match *m)
{
	json_t *o = json_object();

	if (!o || json_object_set_new(o, "vulnerable", json_boolean(m->vulnerable)) ||
	    set_str(o, "criteria", m->criteria) ||
	    set_str(o, "matchCriteriaId", m->match_criteria_id) ||
	    set_str(o, "versionStartIncluding", m->version_start_including) ||
	    set_str(o, "versionStartExcluding", m->version_start_excluding) ||
	    set_str(o, "versionEndIncluding", m->version_end_including) ||
	    set_str(o, "versionEndExcluding", m->version_end_excluding) ||
	    set_str(o, "versionText", m->version_text)) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(matches, struct psirt_vuln_cpe_match, match)

static json_t *node(const struct psirt_vuln_node *n)
{
	json_t *o = json_object();

	if (!o || set_str(o, "operator", op_text(n->op)) ||
	    json_object_set_new(o, "negate", json_boolean(n->negate)) ||
	    json_object_set_new(o, "cpeMatch", matches_array(n->matches))) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(nodes, struct psirt_vuln_node, node)

static json_t *config(const struct psirt_vuln_config *c)
{
	json_t *o = json_object();

	if (!o || set_str(o, "operator", op_text(c->op)) ||
	    json_object_set_new(o, "negate", json_boolean(c->negate)) ||
	    json_object_set_new(o, "nodes", nodes_array(c->nodes))) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(configs, struct psirt_vuln_config, config)

static json_t *event(const struct psirt_vuln_event *e)
{
	json_t *o = json_object();

	if (!o || set_str(o, e->kind, e->value)) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(events, struct psirt_vuln_event, event)

static json_t *range(const struct psirt_vuln_range *r)
{
	json_t *o = json_object();

	if (!o || set_str(o, "type", r->type) || set_str(o, "repo", r->repo) ||
	    json_object_set_new(o, "events", events_array(r->events)) ||
	    (r->json && json_object_set_new(o, "data", raw(r->json)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(ranges, struct psirt_vuln_range, range)

static json_t *package(const struct psirt_vuln_package *p)
{
	json_t *o = json_object();

	if (!o || set_str(o, "ecosystem", p->ecosystem) || set_str(o, "name", p->name) ||
	    set_str(o, "purl", p->purl) || set_str(o, "purlType", p->purl_type) ||
	    set_str(o, "purlNamespace", p->purl_namespace) || set_str(o, "purlName", p->purl_name) ||
	    json_object_set_new(o, "ranges", ranges_array(p->ranges)) ||
	    json_object_set_new(o, "versions", strings(p->versions)) ||
	    (p->json && json_object_set_new(o, "data", raw(p->json)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}
ARRAY_OF(packages, struct psirt_vuln_package, package)

static json_t *record(const struct psirt_vuln_record *rec)
{
	json_t *o = json_object();

	if (!o || set_str(o, "source", psirt_vuln_source_name(rec->source)) ||
	    set_str(o, "id", rec->id) || set_str(o, "status", rec->status) ||
	    json_object_set_new(o, "withdrawn", json_boolean(rec->withdrawn)) ||
	    set_str(o, "withdrawnAt", rec->withdrawn_at) || set_str(o, "published", rec->published) ||
	    set_str(o, "modified", rec->modified) || set_str(o, "assigner", rec->assigner) ||
	    set_str(o, "importedAt", rec->imported_at) ||
	    json_object_set_new(o, "aliases", strings(rec->aliases)) ||
	    json_object_set_new(o, "related", strings(rec->related)) ||
	    json_object_set_new(o, "titles", texts_array(rec->titles)) ||
	    json_object_set_new(o, "descriptions", texts_array(rec->descriptions)) ||
	    json_object_set_new(o, "scores", scores_array(rec->scores)) ||
	    json_object_set_new(o, "weaknesses", weaknesses_array(rec->weaknesses)) ||
	    json_object_set_new(o, "references", refs_array(rec->refs)) ||
	    json_object_set_new(o, "configurations", configs_array(rec->configs)) ||
	    json_object_set_new(o, "packages", packages_array(rec->packages)) ||
	    (rec->extra_json && json_object_set_new(o, "extra", raw(rec->extra_json)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *kev(const struct psirt_kev_entry *e)
{
	json_t *o = json_object();

	if (!o || set_str(o, "cveID", e->cve) || set_str(o, "vendorProject", e->vendor_project) ||
	    set_str(o, "product", e->product) || set_str(o, "vulnerabilityName", e->name) ||
	    set_str(o, "dateAdded", e->date_added) ||
	    set_str(o, "shortDescription", e->short_description) ||
	    set_str(o, "requiredAction", e->required_action) || set_str(o, "dueDate", e->due_date) ||
	    set_str(o, "knownRansomwareCampaignUse", e->ransomware) ||
	    set_str(o, "notes", e->notes) || json_object_set_new(o, "cwes", strings(e->cwes)) ||
	    set_str(o, "catalogVersion", e->catalog_version) ||
	    set_str(o, "catalogDate", e->catalog_date)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *epss(const struct psirt_epss_score *e)
{
	json_t *o = json_object();

	if (!o || set_str(o, "cve", e->cve) || json_object_set_new(o, "epss", json_real(e->score)) ||
	    (e->has_percentile &&
	     json_object_set_new(o, "percentile", json_real(e->percentile))) ||
	    set_str(o, "modelVersion", e->model_version) || set_str(o, "scoreDate", e->score_date)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

struct json_t *psirt_vuln_view_to_json(const struct psirt_vuln_view *v)
{
	json_t *o = json_object(), *recs = json_array(), *k = json_array(), *e = json_array();
	json_t *rel = json_array();
	size_t i;
	int bad;

	bad = !o || !recs || !k || !e || !rel || set_str(o, "id", v->name) ||
	      json_object_set_new(o, "withdrawn", json_boolean(v->withdrawn)) ||
	      json_object_set_new(o, "aliases", strings(v->aliases));
	for (i = 0; !bad && i < v->n_records; i++)
		bad = json_array_append_new(recs, record(&v->records[i])) != 0;
	for (i = 0; !bad && i < v->n_kev; i++)
		bad = json_array_append_new(k, kev(&v->kev[i])) != 0;
	for (i = 0; !bad && i < v->n_epss; i++)
		bad = json_array_append_new(e, epss(&v->epss[i])) != 0;
	for (i = 0; !bad && i < v->n_related_records; i++)
		bad = json_array_append_new(rel, record(&v->related_records[i])) != 0;
	if (bad) {
		json_decref(rel);
		json_decref(e);
		json_decref(k);
		json_decref(recs);
		json_decref(o);
		return NULL;
	}
	/* from here each _new call takes its reference, failing or not */
	bad = json_object_set_new(o, "records", recs);
	bad |= json_object_set_new(o, "kev", k);
	bad |= json_object_set_new(o, "epss", e);
	bad |= json_object_set_new(o, "relatedRecords", rel);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
