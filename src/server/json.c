/* The API's JSON shapes of library objects. The portfolio's shapes are the
 * library's (psirt/portfolio.h), shared with the CLI's --json output. */
#include <stdlib.h>

#include "psirt/portfolio.h"
#include "server/internal.h"

json_t *srv__jstr(const char *s)
{
	return psirt_json_str(s);
}

/* Adds key → value to o, taking the reference; remembers a failure. */
static void put(json_t *o, const char *key, json_t *value, int *bad)
{
	if (!value || json_object_set_new(o, key, value))
		*bad = 1;
}

static json_t *finish(json_t *o, int bad)
{
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *srv__audit_json(const struct psirt_audit_row *a)
{
	json_t *o = json_object();
	int bad = !o;

	if (bad)
		return NULL;
	put(o, "id", json_integer(a->id), &bad);
	put(o, "at", srv__jstr(a->e.at), &bad);
	put(o, "actor", srv__jstr(a->e.actor), &bad);
	put(o, "entity", srv__jstr(a->e.entity), &bad);
	put(o, "entityId", srv__jstr(a->e.entity_id), &bad);
	put(o, "field", srv__jstr(a->e.field), &bad);
	put(o, "old", srv__jstr(a->e.old_value), &bad);
	put(o, "new", srv__jstr(a->e.new_value), &bad);
	put(o, "comment", srv__jstr(a->e.comment), &bad);
	return finish(o, bad);
}

/* v (taken) as compact JSON text into b; the rest of the JSON text writer
 * is the library's (psirt/jsonw.h). */
void srv__jw_json(struct psirt_buf *b, json_t *v)
{
	char *t = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;

	psirt_buf_adds(b, t ? t : "null");
	free(t);
	json_decref(v);
}
