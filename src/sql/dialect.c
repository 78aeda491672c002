/* dialect.c - SQLite and PostgreSQL spellings of the constructs the compiler needs. */
#include "sql/dialect.h"

void sql_ident(Buf *b, const char *name)
{
    buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"') buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

void sql_string_literal(Buf *b, const char *text)
{
    buf_putc(b, '\'');
    for (const char *p = text; *p; p++) {
        if (*p == '\'') buf_putc(b, '\'');
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

void sql_placeholder(StoreDialect d, Buf *b, unsigned n)
{
    buf_printf(b, d == DIALECT_POSTGRES ? "$%u" : "?%u", n);
}

const char *sql_json_object_open(StoreDialect d)
{
    return d == DIALECT_POSTGRES ? "json_build_object(" : "json_object(";
}

const char *sql_json_embed_open(StoreDialect d)
{
    return d == DIALECT_POSTGRES ? "to_json(" : "rl_j(";
}

const char *sql_json_embed_nonnull_open(StoreDialect d)
{
    /* On PostgreSQL rl_jn is a SQL function (store/pg_open.c) yielding x, or the JSON
     * string SQL_PG_NULL_MARK when x is NULL (json values must be valid JSON), which
     * store/query.c turns into the raw SQL_NULL_MARK byte. */
    (void)d;
    return "rl_jn(";
}

void sql_json_array_agg(StoreDialect d, Buf *b, const char *col)
{
    if (d == DIALECT_POSTGRES)
        buf_printf(b, "coalesce(json_agg(%s), '[]'::json)", col);
    else
        buf_printf(b, "rl_agg(%s)", col); /* store/conn.c */
}

void sql_json_array_agg_by(StoreDialect d, Buf *b, const char *col, const char *order)
{
    if (d == DIALECT_POSTGRES)
        buf_printf(b, "coalesce(json_agg(%s ORDER BY %s), '[]'::json)", col, order);
    else
        sql_json_array_agg(d, b, col);
}

void sql_out_float(StoreDialect d, Buf *b, const char *expr)
{
    /* SQLite renders REAL with 15 significant digits; rl_float (store/conn.c) writes the
     * shortest text that round-trips and marks it as JSON. */
    buf_printf(b, d == DIALECT_POSTGRES ? "to_json(%s)" : "rl_float(%s)", expr);
}

void sql_out_bool(StoreDialect d, Buf *b, const char *expr)
{
    if (d == DIALECT_POSTGRES)
        buf_printf(b, "to_json(%s)", expr);
    else
        buf_printf(b, "json(CASE WHEN %s THEN 'true' WHEN NOT %s THEN 'false' END)", expr, expr);
}

void sql_out_json(StoreDialect d, Buf *b, const char *expr)
{
    buf_printf(b, d == DIALECT_POSTGRES ? "(%s)::json" : "json(%s)", expr);
}

const char *sql_is(StoreDialect d)
{
    return d == DIALECT_POSTGRES ? " IS NOT DISTINCT FROM " : " IS ";
}

const char *sql_nulls(StoreDialect d, bool desc)
{
    if (d != DIALECT_POSTGRES) return "";
    return desc ? " NULLS LAST" : " NULLS FIRST";
}

void sql_lower(StoreDialect d, Buf *b, const char *expr, bool fold)
{
    /* SQLite's lower() folds ASCII only, which is exactly SIMPLE-API.md §4.2.4;
     * PostgreSQL's does too under the "C" collation. */
    if (!fold)
        buf_puts(b, expr);
    else if (d == DIALECT_POSTGRES)
        buf_printf(b, "lower((%s)::text COLLATE \"C\")", expr);
    else
        buf_printf(b, "lower(%s)", expr);
}

bool sql_folds(StoreDialect d, const ModelField *f)
{
    return d == DIALECT_POSTGRES && f && !f->is_list && !f->is_relation &&
           (f->scalar == SCALAR_STRING || f->scalar == SCALAR_ENUM || f->scalar == SCALAR_JSON);
}

void sql_key(StoreDialect d, Buf *b, const char *expr, const ModelField *f)
{
    if (sql_folds(d, f))
        buf_printf(b, "lower(%s COLLATE \"C\")", expr);
    else
        buf_puts(b, expr);
}

void sql_json_values_for(StoreDialect d, Buf *b, const char *param, const ModelField *f)
{
    if (d != DIALECT_POSTGRES) {
        sql_json_values(d, b, param);
        return;
    }
    const char *type = "text";
    switch (f->scalar) {
    case SCALAR_INT:
        type = "integer";
        break;
    case SCALAR_FLOAT:
        type = "double precision";
        break;
    case SCALAR_BOOLEAN:
        type = "boolean";
        break;
    default:
        break;
    }
    buf_printf(b, "SELECT value::%s FROM jsonb_array_elements_text(%s::jsonb)", type, param);
}

unsigned sql_pairs_per_chunk(StoreDialect d)
{
    return d == DIALECT_POSTGRES ? 40 : 60;
}

void sql_ref(StoreDialect d, Buf *b, unsigned k, const char *id_expr)
{
    /* PostgreSQL's json values must be valid JSON: the placeholder travels as a JSON
     * string "\u0001k:id\u0002" that store/query.c turns back into the raw form. */
    if (d == DIALECT_POSTGRES)
        buf_printf(b, "to_json(chr(1) || '%u:' || %s || chr(2))", k, id_expr);
    else
        buf_printf(b, "rl_ref(%u, %s)", k, id_expr);
}

void sql_id_set(StoreDialect d, Buf *b)
{
    buf_putc(b, '(');
    sql_json_values(d, b, d == DIALECT_POSTGRES ? "$1" : "?1");
    buf_putc(b, ')');
}

void sql_json_values(StoreDialect d, Buf *b, const char *param)
{
    if (d == DIALECT_POSTGRES)
        buf_printf(b, "SELECT value FROM jsonb_array_elements_text(%s::jsonb)", param);
    else
        buf_printf(b, "SELECT value FROM json_each(%s)", param);
}

void sql_id_array_agg(StoreDialect d, Buf *b, const char *expr)
{
    if (d == DIALECT_POSTGRES)
        buf_printf(b, "coalesce(json_agg(%s), '[]'::json)", expr);
    else
        buf_printf(b, "json_group_array(%s)", expr);
}

const char *sql_instr(StoreDialect d)
{
    return d == DIALECT_POSTGRES ? "strpos" : "instr";
}

#ifdef RELATA_TEST_HOOKS
unsigned sql_test_budget;
#endif

unsigned sql_nesting_budget(StoreDialect d)
{
#ifdef RELATA_TEST_HOOKS
    if (sql_test_budget) return sql_test_budget;
#endif
    /* SQLite 3.40's parser stack (100 entries) overflows after about five nested
     * list subqueries. PostgreSQL has no such small limit, but its planning time grows
     * steeply with the depth of correlated subqueries (250 nested levels in one
     * statement took over 10 s; cut every ~13 lists, they take about a second). */
    return d == DIALECT_POSTGRES ? 40 : 10;
}
