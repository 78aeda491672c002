/* defaults.c - default and migration value texts parsed against a field type
 * (DATA-MODEL.md §5.2).
 *
 * A @defaultValue literal is first turned into text (model_literal_text), then the text
 * is parsed by the field's type into a GraphQL literal of the field's API type
 * (model_value_from_text). Json texts are checked and compacted by a small JSON scanner
 * that copies number and string tokens verbatim, so `1.10` stays `1.10`; list texts are
 * GraphQL list literals read by a small scanner of their own (only literals, no
 * variables or objects, so the full parser would be overkill). */
#include "model/internal.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "model/datetime.h"

#define MAX_VALUE_CHARS 262144 /* DATA-MODEL.md §4.1: String (UTF-16 units), Json */

bool model_literal_text(const GqlValue *v, Str *text)
{
    switch (v->kind) {
    case GQL_VAL_STRING:
    case GQL_VAL_INT:
    case GQL_VAL_FLOAT:
    case GQL_VAL_ENUM:
        *text = v->str;
        return true;
    case GQL_VAL_BOOLEAN:
        *text = v->boolean ? STR_LIT("true") : STR_LIT("false");
        return true;
    default:
        return false;
    }
}

static GqlValue *new_value(Arena *a, GqlValueKind kind, const char *p, size_t n)
{
    GqlValue *v = ARENA_NEW(a, GqlValue);
    v->kind = kind;
    if (p) v->str = (Str){arena_strndup(a, p, n), n};
    return v;
}

/* ---- scalar texts ---- */

/* `[+-]?[0-9]+` within 32-bit range; stores the canonical decimal text. */
static GqlValue *parse_int(Arena *a, const char *s, size_t n)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i == n) return NULL;
    long long v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return NULL;
        v = v * 10 + (s[i] - '0');
        if (v > 2147483648LL) return NULL;
    }
    if (neg) v = -v;
    if (v > INT32_MAX || v < INT32_MIN) return NULL;
    char tmp[16];
    int k = snprintf(tmp, sizeof tmp, "%lld", v);
    return new_value(a, GQL_VAL_INT, tmp, (size_t)k);
}

/* SIMPLE-API.md §2.4 range rule: the shortest round-trip decimal form written in plain
 * notation (no exponent) must fit in 35 characters (Graphcool's storage limit). */
static bool float_fits(double v)
{
    char buf[48];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v) break;
    }
    size_t len = 0, digits = 0;
    const char *p = buf;
    if (*p == '-') len++, p++;
    for (; *p && *p != 'e'; p++)
        if (*p != '.') digits++;
    long x = *p == 'e' ? strtol(p + 1, NULL, 10) : 0; /* value = d.ddd x 10^x */
    if (v == 0) return true;
    if (x >= 0) len += (size_t)x + 1 >= digits ? (size_t)x + 1 : digits + 1;
    else len += 2 + (size_t)(-x - 1) + digits;
    return len <= 35;
}

/* An integer or decimal literal, optionally with an exponent; must be finite and within
 * the Float range rule. */
static GqlValue *parse_float(Arena *a, const char *s, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, d++;
    if (i < n && s[i] == '.') {
        i++;
        size_t f = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, f++;
        if (f == 0) return NULL;
        d += f;
    }
    if (d == 0) return NULL;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t e = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, e++;
        if (e == 0) return NULL;
    }
    if (i != n) return NULL;
    char *z = arena_strndup(a, s, n);
    double v = strtod(z, NULL);
    if (!isfinite(v) || !float_fits(v)) return NULL;
    return new_value(a, GQL_VAL_FLOAT, s[0] == '+' ? s + 1 : s, s[0] == '+' ? n - 1 : n);
}

static GqlValue *parse_datetime(Arena *a, const char *s, size_t n)
{
    long long ms;
    if (!datetime_parse(s, n, &ms)) return NULL;
    char out[25];
    datetime_format(ms, out);
    return new_value(a, GQL_VAL_STRING, out, strlen(out));
}

static GqlValue *parse_enum(Arena *a, const ModelEnum *e, const char *s, size_t n)
{
    for (uint32_t i = 0; i < e->n_values; i++)
        if (strlen(e->values[i]) == n && memcmp(e->values[i], s, n) == 0)
            return new_value(a, GQL_VAL_ENUM, s, n);
    return NULL;
}

/* Length in UTF-16 code units of UTF-8 text (4-byte sequences are surrogate pairs). */
static size_t utf16_len(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80) continue;
        k += c >= 0xF0 ? 2 : 1;
    }
    return k;
}

/* ---- JSON: validate and compact ---- */

typedef struct JsonScan {
    const char *s;
    size_t n, i;
    Buf *out;
    int depth;
} JsonScan;

static void json_ws(JsonScan *j)
{
    while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' ||
                           j->s[j->i] == '\r'))
        j->i++;
}

static bool json_string(JsonScan *j)
{
    size_t start = j->i++;
    while (j->i < j->n) {
        unsigned char c = (unsigned char)j->s[j->i];
        if (c == '"') {
            j->i++;
            buf_put(j->out, j->s + start, j->i - start);
            return true;
        }
        if (c < 0x20) return false;
        if (c == '\\') {
            if (++j->i >= j->n) return false;
            char e = j->s[j->i];
            if (e == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (j->i + k >= j->n || !strchr("0123456789abcdefABCDEF", j->s[j->i + k]) ||
                        j->s[j->i + k] == 0)
                        return false;
                j->i += 4;
            } else if (!strchr("\"\\/bfnrt", e) || e == 0) {
                return false;
            }
        }
        j->i++;
    }
    return false;
}

static bool json_number(JsonScan *j)
{
    size_t start = j->i;
    const char *s = j->s;
    size_t n = j->n, i = j->i;
    if (i < n && s[i] == '-') i++;
    if (i < n && s[i] == '0') i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    else return false;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == f) return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t e = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == e) return false;
    }
    j->i = i;
    buf_put(j->out, s + start, i - start);
    return true;
}

static bool json_value(JsonScan *j);

static bool json_container(JsonScan *j, char open, char close)
{
    if (++j->depth > 512) return false;
    buf_putc(j->out, open);
    j->i++;
    json_ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
        j->i++;
        buf_putc(j->out, close);
        j->depth--;
        return true;
    }
    for (;;) {
        json_ws(j);
        if (open == '{') {
            if (j->i >= j->n || j->s[j->i] != '"' || !json_string(j)) return false;
            json_ws(j);
            if (j->i >= j->n || j->s[j->i] != ':') return false;
            j->i++;
            buf_putc(j->out, ':');
            json_ws(j);
        }
        if (!json_value(j)) return false;
        json_ws(j);
        if (j->i >= j->n) return false;
        if (j->s[j->i] == ',') {
            j->i++;
            buf_putc(j->out, ',');
            continue;
        }
        if (j->s[j->i] != close) return false;
        j->i++;
        buf_putc(j->out, close);
        j->depth--;
        return true;
    }
}

static bool json_value(JsonScan *j)
{
    if (j->i >= j->n) return false;
    char c = j->s[j->i];
    if (c == '{') return json_container(j, '{', '}');
    if (c == '[') return json_container(j, '[', ']');
    if (c == '"') return json_string(j);
    static const char *const words[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++) {
        size_t w = strlen(words[k]);
        if (j->n - j->i >= w && memcmp(j->s + j->i, words[k], w) == 0) {
            buf_put(j->out, words[k], w);
            j->i += w;
            return true;
        }
    }
    return json_number(j);
}

/* Validates JSON text whose top level must be an object or array; with `array_only`
 * an array whose elements are objects or arrays, returned as a LIST of STRING. */
static GqlValue *parse_json(Arena *a, const char *s, size_t n, bool array_of_containers)
{
    Buf out;
    buf_init(&out, a, n + 1);
    JsonScan j = {s, n, 0, &out, 0};
    json_ws(&j);
    if (j.i >= n || (s[j.i] != '{' && s[j.i] != '[')) return NULL;
    if (!json_value(&j)) return NULL;
    json_ws(&j);
    if (j.i != n || out.len > MAX_VALUE_CHARS) return NULL;
    if (!array_of_containers) return new_value(a, GQL_VAL_STRING, out.data, out.len);

    /* [Json!]: split the compact array into its elements, each an object/array. */
    if (out.data[0] != '[') return NULL;
    PtrVec items = {0};
    const char *p = out.data + 1, *end = out.data + out.len - 1;
    while (p < end) {
        if (*p != '{' && *p != '[') return NULL;
        /* The compact form has no whitespace; find the matching close bracket. */
        int depth = 0;
        bool in_str = false;
        const char *q = p;
        for (; q < end; q++) {
            if (in_str) {
                if (*q == '\\') q++;
                else if (*q == '"') in_str = false;
            } else if (*q == '"') in_str = true;
            else if (*q == '{' || *q == '[') depth++;
            else if ((*q == '}' || *q == ']') && --depth == 0) break;
        }
        ptrvec_push(a, &items, new_value(a, GQL_VAL_STRING, p, (size_t)(q + 1 - p)));
        p = q + 1;
        if (p < end && *p == ',') p++;
    }
    GqlValue *list = new_value(a, GQL_VAL_LIST, NULL, 0);
    list->items = (GqlValue **)items.items;
    list->n_items = items.n;
    return list;
}

/* ---- GraphQL list literal texts ---- */

static void utf8_put(Buf *b, unsigned cp)
{
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        buf_putc(b, (char)(0xC0 | cp >> 6));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        buf_putc(b, (char)(0xE0 | cp >> 12));
        buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        buf_putc(b, (char)(0xF0 | cp >> 18));
        buf_putc(b, (char)(0x80 | (cp >> 12 & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

static bool hex4(const char *s, size_t n, size_t i, unsigned *cp)
{
    if (i + 4 > n) return false;
    unsigned v = 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return false;
    }
    *cp = v;
    return true;
}

/* Reads a GraphQL string literal at s[*i] ('"'), decoding escapes into `b`. */
static bool gql_string(const char *s, size_t n, size_t *i, Buf *b)
{
    size_t k = *i + 1;
    while (k < n) {
        char c = s[k];
        if (c == '"') {
            *i = k + 1;
            return true;
        }
        if (c == '\n' || c == '\r') return false;
        if (c != '\\') {
            buf_putc(b, c);
            k++;
            continue;
        }
        if (++k >= n) return false;
        char e = s[k++];
        unsigned cp;
        switch (e) {
        case '"': buf_putc(b, '"'); break;
        case '\\': buf_putc(b, '\\'); break;
        case '/': buf_putc(b, '/'); break;
        case 'b': buf_putc(b, '\b'); break;
        case 'f': buf_putc(b, '\f'); break;
        case 'n': buf_putc(b, '\n'); break;
        case 'r': buf_putc(b, '\r'); break;
        case 't': buf_putc(b, '\t'); break;
        case 'u':
            if (!hex4(s, n, k, &cp)) return false;
            k += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (k + 6 > n || s[k] != '\\' || s[k + 1] != 'u' || !hex4(s, n, k + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                k += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return false;
            }
            utf8_put(b, cp);
            break;
        default:
            return false;
        }
    }
    return false;
}

static bool is_name_start(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

static bool gql_ignored(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',';
}

/* Parses `[ elem, ... ]` where every element is a literal of the element type. */
static GqlValue *parse_list(Arena *a, const ModelField *f, const char *s, size_t n)
{
    size_t i = 0, total = 0;
    while (i < n && gql_ignored(s[i])) i++;
    if (i >= n || s[i] != '[') return NULL;
    i++;
    PtrVec items = {0};
    for (;;) {
        while (i < n && gql_ignored(s[i])) i++;
        if (i >= n) return NULL;
        if (s[i] == ']') {
            i++;
            break;
        }
        GqlValue *v = NULL;
        if (s[i] == '"') {
            if (f->scalar != SCALAR_STRING && f->scalar != SCALAR_DATETIME) return NULL;
            Buf b;
            buf_init(&b, a, 32);
            if (!gql_string(s, n, &i, &b)) return NULL;
            if (f->scalar == SCALAR_DATETIME) {
                v = parse_datetime(a, b.data, b.len);
            } else if (utf16_len(b.data, b.len) <= MAX_VALUE_CHARS) {
                v = new_value(a, GQL_VAL_STRING, NULL, 0);
                v->str = (Str){b.data, b.len};
            }
        } else if (is_name_start(s[i])) {
            size_t st = i;
            while (i < n && is_name_char(s[i])) i++;
            Str w = {s + st, i - st};
            if (f->scalar == SCALAR_BOOLEAN && (str_eqz(w, "true") || str_eqz(w, "false"))) {
                v = new_value(a, GQL_VAL_BOOLEAN, NULL, 0);
                v->boolean = str_eqz(w, "true");
            } else if (f->scalar == SCALAR_ENUM && !str_eqz(w, "true") &&
                       !str_eqz(w, "false") && !str_eqz(w, "null")) {
                v = parse_enum(a, f->enum_type, w.ptr, w.len);
            }
        } else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
            size_t st = i;
            while (i < n && (s[i] == '-' || s[i] == '+' || s[i] == '.' || s[i] == 'e' ||
                             s[i] == 'E' || (s[i] >= '0' && s[i] <= '9')))
                i++;
            if (f->scalar == SCALAR_INT) v = parse_int(a, s + st, i - st);
            else if (f->scalar == SCALAR_FLOAT) v = parse_float(a, s + st, i - st);
            if (v && s[st] == '+') v = NULL; /* GraphQL numbers have no '+' sign */
        }
        if (!v) return NULL;
        total += v->str.len + 1;
        ptrvec_push(a, &items, v);
    }
    while (i < n && gql_ignored(s[i])) i++;
    if (i != n || total > MAX_VALUE_CHARS) return NULL;
    GqlValue *list = new_value(a, GQL_VAL_LIST, NULL, 0);
    list->items = (GqlValue **)items.items;
    list->n_items = items.n;
    return list;
}

bool model_value_from_text(Arena *a, const ModelField *f, const char *text, size_t n,
                           GqlValue **out)
{
    if (n == 4 && memcmp(text, "null", 4) == 0) return false; /* §5.2: rejected */
    GqlValue *v = NULL;
    if (f->is_list) {
        v = f->scalar == SCALAR_JSON ? parse_json(a, text, n, true) : parse_list(a, f, text, n);
    } else {
        switch (f->scalar) {
        case SCALAR_ID:
        case SCALAR_STRING:
            if (utf16_len(text, n) <= MAX_VALUE_CHARS) v = new_value(a, GQL_VAL_STRING, text, n);
            break;
        case SCALAR_INT: v = parse_int(a, text, n); break;
        case SCALAR_FLOAT: v = parse_float(a, text, n); break;
        case SCALAR_BOOLEAN:
            if ((n == 4 && !memcmp(text, "true", 4)) || (n == 5 && !memcmp(text, "false", 5))) {
                v = new_value(a, GQL_VAL_BOOLEAN, NULL, 0);
                v->boolean = n == 4;
            }
            break;
        case SCALAR_DATETIME: v = parse_datetime(a, text, n); break;
        case SCALAR_JSON: v = parse_json(a, text, n, false); break;
        case SCALAR_ENUM: v = f->enum_type ? parse_enum(a, f->enum_type, text, n) : NULL; break;
        }
    }
    if (!v) return false;
    *out = v;
    return true;
}
