/* nested_errors_test.c - nested fields that resolve to null with a field error
 * (SIMPLE-API.md §4.4 rule 1, §4.6; ERRORS.md §1.1): errors of a nested field's own
 * arguments, required to-one fields that find no node, one error per occurrence with its
 * concrete path, GraphQL null propagation, and the same results when the selection is
 * cut into deferred statements. Errors follow the JSON as " | ERROR code [path]: msg". */
#include "test.h"

#include "sql/dialect.h"
#include "store/blog_db.h"

#define NN_AUTHOR "Cannot return null for non-nullable field Post.author."
#define NN_POST "Cannot return null for non-nullable field Comment.post."
#define E3026 "The 'first' argument must be non negative"
#define E3027 "The 'last' argument must be non negative"

/* One error per occurrence, in the order graphql-js completes fields. */
TEST(errors_per_occurrence_in_order)
{
    CHECK_EQ_STR(q("{ allUsers(first: 2) { a: posts(first: -1) { id } name b: posts(last: -1) "
                   "{ id } ok: posts(first: 1) { id } } }"),
                 "[{\"a\":null,\"name\":\"Alice\",\"b\":null,\"ok\":[{\"id\":\"p1\"}]},"
                 "{\"a\":null,\"name\":\"bob\",\"b\":null,\"ok\":[{\"id\":\"p3\"}]}]"
                 " | ERROR 3026 [0,a]: " E3026 " | ERROR 3027 [0,b]: " E3027
                 " | ERROR 3026 [1,a]: " E3026 " | ERROR 3027 [1,b]: " E3027);
    /* below a to-one field; where the to-one field is null there is no occurrence */
    CHECK_EQ_STR(q("{ allComments { id author { posts(first: -1) { id } } } }"),
                 "[{\"id\":\"c1\",\"author\":{\"posts\":null}},{\"id\":\"c2\",\"author\":"
                 "{\"posts\":null}},{\"id\":\"c3\",\"author\":null},{\"id\":\"c4\",\"author\":"
                 "{\"posts\":null}}]"
                 " | ERROR 3026 [0,author,posts]: " E3026 " | ERROR 3026 [1,author,posts]: " E3026
                 " | ERROR 3026 [3,author,posts]: " E3026);
    /* inside an empty list: no occurrence, no error */
    CHECK_EQ_STR(q("{ User(id: \"u3\") { followers { posts(first: -1) { id } } } }"),
                 "{\"followers\":[]}");
    /* node(id:) */
    CHECK_EQ_STR(q("{ node(id: \"u2\") { ... on User { name posts(first: 1, last: 1) { id } } } }"),
                 "{\"name\":\"bob\",\"posts\":null} | ERROR 3014 [posts]: Including a value for "
                 "both first and last is not supported. See the spec for a discussion of why "
                 "https://facebook.github.io/relay/graphql/connections.htm#sec-Pagination-"
                 "algorithm");
    /* the rest of the text is kept byte for byte (floats, Json) */
    CHECK_EQ_STR(q("{ Post(id: \"p3\") { rating metadata keywords comments(first: -1) { id } } }"),
                 "{\"rating\":0.30000000000000004,\"metadata\":null,\"keywords\":[],"
                 "\"comments\":null} | ERROR 3026 [comments]: " E3026);
}

/* A non-null field that is null nulls its parent, up to the nearest nullable position;
 * what a nulled object or list still held is not looked at (graphql-js stops there). */
TEST(null_propagation)
{
    /* _postsMeta is _QueryMeta!: its error nulls the user; the list items are non-null
     * and allUsers too, so the whole value is null, with one error */
    CHECK_EQ_STR(q("{ allUsers { name _postsMeta(filter: {comments_some: null}) { count } } }"),
                 "null | ERROR 3033 [0,_postsMeta]: The field 'comments' is a toMany relation. "
                 "This cannot be filtered by null.");
    CHECK_EQ_STR(q("{ User(id: \"u1\") { name _postsMeta(filter: {tags_none: null}) { count } } }"),
                 "null | ERROR 3033 [_postsMeta]: The field 'tags' is a toMany relation. This "
                 "cannot be filtered by null.");
    /* Comment.post is Post!: the comment goes, then its list (nullable [Comment!]) */
    CHECK_EQ_STR(
        q("{ allUsers { name comments { text post(filter: {slug: \"hello\"}) { slug } } "
          "} }"),
        "[{\"name\":\"Alice\",\"comments\":null},{\"name\":\"bob\",\"comments\":[{\"text\":"
        "\"nice\",\"post\":{\"slug\":\"hello\"}}]},{\"name\":\"Carol\",\"comments\":"
        "[{\"text\":\"meh\",\"post\":{\"slug\":\"hello\"}}]}]"
        " | ERROR -1 [0,comments,0,post]: " NN_POST);
    /* a nullable to-one field with a filter that does not match is just null */
    CHECK_EQ_STR(q("{ Comment(id: \"c4\") { author(filter: {name: \"nobody\"}) { name } } }"),
                 "{\"author\":null}");
    /* an error of a nested required to-one field's own filter */
    CHECK_EQ_STR(q("{ Post(id: \"p1\") { slug author(filter: {posts_some: null}) { name } } }"),
                 "null | ERROR 3033 [author]: The field 'posts' is a toMany relation. This "
                 "cannot be filtered by null.");
    /* errors before the violation stay; the violation ends the list */
    CHECK_EQ_STR(q("{ Tag(name: \"news\") { posts { c: comments(first: -1) { id } author(filter: "
                   "{role: AUTHOR}) { name } } } }"),
                 "{\"posts\":null} | ERROR 3026 [posts,0,c]: " E3026
                 " | ERROR -1 [posts,0,author]: " NN_AUTHOR);
}

/* The same results when the selection is cut into several statements. */
TEST(deferred_fields)
{
    static const char *const queries[] = {
        "{ allUsers { name comments { text post(filter: {slug: \"hello\"}) { slug } } } }",
        "{ allUsers { posts { author { posts(first: -1) { id } name } } } }",
        "{ allTags { posts { comments { post { author(filter: {role: ADMIN}) { name } } } } } }",
        "{ allUsers { following { posts { _commentsMeta(filter: {post: {tags_every: null}}) { "
        "count } } } } }",
        "{ allComments { post { author { comments { post { id } } posts(skip: -1) { id } } } } }",
    };
    for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
        sql_test_budget = 1000;
        const char *whole = q(queries[i]);
        CHECK(strstr(whole, " | ERROR ") != NULL);
        for (unsigned budget = 1; budget <= 8; budget++) {
            sql_test_budget = budget;
            CHECK_EQ_STR(q(queries[i]), whole);
        }
    }
    sql_test_budget = 0;
}

/* Without a collector (StoreConn.nested_errors NULL) the nulls are still applied. */
TEST(without_collector)
{
    PlanField *f =
        pf_root(&arena, schema, "{ allPosts { author(filter: {role: READER}) { id } } }");
    Buf out;
    buf_init(&out, &arena, 64);
    FieldError err = {0};
    CHECK(store_resolve_query(conn, &arena, f, &out, &err));
    CHECK_EQ_STR(out.data, "null");
}

/* A node whose required edge is gone (a deleted node's payload): rendered with the
 * violation and propagation, through store_render_node. */
TEST(missing_edge_in_render_node)
{
    char *msg = NULL;
    CHECK(sqlite3_exec(conn->db, "DELETE FROM \"_PostAuthor\" WHERE \"B\" = 'p5'", NULL, NULL,
                       &msg) == SQLITE_OK);
    PlanField *f = pf_root(&arena, schema, "{ Post(id: \"p5\") { slug author { name } } }");
    Buf out;
    buf_init(&out, &arena, 64);
    FieldError err = {0};
    FieldErrors fe = {0};
    conn->nested_errors = &fe;
    CHECK(store_render_node(conn, &arena, dm->models[1], STR_LIT("p5"), f->sel, &out, &err));
    conn->nested_errors = NULL;
    CHECK_EQ_STR(out.data, "null");
    CHECK_EQ_INT(fe.n, 1);
    if (fe.n == 1) {
        CHECK_EQ_STR(fe.items[0].message, NN_AUTHOR);
        CHECK_EQ_INT(fe.items[0].path_len, 1);
        CHECK_EQ_INT(fe.items[0].code, -1);
    }
    /* a list holding it goes too, with one error */
    CHECK_EQ_STR(q("{ allPosts(filter: {slug_in: [\"cherry\", \"hello-again\"]}) { author { id } "
                   "} }"),
                 "null | ERROR -1 [1,author]: " NN_AUTHOR);
    CHECK_EQ_STR(q("{ User(id: \"u3\") { posts { id } } }"), "{\"posts\":[]}");
}

int main(void)
{
    setup("nesterr");
    RUN(errors_per_occurrence_in_order);
    RUN(null_propagation);
    RUN(deferred_fields);
    RUN(without_collector);
    RUN(missing_edge_in_render_node);
    teardown();
    return test_summary();
}
