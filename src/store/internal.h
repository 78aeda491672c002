/* internal.h - the Store object and helpers shared by the files of store/. */
#ifndef RELATA_STORE_INTERNAL_H
#define RELATA_STORE_INTERNAL_H

#include "store/store.h"

struct Store {
    const DataModel *dm;
    const Schema *schema;
    StoreDialect dialect;
    char *path; /* SQLite file name */
};

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

#endif
