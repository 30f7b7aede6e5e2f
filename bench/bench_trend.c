/* The cost of the finding_day triggers (migrations.c) on the writes a big
 * match run makes, each in one transaction, each with the triggers and
 * again on a store without them (alternated, best of 3: the machine is
 * shared):
 *   insert        one INSERT per finding and its audit row, as the matcher
 *                 writes them
 *   insert batch  all rows by one INSERT ... SELECT (for comparison)
 *   triage        one UPDATE per finding of its decision, kev included
 *   close         one UPDATE of state and closed_at per finding
 * and reading the 3,650-day series. Each also with stand-ins for another
 * module's triggers on the same statements (see other_sql).
 *
 * usage: bench_trend [N] [REPEAT]   (default 200000 findings, best of 3)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/portfolio.h"
#include "psirt/store.h"
#include "psirt/trend.h"
#include "bench_util.h"

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_trend: %s: %s\n", what, msg);
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		die(sql, err);
}

static void clock_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(cx, "2026-01-20T00:00:00.000Z", -1, SQLITE_STATIC);
}

static void remove_db(const char *path)
{
	char side[128];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

struct times {
	double insert, batch, triage, close;
};

/* Stand-ins for another module's triggers on the same statements (the
 * triage's change marks on a parallel branch: AFTER INSERT and AFTER
 * UPDATE OF state on finding): with them the statement journal is paid
 * already, and finding_day's triggers add only their UPSERT. */
static const char other_sql[] =
	"CREATE TRIGGER bench_other_ins AFTER INSERT ON finding WHEN 0 BEGIN SELECT 1; END;"
	"CREATE TRIGGER bench_other_state AFTER UPDATE OF state ON finding WHEN 0 BEGIN"
	" SELECT 1; END;";

static sqlite3 *fresh(const char *path, int triggers, int other)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	sqlite3 *db;

	remove_db(path);
	if (psirt_store_open(path, PSIRT_STORE_CREATE, &s, &d) ||
	    psirt_portfolio_product_add(s, "p", NULL, "bench", &d) ||
	    psirt_portfolio_version_add(s, "p", "1.0", NULL, "bench", &d))
		die("store", d.message);
	psirt_store_close(s);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("open", sqlite3_errmsg(db));
	sqlite3_create_function(db, "psirt_now", 0, SQLITE_UTF8, NULL, clock_fn, NULL, NULL);
	/* the store's own settings (store.c) */
	exec(db, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"
	         " PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON");
	if (!triggers)
		exec(db, "DROP TRIGGER finding_day_insert; DROP TRIGGER finding_day_insert_closed;"
		         "DROP TRIGGER finding_day_state; DROP TRIGGER finding_day_delete");
	if (other)
		exec(db, other_sql);
	return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
	return st;
}

static void step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("step", sqlite3_errmsg(db));
	sqlite3_reset(st);
}

/* The finding writes on one store file, timed. */
static struct times run(const char *path, long n, int triggers, int other)
{
	struct times t;
	sqlite3 *db = fresh(path, triggers, other);
	sqlite3_stmt *st, *au, *ev;
	char comp[32], vuln[32], day[32];
	double t0;
	long i;

	/* the matcher's insert (src/store/findings_incr.c), 20 days of
	 * first_seen, the finding's evidence (migration 18) and the audit row
	 * it writes with each new finding */
	exec(db, "BEGIN");
	st = prepare(db, "INSERT INTO finding (version_id, component, component_name,"
	                 " component_version, component_purl, vuln, record, source, confidence,"
	                 " first_seen, last_seen, seen_run, kev)"
	                 " VALUES (1, ?1, 'c', '1', NULL, ?2, ?2, 'nvd', 'high', ?3, ?3, 1,"
	                 " EXISTS (SELECT 1 FROM kev WHERE cve = ?2))");
	ev = prepare(db, "INSERT INTO finding_evidence (finding, evidence) VALUES (?1, '[]')");
	au = prepare(db, "INSERT INTO audit_log (at, actor, entity, entity_id, field, old_value,"
	                 " new_value, comment) VALUES (?1, 'bench', 'finding', ?2, 'state', NULL,"
	                 " 'in_triage', 'found by psirt match')");
	t0 = bench_now_s();
	for (i = 0; i < n; i++) {
		snprintf(comp, sizeof comp, "c%ld@1", i % 1000);
		snprintf(vuln, sizeof vuln, "CVE-2024-%ld", i / 1000);
		snprintf(day, sizeof day, "2026-01-%02ldT08:00:00.000Z", 1 + i % 20);
		sqlite3_bind_text(st, 1, comp, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, vuln, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, day, -1, SQLITE_STATIC);
		step(db, st);
		sqlite3_bind_int64(ev, 1, (long long)sqlite3_last_insert_rowid(db));
		step(db, ev);
		snprintf(comp, sizeof comp, "%lld", (long long)sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(au, 1, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(au, 2, comp, -1, SQLITE_STATIC);
		step(db, au);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ev);
	sqlite3_finalize(au);
	exec(db, "COMMIT");
	t.insert = bench_now_s() - t0;

	/* the triage: every open row's decision, one UPDATE each (its texts
	 * by id, as the store's cache gives them: migration 18) */
	exec(db, "BEGIN");
	exec(db, "INSERT INTO finding_text (id, text) VALUES (1, '{}'), (2, 'P3 routine'), (3, 'fp')");
	st = prepare(db, "UPDATE finding SET ssvc = ?2, ssvc_inputs_ref = ?3, priority = ?4,"
	                 " deadline = ?5, response_class = ?6, reason_ref = ?7, policy_ref = ?8,"
	                 " kev = ?9 WHERE id = ?1");
	t0 = bench_now_s();
	for (i = 1; i <= n; i++) {
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, "track", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, 1);
		sqlite3_bind_int(st, 4, 3);
		sqlite3_bind_text(st, 5, "2026-04-01", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, "routine", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 7, 2);
		sqlite3_bind_int(st, 8, 3);
		sqlite3_bind_int(st, 9, i % 50 == 0);
		step(db, st);
	}
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	t.triage = bench_now_s() - t0;

	/* every finding closed, one UPDATE each (the matcher's close) */
	exec(db, "BEGIN");
	st = prepare(db, "UPDATE finding SET state = ?2, closed_at = ?3 WHERE id = ?1");
	t0 = bench_now_s();
	for (i = 1; i <= n; i++) {
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, "fixed", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, "2026-01-20T00:00:00.000Z", -1, SQLITE_STATIC);
		step(db, st);
	}
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	t.close = bench_now_s() - t0;
	sqlite3_close(db);

	/* the same rows by one statement, on a fresh store */
	db = fresh(path, triggers, other);
	t0 = bench_now_s();
	st = prepare(db, "INSERT INTO finding (version_id, component, component_name,"
	                 " component_version, component_purl, vuln, record, source, confidence,"
	                 " first_seen, last_seen, seen_run, kev)"
	                 " WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k"
	                 "  WHERE i < ?1 - 1)"
	                 " SELECT 1, 'c' || (i % 1000) || '@1', 'c', '1', NULL,"
	                 " 'CVE-2024-' || (i / 1000), 'CVE-2024-' || (i / 1000), 'nvd', 'high',"
	                 " printf('2026-01-%02dT08:00:00.000Z', 1 + i % 20),"
	                 " printf('2026-01-%02dT08:00:00.000Z', 1 + i % 20), 1, 0 FROM k");
	sqlite3_bind_int64(st, 1, n);
	exec(db, "BEGIN");
	step(db, st);
	exec(db, "COMMIT");
	sqlite3_finalize(st);
	t.batch = bench_now_s() - t0;
	sqlite3_close(db);
	return t;
}

static void best(struct times *b, const struct times *t, int first)
{
	if (first || t->insert < b->insert)
		b->insert = t->insert;
	if (first || t->batch < b->batch)
		b->batch = t->batch;
	if (first || t->triage < b->triage)
		b->triage = t->triage;
	if (first || t->close < b->close)
		b->close = t->close;
}

static double get(const struct times *t, int which)
{
	return which == 0 ? t->insert : which == 1 ? t->batch : which == 2 ? t->triage : t->close;
}

static void line(const char *what, const struct times *t, int which, long n)
{
	double v[4];

	for (int i = 0; i < 4; i++)
		v[i] = get(&t[i], which) / (double)n * 1e9;
	printf("  %-30s %8.0f ns %8.0f ns %+6.1f%% %8.0f ns %8.0f ns %+6.1f%%\n", what, v[0], v[1],
	       (v[1] / v[0] - 1) * 100, v[2], v[3], (v[3] / v[2] - 1) * 100);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
	long repeat = argc > 2 ? strtol(argv[2], NULL, 10) : 3;
	char path[64];
	/* no trigger, finding_day's, another's, both */
	struct times b[4] = { { 0, 0, 0, 0 } };
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	struct psirt_arena arena;
	struct psirt_trend_day *days;
	size_t nd;
	double t0, t_series;

	if (n < 1 || repeat < 1)
		die("usage", "bench_trend [N] [REPEAT]");
	snprintf(path, sizeof path, "/tmp/psirt-bench-trend-%ld.db", (long)getpid());
	for (long r = 0; r < repeat; r++) {
		for (int v = 0; v < 4; v++) {
			struct times t = run(path, n, v & 1, v >> 1);

			best(&b[v], &t, !r);
		}
	}
	/* the series of the last store written (the batch, with triggers) */
	setenv("PSIRT_NOW", "2026-01-20T00:00:00Z", 1);
	if (psirt_store_open(path, 0, &s, &d))
		die("open", d.message);
	psirt_arena_init(&arena, 0);
	t0 = bench_now_s();
	if (psirt_store_findings_trend_last(s, 3650, NULL, &arena, &days, &nd, &d))
		die("trend", d.message);
	t_series = bench_now_s() - t0;
	if (days[nd - 1].open != n || days[nd - 1].opened != n / 20)
		die("trend", "the series does not count the batch's findings");
	psirt_arena_release(&arena);
	psirt_store_close(s);
	remove_db(path);

	printf("findings: %ld rows, one transaction each step, best of %ld (per row)\n", n, repeat);
	printf("  %-30s %11s %11s %7s %11s %11s %7s\n", "", "no trigger", "finding_day", "cost",
	       "other's", "both", "cost");
	line("insert + audit row, per row", b, 0, n);
	line("insert, one statement for all", b, 1, n);
	line("triage update (kev included)", b, 2, n);
	line("close: state update", b, 3, n);
	printf("  series of 3650 days: %.2f ms\n", t_series * 1e3);
	return 0;
}
