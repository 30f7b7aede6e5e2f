/* A stored version as an SBOM document (export), and the release diff. */
#include <stdlib.h>
#include <string.h>

#include "portfolio/internal.h"
#include "psirt/cpe.h"
#include "psirt/isotime.h"
#include "psirt/purl.h"
#include "psirt/sha256.h"
#include "psirt/str.h"

/* A urn:uuid from the first 16 bytes of a SHA-256 of the identifying
 * text, with RFC 9562's version 8 (custom) and variant bits set. */
static void derived_uuid(const char *text, size_t len, char out[46])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[PSIRT_SHA256_SIZE];
	struct psirt_sha256 c;
	char *p = out;
	int i;

	psirt_sha256_init(&c);
	psirt_sha256_update(&c, text, len);
	psirt_sha256_final(&c, d);
	d[6] = (unsigned char)((d[6] & 0x0f) | 0x80);
	d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);
	memcpy(p, "urn:uuid:", 9);
	p += 9;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[d[i] >> 4];
		*p++ = hex[d[i] & 15];
	}
	*p = '\0';
}

static enum psirt_err build_root(struct psirt_sbom_doc *doc, const struct psirt_product *p,
                                 const struct psirt_product_version *v, const char *now)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_sbom_component *root = psirt_sbom_root_add(doc);
	enum psirt_err err = PSIRT_OK;
	char created[PSIRT_ISOTIME_LEN + 1], serial[46];
	const char *cpe;
	size_t i;

	if (!root)
		return PSIRT_ENOMEM;
	root->type = PSIRT_SBOM_TYPE_FIRMWARE;
	root->name = psirt_sbom_strdup(doc, p->name, strlen(p->name));
	root->version = psirt_sbom_strdup(doc, v->version, strlen(v->version));
	if (p->vendor)
		root->supplier = psirt_sbom_strdup(doc, p->vendor, strlen(p->vendor));
	if (!root->name || !root->version || (p->vendor && !root->supplier))
		err = PSIRT_ENOMEM;
	if (!err && p->cpe) {
		struct psirt_arena a;

		psirt_arena_init(&a, 0);
		cpe = psirt_portfolio_firmware_cpe(&a, p->cpe, v->version);
		err = cpe ? psirt_sbom_cpe_add(doc, root, cpe, strlen(cpe)) : PSIRT_ENOMEM;
		psirt_arena_release(&a);
	}
	/* hardware models: properties, since a CycloneDX component has one
	 * cpe and these are not parts of the firmware */
	for (i = 0; !err && i < p->n_hardware; i++) {
		err = psirt_sbom_property_add(doc, root, "psirt:hardware-model", p->hardware[i].model);
		if (!err && p->hardware[i].cpe)
			err = psirt_sbom_property_add(doc, root, "psirt:hardware-cpe",
			                              p->hardware[i].cpe);
	}
	for (i = 0; !err && i < p->n_regimes; i++)
		err = psirt_sbom_property_add(doc, root, "psirt:regulatory-regime", p->regimes[i]);
	if (!err)
		err = psirt_sbom_tool_add(doc, NULL, "psirt", NULL);
	/* SPDX 2.3 wants seconds without a fraction (its schema's pattern) */
	memcpy(created, now, 19);
	memcpy(created + 19, "Z", 2);
	doc->created = psirt_sbom_strdup(doc, created, strlen(created));
	psirt_buf_reset(&b);
	psirt_buf_addf(&b, "psirt export\n%s\n%s\n%lld\n%s", p->name, v->version, v->sbom_import,
	               created);
	if (psirt_buf_error(&b) || !doc->created)
		err = PSIRT_ENOMEM;
	if (!err) {
		derived_uuid(b.p, b.len, serial);
		doc->serial = psirt_sbom_strdup(doc, serial, strlen(serial));
		if (!doc->serial)
			err = PSIRT_ENOMEM;
	}
	psirt_buf_release(&b);
	return err;
}

enum psirt_err psirt_portfolio_sbom_doc(struct psirt_store *store, const char *product,
                                        const char *version, struct psirt_sbom_doc **out,
                                        struct psirt_diag *diag)
{
	struct psirt_sbom_doc *doc = NULL;
	struct psirt_product_version v;
	struct psirt_product p;
	struct psirt_arena arena;
	char now[PSIRT_ISOTIME_LEN + 1];
	enum psirt_err err;

	*out = NULL;
	psirt_arena_init(&arena, 0);
	psirt_isotime_now(now);
	err = psirt_store_product_get(store, product, &arena, &p, diag);
	if (!err)
		err = psirt_store_version_get(store, product, version, &arena, &v, diag);
	if (err)
		goto out_release;
	doc = psirt_sbom_new();
	if (!doc || build_root(doc, &p, &v, now)) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_release;
	}
	doc->format = PSIRT_SBOM_CYCLONEDX_JSON;
	if ((err = psirt_store_sbom_read(store, v.id, doc, diag)))
		goto out_release;
	*out = doc;
	doc = NULL;
out_release:
	psirt_sbom_free(doc);
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_portfolio_sbom_export(struct psirt_store *store, const char *product,
                                           const char *version, enum psirt_sbom_format format,
                                           struct psirt_buf *out, struct psirt_diag *diag)
{
	struct psirt_sbom_doc *doc;
	enum psirt_err err;

	if (format != PSIRT_SBOM_CYCLONEDX_JSON && format != PSIRT_SBOM_SPDX_JSON)
		return psirt_diag_set(diag, PSIRT_EUNSUPPORTED,
		                      "psirt exports CycloneDX 1.6 JSON and SPDX 2.3 JSON, not %s",
		                      psirt_sbom_format_name(format));
	if ((err = psirt_portfolio_sbom_doc(store, product, version, &doc, diag)))
		return err;
	err = psirt_sbom_export(doc, format, out, diag);
	psirt_sbom_free(doc);
	return err;
}

/* Release diff -----------------------------------------------------------*/

struct keyed {
	const char *key;
	const struct psirt_sbom_component *c;
	int paired;
};

/* The pairing key of c, in arena: the purl's type, namespace and name (as
 * the purl parser normalises them), else the group and name. */
static const char *diff_key(struct psirt_arena *arena, const struct psirt_sbom_component *c)
{
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_purl purl;
	const char *key;

	if (c->purl && !(c->flags & PSIRT_SBOM_C_BAD_PURL) &&
	    !psirt_purl_parse(psirt_str_c(c->purl), 0, &purl, NULL)) {
		psirt_buf_adds(&b, "pkg:");
		psirt_buf_add(&b, purl.type.p, purl.type.len);
		psirt_buf_addch(&b, '/');
		if (purl.ns.len) {
			psirt_buf_add(&b, purl.ns.p, purl.ns.len);
			psirt_buf_addch(&b, '/');
		}
		psirt_buf_add(&b, purl.name.p, purl.name.len);
		psirt_purl_release(&purl);
	} else {
		psirt_buf_adds(&b, "name:");
		if (c->group) {
			psirt_buf_adds(&b, c->group);
			psirt_buf_addch(&b, '/');
		}
		psirt_buf_adds(&b, c->name ? c->name : "");
	}
	key = psirt_buf_error(&b) ? NULL : psirt_arena_strndup(arena, b.p, b.len);
	psirt_buf_release(&b);
	return key;
}

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	/* document order among equal keys: the sort is not stable */
	return (x->c->index > y->c->index) - (x->c->index < y->c->index);
}

static struct keyed *keyed_list(struct psirt_arena *arena, const struct psirt_sbom_doc *doc)
{
	struct keyed *k = psirt_arena_calloc(arena, doc->n_components + 1, sizeof *k);
	size_t i;

	if (!k)
		return NULL;
	for (i = 0; i < doc->n_components; i++) {
		k[i].c = doc->components[i];
		k[i].key = diff_key(arena, k[i].c);
		if (!k[i].key)
			return NULL;
	}
	qsort(k, doc->n_components, sizeof *k, cmp_keyed);
	return k;
}

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

static void add_entry(struct psirt_sbom_diff *d, enum psirt_sbom_change change, const char *key,
                      const struct psirt_sbom_component *o, const struct psirt_sbom_component *n)
{
	struct psirt_sbom_diff_entry *e = &d->entries[d->n++];
	const struct psirt_sbom_component *any = n ? n : o;

	e->change = change;
	e->key = key;
	e->name = any->name;
	e->group = any->group;
	e->old_version = o ? o->version : NULL;
	e->new_version = n ? n->version : NULL;
	e->old_purl = o ? o->purl : NULL;
	e->new_purl = n ? n->purl : NULL;
	d->added += change == PSIRT_SBOM_ADDED;
	d->removed += change == PSIRT_SBOM_REMOVED;
	d->changed += change == PSIRT_SBOM_CHANGED;
}

enum psirt_err psirt_sbom_diff_docs(const struct psirt_sbom_doc *od,
                                    const struct psirt_sbom_doc *nd,
                                    struct psirt_sbom_diff **out, struct psirt_diag *diag)
{
	struct psirt_sbom_diff *d = calloc(1, sizeof *d);
	struct keyed *o, *n;
	size_t i = 0, j = 0, ie, je, a, b;

	*out = NULL;
	if (!d)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&d->arena, 0);
	o = keyed_list(&d->arena, od);
	n = keyed_list(&d->arena, nd);
	d->entries = psirt_arena_calloc(&d->arena, od->n_components + nd->n_components + 1,
	                                sizeof *d->entries);
	if (!o || !n || !d->entries) {
		psirt_sbom_diff_free(d);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	while (i < od->n_components || j < nd->n_components) {
		int c = i == od->n_components   ? 1
		        : j == nd->n_components ? -1
		                                : strcmp(o[i].key, n[j].key);
		const char *key = c <= 0 ? o[i].key : n[j].key;

		/* the runs of this key on both sides */
		for (ie = i; c <= 0 && ie < od->n_components && !strcmp(o[ie].key, key); ie++)
			;
		for (je = j; c >= 0 && je < nd->n_components && !strcmp(n[je].key, key); je++)
			;
		/* equal versions pair first: unchanged */
		for (a = i; a < ie; a++) {
			for (b = j; b < je; b++) {
				if (!n[b].paired && same(o[a].c->version, n[b].c->version)) {
					o[a].paired = n[b].paired = 1;
					d->unchanged++;
					break;
				}
			}
		}
		/* then in document order: another version */
		for (a = i, b = j; a < ie; a++) {
			if (o[a].paired)
				continue;
			while (b < je && n[b].paired)
				b++;
			if (b == je)
				break;
			o[a].paired = n[b].paired = 1;
			add_entry(d, PSIRT_SBOM_CHANGED, key, o[a].c, n[b].c);
		}
		for (a = i; a < ie; a++) {
			if (!o[a].paired)
				add_entry(d, PSIRT_SBOM_REMOVED, key, o[a].c, NULL);
		}
		for (b = j; b < je; b++) {
			if (!n[b].paired)
				add_entry(d, PSIRT_SBOM_ADDED, key, NULL, n[b].c);
		}
		i = ie;
		j = je;
	}
	*out = d;
	return PSIRT_OK;
}

enum psirt_err psirt_portfolio_sbom_diff(struct psirt_store *store, const char *product,
                                         const char *old_version, const char *new_version,
                                         struct psirt_sbom_diff **out, struct psirt_diag *diag)
{
	struct psirt_sbom_doc *od = NULL, *nd = NULL;
	enum psirt_err err;

	*out = NULL;
	err = psirt_portfolio_sbom_doc(store, product, old_version, &od, diag);
	if (!err)
		err = psirt_portfolio_sbom_doc(store, product, new_version, &nd, diag);
	if (!err)
		err = psirt_sbom_diff_docs(od, nd, out, diag);
	if (!err) {
		struct psirt_sbom_diff *d = *out;

		/* the strings point into the documents: copy what the caller
		 * sees into the diff's arena */
		d->product = psirt_arena_strdup(&d->arena, product);
		d->old_version = psirt_arena_strdup(&d->arena, old_version);
		d->new_version = psirt_arena_strdup(&d->arena, new_version);
		for (size_t i = 0; i < d->n; i++) {
			struct psirt_sbom_diff_entry *e = &d->entries[i];
			const char **f[] = { &e->name,        &e->group,    &e->old_version,
				             &e->new_version, &e->old_purl, &e->new_purl };

			for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
				if (*f[k] && !(*f[k] = psirt_arena_strdup(&d->arena, *f[k])))
					err = PSIRT_ENOMEM;
			}
		}
		if (err || !d->product || !d->old_version || !d->new_version) {
			psirt_sbom_diff_free(d);
			*out = NULL;
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		}
	}
	psirt_sbom_free(od);
	psirt_sbom_free(nd);
	return err;
}

void psirt_sbom_diff_free(struct psirt_sbom_diff *d)
{
	if (!d)
		return;
	psirt_arena_release(&d->arena);
	free(d);
}

const char *psirt_sbom_change_name(enum psirt_sbom_change c)
{
	switch (c) {
	case PSIRT_SBOM_ADDED:
		return "added";
	case PSIRT_SBOM_REMOVED:
		return "removed";
	case PSIRT_SBOM_CHANGED:
		return "changed";
	}
	return "unknown";
}
