/* API area: the state of the store — dashboard figures, feed status, the
 * audit log — and the API's own description. */
#include <string.h>

#include "psirt/browse.h"
#include "psirt/isotime.h"
#include "server/internal.h"

static void fail(struct srv_resp *resp, struct psirt_diag *diag)
{
	srv__fail(resp, diag);
	psirt_diag_release(diag);
}

/* The dashboard's answer as JSON text (owned, free()): the store's counts
 * and, under "findings", the open findings by priority and response class,
 * KEV-listed and overdue ones, the versions and units in the field they
 * reach, and the most affected products — as a role that sees embargoed
 * vulnerabilities (sees) or not may see them. NULL with diag set. */
char *srv__dashboard_text(struct psirt_store *store, int sees, size_t *len,
                          struct psirt_diag *diag)
{
	struct psirt_store_counts c;
	struct psirt_arena arena;
	char at[PSIRT_ISOTIME_LEN + 1], *text;
	json_t *o, *fig;

	if (psirt_browse_counts(store, &c, diag))
		return NULL;
	psirt_isotime_now(at);
	o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "generated", at, "products",
	              (json_int_t)c.products, "versions", (json_int_t)c.versions, "components",
	              (json_int_t)c.components, "vulnerabilities",
	              /* those a viewer may not see are not counted for them either */
	              (json_int_t)(sees ? c.vulns : c.vulns - c.embargoed), "withdrawn",
	              (json_int_t)c.vulns_withdrawn, "kev", (json_int_t)c.kev, "epss",
	              (json_int_t)c.epss);
	if (o && sees && json_object_set_new(o, "embargoed", json_integer((json_int_t)c.embargoed))) {
		json_decref(o);
		o = NULL;
	}
	if (!o) {
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	psirt_arena_init(&arena, 0);
	fig = srv__findings_figures(store, sees, &arena, diag);
	psirt_arena_release(&arena);
	if (!fig) {
		json_decref(o);
		return NULL;
	}
	if (json_object_set_new(o, "findings", fig)) {
		json_decref(o);
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text) {
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	*len = strlen(text);
	return text;
}

/* The dashboard (cached by the server until the store changes: see
 * srv__dashboard). */
void srv__h_dashboard(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;

	psirt_buf_reset(&resp->body);
	if (srv__dashboard(req->srv, req->store, psirt_role_sees_embargoed(req->who.role),
	                   &resp->body, &diag)) {
		fail(resp, &diag);
		return;
	}
	srv__json_text(resp);
}

void srv__h_feeds(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store_feed_status *st;
	json_t *arr;
	size_t i;

	if (psirt_store_feed_status(req->store, &st, &diag)) {
		fail(resp, &diag);
		return;
	}
	arr = json_array();
	for (i = 0; arr && i < st->n; i++) {
		const struct psirt_store_feed_state *f = &st->states[i];
		json_t *o = json_pack("{s:s, s:I, s:I, s:o, s:o, s:o, s:o}", "source", f->source,
		                      "records", (json_int_t)f->records, "withdrawn",
		                      (json_int_t)f->withdrawn, "lastImport", srv__jstr(f->last_import),
		                      "lastSync", srv__jstr(f->last_sync), "newestRecord",
		                      srv__jstr(f->newest_record), "detail", srv__jstr(f->detail));

		if (!o || json_array_append_new(arr, o)) {
			json_decref(arr);
			arr = NULL;
		}
	}
	psirt_store_feed_status_free(st);
	srv__json(resp, 200, arr ? json_pack("{s:o}", "feeds", arr) : NULL);
}

void srv__h_audit(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	size_t limit = (size_t)srv__param_int(req, "limit"), n, i;
	struct psirt_audit_row *rows;
	json_t *arr;

	if (psirt_browse_audit(req->store, srv__param(req, "entity"), srv__param(req, "entity_id"),
	                       srv__param_int(req, "cursor"), limit, req->arena, &rows, &n,
	                       &diag)) {
		fail(resp, &diag);
		return;
	}
	arr = json_array();
	for (i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, srv__audit_json(&rows[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	/* a full page may have a next one: its cursor is the last id shown */
	srv__json(resp, 200,
	          arr ? json_pack("{s:o, s:o}", "items", arr, "nextCursor",
	                          n == limit ? json_integer(rows[n - 1].id) : json_null())
	              : NULL);
}

void srv__h_openapi(struct srv_req *req, struct srv_resp *resp)
{
	size_t len;
	const char *doc = srv__openapi(&len);

	psirt_buf_add(&resp->body, doc, len);
	srv__json_text(resp);
}
