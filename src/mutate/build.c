/* build.c - pass 1 of a mutation: the coerced arguments of a create or update (and of
 * every nested create below it) become a tree of WNodes, checking values on the way in
 * natural argument order, parent before nested (SIMPLE-API.md §5.9 step 3): 3000 both
 * <f>Id and <f>, 3036 null for a required field with a default on create, 3020 null for
 * a required field on update, then 3037/3007 from the value conversion. Defaults of
 * absent fields are added on create (§5.2). */
#include <string.h>

#include "mutate/internal.h"
#include "schema/schema.h"

const Value *mutate_arg(ArgSet args, const SInputValue *def)
{
    for (uint32_t i = 0; i < args.n_given; i++)
        if (args.given[i].def == def) return args.given[i].value;
    for (uint32_t i = 0; i < args.n_given; i++)
        if (args.given[i].def && strcmp(args.given[i].def->name, def->name) == 0)
            return args.given[i].value;
    return NULL;
}

/* The WRel of field f in n, appended if new. */
static WRel *rel_for(MutCtx *x, WNode *n, const ModelField *f, uint32_t cap)
{
    for (uint32_t i = 0; i < n->n_rels; i++)
        if (n->rels[i].f == f) return &n->rels[i];
    if (!n->rels) n->rels = ARENA_ARRAY(x->a, WRel, cap ? cap : 1);
    WRel *r = &n->rels[n->n_rels++];
    r->f = f;
    return r;
}

/* Appends id s to r unless it is already there (duplicates in …Ids are ignored). */
static void rel_add_id(MutCtx *x, WRel *r, Str s, uint32_t cap)
{
    for (uint32_t i = 0; i < r->n_ids; i++)
        if (str_eq(r->ids[i], s)) return;
    if (!r->ids) r->ids = ARENA_ARRAY(x->a, Str, cap ? cap : 1);
    r->ids[r->n_ids++] = s;
}

/* The input object type of nested creates for def (N(f) or [N(f)!]). */
static ArgSet object_args(const SInputValue *def, const Value *obj)
{
    const SType *t = typeref_named(def->type);
    return (ArgSet){obj->fields, obj->n_fields, t->input_fields, t->n_input_fields};
}

WNode *mutate_build(MutCtx *x, const Model *m, ArgSet args, bool create, const ModelField *link)
{
    WNode *n = ARENA_NEW(x->a, WNode);
    n->m = m;
    n->create = create;
    n->link = link;
    n->scalars = ARENA_ARRAY(x->a, WScalar, m->n_fields + 1);

    /* scalar arguments and relation arguments of this node, in natural order */
    for (uint32_t i = 0; i < args.n_defs; i++) {
        const SInputValue *def = &args.defs[i];
        const Value *v = mutate_arg(args, def);
        if (!v) continue;
        const ModelField *mf = def->mfield;
        switch (def->role) {
        case IROLE_SCALAR_VALUE:
            if (v->kind == VAL_NULL && mf->required) {
                if (create)
                    mutate_fail(x, 3036,
                                "The input value null was not valid for field %s of type %s.",
                                mf->name, m->name);
                else
                    mutate_fail(x, 3020,
                                "You are trying to set a required field to null. If you are using "
                                "GraphQL arguments, make sure that you specify a value for all "
                                "arguments. Fieldname if known: %s",
                                mf->name);
                return NULL;
            }
            if (!mutate_scalar_value(x, mf, v, &n->scalars[n->n_scalars])) return NULL;
            n->n_scalars++;
            break;
        case IROLE_CONNECT_ONE: {
            WRel *r = rel_for(x, n, mf, args.n_defs);
            r->has_ids = true;
            r->ids_null = v->kind == VAL_NULL;
            if (!r->ids_null) rel_add_id(x, r, v->s, 1);
            break;
        }
        case IROLE_CONNECT_MANY: {
            WRel *r = rel_for(x, n, mf, args.n_defs);
            r->has_ids = true;
            r->ids_null = v->kind == VAL_NULL;
            if (v->kind == VAL_LIST)
                for (uint32_t k = 0; k < v->n_items; k++)
                    rel_add_id(x, r, v->items[k]->s, v->n_items);
            else if (v->kind == VAL_STRING)
                rel_add_id(x, r, v->s, 1);
            break;
        }
        case IROLE_CREATE_ONE:
        case IROLE_CREATE_MANY: {
            WRel *r = rel_for(x, n, mf, args.n_defs);
            r->has_nested = true;
            r->nested_null = v->kind == VAL_NULL;
            if (def->role == IROLE_CREATE_ONE && r->has_ids && !r->ids_null && !r->nested_null) {
                mutate_fail(x, 3000, "The arguments '%sId' and '%s' cannot be used together.",
                            mf->name, mf->name);
                return NULL;
            }
            break;
        }
        default:
            break;
        }
    }

    /* defaults of absent fields (create only; an explicit null is not replaced) */
    if (create) {
        for (uint32_t i = 0; i < m->n_fields; i++) {
            const ModelField *mf = m->fields[i];
            if (mf->is_relation || mf->is_system || !mf->has_default) continue;
            bool given = false;
            for (uint32_t k = 0; k < n->n_scalars && !given; k++)
                given = n->scalars[k].mf == mf;
            if (given) continue;
            const Value *dv = mutate_default_value(x->a, mf);
            if (dv && !mutate_scalar_value(x, mf, dv, &n->scalars[n->n_scalars++])) return NULL;
        }
    }

    /* nested creates, after everything of the parent */
    for (uint32_t i = 0; i < args.n_defs; i++) {
        const SInputValue *def = &args.defs[i];
        if (def->role != IROLE_CREATE_ONE && def->role != IROLE_CREATE_MANY) continue;
        const Value *v = mutate_arg(args, def);
        if (!v || v->kind == VAL_NULL) continue;
        const ModelField *f = def->mfield;
        WRel *r = rel_for(x, n, f, args.n_defs);
        uint32_t cnt = v->kind == VAL_LIST ? v->n_items : 1;
        r->children = ARENA_ARRAY(x->a, WNode *, cnt ? cnt : 1);
        for (uint32_t k = 0; k < cnt; k++) {
            const Value *obj = v->kind == VAL_LIST ? v->items[k] : v;
            WNode *child = mutate_build(x, f->related, object_args(def, obj), true, f->opposite);
            if (!child) return NULL;
            r->children[r->n_children++] = child;
        }
    }
    return n;
}
