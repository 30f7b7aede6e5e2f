/* Shared helpers of the CLI front door (see cli.h). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "psirt/buf.h"
#include "psirt/portfolio.h"
#include "psirt/store.h"

int cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return 0;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	}
	return 0;
}

int cli_help(struct cli_ctx *ctx, const struct cli_command *cmd)
{
	fputs(cmd->usage, ctx->out);
	return CLI_EXIT_OK;
}

int cli_usage_error(struct cli_ctx *ctx, const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(ctx->err, "psirt %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fprintf(ctx->err, "\n(see 'psirt %s --help')\n", cmd->name);
	return CLI_EXIT_USAGE;
}

int cli_dispatch(struct cli_ctx *ctx, const struct cli_command *cmd,
                 const struct cli_subcommand *subs, size_t n, int argc, char **argv)
{
	size_t i;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help"))
		return argc < 2 ? (cli_help(ctx, cmd), CLI_EXIT_USAGE) : cli_help(ctx, cmd);
	for (i = 0; i < n; i++) {
		if (!strcmp(argv[1], subs[i].name)) {
			if (cli_wants_help(argc - 1, argv + 1))
				return cli_help(ctx, cmd);
			return subs[i].run(ctx, argc - 1, argv + 1);
		}
	}
	return cli_usage_error(ctx, cmd, "unknown subcommand '%s'", argv[1]);
}

int cli_exit_code(enum psirt_err err)
{
	switch (err) {
	case PSIRT_EOK:
		return CLI_EXIT_OK;
	case PSIRT_EUSAGE:
		return CLI_EXIT_USAGE;
	case PSIRT_EINVAL:
	case PSIRT_ETOOBIG:
	case PSIRT_ENOTFOUND:
	case PSIRT_EUNSUPPORTED:
	case PSIRT_EIO:
		return CLI_EXIT_INPUT;
	case PSIRT_ENOMEM:
	case PSIRT_ESTORE:
	case PSIRT_EINTERNAL:
	case PSIRT_E__MAX:
		break;
	}
	return CLI_EXIT_INTERNAL;
}

int cli_report(struct cli_ctx *ctx, const char *context, const struct psirt_diag *diag)
{
	char *line = psirt_diag_format(diag);

	fputs("psirt: error: ", ctx->err);
	if (context)
		fprintf(ctx->err, "%s: ", context);
	fputs(line ? line : psirt_strerror(diag->code), ctx->err);
	fputc('\n', ctx->err);
	free(line);
	return cli_exit_code(diag->code);
}

int cli_line_wanted(FILE *f)
{
	return isatty(fileno(f));
}

void cli_line_drawn(struct cli_line *l)
{
	fputs("\033[K", l->f); /* the rest of a longer line drawn before */
	fflush(l->f);
	l->drawn = 1;
}

void cli_line_clear(struct cli_line *l)
{
	if (l->drawn) {
		fputs("\r\033[K", l->f);
		l->drawn = 0;
	}
}

int cli_print_json(struct cli_ctx *ctx, json_t *value)
{
	int rc;

	if (!value)
		return CLI_EXIT_INTERNAL;
	rc = json_dumpf(value, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(value);
	if (rc)
		return CLI_EXIT_INTERNAL;
	fputc('\n', ctx->out);
	return CLI_EXIT_OK;
}

json_t *cli_json_arg(const char *arg)
{
	return psirt_json_str(arg);
}

int cli_store(struct cli_ctx *ctx, struct psirt_store **out)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	int rc;

	if (!ctx->store && psirt_store_open(ctx->db_path, 0, &ctx->store, &diag)) {
		ctx->store = NULL;
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	*out = ctx->store;
	return CLI_EXIT_OK;
}
