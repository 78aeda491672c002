/* schema.h - the generated Simple API schema: a GraphQL type system in memory.
 *
 * schema_build() turns a DataModel into every type of SIMPLE-API.md §3 (queries,
 * mutations, subscriptions, filters, orderBy enums, inputs, payloads, Node, _QueryMeta),
 * plus the introspection types (__Schema, __Type, ...) and the standard directives. It is
 * built once at start-up and immutable afterwards; names are interned in the schema
 * arena, so two names from the schema compare by pointer. Lookups are by hash.
 *
 * Besides the GraphQL shape, fields, arguments and input fields carry *roles*: what the
 * generated element means for the data model (a model field, a filter operator, a create
 * mutation...). The executor dispatches on roles, never on name strings.
 *
 * Generated types, fields and arguments carry no description on purpose: tools print an
 * introspected schema with its descriptions, and it must equal the canonical SDL (the e2e
 * introspection test). Only the introspection types, directives and built-in scalars
 * have descriptions. Relation-mutation arguments have mfield = the field their name
 * starts with (<aName>Id: field A, <bName>Id: field B). */
#ifndef RELATA_SCHEMA_SCHEMA_H
#define RELATA_SCHEMA_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/map.h"
#include "graphql/ast.h"
#include "model/model.h"

typedef enum TypeKind {
    TK_SCALAR,
    TK_OBJECT,
    TK_INTERFACE,
    TK_UNION,
    TK_ENUM,
    TK_INPUT_OBJECT,
} TypeKind;

typedef struct SType SType;

typedef enum TypeRefKind { REF_NAMED, REF_LIST, REF_NON_NULL } TypeRefKind;

/* A type reference such as `[Post!]!`: a chain of wrappers ending in a named type. */
typedef struct TypeRef {
    TypeRefKind kind;
    const SType *named;        /* REF_NAMED */
    const struct TypeRef *of;  /* REF_LIST, REF_NON_NULL */
} TypeRef;

/* What a type stands for in the data model. */
typedef enum TypeRole {
    TROLE_NONE,
    TROLE_BUILTIN_SCALAR,      /* ID String Int Float Boolean */
    TROLE_DATETIME, TROLE_JSON,
    TROLE_USER_ENUM,           /* enum_type */
    TROLE_MODEL,               /* model object type */
    TROLE_NODE,                /* interface Node */
    TROLE_QUERY_META,          /* _QueryMeta */
    TROLE_MUTATION_TYPE_ENUM,  /* _ModelMutationType */
    TROLE_FILTER,              /* <M>Filter */
    TROLE_SUB_FILTER,          /* <M>SubscriptionFilter */
    TROLE_SUB_FILTER_NODE,     /* <M>SubscriptionFilterNode */
    TROLE_ORDER_BY,            /* <M>OrderBy */
    TROLE_CREATE_INPUT,        /* Create<M> */
    TROLE_UPDATE_INPUT,        /* Update<M> */
    TROLE_NESTED_CREATE,       /* <O><g><R>; nested_field is the relation field f */
    TROLE_RELATION_PAYLOAD,    /* Set/Unset/AddTo/RemoveFrom<Rel>Payload; relation */
    TROLE_SUB_PAYLOAD,         /* <M>SubscriptionPayload */
    TROLE_PREVIOUS_VALUES,     /* <M>PreviousValues */
    TROLE_ROOT_QUERY, TROLE_ROOT_MUTATION, TROLE_ROOT_SUBSCRIPTION,
    TROLE_INTROSPECTION,       /* __Schema, __Type, __Field, ... */
} TypeRole;

/* What a field of an object type resolves to. */
typedef enum FieldRole {
    FROLE_NONE,
    FROLE_SCALAR,              /* model scalar field: mfield */
    FROLE_RELATION,            /* model relation field: mfield */
    FROLE_RELATION_META,       /* _<f>Meta: mfield is the to-many relation field */
    FROLE_META_COUNT,          /* _QueryMeta.count */
    FROLE_QUERY_ALL,           /* all<P>: model */
    FROLE_QUERY_META,          /* _all<P>Meta: model */
    FROLE_QUERY_ONE,           /* <M>(unique args): model */
    FROLE_QUERY_NODE,          /* node(id:) */
    FROLE_QUERY_USER,          /* user */
    FROLE_MUT_CREATE,          /* create<M>: model */
    FROLE_MUT_UPDATE,          /* update<M>: model */
    FROLE_MUT_UPSERT,          /* updateOrCreate<M>: model */
    FROLE_MUT_DELETE,          /* delete<M>: model */
    FROLE_MUT_SET,             /* set<Rel>: relation */
    FROLE_MUT_UNSET,           /* unset<Rel>: relation */
    FROLE_MUT_ADD,             /* addTo<Rel>: relation */
    FROLE_MUT_REMOVE,          /* removeFrom<Rel>: relation */
    FROLE_PAYLOAD_NODE_A,      /* payload field <bName>: the A node */
    FROLE_PAYLOAD_NODE_B,      /* payload field <aName>: the B node */
    FROLE_SUBSCRIBE,           /* Subscription.<M>: model */
    FROLE_SUB_MUTATION, FROLE_SUB_NODE, FROLE_SUB_UPDATED_FIELDS, FROLE_SUB_PREVIOUS,
    FROLE_INTROSPECTION,       /* a field of an introspection type */
    FROLE_SCHEMA,              /* Query.__schema */
    FROLE_TYPE,                /* Query.__type */
} FieldRole;

/* What an argument or input field means. */
typedef enum InputRole {
    IROLE_NONE,
    /* connection arguments */
    IROLE_FILTER, IROLE_ORDER_BY, IROLE_SKIP, IROLE_AFTER, IROLE_BEFORE, IROLE_FIRST, IROLE_LAST,
    /* filter fields (mfield, op) */
    IROLE_FILTER_AND, IROLE_FILTER_OR,
    IROLE_FILTER_SCALAR,       /* mfield + op */
    IROLE_FILTER_TO_ONE,       /* f: RFilter */
    IROLE_FILTER_EVERY, IROLE_FILTER_SOME, IROLE_FILTER_NONE,
    /* subscription filter fields */
    IROLE_SUB_MUTATION_IN, IROLE_SUB_UPDATED_CONTAINS, IROLE_SUB_UPDATED_EVERY,
    IROLE_SUB_UPDATED_SOME, IROLE_SUB_NODE,
    /* single-node query argument: unique field mfield */
    IROLE_UNIQUE,
    /* create/update arguments and input fields */
    IROLE_ID,                  /* update's id: ID! */
    IROLE_SCALAR_VALUE,        /* writable scalar field mfield */
    IROLE_CONNECT_ONE,         /* <f>Id (mfield = f) */
    IROLE_CREATE_ONE,          /* <f>: N(f) */
    IROLE_CONNECT_MANY,        /* <f>Ids */
    IROLE_CREATE_MANY,         /* <f>: [N(f)!] */
    IROLE_UPSERT_UPDATE, IROLE_UPSERT_CREATE,
    IROLE_REL_A_ID,            /* <bName>Id: id of an A node */
    IROLE_REL_B_ID,            /* <aName>Id: id of a B node */
    IROLE_NODE_ID,             /* node(id:) */
} InputRole;

typedef enum FilterOp {
    FOP_EQ, FOP_NOT, FOP_IN, FOP_NOT_IN, FOP_LT, FOP_LTE, FOP_GT, FOP_GTE,
    FOP_CONTAINS, FOP_NOT_CONTAINS, FOP_STARTS_WITH, FOP_NOT_STARTS_WITH,
    FOP_ENDS_WITH, FOP_NOT_ENDS_WITH,
} FilterOp;

/* An argument definition or an input-object field. */
typedef struct SInputValue {
    const char *name;
    const char *description;   /* may be NULL */
    const TypeRef *type;
    const GqlValue *default_value; /* NULL if none */
    InputRole role;
    const ModelField *mfield;
    FilterOp op;
} SInputValue;

typedef struct SField {
    const char *name;
    const char *description;
    const SInputValue *args;
    uint32_t n_args;
    Map arg_map;               /* name -> SInputValue* */
    const TypeRef *type;
    bool deprecated;
    const char *deprecation_reason;
    FieldRole role;
    const Model *model;
    const ModelField *mfield;
    const ModelRelation *relation;
} SField;

typedef struct SEnumValue {
    const char *name;
    const char *description;
    bool deprecated;
    const char *deprecation_reason;
    const ModelField *mfield;  /* <M>OrderBy values: the field ordered by */
    bool desc;                 /* <M>OrderBy values: _DESC */
} SEnumValue;

struct SType {
    TypeKind kind;
    const char *name;
    const char *description;
    TypeRole role;
    const Model *model;        /* per-model types; TROLE_NESTED_CREATE: R, the model created */
    const ModelEnum *enum_type;/* TROLE_USER_ENUM */
    const ModelField *nested_field;    /* TROLE_NESTED_CREATE: the field g of the name
                                          <O><g><R>; both fields of a two-field
                                          self-relation share the type (g = field B), so
                                          take the direction from the argument's mfield */
    const ModelRelation *relation;     /* TROLE_RELATION_PAYLOAD, TROLE_NESTED_CREATE */
    /* OBJECT, INTERFACE (natural order) */
    const SField *fields;
    uint32_t n_fields;
    Map field_map;             /* name -> SField* */
    const SType **interfaces;  /* OBJECT */
    uint32_t n_interfaces;
    const SType **possible_types; /* INTERFACE, UNION */
    uint32_t n_possible_types;
    /* INPUT_OBJECT (natural order) */
    const SInputValue *input_fields;
    uint32_t n_input_fields;
    Map input_field_map;       /* name -> SInputValue* */
    /* ENUM (natural order) */
    const SEnumValue *values;
    uint32_t n_values;
    Map value_map;             /* name -> SEnumValue* */
};

typedef struct SDirective {
    const char *name;
    const char *description;
    const char **locations;    /* "QUERY", "FIELD", ... */
    uint32_t n_locations;
    const SInputValue *args;
    uint32_t n_args;
    Map arg_map;
    bool repeatable;
} SDirective;

typedef struct Schema {
    Arena arena;               /* owns everything below */
    const DataModel *dm;       /* borrowed; must outlive the schema */
    const SType *query, *mutation, *subscription; /* mutation/subscription NULL if absent */
    const SType **types;       /* every named type incl. introspection and built-in scalars,
                                  sorted by name */
    uint32_t n_types;
    Map type_map;              /* name -> SType* */
    const SDirective **directives; /* @skip @include @deprecated @specifiedBy */
    uint32_t n_directives;
    Map directive_map;
    /* frequently used */
    const SType *t_string, *t_int, *t_float, *t_boolean, *t_id;
    const SType **model_types; /* indexed by Model.index */
    const SType **filter_types;/* <M>Filter, indexed by Model.index */
    /* The meta fields Query.__schema (FROLE_SCHEMA) and Query.__type (FROLE_TYPE). They
     * are NOT in query->fields (so introspection of Query and the SDL printer never list
     * them) but ARE in query->field_map: stype_find_field(query, "__type") finds them.
     * __typename is not a schema field; the executor handles it on every type. */
    const SField *meta_schema, *meta_type;
} Schema;

/* Builds the schema for `dm` (borrowed, must outlive the result). Returns a new Schema;
 * free with schema_free. Generated-name collisions are detected by the model loader
 * (SDL-NAME-COLLISION), so this cannot fail. */
Schema *schema_build(const DataModel *dm);
void schema_free(Schema *s);

const SType *schema_find_type(const Schema *s, const char *name, size_t len);
const SDirective *schema_find_directive(const Schema *s, const char *name, size_t len);
const SField *stype_find_field(const SType *t, const char *name, size_t len);
const SInputValue *stype_find_input_field(const SType *t, const char *name, size_t len);
const SEnumValue *stype_find_value(const SType *t, const char *name, size_t len);
const SInputValue *sfield_find_arg(const SField *f, const char *name, size_t len);

/* Type reference helpers. */
static inline const SType *typeref_named(const TypeRef *r)
{
    while (r->kind != REF_NAMED) r = r->of;
    return r->named;
}
static inline bool typeref_non_null(const TypeRef *r) { return r->kind == REF_NON_NULL; }
/* Appends the GraphQL notation of `r` (e.g. "[Post!]!") to `out`. */
void typeref_print(const TypeRef *r, Buf *out);

/* Prints the schema as SDL in the canonical form of SIMPLE-API.md §3.11. */
void schema_print_canonical(const Schema *s, Buf *out);

#endif
