/* The store's reading helpers shared by its files (store/internal.h). */
#include <string.h>

#include "store/internal.h"

const char *store__col(sqlite3_stmt *st, int i, struct psirt_arena *a, enum psirt_err *err,
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

const char *store__rd_col(struct store__rd *r, sqlite3_stmt *st, int i)
{
	return store__col(st, i, r->arena, &r->err, r->diag);
}

void *store__grow(struct psirt_arena *a, void *arr, size_t n, size_t *cap, size_t size,
                  enum psirt_err *err, struct psirt_diag *diag)
{
	void *p;

	if (*err)
		return NULL;
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 8;
	p = psirt_arena_calloc(a, *cap, size);
	if (!p) {
		*err = psirt_diag_set(diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	if (n)
		memcpy(p, arr, n * size);
	return p;
}

void *store__rd_grow(struct store__rd *r, void *arr, size_t n, size_t *cap, size_t size)
{
	return store__grow(r->arena, arr, n, cap, size, &r->err, r->diag);
}

enum psirt_err store__int(struct psirt_store *s, sqlite3_stmt *st, unsigned long long *v,
                          struct psirt_diag *diag, const char *doing)
{
	int rc;

	*v = 0;
	if (!st)
		return PSIRT_ESTORE;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = (unsigned long long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PSIRT_OK : store__fail(s, diag, doing);
}

int store__rd_row(struct store__rd *r, sqlite3_stmt *st, const char *doing)
{
	int rc;

	if (r->err || !st)
		return 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		r->err = store__fail(r->s, r->diag, doing);
	return 0;
}
