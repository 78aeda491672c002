/* match.c - does event (kind t, updated fields U, node n) reach a subscription with
 * filter F? SIMPLE-API.md §6.3, rule by rule.
 *
 * Rules 1-3 look only at the event. Rule 4 is a boolean expression whose leaves are
 * either about the event (mutation_in, updatedFields_*) or about the node (`node: F`,
 * the full filter language of §4.2 including relation filters). Without `node` leaves
 * it is evaluated here in C; with them the whole expression becomes one SQL statement,
 * the event's leaves written as constants and the `node` leaves compiled by the query
 * compiler's own filter code (sql/filter.c), on the row of the event's node. */
#include <stdio.h>
#include <string.h>

#include "sql/internal.h"
#include "store/stmt.h"
#include "sub/internal.h"

static bool in_list(const Value *l, const char *name)
{
    if (!l || l->kind != VAL_LIST) return false;
    for (uint32_t i = 0; i < l->n_items; i++)
        if (l->items[i]->kind == VAL_ENUM && str_eqz(l->items[i]->s, name)) return true;
    return false;
}

static bool has_updated(const char *const *upd, uint32_t n, Str s)
{
    for (uint32_t i = 0; i < n; i++)
        if (str_eqz(s, upd[i])) return true;
    return false;
}

/* Walks every object of the filter (through AND/OR), calling fn on each key. */
typedef bool (*KeyFn)(const ValueField *f, void *ctx);

static bool walk(const Value *v, KeyFn fn, void *ctx)
{
    if (!v || v->kind != VAL_OBJECT) return true;
    for (uint32_t i = 0; i < v->n_fields; i++) {
        const ValueField *f = &v->fields[i];
        if (!fn(f, ctx)) return false;
        InputRole r = f->def->role;
        if ((r == IROLE_FILTER_AND || r == IROLE_FILTER_OR) && f->value->kind == VAL_LIST)
            for (uint32_t k = 0; k < f->value->n_items; k++)
                if (!walk(f->value->items[k], fn, ctx)) return false;
    }
    return true;
}

typedef struct Scan {
    bool any_mutation_in;      /* some mutation_in list exists */
    bool kind_listed;          /* ... and one of them names the event's kind */
    bool any_updated;          /* an updatedFields_* key exists */
    bool any_node;
    const char *kind;
} Scan;

static bool scan_key(const ValueField *f, void *ctx)
{
    Scan *s = ctx;
    switch (f->def->role) {
    case IROLE_SUB_MUTATION_IN:
        if (f->value->kind == VAL_LIST) {
            if (f->value->n_items) s->any_mutation_in = true;
            if (in_list(f->value, s->kind)) s->kind_listed = true;
        }
        break;
    case IROLE_SUB_UPDATED_CONTAINS:
    case IROLE_SUB_UPDATED_EVERY:
    case IROLE_SUB_UPDATED_SOME:
        s->any_updated = true;
        break;
    case IROLE_SUB_NODE:
        s->any_node = true;
        break;
    default:
        break;
    }
    return true;
}

bool sub_filter_has_node(const Value *filter)
{
    Scan s = {.kind = ""};
    walk(filter, scan_key, &s);
    return s.any_node;
}

/* Rule 4 over the event's own leaves; a `node` leaf makes the result undecided (-1)
 * unless the rest of an AND already failed or of an OR already holds. */
static int eval(const Value *v, SubKind k, const char *const *upd, uint32_t n);

static int eval_list(const Value *l, bool is_or, SubKind k, const char *const *upd, uint32_t n)
{
    if (!l || l->kind != VAL_LIST || l->n_items == 0) return 1;
    int acc = is_or ? 0 : 1;
    for (uint32_t i = 0; i < l->n_items; i++) {
        int r = eval(l->items[i], k, upd, n);
        if (is_or) {
            if (r == 1) return 1;
            if (r < 0) acc = -1;
        } else {
            if (r == 0) return 0;
            if (r < 0) acc = -1;
        }
    }
    return acc;
}

static int eval_key(const ValueField *f, SubKind k, const char *const *upd, uint32_t n)
{
    const Value *v = f->value;
    bool null = v->kind == VAL_NULL;
    switch (f->def->role) {
    case IROLE_FILTER_AND:
    case IROLE_FILTER_OR:
        return eval_list(v, f->def->role == IROLE_FILTER_OR, k, upd, n);
    case IROLE_SUB_MUTATION_IN:
        return null ? 1 : in_list(v, sub_kind_name(k));
    case IROLE_SUB_UPDATED_CONTAINS:
        return null ? 1 : v->kind == VAL_STRING && has_updated(upd, n, v->s);
    case IROLE_SUB_UPDATED_EVERY:
        if (null) return 1;
        for (uint32_t i = 0; i < v->n_items; i++)
            if (!has_updated(upd, n, v->items[i]->s)) return 0;
        return 1;
    case IROLE_SUB_UPDATED_SOME:
        if (null) return 1;
        for (uint32_t i = 0; i < v->n_items; i++)
            if (has_updated(upd, n, v->items[i]->s)) return 1;
        return 0;
    case IROLE_SUB_NODE:
        return -1;
    default:
        return 1;
    }
}

static int eval(const Value *v, SubKind k, const char *const *upd, uint32_t n)
{
    if (!v || v->kind != VAL_OBJECT) return 1;
    int acc = 1;
    for (uint32_t i = 0; i < v->n_fields; i++) {
        int r = eval_key(&v->fields[i], k, upd, n);
        if (r == 0) return 0;
        if (r < 0) acc = -1;
    }
    return acc;
}

int sub_match_static(const Value *filter, SubKind k, const char *const *upd, uint32_t n_upd)
{
    Scan s = {.kind = sub_kind_name(k)};
    walk(filter, scan_key, &s);
    /* 1. the mutation types named anywhere (none named: all three) */
    if (s.any_mutation_in && !s.kind_listed) return 0;
    /* 2. updatedFields conditions never match a create or delete */
    if (k != SUB_UPDATED && s.any_updated) return 0;
    /* 3. a delete reaches every subscription that names it (Graphcool) */
    if (k == SUB_DELETED) return 1;
    /* 4. */
    return eval(filter, k, upd, n_upd);
}

/* ---- rule 4 as SQL ---- */

typedef struct Emit {
    Cx *cx;
    const Model *m;
    SubKind k;
    const char *const *upd;
    uint32_t n;
} Emit;

static bool emit(Emit *e, const Value *v);

static void emit_const(Emit *e, int r)
{
    buf_puts(e->cx->b, r ? "(1=1)" : "(1=0)");
}

static bool emit_key(Emit *e, const ValueField *f)
{
    InputRole role = f->def->role;
    const Value *v = f->value;
    if (role == IROLE_SUB_NODE) return cx_filter(e->cx, e->m, 1, v, NULL, (GqlLoc){0, 0});
    if (role != IROLE_FILTER_AND && role != IROLE_FILTER_OR) {
        emit_const(e, eval_key(f, e->k, e->upd, e->n));
        return true;
    }
    if (v->kind != VAL_LIST || v->n_items == 0) {
        emit_const(e, 1);
        return true;
    }
    buf_putc(e->cx->b, '(');
    for (uint32_t i = 0; i < v->n_items; i++) {
        if (i) buf_puts(e->cx->b, role == IROLE_FILTER_OR ? " OR " : " AND ");
        if (!emit(e, v->items[i])) return false;
    }
    buf_putc(e->cx->b, ')');
    return true;
}

static bool emit(Emit *e, const Value *v)
{
    if (!v || v->kind != VAL_OBJECT || v->n_fields == 0) {
        emit_const(e, 1);
        return true;
    }
    buf_putc(e->cx->b, '(');
    for (uint32_t i = 0; i < v->n_fields; i++) {
        if (i) buf_puts(e->cx->b, " AND ");
        if (!emit_key(e, &v->fields[i])) return false;
    }
    buf_putc(e->cx->b, ')');
    return true;
}

bool sub_match_compile(SqlPlan *plan, const Model *m, const Value *filter, SubKind k,
                       const char *const *upd, uint32_t n_upd, Str id, SqlQuery *q,
                       FieldError *err)
{
    Cx cx;
    cx_init(&cx, plan, q, err, 1);
    cx.n_alias = 1; /* t1 is the event's node */
    unsigned p = cx_add_param(&cx, (SqlParam){.kind = SQLP_TEXT, .s = id});
    buf_puts(cx.b, "SELECT EXISTS (SELECT 1 FROM ");
    sql_ident(cx.b, m->name);
    buf_puts(cx.b, " AS t1 WHERE t1.\"id\" = ");
    sql_placeholder(plan->d, cx.b, p);
    buf_puts(cx.b, " AND ");
    Emit e = {&cx, m, k, upd, n_upd};
    if (!emit(&e, filter)) return false;
    buf_putc(cx.b, ')');
    return true;
}

/* Prepares q with its parameters bound; id-set parameters run their statements first
 * (before q is prepared, so no statement is held while they run), recursively. */
static StoreStmt *prepare_bound(StoreConn *c, SqlPlan *p, const SqlQuery *q)
{
    Str *sets = ARENA_ARRAY(p->a, Str, q->n_params + 1);
    for (uint32_t i = 0; i < q->n_params; i++) {
        if (q->params[i].kind != SQLP_IDSET) continue;
        const SqlQuery *sub = p->idsets[q->params[i].i];
        StoreStmt *st = prepare_bound(c, p, sub);
        if (!st) return NULL;
        StoreStep rc = store_step(st);
        const char *t = rc == STORE_ROW ? store_col_text(st, 0) : NULL;
        sets[i] = t ? (Str){arena_strndup(p->a, t, store_col_bytes(st, 0)), store_col_bytes(st, 0)}
                    : str_from("[]");
        store_stmt_done(st);
        if (rc == STORE_ERROR) return NULL;
    }
    StoreStmt *st = store_stmt(c, q->sql.data);
    if (!st) return NULL;
    for (uint32_t i = 0; i < q->n_params; i++) {
        const SqlParam *pm = &q->params[i];
        int n = (int)i + 1;
        switch (pm->kind) {
        case SQLP_NULL:
            store_bind_null(st, n);
            break;
        case SQLP_INT:
            store_bind_int(st, n, pm->i);
            break;
        case SQLP_FLOAT:
            store_bind_double(st, n, pm->f);
            break;
        case SQLP_TEXT:
            store_bind_str(st, n, pm->s);
            break;
        case SQLP_IDSET:
            store_bind_str(st, n, sets[i]);
            break;
        }
    }
    return st;
}

int sub_match_run(StoreConn *c, SqlPlan *p, const SqlQuery *q)
{
    StoreStmt *st = prepare_bound(c, p, q);
    int r = -1;
    if (st) {
        StoreStep rc = store_step(st);
        if (rc == STORE_ROW)
            r = store_col_int(st, 0) != 0; /* PostgreSQL: boolean t/f */
        else if (rc == STORE_DONE)
            r = 0;
        store_stmt_done(st);
    }
    if (r < 0) fprintf(stderr, "relata: subscription filter failed: %s\n", store_errmsg(c));
    return r;
}
