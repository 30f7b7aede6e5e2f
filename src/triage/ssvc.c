/* SSVC: look-ups, inputs with origins, derivations and evaluation over the
 * generated tables (src/triage/ssvc_tables.c). See include/psirt/ssvc.h. */
#include <stdio.h>
#include <string.h>

#include "psirt/ssvc.h"
#include "triage/ssvc_tables.h"

/* The public enums name value indexes of the data: keep them in step. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(PSIRT_SSVC_DEFER, SSVC_DSOI_DEFER) &&
                   SAME(PSIRT_SSVC_SCHEDULED, SSVC_DSOI_SCHEDULED) &&
                   SAME(PSIRT_SSVC_OUT_OF_CYCLE, SSVC_DSOI_OUT_OF_CYCLE) &&
                   SAME(PSIRT_SSVC_IMMEDIATE, SSVC_DSOI_IMMEDIATE),
               "DSOI order");
_Static_assert(SAME(PSIRT_SSVC_EXPLOIT_NONE, SSVC_E_NONE) &&
                   SAME(PSIRT_SSVC_EXPLOIT_POC, SSVC_E_PUBLIC_POC) &&
                   SAME(PSIRT_SSVC_EXPLOIT_ACTIVE, SSVC_E_ACTIVE),
               "Exploitation order");
_Static_assert(SAME(PSIRT_SAFETY_NEGLIGIBLE, SSVC_SI_NEGLIGIBLE) &&
                   SAME(PSIRT_SAFETY_MARGINAL, SSVC_SI_MARGINAL) &&
                   SAME(PSIRT_SAFETY_CRITICAL, SSVC_SI_CRITICAL) &&
                   SAME(PSIRT_SAFETY_CATASTROPHIC, SSVC_SI_CATASTROPHIC),
               "the safety class is SSVC's Safety Impact scale");

/* Longest POINT=VALUE argument: the longest id or name is under 60 bytes. */
#define SET_TEXT_MAX 256

const struct psirt_ssvc_point *psirt_ssvc_point_at(size_t i)
{
	return i < SSVC_P__MAX ? &triage__ssvc_points[i] : NULL;
}

const struct psirt_ssvc_table *psirt_ssvc_table_at(size_t i)
{
	return i < SSVC_T__MAX ? &triage__ssvc_tables[i] : NULL;
}

const struct psirt_ssvc_tree *psirt_ssvc_tree_at(size_t i)
{
	return i < SSVC_TREE__MAX ? &triage__ssvc_trees[i] : NULL;
}

static int fold(int c)
{
	c = psirt_tolower(c);
	return c == '_' || c == '-' ? ' ' : c;
}

/* Name equality: ASCII case ignored, ' ', '_' and '-' alike. */
static int name_eq(struct psirt_str s, const char *name)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		if (!name[i] || fold((unsigned char)s.p[i]) != fold((unsigned char)name[i]))
			return 0;
	}
	return name[i] == '\0';
}

const struct psirt_ssvc_tree *psirt_ssvc_tree_find(struct psirt_str name)
{
	size_t i;

	for (i = 0; i < SSVC_TREE__MAX; i++) {
		if (name_eq(name, triage__ssvc_trees[i].name))
			return &triage__ssvc_trees[i];
	}
	return NULL;
}

const struct psirt_ssvc_table *psirt_ssvc_table_find(struct psirt_str id)
{
	size_t i;

	for (i = 0; i < SSVC_T__MAX; i++) {
		const struct psirt_ssvc_table *t = &triage__ssvc_tables[i];

		if (psirt_str_eq(id, t->id) || psirt_str_eq(id, t->key))
			return t;
	}
	return NULL;
}

const struct psirt_ssvc_point *psirt_ssvc_point_find(struct psirt_str s)
{
	size_t i;

	for (i = 0; i < SSVC_P__MAX; i++) {
		const struct psirt_ssvc_point *p = &triage__ssvc_points[i];

		if (psirt_str_eq(s, p->key) || psirt_str_eq(s, p->id))
			return p;
	}
	for (i = 0; i < SSVC_P__MAX; i++) {
		if (name_eq(s, triage__ssvc_points[i].name))
			return &triage__ssvc_points[i];
	}
	return NULL;
}

int psirt_ssvc_value_find(const struct psirt_ssvc_point *p, struct psirt_str s)
{
	unsigned i;

	for (i = 0; i < p->nvalues; i++) {
		if (psirt_str_eq(s, p->values[i].key))
			return (int)i;
	}
	for (i = 0; i < p->nvalues; i++) {
		if (name_eq(s, p->values[i].name))
			return (int)i;
	}
	for (i = 0; i < p->nvalues; i++) {
		if (psirt_str_ieq(s, p->values[i].key))
			return (int)i;
	}
	return -1;
}

enum psirt_err psirt_ssvc_table_eval(const struct psirt_ssvc_table *t, const unsigned char *values,
                                     unsigned *outcome)
{
	unsigned i, idx = 0;

	/* Mixed radix, first input most significant: the published row order,
	 * which the generator laid the lookup out in. */
	for (i = 0; i < t->ninputs; i++) {
		if (values[i] >= t->inputs[i]->nvalues)
			return PSIRT_EINVAL;
		idx = idx * t->inputs[i]->nvalues + values[i];
	}
	*outcome = t->lookup[idx];
	return PSIRT_OK;
}

/* ---- product attribute names */

const char *const psirt_ssvc_weight_names[PSIRT_SSVC_WEIGHT__MAX] = {
    [PSIRT_SSVC_WEIGHT_LOW] = "low",
    [PSIRT_SSVC_WEIGHT_MEDIUM] = "medium",
    [PSIRT_SSVC_WEIGHT_HIGH] = "high",
    [PSIRT_SSVC_WEIGHT_CRITICAL] = "critical",
};

const char *psirt_ssvc_weight_name(enum psirt_ssvc_weight w)
{
	return (unsigned)w < PSIRT_SSVC_WEIGHT__MAX ? psirt_ssvc_weight_names[w] : "?";
}

static int parse_name(struct psirt_str s, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (name_eq(s, names[i]))
			return i;
	}
	return -1;
}

int psirt_ssvc_weight_parse(struct psirt_str s)
{
	return parse_name(s, psirt_ssvc_weight_names, PSIRT_SSVC_WEIGHT__MAX);
}

/* ---- inputs */

void psirt_ssvc_inputs_init(struct psirt_ssvc_inputs *in)
{
	size_t i;

	for (i = 0; i < PSIRT_SSVC_MAX_POINTS; i++) {
		in->in[i].value = -1;
		in->in[i].origin = PSIRT_SSVC_UNSET;
		in->in[i].source = NULL;
	}
	/* Sources are short lines; most inputs hold a handful. */
	psirt_arena_init(&in->arena, 2048);
}

void psirt_ssvc_inputs_release(struct psirt_ssvc_inputs *in)
{
	psirt_arena_release(&in->arena);
	psirt_ssvc_inputs_init(in);
}

static int origin_rank(unsigned origin)
{
	switch (origin) {
	case PSIRT_SSVC_DERIVED:
		return 1;
	case PSIRT_SSVC_GIVEN:
		return 2;
	case PSIRT_SSVC_OVERRIDDEN:
		return 3;
	default:
		return 0;
	}
}

enum psirt_err psirt_ssvc_set(struct psirt_ssvc_inputs *in, const struct psirt_ssvc_point *p,
                              unsigned v, enum psirt_ssvc_origin origin, const char *source,
                              struct psirt_diag *diag)
{
	struct psirt_ssvc_input *slot;
	const char *copy = NULL;
	size_t len;

	if (!p || p->index >= SSVC_P__MAX || &triage__ssvc_points[p->index] != p)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "not a decision point of psirt's SSVC data");
	if (v >= p->nvalues)
		return psirt_diag_set(diag, PSIRT_EINVAL, "value %u out of range for %s (%s)", v,
		                      p->name, p->key);
	if (origin != PSIRT_SSVC_DERIVED && origin != PSIRT_SSVC_GIVEN &&
	    origin != PSIRT_SSVC_OVERRIDDEN)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "an input is given, derived or overridden");
	if (origin == PSIRT_SSVC_OVERRIDDEN && (!source || !*source))
		return psirt_diag_set(diag, PSIRT_EINVAL, "an override of %s (%s) needs a reason",
		                      p->name, p->key);
	slot = &in->in[p->index];
	if (origin_rank(origin) < origin_rank(slot->origin))
		return PSIRT_OK;
	if (source) {
		len = strlen(source);
		if (len > PSIRT_SSVC_SOURCE_MAX)
			return psirt_diag_set(diag, PSIRT_ETOOBIG,
			                      "the origin of %s (%s) is longer than %d bytes",
			                      p->name, p->key, PSIRT_SSVC_SOURCE_MAX);
		copy = psirt_arena_strndup(&in->arena, source, len);
		if (!copy)
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	slot->value = (signed char)v;
	slot->origin = (unsigned char)origin;
	slot->source = copy;
	return PSIRT_OK;
}

/* "N (None), P (Public PoC) or A (Active)" */
static void add_expected(struct psirt_buf *b, const struct psirt_ssvc_point *p)
{
	unsigned i;

	for (i = 0; i < p->nvalues; i++) {
		if (i)
			psirt_buf_adds(b, i + 1 == p->nvalues ? " or " : ", ");
		psirt_buf_addf(b, "%s (%s)", p->values[i].key, p->values[i].name);
	}
}

enum psirt_err psirt_ssvc_set_text(struct psirt_ssvc_inputs *in, struct psirt_str arg,
                                   struct psirt_diag *diag)
{
	const struct psirt_ssvc_point *p;
	struct psirt_str name, value;
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *eq;
	enum psirt_err err;
	int v;

	if (arg.len > SET_TEXT_MAX)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "longer than %d bytes", SET_TEXT_MAX);
	eq = arg.len ? memchr(arg.p, '=', arg.len) : NULL;
	if (!eq || eq == arg.p) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "expected POINT=VALUE");
		psirt_diag_set_column(diag, 1);
		return err;
	}
	name = psirt_str_make(arg.p, (size_t)(eq - arg.p));
	value = psirt_str_make(eq + 1, arg.len - name.len - 1);
	p = psirt_ssvc_point_find(name);
	if (!p) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "unknown decision point '%.*s'",
		                     (int)name.len, name.p);
		psirt_diag_set_column(diag, 1);
		return err;
	}
	v = psirt_ssvc_value_find(p, value);
	if (v < 0) {
		add_expected(&b, p);
		err = psirt_diag_set(diag, PSIRT_EINVAL,
		                     "unknown value '%.*s' for %s (%s): expected %s",
		                     (int)value.len, value.p, p->name, p->key,
		                     psirt_buf_error(&b) ? "a value of the point" : b.p);
		psirt_diag_set_column(diag, (long)name.len + 2);
		psirt_buf_release(&b);
		return err;
	}
	return psirt_ssvc_set(in, p, (unsigned)v, PSIRT_SSVC_GIVEN, NULL, diag);
}

/* ---- derivations */

static enum psirt_err derive(struct psirt_ssvc_inputs *in, unsigned point, unsigned v,
                             const char *source, struct psirt_diag *diag)
{
	return psirt_ssvc_set(in, &triage__ssvc_points[point], v, PSIRT_SSVC_DERIVED, source, diag);
}

/* Sets point from a source built in b; b is released. */
static enum psirt_err derive_buf(struct psirt_ssvc_inputs *in, unsigned point, unsigned v,
                                 struct psirt_buf *b, struct psirt_diag *diag)
{
	enum psirt_err err;

	if (psirt_buf_error(b))
		err = psirt_diag_set(diag, psirt_buf_error(b), "cannot describe the evidence");
	else
		err = derive(in, point, v, b->p, diag);
	psirt_buf_release(b);
	return err;
}

/* The value an impact or exploitability metric takes for this product: its
 * Modified metric (v3.x M*, v4.0 M*) when the vector sets one, else the
 * base value. v2 has no modified metrics. */
static const char *effective(const struct psirt_cvss *c, const char *metric)
{
	char mod[8];
	const char *v;

	if (c->version != PSIRT_CVSS_V2_0 && strlen(metric) < sizeof mod - 1) {
		mod[0] = 'M';
		memcpy(mod + 1, metric, strlen(metric) + 1);
		v = psirt_cvss_get(c, mod);
		if (v && strcmp(v, "X"))
			return v;
	}
	v = psirt_cvss_get(c, metric);
	return v ? v : "";
}

static void cvss_prefix(struct psirt_buf *b, const struct psirt_cvss *c)
{
	psirt_buf_addf(b, "CVSS %s ", psirt_cvss_version_name(c->version));
}

enum psirt_err psirt_ssvc_derive_exploitation(struct psirt_ssvc_inputs *in,
                                              const struct psirt_ssvc_exploit_evidence *ev,
                                              struct psirt_diag *diag)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	double threshold;
	const char *e = NULL;
	unsigned v = SSVC_E_NONE;

	if (!ev)
		return psirt_diag_set(diag, PSIRT_EINVAL, "no exploitation evidence given");
	threshold = ev->epss_threshold > 0 ? ev->epss_threshold : PSIRT_SSVC_EPSS_THRESHOLD;
	if (ev->cvss)
		e = psirt_cvss_get(ev->cvss, "E");
	if (ev->kev) {
		v = SSVC_E_ACTIVE;
		psirt_buf_adds(&b, "KEV-listed");
		if (ev->kev_date && *ev->kev_date)
			psirt_buf_addf(&b, " since %s", ev->kev_date);
	} else if (ev->intel && *ev->intel) {
		v = SSVC_E_ACTIVE;
		psirt_buf_addf(&b, "exploited in the wild per %s", ev->intel);
	} else if (e && ev->cvss->version == PSIRT_CVSS_V4_0 && !strcmp(e, "A")) {
		/* v4.0 §4.1: Attacked = attacks have been reported */
		v = SSVC_E_ACTIVE;
		psirt_buf_adds(&b, "CVSS 4.0 E:A");
	} else if (ev->exploit_ref && *ev->exploit_ref) {
		v = SSVC_E_PUBLIC_POC;
		psirt_buf_addf(&b, "Exploit-tagged reference %s", ev->exploit_ref);
	} else if (e &&
	           (!strcmp(e, "P") || !strcmp(e, "F") || !strcmp(e, "H") || !strcmp(e, "POC"))) {
		/* v3.1 §3.1 / v2 §2.2.1: proof-of-concept, functional or high
		 * (autonomous) exploit code exists; v4.0 E:P likewise */
		v = SSVC_E_PUBLIC_POC;
		cvss_prefix(&b, ev->cvss);
		psirt_buf_addf(&b, "E:%s", e);
	} else if (ev->epss >= 0 && ev->epss >= threshold) {
		v = SSVC_E_PUBLIC_POC;
		psirt_buf_addf(&b, "EPSS %.3g >= %.3g", ev->epss, threshold);
	} else {
		psirt_buf_adds(&b, "not in KEV, no intel, no Exploit reference");
		if (ev->epss >= 0)
			psirt_buf_addf(&b, ", EPSS %.3g < %.3g", ev->epss, threshold);
	}
	return derive_buf(in, SSVC_P_E, v, &b, diag);
}

enum psirt_err psirt_ssvc_derive_automatable(struct psirt_ssvc_inputs *in,
                                             const struct psirt_cvss *c, struct psirt_diag *diag)
{
	/* Per version: the metrics and the value each must have for Yes. */
	static const char *const v2[][2] = {{"AV", "N"}, {"AC", "L"}, {"Au", "N"}};
	static const char *const v3[][2] = {{"AV", "N"}, {"AC", "L"}, {"PR", "N"}, {"UI", "N"}};
	static const char *const v4[][2] = {
	    {"AV", "N"}, {"AC", "L"}, {"AT", "N"}, {"PR", "N"}, {"UI", "N"},
	};
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *const(*need)[2];
	size_t n, i, fails = 0;
	const char *au;

	if (!c)
		return psirt_diag_set(diag, PSIRT_EINVAL, "no CVSS vector given");
	cvss_prefix(&b, c);
	if (c->version == PSIRT_CVSS_V4_0) {
		/* v4.0 §5 Automatable is SSVC's decision point, stated by the scorer */
		au = psirt_cvss_get(c, "AU");
		if (au && strcmp(au, "X")) {
			psirt_buf_addf(&b, "AU:%s", au);
			return derive_buf(in, SSVC_P_A, !strcmp(au, "Y") ? SSVC_A_YES : SSVC_A_NO,
			                  &b, diag);
		}
		need = v4;
		n = sizeof v4 / sizeof v4[0];
	} else if (c->version == PSIRT_CVSS_V2_0) {
		need = v2;
		n = sizeof v2 / sizeof v2[0];
	} else {
		need = v3;
		n = sizeof v3 / sizeof v3[0];
	}
	/* The source names every metric that rules automation out, or all of
	 * them when none does. */
	for (i = 0; i < n; i++) {
		const char *v = effective(c, need[i][0]);

		if (strcmp(v, need[i][1])) {
			psirt_buf_addf(&b, "%s%s:%s", fails ? "/" : "", need[i][0], v);
			fails++;
		}
	}
	if (!fails) {
		for (i = 0; i < n; i++)
			psirt_buf_addf(&b, "%s%s:%s", i ? "/" : "", need[i][0], need[i][1]);
	}
	return derive_buf(in, SSVC_P_A, fails ? SSVC_A_NO : SSVC_A_YES, &b, diag);
}

enum psirt_err psirt_ssvc_derive_technical_impact(struct psirt_ssvc_inputs *in,
                                                  const struct psirt_cvss *c,
                                                  struct psirt_diag *diag)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	const char *conf, *integ, *high;
	const char *cm = "C", *im = "I";
	int total, changed = 0;

	if (!c)
		return psirt_diag_set(diag, PSIRT_EINVAL, "no CVSS vector given");
	if (c->version == PSIRT_CVSS_V4_0) {
		/* v4.0 splits the vulnerable system (VC/VI) from subsequent ones */
		cm = "VC";
		im = "VI";
	}
	high = c->version == PSIRT_CVSS_V2_0 ? "C" : "H"; /* v2: Complete */
	conf = effective(c, cm);
	integ = effective(c, im);
	total = !strcmp(conf, high) && !strcmp(integ, high);
	if (c->version == PSIRT_CVSS_V3_0 || c->version == PSIRT_CVSS_V3_1)
		changed = !strcmp(effective(c, "S"), "C");
	cvss_prefix(&b, c);
	if (changed)
		psirt_buf_adds(&b, "S:C/");
	psirt_buf_addf(&b, "%s:%s/%s:%s", cm, conf, im, integ);
	if (changed)
		psirt_buf_adds(&b, " (scope changed: the impact may lie outside the vulnerable "
		                   "component)");
	return derive_buf(in, SSVC_P_TI, total ? SSVC_TI_TOTAL : SSVC_TI_PARTIAL, &b, diag);
}

enum psirt_err psirt_ssvc_derive_safety(struct psirt_ssvc_inputs *in, enum psirt_safety_class c,
                                        struct psirt_diag *diag)
{
	static const unsigned char pwi[PSIRT_SAFETY__MAX] = {
	    SSVC_PWI_MINIMAL,
	    SSVC_PWI_MATERIAL,
	    SSVC_PWI_MATERIAL,
	    SSVC_PWI_IRREVERSIBLE,
	};
	char source[64];
	enum psirt_err err;

	if ((unsigned)c >= PSIRT_SAFETY__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown safety class %d", (int)c);
	snprintf(source, sizeof source, "product safety class %s", psirt_safety_class_names[c]);
	err = derive(in, SSVC_P_SI, (unsigned)c, source, diag);
	if (err == PSIRT_OK)
		err = derive(in, SSVC_P_PWI, pwi[c], source, diag);
	return err;
}

enum psirt_err psirt_ssvc_derive_exposure(struct psirt_ssvc_inputs *in, enum psirt_exposure e,
                                          struct psirt_diag *diag)
{
	static const unsigned char exp[PSIRT_EXPOSURE__MAX] = {
	    SSVC_EXP_SMALL,
	    SSVC_EXP_CONTROLLED,
	    SSVC_EXP_CONTROLLED,
	    SSVC_EXP_OPEN,
	};
	char source[64];

	if ((unsigned)e >= PSIRT_EXPOSURE__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown exposure %d", (int)e);
	snprintf(source, sizeof source, "product exposure %s", psirt_exposure_names[e]);
	return derive(in, SSVC_P_EXP, exp[e], source, diag);
}

enum psirt_err psirt_ssvc_derive_weight(struct psirt_ssvc_inputs *in, enum psirt_ssvc_weight w,
                                        struct psirt_diag *diag)
{
	static const unsigned char vd[PSIRT_SSVC_WEIGHT__MAX] = {
	    SSVC_VD_DIFFUSE,
	    SSVC_VD_DIFFUSE,
	    SSVC_VD_CONCENTRATED,
	    SSVC_VD_CONCENTRATED,
	};
	static const unsigned char mi[PSIRT_SSVC_WEIGHT__MAX] = {
	    SSVC_MI_DEGRADED,
	    SSVC_MI_MEF_SUPPORT_CRIPPLED,
	    SSVC_MI_MEF_FAILURE,
	    SSVC_MI_MISSION_FAILURE,
	};
	static const unsigned char mp[PSIRT_SSVC_WEIGHT__MAX] = {
	    SSVC_MP_MINIMAL,
	    SSVC_MP_SUPPORT,
	    SSVC_MP_ESSENTIAL,
	    SSVC_MP_ESSENTIAL,
	};
	char source[64];
	enum psirt_err err;

	if ((unsigned)w >= PSIRT_SSVC_WEIGHT__MAX)
		return psirt_diag_set(diag, PSIRT_EINVAL, "unknown business weight %d", (int)w);
	snprintf(source, sizeof source, "product business weight %s", psirt_ssvc_weight_names[w]);
	err = derive(in, SSVC_P_VD, vd[w], source, diag);
	if (err == PSIRT_OK)
		err = derive(in, SSVC_P_MI, mi[w], source, diag);
	if (err == PSIRT_OK)
		err = derive(in, SSVC_P_MP, mp[w], source, diag);
	return err;
}

/* ---- evaluation */

/* Does any input of t (recursively through sub-tables) have a value? */
static int any_given(const struct psirt_ssvc_table *t, const struct psirt_ssvc_inputs *in)
{
	unsigned i;

	for (i = 0; i < t->ninputs; i++) {
		if (in->in[t->inputs[i]->index].value >= 0)
			return 1;
		if (t->sub[i] && any_given(t->sub[i], in))
			return 1;
	}
	return 0;
}

/* Evaluates t at depth, appending the path to out; for_point is the point t
 * computes for its caller (NULL for the tree's table), named in errors. The
 * generator bounds the path by PSIRT_SSVC_MAX_STEPS and refuses cycles. */
static enum psirt_err eval_table(const struct psirt_ssvc_table *t,
                                 const struct psirt_ssvc_point *for_point,
                                 const struct psirt_ssvc_inputs *in, unsigned depth,
                                 struct psirt_ssvc_result *out, unsigned *outcome,
                                 struct psirt_diag *diag)
{
	unsigned char values[PSIRT_SSVC_MAX_POINTS];
	struct psirt_buf b = PSIRT_BUF_INIT;
	enum psirt_err err;
	unsigned i, j, slot, v;

	for (i = 0; i < t->ninputs; i++) {
		const struct psirt_ssvc_point *p = t->inputs[i];
		const struct psirt_ssvc_input *x = &in->in[p->index];
		struct psirt_ssvc_step *st;

		if (out->nsteps >= PSIRT_SSVC_MAX_STEPS)
			return psirt_diag_set(diag, PSIRT_EINTERNAL, "decision path too long");
		slot = out->nsteps++;
		st = &out->steps[slot];
		st->point = p;
		st->depth = (unsigned char)depth;
		if (x->value >= 0) {
			st->value = (unsigned char)x->value;
			st->origin = x->origin;
			st->source = x->source;
			st->table = NULL;
			out->used |= (uint32_t)1 << p->index;
			values[i] = (unsigned char)x->value;
			continue;
		}
		if (!t->sub[i]) {
			if (for_point)
				return psirt_diag_set(
				    diag, PSIRT_EINVAL, "no value for %s (%s), needed for %s (%s)",
				    p->name, p->key, for_point->name, for_point->key);
			return psirt_diag_set(diag, PSIRT_EINVAL, "no value for %s (%s)", p->name,
			                      p->key);
		}
		if (!any_given(t->sub[i], in)) {
			const struct psirt_ssvc_table *s = t->sub[i];

			for (j = 0; j < s->ninputs; j++)
				psirt_buf_addf(&b, "%s%s (%s)",
				               j == 0                ? ""
				               : j + 1 == s->ninputs ? " and "
				                                     : ", ",
				               s->inputs[j]->name, s->inputs[j]->key);
			err = psirt_diag_set(
			    diag, PSIRT_EINVAL, "no value for %s (%s), nor for %s that decide%s it",
			    p->name, p->key, psirt_buf_error(&b) ? "the points" : b.p,
			    s->ninputs == 1 ? "s" : "");
			psirt_buf_release(&b);
			return err;
		}
		err = eval_table(t->sub[i], p, in, depth + 1, out, &v, diag);
		if (err != PSIRT_OK)
			return err;
		st = &out->steps[slot];
		st->value = (unsigned char)v;
		st->origin = PSIRT_SSVC_COMPUTED;
		st->source = t->sub[i]->id;
		st->table = t->sub[i];
		values[i] = (unsigned char)v;
	}
	if (psirt_ssvc_table_eval(t, values, outcome) != PSIRT_OK)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "value out of range in %s", t->id);
	return PSIRT_OK;
}

enum psirt_err psirt_ssvc_eval(const struct psirt_ssvc_tree *tree,
                               const struct psirt_ssvc_inputs *in, struct psirt_ssvc_result *out,
                               struct psirt_diag *diag)
{
	unsigned outcome;
	enum psirt_err err;

	memset(out, 0, sizeof *out);
	out->tree = tree;
	err = eval_table(tree->table, NULL, in, 0, out, &outcome, diag);
	if (err != PSIRT_OK)
		return err;
	out->outcome = (unsigned char)outcome;
	return PSIRT_OK;
}

const struct psirt_ssvc_value *psirt_ssvc_outcome(const struct psirt_ssvc_result *r)
{
	return &r->tree->table->outcome->values[r->outcome];
}

void psirt_ssvc_explain(const struct psirt_ssvc_result *r, struct psirt_buf *out)
{
	unsigned i, depth = 0;

	psirt_buf_addf(out, "%s: %s (", r->tree->name, psirt_ssvc_outcome(r)->name);
	for (i = 0; i < r->nsteps; i++) {
		const struct psirt_ssvc_step *st = &r->steps[i];

		for (; depth > st->depth; depth--)
			psirt_buf_addch(out, ']');
		if (i && st->depth == depth)
			psirt_buf_adds(out, ", ");
		if (st->depth > depth) {
			psirt_buf_adds(out, " [");
			depth = st->depth;
		}
		psirt_buf_addf(out, "%s=%s", st->point->name, st->point->values[st->value].name);
	}
	for (; depth > 0; depth--)
		psirt_buf_addch(out, ']');
	psirt_buf_addch(out, ')');
}

const char *psirt_ssvc_origin_name(enum psirt_ssvc_origin o)
{
	switch (o) {
	case PSIRT_SSVC_DERIVED:
		return "derived";
	case PSIRT_SSVC_GIVEN:
		return "given";
	case PSIRT_SSVC_OVERRIDDEN:
		return "overridden";
	case PSIRT_SSVC_COMPUTED:
		return "computed";
	case PSIRT_SSVC_UNSET:
		break;
	}
	return "unset";
}
