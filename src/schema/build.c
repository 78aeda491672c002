/* build.c - schema_build(): runs the passes of the builder (see internal.h), then sorts
 * the type list; plus the builder's small helpers (interning, type references, member
 * lists) and the lookup functions of schema.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"

/* ---- names ---- */

const char *intern(Builder *b, const char *p, size_t n)
{
    const char *got = map_get(&b->names, p, n);
    if (got) return got;
    char *copy = arena_strndup(b->a, p, n);
    map_put(&b->names, copy, n, copy);
    return copy;
}

const char *internf(Builder *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n < sizeof small) return intern(b, small, (size_t)n);
    /* Names are at most a few hundred bytes (64-byte model and field names). */
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    const char *r = intern(b, big, (size_t)n);
    free(big);
    return r;
}

/* ---- types and references ---- */

SType *type_new(Builder *b, const char *name, TypeKind kind, TypeRole role)
{
    name = intern(b, name, strlen(name));
    if (map_getz(&b->s->type_map, name)) {
        /* The model loader rejects colliding generated names (SDL-NAME-COLLISION), so
         * this is a bug there, not a user error; continuing would corrupt lookups. */
        fprintf(stderr, "relata: internal error: generated type name %s defined twice\n", name);
        abort();
    }
    SType *t = ARENA_NEW(b->a, SType);
    t->kind = kind;
    t->name = name;
    t->role = role;
    map_put(&b->s->type_map, name, strlen(name), t);
    ptrvec_push(b->a, &b->types, t);
    return t;
}

const TypeRef *ref(Builder *b, const SType *t)
{
    TypeRef *r = ARENA_NEW(b->a, TypeRef);
    r->kind = REF_NAMED;
    r->named = t;
    return r;
}

const TypeRef *ref_nn(Builder *b, const TypeRef *of)
{
    TypeRef *r = ARENA_NEW(b->a, TypeRef);
    r->kind = REF_NON_NULL;
    r->of = of;
    return r;
}

const TypeRef *ref_list(Builder *b, const TypeRef *of)
{
    TypeRef *r = ARENA_NEW(b->a, TypeRef);
    r->kind = REF_LIST;
    r->of = of;
    return r;
}

const TypeRef *ref_list_nn(Builder *b, const SType *t)
{
    return ref_list(b, ref_nn(b, ref(b, t)));
}

/* ---- member lists ---- */

/* Grows an arena array by doubling; the old copy is left to the arena. */
static void *grow(Builder *b, void *items, uint32_t n, uint32_t *cap, size_t sz)
{
    if (n < *cap) return items;
    uint32_t ncap = *cap ? *cap * 2 : 8;
    void *p = arena_zalloc(b->a, sz * ncap);
    if (n) memcpy(p, items, sz * n);
    *cap = ncap;
    return p;
}

SInputValue *arg_add(Builder *b, ArgList *l, const char *name, const TypeRef *t, InputRole role,
                     const ModelField *mf)
{
    l->items = grow(b, l->items, l->n, &l->cap, sizeof *l->items);
    SInputValue *v = &l->items[l->n++];
    v->name = intern(b, name, strlen(name));
    v->type = t;
    v->role = role;
    v->mfield = mf;
    return v;
}

void args_attach(Builder *b, const SInputValue **out, uint32_t *n, Map *map, ArgList *l)
{
    *out = l ? l->items : NULL;
    *n = l ? l->n : 0;
    map_init(map, b->a, *n);
    for (uint32_t i = 0; i < *n; i++)
        map_put(map, (*out)[i].name, strlen((*out)[i].name), (void *)&(*out)[i]);
}

SField *field_add(Builder *b, FieldList *l, const char *name, ArgList *args, const TypeRef *t,
                  FieldRole role)
{
    l->items = grow(b, l->items, l->n, &l->cap, sizeof *l->items);
    SField *f = &l->items[l->n++];
    f->name = intern(b, name, strlen(name));
    f->type = t;
    f->role = role;
    args_attach(b, &f->args, &f->n_args, &f->arg_map, args);
    return f;
}

SEnumValue *value_add(Builder *b, ValueList *l, const char *name)
{
    l->items = grow(b, l->items, l->n, &l->cap, sizeof *l->items);
    SEnumValue *v = &l->items[l->n++];
    v->name = intern(b, name, strlen(name));
    return v;
}

void type_set_fields(Builder *b, SType *t, FieldList *l)
{
    t->fields = l->items;
    t->n_fields = l->n;
    map_init(&t->field_map, b->a, l->n);
    for (uint32_t i = 0; i < l->n; i++)
        map_put(&t->field_map, l->items[i].name, strlen(l->items[i].name), &l->items[i]);
}

void type_set_input_fields(Builder *b, SType *t, ArgList *l)
{
    args_attach(b, &t->input_fields, &t->n_input_fields, &t->input_field_map, l);
}

void type_set_values(Builder *b, SType *t, ValueList *l)
{
    t->values = l->items;
    t->n_values = l->n;
    map_init(&t->value_map, b->a, l->n);
    for (uint32_t i = 0; i < l->n; i++)
        map_put(&t->value_map, l->items[i].name, strlen(l->items[i].name), &l->items[i]);
}

/* ---- the build ---- */

static int cmp_type_name(const void *x, const void *y)
{
    const SType *a = *(const SType *const *)x, *b = *(const SType *const *)y;
    return strcmp(a->name, b->name);
}

static void build_fixed(Builder *b)
{
    b->t_id = type_new(b, "ID", TK_SCALAR, TROLE_BUILTIN_SCALAR);
    b->t_string = type_new(b, "String", TK_SCALAR, TROLE_BUILTIN_SCALAR);
    b->t_int = type_new(b, "Int", TK_SCALAR, TROLE_BUILTIN_SCALAR);
    b->t_float = type_new(b, "Float", TK_SCALAR, TROLE_BUILTIN_SCALAR);
    b->t_boolean = type_new(b, "Boolean", TK_SCALAR, TROLE_BUILTIN_SCALAR);

    b->t_node = type_new(b, "Node", TK_INTERFACE, TROLE_NODE);
    FieldList fl = {0};
    field_add(b, &fl, "id", NULL, ref_nn(b, ref(b, b->t_id)), FROLE_NONE);
    type_set_fields(b, b->t_node, &fl);
    /* possible_types: every model type, filled by build_model_shells. */

    if (b->dm->n_models == 0) return;
    b->t_query_meta = type_new(b, "_QueryMeta", TK_OBJECT, TROLE_QUERY_META);
    FieldList ml = {0};
    field_add(b, &ml, "count", NULL, ref_nn(b, ref(b, b->t_int)), FROLE_META_COUNT);
    type_set_fields(b, b->t_query_meta, &ml);

    b->t_mutation_type = type_new(b, "_ModelMutationType", TK_ENUM, TROLE_MUTATION_TYPE_ENUM);
    ValueList vl = {0};
    value_add(b, &vl, "CREATED");
    value_add(b, &vl, "UPDATED");
    value_add(b, &vl, "DELETED");
    type_set_values(b, b->t_mutation_type, &vl);
}

Schema *schema_build(const DataModel *dm)
{
    Schema *s = xcalloc(1, sizeof *s);
    arena_init(&s->arena, 64 * 1024);
    s->dm = dm;
    Builder bb = {0}, *b = &bb;
    b->s = s;
    b->a = &s->arena;
    b->dm = dm;
    map_init(&b->names, b->a, 1024);
    map_init(&s->type_map, b->a, 64 + 16 * dm->n_models);
    b->mt = ARENA_ARRAY(b->a, ModelTypes, dm->n_models + 1);
    b->enums = ARENA_ARRAY(b->a, SType *, dm->n_enums + 1);

    build_fixed(b);
    build_model_shells(b);
    for (uint32_t i = 0; i < dm->n_models; i++)
        build_model_types(b, dm->models[i]);
    for (uint32_t i = 0; i < dm->n_models; i++)
        build_inputs(b, dm->models[i]);
    build_roots(b);
    build_introspection(b);

    s->t_id = b->t_id;
    s->t_string = b->t_string;
    s->t_int = b->t_int;
    s->t_float = b->t_float;
    s->t_boolean = b->t_boolean;
    const SType **models = ARENA_ARRAY(b->a, const SType *, dm->n_models + 1);
    const SType **filters = ARENA_ARRAY(b->a, const SType *, dm->n_models + 1);
    for (uint32_t i = 0; i < dm->n_models; i++) {
        models[i] = b->mt[i].object;
        filters[i] = b->mt[i].filter;
    }
    s->model_types = models;
    s->filter_types = filters;

    s->n_types = b->types.n;
    s->types = arena_memdup(b->a, b->types.items, sizeof(SType *) * b->types.n);
    qsort((void *)s->types, s->n_types, sizeof *s->types, cmp_type_name);
    return s;
}

void schema_free(Schema *s)
{
    if (!s) return;
    arena_fini(&s->arena);
    free(s);
}

/* ---- lookups ---- */

const SType *schema_find_type(const Schema *s, const char *name, size_t len)
{
    return map_get(&s->type_map, name, len);
}

const SDirective *schema_find_directive(const Schema *s, const char *name, size_t len)
{
    return map_get(&s->directive_map, name, len);
}

const SField *stype_find_field(const SType *t, const char *name, size_t len)
{
    return map_get(&t->field_map, name, len);
}

const SInputValue *stype_find_input_field(const SType *t, const char *name, size_t len)
{
    return map_get(&t->input_field_map, name, len);
}

const SEnumValue *stype_find_value(const SType *t, const char *name, size_t len)
{
    return map_get(&t->value_map, name, len);
}

const SInputValue *sfield_find_arg(const SField *f, const char *name, size_t len)
{
    return map_get(&f->arg_map, name, len);
}
