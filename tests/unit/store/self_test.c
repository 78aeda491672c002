/* self_test.c - single-field self-relations (symmetric: both columns are read) as
 * fields and in filters, and a to-one single-field self-relation. */
#include "test.h"

#include "store/plan_fixture.h"

static const char src[] = "type Person @model {\n"
                          "  id: ID! @isUnique\n  name: String!\n"
                          "  friends: [Person!]! @relation(name: \"Friends\")\n"
                          "  spouse: Person @relation(name: \"Marriage\")\n}\n";

/* Edges are stored once with A < B. */
static const char rows[] = "INSERT INTO \"Person\" (id, createdAt, updatedAt, name) VALUES"
                           " ('a', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'A'),"
                           " ('b', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'B'),"
                           " ('c', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'C'),"
                           " ('d', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 'D');"
                           "INSERT INTO \"_Friends\" (A, B) VALUES ('a','b'), ('a','c'), ('c','d');"
                           "INSERT INTO \"_Marriage\" (A, B) VALUES ('b','d');";

static Schema *schema;
static StoreConn *conn;
static Arena arena;

static const char *q(const char *query)
{
    return pf_run(conn, &arena, schema, query);
}

TEST(fields_read_both_directions)
{
    CHECK_EQ_STR(q("{ allPersons { id friends { id } spouse { id } } }"),
                 "[{\"id\":\"a\",\"friends\":[{\"id\":\"b\"},{\"id\":\"c\"}],\"spouse\":null},"
                 "{\"id\":\"b\",\"friends\":[{\"id\":\"a\"}],\"spouse\":{\"id\":\"d\"}},"
                 "{\"id\":\"c\",\"friends\":[{\"id\":\"a\"},{\"id\":\"d\"}],\"spouse\":null},"
                 "{\"id\":\"d\",\"friends\":[{\"id\":\"c\"}],\"spouse\":{\"id\":\"b\"}}]");
    CHECK_EQ_STR(q("{ Person(id: \"c\") { friends(orderBy: name_DESC, first: 1) { name } "
                   "_friendsMeta { count } } }"),
                 "{\"friends\":[{\"name\":\"D\"}],\"_friendsMeta\":{\"count\":2}}");
}

TEST(filters_read_both_directions)
{
    CHECK_EQ_STR(q("{ allPersons(filter: {friends_some: {name: \"d\"}}) { id } }"),
                 "[{\"id\":\"c\"}]");
    CHECK_EQ_STR(q("{ allPersons(filter: {friends_some: {name: \"a\"}}) { id } }"),
                 "[{\"id\":\"b\"},{\"id\":\"c\"}]");
    CHECK_EQ_STR(q("{ allPersons(filter: {friends_every: {name_in: [\"A\", \"D\"]}}) { id } }"),
                 "[{\"id\":\"b\"},{\"id\":\"c\"}]");
    CHECK_EQ_STR(q("{ allPersons(filter: {friends_none: {name: \"C\"}}) { id } }"),
                 "[{\"id\":\"b\"},{\"id\":\"c\"}]");
    CHECK_EQ_STR(q("{ allPersons(filter: {spouse: null}) { id } }"),
                 "[{\"id\":\"a\"},{\"id\":\"c\"}]");
    CHECK_EQ_STR(q("{ allPersons(filter: {spouse: {name: \"B\"}}) { id } }"), "[{\"id\":\"d\"}]");
}

int main(void)
{
    Arena da;
    arena_init(&da, 4096);
    Diag d;
    diag_init(&d, &da);
    DataModel *dm = model_load(src, strlen(src), "self.graphql", &d);
    if (!dm) {
        fprintf(stderr, "model_load: %s\n", d.count ? d.items[0].message : "?");
        return 1;
    }
    schema = schema_build(dm);
    Store *store = store_open(dm, schema, pf_tmp_db("self"), &d);
    if (!store) return 1;
    conn = store_connect(store, &d);
    if (sqlite3_exec(conn->db, rows, NULL, NULL, NULL) != SQLITE_OK) return 1;
    arena_init(&arena, 1 << 16);
    RUN(fields_read_both_directions);
    RUN(filters_read_both_directions);
    store_disconnect(conn);
    store_close(store);
    schema_free(schema);
    model_free(dm);
    arena_fini(&arena);
    arena_fini(&da);
    return test_summary();
}
