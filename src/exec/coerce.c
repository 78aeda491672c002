/* coerce.c - argument coercion (GraphQL "CoerceArgumentValues" / valueFromAST): literal
 * values of the query, with variables substituted, turned into Value trees of the
 * argument's schema type, plus value_field() and plan_arg() of plan.h.
 *
 * Validation has already checked every literal against its type (including the JSON
 * text of Json literals), so failures here are rare; they become field errors. Absent and explicit
 * null stay distinct (SIMPLE-API.md §2.10): a variable that was not provided makes its
 * argument or input field absent. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exec/internal.h"
#include "graphql/print.h"
#include "model/datetime.h"

const Value *value_field(const Value *obj, const char *name)
{
    if (!obj || obj->kind != VAL_OBJECT) return NULL;
    for (uint32_t i = 0; i < obj->n_fields; i++)
        if (strcmp(obj->fields[i].def->name, name) == 0) return obj->fields[i].value;
    return NULL;
}

const Value *plan_arg(const PlanField *f, const char *name)
{
    for (uint32_t i = 0; i < f->n_args; i++)
        if (strcmp(f->args[i].def->name, name) == 0) return f->args[i].value;
    return NULL;
}

bool exec_int32_ok(long long v)
{
    return v >= -2147483648LL && v <= 2147483647LL;
}

static Value *new_value(Arena *a, ValueKind k)
{
    Value *v = ARENA_NEW(a, Value);
    v->kind = k;
    return v;
}

/* `Expected value of type "T", found <literal>.` as graphql-js words it. */
static const char *bad_literal(ExecCtx *x, const GqlValue *g, const SType *t, const char *reason)
{
    Buf b;
    buf_init(&b, x->a, 64);
    buf_printf(&b, "Expected value of type \"%s\", found ", t->name);
    gql_print_value(g, &b);
    if (reason)
        buf_printf(&b, "; %s", reason);
    else
        buf_putc(&b, '.');
    return b.data;
}

static Value *coerce_scalar(ExecCtx *x, const GqlValue *g, const SType *t, const char **err)
{
    const Schema *s = x->schema;
    Value *v;
    if (t == s->t_int) {
        if (g->kind != GQL_VAL_INT) goto bad;
        char *text = arena_strndup(x->a, g->str.ptr, g->str.len);
        errno = 0;
        long long n = strtoll(text, NULL, 10);
        if (errno || !exec_int32_ok(n)) goto bad;
        v = new_value(x->a, VAL_INT);
        v->i = n;
        return v;
    }
    if (t == s->t_float) {
        if (g->kind != GQL_VAL_INT && g->kind != GQL_VAL_FLOAT) goto bad;
        double d = strtod(arena_strndup(x->a, g->str.ptr, g->str.len), NULL);
        if (!isfinite(d)) goto bad;
        v = new_value(x->a, VAL_FLOAT);
        v->f = d;
        return v;
    }
    if (t == s->t_string) {
        if (g->kind != GQL_VAL_STRING) goto bad;
        v = new_value(x->a, VAL_STRING);
        v->s = g->str;
        return v;
    }
    if (t == s->t_boolean) {
        if (g->kind != GQL_VAL_BOOLEAN) goto bad;
        v = new_value(x->a, VAL_BOOLEAN);
        v->b = g->boolean;
        return v;
    }
    if (t == s->t_id) {
        /* ID accepts string and integer literals; integers become their decimal text */
        if (g->kind != GQL_VAL_STRING && g->kind != GQL_VAL_INT) goto bad;
        v = new_value(x->a, VAL_STRING);
        v->s = g->str;
        return v;
    }
    if (t->role == TROLE_DATETIME) {
        long long ms;
        if (g->kind != GQL_VAL_STRING || !datetime_parse(g->str.ptr, g->str.len, &ms)) {
            *err = bad_literal(x, g, t, "Date value expected");
            return NULL;
        }
        v = new_value(x->a, VAL_STRING);
        v->s = g->str;
        return v;
    }
    if (t->role == TROLE_JSON) {
        /* inline Json must be a string literal holding JSON text (SIMPLE-API.md §2.7);
           validation has parsed the text already, so only the literal kind is checked */
        if (g->kind != GQL_VAL_STRING) {
            *err = bad_literal(x, g, t, "Not valid JSON");
            return NULL;
        }
        v = new_value(x->a, VAL_STRING);
        v->s = g->str;
        return v;
    }
bad:
    *err = bad_literal(x, g, t, NULL);
    return NULL;
}

static Value *coerce_object(ExecCtx *x, const GqlValue *g, const SType *t, const char **err)
{
    if (g->kind != GQL_VAL_OBJECT) {
        *err = bad_literal(x, g, t, NULL);
        return NULL;
    }
    Value *v = new_value(x->a, VAL_OBJECT);
    v->fields = ARENA_ARRAY(x->a, ValueField, t->n_input_fields ? t->n_input_fields : 1);
    for (uint32_t i = 0; i < g->n_fields; i++) {
        const GqlArgument *f = &g->fields[i];
        const SInputValue *def = stype_find_input_field(t, f->name.ptr, f->name.len);
        if (!def) {
            *err = arena_printf(x->a, "Field \"%.*s\" is not defined by type \"%s\".",
                                STR_FMT(f->name), t->name);
            return NULL;
        }
        Value *r = exec_coerce_literal(x, f->value, def->type, err);
        if (*err) return NULL;
        if (!r) continue; /* a variable that was not provided: the field is absent */
        if (r->kind == VAL_NULL && typeref_non_null(def->type)) {
            *err = bad_literal(x, g, t, NULL);
            return NULL;
        }
        bool dup = false;
        for (uint32_t k = 0; k < v->n_fields; k++)
            dup |= v->fields[k].def == def;
        if (!dup) v->fields[v->n_fields++] = (ValueField){def, r};
    }
    for (uint32_t i = 0; i < t->n_input_fields; i++) {
        const SInputValue *def = &t->input_fields[i];
        bool present = false;
        for (uint32_t k = 0; k < v->n_fields; k++)
            present |= v->fields[k].def == def;
        if (present) continue;
        if (def->default_value) {
            Value *r = exec_coerce_literal(x, def->default_value, def->type, err);
            if (*err) return NULL;
            if (r) v->fields[v->n_fields++] = (ValueField){def, r};
        } else if (typeref_non_null(def->type)) {
            Buf tb;
            buf_init(&tb, x->a, 32);
            typeref_print(def->type, &tb);
            *err = arena_printf(x->a, "Field \"%s.%s\" of required type \"%s\" was not provided.",
                                t->name, def->name, tb.data);
            return NULL;
        }
    }
    return v;
}

Value *exec_coerce_literal(ExecCtx *x, const GqlValue *g, const TypeRef *t, const char **err)
{
    *err = NULL;
    if (g->kind == GQL_VAL_VARIABLE) {
        /* variables were coerced to their declared type, which validation has checked
           is compatible with this position */
        Value *v = map_gets(&x->vars, g->str);
        if (v && v->kind == VAL_NULL && typeref_non_null(t)) {
            *err = arena_printf(x->a, "Variable \"$%.*s\" of non-null type must not be null.",
                                STR_FMT(g->str));
            return NULL;
        }
        return v;
    }
    if (t->kind == REF_NON_NULL) {
        if (g->kind == GQL_VAL_NULL) {
            Buf tb;
            buf_init(&tb, x->a, 32);
            typeref_print(t, &tb);
            *err = arena_printf(x->a, "Expected value of type \"%s\", found null.", tb.data);
            return NULL;
        }
        return exec_coerce_literal(x, g, t->of, err);
    }
    if (g->kind == GQL_VAL_NULL) return new_value(x->a, VAL_NULL);
    if (t->kind == REF_LIST) {
        Value *v = new_value(x->a, VAL_LIST);
        if (g->kind != GQL_VAL_LIST) {
            Value *item = exec_coerce_literal(x, g, t->of, err);
            if (*err) return NULL;
            if (!item) return NULL; /* absent variable as the whole value */
            v->items = ARENA_ARRAY(x->a, Value *, 1);
            v->items[0] = item;
            v->n_items = 1;
            return v;
        }
        v->items = ARENA_ARRAY(x->a, Value *, g->n_items ? g->n_items : 1);
        for (uint32_t i = 0; i < g->n_items; i++) {
            Value *item = exec_coerce_literal(x, g->items[i], t->of, err);
            if (*err) return NULL;
            /* an item that is an absent variable is null (graphql-js valueFromAST) */
            if (!item) item = new_value(x->a, VAL_NULL);
            if (item->kind == VAL_NULL && typeref_non_null(t->of)) {
                *err = arena_printf(x->a, "Expected value of type \"%s\", found null.",
                                    typeref_named(t->of)->name);
                return NULL;
            }
            v->items[v->n_items++] = item;
        }
        return v;
    }
    const SType *named = t->named;
    switch (named->kind) {
    case TK_SCALAR:
        return coerce_scalar(x, g, named, err);
    case TK_ENUM: {
        const SEnumValue *ev =
            g->kind == GQL_VAL_ENUM ? stype_find_value(named, g->str.ptr, g->str.len) : NULL;
        if (!ev) {
            if (g->kind == GQL_VAL_ENUM)
                *err = arena_printf(x->a, "Value \"%.*s\" does not exist in \"%s\" enum.",
                                    STR_FMT(g->str), named->name);
            else
                *err = bad_literal(x, g, named, NULL);
            return NULL;
        }
        Value *v = new_value(x->a, VAL_ENUM);
        v->s = str_from(ev->name);
        v->ev = ev;
        return v;
    }
    case TK_INPUT_OBJECT:
        return coerce_object(x, g, named, err);
    default:
        *err = bad_literal(x, g, named, NULL);
        return NULL;
    }
}

bool exec_coerce_args(ExecCtx *x, const SInputValue *defs, uint32_t n_defs, const GqlArgument *args,
                      uint32_t n_args, ValueField **out, uint32_t *n_out, const char **err)
{
    ValueField *fields = ARENA_ARRAY(x->a, ValueField, n_defs ? n_defs : 1);
    uint32_t n = 0;
    *err = NULL;
    for (uint32_t i = 0; i < n_defs; i++) {
        const SInputValue *def = &defs[i];
        const GqlArgument *given = NULL;
        for (uint32_t k = 0; k < n_args && !given; k++)
            if (str_eqz(args[k].name, def->name)) given = &args[k];
        Value *v = NULL;
        Buf tb;
        buf_init(&tb, x->a, 32);
        typeref_print(def->type, &tb);
        if (given && given->value->kind == GQL_VAL_VARIABLE) {
            /* graphql-js getArgumentValues: a variable given directly as the argument */
            Str var = given->value->str;
            v = map_gets(&x->vars, var);
            if (v && v->kind == VAL_NULL && typeref_non_null(def->type)) {
                *err =
                    arena_printf(x->a, "Argument \"%s\" of non-null type \"%s\" must not be null.",
                                 def->name, tb.data);
                return false;
            }
            if (!v && !def->default_value && typeref_non_null(def->type)) {
                *err = arena_printf(x->a,
                                    "Argument \"%s\" of required type \"%s\" was provided the "
                                    "variable \"$%.*s\" which was not provided a runtime value.",
                                    def->name, tb.data, STR_FMT(var));
                return false;
            }
        } else if (given) {
            const char *e = NULL;
            v = exec_coerce_literal(x, given->value, def->type, &e);
            if (e) {
                Buf b;
                buf_init(&b, x->a, 64);
                buf_printf(&b, "Argument \"%s\" has invalid value ", def->name);
                gql_print_value(given->value, &b);
                buf_printf(&b, ". %s", e);
                *err = b.data;
                return false;
            }
        }
        if (!v && def->default_value) {
            const char *e = NULL;
            v = exec_coerce_literal(x, def->default_value, def->type, &e);
            if (e) {
                *err = e;
                return false;
            }
        }
        if (!v && typeref_non_null(def->type)) {
            *err = arena_printf(x->a, "Argument \"%s\" of required type \"%s\" was not provided.",
                                def->name, tb.data);
            return false;
        }
        if (v) fields[n++] = (ValueField){def, v};
    }
    *out = fields;
    *n_out = n;
    return true;
}
