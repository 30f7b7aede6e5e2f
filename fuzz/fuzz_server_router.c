/* libFuzzer target: the server's core — router, parameter validation,
 * authentication, CSRF, JSON body validation and the handlers — called
 * directly, without sockets. An input is a request in text:
 *
 *   METHOD TARGET\n
 *   Name: value\n        (headers, until an empty line)
 *   \n
 *   body
 *
 * The store is in memory with users, products, a vulnerability under
 * embargo, and fixed sessions and a token whose cookies the seeds carry,
 * so that inputs reach the handlers behind the login. Invariants (abort
 * when broken): every request gets a status from 200 to 599; every API
 * answer is a JSON object, and an error answer has "error" and "code" strings; a
 * request with no credentials never gets a 2xx from a route that needs a
 * login; a viewer or engineer never reads a vulnerability under embargo. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "psirt/embargo.h"
#include "psirt/portfolio.h"
#include "psirt/sha256.h"
#include "psirt/str.h"
#include "server/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* 43-character secrets, as psirt makes them (the seeds carry them). */
#define SESSION_ADMIN "fuzzadminsessionAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define SESSION_VIEWER "fuzzviewersessionAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define SESSION_ENGINEER "fuzzengineersessionAAAAAAAAAAAAAAAAAAAAAAAA"
#define CSRF "fuzzcsrftokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define TOKEN "psirt_fuzztokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define MAX_HEADERS 32

static struct psirt_server *srv;
static struct psirt_store *store;
static unsigned long runs;
static long long ids[3]; /* admin, viewer, engineer */

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "invariant broken: %s: %s\n", what, detail ? detail : "");
	abort();
}

static void sessions(void)
{
	static const char *const names[3] = { SESSION_ADMIN, SESSION_VIEWER, SESSION_ENGINEER };
	char hex[PSIRT_SHA256_HEX_SIZE];

	/* a logout in the previous input may have ended one */
	for (int i = 0; i < 3; i++) {
		psirt_sha256_hex(names[i], strlen(names[i]), hex);
		psirt_store_session_delete(store, hex, 0, NULL);
		if (psirt_store_session_insert(store, hex, ids[i], CSRF, "2027-01-01T00:00:00.000Z",
		                               "fuzz", NULL))
			die("cannot make a session", NULL);
	}
}

static void seed_store(void)
{
	static const struct psirt_pwhash_cost cheap = PSIRT_PWHASH_MIN;
	static const char *const users[3][2] = { { "admin", "admin" },
		                                 { "viewer", "viewer" },
		                                 { "erin", "engineer" } };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_product_edit pe = { 0 };
	struct psirt_vuln_record r = { 0 };
	enum psirt_store_outcome o;
	char hex[PSIRT_SHA256_HEX_SIZE];

	psirt_store_close(store);
	if (psirt_store_open(":memory:", PSIRT_STORE_CREATE, &store, &d))
		die("store", d.message);
	for (int i = 0; i < 3; i++) {
		struct psirt_user_edit e = { users[i][1], NULL, 0, NULL, 0 };
		struct psirt_users *u = NULL;

		if (psirt_user_add(store, users[i][0], "password", 8, &e, &cheap, "fuzz", &d) ||
		    psirt_user_list(store, users[i][0], &u, &d))
			die("user", d.message);
		ids[i] = u->items[0].id;
		psirt_users_free(u);
	}
	pe.owner = "erin";
	if (psirt_portfolio_product_add(store, "cam", &pe, "fuzz", &d) ||
	    psirt_portfolio_product_add(store, "router", NULL, "fuzz", &d) ||
	    psirt_portfolio_version_add(store, "cam", "1.0", NULL, "fuzz", &d))
		die("portfolio", d.message);
	r.source = PSIRT_VULN_SRC_NVD;
	r.id = "CVE-2026-0001";
	r.modified = "2026-01-01T00:00:00.000Z";
	if (psirt_store_vuln_upsert(store, &r, &o, &d))
		die("vuln", d.message);
	r.id = "CVE-2026-0002";
	if (psirt_store_vuln_upsert(store, &r, &o, &d) ||
	    psirt_embargo_set(store, "CVE-2026-0002", NULL, "fuzz", "fuzz", &d))
		die("embargo", d.message);
	psirt_sha256_hex(TOKEN, strlen(TOKEN), hex);
	if (psirt_store_token_insert(store, hex, ids[2], "upload", NULL, &d))
		die("token", d.message);
}

/* dir/name holding text (the web root's files). */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		die("web root", path);
	fputs(text, f);
	fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* Argon2 at its minimum cost, also for unknown users: a login in an
	 * input must not take 70 ms */
	static char dummy[PSIRT_PWHASH_STRBYTES];
	static struct psirt_auth_policy policy = PSIRT_AUTH_POLICY_DEFAULT;
	static const struct psirt_pwhash_cost cheap = PSIRT_PWHASH_MIN;
	static const char *const vendor_dirs[] = { "node_modules", "node_modules/uplot",
		                                   "node_modules/uplot/dist" };
	struct psirt_server_config cfg = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char web[] = "/tmp/psirt-fuzz-web-XXXXXX", path[128];

	(void)argc;
	(void)argv;
	setenv("PSIRT_NOW", "2026-01-15T09:00:00Z", 1);
	if (psirt_user_password_hash("dummy password", 14, &cheap, dummy, &d))
		die("hash", d.message);
	policy.dummy_hash = dummy;
	if (!mkdtemp(web))
		die("mkdtemp", NULL);
	put_file(web, "index.html", "<!doctype html>\n");
	/* a vendored file, as npm ci --prefix web leaves it (route_static.c) */
	for (size_t i = 0; i < sizeof vendor_dirs / sizeof vendor_dirs[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", web, vendor_dirs[i]);
		mkdir(path, 0755);
	}
	put_file(web, "node_modules/uplot/dist/uPlot.esm.js", "export default 1;\n");
	cfg.db_path = ":memory:";
	cfg.web_root = web;
	cfg.policy = &policy;
	cfg.max_json_body = 4096;
	cfg.max_upload = 65536;
	if (srv__new(&cfg, &srv, &d))
		die("server", d.message);
	psirt_sbom_init();
	seed_store();
	return 0;
}

struct hdrs {
	struct srv_header h[MAX_HEADERS];
	size_t n;
};

static const char *lookup(void *hctx, const char *name)
{
	struct hdrs *hs = hctx;

	for (size_t i = 0; i < hs->n; i++) {
		if (!psirt_strcasecmp(hs->h[i].name, name))
			return hs->h[i].value;
	}
	return NULL;
}

/* The next line of [*p, end) as a NUL-terminated copy in the arena. */
static char *next_line(struct psirt_arena *a, const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	char *line = psirt_arena_strndup(a, *p, len);

	*p = nl ? nl + 1 : end;
	return line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct psirt_arena arena;
	struct srv_req req;
	struct srv_resp resp;
	struct hdrs hs = { .n = 0 };
	char *line, *sp, *q;
	int credentials = 0;

	if (++runs % 2000 == 0)
		seed_store();
	sessions();
	psirt_arena_init(&arena, 4096);
	memset(&req, 0, sizeof req);
	srv__resp_init(&resp);
	line = next_line(&arena, &p, end);
	sp = line ? strchr(line, ' ') : NULL;
	if (!sp)
		goto out_release;
	*sp = '\0';
	req.method_text = line;
	req.path = sp + 1;
	q = strchr(sp + 1, '?');
	if (q) {
		struct srv_header *args;

		*q = '\0';
		req.n_args = srv__query_split(&arena, q + 1, &args);
		req.args = args;
	}
	while (p < end && hs.n < MAX_HEADERS) {
		char *colon;

		line = next_line(&arena, &p, end);
		if (!line || !*line)
			break;
		colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		hs.h[hs.n].name = line;
		hs.h[hs.n].value = colon + 1 + (colon[1] == ' ');
		if (!psirt_strcasecmp(line, "Cookie") || !psirt_strcasecmp(line, "Authorization"))
			credentials = 1;
		hs.n++;
	}
	req.srv = srv;
	req.store = store;
	req.arena = &arena;
	req.header = lookup;
	req.hctx = &hs;
	req.client = "192.0.2.1";

	if (srv__begin(&req, &resp) == SRV_NEED_BODY) {
		size_t len = (size_t)(end - p);

		if (len > req.body_cap)
			srv__body_too_big(&req, &resp);
		else
			srv__finish(&req, p, len, &resp);
	}

	if (resp.status < 200 || resp.status > 599)
		die("status out of range", req.path);
	if (resp.api) {
		json_error_t e;
		json_t *v = json_loadb(resp.body.p, resp.body.len, 0, &e);

		if (!json_is_object(v))
			die("API answer is not a JSON object", resp.body.p);
		if (resp.status >= 400 && !json_is_string(json_object_get(v, "error")))
			die("error answer without an error", resp.body.p);
		if (resp.status >= 400 && !json_is_string(json_object_get(v, "code")))
			die("error answer without a code", resp.body.p);
		json_decref(v);
	}
	if (!credentials && resp.status < 300 && req.route && req.route->roles)
		die("a login-only route answered without credentials", req.path);
	if (resp.status == 200 && req.route && req.route->handler == srv__h_vuln &&
	    req.authed && !psirt_role_sees_embargoed(req.who.role)) {
		/* an earlier input may have lifted the embargo: ask the store */
		struct psirt_vuln_view *v;
		struct psirt_embargo e;
		int active = 0;

		if (!psirt_store_vuln_get(store, srv__param(&req, "id"), &v, NULL)) {
			psirt_embargo_of_view(store, v, &arena, &active, &e, NULL);
			psirt_vuln_view_free(v);
		}
		if (active)
			die("an embargoed vulnerability was shown to a viewer", req.path);
	}

out_release:
	srv__req_release(&req);
	srv__resp_release(&resp);
	psirt_arena_release(&arena);
	return 0;
}
