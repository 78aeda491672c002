/* arena.h - region allocator: the one allocation funnel for request, connection and
 * process lifetimes.
 *
 * An Arena hands out memory by bumping a pointer inside large blocks. Nothing allocated
 * from it is freed individually; arena_reset() drops everything at once (keeping the
 * first block for reuse) and arena_fini() returns all memory. Non-memory resources can
 * be tied to an arena with arena_defer(): the callback runs at reset/fini, newest first.
 * Out of memory aborts with a message (see xmalloc); user input is kept far from that
 * by the limits on body size, depth and token count. */
#ifndef RELATA_BASE_ARENA_H
#define RELATA_BASE_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct ArenaDefer ArenaDefer;

typedef struct Arena {
    ArenaBlock *head;      /* current block (newest first list) */
    ArenaDefer *defers;    /* cleanups to run at reset, newest first */
    size_t block_size;     /* default size of a new block */
    size_t total;          /* bytes held in blocks (for stats) */
} Arena;

/* Initialises caller-owned storage; allocates nothing until first use. */
void arena_init(Arena *a, size_t block_size);
/* Runs the deferred cleanups and frees every block. */
void arena_fini(Arena *a);
/* Runs the deferred cleanups and forgets every allocation, keeping one block. */
void arena_reset(Arena *a);

/* Returns `n` bytes aligned to 16, uninitialised. Never NULL. */
void *arena_alloc(Arena *a, size_t n);
/* Like arena_alloc, zero-filled. */
void *arena_zalloc(Arena *a, size_t n);
/* Copies `n` bytes of `s` and appends a NUL. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copies an array of n elements of size sz. */
void *arena_memdup(Arena *a, const void *p, size_t n);
/* Registers fn(arg) to run at reset/fini. */
void arena_defer(Arena *a, void (*fn)(void *), void *arg);

#define ARENA_NEW(a, T) ((T *)arena_zalloc((a), sizeof(T)))
#define ARENA_ARRAY(a, T, n) ((T *)arena_zalloc((a), sizeof(T) * (size_t)(n)))

/* Heap funnel for the few process-lifetime objects outside arenas: aborts on OOM. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Growable array of pointers in an arena, used by parsers to collect children before
 * copying them into an exact-size array. */
typedef struct PtrVec {
    void **items;
    uint32_t n, cap;
} PtrVec;
void ptrvec_push(Arena *a, PtrVec *v, void *p);

#endif
