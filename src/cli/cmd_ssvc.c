/* psirt ssvc trees|eval — SSVC decision trees: list them, evaluate one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "psirt/buf.h"
#include "psirt/cvss.h"
#include "psirt/ssvc.h"

static int run(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_ssvc = {
    .name = "ssvc",
    .summary = "SSVC decision trees: list them, evaluate one",
    .usage = "usage: psirt [--json] ssvc trees [TREE]\n"
             "       psirt [--json] ssvc eval TREE [OPTIONS] [POINT=VALUE...]\n"
             "\n"
             "trees  the trees (supplier, deployer, cisa), their decision points and\n"
             "       values, as CERT/CC and CISA publish them; indented points compute\n"
             "       the point above them through their own table.\n"
             "eval   evaluates TREE and prints the outcome, then the decision path with\n"
             "       each value's origin. A point is given as KEY=VALUE (E=A,\n"
             "       Exploitation=active, \"Public Safety Impact=significant\"); a\n"
             "       composite point (Utility, Public Safety Impact, Human Impact,\n"
             "       Mission and Well-Being Impact) may be given or left to its inputs.\n"
             "\n"
             "Derivations (docs/ssvc.md), for points not given:\n"
             "  --cvss VECTOR        Automatable and Technical Impact (and Exploitation\n"
             "                       from its E metric, with the options below)\n"
             "  --kev yes|no|DATE    in CISA KEV (since DATE, YYYY-MM-DD): Exploitation\n"
             "  --intel SOURCE       an intelligence report of exploitation in the wild\n"
             "  --exploit-ref URL    an Exploit-tagged reference\n"
             "  --epss P             EPSS probability (Public PoC from 0.1)\n"
             "  --safety CLASS       negligible, marginal, critical, catastrophic\n"
             "  --exposure E         physical, adjacent, local-network, internet\n"
             "  --weight W           business weight: low, medium, high, critical\n"
             "  --because REASON     the POINT=VALUE arguments are analyst overrides\n"
             "\n"
             "A bad value is a one-line error with its column (exit 3); so is a point\n"
             "the tree does not read or a missing one.\n",
    .run = run,
};

/* "E     Exploitation v1.1.0: N=None, P=Public PoC, A=Active" */
static void print_point(struct cli_ctx *ctx, const struct psirt_ssvc_point *p, unsigned depth,
                        const char *label)
{
	unsigned i;

	fprintf(ctx->out, "%*s%-5s %s v%s:", (int)(2 + 2 * depth), "", label ? label : p->key,
	        p->name, p->version);
	for (i = 0; i < p->nvalues; i++)
		fprintf(ctx->out, "%s %s=%s", i ? "," : "", p->values[i].key, p->values[i].name);
	fputc('\n', ctx->out);
}

static void print_table(struct cli_ctx *ctx, const struct psirt_ssvc_table *t, unsigned depth)
{
	unsigned i;

	for (i = 0; i < t->ninputs; i++) {
		print_point(ctx, t->inputs[i], depth, NULL);
		if (t->sub[i]) {
			fprintf(ctx->out, "%*s(from %s %s)\n", (int)(4 + 2 * depth), "",
			        t->sub[i]->id, t->sub[i]->name);
			print_table(ctx, t->sub[i], depth + 1);
		}
	}
}

static json_t *point_json(const struct psirt_ssvc_point *p)
{
	json_t *o = json_object(), *values = json_array();
	unsigned i;

	if (!o || !values) {
		json_decref(o);
		json_decref(values);
		return NULL;
	}
	json_object_set_new(o, "id", json_string(p->id));
	json_object_set_new(o, "namespace", json_string(p->ns));
	json_object_set_new(o, "key", json_string(p->key));
	json_object_set_new(o, "version", json_string(p->version));
	json_object_set_new(o, "name", json_string(p->name));
	for (i = 0; i < p->nvalues; i++)
		json_array_append_new(values, json_pack("{s:s, s:s}", "key", p->values[i].key,
		                                        "name", p->values[i].name));
	json_object_set_new(o, "values", values);
	return o;
}

static json_t *table_json(const struct psirt_ssvc_table *t)
{
	json_t *o = json_object(), *inputs = json_array();
	unsigned i;

	if (!o || !inputs) {
		json_decref(o);
		json_decref(inputs);
		return NULL;
	}
	json_object_set_new(o, "id", json_string(t->id));
	json_object_set_new(o, "name", json_string(t->name));
	for (i = 0; i < t->ninputs; i++) {
		json_t *p = point_json(t->inputs[i]);

		if (p && t->sub[i])
			json_object_set_new(p, "from", table_json(t->sub[i]));
		json_array_append_new(inputs, p);
	}
	json_object_set_new(o, "inputs", inputs);
	json_object_set_new(o, "outcome", point_json(t->outcome));
	json_object_set_new(o, "rows", json_integer(t->nrows));
	return o;
}

static int unknown_tree(struct cli_ctx *ctx, const char *name)
{
	fprintf(ctx->err, "psirt: error: unknown tree '%s' (expected supplier, deployer or cisa)\n",
	        name);
	return CLI_EXIT_INPUT;
}

static int cmd_trees(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct psirt_ssvc_tree *t;
	json_t *all = NULL;
	size_t i;

	if (argc > 2)
		return cli_usage_error(ctx, &cli_cmd_ssvc, "trees takes at most one TREE");
	if (argc == 2 && !psirt_ssvc_tree_find(psirt_str_c(argv[1])))
		return unknown_tree(ctx, argv[1]);
	if (ctx->json) {
		all = json_array();
		if (!all)
			return CLI_EXIT_INTERNAL;
	}
	for (i = 0; (t = psirt_ssvc_tree_at(i)); i++) {
		if (argc == 2 && t != psirt_ssvc_tree_find(psirt_str_c(argv[1])))
			continue;
		if (all) {
			json_t *o = table_json(t->table);

			if (o) {
				json_object_set_new(o, "tree", json_string(t->name));
				json_object_set_new(o, "summary", json_string(t->summary));
			}
			if (!o || json_array_append_new(all, o)) {
				json_decref(all);
				return CLI_EXIT_INTERNAL;
			}
			continue;
		}
		if (i && argc < 2)
			fputc('\n', ctx->out);
		fprintf(ctx->out, "%s: %s (%s), %u rows\n  %s\n", t->name, t->table->name,
		        t->table->id, t->table->nrows, t->summary);
		print_table(ctx, t->table, 0);
		print_point(ctx, t->table->outcome, 0, "->");
	}
	return all ? cli_print_json(ctx, all) : CLI_EXIT_OK;
}

/* Marks the points table t reads, recursively. */
static void tree_points(const struct psirt_ssvc_table *t, uint32_t *mask)
{
	unsigned i;

	for (i = 0; i < t->ninputs; i++) {
		*mask |= (uint32_t)1 << t->inputs[i]->index;
		if (t->sub[i])
			tree_points(t->sub[i], mask);
	}
}

/* The composite point on the path that was given and hides p. */
static const struct psirt_ssvc_point *hider(const struct psirt_ssvc_table *t,
                                            const struct psirt_ssvc_point *p,
                                            const struct psirt_ssvc_result *r)
{
	unsigned i;

	for (i = 0; i < t->ninputs; i++) {
		if (!t->sub[i])
			continue;
		if (r->used & ((uint32_t)1 << t->inputs[i]->index)) {
			uint32_t below = 0;

			tree_points(t->sub[i], &below);
			if (below & ((uint32_t)1 << p->index))
				return t->inputs[i];
		} else {
			const struct psirt_ssvc_point *h = hider(t->sub[i], p, r);

			if (h)
				return h;
		}
	}
	return NULL;
}

static int input_error(struct cli_ctx *ctx, const char *context, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "psirt: error: CONTEXT: message" (exit 3), for errors found here. */
static int input_error(struct cli_ctx *ctx, const char *context, const char *fmt, ...)
{
	va_list ap;

	fprintf(ctx->err, "psirt: error: %s: ", context);
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->err);
	return CLI_EXIT_INPUT;
}

struct eval_opts {
	const char *cvss, *kev, *intel, *exploit_ref, *epss, *safety, *exposure, *weight, *because;
};

static const struct {
	const char *name;
	size_t offset;
} options[] = {
    {"--because", offsetof(struct eval_opts, because)},
    {"--cvss", offsetof(struct eval_opts, cvss)},
    {"--epss", offsetof(struct eval_opts, epss)},
    {"--exploit-ref", offsetof(struct eval_opts, exploit_ref)},
    {"--exposure", offsetof(struct eval_opts, exposure)},
    {"--intel", offsetof(struct eval_opts, intel)},
    {"--kev", offsetof(struct eval_opts, kev)},
    {"--safety", offsetof(struct eval_opts, safety)},
    {"--weight", offsetof(struct eval_opts, weight)},
};

/* "--opt VALUE" or "--opt=VALUE": stores VALUE; returns the number of
 * arguments used, 0 for an unknown option, -1 for a missing value. */
static int take_option(struct eval_opts *o, int argc, char **argv, int i)
{
	size_t k, n;

	for (k = 0; k < sizeof options / sizeof options[0]; k++) {
		n = strlen(options[k].name);
		if (strncmp(argv[i], options[k].name, n))
			continue;
		if (argv[i][n] == '=') {
			*(const char **)((char *)o + options[k].offset) = argv[i] + n + 1;
			return 1;
		}
		if (argv[i][n])
			continue;
		if (i + 1 >= argc)
			return -1;
		*(const char **)((char *)o + options[k].offset) = argv[i + 1];
		return 2;
	}
	return 0;
}

/* "0.42" -> 0.42 without strtod (locale): at most 6 decimals, 0..1. */
static int parse_probability(const char *s, double *out)
{
	long whole = 0, frac = 0, scale = 1000000;
	const char *p = s;

	if (!psirt_isdigit((unsigned char)*p))
		return -1;
	for (; psirt_isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 1)
			return -1;
	}
	if (*p == '.') {
		if (!psirt_isdigit((unsigned char)*++p))
			return -1;
		for (; psirt_isdigit((unsigned char)*p); p++) {
			if (scale == 1)
				return -1;
			scale /= 10;
			frac += (*p - '0') * scale;
		}
	}
	if (*p || (whole == 1 && frac))
		return -1;
	*out = whole + frac / 1e6;
	return 0;
}

static int is_date(const char *s)
{
	int i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' : !psirt_isdigit((unsigned char)s[i]))
			return 0;
	}
	return s[10] == '\0';
}

static int derive_all(struct cli_ctx *ctx, const struct eval_opts *o, struct psirt_ssvc_inputs *in)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_ssvc_exploit_evidence ev = {0, NULL, NULL, NULL, -1, 0, NULL};
	struct psirt_cvss cvss;
	enum psirt_err err = PSIRT_OK;
	int v, rc;

	if (o->cvss) {
		err = psirt_cvss_parse(&cvss, o->cvss, strlen(o->cvss), &diag);
		if (err != PSIRT_OK) {
			rc = cli_report(ctx, o->cvss, &diag);
			psirt_diag_release(&diag);
			return rc;
		}
		ev.cvss = &cvss;
		err = psirt_ssvc_derive_automatable(in, &cvss, &diag);
		if (err == PSIRT_OK)
			err = psirt_ssvc_derive_technical_impact(in, &cvss, &diag);
	}
	if (err == PSIRT_OK && (o->kev || o->intel || o->exploit_ref || o->epss)) {
		if (o->kev && !strcmp(o->kev, "yes")) {
			ev.kev = 1;
		} else if (o->kev && is_date(o->kev)) {
			ev.kev = 1;
			ev.kev_date = o->kev;
		} else if (o->kev && strcmp(o->kev, "no")) {
			return input_error(
			    ctx, "--kev",
			    "expected yes, no or the date it was listed (YYYY-MM-DD), "
			    "not '%s'",
			    o->kev);
		}
		ev.intel = o->intel;
		ev.exploit_ref = o->exploit_ref;
		if (o->epss && parse_probability(o->epss, &ev.epss))
			return input_error(
			    ctx, "--epss",
			    "expected a probability from 0 to 1 (at most 6 decimals), "
			    "not '%s'",
			    o->epss);
		err = psirt_ssvc_derive_exploitation(in, &ev, &diag);
	}
	if (err == PSIRT_OK && o->safety) {
		v = psirt_safety_class_parse(psirt_str_c(o->safety));
		if (v < 0)
			return input_error(ctx, "--safety",
			                   "unknown safety class '%s' (expected %s)", o->safety,
			                   "negligible, marginal, critical or catastrophic");
		err = psirt_ssvc_derive_safety(in, (enum psirt_safety_class)v, &diag);
	}
	if (err == PSIRT_OK && o->exposure) {
		v = psirt_exposure_parse(psirt_str_c(o->exposure));
		if (v < 0)
			return input_error(ctx, "--exposure", "unknown exposure '%s' (expected %s)",
			                   o->exposure,
			                   "physical, adjacent, local-network or internet");
		err = psirt_ssvc_derive_exposure(in, (enum psirt_exposure)v, &diag);
	}
	if (err == PSIRT_OK && o->weight) {
		v = psirt_ssvc_weight_parse(psirt_str_c(o->weight));
		if (v < 0)
			return input_error(ctx, "--weight",
			                   "unknown business weight '%s' (expected %s)", o->weight,
			                   "low, medium, high or critical");
		err = psirt_ssvc_derive_weight(in, (enum psirt_ssvc_weight)v, &diag);
	}
	if (err != PSIRT_OK) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	return CLI_EXIT_OK;
}

static json_t *result_json(const struct psirt_ssvc_result *r, const char *explanation)
{
	const struct psirt_ssvc_point *op = r->tree->table->outcome;
	json_t *o = json_object(), *path = json_array();
	unsigned i;

	if (!o || !path) {
		json_decref(o);
		json_decref(path);
		return NULL;
	}
	json_object_set_new(o, "tree", json_string(r->tree->name));
	json_object_set_new(o, "table", json_string(r->tree->table->id));
	json_object_set_new(o, "outcome",
	                    json_pack("{s:s, s:s, s:s}", "point", op->id, "key",
	                              op->values[r->outcome].key, "name",
	                              op->values[r->outcome].name));
	json_object_set_new(o, "explanation", json_string(explanation));
	for (i = 0; i < r->nsteps; i++) {
		const struct psirt_ssvc_step *st = &r->steps[i];
		json_t *s = json_pack(
		    "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "point", st->point->id, "namespace",
		    st->point->ns, "key", st->point->key, "version", st->point->version, "name",
		    st->point->name, "value", st->point->values[st->value].key, "value_name",
		    st->point->values[st->value].name, "depth", st->depth);

		if (s) {
			json_object_set_new(s, "origin",
			                    json_string(psirt_ssvc_origin_name(
			                        (enum psirt_ssvc_origin)st->origin)));
			json_object_set_new(s, "source",
			                    st->source ? json_string(st->source) : json_null());
		}
		json_array_append_new(path, s);
	}
	json_object_set_new(o, "path", path);
	return o;
}

static void print_result(struct cli_ctx *ctx, const struct psirt_ssvc_result *r,
                         const char *explanation)
{
	unsigned i;
	int width = 0, w;

	fprintf(ctx->out, "%s\n", explanation);
	for (i = 0; i < r->nsteps; i++) {
		const struct psirt_ssvc_step *st = &r->steps[i];

		w = 2 + 2 * st->depth + (int)strlen(st->point->name) + 1 +
		    (int)strlen(st->point->values[st->value].name);
		if (w > width)
			width = w;
	}
	for (i = 0; i < r->nsteps; i++) {
		const struct psirt_ssvc_step *st = &r->steps[i];

		w = fprintf(ctx->out, "%*s%s=%s", 2 + 2 * st->depth, "", st->point->name,
		            st->point->values[st->value].name);
		fprintf(ctx->out, "%*s  %s%s%s\n", width - w, "",
		        psirt_ssvc_origin_name((enum psirt_ssvc_origin)st->origin),
		        st->source ? ": " : "", st->source ? st->source : "");
	}
}

static int cmd_eval(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const struct psirt_ssvc_tree *tree;
	struct psirt_ssvc_inputs in;
	struct psirt_ssvc_result res;
	struct eval_opts o;
	struct psirt_buf line = PSIRT_BUF_INIT;
	const char *given[PSIRT_SSVC_MAX_POINTS] = {NULL}; /* the argument of each point */
	uint32_t in_tree = 0;
	int i, n, rc = CLI_EXIT_OK, dashdash = 0;

	if (argc < 2)
		return cli_usage_error(ctx, &cli_cmd_ssvc, "eval needs a TREE");
	tree = psirt_ssvc_tree_find(psirt_str_c(argv[1]));
	if (!tree)
		return unknown_tree(ctx, argv[1]);
	memset(&o, 0, sizeof o);
	/* options first pass, so that --because applies to every POINT=VALUE */
	for (i = 2; i < argc; i += n) {
		n = 1;
		if (dashdash || strncmp(argv[i], "--", 2))
			continue;
		if (!strcmp(argv[i], "--")) {
			dashdash = 1;
			continue;
		}
		n = take_option(&o, argc, argv, i);
		if (n == 0)
			return cli_usage_error(ctx, &cli_cmd_ssvc, "unknown option '%s'", argv[i]);
		if (n < 0)
			return cli_usage_error(ctx, &cli_cmd_ssvc, "%s needs a value", argv[i]);
	}
	if (o.because && !*o.because)
		return cli_usage_error(ctx, &cli_cmd_ssvc, "--because needs a reason");
	psirt_ssvc_inputs_init(&in);
	rc = derive_all(ctx, &o, &in);
	if (rc != CLI_EXIT_OK)
		goto out_release;

	/* POINT=VALUE arguments: given, or overrides with --because */
	tree_points(tree->table, &in_tree);
	dashdash = 0;
	for (i = 2; i < argc; i++) {
		const struct psirt_ssvc_point *p;
		struct psirt_ssvc_inputs one;
		enum psirt_err err;
		int v;

		if (!dashdash && !strcmp(argv[i], "--")) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && !strncmp(argv[i], "--", 2)) {
			i += take_option(&o, argc, argv, i) - 1;
			continue;
		}
		/* parse into a scratch set for the exact errors, then apply */
		psirt_ssvc_inputs_init(&one);
		err = psirt_ssvc_set_text(&one, psirt_str_c(argv[i]), &diag);
		for (p = NULL, v = 0; err == PSIRT_OK && v < PSIRT_SSVC_MAX_POINTS; v++) {
			if (one.in[v].value >= 0)
				p = psirt_ssvc_point_at((size_t)v);
		}
		if (err == PSIRT_OK && !(in_tree & ((uint32_t)1 << p->index))) {
			psirt_ssvc_inputs_release(&one);
			rc = input_error(ctx, argv[i], "%s (%s) is not a decision point of tree %s",
			                 p->name, p->key, tree->name);
			goto out_release;
		}
		if (err == PSIRT_OK && given[p->index]) {
			psirt_ssvc_inputs_release(&one);
			rc = input_error(ctx, argv[i], "%s (%s) is already given as %s", p->name,
			                 p->key, given[p->index]);
			goto out_release;
		}
		if (err == PSIRT_OK) {
			given[p->index] = argv[i];
			err = psirt_ssvc_set(&in, p, (unsigned)one.in[p->index].value,
			                     o.because ? PSIRT_SSVC_OVERRIDDEN : PSIRT_SSVC_GIVEN,
			                     o.because, &diag);
		}
		psirt_ssvc_inputs_release(&one);
		if (err != PSIRT_OK) {
			rc = cli_report(ctx, argv[i], &diag);
			psirt_diag_release(&diag);
			goto out_release;
		}
	}
	if (psirt_ssvc_eval(tree, &in, &res, &diag) != PSIRT_OK) {
		rc = cli_report(ctx, tree->name, &diag);
		psirt_diag_release(&diag);
		goto out_release;
	}
	/* a point given on the command line that the decision never read */
	for (i = 0; i < PSIRT_SSVC_MAX_POINTS; i++) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_at((size_t)i);

		if (p && given[i] && !(res.used & ((uint32_t)1 << i))) {
			const struct psirt_ssvc_point *h = hider(tree->table, p, &res);

			rc = input_error(ctx, given[i], "%s (%s) is not used: %s is given directly",
			                 p->name, p->key, h ? h->name : "the point it decides");
			goto out_release;
		}
	}
	psirt_ssvc_explain(&res, &line);
	if (psirt_buf_error(&line)) {
		rc = CLI_EXIT_INTERNAL;
		goto out_release;
	}
	if (ctx->json)
		rc = cli_print_json(ctx, result_json(&res, line.p));
	else
		print_result(ctx, &res, line.p);
out_release:
	psirt_buf_release(&line);
	psirt_ssvc_inputs_release(&in);
	return rc;
}

static const struct cli_subcommand subs[] = {
    {"eval", cmd_eval},
    {"trees", cmd_trees},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_ssvc, subs, sizeof subs / sizeof subs[0], argc, argv);
}
