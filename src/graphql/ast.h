/* ast.h - the GraphQL abstract syntax tree (executable and type-system documents).
 *
 * Built by gql_parse() in an arena; every node carries its 1-based line:column (columns
 * count Unicode code points, as GraphQL error locations do). Names are Str slices into
 * the source text, which must outlive the tree. String values are decoded (escapes and
 * block-string indentation processed) into the arena. Children are exact-size arrays
 * with a count. */
#ifndef RELATA_GRAPHQL_AST_H
#define RELATA_GRAPHQL_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/str.h"

typedef SrcLoc GqlLoc;

/* ---- values ---- */

typedef enum GqlValueKind {
    GQL_VAL_VARIABLE, /* str = variable name without '$' */
    GQL_VAL_INT,      /* str = literal text, e.g. "-42" */
    GQL_VAL_FLOAT,    /* str = literal text, e.g. "1.5e3" */
    GQL_VAL_STRING,   /* str = decoded content (also for block strings) */
    GQL_VAL_BOOLEAN,  /* boolean */
    GQL_VAL_NULL,
    GQL_VAL_ENUM,     /* str = enum value name */
    GQL_VAL_LIST,     /* items, n_items */
    GQL_VAL_OBJECT,   /* fields, n_fields */
} GqlValueKind;

typedef struct GqlValue GqlValue;

/* One `name: value` pair: an argument or an object field. */
typedef struct GqlArgument {
    Str name;
    GqlLoc loc; /* of the name */
    GqlValue *value;
} GqlArgument;

struct GqlValue {
    GqlValueKind kind;
    GqlLoc loc;
    bool boolean;
    bool block;         /* STRING: written as a block string """...""" */
    Str str;
    GqlValue **items;   /* LIST */
    uint32_t n_items;
    GqlArgument *fields; /* OBJECT */
    uint32_t n_fields;
};

/* ---- types ---- */

typedef enum GqlTypeKind { GQL_TYPE_NAMED, GQL_TYPE_LIST, GQL_TYPE_NON_NULL } GqlTypeKind;

typedef struct GqlTypeRef {
    GqlTypeKind kind;
    GqlLoc loc;
    Str name;               /* NAMED */
    struct GqlTypeRef *of;  /* LIST, NON_NULL */
} GqlTypeRef;

typedef struct GqlDirective {
    Str name; /* without '@' */
    GqlLoc loc; /* of the '@' */
    GqlArgument *args;
    uint32_t n_args;
} GqlDirective;

typedef struct GqlName {
    Str name;
    GqlLoc loc;
} GqlName;

/* ---- selections ---- */

typedef enum GqlSelKind {
    GQL_SEL_FIELD,
    GQL_SEL_FRAGMENT_SPREAD,
    GQL_SEL_INLINE_FRAGMENT,
} GqlSelKind;

typedef struct GqlSelection GqlSelection;

typedef struct GqlSelectionSet {
    GqlLoc loc; /* of the '{' */
    GqlSelection *items;
    uint32_t n;
} GqlSelectionSet;

struct GqlSelection {
    GqlSelKind kind;
    GqlLoc loc;             /* start of the selection (alias or name, '...') */
    Str alias;              /* FIELD: empty when there is no alias */
    Str name;               /* FIELD: field name; SPREAD: fragment name;
                               INLINE: type condition (empty if none) */
    GqlLoc name_loc;        /* FIELD: of the name; SPREAD/INLINE: of the name/condition */
    GqlArgument *args;      /* FIELD */
    uint32_t n_args;
    GqlDirective *directives;
    uint32_t n_directives;
    GqlSelectionSet *selection_set; /* FIELD (NULL if none), INLINE */
};

/* Response key of a field selection: the alias if any, else the name. */
static inline Str gql_response_key(const GqlSelection *s)
{
    return s->alias.len ? s->alias : s->name;
}

/* ---- definitions ---- */

typedef enum GqlDefKind {
    GQL_DEF_OPERATION,
    GQL_DEF_FRAGMENT,
    GQL_DEF_SCHEMA,
    GQL_DEF_SCALAR,
    GQL_DEF_OBJECT,
    GQL_DEF_INTERFACE,
    GQL_DEF_UNION,
    GQL_DEF_ENUM,
    GQL_DEF_INPUT,
    GQL_DEF_DIRECTIVE,
} GqlDefKind;

typedef enum GqlOpType { GQL_OP_QUERY, GQL_OP_MUTATION, GQL_OP_SUBSCRIPTION } GqlOpType;

typedef struct GqlVarDef {
    Str name; /* without '$' */
    GqlLoc loc; /* of the '$' */
    GqlTypeRef *type;
    GqlValue *default_value; /* NULL if none */
    GqlDirective *directives;
    uint32_t n_directives;
} GqlVarDef;

/* An argument definition or input field definition. */
typedef struct GqlInputValueDef {
    Str description; bool has_description;
    Str name;
    GqlLoc loc;
    GqlTypeRef *type;
    GqlValue *default_value; /* NULL if none */
    GqlDirective *directives;
    uint32_t n_directives;
} GqlInputValueDef;

typedef struct GqlFieldDef {
    Str description; bool has_description;
    Str name;
    GqlLoc loc;
    GqlInputValueDef *args;
    uint32_t n_args;
    GqlTypeRef *type;
    GqlDirective *directives;
    uint32_t n_directives;
} GqlFieldDef;

typedef struct GqlEnumValueDef {
    Str description; bool has_description;
    Str name;
    GqlLoc loc;
    GqlDirective *directives;
    uint32_t n_directives;
} GqlEnumValueDef;

typedef struct GqlRootOpDef {
    GqlOpType op;
    Str type_name;
    GqlLoc loc;
} GqlRootOpDef;

typedef struct GqlDefinition {
    GqlDefKind kind;
    GqlLoc loc;            /* first token of the definition (after the description) */
    bool is_extension;     /* `extend ...` */
    Str description; bool has_description;
    Str name;              /* operation (empty if anonymous), fragment, type, directive */
    GqlLoc name_loc;
    /* OPERATION */
    GqlOpType op;
    bool shorthand;        /* `{ ... }` without the `query` keyword */
    GqlVarDef *var_defs;
    uint32_t n_var_defs;
    /* FRAGMENT */
    GqlName type_condition;
    /* OPERATION, FRAGMENT, and every type-system definition */
    GqlDirective *directives;
    uint32_t n_directives;
    GqlSelectionSet *selection_set; /* OPERATION, FRAGMENT */
    /* OBJECT, INTERFACE */
    GqlName *interfaces;
    uint32_t n_interfaces;
    GqlFieldDef *fields;
    uint32_t n_fields;
    /* INPUT */
    GqlInputValueDef *input_fields;
    uint32_t n_input_fields;
    /* ENUM */
    GqlEnumValueDef *values;
    uint32_t n_values;
    /* UNION */
    GqlName *members;
    uint32_t n_members;
    /* SCHEMA */
    GqlRootOpDef *root_ops;
    uint32_t n_root_ops;
    /* DIRECTIVE */
    GqlInputValueDef *args;
    uint32_t n_args;
    bool repeatable;
    GqlName *locations;
    uint32_t n_locations;
} GqlDefinition;

typedef struct GqlDocument {
    GqlDefinition *defs;
    uint32_t n_defs;
} GqlDocument;

#endif
