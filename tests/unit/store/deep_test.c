/* deep_test.c - selections deeper than one SQLite statement can parse: the deferred
 * fields give the same JSON as one statement would, their number of statements depends
 * on the query's depth only, and deep filters and errors still work. */
#include "test.h"

#include "sql/dialect.h"
#include "store/blog_db.h"

/* Queries shallow enough for one statement, compared with every smaller budget. */
static const char *const shapes[] = {
    "{ allUsers { id posts { slug comments { text author { name } } } } }",
    "{ allUsers(orderBy: name_DESC) { name p: posts(last: 1) { slug _commentsMeta { count } "
    "tags(orderBy: name_DESC) { name } } pinnedPost { slug author { email } } followers { id "
    "following(first: 1) { id } } } }",
    "{ allComments { text post { title author { name posts(filter: {comments_some: {text: "
    "\"OK\"}}) { slug } } } author { id } } }",
    "{ Post(slug: \"hello\") { comments { post { comments(skip: 1) { post { slug } } } } } }",
    "{ node(id: \"u1\") { id ... on User { posts { comments { author { name } } } } } }",
    "{ _allPostsMeta(filter: {author: {posts_some: {comments_some: {}}}}) { count } }",
};

TEST(split_statements_give_the_same_json)
{
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        sql_test_budget = 1000;
        const char *whole = q(shapes[i]);
        CHECK(strncmp(whole, "ERROR", 5) != 0);
        for (unsigned budget = 1; budget <= 12; budget++) {
            sql_test_budget = budget;
            const char *split = q(shapes[i]);
            if (strcmp(split, whole) != 0) {
                fprintf(stderr, "query %zu budget %u:\n  %s\n  %s\n", i, budget, split, whole);
                CHECK(0);
            }
        }
    }
    sql_test_budget = 0;
}

TEST(deep_selection)
{
    /* 12 nested relation fields, deeper than SQLite can parse in one statement */
    const char *deep =
        "{ allComments(filter: {text: \"meh\"}) { text post { title author { name posts(orderBy: "
        "slug_DESC, first: 1) { title comments(first: 1) { text post { author { name followers { "
        "name following { name pinnedPost { slug tags { name posts { slug } } } } } } } } } } } } "
        "}";
    unsigned long long before = conn->n_statements;
    const char *out = q(deep);
    unsigned long long used = conn->n_statements - before;
    CHECK_EQ_STR(
        out,
        "[{\"text\":\"meh\",\"post\":{\"title\":\"Hello World\",\"author\":{\"name\":"
        "\"Alice\",\"posts\":[{\"title\":\"Hello World\",\"comments\":[{\"text\":\"nice\","
        "\"post\":{\"author\":{\"name\":\"Alice\",\"followers\":[{\"name\":\"bob\","
        "\"following\":[{\"name\":\"Alice\",\"pinnedPost\":{\"slug\":\"apple\",\"tags\":"
        "[]}}]},{\"name\":\"Carol\",\"following\":[{\"name\":\"Alice\",\"pinnedPost\":{"
        "\"slug\":\"apple\",\"tags\":[]}},{\"name\":\"bob\",\"pinnedPost\":null}]}]}}}]}]}}}]");
    CHECK(used > 1 && used < 6);
    /* the same query again: same statements (served from the cache) */
    before = conn->n_statements;
    CHECK_EQ_STR(q(deep), out);
    CHECK_EQ_INT(conn->n_statements - before, used);
}

TEST(deep_filter)
{
    CHECK_EQ_STR(q("{ allUsers(filter: {posts_some: {comments_some: {author: {posts_some: "
                   "{comments_some: {author: {posts_some: {tags_some: {posts_some: {author: "
                   "{followers_some: {name: \"carol\"}}}}}}}}}}}}) { id } }"),
                 "[{\"id\":\"u1\"},{\"id\":\"u2\"}]");
    /* every/none through id-sets, compared with one statement */
    static const char *const filters[] = {
        "{ allUsers(filter: {posts_every: {comments_every: {author: {role: READER}}}}) { id } }",
        "{ allUsers(filter: {posts_none: {comments_some: {author: {pinnedPost: {slug: "
        "\"apple\"}}}}}) { id } }",
        "{ allPosts(filter: {OR: [{author: {followers_some: {name: \"Carol\"}}}, {tags_every: "
        "{posts_some: {comments_none: {author: null}}}}]}) { id } }",
    };
    for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
        sql_test_budget = 1000;
        const char *whole = q(filters[i]);
        for (unsigned budget = 1; budget <= 8; budget++) {
            sql_test_budget = budget;
            CHECK_EQ_STR(q(filters[i]), whole);
        }
    }
    sql_test_budget = 0;
}

TEST(errors_in_deferred_fields)
{
    sql_test_budget = 3;
    /* the field is null for every parent, one error each; the root field stands */
    CHECK_EQ_STR(q("{ allUsers(first: 2) { posts(first: -1) { id } } }"),
                 "[{\"posts\":null},{\"posts\":null}] | ERROR 3026 [0,posts]: The 'first' "
                 "argument must be non negative | ERROR 3026 [1,posts]: The 'first' argument "
                 "must be non negative");
    CHECK_EQ_STR(q("{ User(id: \"u1\") { posts { comments(filter: {author: {comments_every: "
                   "null}}) { id } } } }"),
                 "{\"posts\":[{\"comments\":null},{\"comments\":null}]} | ERROR 3033 "
                 "[posts,0,comments]: The field 'comments' is a toMany relation. This cannot be "
                 "filtered by null. | ERROR 3033 [posts,1,comments]: The field 'comments' is a "
                 "toMany relation. This cannot be filtered by null.");
    sql_test_budget = 0;
}

/* Builds a query nesting `depth` copies of `open` (each closed by `close`) between
 * `prefix` and `suffix`. */
static const char *nest(const char *prefix, const char *open, const char *middle, const char *close,
                        const char *suffix, int depth)
{
    Buf b;
    buf_init(&b, &arena, 1024);
    buf_puts(&b, prefix);
    for (int i = 0; i < depth; i++)
        buf_puts(&b, open);
    buf_puts(&b, middle);
    for (int i = 0; i < depth; i++)
        buf_puts(&b, close);
    buf_puts(&b, suffix);
    return b.data;
}

/* No shape of query makes SQLite's parser overflow, at any depth. */
TEST(no_parser_overflow_at_any_depth)
{
    static const char *const pats[][5] = {
        {"{ allUsers(last: 5, filter: {name_contains: \"a\"}) { id ",
         "following(last: 3, orderBy: name_DESC, after: \"a\", before: \"z\", filter: {OR: "
         "[{name_ends_with: \"b\"}, "
         "{email_not_starts_with: \"x\"}]}) { id _postsMeta(filter: {title_contains: \"e\"}) "
         "{ count } ",
         "name", "} ", "} }"},
        {"{ allComments { id ", "post { author { comments(last: 2) { ", "id", "} } } ", "} }"},
        {"{ allPosts(filter: ", "{author: {posts_every: {comments_some: {OR: [{text: \"x\"}, ",
         "{text_not_ends_with: \"y\"}", "]}}}} ", ") { id } }"},
        {"{ allPosts(last: 1, filter: ", "{AND: [{title_not_contains: \"q\"}, {OR: [", "{}", "]}]}",
         ") { id } }"},
        {"{ _allPostsMeta(filter: ", "{tags_none: {posts_some: ", "{body_ends_with: \"a\"}", "}}",
         ") { count } }"},
        {"{ node(id: \"u1\") { ... on User { ", "followers(last: 2) { following(first: 1) { ", "id",
         "} } ", "} } }"},
    };
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
        for (int depth = 1; depth <= 12; depth++) {
            const char *query =
                nest(pats[i][0], pats[i][1], pats[i][2], pats[i][3], pats[i][4], depth);
            const char *r = q(query);
            if (strncmp(r, "ERROR", 5) == 0) {
                fprintf(stderr, "pattern %zu depth %d: %s\n  %s\n", i, depth, r, query);
                CHECK(0);
            }
        }
    }
}

int main(void)
{
    setup("deep");
    RUN(split_statements_give_the_same_json);
    RUN(deep_selection);
    RUN(deep_filter);
    RUN(errors_in_deferred_fields);
    RUN(no_parser_overflow_at_any_depth);
    teardown();
    return test_summary();
}
