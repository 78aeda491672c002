/* str.h - string slices: a pointer and a length into text owned by someone else
 * (usually the request text in the request arena). Not NUL-terminated. */
#ifndef RELATA_BASE_STR_H
#define RELATA_BASE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct Str {
    const char *ptr;
    size_t len;
} Str;

#define STR_LIT(s) ((Str){(s), sizeof(s) - 1})
#define STR_NULL ((Str){NULL, 0})
#define STR_FMT(s) (int)(s).len, (s).ptr /* printf("%.*s", STR_FMT(s)) */

static inline Str str_from(const char *z) { return (Str){z, z ? strlen(z) : 0}; }
static inline bool str_eq(Str a, Str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}
static inline bool str_eqz(Str a, const char *z)
{
    size_t n = strlen(z);
    return a.len == n && memcmp(a.ptr, z, n) == 0;
}
static inline bool str_empty(Str a) { return a.len == 0; }

/* FNV-1a; used by map.c and the plan cache. */
static inline unsigned long str_hash(const char *p, size_t n)
{
    unsigned long h = 1469598103934665603UL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211UL;
    }
    return h;
}

#endif
