/* check.c - passes 2 and 3 of a mutation, and the delete check, all against the state
 * before any write (SIMPLE-API.md §5.9 steps 4 and 5):
 *   ids: every id of an …Id/…Ids argument, in argument order (nested ones where their
 *        argument stands), is id-shaped (3001) and names a node of the related model (3011);
 *   required relations (3032): §5.6.1, §5.6.2, §5.6.4 and §5.5 step 3. */
#include "mutate/internal.h"

static bool to_one(const ModelField *f)
{
    return f && !f->is_list;
}
static bool required_to_one(const ModelField *f)
{
    return f && !f->is_list && f->required;
}

static bool fail_required(MutCtx *x, const ModelField *f)
{
    return mutate_fail(x, 3032,
                       "The field '%s' on type '%s' is required. Performing this mutation would "
                       "violate the constraint",
                       f->name, f->model->name);
}

bool mutate_check_ids(MutCtx *x, const WNode *n)
{
    for (uint32_t i = 0; i < n->n_rels; i++) {
        const WRel *r = &n->rels[i];
        for (uint32_t k = 0; k < r->n_ids; k++) {
            Str id = r->ids[k];
            if (!mutate_id_shaped(id))
                return mutate_fail(x, 3001, "The given id '%.*s' is invalid.", STR_FMT(id));
            int e = mutate_node_exists(x, r->f->related, id);
            if (e < 0) return false;
            if (!e)
                return mutate_fail(x, 3011,
                                   "You are referencing a node that does not exist. Please check "
                                   "your mutation to make sure you are only creating edges between "
                                   "existing nodes. Id if available: %.*s",
                                   STR_FMT(id));
        }
        for (uint32_t k = 0; k < r->n_children; k++)
            if (!mutate_check_ids(x, r->children[k])) return false;
    }
    return true;
}

/* The single partner of n through to-one field f, or STR_NULL. false on error. */
static bool partner_of(MutCtx *x, const ModelField *f, Str n, Str *out)
{
    *out = STR_NULL;
    if (!n.ptr) return true; /* a node still to be created has no edges */
    Str *ps;
    int np = mutate_partners(x, f, n, &ps);
    if (np < 0) return false;
    if (np > 0) *out = ps[0];
    return true;
}

/* Checks of one to-one relation argument (§5.6.1). */
static bool check_to_one(MutCtx *x, const WNode *n, const WRel *r)
{
    const ModelField *f = r->f, *g = f->opposite;
    bool connect = r->has_ids && !r->ids_null;
    bool nested = r->has_nested && !r->nested_null;
    bool disconnect = !connect && !nested && (r->has_ids || r->has_nested);
    Str t = connect ? r->ids[0] : STR_NULL;

    if (!n->create) {
        /* n's current edge goes away unless it already points at the target */
        Str p;
        if (!partner_of(x, f, n->id, &p)) return false;
        if (p.ptr && !(connect && str_eq(p, t)) && required_to_one(g)) return fail_required(x, g);
    }
    if (connect && to_one(g)) {
        /* one-to-one: t is taken away from its current partner */
        Str other;
        if (!partner_of(x, g, t, &other)) return false;
        if (other.ptr && !(n->id.ptr && str_eq(other, n->id)) && f->required)
            return fail_required(x, f);
    }
    if (disconnect && !n->create && f->required) return fail_required(x, f);
    return true;
}

/* Checks of one to-many relation argument on update (§5.6.2): edges of n that the
 * replacement removes must not leave a required to-one partner alone. */
static bool check_to_many(MutCtx *x, const WNode *n, const WRel *r)
{
    const ModelField *f = r->f, *g = f->opposite;
    if (n->create || !required_to_one(g) || !(r->has_ids || r->has_nested)) return true;
    Str *ps;
    int np = mutate_partners(x, f, n->id, &ps);
    if (np < 0) return false;
    for (int i = 0; i < np; i++) {
        bool kept = false;
        for (uint32_t k = 0; k < r->n_ids && !kept; k++)
            kept = str_eq(r->ids[k], ps[i]);
        if (!kept) return fail_required(x, g);
    }
    return true;
}

bool mutate_check_required(MutCtx *x, const WNode *n)
{
    if (n->create) {
        /* §5.6.4: a required to-one field needs a connect, a nested create, or the parent */
        for (uint32_t i = 0; i < n->m->n_fields; i++) {
            const ModelField *f = n->m->fields[i];
            if (!f->is_relation || !required_to_one(f) || f == n->link) continue;
            bool given = false;
            for (uint32_t k = 0; k < n->n_rels && !given; k++) {
                const WRel *r = &n->rels[k];
                given = r->f == f &&
                        ((r->has_ids && !r->ids_null) || (r->has_nested && !r->nested_null));
            }
            if (!given) return fail_required(x, f);
        }
    }
    for (uint32_t i = 0; i < n->n_rels; i++) {
        const WRel *r = &n->rels[i];
        if (!(r->f->is_list ? check_to_many(x, n, r) : check_to_one(x, n, r))) return false;
        for (uint32_t k = 0; k < r->n_children; k++)
            if (!mutate_check_required(x, r->children[k])) return false;
    }
    return true;
}

bool mutate_check_delete(MutCtx *x, const Model *m, Str id)
{
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (!f->is_relation || !required_to_one(f->opposite)) continue;
        Str *ps;
        int np = mutate_partners(x, f, id, &ps);
        if (np < 0) return false;
        if (np > 0) return fail_required(x, f->opposite);
    }
    return true;
}
