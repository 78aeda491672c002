/* hub_test.c - the subscription pipeline without sockets: plans from subscription
 * documents (exec_sub_prepare), grouping in the hub, the matching rules of
 * SIMPLE-API.md §6.3, and events from real mutations (exec_request on a temporary
 * SQLite database) reaching a recording SubPushFn - after commit, never after a
 * rollback, with one SQL statement per event and distinct `node` filter. */
#include <unistd.h>

#include "exec/internal.h"
#include "sub/internal.h"
#include "test.h"

static const char model_src[] = "type User @model {\n"
                                "  id: ID! @isUnique\n"
                                "  name: String!\n"
                                "  posts: [Post!]! @relation(name: \"UserPosts\")\n"
                                "}\n"
                                "type Post @model {\n"
                                "  id: ID! @isUnique\n"
                                "  title: String!\n"
                                "  slug: String @isUnique\n"
                                "  views: Int\n"
                                "  author: User @relation(name: \"UserPosts\")\n"
                                "}\n";

static Engine *engine;
static Worker *worker;
static char model_path[64], db_path[80];

/* ---- recording connection ---- */

#define MAX_MSGS 256
static char *msgs[MAX_MSGS];
static int n_msgs;

static void record(void *conn, uint64_t serial, const char *prefix, size_t prefix_len,
                   SubBlob *payload)
{
    (void)conn;
    (void)serial;
    if (n_msgs == MAX_MSGS) return;
    char *m = malloc(prefix_len + payload->len + 2);
    memcpy(m, prefix, prefix_len);
    memcpy(m + prefix_len, payload->data, payload->len);
    strcpy(m + prefix_len + payload->len, "}");
    msgs[n_msgs++] = m;
}

static void clear_msgs(void)
{
    for (int i = 0; i < n_msgs; i++) free(msgs[i]);
    n_msgs = 0;
}

/* Subscribes `query` (variables as JSON text or NULL) as id `id`. */
static Subscriber *sub(const char *id, const char *query, const char *vars)
{
    Arena *pa = xmalloc(sizeof *pa);
    arena_init(pa, 4096);
    json_t *v = vars ? json_loads(vars, 0, NULL) : NULL;
    ExecRequest req = {.query = str_from(query), .variables = v};
    SubPlan plan;
    const char *msg = NULL;
    bool ok = exec_sub_prepare(engine, pa, &req, &plan, &msg);
    json_decref(v);
    if (!ok) {
        fprintf(stderr, "prepare failed: %s\n", msg);
        arena_fini(pa);
        free(pa);
        return NULL;
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "{\"id\":\"%s\",\"payload\":", id);
    Subscriber *s = hub_subscribe(pa, &plan, record, NULL, 1, prefix, strlen(prefix), &msg);
    if (!s) fprintf(stderr, "subscribe failed: %s\n", msg);
    return s;
}

/* Runs a request; returns the response text (static buffer). */
static const char *run(const char *query)
{
    static char out[4096];
    Arena a;
    arena_init(&a, 8192);
    Buf b;
    buf_init(&b, &a, 1024);
    ExecRequest req = {.query = str_from(query)};
    ExecOutcome res;
    exec_request(worker, &a, &req, &b, &res);
    snprintf(out, sizeof out, "%s", b.data);
    arena_fini(&a);
    return out;
}

static unsigned groups(void)
{
    unsigned g, s;
    hub_counts(&g, &s);
    return g;
}

/* ---- prepare errors ---- */

TEST(prepare_errors)
{
    Arena a;
    arena_init(&a, 4096);
    SubPlan p;
    const char *msg;
    ExecRequest r = {.query = str_from("subscription { Post( }")};
    CHECK(!exec_sub_prepare(engine, &a, &r, &p, &msg));
    CHECK_EQ_STR(msg, "the GraphQL Query was not valid");
    r.query = str_from("subscription { Post { mutation } User { mutation } }");
    CHECK(!exec_sub_prepare(engine, &a, &r, &p, &msg));
    CHECK_EQ_STR(msg, "Anonymous Subscription must select only one top level field.");
    r.query = str_from("{ allPosts { id } }");
    CHECK(!exec_sub_prepare(engine, &a, &r, &p, &msg));
    r.query = str_from("subscription { __typename }");
    CHECK(!exec_sub_prepare(engine, &a, &r, &p, &msg));
    r.query = str_from("subscription S { p: Post(filter: {mutation_in: [CREATED]}) { mutation } }");
    CHECK(exec_sub_prepare(engine, &a, &r, &p, &msg));
    CHECK_EQ_STR(p.model->name, "Post");
    CHECK(p.filter != NULL);
    CHECK(str_eqz(p.root->key, "p"));
    arena_fini(&a);
}

/* ---- matching rules without a database ---- */

static int static_match(const char *filter, SubKind k, const char *const *upd, uint32_t n)
{
    Arena a;
    arena_init(&a, 4096);
    char q[512];
    snprintf(q, sizeof q, "subscription { Post(filter: %s) { mutation } }", filter);
    ExecRequest r = {.query = str_from(q)};
    SubPlan p;
    const char *msg;
    int res = -2;
    if (exec_sub_prepare(engine, &a, &r, &p, &msg))
        res = sub_match_static(p.filter, k, upd, n);
    else
        fprintf(stderr, "%s: %s\n", filter, msg);
    arena_fini(&a);
    return res;
}

TEST(match_rules)
{
    const char *tv[] = {"title", "views"};
    const char *slug[] = {"slug"};
    /* rule 1: mutation_in values anywhere, none = all */
    CHECK_EQ_INT(static_match("{mutation_in: [CREATED]}", SUB_CREATED, NULL, 0), 1);
    CHECK_EQ_INT(static_match("{mutation_in: [CREATED]}", SUB_UPDATED, tv, 2), 0);
    CHECK_EQ_INT(static_match("{OR: [{mutation_in: [DELETED]}, {mutation_in: []}]}", SUB_CREATED, NULL, 0), 0);
    CHECK_EQ_INT(static_match("{mutation_in: []}", SUB_DELETED, NULL, 0), 1);
    CHECK_EQ_INT(static_match("{mutation_in: []}", SUB_CREATED, NULL, 0), 0);
    /* rule 2: updatedFields keys rule out CREATED and DELETED */
    CHECK_EQ_INT(static_match("{OR: [{mutation_in: [CREATED]}, {updatedFields_contains: \"x\"}]}", SUB_CREATED, NULL, 0), 0);
    CHECK_EQ_INT(static_match("{updatedFields_contains_some: []}", SUB_DELETED, NULL, 0), 0);
    /* rule 3: DELETED skips the rest, node included */
    CHECK_EQ_INT(static_match("{node: {title: \"never\"}}", SUB_DELETED, NULL, 0), 1);
    /* rule 4 */
    CHECK_EQ_INT(static_match("{updatedFields_contains: \"views\"}", SUB_UPDATED, tv, 2), 1);
    CHECK_EQ_INT(static_match("{updatedFields_contains: \"views\"}", SUB_UPDATED, slug, 1), 0);
    CHECK_EQ_INT(static_match("{updatedFields_contains_every: [\"views\", \"title\"]}", SUB_UPDATED, tv, 2), 1);
    CHECK_EQ_INT(static_match("{updatedFields_contains_every: [\"views\", \"slug\"]}", SUB_UPDATED, tv, 2), 0);
    CHECK_EQ_INT(static_match("{updatedFields_contains_every: []}", SUB_UPDATED, tv, 2), 1);
    CHECK_EQ_INT(static_match("{updatedFields_contains_some: [\"slug\", \"views\"]}", SUB_UPDATED, tv, 2), 1);
    CHECK_EQ_INT(static_match("{updatedFields_contains_some: []}", SUB_UPDATED, tv, 2), 0);
    CHECK_EQ_INT(static_match("{AND: [{updatedFields_contains: \"title\"}, {updatedFields_contains: \"slug\"}]}", SUB_UPDATED, tv, 2), 0);
    CHECK_EQ_INT(static_match("{OR: [{updatedFields_contains: \"slug\"}, {updatedFields_contains: \"title\"}]}", SUB_UPDATED, tv, 2), 1);
    CHECK_EQ_INT(static_match("{AND: [], OR: []}", SUB_CREATED, NULL, 0), 1);
    /* node conditions are left to SQL unless the rest decides */
    CHECK_EQ_INT(static_match("{node: {title: \"a\"}}", SUB_CREATED, NULL, 0), -1);
    CHECK_EQ_INT(static_match("{OR: [{mutation_in: [CREATED]}, {node: {title: \"a\"}}]}", SUB_CREATED, NULL, 0), 1);
    CHECK_EQ_INT(static_match("{AND: [{updatedFields_contains: \"slug\"}, {node: {title: \"a\"}}]}", SUB_UPDATED, tv, 2), 0);
}

/* ---- grouping ---- */

TEST(grouping)
{
    unsigned g0 = groups();
    Subscriber *a = sub("a", "subscription { Post(filter: {node: {title: \"x\"}}) { mutation node { title } } }", NULL);
    Subscriber *b = sub("b", "subscription S($t: String) {\n  Post(filter: {node: {title: $t}}) {\n    mutation ...N } }\n"
                             "fragment N on PostSubscriptionPayload { node { title } }", "{\"t\": \"x\"}");
    CHECK(a && b);
    CHECK_EQ_INT(groups(), g0 + 1);
    Subscriber *c = sub("c", "subscription { Post(filter: {node: {title: \"y\"}}) { mutation node { title } } }", NULL);
    Subscriber *d = sub("d", "subscription { Post(filter: {node: {title: \"x\"}}) { mutation } }", NULL);
    Subscriber *e = sub("e", "subscription { P: Post(filter: {node: {title: \"x\"}}) { mutation node { title } } }", NULL);
    CHECK(c && d && e);
    CHECK_EQ_INT(groups(), g0 + 4);
    hub_unsubscribe(a);
    CHECK_EQ_INT(groups(), g0 + 4);
    hub_unsubscribe(b);
    CHECK_EQ_INT(groups(), g0 + 3);
    hub_unsubscribe(c);
    hub_unsubscribe(d);
    hub_unsubscribe(e);
    CHECK_EQ_INT(groups(), g0);
}

TEST(refused_filter)
{
    Arena *pa = xmalloc(sizeof *pa);
    arena_init(pa, 4096);
    ExecRequest req = {.query = str_from("subscription { User(filter: {node: {posts_some: null}}) { mutation } }")};
    SubPlan plan;
    const char *msg = NULL;
    CHECK(exec_sub_prepare(engine, pa, &req, &plan, &msg));
    CHECK(hub_subscribe(pa, &plan, record, NULL, 1, "", 0, &msg) == NULL);
    CHECK_CONTAINS(msg, "toMany relation");
}

/* ---- events from mutations ---- */

TEST(events_after_commit)
{
    clear_msgs();
    Subscriber *s = sub("s", "subscription { Post { mutation node { title author { name } } updatedFields previousValues { title views } } }", NULL);
    CHECK(s);
    const char *u = run("mutation { createUser(name: \"Ann\", posts: [{title: \"p1\"}]) { id posts { id } } }");
    CHECK_EQ_INT(n_msgs, 1);
    CHECK_EQ_STR(msgs[0], "{\"id\":\"s\",\"payload\":{\"data\":{\"Post\":{\"mutation\":\"CREATED\",\"node\":{\"title\":\"p1\",\"author\":{\"name\":\"Ann\"}},\"updatedFields\":null,\"previousValues\":null}}}}");
    const char *p = strstr(u, "\"posts\":[{\"id\":\"");
    CHECK(p);
    char pid[26];
    snprintf(pid, sizeof pid, "%.25s", p + 16);
    char q[256];
    snprintf(q, sizeof q, "mutation { updatePost(id: \"%s\", views: 3, title: \"p2\") { id } }", pid);
    run(q);
    CHECK_EQ_INT(n_msgs, 2);
    CHECK_EQ_STR(msgs[1], "{\"id\":\"s\",\"payload\":{\"data\":{\"Post\":{\"mutation\":\"UPDATED\",\"node\":{\"title\":\"p2\",\"author\":{\"name\":\"Ann\"}},\"updatedFields\":[\"title\",\"views\"],\"previousValues\":{\"title\":\"p1\",\"views\":null}}}}}");
    /* relation-only update: nothing */
    snprintf(q, sizeof q, "mutation { updatePost(id: \"%s\", authorId: null) { id } }", pid);
    run(q);
    CHECK_EQ_INT(n_msgs, 2);
    /* rolled back (duplicate slug in the second create): nothing */
    CHECK_CONTAINS(run("mutation { createUser(name: \"R\", posts: [{title: \"r1\", slug: \"d\"}, {title: \"r2\", slug: \"d\"}]) { id } }"), "3010");
    CHECK_EQ_INT(n_msgs, 2);
    snprintf(q, sizeof q, "mutation { deletePost(id: \"%s\") { id } }", pid);
    run(q);
    CHECK_EQ_INT(n_msgs, 3);
    CHECK_EQ_STR(msgs[2], "{\"id\":\"s\",\"payload\":{\"data\":{\"Post\":{\"mutation\":\"DELETED\",\"node\":null,\"updatedFields\":null,\"previousValues\":{\"title\":\"p2\",\"views\":3}}}}}");
    hub_unsubscribe(s);
    run("mutation { createPost(title: \"gone\") { id } }");
    CHECK_EQ_INT(n_msgs, 3);
    clear_msgs();
}

/* Matching is batched: one statement per event and distinct `node` filter, however
 * many groups share it; filters without `node` cost none. */
TEST(one_statement_per_distinct_filter)
{
    clear_msgs();
    Subscriber *base = sub("b", "subscription { Post(filter: {mutation_in: [CREATED]}) { mutation } }", NULL);
    CHECK(base);
    unsigned long long n0 = worker->conn->n_statements;
    run("mutation { createPost(title: \"x\") { id } }");
    unsigned long long plain = worker->conn->n_statements - n0;
    CHECK_EQ_INT(n_msgs, 1);

    Subscriber *s[4] = {
        sub("x1", "subscription { Post(filter: {node: {title: \"x\"}}) { mutation } }", NULL),
        sub("x2", "subscription { Post(filter: {node: {title: \"x\"}}) { m: mutation } }", NULL),
        sub("x3", "subscription { Post(filter: {node: {title: \"x\"}}) { mutation updatedFields } }", NULL),
        sub("y", "subscription { Post(filter: {node: {title: \"y\"}}) { mutation } }", NULL),
    };
    for (int i = 0; i < 4; i++) CHECK(s[i]);
    n0 = worker->conn->n_statements;
    run("mutation { createPost(title: \"x\") { id } }");
    CHECK_EQ_INT(worker->conn->n_statements - n0, plain + 2);
    CHECK_EQ_INT(n_msgs, 1 + 4); /* base, x1, x2, x3 */
    for (int i = 0; i < 4; i++) hub_unsubscribe(s[i]);
    hub_unsubscribe(base);
    clear_msgs();
}

/* Relation filters deeper than one SQL statement may nest become id-set statements of
 * their own (sql/filter.c); matching runs those first. */
TEST(deep_relation_filter)
{
    clear_msgs();
    Subscriber *s = sub("deep", "subscription { Post(filter: {node: {author: {posts_some: {author: "
                                "{posts_some: {author: {posts_some: {author: {name: \"Deep\"}}}}}}}}}) "
                                "{ node { title } } }", NULL);
    CHECK(s);
    run("mutation { createUser(name: \"Shallow\", posts: [{title: \"no\"}]) { id } }");
    CHECK_EQ_INT(n_msgs, 0);
    run("mutation { createUser(name: \"Deep\", posts: [{title: \"yes\"}]) { id } }");
    CHECK_EQ_INT(n_msgs, 1);
    CHECK_CONTAINS(msgs[0], "\"title\":\"yes\"");
    hub_unsubscribe(s);
    clear_msgs();
}

int main(void)
{
    snprintf(model_path, sizeof model_path, "/tmp/relata-sub-XXXXXX");
    int fd = mkstemp(model_path);
    if (fd < 0 || write(fd, model_src, sizeof model_src - 1) != (ssize_t)(sizeof model_src - 1)) return 2;
    close(fd);
    snprintf(db_path, sizeof db_path, "%s.db", model_path);
    Arena da;
    arena_init(&da, 4096);
    Diag d;
    diag_init(&d, &da);
    char url[96];
    snprintf(url, sizeof url, "sqlite:%s", db_path);
    EngineOptions o = {.db_url = url};
    engine = engine_new(model_path, &o, &d);
    if (!engine) {
        for (uint32_t i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].message);
        return 2;
    }
    worker = worker_new(engine, &d);
    hub_start(engine);

    RUN(prepare_errors);
    RUN(match_rules);
    RUN(grouping);
    RUN(refused_filter);
    RUN(events_after_commit);
    RUN(one_statement_per_distinct_filter);
    RUN(deep_relation_filter);

    hub_stop();
    worker_free(worker);
    engine_free(engine);
    arena_fini(&da);
    unlink(model_path);
    unlink(db_path);
    return test_summary();
}
