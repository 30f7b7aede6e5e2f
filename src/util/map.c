/* Hash map (see include/psirt/map.h). */
#include <stdlib.h>
#include <string.h>

#include "psirt/map.h"

struct psirt_map_slot {
	char *key; /* owned copy, NUL-terminated; NULL = empty slot */
	size_t len;
	uint64_t hash;
	void *value;
};

uint64_t psirt_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
	uint64_t w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ (w * 0xc2b2ae3d27d4eb4full)) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	w = 0;
	if (len)
		memcpy(&w, p, len);
	h = (h ^ (w * 0xc2b2ae3d27d4eb4full)) * 0x9e3779b97f4a7c15ull;
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ull;
	h ^= h >> 32;
	return h;
}

void psirt_map_init(struct psirt_map *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
}

void psirt_map_release(struct psirt_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	psirt_map_init(m);
}

static size_t find_slot(const struct psirt_map *m, const char *key, size_t len,
                        uint64_t hash)
{
	size_t mask = m->cap - 1, i = (size_t)hash & mask;

	for (;;) {
		const struct psirt_map_slot *s = &m->slots[i];
		if (!s->key)
			return i;
		if (s->hash == hash && s->len == len && !memcmp(s->key, key, len))
			return i;
		i = (i + 1) & mask;
	}
}

static enum psirt_err resize(struct psirt_map *m, size_t cap)
{
	struct psirt_map_slot *old = m->slots, *slots;
	size_t old_cap = m->cap, i;

	slots = calloc(cap, sizeof *slots);
	if (!slots)
		return PSIRT_ENOMEM;
	m->slots = slots;
	m->cap = cap;
	for (i = 0; i < old_cap; i++) {
		if (old[i].key)
			m->slots[find_slot(m, old[i].key, old[i].len, old[i].hash)] = old[i];
	}
	free(old);
	return PSIRT_OK;
}

enum psirt_err psirt_map_put(struct psirt_map *m, const char *key, size_t len,
                             void *value, void **old)
{
	uint64_t hash = psirt_hash(key, len);
	struct psirt_map_slot *s;
	char *copy;

	if (old)
		*old = NULL;
	if ((m->count + 1) * 10 > m->cap * 7) {
		if (m->cap > SIZE_MAX / 2 / sizeof *m->slots ||
		    resize(m, m->cap ? m->cap * 2 : 16))
			return PSIRT_ENOMEM;
	}
	s = &m->slots[find_slot(m, key, len, hash)];
	if (s->key) {
		if (old)
			*old = s->value;
		s->value = value;
		return PSIRT_OK;
	}
	copy = malloc(len + 1);
	if (!copy)
		return PSIRT_ENOMEM;
	if (len)
		memcpy(copy, key, len);
	copy[len] = '\0';
	s->key = copy;
	s->len = len;
	s->hash = hash;
	s->value = value;
	m->count++;
	return PSIRT_OK;
}

void *psirt_map_get(const struct psirt_map *m, const char *key, size_t len)
{
	const struct psirt_map_slot *s;

	if (!m->count)
		return NULL;
	s = &m->slots[find_slot(m, key, len, psirt_hash(key, len))];
	return s->key ? s->value : NULL;
}

int psirt_map_has(const struct psirt_map *m, const char *key, size_t len)
{
	if (!m->count)
		return 0;
	return m->slots[find_slot(m, key, len, psirt_hash(key, len))].key != NULL;
}

void *psirt_map_del(struct psirt_map *m, const char *key, size_t len)
{
	size_t mask, i, j, home;
	void *value;

	if (!m->count)
		return NULL;
	mask = m->cap - 1;
	i = find_slot(m, key, len, psirt_hash(key, len));
	if (!m->slots[i].key)
		return NULL;
	value = m->slots[i].value;
	free(m->slots[i].key);
	m->slots[i].key = NULL;
	m->count--;
	/* Backward-shift deletion keeps probe chains unbroken without tombstones. */
	j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (!m->slots[j].key)
			break;
		home = (size_t)m->slots[j].hash & mask;
		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->slots[i] = m->slots[j];
			m->slots[j].key = NULL;
			i = j;
		}
	}
	return value;
}

int psirt_map_next(const struct psirt_map *m, size_t *pos, const char **key,
                   size_t *len, void **value)
{
	while (*pos < m->cap) {
		const struct psirt_map_slot *s = &m->slots[(*pos)++];
		if (!s->key)
			continue;
		if (key)
			*key = s->key;
		if (len)
			*len = s->len;
		if (value)
			*value = s->value;
		return 1;
	}
	return 0;
}
