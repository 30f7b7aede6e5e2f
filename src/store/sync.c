/* What a feed sync needs of the store beyond imports: the last sync time
 * (where the next incremental window starts) and savepoints, so that a
 * request repeated after a dropped connection first undoes what its failed
 * attempt wrote. */
#include <string.h>

#include "store/internal.h"

enum psirt_err psirt_store_feed_last_sync(struct psirt_store *s, const char *source,
                                          char out[PSIRT_ISOTIME_LEN + 1],
                                          struct psirt_diag *diag)
{
	sqlite3_stmt *st;
	const unsigned char *v;
	enum psirt_err err = PSIRT_OK;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(s->db, "SELECT last_sync FROM feed_state WHERE source = ?1", -1, &st,
	                       NULL) != SQLITE_OK)
		return store__fail(s, diag, "reading the sync state");
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v = sqlite3_column_text(st, 0);
		/* canonical by construction; anything else is treated as never */
		if (v && strlen((const char *)v) == PSIRT_ISOTIME_LEN)
			memcpy(out, v, PSIRT_ISOTIME_LEN + 1);
	} else if (rc != SQLITE_DONE) {
		err = store__fail(s, diag, "reading the sync state");
	}
	sqlite3_finalize(st);
	return err;
}

/* One savepoint name: savepoints of this API do not nest (the upsert's own
 * "upsert" savepoint nests inside it). */
enum psirt_err psirt_store_savepoint(struct psirt_store *s, struct psirt_diag *diag)
{
	if (!s->in_tx)
		return psirt_diag_set(diag, PSIRT_EINTERNAL, "a savepoint needs a transaction");
	return store__exec(s, "SAVEPOINT part", diag, "starting a savepoint");
}

enum psirt_err psirt_store_savepoint_release(struct psirt_store *s, struct psirt_diag *diag)
{
	return store__exec(s, "RELEASE part", diag, "ending a savepoint");
}

void psirt_store_savepoint_rollback(struct psirt_store *s)
{
	size_t i;

	/* as in psirt_store_rollback: no statement may stay busy */
	for (i = 0; i < STMT__MAX; i++) {
		if (s->stmts[i])
			sqlite3_reset(s->stmts[i]);
	}
	sqlite3_exec(s->db, "ROLLBACK TO part; RELEASE part", NULL, NULL, NULL);
}
