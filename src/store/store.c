/* The store's connection: open, migrations, transactions, statement cache,
 * feed state, audit log and the test dump (see include/psirt/store.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/internal.h"

/* 'psir': marks a file as a psirt store (PRAGMA application_id), so that
 * psirt refuses to migrate some other program's SQLite database. */
#define STORE_APPLICATION_ID 0x70736972

/* The page cache: 64 MiB holds the hot B-tree pages of a full NVD import
 * (the cpe_match index is the largest); the bench's peak RSS stays far
 * below the 1 GB goal with it. */
#define STORE_CACHE_KIB 65536
/* A reader's (psirt_store_open_reader): its reads are one pass over what
 * they need, which the system's file cache holds; 64 MiB more there only
 * raised the peak RSS of a bulk run, by 100 MB, for no time saved (its
 * triage inputs read alongside the index load: 320,000 vulnerabilities,
 * measured). */
#define STORE_READER_CACHE_KIB 2048
/* How long a writer waits for another one (ms). */
#define STORE_BUSY_TIMEOUT_MS 5000

static const char *const stmt_sql[STMT__MAX] = {
	[STMT_REC_FIND] = "SELECT id, vuln_id, modified, withdrawn FROM source_record"
	                  " WHERE source = ?1 AND record_id = ?2",
	[STMT_REC_INSERT] = "INSERT INTO source_record (source, record_id, vuln_id, modified,"
	                    " published, assigner, status, withdrawn, withdrawn_at, extra_json,"
	                    " imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[STMT_REC_UPDATE] = "UPDATE source_record SET modified = ?2, published = ?3, assigner = ?4,"
	                    " status = ?5, withdrawn = ?6, withdrawn_at = ?7, extra_json = ?8,"
	                    " imported_at = ?9 WHERE id = ?1",
	[STMT_REC_SET_VULN] = "UPDATE source_record SET vuln_id = ?2 WHERE id = ?1",
	[STMT_REC_MOVE] = "UPDATE source_record SET vuln_id = ?2 WHERE vuln_id = ?1",
	[STMT_ALIAS_FIND] = "SELECT vuln_id FROM vuln_alias WHERE name = ?1",
	[STMT_ALIAS_INSERT] = "INSERT OR IGNORE INTO vuln_alias (name, vuln_id) VALUES (?1, ?2)",
	[STMT_ALIAS_MOVE] = "UPDATE vuln_alias SET vuln_id = ?2 WHERE vuln_id = ?1",
	[STMT_VULN_INSERT] = "INSERT INTO vuln (name) VALUES (?1)",
	[STMT_VULN_NAME] = "SELECT name FROM vuln WHERE id = ?1",
	[STMT_VULN_RENAME] = "UPDATE vuln SET name = ?2 WHERE id = ?1",
	[STMT_VULN_DELETE] = "DELETE FROM vuln WHERE id = ?1",
	[STMT_RALIAS_INSERT] = "INSERT INTO record_alias (record, seq, kind, name)"
	                       " VALUES (?1, ?2, ?3, ?4)",
	[STMT_TEXT_INSERT] = "INSERT INTO record_text (record, seq, kind, lang, value)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_SCORE_INSERT] = "INSERT INTO score (record, seq, kind, version, vector, base_score,"
	                      " severity, source, type, data)"
	                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[STMT_WEAK_INSERT] = "INSERT INTO weakness (record, seq, source, type, cwe)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_REF_INSERT] = "INSERT INTO reference (record, seq, url, source, tags)"
	                    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_CONFIG_INSERT] = "INSERT INTO config (record, seq, operator, negate)"
	                       " VALUES (?1, ?2, ?3, ?4)",
	[STMT_NODE_INSERT] = "INSERT INTO config_node (record, config_seq, seq, operator, negate)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_MATCH_INSERT] = "INSERT INTO cpe_match (record, config_seq, node_seq, seq, vulnerable,"
	                      " criteria, match_criteria_id, part, vendor, product, version,"
	                      " cpe_update, version_start_including, version_start_excluding,"
	                      " version_end_including, version_end_excluding, version_text)"
	                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	                      " ?14, ?15, ?16, ?17)",
	[STMT_PKG_INSERT] = "INSERT INTO package (record, seq, ecosystem, name, purl, data,"
	                    " purl_type, purl_namespace, purl_name)"
	                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[STMT_RANGE_INSERT] = "INSERT INTO package_range (record, package_seq, seq, type, repo, data)"
	                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_EVENT_INSERT] = "INSERT INTO range_event (record, package_seq, range_seq, seq, kind,"
	                      " value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_PVER_INSERT] = "INSERT INTO package_version (record, package_seq, seq, version)"
	                     " VALUES (?1, ?2, ?3, ?4)",
	[STMT_DEL_RALIAS] = "DELETE FROM record_alias WHERE record = ?1",
	[STMT_DEL_TEXT] = "DELETE FROM record_text WHERE record = ?1",
	[STMT_DEL_SCORE] = "DELETE FROM score WHERE record = ?1",
	[STMT_DEL_WEAK] = "DELETE FROM weakness WHERE record = ?1",
	[STMT_DEL_REF] = "DELETE FROM reference WHERE record = ?1",
	[STMT_DEL_MATCH] = "DELETE FROM cpe_match WHERE record = ?1",
	[STMT_DEL_NODE] = "DELETE FROM config_node WHERE record = ?1",
	[STMT_DEL_CONFIG] = "DELETE FROM config WHERE record = ?1",
	[STMT_DEL_EVENT] = "DELETE FROM range_event WHERE record = ?1",
	[STMT_DEL_RANGE] = "DELETE FROM package_range WHERE record = ?1",
	[STMT_DEL_PVER] = "DELETE FROM package_version WHERE record = ?1",
	[STMT_DEL_PKG] = "DELETE FROM package WHERE record = ?1",
	[STMT_KEV_FIND] = "SELECT vendor_project, product, name, date_added, short_description,"
	                  " required_action, due_date, ransomware, notes, cwes, catalog_date"
	                  " FROM kev WHERE cve = ?1",
	[STMT_KEV_PUT] = "INSERT OR REPLACE INTO kev (cve, vendor_project, product, name, date_added,"
	                 " short_description, required_action, due_date, ransomware, notes, cwes,"
	                 " catalog_version, catalog_date, imported_at) VALUES (?1, ?2, ?3, ?4, ?5,"
	                 " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[STMT_EPSS_FIND] = "SELECT score, percentile, model_version, score_date FROM epss"
	                   " WHERE cve = ?1",
	[STMT_EPSS_PUT] = "INSERT OR REPLACE INTO epss (cve, score, percentile, model_version,"
	                  " score_date, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_FEED_IMPORT] =
		"INSERT INTO feed_state (source, last_import, newest_record, detail)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (source) DO UPDATE SET"
		" last_import = excluded.last_import,"
		" newest_record = CASE WHEN feed_state.newest_record IS NULL"
		"   OR excluded.newest_record > feed_state.newest_record"
		"   THEN excluded.newest_record ELSE feed_state.newest_record END,"
		" detail = CASE WHEN excluded.newest_record IS NOT NULL"
		"   AND (feed_state.newest_record IS NULL"
		"   OR excluded.newest_record >= feed_state.newest_record)"
		"   THEN COALESCE(excluded.detail, feed_state.detail) ELSE feed_state.detail END",
	[STMT_FEED_SYNC] = "INSERT INTO feed_state (source, last_sync) VALUES (?1, ?2)"
	                   " ON CONFLICT (source) DO UPDATE SET last_sync = excluded.last_sync",
	[STMT_AUDIT_INSERT] = "INSERT INTO audit_log (at, actor, entity, entity_id, field,"
	                      " old_value, new_value, comment)"
	                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
};

enum psirt_err store__fail(struct psirt_store *s, struct psirt_diag *diag, const char *doing)
{
	int code = s && s->db ? sqlite3_extended_errcode(s->db) : SQLITE_ERROR;
	const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(code);

	return psirt_diag_set(diag, PSIRT_ESTORE, "%s: %s (SQLite %d)", doing, msg, code);
}

sqlite3_stmt *store__stmt(struct psirt_store *s, enum store__stmt id, struct psirt_diag *diag)
{
	sqlite3_stmt *st = s->stmts[id];

	if (!st) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st,
		                       NULL) != SQLITE_OK) {
			store__fail(s, diag, "preparing a statement");
			return NULL;
		}
		s->stmts[id] = st;
		return st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

sqlite3_stmt *store__cached(struct psirt_store *s, const char *sql, struct psirt_diag *diag)
{
	sqlite3_stmt *st = psirt_map_get(&s->cached, (const char *)&sql, sizeof sql);

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		store__fail(s, diag, "preparing a statement");
		return NULL;
	}
	if (psirt_map_put(&s->cached, (const char *)&sql, sizeof sql, st, NULL)) {
		sqlite3_finalize(st);
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	return st;
}

enum psirt_err store__step_done(struct psirt_store *s, sqlite3_stmt *st, struct psirt_diag *diag,
                                const char *doing)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		store__fail(s, diag, doing);
		sqlite3_reset(st);
		return PSIRT_ESTORE;
	}
	sqlite3_reset(st);
	return PSIRT_OK;
}

enum psirt_err store__exec(struct psirt_store *s, const char *sql, struct psirt_diag *diag,
                           const char *doing)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store__fail(s, diag, doing);
	return PSIRT_OK;
}

const char *store__now(struct psirt_store *s)
{
	if (!s->in_tx)
		psirt_isotime_now(s->now);
	return s->now;
}

const char *psirt_store_now(struct psirt_store *s)
{
	return store__now(s);
}

void store__json_strings(struct psirt_buf *b, const struct psirt_vuln_str *list)
{
	const unsigned char *p;

	psirt_buf_addch(b, '[');
	for (; list; list = list->next) {
		psirt_buf_addch(b, '"');
		for (p = (const unsigned char *)list->value; *p; p++) {
			if (*p == '"' || *p == '\\') {
				psirt_buf_addch(b, '\\');
				psirt_buf_addch(b, (char)*p);
			} else if (*p < 0x20) {
				psirt_buf_addf(b, "\\u%04x", *p);
			} else {
				psirt_buf_addch(b, (char)*p);
			}
		}
		psirt_buf_addch(b, '"');
		if (list->next)
			psirt_buf_addch(b, ',');
	}
	psirt_buf_addch(b, ']');
}

/* Runs SQL text without results, at open and migration: with SQLite's
 * own message, and EINVAL for a file that is no database (store__exec
 * reports as store__fail does). */
static enum psirt_err exec(struct psirt_store *s, const char *sql, struct psirt_diag *diag,
                           const char *doing)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(s->db);

		psirt_diag_set(diag, code == SQLITE_NOTADB ? PSIRT_EINVAL : PSIRT_ESTORE,
		               "%s: %s", doing, err ? err : sqlite3_errstr(code));
		sqlite3_free(err);
		return diag ? diag->code : PSIRT_ESTORE;
	}
	return PSIRT_OK;
}

/* One integer from a query (0 when it returns no row). */
static enum psirt_err query_int(struct psirt_store *s, const char *sql, long long *out,
                                struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_NOTADB)
			return psirt_diag_set(diag, PSIRT_EINVAL, "not a psirt store: %s",
			                      sqlite3_errmsg(s->db));
		return store__fail(s, diag, "reading the schema");
	}
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store__fail(s, diag, "reading the schema");
	return PSIRT_OK;
}

/* SQL psirt_now(): the store's clock as a canonical instant (store__now:
 * the transaction's, PSIRT_NOW honoured), for the triggers that keep
 * finding_day (migrations.c) — they date a change by it. Registered on each
 * connection at open; not deterministic (the clock moves between
 * transactions), innocuous (no side effect, safe in triggers and views). */
static void sql_now(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct psirt_store *s = sqlite3_user_data(cx);

	(void)argc;
	(void)argv;
	sqlite3_result_text(cx, store__now(s), -1, SQLITE_TRANSIENT);
}

/* SQL psirt_evidence(x): a finding_evidence.evidence as its text. A TEXT
 * (a row written before evidence was packed, or by hand) is returned as it
 * is, a BLOB is unpacked (psirt_evpack_unpack), NULL stays NULL; a BLOB
 * that does not unpack fails the statement with what is wrong with it
 * (the reader then reports a store error, never a wrong text).
 * Deterministic (the same value gives the same text) and innocuous. */
static void sql_evidence(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct psirt_store *s = sqlite3_user_data(cx);
	struct psirt_diag d = PSIRT_DIAG_INIT;
	enum psirt_err err;

	(void)argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	psirt_buf_reset(&s->evtext);
	err = psirt_evpack_unpack(s->evpack, sqlite3_value_blob(argv[0]),
	                          (size_t)sqlite3_value_bytes(argv[0]), &s->evtext, &d);
	if (err == PSIRT_ENOMEM)
		sqlite3_result_error_nomem(cx);
	else if (err)
		sqlite3_result_error(cx, d.message, -1);
	else
		sqlite3_result_text(cx, s->evtext.p, (int)s->evtext.len, SQLITE_TRANSIENT);
	psirt_diag_release(&d);
}

/* The SQL of table's indexes and triggers (not a UNIQUE constraint's index,
 * which has none), in the order they were made, appended to sql as one
 * script, each statement ended by ';'. ESTORE, ENOMEM. */
static enum psirt_err schema_of(struct psirt_store *s, const char *table, struct psirt_buf *sql,
                                struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	enum psirt_err err = PSIRT_OK;
	int rc;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT sql FROM sqlite_schema WHERE tbl_name = ?1 AND"
	                       " type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
	                       -1, &st, NULL) != SQLITE_OK)
		return store__fail(s, diag, "migrating the store");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		psirt_buf_adds(sql, (const char *)sqlite3_column_text(st, 0));
		psirt_buf_add(sql, ";\n", 2);
	}
	if (rc != SQLITE_DONE)
		err = store__fail(s, diag, "migrating the store");
	else if (psirt_buf_error(sql))
		err = psirt_diag_set(diag, psirt_buf_error(sql), "out of memory");
	sqlite3_finalize(st);
	return err;
}

/* After a migration that built a table again: its indexes and triggers as
 * they were (kept), then every foreign key must hold. */
static enum psirt_err rebuilt(struct psirt_store *s, const struct store__migration *m,
                              const char *kept, struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	sqlite3_stmt *st;

	if ((err = exec(s, kept, diag, "migrating the store")))
		return err;
	if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return store__fail(s, diag, "migrating the store");
	switch (sqlite3_step(st)) {
	case SQLITE_DONE:
		break;
	case SQLITE_ROW:
		err = psirt_diag_set(diag, PSIRT_EINVAL,
		                     "migration %d: a row of %s names a missing row of %s after %s"
		                     " was built again",
		                     m->version, (const char *)sqlite3_column_text(st, 0),
		                     (const char *)sqlite3_column_text(st, 2), m->rebuild);
		break;
	default:
		err = store__fail(s, diag, "migrating the store");
	}
	sqlite3_finalize(st);
	return err;
}

static enum psirt_err migrate(struct psirt_store *s, struct psirt_diag *diag)
{
	long long app_id, ntables, version;
	struct psirt_buf kept = PSIRT_BUF_INIT; /* a rebuilt table's indexes and triggers */
	size_t i, j;
	sqlite3_stmt *st;
	enum psirt_err err;
	char now[PSIRT_ISOTIME_LEN + 1];

	if ((err = query_int(s, "PRAGMA application_id", &app_id, diag)))
		return err;
	if ((err = query_int(s, "SELECT count(*) FROM sqlite_master", &ntables, diag)))
		return err;
	if (app_id != STORE_APPLICATION_ID && ntables > 0)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "not a psirt store (an SQLite database of another program)");
	if (ntables == 0) {
		if ((err = exec(s,
		                "BEGIN IMMEDIATE;"
		                "PRAGMA application_id = 1886611826;" /* STORE_APPLICATION_ID */
		                "CREATE TABLE IF NOT EXISTS schema_version (\n"
		                "  version INTEGER PRIMARY KEY,\n"
		                "  name TEXT NOT NULL,\n"
		                "  applied_at TEXT NOT NULL\n"
		                ");"
		                "COMMIT;",
		                diag, "creating the store"))) {
			exec(s, "ROLLBACK", NULL, "");
			return err;
		}
	}
	_Static_assert(STORE_APPLICATION_ID == 1886611826, "application_id literal above");
	if ((err = query_int(s, "SELECT max(version) FROM schema_version", &version, diag)))
		return err;
	if (version > (long long)store__n_migrations)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "the store's schema version %lld is newer than this psirt's (%zu)",
		                      version, store__n_migrations);
	for (i = (size_t)version; i < store__n_migrations; i++) {
		const struct store__migration *m = &store__migrations[i];

		/* only outside a transaction does this pragma take effect */
		if (m->rebuild &&
		    (err = exec(s, "PRAGMA foreign_keys = OFF", diag, "migrating the store")))
			return err;
		if ((err = exec(s, "BEGIN IMMEDIATE", diag, "migrating the store")))
			goto out_keys;
		/* Another process may have migrated between our read and the lock. */
		if ((err = query_int(s, "SELECT max(version) FROM schema_version", &version, diag)))
			goto out_rollback;
		if (version >= m->version)
			goto next;
		if (m->rebuild && (err = schema_of(s, m->rebuild, &kept, diag)))
			goto out_rollback;
		for (j = 0; m->sql[j]; j++) {
			if ((err = exec(s, m->sql[j], diag, "migrating the store")))
				goto out_rollback;
		}
		if (m->rebuild && (err = rebuilt(s, m, kept.p, diag)))
			goto out_rollback;
		psirt_buf_release(&kept);
		if (sqlite3_prepare_v2(s->db,
		                       "INSERT INTO schema_version (version, name, applied_at)"
		                       " VALUES (?1, ?2, ?3)",
		                       -1, &st, NULL) != SQLITE_OK) {
			err = store__fail(s, diag, "migrating the store");
			goto out_rollback;
		}
		psirt_isotime_now(now);
		sqlite3_bind_int(st, 1, m->version);
		sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			err = store__fail(s, diag, "migrating the store");
			sqlite3_finalize(st);
			goto out_rollback;
		}
		sqlite3_finalize(st);
		s->applied++;
next:
		if ((err = exec(s, "COMMIT", diag, "migrating the store")))
			goto out_rollback;
		if (m->rebuild &&
		    (err = exec(s, "PRAGMA foreign_keys = ON", diag, "migrating the store")))
			return err;
	}
	s->version = (int)store__n_migrations;
	return PSIRT_OK;

out_rollback:
	exec(s, "ROLLBACK", NULL, "");
	psirt_buf_release(&kept);
out_keys:
	/* every connection works with foreign keys on (psirt_store_open) */
	exec(s, "PRAGMA foreign_keys = ON", NULL, "");
	return err;
}

/* Opens a connection to path: read-write (migrated to the latest schema),
 * or for a reader (version: its writer's schema version) read-only, with
 * neither the new file's settings nor migrations (it cannot write them). */
static enum psirt_err open_conn(const char *path, unsigned flags, int reader, int version,
                                struct psirt_store **out, struct psirt_diag *diag)
{
	struct psirt_store *s;
	enum psirt_err err;
	int oflags = (reader ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if (flags & PSIRT_STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	s = calloc(1, sizeof *s);
	if (!s)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_buf_init(&s->scratch, 0);
	psirt_buf_init(&s->evpacked, 0);
	psirt_buf_init(&s->evtext, 0);
	psirt_map_init(&s->cached);
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		err = psirt_diag_set(diag, PSIRT_ESTORE, "%s: cannot open: %s", path,
		                     s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto out_close;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
	/* page_size applies to a new file only (before its first table): 8 KiB
	 * pages cut the CPU time of a full NVD import by a sixth against 4 KiB
	 * (fewer pages to write twice, WAL then database), measured with
	 * bench_feed_nvd; 16 KiB gained little more. WAL: readers (the server,
	 * a second CLI) never block the importer;
	 * synchronous=NORMAL is durable across application crashes in WAL mode
	 * and only a power loss may lose the last commits, never corrupt. */
	if (!reader && (err = exec(s, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;", diag,
	                           path)))
		goto out_close;
	if ((err = exec(s,
	                "PRAGMA synchronous = NORMAL;"
	                "PRAGMA foreign_keys = ON;"
	                "PRAGMA temp_store = MEMORY;",
	                diag, path)))
		goto out_close;
	_Static_assert(STORE_CACHE_KIB == 65536, "cache_size literal below");
	_Static_assert(STORE_READER_CACHE_KIB == 2048, "cache_size literal below");
	if ((err = exec(s, reader ? "PRAGMA cache_size = -2048" : "PRAGMA cache_size = -65536", diag,
	                path)))
		goto out_close;
	if (sqlite3_create_function_v2(s->db, "psirt_now", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
	                               sql_now, NULL, NULL, NULL) != SQLITE_OK) {
		err = store__fail(s, diag, "registering psirt_now()");
		goto out_close;
	}
	if ((err = psirt_evpack_new(&s->evpack, diag)))
		goto out_close;
	if (sqlite3_create_function_v2(s->db, "psirt_evidence", 1,
	                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, s,
	                               sql_evidence, NULL, NULL, NULL) != SQLITE_OK) {
		err = store__fail(s, diag, "registering psirt_evidence()");
		goto out_close;
	}
	/* Reads through a memory map of the file (up to 4 GiB), not read(2)
	 * into the page cache then copied: at the design's scale the findings
	 * alone are ~1 GB, far past cache_size, and the server's pages read
	 * them scattered (measured: a random product's page of findings 1,700
	 * → 2,800 requests/s, p99 260 → 35 ms). SQLite caps it at its
	 * compile-time maximum (Debian's: 2 GiB). */
	if ((flags & PSIRT_STORE_MMAP) &&
	    (err = exec(s, "PRAGMA mmap_size = 4294967296", diag, path)))
		goto out_close;
	if (reader)
		s->version = version;
	else if ((err = migrate(s, diag)))
		goto out_close;
	*out = s;
	return PSIRT_OK;

out_close:
	psirt_diag_set_file(diag, path);
	psirt_store_close(s);
	return err;
}

enum psirt_err psirt_store_open(const char *path, unsigned flags, struct psirt_store **out,
                                struct psirt_diag *diag)
{
	*out = NULL;
	if (strcmp(path, ":memory:") && !(flags & PSIRT_STORE_CREATE) && access(path, F_OK) != 0)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "%s: no store here (run 'psirt init')",
		                      path);
	return open_conn(path, flags, 0, 0, out, diag);
}

enum psirt_err psirt_store_open_reader(struct psirt_store *store, struct psirt_store **out,
                                       struct psirt_diag *diag)
{
	/* "" for an in-memory or temporary database: private to store */
	const char *path = sqlite3_db_filename(store->db, "main");

	*out = NULL;
	if (!path || !*path)
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
		                      "a store without a file has no second connection");
	/* two connections in two threads need SQLite's own locks (its
	 * allocator, its shared page-cache memory): built with them or not */
	if (!sqlite3_threadsafe())
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED, "SQLite built without threads");
	return open_conn(path, 0, 1, store->version, out, diag);
}

void psirt_store_close(struct psirt_store *s)
{
	size_t i;
	void *cached;

	if (!s)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(s->stmts[i]);
	for (i = 0; psirt_map_next(&s->cached, &i, NULL, NULL, &cached);)
		sqlite3_finalize(cached);
	psirt_map_release(&s->cached);
	store__caches_release(s);
	if (s->db) {
		if (s->in_tx)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	psirt_buf_release(&s->scratch);
	psirt_buf_release(&s->evpacked);
	psirt_buf_release(&s->evtext);
	psirt_evpack_free(s->evpack);
	free(s);
}

int psirt_store_schema_version(const struct psirt_store *s)
{
	return s->version;
}

int psirt_store_schema_latest(void)
{
	return (int)store__n_migrations;
}

int psirt_store_migrations_applied(const struct psirt_store *s)
{
	return s->applied;
}

enum psirt_err psirt_store_begin(struct psirt_store *s, struct psirt_diag *diag)
{
	enum psirt_err err;

	if (s->in_tx)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "a transaction is already open");
	if ((err = exec(s, "BEGIN IMMEDIATE", diag, "starting a transaction")))
		return err;
	s->in_tx = 1;
	memset(&s->bulk, 0, sizeof s->bulk);
	psirt_isotime_now(s->now);
	return PSIRT_OK;
}

enum psirt_err psirt_store_commit(struct psirt_store *s, struct psirt_diag *diag)
{
	enum psirt_err err;

	if (!s->in_tx)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "no transaction to commit");
	err = exec(s, "COMMIT", diag, "committing");
	if (err) {
		psirt_store_rollback(s);
		return err;
	}
	s->in_tx = 0;
	return PSIRT_OK;
}

/* SQLite's default for wal_autocheckpoint (pages) */
#define STORE_AUTOCHECKPOINT 1000

enum psirt_err psirt_store_commit_deferred(struct psirt_store *s, struct psirt_diag *diag)
{
	enum psirt_err err;

	sqlite3_wal_autocheckpoint(s->db, 0);
	err = psirt_store_commit(s, diag);
	sqlite3_wal_autocheckpoint(s->db, STORE_AUTOCHECKPOINT);
	return err;
}

enum psirt_err psirt_store_checkpoint(struct psirt_store *s, struct psirt_diag *diag)
{
	if (s->in_tx)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "a checkpoint inside a transaction");
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) != SQLITE_OK)
		return store__fail(s, diag, "checkpointing the write-ahead log");
	return PSIRT_OK;
}

void psirt_store_rollback(struct psirt_store *s)
{
	void *cached;

	/* ids of text rows this transaction added must not outlive it; so on
	 * every call, in case a failed statement ended the transaction first */
	store__text_ids_forget(s);
	if (!s->in_tx)
		return;
	/* A failed statement may still hold the transaction: reset them all
	 * first so that ROLLBACK does not meet a busy statement. */
	for (size_t i = 0; i < STMT__MAX; i++) {
		if (s->stmts[i])
			sqlite3_reset(s->stmts[i]);
	}
	for (size_t i = 0; psirt_map_next(&s->cached, &i, NULL, NULL, &cached);)
		sqlite3_reset(cached);
	for (size_t i = 0; psirt_map_next(&s->cached_text, &i, NULL, NULL, &cached);)
		sqlite3_reset(cached);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
	memset(&s->bulk, 0, sizeof s->bulk);
}

enum psirt_err psirt_store_feed_note_import(struct psirt_store *s, const char *source,
                                            const char *newest, const char *detail,
                                            struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__stmt(s, STMT_FEED_IMPORT, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, source);
	store__bind_text(st, 2, store__now(s));
	store__bind_text(st, 3, newest);
	store__bind_text(st, 4, detail);
	return store__step_done(s, st, diag, "noting the import");
}

enum psirt_err psirt_store_feed_note_sync(struct psirt_store *s, const char *source,
                                          struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__stmt(s, STMT_FEED_SYNC, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, source);
	store__bind_text(st, 2, store__now(s));
	return store__step_done(s, st, diag, "noting the sync");
}

enum psirt_err psirt_store_audit_add(struct psirt_store *s, const struct psirt_audit_entry *e,
                                     struct psirt_diag *diag)
{
	sqlite3_stmt *st;

	if (!e->actor || !e->entity || !e->entity_id)
		return psirt_diag_set(diag, PSIRT_EINVAL, "audit entry needs actor, entity and id");
	st = store__stmt(s, STMT_AUDIT_INSERT, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, e->at ? e->at : store__now(s));
	store__bind_text(st, 2, e->actor);
	store__bind_text(st, 3, e->entity);
	store__bind_text(st, 4, e->entity_id);
	store__bind_text(st, 5, e->field);
	store__bind_text(st, 6, e->old_value);
	store__bind_text(st, 7, e->new_value);
	store__bind_text(st, 8, e->comment);
	return store__step_done(s, st, diag, "writing the audit log");
}

static void dump_value(struct psirt_buf *out, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		psirt_buf_adds(out, "NULL");
		break;
	case SQLITE_INTEGER:
		psirt_buf_addf(out, "%lld", (long long)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		psirt_buf_addf(out, "%.17g", sqlite3_column_double(st, i));
		break;
	default:
		psirt_buf_add(out, sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
		break;
	}
}

enum psirt_err psirt_store_dump(struct psirt_store *s, struct psirt_buf *out,
                                struct psirt_diag *diag)
{
	sqlite3_stmt *tables = NULL, *rows = NULL;
	struct psirt_buf sql = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	int rc, i, n;

	if (sqlite3_prepare_v2(s->db,
	                       "SELECT name FROM sqlite_master WHERE type = 'table'"
	                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                       -1, &tables, NULL) != SQLITE_OK)
		return store__fail(s, diag, "dumping");
	while ((rc = sqlite3_step(tables)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);

		psirt_buf_reset(&sql);
		psirt_buf_addf(&sql, "SELECT * FROM \"%s\"", name);
		if (psirt_buf_error(&sql) ||
		    sqlite3_prepare_v2(s->db, sql.p, -1, &rows, NULL) != SQLITE_OK) {
			err = store__fail(s, diag, "dumping");
			goto out_finalize;
		}
		n = sqlite3_column_count(rows);
		while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
			psirt_buf_adds(out, name);
			psirt_buf_addch(out, ':');
			for (i = 0; i < n; i++) {
				psirt_buf_addch(out, i ? '|' : ' ');
				dump_value(out, rows, i);
			}
			psirt_buf_addch(out, '\n');
		}
		sqlite3_finalize(rows);
		rows = NULL;
		if (rc != SQLITE_DONE) {
			err = store__fail(s, diag, "dumping");
			goto out_finalize;
		}
	}
	if (rc != SQLITE_DONE)
		err = store__fail(s, diag, "dumping");
	else if (psirt_buf_error(out))
		err = psirt_diag_set(diag, psirt_buf_error(out), "dumping: %s",
		                     psirt_strerror(psirt_buf_error(out)));

out_finalize:
	sqlite3_finalize(rows);
	sqlite3_finalize(tables);
	psirt_buf_release(&sql);
	return err;
}
