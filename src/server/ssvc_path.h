/* The SSVC decision path of a finding (ssvc_path.c). */
#ifndef PSIRT_SERVER_SSVC_PATH_H
#define PSIRT_SERVER_SSVC_PATH_H

#include <jansson.h>

/* The supplier tree's decision path, re-evaluated from a finding's stored
 * inputs (JSON text: point name -> {value, origin, source}): an array of
 * {point, key, value, origin, source, depth, table} in pre-order, or JSON
 * null when the inputs do not decide it (no CVSS, no safety class); each
 * step also has valueKey and sourceInfo as srv__ssvc_inputs_json's. A new
 * reference; NULL only when out of memory. */
json_t *srv__ssvc_path_json(const char *inputs_text);

/* A finding's SSVC inputs for the UI: {known: [...], missing: [...]}, each
 * {point, key, value, valueKey, origin, source, sourceInfo} — known: every
 * stored input in the points' order; missing: the supplier tree's leaf
 * inputs with no value (value, valueKey, origin null), which is why it has
 * no outcome. sourceInfo is {code, arg} for a source triage writes
 * ("product safety class critical": {safety, critical}), else null. A new
 * reference; NULL only when out of memory. */
json_t *srv__ssvc_inputs_json(const char *inputs_text);

#endif
