/* query.c - the read resolvers: compile the field (sql/compile.c), run its statement,
 * and, for selections deeper than one statement can hold, run one statement per
 * deferred field for all its parents at once and splice the results into the text. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/compile.h"
#include "store/pg.h"
#include "store/stmt.h"

static bool internal_error(FieldError *err, StoreConn *c)
{
    if (store_errkind(c) == STORE_ERR_LOST)
        fprintf(stderr, "relata: query failed: the connection to the database was lost "
                        "(re-established for the next request)\n");
    else
        fprintf(stderr, "relata: query failed: %s\n", store_errmsg(c));
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
static StoreStmt *bind(StoreConn *c, const SqlQuery *q, const Str *sets, const Buf *first)
{
    StoreStmt *st = store_stmt(c, q->sql.data);
    if (!st) return NULL;
    for (uint32_t i = 0; i < q->n_params; i++) {
        const SqlParam *p = &q->params[i];
        int n = (int)i + 1;
        if (n == 1 && first) {
            store_bind_text(st, 1, first->data, first->len);
            continue;
        }
        switch (p->kind) {
        case SQLP_NULL:
            store_bind_null(st, n);
            break;
        case SQLP_INT:
            store_bind_int(st, n, p->i);
            break;
        case SQLP_FLOAT:
            store_bind_double(st, n, p->f);
            break;
        case SQLP_TEXT:
            /* The text lives in the request arena, which outlives the statement's use. */
            store_bind_str(st, n, p->s);
            break;
        case SQLP_IDSET:
            store_bind_str(st, n, sets[i]);
            break;
        }
    }
    return st;
}

/* Appends JSON text produced by the database. PostgreSQL's builders write ", " and
 * " : " between members; the whitespace outside strings is dropped so that answers are
 * as compact as SQLite's, and floats are laid out as there (put_number), so answers
 * are the same bytes on both stores. Deferred-field placeholders and the null marker of required
 * to-one fields arrive from PostgreSQL as JSON strings (json values must be valid JSON:
 * SQL_PG_REF_OPEN/CLOSE, SQL_PG_NULL_MARK) and are turned back into the raw forms that
 * splice() and store/nested.c look for. */
/* A number as JavaScript (and SQLite's answers, base/buf.c) lays it out: float8 output
 * switches to an exponent below 1e-4 and from 1e15 and pads exponents to two digits
 * (1e-05, 1e+15); JavaScript writes 0.00001 and 1000000000000000, and 1e-7, 1e+21 for
 * exponents outside -7 < e < 21. Only Float values have exponents here. */
static void put_number(Buf *b, const char *t, size_t n)
{
    const char *e = memchr(t, 'e', n);
    if (!e) {
        buf_put(b, t, n);
        return;
    }
    char digits[32];
    size_t k = 0;
    const char *p = t;
    if (*p == '-') buf_putc(b, *p++);
    for (; p < e; p++)
        if (*p != '.' && k < sizeof digits) digits[k++] = *p;
    int exp = atoi(e + 1);
    if (exp <= -7 || exp >= 21) { /* exponent form, unpadded */
        buf_putc(b, digits[0]);
        if (k > 1) {
            buf_putc(b, '.');
            buf_put(b, digits + 1, k - 1);
        }
        buf_printf(b, "e%c%d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    } else if (exp < 0) {
        buf_puts(b, "0.");
        for (int z = 0; z < -exp - 1; z++)
            buf_putc(b, '0');
        buf_put(b, digits, k);
    } else if ((size_t)exp + 1 >= k) {
        buf_put(b, digits, k);
        for (size_t z = k; z < (size_t)exp + 1; z++)
            buf_putc(b, '0');
    } else {
        buf_put(b, digits, (size_t)exp + 1);
        buf_putc(b, '.');
        buf_put(b, digits + exp + 1, k - (size_t)exp - 1);
    }
}

static void put_json(const SqlPlan *p, Buf *out, const char *t, size_t n)
{
    if (p->d != DIALECT_POSTGRES) {
        buf_put(out, t, n);
        return;
    }
    Buf c;
    buf_init(&c, p->a, n + 1);
    bool in_str = false;
    for (size_t i = 0; i < n; i++) {
        char ch = t[i];
        if (in_str) {
            if (ch == '\\' && i + 1 < n) {
                buf_putc(&c, ch);
                ch = t[++i];
            } else if (ch == '"') {
                in_str = false;
            }
        } else if (ch == '"') {
            in_str = true;
        } else if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            continue;
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            size_t j = i;
            while (j < n && strchr("0123456789+-.eE", t[j]))
                j++;
            put_number(&c, t + i, j - i);
            i = j - 1;
            continue;
        }
        buf_putc(&c, ch);
    }
    t = c.data;
    const char *end = t + c.len;
    if (!p->n_deferred && !p->n_nested) {
        buf_put(out, t, (size_t)(end - t));
        return;
    }
    static const size_t ro = sizeof SQL_PG_REF_OPEN - 1, rc = sizeof SQL_PG_REF_CLOSE - 1,
                        nm = sizeof SQL_PG_NULL_MARK - 1;
    for (const char *m; t < end && (m = memmem(t, (size_t)(end - t), "\"\\u000", 6));) {
        buf_put(out, t, (size_t)(m - t));
        size_t left = (size_t)(end - m);
        const char *close;
        if (left >= nm && !memcmp(m, SQL_PG_NULL_MARK, nm)) {
            buf_putc(out, SQL_NULL_MARK);
            t = m + nm;
        } else if (left >= ro && !memcmp(m, SQL_PG_REF_OPEN, ro) &&
                   (close = memmem(m, left, SQL_PG_REF_CLOSE, rc))) {
            buf_putc(out, SQL_REF_OPEN);
            buf_put(out, m + ro, (size_t)(close - m - ro));
            buf_putc(out, SQL_REF_CLOSE);
            t = close + rc;
        } else {
            buf_put(out, m, 6);
            t = m + 6;
        }
    }
    buf_put(out, t, (size_t)(end - t));
}

/* Runs a statement returning one JSON text (or NULL: "null") into `out`. */
static bool run_value(StoreConn *c, SqlPlan *p, const SqlQuery *q, Buf *out, FieldError *err)
{
    Str *sets = ARENA_ARRAY(p->a, Str, q->n_params + 1);
    if (!run_idsets(c, p, q, sets, err)) return false;
    StoreStmt *st = bind(c, q, sets, NULL);
    if (!st) return internal_error(err, c);
    StoreStep rc = store_step(st);
    bool ok = true;
    if (rc == STORE_ROW) {
        const char *t = store_col_text(st, 0);
        if (t)
            put_json(p, out, t, store_col_bytes(st, 0));
        else
            buf_puts(out, "null");
    } else if (rc == STORE_DONE) {
        buf_puts(out, "null");
    } else {
        ok = internal_error(err, c);
    }
    store_stmt_done(st);
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
    StoreStmt *st = bind(c, &q, sets, ids);
    if (!st) return internal_error(err, c);
    StoreStep rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        const char *id = store_col_text(st, 0);
        const char *v = store_col_text(st, 1);
        Str *val = ARENA_NEW(p->a, Str);
        if (v) {
            Buf vb;
            buf_init(&vb, p->a, store_col_bytes(st, 1) + 1);
            put_json(p, &vb, v, store_col_bytes(st, 1));
            *val = buf_str(&vb);
        } else {
            *val = STR_LIT("null");
        }
        char *key = arena_printf(p->a, "%u:%s", k, id ? id : "");
        map_put(vals, key, strlen(key), val);
    }
    bool ok = rc == STORE_DONE || internal_error(err, c);
    store_stmt_done(st);
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
    if (p->n_nested && !store_fix_nested(c, p, &text)) {
        *err = (FieldError){.code = 0, .message = "internal error"}; /* logged there */
        return false;
    }
    buf_put(out, text.data, text.len);
    return true;
}

/* Before a read: outside a transaction no statement of this connection is in use, so
 * unfinished ones are reclaimed and the statement cache may be trimmed (PostgreSQL: a
 * broken connection is re-established). */
static void read_start(StoreConn *c)
{
    if (c->dialect == DIALECT_POSTGRES) {
        pg_read_start(c);
    } else if (sqlite3_get_autocommit(c->db)) {
        store_stmt_reclaim(c);
        stmt_cache_trim(c->stmt_cache);
    }
}

/* finish() for a root read. A read that found its connection lost (and re-established
 * it) is run once more: it changed nothing. Inside a mutation's transaction the error
 * stands. */
static bool finish_read(StoreConn *c, SqlPlan *p, const SqlQuery *q, Buf *out, FieldError *err)
{
    if (finish(c, p, q, out, err)) return true;
    if (store_errkind(c) != STORE_ERR_LOST || store_in_tx(c)) return false;
    return finish(c, p, q, out, err);
}

bool store_resolve_query(StoreConn *c, Arena *a, const PlanField *f, Buf *out, FieldError *err)
{
    if (f->field && f->field->role == FROLE_QUERY_USER) {
        buf_puts(out, "null"); /* no authentication yet (SIMPLE-API.md §4.7) */
        return true;
    }
    read_start(c);
    SqlPlan p;
    sql_plan_init(&p, a, c->dialect, c->store->dm);
    SqlQuery q;
    if (!sql_compile_query(&p, f, &q, err)) return false;
    return finish_read(c, &p, &q, out, err);
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

bool store_run_compiled(StoreConn *c, Arena *a, const StoreCompiled *sc, Buf *out, FieldError *err)
{
    read_start(c);
    /* Running allocates (result texts, deferred statements, which may add deferred
     * fields): all of that goes to the request arena, on a private copy of the plan's
     * arrays, so the compiled plan stays unchanged and its arena does not grow. */
    SqlPlan p = sc->plan;
    p.a = a;
    if (p.n_deferred) p.deferred = arena_memdup(a, p.deferred, sizeof *p.deferred * p.n_deferred);
    p.cap = p.n_deferred;
    if (p.n_idsets) p.idsets = arena_memdup(a, p.idsets, sizeof *p.idsets * p.n_idsets);
    p.idsets_cap = p.n_idsets;
    if (p.n_nested) p.nested = arena_memdup(a, p.nested, sizeof *p.nested * p.n_nested);
    p.nested_cap = p.n_nested;
    return finish_read(c, &p, &sc->q, out, err);
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
