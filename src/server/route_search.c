/* API area: the search box — vulnerabilities by any id (prefix), products
 * by name or vendor, components by name or package-URL prefix with the
 * product versions holding them (include/psirt/search.h). Each group is
 * capped at limit rows; "more" says a next page (offset + limit) has rows. */
#include <string.h>

#include "psirt/browse.h"
#include "psirt/isotime.h"
#include "psirt/portfolio.h"
#include "psirt/search.h"
#include "psirt/user.h"
#include "server/internal.h"

static void fail(struct srv_resp *resp, struct psirt_diag *diag)
{
	srv__fail(resp, diag);
	psirt_diag_release(diag);
}

void srv__h_search(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_search_query q;
	struct psirt_browse_products_query pq = { PSIRT_BROWSE_BY_NAME, 0, 20, 0, NULL };
	struct psirt_search_vuln *vulns;
	struct psirt_search_component *comps;
	struct psirt_product *products;
	unsigned long long ptotal;
	char now[PSIRT_ISOTIME_LEN + 1];
	size_t nv, nc, np, i;
	int vmore, cmore, sees = psirt_role_sees_embargoed(req->who.role);
	json_t *va, *ca, *pa;

	psirt_isotime_now(now);
	memset(&q, 0, sizeof q);
	q.q = srv__param(req, "q");
	q.limit = (size_t)srv__param_int(req, "limit");
	q.offset = (size_t)srv__param_int(req, "offset");
	q.now = now;
	q.hide_embargoed = !sees;
	pq.q = q.q;
	pq.limit = q.limit;
	pq.offset = q.offset;
	if (psirt_search_vulns(req->store, &q, req->arena, &vulns, &nv, &vmore, &diag) ||
	    psirt_browse_products(req->store, &pq, req->arena, &products, &np, &ptotal, &diag) ||
	    psirt_search_components(req->store, &q, req->arena, &comps, &nc, &cmore, &diag)) {
		fail(resp, &diag);
		return;
	}
	va = json_array();
	for (i = 0; va && i < nv; i++) {
		json_t *o = json_pack("{s:s, s:s}", "id", vulns[i].id, "vulnerability",
		                      vulns[i].name);

		/* only the roles that see embargoed data learn of the embargo */
		if (o && sees)
			json_object_set_new(o, "embargoed", json_boolean(vulns[i].embargoed));
		if (json_array_append_new(va, o)) {
			json_decref(va);
			va = NULL;
		}
	}
	pa = json_array();
	for (i = 0; pa && i < np; i++) {
		if (json_array_append_new(pa, psirt_product_json(&products[i], 0))) {
			json_decref(pa);
			pa = NULL;
		}
	}
	ca = json_array();
	for (i = 0; ca && i < nc; i++) {
		if (json_array_append_new(
			    ca, json_pack("{s:s, s:o, s:o, s:s, s:s}", "name", comps[i].name, "version",
		                          srv__jstr(comps[i].version), "purl", srv__jstr(comps[i].purl),
		                          "product", comps[i].product, "productVersion",
		                          comps[i].product_version))) {
			json_decref(ca);
			ca = NULL;
		}
	}
	if (!va || !pa || !ca) {
		json_decref(va);
		json_decref(pa);
		json_decref(ca);
		srv__json(resp, 500, NULL);
		return;
	}
	srv__json(resp, 200,
	          json_pack("{s:s, s:I, s:I, s:{s:o, s:b}, s:{s:o, s:I}, s:{s:o, s:b}}", "q", q.q,
	                    "limit", (json_int_t)q.limit, "offset", (json_int_t)q.offset, "vulns",
	                    "items", va, "more", vmore, "products", "items", pa, "total",
	                    (json_int_t)ptotal, "components", "items", ca, "more", cmore));
}
