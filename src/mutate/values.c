/* values.c - scalar values on the way into the database: coerced Values become column
 * values (SIMPLE-API.md §2 and the storage layout of store/store.h), with the checks a
 * mutation makes on them: String/Json/list size (3007), the Float range rule (3007) and
 * Json shape (3037). Also defaults, id shape and the transaction time. */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "base/json_value.h"
#include "mutate/internal.h"

#include "model/datetime.h"

/* Length in UTF-16 code units of UTF-8 text: 4-byte sequences are surrogate pairs,
 * continuation bytes count nothing. */
static size_t utf16_len(const char *p, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if ((ch & 0xC0) == 0x80) continue;
        units += ch >= 0xF0 ? 2 : 1;
    }
    return units;
}

static bool too_long(MutCtx *x, const ModelField *mf)
{
    return mutate_fail(x, 3007, "Value for field %s is too long.", mf->name);
}

/* Length of the shortest round-trip decimal form of v written without exponent
 * (SIMPLE-API.md §2.4): "-" if negative, the digits, and "." only if there is a fraction. */
static size_t float_plain_len(double v)
{
    if (v == 0) return 1;
    char buf[40];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v) break;
    }
    /* buf is [-]d[.ddd]e[+-]XX: significant digits and the decimal exponent */
    const char *p = buf;
    size_t len = 0;
    if (*p == '-') {
        len++;
        p++;
    }
    size_t digits = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') digits++;
    /* trailing zeros of the mantissa are not significant */
    const char *e = strchr(buf, 'e');
    for (const char *q = e - 1; q > buf && (*q == '0' || *q == '.') && digits > 1; q--)
        if (*q == '0') digits--;
    long exp = strtol(e + 1, NULL, 10);
    if (exp >= 0) {
        size_t int_digits = (size_t)exp + 1;
        len += digits <= int_digits ? int_digits : digits + 1;
    } else {
        len += 2 + (size_t)(-exp - 1) + digits; /* "0." zeros digits */
    }
    return len;
}

static json_t *json_parse(Str s)
{
    return json_loadb(s.ptr ? s.ptr : "", s.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
}

/* A Json input (SIMPLE-API.md §2.7): the coerced value, whose JSON string content is
 * parsed once more; the result must be an object or array. Appends it compactly. */
static bool put_json_input(MutCtx *x, const ModelField *mf, const Value *v, Buf *out)
{
    Str text = v->s;
    json_t *j = json_parse(text);
    Buf shown;
    buf_init(&shown, x->a, 64);
    if (!j) {
        /* VAL_STRING that is not JSON text: shown as the string it is */
        json_put_str(&shown, text);
        return mutate_fail(x, 3037, "The value in the field '%s' is not a valid Json: '%s'",
                           mf->name, shown.data);
    }
    if (json_is_string(j)) {
        json_t *inner = json_loadb(json_string_value(j), json_string_length(j),
                                   JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        if (inner) {
            json_decref(j);
            j = inner;
        }
    }
    if (!json_is_object(j) && !json_is_array(j)) {
        json_put_value(&shown, j);
        json_decref(j);
        return mutate_fail(x, 3037, "The value in the field '%s' is not a valid Json: '%s'",
                           mf->name, shown.data);
    }
    json_put_value(out, j);
    json_decref(j);
    return true;
}

/* DateTime input -> stored text form YYYY-MM-DDTHH:MM:SS.sssZ. */
static bool datetime_text(MutCtx *x, const ModelField *mf, Str s, Str *out)
{
    long long ms;
    /* coercion accepted the text already; what fails here is out of the storable range
     * (years 1000-9999 keep text order chronological), which §2.5 lets us refuse */
    if (!datetime_parse(s.ptr, s.len, &ms) || ms < -30610224000000LL || ms > 253402300799999LL)
        return mutate_fail(x, 3036, "The input value %.*s was not valid for field %s of type %s.",
                           STR_FMT(s), mf->name, mf->model->name);
    char *buf = arena_alloc(x->a, 25);
    datetime_format(ms, buf);
    *out = (Str){buf, 24};
    return true;
}

/* Appends one element of a scalar list (or checks one scalar) as JSON. */
static bool put_list_item(MutCtx *x, const ModelField *mf, const Value *v, Buf *b)
{
    switch (mf->scalar) {
    case SCALAR_ID:
    case SCALAR_STRING:
    case SCALAR_ENUM:
        json_put_str(b, v->s);
        return true;
    case SCALAR_INT:
        json_put_int(b, v->kind == VAL_FLOAT ? (long long)v->f : v->i);
        return true;
    case SCALAR_FLOAT: {
        double d = v->kind == VAL_INT ? (double)v->i : v->f;
        if (float_plain_len(d) > 35) return too_long(x, mf);
        json_put_double(b, d);
        return true;
    }
    case SCALAR_BOOLEAN:
        buf_puts(b, v->b ? "true" : "false");
        return true;
    case SCALAR_DATETIME: {
        Str t;
        if (!datetime_text(x, mf, v->s, &t)) return false;
        json_put_str(b, t);
        return true;
    }
    case SCALAR_JSON:
        return put_json_input(x, mf, v, b);
    }
    return true;
}

bool mutate_scalar_value(MutCtx *x, const ModelField *mf, const Value *v, WScalar *out)
{
    memset(out, 0, sizeof *out);
    out->mf = mf;
    if (v->kind == VAL_NULL) {
        out->kind = W_NULL;
        return true;
    }
    if (mf->is_list) {
        Buf b;
        buf_init(&b, x->a, 64);
        if (mf->scalar == SCALAR_JSON && v->kind != VAL_LIST) {
            /* a [Json!] default is one JSON array text */
            if (!put_json_input(x, mf, v, &b)) return false;
        } else {
            buf_putc(&b, '[');
            uint32_t n = v->kind == VAL_LIST ? v->n_items : 1;
            for (uint32_t i = 0; i < n; i++) {
                if (i) buf_putc(&b, ',');
                if (!put_list_item(x, mf, v->kind == VAL_LIST ? v->items[i] : v, &b)) return false;
            }
            buf_putc(&b, ']');
        }
        if (utf16_len(b.data, b.len) > MUTATE_MAX_TEXT) return too_long(x, mf);
        out->kind = W_TEXT;
        out->t = buf_str(&b);
        return true;
    }
    switch (mf->scalar) {
    case SCALAR_ID:
    case SCALAR_STRING:
    case SCALAR_ENUM:
        if (utf16_len(v->s.ptr, v->s.len) > MUTATE_MAX_TEXT) return too_long(x, mf);
        out->kind = W_TEXT;
        out->t = v->s;
        return true;
    case SCALAR_INT:
        out->kind = W_INT;
        out->i = v->kind == VAL_FLOAT ? (long long)v->f : v->i;
        return true;
    case SCALAR_FLOAT:
        out->kind = W_REAL;
        out->d = v->kind == VAL_INT ? (double)v->i : v->f;
        if (float_plain_len(out->d) > 35) return too_long(x, mf);
        return true;
    case SCALAR_BOOLEAN:
        out->kind = W_INT;
        out->i = v->b ? 1 : 0;
        return true;
    case SCALAR_DATETIME:
        out->kind = W_TEXT;
        return datetime_text(x, mf, v->s, &out->t);
    case SCALAR_JSON: {
        Buf b;
        buf_init(&b, x->a, 64);
        if (!put_json_input(x, mf, v, &b)) return false;
        if (utf16_len(b.data, b.len) > MUTATE_MAX_TEXT) return too_long(x, mf);
        out->kind = W_TEXT;
        out->t = buf_str(&b);
        return true;
    }
    }
    return true;
}

/* A GraphQL literal (the model's default) as a coerced Value of field type `sc`. */
static Value *literal_value(Arena *a, const GqlValue *g, ScalarType sc)
{
    Value *v = ARENA_NEW(a, Value);
    switch (g->kind) {
    case GQL_VAL_INT:
    case GQL_VAL_FLOAT: {
        char *z = arena_strndup(a, g->str.ptr, g->str.len);
        if (sc == SCALAR_FLOAT || g->kind == GQL_VAL_FLOAT) {
            v->kind = VAL_FLOAT;
            v->f = strtod(z, NULL);
        } else {
            v->kind = VAL_INT;
            v->i = strtoll(z, NULL, 10);
        }
        break;
    }
    case GQL_VAL_STRING:
        v->kind = VAL_STRING;
        v->s = g->str;
        break;
    case GQL_VAL_BOOLEAN:
        v->kind = VAL_BOOLEAN;
        v->b = g->boolean;
        break;
    case GQL_VAL_ENUM:
        v->kind = VAL_ENUM;
        v->s = g->str;
        break;
    case GQL_VAL_LIST:
        v->kind = VAL_LIST;
        v->n_items = g->n_items;
        v->items = ARENA_ARRAY(a, Value *, g->n_items ? g->n_items : 1);
        for (uint32_t i = 0; i < g->n_items; i++)
            v->items[i] = literal_value(a, g->items[i], sc);
        break;
    default:
        v->kind = VAL_NULL;
        break;
    }
    return v;
}

const Value *mutate_default_value(Arena *a, const ModelField *mf)
{
    if (!mf->has_default || !mf->default_value) return NULL;
    return literal_value(a, mf->default_value, mf->scalar);
}

bool mutate_id_shaped(Str id)
{
    if (id.len > 25) return false;
    for (size_t i = 0; i < id.len; i++) {
        char ch = id.ptr[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return false;
    }
    return true;
}

void mutate_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
}
