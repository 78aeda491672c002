/* nested_test.c - relation fields with their own arguments per parent, two-field and
 * single-field self-relations, node(id:), store_render_node, and the statement count
 * not growing with the number of rows. */
#include "test.h"

#include "store/blog_db.h"

TEST(relation_fields)
{
    CHECK_EQ_STR(q("{ allUsers { id posts { id } pinnedPost { slug } comments { text } "
                   "followers { id } following { id } } }"),
                 "[{\"id\":\"u1\",\"posts\":[{\"id\":\"p1\"},{\"id\":\"p2\"}],"
                 "\"pinnedPost\":{\"slug\":\"apple\"},\"comments\":[{\"text\":\"ok\"}],"
                 "\"followers\":[{\"id\":\"u2\"},{\"id\":\"u3\"}],\"following\":[]},"
                 "{\"id\":\"u2\",\"posts\":[{\"id\":\"p3\"},{\"id\":\"p4\"}],\"pinnedPost\":null,"
                 "\"comments\":[{\"text\":\"nice\"}],\"followers\":[{\"id\":\"u3\"}],"
                 "\"following\":[{\"id\":\"u1\"}]},"
                 "{\"id\":\"u3\",\"posts\":[{\"id\":\"p5\"}],\"pinnedPost\":null,"
                 "\"comments\":[{\"text\":\"meh\"}],\"followers\":[],"
                 "\"following\":[{\"id\":\"u1\"},{\"id\":\"u2\"}]}]");
}

TEST(per_parent_arguments)
{
    CHECK_EQ_STR(q("{ allPosts(filter: {comments_some: {}}) { id comments(first: 2, orderBy: "
                   "text_ASC) { text } } }"),
                 "[{\"id\":\"p1\",\"comments\":[{\"text\":\"anon\"},{\"text\":\"meh\"}]},"
                 "{\"id\":\"p3\",\"comments\":[{\"text\":\"ok\"}]}]");
    CHECK_EQ_STR(q("{ allPosts(filter: {comments_some: {}}) { id comments(last: 1) { id } } }"),
                 "[{\"id\":\"p1\",\"comments\":[{\"id\":\"c3\"}]},"
                 "{\"id\":\"p3\",\"comments\":[{\"id\":\"c4\"}]}]");
    CHECK_EQ_STR(q("{ allPosts(filter: {comments_some: {}}) { comments(skip: 1, filter: "
                   "{text_not: \"meh\"}) { id } } }"),
                 "[{\"comments\":[{\"id\":\"c3\"}]},{\"comments\":[]}]");
    CHECK_EQ_STR(
        q("{ allPosts(filter: {comments_some: {}}) { comments(after: \"c1\") { id } } }"),
        "[{\"comments\":[{\"id\":\"c2\"},{\"id\":\"c3\"}]},{\"comments\":[{\"id\":\"c4\"}]}]");
    /* aliases of one field with different arguments */
    CHECK_EQ_STR(q("{ User(id: \"u1\") { a: posts(first: 1) { id } b: posts(last: 1) { id } "
                   "n: _postsMeta { count } } }"),
                 "{\"a\":[{\"id\":\"p1\"}],\"b\":[{\"id\":\"p2\"}],\"n\":{\"count\":2}}");
    /* to-one with a filter: null when the related node does not match */
    CHECK_EQ_STR(q("{ allComments { id author(filter: {role: ADMIN}) { name } } }"),
                 "[{\"id\":\"c1\",\"author\":null},{\"id\":\"c2\",\"author\":null},{\"id\":"
                 "\"c3\",\"author\":null},{\"id\":\"c4\",\"author\":{\"name\":\"Alice\"}}]");
    /* a required one: a non-null violation, propagated (nested_errors_test.c) */
    CHECK_EQ_STR(q("{ allPosts { id author(filter: {role: ADMIN}) { name } } }"),
                 "null | ERROR -1 [2,author]: Cannot return null for non-nullable field "
                 "Post.author.");
}

TEST(deep_nesting)
{
    CHECK_EQ_STR(q("{ Post(slug: \"HELLO\") { comments(orderBy: text_DESC) { text author { name "
                   "posts(first: 1) { slug } } post { slug } } tags { name posts { slug "
                   "__typename } } } }"),
                 "{\"comments\":[{\"text\":\"nice\",\"author\":{\"name\":\"bob\",\"posts\":"
                 "[{\"slug\":\"banana\"}]},\"post\":{\"slug\":\"hello\"}},{\"text\":\"meh\","
                 "\"author\":{\"name\":\"Carol\",\"posts\":[{\"slug\":\"hello-again\"}]},\"post\":"
                 "{\"slug\":\"hello\"}},{\"text\":\"anon\",\"author\":null,\"post\":{\"slug\":"
                 "\"hello\"}}],\"tags\":[{\"name\":\"news\",\"posts\":[{\"slug\":\"hello\","
                 "\"__typename\":\"Post\"},{\"slug\":\"banana\",\"__typename\":\"Post\"}]},"
                 "{\"name\":\"tech\",\"posts\":[{\"slug\":\"hello\",\"__typename\":\"Post\"}]}]}");
}

TEST(node_and_user)
{
    CHECK_EQ_STR(q("{ node(id: \"p1\") { id __typename ... on Post { title } ... on User { name "
                   "} } }"),
                 "{\"id\":\"p1\",\"__typename\":\"Post\",\"title\":\"Hello World\"}");
    CHECK_EQ_STR(q("{ node(id: \"u2\") { id __typename ... on Post { title } ... on User { name "
                   "followers { id } } } }"),
                 "{\"id\":\"u2\",\"__typename\":\"User\",\"name\":\"bob\",\"followers\":[{\"id\":"
                 "\"u3\"}]}");
    CHECK_EQ_STR(q("{ node(id: \"zzz\") { id } }"), "null");
    CHECK_EQ_STR(q("{ node(id: \"P1\") { id } }"), "null");
    CHECK_EQ_STR(q("{ user { id } }"), "null");
}

TEST(render_node)
{
    PlanField *f =
        pf_root(&arena, schema, "{ User(id: \"x\") { id name posts(first: 1) { slug } } }");
    const Model *user = model_find(dm, "User", 4);
    Buf out;
    buf_init(&out, &arena, 64);
    FieldError err = {0};
    CHECK(store_render_node(conn, &arena, user, STR_LIT("u2"), f->sel, &out, &err));
    CHECK_EQ_STR(out.data, "{\"id\":\"u2\",\"name\":\"bob\",\"posts\":[{\"slug\":\"banana\"}]}");
    buf_clear(&out);
    CHECK(store_render_node(conn, &arena, user, STR_LIT("p1"), f->sel, &out, &err));
    CHECK_EQ_STR(out.data, "null");
}

/* The same nested query over 10 and over 1,000 parents runs the same number of
 * statements (one). */
TEST(statement_count_does_not_grow_with_rows)
{
    static const char query[] = "{ allUsers(filter: {email_starts_with: \"bulk\"}) { id "
                                "posts(first: 2) { id author { id } comments { id } tags { name "
                                "} } following { id } _postsMeta { count } } }";
    char sql[1024];
    snprintf(
        sql, sizeof sql,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
        "INSERT INTO \"User\" (id, createdAt, updatedAt, email, name, role) SELECT "
        "printf('v%%05d', i), " TS ", " TS ", printf('bulk%%d@x.com', i), 'n', 'READER' "
        "FROM n; "
        "INSERT INTO \"Post\" (id, createdAt, updatedAt, title, slug, status, viewCount, "
        "published) SELECT 'q' || substr(id, 2), " TS ", " TS ", 't', 's' || id, 'DRAFT', "
        "0, 0 FROM \"User\" WHERE id LIKE 'v%%'; "
        "INSERT INTO \"_PostAuthor\" (A, B) SELECT id, 'q' || substr(id, 2) FROM \"User\" "
        "WHERE id LIKE 'v%%'; "
        "INSERT INTO \"_UserFollows\" (A, B) SELECT 'u1', id FROM \"User\" WHERE id LIKE 'v%%';",
        10);
    CHECK_EQ_INT(sqlite3_exec(conn->db, sql, NULL, NULL, NULL), SQLITE_OK);
    unsigned long long before = conn->n_statements;
    const char *small = q(query);
    unsigned long long small_count = conn->n_statements - before;
    CHECK(strncmp(small, "[{\"id\":\"v00001\"", 15) == 0);

    CHECK_EQ_INT(sqlite3_exec(conn->db,
                              "DELETE FROM \"User\" WHERE id LIKE 'v%'; DELETE FROM \"Post\" WHERE "
                              "id LIKE 'q%'; DELETE FROM \"_PostAuthor\" WHERE A LIKE 'v%'; "
                              "DELETE FROM \"_UserFollows\" WHERE B LIKE 'v%';",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    char *p = strstr(sql, "i < 10)");
    CHECK(p);
    memcpy(p, "i<1000)", 7);
    CHECK_EQ_INT(sqlite3_exec(conn->db, sql, NULL, NULL, NULL), SQLITE_OK);
    before = conn->n_statements;
    const char *big = q(query);
    unsigned long long big_count = conn->n_statements - before;
    CHECK_EQ_INT(small_count, 1);
    CHECK_EQ_INT(big_count, small_count);
    int n = 0;
    for (const char *s = big; (s = strstr(s, "\"_postsMeta\":{\"count\":1}")); s++)
        n++;
    CHECK_EQ_INT(n, 1000);
    CHECK(strstr(big, "{\"id\":\"v01000\",\"posts\":[{\"id\":\"q01000\",\"author\":{\"id\":"
                      "\"v01000\"},\"comments\":[],\"tags\":[]}],\"following\":[{\"id\":\"u1\"}]"));
}

/* More fields than one json_object() call takes arguments: built in chunks, in order. */
TEST(wide_selection)
{
    char query[4096], expected[4096];
    size_t qn = 0, en = 0;
    qn += (size_t)snprintf(query + qn, sizeof query - qn, "{ allUsers(first: 1) { ");
    en += (size_t)snprintf(expected + en, sizeof expected - en, "[{");
    for (int i = 0; i < 130; i++) {
        qn += (size_t)snprintf(query + qn, sizeof query - qn, "f%d: %s ", i, i % 2 ? "name" : "id");
        en += (size_t)snprintf(expected + en, sizeof expected - en, "%s\"f%d\":%s", i ? "," : "", i,
                               i % 2 ? "\"Alice\"" : "\"u1\"");
    }
    snprintf(query + qn, sizeof query - qn, "} }");
    snprintf(expected + en, sizeof expected - en, "}]");
    CHECK_EQ_STR(q(query), expected);
}

int main(void)
{
    setup("nested");
    RUN(relation_fields);
    RUN(per_parent_arguments);
    RUN(deep_nesting);
    RUN(node_and_user);
    RUN(render_node);
    RUN(wide_selection);
    RUN(statement_count_does_not_grow_with_rows);
    teardown();
    return test_summary();
}
