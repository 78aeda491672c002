/* filter.c - <M>Filter values as SQL conditions (SIMPLE-API.md §4.2).
 *
 * Each scalar operator spells out what happens for a null column (the spec's "v not
 * null and ..."), so that the conditions are two-valued where a NOT is applied on top
 * of them (`_every`). Strings compare through the NOCASE column collation (=, <, IN);
 * the substring operators fold both sides with lower() and use instr(), so `%` and `_`
 * are plain characters (on SQLite, _contains uses LIKE with an escaped pattern). Ids compare exactly (their column is BINARY). */
#include <stdio.h>

#include "model/datetime.h"
#include "sql/internal.h"

/* The parameter value for operand `v` of scalar field `f`. DateTime operands are
 * normalised to the stored text form so that text comparison is chronological. Returns
 * false if the operand cannot match anything (an unparsable DateTime). */
bool cx_operand(Cx *cx, const ModelField *f, const Value *v, SqlParam *out)
{
    *out = (SqlParam){.kind = SQLP_NULL};
    switch (v->kind) {
    case VAL_INT:
        if (f->scalar == SCALAR_FLOAT) {
            *out = (SqlParam){.kind = SQLP_FLOAT, .f = (double)v->i};
        } else if (f->scalar == SCALAR_ID || f->scalar == SCALAR_STRING) {
            *out = (SqlParam){.kind = SQLP_TEXT, .s = str_from(arena_printf(cx->a, "%lld", v->i))};
        } else {
            *out = (SqlParam){.kind = SQLP_INT, .i = v->i};
        }
        return true;
    case VAL_FLOAT:
        *out = (SqlParam){.kind = SQLP_FLOAT, .f = v->f};
        return true;
    case VAL_BOOLEAN:
        *out = (SqlParam){.kind = SQLP_INT, .i = v->b ? 1 : 0};
        return true;
    case VAL_STRING:
    case VAL_ENUM:
    case VAL_JSON:
        if (f->scalar == SCALAR_DATETIME) {
            long long ms;
            if (!datetime_parse(v->s.ptr, v->s.len, &ms)) return false;
            char *text = arena_alloc(cx->a, 25);
            datetime_format(ms, text);
            *out = (SqlParam){.kind = SQLP_TEXT, .s = str_from(text)};
            return true;
        }
        *out = (SqlParam){.kind = SQLP_TEXT, .s = v->s};
        if (sql_folds(cx->d, f)) { /* compared with lower(column), see dialect.h */
            char *t = arena_strndup(cx->a, v->s.ptr, v->s.len);
            for (size_t i = 0; i < v->s.len; i++)
                if (t[i] >= 'A' && t[i] <= 'Z') t[i] = (char)(t[i] - 'A' + 'a');
            out->s = (Str){t, v->s.len};
        }
        return true;
    default:
        return false;
    }
}

static void put_false(Cx *cx)
{
    buf_puts(cx->b, "(1=0)");
}
static void put_true(Cx *cx)
{
    buf_puts(cx->b, "(1=1)");
}

/* Writes a parameter for `v` or, if it cannot match, returns false without writing. */
static bool put_operand(Cx *cx, const ModelField *f, const Value *v, unsigned *n)
{
    SqlParam p;
    if (!cx_operand(cx, f, v, &p)) return false;
    *n = cx_param(cx, p);
    return true;
}

/* Lists longer than this are passed as one JSON array parameter: the statement text
 * stays the same whatever the length, and SQLite's limit on parameters is not hit. */
#define LONG_LIST 16

/* Writes `SELECT value FROM json_each(?)` for the operands of an _in list. */
static void put_list_param(Cx *cx, const ModelField *f, const Value *v)
{
    Buf j;
    buf_init(&j, cx->a, 16 * (size_t)v->n_items + 2);
    buf_putc(&j, '[');
    for (uint32_t i = 0; i < v->n_items; i++) {
        SqlParam p;
        if (i) buf_putc(&j, ',');
        if (!cx_operand(cx, f, v->items[i], &p)) p.kind = SQLP_NULL;
        switch (p.kind) {
        case SQLP_INT:
            json_put_int(&j, p.i);
            break;
        case SQLP_FLOAT:
            json_put_double(&j, p.f);
            break;
        case SQLP_TEXT:
            json_put_str(&j, p.s);
            break;
        default:
            buf_puts(&j, "null");
            break;
        }
    }
    buf_putc(&j, ']');
    Buf ph;
    buf_init(&ph, cx->a, 8);
    sql_placeholder(cx->d, &ph, cx_add_param(cx, (SqlParam){.kind = SQLP_TEXT, .s = buf_str(&j)}));
    sql_json_values_for(cx->d, cx->b, ph.data, f);
}

static void scalar_condition(Cx *cx, const ModelField *f, FilterOp op, unsigned alias,
                             const Value *v)
{
    Buf *b = cx->b;
    const char *c = cx_col_str(cx, alias, f->name);
    bool is_null = !v || v->kind == VAL_NULL;
    Buf kb; /* the column as compared: lower()ed on PostgreSQL for strings */
    buf_init(&kb, cx->a, 64);
    sql_key(cx->d, &kb, c, f);
    const char *k = kb.data;
    unsigned n;

    switch (op) {
    case FOP_EQ:
        if (is_null) {
            buf_printf(b, "(%s IS NULL)", c);
        } else {
            buf_printf(b, "(%s = ", k);
            if (!put_operand(cx, f, v, &n)) buf_puts(b, "NULL");
            buf_putc(b, ')');
        }
        return;
    case FOP_NOT:
        if (is_null) {
            buf_printf(b, "(%s IS NOT NULL)", c);
        } else {
            buf_printf(b, "(%s IS NOT NULL AND %s <> ", c, k);
            if (!put_operand(cx, f, v, &n)) buf_puts(b, "NULL");
            buf_putc(b, ')');
        }
        return;
    case FOP_IN:
    case FOP_NOT_IN: {
        if (is_null || v->kind != VAL_LIST) {
            put_false(cx);
            return;
        }
        if (v->n_items == 0) {
            op == FOP_IN ? put_false(cx) : put_true(cx);
            return;
        }
        if (op == FOP_IN)
            buf_printf(b, "(%s IN (", k);
        else
            buf_printf(b, "(%s IS NOT NULL AND %s NOT IN (", c, k);
        if (v->n_items > LONG_LIST) {
            put_list_param(cx, f, v);
        } else {
            for (uint32_t i = 0; i < v->n_items; i++) {
                if (i) buf_puts(b, ", ");
                if (!put_operand(cx, f, v->items[i], &n)) buf_puts(b, "NULL");
            }
        }
        buf_puts(b, "))");
        return;
    }
    default:
        break;
    }

    if (is_null) {
        /* Every other operator with a null operand matches nothing (§4.2.3). */
        put_false(cx);
        return;
    }
    SqlParam p;
    if (!cx_operand(cx, f, v, &p)) {
        put_false(cx);
        return;
    }
    const char *cmp = NULL;
    switch (op) {
    case FOP_LT:
        cmp = "<";
        break;
    case FOP_LTE:
        cmp = "<=";
        break;
    case FOP_GT:
        cmp = ">";
        break;
    case FOP_GTE:
        cmp = ">=";
        break;
    default:
        break;
    }
    if (cmp) {
        buf_printf(b, "(%s IS NOT NULL AND %s %s ", c, k, cmp);
        cx_param(cx, p);
        buf_putc(b, ')');
        return;
    }

    /* Substring operators: literal, ASCII-case-insensitive for strings, exact for ids. */
    bool fold = f->scalar != SCALAR_ID;
    if (fold && cx->d == DIALECT_SQLITE && p.kind == SQLP_TEXT &&
        (op == FOP_CONTAINS || op == FOP_NOT_CONTAINS)) {
        /* SQLite's LIKE folds ASCII case only, like its lower(), so `c LIKE '%v%'` (with
         * % _ \ in v escaped) is the same test as instr(lower(c), lower(v)) > 0, and it
         * runs without building two lowered copies per row: a third fewer instructions
         * for the benchmark's Q2 (callgrind, 1000 rows scanned). */
        Buf pat;
        buf_init(&pat, cx->a, p.s.len + 3);
        buf_putc(&pat, '%');
        for (size_t i = 0; i < p.s.len; i++) {
            char ch = p.s.ptr[i];
            if (ch == '%' || ch == '_' || ch == '\\') buf_putc(&pat, '\\');
            buf_putc(&pat, ch);
        }
        buf_putc(&pat, '%');
        p.s = buf_str(&pat);
        buf_printf(b, "(%s IS NOT NULL AND %s %sLIKE ", c, c, op == FOP_CONTAINS ? "" : "NOT ");
        cx_param(cx, p);
        buf_puts(b, " ESCAPE '\\')");
        return;
    }
    Buf lc, lp;
    buf_init(&lc, cx->a, 64);
    buf_init(&lp, cx->a, 32);
    sql_lower(cx->d, &lc, c, fold);
    Buf ph;
    buf_init(&ph, cx->a, 8);
    sql_placeholder(cx->d, &ph, cx_add_param(cx, p));
    sql_lower(cx->d, &lp, ph.data, fold);

    switch (op) {
    case FOP_CONTAINS:
        buf_printf(b, "(%s IS NOT NULL AND %s(%s, %s) > 0)", c, sql_instr(cx->d), lc.data, lp.data);
        break;
    case FOP_NOT_CONTAINS:
        buf_printf(b, "(%s IS NOT NULL AND %s(%s, %s) = 0)", c, sql_instr(cx->d), lc.data, lp.data);
        break;
    case FOP_STARTS_WITH:
        /* instr() finds the first occurrence, which is at 1 iff the value starts with it. */
        buf_printf(b, "(%s IS NOT NULL AND %s(%s, %s) = 1)", c, sql_instr(cx->d), lc.data, lp.data);
        break;
    case FOP_NOT_STARTS_WITH:
        buf_printf(b, "(%s IS NOT NULL AND %s(%s, %s) <> 1)", c, sql_instr(cx->d), lc.data,
                   lp.data);
        break;
    case FOP_ENDS_WITH:
    case FOP_NOT_ENDS_WITH:
        buf_printf(b,
                   "(%s IS NOT NULL AND %s(length(%s) >= length(%s) AND "
                   "substr(%s, length(%s) - length(%s) + 1) = %s))", /* both dialects */
                   c, op == FOP_ENDS_WITH ? "" : "NOT ", c, ph.data, lc.data, c, ph.data, lp.data);
        break;
    default:
        put_false(cx);
        break;
    }
}

/* EXISTS (SELECT 1 FROM related rows of `f` WHERE <extra>) with the related row alias
 * returned so the caller can write the extra condition. Writes up to "WHERE <related>". */
static unsigned open_related(Cx *cx, const ModelField *f, unsigned parent, const char *prefix)
{
    unsigned child = ++cx->n_alias;
    const ModelRelation *rel = f->relation;
    buf_printf(cx->b, "%sEXISTS (SELECT 1 FROM ", prefix);
    if (!rel->single_field) {
        /* The relation table joined to the related rows: one probe of the parent's
         * edges, then a primary-key lookup per partner, instead of building the list
         * of partner ids for every parent row (`t.id IN (SELECT ...)`): 39% fewer
         * instructions for the benchmark's Q5 (callgrind, SQL alone). */
        unsigned r = ++cx->n_alias;
        const char *mine = f->is_side_a ? "A" : "B", *other = f->is_side_a ? "B" : "A";
        Buf t;
        buf_init(&t, cx->a, 32);
        buf_printf(&t, "_%s", rel->name);
        sql_ident(cx->b, t.data);
        buf_printf(cx->b, " AS r%u JOIN ", r);
        sql_ident(cx->b, f->related->name);
        buf_printf(cx->b, " AS t%u ON ", child);
        cx_col(cx, child, "id");
        buf_printf(cx->b, " = r%u.\"%s\" WHERE r%u.\"%s\" = ", r, other, r, mine);
        cx_col(cx, parent, "id");
        return child;
    }
    sql_ident(cx->b, f->related->name);
    buf_printf(cx->b, " AS t%u WHERE ", child);
    cx_related(cx, f, parent, child);
    return child;
}

/* Nesting costs (units of compile.c's cost model): a filter object with its AND chain,
 * and the EXISTS subquery of a relation condition. */
#define OBJECT_COST 1
#define RELATION_FILTER_COST 2

static bool filter_object(Cx *cx, const Model *m, unsigned alias, const Value *filter,
                          const PathNode *path, GqlLoc loc);

/* Writes the condition "row `child` of model r matches `filter`" as membership in an
 * id-set computed by a statement of its own. */
static bool idset_filter(Cx *cx, const Model *r, unsigned child, const Value *filter,
                         const PathNode *path, GqlLoc loc)
{
    SqlPlan *p = cx->plan;
    SqlQuery *q = ARENA_NEW(cx->a, SqlQuery);
    Cx sub;
    cx_init(&sub, p, q, cx->err, 1);
    unsigned t = ++sub.n_alias;
    buf_puts(sub.b, "SELECT ");
    sql_id_array_agg(sub.d, sub.b, cx_col_str(&sub, t, "id"));
    buf_puts(sub.b, " FROM ");
    sql_ident(sub.b, r->name);
    buf_printf(sub.b, " AS t%u WHERE ", t);
    sub.cost += OBJECT_COST;
    if (!filter_object(&sub, r, t, filter, path, loc)) return false;
    if (p->n_idsets == p->idsets_cap) {
        uint32_t cap = p->idsets_cap ? p->idsets_cap * 2 : 4;
        SqlQuery **n = ARENA_ARRAY(cx->a, SqlQuery *, cap);
        if (p->n_idsets) memcpy(n, p->idsets, sizeof *n * p->n_idsets);
        p->idsets = n;
        p->idsets_cap = cap;
    }
    p->idsets[p->n_idsets] = q;
    cx_col(cx, child, "id");
    buf_puts(cx->b, " IN (");
    Buf ph;
    buf_init(&ph, cx->a, 8);
    sql_placeholder(cx->d, &ph,
                    cx_add_param(cx, (SqlParam){.kind = SQLP_IDSET, .i = p->n_idsets++}));
    sql_json_values(cx->d, cx->b, ph.data);
    buf_putc(cx->b, ')');
    return true;
}

/* A filter nested in a relation condition: its subquery costs extra nesting. */
static bool sub_filter(Cx *cx, const Model *r, unsigned child, const Value *filter,
                       const PathNode *path, GqlLoc loc)
{
    cx->cost += RELATION_FILTER_COST;
    bool ok = cx_filter(cx, r, child, filter, path, loc);
    cx->cost -= RELATION_FILTER_COST;
    return ok;
}

/* "The related node through a relation table matches F" as membership of the parent's
 * id in the set of ids whose partner matches: `t.id IN (SELECT r.mine FROM _Rel JOIN
 * Related WHERE F)`. Uncorrelated, so SQLite may drive the outer query from the set
 * (a to-one condition such as author: {role: ADMIN} is usually selective), where a
 * correlated EXISTS forced a walk of the parent's order index with a probe per row:
 * benchmark Q5 (SQL alone, sqlite3 CLI) 77 ms -> 5 ms. Ids are never NULL, so IN
 * answers exactly as EXISTS did, also under NOT. */
static bool to_one_in(Cx *cx, const ModelField *f, unsigned parent, const Value *v,
                      const PathNode *path, GqlLoc loc)
{
    const ModelRelation *rel = f->relation;
    const char *mine = f->is_side_a ? "A" : "B", *other = f->is_side_a ? "B" : "A";
    unsigned child = ++cx->n_alias, r = ++cx->n_alias;
    Buf t;
    buf_init(&t, cx->a, 32);
    buf_printf(&t, "_%s", rel->name);
    cx_col(cx, parent, "id");
    buf_printf(cx->b, " IN (SELECT r%u.\"%s\" FROM ", r, mine);
    sql_ident(cx->b, t.data);
    buf_printf(cx->b, " AS r%u JOIN ", r);
    sql_ident(cx->b, f->related->name);
    buf_printf(cx->b, " AS t%u ON ", child);
    cx_col(cx, child, "id");
    buf_printf(cx->b, " = r%u.\"%s\" WHERE ", r, other);
    if (!sub_filter(cx, f->related, child, v, path, loc)) return false;
    buf_putc(cx->b, ')');
    return true;
}

static bool relation_condition(Cx *cx, const ModelField *f, InputRole role, unsigned alias,
                               const Value *v, const PathNode *path, GqlLoc loc)
{
    Buf *b = cx->b;
    bool is_null = !v || v->kind == VAL_NULL;
    if (is_null && role != IROLE_FILTER_TO_ONE) {
        const char *msg = arena_printf(
            cx->a, "The field '%s' is a toMany relation. This cannot be filtered by null.",
            f->name);
        return cx_fail(cx, path, loc, 3033, msg);
    }
    unsigned child;
    switch (role) {
    case IROLE_FILTER_TO_ONE:
        if (is_null) {
            open_related(cx, f, alias, "NOT ");
            buf_putc(b, ')');
            return true;
        }
        /* "has a related node and it matches F" */
        if (!f->relation->single_field) return to_one_in(cx, f, alias, v, path, loc);
        __attribute__((fallthrough));
    case IROLE_FILTER_SOME:
        child = open_related(cx, f, alias, "");
        buf_puts(b, " AND ");
        if (!sub_filter(cx, f->related, child, v, path, loc)) return false;
        buf_putc(b, ')');
        return true;
    case IROLE_FILTER_NONE:
        child = open_related(cx, f, alias, "NOT ");
        buf_puts(b, " AND ");
        if (!sub_filter(cx, f->related, child, v, path, loc)) return false;
        buf_putc(b, ')');
        return true;
    case IROLE_FILTER_EVERY:
        /* No related node fails F; coalesce makes an unknown count as failing. */
        child = open_related(cx, f, alias, "NOT ");
        buf_puts(b, " AND NOT coalesce(");
        if (!sub_filter(cx, f->related, child, v, path, loc)) return false;
        buf_puts(b, ", 1=0))");
        return true;
    default:
        put_true(cx);
        return true;
    }
}

/* AND / OR over a list of filters; null and empty lists impose no condition. */
static bool list_condition(Cx *cx, const Model *m, unsigned alias, const Value *v, bool is_or,
                           const PathNode *path, GqlLoc loc)
{
    if (!v || v->kind != VAL_LIST || v->n_items == 0) {
        put_true(cx);
        return true;
    }
    buf_putc(cx->b, '(');
    for (uint32_t i = 0; i < v->n_items; i++) {
        if (i) buf_puts(cx->b, is_or ? " OR " : " AND ");
        if (!cx_filter(cx, m, alias, v->items[i], path, loc)) return false;
    }
    buf_putc(cx->b, ')');
    return true;
}

bool cx_filter(Cx *cx, const Model *m, unsigned alias, const Value *filter, const PathNode *path,
               GqlLoc loc)
{
    if (!filter || filter->kind != VAL_OBJECT || filter->n_fields == 0) {
        put_true(cx);
        return true;
    }
    /* Too deep for one statement: the rows of m matching the filter are computed first
     * (the condition does not depend on the enclosing rows). */
    if (cx->cost + OBJECT_COST > cx->budget) return idset_filter(cx, m, alias, filter, path, loc);
    cx->cost += OBJECT_COST;
    bool ok = filter_object(cx, m, alias, filter, path, loc);
    cx->cost -= OBJECT_COST;
    return ok;
}

static bool filter_object(Cx *cx, const Model *m, unsigned alias, const Value *filter,
                          const PathNode *path, GqlLoc loc)
{
    buf_putc(cx->b, '(');
    for (uint32_t i = 0; i < filter->n_fields; i++) {
        const SInputValue *def = filter->fields[i].def;
        const Value *v = filter->fields[i].value;
        if (i) buf_puts(cx->b, " AND ");
        switch (def->role) {
        case IROLE_FILTER_AND:
        case IROLE_FILTER_OR:
            if (!list_condition(cx, m, alias, v, def->role == IROLE_FILTER_OR, path, loc))
                return false;
            break;
        case IROLE_FILTER_SCALAR:
            scalar_condition(cx, def->mfield, def->op, alias, v);
            break;
        case IROLE_FILTER_TO_ONE:
        case IROLE_FILTER_SOME:
        case IROLE_FILTER_EVERY:
        case IROLE_FILTER_NONE:
            if (!relation_condition(cx, def->mfield, def->role, alias, v, path, loc)) return false;
            break;
        default:
            put_true(cx);
            break;
        }
    }
    buf_putc(cx->b, ')');
    return true;
}
