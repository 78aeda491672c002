/* print.c - type references in GraphQL notation, and the canonical SDL of SIMPLE-API.md
 * §3.11: the types reachable from the roots (plus Node and its implementations), built-in
 * scalars and introspection types left out, everything sorted by name, no descriptions
 * and no directives. The result equals graphql-js's
 * printSchema(lexicographicSortSchema(schema)). */
#include <stdlib.h>
#include <string.h>

#include "graphql/print.h"
#include "schema/schema.h"

void typeref_print(const TypeRef *r, Buf *out)
{
    switch (r->kind) {
    case REF_NAMED:
        buf_puts(out, r->named->name);
        break;
    case REF_LIST:
        buf_putc(out, '[');
        typeref_print(r->of, out);
        buf_putc(out, ']');
        break;
    case REF_NON_NULL:
        typeref_print(r->of, out);
        buf_putc(out, '!');
        break;
    }
}

/* ---- values (argument defaults) ---- */

/* ---- sorting ---- */

static int cmp_type(const void *x, const void *y)
{
    return strcmp((*(const SType *const *)x)->name, (*(const SType *const *)y)->name);
}
static int cmp_field(const void *x, const void *y)
{
    return strcmp((*(const SField *const *)x)->name, (*(const SField *const *)y)->name);
}
static int cmp_input(const void *x, const void *y)
{
    return strcmp((*(const SInputValue *const *)x)->name, (*(const SInputValue *const *)y)->name);
}
static int cmp_value(const void *x, const void *y)
{
    return strcmp((*(const SEnumValue *const *)x)->name, (*(const SEnumValue *const *)y)->name);
}

/* Pointers to the n elements of `items` (element size sz), sorted with `cmp`. */
static const void **sorted(Arena *a, const void *items, uint32_t n, size_t sz,
                           int (*cmp)(const void *, const void *))
{
    const void **p = ARENA_ARRAY(a, const void *, n + 1);
    for (uint32_t i = 0; i < n; i++)
        p[i] = (const char *)items + i * sz;
    qsort(p, n, sizeof *p, cmp);
    return p;
}

/* ---- reachability ---- */

typedef struct Reach {
    Arena *a;
    Map seen;    /* name -> SType* */
    PtrVec list; /* types to print */
} Reach;

static void reach(Reach *r, const SType *t);

static void reach_ref(Reach *r, const TypeRef *t)
{
    reach(r, typeref_named(t));
}

static void reach(Reach *r, const SType *t)
{
    if (!t || t->role == TROLE_INTROSPECTION) return;
    if (map_getz(&r->seen, t->name)) return;
    map_put(&r->seen, t->name, strlen(t->name), (void *)t);
    if (t->role != TROLE_BUILTIN_SCALAR) ptrvec_push(r->a, &r->list, (void *)t);
    for (uint32_t i = 0; i < t->n_interfaces; i++)
        reach(r, t->interfaces[i]);
    for (uint32_t i = 0; i < t->n_fields; i++) {
        const SField *f = &t->fields[i];
        reach_ref(r, f->type);
        for (uint32_t k = 0; k < f->n_args; k++)
            reach_ref(r, f->args[k].type);
    }
    for (uint32_t i = 0; i < t->n_input_fields; i++)
        reach_ref(r, t->input_fields[i].type);
    if (t->kind == TK_UNION)
        for (uint32_t i = 0; i < t->n_possible_types; i++)
            reach(r, t->possible_types[i]);
}

/* ---- printing ---- */

static void print_input_value(Buf *out, const SInputValue *v)
{
    buf_puts(out, v->name);
    buf_puts(out, ": ");
    typeref_print(v->type, out);
    if (v->default_value) {
        buf_puts(out, " = ");
        gql_print_value(v->default_value, out);
    }
}

static void print_fields(Arena *a, Buf *out, const SType *t)
{
    const SField **fs =
        (const SField **)sorted(a, t->fields, t->n_fields, sizeof *t->fields, cmp_field);
    for (uint32_t i = 0; i < t->n_fields; i++) {
        const SField *f = fs[i];
        buf_puts(out, "  ");
        buf_puts(out, f->name);
        if (f->n_args) {
            const SInputValue **as =
                (const SInputValue **)sorted(a, f->args, f->n_args, sizeof *f->args, cmp_input);
            buf_putc(out, '(');
            for (uint32_t k = 0; k < f->n_args; k++) {
                if (k) buf_puts(out, ", ");
                print_input_value(out, as[k]);
            }
            buf_putc(out, ')');
        }
        buf_puts(out, ": ");
        typeref_print(f->type, out);
        buf_putc(out, '\n');
    }
}

static void print_type(Arena *a, Buf *out, const SType *t)
{
    switch (t->kind) {
    case TK_SCALAR:
        buf_printf(out, "scalar %s\n", t->name);
        return;
    case TK_UNION: {
        const SType **ms = ARENA_ARRAY(a, const SType *, t->n_possible_types + 1);
        if (t->n_possible_types) memcpy(ms, t->possible_types, sizeof *ms * t->n_possible_types);
        qsort(ms, t->n_possible_types, sizeof *ms, cmp_type);
        buf_printf(out, "union %s", t->name);
        for (uint32_t i = 0; i < t->n_possible_types; i++)
            buf_printf(out, "%s%s", i ? " | " : " = ", ms[i]->name);
        buf_putc(out, '\n');
        return;
    }
    case TK_OBJECT:
    case TK_INTERFACE: {
        buf_printf(out, "%s %s", t->kind == TK_OBJECT ? "type" : "interface", t->name);
        const SType **is = ARENA_ARRAY(a, const SType *, t->n_interfaces + 1);
        if (t->n_interfaces) memcpy(is, t->interfaces, sizeof *is * t->n_interfaces);
        qsort(is, t->n_interfaces, sizeof *is, cmp_type);
        for (uint32_t i = 0; i < t->n_interfaces; i++)
            buf_printf(out, "%s%s", i ? " & " : " implements ", is[i]->name);
        if (!t->n_fields) break;
        buf_puts(out, " {\n");
        print_fields(a, out, t);
        buf_puts(out, "}");
        break;
    }
    case TK_ENUM: {
        buf_printf(out, "enum %s", t->name);
        if (!t->n_values) break;
        buf_puts(out, " {\n");
        const SEnumValue **vs =
            (const SEnumValue **)sorted(a, t->values, t->n_values, sizeof *t->values, cmp_value);
        for (uint32_t i = 0; i < t->n_values; i++)
            buf_printf(out, "  %s\n", vs[i]->name);
        buf_puts(out, "}");
        break;
    }
    case TK_INPUT_OBJECT: {
        buf_printf(out, "input %s", t->name);
        if (!t->n_input_fields) break;
        buf_puts(out, " {\n");
        const SInputValue **fs = (const SInputValue **)sorted(a, t->input_fields, t->n_input_fields,
                                                              sizeof *t->input_fields, cmp_input);
        for (uint32_t i = 0; i < t->n_input_fields; i++) {
            buf_puts(out, "  ");
            print_input_value(out, fs[i]);
            buf_putc(out, '\n');
        }
        buf_puts(out, "}");
        break;
    }
    }
    buf_putc(out, '\n');
}

void schema_print_canonical(const Schema *s, Buf *out)
{
    Arena a;
    arena_init(&a, 16 * 1024);
    Reach r = {.a = &a};
    map_init(&r.seen, &a, s->n_types);
    reach(&r, s->query);
    reach(&r, s->mutation);
    reach(&r, s->subscription);
    const SType *node = schema_find_type(s, "Node", 4);
    reach(&r, node);
    for (uint32_t i = 0; node && i < node->n_possible_types; i++)
        reach(&r, node->possible_types[i]);

    const SType **ts = (const SType **)r.list.items;
    qsort(ts, r.list.n, sizeof *ts, cmp_type);
    for (uint32_t i = 0; i < r.list.n; i++) {
        if (i) buf_putc(out, '\n');
        print_type(&a, out, ts[i]);
    }
    arena_fini(&a);
}
