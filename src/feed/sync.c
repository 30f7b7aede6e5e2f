/* psirt feed sync: downloading the feeds into the store (see feed.h).
 *
 * One table of sources, each with a strategy: a paged API walked by
 * incremental windows (NVD, MyJVN), or whole documents (KEV, EPSS, and
 * OSV's all.zip of each configured ecosystem). Each answer streams from
 * libcurl into libarchive and on into the push parsers, with no temporary
 * file and no whole answer in memory:
 *
 *   curl write callback -> one chunk -> libarchive read callback
 *     -> (gzip/xz/bzip2/zstd filter; zip or raw format) -> parser -> store
 *
 * libarchive pulls and curl pushes, so the read callback drives a
 * curl_multi handle until the write callback has delivered the next chunk;
 * while libarchive has not taken a chunk the write callback pauses the
 * transfer (CURL_WRITEFUNC_PAUSE), so at most one chunk (16 KiB, curl's
 * CURL_MAX_WRITE_SIZE) waits in memory. The same path reads plain JSON and
 * XML, EPSS's .csv.gz and OSV's all.zip (libarchive reads zip members from
 * a stream by their local headers).
 *
 * MyJVN (jvndb.jvn.jp/apis/, feed "hnd"): getVulnOverviewList pages
 * (startItem is 1-based, maxCountItem at most 50), their place read from
 * the answer's status:Status (totalRes, totalResRet, firstRes). After each
 * page, getVulnDetailInfo for the page's JVNDB ids, at most 10 a call (that
 * method's maxCountItem), so that each entry's detail record (affected
 * versions, impact, solution) follows its overview in the same
 * transaction. Incremental windows select on the date of the last update
 * ("datePublished" in MyJVN's words: the API's 更新日 is iPedia's 最終更新日,
 * and a new entry's is its first publication, so one filter sees new and
 * changed entries alike). The API takes calendar days in Japan (UTC+9), so
 * a window's instants become JST dates; windows overlap by up to a day,
 * which re-reads a few entries unchanged but misses none.
 *
 * OSV (osv-vulnerabilities.storage.googleapis.com): BASE/<ecosystem>/all.zip,
 * one document per ecosystem, all in the source's one transaction. The
 * zips have no windows: every sync downloads them whole again, and the
 * store's `modified` ordering turns the records already held into
 * "unchanged" (an older copy is never written over a newer).
 *
 * Adding a source: a feed kind with its parser, then a row in `sources`
 * below.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <archive.h>
#include <archive_entry.h>
#include <curl/curl.h>

#include "feed/internal.h"
#include "psirt/buf.h"
#include "psirt/isotime.h"
#include "psirt/str.h"

#define USER_AGENT "psirt/0.1.0"
/* The answer's status line reason and NVD's "message" header are kept for
 * the error line, cut to this many bytes. */
#define HEADER_NOTE_MAX 200
/* A paged answer claiming more records than this is not believed: the
 * whole NVD is ≈320 k CVEs. */
#define MAX_TOTAL_RESULTS 50000000LL

struct sync;

/* An incremental window, canonical instants; from NULL: everything. */
struct window {
	const char *from, *to;
};

struct sync_source {
	const char *name;
	enum psirt_feed_kind kind;
	const char *url_env;     /* environment variable replacing the URL */
	const char *default_url;
	const char *key_env;     /* API key's variable, NULL: no key */
	long delay_ms;           /* default pause between requests */
	long delay_ms_keyed;     /* the same with an API key */
	enum psirt_err (*run)(struct sync *s, struct psirt_diag *diag);
	/* Paged sources. */
	unsigned window_days; /* longest window of an incremental query */
	unsigned max_page;    /* the API's largest page */
	void (*page_url)(struct sync *s, struct psirt_buf *b, const struct window *w,
	                 unsigned long long start);
	const char *total_name; /* the answer's total, for messages */
	/* Called after each page with its records stored; may be NULL. */
	enum psirt_err (*after_page)(struct sync *s, struct psirt_diag *diag);
	/* Records each result of a page turns into (progress), 0: 1. */
	unsigned records_per_result;
};

static enum psirt_err run_paged(struct sync *s, struct psirt_diag *diag);
static enum psirt_err run_document(struct sync *s, struct psirt_diag *diag);
static enum psirt_err run_osv(struct sync *s, struct psirt_diag *diag);
static void nvd_page_url(struct sync *s, struct psirt_buf *b, const struct window *w,
                         unsigned long long start);
static void jvn_page_url(struct sync *s, struct psirt_buf *b, const struct window *w,
                         unsigned long long start);
static enum psirt_err jvn_details(struct sync *s, struct psirt_diag *diag);

static const struct sync_source sources[] = {
	/* NVD CVE API 2.0 (nvd.nist.gov/developers/vulnerabilities): pages of
	 * at most 2,000; lastMod windows of at most 120 consecutive days; "5
	 * requests in a rolling 30 second window" without a key, 50 with one,
	 * and the NVD's best practices ask for a 6 s sleep between requests. */
	{ "nvd", PSIRT_FEED_NVD, "PSIRT_NVD_URL", "https://services.nvd.nist.gov/rest/json/cves/2.0",
	  "PSIRT_NVD_API_KEY", 6000, 600, run_paged, 120, 2000, nvd_page_url, "totalResults", NULL,
	  1 },
	{ "kev", PSIRT_FEED_KEV, "PSIRT_KEV_URL",
	  "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json", NULL,
	  0, 0, run_document, 0, 0, NULL, NULL, NULL, 1 },
	{ "epss", PSIRT_FEED_EPSS, "PSIRT_EPSS_URL",
	  "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz", NULL, 0, 0, run_document,
	  0, 0, NULL, NULL, NULL, 1 },
	/* JVN iPedia through the MyJVN API: overview pages of at most 50
	 * ("1〜50 (getVulnOverviewList エントリ上限値)"), each followed by the
	 * details of its entries, so each entry makes two records. MyJVN's
	 * FAQ (Q1-3) asks for no more than 2-3 requests a second over a few
	 * minutes and fewer over long runs: 1 s between requests. The API
	 * documents no longest date range; windows of a year keep each
	 * query's total modest. */
	{ "jvn", PSIRT_FEED_JVN, "PSIRT_JVN_URL", "https://jvndb.jvn.jp/myjvn", NULL, 1000, 1000,
	  run_paged, 365, 50, jvn_page_url, "totalRes", jvn_details, 2 },
	/* OSV's bucket of ecosystem zips (google.github.io/osv.dev/data/). */
	{ "osv", PSIRT_FEED_OSV, "PSIRT_OSV_URL", "https://osv-vulnerabilities.storage.googleapis.com",
	  NULL, 0, 0, run_osv, 0, 0, NULL, NULL, NULL, 1 },
};
#define N_SOURCES (sizeof sources / sizeof sources[0])

struct sync {
	const struct sync_source *src;
	const struct psirt_feed_sync_options *opt;
	struct psirt_store *store;
	const char *url;
	const char *api_key;
	long delay_ms;
	unsigned page_size;
	unsigned attempts;
	struct feed__import im;
	struct psirt_feed_stats run; /* the documents kept so far */
	CURLM *multi;
	CURL *easy;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	char now[PSIRT_ISOTIME_LEN + 1]; /* the end of the last window */
	/* MyJVN: the JVNDB ids of the overview page being read (collect set),
	 * whose details come next; owned strings */
	char **ids;
	size_t n_ids, cap_ids;
	int collect;
	/* OSV: the ecosystems to download (borrowed from the options, or from
	 * eco_copy, an owned copy of PSIRT_OSV_ECOSYSTEMS cut at the commas) */
	const char *const *ecosystems;
	size_t n_ecosystems;
	const char *eco_split[PSIRT_FEED_OSV_MAX_ECOSYSTEMS];
	char *eco_copy;
};

/* One request's transfer, between curl and libarchive. */
struct xfer {
	struct sync *s;
	unsigned char *chunk; /* the next bytes for libarchive */
	size_t have, cap;
	int paused, done, status_known;
	unsigned long long received; /* body bytes */
	long retry_after_ms;         /* the answer's Retry-After; -1: none */
	CURLcode result;
	long status;
	struct psirt_buf reason, message; /* status line text, NVD's message header */
};

const char *psirt_feed_sync_source(size_t i)
{
	return i < N_SOURCES ? sources[i].name : NULL;
}

static const struct sync_source *find_source(const char *name)
{
	size_t i;

	for (i = 0; name && i < N_SOURCES; i++) {
		if (!strcmp(sources[i].name, name))
			return &sources[i];
	}
	return NULL;
}

void psirt_feed_sync_options_init(struct psirt_feed_sync_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->delay_ms = -1;
	opt->attempts = 5;
	opt->backoff_ms = 5000;
	opt->max_wait_ms = 600000;
	opt->stall_ms = 120000;
	opt->page_size = 2000;
}

const char *psirt_feed_sync_url(const char *source, const struct psirt_feed_sync_options *opt)
{
	const struct sync_source *src = find_source(source);
	const char *env;

	if (!src)
		return NULL;
	if (opt && opt->url && *opt->url)
		return opt->url;
	env = getenv(src->url_env);
	return env && *env ? env : src->default_url;
}

/* ---- waiting --------------------------------------------------------- */

static void sleep_ms(long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ---- the transfer ---------------------------------------------------- */

/* 2xx; 0 for file: URLs, which have no status. */
static int status_ok(long status)
{
	return status == 0 || (status >= 200 && status < 300);
}

/* Keeps up to HEADER_NOTE_MAX printable bytes of a header value. */
static void keep_note(struct psirt_buf *b, const char *v, size_t len)
{
	size_t i;

	psirt_buf_reset(b);
	while (len && psirt_isspace((unsigned char)*v)) {
		v++;
		len--;
	}
	while (len && psirt_isspace((unsigned char)v[len - 1]))
		len--;
	for (i = 0; i < len && i < HEADER_NOTE_MAX; i++)
		psirt_buf_addch(b, (unsigned char)v[i] < 0x20 || v[i] == 0x7f ? '?' : v[i]);
}

/* Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; in ms,
 * -1 when neither. (CURLINFO_RETRY_AFTER cannot tell "0" from none.) */
static long retry_after(const char *v, size_t len)
{
	char buf[64];
	unsigned long long secs;
	time_t when;
	size_t i;

	while (len && psirt_isspace((unsigned char)*v)) {
		v++;
		len--;
	}
	while (len && psirt_isspace((unsigned char)v[len - 1]))
		len--;
	if (!len || len >= sizeof buf)
		return -1;
	if (psirt_isdigit((unsigned char)v[0])) {
		if (psirt_str_to_u64(psirt_str_make(v, len), 86400ULL * 365, &secs))
			return -1;
		return (long)secs * 1000;
	}
	for (i = 0; i < len; i++)
		buf[i] = v[i];
	buf[len] = '\0';
	when = curl_getdate(buf, NULL);
	if (when == (time_t)-1)
		return -1;
	when -= time(NULL);
	return when > 0 ? (when > 86400 * 365 ? 86400L * 365 * 1000 : (long)when * 1000) : 0;
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	size_t len = size * n, i;

	if (len >= 5 && !memcmp(data, "HTTP/", 5)) {
		/* a new answer (after a redirect or a 100 Continue): "HTTP/1.1
		 * 404 Not Found" keeps "Not Found" (RFC 9112 §4) */
		psirt_buf_reset(&x->message);
		x->retry_after_ms = -1;
		for (i = 5; i < len && data[i] != ' '; i++)
			;
		for (i++; i < len && data[i] != ' '; i++)
			;
		keep_note(&x->reason, i < len ? data + i : "", i < len ? len - i : 0);
	} else if (len > 12 && psirt_str_ieq(psirt_str_make(data, 12), "retry-after:")) {
		x->retry_after_ms = retry_after(data + 12, len - 12);
	} else if (len > 8 && psirt_str_ieq(psirt_str_make(data, 8), "message:")) {
		/* NVD explains refusals in a "message" header ("Invalid
		 * apiKey", "startIndex must be …") */
		keep_note(&x->message, data + 8, len - 8);
	}
	return len;
}

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	size_t len = size * n;
	unsigned char *grown;

	if (!x->status_known) {
		curl_easy_getinfo(x->s->easy, CURLINFO_RESPONSE_CODE, &x->status);
		x->status_known = 1;
	}
	if (!status_ok(x->status))
		return len; /* an error answer's body: not data */
	if (x->have) {
		/* libarchive has not taken the last chunk: curl keeps this one */
		x->paused = 1;
		return CURL_WRITEFUNC_PAUSE;
	}
	if (len > x->cap) {
		if (len > FEED__READ_CHUNK)
			return 0; /* curl's chunks are 16 KiB; anything else is a bug */
		grown = realloc(x->chunk, len);
		if (!grown)
			return 0;
		x->chunk = grown;
		x->cap = len;
	}
	memcpy(x->chunk, data, len);
	x->have = len;
	x->received += len;
	return len;
}

static void report_bytes(struct xfer *x)
{
	struct sync *s = x->s;
	curl_off_t now = 0, total = -1;

	curl_easy_getinfo(s->easy, CURLINFO_SIZE_DOWNLOAD_T, &now);
	curl_easy_getinfo(s->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &total);
	s->im.progress.p.bytes_total =
		total > 0 ? s->im.run_bytes + (unsigned long long)total : 0;
	feed__import_tick(&s->im, now > 0 ? (unsigned long long)now : 0);
}

/* libarchive's read callback: the next chunk of the answer, 0 at its end,
 * -1 when the transfer failed (the caller then reads x->result/status). */
static la_ssize_t net_read(struct archive *a, void *ctx, const void **buf)
{
	struct xfer *x = ctx;
	struct sync *s = x->s;
	CURLMsg *msg;
	CURLMcode mc;
	int running, left;

	x->have = 0; /* libarchive is done with the last chunk */
	if (x->paused) {
		x->paused = 0;
		curl_easy_pause(s->easy, CURLPAUSE_CONT); /* may deliver at once */
	}
	while (!x->have && !x->done) {
		mc = curl_multi_perform(s->multi, &running);
		if (mc != CURLM_OK) {
			snprintf(s->errbuf, sizeof s->errbuf, "%s", curl_multi_strerror(mc));
			x->result = CURLE_RECV_ERROR;
			x->done = 1;
			break;
		}
		while ((msg = curl_multi_info_read(s->multi, &left))) {
			if (msg->msg == CURLMSG_DONE) {
				x->result = msg->data.result;
				x->done = 1;
			}
		}
		if (!x->have && !x->done)
			curl_multi_poll(s->multi, NULL, 0, 1000, NULL);
	}
	if (x->done && !x->status_known && x->result == CURLE_OK) {
		/* an answer without a body never reached on_data */
		curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &x->status);
		x->status_known = 1;
	}
	report_bytes(x);
	if (x->have) {
		*buf = x->chunk;
		return (la_ssize_t)x->have;
	}
	if (x->result != CURLE_OK || !status_ok(x->status)) {
		archive_set_error(a, EIO, "the transfer failed");
		return -1;
	}
	return 0;
}

/* Is a failed transfer worth repeating? Connection trouble and time-outs
 * are; a bad URL, a refused certificate or a missing file are not. */
static int transient(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_PARTIAL_FILE:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
		return 1;
	default:
		return 0;
	}
}

/* Statuses that mean "not now": NVD answers 403 when over its rate limit,
 * 429 is Too Many Requests (RFC 6585 §4), 502/503/504 a gateway or the
 * service down for a while (RFC 9110 §15.6). */
static int transient_status(long status)
{
	return status == 403 || status == 429 || status == 502 || status == 503 || status == 504;
}

static enum psirt_err curl_error(struct sync *s, CURLcode rc, struct psirt_diag *diag)
{
	const char *why = s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc);
	enum psirt_err err = PSIRT_EIO;

	if (rc == CURLE_FILE_COULDNT_READ_FILE || rc == CURLE_REMOTE_FILE_NOT_FOUND)
		err = PSIRT_ENOTFOUND;
	else if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
		err = PSIRT_EUSAGE;
	return psirt_diag_set(diag, err, "%s", why);
}

/* What an answer may be: gzip (EPSS), xz, bzip2, zstd, a zip (OSV), or
 * plain. Named one by one, not archive_read_support_filter_all(): that one
 * also runs outside programs (lrzip, lzop, grzip …) for formats libarchive
 * lacks, which a server's bytes must not be able to start. */
static void support_formats(struct archive *a)
{
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_raw(a); /* bids only when nothing else does */
}

/* A file: URL (a mirror on a disk or a share) is read directly with
 * libarchive: curl's file: reader cannot pause, and a file needs no
 * transfer. Only local paths ("file:///p", "file://localhost/p"). */
static enum psirt_err fetch_file(struct sync *s, const char *url, struct psirt_diag *diag)
{
	CURLU *u = curl_url();
	char *path = NULL, *host = NULL;
	struct archive *a = NULL;
	enum psirt_err err;
	struct stat st;

	if (!u)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK) {
		err = psirt_diag_set(diag, PSIRT_EUSAGE, "not a file URL");
		goto out_free;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host &&
	    strcmp(host, "localhost") != 0) {
		err = psirt_diag_set(diag, PSIRT_EUSAGE, "a file URL can only name this machine's files");
		goto out_free;
	}
	if (stat(path, &st) != 0) {
		err = psirt_diag_set(diag, errno == ENOENT ? PSIRT_ENOTFOUND : PSIRT_EIO, "%s",
		                     strerror(errno));
		goto out_free;
	}
	if (!st.st_size) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "empty file");
		goto out_free;
	}
	a = archive_read_new();
	if (!a) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_free;
	}
	s->run.requests++;
	s->im.progress.p.bytes_total = s->im.run_bytes + (unsigned long long)st.st_size;
	s->im.bytes_from_transfer = 0;
	support_formats(a);
	if (archive_read_open_filename(a, path, FEED__READ_CHUNK) != ARCHIVE_OK)
		err = psirt_diag_set(diag, PSIRT_EIO, "%s",
		                     archive_error_string(a) ? archive_error_string(a) : "cannot read");
	else
		err = feed__import_archive(&s->im, a, url, -1, diag);
	s->im.unit_bytes = (unsigned long long)archive_filter_bytes(a, -1);
	s->im.bytes_from_transfer = 1;

out_free:
	if (err)
		psirt_diag_set_file(diag, url);
	archive_read_free(a);
	curl_free(path);
	curl_free(host);
	curl_url_cleanup(u);
	return err;
}

/* One request: the answer goes into the store (inside the caller's
 * savepoint). On failure *again says whether to repeat it and *retry_after
 * is the server's wish in ms (-1: none). */
static enum psirt_err fetch_once(struct sync *s, const char *url, int *again, long *retry_after,
                                 struct psirt_diag *diag)
{
	struct xfer x = { 0 };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct archive *a;
	enum psirt_err err;

	*again = 0;
	*retry_after = -1;
	if (!strncmp(url, "file:", 5) || !strncmp(url, "FILE:", 5))
		return fetch_file(s, url, diag);
	x.s = s;
	x.retry_after_ms = -1;
	psirt_buf_init(&x.reason, 0);
	psirt_buf_init(&x.message, 0);
	s->errbuf[0] = '\0';
	curl_easy_setopt(s->easy, CURLOPT_URL, url);
	curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, &x);
	curl_easy_setopt(s->easy, CURLOPT_HEADERDATA, &x);
	s->im.progress.p.name = url;
	a = archive_read_new();
	if (!a || curl_multi_add_handle(s->multi, s->easy) != CURLM_OK) {
		archive_read_free(a);
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "cannot start a transfer");
		goto out_free;
	}
	s->run.requests++;
	support_formats(a);
	if (archive_read_open(a, &x, NULL, net_read, NULL) != ARCHIVE_OK)
		err = psirt_diag_set(&d, PSIRT_EINVAL, "%s",
		                     archive_error_string(a) ? archive_error_string(a) : "cannot read");
	else
		err = feed__import_archive(&s->im, a, url, -1, &d);
	archive_read_free(a);
	curl_multi_remove_handle(s->multi, s->easy);

	/* The transfer's own failure explains a failed read best; a parser
	 * error stands when the transfer was still fine. */
	if (x.done && x.result != CURLE_OK) {
		*again = transient(x.result);
		err = curl_error(s, x.result, diag);
	} else if (x.status_known && !status_ok(x.status)) {
		*again = transient_status(x.status);
		*retry_after = x.retry_after_ms;
		err = psirt_diag_set(diag, x.status == 404 || x.status == 410 ? PSIRT_ENOTFOUND
		                                                              : PSIRT_EIO,
		                     "HTTP %ld%s%s%s%s", x.status, x.reason.len ? " " : "", x.reason.p,
		                     x.message.len ? ": " : "", x.message.p);
	} else if (x.done && !x.received) {
		/* 200 with nothing: libarchive would say "unrecognized format" */
		err = psirt_diag_set(diag, PSIRT_EINVAL, "empty answer");
	} else if (err) {
		feed__diag_copy(diag, &d);
	}
	if (err)
		psirt_diag_set_file(diag, url);
out_free:
	psirt_diag_release(&d);
	psirt_buf_release(&x.reason);
	psirt_buf_release(&x.message);
	free(x.chunk);
	return err;
}

static void add_stats(struct psirt_feed_stats *to, const struct psirt_feed_stats *from)
{
	size_t i;

	to->files += from->files;
	to->errors += from->errors;
	to->records += from->records;
	to->bytes += from->bytes;
	to->requests += from->requests;
	to->retries += from->retries;
	for (i = 0; i < PSIRT_STORE_OUTCOME__MAX; i++)
		to->counts[i] += from->counts[i];
}

/* ---- MyJVN ids ------------------------------------------------------- */

static void clear_ids(struct sync *s)
{
	size_t i;

	for (i = 0; i < s->n_ids; i++)
		free(s->ids[i]);
	s->n_ids = 0;
}

/* The import's record hook: notes the JVNDB id of each overview entry. */
static enum psirt_err collect_id(void *ctx, const struct psirt_vuln_record *rec,
                                 struct psirt_diag *diag)
{
	struct sync *s = ctx;
	char **grown;

	if (!s->collect)
		return PSIRT_OK;
	/* MyJVN gives at most maxCountItem entries a page: more is not
	 * MyJVN, and would make unbounded detail queries */
	if (s->n_ids >= s->page_size)
		return psirt_diag_set(diag, PSIRT_ETOOBIG,
		                      "the page holds more than the %u entries asked for",
		                      s->page_size);
	if (s->n_ids == s->cap_ids) {
		size_t cap = s->cap_ids ? s->cap_ids * 2 : 16;

		grown = realloc(s->ids, cap * sizeof *grown);
		if (!grown)
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		s->ids = grown;
		s->cap_ids = cap;
	}
	s->ids[s->n_ids] = strdup(rec->id);
	if (!s->ids[s->n_ids])
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	s->n_ids++;
	return PSIRT_OK;
}

/* A request with its repeats. Each attempt runs in a savepoint: a failed
 * one is undone before the next, so nothing is counted or stored twice. */
static enum psirt_err fetch(struct sync *s, const char *url, struct psirt_diag *diag)
{
	const struct psirt_feed_sync_options *o = s->opt;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err;
	unsigned attempt;
	long retry_after, wait;
	int again;

	if (s->run.requests && s->delay_ms > 0)
		sleep_ms(s->delay_ms);
	for (attempt = 1;; attempt++) {
		if ((err = psirt_store_savepoint(s->store, diag)))
			return err;
		if (s->collect)
			clear_ids(s); /* a failed attempt's ids were undone with it */
		feed__import_unit_begin(&s->im);
		err = fetch_once(s, url, &again, &retry_after, &d);
		if (!err)
			err = psirt_store_savepoint_release(s->store, &d);
		if (!err) {
			feed__import_unit_end(&s->im);
			s->im.file.files = 1;
			add_stats(&s->run, &s->im.file);
			return PSIRT_OK;
		}
		psirt_store_savepoint_rollback(s->store);
		if (!again || attempt >= s->attempts)
			break;
		wait = retry_after;
		if (wait < 0) {
			wait = o->backoff_ms;
			for (unsigned i = 1; i < attempt && wait < o->max_wait_ms; i++)
				wait *= 2;
		}
		if (wait > o->max_wait_ms)
			wait = o->max_wait_ms;
		if (o->on_retry)
			o->on_retry(o->ctx, s->src->name, url, d.message ? d.message : "failed",
			            attempt + 1, s->attempts, wait);
		psirt_diag_release(&d);
		s->run.retries++;
		sleep_ms(wait);
	}
	if (attempt > 1) {
		psirt_diag_set(diag, d.code, "%s (%u attempts)", d.message, attempt);
		psirt_diag_set_file(diag, d.file);
	} else {
		feed__diag_copy(diag, &d);
	}
	psirt_diag_release(&d);
	return err;
}

/* ---- strategies ------------------------------------------------------ */

static enum psirt_err run_document(struct sync *s, struct psirt_diag *diag)
{
	return fetch(s, s->url, diag);
}

/* NVD wants the extended ISO 8601 form with a zone offset (API docs:
 * "2021-08-04T13:00:00.000+01:00"), its "+" escaped in a query. */
static void add_nvd_time(struct psirt_buf *b, const char *canonical)
{
	psirt_buf_add(b, canonical, PSIRT_ISOTIME_LEN - 1); /* without the Z */
	psirt_buf_adds(b, "%2B00:00");
}

static void nvd_page_url(struct sync *s, struct psirt_buf *b, const struct window *w,
                         unsigned long long start)
{
	psirt_buf_adds(b, s->url);
	psirt_buf_addch(b, strchr(s->url, '?') ? '&' : '?');
	psirt_buf_addf(b, "resultsPerPage=%u&startIndex=%llu", s->page_size, start);
	if (w->from) {
		psirt_buf_adds(b, "&lastModStartDate=");
		add_nvd_time(b, w->from);
		psirt_buf_adds(b, "&lastModEndDate=");
		add_nvd_time(b, w->to);
	}
}

/* Every page of one query: startIndex moves by the records each page held
 * until it reaches totalResults. */
static enum psirt_err page_loop(struct sync *s, const struct window *w, struct psirt_diag *diag)
{
	struct psirt_buf url = PSIRT_BUF_INIT;
	unsigned long long start = 0, n;
	enum psirt_err err = PSIRT_OK;
	long long total;

	s->im.records_base = s->im.run_records;
	for (;;) {
		psirt_buf_reset(&url);
		s->src->page_url(s, &url, w, start);
		if (psirt_buf_error(&url)) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		s->im.paged = 1;
		s->collect = s->src->after_page != NULL;
		err = fetch(s, url.p, diag);
		s->collect = 0;
		if (err)
			break;
		n = s->im.file.records;
		total = s->im.page.total_results;
		if (total < 0 || total > MAX_TOTAL_RESULTS) {
			if (total < 0)
				err = psirt_diag_set(diag, PSIRT_EINVAL, "the answer has no %s",
				                     s->src->total_name);
			else
				err = psirt_diag_set(diag, PSIRT_ETOOBIG, "%s %lld is not believable",
				                     s->src->total_name, total);
			psirt_diag_set_file(diag, url.p);
			break;
		}
		if (s->src->after_page) {
			/* the details' own page facts are no progress of the query */
			s->im.paged = 0;
			if ((err = s->src->after_page(s, diag)))
				break;
		}
		start += n;
		if (start >= (unsigned long long)total)
			break;
		if (!n) {
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "an empty page at startIndex %llu of %lld results", start,
			                     total);
			psirt_diag_set_file(diag, url.p);
			break;
		}
	}
	psirt_buf_release(&url);
	return err;
}

/* canonical + seconds, canonical. timegm: the instant is UTC. */
static int add_seconds(const char *canonical, long long secs, char out[PSIRT_ISOTIME_LEN + 1])
{
	struct tm tm = { 0 };
	unsigned long long v[7];
	static const size_t at[7] = { 0, 5, 8, 11, 14, 17, 20 }, len[7] = { 4, 2, 2, 2, 2, 2, 3 };
	time_t t;
	size_t i;

	for (i = 0; i < 7; i++) {
		if (psirt_str_to_u64(psirt_str_make(canonical + at[i], len[i]), 9999, &v[i]))
			return -1;
	}
	tm.tm_year = (int)v[0] - 1900;
	tm.tm_mon = (int)v[1] - 1;
	tm.tm_mday = (int)v[2];
	tm.tm_hour = (int)v[3];
	tm.tm_min = (int)v[4];
	tm.tm_sec = (int)v[5];
	t = timegm(&tm);
	if (t == (time_t)-1)
		return -1;
	psirt_isotime_from_epoch(t + (time_t)secs, (int)v[6], out);
	return 0;
}

static enum psirt_err run_paged(struct sync *s, struct psirt_diag *diag)
{
	char last[PSIRT_ISOTIME_LEN + 1], from[PSIRT_ISOTIME_LEN + 1], to[PSIRT_ISOTIME_LEN + 1];
	struct window w = { NULL, NULL };
	enum psirt_err err;

	last[0] = '\0';
	if (!s->opt->full &&
	    (err = psirt_store_feed_last_sync(s->store, s->src->name, last, diag)))
		return err;
	if (!last[0] || !s->src->window_days)
		return page_loop(s, &w, diag); /* the first sync: everything */
	memcpy(from, last, sizeof from);
	/* Windows up to now: "the maximum allowable range when using any date
	 * range parameters is 120 consecutive days" (NVD API docs). */
	while (strcmp(from, s->now) < 0) {
		if (add_seconds(from, (long long)s->src->window_days * 86400, to))
			return psirt_diag_set(diag, PSIRT_EINTERNAL, "bad sync time %s", from);
		if (strcmp(to, s->now) > 0)
			memcpy(to, s->now, sizeof to);
		w.from = from;
		w.to = to;
		if ((err = page_loop(s, &w, diag)))
			return err;
		memcpy(from, to, sizeof from);
	}
	return PSIRT_OK;
}

/* ---- MyJVN ----------------------------------------------------------- */

/* The start of the query string: the URL and '?', or '&' when the URL has
 * a query already (a mirror's). */
static void add_query_start(struct psirt_buf *b, const char *url)
{
	psirt_buf_adds(b, url);
	psirt_buf_addch(b, strchr(url, '?') ? '&' : '?');
}

/* One end of a window as MyJVN's date parameters, NAMEY/M/D: the calendar
 * day in Japan (UTC+9, no daylight saving time) of a canonical instant,
 * month and day without leading zeros as the API's examples write them. */
static int add_jvn_date(struct psirt_buf *b, const char *name, const char *canonical)
{
	char jst[PSIRT_ISOTIME_LEN + 1];

	if (add_seconds(canonical, 9 * 3600, jst))
		return -1;
	psirt_buf_addf(b, "&%sY=%.4s&%sM=%d&%sD=%d", name, jst, name,
	               (jst[5] - '0') * 10 + (jst[6] - '0'), name,
	               (jst[8] - '0') * 10 + (jst[9] - '0'));
	return 0;
}

/* getVulnOverviewList (jvndb.jvn.jp/apis/getVulnOverviewList_api_hnd.html).
 * The three rangeDate* presets default to "the last week" (w) for two of
 * them: "n" turns each off, so that only the window's dates (or nothing,
 * on a first sync: every entry) select. */
static void jvn_page_url(struct sync *s, struct psirt_buf *b, const struct window *w,
                         unsigned long long start)
{
	add_query_start(b, s->url);
	psirt_buf_addf(b,
	               "method=getVulnOverviewList&feed=hnd&startItem=%llu&maxCountItem=%u"
	               "&rangeDatePublic=n&rangeDatePublished=n&rangeDateFirstPublished=n",
	               start + 1, s->page_size);
	if (w->from && (add_jvn_date(b, "datePublishedStart", w->from) ||
	                add_jvn_date(b, "datePublishedEnd", w->to)))
		b->err = PSIRT_EINTERNAL; /* cannot be: the window's instants are canonical */
	psirt_buf_adds(b, "&lang=ja");
}

/* getVulnDetailInfo (jvndb.jvn.jp/apis/getVulnDetailInfo_api_hnd.html)
 * for the ids of the overview page just read: "1〜10 (getVulnDetailInfo
 * エントリ上限値)" ids a call, joined with '+'. */
#define JVN_DETAIL_MAX 10

static enum psirt_err jvn_details(struct sync *s, struct psirt_diag *diag)
{
	struct psirt_buf url = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	size_t i, k, n;

	for (i = 0; i < s->n_ids && !err; i += n) {
		n = s->n_ids - i < JVN_DETAIL_MAX ? s->n_ids - i : JVN_DETAIL_MAX;
		psirt_buf_reset(&url);
		add_query_start(&url, s->url);
		psirt_buf_addf(&url,
		               "method=getVulnDetailInfo&feed=hnd&startItem=1&maxCountItem=%zu&vulnId=",
		               n);
		/* the ids passed the parser's JVNDB-YYYY-NNNNNN check: no
		 * escaping needed */
		for (k = 0; k < n; k++) {
			if (k)
				psirt_buf_addch(&url, '+');
			psirt_buf_adds(&url, s->ids[i + k]);
		}
		psirt_buf_adds(&url, "&lang=ja");
		if (psirt_buf_error(&url))
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		else
			err = fetch(s, url.p, diag);
	}
	clear_ids(s);
	psirt_buf_release(&url);
	return err;
}

/* ---- OSV ------------------------------------------------------------- */

/* The default ecosystems: what the firmware of connected products is built
 * from. Debian and Alpine for root file systems (also Yocto layers' usual
 * upstreams), Linux for the kernel itself (its CNA's records), and the
 * language registries of the applications and cloud services around the
 * device. OpenWrt publishes no OSV data (not in osv-schema's
 * ecosystems.json). */
static const char *const osv_default_ecosystems[] = {
	"Debian", "Alpine", "Linux", "PyPI", "npm", "Go", "Maven", "crates.io",
};

const char *psirt_feed_osv_default_ecosystem(size_t i)
{
	return i < sizeof osv_default_ecosystems / sizeof osv_default_ecosystems[0]
	               ? osv_default_ecosystems[i]
	               : NULL;
}

/* An ecosystem name as OSV writes them: printable ASCII, not empty; it is
 * escaped into the URL. */
static int ecosystem_ok(const char *e)
{
	size_t i, n = strlen(e);

	if (!n || n > PSIRT_FEED_OSV_MAX_ECOSYSTEM_LEN)
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)e[i] < 0x20 || (unsigned char)e[i] >= 0x7f)
			return 0;
	}
	return 1;
}

/* The ecosystems of this run: the options', else PSIRT_OSV_ECOSYSTEMS
 * (comma-separated, blanks around names dropped), else the default. */
static enum psirt_err osv_ecosystems(struct sync *s, struct psirt_diag *diag)
{
	const char *env = getenv("PSIRT_OSV_ECOSYSTEMS");
	char *p, *name, *end;
	size_t i, n = 0;

	if (s->opt->n_ecosystems) {
		s->ecosystems = s->opt->ecosystems;
		s->n_ecosystems = s->opt->n_ecosystems;
	} else if (env && *env) {
		s->eco_copy = strdup(env);
		if (!s->eco_copy)
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		for (p = s->eco_copy; p; p = end) {
			end = strchr(p, ',');
			if (end)
				*end++ = '\0';
			while (*p == ' ' || *p == '\t')
				p++;
			name = p;
			p += strlen(p);
			while (p > name && (p[-1] == ' ' || p[-1] == '\t'))
				*--p = '\0';
			if (!*name)
				continue;
			if (n == PSIRT_FEED_OSV_MAX_ECOSYSTEMS)
				return psirt_diag_set(diag, PSIRT_EUSAGE,
				                      "PSIRT_OSV_ECOSYSTEMS names more than %d ecosystems",
				                      PSIRT_FEED_OSV_MAX_ECOSYSTEMS);
			s->eco_split[n++] = name;
		}
		if (!n)
			return psirt_diag_set(diag, PSIRT_EUSAGE, "PSIRT_OSV_ECOSYSTEMS names no ecosystem");
		s->ecosystems = s->eco_split;
		s->n_ecosystems = n;
	} else {
		s->ecosystems = osv_default_ecosystems;
		s->n_ecosystems = sizeof osv_default_ecosystems / sizeof osv_default_ecosystems[0];
	}
	if (s->n_ecosystems > PSIRT_FEED_OSV_MAX_ECOSYSTEMS)
		return psirt_diag_set(diag, PSIRT_EUSAGE, "more than %d OSV ecosystems",
		                      PSIRT_FEED_OSV_MAX_ECOSYSTEMS);
	for (i = 0; i < s->n_ecosystems; i++) {
		if (!s->ecosystems[i] || !ecosystem_ok(s->ecosystems[i]))
			return psirt_diag_set(diag, PSIRT_EUSAGE, "not an OSV ecosystem name: '%.*s'",
			                      PSIRT_FEED_OSV_MAX_ECOSYSTEM_LEN,
			                      s->ecosystems[i] ? s->ecosystems[i] : "");
	}
	return PSIRT_OK;
}

/* BASE/<ecosystem>/all.zip for each ecosystem, in the run's transaction:
 * one that fails undoes them all. */
static enum psirt_err run_osv(struct sync *s, struct psirt_diag *diag)
{
	struct psirt_buf url = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	size_t i, base = strlen(s->url);
	char *esc;

	while (base && s->url[base - 1] == '/')
		base--;
	for (i = 0; i < s->n_ecosystems && !err; i++) {
		/* "Photon OS" -> Photon%20OS; "crates.io" as it is */
		esc = curl_easy_escape(s->easy, s->ecosystems[i], 0);
		if (!esc) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		psirt_buf_reset(&url);
		psirt_buf_add(&url, s->url, base);
		psirt_buf_addf(&url, "/%s/all.zip", esc);
		curl_free(esc);
		if (psirt_buf_error(&url))
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		else
			err = fetch(s, url.p, diag);
	}
	psirt_buf_release(&url);
	return err;
}

/* ---- the run --------------------------------------------------------- */

static enum psirt_err setup_curl(struct sync *s, struct psirt_diag *diag)
{
	static int global_done;
	const char *ca = s->opt->ca_file ? s->opt->ca_file : getenv("PSIRT_CA_FILE");
	struct psirt_buf h = PSIRT_BUF_INIT;
	CURL *e;
	long stall_s = s->opt->stall_ms > 0 ? (s->opt->stall_ms + 999) / 1000 : 0;

	/* not thread-safe before curl 7.84; the CLI and the tests call it from
	 * one thread, a server must call curl_global_init at start-up */
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return psirt_diag_set(diag, PSIRT_EINTERNAL, "cannot initialise libcurl");
		global_done = 1;
	}
	s->multi = curl_multi_init();
	e = s->easy = curl_easy_init();
	if (!s->multi || !e)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "cannot initialise libcurl");
	if (s->api_key && *s->api_key) {
		psirt_buf_addf(&h, "apiKey: %s", s->api_key);
		if (psirt_buf_error(&h) || !(s->headers = curl_slist_append(NULL, h.p))) {
			psirt_buf_release(&h);
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		}
		psirt_buf_release(&h);
	}
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, s->headers);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"); /* file: is fetch_file's */
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	/* mirrors and CDNs redirect; an API key must not follow a redirect to
	 * another host (curl would send custom headers along), so with a key
	 * there is none */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, s->headers ? 0L : 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca && *ca)
		curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 30000L);
	if (stall_s) {
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, stall_s);
	}
	/* gzip or whatever libcurl decodes: NVD's JSON pages shrink ~10x */
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	return PSIRT_OK;
}

enum psirt_err psirt_feed_sync(struct psirt_store *store, const char *source,
                               const struct psirt_feed_sync_options *opt,
                               struct psirt_feed_stats *stats, struct psirt_diag *diag)
{
	struct psirt_feed_sync_options defaults;
	struct sync s;
	enum psirt_err err;

	memset(&s, 0, sizeof s);
	s.src = find_source(source);
	if (!s.src)
		return psirt_diag_set(diag, PSIRT_EUSAGE, "no sync for '%s'", source ? source : "");
	if (!opt) {
		psirt_feed_sync_options_init(&defaults);
		opt = &defaults;
	}
	s.opt = opt;
	s.store = store;
	s.url = psirt_feed_sync_url(source, opt);
	if (s.src->key_env)
		s.api_key = opt->api_key ? opt->api_key : getenv(s.src->key_env);
	s.delay_ms = opt->delay_ms >= 0 ? opt->delay_ms
	             : s.api_key && *s.api_key ? s.src->delay_ms_keyed
	                                       : s.src->delay_ms;
	s.page_size = opt->page_size && opt->page_size < s.src->max_page ? opt->page_size
	                                                                  : s.src->max_page;
	s.attempts = opt->attempts ? opt->attempts : 1;
	if ((err = feed__import_init(&s.im, store, s.src->kind, diag)))
		return err;
	s.im.bytes_from_transfer = 1;
	s.im.on_record = collect_id;
	s.im.record_ctx = &s;
	s.im.records_per_result = s.src->records_per_result;
	if (s.src->run == run_osv && (err = osv_ecosystems(&s, diag)))
		goto out_free;
	feed__progress_start(&s.im.progress, opt->progress, opt->ctx, s.src->name);
	if ((err = setup_curl(&s, diag)))
		goto out_free;
	if ((err = psirt_store_begin(store, diag)))
		goto out_free;
	/* after begin: not before the store's clock, which note_sync writes
	 * and the next sync starts from, so windows overlap rather than gap */
	psirt_isotime_now(s.now);
	err = s.src->run(&s, diag);
	if (!err)
		err = feed__import_note(&s.im, diag);
	if (!err)
		err = psirt_store_feed_note_sync(store, s.src->name, diag);
	if (!err)
		err = psirt_store_commit(store, diag);
	if (err)
		psirt_store_rollback(store);

out_free:
	if (err) {
		stats->errors++;
		stats->requests += s.run.requests;
		stats->retries += s.run.retries;
	} else {
		add_stats(stats, &s.run);
	}
	feed__progress_end(&s.im.progress);
	if (s.multi)
		curl_multi_cleanup(s.multi);
	if (s.easy)
		curl_easy_cleanup(s.easy);
	curl_slist_free_all(s.headers);
	feed__import_release(&s.im);
	clear_ids(&s);
	free(s.ids);
	free(s.eco_copy);
	return err;
}
