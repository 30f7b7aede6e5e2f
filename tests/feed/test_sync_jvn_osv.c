/* psirt feed sync of jvn and osv against the local HTTP server
 * (tests/support/http_server.c) on 127.0.0.1.
 *
 * JVN: a scripted MyJVN that answers getVulnOverviewList pages and
 * getVulnDetailInfo batches for a numbered set of entries, made up here
 * (the iPedia fixtures hold too few entries whose overview and detail both
 * exist to page through); every query string is checked whole. OSV:
 * ecosystem all.zip files built here with libarchive from the records in
 * tests/data/osv/records.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "psirt/buf.h"
#include "psirt/feed.h"
#include "support/http_server.h"
#include "support/store_support.h"
#include "support/support.h"

#define MAX_SCRIPT 32

/* What the server does with the k-th request since the reset. */
enum trouble { T_NONE, T_STATUS, T_DROP, T_MYJVN_ERROR };

struct script {
	/* MyJVN: entries 1..jvn_total; the server's page size when it
	 * disregards maxCountItem (0: it obeys) */
	unsigned jvn_total, jvn_server_page;
	unsigned jvn_pad; /* bytes of text added to each overview's description */
	/* OSV: ecosystem -> zip; unknown ecosystems 404, or an empty zip
	 * when osv_any_empty */
	const char *eco[4];
	char *zip[4];
	size_t zip_len[4];
	int osv_any_empty;
	enum trouble trouble[MAX_SCRIPT];
	int status[MAX_SCRIPT];
	long drop[MAX_SCRIPT];
	unsigned long base;
	char *body; /* the answer being sent, freed after */
};

static struct hs_server *server;
static struct script script;

/* ---- building answers ------------------------------------------------------ */

/* The value of name= in target's query, copied into out (cut to size);
 * "" when absent. */
static void query_value(const char *target, const char *name, char *out, size_t size)
{
	const char *q = strchr(target, '?'), *p, *end;
	size_t n = strlen(name), len;

	out[0] = '\0';
	for (p = q; p; p = strchr(p + 1, '&')) {
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

static const char overview_head[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
	"xmlns=\"http://purl.org/rss/1.0/\" xmlns:sec=\"http://jvn.jp/rss/mod_sec/3.0/\" "
	"xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	"xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\" xml:lang=\"ja\">\n"
	"<channel rdf:about=\"https://jvndb.jvn.jp/apis/myjvn\"><title>JVNDB</title></channel>\n";

/* An overview entry: no CVE reference, so that a CVE alias in the store
 * can only come from the detail. */
static void add_overview_item(struct psirt_buf *b, unsigned i)
{
	unsigned k;

	psirt_buf_addf(b,
	               "<item rdf:about=\"https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-%06u.html\">\n"
	               "<title>overview %u</title>\n"
	               "<link>https://jvndb.jvn.jp/ja/contents/2025/JVNDB-2025-%06u.html</link>\n"
	               "<description>overview text %u",
	               i, i, i, i);
	for (k = 0; k < script.jvn_pad; k++)
		psirt_buf_addch(b, k % 64 == 63 ? '\n' : 'x');
	psirt_buf_addf(b,
	               "</description>\n"
	               "<sec:identifier>JVNDB-2025-%06u</sec:identifier>\n"
	               "<dcterms:issued>2025-03-01T10:00+09:00</dcterms:issued>\n"
	               "<dcterms:modified>2025-03-02T10:00+09:00</dcterms:modified>\n"
	               "</item>\n",
	               i);
}

static void add_status(struct psirt_buf *b, const char *method, int error, unsigned total,
                       unsigned ret, unsigned first)
{
	if (error)
		psirt_buf_addf(b,
		               "<status:Status version=\"3.3\" method=\"%s\" lang=\"ja\" retCd=\"1\" "
		               "retMax=\"\" errCd=\"MYJVN_999\" errMsg=\"Invalid parameter (startItem)\" "
		               "totalRes=\"0\" totalResRet=\"0\" firstRes=\"1\" feed=\"hnd\"/>\n",
		               method);
	else
		psirt_buf_addf(b,
		               "<status:Status version=\"3.3\" method=\"%s\" lang=\"ja\" retCd=\"0\" "
		               "retMax=\"50\" errCd=\"\" errMsg=\"\" totalRes=\"%u\" totalResRet=\"%u\" "
		               "firstRes=\"%u\" feed=\"hnd\"/>\n",
		               method, total, ret, first);
}

static void overview_answer(struct psirt_buf *b, const char *target, int error)
{
	char v[32];
	unsigned long start, max, i, n;

	query_value(target, "startItem", v, sizeof v);
	start = strtoul(v, NULL, 10);
	query_value(target, "maxCountItem", v, sizeof v);
	max = script.jvn_server_page ? script.jvn_server_page : strtoul(v, NULL, 10);
	psirt_buf_adds(b, overview_head);
	n = 0;
	for (i = start; !error && start && i < start + max && i <= script.jvn_total; i++, n++)
		add_overview_item(b, (unsigned)i);
	add_status(b, "getVulnOverviewList", error, script.jvn_total, (unsigned)n,
	           (unsigned)start);
	psirt_buf_adds(b, "</rdf:RDF>\n");
}

/* A detail for each id of vulnId (JVNDB-2025-NNNNNN joined by '+'), with
 * its CVE in Related and a later DateLastUpdated (seconds) than the
 * overview's. */
static void detail_answer(struct psirt_buf *b, const char *target, int error)
{
	char ids[1024], *p, *next;
	unsigned n = 0, i;

	query_value(target, "vulnId", ids, sizeof ids);
	psirt_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<VULDEF-Document version=\"3.2\" xmlns=\"http://jvn.jp/vuldef/\" "
	                  "xmlns:status=\"http://jvndb.jvn.jp/myjvn/Status\" xml:lang=\"ja\">\n");
	for (p = ids; !error && *p; p = next) {
		next = strchr(p, '+');
		if (next)
			*next++ = '\0';
		else
			next = p + strlen(p);
		i = (unsigned)strtoul(p + strlen("JVNDB-2025-"), NULL, 10);
		psirt_buf_addf(b,
		               "<Vulinfo><VulinfoID>%s</VulinfoID><VulinfoData>\n"
		               "<Title>detail %u</Title>\n"
		               "<VulinfoDescription><Overview>detail text %u</Overview>"
		               "</VulinfoDescription>\n"
		               "<Related><RelatedItem type=\"advisory\"><Name>Common Vulnerabilities "
		               "and Exposures (CVE)</Name><VulinfoID>CVE-2025-%u</VulinfoID>"
		               "<URL>https://www.cve.org/CVERecord?id=CVE-2025-%u</URL></RelatedItem>"
		               "</Related>\n"
		               "<DateFirstPublished>2025-03-01T10:00:00+09:00</DateFirstPublished>\n"
		               "<DateLastUpdated>2025-03-02T10:00:05+09:00</DateLastUpdated>\n"
		               "</VulinfoData></Vulinfo>\n",
		               p, i, i, 10000 + i, 10000 + i);
		n++;
	}
	add_status(b, "getVulnDetailInfo", error, n, n, 1);
	psirt_buf_adds(b, "</VULDEF-Document>\n");
}

static const char empty_zip[22] = "PK\5\6";

static void osv_answer(const char *target, struct hs_answer *a)
{
	const char *e = target + strlen("/osv/"), *end = strstr(e, "/all.zip");
	size_t i, n = end ? (size_t)(end - e) : 0;

	for (i = 0; end && i < 4 && script.eco[i]; i++) {
		if (strlen(script.eco[i]) == n && !memcmp(script.eco[i], e, n)) {
			a->body = script.zip[i];
			a->body_len = script.zip_len[i];
			return;
		}
	}
	if (end && script.osv_any_empty) {
		a->body = empty_zip;
		a->body_len = sizeof empty_zip;
		return;
	}
	a->status = 404;
}

static void free_body(void *ctx, struct hs_answer *a)
{
	free(script.body);
	script.body = NULL;
}

static void route(void *ctx, const struct hs_request *req, struct hs_answer *a)
{
	unsigned long k = req->n - script.base;
	enum trouble t = k < MAX_SCRIPT ? script.trouble[k] : T_NONE;
	struct psirt_buf b = PSIRT_BUF_INIT;
	char method[64];

	if (t == T_STATUS) {
		a->status = script.status[k];
		return;
	}
	if (!strncmp(req->target, "/osv/", 5)) {
		osv_answer(req->target, a);
	} else if (!strncmp(req->target, "/myjvn?", 7)) {
		query_value(req->target, "method", method, sizeof method);
		if (!strcmp(method, "getVulnOverviewList"))
			overview_answer(&b, req->target, t == T_MYJVN_ERROR);
		else if (!strcmp(method, "getVulnDetailInfo"))
			detail_answer(&b, req->target, t == T_MYJVN_ERROR);
		else
			a->status = 400;
		if (b.len) {
			script.body = psirt_buf_detach(&b, &a->body_len);
			a->body = script.body;
			a->done = free_body;
		}
	} else {
		a->status = 404;
	}
	if (t == T_DROP)
		a->drop_after = script.drop[k];
}

static void script_reset(void)
{
	size_t i;

	for (i = 0; i < 4; i++)
		free(script.zip[i]);
	memset(&script, 0, sizeof script);
	script.base = hs_count(server);
	hs_clear_log(server);
}

/* A zip of the named files of tests/data/osv/records, flat, deflated (as
 * OSV's all.zip). */
static char *make_zip(const char *const *names, size_t n, size_t *len)
{
	size_t cap = 4 << 20, used = 0, flen, i;
	char *buf = malloc(cap), rel[256], *data;
	struct archive *a = archive_write_new();
	struct archive_entry *e;

	assert_non_null(buf);
	assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
	assert_int_equal(archive_write_open_memory(a, buf, cap, &used), ARCHIVE_OK);
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof rel, "osv/records/%s", names[i]);
		data = ts_read_file(rel, &flen);
		e = archive_entry_new();
		archive_entry_set_pathname(e, names[i]);
		archive_entry_set_size(e, (la_int64_t)flen);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		assert_int_equal(archive_write_data(a, data, flen), (la_ssize_t)flen);
		archive_entry_free(e);
		free(data);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	*len = used;
	return buf;
}

static void script_osv(size_t i, const char *eco, const char *const *names, size_t n)
{
	script.eco[i] = eco;
	script.zip[i] = make_zip(names, n, &script.zip_len[i]);
}

/* ---- helpers -------------------------------------------------------------- */

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

/* The i-th logged request's target; owned. */
static char *target_of(unsigned long i)
{
	char *target, *key;

	if (hs_logged(server, i, &target, &key))
		fail_msg("no request %lu was made", i);
	free(key);
	return target;
}

static unsigned long requests_made(void)
{
	return hs_count(server) - script.base;
}

static void expect_last_sync(struct psirt_store *s, const char *source, const char *want)
{
	char t[PSIRT_ISOTIME_LEN + 1];

	assert_int_equal(psirt_store_feed_last_sync(s, source, t, NULL), PSIRT_OK);
	assert_string_equal(t, want);
}

#define OVERVIEW "/myjvn?method=getVulnOverviewList&feed=hnd&startItem="
#define RANGES "&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n"
#define DETAIL "/myjvn?method=getVulnDetailInfo&feed=hnd&startItem=1&maxCountItem="

/* ---- JVN ------------------------------------------------------------------ */

/* A first sync: two overview pages (12 + 3 entries), each followed by the
 * details of its entries in batches of at most 10; every query checked. */
static void test_jvn_pages_and_details(void **state)
{
	static const char *const want[] = {
		OVERVIEW "1&maxCountItem=12" RANGES "&lang=ja",
		DETAIL "10&vulnId=JVNDB-2025-000001+JVNDB-2025-000002+JVNDB-2025-000003+"
		       "JVNDB-2025-000004+JVNDB-2025-000005+JVNDB-2025-000006+JVNDB-2025-000007+"
		       "JVNDB-2025-000008+JVNDB-2025-000009+JVNDB-2025-000010&lang=ja",
		DETAIL "2&vulnId=JVNDB-2025-000011+JVNDB-2025-000012&lang=ja",
		OVERVIEW "13&maxCountItem=12" RANGES "&lang=ja",
		DETAIL "3&vulnId=JVNDB-2025-000013+JVNDB-2025-000014+JVNDB-2025-000015&lang=ja",
	};
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct psirt_vuln_view *v;
	char *url, *t;
	size_t i;

	script_reset();
	script.jvn_total = 15;
	test_options(&o, "/myjvn", &url);
	o.page_size = 12;
	assert_int_equal(psirt_feed_sync(s, "jvn", &o, &st, &d), PSIRT_OK);
	assert_int_equal(requests_made(), 5);
	for (i = 0; i < 5; i++) {
		t = target_of(i);
		assert_string_equal(t, want[i]);
		free(t);
	}
	/* each entry twice: its overview added, then its detail over it */
	assert_int_equal(st.records, 30);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 15);
	assert_int_equal(st.counts[PSIRT_STORE_UPDATED], 15);
	assert_int_equal(st.requests, 5);
	assert_int_equal(st.files, 5);
	expect_last_sync(s, "jvn", TSS_NOW_CANON);

	/* the detail is what the store keeps: its title, its CVE alias */
	assert_int_equal(psirt_store_vuln_get(s, "CVE-2025-10015", &v, &d), PSIRT_OK);
	assert_int_equal(v->n_records, 1);
	assert_string_equal(v->records[0].id, "JVNDB-2025-000015");
	assert_string_equal(v->records[0].titles->value, "detail 15");
	assert_string_equal(v->records[0].modified, "2025-03-02T01:00:05.000Z");
	psirt_vuln_view_free(v);

	/* the default page is MyJVN's largest, 50 */
	script_reset();
	script.jvn_total = 3;
	o.page_size = 0;
	o.full = 1;
	memset(&st, 0, sizeof st);
	assert_int_equal(psirt_feed_sync(s, "jvn", &o, &st, &d), PSIRT_OK);
	t = target_of(0);
	assert_string_equal(t, OVERVIEW "1&maxCountItem=50" RANGES "&lang=ja");
	free(t);
	assert_int_equal(requests_made(), 2);
	/* entries 1-3 again: overviews older than the details held, details
	 * unchanged */
	assert_int_equal(st.counts[PSIRT_STORE_OLDER], 3);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 3);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

/* After a sync, the next asks for the entries last updated since, in JST
 * calendar days (datePublishedStart/End Y, M, D), windows of a year at
 * most, back to back. */
static void test_jvn_windows(void **state)
{
	static const struct {
		const char *last, *now;
		const char *dates[3]; /* the date parameters of each window */
	} cases[] = {
		/* 20:30 UTC is 05:30 the next day in Japan */
		{ "2026-01-14T20:30:00Z", "2026-01-15T09:00:00Z",
		  { "&datePublishedStartY=2026&datePublishedStartM=1&datePublishedStartD=15"
		    "&datePublishedEndY=2026&datePublishedEndM=1&datePublishedEndD=15" } },
		{ "2025-12-31T14:59:00Z", "2026-01-15T09:00:00Z",
		  { "&datePublishedStartY=2025&datePublishedStartM=12&datePublishedStartD=31"
		    "&datePublishedEndY=2026&datePublishedEndM=1&datePublishedEndD=15" } },
		/* 745 days: 365 + 365 + 15 */
		{ "2024-01-01T00:00:00Z", "2026-01-15T09:00:00Z",
		  { "&datePublishedStartY=2024&datePublishedStartM=1&datePublishedStartD=1"
		    "&datePublishedEndY=2024&datePublishedEndM=12&datePublishedEndD=31",
		    "&datePublishedStartY=2024&datePublishedStartM=12&datePublishedStartD=31"
		    "&datePublishedEndY=2025&datePublishedEndM=12&datePublishedEndD=31",
		    "&datePublishedStartY=2025&datePublishedStartM=12&datePublishedStartD=31"
		    "&datePublishedEndY=2026&datePublishedEndM=1&datePublishedEndD=15" } },
	};
	struct ts_suite suite = { "jvn incremental windows", 0, 0 };
	struct psirt_feed_sync_options o;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	char *url, *t, want[512];
	size_t c, i, n;

	test_options(&o, "/myjvn", &url);
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct psirt_store *s = tss_store();
		struct psirt_feed_stats st = { 0 };
		int ok = 1;

		script_reset();
		script.jvn_total = 0;
		setenv("PSIRT_NOW", cases[c].last, 1);
		assert_int_equal(psirt_feed_sync(s, "jvn", &o, &st, &d), PSIRT_OK);
		t = target_of(0);
		ok &= !strcmp(t, OVERVIEW "1&maxCountItem=50" RANGES "&lang=ja");
		free(t);

		script_reset();
		setenv("PSIRT_NOW", cases[c].now, 1);
		assert_int_equal(psirt_feed_sync(s, "jvn", &o, &st, &d), PSIRT_OK);
		for (n = 0; n < 3 && cases[c].dates[n]; n++)
			;
		ok &= requests_made() == n;
		for (i = 0; i < n && i < requests_made(); i++) {
			snprintf(want, sizeof want, "%s1&maxCountItem=50%s%s&lang=ja", OVERVIEW, RANGES,
			         cases[c].dates[i]);
			t = target_of(i);
			if (strcmp(t, want)) {
				ok = 0;
				printf("  got  %s\n  want %s\n", t, want);
			}
			free(t);
		}
		ts_case(&suite, ok, "last sync %s, now %s: %zu windows", cases[c].last, cases[c].now,
		        n);
		psirt_store_close(s);
	}
	tss_setup();
	free(url);
	psirt_diag_release(&d);
	ts_suite_end(&suite);
}

/* Failures anywhere in the run leave the store as it was, the sync state
 * included: a MyJVN error answer (no repeat), a dropped connection, an
 * HTTP error, a page holding more entries than asked for. */
static void test_jvn_failures(void **state)
{
	static const struct {
		const char *name;
		enum trouble trouble[6];
		int status;
		unsigned server_page;
		enum psirt_err err;
		unsigned long requests;
		const char *message; /* NULL: only checked to be there */
	} cases[] = {
		{ "MyJVN error answer on page 1", { T_MYJVN_ERROR }, 0, 0, PSIRT_EINVAL, 1,
		  "the MyJVN API answered with an error: MYJVN_999 Invalid parameter (startItem)" },
		{ "MyJVN error answer to the details of page 2",
		  { T_NONE, T_NONE, T_NONE, T_MYJVN_ERROR }, 0, 0, PSIRT_EINVAL, 4,
		  "the MyJVN API answered with an error: MYJVN_999 Invalid parameter (startItem)" },
		{ "details dropped every time", { T_NONE, T_DROP, T_DROP, T_DROP }, 0, 0, PSIRT_EIO, 4,
		  NULL },
		{ "page 2 dropped every time", { T_NONE, T_NONE, T_DROP, T_DROP, T_DROP }, 0, 0,
		  PSIRT_EIO, 5, NULL },
		{ "503 on the details, every time", { T_NONE, T_STATUS, T_STATUS, T_STATUS }, 503, 0,
		  PSIRT_EIO, 4, "HTTP 503 Service Unavailable (3 attempts)" },
		{ "a page larger than asked for", { T_NONE }, 0, 12, PSIRT_ETOOBIG, 1,
		  "the page holds more than the 10 entries asked for" },
	};
	struct ts_suite suite = { "jvn failures leave the store as it was", 0, 0 };
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_store *s = tss_store();
	char *url, *before, *after, *line;
	size_t c, i;

	/* a store with a JVN sync already */
	script_reset();
	script.jvn_total = 2;
	test_options(&o, "/myjvn", &url);
	setenv("PSIRT_NOW", "2025-12-24T00:00:00Z", 1);
	assert_int_equal(psirt_feed_sync(s, "jvn", &o, &st, NULL), PSIRT_OK);
	tss_setup();
	before = tss_dump(s);
	o.full = 1;
	o.page_size = 10;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err;

		script_reset();
		script.jvn_total = 14;
		script.jvn_server_page = cases[c].server_page;
		for (i = 0; i < 6; i++) {
			script.trouble[i] = cases[c].trouble[i];
			script.status[i] = cases[c].status;
			script.drop[i] = 300;
		}
		memset(&st, 0, sizeof st);
		err = psirt_feed_sync(s, "jvn", &o, &st, &d);
		after = tss_dump(s);
		line = tss_diag_line(&d);
		ts_case(&suite,
		        err == cases[c].err && !strcmp(before, after) && st.errors == 1 &&
		                st.records == 0 && st.requests == cases[c].requests &&
		                requests_made() == cases[c].requests && d.file &&
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

/* An overview page dropped once and repeated: the repeat's ids replace the
 * failed attempt's, so the details ask for each entry once. (Entries are
 * padded so that many are parsed before the drop: the import reads 1 MiB
 * at a time, archive_read_data filling its buffer before the parser sees
 * any of it.) */
static void test_jvn_page_repeated(void **state)
{
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store();
	struct psirt_buf want = PSIRT_BUF_INIT;
	char *url, *t;
	unsigned i, k;

	script_reset();
	script.jvn_total = 50;
	script.jvn_pad = 24000;
	script.trouble[0] = T_DROP;
	script.drop[0] = 1100000; /* of 1,220,000 bytes */
	test_options(&o, "/myjvn", &url);
	assert_int_equal(psirt_feed_sync(s, "jvn", &o, &st, &d), PSIRT_OK);
	assert_int_equal(requests_made(), 7);
	for (i = 0; i < 5; i++) {
		psirt_buf_reset(&want);
		psirt_buf_adds(&want, DETAIL "10&vulnId=");
		for (k = 1; k <= 10; k++)
			psirt_buf_addf(&want, "%sJVNDB-2025-%06u", k > 1 ? "+" : "", i * 10 + k);
		psirt_buf_adds(&want, "&lang=ja");
		t = target_of(2 + i);
		assert_string_equal(t, want.p);
		free(t);
	}
	assert_int_equal(st.retries, 1);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 50);
	assert_int_equal(st.counts[PSIRT_STORE_UPDATED], 50);
	psirt_buf_release(&want);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
}

/* ---- OSV ------------------------------------------------------------------ */

static const char *const pypi_files[] = { "PYSEC-2021-852.json" };
static const char *const go_files[] = { "GO-2020-0001.json" };

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

/* Two ecosystems' zips in one run; the store then holds what an import of
 * the records gives. */
static void test_osv_ecosystems(void **state)
{
	static const char *const ecos[] = { "PyPI", "Go" };
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 }, ist = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = tss_store(), *ref = tss_store();
	char *url, *t, *got, *want;

	script_reset();
	script_osv(0, "PyPI", pypi_files, 1);
	script_osv(1, "Go", go_files, 1);
	test_options(&o, "/osv", &url);
	o.ecosystems = ecos;
	o.n_ecosystems = 2;
	assert_int_equal(psirt_feed_sync(s, "osv", &o, &st, &d), PSIRT_OK);
	assert_int_equal(requests_made(), 2);
	t = target_of(0);
	assert_string_equal(t, "/osv/PyPI/all.zip");
	free(t);
	t = target_of(1);
	assert_string_equal(t, "/osv/Go/all.zip");
	free(t);
	assert_int_equal(st.files, 2);
	assert_int_equal(st.records, 2);
	assert_int_equal(st.counts[PSIRT_STORE_ADDED], 2);
	expect_last_sync(s, "osv", TSS_NOW_CANON);
	assert_int_equal(tss_import(ref, PSIRT_FEED_OSV, "osv/records/PYSEC-2021-852.json", &ist,
	                            NULL),
	                 PSIRT_OK);
	assert_int_equal(tss_import(ref, PSIRT_FEED_OSV, "osv/records/GO-2020-0001.json", &ist, NULL),
	                 PSIRT_OK);
	got = dump_records(s);
	want = dump_records(ref);
	assert_string_equal(got, want);
	free(got);
	free(want);

	/* again, through a base URL with a slash at its end: the zips have
	 * no windows, so the same records come back unchanged */
	free(url);
	script_reset();
	script_osv(0, "PyPI", pypi_files, 1);
	script_osv(1, "Go", go_files, 1);
	url = hs_url(server, "/osv/");
	o.url = url;
	memset(&st, 0, sizeof st);
	assert_int_equal(psirt_feed_sync(s, "osv", &o, &st, &d), PSIRT_OK);
	assert_int_equal(st.counts[PSIRT_STORE_UNCHANGED], 2);
	t = target_of(0);
	assert_string_equal(t, "/osv/PyPI/all.zip");
	free(t);
	psirt_diag_release(&d);
	free(url);
	psirt_store_close(s);
	psirt_store_close(ref);
}

/* Which ecosystems: the options, else PSIRT_OSV_ECOSYSTEMS, else the
 * default; names escaped into the URL; bad names refused. */
static void test_osv_ecosystem_lists(void **state)
{
	static const struct {
		const char *env;          /* NULL: unset */
		const char *opt[3];       /* NULL-ended; none: not given */
		enum psirt_err err;
		const char *targets;      /* the requests, one a line */
		const char *message;
	} cases[] = {
		{ NULL, { NULL }, PSIRT_OK,
		  "/osv/Debian/all.zip\n/osv/Alpine/all.zip\n/osv/Linux/all.zip\n/osv/PyPI/all.zip\n"
		  "/osv/npm/all.zip\n/osv/Go/all.zip\n/osv/Maven/all.zip\n/osv/crates.io/all.zip\n",
		  NULL },
		{ " Go ,PyPI,, crates.io", { NULL }, PSIRT_OK,
		  "/osv/Go/all.zip\n/osv/PyPI/all.zip\n/osv/crates.io/all.zip\n", NULL },
		{ "Go", { "Photon OS", "GitHub Actions", NULL }, PSIRT_OK,
		  "/osv/Photon%20OS/all.zip\n/osv/GitHub%20Actions/all.zip\n", NULL },
		{ " , ,", { NULL }, PSIRT_EUSAGE, "", "PSIRT_OSV_ECOSYSTEMS names no ecosystem" },
		{ NULL, { "PyPI", "", NULL }, PSIRT_EUSAGE, "", "not an OSV ecosystem name: ''" },
		{ NULL, { "Py\tPI", NULL }, PSIRT_EUSAGE, "", "not an OSV ecosystem name: 'Py\tPI'" },
	};
	struct ts_suite suite = { "osv ecosystem lists", 0, 0 };
	struct psirt_feed_sync_options o;
	char *url, *t;
	size_t c, n;
	unsigned long i;

	test_options(&o, "/osv", &url);
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct psirt_store *s = tss_store();
		struct psirt_feed_stats st = { 0 };
		struct psirt_diag d = PSIRT_DIAG_INIT;
		struct psirt_buf got = PSIRT_BUF_INIT;
		enum psirt_err err;

		script_reset();
		script.osv_any_empty = 1;
		if (cases[c].env)
			setenv("PSIRT_OSV_ECOSYSTEMS", cases[c].env, 1);
		else
			unsetenv("PSIRT_OSV_ECOSYSTEMS");
		for (n = 0; cases[c].opt[n]; n++)
			;
		o.ecosystems = cases[c].opt;
		o.n_ecosystems = n;
		err = psirt_feed_sync(s, "osv", &o, &st, &d);
		for (i = 0; i < requests_made(); i++) {
			t = target_of(i);
			psirt_buf_addf(&got, "%s\n", t);
			free(t);
		}
		ts_case(&suite,
		        err == cases[c].err && !strcmp(got.p, cases[c].targets) &&
		                (!cases[c].message || (d.message && !strcmp(d.message, cases[c].message))),
		        "env %s, %zu options: %s%s", cases[c].env ? cases[c].env : "unset", n,
		        psirt_errname(err), d.message ? d.message : "");
		psirt_buf_release(&got);
		psirt_diag_release(&d);
		psirt_store_close(s);
	}
	unsetenv("PSIRT_OSV_ECOSYSTEMS");
	free(url);
	ts_suite_end(&suite);
	for (n = 0; psirt_feed_osv_default_ecosystem(n); n++)
		;
	assert_int_equal(n, 8);
}

/* A failing ecosystem undoes the ones before it: the store as it was, the
 * sync state included. */
static void test_osv_failures(void **state)
{
	static const char *const ecos[] = { "PyPI", "Go" };
	static const struct {
		const char *name;
		int second; /* 0: 404 (not served), 1: dropped, 2: a bad member, 3: 503 */
		enum psirt_err err;
		unsigned long requests;
	} cases[] = {
		{ "second ecosystem missing (404)", 0, PSIRT_ENOTFOUND, 2 },
		{ "second ecosystem dropped every time", 1, PSIRT_EIO, 4 },
		{ "second ecosystem's zip holds a bad record", 2, PSIRT_EINVAL, 2 },
		{ "second ecosystem 503 every time", 3, PSIRT_EIO, 4 },
	};
	struct ts_suite suite = { "osv failures leave the store as it was", 0, 0 };
	struct psirt_feed_sync_options o;
	struct psirt_feed_stats st = { 0 };
	struct psirt_store *s = tss_store();
	char *url, *before, *after, *line;
	size_t c, i;

	/* a store with an OSV sync of PyPI already, and other records */
	script_reset();
	script_osv(0, "PyPI", go_files, 1);
	test_options(&o, "/osv", &url);
	o.ecosystems = ecos;
	o.n_ecosystems = 1;
	setenv("PSIRT_NOW", "2025-12-24T00:00:00Z", 1);
	assert_int_equal(psirt_feed_sync(s, "osv", &o, &st, NULL), PSIRT_OK);
	tss_setup();
	before = tss_dump(s);
	o.n_ecosystems = 2;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err;

		script_reset();
		script_osv(0, "PyPI", pypi_files, 1);
		if (cases[c].second == 1) {
			script_osv(1, "Go", go_files, 1);
			for (i = 1; i < 4; i++) {
				script.trouble[i] = T_DROP;
				script.drop[i] = 200;
			}
		} else if (cases[c].second == 2) {
			/* two good members and the Log4Shell record cut short */
			script.eco[1] = "Go";
			script.zip[1] = ts_read_file("osv/bad/bad-member.zip", &script.zip_len[1]);
		} else if (cases[c].second == 3) {
			for (i = 1; i < 4; i++) {
				script.trouble[i] = T_STATUS;
				script.status[i] = 503;
			}
		}
		memset(&st, 0, sizeof st);
		err = psirt_feed_sync(s, "osv", &o, &st, &d);
		after = tss_dump(s);
		line = tss_diag_line(&d);
		ts_case(&suite,
		        err == cases[c].err && !strcmp(before, after) && st.errors == 1 &&
		                st.records == 0 && st.requests == cases[c].requests &&
		                requests_made() == cases[c].requests && d.file &&
		                !strncmp(d.file, "http://127.0.0.1:", 17) && strstr(d.file, "/Go/all.zip"),
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

/* The sources and their URLs. */
static void test_sources(void **state)
{
	static const char *const names[] = { "nvd", "kev", "epss", "jvn", "osv" };
	size_t i;

	for (i = 0; i < 5; i++)
		assert_string_equal(psirt_feed_sync_source(i), names[i]);
	assert_null(psirt_feed_sync_source(5));
	unsetenv("PSIRT_JVN_URL");
	unsetenv("PSIRT_OSV_URL");
	assert_string_equal(psirt_feed_sync_url("jvn", NULL), "https://jvndb.jvn.jp/myjvn");
	assert_string_equal(psirt_feed_sync_url("osv", NULL),
	                    "https://osv-vulnerabilities.storage.googleapis.com");
	setenv("PSIRT_OSV_URL", "http://127.0.0.1:1/mirror/osv", 1);
	assert_string_equal(psirt_feed_sync_url("osv", NULL), "http://127.0.0.1:1/mirror/osv");
	unsetenv("PSIRT_OSV_URL");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jvn_pages_and_details),
		cmocka_unit_test(test_jvn_windows),
		cmocka_unit_test(test_jvn_failures),
		cmocka_unit_test(test_jvn_page_repeated),
		cmocka_unit_test(test_osv_ecosystems),
		cmocka_unit_test(test_osv_ecosystem_lists),
		cmocka_unit_test(test_osv_failures),
		cmocka_unit_test(test_sources),
	};

	/* nothing but 127.0.0.1: no proxy from the environment either */
	setenv("no_proxy", "*", 1);
	setenv("NO_PROXY", "*", 1);
	unsetenv("PSIRT_JVN_URL");
	unsetenv("PSIRT_OSV_URL");
	unsetenv("PSIRT_OSV_ECOSYSTEMS");
	signal(SIGPIPE, SIG_IGN);
	tss_setup();
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
