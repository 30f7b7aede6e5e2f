/* psirt findings: the findings view, by priority then deadline. */
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/findings_cli.h"
#include "psirt/findings.h"
#include "psirt/isotime.h"

static int run_findings(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_findings = {
	.name = "findings",
	.summary = "list findings by priority and deadline, with the reason",
	.usage = "usage: psirt [--db PATH] findings [--product P] [--version V] [--state S] [--kev]\n"
	         "                 [--format table|json|csv]\n"
	         "       psirt [--db PATH] [--json] findings trend [--days N]\n"
	         "\n"
	         "Lists findings (product version, component, vulnerability) sorted by\n"
	         "priority then deadline, with state, response class, the policy's one-line\n"
	         "reason, and OVERDUE when an open finding's deadline has passed (the clock:\n"
	         "PSIRT_NOW, else now). `psirt match` creates and triages them.\n"
	         "`findings trend`: open findings per day over the last N days (default 30).\n"
	         "\n"
	         "--state: all (the default, as in the web UI: open and closed findings\n"
	         "together), open (in_triage or affected), or one state: in_triage,\n"
	         "affected, not_affected, fixed, false_positive, withdrawn. --product P is a\n"
	         "product name (and --version V one of its versions); naming one the store\n"
	         "does not have is an error.\n"
	         "\n"
	         "Exit codes: 0 listed, 2 usage, 3 bad state or no such product or version,\n"
	         "4 internal error.\n",
	.run = run_findings,
};

static int overdue(const struct psirt_finding *f, const char *today)
{
	int open = !strcmp(f->state, "in_triage") || !strcmp(f->state, "affected");

	return open && f->deadline && strncmp(f->deadline, today, 10) < 0;
}

static void csv_field(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static int run_findings(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_findings_query f;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_arena arena;
	struct psirt_finding *items;
	size_t n;
	const char *format = ctx->json ? "json" : "table";
	char now[PSIRT_ISOTIME_LEN + 1];
	size_t i;
	int k, rc;

	if (argc > 1 && !strcmp(argv[1], "trend"))
		return cli_findings_trend(ctx, argc - 1, argv + 1);
	memset(&f, 0, sizeof f);
	for (k = 1; k < argc; k++) {
		const char *a = argv[k];

		if (!strcmp(a, "--kev")) {
			f.kev = 1;
		} else if ((!strcmp(a, "--product") || !strcmp(a, "--version") ||
		            !strcmp(a, "--state") || !strcmp(a, "--format")) &&
		           k + 1 < argc) {
			const char *v = argv[++k];

			if (a[2] == 'p')
				f.product = v;
			else if (a[2] == 'v')
				f.version = v;
			else if (a[2] == 's')
				f.state = v;
			else
				format = v;
		} else {
			return cli_usage_error(ctx, &cli_cmd_findings, "unexpected argument '%s'", a);
		}
	}
	if (strcmp(format, "table") && strcmp(format, "json") && strcmp(format, "csv"))
		return cli_usage_error(ctx, &cli_cmd_findings,
		                       "--format is table, json or csv, not '%s'", format);
	if (f.version && !f.product)
		return cli_usage_error(ctx, &cli_cmd_findings, "--version goes with --product");
	/* all: no condition; open and each state: the API's words */
	if (f.state && !strcmp(f.state, "all"))
		f.state = NULL;
	if (f.state && strcmp(f.state, "open") && psirt_finding_state_parse(f.state) < 0) {
		fprintf(ctx->err,
		        "psirt: error: unknown state '%s' (expected all, open, in_triage, affected,"
		        " not_affected, fixed, false_positive or withdrawn)\n",
		        f.state);
		return CLI_EXIT_INPUT;
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	psirt_arena_init(&arena, 0);
	if (psirt_store_findings_page(store, &f, &arena, &items, &n, NULL, &d)) {
		rc = cli_report(ctx, NULL, &d);
		psirt_diag_release(&d);
		psirt_arena_release(&arena);
		return rc;
	}
	psirt_isotime_now(now);
	if (!strcmp(format, "json")) {
		json_t *a = json_array();

		for (i = 0; a && i < n; i++) {
			const struct psirt_finding *x = &items[i];
			json_t *ev = json_loads(x->evidence, 0, NULL);
			json_t *in = x->ssvc_inputs ? json_loads(x->ssvc_inputs, 0, NULL) : NULL;
			json_t *o = json_pack(
				"{s:I, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s, s:s, s:o?, s:s,"
				" s:s, s:b, s:s, s:s?, s:s?, s:s?, s:o?}",
				"id", (json_int_t)x->id, "product", x->product, "version", x->version,
				"component", x->component, "componentName", x->component_name,
				"componentVersion", x->component_version, "purl", x->component_purl,
				"vulnerability", x->vuln, "record", x->record, "source", x->source,
				"confidence", x->confidence, "evidence", ev, "firstSeen", x->first_seen,
				"lastSeen", x->last_seen, "kev", x->kev, "state", x->state, "justification",
				x->justification, "comment", x->comment, "ssvc", x->ssvc, "ssvcInputs", in);

			if (!o)
				continue;
			if (x->priority) {
				json_object_set_new(o, "priority", json_integer(x->priority));
				json_object_set_new(o, "deadline", x->deadline ? json_string(x->deadline)
				                                               : json_null());
				json_object_set_new(o, "responseClass", json_string(x->response_class));
				json_object_set_new(o, "reason", json_string(x->reason));
				json_object_set_new(o, "policy", json_string(x->policy));
			}
			json_object_set_new(o, "overdue", json_boolean(overdue(x, now)));
			json_object_set_new(o, "units", x->units < 0 ? json_null() : json_integer(x->units));
			json_array_append_new(a, o);
		}
		rc = cli_print_json(ctx, a);
	} else if (!strcmp(format, "csv")) {
		fputs("id,priority,deadline,overdue,state,product,version,component,vulnerability,"
		      "kev,class,reason\n",
		      ctx->out);
		for (i = 0; i < n; i++) {
			const struct psirt_finding *x = &items[i];

			fprintf(ctx->out, "%lld,", x->id);
			if (x->priority)
				fprintf(ctx->out, "P%d", x->priority);
			fprintf(ctx->out, ",%s,%s,%s,", x->deadline ? x->deadline : "",
			        overdue(x, now) ? "yes" : "no", x->state);
			csv_field(ctx->out, x->product);
			fputc(',', ctx->out);
			csv_field(ctx->out, x->version);
			fputc(',', ctx->out);
			csv_field(ctx->out, x->component);
			fprintf(ctx->out, ",%s,%s,%s,", x->vuln, x->kev ? "yes" : "no",
			        x->response_class ? x->response_class : "");
			csv_field(ctx->out, x->reason);
			fputc('\n', ctx->out);
		}
	} else {
		for (i = 0; i < n; i++) {
			const struct psirt_finding *x = &items[i];

			fprintf(ctx->out, "#%lld  ", x->id);
			if (x->priority)
				fprintf(ctx->out, "P%d %s  due %s%s", x->priority, x->response_class,
				        x->deadline ? x->deadline : "?", overdue(x, now) ? " OVERDUE" : "");
			else
				fputs("--", ctx->out);
			fprintf(ctx->out, "  %s  %s %s  %s  %s%s\n", x->state, x->product, x->version,
			        *x->component ? x->component : "(product)", x->vuln,
			        x->kev ? " KEV" : "");
			if (x->reason)
				fprintf(ctx->out, "    %s\n", x->reason);
		}
		if (!n)
			fputs("no findings\n", ctx->out);
	}
	psirt_arena_release(&arena);
	return rc;
}
