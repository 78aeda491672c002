/* validate_overlap.c - OverlappingFieldsCanBeMerged (GraphQL spec §5.3.2), following the
 * algorithm of graphql-js v16 so conflicts are found, grouped and ordered as it does.
 *
 * For each selection set: collect its fields by response key (through inline fragments)
 * and the names of the fragments it spreads; compare fields "within" that collection,
 * then "between" it and each spread fragment, and between the fragments. Two fields with
 * one response key conflict when (unless their parents are distinct object types) they
 * name different fields or pass different arguments, when their types differ in list /
 * non-null shape or leaf type, or when their sub-selections conflict. Collections are
 * cached per selection set and fragment pairs are compared once (graphql-js PairSet). */
#include "exec/validate_internal.h"

#include <string.h>

typedef struct NodeAndDef {
    const SType *parent;
    const GqlSelection *node;
    const SField *def;
} NodeAndDef;

typedef struct FGroup {
    Str key;
    NodeAndDef *items;
    uint32_t n, cap;
} FGroup;

typedef struct FieldMap {
    FGroup **groups; /* first-seen order of response keys */
    uint32_t n, cap;
    Map by_key;
} FieldMap;

typedef struct FieldsAndFrags {
    FieldMap *fields;
    Str *frags; /* unique, first-seen order */
    uint32_t n_frags, cap_frags;
} FieldsAndFrags;

/* A reason is a message, or the list of the sub-field conflicts behind it. */
typedef struct Reason {
    Str key;
    const char *msg;
    struct Reason **subs;
    uint32_t n_subs;
} Reason;

typedef struct NodeList {
    const GqlSelection **items;
    uint32_t n, cap;
} NodeList;

typedef struct Conflict {
    Reason *reason;
    NodeList f1, f2;
} Conflict;

typedef struct Conflicts {
    Conflict **items;
    uint32_t n, cap;
} Conflicts;

typedef struct FragPair {
    Str a, b;
} FragPair;

typedef struct Discovered {
    FragPair *items;
    uint32_t n, cap;
} Discovered;

#define GROW(a, arr, n, cap)                                                          \
    do {                                                                              \
        if ((n) == (cap)) {                                                           \
            uint32_t nc_ = (cap) ? (cap) * 2 : 4;                                     \
            void *p_ = arena_alloc((a), sizeof *(arr) * nc_);                         \
            if (n) memcpy(p_, (arr), sizeof *(arr) * (n));                            \
            (arr) = p_;                                                               \
            (cap) = nc_;                                                              \
        }                                                                             \
    } while (0)

static void nodes_push(Arena *a, NodeList *l, const GqlSelection *s)
{
    GROW(a, l->items, l->n, l->cap);
    l->items[l->n++] = s;
}

static void conflicts_push(Arena *a, Conflicts *cs, Conflict *c)
{
    GROW(a, cs->items, cs->n, cs->cap);
    cs->items[cs->n++] = c;
}

/* ---- collecting fields ---- */

static void collect(VCtx *c, const SType *parent, const GqlSelectionSet *ss, FieldsAndFrags *out)
{
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        if (s->kind == GQL_SEL_FIELD) {
            Str key = gql_response_key(s);
            FGroup *g = map_gets(&out->fields->by_key, key);
            if (!g) {
                g = ARENA_NEW(c->a, FGroup);
                g->key = key;
                map_put(&out->fields->by_key, key.ptr, key.len, g);
                FieldMap *fm = out->fields;
                GROW(c->a, fm->groups, fm->n, fm->cap);
                fm->groups[fm->n++] = g;
            }
            GROW(c->a, g->items, g->n, g->cap);
            g->items[g->n++] = (NodeAndDef){parent, s, vt_field(parent, s->name)};
        } else if (s->kind == GQL_SEL_FRAGMENT_SPREAD) {
            bool seen = false;
            for (uint32_t k = 0; k < out->n_frags && !seen; k++) seen = str_eq(out->frags[k], s->name);
            if (!seen) {
                GROW(c->a, out->frags, out->n_frags, out->cap_frags);
                out->frags[out->n_frags++] = s->name;
            }
        } else {
            const SType *t = s->name.len ? vt_lookup(c, s->name) : parent;
            collect(c, t, s->selection_set, out);
        }
    }
}

/* graphql-js getFieldsAndFragmentNames: cached by selection set (not by parent type). */
static const FieldsAndFrags *fields_and_frags(VCtx *c, const SType *parent,
                                              const GqlSelectionSet *ss)
{
    FieldsAndFrags *r = ptrmap_get(&c->overlap_cache, ss);
    if (r) return r;
    r = ARENA_NEW(c->a, FieldsAndFrags);
    r->fields = ARENA_NEW(c->a, FieldMap);
    map_init(&r->fields->by_key, c->a, ss->n);
    collect(c, parent, ss, r);
    ptrmap_put(c->a, &c->overlap_cache, ss, r);
    return r;
}

static const FieldsAndFrags *fragment_fields(VCtx *c, const GqlDefinition *f)
{
    FieldsAndFrags *r = ptrmap_get(&c->overlap_cache, f->selection_set);
    if (r) return r;
    return fields_and_frags(c, vt_lookup(c, f->type_condition.name), f->selection_set);
}

/* ---- fragment pairs (graphql-js PairSet) ---- */

static Str pair_key(VCtx *c, Str a, Str b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int cmp = memcmp(a.ptr, b.ptr, n);
    if (cmp > 0 || (cmp == 0 && a.len > b.len)) {
        Str t = a;
        a = b;
        b = t;
    }
    char *k = arena_alloc(c->a, a.len + b.len + 1);
    memcpy(k, a.ptr, a.len);
    k[a.len] = 0;
    memcpy(k + a.len + 1, b.ptr, b.len);
    return (Str){k, a.len + b.len + 1};
}

/* "false" (not exclusive) is a superset of "true": a pair compared non-exclusively
 * answers both questions. */
static bool pairs_has(VCtx *c, Str a, Str b, bool exclusive)
{
    Str k = pair_key(c, a, b);
    uintptr_t v = (uintptr_t)map_gets(&c->compared_pairs, k);
    if (!v) return false;
    return exclusive ? true : v == 1;
}

static void pairs_add(VCtx *c, Str a, Str b, bool exclusive)
{
    Str k = pair_key(c, a, b);
    map_put(&c->compared_pairs, k.ptr, k.len, (void *)(uintptr_t)(exclusive ? 2 : 1));
}

/* ---- comparing ---- */

static void between_fields_and_fragment(VCtx *c, Conflicts *out, bool excl, const FieldMap *fm,
                                        Str frag_name, Discovered *disc);
static void between_fragments(VCtx *c, Conflicts *out, bool excl, Str f1, Str f2);
static Conflicts sub_selection_conflicts(VCtx *c, bool excl, const SType *p1,
                                         const GqlSelectionSet *s1, const SType *p2,
                                         const GqlSelectionSet *s2);

static bool same_arguments(VCtx *c, const GqlSelection *a, const GqlSelection *b)
{
    if (a->n_args == 0) return b->n_args == 0;
    if (b->n_args == 0 || a->n_args != b->n_args) return false;
    for (uint32_t i = 0; i < a->n_args; i++) {
        const GqlValue *v2 = NULL;
        for (uint32_t k = 0; k < b->n_args; k++) /* the last of a repeated name, as a Map */
            if (str_eq(b->args[k].name, a->args[i].name)) v2 = b->args[k].value;
        if (!v2) return false;
        Buf x, y;
        buf_init(&x, c->a, 32);
        buf_init(&y, c->a, 32);
        vp_value(&x, a->args[i].value, true);
        vp_value(&y, v2, true);
        if (x.len != y.len || memcmp(x.data, y.data, x.len) != 0) return false;
    }
    return true;
}

static bool types_conflict(const TypeRef *t1, const TypeRef *t2)
{
    if (t1->kind == REF_LIST) return t2->kind == REF_LIST ? types_conflict(t1->of, t2->of) : true;
    if (t2->kind == REF_LIST) return true;
    if (t1->kind == REF_NON_NULL)
        return t2->kind == REF_NON_NULL ? types_conflict(t1->of, t2->of) : true;
    if (t2->kind == REF_NON_NULL) return true;
    if (vt_is_leaf(t1->named) || vt_is_leaf(t2->named)) return t1->named != t2->named;
    return false;
}

static Conflict *simple_conflict(VCtx *c, Str key, const char *msg, const GqlSelection *n1,
                                 const GqlSelection *n2)
{
    Conflict *cf = ARENA_NEW(c->a, Conflict);
    cf->reason = ARENA_NEW(c->a, Reason);
    cf->reason->key = key;
    cf->reason->msg = msg;
    nodes_push(c->a, &cf->f1, n1);
    nodes_push(c->a, &cf->f2, n2);
    return cf;
}

static Conflict *find_conflict(VCtx *c, bool parents_excl, Str key, const NodeAndDef *f1,
                               const NodeAndDef *f2)
{
    const GqlSelection *n1 = f1->node, *n2 = f2->node;
    bool excl = parents_excl || (f1->parent != f2->parent && f1->parent && f2->parent &&
                                 f1->parent->kind == TK_OBJECT && f2->parent->kind == TK_OBJECT);
    if (!excl) {
        if (!str_eq(n1->name, n2->name))
            return simple_conflict(c, key,
                                   arena_printf(c->a, "\"%.*s\" and \"%.*s\" are different fields",
                                                STR_FMT(n1->name), STR_FMT(n2->name)),
                                   n1, n2);
        if (!same_arguments(c, n1, n2))
            return simple_conflict(c, key, "they have differing arguments", n1, n2);
    }
    const TypeRef *t1 = f1->def ? f1->def->type : NULL, *t2 = f2->def ? f2->def->type : NULL;
    if (t1 && t2 && types_conflict(t1, t2))
        return simple_conflict(c, key,
                               arena_printf(c->a, "they return conflicting types \"%s\" and \"%s\"",
                                            vt_str(c, t1), vt_str(c, t2)),
                               n1, n2);
    if (n1->selection_set && n2->selection_set) {
        Conflicts subs = sub_selection_conflicts(c, excl, t1 ? typeref_named(t1) : NULL,
                                                 n1->selection_set, t2 ? typeref_named(t2) : NULL,
                                                 n2->selection_set);
        if (!subs.n) return NULL;
        Conflict *cf = ARENA_NEW(c->a, Conflict);
        cf->reason = ARENA_NEW(c->a, Reason);
        cf->reason->key = key;
        cf->reason->subs = ARENA_ARRAY(c->a, Reason *, subs.n);
        cf->reason->n_subs = subs.n;
        nodes_push(c->a, &cf->f1, n1);
        nodes_push(c->a, &cf->f2, n2);
        for (uint32_t i = 0; i < subs.n; i++) {
            cf->reason->subs[i] = subs.items[i]->reason;
            for (uint32_t k = 0; k < subs.items[i]->f1.n; k++)
                nodes_push(c->a, &cf->f1, subs.items[i]->f1.items[k]);
            for (uint32_t k = 0; k < subs.items[i]->f2.n; k++)
                nodes_push(c->a, &cf->f2, subs.items[i]->f2.items[k]);
        }
        return cf;
    }
    return NULL;
}

static void within(VCtx *c, Conflicts *out, const FieldMap *fm)
{
    for (uint32_t g = 0; g < fm->n && !c->aborted; g++) {
        const FGroup *grp = fm->groups[g];
        for (uint32_t i = 0; i < grp->n; i++)
            for (uint32_t j = i + 1; j < grp->n; j++) {
                Conflict *cf = find_conflict(c, false, grp->key, &grp->items[i], &grp->items[j]);
                if (cf) conflicts_push(c->a, out, cf);
            }
    }
}

static void between(VCtx *c, Conflicts *out, bool excl, const FieldMap *a, const FieldMap *b)
{
    for (uint32_t g = 0; g < a->n && !c->aborted; g++) {
        const FGroup *g1 = a->groups[g];
        const FGroup *g2 = map_gets(&b->by_key, g1->key);
        if (!g2) continue;
        for (uint32_t i = 0; i < g1->n; i++)
            for (uint32_t j = 0; j < g2->n; j++) {
                Conflict *cf = find_conflict(c, excl, g1->key, &g1->items[i], &g2->items[j]);
                if (cf) conflicts_push(c->a, out, cf);
            }
    }
}

static void discovered_push(Arena *a, Discovered *d, Str x, Str y)
{
    GROW(a, d->items, d->n, d->cap);
    d->items[d->n++] = (FragPair){x, y};
}

static void between_fields_and_fragment(VCtx *c, Conflicts *out, bool excl, const FieldMap *fm,
                                        Str frag_name, Discovered *disc)
{
    const GqlDefinition *f = vf_fragment(c, frag_name);
    if (!f) return;
    const FieldsAndFrags *ff = fragment_fields(c, f);
    if (ff->fields == fm) return; /* a fragment's fields against themselves */
    between(c, out, excl, fm, ff->fields);
    for (uint32_t i = 0; i < ff->n_frags; i++) discovered_push(c->a, disc, frag_name, ff->frags[i]);
}

/* graphql-js processDiscoveredFragments: nested spreads of compared fragments, each
 * (fragment, nested) pair once. */
static void process_discovered(VCtx *c, Conflicts *out, bool excl, const FieldMap *fm,
                               Discovered *disc)
{
    while (disc->n && !c->aborted) {
        FragPair p = disc->items[--disc->n];
        if (pairs_has(c, p.b, p.a, excl)) continue;
        pairs_add(c, p.b, p.a, excl);
        between_fields_and_fragment(c, out, excl, fm, p.b, disc);
    }
}

static void between_fragments(VCtx *c, Conflicts *out, bool excl, Str n1, Str n2)
{
    if (str_eq(n1, n2) || c->aborted) return;
    if (pairs_has(c, n1, n2, excl)) return;
    pairs_add(c, n1, n2, excl);
    const GqlDefinition *f1 = vf_fragment(c, n1), *f2 = vf_fragment(c, n2);
    if (!f1 || !f2) return;
    const FieldsAndFrags *a = fragment_fields(c, f1), *b = fragment_fields(c, f2);
    between(c, out, excl, a->fields, b->fields);
    for (uint32_t i = 0; i < b->n_frags; i++) between_fragments(c, out, excl, n1, b->frags[i]);
    for (uint32_t i = 0; i < a->n_frags; i++) between_fragments(c, out, excl, a->frags[i], n2);
}

static Conflicts sub_selection_conflicts(VCtx *c, bool excl, const SType *p1,
                                         const GqlSelectionSet *s1, const SType *p2,
                                         const GqlSelectionSet *s2)
{
    Conflicts out = {0};
    const FieldsAndFrags *a = fields_and_frags(c, p1, s1);
    const FieldsAndFrags *b = fields_and_frags(c, p2, s2);
    between(c, &out, excl, a->fields, b->fields);
    Discovered disc = {0};
    for (uint32_t i = 0; i < b->n_frags; i++)
        between_fields_and_fragment(c, &out, excl, a->fields, b->frags[i], &disc);
    process_discovered(c, &out, excl, a->fields, &disc);
    for (uint32_t i = 0; i < a->n_frags; i++)
        between_fields_and_fragment(c, &out, excl, b->fields, a->frags[i], &disc);
    process_discovered(c, &out, excl, b->fields, &disc);
    for (uint32_t i = 0; i < a->n_frags; i++)
        for (uint32_t j = 0; j < b->n_frags; j++)
            between_fragments(c, &out, excl, a->frags[i], b->frags[j]);
    return out;
}

/* ---- reporting ---- */

static void put_reason(Buf *b, const Reason *r)
{
    if (!r->subs) {
        buf_puts(b, r->msg);
        return;
    }
    for (uint32_t i = 0; i < r->n_subs; i++) {
        if (i) buf_puts(b, " and ");
        buf_printf(b, "subfields \"%.*s\" conflict because ", STR_FMT(r->subs[i]->key));
        put_reason(b, r->subs[i]);
    }
}

void vo_selection_set(VCtx *c, const SType *parent, const GqlSelectionSet *ss)
{
    Conflicts out = {0};
    const FieldsAndFrags *ff = fields_and_frags(c, parent, ss);
    within(c, &out, ff->fields);
    if (ff->n_frags) {
        Discovered disc = {0};
        for (uint32_t i = 0; i < ff->n_frags; i++) {
            between_fields_and_fragment(c, &out, false, ff->fields, ff->frags[i], &disc);
            for (uint32_t j = i + 1; j < ff->n_frags; j++)
                between_fragments(c, &out, false, ff->frags[i], ff->frags[j]);
        }
        process_discovered(c, &out, false, ff->fields, &disc);
    }
    for (uint32_t i = 0; i < out.n && !c->aborted; i++) {
        const Conflict *cf = out.items[i];
        Buf b;
        buf_init(&b, c->a, 128);
        buf_printf(&b, "Fields \"%.*s\" conflict because ", STR_FMT(cf->reason->key));
        put_reason(&b, cf->reason);
        buf_puts(&b, ". Use different aliases on the fields to fetch both if this was "
                     "intentional.");
        uint32_t n = cf->f1.n + cf->f2.n;
        GqlLoc *locs = ARENA_ARRAY(c->a, GqlLoc, n);
        for (uint32_t k = 0; k < cf->f1.n; k++) locs[k] = cf->f1.items[k]->loc;
        for (uint32_t k = 0; k < cf->f2.n; k++) locs[cf->f1.n + k] = cf->f2.items[k]->loc;
        v_error(c, b.data, locs, n);
    }
}
