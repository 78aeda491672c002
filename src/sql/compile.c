/* compile.c - root query fields and selections as one SQL statement returning JSON.
 *
 * Shape of a list (all<P> or a to-many field), per parent row:
 *   (SELECT <array agg of j> FROM (SELECT <object> AS j FROM "M" AS tN
 *        WHERE <related to parent> AND <filter> AND <cursors>
 *        ORDER BY <order>, id LIMIT ? OFFSET ?) AS sN)
 * `last: n` sorts in reverse, takes n after skipping from the end, and sorts the taken
 * rows back into the normal order in an extra layer. Objects are JSON object builders
 * whose relation fields are further correlated subqueries of the same shape, until the
 * nesting budget is used up: deeper fields are deferred (compile.h). Nesting costs are
 * rough units of SQLite's parser stack, calibrated by tests/unit/store/deep_test.c. */
#include <stdio.h>

#include "sql/internal.h"

/* SQLite allows 127 function arguments by default; objects with more pairs are built in
 * chunks joined by rl_concat_objects (store/conn.c). */
#define PAIRS_PER_CHUNK 60
#define DEFAULT_CAP 1000

bool cx_fail(Cx *cx, const PathNode *path, GqlLoc loc, int code, const char *message)
{
    FieldError *e = cx->err;
    uint32_t n = 0;
    for (const PathNode *p = path; p; p = p->up)
        n++;
    e->code = code;
    e->message = message;
    e->loc = loc;
    e->path = n ? ARENA_ARRAY(cx->a, PathSeg, n) : NULL;
    e->path_len = n;
    for (const PathNode *p = path; p; p = p->up)
        e->path[--n] = (PathSeg){p->key, p->index};
    return false;
}

unsigned cx_add_param(Cx *cx, SqlParam p)
{
    SqlQuery *q = cx->q;
    if (q->n_params == q->cap) {
        uint32_t cap = q->cap ? q->cap * 2 : 16;
        SqlParam *np = ARENA_ARRAY(cx->a, SqlParam, cap);
        if (q->n_params) memcpy(np, q->params, sizeof *np * q->n_params);
        q->params = np;
        q->cap = cap;
    }
    q->params[q->n_params++] = p;
    return q->n_params;
}

unsigned cx_param(Cx *cx, SqlParam p)
{
    unsigned n = cx_add_param(cx, p);
    sql_placeholder(cx->d, cx->b, n);
    return n;
}

void cx_param_text(Cx *cx, Str s)
{
    cx_param(cx, (SqlParam){.kind = SQLP_TEXT, .s = s});
}

void cx_col(Cx *cx, unsigned alias, const char *col)
{
    buf_printf(cx->b, "t%u.", alias);
    sql_ident(cx->b, col);
}

const char *cx_col_str(Cx *cx, unsigned alias, const char *col)
{
    Buf t;
    buf_init(&t, cx->a, 32);
    buf_printf(&t, "t%u.", alias);
    sql_ident(&t, col);
    return t.data;
}

static void relation_table(Cx *cx, const ModelRelation *rel)
{
    Buf t;
    buf_init(&t, cx->a, 32);
    buf_printf(&t, "_%s", rel->name);
    sql_ident(cx->b, t.data);
}

void cx_related(Cx *cx, const ModelField *f, unsigned parent, unsigned child)
{
    const ModelRelation *rel = f->relation;
    /* Column A holds the id of the side-A node: a node on side A finds its partners in
     * column B and vice versa. A single-field self-relation looks both ways. */
    const char *mine = f->is_side_a ? "A" : "B", *other = f->is_side_a ? "B" : "A";
    unsigned r = ++cx->n_alias;
    cx_col(cx, child, "id");
    buf_printf(cx->b, " IN (SELECT r%u.\"%s\" FROM ", r, other);
    relation_table(cx, rel);
    buf_printf(cx->b, " AS r%u WHERE r%u.\"%s\" = ", r, r, mine);
    cx_col(cx, parent, "id");
    if (rel->single_field) {
        unsigned r2 = ++cx->n_alias;
        buf_printf(cx->b, " UNION SELECT r%u.\"A\" FROM ", r2);
        relation_table(cx, rel);
        buf_printf(cx->b, " AS r%u WHERE r%u.\"B\" = ", r2, r2);
        cx_col(cx, parent, "id");
    }
    buf_putc(cx->b, ')');
}

/* ---- connection arguments (SIMPLE-API.md §4.4) ---- */

typedef struct ConnArgs {
    const Value *filter;
    const ModelField *order; /* NULL or the id field: order by id only */
    bool desc;
    const Value *after, *before;
    long long skip, first, last;
    bool has_first, has_last;
} ConnArgs;

static void conn_args(const PlanField *pf, ConnArgs *ca)
{
    *ca = (ConnArgs){0};
    for (uint32_t i = 0; i < pf->n_args; i++) {
        const Value *v = pf->args[i].value;
        if (!v || v->kind == VAL_NULL) continue; /* explicit null = absent (§2.10) */
        switch (pf->args[i].def->role) {
        case IROLE_FILTER:
            ca->filter = v;
            break;
        case IROLE_ORDER_BY:
            if (v->ev && v->ev->mfield) {
                ca->order = v->ev->mfield;
                ca->desc = v->ev->desc;
            }
            break;
        case IROLE_SKIP:
            ca->skip = v->i;
            break;
        case IROLE_AFTER:
            ca->after = v;
            break;
        case IROLE_BEFORE:
            ca->before = v;
            break;
        case IROLE_FIRST:
            ca->first = v->i;
            ca->has_first = true;
            break;
        case IROLE_LAST:
            ca->last = v->i;
            ca->has_last = true;
            break;
        default:
            break;
        }
    }
}

static bool check_pagination(Cx *cx, const ConnArgs *ca, const PathNode *path, GqlLoc loc)
{
    if (ca->has_first && ca->has_last)
        return cx_fail(cx, path, loc, 3014,
                       "Including a value for both first and last is not supported. See the "
                       "spec for a discussion of why "
                       "https://facebook.github.io/relay/graphql/"
                       "connections.htm#sec-Pagination-algorithm");
    if (ca->has_first && ca->first < 0)
        return cx_fail(cx, path, loc, 3026, "The 'first' argument must be non negative");
    if (ca->has_last && ca->last < 0)
        return cx_fail(cx, path, loc, 3027, "The 'last' argument must be non negative");
    if (ca->skip < 0)
        return cx_fail(cx, path, loc, 3028, "The 'skip' argument must be non negative");
    long long n = ca->has_first ? ca->first : ca->has_last ? ca->last : 0;
    if (n > DEFAULT_CAP)
        return cx_fail(cx, path, loc, 2041,
                       arena_printf(cx->a,
                                    "You requested %lld nodes. We will only return up to 1000 "
                                    "nodes per query.",
                                    n));
    return true;
}

static bool orders_by_id(const ConnArgs *ca)
{
    return !ca->order || ca->order == ca->order->model->id_field;
}

/* ORDER BY terms: the order field (nulls smallest), then id ascending as the tie-break;
 * `reverse` flips every term (for `last`). */
static void put_order(Cx *cx, unsigned t, const ConnArgs *ca, bool reverse)
{
    if (orders_by_id(ca)) {
        cx_col(cx, t, "id");
        buf_puts(cx->b, (ca->desc != reverse) ? " DESC" : " ASC");
        return;
    }
    bool desc = ca->desc != reverse;
    cx_col(cx, t, ca->order->name);
    buf_printf(cx->b, "%s%s, ", desc ? " DESC" : " ASC", sql_nulls(cx->d, desc));
    cx_col(cx, t, "id");
    buf_puts(cx->b, reverse ? " DESC" : " ASC");
}

/* Row t comes strictly after (`after`) / before the cursor row c in the list order. */
static void put_cursor(Cx *cx, const Model *m, unsigned t, const ConnArgs *ca, const Value *cur,
                       bool after)
{
    Buf *b = cx->b;
    unsigned c = ++cx->n_alias;
    buf_puts(b, " AND EXISTS (SELECT 1 FROM ");
    sql_ident(b, m->name);
    buf_printf(b, " AS t%u WHERE t%u.\"id\" = ", c, c);
    cx_param_text(cx, cur->s);
    buf_puts(b, " AND (");
    const char *ti = cx_col_str(cx, t, "id"), *ci = cx_col_str(cx, c, "id");
    if (orders_by_id(ca)) {
        buf_printf(b, "%s %s %s))", ti, (after != ca->desc) ? ">" : "<", ci);
        return;
    }
    const char *tf = cx_col_str(cx, t, ca->order->name), *cf = cx_col_str(cx, c, ca->order->name);
    /* "Later" in the order: greater for ASC, smaller for DESC; null is the smallest. */
    bool greater = after != ca->desc;
    if (greater)
        buf_printf(b, "%s > %s OR (%s IS NOT NULL AND %s IS NULL)", tf, cf, tf, cf);
    else
        buf_printf(b, "%s < %s OR (%s IS NULL AND %s IS NOT NULL)", tf, cf, tf, cf);
    /* Ties are broken by id ascending in both directions. */
    buf_printf(b, " OR (%s%s%s AND %s %s %s)))", tf, sql_is(cx->d), cf, ti, after ? ">" : "<", ci);
}

/* WHERE for rows `t` of model m: related to `parent` through `via` (if any), matching the
 * filter, and (with `cursors`) within after/before. */
static bool put_where(Cx *cx, const Model *m, unsigned t, const ModelField *via, unsigned parent,
                      const ConnArgs *ca, bool cursors, const PathNode *path, GqlLoc loc)
{
    buf_puts(cx->b, " WHERE ");
    if (via) {
        cx_related(cx, via, parent, t);
        buf_puts(cx->b, " AND ");
    }
    if (!cx_filter(cx, m, t, ca->filter, path, loc)) return false;
    if (cursors) {
        if (ca->after) put_cursor(cx, m, t, ca, ca->after, true);
        if (ca->before) put_cursor(cx, m, t, ca, ca->before, false);
    }
    return true;
}

/* ---- selections ---- */

static bool put_object(Cx *cx, const Model *m, unsigned t, const PlanSel *sel,
                       const PathNode *path);

static void put_scalar(Cx *cx, const ModelField *f, unsigned t)
{
    const char *c = cx_col_str(cx, t, f->name);
    if (f->is_list || f->scalar == SCALAR_JSON)
        sql_out_json(cx->d, cx->b, c);
    else if (f->scalar == SCALAR_FLOAT)
        sql_out_float(cx->d, cx->b, c);
    else if (f->scalar == SCALAR_BOOLEAN)
        sql_out_bool(cx->d, cx->b, c);
    else
        buf_puts(cx->b, c);
}

/* A list of rows of m (root: via == NULL) as a JSON array expression. */
static bool put_list(Cx *cx, const Model *m, const PlanField *pf, const ModelField *via,
                     unsigned parent, const PlanSel *sel, const PathNode *path)
{
    Buf *b = cx->b;
    ConnArgs ca;
    conn_args(pf, &ca);
    if (!check_pagination(cx, &ca, path, path ? pf->loc : (GqlLoc){0, 0})) return false;
    unsigned t = ++cx->n_alias;
    bool last = ca.has_last;
    long long limit = ca.has_first ? ca.first : last ? ca.last : DEFAULT_CAP;

    buf_puts(b, "(SELECT ");
    sql_json_array_agg(cx->d, b, "j");
    buf_puts(b, " FROM (");
    if (last) buf_puts(b, "SELECT j FROM (");
    buf_puts(b, "SELECT ");
    PathNode elem = {path, STR_NULL, 0};
    if (!put_object(cx, m, t, sel, &elem)) return false;
    buf_puts(b, " AS j");
    if (last) {
        if (!orders_by_id(&ca)) {
            buf_puts(b, ", ");
            cx_col(cx, t, ca.order->name);
            buf_puts(b, " AS o0");
        }
        buf_puts(b, ", ");
        cx_col(cx, t, "id");
        buf_puts(b, " AS o1");
    }
    buf_puts(b, " FROM ");
    sql_ident(b, m->name);
    buf_printf(b, " AS t%u", t);
    if (!put_where(cx, m, t, via, parent, &ca, true, path, path ? pf->loc : (GqlLoc){0, 0}))
        return false;
    buf_puts(b, " ORDER BY ");
    put_order(cx, t, &ca, last);
    buf_puts(b, " LIMIT ");
    unsigned nlimit = cx_param(cx, (SqlParam){.kind = SQLP_INT, .i = limit});
    buf_puts(b, " OFFSET ");
    cx_param(cx, (SqlParam){.kind = SQLP_INT, .i = ca.skip});
    if (last) {
        /* Back to the normal order; the LIMIT keeps the engine from dropping the ORDER BY
         * of a subquery feeding an aggregate. */
        buf_printf(b, ") AS u%u ORDER BY ", t);
        if (!orders_by_id(&ca))
            buf_printf(b, "o0%s%s, ", ca.desc ? " DESC" : " ASC", sql_nulls(cx->d, ca.desc));
        buf_puts(b, orders_by_id(&ca) && ca.desc ? "o1 DESC" : "o1 ASC");
        buf_puts(b, " LIMIT ");
        sql_placeholder(cx->d, b, nlimit);
    }
    buf_printf(b, ") AS s%u)", t);
    return true;
}

/* The number of rows of m matching the field's filter (related to `parent` via `via`). */
static bool put_count(Cx *cx, const Model *m, const PlanField *pf, const ModelField *via,
                      unsigned parent, const PathNode *path)
{
    ConnArgs ca;
    conn_args(pf, &ca); /* pagination arguments are ignored, not validated (§4.5) */
    unsigned t = ++cx->n_alias;
    buf_puts(cx->b, "(SELECT count(*) FROM ");
    sql_ident(cx->b, m->name);
    buf_printf(cx->b, " AS t%u", t);
    if (!put_where(cx, m, t, via, parent, &ca, false, path, path ? pf->loc : (GqlLoc){0, 0}))
        return false;
    buf_putc(cx->b, ')');
    return true;
}

/* A _QueryMeta object: `count` (possibly aliased, repeated) and __typename. */
static bool put_meta(Cx *cx, const Model *m, const PlanField *pf, const ModelField *via,
                     unsigned parent, const PathNode *path)
{
    Buf *b = cx->b;
    buf_puts(b, sql_json_object_open(cx->d));
    for (uint32_t i = 0; pf->sel && i < pf->sel->n; i++) {
        const PlanField *k = &pf->sel->fields[i];
        if (i) buf_puts(b, ", ");
        sql_string_literal(b, arena_strndup(cx->a, k->key.ptr, k->key.len));
        buf_puts(b, ", ");
        if (k->is_typename) {
            sql_string_literal(b, "_QueryMeta");
        } else if (!put_count(cx, m, pf, via, parent, path)) {
            return false;
        }
    }
    buf_putc(b, ')');
    return true;
}

/* Nesting a field adds to the statement: a to-many list is three levels of subquery
 * (four with `last`), a to-one field two, a meta count one. */
static unsigned field_cost(const PlanField *pf)
{
    if (!pf->field) return 0;
    switch (pf->field->role) {
    case FROLE_RELATION:
    case FROLE_QUERY_ALL:
        if (pf->field->role == FROLE_RELATION && !pf->field->mfield->is_list) return 2;
        for (uint32_t i = 0; i < pf->n_args; i++)
            if (pf->args[i].def->role == IROLE_LAST && pf->args[i].value &&
                pf->args[i].value->kind != VAL_NULL)
                return 4;
        return 3;
    case FROLE_RELATION_META:
    case FROLE_QUERY_META:
        return 1;
    case FROLE_QUERY_ONE:
    case FROLE_QUERY_NODE:
        return 2;
    default:
        return 0;
    }
}

/* The value of relation or meta field pf of row t (model m). */
static bool put_relation(Cx *cx, unsigned t, const PlanField *pf, const PathNode *here)
{
    Buf *b = cx->b;
    const ModelField *f = pf->field->mfield;
    if (pf->field->role == FROLE_RELATION_META) return put_meta(cx, f->related, pf, f, t, here);
    buf_puts(b, sql_json_embed_open(cx->d));
    if (f->is_list) {
        if (!put_list(cx, f->related, pf, f, t, pf->sel, here)) return false;
    } else {
        ConnArgs ca;
        conn_args(pf, &ca);
        unsigned c = ++cx->n_alias;
        buf_puts(b, "(SELECT ");
        if (!put_object(cx, f->related, c, pf->sel, here)) return false;
        buf_puts(b, " FROM ");
        sql_ident(b, f->related->name);
        buf_printf(b, " AS t%u", c);
        if (!put_where(cx, f->related, c, f, t, &ca, false, here, pf->loc)) return false;
        buf_puts(b, " LIMIT 1)");
    }
    buf_putc(b, ')');
    return true;
}

/* Records pf as deferred field k and writes its placeholder for row t. */
static void defer(Cx *cx, const Model *m, unsigned t, const PlanField *pf, const PathNode *here)
{
    SqlPlan *p = cx->plan;
    if (p->n_deferred == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 8;
        SqlDeferred *nd = ARENA_ARRAY(p->a, SqlDeferred, cap);
        if (p->n_deferred) memcpy(nd, p->deferred, sizeof *nd * p->n_deferred);
        p->deferred = nd;
        p->cap = cap;
    }
    SqlDeferred *d = &p->deferred[p->n_deferred];
    *d = (SqlDeferred){.pf = pf, .parent = m};
    for (const PathNode *n = here; n; n = n->up)
        d->path_len++;
    d->path = ARENA_ARRAY(p->a, PathSeg, d->path_len + 1);
    uint32_t i = d->path_len;
    for (const PathNode *n = here; n; n = n->up)
        d->path[--i] = (PathSeg){n->key, n->index};
    sql_ref(cx->d, cx->b, p->n_deferred, cx_col_str(cx, t, "id"));
    p->n_deferred++;
}

static bool put_field(Cx *cx, const Model *m, unsigned t, const PlanField *pf, const PathNode *path)
{
    Buf *b = cx->b;
    if (pf->is_typename || !pf->field) {
        sql_string_literal(b, m->name);
        return true;
    }
    PathNode here = {path, pf->key, 0};
    switch (pf->field->role) {
    case FROLE_SCALAR:
        put_scalar(cx, pf->field->mfield, t);
        return true;
    case FROLE_RELATION:
    case FROLE_RELATION_META: {
        unsigned cost = field_cost(pf);
        if (cx->cost + cost > cx->budget) {
            defer(cx, m, t, pf, &here);
            return true;
        }
        cx->cost += cost;
        bool ok = put_relation(cx, t, pf, &here);
        cx->cost -= cost;
        return ok;
    }
    default:
        buf_puts(b, "NULL");
        return true;
    }
}

static bool put_pairs(Cx *cx, const Model *m, unsigned t, const PlanSel *sel, uint32_t from,
                      uint32_t to, const PathNode *path)
{
    Buf *b = cx->b;
    buf_puts(b, sql_json_object_open(cx->d));
    for (uint32_t i = from; i < to; i++) {
        const PlanField *pf = &sel->fields[i];
        if (i > from) buf_puts(b, ", ");
        sql_string_literal(b, arena_strndup(cx->a, pf->key.ptr, pf->key.len));
        buf_puts(b, ", ");
        if (!put_field(cx, m, t, pf, path)) return false;
    }
    buf_putc(b, ')');
    return true;
}

static bool put_object(Cx *cx, const Model *m, unsigned t, const PlanSel *sel, const PathNode *path)
{
    uint32_t n = sel ? sel->n : 0;
    if (n <= PAIRS_PER_CHUNK) return put_pairs(cx, m, t, sel, 0, n, path);
    buf_puts(cx->b, "rl_concat_objects(");
    for (uint32_t i = 0; i < n; i += PAIRS_PER_CHUNK) {
        if (i) buf_puts(cx->b, ", ");
        uint32_t end = i + PAIRS_PER_CHUNK < n ? i + PAIRS_PER_CHUNK : n;
        if (!put_pairs(cx, m, t, sel, i, end, path)) return false;
    }
    buf_putc(cx->b, ')');
    return true;
}

/* ---- roots ---- */

void sql_plan_init(SqlPlan *p, Arena *a, StoreDialect d, const DataModel *dm)
{
    *p = (SqlPlan){.a = a, .d = d, .dm = dm};
}

void cx_init(Cx *cx, SqlPlan *p, SqlQuery *q, FieldError *err, unsigned cost)
{
    *q = (SqlQuery){0};
    buf_init(&q->sql, p->a, 1024);
    *cx = (Cx){.a = p->a,
               .d = p->d,
               .q = q,
               .b = &q->sql,
               .err = err,
               .plan = p,
               .cost = cost,
               .budget = sql_nesting_budget(p->d)};
}

/* SELECT (SELECT <object> FROM "M" AS tN WHERE tN."<col>" = ?) */
static bool put_one(Cx *cx, const Model *m, const char *col, SqlParam p, const PlanSel *sel)
{
    unsigned t = ++cx->n_alias;
    buf_puts(cx->b, "(SELECT ");
    if (!put_object(cx, m, t, sel, NULL)) return false;
    buf_puts(cx->b, " FROM ");
    sql_ident(cx->b, m->name);
    buf_printf(cx->b, " AS t%u WHERE t%u.", t, t);
    sql_ident(cx->b, col);
    buf_puts(cx->b, " = ");
    cx_param(cx, p);
    buf_puts(cx->b, " LIMIT 1)");
    return true;
}

static bool compile_one(Cx *cx, const PlanField *f)
{
    const SField *sf = f->field;
    /* The first argument in natural order that has a non-null value (§4.1). */
    for (uint32_t k = 0; k < sf->n_args; k++) {
        const SInputValue *def = &sf->args[k];
        for (uint32_t i = 0; i < f->n_args; i++) {
            const Value *v = f->args[i].value;
            if (f->args[i].def != def || !v || v->kind == VAL_NULL) continue;
            SqlParam p;
            if (!cx_operand(cx, def->mfield, v, &p)) p = (SqlParam){.kind = SQLP_NULL};
            return put_one(cx, sf->model, def->mfield->name, p, f->sel);
        }
    }
    Buf msg;
    buf_init(&msg, cx->a, 64);
    buf_puts(&msg, "None of the following arguments provided: List(");
    for (uint32_t k = 0; k < sf->n_args; k++)
        buf_printf(&msg, "%s%s", k ? ", " : "", sf->args[k].name);
    buf_putc(&msg, ')');
    return cx_fail(cx, NULL, (GqlLoc){0, 0}, 3000, msg.data);
}

static bool compile_node(Cx *cx, const PlanField *f, const DataModel *dm)
{
    const Value *id = NULL;
    for (uint32_t i = 0; i < f->n_args; i++)
        if (f->args[i].def->role == IROLE_NODE_ID) id = f->args[i].value;
    /* no models (an empty schema is valid): nothing can match, and coalesce() needs two
     * arguments */
    if (!id || id->kind != VAL_STRING || dm->n_models == 0) {
        buf_puts(cx->b, "NULL");
        return true;
    }
    unsigned n = cx_add_param(cx, (SqlParam){.kind = SQLP_TEXT, .s = id->s});
    /* Ids are unique across models: at most one lookup finds a row. */
    buf_puts(cx->b, "coalesce(");
    for (uint32_t k = 0; k < dm->n_models; k++) {
        const Model *m = dm->models[k];
        const PlanSel *sel = f->sel && f->sel->by_type ? f->sel->by_type[m->index] : f->sel;
        unsigned t = ++cx->n_alias;
        buf_puts(cx->b, "(SELECT ");
        if (!put_object(cx, m, t, sel, NULL)) return false;
        buf_puts(cx->b, " FROM ");
        sql_ident(cx->b, m->name);
        buf_printf(cx->b, " AS t%u WHERE t%u.\"id\" = ", t, t);
        sql_placeholder(cx->d, cx->b, n);
        buf_puts(cx->b, "), ");
    }
    buf_puts(cx->b, "NULL)");
    return true;
}

bool sql_compile_query(SqlPlan *p, const PlanField *f, SqlQuery *q, FieldError *err)
{
    Cx cx;
    cx_init(&cx, p, q, err, field_cost(f));
    buf_puts(cx.b, "SELECT ");
    const SField *sf = f->field;
    switch (sf->role) {
    case FROLE_QUERY_ALL:
        return put_list(&cx, sf->model, f, NULL, 0, f->sel, NULL);
    case FROLE_QUERY_META:
        return put_meta(&cx, sf->model, f, NULL, 0, NULL);
    case FROLE_QUERY_ONE:
        return compile_one(&cx, f);
    case FROLE_QUERY_NODE:
        return compile_node(&cx, f, p->dm);
    default:
        buf_puts(cx.b, "NULL");
        return true;
    }
}

bool sql_compile_node(SqlPlan *p, const Model *m, Str id, const PlanSel *sel, SqlQuery *q,
                      FieldError *err)
{
    Cx cx;
    cx_init(&cx, p, q, err, 2);
    buf_puts(cx.b, "SELECT ");
    return put_one(&cx, m, "id", (SqlParam){.kind = SQLP_TEXT, .s = id}, sel);
}

bool sql_compile_deferred(SqlPlan *p, uint32_t k, SqlQuery *q, FieldError *err)
{
    const SqlDeferred *d = &p->deferred[k];
    Cx cx;
    cx_init(&cx, p, q, err, field_cost(d->pf));
    /* Rebuild the response path of the field for its errors. */
    PathNode *up = NULL;
    for (uint32_t i = 0; i + 1 < d->path_len; i++) {
        PathNode *n = ARENA_NEW(p->a, PathNode);
        *n = (PathNode){up, d->path[i].key, d->path[i].index};
        up = n;
    }
    PathNode here = {up, d->pf->key, 0};
    /* Parameter 1 is the id list; the field's own parameters follow. */
    cx_add_param(&cx, (SqlParam){.kind = SQLP_NULL});
    unsigned t = ++cx.n_alias;
    buf_printf(cx.b, "SELECT t%u.\"id\", ", t);
    if (!put_relation(&cx, t, d->pf, &here)) return false;
    buf_puts(cx.b, " FROM ");
    sql_ident(cx.b, d->parent->name);
    buf_printf(cx.b, " AS t%u WHERE t%u.\"id\" IN ", t, t);
    sql_id_set(cx.d, cx.b);
    return true;
}
