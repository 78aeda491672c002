/* internal.h - the Store object and helpers shared by the files of store/. */
#ifndef RELATA_STORE_INTERNAL_H
#define RELATA_STORE_INTERNAL_H

#include "store/store.h"

struct Store {
    const DataModel *dm;
    const Schema *schema;
    StoreDialect dialect;
    char *path; /* SQLite file name */
    char *pg_url;    /* PostgreSQL: libpq connection string */
    char *pg_schema; /* PostgreSQL: schema of the tables */
};

/* Statement wrappers of a connection (stmt.c): finish those left in use / free all. */
void store_stmt_reclaim(StoreConn *c);
void store_stmt_free_all(StoreConn *c);
/* A new session has the default statement_timeout again. */
void store_forget_timeout(StoreConn *c);

/* Statement cache of one connection (stmts.c). */
void *stmt_cache_new(void);
sqlite3_stmt *stmt_cache_get(void *cache, const char *sql);
void stmt_cache_put(void *cache, const char *sql, sqlite3_stmt *st);
void stmt_cache_trim(void *cache); /* only when no cached statement is in use */
void stmt_cache_free(void *cache);

/* Opens a SQLite connection with relata's settings and SQL functions (conn.c). */
sqlite3 *store_sqlite_open(const char *path, bool create, Diag *d);

/* Creates the tables of `dm` (ddl.c). Runs inside the caller's transaction. */
bool store_create_tables(sqlite3 *db, const DataModel *dm, Diag *d);
/* Creates the read indexes of `dm` if missing (ddl.c); on every open, in the caller's
 * transaction. */
bool store_create_indexes(sqlite3 *db, const DataModel *dm, Diag *d);

/* The post-pass for the nested records of plan p (sql/compile.h SqlNested) over the
 * finished JSON `text` (nested.c): reports their errors to c->nested_errors and applies
 * null propagation. Only called when p has records. */
struct SqlPlan;
bool store_fix_nested(StoreConn *c, struct SqlPlan *p, Buf *text);

#endif
