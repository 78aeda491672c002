/* query_test.c - reads against SQLite on the blog model: every filter operator, null
 * operands, case-insensitivity, relation filters, ordering, pagination and its errors,
 * counts, nested fields with per-parent pagination, node(id:), float round trip. */
#include "test.h"

#include "store/blog_db.h"

#define IDS(filter) q("{ allPosts" filter " { id } }")

TEST(sides_are_as_assumed)
{
    const ModelRelation *r = NULL;
    for (uint32_t i = 0; i < dm->n_relations; i++)
        if (!strcmp(dm->relations[i]->name, "UserFollows")) r = dm->relations[i];
    CHECK(r);
    CHECK_EQ_STR(r->field_a->name, "followers");
    for (uint32_t i = 0; i < dm->n_relations; i++) {
        const ModelRelation *x = dm->relations[i];
        if (!strcmp(x->name, "PostAuthor") || !strcmp(x->name, "CommentAuthor") ||
            !strcmp(x->name, "PinnedPost"))
            CHECK_EQ_STR(x->model_a->name, "User");
        if (!strcmp(x->name, "PostComments") || !strcmp(x->name, "PostTags"))
            CHECK_EQ_STR(x->model_a->name, "Post");
    }
}

TEST(value_formats)
{
    CHECK_EQ_STR(q("{ Post(slug: \"hello\") { id title status keywords viewCount rating "
                   "published publishedAt metadata body __typename } }"),
                 "{\"id\":\"p1\",\"title\":\"Hello World\",\"status\":\"PUBLISHED\","
                 "\"keywords\":[\"a\",\"b\"],\"viewCount\":10,\"rating\":4.5,\"published\":true,"
                 "\"publishedAt\":\"2020-01-01T00:00:00.000Z\",\"metadata\":{\"x\":1},"
                 "\"body\":\"First post 100%\",\"__typename\":\"Post\"}");
    CHECK_EQ_STR(q("{ Post(id: \"p2\") { body rating published publishedAt metadata keywords } }"),
                 "{\"body\":null,\"rating\":null,\"published\":false,\"publishedAt\":null,"
                 "\"metadata\":null,\"keywords\":null}");
    CHECK_EQ_STR(q("{ User(email: \"alice@x.com\") { settings role } }"),
                 "{\"settings\":{\"theme\":\"dark\"},\"role\":\"ADMIN\"}");
}

TEST(float_round_trip)
{
    CHECK_EQ_STR(q("{ Post(id: \"p3\") { rating } }"), "{\"rating\":0.30000000000000004}");
    CHECK_EQ_STR(q("{ allPosts(filter: {rating: 2}) { rating } }"), "[{\"rating\":2}]");
    /* also through the array aggregate and nested objects */
    CHECK_EQ_STR(q("{ User(id: \"u2\") { posts { rating } } }"),
                 "{\"posts\":[{\"rating\":0.30000000000000004},{\"rating\":2}]}");
    sqlite3_stmt *st = store_prepare(conn, "SELECT json_object('a', rl_float(1e34), 'b', "
                                           "rl_float(-1.5e-300), 'c', rl_float(NULL), 'd', "
                                           "rl_float(123456789012345678))");
    CHECK(st);
    CHECK_EQ_INT(sqlite3_step(st), SQLITE_ROW);
    CHECK_EQ_STR((const char *)sqlite3_column_text(st, 0),
                 "{\"a\":1e+34,\"b\":-1.5e-300,\"c\":null,\"d\":123456789012345680}");
    sqlite3_reset(st);
}

TEST(single_node)
{
    /* strings compare case-insensitively, ids exactly */
    CHECK_EQ_STR(q("{ User(email: \"bob@X.COM\") { id } }"), "{\"id\":\"u2\"}");
    CHECK_EQ_STR(q("{ User(id: \"U2\") { id } }"), "null");
    CHECK_EQ_STR(q("{ User(id: \"nope\") { id } }"), "null");
    /* the first non-null argument in field order wins */
    CHECK_EQ_STR(q("{ User(email: \"carol@x.com\", id: \"u1\") { id } }"), "{\"id\":\"u3\"}");
    CHECK_EQ_STR(q("{ User(email: null, id: \"u1\") { id } }"), "{\"id\":\"u1\"}");
    CHECK_EQ_STR(q("{ Post { id } }"),
                 "ERROR 3000 []: None of the following arguments provided: List(id, slug)");
    CHECK_EQ_STR(q("{ Post(id: null) { id } }"),
                 "ERROR 3000 []: None of the following arguments provided: List(id, slug)");
}

TEST(string_operators)
{
    CHECK_EQ_STR(IDS("(filter: {title: \"hello world\"})"), "[{\"id\":\"p1\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_not: \"HELLO WORLD\"})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_in: [\"CHERRY\", \"apple PIE\", \"zzz\"]})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_not_in: [\"CHERRY\", \"apple PIE\"]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_lt: \"BANANA SPLIT\"})"), "[{\"id\":\"p2\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_lte: \"BANANA SPLIT\"})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_gt: \"cherry\"})"), "[{\"id\":\"p1\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_gte: \"CHERRY\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_contains: \"LLO\"})"), "[{\"id\":\"p1\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_not_contains: \"llo\"})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_starts_with: \"hELLo\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_not_starts_with: \"hello\"})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_ends_with: \"PIE\"})"), "[{\"id\":\"p2\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_not_ends_with: \"pie\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    /* an operand longer than the value */
    CHECK_EQ_STR(IDS("(filter: {title_ends_with: \"a very long cherry\"})"), "[]");
    /* empty operands: every non-null value contains, starts and ends with "" */
    CHECK_EQ_STR(IDS("(filter: {body_ends_with: \"\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_starts_with: \"\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    /* substring operands are literal: % and _ are not wildcards */
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"100%\"})"), "[{\"id\":\"p1\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"%\"})"), "[{\"id\":\"p1\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"h_u\"})"), "[{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"_\"})"), "[{\"id\":\"p3\"}]");
    /* the LIKE escape character is literal too, and a pattern of wildcards only
     * matches values that hold them */
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"\\\\\"})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"%_\"})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {body_not_contains: \"_\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_contains: \"\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {title_contains: \"ANANA s\"})"), "[{\"id\":\"p3\"}]");
    /* null columns never match the negative operators */
    CHECK_EQ_STR(IDS("(filter: {body_not_contains: \"zzz\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_not: \"x\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p5\"}]");
}

TEST(id_operators_are_exact)
{
    CHECK_EQ_STR(IDS("(filter: {id: \"P1\"})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {id_in: [\"p1\", \"P2\", \"p3\"]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {id_gt: \"p3\"})"), "[{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {id_starts_with: \"P\"})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {id_ends_with: \"5\"})"), "[{\"id\":\"p5\"}]");
}

TEST(null_operands)
{
    CHECK_EQ_STR(IDS("(filter: {body: null})"), "[{\"id\":\"p2\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_not: null})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_in: null})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {body_not_in: null})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {body_contains: null})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {body_not_contains: null})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {body_lt: null})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_gt: null})"), "[]");
    CHECK_EQ_STR(IDS("(filter: {rating: null})"), "[{\"id\":\"p2\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {publishedAt_not: null})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    /* empty lists: _in matches nothing, _not_in everything (also null values) */
    CHECK_EQ_STR(IDS("(filter: {body_in: []})"), "[]");
    CHECK_EQ_STR(
        IDS("(filter: {body_not_in: []})"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {body_not_in: [\"x\"]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p5\"}]");
}

/* Long _in lists go through one JSON parameter; same semantics. */
TEST(long_in_lists)
{
    char query[4096];
    size_t n = (size_t)snprintf(query, sizeof query, "{ allPosts(filter: {title_in: [");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "\"x%d\", ", i);
    snprintf(query + n, sizeof query - n, "\"CHERRY\", \"apple pie\"]}) { id } }");
    CHECK_EQ_STR(q(query), "[{\"id\":\"p2\"},{\"id\":\"p4\"}]");
    n = (size_t)snprintf(query, sizeof query, "{ allPosts(filter: {viewCount_not_in: [");
    for (int i = 100; i < 140; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "%d, ", i);
    snprintf(query + n, sizeof query - n, "0, 7]}) { id } }");
    CHECK_EQ_STR(q(query), "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    n = (size_t)snprintf(query, sizeof query, "{ allPosts(filter: {rating_in: [");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "%d.5, ", i + 10);
    snprintf(query + n, sizeof query - n, "0.30000000000000004, 2]}) { id } }");
    CHECK_EQ_STR(q(query), "[{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    n = (size_t)snprintf(query, sizeof query, "{ allPosts(filter: {publishedAt_in: [");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "\"1999-01-%02d\", ", i % 28 + 1);
    snprintf(query + n, sizeof query - n, "\"2020\"]}) { id } }");
    CHECK_EQ_STR(q(query), "[{\"id\":\"p1\"}]");
    n = (size_t)snprintf(query, sizeof query, "{ allPosts(filter: {id_in: [");
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(query + n, sizeof query - n, "\"P%d\", ", i);
    snprintf(query + n, sizeof query - n, "\"p5\"]}) { id } }");
    CHECK_EQ_STR(q(query), "[{\"id\":\"p5\"}]");
}

TEST(number_boolean_enum_datetime_operators)
{
    CHECK_EQ_STR(IDS("(filter: {viewCount: 5})"), "[{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_not: 5})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_in: [0, 7]})"), "[{\"id\":\"p2\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_not_in: [0, 7]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_lt: 5})"), "[{\"id\":\"p2\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_lte: 5})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_gt: 7})"), "[{\"id\":\"p1\"}]");
    CHECK_EQ_STR(IDS("(filter: {viewCount_gte: 7})"), "[{\"id\":\"p1\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {rating_gt: 0.3})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {rating: 0.30000000000000004})"), "[{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {rating_lte: 2})"), "[{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {rating_not: 2})"), "[{\"id\":\"p1\"},{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {published: true})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {published_not: true})"), "[{\"id\":\"p2\"},{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {status: DRAFT})"), "[{\"id\":\"p2\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {status_not: DRAFT})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {status_in: [ARCHIVED, PUBLISHED]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {status_not_in: [ARCHIVED, PUBLISHED]})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p5\"}]");
    /* DateTime operands in any accepted input form are normalised before comparing */
    CHECK_EQ_STR(IDS("(filter: {publishedAt: \"2020\"})"), "[{\"id\":\"p1\"}]");
    CHECK_EQ_STR(IDS("(filter: {publishedAt: \"2020-01-01T01:00:00+01:00\"})"),
                 "[{\"id\":\"p1\"}]");
    CHECK_EQ_STR(IDS("(filter: {publishedAt_gt: \"2019-12-31T23:59:59.999\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {publishedAt_gte: \"2019-12-31T23:59:59.999Z\"})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {publishedAt_lt: \"2020-01\"})"), "[{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {publishedAt_in: [\"2021-06-15T12:30Z\", \"2020-01-01\"]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"}]");
}

TEST(and_or)
{
    CHECK_EQ_STR(IDS("(filter: {AND: [{viewCount_gte: 5}, {published: true}]})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {OR: [{slug: \"apple\"}, {slug: \"cherry\"}], viewCount: 5})"),
                 "[{\"id\":\"p4\"}]");
    CHECK_EQ_STR(
        IDS("(filter: {OR: []})"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(
        IDS("(filter: {AND: [], OR: null})"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(
        IDS("(filter: {})"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {OR: [{AND: [{title_contains: \"hello\"}, {viewCount: 7}]}, "
                     "{body: null}]})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p5\"}]");
}

TEST(relation_filters)
{
    /* to-one */
    CHECK_EQ_STR(IDS("(filter: {author: {name: \"BOB\"}})"), "[{\"id\":\"p3\"},{\"id\":\"p4\"}]");
    CHECK_EQ_STR(IDS("(filter: {pinnedBy: null})"),
                 "[{\"id\":\"p1\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {pinnedBy: {}})"), "[{\"id\":\"p2\"}]");
    CHECK_EQ_STR(q("{ allComments(filter: {author: null}) { id } }"), "[{\"id\":\"c3\"}]");
    /* to-many */
    CHECK_EQ_STR(IDS("(filter: {comments_some: {}})"), "[{\"id\":\"p1\"},{\"id\":\"p3\"}]");
    CHECK_EQ_STR(IDS("(filter: {comments_none: {}})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {comments_some: {text: \"OK\"}})"), "[{\"id\":\"p3\"}]");
    /* every: true without related nodes; a null author fails "author: {...}" */
    CHECK_EQ_STR(
        IDS("(filter: {comments_every: {text_not: \"zzz\"}})"),
        "[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
    CHECK_EQ_STR(IDS("(filter: {comments_every: {author: {role_in: [AUTHOR, READER]}}})"),
                 "[{\"id\":\"p2\"},{\"id\":\"p4\"},{\"id\":\"p5\"}]");
}

TEST(relation_filter_null_is_an_error)
{
    CHECK_EQ_STR(IDS("(filter: {comments_some: null})"),
                 "ERROR 3033 []: The field 'comments' is a toMany relation. This cannot be "
                 "filtered by null.");
    CHECK_EQ_STR(IDS("(filter: {tags_every: null})"),
                 "ERROR 3033 []: The field 'tags' is a toMany relation. This cannot be "
                 "filtered by null.");
    /* in a nested field's filter: that field is null, with an error per parent */
    CHECK_EQ_STR(q("{ allUsers(first: 2) { posts(filter: {comments_none: null}) { id } } }"),
                 "[{\"posts\":null},{\"posts\":null}] | ERROR 3033 [0,posts]: The field "
                 "'comments' is a toMany relation. This cannot be filtered by null. | ERROR 3033 "
                 "[1,posts]: The field 'comments' is a toMany relation. This cannot be filtered "
                 "by null.");
}

int main(void)
{
    setup("query");
    RUN(sides_are_as_assumed);
    RUN(value_formats);
    RUN(float_round_trip);
    RUN(single_node);
    RUN(string_operators);
    RUN(id_operators_are_exact);
    RUN(null_operands);
    RUN(number_boolean_enum_datetime_operators);
    RUN(long_in_lists);
    RUN(and_or);
    RUN(relation_filters);
    RUN(relation_filter_null_is_an_error);
    teardown();
    return test_summary();
}
