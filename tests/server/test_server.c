/* The server over real HTTP: a server started in-process on 127.0.0.1:0
 * with a store made here, talked to through plain sockets (so that raw
 * requests — "..", bad escapes, lying Content-Lengths — reach it as
 * written). Every route; every role's allowed and forbidden calls; CSRF;
 * malformed and oversized bodies; static files and path traversal; the
 * login rate limit; SBOM upload with an API token; embargoes hidden from
 * viewers; the OpenAPI document against the route table; `psirt serve`
 * itself started, asked and stopped with SIGTERM.
 *
 * Every answer is checked for the security headers (in http()), and every
 * route must have answered 2xx at least once by the end (test_coverage). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/embargo.h"
#include "psirt/feed.h"
#include "psirt/findings.h"
#include "psirt/portfolio.h"
#include "psirt/server.h"
#include "psirt/str.h"
#include "psirt/user.h"
#include "server/internal.h"
#include "support/http_support.h"
#include "support/store_support.h"
#include "support/support.h"

static const struct psirt_pwhash_cost cheap = PSIRT_PWHASH_MIN;
static const char password[] = "correct horse";

static char tmpdir[PATH_MAX], dbpath[PATH_MAX + 16], webroot[PATH_MAX + 16];
static struct psirt_server *server;
static unsigned port;
static int covered[64];

/* HTTP client ---------------------------------------------------------------*/

struct hres {
	int status;
	char *raw;  /* the whole answer, NUL-terminated */
	char *head; /* in raw: status line and headers, NUL-terminated */
	char *body; /* in raw */
	size_t len;
};

static void hres_free(struct hres *r)
{
	free(r->raw);
	memset(r, 0, sizeof *r);
}

/* A header of the answer (case-insensitive name), copied into buf. */
static const char *hget(const struct hres *r, const char *name, char *buf, size_t size)
{
	return ts_http_header(r->head, name, buf, size);
}

static int connect_to(unsigned p)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)p);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa))
		fail_msg("cannot connect to port %u: %s", p, strerror(errno));
	return fd;
}

/* Sends raw bytes and reads the whole answer (the request says
 * Connection: close). A server that refuses a body early may close while
 * we still write: write errors are ignored, the answer is what counts. */
static struct hres http_raw_port(unsigned p, const char *raw, size_t len)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct hres r = { 0 };
	char chunk[65536], *sep;
	ssize_t n;
	size_t off = 0;
	int fd = connect_to(p);

	while (off < len) {
		n = send(fd, raw + off, len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0)
		psirt_buf_add(&b, chunk, (size_t)n);
	close(fd);
	assert_int_equal(psirt_buf_error(&b), PSIRT_OK);
	r.raw = psirt_buf_detach(&b, &r.len);
	sep = strstr(r.raw, "\r\n\r\n");
	if (!sep || sscanf(r.raw, "HTTP/1.1 %d", &r.status) != 1)
		fail_msg("not an HTTP answer: '%.200s'", r.raw);
	*sep = '\0';
	r.head = r.raw;
	r.body = sep + 4;
	r.len -= (size_t)(r.body - r.raw);
	return r;
}

/* Which route of the table answers method and target (for coverage). */
static int route_of(const char *method, const char *target)
{
	char path[2048];
	size_t n = strcspn(target, "?");

	if (n >= sizeof path)
		return -1;
	memcpy(path, target, n);
	path[n] = '\0';
	for (size_t i = 0; i < srv__n_routes; i++) {
		const char *p = srv__routes[i].pattern, *q = path;

		if (strcmp(srv__method_name(srv__routes[i].method), method))
			continue;
		while (*p && *q) {
			if (*p == '{') {
				p = strchr(p, '}') + 1;
				while (*q && *q != '/')
					q++;
			} else if (*p++ != *q++) {
				break;
			}
		}
		if (!*p && !*q)
			return (int)i;
	}
	return -1;
}

/* One request. extra: header lines, each ending in \r\n (may be NULL). */
static struct hres http(const char *method, const char *target, const char *extra,
                        const char *body, size_t len)
{
	struct psirt_buf req = PSIRT_BUF_INIT;
	char v[512];
	struct hres r;
	int route;

	psirt_buf_addf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n", method,
	               target);
	if (extra)
		psirt_buf_adds(&req, extra);
	if (body)
		psirt_buf_addf(&req, "Content-Length: %zu\r\n", len);
	psirt_buf_adds(&req, "\r\n");
	if (body)
		psirt_buf_add(&req, body, len);
	assert_int_equal(psirt_buf_error(&req), PSIRT_OK);
	r = http_raw_port(port, req.p, req.len);
	psirt_buf_release(&req);

	/* the security headers, on every answer */
	if (!hget(&r, "Content-Security-Policy", v, sizeof v) ||
	    !strstr(v, "default-src 'self'") || !strstr(v, "frame-ancestors 'none'"))
		fail_msg("%s %s: no CSP: %s", method, target, r.head);
	if (!hget(&r, "X-Content-Type-Options", v, sizeof v) || strcmp(v, "nosniff"))
		fail_msg("%s %s: no nosniff", method, target);
	if (!hget(&r, "Referrer-Policy", v, sizeof v) || strcmp(v, "no-referrer"))
		fail_msg("%s %s: no Referrer-Policy", method, target);
	if (!hget(&r, "X-Frame-Options", v, sizeof v) || strcmp(v, "DENY"))
		fail_msg("%s %s: no X-Frame-Options", method, target);
	if (!strncmp(target, "/api", 4) &&
	    (!hget(&r, "Cache-Control", v, sizeof v) || strcmp(v, "no-store")))
		fail_msg("%s %s: API answer without Cache-Control: no-store", method, target);
	route = route_of(method, target);
	if (route >= 0 && r.status / 100 == 2)
		covered[route] = 1;
	return r;
}

static json_t *body_json(const struct hres *r)
{
	json_error_t e;
	json_t *v = json_loadb(r->body, r->len, 0, &e);

	if (!v)
		fail_msg("not JSON (%s): '%.300s'", e.text, r->body);
	return v;
}

/* The "error" member of an error answer, copied. */
/* The code of the last error error_of read: every error has one (the web
 * UI translates it; src/server/dispatch.c, srv__error_code). */
static char last_code[64];

static void error_of(const struct hres *r, char *buf, size_t size)
{
	json_t *v = body_json(r);
	const char *e = json_string_value(json_object_get(v, "error"));
	const char *c = json_string_value(json_object_get(v, "code"));

	if (!e)
		fail_msg("no error member: %s", r->body);
	if (!c || !*c)
		fail_msg("no error code: %s", r->body);
	snprintf(buf, size, "%s", e ? e : "");
	snprintf(last_code, sizeof last_code, "%s", c ? c : "");
	json_decref(v);
}

/* Sessions ------------------------------------------------------------------*/

struct session {
	char cookie[300]; /* "Cookie: psirt_session=...\r\n" */
	char csrf[64];
	char both[400];   /* cookie and X-CSRF-Token lines */
};

static struct session sess[4]; /* admin, analyst, engineer, viewer */
static char token_erin[PSIRT_TOKEN_LEN + 1], token_hdr[128];

static void login(const char *name, struct session *s)
{
	char body[256], v[256];
	struct hres r;
	json_t *j;
	char *semi;

	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
	r = http("POST", "/api/login", "Content-Type: application/json\r\n", body, strlen(body));
	if (r.status != 200)
		fail_msg("login %s: %d %s", name, r.status, r.body);
	if (!hget(&r, "Set-Cookie", v, sizeof v))
		fail_msg("login %s: no cookie", name);
	/* the cookie's attributes (RFC 6265bis): HttpOnly, SameSite=Strict, Path=/ */
	assert_non_null(strstr(v, "; HttpOnly"));
	assert_non_null(strstr(v, "; SameSite=Strict"));
	assert_non_null(strstr(v, "; Path=/"));
	assert_null(strstr(v, "Secure")); /* plain HTTP here */
	semi = strchr(v, ';');
	*semi = '\0';
	snprintf(s->cookie, sizeof s->cookie, "Cookie: %s\r\n", v);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "name")), name);
	snprintf(s->csrf, sizeof s->csrf, "%s", json_string_value(json_object_get(j, "csrfToken")));
	snprintf(s->both, sizeof s->both, "%sX-CSRF-Token: %s\r\n", s->cookie, s->csrf);
	json_decref(j);
	hres_free(&r);
}

/* Fixture -------------------------------------------------------------------*/

static void add_user(struct psirt_store *s, const char *name, const char *role)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_user_edit e = { role, NULL, 0, NULL, 0 };

	if (psirt_user_add(s, name, password, strlen(password), &e, &cheap, "test", &d))
		fail_msg("user %s: %s", name, d.message);
}

static void add_vuln(struct psirt_store *s, const char *id)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_vuln_record r = { 0 };
	struct psirt_vuln_text t = { NULL, "en", "A test vulnerability." };
	enum psirt_store_outcome o;

	r.source = PSIRT_VULN_SRC_NVD;
	r.id = id;
	r.modified = "2026-01-01T00:00:00.000Z";
	r.descriptions = &t;
	if (psirt_store_vuln_upsert(s, &r, &o, &d))
		fail_msg("vuln %s: %s", id, d.message);
}

/* Real NVD records and busybox 1.36.1 in cam 1.0 (erin's) and router 1.0
 * (not hers), matched: finding 1 is cam's CVE-2022-48174, finding 2
 * router's (tests/data/findings). */
static const char plug_sbom[] =
	"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
	"{\"type\":\"application\",\"name\":\"busybox\",\"version\":\"1.36.1\","
	"\"cpe\":\"cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*\"}]}";

static void add_findings(struct psirt_store *s)
{
	static const char *const nvd[] = { "tests/data/nvd/nvd-cves-iot.json" };
	static const char *const products[] = { "cam", "router" };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_feed_stats st;
	struct psirt_findings_match_opts mo = { NULL, NULL, 0, "test", 0, NULL, NULL, NULL, 0 };
	struct psirt_findings_match_stats ms;

	if (psirt_feed_import(s, PSIRT_FEED_NVD, nvd, 1, NULL, &st, &d))
		fail_msg("nvd: %s", d.message);
	for (size_t i = 0; i < 2; i++) {
		struct psirt_sbom_doc *doc;
		struct psirt_sbom_import_result res;
		struct psirt_sbom_source src = { "test", "import", "plug.cdx.json", NULL, 0 };

		if (psirt_sbom_parse(plug_sbom, strlen(plug_sbom), "plug", PSIRT_SBOM_FORMAT_UNKNOWN,
		                     &doc, &d) ||
		    psirt_portfolio_sbom_import(s, products[i], "1.0", doc, &src, &res, &d))
			fail_msg("sbom: %s", d.message);
		psirt_sbom_free(doc);
		mo.product = products[i];
		if (psirt_findings_match(s, &mo, &ms, &d))
			fail_msg("match: %s", d.message);
		if (ms.created != 1)
			fail_msg("%s: %zu findings, expected 1", products[i], ms.created);
	}
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX * 2];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		fail_msg("cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* A store with products, versions, users, vulnerabilities and an embargo;
 * a web root with traps; a server on a free port. */
static int setup(void **state)
{
	struct psirt_server_config cfg = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_product_edit pe = { 0 };
	struct psirt_store *s;
	char path[PATH_MAX * 2];

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/psirt-test-server-XXXXXX");
	if (!mkdtemp(tmpdir))
		fail_msg("mkdtemp: %s", strerror(errno));
	snprintf(dbpath, sizeof dbpath, "%s/psirt.db", tmpdir);
	snprintf(webroot, sizeof webroot, "%s/web", tmpdir);
	if (psirt_store_open(dbpath, PSIRT_STORE_CREATE, &s, &d))
		fail_msg("store: %s", d.message);
	pe.owner = "erin"; /* erin owns cam by the owner field */
	pe.vendor = "ACME";
	if (psirt_portfolio_product_add(s, "cam", &pe, "test", &d) ||
	    psirt_portfolio_product_add(s, "router", NULL, "test", &d) ||
	    psirt_portfolio_product_add(s, "a/b product", NULL, "test", &d) ||
	    psirt_portfolio_version_add(s, "cam", "1.0", NULL, "test", &d))
		fail_msg("portfolio: %s", d.message);
	add_user(s, "alice", "admin");
	add_user(s, "ann", "analyst");
	add_user(s, "erin", "engineer");
	add_user(s, "vic", "viewer");
	add_user(s, "dave", "viewer");
	if (psirt_user_disable(s, "dave", 1, "test", &d))
		fail_msg("disable: %s", d.message);
	if (psirt_user_token_new(s, "erin", "upload", "test", token_erin, NULL, &d))
		fail_msg("token: %s", d.message);
	snprintf(token_hdr, sizeof token_hdr, "Authorization: Bearer %s\r\n", token_erin);
	add_vuln(s, "CVE-2026-0001");
	add_vuln(s, "CVE-2026-0002");
	add_vuln(s, "CVE-2026-0003");
	if (psirt_embargo_set(s, "CVE-2026-0002", "2030-01-01", "finder report", "test", &d))
		fail_msg("embargo: %s", d.message);
	add_findings(s);
	psirt_store_close(s);

	/* the web root: files, a folder, and what must never be served */
	mkdir(webroot, 0755);
	snprintf(path, sizeof path, "%s/sub", webroot);
	mkdir(path, 0755);
	write_file(webroot, "index.html", "<!doctype html><title>psirt</title>\n");
	write_file(webroot, "app.js", "export const x = 1;\n");
	write_file(webroot, "sub/page.css", "body{}\n");
	write_file(webroot, "sub/index.html", "<p>sub</p>\n");
	write_file(webroot, ".hidden", "secret\n");
	/* what npm ci --prefix web leaves: two files served under /vendor/ */
	snprintf(path, sizeof path, "%s/node_modules", webroot);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/node_modules/uplot", webroot);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/node_modules/uplot/dist", webroot);
	mkdir(path, 0755);
	write_file(webroot, "node_modules/uplot/dist/uPlot.esm.js", "export default 1;\n");
	write_file(webroot, "node_modules/uplot/dist/uPlot.min.css", ".uplot{}\n");
	write_file(webroot, "node_modules/uplot/dist/uPlot.iife.js", "var uPlot;\n");
	write_file(webroot, "node_modules/uplot/package.json", "{}\n");
	write_file(tmpdir, "outside.txt", "outside the web root\n");
	snprintf(path, sizeof path, "%s/link.txt", webroot);
	if (symlink("../outside.txt", path))
		fail_msg("symlink: %s", strerror(errno));
	snprintf(path, sizeof path, "%s/fifo", webroot);
	mkfifo(path, 0644);

	cfg.db_path = dbpath;
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 2;
	cfg.web_root = webroot;
	if (psirt_server_start(&cfg, &server, &d))
		fail_msg("server: %s", d.message);
	port = psirt_server_port(server);
	assert_true(port > 0);
	login("alice", &sess[0]);
	login("ann", &sess[1]);
	login("erin", &sess[2]);
	login("vic", &sess[3]);
	return 0;
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	psirt_server_stop(server);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd))
		return -1;
	return 0;
}

/* Tests ---------------------------------------------------------------------*/

/* A small CycloneDX SBOM with the firmware scanner's evidence. */
static const char sbom_cdx[] =
	"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
	"\"components\":["
	"{\"type\":\"application\",\"name\":\"dropbear\",\"version\":\"2022.83\","
	"\"purl\":\"pkg:generic/dropbear@2022.83\","
	"\"properties\":[{\"name\":\"psirt:fwscan:evidence\","
	"\"value\":\"/usr/sbin/dropbear@0x2a1c0: dropbear_2022.83\"}]},"
	"{\"type\":\"library\",\"name\":\"no-identity-lib\",\"version\":\"1\"}]}";

enum who { NONE, ADMIN, ANALYST, ENGINEER, VIEWER, TOKEN, WHO__MAX };
static const char *const who_names[WHO__MAX] = { "nobody", "admin", "analyst", "engineer",
	                                         "viewer", "token" };

/* Every role against every route (the table is walked in order: uploads
 * create a version once, then replace it). CSRF tokens are sent by the
 * session roles; CSRF itself is tested below. */
static void test_access_matrix(void **state)
{
	static const struct {
		const char *method, *target, *ctype, *body;
		int status[WHO__MAX];
	} rows[] = {
		{ "GET", "/api/me", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/dashboard", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/dashboard/trend?days=7", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/products", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/products/cam", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/products/cam/versions/1.0", NULL, NULL,
		  { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/vulns/CVE-2026-0001", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/feeds", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/audit", NULL, NULL, { 401, 200, 200, 403, 403, 403 } },
		{ "GET", "/api/openapi.json", NULL, NULL, { 200, 200, 200, 200, 200, 200 } },
		/* router: not erin's */
		{ "POST", "/api/products/router/versions/2.0/sbom", "application/vnd.cyclonedx+json",
		  sbom_cdx, { 401, 201, 200, 403, 403, 403 } },
		/* cam: erin's, by the owner field; her token acts for her */
		{ "POST", "/api/products/cam/versions/2.0/sbom?file=cam.cdx.json", "application/json",
		  sbom_cdx, { 401, 201, 200, 200, 403, 200 } },
		{ "PUT", "/api/vulns/CVE-2026-0003/embargo", "application/json",
		  "{\"until\":\"2030-06-01\",\"note\":\"coordinated with the finder\"}",
		  { 401, 200, 200, 403, 403, 403 } },
		{ "DELETE", "/api/vulns/CVE-2026-0003/embargo", NULL, NULL,
		  { 401, 200, 404, 403, 403, 403 } },
		{ "GET", "/api/findings", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/findings?product=Nope", NULL, NULL, { 401, 404, 404, 404, 404, 403 } },
		{ "GET", "/api/search?q=busy", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/findings?product=cam&state=open&sort=deadline", NULL, NULL,
		  { 401, 200, 200, 200, 200, 403 } },
		/* 1: cam (erin's), 2: router */
		{ "GET", "/api/findings/1", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/findings/2", NULL, NULL, { 401, 200, 200, 403, 200, 403 } },
		{ "POST", "/api/findings/1/analysis", "application/json", "{\"state\":\"affected\"}",
		  { 401, 200, 200, 200, 403, 403 } },
		{ "POST", "/api/findings/2/analysis", "application/json",
		  "{\"state\":\"affected\",\"scope\":\"version\",\"comment\":null}",
		  { 401, 200, 200, 403, 403, 403 } },
		{ "GET", "/api/vulns/CVE-2022-48174/affected", NULL, NULL,
		  { 401, 200, 200, 200, 200, 403 } },
		/* API tokens: everyone lists their own, an admin anyone's; a
		 * token manages no tokens. Token 1 is erin's CI token (setup). */
		{ "GET", "/api/tokens", NULL, NULL, { 401, 200, 200, 200, 200, 403 } },
		{ "GET", "/api/tokens?user=erin", NULL, NULL, { 401, 200, 403, 200, 403, 403 } },
		/* tokens 2 (alice's), 3 (ann's), 4 (erin's); viewers cannot upload */
		{ "POST", "/api/tokens", "application/json", "{}", { 401, 201, 201, 201, 403, 403 } },
		/* 5 (erin's, by the admin), 6 (erin's) */
		{ "POST", "/api/tokens", "application/json", "{\"user\":\"erin\",\"scope\":\"upload\"}",
		  { 401, 201, 403, 201, 403, 403 } },
		/* ann's: the admin revokes it, then ann finds it revoked (409);
		 * to others it does not exist */
		{ "DELETE", "/api/tokens/3", NULL, NULL, { 401, 200, 409, 404, 404, 403 } },
		{ "DELETE", "/api/tokens/5", NULL, NULL, { 401, 200, 404, 409, 404, 403 } },
	};
	struct ts_suite suite = { "access matrix", 0, 0 };

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		for (int w = 0; w < WHO__MAX; w++) {
			char extra[1024] = "";
			struct hres r;

			if (w >= ADMIN && w <= VIEWER)
				snprintf(extra, sizeof extra, "%s", sess[w - 1].both);
			else if (w == TOKEN)
				snprintf(extra, sizeof extra, "%s", token_hdr);
			if (rows[i].ctype)
				snprintf(extra + strlen(extra), sizeof extra - strlen(extra),
				         "Content-Type: %s\r\n", rows[i].ctype);
			r = http(rows[i].method, rows[i].target, extra, rows[i].body,
			         rows[i].body ? strlen(rows[i].body) : 0);
			ts_case(&suite, r.status == rows[i].status[w], "%s %s as %s: %d, expected %d: %s",
			        rows[i].method, rows[i].target, who_names[w], r.status,
			        rows[i].status[w], r.body);
			/* 401 says how to authenticate (RFC 9110 §11.6.1) */
			if (r.status == 401) {
				char v[128];

				ts_case(&suite, hget(&r, "WWW-Authenticate", v, sizeof v) != NULL,
				        "%s %s: 401 without WWW-Authenticate", rows[i].method,
				        rows[i].target);
			}
			hres_free(&r);
		}
	}
	ts_suite_end(&suite);
}

static void expect_error(const char *method, const char *target, const char *extra,
                         const char *body, int status, const char *message)
{
	char got[512];
	struct hres r = http(method, target, extra, body, body ? strlen(body) : 0);

	if (r.status != status)
		fail_msg("%s %s: %d, expected %d: %s", method, target, r.status, status, r.body);
	error_of(&r, got, sizeof got);
	if (message && strcmp(got, message))
		fail_msg("%s %s: error '%s', expected '%s'", method, target, got, message);
	hres_free(&r);
}

static void test_csrf(void **state)
{
	struct session s;
	char extra[512];
	struct hres r;

	(void)state;
	login("vic", &s);
	/* no token, a wrong one, then the right one */
	expect_error("POST", "/api/logout", s.cookie, NULL, 403,
	             "missing CSRF token: send the X-CSRF-Token header (from the login answer or "
	             "GET /api/me)");
	assert_string_equal(last_code, "csrf");
	snprintf(extra, sizeof extra, "%sX-CSRF-Token: %s\r\n", s.cookie, sess[3].csrf);
	expect_error("POST", "/api/logout", extra, NULL, 403, "wrong CSRF token");
	assert_string_equal(last_code, "csrf");
	snprintf(extra, sizeof extra, "%sX-CSRF-Token: x\r\n", s.cookie);
	expect_error("POST", "/api/logout", extra, NULL, 403, "wrong CSRF token");
	/* state-changing analyst calls need it too */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[1].cookie);
	expect_error("PUT", "/api/vulns/CVE-2026-0001/embargo", extra, "{}", 403, NULL);
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[2].cookie);
	expect_error("POST", "/api/products/cam/versions/3.0/sbom", extra, sbom_cdx, 403, NULL);
	/* so do the token routes (a forged request must not mint or revoke) */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[2].cookie);
	expect_error("POST", "/api/tokens", extra, "{}", 403,
	             "missing CSRF token: send the X-CSRF-Token header (from the login answer or "
	             "GET /api/me)");
	snprintf(extra, sizeof extra, "%sX-CSRF-Token: %s\r\nContent-Type: application/json\r\n",
	         sess[2].cookie, sess[0].csrf);
	expect_error("POST", "/api/tokens", extra, "{}", 403, "wrong CSRF token");
	expect_error("DELETE", "/api/tokens/1", sess[0].cookie, NULL, 403,
	             "missing CSRF token: send the X-CSRF-Token header (from the login answer or "
	             "GET /api/me)");
	/* GET needs none; /api/me gives it back */
	r = http("GET", "/api/me", s.cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	{
		json_t *j = body_json(&r);

		assert_string_equal(json_string_value(json_object_get(j, "csrfToken")), s.csrf);
		assert_string_equal(json_string_value(json_object_get(j, "role")), "viewer");
		assert_false(json_is_true(json_object_get(json_object_get(j, "may"), "seeEmbargoed")));
		json_decref(j);
	}
	hres_free(&r);
	/* logout ends the session and clears the cookie */
	r = http("POST", "/api/logout", s.both, NULL, 0);
	assert_int_equal(r.status, 200);
	{
		char v[256];

		assert_non_null(hget(&r, "Set-Cookie", v, sizeof v));
		assert_non_null(strstr(v, "psirt_session=;"));
		assert_non_null(strstr(v, "Max-Age=0"));
	}
	hres_free(&r);
	expect_error("GET", "/api/me", s.cookie, NULL, 401, "the session has ended: log in again");
	/* a forged cookie */
	expect_error("GET", "/api/me", "Cookie: psirt_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n",
	             NULL, 401, "the session has ended: log in again");
	expect_error("GET", "/api/me", "Cookie: other=1; psirt_session=x\r\n", NULL, 401, NULL);
}

static void test_login_errors(void **state)
{
	static const char json[] = "Content-Type: application/json\r\n";

	(void)state;
	expect_error("POST", "/api/login", json, "{\"name\":\"alice\",\"password\":\"wrong horse\"}",
	             401, "wrong user name or password");
	assert_string_equal(last_code, "login.failed");
	expect_error("POST", "/api/login", json, "{\"name\":\"nobody\",\"password\":\"x\"}", 401,
	             "wrong user name or password");
	/* disabled: the same answer */
	expect_error("POST", "/api/login", json,
	             "{\"name\":\"dave\",\"password\":\"correct horse\"}", 401,
	             "wrong user name or password");
	/* malformed JSON: the parser's message and place */
	expect_error("POST", "/api/login", json, "{\"name\":", 400, NULL);
	assert_string_equal(last_code, "badRequest");
	{
		struct hres r = http("POST", "/api/login", json, "{\"name\" \"x\"}", 12);
		json_t *j = body_json(&r);
		json_t *detail = json_object_get(j, "detail");

		assert_int_equal(r.status, 400);
		assert_string_equal(json_string_value(json_object_get(j, "error")),
		                    "malformed JSON: ':' expected near '\"x\"'");
		assert_int_equal(json_integer_value(json_object_get(detail, "line")), 1);
		/* jansson places an error at the end of the token it could not use */
		assert_int_equal(json_integer_value(json_object_get(detail, "column")), 11);
		json_decref(j);
		hres_free(&r);
	}
	expect_error("POST", "/api/login", json, "[1,2]", 400, "the body must be a JSON object");
	expect_error("POST", "/api/login", json, "{\"name\":\"a\",\"password\":\"b\",\"x\":1}", 400,
	             "unknown member in the body");
	expect_error("POST", "/api/login", json, "{\"name\":\"a\"}", 400,
	             "member 'password' is required");
	expect_error("POST", "/api/login", json, "{\"name\":1,\"password\":\"b\"}", 400,
	             "member 'name' must be a string");
	/* jansson refuses \u0000 unless asked (JSON_ALLOW_NUL): C strings end there */
	expect_error("POST", "/api/login", json, "{\"name\":\"a\\u0000b\",\"password\":\"b\"}", 400,
	             "malformed JSON: \\u0000 is not allowed without JSON_ALLOW_NUL near "
	             "'\"a\\u0000b\"'");
	expect_error("POST", "/api/login", json, "{\"name\":\"a\",\"name\":\"b\",\"password\":\"c\"}",
	             400, NULL); /* duplicate keys rejected */
	expect_error("POST", "/api/login", json, "", 400, "a JSON body is required");
	expect_error("POST", "/api/login", "Content-Type: text/plain\r\n",
	             "{\"name\":\"a\",\"password\":\"b\"}", 415,
	             "send the body as Content-Type: application/json");
	expect_error("POST", "/api/login", NULL, "{\"name\":\"a\",\"password\":\"b\"}", 415, NULL);
	/* charset parameters are fine */
	expect_error("POST", "/api/login", "Content-Type: Application/JSON; charset=utf-8\r\n",
	             "{\"name\":\"a\",\"password\":\"wrong horse\"}", 401, NULL);
	{
		char longname[200];

		memset(longname, 'a', 100);
		snprintf(longname + 100, sizeof longname - 100, "\",\"password\":\"x\"}");
		char body[300];

		snprintf(body, sizeof body, "{\"name\":\"%s", longname);
		expect_error("POST", "/api/login", json, body, 400, "member 'name' is longer than 64 bytes");
	}
}

static void test_oversized(void **state)
{
	char raw[512];
	struct hres r;
	char *big;
	size_t n = ((size_t)1 << 20) + 1;

	(void)state;
	/* a declared size over the cap: refused before reading a byte */
	snprintf(raw, sizeof raw,
	         "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
	         n);
	r = http_raw_port(port, raw, strlen(raw));
	assert_int_equal(r.status, 413);
	hres_free(&r);
	snprintf(raw, sizeof raw,
	         "POST /api/products/cam/versions/9/sbom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	         "%sContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
	         token_hdr, ((size_t)64 << 20) + 1);
	r = http_raw_port(port, raw, strlen(raw));
	assert_int_equal(r.status, 413);
	{
		json_t *j = body_json(&r);

		assert_string_equal(json_string_value(json_object_get(j, "error")),
		                    "the SBOM is too large");
		assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "detail"),
		                                                    "limit")),
		                 64 << 20);
		json_decref(j);
	}
	hres_free(&r);
	/* chunked, no declared size: read, dropped, 413 at the end */
	big = malloc(n + 256);
	{
		struct psirt_buf b = PSIRT_BUF_INIT;

		psirt_buf_adds(&b, "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		                   "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
		memset(big, ' ', n);
		psirt_buf_addf(&b, "%zx\r\n", n);
		psirt_buf_add(&b, big, n);
		psirt_buf_adds(&b, "\r\n0\r\n\r\n");
		r = http_raw_port(port, b.p, b.len);
		assert_int_equal(r.status, 413);
		hres_free(&r);
		psirt_buf_release(&b);
	}
	free(big);
	/* a body where none is taken */
	expect_error("GET", "/api/dashboard", sess[0].cookie, "x", 400,
	             "GET /api/dashboard takes no body");
}

static void test_static(void **state)
{
	static const struct {
		const char *target;
		int status;
		const char *type;
	} rows[] = {
		{ "/", 200, "text/html; charset=utf-8" },
		{ "/index.html", 200, "text/html; charset=utf-8" },
		{ "/app.js", 200, "text/javascript; charset=utf-8" },
		{ "/sub/page.css", 200, "text/css; charset=utf-8" },
		{ "/sub/", 200, "text/html; charset=utf-8" },
		{ "/%61pp.js", 200, "text/javascript; charset=utf-8" },
		{ "/missing.html", 404, NULL },
		{ "/sub", 404, NULL },                 /* a folder is not a file */
		{ "/fifo", 404, NULL },                /* nor is a FIFO */
		{ "/.hidden", 404, NULL },             /* dot files are not served */
		{ "/link.txt", 404, NULL },            /* a link out of the web root */
		{ "/../outside.txt", 400, NULL },
		{ "/sub/../index.html", 400, NULL },
		{ "/%2e%2e/outside.txt", 400, NULL },
		{ "/%2E%2E%2Foutside.txt", 400, NULL },
		{ "/..%2foutside.txt", 400, NULL },
		{ "/sub/%2e%2e/%2e%2e/outside.txt", 400, NULL },
		{ "//etc/passwd", 400, NULL },
		{ "/./index.html", 400, NULL },
		{ "/sub%5c..%5c..%5coutside.txt", 400, NULL },
		{ "/%00", 400, NULL },
		{ "/index.html%00.png", 400, NULL },
		{ "/%zz", 400, NULL },
		{ "/%0a", 400, NULL },
		/* vendored files: the listed ones under /vendor/, never node_modules */
		{ "/vendor/uplot/uPlot.esm.js", 200, "text/javascript; charset=utf-8" },
		{ "/vendor/uplot/uPlot.min.css", 200, "text/css; charset=utf-8" },
		{ "/vendor/uplot/%75Plot.esm.js", 200, "text/javascript; charset=utf-8" },
		{ "/vendor/uplot/uPlot.iife.js", 404, NULL },
		{ "/vendor/uplot/", 404, NULL },
		{ "/vendor/uplot/../../index.html", 400, NULL },
		{ "/vendor/uplot/uPlot.esm.js%00", 400, NULL },
		{ "/node_modules/uplot/dist/uPlot.esm.js", 404, NULL },
		{ "/node_modules/uplot/package.json", 404, NULL },
		{ "/sub/../node_modules/uplot/package.json", 400, NULL },
		{ "/%6eode_modules/uplot/dist/uPlot.min.css", 404, NULL },
	};
	struct ts_suite suite = { "static files", 0, 0 };
	char v[128];

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct hres r = http("GET", rows[i].target, NULL, NULL, 0);
		int ok = r.status == rows[i].status;

		if (ok && rows[i].type)
			ok = hget(&r, "Content-Type", v, sizeof v) && !strcmp(v, rows[i].type);
		if (ok && r.status == 200)
			ok = !strstr(r.body, "outside") && !strstr(r.body, "secret");
		if (ok && r.status != 200)
			ok = !strstr(r.body, "outside the web root");
		ts_case(&suite, ok, "GET %s: %d (%s), expected %d", rows[i].target, r.status, r.body,
		        rows[i].status);
		hres_free(&r);
	}
	ts_suite_end(&suite);
	/* other methods: 405 with Allow */
	{
		struct hres r = http("POST", "/index.html", NULL, "x", 1);

		assert_int_equal(r.status, 405);
		assert_string_equal(hget(&r, "Allow", v, sizeof v), "GET, HEAD");
		hres_free(&r);
	}
	/* HEAD: the headers without the body */
	{
		struct hres r = http("HEAD", "/app.js", NULL, NULL, 0);

		assert_int_equal(r.status, 200);
		assert_int_equal(r.len, 0);
		assert_string_equal(hget(&r, "Content-Length", v, sizeof v), "20");
		hres_free(&r);
	}
	/* a raw request line with ".." as sent */
	{
		static const char raw[] = "GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\n"
		                          "Connection: close\r\n\r\n";
		struct hres r = http_raw_port(port, raw, sizeof raw - 1);

		assert_true(r.status == 400 || r.status == 404);
		assert_null(strstr(r.body, "root:"));
		hres_free(&r);
	}
}

static void test_routing_and_params(void **state)
{
	const char *a = sess[0].cookie;
	char v[128];
	struct hres r;

	(void)state;
	expect_error("GET", "/api/nothing", a, NULL, 404, "no such API resource");
	expect_error("GET", "/api/products/", a, NULL, 404, NULL);
	expect_error("GET", "/api", a, NULL, 404, NULL);
	r = http("GET", "/api/login", NULL, NULL, 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(hget(&r, "Allow", v, sizeof v), "POST");
	hres_free(&r);
	r = http("DELETE", "/api/products", a, NULL, 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(hget(&r, "Allow", v, sizeof v), "GET, HEAD");
	hres_free(&r);
	r = http("GET", "/api/vulns/CVE-2026-0001/embargo", a, NULL, 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(hget(&r, "Allow", v, sizeof v), "PUT, DELETE");
	hres_free(&r);
	/* parameters, checked before the handler, with precise messages */
	expect_error("GET", "/api/products?limit=0", a, NULL, 400,
	             "query parameter 'limit' must be an integer from 1 to 1000");
	expect_error("GET", "/api/products?limit=abc", a, NULL, 400,
	             "query parameter 'limit' must be an integer from 1 to 1000");
	expect_error("GET", "/api/products?limit=1001", a, NULL, 400,
	             "query parameter 'limit' must be an integer from 1 to 1000");
	expect_error("GET", "/api/products?sort=price", a, NULL, 400,
	             "query parameter 'sort' must be one of name, vendor, created, updated, "
	             "versions");
	expect_error("GET", "/api/products?colour=red", a, NULL, 400, "unknown query parameter");
	expect_error("GET", "/api/products?limit=1&limit=2", a, NULL, 400,
	             "query parameter given twice");
	expect_error("GET", "/api/products?q=%zz", a, NULL, 400,
	             "malformed percent-encoding in the query");
	expect_error("GET", "/api/products?q=%0a", a, NULL, 400,
	             "query parameter 'q' must not contain control characters");
	expect_error("GET", "/api/vulns/CVE%202026", a, NULL, 400,
	             "path parameter 'id' must be a vulnerability id (CVE-…, GHSA-…, JVNDB-…): "
	             "letters, digits and - _ . :");
	expect_error("GET", "/api/products/%00x", a, NULL, 400,
	             "malformed percent-encoding in the path");
	expect_error("GET", "/api/audit?cursor=0", a, NULL, 400, NULL);
	expect_error("GET", "/api/products/nothing", a, NULL, 404, "no product 'nothing'");
	expect_error("GET", "/api/products/cam/versions/9.9", a, NULL, 404, NULL);
	expect_error("GET", "/api/vulns/CVE-1999-0001", a, NULL, 404,
	             "CVE-1999-0001: not in the store");
	/* a name with '/' and a space, percent-encoded */
	r = http("GET", "/api/products/a%2Fb%20product", a, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"name\":\"a/b product\""));
	hres_free(&r);
	/* tokens: a bad one, another scheme */
	expect_error("POST", "/api/products/cam/versions/1.0/sbom",
	             "Authorization: Bearer psirt_nope\r\nContent-Type: application/json\r\n", "{}",
	             401, "invalid API token");
	expect_error("GET", "/api/products", "Authorization: Basic YWxpY2U6eA==\r\n", NULL, 401,
	             "unsupported Authorization scheme: use Bearer with an API token");
	expect_error("GET", "/api/products", token_hdr, NULL, 403,
	             "an API token of scope upload cannot call GET /api/products: log in");
	expect_error("GET", "/api/audit", sess[3].cookie, NULL, 403,
	             "role viewer may not call GET /api/audit");
}

static void test_browse(void **state)
{
	const char *a = sess[3].cookie;
	struct hres r;
	json_t *j, *items;

	(void)state;
	r = http("GET", "/api/products?limit=2&sort=name&order=desc", a, NULL, 0);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "name")),
	                    "router");
	json_decref(j);
	hres_free(&r);
	r = http("GET", "/api/products?limit=2&offset=2&sort=name", a, NULL, 0);
	j = body_json(&r);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "name")),
	                    "router");
	json_decref(j);
	hres_free(&r);
	r = http("GET", "/api/products?q=acme", a, NULL, 0);
	j = body_json(&r);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	hres_free(&r);

	/* the product, with its versions */
	r = http("GET", "/api/products/cam", a, NULL, 0);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "owner")), "erin");
	assert_true(json_array_size(json_object_get(j, "versions")) >= 1);
	json_decref(j);
	hres_free(&r);

	/* the feeds */
	r = http("GET", "/api/feeds", a, NULL, 0);
	j = body_json(&r);
	assert_int_equal(json_array_size(json_object_get(j, "feeds")), 6);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(j, "feeds"), 0), "source")),
	                    "nvd");
	json_decref(j);
	hres_free(&r);

	/* the audit log, page by page with the cursor */
	{
		char target[128];
		long long cursor = 0, prev = LLONG_MAX;
		size_t seen = 0;

		for (int page = 0; page < 1000; page++) {
			json_t *next;

			if (cursor)
				snprintf(target, sizeof target, "/api/audit?limit=5&cursor=%lld", cursor);
			else
				snprintf(target, sizeof target, "/api/audit?limit=5");
			r = http("GET", target, sess[1].cookie, NULL, 0);
			assert_int_equal(r.status, 200);
			j = body_json(&r);
			items = json_object_get(j, "items");
			for (size_t i = 0; i < json_array_size(items); i++) {
				long long id = json_integer_value(json_object_get(json_array_get(items, i), "id"));

				assert_true(id < prev); /* newest first, no repeats */
				prev = id;
				seen++;
			}
			next = json_object_get(j, "nextCursor");
			cursor = json_is_integer(next) ? json_integer_value(next) : 0;
			json_decref(j);
			hres_free(&r);
			if (!cursor)
				break;
		}
		assert_true(seen > 10);
		r = http("GET", "/api/audit?entity=user&entity_id=dave", sess[1].cookie, NULL, 0);
		j = body_json(&r);
		items = json_object_get(j, "items");
		assert_int_equal(json_array_size(items), 2); /* created, disabled */
		assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "field")),
		                    "disabled");
		json_decref(j);
		hres_free(&r);
	}
}

static void test_upload(void **state)
{
	unsigned long long ckpt_before;
	char extra[512], *data;
	size_t len;
	struct hres r;
	json_t *j, *page, *c;

	(void)state;
	/* the engineer's CI token, into a new version of her product */
	ckpt_before = atomic_load(&server->checkpoints) + 1;
	snprintf(extra, sizeof extra, "%sContent-Type: application/vnd.cyclonedx+json\r\n",
	         token_hdr);
	r = http("POST", "/api/products/cam/versions/4.0/sbom?file=fw-4.0.cdx.json", extra,
	         sbom_cdx, strlen(sbom_cdx));
	assert_int_equal(r.status, 201);
	/* the match committed without SQLite's checkpoint: the watchdog runs
	 * it after the answer (within 5 s here) */
	{
		int waited;

		for (waited = 0; waited < 500 && atomic_load(&server->checkpoints) < ckpt_before;
		     waited++)
			usleep(10000);
		assert_true(atomic_load(&server->checkpoints) >= ckpt_before);
	}
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "format")), "cyclonedx-json");
	assert_int_equal(json_integer_value(json_object_get(j, "components")), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "noIdentity")), 1);
	assert_true(json_is_true(json_object_get(j, "versionCreated")));
	assert_int_equal(json_array_size(json_object_get(j, "warnings")), 1);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(j, "warnings"), 0), "code")),
	                    "no-identity");
	json_decref(j);
	hres_free(&r);

	/* the server keeps the matcher's index between uploads while the
	 * records stay the same, and loads it again once they change (the
	 * same document again, into the same version) */
	{
		unsigned long long loads = atomic_load(&server->index_loads);
		struct psirt_store *st;
		struct psirt_feed_stats fst;
		struct psirt_diag d = PSIRT_DIAG_INIT;

		assert_true(loads > 0);
		r = http("POST", "/api/products/cam/versions/4.0/sbom", extra, sbom_cdx,
		         strlen(sbom_cdx));
		assert_int_equal(r.status, 200);
		hres_free(&r);
		assert_int_equal(atomic_load(&server->index_loads), loads);
		if (psirt_store_open(dbpath, 0, &st, &d))
			fail_msg("%s", d.message);
		memset(&fst, 0, sizeof fst);
		assert_int_equal(tss_import(st, PSIRT_FEED_NVD, "nvd/problems/CVE-2099-0102.json", &fst,
		                            NULL),
		                 0);
		psirt_store_close(st);
		r = http("POST", "/api/products/cam/versions/4.0/sbom", extra, sbom_cdx,
		         strlen(sbom_cdx));
		assert_int_equal(r.status, 200);
		hres_free(&r);
		assert_int_equal(atomic_load(&server->index_loads), loads + 1);
	}

	/* the version: its history says who (a token), the components carry
	 * identity and evidence */
	r = http("GET", "/api/products/cam/versions/4.0", sess[3].cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(j, "imports"), 0), "actor")),
	                    "erin (API token)");
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(j, "imports"), 0), "file")),
	                    "fw-4.0.cdx.json");
	page = json_object_get(j, "componentPage");
	assert_int_equal(json_integer_value(json_object_get(page, "total")), 2);
	c = json_array_get(json_object_get(page, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(c, "purl")),
	                    "pkg:generic/dropbear@2022.83");
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "evidence"), 0)),
	                    "/usr/sbin/dropbear@0x2a1c0: dropbear_2022.83");
	assert_int_equal(json_array_size(json_object_get(c, "properties")), 0);
	c = json_array_get(json_object_get(page, "items"), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(c, "flags"), 0)),
	                    "no-identity");
	json_decref(j);
	hres_free(&r);
	r = http("GET", "/api/products/cam/versions/4.0?limit=1&offset=1", sess[3].cookie, NULL, 0);
	j = body_json(&r);
	page = json_object_get(j, "componentPage");
	assert_int_equal(json_array_size(json_object_get(page, "items")), 1);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(page, "items"), 0), "name")),
	                    "no-identity-lib");
	json_decref(j);
	hres_free(&r);

	/* real documents: CycloneDX XML, SPDX tag-value, CycloneDX 1.4 JSON */
	data = ts_read_file("cyclonedx/examples/laravel-7.12.0.bom.1.4.xml", &len);
	snprintf(extra, sizeof extra, "%sContent-Type: application/xml\r\n", token_hdr);
	r = http("POST", "/api/products/cam/versions/4.0/sbom", extra, data, len);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "format")), "cyclonedx-xml");
	assert_int_equal(json_integer_value(json_object_get(j, "replaced")), 2);
	assert_true(json_integer_value(json_object_get(j, "components")) > 50);
	json_decref(j);
	hres_free(&r);
	free(data);
	data = ts_read_file("spdx/examples/example2-bin.spdx", &len);
	snprintf(extra, sizeof extra, "%sContent-Type: text/plain\r\n", token_hdr);
	r = http("POST", "/api/products/cam/versions/4.1/sbom", extra, data, len);
	assert_int_equal(r.status, 201);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "format")), "spdx-tag-value");
	json_decref(j);
	hres_free(&r);
	free(data);

	/* bad documents change nothing and say why */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", token_hdr);
	expect_error("POST", "/api/products/cam/versions/4.0/sbom", extra,
	             "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{}]}", 400,
	             NULL);
	expect_error("POST", "/api/products/cam/versions/4.0/sbom", extra, "not an sbom", 400,
	             "not a CycloneDX or SPDX document: neither JSON, XML nor SPDX tag-value");
	expect_error("POST", "/api/products/cam/versions/4.0/sbom", extra, "", 400,
	             "the body is empty: send the SBOM");
	snprintf(extra, sizeof extra, "%sContent-Type: image/png\r\n", token_hdr);
	expect_error("POST", "/api/products/cam/versions/4.0/sbom", extra, sbom_cdx, 415,
	             "this content type is not an SBOM type");
	r = http("GET", "/api/products/cam/versions/4.0", sess[3].cookie, NULL, 0);
	j = body_json(&r);
	/* the first, the two again (the kept index), the XML one */
	assert_int_equal(json_array_size(json_object_get(j, "imports")), 4);
	json_decref(j);
	hres_free(&r);
	/* not erin's product; no such product */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", token_hdr);
	expect_error("POST", "/api/products/router/versions/1/sbom", extra, sbom_cdx, 403,
	             "engineer erin may not change product 'router'");
	expect_error("POST", "/api/products/nothing/versions/1/sbom", extra, sbom_cdx, 404,
	             "no product 'nothing'");
	/* a request killed halfway leaves the store as it was: the import
	 * runs only once the whole body is in, in one transaction */
	{
		char raw[1024];
		int fd = connect_to(port);

		snprintf(raw, sizeof raw,
		         "POST /api/products/cam/versions/9.9/sbom HTTP/1.1\r\nHost: x\r\n%s"
		         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%.40s",
		         token_hdr, strlen(sbom_cdx), sbom_cdx);
		assert_true(send(fd, raw, strlen(raw), MSG_NOSIGNAL) > 0);
		close(fd);
		usleep(100 * 1000);
		expect_error("GET", "/api/products/cam/versions/9.9", sess[3].cookie, NULL, 404, NULL);
	}
	/* the dashboard sees the change at once */
	r = http("GET", "/api/dashboard", sess[0].cookie, NULL, 0);
	j = body_json(&r);
	assert_true(json_integer_value(json_object_get(j, "components")) > 50);
	assert_true(json_integer_value(json_object_get(j, "versions")) >= 5);
	json_decref(j);
	hres_free(&r);
}

static void test_embargo(void **state)
{
	char extra[512];
	struct hres r;
	json_t *j;
	long long viewer_count, analyst_count;

	(void)state;
	/* CVE-2026-0002 is under embargo: viewers and engineers get the answer
	 * for an unknown id, analysts and admins the record and the embargo */
	expect_error("GET", "/api/vulns/CVE-2026-0002", sess[3].cookie, NULL, 404,
	             "CVE-2026-0002: not in the store");
	expect_error("GET", "/api/vulns/cve-2026-0002", sess[3].cookie, NULL, 404,
	             "CVE-2026-0002: not in the store");
	expect_error("GET", "/api/vulns/CVE-2026-0002", sess[2].cookie, NULL, 404, NULL);
	r = http("GET", "/api/vulns/CVE-2026-0002", sess[1].cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "embargo"), "until")),
	                    "2030-01-01T00:00:00.000Z");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "embargo"), "note")),
	                    "finder report");
	json_decref(j);
	hres_free(&r);
	/* not counted for viewers either */
	r = http("GET", "/api/dashboard", sess[3].cookie, NULL, 0);
	j = body_json(&r);
	viewer_count = json_integer_value(json_object_get(j, "vulnerabilities"));
	assert_null(json_object_get(j, "embargoed"));
	json_decref(j);
	hres_free(&r);
	r = http("GET", "/api/dashboard", sess[1].cookie, NULL, 0);
	j = body_json(&r);
	analyst_count = json_integer_value(json_object_get(j, "vulnerabilities"));
	assert_int_equal(json_integer_value(json_object_get(j, "embargoed")), 1);
	json_decref(j);
	hres_free(&r);
	/* the three test ids and the NVD records of the findings fixture */
	assert_true(analyst_count > 3);
	assert_int_equal(viewer_count, analyst_count - 1);

	/* an analyst embargoes CVE-2026-0001: hidden from the viewer at once */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[1].both);
	r = http("PUT", "/api/vulns/CVE-2026-0001/embargo", extra, "{\"until\":null}", 14);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_true(json_is_null(json_object_get(j, "until")));
	assert_string_equal(json_string_value(json_object_get(j, "setBy")), "ann");
	json_decref(j);
	hres_free(&r);
	expect_error("GET", "/api/vulns/CVE-2026-0001", sess[3].cookie, NULL, 404, NULL);
	expect_error("PUT", "/api/vulns/CVE-2026-0001/embargo", extra, "{\"until\":\"soon\"}", 400,
	             "embargo end 'soon' is not a date (YYYY-MM-DD) or an ISO 8601 instant");
	expect_error("PUT", "/api/vulns/CVE-2026-0001/embargo", extra, "{\"until\":5}", 400,
	             "member 'until' must be a string or null");
	/* lifted: visible again */
	r = http("DELETE", "/api/vulns/CVE-2026-0001/embargo", sess[1].both, NULL, 0);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	r = http("GET", "/api/vulns/CVE-2026-0001", sess[3].cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_null(json_object_get(j, "embargo"));
	json_decref(j);
	hres_free(&r);
	/* the audit log has both, by ann */
	r = http("GET", "/api/audit?entity=vuln&entity_id=CVE-2026-0001", sess[1].cookie, NULL, 0);
	j = body_json(&r);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_string_equal(json_string_value(json_object_get(
	                        json_array_get(json_object_get(j, "items"), 0), "comment")),
	                    "lifted");
	json_decref(j);
	hres_free(&r);
}

/* GET as one of the sessions, the JSON answer (status checked). */
static json_t *get_json(int who, const char *target, int status)
{
	struct hres r = http("GET", target, sess[who].cookie, NULL, 0);
	json_t *j;

	if (r.status != status)
		fail_msg("GET %s as %d: %d, expected %d: %s", target, who, r.status, status, r.body);
	j = body_json(&r);
	hres_free(&r);
	return j;
}

static long long jint(json_t *o, const char *path1, const char *path2)
{
	json_t *v = json_object_get(o, path1);

	if (path2)
		v = json_object_get(v, path2);
	return json_integer_value(v);
}

static void test_findings(void **state)
{
	char extra[512], extra_nocsrf[512];
	struct hres r;
	json_t *j, *it;
	sqlite3 *db;
	size_t i;

	(void)state;
	/* the list: both findings for the admin, only cam's for erin */
	j = get_json(0, "/api/findings", 200);
	assert_int_equal(jint(j, "total", NULL), 2);
	assert_string_equal(json_string_value(json_object_get(j, "sort")), "priority");
	json_array_foreach(json_object_get(j, "items"), i, it) {
		assert_string_equal(json_string_value(json_object_get(it, "vulnerability")),
		                    "CVE-2022-48174");
		assert_non_null(json_string_value(json_object_get(it, "reason")));
		assert_true(json_is_integer(json_object_get(it, "priority")));
		assert_false(json_is_true(json_object_get(it, "overdue")));
	}
	json_decref(j);
	j = get_json(2, "/api/findings", 200);
	assert_int_equal(jint(j, "total", NULL), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "product")), "cam");
	json_decref(j);
	j = get_json(2, "/api/findings?product=router", 200);
	assert_int_equal(jint(j, "total", NULL), 0);
	json_decref(j);
	j = get_json(0, "/api/findings?limit=1&offset=1&sort=product", 200);
	assert_int_equal(jint(j, "total", NULL), 2);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "product")), "router");
	json_decref(j);
	/* a page past the first (skipped in the sort's index, see findings_page.c)
	 * holds what the whole list holds there, in every sort */
	{
		static const char *const sorts[] = { "priority", "deadline", "first_seen", "product",
			                             "vulnerability" };

		for (i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
			char target[128];
			json_t *all, *page;

			snprintf(target, sizeof target, "/api/findings?sort=%s", sorts[i]);
			all = get_json(0, target, 200);
			snprintf(target, sizeof target, "/api/findings?sort=%s&limit=1&offset=1", sorts[i]);
			page = get_json(0, target, 200);
			assert_int_equal(json_array_size(json_object_get(page, "items")), 1);
			assert_int_equal(jint(json_array_get(json_object_get(all, "items"), 1), "id", NULL),
			                 jint(json_array_get(json_object_get(page, "items"), 0), "id", NULL));
			json_decref(all);
			json_decref(page);
		}
	}
	/* keyset paging: after the first finding comes the second, as in the
	 * whole list; a full page names its last finding as next */
	{
		static const char *const sorts[] = { "priority", "deadline" };

		for (i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
			char target[160];
			json_t *all, *page;
			long long first, second;

			snprintf(target, sizeof target, "/api/findings?sort=%s", sorts[i]);
			all = get_json(0, target, 200);
			assert_true(json_is_null(json_object_get(all, "next")));
			first = jint(json_array_get(json_object_get(all, "items"), 0), "id", NULL);
			second = jint(json_array_get(json_object_get(all, "items"), 1), "id", NULL);
			snprintf(target, sizeof target, "/api/findings?sort=%s&limit=1", sorts[i]);
			page = get_json(0, target, 200);
			assert_int_equal(jint(page, "next", NULL), first);
			json_decref(page);
			snprintf(target, sizeof target, "/api/findings?sort=%s&limit=1&after=%lld",
			         sorts[i], first);
			page = get_json(0, target, 200);
			assert_int_equal(json_array_size(json_object_get(page, "items")), 1);
			assert_int_equal(jint(json_array_get(json_object_get(page, "items"), 0), "id", NULL),
			                 second);
			json_decref(page);
			/* after the last one: nothing, and offset does not count */
			snprintf(target, sizeof target, "/api/findings?sort=%s&after=%lld&offset=5",
			         sorts[i], second);
			page = get_json(0, target, 200);
			assert_int_equal(json_array_size(json_object_get(page, "items")), 0);
			json_decref(page);
			json_decref(all);
		}
		expect_error("GET", "/api/findings?after=99", sess[0].cookie, NULL, 404,
		             "no finding 99");
	}
	expect_error("GET", "/api/findings?state=closed", sess[0].cookie, NULL, 400,
	             "query parameter 'state' must be one of open, in_triage, affected, "
	             "not_affected, fixed, false_positive, withdrawn");
	expect_error("GET", "/api/findings?priority=5", sess[0].cookie, NULL, 400,
	             "query parameter 'priority' must be an integer from 1 to 4");
	expect_error("GET", "/api/findings?version=1.0", sess[0].cookie, NULL, 400,
	             "query parameter 'version' goes with 'product'");
	expect_error("GET", "/api/findings/99", sess[0].cookie, NULL, 404, "no finding 99");
	assert_string_equal(last_code, "notFound.finding");
	expect_error("GET", "/api/findings/x", sess[0].cookie, NULL, 400, NULL);

	/* overdue: a deadline in the past (the store, not the API, moves it) */
	db = tss_sqlite_open(dbpath);
	assert_int_equal(sqlite3_exec(db, "UPDATE finding SET deadline = '2020-01-01' WHERE id = 2",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	/* totals are kept per connection until the store changes: a change by
	 * another connection shows at once, and so does its undoing */
	j = get_json(1, "/api/findings?state=open", 200);
	assert_int_equal(jint(j, "total", NULL), 2);
	json_decref(j);
	db = tss_sqlite_open(dbpath);
	assert_int_equal(sqlite3_exec(db, "UPDATE finding SET state = 'false_positive' WHERE id = 2",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	for (i = 0; i < 4; i++) { /* whichever worker answers */
		j = get_json(1, "/api/findings?state=open", 200);
		assert_int_equal(jint(j, "total", NULL), 1);
		json_decref(j);
	}
	assert_int_equal(sqlite3_exec(db, "UPDATE finding SET state = 'in_triage' WHERE id = 2",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	for (i = 0; i < 4; i++) {
		j = get_json(1, "/api/findings?state=open", 200);
		assert_int_equal(jint(j, "total", NULL), 2);
		json_decref(j);
	}
	j = get_json(1, "/api/findings?overdue=true", 200);
	assert_int_equal(jint(j, "total", NULL), 1);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0), "overdue")));
	json_decref(j);
	j = get_json(1, "/api/dashboard", 200);
	assert_int_equal(jint(j, "findings", "overdue"), 1);
	assert_int_equal(jint(j, "findings", "open"), 2);
	assert_int_equal(jint(j, "findings", "versionsAffected"), 2);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "findings"), "topProducts")), 2);
	json_decref(j);

	/* the finding: evidence, scores, SSVC inputs, history */
	j = get_json(2, "/api/findings/1", 200);
	assert_true(json_array_size(json_object_get(j, "evidence")) > 0);
	assert_true(json_array_size(json_object_get(j, "scores")) > 0);
	assert_true(json_is_object(json_object_get(j, "ssvcInputs")));
	assert_true(json_array_size(json_object_get(j, "history")) > 0);
	/* beside the English text, its parts for the UI (server/reason.h) */
	{
		json_t *rp = json_object_get(j, "reasonParts"), *ip = json_object_get(j, "ssvcInputParts");
		json_t *h0 = json_array_get(json_object_get(j, "history"), 0), *hp;
		const char *reason = json_string_value(json_object_get(j, "reason"));
		char head[32];

		assert_true(json_is_object(rp));
		snprintf(head, sizeof head, "P%d %s: ", (int)json_integer_value(json_object_get(rp, "priority")),
		         json_string_value(json_object_get(rp, "class")));
		assert_non_null(reason);
		assert_memory_equal(reason, head, strlen(head));
		assert_int_equal(json_integer_value(json_object_get(rp, "priority")),
		                 json_integer_value(json_object_get(j, "priority")));
		assert_string_equal(json_string_value(json_object_get(rp, "class")),
		                    json_string_value(json_object_get(j, "responseClass")));
		assert_true(json_is_array(json_object_get(rp, "facts")));
		/* the known inputs are the stored ones, with point and value keys */
		assert_int_equal(json_array_size(json_object_get(ip, "known")),
		                 json_object_size(json_object_get(j, "ssvcInputs")));
		it = json_array_get(json_object_get(ip, "known"), 0);
		assert_non_null(it);
		assert_non_null(json_string_value(json_object_get(it, "key")));
		assert_non_null(json_string_value(json_object_get(it, "valueKey")));
		assert_true(json_is_array(json_object_get(ip, "missing")));
		/* no outcome: then something is missing */
		if (json_is_null(json_object_get(j, "ssvc")))
			assert_true(json_array_size(json_object_get(ip, "missing")) > 0);
		/* the first history row: the matcher found it */
		hp = json_object_get(h0, "parts");
		assert_string_equal(json_string_value(json_object_get(h0, "comment")),
		                    "found by psirt match");
		assert_string_equal(json_string_value(json_object_get(json_object_get(hp, "comment"), "code")),
		                    "found");
	}
	json_decref(j);

	/* analysis: CSRF, validation with precise messages */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[2].both);
	snprintf(extra_nocsrf, sizeof extra_nocsrf, "%sContent-Type: application/json\r\n",
	         sess[2].cookie);
	expect_error("POST", "/api/findings/1/analysis", extra_nocsrf,
	             "{\"state\":\"not_affected\"}", 403,
	             "missing CSRF token: send the X-CSRF-Token header (from the login answer or "
	             "GET /api/me)");
	expect_error("POST", "/api/findings/1/analysis", extra, "{\"state\":\"broken\"}", 400,
	             "unknown state 'broken' (expected in_triage, affected, not_affected, fixed"
	             " or false_positive)");
	expect_error("POST", "/api/findings/1/analysis", extra, "{\"state\":\"not_affected\"}", 400,
	             "not_affected needs a justification (component_not_present,"
	             " vulnerable_code_not_present, vulnerable_code_not_in_execute_path,"
	             " vulnerable_code_cannot_be_controlled_by_adversary,"
	             " inline_mitigations_already_exist)");
	assert_string_equal(last_code, "analysis.needsJustification");
	expect_error("POST", "/api/findings/1/analysis", extra,
	             "{\"state\":\"not_affected\",\"justification\":\"code_not_reachable\"}", 400,
	             "unknown justification 'code_not_reachable' (component_not_present,"
	             " vulnerable_code_not_present, vulnerable_code_not_in_execute_path,"
	             " vulnerable_code_cannot_be_controlled_by_adversary,"
	             " inline_mitigations_already_exist)");
	expect_error("POST", "/api/findings/1/analysis", extra,
	             "{\"state\":\"affected\",\"justification\":\"component_not_present\"}", 400,
	             "a justification goes with not_affected");
	assert_string_equal(last_code, "analysis.justificationNotAllowed");
	expect_error("POST", "/api/findings/1/analysis", extra,
	             "{\"state\":\"affected\",\"scope\":\"everything\"}", 400,
	             "member 'scope' must be version or product, not 'everything'");
	expect_error("POST", "/api/findings/1/analysis", extra, "{\"state\":\"withdrawn\"}", 400,
	             "state withdrawn is set by the matcher, not by an analysis");
	assert_string_equal(last_code, "analysis.withdrawn");
	expect_error("POST", "/api/findings/1/analysis", extra, "{}", 400, NULL);
	expect_error("POST", "/api/findings/1/analysis", extra, "{\"state\":1}", 400, NULL);
	expect_error("POST", "/api/findings/1/analysis", extra, "{\"state\":\"fixed\",\"x\":1}",
	             400, NULL);
	expect_error("POST", "/api/findings/2/analysis", extra,
	             "{\"state\":\"not_affected\",\"justification\":\"component_not_present\"}",
	             403, "engineer erin sees only the findings of their products");
	expect_error("POST", "/api/findings/77/analysis", extra, "{\"state\":\"fixed\"}", 404,
	             "no finding 77");
	/* erin records not_affected: audited as her */
	r = http("POST", "/api/findings/1/analysis", extra,
	         "{\"state\":\"not_affected\",\"justification\":\"vulnerable_code_not_in_execute_path\","
	         "\"comment\":\"ash is not built in\"}",
	         strlen("{\"state\":\"not_affected\",\"justification\":\"vulnerable_code_not_in_execute_path\","
	                "\"comment\":\"ash is not built in\"}"));
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	hres_free(&r);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "not_affected");
	assert_string_equal(json_string_value(json_object_get(j, "justification")),
	                    "vulnerable_code_not_in_execute_path");
	assert_string_equal(json_string_value(json_object_get(j, "comment")), "ash is not built in");
	assert_int_equal(jint(j, "changed", NULL), 1);
	{
		json_t *h = json_object_get(j, "history");
		json_t *last = json_array_get(h, json_array_size(h) - 1);
		int found = 0;

		json_array_foreach(h, i, it)
			found |= !strcmp(json_string_value(json_object_get(it, "actor")), "erin") &&
			         json_string_value(json_object_get(it, "new")) &&
			         !strcmp(json_string_value(json_object_get(it, "new")), "not_affected");
		assert_true(found);
		assert_non_null(last);
	}
	json_decref(j);
	j = get_json(1, "/api/audit?entity=finding&entity_id=1", 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "actor")), "erin");
	json_decref(j);
	j = get_json(0, "/api/findings?state=open", 200);
	assert_int_equal(jint(j, "total", NULL), 1);
	json_decref(j);

	/* what a vulnerability reaches */
	j = get_json(3, "/api/vulns/cve-2022-48174/affected", 200);
	assert_string_equal(json_string_value(json_object_get(j, "vulnerability")), "CVE-2022-48174");
	assert_int_equal(json_array_size(json_object_get(j, "versions")), 2);
	assert_int_equal(jint(j, "openVersions", NULL), 1);
	assert_int_equal(jint(j, "total", NULL), 2);
	assert_true(json_is_null(json_object_get(j, "next")));
	json_decref(j);
	/* a page at a time, newest version first (router 1.0 was added after
	 * cam 1.0); the totals count every version, not the page's */
	{
		json_t *p1 = get_json(3, "/api/vulns/CVE-2022-48174/affected?limit=1", 200), *p2;
		json_t *v1 = json_array_get(json_object_get(p1, "versions"), 0), *v2;
		char target[128];
		long long next = jint(p1, "next", NULL);

		assert_int_equal(json_array_size(json_object_get(p1, "versions")), 1);
		assert_string_equal(json_string_value(json_object_get(v1, "product")), "router");
		assert_int_equal(jint(p1, "total", NULL), 2);
		assert_int_equal(jint(p1, "openVersions", NULL), 1);
		assert_int_equal(jint(p1, "limit", NULL), 1);
		assert_true(next > 0);
		snprintf(target, sizeof target, "/api/vulns/CVE-2022-48174/affected?limit=1&after=%lld",
		         next);
		p2 = get_json(3, target, 200);
		v2 = json_array_get(json_object_get(p2, "versions"), 0);
		assert_int_equal(json_array_size(json_object_get(p2, "versions")), 1);
		assert_string_equal(json_string_value(json_object_get(v2, "product")), "cam");
		assert_int_equal(json_array_size(json_object_get(v2, "findings")), 1);
		assert_int_equal(jint(p2, "total", NULL), 2);
		assert_int_equal(jint(p2, "openVersions", NULL), 1);
		assert_true(json_is_null(json_object_get(p2, "next")));
		json_decref(p2);
		/* after the first version ever added: an empty page, the same totals */
		p2 = get_json(3, "/api/vulns/CVE-2022-48174/affected?after=1", 200);
		assert_int_equal(json_array_size(json_object_get(p2, "versions")), 0);
		assert_int_equal(jint(p2, "total", NULL), 2);
		json_decref(p2);
		json_decref(p1);
	}
	expect_error("GET", "/api/vulns/CVE-2022-48174/affected?limit=0", sess[3].cookie, NULL, 400,
	             "query parameter 'limit' must be an integer from 1 to 1000");
	expect_error("GET", "/api/vulns/CVE-2022-48174/affected?after=x", sess[3].cookie, NULL, 400,
	             NULL);
	j = get_json(2, "/api/vulns/CVE-2022-48174/affected", 200);
	assert_int_equal(json_array_size(json_object_get(j, "versions")), 1);
	assert_int_equal(jint(j, "total", NULL), 1);
	json_decref(j);
	expect_error("GET", "/api/vulns/CVE-1999-0001/affected", sess[3].cookie, NULL, 404, NULL);

	/* under embargo: gone for the viewer and the engineer, not the analyst */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[1].both);
	r = http("PUT", "/api/vulns/CVE-2022-48174/embargo", extra, "{}", 2);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	for (int w = 2; w <= 3; w++) {
		j = get_json(w, "/api/findings", 200);
		assert_int_equal(jint(j, "total", NULL), 0);
		json_decref(j);
		j = get_json(w, "/api/dashboard", 200);
		assert_int_equal(jint(j, "findings", "open"), 0);
		json_decref(j);
		expect_error("GET", "/api/findings/1", sess[w].cookie, NULL, 404, "no finding 1");
		expect_error("GET", "/api/vulns/CVE-2022-48174/affected", sess[w].cookie, NULL, 404,
		             "CVE-2022-48174: not in the store");
	}
	j = get_json(1, "/api/findings", 200);
	assert_int_equal(jint(j, "total", NULL), 2);
	json_decref(j);
	j = get_json(1, "/api/dashboard", 200);
	assert_int_equal(jint(j, "findings", "open"), 1);
	json_decref(j);
	r = http("DELETE", "/api/vulns/CVE-2022-48174/embargo", sess[1].both, NULL, 0);
	assert_int_equal(r.status, 200);
	hres_free(&r);

	/* an upload is matched at once: new findings appear */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[2].both);
	r = http("POST", "/api/products/cam/versions/3.0/sbom", extra, plug_sbom, strlen(plug_sbom));
	assert_int_equal(r.status, 201);
	j = body_json(&r);
	hres_free(&r);
	assert_true(json_is_true(json_object_get(json_object_get(j, "match"), "ok")));
	assert_int_equal(jint(j, "match", "created"), 1);
	json_decref(j);
	j = get_json(2, "/api/findings?product=cam&version=3.0", 200);
	assert_int_equal(jint(j, "total", NULL), 1);
	json_decref(j);
}

/* The trend: one entry per day ending today (TSS_NOW), every column as
 * long; its last open is the dashboard's open figure for the same role,
 * embargo included. */
static void check_trend(json_t *j, size_t days, const char *from)
{
	static const char *const cols[] = { "days", "open", "opened", "closed" };

	assert_string_equal(json_string_value(json_object_get(j, "to")), "2026-01-15");
	assert_string_equal(json_string_value(json_object_get(j, "from")), from);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		assert_int_equal(json_array_size(json_object_get(j, cols[i])), days);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "days"), 0)), from);
	assert_string_equal(
		json_string_value(json_array_get(json_object_get(j, "days"), days - 1)), "2026-01-15");
}

static long long last_open(json_t *j)
{
	json_t *open = json_object_get(j, "open");

	return json_integer_value(json_array_get(open, json_array_size(open) - 1));
}

static void test_trend(void **state)
{
	char extra[512];
	struct hres r;
	json_t *j, *dash;
	long long before, opened_today = 0;

	(void)state;
	j = get_json(0, "/api/dashboard/trend", 200);
	check_trend(j, 90, "2025-10-18");
	json_decref(j);
	j = get_json(3, "/api/dashboard/trend?days=3650", 200);
	check_trend(j, 3650, "2016-01-19");
	json_decref(j);
	j = get_json(3, "/api/dashboard/trend?days=1", 200);
	check_trend(j, 1, "2026-01-15");
	json_decref(j);
	/* every finding of the fixture was found on TSS_NOW's day */
	j = get_json(1, "/api/dashboard/trend?days=7", 200);
	check_trend(j, 7, "2026-01-09");
	assert_int_equal(json_integer_value(json_array_get(json_object_get(j, "open"), 5)), 0);
	before = last_open(j);
	assert_true(before > 0);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(j, "opened"), 6)),
	                 before + json_integer_value(json_array_get(json_object_get(j, "closed"), 6)));
	json_decref(j);
	for (int w = 0; w < 4; w++) {
		j = get_json(w, "/api/dashboard/trend?days=7", 200);
		dash = get_json(w, "/api/dashboard", 200);
		assert_int_equal(last_open(j), jint(dash, "findings", "open"));
		json_decref(dash);
		json_decref(j);
	}
	expect_error("GET", "/api/dashboard/trend?days=0", sess[0].cookie, NULL, 400,
	             "query parameter 'days' must be an integer from 1 to 3650");
	expect_error("GET", "/api/dashboard/trend?days=3651", sess[0].cookie, NULL, 400,
	             "query parameter 'days' must be an integer from 1 to 3650");
	expect_error("GET", "/api/dashboard/trend?days=ten", sess[0].cookie, NULL, 400,
	             "query parameter 'days' must be an integer from 1 to 3650");
	expect_error("GET", "/api/dashboard/trend?weeks=2", sess[0].cookie, NULL, 400, NULL);

	/* under embargo: gone from the viewer's and engineer's series, on every
	 * day, and still the analyst's */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[1].both);
	r = http("PUT", "/api/vulns/CVE-2022-48174/embargo", extra, "{}", 2);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	for (int w = 0; w < 4; w++) {
		j = get_json(w, "/api/dashboard/trend?days=7", 200);
		dash = get_json(w, "/api/dashboard", 200);
		assert_int_equal(last_open(j), jint(dash, "findings", "open"));
		assert_int_equal(last_open(j), w >= 2 ? 0 : before);
		/* the embargoed vulnerability's findings (every open one) were
		 * opened today: a viewer's today lacks at least those (other
		 * findings, and these, may have been closed and reopened
		 * today by earlier tests) */
		if (w == 0)
			opened_today =
				json_integer_value(json_array_get(json_object_get(j, "opened"), 6));
		else if (w >= 2)
			assert_true(
				json_integer_value(json_array_get(json_object_get(j, "opened"), 6)) <=
				opened_today - before);
		json_decref(dash);
		json_decref(j);
	}
	r = http("DELETE", "/api/vulns/CVE-2022-48174/embargo", sess[1].both, NULL, 0);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	j = get_json(3, "/api/dashboard/trend?days=7", 200);
	assert_int_equal(last_open(j), before);
	json_decref(j);
}

/* The OpenAPI document and the route table describe the same API: the same
 * paths and methods, the same parameters (name, place, required), request
 * bodies where routes read them with the same members and content types,
 * security where routes need a login, 401/403 where they can answer it. */
/* Names of the items of group (vulns, products, components) of a search
 * answer, joined by spaces (member: "id", "name"). */
static void item_names(json_t *j, const char *group, const char *member, char *out,
                       size_t cap)
{
	json_t *it;
	size_t i;

	out[0] = '\0';
	json_array_foreach(json_object_get(json_object_get(j, group), "items"), i, it) {
		size_t len = strlen(out);

		snprintf(out + len, cap - len, "%s%s", len ? " " : "",
		         json_string_value(json_object_get(it, member)));
	}
}

/* The search box: vulnerabilities by id prefix (embargoed ones hidden from
 * viewers), products, components by name (without case) or purl prefix. */
static void test_search(void **state)
{
	char names[1024];
	json_t *j, *it;
	size_t i;

	(void)state;
	/* ids in any usual case; the embargoed one for the analyst only */
	j = get_json(1, "/api/search?q=cve-2026-000", 200);
	item_names(j, "vulns", "id", names, sizeof names);
	assert_string_equal(names, "CVE-2026-0001 CVE-2026-0002 CVE-2026-0003");
	assert_true(json_is_true(json_object_get(
		json_array_get(json_object_get(json_object_get(j, "vulns"), "items"), 1), "embargoed")));
	assert_true(json_is_false(json_object_get(
		json_array_get(json_object_get(json_object_get(j, "vulns"), "items"), 0), "embargoed")));
	json_decref(j);
	j = get_json(3, "/api/search?q=CVE-2026-000", 200);
	item_names(j, "vulns", "id", names, sizeof names);
	assert_string_equal(names, "CVE-2026-0001 CVE-2026-0003");
	/* a viewer is not told what embargoes are */
	assert_null(json_object_get(
		json_array_get(json_object_get(json_object_get(j, "vulns"), "items"), 0), "embargoed"));
	json_decref(j);
	j = get_json(3, "/api/search?q=CVE-2026-0002", 200);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "vulns"), "items")), 0);
	json_decref(j);
	/* capped: more says there is a next page */
	j = get_json(1, "/api/search?q=CVE-2026&limit=2", 200);
	item_names(j, "vulns", "id", names, sizeof names);
	assert_string_equal(names, "CVE-2026-0001 CVE-2026-0002");
	assert_true(json_is_true(json_object_get(json_object_get(j, "vulns"), "more")));
	json_decref(j);
	j = get_json(1, "/api/search?q=CVE-2026&limit=2&offset=2", 200);
	item_names(j, "vulns", "id", names, sizeof names);
	assert_string_equal(names, "CVE-2026-0003");
	assert_true(json_is_false(json_object_get(json_object_get(j, "vulns"), "more")));
	json_decref(j);

	/* components by name, without case, with the product versions: cam
	 * 1.0 and router 1.0 (setup), cam 3.0 (test_findings' upload) */
	j = get_json(3, "/api/search?q=BusyBox", 200);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "components"), "items")),
	                 3);
	json_array_foreach(json_object_get(json_object_get(j, "components"), "items"), i, it) {
		assert_string_equal(json_string_value(json_object_get(it, "name")), "busybox");
		assert_string_equal(json_string_value(json_object_get(it, "version")), "1.36.1");
	}
	item_names(j, "components", "product", names, sizeof names);
	assert_int_equal(strlen(names), strlen("cam cam router"));
	assert_non_null(strstr(names, "router"));
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "vulns"), "items")), 0);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "products"), "items")), 0);
	json_decref(j);
	/* a prefix, not a substring: "usybox" finds nothing */
	j = get_json(3, "/api/search?q=usybox", 200);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "components"), "items")),
	                 0);
	json_decref(j);
	/* by purl prefix (the dropbear SBOM the matrix uploaded) */
	j = get_json(3, "/api/search?q=pkg:generic/drop", 200);
	assert_true(json_array_size(json_object_get(json_object_get(j, "components"), "items")) >= 1);
	json_array_foreach(json_object_get(json_object_get(j, "components"), "items"), i, it)
		assert_string_equal(json_string_value(json_object_get(it, "purl")),
		                    "pkg:generic/dropbear@2022.83");
	json_decref(j);
	/* products by name or vendor */
	j = get_json(2, "/api/search?q=acme", 200);
	item_names(j, "products", "name", names, sizeof names);
	assert_string_equal(names, "cam");
	assert_int_equal(jint(j, "products", "total"), 1);
	json_decref(j);

	expect_error("GET", "/api/search", sess[0].cookie, NULL, 400,
	             "query parameter 'q' is required");
	expect_error("GET", "/api/search?q=a&limit=101", sess[0].cookie, NULL, 400, NULL);
	expect_error("GET", "/api/search?q=%01", sess[0].cookie, NULL, 400, NULL);
}

/* The findings list marks embargoed vulnerabilities (for the roles that see
 * them) and versions past their end of support; a product the store does
 * not have is a 404, not an empty page. */
static void test_findings_flags(void **state)
{
	char extra[512];
	struct hres r;
	json_t *j, *it;
	sqlite3 *db;
	size_t i;

	(void)state;
	j = get_json(1, "/api/findings", 200);
	json_array_foreach(json_object_get(j, "items"), i, it) {
		assert_true(json_is_false(json_object_get(it, "embargoed")));
		assert_true(json_is_false(json_object_get(it, "supportEnded")));
	}
	json_decref(j);
	expect_error("GET", "/api/findings?product=Nope", sess[1].cookie, NULL, 404,
	             "no product 'Nope'");
	expect_error("GET", "/api/findings?product=cam&version=9.9", sess[1].cookie, NULL, 404,
	             "product 'cam' has no version '9.9'");

	/* an embargo by an alias-less id, until lifted */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[1].both);
	r = http("PUT", "/api/vulns/CVE-2022-48174/embargo", extra, "{}", 2);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	j = get_json(1, "/api/findings", 200);
	assert_int_equal(jint(j, "total", NULL), 3);
	json_array_foreach(json_object_get(j, "items"), i, it)
		assert_true(json_is_true(json_object_get(it, "embargoed")));
	json_decref(j);
	j = get_json(0, "/api/findings/1", 200);
	assert_true(json_is_true(json_object_get(j, "embargoed")));
	json_decref(j);
	j = get_json(3, "/api/findings", 200);
	assert_int_equal(jint(j, "total", NULL), 0);
	json_decref(j);
	r = http("DELETE", "/api/vulns/CVE-2022-48174/embargo", sess[1].both, NULL, 0);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	j = get_json(3, "/api/findings", 200);
	assert_int_equal(jint(j, "total", NULL), 3);
	json_decref(j);

	/* end of support: cam 1.0's is past, router 1.0's ahead */
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "UPDATE product_version SET eos = CASE (SELECT name FROM"
	                              " product WHERE id = product) WHEN 'cam' THEN '2020-01-31'"
	                              " ELSE '2999-12-31' END WHERE version = '1.0'",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	j = get_json(3, "/api/findings?sort=product", 200);
	it = json_array_get(json_object_get(j, "items"), 0); /* cam 1.0 */
	assert_string_equal(json_string_value(json_object_get(it, "product")), "cam");
	assert_string_equal(json_string_value(json_object_get(it, "eos")), "2020-01-31");
	assert_true(json_is_true(json_object_get(it, "supportEnded")));
	it = json_array_get(json_object_get(j, "items"), 1); /* cam 3.0: none */
	assert_true(json_is_null(json_object_get(it, "eos")));
	assert_true(json_is_false(json_object_get(it, "supportEnded")));
	it = json_array_get(json_object_get(j, "items"), 2); /* router 1.0 */
	assert_string_equal(json_string_value(json_object_get(it, "eos")), "2999-12-31");
	assert_true(json_is_false(json_object_get(it, "supportEnded")));
	json_decref(j);
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE product_version SET eos = NULL", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
}

static void test_openapi(void **state)
{
	struct ts_suite suite = { "openapi vs routes", 0, 0 };
	size_t len, i, k;
	const char *text = srv__openapi(&len);
	json_error_t e;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e), *paths, *item, *op;
	const char *path, *method;
	struct hres r;
	size_t ops = 0;

	(void)state;
	if (!doc)
		fail_msg("openapi.json: %s at line %d", e.text, e.line);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	paths = json_object_get(doc, "paths");
	for (i = 0; i < srv__n_routes; i++) {
		const struct srv_route *rt = &srv__routes[i];
		char m[16];
		json_t *params, *sec, *rb, *responses;
		size_t np = 0;

		for (k = 0; srv__method_name(rt->method)[k]; k++)
			m[k] = (char)psirt_tolower((unsigned char)srv__method_name(rt->method)[k]);
		m[k] = '\0';
		op = json_object_get(json_object_get(paths, rt->pattern), m);
		ts_case(&suite, op != NULL, "%s %s: not in openapi.json", m, rt->pattern);
		if (!op)
			continue;
		ts_case(&suite, !strcmp(json_string_value(json_object_get(op, "summary")), rt->summary),
		        "%s %s: summary differs", m, rt->pattern);
		params = json_object_get(op, "parameters");
		for (k = 0; rt->params && rt->params[k].name; k++) {
			const struct srv_param *p = &rt->params[k];
			const char *in = p->in == SRV_IN_PATH ? "path" : "query";
			size_t j;
			json_t *found = NULL;

			np++;
			for (j = 0; j < json_array_size(params); j++) {
				json_t *q = json_array_get(params, j);

				if (!strcmp(json_string_value(json_object_get(q, "name")), p->name) &&
				    !strcmp(json_string_value(json_object_get(q, "in")), in))
					found = q;
			}
			ts_case(&suite, found != NULL, "%s %s: parameter %s not documented", m,
			        rt->pattern, p->name);
			if (!found)
				continue;
			ts_case(&suite,
			        json_is_true(json_object_get(found, "required")) ==
			            (p->required || p->in == SRV_IN_PATH),
			        "%s %s: parameter %s: required differs", m, rt->pattern, p->name);
			if (p->type == SRV_P_INT) {
				json_t *sch = json_object_get(found, "schema");

				ts_case(&suite,
				        json_integer_value(json_object_get(sch, "minimum")) == p->min &&
				            (!json_object_get(sch, "maximum") ||
				             json_integer_value(json_object_get(sch, "maximum")) == p->max) &&
				            (!json_object_get(sch, "default") ||
				             json_integer_value(json_object_get(sch, "default")) == p->def),
				        "%s %s: parameter %s: bounds differ", m, rt->pattern, p->name);
			}
			if (p->type == SRV_P_ENUM) {
				json_t *en = json_object_get(json_object_get(found, "schema"), "enum");
				size_t n = 0;

				while (p->values[n])
					n++;
				ts_case(&suite, json_array_size(en) == n,
				        "%s %s: parameter %s: enum differs", m, rt->pattern, p->name);
				for (j = 0; j < n && j < json_array_size(en); j++)
					ts_case(&suite,
					        !strcmp(json_string_value(json_array_get(en, j)), p->values[j]),
					        "%s %s: parameter %s: enum value %zu differs", m, rt->pattern,
					        p->name, j);
			}
			if (p->type == SRV_P_NAME || p->type == SRV_P_TEXT)
				ts_case(&suite,
				        json_integer_value(json_object_get(json_object_get(found, "schema"),
				                                           "maxLength")) == p->max,
				        "%s %s: parameter %s: maxLength differs", m, rt->pattern, p->name);
		}
		ts_case(&suite, json_array_size(params) == np, "%s %s: %zu parameters documented, %zu "
		                                                "declared",
		        m, rt->pattern, json_array_size(params), np);
		/* bodies */
		rb = json_object_get(op, "requestBody");
		ts_case(&suite, (rb != NULL) == (rt->body != SRV_BODY_NONE),
		        "%s %s: requestBody differs", m, rt->pattern);
		if (rt->body == SRV_BODY_JSON && rb) {
			json_t *sch = json_object_get(
			    json_object_get(json_object_get(rb, "content"), "application/json"), "schema");
			json_t *props = json_object_get(sch, "properties"), *req = json_object_get(sch, "required");
			size_t nf = 0, nreq = 0;

			ts_case(&suite, sch != NULL && json_is_false(json_object_get(sch, "additionalProperties")),
			        "%s %s: JSON body schema must be closed", m, rt->pattern);
			for (k = 0; rt->fields[k].name; k++) {
				json_t *prop = json_object_get(props, rt->fields[k].name);

				nf++;
				ts_case(&suite, prop != NULL, "%s %s: member %s not documented", m,
				        rt->pattern, rt->fields[k].name);
				if (prop)
					ts_case(&suite,
					        (size_t)json_integer_value(json_object_get(prop, "maxLength")) ==
					            rt->fields[k].max_len,
					        "%s %s: member %s: maxLength differs", m, rt->pattern,
					        rt->fields[k].name);
				if (rt->fields[k].required) {
					int listed = 0;

					nreq++;
					for (size_t j = 0; j < json_array_size(req); j++)
						listed |= !strcmp(json_string_value(json_array_get(req, j)),
						                  rt->fields[k].name);
					ts_case(&suite, listed, "%s %s: member %s should be required", m,
					        rt->pattern, rt->fields[k].name);
				}
			}
			ts_case(&suite, json_object_size(props) == nf && json_array_size(req) == nreq,
			        "%s %s: documented members differ", m, rt->pattern);
		}
		if (rt->body == SRV_BODY_SBOM && rb) {
			json_t *content = json_object_get(rb, "content");
			size_t n = 0;

			for (k = 0; srv__sbom_types[k]; k++, n++)
				ts_case(&suite, json_object_get(content, srv__sbom_types[k]) != NULL,
				        "%s %s: content type %s not documented", m, rt->pattern,
				        srv__sbom_types[k]);
			ts_case(&suite, json_object_size(content) == n, "%s %s: content types differ", m,
			        rt->pattern);
		}
		/* security and the answers it brings */
		sec = json_object_get(op, "security");
		responses = json_object_get(op, "responses");
		ts_case(&suite, json_is_array(sec) && (json_array_size(sec) == 0) == (rt->roles == 0),
		        "%s %s: security differs", m, rt->pattern);
		if (rt->roles) {
			int token = 0;

			for (k = 0; k < json_array_size(sec); k++)
				token |= json_object_get(json_array_get(sec, k), "apiToken") != NULL;
			ts_case(&suite, token == (rt->token_scope != SRV_NO_TOKEN),
			        "%s %s: apiToken security differs", m, rt->pattern);
			ts_case(&suite,
			        json_object_get(responses, "401") && json_object_get(responses, "403"),
			        "%s %s: 401/403 not documented", m, rt->pattern);
		}
		if (rt->body != SRV_BODY_NONE)
			ts_case(&suite,
			        json_object_get(responses, "413") && json_object_get(responses, "415") &&
			            json_object_get(responses, "400"),
			        "%s %s: 400/413/415 not documented", m, rt->pattern);
	}
	/* and nothing documented that the table lacks */
	json_object_foreach(paths, path, item) {
		json_object_foreach(item, method, op) {
			char upper[16];
			int found = 0;

			for (k = 0; method[k] && k < 15; k++)
				upper[k] = (char)psirt_toupper((unsigned char)method[k]);
			upper[k] = '\0';
			ops++;
			for (i = 0; i < srv__n_routes; i++)
				found |= !strcmp(srv__routes[i].pattern, path) &&
				         !strcmp(srv__method_name(srv__routes[i].method), upper);
			ts_case(&suite, found, "%s %s: documented but not routed", method, path);
		}
	}
	ts_case(&suite, ops == srv__n_routes, "%zu operations documented, %zu routes", ops,
	        srv__n_routes);
	ts_suite_end(&suite);
	/* the served document is this one */
	r = http("GET", "/api/openapi.json", NULL, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, text, len);
	hres_free(&r);
	json_decref(doc);
}

/* A second server on its own store, so that its failures from 127.0.0.1
 * lock nobody else out. */
static void test_rate_limit(void **state)
{
	static const struct psirt_auth_policy policy = { 5, 7, 900, 43200, 7200, NULL };
	struct psirt_server_config cfg = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_server *srv;
	struct psirt_store *s;
	char path[PATH_MAX + 32], v[64], body[128];
	unsigned main_port = port;

	(void)state;
	snprintf(path, sizeof path, "%s/limit.db", tmpdir);
	if (psirt_store_open(path, PSIRT_STORE_CREATE, &s, &d))
		fail_msg("%s", d.message);
	add_user(s, "alice", "admin");
	add_user(s, "bob", "admin");
	psirt_store_close(s);
	cfg.db_path = path;
	cfg.listen = "127.0.0.1:0";
	cfg.policy = &policy;
	if (psirt_server_start(&cfg, &srv, &d))
		fail_msg("%s", d.message);
	port = psirt_server_port(srv);
	for (int i = 0; i < 5; i++)
		expect_error("POST", "/api/login", "Content-Type: application/json\r\n",
		             "{\"name\":\"alice\",\"password\":\"guess guess\"}", 401, NULL);
	/* the right password, too late: 429 with Retry-After (the clock is
	 * fixed: the whole window is left) */
	snprintf(body, sizeof body, "{\"name\":\"alice\",\"password\":\"%s\"}", password);
	{
		struct hres r = http("POST", "/api/login", "Content-Type: application/json\r\n", body,
		                     strlen(body));

		assert_int_equal(r.status, 429);
		assert_string_equal(hget(&r, "Retry-After", v, sizeof v), "900");
		hres_free(&r);
	}
	/* others may still log in from this address ... */
	snprintf(body, sizeof body, "{\"name\":\"bob\",\"password\":\"%s\"}", password);
	{
		struct hres r = http("POST", "/api/login", "Content-Type: application/json\r\n", body,
		                     strlen(body));

		assert_int_equal(r.status, 200);
		hres_free(&r);
	}
	/* ... until it has 7 failures, whatever the names */
	for (int i = 0; i < 2; i++)
		expect_error("POST", "/api/login", "Content-Type: application/json\r\n",
		             "{\"name\":\"carol\",\"password\":\"guess guess\"}", 401, NULL);
	expect_error("POST", "/api/login", "Content-Type: application/json\r\n", body, 429,
	             "too many failed logins: try again later");
	/* 15 minutes later */
	setenv("PSIRT_NOW", "2026-01-15T09:15:01Z", 1);
	{
		struct hres r = http("POST", "/api/login", "Content-Type: application/json\r\n", body,
		                     strlen(body));

		assert_int_equal(r.status, 200);
		hres_free(&r);
	}
	setenv("PSIRT_NOW", TSS_NOW, 1);
	psirt_server_stop(srv);
	port = main_port;
}

/* psirt serve itself: --listen 127.0.0.1:0 prints the URL; SIGTERM stops
 * it cleanly with exit code 0. */
static void test_psirt_serve(void **state)
{
	const char *args[] = { "--db", dbpath, "serve", "--listen", "127.0.0.1:0", "--threads", "1",
		               "--web", webroot, "--request-timeout", "20", "--max-connections", "64",
		               "--max-connections-per-ip=0", NULL };
	char bin[PATH_MAX + 16], line[256];
	int status;
	unsigned p = 0;
	pid_t pid;
	FILE *f;
	struct hres r;

	(void)state;
	pid = ts_psirt_start(args, &f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_int_equal(sscanf(line, "psirt serve: listening on http://127.0.0.1:%u/", &p), 1);
	r = http_raw_port(p, "GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
	                  63);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	r = http_raw_port(p, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 47);
	assert_int_equal(r.status, 200);
	hres_free(&r);
	ts_psirt_stop(pid, f);
	/* bad arguments */
	ts_psirt_bin(bin, sizeof bin);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		dup2(devnull, 2);
		execl(bin, bin, "--db", dbpath, "serve", "--listen", "nowhere", (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(WEXITSTATUS(status), 3);
}

/* API tokens over real HTTP: erin makes one, CI uploads with it, she sees
 * it used, revokes it, and the next upload is refused with 401 while her
 * other token still works; the audit log has both ends. */
static void test_tokens(void **state)
{
	char extra[512], auth[128], target[64], v[256];
	const char *text;
	long long id;
	struct hres r;
	json_t *j, *items;
	int found = 0;

	(void)state;
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[2].both);
	r = http("POST", "/api/tokens", extra, "{}", 2);
	assert_int_equal(r.status, 201);
	j = body_json(&r);
	text = json_string_value(json_object_get(j, "token"));
	assert_non_null(text);
	assert_int_equal(strlen(text), PSIRT_TOKEN_LEN);
	assert_string_equal(json_string_value(json_object_get(j, "user")), "erin");
	assert_string_equal(json_string_value(json_object_get(j, "scope")), "upload");
	assert_true(json_is_null(json_object_get(j, "revoked")));
	id = json_integer_value(json_object_get(j, "id"));
	snprintf(auth, sizeof auth, "Authorization: Bearer %s\r\n", text);
	json_decref(j);
	hres_free(&r);

	/* the new token uploads */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", auth);
	r = http("POST", "/api/products/cam/versions/4.0/sbom", extra, sbom_cdx, strlen(sbom_cdx));
	assert_int_equal(r.status, 200);
	hres_free(&r);
	/* erin's list: never a token's text; this one now used */
	r = http("GET", "/api/tokens", sess[2].cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "psirt_"));
	j = body_json(&r);
	items = json_object_get(j, "tokens");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *t = json_array_get(items, i);

		assert_string_equal(json_string_value(json_object_get(t, "user")), "erin");
		if (json_integer_value(json_object_get(t, "id")) == id) {
			found = 1;
			assert_true(json_is_string(json_object_get(t, "lastUsed")));
		}
	}
	assert_true(found);
	json_decref(j);
	hres_free(&r);

	/* she revokes it: refused from that moment */
	snprintf(target, sizeof target, "/api/tokens/%lld", id);
	r = http("DELETE", target, sess[2].both, NULL, 0);
	assert_int_equal(r.status, 200);
	j = body_json(&r);
	assert_true(json_is_string(json_object_get(j, "revoked")));
	assert_string_equal(json_string_value(json_object_get(j, "revokedBy")), "erin");
	json_decref(j);
	hres_free(&r);
	r = http("POST", "/api/products/cam/versions/4.0/sbom", extra, sbom_cdx, strlen(sbom_cdx));
	assert_int_equal(r.status, 401);
	assert_non_null(hget(&r, "WWW-Authenticate", v, sizeof v));
	assert_non_null(strstr(v, "invalid_token"));
	hres_free(&r);
	expect_error("DELETE", target, sess[2].both, NULL, 409,
	             NULL); /* already revoked */
	/* her CI token of setup still works */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", token_hdr);
	r = http("POST", "/api/products/cam/versions/4.0/sbom", extra, sbom_cdx, strlen(sbom_cdx));
	assert_int_equal(r.status, 200);
	hres_free(&r);

	/* the audit log: made and revoked by erin */
	r = http("GET", "/api/audit?entity=user&entity_id=erin", sess[0].cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	snprintf(v, sizeof v, "upload token %lld", id);
	j = body_json(&r);
	{
		int made = 0, revoked = 0;

		items = json_object_get(j, "items");
		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *e = json_array_get(items, i);
			const char *c = json_string_value(json_object_get(e, "comment"));
			const char *actor = json_string_value(json_object_get(e, "actor"));

			if (c && actor && !strcmp(actor, "erin") && !strcmp(c, "created") &&
			    !strcmp(json_string_value(json_object_get(e, "new")), v))
				made++;
			if (c && actor && !strcmp(actor, "erin") && !strcmp(c, "revoked") &&
			    !strcmp(json_string_value(json_object_get(e, "old")), v))
				revoked++;
		}
		if (made != 1 || revoked != 1)
			fail_msg("audit: made %d, revoked %d: %.2000s", made, revoked, r.body);
	}
	json_decref(j);
	hres_free(&r);

	/* bad requests */
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[0].both);
	expect_error("POST", "/api/tokens", extra, "{\"user\":\"vic\"}", 400,
	             "user 'vic' is a viewer: an upload token would not work");
	expect_error("POST", "/api/tokens", extra, "{\"user\":\"nobody\"}", 404,
	             "no user 'nobody'");
	expect_error("POST", "/api/tokens", extra, "{\"scope\":\"admin\"}", 400,
	             "unknown token scope 'admin' (upload)");
	expect_error("POST", "/api/tokens", extra, "{\"user\":1}", 400,
	             "member 'user' must be a string");
	snprintf(extra, sizeof extra, "%sContent-Type: application/json\r\n", sess[2].both);
	expect_error("POST", "/api/tokens", extra, "{\"user\":\"ann\"}", 403,
	             "role engineer may only make API tokens for itself");
	expect_error("GET", "/api/tokens?user=nobody", sess[0].cookie, NULL, 404,
	             "no user 'nobody'");
	expect_error("GET", "/api/tokens?user=ann", sess[2].cookie, NULL, 403,
	             "role engineer may only list its own API tokens");
	expect_error("DELETE", "/api/tokens/0", sess[0].both, NULL, 400, NULL);
	expect_error("DELETE", "/api/tokens/999", sess[0].both, NULL, 404, "no API token 999");
	/* a token cannot manage tokens, not even revoke itself */
	expect_error("DELETE", "/api/tokens/1", token_hdr, NULL, 403, NULL);
}

/* Limits ------------------------------------------------------------------*/

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sends head, then the bytes of trickle one every 200 ms, until the server
 * closes the connection (or 8 s pass): the milliseconds from the first
 * byte to the close, -1 when it never closed. What the server sent is
 * copied into got (NUL-terminated). */
static long long trickle(unsigned p, const char *head, const char *drip, char *got, size_t size)
{
	long long t0 = mono_ms(), closed = -1;
	size_t have = 0, k = 0, dlen = strlen(drip);
	int fd = connect_to(p);

	got[0] = '\0';
	assert_true(send(fd, head, strlen(head), MSG_NOSIGNAL) > 0);
	while (mono_ms() - t0 < 8000) {
		struct pollfd pf = { fd, POLLIN, 0 };

		if (poll(&pf, 1, 200) > 0) {
			ssize_t n = recv(fd, got + have, size - 1 - have, 0);

			if (n <= 0 || have + (size_t)n >= size - 1) {
				closed = mono_ms() - t0;
				break;
			}
			have += (size_t)n;
			got[have] = '\0';
			continue;
		}
		if (send(fd, drip + k % dlen, 1, MSG_NOSIGNAL) < 0) {
			closed = mono_ms() - t0;
			break;
		}
		k++;
	}
	close(fd);
	return closed;
}

/* A server of its own with a 1 s request deadline and 3 connections per
 * address: slow clients are cut after the deadline (headers or body), the
 * 4th connection from one address is refused, normal requests go on, and a
 * cut upload leaves the store as it was. */
static void test_limits(void **state)
{
	struct psirt_server_config cfg = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_server *lim;
	char head[1024], got[4096];
	const char *body = "{\"name\":\"alice\",\"password\":\"correct horse\"}";
	struct hres r;
	long long ms;
	unsigned lp;
	int fds[3], fd;

	(void)state;
	cfg.db_path = dbpath;
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 2;
	cfg.request_timeout_s = 1;
	cfg.max_connections_per_ip = 3;
	if (psirt_server_start(&cfg, &lim, &d))
		fail_msg("server: %s", d.message);
	lp = psirt_server_port(lim);

	/* a normal request is answered */
	snprintf(head, sizeof head,
	         "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
	         strlen(body), body);
	r = http_raw_port(lp, head, strlen(head));
	assert_int_equal(r.status, 200);
	hres_free(&r);

	/* a login body trickled a byte every 200 ms: closed after 1 s, with no
	 * answer (libmicrohttpd takes none in the middle of a body) */
	snprintf(head, sizeof head,
	         "POST /api/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
	         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
	         strlen(body));
	ms = trickle(lp, head, body, got, sizeof got);
	if (ms < 900 || ms > 3000)
		fail_msg("a trickled body was cut after %lld ms, not about 1 s", ms);
	assert_null(strstr(got, "HTTP/1.1 200"));

	/* headers trickled: cut too (closed, or 408 when they came in just
	 * before the watchdog woke) */
	ms = trickle(lp, "GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n",
	             "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", got, sizeof got);
	if (ms < 900 || ms > 3000)
		fail_msg("trickled headers were cut after %lld ms, not about 1 s", ms);
	assert_true(!got[0] || !strncmp(got, "HTTP/1.1 408", 12));

	/* an SBOM upload cut halfway leaves no version behind */
	snprintf(head, sizeof head,
	         "POST /api/products/cam/versions/9.8/sbom HTTP/1.1\r\nHost: x\r\n%s"
	         "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
	         token_hdr, strlen(sbom_cdx));
	ms = trickle(lp, head, sbom_cdx, got, sizeof got);
	if (ms < 900 || ms > 3000)
		fail_msg("a trickled upload was cut after %lld ms, not about 1 s", ms);
	expect_error("GET", "/api/products/cam/versions/9.8", sess[3].cookie, NULL, 404, NULL);

	/* three connections from 127.0.0.1 held open: the fourth is closed
	 * at once, without an answer */
	for (int i = 0; i < 3; i++)
		fds[i] = connect_to(lp);
	usleep(200 * 1000); /* accepted by now */
	fd = connect_to(lp);
	{
		const char req[] = "GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
		struct pollfd pf = { fd, POLLIN, 0 };
		ssize_t n;

		send(fd, req, sizeof req - 1, MSG_NOSIGNAL);
		assert_int_equal(poll(&pf, 1, 900), 1);
		n = recv(fd, got, sizeof got, 0);
		assert_true(n <= 0);
	}
	close(fd);
	/* one of the three goes: a new one is answered */
	close(fds[0]);
	usleep(200 * 1000);
	r = http_raw_port(lp, "GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
	                  strlen("GET /api/openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
	assert_int_equal(r.status, 200);
	hres_free(&r);
	close(fds[1]);
	close(fds[2]);
	psirt_server_stop(lim);
	/* the test's own server was not disturbed */
	r = http("GET", "/api/me", sess[0].cookie, NULL, 0);
	assert_int_equal(r.status, 200);
	hres_free(&r);
}

/* Last: every route answered 2xx at least once. */
static void test_coverage(void **state)
{
	struct ts_suite suite = { "routes covered", 0, 0 };

	(void)state;
	for (size_t i = 0; i < srv__n_routes; i++)
		ts_case(&suite, covered[i], "%s %s never answered 2xx",
		        srv__method_name(srv__routes[i].method), srv__routes[i].pattern);
	ts_suite_end(&suite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_access_matrix),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_login_errors),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_routing_and_params),
		cmocka_unit_test(test_browse),
		cmocka_unit_test(test_upload),
		cmocka_unit_test(test_embargo),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_findings_flags),
		cmocka_unit_test(test_openapi),
		cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_psirt_serve),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_coverage),
	};

	_Static_assert(sizeof covered / sizeof covered[0] >= 16, "room for every route");
	tss_setup();
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, setup, teardown);
}
