/* psirt feed: import vulnerability feeds, show their state. */
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "psirt/feed.h"
#include "psirt/store.h"

static int run_feed(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_feed = {
	.name = "feed",
	.summary = "import vulnerability feeds (NVD, JVN, OSV, KEV, EPSS) and show their state",
	.usage = "usage: psirt [--db PATH] feed import {nvd|jvn|osv|kev|epss} PATH... [--json]\n"
	         "       psirt [--db PATH] feed status [--json]\n"
	         "\n"
	         "import  reads each PATH, a file or a folder (read recursively: *.json,\n"
	         "        *.csv, *.gz, *.xz, *.bz2, *.zip; for jvn *.xml, *.rdf), plain or compressed\n"
	         "        (told apart by content), into the store: one transaction per file\n"
	         "        (a zip is one file), so a bad file changes nothing; the other files\n"
	         "        are still imported.\n"
	         "          nvd   NVD CVE API 2.0 JSON: API pages, 2.0 feed files, single CVEs\n"
	         "          jvn   JVN iPedia XML: MyJVN getVulnOverviewList and jvndb*.rdf (RSS),\n"
	         "                getVulnDetailInfo (VULDEF)\n"
	         "          osv   OSV JSON: records, folders of records, ecosystem all.zip\n"
	         "          kev   CISA known_exploited_vulnerabilities.json\n"
	         "          epss  FIRST epss_scores-*.csv\n"
	         "        Ends with one summary line: added, updated, unchanged, older ignored,\n"
	         "        withdrawn, errors (files that failed). A newer record replaces the\n"
	         "        stored one, an older one is ignored.\n"
	         "status  per source: records, last import, last sync, newest record.\n"
	         "\n"
	         "Exit codes: 0 every file imported, 3 a file was bad, 4 internal error.\n",
	.run = run_feed,
	.flags = CLI_NEEDS_DB,
};

static int open_store(struct cli_ctx *ctx, struct psirt_store **store)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	int rc;

	if (!psirt_store_open(ctx->db_path, 0, store, &diag))
		return CLI_EXIT_OK;
	rc = cli_report(ctx, NULL, &diag);
	psirt_diag_release(&diag);
	return rc;
}

static void report_error(void *c, const struct psirt_diag *diag)
{
	cli_report(c, NULL, diag);
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_feed_import_options opt = { report_error, ctx };
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_feed_stats st = { 0 };
	struct psirt_store *store;
	enum psirt_feed_kind kind;
	enum psirt_err err;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error(ctx, &cli_cmd_feed, "unknown option '%s'", argv[i]);
	}
	if (argc < 2)
		return cli_usage_error(ctx, &cli_cmd_feed,
		                       "import: which feed? (nvd, jvn, osv, kev or epss)");
	if (psirt_feed_kind_parse(argv[1], &kind))
		return cli_usage_error(ctx, &cli_cmd_feed,
		                       "import: unknown feed '%s' (nvd, jvn, osv, kev or epss)",
		                       argv[1]);
	if (argc < 3)
		return cli_usage_error(ctx, &cli_cmd_feed, "import: no file or folder given");
	if ((rc = open_store(ctx, &store)))
		return rc;
	err = psirt_feed_import(store, kind, (const char *const *)argv + 2, (size_t)argc - 2, &opt,
	                        &st, &diag);
	psirt_store_close(store);
	rc = err ? cli_exit_code(err) : CLI_EXIT_OK;
	psirt_diag_release(&diag);
	if (ctx->json) {
		json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "source",
		                      argv[1], "files", (json_int_t)st.files, "records",
		                      (json_int_t)st.records, "added",
		                      (json_int_t)st.counts[PSIRT_STORE_ADDED], "updated",
		                      (json_int_t)st.counts[PSIRT_STORE_UPDATED], "unchanged",
		                      (json_int_t)st.counts[PSIRT_STORE_UNCHANGED], "olderIgnored",
		                      (json_int_t)st.counts[PSIRT_STORE_OLDER], "withdrawn",
		                      (json_int_t)st.counts[PSIRT_STORE_WITHDRAWN], "errors",
		                      (json_int_t)st.errors, "bytes", (json_int_t)st.bytes);
		int jrc = cli_print_json(ctx, o);

		return rc ? rc : jrc;
	}
	fprintf(ctx->out,
	        "%s: %llu record%s from %llu file%s: %llu added, %llu updated, %llu unchanged, "
	        "%llu older ignored, %llu withdrawn, %llu error%s\n",
	        argv[1], st.records, st.records == 1 ? "" : "s", st.files, st.files == 1 ? "" : "s",
	        st.counts[PSIRT_STORE_ADDED], st.counts[PSIRT_STORE_UPDATED],
	        st.counts[PSIRT_STORE_UNCHANGED], st.counts[PSIRT_STORE_OLDER],
	        st.counts[PSIRT_STORE_WITHDRAWN], st.errors, st.errors == 1 ? "" : "s");
	return rc;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int run_status(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store_feed_status *fs;
	struct psirt_store *store;
	json_t *arr, *o;
	size_t i;
	int rc;

	if (argc > 1)
		return cli_usage_error(ctx, &cli_cmd_feed, "status: unexpected argument '%s'", argv[1]);
	if ((rc = open_store(ctx, &store)))
		return rc;
	if (psirt_store_feed_status(store, &fs, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		psirt_store_close(store);
		return rc;
	}
	psirt_store_close(store);
	if (ctx->json) {
		arr = json_array();
		for (i = 0; arr && i < fs->n; i++) {
			const struct psirt_store_feed_state *f = &fs->states[i];

			o = json_pack("{s:s, s:I, s:I, s:o, s:o, s:o, s:o}", "source", f->source,
			              "records", (json_int_t)f->records, "withdrawn",
			              (json_int_t)f->withdrawn, "lastImport",
			              str_or_null(f->last_import), "lastSync", str_or_null(f->last_sync),
			              "newestRecord", str_or_null(f->newest_record), "detail",
			              str_or_null(f->detail));
			if (json_array_append_new(arr, o)) {
				json_decref(arr);
				arr = NULL;
			}
		}
		psirt_store_feed_status_free(fs);
		return cli_print_json(ctx, arr);
	}
	fprintf(ctx->out, "%-6s %9s %9s  %-24s  %-24s  %-24s  %s\n", "SOURCE", "RECORDS",
	        "WITHDRAWN", "LAST IMPORT", "LAST SYNC", "NEWEST RECORD", "DETAIL");
	for (i = 0; i < fs->n; i++) {
		const struct psirt_store_feed_state *f = &fs->states[i];

		fprintf(ctx->out, "%-6s %9llu %9llu  %-24s  %-24s  %-24s  %s\n", f->source,
		        f->records, f->withdrawn, f->last_import ? f->last_import : "never",
		        f->last_sync ? f->last_sync : "never",
		        f->newest_record ? f->newest_record : "-", f->detail ? f->detail : "-");
	}
	psirt_store_feed_status_free(fs);
	return CLI_EXIT_OK;
}

static const struct cli_subcommand subs[] = {
	{ "import", run_import },
	{ "status", run_status },
};

static int run_feed(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_feed, subs, sizeof subs / sizeof subs[0], argc, argv);
}
