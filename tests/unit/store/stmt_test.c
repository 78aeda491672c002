/* stmt_test.c - the statement interface of store/stmt.h on SQLite and, when the
 * environment names a server (RELATA_TEST_PG=postgres://...), on PostgreSQL in a schema
 * of its own: the same SQL text, binds, rows, NULLs, the unique-violation kind with the
 * model and field it names, transactions; and the `?` -> `$N` rewriting. */
#include "test.h"

#include "store/pg.h"
#include <unistd.h>

#include "model/model.h"
#include "store/stmt.h"

static const char src[] = "type Note @model {\n  id: ID! @isUnique\n  title: String! @isUnique\n"
                          "  n: Int\n  x: Float\n  ok: Boolean\n}\n";

static Arena da;
static Diag d;

TEST(rewrite)
{
    Arena a;
    arena_init(&a, 1024);
    Buf b;
    buf_init(&b, &a, 64);
    int n = pg_rewrite(&b, "SELECT ?2, '?x''?', \"a?\", ?, ?1 WHERE y = $3");
    CHECK_EQ_STR(b.data, "SELECT $2, '?x''?', \"a?\", $1, $1 WHERE y = $3");
    CHECK_EQ_INT(n, 3);
    arena_fini(&a);
}

/* The same calls on either engine. */
static void exercise(const char *url)
{
    DataModel *dm = model_load(src, strlen(src), "t.graphql", &d);
    CHECK(dm);
    Store *st = store_open(dm, NULL, url, &d);
    if (!st) fprintf(stderr, "store_open: %s\n", d.count ? d.items[d.count - 1].message : "?");
    CHECK(st);
    StoreConn *c = store_connect(st, &d);
    CHECK(c);

    CHECK(store_begin(c));
    CHECK(store_in_tx(c));
    const char *ins =
        "INSERT INTO \"Note\" (\"id\", \"createdAt\", \"updatedAt\", \"title\", \"n\", "
        "\"x\", \"ok\") VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)";
    StoreStmt *s = store_stmt(c, ins);
    CHECK(s);
    char title[] = "Hello, world"; /* bound as a slice: "Hello" */
    store_bind_text(s, 1, "n1", 2);
    store_bind_text(s, 2, "2020-01-01T00:00:00.000Z", 24);
    store_bind_text(s, 3, title, 5);
    store_bind_int(s, 4, -7);
    store_bind_double(s, 5, 0.1 + 0.2);
    store_bind_int(s, 6, 1);
    CHECK_EQ_INT(store_step(s), STORE_DONE);
    store_stmt_done(s);
    /* @isUnique strings are unique ASCII-case-insensitively; the error names the field */
    s = store_stmt(c, ins);
    store_bind_text(s, 1, "n2", 2);
    store_bind_text(s, 2, "2020-01-01T00:00:00.000Z", 24);
    store_bind_text(s, 3, "HELLO", 5);
    store_bind_null(s, 4);
    store_bind_null(s, 5);
    store_bind_null(s, 6);
    CHECK_EQ_INT(store_step(s), STORE_ERROR);
    CHECK_EQ_INT(store_errkind(c), STORE_ERR_UNIQUE);
    const char *model, *field;
    store_unique_where(c, &model, &field);
    CHECK_EQ_STR(model, "Note");
    CHECK_EQ_STR(field, "title");
    store_stmt_done(s);
    store_rollback(c);
    CHECK(!store_in_tx(c));

    /* rolled back: a fresh insert of both works, then read them in order */
    for (int i = 0; i < 2; i++) {
        s = store_stmt(c, ins);
        store_bind_text(s, 1, i ? "n2" : "n1", 2);
        store_bind_text(s, 2, "2020-01-01T00:00:00.000Z", 24);
        store_bind_text(s, 3, i ? "Second" : "First", i ? 6 : 5);
        store_bind_int(s, 4, i ? 2 : -7);
        if (i)
            store_bind_null(s, 5);
        else
            store_bind_double(s, 5, 0.1 + 0.2);
        store_bind_int(s, 6, i);
        CHECK_EQ_INT(store_step(s), STORE_DONE);
        store_stmt_done(s);
    }
    s = store_stmt(c,
                   "SELECT \"id\", \"title\", \"n\", \"x\", \"ok\" FROM \"Note\" WHERE \"id\" <> ? "
                   "ORDER BY \"id\"");
    CHECK(s);
    store_bind_text(s, 1, "zz", 2);
    CHECK_EQ_INT(store_step(s), STORE_ROW);
    CHECK_EQ_STR(store_col_text(s, 0), "n1");
    CHECK_EQ_STR(store_col_text(s, 1), "First");
    CHECK_EQ_INT((int)store_col_int(s, 2), -7);
    CHECK(store_col_double(s, 3) == 0.1 + 0.2);
    CHECK_EQ_INT((int)store_col_int(s, 4), 0);
    CHECK_EQ_INT(store_step(s), STORE_ROW);
    CHECK_EQ_STR(store_col_text(s, 0), "n2");
    CHECK_EQ_INT((int)store_col_bytes(s, 1), 6);
    CHECK(store_col_null(s, 3));
    CHECK(store_col_text(s, 3) == NULL);
    CHECK_EQ_INT((int)store_col_int(s, 4), 1);
    CHECK_EQ_INT(store_step(s), STORE_DONE);
    store_stmt_done(s);
    /* ON CONFLICT ... DO NOTHING is accepted by both */
    s = store_stmt(c, "INSERT INTO \"Note\" (\"id\", \"createdAt\", \"updatedAt\", \"title\") "
                      "VALUES (?, 'x', 'x', 'third') ON CONFLICT (\"id\") DO NOTHING");
    store_bind_text(s, 1, "n1", 2);
    CHECK_EQ_INT(store_step(s), STORE_DONE);
    store_stmt_done(s);
    /* a statement left unfinished is reclaimed by the next transaction */
    s = store_stmt(c, "SELECT \"id\" FROM \"Note\"");
    CHECK_EQ_INT(store_step(s), STORE_ROW);
    CHECK(store_begin(c));
    CHECK(store_commit(c));
    /* a broken statement reports an error rather than crashing */
    CHECK(!store_stmt(c, "SELECT nonsense FROM nowhere"));
    store_disconnect(c);
    store_close(st);
    model_free(dm);
}

TEST(sqlite)
{
    char path[256], url[300];
    snprintf(path, sizeof path, "/tmp/relata-store-stmt-%d.db", (int)getpid());
    snprintf(url, sizeof url, "sqlite:%s", path);
    exercise(url);
    unlink(path);
    snprintf(url, sizeof url, "%s-wal", path);
    unlink(url);
    snprintf(url, sizeof url, "%s-shm", path);
    unlink(url);
}

TEST(postgres)
{
    const char *url = getenv("RELATA_TEST_PG");
    if (!url || !*url) {
        fprintf(stderr, "stmt_test: RELATA_TEST_PG not set, PostgreSQL part skipped\n");
        return;
    }
    char schema[64];
    snprintf(schema, sizeof schema, "unit_stmt_%d", (int)getpid());
    store_set_pg_schema(schema);
    exercise(url);
    /* drop the schema again */
    PGconn *conn = PQconnectdb(url);
    char sql[128];
    snprintf(sql, sizeof sql, "SET client_min_messages TO warning; DROP SCHEMA \"%s\" CASCADE",
             schema);
    PGresult *r = PQexec(conn, sql);
    CHECK_EQ_INT(PQresultStatus(r), PGRES_COMMAND_OK);
    PQclear(r);
    PQfinish(conn);
    store_set_pg_schema(NULL);
}

int main(void)
{
    arena_init(&da, 4096);
    diag_init(&d, &da);
    RUN(rewrite);
    RUN(sqlite);
    RUN(postgres);
    arena_fini(&da);
    return test_summary();
}
