/* introspect.c - the introspection type system of the GraphQL specification (October 2021,
 * plus the input-value deprecation fields graphql-js 16 queries): __Schema, __Type,
 * __Field, __InputValue, __EnumValue, __Directive, __TypeKind, __DirectiveLocation; the
 * meta fields Query.__schema / Query.__type; and the directives @skip, @include,
 * @deprecated and @specifiedBy. Resolving them is the executor's job; this file only
 * declares their shape, with roles FROLE_INTROSPECTION / FROLE_SCHEMA / FROLE_TYPE. */
#include <string.h>

#include "schema/internal.h"

typedef struct Intro {
    Builder *b;
    SType *schema, *type, *field, *input_value, *enum_value, *directive, *type_kind, *location;
} Intro;

static const TypeRef *nn(Builder *b, const SType *t)
{
    return ref_nn(b, ref(b, t));
}
static const TypeRef *nn_list_nn(Builder *b, const SType *t)
{
    return ref_nn(b, ref_list_nn(b, t));
}

static const GqlValue *bool_value(Builder *b, bool v)
{
    GqlValue *g = ARENA_NEW(b->a, GqlValue);
    g->kind = GQL_VAL_BOOLEAN;
    g->boolean = v;
    return g;
}

/* `includeDeprecated: Boolean = false`, the argument of the list fields that hide
 * deprecated members by default. */
static ArgList *include_deprecated(Builder *b)
{
    ArgList *l = ARENA_NEW(b->a, ArgList);
    SInputValue *v = arg_add(b, l, "includeDeprecated", ref(b, b->t_boolean), IROLE_NONE, NULL);
    v->default_value = bool_value(b, false);
    return l;
}

static void field(Builder *b, FieldList *l, const char *name, ArgList *args, const TypeRef *t)
{
    field_add(b, l, name, args, t, FROLE_INTROSPECTION);
}

static void build_schema_type(Intro *in)
{
    Builder *b = in->b;
    FieldList l = {0};
    field(b, &l, "description", NULL, ref(b, b->t_string));
    field(b, &l, "types", NULL, nn_list_nn(b, in->type));
    field(b, &l, "queryType", NULL, nn(b, in->type));
    field(b, &l, "mutationType", NULL, ref(b, in->type));
    field(b, &l, "subscriptionType", NULL, ref(b, in->type));
    field(b, &l, "directives", NULL, nn_list_nn(b, in->directive));
    type_set_fields(b, in->schema, &l);
}

static void build_type_type(Intro *in)
{
    Builder *b = in->b;
    FieldList l = {0};
    field(b, &l, "kind", NULL, nn(b, in->type_kind));
    field(b, &l, "name", NULL, ref(b, b->t_string));
    field(b, &l, "description", NULL, ref(b, b->t_string));
    field(b, &l, "specifiedByURL", NULL, ref(b, b->t_string));
    field(b, &l, "fields", include_deprecated(b), ref_list_nn(b, in->field));
    field(b, &l, "interfaces", NULL, ref_list_nn(b, in->type));
    field(b, &l, "possibleTypes", NULL, ref_list_nn(b, in->type));
    field(b, &l, "enumValues", include_deprecated(b), ref_list_nn(b, in->enum_value));
    field(b, &l, "inputFields", include_deprecated(b), ref_list_nn(b, in->input_value));
    field(b, &l, "ofType", NULL, ref(b, in->type));
    type_set_fields(b, in->type, &l);
}

static void build_member_types(Intro *in)
{
    Builder *b = in->b;
    FieldList f = {0};
    field(b, &f, "name", NULL, nn(b, b->t_string));
    field(b, &f, "description", NULL, ref(b, b->t_string));
    field(b, &f, "args", include_deprecated(b), nn_list_nn(b, in->input_value));
    field(b, &f, "type", NULL, nn(b, in->type));
    field(b, &f, "isDeprecated", NULL, nn(b, b->t_boolean));
    field(b, &f, "deprecationReason", NULL, ref(b, b->t_string));
    type_set_fields(b, in->field, &f);

    FieldList iv = {0};
    field(b, &iv, "name", NULL, nn(b, b->t_string));
    field(b, &iv, "description", NULL, ref(b, b->t_string));
    field(b, &iv, "type", NULL, nn(b, in->type));
    field(b, &iv, "defaultValue", NULL, ref(b, b->t_string));
    field(b, &iv, "isDeprecated", NULL, nn(b, b->t_boolean));
    field(b, &iv, "deprecationReason", NULL, ref(b, b->t_string));
    type_set_fields(b, in->input_value, &iv);

    FieldList ev = {0};
    field(b, &ev, "name", NULL, nn(b, b->t_string));
    field(b, &ev, "description", NULL, ref(b, b->t_string));
    field(b, &ev, "isDeprecated", NULL, nn(b, b->t_boolean));
    field(b, &ev, "deprecationReason", NULL, ref(b, b->t_string));
    type_set_fields(b, in->enum_value, &ev);

    FieldList d = {0};
    field(b, &d, "name", NULL, nn(b, b->t_string));
    field(b, &d, "description", NULL, ref(b, b->t_string));
    field(b, &d, "isRepeatable", NULL, nn(b, b->t_boolean));
    field(b, &d, "locations", NULL, nn_list_nn(b, in->location));
    field(b, &d, "args", include_deprecated(b), nn_list_nn(b, in->input_value));
    type_set_fields(b, in->directive, &d);
}

static void enum_values(Builder *b, SType *t, const char *const *names, size_t n)
{
    ValueList l = {0};
    for (size_t i = 0; i < n; i++)
        value_add(b, &l, names[i]);
    type_set_values(b, t, &l);
}

static const char *const type_kinds[] = {
    "SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "LIST", "NON_NULL",
};

static const char *const locations[] = {
    "QUERY",
    "MUTATION",
    "SUBSCRIPTION",
    "FIELD",
    "FRAGMENT_DEFINITION",
    "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION",
    "SCHEMA",
    "SCALAR",
    "OBJECT",
    "FIELD_DEFINITION",
    "ARGUMENT_DEFINITION",
    "INTERFACE",
    "UNION",
    "ENUM",
    "ENUM_VALUE",
    "INPUT_OBJECT",
    "INPUT_FIELD_DEFINITION",
};

/* ---- directives ---- */

static const char *const exec_locations[] = {"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"};
static const char *const deprecated_locations[] = {"FIELD_DEFINITION", "ARGUMENT_DEFINITION",
                                                   "INPUT_FIELD_DEFINITION", "ENUM_VALUE"};
static const char *const scalar_locations[] = {"SCALAR"};

static void directive(Builder *b, PtrVec *out, const char *name, const char *desc,
                      const char *const *locs, uint32_t n_locs, ArgList *args)
{
    SDirective *d = ARENA_NEW(b->a, SDirective);
    d->name = intern(b, name, strlen(name));
    d->description = desc;
    d->locations = (const char **)locs;
    d->n_locations = n_locs;
    args_attach(b, &d->args, &d->n_args, &d->arg_map, args);
    ptrvec_push(b->a, out, d);
    map_put(&b->s->directive_map, d->name, strlen(d->name), d);
}

static void build_directives(Builder *b)
{
    PtrVec v = {0};
    map_init(&b->s->directive_map, b->a, 4);
    ArgList skip = {0}, include = {0}, deprecated = {0}, specified = {0};
    arg_add(b, &skip, "if", nn(b, b->t_boolean), IROLE_NONE, NULL)->description =
        "Skipped when true.";
    directive(b, &v, "skip",
              "Directs the executor to skip this field or fragment when the `if` argument is "
              "true.",
              exec_locations, 3, &skip);
    arg_add(b, &include, "if", nn(b, b->t_boolean), IROLE_NONE, NULL)->description =
        "Included when true.";
    directive(b, &v, "include",
              "Directs the executor to include this field or fragment only when the `if` "
              "argument is true.",
              exec_locations, 3, &include);
    SInputValue *reason = arg_add(b, &deprecated, "reason", ref(b, b->t_string), IROLE_NONE, NULL);
    GqlValue *text = ARENA_NEW(b->a, GqlValue);
    text->kind = GQL_VAL_STRING;
    text->str = STR_LIT("No longer supported");
    reason->default_value = text;
    reason->description = "Explains why this element was deprecated.";
    directive(b, &v, "deprecated", "Marks an element of a GraphQL schema as no longer supported.",
              deprecated_locations, 4, &deprecated);
    arg_add(b, &specified, "url", nn(b, b->t_string), IROLE_NONE, NULL)->description =
        "The URL that specifies the behavior of this scalar.";
    directive(b, &v, "specifiedBy", "Exposes a URL that specifies the behavior of this scalar.",
              scalar_locations, 1, &specified);
    b->s->directives = (const SDirective **)v.items;
    b->s->n_directives = v.n;
}

/* ---- meta fields ---- */

/* Query.__schema and Query.__type are findable with stype_find_field() on the query type
 * but are not in its `fields` array, so introspection and the SDL printer never list
 * them (schema.h). */
static void build_meta_fields(Intro *in)
{
    Builder *b = in->b;
    SType *q = (SType *)b->s->query;
    FieldList l = {0};
    field_add(b, &l, "__schema", NULL, nn(b, in->schema), FROLE_SCHEMA);
    ArgList al = {0};
    arg_add(b, &al, "name", nn(b, b->t_string), IROLE_NONE, NULL);
    field_add(b, &l, "__type", &al, ref(b, in->type), FROLE_TYPE);
    l.items[0].description = "Access the current type schema of this server.";
    l.items[1].description = "Request the type information of a single type.";
    b->s->meta_schema = &l.items[0];
    b->s->meta_type = &l.items[1];
    map_put(&q->field_map, l.items[0].name, strlen(l.items[0].name), &l.items[0]);
    map_put(&q->field_map, l.items[1].name, strlen(l.items[1].name), &l.items[1]);
}

void build_introspection(Builder *b)
{
    Intro in = {.b = b};
    in.schema = type_new(b, "__Schema", TK_OBJECT, TROLE_INTROSPECTION);
    in.type = type_new(b, "__Type", TK_OBJECT, TROLE_INTROSPECTION);
    in.field = type_new(b, "__Field", TK_OBJECT, TROLE_INTROSPECTION);
    in.input_value = type_new(b, "__InputValue", TK_OBJECT, TROLE_INTROSPECTION);
    in.enum_value = type_new(b, "__EnumValue", TK_OBJECT, TROLE_INTROSPECTION);
    in.directive = type_new(b, "__Directive", TK_OBJECT, TROLE_INTROSPECTION);
    in.type_kind = type_new(b, "__TypeKind", TK_ENUM, TROLE_INTROSPECTION);
    in.location = type_new(b, "__DirectiveLocation", TK_ENUM, TROLE_INTROSPECTION);

    in.schema->description =
        "A GraphQL schema: all its types and directives, and its root operation types.";
    in.type->description = "A type of the schema: scalar, object, interface, union, enum or "
                           "input object, or a list / non-null wrapper of one.";
    in.field->description = "A field of an object or interface type.";
    in.input_value->description = "An argument or an input object field.";
    in.enum_value->description = "One value of an enum type.";
    in.directive->description = "A directive and where it may be used.";
    in.type_kind->description = "What kind of type a `__Type` is.";
    in.location->description = "A place in a document where a directive may appear.";

    build_schema_type(&in);
    build_type_type(&in);
    build_member_types(&in);
    enum_values(b, in.type_kind, type_kinds, sizeof type_kinds / sizeof *type_kinds);
    enum_values(b, in.location, locations, sizeof locations / sizeof *locations);
    build_directives(b);
    build_meta_fields(&in);

    b->t_string->description = "UTF-8 text.";
    b->t_int->description = "A signed 32-bit integer.";
    b->t_float->description = "A double-precision floating-point number.";
    b->t_boolean->description = "`true` or `false`.";
    b->t_id->description = "A unique identifier, serialized as a string.";
}
