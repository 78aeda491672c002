/* nested.c - the post-pass for nested fields that resolve to null with an error
 * (sql/compile.h SqlNested): after a read's statements ran, find every occurrence of
 * such a field in the JSON text, report one error per occurrence with its concrete path
 * (list indices), and apply GraphQL null propagation (a null non-null field nulls its
 * parent, up to the nearest nullable position).
 *
 * The text is edited in place rather than parsed into a tree and printed again, so
 * every other byte (floats, Json values) stays exactly as SQL wrote it. The records'
 * paths form a trie walked together with the text, in document order, which is the
 * order graphql-js completes fields in: errors come out in the same order, and once a
 * violation propagates to an object or list, its remaining members are not looked at
 * (graphql-js stops completing them). */
#include <stdio.h>

#include "sql/compile.h"
#include "store/internal.h"

void store_field_errors_add(FieldErrors *fe, Arena *a, const FieldError *e)
{
    if (fe->n == fe->cap) {
        uint32_t cap = fe->cap ? fe->cap * 2 : 8;
        FieldError *n = ARENA_ARRAY(a, FieldError, cap);
        if (fe->n) memcpy(n, fe->items, sizeof *n * fe->n);
        fe->items = n;
        fe->cap = cap;
    }
    fe->items[fe->n++] = *e;
}

/* ---- the trie of record paths ---- */

typedef struct Term {
    const SqlNested *r;
    struct Term *next;
} Term;

typedef struct TNode {
    PathSeg seg; /* key, or a list position (key.ptr NULL) */
    bool non_null;
    struct TNode *kids, *next;
    Term *terms; /* records whose path ends here */
} TNode;

static TNode *kid(Arena *a, TNode *t, PathSeg seg, bool non_null, bool add)
{
    for (TNode *k = t->kids; k; k = k->next) {
        if (!k->seg.key.ptr != !seg.key.ptr) continue;
        if (!seg.key.ptr || str_eq(k->seg.key, seg.key)) return k;
    }
    if (!add) return NULL;
    TNode *k = ARENA_NEW(a, TNode);
    k->seg = seg;
    k->non_null = non_null;
    k->next = t->kids;
    t->kids = k;
    return k;
}

/* ---- scanning JSON text (as written by SQLite: valid, plus SQL_NULL_MARK bytes) ---- */

typedef struct Walk {
    Arena *a;
    const char *s;
    size_t n;
    bool bad;       /* the text is not what the SQL writes */
    PathSeg *stack; /* the concrete path of the current position */
    uint32_t depth_cap;
    size_t (*edits)[2]; /* byte ranges replaced by null, in text order */
    uint32_t n_edits, edits_cap;
    FieldErrors *out;
} Walk;

static size_t ws(const Walk *w, size_t i)
{
    while (i < w->n && (w->s[i] == ' ' || w->s[i] == '\n' || w->s[i] == '\t' || w->s[i] == '\r'))
        i++;
    return i;
}

static size_t skip_string(Walk *w, size_t i)
{
    for (i++; i < w->n; i++) {
        if (w->s[i] == '\\')
            i++;
        else if (w->s[i] == '"')
            return i + 1;
    }
    w->bad = true;
    return w->n;
}

static size_t skip_value(Walk *w, size_t i)
{
    i = ws(w, i);
    if (i >= w->n) {
        w->bad = true;
        return w->n;
    }
    char c = w->s[i];
    if (c == '"') return skip_string(w, i);
    if (c == '{' || c == '[') {
        int depth = 0;
        while (i < w->n) {
            c = w->s[i];
            if (c == '"') {
                i = skip_string(w, i);
                continue;
            }
            if (c == '{' || c == '[') depth++;
            if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
            i++;
        }
        w->bad = true;
        return w->n;
    }
    while (i < w->n && !strchr(",]} \n\t\r", w->s[i]))
        i++;
    return i;
}

static void edit(Walk *w, size_t from, size_t to)
{
    if (w->n_edits == w->edits_cap) {
        uint32_t cap = w->edits_cap ? w->edits_cap * 2 : 8;
        size_t(*n)[2] = arena_alloc(w->a, sizeof *n * cap);
        if (w->n_edits) memcpy(n, w->edits, sizeof *n * w->n_edits);
        w->edits = n;
        w->edits_cap = cap;
    }
    w->edits[w->n_edits][0] = from;
    w->edits[w->n_edits][1] = to;
    w->n_edits++;
}

/* Does record r apply to the value in [from, to)? An erroring field was compiled as
 * null; a required to-one field matters only where it is the marker. A value of another
 * shape is another field with the same key (node() selections of different types). */
static bool hits(const Walk *w, const SqlNested *r, size_t from, size_t to)
{
    if (r->code == SQL_NESTED_NON_NULL) return to - from == 1 && w->s[from] == SQL_NULL_MARK;
    return to - from == 4 && !memcmp(w->s + from, "null", 4);
}

static void report(Walk *w, const SqlNested *r, uint32_t depth)
{
    if (!w->out) return;
    FieldError e = {.code = r->code, .message = r->message, .loc = r->loc};
    e.path_len = depth + 1;
    e.path = arena_memdup(w->a, w->stack, sizeof *e.path * e.path_len);
    store_field_errors_add(w->out, w->a, &e);
}

static bool walk(Walk *w, const TNode *t, size_t start, uint32_t d);

/* The member or element (trie node k) in [from, to) at depth d: reports what applies to
 * it and returns true when it became null (which the caller propagates if k is
 * non-null). */
static bool visit(Walk *w, const TNode *k, size_t from, size_t to, uint32_t d)
{
    for (const Term *tm = k->terms; tm; tm = tm->next) {
        if (!hits(w, tm->r, from, to)) continue;
        report(w, tm->r, d);
        if (w->s[from] == SQL_NULL_MARK) edit(w, from, to);
        return true;
    }
    if (!k->kids || d + 1 >= w->depth_cap) return false;
    uint32_t mark = w->n_edits;
    if (!walk(w, k, from, d + 1)) return false;
    w->n_edits = mark; /* the whole value goes */
    edit(w, from, to);
    return true;
}

/* Walks the value at `start` (position t of the trie, depth d). Returns true when the
 * value itself must become null (a non-null member or element of it became null). */
static bool walk(Walk *w, const TNode *t, size_t start, uint32_t d)
{
    size_t i = ws(w, start);
    if (i >= w->n) return false;
    char open = w->s[i];
    if (open != '{' && open != '[') return false;
    const TNode *elems =
        open == '[' ? kid(NULL, (TNode *)t, (PathSeg){STR_NULL, 0}, false, false) : NULL;
    if (open == '[' && !elems) return false;
    i = ws(w, i + 1);
    for (int index = 0; i < w->n && !w->bad && w->s[i] != '}' && w->s[i] != ']'; index++) {
        const TNode *k = elems;
        if (open == '{') {
            size_t key = i + 1, key_end = skip_string(w, i);
            i = ws(w, key_end);
            if (i >= w->n || w->s[i] != ':') {
                w->bad = true;
                return false;
            }
            i = ws(w, i + 1);
            /* keys are GraphQL names: their JSON text is the name itself */
            Str name = {w->s + key, key_end - key - 1};
            k = kid(NULL, (TNode *)t, (PathSeg){name, 0}, false, false);
            w->stack[d] = k ? k->seg : (PathSeg){0};
        } else {
            w->stack[d] = (PathSeg){STR_NULL, index};
        }
        size_t end = skip_value(w, i);
        if (k && visit(w, k, i, end, d) && k->non_null) return true;
        i = ws(w, end);
        if (i < w->n && w->s[i] == ',') i = ws(w, i + 1);
    }
    return false;
}

bool store_fix_nested(StoreConn *c, SqlPlan *p, Buf *text)
{
    /* Non-null records matter only when a marker was written. */
    if (!p->nested_errors && !memchr(text->data, SQL_NULL_MARK, text->len)) return true;
    Arena *a = p->a;
    TNode root = {0};
    uint32_t depth = 2;
    for (uint32_t i = 0; i < p->n_nested; i++) {
        const SqlNested *r = &p->nested[i];
        if (!r->path_len) continue;
        TNode *t = &root;
        for (uint32_t k = 0; k < r->path_len; k++)
            t = kid(a, t, r->path[k], r->non_null[k], true);
        Term *tm = ARENA_NEW(a, Term);
        *tm = (Term){r, NULL};
        /* keep the records' order: the first one that applies reports */
        Term **at = &t->terms;
        while (*at)
            at = &(*at)->next;
        *at = tm;
        if (r->path_len + 1 > depth) depth = r->path_len + 1;
    }
    Walk w = {.a = a, .s = text->data, .n = text->len, .out = c->nested_errors};
    w.depth_cap = depth;
    w.stack = ARENA_ARRAY(a, PathSeg, depth);
    bool gone = walk(&w, &root, 0, 0);
    if (w.bad) {
        fprintf(stderr, "relata: internal error: unexpected JSON from a read\n");
        return false;
    }
    Buf out;
    buf_init(&out, a, text->len + 16);
    if (gone) {
        buf_puts(&out, "null");
    } else {
        size_t from = 0;
        for (uint32_t i = 0; i < w.n_edits; i++) {
            buf_put(&out, text->data + from, w.edits[i][0] - from);
            buf_puts(&out, "null");
            from = w.edits[i][1];
        }
        buf_put(&out, text->data + from, text->len - from);
    }
    /* A marker no record accounts for would make the text invalid JSON. */
    if (memchr(out.data, SQL_NULL_MARK, out.len)) {
        fprintf(stderr, "relata: internal error: unaccounted null marker in a read\n");
        return false;
    }
    *text = out;
    return true;
}
