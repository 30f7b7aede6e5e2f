/* Open findings over time (include/psirt/trend.h): the finding_day roll-up
 * (kept by triggers, migrations.c) read as a series of days, less what an
 * embargo hides. */
#include <string.h>

#include <jansson.h>

#include "psirt/trend.h"
#include "store/internal.h"

/* Everything before the window, as the window's starting point. */
static const char base_sql[] =
	"SELECT coalesce(sum(opened - closed), 0) FROM finding_day WHERE day < ?1";
static const char days_sql[] =
	"SELECT day, opened, closed FROM finding_day"
	" WHERE day >= ?1 AND day <= ?2 ORDER BY day";
/* The findings of vulnerabilities under an embargo in force at ?1: by any
 * id (the embargo's name, or any alias of the same vulnerability), as
 * EMBARGO_SQL in findings_page.c decides it, but driven from the few
 * embargoes through the findings by vulnerability index (finding_vuln_version) instead of testing every finding.
 * (CROSS JOIN keeps that order: the planner, without statistics, would
 * rather scan every alias.) Their days as the roll-up counted them: opened
 * on first_seen, closed (when closed now) on closed_at, else last_seen. */
static const char hidden_sql[] =
	"WITH names(name) AS ("
	"  SELECT e.name FROM vuln_embargo e WHERE e.until IS NULL OR e.until > ?1"
	"  UNION SELECT a1.name FROM vuln_embargo e CROSS JOIN vuln_alias a0 ON a0.name = e.name"
	"  CROSS JOIN vuln_alias a1 ON a1.vuln_id = a0.vuln_id"
	"  WHERE e.until IS NULL OR e.until > ?1)"
	" SELECT substr(f.first_seen, 1, 10), f.state NOT IN ('in_triage', 'affected'),"
	" substr(coalesce(f.closed_at, f.last_seen), 1, 10)"
	" FROM finding f WHERE f.vuln IN (SELECT name FROM names)";

/* Adds a signed count at day text d: to the base when before the window,
 * to the day's row when inside, nothing after it. */
static void add_at(struct psirt_trend_day *days, size_t n, long long first, const char *d,
                   long long *base, long long opened, long long closed)
{
	long long num, i;

	if (!d || psirt_isotime_day_number(d, &num))
		return; /* an unreadable date: never written by psirt */
	i = num - first;
	if (i < 0) {
		*base += opened - closed;
	} else if ((unsigned long long)i < n) {
		days[i].opened += opened;
		days[i].closed += closed;
	}
}

enum psirt_err psirt_store_findings_trend(struct psirt_store *s, const char *from,
                                          const char *to, const char *hide_embargoed_at,
                                          struct psirt_arena *arena,
                                          struct psirt_trend_day **out, size_t *n_out,
                                          struct psirt_diag *diag)
{
	long long first, last, base = 0, open;
	struct psirt_trend_day *days;
	sqlite3_stmt *st;
	size_t n, i;
	int rc;

	*out = NULL;
	*n_out = 0;
	if (!from || psirt_isotime_day_number(from, &first) || from[PSIRT_ISOTIME_DAY_LEN])
		return psirt_diag_set(diag, PSIRT_EINVAL, "'%s' is not a date (YYYY-MM-DD)",
		                      from ? from : "");
	if (!to || psirt_isotime_day_number(to, &last) || to[PSIRT_ISOTIME_DAY_LEN])
		return psirt_diag_set(diag, PSIRT_EINVAL, "'%s' is not a date (YYYY-MM-DD)",
		                      to ? to : "");
	if (last < first)
		return psirt_diag_set(diag, PSIRT_EINVAL, "the trend's start %s is after its end %s",
		                      from, to);
	if (last - first >= PSIRT_TREND_MAX_DAYS)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "a trend has at most %d days, not %lld",
		                      PSIRT_TREND_MAX_DAYS, last - first + 1);
	n = (size_t)(last - first + 1);
	days = psirt_arena_calloc(arena, n, sizeof *days);
	if (!days)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		psirt_isotime_day_format(first + (long long)i, days[i].day);

	if (!(st = store__cached(s, base_sql, diag)))
		return PSIRT_ESTORE;
	store__bind_text(st, 1, days[0].day);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		base = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store__fail(s, diag, "reading the findings trend");

	if (!(st = store__cached(s, days_sql, diag)))
		return PSIRT_ESTORE;
	store__bind_text(st, 1, days[0].day);
	store__bind_text(st, 2, days[n - 1].day);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_at(days, n, first, (const char *)sqlite3_column_text(st, 0), &base,
		       sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store__fail(s, diag, "reading the findings trend");

	if (hide_embargoed_at) {
		if (!(st = store__cached(s, hidden_sql, diag)))
			return PSIRT_ESTORE;
		store__bind_text(st, 1, hide_embargoed_at);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			add_at(days, n, first, (const char *)sqlite3_column_text(st, 0), &base, -1, 0);
			if (sqlite3_column_int(st, 1))
				add_at(days, n, first, (const char *)sqlite3_column_text(st, 2), &base,
				       0, -1);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return store__fail(s, diag, "reading the findings trend");
	}

	open = base;
	for (i = 0; i < n; i++) {
		open += days[i].opened - days[i].closed;
		days[i].open = open;
	}
	*out = days;
	*n_out = n;
	return PSIRT_OK;
}

enum psirt_err psirt_store_findings_trend_last(struct psirt_store *s, long n_days,
                                               const char *hide_embargoed_at,
                                               struct psirt_arena *arena,
                                               struct psirt_trend_day **days, size_t *n,
                                               struct psirt_diag *diag)
{
	char now[PSIRT_ISOTIME_LEN + 1], from[PSIRT_ISOTIME_DAY_LEN + 1];
	long long today;

	*days = NULL;
	*n = 0;
	if (n_days < 1 || n_days > PSIRT_TREND_MAX_DAYS)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a trend has 1 to %d days, not %ld",
		                      PSIRT_TREND_MAX_DAYS, n_days);
	psirt_isotime_now(now);
	if (psirt_isotime_day_number(now, &today))
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "the clock is not a date: %s", now);
	psirt_isotime_day_format(today - (n_days - 1), from);
	now[PSIRT_ISOTIME_DAY_LEN] = '\0';
	return psirt_store_findings_trend(s, from, now, hide_embargoed_at, arena, days, n, diag);
}

static json_t *column(const struct psirt_trend_day *d, size_t n, int which)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < n; i++) {
		json_t *v = which == 0   ? json_string(d[i].day)
		            : which == 1 ? json_integer(d[i].open)
		            : which == 2 ? json_integer(d[i].opened)
		                         : json_integer(d[i].closed);

		if (json_array_append_new(a, v)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *psirt_trend_json(const struct psirt_trend_day *d, size_t n)
{
	if (!n)
		return NULL;
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "from", d[0].day, "to", d[n - 1].day,
	                 "days", column(d, n, 0), "open", column(d, n, 1), "opened",
	                 column(d, n, 2), "closed", column(d, n, 3));
}
