/* Per-finding SSVC overrides (include/psirt/findings.h, "Store layer";
 * table finding_ssvc_override, docs/schema.md). */
#include "psirt/findings.h"
#include "store/internal.h"

enum psirt_err psirt_store_ssvc_override_put(struct psirt_store *store, long long id,
                                             const char *point, const char *value,
                                             const char *reason, const char *actor,
                                             struct psirt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	enum psirt_err err = PSIRT_OK;

	if (sqlite3_prepare_v2(store->db,
	                       "INSERT OR REPLACE INTO finding_ssvc_override"
	                       " (finding, point, value, reason, actor, at)"
	                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	                       -1, &st, NULL) != SQLITE_OK)
		return store__fail(store, diag, "preparing an SSVC override");
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, point);
	store__bind_text(st, 3, value);
	store__bind_text(st, 4, reason);
	store__bind_text(st, 5, actor);
	store__bind_text(st, 6, store__now(store));
	if (sqlite3_step(st) != SQLITE_DONE)
		err = store__fail(store, diag, "saving an SSVC override");
	sqlite3_finalize(st);
	return err;
}

enum psirt_err psirt_store_ssvc_override_del(struct psirt_store *store, long long id,
                                             const char *point, int *deleted,
                                             struct psirt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	enum psirt_err err = PSIRT_OK;

	*deleted = 0;
	if (sqlite3_prepare_v2(store->db,
	                       "DELETE FROM finding_ssvc_override WHERE finding = ?1 AND point = ?2",
	                       -1, &st, NULL) != SQLITE_OK)
		return store__fail(store, diag, "preparing an SSVC override");
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, point);
	if (sqlite3_step(st) != SQLITE_DONE)
		err = store__fail(store, diag, "dropping an SSVC override");
	else
		*deleted = sqlite3_changes(store->db) > 0;
	sqlite3_finalize(st);
	return err;
}

static const char *dup_col(struct psirt_arena *arena, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? psirt_arena_strndup(arena, (const char *)t, (size_t)sqlite3_column_bytes(st, i))
	         : "";
}

enum psirt_err psirt_store_ssvc_overrides(struct psirt_store *store, long long id,
                                          struct psirt_arena *arena,
                                          struct psirt_store_ssvc_override **items, size_t *n,
                                          struct psirt_diag *diag)
{
	sqlite3_stmt *st = NULL;
	struct psirt_store_ssvc_override *v = NULL;
	size_t cap = 0, count = 0;
	enum psirt_err err = PSIRT_OK;
	int rc;

	*items = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(store->db,
	                       "SELECT finding, point, value, reason, actor, at"
	                       " FROM finding_ssvc_override WHERE ?1 = 0 OR finding = ?1"
	                       " ORDER BY finding, point",
	                       -1, &st, NULL) != SQLITE_OK)
		return store__fail(store, diag, "preparing the SSVC overrides");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_store_ssvc_override *x;

		v = store__grow(arena, v, count, &cap, sizeof *v, &err, diag);
		if (!v)
			break;
		x = &v[count++];
		x->finding = sqlite3_column_int64(st, 0);
		x->point = dup_col(arena, st, 1);
		x->value = dup_col(arena, st, 2);
		x->reason = dup_col(arena, st, 3);
		x->actor = dup_col(arena, st, 4);
		x->at = dup_col(arena, st, 5);
		if (!x->point || !x->value || !x->reason || !x->actor || !x->at) {
			err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
			break;
		}
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(store, diag, "reading the SSVC overrides");
	sqlite3_finalize(st);
	if (!err) {
		*items = v;
		*n = count;
	}
	return err;
}
