/* Findings' SQL: match runs, the findings themselves, triage decisions and
 * policy versions (include/psirt/findings.h, "Store layer"; docs/schema.md).
 *
 * Statements are prepared per call and finalised before returning, as in
 * portfolio.c: a match run prepares each once for thousands of rows. */
#include <stdlib.h>
#include <string.h>

#include "psirt/findings.h"
#include "psirt/str.h"
#include "store/internal.h"

static sqlite3_stmt *prep(struct store__rd *r, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (r->err)
		return NULL;
	if (sqlite3_prepare_v2(r->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		r->err = store__fail(r->s, r->diag, "preparing a findings statement");
	return st;
}

static void done(struct store__rd *r, sqlite3_stmt *st, const char *doing)
{
	if (r->err || !st)
		return;
	if (sqlite3_step(st) != SQLITE_DONE)
		r->err = store__fail(r->s, r->diag, doing);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static int exists(struct store__rd *r, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = prep(r, sql);
	int found;

	if (!st)
		return 0;
	store__bind_text(st, 1, a);
	store__bind_text(st, 2, b);
	found = store__rd_row(r, st, "looking up a product");
	sqlite3_finalize(st);
	return found;
}

/* Versions ----------------------------------------------------------------*/

enum psirt_err psirt_store_match_versions(struct psirt_store *store, const char *product,
                                          const char *version, struct psirt_arena *arena,
                                          struct psirt_store_match_version **items, size_t *n,
                                          struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	struct psirt_store_match_version *v = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st, *hw;

	*items = NULL;
	*n = 0;
	if (product && !exists(&r, "SELECT 1 FROM product WHERE name = ?1", product, NULL)) {
		if (!r.err)
			r.err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no product '%s'", product);
		return r.err;
	}
	if (product && version &&
	    !exists(&r,
	            "SELECT 1 FROM product_version v JOIN product p ON p.id = v.product"
	            " WHERE p.name = ?1 AND v.version = ?2",
	            product, version)) {
		if (!r.err)
			r.err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no version '%s' of product '%s'",
			                       version, product);
		return r.err;
	}
	st = prep(&r, "SELECT v.id, p.name, v.version, p.cpe, p.id,"
	              " (m.version_id IS NULL OR m.sbom_import IS NOT v.sbom_import"
	              "  OR m.product_updated IS NOT p.updated_at), m.version_id IS NOT NULL,"
	              " m.found_digest"
	              " FROM product_version v JOIN product p ON p.id = v.product"
	              " LEFT JOIN match_version m ON m.version_id = v.id"
	              " WHERE (?1 IS NULL OR p.name = ?1) AND (?2 IS NULL OR v.version = ?2)"
	              " ORDER BY p.name, v.id");
	hw = prep(&r, "SELECT cpe FROM product_hardware WHERE product = ?1 AND cpe IS NOT NULL"
	              " ORDER BY model");
	if (st) {
		store__bind_text(st, 1, product);
		store__bind_text(st, 2, product ? version : NULL);
	}
	while (store__rd_row(&r, st, "listing product versions")) {
		struct psirt_store_match_version *x;
		size_t hcap = 0;

		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		if (!v)
			break;
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->product = store__rd_col(&r, st, 1);
		x->version = store__rd_col(&r, st, 2);
		x->firmware_cpe = store__rd_col(&r, st, 3);
		x->stale = sqlite3_column_int(st, 5);
		x->matched = sqlite3_column_int(st, 6);
		x->has_digest = store__col_digest(st, 7, x->found_digest);
		sqlite3_reset(hw);
		sqlite3_bind_int64(hw, 1, sqlite3_column_int64(st, 4));
		while (store__rd_row(&r, hw, "reading hardware")) {
			x->hardware = store__rd_grow(&r, x->hardware, x->nhardware, &hcap, sizeof *x->hardware);
			if (!x->hardware)
				break;
			x->hardware[x->nhardware++] = store__rd_col(&r, hw, 0);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(hw);
	if (!r.err) {
		*items = v;
		*n = count;
	}
	return r.err;
}

/* A version's components (cand: only those psirt_store_match_candidates
 * chose); prepared once per connection: an incremental run reads a few
 * components of each of 1,000 versions. */
static const char sql_all[] =
	"SELECT seq, name, version, CASE WHEN flags & 2 THEN NULL ELSE purl END,"
	" vcs_commit, vcs_repo FROM component WHERE version_id = ?1 ORDER BY seq";
/* the candidates joined in their order (not seq IN (subquery), which
 * builds a temporary index of the subquery's rows at every call) */
static const char sql_cand[] =
	"SELECT c.seq, c.name, c.version, CASE WHEN c.flags & 2 THEN NULL ELSE c.purl END,"
	" c.vcs_commit, c.vcs_repo FROM temp.match_cand m CROSS JOIN component c"
	" ON c.version_id = m.version_id AND c.seq = m.seq WHERE m.version_id = ?1"
	" ORDER BY m.seq";
static const char sql_cpe_all[] =
	"SELECT component_seq, cpe FROM component_cpe"
	" WHERE version_id = ?1 AND valid = 1 ORDER BY component_seq, seq";
static const char sql_cpe_cand[] =
	"SELECT p.component_seq, p.cpe FROM temp.match_cand m CROSS JOIN component_cpe p"
	" ON p.version_id = m.version_id AND p.component_seq = m.seq"
	" WHERE m.version_id = ?1 AND p.valid = 1 ORDER BY m.seq, p.seq";

static enum psirt_err components(struct psirt_store *store, long long version_id, int cand,
                                 struct psirt_arena *arena,
                                 struct psirt_store_match_component **items, size_t *n,
                                 struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	struct psirt_store_match_component *c = NULL;
	long long *seqs = NULL;
	size_t *ccaps = NULL;
	size_t cap = 0, scap = 0, count = 0, k = 0;
	sqlite3_stmt *st, *cs;

	*items = NULL;
	*n = 0;
	/* a malformed purl (flag 2) is not matched: the matcher would refuse it */
	st = store__cached(store, cand ? sql_cand : sql_all, diag);
	cs = st ? store__cached(store, cand ? sql_cpe_cand : sql_cpe_all, diag) : NULL;
	if (!st || !cs)
		return PSIRT_ESTORE;
	if (st)
		sqlite3_bind_int64(st, 1, version_id);
	if (cs)
		sqlite3_bind_int64(cs, 1, version_id);
	while (store__rd_row(&r, st, "reading components")) {
		size_t sc = scap;

		c = store__rd_grow(&r, c, count, &cap, sizeof *c);
		seqs = store__rd_grow(&r, seqs, count, &sc, sizeof *seqs);
		scap = sc;
		if (!c || !seqs)
			break;
		seqs[count] = sqlite3_column_int64(st, 0);
		c[count].seq = seqs[count];
		c[count].name = store__rd_col(&r, st, 1);
		c[count].version = store__rd_col(&r, st, 2);
		c[count].purl = store__rd_col(&r, st, 3);
		c[count].commit = store__rd_col(&r, st, 4);
		c[count].repo = store__rd_col(&r, st, 5);
		count++;
	}
	if (count) {
		ccaps = psirt_arena_calloc(arena, count, sizeof *ccaps);
		if (!ccaps && !r.err)
			r.err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	while (count && store__rd_row(&r, cs, "reading component CPEs")) {
		long long seq = sqlite3_column_int64(cs, 0);
		struct psirt_store_match_component *x;
		size_t ccap;

		while (k < count && seqs[k] < seq)
			k++;
		if (k == count || seqs[k] != seq)
			continue;
		x = &c[k];
		ccap = ccaps[k];
		x->cpes = store__rd_grow(&r, x->cpes, x->ncpes, &ccap, sizeof *x->cpes);
		if (!x->cpes)
			break;
		ccaps[k] = ccap;
		x->cpes[x->ncpes++] = store__rd_col(&r, cs, 1);
	}
	sqlite3_reset(st);
	sqlite3_reset(cs);
	if (!r.err) {
		*items = c;
		*n = count;
	}
	return r.err;
}

enum psirt_err psirt_store_match_components(struct psirt_store *store, long long version_id,
                                            struct psirt_arena *arena,
                                            struct psirt_store_match_component **items,
                                            size_t *n, struct psirt_diag *diag)
{
	return components(store, version_id, 0, arena, items, n, diag);
}

enum psirt_err psirt_store_match_components_cand(struct psirt_store *store, long long version_id,
                                                 struct psirt_arena *arena,
                                                 struct psirt_store_match_component **items,
                                                 size_t *n, struct psirt_diag *diag)
{
	return components(store, version_id, 1, arena, items, n, diag);
}

/* Changed records ---------------------------------------------------------*/

enum psirt_err psirt_store_match_changed_vulns(struct psirt_store *store,
                                               struct psirt_arena *arena, const char ***names,
                                               size_t *n, struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	const char **v = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;

	*names = NULL;
	*n = 0;
	if ((r.err = store__exec(store,
	                         "CREATE TEMP TABLE IF NOT EXISTS match_scope"
	                         " (vuln TEXT PRIMARY KEY);"
	                         "DELETE FROM temp.match_scope;"
	                         /* records new or changed since last noted, and records gone */
	                         "INSERT OR IGNORE INTO temp.match_scope"
	                         " SELECT v.name FROM match_dirty_record d"
	                         " CROSS JOIN source_record r ON r.id = d.record"
	                         " JOIN vuln v ON v.id = r.vuln_id"
	                         " LEFT JOIN match_record m ON m.record = r.id"
	                         " WHERE m.record IS NULL OR m.modified IS NOT r.modified"
	                         "  OR m.withdrawn IS NOT r.withdrawn;",
	                         diag, "finding changed records")))
		return r.err;
	st = prep(&r, "SELECT vuln FROM temp.match_scope ORDER BY vuln");
	while (store__rd_row(&r, st, "listing changed vulnerabilities")) {
		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		if (!v)
			break;
		v[count++] = store__rd_col(&r, st, 0);
	}
	sqlite3_finalize(st);
	if (!r.err) {
		*names = v;
		*n = count;
	}
	return r.err;
}

enum psirt_err psirt_store_match_note_records(struct psirt_store *store, struct psirt_diag *diag)
{
	return store__exec(store,
	                   /* only the records touched since (migration 7) */
	                   "DELETE FROM match_record WHERE record IN"
	                   " (SELECT record FROM match_dirty_record)"
	                   " AND record NOT IN (SELECT id FROM source_record);"
	                   "INSERT OR REPLACE INTO match_record (record, modified, withdrawn)"
	                   " SELECT r.id, r.modified, r.withdrawn FROM match_dirty_record d"
	                   " CROSS JOIN source_record r ON r.id = d.record"
	                   " LEFT JOIN match_record m ON m.record = r.id"
	                   " WHERE m.record IS NULL OR m.modified IS NOT r.modified"
	                   "  OR m.withdrawn IS NOT r.withdrawn;"
	                   "DELETE FROM match_dirty_record;",
	                   diag, "noting matched records");
}

enum psirt_err psirt_store_match_run_begin(struct psirt_store *store, const char *actor,
                                           const char *kind, long long *run,
                                           struct psirt_diag *diag)
{
	struct store__rd r = { store, NULL, diag, PSIRT_OK };
	sqlite3_stmt *st = prep(&r, "INSERT INTO match_run (at, actor, kind) VALUES (?1, ?2, ?3)");

	if (st) {
		store__bind_text(st, 1, store__now(store));
		store__bind_text(st, 2, actor);
		store__bind_text(st, 3, kind);
		done(&r, st, "starting a match run");
		sqlite3_finalize(st);
	}
	*run = r.err ? 0 : sqlite3_last_insert_rowid(store->db);
	return r.err;
}

enum psirt_err psirt_store_match_run_end(struct psirt_store *store, long long run,
                                         size_t versions, size_t vulns, struct psirt_diag *diag)
{
	struct store__rd r = { store, NULL, diag, PSIRT_OK };
	sqlite3_stmt *st = prep(&r, "UPDATE match_run SET versions = ?2, vulns = ?3 WHERE id = ?1");

	if (st) {
		sqlite3_bind_int64(st, 1, run);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)versions);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)vulns);
		done(&r, st, "ending a match run");
		sqlite3_finalize(st);
	}
	return r.err;
}

enum psirt_err psirt_store_records_generation(struct psirt_store *store,
                                              unsigned long long *n, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT n FROM record_generation WHERE id = 1";

	return store__int(store, store__cached(store, sql, diag), n, diag,
	                  "reading the records' generation");
}

enum psirt_err psirt_store_matched_versions(struct psirt_store *store, size_t *n,
                                            struct psirt_diag *diag)
{
	static const char sql[] = "SELECT count(*) FROM match_version";
	unsigned long long v;
	enum psirt_err err = store__int(store, store__cached(store, sql, diag), &v, diag,
	                                "counting matched versions");

	*n = (size_t)v;
	return err;
}

enum psirt_err psirt_store_match_version_note(struct psirt_store *store, long long version_id,
                                              long long run, const unsigned char *digest,
                                              struct psirt_diag *diag)
{
	static const char sql[] = "INSERT OR REPLACE INTO match_version"
	                          " (version_id, run, sbom_import, product_updated, found_digest)"
	                          " SELECT v.id, ?2, v.sbom_import, p.updated_at, ?3"
	                          " FROM product_version v JOIN product p ON p.id = v.product"
	                          " WHERE v.id = ?1";
	sqlite3_stmt *st = store__cached(store, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, version_id);
	sqlite3_bind_int64(st, 2, run);
	store__bind_digest(st, 3, digest);
	return store__step_done(store, st, diag, "noting a matched version");
}

enum psirt_err psirt_store_match_version_forget(struct psirt_store *store, long long version_id,
                                                struct psirt_diag *diag)
{
	static const char sql[] = "UPDATE match_version SET found_digest = NULL"
	                          " WHERE version_id = ?1 AND found_digest IS NOT NULL";
	sqlite3_stmt *st = store__cached(store, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, version_id);
	return store__step_done(store, st, diag, "forgetting a version's digest");
}

/* Findings ----------------------------------------------------------------*/

static enum psirt_err audit(struct psirt_store *store, long long id, const char *field,
                            const char *old_value, const char *new_value, const char *actor,
                            const char *comment, struct psirt_diag *diag)
{
	char ids[32];
	struct psirt_audit_entry e = { NULL, actor, "finding", ids, field, old_value, new_value,
		                       comment };
	struct psirt_buf b;
	enum psirt_err err;

	psirt_buf_init(&b, 0);
	psirt_buf_addf(&b, "%lld", id);
	if (psirt_buf_error(&b) || b.len >= sizeof ids) {
		psirt_buf_release(&b);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	memcpy(ids, b.p, b.len + 1);
	psirt_buf_release(&b);
	err = psirt_store_audit_add(store, &e, diag);
	return err;
}

enum psirt_err psirt_store_finding_set(struct psirt_store *store, long long id, const char *state,
                                       const char *justification, const char *comment,
                                       int scope_product, const char *actor, size_t *changed,
                                       struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct store__rd r = { store, &arena, diag, PSIRT_OK };
	sqlite3_stmt *st, *up;
	struct tgt {
		long long id;
		const char *state, *justification;
	} *t = NULL;
	size_t cap = 0, n = 0, i, count = 0;
	int closed = !strcmp(state, "fixed") || !strcmp(state, "false_positive") ||
	             !strcmp(state, "withdrawn") || !strcmp(state, "not_affected");

	psirt_arena_init(&arena, 0);
	st = prep(&r, scope_product
	                  ? "SELECT g.id, g.state, g.justification FROM finding f"
	                    " JOIN product_version fv ON fv.id = f.version_id"
	                    " JOIN product_version gv ON gv.product = fv.product"
	                    " JOIN finding g ON g.version_id = gv.id AND g.vuln = f.vuln"
	                    "  AND g.component = f.component"
	                    " WHERE f.id = ?1 ORDER BY g.id"
	                  : "SELECT id, state, justification FROM finding WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(&r, st, "reading findings")) {
		t = store__rd_grow(&r, t, n, &cap, sizeof *t);
		if (!t)
			break;
		t[n].id = sqlite3_column_int64(st, 0);
		t[n].state = store__rd_col(&r, st, 1);
		t[n].justification = store__rd_col(&r, st, 2);
		n++;
	}
	sqlite3_finalize(st);
	if (!r.err && !n)
		r.err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no finding %lld", id);
	up = prep(&r, "UPDATE finding SET state = ?2, justification = ?3,"
	              " comment = coalesce(?4, comment), closed_at = ?5 WHERE id = ?1");
	for (i = 0; !r.err && i < n; i++) {
		int same_state = !strcmp(t[i].state, state);
		int same_just = (!justification && !t[i].justification) ||
		                (justification && t[i].justification &&
		                 !strcmp(justification, t[i].justification));

		if (same_state && same_just && !comment)
			continue;
		sqlite3_bind_int64(up, 1, t[i].id);
		store__bind_text(up, 2, state);
		store__bind_text(up, 3, justification);
		store__bind_text(up, 4, comment);
		store__bind_text(up, 5, closed ? store__now(store) : NULL);
		done(&r, up, "setting a finding's state");
		if (!r.err && (!same_state || comment))
			r.err = audit(store, t[i].id, "state", t[i].state, state, actor, comment, diag);
		if (!r.err && !same_just)
			r.err = audit(store, t[i].id, "justification", t[i].justification,
			              justification, actor, comment, diag);
		count++;
	}
	sqlite3_finalize(up);
	/* the product-wide analysis: a rule for the versions psirt match adds
	 * later (findings_incr.c, carry) — the states an analyst keeps; another
	 * state set product-wide ends the rule */
	if (!r.err && scope_product) {
		int rule = !strcmp(state, "affected") || !strcmp(state, "not_affected") ||
		           !strcmp(state, "false_positive");

		st = prep(&r, rule ? "INSERT OR REPLACE INTO product_analysis (product, component, vuln,"
		                     " state, justification, comment, actor, at, finding)"
		                     " SELECT v.product, f.component, f.vuln, ?2, ?3,"
		                     " coalesce(?4, f.comment), ?5, ?6, f.id FROM finding f"
		                     " JOIN product_version v ON v.id = f.version_id WHERE f.id = ?1"
		                   : "DELETE FROM product_analysis WHERE (product, component, vuln) ="
		                     " (SELECT v.product, f.component, f.vuln FROM finding f"
		                     " JOIN product_version v ON v.id = f.version_id WHERE f.id = ?1)");
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			if (rule) {
				store__bind_text(st, 2, state);
				store__bind_text(st, 3, justification);
				store__bind_text(st, 4, comment);
				store__bind_text(st, 5, actor);
				store__bind_text(st, 6, store__now(store));
			}
			done(&r, st, "storing a product-wide analysis");
			sqlite3_finalize(st);
		}
	}
	psirt_arena_release(&arena);
	if (changed)
		*changed = count;
	return r.err;
}

/* Triage ------------------------------------------------------------------*/

/* The preferred CVSS vector of each vulnerability in temp.triage_vuln into
 * temp.triage_cvss: NVD's primary score first, v3.1, v3.0, v4.0, v2; the
 * vulnerabilities in name order (an inner DISTINCT over the findings read
 * them in finding order, scattered over vuln and score: 1.9 s against
 * 0.8 s for 420,000 findings). */
static const char sql_triage_cvss[] =
	"INSERT INTO temp.triage_cvss SELECT name, vector FROM"
	" (SELECT vv.name AS name, s.vector AS vector, row_number() OVER"
	"  (PARTITION BY vv.name ORDER BY (s.type IS NOT 'Primary'),"
	"   CASE s.version WHEN '3.1' THEN 0 WHEN '3.0' THEN 1 WHEN '4.0' THEN 2"
	"   ELSE 3 END, sr.source, s.seq, s.record) AS rn"
	"  FROM temp.triage_vuln q"
	"  CROSS JOIN vuln vv ON vv.name = q.name"
	"  CROSS JOIN source_record sr ON sr.vuln_id = vv.id"
	"  CROSS JOIN score s ON s.record = sr.id"
	"  WHERE s.vector IS NOT NULL AND sr.withdrawn = 0)"
	" WHERE rn = 1";

static const char sql_triage_temp[] =
	"CREATE TEMP TABLE IF NOT EXISTS triage_sel (id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS triage_cvss (vuln TEXT PRIMARY KEY,"
	" vector TEXT) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS triage_vuln (name TEXT PRIMARY KEY) WITHOUT ROWID;"
	"DELETE FROM temp.triage_sel; DELETE FROM temp.triage_cvss;"
	" DELETE FROM temp.triage_vuln;";

enum psirt_err psirt_store_triage_select(struct psirt_store *store,
                                         enum psirt_store_triage_scope scope,
                                         struct psirt_diag *diag)
{
	/* the open findings to triage: every one (but those a bulk run decided
	 * as it wrote them: above the last finding before it, and with a
	 * decision — only those are written with one, triage has not run
	 * yet), or those the change marks name (migration 7: their
	 * vulnerability, version or themselves) */
	static const char *const select[] = {
		[PSIRT_STORE_TRIAGE_EVERY] = "INSERT INTO temp.triage_sel SELECT id FROM finding"
		                             " WHERE state IN ('in_triage', 'affected')",
		[PSIRT_STORE_TRIAGE_MARKED] =
			"INSERT OR IGNORE INTO temp.triage_sel"
			" SELECT f.id FROM triage_dirty_vuln d CROSS JOIN finding f"
			" ON f.vuln = d.name WHERE f.state IN ('in_triage', 'affected')"
			" UNION ALL SELECT f.id FROM triage_dirty_version d CROSS JOIN finding f"
			" ON f.version_id = d.id WHERE f.state IN ('in_triage', 'affected')"
			" UNION ALL SELECT f.id FROM triage_dirty_finding d CROSS JOIN finding f"
			" ON f.id = d.id WHERE f.state IN ('in_triage', 'affected')",
		[PSIRT_STORE_TRIAGE_UNDECIDED] =
			"INSERT INTO temp.triage_sel SELECT id FROM finding"
			" WHERE state IN ('in_triage', 'affected')"
			" AND (id <= ?1 OR priority IS NULL)",
	};
	sqlite3_stmt *st = NULL;
	int ok;

	if ((unsigned)scope > PSIRT_STORE_TRIAGE_UNDECIDED)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown triage scope");
	if (scope == PSIRT_STORE_TRIAGE_UNDECIDED && !store->bulk.on)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "no bulk run to triage the undecided of");
	ok = sqlite3_exec(store->db, sql_triage_temp, NULL, NULL, NULL) == SQLITE_OK &&
	     sqlite3_prepare_v2(store->db, select[scope], -1, &st, NULL) == SQLITE_OK;
	if (ok && scope == PSIRT_STORE_TRIAGE_UNDECIDED)
		sqlite3_bind_int64(st, 1, store->bulk.last);
	ok = ok && sqlite3_step(st) == SQLITE_DONE;
	sqlite3_finalize(st);
	if (!ok ||
	    sqlite3_exec(store->db,
	                 "INSERT OR IGNORE INTO temp.triage_vuln SELECT f.vuln"
	                 " FROM temp.triage_sel t CROSS JOIN finding f ON f.id = t.id",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(store->db, sql_triage_cvss, NULL, NULL, NULL) != SQLITE_OK)
		return store__fail(store, diag, "choosing the findings to triage");
	return PSIRT_OK;
}

/* What triage reads of a version's product and of a vulnerability, the
 * same in the rows of open findings and in the inputs a bulk run reads
 * before writing findings: the product's columns (p, v: product and
 * version), the vulnerability's (k, e, c joined by TRIAGE_VULN_JOINS on a
 * vulnerability name). */
#define TRIAGE_PRODUCT_SQL                                                                   \
	" p.safety, p.exposure, p.weight, coalesce(v.units, -1),"                               \
	" (SELECT count(*) FROM product_regime pr WHERE pr.product = p.id)"
#define TRIAGE_VULN_SQL " k.date_added, coalesce(e.score, -1), c.vector"
#define TRIAGE_VULN_JOINS(name)                                                              \
	" LEFT JOIN kev k ON k.cve = " name " LEFT JOIN epss e ON e.cve = " name                \
	" LEFT JOIN temp.triage_cvss c ON c.vuln = " name

/* TRIAGE_PRODUCT_SQL's columns from column i on into x. */
static void triage_product_cols(struct store__rd *r, sqlite3_stmt *st, int i,
                                struct psirt_store_triage_row *x)
{
	x->safety = store__rd_col(r, st, i);
	x->exposure = store__rd_col(r, st, i + 1);
	x->weight = store__rd_col(r, st, i + 2);
	x->units = sqlite3_column_int64(st, i + 3);
	x->regimes = sqlite3_column_int(st, i + 4);
}

/* TRIAGE_VULN_SQL's columns from column i on. */
static void triage_vuln_cols(struct store__rd *r, sqlite3_stmt *st, int i, const char **kev_date,
                             double *epss, const char **cvss)
{
	*kev_date = store__rd_col(r, st, i);
	*epss = sqlite3_column_double(st, i + 1);
	*cvss = store__rd_col(r, st, i + 2);
}

/* names[0..n) that name a vulnerability into temp.triage_vuln (emptied
 * by sql_triage_temp before). */
static int triage_vulns_named(struct psirt_store *store, const char *const *names, size_t n)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(store->db,
	                       "INSERT OR IGNORE INTO temp.triage_vuln"
	                       " SELECT name FROM vuln WHERE name = ?1",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	for (i = 0; rc == SQLITE_DONE && i < n; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE;
}

enum psirt_err psirt_store_triage_vulns(struct psirt_store *store, const char *const *names,
                                        size_t nnames, struct psirt_arena *arena,
                                        struct psirt_store_triage_vuln **items, size_t *n,
                                        struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	struct psirt_store_triage_vuln *v = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;

	*items = NULL;
	*n = 0;
	if (sqlite3_exec(store->db, sql_triage_temp, NULL, NULL, NULL) != SQLITE_OK ||
	    !(names ? triage_vulns_named(store, names, nnames)
	            : sqlite3_exec(store->db, "INSERT INTO temp.triage_vuln SELECT name FROM vuln",
	                           NULL, NULL, NULL) == SQLITE_OK) ||
	    sqlite3_exec(store->db, sql_triage_cvss, NULL, NULL, NULL) != SQLITE_OK)
		return store__fail(store, diag, "reading the vulnerabilities' triage inputs");
	st = prep(&r, "SELECT q.name," TRIAGE_VULN_SQL " FROM temp.triage_vuln q"
	              TRIAGE_VULN_JOINS("q.name") " ORDER BY q.name");
	while (store__rd_row(&r, st, "reading the vulnerabilities' triage inputs")) {
		struct psirt_store_triage_vuln *x;

		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		if (!v)
			break;
		x = &v[count++];
		x->name = store__rd_col(&r, st, 0);
		triage_vuln_cols(&r, st, 1, &x->kev_date, &x->epss, &x->cvss);
	}
	sqlite3_finalize(st);
	if (!r.err) {
		*items = v;
		*n = count;
	}
	return r.err;
}

enum psirt_err psirt_store_triage_version(struct psirt_store *store, long long version_id,
                                          struct psirt_arena *arena,
                                          struct psirt_store_triage_row *x,
                                          struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = store__cached(
		store,
		"SELECT" TRIAGE_PRODUCT_SQL
		" FROM product_version v JOIN product p ON p.id = v.product WHERE v.id = ?1",
		diag);

	memset(x, 0, sizeof *x);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, version_id);
	if (store__rd_row(&r, st, "reading a version's triage inputs"))
		triage_product_cols(&r, st, 0, x);
	else if (!r.err)
		r.err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no version %lld", version_id);
	sqlite3_reset(st);
	return r.err;
}

static const char sql_triage_rows[] =
	"SELECT f.id, f.vuln," TRIAGE_PRODUCT_SQL "," TRIAGE_VULN_SQL ","
	" f.first_seen, coalesce(f.priority, 0), f.deadline, f.response_class, "
	STORE_TEXT_SQL("f.reason_ref") ", f.ssvc, " STORE_TEXT_SQL("f.policy_ref") ", "
	STORE_TEXT_SQL("f.ssvc_inputs_ref")
	" FROM temp.triage_sel t CROSS JOIN finding f ON f.id = t.id"
	" JOIN product_version v ON v.id = f.version_id"
	" JOIN product p ON p.id = v.product" TRIAGE_VULN_JOINS("f.vuln")
	" WHERE t.id > ?1 ORDER BY t.id LIMIT ?2";

enum psirt_err psirt_store_triage_rows(struct psirt_store *store, long long after, size_t limit,
                                       struct psirt_arena *arena,
                                       struct psirt_store_triage_row **items, size_t *n,
                                       struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	struct psirt_store_triage_row *v = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;

	*items = NULL;
	*n = 0;
	st = store__cached(store, sql_triage_rows, diag);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	while (store__rd_row(&r, st, "reading open findings")) {
		struct psirt_store_triage_row *x;

		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		if (!v)
			break;
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->vuln = store__rd_col(&r, st, 1);
		triage_product_cols(&r, st, 2, x);
		triage_vuln_cols(&r, st, 7, &x->kev_date, &x->epss, &x->cvss);
		x->first_seen = store__rd_col(&r, st, 10);
		x->priority = sqlite3_column_int(st, 11);
		x->deadline = store__rd_col(&r, st, 12);
		x->response_class = store__rd_col(&r, st, 13);
		x->reason = store__rd_col(&r, st, 14);
		x->ssvc = store__rd_col(&r, st, 15);
		x->policy = store__rd_col(&r, st, 16);
		x->ssvc_inputs = store__rd_col(&r, st, 17);
	}
	sqlite3_reset(st);
	if (!r.err) {
		*items = v;
		*n = count;
	}
	return r.err;
}

enum psirt_err psirt_store_triage_save(struct psirt_store *store, long long id,
                                       const struct psirt_store_triage_decision *d,
                                       struct psirt_diag *diag)
{
	static const char sql[] = "UPDATE finding SET ssvc = ?2, ssvc_inputs_ref = ?3, priority = ?4,"
	                          " deadline = ?5, response_class = ?6, reason_ref = ?7,"
	                          " policy_ref = ?8, kev = ?9 WHERE id = ?1";
	sqlite3_stmt *st = store__cached(store, sql, diag);
	enum psirt_err err;

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, d->ssvc);
	sqlite3_bind_int(st, 4, d->priority);
	store__bind_text(st, 5, d->deadline);
	store__bind_text(st, 6, d->response_class);
	sqlite3_bind_int(st, 9, d->kev);
	err = store__bind_text_id(store, st, 3, d->ssvc_inputs, diag);
	if (!err)
		err = store__bind_text_id(store, st, 7, d->reason, diag);
	if (!err)
		err = store__bind_text_id(store, st, 8, d->policy, diag);
	return err ? err : store__step_done(store, st, diag, "saving a triage decision");
}

/* Policies ----------------------------------------------------------------*/

enum psirt_err psirt_store_policy_add(struct psirt_store *store, const char *name,
                                      const char *fingerprint, const char *file_name,
                                      const char *text, const char *actor,
                                      struct psirt_diag *diag)
{
	struct store__rd r = { store, NULL, diag, PSIRT_OK };
	sqlite3_stmt *st = prep(&r, "INSERT INTO policy (at, actor, name, fingerprint, file_name,"
	                            " text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

	if (st) {
		store__bind_text(st, 1, store__now(store));
		store__bind_text(st, 2, actor);
		store__bind_text(st, 3, name);
		store__bind_text(st, 4, fingerprint);
		store__bind_text(st, 5, file_name);
		store__bind_text(st, 6, text);
		done(&r, st, "storing a policy");
		sqlite3_finalize(st);
	}
	return r.err;
}

enum psirt_err psirt_store_policies(struct psirt_store *store, int current,
                                    struct psirt_arena *arena,
                                    struct psirt_policy_version **items, size_t *n,
                                    struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	struct psirt_policy_version *v = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;

	*items = NULL;
	*n = 0;
	st = prep(&r, current ? "SELECT id, at, actor, name, fingerprint, file_name, text"
	                        " FROM policy ORDER BY id DESC LIMIT 1"
	                      : "SELECT id, at, actor, name, fingerprint, file_name, text"
	                        " FROM policy ORDER BY id");
	while (store__rd_row(&r, st, "reading policies")) {
		struct psirt_policy_version *x;

		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		if (!v)
			break;
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->at = store__rd_col(&r, st, 1);
		x->actor = store__rd_col(&r, st, 2);
		x->name = store__rd_col(&r, st, 3);
		x->fingerprint = store__rd_col(&r, st, 4);
		x->file_name = store__rd_col(&r, st, 5);
		x->text = store__rd_col(&r, st, 6);
	}
	sqlite3_finalize(st);
	if (!r.err) {
		*items = v;
		*n = count;
	}
	return r.err;
}

/* Listing -----------------------------------------------------------------*/

enum psirt_err psirt_store_findings_list(struct psirt_store *store,
                                         const struct psirt_findings_filter *f,
                                         struct psirt_arena *arena, struct psirt_finding **items,
                                         size_t *n, struct psirt_diag *diag)
{
	struct psirt_findings_query q;

	/* every match, in the page query's priority order (one reader of
	 * findings' rows: findings_page.c) */
	memset(&q, 0, sizeof q);
	q.product = f->product;
	q.version = f->version;
	q.state = f->state;
	q.vuln = f->vuln;
	q.kev = f->kev;
	q.id = f->id;
	q.sort = PSIRT_FINDINGS_BY_PRIORITY;
	return psirt_store_findings_page(store, &q, arena, items, n, NULL, diag);
}

enum psirt_err psirt_store_finding_history(struct psirt_store *store, long long id,
                                           struct psirt_arena *arena,
                                           struct psirt_audit_entry **items, size_t *n,
                                           struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	struct psirt_audit_entry *v = NULL;
	size_t cap = 0, count = 0;
	sqlite3_stmt *st;

	*items = NULL;
	*n = 0;
	st = prep(&r, "SELECT at, actor, entity, entity_id, field, old_value, new_value, comment"
	              " FROM audit_log WHERE entity = 'finding' AND entity_id = CAST(?1 AS TEXT)"
	              " ORDER BY id");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	while (store__rd_row(&r, st, "reading a finding's history")) {
		struct psirt_audit_entry *x;

		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		if (!v)
			break;
		x = &v[count++];
		x->at = store__rd_col(&r, st, 0);
		x->actor = store__rd_col(&r, st, 1);
		x->entity = store__rd_col(&r, st, 2);
		x->entity_id = store__rd_col(&r, st, 3);
		x->field = store__rd_col(&r, st, 4);
		x->old_value = store__rd_col(&r, st, 5);
		x->new_value = store__rd_col(&r, st, 6);
		x->comment = store__rd_col(&r, st, 7);
	}
	sqlite3_finalize(st);
	if (!r.err) {
		*items = v;
		*n = count;
	}
	return r.err;
}
