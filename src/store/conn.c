/* conn.c - SQLite connections: settings, relata's SQL functions, prepared statements
 * and transactions. One connection per worker thread (SQLITE_OPEN_NOMUTEX). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/compile.h"
#include "store/internal.h"

/* The subtype SQLite's JSON functions use to recognise JSON text ('J'). */
#define JSON_SUBTYPE 74

#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0
#endif

/* rl_float(x): the shortest decimal text that reads back as the same double, marked as
 * JSON so json_object() embeds it as a number (SQLite's own rendering keeps only 15
 * digits, so 0.30000000000000004 would come back as 0.3). NULL for NULL/inf/nan. */
static void fn_float(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    double v = sqlite3_value_double(argv[0]);
    if (!isfinite(v)) return;
    char tmp[40];
    int n = fmt_double_shortest(tmp, sizeof tmp, v);
    sqlite3_result_text(ctx, tmp, n, SQLITE_TRANSIENT);
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
}

/* rl_concat_objects(o1, o2, ...): the members of JSON objects o1, o2... in one object,
 * in order. Used for objects with more pairs than json_object() takes arguments. */
static void fn_concat(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    size_t total = 2;
    for (int i = 0; i < argc; i++)
        total += (size_t)sqlite3_value_bytes(argv[i]) + 1;
    char *out = sqlite3_malloc64(total);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    size_t len = 0;
    out[len++] = '{';
    for (int i = 0; i < argc; i++) {
        const char *t = (const char *)sqlite3_value_text(argv[i]);
        int n = sqlite3_value_bytes(argv[i]);
        if (!t || n < 2) continue;
        if (n == 2) continue; /* {} */
        if (len > 1) out[len++] = ',';
        memcpy(out + len, t + 1, (size_t)n - 2);
        len += (size_t)n - 2;
    }
    out[len++] = '}';
    sqlite3_result_text(ctx, out, (int)len, sqlite3_free);
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
}

/* rl_j(x): x (JSON text produced by relata's own builders) marked as JSON without
 * re-parsing it. Subquery results lose SQLite's JSON subtype; this restores it. */
static void fn_j(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    sqlite3_result_value(ctx, argv[0]);
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
}

/* rl_agg(j): the JSON texts j of a group as a JSON array, in row order, without
 * re-parsing them (json_group_array(json(j)) would parse every element again). */
typedef struct AggBuf {
    char *p;
    sqlite3_uint64 len, cap;
    bool oom;
} AggBuf;

static void agg_put(AggBuf *b, const void *s, sqlite3_uint64 n)
{
    if (b->oom) return;
    if (b->len + n > b->cap) {
        sqlite3_uint64 cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n)
            cap *= 2;
        char *np = sqlite3_realloc64(b->p, cap);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void fn_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    AggBuf *b = sqlite3_aggregate_context(ctx, sizeof *b);
    if (!b) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    agg_put(b, b->len ? "," : "[", 1);
    const unsigned char *t = sqlite3_value_text(argv[0]);
    if (t)
        agg_put(b, t, (sqlite3_uint64)sqlite3_value_bytes(argv[0]));
    else
        agg_put(b, "null", 4);
}

static void fn_agg_final(sqlite3_context *ctx)
{
    AggBuf *b = sqlite3_aggregate_context(ctx, 0);
    if (!b || !b->len) {
        sqlite3_result_text(ctx, "[]", 2, SQLITE_STATIC);
    } else {
        agg_put(b, "]", 1);
        if (b->oom) {
            sqlite3_free(b->p);
            sqlite3_result_error_nomem(ctx);
            return;
        }
        sqlite3_result_text64(ctx, b->p, b->len, sqlite3_free, SQLITE_UTF8);
    }
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
}

/* rl_ref(k, id): the placeholder for deferred field k of node id (sql/compile.h), raw
 * bytes that cannot occur in JSON text otherwise, resolved by store/query.c. */
static void fn_ref(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char *t = sqlite3_mprintf("%c%lld:%s%c", SQL_REF_OPEN, sqlite3_value_int64(argv[0]),
                              (const char *)sqlite3_value_text(argv[1]), SQL_REF_CLOSE);
    if (!t) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, t, -1, sqlite3_free);
    sqlite3_result_subtype(ctx, JSON_SUBTYPE);
}

/* Connection settings, chosen for a server where every worker thread holds one
 * connection to the same file:
 *  - journal_mode=WAL: readers never block the writer or each other, so the workers'
 *    reads run in parallel with a mutation; commits append to the WAL instead of
 *    rewriting pages twice.
 *  - synchronous=NORMAL: with WAL, fsync only at checkpoints; a power loss can lose the
 *    last commits but never corrupts the database (the usual WAL trade-off).
 *  - mmap_size=256 MiB: reads go straight to the OS page cache through a mapping
 *    instead of being copied into each connection's private cache, so N workers share
 *    one copy of the hot pages (RSS grows with the database's hot set, not with N).
 *  - cache_size=-4096 (4 MiB per connection): with mmap the private cache mostly holds
 *    pages being written and the schema; SQLite's default 2 MiB is a little small
 *    for write bursts, 4 MiB keeps the per-worker memory small (RSS target).
 *  - temp_store=MEMORY: the temporary b-trees of ORDER BY / DISTINCT / IN (...) stay in
 *    memory instead of temporary files (they are small: one page of rows per query). */
#define CONN_PRAGMAS                                                                     \
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456; "   \
    "PRAGMA cache_size=-4096; PRAGMA temp_store=MEMORY;"

sqlite3 *store_sqlite_open(const char *path, bool create, Diag *d)
{
    sqlite3 *db = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "cannot open database '%s': %s", path,
                 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    char *msg = NULL;
    if (sqlite3_exec(db, CONN_PRAGMAS, NULL, NULL, &msg) != SQLITE_OK) {
        diag_add(d, "STORE-OPEN", (SrcLoc){0, 0}, "cannot configure database '%s': %s", path,
                 msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    int fl = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS | SQLITE_RESULT_SUBTYPE;
    sqlite3_create_function(db, "rl_float", 1, fl, NULL, fn_float, NULL, NULL);
    sqlite3_create_function(db, "rl_concat_objects", -1, fl, NULL, fn_concat, NULL, NULL);
    sqlite3_create_function(db, "rl_j", 1, fl, NULL, fn_j, NULL, NULL);
    sqlite3_create_function(db, "rl_agg", 1, fl, NULL, NULL, fn_agg_step, fn_agg_final);
    sqlite3_create_function(db, "rl_ref", 2, fl, NULL, fn_ref, NULL, NULL);
    return db;
}

StoreConn *store_connect(Store *s, Diag *d)
{
    sqlite3 *db = store_sqlite_open(s->path, false, d);
    if (!db) return NULL;
    StoreConn *c = xcalloc(1, sizeof *c);
    c->store = s;
    c->dialect = s->dialect;
    c->db = db;
    c->stmt_cache = stmt_cache_new();
    return c;
}

void store_disconnect(StoreConn *c)
{
    if (!c) return;
    stmt_cache_free(c->stmt_cache);
    sqlite3_close(c->db);
    free(c);
}

/* Every statement handed out is executed once by its caller, so this is where
 * statements are counted (tests check that nesting does not multiply them). */
sqlite3_stmt *store_prepare(StoreConn *c, const char *sql)
{
    sqlite3_stmt *st = stmt_cache_get(c->stmt_cache, sql);
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else {
        if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
            fprintf(stderr, "relata: SQL prepare failed: %s\n  in: %.500s\n", sqlite3_errmsg(c->db),
                    sql);
            return NULL;
        }
        stmt_cache_put(c->stmt_cache, sql, st);
    }
    c->n_statements++;
    return st;
}

static bool exec_simple(StoreConn *c, const char *sql)
{
    sqlite3_stmt *st = store_prepare(c, sql);
    if (!st) return false;
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "relata: %s failed: %s\n", sql, sqlite3_errmsg(c->db));
        return false;
    }
    return true;
}

bool store_begin(StoreConn *c)
{
    stmt_cache_trim(c->stmt_cache);
    return exec_simple(c, "BEGIN IMMEDIATE");
}

bool store_commit(StoreConn *c)
{
    return exec_simple(c, "COMMIT");
}

void store_rollback(StoreConn *c)
{
    if (!sqlite3_get_autocommit(c->db)) exec_simple(c, "ROLLBACK");
}
