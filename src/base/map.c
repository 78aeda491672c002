/* map.c - open-addressing hash map, see map.h. */
#include "base/map.h"

#include <string.h>

void map_init(Map *m, Arena *a, uint32_t expected)
{
    uint32_t cap = 8;
    while (cap < expected * 2) cap *= 2;
    m->arena = a;
    m->cap = cap;
    m->n = 0;
    m->slots = ARENA_ARRAY(a, MapSlot, cap);
}

static MapSlot *find(const Map *m, const char *key, size_t klen, unsigned long h)
{
    uint32_t mask = m->cap - 1;
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        MapSlot *s = &m->slots[i];
        if (!s->key) return s;
        if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0) return s;
    }
}

static void grow(Map *m)
{
    MapSlot *old = m->slots;
    uint32_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = ARENA_ARRAY(m->arena, MapSlot, m->cap);
    for (uint32_t i = 0; i < oldcap; i++) {
        if (!old[i].key) continue;
        *find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
    }
}

void *map_put(Map *m, const char *key, size_t klen, void *value)
{
    if (!m->slots) map_init(m, m->arena, 8);
    if ((m->n + 1) * 4 > m->cap * 3) grow(m);
    unsigned long h = str_hash(key, klen);
    MapSlot *s = find(m, key, klen, h);
    if (s->key) {
        void *prev = s->value;
        s->value = value;
        return prev;
    }
    s->key = key ? key : "";
    s->klen = klen;
    s->hash = h;
    s->value = value;
    m->n++;
    return NULL;
}

void *map_get(const Map *m, const char *key, size_t klen)
{
    if (!m->slots || m->n == 0) return NULL;
    MapSlot *s = find(m, key ? key : "", klen, str_hash(key, klen));
    return s->key ? s->value : NULL;
}
