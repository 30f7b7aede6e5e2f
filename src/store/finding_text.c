/* The few-valued texts of findings (SSVC inputs, triage reason, policy
 * fingerprint), each stored once in finding_text and named by id from the
 * finding's row (migration 18). A full match decides millions of findings
 * with a handful of distinct texts: the ids come from a per-connection
 * cache (text → id), so writing a finding costs no look-up statement.
 *
 * A text's row is never deleted or changed, so a cached id stays right as
 * long as the row was committed: the cache is emptied on every rollback
 * (psirt_store_rollback), which forgets the ids of rows it undid. */
#include <stdint.h>
#include <string.h>

#include "store/internal.h"

static const char sql_find[] = "SELECT id FROM finding_text WHERE text = ?1";
/* OR IGNORE: another connection may have added it since the look-up, when
 * the caller writes outside a transaction */
static const char sql_add[] = "INSERT OR IGNORE INTO finding_text (text) VALUES (?1)";

void store__text_ids_forget(struct psirt_store *s)
{
	psirt_map_release(&s->text_ids);
	psirt_map_init(&s->text_ids);
}

/* text's id (0: none) from the table. */
static enum psirt_err find(struct psirt_store *s, const char *text, size_t len, long long *id,
                           struct psirt_diag *diag)
{
	sqlite3_stmt *st = store__cached(s, sql_find, diag);
	int rc;

	*id = 0;
	if (!st)
		return PSIRT_ESTORE;
	sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store__fail(s, diag, "reading a finding's text");
	return PSIRT_OK;
}

enum psirt_err store__bind_text_id(struct psirt_store *s, sqlite3_stmt *st, int i, const char *text,
                                   struct psirt_diag *diag)
{
	sqlite3_stmt *add;
	enum psirt_err err;
	long long id;
	size_t len;

	if (!text) {
		sqlite3_bind_null(st, i);
		return PSIRT_OK;
	}
	len = strlen(text);
	if (len > STORE_MAX_TEXT_LEN)
		return psirt_diag_set(diag, PSIRT_ETOOBIG, "a finding's text of %zu bytes", len);
	id = (long long)(uintptr_t)psirt_map_get(&s->text_ids, text, len);
	if (id) {
		sqlite3_bind_int64(st, i, id);
		return PSIRT_OK;
	}
	if ((err = find(s, text, len, &id, diag)))
		return err;
	if (!id) {
		add = store__cached(s, sql_add, diag);
		if (!add)
			return PSIRT_ESTORE;
		sqlite3_bind_text(add, 1, text, (int)len, SQLITE_STATIC);
		if ((err = store__step_done(s, add, diag, "writing a finding's text")) ||
		    (err = find(s, text, len, &id, diag)))
			return err;
		if (!id)
			return psirt_diag_set(diag, PSIRT_ESTORE, "a finding's text is missing");
	}
	/* best effort: a text not kept is looked up again next time */
	if (s->text_ids.count >= STORE_MAX_TEXT_IDS)
		store__text_ids_forget(s);
	if (id > 0 && (unsigned long long)id <= UINTPTR_MAX)
		(void)psirt_map_put(&s->text_ids, text, len, (void *)(uintptr_t)id, NULL);
	sqlite3_bind_int64(st, i, id);
	return PSIRT_OK;
}
