/* psirt match: which vulnerabilities reach a component, and why. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/findings_cli.h"
#include "psirt/cpe.h"
#include "psirt/match.h"
#include "psirt/purl.h"
#include "psirt/store.h"

static int run_match(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_match = {
	.name = "match",
	.summary = "match a component against the vulnerability knowledge base",
	.usage =
		"usage: psirt [--db PATH] match [--product P [--version V]] [--all] [--json]\n"
		"       psirt [--db PATH] match --problems [--json]\n"
		"       psirt [--db PATH] match component [--purl PURL] [--cpe CPE]...\n"
		"                 [--name NAME [--version VERSION]] [--commit SHA [--repo URL]]\n"
		"                 [--hardware CPE]... [--firmware CPE] [--json]\n"
		"\n"
		"Lists the vulnerabilities of the store that reach one component, each with\n"
		"its evidence: which identity matched, which criterion or range of which\n"
		"source record, and how sure the match is (high, medium, low).\n"
		"\n"
		"  --purl PURL       the component's package-URL, matched against package\n"
		"                    statements (OSV): by purl and by ecosystem+name, versions\n"
		"                    in the ecosystem's order; a distro qualifier picks the\n"
		"                    release (pkg:deb/debian/wget@1.21-1?distro=debian-11)\n"
		"  --cpe CPE         a CPE name (2.3, 2.2 URI or WFN), matched against NVD and\n"
		"                    JVN criteria; may be repeated\n"
		"  --name, --version used only without --purl and --cpe: the name is looked\n"
		"                    up as a CPE vendor:product (busybox, openssl, dnsmasq,\n"
		"                    dropbear, ... or any product of that name); low confidence\n"
		"  --commit, --repo  the commit the component was built from, for OSV GIT\n"
		"                    ranges (the repository may come from the purl instead)\n"
		"  --hardware CPE    the product's hardware (part h), for configurations such\n"
		"                    as \"firmware X running on hardware Y\"; may be repeated\n"
		"  --firmware CPE    the product's own firmware (part o): finds vulnerabilities\n"
		"                    filed against the device itself\n"
		"\n"
		"Without `component`: matches product versions (every component of the SBOM,\n"
		"the hardware and firmware CPEs) and writes findings, in one transaction.\n"
		"Incremental: only versions whose SBOM or product changed since the last run,\n"
		"and the others only against vulnerabilities whose records changed; --product\n"
		"(and --version) re-matches those versions, --all everything. Findings that no\n"
		"longer match are closed (fixed, or withdrawn with their vulnerability). Open\n"
		"findings are then triaged with the current policy. `psirt findings` lists\n"
		"them; `psirt vuln affected ID` lists every version a vulnerability reaches.\n"
		"\n"
		"Feed entries that cannot be used (a malformed criterion, a version bound the\n"
		"version scheme cannot read, an ecosystem without a scheme) are skipped, never\n"
		"matched, and reported once each on stderr as\n"
		"  psirt: warning: RECORD FIELD 'VALUE': MESSAGE\n"
		"(the first 20; --json: a \"problems\" array of all). A run reports those of\n"
		"the records it loaded: an incremental run only the changed records', --all\n"
		"(or a full match of a version) every record's again. `psirt match --problems`\n"
		"lists every one in the store without matching.\n"
		"\n"
		"Exit codes: 0 matched (with or without findings), 2 usage, 3 bad purl or CPE,\n"
		"4 internal error.\n",
	.run = run_match,
};

/* A growable list of argument strings (borrowed from argv). */
struct args {
	const char **v;
	size_t n;
};

static int push(struct args *a, const char *s)
{
	const char **q = realloc(a->v, (a->n + 1) * sizeof *q);

	if (!q)
		return -1;
	q[a->n++] = s;
	a->v = q;
	return 0;
}

/* Checks identities before the (slow) index load; prints the error. */
static int check_cpe(struct cli_ctx *ctx, const char *opt, const char *cpe)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_cpe *c;
	int rc;

	if (!psirt_cpe_parse(psirt_str_c(cpe), &c, &diag)) {
		psirt_cpe_free(c);
		return CLI_EXIT_OK;
	}
	rc = cli_report(ctx, opt, &diag);
	psirt_diag_release(&diag);
	return rc;
}

static int check_purl(struct cli_ctx *ctx, const char *purl)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_purl p;
	int rc;

	if (!psirt_purl_parse(psirt_str_c(purl), PSIRT_PURL_LENIENT, &p, &diag)) {
		psirt_purl_release(&p);
		return CLI_EXIT_OK;
	}
	rc = cli_report(ctx, "--purl", &diag);
	psirt_diag_release(&diag);
	return rc;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *arg_or_null(const char *s)
{
	return s ? cli_json_arg(s) : json_null();
}

static json_t *evidence_json(const struct psirt_match_evidence *e)
{
	json_t *o = json_pack("{s:s, s:o, s:s, s:o}", "via", psirt_match_via_name(e->via), "identity",
	                      arg_or_null(e->identity), "confidence",
	                      psirt_match_confidence_name(e->confidence), "why", arg_or_null(e->why));

	if (!o)
		return NULL;
	if (e->criteria) {
		if (json_object_set_new(o, "criteria", json_string(e->criteria)) ||
		    json_object_set_new(o, "matchCriteriaId", str_or_null(e->match_criteria_id)) ||
		    json_object_set_new(o, "configuration", json_integer(e->config)) ||
		    json_object_set_new(o, "node", json_integer(e->node)) ||
		    json_object_set_new(o, "cpeMatch", json_integer(e->match)) ||
		    json_object_set_new(o, "platform", arg_or_null(e->platform)) ||
		    (e->guess && json_object_set_new(o, "guessedCpe", arg_or_null(e->guess))))
			goto out_fail;
	} else {
		if (json_object_set_new(o, "ecosystem", str_or_null(e->ecosystem)) ||
		    json_object_set_new(o, "package", str_or_null(e->package)) ||
		    json_object_set_new(o, "purl", str_or_null(e->purl)) ||
		    json_object_set_new(o, "affected", json_integer(e->package_seq)) ||
		    json_object_set_new(o, "rangeType", str_or_null(e->range_type)) ||
		    json_object_set_new(o, "range",
		                        e->range_type ? json_integer(e->range_seq) : json_null()) ||
		    json_object_set_new(o, "events", str_or_null(e->events)))
			goto out_fail;
	}
	return o;

out_fail:
	json_decref(o);
	return NULL;
}

static json_t *results_json(const struct psirt_match_results *res, size_t problems)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i, k;

	if (!root || !arr)
		goto out_fail;
	for (i = 0; i < res->n; i++) {
		const struct psirt_match_finding *f = &res->findings[i];
		json_t *evs = json_array(), *o;

		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "vulnerability", f->vuln, "record",
		              f->record, "source", psirt_vuln_source_name(f->source), "subject",
		              f->subject == PSIRT_MATCH_PRODUCT ? "product" : "component", "confidence",
		              psirt_match_confidence_name(f->confidence), "evidence",
		              evs ? evs : json_null());
		if (!o || !evs || json_array_append_new(arr, o))
			goto out_fail;
		for (k = 0; k < f->nevidence; k++) {
			json_t *e = evidence_json(&f->evidence[k]);

			if (!e || json_array_append_new(evs, e))
				goto out_fail;
		}
	}
	if (json_object_set_new(root, "findings", arr) ||
	    json_object_set_new(root, "unusableSourceEntries", json_integer((json_int_t)problems)))
		goto out_fail_root;
	return root;

out_fail:
	json_decref(arr);
out_fail_root:
	json_decref(root);
	return NULL;
}

static void print_results(FILE *out, const struct psirt_match_results *res)
{
	size_t i, k, nvuln = 0;

	for (i = 0; i < res->n; i++) {
		const struct psirt_match_finding *f = &res->findings[i];

		if (!i || strcmp(f->vuln, res->findings[i - 1].vuln))
			nvuln++;
		fprintf(out, "%s  %s %s  %s%s\n", f->vuln, psirt_vuln_source_name(f->source), f->record,
		        psirt_match_confidence_name(f->confidence),
		        f->subject == PSIRT_MATCH_PRODUCT ? "  (the product itself)" : "");
		for (k = 0; k < f->nevidence; k++) {
			const struct psirt_match_evidence *e = &f->evidence[k];

			fprintf(out, "  %s %s  [%s]\n", psirt_match_via_name(e->via), e->identity,
			        psirt_match_confidence_name(e->confidence));
			if (e->guess)
				fprintf(out, "    guessed    %s\n", e->guess);
			if (e->criteria) {
				fprintf(out, "    criterion  %s  configurations[%d].nodes[%d].cpeMatch[%d]",
				        e->criteria, e->config, e->node, e->match);
				if (e->match_criteria_id)
					fprintf(out, "  %s", e->match_criteria_id);
				fputc('\n', out);
			} else {
				fprintf(out, "    package    %s %s", e->ecosystem, e->package ? e->package : "");
				if (e->purl)
					fprintf(out, " (%s)", e->purl);
				if (e->range_type)
					fprintf(out, "  affected[%d].ranges[%d] %s: %s\n", e->package_seq,
					        e->range_seq, e->range_type, e->events ? e->events : "");
				else
					fprintf(out, "  affected[%d].versions\n", e->package_seq);
			}
			if (e->platform)
				fprintf(out, "    platform   %s\n", e->platform);
			fprintf(out, "    why        %s\n", e->why);
		}
	}
	if (!res->n)
		fputs("no known vulnerability matches\n", out);
	else
		fprintf(out, "%zu vulnerabilit%s, %zu finding%s\n", nvuln, nvuln == 1 ? "y" : "ies",
		        res->n, res->n == 1 ? "" : "s");
}

/* Takes the value of option argv[*i]; NULL (after a usage error) when it
 * has none. */
static const char *value(struct cli_ctx *ctx, int argc, char **argv, int *i, int *rc)
{
	if (*i + 1 >= argc) {
		*rc = cli_usage_error(ctx, &cli_cmd_match, "component: %s needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

static int run_component(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_match_subject s;
	struct args cpes = { NULL, 0 }, hw = { NULL, 0 };
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_match_results res = PSIRT_MATCH_RESULTS_INIT;
	struct psirt_match_index *idx = NULL;
	struct psirt_store *store = NULL;
	const struct psirt_match_problem *problems;
	size_t nproblems, k;
	int i, rc = CLI_EXIT_OK;

	memset(&s, 0, sizeof s);
	for (i = 1; i < argc && !rc; i++) {
		const char *a = argv[i], *v;

		if (!strcmp(a, "--purl") || !strcmp(a, "--name") || !strcmp(a, "--version") ||
		    !strcmp(a, "--firmware") || !strcmp(a, "--commit") || !strcmp(a, "--repo") ||
		    !strcmp(a, "--cpe") || !strcmp(a, "--hardware")) {
			v = value(ctx, argc, argv, &i, &rc);
			if (!v)
				break;
			if (!strcmp(a, "--purl"))
				s.purl = v;
			else if (!strcmp(a, "--name"))
				s.name = v;
			else if (!strcmp(a, "--version"))
				s.version = v;
			else if (!strcmp(a, "--firmware"))
				s.firmware = v;
			else if (!strcmp(a, "--commit"))
				s.commit = v;
			else if (!strcmp(a, "--repo"))
				s.repo = v;
			else if (push(!strcmp(a, "--cpe") ? &cpes : &hw, v))
				rc = CLI_EXIT_INTERNAL;
		} else if (a[0] == '-') {
			rc = cli_usage_error(ctx, &cli_cmd_match, "component: unknown option '%s'", a);
		} else {
			rc = cli_usage_error(ctx, &cli_cmd_match, "component: unexpected argument '%s'", a);
		}
	}
	if (!rc && s.version && !s.name)
		rc = cli_usage_error(ctx, &cli_cmd_match, "component: --version goes with --name");
	if (!rc && !s.purl && !cpes.n && !s.name && !s.firmware && !hw.n && !(s.commit && s.repo))
		rc = cli_usage_error(ctx, &cli_cmd_match,
		                     "component: give at least one identity (--purl, --cpe, --name, "
		                     "--firmware, --hardware)");
	if (!rc && s.repo && !s.commit)
		rc = cli_usage_error(ctx, &cli_cmd_match, "component: --repo goes with --commit");
	if (rc)
		goto out_free;
	if (s.purl)
		rc = check_purl(ctx, s.purl);
	for (k = 0; !rc && k < cpes.n; k++)
		rc = check_cpe(ctx, "--cpe", cpes.v[k]);
	for (k = 0; !rc && k < hw.n; k++)
		rc = check_cpe(ctx, "--hardware", hw.v[k]);
	if (!rc && s.firmware)
		rc = check_cpe(ctx, "--firmware", s.firmware);
	if (rc)
		goto out_free;
	s.cpes = cpes.v;
	s.ncpes = cpes.n;
	s.hardware = hw.v;
	s.nhardware = hw.n;

	rc = cli_store(ctx, &store);
	if (rc)
		goto out_free;
	if (psirt_match_index_load(store, &idx, &diag) ||
	    psirt_match_component(idx, &s, &res, &diag)) {
		rc = cli_report(ctx, NULL, &diag);
		goto out_free;
	}
	nproblems = psirt_match_index_problems(idx, &problems);
	if (ctx->json) {
		json_t *root = results_json(&res, nproblems), *arr = json_array();
		int bad = !root || !arr;

		/* every one, as psirt match --problems lists them */
		for (k = 0; !bad && k < nproblems; k++)
			bad = json_array_append_new(arr, cli_problem_json(&problems[k])) != 0;
		if (!bad) {
			bad = json_object_set_new(root, "problems", arr) != 0;
			arr = NULL; /* taken, even on failure */
		}
		if (bad) {
			json_decref(arr);
			json_decref(root);
			root = NULL;
		}
		rc = cli_print_json(ctx, root);
	} else {
		struct cli_problems P;

		print_results(ctx->out, &res);
		memset(&P, 0, sizeof P);
		P.ctx = ctx;
		for (k = 0; k < nproblems; k++)
			cli_problem_add(&P, &problems[k]);
		cli_problems_end(&P);
	}

out_free:
	psirt_match_results_release(&res);
	psirt_match_index_free(idx);
	psirt_diag_release(&diag);
	free(cpes.v);
	free(hw.v);
	return rc;
}

static const struct cli_subcommand subs[] = {
	{ "component", run_component },
};

static int run_match(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || (argv[1][0] == '-' && !cli_wants_help(argc, argv)))
		return cli_match_products(ctx, &cli_cmd_match, argc, argv);
	return cli_dispatch(ctx, &cli_cmd_match, subs, sizeof subs / sizeof subs[0], argc, argv);
}
