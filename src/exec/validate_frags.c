/* validate_frags.c - the rules that look through fragment spreads: the fragment and
 * variable-usage queries of graphql-js's ValidationContext, NoFragmentCycles,
 * NoUnusedFragments, SingleFieldSubscriptions (its collectFields), MaxIntrospectionDepth
 * and relata's own selection depth limit.
 *
 * Orders follow graphql-js exactly (its spread collection pops a stack, so nested
 * spreads come out in that order), because error order depends on them. */
#include "exec/validate_internal.h"

#include <string.h>

const GqlDefinition *vf_fragment(const VCtx *c, Str name)
{
    return map_gets(&c->fragments, name);
}

typedef PtrVec Vec;

static void vec_push(Arena *a, Vec *v, const void *p) { ptrvec_push(a, v, (void *)p); }

const SpreadList *vf_spreads(VCtx *c, const GqlSelectionSet *root)
{
    SpreadList *cached = ptrmap_get(&c->spreads_cache, root);
    if (cached) return cached;
    Vec spreads = {0}, stack = {0};
    vec_push(c->a, &stack, root);
    while (stack.n) {
        const GqlSelectionSet *ss = stack.items[--stack.n];
        for (uint32_t i = 0; i < ss->n; i++) {
            const GqlSelection *s = &ss->items[i];
            if (s->kind == GQL_SEL_FRAGMENT_SPREAD) vec_push(c->a, &spreads, s);
            else if (s->selection_set) vec_push(c->a, &stack, s->selection_set);
        }
    }
    SpreadList *l = ARENA_NEW(c->a, SpreadList);
    l->items = (const GqlSelection **)spreads.items;
    l->n = spreads.n;
    ptrmap_put(c->a, &c->spreads_cache, root, l);
    return l;
}

/* Breadth first from the operations' own spreads, each fragment once (graphql-js 16.15
 * getRecursivelyReferencedFragmentsForOperations, fragment work metered as there). */
static FragList *referenced(VCtx *c, const GqlDefinition *const *ops, uint32_t n_ops)
{
    Vec names = {0}, frags = {0};
    Map seen;
    map_init(&seen, c->a, 8);
    for (uint32_t o = 0; o < n_ops; o++) {
        const SpreadList *sp = vf_spreads(c, ops[o]->selection_set);
        for (uint32_t i = 0; i < sp->n; i++) {
            Str *name = (Str *)&sp->items[i]->name;
            if (map_gets(&seen, *name)) continue;
            map_put(&seen, name->ptr, name->len, (void *)1);
            vec_push(c->a, &names, name);
        }
    }
    v_spend_fragment_work(c, names.n);
    for (uint32_t i = 0; i < names.n && !c->aborted; i++) {
        const GqlDefinition *f = vf_fragment(c, *(Str *)names.items[i]);
        if (!f) continue;
        vec_push(c->a, &frags, f);
        const SpreadList *sp = vf_spreads(c, f->selection_set);
        v_spend_fragment_work(c, sp->n);
        for (uint32_t k = 0; k < sp->n; k++) {
            Str *name = (Str *)&sp->items[k]->name;
            if (map_gets(&seen, *name)) continue;
            map_put(&seen, name->ptr, name->len, (void *)1);
            vec_push(c->a, &names, name);
        }
    }
    FragList *l = ARENA_NEW(c->a, FragList);
    l->items = (const GqlDefinition **)frags.items;
    l->n = frags.n;
    return l;
}

const FragList *vf_referenced_fragments(VCtx *c, const GqlDefinition *const *ops, uint32_t n)
{
    if (n != 1) return referenced(c, ops, n);
    FragList *l = ptrmap_get(&c->referenced_cache, ops[0]);
    if (!l) {
        l = referenced(c, ops, 1);
        ptrmap_put(c->a, &c->referenced_cache, ops[0], l);
    }
    return l;
}

static const VarUsages *own_usages(VCtx *c, const GqlDefinition *def)
{
    VarUsages *u = ptrmap_get(&c->usage_cache, def);
    if (u) return u;
    u = ARENA_NEW(c->a, VarUsages);
    vw_definition(c, def, u);
    ptrmap_put(c->a, &c->usage_cache, def, u);
    return u;
}

static void usages_append(Arena *a, VarUsages *dst, const VarUsages *src)
{
    if (dst->n + src->n > dst->cap) {
        uint32_t cap = (dst->n + src->n) * 2;
        VarUsage *items = ARENA_ARRAY(a, VarUsage, cap);
        if (dst->n) memcpy(items, dst->items, dst->n * sizeof *items);
        dst->items = items;
        dst->cap = cap;
    }
    if (src->n) memcpy(dst->items + dst->n, src->items, src->n * sizeof *src->items);
    dst->n += src->n;
}

const VarUsages *vf_recursive_usages(VCtx *c, const GqlDefinition *op)
{
    VarUsages *u = ptrmap_get(&c->recursive_usage_cache, op);
    if (u) return u;
    u = ARENA_NEW(c->a, VarUsages);
    const FragList *frags = vf_referenced_fragments(c, &op, 1);
    VarUsages from_frags = {0};
    v_spend_fragment_work(c, frags->n);
    for (uint32_t i = 0; i < frags->n && !c->aborted; i++) {
        const VarUsages *local = own_usages(c, frags->items[i]);
        v_spend_fragment_work(c, local->n);
        usages_append(c->a, &from_frags, local);
    }
    v_spend_fragment_work(c, from_frags.n);
    usages_append(c->a, u, own_usages(c, op));
    usages_append(c->a, u, &from_frags);
    ptrmap_put(c->a, &c->recursive_usage_cache, op, u);
    return u;
}

/* ---- NoFragmentCycles ---- */

typedef struct CycleState {
    Map visited;          /* fragment name -> 1 */
    Map path_index;       /* fragment name -> index+1 in spread_path while on the path */
    Vec spread_path;      /* GqlSelection* */
} CycleState;

static CycleState *cycle_state(VCtx *c)
{
    CycleState *st = c->cycle_state;
    if (!st) {
        st = ARENA_NEW(c->a, CycleState);
        map_init(&st->visited, c->a, 8);
        map_init(&st->path_index, c->a, 8);
        c->cycle_state = st;
    }
    return st;
}

static void detect_cycle(VCtx *c, CycleState *st, const GqlDefinition *frag)
{
    Str fname = frag->name;
    if (map_gets(&st->visited, fname)) return;
    map_put(&st->visited, fname.ptr, fname.len, (void *)1);
    const SpreadList *sp = vf_spreads(c, frag->selection_set);
    if (sp->n == 0) return;
    map_put(&st->path_index, fname.ptr, fname.len, (void *)(uintptr_t)(st->spread_path.n + 1));
    for (uint32_t i = 0; i < sp->n && !c->aborted; i++) {
        const GqlSelection *spread = sp->items[i];
        uintptr_t idx = (uintptr_t)map_gets(&st->path_index, spread->name);
        vec_push(c->a, &st->spread_path, spread);
        if (!idx) {
            const GqlDefinition *f = vf_fragment(c, spread->name);
            if (f) detect_cycle(c, st, f);
        } else {
            uint32_t from = (uint32_t)idx - 1, n = st->spread_path.n - from;
            GqlLoc *locs = ARENA_ARRAY(c->a, GqlLoc, n);
            Buf msg;
            buf_init(&msg, c->a, 64);
            buf_printf(&msg, "Cannot spread fragment \"%.*s\" within itself", STR_FMT(spread->name));
            for (uint32_t k = 0; k < n; k++) {
                const GqlSelection *s = st->spread_path.items[from + k];
                locs[k] = s->loc;
                if (k + 1 < n) buf_printf(&msg, "%s\"%.*s\"", k ? ", " : " via ", STR_FMT(s->name));
            }
            buf_putc(&msg, '.');
            v_error(c, msg.data, locs, n);
        }
        st->spread_path.n--;
    }
    map_put(&st->path_index, fname.ptr, fname.len, NULL);
}

void vf_no_fragment_cycles(VCtx *c, const GqlDefinition *frag)
{
    detect_cycle(c, cycle_state(c), frag);
}

/* ---- NoUnusedFragments ---- */

void vf_no_unused_fragments(VCtx *c)
{
    const GqlDocument *d = c->doc;
    const GqlDefinition **ops = ARENA_ARRAY(c->a, const GqlDefinition *, d->n_defs + 1);
    uint32_t n_ops = 0;
    for (uint32_t i = 0; i < d->n_defs; i++)
        if (d->defs[i].kind == GQL_DEF_OPERATION) ops[n_ops++] = &d->defs[i];
    const FragList *fl = vf_referenced_fragments(c, ops, n_ops);
    Map used;
    map_init(&used, c->a, fl->n);
    for (uint32_t k = 0; k < fl->n; k++)
        map_put(&used, fl->items[k]->name.ptr, fl->items[k]->name.len, (void *)1);
    for (uint32_t i = 0; i < d->n_defs && !c->aborted; i++) {
        const GqlDefinition *f = &d->defs[i];
        if (f->kind != GQL_DEF_FRAGMENT || map_gets(&used, f->name)) continue;
        v_errorf(c, f->loc, "Fragment \"%.*s\" is never used.", STR_FMT(f->name));
    }
}

/* ---- SingleFieldSubscriptions ---- */

/* @skip(if: true) / @include(if: false) with literal arguments exclude a selection.
 * Validation runs without variable values; graphql-js would throw on a variable here,
 * relata keeps the selection. */
static bool included(const GqlDirective *dirs, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        bool skip = str_eqz(dirs[i].name, "skip"), incl = str_eqz(dirs[i].name, "include");
        if (!skip && !incl) continue;
        for (uint32_t k = 0; k < dirs[i].n_args; k++) {
            const GqlArgument *arg = &dirs[i].args[k];
            if (!str_eqz(arg->name, "if") || arg->value->kind != GQL_VAL_BOOLEAN) continue;
            if (skip && arg->value->boolean) return false;
            if (incl && !arg->value->boolean) return false;
        }
    }
    return true;
}

static bool condition_matches(VCtx *c, Str cond, const SType *type)
{
    if (!cond.len) return true;
    const SType *t = vt_lookup(c, cond);
    if (t == type) return true;
    return vt_is_abstract(t) && vt_possible(t, type);
}

typedef struct FieldGroup {
    Str key;
    Vec nodes; /* GqlSelection* */
} FieldGroup;

typedef struct Collected {
    Vec groups; /* FieldGroup* in first-seen order */
    Map by_key;
    Map visited_frags;
} Collected;

/* graphql-js 16.15 meters the selections, directives and @skip/@include arguments of
 * every selection set it collects. */
static void reserve_work(VCtx *c, const GqlSelectionSet *ss)
{
    v_spend_fragment_work(c, ss->n);
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        v_spend_fragment_work(c, s->n_directives);
        for (uint32_t k = 0; k < s->n_directives; k++)
            if (str_eqz(s->directives[k].name, "skip") || str_eqz(s->directives[k].name, "include"))
                v_spend_fragment_work(c, s->directives[k].n_args);
    }
}

static void collect_fields(VCtx *c, const SType *type, const GqlSelectionSet *ss, Collected *out)
{
    reserve_work(c, ss);
    for (uint32_t i = 0; i < ss->n && !c->aborted; i++) {
        const GqlSelection *s = &ss->items[i];
        if (!included(s->directives, s->n_directives)) continue;
        if (s->kind == GQL_SEL_FIELD) {
            Str key = gql_response_key(s);
            FieldGroup *g = map_gets(&out->by_key, key);
            if (!g) {
                g = ARENA_NEW(c->a, FieldGroup);
                g->key = key;
                map_put(&out->by_key, key.ptr, key.len, g);
                vec_push(c->a, &out->groups, g);
            }
            vec_push(c->a, &g->nodes, s);
        } else if (s->kind == GQL_SEL_INLINE_FRAGMENT) {
            if (condition_matches(c, s->name, type)) collect_fields(c, type, s->selection_set, out);
        } else {
            if (map_gets(&out->visited_frags, s->name)) continue;
            map_put(&out->visited_frags, s->name.ptr, s->name.len, (void *)1);
            const GqlDefinition *f = vf_fragment(c, s->name);
            if (!f || !condition_matches(c, f->type_condition.name, type)) continue;
            collect_fields(c, type, f->selection_set, out);
        }
    }
}

void vf_single_field_subscription(VCtx *c, const GqlDefinition *op)
{
    const SType *sub = c->schema->subscription;
    if (op->op != GQL_OP_SUBSCRIPTION || !sub) return;
    if (!c->subscription_work_done) { /* indexing the fragments, once */
        c->subscription_work_done = true;
        v_spend_fragment_work(c, c->doc->n_defs);
    }
    Collected col = {0};
    map_init(&col.by_key, c->a, 8);
    map_init(&col.visited_frags, c->a, 8);
    collect_fields(c, sub, op->selection_set, &col);
    if (c->aborted) return;
    const char *who = op->name.len
                          ? arena_printf(c->a, "Subscription \"%.*s\"", STR_FMT(op->name))
                          : "Anonymous Subscription";
    if (col.groups.n > 1) {
        uint32_t n = 0;
        for (uint32_t g = 1; g < col.groups.n; g++) n += ((FieldGroup *)col.groups.items[g])->nodes.n;
        GqlLoc *l = ARENA_ARRAY(c->a, GqlLoc, n);
        n = 0;
        for (uint32_t g = 1; g < col.groups.n; g++) {
            FieldGroup *fg = col.groups.items[g];
            for (uint32_t k = 0; k < fg->nodes.n; k++) l[n++] = ((GqlSelection *)fg->nodes.items[k])->loc;
        }
        v_error(c, arena_printf(c->a, "%s must select only one top level field.", who), l, n);
    }
    for (uint32_t g = 0; g < col.groups.n; g++) {
        FieldGroup *fg = col.groups.items[g];
        const GqlSelection *first = fg->nodes.items[0];
        if (first->name.len < 2 || memcmp(first->name.ptr, "__", 2) != 0) continue;
        GqlLoc *l = ARENA_ARRAY(c->a, GqlLoc, fg->nodes.n);
        for (uint32_t k = 0; k < fg->nodes.n; k++) l[k] = ((GqlSelection *)fg->nodes.items[k])->loc;
        v_error(c, arena_printf(c->a, "%s must not select an introspection top level field.", who),
                l, fg->nodes.n);
    }
}

/* ---- MaxIntrospectionDepth (graphql-js v16 recommended rule, on by default) ---- */

/* True when some path below `ss` nests the introspection list fields three times. */
static bool introspection_too_deep(VCtx *c, const GqlSelectionSet *ss, int depth, Map *visiting)
{
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        if (s->kind == GQL_SEL_FRAGMENT_SPREAD) {
            if (map_gets(visiting, s->name)) continue;
            const GqlDefinition *f = vf_fragment(c, s->name);
            if (!f) continue;
            /* Memo: bit d set = known not too deep when entered at depth d. */
            uintptr_t memo = (uintptr_t)ptrmap_get(&c->introspection_memo, f);
            if (memo & (1u << depth)) continue;
            map_put(visiting, s->name.ptr, s->name.len, (void *)1);
            bool deep = introspection_too_deep(c, f->selection_set, depth, visiting);
            map_put(visiting, s->name.ptr, s->name.len, NULL);
            if (deep) return true;
            ptrmap_put(c->a, &c->introspection_memo, f, (void *)(memo | (1u << depth)));
            continue;
        }
        int d = depth;
        if (s->kind == GQL_SEL_FIELD &&
            (str_eqz(s->name, "fields") || str_eqz(s->name, "interfaces") ||
             str_eqz(s->name, "possibleTypes") || str_eqz(s->name, "inputFields"))) {
            if (++d >= 3) return true;
        }
        if (s->selection_set && introspection_too_deep(c, s->selection_set, d, visiting)) return true;
    }
    return false;
}

void vf_max_introspection_depth(VCtx *c, const GqlSelection *field)
{
    if (!str_eqz(field->name, "__schema") && !str_eqz(field->name, "__type")) return;
    if (!field->selection_set) return;
    Map visiting;
    map_init(&visiting, c->a, 8);
    if (introspection_too_deep(c, field->selection_set, 0, &visiting))
        v_errorf(c, field->loc, "Maximum introspection depth exceeded");
}

/* ---- relata's selection depth limit ---- */

/* Depth of a selection set after fragment expansion (a field counts one level, inline
 * fragments and spreads none). A spread back into a fragment being measured counts 0;
 * NoFragmentCycles reports the cycle. Memoised per selection set. */
static unsigned sel_depth(VCtx *c, const GqlSelectionSet *ss, PtrMap *memo)
{
    uintptr_t m = (uintptr_t)ptrmap_get(memo, ss);
    if (m == 1) return 0; /* in progress: a cycle */
    if (m) return (unsigned)(m - 2);
    ptrmap_put(c->a, memo, ss, (void *)1);
    unsigned best = 0;
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        unsigned d = 0;
        if (s->kind == GQL_SEL_FIELD) {
            d = 1 + (s->selection_set ? sel_depth(c, s->selection_set, memo) : 0);
        } else if (s->kind == GQL_SEL_INLINE_FRAGMENT) {
            d = sel_depth(c, s->selection_set, memo);
        } else {
            const GqlDefinition *f = vf_fragment(c, s->name);
            if (f) d = sel_depth(c, f->selection_set, memo);
        }
        if (d > best) best = d;
    }
    ptrmap_put(c->a, memo, ss, (void *)(uintptr_t)(best + 2));
    return best;
}

/* The first field (document order, through fragments) deeper than the limit. */
static const GqlSelection *find_too_deep(VCtx *c, const GqlSelectionSet *ss, unsigned level,
                                         PtrMap *memo, Map *visiting)
{
    for (uint32_t i = 0; i < ss->n; i++) {
        const GqlSelection *s = &ss->items[i];
        const GqlSelectionSet *sub = s->selection_set;
        unsigned next = level;
        if (s->kind == GQL_SEL_FIELD) {
            if (level + 1 > c->max_depth) return s;
            next = level + 1;
        } else if (s->kind == GQL_SEL_FRAGMENT_SPREAD) {
            const GqlDefinition *f = vf_fragment(c, s->name);
            if (!f || map_gets(visiting, s->name)) continue;
            sub = f->selection_set;
        }
        if (!sub || next + sel_depth(c, sub, memo) <= c->max_depth) continue;
        if (s->kind == GQL_SEL_FRAGMENT_SPREAD) map_put(visiting, s->name.ptr, s->name.len, (void *)1);
        const GqlSelection *hit = find_too_deep(c, sub, next, memo, visiting);
        if (s->kind == GQL_SEL_FRAGMENT_SPREAD) map_put(visiting, s->name.ptr, s->name.len, NULL);
        if (hit) return hit;
    }
    return NULL;
}

void vf_max_depth(VCtx *c, const GqlDefinition *op)
{
    if (!c->max_depth) return;
    PtrMap memo = {0};
    if (sel_depth(c, op->selection_set, &memo) <= c->max_depth) return;
    Map visiting;
    map_init(&visiting, c->a, 8);
    const GqlSelection *s = find_too_deep(c, op->selection_set, 0, &memo, &visiting);
    v_errorf(c, s ? s->loc : op->loc, "Query is nested too deeply (max depth %u).", c->max_depth);
}
