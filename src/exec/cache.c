/* cache.c - the plan cache: what a request's document yields before its variables are
 * looked at, kept per Worker and keyed by (query text, operation name).
 *
 * A hit skips parsing, validation and operation selection: the entry holds the
 * document (parsed from its own copy of the text), the selected operation and its
 * fragment map, or, when those steps failed, the finished request-error response
 * (those errors never depend on variables, and carry no request id). When the
 * operation declares no variables its whole plan is variable-independent too, so the
 * entry also keeps the collected plan and, per root query field, the compiled SQL
 * (store_compile_query): such a request goes straight to binding and stepping the
 * statements. Operations with variables redo variable coercion, field collection and
 * SQL compilation per request (the SQL text can depend on values, e.g. `_in` lengths).
 *
 * Per worker, not per process: a worker is one thread, so lookups, inserts and
 * evictions need no lock, and an entry is only ever used by the request its own thread
 * is running. The price is one copy of a hot query per thread (threads = cores, so two
 * copies on this machine, a few KB each).
 *
 * Memory: every entry owns an arena (the text, AST, plan and SQL). The cache is bounded
 * by entry count and by the bytes of all entry arenas; on a miss that would pass either
 * bound the least recently used entries are freed. Eviction happens only in
 * exec_plan_get(), at the start of a request, when no entry of this thread is in use
 * (a batch runs its items one after another, each finished before the next begins). An
 * entry larger than PLAN_ENTRY_MAX is not kept: it serves its own request and is freed
 * at the next lookup. */
#include <string.h>

#include "exec/internal.h"
#include "exec/validate.h"
#include "graphql/parser.h"

#define PLAN_BUCKETS 1024 /* power of two */
#define PLAN_ENTRY_BLOCK 4096

struct PlanCache {
    PlanEntry *buckets[PLAN_BUCKETS];
    uint32_t n;
    size_t bytes;
    unsigned long long clock; /* request counter: an entry's last use */
    PlanEntry *transient;     /* an entry too large to keep, freed at the next lookup */
    unsigned long long hits, misses;
};

PlanCache *plan_cache_new(void) { return xcalloc(1, sizeof(PlanCache)); }

static void entry_free(PlanEntry *e)
{
    arena_fini(&e->arena);
    free(e);
}

void plan_cache_free(PlanCache *c)
{
    if (!c) return;
    for (uint32_t i = 0; i < PLAN_BUCKETS; i++) {
        PlanEntry *e = c->buckets[i];
        while (e) {
            PlanEntry *next = e->next;
            entry_free(e);
            e = next;
        }
    }
    if (c->transient) entry_free(c->transient);
    free(c);
}

void plan_cache_stats(const PlanCache *c, unsigned long long *hits, unsigned long long *misses,
                      uint32_t *entries, size_t *bytes)
{
    if (bytes) *bytes = c->bytes;
    *hits = c->hits;
    *misses = c->misses;
    *entries = c->n;
}

static unsigned long key_hash(Str query, Str op)
{
    unsigned long h = str_hash(query.ptr ? query.ptr : "", query.len);
    /* the separator keeps ("ab", "") and ("a", "b") apart */
    h ^= 0xff;
    h *= 1099511628211UL;
    for (size_t i = 0; i < op.len; i++) {
        h ^= (unsigned char)op.ptr[i];
        h *= 1099511628211UL;
    }
    return h;
}

static void unlink_entry(PlanCache *c, PlanEntry *e)
{
    PlanEntry **pp = &c->buckets[e->hash & (PLAN_BUCKETS - 1)];
    while (*pp != e) pp = &(*pp)->next;
    *pp = e->next;
    c->n--;
    c->bytes -= e->bytes;
}

/* Frees the least recently used entry. O(entries), paid on misses only (a miss parses
 * and validates a document, which costs far more). */
static void evict_one(PlanCache *c)
{
    PlanEntry *lru = NULL;
    for (uint32_t i = 0; i < PLAN_BUCKETS; i++)
        for (PlanEntry *e = c->buckets[i]; e; e = e->next)
            if (!lru || e->last_used < lru->last_used) lru = e;
    if (!lru) return;
    unlink_entry(c, lru);
    entry_free(lru);
}

/* Parses, validates and selects the operation of `req` into a new entry. Validation's
 * working memory goes to `scratch` (the request arena): only what is kept goes to the
 * entry. */
static PlanEntry *build(const Engine *eng, const ExecRequest *req, unsigned long h,
                        Arena *scratch)
{
    PlanEntry *e = xcalloc(1, sizeof *e);
    arena_init(&e->arena, PLAN_ENTRY_BLOCK);
    Arena *a = &e->arena;
    e->hash = h;
    e->query = (Str){arena_strndup(a, req->query.ptr ? req->query.ptr : "", req->query.len),
                     req->query.len};
    e->op_name = (Str){arena_strndup(a, req->operation_name.ptr ? req->operation_name.ptr : "",
                                     req->operation_name.len),
                       req->operation_name.len};
    Buf err;
    buf_init(&err, a, 256);

    GqlParseOptions po = {.max_depth = eng->opts.parser_max_depth};
    GqlParseError pe;
    GqlDocument *doc = gql_parse(a, e->query.ptr, e->query.len, &po, &pe);
    if (!doc) {
        ReqError *re = exec_req_error(scratch, arena_strdup(scratch, pe.message), pe.loc);
        exec_write_request_errors(&err, &re, 1);
        e->error = err.data;
        return e;
    }
    ValidateOptions vo = {.max_depth = eng->opts.max_depth};
    ValidationResult vr = {0};
    if (!gql_validate(eng->schema, doc, &vo, scratch, &vr)) {
        ReqError **errs = ARENA_ARRAY(scratch, ReqError *, vr.n_errors ? vr.n_errors : 1);
        for (uint32_t i = 0; i < vr.n_errors; i++) {
            errs[i] = ARENA_NEW(scratch, ReqError);
            errs[i]->message = vr.errors[i].message;
            errs[i]->locations = vr.errors[i].locations;
            errs[i]->n_locations = vr.errors[i].n_locations;
        }
        exec_write_request_errors(&err, errs, vr.n_errors);
        e->error = err.data;
        return e;
    }
    const char *msg = NULL;
    const GqlDefinition *op = exec_select_operation(scratch, doc, e->op_name, &msg);
    if (!op) {
        ReqError *re = exec_req_error(scratch, msg, (GqlLoc){0, 0});
        exec_write_request_errors(&err, &re, 1);
        e->error = err.data;
        return e;
    }
    e->doc = doc;
    e->op = op;
    map_init(&e->fragments, a, 8);
    for (uint32_t i = 0; i < doc->n_defs; i++)
        if (doc->defs[i].kind == GQL_DEF_FRAGMENT)
            map_put(&e->fragments, doc->defs[i].name.ptr, doc->defs[i].name.len, &doc->defs[i]);

    /* Without variable definitions nothing in the plan can depend on the request
     * (validation rejects a variable that is not defined): collect it once. Operations
     * that execute() refuses per request (subscriptions, a mutation the schema lacks)
     * get no plan. */
    const Schema *s = eng->schema;
    const SType *root = op->op == GQL_OP_QUERY      ? s->query
                        : op->op == GQL_OP_MUTATION ? s->mutation
                                                    : NULL;
    if (op->n_var_defs == 0 && root) {
        ExecCtx *x = ARENA_NEW(a, ExecCtx);
        x->a = a;
        x->schema = s;
        x->doc = doc;
        x->op = op;
        x->fragments = e->fragments;
        map_init(&x->vars, a, 1);
        buf_init(&x->errors, a, 16);
        e->plan = exec_collect_root(x, root, op->selection_set);
        e->root_errors = x->root_errors;
    }
    return e;
}

PlanEntry *exec_plan_get(PlanCache *c, const Engine *eng, const ExecRequest *req,
                         Arena *scratch)
{
    if (c->transient) {
        entry_free(c->transient);
        c->transient = NULL;
    }
    c->clock++;
    unsigned long h = key_hash(req->query, req->operation_name);
    PlanEntry **bucket = &c->buckets[h & (PLAN_BUCKETS - 1)];
    for (PlanEntry *e = *bucket; e; e = e->next) {
        if (e->hash == h && e->query.len == req->query.len &&
            e->op_name.len == req->operation_name.len &&
            (!e->query.len || memcmp(e->query.ptr, req->query.ptr, e->query.len) == 0) &&
            (!e->op_name.len ||
             memcmp(e->op_name.ptr, req->operation_name.ptr, e->op_name.len) == 0)) {
            e->last_used = c->clock;
            c->hits++;
            return e;
        }
    }
    c->misses++;
    PlanEntry *e = build(eng, req, h, scratch);
    e->last_used = c->clock;
    e->bytes = e->arena.total + sizeof *e;
    if (e->bytes > PLAN_ENTRY_MAX) {
        c->transient = e;
        return e;
    }
    while (c->n && (c->n >= PLAN_MAX_ENTRIES || c->bytes + e->bytes > PLAN_MAX_BYTES))
        evict_one(c);
    bucket = &c->buckets[h & (PLAN_BUCKETS - 1)];
    e->next = *bucket;
    *bucket = e;
    c->n++;
    c->bytes += e->bytes;
    return e;
}

void exec_plan_prepare(PlanCache *c, PlanEntry *e, StoreConn *conn)
{
    if (e->prepared_done || !e->plan) return;
    e->prepared_done = true;
    e->prepared = ARENA_ARRAY(&e->arena, StoreCompiled *, e->plan->n ? e->plan->n : 1);
    for (uint32_t i = 0; i < e->plan->n; i++) {
        const PlanField *f = &e->plan->fields[i];
        if (e->root_errors && e->root_errors[i]) continue;
        if (f->is_typename || !f->field) continue;
        switch (f->field->role) {
        case FROLE_QUERY_ONE: /* its argument check runs first, per request */
        case FROLE_QUERY_ALL:
        case FROLE_QUERY_META:
        case FROLE_QUERY_NODE:
            break;
        default:
            continue; /* not an SQL read */
        }
        /* A field whose compilation fails is left to the uncached path, which reports
         * the error the same way every time. */
        FieldError err = {0};
        e->prepared[i] = store_compile_query(conn, &e->arena, f, &err);
    }
    /* the SQL grew the arena: account for it (a transient entry is not counted) */
    size_t now = e->arena.total + sizeof *e;
    if (e != c->transient) c->bytes = c->bytes - e->bytes + now;
    e->bytes = now;
}
