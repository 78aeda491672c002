/* response_test.c - error objects (src/exec/response.c): coded field errors, internal
 * errors as the "Whoops" message without a code, list indices in paths, request errors
 * without locations. */
#include "test.h"

#include "exec/internal.h"

static Arena A;

static ExecCtx *ctx(void)
{
    arena_reset(&A);
    ExecCtx *x = ARENA_NEW(&A, ExecCtx);
    x->a = &A;
    x->request_id = "simple:api:r1";
    buf_init(&x->errors, &A, 64);
    return x;
}

TEST(coded_error_with_relative_path)
{
    ExecCtx *x = ctx();
    PathSeg rel[] = {{STR_NULL, 2}, {STR_LIT("posts"), 0}};
    exec_field_error(x, "The 'first' argument must be non negative", 3026, (GqlLoc){2, 5},
                     STR_LIT("us"), rel, 2);
    CHECK_EQ_STR(x->errors.data,
                 "{\"message\":\"The 'first' argument must be non negative\",\"locations\":[{"
                 "\"line\":2,\"column\":5}],\"path\":[\"us\",2,\"posts\"],\"code\":3026,"
                 "\"requestId\":\"simple:api:r1\"}");
}

TEST(internal_error_is_whoops_without_code)
{
    ExecCtx *x = ctx();
    exec_field_error(x, "disk I/O error", 0, (GqlLoc){1, 3}, STR_LIT("allPosts"), NULL, 0);
    exec_field_error(x, "Plain", -1, (GqlLoc){1, 9}, STR_LIT("b"), NULL, 0);
    CHECK_EQ_INT(x->n_errors, 2);
    CHECK_EQ_STR(x->errors.data,
                 "{\"message\":\"Whoops. Looks like an internal server error. Search your server "
                 "logs for request ID: simple:api:r1\",\"locations\":[{\"line\":1,\"column\":3}],"
                 "\"path\":[\"allPosts\"],\"requestId\":\"simple:api:r1\"},{\"message\":\"Plain\","
                 "\"locations\":[{\"line\":1,\"column\":9}],\"path\":[\"b\"],\"requestId\":"
                 "\"simple:api:r1\"}");
}

TEST(request_errors)
{
    arena_reset(&A);
    ReqError *e[2] = {exec_req_error(&A,
                                     "Must provide operation name if query contains multiple "
                                     "operations.",
                                     (GqlLoc){0, 0}),
                      exec_req_error(&A, "a \"quoted\" one", (GqlLoc){3, 1})};
    Buf b;
    buf_init(&b, &A, 64);
    exec_write_request_errors(&b, e, 2);
    CHECK_EQ_STR(b.data, "{\"errors\":[{\"message\":\"Must provide operation name if query "
                         "contains multiple operations.\"},{\"message\":\"a \\\"quoted\\\" one\","
                         "\"locations\":[{\"line\":3,\"column\":1}]}]}");
}

int main(void)
{
    arena_init(&A, 4096);
    RUN(coded_error_with_relative_path);
    RUN(internal_error_is_whoops_without_code);
    RUN(request_errors);
    arena_fini(&A);
    return test_summary();
}
