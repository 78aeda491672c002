/* media_test.c - src/server/media.c: Accept and Content-Type handling for content
 * negotiation (SIMPLE-API.md §1.4). */
#include "server/internal.h"
#include "test.h"

TEST(graphql_response_only_when_asked_for)
{
    CHECK(!media_wants_graphql_response(NULL));
    CHECK(!media_wants_graphql_response(""));
    CHECK(!media_wants_graphql_response("*/*"));
    CHECK(!media_wants_graphql_response("application/*"));
    CHECK(!media_wants_graphql_response("application/json"));
    CHECK(!media_wants_graphql_response("application/json, text/plain, */*"));
    CHECK(media_wants_graphql_response("application/graphql-response+json"));
    CHECK(media_wants_graphql_response("Application/GraphQL-Response+JSON"));
    CHECK(
        media_wants_graphql_response("application/graphql-response+json, application/json;q=0.9"));
    CHECK(media_wants_graphql_response("application/json, application/graphql-response+json"));
    CHECK(media_wants_graphql_response("application/graphql-response+json; charset=utf-8 ; q=1"));
    CHECK(
        !media_wants_graphql_response("application/graphql-response+json;q=0.5, application/json"));
    CHECK(!media_wants_graphql_response("application/graphql-response+json;q=0"));
    CHECK(!media_wants_graphql_response("application/graphql-response+jsonx"));
}

TEST(html)
{
    CHECK(media_accepts_html("text/html,application/xhtml+xml,*/*;q=0.8"));
    CHECK(media_accepts_html("TEXT/HTML"));
    CHECK(!media_accepts_html("*/*"));
    CHECK(!media_accepts_html(NULL));
    CHECK(!media_accepts_html("application/json"));
    CHECK(!media_accepts_html("text/html;q=0"));
}

TEST(body_kinds)
{
    CHECK_EQ_INT(media_body_kind(NULL), MEDIA_BODY_JSON);
    CHECK_EQ_INT(media_body_kind(""), MEDIA_BODY_JSON);
    CHECK_EQ_INT(media_body_kind("application/json"), MEDIA_BODY_JSON);
    CHECK_EQ_INT(media_body_kind("Application/JSON; charset=UTF-8"), MEDIA_BODY_JSON);
    CHECK_EQ_INT(media_body_kind("application/graphql"), MEDIA_BODY_GRAPHQL);
    CHECK_EQ_INT(media_body_kind("application/graphql;charset=utf-8"), MEDIA_BODY_GRAPHQL);
    CHECK_EQ_INT(media_body_kind("text/plain;charset=UTF-8"), MEDIA_BODY_OTHER);
    CHECK_EQ_INT(media_body_kind("application/x-www-form-urlencoded"), MEDIA_BODY_OTHER);
    CHECK_EQ_INT(media_body_kind("application/jsonx"), MEDIA_BODY_OTHER);
    CHECK_EQ_INT(media_body_kind("application/graphql-response+json"), MEDIA_BODY_OTHER);
}

TEST(playground_is_self_contained)
{
    size_t n;
    const char *html = playground_html(&n);
    CHECK(n == strlen(html));
    CHECK_CONTAINS(html, "<textarea");
    CHECK(!strstr(html, "http://") && !strstr(html, "https://"));
}

int main(void)
{
    RUN(graphql_response_only_when_asked_for);
    RUN(html);
    RUN(body_kinds);
    RUN(playground_is_self_contained);
    return test_summary();
}
