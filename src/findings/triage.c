/* Triage over findings: SSVC inputs with their origins, the supplier tree's
 * outcome and the policy's decision for every open finding; the policy's
 * versions in the store (include/psirt/findings.h). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "findings/internal.h"
#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/isotime.h"
#include "psirt/jsonw.h"
#include "psirt/map.h"
#include "psirt/policy.h"
#include "psirt/portfolio.h"
#include "psirt/ssvc.h"

const char *psirt_findings_default_policy(size_t *len)
{
	if (len)
		*len = strlen(findings__default_policy);
	return findings__default_policy;
}

/* A product attribute as the store keeps it (its text, NULL when not set):
 * its value, or -1 when not set. */
static int attr_of(enum psirt_product_attr a, const char *text)
{
	int v;

	if (!text || psirt_product_attr_parse(a, text, &v, NULL))
		return -1;
	return v;
}

/* The portfolio's business weight on the SSVC derivations' scale
 * (docs/ssvc.md): flagship high, standard medium, legacy low; -1 when not
 * set. */
static int weight_of(const char *text)
{
	static const signed char map[PSIRT_WEIGHT__MAX] = {
	    [PSIRT_WEIGHT_FLAGSHIP] = PSIRT_SSVC_WEIGHT_HIGH,
	    [PSIRT_WEIGHT_STANDARD] = PSIRT_SSVC_WEIGHT_MEDIUM,
	    [PSIRT_WEIGHT_LEGACY] = PSIRT_SSVC_WEIGHT_LOW,
	};
	int w = attr_of(PSIRT_ATTR_WEIGHT, text);

	return w < 0 ? -1 : map[w];
}

/* Days from 1970-01-01 of a proleptic Gregorian date and back (the
 * era-based algorithm of H. Hinnant's "chrono-Compatible Low-Level Date
 * Algorithms"). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

static int num(const char *s, size_t n, unsigned *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < n; i++) {
		if (!psirt_isdigit((unsigned char)s[i]))
			return -1;
		*out = *out * 10 + (unsigned)(s[i] - '0');
	}
	return 0;
}

/* first (canonical instant or date) + days as YYYY-MM-DD into b. */
static void add_days(struct psirt_buf *b, const char *first, int days)
{
	unsigned y, m, d;
	long long z, yy;
	char t[PSIRT_ISOTIME_DAY_LEN + 1];

	if (!first || strlen(first) < 10 || num(first, 4, &y) || num(first + 5, 2, &m) ||
	    num(first + 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
		return;
	z = days_from_civil(y, m, d) + days;
	/* years 0-9999 as psirt_isotime_day_format writes them (no vsnprintf:
	 * one per new finding of a bulk run); past them, as before */
	if (z >= days_from_civil(0, 1, 1) && z < days_from_civil(10000, 1, 1)) {
		psirt_isotime_day_format(z, t);
		psirt_buf_add(b, t, PSIRT_ISOTIME_DAY_LEN);
		return;
	}
	civil_from_days(z, &yy, &m, &d);
	psirt_buf_addf(b, "%04lld-%02u-%02u", yy, m, d);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The decision points by name (strcmp, as jansson's JSON_SORT_KEYS orders
 * keys: the stored inputs were json_dumps'ed with it), sorted once. */
static const struct psirt_ssvc_point *points_by_name[PSIRT_SSVC_MAX_POINTS];
static size_t npoints_by_name;
static pthread_once_t points_by_name_once = PTHREAD_ONCE_INIT;

static void sort_points_by_name(void)
{
	const struct psirt_ssvc_point *p;
	size_t n, k;

	for (n = 0; n < PSIRT_SSVC_MAX_POINTS && (p = psirt_ssvc_point_at(n)); n++) {
		for (k = n; k > 0 && strcmp(points_by_name[k - 1]->name, p->name) > 0; k--)
			points_by_name[k] = points_by_name[k - 1];
		points_by_name[k] = p;
	}
	npoints_by_name = n;
}

void findings__inputs_text(struct psirt_buf *b, const struct psirt_ssvc_inputs *in)
{
	size_t i;
	int n = 0;

	pthread_once(&points_by_name_once, sort_points_by_name);
	psirt_buf_addch(b, '{');
	for (i = 0; i < npoints_by_name; i++) {
		const struct psirt_ssvc_point *p = points_by_name[i];
		const struct psirt_ssvc_input *x = &in->in[p->index];
		const char *source = x->source ? x->source : "";

		/* a source that is not UTF-8 leaves the point out, as json_pack
		 * refusing it did when this was a jansson tree */
		if (x->value < 0 || !psirt_jsonw_utf8_valid(source))
			continue;
		psirt_jsonw_key(b, !n++, p->name);
		psirt_buf_add(b, "{\"origin\":", 10);
		psirt_jsonw_str(b, psirt_ssvc_origin_name((enum psirt_ssvc_origin)x->origin));
		psirt_buf_add(b, ",\"source\":", 10);
		psirt_jsonw_str(b, source);
		psirt_buf_add(b, ",\"value\":", 9);
		psirt_jsonw_str(b, p->values[x->value].name);
		psirt_buf_addch(b, '}');
	}
	psirt_buf_addch(b, '}');
}

/* Derives, evaluates and decides for one row. */
/* The decision points an analyst may override: the inputs triage derives
 * (computed points such as U and PSI follow from them). */
static const char *const override_points[] = { "E", "A", "TI", "SI", "PWI", "EXP", "VD", "MI", "MP" };
#define N_OVERRIDE_POINTS (sizeof override_points / sizeof override_points[0])

static const struct psirt_ssvc_point *override_point(struct psirt_str name)
{
	const struct psirt_ssvc_point *p = psirt_ssvc_point_find(name);
	size_t i;

	for (i = 0; p && i < N_OVERRIDE_POINTS; i++)
		if (!strcmp(p->key, override_points[i]))
			return p;
	return NULL;
}

/* Applies a finding's stored overrides (a point or value the data no longer
 * knows is skipped: the audit log keeps it). */
static enum psirt_err apply_overrides(struct psirt_ssvc_inputs *in,
                                      const struct psirt_store_ssvc_override *ov, size_t nov,
                                      struct psirt_diag *diag)
{
	size_t i;
	enum psirt_err err = PSIRT_OK;

	for (i = 0; !err && i < nov; i++) {
		const struct psirt_ssvc_point *p = override_point(psirt_str_c(ov[i].point));
		int v = p ? psirt_ssvc_value_find(p, psirt_str_c(ov[i].value)) : -1;

		if (v >= 0)
			err = psirt_ssvc_set(in, p, (unsigned)v, PSIRT_SSVC_OVERRIDDEN, ov[i].reason,
			                     diag);
	}
	return err;
}

/* The points a vulnerability alone gives (its CVSS vector, KEV entry and
 * EPSS score: E, A, TI) into in. */
static enum psirt_err derive_vuln(const char *cvss_text, const char *kev_date, double epss,
                                  struct psirt_ssvc_inputs *in, struct psirt_diag *diag)
{
	struct psirt_ssvc_exploit_evidence ev;
	struct psirt_cvss cvss;
	int have_cvss = cvss_text && !psirt_cvss_parse(&cvss, cvss_text, strlen(cvss_text), NULL);
	enum psirt_err err;

	memset(&ev, 0, sizeof ev);
	ev.kev = kev_date != NULL;
	ev.kev_date = kev_date;
	ev.epss = epss;
	ev.cvss = have_cvss ? &cvss : NULL;
	err = psirt_ssvc_derive_exploitation(in, &ev, diag);
	if (!err && have_cvss)
		err = psirt_ssvc_derive_automatable(in, &cvss, diag);
	if (!err && have_cvss)
		err = psirt_ssvc_derive_technical_impact(in, &cvss, diag);
	return err;
}

/* vt: r's vulnerability's points derived before (findings__vuln_triage_get;
 * r's cvss, kev_date and epss are then vt's), or NULL: derived here. */
static enum psirt_err decide(const struct psirt_policy *pol, const struct psirt_store_triage_row *r,
                             const struct findings__vuln_triage *vt,
                             const struct psirt_store_ssvc_override *ov, size_t nov,
                             struct findings__decided *out, struct psirt_diag *diag)
{
	const struct psirt_ssvc_point *psi = psirt_ssvc_point_find(psirt_str_c("SI"));
	struct psirt_ssvc_inputs in;
	struct psirt_ssvc_result res;
	struct psirt_policy_input pin;
	struct psirt_policy_decision dec;
	const struct psirt_ssvc_tree *tree = psirt_ssvc_tree_find(psirt_str_c("supplier"));
	const struct psirt_ssvc_point *pe = psirt_ssvc_point_find(psirt_str_c("E"));
	int kev = r->kev_date != NULL;
	int safety = attr_of(PSIRT_ATTR_SAFETY, r->safety);
	int exposure = attr_of(PSIRT_ATTR_EXPOSURE, r->exposure);
	int weight = weight_of(r->weight);
	enum psirt_err err = PSIRT_OK;
	struct psirt_buf inputs = PSIRT_BUF_INIT;
	size_t i;

	psirt_ssvc_inputs_init(&in);
	/* the same points as derived here: their sources stay in vt's arena,
	 * which outlives in (only in's own arena is released below) */
	if (vt && vt->derived)
		for (i = 0; i < vt->nset; i++)
			in.in[vt->set[i].index] = vt->set[i].in;
	else
		err = derive_vuln(r->cvss, r->kev_date, r->epss, &in, diag);
	if (!err && safety >= 0)
		err = psirt_ssvc_derive_safety(&in, (enum psirt_safety_class)safety, diag);
	if (!err && exposure >= 0)
		err = psirt_ssvc_derive_exposure(&in, (enum psirt_exposure)exposure, diag);
	if (!err && weight >= 0)
		err = psirt_ssvc_derive_weight(&in, (enum psirt_ssvc_weight)weight, diag);
	if (!err)
		err = apply_overrides(&in, ov, nov, diag);
	if (err)
		goto out;
	/* SI's values are the product's safety classes (docs/ssvc.md): an
	 * analyst's SI is the safety the policy reads too */
	if (psi && in.in[psi->index].origin == PSIRT_SSVC_OVERRIDDEN)
		safety = in.in[psi->index].value;
	psirt_policy_input_init(&pin);
	out->ssvc = NULL;
	/* an input that cannot be derived (no CVSS, no safety class) leaves
	 * the outcome unknown: the policy then decides without it */
	if (tree && !psirt_ssvc_eval(tree, &in, &res, NULL)) {
		pin.ssvc = res.outcome;
		out->ssvc = psirt_ssvc_outcome(&res)->name;
	}
	pin.exploitation = pe ? in.in[pe->index].value : -1;
	pin.safety = safety;
	pin.exposure = exposure;
	pin.weight = weight;
	pin.kev = kev;
	pin.kev_date = r->kev_date;
	pin.epss = r->epss;
	pin.units = r->units;
	/* CRA Annex I Part I (2)(a): products are to be made available
	 * "without known exploitable vulnerabilities"; a product under a
	 * regulatory regime with a known-exploited one no longer conforms
	 * (psirt's reading; an analyst overrides it per finding later). */
	pin.nonconformity = r->regimes > 0 && (kev || pin.exploitation == PSIRT_SSVC_EXPLOIT_ACTIVE);
	err = psirt_policy_eval(pol, &pin, &dec, &out->reason);
	if (!err) {
		add_days(&out->deadline, r->first_seen, dec.deadline_days);
		err = psirt_buf_error(&out->deadline);
	}
	if (err)
		goto out;
	/* about 260 bytes: one allocation */
	psirt_buf_grow(&inputs, 511);
	findings__inputs_text(&inputs, &in);
	out->inputs = psirt_buf_detach(&inputs, NULL);
	if (!out->inputs) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out;
	}
	out->d.ssvc = out->ssvc;
	out->d.ssvc_inputs = out->inputs;
	out->d.priority = dec.priority;
	out->d.deadline = out->deadline.len ? out->deadline.p : NULL;
	out->d.response_class = psirt_response_class_name(dec.response_class);
	out->d.reason = out->reason.p;
	out->d.policy = psirt_policy_fingerprint(pol);
	out->d.kev = kev;
out:
	psirt_ssvc_inputs_release(&in);
	return err;
}

/* The current policy, parsed: the newest stored one, else the default. */
enum psirt_err findings__current_policy(struct psirt_store *store, struct psirt_policy **out,
                                        struct psirt_diag *diag)
{
	struct psirt_arena arena;
	struct psirt_policy_version *v;
	size_t n;
	enum psirt_err err;

	psirt_arena_init(&arena, 0);
	err = psirt_store_policies(store, 1, &arena, &v, &n, diag);
	if (!err && n)
		err = psirt_policy_parse(v[0].text, strlen(v[0].text), v[0].file_name, out, diag);
	else if (!err)
		err = psirt_policy_parse(findings__default_policy, strlen(findings__default_policy),
		                         "default.policy", out, diag);
	psirt_arena_release(&arena);
	return err;
}

/* The audit row of a decision: "P2 recall due 2026-12-10", and why it was
 * made with the policy's reason. */
static void priority_text(struct psirt_buf *text, struct psirt_buf *comment,
                          const struct findings__decided *d, const char *why)
{
	/* appended piece by piece: a match writes one per new finding, and
	 * formatting into an empty buffer runs vsnprintf twice */
	psirt_buf_addch(text, 'P');
	psirt_jsonw_int(text, d->d.priority);
	psirt_buf_addch(text, ' ');
	psirt_buf_adds(text, d->d.response_class);
	psirt_buf_add(text, " due ", 5);
	psirt_buf_adds(text, d->d.deadline ? d->d.deadline : "?");
	psirt_buf_adds(comment, why);
	psirt_buf_add(comment, ": ", 2);
	psirt_buf_adds(comment, d->reason.p);
}

static enum psirt_err audit_priority(struct psirt_store *store, const struct psirt_store_triage_row *r,
                                     const struct findings__decided *d, const char *actor,
                                     const char *why, struct psirt_diag *diag)
{
	struct psirt_buf c, idb, oldp, newp;
	struct psirt_audit_entry e;
	enum psirt_err err;

	psirt_buf_init(&c, 0);
	psirt_buf_init(&idb, 0);
	psirt_buf_addf(&idb, "%lld", r->id);
	psirt_buf_init(&oldp, 0);
	psirt_buf_init(&newp, 0);
	if (r->priority)
		psirt_buf_addf(&oldp, "P%d %s due %s", r->priority,
		               r->response_class ? r->response_class : "?",
		               r->deadline ? r->deadline : "?");
	priority_text(&newp, &c, d, why);
	memset(&e, 0, sizeof e);
	e.actor = actor;
	e.entity = "finding";
	e.entity_id = idb.p;
	e.field = "priority";
	e.old_value = r->priority ? oldp.p : NULL;
	e.new_value = newp.p;
	e.comment = c.p;
	err = psirt_buf_error(&c) || psirt_buf_error(&idb) || psirt_buf_error(&oldp) ||
	              psirt_buf_error(&newp)
	          ? psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory")
	                          : psirt_store_audit_add(store, &e, diag);
	psirt_buf_release(&c);
	psirt_buf_release(&idb);
	psirt_buf_release(&oldp);
	psirt_buf_release(&newp);
	return err;
}

enum psirt_err findings__vuln_cache_init(struct findings__vuln_cache *c,
                                        const struct psirt_store_triage_vuln *tv, size_t ntv,
                                        struct psirt_diag *diag)
{
	size_t cap = 16, i, k;

	memset(c, 0, sizeof *c);
	psirt_arena_init(&c->arena, 0);
	c->tv = tv;
	c->ntv = ntv;
	if (ntv >= UINT32_MAX / 4)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "too many vulnerabilities");
	/* load at most a half: a miss ends at an empty slot soon */
	while (cap < ntv * 2)
		cap *= 2;
	c->slot = calloc(cap, sizeof *c->slot);
	c->ent = calloc(ntv ? ntv : 1, sizeof *c->ent);
	if (!c->slot || !c->ent)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	c->mask = cap - 1;
	for (i = 0; i < ntv; i++) {
		for (k = (size_t)psirt_hash(tv[i].name, strlen(tv[i].name)) & c->mask; c->slot[k];
		     k = (k + 1) & c->mask)
			;
		c->slot[k] = (uint32_t)i + 1;
	}
	return PSIRT_OK;
}

void findings__vuln_cache_release(struct findings__vuln_cache *c)
{
	free(c->slot);
	free(c->ent);
	psirt_arena_release(&c->arena);
	memset(c, 0, sizeof *c);
}

/* Is x not as psirt_ssvc_inputs_init left it? */
static int point_set(const struct psirt_ssvc_input *x)
{
	return x->value >= 0 || x->origin != PSIRT_SSVC_UNSET || x->source;
}

/* The points in that are set (point_set), copied with their sources from
 * the scratch inputs (its arena's blocks are 2 KB) into the cache's arena. */
static int keep_inputs(struct findings__vuln_cache *c, struct findings__vuln_triage *e,
                       const struct psirt_ssvc_inputs *in)
{
	size_t i, n = 0;

	for (i = 0; i < PSIRT_SSVC_MAX_POINTS; i++)
		n += point_set(&in->in[i]);
	e->set = n ? psirt_arena_alloc(&c->arena, n * sizeof *e->set) : NULL;
	if (n && !e->set)
		return -1;
	for (i = 0; i < PSIRT_SSVC_MAX_POINTS; i++) {
		const struct psirt_ssvc_input *x = &in->in[i];
		struct findings__vuln_point *pt;

		if (!point_set(x))
			continue;
		pt = &e->set[e->nset++];
		pt->index = (unsigned)i;
		pt->in = *x;
		if (x->source && !(pt->in.source = psirt_arena_strdup(&c->arena, x->source)))
			return -1;
	}
	return 0;
}

const struct findings__vuln_triage *findings__vuln_triage_get(struct findings__vuln_cache *c,
                                                              const char *name,
                                                              struct psirt_diag *diag)
{
	const struct psirt_store_triage_vuln *tv = NULL;
	struct findings__vuln_triage **at = &c->absent, *e;
	struct psirt_ssvc_inputs in;
	size_t k;

	/* a name not in the list: every such one derives alike (no CVSS, KEV
	 * or EPSS), so they share one entry */
	for (k = (size_t)psirt_hash(name, strlen(name)) & c->mask; c->slot[k]; k = (k + 1) & c->mask)
		if (!strcmp(c->tv[c->slot[k] - 1].name, name)) {
			tv = &c->tv[c->slot[k] - 1];
			at = &c->ent[c->slot[k] - 1];
			break;
		}
	if (*at)
		return *at;
	e = psirt_arena_calloc(&c->arena, 1, sizeof *e);
	if (!e)
		goto out_nomem;
	e->tv = tv;
	/* a derivation that fails is left to each finding's decide (derived
	 * 0), which reports it as it did before there was a cache */
	psirt_ssvc_inputs_init(&in);
	e->derived = !derive_vuln(tv ? tv->cvss : NULL, tv ? tv->kev_date : NULL, tv ? tv->epss : -1,
	                          &in, NULL);
	if (e->derived && keep_inputs(c, e, &in)) {
		psirt_ssvc_inputs_release(&in);
		goto out_nomem;
	}
	psirt_ssvc_inputs_release(&in);
	*at = e;
	return e;

out_nomem:
	psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return NULL;
}

enum psirt_err findings__decide_new(const struct psirt_policy *pol,
                                    const struct psirt_store_triage_row *r,
                                    const struct findings__vuln_triage *vt, const char *why,
                                    struct findings__decided *out, struct psirt_diag *diag)
{
	enum psirt_err err;

	psirt_buf_init(&out->reason, 0);
	psirt_buf_init(&out->deadline, 0);
	psirt_buf_init(&out->audit_new, 0);
	psirt_buf_init(&out->audit_comment, 0);
	err = decide(pol, r, vt, NULL, 0, out, diag);
	if (err)
		return err;
	priority_text(&out->audit_new, &out->audit_comment, out, why);
	if (psirt_buf_error(&out->audit_new) || psirt_buf_error(&out->audit_comment))
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return PSIRT_OK;
}

void findings__decided_release(struct findings__decided *d)
{
	free(d->inputs);
	d->inputs = NULL;
	psirt_buf_release(&d->reason);
	psirt_buf_release(&d->deadline);
	psirt_buf_release(&d->audit_new);
	psirt_buf_release(&d->audit_comment);
}

#define TRIAGE_BATCH 20000
/* a batch this big is decided on two threads (decide() reads only its row,
 * the policy and static tables); the store is written in one, in order */
#define TRIAGE_PARALLEL 2000

struct decide_part {
	const struct psirt_policy *pol;
	const struct psirt_store_triage_row *rows;
	const struct psirt_store_ssvc_override *ov;
	const size_t *ov_first, *ov_n;
	struct findings__decided *out;
	size_t from, to;
	enum psirt_err err;
	struct psirt_diag diag;
};

static void *decide_part(void *arg)
{
	struct decide_part *P = arg;
	size_t i;

	for (i = P->from; !P->err && i < P->to; i++) {
		psirt_buf_init(&P->out[i].reason, 0);
		psirt_buf_init(&P->out[i].deadline, 0);
		P->err = decide(P->pol, &P->rows[i], NULL, P->ov_n[i] ? P->ov + P->ov_first[i] : NULL,
		                P->ov_n[i], &P->out[i], &P->diag);
	}
	/* the rows not reached keep empty buffers: released alike */
	for (; i < P->to; i++) {
		psirt_buf_init(&P->out[i].reason, 0);
		psirt_buf_init(&P->out[i].deadline, 0);
	}
	return NULL;
}

/* Decides rows[0..n) into out (calloc'ed by the caller), on two threads
 * when there are many. */
static enum psirt_err decide_all(const struct psirt_policy *pol,
                                 const struct psirt_store_triage_row *rows, size_t n,
                                 const struct psirt_store_ssvc_override *ov, size_t nov,
                                 size_t *o, struct findings__decided *out, struct psirt_diag *diag)
{
	struct decide_part part[2];
	size_t *first = calloc(n ? n : 1, sizeof *first), *cnt = calloc(n ? n : 1, sizeof *cnt);
	size_t i, k;
	pthread_t th;
	int started = 0;
	enum psirt_err err = PSIRT_OK;

	if (!first || !cnt) {
		free(first);
		free(cnt);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	/* both lists are ordered by finding id */
	for (i = 0; i < n; i++) {
		while (*o < nov && ov[*o].finding < rows[i].id)
			++*o;
		first[i] = *o;
		while (*o < nov && ov[*o].finding == rows[i].id)
			++*o;
		cnt[i] = *o - first[i];
	}
	for (k = 0; k < 2; k++) {
		part[k].pol = pol;
		part[k].rows = rows;
		part[k].ov = ov;
		part[k].ov_first = first;
		part[k].ov_n = cnt;
		part[k].out = out;
		part[k].err = PSIRT_OK;
		psirt_diag_init(&part[k].diag);
	}
	part[0].from = 0;
	part[0].to = part[1].from = n >= TRIAGE_PARALLEL ? n / 2 : n;
	part[1].to = n;
	if (part[1].from < n)
		started = !pthread_create(&th, NULL, decide_part, &part[1]);
	if (part[1].from < n && !started)
		decide_part(&part[1]);
	decide_part(&part[0]);
	if (started)
		pthread_join(th, NULL);
	for (k = 0; !err && k < 2; k++)
		if (part[k].err)
			err = psirt_diag_set(diag, part[k].err, "%s",
			                     part[k].diag.message ? part[k].diag.message
			                                          : psirt_strerror(part[k].err));
	for (k = 0; k < 2; k++)
		psirt_diag_release(&part[k].diag);
	free(first);
	free(cnt);
	return err;
}

enum psirt_err psirt_findings_triage(struct psirt_store *store, int store_tx, const char *actor,
                                     const char *why, size_t *changed, struct psirt_diag *diag)
{
	return findings__triage(store, store_tx, PSIRT_STORE_TRIAGE_MARKED, actor, why, changed,
	                        diag);
}

enum psirt_err findings__triage(struct psirt_store *store, int store_tx,
                                enum psirt_store_triage_scope scope, const char *actor,
                                const char *why, size_t *changed, struct psirt_diag *diag)
{
	struct psirt_arena arena, batch;
	struct psirt_store_triage_row *rows = NULL;
	struct psirt_store_ssvc_override *ov = NULL;
	struct psirt_policy *pol = NULL;
	const char *last = NULL;
	size_t n, i, count = 0, nov = 0, o = 0;
	enum psirt_err err;

	if (changed)
		*changed = 0;
	psirt_arena_init(&arena, 0);
	if (!store_tx) {
		err = psirt_store_begin(store, diag);
		if (err)
			goto out;
	}
	err = findings__current_policy(store, &pol, diag);
	/* only what changed since the last triage, unless the policy did */
	if (!err)
		err = psirt_store_triage_policy(store, &arena, &last, diag);
	if (!err)
		err = psirt_store_triage_select(
			store,
			scope != PSIRT_STORE_TRIAGE_MARKED                        ? scope
			: last && !strcmp(last, psirt_policy_fingerprint(pol)) ? PSIRT_STORE_TRIAGE_MARKED
			                                                        : PSIRT_STORE_TRIAGE_EVERY,
			diag);
	if (!err)
		err = psirt_store_ssvc_overrides(store, 0, &arena, &ov, &nov, diag);
	/* in batches: 2 M open findings would hold a gigabyte at once */
	n = 0;
	psirt_arena_init(&batch, 0);
	while (!err) {
		struct findings__decided *ds;
		long long after = n ? rows[n - 1].id : 0;

		if (n && n < TRIAGE_BATCH)
			break;
		psirt_arena_release(&batch);
		psirt_arena_init(&batch, 0);
		err = psirt_store_triage_rows(store, after, TRIAGE_BATCH, &batch, &rows, &n, diag);
		if (err || !n)
			break;
		ds = calloc(n, sizeof *ds);
		if (!ds) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		err = decide_all(pol, rows, n, ov, nov, &o, ds, diag);
		for (i = 0; !err && i < n; i++) {
			const struct findings__decided *d = &ds[i];
			int decision = rows[i].priority != d->d.priority ||
			               !same(rows[i].deadline, d->d.deadline) ||
			               !same(rows[i].response_class, d->d.response_class) ||
			               !same(rows[i].reason, d->d.reason) || !same(rows[i].ssvc, d->d.ssvc) ||
			               !same(rows[i].policy, d->d.policy);

			/* inputs alone (an override that changes no decision) are
			 * saved too, and not counted as a re-triage */
			if (decision || !same(rows[i].ssvc_inputs, d->d.ssvc_inputs))
				err = psirt_store_triage_save(store, rows[i].id, &d->d, diag);
			if (!err && decision) {
				/* the decision (priority, class, deadline) changed:
				 * audit why */
				if (rows[i].priority != d->d.priority ||
				    !same(rows[i].deadline, d->d.deadline) ||
				    !same(rows[i].response_class, d->d.response_class))
					err = audit_priority(store, &rows[i], d, actor, why, diag);
				count++;
			}
		}
		for (i = 0; i < n; i++)
			findings__decided_release(&ds[i]);
		free(ds);
	}
	if (!err)
		err = psirt_store_triage_done(store, psirt_policy_fingerprint(pol), diag);
	if (!store_tx) {
		if (err)
			psirt_store_rollback(store);
		else
			err = psirt_store_commit(store, diag);
	}
	psirt_arena_release(&batch);
out:
	psirt_policy_free(pol);
	psirt_arena_release(&arena);
	if (changed && !err)
		*changed = count;
	return err;
}

/* "E (Exploitation), A (Automatable), ... or MP (Mission Prevalence)" */
static void list_points(struct psirt_buf *b)
{
	size_t i;

	for (i = 0; i < N_OVERRIDE_POINTS; i++) {
		const struct psirt_ssvc_point *p = psirt_ssvc_point_find(psirt_str_c(override_points[i]));

		psirt_buf_addf(b, "%s%s (%s)", i ? (i + 1 == N_OVERRIDE_POINTS ? " or " : ", ") : "",
		               override_points[i], p ? p->name : "?");
	}
}

static void list_values(struct psirt_buf *b, const struct psirt_ssvc_point *p)
{
	unsigned i;

	for (i = 0; i < p->nvalues; i++)
		psirt_buf_addf(b, "%s%s (%s)", i ? (i + 1 == p->nvalues ? " or " : ", ") : "",
		               p->values[i].key, p->values[i].name);
}

static enum psirt_err unknown_point(struct psirt_str name, struct psirt_diag *diag)
{
	struct psirt_buf b;
	enum psirt_err err;

	psirt_buf_init(&b, 0);
	list_points(&b);
	err = psirt_buf_error(&b)
	          ? psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory")
	          : psirt_diag_set(diag, PSIRT_EINVAL,
	                           "unknown decision point '%.*s': expected %s", (int)name.len,
	                           name.p, b.p);
	psirt_buf_release(&b);
	return err;
}

/* "Active (overridden)" from a finding's inputs JSON, or NULL. */
static char *input_text(const char *inputs, const struct psirt_ssvc_point *p)
{
	json_t *j = inputs ? json_loads(inputs, 0, NULL) : NULL;
	json_t *x = json_object_get(json_object_get(j, p->name), "value");
	json_t *o = json_object_get(json_object_get(j, p->name), "origin");
	struct psirt_buf b;
	char *out = NULL;

	psirt_buf_init(&b, 0);
	if (json_is_string(x)) {
		psirt_buf_addf(&b, "%s (%s)", json_string_value(x),
		               json_is_string(o) ? json_string_value(o) : "?");
		out = psirt_buf_error(&b) ? NULL : malloc(b.len + 1);
		if (out)
			memcpy(out, b.p, b.len + 1);
	}
	psirt_buf_release(&b);
	json_decref(j);
	return out;
}

static enum psirt_err one_finding(struct psirt_store *store, long long id,
                                  struct psirt_findings_list **l, struct psirt_diag *diag)
{
	struct psirt_findings_filter f;
	enum psirt_err err;

	memset(&f, 0, sizeof f);
	f.id = id;
	err = psirt_findings_list(store, &f, l, diag);
	if (!err && !(*l)->n) {
		psirt_findings_list_free(*l);
		*l = NULL;
		err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "no finding %lld", id);
	}
	return err;
}

enum psirt_err psirt_findings_ssvc_override(struct psirt_store *store, long long id,
                                            const char *const *set, size_t nset,
                                            const char *const *clear, size_t nclear,
                                            const char *reason, const char *actor,
                                            struct psirt_diag *diag)
{
	const struct psirt_ssvc_point **pts = NULL;
	int *vals = NULL;
	struct psirt_findings_list *before = NULL, *after = NULL;
	struct psirt_buf why, idb, field;
	size_t i, n = nset + nclear;
	enum psirt_err err = PSIRT_OK;
	int tx = 0;

	psirt_buf_init(&why, 0);
	psirt_buf_init(&idb, 0);
	psirt_buf_init(&field, 0);
	if (!reason || !*reason)
		return psirt_diag_set(diag, PSIRT_EINVAL, "an SSVC override needs a reason");
	if (!n)
		return psirt_diag_set(diag, PSIRT_EINVAL, "no decision point to override or clear");
	pts = calloc(n, sizeof *pts);
	vals = calloc(n, sizeof *vals);
	if (!pts || !vals) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; !err && i < n; i++) {
		const char *a = i < nset ? set[i] : clear[i - nset];
		const char *eq = i < nset ? strchr(a, '=') : NULL;
		struct psirt_str name = psirt_str_make(a, eq ? (size_t)(eq - a) : strlen(a));

		if (i < nset && (!eq || eq == a)) {
			err = psirt_diag_set(diag, PSIRT_EINVAL, "expected POINT=VALUE, not '%s'", a);
			break;
		}
		pts[i] = override_point(name);
		if (!pts[i]) {
			err = unknown_point(name, diag);
			break;
		}
		vals[i] = eq ? psirt_ssvc_value_find(pts[i], psirt_str_c(eq + 1)) : -1;
		if (eq && vals[i] < 0) {
			list_values(&field, pts[i]);
			err = psirt_buf_error(&field)
			          ? psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory")
			          : psirt_diag_set(diag, PSIRT_EINVAL,
			                           "unknown value '%s' for %s (%s): expected %s", eq + 1,
			                           pts[i]->name, pts[i]->key, field.p);
		}
	}
	if (err)
		goto out;
	err = psirt_store_begin(store, diag);
	if (err)
		goto out;
	tx = 1;
	err = one_finding(store, id, &before, diag);
	if (!err) {
		const char *st = before->items[0].state;

		if (strcmp(st, "in_triage") && strcmp(st, "affected"))
			err = psirt_diag_set(diag, PSIRT_EINVAL,
			                     "finding %lld is %s: only open findings (in_triage,"
			                     " affected) are triaged",
			                     id, st);
	}
	for (i = 0; !err && i < n; i++) {
		int deleted = 1;

		if (i < nset)
			err = psirt_store_ssvc_override_put(store, id, pts[i]->key,
			                                    pts[i]->values[vals[i]].key, reason, actor,
			                                    diag);
		else
			err = psirt_store_ssvc_override_del(store, id, pts[i]->key, &deleted, diag);
		if (!err && !deleted)
			err = psirt_diag_set(diag, PSIRT_EINVAL, "finding %lld has no override of %s (%s)",
			                     id, pts[i]->name, pts[i]->key);
	}
	psirt_buf_addf(&why, "SSVC override: %s", reason);
	psirt_buf_addf(&idb, "%lld", id);
	if (!err && (psirt_buf_error(&why) || psirt_buf_error(&idb)))
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (!err)
		err = psirt_findings_triage(store, 1, actor, why.p, NULL, diag);
	if (!err)
		err = one_finding(store, id, &after, diag);
	/* one audit row per point: what it was, what it is now */
	for (i = 0; !err && i < n; i++) {
		struct psirt_audit_entry e;
		char *oldv = input_text(before->items[0].ssvc_inputs, pts[i]);
		char *newv = input_text(after->items[0].ssvc_inputs, pts[i]);

		psirt_buf_reset(&field);
		psirt_buf_addf(&field, "ssvc:%s", pts[i]->key);
		memset(&e, 0, sizeof e);
		e.actor = actor;
		e.entity = "finding";
		e.entity_id = idb.p;
		e.field = field.p;
		e.old_value = oldv;
		e.new_value = newv;
		e.comment = reason;
		err = psirt_buf_error(&field) ? psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory")
		                              : psirt_store_audit_add(store, &e, diag);
		free(oldv);
		free(newv);
	}
	if (!err) {
		tx = 0;
		err = psirt_store_commit(store, diag);
	}
out:
	if (tx)
		psirt_store_rollback(store);
	psirt_findings_list_free(before);
	psirt_findings_list_free(after);
	psirt_buf_release(&why);
	psirt_buf_release(&idb);
	psirt_buf_release(&field);
	free(pts);
	free(vals);
	return err;
}

enum psirt_err psirt_findings_policy_set(struct psirt_store *store, const char *text, size_t len,
                                         const char *file, const char *actor, char **fingerprint,
                                         size_t *changed, struct psirt_diag *diag)
{
	struct psirt_policy *pol = NULL;
	struct psirt_buf why;
	char *copy = NULL;
	enum psirt_err err;
	struct psirt_audit_entry e;

	if (fingerprint)
		*fingerprint = NULL;
	psirt_buf_init(&why, 0);
	err = psirt_policy_parse(text, len, file, &pol, diag);
	if (err)
		return err;
	copy = malloc(len + 1);
	if (!copy) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(copy, text, len);
	copy[len] = 0;
	if (strlen(copy) != len) {
		err = psirt_diag_set(diag, PSIRT_EINVAL, "the policy holds a NUL byte");
		goto out;
	}
	psirt_buf_addf(&why, "policy %s (%s)", psirt_policy_fingerprint(pol),
	               *psirt_policy_name(pol) ? psirt_policy_name(pol) : "unnamed");
	if (psirt_buf_error(&why)) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out;
	}
	err = psirt_store_begin(store, diag);
	if (err)
		goto out;
	err = psirt_store_policy_add(store, psirt_policy_name(pol), psirt_policy_fingerprint(pol),
	                             file, copy, actor, diag);
	memset(&e, 0, sizeof e);
	e.actor = actor;
	e.entity = "policy";
	e.entity_id = psirt_policy_fingerprint(pol);
	e.field = "policy";
	e.new_value = psirt_policy_fingerprint(pol);
	e.comment = file;
	if (!err)
		err = psirt_store_audit_add(store, &e, diag);
	if (!err)
		err = psirt_findings_triage(store, 1, actor, why.p, changed, diag);
	if (err) {
		psirt_store_rollback(store);
		goto out;
	}
	err = psirt_store_commit(store, diag);
	if (!err && fingerprint) {
		size_t fl = strlen(psirt_policy_fingerprint(pol));

		*fingerprint = malloc(fl + 1);
		if (*fingerprint)
			memcpy(*fingerprint, psirt_policy_fingerprint(pol), fl + 1);
	}
out:
	free(copy);
	psirt_buf_release(&why);
	psirt_policy_free(pol);
	return err;
}

enum psirt_err psirt_findings_policies(struct psirt_store *store, int current,
                                       struct psirt_policy_versions **out,
                                       struct psirt_diag *diag)
{
	struct psirt_policy_versions *v = calloc(1, sizeof *v);
	struct psirt_policy *pol = NULL;
	enum psirt_err err;

	*out = NULL;
	if (!v)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&v->arena, 0);
	err = psirt_store_policies(store, current, &v->arena, &v->items, &v->n, diag);
	if (!err && current && !v->n) {
		err = psirt_policy_parse(findings__default_policy, strlen(findings__default_policy),
		                         "default.policy", &pol, diag);
		v->items = err ? NULL : psirt_arena_calloc(&v->arena, 1, sizeof *v->items);
		if (!err && !v->items)
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		if (!err) {
			v->n = 1;
			v->items[0].name = psirt_arena_strdup(&v->arena, psirt_policy_name(pol));
			v->items[0].fingerprint =
				psirt_arena_strdup(&v->arena, psirt_policy_fingerprint(pol));
			v->items[0].file_name = "data/policy/default.policy (built in)";
			v->items[0].text = findings__default_policy;
		}
	}
	psirt_policy_free(pol);
	if (err) {
		psirt_policy_versions_free(v);
		return err;
	}
	*out = v;
	return PSIRT_OK;
}

void psirt_policy_versions_free(struct psirt_policy_versions *v)
{
	if (!v)
		return;
	psirt_arena_release(&v->arena);
	free(v);
}
