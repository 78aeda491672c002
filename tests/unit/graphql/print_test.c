/* print_test.c - tests src/graphql/print.c: value literals printed back exactly as
 * graphql-js 16 print() prints them (the expected texts below were produced by
 * print(parseValue(source)) on the same sources). */
#include "graphql/parser.h"
#include "graphql/print.h"
#include "unit/test.h"

static Arena arena;

/* Parses `{ f(v: <src>) }` and returns the argument value. */
static const GqlValue *value_of(const char *src)
{
    char *doc = arena_printf(&arena, "{ f(v: %s) }", src);
    GqlParseError e;
    GqlDocument *d = gql_parse(&arena, doc, strlen(doc), NULL, &e);
    if (!d) {
        fprintf(stderr, "%s: %s\n", src, e.message);
        return NULL;
    }
    return d->defs[0].selection_set->items[0].args[0].value;
}

TEST(values_print_like_graphql_js)
{
    static const struct {
        const char *src, *printed;
    } cases[] = {
        {"\"x\"",
         "\"x\""},
        {"\"a\\\"b\\\\c\\n\\t\\u0001\\u007F\\u0080\\u009f\\u00a0\303\251\\b\\f\\r\\u001f\"",
         "\"a\\\"b\\\\c\\n\\t\\u0001\\u007F\\u0080\\u009F\302\240\303\251\\b\\f\\r\\u001F\""},
        {"[1, 2.5, true, null, ENUM, $v]",
         "[1, 2.5, true, null, ENUM, $v]"},
        {"{a: 1, b: [{c: \"d\"}], e: {}}",
         "{a: 1, b: [{c: \"d\"}], e: {}}"},
        {"[]",
         "[]"},
        {"\"\"\"block\"\"\"",
         "\"\"\"block\"\"\""},
        {"\"\"\"  lead\"\"\"",
         "\"\"\"  lead\"\"\""},
        {"\"\"\"a\n  b\"\"\"",
         "\"\"\"\na\nb\n\"\"\""},
        {"\"\"\"x\"\n\"\"\"",
         "\"\"\"\nx\"\n\"\"\""},
        {"\"\"\"has \\\"\"\" triple\"\"\"",
         "\"\"\"has \\\"\"\" triple\"\"\""},
        {"\"\"\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\"\"",
         "\"\"\"\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\"\"\""},
        {"\"\"\"\n  \n  x\n\"\"\"",
         "\"\"\"x\"\"\""},
        {"\"\"\"a\n  b\n\"\"\"",
         "\"\"\"\na\nb\n\"\"\""},
        {"\"\"\"slash\\\n\"\"\"",
         "\"\"\"\nslash\\\n\"\"\""},
        {"\"\"\"ends \\\"\"\"\"\"\"",
         "\"\"\"\nends \\\"\"\"\n\"\"\""},
        {"\"\"\"a\n\n  b\"\"\"",
         "\"\"\"\na\n\nb\n\"\"\""},
        {"-1.5e3",
         "-1.5e3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const GqlValue *v = value_of(cases[i].src);
        CHECK(v);
        Buf b;
        buf_init(&b, &arena, 16);
        gql_print_value(v, &b);
        CHECK_EQ_STR(b.data, cases[i].printed);
    }
}

TEST(print_string_escapes_everything_json_needs)
{
    Buf b;
    buf_init(&b, &arena, 0);
    gql_print_string(STR_LIT("tab\there \"q\" \\ \x7f"), &b);
    CHECK_EQ_STR(b.data, "\"tab\\there \\\"q\\\" \\\\ \\u007F\"");
    buf_clear(&b);
    gql_print_string(STR_LIT(""), &b);
    CHECK_EQ_STR(b.data, "\"\"");
}

TEST(block_string_round_trips)
{
    /* Printing a block string and parsing the result gives the same value back. */
    const char *values[] = {"a\n  b", "x\"", "ends \"\"\"", "  lead", "slash\\", "a\n\n  b"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        Buf b;
        buf_init(&b, &arena, 0);
        gql_print_block_string(str_from(values[i]), &b);
        const GqlValue *v = value_of(b.data);
        CHECK(v);
        Buf p;
        buf_init(&p, &arena, 0);
        gql_print_block_string(v->str, &p);
        CHECK_EQ_STR(p.data, b.data);
    }
}

TEST(types)
{
    const char *src = "query($a: Int, $b: [Post!]!, $c: [[ID]!]) { f }";
    GqlParseError e;
    GqlDocument *d = gql_parse(&arena, src, strlen(src), NULL, &e);
    CHECK(d);
    const char *want[] = {"Int", "[Post!]!", "[[ID]!]"};
    for (int i = 0; i < 3; i++) {
        Buf b;
        buf_init(&b, &arena, 0);
        gql_print_type(d->defs[0].var_defs[i].type, &b);
        CHECK_EQ_STR(b.data, want[i]);
    }
}

int main(void)
{
    arena_init(&arena, 0);
    RUN(values_print_like_graphql_js);
    RUN(print_string_escapes_everything_json_needs);
    RUN(block_string_round_trips);
    RUN(types);
    arena_fini(&arena);
    return test_summary();
}
