/* internal.h - declarations shared by the files of src/model/ only. */
#ifndef RELATA_MODEL_INTERNAL_H
#define RELATA_MODEL_INTERNAL_H

#include "model/model.h"
#include "base/map.h"
#include "base/str.h"

#define MAX_NAME_LEN 64        /* models, enums, fields, relations (DATA-MODEL.md §8) */
#define MAX_ENUM_VALUE_LEN 191

/* ---- loader state, shared by load.c and the check passes ---- */

typedef struct ModelDecl {
    const GqlDefinition *def;
    Model *model;
    PtrVec fields;          /* ModelField*, document order */
} ModelDecl;

typedef struct TypeEntry {
    bool is_enum;
    ModelDecl *model;       /* !is_enum */
    ModelEnum *en;          /* is_enum */
} TypeEntry;

typedef struct RelField {
    ModelField *field;
    Str name;               /* @relation(name:) */
    GqlLoc loc;             /* of the field */
    const char *old_name;   /* @relation(oldName:) or NULL */
} RelField;

typedef struct Loader {
    DataModel *dm;
    Arena *a;               /* &dm->arena */
    Diag *d;
    uint32_t errors0;       /* d->count on entry */
    Map types;              /* model/enum name -> TypeEntry* */
    PtrVec models;          /* ModelDecl*, document order */
    PtrVec enums;           /* ModelEnum*, document order */
    PtrVec rel_fields;      /* RelField*, document order */
    PtrVec relations;       /* ModelRelation* */
} Loader;

static inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline bool is_alnum(char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'); }

/* ---- diagnose.c ---- */

/* Adds diagnostic `id` about `type` and `field` (either may be empty); returns it so a
 * Graphcool code can be set. */
DiagItem *model_report(Loader *l, const char *id, GqlLoc loc, Str type, Str field, const char *fmt,
                  ...) __attribute__((format(printf, 6, 7)));
/* NUL-terminated copy in the model arena. */
const char *model_dup(Loader *l, Str s);
/* `^[A-Z]...` (upper) or `^[a-z]...` then `[a-zA-Z0-9]*` (plus `_` when `underscore`),
 * at most `max` characters. */
bool model_name_ok(Str s, bool upper, bool underscore, size_t max);
/* ASCII case-insensitive equality. */
bool model_str_ieq(Str a, Str b);
/* The type expression as written, e.g. "[String]!" (for messages). */
const char *model_type_str(Loader *l, const GqlTypeRef *t);
const GqlArgument *model_dir_arg(const GqlDirective *dir, const char *name);
/* Reports every argument of `dir` whose name is not in `allowed` (NULL-terminated);
 * `on` names the field or type carrying the directive. */
void model_check_args(Loader *l, const GqlDirective *dir, const char *const *allowed, Str type,
                      Str field, Str on);
/* The decoded string argument `name`; NULL (after reporting when required or not a
 * string) otherwise. */
const char *model_string_arg(Loader *l, const GqlDirective *dir, const char *name,
                             bool required, Str type, Str field, Str on);
/* The `value:` argument of @defaultValue/@migrationValue and its text (the literal
 * `null` gives the text "null"); false after reporting when missing or not a literal
 * with a text form. */
bool model_value_arg(Loader *l, const GqlDirective *dir, Str type, Str field, Str on,
                     const GqlValue **val, Str *text);

/* ---- the passes ---- */

/* Pass A: one top-level definition (check_defs.c). */
void model_check_definition(Loader *l, const GqlDefinition *def);
/* Pass B: the fields of one model (check_fields.c). */
void model_check_fields(Loader *l, ModelDecl *md);
/* Pass C: relations from the collected relation fields (check_relations.c). */
void model_check_relations(Loader *l);

/* ---- other helpers ---- */

/* Text of a @defaultValue/@migrationValue literal (DATA-MODEL.md §5.2): a string gives
 * its content, numbers and enum values their literal text, booleans true/false. Returns
 * false for literals that have no text form (null, list, object, variable). */
bool model_literal_text(const GqlValue *v, Str *text);

/* Checks that the generated API names of a fully built model do not collide
 * (DATA-MODEL.md §8, SDL-NAME-COLLISION). Adds diagnostics to `d`; returns false if any. */
bool model_check_names(const DataModel *dm, Diag *d);

/* Copies `z` into the Diag's arena (DiagItem.type/.field must outlive the model). */
const char *model_diag_str(Diag *d, const char *z, size_t n);

#endif
