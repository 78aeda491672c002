/* write.c - pass 4 of a mutation: the rows and edges of a checked WNode tree.
 *
 * One INSERT and one UPDATE statement per model, covering every writable column, so the
 * statement cache holds a fixed number of texts: the INSERT binds NULL for columns not
 * written; the UPDATE takes a (given, value) pair per column and moves updatedAt only if
 * a given value differs from the stored one (SIMPLE-API.md §5.1 rule 6; text compared
 * byte for byte, the NOCASE column collation notwithstanding). SQLite evaluates every SET
 * expression against the old row, which is what the comparison needs. Edges follow the
 * rules of §5.6. */
#include <string.h>

#include "mutate/internal.h"
#include "mutate/mutate.h"

static bool writable(const ModelField *mf)
{
    return !mf->is_relation && !mf->is_system;
}

static void bind_scalar(StoreStmt *st, int i, const WScalar *s)
{
    switch (s->kind) {
    case W_NULL:
        store_bind_null(st, i);
        break;
    case W_INT:
        store_bind_int(st, i, s->i); /* PostgreSQL reads 1/0 as boolean true/false */
        break;
    case W_REAL:
        store_bind_double(st, i, s->d);
        break;
    case W_TEXT:
        store_bind_str(st, i, s->t);
        break;
    }
}

static const WScalar *given(const WNode *n, const ModelField *mf)
{
    for (uint32_t k = 0; k < n->n_scalars; k++)
        if (n->scalars[k].mf == mf) return &n->scalars[k];
    return NULL;
}

static bool insert_row(MutCtx *x, WNode *n)
{
    const Model *m = n->m;
    Buf sql, vals;
    buf_init(&sql, x->a, 256);
    buf_init(&vals, x->a, 64);
    buf_printf(&sql, "INSERT INTO \"%s\" (\"id\", \"createdAt\", \"updatedAt\"", m->name);
    buf_puts(&vals, "?1, ?2, ?2");
    int p = 3;
    for (uint32_t i = 0; i < m->n_fields; i++) {
        if (!writable(m->fields[i])) continue;
        buf_printf(&sql, ", \"%s\"", m->fields[i]->name);
        buf_printf(&vals, ", ?%d", p++);
    }
    buf_printf(&sql, ") VALUES (%s)", vals.data);
    StoreStmt *st = store_stmt(x->c, sql.data);
    if (!st) return mutate_internal(x, sql.data);

    char *id = arena_alloc(x->a, 26);
    mutate_new_id(id);
    n->id = (Str){id, 25};
    store_bind_str(st, 1, n->id);
    store_bind_text(st, 2, x->now, strlen(x->now));
    p = 3;
    for (uint32_t i = 0; i < m->n_fields; i++) {
        if (!writable(m->fields[i])) continue;
        const WScalar *s = given(n, m->fields[i]);
        if (s) bind_scalar(st, p, s);
        p++;
    }
    if (!mutate_step_write(x, st)) return false;
    sub_event_created(x->events, m, n->id);
    return true;
}

static bool update_row(MutCtx *x, WNode *n)
{
    if (n->n_scalars == 0) return true;
    const Model *m = n->m;
    if (x->events) {
        /* an UPDATED event names the scalar arguments given (captured before the write) */
        const char **names = ARENA_ARRAY(x->a, const char *, n->n_scalars);
        for (uint32_t k = 0; k < n->n_scalars; k++) names[k] = n->scalars[k].mf->name;
        sub_event_updated(x->events, x->c, m, n->id, names, n->n_scalars);
    }
    Buf sql, changed;
    buf_init(&sql, x->a, 512);
    buf_init(&changed, x->a, 256);
    buf_printf(&sql, "UPDATE \"%s\" SET ", m->name);
    int p = 3; /* ?1 = now, ?2 = id */
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const char *c = m->fields[i]->name;
        if (!writable(m->fields[i])) continue;
        buf_printf(&sql, "\"%s\" = CASE WHEN ?%d THEN ?%d ELSE \"%s\" END, ", c, p, p + 1, c);
        /* null-safe, byte-for-byte: PostgreSQL's columns are already byte-ordered */
        if (x->c->dialect == DIALECT_POSTGRES)
            buf_printf(&changed, "%s(?%d AND \"%s\" IS DISTINCT FROM ?%d)",
                       changed.len ? " OR " : "", p, c, p + 1);
        else
            buf_printf(&changed, "%s(?%d AND \"%s\" IS NOT ?%d COLLATE BINARY)",
                       changed.len ? " OR " : "", p, c, p + 1);
        p += 2;
    }
    buf_printf(&sql,
               "\"updatedAt\" = CASE WHEN %s THEN ?1 ELSE \"updatedAt\" END WHERE \"id\" = ?2",
               changed.len ? changed.data : "1=0");
    StoreStmt *st = store_stmt(x->c, sql.data);
    if (!st) return mutate_internal(x, sql.data);

    store_bind_text(st, 1, x->now, strlen(x->now));
    store_bind_str(st, 2, n->id);
    p = 3;
    for (uint32_t i = 0; i < m->n_fields; i++) {
        if (!writable(m->fields[i])) continue;
        const WScalar *s = given(n, m->fields[i]);
        store_bind_int(st, p, s != NULL);
        if (s) bind_scalar(st, p + 1, s);
        p += 2;
    }
    return mutate_step_write(x, st);
}

/* Connects n with the existing node t through f (§5.6.1/§5.6.2): when the other field is
 * to-one, t first loses its current edge. */
static bool connect(MutCtx *x, const ModelField *f, Str n, Str t)
{
    const ModelField *g = f->opposite;
    if (!g->is_list && !mutate_edges_remove_all(x, g, t)) return false;
    return mutate_edge_add(x, f, n, t);
}

static bool write_rel(MutCtx *x, WNode *n, WRel *r)
{
    bool connect_ids = r->has_ids && !r->ids_null && r->n_ids > 0;
    bool nested = r->has_nested && !r->nested_null;
    if (!r->f->is_list) {
        /* to-one: one action; an update first drops n's current edge */
        if (!n->create && !mutate_edges_remove_all(x, r->f, n->id)) return false;
        if (connect_ids) return connect(x, r->f, n->id, r->ids[0]);
        if (nested && r->n_children) {
            WNode *child = r->children[0];
            if (!mutate_write(x, child)) return false;
            return mutate_edge_add(x, r->f, n->id, child->id);
        }
        return true;
    }
    /* to-many: an update replaces all of n's edges (once, for both arguments) */
    if (!n->create && !mutate_edges_remove_all(x, r->f, n->id)) return false;
    for (uint32_t k = 0; k < r->n_ids; k++)
        if (!connect(x, r->f, n->id, r->ids[k])) return false;
    for (uint32_t k = 0; k < r->n_children; k++) {
        WNode *child = r->children[k];
        if (!mutate_write(x, child)) return false;
        if (!mutate_edge_add(x, r->f, n->id, child->id)) return false;
    }
    return true;
}

bool mutate_write(MutCtx *x, WNode *n)
{
    if (!(n->create ? insert_row(x, n) : update_row(x, n))) return false;
    for (uint32_t i = 0; i < n->n_rels; i++)
        if (!write_rel(x, n, &n->rels[i])) return false;
    return true;
}
