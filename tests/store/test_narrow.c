/* Narrow finding rows (migration 18, src/store/migrations.c): a store of
 * the schema before it, with findings of every shape, migrates with every
 * value readable unchanged through the store's readers; the ids of the
 * interned texts (src/store/finding_text.c) never outlive a rollback. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/arena.h"
#include "psirt/evpack.h"
#include "psirt/findings.h"
#include "psirt/portfolio.h"
#include "psirt/store.h"
#include "store/internal.h"
#include "support/store_support.h"
#include "support/support.h"

static char *dir, db_path[PATH_MAX + 32];

static void make_dir(void)
{
	dir = tss_tmp_dir("test-narrow");
	snprintf(db_path, sizeof db_path, "%s/psirt.db", dir);
}

static void drop_dir(void)
{
	tss_tmp_dir_remove(dir);
	dir = NULL;
}

/* The first column of sql's first row as text, in a static buffer. */
static const char *text(sqlite3 *db, const char *sql)
{
	static char v[8192];
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true((size_t)sqlite3_column_bytes(st, 0) < sizeof v); /* whole, not cut */
	snprintf(v, sizeof v, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* The migration that narrows the rows, found by name (the lead renumbers
 * migrations on merge). */
static size_t narrow_index(void)
{
	size_t i;

	for (i = 0; i < store__n_migrations; i++)
		if (!strncmp(store__migrations[i].name, "narrow finding rows", 19))
			return i;
	fail_msg("no migration 'narrow finding rows'");
	return 0;
}

/* A big evidence array (past a page: stored with overflow pages). */
static char *big_evidence(void)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	int i;

	psirt_buf_addch(&b, '[');
	for (i = 0; i < 200; i++)
		psirt_buf_addf(&b,
		               "%s{\"record\":\"CVE-2024-%05d\",\"why\":\"version 1.%d: < 2.0\"}",
		               i ? "," : "", i, i);
	psirt_buf_addch(&b, ']');
	assert_false(psirt_buf_error(&b));
	return psirt_buf_detach(&b, NULL);
}

/* The findings written before the migration, and what the readers must
 * return after it (NULL: SQL NULL). */
static const struct old_finding {
	long long id;
	const char *component, *vuln, *state, *closed_at, *evidence, *ssvc_inputs, *reason, *policy;
} olds[] = {
    {1, "openssl@1.1.1", "CVE-2024-0001", "in_triage", NULL,
     "[{\"record\":\"CVE-2024-0001\",\"via\":\"cpe\"}]", "{\"Exploitation\":{\"value\":\"None\"}}",
     "P4 routine: no rule matched", "sha256:aa"},
    /* the same texts: stored once */
    {2, "openssl@1.1.1", "CVE-2024-0002", "affected", NULL,
     "[{\"record\":\"CVE-2024-0002\",\"via\":\"cpe\"}]", "{\"Exploitation\":{\"value\":\"None\"}}",
     "P4 routine: no rule matched", "sha256:aa"},
    /* closed, by another policy; its reason the same text as another's
     * inputs would be (one table for the three columns) */
    {3, "zlib@1.2.11", "CVE-2022-37434", "fixed", "2026-01-10T08:00:00.000Z",
     "[{\"record\":\"CVE-2022-37434\",\"via\":\"purl\"}]", "{\"Exploitation\":{\"value\":\"PoC\"}}",
     "sha256:aa", "sha256:bb"},
    /* never triaged: NULLs */
    {4, "busybox@1.36.0", "CVE-2023-0005", "in_triage", NULL, "[]", NULL, NULL, NULL},
    /* evidence over a page */
    {5, "busybox@1.36.0", "CVE-2023-0006", "not_affected", "2026-01-11T08:00:00.000Z", NULL,
     "{\"Exploitation\":{\"value\":\"Active\"}}", "P1 immediate: KEV-listed", "sha256:bb"},
};

static void bind_or_null(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The store of the schema before the narrowing, with olds (evidence NULL:
 * big) written into the old columns. */
static void old_store(const char *big)
{
	size_t upto = narrow_index(), i, j;
	sqlite3 *db = tss_sqlite_open(db_path);
	sqlite3_stmt *st;
	char sql[256];

	tss_sqlite_exec(db, "PRAGMA foreign_keys = ON; PRAGMA application_id = 1886611826;"
	            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	            " applied_at TEXT NOT NULL);");
	tss_sqlite_exec(db, "BEGIN");
	for (i = 0; i < upto; i++) {
		for (j = 0; store__migrations[i].sql[j]; j++)
			tss_sqlite_exec(db, store__migrations[i].sql[j]);
		snprintf(sql, sizeof sql,
		         "INSERT INTO schema_version VALUES (%d, 'm', '2026-01-01T00:00:00.000Z')",
		         store__migrations[i].version);
		tss_sqlite_exec(db, sql);
	}
	tss_sqlite_exec(db, "INSERT INTO product (id, name, created_at, updated_at)"
	            " VALUES (1, 'cam', '2026-01-01', '2026-01-01');"
	            "INSERT INTO product_version (id, product, version, created_at, updated_at)"
	            " VALUES (1, 1, '2.0', '2026-01-01', '2026-01-01');");
	assert_int_equal(
	    sqlite3_prepare_v2(
	        db,
	        "INSERT INTO finding (id, version_id, component, vuln, record, source,"
	        " confidence, evidence, first_seen, last_seen, seen_run, state, closed_at,"
	        " ssvc_inputs, reason, policy, priority) VALUES (?1, 1, ?2, ?3, ?3, 'nvd',"
	        " 'high', ?4, '2026-01-01T08:00:00.000Z', '2026-01-02T08:00:00.000Z', 1,"
	        " ?5, ?6, ?7, ?8, ?9, 4)",
	        -1, &st, NULL),
	    SQLITE_OK);
	for (i = 0; i < sizeof olds / sizeof olds[0]; i++) {
		const struct old_finding *o = &olds[i];

		sqlite3_bind_int64(st, 1, o->id);
		bind_or_null(st, 2, o->component);
		bind_or_null(st, 3, o->vuln);
		bind_or_null(st, 4, o->evidence ? o->evidence : big);
		bind_or_null(st, 5, o->state);
		bind_or_null(st, 6, o->closed_at);
		bind_or_null(st, 7, o->ssvc_inputs);
		bind_or_null(st, 8, o->reason);
		bind_or_null(st, 9, o->policy);
		if (sqlite3_step(st) != SQLITE_DONE)
			fail_msg("finding %lld: %s", o->id, sqlite3_errmsg(db));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	/* an analyst's override: kept through the rewrites of finding */
	tss_sqlite_exec(db,
	        "INSERT INTO finding_ssvc_override (finding, point, value, reason, actor, at)"
	        " VALUES (3, 'E', 'P', 'a PoC on the list', 'ana', '2026-01-03T00:00:00.000Z')");
	tss_sqlite_exec(db, "COMMIT");
	sqlite3_close(db);
}

#define S(x) ((x) ? (x) : "(null)")

/* The triggers on finding that migrations after 18 add (19: its versions'
 * found digest forgotten). */
#define LATER_TRIGGERS "('finding_state_digest', 'finding_delete_digest')"
#define N_LATER_TRIGGERS 2
/* The SQL of finding's indexes and triggers, by name: the same after the
 * table is built again (but for those later migrations add). */
#define SCHEMA_OF_FINDING                                                                     \
	"SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema WHERE"                \
	" tbl_name = 'finding' AND type IN ('index', 'trigger') AND sql IS NOT NULL"             \
	" AND name NOT IN " LATER_TRIGGERS " ORDER BY name)"

static void test_migrate(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_findings_query q;
	struct psirt_store_finding_row *rows;
	struct psirt_finding *items;
	struct psirt_store *s;
	struct psirt_arena arena;
	char *big = big_evidence();
	long long indexes, triggers;
	char *schema; /* the SQL of finding's indexes and triggers */
	size_t n, i, k;
	sqlite3 *db;

	(void)state;
	make_dir();
	old_store(big);
	db = tss_sqlite_open(db_path);
	indexes = tss_sqlite_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
	                             " AND tbl_name = 'finding'");
	triggers = tss_sqlite_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
	                              " AND tbl_name = 'finding'");
	assert_true(indexes >= 8);
	assert_true(triggers >= 6);
	schema = strdup(text(db, SCHEMA_OF_FINDING));
	sqlite3_close(db);

	if (psirt_store_open(db_path, 0, &s, &d))
		fail_msg("open: %s", d.message);
	assert_int_equal(psirt_store_schema_version(s), psirt_store_schema_latest());
	assert_int_equal(psirt_store_migrations_applied(s),
	                 (int)(store__n_migrations - narrow_index()));
	/* the table was built again with foreign keys off: back on after */
	assert_int_equal(tss_sqlite_int(s->db, "PRAGMA foreign_keys"), 1);

	/* the page reader: every value as written */
	psirt_arena_init(&arena, 0);
	memset(&q, 0, sizeof q);
	q.sort = PSIRT_FINDINGS_BY_PRIORITY;
	if (psirt_store_findings_page(s, &q, &arena, &items, &n, NULL, &d))
		fail_msg("page: %s", d.message);
	assert_int_equal(n, sizeof olds / sizeof olds[0]);
	for (k = 0; k < n; k++) {
		const struct psirt_finding *x = &items[k];
		const struct old_finding *o = NULL;

		for (i = 0; i < sizeof olds / sizeof olds[0]; i++)
			if (olds[i].id == x->id)
				o = &olds[i];
		assert_non_null(o);
		assert_string_equal(x->component, o->component);
		assert_string_equal(x->vuln, o->vuln);
		assert_string_equal(x->state, o->state);
		assert_string_equal(S(x->closed_at), S(o->closed_at));
		assert_string_equal(x->evidence, o->evidence ? o->evidence : big);
		assert_string_equal(S(x->ssvc_inputs), S(o->ssvc_inputs));
		assert_string_equal(S(x->reason), S(o->reason));
		assert_string_equal(S(x->policy), S(o->policy));
		assert_int_equal(x->priority, 4);
	}
	/* the brief page keeps the reason */
	q.brief = 1;
	q.id = 3;
	if (psirt_store_findings_page(s, &q, &arena, &items, &n, NULL, &d))
		fail_msg("page: %s", d.message);
	assert_int_equal(n, 1);
	assert_string_equal(items[0].reason, "sha256:aa");
	assert_null(items[0].evidence);
	assert_null(items[0].policy);

	/* the rows a run compares with what it finds */
	if (psirt_store_findings_of(s, 1, 0, &arena, &rows, &n, &d))
		fail_msg("findings of: %s", d.message);
	assert_int_equal(n, sizeof olds / sizeof olds[0]);
	for (k = 0; k < n; k++) {
		for (i = 0; olds[i].id != rows[k].id; i++)
			assert_true(i + 1 < sizeof olds / sizeof olds[0]);
		assert_string_equal(rows[k].state, olds[i].state);
		/* no hash (written before migration 19) */
		assert_int_equal(rows[k].has_hash, 0);
	}
	/* the evidence read on its own, as a run reads it for a finding
	 * without a hash: the same text; none for a finding that has none */
	for (k = 0; k < n; k++) {
		const char *ev = "unset";

		for (i = 0; olds[i].id != rows[k].id; i++)
			;
		if (psirt_store_finding_evidence(s, rows[k].id, &arena, &ev, &d))
			fail_msg("evidence: %s", d.message);
		assert_non_null(ev);
		assert_string_equal(ev, olds[i].evidence ? olds[i].evidence : big);
	}
	{
		const char *ev = "unset";

		assert_int_equal(psirt_store_finding_evidence(s, 999999, &arena, &ev, &d), PSIRT_OK);
		assert_null(ev);
	}
	psirt_arena_release(&arena);
	psirt_store_close(s);

	/* the layout: old columns gone, each text once, indexes and triggers
	 * kept, the override kept, the evidence deleted with its finding */
	db = tss_sqlite_open(db_path);
	tss_sqlite_exec(db, "PRAGMA foreign_keys = ON");
	assert_int_equal(
	    tss_sqlite_int(db, "SELECT count(*) FROM pragma_table_info('finding') WHERE name IN"
	                       " ('evidence', 'ssvc_inputs', 'reason', 'policy')"),
	    0);
	assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding_text"), 7);
	assert_int_equal(tss_sqlite_int(db, "SELECT count(DISTINCT reason_ref) FROM finding"), 3);
	assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding_evidence"), 5);
	assert_int_equal(tss_sqlite_int(db,
	                                "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
	                                " AND tbl_name = 'finding'"),
	                 indexes);
	assert_int_equal(tss_sqlite_int(db,
	                                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
	                                " AND tbl_name = 'finding'"),
	                 triggers + N_LATER_TRIGGERS);
	assert_string_equal(text(db, SCHEMA_OF_FINDING), schema);
	assert_int_equal(
	    tss_sqlite_int(db, "SELECT count(*) FROM finding_ssvc_override WHERE finding = 3"), 1);
	/* the CHECKs written without IN lists still refuse what they did */
	assert_int_equal(sqlite3_exec(db, "UPDATE finding SET state = 'open' WHERE id = 1", NULL,
	                              NULL, NULL),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db, "UPDATE finding SET justification = 'none' WHERE id = 1",
	                              NULL, NULL, NULL),
	                 SQLITE_CONSTRAINT);
	tss_sqlite_exec(db, "UPDATE finding SET state = 'not_affected',"
	            " justification = 'inline_mitigations_already_exist' WHERE id = 1");
	assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_string_equal(text(db, "PRAGMA integrity_check"), "ok");
	tss_sqlite_exec(db, "DELETE FROM product_version WHERE id = 1");
	assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding_evidence"), 0);
	sqlite3_close(db);
	free(schema);
	free(big);
	drop_dir();
}

/* The evidence of finding id as stored, unpacked, in a static buffer. */
static const char *unpacked(sqlite3 *db, long long id)
{
	static char v[256];
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_evpack *p;
	struct psirt_buf b = PSIRT_BUF_INIT;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT evidence FROM finding_evidence WHERE finding = ?1", -1,
	                       &st, NULL) != SQLITE_OK)
		fail_msg("prepare: %s", sqlite3_errmsg(db));
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	if (psirt_evpack_new(&p, &d) ||
	    psirt_evpack_unpack(p, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
	                        &b, &d))
		fail_msg("unpack: %s", d.message);
	snprintf(v, sizeof v, "%s", b.p);
	psirt_buf_release(&b);
	psirt_evpack_free(p);
	sqlite3_finalize(st);
	return v;
}

/* Two findings (ids 1, 2) of a fresh file store, inserted undecided. */
static struct psirt_store *two_findings(void)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	struct psirt_store_found f;
	int i;

	make_dir();
	if (psirt_store_open(db_path, PSIRT_STORE_CREATE, &s, &d) ||
	    psirt_portfolio_product_add(s, "cam", NULL, "test", &d) ||
	    psirt_portfolio_version_add(s, "cam", "2.0", NULL, "test", &d))
		fail_msg("store: %s", d.message);
	for (i = 0; i < 2; i++) {
		memset(&f, 0, sizeof f);
		f.version_id = 1; /* the store's first version */
		f.component = "zlib@1.2.11";
		f.vuln = i ? "CVE-2018-25032" : "CVE-2022-37434";
		f.record = f.vuln;
		f.source = "nvd";
		f.confidence = "high";
		f.evidence = i ? "[1]" : "[0]";
		if (psirt_store_finding_insert(s, &f, 1, "test", NULL, &d))
			fail_msg("insert: %s", d.message);
	}
	return s;
}

/* The reason, inputs and policy finding id reads back, "|"-separated. */
static const char *decided(struct psirt_store *s, long long id)
{
	static char v[512];
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_findings_query q;
	struct psirt_finding *items;
	struct psirt_arena arena;
	size_t n;

	psirt_arena_init(&arena, 0);
	memset(&q, 0, sizeof q);
	q.id = id;
	if (psirt_store_findings_page(s, &q, &arena, &items, &n, NULL, &d))
		fail_msg("page: %s", d.message);
	assert_int_equal(n, 1);
	snprintf(v, sizeof v, "%s|%s|%s", S(items[0].reason), S(items[0].ssvc_inputs),
	         S(items[0].policy));
	psirt_arena_release(&arena);
	return v;
}

/* A text first written in a transaction rolled back gets no id from the
 * cache afterwards: the rollback freed its id, which the next new text
 * takes. */
static void test_rollback(void **state)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s = two_findings();
	struct psirt_store_triage_decision dec = {
	    "Track", "{\"E\":\"none\"}", "2026-03-01", "routine", "R1", "sha256:cc", 4, 0};
	sqlite3 *db;

	(void)state;
	if (psirt_store_begin(s, &d) || psirt_store_triage_save(s, 1, &dec, &d))
		fail_msg("save: %s", d.message);
	assert_string_equal(decided(s, 1), "R1|{\"E\":\"none\"}|sha256:cc");
	psirt_store_rollback(s);
	assert_string_equal(decided(s, 1), "(null)|(null)|(null)");

	if (psirt_store_begin(s, &d))
		fail_msg("begin: %s", d.message);
	dec.reason = "R2";
	if (psirt_store_triage_save(s, 1, &dec, &d))
		fail_msg("save: %s", d.message);
	dec.reason = "R1";
	if (psirt_store_triage_save(s, 2, &dec, &d) || psirt_store_commit(s, &d))
		fail_msg("save: %s", d.message);
	assert_string_equal(decided(s, 1), "R2|{\"E\":\"none\"}|sha256:cc");
	assert_string_equal(decided(s, 2), "R1|{\"E\":\"none\"}|sha256:cc");

	/* committed ids stay cached and shared; NULL clears */
	dec.reason = NULL;
	dec.policy = NULL;
	if (psirt_store_triage_save(s, 1, &dec, &d))
		fail_msg("save: %s", d.message);
	assert_string_equal(decided(s, 1), "(null)|{\"E\":\"none\"}|(null)");
	/* packed evidence read on its own (an incremental run's compare) is
	 * its text, not the stored blob */
	{
		struct psirt_arena arena;
		const char *ev = NULL;

		psirt_arena_init(&arena, 0);
		if (psirt_store_finding_evidence(s, 2, &arena, &ev, &d))
			fail_msg("evidence: %s", d.message);
		assert_non_null(ev);
		assert_string_equal(ev, "[1]");
		psirt_arena_release(&arena);
	}
	psirt_store_close(s);

	db = tss_sqlite_open(db_path);
	/* inputs, R2, policy, R1: each once */
	assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding_text"), 4);
	assert_int_equal(tss_sqlite_int(db, "SELECT count(DISTINCT ssvc_inputs_ref) FROM finding"),
	                 1);
	/* the evidence packed (include/psirt/evpack.h), each its text */
	assert_string_equal(text(db, "SELECT group_concat(typeof(evidence), ' ') FROM"
	                             " (SELECT evidence FROM finding_evidence ORDER BY finding)"),
	                    "blob blob");
	assert_string_equal(unpacked(db, 1), "[0]");
	assert_string_equal(unpacked(db, 2), "[1]");
	sqlite3_close(db);
	drop_dir();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_migrate),
	    cmocka_unit_test(test_rollback),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
