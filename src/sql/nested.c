/* nested.c - the compiler's records of nested fields that need the post-pass of
 * store/nested.c: fields whose own arguments are in error (compiled as NULL) and
 * required to-one fields (compiled to yield a marker when no node matches). */
#include "sql/internal.h"

static bool same_path(const SqlNested *r, const PathSeg *path, uint32_t n)
{
    if (r->path_len != n) return false;
    for (uint32_t i = 0; i < n; i++) {
        if (!r->path[i].key.ptr != !path[i].key.ptr) return false;
        if (path[i].key.ptr && !str_eq(r->path[i].key, path[i].key)) return false;
    }
    return true;
}

void cx_nested(Cx *cx, const PlanField *pf, const PathNode *path, int code, const char *message,
               GqlLoc loc)
{
    SqlPlan *p = cx->plan;
    uint32_t n = 0;
    for (const PathNode *k = path; k; k = k->up)
        n++;
    PathSeg *segs = ARENA_ARRAY(p->a, PathSeg, n + 1);
    bool *nn = ARENA_ARRAY(p->a, bool, n + 1);
    uint32_t i = n;
    for (const PathNode *k = path; k; k = k->up) {
        --i;
        segs[i] = (PathSeg){k->key, k->index};
        nn[i] = k->non_null;
    }
    /* One record per field and path, however often its SQL is written. */
    for (uint32_t k = 0; k < p->n_nested; k++)
        if (p->nested[k].pf == pf && p->nested[k].code == code && same_path(&p->nested[k], segs, n))
            return;
    if (p->n_nested == p->nested_cap) {
        uint32_t cap = p->nested_cap ? p->nested_cap * 2 : 4;
        SqlNested *nr = ARENA_ARRAY(p->a, SqlNested, cap);
        if (p->n_nested) memcpy(nr, p->nested, sizeof *nr * p->n_nested);
        p->nested = nr;
        p->nested_cap = cap;
    }
    p->nested[p->n_nested++] = (SqlNested){.pf = pf,
                                           .code = code,
                                           .message = message,
                                           .loc = loc,
                                           .path = segs,
                                           .non_null = nn,
                                           .path_len = n};
    if (code != SQL_NESTED_NON_NULL) p->nested_errors = true;
}
