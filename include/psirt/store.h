/* psirt — the store: every persisted fact, behind typed functions.
 *
 * SQLite in WAL mode (DESIGN.md "Storage"); all SQL lives in src/store/, so a
 * PostgreSQL backend later is a new file set behind this same header. The
 * schema is built by numbered migrations (src/store/migrations.c, documented
 * in docs/schema.md) that psirt_store_open() applies.
 *
 * A struct psirt_store is one connection: use it from one thread at a time.
 * Several processes may open the same file (WAL: readers do not block the
 * writer; writers wait up to busy_timeout, 5 s, for each other).
 */
#ifndef PSIRT_STORE_H
#define PSIRT_STORE_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/buf.h"
#include "psirt/error.h"
#include "psirt/isotime.h"
#include "psirt/vuln.h"

struct psirt_store;
struct json_t;

enum psirt_store_flags {
	/* Create the file when it does not exist (`psirt init`). Without it a
	 * missing file is PSIRT_ENOTFOUND, so that a mistyped --db is noticed. */
	PSIRT_STORE_CREATE = 1 << 0,
	/* Read through a memory map of the file (the server's connections:
	 * pages of findings read scattered rows of a store far larger than the
	 * page cache). Not for batch runs: mapped pages count in the process's
	 * resident size, and a match run reads the whole store. */
	PSIRT_STORE_MMAP = 1 << 1,
};

/* Opens (or with PSIRT_STORE_CREATE creates) the store at path and brings
 * its schema up to date, each migration in its own transaction. ":memory:"
 * gives a private in-memory store. On success *out is owned: close with
 * psirt_store_close(). Errors: ENOTFOUND (no file, no CREATE), EINVAL (not
 * a psirt store, or a schema newer than this program), ESTORE (SQLite). */
enum psirt_err psirt_store_open(const char *path, unsigned flags, struct psirt_store **out,
                                struct psirt_diag *diag);
/* Opens a second connection to store's file, read-only (every write is
 * ESTORE), for reading in another thread while store is in use (a
 * connection is one thread's at a time). It reads the store as last
 * committed, without what an open transaction of store has written: while
 * store holds a transaction (psirt_store_begin takes the write lock) no
 * other commit comes between, so until store's first write in it both read
 * the same rows. Settings as store's but a small page cache (2 MiB) and
 * no memory map; no migration.
 * *out is owned: close it with psirt_store_close(), before store. Errors:
 * UNSUPPORTED when store has no file (":memory:": read on store itself) or
 * SQLite was built without thread support, ESTORE. */
enum psirt_err psirt_store_open_reader(struct psirt_store *store, struct psirt_store **out,
                                       struct psirt_diag *diag);
/* Finalises every statement and closes the connection; NULL is a no-op. An
 * open transaction is rolled back. */
void psirt_store_close(struct psirt_store *store);

/* The store's change serial as this connection sees it (SQLite's
 * data_version): it changes when another connection or process commits a
 * change, not for this connection's own. A server keeps one connection that
 * never writes to learn with it, cheaply, whether any cached answer may be
 * stale. ESTORE. */
enum psirt_err psirt_store_data_version(struct psirt_store *store, unsigned long long *out,
                                        struct psirt_diag *diag);

/* Schema version of the open store, and the newest this program knows. */
int psirt_store_schema_version(const struct psirt_store *store);
int psirt_store_schema_latest(void);
/* How many migrations psirt_store_open() applied (0: was up to date). */
int psirt_store_migrations_applied(const struct psirt_store *store);

/* Transactions. begin takes the write lock at once (BEGIN IMMEDIATE), so an
 * import never fails half-way on a lock; it also fixes the store's clock
 * (psirt_isotime_now()) for every timestamp written until commit. No
 * nesting: begin inside a transaction is PSIRT_EINTERNAL. rollback is
 * harmless outside a transaction. */
enum psirt_err psirt_store_begin(struct psirt_store *store, struct psirt_diag *diag);
enum psirt_err psirt_store_commit(struct psirt_store *store, struct psirt_diag *diag);
void psirt_store_rollback(struct psirt_store *store);
/* The store's clock: the transaction's time inside one (every timestamp it
 * writes), else now; canonical ISO 8601, valid until the next call. */
const char *psirt_store_now(struct psirt_store *store);
/* As commit, without SQLite's automatic checkpoint at its end: the pages
 * the transaction wrote are in the write-ahead log (committed, visible to
 * every reader, safe from a crash of the program) and reach the store file
 * at psirt_store_checkpoint, the next commit past SQLite's threshold (1,000
 * pages), or the close of the store's last connection. For a transaction
 * whose result someone waits for (psirt match): the checkpoint, which
 * copies those pages into the file and syncs it to disk, then runs after
 * the answer, not before. */
enum psirt_err psirt_store_commit_deferred(struct psirt_store *store, struct psirt_diag *diag);
/* Copies the write-ahead log into the store file and syncs it (SQLite's
 * PASSIVE checkpoint: it never waits; pages a reader still needs stay in
 * the log for later). */
enum psirt_err psirt_store_checkpoint(struct psirt_store *store, struct psirt_diag *diag);

/* What an upsert did. The counts partition the records read. */
enum psirt_store_outcome {
	PSIRT_STORE_ADDED,     /* new */
	PSIRT_STORE_UPDATED,   /* replaced an older version */
	PSIRT_STORE_UNCHANGED, /* the stored version is the same one */
	PSIRT_STORE_OLDER,     /* older than the stored version: ignored */
	PSIRT_STORE_WITHDRAWN, /* added or updated, and now withdrawn/rejected
	                          where it was not before */
	PSIRT_STORE_OUTCOME__MAX
};

/* Stores one source record (borrowed; copied as needed). Ordering is by
 * rec->modified only: newer replaces the record and all its child rows
 * (texts, scores, weaknesses, references, configurations, packages); equal is
 * UNCHANGED, even if the content differs (NVD changes lastModified on every
 * change, so equal means the same version; the first one stored wins); older
 * is ignored. The record joins the vulnerability named by its id or any of
 * its aliases, merging vulnerabilities that its aliases connect. Call inside
 * a transaction for speed; each call is atomic either way. Errors: EINVAL
 * (id or modified missing), ESTORE. */
enum psirt_err psirt_store_vuln_upsert(struct psirt_store *store, const struct psirt_vuln_record *rec,
                                       enum psirt_store_outcome *outcome, struct psirt_diag *diag);

/* Stores a KEV entry (borrowed). Same content: UNCHANGED; otherwise an entry
 * from an older catalog (catalog_date) than the stored one is OLDER, else
 * UPDATED. Entries are never removed by a later catalog. */
enum psirt_err psirt_store_kev_upsert(struct psirt_store *store, const struct psirt_kev_entry *e,
                                      enum psirt_store_outcome *outcome, struct psirt_diag *diag);

/* Stores the current EPSS score of a CVE (borrowed): a newer score_date
 * replaces, an older is OLDER, the same date with the same values is
 * UNCHANGED (with other values: UPDATED, a republished day). */
enum psirt_err psirt_store_epss_upsert(struct psirt_store *store, const struct psirt_epss_score *s,
                                       enum psirt_store_outcome *outcome, struct psirt_diag *diag);

/* Feed sources for psirt_store_feed_*: the record sources plus "kev" and
 * "epss". */
#define PSIRT_STORE_FEEDS { "nvd", "jvn", "osv", "csaf", "kev", "epss" }

/* Notes a successful import of source: last import = the transaction's clock,
 * newest record = the later of the stored one and newest (may be NULL),
 * detail (catalog or model version) = this one's when its newest is not
 * older than the stored (so re-importing an old catalog keeps the version of
 * the newest); NULL keeps the stored one. */
enum psirt_err psirt_store_feed_note_import(struct psirt_store *store, const char *source,
                                            const char *newest, const char *detail,
                                            struct psirt_diag *diag);
/* Notes a successful sync of source: last sync = the transaction's clock
 * (the moment the sync began, so that the next incremental one starts
 * there and misses nothing changed meanwhile). */
enum psirt_err psirt_store_feed_note_sync(struct psirt_store *store, const char *source,
                                          struct psirt_diag *diag);
/* The last sync of source, canonical, into out; "" when never. ESTORE. */
enum psirt_err psirt_store_feed_last_sync(struct psirt_store *store, const char *source,
                                          char out[PSIRT_ISOTIME_LEN + 1],
                                          struct psirt_diag *diag);

/* A savepoint inside the open transaction: a part of it that can be undone
 * alone (a sync's request that is repeated after a dropped connection).
 * One at a time (no nesting); EINTERNAL outside a transaction, ESTORE.
 * release keeps the part's changes in the transaction; rollback undoes them
 * and ends the savepoint. */
enum psirt_err psirt_store_savepoint(struct psirt_store *store, struct psirt_diag *diag);
enum psirt_err psirt_store_savepoint_release(struct psirt_store *store, struct psirt_diag *diag);
void psirt_store_savepoint_rollback(struct psirt_store *store);

struct psirt_store_feed_state {
	const char *source;
	unsigned long long records;   /* source records (nvd…csaf) or entries (kev, epss) */
	unsigned long long withdrawn; /* of them withdrawn/rejected */
	const char *last_import;      /* canonical; NULL: never */
	const char *last_sync;        /* canonical; NULL: never */
	const char *newest_record;    /* newest modified/catalog/score date; NULL: none */
	const char *detail;           /* KEV catalog version, EPSS model version; or NULL */
};

struct psirt_store_feed_status {
	struct psirt_store_feed_state *states; /* one per PSIRT_STORE_FEEDS name, in that order */
	size_t n;
	struct psirt_arena arena; /* owns everything above */
};

/* Returns the per-source state as owned memory: free with
 * psirt_store_feed_status_free(). */
enum psirt_err psirt_store_feed_status(struct psirt_store *store, struct psirt_store_feed_status **out,
                                       struct psirt_diag *diag);
void psirt_store_feed_status_free(struct psirt_store_feed_status *st);

/* The merged view of one vulnerability: every source record joined to it,
 * the KEV and EPSS entries of its CVE ids, and the records of other
 * vulnerabilities that name one of its ids as related (a JVN entry covering
 * several CVEs, a distribution advisory fixing it: DSA, USN, RHSA). */
struct psirt_vuln_view {
	const char *name;               /* canonical: its CVE id when it has one */
	int withdrawn;                  /* it has records and all are withdrawn */
	struct psirt_vuln_str *aliases; /* every id joined to it, sorted, name included */
	struct psirt_vuln_record *records; /* by source, then id */
	size_t n_records;
	struct psirt_kev_entry *kev;
	size_t n_kev;
	struct psirt_epss_score *epss;
	size_t n_epss;
	struct psirt_vuln_record *related_records; /* by source, then id */
	size_t n_related_records;
	struct psirt_arena arena; /* owns everything above */
};

/* Looks up id (any alias: CVE-…, GHSA-…, JVNDB-…; "cve-…" is accepted) and
 * returns the merged view as owned memory (free with psirt_vuln_view_free).
 * A CVE known only to KEV or EPSS, or only as a related id, gives a view
 * without records. Errors: ENOTFOUND (nothing anywhere), ESTORE. */
enum psirt_err psirt_store_vuln_get(struct psirt_store *store, const char *id,
                                    struct psirt_vuln_view **out, struct psirt_diag *diag);
void psirt_vuln_view_free(struct psirt_vuln_view *view);

/* The view as a JSON object (the `psirt vuln show --json` and API shape).
 * Returns a new reference (json_decref), NULL when out of memory. */
struct json_t *psirt_vuln_view_to_json(const struct psirt_vuln_view *view);

/* One change a person made, for the audit log (DESIGN.md: who, when, what,
 * old → new). at NULL means the store's clock. */
struct psirt_audit_entry {
	const char *at;
	const char *actor;     /* required */
	const char *entity;    /* required: "finding", "case", ... */
	const char *entity_id; /* required */
	const char *field;
	const char *old_value;
	const char *new_value;
	const char *comment;
};
enum psirt_err psirt_store_audit_add(struct psirt_store *store, const struct psirt_audit_entry *e,
                                     struct psirt_diag *diag);

/* Appends every row of every table, in key order, as text lines to out: a
 * test and debugging aid to check that a failed import left the store
 * exactly as it was. Not for large stores. */
enum psirt_err psirt_store_dump(struct psirt_store *store, struct psirt_buf *out,
                                struct psirt_diag *diag);

/* ---- Streams for the matcher's index (src/store/scan.c) ---------------- */

/* One source record. key is its row id, by which the rows below name it. */
struct psirt_store_scan_record {
	long long key;
	enum psirt_vuln_source source;
	const char *id;   /* the source's id: CVE-…, JVNDB-…, GHSA-… */
	const char *vuln; /* the name of the vulnerability it is joined to */
	int withdrawn;    /* NVD Rejected, OSV withdrawn */
};

/* An NVD configuration (op NONE when the source gives none: one node). */
struct psirt_store_scan_config {
	long long record;
	int seq;
	enum psirt_vuln_op op;
	int negate;
};

struct psirt_store_scan_node {
	long long record;
	int config_seq, seq;
	enum psirt_vuln_op op;
	int negate;
};

/* A CPE match criterion: m's next is NULL. */
struct psirt_store_scan_match {
	long long record;
	int config_seq, node_seq, seq;
	const struct psirt_vuln_cpe_match *m;
};

/* A package statement with its ranges, their events, and its versions. */
struct psirt_store_scan_package {
	long long record;
	int seq;
	const struct psirt_vuln_package *p;
};

/* Callbacks, each may be NULL to skip its table; ctx is passed to each.
 * Everything a callback receives is borrowed for the call. An error a
 * callback returns (with its diagnostic in diag) stops the scan. */
struct psirt_store_scan_sink {
	enum psirt_err (*record)(void *ctx, const struct psirt_store_scan_record *r,
	                         struct psirt_diag *diag);
	enum psirt_err (*config)(void *ctx, const struct psirt_store_scan_config *c,
	                         struct psirt_diag *diag);
	enum psirt_err (*node)(void *ctx, const struct psirt_store_scan_node *n,
	                       struct psirt_diag *diag);
	enum psirt_err (*match)(void *ctx, const struct psirt_store_scan_match *m,
	                        struct psirt_diag *diag);
	enum psirt_err (*package)(void *ctx, const struct psirt_store_scan_package *p,
	                          struct psirt_diag *diag);
	void *ctx;
};

/* Streams the knowledge base in one read transaction (one snapshot, even
 * while another process imports): every source record in key order, then
 * every configuration, node and CPE match criterion, each stream in key
 * order — (record, config, node, seq) — then every package statement, by
 * (record, seq). Rows of withdrawn records are streamed too (the record
 * stream says which records are withdrawn). Errors: ESTORE, ENOMEM, or a
 * callback's. */
enum psirt_err psirt_store_scan(struct psirt_store *store, const struct psirt_store_scan_sink *sink,
                                struct psirt_diag *diag);
/* As psirt_store_scan, but only the records of the vulnerabilities in the
 * connection's match scope (the temporary table psirt_store_match_changed_vulns
 * fills; an empty scope when it was never filled), and their rows: a feed
 * delta of 1,000 CVEs reads in milliseconds. */
enum psirt_err psirt_store_scan_scope(struct psirt_store *store,
                                      const struct psirt_store_scan_sink *sink,
                                      struct psirt_diag *diag);
/* As psirt_store_scan (scoped 0) or psirt_store_scan_scope (scoped 1), with
 * the SQLite stepping on a second thread (src/store/scan_pipe.c): that
 * thread copies each row into batches (at most 4 alive, ~1 MiB each) and the
 * calling thread calls sink's callbacks with the copies, in the scan's order,
 * so sink sees the same rows as the direct scan and runs on the caller's
 * thread. The connection must not be used by anyone else during the call.
 * The first error of either side stops both and is returned (the scan's
 * diagnostic copied into diag). When no thread can be started, it is the
 * direct scan. */
enum psirt_err psirt_store_scan_piped(struct psirt_store *store, int scoped,
                                      const struct psirt_store_scan_sink *sink,
                                      struct psirt_diag *diag);

#endif
