/* Products and versions: validation of what people type, one transaction
 * per change, the audit rows written by the store layer. */
#include <stdlib.h>
#include <string.h>

#include "portfolio/internal.h"
#include "psirt/cpe.h"
#include "psirt/isotime.h"
#include "psirt/str.h"

static void *arena_fail(struct psirt_diag *diag, enum psirt_err *err)
{
	*err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return NULL;
}

/* Parses a CPE a person gave for part want ('o' or 'h') and returns its 2.3
 * formatted string in arena. what names the field in messages. */
static const char *check_cpe(struct psirt_arena *arena, const char *what, const char *text,
                             char want, struct psirt_diag *diag, enum psirt_err *err)
{
	struct psirt_diag why = PSIRT_DIAG_INIT;
	struct psirt_buf b = PSIRT_BUF_INIT;
	struct psirt_cpe *cpe = NULL;
	const char *out = NULL;
	struct psirt_str in = psirt_str_c(text);

	/* the two spellings SBOMs and NVD use; not the WFN notation */
	if (!psirt_str_startswith(in, "cpe:2.3:") && !psirt_str_startswith(in, "cpe:/")) {
		*err = psirt_diag_set(diag, PSIRT_EINVAL,
		                      "%s '%s' is not a CPE (cpe:2.3:%c:... or cpe:/%c:...)", what,
		                      text, want, want);
		goto out_release;
	}
	if (psirt_cpe_parse(in, &cpe, &why)) {
		*err = psirt_diag_set(diag, why.code, "%s '%s': %s", what, text, why.message);
		psirt_diag_set_column(diag, why.column);
		goto out_release;
	}
	if (psirt_cpe_part(cpe) != want) {
		*err = psirt_diag_set(diag, PSIRT_EINVAL, "%s '%s' must be of part '%c' (%s), not '%c'",
		                      what, text, want,
		                      want == 'o' ? "operating system / firmware" : "hardware",
		                      psirt_cpe_part(cpe));
		goto out_release;
	}
	if (psirt_cpe_format_fs(cpe, &b)) {
		*err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out_release;
	}
	out = psirt_arena_strndup(arena, b.p, b.len);
	if (!out)
		arena_fail(diag, err);
out_release:
	psirt_cpe_free(cpe);
	psirt_buf_release(&b);
	psirt_diag_release(&why);
	return out;
}

static int cmp_hw(const void *a, const void *b)
{
	return strcmp(((const struct psirt_hw_model *)a)->model,
	              ((const struct psirt_hw_model *)b)->model);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum psirt_err too_many(struct psirt_diag *diag, const char *what)
{
	return psirt_diag_set(diag, PSIRT_ETOOBIG, "more than %d %s", PSIRT_PORTFOLIO_MAX_LIST, what);
}

/* Applies the hardware part of edit to p (its array copied into arena).
 * old_vendor: the vendor before this edit, to tell derived CPEs apart. */
static enum psirt_err edit_hardware(struct psirt_arena *arena, struct psirt_product *p,
                                    const char *old_vendor, const struct psirt_product_edit *e,
                                    struct psirt_diag *diag)
{
	size_t cap = p->n_hardware + e->n_add_hardware, i, k, n = p->n_hardware;
	struct psirt_hw_model *hw = psirt_arena_calloc(arena, cap ? cap : 1, sizeof *hw);
	enum psirt_err err = PSIRT_OK;

	if (!hw)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (n)
		memcpy(hw, p->hardware, n * sizeof *hw);
	/* a new vendor re-derives the CPEs that were derived from the old one */
	for (i = 0; (old_vendor != p->vendor) && i < n; i++) {
		const char *was = portfolio__hw_cpe(arena, old_vendor, hw[i].model);

		if ((!hw[i].cpe && !was) || (hw[i].cpe && was && !strcmp(hw[i].cpe, was)))
			hw[i].cpe = portfolio__hw_cpe(arena, p->vendor, hw[i].model);
	}
	for (i = 0; i < e->n_remove_hardware; i++) {
		for (k = 0; k < n && strcmp(hw[k].model, e->remove_hardware[i]); k++)
			;
		if (k == n)
			return psirt_diag_set(diag, PSIRT_ENOTFOUND, "product '%s' has no hardware model '%s'",
			                      p->name, e->remove_hardware[i]);
		memmove(&hw[k], &hw[k + 1], (n - k - 1) * sizeof *hw);
		n--;
	}
	for (i = 0; i < e->n_add_hardware; i++) {
		const char *arg = e->add_hardware[i], *eq = strstr(arg, "=cpe:");
		const char *model, *cpe = NULL;

		model = psirt_arena_strndup(arena, arg, eq ? (size_t)(eq - arg) : strlen(arg));
		if (!model)
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		if ((err = portfolio__check_text("hardware model", model, 0, diag)))
			return err;
		if (eq) {
			cpe = check_cpe(arena, "hardware CPE", eq + 1, 'h', diag, &err);
			if (err)
				return err;
		} else {
			cpe = portfolio__hw_cpe(arena, p->vendor, model);
		}
		for (k = 0; k < n && strcmp(hw[k].model, model); k++)
			;
		if (k == n) {
			if (n >= PSIRT_PORTFOLIO_MAX_LIST)
				return too_many(diag, "hardware models");
			n++;
		}
		hw[k].model = model;
		hw[k].cpe = cpe;
	}
	qsort(hw, n, sizeof *hw, cmp_hw);
	p->hardware = hw;
	p->n_hardware = n;
	return PSIRT_OK;
}

static enum psirt_err edit_regimes(struct psirt_arena *arena, struct psirt_product *p,
                                   const struct psirt_product_edit *e, struct psirt_diag *diag)
{
	size_t cap = p->n_regimes + e->n_add_regimes, i, k, n = p->n_regimes;
	const char **r = psirt_arena_calloc(arena, cap ? cap : 1, sizeof *r);
	enum psirt_err err;

	if (!r)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (n)
		memcpy(r, p->regimes, n * sizeof *r);
	for (i = 0; i < e->n_remove_regimes; i++) {
		for (k = 0; k < n && strcmp(r[k], e->remove_regimes[i]); k++)
			;
		if (k == n)
			return psirt_diag_set(diag, PSIRT_ENOTFOUND, "product '%s' has no regime '%s'",
			                      p->name, e->remove_regimes[i]);
		memmove(&r[k], &r[k + 1], (n - k - 1) * sizeof *r);
		n--;
	}
	for (i = 0; i < e->n_add_regimes; i++) {
		if ((err = portfolio__check_text("regulatory regime", e->add_regimes[i], 0, diag)))
			return err;
		for (k = 0; k < n && strcmp(r[k], e->add_regimes[i]); k++)
			;
		if (k < n)
			continue;
		if (n >= PSIRT_PORTFOLIO_MAX_LIST)
			return too_many(diag, "regulatory regimes");
		r[n++] = e->add_regimes[i];
	}
	qsort(r, n, sizeof *r, cmp_str);
	p->regimes = r;
	p->n_regimes = n;
	return PSIRT_OK;
}

/* Applies e to p. Strings of e are borrowed: the caller keeps e alive
 * until p is saved. */
static enum psirt_err apply_edit(struct psirt_arena *arena, struct psirt_product *p,
                                 const struct psirt_product_edit *e, struct psirt_diag *diag)
{
	const char *text[PSIRT_ATTR__MAX] = { e->safety, e->weight, e->exposure, e->update };
	int *field[PSIRT_ATTR__MAX] = { (int *)&p->safety, (int *)&p->weight, (int *)&p->exposure,
		                        (int *)&p->update };
	const char *old_vendor = p->vendor;
	enum psirt_err err = PSIRT_OK;
	int i, v;

	if (e->vendor) {
		if (!*e->vendor)
			p->vendor = NULL;
		else if ((err = portfolio__check_text("vendor", e->vendor, 0, diag)))
			return err;
		else
			p->vendor = e->vendor;
	}
	for (i = 0; i < PSIRT_ATTR__MAX; i++) {
		if (!text[i])
			continue;
		if (!*text[i]) {
			*field[i] = -1; /* every attribute's *_UNSET */
			continue;
		}
		if ((err = psirt_product_attr_parse((enum psirt_product_attr)i, text[i], &v, diag)))
			return err;
		*field[i] = v;
	}
	if (e->cpe) {
		p->cpe = *e->cpe ? check_cpe(arena, "firmware CPE", e->cpe, 'o', diag, &err) : NULL;
		if (err)
			return err;
	}
	if (e->owner) {
		if (*e->owner && (err = portfolio__check_text("owner", e->owner, 1, diag)))
			return err;
		p->owner = *e->owner ? e->owner : NULL;
	}
	if ((err = edit_hardware(arena, p, old_vendor, e, diag)))
		return err;
	return edit_regimes(arena, p, e, diag);
}

enum psirt_err psirt_portfolio_product_add(struct psirt_store *store, const char *name,
                                           const struct psirt_product_edit *edit,
                                           const char *actor, struct psirt_diag *diag)
{
	static const struct psirt_product_edit none;
	const struct psirt_product_edit *e = edit ? edit : &none;
	struct psirt_product p = { .safety = PSIRT_SAFETY_UNSET,
		                   .weight = PSIRT_WEIGHT_UNSET,
		                   .exposure = PSIRT_EXPOSURE_UNSET,
		                   .update = PSIRT_UPDATE_UNSET };
	struct psirt_arena arena;
	enum psirt_err err;

	if (!actor)
		return psirt_diag_set(diag, PSIRT_EINVAL, "who adds the product?");
	if ((err = portfolio__check_text("product name", name, 0, diag)))
		return err;
	if (e->n_remove_hardware || e->n_remove_regimes)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a new product has nothing to remove");
	psirt_arena_init(&arena, 0);
	p.name = name;
	err = apply_edit(&arena, &p, e, diag);
	if (!err && !(err = psirt_store_begin(store, diag)))
		err = portfolio__finish(store, psirt_store_product_save(store, NULL, &p, actor, NULL, diag),
		                        diag);
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_portfolio_product_set(struct psirt_store *store, const char *name,
                                           const struct psirt_product_edit *edit,
                                           const char *actor, size_t *changed,
                                           struct psirt_diag *diag)
{
	struct psirt_product old, p;
	struct psirt_arena arena;
	enum psirt_err err;

	if (changed)
		*changed = 0;
	if (!actor || !edit)
		return psirt_diag_set(diag, PSIRT_EINVAL, "who changes what?");
	psirt_arena_init(&arena, 0);
	if ((err = psirt_store_begin(store, diag)))
		goto out_release;
	err = psirt_store_product_get(store, name, &arena, &old, diag);
	if (!err) {
		p = old;
		err = apply_edit(&arena, &p, edit, diag);
	}
	if (!err)
		err = psirt_store_product_save(store, &old, &p, actor, changed, diag);
	err = portfolio__finish(store, err, diag);
out_release:
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_portfolio_products(struct psirt_store *store, const char *name,
                                        struct psirt_portfolio_products **out,
                                        struct psirt_diag *diag)
{
	struct psirt_portfolio_products *r = calloc(1, sizeof *r);
	enum psirt_err err;

	*out = NULL;
	if (!r)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&r->arena, 0);
	if (name) {
		r->items = psirt_arena_calloc(&r->arena, 1, sizeof *r->items);
		r->n = 1;
		err = r->items ? psirt_store_product_get(store, name, &r->arena, r->items, diag)
		               : psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	} else {
		err = psirt_store_product_list(store, &r->arena, &r->items, &r->n, diag);
	}
	if (err) {
		psirt_portfolio_products_free(r);
		return err;
	}
	*out = r;
	return PSIRT_OK;
}

void psirt_portfolio_products_free(struct psirt_portfolio_products *p)
{
	if (!p)
		return;
	psirt_arena_release(&p->arena);
	free(p);
}

/* Versions ---------------------------------------------------------------*/

static enum psirt_err edit_date(const char *what, const char *text, const char **field,
                                struct psirt_diag *diag)
{
	if (!text)
		return PSIRT_OK;
	if (!*text) {
		*field = NULL;
		return PSIRT_OK;
	}
	if (!psirt_isotime_is_date(text, strlen(text)))
		return psirt_diag_set(diag, PSIRT_EINVAL, "%s '%s' is not a date YYYY-MM-DD", what, text);
	*field = text;
	return PSIRT_OK;
}

static enum psirt_err apply_version_edit(struct psirt_product_version *v,
                                         const struct psirt_version_edit *e,
                                         struct psirt_diag *diag)
{
	unsigned long long units;
	enum psirt_err err;

	if ((err = edit_date("release date", e->released, &v->released, diag)) ||
	    (err = edit_date("end-of-support date", e->eos, &v->eos, diag)))
		return err;
	if (e->units) {
		if (!*e->units)
			v->units = -1;
		else if (psirt_str_to_u64(psirt_str_c(e->units), PSIRT_PORTFOLIO_MAX_UNITS, &units))
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "units '%s' is not a count from 0 to %llu", e->units,
			                      PSIRT_PORTFOLIO_MAX_UNITS);
		else
			v->units = (long long)units;
	}
	/* YYYY-MM-DD: text order is date order */
	if (v->released && v->eos && strcmp(v->eos, v->released) < 0)
		return psirt_diag_set(diag, PSIRT_EINVAL,
		                      "end of support %s is before the release date %s", v->eos,
		                      v->released);
	return PSIRT_OK;
}

/* Adds a version inside an open transaction; *v receives it as stored. */
static enum psirt_err version_create(struct psirt_store *store, struct psirt_arena *arena,
                                     const struct psirt_product *p, const char *version,
                                     const struct psirt_version_edit *edit, const char *actor,
                                     const char *comment, struct psirt_product_version *v,
                                     struct psirt_diag *diag)
{
	static const struct psirt_version_edit none;
	struct psirt_product_version nv = { 0 };
	enum psirt_err err;

	nv.product = p->name;
	nv.version = version;
	nv.units = -1;
	if ((err = apply_version_edit(&nv, edit ? edit : &none, diag)) ||
	    (err = psirt_store_version_save(store, p->id, NULL, &nv, actor, comment, NULL, NULL,
	                                    diag)))
		return err;
	return psirt_store_version_get(store, p->name, version, arena, v, diag);
}

enum psirt_err psirt_portfolio_version_add(struct psirt_store *store, const char *product,
                                           const char *version,
                                           const struct psirt_version_edit *edit,
                                           const char *actor, struct psirt_diag *diag)
{
	struct psirt_product_version v;
	struct psirt_product p;
	struct psirt_arena arena;
	enum psirt_err err;

	if (!actor)
		return psirt_diag_set(diag, PSIRT_EINVAL, "who adds the version?");
	if ((err = portfolio__check_text("version", version, 0, diag)))
		return err;
	psirt_arena_init(&arena, 0);
	if ((err = psirt_store_begin(store, diag)))
		goto out_release;
	err = psirt_store_product_get(store, product, &arena, &p, diag);
	if (!err)
		err = version_create(store, &arena, &p, version, edit, actor, NULL, &v, diag);
	err = portfolio__finish(store, err, diag);
out_release:
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_portfolio_version_set(struct psirt_store *store, const char *product,
                                           const char *version,
                                           const struct psirt_version_edit *edit,
                                           const char *actor, size_t *changed,
                                           struct psirt_diag *diag)
{
	struct psirt_product_version old, v;
	struct psirt_product p;
	struct psirt_arena arena;
	enum psirt_err err;

	if (changed)
		*changed = 0;
	if (!actor || !edit)
		return psirt_diag_set(diag, PSIRT_EINVAL, "who changes what?");
	psirt_arena_init(&arena, 0);
	if ((err = psirt_store_begin(store, diag)))
		goto out_release;
	err = psirt_store_product_get(store, product, &arena, &p, diag);
	if (!err)
		err = psirt_store_version_get(store, product, version, &arena, &old, diag);
	if (!err) {
		v = old;
		err = apply_version_edit(&v, edit, diag);
	}
	if (!err)
		err = psirt_store_version_save(store, p.id, &old, &v, actor, NULL, NULL, changed, diag);
	err = portfolio__finish(store, err, diag);
out_release:
	psirt_arena_release(&arena);
	return err;
}

enum psirt_err psirt_portfolio_versions(struct psirt_store *store, const char *product,
                                        const char *version,
                                        struct psirt_portfolio_versions **out,
                                        struct psirt_diag *diag)
{
	struct psirt_portfolio_versions *r = calloc(1, sizeof *r);
	struct psirt_product p;
	enum psirt_err err;

	*out = NULL;
	if (!r)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&r->arena, 0);
	err = psirt_store_product_get(store, product, &r->arena, &p, diag);
	if (!err && version) {
		r->items = psirt_arena_calloc(&r->arena, 1, sizeof *r->items);
		r->n = 1;
		err = r->items ? psirt_store_version_get(store, product, version, &r->arena, r->items,
		                                         diag)
		               : psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	} else if (!err) {
		err = psirt_store_version_list(store, product, &r->arena, &r->items, &r->n, diag);
	}
	if (err) {
		psirt_portfolio_versions_free(r);
		return err;
	}
	*out = r;
	return PSIRT_OK;
}

void psirt_portfolio_versions_free(struct psirt_portfolio_versions *v)
{
	if (!v)
		return;
	psirt_arena_release(&v->arena);
	free(v);
}

enum psirt_err psirt_portfolio_imports(struct psirt_store *store, const char *product,
                                       const char *version,
                                       struct psirt_portfolio_imports **out,
                                       struct psirt_diag *diag)
{
	struct psirt_portfolio_imports *r = calloc(1, sizeof *r);
	struct psirt_product_version v;
	enum psirt_err err;

	*out = NULL;
	if (!r)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&r->arena, 0);
	err = psirt_store_version_get(store, product, version, &r->arena, &v, diag);
	if (!err)
		err = psirt_store_sbom_history(store, v.id, &r->arena, &r->items, &r->n, diag);
	if (err) {
		psirt_portfolio_imports_free(r);
		return err;
	}
	*out = r;
	return PSIRT_OK;
}

void psirt_portfolio_imports_free(struct psirt_portfolio_imports *h)
{
	if (!h)
		return;
	psirt_arena_release(&h->arena);
	free(h);
}

enum psirt_err psirt_portfolio_history(struct psirt_store *store, const char *product,
                                       struct psirt_portfolio_history **out,
                                       struct psirt_diag *diag)
{
	struct psirt_portfolio_history *r = calloc(1, sizeof *r);
	struct psirt_product p;
	enum psirt_err err;

	*out = NULL;
	if (!r)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	psirt_arena_init(&r->arena, 0);
	err = psirt_store_product_get(store, product, &r->arena, &p, diag);
	if (!err)
		err = psirt_store_product_history(store, product, &r->arena, &r->items, &r->n, diag);
	if (err) {
		psirt_portfolio_history_free(r);
		return err;
	}
	*out = r;
	return PSIRT_OK;
}

void psirt_portfolio_history_free(struct psirt_portfolio_history *h)
{
	if (!h)
		return;
	psirt_arena_release(&h->arena);
	free(h);
}

/* SBOM import ------------------------------------------------------------*/

enum psirt_err psirt_portfolio_sbom_import(struct psirt_store *store, const char *product,
                                           const char *version,
                                           const struct psirt_sbom_doc *doc,
                                           const struct psirt_sbom_source *source,
                                           struct psirt_sbom_import_result *result,
                                           struct psirt_diag *diag)
{
	struct psirt_sbom_import_result local;
	struct psirt_product_version v;
	struct psirt_product p;
	struct psirt_arena arena;
	enum psirt_err err;
	size_t i;

	if (!result)
		result = &local;
	memset(result, 0, sizeof *result);
	if (!source || !source->actor)
		return psirt_diag_set(diag, PSIRT_EINVAL, "who imports the SBOM?");
	if (source->kind && strcmp(source->kind, "import") && strcmp(source->kind, "scan"))
		return psirt_diag_set(diag, PSIRT_EINVAL, "an SBOM comes from an import or a scan");
	if ((err = portfolio__check_text("version", version, 0, diag)))
		return err;
	for (i = 0; i < doc->n_components; i++) {
		const struct psirt_sbom_component *c = doc->components[i];

		result->no_identity += (c->flags & PSIRT_SBOM_C_NO_IDENTITY) != 0;
		result->bad_purl += (c->flags & PSIRT_SBOM_C_BAD_PURL) != 0;
		result->bad_cpe += (c->flags & PSIRT_SBOM_C_BAD_CPE) != 0;
	}
	psirt_arena_init(&arena, 0);
	if ((err = psirt_store_begin(store, diag)))
		goto out_release;
	err = psirt_store_product_get(store, product, &arena, &p, diag);
	if (!err) {
		err = psirt_store_version_get(store, product, version, &arena, &v, NULL);
		if (err == PSIRT_ENOTFOUND) {
			err = version_create(store, &arena, &p, version, NULL, source->actor,
			                     "created by an SBOM import", &v, diag);
			result->version_created = !err;
		} else if (err) {
			/* again, with the message */
			err = psirt_store_version_get(store, product, version, &arena, &v, diag);
		}
	}
	if (!err)
		err = psirt_store_sbom_replace(store, &v, doc, source, result, diag);
	err = portfolio__finish(store, err, diag);
out_release:
	if (err)
		memset(result, 0, sizeof *result);
	psirt_arena_release(&arena);
	return err;
}
