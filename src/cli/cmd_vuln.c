/* psirt vuln show: the merged view of one vulnerability; vuln affected;
 * vuln embargo: set or lift an embargo (the API's PUT/DELETE
 * /api/vulns/{id}/embargo, over the same library calls). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/findings_cli.h"
#include "psirt/embargo.h"
#include "psirt/portfolio.h"
#include "psirt/store.h"

static int run_vuln(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_vuln = {
	.name = "vuln",
	.summary = "show what the store knows of a vulnerability",
	.usage = "usage: psirt [--db PATH] vuln show ID [--json]\n"
	         "       psirt [--db PATH] vuln affected ID [--json]\n"
	         "       psirt [--db PATH] vuln embargo ID [--until DATE] [--reason R] [--json]\n"
	         "       psirt [--db PATH] vuln embargo ID --lift\n"
	         "\n"
	         "ID is any of a vulnerability's ids: CVE-..., GHSA-..., JVNDB-..., an OSV id.\n"
	         "Shows the merged view: each source's record (NVD, JVN, OSV) with its titles\n"
	         "and descriptions in every language, every score with its source, weaknesses\n"
	         "(CWE), references, JVN's affected products with their version text, OSV's\n"
	         "affected packages with their ranges; the CISA KEV entry and the EPSS score\n"
	         "of its CVE ids; the records of others that name it as related (a JVN\n"
	         "entry of several CVEs, a distribution's advisory). NVD's configurations\n"
	         "are counted (--json lists them).\n"
	         "\n"
	         "`affected` lists every product version the vulnerability reaches (its\n"
	         "findings, with their state) and the units in the field of the versions\n"
	         "with an open finding.\n"
	         "\n"
	         "`embargo` hides the vulnerability (by any of its ids) from engineers and\n"
	         "viewers until DATE (YYYY-MM-DD, midnight UTC, or an ISO 8601 instant) or,\n"
	         "without --until, until lifted; --reason says why (the embargo's note).\n"
	         "Setting it again replaces it; --lift ends it. The id need not be in the\n"
	         "store yet (a finder's report often comes first). Both are audited (who:\n"
	         "$PSIRT_USER or the login name).\n"
	         "\n"
	         "Exit codes: 0 shown or done, 2 usage, 3 not in the store, no embargo to\n"
	         "lift, or a bad id or date, 4 internal error.\n",
	.run = run_vuln,
};

static void print_tags(FILE *out, const struct psirt_vuln_str *t)
{
	if (!t)
		return;
	fputs(" [", out);
	for (; t; t = t->next)
		fprintf(out, "%s%s", t->value, t->next ? ", " : "");
	fputc(']', out);
}

/* "title (ja)", or "title" when the source gives no language. */
static void print_text(FILE *out, const char *what, const struct psirt_vuln_text *t)
{
	if (t->lang && *t->lang)
		fprintf(out, "  %s (%s)  %s\n", what, t->lang, t->value);
	else
		fprintf(out, "  %-11s %s\n", what, t->value);
}

/* One CPE match with its bounds: "cpe:2.3:... >=2.13.0 <2.15.0". */
static void print_match(FILE *out, const struct psirt_vuln_cpe_match *m)
{
	fprintf(out, "  affected    %s", m->criteria);
	if (m->version_start_including)
		fprintf(out, " >=%s", m->version_start_including);
	if (m->version_start_excluding)
		fprintf(out, " >%s", m->version_start_excluding);
	if (m->version_end_including)
		fprintf(out, " <=%s", m->version_end_including);
	if (m->version_end_excluding)
		fprintf(out, " <%s", m->version_end_excluding);
	if (m->version_text)
		fprintf(out, " (%s)", m->version_text);
	fputc('\n', out);
}

/* Enumerated versions shown before "... (N in all)". */
#define SHOW_VERSIONS 8

static void print_package(FILE *out, const struct psirt_vuln_package *p)
{
	const struct psirt_vuln_range *r;
	const struct psirt_vuln_event *e;
	const struct psirt_vuln_str *v;
	size_t n = 0, i;

	fprintf(out, "  package     %s %s", p->ecosystem ? p->ecosystem : "-",
	        p->name ? p->name : "-");
	if (p->purl)
		fprintf(out, " (%s)", p->purl);
	fputc('\n', out);
	for (r = p->ranges; r; r = r->next) {
		fprintf(out, "    range     %s", r->type);
		if (r->repo)
			fprintf(out, " %s", r->repo);
		for (e = r->events; e; e = e->next)
			fprintf(out, "%s %s %s", e == r->events ? ":" : ",", e->kind, e->value);
		fputc('\n', out);
	}
	for (v = p->versions; v; v = v->next)
		n++;
	if (!n)
		return;
	fputs("    versions ", out);
	for (i = 0, v = p->versions; v && i < SHOW_VERSIONS; v = v->next, i++)
		fprintf(out, " %s", v->value);
	if (n > SHOW_VERSIONS)
		fprintf(out, " ... (%zu in all)", n);
	fputc('\n', out);
}

static void print_record(FILE *out, const struct psirt_vuln_record *r)
{
	const struct psirt_vuln_text *t;
	const struct psirt_vuln_score *s;
	const struct psirt_vuln_weakness *w;
	const struct psirt_vuln_ref *ref;
	const struct psirt_vuln_config *c;
	const struct psirt_vuln_node *n;
	const struct psirt_vuln_cpe_match *m;
	const struct psirt_vuln_str *a;
	const struct psirt_vuln_package *p;
	size_t configs = 0, matches = 0;

	fprintf(out, "record %s %s", psirt_vuln_source_name(r->source), r->id);
	if (r->status)
		fprintf(out, " (%s)", r->status);
	if (r->withdrawn)
		fputs(" WITHDRAWN", out);
	fputc('\n', out);
	if (r->published)
		fprintf(out, "  published   %s\n", r->published);
	fprintf(out, "  modified    %s\n", r->modified);
	if (r->withdrawn_at)
		fprintf(out, "  withdrawn   %s\n", r->withdrawn_at);
	if (r->assigner)
		fprintf(out, "  assigner    %s\n", r->assigner);
	for (a = r->aliases; a; a = a->next)
		fprintf(out, "  alias       %s\n", a->value);
	for (a = r->related; a; a = a->next)
		fprintf(out, "  related     %s\n", a->value);
	for (t = r->titles; t; t = t->next)
		print_text(out, "title", t);
	for (t = r->descriptions; t; t = t->next)
		print_text(out, "description", t);
	for (s = r->scores; s; s = s->next) {
		fputs("  score       ", out);
		if (s->version)
			fprintf(out, "CVSS %s", s->version);
		else
			fputs(s->kind, out);
		if (s->has_base_score)
			fprintf(out, " %.1f", s->base_score);
		if (s->severity)
			fprintf(out, " %s", s->severity);
		if (s->vector)
			fprintf(out, " %s", s->vector);
		if (s->source || s->type)
			fprintf(out, " (%s%s%s)", s->source ? s->source : "",
			        s->source && s->type ? ", " : "", s->type ? s->type : "");
		fputc('\n', out);
	}
	for (w = r->weaknesses; w; w = w->next) {
		fprintf(out, "  weakness    %s", w->cwe);
		if (w->source || w->type)
			fprintf(out, " (%s%s%s)", w->source ? w->source : "",
			        w->source && w->type ? ", " : "", w->type ? w->type : "");
		fputc('\n', out);
	}
	for (ref = r->refs; ref; ref = ref->next) {
		fprintf(out, "  reference   %s", ref->url);
		if (ref->source)
			fprintf(out, " (%s)", ref->source);
		print_tags(out, ref->tags);
		fputc('\n', out);
	}
	for (c = r->configs; c; c = c->next) {
		configs++;
		for (n = c->nodes; n; n = n->next) {
			for (m = n->matches; m; m = m->next) {
				matches++;
				/* JVN lists a few products with its own version
				 * text: worth reading; NVD's trees run to hundreds */
				if (r->source == PSIRT_VULN_SRC_JVN)
					print_match(out, m);
			}
		}
	}
	if (configs && r->source != PSIRT_VULN_SRC_JVN)
		fprintf(out, "  configurations %zu, CPE match criteria %zu (--json lists them)\n",
		        configs, matches);
	for (p = r->packages; p; p = p->next)
		print_package(out, p);
}

static void print_view(FILE *out, const struct psirt_vuln_view *v)
{
	const struct psirt_vuln_str *a;
	size_t i;

	fprintf(out, "%s\n", v->name);
	fputs("aliases:", out);
	for (a = v->aliases; a; a = a->next)
		fprintf(out, " %s", a->value);
	fputc('\n', out);
	if (v->withdrawn)
		fputs("WITHDRAWN: every source record is rejected or withdrawn\n", out);
	for (i = 0; i < v->n_kev; i++) {
		const struct psirt_kev_entry *k = &v->kev[i];

		fprintf(out, "KEV: %s added %s", k->cve, k->date_added);
		if (k->due_date)
			fprintf(out, ", due %s", k->due_date);
		if (k->ransomware)
			fprintf(out, ", ransomware use %s", k->ransomware);
		if (k->name)
			fprintf(out, ": %s", k->name);
		fputc('\n', out);
	}
	if (!v->n_kev)
		fputs("KEV: not listed\n", out);
	for (i = 0; i < v->n_epss; i++) {
		const struct psirt_epss_score *e = &v->epss[i];

		fprintf(out, "EPSS: %s %.5f", e->cve, e->score);
		if (e->has_percentile)
			fprintf(out, " (percentile %.5f)", e->percentile);
		fprintf(out, " on %.10s", e->score_date);
		if (e->model_version)
			fprintf(out, ", model %s", e->model_version);
		fputc('\n', out);
	}
	if (!v->n_epss)
		fputs("EPSS: no score\n", out);
	for (i = 0; i < v->n_records; i++)
		print_record(out, &v->records[i]);
	/* records of other vulnerabilities naming this one as related: one
	 * line each (`psirt vuln show` on their id has the rest) */
	for (i = 0; i < v->n_related_records; i++) {
		const struct psirt_vuln_record *r = &v->related_records[i];

		fprintf(out, "related record %s %s", psirt_vuln_source_name(r->source), r->id);
		if (r->withdrawn)
			fputs(" WITHDRAWN", out);
		if (r->titles)
			fprintf(out, ": %s", r->titles->value);
		fputc('\n', out);
	}
}

static int run_show(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_store *store;
	struct psirt_vuln_view *v;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(ctx, &cli_cmd_vuln, argc < 2 ? "show: which vulnerability?"
		                                                    : "show: give one id");
	rc = cli_store(ctx, &store);
	if (rc)
		return rc;
	if (psirt_store_vuln_get(store, argv[1], &v, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		psirt_diag_release(&diag);
		return rc;
	}
	if (ctx->json) {
		rc = cli_print_json(ctx, psirt_vuln_view_to_json(v));
	} else {
		print_view(ctx->out, v);
		rc = CLI_EXIT_OK;
	}
	psirt_vuln_view_free(v);
	return rc;
}

static int run_embargo(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	const char *id = NULL, *until = NULL, *reason = NULL;
	struct psirt_store *store;
	struct psirt_arena arena;
	struct psirt_embargo e;
	char *actor;
	int k, rc, lift = 0, active = 0;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];

		if (!strcmp(a, "--lift")) {
			lift = 1;
		} else if ((!strcmp(a, "--until") || !strcmp(a, "--reason")) && k + 1 < argc) {
			if (a[2] == 'u')
				until = argv[++k];
			else
				reason = argv[++k];
		} else if (a[0] != '-' && !id) {
			id = a;
		} else {
			return cli_usage_error(ctx, &cli_cmd_vuln, "embargo: unexpected argument '%s'",
			                       a);
		}
	}
	if (!id)
		return cli_usage_error(ctx, &cli_cmd_vuln, "embargo: which vulnerability?");
	if (lift && (until || reason))
		return cli_usage_error(ctx, &cli_cmd_vuln,
		                       "embargo: --lift goes without --until and --reason");
	if ((rc = cli_store(ctx, &store)))
		return rc;
	if (!(actor = psirt_portfolio_actor()))
		return CLI_EXIT_INTERNAL;
	psirt_arena_init(&arena, 0);
	if (lift ? psirt_embargo_lift(store, id, actor, &diag)
	         : psirt_embargo_set(store, id, until, reason, actor, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		goto out;
	}
	if (lift) {
		if (ctx->json)
			rc = cli_print_json(ctx, json_pack("{s:s, s:b}", "name", id, "lifted", 1));
		else
			fprintf(ctx->out, "lifted the embargo on %s\n", id);
		goto out;
	}
	if (psirt_embargo_get(store, id, &arena, &active, &e, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		goto out;
	}
	if (ctx->json) {
		rc = cli_print_json(ctx, active ? json_pack("{s:s, s:o, s:o, s:s, s:s, s:b}", "name",
		                                            e.name, "until",
		                                            e.until ? json_string(e.until)
		                                                    : json_null(),
		                                            "note",
		                                            e.note ? json_string(e.note)
		                                                   : json_null(),
		                                            "setBy", e.set_by, "setAt", e.set_at,
		                                            "active", 1)
		                                : json_pack("{s:s, s:b}", "name", id, "active", 0));
	} else if (!active) {
		/* an end already past: set, and over at once (as the API answers) */
		fprintf(ctx->out, "embargo on %s ended already (%s)\n", id, until);
	} else {
		fprintf(ctx->out, "embargoed %s until %s%s%s\n", e.name, e.until ? e.until : "lifted",
		        e.note ? ": " : "", e.note ? e.note : "");
	}
out:
	psirt_diag_release(&diag);
	psirt_arena_release(&arena);
	free(actor);
	return rc;
}

static const struct cli_subcommand subs[] = {
	{ "show", run_show },
	{ "affected", cli_vuln_affected },
	{ "embargo", run_embargo },
};

static int run_vuln(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &cli_cmd_vuln, subs, sizeof subs / sizeof subs[0], argc, argv);
}
