/* API tokens: listing and revocation (see include/psirt/user.h, "Store
 * layer", and docs/schema.md, migration 7). Creation and the per-request
 * look-up are in src/store/user.c. */
#include "psirt/user.h"
#include "store/internal.h"

enum psirt_err psirt_store_token_list(struct psirt_store *s, const char *user_name,
                                      long long id, struct psirt_arena *arena,
                                      struct psirt_token **items, size_t *n,
                                      struct psirt_diag *diag)
{
	static const char sql[] =
		"SELECT t.id, u.name, t.scope, t.created_at, t.last_used, t.revoked_at, t.revoked_by"
		" FROM api_token t JOIN app_user u ON u.id = t.user_id"
		" WHERE (?1 IS NULL OR u.name = ?1) AND (?2 <= 0 OR t.id = ?2) ORDER BY t.id";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	struct psirt_token *arr = NULL;
	enum psirt_err err = PSIRT_OK;
	size_t cap = 0, count = 0;
	int rc = SQLITE_DONE;

	*items = NULL;
	*n = 0;
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, user_name);
	sqlite3_bind_int64(st, 2, id);
	while (!err && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct psirt_token *t;

		arr = store__grow(arena, arr, count, &cap, sizeof *arr, &err, diag);
		if (!arr)
			break;
		t = &arr[count++];
		t->id = sqlite3_column_int64(st, 0);
		t->user = store__col(st, 1, arena, &err, diag);
		/* the column is CHECKed to the known scopes */
		if (psirt_token_scope_parse((const char *)sqlite3_column_text(st, 2), &t->scope, NULL))
			t->scope = PSIRT_SCOPE_UPLOAD;
		t->created_at = store__col(st, 3, arena, &err, diag);
		t->last_used = store__col(st, 4, arena, &err, diag);
		t->revoked_at = store__col(st, 5, arena, &err, diag);
		t->revoked_by = store__col(st, 6, arena, &err, diag);
	}
	if (!err && rc != SQLITE_DONE)
		err = store__fail(s, diag, "listing API tokens");
	sqlite3_reset(st);
	if (!err) {
		*items = arr;
		*n = count;
	}
	return err;
}

enum psirt_err psirt_store_token_revoke(struct psirt_store *s, long long id, const char *actor,
                                        int *changed, struct psirt_diag *diag)
{
	static const char sql[] = "UPDATE api_token SET revoked_at = ?2, revoked_by = ?3"
	                          " WHERE id = ?1 AND revoked_at IS NULL";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	enum psirt_err err;

	*changed = 0;
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, store__now(s));
	store__bind_text(st, 3, actor);
	if ((err = store__step_done(s, st, diag, "revoking an API token")))
		return err;
	*changed = sqlite3_changes(s->db) > 0;
	return PSIRT_OK;
}

enum psirt_err psirt_store_token_count(struct psirt_store *s, long long user_id, size_t *n,
                                       struct psirt_diag *diag)
{
	static const char sql[] = "SELECT count(*) FROM api_token WHERE user_id = ?1"
	                          " AND revoked_at IS NULL";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	unsigned long long v;
	enum psirt_err err;

	*n = 0;
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, user_id);
	err = store__int(s, st, &v, diag, "counting API tokens");
	*n = (size_t)v;
	return err;
}
