/* validate_print.c - the text pieces of validation messages: values printed as
 * graphql-js print() does, and the "Did you mean ...?" suggestions (graphql-js
 * suggestionList/didYouMean: Damerau-Levenshtein distance within 40% of the input,
 * best first, ties in natural order, at most five shown). */
#include "exec/validate_internal.h"

#include <ctype.h>
#include <string.h>

/* ---- values ---- */

static const char HEX[] = "0123456789ABCDEF";

static void put_escaped_cp(Buf *b, unsigned cp)
{
    switch (cp) {
    case '\b': buf_puts(b, "\\b"); return;
    case '\t': buf_puts(b, "\\t"); return;
    case '\n': buf_puts(b, "\\n"); return;
    case '\f': buf_puts(b, "\\f"); return;
    case '\r': buf_puts(b, "\\r"); return;
    }
    char u[7] = {'\\', 'u', '0', '0', HEX[(cp >> 4) & 15], HEX[cp & 15], 0};
    buf_puts(b, u);
}

/* printString: JSON-like quoting; C0 controls, DEL and C1 controls escaped. */
static void put_string(Buf *b, Str s)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < s.len; i++) {
        unsigned char ch = (unsigned char)s.ptr[i];
        if (ch < 0x20 || ch == 0x7f) {
            put_escaped_cp(b, ch);
        } else if (ch == '"') {
            buf_puts(b, "\\\"");
        } else if (ch == '\\') {
            buf_puts(b, "\\\\");
        } else if (ch == 0xc2 && i + 1 < s.len && (unsigned char)s.ptr[i + 1] >= 0x80 &&
                   (unsigned char)s.ptr[i + 1] <= 0x9f) {
            put_escaped_cp(b, (unsigned char)s.ptr[++i]); /* U+0080..U+009F */
        } else {
            buf_putc(b, (char)ch);
        }
    }
    buf_putc(b, '"');
}

static bool is_ws(char ch) { return ch == ' ' || ch == '\t'; }

/* printBlockString (graphql-js v16 language/blockString.js). */
static void put_block_string(Buf *b, Str s)
{
    Buf e;
    buf_init(&e, b->arena, s.len + 8);
    for (size_t i = 0; i < s.len; i++) {
        if (i + 3 <= s.len && memcmp(s.ptr + i, "\"\"\"", 3) == 0) {
            buf_puts(&e, "\\\"\"\"");
            i += 2;
        } else {
            buf_putc(&e, s.ptr[i]);
        }
    }
    /* Split into lines on \r\n, \n or \r. */
    size_t n_lines = 1;
    bool later_lines_indented = true;
    for (size_t i = 0; i < e.len; i++) {
        if (e.data[i] == '\r' || e.data[i] == '\n') {
            if (e.data[i] == '\r' && i + 1 < e.len && e.data[i + 1] == '\n') i++;
            n_lines++;
            size_t j = i + 1;
            bool empty = j >= e.len || e.data[j] == '\r' || e.data[j] == '\n';
            if (!empty && !is_ws(e.data[j])) later_lines_indented = false;
        }
    }
    bool single = n_lines == 1;
    bool force_leading = n_lines > 1 && later_lines_indented;
    bool trailing_triple = e.len >= 4 && memcmp(e.data + e.len - 4, "\\\"\"\"", 4) == 0;
    bool trailing_quote = s.len && s.ptr[s.len - 1] == '"' && !trailing_triple;
    bool trailing_slash = s.len && s.ptr[s.len - 1] == '\\';
    bool force_trailing = trailing_quote || trailing_slash;
    bool multi = !single || s.len > 70 || force_trailing || force_leading || trailing_triple;
    bool skip_leading = single && s.len && is_ws(s.ptr[0]);
    buf_puts(b, "\"\"\"");
    if ((multi && !skip_leading) || force_leading) buf_putc(b, '\n');
    buf_put(b, e.data, e.len);
    if (multi || force_trailing) buf_putc(b, '\n');
    buf_puts(b, "\"\"\"");
}

void vp_value(Buf *b, const GqlValue *v, bool sorted)
{
    switch (v->kind) {
    case GQL_VAL_VARIABLE:
        buf_putc(b, '$');
        buf_put_str(b, v->str);
        break;
    case GQL_VAL_INT:
    case GQL_VAL_FLOAT:
    case GQL_VAL_ENUM: buf_put_str(b, v->str); break;
    case GQL_VAL_STRING:
        if (v->block) put_block_string(b, v->str);
        else put_string(b, v->str);
        break;
    case GQL_VAL_BOOLEAN: buf_puts(b, v->boolean ? "true" : "false"); break;
    case GQL_VAL_NULL: buf_puts(b, "null"); break;
    case GQL_VAL_LIST:
        buf_putc(b, '[');
        for (uint32_t i = 0; i < v->n_items; i++) {
            if (i) buf_puts(b, ", ");
            vp_value(b, v->items[i], sorted);
        }
        buf_putc(b, ']');
        break;
    case GQL_VAL_OBJECT: {
        /* sortValueNode orders object fields by name (stable, natural order). */
        uint32_t n = v->n_fields;
        uint32_t *order = ARENA_ARRAY(b->arena, uint32_t, n ? n : 1);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t j = i;
            if (sorted) {
                Str name = v->fields[i].name;
                while (j > 0) {
                    Str prev = v->fields[order[j - 1]].name;
                    if (vp_natural_compare(prev.ptr, prev.len, name.ptr, name.len) <= 0) break;
                    order[j] = order[j - 1];
                    j--;
                }
            }
            order[j] = i;
        }
        buf_putc(b, '{');
        for (uint32_t i = 0; i < n; i++) {
            if (i) buf_puts(b, ", ");
            buf_put_str(b, v->fields[order[i]].name);
            buf_puts(b, ": ");
            vp_value(b, v->fields[order[i]].value, sorted);
        }
        buf_putc(b, '}');
        break;
    }
    }
}

const char *vp_value_str(VCtx *c, const GqlValue *v)
{
    Buf b;
    buf_init(&b, c->a, 32);
    vp_value(&b, v, false);
    return b.data;
}

/* ---- suggestions ---- */

int vp_natural_compare(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    while (i < alen && j < blen) {
        unsigned char ca = (unsigned char)a[i], cb = (unsigned char)b[j];
        if (isdigit(ca) && isdigit(cb)) {
            /* Digit runs compare by value; a leading zero ends its run (as graphql-js). */
            unsigned long long na = 0, nb = 0;
            do {
                na = na * 10 + (unsigned)(a[i] - '0');
                i++;
            } while (i < alen && isdigit((unsigned char)a[i]) && na > 0);
            do {
                nb = nb * 10 + (unsigned)(b[j] - '0');
                j++;
            } while (j < blen && isdigit((unsigned char)b[j]) && nb > 0);
            if (na != nb) return na < nb ? -1 : 1;
        } else {
            if (ca != cb) return ca < cb ? -1 : 1;
            i++;
            j++;
        }
    }
    return alen == blen ? 0 : (alen < blen ? -1 : 1);
}

/* Optimal-string-alignment distance between lower-cased strings, or -1 when above
 * `threshold` (graphql-js LexicalDistance.measure). */
static int lexical_distance(Arena *ar, Str input, const char *option, int threshold)
{
    size_t olen = strlen(option);
    if (input.len == olen && memcmp(input.ptr, option, olen) == 0) return 0;
    char *il = arena_strndup(ar, input.ptr, input.len);
    char *ol = arena_strndup(ar, option, olen);
    for (size_t i = 0; i < input.len; i++) il[i] = (char)tolower((unsigned char)il[i]);
    for (size_t i = 0; i < olen; i++) ol[i] = (char)tolower((unsigned char)ol[i]);
    if (input.len == olen && memcmp(il, ol, olen) == 0) return 1;
    const char *a = ol, *b = il;
    size_t alen = olen, blen = input.len;
    if (alen < blen) {
        a = il;
        b = ol;
        alen = input.len;
        blen = olen;
    }
    if ((int)(alen - blen) > threshold) return -1;
    int *rows[3];
    for (int r = 0; r < 3; r++) rows[r] = ARENA_ARRAY(ar, int, blen + 1);
    for (size_t j = 0; j <= blen; j++) rows[0][j] = (int)j;
    for (size_t i = 1; i <= alen; i++) {
        int *up = rows[(i - 1) % 3], *cur = rows[i % 3];
        int smallest = cur[0] = (int)i;
        for (size_t j = 1; j <= blen; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int cell = up[j] + 1;
            if (cur[j - 1] + 1 < cell) cell = cur[j - 1] + 1;
            if (up[j - 1] + cost < cell) cell = up[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                int dd = rows[(i - 2) % 3][j - 2] + 1;
                if (dd < cell) cell = dd;
            }
            if (cell < smallest) smallest = cell;
            cur[j] = cell;
        }
        if (smallest > threshold) return -1;
    }
    int d = rows[alen % 3][blen];
    return d <= threshold ? d : -1;
}

uint32_t vp_suggest(VCtx *c, Str input, const char *const *options, uint32_t n,
                    const char ***out)
{
    int threshold = (int)(input.len * 4 / 10) + 1; /* floor(len * 0.4) + 1 */
    const char **names = ARENA_ARRAY(c->a, const char *, n ? n : 1);
    int *dist = ARENA_ARRAY(c->a, int, n ? n : 1);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        bool dup = false;
        for (uint32_t j = 0; j < k && !dup; j++) dup = strcmp(names[j], options[i]) == 0;
        if (dup) continue;
        int d = lexical_distance(c->a, input, options[i], threshold);
        if (d < 0) continue;
        /* Insertion sort: by distance, then natural order. */
        uint32_t j = k++;
        while (j > 0) {
            int cmp = dist[j - 1] - d;
            if (cmp == 0)
                cmp = vp_natural_compare(names[j - 1], strlen(names[j - 1]), options[i],
                                         strlen(options[i]));
            if (cmp <= 0) break;
            names[j] = names[j - 1];
            dist[j] = dist[j - 1];
            j--;
        }
        names[j] = options[i];
        dist[j] = d;
    }
    *out = names;
    return k;
}

void vp_did_you_mean(Buf *b, const char *sub, const char *const *s, uint32_t n)
{
    if (n == 0) return;
    buf_puts(b, " Did you mean ");
    if (sub) {
        buf_puts(b, sub);
        buf_putc(b, ' ');
    }
    if (n > 5) n = 5;
    for (uint32_t i = 0; i < n; i++) {
        if (i) buf_puts(b, n == 2 ? " or " : (i == n - 1 ? ", or " : ", "));
        buf_printf(b, "\"%s\"", s[i]);
    }
    buf_putc(b, '?');
}
