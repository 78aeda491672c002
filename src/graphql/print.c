/* print.c - GraphQL value literals back to text, matching graphql-js print(), see
 * print.h. Error messages quote literals this way, so the spacing and escaping follow
 * graphql-js exactly. */
#include "graphql/print.h"

#include <string.h>

void gql_print_string(Str s, Buf *out)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s.ptr;
    buf_reserve(out, s.len + 2);
    buf_putc(out, '"');
    size_t run = 0; /* bytes copied verbatim, flushed before each escape */
    for (size_t i = 0; i < s.len; i++) {
        unsigned c = p[i];
        unsigned esc; /* code point to escape, or 0x100 for none */
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) {
            esc = c;
        } else if (c == 0xC2 && i + 1 < s.len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
            esc = p[i + 1]; /* C1 control characters U+0080..U+009F */
        } else {
            run++;
            continue;
        }
        buf_put(out, p + i - run, run);
        run = 0;
        switch (esc) {
        case '"': buf_put(out, "\\\"", 2); break;
        case '\\': buf_put(out, "\\\\", 2); break;
        case '\b': buf_put(out, "\\b", 2); break;
        case '\t': buf_put(out, "\\t", 2); break;
        case '\n': buf_put(out, "\\n", 2); break;
        case '\f': buf_put(out, "\\f", 2); break;
        case '\r': buf_put(out, "\\r", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[esc >> 4], hex[esc & 15]};
            buf_put(out, u, 6);
            if (esc >= 0x80) i++; /* the two-byte C1 character */
        }
        }
    }
    buf_put(out, p + s.len - run, run);
    buf_putc(out, '"');
}

static bool is_ws(char c) { return c == ' ' || c == '\t'; }

void gql_print_block_string(Str s, Buf *out)
{
    /* Escape every """ as \""" first; the layout decisions look at the escaped text. */
    Buf e;
    buf_init(&e, out->arena, s.len + 8);
    for (size_t i = 0; i < s.len;) {
        if (i + 2 < s.len && s.ptr[i] == '"' && s.ptr[i + 1] == '"' && s.ptr[i + 2] == '"') {
            buf_put(&e, "\\\"\"\"", 4);
            i += 3;
        } else {
            buf_putc(&e, s.ptr[i++]);
        }
    }
    const char *x = e.data ? e.data : "";
    size_t n = e.len;
    /* Lines after the first: does every one start blank or with whitespace? */
    bool single = true, all_indented = true;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != '\n' && x[i] != '\r') continue;
        if (x[i] == '\r' && i + 1 < n && x[i + 1] == '\n') i++;
        single = false;
        size_t next = i + 1;
        if (next < n && x[next] != '\n' && x[next] != '\r' && !is_ws(x[next]))
            all_indented = false;
    }
    bool force_leading = !single && all_indented;
    bool trailing_triple = n >= 4 && memcmp(x + n - 4, "\\\"\"\"", 4) == 0;
    bool trailing_quote = s.len && s.ptr[s.len - 1] == '"' && !trailing_triple;
    bool trailing_slash = s.len && s.ptr[s.len - 1] == '\\';
    bool force_trailing = trailing_quote || trailing_slash;
    /* graphql-js measures length in UTF-16 code units. */
    size_t units = 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned c = (unsigned char)s.ptr[i];
        if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
    }
    bool multi = !single || units > 70 || force_trailing || force_leading || trailing_triple;
    bool skip_leading = single && s.len && is_ws(s.ptr[0]);
    buf_put(out, "\"\"\"", 3);
    if ((multi && !skip_leading) || force_leading) buf_putc(out, '\n');
    buf_put(out, x, n);
    if (multi || force_trailing) buf_putc(out, '\n');
    buf_put(out, "\"\"\"", 3);
}

void gql_print_type(const GqlTypeRef *t, Buf *out)
{
    switch (t->kind) {
    case GQL_TYPE_NAMED:
        buf_put_str(out, t->name);
        break;
    case GQL_TYPE_LIST:
        buf_putc(out, '[');
        gql_print_type(t->of, out);
        buf_putc(out, ']');
        break;
    case GQL_TYPE_NON_NULL:
        gql_print_type(t->of, out);
        buf_putc(out, '!');
        break;
    }
}

void gql_print_value(const GqlValue *v, Buf *out)
{
    switch (v->kind) {
    case GQL_VAL_VARIABLE:
        buf_putc(out, '$');
        buf_put_str(out, v->str);
        break;
    case GQL_VAL_INT:
    case GQL_VAL_FLOAT:
    case GQL_VAL_ENUM:
        buf_put_str(out, v->str);
        break;
    case GQL_VAL_STRING:
        if (v->block)
            gql_print_block_string(v->str, out);
        else
            gql_print_string(v->str, out);
        break;
    case GQL_VAL_BOOLEAN:
        buf_puts(out, v->boolean ? "true" : "false");
        break;
    case GQL_VAL_NULL:
        buf_puts(out, "null");
        break;
    case GQL_VAL_LIST:
        buf_putc(out, '[');
        for (uint32_t i = 0; i < v->n_items; i++) {
            if (i) buf_put(out, ", ", 2);
            gql_print_value(v->items[i], out);
        }
        buf_putc(out, ']');
        break;
    case GQL_VAL_OBJECT:
        buf_putc(out, '{');
        for (uint32_t i = 0; i < v->n_fields; i++) {
            if (i) buf_put(out, ", ", 2);
            buf_put_str(out, v->fields[i].name);
            buf_put(out, ": ", 2);
            gql_print_value(v->fields[i].value, out);
        }
        buf_putc(out, '}');
        break;
    }
}
