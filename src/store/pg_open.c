/* pg_open.c - store_open on PostgreSQL: the schema, the tables of the model and the check
 * that an existing schema holds the same model.
 *
 * The layout is SQLite's (store.h) with these PostgreSQL types:
 *   id, createdAt, updatedAt, DateTime -> text COLLATE "C". DateTime stays text in the
 *     output form YYYY-MM-DDTHH:MM:SS.sssZ rather than timestamptz: the value read back is
 *     byte-identical to SQLite's without formatting in every query, ordering and range
 *     filters are plain text comparisons on the normalised form (chronological for years
 *     1000-9999, the range the API accepts), and nothing depends on the session TimeZone.
 *   String, enum -> text COLLATE "C": byte order; the ASCII case-insensitivity the API
 *     wants (SIMPLE-API.md §4.2.4) comes from comparing lower(x COLLATE "C"), which folds
 *     ASCII only, in filters, ordering and the unique indexes (sql/dialect.c).
 *   Json, scalar lists -> text holding compact JSON: jsonb would reorder object keys and
 *     drop duplicates, so a value would not read back as it was written.
 *   Int -> integer (the API's Int is 32-bit), Float -> double precision (to_json prints
 *     the shortest round-trip text), Boolean -> boolean.
 * Relation tables and the one-side unique indexes are as on SQLite. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/dialect.h"
#include "store/pg.h"

#define FORMAT_VERSION "1"

static char *g_schema;

void store_set_pg_schema(const char *schema)
{
    free(g_schema);
    g_schema = schema ? xstrdup(schema) : NULL;
}

static bool case_insensitive(const ModelField *f)
{
    return !f->is_list &&
           (f->scalar == SCALAR_STRING || f->scalar == SCALAR_ENUM || f->scalar == SCALAR_JSON);
}

static const char *column_type(const ModelField *f)
{
    if (f->is_list) return "text";
    switch (f->scalar) {
    case SCALAR_INT:
        return "integer";
    case SCALAR_FLOAT:
        return "double precision";
    case SCALAR_BOOLEAN:
        return "boolean";
    case SCALAR_JSON:
        return "text";
    default:
        return "text COLLATE \"C\"";
    }
}

static void model_ddl(Buf *b, const Model *m)
{
    buf_puts(b, "CREATE TABLE ");
    sql_ident(b, m->name);
    buf_puts(
        b, " (\"id\" text COLLATE \"C\" NOT NULL PRIMARY KEY, "
           "\"createdAt\" text COLLATE \"C\" NOT NULL, \"updatedAt\" text COLLATE \"C\" NOT NULL");
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
        char name[64];
        pg_unique_index_name(m->name, f->name, name);
        buf_puts(b, "CREATE UNIQUE INDEX ");
        sql_ident(b, name);
        buf_puts(b, " ON ");
        sql_ident(b, m->name);
        buf_puts(b, case_insensitive(f) ? " (lower(" : " (");
        sql_ident(b, f->name);
        buf_puts(b, case_insensitive(f) ? " COLLATE \"C\"));\n" : ");\n");
    }
}

static void index_name(char out[64], const char *table, const char *suffix)
{
    int n = snprintf(out, 64, "%s_%s", table, suffix);
    if (n >= 64)
        snprintf(out, 64, "rl_%016lx_%s", (unsigned long)str_hash(table, strlen(table)), suffix);
}

static void relation_ddl(Buf *b, const ModelRelation *r)
{
    char table[300], name[64];
    snprintf(table, sizeof table, "_%s", r->name);
    buf_puts(b, "CREATE TABLE ");
    sql_ident(b, table);
    buf_puts(b, " (\"A\" text COLLATE \"C\" NOT NULL, \"B\" text COLLATE \"C\" NOT NULL, "
                "PRIMARY KEY (\"A\", \"B\"));\n");
    index_name(name, table, "B");
    buf_puts(b, "CREATE INDEX ");
    sql_ident(b, name);
    buf_puts(b, " ON ");
    sql_ident(b, table);
    buf_puts(b, " (\"B\", \"A\");\n");
    const char *col[2] = {"A", "B"};
    const ModelField *side[2] = {r->field_a, r->field_b};
    for (int k = 0; k < 2; k++) {
        if (side[k]->is_list) continue;
        index_name(name, table, k ? "B_one" : "A_one");
        buf_puts(b, "CREATE UNIQUE INDEX ");
        sql_ident(b, name);
        buf_puts(b, " ON ");
        sql_ident(b, table);
        buf_printf(b, " (\"%s\");\n", col[k]);
    }
}

static bool run(PGconn *conn, const char *sql, Diag *d, const char *what)
{
    PGresult *r = PQexec(conn, sql);
    ExecStatusType es = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    bool ok = es == PGRES_COMMAND_OK || es == PGRES_TUPLES_OK;
    if (!ok) diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "%s: %s", what, PQerrorMessage(conn));
    PQclear(r);
    return ok;
}

/* In one transaction holding the schema's advisory lock (so that two processes starting
 * together do not both create the tables): creates the schema and tables, or compares
 * the stored model with `dm`. */
static bool setup(PGconn *conn, Store *s, Diag *d)
{
    const DataModel *dm = s->dm;
    Arena a;
    arena_init(&a, 16384);
    Buf b;
    buf_init(&b, &a, 4096);
    buf_printf(&b, "BEGIN; SELECT pg_advisory_xact_lock(%lld)", pg_lock_key(s));
    bool ok = run(conn, b.data, d, "cannot start a transaction");
    if (!ok) goto done;

    const char *params[2] = {s->pg_schema, NULL};
    PGresult *r = PQexecParams(conn,
                               "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = $1), "
                               "to_regclass(quote_ident($1) || '._relata_meta') IS NOT NULL",
                               1, NULL, params, NULL, NULL, 0);
    ok = r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    bool have_schema = ok && strcmp(PQgetvalue(r, 0, 0), "0") != 0;
    bool have_meta = ok && strcmp(PQgetvalue(r, 0, 1), "t") == 0;
    PQclear(r);
    if (!ok) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "cannot read the database: %s",
                 PQerrorMessage(conn));
        goto rollback;
    }
    if (have_meta) {
        r = PQexec(conn, "SELECT value FROM \"_relata_meta\" WHERE key = 'model'");
        ok = r && PQresultStatus(r) == PGRES_TUPLES_OK;
        bool same = ok && PQntuples(r) == 1 && (size_t)PQgetlength(r, 0, 0) == dm->source_len &&
                    memcmp(PQgetvalue(r, 0, 0), dm->source, dm->source_len) == 0;
        PQclear(r);
        if (!ok) {
            diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "cannot read the database: %s",
                     PQerrorMessage(conn));
            goto rollback;
        }
        if (!same) {
            diag_add(d, "STORE-MODEL-CHANGED", (SrcLoc){0, 0},
                     "PostgreSQL schema '%s': the database holds a different model; "
                     "migrations are not supported yet",
                     s->pg_schema);
            ok = false;
            goto rollback;
        }
    } else {
        buf_clear(&b);
        if (!have_schema) {
            buf_puts(&b, "CREATE SCHEMA ");
            sql_ident(&b, s->pg_schema);
            buf_puts(&b, ";\n");
        }
        buf_puts(&b, "CREATE TABLE \"_relata_meta\" (\"key\" text PRIMARY KEY, \"value\" text);\n");
        for (uint32_t i = 0; i < dm->n_models; i++)
            model_ddl(&b, dm->models[i]);
        for (uint32_t i = 0; i < dm->n_relations; i++)
            relation_ddl(&b, dm->relations[i]);
        if (!(ok = run(conn, b.data, d, "cannot create the tables"))) goto rollback;
        char *src = arena_strndup(&a, dm->source, dm->source_len);
        const char *vals[1] = {src};
        r = PQexecParams(conn,
                         "INSERT INTO \"_relata_meta\" (key, value) VALUES ('model', $1), "
                         "('version', '" FORMAT_VERSION "')",
                         1, NULL, vals, NULL, NULL, 0);
        ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (!ok) {
            diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "cannot record the model: %s",
                     PQerrorMessage(conn));
            goto rollback;
        }
    }
    /* Read indexes (not part of the model check, so created on every open as on SQLite,
     * store/ddl.c): createdAt, the order most lists ask for. */
    buf_clear(&b);
    for (uint32_t i = 0; i < dm->n_models; i++) {
        char name[64];
        index_name(name, dm->models[i]->name, "createdAt");
        buf_puts(&b, "CREATE INDEX IF NOT EXISTS ");
        sql_ident(&b, name);
        buf_puts(&b, " ON ");
        sql_ident(&b, dm->models[i]->name);
        buf_puts(&b, " (\"createdAt\");\n");
    }
    if (b.len && !(ok = run(conn, b.data, d, "cannot create the indexes"))) goto rollback;
    /* rl_concat_objects(o1, o2, ...): the members of JSON objects o1, o2... in one object,
     * in order (jsonb's || would sort the keys). For objects with more pairs than
     * json_build_object takes arguments (sql/dialect.h). */
    /* rl_jn(x): x, or for NULL the JSON string "\3\3rl-null\3" that store/query.c turns
     * into the raw null marker of a required to-one field (sql/compile.h). */
    ok = run(conn,
             "CREATE OR REPLACE FUNCTION rl_jn(x json) RETURNS json LANGUAGE sql IMMUTABLE "
             "AS $$ SELECT coalesce(x, to_json(chr(3) || chr(3) || 'rl-null' || chr(3))) $$",
             d, "cannot create relata's functions");
    if (!ok) goto rollback;
    ok = run(conn,
             "CREATE OR REPLACE FUNCTION rl_concat_objects(VARIADIC o json[]) RETURNS json "
             "LANGUAGE sql IMMUTABLE AS $$ SELECT ('{' || coalesce(string_agg("
             "substr(x::text, 2, length(x::text) - 2), ',' ORDER BY i) FILTER "
             "(WHERE x::text NOT IN ('{}', '{ }')), '') || '}')::json "
             "FROM unnest(o) WITH ORDINALITY AS u(x, i) $$",
             d, "cannot create relata's functions");
    if (!ok) goto rollback;
    ok = run(conn, "COMMIT", d, "cannot commit");
    goto done;
rollback:
    PQclear(PQexec(conn, "ROLLBACK"));
done:
    arena_fini(&a);
    return ok;
}

bool pg_open(Store *s, const char *url, Diag *d)
{
    s->dialect = DIALECT_POSTGRES;
    s->pg_url = xstrdup(url);
    s->pg_schema = xstrdup(g_schema && *g_schema ? g_schema : "public");
    char err[512];
    PGconn *conn = pg_session(s, err, sizeof err);
    if (!conn) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "%s", err);
        return false;
    }
    bool ok = setup(conn, s, d);
    PQfinish(conn);
    return ok;
}
