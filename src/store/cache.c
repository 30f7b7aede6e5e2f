/* Per-connection caches of the store (src/store/internal.h): statements
 * whose text is built at run time, and counts kept until the store changes
 * — for the server, which asks the same questions of a big store many times
 * a second. */
#include <stdlib.h>

#include "store/internal.h"

struct store__total {
	unsigned long long serial[2];
	unsigned long long value;
};

static void drop_texts(struct psirt_store *s)
{
	void *st;

	for (size_t i = 0; psirt_map_next(&s->cached_text, &i, NULL, NULL, &st);)
		sqlite3_finalize(st);
	psirt_map_release(&s->cached_text);
	psirt_map_init(&s->cached_text);
}

static void drop_totals(struct psirt_store *s)
{
	void *t;

	for (size_t i = 0; psirt_map_next(&s->totals, &i, NULL, NULL, &t);)
		free(t);
	psirt_map_release(&s->totals);
	psirt_map_init(&s->totals);
}

void store__caches_release(struct psirt_store *s)
{
	drop_texts(s);
	drop_totals(s);
	store__text_ids_forget(s);
}

sqlite3_stmt *store__cached_text(struct psirt_store *s, const char *sql, size_t len,
                                 struct psirt_diag *diag)
{
	sqlite3_stmt *st = psirt_map_get(&s->cached_text, sql, len);

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (s->cached_text.count >= STORE_MAX_CACHED_TEXT)
		drop_texts(s);
	if (len > (size_t)1 << 20 ||
	    sqlite3_prepare_v3(s->db, sql, (int)len, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
	            SQLITE_OK) {
		store__fail(s, diag, "preparing a statement");
		return NULL;
	}
	if (psirt_map_put(&s->cached_text, sql, len, st, NULL)) {
		sqlite3_finalize(st);
		psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	return st;
}

enum psirt_err store__serial(struct psirt_store *s, unsigned long long serial[2],
                             struct psirt_diag *diag)
{
	/* data_version: "different if changes were committed to the database by
	 * any other connection in the interim" (sqlite.org/pragma.html) — so
	 * this connection's own changes are counted apart */
	static const char sql[] = "PRAGMA data_version";
	enum psirt_err err = store__int(s, store__cached(s, sql, diag), &serial[0], diag,
	                                "reading the store's data version");

	if (err)
		return err;
	serial[1] = (unsigned long long)sqlite3_total_changes64(s->db);
	return PSIRT_OK;
}

int store__total_get(struct psirt_store *s, const char *key, size_t len,
                     const unsigned long long serial[2], unsigned long long *value)
{
	const struct store__total *t = psirt_map_get(&s->totals, key, len);

	if (!t || t->serial[0] != serial[0] || t->serial[1] != serial[1])
		return -1;
	*value = t->value;
	return 0;
}

void store__total_put(struct psirt_store *s, const char *key, size_t len,
                      const unsigned long long serial[2], unsigned long long value)
{
	struct store__total *t = psirt_map_get(&s->totals, key, len);

	if (!t) {
		if (s->totals.count >= STORE_MAX_TOTALS)
			drop_totals(s);
		t = malloc(sizeof *t);
		if (!t)
			return;
		if (psirt_map_put(&s->totals, key, len, t, NULL)) {
			free(t);
			return;
		}
	}
	t->serial[0] = serial[0];
	t->serial[1] = serial[1];
	t->value = value;
}

enum psirt_err psirt_store_data_version(struct psirt_store *s, unsigned long long *out,
                                        struct psirt_diag *diag)
{
	unsigned long long serial[2];
	enum psirt_err err = store__serial(s, serial, diag);

	*out = err ? 0 : serial[0];
	return err;
}
