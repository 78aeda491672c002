/* plan.h - what the executor hands to resolvers: coerced input values and the
 * collected selection tree of one operation.
 *
 * exec/ builds these from the AST after validation: variables are substituted and every
 * argument is coerced to its schema type (so resolvers never see variables or literals);
 * fragments are merged and @skip/@include applied (GraphQL "CollectFields"), so a
 * PlanSel lists the response keys of one concrete object type in order. Everything is in
 * the request arena. */
#ifndef RELATA_EXEC_PLAN_H
#define RELATA_EXEC_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/str.h"
#include "graphql/ast.h"
#include "schema/schema.h"

typedef enum ValueKind {
    VAL_NULL,      /* explicit null */
    VAL_INT,       /* i (Int; also ID given as integer is converted to VAL_STRING) */
    VAL_FLOAT,     /* f */
    VAL_STRING,    /* s: String, ID, DateTime (as given), Json (JSON text or string) */
    VAL_BOOLEAN,   /* b */
    VAL_ENUM,      /* s = value name; ev = the schema enum value */
    VAL_LIST,      /* items */
    VAL_OBJECT,    /* fields: only the fields present in the input, in input order */
    VAL_JSON,      /* Json from a variable: s = compact JSON text of any JSON value */
} ValueKind;

typedef struct Value Value;

typedef struct ValueField {
    const SInputValue *def; /* the input field or argument definition */
    Value *value;
} ValueField;

struct Value {
    ValueKind kind;
    long long i;
    double f;
    bool b;
    Str s;
    const SEnumValue *ev;
    Value **items;
    uint32_t n_items;
    ValueField *fields;
    uint32_t n_fields;
};

/* Looks up a present input field / argument by role-carrying definition name. */
const Value *value_field(const Value *obj, const char *name);

typedef struct PlanSel PlanSel;

typedef struct PlanField {
    Str key;                 /* response key (alias or name) */
    const SField *field;     /* NULL for __typename */
    bool is_typename;
    GqlLoc loc;              /* of the field in the query (error locations) */
    ValueField *args;        /* coerced arguments actually given (explicit null included,
                                absent ones omitted; defaults of the schema applied) */
    uint32_t n_args;
    PlanSel *sel;            /* object/interface-typed fields: the sub-selection; for an
                                interface (Node) see PlanSel.by_type */
} PlanField;

struct PlanSel {
    const SType *type;       /* the concrete object type these fields apply to */
    PlanField *fields;
    uint32_t n;
    /* For a field of abstract type (node: Node), one selection per possible concrete
     * type, indexed by Model.index (NULL when the field type is concrete). */
    PlanSel **by_type;
};

/* Returns the argument value by name, or NULL if absent. */
const Value *plan_arg(const PlanField *f, const char *name);

/* One step of a response path: a response key, or a list index when key.ptr is NULL. */
typedef struct PathSeg {
    Str key;
    int index;
} PathSeg;

/* A field error raised by a resolver (ERRORS.md §1.1). `code` is the Graphcool code
 * (0 for an internal error: the executor then writes the "Whoops" message). `path` is
 * relative to the field the resolver was called for (empty: that field itself). */
typedef struct FieldError {
    int code;
    const char *message;
    PathSeg *path;
    uint32_t path_len;
    GqlLoc loc;              /* 0:0 = the location of the field the resolver was called for */
} FieldError;

#endif
