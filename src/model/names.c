/* names.c - generated API names that must not collide (DATA-MODEL.md §8,
 * SDL-NAME-COLLISION).
 *
 * Every name the Simple API derives from the model (SIMPLE-API.md §3.10 type names, root
 * fields of Query and Mutation, create/update arguments, relation mutation arguments) is
 * registered in its namespace together with a description of what it means. The same
 * name registered twice with the same meaning is fine (a two-field self-relation shares
 * one nested create type); with two different meanings the schema is rejected. */
#include "model/internal.h"

#include <string.h>

#include "base/map.h"

bool model_has_nested(const ModelField *f)
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

const char *model_nested_type_name(Arena *a, const ModelField *f)
{
    const ModelRelation *rel = f->relation;
    /* (O, g) is the model and field on the side opposite to R(f). */
    const Model *o = rel->model_a;
    const ModelField *g = rel->field_a;
    if (f->related == rel->model_a) {
        o = rel->model_b;
        g = rel->field_b;
    }
    return arena_printf(a, "%s%s%s", o->name, g->name, f->related->name);
}

typedef struct Meaning {
    const char *desc;   /* e.g. "the filter type of model Post" */
    SrcLoc loc;
    const char *type, *field;
    bool reported;
} Meaning;

typedef struct Names {
    Arena *a;           /* scratch */
    Diag *d;
    bool failed;
} Names;

static void add(Names *n, Map *ns, const char *name, const char *desc, SrcLoc loc,
                const char *type, const char *field)
{
    Meaning *old = map_getz(ns, name);
    if (!old) {
        Meaning *m = ARENA_NEW(n->a, Meaning);
        *m = (Meaning){desc, loc, type, field, false};
        map_put(ns, name, strlen(name), m);
        return;
    }
    if (strcmp(old->desc, desc) == 0 || old->reported) return;
    old->reported = true;
    n->failed = true;
    DiagItem *it = diag_add(n->d, "SDL-NAME-COLLISION", loc,
                            "The generated name %s would be used twice (by %s and %s).", name,
                            old->desc, desc);
    if (type) it->type = model_diag_str(n->d, type, strlen(type));
    if (field) it->field = model_diag_str(n->d, field, strlen(field));
}

/* The relation mutations generated for `r` (SIMPLE-API.md §3.8), as "set"/"Set" etc. */
static void relation_mutations(const ModelRelation *r, const char *kinds[2])
{
    bool required = r->field_a->required || r->field_b->required;
    bool one_to_one = r->kind == REL_ONE_TO_ONE;
    kinds[0] = one_to_one ? "set" : "addTo";
    kinds[1] = required ? NULL : one_to_one ? "unset" : "removeFrom";
}

bool model_check_names(const DataModel *dm, Diag *d)
{
    Arena scratch;
    arena_init(&scratch, 16 * 1024);
    Names n = {&scratch, d, false};
    Map types, query, mutation;
    map_init(&types, &scratch, 64);
    map_init(&query, &scratch, 64);
    map_init(&mutation, &scratch, 64);
    Arena *a = &scratch;
    SrcLoc none = {0, 0};

    static const char *const fixed[] = {"Query", "Mutation", "Subscription", "Node", "_QueryMeta",
                                        "_ModelMutationType", "DateTime", "Json", "ID", "String",
                                        "Int", "Float", "Boolean", NULL};
    for (const char *const *p = fixed; *p; p++)
        add(&n, &types, *p, arena_printf(a, "the built-in type %s", *p), none, NULL, NULL);
    add(&n, &query, "node", "the query node", none, NULL, NULL);

    for (uint32_t i = 0; i < dm->n_enums; i++) {
        const ModelEnum *e = dm->enums[i];
        add(&n, &types, e->name, arena_printf(a, "the enum %s", e->name), e->loc, e->name, NULL);
    }

    for (uint32_t i = 0; i < dm->n_models; i++) {
        const Model *m = dm->models[i];
        const char *M = m->name;
        static const char *const suffixes[] = {"",        "Filter",          "SubscriptionFilter",
                                               "SubscriptionFilterNode", "OrderBy",
                                               "PreviousValues", "SubscriptionPayload", NULL};
        static const char *const what[] = {"the model", "the filter type of model",
                                           "the subscription filter type of model",
                                           "the subscription filter node type of model",
                                           "the order type of model",
                                           "the previous values type of model",
                                           "the subscription payload type of model", NULL};
        for (int k = 0; suffixes[k]; k++)
            add(&n, &types, arena_printf(a, "%s%s", M, suffixes[k]),
                arena_printf(a, "%s %s", what[k], M), m->loc, M, NULL);
        bool writable = false;
        for (uint32_t k = 0; k < m->n_fields; k++)
            if (!m->fields[k]->is_system) writable = true;
        if (writable)
            add(&n, &types, arena_printf(a, "Create%s", M),
                arena_printf(a, "the create input type of model %s", M), m->loc, M, NULL);
        add(&n, &types, arena_printf(a, "Update%s", M),
            arena_printf(a, "the update input type of model %s", M), m->loc, M, NULL);

        add(&n, &query, arena_printf(a, "all%s", m->plural),
            arena_printf(a, "the list query of model %s", M), m->loc, M, NULL);
        add(&n, &query, arena_printf(a, "_all%sMeta", m->plural),
            arena_printf(a, "the count query of model %s", M), m->loc, M, NULL);
        add(&n, &query, M, arena_printf(a, "the single-node query of model %s", M), m->loc, M,
            NULL);
        if (strcmp(M, "User") == 0) add(&n, &query, "user", "the query user", m->loc, M, NULL);
        static const char *const verbs[] = {"create", "update", "updateOrCreate", "delete", NULL};
        for (int k = 0; verbs[k]; k++)
            add(&n, &mutation, arena_printf(a, "%s%s", verbs[k], M),
                arena_printf(a, "the %s mutation of model %s", verbs[k], M), m->loc, M, NULL);

        /* create/update arguments: scalar fields and <f>Id / <f>Ids of relation fields */
        Map args;
        map_init(&args, a, m->n_fields * 2 + 2);
        add(&n, &args, "id", "the field id", m->loc, M, "id");
        for (uint32_t k = 0; k < m->n_fields; k++) {
            const ModelField *f = m->fields[k];
            if (f->is_system) continue;
            add(&n, &args, f->name, arena_printf(a, "the field %s.%s", M, f->name), f->loc, M,
                f->name);
            if (f->is_relation)
                add(&n, &args, arena_printf(a, "%s%s", f->name, f->is_list ? "Ids" : "Id"),
                    arena_printf(a, "the id argument of the relation field %s.%s", M, f->name),
                    f->loc, M, f->name);
        }
        for (uint32_t k = 0; k < m->n_fields; k++) {
            const ModelField *f = m->fields[k];
            if (!f->is_relation || !model_has_nested(f)) continue;
            add(&n, &types, model_nested_type_name(a, f),
                arena_printf(a, "the nested create input type of relation %s (%s)",
                             f->relation->name,
                             f->related == f->relation->model_a ? "side B" : "side A"),
                f->loc, M, f->name);
        }
    }

    for (uint32_t i = 0; i < dm->n_relations; i++) {
        const ModelRelation *r = dm->relations[i];
        const char *kinds[2];
        relation_mutations(r, kinds);
        for (int k = 0; k < 2; k++) {
            if (!kinds[k]) continue;
            char *payload = arena_printf(a, "%s%sPayload", kinds[k], r->name);
            payload[0] = (char)(payload[0] - 'a' + 'A');
            add(&n, &types, payload, arena_printf(a, "the payload type of relation %s", r->name),
                r->field_a->loc, r->model_a->name, r->field_a->name);
            add(&n, &mutation, arena_printf(a, "%s%s", kinds[k], r->name),
                arena_printf(a, "the %s mutation of relation %s", kinds[k], r->name),
                r->field_a->loc, r->model_a->name, r->field_a->name);
        }
        /* aName / bName: payload fields and <..>Id arguments */
        const char *s1 = r->single_field ? "1" : "", *s2 = r->single_field ? "2" : "";
        Map sides;
        map_init(&sides, a, 4);
        add(&n, &sides, arena_printf(a, "%s%s%s", r->field_a->name, s1, r->model_b->name),
            arena_printf(a, "side A of relation %s", r->name), r->field_a->loc,
            r->model_a->name, r->field_a->name);
        add(&n, &sides, arena_printf(a, "%s%s%s", r->field_b->name, s2, r->model_a->name),
            arena_printf(a, "side B of relation %s", r->name), r->field_b->loc,
            r->model_b->name, r->field_b->name);
    }
    arena_fini(&scratch);
    return !n.failed;
}
