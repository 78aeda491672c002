/* arena.c - region allocator, see arena.h. */
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
};

struct ArenaDefer {
    ArenaDefer *next;
    void (*fn)(void *);
    void *arg;
};

static void oom(size_t n)
{
    fprintf(stderr, "relata: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) oom(n * sz);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

void arena_init(Arena *a, size_t block_size)
{
    a->head = NULL;
    a->defers = NULL;
    a->block_size = block_size ? block_size : 16384;
    a->total = 0;
}

static void run_defers(Arena *a)
{
    while (a->defers) {
        ArenaDefer *d = a->defers;
        a->defers = d->next;
        d->fn(d->arg);
    }
}

void arena_fini(Arena *a)
{
    run_defers(a);
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
    a->total = 0;
}

void arena_reset(Arena *a)
{
    run_defers(a);
    /* Keep the largest-so-far block (the oldest is usually the default size; keep the
     * head, which is the newest and therefore at least as big as any recent need). */
    ArenaBlock *keep = a->head;
    if (!keep) return;
    ArenaBlock *b = keep->next;
    while (b) {
        ArenaBlock *n = b->next;
        free(b);
        b = n;
    }
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
    a->total = keep->size;
}

void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    ArenaBlock *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t sz = a->block_size;
        if (n > sz / 4) {
            /* Large request: give it a block of its own, placed behind the current
             * head so the head's free space is not wasted. */
            ArenaBlock *big = xmalloc(sizeof(ArenaBlock) + n);
            big->size = n;
            big->used = n;
            a->total += n;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                big->next = NULL;
                a->head = big;
            }
            return big->data;
        }
        ArenaBlock *nb = xmalloc(sizeof(ArenaBlock) + sz);
        nb->size = sz;
        nb->used = 0;
        nb->next = b;
        a->head = nb;
        a->total += sz;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void *arena_zalloc(Arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(Arena *a, const void *p, size_t n)
{
    void *q = arena_alloc(a, n);
    if (n) memcpy(q, p, n);
    return q;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    if ((size_t)n < sizeof tmp) {
        memcpy(p, tmp, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return p;
}

void arena_defer(Arena *a, void (*fn)(void *), void *arg)
{
    ArenaDefer *d = arena_alloc(a, sizeof *d);
    d->fn = fn;
    d->arg = arg;
    d->next = a->defers;
    a->defers = d;
}

void ptrvec_push(Arena *a, PtrVec *v, void *p)
{
    if (v->n == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 8;
        void **items = arena_alloc(a, sizeof(void *) * cap);
        if (v->n) memcpy(items, v->items, sizeof(void *) * v->n);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = p;
}
