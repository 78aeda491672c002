/* model_types.c - the types read from a model (SIMPLE-API.md §3.2-3.4, §3.9): the object
 * type <M>, <M>Filter, <M>SubscriptionFilter(Node), <M>OrderBy, <M>PreviousValues and
 * <M>SubscriptionPayload; and the element types of scalar fields. */
#include <string.h>

#include "schema/internal.h"

/* ---- element types ---- */

static const SType *enum_type(Builder *b, const ModelEnum *e)
{
    if (b->enums[e->index]) return b->enums[e->index];
    SType *t = type_new(b, e->name, TK_ENUM, TROLE_USER_ENUM);
    t->enum_type = e;
    ValueList vl = {0};
    for (uint32_t i = 0; i < e->n_values; i++)
        value_add(b, &vl, e->values[i]);
    type_set_values(b, t, &vl);
    b->enums[e->index] = t;
    return t;
}

/* DateTime, Json and user enums exist only when referenced, so they are made here. */
const SType *scalar_elem_type(Builder *b, const ModelField *f)
{
    switch (f->scalar) {
    case SCALAR_ID:
        return b->t_id;
    case SCALAR_STRING:
        return b->t_string;
    case SCALAR_INT:
        return b->t_int;
    case SCALAR_FLOAT:
        return b->t_float;
    case SCALAR_BOOLEAN:
        return b->t_boolean;
    case SCALAR_DATETIME:
        if (!b->t_datetime) b->t_datetime = type_new(b, "DateTime", TK_SCALAR, TROLE_DATETIME);
        return b->t_datetime;
    case SCALAR_JSON:
        if (!b->t_json) b->t_json = type_new(b, "Json", TK_SCALAR, TROLE_JSON);
        return b->t_json;
    case SCALAR_ENUM:
        return enum_type(b, f->enum_type);
    }
    return b->t_string;
}

const TypeRef *scalar_out_type(Builder *b, const ModelField *f)
{
    const TypeRef *r = ref(b, scalar_elem_type(b, f));
    if (f->is_list) r = ref_list(b, ref_nn(b, r));
    return f->required ? ref_nn(b, r) : r;
}

void conn_args(Builder *b, ArgList *l, const Model *r)
{
    const ModelTypes *mt = &b->mt[r->index];
    arg_add(b, l, "filter", ref(b, mt->filter), IROLE_FILTER, NULL);
    arg_add(b, l, "orderBy", ref(b, mt->order_by), IROLE_ORDER_BY, NULL);
    arg_add(b, l, "skip", ref(b, b->t_int), IROLE_SKIP, NULL);
    arg_add(b, l, "after", ref(b, b->t_string), IROLE_AFTER, NULL);
    arg_add(b, l, "before", ref(b, b->t_string), IROLE_BEFORE, NULL);
    arg_add(b, l, "first", ref(b, b->t_int), IROLE_FIRST, NULL);
    arg_add(b, l, "last", ref(b, b->t_int), IROLE_LAST, NULL);
}

/* ---- shells ---- */

static bool has_writable_field(const Model *m)
{
    for (uint32_t i = 0; i < m->n_fields; i++)
        if (!m->fields[i]->is_system) return true;
    return false;
}

void build_model_shells(Builder *b)
{
    const DataModel *dm = b->dm;
    const SType **impls = ARENA_ARRAY(b->a, const SType *, dm->n_models + 1);
    const SType **node_iface = ARENA_ARRAY(b->a, const SType *, 1);
    node_iface[0] = b->t_node;
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ModelTypes *mt = &b->mt[m->index];
        const char *n = m->name;
        mt->object = type_new(b, n, TK_OBJECT, TROLE_MODEL);
        mt->object->interfaces = node_iface;
        mt->object->n_interfaces = 1;
        impls[i] = mt->object;
        mt->filter = type_new(b, internf(b, "%sFilter", n), TK_INPUT_OBJECT, TROLE_FILTER);
        mt->sub_filter =
            type_new(b, internf(b, "%sSubscriptionFilter", n), TK_INPUT_OBJECT, TROLE_SUB_FILTER);
        mt->sub_filter_node = type_new(b, internf(b, "%sSubscriptionFilterNode", n),
                                       TK_INPUT_OBJECT, TROLE_SUB_FILTER_NODE);
        mt->order_by = type_new(b, internf(b, "%sOrderBy", n), TK_ENUM, TROLE_ORDER_BY);
        if (has_writable_field(m))
            mt->create =
                type_new(b, internf(b, "Create%s", n), TK_INPUT_OBJECT, TROLE_CREATE_INPUT);
        mt->update = type_new(b, internf(b, "Update%s", n), TK_INPUT_OBJECT, TROLE_UPDATE_INPUT);
        mt->previous =
            type_new(b, internf(b, "%sPreviousValues", n), TK_OBJECT, TROLE_PREVIOUS_VALUES);
        mt->sub_payload =
            type_new(b, internf(b, "%sSubscriptionPayload", n), TK_OBJECT, TROLE_SUB_PAYLOAD);
        SType *all[] = {mt->object, mt->filter, mt->sub_filter, mt->sub_filter_node, mt->order_by,
                        mt->create, mt->update, mt->previous,   mt->sub_payload};
        for (size_t k = 0; k < sizeof all / sizeof *all; k++)
            if (all[k]) all[k]->model = m;
    }
    b->t_node->possible_types = impls;
    b->t_node->n_possible_types = dm->n_models;
}

/* ---- object type ---- */

static void build_object(Builder *b, const Model *m)
{
    FieldList fl = {0};
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        SField *sf;
        if (!f->is_relation) {
            sf = field_add(b, &fl, f->name, NULL, scalar_out_type(b, f), FROLE_SCALAR);
        } else if (!f->is_list) {
            ArgList al = {0};
            arg_add(b, &al, "filter", ref(b, b->mt[f->related->index].filter), IROLE_FILTER, NULL);
            const TypeRef *t = ref(b, b->mt[f->related->index].object);
            sf = field_add(b, &fl, f->name, &al, f->required ? ref_nn(b, t) : t, FROLE_RELATION);
        } else {
            ArgList al = {0};
            conn_args(b, &al, f->related);
            sf = field_add(b, &fl, f->name, &al, ref_list_nn(b, b->mt[f->related->index].object),
                           FROLE_RELATION);
        }
        sf->model = m;
        sf->mfield = f;
        sf->relation = f->relation;
    }
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (!f->is_relation || !f->is_list) continue;
        ArgList al = {0};
        conn_args(b, &al, f->related);
        SField *sf = field_add(b, &fl, internf(b, "_%sMeta", f->name), &al,
                               ref_nn(b, ref(b, b->t_query_meta)), FROLE_RELATION_META);
        sf->model = m;
        sf->mfield = f;
        sf->relation = f->relation;
    }
    type_set_fields(b, b->mt[m->index].object, &fl);
}

/* ---- filters ---- */

static const struct {
    const char *suffix;
    FilterOp op;
} filter_ops[] = {
    {"", FOP_EQ},
    {"_not", FOP_NOT},
    {"_in", FOP_IN},
    {"_not_in", FOP_NOT_IN},
    {"_lt", FOP_LT},
    {"_lte", FOP_LTE},
    {"_gt", FOP_GT},
    {"_gte", FOP_GTE},
    {"_contains", FOP_CONTAINS},
    {"_not_contains", FOP_NOT_CONTAINS},
    {"_starts_with", FOP_STARTS_WITH},
    {"_not_starts_with", FOP_NOT_STARTS_WITH},
    {"_ends_with", FOP_ENDS_WITH},
    {"_not_ends_with", FOP_NOT_ENDS_WITH},
};

/* How many of filter_ops apply to a scalar field (a prefix of the table). */
static size_t n_filter_ops(const ModelField *f)
{
    if (f->is_list) return 0;
    switch (f->scalar) {
    case SCALAR_ID:
    case SCALAR_STRING:
        return 14;
    case SCALAR_INT:
    case SCALAR_FLOAT:
    case SCALAR_DATETIME:
        return 8;
    case SCALAR_ENUM:
        return 4;
    case SCALAR_BOOLEAN:
        return 2;
    case SCALAR_JSON:
        return 0;
    }
    return 0;
}

/* The field conditions shared by <M>Filter and <M>SubscriptionFilterNode. */
static void field_conditions(Builder *b, ArgList *l, const Model *m)
{
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation) continue;
        size_t n = n_filter_ops(f);
        for (size_t k = 0; k < n; k++) {
            const SType *e = scalar_elem_type(b, f);
            bool list = filter_ops[k].op == FOP_IN || filter_ops[k].op == FOP_NOT_IN;
            SInputValue *v = arg_add(b, l, internf(b, "%s%s", f->name, filter_ops[k].suffix),
                                     list ? ref_list_nn(b, e) : ref(b, e), IROLE_FILTER_SCALAR, f);
            v->op = filter_ops[k].op;
        }
    }
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (!f->is_relation) continue;
        const TypeRef *rf = ref(b, b->mt[f->related->index].filter);
        if (!f->is_list) {
            arg_add(b, l, f->name, rf, IROLE_FILTER_TO_ONE, f);
        } else {
            arg_add(b, l, internf(b, "%s_every", f->name), rf, IROLE_FILTER_EVERY, f);
            arg_add(b, l, internf(b, "%s_some", f->name), rf, IROLE_FILTER_SOME, f);
            arg_add(b, l, internf(b, "%s_none", f->name), rf, IROLE_FILTER_NONE, f);
        }
    }
}

static void build_filters(Builder *b, const Model *m)
{
    const ModelTypes *mt = &b->mt[m->index];
    ArgList fl = {0};
    arg_add(b, &fl, "AND", ref_list_nn(b, mt->filter), IROLE_FILTER_AND, NULL);
    arg_add(b, &fl, "OR", ref_list_nn(b, mt->filter), IROLE_FILTER_OR, NULL);
    field_conditions(b, &fl, m);
    type_set_input_fields(b, mt->filter, &fl);

    ArgList nl = {0};
    field_conditions(b, &nl, m);
    type_set_input_fields(b, mt->sub_filter_node, &nl);

    ArgList sl = {0};
    arg_add(b, &sl, "AND", ref_list_nn(b, mt->sub_filter), IROLE_FILTER_AND, NULL);
    arg_add(b, &sl, "OR", ref_list_nn(b, mt->sub_filter), IROLE_FILTER_OR, NULL);
    arg_add(b, &sl, "mutation_in", ref_list_nn(b, b->t_mutation_type), IROLE_SUB_MUTATION_IN, NULL);
    arg_add(b, &sl, "updatedFields_contains", ref(b, b->t_string), IROLE_SUB_UPDATED_CONTAINS,
            NULL);
    arg_add(b, &sl, "updatedFields_contains_every", ref_list_nn(b, b->t_string),
            IROLE_SUB_UPDATED_EVERY, NULL);
    arg_add(b, &sl, "updatedFields_contains_some", ref_list_nn(b, b->t_string),
            IROLE_SUB_UPDATED_SOME, NULL);
    arg_add(b, &sl, "node", ref(b, mt->sub_filter_node), IROLE_SUB_NODE, NULL);
    type_set_input_fields(b, mt->sub_filter, &sl);
}

/* ---- orderBy ---- */

static void build_order_by(Builder *b, const Model *m)
{
    ValueList vl = {0};
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation || f->is_list) continue;
        SEnumValue *asc = value_add(b, &vl, internf(b, "%s_ASC", f->name));
        asc->mfield = f;
        SEnumValue *desc = value_add(b, &vl, internf(b, "%s_DESC", f->name));
        desc->mfield = f;
        desc->desc = true;
    }
    type_set_values(b, b->mt[m->index].order_by, &vl);
}

/* ---- subscription payload ---- */

static void build_sub_types(Builder *b, const Model *m)
{
    const ModelTypes *mt = &b->mt[m->index];
    FieldList pv = {0};
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation) continue;
        SField *sf = field_add(b, &pv, f->name, NULL, scalar_out_type(b, f), FROLE_SCALAR);
        sf->model = m;
        sf->mfield = f;
    }
    type_set_fields(b, mt->previous, &pv);

    FieldList pl = {0};
    field_add(b, &pl, "mutation", NULL, ref_nn(b, ref(b, b->t_mutation_type)), FROLE_SUB_MUTATION);
    field_add(b, &pl, "node", NULL, ref(b, mt->object), FROLE_SUB_NODE);
    field_add(b, &pl, "updatedFields", NULL, ref_list_nn(b, b->t_string), FROLE_SUB_UPDATED_FIELDS);
    field_add(b, &pl, "previousValues", NULL, ref(b, mt->previous), FROLE_SUB_PREVIOUS);
    for (uint32_t i = 0; i < pl.n; i++)
        pl.items[i].model = m;
    type_set_fields(b, mt->sub_payload, &pl);
}

void build_model_types(Builder *b, const Model *m)
{
    build_object(b, m);
    build_filters(b, m);
    build_order_by(b, m);
    build_sub_types(b, m);
}
