/* stmt.h - one statement interface over SQLite and PostgreSQL (libpq), for the code
 * that writes (mutate/, ndf/) and reads (store/query.c) through a StoreConn.
 *
 * SQL text is written once for both engines: identifiers in double quotes, parameters
 * as `?N` (or bare `?`, numbered in order); on PostgreSQL the text is rewritten to
 * `$N` before it is prepared. Statements are prepared once per connection and cached
 * by their text. Every value is bound; on PostgreSQL parameters travel as text and the
 * server infers their types from the statement, so callers bind the same way for both.
 *
 * Use: st = store_stmt(c, sql); bind...; while (store_step(st) == STORE_ROW) column...;
 * store_stmt_done(st). Bound text must stay valid until the last store_step. A
 * statement not finished with store_stmt_done is reclaimed by the next transaction or
 * read, so an early return cannot leak it beyond the request. */
#ifndef RELATA_STORE_STMT_H
#define RELATA_STORE_STMT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"
#include "store/store.h"

typedef struct StoreStmt StoreStmt;

typedef enum StoreStep { STORE_ROW, STORE_DONE, STORE_ERROR } StoreStep;

/* What went wrong in the last failed statement of a connection. */
typedef enum StoreErrKind {
    STORE_ERR_NONE,
    STORE_ERR_UNIQUE,  /* a UNIQUE constraint or index (store_unique_where says which) */
    STORE_ERR_RETRY,   /* serialization failure / deadlock: the transaction may be retried */
    STORE_ERR_TIMEOUT, /* interrupted by the request deadline */
    STORE_ERR_LOST,    /* the connection to the server was lost (reconnected afterwards) */
    STORE_ERR_OTHER,
} StoreErrKind;

/* Prepares (or takes from the cache) the statement for `sql`. NULL on a prepare error
 * (logged; store_errkind/store_errmsg say more). */
StoreStmt *store_stmt(StoreConn *c, const char *sql);

void store_bind_null(StoreStmt *st, int i);
void store_bind_int(StoreStmt *st, int i, long long v);
void store_bind_double(StoreStmt *st, int i, double v);
void store_bind_text(StoreStmt *st, int i, const char *s, size_t len);
void store_bind_str(StoreStmt *st, int i, Str s);

/* The first call executes the statement; each call returns the next row. */
StoreStep store_step(StoreStmt *st);

bool store_col_null(StoreStmt *st, int col);
const char *store_col_text(StoreStmt *st, int col); /* NULL for SQL NULL */
size_t store_col_bytes(StoreStmt *st, int col);
long long store_col_int(StoreStmt *st, int col); /* booleans as 1/0 */
double store_col_double(StoreStmt *st, int col);

/* Ends the use of st (its rows are gone; it goes back to the cache). */
void store_stmt_done(StoreStmt *st);

/* Runs `sql` (no parameters, no rows wanted). */
bool store_exec(StoreConn *c, const char *sql);

StoreErrKind store_errkind(StoreConn *c);
const char *store_errmsg(StoreConn *c);
/* After STORE_ERR_UNIQUE: the model (table) and field (column) of the violated unique
 * index, as far as the engine tells ("?" when unknown). */
void store_unique_where(StoreConn *c, const char **model, const char **field);

/* PostgreSQL: statements running longer than `ms` are cancelled (STORE_ERR_TIMEOUT);
 * the request deadline of exec/execute.c. SQLite uses a progress handler instead. */
void store_set_timeout(StoreConn *c, unsigned ms);

/* True inside a transaction. */
bool store_in_tx(StoreConn *c);

#endif
