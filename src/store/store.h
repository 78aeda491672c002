/* store.h - the storage layer: opening the database, creating its tables for the model,
 * per-thread connections, and the SQL-backed resolvers of the Simple API.
 *
 * A Store is process-wide (URL, dialect, the deployed model). A StoreConn is one
 * database connection owned by one worker thread, with its cache of prepared statements.
 * Reads compile one root field (with its whole nested selection) into a fixed number of
 * SQL statements that return the finished JSON; see sql/.
 *
 * Storage layout on SQLite (the contract between reads, writes and import):
 *  - one table per model, named as the model ("Post"): `id TEXT PRIMARY KEY`,
 *    `createdAt TEXT NOT NULL`, `updatedAt TEXT NOT NULL` (always present, declared or
 *    not), then one column per scalar field named as the field:
 *      String, enum, Json -> TEXT COLLATE NOCASE (ASCII case-insensitive compare, order
 *        and uniqueness, SIMPLE-API.md §4.2.4; Json holds compact JSON text)
 *      Int -> INTEGER, Boolean -> INTEGER 0/1, Float -> REAL
 *      DateTime -> TEXT in the output form YYYY-MM-DDTHH:MM:SS.sssZ (text order is
 *        chronological for years 1000-9999)
 *      scalar lists -> TEXT holding a JSON array
 *    `@isUnique` fields get a UNIQUE index (case-insensitive for strings via the column
 *    collation). Timestamps createdAt/updatedAt use the same DateTime text form.
 *  - one table per relation, named "_" + relation name ("_PostAuthor"):
 *    `A TEXT NOT NULL, B TEXT NOT NULL, PRIMARY KEY (A, B)` WITHOUT ROWID, an index on
 *    (B, A), and UNIQUE(A) when field A is to-one / UNIQUE(B) when field B is to-one
 *    (so the database itself enforces the one-sides). A holds the id of the side-A node.
 *    A single-field self-relation stores each edge once; the writer normalises the pair
 *    so that A < B (byte order), and readers look at both columns.
 *  - `_relata_meta(key TEXT PRIMARY KEY, value TEXT)`: the deployed model source
 *    ('model') and the format version ('version').
 * node(id:) looks the id up in every model table (UNION ALL of primary-key lookups). */
#ifndef RELATA_STORE_STORE_H
#define RELATA_STORE_STORE_H

#include <stdbool.h>

#include <sqlite3.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "exec/plan.h"
#include "model/model.h"
#include "schema/schema.h"

typedef enum StoreDialect { DIALECT_SQLITE, DIALECT_POSTGRES } StoreDialect;

typedef struct Store Store;

typedef struct StoreConn {
    Store *store;
    StoreDialect dialect;
    sqlite3 *db;               /* DIALECT_SQLITE */
    void *pg;                  /* DIALECT_POSTGRES: PGconn* (later) */
    void *stmt_cache;          /* prepared statements by SQL text (store/stmts.c) */
    unsigned long long n_statements; /* statements executed (tests count them) */
} StoreConn;

/* Opens (creating if needed) the database named by `url` ("sqlite:PATH" or a path) and
 * creates the tables for `dm`, or checks that an existing database holds the same model
 * (a different model is refused with a clear message until migrations exist).
 * `dm` and `schema` are borrowed and must outlive the store. NULL + diagnostics on error. */
Store *store_open(const DataModel *dm, const Schema *schema, const char *url, Diag *d);
void store_close(Store *s);

/* Opens a connection for the calling thread. */
StoreConn *store_connect(Store *s, Diag *d);
void store_disconnect(StoreConn *c);

/* Returns a prepared statement for `sql` from the connection's cache (reset, bindings
 * cleared), preparing it on first use. NULL on a prepare error (logged). */
sqlite3_stmt *store_prepare(StoreConn *c, const char *sql);

/* Transactions (BEGIN IMMEDIATE on SQLite; busy waits are handled with a timeout). */
bool store_begin(StoreConn *c);
bool store_commit(StoreConn *c);
void store_rollback(StoreConn *c);

/* Resolves one root query field of role FROLE_QUERY_ALL, FROLE_QUERY_META,
 * FROLE_QUERY_ONE or FROLE_QUERY_NODE with its selection, writing the field's JSON value
 * (an object, list or null) into `out`. Returns false with `err` filled on a field error
 * (3000, 2041, 3014, 3026-3028, 3033...; nested ones carry a relative path). */
bool store_resolve_query(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err);

/* A root read compiled once and run many times: the SQL text and its parameters,
 * allocated in the arena given to store_compile_query (which must outlive its uses).
 * Valid on any connection of the same store. Used by the executor's plan cache for
 * operations whose plan does not depend on variables. */
typedef struct StoreCompiled StoreCompiled;

/* Compiles root query field `f` (roles as store_resolve_query; NULL for the others)
 * into `a`. NULL with `err` filled when compilation fails (the caller then resolves
 * the field with store_resolve_query, which reports the same error). */
StoreCompiled *store_compile_query(StoreConn *c, Arena *a, const PlanField *f, FieldError *err);

/* Runs a compiled read like store_resolve_query; per-run allocations go to `a` (the
 * request arena). */
bool store_run_compiled(StoreConn *c, Arena *a, const StoreCompiled *q, Buf *out,
                        FieldError *err);

/* Writes the JSON object for the node `id` of model `m` with selection `sel` (used for
 * mutation payloads, in the mutation's transaction), or `null` if it does not exist. */
bool store_render_node(StoreConn *c, Arena *a, const Model *m, Str id, const PlanSel *sel,
                       Buf *out, FieldError *err);

#endif
