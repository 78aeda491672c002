/* vars_test.c - variable coercion (src/exec/vars.c) against the blog schema: types,
 * graphql-js messages with paths, defaults, list wrapping, Json, enums, ids. */
#include "test.h"

#include "fixture.h"

static Arena A;

static ExecCtx *prep(const char *q, const char *vars, PtrVec *errs)
{
    arena_reset(&A);
    *errs = (PtrVec){0};
    return fx_prepare(&A, blog_schema(), q, vars, errs);
}

static const Value *var(ExecCtx *x, const char *name)
{
    return map_getz(&x->vars, name);
}

TEST(int_non_integer)
{
    PtrVec e;
    CHECK(!prep("query ($n: Int) { allPosts(first: $n) { id } }", "{\"n\": 1.5}", &e));
    CHECK_EQ_INT(e.n, 1);
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$n\" got invalid value 1.5; Expected type \"Int\". Int "
                                "cannot represent non-integer value: 1.5");
    ReqError *r = e.items[0];
    CHECK_EQ_INT(r->n_locations, 1);
    CHECK_EQ_INT(r->locations[0].line, 1);
    CHECK_EQ_INT(r->locations[0].col, 8);
}

TEST(int_range_and_strings)
{
    PtrVec e;
    CHECK(!prep("query ($n: Int) { allPosts(first: $n) { id } }", "{\"n\": 3000000000}", &e));
    CHECK_CONTAINS(fx_err(&e, 0),
                   "Int cannot represent non 32-bit signed integer value: 3000000000");
    CHECK(!prep("query ($n: Int) { allPosts(first: $n) { id } }", "{\"n\": \"4\"}", &e));
    CHECK_CONTAINS(fx_err(&e, 0), "Int cannot represent non-integer value: \"4\"");
    ExecCtx *x = prep("query ($n: Int) { allPosts(first: $n) { id } }", "{\"n\": 4.0}", &e);
    CHECK(x);
    CHECK_EQ_INT(var(x, "n")->kind, VAL_INT);
    CHECK_EQ_INT(var(x, "n")->i, 4);
}

TEST(required_missing_and_null)
{
    PtrVec e;
    CHECK(!prep("query ($id: ID!) { Post(id: $id) { id } }", NULL, &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$id\" of required type \"ID!\" was not provided.");
    CHECK(!prep("query ($id: ID!) { Post(id: $id) { id } }", "{\"id\": null}", &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$id\" of non-null type \"ID!\" must not be null.");
}

TEST(id_from_integer_and_absent_optional)
{
    PtrVec e;
    ExecCtx *x = prep("query ($id: ID, $s: String) { Post(id: $id) { id } }", "{\"id\": 42}", &e);
    CHECK(x);
    CHECK_EQ_INT(var(x, "id")->kind, VAL_STRING);
    CHECK(str_eqz(var(x, "id")->s, "42"));
    CHECK(var(x, "s") == NULL); /* not provided, no default: absent */
    CHECK(!prep("query ($id: ID) { Post(id: $id) { id } }", "{\"id\": true}", &e));
    CHECK_CONTAINS(fx_err(&e, 0), "ID cannot represent value: true");
}

TEST(defaults)
{
    PtrVec e;
    ExecCtx *x = prep("query ($n: Int = 3) { allPosts(first: $n) { id } }", "{}", &e);
    CHECK(x);
    CHECK_EQ_INT(var(x, "n")->i, 3);
    x = prep("query ($n: Int = 3) { allPosts(first: $n) { id } }", "{\"n\": null}", &e);
    CHECK(x);
    CHECK_EQ_INT(var(x, "n")->kind, VAL_NULL); /* explicit null wins over the default */
}

TEST(datetime_in_input_object)
{
    PtrVec e;
    CHECK(!prep("query ($f: PostFilter) { allPosts(filter: $f) { id } }",
                "{\"f\": {\"publishedAt_gt\": \"nope\"}}", &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$f\" got invalid value \"nope\" at "
                                "\"f.publishedAt_gt\"; Date value expected");
    ExecCtx *x = prep("query ($f: PostFilter) { allPosts(filter: $f) { id } }",
                      "{\"f\": {\"publishedAt_gt\": \"2017-03\", \"title\": \"x\"}}", &e);
    CHECK(x);
    const Value *f = var(x, "f");
    CHECK_EQ_INT(f->kind, VAL_OBJECT);
    CHECK_EQ_INT(f->n_fields, 2);
    CHECK_EQ_STR(f->fields[0].def->name, "publishedAt_gt");
    CHECK(str_eqz(value_field(f, "title")->s, "x"));
}

TEST(unknown_and_missing_input_fields)
{
    PtrVec e;
    CHECK(!prep("query ($f: PostFilter) { allPosts(filter: $f) { id } }", "{\"f\": {\"foo\": 1}}",
                &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$f\" got invalid value { foo: 1 }; Field \"foo\" is "
                                "not defined by type \"PostFilter\".");
    CHECK(!prep("mutation ($p: [UserpostsPost!]) { createUser(email: \"a\", name: \"b\", posts: "
                "$p) { id } }",
                "{\"p\": [{\"slug\": \"s\"}]}", &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$p\" got invalid value { slug: \"s\" } at \"p[0]\"; "
                                "Field \"title\" of required type \"String!\" was not provided.");
    CHECK(!prep("query ($f: PostFilter) { allPosts(filter: $f) { id } }", "{\"f\": 3}", &e));
    CHECK_CONTAINS(fx_err(&e, 0), "Expected type \"PostFilter\" to be an object.");
}

TEST(enums)
{
    PtrVec e;
    CHECK(!prep("query ($s: PostStatus) { allPosts(filter: {status: $s}) { id } }",
                "{\"s\": \"FOO\"}", &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$s\" got invalid value \"FOO\"; Value \"FOO\" does not "
                                "exist in \"PostStatus\" enum.");
    ExecCtx *x = prep("query ($s: PostStatus) { allPosts(filter: {status: $s}) { id } }",
                      "{\"s\": \"DRAFT\"}", &e);
    CHECK(x);
    CHECK_EQ_INT(var(x, "s")->kind, VAL_ENUM);
    CHECK_EQ_STR(var(x, "s")->ev->name, "DRAFT");
}

TEST(list_wrapping_and_nulls)
{
    PtrVec e;
    ExecCtx *x = prep("mutation ($k: [String!]) { createPost(title: \"t\", slug: \"s\", keywords: "
                      "$k) { id } }",
                      "{\"k\": \"one\"}", &e);
    CHECK(x);
    const Value *k = var(x, "k");
    CHECK_EQ_INT(k->kind, VAL_LIST);
    CHECK_EQ_INT(k->n_items, 1);
    CHECK(str_eqz(k->items[0]->s, "one"));
    CHECK(!prep("mutation ($k: [String!]) { createPost(title: \"t\", slug: \"s\", keywords: $k) "
                "{ id } }",
                "{\"k\": [\"a\", null]}", &e));
    CHECK_EQ_STR(fx_err(&e, 0), "Variable \"$k\" got invalid value null at \"k[1]\"; Expected "
                                "non-nullable type \"String!\" not to be null.");
}

TEST(json_any_value)
{
    PtrVec e;
    ExecCtx *x = prep("mutation ($m: Json) { createPost(title: \"t\", slug: \"s\", metadata: $m) "
                      "{ id } }",
                      "{\"m\": {\"a\": [1, 2.5, \"x\"], \"b\": null}}", &e);
    CHECK(x);
    CHECK_EQ_INT(var(x, "m")->kind, VAL_JSON);
    CHECK(str_eqz(var(x, "m")->s, "{\"a\":[1,2.5,\"x\"],\"b\":null}"));
    x = prep("mutation ($m: Json) { createPost(title: \"t\", slug: \"s\", metadata: $m) { id } }",
             "{\"m\": \"text\"}", &e);
    CHECK(x);
    CHECK(str_eqz(var(x, "m")->s, "\"text\""));
}

TEST(several_errors_reported)
{
    PtrVec e;
    CHECK(!prep("query ($a: Int, $b: Boolean, $c: Float) { allPosts(first: $a, skip: $a) { id } }",
                "{\"a\": \"x\", \"b\": 1, \"c\": [1]}", &e));
    CHECK_EQ_INT(e.n, 3);
    CHECK_CONTAINS(fx_err(&e, 1), "Boolean cannot represent a non boolean value: 1");
    CHECK_CONTAINS(fx_err(&e, 2), "Float cannot represent non numeric value: [1]");
}

TEST(inspect_format)
{
    Arena a;
    arena_init(&a, 1024);
    Buf b;
    buf_init(&b, &a, 16);
    json_t *j = json_loads("{\"a\": {\"b\": {\"c\": 1}}, \"l\": [1,2,3,4,5,6,7,8,9,10,11,12], "
                           "\"e\": [], \"f\": 1e-7, \"g\": 1e21}",
                           0, NULL);
    exec_inspect_json(&b, j, 1);
    json_decref(j);
    CHECK_EQ_STR(b.data, "{ a: { b: [Object] }, l: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more "
                         "items], e: [], f: 1e-7, g: 1e+21 }");
    arena_fini(&a);
}

int main(void)
{
    arena_init(&A, 8192);
    if (!blog_schema()) return 1;
    RUN(int_non_integer);
    RUN(int_range_and_strings);
    RUN(required_missing_and_null);
    RUN(id_from_integer_and_absent_optional);
    RUN(defaults);
    RUN(datetime_in_input_object);
    RUN(unknown_and_missing_input_fields);
    RUN(enums);
    RUN(list_wrapping_and_nulls);
    RUN(json_any_value);
    RUN(several_errors_reported);
    RUN(inspect_format);
    arena_fini(&A);
    return test_summary();
}
