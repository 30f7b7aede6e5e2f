/* Internal interface of the store module (SQLite backend). */
#ifndef PSIRT_STORE_INTERNAL_H
#define PSIRT_STORE_INTERNAL_H

#include <sqlite3.h>
#include <string.h>

#include "psirt/evpack.h"
#include "psirt/findings.h"
#include "psirt/isotime.h"
#include "psirt/map.h"
#include "psirt/store.h"

struct store__migration {
	int version;
	const char *name;
	const char *const *sql; /* statements, NULL-terminated */
	/* a table the statements build again (create its new form, copy, drop
	 * it, rename the new one to its name): they run with foreign keys off
	 * (else dropping it deletes the rows that reference it), its indexes
	 * and triggers are created again after them with the SQL they had, and
	 * the migration fails unless every foreign key holds after; NULL: none */
	const char *rebuild;
};

/* Numbered migrations, version 1, 2, ... in order (migrations.c). */
extern const struct store__migration store__migrations[];
extern const size_t store__n_migrations;

/* Prepared statements, kept for the connection's life (cached: a feed import
 * runs each of them millions of times). */
enum store__stmt {
	STMT_REC_FIND,
	STMT_REC_INSERT,
	STMT_REC_UPDATE,
	STMT_REC_SET_VULN,
	STMT_REC_MOVE,
	STMT_ALIAS_FIND,
	STMT_ALIAS_INSERT,
	STMT_ALIAS_MOVE,
	STMT_VULN_INSERT,
	STMT_VULN_NAME,
	STMT_VULN_RENAME,
	STMT_VULN_DELETE,
	STMT_RALIAS_INSERT,
	STMT_TEXT_INSERT,
	STMT_SCORE_INSERT,
	STMT_WEAK_INSERT,
	STMT_REF_INSERT,
	STMT_CONFIG_INSERT,
	STMT_NODE_INSERT,
	STMT_MATCH_INSERT,
	STMT_PKG_INSERT,
	STMT_RANGE_INSERT,
	STMT_EVENT_INSERT,
	STMT_PVER_INSERT,
	/* deletes of one record's child rows, leaves first */
	STMT_DEL_RALIAS,
	STMT_DEL_TEXT,
	STMT_DEL_SCORE,
	STMT_DEL_WEAK,
	STMT_DEL_REF,
	STMT_DEL_MATCH,
	STMT_DEL_NODE,
	STMT_DEL_CONFIG,
	STMT_DEL_EVENT,
	STMT_DEL_RANGE,
	STMT_DEL_PVER,
	STMT_DEL_PKG,
	STMT_KEV_FIND,
	STMT_KEV_PUT,
	STMT_EPSS_FIND,
	STMT_EPSS_PUT,
	STMT_FEED_IMPORT,
	STMT_FEED_SYNC,
	STMT_AUDIT_INSERT,
	STMT__MAX
};

struct psirt_store {
	sqlite3 *db;
	sqlite3_stmt *stmts[STMT__MAX];
	int version;  /* schema version after migrations */
	int applied;  /* migrations applied at open */
	int in_tx;
	char now[PSIRT_ISOTIME_LEN + 1]; /* the transaction's clock */
	struct psirt_buf scratch;        /* JSON arrays built for one row */
	struct psirt_map cached;         /* store__cached(): SQL text address → statement */
	struct psirt_map cached_text;    /* store__cached_text(): SQL text → statement */
	struct psirt_map totals;         /* store__total_*(): key → struct store__total */
	struct psirt_map text_ids;       /* store__bind_text_id(): text → finding_text id */
	/* a finding's evidence packed or unpacked on this connection (evpack.h):
	 * put_evidence packs into evpacked a text handed over unpacked; SQL
	 * psirt_evidence() unpacks into evtext */
	struct psirt_evpack *evpack;
	struct psirt_buf evpacked, evtext;
	/* a bulk run of findings, from psirt_store_findings_bulk_begin to its
	 * transaction's end: last, the greatest finding id before it (the
	 * run's new findings are those above); days: finding_day's insert
	 * triggers dropped, counted by _bulk_end; rules: whether the product
	 * of version rules_version has a product-wide analysis; newest: the
	 * last finding it inserted; unaudited: new findings above audited
	 * whose audit rows psirt_store_findings_bulk_flush writes; counted:
	 * finding_day holds the new findings up to it */
	struct {
		int on, days, rules;
		long long last, rules_version, newest, audited, counted;
		size_t unaudited;
	} bulk;
};

/* Returns the cached statement id, reset and with bindings cleared, or NULL
 * with the error in diag. */
sqlite3_stmt *store__stmt(struct psirt_store *s, enum store__stmt id, struct psirt_diag *diag);
/* The statement for sql, prepared once per connection and kept until close
 * (for the queries the server runs on every request: preparing costs more
 * than running them). sql must be a string with static storage: its
 * address is the key. Returned reset, bindings cleared; NULL with the
 * error in diag. */
sqlite3_stmt *store__cached(struct psirt_store *s, const char *sql, struct psirt_diag *diag);
/* As store__cached for a text built at run time (len bytes, copied as the
 * key): for queries whose text varies with their filters within a bounded
 * set. Past STORE_MAX_CACHED_TEXT texts the cache is emptied first. */
sqlite3_stmt *store__cached_text(struct psirt_store *s, const char *sql, size_t len,
                                 struct psirt_diag *diag);
#define STORE_MAX_CACHED_TEXT 256

/* The connection's change serial: serial[0] SQLite's data_version (changes
 * when another connection or process commits), serial[1] the changes this
 * connection made. Equal serials: the store's content is the same. */
enum psirt_err store__serial(struct psirt_store *s, unsigned long long serial[2],
                             struct psirt_diag *diag);
/* Counts kept with the serial they were made at (src/store/cache.c): get
 * returns 0 and sets *value when key's entry has serial; put replaces it
 * (best effort: out of memory keeps nothing). Past STORE_MAX_TOTALS keys
 * the cache is emptied first. */
int store__total_get(struct psirt_store *s, const char *key, size_t len,
                     const unsigned long long serial[2], unsigned long long *value);
void store__total_put(struct psirt_store *s, const char *key, size_t len,
                      const unsigned long long serial[2], unsigned long long value);
#define STORE_MAX_TOTALS 1024
/* Frees the caches: statements, totals, text ids (at close). */
void store__caches_release(struct psirt_store *s);


/* A reading pass over the store: the helpers below do nothing once err is
 * set, so a pass checks it once at the end (the first error wins). */
struct store__rd {
	struct psirt_store *s;
	struct psirt_arena *arena; /* where columns and arrays are allocated */
	struct psirt_diag *diag;
	enum psirt_err err;
};
/* Column i of st's row as a NUL-terminated copy in a (NULL for SQL NULL or
 * when *err is set); out of memory sets *err (and diag). */
const char *store__col(sqlite3_stmt *st, int i, struct psirt_arena *a, enum psirt_err *err,
                       struct psirt_diag *diag);
/* store__col with r's arena and error. */
const char *store__rd_col(struct store__rd *r, sqlite3_stmt *st, int i);
/* Steps st: 1 on a row; 0 at the end, or on an error (noted in r, with
 * doing), or when r already holds one or st is NULL. */
int store__rd_row(struct store__rd *r, sqlite3_stmt *st, const char *doing);
/* arr (n items of size bytes, *cap allocated) with room for one more: arr
 * itself, or a copy with twice the room (8 at first) in a (*cap updated);
 * NULL when *err is set, and out of memory sets *err (and diag). */
void *store__grow(struct psirt_arena *a, void *arr, size_t n, size_t *cap, size_t size,
                  enum psirt_err *err, struct psirt_diag *diag);
/* store__grow with r's arena and error. */
void *store__rd_grow(struct store__rd *r, void *arr, size_t n, size_t *cap, size_t size);
/* Steps st (bound by the caller) to its one row and resets it: *v is the
 * row's column 0 as an integer, 0 without a row. No row or an error:
 * ESTORE with doing in diag. st NULL (store__cached failed and said why
 * in diag): ESTORE. */
enum psirt_err store__int(struct psirt_store *s, sqlite3_stmt *st, unsigned long long *v,
                          struct psirt_diag *diag, const char *doing);

/* Records SQLite's error for the connection in diag as ESTORE, with what
 * the store was doing; returns PSIRT_ESTORE. */
enum psirt_err store__fail(struct psirt_store *s, struct psirt_diag *diag, const char *doing);
/* Runs one statement to completion (SQLITE_DONE): ESTORE otherwise. */
enum psirt_err store__step_done(struct psirt_store *s, sqlite3_stmt *st, struct psirt_diag *diag,
                                const char *doing);
/* Runs SQL text without results (sqlite3_exec): ESTORE as store__fail
 * reports it otherwise. */
enum psirt_err store__exec(struct psirt_store *s, const char *sql, struct psirt_diag *diag,
                           const char *doing);
/* The clock for timestamps: the transaction's, or now. */
const char *store__now(struct psirt_store *s);

/* Binds a C string or NULL (as SQL NULL); the text must outlive the step. */
static inline int store__bind_text(sqlite3_stmt *st, int i, const char *v)
{
	return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* A found hash or digest (finding.found_hash, match_version.found_digest:
 * PSIRT_FOUND_DIGEST_BYTES) ------------------------------------------------*/
/* Binds d's bytes (copied), or NULL when d is NULL. */
static inline int store__bind_digest(sqlite3_stmt *st, int i, const unsigned char *d)
{
	return d ? sqlite3_bind_blob(st, i, d, PSIRT_FOUND_DIGEST_BYTES, SQLITE_TRANSIENT)
	         : sqlite3_bind_null(st, i);
}
/* 1 with column i's bytes in d when it is a blob of that size; 0 (d left
 * as it is) for NULL or anything else, which reads as unknown. */
static inline int store__col_digest(sqlite3_stmt *st, int i,
                                    unsigned char d[PSIRT_FOUND_DIGEST_BYTES])
{
	if (sqlite3_column_type(st, i) != SQLITE_BLOB ||
	    sqlite3_column_bytes(st, i) != PSIRT_FOUND_DIGEST_BYTES)
		return 0;
	memcpy(d, sqlite3_column_blob(st, i), PSIRT_FOUND_DIGEST_BYTES);
	return 1;
}

/* The evidence of finding f (a query's alias for finding), kept beside
 * its row (finding_evidence, migration 18): NULL when it has none. Its
 * text, whether stored as text (before the packed form) or packed
 * (psirt_evidence(), store.c; include/psirt/evpack.h). */
#define STORE_EVIDENCE_SQL                                                                    \
	"(SELECT psirt_evidence(evidence) FROM finding_evidence WHERE finding = f.id)"

/* A finding's interned text (finding_text, migration 18: ssvc_inputs_ref,
 * reason_ref, policy_ref), read back as text: NULL for a NULL reference. */
#define STORE_TEXT_SQL(ref) "(SELECT text FROM finding_text WHERE id = " ref ")"

/* Binds parameter i of st to text's id in finding_text (added when new),
 * or NULL for NULL: the id from the connection's cache when it has it
 * (src/store/finding_text.c), else one look-up (and an insert). Texts over
 * STORE_MAX_TEXT_LEN bytes: ETOOBIG. */
enum psirt_err store__bind_text_id(struct psirt_store *s, sqlite3_stmt *st, int i,
                                   const char *text, struct psirt_diag *diag);
#define STORE_MAX_TEXT_LEN ((size_t)1 << 24)
/* Past STORE_MAX_TEXT_IDS texts the cache is emptied first. */
#define STORE_MAX_TEXT_IDS 4096
/* Empties the cache of text ids: on every rollback (the ids of the rows it
 * undid would be given again to other texts) and at close. */
void store__text_ids_forget(struct psirt_store *s);

/* Appends a JSON array of the strings of list to b (escaped per RFC 8259
 * §7); "[]" for an empty list. */
void store__json_strings(struct psirt_buf *b, const struct psirt_vuln_str *list);

/* The search box's statements (search.c), NULL-terminated: the tests read
 * their query plans (index ranges, no scan, no sort). */
extern const char *const store__search_sql[];

#endif
