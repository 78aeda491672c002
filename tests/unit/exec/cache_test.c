/* cache_test.c - the plan cache (src/exec/cache.c) through exec_request(): a hit gives
 * the same response as the miss before it, and as a worker that never saw the query,
 * for many kinds of request (valid with and without variables, fragments, directives,
 * request errors of every step, field errors, mutations, introspection); entries are
 * evicted least recently used first and the bounds hold; an oversized document is
 * served but not kept; threads with their own workers run concurrently (run under
 * `make MODE=asan` to check eviction never frees what a request still uses). */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "test.h"

#include "fixture.h"

static Engine *E;
static Worker *W;
static Arena A;
static ExecOutcome R;

static const char *run_on(Worker *w, Arena *a, const char *query, const char *vars,
                          const char *op, bool get, ExecOutcome *res)
{
    json_t *v = vars ? json_loads(vars, 0, NULL) : NULL;
    ExecRequest rq = {
        .query = str_from(query),
        .variables = v,
        .operation_name = op ? str_from(op) : STR_NULL,
        .via_get = get,
        .request_id = "rid-1",
    };
    Buf out;
    buf_init(&out, a, 1024);
    exec_request(w, a, &rq, &out, res);
    json_decref(v);
    return out.data;
}

static const char *req(const char *query, const char *vars, const char *op, bool get)
{
    arena_reset(&A);
    return run_on(W, &A, query, vars, op, get, &R);
}

static unsigned long long hits(Worker *w)
{
    unsigned long long h, m;
    uint32_t n;
    plan_cache_stats(w->plans, &h, &m, &n, NULL);
    return h;
}

static unsigned long long misses(Worker *w)
{
    unsigned long long h, m;
    uint32_t n;
    plan_cache_stats(w->plans, &h, &m, &n, NULL);
    return m;
}

static size_t cache_bytes(Worker *w)
{
    unsigned long long h, m;
    uint32_t n;
    size_t b;
    plan_cache_stats(w->plans, &h, &m, &n, &b);
    return b;
}

static uint32_t entries(Worker *w)
{
    unsigned long long h, m;
    uint32_t n;
    plan_cache_stats(w->plans, &h, &m, &n, NULL);
    return n;
}

/* Read-only requests (their answers do not change when repeated). */
typedef struct Case {
    const char *query, *vars, *op;
    bool get;
} Case;

static const Case reads[] = {
    {"{ allPosts(orderBy: title_ASC) { title author { name } tags { name } } }", NULL, NULL, 0},
    {"{ _allPostsMeta { count } allUsers(orderBy: email_DESC, first: 1) { email } }", NULL,
     NULL, 0},
    {"query ($t: String) { allPosts(filter: {title_contains: $t}) { title } }", "{\"t\":\"ell\"}",
     NULL, 0},
    {"query ($t: String) { allPosts(filter: {title_contains: $t}) { title } }", "{\"t\":\"zz\"}",
     NULL, 0},
    {"query ($ids: [ID!]) { allTags(filter: {name_in: $ids}) { name } }",
     "{\"ids\":[\"t1\",\"t2\",\"t3\"]}", NULL, 0},
    {"query ($ids: [ID!]) { allTags(filter: {name_in: $ids}) { name } }", "{\"ids\":[\"t1\"]}",
     NULL, 0},
    {"{ Post(slug: \"s1\") { title ...F } } fragment F on Post { author { email } }", NULL, NULL,
     0},
    {"query ($s: Boolean!) { allTags(orderBy: name_DESC) { name @skip(if: $s) n: name } }",
     "{\"s\": true}", NULL, 0},
    {"query ($s: Boolean!) { allTags(orderBy: name_DESC) { name @skip(if: $s) n: name } }",
     "{\"s\": false}", NULL, 0},
    {"{ allTags { name @include(if: false) id @skip(if: true) __typename } }", NULL, NULL, 0},
    {"query A { __typename } query B { b: __typename }", NULL, "B", 0},
    {"query A { __typename } query B { b: __typename }", NULL, "A", 1},
    /* request errors: syntax, validation, operation selection, variables */
    {"{", NULL, NULL, 0},
    {"", NULL, NULL, 0},
    {"{ allPosts { nope } allUsers { id(x: 1) } }", NULL, NULL, 0},
    {"query A { __typename } query B { b: __typename }", NULL, NULL, 0},
    {"query A { __typename } query B { b: __typename }", NULL, "C", 0},
    {"query ($n: Int) { allPosts(first: $n) { id } }", "{\"n\": 1.5}", NULL, 0},
    {"query ($n: Int!) { allPosts(first: $n) { id } }", NULL, NULL, 0},
    {"subscription { Post { node { id } } }", NULL, NULL, 0},
    {"mutation { deletePost(id: \"x\") { id } }", NULL, NULL, 1},
    /* field errors */
    {"{ Post { id } x: __typename }", NULL, NULL, 0},
    {"{ u: allUsers { id } p: allPosts(first: 5000) { id } }", NULL, NULL, 0},
    {"{ allUsers(orderBy: email_ASC) { email posts(first: -1) { id } } }", NULL, NULL, 0},
    {"query ($id: ID) { Post(id: $id) { id } }", "{\"id\": null}", NULL, 0},
    {"mutation { a: updatePost(id: \"cnope\", title: \"x\") { id } }", NULL, NULL, 0},
    /* introspection and meta fields */
    {"{ __schema { queryType { name } } __type(name: \"Tag\") { kind fields { name } } }", NULL,
     NULL, 0},
    {"{ user { id } }", NULL, NULL, 0},
};
#define N_READS (sizeof reads / sizeof *reads)

/* Fills the database once: the reads above then see rows. */
static void seed(void)
{
    req("mutation { createPost(title: \"Hello\", slug: \"s1\", author: {email: \"b@x\", name: "
        "\"Bob\"}, tags: [{name: \"t1\"}, {name: \"t2\"}]) { id } }",
        NULL, NULL, false);
    req("mutation { createPost(title: \"World\", slug: \"s2\", author: {email: \"c@x\", name: "
        "\"Cy\"}) { id } }",
        NULL, NULL, false);
}

TEST(hit_equals_miss)
{
    seed();
    Diag d;
    diag_init(&d, &A);
    for (size_t i = 0; i < N_READS; i++) {
        const Case *c = &reads[i];
        /* a fresh worker: always a miss */
        Worker *fresh = worker_new(E, &d);
        CHECK(fresh);
        Arena fa;
        arena_init(&fa, 4096);
        ExecOutcome r0;
        const char *cold = run_on(fresh, &fa, c->query, c->vars, c->op, c->get, &r0);
        CHECK_EQ_INT(misses(fresh), 1);

        char *first = arena_strdup(&fa, req(c->query, c->vars, c->op, c->get));
        ExecOutcome r1 = R;
        unsigned long long h0 = hits(W);
        const char *second = req(c->query, c->vars, c->op, c->get);
        CHECK_EQ_INT(hits(W), h0 + 1); /* the second run hit */
        CHECK_EQ_STR(second, first);
        CHECK_EQ_STR(second, cold);
        CHECK_EQ_INT(R.request_error, r1.request_error);
        CHECK_EQ_INT(R.request_error, r0.request_error);
        CHECK_EQ_INT(R.method_not_allowed, r0.method_not_allowed);
        CHECK_EQ_INT(R.is_subscription, r0.is_subscription);
        arena_fini(&fa);
        worker_free(fresh);
    }
}

TEST(mutations_through_the_cache)
{
    /* the same mutation text twice: the second is a hit and still writes */
    const char *m = "mutation { createTag(name: \"dup\") { name } }";
    CHECK_EQ_STR(req(m, NULL, NULL, false), "{\"data\":{\"createTag\":{\"name\":\"dup\"}}}");
    unsigned long long h0 = hits(W);
    const char *r = req(m, NULL, NULL, false);
    CHECK_EQ_INT(hits(W), h0 + 1);
    CHECK_CONTAINS(r, "\"createTag\":null");
    CHECK_CONTAINS(r, "\"code\":3010"); /* unique constraint: the write really ran */
    const char *mv = "mutation ($n: String!) { createTag(name: $n) { name } }";
    CHECK_EQ_STR(req(mv, "{\"n\":\"v1\"}", NULL, false),
                 "{\"data\":{\"createTag\":{\"name\":\"v1\"}}}");
    CHECK_EQ_STR(req(mv, "{\"n\":\"v2\"}", NULL, false),
                 "{\"data\":{\"createTag\":{\"name\":\"v2\"}}}");
    CHECK_EQ_STR(req("{ _allTagsMeta(filter: {name_starts_with: \"v\"}) { count } }", NULL, NULL,
                     false),
                 "{\"data\":{\"_allTagsMeta\":{\"count\":2}}}");
}

TEST(data_changes_are_seen_by_cached_sql)
{
    const char *q = "{ _allTagsMeta { count } }";
    const char *before = arena_strdup(&A, req(q, NULL, NULL, false));
    char expect[64];
    int n = 0;
    CHECK(sscanf(before, "{\"data\":{\"_allTagsMeta\":{\"count\":%d", &n) == 1);
    req("mutation { createTag(name: \"fresh\") { id } }", NULL, NULL, false);
    snprintf(expect, sizeof expect, "{\"data\":{\"_allTagsMeta\":{\"count\":%d}}}", n + 1);
    CHECK_EQ_STR(req(q, NULL, NULL, false), expect);
}

/* A selection deeper than one statement holds: the compiled read has deferred fields,
 * which run (and may compile more) on the request arena, never growing the entry. */
TEST(deferred_fields_from_a_cached_plan)
{
    Buf b;
    buf_init(&b, &A, 4096);
    buf_puts(&b, "{ allPosts(orderBy: title_ASC) { title ");
    for (int i = 0; i < 30; i++) buf_puts(&b, "author { posts(orderBy: title_ASC) { title ");
    buf_puts(&b, "id");
    for (int i = 0; i < 30; i++) buf_puts(&b, " } }");
    buf_puts(&b, " } }");
    Arena a;
    arena_init(&a, 1 << 16);
    ExecOutcome r;
    Diag d;
    diag_init(&d, &a);
    Worker *fresh = worker_new(E, &d);
    CHECK(fresh);
    char *cold = arena_strdup(&a, run_on(fresh, &a, b.data, NULL, NULL, false, &r));
    CHECK(!strstr(cold, "\"errors\""));
    CHECK_CONTAINS(cold, "\"title\":\"Hello\"");
    size_t bytes = cache_bytes(fresh);
    for (int i = 0; i < 3; i++) {
        Arena ra;
        arena_init(&ra, 4096);
        unsigned long long st0 = fresh->conn->n_statements;
        CHECK_EQ_STR(run_on(fresh, &ra, b.data, NULL, NULL, false, &r), cold);
        CHECK(fresh->conn->n_statements - st0 > 1); /* deferred statements ran */
        arena_fini(&ra);
        if (i == 0) bytes = cache_bytes(fresh); /* after the lazy SQL compilation */
        CHECK_EQ_INT(cache_bytes(fresh), bytes);
    }
    CHECK_EQ_INT(hits(fresh), 3);
    worker_free(fresh);
    arena_fini(&a);
}

TEST(lru_eviction_and_bounds)
{
    Diag d;
    diag_init(&d, &A);
    Worker *w = worker_new(E, &d);
    CHECK(w);
    Arena a;
    arena_init(&a, 4096);
    ExecOutcome r;
    char q[64];
    const char *hot = "{ hot: __typename }";
    for (int i = 0; i < PLAN_MAX_ENTRIES + 100; i++) {
        arena_reset(&a);
        snprintf(q, sizeof q, "{ a%d: __typename }", i);
        char expect[64];
        snprintf(expect, sizeof expect, "{\"data\":{\"a%d\":\"Query\"}}", i);
        CHECK_EQ_STR(run_on(w, &a, q, NULL, NULL, false, &r), expect);
        /* touched every time: never the least recently used */
        CHECK_EQ_STR(run_on(w, &a, hot, NULL, NULL, false, &r),
                     "{\"data\":{\"hot\":\"Query\"}}");
        CHECK(entries(w) <= PLAN_MAX_ENTRIES);
        CHECK(cache_bytes(w) <= PLAN_MAX_BYTES);
    }
    /* full: one bound or the other was reached */
    CHECK(entries(w) == PLAN_MAX_ENTRIES || cache_bytes(w) > PLAN_MAX_BYTES - 64 * 1024);
    /* the oldest were evicted, the hot one and the newest were not */
    unsigned long long m0 = misses(w), h0 = hits(w);
    arena_reset(&a);
    run_on(w, &a, "{ a0: __typename }", NULL, NULL, false, &r);
    CHECK_EQ_INT(misses(w), m0 + 1);
    run_on(w, &a, hot, NULL, NULL, false, &r);
    snprintf(q, sizeof q, "{ a%d: __typename }", PLAN_MAX_ENTRIES + 99);
    run_on(w, &a, q, NULL, NULL, false, &r);
    CHECK_EQ_INT(hits(w), h0 + 2);
    arena_fini(&a);
    worker_free(w);
}

TEST(oversized_documents_are_not_kept)
{
    /* ~30 000 aliased fields: the entry passes PLAN_ENTRY_MAX */
    Buf b;
    buf_init(&b, &A, 1 << 20);
    buf_puts(&b, "{");
    for (int i = 0; i < 30000; i++) buf_printf(&b, " f%d: __typename", i);
    buf_puts(&b, " }");
    char *big = b.data;
    uint32_t n0 = entries(W);
    unsigned long long m0 = misses(W);
    Arena a;
    arena_init(&a, 1 << 16);
    ExecOutcome r;
    const char *out = run_on(W, &a, big, NULL, NULL, false, &r);
    CHECK_CONTAINS(out, "\"f29999\":\"Query\"}}");
    CHECK_EQ_INT(entries(W), n0);
    arena_reset(&a);
    out = run_on(W, &a, big, NULL, NULL, false, &r);
    CHECK_CONTAINS(out, "\"f0\":\"Query\",\"f1\":\"Query\"");
    CHECK_EQ_INT(misses(W), m0 + 2);
    /* the next request frees it; the cache still works */
    arena_reset(&a);
    CHECK_EQ_STR(run_on(W, &a, "{ __typename }", NULL, NULL, false, &r),
                 "{\"data\":{\"__typename\":\"Query\"}}");
    arena_fini(&a);
}

/* ---- concurrency: one worker per thread, as the server runs them ---- */

#define N_THREADS 4
#define N_ROUNDS 60

static const char *expected[N_READS];

typedef struct ThreadArg {
    int seed;
    int failures;
} ThreadArg;

static void *thread_main(void *p)
{
    ThreadArg *t = p;
    Arena da;
    arena_init(&da, 4096);
    Diag d;
    diag_init(&d, &da);
    Worker *w = worker_new(E, &d);
    if (!w) {
        t->failures++;
        arena_fini(&da);
        return NULL;
    }
    Arena a;
    arena_init(&a, 4096);
    ExecOutcome r;
    unsigned x = (unsigned)t->seed;
    for (int round = 0; round < N_ROUNDS; round++) {
        for (size_t k = 0; k < N_READS; k++) {
            x = x * 1103515245u + 12345u;
            size_t i = (x >> 8) % N_READS;
            arena_reset(&a);
            const Case *c = &reads[i];
            const char *out = run_on(w, &a, c->query, c->vars, c->op, c->get, &r);
            if (strcmp(out, expected[i]) != 0) t->failures++;
            /* churn: unique documents that push the shared ones out now and then */
            char q[64];
            snprintf(q, sizeof q, "{ t%d_%d_%zu: __typename }", t->seed, round, k);
            arena_reset(&a);
            run_on(w, &a, q, NULL, NULL, false, &r);
        }
    }
    arena_fini(&a);
    worker_free(w);
    arena_fini(&da);
    return NULL;
}

TEST(threads_with_their_own_caches)
{
    static Arena ea;
    arena_init(&ea, 4096);
    for (size_t i = 0; i < N_READS; i++) {
        const Case *c = &reads[i];
        expected[i] = arena_strdup(&ea, req(c->query, c->vars, c->op, c->get));
    }
    pthread_t th[N_THREADS];
    ThreadArg args[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        args[i] = (ThreadArg){.seed = i + 1};
        CHECK(pthread_create(&th[i], NULL, thread_main, &args[i]) == 0);
    }
    int failures = 0;
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(th[i], NULL);
        failures += args[i].failures;
    }
    CHECK_EQ_INT(failures, 0);
    arena_fini(&ea);
}

int main(void)
{
    char model_path[64], db_path[64], url[80];
    snprintf(model_path, sizeof model_path, "/tmp/relata-cache-%d.graphql", (int)getpid());
    snprintf(db_path, sizeof db_path, "/tmp/relata-cache-%d.db", (int)getpid());
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

    RUN(hit_equals_miss);
    RUN(mutations_through_the_cache);
    RUN(data_changes_are_seen_by_cached_sql);
    RUN(deferred_fields_from_a_cached_plan);
    RUN(lru_eviction_and_bounds);
    RUN(oversized_documents_are_not_kept);
    RUN(threads_with_their_own_caches);

    worker_free(W);
    engine_free(E);
    arena_fini(&A);
    arena_fini(&da);
    unlink(model_path);
    unlink(db_path);
    char wal[96];
    snprintf(wal, sizeof wal, "%s-wal", db_path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", db_path);
    unlink(wal);
    return test_summary();
}
