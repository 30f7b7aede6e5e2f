/* Building the matcher's index from the store (see include/psirt/match.h).
 *
 * One pass over psirt_store_scan's streams, each in key order, linked by
 * cursors that only move forward: records, configurations, nodes, criteria,
 * packages. Every criterion is parsed once by the CPE module and its
 * versions encoded once as generic sort keys, so matching compares bytes.
 * Criteria are then grouped by key with a counting sort (one array of
 * indices, no per-key allocation): 2 M criteria take about 80 bytes each
 * plus their strings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/internal.h"

/* Index-wide limits: the store's row counts fit 32-bit indices with room
 * (the full NVD has about 2 M criteria). */
#define MAX_ITEMS 0x7ffffff0u

#define GROUP_WILD 0xffffffffu
#define GROUP_SKIP 0xfffffffeu
#define GROUP_VENDOR 0x80000000u

struct loader {
	struct psirt_match_index *idx;
	struct psirt_diag *diag;
	/* every record's row id, and its index in idx->records or UINT32_MAX */
	long long *rec_keys;
	uint32_t *rec_map;
	size_t nall, cap_all, cur;
	size_t cap_records, cap_configs, cap_nodes, cap_crits, cap_pkgs, cap_problems;
	long long *cfg_rec;  /* row id of each configuration's record */
	long long *node_rec; /* and of each node's */
	size_t ccur, ncur;
	int stream;          /* the stream the cursors were last reset for */
	uint32_t *crit_group; /* key id, GROUP_VENDOR | vendor id, GROUP_WILD, GROUP_SKIP */
	size_t cap_groups;
	/* keys: text, product id, part */
	const char **key_texts;
	uint32_t *key_product;
	char *key_part;
	size_t cap_keys;
	size_t nproducts;
	/* packages: (list kind and id, package) pairs to group */
	uint32_t *pkg_pairs; /* list id, package index; two per pair */
	size_t npairs, cap_pairs;
	size_t npkg_lists;
	struct psirt_buf b, b2, b3;
	struct psirt_cpe *scratch;
	size_t scratch_size;
};

static enum psirt_err nomem(struct loader *l)
{
	return psirt_diag_set(l->diag, PSIRT_ENOMEM, "out of memory while building the index");
}

/* Grows *arr (of elem-byte items, *cap of them) to hold one more than n. */
static int grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	void **p = arr, *q;
	size_t c;

	if (n < *cap)
		return 0;
	if (n >= MAX_ITEMS)
		return -1;
	c = *cap ? *cap * 2 : 256;
	q = realloc(*p, c * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static char *keep(struct loader *l, const char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = psirt_arena_strdup(&l->idx->arena, s);
	if (!p)
		nomem(l);
	return p;
}

static enum psirt_err problem(struct loader *l, uint32_t record, const char *field,
                              const char *value, const char *message)
{
	struct psirt_match_index *idx = l->idx;
	struct psirt_match_problem *p;

	if (grow(&idx->problems, &l->cap_problems, idx->nproblems, sizeof *idx->problems))
		return nomem(l);
	p = &idx->problems[idx->nproblems];
	p->record = idx->records[record].id;
	p->field = keep(l, field);
	p->value = keep(l, value ? value : "");
	p->message = keep(l, message ? message : "");
	if (!p->field || !p->value || !p->message)
		return PSIRT_ENOMEM;
	idx->nproblems++;
	return PSIRT_OK;
}

/* Moves the record cursor to key: its index in idx->records, or UINT32_MAX
 * when the record is unknown or withdrawn. */
static uint32_t record_at(struct loader *l, int stream, long long key)
{
	if (l->stream != stream) {
		l->stream = stream;
		l->cur = 0;
		l->ccur = 0;
		l->ncur = 0;
	}
	while (l->cur < l->nall && l->rec_keys[l->cur] < key)
		l->cur++;
	if (l->cur < l->nall && l->rec_keys[l->cur] == key)
		return l->rec_map[l->cur];
	return UINT32_MAX;
}

static enum psirt_err on_record(void *ctx, const struct psirt_store_scan_record *r,
                                struct psirt_diag *diag)
{
	struct loader *l = ctx;
	struct psirt_match_index *idx = l->idx;
	struct match__record *rec;
	size_t cap = l->cap_all;

	(void)diag;
	if (grow(&l->rec_keys, &l->cap_all, l->nall, sizeof *l->rec_keys))
		return nomem(l);
	if (cap != l->cap_all) { /* rec_map grows with rec_keys */
		uint32_t *q = realloc(l->rec_map, l->cap_all * sizeof *q);

		if (!q)
			return nomem(l);
		l->rec_map = q;
	}
	l->rec_keys[l->nall] = r->key;
	l->rec_map[l->nall] = UINT32_MAX;
	l->nall++;
	if (r->withdrawn) {
		idx->nwithdrawn++;
		return PSIRT_OK;
	}
	if (grow(&idx->records, &l->cap_records, idx->nrecords, sizeof *idx->records))
		return nomem(l);
	rec = &idx->records[idx->nrecords];
	rec->id = keep(l, r->id ? r->id : "");
	rec->vuln = keep(l, r->vuln ? r->vuln : (r->id ? r->id : ""));
	rec->source = (uint8_t)r->source;
	if (!rec->id || !rec->vuln)
		return PSIRT_ENOMEM;
	l->rec_map[l->nall - 1] = (uint32_t)idx->nrecords++;
	return PSIRT_OK;
}

static enum psirt_err on_config(void *ctx, const struct psirt_store_scan_config *c,
                                struct psirt_diag *diag)
{
	struct loader *l = ctx;
	struct psirt_match_index *idx = l->idx;
	uint32_t rec = record_at(l, 1, c->record);
	struct match__config *cfg;

	(void)diag;
	if (rec == UINT32_MAX)
		return PSIRT_OK;
	size_t cap = l->cap_configs;

	if (grow(&idx->configs, &l->cap_configs, idx->nconfigs, sizeof *idx->configs))
		return nomem(l);
	if (cap != l->cap_configs) {
		long long *q = realloc(l->cfg_rec, l->cap_configs * sizeof *q);

		if (!q)
			return nomem(l);
		l->cfg_rec = q;
	}
	cfg = &idx->configs[idx->nconfigs];
	memset(cfg, 0, sizeof *cfg);
	cfg->record = rec;
	cfg->seq = c->seq;
	cfg->op = (uint8_t)c->op;
	cfg->negate = (uint8_t)!!c->negate;
	l->cfg_rec[idx->nconfigs++] = c->record;
	return PSIRT_OK;
}

/* Orders (record, a, b) triples. */
static int key_cmp3(long long r1, long long a1, long long b1, long long r2, long long a2,
                    long long b2)
{
	if (r1 != r2)
		return r1 < r2 ? -1 : 1;
	if (a1 != a2)
		return a1 < a2 ? -1 : 1;
	if (b1 != b2)
		return b1 < b2 ? -1 : 1;
	return 0;
}

static enum psirt_err on_node(void *ctx, const struct psirt_store_scan_node *n,
                              struct psirt_diag *diag)
{
	struct loader *l = ctx;
	struct psirt_match_index *idx = l->idx;
	struct match__node *node;
	struct match__config *cfg;

	(void)diag;
	if (l->stream != 2) {
		l->stream = 2;
		l->ccur = 0;
	}
	while (l->ccur < idx->nconfigs &&
	       key_cmp3(l->cfg_rec[l->ccur], idx->configs[l->ccur].seq, 0, n->record, n->config_seq,
	                0) < 0)
		l->ccur++;
	if (l->ccur >= idx->nconfigs ||
	    key_cmp3(l->cfg_rec[l->ccur], idx->configs[l->ccur].seq, 0, n->record, n->config_seq, 0))
		return PSIRT_OK; /* a withdrawn record's */
	size_t cap = l->cap_nodes;

	if (grow(&idx->nodes, &l->cap_nodes, idx->nnodes, sizeof *idx->nodes))
		return nomem(l);
	if (cap != l->cap_nodes) {
		long long *q = realloc(l->node_rec, l->cap_nodes * sizeof *q);

		if (!q)
			return nomem(l);
		l->node_rec = q;
	}
	cfg = &idx->configs[l->ccur];
	if (!cfg->nnodes)
		cfg->first_node = (uint32_t)idx->nnodes;
	cfg->nnodes++;
	node = &idx->nodes[idx->nnodes];
	memset(node, 0, sizeof *node);
	node->config = (uint32_t)l->ccur;
	node->seq = n->seq;
	node->op = (uint8_t)n->op;
	node->negate = (uint8_t)!!n->negate;
	l->node_rec[idx->nnodes++] = n->record;
	return PSIRT_OK;
}

/* Encodes v as a generic sort key in the arena: *out, or a problem. Returns
 * 1 when it is usable. */
static int version_key(struct loader *l, const char *v, size_t len, const unsigned char **out,
                       struct psirt_diag *why)
{
	unsigned char *p;

	psirt_buf_reset(&l->b3);
	if (psirt_version_sort_key(l->idx->generic, psirt_str_make(v, len), &l->b3, why))
		return 0;
	p = psirt_arena_alloc(&l->idx->arena, l->b3.len + 2);
	if (!p) {
		nomem(l);
		return 0;
	}
	p[0] = (unsigned char)(l->b3.len & 0xff);
	p[1] = (unsigned char)(l->b3.len >> 8);
	memcpy(p + 2, l->b3.p, l->b3.len);
	*out = p;
	return 1;
}

/* The problem's field name for a criterion's member. */
static const char *crit_field(struct loader *l, const struct match__node *node, int seq,
                              const char *member)
{
	psirt_buf_reset(&l->b2);
	psirt_buf_addf(&l->b2, "configurations[%d].nodes[%d].cpeMatch[%d].%s",
	               (int)l->idx->configs[node->config].seq, (int)node->seq, seq, member);
	return psirt_buf_error(&l->b2) ? "cpeMatch" : l->b2.p;
}

static enum psirt_err bad_crit(struct loader *l, struct match__crit *c, uint32_t rec,
                               const struct match__node *node, const char *member,
                               const char *value, const struct psirt_diag *why)
{
	c->flags |= MATCH__SKIP;
	return problem(l, rec, crit_field(l, node, c->seq, member), value,
	               why->message ? why->message : "unusable");
}

/* Looks key text up in map, adding it as the next id; *id gets the id,
 * *added whether it is new. */
static enum psirt_err intern(struct loader *l, struct psirt_map *map, const char *text,
                             size_t len, size_t *count, uint32_t *id, int *added)
{
	void *v = psirt_map_get(map, text, len);

	*added = 0;
	if (v) {
		*id = (uint32_t)((uintptr_t)v - 1);
		return PSIRT_OK;
	}
	if (*count >= MAX_ITEMS)
		return nomem(l);
	*id = (uint32_t)*count;
	if (psirt_map_put(map, text, len, (void *)(uintptr_t)(*count + 1), NULL))
		return nomem(l);
	(*count)++;
	*added = 1;
	return PSIRT_OK;
}

/* Registers a new part:vendor:product key: its text, part and product. */
static enum psirt_err new_key(struct loader *l, uint32_t id, const struct psirt_cpe *cpe)
{
	struct psirt_match_index *idx = l->idx;
	size_t cap = l->cap_keys;
	uint32_t pid;
	int added;
	enum psirt_err err;

	if (grow(&l->key_texts, &l->cap_keys, id, sizeof *l->key_texts))
		return nomem(l);
	if (cap != l->cap_keys) {
		uint32_t *q = realloc(l->key_product, l->cap_keys * sizeof *q);
		char *r;

		if (!q)
			return nomem(l);
		l->key_product = q;
		r = realloc(l->key_part, l->cap_keys);
		if (!r)
			return nomem(l);
		l->key_part = r;
	}
	l->key_texts[id] = psirt_arena_strndup(&idx->arena, l->b.p, l->b.len);
	if (!l->key_texts[id])
		return nomem(l);
	l->key_part[id] = psirt_cpe_part(cpe);
	/* the product's text is the key's last component */
	{
		const char *t = l->key_texts[id], *last = t;
		size_t i;

		for (i = 0; t[i]; i++) {
			if (t[i] == '\\' && t[i + 1])
				i++;
			else if (t[i] == ':')
				last = t + i + 1;
		}
		err = intern(l, &idx->products, last, strlen(last), &l->nproducts, &pid, &added);
		if (err)
			return err;
	}
	l->key_product[id] = pid;
	return PSIRT_OK;
}

static enum psirt_err set_group(struct loader *l, size_t crit, uint32_t group)
{
	if (grow(&l->crit_group, &l->cap_groups, crit, sizeof *l->crit_group))
		return nomem(l);
	l->crit_group[crit] = group;
	return PSIRT_OK;
}

static enum psirt_err on_match(void *ctx, const struct psirt_store_scan_match *row,
                               struct psirt_diag *diag)
{
	struct loader *l = ctx;
	struct psirt_match_index *idx = l->idx;
	const struct psirt_vuln_cpe_match *m = row->m;
	struct psirt_diag why = PSIRT_DIAG_INIT;
	struct match__node *node;
	struct match__crit *c;
	const struct psirt_cpe_value *ver;
	uint32_t rec, group = GROUP_WILD;
	enum psirt_err err = PSIRT_OK;
	size_t in_len;
	int a, added, keep_cpe = 0;

	(void)diag;
	if (l->stream != 3) {
		l->stream = 3;
		l->ncur = 0;
	}
	while (l->ncur < idx->nnodes &&
	       key_cmp3(l->node_rec[l->ncur], idx->configs[idx->nodes[l->ncur].config].seq,
	                idx->nodes[l->ncur].seq, row->record, row->config_seq, row->node_seq) < 0)
		l->ncur++;
	if (l->ncur >= idx->nnodes ||
	    key_cmp3(l->node_rec[l->ncur], idx->configs[idx->nodes[l->ncur].config].seq,
	             idx->nodes[l->ncur].seq, row->record, row->config_seq, row->node_seq))
		return PSIRT_OK;
	node = &idx->nodes[l->ncur];
	rec = idx->configs[node->config].record;
	if (grow(&idx->crits, &l->cap_crits, idx->ncrits, sizeof *idx->crits))
		return nomem(l);
	if (!node->ncrit)
		node->first_crit = (uint32_t)idx->ncrits;
	node->ncrit++;
	c = &idx->crits[idx->ncrits];
	memset(c, 0, sizeof *c);
	c->node = (uint32_t)l->ncur;
	c->seq = row->seq;
	c->flags = m->vulnerable ? MATCH__VULNERABLE : 0;
	c->cap = PSIRT_MATCH_HIGH;
	c->criteria = keep(l, m->criteria ? m->criteria : "");
	c->mcid = keep(l, m->match_criteria_id);
	if (!c->criteria || (m->match_criteria_id && !c->mcid))
		return PSIRT_ENOMEM;
	idx->ncrits++;

	in_len = strlen(c->criteria);
	if (in_len > PSIRT_CPE_MAX)
		in_len = PSIRT_CPE_MAX + 1; /* parse says "too big" */
	if (psirt_cpe_parse_into(l->scratch, l->scratch_size, psirt_str_make(c->criteria, in_len),
	                         &why)) {
		err = bad_crit(l, c, rec, node, "criteria", c->criteria, &why);
		group = GROUP_SKIP;
		goto out;
	}
	/* where the criterion is looked up from */
	if (match__cpe_key(l->scratch, 0, &l->b)) {
		err = intern(l, &idx->keys, l->b.p, l->b.len, &idx->nkeys, &group, &added);
		if (!err && added)
			err = new_key(l, group, l->scratch);
		if (err)
			goto out;
		c->flags |= MATCH__KEYED;
	} else {
		keep_cpe = 1;
		if (match__cpe_key(l->scratch, 1, &l->b)) {
			err = intern(l, &idx->vendors, l->b.p, l->b.len, &idx->nvendor_lists, &group,
			             &added);
			if (err)
				goto out;
			group |= GROUP_VENDOR;
		}
		/* a vendor-wide name (JVN's cpe:/a:vendor) says nothing of the
		 * product: at most low confidence */
		if (psirt_cpe_get(l->scratch, PSIRT_CPE_PRODUCT)->kind == PSIRT_CPE_ANY)
			c->cap = PSIRT_MATCH_LOW;
	}
	for (a = PSIRT_CPE_UPDATE; a < PSIRT_CPE_ATTR__MAX; a++) {
		if (psirt_cpe_get(l->scratch, (enum psirt_cpe_attr)a)->kind != PSIRT_CPE_ANY) {
			c->flags |= MATCH__EXTRAS;
			keep_cpe = 1;
		}
	}
	ver = psirt_cpe_get(l->scratch, PSIRT_CPE_VERSION);
	if (ver->kind == PSIRT_CPE_ANY) {
		c->vkind = MATCH__V_ANY;
	} else if (ver->kind == PSIRT_CPE_NA) {
		c->vkind = MATCH__V_NA;
	} else if (psirt_cpe_value_has_wildcards(ver)) {
		c->vkind = MATCH__V_PATTERN;
		keep_cpe = 1;
	} else {
		struct psirt_str body = psirt_cpe_body(l->scratch, PSIRT_CPE_VERSION);

		c->vkind = MATCH__V_EXACT;
		if (!version_key(l, body.p, body.len, &c->vkey, &why)) {
			if (!why.code)
				return PSIRT_ENOMEM;
			err = bad_crit(l, c, rec, node, "criteria", c->criteria, &why);
			group = GROUP_SKIP;
			goto out;
		}
	}
	/* bounds: one per side; a side given both ways is unusable */
	{
		static const char *const names[4] = { "versionStartIncluding", "versionStartExcluding",
			                               "versionEndIncluding", "versionEndExcluding" };
		const char *vals[4] = { m->version_start_including, m->version_start_excluding,
			                m->version_end_including, m->version_end_excluding };
		static const uint8_t flags[4] = { MATCH__START_INCL, MATCH__START_EXCL, MATCH__END_INCL,
			                          MATCH__END_EXCL };
		int i;

		for (i = 0; i < 4; i++) {
			const unsigned char **slot = i < 2 ? &c->skey : &c->ekey;
			const char **text = i < 2 ? &c->start : &c->end;

			if (!vals[i])
				continue;
			if (*slot) {
				psirt_diag_set(&why, PSIRT_EINVAL, "%s and %s both given", names[i - 1],
				               names[i]);
				err = bad_crit(l, c, rec, node, names[i], vals[i], &why);
				group = GROUP_SKIP;
				goto out;
			}
			if (!version_key(l, vals[i], strlen(vals[i]), slot, &why)) {
				if (!why.code)
					return PSIRT_ENOMEM;
				err = bad_crit(l, c, rec, node, names[i], vals[i], &why);
				group = GROUP_SKIP;
				goto out;
			}
			*text = keep(l, vals[i]);
			if (!*text)
				return PSIRT_ENOMEM;
			c->flags |= flags[i];
		}
	}
	if (c->skey || c->ekey) {
		uint8_t s = match__target_scheme_of(l->scratch);

		/* the target's scheme only when it reads the bounds too */
		if (s && (!c->start || !match__target_scheme(s - 1u)->check(psirt_str_c(c->start),
		                                                            NULL)) &&
		    (!c->end || !match__target_scheme(s - 1u)->check(psirt_str_c(c->end), NULL)))
			c->scheme = s;
	}
	if (idx->records[rec].source == PSIRT_VULN_SRC_JVN && c->vkind == MATCH__V_ANY &&
	    !c->skey && !c->ekey && c->cap > PSIRT_MATCH_MEDIUM)
		c->cap = PSIRT_MATCH_MEDIUM; /* JVN names the product, not its versions */
	if (keep_cpe) {
		size_t size = sizeof *l->scratch + l->scratch->text_len + 1;
		struct psirt_cpe *copy = psirt_arena_alloc(&idx->arena, size);

		if (!copy)
			return nomem(l);
		memcpy(copy, l->scratch, size);
		c->cpe = copy;
	}

out:
	psirt_diag_release(&why);
	if (err)
		return err;
	return set_group(l, idx->ncrits - 1, group);
}

static enum psirt_err pkg_pair(struct loader *l, uint32_t list, uint32_t pkg)
{
	if (grow(&l->pkg_pairs, &l->cap_pairs, 2 * l->npairs + 1, sizeof *l->pkg_pairs))
		return nomem(l);
	l->pkg_pairs[2 * l->npairs] = list;
	l->pkg_pairs[2 * l->npairs + 1] = pkg;
	l->npairs++;
	return PSIRT_OK;
}

/* Adds package pkg under key b in map (all three maps share list ids). */
static enum psirt_err pkg_under(struct loader *l, struct psirt_map *map, uint32_t pkg)
{
	uint32_t id = 0;
	int added;
	enum psirt_err err = intern(l, map, l->b.p, l->b.len, &l->npkg_lists, &id, &added);

	return err ? err : pkg_pair(l, id, pkg);
}

static enum psirt_err pkg_problem(struct loader *l, uint32_t rec, int pseq, int rseq,
                                  const char *member, const char *value, const char *message)
{
	psirt_buf_reset(&l->b2);
	if (rseq < 0)
		psirt_buf_addf(&l->b2, "affected[%d].%s", pseq, member);
	else
		psirt_buf_addf(&l->b2, "affected[%d].ranges[%d].%s", pseq, rseq, member);
	return problem(l, rec, psirt_buf_error(&l->b2) ? "affected" : l->b2.p, value, message);
}

/* Loads one range into r; a range that cannot be evaluated is reported and
 * left unusable (GIT ranges are usable: they are read with commits). */
static enum psirt_err load_range(struct loader *l, uint32_t rec, struct match__pkg *pkg,
                                 const struct psirt_vuln_range *src, int rseq,
                                 struct match__range *r)
{
	struct psirt_match_index *idx = l->idx;
	struct psirt_diag why = PSIRT_DIAG_INIT;
	const struct psirt_version_scheme *scheme = NULL;
	const struct psirt_vuln_event *e;
	struct psirt_osv_event *ev;
	enum psirt_osv_range_type type;
	enum psirt_err err = PSIRT_OK;
	size_t n = 0, i;
	int has_intro = 0;

	r->seq = rseq;
	r->type_name = keep(l, src->type ? src->type : "");
	r->repo = keep(l, src->repo);
	if (!r->type_name || (src->repo && !r->repo))
		return PSIRT_ENOMEM;
	for (e = src->events; e; e = e->next)
		n++;
	ev = psirt_arena_calloc(&idx->arena, n ? n : 1, sizeof *ev);
	if (!ev)
		return nomem(l);
	r->r.events = ev;
	if (psirt_osv_range_type_parse(psirt_str_c(r->type_name), &type, &why)) {
		err = pkg_problem(l, rec, pkg->seq, rseq, "type", r->type_name, why.message);
		goto out;
	}
	r->r.type = type;
	if (type != PSIRT_OSV_GIT &&
	    psirt_osv_range_scheme(type, psirt_str_c(pkg->ecosystem ? pkg->ecosystem : ""), &scheme,
	                           &why)) {
		err = pkg_problem(l, rec, pkg->seq, rseq, "type", pkg->ecosystem ? pkg->ecosystem : "",
		                  why.message);
		goto out;
	}
	for (i = 0, e = src->events; e; e = e->next, i++) {
		const char *value = e->value ? e->value : "";

		psirt_buf_reset(&l->b3);
		psirt_buf_addf(&l->b3, "events[%zu].%s", i, e->kind ? e->kind : "?");
		if (psirt_osv_event_kind_parse(psirt_str_c(e->kind ? e->kind : ""), &ev[i].kind, &why)) {
			err = pkg_problem(l, rec, pkg->seq, rseq, l->b3.p, value, why.message);
			goto out;
		}
		ev[i].version.p = keep(l, value);
		if (!ev[i].version.p)
			return PSIRT_ENOMEM;
		ev[i].version.len = strlen(value);
		has_intro |= ev[i].kind == PSIRT_OSV_INTRODUCED;
		if (!scheme)
			continue; /* GIT: commits */
		if ((ev[i].kind == PSIRT_OSV_INTRODUCED && !strcmp(value, "0")) ||
		    (ev[i].kind == PSIRT_OSV_LIMIT && strchr(value, '*')))
			continue; /* the schema's "before everything" and "infinity" */
		if (scheme->check(ev[i].version, &why)) {
			err = pkg_problem(l, rec, pkg->seq, rseq, l->b3.p, value, why.message);
			goto out;
		}
	}
	r->r.count = n;
	if (!has_intro) {
		err = pkg_problem(l, rec, pkg->seq, rseq, "events", "",
		                  "a range without an \"introduced\" event (the schema requires one)");
		goto out;
	}
	r->usable = 1;
	if (type == PSIRT_OSV_GIT && r->repo && match__repo_key(psirt_str_c(r->repo), &l->b))
		err = pkg_under(l, &idx->pkg_repos, (uint32_t)(pkg - idx->pkgs));

out:
	psirt_diag_release(&why);
	return err;
}

/* A statement whose ecosystem has no scheme (OSS-Fuzz records): its tags as
 * generic sort keys, and the statement under its name and its GIT
 * repositories' last path segments (src/match/osv.c, "Tag lists"). */
static enum psirt_err load_tags(struct loader *l, struct match__pkg *pkg, uint32_t pi)
{
	struct psirt_match_index *idx = l->idx;
	struct psirt_str name = psirt_str_c(pkg->name);
	enum psirt_err err;
	uint32_t k;

	pkg->tagkeys = psirt_arena_calloc(&idx->arena, pkg->nversions, sizeof *pkg->tagkeys);
	if (!pkg->tagkeys)
		return nomem(l);
	for (k = 0; k < pkg->nversions; k++) {
		unsigned char *p;

		if (!match__tag_norm(psirt_str_c(pkg->versions[k]), name, &l->b2))
			continue;
		psirt_buf_reset(&l->b3);
		if (psirt_version_sort_key(idx->generic, psirt_str_make(l->b2.p, l->b2.len), &l->b3,
		                           NULL))
			continue; /* not a version: never matches */
		p = psirt_arena_alloc(&idx->arena, l->b3.len + 2);
		if (!p)
			return nomem(l);
		p[0] = (unsigned char)(l->b3.len & 0xff);
		p[1] = (unsigned char)(l->b3.len >> 8);
		memcpy(p + 2, l->b3.p, l->b3.len);
		pkg->tagkeys[k] = p;
	}
	if (!match__tag_key(name, 0, &l->b2))
		return PSIRT_OK;
	psirt_buf_reset(&l->b);
	psirt_buf_add(&l->b, l->b2.p, l->b2.len);
	err = pkg_under(l, &idx->pkg_tags, pi);
	for (k = 0; !err && k < pkg->nranges; k++) {
		const struct match__range *r = &pkg->ranges[k];

		if (r->r.type != PSIRT_OSV_GIT || !r->repo ||
		    !match__tag_key(psirt_str_c(r->repo), 1, &l->b))
			continue;
		if (l->b.len == l->b2.len && !memcmp(l->b.p, l->b2.p, l->b.len))
			continue; /* the name's key */
		err = pkg_under(l, &idx->pkg_tags, pi);
		psirt_buf_reset(&l->b2);
		psirt_buf_add(&l->b2, l->b.p, l->b.len); /* the next range's repo is likely the same */
	}
	if (!err && (psirt_buf_error(&l->b) || psirt_buf_error(&l->b2) || psirt_buf_error(&l->b3)))
		err = nomem(l);
	return err;
}

static enum psirt_err on_package(void *ctx, const struct psirt_store_scan_package *row,
                                 struct psirt_diag *diag)
{
	struct loader *l = ctx;
	struct psirt_match_index *idx = l->idx;
	const struct psirt_vuln_package *src = row->p;
	const struct psirt_vuln_range *r;
	const struct psirt_vuln_str *v;
	uint32_t rec = record_at(l, 4, row->record), pi;
	struct match__pkg *pkg;
	enum psirt_err err;
	size_t n, i;

	(void)diag;
	if (rec == UINT32_MAX)
		return PSIRT_OK;
	if (grow(&idx->pkgs, &l->cap_pkgs, idx->npkgs, sizeof *idx->pkgs))
		return nomem(l);
	pi = (uint32_t)idx->npkgs++;
	pkg = &idx->pkgs[pi];
	memset(pkg, 0, sizeof *pkg);
	pkg->record = rec;
	pkg->seq = row->seq;
	pkg->ecosystem = keep(l, src->ecosystem);
	pkg->name = keep(l, src->name);
	pkg->purl = keep(l, src->purl);
	if ((src->ecosystem && !pkg->ecosystem) || (src->name && !pkg->name) ||
	    (src->purl && !pkg->purl))
		return PSIRT_ENOMEM;
	if (pkg->ecosystem) {
		const char *colon = strchr(pkg->ecosystem, ':');

		pkg->scheme = psirt_version_scheme_find(psirt_str_c(pkg->ecosystem));
		if (colon)
			pkg->release = psirt_str_c(colon + 1);
	}
	for (n = 0, r = src->ranges; r; r = r->next)
		n++;
	if (n) {
		pkg->ranges = psirt_arena_calloc(&idx->arena, n, sizeof *pkg->ranges);
		if (!pkg->ranges)
			return nomem(l);
	}
	for (i = 0, r = src->ranges; r; r = r->next, i++) {
		err = load_range(l, rec, pkg, r, (int)i, &pkg->ranges[i]);
		if (err)
			return err;
		pkg = &idx->pkgs[pi];
		pkg->nranges++;
		idx->nranges++;
	}
	for (n = 0, v = src->versions; v; v = v->next)
		n++;
	if (n) {
		pkg->versions = psirt_arena_calloc(&idx->arena, n, sizeof *pkg->versions);
		if (!pkg->versions)
			return nomem(l);
	}
	for (v = src->versions; v; v = v->next) {
		pkg->versions[pkg->nversions] = keep(l, v->value ? v->value : "");
		if (!pkg->versions[pkg->nversions])
			return PSIRT_ENOMEM;
		pkg->nversions++;
	}
	/* found by ecosystem and name, and by the purl's type/namespace/name */
	if (pkg->ecosystem && pkg->name) {
		match__pkg_name_key(psirt_str_c(pkg->ecosystem), psirt_str_c(pkg->name), &l->b);
		err = pkg_under(l, &idx->pkg_names, pi);
		if (err)
			return err;
	}
	if (!pkg->scheme && pkg->nversions && pkg->name) {
		err = load_tags(l, pkg, pi);
		if (err)
			return err;
	}
	if (pkg->purl) {
		struct psirt_purl p;
		struct psirt_diag why = PSIRT_DIAG_INIT;

		if (psirt_purl_parse(psirt_str_c(pkg->purl), PSIRT_PURL_LENIENT, &p, &why)) {
			err = pkg_problem(l, rec, pkg->seq, -1, "package.purl", pkg->purl, why.message);
			psirt_diag_release(&why);
			return err;
		}
		match__purl_key(&p, &l->b);
		psirt_purl_release(&p);
		err = pkg_under(l, &idx->pkg_purls, pi);
		if (err)
			return err;
	}
	return PSIRT_OK;
}

/* Groups items by list id with a counting sort: pairs (list, item), n of
 * them; lists gets nlists entries, items the items grouped, in input order
 * within a list. */
static enum psirt_err group(struct loader *l, const uint32_t *list_of, const uint32_t *item_of,
                            size_t stride, size_t n, size_t nlists, struct match__list **lists,
                            uint32_t **items)
{
	size_t i, total = 0;
	uint32_t *pos;

	*lists = calloc(nlists ? nlists : 1, sizeof **lists);
	*items = malloc((n ? n : 1) * sizeof **items);
	if (!*lists || !*items)
		return nomem(l);
	for (i = 0; i < n; i++)
		(*lists)[list_of[i * stride]].n++;
	for (i = 0; i < nlists; i++) {
		(*lists)[i].first = (uint32_t)total;
		total += (*lists)[i].n;
	}
	pos = calloc(nlists ? nlists : 1, sizeof *pos);
	if (!pos)
		return nomem(l);
	for (i = 0; i < n; i++) {
		uint32_t k = list_of[i * stride];

		(*items)[(*lists)[k].first + pos[k]++] = item_of ? item_of[i * stride] : (uint32_t)i;
	}
	free(pos);
	l->idx->bytes += nlists * sizeof **lists + n * sizeof **items;
	return PSIRT_OK;
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_record(const void *a, const void *b)
{
	const struct match__record *x = *(const struct match__record *const *)a;
	const struct match__record *y = *(const struct match__record *const *)b;
	int c = strcmp(x->vuln, y->vuln);

	if (!c)
		c = strcmp(x->id, y->id);
	if (!c)
		c = (x->source > y->source) - (x->source < y->source);
	return c;
}

/* Ranks the records in (vulnerability, id, source) order, the findings'
 * order: matching then compares integers, and the order does not depend on
 * the store's row ids. */
static enum psirt_err rank_records(struct loader *l)
{
	struct psirt_match_index *idx = l->idx;
	struct match__record **order = malloc((idx->nrecords ? idx->nrecords : 1) * sizeof *order);
	size_t i;

	if (!order)
		return nomem(l);
	for (i = 0; i < idx->nrecords; i++)
		order[i] = &idx->records[i];
	qsort(order, idx->nrecords, sizeof *order, cmp_record);
	for (i = 0; i < idx->nrecords; i++)
		order[i]->rank = (uint32_t)i;
	free(order);
	return PSIRT_OK;
}

static enum psirt_err finish(struct loader *l)
{
	struct psirt_match_index *idx = l->idx;
	uint32_t *keyed = NULL, *keyed_ids = NULL, *vend = NULL, *vend_ids = NULL;
	size_t nk = 0, nv = 0, i;
	enum psirt_err err = PSIRT_OK;

	keyed = malloc((idx->ncrits ? idx->ncrits : 1) * sizeof *keyed);
	keyed_ids = malloc((idx->ncrits ? idx->ncrits : 1) * sizeof *keyed_ids);
	vend = malloc((idx->ncrits ? idx->ncrits : 1) * sizeof *vend);
	vend_ids = malloc((idx->ncrits ? idx->ncrits : 1) * sizeof *vend_ids);
	idx->wild = malloc((idx->ncrits ? idx->ncrits : 1) * sizeof *idx->wild);
	if (!keyed || !keyed_ids || !vend || !vend_ids || !idx->wild) {
		err = nomem(l);
		goto out_free;
	}
	err = rank_records(l);
	if (err)
		goto out_free;
	for (i = 0; i < idx->ncrits; i++) {
		uint32_t g = l->crit_group[i];

		if (g == GROUP_SKIP)
			continue;
		if (g == GROUP_WILD) {
			idx->wild[idx->nwild++] = (uint32_t)i;
		} else if (g & GROUP_VENDOR) {
			vend[nv] = g & ~GROUP_VENDOR;
			vend_ids[nv++] = (uint32_t)i;
		} else {
			keyed[nk] = g;
			keyed_ids[nk++] = (uint32_t)i;
		}
	}
	err = group(l, keyed, keyed_ids, 1, nk, idx->nkeys, &idx->key_lists, &idx->key_items);
	if (!err)
		err = group(l, vend, vend_ids, 1, nv, idx->nvendor_lists, &idx->vendor_lists,
		            &idx->vendor_items);
	/* product name → keys of part a and o (a name guess is software), each
	 * list in key text order, so that guesses do not depend on the order
	 * the store gave the keys in */
	if (!err) {
		const char **by_text = malloc((idx->nkeys ? idx->nkeys : 1) * sizeof *by_text);
		size_t np = 0;

		if (!by_text) {
			err = nomem(l);
			goto out_free;
		}
		for (i = 0; i < idx->nkeys; i++)
			by_text[i] = l->key_texts[i];
		qsort(by_text, idx->nkeys, sizeof *by_text, cmp_text);
		for (i = 0; i < idx->nkeys; i++) {
			/* by_text[i] points into the arena; find its id through the map */
			uint32_t k = (uint32_t)((uintptr_t)psirt_map_get(&idx->keys, by_text[i],
			                                                 strlen(by_text[i])) - 1);

			if (l->key_part[k] == 'a' || l->key_part[k] == 'o') {
				keyed[np] = l->key_product[k];
				keyed_ids[np++] = k;
			}
		}
		free(by_text);
		err = group(l, keyed, keyed_ids, 1, np, l->nproducts, &idx->product_lists,
		            &idx->product_items);
	}
	if (!err)
		err = group(l, l->pkg_pairs, l->npairs ? l->pkg_pairs + 1 : NULL, 2, l->npairs,
		            l->npkg_lists, &idx->pkg_lists, &idx->pkg_items);
	if (!err) {
		idx->key_texts = l->key_texts;
		l->key_texts = NULL;
	}

out_free:
	free(keyed);
	free(keyed_ids);
	free(vend);
	free(vend_ids);
	return err;
}

/* scoped: psirt_store_scan_scope; piped: the scan on a second thread
 * (psirt_store_scan_piped), the callbacks still on this one. */
static enum psirt_err load(struct psirt_store *store, int scoped, int piped,
                           struct psirt_match_index **out, struct psirt_diag *diag)
{
	struct psirt_match_index *idx = calloc(1, sizeof *idx);
	struct loader l;
	struct psirt_store_scan_sink sink = { on_record, on_config, on_node, on_match, on_package, &l };
	enum psirt_err err;

	*out = NULL;
	memset(&l, 0, sizeof l);
	if (!idx)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&idx->arena, 1 << 20);
	psirt_map_init(&idx->keys);
	psirt_map_init(&idx->vendors);
	psirt_map_init(&idx->products);
	psirt_map_init(&idx->pkg_names);
	psirt_map_init(&idx->pkg_purls);
	psirt_map_init(&idx->pkg_repos);
	psirt_map_init(&idx->pkg_tags);
	l.idx = idx;
	l.diag = diag;
	l.stream = -1;
	psirt_buf_init(&l.b, 0);
	psirt_buf_init(&l.b2, 0);
	psirt_buf_init(&l.b3, 0);
	idx->generic = psirt_version_scheme_find(psirt_str_c("generic"));
	if (!idx->generic) {
		err = psirt_diag_set(diag, PSIRT_EINTERNAL, "no generic version scheme");
		goto out_free;
	}
	l.scratch_size = PSIRT_CPE_SIZE(PSIRT_CPE_MAX);
	l.scratch = malloc(l.scratch_size);
	if (!l.scratch) {
		err = nomem(&l);
		goto out_free;
	}
	if (piped)
		err = psirt_store_scan_piped(store, scoped, &sink, diag);
	else if (scoped)
		err = psirt_store_scan_scope(store, &sink, diag);
	else
		err = psirt_store_scan(store, &sink, diag);
	if (!err)
		err = finish(&l);
	if (!err) {
		idx->bytes += idx->arena.total + idx->nrecords * sizeof *idx->records +
		              idx->nconfigs * sizeof *idx->configs + idx->nnodes * sizeof *idx->nodes +
		              idx->ncrits * sizeof *idx->crits + idx->npkgs * sizeof *idx->pkgs +
		              idx->ncrits * sizeof *idx->wild;
		*out = idx;
		idx = NULL;
	}

out_free:
	free(l.scratch);
	free(l.rec_keys);
	free(l.rec_map);
	free(l.cfg_rec);
	free(l.node_rec);
	free(l.crit_group);
	free(l.key_texts);
	free(l.key_product);
	free(l.key_part);
	free(l.pkg_pairs);
	psirt_buf_release(&l.b);
	psirt_buf_release(&l.b2);
	psirt_buf_release(&l.b3);
	psirt_match_index_free(idx);
	return err;
}

enum psirt_err psirt_match_index_load(struct psirt_store *store, struct psirt_match_index **out,
                                      struct psirt_diag *diag)
{
	return load(store, 0, 1, out, diag);
}

enum psirt_err psirt_match_index_load_direct(struct psirt_store *store,
                                             struct psirt_match_index **out,
                                             struct psirt_diag *diag)
{
	return load(store, 0, 0, out, diag);
}

enum psirt_err psirt_match_index_load_scope(struct psirt_store *store,
                                            struct psirt_match_index **out,
                                            struct psirt_diag *diag)
{
	/* a delta reads in milliseconds: not worth a thread */
	return load(store, 1, 0, out, diag);
}

void psirt_match_index_free(struct psirt_match_index *idx)
{
	if (!idx)
		return;
	psirt_arena_release(&idx->arena);
	free(idx->records);
	free(idx->configs);
	free(idx->nodes);
	free(idx->crits);
	psirt_map_release(&idx->keys);
	free(idx->key_lists);
	free(idx->key_items);
	free(idx->key_texts);
	psirt_map_release(&idx->vendors);
	free(idx->vendor_lists);
	free(idx->vendor_items);
	free(idx->wild);
	psirt_map_release(&idx->products);
	free(idx->product_lists);
	free(idx->product_items);
	free(idx->pkgs);
	psirt_map_release(&idx->pkg_names);
	psirt_map_release(&idx->pkg_purls);
	psirt_map_release(&idx->pkg_repos);
	psirt_map_release(&idx->pkg_tags);
	free(idx->pkg_lists);
	free(idx->pkg_items);
	free(idx->problems);
	free(idx);
}

void psirt_match_index_stats(const struct psirt_match_index *idx,
                             struct psirt_match_index_stats *out)
{
	memset(out, 0, sizeof *out);
	out->records = idx->nrecords;
	out->withdrawn = idx->nwithdrawn;
	out->configs = idx->nconfigs;
	out->nodes = idx->nnodes;
	out->criteria = idx->ncrits;
	out->keys = idx->nkeys;
	out->packages = idx->npkgs;
	out->ranges = idx->nranges;
	out->problems = idx->nproblems;
	out->bytes = idx->bytes;
}

size_t psirt_match_index_problems(const struct psirt_match_index *idx,
                                  const struct psirt_match_problem **out)
{
	*out = idx->problems;
	return idx->nproblems;
}
