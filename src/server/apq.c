/* apq.c - automatic persisted queries, Apollo's protocol: a client may send
 * `extensions.persistedQuery = {version: 1, sha256Hash}` instead of the query text.
 * An unknown hash is answered with the request error `PersistedQueryNotFound`
 * (extensions.code PERSISTED_QUERY_NOT_FOUND); the client then retries with the text
 * and the hash, which is verified and remembered for every later client.
 *
 * The cache is shared by the pool threads (one lock; lookups copy the text into the
 * request arena so nothing is borrowed across the lock). It lives in its own arena and
 * is bounded: when the stored texts pass APQ_MAX_BYTES the cache starts over, and
 * clients simply register their queries again. */
#include <ctype.h>
#include <string.h>

#include "base/sha256.h"
#include "server/internal.h"

#define APQ_MAX_BYTES (8u * 1024 * 1024)

void apq_init(ApqCache *c)
{
    pthread_mutex_init(&c->lock, NULL);
    arena_init(&c->arena, 64 * 1024);
    map_init(&c->map, &c->arena, 64);
}

void apq_fini(ApqCache *c)
{
    arena_fini(&c->arena);
    pthread_mutex_destroy(&c->lock);
}

static void fail(BodyItem *it, const char *message, const char *ext_code)
{
    it->error = message;
    it->error_ext_code = ext_code;
}

/* Normalises a client's hash to 64 lower-case hex digits in `out`; false when it is
 * not one. */
static bool hash_normal(Str h, char out[65])
{
    if (h.len != 64) return false;
    for (size_t i = 0; i < 64; i++) {
        if (!isxdigit((unsigned char)h.ptr[i])) return false;
        out[i] = (char)tolower((unsigned char)h.ptr[i]);
    }
    out[64] = 0;
    return true;
}

void apq_resolve(ApqCache *c, Arena *a, BodyItem *it)
{
    if (!it->apq || it->error) return;
    if (it->apq_version != 1) {
        fail(it, "Unsupported persisted query version", NULL);
        return;
    }
    char want[65];
    bool well_formed = hash_normal(it->apq_hash, want);
    if (it->req.query.len == 0) {
        Str *found = NULL;
        if (well_formed) {
            pthread_mutex_lock(&c->lock);
            Str *q = map_get(&c->map, want, 64);
            if (q) {
                found = ARENA_NEW(a, Str);
                *found = (Str){arena_memdup(a, q->ptr, q->len), q->len};
            }
            pthread_mutex_unlock(&c->lock);
        }
        if (!found) {
            fail(it, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND");
            return;
        }
        it->req.query = *found;
        return;
    }
    char have[65];
    sha256_hex(it->req.query.ptr, it->req.query.len, have);
    if (!well_formed || memcmp(have, want, 64) != 0) {
        fail(it, "provided sha does not match query", NULL);
        return;
    }
    pthread_mutex_lock(&c->lock);
    if (!map_get(&c->map, have, 64)) {
        if (c->arena.total + it->req.query.len > APQ_MAX_BYTES) {
            arena_reset(&c->arena);
            map_init(&c->map, &c->arena, 64);
        }
        Str *q = ARENA_NEW(&c->arena, Str);
        *q = (Str){arena_memdup(&c->arena, it->req.query.ptr, it->req.query.len),
                   it->req.query.len};
        map_put(&c->map, arena_memdup(&c->arena, have, 64), 64, q);
    }
    pthread_mutex_unlock(&c->lock);
}
