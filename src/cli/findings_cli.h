/* Findings subcommands shared by several commands (match, policy, vuln). */
#ifndef PSIRT_CLI_FINDINGS_H
#define PSIRT_CLI_FINDINGS_H

#include <jansson.h>

#include "cli/cli.h"

/* `psirt match [--product P [--version V]] [--all]` (argv[0] "match"). */
int cli_match_products(struct cli_ctx *ctx, const struct cli_command *cmd, int argc, char **argv);
/* Unusable criteria and ranges of the knowledge base (psirt/match.h), as a
 * command reports them: on stderr as "psirt: warning: RECORD FIELD 'VALUE':
 * MESSAGE", the first CLI_PROBLEMS_SHOWN only, then one line with the
 * number left out; with --json into arr (every one) instead. Zero-init, set
 * ctx; cli_problem_add is a psirt_findings_problem_fn; cli_problems_end
 * prints the tail line (not in JSON mode). */
#define CLI_PROBLEMS_SHOWN 20
struct psirt_match_problem;
struct cli_problems {
	struct cli_ctx *ctx;
	size_t n;
	json_t *arr; /* JSON mode: the problems (created on the first one) */
	int nomem;
};
void cli_problem_add(void *ctx, const struct psirt_match_problem *p);
void cli_problems_end(struct cli_problems *p);
/* A problem as a JSON object {record, field, value, message}. */
json_t *cli_problem_json(const struct psirt_match_problem *p);

/* `psirt policy set FILE`, `policy show`, `policy history` (argv[0] the subcommand). */
int cli_policy_set(struct cli_ctx *ctx, int argc, char **argv);
int cli_policy_show(struct cli_ctx *ctx, int argc, char **argv);
int cli_policy_history(struct cli_ctx *ctx, int argc, char **argv);
/* `psirt vuln affected ID`. */
int cli_vuln_affected(struct cli_ctx *ctx, int argc, char **argv);

/* `psirt findings trend [--days N]` (argv[0] "trend"; findings_trend.c). */
int cli_findings_trend(struct cli_ctx *ctx, int argc, char **argv);

#endif
