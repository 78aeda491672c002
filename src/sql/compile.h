/* compile.h - the read-side SQL compiler: one root query field (with its whole nested
 * selection and all arguments) becomes ONE SQL statement whose single result row holds
 * the finished JSON text of the field (or NULL for a null field).
 *
 * Nested relation fields are correlated subqueries built with the engine's JSON
 * functions, paginated per parent inside the subquery, so the number of statements per
 * request never grows with the number of rows. Every request value is a bound
 * parameter; the SQL text depends only on the shape of the query (which fields, which
 * filter operators, how many `_in` items), so it is a good statement-cache key. */
#ifndef RELATA_SQL_COMPILE_H
#define RELATA_SQL_COMPILE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "exec/plan.h"
#include "model/model.h"
#include "store/store.h"

typedef enum SqlParamKind { SQLP_NULL, SQLP_INT, SQLP_FLOAT, SQLP_TEXT } SqlParamKind;

typedef struct SqlParam {
    SqlParamKind kind;
    long long i;
    double f;
    Str s;
} SqlParam;

/* A compiled statement: SQL text with numbered placeholders 1..n_params. */
typedef struct SqlQuery {
    Buf sql;
    SqlParam *params;
    uint32_t n_params, cap;
} SqlQuery;

/* Compiles a root query field of role FROLE_QUERY_ALL, _META, _ONE or _NODE. Returns
 * false with `err` filled on a field error of the query (3000, 2041, 3014, 3026-3028,
 * 3033; errors of nested fields carry a relative path and their location). */
bool sql_compile_query(Arena *a, StoreDialect d, const DataModel *dm, const PlanField *f,
                       SqlQuery *q, FieldError *err);

/* Compiles the lookup of node `id` of model `m` rendered with selection `sel`. */
bool sql_compile_node(Arena *a, StoreDialect d, const Model *m, Str id, const PlanSel *sel,
                      SqlQuery *q, FieldError *err);

#endif
