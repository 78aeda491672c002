/* request_test.c - whole requests through exec_request() on a temporary SQLite file with
 * the blog model: request errors (syntax, validation, operation selection, subscription,
 * GET mutation, variables), queries and mutations through the store, field errors with
 * codes, paths and null propagation, introspection and __typename. */
#include <stdio.h>
#include <unistd.h>

#include "test.h"

#include "fixture.h"
#include "intro_query.h"

static Engine *E;
static Worker *W;
static Arena A;
static ExecOutcome R;

static const char *req(const char *query, const char *vars, const char *op, bool get)
{
    arena_reset(&A);
    json_t *v = vars ? json_loads(vars, 0, NULL) : NULL;
    ExecRequest rq = {
        .query = str_from(query),
        .variables = v,
        .operation_name = op ? str_from(op) : STR_NULL,
        .via_get = get,
        .request_id = "rid-1",
    };
    Buf out;
    buf_init(&out, &A, 1024);
    exec_request(W, &A, &rq, &out, &R);
    json_decref(v);
    return out.data;
}

static const char *q(const char *query)
{
    return req(query, NULL, NULL, false);
}

TEST(syntax_error)
{
    const char *r = q("{");
    CHECK_EQ_STR(r, "{\"errors\":[{\"message\":\"Syntax Error: Expected Name, found <EOF>.\","
                    "\"locations\":[{\"line\":1,\"column\":2}]}]}");
    CHECK(R.request_error);
    r = q("");
    CHECK_CONTAINS(r, "Syntax Error: Unexpected <EOF>.");
    CHECK(R.request_error);
}

TEST(validation_errors)
{
    const char *r = q("{ allPosts { nope } allUsers { id(x: 1) } }");
    CHECK(R.request_error);
    CHECK(!strstr(r, "\"data\""));
    CHECK_CONTAINS(r, "Cannot query field \\\"nope\\\" on type \\\"Post\\\".");
    CHECK_CONTAINS(r, "Unknown argument \\\"x\\\" on field \\\"User.id\\\".");
}

TEST(operation_selection)
{
    const char *doc = "query A { __typename } query B { b: __typename }";
    CHECK_EQ_STR(req(doc, NULL, NULL, false),
                 "{\"errors\":[{\"message\":\"Must provide operation name if query contains "
                 "multiple operations.\"}]}");
    CHECK(R.request_error);
    CHECK_EQ_STR(req(doc, NULL, "C", false),
                 "{\"errors\":[{\"message\":\"Unknown operation named \\\"C\\\".\"}]}");
    CHECK_EQ_STR(req(doc, NULL, "B", false), "{\"data\":{\"b\":\"Query\"}}");
    CHECK(!R.request_error);
}

TEST(subscription_and_get)
{
    const char *r = q("subscription { Post { node { id } } }");
    CHECK(R.is_subscription);
    CHECK(R.request_error);
    CHECK_CONTAINS(r, "Subscriptions are only supported over the WebSocket endpoint.");
    req("mutation { deletePost(id: \"x\") { id } }", NULL, NULL, true);
    CHECK(R.method_not_allowed);
    req("{ __typename }", NULL, NULL, true);
    CHECK(!R.method_not_allowed);
    CHECK(!R.request_error);
}

TEST(variable_errors_are_request_errors)
{
    const char *r =
        req("query ($n: Int) { allPosts(first: $n) { id } }", "{\"n\": 1.5}", NULL, false);
    CHECK(R.request_error);
    CHECK_EQ_STR(r, "{\"errors\":[{\"message\":\"Variable \\\"$n\\\" got invalid value 1.5; "
                    "Expected type \\\"Int\\\". Int cannot represent non-integer value: 1.5\","
                    "\"locations\":[{\"line\":1,\"column\":8}]}]}");
}

TEST(create_and_read)
{
    const char *r = q("mutation { a: createUser(email: \"a@x\", name: \"Ann\") { name role } }");
    CHECK_EQ_STR(r, "{\"data\":{\"a\":{\"name\":\"Ann\",\"role\":\"READER\"}}}");
    r = req("mutation ($t: String!, $k: [String!]) { createPost(title: $t, slug: \"s1\", "
            "keywords: $k, metadata: \"{\\\"a\\\":1}\", author: {email: \"b@x\", name: \"Bob\"}) "
            "{ title keywords metadata author { name } __typename } }",
            "{\"t\": \"Hello\", \"k\": \"kw\"}", NULL, false);
    CHECK_EQ_STR(r,
                 "{\"data\":{\"createPost\":{\"title\":\"Hello\",\"keywords\":[\"kw\"],"
                 "\"metadata\":{\"a\":1},\"author\":{\"name\":\"Bob\"},\"__typename\":\"Post\"}}}");
    r = q("{ allPosts { t: title ...F } _allPostsMeta { count } Post(slug: \"s1\") { slug } } "
          "fragment F on Post { author { email } }");
    CHECK_EQ_STR(r, "{\"data\":{\"allPosts\":[{\"t\":\"Hello\",\"author\":{\"email\":\"b@x\"}}],"
                    "\"_allPostsMeta\":{\"count\":1},\"Post\":{\"slug\":\"s1\"}}}");
}

TEST(single_node_without_arguments)
{
    const char *r = q("{ Post { id } x: __typename }");
    CHECK_EQ_STR(r, "{\"data\":{\"Post\":null,\"x\":\"Query\"},\"errors\":[{\"message\":\"None "
                    "of the following arguments provided: List(id, slug)\",\"locations\":[{"
                    "\"line\":1,\"column\":3}],\"path\":[\"Post\"],\"code\":3000,\"requestId\":"
                    "\"rid-1\"}]}");
    r = req("query ($id: ID) { Post(id: $id) { id } }", "{\"id\": null}", NULL, false);
    CHECK_CONTAINS(r, "\"code\":3000");
}

TEST(non_null_root_error_nulls_data)
{
    const char *r = q("{ u: allUsers { id } p: allPosts(first: 5000) { id } }");
    CHECK_EQ_STR(r, "{\"data\":null,\"errors\":[{\"message\":\"You requested 5000 nodes. We will "
                    "only return up to 1000 nodes per query.\",\"locations\":[{\"line\":1,"
                    "\"column\":22}],\"path\":[\"p\"],\"code\":2041,\"requestId\":\"rid-1\"}]}");
    CHECK(!R.request_error);
}

TEST(mutation_errors_continue)
{
    const char *r = q("mutation { a: updatePost(id: \"cnope\", title: \"x\") { id } "
                      "b: createTag(name: \"t1\") { name } }");
    CHECK_EQ_STR(r, "{\"data\":{\"a\":null,\"b\":{\"name\":\"t1\"}},\"errors\":[{\"message\":\"'"
                    "Post' has no item with id 'cnope'\",\"locations\":[{\"line\":1,\"column\":"
                    "12}],\"path\":[\"a\"],\"code\":3002,\"requestId\":\"rid-1\"}]}");
}

TEST(node_and_user)
{
    const char *r = q("mutation { createTag(name: \"t2\") { id } }");
    json_t *j = json_loads(r, 0, NULL);
    CHECK(j);
    const char *id = json_string_value(
        json_object_get(json_object_get(json_object_get(j, "data"), "createTag"), "id"));
    CHECK(id);
    char query[256];
    snprintf(query, sizeof query,
             "{ node(id: \"%s\") { id __typename ... on Tag { name } ... on Post { title } } "
             "user { id } }",
             id);
    r = q(query);
    char expect[256];
    snprintf(expect, sizeof expect,
             "{\"data\":{\"node\":{\"id\":\"%s\",\"__typename\":\"Tag\",\"name\":\"t2\"},"
             "\"user\":null}}",
             id);
    json_decref(j);
    CHECK_EQ_STR(r, expect);
}

TEST(skip_include_and_aliases)
{
    const char *r =
        req("query ($s: Boolean!) { t: allTags(orderBy: name_DESC) { name @skip(if: $s) "
            "n: name } }",
            "{\"s\": true}", NULL, false);
    CHECK_EQ_STR(r, "{\"data\":{\"t\":[{\"n\":\"t2\"},{\"n\":\"t1\"}]}}");
}

TEST(introspection)
{
    const char *r = q("{ __schema { queryType { name } mutationType { name } } __type(name: "
                      "\"Tag\") { kind fields { name } } }");
    CHECK_EQ_STR(r,
                 "{\"data\":{\"__schema\":{\"queryType\":{\"name\":\"Query\"},\"mutationType\":"
                 "{\"name\":\"Mutation\"}},\"__type\":{\"kind\":\"OBJECT\",\"fields\":[{\"name\":"
                 "\"id\"},{\"name\":\"name\"},{\"name\":\"posts\"},{\"name\":\"_postsMeta\"}]}}}");
}

TEST(nested_errors_carry_paths)
{
    /* the nested field is null for each parent, with one error each (SIMPLE-API.md §4.4
     * rule 1); the list itself stands */
    const char *r = q("{ allUsers(orderBy: email_ASC) { email posts(first: -1) { id } } }");
    CHECK_EQ_STR(r,
                 "{\"data\":{\"allUsers\":[{\"email\":\"a@x\",\"posts\":null},{\"email\":"
                 "\"b@x\",\"posts\":null}]},\"errors\":[{\"message\":\"The 'first' argument "
                 "must be non negative\",\"locations\":[{\"line\":1,\"column\":40}],\"path\":"
                 "[\"allUsers\",0,\"posts\"],\"code\":3026,\"requestId\":\"rid-1\"},{\"message\":"
                 "\"The 'first' argument must be non negative\",\"locations\":[{\"line\":1,"
                 "\"column\":40}],\"path\":[\"allUsers\",1,\"posts\"],\"code\":3026,"
                 "\"requestId\":\"rid-1\"}]}");
}

TEST(variables_flow_into_mutations)
{
    const char *r = req("mutation ($u: PostauthorUser, $s: PostStatus = PUBLISHED, $v: Int) { "
                        "createPost(title: \"V\", slug: \"s2\", author: $u, status: $s, "
                        "viewCount: $v) { status viewCount author { name } } }",
                        "{\"u\": {\"email\": \"c@x\", \"name\": \"Cy\"}}", NULL, false);
    CHECK_EQ_STR(r, "{\"data\":{\"createPost\":{\"status\":\"PUBLISHED\",\"viewCount\":0,"
                    "\"author\":{\"name\":\"Cy\"}}}}");
    r = req("query ($id: ID, $slug: String) { Post(id: $id, slug: $slug) { title } }",
            "{\"id\": null, \"slug\": \"s2\"}", NULL, false);
    CHECK_EQ_STR(r, "{\"data\":{\"Post\":{\"title\":\"V\"}}}");
}

/* Fragments that spread each other twice per level expand to 2^20 fields: the plan
 * budget turns that into an error instead of exhausting memory. */
TEST(exponential_fragments_are_capped)
{
    Buf doc;
    buf_init(&doc, &A, 4096);
    buf_puts(&doc, "{ allUsers { ...F20 } } fragment F0 on User { name }");
    for (int i = 1; i <= 20; i++)
        buf_printf(&doc,
                   " fragment F%d on User { a: following { ...F%d } b: followers { ...F%d } }", i,
                   i - 1, i - 1);
    char *text = xstrdup(doc.data);
    const char *r = q(text);
    free(text);
    CHECK(!R.request_error);
    CHECK_CONTAINS(r, "{\"data\":null,\"errors\":[{\"message\":\"The query is too large");
}

/* graphql-js's full introspection query passes validation and answers without errors;
 * with RELATA_INTRO_OUT set the response is written there (for buildClientSchema). */
TEST(full_introspection)
{
    const char *r = q(full_query);
    CHECK(!R.request_error);
    CHECK(!strstr(r, "\"errors\""));
    CHECK_CONTAINS(
        r, "{\"data\":{\"__schema\":{\"description\":null,\"queryType\":{\"name\":\"Query\"");
    const char *path = getenv("RELATA_INTRO_OUT");
    if (path) {
        FILE *f = fopen(path, "w");
        CHECK(f);
        fputs(r, f);
        fclose(f);
    }
}

/* A statement still running at the deadline is interrupted and the field gets 1000. The
 * scan over 100000 rows takes far longer than the 1 ms allowed. */
TEST(timeout_interrupts_with_1000)
{
    CHECK(sqlite3_exec(W->conn->db,
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                       "100000) INSERT INTO \"Tag\"(id, createdAt, updatedAt, name) SELECT "
                       "printf('zz%08d', i), '2020-01-01T00:00:00.000Z', "
                       "'2020-01-01T00:00:00.000Z', printf('bulk%d', i) FROM n",
                       NULL, NULL, NULL) == SQLITE_OK);
    E->opts.timeout_ms = 1;
    const char *r = q("{ _allTagsMeta(filter: {name_contains: \"nothing\"}) { count } }");
    E->opts.timeout_ms = 0;
    CHECK_CONTAINS(r, "\"code\":1000");
    CHECK_CONTAINS(r, "The query took too long to process.");
    r = q("{ _allTagsMeta(filter: {name_starts_with: \"bulk\"}) { count } }");
    CHECK_EQ_STR(r, "{\"data\":{\"_allTagsMeta\":{\"count\":100000}}}");
    CHECK(sqlite3_exec(W->conn->db, "DELETE FROM \"Tag\" WHERE id LIKE 'zz%'", NULL, NULL, NULL) ==
          SQLITE_OK);
}

int main(void)
{
    char model_path[64], db_path[64], url[80];
    snprintf(model_path, sizeof model_path, "/tmp/relata-exec-%d.graphql", (int)getpid());
    snprintf(db_path, sizeof db_path, "/tmp/relata-exec-%d.db", (int)getpid());
    snprintf(url, sizeof url, "sqlite:%s", db_path);
    FILE *f = fopen(model_path, "w");
    if (!f) return 1;
    fputs(blog_src, f);
    fclose(f);
    unlink(db_path);

    Arena da;
    arena_init(&da, 4096);
    Diag d;
    diag_init(&d, &da);
    EngineOptions opts = {.db_url = url};
    E = engine_new(model_path, &opts, &d);
    if (!E) {
        for (uint32_t i = 0; i < d.count; i++)
            fprintf(stderr, "%s\n", d.items[i].message);
        return 1;
    }
    W = worker_new(E, &d);
    if (!W) return 1;
    arena_init(&A, 1 << 14);

    RUN(syntax_error);
    RUN(validation_errors);
    RUN(operation_selection);
    RUN(subscription_and_get);
    RUN(variable_errors_are_request_errors);
    RUN(create_and_read);
    RUN(single_node_without_arguments);
    RUN(non_null_root_error_nulls_data);
    RUN(mutation_errors_continue);
    RUN(node_and_user);
    RUN(skip_include_and_aliases);
    RUN(introspection);
    RUN(full_introspection);
    RUN(exponential_fragments_are_capped);
    RUN(timeout_interrupts_with_1000);
    RUN(nested_errors_carry_paths);
    RUN(variables_flow_into_mutations);

    arena_fini(&A);
    worker_free(W);
    engine_free(E);
    arena_fini(&da);
    unlink(model_path);
    unlink(db_path);
    char extra[96];
    snprintf(extra, sizeof extra, "%s-wal", db_path);
    unlink(extra);
    snprintf(extra, sizeof extra, "%s-shm", db_path);
    unlink(extra);
    return test_summary();
}
