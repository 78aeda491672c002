/* map.h - open-addressing hash map from byte strings to pointers, allocated in an arena.
 *
 * Used for name lookups built once (schema types, fields, model names) and per request
 * (fragments, variables). Keys are borrowed: the map stores the pointer and length the
 * caller gives, so keys must outlive the map. */
#ifndef RELATA_BASE_MAP_H
#define RELATA_BASE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"

typedef struct MapSlot {
    const char *key;
    size_t klen;
    unsigned long hash;
    void *value;
} MapSlot;

typedef struct Map {
    Arena *arena;
    MapSlot *slots;
    uint32_t cap, n; /* cap is a power of two */
} Map;

void map_init(Map *m, Arena *a, uint32_t expected);
/* Inserts or replaces. Returns the previous value or NULL. */
void *map_put(Map *m, const char *key, size_t klen, void *value);
void *map_get(const Map *m, const char *key, size_t klen);
static inline void *map_gets(const Map *m, Str s) { return map_get(m, s.ptr, s.len); }
static inline void *map_getz(const Map *m, const char *z) { return map_get(m, z, strlen(z)); }

#endif
