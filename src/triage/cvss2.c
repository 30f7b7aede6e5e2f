/* CVSS v2.0: metric table and scores.
 *
 * Equations of "A Complete Guide to the Common Vulnerability Scoring System
 * Version 2.0" §3.2, weights from §3.2.1-3.2.3; the vector of §2.4 Table 13.
 */
#include <math.h>

#include "triage/internal.h"

enum { AV, AC, AU, C, I, A, E, RL, RC, CDP, TD, CR, IR, AR, V2__MAX };

/* Table 13 order. Optional metrics put ND (Not Defined) first. */
static const struct triage__cvss_metric metrics[V2__MAX] = {
	{ "AV", 2, TRIAGE__CVSS_BASE, 3, { "L", "A", "N" } },
	{ "AC", 2, TRIAGE__CVSS_BASE, 3, { "H", "M", "L" } },
	{ "Au", 2, TRIAGE__CVSS_BASE, 3, { "M", "S", "N" } },
	{ "C", 1, TRIAGE__CVSS_BASE, 3, { "N", "P", "C" } },
	{ "I", 1, TRIAGE__CVSS_BASE, 3, { "N", "P", "C" } },
	{ "A", 1, TRIAGE__CVSS_BASE, 3, { "N", "P", "C" } },
	{ "E", 1, TRIAGE__CVSS_TEMPORAL, 5, { "ND", "U", "POC", "F", "H" } },
	{ "RL", 2, TRIAGE__CVSS_TEMPORAL, 5, { "ND", "OF", "TF", "W", "U" } },
	{ "RC", 2, TRIAGE__CVSS_TEMPORAL, 4, { "ND", "UC", "UR", "C" } },
	{ "CDP", 3, TRIAGE__CVSS_ENVIRONMENTAL, 6, { "ND", "N", "L", "LM", "MH", "H" } },
	{ "TD", 2, TRIAGE__CVSS_ENVIRONMENTAL, 5, { "ND", "N", "L", "M", "H" } },
	{ "CR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "ND", "L", "M", "H" } },
	{ "IR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "ND", "L", "M", "H" } },
	{ "AR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "ND", "L", "M", "H" } },
};

/* §2.4: "The vector lists these metrics in a predetermined order". */
const struct triage__cvss_spec triage__cvss2_spec = {
	PSIRT_CVSS_V2_0, "", 0, 1, V2__MAX, metrics,
};

static const double w_av[] = { 0.395, 0.646, 1.0 };
static const double w_ac[] = { 0.35, 0.61, 0.71 };
static const double w_au[] = { 0.45, 0.56, 0.704 };
static const double w_cia[] = { 0, 0.275, 0.660 };
static const double w_e[] = { 1, 0.85, 0.9, 0.95, 1 };
static const double w_rl[] = { 1, 0.87, 0.90, 0.95, 1 };
static const double w_rc[] = { 1, 0.90, 0.95, 1 };
static const double w_cdp[] = { 0, 0, 0.1, 0.3, 0.4, 0.5 };
static const double w_td[] = { 1, 0, 0.25, 0.75, 1 };
static const double w_req[] = { 1, 0.5, 1, 1.51 };

/* §3.2 round_to_1_decimal, half up. The weights are short decimals, so an
 * exact half is a real case that binary arithmetic may land a hair below:
 * the 1e-9 nudge keeps it a half, far below any real difference. Returns
 * tenths. */
static int round1(double x)
{
	return (int)floor(x * 10.0 + 0.5 + 1e-9);
}

static double base_equation(double impact, double expl)
{
	double f = impact == 0 ? 0 : 1.176;

	return ((0.6 * impact) + (0.4 * expl) - 1.5) * f;
}

static int any_defined(const struct psirt_cvss *c, unsigned from, unsigned to)
{
	unsigned i;

	for (i = from; i <= to; i++) {
		if (c->value[i] > 1)
			return 1;
	}
	return 0;
}

void triage__cvss2_score(const struct psirt_cvss *c, struct psirt_cvss_scores *out)
{
	double ci = w_cia[triage__cvss_idx(c, C)], ii = w_cia[triage__cvss_idx(c, I)];
	double ai = w_cia[triage__cvss_idx(c, A)];
	double impact, expl, t, adj_impact, cdp;
	int base, temporal, adj_base, adj_temporal;

	impact = 10.41 * (1 - (1 - ci) * (1 - ii) * (1 - ai));
	expl = 20 * w_av[triage__cvss_idx(c, AV)] * w_ac[triage__cvss_idx(c, AC)] *
	       w_au[triage__cvss_idx(c, AU)];
	base = round1(base_equation(impact, expl));
	if (base < 0)
		base = 0; /* -0.0 when impact is 0 */

	t = w_e[triage__cvss_idx(c, E)] * w_rl[triage__cvss_idx(c, RL)] *
	    w_rc[triage__cvss_idx(c, RC)];
	temporal = round1(base / 10.0 * t);

	/* §3.2.3: the temporal score recomputed with AdjustedImpact. */
	adj_impact = fmin(10, 10.41 * (1 - (1 - ci * w_req[triage__cvss_idx(c, CR)]) *
	                                       (1 - ii * w_req[triage__cvss_idx(c, IR)]) *
	                                       (1 - ai * w_req[triage__cvss_idx(c, AR)])));
	adj_base = round1(base_equation(adj_impact, expl));
	if (adj_base < 0)
		adj_base = 0;
	adj_temporal = round1(adj_base / 10.0 * t);
	cdp = w_cdp[triage__cvss_idx(c, CDP)];
	out->environmental =
		round1((adj_temporal / 10.0 + (10 - adj_temporal / 10.0) * cdp) *
		       w_td[triage__cvss_idx(c, TD)]);

	out->base = base;
	out->temporal = temporal;
	out->impact = round1(impact);
	out->exploitability = round1(expl);
	out->modified_impact = round1(adj_impact);
	out->has_temporal = any_defined(c, E, RC);
	out->has_environmental = any_defined(c, CDP, AR);
	out->overall = out->has_environmental ? out->environmental
	               : out->has_temporal    ? out->temporal
	                                      : base;
}
