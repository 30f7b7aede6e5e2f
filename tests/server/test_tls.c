/* The server over HTTPS: an in-process server with the test certificate of
 * tests/data/tls (see its PROVENANCE.md), talked to with libcurl pinned to
 * the test CA. Logging in sets a Secure cookie, every answer carries
 * Strict-Transport-Security, plain HTTP to the TLS port gets no HTTP answer,
 * a client that does not trust the test CA is refused, and `psirt serve
 * --tls-cert --tls-key` prints an https:// URL and serves it. Bad files are
 * tested in tests/cli/serve.t, and here at the library's level. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <curl/curl.h>

#include "psirt/server.h"
#include "psirt/str.h"
#include "psirt/user.h"
#include "support/http_support.h"
#include "support/store_support.h"
#include "support/support.h"

static const struct psirt_pwhash_cost cheap = PSIRT_PWHASH_MIN;
static const char password[] = "correct horse";

static char tmpdir[PATH_MAX], dbpath[PATH_MAX + 16];
static char *ca, *cert, *key, *other_key;
static struct psirt_server *server;
static unsigned port;
/* a CURLOPT_RESOLVE entry for the next request ("HOST:PORT:ADDRESS") */
static const char *resolve_to;
/* CURLOPT_SSLVERSION and CURLOPT_SSL_CIPHER_LIST for the next request (0,
 * NULL: curl's defaults) */
static long tls_version;
static const char *cipher_list;

/* HTTPS client ---------------------------------------------------------------*/

struct cres {
	CURLcode rc;
	long status;
	struct psirt_buf head, body;
};

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	psirt_buf_add(ud, p, size * n);
	return size * n;
}

static void cres_free(struct cres *r)
{
	psirt_buf_release(&r->head);
	psirt_buf_release(&r->body);
}

/* A header of the answer (case-insensitive name), copied into buf; NULL
 * when absent. */
static const char *cget(const struct cres *r, const char *name, char *buf, size_t size)
{
	return ts_http_header(r->head.p, name, buf, size);
}

/* One request to url (a whole URL) trusting cafile (NULL: the system's
 * trust store); extra: header lines without CRLF, NULL-terminated. */
static struct cres creq(const char *method, const char *url, const char *cafile,
                        const char *const *extra, const char *body)
{
	struct cres r = { CURLE_OK, 0, PSIRT_BUF_INIT, PSIRT_BUF_INIT };
	struct curl_slist *hdrs = NULL;
	struct curl_slist *res = resolve_to ? curl_slist_append(NULL, resolve_to) : NULL;
	CURL *c = curl_easy_init();

	assert_non_null(c);
	if (res)
		curl_easy_setopt(c, CURLOPT_RESOLVE, res);
	if (tls_version)
		curl_easy_setopt(c, CURLOPT_SSLVERSION, tls_version);
	if (cipher_list)
		curl_easy_setopt(c, CURLOPT_SSL_CIPHER_LIST, cipher_list);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	/* the pin: only the test CA is trusted, and the name must match */
	if (cafile)
		curl_easy_setopt(c, CURLOPT_CAINFO, cafile);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.head);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
	for (size_t i = 0; extra && extra[i]; i++)
		hdrs = curl_slist_append(hdrs, extra[i]);
	if (body) {
		hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	r.rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
	curl_easy_cleanup(c);
	curl_slist_free_all(hdrs);
	curl_slist_free_all(res);
	psirt_buf_add(&r.head, "", 1);
	psirt_buf_add(&r.body, "", 1);
	assert_int_equal(psirt_buf_error(&r.head), PSIRT_OK);
	assert_int_equal(psirt_buf_error(&r.body), PSIRT_OK);
	return r;
}

static struct cres https(const char *method, const char *path, const char *const *extra,
                         const char *body)
{
	char url[256];
	struct cres r;
	char v[128];

	snprintf(url, sizeof url, "https://127.0.0.1:%u%s", port, path);
	r = creq(method, url, ca, extra, body);
	if (r.rc != CURLE_OK)
		fail_msg("%s %s: %s", method, path, curl_easy_strerror(r.rc));
	/* HSTS on every answer over TLS (RFC 6797 §7.1), API or not, error or not */
	if (!cget(&r, "Strict-Transport-Security", v, sizeof v) || strcmp(v, "max-age=31536000"))
		fail_msg("%s %s: no Strict-Transport-Security: %s", method, path, r.head.p);
	return r;
}

/* Fixture ---------------------------------------------------------------------*/

static int setup(void **state)
{
	struct psirt_server_config cfg = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_user_edit e = { "admin", NULL, 0, NULL, 0 };
	struct psirt_store *s;

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/psirt-test-tls-XXXXXX");
	if (!mkdtemp(tmpdir))
		fail_msg("mkdtemp: %s", strerror(errno));
	snprintf(dbpath, sizeof dbpath, "%s/psirt.db", tmpdir);
	if (psirt_store_open(dbpath, PSIRT_STORE_CREATE, &s, &d))
		fail_msg("store: %s", d.message);
	if (psirt_user_add(s, "alice", password, strlen(password), &e, &cheap, "test", &d))
		fail_msg("user: %s", d.message);
	psirt_store_close(s);
	ca = ts_data_path("tls/ca.pem");
	cert = ts_data_path("tls/server.pem");
	key = ts_data_path("tls/server.key");
	other_key = ts_data_path("tls/other.key");
	/* the fixture must be there: a missing file would fail the start below
	 * for the wrong reason */
	free(ts_read_file("tls/ca.pem", NULL));
	cfg.db_path = dbpath;
	cfg.listen = "127.0.0.1:0";
	cfg.threads = 2;
	cfg.tls_cert = cert;
	cfg.tls_key = key;
	if (psirt_server_start(&cfg, &server, &d))
		fail_msg("server: %s", d.message);
	port = psirt_server_port(server);
	return 0;
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	psirt_server_stop(server);
	free(ca);
	free(cert);
	free(key);
	free(other_key);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) ? -1 : 0;
}

/* Tests -----------------------------------------------------------------------*/

static void test_url(void **state)
{
	char want[64];

	(void)state;
	snprintf(want, sizeof want, "https://127.0.0.1:%u/", port);
	assert_string_equal(psirt_server_url(server), want);
	assert_true(psirt_server_tls_available());
}

/* Logging in over HTTPS: the cookie is Secure although the configuration
 * did not ask for it (cfg.secure_cookies 0); the session works; logging out
 * clears it with Secure too. */
static void test_login_cookie(void **state)
{
	char body[128], v[512], cookie[540], csrf[200];
	const char *hdrs[3] = { NULL, NULL, NULL };
	struct cres r;
	json_t *j;
	char *semi;

	(void)state;
	snprintf(body, sizeof body, "{\"name\":\"alice\",\"password\":\"%s\"}", password);
	r = https("POST", "/api/login", NULL, body);
	assert_int_equal(r.status, 200);
	if (!cget(&r, "Set-Cookie", v, sizeof v))
		fail_msg("no cookie: %s", r.head.p);
	assert_non_null(strstr(v, "; Secure"));
	assert_non_null(strstr(v, "; HttpOnly"));
	assert_non_null(strstr(v, "; SameSite=Strict"));
	semi = strchr(v, ';');
	*semi = '\0';
	snprintf(cookie, sizeof cookie, "Cookie: %s", v);
	j = json_loads(r.body.p, 0, NULL);
	assert_non_null(j);
	snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s",
	         json_string_value(json_object_get(j, "csrfToken")));
	json_decref(j);
	cres_free(&r);

	hdrs[0] = cookie;
	r = https("GET", "/api/me", hdrs, NULL);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body.p, "\"name\":\"alice\""));
	cres_free(&r);
	/* an error answer carries HSTS too (checked in https()) */
	r = https("GET", "/api/audit?limit=0", hdrs, NULL);
	assert_int_equal(r.status, 400);
	cres_free(&r);
	r = https("GET", "/no-web-root", NULL, NULL);
	assert_int_equal(r.status, 404);
	cres_free(&r);

	hdrs[1] = csrf;
	r = https("POST", "/api/logout", hdrs, NULL);
	assert_int_equal(r.status, 200);
	assert_non_null(cget(&r, "Set-Cookie", v, sizeof v));
	assert_non_null(strstr(v, "Max-Age=0"));
	assert_non_null(strstr(v, "; Secure"));
	cres_free(&r);
	hdrs[1] = NULL;
	r = https("GET", "/api/me", hdrs, NULL);
	assert_int_equal(r.status, 401);
	cres_free(&r);
}

/* Plain HTTP to the TLS port: no HTTP answer, with curl or by hand. */
static void test_plain_http_refused(void **state)
{
	static const char req[] = "GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n"
	                          "Connection: close\r\n\r\n";
	struct sockaddr_in sa;
	char url[128], got[4096];
	struct cres r;
	size_t len = 0;
	ssize_t n;
	int fd;

	(void)state;
	snprintf(url, sizeof url, "http://127.0.0.1:%u/api/openapi.json", port);
	r = creq("GET", url, NULL, NULL, NULL);
	assert_int_not_equal(r.rc, CURLE_OK);
	assert_int_equal(r.status, 0);
	cres_free(&r);

	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_true(send(fd, req, sizeof req - 1, MSG_NOSIGNAL) > 0);
	while (len < sizeof got - 1 && (n = recv(fd, got + len, sizeof got - 1 - len, 0)) > 0)
		len += (size_t)n;
	close(fd);
	got[len] = '\0';
	/* nothing, or a TLS alert record (content type 21): never "HTTP/" */
	assert_true(len < 5 || memcmp(got, "HTTP/", 5) != 0);
	/* and the server still serves HTTPS after it */
	r = https("GET", "/api/openapi.json", NULL, NULL);
	assert_int_equal(r.status, 200);
	cres_free(&r);
}

/* A client that does not trust the test CA is refused: the pin above is
 * what makes the other tests pass. */
static void test_untrusted(void **state)
{
	char url[128], resolve[64];
	struct cres r;

	(void)state;
	snprintf(url, sizeof url, "https://127.0.0.1:%u/api/openapi.json", port);
	r = creq("GET", url, NULL, NULL, NULL);
	/* 60: the system's trust store does not know the test CA; 77: there is
	 * no system trust store on this machine */
	if (r.rc != CURLE_PEER_FAILED_VERIFICATION && r.rc != CURLE_SSL_CACERT_BADFILE)
		fail_msg("an untrusted certificate: %d %s", r.rc, curl_easy_strerror(r.rc));
	cres_free(&r);
	/* the certificate names 127.0.0.1 and localhost, nothing else: the
	 * same server under another name is refused */
	snprintf(resolve, sizeof resolve, "psirt.example:%u:127.0.0.1", port);
	resolve_to = resolve;
	snprintf(url, sizeof url, "https://psirt.example:%u/api/openapi.json", port);
	r = creq("GET", url, ca, NULL, NULL);
	resolve_to = NULL;
	if (r.rc != CURLE_PEER_FAILED_VERIFICATION)
		fail_msg("a name not in the certificate: %d %s", r.rc, curl_easy_strerror(r.rc));
	cres_free(&r);
	snprintf(url, sizeof url, "https://localhost:%u/api/openapi.json", port);
	r = creq("GET", url, ca, NULL, NULL);
	/* localhost may resolve to ::1 first, where nothing listens: curl then
	 * tries 127.0.0.1 */
	assert_int_equal(r.rc, CURLE_OK);
	assert_int_equal(r.status, 200);
	cres_free(&r);
}

/* TLS 1.2 and 1.3 only (RFC 8996). */
static void test_versions(void **state)
{
	static const struct {
		long version;
		const char *ciphers;
		int ok;
	} rows[] = {
		{ CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2, NULL, 1 },
		{ CURL_SSLVERSION_TLSv1_3 | CURL_SSLVERSION_MAX_TLSv1_3, NULL, 1 },
		/* OpenSSL 3 clients refuse TLS 1.1 themselves at their default
		 * security level: level 0 makes this one offer it, so that the
		 * refusal is the server's */
		{ CURL_SSLVERSION_TLSv1_1 | CURL_SSLVERSION_MAX_TLSv1_1, "DEFAULT@SECLEVEL=0", 0 },
		{ CURL_SSLVERSION_TLSv1_0 | CURL_SSLVERSION_MAX_TLSv1_0, "DEFAULT@SECLEVEL=0", 0 },
	};
	struct ts_suite suite = { "tls versions", 0, 0 };
	char url[128];

	(void)state;
	snprintf(url, sizeof url, "https://127.0.0.1:%u/api/openapi.json", port);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct cres r;

		tls_version = rows[i].version;
		cipher_list = rows[i].ciphers;
		r = creq("GET", url, ca, NULL, NULL);
		tls_version = 0;
		cipher_list = NULL;
		ts_case(&suite, rows[i].ok ? r.rc == CURLE_OK && r.status == 200 : r.rc != CURLE_OK,
		        "row %zu: %s, status %ld", i, curl_easy_strerror(r.rc), r.status);
		cres_free(&r);
	}
	ts_suite_end(&suite);
}

/* The library refuses bad TLS configurations and starts nothing. */
static void test_bad_config(void **state)
{
	static const struct {
		int cert, key; /* 0 none, 1 the right one, 2 other.key, 3 a missing file */
		enum psirt_err err;
		const char *prefix;
	} rows[] = {
		{ 1, 0, PSIRT_EINVAL, "TLS needs both a certificate and its key (or neither)" },
		{ 0, 1, PSIRT_EINVAL, "TLS needs both a certificate and its key (or neither)" },
		{ 1, 2, PSIRT_EINVAL, "TLS key '" },
		{ 3, 1, PSIRT_EIO, "cannot read TLS certificate '" },
		{ 1, 3, PSIRT_EIO, "cannot read TLS key '" },
	};
	struct ts_suite suite = { "tls bad config", 0, 0 };
	char missing[PATH_MAX + 16];

	(void)state;
	snprintf(missing, sizeof missing, "%s/missing.pem", tmpdir);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *certs[] = { NULL, cert, NULL, missing };
		const char *keys[] = { NULL, key, other_key, missing };
		struct psirt_server_config cfg = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_server *srv = NULL;
		enum psirt_err err;

		cfg.db_path = dbpath;
		cfg.listen = "127.0.0.1:0";
		cfg.tls_cert = certs[rows[i].cert];
		cfg.tls_key = keys[rows[i].key];
		err = psirt_server_start(&cfg, &srv, &d);
		ts_case(&suite, err == rows[i].err && srv == NULL && d.message &&
		                    !strncmp(d.message, rows[i].prefix, strlen(rows[i].prefix)),
		        "row %zu: %s %s", i, psirt_errname(err), d.message ? d.message : "");
		psirt_server_stop(srv);
		psirt_diag_release(&d);
	}
	ts_suite_end(&suite);
}

/* psirt serve --tls-cert --tls-key: an https:// URL that answers; SIGTERM
 * stops it with 0. */
static void test_psirt_serve(void **state)
{
	const char *args[] = { "--db", dbpath, "serve", "--listen", "127.0.0.1:0", "--threads", "1",
		               "--tls-cert", cert, "--tls-key", key, NULL };
	char line[256], url[128];
	unsigned p = 0;
	struct cres r;
	pid_t pid;
	FILE *f;

	(void)state;
	pid = ts_psirt_start(args, &f);
	assert_non_null(fgets(line, sizeof line, f));
	if (sscanf(line, "psirt serve: listening on https://127.0.0.1:%u/", &p) != 1)
		fail_msg("not an https URL: %s", line);
	snprintf(url, sizeof url, "https://127.0.0.1:%u/api/openapi.json", p);
	r = creq("GET", url, ca, NULL, NULL);
	assert_int_equal(r.rc, CURLE_OK);
	assert_int_equal(r.status, 200);
	cres_free(&r);
	ts_psirt_stop(pid, f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_login_cookie),
		cmocka_unit_test(test_plain_http_refused),
		cmocka_unit_test(test_untrusted),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_bad_config),
		cmocka_unit_test(test_psirt_serve),
	};
	int rc;

	tss_setup();
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
