/* The product versions a vulnerability reaches, a page at a time
 * (include/psirt/findings.h, psirt_store_vuln_affected): index
 * finding_vuln_version (migration 14) gives a vulnerability's findings in
 * version order, so a page's versions are the next `limit` distinct
 * version ids before `after` and its findings the index entries of those
 * versions — the same cost at any depth. The totals over every version
 * are counted once and kept until the store changes. */
#include <stdint.h>
#include <string.h>

#include "psirt/buf.h"
#include "psirt/findings.h"
#include "psirt/vuln.h"
#include "store/internal.h"

#define OPEN_SQL "state IN ('in_triage', 'affected')"
/* the engineer's scope (as findings_page.c's): ?8 the owner, ?9 its user id */
#define OWNER_SQL                                                                            \
	" AND (p.owner = ?8 OR EXISTS (SELECT 1 FROM user_product up"                           \
	" WHERE up.user_id = ?9 AND up.product_id = p.id))"

/* The page's findings: versions before ?2, newest first, ?3 of them (one
 * more than the page, to know whether another follows). */
#define PAGE_SQL(scope_join, scope)                                                          \
	"SELECT f.id, p.name, v.version, coalesce(v.units, -1), f.component, f.state,"          \
	" coalesce(f.priority, 0), f.deadline, " STORE_TEXT_SQL("f.reason_ref") ", f.version_id" \
	" FROM finding f JOIN product_version v ON v.id = f.version_id"                          \
	" JOIN product p ON p.id = v.product"                                                    \
	" WHERE f.vuln = ?1 AND f.version_id IN (SELECT DISTINCT f.version_id FROM finding f"   \
	scope_join " WHERE f.vuln = ?1 AND f.version_id < ?2" scope                             \
	" ORDER BY f.version_id DESC LIMIT ?3)"                                                 \
	" ORDER BY f.version_id DESC, coalesce(f.priority, 9), f.id"
#define SCOPE_JOIN                                                                           \
	" JOIN product_version v ON v.id = f.version_id JOIN product p ON p.id = v.product"
static const char page_sql[] = PAGE_SQL("", "");
static const char page_owner_sql[] = PAGE_SQL(SCOPE_JOIN, OWNER_SQL);

/* Per version reached: open or not, its units; then the sums. */
#define TOTALS_SQL(scope_join, scope)                                                        \
	"SELECT count(*), coalesce(sum(o), 0), coalesce(sum(CASE WHEN o THEN u END), 0),"       \
	" coalesce(sum(o AND u IS NULL), 0) FROM (SELECT max(f." OPEN_SQL ") AS o,"             \
	" (SELECT units FROM product_version WHERE id = f.version_id) AS u FROM finding f"      \
	scope_join " WHERE f.vuln = ?1" scope " GROUP BY f.version_id)"
static const char totals_sql[] = TOTALS_SQL("", "");
static const char totals_owner_sql[] = TOTALS_SQL(SCOPE_JOIN, OWNER_SQL);

static void bind_scope(sqlite3_stmt *st, const struct psirt_affected_query *q)
{
	store__bind_text(st, 1, q->vuln);
	if (q->owner) {
		store__bind_text(st, 8, q->owner);
		sqlite3_bind_int64(st, 9, q->owner_id);
	}
}

/* The totals, from the cache when the store has not changed: four counts
 * under four keys ("affected" vuln owner owner_id, then the count's
 * number). */
static enum psirt_err totals_of(struct psirt_store *s, const struct psirt_affected_query *q,
                                struct psirt_affected_totals *t, struct psirt_diag *diag)
{
	struct psirt_buf key = PSIRT_BUF_INIT;
	unsigned long long serial[2], v[4];
	enum psirt_err err;
	sqlite3_stmt *st;
	size_t base;
	int rc, i, hit = 1;

	memset(t, 0, sizeof *t);
	if ((err = store__serial(s, serial, diag)))
		return err;
	psirt_buf_addf(&key, "affected\x1f%s\x1f%s\x1f%lld\x1f", q->vuln,
	               q->owner ? q->owner : "\x1e", q->owner ? q->owner_id : 0);
	base = key.len;
	for (i = 0; i < 4 && hit; i++) {
		key.len = base;
		psirt_buf_addch(&key, (char)('0' + i));
		if (psirt_buf_error(&key)) {
			psirt_buf_release(&key);
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		}
		hit = !store__total_get(s, key.p, key.len, serial, &v[i]);
	}
	if (!hit) {
		st = store__cached(s, q->owner ? totals_owner_sql : totals_sql, diag);
		if (!st) {
			psirt_buf_release(&key);
			return PSIRT_ESTORE;
		}
		bind_scope(st, q);
		rc = sqlite3_step(st);
		for (i = 0; i < 4 && rc == SQLITE_ROW; i++)
			v[i] = (unsigned long long)sqlite3_column_int64(st, i);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW) {
			psirt_buf_release(&key);
			return store__fail(s, diag, "counting the versions a vulnerability reaches");
		}
		for (i = 0; i < 4; i++) {
			key.len = base;
			psirt_buf_addch(&key, (char)('0' + i));
			if (!psirt_buf_error(&key))
				store__total_put(s, key.p, key.len, serial, v[i]);
		}
	}
	psirt_buf_release(&key);
	t->versions = v[0];
	t->open_versions = v[1];
	t->units = (long long)v[2];
	t->units_unknown = v[3];
	return PSIRT_OK;
}

enum psirt_err psirt_store_vuln_affected(struct psirt_store *s,
                                         const struct psirt_affected_query *q,
                                         struct psirt_arena *arena, struct psirt_finding **items,
                                         size_t *n, long long *next,
                                         struct psirt_affected_totals *totals,
                                         struct psirt_diag *diag)
{
	enum psirt_err err = PSIRT_OK;
	struct psirt_finding *v = NULL;
	size_t cap = 0, count = 0, versions = 0;
	long long last = 0;
	sqlite3_stmt *st;
	int rc;

	*items = NULL;
	*n = 0;
	*next = 0;
	if (!q->vuln)
		return psirt_diag_set(diag, PSIRT_EINVAL, "no vulnerability");
	if (totals && (err = totals_of(s, q, totals, diag)))
		return err;
	st = store__cached(s, q->owner ? page_owner_sql : page_sql, diag);
	if (!st)
		return PSIRT_ESTORE;
	bind_scope(st, q);
	sqlite3_bind_int64(st, 2, q->after > 0 ? q->after : INT64_MAX);
	sqlite3_bind_int64(st, 3, q->limit ? (long long)q->limit + 1 : -1);
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long vid = sqlite3_column_int64(st, 9);
		struct psirt_finding *x;

		if (vid != last) {
			/* the extra version: only says that another page follows */
			if (q->limit && versions == q->limit) {
				*next = last;
				break;
			}
			versions++;
			last = vid;
		}
		v = store__grow(arena, v, count, &cap, sizeof *v, &err, diag);
		if (!v)
			break;
		x = &v[count++];
		x->id = sqlite3_column_int64(st, 0);
		x->product = store__col(st, 1, arena, &err, diag);
		x->version = store__col(st, 2, arena, &err, diag);
		x->units = sqlite3_column_int64(st, 3);
		x->component = store__col(st, 4, arena, &err, diag);
		x->vuln = q->vuln;
		x->state = store__col(st, 5, arena, &err, diag);
		x->priority = sqlite3_column_int(st, 6);
		x->deadline = store__col(st, 7, arena, &err, diag);
		x->reason = store__col(st, 8, arena, &err, diag);
	}
	if (!err && rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = store__fail(s, diag, "listing the versions a vulnerability reaches");
	sqlite3_reset(st);
	if (err)
		return err;
	*items = v;
	*n = count;
	return PSIRT_OK;
}

enum psirt_err psirt_store_vuln_names(struct psirt_store *s, const char *id,
                                      struct psirt_arena *arena, const char **name,
                                      struct psirt_vuln_str **aliases, struct psirt_diag *diag)
{
	static const char sql[] =
		"SELECT v.name, a1.name FROM vuln_alias a0 JOIN vuln v ON v.id = a0.vuln_id"
		" JOIN vuln_alias a1 ON a1.vuln_id = v.id WHERE a0.name = ?1 ORDER BY a1.name DESC";
	enum psirt_err err = PSIRT_OK;
	sqlite3_stmt *st = store__cached(s, sql, diag);
	int rc;

	*name = NULL;
	*aliases = NULL;
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, id);
	/* in descending order, each pushed in front: the list ends sorted */
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_vuln_str *a = psirt_arena_calloc(arena, 1, sizeof *a);

		if (!a) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
		if (!*name)
			*name = store__col(st, 0, arena, &err, diag);
		a->value = store__col(st, 1, arena, &err, diag);
		a->next = *aliases;
		*aliases = a;
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(s, diag, "reading a vulnerability's ids");
	sqlite3_reset(st);
	if (!err && !*name)
		err = psirt_diag_set(diag, PSIRT_ENOTFOUND, "%s: not in the store", id);
	return err;
}
