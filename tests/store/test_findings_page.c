/* Pages of findings (src/store/findings_page.c) on a store of 400 findings
 * with many ties in the sort keys: walking every page — by offset (a deep
 * page is skipped in the sort's index) and by keyset (`after`) — gives the
 * whole list in the same order, for each sort and filter; totals follow a
 * change made by another connection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "psirt/findings.h"
#include "psirt/store.h"
#include "store/internal.h"
#include "support/store_support.h"
#include "support/support.h"

#define N_FINDINGS 400

static char *dir, path[PATH_MAX + 32];

/* Findings whose keys tie often: 5 priorities (one NULL), 4 deadlines (one
 * NULL), 3 first_seen instants, 3 states. */
static void fill(sqlite3 *db, int from, int to)
{
	char sql[1024];
	int i;

	tss_sqlite_exec(db, "BEGIN");
	for (i = from; i < to; i++) {
		static const char *const dl[] = { "NULL", "'2026-01-10'", "'2026-02-01'",
			                          "'2026-01-10'" };
		static const char *const st[] = { "in_triage", "affected", "not_affected",
			                          "in_triage" };
		unsigned r = (unsigned)i * 2654435761u;

		snprintf(sql, sizeof sql,
		         "INSERT INTO finding (id, version_id, component, vuln, record, source,"
		         " confidence, first_seen, last_seen, seen_run, kev, state,"
		         " priority, deadline) VALUES (%d, %u, 'c@%d', 'CVE-2026-%04d', 'r', 'nvd',"
		         " 'high', '2026-01-0%uT00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1,"
		         " %u, '%s', %s, %s);"
		         " INSERT INTO finding_evidence (finding, evidence) VALUES (%d, '[]')",
		         i + 1, 1 + (r >> 3) % 12, i, i, 1 + (r >> 7) % 3, (r >> 11) % 2,
		         st[(r >> 13) % 4], (r >> 17) % 5 ? (const char *[]){ "1", "2", "3", "4" }[(r >> 19) % 4] : "NULL",
		         dl[(r >> 23) % 4], i + 1);
		tss_sqlite_exec(db, sql);
	}
	tss_sqlite_exec(db, "COMMIT");
}

static int setup(void **state)
{
	struct psirt_store *s;
	sqlite3 *db;
	int p, v;

	(void)state;
	dir = tss_tmp_dir("test-fpage");
	snprintf(path, sizeof path, "%s/psirt.db", dir);
	if (psirt_store_open(path, PSIRT_STORE_CREATE, &s, NULL))
		return -1;
	psirt_store_close(s);
	db = tss_sqlite_open(path);
	for (p = 1; p <= 3; p++) {
		char sql[256];

		snprintf(sql, sizeof sql,
		         "INSERT INTO product (id, name, created_at, updated_at) VALUES (%d, 'p%d',"
		         " 'x', 'x')",
		         p, p);
		tss_sqlite_exec(db, sql);
		for (v = 1; v <= 4; v++) {
			snprintf(sql, sizeof sql,
			         "INSERT INTO product_version (id, product, version, created_at,"
			         " updated_at) VALUES (%d, %d, '1.%d', 'x', 'x')",
			         (p - 1) * 4 + v, p, v);
			tss_sqlite_exec(db, sql);
		}
	}
	tss_sqlite_exec(db,
	                "INSERT INTO match_run (id, at, actor, kind) VALUES (1, 'x', 't', 'all')");
	fill(db, 0, N_FINDINGS);
	sqlite3_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tss_tmp_dir_remove(dir);
	dir = NULL;
	return 0;
}

/* The ids of one page. */
static size_t page(struct psirt_store *s, const struct psirt_findings_query *q, long long *ids,
                   unsigned long long *total)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena a;
	struct psirt_finding *items;
	size_t n, i;

	psirt_arena_init(&a, 0);
	if (psirt_store_findings_page(s, q, &a, &items, &n, total, &d))
		fail_msg("page: %s", d.message);
	for (i = 0; i < n; i++)
		ids[i] = items[i].id;
	psirt_arena_release(&a);
	return n;
}

static void test_walks(void **state)
{
	static const enum psirt_findings_sort sorts[] = {
		PSIRT_FINDINGS_BY_PRIORITY, PSIRT_FINDINGS_BY_DEADLINE, PSIRT_FINDINGS_BY_FIRST_SEEN,
		PSIRT_FINDINGS_BY_PRODUCT, PSIRT_FINDINGS_BY_VULN,
	};
	static const struct {
		const char *product, *state;
		int kev, priority;
	} filters[] = { { NULL, NULL, 0, 0 }, { NULL, "open", 0, 0 }, { "p2", NULL, 0, 0 },
		        { NULL, NULL, 1, 0 },  { NULL, "in_triage", 0, 2 } };
	struct ts_suite suite = { "pages of findings", 0, 0 };
	struct psirt_store *s;
	long long all[N_FINDINGS], walk[N_FINDINGS + 8];
	size_t f, k, n, got, step;

	(void)state;
	if (psirt_store_open(path, 0, &s, NULL))
		fail_msg("open");
	for (f = 0; f < sizeof filters / sizeof filters[0]; f++) {
		for (k = 0; k < sizeof sorts / sizeof sorts[0]; k++) {
			struct psirt_findings_query q;
			unsigned long long total = 0;
			int keyset = sorts[k] == PSIRT_FINDINGS_BY_PRIORITY ||
			             sorts[k] == PSIRT_FINDINGS_BY_DEADLINE;

			memset(&q, 0, sizeof q);
			q.product = filters[f].product;
			q.state = filters[f].state;
			q.kev = filters[f].kev;
			q.priority = filters[f].priority;
			q.sort = sorts[k];
			q.brief = (int)(f % 2);
			n = page(s, &q, all, &total);
			ts_case(&suite, n > 10 && total == n, "filter %zu sort %zu: %zu findings, total %llu",
			        f, k, n, total);
			/* by offset, 7 a page */
			for (got = 0, q.limit = 7;; got += step) {
				q.offset = got;
				step = page(s, &q, walk + got, NULL);
				if (!step || got + step > n)
					break;
			}
			ts_case(&suite, got == n && !memcmp(all, walk, n * sizeof *all),
			        "filter %zu sort %zu: offset pages", f, k);
			if (!keyset)
				continue;
			/* by keyset, 7 a page: the same list */
			q.offset = 0;
			q.after = 0;
			for (got = 0;; got += step) {
				step = page(s, &q, walk + got, NULL);
				if (!step || got + step > n)
					break;
				q.after = walk[got + step - 1];
				q.offset = 3; /* ignored with after */
			}
			ts_case(&suite, got == n && !memcmp(all, walk, n * sizeof *all),
			        "filter %zu sort %zu: keyset pages (%zu of %zu)", f, k, got, n);
		}
	}
	psirt_store_close(s);
	ts_suite_end(&suite);
}

/* A total is kept until the store changes, whoever changes it. */
static void test_totals_follow_changes(void **state)
{
	struct psirt_findings_query q;
	struct psirt_store *s;
	unsigned long long t1 = 0, t2 = 0, t3 = 0;
	long long ids[N_FINDINGS + 50];
	sqlite3 *db;

	(void)state;
	if (psirt_store_open(path, 0, &s, NULL))
		fail_msg("open");
	memset(&q, 0, sizeof q);
	q.limit = 1;
	page(s, &q, ids, &t1);
	page(s, &q, ids, &t2);
	assert_int_equal(t1, N_FINDINGS);
	assert_int_equal(t2, N_FINDINGS);
	db = tss_sqlite_open(path);
	fill(db, N_FINDINGS, N_FINDINGS + 25);
	page(s, &q, ids, &t3);
	assert_int_equal(t3, N_FINDINGS + 25);
	tss_sqlite_exec(db, "DELETE FROM finding WHERE id > 400");
	sqlite3_close(db);
	page(s, &q, ids, &t3);
	assert_int_equal(t3, N_FINDINGS);
	psirt_store_close(s);
}

/* The last page query the store's connection ran (its text). */
static char last_page_sql[8192];

static int trace_page(unsigned type, void *ctx, void *p, void *x)
{
	const char *sql = sqlite3_sql(p);

	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_STMT && sql && strstr(sql, "LIMIT ?12"))
		snprintf(last_page_sql, sizeof last_page_sql, "%s", sql);
	return 0;
}

/* A page of open findings sorted by priority or deadline — the first, a
 * deep one, a keyset one — reads a partial index of the open findings
 * (migration 12) and sorts nothing but the page: at any ratio of open to
 * closed findings it costs one page of index entries. */
static void test_open_pages_plan(void **state)
{
	static const struct {
		enum psirt_findings_sort sort;
		const char *index;
	} sorts[] = { { PSIRT_FINDINGS_BY_PRIORITY, "finding_page_open_priority" },
		      { PSIRT_FINDINGS_BY_DEADLINE, "finding_page_open_deadline" } };
	struct psirt_store *s;
	long long ids[64];
	size_t k, v;

	(void)state;
	if (psirt_store_open(path, 0, &s, NULL))
		fail_msg("open");
	sqlite3_trace_v2(s->db, SQLITE_TRACE_STMT, trace_page, NULL);
	for (k = 0; k < sizeof sorts / sizeof sorts[0]; k++) {
		for (v = 0; v < 3; v++) {
			struct psirt_findings_query q;
			char explain[sizeof last_page_sql + 32];
			sqlite3_stmt *st;
			int uses = 0, sorts_all = 0;

			memset(&q, 0, sizeof q);
			q.state = "open";
			q.sort = sorts[k].sort;
			q.limit = 10;
			q.offset = v == 1 ? 20 : 0;
			last_page_sql[0] = 0;
			if (v == 2) {
				q.limit = 1;
				assert_int_equal(page(s, &q, ids, NULL), 1);
				q.after = ids[0];
				q.limit = 10;
				last_page_sql[0] = 0;
			}
			page(s, &q, ids, NULL);
			assert_true(last_page_sql[0]);
			snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", last_page_sql);
			assert_int_equal(sqlite3_prepare_v2(s->db, explain, -1, &st, NULL), SQLITE_OK);
			while (sqlite3_step(st) == SQLITE_ROW) {
				const char *detail = (const char *)sqlite3_column_text(st, 3);

				uses |= detail && strstr(detail, sorts[k].index) != NULL;
				/* the outer query of a deep or keyset page orders its
				 * few rows; a first page sorts nothing */
				sorts_all |= v == 0 && detail && strstr(detail, "TEMP B-TREE FOR ORDER BY") != NULL;
			}
			sqlite3_finalize(st);
			if (!uses || sorts_all)
				fail_msg("sort %zu variant %zu: %s", k, v, last_page_sql);
		}
	}
	sqlite3_trace_v2(s->db, 0, NULL, NULL);
	psirt_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walks),
		cmocka_unit_test(test_open_pages_plan),
		cmocka_unit_test(test_totals_follow_changes),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, setup, teardown);
}
