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
void psirt_feed_parser_free(struct psirt_feed_parser *p);

/* Parses one whole document in memory: new, push, finish, free. */
enum psirt_err psirt_feed_parse_buffer(enum psirt_feed_kind kind, const struct psirt_feed_sink *sink,
                                       const char *name, const void *data, size_t len,
                                       struct psirt_diag *diag);

/* Counts of an import. records = added + updated + unchanged + older +
 * withdrawn, over the files that were imported; a failed file counts only
 * in errors. */
struct psirt_feed_stats {
	unsigned long long files;  /* imported */
	unsigned long long errors; /* files that failed (and were rolled back) */
	unsigned long long records;
	unsigned long long counts[PSIRT_STORE_OUTCOME__MAX]; /* by outcome */
	unsigned long long bytes; /* of the documents, after decompression */
};

struct psirt_feed_import_options {
	/* Called for each file that failed, with its diagnostic (file set);
	 * may be NULL. The import goes on with the next file. */
	void (*on_error)(void *ctx, const struct psirt_diag *diag);
	void *ctx;
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

#endif
