/* fixture.h - builds a DataModel by hand for the schema tests, independent of the model
 * loader: models, scalar fields, enums and relations (side A given first), then
 * fx_finish() sorts everything and fills the indexes as model.h promises. */
#ifndef RELATA_TESTS_SCHEMA_FIXTURE_H
#define RELATA_TESTS_SCHEMA_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "model/model.h"

enum { FX_OPT = 0, FX_REQ = 1, FX_LIST = 2, FX_UNIQUE = 4, FX_DEFAULT = 8 };
enum { FX_ONE, FX_ONE_REQ, FX_MANY };

typedef struct Fx {
    DataModel *dm;
    PtrVec models, enums, relations;
    PtrVec fields[32]; /* per model, in creation order */
} Fx;

static Fx *fx_new(void)
{
    Fx *fx = calloc(1, sizeof *fx);
    fx->dm = calloc(1, sizeof *fx->dm);
    arena_init(&fx->dm->arena, 8192);
    return fx;
}

static ModelField *fx_field_(Fx *fx, Model *m, const char *name)
{
    ModelField *f = ARENA_NEW(&fx->dm->arena, ModelField);
    f->name = name;
    f->model = m;
    ptrvec_push(&fx->dm->arena, &fx->fields[m->index], f);
    return f;
}

/* A model with its `id` field; `plural` as Appendix A computes it. */
static Model *fx_model(Fx *fx, const char *name, const char *plural)
{
    Model *m = ARENA_NEW(&fx->dm->arena, Model);
    m->name = name;
    m->plural = plural;
    m->index = fx->models.n; /* creation index until fx_finish */
    ptrvec_push(&fx->dm->arena, &fx->models, m);
    ModelField *id = fx_field_(fx, m, "id");
    id->scalar = SCALAR_ID;
    id->required = id->is_unique = id->is_system = true;
    m->id_field = id;
    return m;
}

static ModelField *fx_scalar(Fx *fx, Model *m, const char *name, ScalarType t, int flags)
{
    ModelField *f = fx_field_(fx, m, name);
    f->scalar = t;
    f->required = flags & FX_REQ;
    f->is_list = flags & FX_LIST;
    f->is_unique = flags & FX_UNIQUE;
    f->has_default = flags & FX_DEFAULT;
    if (!strcmp(name, "createdAt") || !strcmp(name, "updatedAt")) {
        f->is_system = true;
        if (name[0] == 'c')
            m->declares_created_at = true;
        else
            m->declares_updated_at = true;
    }
    return f;
}

static ModelEnum *fx_enum(Fx *fx, const char *name, const char **values, uint32_t n)
{
    ModelEnum *e = ARENA_NEW(&fx->dm->arena, ModelEnum);
    e->name = name;
    e->values = values;
    e->n_values = n;
    ptrvec_push(&fx->dm->arena, &fx->enums, e);
    return e;
}

static ModelField *fx_enum_field(Fx *fx, Model *m, const char *name, ModelEnum *e, int flags)
{
    ModelField *f = fx_scalar(fx, m, name, SCALAR_ENUM, flags);
    f->enum_type = e;
    e->used = true;
    return f;
}

static ModelField *fx_rel_field_(Fx *fx, Model *m, const char *name, Model *to, int shape)
{
    ModelField *f = fx_field_(fx, m, name);
    f->is_relation = true;
    f->related = to;
    f->required = shape == FX_ONE_REQ;
    f->is_list = shape == FX_MANY;
    return f;
}

/* A relation between field fa on a (side A) and field fb on b. fb == NULL makes a
 * single-field self-relation (a must equal b). */
static ModelRelation *fx_relation(Fx *fx, const char *name, Model *a, const char *fa, int shape_a,
                                  Model *b, const char *fb, int shape_b)
{
    ModelRelation *r = ARENA_NEW(&fx->dm->arena, ModelRelation);
    r->name = name;
    r->model_a = a;
    r->model_b = b;
    r->field_a = fx_rel_field_(fx, a, fa, b, shape_a);
    r->field_a->is_side_a = true;
    if (fb) {
        r->field_b = fx_rel_field_(fx, b, fb, a, shape_b);
    } else {
        r->field_b = r->field_a;
        r->single_field = true;
        shape_b = shape_a;
    }
    r->field_a->relation = r->field_b->relation = r;
    r->field_a->opposite = r->field_b;
    r->field_b->opposite = r->field_a;
    r->is_self = a == b;
    bool many_a = shape_a == FX_MANY, many_b = shape_b == FX_MANY;
    r->kind = many_a && many_b   ? REL_MANY_TO_MANY
              : many_a || many_b ? REL_ONE_TO_MANY
                                 : REL_ONE_TO_ONE;
    ptrvec_push(&fx->dm->arena, &fx->relations, r);
    return r;
}

static int fx_cmp_model(const void *x, const void *y)
{
    return strcmp((*(Model *const *)x)->name, (*(Model *const *)y)->name);
}
static int fx_cmp_field(const void *x, const void *y)
{
    return strcmp((*(ModelField *const *)x)->name, (*(ModelField *const *)y)->name);
}
static int fx_cmp_enum(const void *x, const void *y)
{
    return strcmp((*(ModelEnum *const *)x)->name, (*(ModelEnum *const *)y)->name);
}
static int fx_cmp_rel(const void *x, const void *y)
{
    return strcmp((*(ModelRelation *const *)x)->name, (*(ModelRelation *const *)y)->name);
}

static DataModel *fx_finish(Fx *fx)
{
    DataModel *dm = fx->dm;
    Arena *a = &dm->arena;
    for (uint32_t i = 0; i < fx->models.n; i++) {
        Model *m = fx->models.items[i];
        PtrVec *v = &fx->fields[m->index];
        m->fields = arena_memdup(a, v->items, sizeof(void *) * v->n);
        m->n_fields = v->n;
        qsort(m->fields, m->n_fields, sizeof *m->fields, fx_cmp_field);
        for (uint32_t k = 0; k < m->n_fields; k++)
            m->fields[k]->index = k;
    }
    dm->models = arena_memdup(a, fx->models.items, sizeof(void *) * fx->models.n);
    dm->n_models = fx->models.n;
    qsort(dm->models, dm->n_models, sizeof *dm->models, fx_cmp_model);
    for (uint32_t i = 0; i < dm->n_models; i++)
        dm->models[i]->index = i;
    dm->enums = arena_memdup(a, fx->enums.items, sizeof(void *) * fx->enums.n);
    dm->n_enums = fx->enums.n;
    qsort(dm->enums, dm->n_enums, sizeof *dm->enums, fx_cmp_enum);
    for (uint32_t i = 0; i < dm->n_enums; i++)
        dm->enums[i]->index = i;
    dm->relations = arena_memdup(a, fx->relations.items, sizeof(void *) * fx->relations.n);
    dm->n_relations = fx->relations.n;
    qsort(dm->relations, dm->n_relations, sizeof *dm->relations, fx_cmp_rel);
    for (uint32_t i = 0; i < dm->n_relations; i++)
        dm->relations[i]->index = i;
    free(fx);
    return dm;
}

static void fx_free(DataModel *dm)
{
    arena_fini(&dm->arena);
    free(dm);
}

#endif
