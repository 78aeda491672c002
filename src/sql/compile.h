/* compile.h - the read-side SQL compiler: one root query field (with its whole nested
 * selection and all arguments) becomes ONE SQL statement whose single result row holds
 * the finished JSON text of the field (or NULL for a null field).
 *
 * Nested relation fields are correlated subqueries built with the engine's JSON
 * functions, paginated per parent inside the subquery, so the number of statements per
 * request never grows with the number of rows. Every request value is a bound
 * parameter; the SQL text depends only on the shape of the query (which fields, which
 * filter operators, how many `_in` items), so it is a good statement-cache key.
 *
 * SQLite's parser cannot take arbitrarily deep nesting, so a selection deeper than the
 * dialect's budget is cut: at the cut the statement writes a placeholder
 * (SQL_REF_OPEN k ":" id SQL_REF_CLOSE) for *deferred field* k of node id, and one more
 * statement per deferred field computes that field for all the parents found at once
 * (store/query.c splices the results in). The number of statements depends on the
 * query's depth only, never on the number of rows.
 *
 * Relation filters nested deeper than the budget are cut the same way: the condition on
 * the related rows does not depend on the outer row, so an *id-set* statement computes
 * the ids of the related model that match it (a JSON array), and the outer statement
 * tests membership in that parameter. */
#ifndef RELATA_SQL_COMPILE_H
#define RELATA_SQL_COMPILE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/buf.h"
#include "exec/plan.h"
#include "model/model.h"
#include "store/store.h"

/* SQLP_IDSET: the JSON array of ids computed by the plan's id-set statement number i,
 * which must run first (see SqlPlan.idsets). */
typedef enum SqlParamKind { SQLP_NULL, SQLP_INT, SQLP_FLOAT, SQLP_TEXT, SQLP_IDSET } SqlParamKind;

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

#define SQL_REF_OPEN '\x01'
#define SQL_REF_CLOSE '\x02'

/* A relation or meta field whose value is computed by a statement of its own. */
typedef struct SqlDeferred {
    const PlanField *pf;
    const Model *parent; /* the model the field belongs to */
    PathSeg *path;       /* response path of the field (list positions as 0) */
    uint32_t path_len;
} SqlDeferred;

/* Compilation state of one request field: the deferred fields found so far. */
typedef struct SqlPlan {
    Arena *a;
    StoreDialect d;
    const DataModel *dm;
    SqlDeferred *deferred;
    uint32_t n_deferred, cap;
    struct SqlQuery **idsets; /* statements returning one JSON array of ids */
    uint32_t n_idsets, idsets_cap;
} SqlPlan;

void sql_plan_init(SqlPlan *p, Arena *a, StoreDialect d, const DataModel *dm);

/* Compiles a root query field of role FROLE_QUERY_ALL, _META, _ONE or _NODE. Returns
 * false with `err` filled on a field error of the query (3000, 2041, 3014, 3026-3028,
 * 3033; errors of nested fields carry a relative path and their location). */
bool sql_compile_query(SqlPlan *p, const PlanField *f, SqlQuery *q, FieldError *err);

/* Compiles the lookup of node `id` of model `m` rendered with selection `sel`. */
bool sql_compile_node(SqlPlan *p, const Model *m, Str id, const PlanSel *sel, SqlQuery *q,
                      FieldError *err);

/* Compiles deferred field k for a set of parents: parameter 1 is a JSON array of parent
 * ids; each result row is (parent id, JSON value of the field). */
bool sql_compile_deferred(SqlPlan *p, uint32_t k, SqlQuery *q, FieldError *err);

#endif
