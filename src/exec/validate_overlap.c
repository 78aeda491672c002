/* validate_overlap.c - OverlappingFieldsCanBeMerged (GraphQL spec §5.3.2), following
 * graphql-js 16.15 so conflicts are found, grouped, worded and ordered as it does.
 *
 * For a selection set: collect its fields by response key (through inline fragments)
 * and the names of the fragments it spreads; compare fields "within" that collection,
 * then "between" it and each spread fragment, and between the fragments. Two fields with
 * one response key conflict when (unless their parents are distinct object types) they
 * name different fields or pass different arguments, when their types differ in list /
 * non-null shape or leaf type, or when their sub-selections conflict. Collections are
 * cached per (parent type, selection set); fragment pairs are compared once.
 *
 * Like graphql-js, the work is metered: past 500 000 units validation is aborted with
 * "Validation aborted." (a document crafted to make the comparisons explode). Long
 * conflict messages are cut at 1000 characters and keep at most 20 locations a side. */
#include "exec/validate_internal.h"

#include <string.h>

#define MAX_DETAIL 1000
#define MAX_NODES 20

typedef struct NodeAndDef {
    const SType *parent;
    const GqlSelection *node;
    const SField *def;
    PtrMap comparisons; /* other NodeAndDef* -> reason (or NO_REASON): name/argument checks */
} NodeAndDef;

static const char NO_REASON[] = "";

typedef struct FGroup {
    Str key;
    NodeAndDef **items;
    uint32_t n, cap;
} FGroup;

typedef struct Overlap {
    const FGroup *g1, *g2;
} Overlap;

typedef struct OverlapList {
    Overlap *items;
    uint32_t n, cap;
} OverlapList;

/* graphql-js CollectFieldsResult. */
typedef struct Cfr {
    FGroup **groups; /* first-seen order of response keys */
    uint32_t n, cap;
    Map by_key;
    Str *frags;      /* spread fragment names, unique, first-seen order */
    uint32_t n_frags, cap_frags;
    Map frag_set;
    Map compared_frags; /* fragment name -> 1 compared non-exclusively, 2 exclusively */
    PtrMap overlapping; /* other Cfr* -> OverlapList* */
} Cfr;

typedef struct CfrCacheEntry {
    const SType *parent;
    Cfr *cfr;
    struct CfrCacheEntry *next;
} CfrCacheEntry;

typedef struct NodeList {
    const GqlSelection **items;
    uint32_t n, cap;
} NodeList;

typedef struct Conflict {
    Str key;
    const char *reason;
    NodeList f1, f2;
} Conflict;

typedef struct Conflicts {
    Conflict **items;
    uint32_t n, cap;
} Conflicts;

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

/* Charges `cost` units; false once the budget is gone (validation is then aborted). */
static bool spend(VCtx *c, long cost)
{
    if (c->aborted) return false;
    c->overlap_budget -= cost;
    if (c->overlap_budget < 0) {
        v_abort(c);
        return false;
    }
    return true;
}

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

/* maybeAbbreviate: at most MAX_DETAIL characters, then "...". */
static void put_abbrev(Buf *b, const char *s, size_t n)
{
    if (n > MAX_DETAIL) {
        buf_put(b, s, MAX_DETAIL);
        buf_puts(b, "...");
    } else {
        buf_put(b, s, n);
    }
}

/* ---- collecting fields ---- */

static void collect(VCtx *c, const SType *parent, const GqlSelectionSet *ss, Cfr *out)
{
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        if (s->kind == GQL_SEL_FIELD) {
            Str key = gql_response_key(s);
            FGroup *g = map_gets(&out->by_key, key);
            if (!g) {
                g = ARENA_NEW(c->a, FGroup);
                g->key = key;
                map_put(&out->by_key, key.ptr, key.len, g);
                GROW(c->a, out->groups, out->n, out->cap);
                out->groups[out->n++] = g;
            }
            NodeAndDef *nd = ARENA_NEW(c->a, NodeAndDef);
            nd->parent = parent;
            nd->node = s;
            nd->def = vt_field(parent, s->name);
            GROW(c->a, g->items, g->n, g->cap);
            g->items[g->n++] = nd;
        } else if (s->kind == GQL_SEL_FRAGMENT_SPREAD) {
            if (!map_gets(&out->frag_set, s->name)) {
                map_put(&out->frag_set, s->name.ptr, s->name.len, (void *)1);
                GROW(c->a, out->frags, out->n_frags, out->cap_frags);
                out->frags[out->n_frags++] = s->name;
            }
        } else {
            const SType *t = s->name.len ? vt_lookup(c, s->name) : parent;
            collect(c, t, s->selection_set, out);
        }
    }
}

static Cfr *collect_fields(VCtx *c, const SType *parent, const GqlSelectionSet *ss)
{
    CfrCacheEntry *head = ptrmap_get(&c->overlap_cache, ss);
    for (CfrCacheEntry *e = head; e; e = e->next)
        if (e->parent == parent) return e->cfr;
    Cfr *r = ARENA_NEW(c->a, Cfr);
    map_init(&r->by_key, c->a, ss->n);
    map_init(&r->compared_frags, c->a, 4);
    map_init(&r->frag_set, c->a, 4);
    collect(c, parent, ss, r);
    CfrCacheEntry *e = ARENA_NEW(c->a, CfrCacheEntry);
    e->parent = parent;
    e->cfr = r;
    e->next = head;
    ptrmap_put(c->a, &c->overlap_cache, ss, e);
    return r;
}

static Cfr *fragment_fields(VCtx *c, const GqlDefinition *f)
{
    return collect_fields(c, vt_lookup(c, f->type_condition.name), f->selection_set);
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

/* A pair compared non-exclusively answers the exclusive question too. A pair is added
 * only when `has` said no, so a non-exclusive entry may replace an exclusive one. */
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

static void between_fields_and_fragment(VCtx *c, Conflicts *out, bool excl, Cfr *cfr,
                                        Str frag_name);
static void between_fragments(VCtx *c, Conflicts *out, bool excl, Str f1, Str f2);
static Conflicts sub_selection_conflicts(VCtx *c, bool excl, const SType *p1,
                                         const GqlSelectionSet *s1, const SType *p2,
                                         const GqlSelectionSet *s2);

/* graphql-js compares argument values structurally (object fields in name order); the
 * printed form with sorted object fields is equivalent. */
static bool same_arguments(VCtx *c, const GqlSelection *a, const GqlSelection *b)
{
    if (a->n_args == 0) return b->n_args == 0;
    if (a->n_args != b->n_args) return false;
    for (uint32_t i = 0; i < a->n_args; i++) {
        if (!spend(c, 1)) return true;
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

/* graphql-js shares named types between fields but not list / non-null wrappers. */
static bool same_type_object(const TypeRef *a, const TypeRef *b)
{
    return a == b || (a->kind == REF_NAMED && b->kind == REF_NAMED && a->named == b->named);
}

static bool types_conflict(VCtx *c, const TypeRef *t1, const TypeRef *t2)
{
    if (same_type_object(t1, t2)) return false;
    if (!spend(c, 1)) return false;
    if (t1->kind == REF_LIST)
        return t2->kind == REF_LIST ? types_conflict(c, t1->of, t2->of) : true;
    if (t2->kind == REF_LIST) return true;
    if (t1->kind == REF_NON_NULL)
        return t2->kind == REF_NON_NULL ? types_conflict(c, t1->of, t2->of) : true;
    if (t2->kind == REF_NON_NULL) return true;
    if (vt_is_leaf(t1->named) || vt_is_leaf(t2->named)) return t1->named != t2->named;
    return false;
}

static Conflict *simple_conflict(VCtx *c, Str key, const char *reason, const GqlSelection *n1,
                                 const GqlSelection *n2)
{
    Conflict *cf = ARENA_NEW(c->a, Conflict);
    cf->key = key;
    cf->reason = reason;
    nodes_push(c->a, &cf->f1, n1);
    nodes_push(c->a, &cf->f2, n2);
    return cf;
}

/* graphql-js collectConflictNodes: the field, then the sub-conflicts' nodes (the last
 * ones of each when over MAX_NODES). */
static void conflict_nodes(VCtx *c, NodeList *dst, const GqlSelection *node, const Conflicts *subs,
                           bool first_side)
{
    nodes_push(c->a, dst, node);
    for (uint32_t i = 0; i < subs->n; i++) {
        const NodeList *l = first_side ? &subs->items[i]->f1 : &subs->items[i]->f2;
        uint32_t remaining = MAX_NODES - dst->n;
        uint32_t from = l->n > remaining ? l->n - remaining : 0;
        for (uint32_t k = from; k < l->n; k++) nodes_push(c->a, dst, l->items[k]);
        if (dst->n == MAX_NODES) break;
    }
}

static const char *name_reason(VCtx *c, const NodeAndDef *f1, const NodeAndDef *f2)
{
    const GqlSelection *n1 = f1->node, *n2 = f2->node;
    if (!str_eq(n1->name, n2->name)) {
        Buf b;
        buf_init(&b, c->a, 64);
        buf_putc(&b, '"');
        put_abbrev(&b, n1->name.ptr, n1->name.len);
        buf_puts(&b, "\" and \"");
        put_abbrev(&b, n2->name.ptr, n2->name.len);
        buf_puts(&b, "\" are different fields");
        return b.data;
    }
    return same_arguments(c, n1, n2) ? NO_REASON : "they have differing arguments";
}

static Conflict *find_conflict(VCtx *c, bool parents_excl, Str key, NodeAndDef *f1,
                               NodeAndDef *f2)
{
    const GqlSelection *n1 = f1->node, *n2 = f2->node;
    bool excl = parents_excl || (f1->parent != f2->parent && f1->parent && f2->parent &&
                                 f1->parent->kind == TK_OBJECT && f2->parent->kind == TK_OBJECT);
    if (!spend(c, 2)) return NULL;
    if (!excl) {
        const char *reason = ptrmap_get(&f1->comparisons, f2);
        if (!reason) {
            reason = name_reason(c, f1, f2);
            ptrmap_put(c->a, &f1->comparisons, f2, (void *)reason);
        }
        if (c->aborted) return NULL;
        if (reason != NO_REASON) return simple_conflict(c, key, reason, n1, n2);
    }
    const TypeRef *t1 = f1->def ? f1->def->type : NULL, *t2 = f2->def ? f2->def->type : NULL;
    if (t1 && t2 && types_conflict(c, t1, t2))
        return simple_conflict(c, key,
                               arena_printf(c->a, "they return conflicting types \"%s\" and \"%s\"",
                                            vt_str(c, t1), vt_str(c, t2)),
                               n1, n2);
    if (c->aborted || !n1->selection_set || !n2->selection_set) return NULL;
    Conflicts subs = sub_selection_conflicts(c, excl, t1 ? typeref_named(t1) : NULL,
                                             n1->selection_set, t2 ? typeref_named(t2) : NULL,
                                             n2->selection_set);
    if (!subs.n || c->aborted) return NULL;
    Buf msg;
    buf_init(&msg, c->a, 128);
    for (uint32_t i = 0; i < subs.n; i++) {
        if (i) buf_puts(&msg, " and ");
        buf_puts(&msg, "subfields \"");
        put_abbrev(&msg, subs.items[i]->key.ptr, subs.items[i]->key.len);
        buf_printf(&msg, "\" conflict because %s", subs.items[i]->reason);
        if (msg.len > MAX_DETAIL) break;
    }
    Conflict *cf = ARENA_NEW(c->a, Conflict);
    cf->key = key;
    if (msg.len > MAX_DETAIL) {
        Buf cut;
        buf_init(&cut, c->a, MAX_DETAIL + 4);
        put_abbrev(&cut, msg.data, msg.len);
        cf->reason = cut.data;
    } else {
        cf->reason = msg.data;
    }
    conflict_nodes(c, &cf->f1, n1, &subs, true);
    conflict_nodes(c, &cf->f2, n2, &subs, false);
    return cf;
}

static void within(VCtx *c, Conflicts *out, const Cfr *cfr)
{
    for (uint32_t g = 0; g < cfr->n && !c->aborted; g++) {
        const FGroup *grp = cfr->groups[g];
        for (uint32_t i = 0; i < grp->n && !c->aborted; i++)
            for (uint32_t j = i + 1; j < grp->n && !c->aborted; j++) {
                Conflict *cf = find_conflict(c, false, grp->key, grp->items[i], grp->items[j]);
                if (cf) conflicts_push(c->a, out, cf);
            }
    }
}

/* graphql-js getOverlappingFields: the response keys both collections have, cached. */
static const OverlapList *overlapping(VCtx *c, Cfr *a, const Cfr *b)
{
    OverlapList *l = ptrmap_get(&a->overlapping, b);
    if (l) return l;
    l = ARENA_NEW(c->a, OverlapList);
    for (uint32_t g = 0; g < a->n; g++) {
        if (!spend(c, 1)) return l;
        const FGroup *g2 = map_gets(&b->by_key, a->groups[g]->key);
        if (!g2) continue;
        GROW(c->a, l->items, l->n, l->cap);
        l->items[l->n++] = (Overlap){a->groups[g], g2};
    }
    ptrmap_put(c->a, &a->overlapping, b, l);
    return l;
}

static void between(VCtx *c, Conflicts *out, bool excl, Cfr *a, const Cfr *b)
{
    if (a->n == 0 || b->n == 0) return;
    const OverlapList *ol = overlapping(c, a, b);
    for (uint32_t o = 0; o < ol->n && !c->aborted; o++) {
        const FGroup *g1 = ol->items[o].g1, *g2 = ol->items[o].g2;
        for (uint32_t i = 0; i < g1->n && !c->aborted; i++)
            for (uint32_t j = 0; j < g2->n && !c->aborted; j++) {
                Conflict *cf = find_conflict(c, excl, g1->key, g1->items[i], g2->items[j]);
                if (cf) conflicts_push(c->a, out, cf);
            }
    }
}

static void between_fields_and_fragment(VCtx *c, Conflicts *out, bool excl, Cfr *cfr,
                                        Str frag_name)
{
    if (!spend(c, 1) || cfr->n == 0) return;
    /* Each fragment once per collection; a non-exclusive comparison covers both. */
    uintptr_t compared = (uintptr_t)map_gets(&cfr->compared_frags, frag_name);
    if (compared == 1 || (excl && compared == 2)) return;
    map_put(&cfr->compared_frags, frag_name.ptr, frag_name.len, (void *)(uintptr_t)(excl ? 2 : 1));
    const GqlDefinition *f = vf_fragment(c, frag_name);
    if (!f) return;
    Cfr *cfr2 = fragment_fields(c, f);
    if (cfr2 == cfr) return; /* a fragment's fields against themselves */
    between(c, out, excl, cfr, cfr2);
    for (uint32_t i = 0; i < cfr2->n_frags && !c->aborted; i++)
        between_fields_and_fragment(c, out, excl, cfr, cfr2->frags[i]);
}

static void between_fragments(VCtx *c, Conflicts *out, bool excl, Str n1, Str n2)
{
    if (!spend(c, 2) || str_eq(n1, n2)) return;
    if (pairs_has(c, n1, n2, excl)) return;
    pairs_add(c, n1, n2, excl);
    const GqlDefinition *f1 = vf_fragment(c, n1), *f2 = vf_fragment(c, n2);
    if (!f1 || !f2) return;
    Cfr *a = fragment_fields(c, f1), *b = fragment_fields(c, f2);
    between(c, out, excl, a, b);
    for (uint32_t i = 0; i < b->n_frags && !c->aborted; i++)
        between_fragments(c, out, excl, n1, b->frags[i]);
    for (uint32_t i = 0; i < a->n_frags && !c->aborted; i++)
        between_fragments(c, out, excl, a->frags[i], n2);
}

static Conflicts sub_selection_conflicts(VCtx *c, bool excl, const SType *p1,
                                         const GqlSelectionSet *s1, const SType *p2,
                                         const GqlSelectionSet *s2)
{
    Conflicts out = {0};
    Cfr *a = collect_fields(c, p1, s1);
    Cfr *b = collect_fields(c, p2, s2);
    between(c, &out, excl, a, b);
    for (uint32_t i = 0; i < b->n_frags && !c->aborted; i++)
        between_fields_and_fragment(c, &out, excl, a, b->frags[i]);
    for (uint32_t i = 0; i < a->n_frags && !c->aborted; i++)
        between_fields_and_fragment(c, &out, excl, b, a->frags[i]);
    for (uint32_t i = 0; i < a->n_frags && !c->aborted; i++)
        for (uint32_t j = 0; j < b->n_frags && !c->aborted; j++)
            between_fragments(c, &out, excl, a->frags[i], b->frags[j]);
    return out;
}

/* ---- the rule ---- */

void vo_selection_set(VCtx *c, const SType *parent, const GqlSelectionSet *ss, bool in_inline)
{
    /* An inline fragment's fields are compared as part of the enclosing selection set; a
     * set with one selection that is not an inline fragment has nothing to compare. */
    if (in_inline) return;
    if (ss->n <= 1 && (ss->n == 0 || ss->items[0].kind != GQL_SEL_INLINE_FRAGMENT)) return;
    Conflicts out = {0};
    Cfr *cfr = collect_fields(c, parent, ss);
    within(c, &out, cfr);
    if (cfr->n_frags && (cfr->n || cfr->n_frags > 1)) {
        for (uint32_t i = 0; i < cfr->n_frags && !c->aborted; i++) {
            between_fields_and_fragment(c, &out, false, cfr, cfr->frags[i]);
            for (uint32_t j = i + 1; j < cfr->n_frags && !c->aborted; j++)
                between_fragments(c, &out, false, cfr->frags[i], cfr->frags[j]);
        }
    }
    for (uint32_t i = 0; i < out.n && !c->aborted; i++) {
        const Conflict *cf = out.items[i];
        Buf b;
        buf_init(&b, c->a, 128);
        buf_puts(&b, "Fields \"");
        put_abbrev(&b, cf->key.ptr, cf->key.len);
        buf_printf(&b, "\" conflict because %s. Use different aliases on the fields to fetch both "
                       "if this was intentional.",
                   cf->reason);
        uint32_t n = cf->f1.n + cf->f2.n;
        GqlLoc *locs = ARENA_ARRAY(c->a, GqlLoc, n);
        for (uint32_t k = 0; k < cf->f1.n; k++) locs[k] = cf->f1.items[k]->loc;
        for (uint32_t k = 0; k < cf->f2.n; k++) locs[cf->f1.n + k] = cf->f2.items[k]->loc;
        v_error(c, b.data, locs, n);
    }
}
