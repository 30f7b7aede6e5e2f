/* The SSVC decision path of a finding, for the API: the stored inputs turned
 * back into a tree evaluation (kept apart from the route handlers, which only
 * serialise what it returns). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "psirt/ssvc.h"
#include "psirt/str.h"
#include "server/ssvc_path.h"

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static enum psirt_ssvc_origin origin_parse(const char *s)
{
	static const enum psirt_ssvc_origin all[] = { PSIRT_SSVC_DERIVED, PSIRT_SSVC_GIVEN,
		                                      PSIRT_SSVC_OVERRIDDEN };

	for (size_t i = 0; s && i < sizeof all / sizeof all[0]; i++) {
		if (!strcmp(s, psirt_ssvc_origin_name(all[i])))
			return all[i];
	}
	return PSIRT_SSVC_UNSET;
}

static int starts(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* The parts of an input's source as triage writes it (src/triage/ssvc.c,
 * the psirt_ssvc_derive_* functions), for the UI to say in its language:
 * {code, arg?}; null for a source it does not know (an analyst's reason,
 * a CVSS vector: shown as written). */
static json_t *source_info(const char *s)
{
	static const struct {
		const char *prefix, *code;
	} known[] = {
		{ "product safety class ", "safety" },
		{ "product exposure ", "exposure" },
		{ "product business weight ", "weight" },
		{ "KEV-listed since ", "kev" },
		{ "exploited in the wild per ", "intel" },
		{ "Exploit-tagged reference ", "exploitRef" },
		{ "CVSS 4.0 E:A", "cvss4Attacked" },
		{ "not in KEV, no intel, no Exploit reference, ", "noExploitEpss" },
		{ "not in KEV, no intel, no Exploit reference", "noExploit" },
		{ "CVSS ", "cvss" },
		{ "EPSS ", "epss" },
	};

	if (!s)
		return json_null();
	if (!strcmp(s, "KEV-listed"))
		return json_pack("{s:s}", "code", "kev");
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (starts(s, known[i].prefix)) {
			json_t *o = json_pack("{s:s, s:s}", "code", known[i].code, "arg",
			                      s + strlen(known[i].prefix));

			return o ? o : json_null();
		}
	}
	return json_null();
}

/* The point and value keys of a step or input, with its source's parts. */
static json_t *described(const struct psirt_ssvc_point *p, int value, int origin,
                         const char *source, int depth, const char *table)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "point", p->name, "key",
	                      p->key, "value", jstr(value >= 0 ? p->values[value].name : NULL),
	                      "valueKey", jstr(value >= 0 ? p->values[value].key : NULL),
	                      "origin",
	                      jstr(value >= 0 ? psirt_ssvc_origin_name((enum psirt_ssvc_origin)origin)
	                                      : NULL),
	                      "source", jstr(source), "sourceInfo", source_info(source));

	if (o && depth >= 0 &&
	    (json_object_set_new(o, "depth", json_integer(depth)) ||
	     json_object_set_new(o, "table", jstr(table)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The stored inputs (JSON text) back into inputs. */
static void load_inputs(struct psirt_ssvc_inputs *in, json_t *inputs)
{
	const char *key;
	json_t *v;

	json_object_foreach(inputs, key, v) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_find(psirt_str_c(key));
		const char *val = json_string_value(json_object_get(v, "value"));
		enum psirt_ssvc_origin o = origin_parse(json_string_value(json_object_get(v, "origin")));
		const char *src = json_string_value(json_object_get(v, "source"));
		int idx = p && val ? psirt_ssvc_value_find(p, psirt_str_c(val)) : -1;

		if (idx >= 0 && o != PSIRT_SSVC_UNSET)
			(void)psirt_ssvc_set(in, p, (unsigned)idx, o, src && *src ? src : NULL, NULL);
	}
}

/* Appends to arr the leaf points of table t (depth first) that have no
 * value and no sub-table to compute them from, each once. */
static void missing_leaves(const struct psirt_ssvc_table *t, const struct psirt_ssvc_inputs *in,
                           json_t *arr, uint32_t *seen)
{
	for (size_t i = 0; i < t->ninputs; i++) {
		const struct psirt_ssvc_point *p = t->inputs[i];

		if (in->in[p->index].value >= 0)
			continue;
		if (t->sub && t->sub[i]) {
			missing_leaves(t->sub[i], in, arr, seen);
		} else if (!(*seen & ((uint32_t)1 << p->index))) {
			*seen |= (uint32_t)1 << p->index;
			json_array_append_new(arr, described(p, -1, 0, NULL, -1, NULL));
		}
	}
}

json_t *srv__ssvc_inputs_json(const char *inputs_text)
{
	const struct psirt_ssvc_tree *tree = psirt_ssvc_tree_find(psirt_str_c("supplier"));
	json_t *inputs = inputs_text ? json_loads(inputs_text, 0, NULL) : NULL;
	json_t *o = json_pack("{s:[], s:[]}", "known", "missing");
	struct psirt_ssvc_inputs in;
	uint32_t seen = 0; /* PSIRT_SSVC_MAX_POINTS bits */

	if (!o) {
		json_decref(inputs);
		return NULL;
	}
	psirt_ssvc_inputs_init(&in);
	if (inputs)
		load_inputs(&in, inputs);
	for (size_t i = 0; psirt_ssvc_point_at(i); i++) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_at(i);
		const struct psirt_ssvc_input *x = &in.in[p->index];

		if (x->value >= 0)
			json_array_append_new(json_object_get(o, "known"),
			                      described(p, x->value, x->origin, x->source, -1, NULL));
	}
	if (tree)
		missing_leaves(tree->table, &in, json_object_get(o, "missing"), &seen);
	psirt_ssvc_inputs_release(&in);
	json_decref(inputs);
	return o;
}

/* The supplier tree's decision path, re-evaluated from the stored inputs
 * (each with its origin and evidence): [{point, key, value, origin, source,
 * depth, table}] in pre-order; null when the inputs do not decide it. */
json_t *srv__ssvc_path_json(const char *inputs_text)
{
	const struct psirt_ssvc_tree *tree = psirt_ssvc_tree_find(psirt_str_c("supplier"));
	json_t *inputs = inputs_text ? json_loads(inputs_text, 0, NULL) : NULL, *arr = NULL;
	struct psirt_ssvc_inputs in;
	struct psirt_ssvc_result res;

	if (!inputs || !tree) {
		json_decref(inputs);
		return json_null();
	}
	psirt_ssvc_inputs_init(&in);
	load_inputs(&in, inputs);
	if (!psirt_ssvc_eval(tree, &in, &res, NULL)) {
		arr = json_array();
		for (size_t i = 0; arr && i < res.nsteps; i++) {
			const struct psirt_ssvc_step *s = &res.steps[i];
			json_t *o = described(s->point, s->value, s->origin, s->source, (int)s->depth,
			                      s->table ? s->table->name : NULL);

			if (!o || json_array_append_new(arr, o)) {
				json_decref(arr);
				arr = NULL;
			}
		}
	}
	psirt_ssvc_inputs_release(&in);
	json_decref(inputs);
	return arr ? arr : json_null();
}

