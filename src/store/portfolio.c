/* The portfolio's SQL: products, versions, components, SBOM history (see
 * include/psirt/portfolio.h, "Store layer", and docs/schema.md).
 *
 * Statements are prepared per call, not cached in the connection: a person
 * adds a product now and then, and an SBOM import prepares its handful of
 * statements once for thousands of rows. Every function finalises what it
 * prepared before it returns, so a caller's rollback never meets a busy
 * statement. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "psirt/portfolio.h"
#include "psirt/str.h"
#include "store/internal.h"

/* Reading ----------------------------------------------------------------*/

static sqlite3_stmt *prep(struct psirt_store *s, const char *sql, struct psirt_diag *diag,
                          enum psirt_err *err)
{
	sqlite3_stmt *st = NULL;

	if (*err)
		return NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		*err = store__fail(s, diag, "preparing a portfolio statement");
	return st;
}

/* Steps st: 1 for a row, 0 at the end or on error (noted in *err). */
static int row(struct psirt_store *s, sqlite3_stmt *st, struct psirt_diag *diag,
               enum psirt_err *err, const char *doing)
{
	int rc;

	if (*err || !st)
		return 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		*err = store__fail(s, diag, doing);
	return 0;
}

/* Runs st to completion. */
static void done(struct psirt_store *s, sqlite3_stmt *st, struct psirt_diag *diag,
                 enum psirt_err *err, const char *doing)
{
	if (*err || !st)
		return;
	if (sqlite3_step(st) != SQLITE_DONE)
		*err = store__fail(s, diag, doing);
	sqlite3_reset(st);
}

static int attr_from(enum psirt_product_attr a, const unsigned char *text)
{
	int v;

	if (!text || psirt_product_attr_parse(a, (const char *)text, &v, NULL))
		return -1; /* every attribute's *_UNSET */
	return v;
}

#define PRODUCT_COLUMNS                                                                      \
	"SELECT p.id, p.name, v.name, p.safety, p.weight, p.exposure, p.update_mechanism,"   \
	" p.cpe, p.owner, p.created_at, p.updated_at,"                                       \
	" (SELECT count(*) FROM product_version pv WHERE pv.product = p.id)"                 \
	" FROM product p LEFT JOIN vendor v ON v.id = p.vendor_id"

static void product_row(struct store__rd *r, sqlite3_stmt *st, struct psirt_product *p)
{
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->name = store__rd_col(r, st, 1);
	p->vendor = store__rd_col(r, st, 2);
	p->safety = (enum psirt_safety_class)attr_from(PSIRT_ATTR_SAFETY, sqlite3_column_text(st, 3));
	p->weight =
	    (enum psirt_business_weight)attr_from(PSIRT_ATTR_WEIGHT, sqlite3_column_text(st, 4));
	p->exposure = (enum psirt_exposure)attr_from(PSIRT_ATTR_EXPOSURE, sqlite3_column_text(st, 5));
	p->update =
	    (enum psirt_update_mechanism)attr_from(PSIRT_ATTR_UPDATE, sqlite3_column_text(st, 6));
	p->cpe = store__rd_col(r, st, 7);
	p->owner = store__rd_col(r, st, 8);
	p->created_at = store__rd_col(r, st, 9);
	p->updated_at = store__rd_col(r, st, 10);
	p->n_versions = (size_t)sqlite3_column_int64(st, 11);
}

/* Reads the hardware models and regimes of p. */
static void product_lists(struct store__rd *r, struct psirt_product *p)
{
	sqlite3_stmt *st;
	size_t cap = 0;

	st = prep(r->s, "SELECT model, cpe FROM product_hardware WHERE product = ?1 ORDER BY model",
	          r->diag, &r->err);
	if (st)
		sqlite3_bind_int64(st, 1, p->id);
	while (row(r->s, st, r->diag, &r->err, "reading hardware models")) {
		p->hardware = store__rd_grow(r, p->hardware, p->n_hardware, &cap, sizeof *p->hardware);
		if (!p->hardware)
			break;
		p->hardware[p->n_hardware].model = store__rd_col(r, st, 0);
		p->hardware[p->n_hardware++].cpe = store__rd_col(r, st, 1);
	}
	sqlite3_finalize(st);
	cap = 0;
	st = prep(r->s, "SELECT regime FROM product_regime WHERE product = ?1 ORDER BY regime",
	          r->diag, &r->err);
	if (st)
		sqlite3_bind_int64(st, 1, p->id);
	while (row(r->s, st, r->diag, &r->err, "reading regimes")) {
		p->regimes = store__rd_grow(r, p->regimes, p->n_regimes, &cap, sizeof *p->regimes);
		if (!p->regimes)
			break;
		p->regimes[p->n_regimes++] = store__rd_col(r, st, 0);
	}
	sqlite3_finalize(st);
}

enum psirt_err psirt_store_product_get(struct psirt_store *s, const char *name,
                                       struct psirt_arena *arena, struct psirt_product *out,
                                       struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = prep(s, PRODUCT_COLUMNS " WHERE p.name = ?1", diag, &r.err);
	int found;

	memset(out, 0, sizeof *out);
	if (st)
		store__bind_text(st, 1, name);
	found = row(s, st, diag, &r.err, "reading a product");
	if (found)
		product_row(&r, st, out);
	sqlite3_finalize(st);
	if (r.err)
		return r.err;
	if (!found)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no product '%s'", name);
	product_lists(&r, out);
	return r.err;
}

enum psirt_err psirt_store_product_list(struct psirt_store *s, struct psirt_arena *arena,
                                        struct psirt_product **items, size_t *n,
                                        struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = prep(s, PRODUCT_COLUMNS " ORDER BY p.name", diag, &r.err);
	size_t cap = 0, i;

	*items = NULL;
	*n = 0;
	while (row(s, st, diag, &r.err, "listing products")) {
		*items = store__rd_grow(&r, *items, *n, &cap, sizeof **items);
		if (!*items)
			break;
		product_row(&r, st, &(*items)[(*n)++]);
	}
	sqlite3_finalize(st);
	for (i = 0; !r.err && i < *n; i++)
		product_lists(&r, &(*items)[i]);
	return r.err;
}

/* Writing ----------------------------------------------------------------*/

static int same(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

struct wr {
	struct psirt_store *s;
	struct psirt_diag *diag;
	enum psirt_err err;
	const char *actor;
	const char *entity;
	const char *entity_id;
	const char *comment;
	size_t changed;
};

static void audit(struct wr *w, const char *field, const char *old_value, const char *new_value)
{
	struct psirt_audit_entry e = { NULL,      w->actor,  w->entity, w->entity_id,
		                       field,     old_value, new_value, w->comment };

	if (w->err)
		return;
	w->err = psirt_store_audit_add(w->s, &e, w->diag);
	w->changed++;
}

static void audit_field(struct wr *w, const char *field, const char *old_value,
                        const char *new_value)
{
	if (!same(old_value, new_value))
		audit(w, field, old_value, new_value);
}

/* "MODEL (CPE)" or "MODEL" for the audit log, in buf. */
static const char *hw_text(struct psirt_buf *b, const struct psirt_hw_model *h)
{
	psirt_buf_reset(b);
	psirt_buf_adds(b, h->model);
	if (h->cpe)
		psirt_buf_addf(b, " (%s)", h->cpe);
	return b->p;
}

static void exec1(struct wr *w, const char *sql, long long id, const char *text1,
                  const char *text2)
{
	sqlite3_stmt *st = prep(w->s, sql, w->diag, &w->err);

	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, text1);
	store__bind_text(st, 3, text2);
	done(w->s, st, w->diag, &w->err, "writing the portfolio");
	sqlite3_finalize(st);
}

/* Hardware models: both lists sorted by model. */
static void save_hardware(struct wr *w, long long id, const struct psirt_product *old,
                          const struct psirt_product *p)
{
	size_t i = 0, j = 0, on = old ? old->n_hardware : 0;
	struct psirt_buf a = PSIRT_BUF_INIT, b = PSIRT_BUF_INIT;

	while (!w->err && (i < on || j < p->n_hardware)) {
		const struct psirt_hw_model *o = i < on ? &old->hardware[i] : NULL;
		const struct psirt_hw_model *n = j < p->n_hardware ? &p->hardware[j] : NULL;
		int c = !o ? 1 : !n ? -1 : strcmp(o->model, n->model);

		if (c < 0) {
			exec1(w, "DELETE FROM product_hardware WHERE product = ?1 AND model = ?2", id,
			      o->model, NULL);
			audit(w, "hardware", hw_text(&a, o), NULL);
			i++;
		} else if (c > 0) {
			exec1(w, "INSERT INTO product_hardware (product, model, cpe) VALUES (?1, ?2, ?3)",
			      id, n->model, n->cpe);
			audit(w, "hardware", NULL, hw_text(&b, n));
			j++;
		} else {
			if (!same(o->cpe, n->cpe)) {
				exec1(w, "UPDATE product_hardware SET cpe = ?3"
				         " WHERE product = ?1 AND model = ?2",
				      id, n->model, n->cpe);
				audit(w, "hardware", hw_text(&a, o), hw_text(&b, n));
			}
			i++, j++;
		}
	}
	if (!w->err && (psirt_buf_error(&a) || psirt_buf_error(&b)))
		w->err = psirt_diag_set(w->diag, PSIRT_ENOMEM, "out of memory");
	psirt_buf_release(&a);
	psirt_buf_release(&b);
}

static void save_regimes(struct wr *w, long long id, const struct psirt_product *old,
                         const struct psirt_product *p)
{
	size_t i = 0, j = 0, on = old ? old->n_regimes : 0;

	while (!w->err && (i < on || j < p->n_regimes)) {
		const char *o = i < on ? old->regimes[i] : NULL;
		const char *n = j < p->n_regimes ? p->regimes[j] : NULL;
		int c = !o ? 1 : !n ? -1 : strcmp(o, n);

		if (c < 0) {
			exec1(w, "DELETE FROM product_regime WHERE product = ?1 AND regime = ?2", id, o,
			      NULL);
			audit(w, "regime", o, NULL);
			i++;
		} else if (c > 0) {
			exec1(w, "INSERT INTO product_regime (product, regime) VALUES (?1, ?2)", id, n,
			      NULL);
			audit(w, "regime", NULL, n);
			j++;
		} else {
			i++, j++;
		}
	}
}

static long long vendor_id(struct wr *w, const char *name)
{
	sqlite3_stmt *st;
	long long id = 0;

	if (!name || w->err)
		return 0;
	st = prep(w->s, "INSERT INTO vendor (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
	          w->diag, &w->err);
	if (st)
		store__bind_text(st, 1, name);
	done(w->s, st, w->diag, &w->err, "adding a vendor");
	sqlite3_finalize(st);
	st = prep(w->s, "SELECT id FROM vendor WHERE name = ?1", w->diag, &w->err);
	if (st)
		store__bind_text(st, 1, name);
	if (row(w->s, st, w->diag, &w->err, "reading a vendor"))
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

enum psirt_err psirt_store_product_save(struct psirt_store *s, const struct psirt_product *old,
                                        const struct psirt_product *p, const char *actor,
                                        size_t *changed, struct psirt_diag *diag)
{
	struct wr w = { s, diag, PSIRT_OK, actor, "product", p->name, NULL, 0 };
	static const struct psirt_product none = { .safety = PSIRT_SAFETY_UNSET,
		                                   .weight = PSIRT_WEIGHT_UNSET,
		                                   .exposure = PSIRT_EXPOSURE_UNSET,
		                                   .update = PSIRT_UPDATE_UNSET };
	const struct psirt_product *o = old ? old : &none;
	long long vid = vendor_id(&w, p->vendor), id = old ? old->id : 0;
	const char *now = store__now(s);
	sqlite3_stmt *st;
	int i;
	const char *ov[PSIRT_ATTR__MAX], *nv[PSIRT_ATTR__MAX];

	ov[PSIRT_ATTR_SAFETY] = psirt_product_attr_value(PSIRT_ATTR_SAFETY, (int)o->safety);
	ov[PSIRT_ATTR_WEIGHT] = psirt_product_attr_value(PSIRT_ATTR_WEIGHT, (int)o->weight);
	ov[PSIRT_ATTR_EXPOSURE] = psirt_product_attr_value(PSIRT_ATTR_EXPOSURE, (int)o->exposure);
	ov[PSIRT_ATTR_UPDATE] = psirt_product_attr_value(PSIRT_ATTR_UPDATE, (int)o->update);
	nv[PSIRT_ATTR_SAFETY] = psirt_product_attr_value(PSIRT_ATTR_SAFETY, (int)p->safety);
	nv[PSIRT_ATTR_WEIGHT] = psirt_product_attr_value(PSIRT_ATTR_WEIGHT, (int)p->weight);
	nv[PSIRT_ATTR_EXPOSURE] = psirt_product_attr_value(PSIRT_ATTR_EXPOSURE, (int)p->exposure);
	nv[PSIRT_ATTR_UPDATE] = psirt_product_attr_value(PSIRT_ATTR_UPDATE, (int)p->update);

	if (!old) {
		st = prep(s,
		          "INSERT INTO product (name, vendor_id, safety, weight, exposure,"
		          " update_mechanism, cpe, owner, created_at, updated_at)"
		          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
		          diag, &w.err);
		if (st)
			store__bind_text(st, 1, p->name);
	} else {
		st = prep(s,
		          "UPDATE product SET vendor_id = ?2, safety = ?3, weight = ?4, exposure = ?5,"
		          " update_mechanism = ?6, cpe = ?7, owner = ?8 WHERE id = ?1",
		          diag, &w.err);
		if (st)
			sqlite3_bind_int64(st, 1, id);
	}
	if (st) {
		if (vid)
			sqlite3_bind_int64(st, 2, vid);
		for (i = 0; i < PSIRT_ATTR__MAX; i++)
			store__bind_text(st, 3 + i, nv[i]);
		store__bind_text(st, 7, p->cpe);
		store__bind_text(st, 8, p->owner);
		if (!old)
			store__bind_text(st, 9, now);
	}
	if (st && sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
			w.err = psirt_diag_set(diag, PSIRT_EINVAL, "product '%s' exists", p->name);
		else
			w.err = store__fail(s, diag, "writing a product");
	}
	sqlite3_finalize(st);
	if (!old) {
		id = sqlite3_last_insert_rowid(s->db);
		w.comment = "created";
		audit(&w, NULL, NULL, p->name);
	}
	audit_field(&w, "vendor", o->vendor, p->vendor);
	for (i = 0; i < PSIRT_ATTR__MAX; i++)
		audit_field(&w, psirt_product_attr_name((enum psirt_product_attr)i), ov[i], nv[i]);
	audit_field(&w, "cpe", o->cpe, p->cpe);
	audit_field(&w, "owner", o->owner, p->owner);
	save_hardware(&w, id, old, p);
	save_regimes(&w, id, old, p);
	if (old && w.changed)
		exec1(&w, "UPDATE product SET updated_at = ?2 WHERE id = ?1", id, now, NULL);
	if (changed)
		*changed = w.changed;
	return w.err;
}

/* Versions ---------------------------------------------------------------*/

#define VERSION_COLUMNS                                                                      \
	"SELECT v.id, p.name, v.version, v.released, v.eos, v.units, v.sbom_import,"         \
	" v.created_at, v.updated_at,"                                                       \
	" coalesce((SELECT i.components FROM sbom_import i WHERE i.id = v.sbom_import), 0)"  \
	" FROM product_version v JOIN product p ON p.id = v.product"

static void version_row(struct store__rd *r, sqlite3_stmt *st, struct psirt_product_version *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(st, 0);
	v->product = store__rd_col(r, st, 1);
	v->version = store__rd_col(r, st, 2);
	v->released = store__rd_col(r, st, 3);
	v->eos = store__rd_col(r, st, 4);
	v->units = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5);
	v->sbom_import = sqlite3_column_int64(st, 6);
	v->created_at = store__rd_col(r, st, 7);
	v->updated_at = store__rd_col(r, st, 8);
	v->n_components = (size_t)sqlite3_column_int64(st, 9);
}

enum psirt_err psirt_store_version_get(struct psirt_store *s, const char *product,
                                       const char *version, struct psirt_arena *arena,
                                       struct psirt_product_version *out,
                                       struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st =
	    prep(s, VERSION_COLUMNS " WHERE p.name = ?1 AND v.version = ?2", diag, &r.err);
	int found;

	memset(out, 0, sizeof *out);
	if (st) {
		store__bind_text(st, 1, product);
		store__bind_text(st, 2, version);
	}
	found = row(s, st, diag, &r.err, "reading a version");
	if (found)
		version_row(&r, st, out);
	sqlite3_finalize(st);
	if (!r.err && !found)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "product '%s' has no version '%s'",
		                      product, version);
	return r.err;
}

enum psirt_err psirt_store_version_list(struct psirt_store *s, const char *product,
                                        struct psirt_arena *arena,
                                        struct psirt_product_version **items, size_t *n,
                                        struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	/* releases without a date last: they are usually the ones in work */
	sqlite3_stmt *st = prep(s,
	                        VERSION_COLUMNS " WHERE p.name = ?1"
	                                        " ORDER BY v.released IS NULL, v.released, v.version",
	                        diag, &r.err);
	size_t cap = 0;

	*items = NULL;
	*n = 0;
	if (st)
		store__bind_text(st, 1, product);
	while (row(s, st, diag, &r.err, "listing versions")) {
		*items = store__rd_grow(&r, *items, *n, &cap, sizeof **items);
		if (!*items)
			break;
		version_row(&r, st, &(*items)[(*n)++]);
	}
	sqlite3_finalize(st);
	return r.err;
}

/* "PRODUCT@VERSION", the audit log's entity id of a version; owned. */
static char *version_entity(const char *product, const char *version)
{
	struct psirt_buf b = PSIRT_BUF_INIT;

	psirt_buf_addf(&b, "%s@%s", product, version);
	return psirt_buf_detach(&b, NULL);
}

static const char *units_text(char *buf, size_t size, long long units)
{
	if (units < 0)
		return NULL;
	snprintf(buf, size, "%lld", units);
	return buf;
}

enum psirt_err psirt_store_version_save(struct psirt_store *s, long long product_id,
                                        const struct psirt_product_version *old,
                                        const struct psirt_product_version *v,
                                        const char *actor, const char *comment,
                                        long long *id_out, size_t *changed,
                                        struct psirt_diag *diag)
{
	char *entity = version_entity(v->product, v->version);
	struct wr w = { s, diag, PSIRT_OK, actor, "product_version", entity, comment, 0 };
	const char *now = store__now(s);
	char ou[32], nu[32];
	sqlite3_stmt *st;
	long long id = old ? old->id : 0;

	if (!entity)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (!old) {
		st = prep(s,
		          "INSERT INTO product_version (product, version, released, eos, units,"
		          " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
		          diag, &w.err);
		if (st) {
			sqlite3_bind_int64(st, 1, product_id);
			store__bind_text(st, 2, v->version);
			store__bind_text(st, 6, now);
		}
	} else {
		st = prep(s, "UPDATE product_version SET released = ?3, eos = ?4, units = ?5"
		             " WHERE id = ?1",
		          diag, &w.err);
		if (st)
			sqlite3_bind_int64(st, 1, id);
	}
	if (st) {
		store__bind_text(st, 3, v->released);
		store__bind_text(st, 4, v->eos);
		if (v->units >= 0)
			sqlite3_bind_int64(st, 5, v->units);
	}
	if (st && sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
			w.err = psirt_diag_set(diag, PSIRT_EINVAL, "product '%s' has a version '%s'",
			                       v->product, v->version);
		else
			w.err = store__fail(s, diag, "writing a version");
	}
	sqlite3_finalize(st);
	if (!old) {
		id = sqlite3_last_insert_rowid(s->db);
		if (!w.comment)
			w.comment = "created";
		audit(&w, NULL, NULL, v->version);
	}
	audit_field(&w, "released", old ? old->released : NULL, v->released);
	audit_field(&w, "eos", old ? old->eos : NULL, v->eos);
	audit_field(&w, "units", units_text(ou, sizeof ou, old ? old->units : -1),
	            units_text(nu, sizeof nu, v->units));
	if (old && w.changed)
		exec1(&w, "UPDATE product_version SET updated_at = ?2 WHERE id = ?1", id, now, NULL);
	if (id_out)
		*id_out = id;
	if (changed)
		*changed = w.changed;
	free(entity);
	return w.err;
}

/* Components -------------------------------------------------------------*/

/* Appends s as a JSON string (RFC 8259 §7). */
static void json_str(struct psirt_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	psirt_buf_addch(b, '"');
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		psirt_buf_add(b, run, (size_t)(p - run));
		if (*p == '"' || *p == '\\') {
			psirt_buf_addch(b, '\\');
			psirt_buf_addch(b, (char)*p);
		} else {
			psirt_buf_addf(b, "\\u%04x", *p);
		}
		run = p + 1;
	}
	psirt_buf_add(b, run, (size_t)(p - run));
	psirt_buf_addch(b, '"');
}

static const char *const scope_names[PSIRT_SBOM_SCOPE__MAX] = {
	[PSIRT_SBOM_SCOPE_NONE] = NULL,
	[PSIRT_SBOM_SCOPE_REQUIRED] = "required",
	[PSIRT_SBOM_SCOPE_OPTIONAL] = "optional",
	[PSIRT_SBOM_SCOPE_EXCLUDED] = "excluded",
};

static const char *const license_kinds[] = { "id", "name", "expression" };
static const char *const license_acks[] = { NULL, "declared", "concluded" };

/* The property that carries the firmware scanner's evidence (fwscan.h). */
#define EVIDENCE_PROPERTY "psirt:fwscan:evidence"

/* Builds the JSON columns of c into the four buffers (reset here); a column
 * is NULL (b->len 0) when c has none of it. */
static void component_json(const struct psirt_sbom_component *c, struct psirt_buf b[4])
{
	size_t i, ev = 0;

	for (i = 0; i < 4; i++)
		psirt_buf_reset(&b[i]);
	for (i = 0; i < c->n_hashes; i++) {
		psirt_buf_adds(&b[0], i ? ",{\"alg\":" : "[{\"alg\":");
		json_str(&b[0], psirt_sbom_hash_name(c->hashes[i].alg));
		psirt_buf_adds(&b[0], ",\"content\":");
		json_str(&b[0], c->hashes[i].value);
		psirt_buf_addch(&b[0], '}');
	}
	for (i = 0; i < c->n_licenses; i++) {
		const struct psirt_sbom_license *l = &c->licenses[i];

		psirt_buf_adds(&b[1], i ? ",{\"kind\":\"" : "[{\"kind\":\"");
		psirt_buf_adds(&b[1], license_kinds[l->kind]);
		psirt_buf_addch(&b[1], '"');
		if (license_acks[l->ack]) {
			psirt_buf_adds(&b[1], ",\"ack\":\"");
			psirt_buf_adds(&b[1], license_acks[l->ack]);
			psirt_buf_addch(&b[1], '"');
		}
		psirt_buf_adds(&b[1], ",\"value\":");
		json_str(&b[1], l->value);
		psirt_buf_addch(&b[1], '}');
	}
	for (i = 0; i < c->n_properties; i++) {
		const struct psirt_sbom_property *p = &c->properties[i];

		psirt_buf_adds(&b[2], i ? ",{\"name\":" : "[{\"name\":");
		json_str(&b[2], p->name);
		if (p->value) {
			psirt_buf_adds(&b[2], ",\"value\":");
			json_str(&b[2], p->value);
		}
		psirt_buf_addch(&b[2], '}');
		if (p->value && !strcmp(p->name, EVIDENCE_PROPERTY)) {
			psirt_buf_addch(&b[3], ev++ ? ',' : '[');
			json_str(&b[3], p->value);
		}
	}
	if (c->n_hashes)
		psirt_buf_addch(&b[0], ']');
	if (c->n_licenses)
		psirt_buf_addch(&b[1], ']');
	if (c->n_properties)
		psirt_buf_addch(&b[2], ']');
	if (ev)
		psirt_buf_addch(&b[3], ']');
}

static void bind_buf(sqlite3_stmt *st, int i, const struct psirt_buf *b)
{
	if (b->len)
		sqlite3_bind_text(st, i, b->p, (int)b->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

enum stmt_import { SI_COMPONENT, SI_CPE, SI_DEP, SI__MAX };

static const char *const import_sql[SI__MAX] = {
	[SI_COMPONENT] = "INSERT INTO component (version_id, seq, parent_seq, bom_ref, type, scope,"
	                 " name, version, grp, supplier, description, purl, flags, hashes,"
	                 " licenses, properties, evidence, vcs_commit, vcs_repo) VALUES (?1, ?2, ?3,"
	                 " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
	[SI_CPE] = "INSERT INTO component_cpe (version_id, component_seq, seq, cpe, valid)"
	           " VALUES (?1, ?2, ?3, ?4, ?5)",
	[SI_DEP] = "INSERT INTO component_dependency (version_id, ref, seq, depends_on)"
	           " VALUES (?1, ?2, ?3, ?4)",
};

static void insert_components(struct wr *w, long long vid, const struct psirt_sbom_doc *doc,
                              sqlite3_stmt *const sti[SI__MAX])
{
	struct psirt_buf b[4] = { PSIRT_BUF_INIT, PSIRT_BUF_INIT, PSIRT_BUF_INIT, PSIRT_BUF_INIT };
	size_t i, k;

	for (i = 0; !w->err && i < doc->n_components; i++) {
		const struct psirt_sbom_component *c = doc->components[i];
		sqlite3_stmt *st = sti[SI_COMPONENT];

		if (!c->name || !*c->name) {
			w->err = psirt_diag_set(w->diag, PSIRT_EINVAL,
			                        "component %zu%s%s%s has no name", i + 1,
			                        c->ref ? " ('" : "", c->ref ? c->ref : "",
			                        c->ref ? "')" : "");
			break;
		}
		component_json(c, b);
		if (psirt_buf_error(&b[0]) || psirt_buf_error(&b[1]) || psirt_buf_error(&b[2]) ||
		    psirt_buf_error(&b[3])) {
			w->err = psirt_diag_set(w->diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		sqlite3_bind_int64(st, 1, vid);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)c->index);
		if (c->parent)
			sqlite3_bind_int64(st, 3, (sqlite3_int64)c->parent->index);
		else
			sqlite3_bind_null(st, 3);
		store__bind_text(st, 4, c->ref);
		store__bind_text(st, 5, psirt_sbom_type_name(c->type));
		store__bind_text(st, 6, c->scope < PSIRT_SBOM_SCOPE__MAX ? scope_names[c->scope] : NULL);
		store__bind_text(st, 7, c->name);
		store__bind_text(st, 8, c->version);
		store__bind_text(st, 9, c->group);
		store__bind_text(st, 10, c->supplier);
		store__bind_text(st, 11, c->description);
		store__bind_text(st, 12, c->purl);
		sqlite3_bind_int(st, 13, (int)c->flags);
		bind_buf(st, 14, &b[0]);
		bind_buf(st, 15, &b[1]);
		bind_buf(st, 16, &b[2]);
		bind_buf(st, 17, &b[3]);
		store__bind_text(st, 18, c->commit);
		store__bind_text(st, 19, c->commit ? c->repo : NULL);
		done(w->s, st, w->diag, &w->err, "storing a component");
		for (k = 0; !w->err && k < c->n_cpes; k++) {
			st = sti[SI_CPE];
			sqlite3_bind_int64(st, 1, vid);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)c->index);
			sqlite3_bind_int64(st, 3, (sqlite3_int64)k);
			store__bind_text(st, 4, c->cpes[k].value);
			sqlite3_bind_int(st, 5, c->cpes[k].valid != 0);
			done(w->s, st, w->diag, &w->err, "storing a CPE");
		}
	}
	for (i = 0; !w->err && i < doc->n_deps; i++) {
		const struct psirt_sbom_dependency *d = &doc->deps[i];
		sqlite3_stmt *st = sti[SI_DEP];

		for (k = 0; !w->err && k < (d->n_depends_on ? d->n_depends_on : 1); k++) {
			sqlite3_bind_int64(st, 1, vid);
			store__bind_text(st, 2, d->ref);
			sqlite3_bind_int64(st, 3, (sqlite3_int64)k);
			store__bind_text(st, 4, d->n_depends_on ? d->depends_on[k] : NULL);
			done(w->s, st, w->diag, &w->err, "storing a dependency");
		}
	}
	for (i = 0; i < 4; i++)
		psirt_buf_release(&b[i]);
}

/* "#ID FILE (FORMAT SPEC, N components)" for the audit log; owned. */
static char *import_text(long long id, const char *file, const char *format, const char *spec,
                         size_t n)
{
	struct psirt_buf b = PSIRT_BUF_INIT;

	psirt_buf_addf(&b, "#%lld %s (%s%s%s, %zu component%s)", id, file ? file : "-", format,
	               spec ? " " : "", spec ? spec : "", n, n == 1 ? "" : "s");
	return psirt_buf_detach(&b, NULL);
}

enum psirt_err psirt_store_sbom_replace(struct psirt_store *s,
                                        const struct psirt_product_version *v,
                                        const struct psirt_sbom_doc *doc,
                                        const struct psirt_sbom_source *src,
                                        struct psirt_sbom_import_result *result,
                                        struct psirt_diag *diag)
{
	char *entity = version_entity(v->product, v->version), *old_text = NULL, *new_text = NULL;
	struct wr w = { s, diag, PSIRT_OK, src->actor, "product_version", entity, NULL, 0 };
	sqlite3_stmt *sti[SI__MAX] = { NULL }, *st;
	/* a scanned document has no format of its own */
	const char *format = doc->format ? psirt_sbom_format_name(doc->format)
	                     : src->kind && !strcmp(src->kind, "scan") ? "fwscan"
	                                                                : "unknown";
	long long id = 0;
	int i;

	if (!entity)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	result->replaced = 0;
	st = prep(s, "SELECT count(*) FROM component WHERE version_id = ?1", diag, &w.err);
	if (st)
		sqlite3_bind_int64(st, 1, v->id);
	if (row(s, st, diag, &w.err, "counting components"))
		result->replaced = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* children first: the foreign keys would cascade row by row */
	exec1(&w, "DELETE FROM component_dependency WHERE version_id = ?1", v->id, NULL, NULL);
	exec1(&w, "DELETE FROM component_cpe WHERE version_id = ?1", v->id, NULL, NULL);
	exec1(&w, "DELETE FROM component WHERE version_id = ?1", v->id, NULL, NULL);

	st = prep(s,
	          "INSERT INTO sbom_import (version_id, at, actor, kind, format, spec_version,"
	          " serial, file_name, sha256, size, created, root_ref, root_name, root_version,"
	          " components, warnings, replaced) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	          " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
	          diag, &w.err);
	if (st) {
		sqlite3_bind_int64(st, 1, v->id);
		store__bind_text(st, 2, store__now(s));
		store__bind_text(st, 3, src->actor);
		store__bind_text(st, 4, src->kind ? src->kind : "import");
		store__bind_text(st, 5, format);
		store__bind_text(st, 6, doc->spec_version);
		store__bind_text(st, 7, doc->serial);
		store__bind_text(st, 8, src->file_name);
		store__bind_text(st, 9, src->sha256);
		if (src->size > 0)
			sqlite3_bind_int64(st, 10, src->size);
		store__bind_text(st, 11, doc->created);
		if (doc->root) {
			store__bind_text(st, 12, doc->root->ref);
			store__bind_text(st, 13, doc->root->name);
			store__bind_text(st, 14, doc->root->version);
		}
		sqlite3_bind_int64(st, 15, (sqlite3_int64)doc->n_components);
		sqlite3_bind_int64(st, 16, (sqlite3_int64)(doc->n_warnings + doc->warnings_dropped));
		sqlite3_bind_int64(st, 17, (sqlite3_int64)result->replaced);
		done(s, st, diag, &w.err, "recording the import");
	}
	sqlite3_finalize(st);
	if (!w.err)
		id = sqlite3_last_insert_rowid(s->db);

	for (i = 0; i < SI__MAX; i++)
		sti[i] = prep(s, import_sql[i], diag, &w.err);
	insert_components(&w, v->id, doc, sti);
	for (i = 0; i < SI__MAX; i++)
		sqlite3_finalize(sti[i]);

	st = prep(s, "UPDATE product_version SET sbom_import = ?2, updated_at = ?3 WHERE id = ?1",
	          diag, &w.err);
	if (st) {
		sqlite3_bind_int64(st, 1, v->id);
		sqlite3_bind_int64(st, 2, id);
		store__bind_text(st, 3, store__now(s));
		done(s, st, diag, &w.err, "updating the version");
	}
	sqlite3_finalize(st);

	if (!w.err && v->sbom_import) {
		/* the replaced SBOM, as the history names it */
		st = prep(s, "SELECT file_name, format, spec_version, components FROM sbom_import"
		             " WHERE id = ?1",
		          diag, &w.err);
		if (st)
			sqlite3_bind_int64(st, 1, v->sbom_import);
		if (row(s, st, diag, &w.err, "reading the import history"))
			old_text = import_text(v->sbom_import, (const char *)sqlite3_column_text(st, 0),
			                       (const char *)sqlite3_column_text(st, 1),
			                       (const char *)sqlite3_column_text(st, 2),
			                       (size_t)sqlite3_column_int64(st, 3));
		sqlite3_finalize(st);
	}
	new_text = import_text(id, src->file_name, format, doc->spec_version, doc->n_components);
	if (!new_text && !w.err)
		w.err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	w.comment = src->kind ? src->kind : "import";
	audit(&w, "sbom", old_text, new_text);
	result->import_id = id;
	result->components = doc->n_components;
	free(old_text);
	free(new_text);
	free(entity);
	return w.err;
}

/* Reading components back ------------------------------------------------*/

static enum psirt_sbom_type type_from(const char *name)
{
	int t;

	for (t = 0; t < PSIRT_SBOM_TYPE__MAX; t++) {
		if (!strcmp(psirt_sbom_type_name((enum psirt_sbom_type)t), name))
			return (enum psirt_sbom_type)t;
	}
	return PSIRT_SBOM_TYPE_LIBRARY;
}

static enum psirt_sbom_scope scope_from(const char *name)
{
	int i;

	for (i = 1; name && i < PSIRT_SBOM_SCOPE__MAX; i++) {
		if (!strcmp(scope_names[i], name))
			return (enum psirt_sbom_scope)i;
	}
	return PSIRT_SBOM_SCOPE_NONE;
}

static int index_of(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; name && i < n; i++) {
		if (names[i] && !strcmp(names[i], name))
			return i;
	}
	return -1;
}

/* Column i as a doc string (NULL stays NULL). */
static const char *dcol(struct psirt_sbom_doc *doc, sqlite3_stmt *st, int i, enum psirt_err *err)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	const char *p;

	if (!t)
		return NULL;
	p = psirt_sbom_strdup(doc, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
	if (!p)
		*err = PSIRT_ENOMEM;
	return p;
}

/* Adds the JSON columns (hashes 12, licenses 13, properties 14) to c. */
static enum psirt_err read_json(struct psirt_sbom_doc *doc, struct psirt_sbom_component *c,
                                sqlite3_stmt *st)
{
	enum psirt_err err = PSIRT_OK;
	json_t *arr, *e;
	size_t i;
	int k;

	for (k = 12; !err && k <= 14; k++) {
		const char *text = (const char *)sqlite3_column_text(st, k);

		if (!text)
			continue;
		arr = json_loadb(text, (size_t)sqlite3_column_bytes(st, k), 0, NULL);
		if (!json_is_array(arr)) {
			json_decref(arr);
			return PSIRT_EINTERNAL;
		}
		json_array_foreach(arr, i, e) {
			const char *a = json_string_value(json_object_get(e, k == 12 ? "alg"
			                                                 : k == 13 ? "kind"
			                                                           : "name"));
			const char *b = json_string_value(json_object_get(e, k == 12 ? "content"
			                                                 : k == 13 ? "value"
			                                                           : "value"));
			int h;

			if (!a) {
				err = PSIRT_EINTERNAL;
				break;
			}
			if (k == 12) {
				for (h = 0; h < PSIRT_SBOM_HASH__MAX; h++) {
					if (!strcmp(psirt_sbom_hash_name((enum psirt_sbom_hash_alg)h), a))
						break;
				}
				err = h == PSIRT_SBOM_HASH__MAX || !b
				          ? PSIRT_EINTERNAL
				          : psirt_sbom_hash_add(doc, c, (enum psirt_sbom_hash_alg)h, b,
				                                strlen(b));
			} else if (k == 13) {
				int kind = index_of(license_kinds, 3, a);
				int ack = index_of(license_acks, 3,
				                   json_string_value(json_object_get(e, "ack")));

				err = kind < 0 || !b ? PSIRT_EINTERNAL
				                     : psirt_sbom_license_add(
				                           doc, c, (enum psirt_sbom_license_kind)kind,
				                           (enum psirt_sbom_license_ack)(ack < 0 ? 0 : ack), b,
				                           strlen(b));
			} else {
				err = psirt_sbom_property_add(doc, c, a, b);
			}
			if (err)
				break;
		}
		json_decref(arr);
	}
	return err;
}

enum psirt_err psirt_store_sbom_read(struct psirt_store *s, long long version_id,
                                     struct psirt_sbom_doc *doc, struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	struct psirt_sbom_component **by_seq = NULL, *c;
	long long *parents = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;

	/* the root's ref first: no component may take it */
	st = prep(s,
	          "SELECT i.root_ref FROM product_version v JOIN sbom_import i"
	          " ON i.id = v.sbom_import WHERE v.id = ?1",
	          diag, &err);
	if (st)
		sqlite3_bind_int64(st, 1, version_id);
	if (row(s, st, diag, &err, "reading the import") && doc->root && !doc->root->ref &&
	    sqlite3_column_text(st, 0) &&
	    psirt_sbom_set_ref(doc, doc->root, (const char *)sqlite3_column_text(st, 0),
	                       (size_t)sqlite3_column_bytes(st, 0)) == PSIRT_ENOMEM)
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	sqlite3_finalize(st);

	st = prep(s,
	          "SELECT seq, parent_seq, bom_ref, type, scope, name, version, grp, supplier,"
	          " description, purl, flags, hashes, licenses, properties FROM component"
	          " WHERE version_id = ?1 ORDER BY seq",
	          diag, &err);
	if (st)
		sqlite3_bind_int64(st, 1, version_id);
	while (row(s, st, diag, &err, "reading components")) {
		long long seq = sqlite3_column_int64(st, 0);
		enum psirt_err e2 = PSIRT_OK;

		if ((size_t)seq != n) {
			err = psirt_diag_set(diag, PSIRT_EINTERNAL, "component seq %lld out of order",
			                     seq);
			break;
		}
		/* parents are set once all are read: SPDX CONTAINS may name a
		 * package that comes later in the document */
		c = psirt_sbom_component_add(doc, NULL, &e2);
		if (!c) {
			err = psirt_diag_set(diag, e2 ? e2 : PSIRT_ENOMEM, "cannot rebuild the SBOM: %s",
			                     psirt_strerror(e2 ? e2 : PSIRT_ENOMEM));
			break;
		}
		if (n == cap) {
			struct psirt_sbom_component **p;
			long long *q;

			cap = cap ? cap * 2 : 256;
			p = realloc(by_seq, cap * sizeof *p);
			if (p)
				by_seq = p;
			q = realloc(parents, cap * sizeof *q);
			if (q)
				parents = q;
			if (!p || !q) {
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				break;
			}
		}
		parents[n] = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1
		                                                       : sqlite3_column_int64(st, 1);
		by_seq[n++] = c;
		if (sqlite3_column_text(st, 2) &&
		    psirt_sbom_set_ref(doc, c, (const char *)sqlite3_column_text(st, 2),
		                       (size_t)sqlite3_column_bytes(st, 2)) == PSIRT_ENOMEM)
			e2 = PSIRT_ENOMEM;
		c->type = type_from((const char *)sqlite3_column_text(st, 3));
		c->scope = scope_from((const char *)sqlite3_column_text(st, 4));
		c->name = dcol(doc, st, 5, &e2);
		c->version = dcol(doc, st, 6, &e2);
		c->group = dcol(doc, st, 7, &e2);
		c->supplier = dcol(doc, st, 8, &e2);
		c->description = dcol(doc, st, 9, &e2);
		c->purl = dcol(doc, st, 10, &e2);
		if (!e2)
			e2 = read_json(doc, c, st);
		c->flags = (unsigned)sqlite3_column_int(st, 11);
		if (e2) {
			err = psirt_diag_set(diag, e2,
			                     e2 == PSIRT_ENOMEM ? "out of memory"
			                                        : "component %lld: a JSON column is damaged",
			                     seq);
			break;
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; !err && i < n; i++) {
		struct psirt_sbom_component *x;
		size_t depth = 0;

		if (parents[i] < 0)
			continue;
		if ((size_t)parents[i] >= n || (size_t)parents[i] == i) {
			err = psirt_diag_set(diag, PSIRT_EINTERNAL, "component %zu: no parent %lld", i,
			                     parents[i]);
			break;
		}
		by_seq[i]->parent = by_seq[parents[i]];
		/* a damaged store must not make a cycle: the chain is bounded */
		for (x = by_seq[i]; x && depth <= PSIRT_SBOM_MAX_DEPTH; x = x->parent)
			depth++;
		if (x)
			err = psirt_diag_set(diag, PSIRT_EINTERNAL, "component %zu: nested too deep", i);
	}

	st = prep(s,
	          "SELECT component_seq, cpe, valid FROM component_cpe WHERE version_id = ?1"
	          " ORDER BY component_seq, seq",
	          diag, &err);
	if (st)
		sqlite3_bind_int64(st, 1, version_id);
	while (row(s, st, diag, &err, "reading CPEs")) {
		long long seq = sqlite3_column_int64(st, 0);
		unsigned keep;

		if (seq < 0 || (size_t)seq >= n) {
			err = psirt_diag_set(diag, PSIRT_EINTERNAL, "a CPE of no component (%lld)", seq);
			break;
		}
		c = by_seq[seq];
		keep = c->flags;
		if (psirt_sbom_cpe_add(doc, c, (const char *)sqlite3_column_text(st, 1),
		                       (size_t)sqlite3_column_bytes(st, 1))) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		/* the stored judgement stands */
		c->cpes[c->n_cpes - 1].valid = sqlite3_column_int(st, 2);
		c->flags = keep;
	}
	sqlite3_finalize(st);

	st = prep(s,
	          "SELECT ref, depends_on FROM component_dependency WHERE version_id = ?1"
	          " ORDER BY ref, seq",
	          diag, &err);
	if (st)
		sqlite3_bind_int64(st, 1, version_id);
	while (row(s, st, diag, &err, "reading dependencies")) {
		if (psirt_sbom_dependency_add(doc, (const char *)sqlite3_column_text(st, 0),
		                              (const char *)sqlite3_column_text(st, 1))) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
	}
	sqlite3_finalize(st);
	free(by_seq);
	free(parents);
	return err;
}

enum psirt_err psirt_store_sbom_history(struct psirt_store *s, long long version_id,
                                        struct psirt_arena *arena,
                                        struct psirt_sbom_import_record **items, size_t *n,
                                        struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = prep(s,
	                        "SELECT i.id, i.at, i.actor, i.kind, i.format, i.spec_version,"
	                        " i.serial, i.file_name, i.sha256, i.created, i.size, i.components,"
	                        " i.warnings, i.replaced, i.id = v.sbom_import FROM sbom_import i"
	                        " JOIN product_version v ON v.id = i.version_id"
	                        " WHERE i.version_id = ?1 ORDER BY i.id",
	                        diag, &r.err);
	size_t cap = 0;

	*items = NULL;
	*n = 0;
	if (st)
		sqlite3_bind_int64(st, 1, version_id);
	while (row(s, st, diag, &r.err, "reading the import history")) {
		struct psirt_sbom_import_record *h;

		*items = store__rd_grow(&r, *items, *n, &cap, sizeof **items);
		if (!*items)
			break;
		h = &(*items)[(*n)++];
		h->id = sqlite3_column_int64(st, 0);
		h->at = store__rd_col(&r, st, 1);
		h->actor = store__rd_col(&r, st, 2);
		h->kind = store__rd_col(&r, st, 3);
		h->format = store__rd_col(&r, st, 4);
		h->spec_version = store__rd_col(&r, st, 5);
		h->serial = store__rd_col(&r, st, 6);
		h->file_name = store__rd_col(&r, st, 7);
		h->sha256 = store__rd_col(&r, st, 8);
		h->created = store__rd_col(&r, st, 9);
		h->size = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
		h->components = (size_t)sqlite3_column_int64(st, 11);
		h->warnings = (size_t)sqlite3_column_int64(st, 12);
		h->replaced = (size_t)sqlite3_column_int64(st, 13);
		h->current = sqlite3_column_int(st, 14);
	}
	sqlite3_finalize(st);
	return r.err;
}

enum psirt_err psirt_store_product_history(struct psirt_store *s, const char *product,
                                           struct psirt_arena *arena,
                                           struct psirt_audit_entry **items, size_t *n,
                                           struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	/* a prefix test, not LIKE: product names may hold '%' and '_' */
	sqlite3_stmt *st = prep(s,
	                        "SELECT at, actor, entity, entity_id, field, old_value, new_value,"
	                        " comment FROM audit_log WHERE (entity = 'product' AND entity_id = ?1)"
	                        " OR (entity = 'product_version'"
	                        " AND substr(entity_id, 1, length(?1) + 1) = ?1 || '@') ORDER BY id",
	                        diag, &r.err);
	size_t cap = 0;

	*items = NULL;
	*n = 0;
	if (st)
		store__bind_text(st, 1, product);
	while (row(s, st, diag, &r.err, "reading the audit log")) {
		struct psirt_audit_entry *e;

		*items = store__rd_grow(&r, *items, *n, &cap, sizeof **items);
		if (!*items)
			break;
		e = &(*items)[(*n)++];
		e->at = store__rd_col(&r, st, 0);
		e->actor = store__rd_col(&r, st, 1);
		e->entity = store__rd_col(&r, st, 2);
		e->entity_id = store__rd_col(&r, st, 3);
		e->field = store__rd_col(&r, st, 4);
		e->old_value = store__rd_col(&r, st, 5);
		e->new_value = store__rd_col(&r, st, 6);
		e->comment = store__rd_col(&r, st, 7);
	}
	sqlite3_finalize(st);
	return r.err;
}
