/* check_defs.c - pass A of the model loader: the top-level definitions.
 *
 * Only model types and enums may be declared (SDL-DEF). Their names are checked and
 * registered (reserved, pattern, duplicates), type-level directives and `implements`
 * are checked, and enums get their values checked and recorded. Fields are pass B
 * (check_fields.c). */
#include "model/internal.h"

#include <string.h>

#include "base/buf.h"

static const char *const reserved_type_names[] = {
    "String",   "Int",          "Float",     "Boolean",  "ID",       "DateTime",
    "Json",     "Password",     "GraphQLID", "Enum",     "Relation", "Query",
    "Mutation", "Subscription", "Node",      "PageInfo", "Viewer",   NULL};

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
        model_report(l, "SDL-RESERVED-NAME", def->name_loc, name, STR_NULL,
                     "The name %.*s is reserved.", STR_FMT(name));
    else if (!model_name_ok(name, true, is_enum, MAX_NAME_LEN))
        model_report(l, is_enum ? "SDL-ENUM-NAME" : "SDL-MODEL-NAME", def->name_loc, name, STR_NULL,
                     "'%.*s' is not a valid name for a %s.", STR_FMT(name),
                     is_enum ? "enum" : "model");
    if (map_get(&l->types, name.ptr, name.len)) {
        model_report(l, "SDL-DUPLICATE-TYPE", def->name_loc, name, STR_NULL,
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
    m->name = model_dup(l, def->name);
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
                model_report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, STR_NULL,
                             "The type %.*s uses the directive @model more than once.", STR_FMT(T));
                twice_reported = true;
            }
            if (!has_model) model_check_args(l, dir, none, T, STR_NULL, T);
            has_model = true;
        } else if (str_eqz(dir->name, "rename")) {
            if (rename_seen) {
                model_report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, STR_NULL,
                             "The type %.*s uses the directive @rename more than once.",
                             STR_FMT(T));
                continue;
            }
            rename_seen = true;
            model_check_args(l, dir, rename_args, T, STR_NULL, T);
            m->rename_from = model_string_arg(l, dir, "oldName", true, T, STR_NULL, T);
        } else {
            model_report(l, "SDL-UNKNOWN-DIRECTIVE", dir->loc, T, STR_NULL,
                         "Unknown directive @%.*s.", STR_FMT(dir->name));
        }
    }
    if (!has_model)
        model_report(l, "SDL-MODEL-DIRECTIVE", def->loc, T, STR_NULL,
                     "The type %.*s is missing the @model directive.", STR_FMT(T));

    bool node_reported = false, other_reported = false;
    for (uint32_t i = 0; i < def->n_interfaces; i++) {
        const GqlName *in = &def->interfaces[i];
        if (str_eqz(in->name, "Node")) {
            if (!node_reported)
                model_report(l, "SDL-IMPLEMENTS-NODE", in->loc, T, STR_NULL,
                             "The type %.*s uses 'implements Node', which is not supported; use "
                             "@model instead.",
                             STR_FMT(T));
            node_reported = true;
        } else {
            if (!other_reported)
                model_report(l, "SDL-IMPLEMENTS", in->loc, T, STR_NULL,
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
    en->name = model_dup(l, def->name);
    en->loc = def->loc;
    en->values = ARENA_ARRAY(l->a, const char *, def->n_values);
    ptrvec_push(l->a, &l->enums, en);
    Str T = def->name;

    if (def->n_values == 0)
        model_report(l, "SDL-ENUM-EMPTY", def->loc, T, STR_NULL,
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
            model_report(l, "SDL-ENUM-DUPLICATE", v->loc, T, STR_NULL,
                         "The enum %.*s declares the value %.*s more than once.", STR_FMT(T),
                         STR_FMT(v->name));
            continue;
        }
        en->values[en->n_values++] = model_dup(l, v->name);
        if (v->name.len && is_lower(v->name.ptr[0])) {
            if (!case_loc.line) case_loc = v->loc;
        } else if (!model_name_ok(v->name, true, true, MAX_ENUM_VALUE_LEN)) {
            if (!bad_loc.line) bad_loc = v->loc;
            if (bad.len) buf_puts(&bad, ", ");
            buf_put_str(&bad, v->name);
        }
        for (uint32_t k = 0; k < v->n_directives; k++)
            model_report(l, "SDL-UNKNOWN-DIRECTIVE", v->directives[k].loc, T, STR_NULL,
                         "Unknown directive @%.*s.", STR_FMT(v->directives[k].name));
    }
    if (case_loc.line)
        model_report(l, "SDL-ENUM-VALUE-CASE", case_loc, T, STR_NULL,
                     "The enum %.*s contains values that do not start with an uppercase letter.",
                     STR_FMT(T));
    if (bad_loc.line)
        model_report(l, "SDL-ENUM-VALUE", bad_loc, T, STR_NULL,
                     "The enum %.*s contains invalid values: %s.", STR_FMT(T), bad.data);

    bool rename_seen = false, migration_seen = false;
    for (uint32_t i = 0; i < def->n_directives; i++) {
        const GqlDirective *dir = &def->directives[i];
        static const char *const rename_args[] = {"oldName", NULL};
        static const char *const value_args[] = {"value", NULL};
        bool *seen = str_eqz(dir->name, "rename")           ? &rename_seen
                     : str_eqz(dir->name, "migrationValue") ? &migration_seen
                                                            : NULL;
        if (!seen) {
            model_report(l, "SDL-UNKNOWN-DIRECTIVE", dir->loc, T, STR_NULL,
                         "Unknown directive @%.*s.", STR_FMT(dir->name));
            continue;
        }
        if (*seen) {
            model_report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, STR_NULL,
                         "The enum %.*s uses the directive @%.*s more than once.", STR_FMT(T),
                         STR_FMT(dir->name));
            continue;
        }
        *seen = true;
        if (seen == &rename_seen) {
            model_check_args(l, dir, rename_args, T, STR_NULL, T);
            en->rename_from = model_string_arg(l, dir, "oldName", true, T, STR_NULL, T);
        } else {
            model_check_args(l, dir, value_args, T, STR_NULL, T);
            const GqlValue *v;
            Str text;
            if (model_value_arg(l, dir, T, STR_NULL, T, &v, &text))
                en->migration_text = model_dup(l, text);
        }
    }
}

void model_check_definition(Loader *l, const GqlDefinition *def)
{
    if (def->kind == GQL_DEF_OBJECT && !def->is_extension) {
        declare_model(l, def);
    } else if (def->kind == GQL_DEF_ENUM && !def->is_extension) {
        declare_enum(l, def);
    } else {
        const char *kind = def_kind_word(def);
        if (def->name.len)
            model_report(l, "SDL-DEF", def->loc, def->name, STR_NULL,
                         "Only model types (with @model) and enums may be declared; found %s "
                         "%s%.*s.",
                         kind, def->kind == GQL_DEF_DIRECTIVE ? "@" : "", STR_FMT(def->name));
        else
            model_report(l, "SDL-DEF", def->loc, STR_NULL, STR_NULL,
                         "Only model types (with @model) and enums may be declared; found %s.",
                         kind);
    }
}
