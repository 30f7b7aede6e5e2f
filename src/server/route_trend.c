/* API area: open findings over time, for the dashboard's chart (issue 7). */
#include "psirt/trend.h"
#include "psirt/user.h"
#include "server/internal.h"

/* The last `days` days ending today (psirt_trend_json's columns). Roles
 * that do not see embargoed vulnerabilities get the series without their
 * findings on every day, as the dashboard's figures leave them out: its
 * last open equals findings.open of GET /api/dashboard for the same role. */
void srv__h_dashboard_trend(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	char now[PSIRT_ISOTIME_LEN + 1];
	struct psirt_trend_day *d;
	size_t n;

	psirt_isotime_now(now);
	if (psirt_store_findings_trend_last(req->store, (long)srv__param_int(req, "days"),
	                                    psirt_role_sees_embargoed(req->who.role) ? NULL : now,
	                                    req->arena, &d, &n, &diag)) {
		srv__fail(resp, &diag);
		psirt_diag_release(&diag);
		return;
	}
	srv__json(resp, 200, psirt_trend_json(d, n));
}
