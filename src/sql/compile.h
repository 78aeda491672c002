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
/* The value a required to-one field takes when it finds no node (rl_jn in store/conn.c):
 * one raw byte that cannot occur in JSON text otherwise; store/nested.c turns it into a
 * non-null violation. */
#define SQL_NULL_MARK '\x03'
/* PostgreSQL's form of it: the JSON text of the string "\3\3rl-null\3" (store/query.c). */
#define SQL_PG_NULL_MARK "\"\\u0003\\u0003rl-null\\u0003\""
/* PostgreSQL's form of a deferred-field placeholder starts and ends so (sql_ref). */
#define SQL_PG_REF_OPEN "\"\\u0001"
#define SQL_PG_REF_CLOSE "\\u0002\""

/* A relation or meta field whose value is computed by a statement of its own. */
typedef struct SqlDeferred {
    const PlanField *pf;
    const Model *parent; /* the model the field belongs to */
    PathSeg *path;       /* response path of the field (list positions as 0) */
    uint32_t path_len;
    bool *non_null; /* per path segment: see SqlNested.non_null */
} SqlDeferred;

/* Code of an SqlNested that records a required to-one field instead of an error. */
#define SQL_NESTED_NON_NULL (-1)

/* A nested field whose value needs the post-pass of store/nested.c (rare; none in most
 * queries). Either a field with an error in its own arguments (SIMPLE-API.md §4.4 rule 1:
 * pagination, 3033 in its filter): it is compiled as SQL NULL and every occurrence in the
 * result gets the error; or (code SQL_NESTED_NON_NULL) a required to-one field, compiled
 * to yield SQL_NULL_MARK when no node matches: each marker found becomes a non-null
 * violation. Either way GraphQL null propagation follows. */
typedef struct SqlNested {
    const PlanField *pf;
    int code; /* Graphcool code, or SQL_NESTED_NON_NULL */
    const char *message;
    GqlLoc loc;
    PathSeg *path;  /* from the root field's value to the field; a list position
                       (key.ptr NULL) stands for every element */
    bool *non_null; /* per segment: the field's type / the list's items are non-null */
    uint32_t path_len;
} SqlNested;

/* Compilation state of one request field: the deferred fields found so far. */
typedef struct SqlPlan {
    Arena *a;
    StoreDialect d;
    const DataModel *dm;
    SqlDeferred *deferred;
    uint32_t n_deferred, cap;
    struct SqlQuery **idsets; /* statements returning one JSON array of ids */
    uint32_t n_idsets, idsets_cap;
    SqlNested *nested; /* see SqlNested */
    uint32_t n_nested, nested_cap;
    bool nested_errors; /* some SqlNested is an error (not only non-null records) */
} SqlPlan;

void sql_plan_init(SqlPlan *p, Arena *a, StoreDialect d, const DataModel *dm);

/* Compiles a root query field of role FROLE_QUERY_ALL, _META, _ONE or _NODE. Returns
 * false with `err` filled on a field error of the root field's own arguments (3000,
 * 2041, 3014, 3026-3028, 3033); an error of a nested field's arguments does not fail:
 * the field is compiled as NULL and recorded in p->nested. */
bool sql_compile_query(SqlPlan *p, const PlanField *f, SqlQuery *q, FieldError *err);

/* Compiles the lookup of node `id` of model `m` rendered with selection `sel`. */
bool sql_compile_node(SqlPlan *p, const Model *m, Str id, const PlanSel *sel, SqlQuery *q,
                      FieldError *err);

/* Compiles deferred field k for a set of parents: parameter 1 is a JSON array of parent
 * ids; each result row is (parent id, JSON value of the field). */
bool sql_compile_deferred(SqlPlan *p, uint32_t k, SqlQuery *q, FieldError *err);

#endif
