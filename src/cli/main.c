/* psirt — the command-line front door.
 *
 * psirt [--db PATH] [--json] COMMAND [ARGS...]
 * Global options come before the command; --json is also accepted after it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "psirt/log.h"
#include "psirt/store.h"

#define CLI_COMMAND(name) extern const struct cli_command cli_cmd_##name;
#include "cli_commands.h"
#undef CLI_COMMAND

static const struct cli_command *const commands[] = {
#define CLI_COMMAND(name) &cli_cmd_##name,
#include "cli_commands.h"
#undef CLI_COMMAND
	NULL /* end marker; also keeps the array non-empty */
};

#define PSIRT_VERSION_STRING "0.1.0"

static void log_to_stderr(enum psirt_log_level level, const char *message, void *ctx)
{
	fprintf((FILE *)ctx, "psirt: %s: %s\n", psirt_log_level_name(level), message);
}

static void print_overview(FILE *f)
{
	size_t i;

	fputs("usage: psirt [--db PATH] [--json] COMMAND [ARGS...]\n\n"
	      "psirt: product-security incident response for makers of connected products.\n\n"
	      "Commands:\n", f);
	for (i = 0; commands[i]; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nGlobal options:\n"
	      "  --db PATH  the store (default: $PSIRT_DB, else ./psirt.db)\n"
	      "  --json     machine-readable output\n"
	      "  --version  print psirt's version\n\n"
	      "Exit codes: 0 ok, 1 policy failure, 2 usage, 3 bad input, 4 internal error.\n"
	      "'psirt COMMAND --help' describes a command.\n", f);
}

static const struct cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; commands[i]; i++) {
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	}
	return NULL;
}

/* Removes every "--json" before a "--" from argv, setting ctx->json. */
static int strip_json_flag(struct cli_ctx *ctx, int argc, char **argv)
{
	int i, j = 0, done = 0;

	for (i = 0; i < argc; i++) {
		if (!done && !strcmp(argv[i], "--"))
			done = 1;
		if (!done && !strcmp(argv[i], "--json")) {
			ctx->json = 1;
			continue;
		}
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	return j;
}

/* A full disk or a closed pipe must not pass for success. */
static int finish(int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		fputs("psirt: error: cannot write the output\n", stderr);
		return rc ? rc : CLI_EXIT_INTERNAL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { NULL, 0, stdout, stderr, NULL };
	int rc;
	const struct cli_command *cmd;
	const char *env;
	int i = 1;

	psirt_log_set_sink(log_to_stderr, stderr,
	                   getenv("PSIRT_DEBUG") ? PSIRT_LOG_DEBUG : PSIRT_LOG_WARN);
	env = getenv("PSIRT_DB");
	ctx.db_path = env && *env ? env : "psirt.db";
	argc = strip_json_flag(&ctx, argc, argv);

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 >= argc) {
				fputs("psirt: --db needs a path\n", stderr);
				return CLI_EXIT_USAGE;
			}
			ctx.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			ctx.db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			print_overview(stdout);
			return CLI_EXIT_OK;
		} else if (!strcmp(argv[i], "--version")) {
			printf("psirt %s\n", PSIRT_VERSION_STRING);
			return CLI_EXIT_OK;
		} else {
			fprintf(stderr, "psirt: unknown option '%s'\n(see 'psirt --help')\n", argv[i]);
			return CLI_EXIT_USAGE;
		}
	}
	if (i >= argc) {
		print_overview(stderr);
		return CLI_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc && (cmd = find_command(argv[i + 1])))
			return cli_help(&ctx, cmd);
		print_overview(stdout);
		return CLI_EXIT_OK;
	}
	cmd = find_command(argv[i]);
	if (!cmd) {
		fprintf(stderr, "psirt: '%s' is not a psirt command (see 'psirt --help')\n", argv[i]);
		return CLI_EXIT_USAGE;
	}
	if (cli_wants_help(argc - i, argv + i))
		return cli_help(&ctx, cmd);
	rc = cmd->run(&ctx, argc - i, argv + i);
	psirt_store_close(ctx.store);
	return finish(rc);
}
