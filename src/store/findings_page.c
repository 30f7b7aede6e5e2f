/* Pages of findings and the dashboard's findings figures, for the server
 * (include/psirt/findings.h): the filters, the engineer's product scope and
 * embargo hiding are SQL conditions, so a page reads only its rows. */
#include <string.h>

#include "psirt/buf.h"
#include "psirt/findings.h"
#include "store/internal.h"

static const char *const sort_names[PSIRT_FINDINGS_SORT__MAX] = {
	"priority", "deadline", "product", "vulnerability", "first_seen",
};

/* ORDER BY of each sort: always ending in the id, so pages are stable. */
static const char *const sort_sql[PSIRT_FINDINGS_SORT__MAX] = {
	" ORDER BY coalesce(f.priority, 9), f.deadline IS NULL, f.deadline, f.id",
	" ORDER BY f.deadline IS NULL, f.deadline, coalesce(f.priority, 9), f.id",
	" ORDER BY p.name, v.version, coalesce(f.priority, 9), f.id",
	" ORDER BY f.vuln, p.name, v.version, f.id",
	" ORDER BY f.first_seen DESC, f.id",
};

const char *psirt_findings_sort_name(enum psirt_findings_sort s)
{
	return (unsigned)s < PSIRT_FINDINGS_SORT__MAX ? sort_names[s] : NULL;
}

#define OPEN_SQL "f.state IN ('in_triage', 'affected')"

/* A vulnerability is under embargo when any of its ids is (embargoes are
 * set by any alias, see vuln_embargo), until the end has passed. */
#define EMBARGO_SQL(at)                                                                      \
	"NOT EXISTS (SELECT 1 FROM vuln_embargo e WHERE (e.until IS NULL OR e.until > " at ")" \
	" AND (e.name = f.vuln OR e.name IN (SELECT a1.name FROM vuln_alias a0"                 \
	" JOIN vuln_alias a1 ON a1.vuln_id = a0.vuln_id WHERE a0.name = f.vuln)))"

/* The conditions of a query; parameters ?1..?11 (see bind_query). */
static const char where_sql[] =
	" FROM finding f JOIN product_version v ON v.id = f.version_id"
	" JOIN product p ON p.id = v.product"
	" WHERE (?1 IS NULL OR p.name = ?1) AND (?2 IS NULL OR v.version = ?2)"
	" AND (?3 IS NULL OR f.state = ?3 OR (?3 = 'open' AND " OPEN_SQL "))"
	" AND (?4 = 0 OR f.kev = 1) AND (?5 = 0 OR f.priority = ?5)"
	" AND (?6 = 0 OR f.id = ?6) AND (?7 IS NULL OR f.vuln = ?7)"
	" AND (?8 IS NULL OR (" OPEN_SQL " AND f.deadline < ?8))"
	" AND (?9 IS NULL OR p.owner = ?9 OR EXISTS (SELECT 1 FROM user_product up"
	"   WHERE up.user_id = ?10 AND up.product_id = p.id))"
	" AND (?11 IS NULL OR " EMBARGO_SQL("?11") ")";

static void bind_query(sqlite3_stmt *st, const struct psirt_findings_query *q)
{
	store__bind_text(st, 1, q->product);
	store__bind_text(st, 2, q->version);
	store__bind_text(st, 3, q->state);
	sqlite3_bind_int(st, 4, q->kev);
	sqlite3_bind_int(st, 5, q->priority);
	sqlite3_bind_int64(st, 6, q->id);
	store__bind_text(st, 7, q->vuln);
	store__bind_text(st, 8, q->overdue_before);
	store__bind_text(st, 9, q->owner);
	sqlite3_bind_int64(st, 10, q->owner_id);
	store__bind_text(st, 11, q->hide_embargoed_at);
}

/* The names under an embargo in force at ?14 (NULL: none), with every alias
 * of theirs: a handful of rows, computed once per query (not per finding)
 * and probed by f.vuln, so that marking a page costs one lookup a row. */
#define EMBARGOED_NAMES_SQL                                                                  \
	"(SELECT e.name FROM vuln_embargo e WHERE ?14 IS NOT NULL"                              \
	" AND (e.until IS NULL OR e.until > ?14)"                                                \
	" UNION SELECT a1.name FROM vuln_embargo e CROSS JOIN vuln_alias a0 ON a0.name = e.name"       \
	" CROSS JOIN vuln_alias a1 ON a1.vuln_id = a0.vuln_id WHERE ?14 IS NOT NULL"                   \
	" AND (e.until IS NULL OR e.until > ?14))"

static const char select_sql[] =
	"SELECT f.id, p.name, v.version, coalesce(v.units, -1), f.component,"
	" f.component_name, f.component_version, f.component_purl, f.vuln, f.record,"
	" f.source, f.confidence, f.evidence, f.first_seen, f.last_seen, f.kev, f.state,"
	" f.justification, f.comment, f.closed_at, f.ssvc, f.ssvc_inputs,"
	" coalesce(f.priority, 0), f.deadline, f.response_class, f.reason, f.policy,"
	" v.eos, f.vuln IN " EMBARGOED_NAMES_SQL;

/* Column i as a string in the arena (NULL for SQL NULL); sets *err. */
static const char *col(sqlite3_stmt *st, int i, struct psirt_arena *a, enum psirt_err *err,
                       struct psirt_diag *diag)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	char *p;

	if (!t || *err)
		return NULL;
	p = psirt_arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
	if (!p)
		*err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	return p;
}

/* Prepares the statement whose text is b's (the sort makes several texts,
 * so these are not cached). */
static sqlite3_stmt *prepare(struct psirt_store *s, struct psirt_buf *b, enum psirt_err *err,
                             struct psirt_diag *diag)
{
	sqlite3_stmt *st = NULL;

	if (psirt_buf_error(b)) {
		*err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	if (sqlite3_prepare_v2(s->db, b->p, -1, &st, NULL) != SQLITE_OK) {
		*err = store__fail(s, diag, "preparing a findings query");
		return NULL;
	}
	return st;
}

/* ENOTFOUND when the query names a product (or a version of it) the store
 * does not have: an empty page would read as "no findings" (two indexed
 * look-ups). */
static enum psirt_err named_exists(struct psirt_store *s, const char *product,
                                   const char *version, struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(s,
	                                 "SELECT p.id, (SELECT v.id FROM product_version v"
	                                 " WHERE v.product = p.id AND v.version = ?2)"
	                                 " FROM product p WHERE p.name = ?1",
	                                 diag);
	int rc, has_version = 0;

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, product);
	store__bind_text(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		has_version = sqlite3_column_type(st, 1) != SQLITE_NULL;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no product '%s'", product);
	if (rc != SQLITE_ROW)
		return store__fail(s, diag, "reading a product");
	if (version && !has_version)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "product '%s' has no version '%s'",
		                      product, version);
	return PSIRT_OK;
}

enum psirt_err psirt_store_findings_page(struct psirt_store *s,
                                         const struct psirt_findings_query *q,
                                         struct psirt_arena *arena, struct psirt_finding **items,
                                         size_t *n, unsigned long long *total,
                                         struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	struct psirt_finding *v = NULL;
	size_t cap = 0, count = 0;
	struct psirt_buf b = PSIRT_BUF_INIT;
	sqlite3_stmt *st;
	int rc;

	*items = NULL;
	*n = 0;
	if (q->product && (err = named_exists(s, q->product, q->version, diag)))
		goto out;
	if (total) {
		*total = 0;
		psirt_buf_adds(&b, "SELECT count(*)");
		psirt_buf_adds(&b, where_sql);
		st = prepare(s, &b, &err, diag);
		if (!st)
			goto out;
		bind_query(st, q);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*total = (unsigned long long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW) {
			err = store__fail(s, diag, "counting findings");
			goto out;
		}
		psirt_buf_reset(&b);
	}
	psirt_buf_adds(&b, select_sql);
	psirt_buf_adds(&b, where_sql);
	psirt_buf_adds(&b, sort_sql[(unsigned)q->sort < PSIRT_FINDINGS_SORT__MAX ? q->sort : 0]);
	psirt_buf_adds(&b, " LIMIT ?12 OFFSET ?13");
	st = prepare(s, &b, &err, diag);
	if (!st)
		goto out;
	bind_query(st, q);
	sqlite3_bind_int64(st, 12, q->limit ? (long long)q->limit : -1);
	sqlite3_bind_int64(st, 13, (long long)q->offset);
	store__bind_text(st, 14, q->mark_embargoed_at);
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_finding *x;

		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct psirt_finding *nv = psirt_arena_calloc(arena, ncap, sizeof *nv);

			if (!nv) {
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				break;
			}
			if (count)
				memcpy(nv, v, count * sizeof *v);
			v = nv;
			cap = ncap;
		}
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->product = col(st, 1, arena, &err, diag);
		x->version = col(st, 2, arena, &err, diag);
		x->units = sqlite3_column_int64(st, 3);
		x->component = col(st, 4, arena, &err, diag);
		x->component_name = col(st, 5, arena, &err, diag);
		x->component_version = col(st, 6, arena, &err, diag);
		x->component_purl = col(st, 7, arena, &err, diag);
		x->vuln = col(st, 8, arena, &err, diag);
		x->record = col(st, 9, arena, &err, diag);
		x->source = col(st, 10, arena, &err, diag);
		x->confidence = col(st, 11, arena, &err, diag);
		x->evidence = col(st, 12, arena, &err, diag);
		x->first_seen = col(st, 13, arena, &err, diag);
		x->last_seen = col(st, 14, arena, &err, diag);
		x->kev = sqlite3_column_int(st, 15);
		x->state = col(st, 16, arena, &err, diag);
		x->justification = col(st, 17, arena, &err, diag);
		x->comment = col(st, 18, arena, &err, diag);
		x->closed_at = col(st, 19, arena, &err, diag);
		x->ssvc = col(st, 20, arena, &err, diag);
		x->ssvc_inputs = col(st, 21, arena, &err, diag);
		x->priority = sqlite3_column_int(st, 22);
		x->deadline = col(st, 23, arena, &err, diag);
		x->response_class = col(st, 24, arena, &err, diag);
		x->reason = col(st, 25, arena, &err, diag);
		x->policy = col(st, 26, arena, &err, diag);
		x->eos = col(st, 27, arena, &err, diag);
		x->embargoed = sqlite3_column_int(st, 28);
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(s, diag, "listing findings");
	sqlite3_finalize(st);
	if (!err) {
		*items = v;
		*n = count;
	}
out:
	psirt_buf_release(&b);
	return err;
}

/* Figures ------------------------------------------------------------------*/

/* The open findings the caller may see: ?1 the embargo instant or NULL. */
#define VISIBLE_SQL                                                                          \
	" FROM finding f WHERE " OPEN_SQL " AND (?1 IS NULL OR " EMBARGO_SQL("?1") ")"

static const char fig_totals_sql[] =
	"SELECT count(*), coalesce(sum(f.kev), 0),"
	" coalesce(sum(f.deadline IS NOT NULL AND f.deadline < ?2), 0),"
	" coalesce(sum(f.priority IS NULL), 0), coalesce(sum(f.priority = 1), 0),"
	" coalesce(sum(f.priority = 2), 0), coalesce(sum(f.priority = 3), 0),"
	" coalesce(sum(f.priority = 4), 0)" VISIBLE_SQL;
static const char fig_classes_sql[] =
	"SELECT f.response_class, count(*)" VISIBLE_SQL
	" GROUP BY f.response_class ORDER BY count(*) DESC, f.response_class";
static const char fig_units_sql[] =
	"SELECT count(*), coalesce(sum(v.units), 0), coalesce(sum(v.units IS NULL), 0)"
	" FROM product_version v WHERE v.id IN (SELECT f.version_id" VISIBLE_SQL ")";
static const char fig_top_sql[] =
	"SELECT p.name, count(*), count(DISTINCT v.id),"
	" (SELECT sum(v2.units) FROM product_version v2 WHERE v2.product = p.id AND v2.id IN"
	"   (SELECT f.version_id" VISIBLE_SQL "))"
	" FROM finding f JOIN product_version v ON v.id = f.version_id"
	" JOIN product p ON p.id = v.product"
	" WHERE " OPEN_SQL " AND (?1 IS NULL OR " EMBARGO_SQL("?1") ")"
	" GROUP BY p.id ORDER BY count(*) DESC, p.name LIMIT ?2";

enum psirt_err psirt_store_findings_figures(struct psirt_store *s, const char *today,
                                            const char *hide_embargoed_at, size_t top_n,
                                            struct psirt_arena *arena,
                                            struct psirt_findings_figures *out,
                                            struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	sqlite3_stmt *st;
	size_t cap;
	int rc, i;

	memset(out, 0, sizeof *out);
	/* totals, by priority */
	if (!(st = store__cached(s, fig_totals_sql, diag)))
		return PSIRT_ESTORE;
	store__bind_text(st, 1, hide_embargoed_at);
	store__bind_text(st, 2, today);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->open = (unsigned long long)sqlite3_column_int64(st, 0);
		out->kev = (unsigned long long)sqlite3_column_int64(st, 1);
		out->overdue = (unsigned long long)sqlite3_column_int64(st, 2);
		for (i = 0; i < 5; i++)
			out->by_priority[i] = (unsigned long long)sqlite3_column_int64(st, 3 + i);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store__fail(s, diag, "counting open findings");

	/* by response class */
	if (!(st = store__cached(s, fig_classes_sql, diag)))
		return PSIRT_ESTORE;
	store__bind_text(st, 1, hide_embargoed_at);
	cap = 0;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n_classes == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct psirt_findings_class_count *nv =
				psirt_arena_calloc(arena, ncap, sizeof *nv);

			if (!nv) {
				err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
				break;
			}
			if (out->n_classes)
				memcpy(nv, out->classes, out->n_classes * sizeof *nv);
			out->classes = nv;
			cap = ncap;
		}
		out->classes[out->n_classes].name = col(st, 0, arena, &err, diag);
		out->classes[out->n_classes++].open = (unsigned long long)sqlite3_column_int64(st, 1);
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(s, diag, "counting findings by class");
	sqlite3_reset(st);
	if (err)
		return err;

	/* the versions reached and their units */
	if (!(st = store__cached(s, fig_units_sql, diag)))
		return PSIRT_ESTORE;
	store__bind_text(st, 1, hide_embargoed_at);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->versions_affected = (unsigned long long)sqlite3_column_int64(st, 0);
		out->units_affected = sqlite3_column_int64(st, 1);
		out->versions_units_unknown = (unsigned long long)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store__fail(s, diag, "counting units affected");

	/* top products */
	if (!top_n)
		return PSIRT_OK;
	if (!(st = store__cached(s, fig_top_sql, diag)))
		return PSIRT_ESTORE;
	store__bind_text(st, 1, hide_embargoed_at);
	sqlite3_bind_int64(st, 2, (long long)top_n);
	out->top = psirt_arena_calloc(arena, top_n, sizeof *out->top);
	if (!out->top) {
		sqlite3_reset(st);
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	while (!err && out->n_top < top_n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_findings_top_product *t = &out->top[out->n_top++];

		t->name = col(st, 0, arena, &err, diag);
		t->open = (unsigned long long)sqlite3_column_int64(st, 1);
		t->versions = (unsigned long long)sqlite3_column_int64(st, 2);
		t->units = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1
		                                                     : sqlite3_column_int64(st, 3);
	}
	if (!err && rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = store__fail(s, diag, "finding the most affected products");
	sqlite3_reset(st);
	return err;
}
