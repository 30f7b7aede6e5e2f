/* CVSS v3.0 and v3.1: metric table and scores.
 *
 * Equations of the v3.1 specification §7 (v3.0 §8 differs only in the
 * Scope-Changed ModifiedImpact and in Roundup, noted below). Weights from
 * v3.1 §7.4 Table 16.
 */
#include <math.h>

#include "triage/internal.h"

/* Table 15 order. Modified metrics list their values in the order of the
 * base metric they modify, after X, so that modified index - 1 is the base
 * index. */
enum {
	AV, AC, PR, UI, S, C, I, A, E, RL, RC, CR, IR, AR,
	MAV, MAC, MPR, MUI, MS, MC, MI, MA, V3__MAX
};

static const struct triage__cvss_metric metrics[V3__MAX] = {
	{ "AV", 2, TRIAGE__CVSS_BASE, 4, { "N", "A", "L", "P" } },
	{ "AC", 2, TRIAGE__CVSS_BASE, 2, { "L", "H" } },
	{ "PR", 2, TRIAGE__CVSS_BASE, 3, { "N", "L", "H" } },
	{ "UI", 2, TRIAGE__CVSS_BASE, 2, { "N", "R" } },
	{ "S", 1, TRIAGE__CVSS_BASE, 2, { "U", "C" } },
	{ "C", 1, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "I", 1, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "A", 1, TRIAGE__CVSS_BASE, 3, { "H", "L", "N" } },
	{ "E", 1, TRIAGE__CVSS_TEMPORAL, 5, { "X", "H", "F", "P", "U" } },
	{ "RL", 2, TRIAGE__CVSS_TEMPORAL, 5, { "X", "U", "W", "T", "O" } },
	{ "RC", 2, TRIAGE__CVSS_TEMPORAL, 4, { "X", "C", "R", "U" } },
	{ "CR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "M", "L" } },
	{ "IR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "M", "L" } },
	{ "AR", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "M", "L" } },
	{ "MAV", 3, TRIAGE__CVSS_ENVIRONMENTAL, 5, { "X", "N", "A", "L", "P" } },
	{ "MAC", 3, TRIAGE__CVSS_ENVIRONMENTAL, 3, { "X", "L", "H" } },
	{ "MPR", 3, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "N", "L", "H" } },
	{ "MUI", 3, TRIAGE__CVSS_ENVIRONMENTAL, 3, { "X", "N", "R" } },
	{ "MS", 2, TRIAGE__CVSS_ENVIRONMENTAL, 3, { "X", "U", "C" } },
	{ "MC", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
	{ "MI", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
	{ "MA", 2, TRIAGE__CVSS_ENVIRONMENTAL, 4, { "X", "H", "L", "N" } },
};
_Static_assert(V3__MAX <= PSIRT_CVSS_MAX_METRICS, "struct psirt_cvss holds every metric");

/* v3.x §6: "Programs reading CVSS v3.1 vector strings must accept metrics
 * in any order" (v3.0 §6 says the same). */
const struct triage__cvss_spec triage__cvss30_spec = {
	PSIRT_CVSS_V3_0, "CVSS:3.0/", 9, 0, V3__MAX, metrics,
};
const struct triage__cvss_spec triage__cvss31_spec = {
	PSIRT_CVSS_V3_1, "CVSS:3.1/", 9, 0, V3__MAX, metrics,
};

static const double w_av[] = { 0.85, 0.62, 0.55, 0.2 };
static const double w_ac[] = { 0.77, 0.44 };
static const double w_pr_unchanged[] = { 0.85, 0.62, 0.27 };
static const double w_pr_changed[] = { 0.85, 0.68, 0.5 };
static const double w_ui[] = { 0.85, 0.62 };
static const double w_cia[] = { 0.56, 0.22, 0 };
static const double w_e[] = { 1, 1, 0.97, 0.94, 0.91 };
static const double w_rl[] = { 1, 1, 0.97, 0.96, 0.95 };
static const double w_rc[] = { 1, 1, 0.96, 0.92 };
static const double w_req[] = { 1, 1.5, 1, 0.5 };

/* v3.1 Appendix A: Roundup in integer arithmetic, so that a floating-point
 * result a hair above a tenth (0.1 + 0.2) is not rounded up. Returns tenths.
 * The "round to the nearest integer" step is JavaScript's Math.round, as in
 * FIRST's calculator: for the non-negative values here, floor(y + 0.5). */
static int roundup31(double x)
{
	long long i = (long long)(x * 100000.0 + 0.5);

	if (i % 10000 == 0)
		return (int)(i / 10000);
	return (int)(i / 10000 + 1);
}

/* v3.0 §8 defines Roundup as "the smallest number, specified to one decimal
 * place, that is equal to or higher than its input" and gives no advice on
 * floating point; FIRST's v3.0 calculator computes it as
 * Math.ceil(x * 10) / 10, and so do NVD's and ae-cvss-calculator's v3.0
 * scores. Done the same way here, on the same operations in the same order,
 * so that v3.0 scores match the published ones: 5.0 x 0.92 is
 * 4.6000000000000005 in binary and so rounds up to 4.7 (exact decimal
 * arithmetic, as Red Hat's cvss library uses, gives 4.6; v3.1's Appendix A
 * exists to stop exactly this). Returns tenths. */
static int roundup30(double x)
{
	return (int)ceil(x * 10.0);
}

static int roundup(enum psirt_cvss_version v, double x)
{
	return v == PSIRT_CVSS_V3_0 ? roundup30(x) : roundup31(x);
}

/* x^15 and x^13 by multiplication: the libm call was a fifth of the time
 * to score a vector. The last bit may differ from libm's, as it does between
 * JavaScript engines' Math.pow; Roundup never sees it (the v3.1 Roundup
 * rounds to 1e-5 first, and no Scope-Changed v3.0 score lies within 1e-15 of
 * a tenth). */
static double pow13(double x)
{
	double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;

	return x8 * x4 * x;
}

static double pow15(double x)
{
	double x2 = x * x, x4 = x2 * x2, x8 = x4 * x4;

	return x8 * x4 * x2 * x;
}

static double min10(double x)
{
	return x < 10 ? x : 10;
}

/* Half up to one decimal, as NVD shows sub-scores; negative shown as 0. */
static int round_tenths(double x)
{
	return x <= 0 ? 0 : (int)(x * 10.0 + 0.5 + 1e-9); /* truncation is floor here */
}

/* The index of the value in effect: the modified metric's when defined. */
static unsigned eff(const struct psirt_cvss *c, unsigned base, unsigned modified)
{
	unsigned m = triage__cvss_idx(c, modified);

	return m ? m - 1 : triage__cvss_idx(c, base);
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

void triage__cvss3_score(const struct psirt_cvss *c, struct psirt_cvss_scores *out)
{
	enum psirt_cvss_version v = c->version;
	unsigned scope = triage__cvss_idx(c, S), mscope = eff(c, S, MS);
	double iss, impact, expl, e, rl, rc, miss, mimpact, mexpl, x;
	int base, modified;

	/* §7.1 Base */
	iss = 1 - (1 - w_cia[triage__cvss_idx(c, C)]) * (1 - w_cia[triage__cvss_idx(c, I)]) *
	          (1 - w_cia[triage__cvss_idx(c, A)]);
	if (scope == 0)
		impact = 6.42 * iss;
	else
		impact = 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02);
	expl = 8.22 * w_av[triage__cvss_idx(c, AV)] * w_ac[triage__cvss_idx(c, AC)] *
	       (scope ? w_pr_changed : w_pr_unchanged)[triage__cvss_idx(c, PR)] *
	       w_ui[triage__cvss_idx(c, UI)];
	if (impact <= 0)
		base = 0;
	else if (scope == 0)
		base = roundup(v, min10(impact + expl));
	else
		base = roundup(v, min10(1.08 * (impact + expl)));

	/* §7.2 Temporal, multiplied left to right as FIRST's calculators do:
	 * with v3.0's Roundup the order of the products shows */
	e = w_e[triage__cvss_idx(c, E)];
	rl = w_rl[triage__cvss_idx(c, RL)];
	rc = w_rc[triage__cvss_idx(c, RC)];
	out->temporal = roundup(v, base / 10.0 * e * rl * rc);

	/* §7.3 Environmental */
	miss = 1 - (1 - w_req[triage__cvss_idx(c, CR)] * w_cia[eff(c, C, MC)]) *
	           (1 - w_req[triage__cvss_idx(c, IR)] * w_cia[eff(c, I, MI)]) *
	           (1 - w_req[triage__cvss_idx(c, AR)] * w_cia[eff(c, A, MA)]);
	if (miss > 0.915)
		miss = 0.915;
	if (mscope == 0)
		mimpact = 6.42 * miss;
	else if (v == PSIRT_CVSS_V3_0)
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow15(miss - 0.02);
	else /* v3.1 §7.3: the exponent is 13 and MISS is scaled by 0.9731 */
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow13(miss * 0.9731 - 0.02);
	mexpl = 8.22 * w_av[eff(c, AV, MAV)] * w_ac[eff(c, AC, MAC)] *
	        (mscope ? w_pr_changed : w_pr_unchanged)[eff(c, PR, MPR)] * w_ui[eff(c, UI, MUI)];
	if (mimpact <= 0) {
		out->environmental = 0;
	} else {
		x = mscope == 0 ? min10(mimpact + mexpl) : min10(1.08 * (mimpact + mexpl));
		modified = roundup(v, x);
		out->environmental = roundup(v, modified / 10.0 * e * rl * rc);
	}

	out->base = base;
	out->impact = round_tenths(impact);
	out->exploitability = round_tenths(expl);
	out->modified_impact = round_tenths(mimpact);
	out->has_temporal = any_defined(c, E, RC);
	out->has_environmental = any_defined(c, CR, MA);
	out->overall = out->has_environmental ? out->environmental
	               : out->has_temporal    ? out->temporal
	                                      : base;
}
