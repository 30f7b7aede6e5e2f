/* libFuzzer target: the parsers that take apart what psirt wrote in English
 * for the web UI (server/reason.h, server/ssvc_path.h). The input is one
 * text: a reason, an audit row's values and comment (the same text for
 * each), or a finding's stored SSVC inputs. Invariants (abort when broken):
 * nothing returns NULL; a reason taken apart has priority 1..4, a class that
 * starts the text after "P<n> ", and one fact per ", " piece at most; the
 * parts of a valid reason re-dump as JSON. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/reason.h"
#include "server/ssvc_path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "invariant broken: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	json_t *r, *a, *in, *path;

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	r = srv__reason_json(s);
	if (!r)
		die("reason NULL");
	if (json_is_object(r)) {
		json_int_t p = json_integer_value(json_object_get(r, "priority"));
		const char *c = json_string_value(json_object_get(r, "class"));
		size_t pieces = 1;
		char *dump;

		if (p < 1 || p > 4 || !c || strncmp(s + 3, c, strlen(c)))
			die("reason head");
		for (const char *q = strstr(s, ", "); q; q = strstr(q + 2, ", "))
			pieces++;
		if (json_array_size(json_object_get(r, "facts")) > pieces)
			die("more facts than pieces");
		dump = json_dumps(r, JSON_COMPACT);
		if (!dump)
			die("reason does not dump");
		free(dump);
	}
	a = srv__audit_parts("priority", s, s, s);
	if (!a)
		die("audit parts NULL");
	json_decref(a);
	a = srv__audit_parts("ssvc:E", s, s, s);
	if (!a)
		die("audit parts NULL");
	json_decref(a);
	in = srv__ssvc_inputs_json(s);
	if (!in || !json_is_array(json_object_get(in, "known")))
		die("inputs");
	path = srv__ssvc_path_json(s);
	if (!path)
		die("path NULL");
	json_decref(path);
	json_decref(in);
	json_decref(r);
	free(s);
	return 0;
}
