/* model.h - the data model: `types.graphql` loaded, validated and frozen.
 *
 * model_load() parses the file (graphql/parser.h), checks every rule of DATA-MODEL.md
 * (reporting all violations with their SDL-* identifiers) and builds this immutable
 * structure, which lives for the whole process. Everything the generated API's names
 * depend on is computed here: field order (by name, byte order), plurals (SIMPLE-API.md
 * Appendix A), relation sides A/B (DATA-MODEL.md §7.3) and relation kinds. */
#ifndef RELATA_MODEL_MODEL_H
#define RELATA_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "graphql/ast.h"

typedef enum ScalarType {
    SCALAR_ID,
    SCALAR_STRING,
    SCALAR_INT,
    SCALAR_FLOAT,
    SCALAR_BOOLEAN,
    SCALAR_DATETIME,
    SCALAR_JSON,
    SCALAR_ENUM,
} ScalarType;

typedef struct Model Model;
typedef struct ModelField ModelField;
typedef struct ModelRelation ModelRelation;

typedef struct ModelEnum {
    const char *name;
    const char **values;   /* declaration order */
    uint32_t n_values;
    GqlLoc loc;
    bool used;             /* some field uses it (only used enums appear in the API) */
    uint32_t index;        /* position in DataModel.enums */
    /* temporary migration directives (DATA-MODEL.md §9), NULL when absent */
    const char *rename_from;    /* @rename(oldName:) */
    const char *migration_text; /* @migrationValue(value:) as text (§5.2 conversion) */
} ModelEnum;

typedef enum RelationKind {
    REL_ONE_TO_ONE,
    REL_ONE_TO_MANY,       /* one field to-one, the other to-many */
    REL_MANY_TO_MANY,
} RelationKind;

struct ModelField {
    const char *name;
    Model *model;              /* owner */
    uint32_t index;            /* position in model->fields (field order) */
    GqlLoc loc;
    bool is_relation;
    bool required;             /* `T!` / `[T!]!` (to-many relation fields: false) */
    bool is_list;              /* `[T!]`, `[T!]!`, and to-many relation fields */
    bool is_unique;            /* @isUnique (always for id) */
    bool is_system;            /* id, createdAt, updatedAt */
    /* scalar fields */
    ScalarType scalar;
    const ModelEnum *enum_type; /* SCALAR_ENUM */
    bool has_default;
    const char *default_text;  /* @defaultValue as text (DATA-MODEL.md §5.2) */
    GqlValue *default_value;   /* the default as a GraphQL input literal of the field's
                                  API type (Json: a STRING holding JSON text; lists: LIST) */
    /* relation fields */
    Model *related;            /* R(f) */
    ModelRelation *relation;
    bool is_side_a;            /* this is field A of the relation (single-field self-relation:
                                  true, and the field is both A and B) */
    ModelField *opposite;      /* g(f); the field itself for a single-field self-relation */
    /* temporary migration directives (DATA-MODEL.md §9), NULL when absent */
    const char *rename_from;    /* @rename(oldName:) */
    const char *migration_text; /* @migrationValue(value:) as text (§5.2 conversion) */
};

struct ModelRelation {
    const char *name;          /* as declared, e.g. "PostAuthor" */
    uint32_t index;            /* position in DataModel.relations (sorted by name) */
    RelationKind kind;
    Model *model_a, *model_b;
    ModelField *field_a, *field_b; /* equal for a single-field self-relation */
    bool is_self;              /* model_a == model_b */
    bool single_field;         /* single-field self-relation (symmetric) */
    const char *old_name;      /* @relation(oldName:) of field A (else of field B), or NULL */
};

struct Model {
    const char *name;
    const char *plural;        /* P(M), e.g. "Posts" */
    uint32_t index;            /* position in DataModel.models (sorted by name) */
    GqlLoc loc;
    ModelField **fields;       /* field order: sorted by name, byte order */
    uint32_t n_fields;
    ModelField *id_field;
    bool declares_created_at, declares_updated_at; /* system timestamps declared */
    const char *rename_from;   /* @rename(oldName:) (DATA-MODEL.md §9), or NULL */
};

typedef struct DataModel {
    Arena arena;               /* owns everything below */
    const char *filename;
    char *source;              /* copy of the file text (AST slices point into it) */
    size_t source_len;
    Model **models;            /* sorted by name */
    uint32_t n_models;
    ModelEnum **enums;         /* sorted by name */
    uint32_t n_enums;
    ModelRelation **relations; /* sorted by name */
    uint32_t n_relations;
} DataModel;

/* Loads and validates a model from `src`. On success returns a new DataModel (free with
 * model_free) and leaves `d` untouched; on failure returns NULL and adds every violation
 * found to `d` (with id, message, loc, type and field). A syntax error yields exactly one
 * SDL-SYNTAX diagnostic. `filename` is copied. */
DataModel *model_load(const char *src, size_t len, const char *filename, Diag *d);
/* Reads the file and calls model_load; a read failure adds an "IO" diagnostic. */
DataModel *model_load_file(const char *path, Diag *d);
void model_free(DataModel *dm);

const Model *model_find(const DataModel *dm, const char *name, size_t len);
const ModelField *model_find_field(const Model *m, const char *name, size_t len);

/* Parses a default/migration value text (DATA-MODEL.md §5.2) for the type of scalar
 * field `f` (its scalar, enum_type and is_list). On success stores a literal of the
 * field's API type, allocated from `a`, and returns true (Json: STRING holding compact
 * JSON; DateTime: STRING in output form; lists: LIST). Returns false for invalid text,
 * including the text `null` and values over the size limits. */
bool model_value_from_text(Arena *a, const ModelField *f, const char *text, size_t n,
                           GqlValue **out);

/* HasNested(f) of SIMPLE-API.md §3.6 for relation field `f`: true iff the related model
 * has a writable field other than a to-one field of f's own relation. */
bool model_has_nested(const ModelField *f);

/* N(f), the nested create input type name of relation field `f` (SIMPLE-API.md §3.6):
 * `<O><g><R>`, e.g. "UserpostsPost"; both fields of a two-field self-relation get the
 * name built from field B. Allocated from `a`. */
const char *model_nested_type_name(Arena *a, const ModelField *f);

/* Plural of a model name per SIMPLE-API.md Appendix A, e.g. "Hobby" -> "Hobbies".
 * Returns a string allocated from `a`. */
const char *model_pluralize(Arena *a, const char *name);

#endif
