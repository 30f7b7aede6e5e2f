/* What the three SPDX readers share: packages are collected first, then the
 * relationships decide the root (the one package the document DESCRIBES),
 * nesting (CONTAINS between packages) and dependencies. */
#include <stdint.h>
#include <string.h>

#include "sbom/internal.h"

void sbom__spdx_init(struct sbom__spdx *sp)
{
	memset(sp, 0, sizeof *sp);
	psirt_map_init(&sp->others);
}

void sbom__spdx_release(struct sbom__spdx *sp)
{
	psirt_map_release(&sp->others);
}

static enum psirt_err nomem(struct sbom__ctx *ctx)
{
	return sbom__fail(ctx, PSIRT_ENOMEM, 0, "out of memory");
}

enum psirt_err sbom__spdx_pkg_new(struct sbom__ctx *ctx, struct sbom__spdx *sp, long line,
                                  struct psirt_sbom_component **out)
{
	struct sbom__spdx_pkg *arr;
	struct psirt_sbom_component *c;

	*out = NULL;
	if (sp->n_pkgs >= PSIRT_SBOM_MAX_COMPONENTS)
		return sbom__fail(ctx, PSIRT_ETOOBIG, line, "more than %d packages",
		                  PSIRT_SBOM_MAX_COMPONENTS);
	arr = sbom__grow(ctx->doc, sp->pkgs, sp->n_pkgs, sizeof *arr);
	c = psirt_arena_calloc(&ctx->doc->arena, 1, sizeof *c);
	if (!arr || !c)
		return nomem(ctx);
	c->type = PSIRT_SBOM_TYPE_LIBRARY;
	c->name = "";
	c->index = sp->n_pkgs; /* the package's position until it joins doc */
	sp->pkgs = arr;
	arr[sp->n_pkgs].c = c;
	arr[sp->n_pkgs].where = sbom__path_dup(ctx);
	arr[sp->n_pkgs].line = line;
	sp->n_pkgs++;
	*out = c;
	return PSIRT_OK;
}

enum psirt_err sbom__spdx_other_add(struct sbom__ctx *ctx, struct sbom__spdx *sp, const char *id)
{
	if (psirt_map_put(&sp->others, id, strlen(id), NULL, NULL))
		return nomem(ctx);
	return PSIRT_OK;
}

enum psirt_err sbom__spdx_rel_add(struct sbom__ctx *ctx, struct sbom__spdx *sp, const char *from,
                                  const char *to, enum sbom__rel type, long line)
{
	struct sbom__spdx_rel *arr = sbom__grow(ctx->doc, sp->rels, sp->n_rels, sizeof *arr);
	struct sbom__spdx_rel *r;

	if (!arr)
		return nomem(ctx);
	sp->rels = arr;
	r = &arr[sp->n_rels];
	r->from = psirt_sbom_strdup(ctx->doc, from, strlen(from));
	r->to = psirt_sbom_strdup(ctx->doc, to, strlen(to));
	r->type = type;
	r->where = sbom__path_dup(ctx);
	r->line = line;
	if (!r->from || !r->to)
		return nomem(ctx);
	sp->n_rels++;
	return PSIRT_OK;
}

enum psirt_err sbom__spdx_describes_add(struct sbom__ctx *ctx, struct sbom__spdx *sp,
                                        const char *id)
{
	const char **arr = sbom__grow(ctx->doc, sp->describes, sp->n_describes, sizeof *arr);

	if (!arr)
		return nomem(ctx);
	sp->describes = arr;
	arr[sp->n_describes] = psirt_sbom_strdup(ctx->doc, id, strlen(id));
	if (!arr[sp->n_describes])
		return nomem(ctx);
	sp->n_describes++;
	return PSIRT_OK;
}

/* Ids that need no warning when a relationship names them: the document,
 * files and other non-packages, NONE / NOASSERTION, and elements of other
 * documents ("DocumentRef-x:SPDXRef-y", SPDX 2.3 §11.1). */
static int known_other(const struct sbom__spdx *sp, const char *id)
{
	return (sp->doc_id && !strcmp(id, sp->doc_id)) || !strcmp(id, "NONE") ||
	       !strcmp(id, "NOASSERTION") || !strncmp(id, "DocumentRef-", 12) ||
	       psirt_map_has(&sp->others, id, strlen(id));
}

enum psirt_err sbom__spdx_finish(struct sbom__ctx *ctx, struct sbom__spdx *sp)
{
	struct psirt_sbom_doc *doc = ctx->doc;
	struct psirt_map ids;
	struct psirt_sbom_component *root = NULL, *c, *a, *b, *x;
	unsigned char *height = NULL;
	size_t i, n_described = 0, d;
	enum psirt_err err = PSIRT_OK;

	psirt_map_init(&ids);
	/* package ids: unique (relationships resolve through them) */
	for (i = 0; i < sp->n_pkgs; i++) {
		c = sp->pkgs[i].c;
		if (psirt_map_has(&ids, c->ref, strlen(c->ref))) {
			size_t old = ctx->path.len;
			psirt_buf_truncate(&ctx->path, 0);
			if (sp->pkgs[i].where)
				psirt_buf_adds(&ctx->path, sp->pkgs[i].where);
			err =
			    sbom__fail(ctx, PSIRT_EINVAL, sp->pkgs[i].line,
			               "SPDXID '%s' is used by an earlier package too (ids must be "
			               "unique)",
			               c->ref);
			psirt_buf_truncate(&ctx->path, old);
			goto out_free_ids;
		}
		if (psirt_map_put(&ids, c->ref, strlen(c->ref), c, NULL)) {
			err = nomem(ctx);
			goto out_free_ids;
		}
	}

	/* the root: the one package the document describes */
	for (i = 0; i < sp->n_rels; i++)
		if (sp->rels[i].type == SBOM__REL_DESCRIBES &&
		    (!sp->doc_id || !strcmp(sp->rels[i].from, sp->doc_id)) &&
		    sbom__spdx_describes_add(ctx, sp, sp->rels[i].to)) {
			err = PSIRT_ENOMEM;
			goto out_free_ids;
		}
	for (i = 0; i < sp->n_describes; i++) {
		c = psirt_map_get(&ids, sp->describes[i], strlen(sp->describes[i]));
		if (!c || c == root)
			continue;
		n_described++;
		root = c;
	}
	if (n_described > 1) {
		root = NULL;
		if (psirt_sbom_warn(doc, PSIRT_SBOM_W_IGNORED, NULL, NULL, 0,
		                    "the document describes %zu packages: none is taken as the "
		                    "product, all are components",
		                    n_described)) {
			err = nomem(ctx);
			goto out_free_ids;
		}
	}

	/* nesting: A CONTAINS B puts B under A, unless A is the root (the root's
	 * parts are top-level), B already has a parent, it would close a cycle,
	 * or the tree would grow deeper than PSIRT_SBOM_MAX_DEPTH. height[] is
	 * each package's subtree height, kept up to date along the way. */
	height = psirt_arena_calloc(&doc->arena, sp->n_pkgs + 1, 1);
	if (!height) {
		err = nomem(ctx);
		goto out_free_ids;
	}
	for (i = 0; i < sp->n_pkgs; i++)
		height[i] = 1;
	for (i = 0; i < sp->n_rels; i++) {
		const struct sbom__spdx_rel *r = &sp->rels[i];
		unsigned h;

		if (r->type != SBOM__REL_CONTAINS)
			continue;
		a = psirt_map_get(&ids, r->from, strlen(r->from));
		b = psirt_map_get(&ids, r->to, strlen(r->to));
		if (!a || !b || a == root || b == root || a == b || b->parent)
			continue;
		for (x = a, d = 0; x; x = x->parent, d++)
			if (x == b)
				break;
		if (x) {
			if (psirt_sbom_warn(doc, PSIRT_SBOM_W_IGNORED, b, r->where, r->line,
			                    "'%s' CONTAINS '%s' would close a cycle: ignored",
			                    r->from, r->to)) {
				err = nomem(ctx);
				goto out_free_ids;
			}
			continue;
		}
		if (d + height[b->index] > PSIRT_SBOM_MAX_DEPTH) {
			if (psirt_sbom_warn(doc, PSIRT_SBOM_W_IGNORED, b, r->where, r->line,
			                    "'%s' CONTAINS '%s' would nest packages deeper than %d "
			                    "levels: ignored",
			                    r->from, r->to, PSIRT_SBOM_MAX_DEPTH)) {
				err = nomem(ctx);
				goto out_free_ids;
			}
			continue;
		}
		b->parent = a;
		for (x = a, h = height[b->index] + 1u; x && height[x->index] < h;
		     x = x->parent, h++)
			height[x->index] = (unsigned char)h;
	}

	/* dependencies between packages (the root included) */
	for (i = 0; i < sp->n_rels; i++) {
		const struct sbom__spdx_rel *r = &sp->rels[i];

		if (r->type != SBOM__REL_DEPENDS_ON && r->type != SBOM__REL_CONTAINS &&
		    r->type != SBOM__REL_DESCRIBES)
			continue;
		a = psirt_map_get(&ids, r->from, strlen(r->from));
		b = psirt_map_get(&ids, r->to, strlen(r->to));
		if ((!a && !known_other(sp, r->from)) || (!b && !known_other(sp, r->to))) {
			if (psirt_sbom_warn(
			        doc, PSIRT_SBOM_W_DANGLING_REF, NULL, r->where, r->line,
			        "relationship '%s' → '%s' names an element the document "
			        "does not have",
			        r->from, r->to)) {
				err = nomem(ctx);
				goto out_free_ids;
			}
			continue;
		}
		if (r->type == SBOM__REL_DEPENDS_ON && a && b && a != b &&
		    psirt_sbom_dependency_add(doc, a->ref, b->ref)) {
			err = nomem(ctx);
			goto out_free_ids;
		}
	}

	/* into the document, in package order */
	for (i = 0; i < sp->n_pkgs; i++) {
		c = sp->pkgs[i].c;
		if (c == root) {
			c->index = SIZE_MAX;
			c->parent = NULL;
			doc->root = c;
		}
	}
	for (i = 0; i < sp->n_pkgs; i++) {
		c = sp->pkgs[i].c;
		if (c == root)
			continue;
		err = sbom__component_push(doc, c);
		if (err) {
			err = err == PSIRT_ETOOBIG
			          ? sbom__fail(ctx, err, sp->pkgs[i].line, "more than %d packages",
			                       PSIRT_SBOM_MAX_COMPONENTS)
			          : nomem(ctx);
			goto out_free_ids;
		}
	}
	for (i = 0; i < sp->n_pkgs; i++) {
		c = sp->pkgs[i].c;
		if (psirt_map_put(&doc->refs, c->ref, strlen(c->ref), c, NULL) ||
		    psirt_sbom_component_check(doc, c, sp->pkgs[i].where, sp->pkgs[i].line)) {
			err = nomem(ctx);
			goto out_free_ids;
		}
	}
out_free_ids:
	psirt_map_release(&ids);
	return err;
}

enum psirt_err sbom__spdx_vcs(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                              struct psirt_str loc)
{
	struct psirt_str l = loc;
	size_t i, at = 0, n;

	if (l.len < 5 || memcmp(l.p, "git+", 4))
		return PSIRT_OK;
	l.p += 4;
	l.len -= 4;
	for (i = 0; i < l.len && l.p[i] != '#'; i++)
		;
	l.len = i; /* the sub-path names a part of the repository */
	for (i = 0; i + 2 < l.len; i++) {
		if (l.p[i] == ':' && l.p[i + 1] == '/' && l.p[i + 2] == '/')
			break;
	}
	if (i + 2 >= l.len)
		return PSIRT_OK;
	/* the revision: after the last '@' of the path (an '@' before the
	 * path's first '/' is a user) */
	for (i += 3; i < l.len && l.p[i] != '/'; i++)
		;
	for (; i < l.len; i++) {
		if (l.p[i] == '@')
			at = i;
	}
	if (!at)
		return PSIRT_OK;
	n = l.len - at - 1;
	if (n != 40 && n != 64)
		return PSIRT_OK;
	for (i = at + 1; i < l.len; i++) {
		if (!psirt_isxdigit((unsigned char)l.p[i]))
			return PSIRT_OK;
	}
	c->commit = psirt_sbom_strdup(doc, l.p + at + 1, n);
	c->repo = psirt_sbom_strdup(doc, l.p, at);
	return c->commit && c->repo ? PSIRT_OK : PSIRT_ENOMEM;
}
