/* psirt findings trend: open findings per day (the dashboard's chart as a
 * table). */
#include <string.h>

#include "cli/findings_cli.h"
#include "psirt/arena.h"
#include "psirt/str.h"
#include "psirt/trend.h"

/* The API's range (GET /api/dashboard/trend). */
#define TREND_MAX_DAYS 3650
#define TREND_DEFAULT_DAYS 30

static const struct cli_command trend_cmd = {
	.name = "findings trend",
	.summary = "open findings per day",
	.usage = "usage: psirt [--db PATH] [--json] findings trend [--days N]\n"
	         "\n"
	         "Open findings (in_triage, affected) at the end of each of the last N days\n"
	         "(default 30, at most 3650) ending today (UTC; the clock: PSIRT_NOW, else\n"
	         "now), with how many were opened (found, or reopened) and closed that day.\n"
	         "--json gives the API's columns (GET\n"
	         "/api/dashboard/trend). Embargoed vulnerabilities are counted: the CLI\n"
	         "has the whole store.\n"
	         "\n"
	         "Exit codes: 0 shown, 2 usage, 3 no store, 4 internal error.\n",
	.run = NULL,
};

/* A whole decimal number in 1..TREND_MAX_DAYS, else 0. */
static long parse_days(const char *s)
{
	long v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (!psirt_isdigit((unsigned char)*s))
			return 0;
		v = v * 10 + (*s - '0');
		if (v > TREND_MAX_DAYS)
			return 0;
	}
	return v;
}

int cli_findings_trend(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_arena arena;
	struct psirt_trend_day *days;
	long n_days = TREND_DEFAULT_DAYS;
	size_t n, i;
	int k, rc;

	if (cli_wants_help(argc, argv))
		return cli_help(ctx, &trend_cmd);
	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--days") && k + 1 < argc) {
			n_days = parse_days(argv[++k]);
			if (!n_days)
				return cli_usage_error(ctx, &trend_cmd,
				                       "--days takes a number from 1 to %d, not '%s'",
				                       TREND_MAX_DAYS, argv[k]);
		} else {
			return cli_usage_error(ctx, &trend_cmd, "unexpected argument '%s'", argv[k]);
		}
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	psirt_arena_init(&arena, 0);
	if (psirt_store_findings_trend_last(store, n_days, NULL, &arena, &days, &n, &d)) {
		rc = cli_report(ctx, NULL, &d);
		psirt_diag_release(&d);
		goto out;
	}
	if (ctx->json) {
		rc = cli_print_json(ctx, psirt_trend_json(days, n));
		goto out;
	}
	fprintf(ctx->out, "%-10s  %6s  %6s  %6s\n", "day", "open", "opened", "closed");
	for (i = 0; i < n; i++)
		fprintf(ctx->out, "%-10s  %6lld  %6lld  %6lld\n", days[i].day, days[i].open,
		        days[i].opened, days[i].closed);
	rc = CLI_EXIT_OK;
out:
	psirt_arena_release(&arena);
	return rc;
}
