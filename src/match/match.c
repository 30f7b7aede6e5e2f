/* Matching subjects against the index (see include/psirt/match.h).
 *
 * One call: every identity of every subject (and the product's hardware and
 * firmware) is prepared once — CPEs parsed, versions encoded as generic sort
 * keys — and looked up: a CPE by its part:vendor:product key, the vendor-wide
 * lists and the wildcard list; a purl by its package keys (src/match/osv.c);
 * a name guess by the keys its table entries or its product name give. The
 * criteria an identity satisfies are "hits". Every configuration holding a
 * vulnerable hit is then evaluated whole against the hits, and each
 * vulnerable hit in a holding node becomes evidence. Evidence is sorted and
 * grouped into findings, one per (record, subject).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/internal.h"

struct hit {
	uint32_t crit, ident;
	int conf;
};

/* Evidence before grouping: the record and subject it belongs to, and
 * what orders it. */
struct ev {
	const struct match__record *rec;
	/* the order (cmp_ev), packed when the evidence is complete: record
	 * rank and subject; via, identity, kind and place */
	uint64_t k1, k2;
	uint32_t record;
	size_t subject;
	uint32_t ident;
	uint32_t order; /* criterion or package index */
	int32_t range;  /* range seq, -1 for the versions list or a criterion */
	struct psirt_match_evidence e;
};

struct run {
	const struct psirt_match_index *idx;
	struct psirt_match_results *res;
	struct psirt_arena *a;
	struct psirt_diag *diag;
	const struct psirt_match_subject *subjects;
	size_t nsubjects;
	struct match__ident *ids;
	size_t nids, cap_ids;
	struct hit *hits;
	size_t nhits, cap_hits;
	struct ev *evs;
	size_t nevs, cap_evs;
	struct psirt_buf b, b2;
	int one; /* psirt_match_component: no "subjects[i]." in error places */
	enum psirt_err err;
};

static const char *const conf_names[] = { "?", "low", "medium", "high" };
static const char *const via_names[] = { "purl", "cpe", "name", "hardware", "firmware" };
_Static_assert(sizeof via_names / sizeof via_names[0] == PSIRT_MATCH_VIA__MAX, "one name per via");

const char *psirt_match_confidence_name(enum psirt_match_confidence c)
{
	return c >= PSIRT_MATCH_LOW && c <= PSIRT_MATCH_HIGH ? conf_names[c] : "?";
}

const char *psirt_match_via_name(enum psirt_match_via via)
{
	return (unsigned)via < PSIRT_MATCH_VIA__MAX ? via_names[via] : "?";
}

void psirt_match_results_init(struct psirt_match_results *r)
{
	r->findings = NULL;
	r->n = 0;
	psirt_arena_init(&r->arena, 0);
}

void psirt_match_results_release(struct psirt_match_results *r)
{
	psirt_arena_release(&r->arena);
	r->findings = NULL;
	r->n = 0;
}

static int fail(struct run *r, enum psirt_err err)
{
	if (!r->err)
		r->err = err == PSIRT_ENOMEM ? psirt_diag_set(r->diag, err, "out of memory") : err;
	return -1;
}

static int grow(struct run *r, void *arr, size_t *cap, size_t n, size_t elem)
{
	void **p = arr, *q;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 64;
	q = realloc(*p, c * elem);
	if (!q)
		return fail(r, PSIRT_ENOMEM);
	*p = q;
	*cap = c;
	return 0;
}

static char *keep(struct run *r, const char *s, size_t len)
{
	char *p = psirt_arena_strndup(r->a, s, len);

	if (!p)
		fail(r, PSIRT_ENOMEM);
	return p;
}

static char *keep_buf(struct run *r, const struct psirt_buf *b)
{
	if (psirt_buf_error(b)) {
		fail(r, psirt_buf_error(b));
		return NULL;
	}
	return keep(r, b->p, b->len);
}

/* Encodes a literal version as a generic key in the run's arena. */
static void ident_version(struct run *r, struct match__ident *id, struct psirt_str v)
{
	unsigned char *p;

	id->version = v;
	psirt_buf_reset(&r->b2);
	if (psirt_version_sort_key(r->idx->generic, v, &r->b2, NULL)) {
		if (psirt_buf_error(&r->b2))
			fail(r, psirt_buf_error(&r->b2));
		id->vstate = MATCH__ID_OTHER;
		return;
	}
	p = psirt_arena_alloc(r->a, r->b2.len + 2);
	if (!p) {
		fail(r, PSIRT_ENOMEM);
		return;
	}
	p[0] = (unsigned char)(r->b2.len & 0xff);
	p[1] = (unsigned char)(r->b2.len >> 8);
	memcpy(p + 2, r->b2.p, r->b2.len);
	id->vkey = p;
	id->vstate = MATCH__ID_KEYED;
}

static struct match__ident *new_ident(struct run *r, size_t subject, enum psirt_match_via via,
                                      const char *text)
{
	struct match__ident *id;

	if (r->nids >= PSIRT_MATCH_MAX_IDENTITIES) {
		r->err = psirt_diag_set(r->diag, PSIRT_ETOOBIG, "more than %d identities in one call",
		                        PSIRT_MATCH_MAX_IDENTITIES);
		return NULL;
	}
	if (grow(r, &r->ids, &r->cap_ids, r->nids, sizeof *r->ids))
		return NULL;
	id = &r->ids[r->nids++];
	memset(id, 0, sizeof *id);
	id->subject = subject;
	id->via = via;
	id->cap = PSIRT_MATCH_HIGH;
	id->vstate = MATCH__ID_ANY;
	id->text = keep(r, text, strlen(text));
	return id->text ? id : NULL;
}

static void add_hit(struct run *r, size_t crit, size_t ident, int conf)
{
	if (grow(r, &r->hits, &r->cap_hits, r->nhits, sizeof *r->hits))
		return;
	r->hits[r->nhits].crit = (uint32_t)crit;
	r->hits[r->nhits].ident = (uint32_t)ident;
	r->hits[r->nhits].conf = conf;
	r->nhits++;
}

static void scan_list(struct run *r, const uint32_t *items, const struct match__list *list,
                      size_t ident)
{
	const struct match__ident *id = &r->ids[ident];
	uint32_t i;
	int conf;

	for (i = 0; i < list->n; i++) {
		uint32_t c = items[list->first + i];

		conf = match__crit_eval(r->idx, &r->idx->crits[c], id);
		if (conf)
			add_hit(r, c, ident, conf);
	}
}

/* Where a CPE identity's criteria can be: its key, its vendor, the wild. */
static void lookup_cpe(struct run *r, size_t ident)
{
	const struct psirt_match_index *idx = r->idx;
	const struct match__ident *id = &r->ids[ident];
	struct match__list wild = { 0, (uint32_t)idx->nwild };
	void *v;

	if (match__cpe_key(id->cpe, 0, &r->b)) {
		v = psirt_map_get(&idx->keys, r->b.p, r->b.len);
		if (v)
			scan_list(r, idx->key_items, &idx->key_lists[(uintptr_t)v - 1], ident);
	}
	if (idx->nvendor_lists && match__cpe_key(id->cpe, 1, &r->b)) {
		v = psirt_map_get(&idx->vendors, r->b.p, r->b.len);
		if (v)
			scan_list(r, idx->vendor_items, &idx->vendor_lists[(uintptr_t)v - 1], ident);
	}
	if (idx->nwild)
		scan_list(r, idx->wild, &wild, ident);
}

/* Names the identity that failed in diag: "subjects[3].cpes[1]",
 * "hardware[0]", "firmware", "purl"; member NULL for the firmware. */
static void set_where(struct run *r, size_t subject, const char *member, size_t k, int indexed)
{
	struct psirt_buf *b = &r->b2;

	psirt_buf_reset(b);
	if (subject != PSIRT_MATCH_PRODUCT && !r->one)
		psirt_buf_addf(b, "subjects[%zu].", subject);
	psirt_buf_adds(b, member);
	if (indexed)
		psirt_buf_addf(b, "[%zu]", k);
	psirt_diag_set_where(r->diag, psirt_buf_error(b) ? member : b->p);
}

/* A CPE identity: parsed, its version prepared, looked up. On a bad name
 * the error names member[k] of the subject. */
static void cpe_ident(struct run *r, size_t subject, enum psirt_match_via via, const char *text,
                      const char *member, size_t k)
{
	struct match__ident *id;
	struct psirt_cpe *cpe;
	const struct psirt_cpe_value *ver;

	if (psirt_cpe_parse_arena(r->a, psirt_str_c(text), &cpe, r->diag)) {
		r->err = r->diag && r->diag->code ? r->diag->code : PSIRT_EINVAL;
		set_where(r, via == PSIRT_MATCH_VIA_CPE ? subject : PSIRT_MATCH_PRODUCT, member, k,
		          via != PSIRT_MATCH_VIA_FIRMWARE);
		return;
	}
	id = new_ident(r, subject, via, text);
	if (!id)
		return;
	id->cpe = cpe;
	ver = psirt_cpe_get(cpe, PSIRT_CPE_VERSION);
	if (ver->kind == PSIRT_CPE_NA)
		id->vstate = MATCH__ID_NA;
	else if (ver->kind == PSIRT_CPE_STRING && psirt_cpe_value_has_wildcards(ver))
		id->vstate = MATCH__ID_OTHER;
	else if (ver->kind == PSIRT_CPE_STRING)
		ident_version(r, id, psirt_cpe_body(cpe, PSIRT_CPE_VERSION));
	if (!r->err)
		lookup_cpe(r, (size_t)(id - r->ids));
}

/* The CPE a guess stands for, for the evidence: key text and version. */
static const char *guess_text(struct run *r, const char *key, const char *version)
{
	const char *p;

	psirt_buf_reset(&r->b);
	psirt_buf_adds(&r->b, "cpe:2.3:");
	psirt_buf_adds(&r->b, key);
	psirt_buf_addch(&r->b, ':');
	if (!version || !*version)
		psirt_buf_addch(&r->b, '*');
	for (p = version; p && *p; p++) {
		/* NISTIR 7695 §6.2.1: quote what is not unreserved */
		if (!psirt_isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
			psirt_buf_addch(&r->b, '\\');
		psirt_buf_addch(&r->b, *p);
	}
	psirt_buf_adds(&r->b, ":*:*:*:*:*:*:*");
	return keep_buf(r, &r->b);
}

/* One guessed key: an identity of its own (its evidence names the key). */
static void guess_key(struct run *r, size_t subject, const char *text, uint32_t key,
                      const char *version)
{
	const struct psirt_match_index *idx = r->idx;
	struct match__ident *id = new_ident(r, subject, PSIRT_MATCH_VIA_NAME, text);

	if (!id)
		return;
	id->cap = PSIRT_MATCH_LOW;
	id->guess = guess_text(r, idx->key_texts[key], version);
	if (version && *version)
		ident_version(r, id, psirt_str_c(version));
	if (!r->err)
		scan_list(r, idx->key_items, &idx->key_lists[key], (size_t)(id - r->ids));
}

/* Name+version, for a subject with neither purl nor CPE. */
static void guess(struct run *r, size_t subject, const struct psirt_match_subject *s)
{
	const struct psirt_match_index *idx = r->idx;
	const struct match__guess *g;
	size_t n, i, k;
	char *text, *low;
	void *v;

	psirt_buf_reset(&r->b);
	psirt_buf_adds(&r->b, s->name);
	if (s->version && *s->version)
		psirt_buf_addf(&r->b, " %s", s->version);
	text = keep_buf(r, &r->b);
	low = keep(r, s->name, strlen(s->name));
	if (!text || !low)
		return;
	for (k = 0; low[k]; k++)
		low[k] = (char)psirt_tolower((unsigned char)low[k]);
	g = match__guess_find(s->name, &n);
	for (i = 0; g && i < n && !r->err; i++) {
		psirt_buf_reset(&r->b);
		psirt_buf_addf(&r->b, "%c:%s:%s", g[i].part, g[i].vendor, g[i].product);
		v = psirt_map_get(&idx->keys, r->b.p, r->b.len);
		if (v)
			guess_key(r, subject, text, (uint32_t)((uintptr_t)v - 1), s->version);
	}
	if (g)
		return;
	/* not listed: criteria whose product is the name, whoever the vendor
	 * (the index keeps each product's keys in key text order) */
	v = psirt_map_get(&idx->products, low, strlen(low));
	if (v) {
		const struct match__list *l = &idx->product_lists[(uintptr_t)v - 1];

		for (i = 0; i < l->n && !r->err; i++)
			guess_key(r, subject, text, idx->product_items[l->first + i], s->version);
	}
}

/* --- evidence ----------------------------------------------------------- */

static struct ev *new_ev(struct run *r, uint32_t record, const struct match__ident *id)
{
	struct ev *e;

	if (grow(r, &r->evs, &r->cap_evs, r->nevs, sizeof *r->evs))
		return NULL;
	e = &r->evs[r->nevs++];
	memset(e, 0, sizeof *e);
	e->rec = &r->idx->records[record];
	e->record = record;
	e->subject = id->subject;
	e->ident = (uint32_t)(id - r->ids);
	e->range = -1;
	e->e.via = id->via;
	e->e.identity = id->text;
	e->e.guess = id->guess;
	return e;
}

/* "version 1.1.1s: >= 1.1.1, < 1.1.1t" and notes for a lowered confidence.
 * Plain appends, no printf: this runs for every piece of evidence, and
 * vsnprintf was a third of the matching time (callgrind, bench_match). */
static const char *crit_why(struct run *r, const struct match__crit *c,
                            const struct match__ident *id)
{
	struct psirt_buf *b = &r->b;
	int a;

	psirt_buf_reset(b);
	if (id->version.len) {
		psirt_buf_adds(b, "version ");
		psirt_buf_add(b, id->version.p, id->version.len);
	} else {
		psirt_buf_adds(b, id->vstate == MATCH__ID_NA ? "version -" : "no version");
	}
	switch (c->vkind) {
	case MATCH__V_ANY:
		if (!c->skey && !c->ekey)
			psirt_buf_adds(b, ": every version");
		break;
	case MATCH__V_NA:
		psirt_buf_adds(b, id->vstate == MATCH__ID_NA
		                          ? ": criterion version - (not applicable)"
		                          : ": criterion version - (none given), taken as every version");
		break;
	case MATCH__V_EXACT:
		psirt_buf_adds(b, ": equal to the criterion's");
		break;
	default:
		psirt_buf_adds(b, ": matches the criterion's pattern");
		break;
	}
	if (c->skey || c->ekey) {
		psirt_buf_addch(b, ':');
		if (c->start) {
			psirt_buf_adds(b, c->flags & MATCH__START_EXCL ? " > " : " >= ");
			psirt_buf_adds(b, c->start);
		}
		if (c->start && c->end)
			psirt_buf_addch(b, ',');
		if (c->end) {
			psirt_buf_adds(b, c->flags & MATCH__END_EXCL ? " < " : " <= ");
			psirt_buf_adds(b, c->end);
		}
		if (c->scheme && id->version.len &&
		    !match__target_scheme(c->scheme - 1u)->check(id->version, NULL)) {
			psirt_buf_adds(b, " (");
			psirt_buf_adds(b, match__target_scheme(c->scheme - 1u)->name);
			psirt_buf_adds(b, " order)");
		}
	}
	if (c->flags & MATCH__EXTRAS) {
		for (a = PSIRT_CPE_UPDATE; a < PSIRT_CPE_ATTR__MAX; a++) {
			enum psirt_cpe_rel rel;

			if (psirt_cpe_get(c->cpe, (enum psirt_cpe_attr)a)->kind == PSIRT_CPE_ANY ||
			    (a == PSIRT_CPE_UPDATE && match__update_is_release(id)))
				continue;
			rel = id->cpe ? psirt_cpe_compare_attr(c->cpe, id->cpe, (enum psirt_cpe_attr)a)
			              : PSIRT_CPE_REL_SUBSET;
			if (rel == PSIRT_CPE_REL_SUBSET || rel == PSIRT_CPE_REL_UNDEFINED) {
				psirt_buf_adds(b, "; the criterion names ");
				psirt_buf_adds(b, psirt_cpe_attr_name((enum psirt_cpe_attr)a));
				psirt_buf_addch(b, ' ');
				psirt_cpe_format_attr_fs(c->cpe, (enum psirt_cpe_attr)a, b);
				psirt_buf_adds(b, ", the identity leaves it open");
			}
		}
	}
	if (c->cap == PSIRT_MATCH_LOW && !(c->flags & MATCH__KEYED))
		psirt_buf_adds(b, "; the criterion names the vendor only");
	else if (c->cap == PSIRT_MATCH_MEDIUM)
		psirt_buf_adds(b, "; the source gives no versions");
	if (id->via == PSIRT_MATCH_VIA_NAME)
		psirt_buf_adds(b, "; identity guessed from the name");
	return keep_buf(r, b);
}

/* "cpe:... by hardware cpe:..." for the platform hits of the other nodes. */
static const char *platform_text(struct run *r, const struct match__config *cfg, uint32_t node,
                                 size_t *lo, size_t *hi)
{
	const struct psirt_match_index *idx = r->idx;
	struct psirt_buf *b = &r->b;
	uint32_t n;
	size_t h;
	int any = 0;

	psirt_buf_reset(b);
	for (n = cfg->first_node; n < cfg->first_node + cfg->nnodes; n++) {
		const struct match__node *nd = &idx->nodes[n];

		if (n == node || nd->negate)
			continue;
		for (h = lo[n - cfg->first_node]; h < hi[n - cfg->first_node]; h++) {
			const struct match__crit *c = &idx->crits[r->hits[h].crit];
			const struct match__ident *id = &r->ids[r->hits[h].ident];

			if (c->flags & MATCH__VULNERABLE)
				continue;
			psirt_buf_addf(b, "%s%s by %s %s", any ? "; " : "", c->criteria,
			               psirt_match_via_name(id->via), id->text);
			any = 1;
		}
	}
	return any ? keep_buf(r, b) : NULL;
}

/* The first hit at or after crit. */
static size_t hits_from(const struct run *r, uint32_t crit)
{
	size_t lo = 0, hi = r->nhits, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->hits[mid].crit < crit)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int min_conf(int a, int b)
{
	return a < b ? a : b;
}

/* Evaluates configuration ci against the hits; each vulnerable hit in a
 * holding node of a holding configuration becomes evidence. */
static void eval_config(struct run *r, uint32_t ci, size_t *lo, size_t *hi, int *sat, int *conf)
{
	const struct psirt_match_index *idx = r->idx;
	const struct match__config *cfg = &idx->configs[ci];
	uint32_t i, n;
	int holds = cfg->op == PSIRT_VULN_OP_AND;
	size_t h;

	for (i = 0; i < cfg->nnodes; i++) {
		const struct match__node *nd = &idx->nodes[cfg->first_node + i];
		uint32_t end = nd->first_crit + nd->ncrit, c;
		int s = nd->op == PSIRT_VULN_OP_AND ? 1 : 0;
		int cf = nd->op == PSIRT_VULN_OP_AND ? PSIRT_MATCH_HIGH : 0;

		lo[i] = hits_from(r, nd->first_crit);
		hi[i] = hits_from(r, end);
		h = lo[i];
		for (c = nd->first_crit; c < end; c++) {
			int best = 0;

			for (; h < hi[i] && r->hits[h].crit == c; h++) {
				if (r->hits[h].conf > best)
					best = r->hits[h].conf;
			}
			if (nd->op == PSIRT_VULN_OP_AND) {
				if (!best)
					s = 0;
				else
					cf = min_conf(cf, best);
			} else if (best) {
				s = 1;
				if (best > cf)
					cf = best;
			}
		}
		if (nd->op == PSIRT_VULN_OP_AND && !s)
			cf = 0;
		if (nd->negate) {
			s = !s;
			cf = PSIRT_MATCH_HIGH; /* an absence is certain */
		}
		sat[i] = s;
		conf[i] = cf;
		if (cfg->op == PSIRT_VULN_OP_AND)
			holds &= s;
		else
			holds |= s;
	}
	/* a negated configuration says who is not affected; it names no
	 * vulnerable identity (see include/psirt/match.h) */
	if (!holds || cfg->negate)
		return;
	for (i = 0; i < cfg->nnodes; i++) {
		const struct match__node *nd = &idx->nodes[cfg->first_node + i];

		if (!sat[i] || nd->negate)
			continue;
		for (h = lo[i]; h < hi[i]; h++) {
			const struct match__crit *c = &idx->crits[r->hits[h].crit];
			const struct match__ident *id = &r->ids[r->hits[h].ident];
			struct ev *e;
			int cf = r->hits[h].conf;

			if (!(c->flags & MATCH__VULNERABLE))
				continue;
			if (nd->op == PSIRT_VULN_OP_AND)
				cf = min_conf(cf, conf[i]);
			if (cfg->op == PSIRT_VULN_OP_AND) {
				for (n = 0; n < cfg->nnodes; n++) {
					if (n != i)
						cf = min_conf(cf, conf[n]);
				}
			}
			e = new_ev(r, cfg->record, id);
			if (!e)
				return;
			e->order = r->hits[h].crit;
			e->e.confidence = (enum psirt_match_confidence)cf;
			e->e.criteria = c->criteria;
			e->e.match_criteria_id = c->mcid;
			e->e.config = (int)cfg->seq;
			e->e.node = (int)nd->seq;
			e->e.match = (int)c->seq;
			e->e.why = crit_why(r, c, id);
			e->e.platform = cfg->op == PSIRT_VULN_OP_AND
			                        ? platform_text(r, cfg, cfg->first_node + i, lo, hi)
			                        : NULL;
			if (r->err)
				return;
		}
	}
}

/* Sorts the hits by criterion, keeping the order of identities within one:
 * an LSD radix sort on 16-bit halves, two linear passes (qsort's merge sort
 * was a third of the matching time on the bench). */
static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->crit != y->crit)
		return x->crit < y->crit ? -1 : 1;
	return (x->ident > y->ident) - (x->ident < y->ident);
}

static int sort_hits(struct run *r)
{
	struct hit *tmp, *src = r->hits, *dst;
	size_t *count, i, sum, c;
	int pass;

	/* the radix passes cost 2 x 64 K counters: below a few thousand hits
	 * (one component) a comparison sort is cheaper */
	if (r->nhits < 4096) {
		qsort(r->hits, r->nhits, sizeof *r->hits, cmp_hit);
		return 0;
	}
	tmp = malloc(r->nhits * sizeof *tmp);
	count = calloc(65536, sizeof *count);
	dst = tmp;
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return fail(r, PSIRT_ENOMEM);
	}
	for (pass = 0; pass < 2; pass++) {
		int shift = pass * 16;

		memset(count, 0, 65536 * sizeof *count);
		for (i = 0; i < r->nhits; i++)
			count[(src[i].crit >> shift) & 0xffff]++;
		for (i = 0, sum = 0; i < 65536; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < r->nhits; i++)
			dst[count[(src[i].crit >> shift) & 0xffff]++] = src[i];
		src = dst;
		dst = dst == tmp ? r->hits : tmp;
	}
	/* two passes: the result is back in r->hits */
	free(tmp);
	free(count);
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void eval_configs(struct run *r)
{
	const struct psirt_match_index *idx = r->idx;
	uint32_t *cfgs;
	size_t n = 0, i, maxn = 1;
	size_t *lo = NULL, *hi = NULL;
	int *sat = NULL, *conf = NULL;

	if (!r->nhits)
		return;
	if (sort_hits(r))
		return;
	cfgs = malloc(r->nhits * sizeof *cfgs);
	if (!cfgs) {
		fail(r, PSIRT_ENOMEM);
		return;
	}
	for (i = 0; i < r->nhits; i++) {
		const struct match__crit *c = &idx->crits[r->hits[i].crit];

		if (c->flags & MATCH__VULNERABLE) {
			cfgs[n++] = idx->nodes[c->node].config;
			/* the bounds as written, which crit_why reads, are cold
			 * in the index (strlen on them, a cache miss each, was
			 * three quarters of crit_why: perf): asked for here, all
			 * at once, their misses overlap */
			__builtin_prefetch(c->start);
			__builtin_prefetch(c->end);
		}
	}
	qsort(cfgs, n, sizeof *cfgs, cmp_u32);
	for (i = 0; i < n; i++) {
		if (idx->configs[cfgs[i]].nnodes > maxn)
			maxn = idx->configs[cfgs[i]].nnodes;
	}
	lo = malloc(maxn * sizeof *lo);
	hi = malloc(maxn * sizeof *hi);
	sat = malloc(maxn * sizeof *sat);
	conf = malloc(maxn * sizeof *conf);
	if (!lo || !hi || !sat || !conf) {
		fail(r, PSIRT_ENOMEM);
		goto out_free;
	}
	for (i = 0; i < n && !r->err; i++) {
		if (i && cfgs[i] == cfgs[i - 1])
			continue;
		eval_config(r, cfgs[i], lo, hi, sat, conf);
	}

out_free:
	free(cfgs);
	free(lo);
	free(hi);
	free(sat);
	free(conf);
}

/* --- package statements -------------------------------------------------- */

/* Evidence for package statement pkg against the purl identity. */
static void osv_emit(void *ctx, const struct match__ident *id, uint32_t pkg, int range,
                     int conf, const char *why)
{
	struct run *r = ctx;
	const struct match__pkg *p = &r->idx->pkgs[pkg];
	struct ev *e = new_ev(r, p->record, id);
	size_t k;

	if (!e)
		return;
	e->order = pkg;
	e->range = range;
	e->e.confidence = (enum psirt_match_confidence)conf;
	e->e.ecosystem = p->ecosystem ? p->ecosystem : "";
	e->e.package = p->name;
	e->e.purl = p->purl;
	e->e.package_seq = (int)p->seq;
	e->e.range_seq = range;
	e->e.why = keep(r, why, strlen(why));
	if (range < 0)
		return;
	e->e.range_type = p->ranges[range].type_name;
	psirt_buf_reset(&r->b);
	for (k = 0; k < p->ranges[range].r.count; k++) {
		const struct psirt_osv_event *ev = &p->ranges[range].r.events[k];

		psirt_buf_addf(&r->b, "%s%s %.*s", k ? ", " : "", psirt_osv_event_name(ev->kind),
		               (int)ev->version.len, ev->version.p);
	}
	e->e.events = keep_buf(r, &r->b);
}

/* A purl identity (or, without a purl, a repository and commit): looked up
 * among the package statements. */
static void purl_ident(struct run *r, size_t subject, const struct psirt_match_subject *s)
{
	struct psirt_purl p, *pp = NULL;
	struct match__ident *id;
	const char *text = s->purl;

	if (s->purl) {
		if (psirt_purl_parse_arena(psirt_str_c(s->purl), PSIRT_PURL_LENIENT, r->a, &p,
		                           r->diag)) {
			r->err = r->diag && r->diag->code ? r->diag->code : PSIRT_EINVAL;
			set_where(r, subject, "purl", 0, 0);
			return;
		}
		pp = &p;
	} else {
		psirt_buf_reset(&r->b2);
		psirt_buf_addf(&r->b2, "%s@%s", s->repo, s->commit);
		text = keep_buf(r, &r->b2);
		if (!text)
			return;
	}
	id = new_ident(r, subject, PSIRT_MATCH_VIA_PURL, text);
	if (!id)
		return;
	if (pp && pp->version.len)
		id->version = pp->version;
	if (match__osv_match(r->idx, pp, psirt_str_c(s->commit), psirt_str_c(s->repo), id, osv_emit,
	                     r))
		fail(r, PSIRT_ENOMEM);
}

/* --- grouping ------------------------------------------------------------ */

/* Findings by record (its rank: vulnerability, id, source), then subject;
 * evidence by via, the order the identities were given, then place in the
 * record (criteria in (configuration, node, match) order: the index keeps
 * a record's criteria in that order; packages and ranges by seq). Packed
 * into two integers before sorting. */
static void ev_keys(struct ev *e)
{
	uint64_t subject = e->subject == PSIRT_MATCH_PRODUCT ? 0xffffffffu : (uint32_t)e->subject;

	e->k1 = (uint64_t)e->rec->rank << 32 | subject;
	/* via: 3 bits, identity < 2^21 (PSIRT_MATCH_MAX_IDENTITIES), a
	 * package after the criteria, then the criterion or package index */
	e->k2 = (uint64_t)e->e.via << 54 | (uint64_t)e->ident << 33 |
	        (uint64_t)(e->e.criteria == NULL) << 32 | e->order;
}
_Static_assert(PSIRT_MATCH_MAX_IDENTITIES < (1 << 21), "identities fit the sort key");

static int cmp_ev(const struct ev *x, const struct ev *y)
{
	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	if (x->k2 != y->k2)
		return x->k2 < y->k2 ? -1 : 1;
	return (x->range > y->range) - (x->range < y->range);
}

static int cmp_ev_ptr(const void *a, const void *b)
{
	return cmp_ev(*(const struct ev *const *)a, *(const struct ev *const *)b);
}

static void group_findings(struct run *r)
{
	const struct psirt_match_index *idx = r->idx;
	struct psirt_match_finding *f;
	struct psirt_match_evidence *evs;
	const struct ev **order;
	size_t i, j, nf = 0;

	if (!r->nevs)
		return;
	/* pointers are sorted, not the evidence: glibc's merge sort copies
	 * elements, and evidence is 200 bytes */
	order = malloc(r->nevs * sizeof *order);
	if (!order) {
		fail(r, PSIRT_ENOMEM);
		return;
	}
	for (i = 0; i < r->nevs; i++) {
		ev_keys(&r->evs[i]);
		order[i] = &r->evs[i];
	}
	qsort(order, r->nevs, sizeof *order, cmp_ev_ptr);
	for (i = 0; i < r->nevs; i++) {
		if (!i || order[i]->record != order[i - 1]->record ||
		    order[i]->subject != order[i - 1]->subject)
			nf++;
	}
	f = psirt_arena_calloc(r->a, nf, sizeof *f);
	evs = psirt_arena_alloc(r->a, r->nevs * sizeof *evs);
	if (!f || !evs) {
		fail(r, PSIRT_ENOMEM);
		goto out_free;
	}
	for (i = 0, j = 0; i < r->nevs; i++) {
		const struct ev *e = order[i];
		struct psirt_match_finding *cur;

		if (!i || e->record != order[i - 1]->record || e->subject != order[i - 1]->subject) {
			cur = &f[j++];
			cur->vuln = idx->records[e->record].vuln;
			cur->record = idx->records[e->record].id;
			cur->source = (enum psirt_vuln_source)idx->records[e->record].source;
			cur->subject = e->subject;
			cur->ref = e->subject < r->nsubjects ? r->subjects[e->subject].ref : NULL;
			if (cur->ref) {
				cur->ref = keep(r, cur->ref, strlen(cur->ref));
				if (!cur->ref)
					goto out_free;
			}
			cur->evidence = &evs[i];
		}
		cur = &f[j - 1];
		evs[i] = e->e;
		cur->nevidence++;
		if (e->e.confidence > cur->confidence)
			cur->confidence = e->e.confidence;
	}
	r->res->findings = f;
	r->res->n = nf;

out_free:
	free(order);
}

/* --- entry points ------------------------------------------------------- */

static void subject_idents(struct run *r, size_t i, const struct psirt_match_subject *s)
{
	size_t k;

	if (s->purl || (s->commit && s->repo))
		purl_ident(r, i, s);
	for (k = 0; k < s->ncpes && !r->err; k++) {
		if (!s->cpes[k]) {
			r->err = psirt_diag_set(r->diag, PSIRT_EINVAL, "a NULL CPE");
			set_where(r, i, "cpes", k, 1);
			return;
		}
		cpe_ident(r, i, PSIRT_MATCH_VIA_CPE, s->cpes[k], "cpes", k);
	}
	if (!s->purl && !s->ncpes && s->name && *s->name && !r->err)
		guess(r, i, s);
}

static enum psirt_err run_match(struct run *r, const char *const *hardware, size_t nhardware,
                                const char *firmware, int one)
{
	size_t i;

	r->one = one;
	for (i = 0; i < r->nsubjects && !r->err; i++)
		subject_idents(r, i, &r->subjects[i]);
	for (i = 0; i < nhardware && !r->err; i++) {
		if (hardware[i])
			cpe_ident(r, PSIRT_MATCH_PRODUCT, PSIRT_MATCH_VIA_HARDWARE, hardware[i], "hardware",
			          i);
	}
	if (firmware && !r->err)
		cpe_ident(r, PSIRT_MATCH_PRODUCT, PSIRT_MATCH_VIA_FIRMWARE, firmware, "firmware", 0);
	if (!r->err)
		eval_configs(r);
	if (!r->err)
		group_findings(r);
	free(r->ids);
	free(r->hits);
	free(r->evs);
	psirt_buf_release(&r->b);
	psirt_buf_release(&r->b2);
	if (r->err) {
		psirt_match_results_release(r->res);
		psirt_arena_init(&r->res->arena, 0);
	}
	return r->err;
}

static void run_init(struct run *r, const struct psirt_match_index *idx,
                     struct psirt_match_results *res, struct psirt_diag *diag)
{
	memset(r, 0, sizeof *r);
	r->idx = idx;
	r->res = res;
	r->a = &res->arena;
	r->diag = diag;
	psirt_buf_init(&r->b, 0);
	psirt_buf_init(&r->b2, 0);
	psirt_match_results_release(res);
	psirt_arena_init(&res->arena, 0);
}

enum psirt_err psirt_match_component(const struct psirt_match_index *idx,
                                     const struct psirt_match_subject *s,
                                     struct psirt_match_results *results,
                                     struct psirt_diag *diag)
{
	struct run r;

	run_init(&r, idx, results, diag);
	r.subjects = s;
	r.nsubjects = 1;
	return run_match(&r, s->hardware, s->nhardware, s->firmware, 1);
}

enum psirt_err psirt_match_product(const struct psirt_match_index *idx,
                                   const struct psirt_match_subject *subjects, size_t n,
                                   const char *const *hardware, size_t nhardware,
                                   const char *firmware, struct psirt_match_results *results,
                                   struct psirt_diag *diag)
{
	struct run r;

	run_init(&r, idx, results, diag);
	r.subjects = subjects;
	r.nsubjects = n;
	return run_match(&r, hardware, nhardware, firmware, 0);
}
