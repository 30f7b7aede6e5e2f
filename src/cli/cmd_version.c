/* psirt version — compare versions, test vers and native ranges, list the schemes. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "psirt/buf.h"
#include "psirt/vers.h"
#include "psirt/version.h"

extern const struct cli_command cli_cmd_version;

static const char usage[] =
	"usage: psirt version compare SCHEME A B          prints -1, 0 or 1 (A <, =, > B)\n"
	"       psirt version satisfies [--strict] RANGE VERSION\n"
	"       psirt version satisfies --native TYPE [--include-prerelease] [--ghsa] RANGE VERSION\n"
	"                                                  prints true or false\n"
	"       psirt version native [--include-prerelease] [--ghsa] TYPE RANGE\n"
	"                                                  prints the vers form of a native range\n"
	"       psirt version check SCHEME VERSION...     prints 'VERSION: ok' for each valid one\n"
	"       psirt version normalize [--strict] RANGE  prints the canonical vers range\n"
	"       psirt version schemes                     lists the schemes and their aliases\n"
	"\n"
	"SCHEME is a scheme name or alias from 'psirt version schemes' (semver, deb, npm,\n"
	"Debian:12, PyPI, ...). RANGE is a vers range (package-url/vers-spec):\n"
	"  vers:<versioning-scheme>/<constraint>|<constraint>|...\n"
	"  e.g. 'vers:deb/>=1.0|<2.0~', 'vers:npm/1.2.3|>=2.0.0|<5.0.0', 'vers:pypi/*'\n"
	"Comparators: = (or none), !=, <, <=, >, >=; '*' alone matches every version.\n"
	"Constraints may come in any order: they are sorted and simplified, unless\n"
	"--strict asks for a range already in canonical form.\n"
	"\n"
	"Native ranges are written in an ecosystem's own syntax; TYPE (a SCHEME as\n"
	"above) picks the syntax and the scheme:\n"
	"  npm          node-semver ranges: '^1.2.3', '~1.2', '1.x', '1.2.3 - 2.3.4',\n"
	"               '>=1.0.0 <2.0.0 || >=3'\n"
	"  pypi, PyPI   PEP 440 specifiers: '>=1.0,<2.0', '~=1.4.2', '==1.*', '!=1.5'\n"
	"  any other    GitHub-advisory ranges: '>= 1.0, < 2.0', '= 1.2.3'\n"
	"'native' prints the range as vers; 'satisfies --native' tests a version with\n"
	"the native rules, which a vers range cannot always hold: node-semver leaves\n"
	"out prerelease versions unless a comparator of the same major.minor.patch\n"
	"has one (unless --include-prerelease), PEP 440 takes V's local versions into\n"
	"<=V, ==V, !=V and keeps V's post-releases out of >V. The vers form of an npm\n"
	"range is node-semver's desugaring of it ('^1.2' is >=1.2.0 <2.0.0-0) compared\n"
	"plainly, prereleases between the bounds included; '--json' says whether the\n"
	"vers form is exact (\"exact\": false when a native rule is lost).\n"
	"\n"
	"Options:\n"
	"  --json                 machine-readable output\n"
	"  --strict               reject a range that is not in canonical form\n"
	"  --native TYPE          RANGE is a native range of TYPE\n"
	"  --include-prerelease   npm: node-semver's includePrerelease option\n"
	"  --ghsa                 read the GitHub-advisory syntax whatever TYPE is\n"
	"\n"
	"Exit codes: 0 ok, 2 usage, 3 invalid version or range, or unknown scheme.\n";

/* Options of the subcommands; which ones a subcommand takes: OPT_* bits. */
struct opts {
	int strict;
	const char *native; /* --native TYPE */
	unsigned native_flags;
};
enum { OPT_STRICT = 1 << 0, OPT_NATIVE = 1 << 1, OPT_NATIVE_FLAGS = 1 << 2 };

/* Splits argv[1..] into options ("--x" before "--", those in allowed) and
 * operands. Returns the operand count (the first max of them in ops), or -1
 * after a usage error. */
static int parse_args(struct cli_ctx *ctx, int argc, char **argv, struct opts *o, unsigned allowed,
                      char **ops, int max)
{
	int i, n = 0, dashdash = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash || strncmp(a, "--", 2) != 0) {
			if (n < max)
				ops[n] = argv[i];
			n++;
		} else if (!strcmp(a, "--")) {
			dashdash = 1;
		} else if ((allowed & OPT_STRICT) && !strcmp(a, "--strict")) {
			o->strict = 1;
		} else if ((allowed & OPT_NATIVE) && !strcmp(a, "--native")) {
			if (i + 1 >= argc) {
				cli_usage_error(ctx, &cli_cmd_version, "%s: --native needs a TYPE", argv[0]);
				return -1;
			}
			o->native = argv[++i];
		} else if ((allowed & OPT_NATIVE_FLAGS) && !strcmp(a, "--include-prerelease")) {
			o->native_flags |= PSIRT_NATIVE_INCLUDE_PRERELEASE;
		} else if ((allowed & OPT_NATIVE_FLAGS) && !strcmp(a, "--ghsa")) {
			o->native_flags |= PSIRT_NATIVE_GHSA;
		} else {
			cli_usage_error(ctx, &cli_cmd_version, "%s: unknown option '%s'", argv[0], a);
			return -1;
		}
	}
	return n;
}

/* Finds a scheme or reports it unknown, listing the known ones. */
static const struct psirt_version_scheme *find_scheme(struct cli_ctx *ctx, const char *name,
                                                      int *rc)
{
	const struct psirt_version_scheme *s = psirt_version_scheme_find(psirt_str_c(name)), *k;
	struct psirt_buf names = PSIRT_BUF_INIT;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	size_t i;

	if (s)
		return s;
	for (i = 0; (k = psirt_version_scheme_at(i)); i++)
		psirt_buf_addf(&names, "%s%s", i ? ", " : "", k->name);
	psirt_diag_set(&d, PSIRT_ENOTFOUND, "unknown version scheme '%s' (known: %s)", name,
	               names.len ? names.p : "none registered");
	*rc = cli_report(ctx, NULL, &d);
	psirt_diag_release(&d);
	psirt_buf_release(&names);
	return NULL;
}

static int run_compare(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct psirt_version_scheme *s;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct opts o = { 0 };
	char *ops[3];
	int n, rc = CLI_EXIT_OK, result = 0, i;

	n = parse_args(ctx, argc, argv, &o, 0, ops, 3);
	if (n < 0)
		return CLI_EXIT_USAGE;
	if (n != 3)
		return cli_usage_error(ctx, &cli_cmd_version, "compare: expected SCHEME A B");
	s = find_scheme(ctx, ops[0], &rc);
	if (!s)
		return rc;
	/* Check each alone first, so that the error names the culprit. */
	for (i = 1; i <= 2; i++) {
		if (s->check(psirt_str_c(ops[i]), &d)) {
			rc = cli_report(ctx, ops[i], &d);
			goto out;
		}
	}
	if (s->compare(psirt_str_c(ops[1]), psirt_str_c(ops[2]), &result, &d)) {
		rc = cli_report(ctx, NULL, &d);
		goto out;
	}
	if (ctx->json)
		rc = cli_print_json(ctx, json_pack("{s:s, s:s, s:s, s:i}", "scheme", s->name, "a", ops[1],
		                                   "b", ops[2], "result", result));
	else
		fprintf(ctx->out, "%d\n", result);
out:
	psirt_diag_release(&d);
	return rc;
}

/* satisfies --native: the native rules (psirt_native_satisfies). */
static int satisfies_native(struct cli_ctx *ctx, const struct opts *o, char **ops)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_native_range *r = NULL;
	int rc = CLI_EXIT_OK, in = 0;

	if (psirt_native_parse(psirt_str_c(o->native), psirt_str_c(ops[0]), o->native_flags, &r,
	                       &d)) {
		rc = cli_report(ctx, d.code == PSIRT_EUNSUPPORTED ? o->native : ops[0], &d);
		goto out;
	}
	if (psirt_native_satisfies(r, psirt_str_c(ops[1]), &in, &d)) {
		rc = cli_report(ctx, ops[1], &d);
		goto out;
	}
	if (ctx->json)
		rc = cli_print_json(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "range", ops[0],
		                                   "type", o->native, "syntax", psirt_native_syntax(r),
		                                   "scheme", psirt_native_scheme(r)->name, "version",
		                                   ops[1], "satisfies", in));
	else
		fputs(in ? "true\n" : "false\n", ctx->out);
out:
	psirt_native_free(r);
	psirt_diag_release(&d);
	return rc;
}

static int run_satisfies(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf canon = PSIRT_BUF_INIT;
	struct psirt_vers *r = NULL;
	struct opts o = { 0 };
	char *ops[2];
	int n, rc = CLI_EXIT_OK, in = 0;

	n = parse_args(ctx, argc, argv, &o, OPT_STRICT | OPT_NATIVE | OPT_NATIVE_FLAGS, ops, 2);
	if (n < 0)
		return CLI_EXIT_USAGE;
	if (n != 2)
		return cli_usage_error(ctx, &cli_cmd_version, "satisfies: expected RANGE VERSION");
	if (o.native && o.strict)
		return cli_usage_error(ctx, &cli_cmd_version,
		                       "satisfies: --strict is for vers ranges, not --native ones");
	if (!o.native && o.native_flags)
		return cli_usage_error(ctx, &cli_cmd_version,
		                       "satisfies: --include-prerelease and --ghsa need --native");
	if (o.native)
		return satisfies_native(ctx, &o, ops);
	if (psirt_vers_parse(psirt_str_c(ops[0]), NULL, o.strict ? PSIRT_VERS_STRICT : 0, NULL, &r,
	                     &d)) {
		rc = cli_report(ctx, ops[0], &d);
		goto out;
	}
	if (psirt_vers_satisfies(r, psirt_str_c(ops[1]), &in, &d)) {
		rc = cli_report(ctx, ops[1], &d);
		goto out;
	}
	if (ctx->json) {
		if (psirt_vers_format(r, &canon)) {
			rc = CLI_EXIT_INTERNAL;
			goto out;
		}
		rc = cli_print_json(ctx, json_pack("{s:s, s:s, s:s, s:b}", "range", canon.p, "scheme",
		                                   r->scheme->name, "version", ops[1], "satisfies", in));
	} else {
		fputs(in ? "true\n" : "false\n", ctx->out);
	}
out:
	psirt_buf_release(&canon);
	psirt_vers_free(r);
	psirt_diag_release(&d);
	return rc;
}

/* native TYPE RANGE: the vers form. */
static int run_native(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf canon = PSIRT_BUF_INIT;
	struct psirt_native_range *r = NULL;
	struct psirt_vers *v = NULL;
	struct opts o = { 0 };
	char *ops[2];
	int n, rc = CLI_EXIT_OK, exact = 0;

	n = parse_args(ctx, argc, argv, &o, OPT_NATIVE_FLAGS, ops, 2);
	if (n < 0)
		return CLI_EXIT_USAGE;
	if (n != 2)
		return cli_usage_error(ctx, &cli_cmd_version, "native: expected TYPE RANGE");
	/* exact: does the vers form answer like the native rules under the
	 * given flags? */
	if (psirt_native_parse(psirt_str_c(ops[0]), psirt_str_c(ops[1]), o.native_flags, &r, &d) ||
	    psirt_native_to_vers(r, NULL, &v, &exact, &d)) {
		rc = cli_report(ctx, d.code == PSIRT_EUNSUPPORTED ? ops[0] : ops[1], &d);
		goto out;
	}
	if (psirt_vers_format(v, &canon)) {
		rc = CLI_EXIT_INTERNAL;
		goto out;
	}
	if (ctx->json)
		rc = cli_print_json(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "type", ops[0],
		                                   "syntax", psirt_native_syntax(r), "scheme",
		                                   psirt_native_scheme(r)->name, "input", ops[1],
		                                   "vers", canon.p, "exact", exact));
	else
		fprintf(ctx->out, "%s\n", canon.p);
out:
	psirt_buf_release(&canon);
	psirt_vers_free(v);
	psirt_native_free(r);
	psirt_diag_release(&d);
	return rc;
}

static int run_check(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct psirt_version_scheme *s;
	char **ops = calloc((size_t)argc + 1, sizeof *ops);
	struct opts o = { 0 };
	json_t *arr = NULL, *item;
	int n, i, rc = CLI_EXIT_OK, bad = 0;

	if (!ops)
		return CLI_EXIT_INTERNAL;
	n = parse_args(ctx, argc, argv, &o, 0, ops, argc);
	if (n < 0) {
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (n < 2) {
		rc = cli_usage_error(ctx, &cli_cmd_version, "check: expected SCHEME VERSION...");
		goto out;
	}
	s = find_scheme(ctx, ops[0], &rc);
	if (!s)
		goto out;
	if (ctx->json)
		arr = json_array();
	for (i = 1; i < n; i++) {
		struct psirt_diag d = PSIRT_DIAG_INIT;
		enum psirt_err err = s->check(psirt_str_c(ops[i]), &d);

		if (err)
			bad = cli_exit_code(err);
		if (arr) {
			item = err ? json_pack("{s:s, s:b, s:s, s:I}", "version", ops[i], "valid", 0,
			                       "error", d.message ? d.message : psirt_strerror(err),
			                       "column", (json_int_t)d.column)
			           : json_pack("{s:s, s:b}", "version", ops[i], "valid", 1);
			if (!item || json_array_append_new(arr, item))
				rc = CLI_EXIT_INTERNAL;
		} else if (err) {
			cli_report(ctx, ops[i], &d);
		} else {
			fprintf(ctx->out, "%s: ok\n", ops[i]);
		}
		psirt_diag_release(&d);
	}
	if (arr) {
		n = cli_print_json(ctx, arr);
		if (n && !rc)
			rc = n;
	}
	if (!rc)
		rc = bad;
out:
	free(ops);
	return rc;
}

static json_t *range_json(const struct psirt_vers *r, const char *canon, const char *input)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:[]}", "input", input, "vers", canon, "type",
	                      r->type.p, "scheme", r->scheme->name, "constraints");
	json_t *cs = o ? json_object_get(o, "constraints") : NULL;
	size_t i;

	for (i = 0; cs && i < r->count; i++) {
		const char *op = r->constraints[i].op == PSIRT_VERS_EQ
		                 ? "=" : psirt_vers_op_str(r->constraints[i].op);
		json_t *c = r->constraints[i].op == PSIRT_VERS_ANY
		            ? json_pack("{s:s}", "comparator", op)
		            : json_pack("{s:s, s:s%}", "comparator", op, "version",
		                        r->constraints[i].version.p, r->constraints[i].version.len);

		if (!c || json_array_append_new(cs, c)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

static int run_normalize(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_buf canon = PSIRT_BUF_INIT;
	struct psirt_vers *r = NULL;
	struct opts o = { 0 };
	char *ops[1];
	int n, rc = CLI_EXIT_OK;

	n = parse_args(ctx, argc, argv, &o, OPT_STRICT, ops, 1);
	if (n < 0)
		return CLI_EXIT_USAGE;
	if (n != 1)
		return cli_usage_error(ctx, &cli_cmd_version, "normalize: expected one RANGE");
	if (psirt_vers_parse(psirt_str_c(ops[0]), NULL, o.strict ? PSIRT_VERS_STRICT : 0, NULL, &r,
	                     &d)) {
		rc = cli_report(ctx, ops[0], &d);
		goto out;
	}
	if (psirt_vers_format(r, &canon)) {
		rc = CLI_EXIT_INTERNAL;
		goto out;
	}
	if (ctx->json)
		rc = cli_print_json(ctx, range_json(r, canon.p, ops[0]));
	else
		fprintf(ctx->out, "%s\n", canon.p);
out:
	psirt_buf_release(&canon);
	psirt_vers_free(r);
	psirt_diag_release(&d);
	return rc;
}

static int run_schemes(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct psirt_version_scheme *s;
	const char *const *a;
	json_t *arr = NULL, *o, *aliases;
	size_t i;

	if (argc > 1)
		return cli_usage_error(ctx, &cli_cmd_version, "schemes: takes no argument");
	if (ctx->json)
		arr = json_array();
	for (i = 0; (s = psirt_version_scheme_at(i)); i++) {
		if (arr) {
			aliases = json_array();
			for (a = s->aliases; aliases && a && *a; a++)
				json_array_append_new(aliases, json_string(*a));
			o = json_pack("{s:s, s:s, s:o}", "name", s->name, "summary",
			              s->summary ? s->summary : "", "aliases", aliases);
			if (!o || json_array_append_new(arr, o)) {
				json_decref(arr);
				return CLI_EXIT_INTERNAL;
			}
			continue;
		}
		fprintf(ctx->out, "%-8s %s\n", s->name, s->summary ? s->summary : "");
		if (s->aliases && *s->aliases) {
			fputs("         aliases:", ctx->out);
			for (a = s->aliases; *a; a++)
				fprintf(ctx->out, "%s %s", a == s->aliases ? "" : ",", *a);
			fputc('\n', ctx->out);
		}
	}
	if (arr)
		return cli_print_json(ctx, arr);
	return CLI_EXIT_OK;
}

static const struct cli_subcommand subs[] = {
	{ "compare", run_compare },
	{ "satisfies", run_satisfies },
	{ "native", run_native },
	{ "check", run_check },
	{ "normalize", run_normalize },
	{ "schemes", run_schemes },
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_version, subs, sizeof subs / sizeof subs[0], argc, argv);
}

const struct cli_command cli_cmd_version = {
	.name = "version",
	.summary = "compare versions, test vers and native ranges, list version schemes",
	.usage = usage,
	.run = run,
};
