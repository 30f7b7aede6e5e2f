/* psirt — hash map from byte-string keys to pointers.
 *
 * Open addressing with linear probing, power-of-two capacity, load ≤ 0.7.
 * Keys are copied into map-owned memory; values are borrowed pointers that
 * the map never frees. FNV-1a would do for short keys; we use a 64-bit
 * multiply-rotate hash that is a little faster on long purls and CPEs.
 */
#ifndef PSIRT_MAP_H
#define PSIRT_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "psirt/error.h"

struct psirt_map_slot;

struct psirt_map {
	struct psirt_map_slot *slots;
	size_t cap;   /* slots allocated (0 or a power of two) */
	size_t count; /* keys present */
};

#define PSIRT_MAP_INIT { NULL, 0, 0 }

void psirt_map_init(struct psirt_map *m);
/* Frees the slots and the key copies (not the values). */
void psirt_map_release(struct psirt_map *m);

/* Sets key → value, replacing an existing value. If old is not NULL it
 * receives the replaced value or NULL. Returns PSIRT_OK or PSIRT_ENOMEM (the
 * map is unchanged then). */
enum psirt_err psirt_map_put(struct psirt_map *m, const char *key, size_t len,
                             void *value, void **old);
/* Returns the value for key, or NULL when absent (a stored NULL value is
 * indistinguishable from absence; use psirt_map_has for that). */
void *psirt_map_get(const struct psirt_map *m, const char *key, size_t len);
int psirt_map_has(const struct psirt_map *m, const char *key, size_t len);
/* Removes key; returns its value or NULL when absent. */
void *psirt_map_del(struct psirt_map *m, const char *key, size_t len);

/* Iteration in slot order: start with *pos = 0; returns 0 at the end.
 * The map must not change during iteration. key and value may be NULL. */
int psirt_map_next(const struct psirt_map *m, size_t *pos, const char **key,
                   size_t *len, void **value);

uint64_t psirt_hash(const void *data, size_t len);

#endif
