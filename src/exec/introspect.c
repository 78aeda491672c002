/* introspect.c - resolves Query.__schema and Query.__type: walks the in-memory schema and
 * writes the selected introspection objects (__Schema, __Type, __Field, __InputValue,
 * __EnumValue, __Directive) straight as JSON, in selection order.
 *
 * A __Type is a named type or a LIST / NON_NULL wrapper of a TypeRef chain. Members are
 * listed in the schema's natural order; deprecated fields and enum values are hidden
 * unless includeDeprecated is true; default values are printed as GraphQL literals
 * (graphql-js astFromValue + print). Introspection fields cannot fail, so nothing here
 * produces errors. */
#include <string.h>

#include "exec/internal.h"
#include "graphql/print.h"

static const char *const kind_names[] = {
    [TK_SCALAR] = "SCALAR", [TK_OBJECT] = "OBJECT", [TK_INTERFACE] = "INTERFACE",
    [TK_UNION] = "UNION",   [TK_ENUM] = "ENUM",     [TK_INPUT_OBJECT] = "INPUT_OBJECT",
};

static bool is(const PlanField *f, const char *name)
{
    return f->field && strcmp(f->field->name, name) == 0;
}

static void key(Buf *b, uint32_t i, const PlanField *f)
{
    if (i) buf_putc(b, ',');
    json_put_str(b, f->key);
    buf_putc(b, ':');
}

static void put_opt_string(Buf *b, const char *s)
{
    if (s)
        json_put_cstr(b, s);
    else
        buf_puts(b, "null");
}

static bool include_deprecated(const PlanField *f)
{
    const Value *v = plan_arg(f, "includeDeprecated");
    return v && v->kind == VAL_BOOLEAN && v->b;
}

static void write_type(ExecCtx *x, const TypeRef *r, const SType *named, const PlanSel *sel,
                       Buf *out);

/* Stops writing once the output is over the cap; execute.c turns the flag into an
 * error for the root field. */
static bool over(ExecCtx *x, Buf *out)
{
    if (out->len > EXEC_MAX_INTRO_BYTES) x->too_large = true;
    if (x->too_large) buf_puts(out, "null");
    return x->too_large;
}

static void write_named(ExecCtx *x, const SType *t, const PlanSel *sel, Buf *out)
{
    if (!t)
        buf_puts(out, "null");
    else
        write_type(x, NULL, t, sel, out);
}

static void write_type_list(ExecCtx *x, const SType *const *types, uint32_t n, const PlanSel *sel,
                            Buf *out)
{
    buf_putc(out, '[');
    for (uint32_t i = 0; i < n; i++) {
        if (i) buf_putc(out, ',');
        write_named(x, types[i], sel, out);
    }
    buf_putc(out, ']');
}

static void write_input_value(ExecCtx *x, const SInputValue *v, const PlanSel *sel, Buf *out)
{
    if (over(x, out)) return;
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        key(out, i, f);
        if (f->is_typename)
            json_put_cstr(out, sel->type->name);
        else if (is(f, "name"))
            json_put_cstr(out, v->name);
        else if (is(f, "description"))
            put_opt_string(out, v->description);
        else if (is(f, "type"))
            write_type(x, v->type, NULL, f->sel, out);
        else if (is(f, "defaultValue")) {
            if (v->default_value) {
                Buf t;
                buf_init(&t, x->a, 32);
                gql_print_value(v->default_value, &t);
                json_put_str(out, buf_str(&t));
            } else {
                buf_puts(out, "null");
            }
        } else if (is(f, "isDeprecated"))
            buf_puts(out, "false");
        else
            buf_puts(out, "null"); /* deprecationReason */
    }
    buf_putc(out, '}');
}

static void write_input_values(ExecCtx *x, const SInputValue *vs, uint32_t n, const PlanSel *sel,
                               Buf *out)
{
    buf_putc(out, '[');
    for (uint32_t i = 0; i < n; i++) {
        if (i) buf_putc(out, ',');
        write_input_value(x, &vs[i], sel, out);
    }
    buf_putc(out, ']');
}

static void write_field(ExecCtx *x, const SField *sf, const PlanSel *sel, Buf *out)
{
    if (over(x, out)) return;
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        key(out, i, f);
        if (f->is_typename)
            json_put_cstr(out, sel->type->name);
        else if (is(f, "name"))
            json_put_cstr(out, sf->name);
        else if (is(f, "description"))
            put_opt_string(out, sf->description);
        else if (is(f, "args"))
            write_input_values(x, sf->args, sf->n_args, f->sel, out);
        else if (is(f, "type"))
            write_type(x, sf->type, NULL, f->sel, out);
        else if (is(f, "isDeprecated"))
            buf_puts(out, sf->deprecated ? "true" : "false");
        else if (is(f, "deprecationReason"))
            put_opt_string(out, sf->deprecated ? sf->deprecation_reason : NULL);
        else
            buf_puts(out, "null");
    }
    buf_putc(out, '}');
}

static void write_enum_value(const SEnumValue *ev, const PlanSel *sel, Buf *out)
{
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        key(out, i, f);
        if (f->is_typename)
            json_put_cstr(out, sel->type->name);
        else if (is(f, "name"))
            json_put_cstr(out, ev->name);
        else if (is(f, "description"))
            put_opt_string(out, ev->description);
        else if (is(f, "isDeprecated"))
            buf_puts(out, ev->deprecated ? "true" : "false");
        else if (is(f, "deprecationReason"))
            put_opt_string(out, ev->deprecated ? ev->deprecation_reason : NULL);
        else
            buf_puts(out, "null");
    }
    buf_putc(out, '}');
}

/* The value of one __Type field for a named type `t`. */
static void write_named_member(ExecCtx *x, const SType *t, const PlanField *f, Buf *out)
{
    bool all = include_deprecated(f);
    bool first = true;
    if (is(f, "fields")) {
        if (t->kind != TK_OBJECT && t->kind != TK_INTERFACE) {
            buf_puts(out, "null");
            return;
        }
        buf_putc(out, '[');
        for (uint32_t i = 0; i < t->n_fields; i++) {
            if (t->fields[i].deprecated && !all) continue;
            if (!first) buf_putc(out, ',');
            first = false;
            write_field(x, &t->fields[i], f->sel, out);
        }
        buf_putc(out, ']');
    } else if (is(f, "interfaces")) {
        if (t->kind == TK_OBJECT || t->kind == TK_INTERFACE)
            write_type_list(x, t->interfaces, t->n_interfaces, f->sel, out);
        else
            buf_puts(out, "null");
    } else if (is(f, "possibleTypes")) {
        if (t->kind == TK_INTERFACE || t->kind == TK_UNION)
            write_type_list(x, t->possible_types, t->n_possible_types, f->sel, out);
        else
            buf_puts(out, "null");
    } else if (is(f, "enumValues")) {
        if (t->kind != TK_ENUM) {
            buf_puts(out, "null");
            return;
        }
        buf_putc(out, '[');
        for (uint32_t i = 0; i < t->n_values; i++) {
            if (t->values[i].deprecated && !all) continue;
            if (!first) buf_putc(out, ',');
            first = false;
            write_enum_value(&t->values[i], f->sel, out);
        }
        buf_putc(out, ']');
    } else if (is(f, "inputFields")) {
        if (t->kind != TK_INPUT_OBJECT)
            buf_puts(out, "null");
        else
            write_input_values(x, t->input_fields, t->n_input_fields, f->sel, out);
    } else {
        buf_puts(out, "null");
    }
}

/* `r` NULL: the named type `named` itself; else the (possibly wrapping) reference. */
static void write_type(ExecCtx *x, const TypeRef *r, const SType *named, const PlanSel *sel,
                       Buf *out)
{
    if (over(x, out)) return;
    if (r && r->kind == REF_NAMED) {
        named = r->named;
        r = NULL;
    }
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        key(out, i, f);
        if (f->is_typename) {
            json_put_cstr(out, sel->type->name);
        } else if (is(f, "kind")) {
            json_put_cstr(out, r ? (r->kind == REF_LIST ? "LIST" : "NON_NULL")
                                 : kind_names[named->kind]);
        } else if (is(f, "ofType")) {
            if (r)
                write_type(x, r->of, NULL, f->sel, out);
            else
                buf_puts(out, "null");
        } else if (r) {
            buf_puts(out, "null"); /* wrappers have no name, members or description */
        } else if (is(f, "name")) {
            json_put_cstr(out, named->name);
        } else if (is(f, "description")) {
            put_opt_string(out, named->description);
        } else if (is(f, "specifiedByURL") || is(f, "specifiedByUrl")) {
            buf_puts(out, "null");
        } else {
            write_named_member(x, named, f, out);
        }
    }
    buf_putc(out, '}');
}

static void write_directive(ExecCtx *x, const SDirective *d, const PlanSel *sel, Buf *out)
{
    if (over(x, out)) return;
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        key(out, i, f);
        if (f->is_typename) {
            json_put_cstr(out, sel->type->name);
        } else if (is(f, "name")) {
            json_put_cstr(out, d->name);
        } else if (is(f, "description")) {
            put_opt_string(out, d->description);
        } else if (is(f, "isRepeatable")) {
            buf_puts(out, d->repeatable ? "true" : "false");
        } else if (is(f, "locations")) {
            buf_putc(out, '[');
            for (uint32_t k = 0; k < d->n_locations; k++) {
                if (k) buf_putc(out, ',');
                json_put_cstr(out, d->locations[k]);
            }
            buf_putc(out, ']');
        } else if (is(f, "args")) {
            write_input_values(x, d->args, d->n_args, f->sel, out);
        } else {
            buf_puts(out, "null");
        }
    }
    buf_putc(out, '}');
}

void exec_intro_schema(ExecCtx *x, const PlanField *pf, Buf *out)
{
    const Schema *s = x->schema;
    const PlanSel *sel = pf->sel;
    buf_putc(out, '{');
    for (uint32_t i = 0; i < sel->n; i++) {
        const PlanField *f = &sel->fields[i];
        key(out, i, f);
        if (f->is_typename) {
            json_put_cstr(out, sel->type->name);
        } else if (is(f, "types")) {
            write_type_list(x, s->types, s->n_types, f->sel, out);
        } else if (is(f, "queryType")) {
            write_named(x, s->query, f->sel, out);
        } else if (is(f, "mutationType")) {
            write_named(x, s->mutation, f->sel, out);
        } else if (is(f, "subscriptionType")) {
            write_named(x, s->subscription, f->sel, out);
        } else if (is(f, "directives")) {
            buf_putc(out, '[');
            for (uint32_t k = 0; k < s->n_directives; k++) {
                if (k) buf_putc(out, ',');
                write_directive(x, s->directives[k], f->sel, out);
            }
            buf_putc(out, ']');
        } else {
            buf_puts(out, "null"); /* description */
        }
    }
    buf_putc(out, '}');
}

void exec_intro_type(ExecCtx *x, const PlanField *pf, Buf *out)
{
    const Value *name = plan_arg(pf, "name");
    const SType *t = NULL;
    if (name && name->kind == VAL_STRING) t = schema_find_type(x->schema, name->s.ptr, name->s.len);
    write_named(x, t, pf->sel, out);
}
