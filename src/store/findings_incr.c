/* Incremental matching and triage: match keys, candidate components, the
 * findings of a version read in one pass and written only where they
 * differ, and the triage change marks (include/psirt/findings.h, "Store
 * layer"; docs/schema.md, migration 7).
 *
 * Every statement here runs once per finding or per version: they are
 * prepared once per connection (store__cached), so that a full match of a
 * 2 M-finding portfolio spends its time writing, not compiling SQL. */
#include <stdlib.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/findings.h"
#include "store/internal.h"

/* Match keys ---------------------------------------------------------------*/

static const char sql_keys_of[] =
	"SELECT key, seq FROM match_key WHERE version_id = ?1 ORDER BY key, seq";
static const char sql_key_del[] =
	"DELETE FROM match_key WHERE key = ?1 AND version_id = ?2 AND seq = ?3";
static const char sql_key_put[] =
	"INSERT OR IGNORE INTO match_key (key, version_id, seq) VALUES (?1, ?2, ?3)";

int psirt_store_match_key_cmp(const void *a, const void *b)
{
	const struct psirt_store_match_key *x = a, *y = b;
	long long kx = (long long)x->key, ky = (long long)y->key;

	if (kx != ky)
		return kx < ky ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* One key of version_id: deleted (sql_key_del) or inserted (sql_key_put). */
static enum psirt_err key_write(struct psirt_store *store, const char *sql, long long version_id,
                                const struct psirt_store_match_key *k, struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)k->key);
	sqlite3_bind_int64(st, 2, version_id);
	sqlite3_bind_int64(st, 3, k->seq);
	return store__step_done(store, st, diag, "writing match keys");
}

/* The stored keys are read first and only the difference is written: a
 * full re-match of an unchanged version writes none (rewriting all of
 * them, a few thousand random places in match_key's B-tree per version,
 * was 6 s of a 1,000-version psirt match --all) */
enum psirt_err psirt_store_match_keys_put(struct psirt_store *store, long long version_id,
                                          const struct psirt_store_match_key *keys, size_t n,
                                          struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, sql_keys_of, diag);
	struct psirt_store_match_key *have = NULL, *grown;
	size_t nhave = 0, cap = 0, h = 0, i = 0;
	enum psirt_err err = PSIRT_OK;
	int rc;

	for (i = 1; i < n; i++)
		if (psirt_store_match_key_cmp(&keys[i - 1], &keys[i]) > 0)
			return psirt_diag_set(diag, PSIRT_EINVAL, "match keys not in match_key's order");
	i = 0;
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, version_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nhave == cap) {
			cap = cap ? cap * 2 : 1024;
			grown = realloc(have, cap * sizeof *have);
			if (!grown) {
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				break;
			}
			have = grown;
		}
		have[nhave].key = (unsigned long long)sqlite3_column_int64(st, 0);
		have[nhave].seq = sqlite3_column_int64(st, 1);
		nhave++;
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(store, diag, "reading match keys");
	sqlite3_reset(st);
	/* a merge of two sorted lists (keys may repeat: written once) */
	while (!err && (h < nhave || i < n)) {
		int c = h == nhave ? 1
		        : i == n   ? -1
		                   : psirt_store_match_key_cmp(&have[h], &keys[i]);

		if (c < 0) {
			err = key_write(store, sql_key_del, version_id, &have[h++], diag);
			continue;
		}
		if (c > 0)
			err = key_write(store, sql_key_put, version_id, &keys[i], diag);
		else
			h++;
		for (i++; i < n && !psirt_store_match_key_cmp(&keys[i - 1], &keys[i]); i++)
			;
	}
	free(have);
	return err;
}

static const char sql_scope_key[] = "INSERT OR IGNORE INTO temp.scope_key VALUES (?1)";
static const char sql_cand_versions[] =
	"SELECT version_id FROM temp.match_cand UNION"
	" SELECT version_id FROM temp.scope_finding"
	" WHERE state IN ('in_triage', 'affected') ORDER BY 1";

enum psirt_err psirt_store_match_candidates(struct psirt_store *store,
                                            const unsigned long long *keys, size_t n,
                                            struct psirt_arena *arena, long long **versions,
                                            size_t *nversions, struct psirt_diag *diag)
{
	enum psirt_err err;
	sqlite3_stmt *st;
	long long *v = NULL;
	size_t cap = 0, count = 0, i;
	int rc;

	*versions = NULL;
	*nversions = 0;
	err = store__exec(store,
	                  "CREATE TEMP TABLE IF NOT EXISTS scope_key (key INTEGER PRIMARY KEY);"
	                  "CREATE TEMP TABLE IF NOT EXISTS match_cand (version_id INTEGER NOT NULL,"
	                  " seq INTEGER NOT NULL, PRIMARY KEY (version_id, seq)) WITHOUT ROWID;"
	                  /* the findings of the changed vulnerabilities: what
	                   * finding_vuln_version holds of each (no read of the
	                   * table's rows, which findings_of reads) */
	                  "CREATE TEMP TABLE IF NOT EXISTS scope_finding"
	                  " (version_id INTEGER NOT NULL, id INTEGER NOT NULL, state TEXT NOT NULL,"
	                  " PRIMARY KEY (version_id, id)) WITHOUT ROWID;"
	                  "DELETE FROM temp.scope_key; DELETE FROM temp.match_cand;"
	                  "DELETE FROM temp.scope_finding;"
	                  "INSERT INTO temp.scope_finding SELECT f.version_id, f.id, f.state"
	                  " FROM temp.match_scope s CROSS JOIN finding f ON f.vuln = s.vuln;",
	                  diag, "preparing the candidates");
	for (i = 0; !err && i < n; i++) {
		st = store__cached(store, sql_scope_key, diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)keys[i]);
		err = store__step_done(store, st, diag, "noting a key");
	}
	/* the components (and products: seq -1) with a key of the scope */
	if (!err)
		err = store__exec(store,
		                  "INSERT OR IGNORE INTO temp.match_cand"
		                  " SELECT k.version_id, k.seq FROM temp.scope_key s"
		                  " CROSS JOIN match_key k ON k.key = s.key",
		                  diag, "finding candidate components");
	if (err)
		return err;
	st = store__cached(store, sql_cand_versions, diag);
	if (!st)
		return PSIRT_ESTORE;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store__grow(arena, v, count, &cap, sizeof *v, &err, diag);
		if (!v)
			return err;
		v[count++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		return store__fail(store, diag, "listing candidate versions");
	sqlite3_reset(st);
	*versions = v;
	*nversions = count;
	return PSIRT_OK;
}

/* A version's findings -----------------------------------------------------*/

/* The columns of a struct psirt_store_finding_row, in findings_of's order.
 * The evidence is read only for a finding written before found_hash
 * (psirt_store_finding_evidence), whose hash stands for it and every other
 * compared field (migration 19). */
#define FINDING_ROW_SQL                                                                       \
	"SELECT f.id, f.component, f.vuln, f.state, f.record, f.source, f.confidence,"           \
	" f.component_name, f.component_version, f.component_purl, f.found_hash"
static const char sql_of_all[] =
	FINDING_ROW_SQL " FROM finding f WHERE f.version_id = ?1 ORDER BY f.component, f.vuln";
/* the scope's findings were listed once by psirt_store_match_candidates
 * (through the vuln index: a few per changed vulnerability), rather than
 * every version's index entries filtered by vulnerability; by id, then
 * sorted here (by_component) */
static const char sql_of_scope[] =
	FINDING_ROW_SQL " FROM temp.scope_finding t"
	" CROSS JOIN finding f ON f.id = t.id WHERE t.version_id = ?1";

/* By component, then vulnerability, in bytes: as SQLite's ORDER BY
 * f.component, f.vuln orders them (BINARY collation: memcmp). */
static int by_component(const void *a, const void *b)
{
	const struct psirt_store_finding_row *x = a, *y = b;
	int c = strcmp(x->component, y->component);

	return c ? c : strcmp(x->vuln, y->vuln);
}

enum psirt_err psirt_store_findings_of(struct psirt_store *store, long long version_id,
                                       int scoped, struct psirt_arena *arena,
                                       struct psirt_store_finding_row **items, size_t *n,
                                       struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, scoped ? sql_of_scope : sql_of_all, diag);
	struct psirt_store_finding_row *v = NULL;
	size_t cap = 0, count = 0;
	enum psirt_err err = PSIRT_OK;
	int rc;

	*items = NULL;
	*n = 0;
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, version_id);
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_store_finding_row *x;

		v = store__grow(arena, v, count, &cap, sizeof *v, &err, NULL);
		if (!v)
			break;
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->component = store__col(st, 1, arena, &err, NULL);
		x->vuln = store__col(st, 2, arena, &err, NULL);
		x->state = store__col(st, 3, arena, &err, NULL);
		x->record = store__col(st, 4, arena, &err, NULL);
		x->source = store__col(st, 5, arena, &err, NULL);
		x->confidence = store__col(st, 6, arena, &err, NULL);
		x->component_name = store__col(st, 7, arena, &err, NULL);
		x->component_version = store__col(st, 8, arena, &err, NULL);
		x->component_purl = store__col(st, 9, arena, &err, NULL);
		x->has_hash = store__col_digest(st, 10, x->found_hash);
	}
	if (err) {
		sqlite3_reset(st);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	if (rc != SQLITE_DONE)
		return store__fail(store, diag, "reading a version's findings");
	sqlite3_reset(st);
	if (scoped && count > 1)
		qsort(v, count, sizeof *v, by_component);
	*items = v;
	*n = count;
	return PSIRT_OK;
}

/* its text, packed or not (STORE_EVIDENCE_SQL's psirt_evidence()) */
static const char sql_evidence_of[] =
	"SELECT psirt_evidence(evidence) FROM finding_evidence WHERE finding = ?1";

/* Steps st (bound by the caller) to its one row, if any, and resets it:
 * *text is the row's column 0 in arena (left as it is without a row). */
static enum psirt_err text_row(struct psirt_store *store, sqlite3_stmt *st,
                               struct psirt_arena *arena, const char **text,
                               struct psirt_diag *diag, const char *doing)
{
	enum psirt_err err = PSIRT_OK;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*text = store__col(st, 0, arena, &err, diag);
	else if (rc != SQLITE_DONE)
		err = store__fail(store, diag, doing);
	sqlite3_reset(st);
	return err;
}

enum psirt_err psirt_store_finding_evidence(struct psirt_store *store, long long id,
                                            struct psirt_arena *arena, const char **evidence,
                                            struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, sql_evidence_of, diag);

	*evidence = NULL;
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	return text_row(store, st, arena, evidence, diag, "reading a finding's evidence");
}

/* Writing findings ---------------------------------------------------------*/

static enum psirt_err audit_field(struct psirt_store *store, long long id, const char *field,
                                  const char *from, const char *to, const char *actor,
                                  const char *comment, struct psirt_diag *diag)
{
	char ids[24];
	struct psirt_audit_entry e = { NULL, actor, "finding", ids, field, from, to, comment };
	char *p = ids + sizeof ids;
	unsigned long long u = (unsigned long long)id;

	/* the id's digits, without a formatted print per finding */
	*--p = 0;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) && p > ids);
	e.entity_id = p;
	return psirt_store_audit_add(store, &e, diag);
}

static enum psirt_err audit_state(struct psirt_store *store, long long id, const char *from,
                                  const char *to, const char *actor, const char *comment,
                                  struct psirt_diag *diag)
{
	return audit_field(store, id, "state", from, to, actor, comment, diag);
}

/* ?10 (the evidence) is not in the finding's row: put_evidence writes it
 * (migration 18), with the same bindings numbered alike in every text */
/* the audit comment of a new finding */
#define FOUND "found by psirt match"

static const char sql_insert[] =
	"INSERT INTO finding (version_id, component, component_name, component_version,"
	" component_purl, vuln, record, source, confidence, first_seen, last_seen,"
	" seen_run, kev, found_hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?11, ?12,"
	" EXISTS (SELECT 1 FROM kev WHERE cve = ?6), ?21)";
static const char sql_refresh[] =
	"UPDATE finding SET component_name = ?2, component_version = ?3, component_purl = ?4,"
	" record = ?5, source = ?6, confidence = ?7, last_seen = ?9, seen_run = ?10,"
	" found_hash = ?11 WHERE id = ?1";
static const char sql_reopen[] =
	"UPDATE finding SET component_name = ?2, component_version = ?3, component_purl = ?4,"
	" record = ?5, source = ?6, confidence = ?7, last_seen = ?9, seen_run = ?10,"
	" found_hash = ?11, state = 'in_triage', closed_at = NULL, justification = NULL"
	" WHERE id = ?1";
static const char sql_hash_put[] = "UPDATE finding SET found_hash = ?2 WHERE id = ?1";

/* f's found_hash at parameter i, or NULL */
static void bind_hash(sqlite3_stmt *st, int i, const struct psirt_store_found *f)
{
	store__bind_digest(st, i, f->has_hash ? f->found_hash : NULL);
}

enum psirt_err psirt_store_finding_hash_put(struct psirt_store *store, long long id,
                                            const struct psirt_store_found *f,
                                            struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, sql_hash_put, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	bind_hash(st, 2, f);
	return store__step_done(store, st, diag, "writing a finding's hash");
}

/* a finding's evidence, new or replaced (a row missing from a store
 * written by hand is added), packed (include/psirt/evpack.h): every
 * writer of evidence goes through put_evidence */
static const char sql_evidence[] =
	"INSERT INTO finding_evidence (finding, evidence) VALUES (?1, ?2)"
	" ON CONFLICT (finding) DO UPDATE SET evidence = excluded.evidence";

static enum psirt_err put_evidence(struct psirt_store *store, long long id,
                                   const struct psirt_store_found *f, struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	const void *blob = f->evidence_packed;
	size_t len = f->evidence_packed_len;
	enum psirt_err err;

	/* packed here when the caller did not (no evidence at all: bound as
	 * NULL, which the column refuses) */
	if (!blob && f->evidence) {
		psirt_buf_reset(&store->evpacked);
		err = psirt_evpack_pack(store->evpack, f->evidence, strlen(f->evidence),
		                        &store->evpacked, diag);
		if (err)
			return err;
		blob = store->evpacked.p;
		len = store->evpacked.len;
	}
	st = store__cached(store, sql_evidence, diag);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	if (blob)
		sqlite3_bind_blob64(st, 2, blob, len, SQLITE_STATIC);
	return store__step_done(store, st, diag, "writing a finding's evidence");
}

/* The product-wide analysis of (the version's product, component, vuln),
 * applied to finding id (state: its state now), audited as carried. */
static const char sql_rule[] =
	"SELECT a.state, a.justification, a.comment, a.actor, a.finding"
	" FROM product_version v CROSS JOIN product_analysis a ON a.product = v.product"
	" AND a.component = ?2 AND a.vuln = ?3 WHERE v.id = ?1";
static const char sql_carry[] =
	"UPDATE finding SET state = ?2, justification = ?3, comment = ?4,"
	" closed_at = CASE WHEN ?2 = 'affected' THEN NULL ELSE ?5 END WHERE id = ?1";

/* Whether the product of version_id has any product-wide analysis. */
static const char sql_rules[] =
	"SELECT EXISTS (SELECT 1 FROM product_version v CROSS JOIN product_analysis a"
	" ON a.product = v.product WHERE v.id = ?1)";

/* Looks up f's product-wide analysis: *rule is the statement on its row
 * (the caller applies it with carry_rule, then resets it), or NULL when
 * there is none. In a bulk run, whether the version's product has any is
 * looked up once per version (store->bulk.rules; the run writes a
 * version's findings together, and no analysis changes under it): most
 * have none, and their findings need no lookup each. */
static enum psirt_err find_rule(struct psirt_store *store, const struct psirt_store_found *f,
                                sqlite3_stmt **rule, struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	int rc;

	*rule = NULL;
	if (store->bulk.on && store->bulk.rules_version != f->version_id) {
		unsigned long long any;
		enum psirt_err err;

		st = store__cached(store, sql_rules, diag);
		if (st)
			sqlite3_bind_int64(st, 1, f->version_id);
		err = store__int(store, st, &any, diag, "looking up product-wide analyses");
		if (err)
			return err;
		store->bulk.rules_version = f->version_id;
		store->bulk.rules = any != 0;
	}
	if (store->bulk.on && !store->bulk.rules)
		return PSIRT_OK;
	st = store__cached(store, sql_rule, diag);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, f->version_id);
	store__bind_text(st, 2, f->component);
	store__bind_text(st, 3, f->vuln);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*rule = st;
		return PSIRT_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PSIRT_OK
	                         : store__fail(store, diag, "reading a product-wide analysis");
}

/* Applies the rule find_rule read to finding id and resets it. */
static enum psirt_err carry_rule(struct psirt_store *store, long long id, sqlite3_stmt *rule,
                                 const char *state, const char *actor, struct psirt_diag *diag)
{
	const char *to, *just, *by;
	struct psirt_buf why = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	sqlite3_stmt *up;

	/* the row stays current while the finding is written (other tables) */
	to = (const char *)sqlite3_column_text(rule, 0);
	just = (const char *)sqlite3_column_text(rule, 1);
	by = (const char *)sqlite3_column_text(rule, 3);
	psirt_buf_addf(&why, "carried from the product-wide analysis of finding %lld by %s",
	               (long long)sqlite3_column_int64(rule, 4), by ? by : "?");
	up = store__cached(store, sql_carry, diag);
	if (!up || psirt_buf_error(&why)) {
		err = up ? psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory") : PSIRT_ESTORE;
		goto out_reset;
	}
	sqlite3_bind_int64(up, 1, id);
	store__bind_text(up, 2, to);
	store__bind_text(up, 3, just);
	store__bind_text(up, 4, (const char *)sqlite3_column_text(rule, 2));
	store__bind_text(up, 5, store__now(store));
	err = store__step_done(store, up, diag, "carrying a product-wide analysis");
	if (!err)
		err = audit_state(store, id, state, to, actor, why.p, diag);
	if (!err && just)
		err = audit_field(store, id, "justification", NULL, just, actor, why.p, diag);
out_reset:
	sqlite3_reset(rule);
	psirt_buf_release(&why);
	return err;
}

static enum psirt_err carry(struct psirt_store *store, long long id,
                            const struct psirt_store_found *f, const char *state,
                            const char *actor, struct psirt_diag *diag)
{
	sqlite3_stmt *rule;
	enum psirt_err err = find_rule(store, f, &rule, diag);

	return err || !rule ? err : carry_rule(store, id, rule, state, actor, diag);
}

static const char sql_insert_decided[] =
	"INSERT INTO finding (version_id, component, component_name, component_version,"
	" component_purl, vuln, record, source, confidence, first_seen, last_seen,"
	" seen_run, kev, ssvc, ssvc_inputs_ref, priority, deadline, response_class, reason_ref,"
	" policy_ref, found_hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?11, ?12,"
	" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";

enum psirt_err psirt_store_finding_insert(struct psirt_store *store,
                                          const struct psirt_store_found *f, long long run,
                                          const char *actor, int *decided,
                                          struct psirt_diag *diag)
{
	const struct psirt_store_triage_decision *d = f->decision;
	sqlite3_stmt *rule = NULL, *st;
	enum psirt_err err;
	long long id;

	if (decided)
		*decided = 0;
	err = find_rule(store, f, &rule, diag);
	if (err)
		return err;
	/* an analysis that closes it: triage never decides a closed finding */
	if (rule && strcmp((const char *)sqlite3_column_text(rule, 0), "affected"))
		d = NULL;
	st = store__cached(store, d ? sql_insert_decided : sql_insert, diag);
	if (!st) {
		err = PSIRT_ESTORE;
		goto out;
	}
	sqlite3_bind_int64(st, 1, f->version_id);
	store__bind_text(st, 2, f->component);
	store__bind_text(st, 3, f->component_name);
	store__bind_text(st, 4, f->component_version);
	store__bind_text(st, 5, f->component_purl);
	store__bind_text(st, 6, f->vuln);
	store__bind_text(st, 7, f->record);
	store__bind_text(st, 8, f->source);
	store__bind_text(st, 9, f->confidence);
	store__bind_text(st, 11, store__now(store));
	sqlite3_bind_int64(st, 12, run);
	bind_hash(st, 21, f);
	if (d) {
		sqlite3_bind_int(st, 13, d->kev);
		store__bind_text(st, 14, d->ssvc);
		err = store__bind_text_id(store, st, 15, d->ssvc_inputs, diag);
		sqlite3_bind_int(st, 16, d->priority);
		store__bind_text(st, 17, d->deadline);
		store__bind_text(st, 18, d->response_class);
		if (!err)
			err = store__bind_text_id(store, st, 19, d->reason, diag);
		if (!err)
			err = store__bind_text_id(store, st, 20, d->policy, diag);
	}
	if (!err)
		err = store__step_done(store, st, diag, "writing a finding");
	if (err)
		goto out;
	id = sqlite3_last_insert_rowid(store->db);
	err = put_evidence(store, id, f, diag);
	if (err)
		goto out;
	if (store->bulk.on)
		store->bulk.newest = id;
	/* a bulk run audits the findings of versions whose product has no
	 * product-wide analysis at once (psirt_store_findings_bulk_flush);
	 * find_rule looked that up */
	if (store->bulk.on && !store->bulk.rules) {
		store->bulk.unaudited++;
		if (d && decided)
			*decided = 1;
		goto out;
	}
	err = audit_state(store, id, NULL, "in_triage", actor, FOUND, diag);
	if (!err && rule) {
		err = carry_rule(store, id, rule, "in_triage", actor, diag);
		rule = NULL; /* reset */
	}
	if (!err && d) {
		/* as triage audits a decision: after the carried state */
		err = audit_field(store, id, "priority", NULL, f->decision_text, actor,
		                  f->decision_comment, diag);
		if (!err && decided)
			*decided = 1;
	}
out:
	if (rule)
		sqlite3_reset(rule);
	return err;
}

enum psirt_err psirt_store_finding_refresh(struct psirt_store *store, long long id,
                                           const struct psirt_store_found *f, long long run,
                                           const char *reopen_from, const char *actor,
                                           struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, reopen_from ? sql_reopen : sql_refresh, diag);
	enum psirt_err err;

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, f->component_name);
	store__bind_text(st, 3, f->component_version);
	store__bind_text(st, 4, f->component_purl);
	store__bind_text(st, 5, f->record);
	store__bind_text(st, 6, f->source);
	store__bind_text(st, 7, f->confidence);
	store__bind_text(st, 9, store__now(store));
	sqlite3_bind_int64(st, 10, run);
	bind_hash(st, 11, f);
	err = store__step_done(store, st, diag, "writing a finding");
	if (!err)
		err = put_evidence(store, id, f, diag);
	if (!err && reopen_from)
		err = audit_state(store, id, reopen_from, "in_triage", actor,
		                  "matches again: reopened by psirt match", diag);
	if (!err && reopen_from)
		err = carry(store, id, f, "in_triage", actor, diag);
	return err;
}

/* a vulnerability is withdrawn when it has records and all are */
static const char sql_gone[] =
	"SELECT NOT EXISTS (SELECT 1 FROM source_record r JOIN vuln v ON v.id = r.vuln_id"
	" WHERE v.name = ?1 AND r.withdrawn = 0)";
static const char sql_close[] = "UPDATE finding SET state = ?2, closed_at = ?3 WHERE id = ?1";

enum psirt_err psirt_store_vuln_withdrawn(struct psirt_store *store, const char *vuln,
                                          int *withdrawn, struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, sql_gone, diag);
	unsigned long long gone = 0;
	enum psirt_err err;

	*withdrawn = 0;
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, vuln);
	err = store__int(store, st, &gone, diag, "looking up a vulnerability's records");
	*withdrawn = !err && gone != 0;
	return err;
}

enum psirt_err psirt_store_finding_close(struct psirt_store *store, long long id,
                                         const char *state, int withdrawn, const char *actor,
                                         struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, sql_close, diag);
	const char *to = withdrawn ? "withdrawn" : "fixed";
	enum psirt_err err;

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, to);
	store__bind_text(st, 3, store__now(store));
	err = store__step_done(store, st, diag, "closing a finding");
	if (!err)
		err = audit_state(store, id, state, to, actor,
		                  withdrawn ? "vulnerability withdrawn or rejected by its sources"
		                            : "no longer matches: component changed or range corrected",
		                  diag);
	return err;
}

/* Bulk writing --------------------------------------------------------------*/

enum psirt_err psirt_store_findings_bulk_begin(struct psirt_store *store, struct psirt_arena *arena,
                                               const char ***sql, size_t *n,
                                               struct psirt_diag *diag)
{
	struct store__rd r = { store, arena, diag, PSIRT_OK };
	const char **drops = NULL, **v = NULL;
	size_t cap = 0, dcap = 0, count = 0, i;
	sqlite3_stmt *st;
	int rc = SQLITE_DONE, ntrig = 0;
	unsigned long long last;

	*sql = NULL;
	*n = 0;
	r.err = store__int(store, store__cached(store, "SELECT coalesce(max(id), 0) FROM finding", diag),
	                   &last, diag, "reading the last finding");
	if (r.err)
		return r.err;
	/* every one first (the schema cannot change under this read), then
	 * dropped: SQL's printf %w quotes the name as an identifier; the
	 * indexes, then the triggers (type's order). Every trigger of an
	 * INSERT on finding: while there is one, SQLite keeps a statement
	 * journal for each insert (docs/schema.md, migration 8's costs) */
	if (sqlite3_prepare_v2(store->db,
	                       "SELECT sql, printf('DROP %s \"%w\"', upper(type), name),"
	                       " name LIKE 'finding_day_insert%' FROM sqlite_schema"
	                       " WHERE tbl_name = 'finding' AND ((type = 'index' AND sql IS NOT NULL)"
	                       " OR (type = 'trigger' AND name IN ('finding_day_insert',"
	                       " 'finding_day_insert_closed', 'triage_finding_ins')))"
	                       " ORDER BY type, name",
	                       -1, &st, NULL) != SQLITE_OK)
		return store__fail(store, diag, "listing the indexes of findings");
	while (!r.err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = store__rd_grow(&r, v, count, &cap, sizeof *v);
		drops = store__rd_grow(&r, drops, count, &dcap, sizeof *drops);
		if (!v || !drops)
			break;
		v[count] = store__rd_col(&r, st, 0);
		drops[count] = store__rd_col(&r, st, 1);
		ntrig += sqlite3_column_int(st, 2);
		count++;
	}
	if (!r.err && rc != SQLITE_DONE)
		r.err = store__fail(store, diag, "listing the indexes of findings");
	sqlite3_finalize(st);
	for (i = 0; !r.err && i < count; i++)
		r.err = store__exec(store, drops[i], diag, "dropping an index of findings");
	if (!r.err) {
		*sql = v;
		*n = count;
		store->bulk.on = 1;
		store->bulk.days = ntrig > 0;
		store->bulk.last = store->bulk.audited = store->bulk.counted = (long long)last;
		store->bulk.newest = (long long)last;
		store->bulk.rules_version = 0; /* none looked up */
	}
	return r.err;
}

/* What finding_day's insert triggers (migration 8) count for the findings
 * a bulk run inserted (above ?1, not counted yet), at once: each is inserted open (the
 * column's default, in_triage: psirt_store_finding_insert sets no state;
 * a carried analysis changes it after, through the UPDATE trigger, which
 * stays), so finding_day_insert counts it opened on its first_seen's day
 * and finding_day_insert_closed never fires. The third insert trigger,
 * triage_finding_ins (migration 10), marks each for triage: the run's
 * triage, which reads no marks (PSIRT_STORE_TRIAGE_EVERY or _UNDECIDED),
 * empties them before the commit (psirt_store_triage_done), so it has
 * nothing to put back. */
static const char sql_bulk_days[] =
	"INSERT INTO finding_day (day, opened, closed)"
	" SELECT substr(first_seen, 1, 10), count(*), 0 FROM finding WHERE id > ?1 GROUP BY 1"
	" ON CONFLICT (day) DO UPDATE SET opened = opened + excluded.opened,"
	" closed = closed + excluded.closed";

/* Counts the findings inserted since the last count in finding_day. */
static enum psirt_err count_days(struct psirt_store *store, struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	enum psirt_err err;

	if (!store->bulk.days || store->bulk.newest <= store->bulk.counted)
		return PSIRT_OK;
	st = store__cached(store, sql_bulk_days, diag);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, store->bulk.counted);
	err = store__step_done(store, st, diag, "counting the new findings per day");
	if (!err)
		store->bulk.counted = store->bulk.newest;
	return err;
}

/* The audit rows psirt_store_finding_insert leaves to
 * psirt_store_findings_bulk_flush, as it writes them row by row: the
 * state row of each new finding not audited yet (above ?1) of a version
 * whose product has no product-wide analysis, then the priority row of
 * those written with a decision (its text as findings__decide_new's:
 * "P2 recall due 2026-12-10", "WHY: reason"; every decision has a
 * response class; one made as a finding is written has a deadline, from
 * the run's clock, else "?" as there). Each finding's rows are in their
 * order (found, then its decision, before any of triage's); a version's
 * state rows come before its priority rows. ?2: the time, ?3: the actor,
 * ?4: WHY. */
#define BULK_UNAUDITED                                                                        \
	" FROM finding f WHERE f.id > ?1 AND f.version_id NOT IN (SELECT v.id FROM"              \
	" product_version v WHERE v.product IN (SELECT product FROM product_analysis))"
static const char sql_bulk_found[] =
	"INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value, new_value, comment)"
	" SELECT ?2, ?3, 'finding', CAST(f.id AS TEXT), 'state', NULL, 'in_triage', '" FOUND "'"
	BULK_UNAUDITED " ORDER BY f.id";
static const char sql_bulk_decided[] =
	"INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value, new_value, comment)"
	" SELECT ?2, ?3, 'finding', CAST(f.id AS TEXT), 'priority', NULL,"
	" 'P' || f.priority || ' ' || f.response_class || ' due ' || coalesce(f.deadline, '?'),"
	" ?4 || ': ' || " STORE_TEXT_SQL("f.reason_ref")
	BULK_UNAUDITED " AND f.priority IS NOT NULL ORDER BY f.id";

enum psirt_err psirt_store_findings_bulk_flush(struct psirt_store *store, const char *actor,
                                               const char *why, struct psirt_diag *diag)
{
	const char *const sql[] = { sql_bulk_found, sql_bulk_decided };
	enum psirt_err err = PSIRT_OK;
	sqlite3_stmt *st;
	size_t i;

	if (!store->bulk.on)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "no bulk run to flush");
	for (i = 0; !err && store->bulk.unaudited && i < 2; i++) {
		st = store__cached(store, sql[i], diag);
		if (!st)
			return PSIRT_ESTORE;
		sqlite3_bind_int64(st, 1, store->bulk.audited);
		store__bind_text(st, 2, store__now(store));
		store__bind_text(st, 3, actor);
		if (i)
			store__bind_text(st, 4, why);
		err = store__step_done(store, st, diag, "auditing the new findings");
	}
	if (!err && store->bulk.unaudited) {
		store->bulk.unaudited = 0;
		store->bulk.audited = store->bulk.newest;
	}
	return err ? err : count_days(store, diag);
}

enum psirt_err psirt_store_findings_bulk_end(struct psirt_store *store, const char *const *sql,
                                             size_t n, struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	size_t i;

	/* the new findings' audit rows are not lost */
	if (store->bulk.unaudited)
		return psirt_diag_set(diag, PSIRT_EINTERNAL,
		                      "a bulk run's new findings are not audited");
	/* those left since the last flush, if any */
	if (store->bulk.on)
		err = count_days(store, diag);
	for (i = 0; !err && i < n; i++)
		err = store__exec(store, sql[i], diag, "building an index of findings");
	store->bulk.on = 0;
	return err;
}

/* Triage marks -------------------------------------------------------------*/

enum psirt_err psirt_store_triage_policy(struct psirt_store *store, struct psirt_arena *arena,
                                         const char **fingerprint, struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(store, "SELECT policy FROM triage_state WHERE id = 1", diag);

	*fingerprint = NULL;
	if (!st)
		return PSIRT_ESTORE;
	return text_row(store, st, arena, fingerprint, diag, "reading the triage state");
}

enum psirt_err psirt_store_triage_done(struct psirt_store *store, const char *fingerprint,
                                       struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	enum psirt_err err = store__exec(store,
	                                 "DELETE FROM triage_dirty_vuln;"
	                                 " DELETE FROM triage_dirty_version;"
	                                 " DELETE FROM triage_dirty_finding;",
	                                 diag, "clearing the triage marks");

	if (err)
		return err;
	st = store__cached(store, "INSERT OR REPLACE INTO triage_state (id, policy) VALUES (1, ?1)",
	                   diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, fingerprint);
	return store__step_done(store, st, diag, "noting the triage state");
}
