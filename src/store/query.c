/* query.c - the read resolvers: compile the field (sql/compile.c), run the one
 * statement, copy its JSON text into the response. */
#include <stdio.h>

#include "sql/compile.h"
#include "store/internal.h"

static bool internal_error(FieldError *err, StoreConn *c)
{
    fprintf(stderr, "relata: query failed: %s\n", sqlite3_errmsg(c->db));
    *err = (FieldError){.code = 0, .message = "internal error"};
    return false;
}

static bool run(StoreConn *c, const SqlQuery *q, Buf *out, FieldError *err)
{
    sqlite3_stmt *st = store_prepare(c, q->sql.data);
    if (!st) return internal_error(err, c);
    for (uint32_t i = 0; i < q->n_params; i++) {
        const SqlParam *p = &q->params[i];
        int n = (int)i + 1;
        switch (p->kind) {
        case SQLP_NULL: sqlite3_bind_null(st, n); break;
        case SQLP_INT: sqlite3_bind_int64(st, n, p->i); break;
        case SQLP_FLOAT: sqlite3_bind_double(st, n, p->f); break;
        case SQLP_TEXT:
            /* The text lives in the request arena, which outlives the statement's use. */
            sqlite3_bind_text(st, n, p->s.ptr ? p->s.ptr : "", (int)p->s.len, SQLITE_STATIC);
            break;
        }
    }
    int rc = sqlite3_step(st);
    bool ok = true;
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        if (t)
            buf_put(out, t, (size_t)sqlite3_column_bytes(st, 0));
        else
            buf_puts(out, "null");
    } else if (rc == SQLITE_DONE) {
        buf_puts(out, "null");
    } else {
        ok = internal_error(err, c);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return ok;
}

bool store_resolve_query(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err)
{
    if (f->field && f->field->role == FROLE_QUERY_USER) {
        buf_puts(out, "null"); /* no authentication yet (SIMPLE-API.md §4.7) */
        return true;
    }
    /* Outside a transaction no statement of this connection is in use. */
    if (sqlite3_get_autocommit(c->db)) stmt_cache_trim(c->stmt_cache);
    SqlQuery q;
    if (!sql_compile_query(a, c->dialect, c->store->dm, f, &q, err)) return false;
    return run(c, &q, out, err);
}

struct StoreCompiled {
    SqlQuery q;
};

StoreCompiled *store_compile_query(StoreConn *c, Arena *a, const PlanField *f, FieldError *err)
{
    if (!f->field) return NULL;
    switch (f->field->role) {
    case FROLE_QUERY_ALL:
    case FROLE_QUERY_META:
    case FROLE_QUERY_ONE:
    case FROLE_QUERY_NODE:
        break;
    default:
        return NULL;
    }
    StoreCompiled *sc = ARENA_NEW(a, StoreCompiled);
    if (!sql_compile_query(a, c->dialect, c->store->dm, f, &sc->q, err)) return NULL;
    return sc;
}

bool store_run_compiled(StoreConn *c, const StoreCompiled *q, Buf *out, FieldError *err)
{
    /* Outside a transaction no statement of this connection is in use. */
    if (sqlite3_get_autocommit(c->db)) stmt_cache_trim(c->stmt_cache);
    return run(c, &q->q, out, err);
}

bool store_render_node(StoreConn *c, Arena *a, const Model *m, Str id, const PlanSel *sel,
                       Buf *out, FieldError *err)
{
    SqlQuery q;
    if (!sql_compile_node(a, c->dialect, m, id, sel, &q, err)) return false;
    return run(c, &q, out, err);
}
