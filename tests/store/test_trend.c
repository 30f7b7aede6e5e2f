/* Open findings over time: the finding_day roll-up's triggers and backfill
 * (migrations.c), psirt_now() on the store's connection (store.c), and the
 * series read back (src/store/trend.c).
 *
 * The triggers are driven with plain SQL on a second connection that
 * registers its own psirt_now() (a settable clock), so each kind of change
 * is tested whatever C code writes findings; one end-to-end case goes
 * through the matcher and psirt_findings_set with PSIRT_NOW. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "psirt/feed.h"
#include "psirt/findings.h"
#include "psirt/portfolio.h"
#include "psirt/sbom.h"
#include "psirt/store.h"
#include "psirt/trend.h"
#include "store/internal.h"
#include "support/store_support.h"
#include "support/support.h"

static char *dir, db_path[PATH_MAX + 32];
static const char *clock_now = "2026-01-01T08:00:00.000Z";

static void test_clock(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(cx, clock_now, -1, SQLITE_STATIC);
}

/* A fresh store file with product p, version 1.0 (id 1); returns a raw
 * connection to it with the test clock as psirt_now(). */
static sqlite3 *fresh_db(int with_clock)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	sqlite3 *db;

	dir = tss_tmp_dir("test-trend");
	snprintf(db_path, sizeof db_path, "%s/psirt.db", dir);
	if (psirt_store_open(db_path, PSIRT_STORE_CREATE, &s, &d) ||
	    psirt_portfolio_product_add(s, "p", NULL, "test", &d) ||
	    psirt_portfolio_version_add(s, "p", "1.0", NULL, "test", &d))
		fail_msg("store: %s", d.message);
	psirt_store_close(s);
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (with_clock)
		assert_int_equal(sqlite3_create_function(db, "psirt_now", 0, SQLITE_UTF8, NULL,
		                                         test_clock, NULL, NULL),
		                 SQLITE_OK);
	return db;
}

static void drop_db(sqlite3 *db)
{
	sqlite3_close(db);
	tss_tmp_dir_remove(dir);
	dir = NULL;
}

/* finding_day as "day:opened/closed" lines. */
static void rollup(sqlite3 *db, char *out, size_t size)
{
	sqlite3_stmt *st;
	size_t len = 0;

	out[0] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT day, opened, closed FROM finding_day"
	                                    " ORDER BY day",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && len < size)
		len += (size_t)snprintf(out + len, size - len, "%s:%lld/%lld\n",
		                        sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		                        sqlite3_column_int64(st, 2));
	sqlite3_finalize(st);
}

/* The roll-up's sum is the open findings now. */
static int exact(sqlite3 *db)
{
	return tss_sqlite_int(db, "SELECT coalesce(sum(opened - closed), 0) FROM finding_day") ==
	       tss_sqlite_int(
	           db, "SELECT count(*) FROM finding WHERE state IN ('in_triage', 'affected')");
}

#define INSERT_FINDING(id, vuln, state, kev, first, closed)                                   \
	"INSERT INTO finding (id, version_id, component, vuln, record, source, confidence,"     \
	" first_seen, last_seen, seen_run, kev, state, closed_at) VALUES (" #id               \
	", 1, 'c@" #id "', '" vuln "', 'r', 'nvd', 'high', '" first "', '" first "', 1, " #kev       \
	", '" state "', " closed ")"

/* Each kind of change, with the roll-up expected after it. */
static void test_triggers(void **state)
{
	static const struct {
		const char *now, *sql, *want;
	} steps[] = {
		{ "2026-01-01T08:00:00.000Z",
		  INSERT_FINDING(1, "CVE-1", "in_triage", 0, "2026-01-01T08:00:00.000Z", "NULL") ";"
		  INSERT_FINDING(2, "CVE-2", "in_triage", 0, "2026-01-01T08:00:00.000Z", "NULL") ";"
		  INSERT_FINDING(3, "CVE-3", "in_triage", 1, "2026-01-01T08:00:00.000Z", "NULL"),
		  "2026-01-01:3/0\n" },
		/* open -> open is no change; a close on the clock's day */
		{ "2026-01-02T23:59:59.999Z",
		  "UPDATE finding SET state = 'affected' WHERE id = 1;"
		  "UPDATE finding SET state = 'not_affected',"
		  " closed_at = '2026-01-02T23:59:59.999Z' WHERE id = 2",
		  "2026-01-01:3/0\n2026-01-02:0/1\n" },
		/* a reopen counts as opened */
		{ "2026-01-03T00:00:00.000Z",
		  "UPDATE finding SET state = 'in_triage', closed_at = NULL WHERE id = 2;"
		  "UPDATE finding SET state = 'fixed', closed_at = '2026-01-03' WHERE id = 3",
		  "2026-01-01:3/0\n2026-01-02:0/1\n2026-01-03:1/1\n" },
		/* closed -> closed, other columns: nothing */
		{ "2026-01-03T10:00:00.000Z",
		  "UPDATE finding SET state = 'false_positive' WHERE id = 3;"
		  "UPDATE finding SET deadline = '2020-01-01', priority = 1, kev = 1 - kev",
		  "2026-01-01:3/0\n2026-01-02:0/1\n2026-01-03:1/1\n" },
		/* several rows in one statement */
		{ "2026-01-05T10:00:00.000Z", "UPDATE finding SET state = 'fixed' WHERE id IN (1, 2)",
		  "2026-01-01:3/0\n2026-01-02:0/1\n2026-01-03:1/1\n2026-01-05:0/2\n" },
		{ "2026-01-05T11:00:00.000Z", "UPDATE finding SET state = 'in_triage' WHERE id = 1",
		  "2026-01-01:3/0\n2026-01-02:0/1\n2026-01-03:1/1\n2026-01-05:1/2\n" },
		/* inserted closed: opened on first_seen, closed on closed_at */
		{ "2026-01-06T10:00:00.000Z",
		  INSERT_FINDING(4, "CVE-4", "fixed", 1, "2026-01-04T00:00:00.000Z",
		                 "'2026-01-06T01:00:00.000Z'"),
		  "2026-01-01:3/0\n2026-01-02:0/1\n2026-01-03:1/1\n2026-01-04:1/0\n"
		  "2026-01-05:1/2\n2026-01-06:0/1\n" },
		/* the version deleted: its open finding (1) closes that day */
		{ "2026-01-07T10:00:00.000Z", "DELETE FROM product_version WHERE id = 1",
		  "2026-01-01:3/0\n2026-01-02:0/1\n2026-01-03:1/1\n2026-01-04:1/0\n"
		  "2026-01-05:1/2\n2026-01-06:0/1\n2026-01-07:0/1\n" },
	};
	struct ts_suite suite = { "finding_day triggers", 0, 0 };
	sqlite3 *db = fresh_db(1);
	char got[2048];

	(void)state;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		clock_now = steps[i].now;
		tss_sqlite_exec(db, steps[i].sql);
		rollup(db, got, sizeof got);
		ts_case(&suite, !strcmp(got, steps[i].want), "step %zu: got\n%swant\n%s", i, got,
		        steps[i].want);
		ts_case(&suite, exact(db), "step %zu: the roll-up's sums are not the open findings",
		        i);
	}
	ts_suite_end(&suite);
	assert_int_equal(tss_sqlite_int(db, "SELECT count(*) FROM finding"), 0);
	drop_db(db);
}

/* A connection without psirt_now() may insert findings, not change their
 * state: an error, not a miscount. */
static void test_without_clock(void **state)
{
	sqlite3 *db = fresh_db(0);
	char *err = NULL;

	(void)state;
	tss_sqlite_exec(db, INSERT_FINDING(1, "CVE-1", "in_triage", 0, "2026-01-01T08:00:00.000Z",
	                                   "NULL"));
	assert_int_not_equal(sqlite3_exec(db, "UPDATE finding SET state = 'fixed'", NULL, NULL,
	                                  &err),
	                     SQLITE_OK);
	assert_non_null(err);
	assert_non_null(strstr(err, "psirt_now"));
	sqlite3_free(err);
	assert_int_equal(
	    tss_sqlite_int(db, "SELECT count(*) FROM finding WHERE state = 'in_triage'"), 1);
	tss_sqlite_exec(db, "UPDATE finding SET deadline = '2027-01-01'");
	drop_db(db);
}

/* The migration's backfill over findings that existed before it: its SQL
 * run as the store runs it, on a store without the table and triggers (the
 * migration is found by name, so later migrations do not matter). */
static void test_backfill(void **state)
{
	sqlite3 *db = fresh_db(1);
	const struct store__migration *m = NULL;
	char got[1024];
	size_t i;

	(void)state;
	for (i = 0; i < store__n_migrations; i++)
		if (!strncmp(store__migrations[i].name, "findings per day", 16))
			m = &store__migrations[i];
	assert_non_null(m);
	/* as before the migration: no table, no triggers */
	tss_sqlite_exec(db, "DROP TABLE finding_day;"
	            "DROP TRIGGER finding_day_insert; DROP TRIGGER finding_day_insert_closed;"
	            "DROP TRIGGER finding_day_state; DROP TRIGGER finding_day_delete;");
	tss_sqlite_exec(db, INSERT_FINDING(1, "CVE-1", "in_triage", 1, "2025-12-30T08:00:00.000Z", "NULL")
	        ";" INSERT_FINDING(2, "CVE-2", "affected", 0, "2025-12-30T09:00:00.000Z", "NULL")
	        ";" INSERT_FINDING(3, "CVE-3", "fixed", 1, "2025-12-31T08:00:00.000Z",
	                           "'2026-01-02T08:00:00.000Z'")
	        ";" INSERT_FINDING(4, "CVE-4", "not_affected", 0, "2026-01-01T08:00:00.000Z",
	                           "'2026-01-02T09:00:00.000Z'")
	        /* closed without closed_at: on last_seen's day */
	        ";" INSERT_FINDING(5, "CVE-5", "withdrawn", 0, "2026-01-01T08:00:00.000Z", "NULL"));
	for (i = 0; m->sql[i]; i++)
		tss_sqlite_exec(db, m->sql[i]);
	rollup(db, got, sizeof got);
	assert_string_equal(got, "2025-12-30:2/0\n2025-12-31:1/0\n2026-01-01:2/1\n"
	                         "2026-01-02:0/2\n");
	assert_true(exact(db));
	/* the triggers are back */
	assert_int_equal(tss_sqlite_int(db,
	                                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
	                                " AND name LIKE 'finding_day%'"),
	                 4);
	drop_db(db);
}

static void series_text(const struct psirt_trend_day *days, size_t n, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s %lld +%lld -%lld\n", days[i].day,
		                        days[i].open, days[i].opened, days[i].closed);
}

/* The series: zero days filled in, the base from before the window, days
 * after it ignored; month and leap-day boundaries; errors. */
static void test_series(void **state)
{
	static const struct {
		const char *from, *to;
		enum psirt_err err;
		const char *want; /* the series, or the error message */
	} cases[] = {
		{ "2024-02-27", "2024-03-02", PSIRT_OK,
		  "2024-02-27 0 +0 -0\n2024-02-28 3 +3 -0\n2024-02-29 3 +0 -0\n"
		  "2024-03-01 2 +1 -2\n2024-03-02 2 +0 -0\n" },
		{ "2024-02-29", "2024-02-29", PSIRT_OK, "2024-02-29 3 +0 -0\n" },
		{ "2024-03-01", "2024-03-01", PSIRT_OK, "2024-03-01 2 +1 -2\n" },
		/* after everything: the last total carried */
		{ "2025-12-31", "2026-01-01", PSIRT_OK,
		  "2025-12-31 7 +0 -0\n2026-01-01 7 +0 -0\n" },
		{ "2024-12-31", "2025-01-01", PSIRT_OK,
		  "2024-12-31 2 +0 -0\n2025-01-01 7 +5 -0\n" },
		{ "2024-03-02", "2024-03-01", PSIRT_EINVAL,
		  "the trend's start 2024-03-02 is after its end 2024-03-01" },
		{ "2023-02-29", "2024-03-01", PSIRT_EINVAL, "'2023-02-29' is not a date (YYYY-MM-DD)" },
		{ "2024-03-01", "2024-3-1", PSIRT_EINVAL, "'2024-3-1' is not a date (YYYY-MM-DD)" },
		{ "2024-03-01T00:00:00Z", "2024-03-02", PSIRT_EINVAL,
		  "'2024-03-01T00:00:00Z' is not a date (YYYY-MM-DD)" },
		{ "", "2024-03-02", PSIRT_EINVAL, "'' is not a date (YYYY-MM-DD)" },
		{ "2014-01-01", "2024-01-09", PSIRT_ETOOBIG, "a trend has at most 3660 days, not 3661" },
		{ "2014-01-01", "2034-01-01", PSIRT_ETOOBIG, "a trend has at most 3660 days, not 7306" },
	};
	struct ts_suite suite = { "trend series", 0, 0 };
	struct psirt_store *s;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena arena;
	struct psirt_trend_day *days;
	sqlite3 *db = fresh_db(1);
	char got[4096];
	size_t n;

	(void)state;
	tss_sqlite_exec(db, "INSERT INTO finding_day VALUES ('2024-02-28', 3, 0), ('2024-03-01', 1, 2),"
	            " ('2025-01-01', 5, 0)");
	sqlite3_close(db);
	if (psirt_store_open(db_path, 0, &s, &d))
		fail_msg("open: %s", d.message);
	psirt_arena_init(&arena, 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum psirt_err err;

		psirt_diag_release(&d);
		err = psirt_store_findings_trend(s, cases[i].from, cases[i].to, NULL, &arena, &days,
		                                 &n, &d);
		if (err) {
			ts_case(&suite, err == cases[i].err && !strcmp(d.message, cases[i].want),
			        "%s..%s: error %d '%s', want %d '%s'", cases[i].from, cases[i].to, err,
			        d.message, cases[i].err, cases[i].want);
			continue;
		}
		series_text(days, n, got, sizeof got);
		ts_case(&suite, cases[i].err == PSIRT_OK && !strcmp(got, cases[i].want),
		        "%s..%s: got\n%swant\n%s", cases[i].from, cases[i].to, got, cases[i].want);
	}
	/* the longest series, and the last n days by the clock (PSIRT_NOW) */
	assert_int_equal(psirt_store_findings_trend(s, "2014-01-01", "2024-01-08", NULL, &arena,
	                                            &days, &n, &d),
	                 PSIRT_OK);
	assert_int_equal(n, PSIRT_TREND_MAX_DAYS);
	assert_string_equal(days[0].day, "2014-01-01");
	assert_string_equal(days[n - 1].day, "2024-01-08");
	assert_int_equal(psirt_store_findings_trend_last(s, 3, NULL, &arena, &days, &n, &d),
	                 PSIRT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(days[0].day, "2026-01-13");
	assert_string_equal(days[2].day, "2026-01-15"); /* TSS_NOW */
	assert_int_equal(days[2].open, 7);
	assert_int_equal(psirt_store_findings_trend_last(s, 0, NULL, &arena, &days, &n, &d),
	                 PSIRT_EINVAL);
	assert_int_equal(psirt_store_findings_trend_last(s, 3661, NULL, &arena, &days, &n, &d),
	                 PSIRT_EINVAL);
	psirt_diag_release(&d);
	psirt_arena_release(&arena);
	psirt_store_close(s);
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	ts_suite_end(&suite);
	drop_db(db);
}

/* What an embargo hides leaves the series on every day: by the embargo's
 * own name or an alias of the same vulnerability, while in force. */
static void test_embargo(void **state)
{
	struct psirt_store *s;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_arena arena;
	struct psirt_trend_day *days;
	sqlite3 *db = fresh_db(1);
	char got[2048];
	size_t n;

	(void)state;
	clock_now = "2026-01-03T08:00:00.000Z";
	tss_sqlite_exec(db, "INSERT INTO vuln (id, name) VALUES (1, 'CVE-2'), (2, 'CVE-3');"
	            "INSERT INTO vuln_alias VALUES ('CVE-2', 1), ('GHSA-2', 1), ('CVE-3', 2);"
	            /* CVE-2 by its alias, until 2030; CVE-3's ended in 2025 */
	            "INSERT INTO vuln_embargo VALUES ('GHSA-2', '2030-01-01T00:00:00.000Z', NULL,"
	            " 't', '2026-01-01'), ('CVE-3', '2025-01-01T00:00:00.000Z', NULL, 't',"
	            " '2024-01-01'), ('CVE-9', NULL, NULL, 't', '2024-01-01');"
	            INSERT_FINDING(1, "CVE-1", "in_triage", 0, "2026-01-01T08:00:00.000Z", "NULL")
	            ";" INSERT_FINDING(2, "CVE-2", "in_triage", 1, "2026-01-01T08:00:00.000Z",
	                               "NULL")
	            ";" INSERT_FINDING(3, "CVE-2", "in_triage", 0, "2025-12-01T08:00:00.000Z",
	                               "NULL")
	            ";" INSERT_FINDING(4, "CVE-3", "in_triage", 0, "2026-01-02T08:00:00.000Z",
	                               "NULL")
	            ";" INSERT_FINDING(5, "CVE-9", "in_triage", 0, "2026-01-02T08:00:00.000Z",
	                               "NULL")
	            ";UPDATE finding SET state = 'fixed', closed_at = '2026-01-03T08:00:00.000Z'"
	            " WHERE id IN (3, 5)");
	sqlite3_close(db);
	if (psirt_store_open(db_path, 0, &s, &d))
		fail_msg("open: %s", d.message);
	psirt_arena_init(&arena, 0);
	assert_int_equal(psirt_store_findings_trend(s, "2026-01-01", "2026-01-04", NULL, &arena,
	                                            &days, &n, &d),
	                 PSIRT_OK);
	series_text(days, n, got, sizeof got);
	assert_string_equal(got, "2026-01-01 3 +2 -0\n2026-01-02 5 +2 -0\n"
	                         "2026-01-03 3 +0 -2\n2026-01-04 3 +0 -0\n");
	assert_int_equal(psirt_store_findings_trend(s, "2026-01-01", "2026-01-04", TSS_NOW_CANON,
	                                            &arena, &days, &n, &d),
	                 PSIRT_OK);
	series_text(days, n, got, sizeof got);
	/* 2 (CVE-2 through GHSA-2), 3 (CVE-2, before the window, closed in it)
	 * and 5 (CVE-9, no vulnerability row: by the embargo's name) hidden */
	assert_string_equal(got, "2026-01-01 1 +1 -0\n2026-01-02 2 +1 -0\n"
	                         "2026-01-03 2 +0 -0\n2026-01-04 2 +0 -0\n");
	psirt_arena_release(&arena);
	psirt_store_close(s);
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	drop_db(db);
}

/* Through the library: the matcher opens findings on PSIRT_NOW's day, an
 * analysis closes one on a later day; the series ends on the open figure. */
static void test_end_to_end(void **state)
{
	static const char *const nvd[] = { "tests/data/nvd/nvd-cves-iot.json" };
	static const char sbom[] =
		"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
		"{\"type\":\"application\",\"name\":\"busybox\",\"version\":\"1.36.1\","
		"\"cpe\":\"cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*\"}]}";
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *s;
	struct psirt_feed_stats st;
	struct psirt_findings_match_opts mo = { NULL, NULL, 0, "test", 0, NULL, NULL, NULL, 0 };
	struct psirt_findings_match_stats ms;
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_sbom_import_result res;
	struct psirt_sbom_source src = { "test", "import", "plug.cdx.json", NULL, 0 };
	struct psirt_findings_figures fig;
	struct psirt_arena arena;
	struct psirt_trend_day *days;
	size_t n;
	sqlite3 *db = fresh_db(0);

	(void)state;
	sqlite3_close(db);
	psirt_arena_init(&arena, 0);
	setenv("PSIRT_NOW", "2026-01-10T09:00:00Z", 1);
	if (psirt_store_open(db_path, 0, &s, &d) ||
	    psirt_feed_import(s, PSIRT_FEED_NVD, nvd, 1, NULL, &st, &d) ||
	    psirt_sbom_parse(sbom, strlen(sbom), "plug", PSIRT_SBOM_FORMAT_UNKNOWN, &doc, &d))
		fail_msg("setup: %s", d.message);
	if (psirt_portfolio_sbom_import(s, "p", "1.0", doc, &src, &res, &d) ||
	    psirt_findings_match(s, &mo, &ms, &d))
		fail_msg("match: %s", d.message);
	psirt_sbom_free(doc);
	assert_int_equal(ms.created, 1);
	setenv("PSIRT_NOW", "2026-01-12T09:00:00Z", 1);
	if (psirt_findings_set(s, 1, "not_affected", "component_not_present", NULL, 0, "test",
	                       NULL, &d))
		fail_msg("set: %s", d.message);
	setenv("PSIRT_NOW", "2026-01-13T09:00:00Z", 1);
	if (psirt_findings_set(s, 1, "affected", NULL, NULL, 0, "test", NULL, &d))
		fail_msg("set: %s", d.message);
	tss_setup(); /* back to TSS_NOW, 2026-01-15 */
	assert_int_equal(psirt_store_findings_trend(s, "2026-01-09", "2026-01-15", NULL, &arena,
	                                            &days, &n, &d),
	                 PSIRT_OK);
	assert_int_equal(n, 7);
	{
		char got[1024];

		series_text(days, n, got, sizeof got);
		assert_string_equal(got, "2026-01-09 0 +0 -0\n2026-01-10 1 +1 -0\n"
		                         "2026-01-11 1 +0 -0\n2026-01-12 0 +0 -1\n"
		                         "2026-01-13 1 +1 -0\n2026-01-14 1 +0 -0\n"
		                         "2026-01-15 1 +0 -0\n");
	}
	assert_int_equal(psirt_store_findings_figures(s, "2026-01-15", NULL, 0, &arena, &fig, &d),
	                 PSIRT_OK);
	assert_int_equal(days[n - 1].open, (long long)fig.open);
	psirt_arena_release(&arena);
	psirt_store_close(s);
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	drop_db(db);
}

static void test_day_numbers(void **state)
{
	static const struct {
		const char *text;
		int ok;
		long long days;
	} cases[] = {
		{ "1970-01-01", 1, 0 },       { "1970-01-02", 1, 1 },      { "1969-12-31", 1, -1 },
		{ "2000-02-29", 1, 11016 },   { "2024-02-29", 1, 19782 },  { "2024-03-01", 1, 19783 },
		{ "2026-01-15", 1, 20468 },   { "2023-02-29", 0, 0 },      { "2026-13-01", 0, 0 },
		{ "2026-1-15", 0, 0 },        { "2026-01-1", 0, 0 },       { "", 0, 0 },
		{ "2026-01-15T09:00:00.000Z", 1, 20468 }, /* the date part of an instant */
	};
	struct ts_suite suite = { "day numbers", 0, 0 };
	char back[PSIRT_ISOTIME_DAY_LEN + 1];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long v = -99;
		int rc = psirt_isotime_day_number(cases[i].text, &v);

		if (!cases[i].ok) {
			ts_case(&suite, rc == -1, "'%s' accepted as %lld", cases[i].text, v);
			continue;
		}
		ts_case(&suite, rc == 0 && v == cases[i].days, "'%s': %d, %lld, want %lld",
		        cases[i].text, rc, v, cases[i].days);
		psirt_isotime_day_format(v, back);
		ts_case(&suite, !strncmp(back, cases[i].text, PSIRT_ISOTIME_DAY_LEN),
		        "%lld formats as %s, want %.10s", v, back, cases[i].text);
	}
	ts_suite_end(&suite);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_triggers),   cmocka_unit_test(test_without_clock),
		cmocka_unit_test(test_backfill),   cmocka_unit_test(test_series),
		cmocka_unit_test(test_embargo),    cmocka_unit_test(test_end_to_end),
		cmocka_unit_test(test_day_numbers),
	};

	tss_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
