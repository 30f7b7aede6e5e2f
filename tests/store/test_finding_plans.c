/* The query plans of the server's reads of findings (src/store/findings_page.c,
 * affected.c, trend.c): every page query the API and the CLI can build —
 * each combination of filters, scope, sort and paging — the dashboard's
 * figures, a vulnerability's affected versions and the trend are run on a
 * store with findings while a trace collects each statement's text, and
 * EXPLAIN QUERY PLAN of each must not read finding's table whole ("SCAN f"),
 * nor sort the rows a page picks ("USE TEMP B-TREE FOR ORDER BY") where
 * the indexes were made to read them in order (in_index_order), nor read a
 * finding row where the dashboard and the affected totals count from an
 * index alone: as the plans were when the indexes of finding were last
 * weighed (docs/schema.md, "Which query uses which index of finding").
 * Dropping any one of those indexes fails it. Without statistics (psirt
 * runs no ANALYZE) SQLite's plans do not depend on the rows, so a small
 * store has the plans of a big one.
 *
 * PSIRT_PLANS_DUMP=1 prints each text and its plan (the table's source);
 * PSIRT_PLANS_SQL runs SQL first (an index dropped or changed, to see what
 * the plans become). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "psirt/findings.h"
#include "psirt/store.h"
#include "psirt/trend.h"
#include "store/internal.h"
#include "support/store_support.h"
#include "support/support.h"

/* What EXPLAIN QUERY PLAN says of a statement, for the rules below. */
enum {
	PLAN_TABLE_SCAN = 1,    /* "SCAN f": every finding row, no index */
	PLAN_SORT_OUTER = 2,    /* a temp B-tree for an ORDER BY of the outer query */
	PLAN_SORT_INNER = 4,    /* ... of a subquery (a deep or keyset page's rows) */
	PLAN_INDEX_SCAN = 8,    /* "SCAN f USING ...": a whole index of finding */
	PLAN_NOT_COVERING = 16, /* finding's rows read through an index */
};

/* The plans seen (text → flags + 1, kept per text: the same text comes
 * back for many queries) and the texts the current call ran. */
struct plans {
	struct psirt_store *s;
	struct psirt_map seen;
	char *ran[8];
	size_t n_ran;
	int lost; /* a text not kept: more than ran[] holds, or no memory */
	size_t n_texts;
	int dump;
};

static unsigned plan_of(struct plans *p, const char *sql)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	sqlite3_stmt *st;
	uintptr_t v = (uintptr_t)psirt_map_get(&p->seen, sql, strlen(sql));
	unsigned flags = 0;

	if (v)
		return (unsigned)(v - 1);
	psirt_buf_addf(&b, "EXPLAIN QUERY PLAN %s", sql);
	assert_false(psirt_buf_error(&b));
	if (sqlite3_prepare_v2(p->s->db, b.p, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", b.p, sqlite3_errmsg(p->s->db));
	if (p->dump)
		printf("SQL %s\n", sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int parent = sqlite3_column_int(st, 1);
		const char *d = (const char *)sqlite3_column_text(st, 3);

		if (!d)
			continue;
		if (p->dump)
			printf("  %d %d %s\n", sqlite3_column_int(st, 0), parent, d);
		/* a count(*) names the table, not its alias */
		if (!strcmp(d, "SCAN f") || !strncmp(d, "SCAN f (", 8) || !strcmp(d, "SCAN finding"))
			flags |= PLAN_TABLE_SCAN;
		if (!strncmp(d, "SCAN f USING ", 13))
			flags |= PLAN_INDEX_SCAN;
		if ((!strncmp(d, "SCAN f ", 7) || !strncmp(d, "SEARCH f ", 9)) &&
		    !strstr(d, " COVERING INDEX ") && !strstr(d, " INTEGER PRIMARY KEY "))
			flags |= PLAN_NOT_COVERING;
		if (!strncmp(d, "USE TEMP B-TREE FOR ", 20) && strstr(d, "ORDER BY"))
			flags |= parent ? PLAN_SORT_INNER : PLAN_SORT_OUTER;
	}
	sqlite3_finalize(st);
	psirt_buf_release(&b);
	if (psirt_map_put(&p->seen, sql, strlen(sql), (void *)(uintptr_t)(flags + 1), NULL))
		fail_msg("out of memory");
	p->n_texts++;
	return flags;
}

/* Keeps the texts of the statements reading finding the current call runs
 * (their plans are read after the call: not while a statement runs). */
static int trace_text(unsigned type, void *ctx, void *stmt, void *x)
{
	struct plans *p = ctx;
	const char *sql = sqlite3_sql(stmt);

	(void)x;
	if (type != SQLITE_TRACE_STMT || !sql || !strstr(sql, "finding f"))
		return 0;
	if (p->n_ran < sizeof p->ran / sizeof p->ran[0] && (p->ran[p->n_ran] = strdup(sql)))
		p->n_ran++;
	else
		p->lost = 1;
	return 0;
}

/* The flags of the statements the last call ran whose text has
 * `contains` (NULL: every one), or'ed; *n their number. */
static unsigned ran_plans(struct plans *p, const char *contains, size_t *n)
{
	unsigned flags = 0;
	size_t i;

	*n = 0;
	assert_false(p->lost);
	for (i = 0; i < p->n_ran; i++) {
		if (contains && !strstr(p->ran[i], contains))
			continue;
		flags |= plan_of(p, p->ran[i]);
		(*n)++;
	}
	return flags;
}

static void ran_reset(struct plans *p)
{
	while (p->n_ran)
		free(p->ran[--p->n_ran]);
}

/* Products p1..p3 of 4 versions, 60 findings over them in every state, a
 * user, an embargo in force (so hiding embargoed findings is a condition). */
static struct psirt_store *store_with_findings(void)
{
	struct psirt_store *s = tss_store();
	char sql[1024];
	int p, v, i;

	tss_sqlite_exec(s->db, "BEGIN");
	for (p = 1; p <= 3; p++) {
		snprintf(sql, sizeof sql,
		         "INSERT INTO product (id, name, owner, created_at, updated_at)"
		         " VALUES (%d, 'p%d', 'alice', 'x', 'x')",
		         p, p);
		tss_sqlite_exec(s->db, sql);
		for (v = 1; v <= 4; v++) {
			snprintf(sql, sizeof sql,
			         "INSERT INTO product_version (id, product, version, units,"
			         " created_at, updated_at) VALUES (%d, %d, '1.%d', 10, 'x', 'x')",
			         (p - 1) * 4 + v, p, v);
			tss_sqlite_exec(s->db, sql);
		}
	}
	for (i = 0; i < 60; i++) {
		static const char *const st[] = { "in_triage", "affected", "not_affected",
			                          "fixed" };
		static const char *const pr[] = { "NULL", "1", "2", "3", "4" };

		snprintf(sql, sizeof sql,
		         "INSERT INTO finding (version_id, component, vuln, record, source,"
		         " confidence, first_seen, last_seen, seen_run, kev, state, priority,"
		         " deadline) VALUES (%d, 'c%d', 'CVE-2026-%04d', 'r', 'nvd', 'high',"
		         " '2026-01-0%dT00:00:00.000Z', '2026-01-10T00:00:00.000Z', 1, %d, '%s',"
		         " %s, %s)",
		         1 + i % 12, i, i % 7, 1 + i % 5, i % 2, st[i % 4],
		         pr[i % 5], i % 3 ? "'2026-02-01'" : "NULL");
		tss_sqlite_exec(s->db, sql);
	}
	tss_sqlite_exec(s->db, "INSERT INTO app_user (id, name, role, password_hash, created_at,"
	                       " updated_at) VALUES (1, 'alice', 'engineer', 'x', 'x', 'x');"
	                       "INSERT INTO vuln_embargo (name, until, set_by, set_at)"
	                       " VALUES ('CVE-2026-0003', NULL, 't', 'x');"
	                       "COMMIT");
	return s;
}

/* Does a page of q read its rows in the sort's order from an index of
 * finding, sorting none of the rows that match (only, for a deep or keyset
 * page, the page's own few rows once picked)? The pages the indexes were
 * made for (migrations 9, 12, 14), as the plans were when they were chosen:
 * - by priority: a named state's findings (finding_page_state, whatever
 *   else is asked); every finding, or those of one priority
 *   (finding_page_priority); the open ones (finding_page_open_priority,
 *   or with an engineer's scope finding_page_priority, skipping the
 *   closed), but overdue ones in an engineer's scope;
 * - by deadline: every finding (finding_page_deadline); the open ones, of
 *   one priority or overdue too (finding_page_open_deadline), but a
 *   keyset page of one priority and those in an engineer's scope;
 * - by first seen: every finding, or the open ones (finding_page_first_seen).
 * Pages of a product or a vulnerability read its findings by their own
 * index (the product's versions, finding_vuln_version) and sort those. */
static int in_index_order(const struct psirt_findings_query *q)
{
	int open = q->state && !strcmp(q->state, "open");
	int named = q->state && !open;
	int picked = q->product || q->vuln || q->id;

	switch (q->sort) {
	case PSIRT_FINDINGS_BY_PRIORITY:
		if (named)
			return !q->id;
		if (picked)
			return 0;
		if (!q->state)
			return !q->overdue_before;
		return !q->overdue_before || !q->owner;
	case PSIRT_FINDINGS_BY_DEADLINE:
		if (named || picked)
			return 0;
		if (!q->state)
			return !q->priority && !q->overdue_before;
		return !(q->owner && (q->overdue_before || q->priority)) &&
		       !(q->after && q->priority);
	case PSIRT_FINDINGS_BY_FIRST_SEEN:
		return !named && !picked && !q->priority && !q->overdue_before;
	default:
		return 0;
	}
}

static const char *describe(const struct psirt_findings_query *q)
{
	static char b[256];

	snprintf(b, sizeof b, "sort %d%s%s%s state %s%s priority %d%s%s%s%s offset %zu after %lld",
	         (int)q->sort, q->product ? " product" : "", q->version ? " version" : "",
	         q->vuln ? " vuln" : "", q->state ? q->state : "-", q->kev ? " kev" : "",
	         q->priority, q->overdue_before ? " overdue" : "", q->owner ? " owner" : "",
	         q->hide_embargoed_at ? " hide" : "", q->id ? " id" : "", q->offset, q->after);
	return b;
}

/* One page and its total; its statements' plans against the rules. */
static void check_page(struct plans *p, struct ts_suite *suite,
                       const struct psirt_findings_query *q)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena a;
	struct psirt_finding *items;
	unsigned long long total;
	unsigned page, all, sorted;
	size_t n, n_page, n_all;
	int first = !q->offset && !q->after;

	psirt_arena_init(&a, 0);
	if (psirt_store_findings_page(p->s, q, &a, &items, &n, first ? &total : NULL, &d))
		fail_msg("%s: %s", describe(q), d.message);
	psirt_arena_release(&a);
	page = ran_plans(p, "LIMIT ?12", &n_page);
	all = ran_plans(p, NULL, &n_all);
	ran_reset(p);
	/* the rows picked in order: a first page sorts nothing, a deep or
	 * keyset page only the rows its subquery picked */
	sorted = page & (first ? PLAN_SORT_OUTER | PLAN_SORT_INNER : PLAN_SORT_INNER);
	ts_case(suite, n_page == 1 && !(all & PLAN_TABLE_SCAN) && (!in_index_order(q) || !sorted),
	        "%s: %zu page statements, %s%s", describe(q), n_page,
	        all & PLAN_TABLE_SCAN ? "reads every finding row " : "",
	        in_index_order(q) && sorted ? "sorts the rows it picks" : "");
}

/* Every page query psirt_store_findings_page builds: the filters (the
 * API's: product, version, state open or one, kev, priority, overdue; the
 * engineer's owner; hiding embargoed findings; vuln, which only the API
 * has), each sort, a first page (with its total), a deep page, a keyset
 * page; then one finding by id in each scope. */
static void check_pages(struct plans *p, struct ts_suite *suite)
{
	static const char *const states[] = {NULL, "open", "in_triage"};
	unsigned mask, pv, st, sort, paging;

	for (pv = 0; pv < 3; pv++) {
		for (st = 0; st < 3; st++) {
			for (mask = 0; mask < 64; mask++) {
				for (sort = 0; sort < PSIRT_FINDINGS_SORT__MAX; sort++) {
					for (paging = 0; paging < 3; paging++) {
						struct psirt_findings_query q;

						memset(&q, 0, sizeof q);
						q.product = pv ? "p1" : NULL;
						q.version = pv == 2 ? "1.2" : NULL;
						q.state = states[st];
						q.kev = mask & 1;
						q.priority = mask & 2 ? 2 : 0;
						q.overdue_before = mask & 4 ? "2026-03-01" : NULL;
						q.owner = mask & 8 ? "alice" : NULL;
						q.owner_id = mask & 8 ? 1 : 0;
						q.hide_embargoed_at =
						    mask & 16 ? TSS_NOW_CANON : NULL;
						q.mark_embargoed_at =
						    mask & 16 ? NULL : TSS_NOW_CANON;
						q.vuln = mask & 32 ? "CVE-2026-0001" : NULL;
						q.sort = (enum psirt_findings_sort)sort;
						q.brief = (int)(mask & 1);
						q.limit = 5;
						q.offset = paging == 1 ? 5 : 0;
						q.after = paging == 2 ? 7 : 0;
						check_page(p, suite, &q);
					}
				}
			}
		}
	}
	for (mask = 0; mask < 4; mask++) {
		struct psirt_findings_query q;

		memset(&q, 0, sizeof q);
		q.id = 5;
		q.owner = mask & 1 ? "alice" : NULL;
		q.owner_id = mask & 1 ? 1 : 0;
		q.hide_embargoed_at = mask & 2 ? TSS_NOW_CANON : NULL;
		q.mark_embargoed_at = mask & 2 ? NULL : TSS_NOW_CANON;
		check_page(p, suite, &q);
	}
}

/* The dashboard counts every open finding from an index alone (covering,
 * no finding row read); a vulnerability's affected versions and the
 * trend's embargoed findings seek their vulnerability's index entries. */
static void check_others(struct plans *p, struct ts_suite *suite)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena a;
	unsigned mask, flags, totals;
	size_t n, n_st, n_totals;

	psirt_arena_init(&a, 0);
	for (mask = 0; mask < 4; mask++) {
		struct psirt_findings_figures f;
		struct psirt_affected_query q;
		struct psirt_affected_totals t;
		struct psirt_finding *items;
		struct psirt_trend_day *days;
		long long next;

		/* a store change: the cached totals are counted again */
		tss_sqlite_exec(p->s->db, "UPDATE finding SET kev = kev WHERE id = 1");

		if (psirt_store_findings_figures(p->s, "2026-01-15",
		                                 mask & 1 ? TSS_NOW_CANON : NULL, 5, &a, &f, &d))
			fail_msg("figures: %s", d.message);
		flags = ran_plans(p, NULL, &n_st);
		ran_reset(p);
		ts_case(suite,
		        n_st == 4 &&
		            !(flags & (PLAN_TABLE_SCAN | PLAN_INDEX_SCAN | PLAN_NOT_COVERING)),
		        "figures %u: %zu statements, flags %#x", mask, n_st, flags);

		memset(&q, 0, sizeof q);
		q.vuln = "CVE-2026-0001";
		q.owner = mask & 1 ? "alice" : NULL;
		q.owner_id = mask & 1 ? 1 : 0;
		q.limit = 2;
		q.after = mask & 2 ? 9 : 0;
		if (psirt_store_vuln_affected(p->s, &q, &a, &items, &n, &next, &t, &d))
			fail_msg("affected: %s", d.message);
		flags = ran_plans(p, NULL, &n_st);
		totals = ran_plans(p, "max(f.state", &n_totals);
		ran_reset(p);
		/* the totals (counted once per store change) from the index alone */
		ts_case(suite,
		        n_st == 2 && n_totals == 1 && !(totals & PLAN_NOT_COVERING) &&
		            !(flags & (PLAN_TABLE_SCAN | PLAN_INDEX_SCAN | PLAN_SORT_INNER)),
		        "affected %u: %zu statements, flags %#x, totals %#x", mask, n_st, flags,
		        totals);

		if (psirt_store_findings_trend(p->s, "2026-01-01", "2026-01-15",
		                               mask & 1 ? TSS_NOW_CANON : NULL, &a, &days, &n, &d))
			fail_msg("trend: %s", d.message);
		flags = ran_plans(p, NULL, &n_st);
		ran_reset(p);
		ts_case(suite, n_st == (mask & 1) && !(flags & (PLAN_TABLE_SCAN | PLAN_INDEX_SCAN)),
		        "trend %u: %zu statements, flags %#x", mask, n_st, flags);
	}
	psirt_arena_release(&a);
}

static void test_plans(void **state)
{
	struct plans p;
	struct ts_suite suite = {"plans of the reads of findings", 0, 0};

	(void)state;
	memset(&p, 0, sizeof p);
	p.s = store_with_findings();
	p.dump = getenv("PSIRT_PLANS_DUMP") != NULL;
	psirt_map_init(&p.seen);
	if (getenv("PSIRT_PLANS_SQL"))
		tss_sqlite_exec(p.s->db, getenv("PSIRT_PLANS_SQL"));
	sqlite3_trace_v2(p.s->db, SQLITE_TRACE_STMT, trace_text, &p);
	check_pages(&p, &suite);
	check_others(&p, &suite);
	sqlite3_trace_v2(p.s->db, 0, NULL, NULL);
	printf("%zu statement texts explained\n", p.n_texts);
	psirt_map_release(&p.seen);
	psirt_store_close(p.s);
	ts_suite_end(&suite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plans),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
