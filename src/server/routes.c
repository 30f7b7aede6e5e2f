/* The API, as data: every route with its method, path pattern, who may call
 * it, what body it reads, the parameters it takes and its handler. The core
 * (dispatch.c) checks all of it before a handler runs; the OpenAPI document
 * (openapi.json) describes the same table, and tests/server/test_server.c
 * fails when the two differ. Handlers live in route_<area>.c. */
#include "server/internal.h"

/* Bounds shared by several routes. */
#define NAME_MAX_LEN 256 /* PSIRT_PORTFOLIO_MAX_NAME */
#define PAGE_MAX 1000    /* PSIRT_BROWSE_MAX_LIMIT */

const char *const srv__sbom_types[] = {
	"application/json",
	"application/vnd.cyclonedx+json",
	"application/spdx+json",
	"application/ld+json",
	"application/xml",
	"text/xml",
	"application/vnd.cyclonedx+xml",
	"text/plain",      /* SPDX tag-value */
	"text/spdx",
	"application/octet-stream",
	NULL,
};

static const char *const sort_values[] = { "name", "vendor", "created", "updated", "versions",
	                                   NULL };
static const char *const order_values[] = { "asc", "desc", NULL };
static const char *const state_values[] = { "open",   "in_triage",      "affected",
	                                    "not_affected", "fixed", "false_positive",
	                                    "withdrawn", NULL };
static const char *const findings_sort_values[] = { "priority", "deadline", "product",
	                                            "vulnerability", "first_seen", NULL };
static const char *const bool_values[] = { "true", "false", NULL };

#define P_PRODUCT { "name", SRV_IN_PATH, SRV_P_NAME, 1, 1, NAME_MAX_LEN, NULL, 0 }
#define P_VERSION { "version", SRV_IN_PATH, SRV_P_NAME, 1, 1, NAME_MAX_LEN, NULL, 0 }
#define P_VULN { "id", SRV_IN_PATH, SRV_P_VULN_ID, 1, 1, 64, NULL, 0 }
#define P_LIMIT(def) { "limit", SRV_IN_QUERY, SRV_P_INT, 0, 1, PAGE_MAX, NULL, def }
#define P_OFFSET { "offset", SRV_IN_QUERY, SRV_P_INT, 0, 0, 1000000000, NULL, 0 }
/* a keyset page's start: the "next" of the page before */
#define P_AFTER { "after", SRV_IN_QUERY, SRV_P_INT, 0, 1, (long long)1 << 62, NULL, 0 }
#define P_FINDING { "id", SRV_IN_PATH, SRV_P_INT, 1, 1, (long long)1 << 62, NULL, 0 }
#define P_TOKEN { "id", SRV_IN_PATH, SRV_P_INT, 1, 1, (long long)1 << 62, NULL, 0 }
#define P_END { NULL, SRV_IN_PATH, SRV_P_NAME, 0, 0, 0, NULL, 0 }

const struct srv_route srv__routes[] = {
	{ SRV_POST, "/api/login", 0, SRV_NO_TOKEN, SRV_BODY_JSON, NULL,
	  (const struct srv_field[]){ { "name", SRV_F_STRING, 1, 64 },
	                              { "password", SRV_F_STRING, 1, 1024 },
	                              { NULL, SRV_F_STRING, 0, 0 } },
	  srv__h_login, "Log in: a session cookie and its CSRF token" },
	{ SRV_POST, "/api/logout", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE, NULL, NULL,
	  srv__h_logout, "End the session" },
	{ SRV_GET, "/api/me", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE, NULL, NULL, srv__h_me,
	  "Who is logged in, with the session's CSRF token" },
	{ SRV_GET, "/api/openapi.json", 0, SRV_NO_TOKEN, SRV_BODY_NONE, NULL, NULL,
	  srv__h_openapi, "This API, as an OpenAPI 3.1 document" },
	{ SRV_GET, "/api/dashboard", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE, NULL, NULL,
	  srv__h_dashboard, "Figures of the whole store" },
	{ SRV_GET, "/api/dashboard/trend", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ { "days", SRV_IN_QUERY, SRV_P_INT, 0, 1, 3650, NULL, 90 },
	                              P_END },
	  NULL, srv__h_dashboard_trend, "Open findings per day, over the last days" },
	{ SRV_GET, "/api/products", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){
	      { "q", SRV_IN_QUERY, SRV_P_TEXT, 0, 1, NAME_MAX_LEN, NULL, 0 },
	      { "sort", SRV_IN_QUERY, SRV_P_ENUM, 0, 0, 0, sort_values, 0 },
	      { "order", SRV_IN_QUERY, SRV_P_ENUM, 0, 0, 0, order_values, 0 },
	      P_LIMIT(50),
	      P_OFFSET,
	      P_END },
	  NULL, srv__h_products, "A page of products" },
	{ SRV_GET, "/api/products/{name}", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ P_PRODUCT, P_END }, NULL, srv__h_product,
	  "One product with its versions" },
	{ SRV_GET, "/api/products/{name}/versions/{version}", SRV_ALL_ROLES, SRV_NO_TOKEN,
	  SRV_BODY_NONE,
	  (const struct srv_param[]){ P_PRODUCT, P_VERSION, P_LIMIT(500), P_OFFSET, P_END }, NULL,
	  srv__h_version, "One version: its SBOM history and a page of its components" },
	{ SRV_POST, "/api/products/{name}/versions/{version}/sbom",
	  SRV_TRIAGE_ROLES | SRV_ROLE(PSIRT_ROLE_ENGINEER), PSIRT_SCOPE_UPLOAD, SRV_BODY_SBOM,
	  (const struct srv_param[]){
	      P_PRODUCT,
	      P_VERSION,
	      { "file", SRV_IN_QUERY, SRV_P_TEXT, 0, 1, NAME_MAX_LEN, NULL, 0 },
	      P_END },
	  NULL, srv__h_sbom_upload,
	  "Replace the version's components with an SBOM (CycloneDX or SPDX, detected)" },
	{ SRV_GET, "/api/vulns/{id}", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ P_VULN, P_END }, NULL, srv__h_vuln,
	  "The merged view of a vulnerability" },
	{ SRV_PUT, "/api/vulns/{id}/embargo", SRV_TRIAGE_ROLES, SRV_NO_TOKEN, SRV_BODY_JSON,
	  (const struct srv_param[]){ P_VULN, P_END },
	  (const struct srv_field[]){ { "until", SRV_F_STRING_OR_NULL, 0, 64 },
	                              { "note", SRV_F_STRING_OR_NULL, 0, 1000 },
	                              { NULL, SRV_F_STRING, 0, 0 } },
	  srv__h_embargo_set, "Put a vulnerability under embargo" },
	{ SRV_DELETE, "/api/vulns/{id}/embargo", SRV_TRIAGE_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ P_VULN, P_END }, NULL, srv__h_embargo_lift,
	  "Lift a vulnerability's embargo" },
	{ SRV_GET, "/api/vulns/{id}/affected", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ P_VULN, P_LIMIT(100), P_AFTER, P_END },
	  NULL, srv__h_vuln_affected,
	  "A page of the product versions the vulnerability reaches (newest first), with their"
	  " findings and units" },
	{ SRV_GET, "/api/search", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){
	      { "q", SRV_IN_QUERY, SRV_P_TEXT, 1, 1, NAME_MAX_LEN, NULL, 0 },
	      { "limit", SRV_IN_QUERY, SRV_P_INT, 0, 1, 100, NULL, 20 },
	      { "offset", SRV_IN_QUERY, SRV_P_INT, 0, 0, 10000, NULL, 0 },
	      P_END },
	  NULL, srv__h_search,
	  "Search: vulnerabilities by id prefix, products by name, components by name or purl"
	  " prefix" },
	{ SRV_GET, "/api/findings", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){
	      { "product", SRV_IN_QUERY, SRV_P_NAME, 0, 1, NAME_MAX_LEN, NULL, 0 },
	      { "version", SRV_IN_QUERY, SRV_P_NAME, 0, 1, NAME_MAX_LEN, NULL, 0 },
	      { "state", SRV_IN_QUERY, SRV_P_ENUM, 0, 0, 0, state_values, 0 },
	      { "kev", SRV_IN_QUERY, SRV_P_ENUM, 0, 0, 0, bool_values, 0 },
	      { "overdue", SRV_IN_QUERY, SRV_P_ENUM, 0, 0, 0, bool_values, 0 },
	      { "priority", SRV_IN_QUERY, SRV_P_INT, 0, 1, 4, NULL, 0 },
	      { "sort", SRV_IN_QUERY, SRV_P_ENUM, 0, 0, 0, findings_sort_values, 0 },
	      P_LIMIT(50),
	      P_OFFSET,
	      P_AFTER,
	      P_END },
	  NULL, srv__h_findings, "A page of findings, by priority then deadline" },
	{ SRV_GET, "/api/findings/{id}", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ P_FINDING, P_END }, NULL, srv__h_finding,
	  "One finding: evidence, scores, SSVC path, priority reason, analysis and history" },
	{ SRV_POST, "/api/findings/{id}/analysis",
	  SRV_TRIAGE_ROLES | SRV_ROLE(PSIRT_ROLE_ENGINEER), SRV_NO_TOKEN, SRV_BODY_JSON,
	  (const struct srv_param[]){ P_FINDING, P_END },
	  (const struct srv_field[]){ { "state", SRV_F_STRING, 1, 32 },
	                              { "justification", SRV_F_STRING_OR_NULL, 0, 64 },
	                              { "comment", SRV_F_STRING_OR_NULL, 0, 2000 },
	                              { "scope", SRV_F_STRING, 0, 16 },
	                              { NULL, SRV_F_STRING, 0, 0 } },
	  srv__h_finding_analysis, "Record an analysis: the finding's state, justification, comment" },
	{ SRV_GET, "/api/feeds", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE, NULL, NULL,
	  srv__h_feeds, "Status of each vulnerability feed" },
	{ SRV_GET, "/api/audit", SRV_TRIAGE_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){
	      { "entity", SRV_IN_QUERY, SRV_P_TEXT, 0, 1, 64, NULL, 0 },
	      { "entity_id", SRV_IN_QUERY, SRV_P_TEXT, 0, 1, 600, NULL, 0 },
	      P_LIMIT(100),
	      { "cursor", SRV_IN_QUERY, SRV_P_INT, 0, 1, (long long)1 << 62, NULL, 0 },
	      P_END },
	  NULL, srv__h_audit, "The audit log, newest first" },
	/* API tokens: a session's own, or everyone's for an admin (route_tokens.c) */
	{ SRV_GET, "/api/tokens", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){
	      { "user", SRV_IN_QUERY, SRV_P_TEXT, 0, 1, PSIRT_USER_MAX_NAME, NULL, 0 },
	      P_END },
	  NULL, srv__h_tokens, "API tokens: the caller's own, or any user's for an admin" },
	{ SRV_POST, "/api/tokens", SRV_TRIAGE_ROLES | SRV_ROLE(PSIRT_ROLE_ENGINEER), SRV_NO_TOKEN,
	  SRV_BODY_JSON, NULL,
	  (const struct srv_field[]){ { "user", SRV_F_STRING, 0, PSIRT_USER_MAX_NAME },
	                              { "scope", SRV_F_STRING, 0, 16 },
	                              { NULL, SRV_F_STRING, 0, 0 } },
	  srv__h_token_new, "Make an API token (its text is in this answer only)" },
	{ SRV_DELETE, "/api/tokens/{id}", SRV_ALL_ROLES, SRV_NO_TOKEN, SRV_BODY_NONE,
	  (const struct srv_param[]){ P_TOKEN, P_END }, NULL, srv__h_token_revoke,
	  "Revoke an API token: refused from now on" },
};
const size_t srv__n_routes = sizeof srv__routes / sizeof srv__routes[0];
