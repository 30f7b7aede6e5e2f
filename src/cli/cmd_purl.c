/* psirt purl PURL... — canonical form of package URLs, or why they are bad. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "psirt/buf.h"
#include "psirt/purl.h"

static const struct cli_command *self(void);

/* A view as a JSON string, or null when absent. */
static json_t *jstr(struct psirt_str s)
{
	return s.p ? json_stringn(s.p, s.len) : json_null();
}

static json_t *purl_json(const char *arg, const struct psirt_purl *p, const char *canonical)
{
	json_t *o = json_object(), *q = p->nqualifiers ? json_object() : json_null();
	size_t i;

	if (!o || !q) {
		json_decref(o);
		json_decref(q);
		return NULL;
	}
	/* keys are [a-z0-9._-]: never a NUL inside, so the NUL-terminated key is whole */
	for (i = 0; i < p->nqualifiers; i++)
		json_object_set_new(q, p->qualifiers[i].key.p, jstr(p->qualifiers[i].value));
	json_object_set_new(o, "input", cli_json_arg(arg));
	json_object_set_new(o, "purl", json_string(canonical));
	json_object_set_new(o, "type", jstr(p->type));
	json_object_set_new(o, "namespace", jstr(p->ns));
	json_object_set_new(o, "name", jstr(p->name));
	json_object_set_new(o, "version", jstr(p->version));
	json_object_set_new(o, "qualifiers", q);
	json_object_set_new(o, "subpath", jstr(p->subpath));
	return o;
}

static int run_purl(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_buf canon = PSIRT_BUF_INIT;
	json_t *all = NULL, *item;
	unsigned flags = 0;
	int i, first = 1, rc = CLI_EXIT_OK, code;
	char *msg;

	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
		if (!strcmp(argv[first], "--")) {
			first++;
			break;
		}
		if (!strcmp(argv[first], "--lenient"))
			flags |= PSIRT_PURL_LENIENT;
		else
			return cli_usage_error(ctx, self(), "unknown option '%s'", argv[first]);
	}
	if (first >= argc)
		return cli_usage_error(ctx, self(), "no purl given");
	if (ctx->json) {
		all = json_array();
		if (!all)
			return CLI_EXIT_INTERNAL;
	}
	for (i = first; i < argc; i++) {
		struct psirt_diag diag = PSIRT_DIAG_INIT;
		struct psirt_purl p;
		enum psirt_err err;

		psirt_buf_reset(&canon);
		err = psirt_purl_parse(psirt_str_c(argv[i]), flags, &p, &diag);
		if (!err)
			err = psirt_purl_format(&p, &canon);
		if (err) {
			if (diag.code == PSIRT_OK)
				psirt_diag_set(&diag, err, "%s", psirt_strerror(err));
			code = cli_exit_code(err);
			if (code > rc)
				rc = code;
			if (all) {
				msg = psirt_diag_format(&diag);
				item = json_object();
				if (item) {
					json_object_set_new(item, "input", cli_json_arg(argv[i]));
					json_object_set_new(item, "error",
					                    json_string(msg ? msg : psirt_strerror(err)));
				}
				free(msg);
			} else {
				struct psirt_buf ctxt = PSIRT_BUF_INIT;

				psirt_buf_addf(&ctxt, "'%s'", argv[i]);
				cli_report(ctx, psirt_buf_error(&ctxt) ? NULL : ctxt.p, &diag);
				psirt_buf_release(&ctxt);
				item = NULL;
			}
		} else if (all) {
			item = purl_json(argv[i], &p, canon.p);
		} else {
			fprintf(ctx->out, "%s\n", canon.p);
			item = NULL;
		}
		if (all && (!item || json_array_append_new(all, item))) {
			rc = CLI_EXIT_INTERNAL;
			if (!err)
				psirt_purl_release(&p);
			psirt_diag_release(&diag);
			break;
		}
		if (!err)
			psirt_purl_release(&p);
		psirt_diag_release(&diag);
	}
	psirt_buf_release(&canon);
	if (all) {
		code = cli_print_json(ctx, all);
		if (code > rc)
			rc = code;
	}
	return rc;
}

const struct cli_command cli_cmd_purl = {
	.name = "purl",
	.summary = "canonical form of package URLs (purl), or why they are bad",
	.usage =
		"usage: psirt purl [--lenient] [--json] PURL...\n"
		"\n"
		"Parses each package URL (pkg:type/namespace/name@version?qualifiers#subpath)\n"
		"by the purl specification and its registered type definitions, and prints its\n"
		"canonical form on a line of its own: type lower-cased, qualifiers sorted,\n"
		"empty qualifiers, '.' and '..' subpath segments dropped, the type's case and\n"
		"name rules applied (pypi '_' -> '-', ...), percent-encoding made canonical.\n"
		"A bad purl prints one line to stderr naming the argument and the column:\n"
		"  psirt: error: 'pkg:3d/x': column 5: the type must start with a letter, not '3'\n"
		"and the others are still printed.\n"
		"\n"
		"Options:\n"
		"  --lenient  lower-case upper-case qualifier keys instead of rejecting them\n"
		"             (the spec's 'recommended' repair; its 'required' rules reject them)\n"
		"  --json     an array with, per argument, {input, purl, type, namespace, name,\n"
		"             version, qualifiers, subpath} (absent components null), or\n"
		"             {input, error}\n"
		"\n"
		"Exit codes: 0 all valid, 2 usage, 3 at least one purl is bad.\n",
	.run = run_purl,
};

static const struct cli_command *self(void)
{
	return &cli_cmd_purl;
}
