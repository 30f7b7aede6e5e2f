/* Arena allocator (see include/psirt/arena.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "psirt/arena.h"

#define ARENA_ALIGN 16
#define ARENA_DEFAULT_BLOCK ((size_t)64 << 10)

struct psirt_arena_block {
	struct psirt_arena_block *prev;
	size_t size; /* usable bytes in data */
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

void psirt_arena_init(struct psirt_arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : ARENA_DEFAULT_BLOCK;
	a->total = 0;
}

void psirt_arena_release(struct psirt_arena *a)
{
	struct psirt_arena_block *b = a->head, *prev;

	while (b) {
		prev = b->prev;
		free(b);
		b = prev;
	}
	psirt_arena_init(a, a->block_size);
}

void *psirt_arena_alloc(struct psirt_arena *a, size_t size)
{
	struct psirt_arena_block *b = a->head, *nb;
	size_t rounded, bsize;
	void *p;

	if (size > SIZE_MAX / 2)
		return NULL;
	rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (!rounded)
		rounded = ARENA_ALIGN;
	if (!b || b->size - b->used < rounded) {
		/* A request larger than a quarter block gets a block of its own,
		 * linked behind the current one so the current one keeps filling. */
		bsize = rounded > a->block_size / 4 ? rounded : a->block_size;
		nb = malloc(sizeof *nb + bsize);
		if (!nb)
			return NULL;
		nb->size = bsize;
		nb->used = 0;
		if (b && bsize != a->block_size) {
			nb->prev = b->prev;
			b->prev = nb;
		} else {
			nb->prev = b;
			a->head = nb;
		}
		b = nb;
	}
	p = b->data + b->used;
	b->used += rounded;
	a->total += size;
	return p;
}

void *psirt_arena_calloc(struct psirt_arena *a, size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		return NULL;
	p = psirt_arena_alloc(a, nmemb * size);
	if (p)
		memset(p, 0, nmemb * size);
	return p;
}

char *psirt_arena_strndup(struct psirt_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = psirt_arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *psirt_arena_strdup(struct psirt_arena *a, const char *s)
{
	return psirt_arena_strndup(a, s, strlen(s));
}
