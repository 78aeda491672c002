/* query.c - the read resolvers: compile the field (sql/compile.c), run its statement,
 * and, for selections deeper than one statement can hold, run one statement per
 * deferred field for all its parents at once and splice the results into the text. */
#include <stdio.h>
#include <stdlib.h>

#include "sql/compile.h"
#include "store/internal.h"

static bool internal_error(FieldError *err, StoreConn *c)
{
    fprintf(stderr, "relata: query failed: %s\n", sqlite3_errmsg(c->db));
    *err = (FieldError){.code = 0, .message = "internal error"};
    return false;
}

static bool run_value(StoreConn *c, SqlPlan *p, const SqlQuery *q, Buf *out, FieldError *err);

/* Runs the id-set statements q depends on (before preparing q, so that no statement is
 * held while they run), storing their JSON arrays in `sets`. */
static bool run_idsets(StoreConn *c, SqlPlan *p, const SqlQuery *q, Str *sets, FieldError *err)
{
    for (uint32_t i = 0; i < q->n_params; i++) {
        if (q->params[i].kind != SQLP_IDSET) continue;
        Buf b;
        buf_init(&b, p->a, 256);
        if (!run_value(c, p, p->idsets[q->params[i].i], &b, err)) return false;
        sets[i] = buf_str(&b);
    }
    return true;
}

/* Prepares q and binds its parameters (id-sets from `sets`); parameter 1 is replaced by
 * `first` if given. */
static sqlite3_stmt *bind(StoreConn *c, const SqlQuery *q, const Str *sets, const Buf *first)
{
    sqlite3_stmt *st = store_prepare(c, q->sql.data);
    if (!st) return NULL;
    for (uint32_t i = 0; i < q->n_params; i++) {
        const SqlParam *p = &q->params[i];
        int n = (int)i + 1;
        if (n == 1 && first) {
            sqlite3_bind_text(st, 1, first->data, (int)first->len, SQLITE_STATIC);
            continue;
        }
        switch (p->kind) {
        case SQLP_NULL:
            sqlite3_bind_null(st, n);
            break;
        case SQLP_INT:
            sqlite3_bind_int64(st, n, p->i);
            break;
        case SQLP_FLOAT:
            sqlite3_bind_double(st, n, p->f);
            break;
        case SQLP_TEXT:
            /* The text lives in the request arena, which outlives the statement's use. */
            sqlite3_bind_text(st, n, p->s.ptr ? p->s.ptr : "", (int)p->s.len, SQLITE_STATIC);
            break;
        case SQLP_IDSET:
            sqlite3_bind_text(st, n, sets[i].ptr, (int)sets[i].len, SQLITE_STATIC);
            break;
        }
    }
    return st;
}

static void release(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Runs a statement returning one JSON text (or NULL: "null") into `out`. */
static bool run_value(StoreConn *c, SqlPlan *p, const SqlQuery *q, Buf *out, FieldError *err)
{
    Str *sets = ARENA_ARRAY(p->a, Str, q->n_params + 1);
    if (!run_idsets(c, p, q, sets, err)) return false;
    sqlite3_stmt *st = bind(c, q, sets, NULL);
    if (!st) return internal_error(err, c);
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
    release(st);
    return ok;
}

/* Runs deferred field k for the parents in `ids` (a JSON array), storing each value in
 * `vals` under the placeholder's content "k:id". */
static bool run_deferred(StoreConn *c, SqlPlan *p, uint32_t k, const Buf *ids, Map *vals,
                         FieldError *err)
{
    SqlQuery q;
    if (!sql_compile_deferred(p, k, &q, err)) return false;
    Str *sets = ARENA_ARRAY(p->a, Str, q.n_params + 1);
    if (!run_idsets(c, p, &q, sets, err)) return false;
    sqlite3_stmt *st = bind(c, &q, sets, ids);
    if (!st) return internal_error(err, c);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        Str *val = ARENA_NEW(p->a, Str);
        *val = v ? (Str){arena_strndup(p->a, v, (size_t)sqlite3_column_bytes(st, 1)),
                         (size_t)sqlite3_column_bytes(st, 1)}
                 : STR_LIT("null");
        char *key = arena_printf(p->a, "%u:%s", k, id ? id : "");
        map_put(vals, key, strlen(key), val);
    }
    bool ok = rc == SQLITE_DONE || internal_error(err, c);
    release(st);
    return ok;
}

/* Replaces every placeholder in `text` by its deferred value, round after round (the
 * values of one round may hold placeholders of deeper fields). */
static bool splice(StoreConn *c, SqlPlan *p, Buf *text, FieldError *err)
{
    while (memchr(text->data, SQL_REF_OPEN, text->len)) {
        uint32_t n = p->n_deferred;
        Buf *ids = ARENA_ARRAY(p->a, Buf, n);
        Map seen, vals;
        map_init(&seen, p->a, 64);
        map_init(&vals, p->a, 64);
        const char *s = text->data, *end = s + text->len;
        for (const char *m = s; (m = memchr(m, SQL_REF_OPEN, (size_t)(end - m)));) {
            const char *close = memchr(m, SQL_REF_CLOSE, (size_t)(end - m));
            if (!close) return internal_error(err, c);
            const char *key = m + 1;
            size_t klen = (size_t)(close - key);
            uint32_t k = (uint32_t)strtoul(key, NULL, 10);
            const char *colon = memchr(key, ':', klen);
            if (k >= n || !colon) return internal_error(err, c);
            if (!map_get(&seen, key, klen)) {
                map_put(&seen, key, klen, (void *)key);
                Buf *b = &ids[k];
                if (!b->arena) {
                    buf_init(b, p->a, 256);
                    buf_putc(b, '[');
                } else {
                    buf_putc(b, ',');
                }
                json_put_string(b, colon + 1, (size_t)(close - colon - 1));
            }
            m = close + 1;
        }
        for (uint32_t k = 0; k < n; k++) {
            if (!ids[k].arena) continue;
            buf_putc(&ids[k], ']');
            if (!run_deferred(c, p, k, &ids[k], &vals, err)) return false;
        }
        Buf out;
        buf_init(&out, p->a, text->len + 256);
        const char *from = s;
        for (const char *m = s; (m = memchr(m, SQL_REF_OPEN, (size_t)(end - m)));) {
            const char *close = memchr(m, SQL_REF_CLOSE, (size_t)(end - m));
            buf_put(&out, from, (size_t)(m - from));
            const Str *v = map_get(&vals, m + 1, (size_t)(close - m - 1));
            if (v)
                buf_put_str(&out, *v);
            else
                buf_puts(&out, "null");
            from = m = close + 1;
        }
        buf_put(&out, from, (size_t)(end - from));
        *text = out;
    }
    return true;
}

static bool finish(StoreConn *c, SqlPlan *p, const SqlQuery *q, Buf *out, FieldError *err)
{
    Buf text;
    buf_init(&text, p->a, 1024);
    if (!run_value(c, p, q, &text, err)) return false;
    if (p->n_deferred && !splice(c, p, &text, err)) return false;
    buf_put(out, text.data, text.len);
    return true;
}

bool store_resolve_query(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err)
{
    if (f->field && f->field->role == FROLE_QUERY_USER) {
        buf_puts(out, "null"); /* no authentication yet (SIMPLE-API.md §4.7) */
        return true;
    }
    /* Outside a transaction no statement of this connection is in use. */
    if (sqlite3_get_autocommit(c->db)) stmt_cache_trim(c->stmt_cache);
    SqlPlan p;
    sql_plan_init(&p, a, c->dialect, c->store->dm);
    SqlQuery q;
    if (!sql_compile_query(&p, f, &q, err)) return false;
    return finish(c, &p, &q, out, err);
}

struct StoreCompiled {
    SqlPlan plan; /* in the caller's long-lived arena */
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
    sql_plan_init(&sc->plan, a, c->dialect, c->store->dm);
    if (!sql_compile_query(&sc->plan, f, &sc->q, err)) return NULL;
    return sc;
}

bool store_run_compiled(StoreConn *c, Arena *a, const StoreCompiled *sc, Buf *out,
                        FieldError *err)
{
    /* Outside a transaction no statement of this connection is in use. */
    if (sqlite3_get_autocommit(c->db)) stmt_cache_trim(c->stmt_cache);
    /* Running allocates (result texts, deferred statements, which may add deferred
     * fields): all of that goes to the request arena, on a private copy of the plan's
     * arrays, so the compiled plan stays unchanged and its arena does not grow. */
    SqlPlan p = sc->plan;
    p.a = a;
    if (p.n_deferred) p.deferred = arena_memdup(a, p.deferred, sizeof *p.deferred * p.n_deferred);
    p.cap = p.n_deferred;
    if (p.n_idsets) p.idsets = arena_memdup(a, p.idsets, sizeof *p.idsets * p.n_idsets);
    p.idsets_cap = p.n_idsets;
    return finish(c, &p, &sc->q, out, err);
}

bool store_render_node(StoreConn *c, Arena *a, const Model *m, Str id, const PlanSel *sel, Buf *out,
                       FieldError *err)
{
    SqlPlan p;
    sql_plan_init(&p, a, c->dialect, c->store->dm);
    SqlQuery q;
    if (!sql_compile_node(&p, m, id, sel, &q, err)) return false;
    return finish(c, &p, &q, out, err);
}
