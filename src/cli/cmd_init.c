/* psirt init: create the store, or bring its schema up to date. */
#include <jansson.h>

#include "cli/cli.h"
#include "psirt/store.h"

static int run_init(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_init = {
	.name = "init",
	.summary = "create the store (or upgrade its schema)",
	.usage = "usage: psirt [--db PATH] init [--json]\n"
	         "\n"
	         "Creates the store at PATH (default $PSIRT_DB, else ./psirt.db), or applies\n"
	         "the schema migrations an existing store lacks. Safe to run again.\n",
	.run = run_init,
};

static int run_init(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	int applied, version, rc;

	if (argc > 1)
		return cli_usage_error(ctx, &cli_cmd_init, "unexpected argument '%s'", argv[1]);
	if (psirt_store_open(ctx->db_path, PSIRT_STORE_CREATE, &store, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	applied = psirt_store_migrations_applied(store);
	version = psirt_store_schema_version(store);
	psirt_store_close(store);
	if (ctx->json)
		return cli_print_json(ctx, json_pack("{s:s, s:i, s:i}", "db", ctx->db_path,
		                                     "schemaVersion", version, "migrationsApplied",
		                                     applied));
	if (applied == version)
		fprintf(ctx->out, "created store %s (schema version %d)\n", ctx->db_path, version);
	else if (applied)
		fprintf(ctx->out, "upgraded store %s to schema version %d (%d migrations)\n",
		        ctx->db_path, version, applied);
	else
		fprintf(ctx->out, "store %s is up to date (schema version %d)\n", ctx->db_path,
		        version);
	return CLI_EXIT_OK;
}
