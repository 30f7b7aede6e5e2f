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

/* ORDER BY of each sort: always ending in the id, so pages are stable.
 * Untriaged findings (no priority) sort last, and so do those without a
 * deadline: NO_DEADLINE is after every YYYY-MM-DD. The expressions are
 * those of migration 7's indexes, character for character. */
#define NO_DEADLINE "'9999-12-31'"
static const char *const sort_sql[PSIRT_FINDINGS_SORT__MAX] = {
	" ORDER BY coalesce(f.priority, 9), coalesce(f.deadline, " NO_DEADLINE "), f.id",
	" ORDER BY coalesce(f.deadline, " NO_DEADLINE "), coalesce(f.priority, 9), f.id",
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

/* The FROM of a page query. */
#define FINDING_SQL " FROM finding f"
#define JOINS_SQL                                                                            \
	" JOIN product_version v ON v.id = f.version_id JOIN product p ON p.id = v.product"
static const char from_sql[] = FINDING_SQL JOINS_SQL;

/* The FROM of a count: every finding has its version and product (foreign
 * keys, deleted in cascade), so without a condition on them a count reads
 * the findings alone. */
static const char *count_from(const struct psirt_findings_query *q)
{
	return q->product || q->version || q->owner ? from_sql : FINDING_SQL;
}

/* The partial index of open findings in a sort's order (migration 12), for
 * a page of open findings sorted by priority or deadline with no other
 * condition that picks rows by an index of its own: NULL otherwise. Open
 * findings may be few among many closed ones (years of fixed findings), so
 * reading the sort's whole index and skipping the closed ones, or every
 * open finding and sorting, both cost as much as the closed ones; SQLite's
 * planner, without statistics, prefers the state index and a sort, hence
 * INDEXED BY. */
static const char *open_index(const struct psirt_findings_query *q, enum psirt_findings_sort sort)
{
	if (!q->state || strcmp(q->state, "open") || q->product || q->version || q->owner ||
	    q->vuln || q->id)
		return NULL;
	if (sort == PSIRT_FINDINGS_BY_PRIORITY)
		return "finding_page_open_priority";
	if (sort == PSIRT_FINDINGS_BY_DEADLINE)
		return "finding_page_open_deadline";
	return NULL;
}

/* " FROM finding f", naming the index when there is one. */
static void add_from_finding(struct psirt_buf *b, const char *index)
{
	psirt_buf_adds(b, FINDING_SQL);
	if (index)
		psirt_buf_addf(b, " INDEXED BY %s", index);
}

/* Appends the conditions of q: only those that are set, so that SQLite's
 * planner sees plain equalities and picks an index (the product's
 * findings through product name → versions → UNIQUE (version_id, ...);
 * a state's in the order of migration 7's indexes). Parameters ?1..?11
 * are bound by bind_query; those not in the text stay unused. embargo: an
 * embargo is in force at q->hide_embargoed_at (else hiding is a no-op). */
static int add_where(struct psirt_buf *b, const struct psirt_findings_query *q, int embargo,
                     int count)
{
	const char *and = " WHERE ";
	int n = 0;

#define COND(text)                     \
	do {                               \
		psirt_buf_adds(b, and);        \
		psirt_buf_adds(b, text);       \
		and = " AND ";                 \
		n++;                           \
	} while (0)
	if (q->product)
		COND("p.name = ?1");
	if (q->version)
		COND("v.version = ?2");
	/* A page without an open index (open_index) reads the sort's index in
	 * order and skips the closed ones ('+' keeps SQLite from reading the
	 * state index and sorting every open finding); a count reads the state
	 * index; a page read through a partial index of open findings needs the
	 * index's own condition, written as it is (count is then 1). */
	if (q->state && !strcmp(q->state, "open"))
		COND(count ? OPEN_SQL : "+" OPEN_SQL);
	else if (q->state)
		COND("f.state = ?3");
	if (q->kev)
		COND("f.kev = 1");
	/* the sort key's expression, as a range: SQLite then reads
	 * finding_page_priority from there in order (with "=" it sorts) */
	if (q->priority)
		COND("coalesce(f.priority, 9) BETWEEN ?5 AND ?5");
	if (q->id)
		COND("f.id = ?6");
	if (q->vuln)
		COND("f.vuln = ?7");
	if (q->overdue_before)
		COND("(" OPEN_SQL " AND f.deadline < ?8)");
	if (q->owner)
		COND("(p.owner = ?9 OR EXISTS (SELECT 1 FROM user_product up"
		     " WHERE up.user_id = ?10 AND up.product_id = p.id))");
	if (q->hide_embargoed_at && embargo)
		COND(EMBARGO_SQL("?11"));
#undef COND
	return n;
}

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

/* The names under an embargo in force at ?17 (NULL: none), with every alias
 * of theirs: a handful of rows, computed once per query (not per finding)
 * and probed by f.vuln, so that marking a page costs one lookup a row. */
#define EMBARGOED_NAMES_SQL                                                                  \
	"(SELECT e.name FROM vuln_embargo e WHERE ?17 IS NOT NULL"                              \
	" AND (e.until IS NULL OR e.until > ?17)"                                                \
	" UNION SELECT a1.name FROM vuln_embargo e CROSS JOIN vuln_alias a0 ON a0.name = e.name" \
	" CROSS JOIN vuln_alias a1 ON a1.vuln_id = a0.vuln_id WHERE ?17 IS NOT NULL"             \
	" AND (e.until IS NULL OR e.until > ?17))"

static const char select_sql[] =
	"SELECT f.id, p.name, v.version, coalesce(v.units, -1), f.component,"
	" f.component_name, f.component_version, f.component_purl, f.vuln, f.record,"
	" f.source, f.confidence, " STORE_EVIDENCE_SQL ", f.first_seen, f.last_seen, f.kev, f.state,"
	" f.justification, f.comment, f.closed_at, f.ssvc, " STORE_TEXT_SQL("f.ssvc_inputs_ref") ","
	" coalesce(f.priority, 0), f.deadline, f.response_class, " STORE_TEXT_SQL("f.reason_ref")
	", " STORE_TEXT_SQL("f.policy_ref") ","
	" v.eos, f.vuln IN " EMBARGOED_NAMES_SQL;
/* The same columns for a brief query (NULL in place of the long ones). */
static const char select_brief_sql[] =
	"SELECT f.id, p.name, v.version, coalesce(v.units, -1), f.component,"
	" f.component_name, f.component_version, f.component_purl, f.vuln, NULL,"
	" f.source, f.confidence, NULL, f.first_seen, f.last_seen, f.kev, f.state,"
	" f.justification, NULL, f.closed_at, f.ssvc, NULL,"
	" coalesce(f.priority, 0), f.deadline, f.response_class, " STORE_TEXT_SQL("f.reason_ref")
	", NULL,"
	" v.eos, f.vuln IN " EMBARGOED_NAMES_SQL;

/* Keyset paging (q->after) for the sorts whose keys are finding columns:
 * the two keys before the id, as the sort and the indexes write them. */
static const char *const key_sql[2][2] = {
	{ "coalesce(f.priority, 9)", "coalesce(f.deadline, " NO_DEADLINE ")" },
	{ "coalesce(f.deadline, " NO_DEADLINE ")", "coalesce(f.priority, 9)" },
};

/* Appends the keyset page's condition: f.id IN the next rows after the
 * finding whose keys are ?14, ?15 and id ?16, in three runs that each
 * read the sort's index from where they start — same first key and second,
 * higher id; same first key, higher second; higher first key — at most
 * ?12 rows each. (SQLite reads an index on expressions for a range on one
 * key, not for a row-value comparison of several.) */
static void add_keyset(struct psirt_buf *b, const struct psirt_findings_query *q, int embargo,
                       unsigned k, const char *index)
{
	const char *k1 = key_sql[k][0], *k2 = key_sql[k][1];
	int i;

	psirt_buf_adds(b, " WHERE f.id IN (");
	for (i = 0; i < 3; i++) {
		psirt_buf_adds(b, i ? " UNION ALL SELECT id FROM (SELECT f.id" : "SELECT id FROM (SELECT f.id");
		if (index)
			add_from_finding(b, index);
		else
			psirt_buf_adds(b, count_from(q));
		psirt_buf_adds(b, add_where(b, q, embargo, !!index) ? " AND " : " WHERE ");
		/* each run's ORDER BY without the keys it holds equal: with them
		 * SQLite sorts every row of the run instead of reading the index
		 * in its order */
		psirt_buf_adds(b, k1);
		if (i == 0)
			psirt_buf_addf(b, " = ?14 AND %s = ?15 AND f.id > ?16 ORDER BY f.id", k2);
		else if (i == 1)
			psirt_buf_addf(b, " = ?14 AND %s > ?15 ORDER BY %s, f.id", k2, k2);
		else
			psirt_buf_addf(b, " > ?14%s", sort_sql[k]);
		psirt_buf_adds(b, " LIMIT ?12)");
	}
	psirt_buf_addch(b, ')');
}

/* Binds the keys of finding `after` for add_keyset's text (sort k). */
static enum psirt_err bind_keyset(struct psirt_store *s, sqlite3_stmt *page, long long after,
                                  unsigned k, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT coalesce(priority, 9), coalesce(deadline, " NO_DEADLINE ")"
	                          " FROM finding WHERE id = ?1";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	int rc;

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, after);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		/* sort priority: (priority, deadline); sort deadline: the other way */
		sqlite3_bind_int64(page, k ? 15 : 14, sqlite3_column_int64(st, 0));
		sqlite3_bind_text(page, k ? 14 : 15, (const char *)sqlite3_column_text(st, 1), -1,
		                  SQLITE_TRANSIENT);
		sqlite3_bind_int64(page, 16, after);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no finding %lld", after);
	return rc == SQLITE_ROW ? PSIRT_OK : store__fail(s, diag, "reading a finding's sort keys");
}

/* The statement whose text is b's, prepared once per connection (the
 * filters and the sort make a bounded number of texts). */
static sqlite3_stmt *prepare(struct psirt_store *s, struct psirt_buf *b, enum psirt_err *err,
                             struct psirt_diag *diag)
{
	sqlite3_stmt *st;

	if (psirt_buf_error(b)) {
		*err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	st = store__cached_text(s, b->p, b->len, diag);
	if (!st)
		*err = PSIRT_ESTORE;
	return st;
}

/* Is an embargo in force at `at`? Without one, hiding embargoed findings
 * is no condition at all (and the totals stay cacheable: `at` changes every
 * second). */
static enum psirt_err embargo_in_force(struct psirt_store *s, const char *at, int *yes,
                                       struct psirt_diag *diag)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM vuln_embargo WHERE until IS NULL OR until > ?1)";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	unsigned long long v;
	enum psirt_err err;

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, at);
	err = store__int(s, st, &v, diag, "reading embargoes");
	*yes = v != 0;
	return err;
}

/* The number of findings matching q: counting every row of a big store
 * costs far more than a page (650,000 findings: a quarter of a second), so
 * it is kept per connection for the same query until the store changes
 * (store__serial). count_sql is the count's text. */
static enum psirt_err count_total(struct psirt_store *s, const struct psirt_findings_query *q,
                                  struct psirt_buf *count_sql, unsigned long long *total,
                                  struct psirt_diag *diag)
{
	const char *vals[] = { q->product, q->version, q->state, q->vuln, q->overdue_before,
		               q->owner, q->hide_embargoed_at };
	struct psirt_buf key = PSIRT_BUF_INIT;
	enum psirt_err err = PSIRT_OK;
	unsigned long long serial[2];
	sqlite3_stmt *st;
	size_t i;

	*total = 0;
	if ((err = store__serial(s, serial, diag)))
		return err;
	/* the key: the text, then each parameter (NULL as \x1e) */
	psirt_buf_add(&key, count_sql->p, count_sql->len);
	for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		psirt_buf_addch(&key, '\x1f');
		psirt_buf_adds(&key, vals[i] ? vals[i] : "\x1e");
	}
	psirt_buf_addf(&key, "\x1f%d %d %lld %lld", q->kev, q->priority, q->id, q->owner_id);
	if (psirt_buf_error(&key)) {
		err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		goto out;
	}
	if (!store__total_get(s, key.p, key.len, serial, total))
		goto out;
	st = prepare(s, count_sql, &err, diag);
	if (!st)
		goto out;
	bind_query(st, q);
	if ((err = store__int(s, st, total, diag, "counting findings")))
		goto out;
	store__total_put(s, key.p, key.len, serial, *total);
out:
	psirt_buf_release(&key);
	return err;
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
	int rc = SQLITE_DONE, embargo = 0, keyset;
	enum psirt_findings_sort sort;
	const char *index;

	*items = NULL;
	*n = 0;
	if (q->hide_embargoed_at && (err = embargo_in_force(s, q->hide_embargoed_at, &embargo, diag)))
		return err;
	if (q->product && (err = named_exists(s, q->product, q->version, diag)))
		return err;
	if (total) {
		psirt_buf_adds(&b, "SELECT count(*)");
		psirt_buf_adds(&b, count_from(q));
		add_where(&b, q, embargo, 1);
		if ((err = count_total(s, q, &b, total, diag)))
			goto out;
		psirt_buf_reset(&b);
	}
	sort = (unsigned)q->sort < PSIRT_FINDINGS_SORT__MAX ? q->sort : PSIRT_FINDINGS_BY_PRIORITY;
	index = open_index(q, sort);
	psirt_buf_adds(&b, q->brief ? select_brief_sql : select_sql);
	keyset = q->after && (sort == PSIRT_FINDINGS_BY_PRIORITY || sort == PSIRT_FINDINGS_BY_DEADLINE);
	if (keyset || q->offset || !index) {
		psirt_buf_adds(&b, from_sql);
	} else {
		add_from_finding(&b, index);
		psirt_buf_adds(&b, JOINS_SQL);
	}
	if (keyset) {
		add_keyset(&b, q, embargo, sort == PSIRT_FINDINGS_BY_DEADLINE, index);
		psirt_buf_adds(&b, sort_sql[sort]);
		psirt_buf_adds(&b, " LIMIT ?12");
	} else if (q->offset && !q->product && !q->version && !q->owner &&
	           sort != PSIRT_FINDINGS_BY_PRODUCT && sort != PSIRT_FINDINGS_BY_VULN) {
		/* A deep page: the rows before it are skipped in the sort's index
		 * alone, without reading their findings, versions and products
		 * (no condition is on those, and every finding has them), then
		 * the page's rows are read and put in order. */
		psirt_buf_adds(&b, " WHERE f.id IN (SELECT f.id");
		add_from_finding(&b, index);
		add_where(&b, q, embargo, !!index);
		psirt_buf_adds(&b, sort_sql[sort]);
		psirt_buf_adds(&b, " LIMIT ?12 OFFSET ?13)");
		psirt_buf_adds(&b, sort_sql[sort]);
	} else {
		add_where(&b, q, embargo, !!index);
		psirt_buf_adds(&b, sort_sql[sort]);
		psirt_buf_adds(&b, " LIMIT ?12 OFFSET ?13");
	}
	st = prepare(s, &b, &err, diag);
	if (!st)
		goto out;
	bind_query(st, q);
	sqlite3_bind_int64(st, 12, q->limit ? (long long)q->limit : -1);
	sqlite3_bind_int64(st, 13, (long long)q->offset);
	store__bind_text(st, 17, q->mark_embargoed_at);
	if (keyset &&
	    (err = bind_keyset(s, st, q->after, sort == PSIRT_FINDINGS_BY_DEADLINE, diag)))
		goto out;
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_finding *x;

		v = store__grow(arena, v, count, &cap, sizeof *v, &err, diag);
		if (!v)
			break;
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->product = store__col(st, 1, arena, &err, diag);
		x->version = store__col(st, 2, arena, &err, diag);
		x->units = sqlite3_column_int64(st, 3);
		x->component = store__col(st, 4, arena, &err, diag);
		x->component_name = store__col(st, 5, arena, &err, diag);
		x->component_version = store__col(st, 6, arena, &err, diag);
		x->component_purl = store__col(st, 7, arena, &err, diag);
		x->vuln = store__col(st, 8, arena, &err, diag);
		x->record = store__col(st, 9, arena, &err, diag);
		x->source = store__col(st, 10, arena, &err, diag);
		x->confidence = store__col(st, 11, arena, &err, diag);
		x->evidence = store__col(st, 12, arena, &err, diag);
		x->first_seen = store__col(st, 13, arena, &err, diag);
		x->last_seen = store__col(st, 14, arena, &err, diag);
		x->kev = sqlite3_column_int(st, 15);
		x->state = store__col(st, 16, arena, &err, diag);
		x->justification = store__col(st, 17, arena, &err, diag);
		x->comment = store__col(st, 18, arena, &err, diag);
		x->closed_at = store__col(st, 19, arena, &err, diag);
		x->ssvc = store__col(st, 20, arena, &err, diag);
		x->ssvc_inputs = store__col(st, 21, arena, &err, diag);
		x->priority = sqlite3_column_int(st, 22);
		x->deadline = store__col(st, 23, arena, &err, diag);
		x->response_class = store__col(st, 24, arena, &err, diag);
		x->reason = store__col(st, 25, arena, &err, diag);
		x->policy = store__col(st, 26, arena, &err, diag);
		x->eos = store__col(st, 27, arena, &err, diag);
		x->embargoed = sqlite3_column_int(st, 28);
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(s, diag, "listing findings");
	sqlite3_reset(st);
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
		struct psirt_findings_class_count *c = store__grow(arena, out->classes, out->n_classes,
		                                                    &cap, sizeof *c, &err, diag);

		if (!c)
			break;
		out->classes = c;
		out->classes[out->n_classes].name = store__col(st, 0, arena, &err, diag);
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

		t->name = store__col(st, 0, arena, &err, diag);
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
