/* validate_values.c - ValuesOfCorrectType for one literal at a leaf position: what
 * graphql-js's isValidValueNode does with each scalar's and enum's parseLiteral.
 *
 * Built-in scalars report their own graphql-js messages ("Int cannot represent ...").
 * The custom scalars report `Expected value of type "T", found L; reason` as graphql-js
 * does for a parseLiteral that throws a plain Error: DateTime takes a string in one of
 * the forms of SIMPLE-API.md §2.5, Json a string holding JSON text (§2.7). */
#include "exec/validate_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "model/datetime.h"

static void expected(VCtx *c, const GqlValue *v, const TypeRef *type, const char *reason)
{
    if (reason)
        v_errorf(c, v->loc, "Expected value of type \"%s\", found %s; %s", vt_str(c, type),
                 vp_value_str(c, v), reason);
    else
        v_errorf(c, v->loc, "Expected value of type \"%s\", found %s.", vt_str(c, type),
                 vp_value_str(c, v));
}

/* parseInt(text) within the 32-bit range. The lexer guarantees an optional '-' then
 * digits; any overflow of long long is out of range too. */
static bool int32_literal(Str s)
{
    char buf[32];
    if (s.len >= sizeof buf) return false;
    memcpy(buf, s.ptr, s.len);
    buf[s.len] = 0;
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    return errno == 0 && v >= -2147483648LL && v <= 2147483647LL;
}

static bool json_text_valid(Str s)
{
    json_error_t err;
    json_t *j = json_loadb(s.ptr, s.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!j) return false;
    json_decref(j);
    return true;
}

static void check_enum(VCtx *c, const GqlValue *v, const SType *t)
{
    if (v->kind == GQL_VAL_ENUM && vt_enum_value(t, v->str)) return;
    const char *printed = vp_value_str(c, v);
    const char **names = ARENA_ARRAY(c->a, const char *, t->n_values + 1);
    for (uint32_t i = 0; i < t->n_values; i++) names[i] = t->values[i].name;
    const char **sugg;
    uint32_t n = vp_suggest(c, str_from(printed), names, t->n_values, &sugg);
    Buf b;
    buf_init(&b, c->a, 64);
    if (v->kind != GQL_VAL_ENUM)
        buf_printf(&b, "Enum \"%s\" cannot represent non-enum value: %s.", t->name, printed);
    else
        buf_printf(&b, "Value \"%s\" does not exist in \"%s\" enum.", printed, t->name);
    vp_did_you_mean(&b, "the enum value", sugg, n);
    v_error(c, b.data, &v->loc, 1);
}

void vv_check_leaf(VCtx *c, const GqlValue *v, const TypeRef *type)
{
    if (!type) return;
    const SType *t = typeref_named(type);
    if (!vt_is_leaf(t)) {
        expected(c, v, type, NULL);
        return;
    }
    if (t->kind == TK_ENUM) {
        check_enum(c, v, t);
        return;
    }
    const char *name = t->name;
    if (t->role == TROLE_DATETIME || strcmp(name, "DateTime") == 0) {
        long long ms;
        if (v->kind != GQL_VAL_STRING || !datetime_parse(v->str.ptr, v->str.len, &ms))
            expected(c, v, type, "Date value expected");
    } else if (t->role == TROLE_JSON || strcmp(name, "Json") == 0) {
        if (v->kind != GQL_VAL_STRING || !json_text_valid(v->str))
            expected(c, v, type, "Not valid JSON");
    } else if (strcmp(name, "Int") == 0) {
        if (v->kind != GQL_VAL_INT)
            v_errorf(c, v->loc, "Int cannot represent non-integer value: %s", vp_value_str(c, v));
        else if (!int32_literal(v->str))
            v_errorf(c, v->loc, "Int cannot represent non 32-bit signed integer value: %.*s",
                     STR_FMT(v->str));
    } else if (strcmp(name, "Float") == 0) {
        if (v->kind != GQL_VAL_INT && v->kind != GQL_VAL_FLOAT)
            v_errorf(c, v->loc, "Float cannot represent non numeric value: %s", vp_value_str(c, v));
    } else if (strcmp(name, "String") == 0) {
        if (v->kind != GQL_VAL_STRING)
            v_errorf(c, v->loc, "String cannot represent a non string value: %s",
                     vp_value_str(c, v));
    } else if (strcmp(name, "Boolean") == 0) {
        if (v->kind != GQL_VAL_BOOLEAN)
            v_errorf(c, v->loc, "Boolean cannot represent a non boolean value: %s",
                     vp_value_str(c, v));
    } else if (strcmp(name, "ID") == 0) {
        if (v->kind != GQL_VAL_STRING && v->kind != GQL_VAL_INT)
            v_errorf(c, v->loc, "ID cannot represent a non-string and non-integer value: %s",
                     vp_value_str(c, v));
    }
    /* Any other scalar accepts every literal. */
}
