/* The search box (include/psirt/search.h): prefix ranges over indexes.
 *
 * A prefix P is the range P <= x < P || 0xFF: no UTF-8 text has the byte
 * 0xFF, so every string starting with P sorts inside it, and SQLite reads
 * the range from the index (a LIKE 'P%' would too only under conditions
 * that depend on the column's collation and a pragma). */
#include <string.h>

#include "psirt/search.h"
#include "psirt/str.h"
#include "store/internal.h"

/* The names under an embargo in force at ?7 (NULL: none), with every alias
 * of theirs: a handful of rows, computed once per statement. */
#define EMBARGOED_NAMES                                                                      \
	"(SELECT e.name FROM vuln_embargo e WHERE ?7 IS NOT NULL"                               \
	" AND (e.until IS NULL OR e.until > ?7)"                                                 \
	" UNION SELECT a1.name FROM vuln_embargo e CROSS JOIN vuln_alias a0 ON a0.name = e.name"       \
	" CROSS JOIN vuln_alias a1 ON a1.vuln_id = a0.vuln_id WHERE ?7 IS NOT NULL"                    \
	" AND (e.until IS NULL OR e.until > ?7))"

/* One prefix range of vuln_alias's key (?lo, ?hi); ?8: 1 hides embargoed. */
#define VULN_BRANCH(lo, hi)                                                                  \
	"SELECT a.name, v.name, a.name IN " EMBARGOED_NAMES " FROM vuln_alias a"                \
	" JOIN vuln v ON v.id = a.vuln_id WHERE a.name >= " lo " AND a.name < " hi              \
	" AND (?8 = 0 OR a.name NOT IN " EMBARGOED_NAMES ")"

/* The three spellings are merged in key order (each branch is read in
 * index order, so the LIMIT stops the reads). */
static const char vuln_sql[] = VULN_BRANCH("?1", "?2") " UNION " VULN_BRANCH("?3", "?4")
	" UNION " VULN_BRANCH("?5", "?6") " ORDER BY 1 LIMIT ?9 OFFSET ?10";

static const char component_name_sql[] =
	"SELECT c.name, c.version, c.purl, p.name, v.version FROM component c"
	" JOIN product_version v ON v.id = c.version_id JOIN product p ON p.id = v.product"
	" WHERE c.name >= ?1 COLLATE NOCASE AND c.name < ?2 COLLATE NOCASE"
	" ORDER BY c.name COLLATE NOCASE, c.version COLLATE NOCASE, c.rowid LIMIT ?3 OFFSET ?4";

static const char component_purl_sql[] =
	"SELECT c.name, c.version, c.purl, p.name, v.version FROM component c"
	" JOIN product_version v ON v.id = c.version_id JOIN product p ON p.id = v.product"
	" WHERE c.purl >= ?1 AND c.purl < ?2 ORDER BY c.purl, c.rowid LIMIT ?3 OFFSET ?4";

const char *const store__search_sql[] = { vuln_sql, component_name_sql, component_purl_sql,
	                                   NULL };

static enum psirt_err check(const struct psirt_search_query *q, struct psirt_diag *diag)
{
	size_t len = q->q ? strlen(q->q) : 0, i;

	if (!len)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a search needs some text");
	if (len > PSIRT_SEARCH_MAX_QUERY)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "a search has at most %d bytes",
		                      PSIRT_SEARCH_MAX_QUERY);
	for (i = 0; i < len; i++) {
		if ((unsigned char)q->q[i] < 0x20 || q->q[i] == 0x7f)
			return psirt_diag_set(diag, PSIRT_EINVAL,
			                      "a search cannot hold control characters");
	}
	if (q->limit < 1 || q->limit > PSIRT_SEARCH_MAX_LIMIT)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a search returns 1 to %d rows",
		                      PSIRT_SEARCH_MAX_LIMIT);
	if (q->offset > PSIRT_SEARCH_MAX_OFFSET)
		return psirt_diag_set(diag, PSIRT_EINVAL, "a search skips at most %d rows",
		                      PSIRT_SEARCH_MAX_OFFSET);
	return PSIRT_OK;
}

/* p with the byte 0xFF appended, the end of p's prefix range; NULL: ENOMEM. */
static char *range_end(struct psirt_arena *a, const char *p)
{
	size_t len = strlen(p);
	char *e = psirt_arena_alloc(a, len + 2);

	if (!e)
		return NULL;
	memcpy(e, p, len);
	e[len] = (char)0xff;
	e[len + 1] = '\0';
	return e;
}

enum psirt_err psirt_search_vulns(struct psirt_store *s, const struct psirt_search_query *q,
                                  struct psirt_arena *arena, struct psirt_search_vuln **items,
                                  size_t *n, int *more, struct psirt_diag *diag)
{
	enum psirt_err err;
	char *forms[3];
	struct psirt_search_vuln *v;
	sqlite3_stmt *st;
	size_t len, i, count = 0;
	int rc, k;

	*items = NULL;
	*n = 0;
	*more = 0;
	if ((err = check(q, diag)))
		return err;
	len = strlen(q->q);
	/* as typed; upper case (CVE-, JVNDB-, OSV-, PYSEC-, DSA-…); the
	 * scheme upper and the rest lower (GHSA-xxxx-xxxx-xxxx) */
	for (k = 0; k < 3; k++) {
		if (!(forms[k] = psirt_arena_strdup(arena, q->q)))
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	}
	for (i = 0; i < len; i++)
		forms[1][i] = (char)psirt_toupper(forms[1][i]);
	for (i = 0; i < len && forms[2][i] != '-'; i++)
		forms[2][i] = (char)psirt_toupper(forms[2][i]);
	for (; i < len; i++)
		forms[2][i] = (char)psirt_tolower(forms[2][i]);
	v = psirt_arena_calloc(arena, q->limit + 1, sizeof *v);
	if (!v)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	if (!(st = store__cached(s, vuln_sql, diag)))
		return PSIRT_ESTORE;
	for (k = 0; k < 3; k++) {
		char *end = range_end(arena, forms[k]);

		if (!end) {
			sqlite3_reset(st);
			return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		}
		store__bind_text(st, 1 + 2 * k, forms[k]);
		store__bind_text(st, 2 + 2 * k, end);
	}
	store__bind_text(st, 7, q->now);
	sqlite3_bind_int(st, 8, q->hide_embargoed && q->now);
	sqlite3_bind_int64(st, 9, (long long)q->limit + 1);
	sqlite3_bind_int64(st, 10, (long long)q->offset);
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == q->limit) {
			*more = 1;
			break;
		}
		v[count].id = store__col(st, 0, arena, &err, diag);
		v[count].name = store__col(st, 1, arena, &err, diag);
		v[count++].embargoed = sqlite3_column_int(st, 2);
	}
	if (!err && rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = store__fail(s, diag, "searching vulnerability ids");
	sqlite3_reset(st);
	if (!err) {
		*items = v;
		*n = count;
	}
	return err;
}

enum psirt_err psirt_search_components(struct psirt_store *s,
                                       const struct psirt_search_query *q,
                                       struct psirt_arena *arena,
                                       struct psirt_search_component **items, size_t *n,
                                       int *more, struct psirt_diag *diag)
{
	enum psirt_err err;
	struct psirt_search_component *v;
	sqlite3_stmt *st;
	size_t count = 0;
	char *end;
	int rc;

	*items = NULL;
	*n = 0;
	*more = 0;
	if ((err = check(q, diag)))
		return err;
	v = psirt_arena_calloc(arena, q->limit + 1, sizeof *v);
	end = range_end(arena, q->q);
	if (!v || !end)
		return psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
	st = store__cached(s, strncmp(q->q, "pkg:", 4) ? component_name_sql : component_purl_sql,
	                   diag);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, q->q);
	store__bind_text(st, 2, end);
	sqlite3_bind_int64(st, 3, (long long)q->limit + 1);
	sqlite3_bind_int64(st, 4, (long long)q->offset);
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == q->limit) {
			*more = 1;
			break;
		}
		v[count].name = store__col(st, 0, arena, &err, diag);
		v[count].version = store__col(st, 1, arena, &err, diag);
		v[count].purl = store__col(st, 2, arena, &err, diag);
		v[count].product = store__col(st, 3, arena, &err, diag);
		v[count++].product_version = store__col(st, 4, arena, &err, diag);
	}
	if (!err && rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = store__fail(s, diag, "searching components");
	sqlite3_reset(st);
	if (!err) {
		*items = v;
		*n = count;
	}
	return err;
}
