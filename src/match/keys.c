/* Lookup keys of an index and of subjects (include/psirt/match.h): what the
 * incremental findings run uses to find the components a changed record can
 * reach. Every key is derived exactly as the lookups of match.c and osv.c
 * derive theirs, one prefix letter per map:
 *   C  part:vendor:product of a keyed criterion (idx->keys), a literal CPE
 *      identity's, a guess table entry's
 *   V  the vendor of a criterion with a wildcard part or product
 *      (idx->vendors), a CPE identity's literal vendor
 *   N  a product name (idx->products: criteria whose product is a guessed
 *      name), a name-only subject's name in lower case
 *   P  a purl's type/namespace/name (idx->pkg_purls)
 *   E  an OSV ecosystem and name (idx->pkg_names)
 *   R  a repository (idx->pkg_repos; GIT ranges)
 *   T  a tag-list name (idx->pkg_tags): a generic purl's name, lower case
 */
#include <string.h>

#include "match/internal.h"
#include "psirt/str.h"

static unsigned long long key_hash(char prefix, const char *text, size_t len, struct psirt_buf *b)
{
	psirt_buf_reset(b);
	psirt_buf_addch(b, prefix);
	psirt_buf_add(b, text, len);
	return (unsigned long long)psirt_hash(b->p, b->len);
}

static void map_keys(const struct psirt_map *m, char prefix, struct psirt_buf *b,
                     psirt_match_key_fn *fn, void *ctx)
{
	size_t pos = 0, len;
	const char *k;

	while (psirt_map_next(m, &pos, &k, &len, NULL))
		fn(ctx, key_hash(prefix, k, len, b));
}

int psirt_match_index_keys(const struct psirt_match_index *idx, psirt_match_key_fn *fn, void *ctx)
{
	struct psirt_buf b = PSIRT_BUF_INIT;

	map_keys(&idx->keys, 'C', &b, fn, ctx);
	map_keys(&idx->vendors, 'V', &b, fn, ctx);
	map_keys(&idx->products, 'N', &b, fn, ctx);
	map_keys(&idx->pkg_purls, 'P', &b, fn, ctx);
	map_keys(&idx->pkg_names, 'E', &b, fn, ctx);
	map_keys(&idx->pkg_repos, 'R', &b, fn, ctx);
	map_keys(&idx->pkg_tags, 'T', &b, fn, ctx);
	psirt_buf_release(&b);
	return idx->nwild > 0;
}

struct keys {
	struct psirt_arena arena;
	struct psirt_buf b, k;
	psirt_match_key_fn *fn;
	void *ctx;
};

static void emit(struct keys *K, char prefix, const struct psirt_buf *text)
{
	if (!psirt_buf_error(text))
		K->fn(K->ctx, key_hash(prefix, text->p, text->len, &K->k));
}

/* As lookup_cpe in match.c: the key, the vendor (the wild list has none). */
static void cpe_keys(struct keys *K, const char *text)
{
	struct psirt_cpe *cpe;

	if (psirt_cpe_parse_arena(&K->arena, psirt_str_c(text), &cpe, NULL))
		return;
	if (match__cpe_key(cpe, 0, &K->b))
		emit(K, 'C', &K->b);
	if (match__cpe_key(cpe, 1, &K->b))
		emit(K, 'V', &K->b);
}

/* As match__osv_match: the purl's keys, and with a commit of the subject's
 * own the repository it gives (else the purl's). */
static void purl_keys(struct keys *K, const char *text, const char *commit, const char *repo)
{
	struct psirt_purl p;
	struct psirt_buf eco = PSIRT_BUF_INIT, name = PSIRT_BUF_INIT, rel = PSIRT_BUF_INIT;

	if (commit && *commit) {
		if (repo && *repo) {
			if (match__repo_key(psirt_str_c(repo), &K->b))
				emit(K, 'R', &K->b);
		} else if (text && !psirt_purl_parse_arena(psirt_str_c(text), PSIRT_PURL_LENIENT,
		                                           &K->arena, &p, NULL) &&
		           match__purl_repo(&p, &K->b)) {
			emit(K, 'R', &K->b);
		}
	}
	if (!text ||
	    psirt_purl_parse_arena(psirt_str_c(text), PSIRT_PURL_LENIENT, &K->arena, &p, NULL))
		return;
	match__purl_key(&p, &K->b);
	emit(K, 'P', &K->b);
	if (match__purl_ecosystem(&p, &eco, &name, &rel)) {
		match__pkg_name_key(psirt_str_make(eco.p, eco.len), psirt_str_make(name.p, name.len),
		                    &K->b);
		emit(K, 'E', &K->b);
	}
	if (match__purl_commit_repo(&p, &K->b))
		emit(K, 'R', &K->b);
	if (psirt_str_eq(p.type, "generic") && p.version.len &&
	    match__tag_key(p.name, 0, &K->b))
		emit(K, 'T', &K->b);
	psirt_buf_release(&eco);
	psirt_buf_release(&name);
	psirt_buf_release(&rel);
}

/* As guess in match.c: the table's keys, else the name as a product. */
static void guess_keys(struct keys *K, const char *name)
{
	const struct match__guess *g;
	size_t n, i;

	g = match__guess_find(name, &n);
	for (i = 0; g && i < n; i++) {
		psirt_buf_reset(&K->b);
		psirt_buf_addf(&K->b, "%c:%s:%s", g[i].part, g[i].vendor, g[i].product);
		emit(K, 'C', &K->b);
	}
	if (g)
		return;
	psirt_buf_reset(&K->b);
	for (i = 0; name[i]; i++)
		psirt_buf_addch(&K->b, (char)psirt_tolower((unsigned char)name[i]));
	emit(K, 'N', &K->b);
}

static void keys_init(struct keys *K, psirt_match_key_fn *fn, void *ctx)
{
	psirt_arena_init(&K->arena, 0);
	psirt_buf_init(&K->b, 0);
	psirt_buf_init(&K->k, 0);
	K->fn = fn;
	K->ctx = ctx;
}

static enum psirt_err keys_done(struct keys *K)
{
	enum psirt_err err = psirt_buf_error(&K->b) || psirt_buf_error(&K->k) ? PSIRT_ENOMEM
	                                                                      : PSIRT_OK;

	psirt_arena_release(&K->arena);
	psirt_buf_release(&K->b);
	psirt_buf_release(&K->k);
	return err;
}

enum psirt_err psirt_match_subject_keys(const struct psirt_match_subject *s,
                                        psirt_match_key_fn *fn, void *ctx)
{
	struct keys K;
	size_t i;

	keys_init(&K, fn, ctx);
	if (s->purl || (s->commit && s->repo))
		purl_keys(&K, s->purl, s->commit, s->repo);
	for (i = 0; i < s->ncpes; i++)
		if (s->cpes[i])
			cpe_keys(&K, s->cpes[i]);
	if (!s->purl && !s->ncpes && s->name && *s->name)
		guess_keys(&K, s->name);
	return keys_done(&K);
}

enum psirt_err psirt_match_cpe_keys(const char *cpe, psirt_match_key_fn *fn, void *ctx)
{
	struct keys K;

	keys_init(&K, fn, ctx);
	if (cpe)
		cpe_keys(&K, cpe);
	return keys_done(&K);
}
