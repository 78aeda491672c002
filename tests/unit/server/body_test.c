/* body_test.c - src/server/body.c: request bodies and GET parameters into ExecRequests
 * (SIMPLE-API.md §1.2, §1.3). */
#include "server/internal.h"
#include "test.h"

static Arena A;

static Body parse(const char *json, unsigned max_batch, bool *ok)
{
    Body b;
    *ok = body_parse_json(&A, json, strlen(json), max_batch, &b);
    return b;
}

static char *cstr(Str s)
{
    return arena_strndup(&A, s.ptr ? s.ptr : "", s.len);
}

TEST(single_object)
{
    bool ok;
    Body b =
        parse("{\"query\":\"{ a }\",\"variables\":{\"x\":1},\"operationName\":\"Op\"}", 100, &ok);
    CHECK(ok);
    CHECK(!b.batch);
    CHECK_EQ_INT(b.n, 1);
    CHECK_EQ_STR(cstr(b.items[0].req.query), "{ a }");
    CHECK_EQ_STR(cstr(b.items[0].req.operation_name), "Op");
    CHECK(json_is_object(b.items[0].req.variables));
    CHECK_EQ_INT(json_integer_value(json_object_get(b.items[0].req.variables, "x")), 1);
    CHECK(b.items[0].error == NULL);
}

TEST(missing_or_non_string_query_is_empty)
{
    const char *bodies[] = {"{}", "{\"query\":null}", "{\"query\":5}", "{\"query\":[]}"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        bool ok;
        Body b = parse(bodies[i], 100, &ok);
        CHECK(ok);
        CHECK_EQ_INT(b.items[0].req.query.len, 0);
        CHECK(b.items[0].error == NULL);
    }
}

TEST(operation_name_empty_or_not_string_is_absent)
{
    bool ok;
    Body b = parse("{\"query\":\"q\",\"operationName\":\"\"}", 100, &ok);
    CHECK(ok);
    CHECK(str_empty(b.items[0].req.operation_name));
    b = parse("{\"query\":\"q\",\"operationName\":7}", 100, &ok);
    CHECK(str_empty(b.items[0].req.operation_name));
}

TEST(variables_string_holding_json)
{
    bool ok;
    Body b = parse("{\"query\":\"q\",\"variables\":\"{\\\"a\\\": [1, 2]}\"}", 100, &ok);
    CHECK(ok);
    json_t *v = b.items[0].req.variables;
    CHECK(json_is_object(v));
    CHECK_EQ_INT(json_array_size(json_object_get(v, "a")), 2);
    CHECK(b.items[0].error == NULL);
}

TEST(variables_invalid_string_is_3024)
{
    bool ok;
    Body b = parse("{\"query\":\"q\",\"variables\":\"{bad\"}", 100, &ok);
    CHECK(ok); /* the body itself is fine: the error is the request's */
    CHECK_EQ_STR(b.items[0].error, "Variables could not be parsed as json: {bad");
    CHECK_EQ_INT(b.items[0].error_code, 3024);
    CHECK(b.items[0].req.variables == NULL);
}

TEST(variables_meaning_none)
{
    const char *bodies[] = {
        "{\"query\":\"q\"}",
        "{\"query\":\"q\",\"variables\":null}",
        "{\"query\":\"q\",\"variables\":\"\"}",
        "{\"query\":\"q\",\"variables\":\" \\n \"}",
        "{\"query\":\"q\",\"variables\":\"[1]\"}",
        "{\"query\":\"q\",\"variables\":\"null\"}",
        "{\"query\":\"q\",\"variables\":\"\\\"s\\\"\"}",
        "{\"query\":\"q\",\"variables\":[1]}",
        "{\"query\":\"q\",\"variables\":3}",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        bool ok;
        Body b = parse(bodies[i], 100, &ok);
        CHECK(ok);
        CHECK(b.items[0].req.variables == NULL);
        CHECK(b.items[0].error == NULL);
    }
}

TEST(batch_in_order)
{
    bool ok;
    Body b = parse("[{\"query\":\"a\"},{\"query\":\"b\",\"variables\":\"x\"},{\"query\":\"c\"}]",
                   100, &ok);
    CHECK(ok);
    CHECK(b.batch);
    CHECK_EQ_INT(b.n, 3);
    CHECK_EQ_STR(cstr(b.items[0].req.query), "a");
    CHECK_EQ_INT(b.items[1].error_code, 3024);
    CHECK_EQ_STR(cstr(b.items[2].req.query), "c");
}

TEST(empty_batch)
{
    bool ok;
    Body b = parse(" [ ] ", 100, &ok);
    CHECK(ok);
    CHECK(b.batch);
    CHECK_EQ_INT(b.n, 0);
}

TEST(batch_limit)
{
    bool ok;
    Body b = parse("[{},{},{}]", 3, &ok);
    CHECK(ok);
    b = parse("[{},{},{},{}]", 3, &ok);
    CHECK(!ok);
    CHECK_CONTAINS(b.invalid, "Invalid request body: ");
    CHECK_CONTAINS(b.invalid, "at most 3");
}

TEST(invalid_bodies)
{
    const char *bodies[] = {
        "", "nope", "42", "\"q\"", "null", "{\"query\":", "[1]", "[{}, 2]", "{} {}"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        bool ok;
        Body b = parse(bodies[i], 100, &ok);
        CHECK(!ok);
        CHECK(b.invalid != NULL);
        CHECK(strncmp(b.invalid, "Invalid request body: ", 22) == 0);
    }
}

TEST(query_keeps_nul_and_length)
{
    /* A NUL inside the query reaches the GraphQL lexer (which reports it with a location). */
    bool ok;
    Body b = parse("{\"query\":\"{ a\\u0000 }\"}", 100, &ok);
    CHECK(ok);
    CHECK_EQ_INT(b.items[0].req.query.len, 6);
    CHECK(b.items[0].req.query.ptr[3] == 0);
}

TEST(params)
{
    BodyItem it;
    body_from_params(&A, "{ a }", 5, "{\"x\":true}", "Op", &it);
    CHECK_EQ_STR(cstr(it.req.query), "{ a }");
    CHECK_EQ_STR(cstr(it.req.operation_name), "Op");
    CHECK(json_is_true(json_object_get(it.req.variables, "x")));
    body_from_params(&A, NULL, 0, NULL, "", &it);
    CHECK_EQ_INT(it.req.query.len, 0);
    CHECK(str_empty(it.req.operation_name));
    CHECK(it.req.variables == NULL);
    body_from_params(&A, "q", 1, "{x", NULL, &it);
    CHECK_EQ_STR(it.error, "Variables could not be parsed as json: {x");
    CHECK_EQ_INT(it.error_code, 3024);
}

int main(void)
{
    arena_init(&A, 4096);
    RUN(single_object);
    RUN(missing_or_non_string_query_is_empty);
    RUN(operation_name_empty_or_not_string_is_absent);
    RUN(variables_string_holding_json);
    RUN(variables_invalid_string_is_3024);
    RUN(variables_meaning_none);
    RUN(batch_in_order);
    RUN(empty_batch);
    RUN(batch_limit);
    RUN(invalid_bodies);
    RUN(query_keeps_nul_and_length);
    RUN(params);
    /* Runs the json_decref cleanups: ASan checks that nothing leaks. */
    arena_fini(&A);
    return test_summary();
}
