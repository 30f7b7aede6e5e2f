/* API area: the portfolio — products, versions with their components, SBOM
 * uploads. */
#include <stdio.h>
#include <string.h>

#include "psirt/browse.h"
#include "psirt/findings.h"
#include "psirt/log.h"
#include "psirt/portfolio.h"
#include "psirt/sha256.h"
#include "server/internal.h"

/* Answers diag's error and releases it. */
static void fail(struct srv_resp *resp, struct psirt_diag *diag)
{
	srv__fail(resp, diag);
	psirt_diag_release(diag);
}

void srv__h_products(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_browse_products_query q = { PSIRT_BROWSE_BY_NAME, 0, 50, 0, NULL };
	const char *sort = srv__param(req, "sort"), *order = srv__param(req, "order");
	struct psirt_product *items;
	unsigned long long total;
	json_t *o, *arr;
	size_t n, i;

	for (i = 0; sort && i < PSIRT_BROWSE_PRODUCT_SORT__MAX; i++) {
		if (!strcmp(sort, psirt_browse_product_sort_name((enum psirt_browse_product_sort)i)))
			q.sort = (enum psirt_browse_product_sort)i;
	}
	q.descending = order && !strcmp(order, "desc");
	q.limit = (size_t)srv__param_int(req, "limit");
	q.offset = (size_t)srv__param_int(req, "offset");
	q.q = srv__param(req, "q");
	if (psirt_browse_products(req->store, &q, req->arena, &items, &n, &total, &diag)) {
		fail(resp, &diag);
		return;
	}
	arr = json_array();
	for (i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, psirt_product_json(&items[i], 0))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	o = arr ? json_pack("{s:o, s:I, s:I, s:I, s:s, s:s}", "items", arr, "total",
	                    (json_int_t)total, "limit", (json_int_t)q.limit, "offset",
	                    (json_int_t)q.offset, "sort", psirt_browse_product_sort_name(q.sort),
	                    "order", q.descending ? "desc" : "asc")
	        : NULL;
	srv__json(resp, 200, o);
}

void srv__h_product(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *name = srv__param(req, "name");
	struct psirt_portfolio_products *p;
	struct psirt_portfolio_versions *v;
	json_t *o, *arr;
	size_t i;

	if (psirt_portfolio_products(req->store, name, &p, &diag)) {
		fail(resp, &diag);
		return;
	}
	if (psirt_portfolio_versions(req->store, name, NULL, &v, &diag)) {
		psirt_portfolio_products_free(p);
		fail(resp, &diag);
		return;
	}
	o = psirt_product_json(&p->items[0], 1);
	arr = json_array();
	for (i = 0; arr && i < v->n; i++) {
		if (json_array_append_new(arr, psirt_product_version_json(&v->items[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	if (!o || !arr || json_object_set_new(o, "versions", arr)) {
		json_decref(o);
		o = NULL;
	}
	psirt_portfolio_versions_free(v);
	psirt_portfolio_products_free(p);
	srv__json(resp, 200, o);
}

void srv__h_version(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *name = srv__param(req, "name"), *version = srv__param(req, "version");
	size_t limit = (size_t)srv__param_int(req, "limit"),
	       offset = (size_t)srv__param_int(req, "offset"), i;
	struct psirt_portfolio_versions *v = NULL;
	struct psirt_portfolio_imports *h = NULL;
	struct psirt_sbom_doc *doc = NULL;
	json_t *o = NULL, *imports, *items;
	int bad = 0;

	if (psirt_portfolio_versions(req->store, name, version, &v, &diag) ||
	    psirt_portfolio_imports(req->store, name, version, &h, &diag) ||
	    psirt_portfolio_sbom_doc(req->store, name, version, &doc, &diag)) {
		fail(resp, &diag);
		goto out_free;
	}
	o = psirt_product_version_json(&v->items[0]);
	imports = json_array();
	items = json_array();
	if (!o || !imports || !items || json_object_set_new(o, "imports", imports)) {
		json_decref(imports);
		json_decref(items);
		json_decref(o);
		srv__json(resp, 500, NULL);
		goto out_free;
	}
	for (i = 0; i < h->n; i++)
		bad |= json_array_append_new(imports, psirt_sbom_import_json(&h->items[i])) != 0;
	for (i = offset; i < doc->n_components && i - offset < limit; i++)
		bad |= json_array_append_new(items, psirt_component_json(doc->components[i])) != 0;
	if (bad || json_object_set_new(o, "componentPage",
	                               json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
	                                         (json_int_t)doc->n_components, "limit",
	                                         (json_int_t)limit, "offset", (json_int_t)offset))) {
		if (bad)
			json_decref(items);
		json_decref(o);
		o = NULL;
	}
	srv__json(resp, 200, o);

out_free:
	psirt_sbom_free(doc);
	psirt_portfolio_imports_free(h);
	psirt_portfolio_versions_free(v);
}

static const char *const warning_names[PSIRT_SBOM_W__MAX] = {
	[PSIRT_SBOM_W_NO_IDENTITY] = "no-identity", [PSIRT_SBOM_W_BAD_PURL] = "bad-purl",
	[PSIRT_SBOM_W_BAD_CPE] = "bad-cpe",         [PSIRT_SBOM_W_EXTRA_PURL] = "extra-purl",
	[PSIRT_SBOM_W_DANGLING_REF] = "dangling-ref", [PSIRT_SBOM_W_IGNORED] = "ignored",
};

static json_t *warnings_json(const struct psirt_sbom_doc *doc)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < doc->n_warnings; i++) {
		const struct psirt_sbom_warning *w = &doc->warnings[i];
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o}", "code", warning_names[w->code],
		                      "where", srv__jstr(w->where), "line",
		                      w->line ? json_integer(w->line) : json_null(), "component",
		                      srv__jstr(w->component ? w->component->name : NULL), "message",
		                      srv__jstr(w->message));

		if (!o || json_array_append_new(arr, o)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* "Upload an SBOM, see new findings appear": the uploaded version is
 * matched at once, in the matcher's own transaction after the import's (a
 * version whose SBOM changed is matched fully, against every
 * vulnerability). The import stands when matching fails: the answer says
 * so under "match" and `psirt match` catches up later. */
static json_t *match_version(struct srv_req *req, const char *product, const char *version,
                             const char *actor)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_findings_match_opts opts = { product, version, 0, actor, 0, NULL, NULL, NULL, 0 };
	struct psirt_findings_match_stats st;
	struct srv_index *kept;
	json_t *o;
	int failed;

	memset(&st, 0, sizeof st);
	/* the server's kept index: without it each upload loads every record
	 * again (seconds at the design's scale); on failure the match loads
	 * its own */
	kept = srv__index_acquire(req->srv, req->store, &diag);
	if (kept) {
		opts.index = kept->idx;
		opts.index_generation = kept->generation;
	} else {
		psirt_log(PSIRT_LOG_WARN, "the kept index: %s", diag.message ? diag.message : "?");
		psirt_diag_release(&diag);
	}
	failed = psirt_findings_match(req->store, &opts, &st, &diag) != PSIRT_OK;
	srv__index_release(req->srv, kept);
	if (failed) {
		psirt_log(PSIRT_LOG_ERROR, "matching %s %s after an upload: %s", product, version,
		          diag.message ? diag.message : "?");
		psirt_diag_release(&diag);
		return json_pack("{s:b, s:s}", "ok", 0, "error",
		                 "matching failed; run psirt match (see the server log)");
	}
	srv__checkpoint_soon(req->srv);
	o = json_pack("{s:b, s:I, s:I, s:I, s:I, s:I, s:I}", "ok", 1, "run", (json_int_t)st.run,
	              "created", (json_int_t)st.created, "reopened", (json_int_t)st.reopened,
	              "seen", (json_int_t)st.seen, "fixed", (json_int_t)st.fixed, "withdrawn",
	              (json_int_t)st.withdrawn);
	return o;
}

void srv__h_sbom_upload(struct srv_req *req, struct srv_resp *resp)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *name = srv__param(req, "name"), *version = srv__param(req, "version"),
	           *file = srv__param(req, "file");
	struct psirt_portfolio_products *p = NULL;
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_sbom_import_result res;
	struct psirt_sbom_source src;
	char sha[PSIRT_SHA256_HEX_SIZE], actor[PSIRT_USER_MAX_NAME + 16];
	json_t *o, *match;
	int may;

	/* 404 before 403: every role may read the portfolio, so whether a
	 * product exists is no secret */
	if (psirt_portfolio_products(req->store, name, &p, &diag) ||
	    psirt_user_may_write_product(req->store, &req->who, name, &may, &diag)) {
		fail(resp, &diag);
		goto out_free;
	}
	if (!may) {
		srv__errorf(resp, 403, "%s %s may not change product '%s'",
		            psirt_role_name(req->who.role), req->who.name, name);
		goto out_free;
	}
	if (psirt_sbom_parse(req->body, req->body_len, file ? file : "upload",
	                     PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &diag)) {
		fail(resp, &diag);
		goto out_free;
	}
	psirt_sha256_hex(req->body, req->body_len, sha);
	/* the history says who, and that it came from a pipeline */
	snprintf(actor, sizeof actor, "%s%s", req->who.name,
	         req->who.via_token ? " (API token)" : "");
	src = (struct psirt_sbom_source){ actor, "import", file, sha, (long long)req->body_len };
	if (psirt_portfolio_sbom_import(req->store, name, version, doc, &src, &res, &diag)) {
		fail(resp, &diag);
		goto out_free;
	}
	srv__changed(req->srv);
	match = match_version(req, name, version, actor);
	o = json_pack("{s:o, s:o, s:I, s:s, s:o, s:o, s:s, s:I, s:I, s:I, s:b, s:I, s:I, s:I,"
	              " s:o, s:I}",
	              "product", srv__jstr(name), "version", srv__jstr(version), "importId",
	              (json_int_t)res.import_id, "format", psirt_sbom_format_name(doc->format),
	              "specVersion", srv__jstr(doc->spec_version), "serial",
	              srv__jstr(doc->serial), "sha256", sha, "size", (json_int_t)req->body_len,
	              "components", (json_int_t)res.components, "replaced",
	              (json_int_t)res.replaced, "versionCreated", res.version_created,
	              "noIdentity", (json_int_t)res.no_identity, "badPurl",
	              (json_int_t)res.bad_purl, "badCpe", (json_int_t)res.bad_cpe, "warnings",
	              warnings_json(doc), "warningsDropped", (json_int_t)doc->warnings_dropped);
	if (o && json_object_set_new(o, "match", match ? match : json_null())) {
		json_decref(o);
		o = NULL;
	} else if (!o) {
		json_decref(match);
	}
	srv__json(resp, res.version_created ? 201 : 200, o);

out_free:
	psirt_sbom_free(doc);
	psirt_portfolio_products_free(p);
}
