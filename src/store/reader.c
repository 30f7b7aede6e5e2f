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

void *store__rd_grow(struct store__rd *r, void *arr, size_t n, size_t *cap, size_t size)
{
	void *p;

	if (r->err)
		return NULL;
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 8;
	p = psirt_arena_calloc(r->arena, *cap, size);
	if (!p) {
		r->err = psirt_diag_set(r->diag, PSIRT_ENOMEM, "out of memory");
		return NULL;
	}
	if (n)
		memcpy(p, arr, n * size);
	return p;
}
