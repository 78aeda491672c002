/* stmts.c - the per-connection cache of prepared statements, keyed by SQL text.
 *
 * The query compiler produces the same text for the same query shape, so a workload of
 * repeated queries prepares each statement once. The cache is connection-lifetime heap
 * memory (it outlives every request arena). Callers hold the statements they got while
 * they step them, so entries are never dropped behind their back: the cache is only
 * emptied by stmt_cache_trim(), which the store calls at the start of a read or a
 * transaction, when no statement is in use. Statements that do not fit between trims
 * go on an overflow list finalised by the next trim. */
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "store/internal.h"

#define CACHE_SLOTS 1024 /* power of two */
#define TRIM_AT 256      /* trim empties a cache holding this many statements */

typedef struct Entry {
    char *sql;
    unsigned long hash;
    sqlite3_stmt *st;
} Entry;

typedef struct Overflow {
    struct Overflow *next;
    sqlite3_stmt *st;
} Overflow;

typedef struct Cache {
    Entry slots[CACHE_SLOTS];
    unsigned n;
    Overflow *overflow;
} Cache;

void *stmt_cache_new(void)
{
    return xcalloc(1, sizeof(Cache));
}

static Entry *find(Cache *c, const char *sql, unsigned long h)
{
    for (unsigned i = h & (CACHE_SLOTS - 1);; i = (i + 1) & (CACHE_SLOTS - 1)) {
        Entry *e = &c->slots[i];
        if (!e->sql || (e->hash == h && strcmp(e->sql, sql) == 0)) return e;
    }
}

sqlite3_stmt *stmt_cache_get(void *cache, const char *sql)
{
    Cache *c = cache;
    Entry *e = find(c, sql, str_hash(sql, strlen(sql)));
    return e->sql ? e->st : NULL;
}

static void clear(Cache *c)
{
    for (unsigned i = 0; i < CACHE_SLOTS; i++) {
        if (!c->slots[i].sql) continue;
        sqlite3_finalize(c->slots[i].st);
        free(c->slots[i].sql);
        c->slots[i] = (Entry){0};
    }
    c->n = 0;
    while (c->overflow) {
        Overflow *o = c->overflow;
        c->overflow = o->next;
        sqlite3_finalize(o->st);
        free(o);
    }
}

void stmt_cache_trim(void *cache)
{
    Cache *c = cache;
    if (c->n >= TRIM_AT || c->overflow) clear(c);
}

void stmt_cache_put(void *cache, const char *sql, sqlite3_stmt *st)
{
    Cache *c = cache;
    if (c->n >= CACHE_SLOTS / 2) {
        Overflow *o = xmalloc(sizeof *o);
        *o = (Overflow){c->overflow, st};
        c->overflow = o;
        return;
    }
    unsigned long h = str_hash(sql, strlen(sql));
    Entry *e = find(c, sql, h);
    if (e->sql) {
        sqlite3_finalize(e->st);
        e->st = st;
        return;
    }
    *e = (Entry){xstrdup(sql), h, st};
    c->n++;
}

void stmt_cache_free(void *cache)
{
    if (!cache) return;
    clear(cache);
    free(cache);
}
