/* Export preparation shared by the writers: output order and unique refs
 * (see internal.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbom/internal.h"

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_fields(const struct psirt_sbom_component *a, const struct psirt_sbom_component *b,
                      int with_group)
{
	/* no ref in the key: a component without one gets a generated ref,
	 * which would sort elsewhere when the output is read back; ties keep
	 * document order, which is the output order on the way back */
	const char *ka[] = {with_group ? a->group : NULL, a->name, a->version, a->purl};
	const char *kb[] = {with_group ? b->group : NULL, b->name, b->version, b->purl};
	size_t i;
	int r;

	for (i = 0; i < sizeof ka / sizeof ka[0]; i++) {
		r = cmp_str(ka[i], kb[i]);
		if (r)
			return r;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}

/* qsort has no context argument: two comparators. */
static int cmp_component(const void *pa, const void *pb)
{
	return cmp_fields(*(const struct psirt_sbom_component *const *)pa,
	                  *(const struct psirt_sbom_component *const *)pb, 1);
}

static int cmp_component_nogroup(const void *pa, const void *pb)
{
	return cmp_fields(*(const struct psirt_sbom_component *const *)pa,
	                  *(const struct psirt_sbom_component *const *)pb, 0);
}

/* A component's parent when it is a real component of doc, else NULL. */
static const struct psirt_sbom_component *parent_in(const struct psirt_sbom_doc *doc,
                                                    const struct psirt_sbom_component *c)
{
	const struct psirt_sbom_component *p = c->parent;

	if (p && p->index < doc->n_components && doc->components[p->index] == p && p != c)
		return p;
	return NULL;
}

static void dfs(const struct sbom__out *o, const struct psirt_sbom_component *c,
                const struct psirt_sbom_component **order, size_t *n, size_t depth)
{
	size_t i;

	order[(*n)++] = c;
	if (depth >= PSIRT_SBOM_MAX_DEPTH)
		return; /* cannot happen through psirt_sbom_component_add */
	for (i = 0; i < o->kid_n[c->index]; i++)
		dfs(o, o->kids[o->kid_first[c->index] + i], order, n, depth + 1);
}

static const char *take(struct sbom__out *o, const char *ref)
{
	const char *copy = psirt_arena_strdup(&o->arena, ref);

	if (!copy || psirt_map_put(&o->used, copy, strlen(copy), (void *)copy, NULL))
		return NULL;
	return copy;
}

/* Gives c (the root when idx is SIZE_MAX) its output ref. */
static enum psirt_err assign(struct sbom__out *o, const struct psirt_sbom_component *c,
                             const char *ref)
{
	if (c->index == SIZE_MAX)
		o->root_ref = ref;
	else
		o->refs[c->index] = ref;
	if (c->ref && !psirt_map_has(&o->by_ref, c->ref, strlen(c->ref)) &&
	    psirt_map_put(&o->by_ref, c->ref, strlen(c->ref), (void *)ref, NULL))
		return PSIRT_ENOMEM;
	return PSIRT_OK;
}

static const char *ref_of(const struct sbom__out *o, const struct psirt_sbom_component *c)
{
	return c->index == SIZE_MAX ? o->root_ref : o->refs[c->index];
}

enum psirt_err sbom__out_build(struct sbom__out *o, const struct psirt_sbom_doc *doc,
                               int (*ref_ok)(const char *ref),
                               void (*make_ref)(struct psirt_buf *b, size_t n, unsigned attempt),
                               int with_group)
{
	int (*cmp)(const void *, const void *) = with_group ? cmp_component : cmp_component_nogroup;
	size_t n = doc->n_components, i, k, m = 0, generated = 0;
	const struct psirt_sbom_component **order = NULL;
	struct psirt_buf b = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_ENOMEM;

	memset(o, 0, sizeof *o);
	psirt_arena_init(&o->arena, 0);
	psirt_map_init(&o->by_ref);
	psirt_map_init(&o->used);
	o->refs = psirt_arena_calloc(&o->arena, n + 1, sizeof *o->refs);
	o->top = psirt_arena_calloc(&o->arena, n + 1, sizeof *o->top);
	o->kids = psirt_arena_calloc(&o->arena, n + 1, sizeof *o->kids);
	o->kid_first = psirt_arena_calloc(&o->arena, n + 1, sizeof *o->kid_first);
	o->kid_n = psirt_arena_calloc(&o->arena, n + 1, sizeof *o->kid_n);
	order = psirt_arena_calloc(&o->arena, n + 2, sizeof *order);
	if (!o->refs || !o->top || !o->kids || !o->kid_first || !o->kid_n || !order)
		goto out_free_b;

	/* children grouped by parent: counts, offsets, then fill */
	for (i = 0; i < n; i++) {
		const struct psirt_sbom_component *p = parent_in(doc, doc->components[i]);
		if (p)
			o->kid_n[p->index]++;
	}
	for (i = 0, k = 0; i < n; i++) {
		o->kid_first[i] = k;
		k += o->kid_n[i];
		o->kid_n[i] = 0;
	}
	for (i = 0; i < n; i++) {
		const struct psirt_sbom_component *c = doc->components[i];
		const struct psirt_sbom_component *p = parent_in(doc, c);
		if (p)
			o->kids[o->kid_first[p->index] + o->kid_n[p->index]++] = c;
		else
			o->top[o->n_top++] = c;
	}
	qsort(o->top, o->n_top, sizeof *o->top, cmp);
	for (i = 0; i < n; i++)
		if (o->kid_n[i] > 1)
			qsort(o->kids + o->kid_first[i], o->kid_n[i], sizeof *o->kids, cmp);

	/* output order: the root, then each top-level tree depth first. A
	 * parent cycle (only possible by setting parent by hand) leaves its
	 * members unreached: they get no ref and are not written. */
	if (doc->root)
		order[m++] = doc->root;
	for (i = 0; i < o->n_top; i++)
		dfs(o, o->top[i], order, &m, 1);

	/* first pass: keep acceptable refs, first holder in output order wins */
	for (i = 0; i < m; i++) {
		const struct psirt_sbom_component *c = order[i];
		const char *ref;
		if (!c->ref || !ref_ok(c->ref) || psirt_map_has(&o->used, c->ref, strlen(c->ref)))
			continue;
		ref = take(o, c->ref);
		if (!ref || assign(o, c, ref))
			goto out_free_b;
	}
	/* second pass: generate the others */
	for (i = 0; i < m; i++) {
		const struct psirt_sbom_component *c = order[i];
		unsigned attempt = 0;
		const char *ref;
		if (ref_of(o, c))
			continue;
		generated++;
		do {
			psirt_buf_reset(&b);
			make_ref(&b, generated, attempt++);
			if (psirt_buf_error(&b))
				goto out_free_b;
		} while (psirt_map_has(&o->used, b.p, b.len));
		ref = take(o, b.p);
		if (!ref || assign(o, c, ref))
			goto out_free_b;
	}
	err = PSIRT_OK;
out_free_b:
	psirt_buf_release(&b);
	if (err)
		sbom__out_release(o);
	return err;
}

void sbom__out_release(struct sbom__out *o)
{
	psirt_map_release(&o->by_ref);
	psirt_map_release(&o->used);
	psirt_arena_release(&o->arena);
	memset(o, 0, sizeof *o);
}

const char *sbom__out_ref(const struct sbom__out *o, const char *model_ref)
{
	if (!model_ref)
		return NULL;
	return psirt_map_get(&o->by_ref, model_ref, strlen(model_ref));
}

static int cmp_edge(const void *pa, const void *pb)
{
	const struct sbom__out_edge *a = pa, *b = pb;
	int r = strcmp(a->from, b->from);

	return r ? r : strcmp(a->to, b->to);
}

enum psirt_err sbom__out_edges(struct sbom__out *o, const struct psirt_sbom_doc *doc,
                               struct sbom__out_edge **edges, size_t *n)
{
	size_t total = 0, i, j, m = 0;
	struct sbom__out_edge *e;

	for (i = 0; i < doc->n_deps; i++)
		total += doc->deps[i].n_depends_on;
	e = psirt_arena_calloc(&o->arena, total + 1, sizeof *e);
	if (!e)
		return PSIRT_ENOMEM;
	for (i = 0; i < doc->n_deps; i++) {
		const char *from = sbom__out_ref(o, doc->deps[i].ref);
		if (!from)
			continue;
		for (j = 0; j < doc->deps[i].n_depends_on; j++) {
			const char *to = sbom__out_ref(o, doc->deps[i].depends_on[j]);
			if (!to || to == from)
				continue;
			e[m].from = from;
			e[m].to = to;
			m++;
		}
	}
	qsort(e, m, sizeof *e, cmp_edge);
	/* drop duplicates (two model refs may map to one output ref) */
	for (i = 0, j = 0; i < m; i++)
		if (!j || cmp_edge(&e[j - 1], &e[i]))
			e[j++] = e[i];
	*edges = e;
	*n = j;
	return PSIRT_OK;
}
