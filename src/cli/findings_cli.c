/* Findings subcommands of match, policy and vuln (src/cli/findings_cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/findings_cli.h"
#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/match.h"
#include "psirt/policy.h"
#include "psirt/store.h"

/* Who makes a change: PSIRT_USER, else the login name (portfolio.h's rule,
 * restated here: portfolio.h cannot be included beside policy.h). */
char *psirt_portfolio_actor(void);

static int fail(struct cli_ctx *ctx, struct psirt_diag *d)
{
	int rc = cli_report(ctx, NULL, d);

	psirt_diag_release(d);
	return rc;
}

/* Problems -----------------------------------------------------------------*/

json_t *cli_problem_json(const struct psirt_match_problem *p)
{
	return json_pack("{s:o, s:o, s:o, s:o}", "record", cli_json_arg(p->record), "field",
	                 cli_json_arg(p->field), "value", cli_json_arg(p->value), "message",
	                 cli_json_arg(p->message));
}

void cli_problem_add(void *ctx, const struct psirt_match_problem *p)
{
	struct cli_problems *P = ctx;

	P->n++;
	if (P->ctx->json) {
		if (!P->arr)
			P->arr = json_array();
		if (!P->arr || json_array_append_new(P->arr, cli_problem_json(p)))
			P->nomem = 1;
		return;
	}
	if (P->n <= CLI_PROBLEMS_SHOWN)
		fprintf(P->ctx->err, "psirt: warning: %s %s '%s': %s\n", p->record, p->field, p->value,
		        p->message);
}

void cli_problems_end(struct cli_problems *P)
{
	if (!P->ctx->json && P->n > CLI_PROBLEMS_SHOWN)
		fprintf(P->ctx->err,
		        "psirt: warning: ... and %zu more unusable criteria or ranges"
		        " (psirt match --problems lists them all)\n",
		        P->n - CLI_PROBLEMS_SHOWN);
}

/* `psirt match --problems`: every unusable criterion and range of the store
 * (the full index is loaded; nothing is written). */
static int list_problems(struct cli_ctx *ctx)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_match_index *idx = NULL;
	const struct psirt_match_problem *p;
	struct psirt_store *store;
	size_t n, i;
	json_t *arr;
	int rc = cli_store(ctx, &store);

	if (rc)
		return rc;
	if (psirt_match_index_load(store, &idx, &d))
		return fail(ctx, &d);
	n = psirt_match_index_problems(idx, &p);
	if (ctx->json) {
		arr = json_array();
		for (i = 0; arr && i < n; i++) {
			if (json_array_append_new(arr, cli_problem_json(&p[i]))) {
				json_decref(arr);
				arr = NULL;
			}
		}
		rc = cli_print_json(ctx, arr);
	} else {
		for (i = 0; i < n; i++)
			fprintf(ctx->out, "%s %s '%s': %s\n", p[i].record, p[i].field, p[i].value,
			        p[i].message);
		fprintf(ctx->out, "%zu unusable criteri%s or range%s (left out of matching)\n", n,
		        n == 1 ? "on" : "a", n == 1 ? "" : "s");
	}
	psirt_match_index_free(idx);
	return rc;
}

/* n with its thousands grouped by commas (1,013,000), for people: the
 * JSON output keeps plain numbers. */
static void print_thousands(FILE *out, long long n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n), i;

	if (n < 0)
		fputc('-', out);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			fputc(',', out);
		fputc(digits[i], out);
	}
}

/* The progress line of a run, on a terminal (stderr); the problems are
 * reported before the matching starts, so the line never splits one. */
static void draw_match_progress(void *c, const struct psirt_findings_progress *p)
{
	static const char *const doing[PSIRT_FINDINGS__PHASES] = {
		[PSIRT_FINDINGS_PHASE_NOTE] = "noting the records",
		[PSIRT_FINDINGS_PHASE_TRIAGE] = "triage",
		[PSIRT_FINDINGS_PHASE_REINDEX] = "building the indexes of findings",
		[PSIRT_FINDINGS_PHASE_COMMIT] = "committing",
	};
	struct cli_line *ui = c;

	if (p->last || p->phase == PSIRT_FINDINGS_PHASE_INDEX) {
		cli_line_clear(ui);
		return;
	}
	fputs("\rpsirt match: ", ui->f);
	if (p->phase == PSIRT_FINDINGS_PHASE_MATCH) {
		print_thousands(ui->f, (long long)p->versions_done);
		fputs(" of ", ui->f);
		print_thousands(ui->f, (long long)p->versions);
		fputs(" versions, ", ui->f);
		print_thousands(ui->f, (long long)p->created);
		fputs(" new findings", ui->f);
	} else if ((unsigned)p->phase < PSIRT_FINDINGS__PHASES && doing[p->phase]) {
		fputs(doing[p->phase], ui->f);
	}
	fprintf(ui->f, "  %.0f s", p->seconds);
	cli_line_drawn(ui);
}

/* The run committed without SQLite's checkpoint (psirt_store_commit_deferred):
 * its result is out, the store file gets the pages now. A failure leaves
 * them in the log for the next commit or the close: nothing is lost. */
static void checkpoint_after(struct cli_ctx *ctx, struct psirt_store *store)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;

	fflush(ctx->out);
	psirt_store_checkpoint(store, &d);
	psirt_diag_release(&d);
}

int cli_match_products(struct cli_ctx *ctx, const struct cli_command *cmd, int argc, char **argv)
{
	struct psirt_findings_match_opts o;
	struct psirt_findings_match_stats st;
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct cli_problems probs;
	struct cli_line ui = { NULL, 0 };
	struct psirt_store *store;
	char *actor;
	int i, rc, problems = 0;
	json_t *j, *secs;
	enum psirt_findings_phase p;

	memset(&o, 0, sizeof o);
	memset(&probs, 0, sizeof probs);
	for (i = 1; i < argc; i++) {
		if ((!strcmp(argv[i], "--product") || !strcmp(argv[i], "--version")) && i + 1 < argc) {
			if (argv[i][2] == 'p')
				o.product = argv[++i];
			else
				o.version = argv[++i];
		} else if (!strcmp(argv[i], "--all")) {
			o.all = 1;
		} else if (!strcmp(argv[i], "--problems")) {
			problems = 1;
		} else {
			return cli_usage_error(ctx, cmd, "unexpected argument '%s'", argv[i]);
		}
	}
	if (o.version && !o.product)
		return cli_usage_error(ctx, cmd, "--version goes with --product");
	if (problems && (o.all || o.product))
		return cli_usage_error(ctx, cmd, "--problems goes alone (it matches nothing)");
	if (problems)
		return list_problems(ctx);
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	actor = psirt_portfolio_actor();
	if (!actor)
		return CLI_EXIT_INTERNAL;
	o.actor = actor;
	/* long runs (a first match of a whole portfolio: minutes) show where
	 * they are, on a terminal only */
	ui.f = ctx->err;
	if (cli_line_wanted(ctx->err)) {
		o.progress = draw_match_progress;
		o.progress_ctx = &ui;
	}
	probs.ctx = ctx;
	if (psirt_findings_match_report(store, &o, cli_problem_add, &probs, &st, &d)) {
		free(actor);
		json_decref(probs.arr);
		return fail(ctx, &d);
	}
	free(actor);
	cli_problems_end(&probs);
	if (ctx->json) {
		j = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "run",
		              (json_int_t)st.run, "versions", (json_int_t)st.versions,
		              "unchangedVersions", (json_int_t)st.unchanged,
		              "changedVulnerabilities", (json_int_t)st.changed_vulns, "created",
		              (json_int_t)st.created, "reopened", (json_int_t)st.reopened, "seen",
		              (json_int_t)st.seen, "fixed", (json_int_t)st.fixed, "withdrawn",
		              (json_int_t)st.withdrawn, "triaged", (json_int_t)st.triaged, "problems",
		              probs.arr ? probs.arr : json_array());
		/* where the time went: seconds per phase */
		secs = json_object();
		for (p = 0; secs && p < PSIRT_FINDINGS__PHASES; p++)
			if (json_object_set_new(secs, psirt_findings_phase_name(p),
			                        json_real(st.seconds[p])))
				probs.nomem = 1;
		if (j && json_object_set_new(j, "bulk", json_boolean(st.bulk)))
			probs.nomem = 1;
		if (!j) {
			json_decref(secs);
			probs.nomem = 1;
		} else if (!secs || json_object_set_new(j, "seconds", secs)) {
			probs.nomem = 1;
		}
		if (probs.nomem) {
			json_decref(j);
			j = NULL;
		}
		rc = cli_print_json(ctx, j);
		checkpoint_after(ctx, store);
		return rc;
	}
	if (!st.run)
		fprintf(ctx->out, "nothing changed since the last match\n");
	else
		fprintf(ctx->out,
		        "run %lld: %zu version%s matched, %zu changed vulnerabilit%s; findings: %zu new,"
		        " %zu reopened, %zu still open, %zu fixed, %zu withdrawn; %zu re-triaged\n",
		        st.run, st.versions, st.versions == 1 ? "" : "s", st.changed_vulns,
		        st.changed_vulns == 1 ? "y" : "ies", st.created, st.reopened, st.seen, st.fixed,
		        st.withdrawn, st.triaged);
	if (st.run && st.bulk)
		fprintf(ctx->out, "indexes of findings rebuilt after the run (bulk: %.1f s)\n",
		        st.seconds[PSIRT_FINDINGS_PHASE_REINDEX]);
	checkpoint_after(ctx, store);
	return CLI_EXIT_OK;
}

/* Reads a whole file (at most PSIRT_POLICY_MAX_SIZE bytes). */
static int read_file(struct cli_ctx *ctx, const char *path, struct psirt_buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;

	if (!f) {
		fprintf(ctx->err, "psirt: error: %s: cannot open\n", path);
		return CLI_EXIT_INPUT;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		psirt_buf_add(b, chunk, n);
		if (b->len > PSIRT_POLICY_MAX_SIZE)
			break;
	}
	fclose(f);
	if (psirt_buf_error(b))
		return CLI_EXIT_INTERNAL;
	return CLI_EXIT_OK;
}

int cli_policy_set(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_buf b;
	char *actor, *fp = NULL;
	size_t changed = 0;
	int rc;

	if (argc != 2) {
		fprintf(ctx->err, "psirt policy: set takes one FILE\n");
		return CLI_EXIT_USAGE;
	}
	psirt_buf_init(&b, 0);
	rc = read_file(ctx, argv[1], &b);
	if (!rc)
		rc = cli_store(ctx, &store);
	if (rc)
		goto out;
	actor = psirt_portfolio_actor();
	if (!actor) {
		rc = CLI_EXIT_INTERNAL;
		goto out;
	}
	if (psirt_findings_policy_set(store, b.p, b.len, argv[1], actor, &fp, &changed, &d))
		rc = fail(ctx, &d);
	else
		fprintf(ctx->out, "policy %s stored; %zu open finding%s re-triaged\n",
		        fp ? fp : "?", changed, changed == 1 ? "" : "s");
	free(actor);
	free(fp);
out:
	psirt_buf_release(&b);
	return rc;
}

static int policies(struct cli_ctx *ctx, int current, int argc)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_policy_versions *v;
	size_t i;
	int rc;

	if (argc != 1) {
		fprintf(ctx->err, "psirt policy: %s takes no argument\n", current ? "show" : "history");
		return CLI_EXIT_USAGE;
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	if (psirt_findings_policies(store, current, &v, &d))
		return fail(ctx, &d);
	if (ctx->json) {
		json_t *a = json_array();

		for (i = 0; a && i < v->n; i++)
			json_array_append_new(
				a, json_pack("{s:I, s:s?, s:s?, s:s?, s:s, s:s?, s:s}", "id",
			                     (json_int_t)v->items[i].id, "at", v->items[i].at, "actor",
			                     v->items[i].actor, "name", v->items[i].name, "fingerprint",
			                     v->items[i].fingerprint, "file", v->items[i].file_name,
			                     "text", v->items[i].text));
		rc = cli_print_json(ctx, a);
	} else if (current) {
		fprintf(ctx->out, "# %s %s\n# from %s%s%s%s\n", v->items[0].name ? v->items[0].name : "",
		        v->items[0].fingerprint, v->items[0].file_name ? v->items[0].file_name : "?",
		        v->items[0].at ? ", set " : "", v->items[0].at ? v->items[0].at : "",
		        v->items[0].actor ? " by " : "");
		if (v->items[0].actor)
			fprintf(ctx->out, "# (%s)\n", v->items[0].actor);
		fputs(v->items[0].text, ctx->out);
	} else {
		if (!v->n)
			fprintf(ctx->out, "no policy set: the built-in default applies\n");
		for (i = 0; i < v->n; i++)
			fprintf(ctx->out, "%s  %s  %s  %s  %s\n", v->items[i].at, v->items[i].actor,
			        v->items[i].fingerprint, v->items[i].name ? v->items[i].name : "",
			        v->items[i].file_name ? v->items[i].file_name : "");
	}
	psirt_policy_versions_free(v);
	return rc;
}

int cli_policy_show(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	return policies(ctx, 1, argc);
}

int cli_policy_history(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	return policies(ctx, 0, argc);
}

int cli_vuln_affected(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag d = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_findings_filter f;
	struct psirt_findings_list *l;
	struct psirt_vuln_view *view = NULL;
	long long units = 0;
	size_t i, versions = 0;
	int rc, unknown = 0;
	json_t *a = NULL;

	if (argc != 2) {
		fprintf(ctx->err, "psirt vuln: affected takes one ID\n");
		return CLI_EXIT_USAGE;
	}
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	memset(&f, 0, sizeof f);
	/* any alias names the vulnerability; findings use its name */
	if (psirt_store_vuln_get(store, argv[1], &view, &d))
		return fail(ctx, &d);
	f.vuln = view->name;
	if (psirt_findings_list(store, &f, &l, &d)) {
		psirt_vuln_view_free(view);
		return fail(ctx, &d);
	}
	if (ctx->json)
		a = json_array();
	for (i = 0; i < l->n; i++) {
		const struct psirt_finding *x = &l->items[i];
		int first = 1, open;
		size_t k;

		/* a version counts once (its first open finding) */
		for (k = 0; k < i && first; k++)
			if (!strcmp(x->product, l->items[k].product) &&
			    !strcmp(x->version, l->items[k].version) &&
			    (!strcmp(l->items[k].state, "in_triage") ||
			     !strcmp(l->items[k].state, "affected")))
				first = 0;
		open = !strcmp(x->state, "in_triage") || !strcmp(x->state, "affected");

		/* one line per version reached, open findings only count units */
		if (a) {
			json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "finding",
			                                   (json_int_t)x->id, "product", x->product,
			                                   "version", x->version, "component",
			                                   *x->component ? x->component : "(product)",
			                                   "state", x->state, "units",
			                                   (json_int_t)x->units));
			continue;
		}
		fprintf(ctx->out, "%s %s  %s  %s  #%lld  ", x->product, x->version,
		        *x->component ? x->component : "(product)", x->state, x->id);
		if (x->units < 0) {
			fprintf(ctx->out, "units unknown\n");
		} else {
			print_thousands(ctx->out, x->units);
			fputs(x->units == 1 ? " unit\n" : " units\n", ctx->out);
		}
		if (first && open) {
			versions++;
			if (x->units < 0)
				unknown = 1;
			else
				units += x->units;
		}
	}
	if (a) {
		rc = cli_print_json(ctx, json_pack("{s:s, s:o}", "vulnerability", view->name,
		                                   "findings", a));
	} else {
		fprintf(ctx->out, "%s: %zu product version%s affected (open findings), ", view->name,
		        versions, versions == 1 ? "" : "s");
		print_thousands(ctx->out, units);
		fprintf(ctx->out, " unit%s%s\n", units == 1 ? "" : "s",
		        unknown ? " (some versions' units unknown)" : "");
	}
	psirt_findings_list_free(l);
	psirt_vuln_view_free(view);
	return rc;
}
