/* parser_test.c - tests src/graphql/parser.c and sdl.c: AST shapes, names, values and
 * locations for two kitchen-sink documents, every syntax error with its exact graphql-js
 * v16 message and location, the depth and token limits, truncated input and random
 * input (which must fail cleanly, never crash). */
#include <stdint.h>

#include "graphql/parser.h"
#include "unit/test.h"
#include "unit/graphql/kitchen_sink.h"

static Arena arena;

static GqlDocument *parse_ok(const char *src)
{
    GqlParseError e;
    GqlDocument *d = gql_parse(&arena, src, strlen(src), NULL, &e);
    if (!d) fprintf(stderr, "unexpected parse error %u:%u %s\n", e.loc.line, e.loc.col, e.message);
    return d;
}

static char cbuf[8][256];
static int cbuf_i;
/* A NUL-terminated copy of a slice, for CHECK_EQ_STR. */
static const char *z(Str s)
{
    char *b = cbuf[cbuf_i++ & 7];
    snprintf(b, 256, "%.*s", STR_FMT(s));
    return b;
}

#define CHECK_LOC(l, ln, c)                                                        \
    do {                                                                           \
        CHECK_EQ_INT((l).line, ln);                                                \
        CHECK_EQ_INT((l).col, c);                                                  \
    } while (0)

/* ---- executable kitchen sink ---- */

TEST(exec_kitchen_sink)
{
    GqlDocument *d = parse_ok(KITCHEN_SINK_EXEC);
    CHECK(d);
    CHECK_EQ_INT(d->n_defs, 6);

    /* query queryName($foo: ComplexType, $site: Site = MOBILE, $list: [[Int!]]! = ...) */
    GqlDefinition *q = &d->defs[0];
    CHECK_EQ_INT(q->kind, GQL_DEF_OPERATION);
    CHECK_EQ_INT(q->op, GQL_OP_QUERY);
    CHECK(!q->shorthand);
    CHECK_EQ_STR(z(q->name), "queryName");
    CHECK_LOC(q->loc, 2, 1);
    CHECK_LOC(q->name_loc, 2, 7);
    CHECK_EQ_INT(q->n_var_defs, 3);
    CHECK_EQ_STR(z(q->var_defs[0].name), "foo");
    CHECK_LOC(q->var_defs[0].loc, 2, 17);
    CHECK_EQ_INT(q->var_defs[0].type->kind, GQL_TYPE_NAMED);
    CHECK_EQ_STR(z(q->var_defs[0].type->name), "ComplexType");
    CHECK_LOC(q->var_defs[0].type->loc, 2, 23);
    CHECK(q->var_defs[0].default_value == NULL);
    CHECK_EQ_INT(q->var_defs[1].default_value->kind, GQL_VAL_ENUM);
    CHECK_EQ_STR(z(q->var_defs[1].default_value->str), "MOBILE");
    CHECK_LOC(q->var_defs[1].default_value->loc, 2, 50);
    GqlVarDef *list = &q->var_defs[2];
    CHECK_EQ_INT(list->type->kind, GQL_TYPE_NON_NULL);
    CHECK_LOC(list->type->loc, 2, 65);
    CHECK_EQ_INT(list->type->of->kind, GQL_TYPE_LIST);
    CHECK_EQ_INT(list->type->of->of->kind, GQL_TYPE_LIST);
    CHECK_LOC(list->type->of->of->loc, 2, 66);
    CHECK_EQ_INT(list->type->of->of->of->kind, GQL_TYPE_NON_NULL);
    CHECK_EQ_STR(z(list->type->of->of->of->of->name), "Int");
    GqlValue *dv = list->default_value;
    CHECK_EQ_INT(dv->kind, GQL_VAL_LIST);
    CHECK_EQ_INT(dv->n_items, 2);
    CHECK_LOC(dv->loc, 2, 77);
    CHECK_EQ_INT(dv->items[0]->n_items, 2);
    CHECK_EQ_STR(z(dv->items[0]->items[1]->str), "2");
    CHECK_LOC(dv->items[0]->items[1]->loc, 2, 82);
    CHECK_EQ_INT(dv->items[1]->items[0]->kind, GQL_VAL_INT);
    CHECK_EQ_INT(list->n_directives, 1);
    CHECK_EQ_STR(z(list->directives[0].name), "onVar");
    CHECK_LOC(list->directives[0].loc, 2, 91);
    CHECK_EQ_INT(q->n_directives, 1);
    CHECK_EQ_STR(z(q->directives[0].name), "onQuery");

    /* whoever123is: node(id: [123, 456]) { id, ... on User @x {...}, ... @skip {...}, ... {} } */
    GqlSelectionSet *ss = q->selection_set;
    CHECK_LOC(ss->loc, 2, 108);
    CHECK_EQ_INT(ss->n, 1);
    GqlSelection *node = &ss->items[0];
    CHECK_EQ_INT(node->kind, GQL_SEL_FIELD);
    CHECK_EQ_STR(z(node->alias), "whoever123is");
    CHECK_EQ_STR(z(node->name), "node");
    CHECK_EQ_STR(z(gql_response_key(node)), "whoever123is");
    CHECK_LOC(node->loc, 3, 3);
    CHECK_LOC(node->name_loc, 3, 17);
    CHECK_EQ_INT(node->n_args, 1);
    CHECK_EQ_STR(z(node->args[0].name), "id");
    CHECK_LOC(node->args[0].loc, 3, 22);
    CHECK_EQ_INT(node->args[0].value->n_items, 2);
    CHECK_EQ_STR(z(node->args[0].value->items[1]->str), "456");
    CHECK_LOC(node->args[0].value->items[1]->loc, 3, 32);
    GqlSelectionSet *ns = node->selection_set;
    CHECK_EQ_INT(ns->n, 4);
    CHECK_EQ_STR(z(ns->items[0].name), "id");
    CHECK_EQ_INT(ns->items[0].alias.len, 0);
    CHECK(ns->items[0].selection_set == NULL);
    GqlSelection *inl = &ns->items[1];
    CHECK_EQ_INT(inl->kind, GQL_SEL_INLINE_FRAGMENT);
    CHECK_EQ_STR(z(inl->name), "User");
    CHECK_LOC(inl->loc, 5, 5);
    CHECK_LOC(inl->name_loc, 5, 12);
    CHECK_EQ_STR(z(inl->directives[0].name), "onInlineFragment");
    GqlSelection *field1 = &inl->selection_set->items[0].selection_set->items[1];
    CHECK_EQ_STR(z(field1->alias), "alias");
    CHECK_EQ_STR(z(field1->name), "field1");
    CHECK_LOC(field1->loc, 8, 9);
    CHECK_EQ_INT(field1->n_args, 2);
    CHECK_EQ_INT(field1->args[1].value->kind, GQL_VAL_VARIABLE);
    CHECK_EQ_STR(z(field1->args[1].value->str), "foo");
    CHECK_LOC(field1->args[1].value->loc, 8, 41);
    CHECK_EQ_STR(z(field1->directives[0].name), "include");
    CHECK_LOC(field1->directives[0].loc, 8, 47);
    CHECK_EQ_STR(z(field1->directives[0].args[0].name), "if");
    GqlSelection *spread = &field1->selection_set->items[1];
    CHECK_EQ_INT(spread->kind, GQL_SEL_FRAGMENT_SPREAD);
    CHECK_EQ_STR(z(spread->name), "frag");
    CHECK_LOC(spread->loc, 10, 11);
    CHECK_LOC(spread->name_loc, 10, 14);
    CHECK_EQ_STR(z(spread->directives[0].name), "onFragmentSpread");
    CHECK(spread->selection_set == NULL);
    GqlSelection *skip = &ns->items[2];
    CHECK_EQ_INT(skip->kind, GQL_SEL_INLINE_FRAGMENT);
    CHECK_EQ_INT(skip->name.len, 0);
    CHECK_EQ_STR(z(skip->directives[0].name), "skip");
    CHECK_EQ_INT(ns->items[3].kind, GQL_SEL_INLINE_FRAGMENT);
    CHECK_EQ_INT(ns->items[3].n_directives, 0);
    CHECK_LOC(ns->items[3].selection_set->items[0].loc, 18, 7);

    /* mutation likeStory @onMutation */
    GqlDefinition *m = &d->defs[1];
    CHECK_EQ_INT(m->op, GQL_OP_MUTATION);
    CHECK_EQ_STR(z(m->name), "likeStory");
    CHECK_LOC(m->loc, 23, 1);
    CHECK_EQ_INT(m->n_var_defs, 0);
    CHECK_EQ_STR(z(m->selection_set->items[0].args[0].value->str), "123");

    /* subscription with a variable directive */
    GqlDefinition *s = &d->defs[2];
    CHECK_EQ_INT(s->op, GQL_OP_SUBSCRIPTION);
    CHECK_EQ_STR(z(s->var_defs[0].directives[0].name), "onVariableDefinition");
    CHECK_LOC(s->var_defs[0].directives[0].loc, 31, 68);
    CHECK_LOC(s->selection_set->items[0].selection_set->items[0].selection_set->items[1]
                  .selection_set->items[0].loc, 35, 22);

    /* fragment frag on Friend: values of every kind */
    GqlDefinition *f = &d->defs[3];
    CHECK_EQ_INT(f->kind, GQL_DEF_FRAGMENT);
    CHECK_EQ_STR(z(f->name), "frag");
    CHECK_LOC(f->name_loc, 40, 10);
    CHECK_EQ_STR(z(f->type_condition.name), "Friend");
    CHECK_LOC(f->type_condition.loc, 40, 18);
    CHECK_EQ_STR(z(f->directives[0].name), "onFragmentDefinition");
    GqlSelection *foo = &f->selection_set->items[0];
    GqlValue *obj = foo->args[2].value;
    CHECK_EQ_INT(obj->kind, GQL_VAL_OBJECT);
    CHECK_LOC(obj->loc, 41, 34);
    CHECK_EQ_INT(obj->n_fields, 2);
    CHECK_EQ_STR(z(obj->fields[0].name), "key");
    CHECK_EQ_STR(z(obj->fields[0].value->str), "value");
    CHECK(!obj->fields[0].value->block);
    CHECK_EQ_STR(z(obj->fields[1].name), "block");
    CHECK(obj->fields[1].value->block);
    CHECK_EQ_STR(z(obj->fields[1].value->str), "block string uses \"\"\"");
    CHECK_LOC(obj->fields[1].value->loc, 41, 56);
    GqlValue *esc = f->selection_set->items[1].args[0].value;
    CHECK_EQ_STR(z(esc->str), "\" \\ / \b \f \n \r \t \xC3\xA9 \xF0\x9F\x98\x80 \xF0\x9F\x98\x80 \xC3\xA9");
    CHECK_LOC(esc->loc, 44, 10);
    GqlSelection *nums = &f->selection_set->items[2];
    CHECK_LOC(nums->loc, 45, 3);
    const char *texts[] = {"0", "-12", "1.5", "-0.25e+10", "3E-2"};
    const GqlValueKind kinds[] = {GQL_VAL_INT, GQL_VAL_INT, GQL_VAL_FLOAT, GQL_VAL_FLOAT,
                                  GQL_VAL_FLOAT};
    CHECK_EQ_INT(nums->n_args, 5);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ_INT(nums->args[i].value->kind, kinds[i]);
        CHECK_EQ_STR(z(nums->args[i].value->str), texts[i]);
    }

    /* { unnamed(truthy: true, falsy: false, nullish: null), query } */
    GqlDefinition *sh = &d->defs[4];
    CHECK(sh->shorthand);
    CHECK_EQ_INT(sh->op, GQL_OP_QUERY);
    CHECK_EQ_INT(sh->name.len, 0);
    CHECK_LOC(sh->loc, 48, 1);
    GqlSelection *un = &sh->selection_set->items[0];
    CHECK_EQ_INT(un->args[0].value->kind, GQL_VAL_BOOLEAN);
    CHECK(un->args[0].value->boolean);
    CHECK_EQ_INT(un->args[1].value->kind, GQL_VAL_BOOLEAN);
    CHECK(!un->args[1].value->boolean);
    CHECK_EQ_INT(un->args[2].value->kind, GQL_VAL_NULL);
    CHECK_EQ_STR(z(sh->selection_set->items[1].name), "query");

    /* query { __typename }: anonymous but not shorthand */
    CHECK(!d->defs[5].shorthand);
    CHECK_EQ_INT(d->defs[5].name.len, 0);
    CHECK_EQ_STR(z(d->defs[5].selection_set->items[0].name), "__typename");
}

/* ---- SDL kitchen sink ---- */

static const GqlDefinition *find_def(const GqlDocument *d, GqlDefKind k, const char *name,
                                     bool ext, int nth)
{
    for (uint32_t i = 0; i < d->n_defs; i++)
        if (d->defs[i].kind == k && str_eqz(d->defs[i].name, name) &&
            d->defs[i].is_extension == ext && nth-- == 0)
            return &d->defs[i];
    return NULL;
}

TEST(sdl_kitchen_sink)
{
    GqlDocument *d = parse_ok(KITCHEN_SINK_SDL);
    CHECK(d);
    CHECK_EQ_INT(d->n_defs, 37);

    const GqlDefinition *sch = &d->defs[0];
    CHECK_EQ_INT(sch->kind, GQL_DEF_SCHEMA);
    CHECK(sch->has_description);
    CHECK_EQ_STR(z(sch->description), "The schema.");
    CHECK_LOC(sch->loc, 4, 1);
    CHECK_EQ_STR(z(sch->directives[0].name), "onSchema");
    CHECK_EQ_INT(sch->n_root_ops, 3);
    CHECK_EQ_INT(sch->root_ops[0].op, GQL_OP_QUERY);
    CHECK_EQ_STR(z(sch->root_ops[0].type_name), "QueryType");
    CHECK_LOC(sch->root_ops[0].loc, 5, 3);
    CHECK_EQ_INT(sch->root_ops[1].op, GQL_OP_MUTATION);
    CHECK_EQ_INT(sch->root_ops[2].op, GQL_OP_SUBSCRIPTION);
    CHECK_EQ_STR(z(sch->root_ops[2].type_name), "SubscriptionType");

    const GqlDefinition *foo = find_def(d, GQL_DEF_OBJECT, "Foo", false, 0);
    CHECK(foo);
    CHECK_EQ_STR(z(foo->description), "This is a description\nof the `Foo` type.");
    CHECK_LOC(foo->loc, 14, 1);
    CHECK_LOC(foo->name_loc, 14, 6);
    CHECK_EQ_INT(foo->n_interfaces, 3);
    CHECK_EQ_STR(z(foo->interfaces[0].name), "Bar");
    CHECK_EQ_STR(z(foo->interfaces[2].name), "Two");
    CHECK_LOC(foo->interfaces[1].loc, 14, 27);
    CHECK_EQ_INT(foo->n_fields, 7);
    CHECK_EQ_STR(z(foo->fields[0].description), "Description of the `one` field.");
    CHECK_EQ_STR(z(foo->fields[0].name), "one");
    CHECK_LOC(foo->fields[0].loc, 16, 3);
    CHECK_EQ_STR(z(foo->fields[1].description), "This is a description of the `two` field.");
    CHECK_EQ_INT(foo->fields[1].n_args, 1);
    CHECK_EQ_STR(z(foo->fields[1].args[0].description),
                 "This is a description of the `argument` argument.");
    CHECK_EQ_INT(foo->fields[1].args[0].type->kind, GQL_TYPE_NON_NULL);
    CHECK_EQ_STR(z(foo->fields[1].args[0].type->of->name), "InputType");
    CHECK_EQ_INT(foo->fields[2].n_args, 2);
    CHECK(!foo->fields[2].has_description);
    CHECK_EQ_STR(z(foo->fields[3].args[0].default_value->str), "string");
    CHECK_EQ_INT(foo->fields[4].args[0].default_value->n_items, 2);
    CHECK_EQ_STR(z(foo->fields[5].args[0].default_value->fields[0].name), "key");
    CHECK_EQ_INT(foo->fields[6].args[0].default_value->kind, GQL_VAL_NULL);

    const GqlDefinition *ann = find_def(d, GQL_DEF_OBJECT, "AnnotatedObject", false, 0);
    CHECK(ann);
    CHECK_EQ_STR(z(ann->directives[0].args[0].value->str), "value");
    CHECK_EQ_STR(z(ann->fields[0].args[0].directives[0].name), "onArgumentDefinition");
    CHECK_EQ_STR(z(ann->fields[0].directives[0].name), "onField");

    const GqlDefinition *undef = find_def(d, GQL_DEF_OBJECT, "UndefinedType", false, 0);
    CHECK(undef);
    CHECK_EQ_INT(undef->n_fields, 0);
    CHECK(undef->fields == NULL);

    const GqlDefinition *xfoo = find_def(d, GQL_DEF_OBJECT, "Foo", true, 0);
    CHECK(xfoo);
    CHECK_EQ_INT(xfoo->n_fields, 1);
    CHECK_EQ_INT(xfoo->fields[0].args[0].type->kind, GQL_TYPE_LIST);
    CHECK_LOC(xfoo->loc, 35, 1);
    const GqlDefinition *xfoo2 = find_def(d, GQL_DEF_OBJECT, "Foo", true, 1);
    CHECK(xfoo2);
    CHECK_EQ_INT(xfoo2->n_directives, 1);
    CHECK_EQ_INT(xfoo2->n_fields, 0);

    const GqlDefinition *bar = find_def(d, GQL_DEF_INTERFACE, "Bar", false, 0);
    CHECK(bar);
    CHECK_EQ_INT(bar->n_fields, 2);
    const GqlDefinition *xbar = find_def(d, GQL_DEF_INTERFACE, "Bar", true, 0);
    CHECK(xbar);
    CHECK_EQ_INT(xbar->n_interfaces, 1);
    CHECK_EQ_STR(z(xbar->interfaces[0].name), "Two");
    const GqlDefinition *baz = find_def(d, GQL_DEF_INTERFACE, "Baz", false, 0);
    CHECK(baz);
    CHECK_EQ_INT(baz->n_interfaces, 2);

    const GqlDefinition *feed = find_def(d, GQL_DEF_UNION, "Feed", false, 0);
    CHECK(feed);
    CHECK_EQ_INT(feed->n_members, 3);
    CHECK_EQ_STR(z(feed->members[0].name), "Story");
    CHECK_EQ_STR(z(feed->members[2].name), "Advert");
    CHECK_EQ_INT(find_def(d, GQL_DEF_UNION, "AnnotatedUnionTwo", false, 0)->n_members, 2);
    CHECK_EQ_INT(find_def(d, GQL_DEF_UNION, "UndefinedUnion", false, 0)->n_members, 0);
    CHECK_EQ_INT(find_def(d, GQL_DEF_UNION, "Feed", true, 0)->n_members, 2);
    CHECK_EQ_INT(find_def(d, GQL_DEF_UNION, "Feed", true, 1)->n_directives, 1);

    CHECK(find_def(d, GQL_DEF_SCALAR, "CustomScalar", false, 0));
    CHECK_EQ_INT(find_def(d, GQL_DEF_SCALAR, "CustomScalar", true, 0)->n_directives, 1);

    const GqlDefinition *site = find_def(d, GQL_DEF_ENUM, "Site", false, 0);
    CHECK(site);
    CHECK_EQ_INT(site->n_values, 3);
    CHECK_EQ_STR(z(site->values[0].name), "DESKTOP");
    CHECK_EQ_STR(z(site->values[0].description), "This is a description of the `DESKTOP` value");
    CHECK_EQ_STR(z(site->values[2].description), "This is a description of the `WEB` value");
    const GqlDefinition *aenum = find_def(d, GQL_DEF_ENUM, "AnnotatedEnum", false, 0);
    CHECK_EQ_STR(z(aenum->values[0].directives[0].name), "onEnumValue");
    CHECK_EQ_STR(z(find_def(d, GQL_DEF_ENUM, "Site", true, 0)->values[0].name), "VR");

    const GqlDefinition *in = find_def(d, GQL_DEF_INPUT, "InputType", false, 0);
    CHECK(in);
    CHECK_EQ_INT(in->n_input_fields, 2);
    CHECK_EQ_STR(z(in->input_fields[1].name), "answer");
    CHECK_EQ_STR(z(in->input_fields[1].default_value->str), "42");
    const GqlDefinition *xin = find_def(d, GQL_DEF_INPUT, "InputType", true, 0);
    CHECK_EQ_INT(xin->input_fields[0].default_value->kind, GQL_VAL_FLOAT);
    CHECK_EQ_STR(z(xin->input_fields[0].directives[0].name), "onInputFieldDefinition");

    const GqlDefinition *skip = find_def(d, GQL_DEF_DIRECTIVE, "skip", false, 0);
    CHECK(skip);
    CHECK_EQ_STR(z(skip->description), "This is a description of the `@skip` directive");
    CHECK(!skip->repeatable);
    CHECK_EQ_INT(skip->n_args, 1);
    CHECK_EQ_STR(z(skip->args[0].name), "if");
    CHECK_EQ_INT(skip->n_locations, 3);
    CHECK_EQ_STR(z(skip->locations[2].name), "INLINE_FRAGMENT");
    CHECK_EQ_INT(find_def(d, GQL_DEF_DIRECTIVE, "include", false, 0)->n_locations, 3);
    CHECK_EQ_INT(find_def(d, GQL_DEF_DIRECTIVE, "include2", false, 0)->n_locations, 3);
    const GqlDefinition *rep = find_def(d, GQL_DEF_DIRECTIVE, "myRepeatableDir", false, 0);
    CHECK(rep->repeatable);
    CHECK_EQ_STR(z(rep->locations[1].name), "INTERFACE");

    const GqlDefinition *xs1 = &d->defs[35], *xs2 = &d->defs[36];
    CHECK_EQ_INT(xs1->kind, GQL_DEF_SCHEMA);
    CHECK(xs1->is_extension);
    CHECK_EQ_INT(xs1->n_root_ops, 0);
    CHECK_EQ_INT(xs2->n_root_ops, 1);
    CHECK_EQ_INT(xs2->root_ops[0].op, GQL_OP_SUBSCRIPTION);
}

TEST(descriptions_on_executable_definitions)
{
    /* The 2025 spec allows descriptions on operations, fragments and variables. */
    GqlDocument *d = parse_ok("\"op\" query Q(\"v\" $a: Int) { a } \"\"\"fr\"\"\" fragment F on T { b }");
    CHECK(d);
    CHECK_EQ_INT(d->n_defs, 2);
    CHECK(d->defs[0].has_description);
    CHECK_EQ_STR(z(d->defs[0].description), "op");
    CHECK_LOC(d->defs[0].loc, 1, 6);
    CHECK_EQ_INT(d->defs[0].n_var_defs, 1);
    CHECK_EQ_STR(z(d->defs[1].description), "fr");
    CHECK_EQ_INT(d->defs[1].kind, GQL_DEF_FRAGMENT);
}

TEST(names_are_slices_of_the_source)
{
    const char *src = "{ hello }";
    GqlDocument *d = parse_ok(src);
    CHECK(d);
    CHECK(d->defs[0].selection_set->items[0].name.ptr == src + 2);
}

TEST(not_nul_terminated)
{
    /* The parser must not read past len: "{ a }" followed by garbage. */
    const char src[] = "{ a }%%%";
    GqlParseError e;
    GqlDocument *d = gql_parse(&arena, src, 5, NULL, &e);
    CHECK(d);
    d = gql_parse(&arena, src, 4, NULL, &e);
    CHECK(!d);
    CHECK_EQ_STR(e.message, "Syntax Error: Expected Name, found <EOF>.");
    CHECK_LOC(e.loc, 1, 5);
}

/* ---- errors ---- */

/* Expected messages and locations were produced by graphql-js 16.15 parse() on the same
 * input; a row with a NULL message parses successfully. */
static const struct {
    const char *src;
    unsigned line, col;
    const char *message;
} error_cases[] = {
#include "unit/graphql/error_cases.inc"
};

TEST(errors_match_graphql_js)
{
    for (size_t i = 0; i < sizeof error_cases / sizeof *error_cases; i++) {
        GqlParseError e;
        const char *src = error_cases[i].src;
        GqlDocument *d = gql_parse(&arena, src, strlen(src), NULL, &e);
        if (!error_cases[i].message) {
            if (!d) fprintf(stderr, "case %zu: %s\n", i, e.message);
            CHECK(d != NULL);
            continue;
        }
        if (d) fprintf(stderr, "case %zu parsed: %s\n", i, src);
        CHECK(d == NULL);
        if (strcmp(e.message, error_cases[i].message) != 0 || e.loc.line != error_cases[i].line ||
            e.loc.col != error_cases[i].col)
            fprintf(stderr, "case %zu: input \"%s\"\n", i, src);
        CHECK_EQ_STR(e.message, error_cases[i].message);
        CHECK_EQ_INT(e.loc.line, error_cases[i].line);
        CHECK_EQ_INT(e.loc.col, error_cases[i].col);
        arena_reset(&arena);
    }
}

TEST(error_embedded_nul)
{
    GqlParseError e;
    CHECK(!gql_parse(&arena, "{ a \0 }", 7, NULL, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Unexpected character: U+0000.");
    CHECK_LOC(e.loc, 1, 5);
    /* Inside a string a NUL is an ordinary character. */
    GqlDocument *d = gql_parse(&arena, "{ a(s: \"x\0y\") }", 15, NULL, &e);
    CHECK(d);
    CHECK_EQ_INT(d->defs[0].selection_set->items[0].args[0].value->str.len, 3);
}

/* ---- limits ---- */

/* n nested selection sets: "{a{a{a ... }}}" */
static char *nested_selections(int n)
{
    char *s = arena_alloc(&arena, (size_t)n * 3 + 1);
    char *o = s;
    for (int i = 0; i < n; i++) *o++ = '{', *o++ = 'a';
    for (int i = 0; i < n; i++) *o++ = '}';
    *o = 0;
    return s;
}

static char *repeat_wrap(const char *pre, const char *open, const char *mid, const char *close,
                         const char *post, int n)
{
    size_t len = strlen(pre) + strlen(mid) + strlen(post) + (size_t)n * (strlen(open) + strlen(close));
    char *s = arena_alloc(&arena, len + 1), *o = s;
    o += sprintf(o, "%s", pre);
    for (int i = 0; i < n; i++) o += sprintf(o, "%s", open);
    o += sprintf(o, "%s", mid);
    for (int i = 0; i < n; i++) o += sprintf(o, "%s", close);
    sprintf(o, "%s", post);
    return s;
}

TEST(depth_limit)
{
    GqlParseError e;
    char *s = nested_selections(60);
    CHECK(gql_parse(&arena, s, strlen(s), NULL, &e));
    s = nested_selections(GQL_DEFAULT_MAX_DEPTH);
    CHECK(gql_parse(&arena, s, strlen(s), NULL, &e));
    s = nested_selections(GQL_DEFAULT_MAX_DEPTH + 1);
    CHECK(!gql_parse(&arena, s, strlen(s), NULL, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    CHECK_LOC(e.loc, 1, 2 * GQL_DEFAULT_MAX_DEPTH + 1);

    GqlParseOptions o = {.max_depth = 10};
    s = nested_selections(10);
    CHECK(gql_parse(&arena, s, strlen(s), &o, &e));
    s = nested_selections(11);
    CHECK(!gql_parse(&arena, s, strlen(s), &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    CHECK_LOC(e.loc, 1, 21);

    /* Values: a selection set plus 9 lists is 10 levels. */
    s = repeat_wrap("{ a(x: ", "[", "1", "]", ") }", 9);
    CHECK(gql_parse(&arena, s, strlen(s), &o, &e));
    s = repeat_wrap("{ a(x: ", "[", "1", "]", ") }", 10);
    CHECK(!gql_parse(&arena, s, strlen(s), &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    s = repeat_wrap("{ a(x: ", "{b: ", "1", "}", ") }", 10);
    CHECK(!gql_parse(&arena, s, strlen(s), &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    /* Types. */
    s = repeat_wrap("query($v: ", "[", "Int", "]", ") { a }", 10);
    CHECK(gql_parse(&arena, s, strlen(s), &o, &e));
    s = repeat_wrap("query($v: ", "[", "Int", "]", ") { a }", 11);
    CHECK(!gql_parse(&arena, s, strlen(s), &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    CHECK_LOC(e.loc, 1, 21);
    s = repeat_wrap("type T { f: ", "[", "Int", "]!", " }", 11);
    CHECK(!gql_parse(&arena, s, strlen(s), &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    /* Inline fragments nest selection sets too. */
    s = repeat_wrap("", "{... on T ", "a", "}", "", 11);
    CHECK(!gql_parse(&arena, s, strlen(s), &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
}

TEST(very_deep_input_fails_without_overflowing_the_stack)
{
    /* A million levels: the depth limit stops recursion long before the stack ends. */
    GqlParseError e;
    int n = 1000000;
    char *s = repeat_wrap("{ a(x: ", "[", "", "]", ") }", n);
    CHECK(!gql_parse(&arena, s, strlen(s), NULL, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    s = nested_selections(n);
    CHECK(!gql_parse(&arena, s, strlen(s), NULL, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    s = repeat_wrap("query($v: ", "[", "Int", "]", ") { a }", n);
    CHECK(!gql_parse(&arena, s, strlen(s), NULL, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document is nested too deeply.");
    arena_reset(&arena);
}

TEST(token_limit)
{
    GqlParseError e;
    GqlParseOptions o = {.max_tokens = 5};
    CHECK(gql_parse(&arena, "{ a b c }", 9, &o, &e));  /* 5 tokens */
    CHECK(!gql_parse(&arena, "{ a b c d }", 11, &o, &e));
    CHECK_EQ_STR(e.message, "Syntax Error: Document contains more than 5 tokens. Parsing aborted.");
    CHECK_LOC(e.loc, 1, 11); /* the sixth token, `}` */
    o.max_tokens = 0; /* unlimited */
    CHECK(gql_parse(&arena, "{ a b c d }", 11, &o, &e));
}

/* ---- robustness ---- */

/* A failed parse must leave a "Syntax Error: " message with a location inside the input
 * (or just after it). */
static bool failed_cleanly(const char *src, size_t len, const GqlParseError *e)
{
    if (strncmp(e->message, "Syntax Error: ", 14) != 0) return false;
    if (e->loc.line < 1 || e->loc.col < 1) return false;
    uint32_t lines = 1;
    for (size_t i = 0; i < len; i++)
        if (src[i] == '\n' || (src[i] == '\r' && (i + 1 == len || src[i + 1] != '\n'))) lines++;
    return e->loc.line <= lines && e->loc.col <= len + 1;
}

TEST(every_prefix_parses_or_fails_cleanly)
{
    const char *docs[] = {KITCHEN_SINK_EXEC, KITCHEN_SINK_SDL};
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(docs[k]);
        int ok = 0;
        for (size_t len = 0; len <= n; len++) {
            /* A heap copy of exactly len bytes, so ASan catches any read past the end. */
            char *copy = malloc(len ? len : 1);
            memcpy(copy, docs[k], len);
            GqlParseError e;
            GqlDocument *d = gql_parse(&arena, copy, len, NULL, &e);
            if (d) ok++;
            else if (!failed_cleanly(copy, len, &e)) {
                fprintf(stderr, "prefix %zu: %u:%u %s\n", len, e.loc.line, e.loc.col, e.message);
                free(copy);
                CHECK(0);
            }
            free(copy);
            arena_reset(&arena);
        }
        CHECK(ok > 2); /* the full document and some definition boundaries */
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

TEST(random_bytes_fail_cleanly)
{
    static const char alphabet[] = "{}()[]:=@$!&|.\"\\#,\n\r\t aZ_09-+eE'%\x01\xc3\xa9\xff";
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = rnd() % 64;
        char *s = malloc(len ? len : 1);
        for (size_t i = 0; i < len; i++)
            s[i] = (iter & 1) ? (char)(rnd() & 0xFF) : alphabet[rnd() % (sizeof alphabet - 1)];
        GqlParseError e;
        if (!gql_parse(&arena, s, len, NULL, &e) && !failed_cleanly(s, len, &e)) {
            fprintf(stderr, "iteration %d: %s\n", iter, e.message);
            free(s);
            CHECK(0);
        }
        free(s);
        arena_reset(&arena);
    }
}

TEST(random_token_soup_fails_cleanly)
{
    static const char *const toks[] = {
        "{", "}", "(", ")", "[", "]", ":", "=", "@", "$", "!", "&", "|", "...", "query",
        "mutation", "subscription", "fragment", "on", "type", "schema", "extend", "interface",
        "union", "enum", "input", "scalar", "directive", "repeatable", "implements", "FIELD",
        "true", "null", "a", "Foo", "1", "-2.5e3", "\"s\\n\"", "\"\"\"b\n  c\"\"\"", "#c\n", ",",
    };
    int parsed = 0;
    for (int iter = 0; iter < 3000; iter++) {
        char buf[1024];
        size_t len = 0;
        int n = 1 + (int)(rnd() % 40);
        for (int i = 0; i < n; i++) {
            const char *t = toks[rnd() % (sizeof toks / sizeof *toks)];
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s ", t);
        }
        GqlParseError e;
        GqlDocument *d = gql_parse(&arena, buf, len, NULL, &e);
        if (d) parsed++;
        else if (!failed_cleanly(buf, len, &e)) {
            fprintf(stderr, "soup %d: %s\n", iter, e.message);
            CHECK(0);
        }
        arena_reset(&arena);
    }
    (void)parsed;
}

TEST(mutated_kitchen_sinks_fail_cleanly)
{
    static const char chars[] = "{}()[]:=@$!&|.\"\\#,\n\r\t ae09-E_+'%\x01\xc3";
    const char *docs[] = {KITCHEN_SINK_EXEC, KITCHEN_SINK_SDL};
    for (int iter = 0; iter < 2000; iter++) {
        const char *doc = docs[iter & 1];
        size_t n = strlen(doc);
        char *s = malloc(n + 8);
        memcpy(s, doc, n);
        for (int k = 0, edits = 1 + (int)(rnd() % 4); k < edits; k++) {
            size_t p = rnd() % n;
            s[p] = chars[rnd() % (sizeof chars - 1)];
        }
        GqlParseError e;
        if (!gql_parse(&arena, s, n, NULL, &e) && !failed_cleanly(s, n, &e)) {
            fprintf(stderr, "mutation %d: %s\n", iter, e.message);
            free(s);
            CHECK(0);
        }
        free(s);
        arena_reset(&arena);
    }
}

int main(void)
{
    arena_init(&arena, 0);
    RUN(exec_kitchen_sink);
    RUN(sdl_kitchen_sink);
    RUN(descriptions_on_executable_definitions);
    RUN(names_are_slices_of_the_source);
    RUN(not_nul_terminated);
    RUN(errors_match_graphql_js);
    RUN(error_embedded_nul);
    RUN(depth_limit);
    RUN(very_deep_input_fails_without_overflowing_the_stack);
    RUN(token_limit);
    RUN(every_prefix_parses_or_fails_cleanly);
    RUN(random_bytes_fail_cleanly);
    RUN(random_token_soup_fails_cleanly);
    RUN(mutated_kitchen_sinks_fail_cleanly);
    arena_fini(&arena);
    return test_summary();
}
