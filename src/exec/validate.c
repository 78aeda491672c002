/* validate.c - gql_validate(): sets up the validation context, runs the document-level
 * rules and the walk of each definition (validate_walk.c), and collects the errors with
 * graphql-js's error limit and work meters. Also the validator's pointer-keyed map. */
#include "exec/validate.h"

#include <stdarg.h>
#include <string.h>

#include "exec/validate_internal.h"

/* ---- pointer-keyed map (caches keyed by AST node) ---- */

static uint32_t ptr_hash(const void *p)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= 0xed5ad4bbU;
    x ^= x >> 11;
    return (uint32_t)x;
}

void *ptrmap_get(const PtrMap *m, const void *key)
{
    if (!m->n) return NULL;
    uint32_t mask = m->cap - 1;
    for (uint32_t i = ptr_hash(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i]) return NULL;
        if (m->keys[i] == key) return m->vals[i];
    }
}

static void ptrmap_insert(PtrMap *m, const void *key, void *val)
{
    uint32_t mask = m->cap - 1;
    for (uint32_t i = ptr_hash(key) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i] || m->keys[i] == key) {
            if (!m->keys[i]) m->n++;
            m->keys[i] = key;
            m->vals[i] = val;
            return;
        }
    }
}

void ptrmap_put(Arena *a, PtrMap *m, const void *key, void *val)
{
    if ((m->n + 1) * 2 > m->cap) {
        PtrMap old = *m;
        m->cap = old.cap ? old.cap * 2 : 16;
        m->n = 0;
        m->keys = ARENA_ARRAY(a, const void *, m->cap);
        m->vals = ARENA_ARRAY(a, void *, m->cap);
        for (uint32_t i = 0; i < old.cap; i++)
            if (old.keys[i]) ptrmap_insert(m, old.keys[i], old.vals[i]);
    }
    ptrmap_insert(m, key, val);
}

#define DEFAULT_MAX_ERRORS 100
#define OVERLAP_BUDGET 500000 /* graphql-js 16.15 MAX_COMPLEXITY_BUDGET */
#define FRAGMENT_WORK 50000   /* graphql-js 16.15 ValidationContext fragment work */

void v_error(VCtx *c, const char *msg, const GqlLoc *locs, uint32_t n)
{
    if (c->aborted) return;
    if (c->n_errors == c->cap_errors) {
        uint32_t cap = c->cap_errors ? c->cap_errors * 2 : 8;
        ValidationError *e = ARENA_ARRAY(c->a, ValidationError, cap);
        if (c->n_errors) memcpy(e, c->errors, c->n_errors * sizeof *e);
        c->errors = e;
        c->cap_errors = cap;
    }
    ValidationError *e = &c->errors[c->n_errors++];
    if (c->n_errors > c->max_errors) {
        /* graphql-js: once max_errors are recorded, the next one is replaced by this
         * notice (without locations) and validation stops. */
        e->message = "Too many validation errors, error limit reached. Validation aborted.";
        e->locations = NULL;
        e->n_locations = 0;
        c->aborted = true;
        return;
    }
    e->message = msg;
    e->locations = n ? arena_memdup(c->a, locs, n * sizeof *locs) : NULL;
    e->n_locations = n;
}

void v_abort(VCtx *c)
{
    if (c->aborted) return;
    if (c->n_errors == c->cap_errors) {
        uint32_t cap = c->cap_errors ? c->cap_errors * 2 : 8;
        ValidationError *e = ARENA_ARRAY(c->a, ValidationError, cap);
        if (c->n_errors) memcpy(e, c->errors, c->n_errors * sizeof *e);
        c->errors = e;
        c->cap_errors = cap;
    }
    c->errors[c->n_errors++] = (ValidationError){"Validation aborted.", NULL, 0};
    c->aborted = true;
}

bool v_spend_fragment_work(VCtx *c, long cost)
{
    if (c->aborted) return false;
    c->fragment_work -= cost;
    if (c->fragment_work < 0) {
        v_abort(c);
        return false;
    }
    return true;
}

void v_errorf(VCtx *c, GqlLoc loc, const char *fmt, ...)
{
    if (c->aborted) return;
    Buf b;
    buf_init(&b, c->a, 96);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    v_error(c, b.data, &loc, 1);
}

static bool executable(const GqlDefinition *d)
{
    return d->kind == GQL_DEF_OPERATION || d->kind == GQL_DEF_FRAGMENT;
}

bool gql_validate(const Schema *schema, const GqlDocument *doc, const ValidateOptions *opts,
                  Arena *a, ValidationResult *out)
{
    VCtx c = {0};
    c.schema = schema;
    c.doc = doc;
    c.a = a;
    c.max_errors = opts && opts->max_errors ? opts->max_errors : DEFAULT_MAX_ERRORS;
    c.max_depth = opts ? opts->max_depth : 0;
    c.overlap_budget = OVERLAP_BUDGET;
    c.fragment_work = FRAGMENT_WORK;
    map_init(&c.fragments, a, doc->n_defs);
    map_init(&c.compared_pairs, a, 8);
    map_init(&c.operation_names, a, 8);
    map_init(&c.fragment_names, a, 8);
    for (uint32_t i = 0; i < doc->n_defs; i++) {
        const GqlDefinition *d = &doc->defs[i];
        if (d->kind == GQL_DEF_FRAGMENT) map_put(&c.fragments, d->name.ptr, d->name.len, (void *)d);
        if (d->kind == GQL_DEF_OPERATION) c.n_operations++;
    }
    vt_init_meta(&c);

    /* R1 ExecutableDefinitions (on entering the document). Type-system definitions are
     * reported and not walked further. */
    for (uint32_t i = 0; i < doc->n_defs; i++) {
        const GqlDefinition *d = &doc->defs[i];
        if (executable(d)) continue;
        if (d->kind == GQL_DEF_SCHEMA)
            v_errorf(&c, d->loc, "The schema definition is not executable.");
        else
            v_errorf(&c, d->loc, "The \"%.*s\" definition is not executable.", STR_FMT(d->name));
    }
    for (uint32_t i = 0; i < doc->n_defs && !c.aborted; i++)
        if (executable(&doc->defs[i])) vw_definition(&c, &doc->defs[i], NULL);
    if (!c.aborted) vf_no_unused_fragments(&c); /* R12, on leaving the document */

    out->errors = c.errors;
    out->n_errors = c.n_errors;
    return c.n_errors == 0;
}
