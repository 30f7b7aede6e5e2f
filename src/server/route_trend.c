/* API area: open findings over time, for the dashboard's chart (issue 7). */
#include "psirt/trend.h"
#include "psirt/user.h"
#include "server/internal.h"

/* Columns, not rows: what a chart library takes (uPlot's data is one array
 * per series), and a third of the bytes for 3,650 days. */
static json_t *column(const struct psirt_trend_day *d, size_t n, int which)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < n; i++) {
		json_t *v;

		switch (which) {
		case 0:
			v = json_string(d[i].day);
			break;
		case 1:
			v = json_integer(d[i].open);
			break;
		case 2:
			v = json_integer(d[i].opened);
			break;
		case 3:
			v = json_integer(d[i].closed);
			break;
		default:
			v = json_integer(d[i].kev_open);
			break;
		}
		if (json_array_append_new(a, v)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* The last `days` days ending today. Roles that do not see embargoed
 * vulnerabilities get the series without their findings on every day, as
 * the dashboard's figures leave them out (its last open equals
 * findings.open of GET /api/dashboard for the same role). */
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
	srv__json(resp, 200,
	          json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "from", d[0].day, "to",
	                    d[n - 1].day, "days", column(d, n, 0), "open", column(d, n, 1),
	                    "opened", column(d, n, 2), "closed", column(d, n, 3), "kevOpen",
	                    column(d, n, 4)));
}
