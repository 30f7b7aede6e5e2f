/* API area: API tokens for CI (issue 7): list, make (the text shown once)
 * and revoke. An admin manages everyone's tokens; every other role only
 * its own. Sessions only: the route table gives these routes no token
 * scope, so a leaked CI token cannot mint more or revoke the others. */
#include <string.h>

#include <sodium.h>

#include "server/internal.h"

static int is_admin(const struct srv_req *req)
{
	return req->who.role == PSIRT_ROLE_ADMIN;
}

/* A library error as its status; "already revoked" and "too many" are a
 * conflict with the token's or user's state (RFC 9110 §15.5.10), not a
 * bad request. */
static void token_fail(struct srv_resp *resp, struct psirt_diag *diag)
{
	if (diag->code == PSIRT_ETOOBIG ||
	    (diag->code == PSIRT_EINVAL && diag->message && strstr(diag->message, "already revoked")))
		srv__error(resp, 409, diag->message, NULL);
	else
		srv__fail(resp, diag);
	psirt_diag_release(diag);
}

/* Token id as JSON: a new reference, NULL with diag set. */
static json_t *one_token(struct srv_req *req, long long id, struct psirt_diag *diag)
{
	struct psirt_tokens *list;
	json_t *o;

	if (psirt_user_token_list(req->store, NULL, id, &list, diag))
		return NULL;
	o = psirt_token_json(&list->items[0]);
	psirt_tokens_free(list);
	if (!o)
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return o;
}

void srv__h_tokens(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *user = srv__param(req, "user");
	struct psirt_tokens *list;
	json_t *arr;

	if (!is_admin(req) && user && strcmp(user, req->who.name)) {
		srv__errorf(resp, 403, "role %s may only list its own API tokens",
		            psirt_role_name(req->who.role));
		return;
	}
	if (!is_admin(req))
		user = req->who.name;
	if (psirt_user_token_list(req->store, user, 0, &list, &diag)) {
		token_fail(resp, &diag);
		return;
	}
	arr = json_array();
	for (size_t i = 0; arr && i < list->n; i++) {
		if (json_array_append_new(arr, psirt_token_json(&list->items[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	psirt_tokens_free(list);
	srv__json(resp, 200, arr ? json_pack("{s:o}", "tokens", arr) : NULL);
}

void srv__h_token_new(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *user = srv__member_str(req, "user");
	const char *scope = srv__member_str(req, "scope");
	char token[PSIRT_TOKEN_LEN + 1];
	long long id;
	json_t *o;

	if (!user)
		user = req->who.name;
	if (!is_admin(req) && strcmp(user, req->who.name)) {
		srv__errorf(resp, 403, "role %s may only make API tokens for itself",
		            psirt_role_name(req->who.role));
		return;
	}
	if (psirt_user_token_new(req->store, user, scope, req->who.name, token, &id, &diag)) {
		token_fail(resp, &diag);
		return;
	}
	o = one_token(req, id, &diag);
	/* the only time the token exists in clear: in this answer */
	if (o && json_object_set_new(o, "token", json_string(token))) {
		json_decref(o);
		o = NULL;
	}
	sodium_memzero(token, sizeof token);
	if (!o && diag.code) {
		token_fail(resp, &diag);
		return;
	}
	srv__json(resp, 201, o);
}

void srv__h_token_revoke(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	long long id = srv__param_int(req, "id");
	json_t *o;

	/* another user's token is "no API token N" for a non-admin */
	if (psirt_user_token_revoke(req->store, id, is_admin(req) ? NULL : req->who.name,
	                            req->who.name, &diag)) {
		token_fail(resp, &diag);
		return;
	}
	o = one_token(req, id, &diag);
	if (!o) {
		token_fail(resp, &diag);
		return;
	}
	srv__json(resp, 200, o);
}
