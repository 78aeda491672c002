/* paginate_test.c - ordering (tie-break by id, nulls smallest), pagination with every
 * combination of first/last/skip/after/before, its errors, the default cap of 1000,
 * and counts that ignore pagination (SIMPLE-API.md §4.3-4.5). */
#include "test.h"

#include "store/blog_db.h"

#define P(order_and_pages) q("{ allPosts" order_and_pages " { id } }")
#define L2(a, b) "[{\"id\":\"" a "\"},{\"id\":\"" b "\"}]"
#define L3(a, b, c) "[{\"id\":\"" a "\"},{\"id\":\"" b "\"},{\"id\":\"" c "\"}]"
#define L1(a) "[{\"id\":\"" a "\"}]"

TEST(ordering)
{
    CHECK_EQ_STR(
        P(""), "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(
        P("(orderBy: id_DESC)"),
        "[{\"id\":\"p5\"},{\"id\":\"p4\"},{\"id\":\"p3\"},{\"id\":\"p2\"},{\"id\":\"p1\"}]");
    /* strings case-insensitively */
    CHECK_EQ_STR(
        P("(orderBy: title_ASC)"),
        "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"},{\"id\":\"p1\"}]");
    CHECK_EQ_STR(
        P("(orderBy: title_DESC)"),
        "[{\"id\":\"p1\"},{\"id\":\"p5\"},{\"id\":\"p4\"},{\"id\":\"p3\"},{\"id\":\"p2\"}]");
    /* ties broken by id ascending in both directions */
    CHECK_EQ_STR(
        P("(orderBy: viewCount_ASC)"),
        "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"},{\"id\":\"p1\"}]");
    CHECK_EQ_STR(
        P("(orderBy: viewCount_DESC)"),
        "[{\"id\":\"p1\"},{\"id\":\"p5\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p2\"}]");
    /* null is the smallest value */
    CHECK_EQ_STR(
        P("(orderBy: rating_ASC)"),
        "[{\"id\":\"p2\"},{\"id\":\"p5\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p1\"}]");
    CHECK_EQ_STR(
        P("(orderBy: rating_DESC)"),
        "[{\"id\":\"p1\"},{\"id\":\"p4\"},{\"id\":\"p3\"},{\"id\":\"p2\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(
        P("(orderBy: published_ASC)"),
        "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p1\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(
        P("(orderBy: status_ASC)"),
        "[{\"id\":\"p3\"},{\"id\":\"p2\"},{\"id\":\"p5\"},{\"id\":\"p1\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(P("(orderBy: publishedAt_DESC, filter: {publishedAt_not: null})"),
                 L3("p3", "p1", "p4"));
    CHECK_EQ_STR(
        P("(orderBy: null)"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
}

TEST(first_last_skip)
{
    /* rating_ASC order: p2 p5 p3 p4 p1 */
    CHECK_EQ_STR(P("(orderBy: rating_ASC, first: 2)"), L2("p2", "p5"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, first: 2, skip: 1)"), L2("p5", "p3"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, last: 2)"), L2("p4", "p1"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, last: 2, skip: 1)"), L2("p3", "p4"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, skip: 3)"), L2("p4", "p1"));
    CHECK_EQ_STR(
        P("(orderBy: rating_ASC, last: 9)"),
        "[{\"id\":\"p2\"},{\"id\":\"p5\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p1\"}]");
    CHECK_EQ_STR(P("(orderBy: rating_DESC, last: 2)"), L2("p2", "p5"));
    /* the last rows are put back in case-insensitive order */
    CHECK_EQ_STR(P("(orderBy: title_ASC, last: 3)"), L3("p4", "p5", "p1"));
    CHECK_EQ_STR(P("(orderBy: title_DESC, last: 3)"), L3("p4", "p3", "p2"));
    CHECK_EQ_STR(P("(last: 2)"), L2("p4", "p5"));
    CHECK_EQ_STR(P("(orderBy: id_DESC, last: 2)"), L2("p2", "p1"));
    CHECK_EQ_STR(P("(skip: 4)"), L1("p5"));
    CHECK_EQ_STR(P("(skip: 5)"), "[]");
    CHECK_EQ_STR(P("(first: 0)"), "[]");
    CHECK_EQ_STR(P("(last: 0)"), "[]");
    CHECK_EQ_STR(
        P("(first: null, last: null, skip: null)"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
}

TEST(cursors)
{
    CHECK_EQ_STR(P("(after: \"p2\", first: 2)"), L2("p3", "p4"));
    CHECK_EQ_STR(P("(before: \"p3\")"), L2("p1", "p2"));
    CHECK_EQ_STR(P("(orderBy: id_DESC, after: \"p3\")"), L2("p2", "p1"));
    CHECK_EQ_STR(P("(orderBy: id_DESC, before: \"p3\")"), L2("p5", "p4"));
    /* rating_ASC: p2 p5 p3 p4 p1 (p2 and p5 tie on null) */
    CHECK_EQ_STR(P("(orderBy: rating_ASC, after: \"p5\")"), L3("p3", "p4", "p1"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, after: \"p2\", first: 3)"), L3("p5", "p3", "p4"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, before: \"p3\")"), L2("p2", "p5"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, before: \"p5\")"), L1("p2"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, after: \"p2\", before: \"p1\")"), L3("p5", "p3", "p4"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, after: \"p2\", before: \"p1\", first: 2)"),
                 L2("p5", "p3"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, after: \"p2\", before: \"p1\", last: 2)"),
                 L2("p3", "p4"));
    CHECK_EQ_STR(P("(orderBy: rating_ASC, after: \"p2\", before: \"p1\", last: 1, skip: 1)"),
                 L1("p3"));
    /* rating_DESC: p1 p4 p3 p2 p5 (nulls last, tie by id ascending) */
    CHECK_EQ_STR(P("(orderBy: rating_DESC, after: \"p3\")"), L2("p2", "p5"));
    CHECK_EQ_STR(P("(orderBy: rating_DESC, after: \"p2\")"), L1("p5"));
    CHECK_EQ_STR(P("(orderBy: rating_DESC, before: \"p2\")"), L3("p1", "p4", "p3"));
    CHECK_EQ_STR(P("(orderBy: rating_DESC, before: \"p5\", last: 2)"), L2("p3", "p2"));
    /* viewCount_DESC: p1 p5 p3 p4 p2 (p3 and p4 tie) */
    CHECK_EQ_STR(P("(orderBy: viewCount_DESC, after: \"p3\")"), L2("p4", "p2"));
    CHECK_EQ_STR(P("(orderBy: viewCount_DESC, before: \"p4\")"), L3("p1", "p5", "p3"));
    /* title_ASC (case-insensitive): p2 p3 p4 p5 p1 */
    CHECK_EQ_STR(P("(orderBy: title_ASC, after: \"p4\")"), L2("p5", "p1"));
    /* the cursor node need not match the filter */
    CHECK_EQ_STR(P("(filter: {published: true}, after: \"p2\")"), L2("p4", "p5"));
    /* an unknown cursor gives an empty list */
    CHECK_EQ_STR(P("(after: \"nope\")"), "[]");
    CHECK_EQ_STR(P("(before: \"u1\")"), "[]");
}

TEST(pagination_errors)
{
    CHECK_EQ_STR(
        P("(first: 1, last: 1)"),
        "ERROR 3014 []: Including a value for both first and last is not supported. "
        "See the spec for a discussion of why "
        "https://facebook.github.io/relay/graphql/connections.htm#sec-Pagination-algorithm");
    CHECK_EQ_STR(P("(first: -1)"), "ERROR 3026 []: The 'first' argument must be non negative");
    CHECK_EQ_STR(P("(last: -1)"), "ERROR 3027 []: The 'last' argument must be non negative");
    CHECK_EQ_STR(P("(skip: -1)"), "ERROR 3028 []: The 'skip' argument must be non negative");
    CHECK_EQ_STR(P("(first: 1001)"),
                 "ERROR 2041 []: You requested 1001 nodes. We will only return up to 1000 nodes "
                 "per query.");
    CHECK_EQ_STR(P("(last: 5000)"),
                 "ERROR 2041 []: You requested 5000 nodes. We will only return up to 1000 nodes "
                 "per query.");
    CHECK_EQ_STR(P("(first: 1000, skip: 4)"), L1("p5"));
    /* nested: that field is null for every parent, with one error each carrying the path
     * below the root field (SIMPLE-API.md §4.4 rule 1) */
    CHECK_EQ_STR(q("{ allUsers(first: 2) { posts(first: -1) { id } } }"),
                 "[{\"posts\":null},{\"posts\":null}] | ERROR 3026 [0,posts]: The 'first' "
                 "argument must be non negative | ERROR 3026 [1,posts]: The 'first' argument "
                 "must be non negative");
    CHECK_EQ_STR(q("{ User(id: \"u1\") { name posts(skip: -2) { id } } }"),
                 "{\"name\":\"Alice\",\"posts\":null} | ERROR 3028 [posts]: The 'skip' argument "
                 "must be non negative");
}

TEST(counts)
{
    CHECK_EQ_STR(q("{ _allPostsMeta { count } }"), "{\"count\":5}");
    CHECK_EQ_STR(q("{ _allPostsMeta(filter: {published: true}, first: 1, skip: 10, last: -5, "
                   "after: \"zzz\") { count c2: count __typename } }"),
                 "{\"count\":3,\"c2\":3,\"__typename\":\"_QueryMeta\"}");
    CHECK_EQ_STR(q("{ allPosts(first: 3) { id _commentsMeta { count } _tagsMeta(filter: {name: "
                   "\"NEWS\"}, first: -1) { count } } }"),
                 "[{\"id\":\"p1\",\"_commentsMeta\":{\"count\":3},\"_tagsMeta\":{\"count\":1}},"
                 "{\"id\":\"p2\",\"_commentsMeta\":{\"count\":0},\"_tagsMeta\":{\"count\":0}},"
                 "{\"id\":\"p3\",\"_commentsMeta\":{\"count\":1},\"_tagsMeta\":{\"count\":1}}]");
    CHECK_EQ_STR(q("{ _allCommentsMeta(filter: {post: {slug: \"hello\"}}) { count } }"),
                 "{\"count\":3}");
}

/* Runs last: adds 1,100 tags. */
TEST(default_cap_and_uncapped_count)
{
    char *msg = NULL;
    int rc = sqlite3_exec(conn->db,
                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                          "i < 1100) INSERT INTO \"Tag\" (id, createdAt, updatedAt, name) SELECT "
                          "printf('x%05d', i), " TS ", " TS ", printf('tag %d', i) FROM n",
                          NULL, NULL, &msg);
    CHECK_EQ_INT(rc, SQLITE_OK);
    CHECK_EQ_STR(q("{ _allTagsMeta { count } }"), "{\"count\":1102}");
    const char *all = q("{ allTags { id } }");
    int n = 0;
    for (const char *p = all; (p = strstr(p, "\"id\"")); p++)
        n++;
    CHECK_EQ_INT(n, 1000);
    CHECK(strstr(all, "\"t1\"") && !strstr(all, "x01099"));
    all = q("{ allTags(skip: 1000) { id } }");
    n = 0;
    for (const char *p = all; (p = strstr(p, "\"id\"")); p++)
        n++;
    CHECK_EQ_INT(n, 102);
    all = q("{ allTags(last: 1000) { id } }");
    CHECK(strncmp(all, "[{\"id\":\"x00101\"}", 16) == 0);
}

/* Strings equal but for case tie, and the tie is broken by id (also at cursors). */
TEST(case_insensitive_ties)
{
    CHECK_EQ_INT(
        sqlite3_exec(conn->db,
                     "INSERT INTO \"Post\" (id, createdAt, updatedAt, title, slug, status, "
                     "viewCount, published) VALUES ('p6', " TS ", " TS ", 'APPLE PIE', "
                     "'apple2', 'DRAFT', 0, 0)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    CHECK_EQ_STR(P("(orderBy: title_ASC, first: 3)"), L3("p2", "p6", "p3"));
    CHECK_EQ_STR(P("(orderBy: title_ASC, after: \"p2\", first: 1)"), L1("p6"));
    CHECK_EQ_STR(P("(orderBy: title_ASC, before: \"p6\")"), L1("p2"));
    CHECK_EQ_STR(P("(orderBy: title_DESC, last: 2)"), L2("p2", "p6"));
    CHECK_EQ_STR(P("(orderBy: title_DESC, before: \"p6\", last: 1)"), L1("p2"));
    CHECK_EQ_STR(P("(orderBy: title_DESC, after: \"p2\")"), L1("p6"));
    CHECK_EQ_STR(P("(filter: {title: \"Apple Pie\"})"), L2("p2", "p6"));
}

int main(void)
{
    setup("paginate");
    RUN(ordering);
    RUN(first_last_skip);
    RUN(cursors);
    RUN(pagination_errors);
    RUN(counts);
    RUN(default_cap_and_uncapped_count);
    RUN(case_insensitive_ties);
    teardown();
    return test_summary();
}
