/* open_test.c - store_open: tables per the layout in store.h, the recorded model,
 * reopening with the same model (data kept) and refusing a different one. */
#include "test.h"

#include "store/plan_fixture.h"

static const char src1[] =
    "type Note @model {\n  id: ID! @isUnique\n  title: String! @isUnique\n  n: Int\n"
    "  tags: [String!]\n  owner: Owner @relation(name: \"NoteOwner\")\n}\n"
    "type Owner @model {\n  id: ID! @isUnique\n  notes: [Note!]! @relation(name: "
    "\"NoteOwner\")\n}\n";
static const char src2[] =
    "type Note @model {\n  id: ID! @isUnique\n  title: String! @isUnique\n  n: Float\n"
    "  tags: [String!]\n  owner: Owner @relation(name: \"NoteOwner\")\n}\n"
    "type Owner @model {\n  id: ID! @isUnique\n  notes: [Note!]! @relation(name: "
    "\"NoteOwner\")\n}\n";

static Arena da;
static Diag d;
static const char *path;

static DataModel *load(const char *src)
{
    DataModel *dm = model_load(src, strlen(src), "t.graphql", &d);
    if (!dm) {
        fprintf(stderr, "model_load: %s\n", d.count ? d.items[0].message : "?");
        exit(1);
    }
    return dm;
}

static int exec_rc(StoreConn *c, const char *sql)
{
    return sqlite3_exec(c->db, sql, NULL, NULL, NULL);
}

TEST(create_and_reopen)
{
    DataModel *dm = load(src1);
    Schema *s = schema_build(dm);
    char url[300];
    snprintf(url, sizeof url, "sqlite:%s", path);
    Store *st = store_open(dm, s, url, &d);
    CHECK(st);
    StoreConn *c = store_connect(st, &d);
    CHECK(c);
    CHECK_EQ_INT(exec_rc(c, "INSERT INTO \"Note\" (id, createdAt, updatedAt, title, n) VALUES "
                            "('n1', 'x', 'x', 'Hello', 1)"),
                 SQLITE_OK);
    /* @isUnique on a String is case-insensitive */
    CHECK_EQ_INT(exec_rc(c, "INSERT INTO \"Note\" (id, createdAt, updatedAt, title) VALUES "
                            "('n2', 'x', 'x', 'HELLO')") &
                     0xff,
                 SQLITE_CONSTRAINT);
    /* the to-one side A (Note.owner) is unique in the relation table */
    CHECK_EQ_INT(exec_rc(c, "INSERT INTO \"_NoteOwner\" (A, B) VALUES ('n1', 'o1')"), SQLITE_OK);
    CHECK_EQ_INT(exec_rc(c, "INSERT INTO \"_NoteOwner\" (A, B) VALUES ('n1', 'o2')") & 0xff,
                 SQLITE_CONSTRAINT);
    sqlite3_stmt *q;
    CHECK_EQ_INT(sqlite3_prepare_v2(c->db, "SELECT value FROM _relata_meta WHERE key = 'version'",
                                    -1, &q, NULL),
                 SQLITE_OK);
    CHECK_EQ_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_EQ_STR((const char *)sqlite3_column_text(q, 0), "1");
    sqlite3_finalize(q);
    CHECK_EQ_INT(sqlite3_prepare_v2(c->db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    CHECK_EQ_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_EQ_STR((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    store_disconnect(c);
    store_close(st);

    /* same model, plain path: the data is still there */
    st = store_open(dm, s, path, &d);
    CHECK(st);
    c = store_connect(st, &d);
    Arena a;
    arena_init(&a, 4096);
    const char *out = pf_run(c, &a, s, "{ allNotes { id title n owner { id } } }");
    CHECK_EQ_STR(out, "[{\"id\":\"n1\",\"title\":\"Hello\",\"n\":1,\"owner\":null}]");
    arena_fini(&a);
    store_disconnect(c);
    store_close(st);
    schema_free(s);
    model_free(dm);
    CHECK_EQ_INT(d.count, 0);
}

TEST(different_model_is_refused)
{
    DataModel *dm = load(src2);
    Schema *s = schema_build(dm);
    Store *st = store_open(dm, s, path, &d);
    CHECK(!st);
    CHECK_EQ_INT(d.count, 1);
    CHECK_EQ_STR(d.items[0].id, "STORE-MODEL-CHANGED");
    CHECK(strstr(d.items[0].message,
                 "the database holds a different model; migrations are not supported yet"));
    schema_free(s);
    model_free(dm);
}

TEST(bad_url)
{
    Diag d2;
    diag_init(&d2, &da);
    DataModel *dm = load(src1);
    CHECK(!store_open(dm, NULL, "sqlite:/nonexistent-dir/x/y.db", &d2));
    CHECK_EQ_INT(d2.count, 1);
    CHECK(!store_open(dm, NULL, "postgres://localhost/x", &d2));
    CHECK_EQ_INT(d2.count, 2);
    model_free(dm);
}

TEST(transactions)
{
    DataModel *dm = load(src1);
    Store *st = store_open(dm, NULL, path, &d);
    CHECK(st);
    StoreConn *c = store_connect(st, &d);
    CHECK(store_begin(c));
    CHECK_EQ_INT(
        exec_rc(c, "INSERT INTO \"Owner\" (id, createdAt, updatedAt) VALUES ('o9','x','x')"),
        SQLITE_OK);
    store_rollback(c);
    CHECK(store_begin(c));
    CHECK_EQ_INT(
        exec_rc(c, "INSERT INTO \"Owner\" (id, createdAt, updatedAt) VALUES ('o8','x','x')"),
        SQLITE_OK);
    CHECK(store_commit(c));
    sqlite3_stmt *q = store_prepare(c, "SELECT group_concat(id) FROM \"Owner\"");
    CHECK(q);
    CHECK_EQ_INT(sqlite3_step(q), SQLITE_ROW);
    CHECK_EQ_STR((const char *)sqlite3_column_text(q, 0), "o8");
    sqlite3_reset(q);
    /* the cache hands back the same statement for the same text */
    CHECK(store_prepare(c, "SELECT group_concat(id) FROM \"Owner\"") == q);
    store_disconnect(c);
    store_close(st);
    model_free(dm);
}

int main(void)
{
    arena_init(&da, 4096);
    diag_init(&d, &da);
    path = pf_tmp_db("open");
    RUN(create_and_reopen);
    RUN(different_model_is_refused);
    RUN(bad_url);
    RUN(transactions);
    arena_fini(&da);
    return test_summary();
}
