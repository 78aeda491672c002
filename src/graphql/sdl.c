/* sdl.c - the type-system half of the parser: schema, scalar, object, interface, union,
 * enum, input object and directive definitions, and every `extend` form.
 *
 * Called from parser.c's definition dispatch; shares its token helpers, value and type
 * parsers through internal.h. Productions and error behaviour follow graphql-js v16
 * (e.g. an extension that adds nothing fails with "Unexpected <next token>."). */
#include <string.h>

#include "graphql/internal.h"

/* ImplementsInterfaces : implements &? NamedType (& NamedType)* -- optional. */
static void implements(GqlParser *p, GqlDefinition *d)
{
    if (!GQLP_OPT_KW(p, "implements")) return;
    gqlp_opt(p, GQL_TOK_AMP);
    size_t mark = gqlp_mark(p);
    do {
        GqlName n;
        n.name = gqlp_name(p, &n.loc);
        gqlp_push(p, &n, sizeof n);
    } while (gqlp_opt(p, GQL_TOK_AMP));
    d->interfaces = gqlp_pop(p, mark, sizeof(GqlName), &d->n_interfaces);
}

/* InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]? */
static void input_value_def(GqlParser *p, GqlInputValueDef *iv)
{
    memset(iv, 0, sizeof *iv);
    iv->has_description = gqlp_description(p, &iv->description);
    iv->name = gqlp_name(p, &iv->loc);
    gqlp_expect(p, GQL_TOK_COLON);
    iv->type = gqlp_type(p);
    if (gqlp_opt(p, GQL_TOK_EQUALS)) iv->default_value = gqlp_value(p, true);
    gqlp_directives(p, true, &iv->directives, &iv->n_directives);
}

/* An optional `open InputValueDefinition+ close` list (arguments or input fields). */
static GqlInputValueDef *input_value_defs(GqlParser *p, GqlTokKind open, GqlTokKind close,
                                          uint32_t *n)
{
    *n = 0;
    if (!gqlp_opt(p, open)) return NULL;
    size_t mark = gqlp_mark(p);
    do {
        GqlInputValueDef iv;
        input_value_def(p, &iv);
        gqlp_push(p, &iv, sizeof iv);
    } while (!gqlp_opt(p, close));
    return gqlp_pop(p, mark, sizeof(GqlInputValueDef), n);
}

/* FieldsDefinition : { FieldDefinition+ } -- optional. */
static void fields_definition(GqlParser *p, GqlDefinition *d)
{
    if (!gqlp_opt(p, GQL_TOK_BRACE_L)) return;
    size_t mark = gqlp_mark(p);
    do {
        GqlFieldDef f;
        memset(&f, 0, sizeof f);
        f.has_description = gqlp_description(p, &f.description);
        f.name = gqlp_name(p, &f.loc);
        f.args = input_value_defs(p, GQL_TOK_PAREN_L, GQL_TOK_PAREN_R, &f.n_args);
        gqlp_expect(p, GQL_TOK_COLON);
        f.type = gqlp_type(p);
        gqlp_directives(p, true, &f.directives, &f.n_directives);
        gqlp_push(p, &f, sizeof f);
    } while (!gqlp_opt(p, GQL_TOK_BRACE_R));
    d->fields = gqlp_pop(p, mark, sizeof(GqlFieldDef), &d->n_fields);
}

/* UnionMemberTypes : = |? NamedType (| NamedType)* -- optional. */
static void union_members(GqlParser *p, GqlDefinition *d)
{
    if (!gqlp_opt(p, GQL_TOK_EQUALS)) return;
    gqlp_opt(p, GQL_TOK_PIPE);
    size_t mark = gqlp_mark(p);
    do {
        GqlName n;
        n.name = gqlp_name(p, &n.loc);
        gqlp_push(p, &n, sizeof n);
    } while (gqlp_opt(p, GQL_TOK_PIPE));
    d->members = gqlp_pop(p, mark, sizeof(GqlName), &d->n_members);
}

/* EnumValuesDefinition : { EnumValueDefinition+ } -- optional. */
static void enum_values(GqlParser *p, GqlDefinition *d)
{
    if (!gqlp_opt(p, GQL_TOK_BRACE_L)) return;
    size_t mark = gqlp_mark(p);
    do {
        GqlEnumValueDef ev;
        memset(&ev, 0, sizeof ev);
        ev.has_description = gqlp_description(p, &ev.description);
        if (gqlp_tok_value_is(p, &p->tok, "true") || gqlp_tok_value_is(p, &p->tok, "false") ||
            gqlp_tok_value_is(p, &p->tok, "null")) {
            Str v = gql_token_value(&p->lx, &p->tok, p->a);
            gqlp_fail(p, p->tok.loc, "%s \"%.*s\" is reserved and cannot be used for an enum value.",
                      gql_tok_kind_desc(p->tok.kind), STR_FMT(v));
        }
        ev.name = gqlp_name(p, &ev.loc);
        gqlp_directives(p, true, &ev.directives, &ev.n_directives);
        gqlp_push(p, &ev, sizeof ev);
    } while (!gqlp_opt(p, GQL_TOK_BRACE_R));
    d->values = gqlp_pop(p, mark, sizeof(GqlEnumValueDef), &d->n_values);
}

/* RootOperationTypeDefinition list: `{ (query|mutation|subscription): NamedType ... }`.
 * Required in `schema`, optional in `extend schema`. */
static void root_operations(GqlParser *p, GqlDefinition *d, bool required)
{
    if (required)
        gqlp_expect(p, GQL_TOK_BRACE_L);
    else if (!gqlp_opt(p, GQL_TOK_BRACE_L))
        return;
    size_t mark = gqlp_mark(p);
    do {
        GqlRootOpDef r;
        r.loc = p->tok.loc;
        r.op = gqlp_operation_type(p);
        gqlp_expect(p, GQL_TOK_COLON);
        r.type_name = gqlp_name(p, NULL);
        gqlp_push(p, &r, sizeof r);
    } while (!gqlp_opt(p, GQL_TOK_BRACE_R));
    d->root_ops = gqlp_pop(p, mark, sizeof(GqlRootOpDef), &d->n_root_ops);
}

static const char *const directive_locations[] = {
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT",
    "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
    "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
};

/* DirectiveLocations : |? DirectiveLocation (| DirectiveLocation)* */
static void directive_locs(GqlParser *p, GqlDefinition *d)
{
    gqlp_opt(p, GQL_TOK_PIPE);
    size_t mark = gqlp_mark(p);
    do {
        GqlToken start = p->tok;
        GqlName n;
        n.name = gqlp_name(p, &n.loc);
        bool known = false;
        for (size_t i = 0; i < sizeof directive_locations / sizeof *directive_locations; i++)
            if (str_eqz(n.name, directive_locations[i])) known = true;
        if (!known) gqlp_unexpected(p, &start);
        gqlp_push(p, &n, sizeof n);
    } while (gqlp_opt(p, GQL_TOK_PIPE));
    d->locations = gqlp_pop(p, mark, sizeof(GqlName), &d->n_locations);
}

/* The body after `<keyword> Name` shared by definitions and extensions. */
static void type_body(GqlParser *p, GqlDefinition *d)
{
    switch (d->kind) {
    case GQL_DEF_SCALAR:
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        break;
    case GQL_DEF_OBJECT:
    case GQL_DEF_INTERFACE:
        implements(p, d);
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        fields_definition(p, d);
        break;
    case GQL_DEF_UNION:
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        union_members(p, d);
        break;
    case GQL_DEF_ENUM:
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        enum_values(p, d);
        break;
    case GQL_DEF_INPUT:
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        d->input_fields = input_value_defs(p, GQL_TOK_BRACE_L, GQL_TOK_BRACE_R,
                                           &d->n_input_fields);
        break;
    default:
        break;
    }
}

/* Maps a definition keyword to its kind; false for anything else. */
static bool type_keyword(GqlParser *p, const GqlToken *t, GqlDefKind *kind)
{
    if (GQLP_KW(p, t, "schema")) *kind = GQL_DEF_SCHEMA;
    else if (GQLP_KW(p, t, "scalar")) *kind = GQL_DEF_SCALAR;
    else if (GQLP_KW(p, t, "type")) *kind = GQL_DEF_OBJECT;
    else if (GQLP_KW(p, t, "interface")) *kind = GQL_DEF_INTERFACE;
    else if (GQLP_KW(p, t, "union")) *kind = GQL_DEF_UNION;
    else if (GQLP_KW(p, t, "enum")) *kind = GQL_DEF_ENUM;
    else if (GQLP_KW(p, t, "input")) *kind = GQL_DEF_INPUT;
    else if (GQLP_KW(p, t, "directive")) *kind = GQL_DEF_DIRECTIVE;
    else return false;
    return true;
}

void gqlp_type_system_definition(GqlParser *p, const GqlToken *kw, GqlDefinition *d)
{
    GqlDefKind kind = GQL_DEF_SCHEMA;
    type_keyword(p, kw, &kind);
    d->kind = kind;
    d->has_description = gqlp_description(p, &d->description);
    d->loc = p->tok.loc;
    gqlp_advance(p); /* the keyword, already identified by lookahead */
    if (kind == GQL_DEF_SCHEMA) {
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        root_operations(p, d, true);
        return;
    }
    if (kind == GQL_DEF_DIRECTIVE) {
        gqlp_expect(p, GQL_TOK_AT);
        d->name = gqlp_name(p, &d->name_loc);
        d->args = input_value_defs(p, GQL_TOK_PAREN_L, GQL_TOK_PAREN_R, &d->n_args);
        d->repeatable = GQLP_OPT_KW(p, "repeatable");
        gqlp_expect_keyword(p, "on");
        directive_locs(p, d);
        return;
    }
    d->name = gqlp_name(p, &d->name_loc);
    type_body(p, d);
}

void gqlp_type_system_extension(GqlParser *p, GqlDefinition *d)
{
    GqlToken kw;
    gqlp_lookahead(p, &kw);
    GqlDefKind kind;
    if (!type_keyword(p, &kw, &kind) || kind == GQL_DEF_DIRECTIVE) gqlp_unexpected(p, &kw);
    d->kind = kind;
    d->is_extension = true;
    d->loc = p->tok.loc;
    gqlp_advance(p); /* extend */
    gqlp_advance(p); /* the keyword */
    if (kind == GQL_DEF_SCHEMA) {
        gqlp_directives(p, true, &d->directives, &d->n_directives);
        root_operations(p, d, false);
        if (!d->n_directives && !d->n_root_ops) gqlp_unexpected(p, &p->tok);
        return;
    }
    d->name = gqlp_name(p, &d->name_loc);
    type_body(p, d);
    if (!d->n_directives && !d->n_interfaces && !d->n_fields && !d->n_members &&
        !d->n_values && !d->n_input_fields)
        gqlp_unexpected(p, &p->tok);
}
