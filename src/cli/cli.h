/* psirt CLI — the front door's internal interface.
 *
 * Each command lives in src/cli/cmd_<name>.c and exports
 *     const struct cli_command cli_cmd_<name> = { .name = ..., ... };
 * The Makefile generates the table from the file names (tmux's cmd-*.c).
 * Commands only call library functions and print their results: no SQL, no
 * parsing of formats here. Only this front door prints and picks exit codes.
 */
#ifndef PSIRT_CLI_H
#define PSIRT_CLI_H

#include <stdio.h>

#include <jansson.h>

#include "psirt/error.h"

struct psirt_store;

/* The CLI contract's exit codes (DESIGN.md). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_POLICY = 1,   /* `check` found what the policy forbids */
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_INPUT = 3,    /* bad input: file, name, version, range */
	CLI_EXIT_INTERNAL = 4,
};

struct cli_ctx {
	const char *db_path; /* --db, PSIRT_DB, or "psirt.db" */
	int json;            /* --json given */
	FILE *out;
	FILE *err;
	struct psirt_store *store; /* opened by cli_store(), closed by main */
};

struct cli_command {
	const char *name;
	const char *summary; /* one line for `psirt --help` */
	const char *usage;   /* full help text for `psirt NAME --help`, ends in \n */
	/* argv[0] is the command name; returns an enum cli_exit value. */
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

/* A subcommand of a command (`psirt version compare`). */
struct cli_subcommand {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

/* Runs the subcommand named by argv[1] from subs (n entries), with argv
 * shifted by one. Prints the command's usage for none, --help or an unknown
 * name. */
int cli_dispatch(struct cli_ctx *ctx, const struct cli_command *cmd,
                 const struct cli_subcommand *subs, size_t n, int argc, char **argv);

/* True when argv has -h or --help before any "--". */
int cli_wants_help(int argc, char **argv);
/* Prints cmd's usage to ctx->out; returns CLI_EXIT_OK. */
int cli_help(struct cli_ctx *ctx, const struct cli_command *cmd);
/* Prints "psirt NAME: <message>" and a hint to stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(struct cli_ctx *ctx, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Maps a library error to the contract's exit code (one place for it). */
int cli_exit_code(enum psirt_err err);
/* Prints the diagnostic as one line, "psirt: error: <place>: <message>", to
 * stderr, prefixed by context when not NULL (e.g. the argument being
 * parsed); returns cli_exit_code(diag->code). */
int cli_report(struct cli_ctx *ctx, const char *context, const struct psirt_diag *diag);

/* Writes a JSON value to ctx->out, indented, with a final newline; takes the
 * reference. Returns CLI_EXIT_OK, or CLI_EXIT_INTERNAL when value is NULL
 * (out of memory while building it). */
int cli_print_json(struct cli_ctx *ctx, json_t *value);

/* A progress line on a terminal (f: stderr): drawn with "\r…" then
 * cli_line_drawn, cleared (when drawn) before anything else is printed.
 * cli_line_wanted: whether f is a terminal, where a line makes sense. */
struct cli_line {
	FILE *f;
	int drawn;
};
int cli_line_wanted(FILE *f);
void cli_line_drawn(struct cli_line *l);
void cli_line_clear(struct cli_line *l);

/* The store at ctx->db_path, opened on the first call (an existing store
 * only: `psirt init` creates one) and kept in ctx->store for main to close.
 * Sets *out and returns CLI_EXIT_OK, or reports the error and returns its
 * exit code. Commands call it only once their arguments are checked, so
 * --help and usage errors never touch the database. */
int cli_store(struct cli_ctx *ctx, struct psirt_store **out);

/* A command-line argument as a JSON string: arguments need not be UTF-8 and
 * jansson only takes UTF-8, so other bytes become \xNN text. Returns a new
 * reference, or NULL when out of memory. */
json_t *cli_json_arg(const char *arg);

#endif
