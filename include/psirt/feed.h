/* psirt — vulnerability feed importers: NVD CVE API 2.0 JSON, CISA KEV JSON,
 * FIRST EPSS CSV, JVN iPedia XML (MyJVN RSS and VULDEF), OSV JSON (CSAF
 * joins this table later).
 *
 * Two layers. The parsers are push parsers that stream: feed them the bytes
 * of one document in chunks of any size, and they hand each record to a
 * callback as soon as it is complete, from an arena that is dropped right
 * after, so memory does not grow with the file (NVD year files run to
 * hundreds of MB). They know nothing of the store: a fuzz target passes
 * callbacks that do nothing. The importer reads files and folders (plain,
 * .gz, .xz, .bz2, .zip, told apart by their first bytes), runs the parser
 * and writes each record to the store, one transaction per file.
 */
#ifndef PSIRT_FEED_H
#define PSIRT_FEED_H

#include <stddef.h>

#include "psirt/error.h"
#include "psirt/store.h"
#include "psirt/vuln.h"

enum psirt_feed_kind {
	PSIRT_FEED_NVD,  /* NVD CVE API 2.0 JSON: API pages, 2.0 feed files, single CVEs */
	PSIRT_FEED_KEV,  /* CISA known_exploited_vulnerabilities.json */
	PSIRT_FEED_EPSS, /* FIRST epss_scores-*.csv */
	/* JVN iPedia: MyJVN getVulnOverviewList (RSS 1.0 with mod_sec, also the
	 * jvndb*.rdf feeds) and getVulnDetailInfo (VULDEF) XML, told apart by
	 * the root element */
	PSIRT_FEED_JVN,
	/* OSV JSON: one record, an array of records, or an API answer
	 * {"vulns":[...]}; folders of records and ecosystem all.zip files
	 * through psirt_feed_import */
	PSIRT_FEED_OSV,
	PSIRT_FEED__MAX
};

/* "nvd", "kev", "epss", "jvn", "osv"; NULL for an unknown value. */
const char *psirt_feed_kind_name(enum psirt_feed_kind kind);
/* Looks a kind up by name; returns 0, or -1 when unknown. */
int psirt_feed_kind_parse(const char *name, enum psirt_feed_kind *out);

/* Limits on outside data (PSIRT_ETOOBIG beyond them). */
enum {
	/* JSON and XML nesting: NVD records nest 8 deep, OSV 6, VULDEF 7; 64
	 * leaves room for unknown members while keeping the parser's stack
	 * small. */
	PSIRT_FEED_MAX_DEPTH = 64,
	/* One JSON token or CSV line: the longest real NVD description is a
	 * few KB. */
	PSIRT_FEED_MAX_TOKEN = 16 << 20,
	/* Memory for one record: the largest NVD records (hundreds of AND
	 * configurations) are a few MB. */
	PSIRT_FEED_MAX_RECORD = 64 << 20,
};

/* Record callbacks. The record is borrowed: valid only during the call.
 * Return PSIRT_OK to go on; anything else stops the parse, and the parser
 * returns that error (the callback's diag entry wins). */
typedef enum psirt_err psirt_feed_vuln_fn(void *ctx, const struct psirt_vuln_record *rec,
                                          struct psirt_diag *diag);
typedef enum psirt_err psirt_feed_kev_fn(void *ctx, const struct psirt_kev_entry *e,
                                         struct psirt_diag *diag);
typedef enum psirt_err psirt_feed_epss_fn(void *ctx, const struct psirt_epss_score *s,
                                          struct psirt_diag *diag);

/* Where a parser sends what it reads; the callback of its kind must be set. */
struct psirt_feed_sink {
	psirt_feed_vuln_fn *vuln;
	psirt_feed_kev_fn *kev;
	psirt_feed_epss_fn *epss;
	void *ctx;
	/* Called once per document with its header facts when known: the KEV
	 * catalog version and date, the EPSS model version and score date.
	 * May be NULL. */
	void (*header)(void *ctx, const char *version, const char *date);
};

struct psirt_feed_parser;

/* Makes a parser for one document. name (borrowed, may be NULL) is the
 * document's file name: the EPSS parser reads the score date from it when
 * the file has no "#model_version" line (epss_scores-2021-04-14.csv).
 * Returns PSIRT_OK and an owned parser (free with psirt_feed_parser_free),
 * or ENOMEM / EINVAL (unknown kind, missing callback). */
enum psirt_err psirt_feed_parser_new(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                                     const char *name, struct psirt_feed_parser **out,
                                     struct psirt_diag *diag);
/* Feeds the next len bytes. A UTF-8 byte order mark at the start is
 * dropped (byte offsets still count it). Errors: EINVAL with the byte offset (diag
 * offset) and the record (diag where: its id, or "record N" before the id
 * is known) for malformed input or a missing required field, ETOOBIG for
 * input beyond the limits above, or the callback's error. After an error
 * the parser only returns it again. */
enum psirt_err psirt_feed_parser_push(struct psirt_feed_parser *p, const void *data, size_t len,
                                      struct psirt_diag *diag);
/* Ends the document: a truncated one is an error (EINVAL). */
enum psirt_err psirt_feed_parser_finish(struct psirt_feed_parser *p, struct psirt_diag *diag);
/* Records handed to the callbacks so far. */
unsigned long long psirt_feed_parser_records(const struct psirt_feed_parser *p);

/* Where a page of a paged API answer sits in the whole answer. The NVD CVE
 * API writes "startIndex", "resultsPerPage" and "totalResults" before the
 * records (MyJVN's status element says the same); formats that are not paged
 * leave every field at -1. */
struct psirt_feed_page {
	long long start_index;      /* 0-based index of the page's first record */
	long long results_per_page;
	long long total_results;    /* records in the whole answer */
};
/* The page facts read so far (valid during and after the parse). */
void psirt_feed_parser_page(const struct psirt_feed_parser *p, struct psirt_feed_page *out);
void psirt_feed_parser_free(struct psirt_feed_parser *p);

/* Parses one whole document in memory: new, push, finish, free. */
enum psirt_err psirt_feed_parse_buffer(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                                       const char *name, const void *data, size_t len,
                                       struct psirt_diag *diag);

/* Counts of an import or a sync. records = added + updated + unchanged +
 * older + withdrawn, over the files (documents) that were imported; a
 * failed file counts only in errors. */
struct psirt_feed_stats {
	unsigned long long files;  /* imported: files, or downloaded documents */
	unsigned long long errors; /* files that failed (and were rolled back);
	                              a sync: 1 when it failed */
	unsigned long long records;
	unsigned long long counts[PSIRT_STORE_OUTCOME__MAX]; /* by outcome */
	unsigned long long bytes; /* of the documents, after decompression */
	unsigned long long requests; /* sync: HTTP requests made, retries included */
	unsigned long long retries;  /* sync: of them, repeats after a failure */
};

/* Progress of a long import or sync, for a front door to draw (the library
 * never prints). Every count is of the whole run so far. */
struct psirt_feed_progress {
	const char *source;                /* "nvd", "kev", ... */
	const char *name;                  /* the file or URL being read; borrowed */
	unsigned long long records;        /* records read */
	unsigned long long records_total;  /* records expected; 0 unknown (the NVD
	                                      API's totalResults gives it) */
	unsigned long long bytes;          /* input read: file bytes (compressed as
	                                      stored) or bytes received */
	unsigned long long bytes_total;    /* input expected: file sizes, or the
	                                      Content-Length; 0 unknown */
	double seconds;                    /* since the run started */
	int done;                          /* 1 on the last call of the run */
};
/* Called at most every PSIRT_FEED_PROGRESS_MS while the run moves, and once
 * more with done set at its end. p is borrowed for the call. */
typedef void psirt_feed_progress_fn(void *ctx, const struct psirt_feed_progress *p);
#define PSIRT_FEED_PROGRESS_MS 200

struct psirt_feed_import_options {
	/* Called for each file that failed, with its diagnostic (file set);
	 * may be NULL. The import goes on with the next file. */
	void (*on_error)(void *ctx, const struct psirt_diag *diag);
	void *ctx;
	/* Progress (may be NULL); called with ctx. */
	psirt_feed_progress_fn *progress;
};

/* Imports each path — a file, or a folder read recursively in name order
 * (files whose names end in .json, .csv, .gz, .xz, .bz2, .zst, .zip, and
 * for JVN .xml and .rdf; dot files skipped) — into store, one transaction per file (a zip
 * is one file: every member a document, OSV's all.zip holding one record
 * per member): a file that fails leaves
 * the store as it was, and the import goes on with the next. Adds to *stats
 * (caller-initialised). Returns PSIRT_OK when every file was imported, else
 * the first failure's code with its diagnostic in diag. opt may be NULL. */
enum psirt_err psirt_feed_import(struct psirt_store *store, enum psirt_feed_kind kind,
                                 const char *const *paths, size_t n_paths,
                                 const struct psirt_feed_import_options *opt,
                                 struct psirt_feed_stats *stats, struct psirt_diag *diag);

/* ---- Sync: downloading the feeds ------------------------------------------
 *
 * `psirt feed sync` fetches each source over HTTP(S) with libcurl and streams
 * every answer straight into the parsers above (through libarchive, so .gz,
 * .xz, .bz2 and .zip answers need no temporary file), writing to the store as
 * records arrive. One sync of one source is one transaction: an HTTP error, a
 * dropped connection or bad data anywhere rolls everything back, and the
 * sync state is not advanced. A request that fails in a way worth repeating
 * (HTTP 403, 429, 502, 503, 504; connection refused, reset or dropped, a
 * time-out) is repeated after a wait, at most `attempts` times; the part of
 * the answer already written is undone first (a savepoint per request).
 *
 * Sources (the table in src/feed/sync.c), in the order of a sync of all:
 *   nvd   NVD CVE API 2.0, paged (resultsPerPage, startIndex). Incremental
 *         from the last sync: windows of lastModStartDate/lastModEndDate of
 *         at most 120 days (the API's limit) up to now; the first sync, or
 *         full, reads everything. API key from PSIRT_NVD_API_KEY, sent as
 *         the apiKey header (never in the URL).
 *   kev   the CISA KEV catalog JSON, whole.
 *   epss  the FIRST EPSS scores CSV, gzip-compressed, whole.
 *   jvn   JVN iPedia through the MyJVN API (https://jvndb.jvn.jp/myjvn):
 *         getVulnOverviewList pages of 50 entries (startItem), each page
 *         followed by getVulnDetailInfo for its entries, 10 ids a request;
 *         so each entry gives two records, the overview and then its detail
 *         (which replaces it: same JVNDB id, a later modified). Incremental
 *         like nvd: windows of the entries' last-update date (JST calendar
 *         days, a year at most each) from the last sync; the first sync or
 *         full reads every entry, which takes hours at the polite 1 s
 *         between requests. The answer's status element gives the total;
 *         an error status (retCd not 0) fails the sync (EINVAL).
 *   osv   OSV's ecosystem zips, BASE/<ecosystem>/all.zip for each
 *         configured ecosystem, all in the one transaction. No windows:
 *         each sync downloads every zip again and the stored records stay
 *         where they are newer (modified ordering): "unchanged".
 * Every URL can be replaced (an air-gapped site's mirror): the option, else
 * the environment variable PSIRT_<SOURCE>_URL, else the public one (for
 * osv the base above the ecosystem folders). http, https and file URLs are
 * accepted; TLS peers are always verified.
 */

/* OSV ecosystems of one sync, at most; names at most this long. */
#define PSIRT_FEED_OSV_MAX_ECOSYSTEMS 64
#define PSIRT_FEED_OSV_MAX_ECOSYSTEM_LEN 128

/* The i-th ecosystem a sync of osv downloads by default, NULL past the
 * last: Debian, Alpine, Linux, PyPI, npm, Go, Maven, crates.io (OSV's
 * names). */
const char *psirt_feed_osv_default_ecosystem(size_t i);

struct psirt_feed_sync_options {
	/* The source's URL (NVD: the API's base, without a query); NULL: the
	 * environment variable, else the default. Borrowed. */
	const char *url;
	/* NVD API key; NULL: PSIRT_NVD_API_KEY, else none. Borrowed. */
	const char *api_key;
	/* Pause between two requests of one run, in ms; -1: the source's
	 * default (NVD asks for 6 s without a key, 0.6 s with one; MyJVN 1 s). */
	long delay_ms;
	/* Tries per request, >= 1. */
	unsigned attempts;
	/* Wait before the first repeat, doubled for each further one, unless
	 * the server says Retry-After; every wait at most max_wait_ms. */
	long backoff_ms;
	long max_wait_ms;
	/* A transfer that receives nothing for this long fails (repeatable). */
	long stall_ms;
	/* PEM file of the certificate authorities to trust instead of the
	 * system's (a private mirror's); NULL: PSIRT_CA_FILE, else the system's. */
	const char *ca_file;
	/* NVD, JVN: read everything, not only what changed since the last
	 * sync. */
	int full;
	/* Records per page: NVD resultsPerPage, at most 2,000; MyJVN
	 * maxCountItem, at most 50 (the APIs' limits; larger values are cut
	 * to them). */
	unsigned page_size;
	/* OSV: the ecosystems whose all.zip to download, OSV's names ("Debian",
	 * "PyPI", "crates.io"), borrowed, at most PSIRT_FEED_OSV_MAX_ECOSYSTEMS;
	 * n_ecosystems 0: the comma-separated list in PSIRT_OSV_ECOSYSTEMS,
	 * else the default (psirt_feed_osv_default_ecosystem). */
	const char *const *ecosystems;
	size_t n_ecosystems;
	/* Called before each repeat: what failed (one line), the attempt about
	 * to be made (2..attempts) and the wait before it. May be NULL. */
	void (*on_retry)(void *ctx, const char *source, const char *url, const char *why,
	                 unsigned attempt, unsigned attempts, long wait_ms);
	psirt_feed_progress_fn *progress; /* may be NULL */
	void *ctx;
};

/* Fills opt with the defaults: URL and key from the environment (at the
 * call), delay -1, 5 attempts, 5 s back-off, 10 min longest wait, 2 min
 * stall, 2,000 per page, no callbacks. */
void psirt_feed_sync_options_init(struct psirt_feed_sync_options *opt);

/* The sources a sync knows, in the order `psirt feed sync` runs them:
 * the name of the i-th, or NULL past the last. */
const char *psirt_feed_sync_source(size_t i);
/* The URL a sync of source would use with opt (opt->url, the environment,
 * the default); NULL for an unknown source. Borrowed (from opt, the
 * environment or a constant). */
const char *psirt_feed_sync_url(const char *source, const struct psirt_feed_sync_options *opt);

/* Syncs one source (a name from psirt_feed_sync_source) into store in one
 * transaction, then notes the sync (last sync = the transaction's clock, so
 * PSIRT_NOW in tests; the next NVD sync starts its window there) and, like
 * an import, the newest record. Adds the run's counts to *stats
 * (caller-initialised); a failed run adds only errors = 1 and its requests.
 * Errors, with the URL as the diag file: EIO (HTTP error answer, connection
 * failure; the message names the status or curl's reason), ENOTFOUND (HTTP
 * 404 or 410, a missing file: URL), EINVAL/ETOOBIG (bad data, as from the
 * parsers; a MyJVN error answer), EUSAGE (unknown source, bad URL or option,
 * an OSV ecosystem name that is empty, longer than
 * PSIRT_FEED_OSV_MAX_ECOSYSTEM_LEN or not printable ASCII), ESTORE, ENOMEM. */
enum psirt_err psirt_feed_sync(struct psirt_store *store, const char *source,
                               const struct psirt_feed_sync_options *opt,
                               struct psirt_feed_stats *stats, struct psirt_diag *diag);

#endif
