/* psirt policy check|eval — validate a triage policy file, decide with it. */
#include <string.h>

#include "cli/cli.h"
#include "cli/findings_cli.h"
#include "psirt/buf.h"
#include "psirt/policy.h"

static int run(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_policy = {
    .name = "policy",
    .summary = "triage policies: check a file, decide a finding's priority with it",
    .usage = "usage: psirt [--json] policy check FILE\n"
             "       psirt [--json] policy eval FILE [FIELD=VALUE...]\n"
             "       psirt [--db PATH] policy set FILE | show | history\n"
             "\n"
             "check  validates FILE and prints its name, fingerprint (the SHA-256 of its\n"
             "       canonical text: its version) and rules in the order they are tried.\n"
             "eval   decides for a finding described by FIELD=VALUE arguments and prints\n"
             "       the rule, priority, deadline and response class, then the reason.\n"
             "set    stores FILE in the store as the current policy (text and fingerprint)\n"
             "       and re-triages every open finding; changed priorities are audited.\n"
             "show   the current policy (the built-in default until one is set);\n"
             "history every policy set: when, who, fingerprint.\n"
             "\n"
             "Fields (docs/policy.md):\n"
             "  ssvc           defer, scheduled, out-of-cycle, immediate (supplier tree)\n"
             "  exploitation   none, public-poc, active\n"
             "  safety         negligible, marginal, critical, catastrophic\n"
             "  nonconformity  yes or no: the product no longer meets a mandatory standard\n"
             "  exposure       physical, adjacent, local-network, internet\n"
             "  weight         low, medium, high, critical (business weight)\n"
             "  kev            yes, no, or the date it was listed (YYYY-MM-DD)\n"
             "  epss           probability from 0 to 1\n"
             "  units          units in the field\n"
             "  controlled     yes or no: residual risk controlled\n"
             "Fields not given are unknown (yes/no fields: no).\n"
             "\n"
             "psirt ships data/policy/default.policy. A bad file or argument is a one-line\n"
             "error with its line and column (exit 3).\n",
    .run = run,
};

static int load(struct cli_ctx *ctx, const char *path, struct psirt_policy **p)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	int rc;

	if (psirt_policy_load(path, p, &diag) == PSIRT_OK)
		return CLI_EXIT_OK;
	rc = cli_report(ctx, NULL, &diag);
	psirt_diag_release(&diag);
	return rc;
}

static json_t *rule_json(const struct psirt_policy_rule *r)
{
	json_t *o = json_object(), *explain = json_array();
	char prio[4];
	unsigned i;

	if (!o || !explain) {
		json_decref(o);
		json_decref(explain);
		return NULL;
	}
	snprintf(prio, sizeof prio, "P%d", r->priority);
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "line", json_integer(r->line));
	json_object_set_new(o, "default", json_boolean(r->is_default));
	json_object_set_new(o, "when", r->condition ? json_string(r->condition) : json_null());
	json_object_set_new(o, "priority", json_string(prio));
	json_object_set_new(o, "deadline_days", json_integer(r->deadline_days));
	json_object_set_new(o, "class", json_string(psirt_response_class_name(r->response_class)));
	for (i = 0; i < r->nexplain; i++)
		json_array_append_new(explain, json_string(psirt_policy_field_name(
		                                   (enum psirt_policy_field)r->explain[i])));
	json_object_set_new(o, "explain", explain);
	return o;
}

static int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_policy *p = NULL;
	size_t i, n;
	int rc, width = 7;

	if (argc != 2)
		return cli_usage_error(ctx, &cli_cmd_policy, "check takes one FILE");
	rc = load(ctx, argv[1], &p);
	if (rc != CLI_EXIT_OK)
		return rc;
	n = psirt_policy_rule_count(p);
	if (ctx->json) {
		json_t *o = json_object(), *rules = json_array();

		if (!o || !rules) {
			json_decref(o);
			json_decref(rules);
			psirt_policy_free(p);
			return CLI_EXIT_INTERNAL;
		}
		json_object_set_new(o, "file", json_string(argv[1]));
		json_object_set_new(o, "name", json_string(psirt_policy_name(p)));
		json_object_set_new(o, "fingerprint", json_string(psirt_policy_fingerprint(p)));
		for (i = 0; i <= n; i++)
			json_array_append_new(rules, rule_json(psirt_policy_rule_at(p, i)));
		json_object_set_new(o, "rules", rules);
		rc = cli_print_json(ctx, o);
		psirt_policy_free(p);
		return rc;
	}
	for (i = 0; i < n; i++) {
		int w = (int)strlen(psirt_policy_rule_at(p, i)->name);

		if (w > width)
			width = w;
	}
	fprintf(ctx->out, "%s: %s%s%s, %zu rule%s and the default\n", argv[1],
	        *psirt_policy_name(p) ? "\"" : "",
	        *psirt_policy_name(p) ? psirt_policy_name(p) : "unnamed",
	        *psirt_policy_name(p) ? "\"" : "", n, n == 1 ? "" : "s");
	fprintf(ctx->out, "%s\n", psirt_policy_fingerprint(p));
	for (i = 0; i <= n; i++) {
		const struct psirt_policy_rule *r = psirt_policy_rule_at(p, i);

		fprintf(ctx->out, "%3zu  %-*s  P%d  %4dd  %-11s  %s\n", i + 1, width, r->name,
		        r->priority, r->deadline_days, psirt_response_class_name(r->response_class),
		        r->condition ? r->condition : "otherwise");
	}
	psirt_policy_free(p);
	return CLI_EXIT_OK;
}

static int cmd_eval(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_policy_input in;
	struct psirt_policy_decision dec;
	struct psirt_buf reason = PSIRT_BUF_INIT;
	struct psirt_policy *p = NULL;
	int i, rc;

	if (argc < 2)
		return cli_usage_error(ctx, &cli_cmd_policy, "eval needs a FILE");
	psirt_policy_input_init(&in);
	/* the arguments first: a typo is reported whatever the file holds */
	for (i = 2; i < argc; i++) {
		if (psirt_policy_input_set(&in, psirt_str_c(argv[i]), &diag) != PSIRT_OK) {
			rc = cli_report(ctx, argv[i], &diag);
			psirt_diag_release(&diag);
			return rc;
		}
	}
	rc = load(ctx, argv[1], &p);
	if (rc != CLI_EXIT_OK)
		return rc;
	if (psirt_policy_eval(p, &in, &dec, &reason) != PSIRT_OK) {
		rc = CLI_EXIT_INTERNAL;
	} else if (ctx->json) {
		json_t *o = json_object();
		char prio[4];

		snprintf(prio, sizeof prio, "P%d", dec.priority);
		if (o) {
			json_object_set_new(o, "rule", json_string(dec.rule->name));
			json_object_set_new(o, "priority", json_string(prio));
			json_object_set_new(o, "deadline_days", json_integer(dec.deadline_days));
			json_object_set_new(
			    o, "class", json_string(psirt_response_class_name(dec.response_class)));
			json_object_set_new(o, "reason", json_string(reason.p));
			json_object_set_new(o, "policy", json_string(psirt_policy_fingerprint(p)));
		}
		rc = cli_print_json(ctx, o);
	} else {
		fprintf(ctx->out, "P%d %s, deadline %d day%s (rule %s)\n%s\n", dec.priority,
		        psirt_response_class_name(dec.response_class), dec.deadline_days,
		        dec.deadline_days == 1 ? "" : "s", dec.rule->name, reason.p);
	}
	psirt_buf_release(&reason);
	psirt_policy_free(p);
	return rc;
}

static const struct cli_subcommand subs[] = {
    {"check", cmd_check},
    {"eval", cmd_eval},
    {"set", cli_policy_set},
    {"show", cli_policy_show},
    {"history", cli_policy_history},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_policy, subs, sizeof subs / sizeof subs[0], argc, argv);
}
