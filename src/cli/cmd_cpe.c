/* psirt cpe parse|match — CPE 2.3 names: bindings and NISTIR 7696 relations. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "psirt/buf.h"
#include "psirt/cpe.h"

static const struct cli_command *self(void);

/* Skips options (none but "--"); returns the index of the first operand, or
 * -1 after printing a usage error. */
static int operands(struct cli_ctx *ctx, int argc, char **argv, int *rc)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		*rc = cli_usage_error(ctx, self(), "unknown option '%s'", argv[i]);
		return -1;
	}
	return i;
}

/* Parses arg; on error reports it (text mode) or returns the message in
 * *msg (JSON mode, owned), and returns the exit code. */
static int parse_arg(struct cli_ctx *ctx, const char *arg, const char *context,
                     struct psirt_cpe **cpe, char **msg)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	enum psirt_err err;
	int rc;

	err = psirt_cpe_parse(psirt_str_c(arg), cpe, &diag);
	if (!err)
		return CLI_EXIT_OK;
	if (msg) {
		*msg = psirt_diag_format(&diag);
		rc = cli_exit_code(err);
	} else {
		rc = cli_report(ctx, context, &diag);
	}
	psirt_diag_release(&diag);
	return rc;
}

static json_t *cpe_json(const char *arg, const struct psirt_cpe *cpe, struct psirt_buf *tmp)
{
	json_t *o = json_object(), *attrs = json_object();
	int a;

	if (!o || !attrs) {
		json_decref(o);
		json_decref(attrs);
		return NULL;
	}
	json_object_set_new(o, "input", cli_json_arg(arg));
	psirt_buf_reset(tmp);
	psirt_cpe_format_fs(cpe, tmp);
	json_object_set_new(o, "fs", json_string(tmp->p));
	psirt_buf_reset(tmp);
	psirt_cpe_format_uri(cpe, tmp);
	json_object_set_new(o, "uri", json_string(tmp->p));
	psirt_buf_reset(tmp);
	psirt_cpe_format_wfn(cpe, tmp);
	json_object_set_new(o, "wfn", json_string(tmp->p));
	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++) {
		psirt_buf_reset(tmp);
		psirt_cpe_format_attr_fs(cpe, (enum psirt_cpe_attr)a, tmp);
		json_object_set_new(attrs, psirt_cpe_attr_name((enum psirt_cpe_attr)a),
		                    json_string(tmp->p));
	}
	json_object_set_new(o, "attributes", attrs);
	if (psirt_buf_error(tmp)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int print_cpe(struct cli_ctx *ctx, const struct psirt_cpe *cpe, struct psirt_buf *tmp)
{
	psirt_buf_reset(tmp);
	psirt_buf_adds(tmp, "fs:  ");
	psirt_cpe_format_fs(cpe, tmp);
	psirt_buf_adds(tmp, "\nuri: ");
	psirt_cpe_format_uri(cpe, tmp);
	psirt_buf_adds(tmp, "\nwfn: ");
	psirt_cpe_format_wfn(cpe, tmp);
	psirt_buf_addch(tmp, '\n');
	if (psirt_buf_error(tmp))
		return CLI_EXIT_INTERNAL;
	fputs(tmp->p, ctx->out);
	return CLI_EXIT_OK;
}

static int run_parse(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_buf tmp = PSIRT_BUF_INIT, label = PSIRT_BUF_INIT;
	json_t *all = NULL, *item;
	int i, first, rc = CLI_EXIT_OK, code;

	first = operands(ctx, argc, argv, &rc);
	if (first < 0)
		return rc;
	if (first >= argc)
		return cli_usage_error(ctx, self(), "no CPE name given");
	if (ctx->json) {
		all = json_array();
		if (!all)
			return CLI_EXIT_INTERNAL;
	}
	for (i = first; i < argc; i++) {
		struct psirt_cpe *cpe = NULL;
		char *msg = NULL;

		/* with several names, an error says which one */
		psirt_buf_reset(&label);
		if (argc - first > 1)
			psirt_buf_addf(&label, "'%s'", argv[i]);
		code = parse_arg(ctx, argv[i], label.len && !psirt_buf_error(&label) ? label.p : NULL,
		                 &cpe, all ? &msg : NULL);
		if (code) {
			if (code > rc)
				rc = code;
			if (all) {
				item = json_object();
				if (item) {
					json_object_set_new(item, "input", cli_json_arg(argv[i]));
					json_object_set_new(item, "error",
					                    json_string(msg ? msg : "invalid CPE name"));
				}
				free(msg);
				if (!item || json_array_append_new(all, item))
					rc = CLI_EXIT_INTERNAL;
			}
			continue;
		}
		if (all) {
			item = cpe_json(argv[i], cpe, &tmp);
			if (!item || json_array_append_new(all, item))
				rc = CLI_EXIT_INTERNAL;
		} else {
			code = print_cpe(ctx, cpe, &tmp);
			if (code > rc)
				rc = code;
		}
		psirt_cpe_free(cpe);
	}
	psirt_buf_release(&tmp);
	psirt_buf_release(&label);
	if (all) {
		code = cli_print_json(ctx, all);
		if (code > rc)
			rc = code;
	}
	return rc;
}

static int run_match(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_cpe *source = NULL, *target = NULL;
	enum psirt_cpe_rel rels[PSIRT_CPE_ATTR__MAX], rel;
	json_t *o, *attrs;
	struct psirt_buf tmp = PSIRT_BUF_INIT;
	int first, rc = CLI_EXIT_OK, a;

	first = operands(ctx, argc, argv, &rc);
	if (first < 0)
		return rc;
	if (argc - first != 2)
		return cli_usage_error(ctx, self(), "match takes a SOURCE and a TARGET name");
	rc = parse_arg(ctx, argv[first], "source", &source, NULL);
	if (rc)
		goto out_free;
	rc = parse_arg(ctx, argv[first + 1], "target", &target, NULL);
	if (rc)
		goto out_free;
	rel = psirt_cpe_compare_attrs(source, target, rels);
	if (!ctx->json) {
		fprintf(ctx->out, "%s\n", psirt_cpe_relation_name(rel));
		goto out_free;
	}
	o = json_object();
	attrs = json_object();
	if (!o || !attrs) {
		json_decref(o);
		json_decref(attrs);
		rc = CLI_EXIT_INTERNAL;
		goto out_free;
	}
	psirt_cpe_format_fs(source, &tmp);
	json_object_set_new(o, "source", json_string(tmp.p));
	psirt_buf_reset(&tmp);
	psirt_cpe_format_fs(target, &tmp);
	json_object_set_new(o, "target", json_string(tmp.p));
	json_object_set_new(o, "relation", json_string(psirt_cpe_relation_name(rel)));
	for (a = 0; a < PSIRT_CPE_ATTR__MAX; a++)
		json_object_set_new(attrs, psirt_cpe_attr_name((enum psirt_cpe_attr)a),
		                    json_string(psirt_cpe_relation_name(rels[a])));
	json_object_set_new(o, "attributes", attrs);
	if (psirt_buf_error(&tmp)) {
		json_decref(o);
		rc = CLI_EXIT_INTERNAL;
		goto out_free;
	}
	rc = cli_print_json(ctx, o);
out_free:
	psirt_buf_release(&tmp);
	psirt_cpe_free(source);
	psirt_cpe_free(target);
	return rc;
}

static const struct cli_subcommand subs[] = {
	{ "parse", run_parse },
	{ "match", run_match },
};

static int run_cpe(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, self(), subs, sizeof subs / sizeof subs[0], argc, argv);
}

const struct cli_command cli_cmd_cpe = {
	.name = "cpe",
	.summary = "parse, convert and compare CPE 2.3 names",
	.usage =
		"usage: psirt cpe parse CPE...\n"
		"       psirt cpe match SOURCE TARGET\n"
		"\n"
		"CPE names in any of the three spellings of NISTIR 7695: the formatted\n"
		"string (cpe:2.3:a:vendor:product:...), the CPE 2.2 URI\n"
		"(cpe:/a:vendor:product:..., as JVN and older NVD data use) or the WFN\n"
		"notation (wfn:[part=\"a\",vendor=\"foo\"]).\n"
		"\n"
		"parse   prints each name as a formatted string, a URI and a WFN.\n"
		"        --json: an array with one object per name: input, fs, uri, wfn and\n"
		"        attributes (each attribute in its formatted-string form: * is\n"
		"        ANY, - is NA); a bad name gives an object with input and error.\n"
		"match   compares SOURCE with TARGET per NISTIR 7696 and prints the\n"
		"        relation of the source to the target: SUPERSET, SUBSET, EQUAL or\n"
		"        DISJOINT; UNDEFINED when the target holds a wildcard; OVERLAP\n"
		"        when some attributes are supersets and others subsets.\n"
		"        --json: an object with source, target, relation and attributes\n"
		"        (each attribute's relation).\n"
		"\n"
		"Wildcards: an unquoted * (any characters) or ? (one character or none)\n"
		"at the start or end of a source value. An NVD match criterion matches a\n"
		"product when it is a SUPERSET of (or EQUAL to) the product's name.\n"
		"\n"
		"Exit codes: 0 ok, 2 usage, 3 a name is not valid (the error gives its\n"
		"column).\n"
		"\n"
		"examples:\n"
		"  psirt cpe parse 'cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~'\n"
		"  psirt cpe match 'cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*' \\\n"
		"                  'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*'\n",
	.run = run_cpe,
};

static const struct cli_command *self(void)
{
	return &cli_cmd_cpe;
}
