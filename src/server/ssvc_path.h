/* The SSVC decision path of a finding (ssvc_path.c). */
#ifndef PSIRT_SERVER_SSVC_PATH_H
#define PSIRT_SERVER_SSVC_PATH_H

#include <jansson.h>

/* The supplier tree's decision path, re-evaluated from a finding's stored
 * inputs (JSON text: point name -> {value, origin, source}): an array of
 * {point, key, value, origin, source, depth, table} in pre-order, or JSON
 * null when the inputs do not decide it (no CVSS, no safety class). A new
 * reference; NULL only when out of memory. */
json_t *srv__ssvc_path_json(const char *inputs_text);

#endif
