/* validate_types.c - type predicates and lookups the validation rules share (graphql-js
 * type/definition.js and utilities/typeComparators.js, over schema.h's types).
 *
 * Lookups go through the schema's Maps directly so the validator does not depend on
 * anything but the Schema layout. Type references built from the document are allocated
 * in the request arena, so types are compared structurally (vt_equal), never by address
 * of the wrapper. */
#include "exec/validate_internal.h"

#include <string.h>

/* ---- predicates ---- */

bool vt_is_composite(const SType *t)
{
    return t && (t->kind == TK_OBJECT || t->kind == TK_INTERFACE || t->kind == TK_UNION);
}
bool vt_is_leaf(const SType *t) { return t && (t->kind == TK_SCALAR || t->kind == TK_ENUM); }
bool vt_is_input(const SType *t) { return t && (vt_is_leaf(t) || t->kind == TK_INPUT_OBJECT); }
bool vt_is_output(const SType *t) { return t && t->kind != TK_INPUT_OBJECT; }
bool vt_is_abstract(const SType *t)
{
    return t && (t->kind == TK_INTERFACE || t->kind == TK_UNION);
}
bool vt_ref_is_input(const TypeRef *r) { return r && vt_is_input(typeref_named(r)); }

const TypeRef *vt_nullable(const TypeRef *r)
{
    return r && r->kind == REF_NON_NULL ? r->of : r;
}

/* ---- lookups ---- */

const SType *vt_lookup(const VCtx *c, Str name)
{
    return map_gets(&c->schema->type_map, name);
}

/* Names starting with "__" are reserved for introspection: no type declares such a field
 * (graphql-js getFields() never lists the meta fields, which the schema keeps in the query
 * type's map). */
const SField *vt_field(const SType *t, Str name)
{
    if (!t || (t->kind != TK_OBJECT && t->kind != TK_INTERFACE)) return NULL;
    if (name.len >= 2 && name.ptr[0] == '_' && name.ptr[1] == '_') return NULL;
    return map_gets(&t->field_map, name);
}

const SField *vt_field_def(const VCtx *c, const SType *parent, Str name)
{
    if (!parent) return NULL;
    if (parent == c->schema->query) {
        if (str_eqz(name, "__schema")) return c->schema_field;
        if (str_eqz(name, "__type")) return c->type_field;
    }
    if (str_eqz(name, "__typename") && vt_is_composite(parent)) return &c->typename_def;
    return vt_field(parent, name);
}

const SInputValue *vt_arg(const SInputValue *args, uint32_t n, Str name)
{
    for (uint32_t i = 0; i < n; i++)
        if (str_eqz(name, args[i].name)) return &args[i];
    return NULL;
}

const SInputValue *vt_input_field(const SType *t, Str name)
{
    if (!t || t->kind != TK_INPUT_OBJECT) return NULL;
    return map_gets(&t->input_field_map, name);
}

const SEnumValue *vt_enum_value(const SType *t, Str name)
{
    if (!t || t->kind != TK_ENUM) return NULL;
    return map_gets(&t->value_map, name);
}

const SDirective *vt_directive(const VCtx *c, Str name)
{
    return map_gets(&c->schema->directive_map, name);
}

/* __typename is valid on every composite type but belongs to none (graphql-js
 * TypeNameMetaFieldDef); Query.__schema and Query.__type come from the schema. */
void vt_init_meta(VCtx *c)
{
    Arena *a = c->a;
    const Schema *s = c->schema;
    TypeRef *str = ARENA_NEW(a, TypeRef);
    str->kind = REF_NAMED;
    str->named = s->t_string;
    TypeRef *str_nn = ARENA_NEW(a, TypeRef);
    str_nn->kind = REF_NON_NULL;
    str_nn->of = str;
    c->typename_def.name = "__typename";
    c->typename_def.type = str_nn;
    c->typename_def.role = FROLE_INTROSPECTION;
    c->schema_field = s->meta_schema;
    c->type_field = s->meta_type;
}

/* ---- type references ---- */

const TypeRef *vt_from_ast(VCtx *c, const GqlTypeRef *t)
{
    if (!t) return NULL;
    TypeRef *r = ARENA_NEW(c->a, TypeRef);
    switch (t->kind) {
    case GQL_TYPE_NAMED:
        r->kind = REF_NAMED;
        r->named = vt_lookup(c, t->name);
        return r->named ? r : NULL;
    case GQL_TYPE_LIST:
        r->kind = REF_LIST;
        break;
    case GQL_TYPE_NON_NULL:
        r->kind = REF_NON_NULL;
        break;
    }
    r->of = vt_from_ast(c, t->of);
    return r->of ? r : NULL;
}

static void put_ref(Buf *b, const TypeRef *r)
{
    switch (r->kind) {
    case REF_NAMED: buf_puts(b, r->named->name); break;
    case REF_LIST:
        buf_putc(b, '[');
        put_ref(b, r->of);
        buf_putc(b, ']');
        break;
    case REF_NON_NULL:
        put_ref(b, r->of);
        buf_putc(b, '!');
        break;
    }
}

const char *vt_str(VCtx *c, const TypeRef *r)
{
    if (r->kind == REF_NAMED) return r->named->name;
    Buf b;
    buf_init(&b, c->a, 32);
    put_ref(&b, r);
    return b.data;
}

static void put_ast(Buf *b, const GqlTypeRef *t)
{
    switch (t->kind) {
    case GQL_TYPE_NAMED: buf_put_str(b, t->name); break;
    case GQL_TYPE_LIST:
        buf_putc(b, '[');
        put_ast(b, t->of);
        buf_putc(b, ']');
        break;
    case GQL_TYPE_NON_NULL:
        put_ast(b, t->of);
        buf_putc(b, '!');
        break;
    }
}

const char *vt_ast_str(VCtx *c, const GqlTypeRef *t)
{
    Buf b;
    buf_init(&b, c->a, 32);
    put_ast(&b, t);
    return b.data;
}

bool vt_equal(const TypeRef *a, const TypeRef *b)
{
    while (a && b && a->kind == b->kind) {
        if (a->kind == REF_NAMED) return a->named == b->named;
        a = a->of;
        b = b->of;
    }
    return false;
}

bool vt_possible(const SType *abstract, const SType *maybe_sub)
{
    if (!abstract || !maybe_sub) return false;
    for (uint32_t i = 0; i < abstract->n_possible_types; i++)
        if (abstract->possible_types[i] == maybe_sub) return true;
    /* An interface implementing another interface is a subtype too. */
    if (abstract->kind == TK_INTERFACE && maybe_sub->kind == TK_INTERFACE)
        for (uint32_t i = 0; i < maybe_sub->n_interfaces; i++)
            if (maybe_sub->interfaces[i] == abstract) return true;
    return false;
}

bool vt_subtype(const TypeRef *sub, const TypeRef *super)
{
    if (vt_equal(sub, super)) return true;
    if (super->kind == REF_NON_NULL) {
        if (sub->kind == REF_NON_NULL) return vt_subtype(sub->of, super->of);
        return false;
    }
    if (sub->kind == REF_NON_NULL) return vt_subtype(sub->of, super);
    if (super->kind == REF_LIST) {
        if (sub->kind == REF_LIST) return vt_subtype(sub->of, super->of);
        return false;
    }
    if (sub->kind == REF_LIST) return false;
    const SType *sup = super->named, *s = sub->named;
    return vt_is_abstract(sup) && (s->kind == TK_INTERFACE || s->kind == TK_OBJECT) &&
           vt_possible(sup, s);
}

bool vt_overlap(const SType *a, const SType *b)
{
    if (a == b) return true;
    if (vt_is_abstract(a)) {
        if (vt_is_abstract(b)) {
            for (uint32_t i = 0; i < b->n_possible_types; i++)
                if (vt_possible(a, b->possible_types[i])) return true;
            return false;
        }
        return vt_possible(a, b);
    }
    if (vt_is_abstract(b)) return vt_possible(b, a);
    return false;
}
