/* psirt cvss VECTOR... — version, score and severity of CVSS vectors. */
#include <string.h>

#include "cli/cli.h"
#include "psirt/cvss.h"

static double points(int tenths)
{
	return tenths / 10.0;
}

static void put_score(json_t *o, const char *score_key, const char *severity_key,
                      enum psirt_cvss_version v, int tenths)
{
	json_object_set_new(o, score_key, json_real(points(tenths)));
	if (severity_key)
		json_object_set_new(o, severity_key,
		                    json_string(psirt_cvss_severity_name(psirt_cvss_severity_of(v, tenths))));
}

static json_t *to_json(const char *input, const struct psirt_cvss *c,
                       const struct psirt_cvss_scores *sc)
{
	char canonical[PSIRT_CVSS_FORMAT_MAX];
	enum psirt_cvss_version v = c->version;
	json_t *o = json_object();

	if (!o)
		return NULL;
	psirt_cvss_format(c, canonical, sizeof canonical);
	json_object_set_new(o, "vector", json_string(input));
	json_object_set_new(o, "canonical", json_string(canonical));
	json_object_set_new(o, "version", json_string(psirt_cvss_version_name(v)));
	put_score(o, "score", "severity", v, sc->overall);
	if (v == PSIRT_CVSS_V4_0)
		json_object_set_new(o, "nomenclature",
		                    json_string(psirt_cvss_nomenclature_name(sc->nomenclature)));
	put_score(o, "baseScore", "baseSeverity", v, sc->base);
	if (v == PSIRT_CVSS_V4_0) {
		put_score(o, "threatScore", "threatSeverity", v, sc->temporal);
		put_score(o, "environmentalScore", "environmentalSeverity", v, sc->environmental);
		json_object_set_new(o, "macroVector", json_string(sc->macro_vector));
	} else {
		put_score(o, "impactScore", NULL, v, sc->impact);
		put_score(o, "exploitabilityScore", NULL, v, sc->exploitability);
		put_score(o, "temporalScore", "temporalSeverity", v, sc->temporal);
		put_score(o, "environmentalScore", "environmentalSeverity", v, sc->environmental);
		put_score(o, v == PSIRT_CVSS_V2_0 ? "adjustedImpactScore" : "modifiedImpactScore",
		          NULL, v, sc->modified_impact);
	}
	json_object_set_new(o, "hasTemporal", json_boolean(sc->has_temporal));
	json_object_set_new(o, "hasEnvironmental", json_boolean(sc->has_environmental));
	return o;
}

static int run(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_command cli_cmd_cvss = {
	.name = "cvss",
	.summary = "version, score and severity of CVSS vectors",
	.usage = "usage: psirt [--json] cvss VECTOR...\n"
	         "\n"
	         "Parses and scores CVSS v2.0 (no prefix, parentheses allowed), v3.0, v3.1\n"
	         "and v4.0 vectors strictly and prints, one line each:\n"
	         "  VECTOR  VERSION  SCORE  SEVERITY [NOMENCLATURE]\n"
	         "SCORE is the environmental score when the vector defines environmental\n"
	         "metrics, else the temporal (v4.0: threat) score when it defines those,\n"
	         "else the base score; v4.0 adds its nomenclature (CVSS-B, -BT, -BE, -BTE).\n"
	         "--json prints an array with every sub-score and the canonical vector.\n"
	         "\n"
	         "A bad vector gets a one-line error naming the metric and the column;\n"
	         "the others are still printed and the exit code is 3.\n",
	.run = run,
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	struct psirt_diag diag = PSIRT_DIAG_INIT;
	struct psirt_cvss c;
	struct psirt_cvss_scores sc;
	json_t *all = NULL;
	int i = 1, rc = CLI_EXIT_OK, code, n;

	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	else if (i < argc && argv[i][0] == '-')
		return cli_usage_error(ctx, &cli_cmd_cvss, "unknown option '%s'", argv[i]);
	if (i >= argc)
		return cli_usage_error(ctx, &cli_cmd_cvss, "no vector given");
	if (ctx->json) {
		all = json_array();
		if (!all)
			return CLI_EXIT_INTERNAL;
	}
	for (n = i; n < argc; n++) {
		if (psirt_cvss_parse(&c, argv[n], strlen(argv[n]), &diag) != PSIRT_OK) {
			code = cli_report(ctx, argv[n], &diag);
			psirt_diag_release(&diag);
			if (rc == CLI_EXIT_OK || code > rc)
				rc = code;
			continue;
		}
		psirt_cvss_score(&c, &sc);
		if (all) {
			if (json_array_append_new(all, to_json(argv[n], &c, &sc))) {
				json_decref(all);
				return CLI_EXIT_INTERNAL;
			}
			continue;
		}
		fprintf(ctx->out, "%s  %s  %d.%d  %s", argv[n], psirt_cvss_version_name(c.version),
		        sc.overall / 10, sc.overall % 10,
		        psirt_cvss_severity_name(psirt_cvss_severity_of(c.version, sc.overall)));
		if (c.version == PSIRT_CVSS_V4_0)
			fprintf(ctx->out, "  %s", psirt_cvss_nomenclature_name(sc.nomenclature));
		fputc('\n', ctx->out);
	}
	if (all) {
		/* 15 significant digits print 9.8 as 9.8, not 9.8000000000000007
		 * (jansson's default of 17); every score has one decimal. */
		if (json_dumpf(all, ctx->out,
		               JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))) {
			json_decref(all);
			return CLI_EXIT_INTERNAL;
		}
		fputc('\n', ctx->out);
		json_decref(all);
	}
	return rc;
}
