/* psirt — arena allocator: many small allocations, one release.
 *
 * One arena per unit of work (an imported file, an HTTP request, a parse
 * tree), dropped when the work is done (git's mem_pool). Allocations are
 * 16-byte aligned and cannot be freed one by one.
 */
#ifndef PSIRT_ARENA_H
#define PSIRT_ARENA_H

#include <stddef.h>

struct psirt_arena_block;

struct psirt_arena {
	struct psirt_arena_block *head; /* current block, linked to older ones */
	size_t block_size;              /* size of ordinary blocks */
	size_t total;                   /* bytes handed out, for statistics */
};

/* block_size 0 means 64 KiB. */
void psirt_arena_init(struct psirt_arena *a, size_t block_size);
/* Frees every block; the arena is re-initialised and may be used again. */
void psirt_arena_release(struct psirt_arena *a);

/* Returns arena-owned memory of size bytes (uninitialised), or NULL when out
 * of memory or size is absurd. size 0 returns a valid unique pointer. */
void *psirt_arena_alloc(struct psirt_arena *a, size_t size);
/* As psirt_arena_alloc, zero-filled; nmemb*size overflow returns NULL. */
void *psirt_arena_calloc(struct psirt_arena *a, size_t nmemb, size_t size);
/* Copies len bytes of s and a NUL into the arena; NULL when out of memory. */
char *psirt_arena_strndup(struct psirt_arena *a, const char *s, size_t len);
char *psirt_arena_strdup(struct psirt_arena *a, const char *s);

#endif
