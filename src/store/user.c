/* Users and access: the SQL (see include/psirt/user.h, "Store layer", and
 * docs/schema.md "Users and access").
 *
 * Session and token look-ups run on every request the server answers, so
 * they use statements cached for the connection's life (store__cached);
 * the rest is prepared per call like the portfolio's SQL. */
#include <stdlib.h>
#include <string.h>

#include "psirt/user.h"
#include "store/internal.h"

/* Steps a statement expected to give at most one row: SQLITE_ROW,
 * SQLITE_DONE, or 0 after recording the error. */
static int step1(struct psirt_store *s, sqlite3_stmt *st, struct psirt_diag *diag,
                 enum psirt_err *err, const char *doing)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	*err = store__fail(s, diag, doing);
	return 0;
}

enum psirt_err psirt_store_user_insert(struct psirt_store *s, const char *name, const char *role,
                                       const char *password_hash, long long *id,
                                       struct psirt_diag *diag)
{
	static const char sql[] = "INSERT INTO app_user (name, role, password_hash, created_at,"
	                          " updated_at) VALUES (?1, ?2, ?3, ?4, ?4)";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	int rc;

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, name);
	store__bind_text(st, 2, role);
	store__bind_text(st, 3, password_hash);
	store__bind_text(st, 4, store__now(s));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return psirt_diag_set(diag, PSIRT_EINVAL, "user '%s' exists", name);
	if (rc != SQLITE_DONE)
		return store__fail(s, diag, "adding a user");
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return PSIRT_OK;
}

enum psirt_err psirt_store_user_find(struct psirt_store *s, const char *name,
                                     struct psirt_arena *arena,
                                     struct psirt_store_user_row *out, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT id, name, role, password_hash, disabled FROM app_user"
	                          " WHERE name = ?1";
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = store__cached(s, sql, diag);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, name);
	rc = step1(s, st, diag, &r.err, "reading a user");
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = store__rd_col(&r, st, 1);
		out->role = store__rd_col(&r, st, 2);
		out->password_hash = store__rd_col(&r, st, 3);
		out->disabled = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	if (r.err)
		return r.err;
	if (rc == SQLITE_DONE)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no user '%s'", name);
	return PSIRT_OK;
}

enum psirt_err psirt_store_user_update(struct psirt_store *s, long long id, const char *role,
                                       const char *password_hash, int disabled,
                                       struct psirt_diag *diag)
{
	static const char sql[] = "UPDATE app_user SET role = coalesce(?2, role),"
	                          " password_hash = coalesce(?3, password_hash),"
	                          " disabled = CASE WHEN ?4 < 0 THEN disabled ELSE ?4 END,"
	                          " updated_at = ?5 WHERE id = ?1";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, role);
	store__bind_text(st, 3, password_hash);
	sqlite3_bind_int(st, 4, disabled);
	store__bind_text(st, 5, store__now(s));
	return store__step_done(s, st, diag, "changing a user");
}

enum psirt_err psirt_store_user_product(struct psirt_store *s, long long user_id,
                                        const char *product, int add, struct psirt_diag *diag)
{
	static const char ins[] = "INSERT OR IGNORE INTO user_product (user_id, product_id)"
	                          " SELECT ?1, id FROM product WHERE name = ?2";
	static const char del[] = "DELETE FROM user_product WHERE user_id = ?1 AND product_id ="
	                          " (SELECT id FROM product WHERE name = ?2)";
	static const char has[] = "SELECT 1 FROM product WHERE name = ?1";
	sqlite3_stmt *st;
	enum psirt_err err = PSIRT_OK;
	int rc;

	if (add) {
		st = store__cached(s, has, diag);
		if (!st)
			return PSIRT_ESTORE;
		store__bind_text(st, 1, product);
		rc = step1(s, st, diag, &err, "reading a product");
		sqlite3_reset(st);
		if (err)
			return err;
		if (rc == SQLITE_DONE)
			return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no product '%s'", product);
	}
	st = store__cached(s, add ? ins : del, diag);
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, user_id);
	store__bind_text(st, 2, product);
	if ((err = store__step_done(s, st, diag, "changing a user's products")))
		return err;
	if (!add && sqlite3_changes(s->db) == 0)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "product '%s' is not on the user's list",
		                      product);
	return PSIRT_OK;
}

enum psirt_err psirt_store_user_list(struct psirt_store *s, const char *name,
                                     struct psirt_arena *arena, struct psirt_user **items,
                                     size_t *n, struct psirt_diag *diag)
{
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = NULL, *pst = NULL;
	struct psirt_user *arr = NULL;
	size_t cap = 0, count = 0, i;
	int rc;

	*items = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db,
	                       "SELECT u.id, u.name, u.role, u.disabled, u.created_at, u.updated_at,"
	                       " (SELECT count(*) FROM api_token t WHERE t.user_id = u.id"
	                       "   AND t.revoked_at IS NULL),"
	                       " (SELECT count(*) FROM session x WHERE x.user_id = u.id"
	                       "   AND x.expires_at > ?2)"
	                       " FROM app_user u WHERE ?1 IS NULL OR u.name = ?1 ORDER BY u.name",
	                       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
	                       "SELECT p.name FROM user_product up JOIN product p"
	                       " ON p.id = up.product_id WHERE up.user_id = ?1 ORDER BY p.name",
	                       -1, &pst, NULL) != SQLITE_OK) {
		r.err = store__fail(s, diag, "listing users");
		goto out_finalize;
	}
	store__bind_text(st, 1, name);
	store__bind_text(st, 2, store__now(s));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !r.err) {
		struct psirt_user *u;

		arr = store__rd_grow(&r, arr, count, &cap, sizeof *arr);
		if (!arr)
			break;
		u = &arr[count++];
		u->id = sqlite3_column_int64(st, 0);
		u->name = store__rd_col(&r, st, 1);
		psirt_role_parse((const char *)sqlite3_column_text(st, 2), &u->role, NULL);
		u->disabled = sqlite3_column_int(st, 3);
		u->created_at = store__rd_col(&r, st, 4);
		u->updated_at = store__rd_col(&r, st, 5);
		u->n_tokens = (size_t)sqlite3_column_int64(st, 6);
		u->n_sessions = (size_t)sqlite3_column_int64(st, 7);
	}
	if (!r.err && rc != SQLITE_DONE && rc != SQLITE_ROW)
		r.err = store__fail(s, diag, "listing users");
	for (i = 0; !r.err && i < count; i++) {
		size_t pcap = 0;

		sqlite3_reset(pst);
		sqlite3_bind_int64(pst, 1, arr[i].id);
		while ((rc = sqlite3_step(pst)) == SQLITE_ROW && !r.err) {
			arr[i].products = store__rd_grow(&r, arr[i].products, arr[i].n_products, &pcap,
			                                 sizeof *arr[i].products);
			if (!arr[i].products)
				break;
			arr[i].products[arr[i].n_products++] = store__rd_col(&r, pst, 0);
		}
		if (!r.err && rc != SQLITE_DONE)
			r.err = store__fail(s, diag, "listing users");
	}
	if (!r.err) {
		*items = arr;
		*n = count;
	}

out_finalize:
	sqlite3_finalize(st);
	sqlite3_finalize(pst);
	return r.err;
}

enum psirt_err psirt_store_user_owns_product(struct psirt_store *s, long long user_id,
                                             const char *user_name, const char *product,
                                             int *owns, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT 1 FROM product p WHERE p.name = ?1 AND (p.owner = ?2"
	                          " OR EXISTS (SELECT 1 FROM user_product up"
	                          "   WHERE up.user_id = ?3 AND up.product_id = p.id))";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	enum psirt_err err = PSIRT_OK;
	int rc;

	*owns = 0;
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, product);
	store__bind_text(st, 2, user_name);
	sqlite3_bind_int64(st, 3, user_id);
	rc = step1(s, st, diag, &err, "reading a product's owner");
	sqlite3_reset(st);
	*owns = rc == SQLITE_ROW;
	return err;
}

/* Sessions ---------------------------------------------------------------*/

enum psirt_err psirt_store_session_insert(struct psirt_store *s, const char *id_hash,
                                          long long user_id, const char *csrf,
                                          const char *expires, const char *client,
                                          struct psirt_diag *diag)
{
	static const char sql[] = "INSERT INTO session (id_hash, user_id, csrf_token, created_at,"
	                          " expires_at, last_seen, client) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6)";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, id_hash);
	sqlite3_bind_int64(st, 2, user_id);
	store__bind_text(st, 3, csrf);
	store__bind_text(st, 4, store__now(s));
	store__bind_text(st, 5, expires);
	store__bind_text(st, 6, client);
	return store__step_done(s, st, diag, "adding a session");
}

enum psirt_err psirt_store_session_find(struct psirt_store *s, const char *id_hash,
                                        struct psirt_arena *arena,
                                        struct psirt_store_session_row *out,
                                        struct psirt_diag *diag)
{
	static const char sql[] = "SELECT x.user_id, u.name, u.role, x.csrf_token, x.created_at,"
	                          " x.expires_at, x.last_seen, u.disabled"
	                          " FROM session x JOIN app_user u ON u.id = x.user_id"
	                          " WHERE x.id_hash = ?1";
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = store__cached(s, sql, diag);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, id_hash);
	rc = step1(s, st, diag, &r.err, "reading a session");
	if (rc == SQLITE_ROW) {
		out->user_id = sqlite3_column_int64(st, 0);
		out->user_name = store__rd_col(&r, st, 1);
		out->role = store__rd_col(&r, st, 2);
		out->csrf = store__rd_col(&r, st, 3);
		out->created_at = store__rd_col(&r, st, 4);
		out->expires_at = store__rd_col(&r, st, 5);
		out->last_seen = store__rd_col(&r, st, 6);
		out->disabled = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	if (r.err)
		return r.err;
	if (rc == SQLITE_DONE)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no such session");
	return PSIRT_OK;
}

enum psirt_err psirt_store_session_touch(struct psirt_store *s, const char *id_hash,
                                         struct psirt_diag *diag)
{
	static const char sql[] = "UPDATE session SET last_seen = ?2 WHERE id_hash = ?1";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, id_hash);
	store__bind_text(st, 2, store__now(s));
	return store__step_done(s, st, diag, "noting a session's use");
}

enum psirt_err psirt_store_session_delete(struct psirt_store *s, const char *id_hash,
                                          long long user_id, struct psirt_diag *diag)
{
	static const char one[] = "DELETE FROM session WHERE id_hash = ?1";
	static const char all[] = "DELETE FROM session WHERE user_id = ?1";
	sqlite3_stmt *st = store__cached(s, id_hash ? one : all, diag);

	if (!st)
		return PSIRT_ESTORE;
	if (id_hash)
		store__bind_text(st, 1, id_hash);
	else
		sqlite3_bind_int64(st, 1, user_id);
	return store__step_done(s, st, diag, "ending sessions");
}

enum psirt_err psirt_store_session_prune(struct psirt_store *s, const char *now,
                                         const char *idle_before, struct psirt_diag *diag)
{
	static const char sql[] = "DELETE FROM session WHERE expires_at <= ?1 OR last_seen < ?2";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, now);
	store__bind_text(st, 2, idle_before);
	return store__step_done(s, st, diag, "pruning sessions");
}

/* API tokens -------------------------------------------------------------*/

enum psirt_err psirt_store_token_insert(struct psirt_store *s, const char *hash,
                                        long long user_id, const char *scope, long long *id,
                                        struct psirt_diag *diag)
{
	static const char sql[] = "INSERT INTO api_token (hash, user_id, scope, created_at)"
	                          " VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store__cached(s, sql, diag);
	enum psirt_err err;

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, hash);
	sqlite3_bind_int64(st, 2, user_id);
	store__bind_text(st, 3, scope);
	store__bind_text(st, 4, store__now(s));
	if ((err = store__step_done(s, st, diag, "adding an API token")))
		return err;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return PSIRT_OK;
}

enum psirt_err psirt_store_token_find(struct psirt_store *s, const char *hash,
                                      struct psirt_arena *arena,
                                      struct psirt_store_token_row *out, struct psirt_diag *diag)
{
	static const char sql[] = "SELECT t.id, t.user_id, u.name, u.role, t.scope, t.last_used,"
	                          " u.disabled, t.revoked_at"
	                          " FROM api_token t JOIN app_user u ON u.id = t.user_id"
	                          " WHERE t.hash = ?1";
	struct store__rd r = { s, arena, diag, PSIRT_OK };
	sqlite3_stmt *st = store__cached(s, sql, diag);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, hash);
	rc = step1(s, st, diag, &r.err, "reading an API token");
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->user_id = sqlite3_column_int64(st, 1);
		out->user_name = store__rd_col(&r, st, 2);
		out->role = store__rd_col(&r, st, 3);
		out->scope = store__rd_col(&r, st, 4);
		out->last_used = store__rd_col(&r, st, 5);
		out->disabled = sqlite3_column_int(st, 6);
		out->revoked_at = store__rd_col(&r, st, 7);
	}
	sqlite3_reset(st);
	if (r.err)
		return r.err;
	if (rc == SQLITE_DONE)
		return psirt_diag_set(diag, PSIRT_ENOTFOUND, "no such API token");
	return PSIRT_OK;
}

enum psirt_err psirt_store_token_touch(struct psirt_store *s, long long id,
                                       struct psirt_diag *diag)
{
	static const char sql[] = "UPDATE api_token SET last_used = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_int64(st, 1, id);
	store__bind_text(st, 2, store__now(s));
	return store__step_done(s, st, diag, "noting an API token's use");
}

/* Login attempts ---------------------------------------------------------*/

enum psirt_err psirt_store_login_attempt(struct psirt_store *s, const char *user_name,
                                         const char *client, int ok, struct psirt_diag *diag)
{
	static const char sql[] = "INSERT INTO login_attempt (at, user_name, client, ok)"
	                          " VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, store__now(s));
	store__bind_text(st, 2, user_name);
	store__bind_text(st, 3, client);
	sqlite3_bind_int(st, 4, ok != 0);
	return store__step_done(s, st, diag, "recording a login attempt");
}

enum psirt_err psirt_store_login_failures(struct psirt_store *s, const char *user_name,
                                          const char *client, const char *since,
                                          unsigned *count, char oldest[PSIRT_ISOTIME_LEN + 1],
                                          struct psirt_diag *diag)
{
	static const char by_user[] = "SELECT count(*), min(at) FROM login_attempt"
	                              " WHERE user_name = ?1 AND at > ?2 AND ok = 0";
	static const char by_client[] = "SELECT count(*), min(at) FROM login_attempt"
	                                " WHERE client = ?1 AND at > ?2 AND ok = 0";
	sqlite3_stmt *st = store__cached(s, user_name ? by_user : by_client, diag);
	enum psirt_err err = PSIRT_OK;
	const unsigned char *t;
	int rc;

	*count = 0;
	oldest[0] = '\0';
	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, user_name ? user_name : client);
	store__bind_text(st, 2, since);
	rc = step1(s, st, diag, &err, "counting login failures");
	if (rc == SQLITE_ROW) {
		*count = (unsigned)sqlite3_column_int64(st, 0);
		t = sqlite3_column_text(st, 1);
		if (t && sqlite3_column_bytes(st, 1) == PSIRT_ISOTIME_LEN)
			memcpy(oldest, t, PSIRT_ISOTIME_LEN + 1);
	}
	sqlite3_reset(st);
	return err;
}

enum psirt_err psirt_store_login_prune(struct psirt_store *s, const char *before,
                                       struct psirt_diag *diag)
{
	static const char sql[] = "DELETE FROM login_attempt WHERE at < ?1";
	sqlite3_stmt *st = store__cached(s, sql, diag);

	if (!st)
		return PSIRT_ESTORE;
	store__bind_text(st, 1, before);
	return store__step_done(s, st, diag, "pruning login attempts");
}
