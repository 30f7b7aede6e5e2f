/* psirt feed sync against a local HTTP server (tests/support/http_server.c)
 * on 127.0.0.1: NVD API pages and incremental windows, the API key header,
 * repeats after 503 and 429 (Retry-After), errors that leave the store as
 * it was (404, a connection dropped mid-answer, bad data), KEV and EPSS
 * (.gz) downloads, the sync state, and progress reports.
 *
 * Run with --serve ROOT, the program is instead a file server for
 * tests/cli/feed_sync.t (see serve_main at the end).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "psirt/feed.h"
#include "support/http_server.h"
#include "support/store_support.h"
#include "support/support.h"

/* ---- the scripted server ------------------------------------------------ */

#define MAX_SCRIPT 32

struct script {
	/* NVD pages cut from one file, by startIndex / per_page */
	char *pages[8];
	size_t page_len[8];
	unsigned per_page, n_pages;
	/* or one fixed document */
	const char *doc;
	size_t doc_len;
	/* trouble for the k-th request since the reset: an error status (with
	 * headers), or the answer cut after drop[k] bytes */
	int status[MAX_SCRIPT];
	const char *headers[MAX_SCRIPT];
	long drop[MAX_SCRIPT];
	size_t piece;
	long piece_delay_ms;
	unsigned long base;
	char *owned; /* freed by script_reset */
};

static struct hs_server *server;
static struct script script;
static const char empty_page[] =
	"{\"resultsPerPage\":0,\"startIndex\":0,\"totalResults\":0,\"format\":\"NVD_CVE\","
	"\"version\":\"2.0\",\"timestamp\":\"2026-01-15T09:00:00.000\",\"vulnerabilities\":[]}";
static const char error_body[] = "{\"error\":\"no\"}";

static unsigned long query_number(const char *target, const char *name)
{
	const char *q = strchr(target, '?'), *p;
	size_t n = strlen(name);

	for (p = q; p; p = strchr(p + 1, '&')) {
		if (!strncmp(p + 1, name, n) && p[1 + n] == '=')
			return strtoul(p + 2 + n, NULL, 10);
	}
	return 0;
}

static void route(void *ctx, const struct hs_request *req, struct hs_answer *a)
{
	struct script *s = ctx;
	unsigned long k = req->n - s->base, page;

	if (k < MAX_SCRIPT && s->status[k]) {
		a->status = s->status[k];
		a->headers = s->headers[k];
		a->body = error_body;
		a->body_len = sizeof error_body - 1;
		return;
	}
	if (s->doc) {
		a->body = s->doc;
		a->body_len = s->doc_len;
	} else if (s->n_pages) {
		page = query_number(req->target, "startIndex") / s->per_page;
		if (page < s->n_pages) {
			a->body = s->pages[page];
			a->body_len = s->page_len[page];
		}
	}
	if (!a->body) {
		a->body = empty_page;
		a->body_len = sizeof empty_page - 1;
	}
	if (k < MAX_SCRIPT && s->drop[k] >= 0)
		a->drop_after = s->drop[k];
	a->piece = s->piece;
	a->piece_delay_ms = s->piece_delay_ms;
}

static void script_reset(void)
{
	size_t i;

	for (i = 0; i < script.n_pages; i++)
		free(script.pages[i]);
	free(script.owned);
	memset(&script, 0, sizeof script);
	for (i = 0; i < MAX_SCRIPT; i++)
		script.drop[i] = -1;
	script.base = hs_count(server);
	hs_clear_log(server);
}

/* Cuts tests/data/nvd/nvd-cves-iot.json (13 CVEs) into API pages of
 * per_page records, each with its startIndex and the totalResults. */
static void script_nvd_pages(unsigned per_page)
{
	json_t *doc = ts_load_json("nvd/nvd-cves-iot.json");
	json_t *vulns = json_object_get(doc, "vulnerabilities"), *page, *arr;
	size_t total = json_array_size(vulns), i, j;

	assert_true(total == 13);
	script.per_page = per_page;
	for (i = 0; i * per_page < total; i++) {
		arr = json_array();
		for (j = i * per_page; j < total && j < (i + 1) * per_page; j++)
			json_array_append(arr, json_array_get(vulns, j));
		page = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:o}", "resultsPerPage",
		                 (json_int_t)json_array_size(arr), "startIndex",
		                 (json_int_t)(i * per_page), "totalResults", (json_int_t)total,
		                 "format", "NVD_CVE", "version", "2.0", "timestamp",
		                 "2026-01-15T09:00:00.000", "vulnerabilities", arr);
		script.pages[i] = json_dumps(page, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		script.page_len[i] = strlen(script.pages[i]);
		json_decref(page);
	}
	script.n_pages = (unsigned)i;
	json_decref(doc);
}

/* ---- helpers -------------------------------------------------------------- */

struct retry_log {
	unsigned n;
	unsigned attempt[8];
	long wait_ms[8];
	char why[8][256];
};

static void on_retry(void *ctx, const char *source, const char *url, const char *why,
                     unsigned attempt, unsigned attempts, long wait_ms)
{
	struct retry_log *r = ctx;

	if (r->n < 8) {
		r->attempt[r->n] = attempt;
		r->wait_ms[r->n] = wait_ms;
		snprintf(r->why[r->n], sizeof r->why[r->n], "%s", why);
	}
	r->n++;
}

/* Options for tests: no pause between pages, short back-off, at most 3
 * tries, the URL of path on the test server. */
static void test_options(struct psirt_feed_sync_options *o, const char *path, char **url)
{
	psirt_feed_sync_options_init(o);
	o->delay_ms = 0;
	o->backoff_ms = 10;
	o->max_wait_ms = 2000;
	o->attempts = 3;
	*url = hs_url(server, path);
	o->url = *url;
}

static double now_s(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* The dump without the feed_state rows (import and sync differ there). */
static char *dump_records(struct psirt_store *s)
{
	char *d = tss_dump(s), *line, *next, *out = malloc(strlen(d) + 1);
	size_t n = 0;

	assert_non_null(out);
	for (line = d; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (strncmp(line, "feed_state:", 11)) {
			memcpy(out + n, line, (size_t)(next - line));
			n += (size_t)(next - line);
		}
	}
	out[n] = '\0';
	free(d);
	return out;
}

static void expect_last_sync(struct psirt_store *s, const char *source, const char *want)
{
	char t[PSIRT_ISOTIME_LEN + 1];

	assert_int_equal(psirt_store_feed_last_sync(s, source, t, NULL), PSIRT_OK);
	assert_string_equal(t, want);
}

/* The i-th logged request's target and apiKey. */
static void logged(unsigned long i, char **target, char **key)
{
	if (hs_logged(server, i, target, key))
		fail_msg("no request %lu was made", i);
}

/* ---- NVD ------------------------------------------------------------------ */

/* A first sync reads everything, page by page; the store then holds what
 * an import of the same file gives. */
static void test_nvd_full_pages(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 }, ist = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store(), *ref = tss_store();
	char *url, *target, *key, *got, *want;
	static const char *const want_targets[] = {
		"/rest/json/cves/2.0?resultsPerPage=5&startIndex=0",
		"/rest/json/cves/2.0?resultsPerPage=5&startIndex=5",
		"/rest/json/cves/2.0?resultsPerPage=5&startIndex=10",
	};
	unsigned long i;

	script_reset();
	script_nvd_pages(5);
	test_options(&o, "/rest/json/cves/2.0", &url);
	o.page_size = 5;
	o.api_key = "test-key-1234";
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.records, 13);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 13);
	assert_int_equal(st.files, 3);
	assert_int_equal(st.requests, 3);
	assert_int_equal(st.retries, 0);
	assert_int_equal(st.errors, 0);
	assert_int_equal(hs_count(server) - script.base, 3);
	for (i = 0; i < 3; i++) {
		logged(i, &target, &key);
		assert_string_equal(target, want_targets[i]);
		assert_string_equal(key, "test-key-1234");
		free(target);
		free(key);
	}
	expect_last_sync(s, "nvd", TSS_NOW_CANON);

	assert_int_equal(tss_import(ref, PSIRT_FEED_NVD, "nvd/nvd-cves-iot.json", &ist, NULL),
	                 PSIRT_OK);
	got = dump_records(s);
	want = dump_records(ref);
	assert_string_equal(got, want);
	free(got);
	free(want);

	/* without a key: no apiKey header; the default page size is 2,000 */
	script_reset();
	script_nvd_pages(5);
	o.api_key = NULL;
	o.page_size = 0;
	o.full = 1; /* everything again, though there is a last sync */
	unsetenv("PSIRT_NVD_API_KEY");
	memset(&st, 0, sizeof st);
	/* the server's pages hold 5: startIndex follows what came */
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 13);
	logged(0, &target, &key);
	assert_string_equal(target, "/rest/json/cves/2.0?resultsPerPage=2000&startIndex=0");
	assert_string_equal(key, "");
	free(target);
	free(key);
	logged(2, &target, &key);
	assert_string_equal(target, "/rest/json/cves/2.0?resultsPerPage=2000&startIndex=10");
	free(target);
	free(key);

	/* the key from the environment */
	script_reset();
	script_nvd_pages(13);
	o.full = 1;
	setenv("PSIRT_NVD_API_KEY", "env-key", 1);
	memset(&st, 0, sizeof st);
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
	logged(0, &target, &key);
	assert_string_equal(key, "env-key");
	free(target);
	free(key);
	unsetenv("PSIRT_NVD_API_KEY");

	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
	psirt_store_close(ref);
}

/* Parses "YYYY-MM-DDTHH:MM:SS.mmm%2B00:00" at name= in target into a
 * canonical instant; fails the test when absent or malformed. */
static void query_time(const char *target, const char *name, char out[PSIRT_ISOTIME_LEN + 1])
{
	const char *p = strstr(target, name);
	char buf[64];

	assert_non_null(p);
	p += strlen(name) + 1;
	assert_true(strlen(p) >= 31);
	assert_memory_equal(p + 23, "%2B00:00", 8);
	memcpy(buf, p, 23);
	memcpy(buf + 23, "+00:00", 7);
	assert_int_equal(psirt_isotime_parse(buf, strlen(buf), out), 0);
}

static long long epoch_of(const char *canonical)
{
	struct tm tm = { 0 };

	tm.tm_year = (int)strtol(canonical, NULL, 10) - 1900;
	tm.tm_mon = (int)strtol(canonical + 5, NULL, 10) - 1;
	tm.tm_mday = (int)strtol(canonical + 8, NULL, 10);
	tm.tm_hour = (int)strtol(canonical + 11, NULL, 10);
	tm.tm_min = (int)strtol(canonical + 14, NULL, 10);
	tm.tm_sec = (int)strtol(canonical + 17, NULL, 10);
	return (long long)timegm(&tm);
}

/* After a sync, the next one asks only for what changed since: windows
 * from the last sync to now, each at most 120 days, back to back. */
static void test_nvd_windows(void **state)
{
	static const struct {
		const char *last, *now;
		unsigned windows;
	} cases[] = {
		{ "2025-12-01T00:00:00Z", "2026-01-15T09:00:00Z", 1 },
		{ "2025-06-01T00:00:00Z", "2026-01-15T09:00:00Z", 2 },
		{ "2024-01-01T12:30:00Z", "2026-01-15T09:00:00Z", 7 }, /* 745 days */
		{ "2025-09-17T09:00:00Z", "2026-01-15T09:00:00Z", 1 }, /* exactly 120 days */
		{ "2026-01-15T09:00:00Z", "2026-01-15T09:00:00Z", 0 }, /* nothing to ask */
	};
	struct ts_suite suite = { "nvd incremental windows", 0, 0 };
	struct psirt_feed_sync_options o;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char *url, *target, *key, from[PSIRT_ISOTIME_LEN + 1], to[PSIRT_ISOTIME_LEN + 1];
	char prev_to[PSIRT_ISOTIME_LEN + 1], last[PSIRT_ISOTIME_LEN + 1], now[PSIRT_ISOTIME_LEN + 1];
	size_t c;
	unsigned long i, n;

	test_options(&o, "/rest/json/cves/2.0", &url);
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct psirt_store *s = tss_store();
		struct psirt_feed_stats st = { 0 };
		int ok = 1;

		/* a first sync at "last" (an empty answer) sets the state */
		script_reset();
		setenv("PSIRT_NOW", cases[c].last, 1);
		assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
		psirt_isotime_parse(cases[c].last, strlen(cases[c].last), last);
		expect_last_sync(s, "nvd", last);
		logged(0, &target, &key);
		ok &= strstr(target, "lastMod") == NULL;
		free(target);
		free(key);

		script_reset();
		setenv("PSIRT_NOW", cases[c].now, 1);
		psirt_isotime_parse(cases[c].now, strlen(cases[c].now), now);
		memset(&st, 0, sizeof st);
		assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
		n = hs_count(server) - script.base;
		ok &= n == cases[c].windows && st.requests == n;
		memcpy(prev_to, last, sizeof prev_to);
		for (i = 0; i < n; i++) {
			logged(i, &target, &key);
			ok &= strstr(target, "resultsPerPage=2000&startIndex=0&") != NULL;
			query_time(target, "lastModStartDate", from);
			query_time(target, "lastModEndDate", to);
			/* back to back from the last sync, ≤ 120 days each */
			ok &= !strcmp(from, prev_to);
			ok &= strcmp(to, from) > 0;
			ok &= epoch_of(to) - epoch_of(from) <= 120LL * 86400;
			memcpy(prev_to, to, sizeof prev_to);
			free(target);
			free(key);
		}
		if (n)
			ok &= !strcmp(prev_to, now); /* the last window ends now */
		expect_last_sync(s, "nvd", now);
		ts_case(&suite, ok, "last sync %s, now %s: %lu requests", cases[c].last,
		        cases[c].now, n);
		psirt_store_close(s);
	}
	tss_setup();
	free(url);
	psirt_diag_release(&d);
	ts_suite_end(&suite);
}

/* 503, then the page: repeated after the back-off, nothing counted twice. */
static void test_retry_503(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct retry_log r = { 0 };
	char *url;

	script_reset();
	script_nvd_pages(5);
	script.status[1] = 503; /* the second page, once */
	test_options(&o, "/nvd", &url);
	o.page_size = 5;
	o.on_retry = on_retry;
	o.ctx = &r;
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 13);
	assert_int_equal(st.records, 13);
	assert_int_equal(st.requests, 4);
	assert_int_equal(st.retries, 1);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.attempt[0], 2);
	assert_int_equal(r.wait_ms[0], 10);
	assert_string_equal(r.why[0], "HTTP 503 Service Unavailable");

	/* back-off doubles: 503, 503, then the answer */
	script_reset();
	script.doc = empty_page;
	script.doc_len = sizeof empty_page - 1;
	script.status[0] = script.status[1] = 503;
	memset(&r, 0, sizeof r);
	o.full = 1;
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.wait_ms[0], 10);
	assert_int_equal(r.wait_ms[1], 20);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

/* 429 with Retry-After: the server's wait, not the back-off. */
static void test_retry_after(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct retry_log r = { 0 };
	char *url;
	double t0;

	script_reset();
	script.doc = script.owned = ts_read_file("kev/kev-subset.json", &script.doc_len);
	script.status[0] = 429;
	script.headers[0] = "Retry-After: 1\r\n";
	test_options(&o, "/kev.json", &url);
	o.on_retry = on_retry;
	o.ctx = &r;
	t0 = now_s();
	assert_int_equal(psirt_feed_sync(s, "kev", &o, &st, &d), PSIRT_OK);
	assert_true(now_s() - t0 >= 0.9);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.wait_ms[0], 1000);
	assert_string_equal(r.why[0], "HTTP 429 Too Many Requests");
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 32);
	assert_int_equal(st.retries, 1);

	/* a Retry-After beyond max_wait_ms is cut to it */
	script_reset();
	script.doc = script.owned = ts_read_file("kev/kev-subset.json", &script.doc_len);
	script.status[0] = 503;
	script.headers[0] = "Retry-After: 3600\r\n";
	memset(&r, 0, sizeof r);
	o.max_wait_ms = 50;
	assert_int_equal(psirt_feed_sync(s, "kev", &o, &st, &d), PSIRT_OK);
	assert_int_equal(r.wait_ms[0], 50);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

/* Failures that must leave the store exactly as it was, sync state
 * included, after a store with data. */
static void test_failures_leave_store(void **state)
{
	static const struct {
		const char *name;
		int status[5];
		const char *headers;
		long drop[5];
		int bad_doc;
		enum psirt_err err;
		unsigned long requests;
		const char *message;
	} cases[] = {
		{ "404 on page 2", { 0, 404 }, NULL, { -1, -1, -1, -1, -1 }, 0, PSIRT_ENOTFOUND, 2,
		  "HTTP 404 Not Found" },
		{ "403 with NVD's message, every time", { 403, 403, 403 },
		  "message: Invalid apiKey\r\n", { -1, -1, -1, -1, -1 }, 0, PSIRT_EIO, 3,
		  "HTTP 403 Forbidden: Invalid apiKey (3 attempts)" },
		{ "503 every time", { 0, 503, 503, 503 }, NULL, { -1, -1, -1, -1, -1 }, 0, PSIRT_EIO, 4,
		  "HTTP 503 Service Unavailable (3 attempts)" },
		{ "dropped mid-answer every time", { 0 }, NULL, { -1, 700, 700, 700, -1 }, 0, PSIRT_EIO, 4,
		  NULL },
		{ "dropped on page 3 every time", { 0 }, NULL, { -1, -1, 100, 100, 100 }, 0, PSIRT_EIO, 5,
		  NULL },
		{ "bad JSON: no repeat", { 0 }, NULL, { -1, -1, -1, -1, -1 }, 1, PSIRT_EINVAL, 1, NULL },
		{ "500: no repeat", { 500 }, NULL, { -1, -1, -1, -1, -1 }, 0, PSIRT_EIO, 1,
		  "HTTP 500 Internal Server Error" },
	};
	struct ts_suite suite = { "sync failures leave the store as it was", 0, 0 };
	struct psirt_feed_sync_options o;
	struct psirt_store *s = tss_store();
	struct psirt_feed_stats st = { 0 };
	char *url, *before, *after, *line;
	size_t c, i;

	/* a store with records and a last sync */
	assert_int_equal(tss_import(s, PSIRT_FEED_KEV, "kev/kev-subset.json", &st, NULL), PSIRT_OK);
	setenv("PSIRT_NOW", "2025-12-24T00:00:00Z", 1);
	script_reset();
	test_options(&o, "/nvd", &url);
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, NULL), PSIRT_OK);
	tss_setup();
	before = tss_dump(s);
	o.full = 1;
	o.page_size = 5;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err;

		script_reset();
		script_nvd_pages(5);
		for (i = 0; i < 5; i++) {
			script.status[i] = cases[c].status[i];
			script.headers[i] = cases[c].headers;
			script.drop[i] = cases[c].drop[i];
		}
		if (cases[c].bad_doc) {
			script.doc = "{\"totalResults\": 1, \"vulnerabilities\": [{\"cve\": {";
			script.doc_len = strlen(script.doc);
		}
		memset(&st, 0, sizeof st);
		err = psirt_feed_sync(s, "nvd", &o, &st, &d);
		after = tss_dump(s);
		line = tss_diag_line(&d);
		ts_case(&suite,
		        err == cases[c].err && !strcmp(before, after) && st.errors == 1 &&
		                st.records == 0 && st.requests == cases[c].requests &&
		                hs_count(server) - script.base == cases[c].requests && d.file &&
		                !strncmp(d.file, "http://127.0.0.1:", 17) &&
		                (!cases[c].message || !strcmp(d.message, cases[c].message)),
		        "%s: %s (%s), %llu requests", cases[c].name, line, psirt_errname(err),
		        st.requests);
		free(line);
		free(after);
		psirt_diag_release(&d);
	}
	free(before);
	free(url);
	psirt_store_close(s);
	ts_suite_end(&suite);
}

/* The message of a dropped connection, and a drop that heals. */
static void test_dropped_connection(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct retry_log r = { 0 };
	char *url, *empty = tss_dump(s), *after;

	script_reset();
	script_nvd_pages(5);
	script.drop[0] = script.drop[1] = 1000;
	test_options(&o, "/nvd", &url);
	o.page_size = 5;
	o.attempts = 2;
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_EIO);
	assert_non_null(strstr(d.message, "transfer closed with"));
	assert_non_null(strstr(d.message, "(2 attempts)"));
	after = tss_dump(s);
	assert_string_equal(after, empty); /* nothing, not even a sync state */
	free(after);
	psirt_diag_release(&d);

	/* page 2 drops once: the part of it already stored is undone before
	 * the repeat, so each record counts once */
	script_reset();
	script_nvd_pages(5);
	script.drop[1] = 3000;
	o.on_retry = on_retry;
	o.ctx = &r;
	memset(&st, 0, sizeof st);
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_OK);
	assert_int_equal(r.n, 1);
	assert_int_equal(st.records, 13);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 13);
	assert_int_equal(st.requests, 4);
	expect_last_sync(s, "nvd", TSS_NOW_CANON);
	free(empty);
	free(url);
	psirt_store_close(s);
}

/* No server on the port: repeated, then EIO. */
static void test_connection_refused(void **state)
{
	struct hs_server *gone = hs_start(route, &script);
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	char *url;

	assert_non_null(gone);
	url = hs_url(gone, "/kev.json");
	hs_stop(gone); /* the port is now closed */
	psirt_feed_sync_options_init(&o);
	o.url = url;
	o.backoff_ms = 1;
	o.attempts = 2;
	assert_int_equal(psirt_feed_sync(s, "kev", &o, &st, &d), PSIRT_EIO);
	assert_non_null(strstr(d.message, "(2 attempts)"));
	assert_int_equal(st.requests, 2);
	assert_int_equal(st.errors, 1);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

/* ---- KEV and EPSS ---------------------------------------------------------- */

struct progress_log {
	unsigned calls, done;
	unsigned long long last_records, last_bytes, bytes_total;
	int monotonic;
};

static void on_progress(void *ctx, const struct psirt_feed_progress *p)
{
	struct progress_log *l = ctx;

	if (p->records < l->last_records || p->bytes < l->last_bytes)
		l->monotonic = 0;
	l->last_records = p->records;
	l->last_bytes = p->bytes;
	l->bytes_total = p->bytes_total;
	l->calls++;
	l->done += p->done != 0;
	assert_non_null(p->source);
}

static void test_kev(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct psirt_store_feed_status *fs;
	struct progress_log pl = { 0, 0, 0, 0, 0, 1 };
	char *url, *target, *key;
	size_t i;

	script_reset();
	script.doc = script.owned = ts_read_file("kev/kev-subset.json", &script.doc_len);
	/* slowly, so that progress is reported on the way: 28 KB in 2 KB
	 * pieces 60 ms apart */
	script.piece = 2048;
	script.piece_delay_ms = 60;
	test_options(&o, "/feeds/known_exploited_vulnerabilities.json", &url);
	o.progress = on_progress;
	o.ctx = &pl;
	assert_int_equal(psirt_feed_sync(s, "kev", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 32);
	assert_int_equal(st.requests, 1);
	assert_int_equal(st.bytes, script.doc_len);
	logged(0, &target, &key);
	assert_string_equal(target, "/feeds/known_exploited_vulnerabilities.json");
	free(target);
	free(key);
	/* progress: a few reports, then one with done; counts only grow */
	assert_true(pl.calls >= 3);
	assert_int_equal(pl.done, 1);
	assert_true(pl.monotonic);
	assert_int_equal(pl.last_records, 32);
	assert_int_equal(pl.last_bytes, script.doc_len);
	assert_int_equal(pl.bytes_total, script.doc_len);

	assert_int_equal(psirt_store_feed_status(s, &fs, &d), PSIRT_OK);
	for (i = 0; i < fs->n; i++) {
		if (strcmp(fs->states[i].source, "kev"))
			continue;
		assert_int_equal(fs->states[i].records, 32);
		assert_string_equal(fs->states[i].last_sync, TSS_NOW_CANON);
		assert_string_equal(fs->states[i].last_import, TSS_NOW_CANON);
		assert_string_equal(fs->states[i].detail, "2025.08.25");
		assert_string_equal(fs->states[i].newest_record, "2025-08-25T17:04:19.979Z");
	}
	psirt_store_feed_status_free(fs);

	/* again: every entry unchanged */
	script.piece = 0;
	memset(&st, 0, sizeof st);
	o.progress = NULL;
	assert_int_equal(psirt_feed_sync(s, "kev", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 32);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

static void test_epss_gz(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct psirt_vuln_view *v;
	char *url;

	script_reset();
	script.doc = script.owned = ts_read_file("sync/epss_scores-current.csv.gz", &script.doc_len);
	assert_memory_equal(script.doc, "\x1f\x8b", 2);
	test_options(&o, "/epss_scores-current.csv.gz", &url);
	assert_int_equal(psirt_feed_sync(s, "epss", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 238);
	assert_int_equal(psirt_store_vuln_get(s, "CVE-1999-0001", &v, &d), PSIRT_OK);
	assert_int_equal(v->n_epss, 1);
	assert_string_equal(v->epss[0].model_version, "v2026.06.15");
	assert_string_equal(v->epss[0].score_date, "2026-09-29T12:00:22.000Z");
	psirt_vuln_view_free(v);
	expect_last_sync(s, "epss", TSS_NOW_CANON);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

/* file: URLs (a mirror on a disk) are read directly; a missing file is
 * ENOTFOUND. */
static void test_file_url(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	char *rel = ts_data_path("sync/epss_scores-current.csv.gz"), url[4096];
	char *path = realpath(rel, NULL);

	psirt_feed_sync_options_init(&o);
	snprintf(url, sizeof url, "file://%s", path);
	o.url = url;
	assert_int_equal(psirt_feed_sync(s, "epss", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 238);
	snprintf(url, sizeof url, "file://%s.missing", path);
	assert_int_equal(psirt_feed_sync(s, "epss", &o, &st, &d), PSIRT_ENOTFOUND);
	assert_int_equal(st.errors, 1);
	psirt_diag_release(&d);
	free(path);
	free(rel);
	psirt_store_close(s);
}

/* ---- options, names, pauses --------------------------------------------- */

static void test_sources_and_urls(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;

	assert_string_equal(psirt_feed_sync_source(0), "nvd");
	assert_string_equal(psirt_feed_sync_source(1), "kev");
	assert_string_equal(psirt_feed_sync_source(2), "epss");
	/* jvn and osv: tests/feed/test_sync_jvn_osv.c */
	psirt_feed_sync_options_init(&o);
	unsetenv("PSIRT_KEV_URL");
	assert_string_equal(psirt_feed_sync_url("nvd", &o),
	                    "https://services.nvd.nist.gov/rest/json/cves/2.0");
	assert_string_equal(psirt_feed_sync_url("kev", NULL),
	                    "https://www.cisa.gov/sites/default/files/feeds/"
	                    "known_exploited_vulnerabilities.json");
	setenv("PSIRT_KEV_URL", "http://127.0.0.1:1/mirror/kev.json", 1);
	assert_string_equal(psirt_feed_sync_url("kev", &o), "http://127.0.0.1:1/mirror/kev.json");
	o.url = "http://127.0.0.1:2/other.json";
	assert_string_equal(psirt_feed_sync_url("kev", &o), "http://127.0.0.1:2/other.json");
	unsetenv("PSIRT_KEV_URL");
	assert_null(psirt_feed_sync_url("csaf", &o));
	assert_int_equal(psirt_feed_sync(NULL, "nope", &o, &st, &d), PSIRT_EUSAGE);
	psirt_diag_release(&d);
	o.url = "gopher://127.0.0.1/x";
	{
		struct psirt_store *s = tss_store();

		assert_int_equal(psirt_feed_sync(s, "kev", &o, &st, &d), PSIRT_EUSAGE);
		psirt_store_close(s);
	}
	psirt_diag_release(&d);
}

/* The pause between pages is kept (here 150 ms between 3 pages). */
static void test_delay(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_store *s = tss_store();
	char *url;
	double t0;

	script_reset();
	script_nvd_pages(5);
	test_options(&o, "/nvd", &url);
	o.page_size = 5;
	o.delay_ms = 150;
	t0 = now_s();
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, NULL), PSIRT_OK);
	assert_true(now_s() - t0 >= 0.29);
	assert_int_equal(st.requests, 3);
	free(url);
	psirt_store_close(s);
}

/* A paged answer must say how many records there are, and a page may not
 * be empty before the end. */
static void test_bad_pages(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	char *url;

	script_reset();
	script.doc = "{\"vulnerabilities\": []}";
	script.doc_len = strlen(script.doc);
	test_options(&o, "/nvd", &url);
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "the answer has no totalResults");
	psirt_diag_release(&d);
	script.doc = "{\"totalResults\": 5, \"vulnerabilities\": []}";
	script.doc_len = strlen(script.doc);
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "an empty page at startIndex 0 of 5 results");
	psirt_diag_release(&d);
	script.doc = "";
	script.doc_len = 0;
	assert_int_equal(psirt_feed_sync(s, "nvd", &o, &st, &d), PSIRT_EINVAL);
	assert_string_equal(d.message, "empty answer");
	psirt_diag_release(&d);
	script.doc = NULL;
	free(url);
	psirt_store_close(s);
}

/* The import reports progress too: here only its final report (a small
 * file is done within the first interval), with the file's size. */
static void test_import_progress(void **state)
{
	struct psirt_store *s = tss_store();
	struct progress_log pl = { 0, 0, 0, 0, 0, 1 };
	struct psirt_feed_import_options opt = { NULL, &pl, on_progress };
	struct psirt_feed_stats st = { 0 };
	char *paths[2] = { ts_data_path("nvd/nvd-cves-iot.json"),
		           ts_data_path("nvd/nvd-cves-fixtures.json.gz") };
	size_t len1, len2;
	char *a = ts_read_file("nvd/nvd-cves-iot.json", &len1);
	char *b = ts_read_file("nvd/nvd-cves-fixtures.json.gz", &len2);

	assert_int_equal(psirt_feed_import(s, PSIRT_FEED_NVD, (const char *const *)paths, 2, &opt,
	                                   &st, NULL),
	                 PSIRT_OK);
	assert_int_equal(pl.done, 1);
	assert_true(pl.monotonic);
	assert_int_equal(pl.last_records, st.records);
	/* compressed files count as stored: bytes read from the disk */
	assert_int_equal(pl.last_bytes, len1 + len2);
	assert_int_equal(pl.bytes_total, len1 + len2);
	free(a);
	free(b);
	free(paths[0]);
	free(paths[1]);
	psirt_store_close(s);
}

/* ---- --serve: the CLI tests' file server ------------------------------- */

struct files {
	const char *root;
	char *body;
	int flaky_seen;
};

static void free_body(void *ctx, struct hs_answer *a)
{
	struct files *f = ctx;

	free(f->body);
	f->body = NULL;
}

/* The value of name= in target's query into out (cut to size); "" when
 * absent. */
static void query_value(const char *target, const char *name, char *out, size_t size)
{
	const char *p, *end;
	size_t n = strlen(name), len;

	out[0] = '\0';
	for (p = strchr(target, '?'); p; p = strchr(p + 1, '&')) {
		if (!strncmp(p + 1, name, n) && p[1 + n] == '=') {
			p += 2 + n;
			end = strchr(p, '&');
			len = end ? (size_t)(end - p) : strlen(p);
			if (len >= size)
				len = size - 1;
			memcpy(out, p, len);
			out[len] = '\0';
			return;
		}
	}
}

/* GET /PATH serves ROOT/PATH (query ignored); /flaky/PATH answers 503
 * with Retry-After: 0 the first time; /drop/PATH closes half-way. A MyJVN
 * query, /PATH/myjvn?method=M&...: ROOT/PATH/myjvn/M-N.rdf, N the
 * startItem of an overview page, the vulnId list of a detail request.
 * Every request is logged to server.log: the target and the apiKey. */
static void file_route(void *ctx, const struct hs_request *req, struct hs_answer *a)
{
	struct files *f = ctx;
	char path[4096], *q;
	const char *t = req->target;
	int drop = 0;
	FILE *log = fopen("server.log", "a");

	if (log) {
		fprintf(log, "%s %s%s\n", req->method, req->target,
		        req->api_key ? " apiKey" : "");
		fclose(log);
	}
	a->done = free_body;
	if (!strncmp(t, "/flaky/", 7)) {
		t += 6;
		if (!f->flaky_seen++) {
			a->status = 503;
			a->headers = "Retry-After: 0\r\n";
			return;
		}
	} else if (!strncmp(t, "/drop/", 6)) {
		t += 5;
		drop = 1;
	}
	snprintf(path, sizeof path, "%s%s", f->root, t);
	q = strchr(path, '?');
	if (q)
		*q = '\0';
	if (q && q - path >= 6 && !strncmp(q - 6, "/myjvn", 6)) {
		char method[64], n[512];

		query_value(t, "method", method, sizeof method);
		query_value(t, !strcmp(method, "getVulnOverviewList") ? "startItem" : "vulnId", n,
		            sizeof n);
		snprintf(q, sizeof path - (size_t)(q - path), "/%s-%s.rdf", method, n);
	}
	if (strstr(t, "..") || !(f->body = hs_read_file(path, &a->body_len))) {
		a->status = 404;
		return;
	}
	a->body = f->body;
	if (drop)
		a->drop_after = (long)(a->body_len / 2);
}

static int write_file(const char *name, const char *text)
{
	char tmp[256];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s.tmp", name);
	f = fopen(tmp, "w");
	if (!f || fputs(text, f) < 0 || fclose(f))
		return -1;
	return rename(tmp, name); /* whole or not at all for the waiting test */
}

/* Serves ROOT until 30 s pass without a request (or SIGTERM); writes
 * server.pid and then server.port into the current folder. */
static int serve_main(const char *root)
{
	struct files f = { root, NULL, 0 };
	struct hs_server *s = hs_start(file_route, &f);
	unsigned long seen = 0, n;
	char buf[32];
	int idle = 0;

	if (!s)
		return 1;
	snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	write_file("server.pid", buf);
	snprintf(buf, sizeof buf, "%d\n", hs_port(s));
	write_file("server.port", buf);
	while (idle < 300) {
		usleep(100000);
		n = hs_count(s);
		idle = n == seen ? idle + 1 : 0;
		seen = n;
	}
	hs_stop(s);
	return 0;
}

static int group_setup(void **state)
{
	server = hs_start(route, &script);
	return server ? 0 : -1;
}

static int group_teardown(void **state)
{
	script_reset();
	hs_stop(server);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nvd_full_pages),
		cmocka_unit_test(test_nvd_windows),
		cmocka_unit_test(test_retry_503),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_failures_leave_store),
		cmocka_unit_test(test_dropped_connection),
		cmocka_unit_test(test_connection_refused),
		cmocka_unit_test(test_kev),
		cmocka_unit_test(test_epss_gz),
		cmocka_unit_test(test_file_url),
		cmocka_unit_test(test_sources_and_urls),
		cmocka_unit_test(test_delay),
		cmocka_unit_test(test_bad_pages),
		cmocka_unit_test(test_import_progress),
	};

	/* nothing but 127.0.0.1: no proxy from the environment either */
	setenv("no_proxy", "*", 1);
	setenv("NO_PROXY", "*", 1);
	unsetenv("PSIRT_NVD_URL");
	unsetenv("PSIRT_KEV_URL");
	unsetenv("PSIRT_EPSS_URL");
	unsetenv("PSIRT_NVD_API_KEY");
	signal(SIGPIPE, SIG_IGN);
	if (argc == 3 && !strcmp(argv[1], "--serve"))
		return serve_main(argv[2]);
	tss_setup();
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
