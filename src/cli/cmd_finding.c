/* psirt finding set: an analyst's decision on a finding, audited. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "psirt/findings.h"
#include "psirt/str.h"

char *psirt_portfolio_actor(void); /* psirt/portfolio.h */

static int run_finding(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_finding = {
	.name = "finding",
	.summary = "set a finding's state (VEX analysis), audited",
	.usage = "usage: psirt [--db PATH] finding set ID STATE [--justification J] [--comment C]\n"
	         "                 [--scope version|product]\n"
	         "       psirt [--db PATH] finding history ID\n"
	         "       psirt [--db PATH] finding ssvc ID [POINT=VALUE...] [--clear POINT]...\n"
	         "                 --because REASON\n"
	         "\n"
	         "STATE: in_triage, affected, not_affected (needs --justification: one of\n"
	         "component_not_present, vulnerable_code_not_present,\n"
	         "vulnerable_code_not_in_execute_path,\n"
	         "vulnerable_code_cannot_be_controlled_by_adversary,\n"
	         "inline_mitigations_already_exist), fixed, false_positive. (withdrawn is\n"
	         "set by `psirt match` when every record of the vulnerability is withdrawn.)\n"
	         "--scope product carries the decision to every version of the product with\n"
	         "the same component name and version, and keeps it as the product-wide\n"
	         "analysis: findings psirt match creates later for that component version\n"
	         "(a new release with the same component) take its state, justification and\n"
	         "comment (affected, not_affected, false_positive; another state set with\n"
	         "--scope product ends it). Every change goes to the audit log (who:\n"
	         "$PSIRT_USER or the login name).\n"
	         "\n"
	         "finding ssvc overrides SSVC inputs of an open finding (the reason is\n"
	         "required and audited), re-triages it and prints its decision; --clear\n"
	         "drops an override (the derived value applies again). POINT=VALUE, by key or\n"
	         "name: E (Exploitation) N, P, A; A (Automatable) N, Y; TI (Technical Impact)\n"
	         "P, T; SI (Safety Impact) N, M, R, C; PWI (Public Well-Being Impact) M, MA, I;\n"
	         "EXP (System Exposure) S, C, O; VD (Value Density) D, C; MI (Mission Impact)\n"
	         "D, MSC, MEF, MF; MP (Mission Prevalence) M, S, E.\n"
	         "\n"
	         "Exit codes: 0 set, 2 usage, 3 bad state, point or value, or no such finding,\n"
	         "4 internal.\n",
	.run = run_finding,
};

static int run_set(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	const char *just = NULL, *comment = NULL, *pos[2] = { NULL, NULL };
	long long id = 0;
	size_t changed = 0, np = 0, k;
	int i, rc, product = 0;
	char *actor;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if ((!strcmp(a, "--justification") || !strcmp(a, "--comment") ||
		     !strcmp(a, "--scope")) &&
		    i + 1 < argc) {
			const char *v = argv[++i];

			if (a[2] == 'j')
				just = v;
			else if (a[2] == 'c')
				comment = v;
			else if (!strcmp(v, "product"))
				product = 1;
			else if (strcmp(v, "version"))
				return cli_usage_error(ctx, &cli_cmd_finding,
				                       "--scope is version or product, not '%s'", v);
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error(ctx, &cli_cmd_finding, "unknown option '%s'", a);
		} else if (np < 2) {
			pos[np++] = a;
		} else {
			return cli_usage_error(ctx, &cli_cmd_finding, "unexpected argument '%s'", a);
		}
	}
	if (np != 2)
		return cli_usage_error(ctx, &cli_cmd_finding, "set needs ID and STATE");
	for (k = 0; pos[0][k]; k++) {
		if (!psirt_isdigit((unsigned char)pos[0][k]) || id > 100000000000000LL) {
			fprintf(ctx->err, "psirt: error: finding id '%s' is not a number\n", pos[0]);
			return CLI_EXIT_INPUT;
		}
		id = id * 10 + (pos[0][k] - '0');
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	actor = psirt_portfolio_actor();
	if (!actor)
		return CLI_EXIT_INTERNAL;
	if (psirt_findings_set(store, id, pos[1], just, comment, product, actor, &changed, &d)) {
		rc = cli_report(ctx, NULL, &d);
		psirt_diag_release(&d);
	} else {
		fprintf(ctx->out, "%zu finding%s changed\n", changed, changed == 1 ? "" : "s");
	}
	free(actor);
	return rc;
}

static int run_history(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_arena arena;
	struct psirt_audit_entry *e;
	long long id = 0;
	size_t n, i, k;
	int rc;

	if (argc != 2)
		return cli_usage_error(ctx, &cli_cmd_finding, "history needs ID");
	for (k = 0; argv[1][k]; k++) {
		if (!psirt_isdigit((unsigned char)argv[1][k]) || id > 100000000000000LL) {
			fprintf(ctx->err, "psirt: error: finding id '%s' is not a number\n", argv[1]);
			return CLI_EXIT_INPUT;
		}
		id = id * 10 + (argv[1][k] - '0');
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	psirt_arena_init(&arena, 0);
	if (psirt_store_finding_history(store, id, &arena, &e, &n, &d)) {
		rc = cli_report(ctx, NULL, &d);
		psirt_diag_release(&d);
	} else if (!n) {
		fprintf(ctx->err, "psirt: error: no finding %lld\n", id);
		rc = CLI_EXIT_INPUT;
	}
	for (i = 0; !rc && i < n; i++)
		fprintf(ctx->out, "%s  %s  %s: %s -> %s%s%s\n", e[i].at, e[i].actor,
		        e[i].field ? e[i].field : "", e[i].old_value ? e[i].old_value : "(none)",
		        e[i].new_value ? e[i].new_value : "(none)", e[i].comment ? "  # " : "",
		        e[i].comment ? e[i].comment : "");
	psirt_arena_release(&arena);
	return rc;
}

static int run_ssvc(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_findings_list *l = NULL;
	struct psirt_findings_filter f;
	const char *because = NULL, *idtext = NULL;
	const char **set = NULL, **clear = NULL;
	size_t nset = 0, nclear = 0, k;
	long long id = 0;
	int i, rc = 0;
	char *actor = NULL;

	set = calloc((size_t)argc, sizeof *set);
	clear = calloc((size_t)argc, sizeof *clear);
	if (!set || !clear) {
		rc = CLI_EXIT_INTERNAL;
		goto out;
	}
	for (i = 1; !rc && i < argc; i++) {
		const char *a = argv[i];

		if ((!strcmp(a, "--because") || !strcmp(a, "--clear")) && i + 1 < argc) {
			if (a[2] == 'b')
				because = argv[++i];
			else
				clear[nclear++] = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage_error(ctx, &cli_cmd_finding, "unknown option '%s'", a);
		} else if (!idtext) {
			idtext = a;
		} else {
			set[nset++] = a;
		}
	}
	if (!rc && !idtext)
		rc = cli_usage_error(ctx, &cli_cmd_finding, "ssvc needs ID");
	if (!rc && !nset && !nclear)
		rc = cli_usage_error(ctx, &cli_cmd_finding, "ssvc needs POINT=VALUE or --clear POINT");
	if (!rc && !because)
		rc = cli_usage_error(ctx, &cli_cmd_finding, "ssvc needs --because REASON");
	for (k = 0; !rc && idtext[k]; k++) {
		if (!psirt_isdigit((unsigned char)idtext[k]) || id > 100000000000000LL) {
			fprintf(ctx->err, "psirt: error: finding id '%s' is not a number\n", idtext);
			rc = CLI_EXIT_INPUT;
		}
		id = id * 10 + (idtext[k] - '0');
	}
	if (!rc)
		rc = cli_store(ctx, &store);
	if (!rc) {
		actor = psirt_portfolio_actor();
		if (!actor)
			rc = CLI_EXIT_INTERNAL;
	}
	if (rc)
		goto out;
	memset(&f, 0, sizeof f);
	f.id = id;
	if (psirt_findings_ssvc_override(store, id, set, nset, clear, nclear, because, actor, &d) ||
	    psirt_findings_list(store, &f, &l, &d)) {
		rc = cli_report(ctx, NULL, &d);
		psirt_diag_release(&d);
		goto out;
	}
	for (k = 0; k < l->n; k++) {
		const struct psirt_finding *x = &l->items[k];

		fprintf(ctx->out, "#%lld  P%d %s  due %s  SSVC %s\n    %s\n", x->id, x->priority,
		        x->response_class ? x->response_class : "?",
		        x->deadline ? x->deadline : "-", x->ssvc ? x->ssvc : "unknown",
		        x->reason ? x->reason : "");
	}
out:
	psirt_findings_list_free(l);
	free(actor);
	free(set);
	free(clear);
	return rc;
}

static const struct cli_subcommand subs[] = {
	{ "set", run_set },
	{ "history", run_history },
	{ "ssvc", run_ssvc },
};

static int run_finding(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_finding, subs, sizeof subs / sizeof subs[0], argc, argv);
}
