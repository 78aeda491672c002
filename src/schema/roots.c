/* roots.c - the root types (SIMPLE-API.md §3.5, §3.7-3.9): Query, Mutation with the node
 * and relation mutations and their payload types, and Subscription. Fields are added in
 * the natural order of §3.11. */
#include <string.h>

#include "schema/internal.h"

static bool is_user_model(const Model *m)
{
    return strcmp(m->name, "User") == 0;
}

static void build_query(Builder *b)
{
    const DataModel *dm = b->dm;
    SType *q = type_new(b, "Query", TK_OBJECT, TROLE_ROOT_QUERY);
    b->s->query = q;
    FieldList fl = {0};
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ArgList al = {0};
        conn_args(b, &al, m);
        SField *f = field_add(b, &fl, internf(b, "all%s", m->plural), &al,
                              ref_nn(b, ref_list_nn(b, b->mt[i].object)), FROLE_QUERY_ALL);
        f->model = m;
    }
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ArgList al = {0};
        conn_args(b, &al, m);
        SField *f = field_add(b, &fl, internf(b, "_all%sMeta", m->plural), &al,
                              ref_nn(b, ref(b, b->t_query_meta)), FROLE_QUERY_META);
        f->model = m;
    }
    const Model *user = NULL;
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        if (is_user_model(m)) user = m;
        ArgList al = {0};
        for (uint32_t k = 0; k < m->n_fields; k++) {
            const ModelField *u = m->fields[k];
            if (u->is_relation || u->is_list || !u->is_unique) continue;
            arg_add(b, &al, u->name, ref(b, scalar_elem_type(b, u)), IROLE_UNIQUE, u);
        }
        SField *f = field_add(b, &fl, m->name, &al, ref(b, b->mt[i].object), FROLE_QUERY_ONE);
        f->model = m;
    }
    if (user) {
        SField *f =
            field_add(b, &fl, "user", NULL, ref(b, b->mt[user->index].object), FROLE_QUERY_USER);
        f->model = user;
    }
    ArgList al = {0};
    arg_add(b, &al, "id", ref_nn(b, ref(b, b->t_id)), IROLE_NODE_ID, NULL);
    field_add(b, &fl, "node", &al, ref(b, b->t_node), FROLE_QUERY_NODE);
    type_set_fields(b, q, &fl);
}

/* ---- relation mutations ---- */

enum { SET, UNSET, ADD_TO, REMOVE_FROM };
static const char *const rel_verb[] = {"set", "unset", "addTo", "removeFrom"};
static const char *const rel_kind[] = {"Set", "Unset", "AddTo", "RemoveFrom"};
static const FieldRole rel_role[] = {FROLE_MUT_SET, FROLE_MUT_UNSET, FROLE_MUT_ADD,
                                     FROLE_MUT_REMOVE};

/* Whether relation mutation `verb` exists for `rel` (DATA-MODEL.md §7.2). */
static bool has_rel_mutation(const ModelRelation *rel, int verb)
{
    bool one_to_one = rel->kind == REL_ONE_TO_ONE;
    bool optional = !rel->field_a->required && !rel->field_b->required;
    switch (verb) {
    case SET:
        return one_to_one;
    case UNSET:
        return one_to_one && optional;
    case ADD_TO:
        return !one_to_one;
    default:
        return !one_to_one && optional;
    }
}

/* <verb><Rel>(<aName>Id: ID!, <bName>Id: ID!): <Kind><Rel>Payload, with the payload. */
static void relation_mutation(Builder *b, FieldList *fl, const ModelRelation *rel, int verb)
{
    const char *s1 = rel->single_field ? "1" : "", *s2 = rel->single_field ? "2" : "";
    const char *a_name = internf(b, "%s%s%s", rel->field_a->name, s1, rel->model_b->name);
    const char *b_name = internf(b, "%s%s%s", rel->field_b->name, s2, rel->model_a->name);

    SType *p = type_new(b, internf(b, "%s%sPayload", rel_kind[verb], rel->name), TK_OBJECT,
                        TROLE_RELATION_PAYLOAD);
    p->relation = rel;
    FieldList pl = {0};
    field_add(b, &pl, b_name, NULL, ref(b, b->mt[rel->model_a->index].object),
              FROLE_PAYLOAD_NODE_A);
    field_add(b, &pl, a_name, NULL, ref(b, b->mt[rel->model_b->index].object),
              FROLE_PAYLOAD_NODE_B);
    for (uint32_t i = 0; i < pl.n; i++)
        pl.items[i].relation = rel;
    type_set_fields(b, p, &pl);

    ArgList al = {0};
    arg_add(b, &al, internf(b, "%sId", a_name), ref_nn(b, ref(b, b->t_id)), IROLE_REL_B_ID,
            rel->field_a);
    arg_add(b, &al, internf(b, "%sId", b_name), ref_nn(b, ref(b, b->t_id)), IROLE_REL_A_ID,
            rel->field_b);
    SField *f = field_add(b, fl, internf(b, "%s%s", rel_verb[verb], rel->name), &al, ref(b, p),
                          rel_role[verb]);
    f->relation = rel;
}

static void create_mutation(Builder *b, FieldList *fl, const Model *m)
{
    ArgList al = {0};
    create_args(b, &al, m, NULL);
    SField *f = field_add(b, fl, internf(b, "create%s", m->name), &al,
                          ref(b, b->mt[m->index].object), FROLE_MUT_CREATE);
    f->model = m;
}

static void build_mutation(Builder *b)
{
    const DataModel *dm = b->dm;
    SType *t = type_new(b, "Mutation", TK_OBJECT, TROLE_ROOT_MUTATION);
    b->s->mutation = t;
    FieldList fl = {0};
    const Model *user = NULL;
    for (uint32_t i = 0; i < dm->n_models; i++) {
        /* Graphcool generated createUser in a separate path, hence last (§3.7). */
        if (is_user_model(dm->models[i]))
            user = dm->models[i];
        else
            create_mutation(b, &fl, dm->models[i]);
    }
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ArgList al = {0};
        update_args(b, &al, m);
        SField *f = field_add(b, &fl, internf(b, "update%s", m->name), &al, ref(b, b->mt[i].object),
                              FROLE_MUT_UPDATE);
        f->model = m;
    }
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ArgList al = {0};
        arg_add(b, &al, "update", ref_nn(b, ref(b, b->mt[i].update)), IROLE_UPSERT_UPDATE, NULL);
        if (b->mt[i].create)
            arg_add(b, &al, "create", ref_nn(b, ref(b, b->mt[i].create)), IROLE_UPSERT_CREATE,
                    NULL);
        SField *f = field_add(b, &fl, internf(b, "updateOrCreate%s", m->name), &al,
                              ref(b, b->mt[i].object), FROLE_MUT_UPSERT);
        f->model = m;
    }
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ArgList al = {0};
        arg_add(b, &al, "id", ref_nn(b, ref(b, b->t_id)), IROLE_ID, m->id_field);
        SField *f = field_add(b, &fl, internf(b, "delete%s", m->name), &al, ref(b, b->mt[i].object),
                              FROLE_MUT_DELETE);
        f->model = m;
    }
    for (int verb = SET; verb <= REMOVE_FROM; verb++)
        for (uint32_t i = 0; i < dm->n_relations; i++)
            if (has_rel_mutation(dm->relations[i], verb))
                relation_mutation(b, &fl, dm->relations[i], verb);
    if (user) create_mutation(b, &fl, user);
    type_set_fields(b, t, &fl);
}

static void build_subscription(Builder *b)
{
    const DataModel *dm = b->dm;
    SType *t = type_new(b, "Subscription", TK_OBJECT, TROLE_ROOT_SUBSCRIPTION);
    b->s->subscription = t;
    FieldList fl = {0};
    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        ArgList al = {0};
        arg_add(b, &al, "filter", ref(b, b->mt[i].sub_filter), IROLE_FILTER, NULL);
        SField *f = field_add(b, &fl, m->name, &al, ref(b, b->mt[i].sub_payload), FROLE_SUBSCRIBE);
        f->model = m;
    }
    type_set_fields(b, t, &fl);
}

void build_roots(Builder *b)
{
    build_query(b);
    /* Mutation and Subscription exist only with at least one field (§3.1). */
    if (b->dm->n_models == 0) return;
    build_mutation(b);
    build_subscription(b);
}
