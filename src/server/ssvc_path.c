/* The SSVC decision path of a finding, for the API: the stored inputs turned
 * back into a tree evaluation (kept apart from the route handlers, which only
 * serialise what it returns). */
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

/* The supplier tree's decision path, re-evaluated from the stored inputs
 * (each with its origin and evidence): [{point, key, value, origin, source,
 * depth, table}] in pre-order; null when the inputs do not decide it. */
json_t *srv__ssvc_path_json(const char *inputs_text)
{
	const struct psirt_ssvc_tree *tree = psirt_ssvc_tree_find(psirt_str_c("supplier"));
	json_t *inputs = inputs_text ? json_loads(inputs_text, 0, NULL) : NULL, *v, *arr = NULL;
	struct psirt_ssvc_inputs in;
	struct psirt_ssvc_result res;
	const char *key;

	if (!inputs || !tree) {
		json_decref(inputs);
		return json_null();
	}
	psirt_ssvc_inputs_init(&in);
	json_object_foreach(inputs, key, v) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_find(psirt_str_c(key));
		const char *val = json_string_value(json_object_get(v, "value"));
		enum psirt_ssvc_origin o = origin_parse(json_string_value(json_object_get(v, "origin")));
		const char *src = json_string_value(json_object_get(v, "source"));
		int idx = p && val ? psirt_ssvc_value_find(p, psirt_str_c(val)) : -1;

		if (idx >= 0 && o != PSIRT_SSVC_UNSET)
			(void)psirt_ssvc_set(&in, p, (unsigned)idx, o, src && *src ? src : NULL, NULL);
	}
	if (!psirt_ssvc_eval(tree, &in, &res, NULL)) {
		arr = json_array();
		for (size_t i = 0; arr && i < res.nsteps; i++) {
			const struct psirt_ssvc_step *s = &res.steps[i];
			json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:o}", "point",
			                      s->point->name, "key", s->point->key, "value",
			                      s->point->values[s->value].name, "origin",
			                      psirt_ssvc_origin_name((enum psirt_ssvc_origin)s->origin),
			                      "source", jstr(s->source), "depth", (int)s->depth,
			                      "table", jstr(s->table ? s->table->name : NULL));

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

