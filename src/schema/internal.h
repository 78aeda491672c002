/* internal.h - the schema builder shared by the files of src/schema/.
 *
 * Building happens in two passes. First every per-model type gets an empty shell (so
 * that types referring to each other, like PostFilter and UserFilter, can point at one
 * another); then each file fills the members of its types. Members are collected in
 * growable lists and handed over to the type at the end, which also builds the hash
 * maps. Every name goes through intern(), so equal names share one pointer. */
#ifndef RELATA_SCHEMA_INTERNAL_H
#define RELATA_SCHEMA_INTERNAL_H

#include "schema/schema.h"

typedef struct ArgList { /* arguments or input fields, natural order */
    SInputValue *items;
    uint32_t n, cap;
} ArgList;

typedef struct FieldList {
    SField *items;
    uint32_t n, cap;
} FieldList;

typedef struct ValueList {
    SEnumValue *items;
    uint32_t n, cap;
} ValueList;

/* The per-model types, indexed by Model.index. */
typedef struct ModelTypes {
    SType *object, *filter, *sub_filter, *sub_filter_node, *order_by;
    SType *create; /* NULL when CreateArgs(M) is empty */
    SType *update, *previous, *sub_payload;
} ModelTypes;

typedef struct Builder {
    Schema *s;
    Arena *a; /* = &s->arena */
    const DataModel *dm;
    Map names;      /* interned names: name -> the one copy */
    PtrVec types;   /* every SType, unsorted */
    ModelTypes *mt; /* [dm->n_models] */
    SType **enums;  /* [dm->n_enums], created on first reference */
    SType *t_id, *t_string, *t_int, *t_float, *t_boolean;
    SType *t_datetime, *t_json; /* created on first reference */
    SType *t_node, *t_query_meta, *t_mutation_type;
} Builder;

/* names */
const char *intern(Builder *b, const char *p, size_t n);
const char *internf(Builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* types */
SType *type_new(Builder *b, const char *name, TypeKind kind, TypeRole role);
const TypeRef *ref(Builder *b, const SType *t);         /* T */
const TypeRef *ref_nn(Builder *b, const TypeRef *of);   /* T! */
const TypeRef *ref_list(Builder *b, const TypeRef *of); /* [T] */
const TypeRef *ref_list_nn(Builder *b, const SType *t); /* [T!] */

/* member lists */
SInputValue *arg_add(Builder *b, ArgList *l, const char *name, const TypeRef *t, InputRole role,
                     const ModelField *mf);
SField *field_add(Builder *b, FieldList *l, const char *name, ArgList *args, const TypeRef *t,
                  FieldRole role);
SEnumValue *value_add(Builder *b, ValueList *l, const char *name);
void type_set_fields(Builder *b, SType *t, FieldList *l);
void type_set_input_fields(Builder *b, SType *t, ArgList *l);
void type_set_values(Builder *b, SType *t, ValueList *l);
void args_attach(Builder *b, const SInputValue **out, uint32_t *n, Map *map, ArgList *l);

/* model-derived element types (model_types.c) */
const SType *scalar_elem_type(Builder *b, const ModelField *f);  /* E of a scalar field */
const TypeRef *scalar_out_type(Builder *b, const ModelField *f); /* T(f) */
void conn_args(Builder *b, ArgList *l, const Model *r);          /* filter ... last */

/* passes */
void build_model_shells(Builder *b);
void build_model_types(Builder *b, const Model *m); /* object, filters, orderBy, sub types */
void build_inputs(Builder *b, const Model *m);      /* Create<M>, Update<M>, nested */
void create_args(Builder *b, ArgList *l, const Model *m, const ModelRelation *omit);
void update_args(Builder *b, ArgList *l, const Model *m);
void build_roots(Builder *b);         /* Query, Mutation, Subscription */
void build_introspection(Builder *b); /* __Schema ... and the directives */

#endif
