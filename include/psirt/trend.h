/* psirt — open findings over time (the dashboard's trend, issue 7).
 *
 * The store keeps a daily roll-up of findings opened and closed (table
 * finding_day, docs/schema.md), maintained by triggers on every change of a
 * finding's state; this reads it as a series of days. Open = in_triage or
 * affected. Days are UTC calendar days "YYYY-MM-DD".
 */
#ifndef PSIRT_TREND_H
#define PSIRT_TREND_H

#include <stddef.h>

#include "psirt/arena.h"
#include "psirt/error.h"
#include "psirt/isotime.h"

struct psirt_store;
struct json_t;

/* The longest series one call returns (ten years and a bit). */
#define PSIRT_TREND_MAX_DAYS 3660

/* One day of the series. open: findings open at the end of the day;
 * opened, closed: how many became open / stopped being open that day (a
 * reopened finding counts as opened again). */
struct psirt_trend_day {
	char day[PSIRT_ISOTIME_DAY_LEN + 1];
	long long open, opened, closed;
};

/* The days from..to ("YYYY-MM-DD", both included, from <= to, at most
 * PSIRT_TREND_MAX_DAYS), every day present (a day without changes has
 * opened = closed = 0 and the previous day's open). *days: arena-owned array
 * of *n entries, oldest first.
 *
 * hide_embargoed_at: NULL counts every finding; a canonical instant leaves
 * out, on every day, the findings of vulnerabilities under an embargo in
 * force at that instant (as psirt_store_findings_figures() does, so the
 * last day's open equals its open figure). They are subtracted by their
 * first_seen and, when closed now, closed_at days; an earlier close and
 * reopen of such a finding stays in the roll-up (the roll-up keeps no
 * finding ids).
 *
 * Errors: EINVAL (a date that does not exist, from after to), ETOOBIG (more
 * than PSIRT_TREND_MAX_DAYS days), ENOMEM, ESTORE. */
enum psirt_err psirt_store_findings_trend(struct psirt_store *store, const char *from,
                                          const char *to, const char *hide_embargoed_at,
                                          struct psirt_arena *arena,
                                          struct psirt_trend_day **days, size_t *n,
                                          struct psirt_diag *diag);

/* The series of the last n_days days ending with today (the clock:
 * PSIRT_NOW, else now), as psirt_store_findings_trend(). n_days 1 ..
 * PSIRT_TREND_MAX_DAYS (EINVAL otherwise). */
enum psirt_err psirt_store_findings_trend_last(struct psirt_store *store, long n_days,
                                               const char *hide_embargoed_at,
                                               struct psirt_arena *arena,
                                               struct psirt_trend_day **days, size_t *n,
                                               struct psirt_diag *diag);

/* The series as the API and `psirt findings trend --json` show it: an
 * object of columns of n entries each, {"from", "to", "days": [dates],
 * "open", "opened", "closed": [integers]} (one array per series
 * is what chart libraries take, and a third of the bytes of one object per
 * day). n >= 1. A new reference; NULL when out of memory. */
struct json_t *psirt_trend_json(const struct psirt_trend_day *days, size_t n);

#endif
