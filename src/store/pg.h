/* pg.h - the PostgreSQL side of the store (libpq), internal to store/: connections
 * (pg_conn.c), statement execution (stmt.c), tables and model check (pg_open.c). */
#ifndef RELATA_STORE_PG_H
#define RELATA_STORE_PG_H

#include <libpq-fe.h>

#include "base/arena.h"
#include "base/map.h"
#include "store/internal.h"

/* The state of one libpq connection. Prepared statements are per server session, so the
 * cache of their names is dropped whenever the session is (re)established. */
typedef struct PgConn {
    PGconn *conn;
    Arena arena;  /* statement names and texts of `prepared` */
    Map prepared; /* SQL text as given -> PgPrepared */
    unsigned n_prepared, next_name;
} PgConn;

typedef struct PgPrepared {
    char name[16];
    int n_params;
} PgPrepared;

/* Opens a session: connect, set the search path to the store's schema, relata's
 * session settings. NULL with a message in `err` on failure. */
PGconn *pg_session(const Store *s, char *err, size_t errcap);
/* After an error: if the connection is broken, re-establish it (dropping prepared
 * statements). True if it was broken. */
bool pg_recover(StoreConn *c);
/* Records the error of a failed libpq call (res may be NULL) as the connection's last
 * error (stmt.c), reconnecting first if the connection is broken (STORE_ERR_LOST). */
void pg_error(StoreConn *c, PGresult *res);
/* The prepared statement for `sql` (the `?N` text), preparing it on first use. */
PgPrepared *pg_prepared(StoreConn *c, const char *sql);
/* Rewrites `?N` / `?` placeholders to `$N` (outside quotes); returns the highest number. */
int pg_rewrite(Buf *out, const char *sql);

/* Name of the unique index of field `field` of table `model` (PostgreSQL identifiers are
 * at most 63 bytes: long names become a hash). `out` has room for 64 bytes. */
void pg_unique_index_name(const char *model, const char *field, char out[64]);

/* Advisory lock key of the store's schema: every write transaction takes it, so writers
 * of one schema run one at a time across processes, like SQLite's BEGIN IMMEDIATE. */
long long pg_lock_key(const Store *s);

StoreConn *pg_connect(Store *s, Diag *d);
void pg_disconnect(StoreConn *c);
bool pg_open(Store *s, const char *url, Diag *d);
/* Before a read outside a transaction: recycles statements, reconnects if needed. */
void pg_read_start(StoreConn *c);
bool pg_begin(StoreConn *c);
bool pg_commit(StoreConn *c);
void pg_rollback(StoreConn *c);

#endif
