/* edges.c - the SQL of mutations on the storage layout of store/store.h: node existence,
 * partners through a relation field, edge insert/delete and row delete. Statements are
 * prepared once per connection (store/stmt.h caches them by text); values are always
 * bound.
 *
 * A relation field f of node n stores n in column A when f is field A, else in column B.
 * A single-field self-relation is symmetric: one row per edge with A < B, and n may be in
 * either column. */
#include <stdio.h>
#include <string.h>

#include "mutate/internal.h"

static StoreStmt *prep(MutCtx *x, const char *sql)
{
    StoreStmt *st = store_stmt(x->c, sql);
    if (!st) mutate_internal(x, sql);
    return st;
}

static bool db_error(MutCtx *x, StoreStmt *st)
{
    store_stmt_done(st);
    return mutate_internal(x, store_errmsg(x->c));
}

bool mutate_step_write(MutCtx *x, StoreStmt *st)
{
    StoreStep rc = store_step(st);
    if (rc != STORE_ERROR) {
        store_stmt_done(st);
        return true;
    }
    if (store_errkind(x->c) == STORE_ERR_UNIQUE) {
        const char *model, *field;
        store_unique_where(x->c, &model, &field);
        store_stmt_done(st);
        return mutate_fail(x, 3010,
                           "A unique constraint would be violated on %s. Details: Field name = %s",
                           model, field);
    }
    return db_error(x, st);
}

int mutate_node_exists(MutCtx *x, const Model *m, Str id)
{
    StoreStmt *st = prep(x, arena_printf(x->a, "SELECT 1 FROM \"%s\" WHERE \"id\" = ?1", m->name));
    if (!st) return -1;
    store_bind_str(st, 1, id);
    StoreStep rc = store_step(st);
    if (rc == STORE_ERROR) {
        db_error(x, st);
        return -1;
    }
    store_stmt_done(st);
    return rc == STORE_ROW;
}

int mutate_partners(MutCtx *x, const ModelField *f, Str n, Str **out)
{
    const ModelRelation *r = f->relation;
    const char *sql;
    if (r->single_field)
        sql = arena_printf(x->a,
                           "SELECT \"B\" FROM \"_%s\" WHERE \"A\" = ?1 UNION ALL "
                           "SELECT \"A\" FROM \"_%s\" WHERE \"B\" = ?1",
                           r->name, r->name);
    else if (f->is_side_a)
        sql = arena_printf(x->a, "SELECT \"B\" FROM \"_%s\" WHERE \"A\" = ?1", r->name);
    else
        sql = arena_printf(x->a, "SELECT \"A\" FROM \"_%s\" WHERE \"B\" = ?1", r->name);
    StoreStmt *st = prep(x, sql);
    if (!st) return -1;
    store_bind_str(st, 1, n);
    PtrVec v = {0};
    StoreStep rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        Str *s = ARENA_NEW(x->a, Str);
        s->len = store_col_bytes(st, 0);
        s->ptr = arena_strndup(x->a, store_col_text(st, 0), s->len);
        ptrvec_push(x->a, &v, s);
    }
    if (rc != STORE_DONE) {
        db_error(x, st);
        return -1;
    }
    store_stmt_done(st);
    Str *arr = ARENA_ARRAY(x->a, Str, v.n ? v.n : 1);
    for (uint32_t i = 0; i < v.n; i++)
        arr[i] = *(Str *)v.items[i];
    *out = arr;
    return (int)v.n;
}

bool mutate_edges_remove_all(MutCtx *x, const ModelField *f, Str n)
{
    const ModelRelation *r = f->relation;
    const char *sql;
    if (r->single_field)
        sql = arena_printf(x->a, "DELETE FROM \"_%s\" WHERE \"A\" = ?1 OR \"B\" = ?1", r->name);
    else
        sql = arena_printf(x->a, "DELETE FROM \"_%s\" WHERE \"%s\" = ?1", r->name,
                           f->is_side_a ? "A" : "B");
    StoreStmt *st = prep(x, sql);
    if (!st) return false;
    store_bind_str(st, 1, n);
    return mutate_step_write(x, st);
}

/* The (A, B) pair of the edge between n (through f) and t. */
static void edge_pair(const ModelField *f, Str n, Str t, Str *a, Str *b)
{
    if (f->relation->single_field) {
        size_t k = n.len < t.len ? n.len : t.len;
        int c = memcmp(n.ptr, t.ptr, k);
        bool n_first = c < 0 || (c == 0 && n.len <= t.len);
        *a = n_first ? n : t;
        *b = n_first ? t : n;
    } else if (f->is_side_a) {
        *a = n;
        *b = t;
    } else {
        *a = t;
        *b = n;
    }
}

bool mutate_edge_remove(MutCtx *x, const ModelField *f, Str n, Str t)
{
    Str a, b;
    edge_pair(f, n, t, &a, &b);
    StoreStmt *st =
        prep(x, arena_printf(x->a, "DELETE FROM \"_%s\" WHERE \"A\" = ?1 AND \"B\" = ?2",
                             f->relation->name));
    if (!st) return false;
    store_bind_str(st, 1, a);
    store_bind_str(st, 2, b);
    return mutate_step_write(x, st);
}

bool mutate_edge_add(MutCtx *x, const ModelField *f, Str n, Str t)
{
    Str a, b;
    edge_pair(f, n, t, &a, &b);
    StoreStmt *st = prep(x, arena_printf(x->a,
                                         "INSERT INTO \"_%s\" (\"A\", \"B\") VALUES (?1, ?2) "
                                         "ON CONFLICT (\"A\", \"B\") DO NOTHING",
                                         f->relation->name));
    if (!st) return false;
    store_bind_str(st, 1, a);
    store_bind_str(st, 2, b);
    return mutate_step_write(x, st);
}

bool mutate_delete_row(MutCtx *x, const Model *m, Str id)
{
    StoreStmt *st = prep(x, arena_printf(x->a, "DELETE FROM \"%s\" WHERE \"id\" = ?1", m->name));
    if (!st) return false;
    store_bind_str(st, 1, id);
    return mutate_step_write(x, st);
}
