/* psirt feed: import and sync vulnerability feeds, show their state. */
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "psirt/feed.h"
#include "psirt/store.h"
#include "psirt/str.h"

static int run_feed(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_feed = {
	.name = "feed",
	.summary = "import and sync vulnerability feeds (NVD, JVN, OSV, KEV, EPSS) and show their state",
	.usage = "usage: psirt [--db PATH] feed import {nvd|jvn|osv|kev|epss} PATH... [--json]\n"
	         "       psirt [--db PATH] feed sync [SOURCE...] [OPTIONS] [--json]\n"
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
	         "sync    downloads each SOURCE (default: all five, in the order below) into\n"
	         "        the store, one transaction per source: an HTTP error, a dropped\n"
	         "        connection or bad data changes nothing and the next sync starts\n"
	         "        from the same point.\n"
	         "          nvd   NVD CVE API 2.0, 2,000 CVEs per request; after the first\n"
	         "                sync only what changed since the last one (windows of at\n"
	         "                most 120 days); 6 s between requests, 0.6 s with an API key\n"
	         "          kev   the CISA KEV catalog\n"
	         "          epss  today's EPSS scores (csv.gz)\n"
	         "          jvn   JVN iPedia through the MyJVN API: overview pages of 50\n"
	         "                entries (getVulnOverviewList), each followed by the\n"
	         "                entries' details (getVulnDetailInfo, 10 a request), so an\n"
	         "                entry counts twice (its detail replaces its overview);\n"
	         "                after the first sync only the entries updated since (JST\n"
	         "                days); 1 s between requests, as MyJVN asks - the first\n"
	         "                sync reads every entry and takes hours\n"
	         "          osv   OSV's all.zip of each ecosystem (default: Debian Alpine\n"
	         "                Linux PyPI npm Go Maven crates.io; OpenWrt has no OSV\n"
	         "                data), all in one transaction; the zips have no windows, so\n"
	         "                every sync downloads them whole and records already held\n"
	         "                count as unchanged\n"
	         "        Refused or failed requests (HTTP 403, 429, 502-504, connection\n"
	         "        errors) are repeated after a wait (Retry-After when given).\n"
	         "        One summary line per source.\n"
	         "  --url SOURCE=URL  download SOURCE from URL (a mirror; http, https or\n"
	         "                    file; for osv the folder that holds the ecosystems);\n"
	         "                    also PSIRT_NVD_URL, PSIRT_KEV_URL, PSIRT_EPSS_URL,\n"
	         "                    PSIRT_JVN_URL, PSIRT_OSV_URL\n"
	         "  --ecosystem E     osv: download ecosystem E (OSV's name: Debian, PyPI,\n"
	         "                    crates.io ...); repeatable; also PSIRT_OSV_ECOSYSTEMS,\n"
	         "                    comma-separated\n"
	         "  --full            nvd, jvn: download everything, not only the changes\n"
	         "  --delay SECONDS   pause between requests (default per source)\n"
	         "  --attempts N      tries per request (default 5)\n"
	         "  --backoff SECONDS first wait before a repeat, doubled each time (5)\n"
	         "  --cacert FILE     trust these certificate authorities (PEM; also\n"
	         "                    PSIRT_CA_FILE); certificates are always verified\n"
	         "        The NVD API key comes from PSIRT_NVD_API_KEY (never an argument:\n"
	         "        other users can read command lines).\n"
	         "status  per source: records, last import, last sync, newest record.\n"
	         "\n"
	         "On a terminal, long imports and syncs show their progress on stderr.\n"
	         "Exit codes: 0 every file imported / source synced, 2 usage, 3 a file or\n"
	         "download was bad or failed, 4 internal error.\n",
	.run = run_feed,
};

/* The progress line on a terminal, and what must clear it first. */
struct feed_ui {
	struct cli_ctx *ctx;
	struct cli_line line;
};

/* "1:05" or "2:01:05" */
static void put_duration(FILE *f, double s)
{
	unsigned long t = s > 0 && s < 360000 ? (unsigned long)(s + 0.5) : 0;

	if (t >= 3600)
		fprintf(f, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		fprintf(f, "%lu:%02lu", t / 60, t % 60);
}

static void draw_progress(void *c, const struct psirt_feed_progress *p)
{
	struct feed_ui *ui = c;
	FILE *f = ui->ctx->err;
	double eta = -1;

	if (p->done) {
		cli_line_clear(&ui->line);
		return;
	}
	fprintf(f, "\r%s: %llu", p->source, p->records);
	if (p->records_total)
		fprintf(f, " of %llu", p->records_total);
	fprintf(f, " records  %.1f", (double)p->bytes / 1e6);
	if (p->bytes_total)
		fprintf(f, " of %.1f", (double)p->bytes_total / 1e6);
	fprintf(f, " MB  %.1f MB/s", p->seconds > 0 ? (double)p->bytes / 1e6 / p->seconds : 0.0);
	/* records tell the NVD API's progress; bytes a file's or a download's */
	if (p->records_total && p->records && p->records <= p->records_total)
		eta = p->seconds * (double)(p->records_total - p->records) / (double)p->records;
	else if (p->bytes_total && p->bytes && p->bytes <= p->bytes_total)
		eta = p->seconds * (double)(p->bytes_total - p->bytes) / (double)p->bytes;
	if (eta >= 0) {
		fputs("  ETA ", f);
		put_duration(f, eta);
	}
	cli_line_drawn(&ui->line);
}

static void report_error(void *c, const struct psirt_diag *diag)
{
	struct feed_ui *ui = c;

	cli_line_clear(&ui->line);
	cli_report(ui->ctx, NULL, diag);
}

/* Progress only on a terminal: a pipe or a log file gets the summary. */
static psirt_feed_progress_fn *progress_fn(struct cli_ctx *ctx)
{
	return cli_line_wanted(ctx->err) ? draw_progress : NULL;
}

static int run_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct feed_ui ui = { ctx, { ctx->err, 0 } };
	struct psirt_feed_import_options opt = { report_error, &ui, progress_fn(ctx) };
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
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	err = psirt_feed_import(store, kind, (const char *const *)argv + 2, (size_t)argc - 2, &opt,
	                        &st, &diag);
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

/* Seconds with up to three decimals ("6", "0.25") as ms; -1 when bad. */
static long parse_seconds(const char *s)
{
	long ms = 0, scale = 1000;
	const char *p = s;

	if (!psirt_isdigit((unsigned char)*p))
		return -1;
	for (; psirt_isdigit((unsigned char)*p); p++) {
		if (ms > 86400000L)
			return -1;
		ms = ms * 10 + (*p - '0') * 1000;
	}
	if (*p == '.') {
		for (p++; psirt_isdigit((unsigned char)*p); p++) {
			scale /= 10;
			ms += (*p - '0') * scale;
		}
	}
	return *p || ms > 86400000L ? -1 : ms;
}

static void on_retry(void *c, const char *source, const char *url, const char *why,
                     unsigned attempt, unsigned attempts, long wait_ms)
{
	struct feed_ui *ui = c;

	cli_line_clear(&ui->line);
	fprintf(ui->ctx->err, "psirt: warning: %s: %s: %s; attempt %u of %u in %.1f s\n", source,
	        url, why, attempt, attempts, (double)wait_ms / 1000);
}

static json_t *sync_json(const char *source, const struct psirt_feed_stats *st)
{
	return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "source",
	                 source, "documents", (json_int_t)st->files, "requests",
	                 (json_int_t)st->requests, "retries", (json_int_t)st->retries, "records",
	                 (json_int_t)st->records, "added", (json_int_t)st->counts[PSIRT_STORE_ADDED],
	                 "updated", (json_int_t)st->counts[PSIRT_STORE_UPDATED], "unchanged",
	                 (json_int_t)st->counts[PSIRT_STORE_UNCHANGED], "olderIgnored",
	                 (json_int_t)st->counts[PSIRT_STORE_OLDER], "withdrawn",
	                 (json_int_t)st->counts[PSIRT_STORE_WITHDRAWN], "errors",
	                 (json_int_t)st->errors, "bytes", (json_int_t)st->bytes);
}

struct sync_args {
	const char *sources[8];
	size_t n_sources;
	const char *urls[8]; /* by source index */
	const char *ecosystems[PSIRT_FEED_OSV_MAX_ECOSYSTEMS];
	size_t n_ecosystems;
};

static int source_index(const char *name, size_t *out)
{
	size_t i;
	const char *s;

	for (i = 0; (s = psirt_feed_sync_source(i)); i++) {
		if (!strcmp(s, name)) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

enum sync_opt { O_ATTEMPTS, O_BACKOFF, O_CACERT, O_DELAY, O_ECOSYSTEM, O_FULL, O_URL };

/* `psirt feed sync` options, sorted; value: takes one ("--url X" or
 * "--url=X"). */
static const struct {
	const char *name;
	enum sync_opt id;
	int value;
} sync_opts[] = {
	{ "--attempts", O_ATTEMPTS, 1 }, { "--backoff", O_BACKOFF, 1 },
	{ "--cacert", O_CACERT, 1 },     { "--delay", O_DELAY, 1 },
	{ "--ecosystem", O_ECOSYSTEM, 1 }, { "--full", O_FULL, 0 },
	{ "--url", O_URL, 1 },
};

/* Applies one option; returns 0 or the usage error's exit code. */
static int sync_option(struct cli_ctx *ctx, enum sync_opt id, const char *v,
                       struct psirt_feed_sync_options *opt, struct sync_args *a)
{
	unsigned long long n;
	const char *eq;
	char name[16];
	size_t len, k;
	long ms;

	switch (id) {
	case O_FULL:
		opt->full = 1;
		return 0;
	case O_CACERT:
		opt->ca_file = v;
		return 0;
	case O_ECOSYSTEM:
		/* the library checks the name; an empty one is a usage slip */
		if (!*v)
			return cli_usage_error(ctx, &cli_cmd_feed, "sync: --ecosystem wants a name");
		if (a->n_ecosystems == PSIRT_FEED_OSV_MAX_ECOSYSTEMS)
			return cli_usage_error(ctx, &cli_cmd_feed,
			                       "sync: more than %d --ecosystem options",
			                       PSIRT_FEED_OSV_MAX_ECOSYSTEMS);
		a->ecosystems[a->n_ecosystems++] = v;
		return 0;
	case O_ATTEMPTS:
		if (psirt_str_to_u64(psirt_str_c(v), 100, &n) || !n)
			return cli_usage_error(ctx, &cli_cmd_feed,
			                       "sync: --attempts wants 1 to 100, not '%s'", v);
		opt->attempts = (unsigned)n;
		return 0;
	case O_DELAY:
	case O_BACKOFF:
		ms = parse_seconds(v);
		if (ms < 0)
			return cli_usage_error(ctx, &cli_cmd_feed, "sync: %s wants seconds, not '%s'",
			                       id == O_DELAY ? "--delay" : "--backoff", v);
		if (id == O_DELAY)
			opt->delay_ms = ms;
		else
			opt->backoff_ms = ms;
		return 0;
	case O_URL:
		eq = strchr(v, '=');
		if (!eq || eq == v || !eq[1])
			return cli_usage_error(ctx, &cli_cmd_feed,
			                       "sync: --url wants SOURCE=URL, not '%s'", v);
		len = (size_t)(eq - v) < sizeof name ? (size_t)(eq - v) : sizeof name - 1;
		memcpy(name, v, len);
		name[len] = '\0';
		if (source_index(name, &k))
			return cli_usage_error(ctx, &cli_cmd_feed, "sync: --url: unknown source '%s'",
			                       name);
		a->urls[k] = eq + 1;
		return 0;
	}
	return 0;
}

static int run_sync(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_feed_sync_options opt;
	struct sync_args a = { { 0 }, 0, { 0 }, { 0 }, 0 };
	struct feed_ui ui = { ctx, { ctx->err, 0 } };
	struct psirt_store *store;
	json_t *arr = NULL;
	const char *v;
	size_t i, k = 0, o;
	int rc = CLI_EXIT_OK, rc1;

	psirt_feed_sync_options_init(&opt);
	for (i = 1; i < (size_t)argc; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);

		if (arg[0] != '-') {
			if (source_index(arg, &k))
				return cli_usage_error(ctx, &cli_cmd_feed,
				                       "sync: unknown source '%s' (nvd, kev, epss, jvn "
				                       "or osv)",
				                       arg);
			if (a.n_sources < sizeof a.sources / sizeof a.sources[0])
				a.sources[a.n_sources++] = psirt_feed_sync_source(k);
			continue;
		}
		for (o = 0; o < sizeof sync_opts / sizeof sync_opts[0]; o++) {
			if (strlen(sync_opts[o].name) == len && !strncmp(arg, sync_opts[o].name, len))
				break;
		}
		if (o == sizeof sync_opts / sizeof sync_opts[0] || (eq && !sync_opts[o].value))
			return cli_usage_error(ctx, &cli_cmd_feed, "unknown option '%s'", arg);
		v = NULL;
		if (sync_opts[o].value) {
			if (!eq && i + 1 >= (size_t)argc)
				return cli_usage_error(ctx, &cli_cmd_feed, "sync: %s needs a value",
				                       sync_opts[o].name);
			v = eq ? eq + 1 : argv[++i];
		}
		if ((rc = sync_option(ctx, sync_opts[o].id, v, &opt, &a)))
			return rc;
	}
	if (!a.n_sources) {
		for (k = 0; psirt_feed_sync_source(k) && k < sizeof a.sources / sizeof a.sources[0];
		     k++)
			a.sources[a.n_sources++] = psirt_feed_sync_source(k);
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	opt.ecosystems = a.ecosystems;
	opt.n_ecosystems = a.n_ecosystems;
	opt.progress = progress_fn(ctx);
	opt.on_retry = on_retry;
	opt.ctx = &ui;
	if (ctx->json)
		arr = json_array();
	for (i = 0; i < a.n_sources; i++) {
		struct psirt_diag diag = PSIRT_DIAG_INIT;
		struct psirt_feed_stats st = { 0 };
		const char *src = a.sources[i];

		source_index(src, &k);
		opt.url = a.urls[k];
		if (psirt_feed_sync(store, src, &opt, &st, &diag)) {
			cli_line_clear(&ui.line);
			rc1 = cli_report(ctx, NULL, &diag);
			if (!rc)
				rc = rc1;
		}
		psirt_diag_release(&diag);
		if (ctx->json) {
			if (arr && json_array_append_new(arr, sync_json(src, &st))) {
				json_decref(arr);
				arr = NULL;
			}
			continue;
		}
		fprintf(ctx->out,
		        "%s: %llu record%s in %llu request%s: %llu added, %llu updated, %llu unchanged, "
		        "%llu older ignored, %llu withdrawn, %llu error%s\n",
		        src, st.records, st.records == 1 ? "" : "s", st.requests,
		        st.requests == 1 ? "" : "s", st.counts[PSIRT_STORE_ADDED],
		        st.counts[PSIRT_STORE_UPDATED], st.counts[PSIRT_STORE_UNCHANGED],
		        st.counts[PSIRT_STORE_OLDER], st.counts[PSIRT_STORE_WITHDRAWN], st.errors,
		        st.errors == 1 ? "" : "s");
	}
	if (ctx->json) {
		rc1 = cli_print_json(ctx, arr);
		return rc ? rc : rc1;
	}
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
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	if (psirt_store_feed_status(store, &fs, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
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
	{ "sync", run_sync },
};

static int run_feed(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_feed, subs, sizeof subs / sizeof subs[0], argc, argv);
}
