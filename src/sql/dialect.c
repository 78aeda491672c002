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
    /* PostgreSQL: rl_jn is to be defined as a SQL function there (to_json(x), or the
     * marker byte as raw JSON text when x is NULL). */
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
    (void)d;
    /* SQLite's lower() folds ASCII only, which is exactly SIMPLE-API.md §4.2.4. */
    if (fold)
        buf_printf(b, "lower(%s)", expr);
    else
        buf_puts(b, expr);
}

void sql_ref(StoreDialect d, Buf *b, unsigned k, const char *id_expr)
{
    (void)d;
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
     * list subqueries; PostgreSQL has no such small limit. */
    return d == DIALECT_POSTGRES ? 1000 : 10;
}
