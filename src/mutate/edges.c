/* edges.c - the SQL of mutations on the storage layout of store/store.h: node existence,
 * partners through a relation field, edge insert/delete and row delete. Statements are
 * prepared once per connection (store_prepare caches them by text); values are always
 * bound.
 *
 * A relation field f of node n stores n in column A when f is field A, else in column B.
 * A single-field self-relation is symmetric: one row per edge with A < B, and n may be in
 * either column. */
#include <stdio.h>
#include <string.h>

#include "mutate/internal.h"

void mutate_bind_str(sqlite3_stmt *st, int i, Str s)
{
    sqlite3_bind_text(st, i, s.ptr ? s.ptr : "", (int)s.len, SQLITE_STATIC);
}

static sqlite3_stmt *prep(MutCtx *x, const char *sql)
{
    sqlite3_stmt *st = store_prepare(x->c, sql);
    if (!st) mutate_internal(x, sql);
    return st;
}

static bool db_error(MutCtx *x, sqlite3_stmt *st)
{
    const char *msg = sqlite3_errmsg(x->c->db);
    sqlite3_reset(st);
    return mutate_internal(x, msg);
}

bool mutate_step_write(MutCtx *x, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(st);
        return true;
    }
    if (sqlite3_extended_errcode(x->c->db) == SQLITE_CONSTRAINT_UNIQUE) {
        /* "UNIQUE constraint failed: Model.field" */
        const char *msg = sqlite3_errmsg(x->c->db);
        const char *p = strstr(msg, "failed: ");
        char model[128] = "?", field[128] = "?";
        if (p) {
            p += 8;
            const char *dot = strchr(p, '.');
            if (dot && (size_t)(dot - p) < sizeof model) {
                memcpy(model, p, (size_t)(dot - p));
                model[dot - p] = 0;
                size_t fl = strcspn(dot + 1, ", ");
                if (fl < sizeof field) {
                    memcpy(field, dot + 1, fl);
                    field[fl] = 0;
                }
            }
        }
        sqlite3_reset(st);
        return mutate_fail(x, 3010,
                           "A unique constraint would be violated on %s. Details: Field name = %s",
                           model, field);
    }
    return db_error(x, st);
}

int mutate_node_exists(MutCtx *x, const Model *m, Str id)
{
    sqlite3_stmt *st =
        prep(x, arena_printf(x->a, "SELECT 1 FROM \"%s\" WHERE \"id\" = ?1", m->name));
    if (!st) return -1;
    mutate_bind_str(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        db_error(x, st);
        return -1;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW;
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
    sqlite3_stmt *st = prep(x, sql);
    if (!st) return -1;
    mutate_bind_str(st, 1, n);
    PtrVec v = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Str *s = ARENA_NEW(x->a, Str);
        s->ptr = arena_strndup(x->a, (const char *)sqlite3_column_text(st, 0),
                               (size_t)sqlite3_column_bytes(st, 0));
        s->len = (size_t)sqlite3_column_bytes(st, 0);
        ptrvec_push(x->a, &v, s);
    }
    if (rc != SQLITE_DONE) {
        db_error(x, st);
        return -1;
    }
    sqlite3_reset(st);
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
    sqlite3_stmt *st = prep(x, sql);
    if (!st) return false;
    mutate_bind_str(st, 1, n);
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
    sqlite3_stmt *st =
        prep(x, arena_printf(x->a, "DELETE FROM \"_%s\" WHERE \"A\" = ?1 AND \"B\" = ?2",
                             f->relation->name));
    if (!st) return false;
    mutate_bind_str(st, 1, a);
    mutate_bind_str(st, 2, b);
    return mutate_step_write(x, st);
}

bool mutate_edge_add(MutCtx *x, const ModelField *f, Str n, Str t)
{
    Str a, b;
    edge_pair(f, n, t, &a, &b);
    sqlite3_stmt *st = prep(x, arena_printf(x->a,
                                            "INSERT INTO \"_%s\" (\"A\", \"B\") VALUES (?1, ?2) "
                                            "ON CONFLICT (\"A\", \"B\") DO NOTHING",
                                            f->relation->name));
    if (!st) return false;
    mutate_bind_str(st, 1, a);
    mutate_bind_str(st, 2, b);
    return mutate_step_write(x, st);
}

bool mutate_delete_row(MutCtx *x, const Model *m, Str id)
{
    sqlite3_stmt *st = prep(x, arena_printf(x->a, "DELETE FROM \"%s\" WHERE \"id\" = ?1", m->name));
    if (!st) return false;
    mutate_bind_str(st, 1, id);
    return mutate_step_write(x, st);
}
