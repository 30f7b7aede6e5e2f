/* API area: vulnerabilities — the merged view, embargoes. */
#include <string.h>

#include "psirt/embargo.h"
#include "psirt/str.h"
#include "server/internal.h"

static void fail(struct srv_resp *resp, struct psirt_diag *diag)
{
	srv__fail(resp, diag);
	psirt_diag_release(diag);
}

static json_t *embargo_json(const struct psirt_embargo *e)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", srv__jstr(e->name), "until",
	                 srv__jstr(e->until), "note", srv__jstr(e->note), "setBy",
	                 srv__jstr(e->set_by), "setAt", srv__jstr(e->set_at));
}

void srv__h_vuln(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *id = srv__param(req, "id");
	struct psirt_vuln_view *v;
	struct psirt_embargo e;
	json_t *o;
	int active;

	if (psirt_store_vuln_get(req->store, id, &v, &diag)) {
		fail(resp, &diag);
		return;
	}
	if (psirt_embargo_of_view(req->store, v, req->arena, &active, &e, &diag)) {
		psirt_vuln_view_free(v);
		fail(resp, &diag);
		return;
	}
	if (active && !psirt_role_sees_embargoed(req->who.role)) {
		/* the same answer as for an id the store does not know: an
		 * embargoed vulnerability must not be seen to exist */
		char *upper = psirt_arena_strdup(req->arena, id);

		for (char *p = upper; p && *p; p++)
			*p = (char)psirt_toupper((unsigned char)*p);
		psirt_vuln_view_free(v);
		srv__errorf(resp, 404, "%s: not in the store", upper ? upper : id);
		return;
	}
	o = psirt_vuln_view_to_json(v);
	if (o && psirt_role_sees_embargoed(req->who.role) &&
	    json_object_set_new(o, "embargo", active ? embargo_json(&e) : json_null())) {
		json_decref(o);
		o = NULL;
	}
	psirt_vuln_view_free(v);
	srv__json(resp, 200, o);
}

void srv__h_embargo_set(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *id = srv__param(req, "id");
	struct psirt_embargo e;
	int active;

	if (psirt_embargo_set(req->store, id, srv__member_str(req, "until"),
	                      srv__member_str(req, "note"), req->who.name, &diag)) {
		fail(resp, &diag);
		return;
	}
	srv__changed(req->srv);
	if (psirt_embargo_get(req->store, id, req->arena, &active, &e, &diag)) {
		fail(resp, &diag);
		return;
	}
	/* an end in the past is accepted (and lifts at once) */
	srv__json(resp, 200,
	          active ? embargo_json(&e) : json_pack("{s:o, s:b}", "name", srv__jstr(id),
	                                                "active", 0));
}

void srv__h_embargo_lift(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *id = srv__param(req, "id");

	if (psirt_embargo_lift(req->store, id, req->who.name, &diag)) {
		fail(resp, &diag);
		return;
	}
	srv__changed(req->srv);
	srv__json(resp, 200, json_pack("{s:o, s:b}", "name", srv__jstr(id), "lifted", 1));
}
