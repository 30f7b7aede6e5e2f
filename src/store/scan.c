/* Streaming every record, configuration and package statement to the
 * matcher's index (psirt_store_scan, see psirt/store.h).
 *
 * One pass per table in primary-key order, no joins: the tables are keyed
 * by (record, seq...) and WITHOUT ROWID, so each scan reads its B-tree
 * front to back, and the caller links the streams by key. A join of
 * cpe_match with its node, configuration and record costs three B-tree
 * look-ups a row, about three times the time of the plain scans on the
 * bench (2 M criteria). Packages are the exception: the four package
 * tables are merged here, as every user wants a package whole. */
#include <string.h>

#include "store/internal.h"

struct scan {
	struct psirt_store *s;
	struct psirt_diag *diag;
	enum psirt_err err;
	int scoped; /* only the records in temp.scan_scope */
};

/* The WHERE clause of a scoped scan: a record key among temp.scan_scope's
 * (an IN on the primary key's first column: one B-tree seek per record). */
#define SCOPE_WHERE(col) " WHERE " col " IN (SELECT id FROM temp.scan_scope)"


static sqlite3_stmt *prepare(struct scan *sc, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sc->err)
		return NULL;
	if (sqlite3_prepare_v2(sc->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		sc->err = store__fail(sc->s, sc->diag, "reading the store");
	return st;
}

/* 1 for a row; 0 at the end or on error (noted). */
static int step(struct scan *sc, sqlite3_stmt *st)
{
	int rc;

	if (sc->err || !st)
		return 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		sc->err = store__fail(sc->s, sc->diag, "reading the store");
	return 0;
}

static const char *text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static enum psirt_vuln_op op_of(const char *s)
{
	if (!s)
		return PSIRT_VULN_OP_NONE;
	return !strcmp(s, "AND") ? PSIRT_VULN_OP_AND : PSIRT_VULN_OP_OR;
}

static enum psirt_vuln_source source_of(const char *name)
{
	int i;

	for (i = 0; name && i < PSIRT_VULN_SRC__MAX; i++) {
		if (!strcmp(psirt_vuln_source_name((enum psirt_vuln_source)i), name))
			return (enum psirt_vuln_source)i;
	}
	return PSIRT_VULN_SRC__MAX;
}

static void scan_records(struct scan *sc, const struct psirt_store_scan_sink *sink)
{
	sqlite3_stmt *st = prepare(sc, sc->scoped
	                                   ? "SELECT r.id, r.source, r.record_id, v.name, r.withdrawn"
	                                     " FROM source_record r JOIN vuln v ON v.id = r.vuln_id"
	                                     SCOPE_WHERE("r.id") " ORDER BY r.id"
	                                   : "SELECT r.id, r.source, r.record_id, v.name, r.withdrawn"
	                                     " FROM source_record r JOIN vuln v ON v.id = r.vuln_id"
	                                     " ORDER BY r.id");
	struct psirt_store_scan_record r;

	while (step(sc, st)) {
		r.key = sqlite3_column_int64(st, 0);
		r.source = source_of(text(st, 1));
		r.id = text(st, 2);
		r.vuln = text(st, 3);
		r.withdrawn = sqlite3_column_int(st, 4);
		sc->err = sink->record(sink->ctx, &r, sc->diag);
	}
	sqlite3_finalize(st);
}

static void scan_configs(struct scan *sc, const struct psirt_store_scan_sink *sink)
{
	sqlite3_stmt *st = prepare(sc, sc->scoped ? "SELECT record, seq, operator, negate FROM config"
	                                            SCOPE_WHERE("record") " ORDER BY record, seq"
	                                          : "SELECT record, seq, operator, negate FROM config"
	                                            " ORDER BY record, seq");
	struct psirt_store_scan_config c;

	while (step(sc, st)) {
		c.record = sqlite3_column_int64(st, 0);
		c.seq = sqlite3_column_int(st, 1);
		c.op = op_of(text(st, 2));
		c.negate = sqlite3_column_int(st, 3);
		sc->err = sink->config(sink->ctx, &c, sc->diag);
	}
	sqlite3_finalize(st);
}

static void scan_nodes(struct scan *sc, const struct psirt_store_scan_sink *sink)
{
	sqlite3_stmt *st = prepare(sc, sc->scoped
	                                   ? "SELECT record, config_seq, seq, operator, negate"
	                                     " FROM config_node" SCOPE_WHERE("record")
	                                     " ORDER BY record, config_seq, seq"
	                                   : "SELECT record, config_seq, seq, operator, negate"
	                                     " FROM config_node ORDER BY record, config_seq, seq");
	struct psirt_store_scan_node n;

	while (step(sc, st)) {
		n.record = sqlite3_column_int64(st, 0);
		n.config_seq = sqlite3_column_int(st, 1);
		n.seq = sqlite3_column_int(st, 2);
		n.op = op_of(text(st, 3));
		n.negate = sqlite3_column_int(st, 4);
		sc->err = sink->node(sink->ctx, &n, sc->diag);
	}
	sqlite3_finalize(st);
}

static void scan_matches(struct scan *sc, const struct psirt_store_scan_sink *sink)
{
#define MATCH_COLS                                                                         \
	"SELECT record, config_seq, node_seq, seq, vulnerable, criteria, match_criteria_id,"  \
	" part, vendor, product, version, cpe_update, version_start_including,"               \
	" version_start_excluding, version_end_including, version_end_excluding FROM cpe_match"
	sqlite3_stmt *st = prepare(sc, sc->scoped ? MATCH_COLS SCOPE_WHERE("record")
	                                            " ORDER BY record, config_seq, node_seq, seq"
	                                          : MATCH_COLS
	                                            " ORDER BY record, config_seq, node_seq, seq");
#undef MATCH_COLS
	struct psirt_vuln_cpe_match m;
	struct psirt_store_scan_match row;

	memset(&m, 0, sizeof m);
	row.m = &m;
	while (step(sc, st)) {
		row.record = sqlite3_column_int64(st, 0);
		row.config_seq = sqlite3_column_int(st, 1);
		row.node_seq = sqlite3_column_int(st, 2);
		row.seq = sqlite3_column_int(st, 3);
		m.vulnerable = sqlite3_column_int(st, 4);
		m.criteria = text(st, 5);
		m.match_criteria_id = text(st, 6);
		m.part = text(st, 7);
		m.vendor = text(st, 8);
		m.product = text(st, 9);
		m.version = text(st, 10);
		m.update = text(st, 11);
		m.version_start_including = text(st, 12);
		m.version_start_excluding = text(st, 13);
		m.version_end_including = text(st, 14);
		m.version_end_excluding = text(st, 15);
		sc->err = sink->match(sink->ctx, &row, sc->diag);
	}
	sqlite3_finalize(st);
}

/* A cursor over one of the package child tables: the current row, keyed by
 * its first n integer columns. */
struct cursor {
	sqlite3_stmt *st;
	int has_row, nkey;
	long long key[3];
};

static void cursor_next(struct scan *sc, struct cursor *c)
{
	int i;

	c->has_row = step(sc, c->st);
	for (i = 0; c->has_row && i < c->nkey; i++)
		c->key[i] = sqlite3_column_int64(c->st, i);
}

/* Compares the cursor's key with want[0..n): <0, 0, >0; no row is > all. */
static int cursor_cmp(const struct cursor *c, const long long *want, int n)
{
	int i;

	if (!c->has_row)
		return 1;
	for (i = 0; i < n; i++) {
		if (c->key[i] != want[i])
			return c->key[i] < want[i] ? -1 : 1;
	}
	return 0;
}

/* Moves past rows keyed below want (orphans cannot exist with the foreign
 * keys; skipping them keeps the merge safe all the same). */
static void cursor_seek(struct scan *sc, struct cursor *c, const long long *want, int n)
{
	while (c->has_row && cursor_cmp(c, want, n) < 0)
		cursor_next(sc, c);
}

static char *dup(struct scan *sc, struct psirt_arena *a, sqlite3_stmt *st, int i)
{
	const char *t = text(st, i);
	char *p;

	if (!t || sc->err)
		return NULL;
	p = psirt_arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, i));
	if (!p)
		sc->err = psirt_diag_set(sc->diag, PSIRT_ENOMEM, "out of memory");
	return p;
}

static void *alloc(struct scan *sc, struct psirt_arena *a, size_t size)
{
	void *p;

	if (sc->err)
		return NULL;
	p = psirt_arena_calloc(a, 1, size);
	if (!p)
		sc->err = psirt_diag_set(sc->diag, PSIRT_ENOMEM, "out of memory");
	return p;
}

static void scan_packages(struct scan *sc, const struct psirt_store_scan_sink *sink)
{
	int k = sc->scoped;
	sqlite3_stmt *pst = prepare(sc, k ? "SELECT record, seq, ecosystem, name, purl, data"
	                                    " FROM package" SCOPE_WHERE("record") " ORDER BY record, seq"
	                                  : "SELECT record, seq, ecosystem, name, purl, data"
	                                    " FROM package ORDER BY record, seq");
	struct cursor rc = { prepare(sc, k ? "SELECT record, package_seq, seq, type, repo, data"
	                                     " FROM package_range" SCOPE_WHERE("record")
	                                     " ORDER BY record, package_seq, seq"
	                                   : "SELECT record, package_seq, seq, type, repo, data"
	                                     " FROM package_range ORDER BY record, package_seq, seq"),
		             0, 3, { 0 } };
	struct cursor ec = { prepare(sc, k ? "SELECT record, package_seq, range_seq, seq, kind, value"
	                                     " FROM range_event" SCOPE_WHERE("record")
	                                     " ORDER BY record, package_seq, range_seq, seq"
	                                   : "SELECT record, package_seq, range_seq, seq, kind, value"
	                                     " FROM range_event"
	                                     " ORDER BY record, package_seq, range_seq, seq"),
		             0, 3, { 0 } };
	struct cursor vc = { prepare(sc, k ? "SELECT record, package_seq, seq, version"
	                                     " FROM package_version" SCOPE_WHERE("record")
	                                     " ORDER BY record, package_seq, seq"
	                                   : "SELECT record, package_seq, seq, version"
	                                     " FROM package_version ORDER BY record, package_seq, seq"),
		             0, 2, { 0 } };
	struct psirt_store_scan_package row;
	struct psirt_vuln_package pkg;
	struct psirt_vuln_range *r, **rtail;
	struct psirt_vuln_event *e, **etail;
	struct psirt_vuln_str *v, **vtail;
	struct psirt_arena a;
	long long key[3];

	psirt_arena_init(&a, 0);
	cursor_next(sc, &rc);
	cursor_next(sc, &ec);
	cursor_next(sc, &vc);
	row.p = &pkg;
	while (step(sc, pst)) {
		psirt_arena_release(&a);
		memset(&pkg, 0, sizeof pkg);
		row.record = key[0] = sqlite3_column_int64(pst, 0);
		row.seq = sqlite3_column_int(pst, 1);
		key[1] = row.seq;
		pkg.ecosystem = dup(sc, &a, pst, 2);
		pkg.name = dup(sc, &a, pst, 3);
		pkg.purl = dup(sc, &a, pst, 4);
		pkg.json = dup(sc, &a, pst, 5);
		rtail = &pkg.ranges;
		for (cursor_seek(sc, &rc, key, 2); !sc->err && !cursor_cmp(&rc, key, 2);
		     cursor_next(sc, &rc)) {
			r = alloc(sc, &a, sizeof *r);
			if (!r)
				break;
			r->type = dup(sc, &a, rc.st, 3);
			r->repo = dup(sc, &a, rc.st, 4);
			r->json = dup(sc, &a, rc.st, 5);
			*rtail = r;
			rtail = &r->next;
			key[2] = rc.key[2];
			etail = &r->events;
			for (cursor_seek(sc, &ec, key, 3); !sc->err && !cursor_cmp(&ec, key, 3);
			     cursor_next(sc, &ec)) {
				e = alloc(sc, &a, sizeof *e);
				if (!e)
					break;
				e->kind = dup(sc, &a, ec.st, 4);
				e->value = dup(sc, &a, ec.st, 5);
				*etail = e;
				etail = &e->next;
			}
		}
		vtail = &pkg.versions;
		for (cursor_seek(sc, &vc, key, 2); !sc->err && !cursor_cmp(&vc, key, 2);
		     cursor_next(sc, &vc)) {
			v = alloc(sc, &a, sizeof *v);
			if (!v)
				break;
			v->value = dup(sc, &a, vc.st, 3);
			*vtail = v;
			vtail = &v->next;
		}
		if (!sc->err)
			sc->err = sink->package(sink->ctx, &row, sc->diag);
	}
	psirt_arena_release(&a);
	sqlite3_finalize(pst);
	sqlite3_finalize(rc.st);
	sqlite3_finalize(ec.st);
	sqlite3_finalize(vc.st);
}

static enum psirt_err scan(struct psirt_store *s, const struct psirt_store_scan_sink *sink,
                           int scoped, struct psirt_diag *diag)
{
	struct scan sc = { s, diag, PSIRT_OK, scoped };
	int own_tx = !s->in_tx;

	/* one read transaction: every stream sees the same snapshot, even
	 * while another process imports (WAL) */
	if (own_tx && sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return store__fail(s, diag, "starting to read");
	/* the scope's records, by key (the temp table is the connection's own:
	 * writing it needs no write lock on the store) */
	if (scoped &&
	    sqlite3_exec(s->db,
	                 "CREATE TEMP TABLE IF NOT EXISTS match_scope (vuln TEXT PRIMARY KEY);"
	                 "CREATE TEMP TABLE IF NOT EXISTS scan_scope (id INTEGER PRIMARY KEY);"
	                 "DELETE FROM temp.scan_scope;"
	                 "INSERT OR IGNORE INTO temp.scan_scope SELECT r.id FROM temp.match_scope m"
	                 " JOIN vuln v ON v.name = m.vuln JOIN source_record r ON r.vuln_id = v.id;",
	                 NULL, NULL, NULL) != SQLITE_OK)
		sc.err = store__fail(s, diag, "listing the scope's records");
	if (sink->record)
		scan_records(&sc, sink);
	if (sink->config)
		scan_configs(&sc, sink);
	if (sink->node)
		scan_nodes(&sc, sink);
	if (sink->match)
		scan_matches(&sc, sink);
	if (sink->package)
		scan_packages(&sc, sink);
	if (own_tx)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	return sc.err;
}

enum psirt_err psirt_store_scan(struct psirt_store *s, const struct psirt_store_scan_sink *sink,
                                struct psirt_diag *diag)
{
	return scan(s, sink, 0, diag);
}

enum psirt_err psirt_store_scan_scope(struct psirt_store *s,
                                      const struct psirt_store_scan_sink *sink,
                                      struct psirt_diag *diag)
{
	return scan(s, sink, 1, diag);
}
