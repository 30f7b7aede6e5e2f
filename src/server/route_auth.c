/* API area: logging in and out, who am I. */
#include <stdio.h>
#include <string.h>

#include "server/internal.h"

static void set_cookie(struct srv_req *req, struct srv_resp *resp,
                       const struct psirt_session_new *s)
{
	char cookie[160];

	/* HttpOnly: page scripts cannot read it (the CSRF token is what they
	 * get); SameSite=Strict: no other site's page makes the browser send
	 * it (RFC 6265bis §5.4.7); no Expires/Max-Age beyond the session's own
	 * end. Secure only behind TLS (see psirt/server.h). */
	snprintf(cookie, sizeof cookie,
	         "psirt_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%u%s", s->id,
	         req->srv->policy.session_ttl_s, req->srv->cfg.secure_cookies ? "; Secure" : "");
	srv__header(req, resp, "Set-Cookie", cookie);
}

static json_t *me_json(const struct psirt_principal *who)
{
	return json_pack("{s:o, s:s, s:s?, s:s?, s:{s:b, s:b}}", "name", srv__jstr(who->name),
	                 "role", psirt_role_name(who->role), "csrfToken", who->csrf, "expires",
	                 who->expires, "may", "seeEmbargoed", psirt_role_sees_embargoed(who->role),
	                 "writeAllProducts", psirt_role_writes_all_products(who->role));
}

void srv__h_login(struct srv_req *req, struct srv_resp *resp)
{
	const char *name = srv__member_str(req, "name");
	json_t *pw = srv__member(req, "password");
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_session_new s;
	struct psirt_principal who;
	enum psirt_login_outcome outcome;
	unsigned retry;
	char num[24];

	if (psirt_user_login(req->store, name, json_string_value(pw), json_string_length(pw),
	                     req->client, &req->srv->policy, &outcome, &retry, &s, req->arena, &who,
	                     &diag)) {
		srv__fail(resp, &diag);
		psirt_diag_release(&diag);
		return;
	}
	switch (outcome) {
	case PSIRT_LOGIN_OK:
		set_cookie(req, resp, &s);
		srv__json(resp, 200, me_json(&who));
		break;
	case PSIRT_LOGIN_THROTTLED:
		/* RFC 6585 §4 */
		snprintf(num, sizeof num, "%u", retry);
		srv__header(req, resp, "Retry-After", num);
		srv__error(resp, 429, "too many failed logins: try again later",
		           json_pack("{s:i}", "retryAfter", (int)retry));
		break;
	default:
		srv__error(resp, 401, "wrong user name or password", NULL);
		break;
	}
	memset(&s, 0, sizeof s);
}

void srv__h_logout(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;

	if (psirt_user_session_end(req->store, req->session_id, &diag)) {
		srv__fail(resp, &diag);
		psirt_diag_release(&diag);
		return;
	}
	srv__header(req, resp, "Set-Cookie",
	            req->srv->cfg.secure_cookies
	                ? "psirt_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
	                : "psirt_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	srv__json(resp, 200, json_pack("{s:b}", "loggedOut", 1));
}

void srv__h_me(struct srv_req *req, struct srv_resp *resp)
{
	srv__json(resp, 200, me_json(&req->who));
}
