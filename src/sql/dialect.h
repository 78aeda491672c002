/* dialect.h - the few places where SQLite and PostgreSQL SQL differ, for the query
 * compiler (sql/compile.c) and the DDL writer (store/ddl.c).
 *
 * Everything else the compiler writes is plain SQL both engines accept. Only SQLite is
 * implemented end to end today; the PostgreSQL branches exist so that adding it means
 * filling in this file, not touching the compiler. */
#ifndef RELATA_SQL_DIALECT_H
#define RELATA_SQL_DIALECT_H

#include <stdbool.h>

#include "base/buf.h"
#include "store/store.h"

/* "name" with embedded quotes doubled. */
void sql_ident(Buf *b, const char *name);
/* 'text' with embedded quotes doubled: only for names taken from the model (type
 * names), never for request values, which are always bound parameters. */
void sql_string_literal(Buf *b, const char *text);
/* The placeholder of 1-based parameter `n` (?N on SQLite, $N on PostgreSQL). */
void sql_placeholder(StoreDialect d, Buf *b, unsigned n);

/* JSON builders. An object is written as open, then key/value pairs separated by ",",
 * then close. */
const char *sql_json_object_open(StoreDialect d);
/* Wraps an expression yielding JSON text so that an enclosing JSON builder embeds it as
 * JSON rather than as a string (subqueries lose SQLite's JSON subtype). */
const char *sql_json_embed_open(StoreDialect d);
/* Like sql_json_embed_open, but a NULL value becomes SQL_NULL_MARK (compile.h), for
 * required to-one fields. */
const char *sql_json_embed_nonnull_open(StoreDialect d);
/* Aggregate of the JSON texts in column `col` into an array; '[]' for no rows. */
void sql_json_array_agg(StoreDialect d, Buf *b, const char *col);
/* The same in the order `order` (ORDER BY terms over the subquery's columns) where the
 * engine needs it said (PostgreSQL); SQLite's rl_agg keeps the rows' order. */
void sql_json_array_agg_by(StoreDialect d, Buf *b, const char *col, const char *order);

/* Output conversions of stored columns: `expr` is a column reference. */
void sql_out_float(StoreDialect d, Buf *b, const char *expr);
void sql_out_bool(StoreDialect d, Buf *b, const char *expr);
void sql_out_json(StoreDialect d, Buf *b, const char *expr);

/* Null-safe equality operator (" IS " / " IS NOT DISTINCT FROM "). */
const char *sql_is(StoreDialect d);
/* Suffix of an ORDER BY term placing nulls first (asc) / last (desc), as the spec's
 * "null is smallest" requires; empty on SQLite, whose default already is that. */
const char *sql_nulls(StoreDialect d, bool desc);

/* Case-insensitive text expression for the substring operators (the column collation
 * covers =, <, IN and ORDER BY on SQLite). */
void sql_lower(StoreDialect d, Buf *b, const char *expr, bool fold);

/* PostgreSQL has no NOCASE collation: a field that compares ASCII-case-insensitively
 * (String, enum, Json) is compared, ordered and kept unique through lower(x COLLATE
 * "C"), which folds ASCII only and orders bytes, exactly SQLite's NOCASE. sql_folds
 * says whether field f needs that (never on SQLite, whose column collation does it);
 * such operands are bound already folded (sql/filter.c). */
bool sql_folds(StoreDialect d, const ModelField *f);
/* The expression to compare and order column `expr` of field f by. */
void sql_key(StoreDialect d, Buf *b, const char *expr, const ModelField *f);
/* Like sql_json_values for an _in list of field f's values, typed like its column. */
void sql_json_values_for(StoreDialect d, Buf *b, const char *param, const ModelField *f);
/* How many key/value pairs one JSON object builder call may take (PostgreSQL functions
 * take at most 100 arguments); larger objects are built in chunks joined by
 * rl_concat_objects. */
unsigned sql_pairs_per_chunk(StoreDialect d);

/* The placeholder of deferred field k for the node whose id is `id_expr`. */
void sql_ref(StoreDialect d, Buf *b, unsigned k, const char *id_expr);
/* A subquery yielding the ids in parameter 1, a JSON array of strings. */
void sql_id_set(StoreDialect d, Buf *b);
/* `SELECT value FROM <the elements of the JSON array in parameter param>`. */
void sql_json_values(StoreDialect d, Buf *b, const char *param);
/* Aggregate of text values into a JSON array of strings. */
void sql_id_array_agg(StoreDialect d, Buf *b, const char *expr);
/* The position-of-substring function (1-based, 0 if absent): instr / strpos. */
const char *sql_instr(StoreDialect d);
/* How much selection nesting one statement may hold (units of compile.c's cost model)
 * before deeper fields are deferred to further statements. */
unsigned sql_nesting_budget(StoreDialect d);
#ifdef RELATA_TEST_HOOKS
extern unsigned sql_test_budget; /* tests: nonzero overrides the budget */
#endif

#endif
