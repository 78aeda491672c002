/* apq_test.c - src/server/apq.c and the extensions reading of body.c: Apollo's
 * automatic persisted queries (register, run by hash, mismatch, unknown version) and
 * the bounded cache starting over once its texts pass the limit. */
#include "base/sha256.h"
#include "server/internal.h"
#include "test.h"

static Arena A;
static ApqCache C;

/* A request as body.c reads it from JSON. */
static BodyItem item(const char *json)
{
    Body b;
    bool ok = body_parse_json(&A, json, strlen(json), 10, &b);
    if (!ok) return (BodyItem){.error = "unparsable test body"};
    return b.items[0];
}

static BodyItem by_hash(const char *hash)
{
    return item(arena_printf(&A, "{\"extensions\":{\"persistedQuery\":{\"version\":1,"
                                 "\"sha256Hash\":\"%s\"}}}", hash));
}

static const char *hash_of(const char *q)
{
    char *h = arena_alloc(&A, 65);
    sha256_hex(q, strlen(q), h);
    return h;
}

TEST(register_then_run_by_hash)
{
    const char *q = "{ allUsers { id } }";
    BodyItem miss = by_hash(hash_of(q));
    CHECK(miss.apq);
    apq_resolve(&C, &A, &miss);
    CHECK_EQ_STR(miss.error, "PersistedQueryNotFound");
    CHECK_EQ_STR(miss.error_ext_code, "PERSISTED_QUERY_NOT_FOUND");

    BodyItem reg = item(arena_printf(&A, "{\"query\":\"%s\",\"extensions\":{\"persistedQuery\":"
                                         "{\"version\":1,\"sha256Hash\":\"%s\"}}}", q, hash_of(q)));
    apq_resolve(&C, &A, &reg);
    CHECK(reg.error == NULL);

    BodyItem hit = by_hash(hash_of(q));
    apq_resolve(&C, &A, &hit);
    CHECK(hit.error == NULL);
    CHECK(str_eqz(hit.req.query, q));
}

TEST(mismatch_and_version)
{
    BodyItem bad = item(arena_printf(&A, "{\"query\":\"{ a }\",\"extensions\":{\"persistedQuery\":"
                                         "{\"version\":1,\"sha256Hash\":\"%s\"}}}", hash_of("{ b }")));
    apq_resolve(&C, &A, &bad);
    CHECK_EQ_STR(bad.error, "provided sha does not match query");
    BodyItem after = by_hash(hash_of("{ b }"));
    apq_resolve(&C, &A, &after);
    CHECK_EQ_STR(after.error, "PersistedQueryNotFound");

    BodyItem v2 = item("{\"extensions\":{\"persistedQuery\":{\"version\":2,\"sha256Hash\":\"x\"}}}");
    apq_resolve(&C, &A, &v2);
    CHECK_EQ_STR(v2.error, "Unsupported persisted query version");

    /* Other extensions, or none, leave the request alone. */
    BodyItem plain = item("{\"query\":\"{ a }\",\"extensions\":{\"tracing\":true}}");
    CHECK(!plain.apq);
    apq_resolve(&C, &A, &plain);
    CHECK(plain.error == NULL);
}

TEST(get_extensions_parameter)
{
    BodyItem it = {0};
    body_extensions_from_text(&A, "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"ab\"}}", &it);
    CHECK(it.apq);
    CHECK_EQ_INT(it.apq_version, 1);
    CHECK(str_eqz(it.apq_hash, "ab"));
    BodyItem junk = {0};
    body_extensions_from_text(&A, "not json", &junk);
    CHECK(!junk.apq);
}

/* Registers a query of about `size` bytes made unique by `n`. */
static const char *register_big(int n, size_t size)
{
    char *q = arena_alloc(&A, size + 1);
    int k = snprintf(q, size + 1, "{ a%d ", n);
    memset(q + k, ' ', size - (size_t)k - 1);
    q[size - 1] = '}';
    q[size] = 0;
    BodyItem it = {.apq = true, .apq_version = 1};
    it.req.query = str_from(q);
    it.apq_hash = str_from(hash_of(q));
    apq_resolve(&C, &A, &it);
    return it.error ? NULL : it.apq_hash.ptr;
}

TEST(bounded_cache_starts_over)
{
    const char *first = register_big(0, 1024 * 1024);
    CHECK(first != NULL);
    const char *last = NULL;
    for (int i = 1; i <= 9; i++)
        last = register_big(i, 1024 * 1024);
    CHECK(C.arena.total < 16u * 1024 * 1024);
    BodyItem gone = by_hash(first);
    apq_resolve(&C, &A, &gone);
    CHECK_EQ_STR(gone.error, "PersistedQueryNotFound");
    BodyItem kept = by_hash(last);
    apq_resolve(&C, &A, &kept);
    CHECK(kept.error == NULL);
    CHECK_EQ_INT((int)kept.req.query.len, 1024 * 1024);
}

int main(void)
{
    arena_init(&A, 4096);
    apq_init(&C);
    RUN(register_then_run_by_hash);
    RUN(mismatch_and_version);
    RUN(get_extensions_parameter);
    RUN(bounded_cache_starts_over);
    apq_fini(&C);
    arena_fini(&A);
    return test_summary();
}
