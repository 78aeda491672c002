/* pg_conn.c - PostgreSQL connections: one libpq session per worker thread, its cache of
 * prepared statements, reconnection after a lost connection, and transactions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/dialect.h"
#include "store/pg.h"
#include "store/stmt.h"

/* A session cache holding more statements than this is dropped (DEALLOCATE ALL) before
 * the next transaction or read, bounding server and client memory. */
#define MAX_PREPARED 2000

PGconn *pg_session(const Store *s, char *err, size_t errcap)
{
    PGconn *conn = PQconnectdb(s->pg_url);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        snprintf(err, errcap, "cannot connect to PostgreSQL: %s",
                 conn ? PQerrorMessage(conn) : "out of memory");
        PQfinish(conn);
        return NULL;
    }
    /* Session settings: the tables' schema first on the search path; UTF-8; floats in
     * their shortest round-trip text (the default since PostgreSQL 12, set for older
     * configurations); no notices on stderr for IF NOT EXISTS. */
    Arena a;
    arena_init(&a, 1024);
    Buf b;
    buf_init(&b, &a, 256);
    buf_puts(&b, "SET search_path TO ");
    sql_ident(&b, s->pg_schema);
    buf_puts(&b, "; SET client_encoding TO 'UTF8'; SET extra_float_digits TO 1; "
                 "SET client_min_messages TO warning");
    PGresult *r = PQexec(conn, b.data);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(err, errcap, "cannot configure the PostgreSQL session: %s", PQerrorMessage(conn));
    PQclear(r);
    arena_fini(&a);
    if (!ok) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

static void forget_prepared(PgConn *pc)
{
    arena_fini(&pc->arena);
    arena_init(&pc->arena, 16384);
    map_init(&pc->prepared, &pc->arena, 256);
    pc->n_prepared = 0;
}

bool pg_recover(StoreConn *c)
{
    PgConn *pc = c->pg;
    if (PQstatus(pc->conn) == CONNECTION_OK) return false;
    /* The session is gone and with it the transaction and the prepared statements; the
     * statement that failed reports STORE_ERR_LOST (its caller still finishes it), later
     * requests get a new session. */
    forget_prepared(pc);
    store_forget_timeout(c);
    char err[512];
    PGconn *fresh = pg_session(c->store, err, sizeof err);
    if (fresh) {
        PQfinish(pc->conn);
        pc->conn = fresh;
    } else {
        fprintf(stderr, "relata: %s\n", err); /* tried again before the next request */
    }
    return true;
}

int pg_rewrite(Buf *out, const char *sql)
{
    int max = 0, next = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
            buf_putc(out, *p);
            continue;
        }
        if (*p == '\'' || *p == '"') {
            quote = *p;
            buf_putc(out, *p);
            continue;
        }
        if (*p == '$' && p[1] >= '0' && p[1] <= '9') { /* already $N (sql/ writes those) */
            int n = 0;
            buf_putc(out, *p);
            while (p[1] >= '0' && p[1] <= '9') {
                n = n * 10 + (p[1] - '0');
                buf_putc(out, *++p);
            }
            if (n > max) max = n;
            continue;
        }
        if (*p != '?') {
            buf_putc(out, *p);
            continue;
        }
        int n;
        if (p[1] >= '0' && p[1] <= '9') {
            n = 0;
            while (p[1] >= '0' && p[1] <= '9')
                n = n * 10 + (*++p - '0');
        } else {
            n = ++next;
        }
        if (n > max) max = n;
        buf_printf(out, "$%d", n);
    }
    return max;
}

PgPrepared *pg_prepared(StoreConn *c, const char *sql)
{
    PgConn *pc = c->pg;
    size_t len = strlen(sql);
    PgPrepared *pp = map_get(&pc->prepared, sql, len);
    if (pp) return pp;
    Arena tmp;
    arena_init(&tmp, len + 256);
    Buf text;
    buf_init(&text, &tmp, len + 16);
    int n = pg_rewrite(&text, sql);
    char name[16];
    snprintf(name, sizeof name, "r%u", ++pc->next_name);
    PGresult *r = PQprepare(pc->conn, name, text.data, n, NULL);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) {
        fprintf(stderr, "relata: SQL prepare failed: %s  in: %.500s\n",
                r ? PQresultErrorMessage(r) : PQerrorMessage(pc->conn), text.data);
        pg_error(c, r);
        PQclear(r);
        arena_fini(&tmp);
        return NULL;
    }
    PQclear(r);
    arena_fini(&tmp);
    pp = ARENA_NEW(&pc->arena, PgPrepared);
    snprintf(pp->name, sizeof pp->name, "%s", name);
    pp->n_params = n;
    char *key = arena_strndup(&pc->arena, sql, len);
    map_put(&pc->prepared, key, len, pp);
    pc->n_prepared++;
    return pp;
}

/* Called where no statement is in use: bounds the session's statement cache. */
static void trim(StoreConn *c)
{
    PgConn *pc = c->pg;
    store_stmt_reclaim(c);
    if (PQstatus(pc->conn) != CONNECTION_OK) pg_recover(c);
    if (pc->n_prepared < MAX_PREPARED) return;
    PGresult *r = PQexec(pc->conn, "DEALLOCATE ALL");
    PQclear(r);
    forget_prepared(pc);
}

StoreConn *pg_connect(Store *s, Diag *d)
{
    char err[512];
    PGconn *conn = pg_session(s, err, sizeof err);
    if (!conn) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "%s", err);
        return NULL;
    }
    PgConn *pc = xcalloc(1, sizeof *pc);
    pc->conn = conn;
    arena_init(&pc->arena, 16384);
    map_init(&pc->prepared, &pc->arena, 256);
    StoreConn *c = xcalloc(1, sizeof *c);
    c->store = s;
    c->dialect = DIALECT_POSTGRES;
    c->pg = pc;
    return c;
}

void pg_disconnect(StoreConn *c)
{
    PgConn *pc = c->pg;
    store_stmt_free_all(c);
    PQfinish(pc->conn);
    arena_fini(&pc->arena);
    free(pc);
    free(c);
}

void pg_read_start(StoreConn *c)
{
    if (!store_in_tx(c)) trim(c);
}

long long pg_lock_key(const Store *s)
{
    /* A fixed tag in the high bits keeps clear of other applications' advisory locks. */
    return (long long)(0x524c000000000000ULL |
                       (str_hash(s->pg_schema, strlen(s->pg_schema)) & 0xffffffffffffULL));
}

bool pg_begin(StoreConn *c)
{
    trim(c);
    char sql[96];
    snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%lld)", pg_lock_key(c->store));
    if (store_exec(c, sql)) return true;
    fprintf(stderr, "relata: BEGIN failed: %s\n", store_errmsg(c));
    return false;
}

bool pg_commit(StoreConn *c)
{
    if (store_exec(c, "COMMIT")) return true;
    fprintf(stderr, "relata: COMMIT failed: %s\n", store_errmsg(c));
    return false;
}

void pg_rollback(StoreConn *c)
{
    if (store_in_tx(c)) store_exec(c, "ROLLBACK");
}

void pg_unique_index_name(const char *model, const char *field, char out[64])
{
    int n = snprintf(out, 64, "%s_%s_unique", model, field);
    if (n < 64) return;
    char both[600];
    snprintf(both, sizeof both, "%s.%s", model, field);
    snprintf(out, 64, "rl_unique_%016lx", (unsigned long)str_hash(both, strlen(both)));
}
