/* Findings subcommands shared by several commands (match, policy, vuln). */
#ifndef PSIRT_CLI_FINDINGS_H
#define PSIRT_CLI_FINDINGS_H

#include "cli/cli.h"

/* `psirt match [--product P [--version V]] [--all]` (argv[0] "match"). */
int cli_match_products(struct cli_ctx *ctx, const struct cli_command *cmd, int argc, char **argv);
/* `psirt policy set FILE`, `policy show`, `policy history` (argv[0] the subcommand). */
int cli_policy_set(struct cli_ctx *ctx, int argc, char **argv);
int cli_policy_show(struct cli_ctx *ctx, int argc, char **argv);
int cli_policy_history(struct cli_ctx *ctx, int argc, char **argv);
/* `psirt vuln affected ID`. */
int cli_vuln_affected(struct cli_ctx *ctx, int argc, char **argv);

/* `psirt findings trend [--days N]` (argv[0] "trend"; findings_trend.c). */
int cli_findings_trend(struct cli_ctx *ctx, int argc, char **argv);

#endif
