/* vars.c - variable coercion (GraphQL "CoerceVariableValues"): the request's JSON
 * variables, checked against the operation's variable definitions and turned into
 * Value trees, with graphql-js v16 messages (ERRORS.md §3).
 *
 * Runs after validation, so every variable type exists and is an input type. Values are
 * copied into the request arena: the jansson tree is only borrowed. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exec/internal.h"
#include "model/datetime.h"

/* graphql-js stops collecting variable errors at this count. */
#define MAX_VAR_ERRORS 50
#define MAX_PATH 256

/* ---- JSON output and graphql-js inspect() ---- */

/* A number the way JavaScript's String(n) shows it (close enough for messages: plain
 * integers below 1e21, else the shortest round-trip form). */
static void put_js_number(Buf *b, double v)
{
    if (!isfinite(v)) {
        buf_puts(b, isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e21) {
        buf_printf(b, "%.0f", v == 0 ? 0.0 : v);
        return;
    }
    char tmp[40];
    fmt_double_shortest(tmp, sizeof tmp, v);
    /* C writes exponents as e-07 / e+21; JavaScript as e-7 / e+21 */
    char *e = strchr(tmp, 'e');
    if (e && (e[1] == '-' || e[1] == '+') && e[2] == '0') memmove(e + 2, e + 3, strlen(e + 3) + 1);
    buf_puts(b, tmp);
}

void exec_write_json(Buf *b, json_t *j)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        buf_putc(b, '{');
        for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
            if (it != json_object_iter(j)) buf_putc(b, ',');
            json_put_cstr(b, json_object_iter_key(it));
            buf_putc(b, ':');
            exec_write_json(b, json_object_iter_value(it));
        }
        buf_putc(b, '}');
        break;
    }
    case JSON_ARRAY: {
        buf_putc(b, '[');
        for (size_t i = 0; i < json_array_size(j); i++) {
            if (i) buf_putc(b, ',');
            exec_write_json(b, json_array_get(j, i));
        }
        buf_putc(b, ']');
        break;
    }
    case JSON_STRING:
        json_put_string(b, json_string_value(j), json_string_length(j));
        break;
    case JSON_INTEGER:
        json_put_int(b, (long long)json_integer_value(j));
        break;
    case JSON_REAL:
        json_put_double(b, json_real_value(j));
        break;
    case JSON_TRUE:
        buf_puts(b, "true");
        break;
    case JSON_FALSE:
        buf_puts(b, "false");
        break;
    case JSON_NULL:
        buf_puts(b, "null");
        break;
    }
}

void exec_inspect_json(Buf *b, json_t *j, int depth)
{
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        if (json_object_size(j) == 0) {
            buf_puts(b, "{}");
            break;
        }
        if (depth > 2) {
            buf_puts(b, "[Object]");
            break;
        }
        buf_puts(b, "{ ");
        for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
            if (it != json_object_iter(j)) buf_puts(b, ", ");
            buf_printf(b, "%s: ", json_object_iter_key(it));
            exec_inspect_json(b, json_object_iter_value(it), depth + 1);
        }
        buf_puts(b, " }");
        break;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        if (n == 0) {
            buf_puts(b, "[]");
            break;
        }
        if (depth > 2) {
            buf_puts(b, "[Array]");
            break;
        }
        size_t shown = n < 10 ? n : 10;
        buf_putc(b, '[');
        for (size_t i = 0; i < shown; i++) {
            if (i) buf_puts(b, ", ");
            exec_inspect_json(b, json_array_get(j, i), depth + 1);
        }
        if (n - shown == 1)
            buf_puts(b, ", ... 1 more item");
        else if (n > shown)
            buf_printf(b, ", ... %zu more items", n - shown);
        buf_putc(b, ']');
        break;
    }
    case JSON_INTEGER:
        buf_printf(b, "%lld", (long long)json_integer_value(j));
        break;
    case JSON_REAL:
        put_js_number(b, json_real_value(j));
        break;
    default:
        exec_write_json(b, j);
        break;
    }
}

/* ---- coercion of one variable value ---- */

typedef struct VarCtx {
    ExecCtx *x;
    const GqlVarDef *def;
    PtrVec *errs;
    PathSeg path[MAX_PATH];
    uint32_t depth;
    bool failed;
} VarCtx;

static void path_push_key(VarCtx *c, const char *k)
{
    if (c->depth < MAX_PATH) c->path[c->depth] = (PathSeg){str_from(k), 0};
    c->depth++;
}
static void path_push_index(VarCtx *c, int i)
{
    if (c->depth < MAX_PATH) c->path[c->depth] = (PathSeg){STR_NULL, i};
    c->depth++;
}

/* graphql-js: `Variable "$v" got invalid value X at "v.a[0]"; reason`. */
static void fail(VarCtx *c, json_t *invalid, const char *reason)
{
    c->failed = true;
    if (c->errs->n >= MAX_VAR_ERRORS) return;
    Buf m;
    buf_init(&m, c->x->a, 128);
    buf_printf(&m, "Variable \"$%.*s\" got invalid value ", STR_FMT(c->def->name));
    exec_inspect_json(&m, invalid, 1);
    if (c->depth) {
        buf_printf(&m, " at \"%.*s", STR_FMT(c->def->name));
        uint32_t n = c->depth < MAX_PATH ? c->depth : MAX_PATH;
        for (uint32_t i = 0; i < n; i++) {
            if (c->path[i].key.ptr)
                buf_printf(&m, ".%.*s", STR_FMT(c->path[i].key));
            else
                buf_printf(&m, "[%d]", c->path[i].index);
        }
        buf_putc(&m, '"');
    }
    buf_printf(&m, "; %s", reason);
    ptrvec_push(c->x->a, c->errs, exec_req_error(c->x->a, m.data, c->def->loc));
}

static char *shown(VarCtx *c, json_t *j)
{
    Buf b;
    buf_init(&b, c->x->a, 32);
    exec_inspect_json(&b, j, 1);
    return b.data;
}

static Value *new_value(Arena *a, ValueKind k)
{
    Value *v = ARENA_NEW(a, Value);
    v->kind = k;
    return v;
}

static Str copy_str(Arena *a, json_t *j)
{
    size_t n = json_string_length(j);
    return (Str){arena_strndup(a, json_string_value(j), n), n};
}

/* Reads a JSON number that holds an integral value (JavaScript's Number.isInteger). */
static bool json_integral(json_t *j, double *out)
{
    if (json_is_integer(j)) {
        *out = (double)json_integer_value(j);
        return true;
    }
    if (json_is_real(j)) {
        double d = json_real_value(j);
        if (isfinite(d) && d == floor(d)) {
            *out = d;
            return true;
        }
    }
    return false;
}

static Value *coerce_scalar(VarCtx *c, json_t *j, const SType *t)
{
    Arena *a = c->x->a;
    const Schema *s = c->x->schema;
    Value *v;
    if (t == s->t_int) {
        double d;
        if (!json_integral(j, &d)) {
            fail(c, j,
                 arena_printf(a,
                              "Expected type \"Int\". Int cannot represent non-integer value: %s",
                              shown(c, j)));
            return NULL;
        }
        if (d < -2147483648.0 || d > 2147483647.0) {
            fail(c, j,
                 arena_printf(a,
                              "Expected type \"Int\". Int cannot represent non 32-bit signed "
                              "integer value: %s",
                              shown(c, j)));
            return NULL;
        }
        v = new_value(a, VAL_INT);
        v->i = json_is_integer(j) ? (long long)json_integer_value(j) : (long long)d;
        return v;
    }
    if (t == s->t_float) {
        if (!json_is_number(j)) {
            fail(c, j,
                 arena_printf(
                     a, "Expected type \"Float\". Float cannot represent non numeric value: %s",
                     shown(c, j)));
            return NULL;
        }
        v = new_value(a, VAL_FLOAT);
        v->f = json_number_value(j);
        return v;
    }
    if (t == s->t_string) {
        if (!json_is_string(j)) {
            fail(c, j,
                 arena_printf(
                     a, "Expected type \"String\". String cannot represent a non string value: %s",
                     shown(c, j)));
            return NULL;
        }
        v = new_value(a, VAL_STRING);
        v->s = copy_str(a, j);
        return v;
    }
    if (t == s->t_boolean) {
        if (!json_is_boolean(j)) {
            fail(c, j,
                 arena_printf(
                     a,
                     "Expected type \"Boolean\". Boolean cannot represent a non boolean value: %s",
                     shown(c, j)));
            return NULL;
        }
        v = new_value(a, VAL_BOOLEAN);
        v->b = json_is_true(j);
        return v;
    }
    if (t == s->t_id) {
        double d;
        v = new_value(a, VAL_STRING);
        if (json_is_string(j)) {
            v->s = copy_str(a, j);
        } else if (json_is_integer(j)) {
            v->s = str_from(arena_printf(a, "%lld", (long long)json_integer_value(j)));
        } else if (json_integral(j, &d) && fabs(d) < 1e21) {
            v->s = str_from(arena_printf(a, "%.0f", d));
        } else {
            fail(c, j,
                 arena_printf(a, "Expected type \"ID\". ID cannot represent value: %s",
                              shown(c, j)));
            return NULL;
        }
        return v;
    }
    if (t->role == TROLE_DATETIME) {
        long long ms;
        if (!json_is_string(j) ||
            !datetime_parse(json_string_value(j), json_string_length(j), &ms)) {
            fail(c, j, "Date value expected");
            return NULL;
        }
        v = new_value(a, VAL_STRING);
        v->s = copy_str(a, j);
        return v;
    }
    if (t->role == TROLE_JSON) {
        /* SIMPLE-API.md §2.7: from a variable, any JSON value; mutate/ checks the shape */
        Buf b;
        buf_init(&b, a, 64);
        exec_write_json(&b, j);
        v = new_value(a, VAL_JSON);
        v->s = buf_str(&b);
        return v;
    }
    fail(c, j, arena_printf(a, "Expected type \"%s\".", t->name));
    return NULL;
}

static Value *coerce_enum(VarCtx *c, json_t *j, const SType *t)
{
    Arena *a = c->x->a;
    if (!json_is_string(j)) {
        fail(c, j,
             arena_printf(a, "Enum \"%s\" cannot represent non-string value: %s.", t->name,
                          shown(c, j)));
        return NULL;
    }
    const SEnumValue *ev = stype_find_value(t, json_string_value(j), json_string_length(j));
    if (!ev) {
        fail(c, j,
             arena_printf(a, "Value %s does not exist in \"%s\" enum.", shown(c, j), t->name));
        return NULL;
    }
    Value *v = new_value(a, VAL_ENUM);
    v->s = str_from(ev->name);
    v->ev = ev;
    return v;
}

static Value *coerce_json(VarCtx *c, json_t *j, const TypeRef *t);

static Value *coerce_object(VarCtx *c, json_t *j, const SType *t)
{
    Arena *a = c->x->a;
    if (!json_is_object(j)) {
        fail(c, j, arena_printf(a, "Expected type \"%s\" to be an object.", t->name));
        return NULL;
    }
    /* errors in field definition order, then unknown fields (graphql-js order) */
    uint32_t n = t->n_input_fields;
    Value **got = ARENA_ARRAY(a, Value *, n ? n : 1);
    bool ok = true;
    for (uint32_t i = 0; i < n; i++) {
        const SInputValue *def = &t->input_fields[i];
        json_t *fv = json_object_get(j, def->name);
        if (fv) {
            path_push_key(c, def->name);
            got[i] = coerce_json(c, fv, def->type);
            c->depth--;
            ok &= got[i] != NULL;
        } else if (def->default_value) {
            const char *err = NULL;
            got[i] = exec_coerce_literal(c->x, def->default_value, def->type, &err);
        } else if (typeref_non_null(def->type)) {
            Buf tb;
            buf_init(&tb, a, 32);
            typeref_print(def->type, &tb);
            fail(c, j,
                 arena_printf(a, "Field \"%s\" of required type \"%s\" was not provided.",
                              def->name, tb.data));
            ok = false;
        }
    }
    for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
        const char *k = json_object_iter_key(it);
        if (stype_find_input_field(t, k, strlen(k))) continue;
        fail(c, j, arena_printf(a, "Field \"%s\" is not defined by type \"%s\".", k, t->name));
        ok = false;
    }
    if (!ok) return NULL;
    /* the Value lists present fields in input order, then defaulted ones */
    Value *v = new_value(a, VAL_OBJECT);
    v->fields = ARENA_ARRAY(a, ValueField, n ? n : 1);
    for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it)) {
        const char *k = json_object_iter_key(it);
        const SInputValue *def = stype_find_input_field(t, k, strlen(k));
        uint32_t i = (uint32_t)(def - t->input_fields);
        v->fields[v->n_fields++] = (ValueField){def, got[i]};
    }
    for (uint32_t i = 0; i < n; i++)
        if (got[i] && !json_object_get(j, t->input_fields[i].name))
            v->fields[v->n_fields++] = (ValueField){&t->input_fields[i], got[i]};
    return v;
}

static Value *coerce_json(VarCtx *c, json_t *j, const TypeRef *t)
{
    Arena *a = c->x->a;
    if (t->kind == REF_NON_NULL) {
        if (json_is_null(j)) {
            Buf tb;
            buf_init(&tb, a, 32);
            typeref_print(t, &tb);
            fail(c, j,
                 arena_printf(a, "Expected non-nullable type \"%s\" not to be null.", tb.data));
            return NULL;
        }
        return coerce_json(c, j, t->of);
    }
    if (json_is_null(j)) return new_value(a, VAL_NULL);
    if (t->kind == REF_LIST) {
        Value *v = new_value(a, VAL_LIST);
        if (!json_is_array(j)) {
            /* input coercion of lists: a single value becomes a one-element list */
            Value *item = coerce_json(c, j, t->of);
            if (!item) return NULL;
            v->items = ARENA_ARRAY(a, Value *, 1);
            v->items[0] = item;
            v->n_items = 1;
            return v;
        }
        size_t n = json_array_size(j);
        v->items = ARENA_ARRAY(a, Value *, n ? n : 1);
        bool ok = true;
        for (size_t i = 0; i < n; i++) {
            path_push_index(c, (int)i);
            Value *item = coerce_json(c, json_array_get(j, i), t->of);
            c->depth--;
            if (!item) ok = false;
            v->items[i] = item;
        }
        v->n_items = (uint32_t)n;
        return ok ? v : NULL;
    }
    const SType *named = t->named;
    switch (named->kind) {
    case TK_SCALAR:
        return coerce_scalar(c, j, named);
    case TK_ENUM:
        return coerce_enum(c, j, named);
    case TK_INPUT_OBJECT:
        return coerce_object(c, j, named);
    default:
        fail(c, j, arena_printf(a, "Expected type \"%s\".", named->name));
        return NULL;
    }
}

/* ---- the operation's variables ---- */

/* The schema type reference for a variable's declared type (validation has checked
 * that every named type exists). NULL if it does not. */
static const TypeRef *resolve_type(ExecCtx *x, const GqlTypeRef *g)
{
    TypeRef *r = ARENA_NEW(x->a, TypeRef);
    switch (g->kind) {
    case GQL_TYPE_NAMED:
        r->kind = REF_NAMED;
        r->named = schema_find_type(x->schema, g->name.ptr, g->name.len);
        return r->named ? r : NULL;
    case GQL_TYPE_LIST:
        r->kind = REF_LIST;
        break;
    case GQL_TYPE_NON_NULL:
        r->kind = REF_NON_NULL;
        break;
    }
    r->of = resolve_type(x, g->of);
    return r->of ? r : NULL;
}

bool exec_coerce_variables(ExecCtx *x, json_t *vars, PtrVec *errs)
{
    const GqlDefinition *op = x->op;
    map_init(&x->vars, x->a, op->n_var_defs ? op->n_var_defs : 1);
    if (vars && !json_is_object(vars)) vars = NULL;
    VarCtx *c = NULL;
    for (uint32_t i = 0; i < op->n_var_defs; i++) {
        const GqlVarDef *def = &op->var_defs[i];
        if (errs->n >= MAX_VAR_ERRORS) {
            ptrvec_push(x->a, errs,
                        exec_req_error(x->a,
                                       "Too many errors processing variables, error limit "
                                       "reached. Execution aborted.",
                                       (GqlLoc){0, 0}));
            return false;
        }
        const TypeRef *t = resolve_type(x, def->type);
        if (!t) continue; /* unknown type: a validation error already */
        Buf tb;
        buf_init(&tb, x->a, 32);
        typeref_print(t, &tb);
        char *name = arena_strndup(x->a, def->name.ptr, def->name.len);
        json_t *j = vars ? json_object_get(vars, name) : NULL;
        if (!j) {
            if (def->default_value) {
                const char *err = NULL;
                Value *v = exec_coerce_literal(x, def->default_value, t, &err);
                if (v) map_put(&x->vars, def->name.ptr, def->name.len, v);
            } else if (typeref_non_null(t)) {
                ptrvec_push(x->a, errs,
                            exec_req_error(x->a,
                                           arena_printf(x->a,
                                                        "Variable \"$%s\" of required type \"%s\" "
                                                        "was not provided.",
                                                        name, tb.data),
                                           def->loc));
            }
            continue;
        }
        if (json_is_null(j) && typeref_non_null(t)) {
            ptrvec_push(x->a, errs,
                        exec_req_error(x->a,
                                       arena_printf(x->a,
                                                    "Variable \"$%s\" of non-null type \"%s\" must "
                                                    "not be null.",
                                                    name, tb.data),
                                       def->loc));
            continue;
        }
        /* One context for all variables, not zero-filled: its path array is large
         * (MAX_PATH segments) and only the first `depth` entries are ever read. */
        if (!c) {
            c = arena_alloc(x->a, sizeof *c);
            c->x = x;
            c->errs = errs;
        }
        c->def = def;
        c->depth = 0;
        c->failed = false;
        Value *v = coerce_json(c, j, t);
        if (v && !c->failed) map_put(&x->vars, def->name.ptr, def->name.len, v);
    }
    return errs->n == 0;
}
