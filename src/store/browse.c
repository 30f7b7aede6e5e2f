/* Pages and figures for front doors (see include/psirt/browse.h): sorted and
 * paged in SQL, statements cached for the connection (the server runs them
 * on every dashboard and list request). */
#include <string.h>

#include "psirt/browse.h"
#include "psirt/embargo.h"
#include "psirt/str.h"
#include "store/internal.h"

static const char *const product_sort_names[PSIRT_BROWSE_PRODUCT_SORT__MAX] = {
	[PSIRT_BROWSE_BY_NAME] = "name",       [PSIRT_BROWSE_BY_VENDOR] = "vendor",
	[PSIRT_BROWSE_BY_CREATED] = "created", [PSIRT_BROWSE_BY_UPDATED] = "updated",
	[PSIRT_BROWSE_BY_VERSIONS] = "versions",
};

const char *psirt_browse_product_sort_name(enum psirt_browse_product_sort s)
{
	return (unsigned)s < PSIRT_BROWSE_PRODUCT_SORT__MAX ? product_sort_names[s] : NULL;
}

/* One integer from a cached statement without parameters. */
static enum psirt_err count(struct psirt_store *s, const char *sql, unsigned long long *out,
                            struct psirt_diag *diag)
{
	return store__int(s, store__cached(s, sql, diag), out, diag, "counting");
}

enum psirt_err psirt_browse_counts(struct psirt_store *s, struct psirt_store_counts *out,
                                   struct psirt_diag *diag)
{
	static const char products[] = "SELECT count(*) FROM product";
	static const char versions[] = "SELECT count(*) FROM product_version";
	/* A version's components are those of its current import, written
	 * with it in one transaction (portfolio.c, sbom_import: the only writer
	 * of component rows): summing the imports' counts reads one row per
	 * version instead of every component (25 million at the design's
	 * scale: seconds). */
	static const char components[] = "SELECT coalesce(sum(i.components), 0) FROM product_version v"
	                                 " JOIN sbom_import i ON i.id = v.sbom_import";
	static const char vulns[] = "SELECT count(*) FROM vuln";
	/* a vulnerability with records, all of them withdrawn */
	static const char withdrawn[] = "SELECT count(*) FROM (SELECT vuln_id FROM source_record"
	                                " GROUP BY vuln_id HAVING min(withdrawn) = 1)";
	static const char kev[] = "SELECT count(*) FROM kev";
	static const char epss[] = "SELECT count(*) FROM epss";
	enum psirt_err err;

	memset(out, 0, sizeof *out);
	if ((err = count(s, products, &out->products, diag)) ||
	    (err = count(s, versions, &out->versions, diag)) ||
	    (err = count(s, components, &out->components, diag)) ||
	    (err = count(s, vulns, &out->vulns, diag)) ||
	    (err = count(s, withdrawn, &out->vulns_withdrawn, diag)) ||
	    (err = count(s, kev, &out->kev, diag)) || (err = count(s, epss, &out->epss, diag)))
		return err;
	return psirt_embargo_count(s, &out->embargoed, diag);
}

struct brd {
	struct psirt_arena *arena;
	struct psirt_diag *diag;
	enum psirt_err err;
};

static const char *bcol(struct brd *r, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	char *p;

	if (!t || r->err)
		return NULL;
	p = psirt_arena_strndup(r->arena, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
	if (!p)
		r->err = psirt_diag_set(r->diag, PSIRT_ENOMEM, "out of memory");
	return p;
}

static int attr(enum psirt_product_attr a, const unsigned char *text)
{
	int v;

	if (!text || psirt_product_attr_parse(a, (const char *)text, &v, NULL))
		return -1; /* every attribute's *_UNSET */
	return v;
}

/* One statement per sort key and direction: ORDER BY cannot take a bound
 * parameter, and a fixed text per key lets each be cached. Ties by name. */
#define PRODUCT_PAGE(order)                                                                  \
	"SELECT p.name, v.name, p.safety, p.weight, p.exposure, p.update_mechanism, p.cpe,"  \
	" p.owner, p.created_at, p.updated_at,"                                              \
	" (SELECT count(*) FROM product_version pv WHERE pv.product = p.id) AS nv"           \
	" FROM product p LEFT JOIN vendor v ON v.id = p.vendor_id"                           \
	" WHERE ?1 IS NULL OR instr(lower(p.name), ?1) OR instr(lower(coalesce(v.name, '')), ?1)" \
	" ORDER BY " order " LIMIT ?2 OFFSET ?3"

static const char *const product_page_sql[PSIRT_BROWSE_PRODUCT_SORT__MAX][2] = {
	[PSIRT_BROWSE_BY_NAME] = { PRODUCT_PAGE("p.name"), PRODUCT_PAGE("p.name DESC") },
	[PSIRT_BROWSE_BY_VENDOR] = { PRODUCT_PAGE("v.name, p.name"),
	                             PRODUCT_PAGE("v.name DESC, p.name") },
	[PSIRT_BROWSE_BY_CREATED] = { PRODUCT_PAGE("p.created_at, p.name"),
	                              PRODUCT_PAGE("p.created_at DESC, p.name") },
	[PSIRT_BROWSE_BY_UPDATED] = { PRODUCT_PAGE("p.updated_at, p.name"),
	                              PRODUCT_PAGE("p.updated_at DESC, p.name") },
	[PSIRT_BROWSE_BY_VERSIONS] = { PRODUCT_PAGE("nv, p.name"),
	                               PRODUCT_PAGE("nv DESC, p.name") },
};

enum psirt_err psirt_browse_products(struct psirt_store *s,
                                     const struct psirt_browse_products_query *q,
                                     struct psirt_arena *arena, struct psirt_product **items,
                                     size_t *n, unsigned long long *total,
                                     struct psirt_diag *diag)
{
	static const char count_sql[] =
		"SELECT count(*) FROM product p LEFT JOIN vendor v ON v.id = p.vendor_id"
		" WHERE ?1 IS NULL OR instr(lower(p.name), ?1) OR instr(lower(coalesce(v.name, '')), ?1)";
	struct brd r = { arena, diag, PSIRT_OK };
	struct psirt_product *arr;
	unsigned long long serial[2];
	struct psirt_buf kb = PSIRT_BUF_INIT;
	char *needle = NULL;
	int cached;
	sqlite3_stmt *st;
	size_t i = 0;
	int rc = SQLITE_DONE;

	*items = NULL;
	*n = 0;
	*total = 0;
	if ((unsigned)q->sort >= PSIRT_BROWSE_PRODUCT_SORT__MAX || q->limit < 1 ||
	    q->limit > PSIRT_BROWSE_MAX_LIMIT)
		return psirt_diag_set(diag, PSIRT_EINVAL, "bad product page query");
	if (q->q && *q->q) {
		/* lower() folds ASCII only, as does this: the same on both sides */
		needle = psirt_arena_strdup(arena, q->q);
		if (!needle)
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		for (char *p = needle; *p; p++)
			*p = (char)psirt_tolower((unsigned char)*p);
	}
	arr = psirt_arena_calloc(arena, q->limit, sizeof *arr);
	if (!arr)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");

	/* the count reads every product: kept until the store changes */
	if ((r.err = store__serial(s, serial, diag)))
		return r.err;
	/* the key: the count's text (as the findings totals' keys start), the
	 * needle after it */
	psirt_buf_adds(&kb, count_sql);
	psirt_buf_addch(&kb, '\x1f');
	psirt_buf_adds(&kb, needle ? needle : "\x1e");
	if (psirt_buf_error(&kb)) {
		psirt_buf_release(&kb);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	cached = !store__total_get(s, kb.p, kb.len, serial, total);
	if (!cached) {
		st = store__cached(s, count_sql, diag);
		if (!st) {
			psirt_buf_release(&kb);
			return PSIRT_ESTORE;
		}
		store__bind_text(st, 1, needle);
		if ((r.err = store__int(s, st, total, diag, "counting products"))) {
			psirt_buf_release(&kb);
			return r.err;
		}
		store__total_put(s, kb.p, kb.len, serial, *total);
	}
	psirt_buf_release(&kb);

	st = store__cached(s, product_page_sql[q->sort][q->descending != 0], diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, needle);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)q->limit);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)q->offset);
	while (!r.err && i < q->limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_product *p = &arr[i++];

		p->name = bcol(&r, st, 0);
		p->vendor = bcol(&r, st, 1);
		p->safety = (enum psirt_safety_class)attr(PSIRT_ATTR_SAFETY, sqlite3_column_text(st, 2));
		p->weight = (enum psirt_business_weight)attr(PSIRT_ATTR_WEIGHT,
		                                             sqlite3_column_text(st, 3));
		p->exposure = (enum psirt_exposure)attr(PSIRT_ATTR_EXPOSURE, sqlite3_column_text(st, 4));
		p->update = (enum psirt_update_mechanism)attr(PSIRT_ATTR_UPDATE,
		                                              sqlite3_column_text(st, 5));
		p->cpe = bcol(&r, st, 6);
		p->owner = bcol(&r, st, 7);
		p->created_at = bcol(&r, st, 8);
		p->updated_at = bcol(&r, st, 9);
		p->n_versions = (size_t)sqlite3_column_int64(st, 10);
	}
	if (!r.err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		r.err = store__fail(s, diag, "listing products");
	sqlite3_reset(st);
	if (r.err)
		return r.err;
	*items = arr;
	*n = i;
	return PSIRT_OK;
}

enum psirt_err psirt_browse_audit(struct psirt_store *s, const char *entity,
                                  const char *entity_id, long long before, size_t limit,
                                  struct psirt_arena *arena, struct psirt_audit_row **items,
                                  size_t *n, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT id, at, actor, entity, entity_id, field, old_value,"
	                          " new_value, comment FROM audit_log"
	                          " WHERE (?1 IS NULL OR entity = ?1)"
	                          " AND (?2 IS NULL OR entity_id = ?2)"
	                          " AND (?3 = 0 OR id < ?3) ORDER BY id DESC LIMIT ?4";
	struct brd r = { arena, diag, PSIRT_OK };
	struct psirt_audit_row *arr;
	sqlite3_stmt *st;
	size_t i = 0;
	int rc = SQLITE_DONE;

	*items = NULL;
	*n = 0;
	if (limit < 1 || limit > PSIRT_BROWSE_MAX_LIMIT)
		return psirt_diag_set(diag, PSIRT_EINVAL, "bad audit page size");
	arr = psirt_arena_calloc(arena, limit, sizeof *arr);
	if (!arr)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	st = store__cached(s, sql, diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, entity);
	store__bind_text(st, 2, entity_id);
	sqlite3_bind_int64(st, 3, before);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	while (!r.err && i < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_audit_row *a = &arr[i++];

		a->id = sqlite3_column_int64(st, 0);
		a->e.at = bcol(&r, st, 1);
		a->e.actor = bcol(&r, st, 2);
		a->e.entity = bcol(&r, st, 3);
		a->e.entity_id = bcol(&r, st, 4);
		a->e.field = bcol(&r, st, 5);
		a->e.old_value = bcol(&r, st, 6);
		a->e.new_value = bcol(&r, st, 7);
		a->e.comment = bcol(&r, st, 8);
	}
	if (!r.err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		r.err = store__fail(s, diag, "reading the audit log");
	sqlite3_reset(st);
	if (r.err)
		return r.err;
	*items = arr;
	*n = i;
	return PSIRT_OK;
}
