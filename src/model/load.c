/* load.c - `types.graphql` -> DataModel: parse, check every rule, build.
 *
 * The SDL is parsed with gql_parse() into the model's own arena (the DataModel keeps a
 * copy of the source, so AST slices stay valid while we work). Checking runs in passes
 * and collects every violation (DATA-MODEL.md §10) instead of stopping at the first:
 *   A. definitions: kinds, names, duplicates, type directives, enums;
 *   B. fields of each model: names, system fields, types and shapes, directives,
 *      defaults; relation fields are gathered with their @relation names;
 *   C. relations: fields grouped by name, counts, mutual types, name rules; sides.
 * Only a model that passed A-C is built (field order, plurals, sides, enum use) and then
 * checked for colliding generated names (names.c), which needs the finished structure. */
#include "model/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/map.h"
#include "graphql/parser.h"

#define MAX_NAME_LEN 64
#define MAX_ENUM_VALUE_LEN 191

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

static const char *const reserved_type_names[] = {
    "String", "Int", "Float", "Boolean", "ID", "DateTime", "Json", "Password", "GraphQLID",
    "Enum", "Relation", "Query", "Mutation", "Subscription", "Node", "PageInfo", "Viewer",
    NULL};

/* ---- diagnostics ---- */

const char *model_diag_str(Diag *d, const char *z, size_t n)
{
    return z ? arena_strndup(d->arena, z, n) : NULL;
}

/* Adds diagnostic `id` about type `type` and field `field` (either may be empty). */
static void __attribute__((format(printf, 6, 7)))
report(Loader *l, const char *id, GqlLoc loc, Str type, Str field, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    const char *msg = small;
    if (n >= (int)sizeof small) {
        char *big = arena_alloc(l->a, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        msg = big;
    }
    DiagItem *it = diag_add(l->d, id, loc, "%s", msg);
    if (type.len) it->type = model_diag_str(l->d, type.ptr, type.len);
    if (field.len) it->field = model_diag_str(l->d, field.ptr, field.len);
}

static bool has_errors(const Loader *l) { return l->d->count > l->errors0; }

/* The passes find errors out of document order (all names first, then fields, then
 * relations); a stable sort of our diagnostics by position reads better. Diagnostics
 * without a position keep their place at the end. */
static void sort_diags(Loader *l)
{
    DiagItem *v = l->d->items + l->errors0;
    uint32_t n = l->d->count - l->errors0;
    for (uint32_t i = 1; i < n; i++) {
        DiagItem x = v[i];
        uint64_t kx = x.loc.line ? (uint64_t)x.loc.line << 32 | x.loc.col : UINT64_MAX;
        uint32_t j = i;
        while (j > 0) {
            SrcLoc p = v[j - 1].loc;
            uint64_t kp = p.line ? (uint64_t)p.line << 32 | p.col : UINT64_MAX;
            if (kp <= kx) break;
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* ---- small helpers ---- */

static const char *dup_str(Loader *l, Str s) { return arena_strndup(l->a, s.ptr, s.len); }

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_alnum(char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'); }

/* `^[A-Z][a-zA-Z0-9]*$` (upper) or `^[a-z][a-zA-Z0-9]*$`, `_` allowed after the first
 * character when `underscore`, at most `max` characters. */
static bool name_ok(Str s, bool upper, bool underscore, size_t max)
{
    if (s.len == 0 || s.len > max) return false;
    if (upper ? !is_upper(s.ptr[0]) : !is_lower(s.ptr[0])) return false;
    for (size_t i = 1; i < s.len; i++)
        if (!is_alnum(s.ptr[i]) && !(underscore && s.ptr[i] == '_')) return false;
    return true;
}

static bool str_ieq(Str a, Str b)
{
    if (a.len != b.len) return false;
    for (size_t i = 0; i < a.len; i++) {
        char x = a.ptr[i], y = b.ptr[i];
        if (is_upper(x)) x = (char)(x - 'A' + 'a');
        if (is_upper(y)) y = (char)(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

static void type_text(Buf *b, const GqlTypeRef *t)
{
    switch (t->kind) {
    case GQL_TYPE_NAMED: buf_put_str(b, t->name); break;
    case GQL_TYPE_LIST:
        buf_putc(b, '[');
        type_text(b, t->of);
        buf_putc(b, ']');
        break;
    case GQL_TYPE_NON_NULL:
        type_text(b, t->of);
        buf_putc(b, '!');
        break;
    }
}

/* The type expression as written, e.g. "[String]!" (for messages). */
static const char *type_str(Loader *l, const GqlTypeRef *t)
{
    Buf b;
    buf_init(&b, l->a, 32);
    type_text(&b, t);
    return b.data;
}

static const GqlArgument *dir_arg(const GqlDirective *dir, const char *name)
{
    for (uint32_t i = 0; i < dir->n_args; i++)
        if (str_eqz(dir->args[i].name, name)) return &dir->args[i];
    return NULL;
}

/* Reports every argument of `dir` not in `allowed` (NULL-terminated). `on` names the
 * field or type carrying the directive. */
static void check_no_other_args(Loader *l, const GqlDirective *dir, const char *const *allowed,
                                Str type, Str field, Str on)
{
    for (uint32_t i = 0; i < dir->n_args; i++) {
        bool ok = false;
        for (const char *const *p = allowed; *p; p++)
            if (str_eqz(dir->args[i].name, *p)) ok = true;
        if (!ok)
            report(l, "SDL-DIRECTIVE-ARGUMENT", dir->args[i].loc, type, field,
                   "The directive @%.*s on %.*s does not take the argument %.*s.",
                   STR_FMT(dir->name), STR_FMT(on), STR_FMT(dir->args[i].name));
    }
}

/* A required/optional string argument: returns its decoded text (NULL if absent or not
 * a string, after reporting when required or mistyped). */
static const char *string_arg(Loader *l, const GqlDirective *dir, const char *name,
                              bool required, Str type, Str field, Str on)
{
    const GqlArgument *arg = dir_arg(dir, name);
    if (arg && arg->value->kind == GQL_VAL_STRING) return dup_str(l, arg->value->str);
    if (arg || required)
        report(l, "SDL-DIRECTIVE-ARGUMENT", arg ? arg->loc : dir->loc, type, field,
               "The directive @%.*s on %.*s requires the argument %s.", STR_FMT(dir->name),
               STR_FMT(on), name);
    return NULL;
}

/* The `value:` of @defaultValue/@migrationValue as text; NULL after reporting. */
static bool value_arg_text(Loader *l, const GqlDirective *dir, Str type, Str field, Str on,
                           const GqlValue **val, Str *text)
{
    const GqlArgument *arg = dir_arg(dir, "value");
    if (arg && model_literal_text(arg->value, text)) {
        *val = arg->value;
        return true;
    }
    if (arg && arg->value->kind == GQL_VAL_NULL) {
        *val = arg->value;
        *text = STR_LIT("null");
        return true; /* rejected by the type check, as the text `null` */
    }
    report(l, "SDL-DIRECTIVE-ARGUMENT", arg ? arg->loc : dir->loc, type, field,
           "The directive @%.*s on %.*s requires the argument value.", STR_FMT(dir->name),
           STR_FMT(on));
    return false;
}

/* ---- pass A: definitions ---- */

static const char *def_kind_word(const GqlDefinition *def)
{
    if (def->is_extension) {
        switch (def->kind) {
        case GQL_DEF_SCHEMA: return "extend schema";
        case GQL_DEF_SCALAR: return "extend scalar";
        case GQL_DEF_OBJECT: return "extend type";
        case GQL_DEF_INTERFACE: return "extend interface";
        case GQL_DEF_UNION: return "extend union";
        case GQL_DEF_ENUM: return "extend enum";
        case GQL_DEF_INPUT: return "extend input";
        default: return "extension";
        }
    }
    switch (def->kind) {
    case GQL_DEF_OPERATION:
        return def->op == GQL_OP_MUTATION       ? "mutation"
               : def->op == GQL_OP_SUBSCRIPTION ? "subscription"
                                                : "query";
    case GQL_DEF_FRAGMENT: return "fragment";
    case GQL_DEF_SCHEMA: return "schema";
    case GQL_DEF_SCALAR: return "scalar";
    case GQL_DEF_OBJECT: return "type";
    case GQL_DEF_INTERFACE: return "interface";
    case GQL_DEF_UNION: return "union";
    case GQL_DEF_ENUM: return "enum";
    case GQL_DEF_INPUT: return "input";
    case GQL_DEF_DIRECTIVE: return "directive";
    }
    return "definition";
}

/* Checks a model/enum name and registers it; returns false for a duplicate (which is
 * then not processed further). */
static bool declare_name(Loader *l, const GqlDefinition *def, bool is_enum, TypeEntry *e)
{
    Str name = def->name;
    bool reserved = false;
    for (const char *const *p = reserved_type_names; *p; p++)
        if (str_eqz(name, *p)) reserved = true;
    if (reserved)
        report(l, "SDL-RESERVED-NAME", def->name_loc, name, STR_NULL, "The name %.*s is reserved.",
               STR_FMT(name));
    else if (!name_ok(name, true, is_enum, MAX_NAME_LEN))
        report(l, is_enum ? "SDL-ENUM-NAME" : "SDL-MODEL-NAME", def->name_loc, name, STR_NULL,
               "'%.*s' is not a valid name for a %s.", STR_FMT(name), is_enum ? "enum" : "model");
    if (map_get(&l->types, name.ptr, name.len)) {
        report(l, "SDL-DUPLICATE-TYPE", def->name_loc, name, STR_NULL,
               "The name %.*s is declared more than once.", STR_FMT(name));
        return false;
    }
    map_put(&l->types, name.ptr, name.len, e);
    return true;
}

static void declare_model(Loader *l, const GqlDefinition *def)
{
    TypeEntry *e = ARENA_NEW(l->a, TypeEntry);
    if (!declare_name(l, def, false, e)) return;
    ModelDecl *md = ARENA_NEW(l->a, ModelDecl);
    Model *m = ARENA_NEW(l->a, Model);
    md->def = def;
    md->model = m;
    e->model = md;
    m->name = dup_str(l, def->name);
    m->loc = def->loc;
    ptrvec_push(l->a, &l->models, md);

    Str T = def->name;
    bool has_model = false, twice_reported = false, rename_seen = false;
    for (uint32_t i = 0; i < def->n_directives; i++) {
        const GqlDirective *dir = &def->directives[i];
        static const char *const none[] = {NULL};
        static const char *const rename_args[] = {"oldName", NULL};
        if (str_eqz(dir->name, "model")) {
            if (has_model && !twice_reported) {
                report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, STR_NULL,
                       "The type %.*s uses the directive @model more than once.", STR_FMT(T));
                twice_reported = true;
            }
            if (!has_model) check_no_other_args(l, dir, none, T, STR_NULL, T);
            has_model = true;
        } else if (str_eqz(dir->name, "rename")) {
            if (rename_seen) {
                report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, STR_NULL,
                       "The type %.*s uses the directive @rename more than once.", STR_FMT(T));
                continue;
            }
            rename_seen = true;
            check_no_other_args(l, dir, rename_args, T, STR_NULL, T);
            m->rename_from = string_arg(l, dir, "oldName", true, T, STR_NULL, T);
        } else {
            report(l, "SDL-UNKNOWN-DIRECTIVE", dir->loc, T, STR_NULL, "Unknown directive @%.*s.",
                   STR_FMT(dir->name));
        }
    }
    if (!has_model)
        report(l, "SDL-MODEL-DIRECTIVE", def->loc, T, STR_NULL,
               "The type %.*s is missing the @model directive.", STR_FMT(T));

    bool node_reported = false, other_reported = false;
    for (uint32_t i = 0; i < def->n_interfaces; i++) {
        const GqlName *in = &def->interfaces[i];
        if (str_eqz(in->name, "Node")) {
            if (!node_reported)
                report(l, "SDL-IMPLEMENTS-NODE", in->loc, T, STR_NULL,
                       "The type %.*s uses 'implements Node', which is not supported; use "
                       "@model instead.",
                       STR_FMT(T));
            node_reported = true;
        } else {
            if (!other_reported)
                report(l, "SDL-IMPLEMENTS", in->loc, T, STR_NULL,
                       "The type %.*s must not implement interfaces.", STR_FMT(T));
            other_reported = true;
        }
    }
}

static void declare_enum(Loader *l, const GqlDefinition *def)
{
    TypeEntry *e = ARENA_NEW(l->a, TypeEntry);
    e->is_enum = true;
    if (!declare_name(l, def, true, e)) return;
    ModelEnum *en = ARENA_NEW(l->a, ModelEnum);
    e->en = en;
    en->name = dup_str(l, def->name);
    en->loc = def->loc;
    en->values = ARENA_ARRAY(l->a, const char *, def->n_values);
    ptrvec_push(l->a, &l->enums, en);
    Str T = def->name;

    if (def->n_values == 0)
        report(l, "SDL-ENUM-EMPTY", def->loc, T, STR_NULL,
               "The enum %.*s must declare at least one value.", STR_FMT(T));

    GqlLoc case_loc = {0, 0}, bad_loc = {0, 0};
    Buf bad;
    buf_init(&bad, l->a, 64);
    for (uint32_t i = 0; i < def->n_values; i++) {
        const GqlEnumValueDef *v = &def->values[i];
        bool dup = false;
        for (uint32_t j = 0; j < i; j++)
            if (str_eq(def->values[j].name, v->name)) dup = true;
        if (dup) {
            report(l, "SDL-ENUM-DUPLICATE", v->loc, T, STR_NULL,
                   "The enum %.*s declares the value %.*s more than once.", STR_FMT(T),
                   STR_FMT(v->name));
            continue;
        }
        en->values[en->n_values++] = dup_str(l, v->name);
        if (v->name.len && is_lower(v->name.ptr[0])) {
            if (!case_loc.line) case_loc = v->loc;
        } else if (!name_ok(v->name, true, true, MAX_ENUM_VALUE_LEN)) {
            if (!bad_loc.line) bad_loc = v->loc;
            if (bad.len) buf_puts(&bad, ", ");
            buf_put_str(&bad, v->name);
        }
        for (uint32_t k = 0; k < v->n_directives; k++)
            report(l, "SDL-UNKNOWN-DIRECTIVE", v->directives[k].loc, T, STR_NULL,
                   "Unknown directive @%.*s.", STR_FMT(v->directives[k].name));
    }
    if (case_loc.line)
        report(l, "SDL-ENUM-VALUE-CASE", case_loc, T, STR_NULL,
               "The enum %.*s contains values that do not start with an uppercase letter.",
               STR_FMT(T));
    if (bad_loc.line)
        report(l, "SDL-ENUM-VALUE", bad_loc, T, STR_NULL, "The enum %.*s contains invalid values: %s.",
               STR_FMT(T), bad.data);

    bool rename_seen = false, migration_seen = false;
    for (uint32_t i = 0; i < def->n_directives; i++) {
        const GqlDirective *dir = &def->directives[i];
        static const char *const rename_args[] = {"oldName", NULL};
        static const char *const value_args[] = {"value", NULL};
        bool *seen = str_eqz(dir->name, "rename")           ? &rename_seen
                     : str_eqz(dir->name, "migrationValue") ? &migration_seen
                                                            : NULL;
        if (!seen) {
            report(l, "SDL-UNKNOWN-DIRECTIVE", dir->loc, T, STR_NULL, "Unknown directive @%.*s.",
                   STR_FMT(dir->name));
            continue;
        }
        if (*seen) {
            report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, STR_NULL,
                   "The enum %.*s uses the directive @%.*s more than once.", STR_FMT(T),
                   STR_FMT(dir->name));
            continue;
        }
        *seen = true;
        if (seen == &rename_seen) {
            check_no_other_args(l, dir, rename_args, T, STR_NULL, T);
            en->rename_from = string_arg(l, dir, "oldName", true, T, STR_NULL, T);
        } else {
            check_no_other_args(l, dir, value_args, T, STR_NULL, T);
            const GqlValue *v;
            Str text;
            if (value_arg_text(l, dir, T, STR_NULL, T, &v, &text))
                en->migration_text = dup_str(l, text);
        }
    }
}

/* ---- pass B: fields ---- */

typedef enum FieldKind { FK_UNKNOWN, FK_SCALAR, FK_RELATION } FieldKind;

/* The element type and shape of a field type. */
typedef struct Shape {
    Str elem;
    bool required;      /* outer `!` */
    bool list;
    bool elem_required; /* `[T!]` */
    bool nested;        /* list of lists */
} Shape;

static Shape shape_of(const GqlTypeRef *t)
{
    Shape s = {0};
    if (t->kind == GQL_TYPE_NON_NULL) {
        s.required = true;
        t = t->of;
    }
    if (t->kind == GQL_TYPE_LIST) {
        s.list = true;
        t = t->of;
        if (t->kind == GQL_TYPE_NON_NULL) {
            s.elem_required = true;
            t = t->of;
        }
    }
    if (t->kind != GQL_TYPE_NAMED) {
        s.nested = true;
        while (t->kind != GQL_TYPE_NAMED) t = t->of;
    }
    s.elem = t->name;
    return s;
}

static bool builtin_scalar(Str name, ScalarType *out)
{
    static const struct { const char *name; ScalarType t; } tab[] = {
        {"String", SCALAR_STRING}, {"Int", SCALAR_INT},           {"Float", SCALAR_FLOAT},
        {"Boolean", SCALAR_BOOLEAN}, {"DateTime", SCALAR_DATETIME}, {"Json", SCALAR_JSON},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (str_eqz(name, tab[i].name)) {
            *out = tab[i].t;
            return true;
        }
    return false;
}

static bool is_type_exactly(const GqlTypeRef *t, const char *name)
{
    return t->kind == GQL_TYPE_NON_NULL && t->of->kind == GQL_TYPE_NAMED && str_eqz(t->of->name, name);
}

/* id, createdAt, updatedAt: fixed declarations (DATA-MODEL.md §3). */
static void system_field(Loader *l, ModelDecl *md, const GqlFieldDef *fd, ModelField *f)
{
    Str T = md->def->name, F = fd->name;
    f->is_system = true;
    f->required = true;
    if (str_eqz(F, "id")) {
        f->scalar = SCALAR_ID;
        f->is_unique = true;
        md->model->id_field = f;
        bool unique = false, other = false;
        for (uint32_t i = 0; i < fd->n_directives; i++) {
            const GqlDirective *dir = &fd->directives[i];
            if (str_eqz(dir->name, "isUnique") && !unique && dir->n_args == 0) unique = true;
            else other = true;
        }
        if (!is_type_exactly(fd->type, "ID") || other)
            report(l, "SDL-ID-FORMAT", fd->loc, T, F,
                   "The field id must be declared exactly as id: ID! @isUnique.");
        if (!unique)
            report(l, "SDL-ID-UNIQUE", fd->loc, T, F,
                   "The field id must carry the @isUnique directive.");
        return;
    }
    f->scalar = SCALAR_DATETIME;
    if (str_eqz(F, "createdAt")) md->model->declares_created_at = true;
    else md->model->declares_updated_at = true;
    if (!is_type_exactly(fd->type, "DateTime") || fd->n_directives)
        report(l, "SDL-SYSTEM-FIELD-FORMAT", fd->loc, T, F,
               "The field %.*s is a system field and must be declared exactly as %.*s: "
               "DateTime!.",
               STR_FMT(F), STR_FMT(F));
}

enum { D_IS_UNIQUE, D_DEFAULT, D_RELATION, D_RENAME, D_MIGRATION, D_COUNT };
static const char *const directive_names[D_COUNT] = {"isUnique", "defaultValue", "relation",
                                                     "rename", "migrationValue"};

static void field_directives(Loader *l, ModelDecl *md, const GqlFieldDef *fd, ModelField *f,
                             FieldKind kind)
{
    Str T = md->def->name, F = fd->name;
    const GqlDirective *first[D_COUNT] = {0};
    bool twice[D_COUNT] = {0};
    static const char *const no_args[] = {NULL};
    static const char *const value_args[] = {"value", NULL};
    static const char *const relation_args[] = {"name", "oldName", NULL};
    static const char *const rename_args[] = {"oldName", NULL};
    static const char *const *const allowed[D_COUNT] = {no_args, value_args, relation_args,
                                                        rename_args, value_args};

    for (uint32_t i = 0; i < fd->n_directives; i++) {
        const GqlDirective *dir = &fd->directives[i];
        int k = -1;
        for (int j = 0; j < D_COUNT; j++)
            if (str_eqz(dir->name, directive_names[j])) k = j;
        if (k < 0) {
            report(l, "SDL-UNKNOWN-DIRECTIVE", dir->loc, T, F, "Unknown directive @%.*s.",
                   STR_FMT(dir->name));
            continue;
        }
        if (first[k]) {
            if (!twice[k])
                report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, F,
                       "The field %.*s uses the directive @%s more than once.", STR_FMT(F),
                       directive_names[k]);
            twice[k] = true;
            continue;
        }
        first[k] = dir;
        check_no_other_args(l, dir, allowed[k], T, F, F);
    }

    /* placement by field kind (unknown element types were reported already) */
    if (kind == FK_RELATION) {
        static const int not_on_relation[] = {D_IS_UNIQUE, D_DEFAULT, D_MIGRATION};
        for (size_t i = 0; i < 3; i++) {
            const GqlDirective *dir = first[not_on_relation[i]];
            if (dir)
                report(l, "SDL-DIRECTIVE-PLACEMENT", dir->loc, T, F,
                       "The directive @%.*s is not allowed on the field %.*s.",
                       STR_FMT(dir->name), STR_FMT(F));
        }
    } else if (kind == FK_SCALAR) {
        if (first[D_RELATION])
            report(l, "SDL-RELATION-ON-SCALAR", first[D_RELATION]->loc, T, F,
                   "The field %.*s is not a relation field and cannot carry @relation.",
                   STR_FMT(F));
        if (first[D_IS_UNIQUE]) {
            if (f->is_list || f->scalar == SCALAR_JSON)
                report(l, "SDL-UNIQUE-PLACEMENT", first[D_IS_UNIQUE]->loc, T, F,
                       "The field %.*s cannot be unique.", STR_FMT(F));
            else
                f->is_unique = true;
        }
        const GqlValue *v;
        Str text;
        if (first[D_DEFAULT] && value_arg_text(l, first[D_DEFAULT], T, F, F, &v, &text)) {
            GqlValue *out;
            if (model_value_from_text(l->a, f, text.ptr, text.len, &out)) {
                f->has_default = true;
                f->default_text = dup_str(l, text);
                f->default_value = out;
            } else {
                report(l, "SDL-DEFAULT-INVALID", v->loc, T, F,
                       "'%.*s' is not a valid default value for the field %.*s of type %s.",
                       STR_FMT(text), STR_FMT(F), type_str(l, fd->type));
            }
        }
        if (first[D_MIGRATION] && value_arg_text(l, first[D_MIGRATION], T, F, F, &v, &text))
            f->migration_text = dup_str(l, text);
    }
    if (first[D_RENAME])
        f->rename_from = string_arg(l, first[D_RENAME], "oldName", true, T, F, F);

    if (kind == FK_RELATION) {
        if (!first[D_RELATION]) {
            report(l, "SDL-RELATION-MISSING", fd->loc, T, F,
                   "The relation field %.*s must carry @relation(name: \"...\").", STR_FMT(F));
            return;
        }
        const char *name = string_arg(l, first[D_RELATION], "name", true, T, F, F);
        const char *old = NULL;
        if (dir_arg(first[D_RELATION], "oldName"))
            old = string_arg(l, first[D_RELATION], "oldName", false, T, F, F);
        if (!name) return;
        RelField *rf = ARENA_NEW(l->a, RelField);
        rf->field = f;
        rf->name = (Str){name, strlen(name)};
        rf->loc = fd->loc;
        rf->old_name = old;
        ptrvec_push(l->a, &l->rel_fields, rf);
    }
}

static void check_field(Loader *l, ModelDecl *md, const GqlFieldDef *fd)
{
    Str T = md->def->name, F = fd->name;
    if (!name_ok(F, false, false, MAX_NAME_LEN))
        report(l, "SDL-FIELD-NAME", fd->loc, T, F, "'%.*s' is not a valid name for a field.",
               STR_FMT(F));
    for (uint32_t i = 0; i < md->fields.n; i++) {
        ModelField *g = md->fields.items[i];
        if (str_ieq(F, str_from(g->name))) {
            report(l, "SDL-DUPLICATE-FIELD", fd->loc, T, F,
                   "The type %.*s declares the field %.*s more than once.", STR_FMT(T),
                   STR_FMT(F));
            return;
        }
    }
    if (fd->n_args)
        report(l, "SDL-DEF", fd->loc, T, F, "The field %.*s of %.*s must not declare arguments.",
               STR_FMT(F), STR_FMT(T));

    ModelField *f = ARENA_NEW(l->a, ModelField);
    f->name = dup_str(l, F);
    f->model = md->model;
    f->loc = fd->loc;
    ptrvec_push(l->a, &md->fields, f);

    if (str_eqz(F, "id") || str_eqz(F, "createdAt") || str_eqz(F, "updatedAt")) {
        system_field(l, md, fd, f);
        return;
    }

    Shape s = shape_of(fd->type);
    FieldKind kind = FK_UNKNOWN;
    TypeEntry *e;
    if (str_eqz(s.elem, "ID")) {
        report(l, "SDL-ID-TYPE", fd->loc, T, F,
               "The field %.*s uses the type ID, which is reserved for the id field.", STR_FMT(F));
    } else if (builtin_scalar(s.elem, &f->scalar)) {
        kind = FK_SCALAR;
    } else if ((e = map_get(&l->types, s.elem.ptr, s.elem.len))) {
        if (e->is_enum) {
            kind = FK_SCALAR;
            f->scalar = SCALAR_ENUM;
            f->enum_type = e->en;
        } else {
            kind = FK_RELATION;
            f->is_relation = true;
            f->related = e->model->model;
        }
    } else {
        report(l, "SDL-UNKNOWN-TYPE", fd->loc, T, F,
               "The field %.*s has the type %.*s, but no type or enum with that name is declared.",
               STR_FMT(F), STR_FMT(s.elem));
    }

    if (kind == FK_SCALAR) {
        if (s.nested || (s.list && !s.elem_required)) {
            report(l, "SDL-SCALAR-SHAPE", fd->loc, T, F,
                   "The scalar field %.*s has the invalid type %s; allowed: T, T!, [T!], [T!]!.",
                   STR_FMT(F), type_str(l, fd->type));
        }
        f->is_list = s.list;
        f->required = s.required;
    } else if (kind == FK_RELATION) {
        if (s.nested || (s.list && !(s.elem_required && s.required))) {
            report(l, "SDL-RELATION-SHAPE", fd->loc, T, F,
                   "The relation field %.*s has the invalid type %s; allowed: T, T!, [T!]!.",
                   STR_FMT(F), type_str(l, fd->type));
        }
        f->is_list = s.list;
        f->required = s.required && !s.list; /* to-many fields are never required */
    }
    field_directives(l, md, fd, f, kind);
}

static void check_fields(Loader *l, ModelDecl *md)
{
    const GqlDefinition *def = md->def;
    for (uint32_t i = 0; i < def->n_fields; i++) check_field(l, md, &def->fields[i]);
    if (!md->model->id_field)
        report(l, "SDL-ID-MISSING", def->loc, def->name, STR_NULL,
               "The model %.*s must declare the field id: ID! @isUnique.", STR_FMT(def->name));
}

/* ---- pass C: relations ---- */

typedef struct RelGroup {
    Str name;
    PtrVec fields; /* RelField*, document order */
} RelGroup;

static RelationKind relation_kind(const ModelField *a, const ModelField *b)
{
    if (!a->is_list && !b->is_list) return REL_ONE_TO_ONE;
    if (a->is_list && b->is_list) return REL_MANY_TO_MANY;
    return REL_ONE_TO_MANY;
}

static void build_relation(Loader *l, RelGroup *g)
{
    RelField *ra = g->fields.items[0], *rb = g->fields.n > 1 ? g->fields.items[1] : ra;
    ModelRelation *r = ARENA_NEW(l->a, ModelRelation);
    r->name = dup_str(l, g->name);
    r->field_a = ra->field;
    r->field_b = rb->field;
    r->model_a = ra->field->model;
    r->model_b = rb->field->model;
    r->is_self = r->model_a == r->model_b;
    r->single_field = ra == rb;
    r->kind = relation_kind(r->field_a, r->field_b);
    r->old_name = ra->old_name ? ra->old_name : rb->old_name;
    r->field_a->relation = r->field_b->relation = r;
    r->field_a->is_side_a = true;
    r->field_a->opposite = r->field_b;
    r->field_b->opposite = r->field_a;
    ptrvec_push(l->a, &l->relations, r);
}

static void check_relations(Loader *l)
{
    Map by_name, by_lower;
    map_init(&by_name, l->a, l->rel_fields.n + 1);
    map_init(&by_lower, l->a, l->rel_fields.n + 1);
    PtrVec groups = {0};
    for (uint32_t i = 0; i < l->rel_fields.n; i++) {
        RelField *rf = l->rel_fields.items[i];
        RelGroup *g = map_get(&by_name, rf->name.ptr, rf->name.len);
        if (!g) {
            g = ARENA_NEW(l->a, RelGroup);
            g->name = rf->name;
            map_put(&by_name, rf->name.ptr, rf->name.len, g);
            ptrvec_push(l->a, &groups, g);
        }
        ptrvec_push(l->a, &g->fields, rf);
    }

    for (uint32_t i = 0; i < groups.n; i++) {
        RelGroup *g = groups.items[i];
        RelField *f1 = g->fields.items[0];
        Str R = g->name;
        Str T1 = str_from(f1->field->model->name), F1 = str_from(f1->field->name);
        bool ok = true;

        if (!name_ok(R, true, false, MAX_NAME_LEN)) {
            report(l, "SDL-RELATION-NAME", f1->loc, T1, F1, "%.*s is not a valid relation name.",
                   STR_FMT(R));
            ok = false;
        }
        char *lower = arena_strndup(l->a, R.ptr, R.len);
        for (size_t k = 0; k < R.len; k++)
            if (is_upper(lower[k])) lower[k] = (char)(lower[k] - 'A' + 'a');
        if (map_get(&by_lower, lower, R.len)) {
            report(l, "SDL-RELATION-DUPLICATE", f1->loc, T1, F1,
                   "The relation name %.*s is used for two different relations.", STR_FMT(R));
            ok = false;
        } else {
            map_put(&by_lower, lower, R.len, g);
        }

        bool all_self = true;
        for (uint32_t k = 0; k < g->fields.n; k++) {
            ModelField *f = ((RelField *)g->fields.items[k])->field;
            if (f->related != f->model || f->model != f1->field->model) all_self = false;
        }
        if (g->fields.n == 1 && !all_self) {
            report(l, "SDL-RELATION-COUNT", f1->loc, T1, F1,
                   "The relation %.*s must be declared on exactly two fields.", STR_FMT(R));
            ok = false;
        } else if (g->fields.n > 2) {
            if (all_self)
                report(l, "SDL-SELF-RELATION-COUNT", f1->loc, T1, F1,
                       "The self-relation %.*s must be declared on one or two fields.",
                       STR_FMT(R));
            else
                report(l, "SDL-RELATION-COUNT", f1->loc, T1, F1,
                       "The relation %.*s must be declared on exactly two fields.", STR_FMT(R));
            ok = false;
        } else if (g->fields.n == 2) {
            RelField *f2 = g->fields.items[1];
            const ModelField *a = f1->field, *b = f2->field;
            const RelField *bad = NULL, *other = NULL;
            if (a->related != b->model) bad = f1, other = f2;
            else if (b->related != a->model) bad = f2, other = f1;
            if (bad) {
                report(l, "SDL-RELATION-TYPES", bad->loc, str_from(bad->field->model->name),
                       str_from(bad->field->name),
                       "The relation field %s has type %s, but the other field of relation %.*s "
                       "is declared on type %s.",
                       bad->field->name, bad->field->related->name, STR_FMT(R),
                       other->field->model->name);
                ok = false;
            }
        }
        if (ok) build_relation(l, g);
    }
}

/* ---- building ---- */

static int cmp_field(const void *x, const void *y)
{
    return strcmp((*(ModelField *const *)x)->name, (*(ModelField *const *)y)->name);
}
static int cmp_model(const void *x, const void *y)
{
    return strcmp((*(Model *const *)x)->name, (*(Model *const *)y)->name);
}
static int cmp_enum(const void *x, const void *y)
{
    return strcmp((*(ModelEnum *const *)x)->name, (*(ModelEnum *const *)y)->name);
}
static int cmp_relation(const void *x, const void *y)
{
    return strcmp((*(ModelRelation *const *)x)->name, (*(ModelRelation *const *)y)->name);
}

static void build(Loader *l)
{
    DataModel *dm = l->dm;
    dm->n_models = l->models.n;
    dm->models = ARENA_ARRAY(l->a, Model *, dm->n_models + 1);
    for (uint32_t i = 0; i < l->models.n; i++) {
        ModelDecl *md = l->models.items[i];
        Model *m = md->model;
        m->n_fields = md->fields.n;
        m->fields = ARENA_ARRAY(l->a, ModelField *, m->n_fields + 1);
        if (m->n_fields) memcpy(m->fields, md->fields.items, sizeof(ModelField *) * m->n_fields);
        qsort(m->fields, m->n_fields, sizeof *m->fields, cmp_field);
        for (uint32_t k = 0; k < m->n_fields; k++) {
            m->fields[k]->index = k;
            if (m->fields[k]->enum_type) ((ModelEnum *)m->fields[k]->enum_type)->used = true;
        }
        m->plural = model_pluralize(l->a, m->name);
        dm->models[i] = m;
    }
    qsort(dm->models, dm->n_models, sizeof *dm->models, cmp_model);
    for (uint32_t i = 0; i < dm->n_models; i++) dm->models[i]->index = i;

    dm->n_enums = l->enums.n;
    dm->enums = ARENA_ARRAY(l->a, ModelEnum *, dm->n_enums + 1);
    if (dm->n_enums) memcpy(dm->enums, l->enums.items, sizeof(ModelEnum *) * dm->n_enums);
    qsort(dm->enums, dm->n_enums, sizeof *dm->enums, cmp_enum);
    for (uint32_t i = 0; i < dm->n_enums; i++) dm->enums[i]->index = i;

    dm->n_relations = l->relations.n;
    dm->relations = ARENA_ARRAY(l->a, ModelRelation *, dm->n_relations + 1);
    if (dm->n_relations)
        memcpy(dm->relations, l->relations.items, sizeof(ModelRelation *) * dm->n_relations);
    qsort(dm->relations, dm->n_relations, sizeof *dm->relations, cmp_relation);
    for (uint32_t i = 0; i < dm->n_relations; i++) dm->relations[i]->index = i;
}

/* ---- entry points ---- */

/* True if the text holds only ignored tokens (whitespace, commas, comments, a BOM):
 * such a file is a valid empty model (DATA-MODEL.md §1.3), unlike an empty GraphQL
 * document. */
static bool only_ignored(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
            i++;
        } else if (c == '#') {
            while (i < n && s[i] != '\n' && s[i] != '\r') i++;
        } else {
            return false;
        }
    }
    return true;
}

DataModel *model_load(const char *src, size_t len, const char *filename, Diag *d)
{
    DataModel *dm = xcalloc(1, sizeof *dm);
    arena_init(&dm->arena, 64 * 1024);
    dm->filename = arena_strdup(&dm->arena, filename ? filename : "types.graphql");
    dm->source = arena_strndup(&dm->arena, src, len);
    dm->source_len = len;

    Loader l = {.dm = dm, .a = &dm->arena, .d = d, .errors0 = d->count};
    if (!only_ignored(dm->source, len)) {
        GqlParseError perr;
        GqlDocument *doc = gql_parse(l.a, dm->source, len, NULL, &perr);
        if (!doc) {
            DiagItem *it = diag_add(d, "SDL-SYNTAX", perr.loc, "Syntax error in the schema: %s",
                                    perr.message);
            it->type = "Global";
            model_free(dm);
            return NULL;
        }
        map_init(&l.types, l.a, doc->n_defs + 1);
        for (uint32_t i = 0; i < doc->n_defs; i++) {
            const GqlDefinition *def = &doc->defs[i];
            if (def->kind == GQL_DEF_OBJECT && !def->is_extension) {
                declare_model(&l, def);
            } else if (def->kind == GQL_DEF_ENUM && !def->is_extension) {
                declare_enum(&l, def);
            } else {
                const char *kind = def_kind_word(def);
                if (def->name.len)
                    report(&l, "SDL-DEF", def->loc, def->name, STR_NULL,
                           "Only model types (with @model) and enums may be declared; found %s "
                           "%s%.*s.",
                           kind, def->kind == GQL_DEF_DIRECTIVE ? "@" : "", STR_FMT(def->name));
                else
                    report(&l, "SDL-DEF", def->loc, STR_NULL, STR_NULL,
                           "Only model types (with @model) and enums may be declared; found %s.",
                           kind);
            }
        }
        for (uint32_t i = 0; i < l.models.n; i++) check_fields(&l, l.models.items[i]);
        check_relations(&l);
    }
    if (has_errors(&l)) {
        sort_diags(&l);
        model_free(dm);
        return NULL;
    }
    build(&l);
    if (!model_check_names(dm, d)) {
        sort_diags(&l);
        model_free(dm);
        return NULL;
    }
    return dm;
}

DataModel *model_load_file(const char *path, Diag *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        diag_add(d, "IO", (SrcLoc){0, 0}, "Cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024, len = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) buf = xrealloc(buf, cap *= 2);
    }
    bool failed = ferror(fp);
    int err = errno;
    fclose(fp);
    if (failed) {
        free(buf);
        diag_add(d, "IO", (SrcLoc){0, 0}, "Cannot read %s: %s", path, strerror(err));
        return NULL;
    }
    DataModel *dm = model_load(buf, len, path, d);
    free(buf);
    return dm;
}

void model_free(DataModel *dm)
{
    if (!dm) return;
    arena_fini(&dm->arena);
    free(dm);
}

static int cmp_name(const char *name, const char *key, size_t len)
{
    size_t n = strlen(name);
    int c = memcmp(name, key, n < len ? n : len);
    if (c) return c;
    return n < len ? -1 : n > len ? 1 : 0;
}

const Model *model_find(const DataModel *dm, const char *name, size_t len)
{
    uint32_t lo = 0, hi = dm->n_models;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(dm->models[mid]->name, name, len);
        if (c == 0) return dm->models[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const ModelField *model_find_field(const Model *m, const char *name, size_t len)
{
    uint32_t lo = 0, hi = m->n_fields;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(m->fields[mid]->name, name, len);
        if (c == 0) return m->fields[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}
