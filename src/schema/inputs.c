/* inputs.c - create and update argument lists (SIMPLE-API.md §3.6): CreateArgs(M),
 * UpdateArgs(M), the relation arguments, the nested create input types N(f) named
 * <O><g><R>, and the input types Create<M> / Update<M> used by updateOrCreate. */
#include <string.h>

#include "schema/internal.h"

/* `f: E`, `[E!]` for lists, `!` appended iff required. */
static const TypeRef *value_type(Builder *b, const ModelField *f, bool required)
{
    const TypeRef *r = ref(b, scalar_elem_type(b, f));
    if (f->is_list) r = ref_list(b, ref_nn(b, r));
    return required ? ref_nn(b, r) : r;
}

/* HasNested(f): R(f) has a writable field other than a to-one field of f's relation
 * (otherwise a nested create object would have nothing to set). */
static bool has_nested(const ModelField *f)
{
    const Model *r = f->related;
    for (uint32_t i = 0; i < r->n_fields; i++) {
        const ModelField *g = r->fields[i];
        if (g->is_system) continue;
        if (g->is_relation && !g->is_list && g->relation == f->relation) continue;
        return true;
    }
    return false;
}

/* N(f), made on first use. Both fields of a two-field self-relation share one type,
 * named after field B; its nested_field is that field B (the direction of a nested
 * create comes from the argument's mfield, not from the type). */
static const SType *nested_type(Builder *b, const ModelField *f)
{
    const ModelRelation *rel = f->relation;
    const Model *o;
    const ModelField *g;
    if (rel->model_a == f->related) {
        o = rel->model_b;
        g = rel->field_b;
    } else {
        o = rel->model_a;
        g = rel->field_a;
    }
    const char *name = internf(b, "%s%s%s", o->name, g->name, f->related->name);
    const SType *have = map_getz(&b->s->type_map, name);
    if (have) return have;
    SType *t = type_new(b, name, TK_INPUT_OBJECT, TROLE_NESTED_CREATE);
    t->model = f->related;
    t->nested_field = g;
    t->relation = rel;
    /* Registered before filling: recursion through other relations finds it. */
    ArgList l = {0};
    create_args(b, &l, f->related, rel);
    type_set_input_fields(b, t, &l);
    return t;
}

/* RelArgs(M, omit): to-one fields first, then to-many fields, each in field order. */
static void relation_args(Builder *b, ArgList *l, const Model *m, const ModelRelation *omit)
{
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (!f->is_relation || f->is_list || f->relation == omit) continue;
        arg_add(b, l, internf(b, "%sId", f->name), ref(b, b->t_id), IROLE_CONNECT_ONE, f);
        if (has_nested(f)) arg_add(b, l, f->name, ref(b, nested_type(b, f)), IROLE_CREATE_ONE, f);
    }
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (!f->is_relation || !f->is_list) continue;
        arg_add(b, l, internf(b, "%sIds", f->name), ref_list_nn(b, b->t_id), IROLE_CONNECT_MANY, f);
        if (has_nested(f))
            arg_add(b, l, f->name, ref_list_nn(b, nested_type(b, f)), IROLE_CREATE_MANY, f);
    }
}

void create_args(Builder *b, ArgList *l, const Model *m, const ModelRelation *omit)
{
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation || f->is_system) continue;
        arg_add(b, l, f->name, value_type(b, f, f->required && !f->has_default), IROLE_SCALAR_VALUE,
                f);
    }
    relation_args(b, l, m, omit);
}

void update_args(Builder *b, ArgList *l, const Model *m)
{
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation) continue;
        if (f == m->id_field)
            arg_add(b, l, f->name, ref_nn(b, ref(b, b->t_id)), IROLE_ID, f);
        else if (!f->is_system)
            arg_add(b, l, f->name, value_type(b, f, false), IROLE_SCALAR_VALUE, f);
    }
    relation_args(b, l, m, NULL);
}

void build_inputs(Builder *b, const Model *m)
{
    const ModelTypes *mt = &b->mt[m->index];
    if (mt->create) {
        ArgList l = {0};
        create_args(b, &l, m, NULL);
        type_set_input_fields(b, mt->create, &l);
    }
    ArgList u = {0};
    update_args(b, &u, m);
    type_set_input_fields(b, mt->update, &u);
}
