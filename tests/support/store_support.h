/* Test support for the store and feed tests: stores, dumps, record digests.
 * Every function fails the running test (cmocka) when it cannot do its job. */
#ifndef PSIRT_TEST_STORE_SUPPORT_H
#define PSIRT_TEST_STORE_SUPPORT_H

#include "psirt/buf.h"
#include "psirt/map.h"
#include "psirt/feed.h"
#include "psirt/store.h"
#include "psirt/vuln.h"

/* The clock every store test runs with (PSIRT_NOW). */
#define TSS_NOW "2026-01-15T09:00:00Z"
#define TSS_NOW_CANON "2026-01-15T09:00:00.000Z"

/* Sets PSIRT_NOW; call first in main(). */
void tss_setup(void);
/* A fresh private in-memory store; close with psirt_store_close(). */
struct psirt_store *tss_store(void);
/* Every row of the store (psirt_store_dump); owned, free with free(). */
char *tss_dump(struct psirt_store *s);
/* Imports fixture files (relative to tests/data) of one kind; returns the
 * import's result, stats added to *st, the first error in d (may be NULL). */
enum psirt_err tss_import(struct psirt_store *s, enum psirt_feed_kind kind, const char *relative,
                          struct psirt_feed_stats *st, struct psirt_diag *d);
/* A fixture's content, decompressed when it is .gz/.xz/.bz2; owned. */
char *tss_read_any(const char *relative, size_t *len);
/* The diagnostic as one line with the tests/data/ prefix of its file cut,
 * so that expectations do not depend on PSIRT_TEST_DATA; owned. */
char *tss_diag_line(const struct psirt_diag *d);
/* A text digest of every field of a record (not imported_at), for
 * comparing records parsed in different ways or read back from the store. */
void tss_describe(struct psirt_buf *b, const struct psirt_vuln_record *r);

/* A new private directory /tmp/psirt-<name>-XXXXXX for a test's store
 * files; owned, removed and freed by tss_tmp_dir_remove(). */
char *tss_tmp_dir(const char *name);
/* Removes dir's files (a store and what WAL mode leaves beside it: no
 * subdirectories), then dir, and frees dir; fails the test when it cannot. */
void tss_tmp_dir_remove(char *dir);

/* The store's file opened with SQLite directly, as tests do to set up what
 * no API writes, with psirt_now() registered (TSS_NOW) as the store
 * registers it: the triggers on a finding's state call it. Close with
 * sqlite3_close(). Fails the test when it cannot open. */
struct sqlite3;
struct sqlite3 *tss_sqlite_open(const char *path);
/* Runs sql on db; fails the test with SQLite's message when it fails. */
void tss_sqlite_exec(struct sqlite3 *db, const char *sql);
/* Column 0 of sql's first row as an integer; fails the test when sql does
 * not prepare or gives no row. */
long long tss_sqlite_int(struct sqlite3 *db, const char *sql);

/* A parser sink that collects the digest (tss_describe) of every record, in
 * order, and the last one by id (owned digests); when fail_id is set, the
 * record with that id is refused with fail_err. Release with
 * tss_collect_release(). */
struct tss_collect {
	struct psirt_buf all;
	struct psirt_map by_id; /* id -> owned digest */
	unsigned long n;
	enum psirt_err fail_err;
	const char *fail_id;
};
#define TSS_COLLECT_INIT { PSIRT_BUF_INIT, PSIRT_MAP_INIT, 0, PSIRT_OK, NULL }
enum psirt_err tss_collect_vuln(void *ctx, const struct psirt_vuln_record *r,
                                struct psirt_diag *d);
void tss_collect_release(struct tss_collect *c);
/* Parses data with a parser of kind into c, pushing chunk bytes at a time
 * (0: all at once); returns the parser's result. */
enum psirt_err tss_parse_chunked(enum psirt_feed_kind kind, struct tss_collect *c,
                                 const char *data, size_t len, size_t chunk, struct psirt_diag *d);

#endif
