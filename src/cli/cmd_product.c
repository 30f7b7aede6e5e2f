/* psirt product: the portfolio — products, their attributes and versions. */
#include <stdlib.h>
#include <string.h>

#include "cli/portfolio_cli.h"

static int run_product(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_product = {
	.name = "product",
	.summary = "the portfolio: products, their attributes and firmware versions",
	.usage =
	    "usage: psirt [--db PATH] product add NAME [OPTIONS]\n"
	    "       psirt [--db PATH] product set NAME OPTIONS\n"
	    "       psirt [--db PATH] product list [--json]\n"
	    "       psirt [--db PATH] product show NAME [--json]\n"
	    "       psirt [--db PATH] product history NAME [--json]\n"
	    "       psirt [--db PATH] product version add PRODUCT VERSION [VERSION OPTIONS]\n"
	    "       psirt [--db PATH] product version set PRODUCT VERSION VERSION OPTIONS\n"
	    "       psirt [--db PATH] product version list PRODUCT [--json]\n"
	    "       psirt [--db PATH] product version show PRODUCT VERSION [--json]\n"
	    "\n"
	    "Options (add and set; on set, '' clears a field):\n"
	    "  --vendor V          the maker\n"
	    "  --safety CLASS      negligible, marginal, critical, catastrophic (SSVC safety\n"
	    "                      impact, after IEC 61508)\n"
	    "  --weight W          flagship, standard, legacy\n"
	    "  --exposure E        internet, local-network, adjacent, physical\n"
	    "  --update M          how units get a fix: ota, user, dealer, none\n"
	    "  --hardware MODEL    a hardware model number (repeatable); its CPE (part h) is\n"
	    "                      derived from the vendor, or given as MODEL=cpe:2.3:h:...\n"
	    "  --cpe CPE           the firmware's own CPE (part o)\n"
	    "  --owner O           the engineering owner\n"
	    "  --regime TAG        a regulatory regime: CRA, FDA, UN-R155 ... (repeatable)\n"
	    "Set only:\n"
	    "  --add-hardware MODEL[=CPE], --remove-hardware MODEL, --add-regime TAG,\n"
	    "  --remove-regime TAG (--hardware and --regime add, too)\n"
	    "Version options:\n"
	    "  --released DATE     release date, YYYY-MM-DD\n"
	    "  --eos DATE          end of support, YYYY-MM-DD\n"
	    "  --units N           units in the field\n"
	    "\n"
	    "Every change goes to the audit log with who made it ($PSIRT_USER, else the\n"
	    "login name); 'history' shows it. A version's components come from\n"
	    "'psirt sbom import'; 'version show' lists them with the SBOM history.\n"
	    "\n"
	    "Exit codes: 0 done, 2 usage, 3 bad input or no such product/version.\n",
	.run = run_product,
};

/* Options ----------------------------------------------------------------*/

enum slot {
	S_VENDOR,
	S_SAFETY,
	S_WEIGHT,
	S_EXPOSURE,
	S_UPDATE,
	S_CPE,
	S_OWNER,
	S_RELEASED,
	S_EOS,
	S_UNITS,
	L_HW_ADD,
	L_HW_RM,
	L_RG_ADD,
	L_RG_RM,
	S__MAX
};
#define FIRST_LIST L_HW_ADD

enum { FOR_ADD = 1, FOR_SET = 2, FOR_VERSION = 4 };

/* Sorted by name: looked up with bsearch (curl's tool_getparam.c). */
static const struct popt {
	const char *name;
	enum slot slot;
	unsigned where;
} popts[] = {
	{ "add-hardware", L_HW_ADD, FOR_SET },
	{ "add-regime", L_RG_ADD, FOR_SET },
	{ "cpe", S_CPE, FOR_ADD | FOR_SET },
	{ "eos", S_EOS, FOR_VERSION },
	{ "exposure", S_EXPOSURE, FOR_ADD | FOR_SET },
	{ "hardware", L_HW_ADD, FOR_ADD | FOR_SET },
	{ "owner", S_OWNER, FOR_ADD | FOR_SET },
	{ "regime", L_RG_ADD, FOR_ADD | FOR_SET },
	{ "released", S_RELEASED, FOR_VERSION },
	{ "remove-hardware", L_HW_RM, FOR_SET },
	{ "remove-regime", L_RG_RM, FOR_SET },
	{ "safety", S_SAFETY, FOR_ADD | FOR_SET },
	{ "units", S_UNITS, FOR_VERSION },
	{ "update", S_UPDATE, FOR_ADD | FOR_SET },
	{ "vendor", S_VENDOR, FOR_ADD | FOR_SET },
	{ "weight", S_WEIGHT, FOR_ADD | FOR_SET },
};

static int popt_cmp(const void *key, const void *elem)
{
	const char *k = key, *name = ((const struct popt *)elem)->name;
	size_t n = strlen(name);
	int c = strncmp(k, name, n);

	/* the key may carry "=value" */
	if (c)
		return c;
	return k[n] && k[n] != '=' ? 1 : 0;
}

struct opts {
	const char *v[S__MAX];
	const char **list[S__MAX];
	size_t n[S__MAX];
	const char *pos[2];
	int npos;
	int given;
};

static void opts_release(struct opts *o)
{
	for (int i = FIRST_LIST; i < S__MAX; i++)
		free(o->list[i]);
}

/* Parses argv[1..] into o: up to maxpos positional arguments and the
 * options allowed where. Returns CLI_EXIT_OK or a usage error. */
static int parse_opts(struct cli_ctx *ctx, const char *what, int argc, char **argv,
                      unsigned where, int maxpos, struct opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	for (i = FIRST_LIST; i < S__MAX; i++) {
		o->list[i] = calloc((size_t)argc, sizeof *o->list[i]);
		if (!o->list[i])
			return CLI_EXIT_INTERNAL;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq, *value;
		const struct popt *p;

		if (a[0] != '-' || !a[1] || !strcmp(a, "--")) {
			if (!strcmp(a, "--") && ++i >= argc)
				break;
			if (o->npos >= maxpos)
				return cli_usage_error(ctx, &cli_cmd_product, "%s: unexpected argument '%s'",
				                       what, argv[i]);
			o->pos[o->npos++] = argv[i];
			continue;
		}
		p = a[1] == '-' ? bsearch(a + 2, popts, sizeof popts / sizeof popts[0], sizeof *popts,
		                          popt_cmp)
		                : NULL;
		if (!p || !(p->where & where))
			return cli_usage_error(ctx, &cli_cmd_product, "%s: unknown option '%s'", what, a);
		eq = strchr(a, '=');
		if (eq) {
			value = eq + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			return cli_usage_error(ctx, &cli_cmd_product, "%s: %s needs a value", what, a);
		}
		if (p->slot >= FIRST_LIST)
			o->list[p->slot][o->n[p->slot]++] = value;
		else
			o->v[p->slot] = value;
		o->given++;
	}
	return CLI_EXIT_OK;
}

static void to_edit(const struct opts *o, struct psirt_product_edit *e)
{
	memset(e, 0, sizeof *e);
	e->vendor = o->v[S_VENDOR];
	e->safety = o->v[S_SAFETY];
	e->weight = o->v[S_WEIGHT];
	e->exposure = o->v[S_EXPOSURE];
	e->update = o->v[S_UPDATE];
	e->cpe = o->v[S_CPE];
	e->owner = o->v[S_OWNER];
	e->add_hardware = o->list[L_HW_ADD];
	e->n_add_hardware = o->n[L_HW_ADD];
	e->remove_hardware = o->list[L_HW_RM];
	e->n_remove_hardware = o->n[L_HW_RM];
	e->add_regimes = o->list[L_RG_ADD];
	e->n_add_regimes = o->n[L_RG_ADD];
	e->remove_regimes = o->list[L_RG_RM];
	e->n_remove_regimes = o->n[L_RG_RM];
}

/* Printing ---------------------------------------------------------------*/

static const char *attr(enum psirt_product_attr a, int v)
{
	return psirt_product_attr_value(a, v);
}

static const char *dash(const char *s)
{
	return s ? s : "-";
}

static void print_product(FILE *out, const struct psirt_product *p)
{
	size_t i, w;

	fprintf(out, "name      %s\n", p->name);
	fprintf(out, "vendor    %s\n", p->vendor ? p->vendor : "-");
	fprintf(out, "safety    %s\n", dash(attr(PSIRT_ATTR_SAFETY, (int)p->safety)));
	fprintf(out, "weight    %s\n", dash(attr(PSIRT_ATTR_WEIGHT, (int)p->weight)));
	fprintf(out, "exposure  %s\n", dash(attr(PSIRT_ATTR_EXPOSURE, (int)p->exposure)));
	fprintf(out, "update    %s\n", dash(attr(PSIRT_ATTR_UPDATE, (int)p->update)));
	fprintf(out, "cpe       %s\n", p->cpe ? p->cpe : "-");
	fprintf(out, "owner     %s\n", p->owner ? p->owner : "-");
	for (i = 0, w = 0; i < p->n_hardware; i++) {
		if (strlen(p->hardware[i].model) > w)
			w = strlen(p->hardware[i].model);
	}
	for (i = 0; i < p->n_hardware; i++)
		fprintf(out, "hardware  %-*s  %s\n", (int)w, p->hardware[i].model,
		        p->hardware[i].cpe ? p->hardware[i].cpe : "(no CPE: no vendor)");
	if (!p->n_hardware)
		fputs("hardware  -\n", out);
	fputs("regimes   ", out);
	for (i = 0; i < p->n_regimes; i++)
		fprintf(out, "%s%s", i ? ", " : "", p->regimes[i]);
	fputs(p->n_regimes ? "\n" : "-\n", out);
	fprintf(out, "created   %s\n", p->created_at);
	fprintf(out, "updated   %s\n", p->updated_at);
}

static int print_versions(struct cli_ctx *ctx, const struct psirt_portfolio_versions *vs)
{
	struct pcli_table t;
	size_t i;

	pcli_table_init(&t, 5);
	pcli_table_add(&t, "VERSION");
	pcli_table_add(&t, "RELEASED");
	pcli_table_add(&t, "EOS");
	pcli_table_add(&t, "UNITS");
	pcli_table_add(&t, "COMPONENTS");
	for (i = 0; i < vs->n; i++) {
		const struct psirt_product_version *v = &vs->items[i];

		pcli_table_add(&t, v->version);
		pcli_table_add(&t, v->released);
		pcli_table_add(&t, v->eos);
		if (v->units < 0)
			pcli_table_add(&t, NULL);
		else
			pcli_table_addf(&t, "%lld", v->units);
		if (v->sbom_import)
			pcli_table_addf(&t, "%zu", v->n_components);
		else
			pcli_table_add(&t, "no SBOM");
	}
	return pcli_table_print(&t, ctx->out);
}

static json_t *versions_json(const struct psirt_portfolio_versions *vs)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; arr && i < vs->n; i++) {
		if (json_array_append_new(arr, psirt_product_version_json(&vs->items[i]))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* Subcommands ------------------------------------------------------------*/

static int with_actor(struct cli_ctx *ctx, char **actor)
{
	*actor = psirt_portfolio_actor();
	if (!*actor) {
		fputs("psirt: error: out of memory\n", ctx->err);
		return CLI_EXIT_INTERNAL;
	}
	return CLI_EXIT_OK;
}

/* Prints the product name as stored (JSON) after add or set. */
static int show_product_json(struct cli_ctx *ctx, struct psirt_store *store, const char *name,
                             size_t changes, int with_changes)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_products *ps;
	json_t *o;

	if (psirt_portfolio_products(store, name, &ps, &diag))
		return pcli_fail(ctx, &diag);
	o = psirt_product_json(&ps->items[0], 1);
	psirt_portfolio_products_free(ps);
	if (o && with_changes && json_object_set_new(o, "changes", json_integer((json_int_t)changes))) {
		json_decref(o);
		o = NULL;
	}
	return cli_print_json(ctx, o);
}

static int run_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_product_edit e;
	struct psirt_store *store;
	struct opts o;
	char *actor = NULL;
	int rc;

	if ((rc = parse_opts(ctx, "add", argc, argv, FOR_ADD, 1, &o)))
		goto out_release;
	if (o.npos != 1) {
		rc = cli_usage_error(ctx, &cli_cmd_product, "add: which product?");
		goto out_release;
	}
	to_edit(&o, &e);
	if ((rc = with_actor(ctx, &actor)) || (rc = cli_store(ctx, &store)))
		goto out_release;
	if (psirt_portfolio_product_add(store, o.pos[0], &e, actor, &diag)) {
		rc = pcli_fail(ctx, &diag);
		goto out_release;
	}
	if (ctx->json) {
		rc = show_product_json(ctx, store, o.pos[0], 0, 0);
	} else {
		fprintf(ctx->out, "added product %s\n", o.pos[0]);
	}
out_release:
	free(actor);
	opts_release(&o);
	return rc;
}

static int run_set(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_product_edit e;
	struct psirt_store *store;
	struct opts o;
	char *actor = NULL;
	size_t changed = 0;
	int rc;

	if ((rc = parse_opts(ctx, "set", argc, argv, FOR_SET, 1, &o)))
		goto out_release;
	if (o.npos != 1) {
		rc = cli_usage_error(ctx, &cli_cmd_product, "set: which product?");
		goto out_release;
	}
	if (!o.given) {
		rc = cli_usage_error(ctx, &cli_cmd_product, "set: nothing to change");
		goto out_release;
	}
	to_edit(&o, &e);
	if ((rc = with_actor(ctx, &actor)) || (rc = cli_store(ctx, &store)))
		goto out_release;
	if (psirt_portfolio_product_set(store, o.pos[0], &e, actor, &changed, &diag)) {
		rc = pcli_fail(ctx, &diag);
		goto out_release;
	}
	if (ctx->json) {
		rc = show_product_json(ctx, store, o.pos[0], changed, 1);
	} else {
		if (changed)
			fprintf(ctx->out, "product %s: %zu change%s\n", o.pos[0], changed,
			        changed == 1 ? "" : "s");
		else
			fprintf(ctx->out, "product %s: nothing changed\n", o.pos[0]);
	}
out_release:
	free(actor);
	opts_release(&o);
	return rc;
}

static int run_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_products *ps;
	struct psirt_store *store;
	struct pcli_table t;
	size_t i;
	int rc;

	if (argc > 1)
		return cli_usage_error(ctx, &cli_cmd_product, "list: unexpected argument '%s'",
		                       argv[1]);
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_products(store, NULL, &ps, &diag))
		return pcli_fail(ctx, &diag);
	if (ctx->json) {
		json_t *arr = json_array();

		for (i = 0; arr && i < ps->n; i++) {
			if (json_array_append_new(arr, psirt_product_json(&ps->items[i], 1))) {
				json_decref(arr);
				arr = NULL;
			}
		}
		psirt_portfolio_products_free(ps);
		return cli_print_json(ctx, arr);
	}
	pcli_table_init(&t, 8);
	pcli_table_add(&t, "PRODUCT");
	pcli_table_add(&t, "VENDOR");
	pcli_table_add(&t, "SAFETY");
	pcli_table_add(&t, "WEIGHT");
	pcli_table_add(&t, "EXPOSURE");
	pcli_table_add(&t, "UPDATE");
	pcli_table_add(&t, "VERSIONS");
	pcli_table_add(&t, "OWNER");
	for (i = 0; i < ps->n; i++) {
		const struct psirt_product *p = &ps->items[i];

		pcli_table_add(&t, p->name);
		pcli_table_add(&t, p->vendor);
		pcli_table_add(&t, attr(PSIRT_ATTR_SAFETY, (int)p->safety));
		pcli_table_add(&t, attr(PSIRT_ATTR_WEIGHT, (int)p->weight));
		pcli_table_add(&t, attr(PSIRT_ATTR_EXPOSURE, (int)p->exposure));
		pcli_table_add(&t, attr(PSIRT_ATTR_UPDATE, (int)p->update));
		pcli_table_addf(&t, "%zu", p->n_versions);
		pcli_table_add(&t, p->owner);
	}
	psirt_portfolio_products_free(ps);
	return pcli_table_print(&t, ctx->out);
}

static int run_show(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_products *ps = NULL;
	struct psirt_portfolio_versions *vs = NULL;
	struct psirt_store *store;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(ctx, &cli_cmd_product, "show: give one product");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_products(store, argv[1], &ps, &diag) ||
	    psirt_portfolio_versions(store, argv[1], NULL, &vs, &diag)) {
		psirt_portfolio_products_free(ps);
		return pcli_fail(ctx, &diag);
	}
	if (ctx->json) {
		json_t *o = psirt_product_json(&ps->items[0], 1), *arr = versions_json(vs);

		if (!o || !arr || json_object_set_new(o, "versions", arr)) {
			json_decref(o);
			o = NULL;
		}
		rc = cli_print_json(ctx, o);
	} else {
		print_product(ctx->out, &ps->items[0]);
		/* no blank line: one record, one block (grep -A works on it) */
		fprintf(ctx->out, "versions  %zu\n", vs->n);
		if (vs->n)
			rc = print_versions(ctx, vs);
	}
	psirt_portfolio_products_free(ps);
	psirt_portfolio_versions_free(vs);
	return rc;
}

static int run_history(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_history *h;
	struct psirt_store *store;
	struct pcli_table t;
	size_t i;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(ctx, &cli_cmd_product, "history: give one product");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_history(store, argv[1], &h, &diag))
		return pcli_fail(ctx, &diag);
	if (ctx->json) {
		json_t *arr = json_array();

		for (i = 0; arr && i < h->n; i++) {
			const struct psirt_audit_entry *e = &h->items[i];
			json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "at", e->at,
			                      "actor", e->actor, "entity", e->entity, "id", e->entity_id,
			                      "field", psirt_json_str(e->field), "old", psirt_json_str(e->old_value),
			                      "new", psirt_json_str(e->new_value), "comment",
			                      psirt_json_str(e->comment));

			if (!o || json_array_append_new(arr, o)) {
				json_decref(arr);
				arr = NULL;
			}
		}
		psirt_portfolio_history_free(h);
		return cli_print_json(ctx, arr);
	}
	pcli_table_init(&t, 6);
	pcli_table_add(&t, "AT");
	pcli_table_add(&t, "WHO");
	pcli_table_add(&t, "WHAT");
	pcli_table_add(&t, "FIELD");
	pcli_table_add(&t, "OLD");
	pcli_table_add(&t, "NEW");
	for (i = 0; i < h->n; i++) {
		const struct psirt_audit_entry *e = &h->items[i];

		pcli_table_add(&t, e->at);
		pcli_table_add(&t, e->actor);
		pcli_table_add(&t, e->entity_id);
		if (e->field)
			pcli_table_add(&t, e->field);
		else
			pcli_table_add(&t, e->comment);
		pcli_table_add(&t, e->old_value);
		pcli_table_add(&t, e->new_value);
	}
	psirt_portfolio_history_free(h);
	return pcli_table_print(&t, ctx->out);
}

/* product version ... ----------------------------------------------------*/

static void to_version_edit(const struct opts *o, struct psirt_version_edit *e)
{
	e->released = o->v[S_RELEASED];
	e->eos = o->v[S_EOS];
	e->units = o->v[S_UNITS];
}

static int show_version_json(struct cli_ctx *ctx, struct psirt_store *store, const char *product,
                             const char *version, size_t changes, int with_changes)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_versions *vs;
	json_t *o;

	if (psirt_portfolio_versions(store, product, version, &vs, &diag))
		return pcli_fail(ctx, &diag);
	o = psirt_product_version_json(&vs->items[0]);
	psirt_portfolio_versions_free(vs);
	if (o && with_changes && json_object_set_new(o, "changes", json_integer((json_int_t)changes))) {
		json_decref(o);
		o = NULL;
	}
	return cli_print_json(ctx, o);
}

static int run_version_change(struct cli_ctx *ctx, int argc, char **argv, int add)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_version_edit e;
	struct psirt_store *store;
	struct opts o;
	char *actor = NULL;
	size_t changed = 0;
	enum psirt_err err;
	int rc;

	if ((rc = parse_opts(ctx, add ? "version add" : "version set", argc, argv, FOR_VERSION, 2,
	                      &o)))
		goto out_release;
	if (o.npos != 2) {
		rc = cli_usage_error(ctx, &cli_cmd_product, "version %s: give PRODUCT VERSION",
		                     add ? "add" : "set");
		goto out_release;
	}
	if (!add && !o.given) {
		rc = cli_usage_error(ctx, &cli_cmd_product, "version set: nothing to change");
		goto out_release;
	}
	to_version_edit(&o, &e);
	if ((rc = with_actor(ctx, &actor)) || (rc = cli_store(ctx, &store)))
		goto out_release;
	err = add ? psirt_portfolio_version_add(store, o.pos[0], o.pos[1], &e, actor, &diag)
	          : psirt_portfolio_version_set(store, o.pos[0], o.pos[1], &e, actor, &changed,
	                                        &diag);
	if (err) {
		rc = pcli_fail(ctx, &diag);
		goto out_release;
	}
	if (ctx->json) {
		rc = show_version_json(ctx, store, o.pos[0], o.pos[1], changed, !add);
	} else {
		if (add)
			fprintf(ctx->out, "added version %s of %s\n", o.pos[1], o.pos[0]);
		else if (changed)
			fprintf(ctx->out, "%s %s: %zu change%s\n", o.pos[0], o.pos[1], changed,
			        changed == 1 ? "" : "s");
		else
			fprintf(ctx->out, "%s %s: nothing changed\n", o.pos[0], o.pos[1]);
	}
out_release:
	free(actor);
	opts_release(&o);
	return rc;
}

static int run_version_add(struct cli_ctx *ctx, int argc, char **argv)
{
	return run_version_change(ctx, argc, argv, 1);
}

static int run_version_set(struct cli_ctx *ctx, int argc, char **argv)
{
	return run_version_change(ctx, argc, argv, 0);
}

static int run_version_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_versions *vs;
	struct psirt_store *store;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(ctx, &cli_cmd_product, "version list: give one product");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_versions(store, argv[1], NULL, &vs, &diag))
		return pcli_fail(ctx, &diag);
	rc = ctx->json ? cli_print_json(ctx, versions_json(vs)) : print_versions(ctx, vs);
	psirt_portfolio_versions_free(vs);
	return rc;
}

static int run_version_show(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_portfolio_versions *vs = NULL;
	struct psirt_portfolio_imports *h = NULL;
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_store *store;
	size_t i;
	int rc;

	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-')
		return cli_usage_error(ctx, &cli_cmd_product, "version show: give PRODUCT VERSION");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (psirt_portfolio_versions(store, argv[1], argv[2], &vs, &diag) ||
	    psirt_portfolio_imports(store, argv[1], argv[2], &h, &diag) ||
	    psirt_portfolio_sbom_doc(store, argv[1], argv[2], &doc, &diag)) {
		psirt_portfolio_versions_free(vs);
		psirt_portfolio_imports_free(h);
		return pcli_fail(ctx, &diag);
	}
	if (ctx->json) {
		json_t *o = psirt_product_version_json(&vs->items[0]), *sboms = json_array(),
		       *comps = json_array();
		int bad = !o || !sboms || !comps;

		for (i = 0; !bad && i < h->n; i++)
			bad = json_array_append_new(sboms, psirt_sbom_import_json(&h->items[i])) != 0;
		for (i = 0; !bad && i < doc->n_components; i++)
			bad = json_array_append_new(comps, psirt_component_json(doc->components[i])) != 0;
		if (!bad)
			bad = json_object_set_new(o, "sboms", sboms) != 0;
		else
			json_decref(sboms);
		if (!bad)
			bad = json_object_set_new(o, "componentList", comps) != 0;
		else
			json_decref(comps);
		if (bad) {
			json_decref(o);
			o = NULL;
		}
		rc = cli_print_json(ctx, o);
	} else {
		const struct psirt_product_version *v = &vs->items[0];

		fprintf(ctx->out, "product     %s\n", v->product);
		fprintf(ctx->out, "version     %s\n", v->version);
		fprintf(ctx->out, "released    %s\n", v->released ? v->released : "-");
		fprintf(ctx->out, "eos         %s\n", v->eos ? v->eos : "-");
		if (v->units < 0)
			fputs("units       -\n", ctx->out);
		else
			fprintf(ctx->out, "units       %lld\n", v->units);
		for (i = 0; i < h->n; i++) {
			const struct psirt_sbom_import_record *r = &h->items[i];

			fprintf(ctx->out, "sbom        #%lld %s %s by %s: %s (%s%s%s), %zu components%s\n",
			        r->id, r->kind, r->at, r->actor, r->file_name ? r->file_name : "-",
			        r->format, r->spec_version ? " " : "",
			        r->spec_version ? r->spec_version : "", r->components,
			        r->current ? " (current)" : "");
		}
		if (!h->n)
			fputs("sbom        none\n", ctx->out);
		fprintf(ctx->out, "components  %zu\n", doc->n_components);
		rc = doc->n_components ? pcli_components_print(ctx, doc) : CLI_EXIT_OK;
	}
	psirt_sbom_free(doc);
	psirt_portfolio_versions_free(vs);
	psirt_portfolio_imports_free(h);
	return rc;
}

static const struct cli_subcommand version_subs[] = {
	{ "add", run_version_add },
	{ "list", run_version_list },
	{ "set", run_version_set },
	{ "show", run_version_show },
};

static int run_version(struct cli_ctx *ctx, int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return cli_usage_error(ctx, &cli_cmd_product, "version: add, set, list or show?");
	for (i = 0; i < sizeof version_subs / sizeof version_subs[0]; i++) {
		if (!strcmp(argv[1], version_subs[i].name))
			return version_subs[i].run(ctx, argc - 1, argv + 1);
	}
	return cli_usage_error(ctx, &cli_cmd_product, "version: unknown subcommand '%s'", argv[1]);
}

static const struct cli_subcommand subs[] = {
	{ "add", run_add },         { "history", run_history }, { "list", run_list },
	{ "set", run_set },         { "show", run_show },       { "version", run_version },
};

static int run_product(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_product, subs, sizeof subs / sizeof subs[0], argc, argv);
}
