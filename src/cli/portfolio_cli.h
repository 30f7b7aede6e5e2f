/* CLI helpers shared by `psirt product` and `psirt sbom`: errors, aligned
 * tables (the JSON shapes are the library's: psirt/portfolio.h), and
 * the sbom subcommands that work on the portfolio (import, export, diff,
 * scan), which src/cli/cmd_sbom.c lists in its subcommand table. */
#ifndef PSIRT_CLI_PORTFOLIO_H
#define PSIRT_CLI_PORTFOLIO_H

#include "cli/cli.h"
#include "psirt/arena.h"
#include "psirt/portfolio.h"

/* Prints diag (cli_report), releases it; returns the exit code. (The store
 * comes from cli_store() and is closed by main.) */
int pcli_fail(struct cli_ctx *ctx, struct psirt_diag *diag);

/* An aligned text table: add the header and rows cell by cell (strings are
 * copied; NULL prints "-"), then print. Columns are separated by two
 * spaces; the last column is not padded. */
struct pcli_table {
	size_t ncols, n, cap;
	const char **cells;
	struct psirt_arena arena;
	int oom;
};
void pcli_table_init(struct pcli_table *t, size_t ncols);
void pcli_table_add(struct pcli_table *t, const char *cell);
void pcli_table_addf(struct pcli_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints and releases the table; CLI_EXIT_INTERNAL when memory ran out. */
int pcli_table_print(struct pcli_table *t, FILE *out);

/* Prints the components of doc as a table, nesting shown by indentation. */
int pcli_components_print(struct cli_ctx *ctx, const struct psirt_sbom_doc *doc);

/* The sbom subcommands on the portfolio, argv[0] the subcommand name. */
int pcli_sbom_import(struct cli_ctx *ctx, int argc, char **argv);
int pcli_sbom_export(struct cli_ctx *ctx, int argc, char **argv);
int pcli_sbom_diff(struct cli_ctx *ctx, int argc, char **argv);
/* `sbom scan PRODUCT VERSION PATH`: checks first that the product exists
 * (a scan can take seconds), then stores the scanned doc (borrowed) as the
 * version's component list, the image's sha256 and size when PATH is a
 * file. Print and exit code as `sbom import`. */
int pcli_check_product(struct cli_ctx *ctx, const char *product);
int pcli_sbom_store_scan(struct cli_ctx *ctx, const char *product, const char *version,
                         const char *path, struct psirt_sbom_doc *doc);

/* Their usage lines for the sbom command's help (the first starts "usage:"). */
#define PCLI_SBOM_USAGE_FIRST                                                                  \
	"usage: psirt [--db PATH] sbom import PRODUCT VERSION FILE [--json]\n"                  \
	"       psirt [--db PATH] sbom export PRODUCT VERSION [--format cyclonedx|spdx]\n"      \
	"                                 [-o FILE]\n"                                          \
	"       psirt [--db PATH] sbom diff PRODUCT OLD_VERSION NEW_VERSION [--json]\n"

#define PCLI_SBOM_HELP                                                                         \
	"import  reads FILE (CycloneDX 1.2-1.7 JSON or XML, SPDX 2.2/2.3 JSON or\n"             \
	"        tag-value, SPDX 3.0 JSON-LD; told apart by content) and makes its\n"           \
	"        components the version's component list, replacing the previous one\n"       \
	"        in one transaction; the version is added when it does not exist. The\n"       \
	"        version's history keeps every import: format, serial, file name,\n"           \
	"        sha256, when, who ($PSIRT_USER, else the login name). Components\n"          \
	"        without purl or CPE, or with a malformed one, are kept and listed as\n"       \
	"        warnings on stderr. A bad file changes nothing.\n"                            \
	"export  writes the version's SBOM, the product as the root component, to\n"          \
	"        stdout or FILE: CycloneDX 1.6 JSON (default) or SPDX 2.3 JSON.\n"             \
	"diff    components added, removed and changed in version between two\n"              \
	"        versions of a product (paired by purl type/namespace/name, else by\n"        \
	"        name).\n"

#endif
