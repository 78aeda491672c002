/* check_fields.c - pass B of the model loader: the fields of each model.
 *
 * Field names and duplicates, the fixed system fields, element types and shapes
 * (scalar, enum or relation), field directives with their placement and arguments, and
 * default values (parsed by defaults.c). Relation fields are collected with their
 * @relation name for pass C (check_relations.c). */
#include "model/internal.h"

#include <string.h>

typedef enum FieldKind { FK_UNKNOWN, FK_SCALAR, FK_RELATION } FieldKind;

/* The element type and shape of a field type. */
typedef struct Shape {
    Str elem;
    bool required; /* outer `!` */
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
    static const struct {
        const char *name;
        ScalarType t;
    } tab[] = {
        {"String", SCALAR_STRING},   {"Int", SCALAR_INT},           {"Float", SCALAR_FLOAT},
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
    return t->kind == GQL_TYPE_NON_NULL && t->of->kind == GQL_TYPE_NAMED &&
           str_eqz(t->of->name, name);
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
            if (str_eqz(dir->name, "isUnique") && !unique && dir->n_args == 0)
                unique = true;
            else
                other = true;
        }
        if (!is_type_exactly(fd->type, "ID") || other)
            model_report(l, "SDL-ID-FORMAT", fd->loc, T, F,
                         "The field id must be declared exactly as id: ID! @isUnique.");
        if (!unique)
            model_report(l, "SDL-ID-UNIQUE", fd->loc, T, F,
                         "The field id must carry the @isUnique directive.");
        return;
    }
    f->scalar = SCALAR_DATETIME;
    if (str_eqz(F, "createdAt"))
        md->model->declares_created_at = true;
    else
        md->model->declares_updated_at = true;
    if (!is_type_exactly(fd->type, "DateTime") || fd->n_directives)
        model_report(l, "SDL-SYSTEM-FIELD-FORMAT", fd->loc, T, F,
                     "The field %.*s is a system field and must be declared exactly as %.*s: "
                     "DateTime!.",
                     STR_FMT(F), STR_FMT(F))
            ->code = 4050; /* Graphcool's code for this error */
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
            model_report(l, "SDL-UNKNOWN-DIRECTIVE", dir->loc, T, F, "Unknown directive @%.*s.",
                         STR_FMT(dir->name));
            continue;
        }
        if (first[k]) {
            if (!twice[k])
                model_report(l, "SDL-DIRECTIVE-TWICE", dir->loc, T, F,
                             "The field %.*s uses the directive @%s more than once.", STR_FMT(F),
                             directive_names[k]);
            twice[k] = true;
            continue;
        }
        first[k] = dir;
        model_check_args(l, dir, allowed[k], T, F, F);
    }

    /* placement by field kind (unknown element types were reported already) */
    if (kind == FK_RELATION) {
        static const int not_on_relation[] = {D_IS_UNIQUE, D_DEFAULT, D_MIGRATION};
        for (size_t i = 0; i < 3; i++) {
            const GqlDirective *dir = first[not_on_relation[i]];
            if (dir)
                model_report(l, "SDL-DIRECTIVE-PLACEMENT", dir->loc, T, F,
                             "The directive @%.*s is not allowed on the field %.*s.",
                             STR_FMT(dir->name), STR_FMT(F));
        }
    } else if (kind == FK_SCALAR) {
        if (first[D_RELATION])
            model_report(l, "SDL-RELATION-ON-SCALAR", first[D_RELATION]->loc, T, F,
                         "The field %.*s is not a relation field and cannot carry @relation.",
                         STR_FMT(F));
        if (first[D_IS_UNIQUE]) {
            if (f->is_list || f->scalar == SCALAR_JSON)
                model_report(l, "SDL-UNIQUE-PLACEMENT", first[D_IS_UNIQUE]->loc, T, F,
                             "The field %.*s cannot be unique.", STR_FMT(F));
            else
                f->is_unique = true;
        }
        const GqlValue *v;
        Str text;
        if (first[D_DEFAULT] && model_value_arg(l, first[D_DEFAULT], T, F, F, &v, &text)) {
            GqlValue *out;
            if (model_value_from_text(l->a, f, text.ptr, text.len, &out)) {
                f->has_default = true;
                f->default_text = model_dup(l, text);
                f->default_value = out;
            } else {
                DiagItem *it = model_report(l, "SDL-DEFAULT-INVALID", v->loc, T, F,
                             "'%.*s' is not a valid default value for the field %.*s of type %s.",
                             STR_FMT(text), STR_FMT(F), model_type_str(l, fd->type));
                /* Graphcool reported invalid defaults as 2011, enum ones as 2025 */
                it->code = f->scalar == SCALAR_ENUM ? 2025 : 2011;
            }
        }
        if (first[D_MIGRATION] && model_value_arg(l, first[D_MIGRATION], T, F, F, &v, &text))
            f->migration_text = model_dup(l, text);
    }
    if (first[D_RENAME])
        f->rename_from = model_string_arg(l, first[D_RENAME], "oldName", true, T, F, F);

    if (kind == FK_RELATION) {
        if (!first[D_RELATION]) {
            model_report(l, "SDL-RELATION-MISSING", fd->loc, T, F,
                         "The relation field %.*s must carry @relation(name: \"...\").",
                         STR_FMT(F));
            return;
        }
        const char *name = model_string_arg(l, first[D_RELATION], "name", true, T, F, F);
        const char *old = NULL;
        if (model_dir_arg(first[D_RELATION], "oldName"))
            old = model_string_arg(l, first[D_RELATION], "oldName", false, T, F, F);
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
    if (!model_name_ok(F, false, false, MAX_NAME_LEN))
        model_report(l, "SDL-FIELD-NAME", fd->loc, T, F, "'%.*s' is not a valid name for a field.",
                     STR_FMT(F));
    for (uint32_t i = 0; i < md->fields.n; i++) {
        ModelField *g = md->fields.items[i];
        if (model_str_ieq(F, str_from(g->name))) {
            model_report(l, "SDL-DUPLICATE-FIELD", fd->loc, T, F,
                         "The type %.*s declares the field %.*s more than once.", STR_FMT(T),
                         STR_FMT(F));
            return;
        }
    }
    if (fd->n_args)
        model_report(l, "SDL-DEF", fd->loc, T, F,
                     "The field %.*s of %.*s must not declare arguments.", STR_FMT(F), STR_FMT(T));

    ModelField *f = ARENA_NEW(l->a, ModelField);
    f->name = model_dup(l, F);
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
        model_report(l, "SDL-ID-TYPE", fd->loc, T, F,
                     "The field %.*s uses the type ID, which is reserved for the id field.",
                     STR_FMT(F));
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
        model_report(
            l, "SDL-UNKNOWN-TYPE", fd->loc, T, F,
            "The field %.*s has the type %.*s, but no type or enum with that name is declared.",
            STR_FMT(F), STR_FMT(s.elem));
    }

    if (kind == FK_SCALAR) {
        if (s.nested || (s.list && !s.elem_required)) {
            model_report(
                l, "SDL-SCALAR-SHAPE", fd->loc, T, F,
                "The scalar field %.*s has the invalid type %s; allowed: T, T!, [T!], [T!]!.",
                STR_FMT(F), model_type_str(l, fd->type));
        }
        f->is_list = s.list;
        f->required = s.required;
    } else if (kind == FK_RELATION) {
        if (s.nested || (s.list && !(s.elem_required && s.required))) {
            model_report(l, "SDL-RELATION-SHAPE", fd->loc, T, F,
                         "The relation field %.*s has the invalid type %s; allowed: T, T!, [T!]!.",
                         STR_FMT(F), model_type_str(l, fd->type));
        }
        f->is_list = s.list;
        f->required = s.required && !s.list; /* to-many fields are never required */
    }
    field_directives(l, md, fd, f, kind);
}

void model_check_fields(Loader *l, ModelDecl *md)
{
    const GqlDefinition *def = md->def;
    for (uint32_t i = 0; i < def->n_fields; i++) check_field(l, md, &def->fields[i]);
    if (!md->model->id_field)
        model_report(l, "SDL-ID-MISSING", def->loc, def->name, STR_NULL,
                     "The model %.*s must declare the field id: ID! @isUnique.",
                     STR_FMT(def->name));
}
