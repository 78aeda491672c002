/* ddl.c - CREATE statements for a model, following the storage layout in store.h. */
#include <stdio.h>

#include "sql/dialect.h"
#include "store/internal.h"

static const char *column_type(const ModelField *f)
{
    if (f->is_list) return "TEXT"; /* a JSON array */
    switch (f->scalar) {
    case SCALAR_STRING:
    case SCALAR_ENUM:
    case SCALAR_JSON:
        return "TEXT COLLATE NOCASE";
    case SCALAR_INT:
    case SCALAR_BOOLEAN:
        return "INTEGER";
    case SCALAR_FLOAT:
        return "REAL";
    case SCALAR_ID:
    case SCALAR_DATETIME:
    default:
        return "TEXT";
    }
}

static void model_ddl(Buf *b, const Model *m)
{
    buf_puts(b, "CREATE TABLE ");
    sql_ident(b, m->name);
    buf_puts(b, " (\"id\" TEXT NOT NULL PRIMARY KEY, \"createdAt\" TEXT NOT NULL, "
                "\"updatedAt\" TEXT NOT NULL");
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation || f->is_system) continue;
        buf_puts(b, ", ");
        sql_ident(b, f->name);
        buf_printf(b, " %s", column_type(f));
    }
    buf_puts(b, ");\n");
    for (uint32_t i = 0; i < m->n_fields; i++) {
        const ModelField *f = m->fields[i];
        if (f->is_relation || !f->is_unique || f == m->id_field) continue;
        char name[300];
        snprintf(name, sizeof name, "%s_%s_unique", m->name, f->name);
        buf_puts(b, "CREATE UNIQUE INDEX ");
        sql_ident(b, name);
        buf_puts(b, " ON ");
        sql_ident(b, m->name);
        buf_puts(b, " (");
        sql_ident(b, f->name);
        buf_puts(b, ");\n");
    }
}

static void relation_ddl(Buf *b, const ModelRelation *r)
{
    char table[300], name[320];
    snprintf(table, sizeof table, "_%s", r->name);
    buf_puts(b, "CREATE TABLE ");
    sql_ident(b, table);
    buf_puts(b, " (\"A\" TEXT NOT NULL, \"B\" TEXT NOT NULL, PRIMARY KEY (\"A\", \"B\")) "
                "WITHOUT ROWID;\n");
    snprintf(name, sizeof name, "%s_B", table);
    buf_puts(b, "CREATE INDEX ");
    sql_ident(b, name);
    buf_puts(b, " ON ");
    sql_ident(b, table);
    buf_puts(b, " (\"B\", \"A\");\n");
    /* The database enforces the one-sides: a to-one field A means each A node has at
     * most one row. */
    const char *col[2] = {"A", "B"};
    const ModelField *side[2] = {r->field_a, r->field_b};
    for (int k = 0; k < 2; k++) {
        if (side[k]->is_list) continue;
        snprintf(name, sizeof name, "%s_%s_one", table, col[k]);
        buf_puts(b, "CREATE UNIQUE INDEX ");
        sql_ident(b, name);
        buf_puts(b, " ON ");
        sql_ident(b, table);
        buf_printf(b, " (\"%s\");\n", col[k]);
    }
}

/* Indexes for reading, not for integrity: created with IF NOT EXISTS on every open, so
 * databases created before an index was added get it too (they are not part of the
 * model check). createdAt is the one column every model has and the order most lists
 * ask for (newest first): with the index, `orderBy: createdAt_DESC, first: n` walks the
 * index and stops after n rows instead of sorting the whole table, and every row's JSON
 * (with its nested subqueries) is built only for the rows returned. The id tie-breaker
 * of the compiled ORDER BY is then sorted among equal timestamps only. */
static void index_ddl(Buf *b, const Model *m)
{
    char name[300];
    snprintf(name, sizeof name, "%s_createdAt", m->name);
    buf_puts(b, "CREATE INDEX IF NOT EXISTS ");
    sql_ident(b, name);
    buf_puts(b, " ON ");
    sql_ident(b, m->name);
    buf_puts(b, " (\"createdAt\");\n");
}

bool store_create_indexes(sqlite3 *db, const DataModel *dm, Diag *d)
{
    Arena a;
    arena_init(&a, 4096);
    Buf b;
    buf_init(&b, &a, 1024);
    for (uint32_t i = 0; i < dm->n_models; i++) index_ddl(&b, dm->models[i]);
    char *msg = NULL;
    bool ok = sqlite3_exec(db, b.data, NULL, NULL, &msg) == SQLITE_OK;
    if (!ok) {
        diag_add(d, "STORE-SCHEMA", (SrcLoc){0, 0}, "cannot create the indexes: %s",
                 msg ? msg : "?");
        sqlite3_free(msg);
    }
    arena_fini(&a);
    return ok;
}

bool store_create_tables(sqlite3 *db, const DataModel *dm, Diag *d)
{
    Arena a;
    arena_init(&a, 16384);
    Buf b;
    buf_init(&b, &a, 4096);
    buf_puts(&b, "CREATE TABLE \"_relata_meta\" (\"key\" TEXT PRIMARY KEY, \"value\" TEXT);\n");
    for (uint32_t i = 0; i < dm->n_models; i++)
        model_ddl(&b, dm->models[i]);
    for (uint32_t i = 0; i < dm->n_relations; i++)
        relation_ddl(&b, dm->relations[i]);
    char *msg = NULL;
    bool ok = sqlite3_exec(db, b.data, NULL, NULL, &msg) == SQLITE_OK;
    if (!ok) {
        diag_add(d, "STORE-SCHEMA", (SrcLoc){0, 0}, "cannot create the tables: %s",
                 msg ? msg : "?");
        sqlite3_free(msg);
    }
    arena_fini(&a);
    return ok;
}
