/* collect.c - field collection (GraphQL "CollectFields") and plan building: merges the
 * selections of fields, fragment spreads and inline fragments that apply to one object
 * type into response keys in first-occurrence order, applies @skip/@include, coerces
 * each field's arguments, and recurses into sub-selections, so the plan handed to the
 * store lists exactly what the response holds. */
#include <string.h>

#include "exec/internal.h"

/* Fields with the same response key are merged: the first occurrence gives the field,
 * arguments and location; the sub-selections of all occurrences are concatenated. */
typedef struct Group {
    Str key;
    const GqlSelection *first;
    PtrVec sets; /* const GqlSelectionSet* */
} Group;

typedef struct Collector {
    ExecCtx *x;
    const SType *type;
    PtrVec groups; /* Group*, in order */
    Map by_key;    /* response key -> Group* */
    Map visited;   /* fragment names already spread */
} Collector;

/* The `if` argument of @skip / @include: a literal or a (Boolean!) variable. */
static bool if_arg(ExecCtx *x, const GqlDirective *d, bool *out)
{
    for (uint32_t i = 0; i < d->n_args; i++) {
        if (!str_eqz(d->args[i].name, "if")) continue;
        const GqlValue *v = d->args[i].value;
        if (v->kind == GQL_VAL_BOOLEAN) {
            *out = v->boolean;
            return true;
        }
        if (v->kind == GQL_VAL_VARIABLE) {
            const Value *val = map_gets(&x->vars, v->str);
            if (val && val->kind == VAL_BOOLEAN) {
                *out = val->b;
                return true;
            }
        }
    }
    return false;
}

static bool should_include(ExecCtx *x, const GqlDirective *ds, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        bool cond;
        if (str_eqz(ds[i].name, "skip") && if_arg(x, &ds[i], &cond) && cond) return false;
        if (str_eqz(ds[i].name, "include") && if_arg(x, &ds[i], &cond) && !cond) return false;
    }
    return true;
}

/* DoesFragmentTypeApply: the condition names the type itself or an interface it
 * implements. */
static bool type_applies(ExecCtx *x, const SType *type, Str cond)
{
    if (!cond.len) return true;
    const SType *ct = schema_find_type(x->schema, cond.ptr, cond.len);
    if (!ct) return false;
    if (ct == type) return true;
    if (ct->kind == TK_INTERFACE)
        for (uint32_t i = 0; i < type->n_interfaces; i++)
            if (type->interfaces[i] == ct) return true;
    return false;
}

static void collect(Collector *c, const GqlSelectionSet *set)
{
    ExecCtx *x = c->x;
    for (uint32_t i = 0; i < set->n; i++) {
        const GqlSelection *s = &set->items[i];
        if (!should_include(x, s->directives, s->n_directives)) continue;
        switch (s->kind) {
        case GQL_SEL_FIELD: {
            Str key = gql_response_key(s);
            Group *g = map_gets(&c->by_key, key);
            if (!g) {
                g = ARENA_NEW(x->a, Group);
                g->key = key;
                g->first = s;
                map_put(&c->by_key, key.ptr, key.len, g);
                ptrvec_push(x->a, &c->groups, g);
            }
            if (s->selection_set) ptrvec_push(x->a, &g->sets, s->selection_set);
            break;
        }
        case GQL_SEL_INLINE_FRAGMENT:
            if (type_applies(x, c->type, s->name)) collect(c, s->selection_set);
            break;
        case GQL_SEL_FRAGMENT_SPREAD: {
            if (map_gets(&c->visited, s->name)) break;
            map_put(&c->visited, s->name.ptr, s->name.len, (void *)s);
            const GqlDefinition *frag = map_gets(&x->fragments, s->name);
            if (!frag || !type_applies(x, c->type, frag->type_condition.name)) break;
            collect(c, frag->selection_set);
            break;
        }
        }
    }
}

static bool build_field(ExecCtx *x, const SType *type, const Group *g, PlanField *pf)
{
    const GqlSelection *s = g->first;
    pf->key = g->key;
    pf->loc = s->loc;
    if (++x->n_plan_fields > EXEC_MAX_PLAN_FIELDS) {
        x->plan_error = arena_printf(x->a,
                                     "The query is too large: it selects more than %u fields "
                                     "once fragments are expanded.",
                                     EXEC_MAX_PLAN_FIELDS);
        x->plan_error_loc = s->loc;
        return false;
    }
    if (str_eqz(s->name, "__typename")) {
        pf->is_typename = true;
        return true;
    }
    const SField *sf = stype_find_field(type, s->name.ptr, s->name.len);
    if (!sf) {
        /* validation rejects unknown fields; reaching this is our fault */
        x->plan_error = arena_printf(x->a, "Cannot query field \"%.*s\" on type \"%s\".",
                                     STR_FMT(s->name), type->name);
        x->plan_error_loc = s->loc;
        return false;
    }
    pf->field = sf;
    const char *err = NULL;
    if (!exec_coerce_args(x, sf->args, sf->n_args, s->args, s->n_args, &pf->args, &pf->n_args,
                          &err)) {
        x->plan_error = err;
        x->plan_error_loc = s->loc;
        return false;
    }
    const SType *named = typeref_named(sf->type);
    if (named->kind != TK_OBJECT && named->kind != TK_INTERFACE && named->kind != TK_UNION)
        return true;
    const GqlSelectionSet *const *sets = (const GqlSelectionSet *const *)g->sets.items;
    pf->sel = exec_collect(x, named, sets, g->sets.n);
    if (!pf->sel) return false;
    if (named->kind != TK_OBJECT && named->n_possible_types) {
        /* node(id:): one selection per concrete model type, indexed by Model.index */
        uint32_t n = x->schema->dm ? x->schema->dm->n_models : 0;
        pf->sel->by_type = ARENA_ARRAY(x->a, PlanSel *, n ? n : 1);
        for (uint32_t i = 0; i < named->n_possible_types; i++) {
            const SType *p = named->possible_types[i];
            if (!p->model || p->model->index >= n) continue;
            PlanSel *ps = exec_collect(x, p, sets, g->sets.n);
            if (!ps) return false;
            pf->sel->by_type[p->model->index] = ps;
        }
    }
    return true;
}

static PlanSel *collect_sel(ExecCtx *x, const SType *type, const GqlSelectionSet *const *sets,
                            uint32_t n_sets, bool root)
{
    Collector c = {.x = x, .type = type};
    map_init(&c.by_key, x->a, 8);
    map_init(&c.visited, x->a, 4);
    for (uint32_t i = 0; i < n_sets; i++)
        collect(&c, sets[i]);
    PlanSel *sel = ARENA_NEW(x->a, PlanSel);
    sel->type = type;
    sel->fields = ARENA_ARRAY(x->a, PlanField, c.groups.n ? c.groups.n : 1);
    for (uint32_t i = 0; i < c.groups.n; i++) {
        if (!build_field(x, type, c.groups.items[i], &sel->fields[sel->n])) {
            if (!root) return NULL;
            /* a root field whose plan fails becomes that field's error alone */
            if (!x->root_errors) x->root_errors = ARENA_ARRAY(x->a, const char *, c.groups.n);
            x->root_errors[sel->n] = x->plan_error;
            sel->fields[sel->n].loc = x->plan_error_loc;
            x->plan_error = NULL;
        }
        sel->n++;
    }
    return sel;
}

PlanSel *exec_collect(ExecCtx *x, const SType *type, const GqlSelectionSet *const *sets,
                      uint32_t n_sets)
{
    return collect_sel(x, type, sets, n_sets, false);
}

PlanSel *exec_collect_root(ExecCtx *x, const SType *type, const GqlSelectionSet *set)
{
    return collect_sel(x, type, &set, 1, true);
}
