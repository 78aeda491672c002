/* validate_print.c - the text pieces of validation messages: values printed as
 * graphql-js print() does, and the "Did you mean ...?" suggestions (graphql-js
 * suggestionList/didYouMean: Damerau-Levenshtein distance within 40% of the input,
 * best first, ties in natural order, at most five shown). */
#include "exec/validate_internal.h"

#include "graphql/print.h"

#include <ctype.h>
#include <string.h>

/* ---- values ---- */

/* graphql-js sortValueNode: object fields ordered by name (stable, natural order), so
 * that two argument values compare equal whatever order their fields were written in. */
static const GqlValue *sorted_copy(Arena *a, const GqlValue *v)
{
    if (v->kind == GQL_VAL_LIST) {
        GqlValue *l = arena_memdup(a, v, sizeof *v);
        l->items = ARENA_ARRAY(a, GqlValue *, v->n_items + 1);
        for (uint32_t i = 0; i < v->n_items; i++) l->items[i] = (GqlValue *)sorted_copy(a, v->items[i]);
        return l;
    }
    if (v->kind != GQL_VAL_OBJECT) return v;
    GqlValue *o = arena_memdup(a, v, sizeof *v);
    GqlArgument *f = ARENA_ARRAY(a, GqlArgument, v->n_fields + 1);
    for (uint32_t i = 0; i < v->n_fields; i++) {
        GqlArgument x = v->fields[i];
        x.value = (GqlValue *)sorted_copy(a, x.value);
        uint32_t j = i;
        while (j > 0 && vp_natural_compare(f[j - 1].name.ptr, f[j - 1].name.len, x.name.ptr,
                                           x.name.len) > 0) {
            f[j] = f[j - 1];
            j--;
        }
        f[j] = x;
    }
    o->fields = f;
    return o;
}

void vp_value(Buf *b, const GqlValue *v, bool sorted)
{
    gql_print_value(sorted ? sorted_copy(b->arena, v) : v, b);
}

const char *vp_value_str(VCtx *c, const GqlValue *v)
{
    Buf b;
    buf_init(&b, c->a, 32);
    gql_print_value(v, &b);
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

/* `options` are distinct (names of one type, enum, schema...). */
uint32_t vp_suggest(VCtx *c, Str input, const char *const *options, uint32_t n,
                    const char ***out)
{
    int threshold = (int)(input.len * 4 / 10) + 1; /* floor(len * 0.4) + 1 */
    const char **names = ARENA_ARRAY(c->a, const char *, n ? n : 1);
    int *dist = ARENA_ARRAY(c->a, int, n ? n : 1);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
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
