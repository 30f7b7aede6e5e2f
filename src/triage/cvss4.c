/* CVSS v4.0 scores by the MacroVector method (specification §8.2, "CVSS v4.0
 * Scoring"), computed as FIRST's calculator does (cvss_score.js), on the
 * tables that scripts/gen-cvss4-tables.py generated from its data.
 *
 * The calculator works in binary floating point on steps of 0.1 and rounds
 * half up after adding 1e-6, so that a result such as 5.6499999999999995
 * rounds as the 5.65 it stands for. Here every quantity is a whole number of
 * steps and the mean distance is kept as an exact fraction, so the rounding
 * is of the exact value and needs no epsilon.
 */
#include <pthread.h>
#include <string.h>

#include "triage/internal.h"

/* Severity levels of the metrics in effect (see internal.h for the steps). */
struct levels {
	int av, pr, ui, ac, at, vc, vi, va, sc, si, sa, cr, ir, ar, e;
};

/* The index of the base value, or of the modified one when environmental
 * metrics count and it is defined (modified lists put X first, then the base
 * metric's values in the same order). */
static int pick(const struct psirt_cvss *c, int env, unsigned base, unsigned modified)
{
	unsigned m = env ? triage__cvss_idx(c, modified) : 0;

	return (int)(m ? m - 1 : triage__cvss_idx(c, base));
}

/* Not Defined requirements count as High and Not Defined E as Attacked:
 * the worst case (§8.2; cvss_score.js m()). */
static int worst_default(const struct psirt_cvss *c, int use, unsigned metric)
{
	unsigned i = use ? triage__cvss_idx(c, metric) : 0;

	return i ? (int)i - 1 : 0;
}

static void get_levels(const struct psirt_cvss *c, int threat, int env, struct levels *l)
{
	unsigned msi = env ? triage__cvss_idx(c, CVSS4_MSI) : 0;
	unsigned msa = env ? triage__cvss_idx(c, CVSS4_MSA) : 0;

	l->av = pick(c, env, CVSS4_AV, CVSS4_MAV);
	l->ac = pick(c, env, CVSS4_AC, CVSS4_MAC);
	l->at = pick(c, env, CVSS4_AT, CVSS4_MAT);
	l->pr = pick(c, env, CVSS4_PR, CVSS4_MPR);
	l->ui = pick(c, env, CVSS4_UI, CVSS4_MUI);
	l->vc = pick(c, env, CVSS4_VC, CVSS4_MVC);
	l->vi = pick(c, env, CVSS4_VI, CVSS4_MVI);
	l->va = pick(c, env, CVSS4_VA, CVSS4_MVA);
	l->sc = pick(c, env, CVSS4_SC, CVSS4_MSC) + 1;
	/* MSI and MSA add Safety (S) before High: their index is the level. */
	l->si = msi ? (int)msi - 1 : (int)triage__cvss_idx(c, CVSS4_SI) + 1;
	l->sa = msa ? (int)msa - 1 : (int)triage__cvss_idx(c, CVSS4_SA) + 1;
	l->e = worst_default(c, threat, CVSS4_E);
	l->cr = worst_default(c, env, CVSS4_CR);
	l->ir = worst_default(c, env, CVSS4_IR);
	l->ar = worst_default(c, env, CVSS4_AR);
}

static int lookup(const int eq[6])
{
	if (eq[0] > 2 || eq[1] > 1 || eq[2] > 2 || eq[3] > 2 || eq[4] > 2 || eq[5] > 1)
		return -1;
	return triage__cvss4_lookup[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]];
}

/* Score of the MacroVector one step less severe in EQ i, -1 if none. */
static int lower(const int eq[6], int i)
{
	int n[6];

	memcpy(n, eq, sizeof n);
	n[i]++;
	return lookup(n);
}

/* eq3 and eq6 are scored together (§8.2): 00 -> 01 or 10, 01 -> 11,
 * 10 -> 11, 11 -> 21, 21 -> none. */
static int lower_eq36(const int eq[6])
{
	int n[6], left, right;

	memcpy(n, eq, sizeof n);
	if (eq[2] == 0 && eq[5] == 0) {
		n[5] = 1;
		left = lookup(n);
		n[5] = 0;
		n[2] = 1;
		right = lookup(n);
		/* the calculator keeps the left one only when it is higher */
		return left >= 0 && right >= 0 && left > right ? left : right;
	}
	if (eq[2] == 1 && eq[5] == 0)
		n[5] = 1;
	else if (eq[2] == 2 && eq[5] == 1)
		return -1;
	else
		n[2]++;
	return lookup(n);
}

/* Least common multiple of the EQ depths (1, 2, 4, 5, 6, 7, 8, 10): with it
 * every proportional distance is a whole number. */
#define DEPTH_LCM 840

/* What scoring needs of each MacroVector, worked out once from the
 * generated tables: its score, the scores one step lower in EQ1, EQ2,
 * EQ3+EQ6, EQ4 and EQ5 (-1: none), and DEPTH_LCM / the depth of its EQ1,
 * EQ2, EQ3+EQ6 and EQ4 levels (0: no such level): five table look-ups
 * and four divisions fewer per score. */
struct macro {
	signed char value, lower[5];
	unsigned short per_step[4];
};

static struct macro macros[3][2][3][3][3][2];
static pthread_once_t macros_once = PTHREAD_ONCE_INIT;

static unsigned short per_step(unsigned depth)
{
	return depth ? (unsigned short)(DEPTH_LCM / depth) : 0;
}

static void build_macros(void)
{
	struct macro *m;
	int eq[6];

	for (eq[0] = 0; eq[0] < 3; eq[0]++)
	for (eq[1] = 0; eq[1] < 2; eq[1]++)
	for (eq[2] = 0; eq[2] < 3; eq[2]++)
	for (eq[3] = 0; eq[3] < 3; eq[3]++)
	for (eq[4] = 0; eq[4] < 3; eq[4]++)
	for (eq[5] = 0; eq[5] < 2; eq[5]++) {
		m = &macros[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]];
		m->value = (signed char)lookup(eq);
		m->lower[0] = (signed char)lower(eq, 0);
		m->lower[1] = (signed char)lower(eq, 1);
		m->lower[2] = (signed char)lower_eq36(eq);
		m->lower[3] = (signed char)lower(eq, 3);
		m->lower[4] = (signed char)lower(eq, 4);
		m->per_step[0] = per_step(triage__cvss4_depth_eq1[eq[0]]);
		m->per_step[1] = per_step(triage__cvss4_depth_eq2[eq[1]]);
		m->per_step[2] = per_step(triage__cvss4_depth_eq36[eq[2]][eq[5]]);
		m->per_step[3] = per_step(triage__cvss4_depth_eq4[eq[3]]);
	}
}

/* Severity distance of the vector from a highest-severity vector of its
 * MacroVector, per EQ. The calculator takes the first combination of
 * highest vectors (EQ1 outermost) from which no metric is more severe; as
 * each metric belongs to one EQ that is the first fitting vector of each
 * EQ, and when some EQ has none it ends on the last combination. */
static void distances(const struct levels *l, const int eq[6], int dist[4])
{
	const struct triage__cvss4_max_eq1 *m1 = &triage__cvss4_max_eq1[eq[0]];
	const struct triage__cvss4_max_eq2 *m2 = &triage__cvss4_max_eq2[eq[1]];
	const struct triage__cvss4_max_eq36 *m36 = &triage__cvss4_max_eq36[eq[2]][eq[5]];
	const struct triage__cvss4_max_eq4 *m4 = &triage__cvss4_max_eq4[eq[3]];
	int d1[4][3], d2[4][2], d36[6][6], d4[4][3];
	int f1 = -1, f2 = -1, f36 = -1, f4 = -1;
	int i;

	for (i = 0; i < m1->n; i++) {
		d1[i][0] = l->av - m1->v[i][0];
		d1[i][1] = l->pr - m1->v[i][1];
		d1[i][2] = l->ui - m1->v[i][2];
		if (f1 < 0 && (d1[i][0] | d1[i][1] | d1[i][2]) >= 0)
			f1 = i;
	}
	for (i = 0; i < m2->n; i++) {
		d2[i][0] = l->ac - m2->v[i][0];
		d2[i][1] = l->at - m2->v[i][1];
		if (f2 < 0 && (d2[i][0] | d2[i][1]) >= 0)
			f2 = i;
	}
	for (i = 0; i < m36->n; i++) {
		d36[i][0] = l->vc - m36->v[i][0];
		d36[i][1] = l->vi - m36->v[i][1];
		d36[i][2] = l->va - m36->v[i][2];
		d36[i][3] = l->cr - m36->v[i][3];
		d36[i][4] = l->ir - m36->v[i][4];
		d36[i][5] = l->ar - m36->v[i][5];
		if (f36 < 0 && (d36[i][0] | d36[i][1] | d36[i][2] | d36[i][3] | d36[i][4] |
		                 d36[i][5]) >= 0)
			f36 = i;
	}
	for (i = 0; i < m4->n; i++) {
		d4[i][0] = l->sc - m4->v[i][0];
		d4[i][1] = l->si - m4->v[i][1];
		d4[i][2] = l->sa - m4->v[i][2];
		if (f4 < 0 && (d4[i][0] | d4[i][1] | d4[i][2]) >= 0)
			f4 = i;
	}
	if (f1 < 0 || f2 < 0 || f36 < 0 || f4 < 0) {
		f1 = m1->n - 1;
		f2 = m2->n - 1;
		f36 = m36->n - 1;
		f4 = m4->n - 1;
	}
	dist[0] = d1[f1][0] + d1[f1][1] + d1[f1][2];
	dist[1] = d2[f2][0] + d2[f2][1];
	dist[2] = d36[f36][0] + d36[f36][1] + d36[f36][2] + d36[f36][3] + d36[f36][4] +
	          d36[f36][5];
	dist[3] = d4[f4][0] + d4[f4][1] + d4[f4][2];
}


/* Score in tenths of the vector in effect; fills the MacroVector digits. */
static int score_levels(const struct levels *l, char mv[7])
{
	const struct macro *m;
	int eq[6], dist[4], value, i, n = 0;
	long long num, den, sum = 0;

	/* §8.2 Table 24: the equivalence sets */
	if (l->av == 0 && l->pr == 0 && l->ui == 0)
		eq[0] = 0;
	else if ((l->av == 0 || l->pr == 0 || l->ui == 0) && l->av != 3)
		eq[0] = 1;
	else
		eq[0] = 2;
	eq[1] = l->ac == 0 && l->at == 0 ? 0 : 1;
	if (l->vc == 0 && l->vi == 0)
		eq[2] = 0;
	else if (l->vc == 0 || l->vi == 0 || l->va == 0)
		eq[2] = 1;
	else
		eq[2] = 2;
	if (l->si == 0 || l->sa == 0)
		eq[3] = 0;
	else if (l->sc == 1 || l->si == 1 || l->sa == 1)
		eq[3] = 1;
	else
		eq[3] = 2;
	eq[4] = l->e;
	eq[5] = (l->cr == 0 && l->vc == 0) || (l->ir == 0 && l->vi == 0) ||
	        (l->ar == 0 && l->va == 0) ? 0 : 1;
	for (i = 0; i < 6; i++)
		mv[i] = (char)('0' + eq[i]);
	mv[6] = '\0';

	/* No impact on either system: 0 whatever else (cvss_score.js). */
	if (l->vc == 2 && l->vi == 2 && l->va == 2 && l->sc == 3 && l->si == 3 && l->sa == 3)
		return 0;

	m = &macros[eq[0]][eq[1]][eq[2]][eq[3]][eq[4]][eq[5]];
	value = m->value;
	if (value < 0)
		return 0; /* cannot happen: eq3 2 with eq6 0 needs a High and none */
	distances(l, eq, dist);

	/* mean over the EQs that have a lower MacroVector of
	 * (score - lower score) * distance / depth; EQ5 counts with 0 */
	for (i = 0; i < 4; i++) {
		if (m->lower[i] < 0 || m->per_step[i] == 0)
			continue;
		n++;
		sum += (long long)(value - m->lower[i]) * dist[i] * m->per_step[i];
	}
	if (m->lower[4] >= 0)
		n++;
	if (n == 0)
		return value;
	den = (long long)DEPTH_LCM * n;
	num = (long long)value * den - sum;
	if (num <= 0)
		return 0;
	if (num >= 100 * den)
		return 100;
	return (int)((2 * num + den) / (2 * den)); /* half up */
}

void triage__cvss4_score(const struct psirt_cvss *c, struct psirt_cvss_scores *out)
{
	struct levels l;
	char mv[7];
	unsigned i;
	int threat = c->value[CVSS4_E] > 1, env = 0;

	for (i = CVSS4_CR; i <= CVSS4_MSA; i++)
		env |= c->value[i] > 1;

	pthread_once(&macros_once, build_macros);
	get_levels(c, 0, 0, &l);
	out->base = score_levels(&l, out->macro_vector);
	out->temporal = out->base;
	if (threat) {
		get_levels(c, 1, 0, &l);
		out->temporal = score_levels(&l, out->macro_vector);
	}
	out->environmental = out->temporal;
	if (env) {
		get_levels(c, 1, 1, &l);
		out->environmental = score_levels(&l, mv);
		memcpy(out->macro_vector, mv, sizeof mv);
	}
	out->overall = out->environmental;
	out->impact = out->exploitability = out->modified_impact = -1;
	out->has_temporal = threat;
	out->has_environmental = env;
	out->nomenclature = threat ? (env ? PSIRT_CVSS_BTE : PSIRT_CVSS_BT)
	                           : (env ? PSIRT_CVSS_BE : PSIRT_CVSS_B);
}
